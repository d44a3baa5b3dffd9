"""Statistics filters and alert banners in headless Chromium, with the site's CSP; their pages'
accessibility (axe) and HTML validity (Nu checker)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from browser import AXE, AXE_TAGS, csp_policy, serve
from conftest import ROOT, build_site, known_news, make_content
from repertoire.taxonomy import load_taxonomy
from stats import charts, cube
from stats.tables import load_stats

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
STATS_PAGES = {"fr": "fr/statistiques/", "en": "en/statistics/"}
MY_PAGES = [
    "fr/statistiques/",
    "en/statistics/",
    "fr/nouvelles/",
    "en/news/",
    "en/news/categories/health/",
    "fr/nouvelles/mesures-urgence-verglas/",
    "en/news/christmas-baskets/",
    "en/",
]
ALERT_ID = "verglas-2026-202611210800"


def full_content(target: Path) -> Path:
    return make_content(target, stats=ROOT / "content" / "stats", news=known_news(target))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("stats-news-site")
    return build_site(full_content(base), base / "output")  # today 2026-11-23: the ice-storm alert is on


@pytest.fixture(scope="module")
def stats_site(built):
    with serve(built, headers={"Content-Security-Policy": csp_policy()}) as base:
        yield base


@pytest.fixture(scope="module")
def data():
    taxonomy = load_taxonomy(ROOT / "content")
    return load_stats(ROOT / "content" / "stats", [r.slug for r in taxonomy.regions], list(taxonomy.categories))


def open_page(browser, url, when=None, **options):
    """A page and the script errors and CSP violations it reports."""
    context = browser.new_context(timezone_id="America/Toronto", **options)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(f"{message.text} {message.location.get('url', '')}".strip())
            if message.type == "error"
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    if when:
        page.clock.install(time=when)
    page.goto(url)
    return context, page, problems


def ready(page):
    """Wait for stats-filters.js to turn the filters on (it does once the data is in)."""
    page.locator('[data-module="stats-filters"][data-ready]').wait_for(state="visible")


def choose(page, name, value):
    page.locator(f'select[name="{name}"]').select_option(value)


def widths(page, svg_id):
    return page.eval_on_selector_all(
        f"#{svg_id} .chart__row",
        "rows => rows.map(g => [...g.querySelectorAll('rect')].map(r => r.getAttribute('width')))",
    )


def expected_line(data, filters):
    rows = cube.needs_per_month(data, filters)
    return rows, charts.line_chart([m for m, _ in rows], [v for _, v in rows])


def expected_widths(parts):
    return [[charts.fmt(w) for _, w in row.segments] for row in charts.bar_chart(parts).rows]


# --- Filters -----------------------------------------------------------------------------


def test_filters_redraw_every_chart_like_the_build_would(browser, stats_site, data):
    context, page, problems = open_page(browser, stats_site + STATS_PAGES["fr"])
    ready(page)
    line = page.locator("#chart-needs polyline")
    published = expected_line(data, cube.Filters())[1]
    assert line.get_attribute("points") == published.points_attr
    choose(page, "territory", "laval")
    filters = cube.Filters(territory="laval")
    rows, chart = expected_line(data, filters)
    assert line.get_attribute("points") == chart.points_attr
    assert page.locator("#chart-needs").get_attribute("data-y-max") == str(chart.y_max)
    ticks = page.eval_on_selector_all(
        "#chart-needs .chart__grid text", "ts => ts.map(t => [+t.dataset.value, t.getAttribute('y')])"
    )
    assert ticks == [[value, charts.fmt(y)] for value, y in chart.ticks]
    assert page.locator("#chart-needs circle").count() == 34
    categories = cube.by_category(data, filters)
    assert widths(page, "chart-categories") == expected_widths([[met, unmet] for _, met, unmet in categories])
    for dimension in ("territory", "language", "gender", "age_group"):
        rows_d = cube.profile_by(data, filters, dimension)
        assert widths(page, "chart-" + dimension.replace("_", "-")) == expected_widths([[v] for _, v in rows_d]), (
            dimension
        )
    # The words follow: badge, table, title, status, address.
    figure = page.locator('[data-figure="needs"]')
    assert figure.locator("[data-badge]").inner_text() == "Données de démonstration"
    total = sum(v for _, v in cube.needs_per_month(data, filters))
    assert figure.locator("tfoot td").text_content().replace("\xa0", " ").replace(
        "\u202f", " "
    ) == f"{total:,}".replace(",", " ")
    assert figure.locator("tbody tr").count() == 34
    assert "Laval" in page.locator("[data-status]").inner_text()
    assert page.url.endswith("?territory=laval")
    assert (
        page.locator("#chart-needs title")
        .first.text_content()
        .startswith("Besoins exprimés par mois, avril 2018 à janvier 2021")
    )
    assert problems == []
    context.close()


def test_period_and_profile_filters_combine(browser, stats_site, data):
    context, page, problems = open_page(browser, stats_site + STATS_PAGES["en"])
    ready(page)
    choose(page, "from", "2019-01")
    choose(page, "to", "2019-12")
    choose(page, "gender", "women")
    choose(page, "age_group", "65+")
    choose(page, "language", "en")
    filters = cube.Filters(start="2019-01", end="2019-12", gender="women", age_group="65+", language="en")
    rows, chart = expected_line(data, filters)
    assert len(rows) == 12
    assert page.locator("#chart-needs polyline").get_attribute("points") == chart.points_attr
    labels = page.eval_on_selector_all("#chart-needs .chart__x text", "ts => ts.map(t => t.textContent)")
    assert len(labels) == len(chart.x_labels) and labels[0] in ("Jan 2019", "Jan. 2019")
    rows_table = page.locator('[data-figure="needs"] tbody tr')
    assert rows_table.count() == 12 and rows_table.first.locator("th").text_content() == "January 2019"
    # The categories follow the period, not the profile filters.
    categories = cube.by_category(data, cube.Filters(start="2019-01", end="2019-12"))
    assert widths(page, "chart-categories") == expected_widths([[m, u] for _, m, u in categories])
    status = page.locator("[data-status]").inner_text()
    assert "January 2019 to December 2019" in status and "Women, 65 and over, English" in status
    # Printed, the figures say they are filtered, without the controls: a printout showed a
    # filtered period under the headings of the whole, the filters left out with the form.
    page.emulate_media(media="print")
    assert page.locator("[data-status]").is_visible() and not page.locator("[data-controls]").is_visible()
    assert problems == []
    context.close()


def test_period_stays_in_order_and_reset_shows_the_published_figures(browser, stats_site, data):
    context, page, problems = open_page(browser, stats_site + STATS_PAGES["en"])
    ready(page)
    choose(page, "from", "2020-06")
    choose(page, "to", "2019-03")  # before the start: the start follows
    assert page.locator('select[name="from"]').input_value() == "2019-03"
    assert page.locator("#chart-needs circle").count() == 1
    page.get_by_role("button", name="Clear the filters").click()
    page.wait_for_function("() => document.querySelectorAll('#chart-needs circle').length === 34")
    assert (
        page.locator("#chart-needs polyline").get_attribute("points")
        == expected_line(data, cube.Filters())[1].points_attr
    )
    assert page.locator('[data-figure="needs"] [data-badge]').inner_text() == "Published figures"
    assert "?" not in page.url
    assert problems == []
    context.close()


def test_a_filtered_address_opens_filtered_and_filters_work_offline(browser, stats_site, data):
    context, page, problems = open_page(browser, stats_site + STATS_PAGES["fr"] + "?territory=montreal&gender=men")
    ready(page)
    assert page.locator('select[name="territory"]').input_value() == "montreal"
    chart = expected_line(data, cube.Filters(territory="montreal", gender="men"))[1]
    assert page.locator("#chart-needs polyline").get_attribute("points") == chart.points_attr
    page.wait_for_load_state("networkidle")
    context.set_offline(True)  # the data came with the page: no request needed any more
    choose(page, "language", "other")
    chart = expected_line(data, cube.Filters(territory="montreal", gender="men", language="other"))[1]
    assert page.locator("#chart-needs polyline").get_attribute("points") == chart.points_attr
    # Chromium fetches the tab icon whenever it likes (outside "networkidle"): not the page's doing.
    assert [p for p in problems if not p.endswith("/theme/images/icon.svg")] == []
    context.close()


def test_without_javascript_or_data_the_charts_drawn_at_build_stay(browser, stats_site, data):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(stats_site + STATS_PAGES["en"])
    assert not page.locator('[data-module="stats-filters"]').is_visible()
    assert (
        page.locator("#chart-needs polyline").get_attribute("points")
        == expected_line(data, cube.Filters())[1].points_attr
    )
    assert page.locator(".alert-banner").is_visible()  # the alert is on at build time
    context.close()
    context, page, problems = open_page(browser, "about:blank")
    page.route("**/stats/data.json", lambda route: route.abort())
    page.goto(stats_site + STATS_PAGES["en"])
    page.wait_for_load_state("networkidle")
    assert not page.locator('[data-module="stats-filters"]').is_visible()
    assert page.locator("#chart-needs circle").count() == 34
    assert [p for p in problems if not p.startswith("Failed to load resource")] == []  # only the refused request
    context.close()


def test_statistics_and_news_fit_a_phone(browser, stats_site):
    for path in MY_PAGES:
        context, page, problems = open_page(browser, stats_site + path, viewport=PHONE, is_mobile=True, has_touch=True)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        assert problems == [], (path, problems)
        context.close()


# --- Alert banner ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "when, shown",
    [
        ("2026-11-20T12:00:00Z", False),  # before its start (the build said on: the reader's clock says not yet)
        ("2026-11-21T05:00:00Z", True),  # midnight in Montréal, the first day
        ("2026-11-25T15:00:00Z", True),
        ("2026-12-01T04:59:00Z", True),  # 23:59 on the last day
        ("2026-12-01T05:00:00Z", False),  # ended: a cached page stops showing it
        ("2027-01-10T15:00:00Z", False),
    ],
)
def test_banner_follows_the_readers_clock(browser, stats_site, when, shown):
    for path in ("fr/", "en/organizations/cuisine-collective-du-quartier/", "en/statistics/"):
        context, page, problems = open_page(browser, stats_site + path, when=when)
        banner = page.locator(".alert-banner")
        page.wait_for_function("() => document.querySelector('[data-dismiss]').hidden === false")
        assert banner.is_visible() == shown, (path, when)
        assert problems == []
        context.close()


def test_a_scheduled_alert_appears_when_it_starts(browser, tmp_path):
    site_dir = build_site(full_content(tmp_path), tmp_path / "output", DIRECTORY_TODAY="2026-11-19")
    assert "hidden" in re.search(r"<aside[^>]*alert-banner[^>]*>", (site_dir / "fr/index.html").read_text()).group(0)
    with serve(site_dir) as base:
        for when, shown in (("2026-11-19T15:00:00Z", False), ("2026-11-21T15:00:00Z", True)):
            context, page, problems = open_page(browser, base + "fr/", when=when)
            page.wait_for_function("() => document.querySelector('[data-dismiss]').hidden === false")
            assert page.locator(".alert-banner").is_visible() == shown, when
            context.close()


def test_dismissing_hides_the_alert_on_every_page_for_good(browser, stats_site):
    context, page, problems = open_page(browser, stats_site + "fr/", when="2026-11-23T15:00:00Z")
    banner = page.locator(".alert-banner")
    assert banner.is_visible()
    assert banner.get_by_role("link").inner_text().startswith("Mesures d'urgence")
    page.get_by_role("button", name="Masquer cette alerte").click()
    assert not banner.is_visible()
    assert page.evaluate("document.activeElement.id") == "main"
    stored = page.evaluate("Object.keys(localStorage)")
    assert stored == ["repertoire.alert-dismissed." + ALERT_ID]
    for path in ("en/", "fr/statistiques/", "en/news/"):
        page.goto(stats_site + path)
        page.wait_for_function("() => document.querySelector('[data-dismiss]').hidden === false")
        assert not page.locator(".alert-banner").is_visible(), path
    assert problems == []
    context.close()
    # Another device (fresh storage) still sees it.
    context, page, problems = open_page(browser, stats_site + "en/", when="2026-11-23T15:00:00Z")
    assert page.locator(".alert-banner").is_visible()
    context.close()


# --- Quality gates on these pages ---------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_accessibility_violation_on_statistics_and_news(browser, stats_site, viewport):
    assert AXE.exists(), "axe-core is missing: scripts/setup --dev installs it"
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for path in [*MY_PAGES, STATS_PAGES["en"] + "?territory=laval&age_group=18-34"]:
        context, page, problems = open_page(browser, stats_site + path, viewport=viewport)
        page.wait_for_load_state("networkidle")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.evaluate(axe)
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: tags})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)",
            AXE_TAGS,
        )
        if violations or problems:
            found[path] = violations + problems
        context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_statistics_and_news_pages_are_valid_html(built):
    java = shutil.which("java")
    assert java and VNU.exists(), "the Nu HTML checker needs java and node_modules/vnu-jar (scripts/setup --dev)"
    pages = [str(built / path / "index.html") for path in MY_PAGES]
    pages += [str(p) for p in (built / "fr" / "nouvelles").rglob("*.html")] + [str(built / "404.html")]
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *sorted(set(pages))],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert not messages, "\n".join(f"{m.get('url')}:{m.get('lastLine')}: {m.get('message')}" for m in messages[:20])
