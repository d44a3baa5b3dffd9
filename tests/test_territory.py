"""Another territory than Quebec: its own content/territories.yaml and TIMEZONE are enough.

tests/fixtures/territory-london/ is Greater London's directory with one record (a UK
postcode, +44 phones, London coordinates, serving all of Greater London) and an about
page: it validates and builds with London's conventions, its whole territory and locales,
with no word of Quebec anywhere in the site; the same record is refused with Quebec's."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile

import pytest
from pages import read

from conftest import FIXTURES, ROOT, build_site
from repertoire.crisis import CrisisLinesInvalid, load_crisis_lines
from repertoire.records import read_record
from repertoire.taxonomy import TaxonomyError, load_taxonomy

LONDON = FIXTURES / "territory-london" / "content"


def london_with(tmp_path, name: str, old: str, new: str):
    """A copy of the London content whose file `name` has `old` written as `new` (once)."""
    content = shutil.copytree(LONDON, tmp_path / "content")
    path = content / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return content


RECORD = LONDON / "organizations" / "westminster-food-bank.yaml"
VALIDATE = [sys.executable, str(ROOT / "scripts" / "validate.py")]


@pytest.fixture(scope="module")
def london_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("london")
    content = base / "content"
    shutil.copytree(LONDON, content)
    # Its own emergency and helpline numbers too: settings, not code.
    return build_site(
        content,
        base / "output",
        TIMEZONE="Europe/London",
        EMERGENCY_NUMBER="999",
        EMERGENCY_LABEL="999",
        HELPLINE_NUMBER="111",
        HELPLINE_LABEL="111",
    )


def test_a_london_record_is_valid_with_londons_conventions():
    org, errors = read_record(RECORD, load_taxonomy(LONDON))
    assert errors == []
    # Stored one way: the display of the territory's first language, the postcode upper case.
    assert [p["number"] for p in org.data["phones"]] == ["020 7946 0018", "020 7946 0019, poste 4"]
    assert org.data["locations"][0]["address"]["postal_code"] == "SW1A 2AA"
    assert org.regions == ["london"] and org.municipalities == ["westminster"]


def test_the_same_record_is_refused_with_quebecs(taxonomy):
    _, errors = read_record(RECORD, taxonomy)
    messages = {e.field: e.message for e in errors}
    assert messages["phones[0].number"].startswith(
        "'+44 (0)20 7946 0018' is not a phone number of Quebec: expected one written like '514 555-0123'"
    )
    assert "phones[1].number" in messages
    assert (
        messages["locations[0].address.postal_code"]
        == "'sw1a2aa' is not a postal code of Quebec: expected the form H2X 1Y4"
    )
    assert messages["locations[0].coordinates"].startswith("[51.501, -0.1416] is outside Quebec")


def test_a_menu_option_is_read_only_where_the_territory_says_how_to_write_it(taxonomy):
    # Quebec's file writes one ("811, option 2"); London's has no phones.option: refused there.
    assert taxonomy.conventions.phones.parse("811 option 2").option == "2"
    london = load_taxonomy(LONDON).conventions.phones
    assert london.parse("111 option 2") is None and london.parse("111") is not None


def test_scripts_validate_reads_the_territory_of_its_content_folder():
    london = subprocess.run([*VALIDATE, "--content", LONDON, RECORD], capture_output=True, text=True)
    assert london.returncode == 0, london.stdout + london.stderr
    quebec = subprocess.run([*VALIDATE, RECORD], capture_output=True, text=True)
    assert quebec.returncode == 1
    assert "locations[0].address.postal_code: 'sw1a2aa' is not a postal code of Quebec" in quebec.stdout + quebec.stderr


@pytest.mark.parametrize(
    "damage, message",
    [
        ("territory:\n", "expected a 'territory:' block (name, country, extent, postal_code, phones, whole)"),
        (
            "  whole: {slug: greater-london, name: {fr: Tout le Grand Londres, en: All of Greater London}, "
            "words: [London-wide]}\n",
            "territory: missing 'whole.slug'",
        ),
        ("    example: SW1A 1AA\n", "territory: missing 'postal_code.example'"),
        ("    national_number: '[1-9][0-9]{8,9}'\n", "territory: missing 'phones.national_number'"),
        ("    pattern: '([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})'\n", "territory: missing 'postal_code.pattern'"),
    ],
)
def test_a_territory_file_without_its_conventions_is_refused(tmp_path, damage, message):
    content = shutil.copytree(LONDON, tmp_path / "content")
    path = content / "territories.yaml"
    text = path.read_text(encoding="utf-8")
    if damage == "territory:\n":  # the whole block
        text = text[: text.index("territory:")] + text[text.index("regions:") :]
    else:
        text = text.replace(damage, "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert str(caught.value).startswith(str(path)), caught.value
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "old, new, message",
    [
        # Examples that the file's own patterns refuse.
        ("'111']", "'12']", "phones.examples: '12' is not a number of this numbering plan"),
        ("example: SW1A 1AA", "example: sw1a 1aa", "postal_code.example 'sw1a 1aa' does not match"),
        ("display: '0{1} {2}'}", "display: '0{1} {4}'}", "phones.formats.display: '0{1} {4}': only {1} to {2},"),
        ("display: '0{1} {2}'}", "display: '0{1} {²}'}", "phones.formats.display: '0{1} {²}': only {1} to {2},"),
        ("display: '0{1} {2}'}", "display: '0{1} {number}'}", "'0{1} {number}': only {1} to {2}, without"),
        # A width or a format in a display: "{2:>20000000}" made each number gigabytes (a tester's file).
        (
            "display: '0{1} {2}'}",
            "display: '0{1} {2:>20000000}'}",
            "phones.formats.display: '0{1} {2:>20000000}': only {1} to {2}, without width or format",
        ),
        ("display: '{1} {2}'", "display: '{1!r} {2}'", "postal_code.display: '{1!r} {2}': only {1} to {2},"),
        ("display: '{1} {2}'", "display: '{1} {__class__}'", "postal_code.display: '{1} {__class__}': only"),
        # A whole territory or a locale that cannot be used.
        (
            "whole: {slug: greater-london,",
            "whole: {slug: Greater London,",
            "whole.slug: expected lowercase letters, digits and hyphens, found 'Greater London'",
        ),
        ("words: [London-wide]", "words: London-wide", "whole.words: expected a list of names"),
        ("locales: {fr: fr_FR, en: en_GB}", "locales: {fr: french}", "locales: expected {fr: fr_CA, en: en_CA}"),
        # A public holiday written otherwise than the dates of records would be no holiday at all.
        (
            "locales: {fr: fr_FR, en: en_GB}",
            "locales: {fr: fr_FR, en: en_GB}\n  holidays: [2026-12-25, 25/12/2026]",
            "holidays[1]: '25/12/2026' is not a date written YYYY-MM-DD",
        ),
        (
            "locales: {fr: fr_FR, en: en_GB}",
            "locales: {fr: fr_FR, en: en_GB}\n  holidays: 2026-12-25",
            "holidays: expected a list",
        ),
        # The shape of a locale, none Babel knows: the pages' dates stopped the build with a traceback.
        ("locales: {fr: fr_FR, en: en_GB}", "locales: {fr: xx_YY, en: en_GB}", "locales.fr: 'xx_YY' is no locale"),
        # Written as they are in open data's addresses: HTML was published there (a helper's probe).
        ("country: GB", "country: '\">x'", "territory: country: '\">x' is not an ISO 3166-1 code"),
        ("subdivision: ENG", "subdivision: '<img>'", "territory: subdivision: '<img>' is not an ISO 3166-2"),
        # Not a number: every record was refused as outside "latitude nan to 51.70", this file never named.
        ("south: 51.28", "south: .nan", "territory: extent.south: nan is not a number"),
        ("south: 51.28", "south: 151.28", "territory: extent: south 151.28 to north 51.7"),
        # A repetition inside a repetition: 9 s a phone number, a demonstration build of 275 s.
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '(?:(?:[0-9]+)+)+'",
            "phones.national_number: '(?:(?:[0-9]+)+)+' repeats a part that repeats itself",
        ),
        # The same in an atomic group or a conditional, which the check passed over: a 20-character
        # postal code kept the validator busy past 120 s, a 15-digit phone 85 s (a helper's probe).
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '(?>(?:(?:[0-9])+)+)!|[1-9][0-9]{8,9}'",
            "phones.national_number: '(?>(?:(?:[0-9])+)+)!|[1-9][0-9]{8,9}' repeats a part that repeats itself",
        ),
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '()(?(1)(?:(?:[0-9])+)+!)|[1-9][0-9]{8,9}'",
            "phones.national_number: '()(?(1)(?:(?:[0-9])+)+!)|[1-9][0-9]{8,9}' repeats a part that repeats itself",
        ),
        # Branches that match the same character, repeated: 184 s to refuse a 20-character
        # postal code; stars in a row, the length to the power of their number.
        (
            "pattern: '([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})'",
            "pattern: '((?:[A-Z0-9]|[A-Z0-9])*) ?([0-9][A-Z]{2})'",
            "postal_code.pattern: '((?:[A-Z0-9]|[A-Z0-9])*) ?([0-9][A-Z]{2})' repeats a group a varying number",
        ),
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '[0-9]*[0-9]*[0-9]*[0-9]*'",
            "phones.national_number: '[0-9]*[0-9]*[0-9]*[0-9]*' has 4 parts repeated a varying number of times",
        ),
        # Written out by a fixed repeat, 28 of them in a row: it passed, and a build never ended
        # (1.7 s of CPU to refuse each phone number; a helper's probe, stop 77).
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '(?:(?:[0-9]?){2}){14}'",
            "phones.national_number: '(?:(?:[0-9]?){2}){14}' has 28 parts repeated a varying number of times",
        ),
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '(?:[0-9]?[0-9]?){12}'",
            "phones.national_number: '(?:[0-9]?[0-9]?){12}' has 24 parts repeated a varying number of times",
        ),
        # A choice between alternatives in a fixed repeat: each tried at each place, 44 s to
        # check one record's "1 866" number, a build of 408 s (stop 82's probe).
        (
            "national_number: '[1-9][0-9]{8,9}'",
            "national_number: '(?:[0-9]|[0-9]|[0-9]|[0-9]|[0-9]|[0-9]|[0-9]){10}'",
            "phones.national_number: '(?:[0-9]|[0-9]|[0-9]|[0-9]|[0-9]|[0-9]|[0-9]){10}' repeats a choice",
        ),
        (
            "  - slug: london\n",
            "  - slug: greater-london\n",
            "territory slug 'greater-london' is used twice (or is the whole territory's, territory.whole.slug)",
        ),
    ],
)
def test_a_territory_block_the_code_cannot_rely_on_is_named(tmp_path, old, new, message):
    content = london_with(tmp_path, "territories.yaml", old, new)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "old, new",
    [
        ("national_number: '[1-9][0-9]{8,9}'", "national_number: '(?:[0-9]?){30}'"),
        ("locales: {fr: fr_FR, en: en_GB}", "locales: {fr: xx_YY, en: en_GB}"),
    ],
)
def test_a_territory_block_problem_names_its_line(tmp_path, old, new):
    # "territories.yaml: territory: phones.short_codes: ..." named no line (a helper's probe, stop 77).
    content = london_with(tmp_path, "territories.yaml", old, new)
    path = content / "territories.yaml"
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if new in text)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert str(caught.value).startswith(f"{path}:{line}: territory: "), str(caught.value)


@pytest.mark.parametrize(
    "name, old, new, message",
    [
        (
            "territories.yaml",
            "    coordinates: [51.5072, -0.1276]",
            "    cooordinates: [51.5072, -0.1276]",
            "territories.yaml:33: regions[0].cooordinates: unknown field 'cooordinates' (did you mean 'coordinates'?)",
        ),
        (
            "territories.yaml",
            "{slug: camden, name: Camden,",
            "{slug: camden, nom: Camden, name: Camden,",
            "territories.yaml:36: regions[0].municipalities[1].nom: unknown field 'nom'",
        ),
        (
            "categories.yaml",
            "  description: {fr: Banques alimentaires",
            "  descripton: {fr: Banques alimentaires",
            "categories.yaml:4: [0].descripton: unknown field 'descripton' (did you mean 'description'?)",
        ),
    ],
)
def test_a_misspelled_field_of_the_taxonomy_is_named(tmp_path, name, old, new, message):
    # A helper's probe (stop 68): "descripton" was read as nothing, and the category's page lost
    # its description without a word; a region's "cooordinates" its place on the map.
    content = london_with(tmp_path, name, old, new)
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert message in str(caught.value)


def test_a_pattern_that_backtracks_is_refused_and_never_tried_on_more_than_a_number(tmp_path):
    # "(?:[0-9]|[0-9])*..." in territories.yaml and a record phone of 33 digits: scripts/validate
    # ran for minutes (2 to the 33rd ways). Such a pattern is refused where the file is read,
    # and a number has at most 15 digits: no pattern is tried on more.
    content = shutil.copytree(LONDON, tmp_path / "content")
    path = content / "territories.yaml"
    text = path.read_text(encoding="utf-8")
    assert "national_number: '[1-9][0-9]{8,9}'" in text
    path.write_text(text.replace("'[1-9][0-9]{8,9}'", "'(?:[0-9]|[0-9])*[1-9][0-9]{8,9}'"), encoding="utf-8")
    with pytest.raises(TaxonomyError) as caught:
        load_taxonomy(content)
    assert "'(?:[0-9]|[0-9])*[1-9][0-9]{8,9}' repeats a group a varying number of times" in str(caught.value)
    path.write_text(text, encoding="utf-8")
    numbering = load_taxonomy(content).conventions.phones
    started = time.process_time()
    assert numbering.parse("0" * 33 + "x") is None and numbering.parse("1" * 33) is None
    assert time.process_time() - started < 5
    assert numbering.parse("020 7946 0000") is not None


@pytest.mark.parametrize(
    "name, old, new, expected",
    [
        # A value of another type than the code needs, where it is read: named, never a traceback.
        (
            "categories.yaml",
            "  description: {fr: Soins",
            "  keywords: 1\n  description: {fr: Soins",
            "categories.yaml:7: [1].keywords: expected {fr: [...], en: [...]}, found a whole number (1)",
        ),
        (
            "categories.yaml",
            "- slug: sante",
            "- slug: []",
            "categories.yaml:5: [1].slug: expected a text, found a list",
        ),
        # A slug names pages, folders and files: "../" wrote them outside the site (a tester's
        # categories.yaml: the build succeeded).
        (
            "categories.yaml",
            "- slug: sante",
            "- slug: ../../../../tmp/escaped",
            "categories.yaml:5: [1].slug: expected a slug of lowercase letters, digits and hyphens",
        ),
        (
            "territories.yaml",
            "{slug: camden,",
            "{slug: Camden/../../x,",
            "territories.yaml:36: regions[0].municipalities[1].slug: expected a slug of lowercase letters",
        ),
        (
            "territories.yaml",
            "  - slug: london",
            "  - slug: " + "a" * 300,
            "territories.yaml:31: regions[0].slug: expected a slug of lowercase letters, digits and hyphens (it names"
            " pages and files), found 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... (300 characters)'",
        ),
        (
            "territories.yaml",
            "    municipalities:\n",
            "    municipalities: [[]]\n    others:\n",
            "territories.yaml:34: regions[0].municipalities[0]: expected a mapping (slug, name, ...), found a list",
        ),
        # An area of places the file does not have: search would find nothing by its name.
        (
            "territories.yaml",
            "territories: [westminster]",
            "territories: [soho]",
            "territories.yaml:40: areas[0].territories[0]: 'soho' is no region, MRC or municipality of this file",
        ),
        (
            "territories.yaml",
            "  - name: West End\n",
            "  - name: West End of Camden\n",
            "territories.yaml:39: areas[0].name: 'West End of Camden' holds the name of Camden: search would take",
        ),
        (
            "territories.yaml",
            "    territories: [westminster]\n    towns: [Soho, Covent Garden]\n",
            "",
            "territories.yaml:39: areas[0]: an area needs its places: territories (slugs), towns (names), or both",
        ),
        # Escaped on the pages, a tag went as written into the HSDS files, the lists and the PDFs
        # (stop 83's hostile probe).
        (
            "categories.yaml",
            "name: {fr: Alimentation, en: Food}",
            'name: {fr: "Alimentation <script>alert(1)</script>", en: Food}',
            "categories.yaml:3: [0].name.fr: HTML tags are not allowed: write plain text",
        ),
        (
            "territories.yaml",
            "en: All of Greater London}",
            'en: "<b>All</b>"}',
            "territories.yaml:5: territory.whole.name.en: HTML tags are not allowed",
        ),
        # A town nowhere: "near me" put it first or last, and the map's JSON said NaN.
        (
            "territories.yaml",
            "coordinates: [51.5290, -0.1255]",
            "coordinates: [999, -0.1255]",
            "territories.yaml:36: regions[0].municipalities[1].coordinates[0]: expected a latitude from -90 to 90,"
            " found 999",
        ),
        (
            "territories.yaml",
            "coordinates: [51.5290, -0.1255]",
            "coordinates: [51.5290, .nan]",
            "territories.yaml:36: regions[0].municipalities[1].coordinates[1]: expected a longitude from -180 to 180,"
            " found nan",
        ),
        (
            "territories.yaml",
            "{pattern: '([17][0-9]{3})([0-9]{6})',",
            "{pattern: null,",
            "territories.yaml:23: territory.phones.formats[1].pattern: expected a pattern, found nothing (null)",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_named_by_line_and_field(tmp_path, name, old, new, expected):
    content = london_with(tmp_path, name, old, new)
    result = subprocess.run([*VALIDATE, "--content", content], capture_output=True, text=True)
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert f"{content}/{expected}" in output and "Traceback" not in output, output


def test_a_london_site_builds_with_its_phones_postcodes_and_time_zone(london_site):
    fr = read(london_site / "fr/organismes/westminster-food-bank/index.html")
    en = read(london_site / "en/organizations/westminster-food-bank/index.html")
    for doc, second in ((fr, "020 7946 0019, poste 4"), (en, "020 7946 0019 ext. 4")):
        calls = [(a.attrs["href"], a.text) for a in doc.find_all("a", **{"class": "phone"})]
        assert calls == [("tel:+442079460018", "020 7946 0018"), ("tel:+442079460019;ext=4", second)]
        assert "SW1A 2AA" in doc.find("p", **{"class": "address"}).text
        # The open-now lines read the time zone of their page (one attribute for all of them).
        assert doc.find("article").attrs["data-tz"] == "Europe/London"
    home = read(london_site / "en/index.html")
    assert ("tel:999", "999") in [(a.attrs.get("href"), a.text) for a in home.find_all("a")]
    texts = {p: p.read_text(encoding="utf-8") for p in london_site.rglob("*.html")}
    assert not [p for p, text in texts.items() if "tel:911" in text or "2-1-1" in text or "tel:211" in text]


def test_the_browser_gets_the_same_phones_and_open_data_the_same_country(london_site):
    # The offline and search records carry the phones as the page writes them (in the cards: a
    # printed result gives them).
    cards = [json.loads(p.read_text(encoding="utf-8")) for p in (london_site / "search" / "en").glob("cards-*.json")]
    phones = [phone for chunk in cards for record in chunk for phone in record.get("phones", [])]
    assert [(p["number"], p["tel"]) for p in phones] == [
        ("020 7946 0018", "+442079460018"),
        ("020 7946 0019 ext. 4", "+442079460019;ext=4"),
    ]
    document = json.loads((london_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))
    organization = document["organizations"][0]
    assert [(p["number"], p.get("extension")) for p in organization["phones"]] == [
        ("020 7946 0018", None),
        ("020 7946 0019", 4),
    ]
    address = organization["locations"][0]["addresses"][0]
    assert (address["country"], address["state_province"], address["postal_code"]) == ("GB", "ENG", "SW1A 2AA")
    with zipfile.ZipFile(london_site / "fr/telechargements/hsds.zip") as package:
        assert "+44" not in package.read("phones.csv").decode("utf-8")


def test_a_london_site_names_its_whole_territory_with_its_own_slug_and_words(london_site):
    # The whole territory's list, its link from the record and from the regions, in each language.
    for lang, regions, record, name in (
        ("fr", "fr/regions", "fr/organismes", "Tout le Grand Londres"),
        ("en", "en/regions", "en/organizations", "All of Greater London"),
    ):
        assert read(london_site / regions / "greater-london/index.html").find("h1").text == name
        links = {a.text: a.attrs["href"] for a in read(london_site / regions / "index.html").find_all("a")}
        assert links[name].endswith("regions/greater-london/"), links
        served = read(london_site / record / "westminster-food-bank/index.html")
        assert [a.attrs["href"] for a in served.find_all("a") if a.text == name] == [
            f"../../../{regions}/greater-london/"
        ]
        # The offline page draws the same link from the names the build gives it, dates in the territory's locale.
        offline = read(
            london_site / (f"{lang}/hors-ligne/organisme" if lang == "fr" else "en/offline/organization") / "index.html"
        ).find("div", **{"data-module": "offline-record"})
        assert json.loads(offline.attrs["data-names"])["territories"]["greater-london"] == [name, "whole"]
        assert offline.attrs["data-locale"] == {"fr": "fr-FR", "en": "en-GB"}[lang]
    assert not (london_site / "fr/regions/quebec").exists()
    # Open data names it too, under its own slug.
    organization = json.loads((london_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))["organizations"][0]
    terms = {a["taxonomy_term"]["code"]: a["taxonomy_term"]["name"] for a in organization["attributes"]}
    assert terms["territory:greater-london"] == "All of Greater London"


def test_no_word_of_quebec_is_published_by_a_london_site(london_site):
    quebec = re.compile(r"qu[eé]bec", re.IGNORECASE)
    found = []
    for path in london_site.rglob("*"):
        if path.suffix in (".zip", ".xlsx"):  # the open data and lists: every member
            with zipfile.ZipFile(path) as archive:
                texts = {f"{path}:{name}": archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
        elif path.is_file() and path.suffix not in (".pdf", ".png"):
            texts = {str(path): path.read_text(encoding="utf-8")}
        else:
            continue
        found += [
            f"{where}: ...{text[max(0, m.start() - 40) : m.end() + 40]}..."
            for where, text in texts.items()
            for m in quebec.finditer(text)
        ]
    assert not found, "\n".join(found[:20])


@pytest.mark.parametrize(
    "content, area, slug",
    [
        (LONDON, "London-wide", "greater-london"),
        (LONDON, "All of Greater London", "greater-london"),
        (ROOT / "content", "Province of Quebec", "quebec"),
        (ROOT / "content", "tout le Québec", "quebec"),
    ],
)
def test_an_import_reads_the_whole_territory_in_the_territorys_own_words(tmp_path, content, area, slug):
    package = tmp_path / "one.jsonl"
    package.write_text(
        json.dumps(
            {
                "id": "o-1",
                "name": "Food Network",
                "description": "Food parcels.",
                "services": [{"id": "s-1", "name": "Parcels", "service_areas": [{"id": "a-1", "name": area}]}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    into = tmp_path / "organizations"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "import_hsds.py"),
            package,
            "--content",
            content,
            "--into",
            into,
            "--language",
            "en",
            "--category",
            "alimentation",
            "--verified",
            "2026-01-01",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"service_area: [{slug}]" in (into / "food-network.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["categories.yaml", "territories.yaml", "crisis-lines.yaml"])
def test_a_content_file_that_cannot_be_read_is_named_not_a_traceback(tmp_path, monkeypatch, name):
    # A file of content/ without read permission gave a PermissionError traceback (a tester ran
    # the build as a user who could not read categories.yaml).
    content = shutil.copytree(ROOT / "content", tmp_path / "content")
    unreadable = str(content / name)
    opening = os.open

    def refusing(path, *args, **kwargs):
        if str(path) == unreadable:
            raise PermissionError(13, "Permission denied", str(path))
        return opening(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises((TaxonomyError, CrisisLinesInvalid)) as caught:
        load_crisis_lines(content, load_taxonomy(content), ["fr", "en"])
    assert f"{unreadable}:1: " in str(caught.value) and "cannot read the file: Permission denied" in str(caught.value)
