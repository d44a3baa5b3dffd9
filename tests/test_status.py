"""Organizations no longer active or temporarily closed: never listed or ranked when no longer
active (their own page stays, says so and points to others; a search naming one says it
closed), always after the active ones."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from pages import read

from conftest import build_site, make_content
from search_index.query import SearchFolder

RECORD = """\
id: {id}
name: {{fr: "{name}", en: "{name}"}}
description: {{fr: Dépannage alimentaire et paniers d'épicerie., en: Emergency food aid and grocery baskets.}}
categories: [alimentation]
service_area: [montreal]
status: {status}
last_verified: 2026-11-01
phones:
  - number: {phone}
locations:
  - id: comptoir
    address: {{street: "{number}, rue Exemple", city: Montréal, postal_code: H2X 1Y4}}
    coordinates: [{lat}, -73.58]
    hours:
      - {{days: [mo, tu, we, th, fr], opens: "09:00", closes: "17:00"}}
"""
# (id, name, status, latitude): the inactive one is the best match for "banque alimentaire".
FOOD_BANKS = [
    ("banque-alimentaire-fermee", "Banque alimentaire Banque alimentaire", "inactive", 45.520),
    ("banque-alimentaire-en-pause", "Banque alimentaire en pause", "temporarily_closed", 45.521),
    ("banque-alimentaire-du-plateau", "Banque alimentaire du Plateau", "active", 45.523),
    ("comptoir-alimentaire-loin", "Comptoir alimentaire Loin", "active", 45.600),
    # Closed, with a name no open organization shares a word with but "alimentaire".
    ("epicerie-solidaire-tournesol", "Épicerie solidaire Tournesol alimentaire", "inactive", 45.530),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("status")
    content = make_content(base)
    for number, (org_id, name, status, lat) in enumerate(FOOD_BANKS, start=1):
        (content / "organizations" / f"{org_id}.yaml").write_text(
            RECORD.format(id=org_id, name=name, status=status, lat=lat, number=number, phone=f"514 555-01{number:02d}"),
            encoding="utf-8",
        )
    return build_site(content, base / "output")


def ids_in(page_path: Path) -> list[str]:
    """Organization ids linked from a list page, in order."""
    links = [
        a.attrs["href"].rstrip("/").rsplit("/", 1)[-1]
        for a in read(page_path).find_all("a")
        if "/organismes/" in a.attrs.get("href", "")
    ]
    return list(dict.fromkeys(links))


def test_lists_leave_out_the_inactive_and_put_the_closed_last(site):
    for page in ("fr/categories/alimentation/index.html", "fr/regions/montreal/index.html"):
        listed = [i for i in ids_in(site / page) if i in {f[0] for f in FOOD_BANKS}]
        assert "banque-alimentaire-fermee" not in listed, page
        assert listed[-1] == "banque-alimentaire-en-pause", (page, listed)
        assert {"banque-alimentaire-du-plateau", "comptoir-alimentaire-loin"} <= set(listed)


def test_downloads_and_maps_leave_out_the_inactive(site):
    for name in ("all.csv", "category-alimentation.csv", "region-montreal.csv"):
        rows = list(csv.reader(io.StringIO((site / "fr/telechargements" / name).read_text("utf-8-sig"))))
        ids = [row[0] for row in rows[1:]]
        assert "banque-alimentaire-fermee" not in ids and ids[-1] == "banque-alimentaire-en-pause", (name, ids)
    points = json.loads((site / "fr/categories/alimentation/map.json").read_text(encoding="utf-8"))
    names = {point[2] for point in points}
    assert "Banque alimentaire du Plateau" in names and "Banque alimentaire Banque alimentaire" not in names


@pytest.mark.parametrize("query", ["banque alimentaire", "Banque Alimentaire", "dépannage alimentaire", "alimentaire"])
def test_search_never_finds_the_inactive_and_ranks_the_closed_last(site, query):
    search = SearchFolder(site / "search" / "fr")
    hits = search.search(query)
    records = search.records([doc for doc, _ in hits])
    found = [records[doc]["id"] for doc, _ in hits]
    statuses = [records[doc]["status"] for doc, _ in hits]
    assert "banque-alimentaire-fermee" not in found, found
    assert "banque-alimentaire-en-pause" in found
    assert statuses == sorted(statuses, key=lambda s: s != "active"), found
    assert found[0] == "banque-alimentaire-du-plateau" or query == "alimentaire", found
    # The one in pause says where to turn instead, by name and number (the files number them).
    paused = records[hits[found.index("banque-alimentaire-en-pause")][0]]
    assert paused["alternatives"] and all(isinstance(other, dict) and other["name"] for other in paused["alternatives"])
    assert "banque-alimentaire-du-plateau" in [other["id"] for other in paused["alternatives"]]


@pytest.mark.parametrize(
    "query", ["Banque alimentaire en pause", "banque alimentaire pause", "pause banque alimentaire"]
)
def test_a_temporarily_closed_one_typed_by_its_whole_name_comes_first(site, query):
    # A counsellor checking it typed its name and found it last, below every open food bank.
    search = SearchFolder(site / "search" / "fr")
    hits = search.search(query)
    found = [search.records([doc])[doc]["id"] for doc, _ in hits]
    assert found[0] == "banque-alimentaire-en-pause", found


def test_a_closed_one_named_as_the_need_comes_after_the_open_ones_named_so(tmp_path, browser):
    # A temporarily closed "Banque alimentaire" is named by the whole of "banque alimentaire":
    # it came before every open "Banque alimentaire de ...", where a person in need called it.
    content = make_content(tmp_path)
    banks = [
        ("la-banque-alimentaire", "La Banque alimentaire", "temporarily_closed", 45.52),
        ("banque-alimentaire-du-plateau", "Banque alimentaire du Plateau", "active", 45.523),
        ("banque-alimentaire-de-verdun", "Banque alimentaire de Verdun", "active", 45.46),
    ]
    for number, (org_id, name, status, lat) in enumerate(banks, start=1):
        (content / "organizations" / f"{org_id}.yaml").write_text(
            RECORD.format(id=org_id, name=name, status=status, lat=lat, number=number, phone=f"514 555-01{number:02d}"),
            encoding="utf-8",
        )
    output = build_site(content, tmp_path / "output")
    for query in ("banque alimentaire", "la banque alimentaire"):
        found = ranked_in_python(output, query)
        open_ones = [found.index(org_id) for org_id, _, status, _ in banks if status == "active"]
        assert found.index("la-banque-alimentaire") > max(open_ones), (query, found)
        assert ranked_in_the_browser(output, browser, query) == found


@pytest.mark.parametrize(
    "query, lang, named",
    [
        # Its name, in part, with or without accents, as typed (the last word cut short).
        ("épicerie solidaire tournesol", "fr", True),
        ("Epicerie Solidaire", "fr", True),
        ("epicerie solid", "fr", True),
        ("tournesol", "fr", True),  # a word no open organization has
        ("tournesol", "en", True),  # the name in the other language's search too
        ("Tournes", "fr", True),  # being typed
        ("tournes solidaire", "fr", False),  # a word cut short only as the last one typed
        # Words of its name that open organizations have too, but not half of its name.
        ("alimentaire", "fr", False),
        ("épicerie alimentaire", "fr", False),  # a kind of place, not its name: any grocery
        ("solidaire alimentaire dépannage", "fr", False),  # every word must be in its name
        ("dépannage", "fr", False),  # in its description: not a name
        ("banque alimentaire du plateau", "fr", False),
    ],
)
def test_a_search_naming_an_inactive_organization_says_it_closed(site, query, lang, named):
    search = SearchFolder(site / "search" / lang)
    found = [org_id for org_id, _ in search.closed_named(query)]
    assert ("epicerie-solidaire-tournesol" in found) == named, found
    # Never ranked with the open ones.
    hits = search.search(query)
    assert "epicerie-solidaire-tournesol" not in [r["id"] for r in search.records([d for d, _ in hits]).values()]


@pytest.mark.parametrize(
    "typed, name, missing, named",
    [
        (["tournes"], ["tournesol"], {"tournes"}, True),  # being typed, no open one has it
        (["solidaire", "tournes"], ["epicerie", "solidaire", "tournesol"], {"tournes"}, True),
        # "CAVAC", the name of three open ones, named the closed "CAVACLP" above them.
        (["cavac"], ["cavaclp"], set(), False),
        (["cavaclp"], ["cavaclp"], set(), True),
        (["cav"], ["cavaclp"], {"cav"}, True),
    ],
)
def test_a_word_cut_short_alone_names_no_closed_organization_open_ones_have(tmp_path, typed, name, missing, named):
    import shutil
    import subprocess

    from conftest import ROOT
    from search_index.closed import names_it

    assert names_it(typed, name, missing) == named
    for module in ("search-engine.js", "search-terms.js", "facets.js", "record.js"):  # as ES modules
        shutil.copy(ROOT / "theme" / "static" / "js" / module, tmp_path / module)
    (tmp_path / "package.json").write_text('{"type": "module"}')
    script = 'import { namesIt } from "./search-engine.js"; const [t, n, m] = JSON.parse(process.argv[1]);'
    script += " console.log(JSON.stringify(namesIt(t, n, new Set(m))));"
    result = subprocess.run(
        ["node", "--input-type=module", "-e", script, json.dumps([typed, name, sorted(missing)])],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == named


def test_the_search_page_says_a_named_organization_closed_and_links_its_page(site, browser):
    from browser import serve

    with serve(site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "fr/recherche/?q=solidaire tournesol")
        box = page.locator("[data-search-closed]")
        box.wait_for(state="visible")
        assert "«\u00a0Épicerie solidaire Tournesol alimentaire\u00a0» n'est plus en activité." in box.inner_text()
        # Nothing open has these words: said so, not "check the spelling".
        assert page.inner_text("[data-search-status]") == "Aucun organisme en activité ne correspond."
        box.get_by_role("link").click()
        page.wait_for_url("**/organismes/epicerie-solidaire-tournesol/")
        assert "n'est plus en activité" in page.inner_text(".notice--closed")
        # A query naming none: no notice, whatever was shown before.
        page.goto(base + "fr/recherche/?q=tournesol")
        box.wait_for(state="visible")
        page.fill('input[name="q"]', "banque alimentaire du plateau")
        page.locator("[data-search-status]", has_text="1 organisme trouvé").wait_for()
        assert box.is_hidden()
        page.close()


def ranked_in_the_browser(site: Path, browser, query: str) -> list[str]:
    """The ids search-engine.js finds for a French query on a built site, best first."""
    from browser import serve

    with serve(site) as base:
        page = browser.new_page()
        page.goto(base + "fr/recherche/")
        found = page.evaluate(
            """async (query) => {
            const m = await import('/theme/js/search-engine.js');
            const engine = new m.SearchIndex(new URL('/search/fr/', location.href), new URL('/', location.href));
            await engine.open();
            const { hits } = await engine.search(query);
            const cards = await engine.rows('cards', hits.map((h) => h.doc));
            return hits.map((h) => cards.get(h.doc).id);
        }""",
            query,
        )
        page.close()
    return found


def ranked_in_python(site: Path, query: str) -> list[str]:
    search = SearchFolder(site / "search" / "fr")
    hits = search.search(query)
    records = search.records([doc for doc, _ in hits])
    return [records[doc]["id"] for doc, _ in hits]


def test_the_browser_ranks_as_the_build_does(site, browser):
    found = ranked_in_the_browser(site, browser, "banque alimentaire")
    assert found == ranked_in_python(site, "banque alimentaire")
    assert "banque-alimentaire-fermee" not in found
    assert found.index("banque-alimentaire-en-pause") > found.index("comptoir-alimentaire-loin")


def test_an_inactive_organization_keeps_its_page_and_points_to_open_ones(site):
    page = read(site / "fr/organismes/banque-alimentaire-fermee/index.html")
    main = page.find("main")
    notice = main.find("section", **{"class": "notice notice--closed"})
    assert notice is not None and "n'est plus en activité" in notice.text
    # Said before anything else of the organization: first thing after its name.
    assert main.text.index("n'est plus en activité") < main.text.index("Dépannage alimentaire")
    suggested = [a.attrs["href"] for a in notice.find_all("a") if "/organismes/" in a.attrs["href"]]
    assert suggested[0].endswith("banque-alimentaire-du-plateau/"), suggested  # the nearest active one
    assert not any("en-pause" in href or "fermee" in href for href in suggested)
    assert any(a.attrs["href"].startswith("tel:") for a in notice.find_all("a"))
    # Its own numbers are shown, but no longer as calls to make: the calls are the open ones.
    own = main.find("section", **{"class": "contact"})
    assert "514 555-0101" in own.text
    assert not any(a.attrs["href"].startswith("tel:") for a in own.find_all("a"))


@pytest.mark.parametrize(
    "lang, slug, said",
    [("fr", "organismes", "Cet organisme est temporairement fermé."), ("en", "organizations", "temporarily closed.")],
)
def test_a_temporarily_closed_organization_points_to_open_ones_before_its_own_number(site, lang, slug, said):
    # Its page gave a badge and its own number only: a person sent there found a closed door.
    main = read(site / lang / slug / "banque-alimentaire-en-pause/index.html").find("main")
    notice = main.find("section", **{"class": "notice notice--closed"})
    assert notice is not None and said in notice.find("h2").text
    suggested = [a.attrs["href"] for a in notice.find_all("a") if f"/{slug}/" in a.attrs["href"]]
    assert suggested[0].endswith("banque-alimentaire-du-plateau/"), suggested  # the nearest active one
    assert not any("en-pause" in href or "fermee" in href for href in suggested)
    calls = [a.attrs["href"] for a in main.find_all("a") if a.attrs["href"].startswith("tel:")]
    # An open one's number first; its own still given (a message may say when it reopens).
    assert calls[0] != "tel:+15145550102" and "tel:+15145550102" in calls, calls


def test_an_inactive_organization_gives_no_directions_hours_or_map(site):
    """Where it was is kept (a person may know it by its address), but nothing sends anyone
    there: a closed door at the end of the directions was what its page offered."""
    for lang, slug in (("fr", "organismes"), ("en", "organizations")):
        main = read(site / lang / slug / "banque-alimentaire-fermee/index.html").find("main")
        places = main.find("section", **{"class": "locations"})
        assert "1, rue Exemple" in places.text
        assert places.find("h2").text == {"fr": "Ancienne adresse", "en": "Former address"}[lang]
        assert not SENDING_THERE & classes_in(main)
        assert not [
            a for a in main.find_all("a") if a.attrs["href"].startswith("geo:") or "/directions" in a.attrs["href"]
        ]
        # The page of an open organization has them all.
        other = read(site / lang / slug / "banque-alimentaire-du-plateau/index.html").find("main")
        assert SENDING_THERE <= classes_in(other)


SENDING_THERE = {"directions", "quick-actions", "hours", "open-now", "map-block"}


def classes_in(element) -> set[str]:
    return {name for e in element.iter() for name in e.attrs.get("class", "").split()}


def test_the_nearest_active_ones_are_those_of_the_plain_definition(tmp_path, taxonomy):
    """Directory.alternatives measures only the sites that may rank: it finds what measuring
    every active organization of the category finds, in the same order (ties by list order)."""
    import datetime as dt
    import subprocess
    import sys

    from conftest import ROOT, TODAY
    from repertoire.directory_model import Directory
    from repertoire.records import distance_km, load_directory, record_paths

    folder = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), "400", str(folder)],
        check=True,
        capture_output=True,
    )
    directory = Directory(
        taxonomy,
        load_directory(record_paths(folder), taxonomy, dt.date.fromisoformat(TODAY)),
        dt.date.fromisoformat(TODAY),
        365,
    )

    def points(org):
        return [loc["coordinates"] for loc in org.data.get("locations", []) if loc.get("coordinates")]

    def plain(org, count=5):
        here = next(iter(points(org)), None)
        areas = set(org.regions) | set(org.data["service_area"])
        ranked = []
        for i, other in enumerate(
            o for o in directory.by_category[org.primary_category] if o.status == "active" and o.id != org.id
        ):
            if here and points(other):
                ranked.append((min(distance_km(*here, *point) for point in points(other)), i, other.id))
            elif areas & (set(other.regions) | set(other.data["service_area"])):
                ranked.append((0.0, i, other.id))
        return [org_id for _, _, org_id in sorted(ranked)[:count]]

    closed = [org for org in directory.organizations if org.status != "active"]
    assert len(closed) > 10
    for org in closed:
        assert [other.id for other in directory.alternatives(org)] == plain(org), org.id


def test_a_closed_organization_named_like_an_open_one_is_told_apart():
    # A counsellor typed the name of an open shelter and read that it "is no longer active":
    # an organization of the same name, elsewhere, had closed.
    from repertoire.records import Organization
    from search_index.closed import closed_entries

    def org(org_id, status, street, city):
        address = {"street": street, "city": city, "postal_code": "H2X 1Y4"}
        data = {"name": {"fr": "Refuge du Quartier"}, "status": status, "locations": [{"address": address}]}
        return Organization(org_id, f"{org_id}.yaml", data)

    def said(*organizations):
        return [name for _, name, _ in closed_entries(list(organizations), "fr", frozenset({"du"}))]

    closed = org("refuge-ferme", "inactive", "12, rue Ontario", "Laval")
    assert said(closed) == ["Refuge du Quartier"]  # the only one so named
    assert said(closed, org("refuge", "active", "5, rue Roy", "Montréal")) == ["Refuge du Quartier (Laval)"]
    assert said(closed, org("refuge", "active", "5, rue Roy", "Laval")) == [
        "Refuge du Quartier (12, rue Ontario, Laval H2X 1Y4)"
    ]


def test_a_closed_organization_is_told_apart_in_the_language_of_its_other_name():
    # The closed shelter had an English name, the open one none: on the English site the
    # notice named "Longueuil Women's Shelter" closed, above the open shelter.
    from repertoire.records import Organization
    from search_index.closed import closed_entries

    address = {"street": "12, rue Ontario", "city": "Longueuil"}
    closed = {"name": {"fr": "Maison des femmes", "en": "Women's House"}, "status": "inactive"}
    open_one = {"name": {"fr": "Maison des femmes"}, "status": "active"}
    organizations = [
        Organization("fermee", "fermee.yaml", {**closed, "locations": [{"address": address}]}),
        Organization("ouverte", "ouverte.yaml", {**open_one, "locations": [{"address": {**address, "city": "Laval"}}]}),
    ]
    for lang, name in (("fr", "Maison des femmes (Longueuil)"), ("en", "Women's House (Longueuil)")):
        assert [entry[1] for entry in closed_entries(organizations, lang, frozenset({"des"}))] == [name]
