"""Downloadable lists: CSV and Excel per category, per region and for the whole directory."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile

import pytest
from openpyxl import load_workbook
from pages import read

from repertoire.jsontext import compact_json, compact_json_text
from repertoire.spreadsheets import CELL_LIMIT, list_csv, list_row, to_xlsx


def read_csv(path):
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def read_xlsx(path):
    sheet = load_workbook(path, read_only=True).active
    return [["" if cell is None else str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)]


def test_whole_directory_in_both_languages(built_site):
    fr = read_csv(built_site / "fr/telechargements/all.csv")
    en = read_csv(built_site / "en/downloads/all.csv")
    assert fr[0][:3] == ["Identifiant", "Nom", "Catégorie principale"]
    assert en[0][:3] == ["Id", "Name", "Primary category"]
    ids = {p.parent.name for p in (built_site / "fr/organismes").glob("*/index.html")}
    ids -= {"odd-shapes"}  # no longer active: its page stays, the lists leave it out
    assert {row[0] for row in fr[1:]} == ids == {row[0] for row in en[1:]}
    kitchen = next(row for row in en[1:] if row[0] == "cuisine-collective-du-quartier")
    record = dict(zip(en[0], kitchen))
    assert record["Name"] == "Neighbourhood Community Kitchen"
    # Phones as the English pages write them (the record says "514 555-0124 poste 12").
    # The second number is a fax: in its own column, never among the numbers to call.
    assert (
        record["Phone"] == "514-555-0123" and record["Other phones"] == "" and record["Fax"] == "514-555-0124 ext. 12"
    )
    french = dict(zip(fr[0], next(row for row in fr[1:] if row[0] == "cuisine-collective-du-quartier")))
    assert (french["Téléphone"], french["Télécopieur"]) == ("514 555-0123", "514 555-0124, poste 12")
    assert record["Municipality"] == "Montréal" and record["Postal code"] == "H2L 1R4"
    # In the reader's language: days by name, languages by name, a column per kind of phone.
    assert record["Hours"].startswith("Monday–Friday: 9\u00a0a.m. to noon, 1\u00a0p.m. to 5\u00a0p.m."), record["Hours"]
    assert french["Heures"].startswith("lundi–vendredi\u00a0: de 9\u00a0h à 12\u00a0h, de 13\u00a0h à 17\u00a0h"), (
        french["Heures"]
    )
    assert (record["Languages spoken"], french["Langues parlées"]) == (
        "French, English, Spanish, Arabic",
        "français, anglais, espagnol, arabe",
    )
    assert {"Fax", "TTY", "Text message"} <= set(en[0]) and {"Télécopieur", "Texto"} <= set(fr[0])
    assert record["Page"] == "en/organizations/cuisine-collective-du-quartier/"


def test_category_and_region_lists_hold_their_members(built_site):
    food = read_csv(built_site / "en/downloads/category-alimentation.csv")
    # Temporarily closed after the active ones.
    assert [row[1] for row in food[1:]] == ["Neighbourhood Community Kitchen", "Former Clothing Counter"]
    capitale = read_csv(built_site / "fr/telechargements/region-capitale-nationale.csv")
    assert [row[0] for row in capitale[1:]] == ["halte-de-nuit-l-escale"]
    assert read_xlsx(built_site / "fr/telechargements/region-capitale-nationale.xlsx") == capitale


def test_excel_and_csv_hold_the_same_rows(built_site):
    for name in ("all", "category-itinerance", "region-montreal"):
        assert read_xlsx(built_site / f"en/downloads/{name}.xlsx") == read_csv(built_site / f"en/downloads/{name}.csv")


def test_a_text_too_long_for_a_cell_is_cut_saying_so(tmp_path):
    # A helper's probe (stop 70): a valid record of 200 places (the schema's most) wrote their
    # addresses in one cell of 37,489 characters; Excel holds 32,767 (UTF-16 units) a cell.
    header = ["Id", "Address", "Hours"]
    streets = " | ".join(f"{n} rue des Érables-du-Vieux-Quartier 🍁" for n in range(1200))
    row = list_row(["multi-sites", streets, "lundi"])
    (tmp_path / "list.xlsx").write_bytes(to_xlsx("list", header, [row]))
    (tmp_path / "list.csv").write_bytes(list_csv(header, [row]))
    for cells in (read_xlsx(tmp_path / "list.xlsx")[1], read_csv(tmp_path / "list.csv")[1]):
        # As long as a cell holds, less a unit for a formula's mark (and half a character cut in two).
        assert CELL_LIMIT - 2 <= len(cells[1].encode("utf-16-le")) // 2 <= CELL_LIMIT - 1 and cells[1].endswith("…")
        assert streets.startswith(cells[1][:-1]) and cells[::2] == ["multi-sites", "lundi"]
    # Marked as text with an apostrophe (a formula's look), still within the cell.
    formula = list_row(["f", "=" + streets, "lundi"])
    (tmp_path / "formula.csv").write_bytes(list_csv(header, [formula]))
    cell = read_csv(tmp_path / "formula.csv")[1][1]
    assert cell.startswith("'=") and len(cell.encode("utf-16-le")) // 2 <= CELL_LIMIT
    short = list_row(["a", "1 rue Ontario Est", "lundi"])
    assert short.values == ["a", "1 rue Ontario Est", "lundi"]


def test_list_pages_link_their_downloads(built_site):
    links = [
        a.attrs["href"]
        for a in read(built_site / "fr/categories/alimentation/index.html")
        .find("p", **{"class": "downloads"})
        .find_all("a")
    ]
    assert [link.rsplit("/", 1)[1] for link in links] == ["category-alimentation.csv", "category-alimentation.xlsx"]


def test_excel_lists_link_websites_emails_and_pages(built_site):
    sheet = load_workbook(built_site / "en/downloads/all.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert all(cell.font.bold for cell in sheet[1]) and sheet.freeze_panes == "A2"
    links = {}
    for row in sheet.iter_rows(min_row=2):
        record = dict(zip(header, row))
        for column in ("Website", "Email"):
            cell = record[column]
            if cell.value:
                links[column] = (cell.value, cell.hyperlink.target)
    assert links["Website"][1] == links["Website"][0] and links["Website"][0].startswith("https://")
    assert links["Email"][1] == "mailto:" + links["Email"][0]
    from repertoire.spreadsheets import link_of

    assert link_of("javascript:alert(1)") is None and link_of("file:///etc/passwd") is None
    assert link_of('=HYPERLINK("https://x")') is None


def test_hsds_files_put_together_record_by_record_are_those_of_the_whole(tmp_path, taxonomy):
    """Each record's HSDS JSON and table lines, kept between builds, make the same files as
    the whole directory's organizations flattened and written at once."""
    import datetime as dt
    import json
    import zipfile

    from conftest import ROOT, TODAY
    from exports.generator import LanguageJob, Records, hsds_files
    from repertoire import hsds
    from repertoire.derived import Derived
    from repertoire.directory_model import Directory
    from repertoire.page_cache import PageCache
    from repertoire.records import load_directory, record_paths
    from repertoire.written import pieces

    today = dt.date.fromisoformat(TODAY)
    organizations = load_directory(record_paths(ROOT / "content" / "organizations"), taxonomy, today)
    directory = Directory(taxonomy, organizations, today, 365)
    cache = PageCache(tmp_path, "salt")
    records = Records(directory.organizations, [], directory.digests, taxonomy)
    for lang in ("fr", "en"):
        job = LanguageJob(
            lang=lang,
            folder="",
            as_of=directory.as_of,
            data_date=directory.data_date,
            pages={},
            translations=str(ROOT / "theme" / "translations"),
            licence={"name": "CC-BY-4.0", "path": "x", "title": "x"},
            title="Répertoire — HSDS 3.0",
            cache=cache,
            written=None,
        )
        parts = Derived(cache, f"hsds-{lang}")
        made = hsds_files(job, records, parts)
        parts.save()
        assert hsds_files(job, records, Derived(cache, f"hsds-{lang}")) == made  # from what was kept
        made = {name: b"".join(pieces(content)) for name, content in made.items()}  # the JSON is in pieces
        whole = [hsds.organization_object(org.data, lang, taxonomy) for org in organizations]
        document = json.loads(made["hsds.json"])
        assert document["organizations"] == whole and list(document)[-1] == "organizations"
        assert (
            made["hsds.json"]
            == json.dumps({**document, "organizations": whole}, ensure_ascii=False, separators=(",", ":")).encode()
        )
        tables = {**hsds.flatten(whole), "taxonomy": [hsds.taxonomy_object(lang)]}
        with zipfile.ZipFile(io.BytesIO(made["hsds.zip"])) as archive:
            assert len(archive.namelist()) == len(tables) + 1
            for table, rows in tables.items():
                assert archive.read(hsds.table_files()[table]) == hsds.csv_bytes(table, rows), table


@pytest.mark.parametrize(
    "value",
    [
        {"name": 'Café "L\'Entraide" \\ \u2028', "hours": [9.5, 17, None, True], "note": "\x1f\x7f"},
        {2: "a number as a key", "1": "a text"},  # orjson refuses it: json writes it
        {"count": 2**70},  # over 64 bits: the same
        [],
    ],
)
def test_json_files_hold_what_the_standard_library_writes(value):
    # The downloads, search files and pages write their JSON through orjson: the same bytes,
    # and what it refuses written as before, never an error the build did not have.
    for sort_keys in (False, True):
        if sort_keys and isinstance(value, dict) and 2 in value:
            continue  # json cannot sort a number and a text either
        expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=sort_keys)
        assert compact_json(value, sort_keys) == expected.encode("utf-8")
        assert compact_json_text(value, sort_keys) == expected


def test_what_json_refuses_is_refused_alike():
    for value in ({"day": dt.date(2026, 1, 1)}, {1, 2}):
        with pytest.raises(TypeError):
            json.dumps(value)
        with pytest.raises(TypeError):
            compact_json(value)


PHONES_AT_ITS_PLACES = """\
id: deux-sites
name: {fr: Banque alimentaire à deux sites, en: Two-site food bank}
description: {fr: Dépannage., en: Food.}
categories: [alimentation]
service_area: [montreal]
last_verified: 2026-01-01
locations:
  - id: nord
    address: {street: "10, rue Fleury", city: Montréal, postal_code: H2C 1A1}
    phones:
      - {number: "514 555-0161"}
      - {number: "514 555-0162", type: tty}
services:
  - name: {fr: Ligne, en: Line}
    phones:
      - {number: "1 800 555-0164", type: hotline}
"""


def site_with(tmp_path, name: str, record: str):
    """A site built from the minimal fixture and one record (`name`.yaml)."""
    from conftest import FIXTURES, build_site, make_content

    records = tmp_path / "records"
    records.mkdir()
    (records / "minimal.yml").write_bytes((FIXTURES / "organizations" / "minimal.yml").read_bytes())
    (records / f"{name}.yaml").write_text(record, encoding="utf-8")
    return build_site(make_content(tmp_path, records), tmp_path / "output")


def test_a_record_with_numbers_only_at_its_places_and_services_shows_them_everywhere(tmp_path):
    # The contract lets a record give its numbers at its places or services only: its lists,
    # printed entry, result card and call button had no number at all (a helper's probe).
    from conftest import ROOT
    from search_index.query import SearchFolder

    output = site_with(tmp_path, "deux-sites", PHONES_AT_ITS_PLACES)
    rows = {row["id"] if "id" in row else next(iter(row.values())): row for row in _csv_rows(output)}
    row = " ".join(rows["deux-sites"].values())
    assert "514 555-0161" in row and "514 555-0162" in row and "1 800 555-0164" in row
    page = read(output / "fr/organismes/deux-sites/index.html")
    actions = page.find("div", class_="quick-actions")
    assert actions.find("a", class_="call-link").attrs["href"] == "tel:+15145550161"
    search = SearchFolder(output / "search" / "fr")
    hits = search.search("deux sites")
    card = search.rows("cards", [hits[0][0]])[hits[0][0]]
    assert card["call"]["number"] == "514 555-0161"
    # The printed directory's entry: every number, with its kind.
    import yaml

    from printed.document import Wording, entry
    from repertoire.records import Organization
    from repertoire.taxonomy import load_taxonomy

    wording = Wording(
        "fr",
        str,
        lambda one, many, n: one,
        date=str,
        language=str,
        week=str,
        phone=lambda number, kind: number,
        page=str,
    )
    data = yaml.safe_load(PHONES_AT_ITS_PLACES)
    printed = entry(Organization("deux-sites", "deux-sites.yaml", data), load_taxonomy(ROOT / "content"), wording)
    assert printed["phones"] == "514 555-0161 · 514 555-0162 (TTY) · 1 800 555-0164 (Helpline)"


TEXT_SHORT_CODE = """\
id: ligne-jeunesse
name: {fr: Ligne d'écoute jeunesse, en: Youth helpline}
description: {fr: Écoute pour les jeunes., en: Listening for young people.}
categories: [sante-mentale-et-dependances]
service_area: [quebec]
last_verified: 2026-01-01
phones:
  - {number: "1 800 555-0168", type: hotline}
  - {number: "686868", type: text, description: {fr: "Texte PARLER", en: "Text TALK"}}
"""


def test_a_short_code_for_text_messages_is_a_number_everywhere(tmp_path):
    # Kids Help Phone takes texts at 686868: a common short code of six digits, not a North
    # American number. A record giving it, as 211 records do, failed the whole build.
    output = site_with(tmp_path, "ligne-jeunesse", TEXT_SHORT_CODE)
    for path in ("fr/organismes/ligne-jeunesse/index.html", "en/organizations/ligne-jeunesse/index.html"):
        links = {a.attrs["href"]: a.text for a in read(output / path).find("main").find_all("a", class_="phone")}
        assert links.get("sms:686868") == "686868", links
    row = " ".join(next(r for r in _csv_rows(output) if "ligne-jeunesse" in " ".join(r.values())).values())
    assert "686868" in row and "1 800 555-0168" in row
    with zipfile.ZipFile(output / "fr/telechargements/hsds.zip") as archive:
        phones = archive.read(next(n for n in archive.namelist() if n.endswith("phones.csv"))).decode("utf-8-sig")
    assert "686868" in phones


def _csv_rows(output):
    text = (output / "fr/telechargements/all.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "service_area, located, fr, en",
    [
        (["quebec"], False, "Tout le Québec", "All of Quebec"),
        (["quebec"], True, "Montréal; Tout le Québec", "Montréal; All of Quebec"),
        (["montreal"], False, "Montréal", "Montréal"),
    ],
)
def test_a_list_says_an_organization_serves_the_whole_territory(taxonomy, service_area, located, fr, en):
    # A line for the whole province had an empty "Regions" cell in every list, where its page
    # says "Tout le Québec" (a probe's record).
    from repertoire.records import Organization, _places
    from repertoire.tables import regions_cell

    data = {"id": "ligne", "name": {"fr": "Ligne"}, "categories": ["sante"], "service_area": service_area}
    if located:
        data["locations"] = [{"address": {"city": "Montréal"}}]
    org = Organization("ligne", "ligne.yaml", data)
    org.regions, org.municipalities = _places(data, taxonomy)
    assert (regions_cell(org, taxonomy, "fr"), regions_cell(org, taxonomy, "en")) == (fr, en)
