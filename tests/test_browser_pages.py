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
        ("2026-11-23T15:00:00Z", "fr", "fr/organismes/cuisine-collective-du-quartier/", "Ouvert · ferme à 12 h"),
        ("2026-11-23T15:00:00Z", "en", "en/organizations/cuisine-collective-du-quartier/", "Open · closes at 12 p.m."),
        # Monday 12:30: lunch break.
        ("2026-11-23T17:30:00Z", "fr", "fr/organismes/cuisine-collective-du-quartier/", "Fermé · ouvre à 13 h"),
        # Monday 02:00: the night shelter opened Sunday 21:30 and closes at 7.
        ("2026-11-23T07:00:00Z", "en", "en/organizations/halte-de-nuit-l-escale/", "Open · closes at 7 a.m."),
        # Christmas day, a holiday exception: closed, opens tomorrow (Saturday).
        ("2026-12-25T16:00:00Z", "fr", "fr/organismes/cuisine-collective-du-quartier/", "Fermé · ouvre demain à 10 h"),
        ("2026-11-23T15:00:00Z", "en", "en/organizations/ligne-ecoute-provinciale/", "Open 24 hours a day"),
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


def test_quick_exit_leaves_and_back_does_not_return(browser, site):
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
