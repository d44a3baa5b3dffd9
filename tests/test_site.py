"""The built fixture site, read as a visitor's browser reads it."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from pages import read

import pelicanconf
from conftest import FIXTURES, ROOT, build_site, first_record, make_content

ORG_PATHS = {"fr": "fr/organismes/{}/index.html", "en": "en/organizations/{}/index.html"}
ORG_IDS = [
    "cuisine-collective-du-quartier",
    "halte-de-nuit-l-escale",
    "ligne-ecoute-provinciale",
    "minimal",
    "odd-shapes",
]


def html_files(site: Path):
    return sorted(p for p in site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    """The page's address on a server rooted at the site folder."""
    rel = path.relative_to(site).as_posix()
    return "http://127.0.0.1/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolve(site: Path, base: str, href: str) -> Path | None:
    """The file a same-site link leads to, None for other schemes or hosts."""
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.netloc != "127.0.0.1":
        return None
    target = site / parts.path.lstrip("/")
    return target / "index.html" if parts.path.endswith("/") else target


def test_every_kind_of_page_exists_in_both_languages(built_site, taxonomy):
    for lang, home, search in (
        ("fr", "fr/index.html", "fr/recherche/index.html"),
        ("en", "en/index.html", "en/search/index.html"),
    ):
        for rel in [
            home,
            search,
            f"{lang}/regions/index.html",
            f"{lang}/categories/index.html",  # a category's address cut to its folder
            *(f"{lang}/categories/{slug}/index.html" for slug in taxonomy.categories),
            *(f"{lang}/regions/{r.slug}/index.html" for r in taxonomy.regions),
            *(ORG_PATHS[lang].format(i) for i in ORG_IDS),
        ]:
            assert (built_site / rel).is_file(), rel
    for rel in [
        "index.html",
        "404.html",
        "fr/guide-n11/index.html",
        "en/n11-guide/index.html",
        "fr/a-propos/index.html",
        "en/about/index.html",
        "schema/organization.schema.json",
    ]:
        assert (built_site / rel).is_file(), rel


def test_pages_declare_their_language(built_site):
    for path in html_files(built_site):
        doc = read(path)
        html = doc.find("html")
        rel = path.relative_to(built_site).as_posix()
        expected = rel.split("/")[0] if rel.split("/")[0] in ("fr", "en") else "fr"
        assert html.attrs.get("lang") == expected, rel


def test_the_english_guide_marks_the_french_names_of_lines(built_site):
    # Read with English sounds, "SOS violence conjugale" or "Centre antipoison du Québec"
    # could not be understood, nor called for by name.
    doc = read(built_site / "en" / "n11-guide" / "index.html")
    french = {e.text for e in doc.find("main").iter() if e.attrs.get("lang") == "fr"}
    assert {"SOS violence conjugale", "Jeunesse, J'écoute", "Centre antipoison du Québec", "Info-Santé"} <= french


@pytest.mark.parametrize("name", ["index.html", "404.html"])
def test_the_pages_of_both_languages_speak_both(built_site, name):
    # The root (the language choice) and the 404 serve every language: their quick exit said
    # "Sortie rapide" only and their menu was French; "Call" was read with French sounds.
    doc = read(built_site / name)
    exit_link = doc.find("a", **{"class": "quick-exit"})
    english = [e for e in exit_link.iter() if e.attrs.get("lang") == "en"]
    assert "Sortie rapide" in exit_link.text and [e.text for e in english] == ["Quick exit"]
    assert (
        doc.find("nav", **{"class": "site-nav"}) is None
        and doc.find("button", **{"class": "menu-button needs-js"}) is None
    )
    if name == "index.html":
        call = next(a for a in doc.find("main").find_all("a") if a.attrs["href"].startswith("tel:"))
        assert [e.text for e in call.iter() if e.attrs.get("lang") == "en"] == ["Call"]
    else:  # each half says where to call, in its language (the English one said nothing)
        english = doc.find("main").find("div", lang="en")
        calls = [a for a in doc.find("main").find_all("a") if a.attrs["href"].startswith("tel:")]
        assert len(calls) == 2 and calls[1] in english.find_all("a") and calls[0] not in english.find_all("a")
        assert "Need help finding a resource? Call" in english.text
        assert "Besoin" in calls[0].parent.text


def test_hreflang_pairs_point_at_each_other_and_switch_lands_on_same_page(built_site):
    checked = 0
    for path in html_files(built_site):
        rel = path.relative_to(built_site).as_posix()
        if not rel.startswith(("fr/", "en/")):
            continue
        doc, base = read(path), page_url(built_site, path)
        alternates = {
            link.attrs["hreflang"]: resolve(built_site, base, link.attrs["href"])
            for link in doc.find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        assert set(alternates) == {"fr", "en"}, rel
        assert alternates[rel[:2]] == path, rel
        other = "en" if rel.startswith("fr/") else "fr"
        target = alternates[other]
        assert target.is_file(), (rel, target)
        back = {
            link.attrs["hreflang"]: resolve(built_site, page_url(built_site, target), link.attrs["href"])
            for link in read(target).find_all("link", rel="alternate")
            if "hreflang" in link.attrs
        }
        assert back[rel[:2]] == path, rel
        switch = doc.find("nav", **{"class": "language-switch"}).find("a")
        assert resolve(built_site, base, switch.attrs["href"]) == target, rel
        checked += 1
    assert checked > 50


def test_with_a_public_address_hreflang_is_absolute_and_other_links_stay_relative(tmp_path):
    site = build_site(make_content(tmp_path), tmp_path / "output", PUBLIC_URL="https://repertoire.example.org")
    doc = read(site / "fr" / "organismes" / "minimal" / "index.html")
    links = {
        link.attrs["hreflang"]: link.attrs["href"]
        for link in doc.find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }
    assert links == {
        "fr": "https://repertoire.example.org/fr/organismes/minimal/",
        "en": "https://repertoire.example.org/en/organizations/minimal/",
    }
    switch = doc.find("nav", **{"class": "language-switch"}).find("a")
    assert switch.attrs["href"] == "../../../en/organizations/minimal/"  # works from any folder, offline too
    # On paper, the page's own address: a printout leads back to it.
    printed = [p.text for p in doc.find_all("p") if "page-address" in p.attrs.get("class", "")]
    assert printed == ["https://repertoire.example.org/fr/organismes/minimal/"]
    category = read(site / "fr" / "categories" / "alimentation" / "index.html")
    printed = [p.text for p in category.find_all("p") if "page-address" in p.attrs.get("class", "")]
    assert printed == ["https://repertoire.example.org/fr/categories/alimentation/"]


def test_internal_links_lead_to_existing_pages(built_site):
    for path in html_files(built_site):
        doc, base = read(path), page_url(built_site, path)
        if path.name == "404.html":
            continue  # its links are root-relative, checked in the server test
        for element in doc.iter():
            for attr in ("href", "src"):
                if attr in element.attrs:
                    target = resolve(built_site, base, element.attrs[attr].split("#")[0] or base)
                    assert target is None or target.is_file(), (path, element.attrs[attr])


EXTERNAL_OK_IN_LINKS = (
    "https://example.org/",
    "https://www.google.ca/",
    "https://www.openstreetmap.org/directions",
    "mailto:",
    "tel:",
    "sms:",
    "geo:",
    pelicanconf.DATA_LICENSE["path"],
)


def test_no_external_resource_anywhere_in_the_output(built_site):
    """Only same-site resources load; anchors may lead to organizations' own sites."""
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".css", ".js", ".json", ".xml", ".webmanifest"):
            continue
        if "vendor" in path.relative_to(built_site).parts:
            continue  # npm packages copied as published (test_maps checks they are identical)
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            for element in read(path).iter():
                for attr in ("src", "srcset", "poster", "data", "action", "formaction"):
                    value = element.attrs.get(attr, "")
                    assert not re.match(r"(https?:)?//", value), (path, attr, value)
                href = element.attrs.get("href", "")
                if element.tag != "a" and re.match(r"(https?:)?//", href):
                    raise AssertionError(f"{path}: <{element.tag} href={href}> loads from elsewhere")
                if element.tag == "a" and re.match(r"(https?:)?//", href):
                    assert href.startswith(EXTERNAL_OK_IN_LINKS), (path, href)
        else:
            assert not re.search(r"url\(\s*['\"]?(https?:)?//|import\s.*['\"]https?:", text), path
            if path.suffix in (".css", ".js"):
                assert not re.search(r"https?://(?!www\.w3\.org)", text), path


def test_record_text_is_escaped(built_site):
    page = (built_site / ORG_PATHS["fr"].format("halte-de-nuit-l-escale")).read_text(encoding="utf-8")
    body = page.split("<body>", 1)[1]  # in <title> (raw text) a bare < is fine
    outside_attributes = re.sub(r"=\"[^\"]*\"|='[^']*'", "", body)  # and so it is in a quoted attribute
    assert "<3" not in outside_attributes and "&lt;3" in body
    h1 = read(built_site / ORG_PATHS["fr"].format("halte-de-nuit-l-escale")).find("h1")
    assert h1.text == "Halte de nuit L'Escale <3 & Cie"


def test_missing_english_falls_back_to_french_marked_as_french(built_site):
    doc = read(built_site / ORG_PATHS["en"].format("halte-de-nuit-l-escale"))
    description = doc.find("div", **{"class": "description"})
    assert "Hébergement d'urgence" in description.text
    assert description.lang() == "fr"
    assert doc.find("html").attrs["lang"] == "en"


def test_organization_page_shows_what_a_caller_needs(built_site):
    doc = read(built_site / ORG_PATHS["fr"].format("cuisine-collective-du-quartier"))
    text = " ".join(doc.find("main").text.split())
    for fragment in [
        "Cuisine collective du quartier",
        "CCQ",
        "Dépannage alimentaire",
        "Résidents du quartier",
        "Gratuit",
        "Sans rendez-vous",
        "1234, rue Ontario Est",
        "H2L 1R4",
        "Entrée accessible",
        "info@example.org",
        "https://example.org/ccq",
        "espagnol",
        "arabe",
        "Montréal",
        "14 septembre 2026",
        "Proposer une correction",
        "18 ans et plus",
    ]:
        assert fragment in text, fragment
    tels = [a.attrs["href"] for a in doc.find_all("a") if a.attrs.get("href", "").startswith("tel:")]
    assert "tel:+15145550123" in tels
    assert "tel:+15145550124,12" not in tels  # a fax number is not a link to call
    table = doc.find("table", **{"class": "hours"})
    rows = {tr.find("th").text: " ".join(tr.find("td").text.split()) for tr in table.find_all("tr")}
    assert len(rows) == 7
    assert "9 h" in rows["lundi"] and "17 h" in rows["lundi"] and "13 h" in rows["lundi"]
    assert rows["dimanche"] == "Fermé"
    live = doc.find("p", **{"data-module": "open-now"})
    # Empty until the script fills it, keeping its place (site.css): nothing moves then.
    assert live is not None and live.text == "" and "hidden" not in live.attrs
    assert '"opens":"09:00"' in live.attrs["data-schedule"]


def test_a_line_for_text_messages_opens_messages_not_a_call(demo_site, demo_records):
    # A tap on a text-only line's number started a voice call to it.
    org = first_record(
        demo_records,
        "active with a line for text messages",
        lambda o: o.status == "active" and any(p.get("type") == "text" for p in o.data.get("phones") or []),
    )
    doc = read(demo_site / ORG_PATHS["fr"].format(org.id))
    links = {a.attrs["href"] for a in doc.find("main").find_all("a", **{"class": "phone"})}
    texted = [link for link in links if link.startswith("sms:")]
    assert texted and all(";" not in link for link in texted), links
    assert any(link.startswith("tel:") for link in links) or not any(
        p.get("type", "voice") in ("voice", "hotline") for p in org.data["phones"]
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_phones_kind_is_not_said_twice(demo_site, demo_records, lang):
    # "514 555-0100 (Texto) · Texto": contributors write the kind as the description too.
    twice = [
        o
        for o in demo_records
        if any(
            p.get("type") == "text" and "text" in str(p.get("description", "")).lower()
            for p in o.data.get("phones") or []
        )
    ]
    assert twice, "the demonstration has a line for texts described as such"
    for org in twice:
        for dd in read(demo_site / ORG_PATHS[lang].format(org.id)).find("main").find_all("dd"):
            kind = dd.find("span", **{"class": "phone__type"})
            if kind is not None and "·" in dd.text:  # a description follows: more than the kind
                described = dd.text.split("·", 1)[1].strip().lower().rstrip("s")
                assert described != kind.text.strip("()").lower().rstrip("s"), dd.text


def test_stale_records_are_flagged(built_site):
    stale = read(built_site / ORG_PATHS["fr"].format("halte-de-nuit-l-escale"))
    fresh = read(built_site / ORG_PATHS["fr"].format("cuisine-collective-du-quartier"))
    assert stale.find("p", **{"class": "notice notice--stale"}) is not None
    assert fresh.find("p", **{"class": "notice notice--stale"}) is None


def test_round_the_clock_and_overnight_hours_read_correctly(built_site):
    line = read(built_site / ORG_PATHS["en"].format("ligne-ecoute-provinciale")).find("main").text
    assert "24 hours a day, 7 days a week" in line
    doc = read(built_site / ORG_PATHS["en"].format("halte-de-nuit-l-escale"))
    rows = {tr.find("th").text: " ".join(tr.find("td").text.split()) for tr in doc.find("table").find_all("tr")}
    assert "(next day)" in rows["Monday"] and "9:30 p.m." in rows["Monday"] and "7 a.m." in rows["Monday"]


def test_region_and_category_pages_list_their_organizations(built_site):
    montreal = read(built_site / "fr/regions/montreal/index.html").find("main").text
    assert "Cuisine collective du quartier" in montreal and "Halte de nuit" not in montreal
    capitale = read(built_site / "en/regions/capitale-nationale/index.html").find("main").text
    assert "Halte de nuit" in capitale
    province = read(built_site / "fr/regions/quebec/index.html").find("main").text
    assert "Ligne d'écoute provinciale" in province
    food = read(built_site / "en/categories/alimentation/index.html").find("main").text
    assert "Neighbourhood Community Kitchen" in food and "Halte" not in food


def test_a_category_s_address_cut_to_its_folder_lists_every_category(built_site, taxonomy):
    # "/fr/categories/" was a 404: a counsellor who cut a category's address found nothing.
    for lang, title in (("fr", "Catégories"), ("en", "Categories")):
        main = read(built_site / f"{lang}/categories/index.html").find("main")
        assert main.find("h1").text == title
        base = f"http://127.0.0.1/{lang}/categories/"
        links = {resolve(built_site, base, a.attrs["href"]) for a in main.find_all("a")}
        for slug, category in taxonomy.categories.items():
            assert built_site / f"{lang}/categories/{slug}/index.html" in links, (lang, slug)
            assert category.name[lang] in main.text, (lang, slug)
        # A category's page leads back to it, as a region's to the regions.
        crumbs = read(built_site / f"{lang}/categories/alimentation/index.html").find("nav", class_="breadcrumbs")
        back = crumbs.find_all("a")[1]
        assert back.text == title
        assert (
            resolve(built_site, base + "alimentation/", back.attrs["href"])
            == built_site / f"{lang}/categories/index.html"
        )


def test_quick_exit_and_call_links_on_every_page(built_site):
    for path in html_files(built_site):
        doc = read(path)
        exit_link = doc.find("a", **{"data-module": "quick-exit"})
        assert exit_link is not None and exit_link.attrs["href"].startswith("https://"), path
        assert any(a.attrs.get("href") == "tel:211" for a in doc.find_all("a")), path
        assert doc.find("a", **{"class": "skip-link"}) is not None, path


def test_pages_carry_no_template_layout(built_site):
    """No page carries its templates' indentation or blank lines: the directory's pages come from
    templates trimmed when compiled, the others are minified too."""
    pages = [built_site / name for name in ("fr/index.html", "404.html", "fr/recherche/index.html")]
    pages += [next((built_site / folder).glob("*/index.html")) for folder in ("fr/organismes", "en/categories")]
    pages += sorted((built_site / "fr/nouvelles").rglob("*.html"))[:1]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"[ \t\n]{3,}", text), page  # a run of two is a tag's line end and the next
    assert len((built_site / "404.html").read_text(encoding="utf-8").splitlines()) < 5  # minify-html


@pytest.mark.parametrize("folder", ["js", "css"])
def test_scripts_and_styles_are_minified(built_site, folder):
    """Every script and style sheet of the theme is served minified (the browser tests run them),
    and a bundled page script comes with its modules as one file."""
    from directory.modules import module_graph

    sources = sorted((THEME / "static" / folder).glob(f"*.{folder}"))
    assert sources
    for source in sources:
        served = (built_site / "theme" / folder / source.name).read_text(encoding="utf-8")
        written = source.stat().st_size
        if source.name in pelicanconf.BUNDLED_SCRIPTS:
            graph = module_graph(str(source.parent), source.name)
            # Its own modules within, the vendored libraries imported from where they are served.
            own = re.sub(r'import\s*\w+\s*from\s*"\.\./vendor/[^"]+";', "", served)
            assert graph and not re.search(r"\bimport\b[^(]", own), source.name
            written += sum((source.parent / name).stat().st_size for name in graph)
        assert len(served) < 0.85 * written, source.name
        assert "\n  " not in served and "/*" not in served and not re.search(r"^\s*//", served, re.M), source.name
    worker = (built_site / "sw.js").read_text(encoding="utf-8").split(";\n", 1)[1]  # after the precache lists
    assert "\n  " not in worker and "// " not in worker
    search = (built_site / "fr/recherche/index.html").read_text(encoding="utf-8")
    assert "modulepreload" not in search


THEME = Path(pelicanconf.__file__).parent / pelicanconf.THEME

# What the oldest browsers the scripts are for (minify.assets.BROWSERS) cannot read, and that
# esbuild does not rewrite for them: a module with one of these does not load there.
LATER_THAN_THE_BROWSERS = {
    r"\(\?<[=!]": "a lookbehind in a regular expression (Safari 16.4)",
    r"\bObject\.hasOwn\(": "Object.hasOwn (Safari 15.4)",
    r"\.at\(": ".at() (Chrome 92, Safari 15.4)",
    r"\bstructuredClone\(": "structuredClone (Chrome 98, Safari 15.4)",
    r"\.findLast(?:Index)?\(": "findLast (Chrome 97, Safari 15.4)",
    r"\.(?:toSorted|toReversed|toSpliced)\(": "arrays changed by copy (Chrome 110, Safari 16)",
    r"\b(?:Object|Map)\.groupBy\(": "groupBy (Chrome 117, Safari 17.4)",
    r"\bPromise\.(?:withResolvers|any)\(": "Promise.withResolvers, Promise.any (Safari 14+)",
    r"\bnew\s+Intl\.Segmenter\b": "Intl.Segmenter (Firefox 125)",
}


def test_scripts_run_on_the_oldest_browsers_they_are_for(built_site):
    # The search module's lookbehind (?<!...) stopped it loading on iOS 15 and older: no search
    # on an iPhone 6s, and no word said. esbuild rewrites newer syntax, not this.
    from minify.assets import BROWSERS, esbuild_command

    assert f"--target={BROWSERS}" in esbuild_command(None)
    scripts = sorted((THEME / "static" / "js").glob("*.js")) + [ROOT / "plugins" / "offline" / "service-worker.js"]
    assert len(scripts) > 20
    found = [
        f"{script.name}:{text[: match.start()].count(chr(10)) + 1}: {what}"
        for script in scripts
        for text in [script.read_text(encoding="utf-8")]
        for pattern, what in LATER_THAN_THE_BROWSERS.items()
        for match in re.finditer(pattern, text)
    ]
    assert found == []
    # Optional chaining (Chrome 91 for esbuild) is written as the browsers read it.
    served = (built_site / "theme" / "js" / "facets.js").read_text(encoding="utf-8")
    assert "?." not in served and "?.length" in (THEME / "static" / "js" / "facets.js").read_text(encoding="utf-8")


def test_ui_strings_come_from_the_catalogs(built_site):
    fr = read(built_site / "fr/index.html").find("main").text
    en = read(built_site / "en/index.html").find("main").text
    assert "Trouver de l'aide près de chez vous" in fr and "Find help near you" in en


def _digest(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_broken_record_fails_the_build_and_keeps_the_previous_site(tmp_path):
    content = make_content(tmp_path)
    output = tmp_path / "output"
    build_site(content, output)
    before = _digest(output)
    (content / "organizations" / "broken.yaml").write_text(
        "id: broken\nname: {fr: Cassé}\ndescription: {fr: x}\ncategories: [nope]\n"
        "service_area: [montreal]\nlast_verified: 2026-01-01\nwebsite: javascript:alert(1)\n",
        encoding="utf-8",
    )
    # A good record in a folder of its own was left out without a word: said with the others.
    (content / "organizations" / "montreal").mkdir()
    shutil.copy(FIXTURES / "organizations" / "minimal.yml", content / "organizations" / "montreal" / "minimal.yml")
    # So was one saved under another ending; a hidden file is no record.
    shutil.copy(FIXTURES / "organizations" / "minimal.yml", content / "organizations" / "minimal.json")
    (content / "organizations" / ".gitkeep").write_text("")
    with pytest.raises(Exception) as caught:
        build_site(content, output)
    message = str(caught.value)
    assert "minimal.json:1: (file): not read: a record is a .yaml file" in message
    assert ".gitkeep" not in message
    assert "broken.yaml:4: categories[0]: unknown category 'nope'" in message
    assert "broken.yaml:7: website:" in message
    assert "montreal/minimal.yml:1: (file): not read: a record goes right in " in message
    assert _digest(output) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".building-")]
    build_site(make_content(tmp_path / "again", FIXTURES / "organizations"), output)
    # The next build updates the failed build's staging folder in place (anything else left is
    # deleted in the background); the site it replaced is kept for the build after.
    deadline = time.monotonic() + 120
    while [
        p for p in tmp_path.iterdir() if p.name.startswith((".building-", ".removing-"))
    ] and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".building-", ".removing-"))], leftovers
    assert _digest(tmp_path / ".previous-output") == before


def _pelican(content: Path, output: Path, cache: Path):
    """`pelican CONTENT -s pelicanconf.py -o OUTPUT`, as a person runs it."""
    import subprocess

    return subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pelican"), str(content), "-s", "pelicanconf.py", "-o", str(output), "-q"]
        + ["-e", f'CACHE_PATH="{cache}"'],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "300"},
    )


def test_an_output_folder_holding_other_files_or_the_content_is_refused(tmp_path):
    # A folder of someone's files given as the output was moved beside it by the swap, and its
    # files deleted by the next build; "-o" one folder too high moved the records themselves away.
    content = make_content(tmp_path / "project")
    mine = tmp_path / "mine"
    (mine / "photos").mkdir(parents=True)
    (mine / "notes.txt").write_text("precious", encoding="utf-8")
    (mine / "photos" / "a.jpg").write_bytes(b"jpeg")
    before = {path: _digest(path) for path in (mine, content)}
    for output in (mine, content.parent, content):
        result = _pelican(content, output, tmp_path / "cache")
        assert result.returncode != 0
        said = " ".join(result.stdout.split() + result.stderr.split())
        assert f"the output folder {output} holds" in said and "Traceback" not in said, said
    assert {path: _digest(path) for path in before} == before
    # A file given as the output (a record's, or one's notes): it was moved beside itself, the
    # site published under its name, and the file deleted by the next build (a helper's probe).
    record = next((content / "organizations").iterdir())
    notes = mine / "notes.txt"
    for output in (record, notes):
        kept = output.read_bytes()
        result = _pelican(content, output, tmp_path / "cache")
        said = " ".join(result.stdout.split() + result.stderr.split())
        assert result.returncode != 0 and f"the output {output} is a file" in said and "Traceback" not in said, said
        assert output.read_bytes() == kept
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # nothing moved beside them
    assert [p.name for p in (content / "organizations").iterdir() if p.name.startswith(".")] == []
    assert [p.name for p in mine.iterdir() if p.name.startswith(".")] == []
    # A folder of its own is built into again and again; an empty one too.
    (tmp_path / "empty").mkdir()
    for output in (tmp_path / "site", tmp_path / "site", tmp_path / "empty"):
        assert _pelican(content, output, tmp_path / "cache").returncode == 0
    assert (tmp_path / "site" / "sw.js").is_file() and (tmp_path / "empty" / "sw.js").is_file()


def test_a_broken_categories_file_is_said_on_one_line_of_standard_error(tmp_path):
    # A helper's probe: the build said it on standard output only, its path cut in two at 80
    # columns ("…/cat" then "egories.yaml:2"), where record errors get a line of their own.
    content = make_content(tmp_path / "project")
    (content / "categories.yaml").write_text("x: [\n", encoding="utf-8")
    result = _pelican(content, tmp_path / "site", tmp_path / "cache")
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{content}/categories.yaml:2: YAML syntax error"), lines
    assert f"{content}/categories.yaml" not in result.stdout, result.stdout


def test_closed_organizations_say_so_everywhere(built_site):
    listing = read(built_site / "fr/categories/alimentation/index.html")
    card = next(li for li in listing.find_all("li", **{"class": "org-card"}) if "Ancien comptoir" in li.text)
    assert "Fermé temporairement" in card.text
    page = read(built_site / ORG_PATHS["en"].format("ancien-comptoir-vestimentaire"))
    assert "This organization is temporarily closed." in page.find("main").text
    assert page.find("p", **{"data-module": "open-now"}) is None  # no "open now" for a closed organization
    # "Montreal" without accent still finds its municipality and region.
    assert "Former Clothing Counter" in read(built_site / "en/regions/montreal/index.html").find("main").text


def test_large_directory_renders_every_page_across_workers(tmp_path):
    """Enough records for the parallel renderer: every organization page is written, once per language."""
    import subprocess
    import sys

    records = tmp_path / "records"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), "450", str(records), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    output = build_site(make_content(tmp_path, records), tmp_path / "output", BUILD_WORKERS=2)
    ids = {p.stem for p in records.glob("*.yaml")}
    assert {p.parent.name for p in (output / "fr" / "organismes").glob("*/index.html")} == ids
    assert {p.parent.name for p in (output / "en" / "organizations").glob("*/index.html")} == ids


def test_correction_and_history_links(tmp_path):
    output = build_site(
        make_content(tmp_path),
        tmp_path / "output",
        RECORD_HISTORY_URL="https://forge.example.org/repertoire/commits/main/content/organizations/{id}.yaml",
    )
    links = {
        a.text: a.attrs["href"]
        for a in read(output / ORG_PATHS["en"].format("halte-de-nuit-l-escale"))
        .find("footer", **{"class": "record-footer"})
        .find_all("a")
    }
    assert (
        links["Suggest a correction"].startswith("mailto:")
        and "halte-de-nuit-l-escale" in links["Suggest a correction"]
    )
    assert links["See this record's history"].endswith("/organizations/halte-de-nuit-l-escale.yaml")


def test_staff_view_counts_records_by_freshness(built_site):
    doc = read(built_site / "en/staff/index.html")
    first = doc.find("table").find("tbody").find("tr")
    recent, due, stale = (int(td.text) for td in first.find_all("td"))
    # On 2026-11-23, fixtures verified 2026-09-14, 2026-10-01 and 2026-06-01 are within half the
    # review period (182 days), 2026-01-01 within it; 2024-02-01 and 2025-01-01 are past it.
    assert (recent, due, stale) == (3, 1, 2)
    assert "Halte de nuit" in doc.find("main").find("ol").text
    assert doc.find("meta", name="robots").attrs["content"] == "noindex"
    home = (built_site / "en/index.html").read_text(encoding="utf-8")
    assert "staff/" not in home  # not linked from the menus


def test_long_lists_are_cut_into_linked_pages(tmp_path):
    output = build_site(make_content(tmp_path), tmp_path / "output", DIRECTORY_PAGE_SIZE=1)
    second = output / "fr/categories/alimentation/page-2/index.html"
    doc = read(second)
    base = page_url(output, second)
    alternates = {
        link.attrs["hreflang"]: resolve(output, base, link.attrs["href"])
        for link in doc.find_all("link", rel="alternate")
        if "hreflang" in link.attrs
    }
    assert alternates["en"] == output / "en/categories/alimentation/page-2/index.html"
    assert alternates["en"].is_file()
    pages = [resolve(output, base, a.attrs["href"]) for a in doc.find("nav", **{"class": "pagination"}).find_all("a")]
    assert pages == [output / "fr/categories/alimentation/index.html", second]
    assert len(doc.find_all("li", **{"class": "org-card"})) == 1


def test_work_split_over_processes_comes_back_in_order_and_fails_loudly():

    from repertoire.processes import map_in_processes

    results = map_in_processes(lambda job: (job * job, os.getpid()), [1, 2, 3, 4], workers=2)
    assert [value for value, _ in results] == [1, 4, 9, 16]
    assert os.getpid() not in {pid for _, pid in results}  # really other processes

    def broken(job):
        raise ValueError(f"job {job}")

    with pytest.raises(ValueError, match="job"):
        map_in_processes(broken, [1, 2], workers=2)


def test_pages_in_parts_are_each_done_once_by_the_processes_free_first():
    from repertoire.processes import in_parts

    items = list(range(5000))
    parts = in_parts(items, lambda part: (part, os.getpid()), workers=2)
    assert sorted(item for part, _ in parts for item in part) == items  # each once
    assert len(parts) > 2  # more parts than cores: a slowed process takes fewer
    assert os.getpid() not in {pid for _, pid in parts}
    assert in_parts(items, len, workers=1) == [5000]  # one core: all at once, here


def test_work_given_to_do_meanwhile_is_done_once_here_while_the_parts_are_done():
    # The build's process prepares the PDFs' data while the pages render in the other ones.
    from repertoire.processes import in_parts

    for workers in (2, 1):
        done_here = []
        parts = in_parts(list(range(1000)), sum, workers=workers, meanwhile=lambda: done_here.append(os.getpid()))
        assert sum(parts) == sum(range(1000)) and done_here == [os.getpid()]


def test_work_done_meanwhile_that_fails_stops_the_jobs_not_begun(tmp_path):
    # A cache the PDFs' data cannot be written to: said at once, not after every page rendered.
    from repertoire.processes import map_in_processes

    def job(number):
        time.sleep(0.1)
        (tmp_path / str(number)).touch()

    def meanwhile():
        raise PermissionError("the cache cannot be written")

    with pytest.raises(PermissionError, match="cache cannot"):
        map_in_processes(job, list(range(60)), workers=2, meanwhile=meanwhile)
    assert len(list(tmp_path.iterdir())) < 30  # the others were never begun


def test_work_started_early_is_begun_once_and_finished_by_its_generator():
    from repertoire.processes import StartedOnce

    begun = []

    def begin():
        begun.append(len(begun))
        return lambda: f"made {len(begun)}"

    early = StartedOnce(begin)
    early.start()
    early.start()  # asked again (a second plugin hook): not begun again
    assert early.finish() == "made 1" and begun == [0]
    assert StartedOnce(begin).finish() == "made 2"  # never started early (one core): begun then


def test_work_in_fresh_processes_comes_back_in_order_and_fails_loudly():
    from repertoire.processes import map_in_fresh_processes

    # Built-ins: jobs and the function are pickled to processes forked from a server.
    assert map_in_fresh_processes(abs, [-1, 2, -3, 4, -5], workers=2) == [1, 2, 3, 4, 5]
    assert map_in_fresh_processes(abs, []) == []
    with pytest.raises(ValueError):
        map_in_fresh_processes(int, ["1", "not a number"], workers=2)


def test_work_started_in_processes_leaves_nothing_behind(tmp_path, monkeypatch):
    """Work started while the build goes on (the search index while pages render) gives its
    results when asked; failed or forgotten (the build stopped before asking), its processes
    end and its temporary folder goes."""
    import gc
    import tempfile
    import time

    from repertoire.processes import start_in_fresh_processes

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def left():  # multiprocessing's own folder (its server's socket) is not the work's
        return [folder for folder in tmp_path.iterdir() if not folder.name.startswith("pymp-")]

    started = start_in_fresh_processes(abs, [-1, -2, -3], workers=2)
    assert started.results() == [1, 2, 3] and left() == []
    with pytest.raises(ValueError):
        start_in_fresh_processes(int, ["1", "x", "3"], workers=2).results()
    assert left() == []
    forgotten = start_in_fresh_processes(time.sleep, [60, 60], workers=2)
    processes = [process for _, process in forgotten._running.running.values()]
    assert all(process.is_alive() for process in processes) and left()
    del forgotten
    gc.collect()
    assert not any(process.is_alive() for process in processes) and left() == []
    # A job that cannot be made (a PDF's data): the processes already working are stopped.
    marks = tmp_path / "marks"
    marks.mkdir()

    def jobs():  # run by exec in the process itself (a shell would outlive it)
        yield f"import pathlib, time; time.sleep(2); pathlib.Path({str(marks)!r}, '1').touch()"
        yield f"import pathlib, time; time.sleep(2); pathlib.Path({str(marks)!r}, '2').touch()"
        raise ValueError("no data for the third")

    with pytest.raises(ValueError, match="third"):
        start_in_fresh_processes(exec, jobs(), workers=2, count=3)
    time.sleep(3)
    assert list(marks.iterdir()) == []


def test_work_with_more_jobs_than_processes_goes_on_before_its_results_are_asked(tmp_path):
    """The PDFs print while the pages render: each job starts as another ends, without waiting
    for `results()`, which gives them in order; a failure among them is raised there; work
    forgotten stops, its thread with it."""
    import gc
    import time

    from repertoire.processes import start_in_fresh_processes

    marks = tmp_path / "marks"
    marks.mkdir()
    jobs = [f"import pathlib; pathlib.Path({str(marks)!r}, '{n}').touch()" for n in range(5)]
    started = start_in_fresh_processes(exec, jobs, workers=2)
    waited = time.monotonic()
    while len(list(marks.iterdir())) < 5 and time.monotonic() < waited + 120:
        time.sleep(0.05)
    assert sorted(mark.name for mark in marks.iterdir()) == ["0", "1", "2", "3", "4"]
    assert started.results() == [None] * 5
    with pytest.raises(ValueError, match="'x'"):
        start_in_fresh_processes(int, ["1", "2", "x", "4"], workers=1).results()
    forgotten = start_in_fresh_processes(time.sleep, [60, 60, 60], workers=2)
    running = forgotten._running
    processes, driver = [process for _, process in running.running.values()], running._driver
    assert driver.is_alive() and all(process.is_alive() for process in processes)
    del forgotten
    gc.collect()
    assert not driver.is_alive() and not any(process.is_alive() for process in processes)
    assert running.started == 2  # the third never began


def test_a_cache_written_in_the_background_is_written_even_without_a_process_to_spare(tmp_path, monkeypatch):
    from repertoire import processes

    def no_fork():
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(processes.os, "fork", no_fork)
    done = processes.in_background(lambda: (tmp_path / "written").write_text("yes"))
    assert (tmp_path / "written").read_text() == "yes" and done()


def test_a_build_leaves_alone_the_staging_folder_of_a_site_beside_it(tmp_path):
    # "output" and "output-old" built side by side: the first took the second's unfinished
    # folder for one of its own failed builds (".building-output-" begins both names).
    other = tmp_path / ".building-output-old-abc123"
    other.mkdir()
    (other / "page.html").write_text("being built")
    build_site(make_content(tmp_path), tmp_path / "output")
    assert (other / "page.html").read_text() == "being built"
