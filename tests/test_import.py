"""scripts/import_hsds on the packages other publishers ship (tests/fixtures/import/): HSDS 1.x
CSV, JSON lines, Ohana's nested JSON, a package of repairable and unrepairable problems, and
another territory's 3.0 package; the report, the written records and a site built from them."""

from __future__ import annotations

import codecs
import csv
import io
import json
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pages import read

from conftest import FIXTURES, ROOT, build_site, make_content

PACKAGES = FIXTURES / "import"
IMPORT = [sys.executable, str(ROOT / "scripts" / "import_hsds.py")]
DEFAULTS = ["--category", "alimentation", "--area", "montreal", "--verified", "2026-01-01"]


def import_hsds(*args, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*IMPORT, *map(str, args)], capture_output=True, text=True, timeout=300, cwd=cwd)


def refused(package: Path, into: Path) -> str:
    """What the import said of a package it refused, as it should: no traceback, exit status 1."""
    result = import_hsds(package, "--into", into, *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said, said
    return said


def report_rows(path: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def validate(folder: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), *sorted(folder.glob("*.yaml"))],
        capture_output=True,
        text=True,
        timeout=300,
    )


def imported_one(package: Path, into: Path) -> tuple[dict, str]:
    """The one record a French package imports into `into` (with DEFAULTS), and what was said."""
    from repertoire.yamlfile import load

    result = import_hsds(package, "--language", "fr", "--into", into, *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    (written,) = into.iterdir()
    return load(written)[0], said


def test_many_organizations_of_one_name_get_numbered_ids_in_linear_time():
    from repertoire.ids import UniqueIds

    ids = UniqueIds()
    assert [ids.make(base) for base in ("banque-2", "banque", "banque", "banque")] == [
        "banque-2",
        "banque",
        "banque-3",
        "banque-4",
    ]

    class Counted(set):  # how many ids are tried: the work, whatever the machine's speed
        tried = 0

        def __contains__(self, item):
            Counted.tried += 1
            return super().__contains__(item)

    ids.taken = Counted(ids.taken)
    made = [ids.make("cuisine") for _ in range(20_000)]
    # Counting up from -2 for each would try 200 million ids: most of a minute.
    assert Counted.tried <= 2 * 20_000
    assert made[-1] == "cuisine-20000" and len(set(made)) == 20_000


def test_numbers_out_of_range_in_a_csv_package_are_named(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text("id,name,description\no1,Banque alimentaire,Un organisme.\n")
    (package / "services.csv").write_text(
        "id,organization_id,name,minimum_age,maximum_age\ns1,o1,Repas,inf,0x" + "f" * 4000 + "\n"
    )
    # "4_5.5": Python's float read 45.5, a latitude no one wrote (stop 77's probe).
    (package / "locations.csv").write_text(
        "id,organization_id,name,latitude,longitude\nl1,o1,Site,nan,-73.5\nl2,o1,Autre,4_5.5,-73.5\n"
    )
    into = tmp_path / "into"
    result = import_hsds(package, "--language", "fr", *DEFAULTS, "--into", into)
    assert result.returncode == 1, result.stderr
    assert "locations.csv row 3 field latitude: '4_5.5' is not a number" in result.stderr
    assert "services.csv row 2 field minimum_age: 'inf' is not a whole number" in result.stderr
    # A long cell is quoted by its start and its length: it was quoted whole, a line of 4,000 characters.
    assert f"field maximum_age: '0x{'f' * 58}…' (4,002 characters) is not a whole number" in result.stderr
    assert "locations.csv row 2 field latitude: 'nan' is not a number" in result.stderr
    assert "Traceback" not in result.stderr and not into.exists()


# --- repairs: (source value, what the record gets) ------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        ("9:00am", "09:00"),
        ("830am", "08:30"),
        ("5 PM", "17:00"),
        ("12:30 p.m.", "12:30"),
        ("12am", "00:00"),
        ("9:00", "09:00"),
        ("17h30", "17:30"),
        ("16 h", "16:00"),
        ("2000-01-01T09:00:00.000Z", "09:00"),
        ("noon", "12:00"),
        ("sometime", None),
        ("13pm", None),
        ("25:00", None),
    ],
)
def test_times_people_write_become_24_hour_times(given, expected):
    from repertoire.repairs import time_24h

    assert time_24h(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("www.x.org", "https://www.x.org"),
        ("x.org/page?a=1", "https://x.org/page?a=1"),
        ("HTTP://x.org", "http://x.org"),
        ("not a website", None),
        ("info@x.org", None),
    ],
)
def test_websites_without_a_scheme_get_https(given, expected):
    from repertoire.repairs import website

    assert website(given) == expected


@pytest.mark.parametrize(
    "given, expected",
    [
        ("English", "en"),
        ("Français", "fr"),
        ("French", "fr"),
        ("Spanish", "es"),
        ("español", "es"),
        ("espagnol", "es"),
        ("eng", "en"),
        ("Haitian Creole", "ht"),
        ("Klingon", None),
        ("ASL", None),
        # A tag with its region or script: the language (the service lost French for "fr-CA").
        ("fr-CA", "fr"),
        ("en_US", "en"),
        ("zh-Hant-TW", "zh"),
        ("es-419", "es"),
        ("cmn", "zh"),  # Mandarin's own code
        ("xx-YY", None),
        ("de la", None),  # words, not a tag
    ],
)
def test_language_names_become_codes(given, expected):
    from repertoire.repairs import language_code

    assert language_code(given) == expected


@pytest.mark.parametrize(
    "given, present, absent",
    [
        ("Intro\\n\\n###MON###\\n9-5", ["Intro\n\nMON:\n9-5"], ["\\n", "###"]),
        ("<p>A &amp; B</p><p>C</p><script>x()</script>", ["A & B\n\nC"], ["<", "x()"]),
        ("**Bold** and [site](https://x.org)", ["Bold and site (https://x.org)"], ["**", "]("]),
        ("Plain, 5 < 6.", ["Plain, 5 < 6."], []),
        # A "<" that starts no tag is the text's: nh3 took all up to the next ">" for one, and
        # two sentences and an address were gone (a helper's probe).
        (
            "Revenu familial<seuil de faible revenu. Paniers chaque mois. Écrivez à <inscription@example.org> pour vous inscrire.",
            ["familial< seuil de faible revenu. Paniers chaque mois. Écrivez à <inscription@example.org> pour"],
            [],
        ),
        ("<b>Gras</b> et <info@example.org>", ["Gras et <info@example.org>"], ["<b"]),
        ("Heures <10h> <P>Fin</P>", ["Heures <10h>", "Fin"], ["<P", "</"]),
        # A reviewer's: Word's tags, a tag cut short, a "<" inside a tag's attribute.
        ("Ouvert<o:p></o:p>", ["Ouvert"], ["<"]),
        ('Inscription au comptoir. <a href="https://exa', ["Inscription au comptoir."], ["<a", "href"]),
        ('<img src="<" onerror=alert(1)>Texte', ["Texte"], ["<", "onerror"]),
    ],
)
def test_markup_becomes_plain_text(given, present, absent):
    from repertoire.repairs import plain_text

    text = plain_text(given)
    assert all(p in text for p in present), text
    assert not any(a in text for a in absent), text


PLAIN_TEXTS = [
    "",
    "Plain",
    "  spaced   out  ",
    "two\nlines",
    "para\n\n\n\nbreaks",
    "tab\there",
    "nbsp\xa0here",
    "line\u2028sep",
    "vt\x0bff\x0c",
    "C# and 5 * 3",
    "a_b",
    "[x](y)",
    "x + y",
    "A & B",
    "r\rn",
    "back\\n",
    "Accueil chaleureux, confidentiel et sans jugement. « Ici » — 5 $ par visite.",
]


@pytest.mark.parametrize("given", PLAIN_TEXTS)
def test_text_without_markup_takes_the_shortcut_to_the_same_result(given, monkeypatch):
    """plain_text() skips its markup rules for a text without any sign of markup: same result."""
    import re

    from repertoire import repairs

    quick = repairs.plain_text(given)
    monkeypatch.setattr(repairs, "_MARKUP_SIGN", re.compile(""))  # every text through every rule
    assert quick == repairs.plain_text(given)


def test_records_are_written_in_the_canonical_layout_in_one_pass():
    sys.path.insert(0, str(ROOT / "scripts"))
    from format_records import format_text

    from repertoire.recordtext import record_text
    from repertoire.yamlfile import loads

    tricky = [
        "a: b",
        "# not a comment",
        "- dash",
        "yes",
        "012",
        "it's",
        'say "hi"',
        "Montréal",
        "2026-01-01",
        "line one\n\nline two",
        " leading",
        "trailing ",
        "tab\there",
        "[x]",
        "{y}",
        "50 %",
        "@home",
    ]
    records = [
        loads(path.read_text(encoding="utf-8"))[0] for path in sorted((FIXTURES / "organizations").glob("*.y*ml"))
    ]
    records += [
        {
            "id": "x",
            "name": {"fr": text},
            "keywords": {"fr": [text, "b"]},
            "locations": [{"id": "p", "name": text, "hours": [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]}],
        }
        for text in tricky
    ]
    for record in records:
        text = record_text(record, "# header")
        assert loads(text)[0] == record, text
        assert format_text(text) == text, text


# --- real packages ------------------------------------------------------------------------


def test_a_1x_package_is_mapped_with_phones_on_their_location_and_service(tmp_path):
    into, report = tmp_path / "organizations", tmp_path / "report.csv"
    result = import_hsds(PACKAGES / "hsds1", "--into", into, "--report", report, *DEFAULTS)
    assert result.returncode == 0, result.stderr
    assert "an HSDS 1.x package (physical_addresses.csv" in result.stdout
    assert "read as English (en)" in result.stdout
    record = (into / "eastside-food-bank.yaml").read_text(encoding="utf-8")
    # 22 phones in all, none pooled: 1 on the organization, 8 on its location, 6 on each service.
    assert record.count("number:") == 21 and "514 555-0110 poste 12" in record
    assert "514 555-0111 poste 7" in record  # its extension field said "ext. 7"
    assert "  - number: 514 555-0100\n" in record.split("locations:")[0]
    assert "name: {en: Eastside Food Bank}" in record and "fr:" not in record  # French is missing, not faked
    assert 'opens: "08:30"' in record and 'closes: "12:00"' in record  # 830am, 12 PM
    assert "{date: 2026-12-25, closed: true}" in record  # a 1.x holiday over three days
    assert "languages: [en, es]" in record and "eligibility: {en: Low-income residents}" in record
    assert 'website: "https://www.example.org/food"' in record
    assert "Emergency groceries for families.\n\n    Come with proof of address." in record  # literal \n\n
    assert 'accessibility: {en: "Ramp; At the side door"}' in record
    assert validate(into).returncode == 0
    rows = report_rows(report)
    not_imported = {row["message"]: row["count"] for row in rows if row["status"] == "not imported"}
    assert not_imported["organizations.csv: field tax_id not imported (1 row(s))"] == "1"
    assert not_imported["contacts.csv: 1 row(s) not imported (no such field in our records)"] == "1"
    assert "languages.csv: language 'Klingon' not imported: no ISO 639-1 code (1 row(s))" in not_imported
    assert any("regular_schedules.csv: 1 schedule(s) not imported: not linked to a location" in m for m in not_imported)
    repaired = [row["message"] for row in rows if row["status"] == "repaired"]
    assert "regular_schedules.csv row 2 field opens_at: '9:00am' read as '09:00'" in repaired
    assert "languages.csv row 2 field name: 'English' read as 'en'" in repaired


def test_json_lines_import_one_organization_a_line(tmp_path):
    into = tmp_path / "organizations"
    result = import_hsds(PACKAGES / "lines.jsonl", "--into", into, *DEFAULTS)
    assert result.returncode == 0, result.stderr
    assert "read as French (fr)" in result.stdout
    assert "lines.jsonl: organization field social_media not imported (1 object(s))" in result.stdout
    assert sorted(p.stem for p in into.glob("*.yaml")) == [
        "banque-alimentaire-du-plateau",
        "centre-d-ecoute-du-quartier",
        "maison-des-jeunes-de-verdun",
    ]
    plateau = (into / "banque-alimentaire-du-plateau.yaml").read_text(encoding="utf-8")
    assert "{number: 514 555-0141, type: text}" in plateau.split("services:")[0].split("locations:")[1]
    assert 'opens: "09:30"' in plateau and 'closes: "16:00"' in plateau
    # An object without id keeps what is nested in it.
    assert 'street: "100, rue Wellington"' in (into / "maison-des-jeunes-de-verdun.yaml").read_text(encoding="utf-8")
    assert validate(into).returncode == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"name": "A"}\n[1, 2]\n{"name": \n', encoding="utf-8")
    refused = import_hsds(broken, "--into", into, *DEFAULTS)
    assert refused.returncode == 1
    assert "broken.jsonl line 2: expected an organization object" in refused.stderr
    assert "broken.jsonl line 3: not JSON" in refused.stderr


@pytest.mark.parametrize(
    "given, expected",
    [
        ("Sans frais : 1 800 555-0142", ("1 800 555-0142", "Sans frais")),
        ("514 555-0123 (ligne d'écoute)", ("514 555-0123", "ligne d'écoute")),
        ("514 555-0123, poste 22 - accueil", ("514 555-0123, poste 22", "accueil")),
        ("Tél. : 514 555-0123", ("514 555-0123", "")),
        ("514 555-0123", None),  # a number already
        ("514 555-0123 / 514 555-0124", None),  # two numbers: not split
        ("514 555-0123 (277-3553)", None),  # no note: digits
        ("514 555-0123 ATS", None),  # words without a separator: not a note for sure
        ("Accueil : " + "1" * 300, None),
    ],
)
def test_a_note_written_with_a_phone_number_is_told_apart(given, expected):
    from repertoire.repairs import phone_with_note
    from repertoire.taxonomy import load_taxonomy

    numbering = load_taxonomy(ROOT / "content").conventions.phones
    assert phone_with_note(given, lambda text: numbering.parse(text) is not None) == expected


def test_a_phone_s_note_becomes_its_description_not_a_refused_record(tmp_path):
    """Another 211 writes "Sans frais : 1 800 555-0142": the record is imported, the number
    called, the note shown beside it, and the report says so."""
    package = tmp_path / "noted.jsonl"
    phones = [
        {"number": "Sans frais : 1 800 555-0142"},
        {"number": "514 555-0123 (ligne d'écoute)", "description": "Soir et fin de semaine"},
        {"number": "514 555-0124 - administration", "extension": "12"},
    ]
    organization = {"id": "n-1", "name": "Centre d'écoute Le Phare", "description": "Écoute.", "phones": phones}
    package.write_text(json.dumps(organization, ensure_ascii=False) + "\n", encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into, *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'Sans frais : 1 800 555-0142' read as '1 800 555-0142 + description: Sans frais'" in result.stdout
    from repertoire.yamlfile import load

    record = load(into / "centre-d-ecoute-le-phare.yaml")[0]
    assert [(p["number"], p.get("description")) for p in record["phones"]] == [
        ("1 800 555-0142", {"fr": "Sans frais"}),
        ("514 555-0123", {"fr": "Soir et fin de semaine (ligne d'écoute)"}),
        ("514 555-0124 poste 12", {"fr": "administration"}),
    ]
    assert validate(into).returncode == 0


def phones_imported(tmp_path: Path, phones: list[dict]) -> tuple[list[tuple], str]:
    """(number, type, description) of each phone an organization of these phone rows gets, and
    what the import said."""
    package = tmp_path / "phones.jsonl"
    organization = {"id": "t-1", "name": "Centre Le Phare", "description": "Écoute.", "phones": phones}
    package.write_text(json.dumps(organization, ensure_ascii=False) + "\n", encoding="utf-8")
    record, said = imported_one(package, tmp_path / "organizations")
    return [(p["number"], p["type"], p.get("description")) for p in record["phones"]], said


def test_a_cell_of_two_numbers_is_two_phones_each_with_its_note(tmp_path):
    """Exports write "514 555-0123 / 1 800 555-0142" in one cell: the record was refused ("not
    a phone number of Quebec"). Each number is now a phone, called as written, its note beside
    it, said in the report; "poste 22" after a comma stays with its number."""
    phones = [
        {"id": "p1", "number": "514 555-0123 / 1 800 555-0142", "type": "Fax"},
        {
            "id": "p2",
            "number": "514 555-0130 (jour) ou 514 555-0199 (soir)",
            "description": "Accueil",
            "type": "Bureau",
        },
        {"id": "p3", "number": "514 555-0140, poste 22; 514 555-0141"},
        {"id": "p4", "number": "514 555-0150, poste 3"},
    ]
    found, said = phones_imported(tmp_path, phones)
    assert found == [
        ("514 555-0123", "fax", None),
        ("1 800 555-0142", "fax", None),
        ("514 555-0130", "voice", {"fr": "Accueil (jour)"}),
        ("514 555-0199", "voice", {"fr": "Accueil (soir)"}),
        ("514 555-0140, poste 22", "voice", None),
        ("514 555-0141", "voice", None),
        ("514 555-0150, poste 3", "voice", None),
    ]
    assert "'514 555-0123 / 1 800 555-0142' read as '514 555-0123 + 1 800 555-0142'" in said
    assert said.count("'Bureau' read as 'voice'") == 1, said  # said of the row, once
    # Whose is an extension given beside two numbers? Not guessed: the row is a problem.
    phones = [{"id": "p5", "number": "514 555-0123 / 514 555-0124", "extension": "12"}]
    package = tmp_path / "extension.jsonl"
    organization = {"id": "t-1", "name": "Centre Le Phare", "description": "Écoute.", "phones": phones}
    package.write_text(json.dumps(organization, ensure_ascii=False) + "\n", encoding="utf-8")
    result = import_hsds(package, "--into", tmp_path / "other", *DEFAULTS)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "extension '12' given with 2 numbers: give each number a row of its own" in result.stdout + result.stderr


def test_a_language_code_of_no_language_is_said_at_its_row_not_refused_at_the_organization(tmp_path):
    # languages.csv's "xx" refused the whole record, named at its organization's row.
    languages = [{"id": "g1", "code": "xx"}, {"id": "g2", "code": "fr-CA"}]
    service = {"id": "s1", "name": "Repas", "description": "Le midi.", "languages": languages}
    organization = {"id": "o1", "name": "Centre Le Phare", "description": "Repas.", "services": [service]}
    package = tmp_path / "languages.json"
    package.write_text(json.dumps([organization], ensure_ascii=False), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "organizations")
    assert record["services"][0]["languages"] == ["fr"]
    assert "language 'xx' not imported: no ISO 639-1 code" in said, said


def test_a_note_that_says_fax_makes_the_phone_a_fax_not_a_number_to_call(tmp_path):
    """ "514 555-0124 (fax)" was imported as a voice phone described "fax": pages offered it as a
    number to call, under a call button. A note that only says the kind of line is its type."""
    phones = [
        {"id": "p1", "number": "514 555-0124 (fax)"},
        {"id": "p2", "number": "Téléc. : 514 555-0125", "type": "voice"},
        {"id": "p3", "number": "514 555-0126 (ATS)"},
        {"id": "p4", "number": "514 555-0123 / 514 555-0127 (télécopieur)", "description": "Accueil"},
        {"id": "p5", "number": "514 555-0128 (fax du bureau)"},  # more than a kind: a description
        {"id": "p6", "number": "514 555-0129 (fax)", "type": "text"},  # the row's own type stands
    ]
    found, said = phones_imported(tmp_path, phones)
    assert found == [
        ("514 555-0124", "fax", None),
        ("514 555-0125", "fax", None),
        ("514 555-0126", "tty", None),
        ("514 555-0123", "voice", {"fr": "Accueil"}),
        ("514 555-0127", "fax", {"fr": "Accueil"}),
        ("514 555-0128", "voice", {"fr": "fax du bureau"}),
        ("514 555-0129", "text", {"fr": "fax"}),
    ]
    assert "'514 555-0124 (fax)' read as '514 555-0124 + type: fax'" in said, said


def test_an_extension_is_its_digits_or_a_problem_never_other_digits(tmp_path):
    # "22-23" was called as extension 2223, "2 ou 3" as 23, and "réception" was dropped.
    def imported(extension: str):
        package = tmp_path / "ext.jsonl"
        phones = [{"number": "514 555-0124", "extension": extension}]
        organization = {"id": "e-1", "name": "Centre Le Phare", "description": "Écoute.", "phones": phones}
        package.write_text(json.dumps(organization, ensure_ascii=False) + "\n", encoding="utf-8")
        into = tmp_path / f"into-{len(list(tmp_path.iterdir()))}"
        result = import_hsds(package, "--into", into, *DEFAULTS)
        said = result.stdout + result.stderr
        assert "Traceback" not in said
        if result.returncode:
            assert not into.exists()
            return None, said
        from repertoire.yamlfile import load

        return load(into / "centre-le-phare.yaml")[0]["phones"][0]["number"], said

    for extension in ("12", "ext. 12", "poste 12", "x12", "#12", " 12 "):
        assert imported(extension)[0] == "514 555-0124 poste 12", extension
    number, said = imported("12.0")  # as a spreadsheet writes a whole number
    assert number == "514 555-0124 poste 12" and "'12.0' read as '12'" in said
    for extension in ("22-23", "2 ou 3", "réception"):
        number, said = imported(extension)
        assert number is None and f"extension {extension!r}: expected its digits" in said, said


def test_an_ohana_organization_imports_with_its_nested_data(tmp_path):
    into = tmp_path / "organizations"
    result = import_hsds(PACKAGES / "ohana.json", "--into", into, "--category", "aines", "--verified", "2026-01-01")
    assert result.returncode == 0, result.stderr
    record = (into / "westmount-seniors-network.yaml").read_text(encoding="utf-8")
    for fragment in (
        'street: "4626, rue Sherbrooke Ouest"',
        "coordinates: [45.4857, -73.5995]",
        'accessibility: {en: "ramp; elevator"}',
        "description: {en: Front desk}",
        'closes: "16:30"',
        "days: [we]",
        "{date: 2026-07-01, closed: true}",
        "name: {en: Friendly visits}",
        "application_process: {en: Call the front desk.}",
        "{number: 514 555-0161, type: voice}",
        "languages: [en, fr, it]",
        "locations: [community-hall]",
        "service_area: [montreal]",
    ):
        assert fragment in record, fragment
    for left_out in (
        "service field audience not imported (1 row(s))",
        "1 contact object(s) not imported",
        "address field postal address not imported (1 row(s))",
    ):
        assert left_out in result.stdout, left_out
    assert validate(into).returncode == 0


def test_every_problem_is_found_in_one_pass_and_skip_invalid_imports_the_rest(tmp_path):
    into = tmp_path / "organizations"
    refused = import_hsds(PACKAGES / "problems", "--into", into, *DEFAULTS)
    assert refused.returncode == 1 and not into.exists()
    lines = refused.stderr.strip().split("\n")
    expected = [
        "addresses.csv row 3 field postal_code: refuge-du-nord:",
        "locations.csv row 4 field latitude: "
        "centre-de-londres: locations[0].coordinates: [51.5072, -0.1276] is outside Quebec",
        "organizations.csv row 3 field website: refuge-du-nord",
        "organizations.csv row 5 field name: an organization needs a name",
        "phones.csv row 3 field number: refuge-du-nord: "
        "locations[0].phones[0].number: '12345' is not a phone number of Quebec",
        "schedules.csv row 3 field opens_at: expected a time such as 09:00 or 9:00am, found 'sometime'",
        "services.csv row 3: more cells than the header has columns",
    ]
    for fragment in expected:
        assert sum(fragment in line for line in lines) == 1, fragment
    assert len(lines) == len(expected) + 1 and "Traceback" not in refused.stderr
    assert "run again with --skip-invalid" in lines[-1] and "nothing was written" in lines[-1]

    report = tmp_path / "report.csv"
    done = import_hsds(PACKAGES / "problems", "--into", into, "--skip-invalid", "--report", report, *DEFAULTS)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in into.iterdir()) == ["cuisine-collective-hochelaga.yaml"]
    assert "1 new, 0 replaced, 0 unchanged, 3 skipped" in done.stdout
    record = (into / "cuisine-collective-hochelaga.yaml").read_text(encoding="utf-8")
    for fragment in (
        "Cuisines collectives & ateliers.\n\n    Inscription au téléphone.",
        "https://www.example.org/cuisine",
        "languages: [fr]",
        "{number: 514 555-0170, type: voice}",
        'opens: "09:00"',
        'closes: "17:00"',
        'description: {fr: "Cuisiner ensemble, une fois par semaine."}',
    ):
        assert fragment in record, fragment
    assert validate(into).returncode == 0
    rows = report_rows(report)
    skipped = {(row["record"], row["file"], row["row"], row["field"]) for row in rows if row["status"] == "skipped"}
    assert ("refuge-du-nord", "schedules.csv", "3", "opens_at") in skipped
    assert ("centre-de-londres", "locations.csv", "4", "latitude") in skipped
    assert ("o-noname", "organizations.csv", "5", "name") in skipped
    assert ("", "services.csv", "3", "") in skipped
    # The skipped refuge's only repair: its area, its town's (it gives none, and its town wins
    # over --area).
    repaired = {(row["record"], "service_area" in row["message"]) for row in rows if row["status"] == "repaired"}
    assert repaired == {
        ("cuisine-collective-hochelaga", False),
        ("cuisine-collective-hochelaga", True),
        ("refuge-du-nord", True),
    }
    assert "service_area: [ville-de-montreal]" in record
    # Without --report, the skipped ones are said on screen and nothing is written but the
    # records: a report written where the command ran landed in a checkout, ready to commit.
    work = tmp_path / "work"
    work.mkdir()
    again = import_hsds(PACKAGES / "problems", "--into", tmp_path / "second", "--skip-invalid", *DEFAULTS, cwd=work)
    assert again.returncode == 0 and "skipped: " in again.stderr and "refuge-du-nord" in again.stderr, again.stderr
    assert list(work.iterdir()) == [] and all(p.suffix == ".yaml" for p in (tmp_path / "second").iterdir())


def test_another_territorys_package_is_refused_one_line_per_problem(tmp_path):
    into = tmp_path / "organizations"
    result = import_hsds(PACKAGES / "uk", "--language", "en", "--into", into, *DEFAULTS)
    assert result.returncode == 1 and not into.exists()
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 7, result.stderr  # 2 organizations x (postcode, position, phone), then what to do
    assert sum("'NW1 9LR' is not a postal code of Quebec" in line for line in lines) == 1
    assert sum("'+44 113 496 0000' is not a phone number of Quebec" in line for line in lines) == 1
    assert "2 of 2 record(s) have problems" in lines[-1]


def test_two_languages_of_a_package_are_one_organization_by_the_package_s_id(tmp_path):
    # Another 211's packages in French and English give one organization one id and two names:
    # matched by the record id made from each name, it was refused as missing from the English
    # package, and one only in the English package was dropped without a word.
    def package(lang: str, organizations: list[dict]) -> Path:
        path = tmp_path / f"{lang}.json"
        document = {"hsds_version": "3.0", "language": lang, "organizations": organizations}
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    french = package(
        "fr", [{"id": "org-1", "name": "Centre d'entraide Rivière-Nord", "description": "Aide alimentaire."}]
    )
    english = [{"id": "org-1", "name": "Riviere-Nord Mutual Aid Centre", "description": "Food aid."}]
    into = tmp_path / "organizations"
    result = import_hsds(french, package("en", english), "--into", into, *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    from repertoire.yamlfile import load

    (written,) = into.iterdir()
    record = load(written)[0]
    assert record["name"] == {"fr": "Centre d'entraide Rivière-Nord", "en": "Riviere-Nord Mutual Aid Centre"}
    assert record["description"] == {"fr": "Aide alimentaire.", "en": "Food aid."}
    only_english = english + [{"id": "org-2", "name": "Youth Centre", "description": "Outings."}]
    refused = import_hsds(french, package("en", only_english), "--into", tmp_path / "again", *DEFAULTS)
    said = refused.stdout + refused.stderr
    assert refused.returncode == 1 and "'youth-centre' of the en package is missing from the fr package" in said, said
    # One the English package lacks (a translation under way) is imported in French: it was
    # refused, though a record's English may be missing.
    also_french = [
        {"id": "org-1", "name": "Centre d'entraide Rivière-Nord", "description": "Aide alimentaire."},
        {"id": "org-3", "name": "Maison Oxygène", "description": "Hébergement pour pères."},
    ]
    partial = tmp_path / "partial"
    result = import_hsds(package("fr", also_french), package("en", english), "--into", partial, *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    assert load(partial / "maison-oxygene.yaml")[0]["name"] == {"fr": "Maison Oxygène"}
    assert "'maison-oxygene' is not in the en package: imported without its en texts" in said, said


def test_a_text_the_same_in_both_packages_keeps_its_language_when_its_words_say_it(tmp_path):
    # Our own export writes the French text where a record has no English: imported back, every
    # French-only description was "the same in both languages", and the English pages called it
    # English; a service of the French package only, too (a probe's round trip).
    from repertoire.hsds_import import text_language
    from repertoire.yamlfile import load

    said_fr = "Depuis 1990, l'association offre de l'aide aux personnes et aux familles de la région."
    said_en = "Since 1990, the association has offered help to people and families of the region."

    def package(lang: str, description: str, services: list) -> Path:
        organization = {"id": "org-1", "name": "Moisson Rivière-Nord", "description": description}
        organization["services"] = services
        path = tmp_path / f"{lang}.json"
        document = {"hsds_version": "3.0", "language": lang, "organizations": [organization]}
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    listening = {"id": "s1", "name": "Ligne d'écoute", "description": "Écoute téléphonique pour les aînés."}
    for description, kept in ((said_fr, {"fr": said_fr}), (said_en, {"en": said_en})):
        into = tmp_path / f"out-{len(kept)}-{next(iter(kept))}"
        french, english = package("fr", description, [listening]), package("en", description, [])
        result = import_hsds(french, english, "--into", into, *DEFAULTS)
        assert result.returncode == 0, result.stdout + result.stderr
        (written,) = into.iterdir()
        record = load(written)[0]
        assert record["name"] == "Moisson Rivière-Nord"  # a name: the same in both languages
        assert record["description"] == kept
        assert record["services"][0]["name"] == {"fr": "Ligne d'écoute"}
    assert text_language("Centre communautaire") is None and text_language("Community Centre") is None


def test_what_another_language_s_package_says_otherwise_is_said_not_dropped(tmp_path):
    # The English package's phone, website, hours and an extra day were dropped without a
    # word: only the French package's were kept (another 211's packages, found by a helper).
    def package(lang: str, website: str, number: str, hours: list[dict]) -> Path:
        location = {"id": "l1", "name": "Local", "schedules": hours}
        organization = {"id": "org-1", "name": f"Centre {lang}", "description": f"Aide {lang}."}
        organization |= {"website": website, "phones": [{"id": "p1", "number": number}], "locations": [location]}
        path = tmp_path / f"{lang}.json"
        document = {"hsds_version": "3.0", "language": lang, "organizations": [organization]}
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path

    weekdays = {"id": "h1", "freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"}
    sunday = {"id": "h2", "freq": "WEEKLY", "byday": "SU", "opens_at": "12:00", "closes_at": "16:00"}
    french = package("fr", "https://centre.example", "514 555-0123", [weekdays])
    english = package("en", "https://centre.example/en", "514-555-0199", [weekdays, sunday])

    def imported(*packages: Path) -> tuple[dict, str]:
        from repertoire.yamlfile import load

        into = tmp_path / f"into-{len(list(tmp_path.iterdir()))}"
        result = import_hsds(*packages, "--into", into, *DEFAULTS)
        said = result.stdout + result.stderr
        assert result.returncode == 0, said
        (written,) = into.iterdir()
        return load(written)[0], said

    record, said = imported(french, english)
    assert record["website"] == "https://centre.example" and record["phones"][0]["number"] == "514 555-0123"
    assert "website: the en package's 'https://centre.example/en' differs from the fr package's" in said, said
    assert "phones[0].number: the en package's '514-555-0199' differs" in said
    assert "locations[0].hours: the en package's '2 items' differs from the fr package's '1 items'" in said
    # The same number written in each language's way is one.
    same = package("en", "https://centre.example", "514-555-0123", [weekdays])
    _, said = imported(french, same)
    assert "differs" not in said, said


def test_each_language_s_services_and_phones_are_paired_by_their_ids_not_their_order(tmp_path):
    # The English package listed the services in another order: "Recherche d'emploi" got
    # the English name "Back to school", a phone "Accueil" became "Fax", and an English service
    # that the French package lacks was dropped without a word.
    def organization(services: list[tuple[str, str]], phones: list[tuple[str, str, str]]) -> dict:
        return {
            "id": "org-1",
            "name": "Carrefour jeunesse-emploi",
            "description": "Emploi.",
            "phones": [{"id": pid, "number": number, "description": said} for pid, number, said in phones],
            "services": [{"id": sid, "name": name, "description": name + "."} for sid, name in services],
        }

    french = organization(
        [("s1", "Recherche d'emploi"), ("s2", "Retour aux études")],
        [("p1", "514 555-0100", "Accueil"), ("p2", "514 555-0101", "Télécopieur")],
    )
    english = organization(
        [("s2", "Back to school"), ("s1", "Job search")],
        [("p2", "514 555-0101", "Fax"), ("p1", "514 555-0100", "Reception")],
    )
    packages = []
    for lang, content in (("fr", french), ("en", english)):
        packages.append(tmp_path / f"{lang}.json")
        packages[-1].write_text(json.dumps({"language": lang, "organizations": [content]}), encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(*packages, "--into", into, *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    from repertoire.yamlfile import load

    (written,) = into.iterdir()
    record = load(written)[0]
    assert [s["name"] for s in record["services"]] == [
        {"fr": "Recherche d'emploi", "en": "Job search"},
        {"fr": "Retour aux études", "en": "Back to school"},
    ]
    assert [(p["number"], p["description"]) for p in record["phones"]] == [
        ("514 555-0100", {"fr": "Accueil", "en": "Reception"}),
        ("514 555-0101", {"fr": "Télécopieur", "en": "Fax"}),
    ]
    assert "_source" not in written.read_text(encoding="utf-8")
    english["services"].append({"id": "s3", "name": "Entrepreneurship", "description": "Start a business."})
    packages[1].write_text(json.dumps({"language": "en", "organizations": [english]}), encoding="utf-8")
    result = import_hsds(*packages, "--into", tmp_path / "again", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "the en package's item 's3'" in said and "Traceback" not in said, said
    # Said where the item is in the English package (an import probe, stop 79: it named the
    # item only, under "organizations field id").
    assert (
        "en.json at organizations[0].services[2] field id: 'carrefour-jeunesse-emploi': the en package's item 's3'"
        in said
    ), said


def test_a_1x_holiday_open_with_no_hours_is_said_not_made_a_closed_day(tmp_path):
    # closed=false with no times was published as a day the location is closed, unsaid.
    package = tmp_path / "hsds1"
    shutil.copytree(PACKAGES / "hsds1", package)
    (package / "holiday_schedules.csv").write_text(
        "id,service_id,location_id,service_at_location_id,closed,opens_at,closes_at,start_date,end_date\n"
        "h-1,,loc-1,,true,,,2026-12-24,2026-12-26\n"
        "h-2,,loc-1,,false,,,2026-12-31,2026-12-31\n"
        "h-3,,loc-1,,false,10:00,14:00,2027-01-02,2027-01-02\n"
        # Closed from one date to another but open one day of them: that day's own hours win
        # (the record was refused: a day both closed and open).
        "h-4,,loc-1,,true,,,2027-01-10,2027-01-12\n"
        "h-5,,loc-1,,false,10:00,14:00,2027-01-11,2027-01-11\n"
        # "oui" is closed; a word neither true nor false, with no hours, is said (a reviewer's).
        "h-6,,loc-1,,oui,,,2027-02-01,2027-02-01\n"
        "h-7,,loc-1,,peut-être,,,2027-02-02,2027-02-02\n",
        encoding="utf-8",
    )
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into, "--report", tmp_path / "r.csv", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in said, said
    record = (into / "eastside-food-bank.yaml").read_text(encoding="utf-8")
    assert "{date: 2026-12-25, closed: true}" in record
    assert "2026-12-31" not in record, record
    assert '{date: 2027-01-02, opens: "10:00", closes: "14:00"}' in record, record
    assert "{date: 2027-01-10, closed: true}" in record and "{date: 2027-01-12, closed: true}" in record
    assert '{date: 2027-01-11, opens: "10:00", closes: "14:00"}' in record, record
    assert "{date: 2027-01-11, closed: true}" not in record
    assert (
        "holiday_schedules.csv row 5: 2027-01-11 of 2027-01-10 to 2027-01-12: that day's own schedule is kept" in said
    )
    assert "{date: 2027-02-01, closed: true}" in record and "2027-02-02" not in record
    assert "holiday_schedules.csv row 8: closed: 'peut-être' is neither true nor false, and no hours are given" in said
    assert (
        "holiday_schedules.csv row 3: a holiday not closed (closed: false) with no hours: not imported; "
        "give its opens_at and closes_at" in said
    ), said


def test_schedules_with_dates_are_imported_for_what_they_say_or_said_not_imported(tmp_path):
    # Summer hours, winter hours and hours of 2020 became permanent and overlapping; "first
    # Monday, last Friday" became every Monday and Friday; a closure from one date to another
    # was refused as days that are not days.
    import datetime as dt

    package = tmp_path / "package"
    shutil.copytree(PACKAGES / "problems", package)
    today = dt.date.today()
    ended, later = (today - dt.timedelta(days=40)).isoformat(), (today + dt.timedelta(days=40)).isoformat()
    holidays = [(today + dt.timedelta(days=n)).isoformat() for n in (10, 13, 12)]
    winter, summer, evening = f"{today.year + 1}-01-15", f"{today.year + 1}-07-15", f"{today.year + 1}-07-16"
    header = "id,location_id,freq,byday,opens_at,closes_at,valid_from,valid_to,description\n"
    rows = [
        f's-now,l-ok,WEEKLY,"MO,TU",09:00,17:00,{ended},{later},',  # in force until `later`: imported, said
        f"s-old,l-ok,WEEKLY,FR,09:00,12:00,2020-01-01,{ended},",  # ended
        f"s-next,l-ok,WEEKLY,SA,10:00,14:00,{later},,",  # to come
        's-nth,l-bad,,"1MO,-1FR",10:00,12:00,,,',  # days of a month (a record refused anyway)
        f"s-off,l-ok,,,,,{holidays[0]},{holidays[1]},Congé",  # three days closed
        f"s-one,l-ok,,,11:00,13:00,{holidays[2]},{holidays[2]},",  # but one of them: its own hours win
        # Weekly hours in UTC are no one local time (9:00 or 10:00 in Montréal by the season):
        # taken as local, they were published five hours late; an offset of the site's zone is
        # its local time; a day's own hours in UTC are converted.
        "s-zone,l-ok,WEEKLY,WE,10:00Z,14:00-05:00,,,",
        "s-ours,l-ok,WEEKLY,TH,10:00-05:00,14:00-04:00,,,",
        f"s-day,l-ok,,,15:00Z,20:30+00:00,{winter},{winter},",
        f"s-summer,l-ok,,,13:00Z,04:00Z,{summer},{summer},",
        # An evening's closing in UTC is the next UTC day's: "01:00Z" is 21:00 here (a reviewer).
        f"s-evening,l-ok,,,22:00Z,01:00Z,{evening},{evening},",
        # Dates that are none: hours that ended were imported as today's (a hostile-input probe's).
        "s-month13,l-ok,WEEKLY,SU,09:00,12:00,2020-01-01,2020-13-01,",
        "s-feb30,l-ok,WEEKLY,SU,09:00,12:00,2020-01-01,2020-02-30,",
        # A time that is none after the day: it was dropped, and the day read (stop 82's probe).
        "s-hour25,l-ok,WEEKLY,SU,09:00,12:00,2020-01-01,2020-01-05T25:00,",
    ]
    (package / "schedules.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into, "--skip-invalid", "--report", tmp_path / "r.csv", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in said, said
    from repertoire.yamlfile import load

    location = load(into / "cuisine-collective-hochelaga.yaml")[0]["locations"][0]
    assert location["hours"] == [
        {"days": ["mo", "tu"], "opens": "09:00", "closes": "17:00"},
        {"days": ["th"], "opens": "10:00", "closes": "14:00"},
    ]
    closed = [(today + dt.timedelta(days=n)).isoformat() for n in (10, 11, 13)]
    assert [(e["date"], e.get("closed"), e.get("opens"), e.get("closes")) for e in location["exceptions"]] == [
        *[(day, True, None, None) for day in closed],
        (holidays[2], None, "11:00", "13:00"),
        (winter, None, "10:00", "15:30"),
        (summer, None, "09:00", "00:00"),  # to 04:00 UTC: midnight, Montréal's
        (evening, None, "18:00", "21:00"),
    ]
    assert f"row 2: weekly hours until {later} imported as the hours" in said
    assert "row 13: weekly hours whose valid_to '2020-13-01' is not a date" in said, said
    assert "row 14: weekly hours whose valid_to '2020-02-30' is not a date" in said
    assert "row 15: weekly hours whose valid_to '2020-01-05T25:00' is not a date" in said
    assert f"row 3: weekly hours that ended {ended}" in said and f"row 4: weekly hours that starts {later}" in said
    assert "row 5 field byday: '1MO,-1FR': a day of the month (1MO, -1FR) is not a weekly day" in said
    assert f"row 6: {holidays[2]} of {holidays[0]} to {holidays[1]}: that day's own schedule is kept" in said
    assert (
        "row 8 field opens_at: '10:00Z': a time in UTC or another zone: the hours are local times (America/Toronto)"
        in said
    )
    assert "'10:00-05:00' read as '10:00 (local time)'" in said
    assert f"'15:00Z' read as '10:00 (local time on {winter})'" in (tmp_path / "r.csv").read_text(encoding="utf-8")


def test_weekly_hours_of_one_day_or_of_a_few_weeks_that_passed_are_no_weekly_hours(tmp_path):
    # A helper's probe: weekly on Thursdays valid one day only (2026-12-10), and three Thursdays
    # from 2020, each became every Thursday's hours, permanently.
    import datetime as dt

    package = tmp_path / "package"
    shutil.copytree(PACKAGES / "problems", package)
    today = dt.date.today()
    soon, passed = (today + dt.timedelta(days=5)).isoformat(), (today - dt.timedelta(days=5)).isoformat()
    header = "id,location_id,freq,byday,opens_at,closes_at,valid_from,valid_to,dtstart,count\n"
    rows = [
        "s-now,l-ok,WEEKLY,MO,09:00,17:00,,,,",  # every Monday
        f"s-soon,l-ok,WEEKLY,TH,10:00,18:00,{soon},{soon},,",  # that day's hours
        f"s-passed,l-ok,WEEKLY,FR,10:00,18:00,{passed},{passed},,",  # passed
        "s-three,l-ok,WEEKLY,TH,09:00,17:00,,,2020-01-06,3",  # three Thursdays of 2020
    ]
    (package / "schedules.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into, "--skip-invalid", *DEFAULTS)
    said = result.stdout + result.stderr
    assert "Traceback" not in said, said
    from repertoire.yamlfile import load

    location = load(into / "cuisine-collective-hochelaga.yaml")[0]["locations"][0]
    assert location["hours"] == [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]
    assert location["exceptions"] == [{"date": soon, "opens": "10:00", "closes": "18:00"}]
    assert f"row 4: hours of one day that passed, {passed}" in said
    ended = (dt.date(2020, 1, 6) + dt.timedelta(weeks=3)).isoformat()
    assert f"row 5: weekly hours that ended {ended}" in said, said


def test_a_recurrence_s_dates_and_rules_are_read_or_said(tmp_path):
    # HSDS 3.0's recurrence columns were dropped as columns not read, and their hours imported
    # as every week's: a schedule starting next year, one ended in 2020 (dtstart, until); and
    # three times only, weeks 1 and 2, the 15th, said as any column not read (another 211's
    # package, found by a helper).
    import datetime as dt

    package = tmp_path / "package"
    shutil.copytree(PACKAGES / "problems", package)
    later = (dt.date.today() + dt.timedelta(days=400)).isoformat()
    header = "id,location_id,freq,byday,opens_at,closes_at,dtstart,until,count,byweekno,bymonthday\n"
    rows = [
        "s-now,l-ok,WEEKLY,MO,09:00,17:00,2020-01-06,,,,",  # began in 2020: every week
        f"s-next,l-ok,WEEKLY,TU,09:00,17:00,{later},,,,",  # to come
        "s-old,l-ok,WEEKLY,WE,09:00,17:00,2019-01-02,2020-01-01,,,",  # ended
        "s-count,l-ok,WEEKLY,TH,09:00,17:00,,,3,,",
        's-weeks,l-ok,WEEKLY,FR,09:00,17:00,,,,"1,2",',
        "s-day,l-ok,WEEKLY,SA,09:00,17:00,,,,,15",
    ]
    (package / "schedules.csv").write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into, "--skip-invalid", *DEFAULTS)
    said = result.stdout + result.stderr
    assert "Traceback" not in said, said
    assert f"row 3: weekly hours that starts {later}" in said and "row 4: weekly hours that ended 2020-01-01" in said
    # Imported as every week's hours (the specification's own example fills every column), and said.
    assert "row 5 field count: '3': a rule of some weeks or days only: its hours are imported as every week's" in said
    assert "row 6 field byweekno: '1,2': a rule" in said and "row 7 field bymonthday: '15': a rule" in said, said
    from repertoire.yamlfile import load

    hours = load(into / "cuisine-collective-hochelaga.yaml")[0]["locations"][0]["hours"]
    assert [interval["days"] for interval in hours] == [["mo"], ["th"], ["fr"], ["sa"]]


def test_dates_written_day_first_are_read_as_the_package_writes_them(tmp_path):
    """A French spreadsheet writes 25/11/2025: the record was refused ("not a date"). The
    package's dates tell whether the day comes first; a date whose order none of them tells
    (05/11/2025 alone) is a problem that says so, never a guess."""
    import datetime as dt

    # Closed January 4th and 5th next year: 04/01 or 01/04, which these dates alone do not tell.
    closed = [dt.date(dt.date.today().year + 1, 1, day) for day in (4, 5)]

    def package(verified: str, name: str, written: str = "%d/%m/%Y") -> Path:
        schedule = {
            "id": "h-1",
            "valid_from": closed[0].strftime(written),
            "valid_to": closed[1].strftime(written),
            "description": "Congé",
        }
        location = {
            "id": "l-1",
            "name": "Local",
            "addresses": [{"address_1": "4500, avenue du Parc", "city": "Montréal", "postal_code": "H2V 4E4"}],
            "schedules": [schedule],
        }
        service = {"id": "s-1", "name": "Paniers", "description": "Un panier par mois.", "assured_date": verified}
        organization = {
            "id": "o-1",
            "name": "Banque alimentaire du Parc",
            "description": "Paniers.",
            "locations": [location],
            "services": [service],
        }
        path = tmp_path / name
        path.write_text(json.dumps(organization, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    record, said = imported_one(package("25/11/2025", "day-first.jsonl"), tmp_path / "organizations")
    assert record["last_verified"] == "2025-11-25"
    assert [e["date"] for e in record["locations"][0]["exceptions"]] == [day.isoformat() for day in closed]
    assert "'25/11/2025' read as '2025-11-25'" in said
    # The American order, told by its own dates.
    record, said = imported_one(package("11/25/2025", "month-first.jsonl", "%m/%d/%Y"), tmp_path / "american")
    assert record["last_verified"] == "2025-11-25"
    assert [e["date"] for e in record["locations"][0]["exceptions"]] == [day.isoformat() for day in closed]
    # 05/11/2025 beside 04/01 and 05/01: May 11th or November 5th?
    result = import_hsds(package("05/11/2025", "unknown.jsonl"), "--into", tmp_path / "unknown", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said
    assert "'05/11/2025': day and month cannot be told apart" in said and "write it YYYY-MM-DD" in said


def test_imported_records_build_and_show_the_missing_language_as_missing(tmp_path):
    into = tmp_path / "organizations"
    for package in ("hsds1", "lines.jsonl", "ohana.json"):
        result = import_hsds(PACKAGES / package, "--into", into, *DEFAULTS)
        assert result.returncode == 0, result.stderr
    site = build_site(make_content(tmp_path / "site", organizations=into), tmp_path / "site" / "output")
    page = read(site / "fr/organismes/eastside-food-bank/index.html")
    title = page.find("h1")
    # English text on the French page, said to be English (never published as French).
    assert title.text == "Eastside Food Bank" and title.find("span", lang="en") is not None
    location = page.find("section", id="location-main-pantry")
    assert [a.text for a in location.find_all("a", class_="phone")][:2] == ["514 555-0101", "514 555-0103"]
    service = page.find_all("section", class_="service")[0]
    assert "514 555-0110, poste 12" in [a.text for a in service.find_all("a", class_="phone")]
    french = read(site / "fr/organismes/banque-alimentaire-du-plateau/index.html").find("h1")
    assert french.find("span") is None and french.lang() == "fr"
    english = read(site / "en/organizations/banque-alimentaire-du-plateau/index.html").find("h1")
    assert english.text == "Banque alimentaire du Plateau" and english.find("span", lang="fr") is not None


def _import_in_process(monkeypatch, capsys, parallel: bool, *args) -> tuple[int, str, str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    import import_hsds

    monkeypatch.setattr(import_hsds, "PARALLEL_FROM_BYTES", 0 if parallel else 2**40)
    monkeypatch.setattr(import_hsds, "PARALLEL_FROM_RECORDS", 0 if parallel else 2**40)
    code = import_hsds.main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "packages, options",
    [
        ("generated", []),
        ("problems", ["--skip-invalid", *DEFAULTS]),
    ],
)
def test_an_import_spread_over_processes_gives_what_one_process_gives(tmp_path, monkeypatch, capsys, packages, options):
    """Packages read one per core and records checked in parts: the same files, messages and report."""
    if packages == "generated":
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_exports import import_packages

        sources = import_packages(tmp_path / "made", 60)  # French and English HSDS JSON
    else:
        sources = [PACKAGES / packages]
    results = {}
    for parallel in (False, True):
        into, report = tmp_path / f"into-{parallel}", tmp_path / f"report-{parallel}.csv"
        code, out, err = _import_in_process(
            monkeypatch, capsys, parallel, *sources, "--into", into, "--report", report, *options
        )
        files = {p.name: p.read_text(encoding="utf-8") for p in into.iterdir()}
        results[parallel] = (
            code,
            out.replace(str(into), "INTO").replace(str(report), "REPORT"),
            err,
            files,
            report.read_text(encoding="utf-8-sig"),
        )
    assert results[True] == results[False]
    assert results[True][0] == 0 and results[True][3]


@pytest.mark.parametrize("zip64", [False, True])
def test_a_zip_listing_more_entries_than_a_package_has_is_refused_before_it_is_read(tmp_path, zip64):
    # Its list is read whole by zipfile: 3,000,000 empty entries took 1.5 GB before any check.
    import zipfile

    from repertoire.hsds_read import MAX_ZIP_ENTRIES, zip_entries

    package = tmp_path / "many.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("organizations.csv", "id,name\no1,Banque\n")
        for number in range(MAX_ZIP_ENTRIES + 1):
            archive.writestr(zipfile.ZipInfo(f"e/{number}"), b"")
    if zip64:  # the form a writer uses past 65,535 entries, whatever their number
        data = bytearray(package.read_bytes())
        end = data.rfind(b"PK\x05\x06")
        entries, size, offset = struct.unpack_from("<HLL", data, end + 10)
        locator_at = end
        zip64_end = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset)
        locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, locator_at, 1)
        short_end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, size, offset, 0)
        package.write_bytes(bytes(data[:end]) + zip64_end + locator + short_end)
    assert zip_entries(package)[0] == MAX_ZIP_ENTRIES + 2
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    assert f"many.zip: a zip of {MAX_ZIP_ENTRIES + 2:,} entries: a package has at most" in result.stdout + result.stderr
    assert not (tmp_path / "into").exists() or not list((tmp_path / "into").iterdir())


def test_a_zip_whose_end_record_understates_its_list_is_refused_by_the_lists_size(tmp_path):
    # zipfile reads the whole list by its size, whatever count the end record gives.
    import zipfile

    from repertoire.hsds_read import MAX_ZIP_LIST_BYTES

    package = tmp_path / "lying.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("organizations.csv", "id,name\no1,Banque\n")
        for number in range(MAX_ZIP_LIST_BYTES // 40):
            archive.writestr(zipfile.ZipInfo(f"{number}"), b"")
    data = bytearray(package.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", data, end + 8, 1, 1)  # "one entry"
    package.write_bytes(bytes(data))
    said = refused(package, tmp_path / "into")
    assert "lying.zip: a zip whose list of files is" in said, said


@pytest.mark.parametrize("method", ["ZIP_BZIP2", "ZIP_LZMA"])
def test_a_zip_member_python_would_decompress_whole_is_refused_unread(tmp_path, method):
    # Python decompresses a bzip2 block whole: a 5 KB package grew to 6 GB in memory, past any
    # count of the bytes read. 64 MB of one letter make a package of a few kilobytes.
    import zipfile

    package = tmp_path / "packed.zip"
    with zipfile.ZipFile(package, "w", compression=getattr(zipfile, method)) as archive:
        with archive.open("organizations.csv", "w") as member:
            member.write(b"id,name,description\n")
            for _ in range(64):
                member.write(b"a" * 2**20)
    assert package.stat().st_size < 200_000
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert "organizations.csv: compressed with bzip2 or LZMA; zip the package again" in said, said
    assert not (tmp_path / "into").exists()


def test_a_link_inside_a_zip_is_refused_not_read_as_its_target(tmp_path):
    # A zip made on Linux keeps a symbolic link as a member whose text is where it points:
    # "organizations.csv" linking to "../orgs.csv" was read as that path ("no id column").
    import zipfile

    package = tmp_path / "linked.zip"
    with zipfile.ZipFile(package, "w") as archive:
        link = zipfile.ZipInfo("organizations.csv")
        link.external_attr = (0o120777 << 16) | 0x20
        archive.writestr(link, "../../export/organizations.csv")
        archive.writestr("services.csv", "id,organization_id,name\n")
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in said
    assert "organizations.csv: a link to another file, not a table: zip the file itself" in said, said
    assert "no id column" not in said
    assert not (tmp_path / "into").exists()


def test_the_report_replaces_only_an_earlier_report(tmp_path):
    # "--report" named by mistake replaced a record, or the package's own table, with the report.
    into = tmp_path / "organizations"
    into.mkdir()
    record = into / "kept.yaml"
    record.write_text("id: kept\n", encoding="utf-8")
    other = tmp_path / "notes.csv"
    other.write_text("a colleague's notes\n", encoding="utf-8")
    package = tmp_path / "package"
    shutil.copytree(PACKAGES / "problems", package)
    table = package / "organizations.csv"
    before = table.read_bytes()
    for report, said in [
        (record, "the records' folder holds records only"),
        (into / "report.csv", "the records' folder holds records only"),
        (table, "that is a package being imported"),
        (other, "the file exists and is not an import report"),
    ]:
        result = import_hsds(package, "--into", into, "--skip-invalid", "--report", report, *DEFAULTS)
        assert result.returncode == 2 and f"error: --report: {report}: {said}" in result.stderr, result.stderr
    assert record.read_text() == "id: kept\n" and table.read_bytes() == before
    assert other.read_text() == "a colleague's notes\n" and sorted(p.name for p in into.iterdir()) == ["kept.yaml"]
    # An earlier report is replaced: an import is run again after its records are corrected.
    report = tmp_path / "report.csv"
    for _ in range(2):
        done = import_hsds(package, "--into", into, "--skip-invalid", "--overwrite", "--report", report, *DEFAULTS)
        assert done.returncode == 0 and report.read_text(encoding="utf-8-sig").startswith("status,record,"), done.stderr


def test_records_are_written_where_they_are_kept_and_never_into_what_is_no_file(tmp_path):
    into = tmp_path / "organizations"
    first = import_hsds(
        PACKAGES / "problems", "--into", into, "--skip-invalid", "--report", tmp_path / "r.csv", *DEFAULTS
    )
    assert first.returncode == 0, first.stderr
    (written,) = into.iterdir()
    # A record kept as .yml is replaced there, not doubled by a .yaml of the same id.
    kept = written.with_suffix(".yml")
    written.rename(kept)
    imported = kept.read_text(encoding="utf-8")
    kept.write_text(imported + "# edited here\n", encoding="utf-8")
    again = import_hsds(
        PACKAGES / "problems",
        "--into",
        into,
        "--skip-invalid",
        "--overwrite",
        "--report",
        tmp_path / "r.csv",
        *DEFAULTS,
    )
    assert again.returncode == 0 and "1 replaced" in again.stdout, again.stderr
    assert f"(their edits here, if any, are gone: see git diff): {kept}" in again.stdout
    assert sorted(p.name for p in into.iterdir()) == [kept.name] and kept.read_text(encoding="utf-8") == imported
    # Its name in capitals, which the build reads as a record too: found, not doubled (stop 82's
    # probe: a new .yaml beside it, the same id twice; on a disk that ignores case, replaced).
    capitals = kept.with_name(written.stem + ".YAML")
    kept.rename(capitals)
    refused = import_hsds(PACKAGES / "problems", "--into", into, "--skip-invalid", *DEFAULTS)
    assert f"the record {capitals} already exists" in refused.stderr, refused.stderr
    assert sorted(p.name for p in into.iterdir()) == [capitals.name]
    capitals.write_text(imported + "# edited here\n", encoding="utf-8")
    replaced = import_hsds(PACKAGES / "problems", "--into", into, "--skip-invalid", "--overwrite", *DEFAULTS)
    assert replaced.returncode == 0 and "1 replaced" in replaced.stdout, replaced.stderr
    assert sorted(p.name for p in into.iterdir()) == [capitals.name]
    capitals.rename(kept)
    # A folder where a record would go: said, and nothing written (it stopped halfway, with a traceback).
    kept.unlink()
    kept.with_suffix(".yaml").mkdir()
    blocked = import_hsds(PACKAGES / "problems", "--into", into, "--overwrite", *DEFAULTS)
    said = blocked.stdout + blocked.stderr
    assert blocked.returncode == 1 and "Traceback" not in said and "is not a file" in said, said
    # --into a link to nothing: said before anything is read.
    dangling = tmp_path / "gone"
    dangling.symlink_to(tmp_path / "missing")
    result = import_hsds(PACKAGES / "problems", "--into", dangling, *DEFAULTS)
    assert result.returncode == 2 and "is a link to nothing" in result.stderr and "Traceback" not in result.stderr


def test_a_key_holding_a_line_break_cannot_forge_a_line_of_the_report(tmp_path):
    package = tmp_path / "forged.json"
    forged = "evil\nerror: content/organizations/x.yaml:1: name: forged"
    package.write_text(
        json.dumps([{"id": "o1", "name": "Banque", "description": "Repas.", forged: "x"}]), encoding="utf-8"
    )
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    lines = (result.stdout + result.stderr).splitlines()
    assert not [line for line in lines if line.startswith("error: content/")], lines
    assert any("evil\\nerror: content/organizations/x.yaml:1" in line for line in lines), lines


def test_a_pipe_in_a_package_is_named_not_read_nor_said_missing(tmp_path):
    import os

    folder = tmp_path / "package"
    folder.mkdir()
    os.mkfifo(folder / "organizations.csv")
    said = refused(folder, tmp_path / "into")
    assert "organizations.csv: not a regular file (a folder, a pipe, a device...): not read" in said, said


def test_a_folder_named_like_a_table_is_named_not_left_out(tmp_path):
    # "services.csv/" beside the organizations: imported without their services, without a word
    # (stop 77's probe).
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,description\no1,Banque,Dépannage.\n", encoding="utf-8")
    (folder / "services.csv").mkdir()
    said = refused(folder, tmp_path / "into")
    assert "services.csv: not a regular file (a folder, a pipe, a device...): not read" in said, said
    assert not (tmp_path / "into").exists() or not list((tmp_path / "into").iterdir())


def test_blank_columns_of_a_spreadsheet_are_not_a_column_given_twice(tmp_path):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,description,,\no1,Banque,Dépannage.,,\n", encoding="utf-8")
    result = import_hsds(folder, "--into", tmp_path / "into", *DEFAULTS)
    assert "given twice" not in result.stdout + result.stderr
    assert list((tmp_path / "into").glob("*.yaml")), result.stdout + result.stderr


def test_a_key_or_a_column_given_twice_is_said_not_chosen(tmp_path):
    # json and csv keep one of the two without a word: which name is the organization's?
    doubled = tmp_path / "doubled.json"
    doubled.write_text('[{"id": "o1", "name": "Banque A", "name": "Banque B"}]', encoding="utf-8")
    said = refused(doubled, tmp_path / "a")
    assert "the key 'name' is given twice in one object" in said, said
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,name\no1,Banque A,Banque B\n", encoding="utf-8")
    said = refused(folder, tmp_path / "b")
    assert "organizations.csv row 1 field name: this column is given twice" in said, said


@pytest.mark.parametrize(
    "table, said",
    [
        # Never closed: the csv module read every line after it into the cell, without a word.
        (
            'o1,Banque A,"Dépannage\nalimentaire.",a@example.org,\n'
            "o2,Maison B,\"Hébergement d'urgence,b@example.org,\n"
            "o3,Centre C,Emploi,c@example.org,\no4,Centre D,Emploi,d@example.org,\n",
            "organizations.csv row 3 field description: the quote that opens this cell (line 4) is never closed",
        ),
        # In a cell past the header's: the same.
        (
            'o1,Banque A,Dépannage.,a@example.org,,"extra\no2,Maison B,Hébergement,b@example.org,\n',
            "organizations.csv row 2: the quote that opens this cell (line 2) is never closed",
        ),
        # Closed by the next quote, two rows later: o3 and o4 were lost.
        (
            'o1,Banque A,Dépannage.,a@example.org,\no2,"Maison B,Hébergement,b@example.org,\n'
            "o3,Centre C,Emploi,c@example.org,\no4,Centre D,Emploi,d@example.org,\n"
            'o5,Centre E,"Dit ""bonjour""",e@example.org,\n',
            "organizations.csv row 3 field name: the quote that opens this cell (line 3) runs on over a line "
            "that reads as a row of its own (o3,Centre C,Emploi,c@example.org,)",
        ),
    ],
)
def test_a_quote_left_open_is_said_not_read_over_the_rows_after_it(tmp_path, table, said):
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text("id,name,description,email,website\n" + table, encoding="utf-8")
    told = refused(folder, tmp_path / "into")
    assert said in told and 'close it, or double it ("")' in told, told
    assert not (tmp_path / "into").exists() or not list((tmp_path / "into").iterdir())


def test_a_cell_over_several_lines_is_one_cell(tmp_path):
    # A description of a few lines, one of them a list with commas, in a narrow table.
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        'id,name,description\no1,Banque A,"Nous offrons :\nrepas, vêtements, meubles"\no2,Comptoir,Repas.\n',
        encoding="utf-8",
    )
    result = import_hsds(folder, "--into", tmp_path / "into", *DEFAULTS)
    made = {path.stem: path.read_text(encoding="utf-8") for path in (tmp_path / "into").glob("*.yaml")}
    assert len(made) == 2, result.stdout + result.stderr
    assert "repas, vêtements, meubles" in "".join(made.values())


def test_two_rows_of_one_id_are_said_and_the_second_left_out(tmp_path):
    # Two organizations given one id became two records, the links of both going to the first.
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "organizations.csv").write_text(
        "id,name,description\no1,Banque A,Dépannage.\no1,Banque B,Repas.\no2,Comptoir,Repas.\n", encoding="utf-8"
    )
    said = refused(folder, tmp_path / "refused")
    assert "organizations.csv row 3 field id: row 2 has this id already ('o1'): an id names one thing" in said, said
    assert not (tmp_path / "refused").exists() or not list((tmp_path / "refused").iterdir())
    result = import_hsds(folder, "--into", tmp_path / "into", "--skip-invalid", *DEFAULTS, cwd=tmp_path)
    made = sorted(path.read_text(encoding="utf-8") for path in (tmp_path / "into").glob("*.yaml"))
    assert len(made) == 2, result.stdout + result.stderr
    assert not any("Banque B" in text for text in made) and any("Banque A" in text for text in made)
    # The same row pasted twice is one organization, without a word.
    (folder / "organizations.csv").write_text(
        "id,name,description\no1,Banque A,Dépannage.\no1,Banque A,Dépannage.\n", encoding="utf-8"
    )
    result = import_hsds(folder, "--into", tmp_path / "again", *DEFAULTS)
    assert result.returncode == 0 and "this id already" not in result.stdout + result.stderr
    assert len(list((tmp_path / "again").glob("*.yaml"))) == 1


def test_an_older_package_numbering_each_file_s_ids_on_its_own_is_read(tmp_path):
    # 1.x's postal and physical addresses become one table, each file numbering its ids: a-1
    # in both is two addresses, not one id given twice.
    package = tmp_path / "hsds1"
    shutil.copytree(PACKAGES / "hsds1", package)
    (package / "postal_addresses.csv").write_text(
        "id,location_id,address_1,city,state_province,postal_code,country\na-1,loc-1,CP 55,Montréal,QC,H2L 1R4,CA\n",
        encoding="utf-8",
    )
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    assert result.returncode == 0 and "this id already" not in result.stdout + result.stderr, result.stderr


def test_two_organizations_of_one_id_in_json_are_said(tmp_path):
    # flatten() kept the first and dropped the other and all it held, without a word.
    package = tmp_path / "two.json"
    package.write_text(
        json.dumps([{"id": "o1", "name": "Banque A", "description": "Repas."}, {"id": "o1", "name": "Banque B"}]),
        encoding="utf-8",
    )
    said = refused(package, tmp_path / "into")
    assert "two.json at [1] field id: at [0] has this id already ('o1')" in said, said


def _place(number: int, city: str) -> dict:
    return {"address_1": f"{number} rue X", "city": city, "postal_code": "H2V 4E4", "state_province": "QC"}


@pytest.mark.parametrize("shape", ["older", "3.0"])
def test_two_places_of_one_id_under_two_organizations_are_said(tmp_path, shape):
    # Older nested JSON pooled the addresses and hours of two locations of one id (one record
    # got the other's address); 3.0's dropped the second location, and all it held, unsaid.
    organizations = []
    for number, city in ((1, "Montréal"), (2, "Laval")):
        location = {"id": "1", "name": f"Salle {number}"}
        if shape == "older":
            location["address"] = _place(number, city)
        else:
            location["addresses"] = [{"id": f"a{number}", "address_type": "physical", **_place(number, city)}]
        organizations.append({"id": f"o{number}", "name": f"Org {number}", "description": "d", "locations": [location]})
    package = tmp_path / "places.json"
    package.write_text(json.dumps(organizations), encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert "at [0].locations[0] has this id already ('1')" in said, said


@pytest.mark.parametrize("example", ["organization_full.json", "service_full.json", "service_at_location_full.json"])
def test_an_object_nested_in_several_places_is_not_an_id_given_twice(tmp_path, example):
    # HSDS 3.0's own examples nest one phone (one id) under its organization, a contact, a
    # location and a service: the same phone, linked from each place, not phones of one id.
    # (Read as an older shape, the example lost a link; read as an organization, the service
    # example was an organization of the service's name.)
    from repertoire.hsds_read import read_package

    package, problems = read_package(FIXTURES / "hsds-3.0" / "json" / example)
    assert package is not None and not problems
    assert package.version == "3.x"
    assert not [p for p in package.row_problems if p.field == "id"], package.row_problems
    phones = package.tables["phone"]
    assert len({row["id"] for row in phones}) == 1
    links = ("organization_id", "service_id", "location_id", "contact_id", "service_at_location_id")
    assert sorted(next(link for link in links if row[link]) for row in phones) == sorted(links)
    assert [row["name"] for row in package.tables["organization"]] == ["Example Organization Inc."]


def test_services_of_one_organization_without_ids_import_as_the_organization_does(tmp_path):
    # The API's services each nest their organization: without ids, one organization still
    # (it was one record per service, named alike, holding no service).
    organization = {"name": "Banque du quartier", "description": "Dépannage.", "phones": [{"number": "514 555-0123"}]}
    services = [{"name": "Repas", "description": "Le midi."}, {"name": "Épicerie", "description": "Le jeudi."}]
    given = {
        "centred": [{**organization, "services": services}],
        "api": {"contents": [{**service, "organization": organization} for service in services]},
    }
    written = {}
    for name, content in given.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(content), encoding="utf-8")
        result = import_hsds(tmp_path / f"{name}.json", "--into", tmp_path / name, *DEFAULTS)
        assert result.returncode == 0, result.stdout + result.stderr
        written[name] = {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / name).glob("*.yaml")}
    assert written["api"] == written["centred"] and len(written["api"]) == 1


def test_a_service_listed_in_short_by_its_own_organization_is_the_same_service(tmp_path):
    # The organization a service nests may list its services in short: the same service told
    # in less detail, not another of its id (refused as such).
    short = {"id": "s1", "name": "Repas", "description": ""}
    organization = {"id": "o1", "name": "Banque", "description": "Dépannage.", "services": [short]}
    service = {"id": "s1", "name": "Repas", "description": "Le midi.", "phones": [{"number": "514 555-0123"}]}
    package = tmp_path / "api.json"
    package.write_text(json.dumps({"contents": [{**service, "organization": organization}]}), encoding="utf-8")
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    record = (tmp_path / "into" / "banque.yaml").read_text(encoding="utf-8")
    assert record.count("name: {fr: Repas}") == 1 and "Le midi." in record and "514 555-0123" in record, record
    # Told differently, two things of one id are still said.
    organization["services"] = [{**short, "name": "Épicerie"}]
    package.write_text(json.dumps({"contents": [{**service, "organization": organization}]}), encoding="utf-8")
    assert "has this id already ('s1')" in refused(package, tmp_path / "again")


def test_a_place_named_before_its_organization_gives_it_is_linked_to_it(tmp_path):
    # A service at a location may give its location before its service (and the organization
    # that has the location): the location was left out as linked to nothing.
    place = {
        "id": "l1",
        "name": "Comptoir",
        "addresses": [{"id": "a1", "address_1": "1 rue A", **_place(1, "Montréal")}],
    }
    organization = {"id": "o1", "name": "Banque", "description": "Dépannage.", "locations": [place]}
    service = {"id": "s1", "name": "Repas", "description": "Le midi.", "organization": organization}
    package = tmp_path / "sal.json"
    package.write_text(json.dumps([{"id": "sl1", "location": place, "service": service}]), encoding="utf-8")
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "not linked" not in said, said
    record = (tmp_path / "into" / "banque.yaml").read_text(encoding="utf-8")
    assert "Comptoir" in record and "locations: [comptoir]" in record.split("services:")[1], record


def test_a_wrong_value_of_an_object_nested_in_several_places_is_said_once(tmp_path):
    phone = {"id": "p1", "number": 5145550123}
    organization = {"id": "o1", "name": "Banque", "description": "d", "phones": [phone]}
    organization["services"] = [{"id": "s1", "name": "Repas", "description": "d", "phones": [phone]}]
    package = tmp_path / "twice.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert said.count("expected text, found the number 5145550123") == 1, said


def test_a_term_nested_again_under_another_service_is_one_term(tmp_path):
    # Nested JSON repeats a taxonomy term wherever it is used: the same row again, not a second one.
    term = {"id": "t1", "code": "food", "name": "Food", "taxonomy_id": "x"}
    services = [
        {"id": f"s{n}", "name": f"Repas {n}", "attributes": [{"id": f"a{n}", "taxonomy_term": term}]} for n in (1, 2)
    ]
    package = tmp_path / "nested.json"
    package.write_text(
        json.dumps([{"id": "o1", "name": "Banque", "description": "Dépannage.", "services": services}]),
        encoding="utf-8",
    )
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    said = result.stdout + result.stderr
    assert "already the" not in said, said
    assert list((tmp_path / "into").glob("*.yaml")), said


def files_named_from(tmp_path: Path, names: list[str]) -> list[str]:
    """The record files an import of organizations of these names writes into tmp_path/into."""
    package = tmp_path / "names.json"
    package.write_text(json.dumps([{"name": name, "description": "Entraide."} for name in names]), encoding="utf-8")
    result = import_hsds(package, "--into", tmp_path / "into", *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    return sorted(path.name for path in (tmp_path / "into").glob("*.yaml"))


def test_organizations_of_one_name_keep_their_ids_whatever_the_package_s_order(tmp_path):
    """Another 211 lists a "Banque alimentaire" per town: numbered -2, -3 in the package's
    order, the next export in another order gave each the other's page with --overwrite. Each
    is now told by its town (a borough tells two of Montréal apart), else by its package id."""

    def organization(oid: str, city: str | None) -> dict:
        location = {"id": f"{oid}-l", "addresses": [{"address_1": "1, rue Principale", "city": city}]}
        return {
            "id": oid,
            "name": "Banque alimentaire",
            "description": f"Dépannage {oid}.",
            "locations": [location] if city else [],
        }

    given = [
        organization("o1", "Laval, QC"),
        organization("o2", "Lévis"),
        organization("o3", "Verdun"),
        organization("o4", "Montréal"),
        organization("o5", None),
        organization("o6", None),
        {"id": "o7", "name": "Cuisine collective", "description": "Repas."},
    ]
    made = {}
    for order, rows in enumerate((given, given[::-1])):
        package = tmp_path / f"order-{order}.json"
        package.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        into = tmp_path / f"into-{order}"
        result = import_hsds(package, "--into", into, *DEFAULTS)
        assert result.returncode == 0, result.stdout + result.stderr
        from repertoire.yamlfile import load

        made[order] = {load(path)[0]["description"]["fr"]: path.stem for path in into.glob("*.yaml")}
    assert made[0] == made[1]
    assert made[0] == {
        "Dépannage o1.": "banque-alimentaire-laval",
        "Dépannage o2.": "banque-alimentaire-levis",
        "Dépannage o3.": "banque-alimentaire-verdun",
        "Dépannage o4.": "banque-alimentaire-montreal",
        "Dépannage o5.": "banque-alimentaire-o5",
        "Dépannage o6.": "banque-alimentaire-o6",
        "Repas.": "cuisine-collective",
    }


def test_a_record_s_id_is_made_from_its_name_as_people_read_it(tmp_path):
    # A name's markup and entities are not part of the name: they made permanent addresses
    # of words nobody reads ("script-alert-1-script-banque", "centre-amp-cie").
    names = ["<script>alert(1)</script>Banque du quartier", "Centre &amp; Cie", "L&#39;<b>Escale</b>"]
    assert files_named_from(tmp_path, names) == ["banque-du-quartier.yaml", "centre-cie.yaml", "l-escale.yaml"]
    assert "name: {fr: Centre & Cie}" in (tmp_path / "into" / "centre-cie.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("form", ["csv", "json"])
def test_a_package_without_any_organization_is_refused(tmp_path, form):
    # A header alone (an export that went wrong) "imported 0 record(s)" and exited 0.
    if form == "csv":
        package = tmp_path / "export"
        package.mkdir()
        (package / "organizations.csv").write_text("id,name,description\n", encoding="utf-8")
    else:
        package = tmp_path / "export.json"
        package.write_text("[]", encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert f"{package.name}: no organization in this package: nothing to import" in said, said
    assert not (tmp_path / "into").exists()


def test_a_name_windows_keeps_for_a_device_is_not_an_id(tmp_path):
    # "Con" or "Aux" would be con.yaml, aux.yaml: no checkout on Windows can hold them.
    assert files_named_from(tmp_path, ["CON", "Aux", "Com 1"]) == ["aux-2.yaml", "com-1.yaml", "con-2.yaml"]


def test_a_record_that_exists_already_is_said_at_the_row_that_would_replace_it(tmp_path):
    # Its id is made from the name: another organization of the same name would replace it
    # with --overwrite. The refusal names the package's row, and the way to keep both.
    package = tmp_path / "names.json"
    package.write_text(json.dumps([{"name": "Aide aux devoirs de Lévis", "description": "Devoirs."}]), encoding="utf-8")
    assert import_hsds(package, "--into", tmp_path / "into", *DEFAULTS).returncode == 0
    said = refused(package, tmp_path / "into")
    assert "names.json at [0] field name: aide-aux-devoirs-de-levis: the record" in said, said
    assert "already exists; if it is this organization, --overwrite replaces it, else give this one an id" in said


def test_a_huge_value_is_said_in_a_line_an_editor_can_read(tmp_path):
    # Problems quoted a 5,000-character cell whole; a number of 10,000 digits was Python's own
    # words ("use sys.set_int_max_str_digits()"), which a contributor cannot act on.
    organization = {"name": "Banque", "description": "Dépannage.", "locations": [{"latitude": "9" * 5000}]}
    package = tmp_path / "huge.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert "latitude" in said and "(5" in said and max(map(len, said.splitlines())) <= 500, said[:600]
    package.write_text('[{"name": "Banque", "description": "D.", "x": ' + "9" * 10000 + "}]", encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert "huge.json: a number of more than 4,300 digits: no value of a record is one" in said, said


def test_what_an_import_cannot_keep_as_given_is_said(tmp_path):
    # Each was dropped or changed without a word: a phone given as a bare text, a service's
    # place that is no location of the organization, ages in fractions of a year.
    service = {"id": "s1", "name": "Repas", "description": "Repas.", "minimum_age": 17.9, "maximum_age": 64.99}
    service["service_at_locations"] = [{"id": "sal1", "location_id": "ailleurs"}]
    organization = {
        "id": "o1",
        "name": "Cuisine collective du quartier",
        "description": "Repas communautaires.",
        "phones": ["514 555-0100", {"id": "p1", "number": "514 555-0101"}],
        "services": [service],
    }
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps({"organizations": [organization]}), encoding="utf-8")
    result = import_hsds(package, "--language", "fr", "--into", tmp_path / "out", *DEFAULTS)
    assert result.returncode == 0, result.stderr
    said = result.stdout + result.stderr
    assert "organization field phones (an entry that is not an object) not imported (1 object(s))" in said
    assert "field location_id: 'ailleurs': no location of this organization has it" in said
    assert "service field minimum_age: 1 value(s) (first: '17.9' read as '17')" in said
    assert "service field maximum_age: 1 value(s) (first: '64.99' read as '64')" in said


def test_a_list_of_objects_given_as_one_object_is_an_error_not_a_note(tmp_path):
    # "phones": {...} instead of [{...}]: the record was written without its phones, services
    # and hours, said by a "note" among dozens (stop 82's hostile probe).
    place = {"id": "l1", "name": "Site", "schedules": {"id": "h1", "byday": "MO", "opens_at": "09:00"}}
    organization = {
        "id": "o1",
        "name": "Banque alimentaire du quartier",
        "description": "Aide alimentaire.",
        "phones": {"id": "p1", "number": "514 555-0101"},
        "services": {"s1": {"id": "s1", "name": "Dépannage"}},
        "locations": [place],
    }
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    result = import_hsds(package, "--language", "fr", "--into", tmp_path / "out", *DEFAULTS)
    assert result.returncode != 0 and not (tmp_path / "out").exists()
    for where in ("at [0] field phones", "at [0] field services", "at [0].locations[0] field schedules"):
        assert f"error: paquet.json {where}: expected a list of objects" in result.stderr, result.stderr


def test_an_organization_s_area_is_the_towns_of_its_locations_when_the_package_names_none(tmp_path):
    # Another 211's package says where each organization is, seldom what it serves: a whole
    # province's was refused record by record, or took one --area for all of them.
    def located(oid: str, city: str, nested: bool) -> dict:
        place = {
            "id": f"l-{oid}",
            "name": "Local",
            "addresses": [{"id": f"a-{oid}", "address_1": "1 rue A", "city": city}],
        }
        organization = {"id": oid, "name": f"Banque alimentaire {oid}", "description": "Aide alimentaire."}
        service = {"id": f"s-{oid}", "name": "Paniers", "description": "Paniers.", "service_at_locations": []}
        if nested:  # the place given only where the service is offered (the API's responses)
            service["service_at_locations"] = [{"id": f"sal-{oid}", "location": place}]
        else:
            organization["locations"] = [place]
        return {**organization, "services": [service]}

    package = tmp_path / "paquet.json"
    package.write_text(
        json.dumps([located("o1", "Laval", False), located("o2", "Lévis", True), located("o3", "Atlantis", False)]),
        encoding="utf-8",
    )
    into = tmp_path / "out"
    options = ["--language", "fr", "--category", "alimentation", "--verified", "2026-01-01"]
    result = import_hsds(package, "--into", into, "--skip-invalid", "--report", tmp_path / "r.csv", *options)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "Traceback" not in said, said
    written = {path.stem: path.read_text(encoding="utf-8") for path in into.glob("*.yaml")}
    assert "service_area: [ville-de-laval]" in written["banque-alimentaire-o1"]
    assert "service_area: [levis]" in written["banque-alimentaire-o2"]
    assert "banque-alimentaire-o3" not in written  # a town the directory does not know: still asked for
    assert "none given: the towns of its locations taken (ville-de-laval)" in said
    assert "no territory served could be mapped" in said and "banque-alimentaire-o3" in said
    assert validate(into).returncode == 0
    # --area for the one whose town the directory does not know: the others keep their towns.
    again = tmp_path / "again"
    result = import_hsds(package, "--into", again, "--area", "quebec", *options)
    assert result.returncode == 0, result.stdout + result.stderr
    written = {path.stem: path.read_text(encoding="utf-8") for path in again.glob("*.yaml")}
    assert "service_area: [ville-de-laval]" in written["banque-alimentaire-o1"]
    assert "service_area: [quebec]" in written["banque-alimentaire-o3"]


def test_days_written_as_a_spreadsheet_writes_them_are_each_a_day(tmp_path):
    # "MO TU WE TH FR" became Friday alone, "SA;SU" Sunday, without a word; and the row of
    # empty cells that ends an Excel export was an organization without a name, refused.
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text(
        "id;name;description\no1;Banque alimentaire;Aide alimentaire.\n;;\n", encoding="utf-8"
    )
    (package / "locations.csv").write_text("id;organization_id;name\nl1;o1;Local\n;;\n", encoding="utf-8")
    (package / "schedules.csv").write_text(
        "id;location_id;freq;byday;opens_at;closes_at\n"
        'h1;l1;WEEKLY;MO TU WE TH FR;09:00;17:00\nh2;l1;WEEKLY;"SA;SU";10:00;12:00\n;;;;;\n',
        encoding="utf-8",
    )
    record, _ = imported_one(package, tmp_path / "out")
    hours = record["locations"][0]["hours"]
    assert [interval["days"] for interval in hours] == [["mo", "tu", "we", "th", "fr"], ["sa", "su"]]


def test_a_service_s_hours_are_its_location_s_only_where_it_is_the_only_one(tmp_path):
    # A service's Monday evening made the whole centre open Monday evenings for all its
    # services; the hours of the one service of a place, given by its service at location,
    # were dropped as "not linked to a location".
    package = tmp_path / "package"
    package.mkdir()
    tables = {
        "organizations.csv": "id,name,description\no1,Centre communautaire,Activités.\n",
        "locations.csv": "id,organization_id,name\nl1,o1,Centre\nl2,o1,Point de service\n",
        "services.csv": "id,organization_id,name,description\ns1,o1,Accueil,Accueil.\ns2,o1,Soirées,Soirées.\n",
        "service_at_location.csv": "id,service_id,location_id\nsl1,s1,l1\nsl2,s2,l1\nsl3,s1,l2\n",
        "schedules.csv": "id,location_id,service_id,service_at_location_id,freq,byday,opens_at,closes_at\n"
        "h1,l1,,,WEEKLY,MO,09:00,17:00\n"
        "h2,l1,s2,,WEEKLY,MO,18:00,20:00\n"
        "h3,,,sl3,WEEKLY,TU,13:00,16:00\n",
    }
    for name, text in tables.items():
        (package / name).write_text(text, encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    centre, point = record["locations"]
    assert centre["hours"] == [{"days": ["mo"], "opens": "09:00", "closes": "17:00"}]
    assert point["hours"] == [{"days": ["tu"], "opens": "13:00", "closes": "16:00"}]
    assert "schedules.csv row 3 field service_id: 's2': the hours of one service of a location" in said, said


def test_a_service_no_longer_offered_is_left_out_and_said(tmp_path):
    def service(sid: str, status: str) -> dict:
        return {"id": sid, "name": f"Service {sid}", "description": "Un service.", "status": status}

    organization = {"id": "o1", "name": "Maison de la famille", "description": "Familles."}
    organization["services"] = [service("s1", "active"), service("s2", "defunct"), service("s3", "inactive")]
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    assert [s["name"] for s in record["services"]] == [{"fr": "Service s1"}] and record["status"] == "active"
    assert "services[1] field status: 'defunct': a service no longer offered" in said, said
    # Not a status of HSDS: read as active, and said so.
    organization["services"] = [service("s1", "bogus")]
    package.write_text(json.dumps([organization]), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out2")
    assert (
        record["status"] == "active" and "service field status: 1 value(s) (first: 'bogus' read as 'active')" in said
    ), said


def test_an_identifier_of_another_scheme_is_said_not_imported(tmp_path):
    # A business number was dropped without a word, though the report lists every column or
    # object not imported (a probe's).
    identifier = {"id": "i1", "identifier_scheme": "CA-NEQ", "identifier_type": "NEQ", "identifier": "1143456789"}
    organization = {
        "id": "o1",
        "name": "Friperie",
        "description": "Vêtements.",
        "organization_identifiers": [identifier],
    }
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    assert "1143456789" not in str(record)
    assert "organization_identifiers[0] field identifier: '1143456789': a record keeps its own id only" in said, said


@pytest.mark.parametrize("days", [{}, {"freq": "WEEKLY", "byday": "MO,TU,WE,TH"}])
def test_hours_given_in_words_only_keep_the_record_and_are_said(tmp_path, days):
    # With the days and no times, the record was refused ("closes_at: expected a time"; a probe's).
    place = {
        "id": "l1",
        "name": "Local",
        "schedules": [{"id": "h1", "description": "Du lundi au jeudi, de 9 h à 16 h", **days}],
    }
    organization = {"id": "o1", "name": "Friperie du quartier", "description": "Vêtements.", "locations": [place]}
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    assert "hours" not in record["locations"][0]  # unknown, never "open"
    assert "field description: 'Du lundi au jeudi, de 9 h à 16 h': hours in words only" in said, said


def test_a_table_saved_as_excel_s_plain_csv_says_how_to_save_it(tmp_path):
    # French Excel's "CSV" is Windows-1252: "not UTF-8 text" named a row before the accent's and
    # said nothing of what to do.
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_bytes(
        "id;name;description\no1;Banque alimentaire;Aide.\no2;Société d'entraide;Entraide.\n".encode("cp1252")
    )
    said = refused(package, tmp_path / "out")
    assert "organizations.csv row 2: not UTF-8 text" in said and "in this row or one after it" in said, said
    assert "save the table as CSV UTF-8" in said


def test_a_line_break_in_a_cell_not_quoted_is_refused_not_half_imported(tmp_path):
    # An exporter wrote a description of two lines without quotes: the service was imported
    # with half its description and without its fees, eligibility and age, the second line was
    # a service of its own (dropped, "not linked to an organization"), and the import passed.
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text("id,name,description\no1,Cuisine collective,Repas.\n")
    (package / "services.csv").write_text(
        "id,organization_id,name,description,fees_description,minimum_age\n"
        "s1,o1,Dépannage,Un panier\n"
        " par mois,Gratuit,18\n"
        "s2,o1,Repas,Le midi\n"  # a row a spreadsheet wrote without its empty last cells: kept
    )
    said = refused(package, tmp_path / "out")
    assert "services.csv row 2: rows 2 to 3 are one row cut by a line break in a cell that is not quoted" in said, said
    assert "not linked to an organization" not in said  # the second half is no service of its own
    (package / "services.csv").write_text(
        "id,organization_id,name,description,fees_description,minimum_age\ns2,o1,Repas,Le midi\n"
    )
    record, _ = imported_one(package, tmp_path / "kept")
    assert [service["name"] for service in record["services"]] == [{"fr": "Repas"}]


def test_a_zip_whose_directory_points_past_its_end_is_named_not_a_traceback(tmp_path):
    import struct
    import zipfile

    package = tmp_path / "package.zip"
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("organizations.csv", "id,name,description\no1,Banque alimentaire,Aide.\n")
    data = bytearray(package.read_bytes())
    end = data.rfind(b"PK\x05\x06")  # the end of the central directory: its offset, 16 bytes on
    struct.pack_into("<L", data, end + 16, struct.unpack_from("<L", data, end + 16)[0] + 0xB4000000)
    package.write_bytes(bytes(data))
    said = refused(package, tmp_path / "out")
    assert "package.zip: not a readable zip file" in said and "Traceback" not in said, said


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_table_saved_as_excel_s_unicode_text_is_read(tmp_path, encoding):
    # Excel's "Unicode text" (UTF-16 with its byte order mark, tabs between cells) was refused
    # as "not UTF-8 text ... Excel's plain CSV is Windows-1252", which it is not; UTF-32, whose
    # mark starts as UTF-16's, as "no id column".
    package = tmp_path / "package"
    package.mkdir()
    text = "id\tname\tdescription\no1\tSociété d'entraide\tEntraide.\n"
    data = text.encode(encoding) if encoding != "utf-16-be" else codecs.BOM_UTF16_BE + text.encode(encoding)
    (package / "organizations.csv").write_bytes(data)
    record, _ = imported_one(package, tmp_path / "out")
    assert record["name"] == {"fr": "Société d'entraide"}


def test_values_as_spreadsheets_write_them_are_repaired_or_said_not_refused(tmp_path):
    # Each refused the whole record: a decimal comma, spaces in an email, two emails, "N/A".
    place = {"id": "l1", "name": "Local", "latitude": "45,5017", "longitude": "-73,5673"}
    organization = {"id": "o1", "name": "Maison de la famille", "description": "Familles.", "locations": [place]}
    package = tmp_path / "paquet.json"
    for email, website, kept in (
        ("info @famille.org", "N/A", "info@famille.org"),
        ("a@famille.org; b@famille.org", "aucun", "a@famille.org"),
    ):
        package.write_text(json.dumps([{**organization, "email": email, "website": website}]), encoding="utf-8")
        record, said = imported_one(package, tmp_path / email.split("@")[0].strip())
        assert record["email"] == kept and "website" not in record
        assert record["locations"][0]["coordinates"] == [45.5017, -73.5673]
        assert f"field website: '{website}': says there is none" in said, said
        assert "'45,5017' read as '45.5017'" in said


@pytest.mark.parametrize(
    "email, kept, said",
    [
        ("info@example.org ou direction@example.org", "info@example.org", "one email is kept: info@example.org"),
        ("a@example.org\n bcc: x@example.com", "a@example.org", "one email is kept: a@example.org"),
        ("info@example.org ext", "info@example.org", "only the address is kept: info@example.org"),
        ("Marie: marie@example.org", "marie@example.org", "only the address is kept: marie@example.org"),
        ("Marie Tremblay <marie@example.org>", "marie@example.org", "only the address is kept"),
        ("mailto:info@example.org", "info@example.org", "read as 'info@example.org'"),
        ("info@ example.org.", "info@example.org", "read as 'info@example.org'"),
        # A handle before the address (a reviewer's): "Instagram@centre.xyz" was kept.
        ("Instagram @centre.xyz  info@example.org", "info@example.org", "only the address is kept: info@example.org"),
        ("Suivez-nous @centre ou info@example.org", "info@example.org", "only the address is kept: info@example.org"),
    ],
)
def test_an_email_among_other_words_is_kept_alone(tmp_path, email, kept, said):
    # A helper's probe (stop 70): the word after an address was joined to it ("info@example.orgou",
    # "info@example.orgext"), an address of no one that the validator took for a good one.
    organization = {"id": "o1", "name": "Maison de la famille", "description": "Familles.", "email": email}
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    record, notes = imported_one(package, tmp_path / "out")
    assert record["email"] == kept
    assert said in notes, notes


def test_a_day_said_closed_and_an_age_in_words_are_read_not_refused(tmp_path):
    place = {"id": "l1", "name": "Local"}
    place["schedules"] = [
        {"id": "h1", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"},
        {"id": "h2", "byday": "SA,SU", "opens_at": "Fermé", "closes_at": "Fermé"},
    ]
    service = {"id": "s1", "name": "Ados", "description": "Activités.", "minimum_age": "12 ans", "maximum_age": "17"}
    organization = {"id": "o1", "name": "Maison des jeunes", "description": "Jeunes."}
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([{**organization, "locations": [place], "services": [service]}]), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    assert record["locations"][0]["hours"] == [
        {"days": ["mo", "tu", "we", "th", "fr"], "opens": "09:00", "closes": "17:00"}
    ]
    assert record["services"][0]["minimum_age"] == 12 and record["services"][0]["maximum_age"] == 17
    assert "'Fermé': a day closed" in said and "'12 ans' read as '12'" in said, said


def test_hours_to_the_day_s_last_second_end_at_midnight(tmp_path):
    # Our export writes a day's end (24:00) as 23:59:59, as HSDS has no 24:00: read back, it is
    # the day's end again, not a minute before it.
    place = {"id": "l1", "name": "Local"}
    place["schedules"] = [{"id": "h1", "byday": "FR,SA", "opens_at": "18:00:00", "closes_at": "23:59:59"}]
    organization = {"id": "o1", "name": "Halte de nuit", "description": "Accueil le soir."}
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps([{**organization, "locations": [place]}]), encoding="utf-8")
    record, _ = imported_one(package, tmp_path / "out")
    assert record["locations"][0]["hours"] == [{"days": ["fr", "sa"], "opens": "18:00", "closes": "24:00"}]


def test_a_record_the_build_would_refuse_is_not_imported(tmp_path):
    # A hostile-input probe (stop 76): five accents stacked on one letter passed the import's
    # checks of the data, "imported 1 record(s)", and then stopped the build (its reader refuses
    # them): what is written is now read back as the build reads it.
    organization = {"name": "Entraide Z\u0300\u0301\u0302\u0303\u0304", "description": "Dépannage."}
    package = tmp_path / "zalgo.json"
    package.write_text(json.dumps([organization]), encoding="utf-8")
    said = refused(package, tmp_path / "into")
    assert "5 marks stacked on one letter" in said and "nothing was written" in said, said
    assert not (tmp_path / "into").exists() or not list((tmp_path / "into").iterdir())


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_a_table_whose_file_name_is_not_in_lower_case_is_read(tmp_path, form):
    # Saved by Excel on Windows: "phones.CSV" lost every phone without a word, "Schedules.csv"
    # was "not an HSDS table", "ORGANIZATIONS.CSV" was said missing.
    tables = {
        "ORGANIZATIONS.CSV": "id,name,description\no1,Banque alimentaire,Aide alimentaire.\n",
        "Locations.csv": "id,organization_id,name\nl1,o1,Local\n",
        "phones.CSV": "id,organization_id,number\np1,o1,514 555-0123\n",
        "Schedules.csv": "id,location_id,freq,byday,opens_at,closes_at\nh1,l1,WEEKLY,MO,09:00,17:00\n",
    }
    package = tmp_path / "package"
    package.mkdir()
    for name, text in tables.items():
        (package / name).write_text(text, encoding="utf-8")
    if form == "zip":
        package = Path(shutil.make_archive(str(tmp_path / "package"), "zip", package))
    record, said = imported_one(package, tmp_path / "out")
    assert record["phones"][0]["number"] == "514 555-0123", said
    assert record["locations"][0]["hours"], said
    assert "not read" not in said and "missing" not in said, said


@pytest.mark.parametrize("form", ["folder", "zip"])
def test_two_tables_whose_names_differ_only_by_case_are_refused_naming_both(tmp_path, form):
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text("id,name,description\no1,Banque,Aide.\n", encoding="utf-8")
    (package / "phones.csv").write_text("id,organization_id,number\np1,o1,514 555-0123\n", encoding="utf-8")
    (package / "Phones.csv").write_text("id,organization_id,number\np1,o1,450 555-0100\n", encoding="utf-8")
    if form == "zip":
        package = Path(shutil.make_archive(str(tmp_path / "package"), "zip", package))
    said = refused(package, tmp_path / "out")
    assert "phones.csv: 2 files of this name" in said and "(Phones.csv, phones.csv): keep one" in said, said


@pytest.mark.parametrize("children", [[], [{"id": "o2", "name": "Comptoir de quartier", "description": "Vêtements."}]])
def test_one_organization_nesting_child_organizations_is_read_as_itself(tmp_path, children):
    # Its "organizations" made it a wrapper: the parent was dropped without a word and only the
    # child imported, or, with no child, "no organization in this package".
    package = tmp_path / "paquet.json"
    parent = {"id": "o1", "name": "Banque alimentaire", "description": "Aide alimentaire.", "organizations": children}
    package.write_text(json.dumps(parent), encoding="utf-8")
    record, said = imported_one(package, tmp_path / "out")
    assert record["name"] == {"fr": "Banque alimentaire"}, said
    # A child is not imported, and said so, as another key no record has.
    assert ("organization field organizations not imported (1 object(s))" in said) == bool(children), said


@pytest.mark.parametrize(
    "key, wrapper", [("organizations", {"name": "Export 211 Montérégie"}), ("contents", {"id": "page-1"})]
)
def test_an_export_with_a_name_or_an_id_is_still_a_list_of_organizations(tmp_path, key, wrapper):
    # A reviewer's (stop 79): an export named "Export 211 Montérégie", or an API's page with an
    # id, was read as one organization (refused for its missing description): both lost.
    organizations = [
        {"id": "o1", "name": "Banque alimentaire", "description": "Aide alimentaire."},
        {"id": "o2", "name": "Cuisine collective", "description": "Repas."},
    ]
    package = tmp_path / "paquet.json"
    package.write_text(json.dumps({**wrapper, key: organizations}), encoding="utf-8")
    result = import_hsds(package, "--language", "fr", "--into", tmp_path / "out", *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "banque-alimentaire.yaml",
        "cuisine-collective.yaml",
    ]


def test_a_full_disk_is_said_and_leaves_no_record_of_the_import_half_written(tmp_path):
    # A quota or a full disk stopped the import with a traceback after its first record: the
    # others, and the report, left unwritten. Here a file may hold 6 KiB: the second record is longer.
    import resource

    package = tmp_path / "package"
    package.mkdir()
    long = "Dépannage alimentaire et repas communautaires. " * 200  # 9,600 characters
    (package / "organizations.csv").write_text(
        f"id,name,description\no1,Banque alimentaire,Aide.\no2,Cuisine collective,{long}\no3,Comptoir,Vêtements.\n",
        encoding="utf-8",
    )
    into = tmp_path / "organizations"
    into.mkdir()
    (into / "deja-la.yaml").write_text("déjà là\n", encoding="utf-8")
    report = tmp_path / "report.csv"

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (6 * 1024, 6 * 1024))

    result = subprocess.run(
        [*IMPORT, package, "--language", "fr", "--into", into, "--report", report, *DEFAULTS],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=limit_file_size,
    )
    said = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in said, said
    assert f"error: cannot write into {into}: File too large; nothing was written" in said, said
    assert [path.name for path in into.iterdir()] == ["deja-la.yaml"]  # no record, no temporary file
    assert (into / "deja-la.yaml").read_text(encoding="utf-8") == "déjà là\n"
    assert not report.exists()


def test_a_service_area_named_as_an_area_of_the_directory_is_its_places_and_one_it_cannot_name_is_said(tmp_path):
    from repertoire.yamlfile import load

    # "West Island", "Rive-Sud" (areas of content/territories.yaml) were dropped without a word,
    # and the report said "none given" of an area that was given.
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text(
        "id,name,description\no1,Entraide de l'Ouest,Entraide.\no2,Entraide Rive-Sud,Entraide.\n"
        "o3,Entraide du Grand Montréal,Entraide.\n",
        encoding="utf-8",
    )
    (package / "services.csv").write_text(
        "id,organization_id,name,description\ns1,o1,Aide,Aide.\ns2,o2,Aide,Aide.\ns3,o3,Aide,Aide.\n", encoding="utf-8"
    )
    (package / "service_areas.csv").write_text(
        "id,service_id,name\na1,s1,West Island\na2,s2,Rive-Sud\na3,s3,Grand Montréal\n", encoding="utf-8"
    )
    (package / "locations.csv").write_text("id,organization_id,name\nl2,o2,Local\nl3,o3,Local\n", encoding="utf-8")
    (package / "addresses.csv").write_text(
        "id,location_id,address_1,city,address_type\nd2,l2,1 rue A,Longueuil,physical\nd3,l3,1 rue B,Laval,physical\n",
        encoding="utf-8",
    )
    into, report = tmp_path / "out", tmp_path / "report.csv"
    options = ["--language", "fr", "--category", "alimentation", "--verified", "2026-01-01", "--report", report]
    result = import_hsds(package, "--into", into, *options)
    said = result.stdout + result.stderr
    assert result.returncode == 0, said
    served = {path.stem: load(path)[0]["service_area"] for path in into.glob("*.yaml")}
    assert {"dorval", "pointe-claire", "kirkland"} <= set(served["entraide-de-l-ouest"])
    # Two areas are called "Rive-Sud": Montréal's and Québec's; its location is in Longueuil.
    assert "agglomeration-de-longueuil" in served["entraide-rive-sud"] and "levis" not in served["entraide-rive-sud"]
    # A name the directory does not know: said at its row, on screen and in the report.
    unknown = "service_areas.csv row 4 field name: 'Grand Montréal': no region, MRC, municipality or area"
    assert unknown in said and unknown in report.read_text(encoding="utf-8-sig"), said
    assert served["entraide-du-grand-montreal"] == ["ville-de-laval"]
    assert "none the directory knows: the towns of its locations taken (ville-de-laval)" in said, said
    assert "none given" not in said, said


@pytest.mark.parametrize("form", ["csv", "json"])
def test_two_organizations_given_one_record_id_are_said_as_two_rows_of_one_id_are(tmp_path, form):
    # The second was silently made "ok-id-2": two organizations, one meant to replace the record.
    organizations = [
        {"id": f"o{n}", "name": name, "description": "Aide.", "organization_identifiers": [identifier]}
        for n, name in ((1, "Banque alimentaire"), (2, "Cuisine collective"))
        for identifier in [{"id": f"i{n}", "identifier_scheme": "repertoire", "identifier": "banque-du-quartier"}]
    ]
    if form == "json":
        package = tmp_path / "paquet.json"
        package.write_text(json.dumps(organizations), encoding="utf-8")
        second, first = "paquet.json at [1].organization_identifiers[0]", "at [0].organization_identifiers[0]"
    else:
        package = tmp_path / "package"
        package.mkdir()
        (package / "organizations.csv").write_text(
            "id,name,description\no1,Banque alimentaire,Aide.\no2,Cuisine collective,Aide.\n", encoding="utf-8"
        )
        (package / "organization_identifiers.csv").write_text(
            "id,organization_id,identifier_scheme,identifier\n"
            "i1,o1,repertoire,banque-du-quartier\ni2,o2,repertoire,banque-du-quartier\n",
            encoding="utf-8",
        )
        second, first = "organization_identifiers.csv row 3", "row 2"
    into = tmp_path / "out"
    said = refused(package, into)
    assert f"{second} field identifier: {first} gives this id to another organization already" in said, said
    result = import_hsds(package, "--into", into, "--skip-invalid", *DEFAULTS)
    assert result.returncode == 0, result.stderr
    assert [path.name for path in into.iterdir()] == ["banque-du-quartier.yaml"]


def test_an_id_a_package_gives_is_its_organization_s_whatever_comes_before(tmp_path):
    # A reviewer's (stop 79): "Banque du quartier", given no id, was made "banque-du-quartier" by
    # its name, and "Cuisine collective", given that id, silently "banque-du-quartier-2".
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text(
        "id,name,description\no1,Banque du quartier,Aide.\no2,Cuisine collective,Repas.\n", encoding="utf-8"
    )
    (package / "organization_identifiers.csv").write_text(
        "id,organization_id,identifier_scheme,identifier\ni2,o2,repertoire,banque-du-quartier\n", encoding="utf-8"
    )
    into = tmp_path / "out"
    result = import_hsds(package, "--into", into, *DEFAULTS)
    assert result.returncode == 0, result.stdout + result.stderr
    from repertoire.yamlfile import load

    assert load(into / "banque-du-quartier.yaml")[0]["name"] == {"fr": "Cuisine collective"}
    assert load(into / "banque-du-quartier-2.yaml")[0]["name"] == {"fr": "Banque du quartier"}


@pytest.mark.parametrize("form", ["csv", "json"])
def test_a_coordinate_left_empty_is_said_missing_not_none(tmp_path, form):
    # An empty cell or a JSON null was "'None' is not a number".
    if form == "json":
        package = tmp_path / "paquet.json"
        place = {"id": "l1", "name": "Local", "latitude": 45.5, "longitude": None}
        organization = {"id": "o1", "name": "Banque", "description": "Aide.", "locations": [place]}
        package.write_text(json.dumps([organization]), encoding="utf-8")
        where = "paquet.json at [0].locations[0]"
    else:
        package = tmp_path / "package"
        package.mkdir()
        (package / "organizations.csv").write_text("id,name,description\no1,Banque,Aide.\n", encoding="utf-8")
        (package / "locations.csv").write_text(
            "id,organization_id,name,latitude,longitude\nl1,o1,Local,45.5,\n", encoding="utf-8"
        )
        where = "locations.csv row 2"
    said = refused(package, tmp_path / "out")
    assert f"{where} field longitude: missing: the latitude is given, give both or neither" in said, said
    assert "None" not in said, said


def test_blank_coordinates_are_none_given(tmp_path):
    # A reviewer's (stop 79): a latitude of one space and an empty longitude were each said
    # "missing: the other is given", though neither was.
    package = tmp_path / "package"
    package.mkdir()
    (package / "organizations.csv").write_text("id,name,description\no1,Banque,Aide.\n", encoding="utf-8")
    (package / "locations.csv").write_text(
        "id,organization_id,name,latitude,longitude\nl1,o1,Local, ,\n", encoding="utf-8"
    )
    result = import_hsds(package, "--into", tmp_path / "out", *DEFAULTS)
    said = result.stdout + result.stderr
    assert result.returncode == 0 and "field latitude" not in said and "field longitude" not in said, said


def test_a_location_s_hours_given_again_under_its_service_are_not_said_left_out(tmp_path):
    # An import probe (stop 79): HSDS's own example nests one schedule under the location, its
    # service and the service at that location; the copies were said "the hours of one service
    # of a location that offers several" (it offers one), sending a reader after nothing.
    weekdays = {"freq": "WEEKLY", "byday": "MO,TU,WE", "opens_at": "09:00", "closes_at": "17:00"}

    def package(service_hours: dict) -> Path:
        location = {
            "id": "l1",
            "name": "Centre",
            "schedules": [{"id": "h1", **weekdays}],
            "addresses": [{"address_1": "1, rue Exemple", "city": "Montréal", "postal_code": "H2L 1R4"}],
        }
        service = {
            "id": "s1",
            "name": "Repas",
            "description": "Le midi.",
            "service_at_locations": [{"id": "sl1", "location_id": "l1", "schedules": [{"id": "h2", **service_hours}]}],
        }
        organization = {
            "id": "o1",
            "name": "Banque du quartier",
            "description": "Dépannage.",
            "locations": [location],
            "services": [service],
        }
        path = tmp_path / f"p{len(list(tmp_path.glob('p*.json')))}.json"
        path.write_text(json.dumps([organization]), encoding="utf-8")
        return path

    for hours, said in ((weekdays, None), ({**weekdays, "opens_at": "11:00"}, "other than the location's own")):
        into, report = tmp_path / f"into-{hours['opens_at']}", tmp_path / f"report-{hours['opens_at']}.csv"
        result = import_hsds(package(hours), "--into", into, "--report", report, *DEFAULTS)
        assert result.returncode == 0, result.stdout + result.stderr
        notes = report.read_text(encoding="utf-8")
        assert "offers several" not in notes, notes
        assert (said in notes) if said else ("hours" not in notes), notes


@pytest.mark.parametrize(
    "given, day",
    [
        ("2020-01-05T25:00", None),  # a time that is none: no day either (stop 82's probe)
        ("2020-01-05T12:60", None),
        ("05/01/2020T25:00", None),
        # What spreadsheets and exports write after a day is read as the day (a reviewer's).
        ("2020-01-05 0:00", "2020-01-05"),
        ("2020-01-05 9:30", "2020-01-05"),
        ("2020-01-05 12:00 PM", "2020-01-05"),
        ("2020-01-05 00:00:00 UTC", "2020-01-05"),
        ("2020-01-05T10:00:00Z", "2020-01-05"),
        ("05/01/2020 10:00", "2020-01-05"),
    ],
)
def test_a_date_with_a_time_is_its_day_unless_the_time_is_none(given, day):
    from repertoire.repairs import DAY_FIRST, iso_date

    assert iso_date(given, DAY_FIRST) == day


def test_an_import_run_again_names_the_records_it_changes_and_leaves_the_others(tmp_path):
    # Run again over records edited since, --overwrite said "N replaced" and nothing of the
    # edits it had just undone; identical records were written again all the same.
    into = tmp_path / "organizations"
    first = import_hsds(PACKAGES / "hsds1", "--into", into, *DEFAULTS)
    assert first.returncode == 0, first.stderr
    records = sorted(into.glob("*.yaml"))
    assert len(records) >= 2
    edited, untouched = records[0], records[1]
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n", "\n# corrected here\n", 1), encoding="utf-8")
    before = untouched.stat().st_mtime_ns
    dry = import_hsds(PACKAGES / "hsds1", "--into", into, "--overwrite", "--dry-run", *DEFAULTS)
    assert f"1 replaced, {len(records) - 1} unchanged" in dry.stdout, dry.stdout
    assert f"(their edits here, if any, would go): {edited}" in dry.stdout and "are gone" not in dry.stdout
    assert "# corrected here" in edited.read_text(encoding="utf-8")  # a dry run writes nothing
    again = import_hsds(PACKAGES / "hsds1", "--into", into, "--overwrite", *DEFAULTS)
    assert again.returncode == 0 and f"0 new, 1 replaced, {len(records) - 1} unchanged" in again.stdout, again.stdout
    assert f"are gone: see git diff): {edited}" in again.stdout and str(untouched) not in again.stdout
    assert "# corrected here" not in edited.read_text(encoding="utf-8")
    assert untouched.stat().st_mtime_ns == before  # not written again


def quebec_example(tmp_path) -> list[Path]:
    """HSDS's own example, its CSV and its JSON forms, made Québec's (its number, place and
    code are England's)."""
    example = FIXTURES / "hsds-3.0"
    shutil.copytree(example / "csv", tmp_path / "csv")
    quebec = {"+44 1234 234567": "514 555-0123", "ABC 1234": "H2X 1Y4"}
    for name in ("phones.csv", "addresses.csv"):
        path = tmp_path / "csv" / name
        text = path.read_text(encoding="utf-8")
        for theirs, ours in quebec.items():
            text = text.replace(theirs, ours)
        path.write_text(text, encoding="utf-8")
    with open(tmp_path / "csv" / "locations.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["latitude"], row["longitude"] = "45.5", "-73.6"
    with open(tmp_path / "csv" / "locations.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    organizations = json.loads((example / "json" / "organization_full.json").read_text(encoding="utf-8"))
    text = json.dumps(organizations)
    for theirs, ours in quebec.items():
        text = text.replace(theirs, ours)
    organizations = json.loads(text)

    def in_quebec(value):  # each location, wherever nested (a service's at a location too)
        if isinstance(value, dict):
            if "latitude" in value:
                value["latitude"], value["longitude"] = 45.5, -73.6
            for inner in value.values():
                in_quebec(inner)
        elif isinstance(value, list):
            for inner in value:
                in_quebec(inner)

    in_quebec(organizations)
    (tmp_path / "example.json").write_text(json.dumps(organizations), encoding="utf-8")
    return [tmp_path / "csv", tmp_path / "example.json"]


def test_hsds_s_own_example_gives_the_same_record_from_its_csv_and_its_json(tmp_path):
    # The example's one phone is named by its CSV row under the organization, a location and a
    # service at once, and nested in its JSON under each: the CSV put it with the service, the
    # JSON with the organization.
    quebec_example(tmp_path)
    written = {}
    for package in ("csv", "example.json"):
        done = import_hsds(tmp_path / package, "--into", tmp_path / f"into-{package}", *DEFAULTS)
        assert done.returncode == 0 and "skipped" not in done.stdout + done.stderr, done.stdout + done.stderr
        (record,) = (tmp_path / f"into-{package}").glob("*.yaml")
        written[package] = yaml.safe_load(record.read_text(encoding="utf-8"))
    assert written["csv"] == written["example.json"]
    record = written["csv"]
    assert [phone["number"] for service in record["services"] for phone in service.get("phones", [])] == [
        "514 555-0123 poste 100"
    ]
    assert not record.get("phones") and not any(location.get("phones") for location in record["locations"])


def test_the_attributes_and_history_an_import_cannot_read_are_said(tmp_path):
    # The example's attribute is of its own taxonomy's term "name", and its metadata row says
    # who renamed a location: each was left out of the record without a word in the report.
    for package, what in zip(quebec_example(tmp_path), ["row(s)", "{} object(s)"]):
        done = import_hsds(package, "--into", tmp_path / "into", "--dry-run", *DEFAULTS)
        said = done.stdout + done.stderr
        assert done.returncode == 0, said
        assert (
            f"1 {what.format('attribute')} not imported: no field of our records is read from their terms "
            "there: 'name' (1)" in said
        ), said
        assert f"1 {what.format('metadata')} not imported: only an organization's 'verified' action is read" in said


def test_our_own_package_imports_back_with_nothing_left_out(tmp_path, demo_site):
    # Every attribute and metadata row the exports write is read back: none is said not imported.
    packages = [demo_site / "fr" / "telechargements" / "hsds.zip", demo_site / "en" / "downloads" / "hsds.zip"]
    done = import_hsds(*packages, "--into", tmp_path / "into", "--dry-run")
    assert done.returncode == 0 and "not imported" not in done.stdout + done.stderr, done.stdout + done.stderr
