"""Maps and "near me": self-hosted Leaflet, points per list, tiles as the only outside source."""

from __future__ import annotations

import filecmp
import json
import math
import shutil

import pytest
from pages import read

from browser import serve
from conftest import FIXTURES, ROOT, build_site, km_to_nearest, make_content

TILE_HOST = "tile.openstreetmap.org"


def setup_of(doc):
    return json.loads(doc.find("section", **{"data-module": "map"}).attrs["data-setup"])


def test_each_list_has_its_points_in_each_language(built_site, taxonomy):
    for lang, base in (("fr", "fr/categories"), ("en", "en/categories")):
        for slug in taxonomy.categories:
            points = json.loads((built_site / base / slug / "map.json").read_text(encoding="utf-8"))
            for lat, lon, name, url, place in points:
                assert (built_site / url / "index.html").is_file()
                assert url.startswith(lang + "/")
    food = json.loads((built_site / "en/categories/alimentation/map.json").read_text(encoding="utf-8"))
    assert sorted(p[2] for p in food) == ["Former Clothing Counter", "Neighbourhood Community Kitchen"]
    province = json.loads((built_site / "fr/regions/quebec/map.json").read_text(encoding="utf-8"))
    assert [p[2] for p in province] == ["Ligne d'écoute provinciale"]


def test_organization_page_carries_only_its_coordinates_and_directions(built_site):
    doc = read(built_site / "fr/organismes/cuisine-collective-du-quartier/index.html")
    block = doc.find("section", **{"data-module": "map"})
    assert json.loads(block.attrs["data-points"]) == [
        [
            45.5275,
            -73.5561,
            "Cuisine collective du quartier",
            "fr/organismes/cuisine-collective-du-quartier/",
            "Point de service principal",
        ]
    ]
    links = [a.attrs["href"] for a in doc.find("p", **{"class": "directions"}).find_all("a")]
    assert links[0].startswith("geo:45.5275,-73.5561") and "openstreetmap.org/directions" in links[1]
    # No map library on the page itself: it loads when the visitor opens the map.
    assert not [s for s in doc.find_all("script") if "vendor" in s.attrs.get("src", "")]
    assert not [l for l in doc.find_all("link") if "vendor" in l.attrs.get("href", "")]


def test_tiles_are_the_only_outside_address_and_leaflet_is_vendored(built_site):
    setup = setup_of(read(built_site / "en/regions/montreal/index.html"))
    assert setup["tiles"] == f"https://{TILE_HOST}/{{z}}/{{x}}/{{y}}.png"
    for name, path in setup["assets"].items():
        assert (built_site / "theme/vendor" / path).is_file(), name
    for package, name, copy in [
        ("leaflet", "dist/leaflet.js", "leaflet/leaflet.js"),
        ("leaflet.markercluster", "dist/leaflet.markercluster.js", "leaflet.markercluster/leaflet.markercluster.js"),
    ]:
        assert filecmp.cmp(ROOT / "node_modules" / package / name, built_site / "theme/vendor" / copy, shallow=False)
    assert (built_site / "theme/vendor/leaflet/LICENSE").is_file()
    assert (built_site / "theme/vendor/leaflet.markercluster/MIT-LICENCE.txt").is_file()


def test_tile_template_is_a_setting(tmp_path):
    from conftest import build_site, make_content

    output = build_site(
        make_content(tmp_path),
        tmp_path / "out",
        MAP_TILES="https://tiles.example.net/{z}/{x}/{y}.png",
        MAP_ATTRIBUTION="© Example",
    )
    setup = setup_of(read(output / "fr/regions/montreal/index.html"))
    assert setup["tiles"] == "https://tiles.example.net/{z}/{x}/{y}.png"
    assert setup["tileOptions"]["attribution"] == "© Example"


def test_escape_on_the_map_stays_on_the_site_and_its_controls_speak_french(browser, site):
    # Escape on a marker's popup or a zoom button took the quick exit: the person using the
    # map's keyboard was thrown out of the site (Escape is the map's, to close a popup).
    context = browser.new_context()
    context.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    context.route("https://www.google.ca/**", lambda route: route.fulfill(body="neutral"))
    page = context.new_page()
    page.goto(site + "fr/categories/alimentation/")
    page.get_by_role("button", name="Afficher la carte").focus()
    page.keyboard.press("Enter")
    marker = page.locator(".leaflet-marker-icon").first
    marker.wait_for()
    # The button hides once the map is drawn: the focus moves to the map, not to the top of the page.
    page.wait_for_function("() => document.activeElement.closest('.map-block') !== null")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.leaflet-container') !== null")
    marker.focus()
    page.keyboard.press("Enter")
    page.locator(".leaflet-popup").wait_for()
    # The map's controls speak the page's language (Leaflet's own words are English).
    assert page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == "Fermer"
    assert page.get_by_role("button", name="Zoom avant").count() == 1
    assert page.get_by_role("button", name="Zoom arrière").count() == 1
    # Opened with the keyboard, the popup has the focus, on its link (it stayed on the marker,
    # the link after every other marker); Escape closes it, back to the marker.
    page.wait_for_function("() => document.activeElement.closest('.leaflet-popup-content')?.tagName === 'DIV'")
    assert page.evaluate("document.activeElement.tagName") == "A"
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert "/fr/categories/alimentation/" in page.url
    assert page.locator(".leaflet-popup").count() == 0
    assert page.evaluate("document.activeElement.classList.contains('leaflet-marker-icon')")
    page.locator(".leaflet-control-zoom-in").focus()
    page.keyboard.press("Escape")
    page.wait_for_timeout(300)
    assert "/fr/categories/alimentation/" in page.url
    context.close()


def test_map_without_tiles_shows_markers_and_says_so(browser, site):
    context = browser.new_context()
    context.route(f"https://{TILE_HOST}/**", lambda route: route.abort())  # the tile server is out of reach
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(site + "fr/categories/alimentation/")
    assert not [u for u in requested if "/vendor/" in u], "Leaflet must not load before the map is opened"
    page.get_by_role("button", name="Afficher la carte").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert page.locator(".leaflet-marker-icon").count() == 2
    # Each marker is named with its place: a screen reader tells one site from another.
    names = page.eval_on_selector_all(".leaflet-marker-icon", "icons => icons.map(i => i.alt)")
    assert "Cuisine collective du quartier – Point de service principal" in names, names
    notice = page.locator("[data-map-notice]")
    notice.wait_for(state="visible")
    assert "fond de carte" in notice.inner_text()
    # The list beside it still works.
    page.get_by_role("link", name="Cuisine collective du quartier").click()
    page.wait_for_url("**/organismes/cuisine-collective-du-quartier/")
    context.close()


def test_a_map_that_cannot_be_drawn_says_so_not_that_tiles_are_missing(browser, site):
    # Offline after one visit, a list's points and Leaflet are not saved: nothing is drawn,
    # and the notice said the points were shown on a plain background.
    context = browser.new_context()
    context.route("**/vendor/**/*.js", lambda route: route.abort())  # Leaflet, never saved
    page = context.new_page()
    page.goto(site + "fr/categories/alimentation/")
    page.get_by_role("button", name="Afficher la carte").click()
    failed = page.locator("[data-map-failed]")
    failed.wait_for(state="visible")
    assert "n'est pas enregistrée sur cet appareil" in failed.inner_text()
    assert page.locator("[data-map-notice]").is_hidden() and page.locator(".leaflet-marker-icon").count() == 0
    assert page.get_by_role("button", name="Afficher la carte").is_enabled()  # to try again
    # Back online: the same button draws it.
    context.unroute("**/vendor/**/*.js")
    page.get_by_role("button", name="Afficher la carte").click()
    page.wait_for_selector(".leaflet-marker-icon")
    context.close()


def test_near_me_sorts_by_distance_from_the_visitor(browser, site):
    here = (45.5275, -73.5561)  # at the community kitchen
    context = browser.new_context(geolocation={"latitude": here[0], "longitude": here[1]}, permissions=["geolocation"])
    page = context.new_page()
    page.goto(site + "fr/categories/alimentation/")
    names = lambda: page.locator(".org-card__name").all_inner_texts()  # noqa: E731
    # Temporarily closed after the active ones, by name and by distance alike.
    assert names() == ["Cuisine collective du quartier", "Ancien comptoir vestimentaire"]
    page.get_by_role("button", name="Trier selon la distance").click()
    page.wait_for_function("() => document.querySelector('[data-distance]:not([hidden])')")
    assert names() == ["Cuisine collective du quartier", "Ancien comptoir vestimentaire"]
    distances = page.locator("[data-distance]").all_inner_texts()
    expected = (
        2
        * 6371
        * math.asin(
            math.sqrt(
                math.sin(math.radians(45.55 - here[0]) / 2) ** 2
                + math.cos(math.radians(here[0]))
                * math.cos(math.radians(45.55))
                * math.sin(math.radians(-73.60 - here[1]) / 2) ** 2
            )
        )
    )
    assert distances == ["0 km", f"{expected:.1f} km".replace(".", ",")]
    context.close()


def test_near_me_without_permission_offers_a_municipality(browser, site):
    context = browser.new_context()  # geolocation not granted: the browser refuses
    page = context.new_page()
    page.goto(site + "en/categories/alimentation/")
    page.get_by_role("button", name="Near me").click()
    status = page.locator("[data-near-me-status]")
    page.wait_for_function("() => document.querySelector('[data-near-me-town]').options.length > 100")
    assert "choose a municipality" in status.inner_text()
    # Each municipality once: the refusal filled the list and focused it, which filled it again.
    page.wait_for_load_state("networkidle")
    page.locator("[data-near-me-town]").dispatch_event("pointerdown")
    page.wait_for_load_state("networkidle")
    towns = page.locator("[data-near-me-town] option").evaluate_all("options => options.map((o) => o.text)")
    assert len(towns) == len(set(towns)) > 100
    page.get_by_label("Or from a municipality:").select_option(label="Mount Royal")
    page.wait_for_function("() => document.querySelector('[data-distance]:not([hidden])')")
    cards = page.locator(".org-card__name").all_inner_texts()
    # Mount Royal (45.517, -73.650) is 5.5 km from the counter, 7.5 km from the kitchen; the
    # counter is temporarily closed, so it stays after the open kitchen.
    assert cards == ["Neighbourhood Community Kitchen", "Former Clothing Counter"]
    distances = page.locator("[data-distance]").all_inner_texts()
    kitchen, counter = [float(d.split()[0].replace(",", ".")) for d in distances]
    assert counter < kitchen
    assert status.inner_text() == "Sorted by distance from Mount Royal."
    context.close()


def test_a_name_shown_in_the_other_language_says_so_on_the_map():
    from types import SimpleNamespace

    from maps.mapdata import organization_points

    place = {"coordinates": [45.5, -73.6], "address": {"city": "Montréal"}}
    english = SimpleNamespace(data={"name": {"en": "Friendship Circle"}, "locations": [place]})
    assert organization_points(english, "fr", "u/") == [[45.5, -73.6, "Friendship Circle", "u/", "Montréal", "en"]]
    assert organization_points(english, "en", "u/") == [[45.5, -73.6, "Friendship Circle", "u/", "Montréal"]]


def _overlapping(boxes: list[dict]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes[i + 1 :], i + 1)
        if a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    ]


def test_places_a_street_apart_are_not_drawn_one_over_the_other(browser, tmp_path):
    # Two organizations of a list a hundred metres apart: their markers were drawn one over the
    # other below the clustering threshold (30 points), and a finger could reach only one.
    records = tmp_path / "records"
    shutil.copytree(FIXTURES / "organizations", records)
    path = records / "ancien-comptoir-vestimentaire.yaml"
    path.write_text(path.read_text().replace("[45.55, -73.60]", "[45.5284, -73.5561]"))
    site = build_site(make_content(tmp_path, organizations=records), tmp_path / "output")
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        context.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
        page = context.new_page()
        page.goto(base + "fr/categories/alimentation/")
        page.get_by_role("button", name="Afficher la carte").click()
        icons = page.locator(".leaflet-marker-icon")
        icons.first.wait_for()
        boxes = [icons.nth(i).bounding_box() for i in range(icons.count())]
        assert not _overlapping(boxes), boxes
        # The group is a button named for what it holds, and opens on its places, each a target
        # of its own, each named.
        group = page.get_by_role("button", name="2 lieux ici\u00a0: les afficher")
        assert group.count() == 1
        group.click()
        markers = page.locator("img.leaflet-marker-icon")
        page.wait_for_function("() => document.querySelectorAll('img.leaflet-marker-icon').length === 2")
        page.wait_for_timeout(400)  # the markers move apart (an animation)
        boxes = [markers.nth(i).bounding_box() for i in range(2)]
        assert not _overlapping(boxes), boxes
        names = page.eval_on_selector_all("img.leaflet-marker-icon", "icons => icons.map(i => i.alt)")
        assert any(name.startswith("Ancien comptoir vestimentaire") for name in names), names
        context.close()


def test_a_cluster_keeps_its_circle_in_high_contrast(browser, demo_url):
    # Forced colours (Windows high contrast) remove background colours: a cluster's circles
    # went, its count alone was left, no longer a button to open (accessibility probe, stop 69).
    context = browser.new_context(forced_colors="active")
    context.route("https://**/*", lambda route: route.abort())  # no tiles: what is drawn is ours
    page = context.new_page()
    page.goto(demo_url + "fr/categories/alimentation/")
    page.get_by_role("button", name="Afficher la carte").click()
    page.wait_for_selector(".marker-cluster div")
    border = page.eval_on_selector(".marker-cluster div", "d => getComputedStyle(d).borderTopWidth")
    assert border == "2px", border
    context.close()


@pytest.fixture(scope="module")
def short_pages(tmp_path_factory):
    """The demonstration records with lists of three a page, served: a category of several pages."""
    base = tmp_path_factory.mktemp("short-pages")
    content = make_content(base, organizations=ROOT / "content" / "organizations")
    output = build_site(content, base / "output", DIRECTORY_PAGE_SIZE=3)
    with serve(output) as url:
        yield output, url


def test_a_town_chosen_on_one_page_of_a_list_leads_to_all_of_it_nearest_first(browser, short_pages, demo_records):
    # A helper's probe (stop 70): on the first of four pages of food aid, Sherbrooke sorted the
    # page's 50 and said "sorted by distance from Sherbrooke"; the town's own food bank was on
    # page 2, never shown. The page says it sorted itself only, and links to the whole list.
    output, base = short_pages
    food = [org for org in demo_records if "alimentation" in org.categories and org.status == "active"]
    page_one = read(output / "fr/categories/alimentation/index.html")
    names = page_one.find_all(**{"class": "org-card__name"})
    on_page = {name.find("a").attrs["href"].rstrip("/").rsplit("/", 1)[-1] for name in names}
    assert len(on_page) == 3
    towns = json.loads((output / "theme" / "data" / "municipalities.json").read_text(encoding="utf-8"))

    # A town whose nearest food aid is on another page: the case the page cannot sort.
    name, town, nearest = next(
        (fr, (lat, lon), min(food, key=lambda org: km_to_nearest((lat, lon), org)))
        for fr, _, lat, lon in sorted(towns)
        if min(food, key=lambda org: km_to_nearest((lat, lon), org)).id not in on_page
    )
    context = browser.new_context()
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(base + "fr/categories/alimentation/")
    whole = page.locator("[data-near-me-whole]")
    assert whole.is_hidden()
    page.locator("#near-me-town").focus()
    page.wait_for_function("() => document.querySelector('#near-me-town').options.length > 1")
    page.select_option("#near-me-town", label=name)
    whole.wait_for(state="visible")
    # Said in the status (read out as it changes), the link under it.
    assert page.locator("[data-near-me-status]").inner_text() == (
        f"Trié selon la distance de {name}. Seuls les organismes de cette page sont triés."
    )
    assert whole.inner_text() == "Les voir tous, du plus proche au plus loin"
    # On paper, the distances say from where, and that only this page is sorted (a printing
    # probe, stop 79: "0,9 km" with no town); the controls are not printed.
    page.emulate_media(media="print")
    assert page.locator("[data-near-me-status]").is_visible()
    assert not page.locator("#near-me-town").is_visible() and not whole.is_visible()
    assert not page.locator("[data-near-me-locate]").is_visible()
    page.emulate_media(media="screen")
    whole.locator("a").click()
    page.wait_for_url("**/fr/recherche/?category=alimentation*")
    page.wait_for_function("() => document.querySelector('[data-search-list] [data-distance]:not([hidden])')")
    page.wait_for_function("() => !document.querySelector('[data-module=search]').hasAttribute('aria-busy')")
    first = page.locator("[data-search-list] .org-card__name a").first.get_attribute("href")
    assert first.rstrip("/").rsplit("/", 1)[-1] == nearest.id
    # The town named again from the municipalities, not from the link (which could say anything).
    page.wait_for_function(
        "t => document.querySelector('[data-near-me-status]').textContent === t",
        arg=f"Trié selon la distance de {name}.",
    )
    assert page.locator("#near-me-town option:checked").inner_text() == name  # as if chosen there
    # The position is in the address's fragment only: never sent in a request.
    assert "near=" not in page.url
    assert problems == []
    context.close()


@pytest.mark.parametrize(
    "fragment, said",
    [
        # A town's name is the list's, whatever the link says; other words are not shown.
        ("#near=45.5,-73.6,Montr%C3%A9al.%20URGENT%20%3A%20appelez%20le%201-900-555-0199", None),
        ("#near=45.5,-73.6,town", "Trié selon la distance de votre position (elle reste sur cet appareil)."),
        ("#near=45.50,-73.57", "Trié selon la distance de votre position (elle reste sur cet appareil)."),
    ],
)
def test_a_position_in_a_link_shows_no_words_of_its_own(browser, short_pages, fragment, said):
    # A reviewer's (stop 70): the town's name was read from the link and shown in the status,
    # "Montréal. URGENT : appelez le 1-900-..." on a site people in distress trust.
    output, base = short_pages
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "fr/categories/alimentation/" + fragment)
    status = page.locator("[data-near-me-status]")
    page.wait_for_timeout(500)
    assert "URGENT" not in status.inner_text() and "1-900" not in page.locator("main").inner_text()
    if said:
        assert status.inner_text() == said
        # Sorted at once, as the status says.
        assert page.locator(".org-list [data-distance]:not([hidden])").count() > 0
    else:
        assert status.inner_text() == ""
    context.close()


def test_a_page_of_a_long_list_printed_says_it_is_one(browser, short_pages):
    # A helper's probe (stop 70): a category printed its first page, 50 of 176, with "page 1
    # of 4" alone to say so; a printed search says "the first 20 of 176".
    output, base = short_pages
    total = int(read(output / "fr/categories/alimentation/index.html").find("p", **{"class": "count"}).text.split()[0])
    context = browser.new_context()
    page = context.new_page()
    page.goto(base + "fr/categories/alimentation/page-2/")
    notice = page.locator("main p.print-only", has_text="Imprimé ici")
    assert notice.is_hidden()
    page.emulate_media(media="print")
    assert notice.inner_text() == (
        f"Imprimé ici\u00a0: la page 2 de {-(-total // 3)}, 3 des {total} organismes. "
        "Le répertoire imprimable les donne tous."
    )
    context.close()
