"""The facts declared in repertoire/fields.py: the schema holds them, and one more declared
field reaches every place a record is shown or carried, with no other code."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from pages import parse, read
from test_lists import pdf_text

from conftest import ROOT, build_site, make_content
from repertoire import fields, records
from repertoire.catalogs import load_catalog
from repertoire.fields import KINDS, OWNERS, Attribute, Child, Column, Field
from repertoire.hsds import table_columns
from repertoire.schema import declared_schema

# Two fields a 211 could add: a yes/no of a location carried as an HSDS attribute and shown
# as a list column, and a service's text in an HSDS column of its own.
PROBES = (
    Field(
        "wheelchair_accessible",
        "location",
        "yes_no",
        "Wheelchair accessible:",
        Attribute("wheelchair_accessible"),
        list_header="Wheelchair accessible",
        short=True,
    ),
    Field("interpretation", "service", "text", "Interpretation", Column("interpretation_services")),
)
RECORD = "cuisine-collective-du-quartier"  # a fixture with a location and a service
INTERPRETERS = {"fr": "Interprètes en espagnol", "en": "Spanish interpreters"}
YES = {"fr": "Oui", "en": "Yes"}
ORG_PAGES = {"fr": "fr/organismes/", "en": "en/organizations/"}


def test_the_schema_holds_every_declared_field():
    schema = json.loads(records.SCHEMA_PATH.read_text(encoding="utf-8"))
    behind = [
        f"{field.owner}.{field.name}"
        for field in fields.FIELDS
        if schema["$defs"][field.owner]["properties"].get(field.name) != field.schema
    ]
    assert not behind, f"{behind}: declared in repertoire/fields.py, not in the schema (run scripts/update_schema)"
    assert declared_schema(schema) == schema, (
        "the schema's text languages are not LANGUAGES's: run scripts/update_schema"
    )


@pytest.mark.parametrize("field", fields.FIELDS, ids=lambda field: field.name)
def test_each_declared_field_names_real_places(field):
    assert field.owner in OWNERS and field.kind in KINDS
    assert not field.short or field.owner == "location", "only a location's facts are in short entries"
    columns = table_columns()
    if isinstance(field.hsds, Column):
        assert field.hsds.name in columns[field.owner], f"HSDS {field.owner} has no column {field.hsds.name}"
    elif isinstance(field.hsds, Child):
        assert {f"{field.owner}_id", field.hsds.column} <= set(columns[field.hsds.table])
    for lang in ("fr", "en"):
        catalog = load_catalog(str(ROOT / "theme" / "translations"), lang)
        for message in (field.label, field.list_header) if field.list_header else (field.label,):
            assert lang == "en" or message in catalog.messages, f"{message!r} is not translated in {lang}"


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory):
    """The fixtures built with PROBES declared too, and one record that has them."""
    base = tmp_path_factory.mktemp("fields")
    content = make_content(base)
    path = content / "organizations" / f"{RECORD}.yaml"
    source = path.read_text(encoding="utf-8")
    source = source.replace("    accessibility:", "    wheelchair_accessible: true\n    accessibility:", 1)
    source = source.replace(
        "    application_process:",
        f"    interpretation: {{fr: {INTERPRETERS['fr']}, en: {INTERPRETERS['en']}}}\n    application_process:",
        1,
    )
    path.write_text(source, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fields, "FIELDS", fields.FIELDS + PROBES)
        schema = base / "organization.schema.json"
        schema.write_text(json.dumps(declared_schema(json.loads(records.SCHEMA_PATH.read_text(encoding="utf-8")))))
        patch.setattr(records, "SCHEMA_PATH", schema)
        records.schema_validator.cache_clear()
        records._fast_check.cache_clear()
        try:
            yield build_site(content, base / "output", CACHE_PATH=str(base / "cache")), fields.FIELDS
        finally:
            records.schema_validator.cache_clear()
            records._fast_check.cache_clear()


def facts_on(main) -> tuple[str | None, dict[str, str]]:
    """A page's wheelchair line, and its services' facts (term -> definition)."""
    line = main.find("p", class_="wheelchair_accessible")
    terms = {}
    for facts in main.find_all("dl", class_="facts"):
        items = [e for e in facts.children if not isinstance(e, str)]
        terms.update({dt.text: dd.text for dt, dd in zip(items, items[1:]) if dt.tag == "dt" and dd.tag == "dd"})
    return line.text if line else None, terms


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_declared_field_shows_on_the_organization_page(probe_site, lang):
    site, _ = probe_site
    main = read(site / ORG_PAGES[lang] / RECORD / "index.html").find("main")
    line, terms = facts_on(main)
    assert line == f"Wheelchair accessible: {YES[lang]}", "organization page: the location's fact"
    assert terms.get("Interpretation") == INTERPRETERS[lang], "organization page: the service's fact"


def test_a_declared_column_is_in_the_lists(probe_site):
    site, _ = probe_site
    for folder, yes in (("fr/telechargements", "Oui"), ("en/downloads", "Yes")):
        rows = list(csv.reader(io.StringIO((site / folder / "all.csv").read_text(encoding="utf-8-sig"))))
        column = rows[0].index("Wheelchair accessible")
        assert column == len(rows[0]) - 2, "lists: the page's address stays the last column"
        values = {row[0]: row[column] for row in rows[1:]}
        assert values[RECORD] == yes and {v for k, v in values.items() if k != RECORD} == {""}, "lists: CSV"
        sheet = load_workbook(site / folder / "all.xlsx", read_only=True).worksheets[0]
        assert [cell.value for cell in next(sheet.iter_rows(max_row=1))] == rows[0], "lists: Excel"


def test_a_declared_field_goes_out_in_hsds_and_comes_back(probe_site, taxonomy):
    from repertoire.hsds_import import canonical, merge_languages, read_package, records_from_tables

    site, declared = probe_site
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fields, "FIELDS", declared)
        by_language = {}
        for lang, folder in (("fr", "fr/telechargements"), ("en", "en/downloads")):
            document = json.loads((site / folder / "hsds.json").read_text(encoding="utf-8"))
            organization = next(
                o for o in document["organizations"] if o["organization_identifiers"][0]["identifier"] == RECORD
            )
            location, service = organization["locations"][0], organization["services"][0]
            attributes = {a["link_type"]: a["value"] for a in location.get("attributes", [])}
            assert attributes.get("wheelchair_accessible") == "true", "HSDS export: location attribute"
            assert service["interpretation_services"] == INTERPRETERS[lang], "HSDS export: service column"
            package, problems = read_package(site / folder / "hsds.zip")
            assert package is not None, problems
            by_language[lang] = records_from_tables(package, taxonomy)
            left_out = [n.text for n in by_language[lang].notices if n.kind == "not imported"]
            assert not left_out, f"HSDS import: read as not mapped: {left_out}"
        imported, problems = merge_languages(by_language)
    record = next(r for r in imported if r["id"] == RECORD)
    assert record["locations"][0]["wheelchair_accessible"] is True, "HSDS import: location attribute"
    assert canonical(record["services"][0]["interpretation"]) == INTERPRETERS, "HSDS import: service column"


OFFLINE_AND_LIST = """async ([lang, slug, shell, myList]) => {
  const parse = async (url) => new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
  const { RecordPage } = await import('/theme/js/offline-record.js');
  const { EntryWriter } = await import('/theme/js/entry.js');
  const { SearchIndex } = await import('/theme/js/search-engine.js');
  const index = new SearchIndex(new URL('/search/' + lang + '/', location.href), new URL('/', location.href));
  const record = await index.record(slug);
  const page = new RecordPage((await parse(shell)).querySelector('[data-module="offline-record"]'));
  const drawn = document.createElement('main');
  drawn.append(...page.render(record));
  const config = JSON.parse((await parse(myList)).querySelector('[data-entry]').dataset.entry);
  const writer = new EntryWriter(config, lang);
  return [drawn.innerHTML, config.list.headers, writer.row(record), writer.element(record).innerText];
}"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_declared_field_is_on_the_offline_page_and_in_my_list(browser, probe_site, lang):
    from browser import serve

    site, _ = probe_site
    shell, my_list = {
        "fr": ("fr/hors-ligne/organisme/", "fr/ma-liste/"),
        "en": ("en/offline/organization/", "en/my-list/"),
    }[lang]
    with serve(site) as base:
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(base + "404.html")
        drawn, headers, row, entry = page.evaluate(OFFLINE_AND_LIST, [lang, RECORD, "/" + shell, "/" + my_list])
        context.close()
    line, terms = facts_on(parse(drawn))
    assert line == f"Wheelchair accessible: {YES[lang]}", "offline page: the location's fact"
    assert terms.get("Interpretation") == INTERPRETERS[lang], "offline page: the service's fact"
    folder = {"fr": "fr/telechargements", "en": "en/downloads"}[lang]
    built = list(csv.reader(io.StringIO((site / folder / "all.csv").read_text(encoding="utf-8-sig"))))
    assert headers == built[0], "my list: headers"
    assert row[:-1] == next(r for r in built if r[0] == RECORD)[:-1], "my list: the same row as the build's list"
    fact = f"Wheelchair accessible: {YES[lang]}"
    assert f" · {fact}" in entry, "my list: the short entry"
    pdf = " ".join(pdf_text(site / folder / "region-montreal.pdf").split())
    assert f" · {fact}" in pdf, "printed directory: the short entry"
