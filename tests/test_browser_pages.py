"""The directory pages in real headless Chromium: live open-now line, quick exit, 404."""

from __future__ import annotations

import pytest


def open_page(browser, url, when=None, **context_options):
    context = browser.new_context(timezone_id="America/Toronto", **context_options)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    if when:
        page.clock.install(time=when)
    page.goto(url)
    return context, page, errors


@pytest.mark.parametrize(
    "when, lang, path, expected",
    [
        # Monday 10:00 in Montréal: open until the lunch break.
        ("2026-11-23T15:00:00Z", "fr", "fr/organismes/cuisine-collective-du-quartier/", "Ouvert · ferme à 12\u00a0h"),
        ("2026-11-23T15:00:00Z", "en", "en/organizations/cuisine-collective-du-quartier/", "Open · closes at noon"),
        # Monday 12:30: lunch break.
        ("2026-11-23T17:30:00Z", "fr", "fr/organismes/cuisine-collective-du-quartier/", "Fermé · ouvre à 13\u00a0h"),
        # Monday 02:00: the night shelter opened Sunday 21:30 and closes at 7. It has a helpline,
        # whose hours no record gives: its place's hours are said as theirs (a phone probe's,
        # stop 90: "Fermé" under a crisis line's number read as no one answering at night).
        (
            "2026-11-23T07:00:00Z",
            "en",
            "en/organizations/halte-de-nuit-l-escale/",
            "On site: Open · closes at 7\u00a0a.m.",
        ),
        (
            "2026-11-23T17:00:00Z",
            "fr",
            "fr/organismes/halte-de-nuit-l-escale/",
            "Sur place\u00a0: Fermé · ouvre à 21\u00a0h\u00a030",
        ),
        # Christmas day, a holiday exception: closed, opens tomorrow (Saturday).
        (
            "2026-12-25T16:00:00Z",
            "fr",
            "fr/organismes/cuisine-collective-du-quartier/",
            "Fermé · ouvre demain à 10\u00a0h",
        ),
        ("2026-11-23T15:00:00Z", "en", "en/organizations/ligne-ecoute-provinciale/", "Open 24 hours a day"),
        # New Year's Day, a public holiday it declares nothing for: not said open (December's
        # probe: 1,104 of 1,693 places were "open" at 10:00 on Christmas). Its eve: not said
        # closed on it. A night shelter, open every day, keeps its hours.
        (
            "2027-01-01T16:00:00Z",
            "fr",
            "fr/organismes/cuisine-collective-du-quartier/",
            "Jour férié\u00a0: appelez avant de vous déplacer",
        ),
        (
            "2027-01-01T16:00:00Z",
            "en",
            "en/organizations/cuisine-collective-du-quartier/",
            "Public holiday: call before you go",
        ),
        (
            "2026-12-31T23:00:00Z",
            "en",
            "en/organizations/cuisine-collective-du-quartier/",
            "Closed · a public holiday next: call first",
        ),
        (
            "2027-01-01T07:00:00Z",
            "en",
            "en/organizations/halte-de-nuit-l-escale/",
            "On site: Open · closes at 7\u00a0a.m.",
        ),
        # The helpline's own line (HELPLINE_SCHEDULE): at 3 a.m. its box said "Call 2-1-1" and
        # no more, and a person called a closed line. Its hours are its own: open on a holiday.
        ("2026-11-23T08:00:00Z", "fr", "fr/", "Fermé · ouvre à 8\u00a0h"),
        ("2026-11-24T04:00:00Z", "fr", "fr/guide-n11/", "Fermé · ouvre demain à 8\u00a0h"),
        ("2026-11-23T17:00:00Z", "en", "en/", "Open · closes at 6\u00a0p.m."),
        ("2027-01-01T16:00:00Z", "en", "en/", "Open · closes at 6\u00a0p.m."),
    ],
)
def test_live_open_now_line(browser, site, when, lang, path, expected):
    context, page, errors = open_page(browser, site + path, when=when)
    line = page.locator('[data-module="open-now"]').first
    line.wait_for(state="visible")
    assert line.inner_text() == expected
    assert errors == []
    context.close()


@pytest.mark.parametrize("path", ["fr/categories/alimentation/", "en/organizations/cuisine-collective-du-quartier/"])
def test_open_now_lines_read_the_zone_from_the_page_not_intl(browser, site, path):
    # Intl's first use in a page is a long task on a cheap phone: the page's table answers.
    context = browser.new_context(timezone_id="America/Toronto")
    context.add_init_script("""
      window.__zoneAsked = 0;
      const Original = Intl.DateTimeFormat;
      Intl.DateTimeFormat = function (locale, options) {
        if (options && options.timeZone === "America/Toronto") window.__zoneAsked += 1;
        return new Original(locale, options);
      };
      Intl.DateTimeFormat.prototype = Original.prototype;""")
    page = context.new_page()
    page.clock.install(time="2026-11-23T15:00:00Z")
    page.goto(site + path)
    page.locator('[data-module="open-now"]').first.wait_for(state="visible")
    assert page.evaluate("window.__zoneAsked") == 0
    context.close()


def test_quick_exit_leaves_and_back_does_not_return(browser, site, demo_url):
    context, page, errors = open_page(browser, site + "fr/")
    # The neutral page is outside this machine's reach: answer it locally.
    context.route(
        "https://www.google.ca/**",
        lambda route: route.fulfill(body="<title>neutre</title>ok", content_type="text/html"),
    )
    page.goto(site + "fr/organismes/cuisine-collective-du-quartier/")
    page.get_by_role("link", name="Sortie rapide").click()
    page.wait_for_url("https://www.google.ca/**")
    page.go_back()
    assert "organismes/cuisine" not in page.url
    context.close()
    # Nor to the page before it: "back" showed the search with its words in the field (stop 78).
    for kept in (True, False):  # kept in memory by the browser, or loaded again
        context, page, errors = open_page(browser, demo_url + "fr/")
        context.route(
            "https://www.google.ca/**",
            lambda route: route.fulfill(body="<title>neutre</title>ok", content_type="text/html"),
        )
        if not kept:  # a page that cannot be kept in memory (an unload handler) is loaded again
            context.add_init_script("window.addEventListener('unload', () => {})")
        page.goto(demo_url + "fr/recherche/?q=violence+conjugale")
        page.locator(".org-card a").first.wait_for()
        page.locator(".org-card a").first.click()
        page.wait_for_url("**/organismes/**")
        page.get_by_role("link", name="Sortie rapide").click()
        page.wait_for_url("https://www.google.ca/**")
        page.go_back()
        page.wait_for_url("https://www.google.ca/**")
        assert "violence" not in page.content(), kept
        # Nor after the site is opened anew in the tab: "back" past it came to the search (a
        # reviewer's), while the pages seen since stay themselves.
        page.goto(demo_url + "fr/")
        page.goto(demo_url + "fr/categories/alimentation/")
        page.go_back()
        page.wait_for_url(demo_url + "fr/")
        page.go_back()
        page.wait_for_url("https://www.google.ca/**")  # the neutral page the exit went to
        page.go_back()  # the search, from before the exit
        page.wait_for_url("https://www.google.ca/**")
        assert "violence" not in page.content(), kept
        context.close()
    # Opened anew, the site is itself again.
    context, page, errors = open_page(browser, demo_url + "fr/recherche/?q=violence+conjugale")
    page.locator(".org-card a").first.wait_for()
    assert page.url.endswith("?q=violence+conjugale")
    context.close()


def test_pages_have_no_script_errors_on_a_phone(browser, site):
    for path in [
        "fr/",
        "en/",
        "fr/categories/alimentation/",
        "en/regions/montreal/",
        "fr/organismes/halte-de-nuit-l-escale/",
        "fr/guide-n11/",
        "en/about/",
    ]:
        context, page, errors = open_page(
            browser, site + path, viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
        )
        assert errors == [], path
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)  # nothing overflows a small phone screen
        context.close()


def test_unknown_address_gets_the_404_page(browser, site):
    # A real host serves /404.html for unknown paths; http.server does not, so open it directly.
    context, page, errors = open_page(browser, site + "404.html")
    assert "Page introuvable" in page.inner_text("main")
    page.get_by_role("link", name="Back to the home page").click()
    assert page.url.endswith("/en/")
    context.close()


def _pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of a PDF, words separated by single spaces."""
    import io

    from pypdf import PdfReader

    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_a_printed_organization_keeps_what_a_counsellor_needs(browser, demo_url, demo_records):
    from conftest import first_record

    org = first_record(demo_records, "with two locations and hours", lambda o: len(o.data.get("locations") or []) > 1)
    context, page, errors = open_page(browser, demo_url + f"fr/organismes/{org.id}/")
    page.emulate_media(media="print")
    # Whom to call back, the numbers, the addresses and the hours are on paper...
    for selector in (".brand", ".print-footer", ".call-link", ".location .address", ".record-footer p"):
        assert page.locator(selector).first.is_visible(), selector
    # ... not what works only on a screen, nor "open now", true only when it was printed.
    for selector in (
        ".quick-exit",
        ".menu-button",
        ".site-nav",
        ".breadcrumbs",
        ".footer-links",
        ".open-now",
        ".directions",
        ".map-block",
        ".list-toggle",
        ".quick-actions .button--secondary",
        ".record-footer .no-print",
        ".site-footer",  # its lines are printed in the page (.print-footer)
    ):
        assert all(not element.is_visible() for element in page.locator(selector).all()), selector
    pages = _pdf_pages(page.pdf(format="Letter"))
    assert "OpenStreetMap" not in " ".join(pages)
    # The first sheet is filled, not left blank under the description: how to reach the
    # organization starts on it.
    assert "Pour joindre l'organisme" in pages[0], pages[0]
    assert errors == []
    context.close()


def test_a_printed_organization_gives_where_and_when_before_its_services_and_no_sheet_to_its_footer(
    browser, demo_url, demo_records
):
    # A printing probe (stop 79): the addresses and hours came after every service, on the
    # third sheet of four; a fifth of the pages sampled spent a sheet on the footer's two
    # lines alone. The longest records, with services, at a browser's margins.
    import unicodedata

    longest = sorted(
        (org for org in demo_records if org.data.get("services") and org.data.get("locations")),
        key=lambda org: -len(str(org.data)),
    )[:12]
    context, page, errors = open_page(browser, demo_url + "fr/")
    page.emulate_media(media="print")
    footer = "Besoin d'aide pour trouver une ressource"
    for org in longest:
        page.goto(demo_url + f"fr/organismes/{org.id}/")
        pdf = page.pdf(format="Letter", margin={side: "0.4in" for side in ("top", "right", "bottom", "left")})
        sheets = [unicodedata.normalize("NFKC", sheet) for sheet in _pdf_pages(pdf)]
        text = " ".join(sheets)
        street = " ".join(org.data["locations"][0]["address"]["street"].split())
        services = page.locator("#services-title").inner_text() + " " + org.data["services"][0]["name"]["fr"]
        assert text.index(street) < text.index(" ".join(services.split())), org.id
        # The last sheet holds more than the footer: the lines before it (its own last lines too).
        last = sheets[-1]
        assert footer in last and len(last[: last.index(footer)]) > 200, (org.id, last)
    assert errors == []
    context.close()


def test_a_category_printed_says_what_it_is_under_its_name(browser, demo_url):
    # A phone and print probe's: the category's description came after its list, alone with the
    # footer on the last of three sheets.
    import unicodedata

    context, page, errors = open_page(browser, demo_url + "fr/categories/alimentation/")
    page.emulate_media(media="print")
    description = " ".join(page.locator(".lead.print-only").inner_text().split())
    assert description and page.locator(".lead.no-print").is_hidden()
    sheets = [" ".join(unicodedata.normalize("NFKC", sheet).split()) for sheet in _pdf_pages(page.pdf(format="A4"))]
    assert description in sheets[0] and description not in " ".join(sheets[1:])
    assert len(sheets) == 1 or len(sheets[-1]) > 300, sheets[-1]
    page.emulate_media(media="screen")  # on a screen, after the list: the first organizations come first
    assert page.locator(".lead.print-only").is_hidden() and page.locator(".lead.no-print").is_visible()
    assert errors == []
    context.close()


def test_a_printed_home_page_keeps_each_category_with_its_count(browser, demo_url):
    # A printing probe (stop 79): with narrow margins a category's tile was cut between sheets,
    # its count on the next.
    context, page, errors = open_page(browser, demo_url + "fr/")
    page.emulate_media(media="print")
    tiles = page.locator(".category-grid li").evaluate_all("items => items.map((li) => li.innerText)")
    assert len(tiles) >= 10
    for margin in ("0", "0.4in"):
        sheets = _pdf_pages(
            page.pdf(format="Letter", margin={side: margin for side in ("top", "right", "bottom", "left")})
        )
        for tile in tiles:
            said = " ".join(tile.split())
            assert any(said in sheet for sheet in sheets), (margin, said)
    assert errors == []
    context.close()


@pytest.mark.parametrize("path, number", [("fr/guide-n11/", "Numéro :"), ("en/n11-guide/", "Number:")])
def test_the_printed_n11_guide_keeps_each_number_with_its_heading(browser, demo_url, path, number):
    # A counsellor's print probe: "9-8-8 : crise de suicide" ended a sheet, its number began
    # the next; the poison centre likewise, with a browser's margins.
    import io
    import unicodedata

    from pypdf import PdfReader

    context, page, errors = open_page(browser, demo_url + path)
    page.emulate_media(media="print")
    # Each heading of the guide, and the line under it that gives its number.
    pairs = page.evaluate(
        """(number) => [...document.querySelectorAll('main h2')].map((h) => {
          let line = null;
          for (let e = h.nextElementSibling ?? h.parentElement.nextElementSibling?.firstElementChild; e && e.tagName !== 'H2';
               e = e.nextElementSibling) {
            if (e.textContent.replace(/\\s+/g, ' ').trim().startsWith(number)) { line = e.textContent; break; }
          }
          return [h.textContent, line];
        }).filter(([, line]) => line)""",
        number,
    )
    assert len(pairs) >= 8
    # The 2-1-1's button in ink: its white words on a green that does not print were faint.
    ink, paper = page.locator(".button--call").first.evaluate(
        "b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]"
    )
    assert ink != "rgb(255, 255, 255)" and paper in ("rgba(0, 0, 0, 0)", "transparent"), (ink, paper)
    # Words as compared: ligatures ("ﬁ" of a PDF) and no-break spaces as the letters and spaces.
    said = lambda text: " ".join(unicodedata.normalize("NFKC", text).split())  # noqa: E731
    for margin in ("0", "0.4in"):
        pdf = page.pdf(format="Letter", margin={side: margin for side in ("top", "right", "bottom", "left")})
        sheets = [said(sheet.extract_text()) for sheet in PdfReader(io.BytesIO(pdf)).pages]
        for heading, line in pairs:
            on = [n for n, text in enumerate(sheets) if said(heading) in text]
            assert on and said(line) in sheets[on[0]], (margin, heading, on)
    context.close()
    assert errors == []


@pytest.mark.parametrize("path", ["fr/categories/{category}/", "fr/recherche/?category={category}"])
def test_a_printed_list_says_which_organizations_to_call_before_going(browser, demo_url, demo_records, path):
    # A counsellor's print probe: a category's, a region's and a search's printouts gave the
    # address and hours of records past their review date as if current, without the "call
    # before you go" of their pages, kept lists and PDFs.
    import datetime as dt

    from conftest import TODAY

    today = dt.date.fromisoformat(TODAY)
    listed = [org for org in demo_records if org.status != "inactive"]
    category = max(
        {org.primary_category for org in listed},
        key=lambda slug: sum(org.primary_category == slug and org.is_stale(today, 365) for org in listed),
    )
    members = [org for org in listed if category in org.categories]
    stale = {org.id for org in members if org.is_stale(today, 365)}
    assert stale and len(stale) < len(members)
    context, page, errors = open_page(browser, demo_url + path.format(category=category))
    page.locator(".org-card").first.wait_for()
    page.wait_for_timeout(300)
    page.emulate_media(media="print")
    cards = page.locator(".org-card").all()
    assert len(cards) >= len(stale)
    for card in cards:
        slug = card.locator(".org-card__name a").get_attribute("href").rstrip("/").rsplit("/", 1)[-1]
        said = card.locator(".org-card__stale")
        if slug in stale:
            assert said.is_visible() and said.inner_text().endswith("appelez avant de vous déplacer."), slug
        else:
            assert said.count() == 0, slug
    page.emulate_media(media="screen")
    assert all(not said.is_visible() for said in page.locator(".org-card__stale").all())
    context.close()
    assert errors == []


def test_a_printout_never_ends_on_a_sheet_holding_only_the_footer(browser, demo_url, demo_records):
    # A third of the organizations' printouts ended on a sheet holding only "Need help? Call
    # 2-1-1" and the data's date: the footer came after <main>, and Chromium put it alone
    # whatever it was told. A quarter of the demonstration's organizations, in order, and
    # those of three places: one's fourth sheet held the footer's last line alone, all of the
    # page's end being kept together and Chromium breaking at its last place.
    context, page, errors = open_page(browser, demo_url + "fr/")
    page.emulate_media(media="print")
    footer_lines = None
    ordered = sorted(demo_records, key=lambda o: o.id)
    many_places = [o for o in ordered if len(o.data.get("locations") or []) >= 3]
    assert many_places, "the demonstration has organizations of three places"
    for org in ordered[::4] + many_places:
        page.goto(demo_url + f"fr/organismes/{org.id}/")
        if footer_lines is None:
            footer_lines = [" ".join(line.split()) for line in page.locator(".print-footer p").all_inner_texts()]
            assert len(footer_lines) == 2, footer_lines  # whom to call, the data's date
        pages = _pdf_pages(page.pdf(format="Letter"))
        last = pages[-1]
        for line in footer_lines:
            last = last.replace(line, "")
        assert len(pages) == 1 or last.strip(), (org.id, pages[-1])
    assert errors == []
    context.close()


def _printed_places(page) -> dict[str, list[str]]:
    """Each card's organization id and the lines its places print."""
    cards = page.locator(".org-card").evaluate_all(
        """cards => cards.map((c) => [c.querySelector('.org-card__name a').href,
            [...c.querySelectorAll('.org-card__places p')].map((line) => line.innerText)])"""
    )
    return {href.rstrip("/").rsplit("/", 1)[1]: places for href, places in cards}


def _places_in_short(org, lang: str) -> list[str]:
    """What a printed list says of an organization's places on the build's day, as the printed
    directory does: where, the week, and the special hours ahead."""
    import datetime as dt

    from conftest import ROOT, TODAY
    from repertoire.catalogs import load_catalog
    from repertoire.wording import address_line, special_in_short, week_in_short

    locale, translations = {"fr": "fr_CA", "en": "en_CA"}[lang], str(ROOT / "theme" / "translations")
    label = load_catalog(translations, lang).gettext("Special hours:")

    def place(loc) -> str:
        week = week_in_short(loc, lang, translations, locale)
        line = f"{address_line(loc, lang)} — {week}" if address_line(loc, lang) else week
        special = special_in_short(loc, dt.date.fromisoformat(TODAY), lang, translations, locale)
        return f"{line}\n{label} {special}" if special else line

    return [place(loc) for loc in org.data.get("locations") or []]


def test_printed_search_results_say_what_was_searched(browser, demo_url, demo_records):
    # A counsellor prints the results for a person: the words searched were not on paper.
    from conftest import TODAY

    # On the build's day, noon in Montréal: a printed card lists the special hours from the day printed.
    context, page, errors = open_page(browser, demo_url + "fr/recherche/?q=banque+alimentaire", f"{TODAY}T17:00:00Z")
    page.locator("[data-search-list] li").first.wait_for()
    assert not page.locator(".org-card__places").first.is_visible()  # a screen has the page a tap away
    page.emulate_media(media="print")
    assert page.locator("#q-page").is_visible() and page.locator("#q-page").input_value() == "banque alimentaire"
    assert not page.locator(".search-form button").first.is_visible()
    assert "banque alimentaire" in _pdf_pages(page.pdf(format="Letter"))[0]
    # Where and when, as the printed directory says them: a printout has no page to open.
    printed = _printed_places(page)
    assert len(printed) >= 3 and page.locator(".org-card__places").first.is_visible()
    by_id = {org.id: org for org in demo_records}
    assert printed == {org_id: _places_in_short(by_id[org_id], "fr") for org_id in printed}
    assert errors == []
    context.close()


def test_a_printed_list_keeps_each_card_on_one_page(browser, demo_url, demo_records):
    from collections import Counter

    from conftest import first_record

    counts = Counter(org.primary_category for org in demo_records)
    biggest = max(counts, key=counts.get)
    first_record(demo_records, "in a category of a dozen", lambda o: counts[biggest] >= 12)
    context, page, errors = open_page(browser, demo_url + f"fr/categories/{biggest}/")
    page.emulate_media(media="print")
    cards = page.locator(".org-card").evaluate_all(
        "cards => cards.map((c) => [c.querySelector('.org-card__name').innerText, c.querySelector('.call-link')?.innerText])"
    )
    printed = _printed_places(page)
    by_id = {org.id: org for org in demo_records}
    assert printed == {org_id: _places_in_short(by_id[org_id], "fr") for org_id in printed}
    pages = _pdf_pages(page.pdf(format="Letter"))
    assert len(pages) >= 2  # enough cards for a page break to fall somewhere
    assert "Télécharger cette liste" not in " ".join(pages)  # links to files mean nothing on paper
    for name, phone in cards:
        first_words = " ".join(name.split()[:3])
        holding = [text for text in pages if first_words in text]
        assert holding, name
        if phone:  # the name and the number to call on the same sheet
            assert any(" ".join(phone.split()) in text for text in holding), name
    assert not any("Ouvert ·" in text or "Fermé ·" in text for text in pages)
    assert errors == []
    context.close()


def test_a_printed_list_gives_every_number_and_the_website(browser, demo_url, demo_records):
    # A counsellor printed a category for someone: each card had its first number only, and
    # no website, where the printed directory has them all.
    from conftest import first_record
    from repertoire.compact import every_phone
    from repertoire.records import text

    org = first_record(
        demo_records,
        "with two numbers, one described, and a website",
        lambda o: (
            len(every_phone(o.data)) >= 2
            and any(p.get("description") for p in every_phone(o.data))
            and o.data.get("website")
            and o.status == "active"
        ),
    )
    context, page, errors = open_page(browser, demo_url + f"fr/categories/{org.primary_category}/")
    card = page.locator(".org-card").filter(has=page.locator(f'a[href$="/organismes/{org.id}/"]'))
    assert not card.locator(".org-card__contact").is_visible()  # a screen has the page a tap away
    page.emulate_media(media="print")
    line = card.locator(".org-card__contact").inner_text()
    digits = "".join(c for c in line if c.isdigit())
    for phone in every_phone(org.data):
        assert "".join(c for c in phone["number"] if c.isdigit()) in digits, (phone, line)
        # What the number is, as its page says: reception, toll-free, a crisis line.
        assert not phone.get("description") or f"({text(phone['description'], 'fr')[0]})" in line, (phone, line)
    assert org.data["website"] in line
    assert not card.locator(".call-link").is_visible()  # its number is the line's first
    assert errors == []
    context.close()


def test_several_numbers_line_up_beside_their_term_on_a_wide_screen(browser, demo_url, demo_records):
    from conftest import first_record

    org = first_record(demo_records, "with three phones", lambda o: len(o.data.get("phones") or []) >= 3)
    context, page, errors = open_page(
        browser, demo_url + f"fr/organismes/{org.id}/", viewport={"width": 1024, "height": 800}
    )
    boxes = page.locator(".contact .facts dd").evaluate_all("dds => dds.map((dd) => dd.getBoundingClientRect().left)")
    terms = page.locator(".contact .facts dt").first.bounding_box()
    assert len(set(boxes)) == 1 and boxes[0] > terms["x"] + terms["width"]  # one column, right of the terms
    context.close()


@pytest.mark.parametrize("width, text", [(320, "125%"), (390, "150%")])
def test_larger_text_keeps_the_quick_exit_on_screen_and_nothing_sideways(browser, demo_url, demo_records, width, text):
    from conftest import first_record

    org = first_record(
        demo_records, "with opening hours", lambda o: any(loc.get("hours") for loc in o.data.get("locations") or [])
    )
    for path in (f"fr/organismes/{org.id}/", "fr/", "fr/recherche/?q=logement"):
        # A phone set to larger text: the page's root font grows (the style is added past the page's CSP).
        context, page, errors = open_page(
            browser, demo_url + path, viewport={"width": width, "height": 700}, bypass_csp=True
        )
        page.add_style_tag(content=f"html {{ font-size: {text}; }}")
        exit_box = page.locator(".quick-exit").bounding_box()
        assert exit_box["x"] >= 0 and exit_box["x"] + exit_box["width"] <= width, path
        assert page.evaluate("document.documentElement.scrollWidth") <= width, path
        context.close()


@pytest.mark.parametrize("lang, path, name", [("fr", "fr/recherche/", "Rechercher"), ("en", "en/", "Search")])
def test_on_the_narrowest_phone_the_search_box_keeps_most_of_the_row(browser, demo_url, lang, path, name):
    context, page, errors = open_page(browser, demo_url + path, viewport={"width": 320, "height": 640})
    form = page.locator("main .search-form").first
    box = form.locator("input[type=search]").bounding_box()
    button = form.get_by_role("button", name=name)
    button_box = button.bounding_box()
    # One row: typed words stay readable (the word on the button left the box 131 px of 288).
    assert abs(button_box["y"] - box["y"]) < 8 and box["width"] >= 200, box
    assert button_box["width"] >= 44 and button_box["height"] >= 44
    page.fill("main input[type=search]", "logement")
    button.click()
    page.wait_for_url("**q=logement**")
    context.close()
    assert errors == []


def test_on_a_computer_the_language_switch_sits_beside_the_quick_exit(browser, demo_url):
    context, page, errors = open_page(browser, demo_url + "fr/", viewport={"width": 1024, "height": 768})
    switch = page.locator(".language-switch").bounding_box()
    exit_box = page.locator(".quick-exit").bounding_box()
    assert 0 <= exit_box["x"] - (switch["x"] + switch["width"]) <= 24  # one bar, controls at the right
    assert exit_box["x"] + exit_box["width"] > 1000
    context.close()


@pytest.mark.parametrize("width, text", [(390, "125%"), (320, "150%"), (1024, "100%")])
def test_a_linked_place_on_the_page_is_not_under_the_header(browser, demo_url, demo_records, width, text):
    from conftest import first_record

    org = first_record(demo_records, "with two locations", lambda o: len(o.data.get("locations") or []) > 1)
    context, page, errors = open_page(
        browser, demo_url + f"fr/organismes/{org.id}/", viewport={"width": width, "height": 700}, bypass_csp=True
    )
    page.add_style_tag(content=f"html {{ font-size: {text}; }}")
    page.wait_for_timeout(200)  # the header measured again
    target = f"location-{org.data['locations'][-1]['id']}"
    page.evaluate(f"location.hash = '#{target}'")
    page.wait_for_timeout(200)
    header = page.locator(".site-header").bounding_box()
    assert page.locator(f"#{target}").bounding_box()["y"] >= header["y"] + header["height"], (width, text)
    context.close()
    assert errors == []


def test_a_card_with_a_helpline_says_its_places_hours_as_theirs(browser, demo_url, demo_records):
    # Under a helpline's number, "Fermé" read as no one answering at night (a phone probe's,
    # stop 90): a search result's card and a category's say "Sur place" first; a card of an
    # organization without one says its status alone. Monday 23:00 in Montréal.
    from conftest import first_record

    def helpline(org):  # and places not open round the clock (said as they are)
        places = org.data.get("locations") or []
        timed = places and all(p.get("hours") and not p.get("open_24_7") for p in places)
        return (
            org.status == "active" and timed and any(p.get("type") == "hotline" for p in org.data.get("phones") or [])
        )

    org = first_record(demo_records, "with a helpline and hours of its own", helpline)
    context, page, errors = open_page(browser, demo_url + "fr/recherche/?q=" + org.id, when="2026-11-24T04:00:00Z")
    card = page.locator("[data-search-list] > li").filter(has=page.locator(f'a[href*="{org.id}"]')).first
    card.locator(".open-now").wait_for()
    assert card.locator(".open-now").inner_text().startswith("Sur place\u00a0: ")
    category = org.data["categories"][0]
    page.goto(demo_url + f"fr/categories/{category}/")
    lines = page.locator(".org-card .open-now[data-state]")
    lines.first.wait_for()
    said = {text.startswith("Sur place") for text in lines.all_inner_texts()}
    assert said == {True, False}  # the category lists organizations with and without a helpline
    context.close()
    assert errors == []


def test_open_day_and_night_is_printed_while_open_now_is_not(browser, demo_url, demo_records):
    from conftest import first_record

    def always(org):
        first = (org.data.get("locations") or [{}])[0]
        return org.status == "active" and first.get("open_24_7")

    org = first_record(demo_records, "open day and night", always)
    context, page, errors = open_page(browser, demo_url + f"fr/categories/{org.primary_category}/")
    card = page.locator(".org-card", has=page.locator(f"a[href$='/{org.id}/']"))
    card.locator(".open-now[data-state]").wait_for()
    page.emulate_media(media="print")
    assert card.locator(".open-now").is_visible()  # a fact, true on paper too
    others = page.locator(".open-now[data-state]:not([data-always])")
    assert all(not line.is_visible() for line in others.all())
    context.close()
    assert errors == []


# --- long words, paragraphs, notes: what records say that the fixtures did not ------------------


@pytest.fixture(scope="module")
def long_words_site(tmp_path_factory):
    """The fixtures and a record as contributors write them too: a name of one long word, an
    address pasted in the description, a service of two paragraphs, a holiday with a note."""
    import copy  # the second place written out: records refuse YAML anchors
    import shutil

    import yaml

    from conftest import FIXTURES, build_site, make_content

    base = tmp_path_factory.mktemp("long-words")
    records = base / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    data = yaml.safe_load((records / "cuisine-collective-du-quartier.yaml").read_text(encoding="utf-8"))
    data.update(
        id="long-words",
        name="Regroupementinterrégionaldesorganismescommunautairesdelasantémentale",
        description="Tout est sur https://example.org/" + "une/adresse/tres/longue/" * 8 + " depuis 1998.",
    )
    data["services"][0]["description"] = {
        "fr": "Premier paragraphe.\n\nServices :\n- repas\n- vêtements\n\nUn texte coupé\ndans son fichier.",
        "en": "First.\n\nServices:\n- meals\n- clothing\n\nA text wrapped\nin its file.",
    }
    data["locations"].append(
        {**copy.deepcopy(data["locations"][0]), "id": "second", "name": {"fr": "Second point", "en": "Second site"}}
    )
    data["locations"][0]["exceptions"] = [
        {"date": "2026-12-24", "opens": "13:00", "closes": "15:00"},  # its hours in two parts
        {
            "date": "2026-12-24",
            "opens": "09:00",
            "closes": "12:00",
            "description": {"fr": "Veille de Noël", "en": "Christmas Eve"},
        },
        {"date": "2026-12-31", "opens": "20:00", "closes": "03:00"},  # past midnight
    ]
    (records / "long-words.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return build_site(make_content(base, organizations=records), base / "output")


@pytest.mark.parametrize("width", [320, 1280])
def test_a_word_longer_than_the_screen_breaks_instead_of_widening_the_page(browser, long_words_site, width):
    from browser import serve

    with serve(long_words_site) as base:
        # Its page, and the list and the search where one long name widened every card.
        for path in ["fr/organismes/long-words/", "fr/categories/alimentation/", "fr/recherche/?q=regroupement"]:
            context, page, errors = open_page(browser, base + path, viewport={"width": width, "height": 800})
            if "recherche" in path:
                page.locator("[data-search-list] .org-card").first.wait_for()
            assert page.evaluate("document.documentElement.scrollWidth") <= width, path
            assert errors == [], path
            context.close()


def test_a_service_keeps_its_paragraphs_and_a_special_day_its_note(long_words_site):
    from pages import read

    for path, note in (
        ("fr/organismes/long-words/index.html", "Veille de Noël"),
        ("en/organizations/long-words/index.html", "Christmas Eve"),
    ):
        doc = read(long_words_site / path)
        service = doc.find("section", class_="service")
        shown = [[part.strip() for part in p.children if isinstance(part, str)] for p in service.find_all("p")]
        # Its paragraphs, not one run of text; its list's lines kept ("Services : - repas -
        # vêtements" ran together); a line its file wrapped, joined.
        assert (
            shown[:3]
            == {
                "fr": [
                    ["Premier paragraphe."],
                    ["Services :", "- repas", "- vêtements"],
                    ["Un texte coupé dans son fichier."],
                ],
                "en": [["First."], ["Services:", "- meals", "- clothing"], ["A text wrapped in its file."]],
            }[path[:2]]
        ), shown
        special = doc.find("ul", class_="exceptions").text
        assert note in special, (path, special)
        # Christmas Eve's hours in two parts, in order, whatever the order they are written in.
        first, second = (
            ("9\u00a0h à 12\u00a0h", "13\u00a0h à 15\u00a0h")
            if path.startswith("fr")
            else ("9\u00a0a.m. to noon", "1\u00a0p.m. to 3\u00a0p.m.")
        )
        assert first in special and second in special and special.index(first) < special.index(second), special
        # Special hours past midnight say so, as the week's hours do.
        late = doc.find("ul", class_="exceptions").find_all("li")[-1].text
        assert ("(le lendemain)" if path.startswith("fr") else "(next day)") in late, late
        assert "(le lendemain)" not in special.split(late)[0] and "(next day)" not in special.split(late)[0]


@pytest.mark.parametrize(
    "when, shown",
    [
        ("2026-11-23T15:00:00Z", ["24 décembre", "24 décembre", "31 décembre"]),  # the build's day
        ("2026-12-25T15:00:00Z", ["31 décembre"]),
        ("2027-01-01T06:00:00Z", ["31 décembre"]),  # 1 a.m.: its night, 20 h to 3 h, still runs (a reviewer's)
        ("2027-01-02T15:00:00Z", []),
    ],
)
def test_special_days_gone_since_the_build_are_not_listed(browser, long_words_site, when, shown):
    # A page saved offline, or built a week ago, said "24 décembre : de 9 h à 12 h" in January.
    from browser import serve

    with serve(long_words_site) as base:
        context, page, errors = open_page(browser, base + "fr/organismes/long-words/", when=when)
        page.locator(".location [data-module=open-now]").first.wait_for()
        first_place = page.locator(".location").first
        listed = first_place.locator("ul.exceptions li").all_inner_texts()
        assert [" ".join(text.split()[:2]) for text in listed] == shown, listed
        assert first_place.get_by_role("heading", name="Heures particulières").count() == (1 if shown else 0)
        ahead = page.locator(".special-ahead")
        if shown:
            said = ahead.inner_text()
            # Its days after the title, from the first still ahead, each once, joined as written.
            days = said.split(":", 1)[1].strip()
            assert days.startswith(shown[0]) and days.count("décembre") == len(shown), said
            assert not days.startswith(";") and ";;" not in days.replace(" ", ""), said
        else:
            assert ahead.count() == 0
        assert errors == []
        context.close()


def test_an_organization_printed_puts_its_week_in_two_columns_and_its_footer_in_two_lines(browser, long_words_site):
    # 15 of 60 organizations printed took a sheet for their footer alone (a counsellor's print
    # probe): the week a day a line, the footer five lines with their margins.
    from browser import serve

    with serve(long_words_site) as base:
        for path in ("fr/organismes/long-words/", "en/organizations/long-words/"):
            context, page, errors = open_page(browser, base + path, viewport={"width": 816, "height": 1056})
            page.emulate_media(media="print")
            rows = page.locator(".location").first.locator("table.hours tbody tr")
            assert rows.count() == 7
            tops = [round(rows.nth(day).bounding_box()["y"]) for day in range(7)]
            assert tops[4] == tops[0] and tops[5] == tops[1] and tops[6] == tops[2], tops  # Friday beside Monday
            lefts = [round(rows.nth(day).bounding_box()["x"]) for day in (0, 4)]
            assert lefts[1] > lefts[0], lefts
            footer = page.locator(".record-footer")
            line = float(footer.evaluate("e => parseFloat(getComputedStyle(e).fontSize) * 1.6"))
            assert footer.bounding_box()["height"] <= 2.6 * line, (path, footer.bounding_box(), line)
            assert "2-1-1" in footer.inner_text() and errors == []
            context.close()


@pytest.mark.parametrize("width", [320, 1280])
def test_the_skip_link_shows_above_the_header_when_focused(browser, site, width):
    context, page, errors = open_page(
        browser, site + "fr/organismes/halte-de-nuit-l-escale/", viewport={"width": width, "height": 740}
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    box = page.locator(".skip-link").bounding_box()
    middle = [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2]
    assert page.evaluate("([x, y]) => Boolean(document.elementFromPoint(x, y).closest('.skip-link'))", middle)
    context.close()


def test_open_now_lines_speak_once_for_the_first_place_and_only_when_they_change(browser, long_words_site):
    from browser import serve

    with serve(long_words_site) as base:
        # Monday 10:00: open until 12:00, for the five minutes watched.
        context, page, errors = open_page(browser, base + "fr/organismes/long-words/", when="2026-11-23T15:00:00Z")
        lines = page.locator(".location [data-module=open-now]")
        lines.first.wait_for()
        assert lines.count() == 2 and page.locator("main [aria-live]").count() == 1
        page.evaluate("""() => { window.changes = 0; new MutationObserver((seen) => { window.changes += seen.length; })
            .observe(document.querySelector('main'), { subtree: true, childList: true, characterData: true }); }""")
        page.clock.run_for(5 * 60 * 1000)
        assert page.evaluate("window.changes") == 0  # a live line rewritten is read out again
        assert errors == []
        context.close()


def test_the_hours_tables_of_several_places_are_told_apart(long_words_site):
    from pages import read

    doc = read(long_words_site / "fr/organismes/long-words/index.html")
    captions = [caption.text for caption in doc.find_all("caption")]
    assert len(captions) == 2 and len(set(captions)) == 2, captions
    assert captions[1].endswith("Second point"), captions


def test_the_offline_page_shows_a_texts_lines_as_the_page_does(tmp_path):
    # offline-record.js draws the pages the phone never visited: the same lines as the site's.
    from conftest import run_in_node
    from repertoire.paragraphs import paragraphs_of

    texts = [
        "Premier paragraphe.\n\nServices :\n- repas\n- vêtements\n\nUn texte coupé\ndans son fichier.",
        "Un paragraphe.\n   \nUn autre, après une ligne d'espaces.",
        "Étapes :\n1. Appeler\n2) Venir\n• sur place\n* ou en ligne\n\n\n\nFin:   \n  suite",
        "Un tiret - au milieu\n-sans espace",
        "",
    ]
    script = (
        'import { paragraphsOf } from "./module.mjs";\n'
        "console.log(JSON.stringify(JSON.parse(process.argv[2]).map(paragraphsOf)));\n"
    )
    assert run_in_node(tmp_path, "record.js", script, texts) == [paragraphs_of(text) for text in texts]


def test_an_address_is_written_alike_by_pages_printouts_and_the_browser(tmp_path):
    # A unit with no street ("Bureau 5" of a building the city knows) and a region were left
    # out of pages, printed directories and offline pages (contract probe, stop 69).
    from conftest import run_in_node
    from repertoire.wording import address_line, city_line, street_line

    addresses = [
        {"street": "1, rue Exemple", "unit": "bureau 4", "city": "Laval", "postal_code": "H7N 1A1"},
        {"unit": "Bureau 5", "city": "Laval", "region": "Montérégie"},
        {"street": "2, rue Autre", "city": "Gatineau", "region": "Québec", "postal_code": "J8X 1A1"},
        {"city": "Rimouski"},
    ]
    script = (
        'import { addressLine, cityLine, streetLine } from "./module.mjs";\n'
        "const all = JSON.parse(process.argv[2]);\n"
        "console.log(JSON.stringify(all.map((a) => [streetLine(a), cityLine(a), addressLine({ address: a })])));\n"
    )
    expected = [[street_line(a), city_line(a), address_line({"address": a}, "fr")] for a in addresses]
    assert expected[1] == ["Bureau 5", "Laval (Montérégie)", "Bureau 5, Laval (Montérégie)"]
    assert expected[2][2] == "2, rue Autre, Gatineau (Québec) J8X 1A1"
    assert run_in_node(tmp_path, "record.js", script, addresses) == expected


def test_a_printout_keeps_an_organization_s_phone_numbers_on_one_sheet(browser, tmp_path):
    # A counsellor's printouts (a probe of 40 organizations of a 2,000-record site): five put
    # their numbers over two sheets, the second's TTY line without its "Phones". Records whose
    # descriptions grow a line at a time bring the numbers to every place on the first sheet.
    import shutil

    import yaml

    from browser import serve
    from conftest import FIXTURES, build_site, make_content

    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    data = yaml.safe_load((records / "cuisine-collective-du-quartier.yaml").read_text(encoding="utf-8"))
    phones = ["514 555-0123", "514 555-0127", "514 555-0129"]
    data["phones"] = [
        {"number": phones[0], "type": "voice", "description": {"fr": "Accueil", "en": "Reception"}},
        {"number": phones[1], "type": "tty"},
        {"number": phones[2], "type": "text"},
    ]
    sentence = "Un repas chaud, des paniers et une écoute pour les familles du quartier. "
    for lines in range(10, 40):
        (records / f"sheet-{lines}.yaml").write_text(
            yaml.safe_dump(
                {**data, "id": f"sheet-{lines}", "description": {"fr": sentence * lines, "en": sentence * lines}},
                allow_unicode=True,
            ),
            encoding="utf-8",
        )
    site = build_site(make_content(tmp_path, organizations=records), tmp_path / "output")
    with serve(site) as base:
        context, page, errors = open_page(browser, base + "fr/")
        split = []
        for lines in range(10, 40):
            page.goto(base + f"fr/organismes/sheet-{lines}/")
            sheets = _pdf_pages(page.pdf(format="Letter"))
            # After the first sheet's call button (the first number), where the section has them.
            contact = next(n for n, text in enumerate(sheets) if "Pour joindre l'organisme" in text)
            after = [sheets[contact].split("Pour joindre l'organisme", 1)[1], *sheets[contact + 1 :]]
            where = {next(n for n, text in enumerate(after) if number in " ".join(text.split())) for number in phones}
            if len(where) > 1:
                split.append(lines)
        assert split == []
        assert errors == []
        context.close()


IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
ANDROID = (
    "Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize(
    "agent, button, per_place",
    [
        # A computer's browser opens no geo: link: the button did nothing (a helper's probe, stop 76).
        (None, "https://www.openstreetmap.org/directions?to=", 1),
        (IPHONE, "https://maps.apple.com/?daddr=", 2),  # nor Safari on an iPhone
        (ANDROID, "geo:", 2),
    ],
    ids=["computer", "iphone", "android"],
)
def test_directions_open_in_what_the_device_has(browser, site, agent, button, per_place):
    options = {"user_agent": agent} if agent else {}
    context, page, errors = open_page(browser, site + "fr/organismes/cuisine-collective-du-quartier/", **options)
    page.wait_for_load_state("networkidle")
    directions = page.locator(".quick-actions a.button--secondary")
    assert directions.inner_text() == "Itinéraire" and directions.get_attribute("href").startswith(button)
    # Each place's line: "your phone's map app" and OpenStreetMap, or OpenStreetMap alone.
    links = page.locator(".location .directions").first.locator("a")
    assert links.count() == per_place and "openstreetmap.org/directions" in links.last.get_attribute("href")
    assert errors == []
    context.close()
