"""Quality gates on every kind of page, in both languages: valid HTML, accessibility,
privacy (no request leaves the site) and the documented Content-Security-Policy."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from browser import AXE, AXE_TAGS, csp_policy, serve
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# One page of every kind, in both languages (fixture records: see tests/fixtures/organizations).
PAGE_KINDS = [
    "",
    "404.html",
    "fr/",
    "en/",
    "fr/categories/alimentation/",
    "en/categories/itinerance/",
    "fr/regions/",
    "en/categories/",
    "en/regions/montreal/",
    "fr/regions/quebec/",
    "fr/organismes/cuisine-collective-du-quartier/",
    "en/organizations/cuisine-collective-du-quartier/",
    "en/organizations/halte-de-nuit-l-escale/",
    "fr/organismes/ligne-ecoute-provinciale/",
    "en/organizations/ancien-comptoir-vestimentaire/",
    "en/organizations/minimal/",
    "fr/organismes/odd-shapes/",
    "fr/recherche/",
    "en/search/",
    "fr/recherche/?q=cuisine",
    "en/search/?q=kitchen&category=alimentation",
    "fr/guide-n11/",
    "en/n11-guide/",
    "fr/a-propos/",
    "en/about/",
    "fr/personnel/",
    "en/staff/",
    "fr/hors-ligne/",
    "en/offline/",
    "fr/donnees-ouvertes/",
    "en/open-data/",
    "en/my-list/",
    "fr/ma-liste/?ids=cuisine-collective-du-quartier,halte-de-nuit-l-escale,gone-away",
    "en/printable-directory/",
    "fr/repertoire-imprimable/?territory=montreal&category=alimentation&title=CLSC",
]


@pytest.fixture(scope="module")
def csp_site(built_site):
    """The fixture site served with the documented Content-Security-Policy."""
    with serve(built_site, headers={"Content-Security-Policy": csp_policy()}) as base:
        yield base


def test_every_page_is_valid_html(built_site):
    java = shutil.which("java")
    assert java and VNU.exists(), "the Nu HTML checker needs java and node_modules/vnu-jar (scripts/setup --dev)"
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [
        f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}: {m.get('message')}" for m in messages
    ]
    assert not errors, "\n".join(errors[:30])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_accessibility_violation_on_any_kind_of_page(browser, csp_site, viewport):
    axe = AXE.read_text(encoding="utf-8")
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    found = {}
    for path in PAGE_KINDS:
        page.goto(csp_site + path)
        if "?q=" in path:  # the results, drawn by search.js, are checked too
            page.locator("[data-search-list] li").first.wait_for()
        if "?ids=" in path:  # a shared list, drawn by my-list.js
            page.locator("[data-list] li").first.wait_for()
        if "?territory=" in path:  # a composed directory, drawn by printed.js
            page.locator("[data-printed-output] .entry").first.wait_for()
        opened = page.locator("[data-map-open]")
        if opened.count() and path.startswith(("fr/categories/", "en/organizations/halte")):
            # The map open, Leaflet's controls and credit with it (its link failed
            # link-in-text-block): tiles or not, the page around them is checked.
            opened.first.click()
            page.locator("[data-map-canvas] .leaflet-control-attribution").first.wait_for()
            # Back at the top: scrolled to the map, the card that happened to sit under the sticky
            # menu was "partly obscured" for axe's target size, by where the page stopped.
            page.evaluate("window.scrollTo(0, 0)")
        # Injected through the test harness, not the page: the CSP keeps pages free of inline script.
        page.evaluate(axe)
        violations = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: tags})).violations"
            ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)",
            AXE_TAGS,
        )
        if violations:
            found[path or "/"] = violations
    context.close()
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_browsing_never_contacts_another_host_and_breaks_no_csp_rule(browser, csp_site):
    context = browser.new_context()
    page = context.new_page()
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Refused to load (Content Security Policy): ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    for path in PAGE_KINDS:
        page.goto(csp_site + path)
        page.wait_for_load_state("networkidle")
    # Opening maps adds the tile server, the one outside address allowed (unreachable here).
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    for path in ["fr/categories/alimentation/", "en/organizations/halte-de-nuit-l-escale/"]:
        page.goto(csp_site + path)
        page.click("[data-map-open]")
        page.wait_for_selector(".leaflet-marker-icon")
    context.close()
    foreign = sorted(
        {
            url
            for url in requests
            if not url.startswith(csp_site) and not url.startswith("https://tile.openstreetmap.org/")
        }
    )
    assert not foreign, foreign
    assert not problems, problems


def test_the_python_code_passes_the_linter_and_is_formatted():
    # pyproject.toml's rules: undefined names, unused imports and variables, syntax errors,
    # import order; and one layout, ruff format's, so that a diff shows only what changed.
    ruff = str(ROOT / ".venv" / "bin" / "ruff")
    for command in (["check", "--no-cache"], ["format", "--check", "--no-cache"]):
        result = subprocess.run([ruff, *command, str(ROOT)], capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, " ".join(command) + ": " + result.stdout + result.stderr


def test_each_download_of_the_open_data_page_names_its_list(built_site):
    # A screen reader's list of links read "CSV" and "Excel" 38 times each, to 38 lists.
    from pages import read

    for path in ("fr/donnees-ouvertes/index.html", "en/open-data/index.html"):
        table = read(built_site / path).find("table")
        names = [" ".join(link.text.split()) for link in table.find_all("a") if "download" in link.attrs]
        assert len(names) > 4 and len(names) == len(set(names)), (path, names)


def test_each_place_s_directions_say_which_place(demo_site):
    # An organization of three places: "OpenStreetMap" three times in a list of links.
    from pages import read

    several = 0
    for page in sorted((demo_site / "fr" / "organismes").glob("*/index.html")):
        links = [link for p in read(page).find_all("p", class_="directions") for link in p.find_all("a")]
        names = [" ".join(link.text.split()) for link in links]
        assert len(names) == len(set(names)), (page, names)
        several += len(links) > 2
    assert several  # records of the demonstration have several places
