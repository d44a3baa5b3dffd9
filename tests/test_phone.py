"""A person on a phone, in real Chromium: 390x844 and 320 px wide, with the alert showing.

The number to call on the first screen of every list, search and organization page; no page
scrolling sideways; finger-sized targets; the menu folded behind one button; the quick exit
always in reach; one tap to erase what the site keeps on the device; the 211's own hours and
languages by its call button. Checked on the project's own content as published (news with
its alert, crisis lines) and, for exact texts, on the fixture records.
"""

from __future__ import annotations

import json
import shutil

import pytest
import yaml
from pages import read

from browser import SLOW_3G, serve, slow_search, visit_until_saved
from conftest import ROOT, build_site, make_content

PHONE = {"width": 390, "height": 844}
NARROW = {"width": 320, "height": 640}
SMALL_PHONE = {"width": 320, "height": 568}
# 10:00 on Monday 23 November 2026 in Montréal: the alert is on, most places are open.
MONDAY_10AM = "2026-11-23T15:00:00Z"
# 10:00 on Wednesday 2 December 2026: one alert left (the ice storm's ended on 30 November).
DECEMBER_10AM = "2026-12-02T15:00:00Z"

FIRST_CALL = """() => {
  // A crisis line shown above the list (its category's) is a number to call too.
  const call = [...document.querySelectorAll('main .crisis__call, main .org-card .call-link, main .quick-actions .call-link')]
    .find((link) => link.getClientRects().length > 0);
  if (!call) return null;
  const box = call.getBoundingClientRect();
  return {top: box.top, bottom: box.bottom, height: box.height};
}"""
MORE_THAN_A_LINE = "e => e.getBoundingClientRect().height >= 1.5 * parseFloat(getComputedStyle(e).lineHeight)"


@pytest.fixture(scope="module")
def published(published_site):
    with serve(published_site) as base:
        yield published_site, base


def _phone(browser, viewport=PHONE, now=MONDAY_10AM, **options):
    context = browser.new_context(viewport=viewport, timezone_id="America/Toronto", **options)
    page = context.new_page()
    page.clock.install(time=now)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, errors


def _listing_pages(site, lang):
    folders = {"fr": ("categories", "regions"), "en": ("categories", "regions")}[lang]
    paths = []
    for folder in folders:
        for index in sorted((site / lang / folder).glob("*/index.html")):
            if "card" in index.read_text(encoding="utf-8"):  # pages listing organizations
                paths.append(index.parent.relative_to(site).as_posix() + "/")
    return paths


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["390", "320"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_list_shows_its_first_number_on_the_first_screen(browser, published, lang, viewport):
    site, base = published
    paths = _listing_pages(site, lang)
    assert len(paths) >= 20
    context, page, errors = _phone(browser, viewport)
    late = []
    for path in paths:
        page.goto(base + path)
        assert page.locator(".alert-banner:visible").count() == 1, path  # the worst case: an alert on
        cut = page.eval_on_selector_all(".org-card__town", "ts => ts.filter(t => t.scrollWidth > t.clientWidth).length")
        assert cut == 0, path  # "Aînés  Montr…": no town is cut, a long one wraps
        call = page.evaluate(FIRST_CALL)
        if call is None:  # no organization of this page has a number: nothing to check
            continue
        if call["bottom"] > viewport["height"] or call["height"] < 44:
            late.append((path, call))
    context.close()
    assert late == [], late
    assert errors == []


LAYOUT_SHIFT = """() => new Promise((done) => {
  let total = 0;
  new PerformanceObserver((list) => list.getEntries().forEach((e) => { total += e.value; }))
    .observe({type: "layout-shift", buffered: true});
  setTimeout(() => done(total), 500);
})"""


@pytest.mark.parametrize("path", ["fr/categories/alimentation/", "en/regions/montreal/", "organization"])
@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["390", "320"])
def test_nothing_moves_under_a_finger_once_the_page_is_shown(browser, published, path, viewport):
    # The open-now lines are filled by a script after the page is drawn: their place is kept.
    site, base = published
    if path == "organization":  # the first one with opening hours
        path = next(
            page.parent.relative_to(site).as_posix() + "/"
            for page in sorted((site / "fr/organismes").glob("*/index.html"))
            if "data-schedule" in page.read_text(encoding="utf-8")
        )
    context, page, errors = _phone(browser, viewport)
    page.goto(base + path)
    page.locator(".open-now[data-state]").first.wait_for(state="visible")
    assert page.evaluate(LAYOUT_SHIFT) == 0
    context.close()
    assert errors == []


@pytest.mark.parametrize(
    "lang, queries",
    [
        ("fr", ["banque alimentaire", "logement", "aide aux devoirs", "emploi", "santé mentale", "aînés"]),
        ("en", ["food bank", "housing", "employment", "seniors"]),
    ],
)
def test_search_results_show_their_first_number_on_the_first_screen(browser, published, lang, queries):
    _, base = published
    search = {"fr": "fr/recherche/", "en": "en/search/"}[lang]
    context, page, errors = _phone(browser)
    for query in queries:
        page.goto(f"{base}{search}?q={query}")
        page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
        call = page.evaluate(FIRST_CALL)
        assert call is not None and call["bottom"] <= PHONE["height"] and call["height"] >= 44, (query, call)
        # Every card: its name, the number to call, and whether it is open now when it has hours.
        card = page.locator("[data-search-list] .org-card").first
        assert card.locator(".org-card__name a").inner_text().strip()
    context.close()
    assert errors == []


@pytest.mark.parametrize(
    "lang, queries",
    [
        ("fr", ["logement", "immigration", "francisation", "banque alimentaire", "santé mentale"]),
        ("en", ["housing", "french classes", "food bank", "mental health"]),
    ],
)
def test_a_small_phone_under_an_alert_shows_the_first_result_s_number(browser, published, lang, queries):
    # 320 x 568, one alert showing: "logement", "immigration" and "francisation" put the first
    # number a pixel below the screen: the category took two lines of the card ("Assistance
    # matérielle / et logement") and the town a third.
    _, base = published
    search = {"fr": "fr/recherche/", "en": "en/search/"}[lang]
    context, page, errors = _phone(browser, SMALL_PHONE, now=DECEMBER_10AM)
    for query in queries:
        page.goto(f"{base}{search}?q={query}")
        card = page.locator("[data-search-list] .org-card").first
        card.wait_for(state="visible", timeout=15000)
        assert page.locator(".alert-banner:visible").count() == 1, query
        call = page.evaluate(FIRST_CALL)
        assert call is not None and call["bottom"] <= SMALL_PHONE["height"], (query, call)
        # The category and the town share a line, the category cut at its end on the screen
        # only: read out whole, and printed whole.
        category, town = card.locator(".org-card__category"), card.locator(".org-card__town")
        assert category.bounding_box()["y"] == town.bounding_box()["y"], query
        # No town is cut (a helper's probe: "Terrebo…" beside "Food" with room to spare, and
        # "Sainte-Catherine-de-…" names another town): a long one wraps.
        whole = "e => e.scrollWidth <= e.clientWidth"
        assert all(t.evaluate(whole) for t in page.locator("[data-search-list] .org-card__town").all()), query
        assert page.evaluate("document.scrollingElement.scrollWidth") <= SMALL_PHONE["width"], query
        name = category.inner_text()
        assert name in card.locator(".org-card__meta").aria_snapshot(), query
        page.emulate_media(media="print")
        assert category.evaluate("e => e.scrollWidth <= e.clientWidth"), query
        page.emulate_media(media="screen")
    # A town chosen: its distance joins that line (on a line of its own, it took the number's
    # place: "Alimentation Rimouski" then "0,9 km" at 320 px).
    page.locator("#near-me-town").focus()
    page.wait_for_function("() => document.querySelector('#near-me-town').options.length > 1")
    page.select_option("#near-me-town", label="Rimouski")
    # The search runs again, nearest first: its first card's distance shown once it is done.
    page.wait_for_function(
        "() => !document.querySelector('[data-module=search]').hasAttribute('aria-busy')"
        " && document.querySelector('[data-search-list] .org-card [data-distance]:not([hidden])')"
    )
    distance = page.locator("[data-search-list] .org-card").first.locator("[data-distance]")
    town = page.locator("[data-search-list] .org-card").first.locator(".org-card__town")
    assert distance.bounding_box()["y"] == town.bounding_box()["y"]
    assert distance.evaluate("e => e.scrollWidth <= e.clientWidth") and "km" in distance.inner_text()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= SMALL_PHONE["width"]
    context.close()
    assert errors == []


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["390", "320"])
def test_a_search_filtered_by_its_address_shows_a_number_on_the_first_screen(browser, published, viewport):
    # A list's "see them all, nearest first" (stop 70) leads to the search filtered by its
    # category: the filters were shown open and took the whole first screen of a phone.
    _, base = published
    context, page, errors = _phone(browser, viewport)
    page.goto(base + "fr/recherche/?category=alimentation")
    page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
    call = page.evaluate(FIRST_CALL)
    assert call is not None and call["bottom"] <= viewport["height"], call
    assert page.locator("[data-search-filters] summary").inner_text().endswith("(1)")
    context.close()
    assert errors == []


@pytest.mark.parametrize("lang, path", [("fr", "fr/recherche/?q=aînés"), ("en", "en/search/?q=seniors")])
def test_near_me_and_the_municipality_share_a_row_on_the_smallest_phone(browser, published, lang, path):
    # Each took a row of its own at 320 px: the results started 52 px lower, below the first
    # screen with an alert and the update offer showing.
    _, base = published
    context, page, errors = _phone(browser, SMALL_PHONE)
    page.goto(base + path)
    page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
    button, town = (page.locator(f".near-me {part}").bounding_box() for part in ("[data-near-me-locate]", "select"))
    assert abs(button["y"] - town["y"]) < 8 and town["width"] >= 100, (button, town)
    # Its words whole in the box, beside its arrow: "Ou une municipalité…" read "Ou une mur".
    room = page.locator(".near-me select").evaluate(
        """s => {
          const style = getComputedStyle(s), pen = document.createElement("canvas").getContext("2d");
          pen.font = style.font;
          const inside = s.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
          return [pen.measureText(s.options[s.selectedIndex].text).width, inside, s.options[s.selectedIndex].text];
        }"""
    )
    assert room[0] <= room[1], room
    context.close()
    assert errors == []


def test_an_organization_page_starts_with_call_directions_and_open_now(browser, published):
    site, base = published
    pages = sorted((site / "fr/organismes").glob("*/index.html"))
    context, page, errors = _phone(browser)
    checked = 0
    for index in pages[::7]:
        doc = read(index)
        if doc.find("section", **{"class": "notice notice--closed"}) is not None:
            # Closed, for now or for good: the first screen holds the numbers of open ones
            # (test_a_closed_organization_shows_an_open_ones_number_on_the_first_screen).
            continue
        assert doc.find("div", **{"class": "quick-actions"}) is not None, index
        page.goto(base + index.parent.relative_to(site).as_posix() + "/")
        call = page.evaluate(FIRST_CALL)
        if call is not None:
            assert call["bottom"] <= PHONE["height"] and call["height"] >= 44, (index, call)
        actions = page.locator(".quick-actions")
        assert actions.bounding_box()["y"] < PHONE["height"] / 2, index
        checked += 1
    context.close()
    assert checked >= 10 and errors == []


def test_a_place_without_hours_says_so_once(browser, published):
    # Its open-now line said "Horaire inconnu", then the paragraph under it said it again.
    site, base = published
    pages = [
        i for i in sorted((site / "fr/organismes").glob("*/index.html")) if "hours-unknown" in i.read_text("utf-8")
    ]
    assert pages
    context, page, errors = _phone(browser)
    for index in pages[:3]:
        page.goto(base + index.parent.relative_to(site).as_posix() + "/")
        page.wait_for_function(
            "() => [...document.querySelectorAll('.open-now')].every((p) => p.textContent || p.hidden)"
        )
        for place in page.locator(".location:has(.hours-unknown)").all():
            assert place.inner_text().lower().count("horaire inconnu") == 1, (index, place.inner_text())
    context.close()
    assert errors == []


def test_a_screen_reader_says_the_number_not_the_telephone_sign(browser, published):
    # The sign before each number is drawn by the style sheet: it was read out first ("black
    # telephone 514 555-0126"), and a kept organization's button began with "check mark".
    from playwright.sync_api import expect

    site, base = published
    context, page, errors = _phone(browser)
    org = sorted((site / "fr/organismes").glob("*/index.html"))[0].parent.name
    page.goto(f"{base}fr/organismes/{org}/")
    call = page.locator(".quick-actions .call-link").first
    expect(call).to_have_accessible_name(call.inner_text().replace("\u260e\ufe0e", "").strip())
    assert call.evaluate("a => getComputedStyle(a, '::before').content").startswith('"\u260e')  # still drawn
    toggle = page.locator(f'[data-list-toggle="{org}"]')
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    name = toggle.evaluate("b => b.textContent.trim()")
    expect(toggle).to_have_accessible_name(name)
    context.close()
    assert errors == []


@pytest.mark.parametrize("viewport", [PHONE, NARROW], ids=["390", "320"])
def test_a_closed_organization_shows_an_open_ones_number_on_the_first_screen(browser, published, viewport):
    site, base = published
    closed = [
        index
        for index in sorted((site / "fr/organismes").glob("*/index.html"))
        if read(index).find("section", **{"class": "notice notice--closed"}) is not None
    ]
    assert closed, "no demonstration record is no longer active"
    context, page, errors = _phone(browser, viewport)
    late = []
    for index in closed:
        page.goto(base + index.parent.relative_to(site).as_posix() + "/")
        assert page.locator(".alert-banner:visible").count() == 1  # the worst case: an alert on
        call = page.locator(".notice--closed a[href^='tel:']").first
        if call.count() and call.bounding_box()["y"] + call.bounding_box()["height"] > viewport["height"]:
            late.append((index.parent.name, call.bounding_box()))
        # Each number on one line, beside its organization's name or under it: at 320 px
        # "418 555-0125, poste 390" broke in two, under a "·" on a line of its own.
        for link in page.locator(".notice--closed .alternatives a.phone").all():
            lines = link.evaluate("a => a.getClientRects().length === 1 && a.getBoundingClientRect().height < 52")
            assert lines, (index.parent.name, link.inner_text(), link.bounding_box())
        assert "·" not in " ".join(page.locator(".notice--closed .alternatives li").all_inner_texts())
    context.close()
    assert late == [] and errors == []


SECOND_ALERT = """Title: {title}
Slug: {slug}
Lang: {lang}
Key: second-alert
Date: 2026-11-22 08:00
Category: {category}
Alert: true
Alert_start: 2026-11-22
Alert_end: 2026-11-29
Summary: {summary}

{title}.
"""


LONG_NAMES = {
    "fr": "Regroupement interrégional des organismes communautaires d'accompagnement psychosocial et de "
    "défense collective des droits des personnes vivant avec des problèmes de santé mentale du Bas-Saint-Laurent",
    "en": "Interregional Coalition of Community Organizations for Psychosocial Accompaniment and Collective "
    "Rights Advocacy of People Living with Mental Health Problems in Bas-Saint-Laurent",
}


def test_the_call_buttons_are_on_the_first_screen_with_two_alerts_and_an_update(browser, tmp_path):
    # The worst first screens: the smallest phone, two alerts (and on the home page the offer of
    # an update). The home page's call button was 670 px down a 568 px screen, under the
    # introduction; the one of an organization whose name has 190 characters, 636 px down,
    # under twelve lines of name.
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    record = content / "organizations" / "maison-de-la-solidarite-la-source.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    record.write_text(yaml.safe_dump({**data, "name": LONG_NAMES}, allow_unicode=True), encoding="utf-8")
    for lang, title, slug, category, summary in [
        (
            "fr",
            "Avis d'ébullition de l'eau dans l'arrondissement de Verdun",
            "avis-ebullition",
            "Mesures d'urgence",
            "Faites bouillir l'eau une minute.",
        ),
        (
            "en",
            "Boil-water advisory in the borough of Verdun",
            "boil-water-advisory",
            "Emergency measures",
            "Boil water for one minute.",
        ),
    ]:
        (content / "news" / f"second-alert.{lang}.md").write_text(
            SECOND_ALERT.format(title=title, slug=slug, lang=lang, category=category, summary=summary), encoding="utf-8"
        )
    site = build_site(content, tmp_path / "output")
    with serve(site) as base:
        context, page, errors = _phone(browser, SMALL_PHONE)
        for path in ("fr/", "en/"):
            page.goto(base + path)
            assert page.locator(".alert-banner:visible").count() == 2, path
            # Their titles get most of the width: the label is a "!" there, still "Alert" to
            # a screen reader (the word took the room of "Mesures d'urgence :…" at 320 px).
            for link in page.locator(".alert-banner:visible .alert-banner__title a").all():
                assert link.bounding_box()["width"] >= 0.65 * SMALL_PHONE["width"], path
            name = {"fr/": "Alerte Avis d'ébullition", "en/": "Alert Boil-water advisory"}[path]
            assert page.get_by_role("complementary", name=name).count() == 1, path
            # Its summary is not shown, and is read: it was not in the page a screen reader reads.
            summary = page.get_by_role("complementary", name=name).locator(".alert-banner__summary")
            said = {"fr/": "Faites bouillir l'eau une minute.", "en/": "Boil water for one minute."}[path]
            assert said in page.get_by_role("complementary", name=name).aria_snapshot(), path
            assert summary.bounding_box()["height"] <= 1, path
            page.evaluate("document.querySelector('[data-update-banner]').hidden = false")  # as offered
            box = page.locator("main .button--call").bounding_box()
            assert box["y"] + box["height"] <= SMALL_PHONE["height"], (path, box)
        for path in (
            "fr/organismes/maison-de-la-solidarite-la-source/",
            "en/organizations/maison-de-la-solidarite-la-source/",
        ):
            page.goto(base + path)
            assert page.locator("h1").inner_text() in LONG_NAMES.values()
            box = page.locator("main .quick-actions .call-link").bounding_box()
            assert box["y"] + box["height"] <= SMALL_PHONE["height"], (path, box)
        # Searches and every region's list: the first number was below this screen under two
        # alerts of two lines each (16 of 24 common searches on a site of 2,000 records). On a
        # screen this short each title takes a line, and still says what the alert is about.
        regions = [p for p in _listing_pages(site, "fr") if p.startswith("fr/regions/")]
        for path in [
            "fr/recherche/?q=logement",
            "en/search/?q=housing",
            "fr/recherche/?q=banque alimentaire",
            *regions,
        ]:
            page.goto(base + path)
            if "?q=" in path:
                page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
            call = page.evaluate(FIRST_CALL)
            assert call is not None and call["bottom"] <= SMALL_PHONE["height"], (path, call)
            titles = page.locator(".alert-banner:visible .alert-banner__title a").all()
            assert len(titles) == 2, path
            for title in titles:
                box = title.bounding_box()
                assert box["width"] >= 0.65 * SMALL_PHONE["width"], path
                assert box["height"] >= 44, path  # a finger's target still (a reviewer: 22 px)
                banner = title.locator("xpath=ancestor::aside[1]").bounding_box()
                assert banner["height"] <= 48, path  # its line (44 px) and its border: 60 px with two lines
        # One alert keeps two lines; text twice as large keeps its lines ("Avis" alone said nothing).
        page.goto(base + "fr/")
        page.locator(".alert-banner:visible [data-dismiss]").nth(1).click()
        assert page.locator(".alert-banner:visible .alert-banner__title a").evaluate(MORE_THAN_A_LINE)
        page.evaluate("localStorage.clear()")
        large, larger, large_errors = _phone(browser, SMALL_PHONE, bypass_csp=True)  # the larger text is a style added
        larger.goto(base + "fr/")
        larger.add_style_tag(content="html { font-size: 200% !important; }")
        for title in larger.locator(".alert-banner:visible .alert-banner__title a").all():
            assert title.evaluate(MORE_THAN_A_LINE)
        large.close()
        assert large_errors == []
        # One alert dismissed, the keyboard goes on to the other's button: it went to the page's
        # content, the second alert behind it.
        page.goto(base + "fr/")
        buttons = page.locator(".alert-banner:visible [data-dismiss]")
        buttons.first.wait_for()
        second = buttons.nth(1).evaluate("(button) => button.closest('[data-alert-id]').dataset.alertId")
        # Each "Hide this alert" is told apart by its alert's title (stop 83's phone probe).
        described = buttons.evaluate_all(
            "(all) => all.map((b) => [document.getElementById(b.getAttribute('aria-describedby'))?.textContent,"
            " b.closest('aside').querySelector('.alert-banner__title a').textContent])"
        )
        assert len({said for said, _ in described}) == 2 and all(title in said for said, title in described), described
        buttons.first.click()
        assert page.evaluate("document.activeElement.closest('[data-alert-id]')?.dataset.alertId") == second
        context.close()
    assert errors == []


def test_cards_say_whether_each_place_is_open_now(browser, site):
    context, page, errors = _phone(browser)
    page.goto(site + "fr/categories/alimentation/")
    card = page.locator(".org-card", has=page.locator("a[href$='/cuisine-collective-du-quartier/']"))
    assert card.locator(".open-now").inner_text() == "Ouvert · ferme à 12\u00a0h"
    call = card.locator(".call-link")
    assert call.get_attribute("href").startswith("tel:+1") and call.bounding_box()["height"] >= 44
    # A place no longer active is not listed; one temporarily closed has no open-now line.
    assert page.locator(".org-card[data-closed] .open-now").count() == 0
    context.close()
    assert errors == []


def _page_paths(site):
    """One of every kind of page, in both languages: every page but most organizations'."""
    paths, organizations = [], 0
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if any(part in rel for part in ("organismes/", "organizations/")):
            organizations += 1
            if organizations % 8:
                continue
        paths.append("" if rel == "." else rel + "/")
    return paths


# The numbers to call on a page whose two neighbouring digits are on two lines.
DIGITS_CUT = """() => [...document.querySelectorAll('main a[href^="tel:"], main a[href^="sms:"]')]
  .filter((a) => a.getClientRects().length).filter((a) => {
    const walker = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i + 1 < node.data.length; i++) {
        if (!/^[0-9]{2}$/.test(node.data.slice(i, i + 2))) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 2);
        if (new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1) return true;
      }
    }
    return false;
  }).map((a) => a.textContent)"""


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=["320", "390"])
def test_no_page_scrolls_sideways_with_text_twice_as_large(browser, published, viewport):
    # A phone's larger text setting: opening hours, the home page's search button and the
    # statistics' filters were wider than the screen, and the page scrolled sideways.
    site, base = published
    # Every other page, and the N-1-1 guides, whose call button ran off the screen.
    paths = _page_paths(site)[::2] + ["fr/recherche/?q=banque+alimentaire", "fr/guide-n11/", "en/n11-guide/"]
    context, page, errors = _phone(browser, viewport, bypass_csp=True)  # the larger text is a style added
    wide = []
    for path in paths:
        page.goto(base + path)
        page.add_style_tag(content="html { font-size: 200% !important; }")
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append((path, overflow))
        # A card's town keeps its words whole (a reviewer's finding: "T / e / r / r / e / b /
        # o / n / n / e", a letter a line, in a box the room left beside a category).
        squeezed = page.eval_on_selector_all(
            ".org-card__town",
            """towns => towns.filter((t) => t.getClientRects().length
                && t.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(t).lineHeight)
                && t.getBoundingClientRect().width < 0.6 * t.closest('.org-card').clientWidth)
                .map((t) => t.textContent)""",
        )
        if squeezed:
            wide.append((path, squeezed[:3]))
        # A number to call keeps its groups whole: "514 / 555- / 014 / 4" in a card's button, and
        # the names and numbers of a closed organization's alternatives (a helper's probe).
        cut = page.evaluate(DIGITS_CUT)
        if cut:
            wide.append((path, cut[:3]))
    # With a town chosen, the distance joins the line: its place is kept too.
    page.goto(base + "fr/categories/alimentation/")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    page.locator("#near-me-town").focus()  # its towns are read when it is first used
    page.wait_for_function("() => document.querySelector('#near-me-town').options.length > 1")
    page.select_option("#near-me-town", index=1)
    page.locator(".org-card [data-distance]:not([hidden])").first.wait_for()
    sizes = page.eval_on_selector_all(
        ".org-card__where > :not([hidden])", "parts => parts.map((p) => [p.className, p.getBoundingClientRect().width])"
    )
    assert all(width >= 30 for _, width in sizes), [size for size in sizes if size[1] < 30][:3]
    context.close()
    assert wide == [], wide
    assert errors == []


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=["320", "390"])
def test_no_page_scrolls_sideways(browser, published, viewport):
    site, base = published
    paths = _page_paths(site) + ["fr/recherche/?q=banque+alimentaire", "en/search/?q=food+bank&open=1", "404.html"]
    assert len(paths) > 60
    context, page, errors = _phone(browser, viewport)
    wide, small = [], []
    for path in paths:
        page.goto(base + path)
        if "recherche" in path or "search" in path:
            page.locator("[data-search-status]").wait_for(state="attached")
            page.wait_for_function("() => !document.querySelector('[data-module=search][aria-busy]')", timeout=15000)
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append((path, overflow))
        # Every number to call or text and every button shown is at least 44 px high (a text
        # message number was 21 px high: a helper's probe, stop 71).
        tiny = page.evaluate("""() => [...document.querySelectorAll('a[href^="tel:"], a[href^="sms:"], button')]
            .filter((e) => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden')
            .map((e) => [e.outerHTML.slice(0, 80), e.getBoundingClientRect().height])
            .filter(([, h]) => h < 44)""")
        if tiny:
            small.append((path, tiny[:2]))
    context.close()
    assert wide == [], wide
    assert small == [], small[:3]
    assert errors == []


def test_the_menu_folds_on_a_phone_and_not_on_a_computer(browser, site):
    context, page, errors = _phone(browser, has_touch=True, is_mobile=True)
    page.goto(site + "fr/categories/alimentation/")
    nav = page.locator(".site-nav")
    button = page.get_by_role("button", name="Menu")
    search = page.locator("#q-header")
    assert not nav.is_visible() and button.get_attribute("aria-expanded") == "false"
    # Tapped open, nothing is focused in it: the search box focused brought a phone's keyboard
    # up over the menu's links (a helper's probe, stop 80).
    button.tap()
    assert nav.is_visible() and button.get_attribute("aria-expanded") == "true"
    assert not search.evaluate("(e) => e === document.activeElement")
    # A tap anywhere else closes it, and follows nothing.
    page.touchscreen.tap(10, 560)
    assert not nav.is_visible() and button.get_attribute("aria-expanded") == "false"
    assert "categories/alimentation" in page.url
    # Opened from the keyboard, the search box is ready to type.
    button.focus()
    page.keyboard.press("Enter")
    assert nav.is_visible() and search.evaluate("(e) => e === document.activeElement")
    page.keyboard.press("Escape")  # closes the menu, and only the menu
    assert not nav.is_visible() and "categories/alimentation" in page.url
    context.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 800})
    page = desktop.new_page()
    page.goto(site + "fr/categories/alimentation/")
    assert page.locator(".site-nav").is_visible() and not page.locator("[data-menu-button]").is_visible()
    desktop.close()
    assert errors == []


@pytest.mark.parametrize("larger", [False, True], ids=["text", "text-200"])
def test_a_phone_held_sideways_keeps_the_quick_exit_not_the_whole_header(browser, published, larger):
    """At 844 x 390 the sticky header was 42 % of the screen (84 % with larger text), and Tab
    put 30 of 46 stops under it (stop 77's probe). A header over a third of the screen scrolls
    away; the quick exit stays in reach; nothing focused is under it."""
    _, base = published
    context, page, errors = _phone(browser, {"width": 844, "height": 390}, bypass_csp=True)
    page.goto(base + "fr/categories/alimentation/")
    if larger:
        page.add_style_tag(content="html { font-size: 200% !important; }")
    # Nothing of the bar goes under the quick exit, out of its row: the language switch did.
    for link in page.locator(".site-header__bar a").all():
        box = link.bounding_box()
        at = page.evaluate(
            "([x, y]) => document.elementFromPoint(x, y)?.closest('a')?.href",
            [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
        )
        assert at == link.evaluate("a => a.href"), (link.inner_text(), at)
    page.mouse.wheel(0, 3000)
    page.wait_for_function("() => window.scrollY > 500")
    assert page.locator(".site-header").bounding_box()["y"] < -100  # gone up with the page
    exit_box = page.get_by_role("link", name="Sortie rapide").bounding_box()
    assert 0 <= exit_box["y"] and exit_box["y"] + exit_box["height"] <= 390
    page.evaluate("window.scrollTo(0, 0)")
    covered = []
    for _ in range(30):
        page.keyboard.press("Tab")
        under = page.evaluate(
            """() => {
              const focused = document.activeElement, exit = document.querySelector('.quick-exit');
              if (focused.closest('.site-header') || focused.matches('.skip-link')) return null;
              const a = focused.getBoundingClientRect(), b = exit.getBoundingClientRect();
              const overlap = a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
              return overlap || a.top < 0 ? focused.outerHTML.slice(0, 80) : null;
            }"""
        )
        if under:
            covered.append(under)
    context.close()
    assert covered == []
    assert errors == []


def test_the_menu_s_last_link_is_in_reach_with_text_twice_as_large(browser, published):
    # Its height was the screen's less 3.5rem, the bar's height at the usual size: at 200 %
    # the bar is three rows, and "Ma liste" was 8 px within a 320 x 568 screen (stop 77's probe).
    _, base = published
    context, page, errors = _phone(browser, SMALL_PHONE, bypass_csp=True)
    page.goto(base + "fr/categories/alimentation/")
    page.add_style_tag(content="html { font-size: 200% !important; }")
    page.get_by_role("button", name="Menu").click()
    page.eval_on_selector("#site-menu", "menu => { menu.scrollTop = menu.scrollHeight; }")
    last = page.locator(".site-nav li:last-child a").bounding_box()
    context.close()
    assert last["y"] + last["height"] <= SMALL_PHONE["height"], last
    assert errors == []


def test_without_scripting_a_phone_shows_the_page_not_the_menu(browser, published):
    """Scripting off (a data saver, a locked-down phone): the menu cannot fold; unfolded it
    held a third of the screen. Its links are one row under the bar, without its search box,
    the quick exit stays in reach; the search page says why it cannot search and who to call."""
    site, base = published
    context = browser.new_context(viewport=SMALL_PHONE, java_script_enabled=False)
    page = context.new_page()
    org = next(  # an open one: a closed one's first numbers are those of open ones (notice--closed)
        p
        for p in sorted((site / "fr/organismes").glob("*/index.html"))
        if "quick-actions" in (html := p.read_text("utf-8")) and "notice--closed" not in html
    )
    for path in (
        "fr/",
        "en/categories/alimentation/",
        org.parent.relative_to(site).as_posix() + "/",
        "fr/recherche/?q=logement",
    ):
        page.goto(base + path)
        assert page.locator(".site-nav").is_visible(), path  # the way around the site, unfolded
        assert not page.locator(".site-header form[role=search]").is_visible(), path
        assert page.locator(".site-header").bounding_box()["height"] <= SMALL_PHONE["height"] / 5, path
        page.evaluate("window.scrollTo(0, 800)")
        assert page.evaluate("scrollY") > 0, path
        assert page.locator(".quick-exit").bounding_box()["y"] >= 0, path  # still on the screen
    page.goto(base + org.parent.relative_to(site).as_posix() + "/")
    call = page.locator("main .quick-actions .call-link").first.bounding_box()
    assert call["y"] + call["height"] <= SMALL_PHONE["height"]
    page.goto(base + "fr/recherche/?q=logement")
    notice = page.locator("main .notice", has_text="JavaScript")
    assert notice.is_visible() and notice.locator('a[href="tel:211"]').is_visible()
    # The printable directory: no form that only reloads the page, the ready-made PDFs said.
    page.goto(base + "fr/repertoire-imprimable/")
    assert not page.locator("[data-printed-form]").is_visible()
    assert page.locator("main .notice", has_text="JavaScript").locator("a").is_visible()
    context.close()


def _neutral(context):
    # The neutral page is outside this machine's reach: answer it locally.
    context.route(
        "https://www.google.ca/**",
        lambda route: route.fulfill(body="<title>neutre</title>ok", content_type="text/html"),
    )


@pytest.mark.parametrize("how", ["tap", "escape", "shift"])
def test_the_quick_exit_stays_in_reach_and_leaves_at_once(browser, published, how):
    _, base = published
    context, page, errors = _phone(browser)
    _neutral(context)
    page.goto(base + "fr/")
    page.goto(base + "fr/categories/alimentation/")
    page.mouse.wheel(0, 5000)
    page.wait_for_function("() => window.scrollY > 500")
    exit_link = page.get_by_role("link", name="Sortie rapide")
    box = exit_link.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"] and box["height"] >= 44
    if how == "tap":
        exit_link.click()
    elif how == "escape":
        page.keyboard.press("Escape")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url("https://www.google.ca/**")
    page.go_back()
    assert "categories/alimentation" not in page.url  # "back" does not return to the page left
    context.close()


def test_shift_with_another_key_is_not_the_quick_exit(browser, published):
    # Going back through links with Shift+Tab, or typing "CLSC" in capitals, left the site.
    _, base = published
    context, page, errors = _phone(browser)
    _neutral(context)
    page.goto(base + "fr/categories/alimentation/")
    for _ in range(4):
        page.keyboard.press("Tab")
    for _ in range(4):
        page.keyboard.press("Shift+Tab")
    page.goto(base + "fr/recherche/")
    page.locator("#q-page").click()
    for letter in "CLSC":
        page.keyboard.press(f"Shift+{letter}")
    page.wait_for_timeout(300)
    assert "/fr/recherche/" in page.url and page.locator("#q-page").input_value() == "CLSC"
    context.close()


def test_the_printed_directorys_title_field_is_as_big_as_the_others(browser, published):
    # The minifier drops type="text": a style for input[type="text"] missed the field.
    _, base = published
    context, page, errors = _phone(browser)
    page.goto(base + "fr/repertoire-imprimable/")
    field = page.locator("#printed-title")
    box = field.bounding_box()
    size = float(field.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert box["height"] >= 44 and size >= 16, (box, size)  # under 16 px, iOS zooms in on focus
    context.close()


def test_a_directory_made_on_a_phone_is_shown_where_it_is_said_ready(browser, published):
    # The page came back at its top once made: the form is screens long on a phone, its status
    # and the directory some four screens down, and nothing seemed to happen (a helper's probe).
    _, base = published
    context, page, errors = _phone(browser, viewport=SMALL_PHONE)
    page.goto(base + "fr/repertoire-imprimable/")
    page.locator("[data-printed-form] button[type=submit]").click()
    status = page.locator("[data-printed-status]")
    page.wait_for_function("() => document.querySelector('[data-printed-status]').textContent.includes('organisme')")
    box = status.bounding_box()
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= SMALL_PHONE["height"], box
    assert page.evaluate("window.scrollY") > SMALL_PHONE["height"]  # the form is above it, out of sight
    assert errors == []
    context.close()


def test_escape_in_the_search_box_clears_it_and_stays(browser, published):
    _, base = published
    context, page, errors = _phone(browser)
    _neutral(context)
    page.goto(base + "fr/recherche/?q=logement")
    page.locator("#q-page").press("Escape")
    page.wait_for_timeout(300)
    assert "/fr/recherche/" in page.url
    context.close()


def test_escape_in_the_filters_stays(browser, published):
    # Escape on the filters' toggle or the "open now" box took the quick exit.
    _, base = published
    context, page, errors = _phone(browser)
    _neutral(context)
    page.goto(base + "fr/recherche/?q=logement")
    toggle = page.locator("[data-search-filters] summary")
    toggle.click()
    toggle.press("Escape")
    page.locator("[data-search-filters] input[name='open']").press("Escape")
    page.wait_for_timeout(300)
    assert "/fr/recherche/" in page.url
    context.close()


def test_one_tap_erases_what_the_site_keeps_on_the_device(browser, published):
    _, base = published
    context, page, errors = _phone(browser)
    visit_until_saved(page, base + "fr/")
    page.goto(base + "fr/categories/alimentation/")
    page.evaluate("() => localStorage.setItem('repertoire.my-list', JSON.stringify(['x']))")
    page.goto(base + "fr/a-propos/")
    kept = page.evaluate(
        "async () => [localStorage.length, (await caches.keys()).length,"
        " (await navigator.serviceWorker.getRegistrations()).length]"
    )
    assert all(kept), kept
    page.get_by_role("button", name="Effacer maintenant").click()
    page.locator("[data-forget-status]").filter(has_text="Effacés").wait_for(timeout=10000)
    left = page.evaluate(
        "async () => [localStorage.length, (await caches.keys()).length,"
        " (await navigator.serviceWorker.getRegistrations()).length]"
    )
    assert left == [0, 0, 0]
    text = page.locator("main").inner_text()
    assert "Sortie rapide" in text and "historique" in text  # one name; says what is not erased
    context.close()
    assert errors == []


def test_the_211_says_when_and_in_which_languages_it_answers(tmp_path):
    output = build_site(
        make_content(tmp_path),
        tmp_path / "output",
        HELPLINE_HOURS={"fr": "Tous les jours, 8 h à 20 h", "en": "Every day, 8 a.m. to 8 p.m."},
        HELPLINE_LANGUAGES=["fr", "en", "es"],
        HELPLINE_INTERPRETERS=False,
        HELPLINE_CHAT_URL="https://211.example/chat",
        HELPLINE_SCHEDULE=[{"days": ["mo", "tu", "we", "th", "fr", "sa", "su"], "opens": "08:00", "closes": "20:00"}],
    )
    for path, hours, languages, guide in [
        ("fr/index.html", "Tous les jours, 8 h à 20 h", "français, anglais, espagnol", {"../fr/guide-n11/"}),
        ("en/index.html", "Every day, 8 a.m. to 8 p.m.", "French, English, Spanish", {"../en/n11-guide/"}),
        ("fr/guide-n11/index.html", "Tous les jours, 8 h à 20 h", "français, anglais, espagnol", set()),
    ]:
        box = read(output / path).find("div", **{"class": "helpline-box"})
        text = " ".join(box.text.split())
        assert hours in text and languages in text, (path, text)
        assert "interprète" not in text and "interpreter" not in text
        links = {a.attrs["href"] for a in box.find_all("a")}
        # 9-1-1 under the call button (at 320 px it was off the first screen), and the guide,
        # but on the guide itself.
        assert links == {"tel:211", "https://211.example/chat", "tel:911", *guide}, links
        # When it answers now, by the same hours (HELPLINE_SCHEDULE).
        now = box.find("p", **{"data-module": "open-now"})
        assert json.loads(now.attrs["data-schedule"])["hours"][0]["closes"] == "20:00"


LAST_LINE_WORDS = """(element) => {
  // The words on the last line an element's text takes on the screen.
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const tops = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      tops.push([Math.round(range.getBoundingClientRect().top), match[0]]);
    }
  }
  const last = Math.max(...tops.map(([top]) => top));
  return tops.filter(([top]) => top === last).map(([, word]) => word);
}"""


def test_the_helplines_hours_leave_no_word_alone_on_a_line(browser, published):
    # At 320 px "7 jours sur 7, de 8 h à 18" then "h" alone: 18 what?
    site, base = published
    context, page, errors = _phone(browser, {"width": 320, "height": 640})
    for path in ("fr/", "en/"):
        page.goto(base + path)
        hours = page.locator("main .helpline-box__facts dd").first
        assert len(hours.evaluate(LAST_LINE_WORDS)) > 1, (path, hours.inner_text())
    context.close()
    assert errors == []


BROKEN_INSIDE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.getClientRects().length)
  .flatMap((element) => {
    // Each run of letters or digits of the element's text: on more than one line, it was broken inside.
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const broken = [];
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const match of node.data.matchAll(/[\\p{L}\\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
    return broken;
  })"""
ONE_LINE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((element) => element.getClientRects().length)
  .filter((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size > 1;
  })
  .map((element) => element.textContent)"""


def test_no_name_nor_number_breaks_inside_itself_on_the_smallest_phone(browser, published):
    # At 320 px the statistics' categories read "Alimenta" then "tion" (a table cell broke its
    # words anywhere, though the table scrolls in its frame); a number kept in "my list" read
    # "514 555-" then "0178", the N-1-1 guide's "9-8-" then "8": copied down wrong.
    site, base = published
    context, page, errors = _phone(browser, NARROW)
    for path in ("fr/statistiques/", "en/statistics/", "fr/personnel/"):
        page.goto(base + path)
        page.evaluate("document.querySelectorAll('details').forEach((box) => { box.open = true; })")
        # The tables of several figures a row, which scroll in their frame (the most referred
        # organizations fit the screen instead: test_tables_show_their_figures_and_links...).
        framed = '.table-frame .data-table:not(.referrals-table) th[scope="row"]'
        assert page.locator(framed).count() > 5, path
        assert page.evaluate(BROKEN_INSIDE, framed) == [], path
    # The most referred organizations, in capitals, read "REGROUPEMEN" / "T", "COMMUNAUTAI" / "RE".
    for path in ("fr/statistiques/", "en/statistics/"):
        page.goto(base + path)
        names = '.referrals-table th[scope="row"]'
        assert page.locator(names).count() > 10, path
        assert page.evaluate(BROKEN_INSIDE, names) == [], path
    ids = [path.stem for path in sorted((ROOT / "content" / "organizations").glob("*.yaml"))]
    for path in ("fr/ma-liste/", "en/my-list/"):
        page.goto(base + path + "?ids=" + ",".join(ids[:40]))
        page.locator(".entry__number").first.wait_for()
        assert page.locator(".entry__number").count() > 40
        assert page.evaluate(ONE_LINE, ".entry__number") == [], path
    for path in ("fr/guide-n11/", "en/n11-guide/"):
        page.goto(base + path)
        links = '.prose a:is([href^="tel:"], [href^="sms:"])'
        assert page.locator(links).count() > 5
        assert page.evaluate(ONE_LINE, links) == [], path
    context.close()
    assert errors == []


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=["320", "390"])
def test_text_twice_as_large_breaks_no_word_of_the_alert_nor_the_helplines_facts(browser, published, viewport):
    # A reviewer at 200 % text: the alert read "Mes / ures / d'ur / ge…" beside its label, the
    # 211's hours "7 / j / o / u / r / s" beside their term, and the header took three rows
    # (241 px of 844) above the alert.
    site, base = published
    context, page, errors = _phone(browser, viewport, bypass_csp=True)  # the larger text is a style added
    for path in ("fr/guide-n11/", "en/", "fr/"):
        page.goto(base + path)
        page.add_style_tag(content="html { font-size: 200% !important; }")
        assert page.locator(".alert-banner:visible").count() == 1, path
        assert page.evaluate(BROKEN_INSIDE, ".alert-banner__title a, main .helpline-box__facts") == [], path
        # Two rows at most: the brand, the language and the menu; the quick exit.
        header, quick_exit = page.locator(".site-header").bounding_box(), page.locator(".quick-exit").bounding_box()
        assert header["height"] < 2.5 * quick_exit["height"], (path, header, quick_exit)
    context.close()
    assert errors == []


@pytest.mark.parametrize("width", [320, 390])
def test_tables_show_their_figures_and_links_within_a_phone(browser, published, width):
    """The open-data lists (their download links are what the page is for) and the statistics'
    most referred organizations: nothing past the screen's edge, in a frame a reader would
    have to scroll. (The five columns of needs by category do scroll in theirs.)"""
    _, base = published
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    for path in ("fr/donnees-ouvertes/", "en/open-data/", "fr/statistiques/", "en/statistics/"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach((box) => { box.open = true; })")
        tables = page.evaluate(
            """() => [...document.querySelectorAll('table:has(> caption[id^="lists-"]), table.referrals-table')].map((table) => ({
                caption: table.caption ? table.caption.textContent.trim() : '',
                right: table.getBoundingClientRect().right,
                links: [...table.querySelectorAll('a')].map((a) => a.getBoundingClientRect().right),
            }))"""
        )
        assert tables, path
        for table in tables:
            assert table["right"] <= width and all(right <= width for right in table["links"]), (path, table)
        # A wrapped "show the figures" stays one control, its lines together.
        for height in page.locator("details > summary").evaluate_all("all => all.map((s) => s.offsetHeight)"):
            assert height <= 70, (path, height)
    if width == 320:  # each download of the lists: its count in words, its links beside it
        page.goto(base + "fr/donnees-ouvertes/")
        row = page.locator("#lists-region").locator("xpath=..").locator("tbody tr").first
        assert "organisme" in row.inner_text() and row.get_by_role("link", name="CSV").is_visible()
    context.close()


# --- no dead ends ------------------------------------------------------------------------------


# "Open now" alone as well: the results it had to weigh were once emptied as they were shown,
# and the page blamed the spelling.
@pytest.mark.parametrize("filters", ["&region=laval&open=1", "&open=1"], ids=["with-a-region", "alone"])
def test_filters_that_empty_a_search_are_named_and_can_be_removed(browser, published, filters):
    _, base = published
    context = browser.new_context(viewport=PHONE, timezone_id="America/Toronto")
    page = context.new_page()
    page.clock.install(time="2026-11-23T08:00:00Z")  # Monday, 3 a.m. in Montréal
    page.goto(base + "fr/recherche/?q=banque+alimentaire" + filters)
    empty = page.locator("[data-search-empty]")
    empty.wait_for(state="visible", timeout=15000)
    # Shown at once (the 211 and the 24/7 lines), busy while the filters are weighed.
    page.locator("[data-search-empty]:not([aria-busy])").wait_for(state="visible", timeout=15000)
    assert page.locator("[data-search-list] .org-card").count() == 0
    said = empty.inner_text()
    assert "Le filtre «\u00a0Ouvert maintenant\u00a0» ne laisse aucun organisme." in said, said
    # (The check was once written with "'" where the page writes "’": it could not fail.)
    status = page.locator("[data-search-status]").inner_text()
    assert "orthographe" not in status and "Des organismes ont ces mots, mais aucun avec les filtres choisis." in status
    # The 211 and the lines open day and night are right there.
    calls = {a.get_attribute("href") for a in empty.locator("a[href^='tel:']").all()}
    assert {"tel:211", "tel:988", "tel:811"} <= calls, calls
    page.get_by_role("button", name="Retirer «\u00a0Ouvert maintenant\u00a0»").click()
    page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=10000)
    assert not empty.is_visible() and "open=1" not in page.url and ("region=laval" in page.url) == ("laval" in filters)
    context.close()


def test_filters_that_empty_a_search_only_together_are_said_so(browser, published):
    # At 3 a.m., food banks in the Capitale-Nationale: the region alone leaves some, "open
    # now" alone some (the night shelters' meals), together none. The page said "Each of these
    # filters leaves no organization" and "check the spelling" (a phone probe's, stop 81).
    site, base = published
    context = browser.new_context(viewport=PHONE, timezone_id="America/Toronto")
    page = context.new_page()
    page.clock.install(time="2026-11-23T08:00:00Z")  # Monday, 3 a.m. in Montréal
    emptied = None
    for region in (r.name for r in sorted((site / "fr/regions").iterdir()) if r.is_dir()):
        page.goto(base + f"fr/recherche/?q=repas&region={region}&open=1")
        page.locator("[data-search-empty]:not([aria-busy]), [data-search-list] .org-card").first.wait_for(timeout=15000)
        said = page.locator("[data-search-empty-filters]").inner_text()
        if "Ensemble" in said:
            emptied = (region, said, page.locator("[data-search-status]").inner_text())
            break
    assert emptied, "no region where repas, in the region and open at 3 a.m., leaves none only together"
    region, said, status = emptied
    assert "Ensemble, ces filtres ne laissent aucun organisme\u00a0: retirez-en un" in said, said
    assert "Chacun" not in said and "orthographe" not in status, status
    # A word no organization has is said as such, not "organizations have these words" (a reviewer's).
    page.goto(base + f"fr/recherche/?q=repas+zzzqx&region={region}&open=1")
    page.locator("[data-search-empty]:not([aria-busy])").wait_for(timeout=15000)
    status = page.locator("[data-search-status]").inner_text()
    assert "zzzqx" in status and "ont ces mots" not in status, status
    for name in ("Ouvert maintenant", "Région"):
        assert page.get_by_role("button", name=f"Retirer «\u00a0{name}", exact=False).count() == 1
    context.close()


def test_offline_a_page_not_saved_says_so_and_offers_its_saved_twin(browser, published):
    site, base = published
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    visit_until_saved(page, base + "fr/")
    context.set_offline(True)
    # A news bulletin was never saved: "not saved on this device", never "not found".
    page.goto(base + "fr/nouvelles/paniers-de-noel/")
    page.wait_for_url("**/fr/hors-ligne/non-enregistree/**")
    page.locator("h1", has_text="Cette page n'est pas enregistrée sur cet appareil").wait_for()
    assert "introuvable" not in page.title().lower()
    retry = page.get_by_role("link", name="Réessayer")
    assert retry.get_attribute("href") == base + "fr/nouvelles/paniers-de-noel/"
    assert page.get_by_role("link", name="Recherche").first.is_visible()  # what is saved
    page.locator("[data-not-saved-exists]").wait_for(state="visible", timeout=5000)  # a page of the site
    # A mistyped address offline is not said to exist.
    page.goto(base + "fr/n-existe-pas/")
    page.wait_for_url("**/fr/hors-ligne/non-enregistree/**")
    page.wait_for_function("performance.getEntriesByType('resource').some((e) => e.name.endsWith('twins.json'))")
    page.wait_for_timeout(300)
    assert not page.locator("[data-not-saved-exists]").is_visible()
    # An English organization page (the French pack only is saved): said plainly, with the
    # organization's saved French page.
    org_id = sorted(path.name for path in (site / "fr" / "organismes").iterdir())[0]
    page.goto(base + f"en/organizations/{org_id}/")
    page.locator("h1", has_text="Not saved on this device").wait_for()
    french = page.locator("main a[hreflang='fr']")
    french.wait_for(state="visible", timeout=5000)
    french_name = french.inner_text()
    french.click()
    page.wait_for_url(base + f"fr/organismes/{org_id}/")
    page.locator("h1").wait_for()
    assert page.locator("h1").inner_text() == french_name
    # An English page not saved (the French pack is): its saved French twin is offered.
    page.goto(base + "en/categories/alimentation/")
    page.wait_for_url("**/en/offline/not-saved/**")
    page.locator("h1", has_text="This page is not saved on this device").wait_for()
    twin = page.locator("[data-not-saved-twin='fr'] a")
    twin.wait_for(state="visible", timeout=5000)
    # Its whole list is not offered in the English search: that language's pack is not saved,
    # and the link led to "search is not available" (offline probe, stop 69).
    page.wait_for_timeout(1000)
    assert page.locator("[data-not-saved-list]").is_hidden()
    twin.click()
    page.wait_for_url(base + "fr/categories/alimentation/")
    assert page.locator("h1").inner_text() == "Alimentation"
    # A list's second page is not in the pack (a helper's probe: page 1 held 50 of 176 food
    # banks, and the offline page promises the categories); the whole list, in the search, is.
    page.goto(base + "fr/categories/alimentation/page-2/")
    page.wait_for_url("**/fr/hors-ligne/non-enregistree/**")
    whole = page.locator("[data-not-saved-list] a")
    whole.wait_for(state="visible", timeout=5000)
    whole.click()
    page.wait_for_url("**/fr/recherche/?category=alimentation")
    page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
    listed = page.locator("[data-search-list] .org-card__name a").evaluate_all("(links) => links.map((a) => a.href)")
    food = {
        path.stem
        for path in (ROOT / "content" / "organizations").glob("*.yaml")
        if "alimentation" in yaml.safe_load(path.read_text(encoding="utf-8"))["categories"]
    }
    assert listed and all(href.rstrip("/").rsplit("/", 1)[1] in food for href in listed), listed
    page.goto(base + "fr/regions/montreal/page-3/")
    page.wait_for_url("**/fr/hors-ligne/non-enregistree/**")
    page.locator("[data-not-saved-list] a").wait_for(state="visible", timeout=5000)
    assert page.locator("[data-not-saved-list] a").get_attribute("href").endswith("fr/recherche/?region=montreal")
    # Back online, the page asked for shows by itself.
    page.goto(base + "fr/nouvelles/paniers-de-noel/")
    context.set_offline(False)
    page.wait_for_url(base + "fr/nouvelles/paniers-de-noel/", timeout=10000)
    assert page.locator("h1").inner_text() != "Cette page n'est pas enregistrée sur cet appareil"
    context.close()


# --- search by postal code and phone -----------------------------------------------------------


def _listed_records(site):
    """(id, postal codes, phone numbers) of every organization the search lists."""
    from repertoire.records import read_record
    from repertoire.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(ROOT / "content")
    found = []
    for path in sorted((ROOT / "content" / "organizations").glob("*.yaml")):
        org, errors = read_record(path, taxonomy)
        if org is None or org.status == "inactive":
            continue
        codes = [
            loc["address"]["postal_code"]
            for loc in org.data.get("locations") or []
            if (loc.get("address") or {}).get("postal_code")
        ]
        owners = [org.data, *(org.data.get("locations") or []), *(org.data.get("services") or [])]
        numbers = [p["number"] for owner in owners for p in owner.get("phones") or []]
        found.append((org.id, codes, numbers))
    return found


def _phone_spellings(number):
    """How people type a number they have: "(514) 555-0123", "514.555.0123", "+1 514 555 0123"..."""
    digits = "".join(c for c in number.split(",")[0] if c.isdigit())
    if len(digits) != 10:
        return [number]
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    return [
        f"({area}) {exchange}-{line}",
        f"{area}.{exchange}.{line}",
        digits,
        f"+1 {area} {exchange} {line}",
        f"1-{area}-{exchange}-{line}",
    ]


def test_every_postal_code_and_phone_number_finds_its_organization(published_site):
    from search_index.query import SearchFolder

    folder = published_site / "search" / "fr"
    engine = SearchFolder(folder)
    ids = json.loads((folder / engine.manifest["ids"]).read_text(encoding="utf-8"))
    numbers = {org_id: number for number, org_id in enumerate(ids)}
    missed, checked = [], 0
    for org_id, codes, phones in _listed_records(published_site):
        queries = [q for code in codes for q in (code, code.replace(" ", ""), code.split()[0])]
        queries += [q for number in phones for q in _phone_spellings(number)]
        for query in queries:
            hits = [doc for doc, _ in engine.search(query)]
            checked += 1
            if numbers[org_id] not in hits:
                missed.append((org_id, query))
    assert checked > 500 and missed == [], missed[:5]


def test_a_postal_code_or_a_phone_number_finds_it_in_the_browser(browser, published):
    site, base = published
    org_id, codes, phones = next(r for r in _listed_records(site) if r[1] and r[2])
    context, page, errors = _phone(browser)
    for query in [codes[0], codes[0].split()[0], _phone_spellings(phones[0])[0]]:
        page.goto(base + "fr/recherche/?q=" + query.replace(" ", "+").replace("(", "%28").replace(")", "%29"))
        page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=15000)
        hrefs = page.locator("[data-search-list] .org-card__name a").evaluate_all("(links) => links.map((a) => a.href)")
        assert any(href.endswith(f"/{org_id}/") for href in hrefs), (query, hrefs[:3])
    context.close()
    assert errors == []


def test_a_first_search_on_slow_3g_says_it_is_searching_until_its_results(browser, published):
    # The engine and index take seconds to load on slow 3G: the page showed only "browse by
    # category" meanwhile, as if nothing was coming (a helper's probe, stop 65).
    site, base = published
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    # Every text the status said, and whether a result was on the page when it was said.
    page.add_init_script(
        """window.said = [];
        new MutationObserver(() => {
          const text = document.querySelector('[data-search-status]')?.textContent;
          if (text && text !== window.said.at(-1)?.[0]) {
            window.said.push([text, Boolean(document.querySelector('[data-search-list] .org-card'))]);
          }
        }).observe(document, {childList: true, characterData: true, subtree: true});"""
    )
    page.goto(base + "fr/recherche/?q=logement", wait_until="load", timeout=180_000)
    page.locator("[data-search-list] .org-card").first.wait_for(state="visible", timeout=180_000)
    said = page.evaluate("window.said")
    context.close()
    assert ["Recherche en cours…", False] in said, said
    assert said[-1][0] != "Recherche en cours…", said


@pytest.mark.parametrize("query", ["aide alimentaire", "logement"])
def test_a_search_in_the_address_shows_results_one_round_trip_after_load_on_slow_3g(browser, published, query):
    """On Chromium's Slow 3G profile (2 s round trips, 400 kbit/s) each request waited for
    costs seconds: once the page has loaded, its first results need one round trip at most,
    for a few small files (scripts/bench_phone.py prints the seconds)."""
    site, base = published
    slow = slow_search(browser, base + "fr/recherche/?q=" + query.replace(" ", "+"))
    assert slow["round_trips"] <= 1, slow["after_load"]
    assert sum(r["bytes"] for r in slow["after_load"]) < 40 * 1024, slow["after_load"]


# Each number or French time of a page's text that is on more than one line (a range of its
# text with several boxes): "call 9-1-" at a line's end and "1" on the next.
NUMBERS_CUT = r"""() => {
  const said = /(?<![\w-])(?:N|\d{1,4})(?:-\d{1,4}){1,3}(?![\w-])|\d{1,3}[  ]\d{3}-\d{4}|\b\d{1,2}[  ]h\b/g;
  const cut = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    for (const match of node.data.matchAll(said)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((box) => Math.round(box.top)));
      if (lines.size > 1) cut.push(match[0]);
    }
  }
  return cut;
}"""


@pytest.mark.parametrize("width", [320, 360, 375, 390, 414])
def test_a_number_to_call_or_a_time_is_never_cut_at_a_line_s_end(browser, published, width):
    # A helper's probe (stop 75): "call 9-1-" / "1 instead" in the N-1-1 guide, "Guide des
    # numéros N-" / "1-1" as its title, "2-" / "1" in the news, "8" / "h" in a bulletin.
    site, base = published
    paths = ["fr/guide-n11/", "en/n11-guide/", "fr/nouvelles/", "en/news/", "fr/a-propos/", "en/about/"]
    paths += [
        p.parent.relative_to(site).as_posix() + "/" for p in sorted((site / "fr" / "nouvelles").glob("*/index.html"))
    ]
    context, page, errors = _phone(browser, viewport={"width": width, "height": 800})
    checked = 0
    for path in paths:
        assert (site / path / "index.html").exists(), path
        page.goto(base + path)
        assert page.evaluate(NUMBERS_CUT) == [], (path, width)
        checked += 1
    assert checked >= 8 and errors == []
    context.close()
