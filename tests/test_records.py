"""The record contract: valid writings are accepted alike, every bad input is named by file, line and field."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, build_site, make_content
from repertoire.records import RecordsInvalid, load_directory, misplaced_records, read_record, record_paths

TODAY = dt.date(2026, 11, 23)

VALID = """\
# A comment before the record
id: sample-org
name: {fr: Organisme exemple, en: Sample organization}
description:
  fr: Aide alimentaire & écoute « sans jugement ».
  en: Food aid & listening "without judgement".
categories: [alimentation]
website: https://example.org/sample
email: info@example.org
phones:
  - number: 514 555-0100
service_area: [montreal]
last_verified: 2026-10-01
locations:
  - id: main
    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}
    coordinates: [45.52, -73.56]
    hours:
      - {days: [mo, tu], opens: "09:00", closes: "17:00"}
services:
  - name: {fr: Repas, en: Meals}
    locations: [main]
"""


def write(tmp_path, text, name="sample-org.yaml", mode="w"):
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def errors_of(tmp_path, taxonomy, text, name="sample-org.yaml"):
    org, errors = read_record(write(tmp_path, text, name), taxonomy, TODAY)
    return org, [str(e) for e in errors]


@pytest.mark.parametrize("id_", ["a--b", "Banque-Alimentaire", "banque-alimentée", "banque-"])
def test_an_id_of_another_form_is_told_the_form_it_needs(tmp_path, taxonomy, id_):
    # A helper's probe: "a--b.yaml" holding "id: a--b" was told "expected equals the file name".
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("id: sample-org", f"id: {id_}"), f"{id_}.yaml")
    assert any(": id: expected lowercase letters a to z, digits and single hyphens" in e for e in errors), errors


def test_valid_record_loads(tmp_path, taxonomy):
    org, errors = errors_of(tmp_path, taxonomy, VALID)
    assert errors == []
    assert org.id == "sample-org"
    assert org.regions == ["montreal"]
    assert org.data["locations"][0]["hours"][0]["opens"] == "09:00"


@pytest.mark.parametrize(
    "label, transform",
    [
        ("byte order mark", lambda t: "\ufeff" + t),
        ("CRLF line ends", lambda t: t.replace("\n", "\r\n")),
        ("single quotes", lambda t: t.replace('"09:00"', "'09:00'").replace("id: sample-org", "id: 'sample-org'")),
        (
            "comments anywhere",
            lambda t: t.replace("categories: [alimentation]", "categories: # primary first\n  - alimentation # food\n"),
        ),
        (
            "block style hours",
            lambda t: t.replace(
                '      - {days: [mo, tu], opens: "09:00", closes: "17:00"}',
                '      - days:\n          - mo\n          - tu\n        opens: "09:00"\n        closes: "17:00"',
            ),
        ),
        ("unquoted time read back", lambda t: t.replace('opens: "09:00"', "opens: 9:00")),
        ("quoted date", lambda t: t.replace("last_verified: 2026-10-01", 'last_verified: "2026-10-01"')),
    ],
)
def test_any_valid_yaml_writing_is_accepted_the_same(tmp_path, taxonomy, label, transform):
    reference, _ = errors_of(tmp_path, taxonomy, VALID)
    org, errors = errors_of(tmp_path, taxonomy, transform(VALID))
    assert errors == [], label
    assert org.data == reference.data, label


def test_flow_style_whole_record_is_accepted(tmp_path, taxonomy):
    org, errors = read_record(FIXTURES / "organizations" / "halte-de-nuit-l-escale.yaml", taxonomy, TODAY)
    assert errors == []
    # 21:30 was written unquoted (a base-60 number in YAML 1.1): read back as the same time.
    assert org.data["locations"][0]["hours"][0]["opens"] == "21:30"


BAD = [
    # (label, replace this, by that, expected line, field, message fragment)
    # A value of the wrong form is told what form is expected: "categories[0]: 'Aînés' does
    # not have the expected form" said nothing of what to write (contract probe, stop 69).
    ("slug with accents", "categories: [alimentation]", "categories: [Aînés]", 7, "categories[0]", "without accents"),
    ("territory by name", "service_area: [montreal]", "service_area: [Montréal]", 12, "service_area[0]", "a slug"),
    # Stop 78's note: which slug a name means is said too.
    ("category by name", "categories: [alimentation]", "categories: [Aînés]", 7, "categories[0]", "mean 'aines'"),
    (
        "category by a word",
        "categories: [alimentation]",
        "categories: [Logement]",
        7,
        "categories[0]",
        "(did you mean 'assistance-materielle-et-logement'?)",
    ),
    (
        "territory named",
        "service_area: [montreal]",
        "service_area: [Montréal]",
        12,
        "service_area[0]",
        "mean 'montreal'",
    ),
    # A reviewer's (stop 79): "Québec" is the city and the province, both said.
    (
        "two places of one name",
        "service_area: [montreal]",
        "service_area: [Québec]",
        12,
        "service_area[0]",
        "(did you mean 'ville-de-quebec' or 'quebec'?)",
    ),
    (
        "region by its first word",
        "service_area: [montreal]",
        "service_area: [Gaspésie]",
        12,
        "service_area[0]",
        "(did you mean 'gaspesie-iles-de-la-madeleine'?)",
    ),
    ("place id with a space", "  - id: main", "  - id: Site 1", 15, "locations[0].id", "a location's id"),
    ("language in 3 letters", "email: info@example.org", "languages: [fra]", 9, "languages[0]", "ISO 639-1"),
    ("language in capitals", "email: info@example.org", "languages: [FR]", 9, "languages[0]", "in lowercase"),
    ("local host", "website: https://example.org/sample", "website: http://localhost/x", 8, "website", "own network"),
    ("yaml syntax", "categories: [alimentation]", "categories: [alimentation", 8, "categories", "starts on line 7"),
    ("wrong type", "categories: [alimentation]", "categories: alimentation", 7, "categories", "expected a list"),
    (
        "unknown category",
        "categories: [alimentation]",
        "categories: [alimentations]",
        7,
        "categories[0]",
        "did you mean 'alimentation'",
    ),
    (
        "unknown territory",
        "service_area: [montreal]",
        "service_area: [mont-real]",
        12,
        "service_area[0]",
        "unknown territory",
    ),
    ("misspelt field", "website: https", "wesbite: https", 8, "wesbite", "did you mean 'website'"),
    # A key YAML reads as true: named as written ("unknown field 'True'" named no field written).
    ("key read as true", "website: https", "on: x\nwebsite: https", 8, "on", "'on'"),
    (
        "duplicate key",
        "email: info@example.org",
        "email: info@example.org\nemail: other@example.org",
        10,
        "email",
        "duplicate key",
    ),
    ("id differs from file", "id: sample-org", "id: other-org", 2, "id", "must equal the file name"),
    ("swapped coordinates", "[45.52, -73.56]", "[-73.56, 45.52]", 17, "locations[0].coordinates", "swapped"),
    (
        "outside Quebec",
        "[45.52, -73.56]",
        "[48.85, 2.35]",
        17,
        "locations[0].coordinates",
        "outside Quebec (latitude 44.9 to 62.7, longitude -79.9 to -57.0)",
    ),
    ("impossible time", 'closes: "17:00"', 'closes: "25:00"', 19, "locations[0].hours[0].closes", "HH:MM"),
    ("impossible minutes", 'opens: "09:00"', 'opens: "09:75"', 19, "locations[0].hours[0].opens", "HH:MM"),
    (
        "malformed phone",
        "514 555-0100",
        "555-0100",
        11,
        "phones[0].number",
        "not a phone number of Quebec: expected one written like '514 555-0123', '1 800 555-0142'",
    ),
    (
        "foreign postal code",
        "postal_code: H2L 1R4",
        "postal_code: SW1A 1AA",
        16,
        "locations[0].address.postal_code",
        "not a postal code of Quebec: expected the form H2X 1Y4",
    ),
    ("malformed email", "info@example.org", "info-at-example", 9, "email", "expected"),
    # A link writes to the address: what follows it would copy a stranger on every message.
    (
        "email with a copy",
        "info@example.org",
        "info@example.org?bcc=spy%40evil.example",
        9,
        "email",
        "expected one address",
    ),
    ("two emails", "info@example.org", "'info@example.org,spy@evil.example'", 9, "email", "expected one address"),
    (
        "email of a script",
        "info@example.org",
        "'javascript:alert(1)//@example.com'",
        9,
        "email",
        "expected one address",
    ),
    ("javascript link", "https://example.org/sample", "javascript:alert(1)", 8, "website", "http(s)"),
    ("ftp link", "https://example.org/sample", "ftp://example.org/x", 8, "website", "http(s)"),
    (
        "html in text",
        "Aide alimentaire &",
        "<script>alert(1)</script> Aide",
        5,
        "description.fr",
        "HTML tags are not allowed",
    ),
    ("html tag in name", "Organisme exemple", "Organisme <b>exemple</b>", 3, "name.fr", "HTML tags are not allowed"),
    (
        "no language",
        "name: {fr: Organisme exemple, en: Sample organization}",
        "name: {}",
        3,
        "name",
        "at least one language",
    ),
    ("missing required", "last_verified: 2026-10-01\n", "", 2, "last_verified", "missing required field"),
    ("impossible date", "last_verified: 2026-10-01", "last_verified: 2026-02-30", 13, "last_verified", "date"),
    # A typing error or an export's placeholder for "unknown": the page said "checked on January 1, 1".
    ("date of year 1", "last_verified: 2026-10-01", "last_verified: 0001-01-01", 13, "last_verified", "before 1990"),
    ("date a millennium off", "last_verified: 2026-10-01", "last_verified: 1025-10-01", 13, "last_verified", "typing"),
    (
        "unknown location ref",
        "locations: [main]",
        "locations: [annex]",
        22,
        "services[0].locations[0]",
        "no location with id 'annex'",
    ),
    ("too long name", "Organisme exemple", "x" * 250, 3, "name.fr", "too long"),
    (
        "24/7 with hours",
        "    coordinates: [45.52, -73.56]",
        "    coordinates: [45.52, -73.56]\n    open_24_7: true",
        19,
        "locations[0].hours",
        "24/7",
    ),
    ("opens equals closes", 'closes: "17:00"', 'closes: "09:00"', 19, "locations[0].hours[0].closes", "both 09:00"),
    # A placeholder day: its page said the place opens on 0001-01-01.
    (
        "special day of year 1",
        "    coordinates: [45.52, -73.56]",
        "    coordinates: [45.52, -73.56]\n    exceptions: [{date: 0001-01-01, closed: true}]",
        18,
        "locations[0].exceptions[0].date",
        "between the years 2000 and 2999",
    ),
    # Both times of a special day wrong: it was read as a closed day, told to drop its times.
    (
        "special day with two wrong times",
        "    coordinates: [45.52, -73.56]",
        '    coordinates: [45.52, -73.56]\n    exceptions: [{date: 2026-02-28, opens: "25:00", closes: "26:00"}]',
        18,
        "locations[0].exceptions[0].closes",
        'expected a quoted local time "HH:MM" (24 h); "24:00" is accepted as a closing time. Found \'26:00\'',
    ),
    # Invisible characters that show text in another order than it is written.
    (
        "bidi override",
        "Organisme exemple",
        "Organisme \u202eelpmexe",
        3,
        "name.fr",
        'U+202E (right-to-left override) is not allowed in text: delete it (after "Organisme";',
    ),
    (
        "invisible name",
        "Organisme exemple",
        "\u200b\u200b",
        3,
        "name.fr",
        "U+200B (zero width space) is not allowed in text: delete it (at the start of the text;",
    ),
    # A code no language has: the page showed "xx" among the languages spoken.
    (
        "unknown language",
        "service_area: [montreal]",
        "languages: [fr, xx]\nservice_area: [montreal]",
        12,
        "languages[1]",
        "'xx' is no language's ISO 639-1 code",
    ),
    # Letters and signs that show nothing: an empty heading and empty links.
    ("name of a filler", "Organisme exemple", "\u3164", 3, "name.fr", "shows nothing"),
    ("name of a blank pattern", "Organisme exemple", "'\u2800 \u00ad'", 3, "name.fr", "shows nothing"),
    # Marks outside the schema's list: variation selectors.
    ("name of selectors", "Organisme exemple", "'\ufe0f\ufe00\U000e0100'", 3, "name.fr", "shows nothing"),
    # Every text the pages show, not only names (a hostile-input probe, stop 76): an empty
    # paragraph for a description, an empty line for a street, for fees.
    (
        "description of a filler and an accent",
        "Aide alimentaire & écoute « sans jugement ».",
        "'\u3164\u0301'",
        5,
        "description.fr",
        "shows nothing",
    ),
    (
        "description of a selector",
        'Food aid & listening "without judgement".',
        "'\ufe0f'",
        6,
        "description.en",
        "shows nothing",
    ),
    ("street of a filler", '"1, rue Exemple"', "'\u3164\u0301'", 16, "locations[0].address.street", "shows nothing"),
    (
        "fees of fillers",
        "    locations: [main]",
        "    locations: [main]\n    fees: '\u3164\ufe0f'",
        23,
        "services[0].fees",
        "shows nothing",
    ),
    # Invisible formats inside a word: "Org<U+2061>anisme" showed "Organisme", which search did
    # not find. An Arabic letter mark, tag characters, a musical formatting sign, too.
    (
        "invisible operator",
        "Organisme exemple",
        "'Org\u2061anisme'",
        3,
        "name.fr",
        'U+2061 (function application) is not allowed in text: delete it (after "Org";',
    ),
    (
        "arabic letter mark",
        "Organisme exemple",
        "'Org\u061canisme'",
        3,
        "name.fr",
        'U+061C (arabic letter mark) is not allowed in text: delete it (after "Org";',
    ),
    (
        "name of tags",
        "Organisme exemple",
        "'Org\U000e0041anisme'",
        3,
        "name.fr",
        'U+E0041 (tag latin capital letter a) is not allowed in text: delete it (after "Org";',
    ),
    (
        "musical format",
        "Organisme exemple",
        "'Org\U0001d173anisme'",
        3,
        "name.fr",
        'U+1D173 (musical symbol begin beam) is not allowed in text: delete it (after "Org";',
    ),
    # A non-character written as an escape: the page held U+FFFE (an HTML parse error) and the
    # record could not be written back as YAML (a hostile-input probe, stop 83).
    (
        "escaped non-character",
        "Organisme exemple",
        '"Org\\uFFFEanisme"',
        3,
        "name.fr",
        'non-character U+FFFE is not allowed in text: remove it (after "Org")',
    ),
    (
        "escaped non-character of the Arabic block",
        "Organisme exemple",
        '"Org\\uFDD0anisme"',
        3,
        "name.fr",
        'non-character U+FDD0 is not allowed in text: remove it (after "Org")',
    ),
    (
        "non-character of another plane",
        "Organisme exemple",
        '"Org\\U0001FFFEanisme"',
        3,
        "name.fr",
        "non-character U+1FFFE is not allowed in text",
    ),
    # A pattern's end is the text's end: a final line break is not a time of day.
    ("time with a line break", 'closes: "17:00"', 'closes: "17:00\\n"', 19, "locations[0].hours[0].closes", "HH:MM"),
    (
        "html deep in block text",
        "  fr: Aide alimentaire & écoute « sans jugement ».",
        "  fr: |\n    Aide alimentaire.\n    Écoute.\n    Avec <b>gras</b>.",
        8,
        "description.fr",
        "HTML tags are not allowed",
    ),
]


def test_a_wrong_type_is_one_error(tmp_path, taxonomy):
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("categories: [alimentation]", "categories: education"))
    assert [e.split(": ", 2)[1] for e in errors] == ["categories"], errors


@pytest.mark.parametrize("written", ['"hier"', '"2026-09-06T10:00:00+00:00"', '"2026-02-30"'])
def test_a_wrong_date_is_one_error(tmp_path, taxonomy, written):
    # Neither of the form nor a real date: said once (the form's message and the date's were both).
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("last_verified: 2026-10-01", f"last_verified: {written}"))
    assert [e.split(": ", 2)[1] for e in errors] == ["last_verified"], errors


def test_errors_come_in_reading_order(tmp_path, taxonomy):
    phones = "".join(f"  - number: bad {i}\n" for i in range(12))
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("  - number: 514 555-0100\n", phones))
    assert [e.split(": ", 2)[1] for e in errors] == [f"phones[{i}].number" for i in range(12)]


def test_a_file_name_that_cannot_be_an_id_says_how_to_rename_it(tmp_path, taxonomy):
    _, errors = errors_of(tmp_path, taxonomy, VALID, name="mon organisme é.yaml")
    assert any(
        ":2: id: the file name 'mon organisme é' cannot be a record id" in e
        and "rename the file to 'mon-organisme-e.yaml'" in e
        for e in errors
    ), errors


@pytest.mark.parametrize("device", ["con", "aux", "com1", "lpt9"])
def test_a_record_named_as_a_windows_device_is_refused(tmp_path, taxonomy, device):
    # con.yaml cannot be checked out on Windows: a contributor there could not clone the directory.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("id: sample-org", f"id: {device}"), name=f"{device}.yaml")
    assert any(f":2: id: '{device}' is a name Windows keeps for a device" in e for e in errors), errors


@pytest.mark.parametrize("label, old, new, line, field, fragment", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_named_by_file_line_and_field(tmp_path, taxonomy, label, old, new, line, field, fragment):
    assert old in VALID, label
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace(old, new, 1))
    assert org is None
    expected_prefix = f"{tmp_path / 'sample-org.yaml'}:{line}: {field or '(record)'}: "
    assert any(e.startswith(expected_prefix) and fragment in e for e in errors), (label, errors)


def test_every_error_of_a_record_is_listed(tmp_path, taxonomy):
    text = VALID.replace("[alimentation]", "[nope]").replace("info@example.org", "bad").replace("514 555-0100", "12")
    _, errors = errors_of(tmp_path, taxonomy, text)
    # Schema errors come first; content rules run once the shape is right.
    assert len(errors) >= 1 and any("email" in e for e in errors)
    text = (
        VALID.replace("[alimentation]", "[nope]").replace("[montreal]", "[nowhere]").replace("514 555-0100", "call us")
    )
    _, errors = errors_of(tmp_path, taxonomy, text)
    assert {e.split(": ")[1] for e in errors} == {"categories[0]", "service_area[0]", "phones[0].number"}


def test_duplicate_ids_across_files_fail_the_directory(tmp_path, taxonomy):
    write(tmp_path, VALID)
    write(tmp_path, VALID.replace("id: sample-org", "id: sample-org"), name="sample-org.yml")
    with pytest.raises(RecordsInvalid) as caught:
        load_directory(record_paths(tmp_path), taxonomy, TODAY)
    assert "duplicate id 'sample-org'" in str(caught.value)


def test_not_a_mapping(tmp_path, taxonomy):
    _, errors = errors_of(tmp_path, taxonomy, "- just\n- a list\n")
    assert errors and ":1: (record): expected a mapping" in errors[0]


@pytest.mark.parametrize(
    "written, tel, fr, en",
    [
        ("514 555-0123", "+15145550123", "514 555-0123", "514-555-0123"),
        ("(418) 555-0199", "+14185550199", "418 555-0199", "418-555-0199"),
        ("1 800 555-0142", "+18005550142", "1 800 555-0142", "1-800-555-0142"),
        ("800-555-0142", "+18005550142", "1 800 555-0142", "1-800-555-0142"),
        ("450-555-0110 poste 204", "+14505550110;ext=204", "450 555-0110, poste 204", "450-555-0110 ext. 204"),
        ("819.555.0101 ext. 7", "+18195550101;ext=7", "819 555-0101, poste 7", "819-555-0101 ext. 7"),
        ("+1 514 555 0123", "+15145550123", "514 555-0123", "514-555-0123"),
        ("211", "211", "211", "211"),
        ("2-1-1", "211", "211", "211"),
        ("988", "988", "988", "988"),
        ("1 866 APPELLE", "+18662773553", "1 866 277-3553", "1-866-277-3553"),
        ("514 555-HELP", "+15145554357", "514 555-4357", "514-555-4357"),
        # A number in letters with its digits, or the other way round, as 211 records write it.
        ("1 866 APPELLE (277-3553)", "+18662773553", "1 866 277-3553", "1-866-277-3553"),
        ("1 866 277-3553 (APPELLE)", "+18662773553", "1 866 277-3553", "1-866-277-3553"),
        ("1-866-APPELLE (1-866-277-3553)", "+18662773553", "1 866 277-3553", "1-866-277-3553"),
        ("1 866 APPELLE (277-3553), poste 2", "+18662773553;ext=2", "1 866 277-3553, poste 2", "1-866-277-3553 ext. 2"),
        # Extensions as they are written in real records: after a comma or not, any usual word.
        ("514 555-0123, poste 12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("579 555-0183, ext. 219", "+15795550183;ext=219", "579 555-0183, poste 219", "579-555-0183 ext. 219"),
        ("514 555-0123 ext 219", "+15145550123;ext=219", "514 555-0123, poste 219", "514-555-0123 ext. 219"),
        ("(514) 555-0123, p. 3", "+15145550123;ext=3", "514 555-0123, poste 3", "514-555-0123 ext. 3"),
        ("514-555-0123 x12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555 0123 #7", "+15145550123;ext=7", "514 555-0123, poste 7", "514-555-0123 ext. 7"),
        ("1 800 555-0199, 12", "+18005550199;ext=12", "1 800 555-0199, poste 12", "1-800-555-0199 ext. 12"),
        ("514.555.0123 Extension 1234", "+15145550123;ext=1234", "514 555-0123, poste 1234", "514-555-0123 ext. 1234"),
        ("514 555 0123 local 5", "+15145550123;ext=5", "514 555-0123, poste 5", "514-555-0123 ext. 5"),
        ("514 555-0123 (poste 12)", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555-0123 ext: 12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555-0123 poste #12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555-0123 ext #12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555-0123 x.12", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        ("514 555-0123, poste 12.", "+15145550123;ext=12", "514 555-0123, poste 12", "514-555-0123 ext. 12"),
        # A phone menu's option: shown after the number (territories.yaml phones.option), not
        # dialled (the menu may speak first). Read on a keypad, "811 option 2" was 811 678-4662.
        ("811 option 2", "811", "811, option 2", "811, option 2"),
        ("811 (option 2)", "811", "811, option 2", "811, option 2"),
        ("1 800 555-0142, opt. 1", "+18005550142", "1 800 555-0142, option 1", "1-800-555-0142, option 1"),
        (
            "514 555-0123 poste 12 option 3",
            "+15145550123;ext=12",
            "514 555-0123, poste 12, option 3",
            "514-555-0123 ext. 12, option 3",
        ),
        # In the order written: the menu's option chosen before the extension is shown first,
        # and the extension is not dialled (the phone would key it into the menu that wants the
        # option first).
        (
            "514 555-0123, option 3 ext. 12",
            "+15145550123",
            "514 555-0123, option 3, poste 12",
            "514-555-0123, option 3 ext. 12",
        ),
        (
            "514 555-0123 option 1 poste 22",
            "+15145550123",
            "514 555-0123, option 1, poste 22",
            "514-555-0123, option 1 ext. 22",
        ),
        # Copied from a word processor or a web page: a non-breaking hyphen, an en dash.
        ("514\u2011555\u20110123", "+15145550123", "514 555-0123", "514-555-0123"),
        ("514 555\u20130123", "+15145550123", "514 555-0123", "514-555-0123"),
        ("514 555 0123", "+15145550123", "514 555-0123", "514-555-0123"),
        # A pay-per-call number keeps the 1 people dial, as a toll-free one does.
        ("1 900 555-1234", "+19005551234", "1 900 555-1234", "1-900-555-1234"),
        ("1-877-555-0199", "+18775550199", "1 877 555-0199", "1-877-555-0199"),
    ],
)
def test_phones_people_write_are_shown_one_way_and_linked_by_rfc_3966(taxonomy, written, tel, fr, en):
    numbering = taxonomy.conventions.phones
    phone = numbering.parse(written)
    assert (numbering.tel(phone), numbering.display(phone, "fr"), numbering.display(phone, "en")) == (tel, fr, en)
    # The stored form (French display) reads back as the same phone.
    assert numbering.parse(fr) == numbering.parse(en) == phone


@pytest.mark.parametrize(
    "written",
    [
        "555-0123",
        "123 456-7890",
        "514 555-012",
        "call us",
        "514 555-0123 <b>",
        "1 514 055-0123",
        "514 555-0123, poste",
        "514 555-0123, poste 1234567",
        "+44 20 7946 0018",
        "+1 514 555 0123 +1",
        "514 555-0123, poste ١٢",  # digits of another script: not what a phone dials
        # Words after a whole number are not a number's letters (as in "1 866 APPELLE").
        "211 info",
        "811 Info-Social",
        "811 option",
        "811 option 123",
        "514 555-0123 sans frais",
        "1 800 555-0199 OU 514 555-0123",
        # Written twice, they must say the same number.
        "1 866 APPELLE (277-3554)",
        "1 866 277-3553 (APPELER)",
        "1 866 277-3553 (514 555-0123)",
        "1 866 APPELLE (APPELLE)",
        "514 555-0123 (sans frais)",
        # A short code reaches a service, not a switchboard: an extension is a mistake.
        "911 poste 3",
        "211, ext. 12",
        "811 option 2, poste 4",
    ],
)
def test_phones_that_are_not_numbers_are_refused(taxonomy, written):
    assert taxonomy.conventions.phones.parse(written) is None


def test_special_hours_in_two_parts_are_two_exceptions_of_one_date(tmp_path, taxonomy):
    # Christmas Eve from 9 to 12 and from 13 to 15 could not be written: "two exceptions for
    # 2026-12-24" (a probe's record). Closed and open the same day is still one or the other.
    located = "    coordinates: [45.52, -73.56]\n"
    assert located in VALID
    parts = '    exceptions:\n      - {date: 2026-12-24, opens: "09:00", closes: "12:00"}\n      - {date: 2026-12-24, opens: "13:00", closes: "15:00"}\n'
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace(located, located + parts))
    assert errors == [] and len(org.data["locations"][0]["exceptions"]) == 2
    both = '    exceptions:\n      - {date: 2026-12-24, closed: true}\n      - {date: 2026-12-24, opens: "13:00", closes: "15:00"}\n'
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(located, located + both))
    assert len(errors) == 1 and "exceptions[1].date: 2026-12-24 is said both closed and open" in errors[0], errors
    for twice, said in (
        ("{date: 2026-12-24, closed: true}", "is said closed twice"),
        ('{date: 2026-12-24, opens: "09:00", closes: "12:00"}', "has the same special hours twice"),
    ):
        record = VALID.replace(located, located + f"    exceptions:\n      - {twice}\n      - {twice}\n")
        _, errors = errors_of(tmp_path, taxonomy, record)
        assert len(errors) == 1 and f"exceptions[1].date: 2026-12-24 {said}" in errors[0], errors


def test_a_short_code_for_texts_is_read_on_a_line_for_texts_alone(tmp_path, taxonomy):
    # 686868 (Kids Help Phone) takes text messages; five or six digits on a voice line are a
    # number cut short, and an extension or a menu means nothing to a text message.
    numbering = taxonomy.conventions.phones
    phone = numbering.parse("686868", "text")
    assert phone is not None and numbering.display(phone, "fr") == numbering.display(phone, "en") == "686868"
    assert numbering.tel(phone) == "686868"
    assert numbering.parse("68686", "text") is not None
    for written in ("686868 poste 2", "1234", "1234567", "686868 PARLER"):
        assert numbering.parse(written, "text") is None, written
    assert numbering.parse("686868") is None and numbering.parse("686868", "hotline") is None
    assert numbering.text_of("686868", "en", "text") == "686868"
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", '"686868"\n    type: text'))
    assert errors == []
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", '"686868"'))
    assert len(errors) == 1 and "takes text messages only: write `type: text`" in errors[0], errors


def test_words_after_a_number_are_refused_with_where_they_go(tmp_path, taxonomy):
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", '"811 Info-Social"'))
    assert len(errors) == 1 and "phones[0].number: '811 Info-Social' is not a phone number" in errors[0], errors
    assert "goes in the phone's description" in errors[0]
    # Words alone are no number followed by words: the usual message only.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", '"call us"'))
    assert len(errors) == 1 and "description" not in errors[0], errors


@pytest.mark.parametrize(
    "written, hint",
    [
        ("TTY 514 555-0100", "write the number alone, with `type: tty`"),
        ("514 555-0100 (ATS)", "write the number alone, with `type: tty`"),
        ("Télécopieur : 514 555-0100", "write the number alone, with `type: fax`"),
        ("514 555-0100 fax", "write the number alone, with `type: fax`"),
        ("Texto 514 555-0100", "write the number alone, with `type: text`"),
        ("sans frais 1 800 555-0100", "what comes before the number"),
        ("911 poste 3", "a short number (211, 911...) has no extension"),
        # A contributors' probe (stop 78): these got the examples alone.
        ("514 555-0100 / 514 555-0101", "one number a phone"),
        ("514 555-0100 ou 450 555-0101", "one number a phone"),
        ("555-0100", "the area code is missing"),
        ("1-800-FOOD-BANK", "a number in letters dials only its first seven"),
    ],
)
def test_words_around_a_number_are_refused_with_what_to_write(tmp_path, taxonomy, written, hint):
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", f'"{written}"'))
    assert len(errors) == 1 and "is not a phone number" in errors[0] and hint in errors[0], errors


@pytest.mark.parametrize("written", ["Appelez la réception", "Réception: 418 555-0197 (demander Julie)"])
def test_words_around_a_number_are_not_said_to_be_a_number_in_letters(tmp_path, taxonomy, written):
    # A reviewer's (stop 78): any refused text of more than seven letters was told so.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", f'"{written}"'))
    assert len(errors) == 1 and "in letters" not in errors[0], errors


@pytest.mark.parametrize("written", ["911 555-0123", "514 911-0123", "1 211 555-0123", "(514) 411-0123"])
def test_a_number_with_an_n11_area_code_or_exchange_is_refused(tmp_path, taxonomy, written):
    # "911 555-0123" was published as a link that dials tel:+19115550123: no such number is
    # assigned (territories.yaml national_number), and its digits start with an emergency line's.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("514 555-0100", f'"{written}"'))
    assert len(errors) == 1 and "is not a phone number" in errors[0], errors


@pytest.mark.parametrize("postal_code", ["h2l1r4", "H2L-1R4", " h2l 1r4 "])
def test_a_valid_record_keeps_its_phones_and_postal_codes_one_way(tmp_path, taxonomy, postal_code):
    text = VALID.replace("  - number: 514 555-0100\n", "  - number: (514) 555-0100 x 12\n").replace(
        "postal_code: H2L 1R4", f'postal_code: "{postal_code}"'
    )
    org, errors = errors_of(tmp_path, taxonomy, text)
    assert errors == []
    assert org.data["phones"][0]["number"] == "514 555-0100, poste 12"
    assert org.data["locations"][0]["address"]["postal_code"] == "H2L 1R4"


@pytest.mark.parametrize(
    "written, linked",
    [
        ("www.example.org/sample", "https://www.example.org/sample"),
        ("cdc-exemple.qc.ca", "https://cdc-exemple.qc.ca"),
        ("HTTPS://Example.org/Page", "https://Example.org/Page"),
        ("Http://example.org", "http://example.org"),
        ("www.example.org/aller?vers=https://example.com", "https://www.example.org/aller?vers=https://example.com"),
        # A domain with accents, as its owner writes it (a browser asks for its punycode).
        ("www.exemple-éducation.ca/aide", "https://www.exemple-éducation.ca/aide"),
    ],
)
def test_a_website_written_without_its_scheme_or_in_capitals_links_to_it(tmp_path, taxonomy, written, linked):
    """Directories write `www.example.org`: a link without https:// would be a page of this site."""
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", written))
    assert errors == []
    assert org.data["website"] == linked


SCHEMA_EXAMPLE = "https://example.org/page, or www.example.org/page for https://www.example.org/page"


@pytest.mark.parametrize("written", ["info@example.org", "https//example.org", "www", "example", "javascript:x.y"])
def test_what_cannot_be_a_website_is_refused(tmp_path, taxonomy, written):
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", written))
    assert len(errors) == 1 and errors[0].endswith(
        f":8: website: expected an http(s) address: {SCHEMA_EXAMPLE}. Found {written!r}"
    ), errors


@pytest.mark.parametrize("written", ["514 555-0100 #12", "(514) 555-0100  # 12", "514-555-0100 #12  # the desk"])
def test_an_extension_yaml_takes_for_a_comment_is_an_error_not_lost(tmp_path, taxonomy, written):
    # The contract writes "#12" among the extensions; unquoted, YAML drops it as a comment and
    # the page called the switchboard without a word.
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace("  - number: 514 555-0100\n", f"  - number: {written}\n"))
    assert org is None
    (error,) = errors
    assert error.startswith(f"{tmp_path / 'sample-org.yaml'}:11: phones[0].number: ") and "in quotes" in error, error
    quoted = VALID.replace("  - number: 514 555-0100\n", '  - number: "514 555-0100 #12"\n')
    org, errors = errors_of(tmp_path, taxonomy, quoted)
    assert errors == [] and org.data["phones"][0]["number"] == "514 555-0100, poste 12"
    # A comment in words after a number is a comment.
    for comment in ("# reception, ask for Ana", "# 24 h sur 24 depuis 2025"):
        said = VALID.replace("  - number: 514 555-0100\n", f"  - number: 514 555-0100  {comment}\n")
        assert errors_of(tmp_path, taxonomy, said)[1] == [], comment


@pytest.mark.parametrize(
    "record",
    [
        # A file saved on Windows: its lines end with "\r\n".
        VALID.replace("  - number: 514 555-0100\n", "  - number: 514 555-0100 #12\n").replace("\n", "\r\n"),
        # Words after the extension, in the comment YAML reads.
        VALID.replace("  - number: 514 555-0100\n", "  - number: 514 555-0100 #12 accueil\n"),
        # The number in braces.
        VALID.replace("  - number: 514 555-0100\n", "  - {number: 514 555-0100 #12\n    }\n"),
        # ... on one line, as the contract's "(514) 555-0123 #12" is written: the comment took
        # the closing brace, and YAML's error, on the next line, said nothing of the "#".
        VALID.replace("  - number: 514 555-0100\n", "  - {number: 514 555-0100 #12}\n"),
        VALID.replace("  - number: 514 555-0100\n", "  - {number: 514 555-0100 #12, type: voice}\n"),
    ],
    ids=["windows-lines", "words-after", "braces", "braces-one-line", "braces-then-type"],
)
def test_an_extension_taken_for_a_comment_is_an_error_however_the_file_is_written(tmp_path, taxonomy, record):
    org, errors = errors_of(tmp_path, taxonomy, record)
    assert org is None
    (error,) = errors
    assert (
        error.startswith(f"{tmp_path / 'sample-org.yaml'}:11: phones[0].number: ") and '"514 555-0100 #12"' in error
    ), error


@pytest.mark.parametrize(
    "email", ["o'brien@example.org", "andré.côté@exemple-éducation.ca", "a.b+aide@xn--exemple-ducation-gmb.qc.ca"]
)
def test_an_address_with_accents_or_signs_people_use_is_an_email(tmp_path, taxonomy, email):
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace("info@example.org", f'"{email}"'))
    assert errors == [] and org.data["email"] == email


@pytest.mark.parametrize(
    "written, field, hint",
    [
        # French typography puts a space before a colon: YAML read a field's name in the text.
        (
            "fees: Gratuit : contribution volontaire",
            "fees",
            'a colon and a space in it (as in French, "Gratuit : ...") must be in quotes',
        ),
        ("eligibility: {fr: Adultes : 18 ans et plus}", "eligibility", 'inside { } or [ ], a text with ":"'),
        ("email: & Co", "email", 'a text that starts with "&" must be in quotes'),
        ("email: @ccès", "email", 'a text cannot start with "@" in YAML: write it in quotes'),
        # A name that starts with YAML's own signs (contract probe, stop 69): said as anchors,
        # aliases or a block, never that quotes would do.
        ("email: *info*", "email", 'a text cannot start with "*" in YAML: write it in quotes'),
        ("email: |info", "email", 'a text cannot start with "|" in YAML: write it in quotes'),
        # Read as an anchor, an alias or a tag, which records do not use: said so, and the quotes.
        ("email: &Co Entraide", "email", 'a text that starts with "&" goes in quotes ("&Co ...")'),
        ("email: *Gratuit", "email", 'a text that starts with "*" goes in quotes ("*Gratuit ...")'),
        ("email: !Gratuit", "email", 'a text that starts with "!" goes in quotes'),
        ("email: 'l'aide'", "email", 'write one with an apostrophe in double quotes ("l\'aide")'),
        # A tab: "found character that cannot start any token" never said "tab" (stop 68).
        ("\temail: info@example.org", "email", "a tab: YAML indents with spaces only"),
        # No space after the colon: YAML's error was at the next line, of the next field (a
        # helper's probe).
        ("email:info@example.org", "email", 'no space after "email:": write "email: info@example.org"'),
    ],
)
def test_text_yaml_cannot_read_is_said_to_need_quotes_at_its_field(tmp_path, taxonomy, written, field, hint):
    # A probe's contributor (stop 67): "YAML syntax error: mapping values are not allowed in
    # this context", of no field, for French text with " : " that only needed quotes.
    record = VALID.replace("email: info@example.org", written)
    line = record.split("\n").index(written) + 1
    _, errors = errors_of(tmp_path, taxonomy, record)
    (error,) = errors
    assert error.startswith(f"{tmp_path / 'sample-org.yaml'}:{line}: {field}: YAML ") and hint in error, error


@pytest.mark.parametrize(
    "before, after, line, hint",
    [
        (
            "    coordinates: [45.52",
            "     coordinates: [45.52",
            17,
            "line 17 starts 5 spaces in, the line above 4",
        ),
        # A reviewer's: one space short of the fields above, told against them, not its block's;
        # a quoted text with "#" in it is whole.
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            '    address:\n      street: "1, rue Exemple, local #2"\n     city: Montréal',
            18,
            "line 18 starts 5 spaces in, the line above 6",
        ),
        ("  en: Food aid", "   en: Food aid", 6, '"en:" is not lined up'),
        ("  - id: main", " - id: main", 16, '"address:" is not lined up'),
    ],
)
def test_a_field_one_space_off_is_said_to_be_off(tmp_path, taxonomy, before, after, line, hint):
    # A contributors' probe (stop 78): a field one space off was told "did not find expected
    # key" and to close a quote that was closed, or a colon to quote.
    assert before in VALID
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, after))
    (error,) = errors
    assert error.startswith(f"{tmp_path / 'sample-org.yaml'}:{line}: ") and hint in error, error
    assert "a field lines up with the fields above it" in error and "quote" not in error, error


@pytest.mark.parametrize(
    "written",
    [
        'email: "info@example.org',  # closed by the phone number's opening quote, two lines below
        'website: "https://example.org/sample',  # the same, three lines below
        "email: 'info@example.org",
        'name: {fr: "Organisme exemple, en: Sample organization}',  # in braces, closed by "Aide"
    ],
)
def test_a_quote_left_open_is_said_at_the_line_it_opens(tmp_path, taxonomy, written):
    # stop 67: a quote left open was reported at the line where YAML stopped, with that line's
    # field ("26: phones: ..."): the contributor looked for a fault in a correct phone number.
    old = next(line for line in VALID.split("\n") if line.startswith(written.split(":")[0] + ":"))
    record = VALID.replace(old, written).replace("  - number: 514 555-0100", '  - number: "514 555-0100"')
    if written.startswith("name"):
        record = record.replace("  fr: Aide alimentaire", '  fr: "Aide alimentaire').replace(
            "jugement ».", 'jugement »."'
        )
    line = record.split("\n").index(written) + 1
    _, errors = errors_of(tmp_path, taxonomy, record)
    (error,) = errors
    field = written.split(":")[0]
    assert error.startswith(
        f"{tmp_path / 'sample-org.yaml'}:{line}: {field}: YAML syntax error: the quote opened on line {line} is not closed"
    ), error


def test_a_text_quoted_over_several_lines_on_purpose_is_not_said_left_open(tmp_path, taxonomy):
    record = VALID.replace(
        "  fr: Aide alimentaire & écoute « sans jugement ».", '  fr: "Aide alimentaire &\n    écoute" »'
    )
    _, errors = errors_of(tmp_path, taxonomy, record)
    (error,) = errors
    assert "is not closed" not in error and ":6: " in error, error


def test_a_value_yaml_reads_as_a_number_is_said_to_need_quotes(tmp_path, taxonomy):
    # An id of digits (allowed) written bare was "the number 123", then "the id '123' must
    # equal the file name '123'".
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("id: sample-org", "id: 123"), name="123.yaml")
    assert errors == [
        f'{tmp_path / "123.yaml"}:2: id: expected text, found the number 123: write it in quotes ("...") to keep it as text'
    ]
    quoted = VALID.replace("id: sample-org", 'id: "123"')
    assert errors_of(tmp_path, taxonomy, quoted, name="123.yaml")[1] == []


def test_a_choice_yaml_reads_as_yes_or_no_says_why(tmp_path, taxonomy):
    # "status: yes" was "expected one of active, inactive, temporarily_closed, found True".
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("id: sample-org", "id: sample-org\nstatus: yes"))
    assert [error.split(": ", 1)[1] for error in errors] == [
        "status: expected one of active, inactive, temporarily_closed, found a yes/no value"
        " (YAML reads yes, no, on and off so)"
    ]


def test_a_closed_date_with_hours_and_values_of_yes_or_no_are_said_in_the_file_s_words(tmp_path, taxonomy):
    # A probe's record: a closed date with its hours was told "unknown field 'closes' (did you
    # mean 'closed'?)"; "closed: false" was "found False" and "[yes, no]" coordinates were
    # "[True, False] is outside Quebec": Python's spellings, not the file's.
    located = "    coordinates: [45.52, -73.56]\n"
    for exception, said in (
        (
            '{date: 2026-12-25, closed: true, opens: "10:00", closes: "12:00"}',
            "exceptions[0]: 'closed' and 'opens', 'closes' do not go together: keep one or the other",
        ),
        ("{date: 2026-12-25, closed: false}", "exceptions[0].closed: expected true, found false (a yes/no value)"),
    ):
        text = VALID.replace(located, f"{located}    exceptions:\n      - {exception}\n")
        _, errors = errors_of(tmp_path, taxonomy, text)
        assert [error.split(": ", 1)[1] for error in errors] == [f"locations[0].{said}"]
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(located, "    coordinates: [yes, no]\n"))
    assert [error.split(": ", 1)[1] for error in errors] == [
        "locations[0].coordinates[0]: expected a number, found true (a yes/no value)",
        "locations[0].coordinates[1]: expected a number, found false (a yes/no value)",
    ]


@pytest.mark.parametrize(
    "before, after, line, field, said",
    [
        (
            "name: {fr: Organisme exemple, en: Sample organization}",
            "name: Centre d'aide #2 de Verdun",
            3,
            "name",
            '"Centre d\'aide #2 de Verdun"',
        ),
        (
            "  en: Food aid & listening",
            "  en: Bring your card #RAMQ and food aid & listening",
            6,
            "description.en",
            '"Bring your card #RAMQ and food aid & listening',
        ),
        ("  - id: main\n", "  - id: main\n    name: Bureau #210\n", 16, "locations[0].name", '"Bureau #210"'),
    ],
)
def test_a_text_cut_by_a_hash_is_refused_and_told_to_be_quoted(tmp_path, taxonomy, before, after, line, field, said):
    # A helper's probe: YAML takes " #210" for a comment and drops the rest of the line; the
    # record was published as "Centre d'aide", its street without its suite, unsaid.
    assert before in VALID
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, after))
    assert len(errors) == 1 and f'sample-org.yaml:{line}: {field}: the "#" after' in errors[0], errors
    assert f"write the whole text in quotes ({said}" in errors[0]
    # A comment, with its space, stays a comment; a quoted text keeps its "#".
    commented = VALID.replace("categories: [alimentation]", "categories: [alimentation]  # the main one first")
    assert errors_of(tmp_path, taxonomy, commented.replace("Organisme exemple", "'Centre #2'"))[1] == []


@pytest.mark.parametrize(
    "before, after, line, said",
    [
        # A reviewer's: the quick reader let "C# #2" through, cut.
        ("name: {fr: Organisme exemple, en: Sample organization}", "name: Cours C# #2", 3, '"Cours C# #2"'),
        # In braces, the text ends at its comma.
        ("name: {fr: Organisme exemple, en: Sample organization}", "name: {fr: Local #2, en: Site 2}", 3, '"Local #2"'),
        # The text's next line, which YAML took for a comment.
        (
            "  en: Food aid & listening",
            "  en: Food aid, room\n    #210, & listening",
            7,
            '"Food aid, room #210, & listening',
        ),
        # A hostile-input probe's (stop 76): a text on the line below its key, or after its
        # dash, lost its next line, measured against the text's own indentation.
        (
            "name: {fr: Organisme exemple, en: Sample organization}",
            "name:\n  Centre d'aide\n  #2 de Verdun",
            5,
            '"Centre d\'aide #2 de Verdun"',
        ),
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            "    address:\n      street:\n        4000, rue Wellington\n        #210\n      city: Montréal",
            19,
            '"4000, rue Wellington #210"',
        ),
        ("service_area: [montreal]", "service_area:\n  - montreal\n    #laval", 14, '"montreal #laval"'),
        # A contributors' probe (stop 78): "local # 210" with its space lost the suite, unsaid.
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            "    address:\n      street: 9482, boulevard Victoria, local # 210\n      city: Montréal",
            17,
            '"9482, boulevard Victoria, local # 210"',
        ),
        (
            "name: {fr: Organisme exemple, en: Sample organization}",
            "name: Centre bureau # 200B  ",
            3,
            '"Centre bureau # 200B"',
        ),
        # Stop 78's note: a suite or a floor after "# " was dropped unsaid, and "# 210" on the
        # text's next line, deeper than its field.
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            "    address:\n      street: 9482, boulevard Victoria # 2e étage\n      city: Montréal",
            17,
            '"9482, boulevard Victoria # 2e étage"',
        ),
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            "    address:\n      street: 4000, rue Wellington  # Bureau 210\n      city: Montréal",
            17,
            '"4000, rue Wellington # Bureau 210"',
        ),
        (
            '    address: {street: "1, rue Exemple", city: Montréal, postal_code: H2L 1R4}',
            "    address:\n      street: 4000, rue Wellington\n        # 210\n      city: Montréal",
            18,
            '"4000, rue Wellington # 210"',
        ),
    ],
)
def test_a_text_cut_by_a_hash_is_told_as_written(tmp_path, taxonomy, before, after, line, said):
    assert before in VALID
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, after))
    assert len(errors) == 1 and f"sample-org.yaml:{line}: " in errors[0], errors
    assert f"write the whole text in quotes ({said}" in errors[0], errors
    # A comment at its key's indentation, or below the text with its space, stays a comment.
    for commented in (
        "name:\n  Organisme exemple\n#2 de Verdun",
        "name:\n  Organisme exemple\n  # a comment",
        "name: Organisme exemple  # 2 sites, checked 2024",
        "name: Organisme exemple  # room for two cars",
        "name: Organisme exemple  # étage à confirmer",
        "name:\n  Organisme exemple\n# 210",
    ):
        text = VALID.replace("name: {fr: Organisme exemple, en: Sample organization}", commented)
        assert errors_of(tmp_path, taxonomy, text)[1] == []


def test_spaces_around_a_text_or_doubled_in_it_are_not_published(tmp_path, taxonomy):
    # A contributors' probe (stop 78): "  Aide aux devoirs  de Lévis " was the page's title and
    # the lists' cell as written. A no-break space is French typography's: kept.
    text = (
        VALID.replace(
            "name: {fr: Organisme exemple, en: Sample organization}",
            'name: {fr: "  Aide aux devoirs  de Lévis ", en: "Homework\tHelp "}',
        )
        .replace("city: Montréal", 'city: " Montréal"')
        .replace(
            "  fr: Aide alimentaire & écoute « sans jugement ».",
            '  fr: " Aide alimentaire & écoute\u00a0: « sans jugement »."',
        )
    )
    org, errors = errors_of(tmp_path, taxonomy, text)
    assert errors == []
    assert org.data["name"] == {"fr": "Aide aux devoirs de Lévis", "en": "Homework Help"}
    assert org.data["locations"][0]["address"]["city"] == "Montréal"
    assert org.data["description"]["fr"] == "Aide alimentaire & écoute\u00a0: « sans jugement »."


@pytest.mark.parametrize(
    "before, after",
    [
        ("website: https://example.org/sample", "website: https://example.org/sample  # 2"),
        ("postal_code: H2L 1R4}", "postal_code: H2L 1R4}  # 2024"),
        ("  - id: main", "  - id: main  # 1"),
        ("service_area: [montreal]", "service_area:\n  - montreal  # 1"),
    ],
)
def test_a_number_alone_in_a_comment_after_what_no_suite_follows_is_a_comment(tmp_path, taxonomy, before, after):
    # A reviewer's (stop 78): "local # 210" is refused, but a postal code, an address or an id
    # followed by "# 2" was too.
    assert before in VALID
    assert errors_of(tmp_path, taxonomy, VALID.replace(before, after))[1] == []


def test_an_address_on_a_line_of_a_text_is_no_field(tmp_path, taxonomy):
    # A reviewer's: "https:" on a wrapped line was told 'no space after "https:"', and the
    # advice broke the address; the " : " below it is the problem.
    text = VALID.replace(
        "  fr: Aide alimentaire & écoute « sans jugement ».",
        "  fr: Inscription sur notre site\n    https://example.org/inscription\n    Horaire : du lundi au jeudi",
    )
    _, errors = errors_of(tmp_path, taxonomy, text)
    assert len(errors) == 1 and "https" not in errors[0].split(": YAML")[0] and "Gratuit : ..." in errors[0], errors


def test_ages_with_a_leading_zero_are_read_as_written(tmp_path, taxonomy):
    # YAML 1.1 reads an unquoted 012 as octal: "maximum_age: 012" was published "up to 10".
    org, errors = errors_of(
        tmp_path,
        taxonomy,
        VALID.replace("    locations: [main]", "    locations: [main]\n    minimum_age: 05\n    maximum_age: 012"),
    )
    assert errors == [] and (org.data["services"][0]["minimum_age"], org.data["services"][0]["maximum_age"]) == (5, 12)


def test_an_exception_date_of_another_form_is_told_the_form(tmp_path, taxonomy):
    located = "    coordinates: [45.52, -73.56]\n"
    text = VALID.replace(located, located + "    exceptions:\n      - {date: 25/12/2026, closed: true}\n")
    _, errors = errors_of(tmp_path, taxonomy, text)
    assert [e.split(": ", 1)[1] for e in errors] == [
        "locations[0].exceptions[0].date: expected the date, written YYYY-MM-DD (2026-12-25). Found '25/12/2026'"
    ]


def test_an_address_in_angle_brackets_is_text_not_a_tag(tmp_path, taxonomy):
    # "<https://...>" was refused as an HTML tag ("https:" taken for a tag's name).
    text = VALID.replace("  fr: Aide alimentaire", "  fr: Inscription en ligne <https://example.org/inscription>. Aide")
    assert errors_of(tmp_path, taxonomy, text)[1] == []
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("  fr: Aide alimentaire", "  fr: <script//>Aide"))
    assert len(errors) == 1 and "HTML tags are not allowed" in errors[0]


def test_a_field_without_a_space_after_its_colon_is_said_at_its_own_line(tmp_path, taxonomy):
    # At the file's end, YAML's error named a line past it; in a mapping, the field below.
    _, errors = errors_of(tmp_path, taxonomy, VALID + "email:info@example.org\n")
    assert [e.split(": ", 1)[1] for e in errors] == [
        'email: YAML syntax error: no space after "email:": write "email: info@example.org"'
    ]
    assert errors[0].startswith(f"{tmp_path / 'sample-org.yaml'}:{VALID.count(chr(10)) + 1}: ")
    text = VALID.replace("description:\n  fr: Aide alimentaire", "description:\n  fr:Aide alimentaire")
    _, errors = errors_of(tmp_path, taxonomy, text)
    assert [e.split(": ", 1)[1] for e in errors] == [
        'fr: YAML syntax error: no space after "fr:": write "fr: Aide alimentaire & écoute « sans jugeme…"'
    ]
    assert errors[0].startswith(f"{tmp_path / 'sample-org.yaml'}:5: ")


def test_a_province_in_brackets_is_not_taken_for_a_city(taxonomy):
    # Canada Post writes "Saint-Fabien (Québec)": the province, not Québec City.
    assert taxonomy.municipality("Saint-Fabien (Québec)") is None
    assert taxonomy.municipality("Saint-Fabien (QC)") is None
    assert taxonomy.municipality("Verdun (Montréal)").slug == "ville-de-montreal"
    assert taxonomy.municipality("Lévis (Québec)").slug == "levis"
    # As packages and addresses write them: a province after, a title before.
    assert taxonomy.municipality("Laval, QC").slug == "ville-de-laval"
    assert taxonomy.municipality("Montreal Quebec").slug == "ville-de-montreal"
    assert taxonomy.municipality("Ville de Québec").slug == "ville-de-quebec"
    assert taxonomy.municipality("Québec").slug == "ville-de-quebec"
    assert taxonomy.municipality("Ville-Marie").slug == "ville-marie"  # its own name first


def test_looking_for_a_commented_extension_takes_no_longer_on_a_long_line(tmp_path, taxonomy):
    # The first pattern backtracked: 18 s for a 100 KB line of spaces, half an hour at 1 MiB.
    hostile = VALID.replace("  - number: 514 555-0100\n", "  - number: 5" + " " * 500_000 + "5 # x\n")
    started = time.process_time()
    org, errors = errors_of(tmp_path, taxonomy, hostile)
    assert org is None and errors and time.process_time() - started < 5


@pytest.mark.parametrize(
    "city, region",
    [
        ("Chicoutimi", "saguenay-lac-saint-jean"),  # merged into Saguenay in 2002
        ("Verdun", "montreal"),  # a borough of Montréal
        ("Saint-Laurent (Montréal)", "montreal"),
        ("Montréal (Verdun)", "montreal"),
        ("Ste-Foy", "capitale-nationale"),
        ("Hull", "outaouais"),
    ],
)
def test_a_city_written_as_addresses_give_it_finds_its_region(tmp_path, taxonomy, city, region):
    # Without coordinates, a location in "Chicoutimi" or "Saint-Laurent (Montréal)" was in no
    # region: on no region page, list or printed directory.
    text = VALID.replace("city: Montréal,", f'city: "{city}",').replace("    coordinates: [45.52, -73.56]\n", "")
    org, errors = errors_of(tmp_path, taxonomy, text)
    assert errors == [] and org.regions[0] == region, (errors, org and org.regions)  # locations first


def test_an_age_written_with_a_decimal_point_is_a_whole_number(tmp_path, taxonomy):
    org, errors = errors_of(
        tmp_path, taxonomy, VALID.replace("    locations: [main]\n", "    locations: [main]\n    minimum_age: 18.0\n")
    )
    assert errors == [] and org.data["services"][0]["minimum_age"] == 18
    assert type(org.data["services"][0]["minimum_age"]) is int  # "18 ans", not "18.0 ans"


def test_demonstration_records_are_valid(taxonomy):
    organizations = load_directory(record_paths(ROOT / "content" / "organizations"), taxonomy, TODAY)
    assert len(organizations) >= 150
    assert {c for org in organizations for c in org.categories} == set(taxonomy.categories)
    assert len({r for org in organizations for r in org.regions}) >= 10


def test_parallel_loading_gives_the_same_records_and_errors(tmp_path, taxonomy, monkeypatch):
    import subprocess
    import sys

    from repertoire import records

    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), "40", str(tmp_path / "set")],
        check=True,
        capture_output=True,
    )
    paths = record_paths(tmp_path / "set")
    sequential = load_directory(paths, taxonomy, TODAY)
    monkeypatch.setattr(records, "PARALLEL_FROM", 10)
    parallel = load_directory(paths, taxonomy, TODAY)
    assert [(o.id, o.data, o.regions) for o in parallel] == [(o.id, o.data, o.regions) for o in sequential]
    broken = paths[5].read_text(encoding="utf-8").replace("last_verified:", "last_verifed:")
    paths[5].write_text(broken, encoding="utf-8")
    with pytest.raises(RecordsInvalid) as caught:
        load_directory(paths, taxonomy, TODAY)
    assert f"{paths[5]}:" in str(caught.value) and "did you mean 'last_verified'" in str(caught.value)


def test_validate_says_the_same_on_every_core(tmp_path, monkeypatch, capsys):
    import subprocess
    import sys

    from repertoire import records

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), "40", str(tmp_path / "set")],
        check=True,
        capture_output=True,
    )
    paths = record_paths(tmp_path / "set")
    for path, old, new in (
        (paths[3], "last_verified:", "last_verifed:"),
        (paths[30], "type: voice", "type: vocie"),
        (paths[31], "status: active", "status: [active]"),
    ):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    said = []
    for first in (10**9, 10):  # one process, then workers
        monkeypatch.setattr(records, "PARALLEL_FROM", first)
        said.append((validate.main(list(map(str, paths))), capsys.readouterr()))
    assert said[0] == said[1] and said[0][0] == 1
    assert said[0][1].err.strip().endswith("error(s) in 3 of 40 file(s)")


def test_validate_given_a_file_the_build_does_not_read_says_so(tmp_path, capsys):
    # A helper's probe (stop 80): "x.yaml~" given passed ("1 record(s) valid") where the build
    # refuses it; "x.yaml.bak" was told to be renamed "x-yaml.yaml"; a bulletin was read as YAML.
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    folder = tmp_path / "organizations"
    folder.mkdir()
    (folder / "sample-org.yaml").write_text(VALID, encoding="utf-8")
    for name in ("sample-org.yaml~", "sample-org.yaml.bak", "bulletin.fr.md"):
        (folder / name).write_text(VALID if "yaml" in name else "Title: x\n", encoding="utf-8")
        assert validate.main([str(folder / "sample-org.yaml"), str(folder / name)]) == 1, name
        said = capsys.readouterr().out
        assert f"{folder / name}:1: (file): not read: a record is a .yaml file (<id>.yaml)" in said, said
        assert "rename" not in said and "YAML" not in said, said


def test_validate_given_a_file_compares_its_id_with_the_files_beside_it(tmp_path, capsys):
    # A pull request's x.yml beside x.yaml: the check of its changed files passed, the build
    # refused it (a helper's probe).
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    folder = tmp_path / "organizations"
    folder.mkdir()
    (folder / "sample-org.yaml").write_text(VALID, encoding="utf-8")
    (folder / "sample-org.yml").write_text(VALID, encoding="utf-8")
    for given in (["sample-org.yml"], ["sample-org.yaml"], ["sample-org.yaml", "sample-org.yml"]):
        assert validate.main([str(folder / name) for name in given]) == 1, given
        said = capsys.readouterr().out
        assert (
            f"{folder / 'sample-org.yml'}:1: id: duplicate id 'sample-org', also in {folder / 'sample-org.yaml'}"
            in said
        )
    # A link beside its target is a record of its own to the build, however the paths are
    # spelled (a reviewer's); a file given twice, relative and absolute, is one file.
    (folder / "sample-org.yml").unlink()
    (folder / "sample-org.yml").symlink_to("sample-org.yaml")
    for given in (["sample-org.yml"], ["sample-org.yaml"]):
        assert validate.main([str(folder / name) for name in given]) == 1, given
        assert "duplicate id 'sample-org'" in capsys.readouterr().out
    (folder / "sample-org.yml").unlink()
    relative = os.path.relpath(folder / "sample-org.yaml")
    assert validate.main([relative, str(folder / "sample-org.yaml")]) == 0
    assert "1 record(s) valid" in capsys.readouterr().err
    # The same record drafted in another folder is not its twin; given twice, it is one file.
    draft = tmp_path / "draft" / "sample-org.yaml"
    draft.parent.mkdir()
    draft.write_text(VALID, encoding="utf-8")
    assert validate.main([str(draft), str(draft)]) == 0, capsys.readouterr()


# --- the quick reader and the careful one agree ----------------------------------------------
# quick_loads() reads plain valid records without lines and gives up (UNSURE) on anything
# else; loads() reads every file with the line of every field. For every file the quick
# reader accepts, both give the same data; every file the careful one refuses, the quick
# one gives up on; and read_record() says the same either way.

YAML_QUIRKS = [
    # (label, YAML text): writings where a lean reader could go wrong
    ("yes/no/on/off", "a: yes\nb: No\nc: on\nd: OFF\ne: 'yes'\n"),
    ("octal, hex, binary, underscores", "a: 012\nb: 0x1F\nc: 0b101\nd: 1_000\ne: 0o17\n"),
    ("base 60", "a: 9:00\nb: 17:30:15\nc: 1:30.5\nd: -1:30\n"),
    ("dates and times", "a: 2026-12-25\nb: 2026-1-5\nc: 2026-02-30\nd: 2026-12-25 10:00:00\ne: 2026-12-25T10:00:00Z\n"),
    ("floats", "a: .inf\nb: -.Inf\nc: .NaN\nd: 1e3\ne: 6.02e+23\nf: 45.5275\n"),
    ("nulls", "a: ~\nb: null\nc:\nd: Null\n"),
    ("quoted look-alikes", "a: '09:00'\nb: \"2026-12-25\"\nc: 'null'\nd: \"012\"\n"),
    ("block scalars", "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  kept\n\n"),
    ("escapes", "a: \"tab\\there \\u00e9 \\x41\"\nb: 'it''s'\n"),
    ("tabs in text", 'a: "x\ty"\nb: x\ty\n'),
    ("flow style", "{a: [1, 2, {b: c}], d: {e: f}}\n"),
    ("explicit tags", "a: !!str 012\nb: !!int '7'\nc: !!binary aGVsbG8=\nd: !custom x\ne: !!float 1\n"),
    ("tagged collections", "a: !!set {x, y}\nb: !!omap [{x: 1}]\n"),
    ("non-text keys", "1: one\ntrue: yes\nnull: nothing\n2.5: x\n"),
    ("key that looks like a date", "2026-01-01: x\n"),
    ("merge key", "a: {x: 1}\nb:\n  <<: {y: 2}\n"),
    ("merge look-alike value", "a: <<\nb: =\n"),
    ("anchor without alias", "a: &x 1\nb: 2\n"),
    ("alias", "a: &x [1]\nb: *x\n"),
    ("duplicate key", "a: 1\nb: 2\na: 3\n"),
    ("duplicate key in flow", "{a: 1, a: 1}\n"),
    ("complex key", "? [a, b]\n: c\n"),
    ("empty document", ""),
    ("comment only", "# nothing\n"),
    ("scalar document", "just text\n"),
    ("list document", "- a\n- b\n"),
    ("two documents", "a: 1\n---\nb: 2\n"),
    ("document markers", "---\na: 1\n...\n"),
    ("directive", "%YAML 1.1\n---\na: 1\n"),
    ("syntax error", "a: [1, 2\nb: 3\n"),
    ("tab indentation", "a:\n\tb: 1\n"),
    ("control character", 'a: "bell \\a"\n'),
    ("bidi and non-characters", 'a: "\\u202e x"\nb: "\\ufeff"\n'),
    ("deep nesting", "a: " + "[" * 20 + "]" * 20 + "\n"),
    ("as deep as allowed", "a: " + "[" * 15 + "x" + "]" * 15 + "\n"),
    ("too many entries", "a: [" + ", ".join(["1"] * 1001) + "]\n"),
    ("as many entries as allowed", "a: [" + ", ".join(["1"] * 1000) + "]\n"),
    ("byte order mark", "\ufeffa: 1\n"),
    ("CRLF", "a: 1\r\nb: |\r\n  x\r\n  y\r\n"),
]


def _careful(text):
    from repertoire.yamlfile import YAMLFileError, loads

    try:
        return loads(text)[0]
    except YAMLFileError as exc:
        return exc


@pytest.mark.parametrize("label, text", YAML_QUIRKS, ids=[q[0] for q in YAML_QUIRKS])
def test_the_quick_reader_gives_the_careful_readers_data_or_gives_up(label, text):
    from repertoire.yamlfile import UNSURE, quick_loads

    quick, careful = quick_loads(text), _careful(text)
    if isinstance(careful, Exception) or not isinstance(careful, dict):
        assert quick is UNSURE, (label, careful)
    elif quick is not UNSURE:
        assert repr(quick) == repr(careful), label  # repr: NaN equals itself, 1 is not True


def test_the_quick_reader_reads_plain_records_itself():
    """The fast path is taken by the files it is for (else it would only be slower)."""
    from repertoire.yamlfile import UNSURE, quick_loads

    assert quick_loads(VALID) is not UNSURE
    for label, text in YAML_QUIRKS[: YAML_QUIRKS.index(("flow style", "{a: [1, 2, {b: c}], d: {e: f}}\n")) + 1]:
        assert quick_loads(text) is not UNSURE, label


@pytest.fixture(scope="module")
def record_sets(tmp_path_factory) -> dict:
    """Record files by kind: demonstration, generated (and lengthened as real ones are), hostile,
    fixtures, invalid (the writings above)."""
    import subprocess
    import sys

    tmp_path = tmp_path_factory.mktemp("record-sets")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_records.py"), "300", str(tmp_path / "generated")],
        check=True,
        capture_output=True,
    )
    sys.path.insert(0, str(ROOT / "scripts"))
    from bench_records import realistic_copy  # the generated records lengthened as real ones are

    realistic_copy(tmp_path / "generated", tmp_path / "realistic")
    sets = {
        "demonstration": record_paths(ROOT / "content" / "organizations"),
        "generated": record_paths(tmp_path / "generated"),
        "realistic": record_paths(tmp_path / "realistic"),
        "hostile": sorted((ROOT / "tests" / "hostile" / "records").glob("*.yaml")),
        "fixtures": record_paths(FIXTURES / "organizations"),
    }
    texts = [VALID.replace(old, new, 1) for _, old, new, *_ in BAD] + [text for _, text in YAML_QUIRKS]
    sets["invalid"] = []
    for i, text in enumerate(texts):  # one folder each: the file name is the record's id
        (tmp_path / "bad" / str(i)).mkdir(parents=True)
        sets["invalid"].append(write(tmp_path / "bad" / str(i), text))
    return sets


def test_fast_and_careful_paths_agree_on_every_record(record_sets, taxonomy, monkeypatch):
    """Same data for valid files, same errors (file, line, field, message) for the others,
    on the demonstration records, generated ones, the hostile corpus and the bad writings above."""
    from repertoire import records
    from repertoire.yamlfile import UNSURE, quick_loads

    sets = record_sets
    quick = {p: records.read_record(p, taxonomy, TODAY) for paths in sets.values() for p in paths}
    monkeypatch.setattr(records, "quick_loads", lambda text, limits=None: UNSURE)
    for label, paths in sets.items():
        for path in paths:
            org, errors = records.read_record(path, taxonomy, TODAY)
            fast_org, fast_errors = quick[path]
            assert fast_errors == errors, (label, path)
            assert (fast_org and (fast_org.data, fast_org.regions, fast_org.municipalities)) == (
                org and (org.data, org.regions, org.municipalities)
            ), (label, path)
    # The fast path did read the valid ones, and no hostile record.
    assert all(quick_loads(p.read_text(encoding="utf-8")) is not UNSURE for p in sets["generated"] + sets["realistic"])
    assert all(quick[p][1] for p in sets["hostile"])
    assert not any(quick[p][1] for p in sets["generated"] + sets["realistic"])


def test_the_compiled_schema_check_agrees_with_the_explaining_validator(record_sets):
    """The compiled yes/no check says no exactly when the thorough validator finds errors."""
    import fastjsonschema

    from repertoire import records
    from repertoire.yamlfile import loads

    checked = 0
    for paths in record_sets.values():
        for path in paths:
            try:
                data = loads(path.read_text(encoding="utf-8"))[0]
            except Exception:  # not YAML, or not read: nothing to validate
                continue
            try:
                records._fast_check()(data)
                fast_ok = True
            except fastjsonschema.JsonSchemaException:
                fast_ok = False
            assert fast_ok == (not list(records.schema_validator().iter_errors(data))), path
            checked += 1
    assert checked > 400


@pytest.mark.parametrize(
    "value",
    [
        "Nom",
        {"fr": "Nom"},
        {"fr": "Nom", "en": "Name"},
        {"en": "Name"},
        {},
        {"de": "Name"},
        {"fr": 5},
        {"fr": ""},
        "",
        "  ",
        "<b>Nom</b>",
        ["Nom"],
        5,
        None,
        True,
    ],
)
def test_the_compiled_check_reads_a_text_or_its_languages_as_the_schema_says(value):
    """A text is a plain string or {fr, en}: the compiled check tries the mapping first (see
    records._exclusive_any_of), with the same answer as the schema's oneOf."""
    import copy

    import fastjsonschema

    from repertoire import records
    from repertoire.yamlfile import load

    data = load(FIXTURES / "organizations" / "minimal.yml")[0]
    for field in ("name", "description"):
        changed = copy.deepcopy(data)
        changed[field] = value
        try:
            records._fast_check()(changed)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        assert fast_ok == (not list(records.schema_validator().iter_errors(changed))), (field, value)


def test_the_compiled_schema_check_is_trimmed_of_what_only_names_problems():
    """The yes/no check's speed comes from code fastjsonschema writes one way: if an upgrade
    writes it otherwise, this says so (the check stays right, only slower)."""
    import json

    import fastjsonschema

    from repertoire import records

    schema = json.loads(records.SCHEMA_PATH.read_text(encoding="utf-8"))
    code = records._yes_or_no(fastjsonschema.compile_to_code(schema, formats={"date": records._is_date}))
    assert records._NAMED_ITEM not in code
    assert code.count("def fn(") == 1


def test_validate_for_github_cannot_forge_a_workflow_command(tmp_path, capsys):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    folder = tmp_path / "a,b:c"
    folder.mkdir()
    path = folder / "sample-org.yaml"
    path.write_text(
        VALID.replace("514 555-0100", '"x\\r::notice title=Validation::All records are valid"'), encoding="utf-8"
    )
    assert validate.main(["--format", "github", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith("::error file=") for line in lines)
    assert "\r" not in "".join(lines) and "file=" + str(folder).replace(",", "%2C").replace(":", "%3A") in lines[0]


def test_validate_prints_each_problem_on_one_line_whatever_the_file_is_named(tmp_path, capsys):
    # A file name (or a value quoted by a message) holding a line break printed a second,
    # forged problem line that editors and CI jump to.
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    folder = tmp_path / "records"
    folder.mkdir()
    path = folder / "x.yaml\nother-org.yaml:1: name: all is well\u202e.yaml"
    path.write_text(VALID.replace("514 555-0100", "not a number"), encoding="utf-8")
    assert validate.main([str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.startswith(str(folder)) for line in lines), lines
    assert "x.yaml\\nother-org.yaml:1: name: all is well\\u202e.yaml:" in lines[0], lines


def test_a_record_whose_extension_is_in_capitals_is_read_not_skipped(tmp_path, taxonomy):
    write(tmp_path, VALID, name="sample-org.YAML")
    assert [org.id for org in load_directory(record_paths(tmp_path), taxonomy)] == ["sample-org"]


@pytest.mark.parametrize(
    "website, why",
    [
        ("http://192.168.1.1/reboot", "is an IP address"),
        ("HTTP://192.168.0.1:8080/admin", "is an IP address"),
        ("https://0xC0.0xA8.1.1/", "is an IP address"),  # a browser reads hexadecimal parts too
        ("https://10.0.0.1./", "is an IP address"),
        ("https://203.0.113.7/aide", "is an IP address"),
        ("http://imprimante.local/", "names a computer of the reader's own network"),
        ("https://www.localhost/", "names a computer of the reader's own network"),
        ("http://routeur.home.arpa/", "names a computer of the reader's own network"),
        ("http://intranet.lan/", "names a computer of the reader's own network"),
        # A port no browser opens: the link was published, and went nowhere.
        ("www.example.org:99999/", "has a port no browser opens"),
        ("http://example.org:0/", "has a port no browser opens"),
        ("https://intranet.internal/", "names a computer of the reader's own network"),
        # What a browser maps to the same host: a fullwidth or ideographic dot, a %-escape.
        ("http://192.168.1\uff0e1/admin", "is an IP address"),
        ("http://127.0.0.%31/", "is an IP address"),
        ("http://a.localhost\uff0e/", "names a computer of the reader's own network"),
        ("https://evil.example\uff0fgood.org", "is not an address a browser can open"),
        # A line break, an "@" or an invisible mark inside the host name, %-escaped or not: linked,
        # and no browser opens them (a hostile-input probe, stop 76).
        ("https://exa%0Ample.org/", "is not an address a browser can open"),
        ("https://example.org%40evil.com/", "is not an address a browser can open"),
        ("'https://exa\u200fmple.org/'", "is not an address a browser can open"),
        ("'https://exa\u200dmple.org/'", "is not an address a browser can open"),
        # A backslash is a slash to a browser (the URL standard): the host ends before it.
        ("'http://192.168.1.1\\.example.org/'", "is an IP address"),
        ("'https://localhost\\.example.org/'", "names a computer of the reader's own network"),
        # A name that imitates another's: "https://exаmple.org/" (a Cyrillic "а") was linked as
        # written, and a reader saw example.org.
        ("https://ex\u0430mple.org/aide", "mixes letters of Cyrillic and Latin alphabets in 'ex\u0430mple'"),
        ("https://\u03b1pple.com", "mixes letters of Greek and Latin alphabets"),
        # ... and as a browser asks for it, which it shows as above (a hostile-input probe, stop 83).
        ("https://xn--exmple-4nf.org/aide", "mixes letters of Cyrillic and Latin alphabets in 'ex\u0430mple'"),
        ("https://XN--EXMPLE-4NF.org/", "mixes letters of Cyrillic and Latin alphabets"),
        ("https://xn--zz9-.org/", "is not an address a browser can open: a name in xn-- that decodes to no name"),
        # Longer than DNS allows: decoded, 200,000 digits took 10 s (a reviewer's, stop 84).
        ("https://xn--a-" + "9" * 64 + ".org/", "is not an address a browser can open: a name in xn--"),
    ],
)
def test_a_website_that_leads_elsewhere_than_the_organization_s_site_is_refused(tmp_path, taxonomy, website, why):
    # A link on a public page to http://192.168.1.1/... reaches each reader's own router.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", website))
    assert len(errors) == 1 and ":8: website: " in errors[0] and why in errors[0], errors


@pytest.mark.parametrize(
    "text, valid",
    [
        # The contract: "<" is fine in plain text; an HTML tag is an error.
        ("Écrivez-nous : <info@example.org>", True),
        ("Revenu familial<seuil de faible revenu", False),  # "<seuil " reads as a tag: "< seuil" is text
        ("Pour les 5 < 12 ans", True),
        ("Heures <10h>", True),
        ("Avec <b>gras</b>", False),
        ("Fin</p>", False),
        ("Note <!-- cachée -->", False),
        ("<img src=x onerror=alert(1)>", False),
        ("<svg/onload=alert(1)>", False),
        ("Voir <a", False),
        # A reviewer's: a "<" in an attribute, a name with ":", Word's own tags.
        ('<img src="<" onerror=alert(1)>', False),
        ("<x:y onmouseover=alert(1)>survol</x:y>", False),
        ("Ouvert du lundi au vendredi<o:p></o:p>", False),
        ("<?php echo 1 ?>", False),
    ],
)
def test_a_less_than_sign_is_text_and_a_tag_is_refused(tmp_path, taxonomy, text, valid):
    # "Écrivez-nous : <info@example.org>" was refused as an HTML tag (a helper's probe).
    quoted = text.replace("'", "''")
    record = VALID.replace("  fr: Aide alimentaire & écoute « sans jugement ».", f"  fr: '{quoted}'")
    assert record != VALID
    _, errors = errors_of(tmp_path, taxonomy, record)
    assert (errors == []) == valid, errors
    if not valid:
        assert "HTML tags are not allowed" in errors[0], errors


@pytest.mark.parametrize(
    "email, why",
    [
        ("admin@printer.local", "names a computer of the reader's own network"),
        ("aide@intranet.internal", "names a computer of the reader's own network"),
    ],
)
def test_an_email_of_the_reader_s_own_network_is_refused(tmp_path, taxonomy, email, why):
    # As a website would be: "admin@printer.local" was accepted, and is no organization's.
    record = VALID.replace("email: info@example.org", f"email: '{email}'")
    _, errors = errors_of(tmp_path, taxonomy, record)
    assert errors and "email: " in errors[0] and why in errors[0], errors


@pytest.mark.parametrize(
    "website",
    [
        "https://1.2.3.4.example.org/",
        "https://local.example.org",
        "https://example.org:8443/x",
        # Names of one alphabet, accented or not, are real ones.
        "https://caf\u00e9-du-coin.ca",
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
        "https://\u4f8b\u3048.jp",
    ],
)
def test_a_website_whose_name_holds_numbers_or_local_is_a_website(tmp_path, taxonomy, website):
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", website))
    assert errors == []


@pytest.mark.parametrize(
    "website", ["https://paypal.com@evil.example/", "https://user:pass@example.org/", "http://a@b.ca"]
)
def test_a_website_with_a_name_before_an_at_is_refused_with_why(tmp_path, taxonomy, website):
    # The browser goes to what follows the @: "paypal.com@evil.example" leads to evil.example.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", website))
    assert len(errors) == 1 and "website" in errors[0] and "hides where the link leads" in errors[0], errors
    # An @ after the host (a page's address) is an address like any other.
    _, errors = errors_of(
        tmp_path, taxonomy, VALID.replace("https://example.org/sample", "https://example.org/@equipe")
    )
    assert errors == []


def test_accents_as_languages_stack_them_are_text(tmp_path, taxonomy):
    # Marks stacked past four are refused (tests/hostile: "zalgo" text); Vietnamese written
    # decomposed (two on a letter) and pointed Hebrew with its cantillation (three) are text.
    import unicodedata

    names = unicodedata.normalize("NFD", "Hội người Việt") + " \u05d1\u05bc\u05b0\u0591\u05e8"
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace("Organisme exemple", names))
    assert errors == [] and org.data["name"]["fr"] == names


@pytest.mark.parametrize("email", [".info@example.org", "in..fo@example.org", "info.@example.org"])
def test_an_email_with_a_dot_out_of_place_is_refused(tmp_path, taxonomy, email):
    org, errors = errors_of(tmp_path, taxonomy, VALID.replace("info@example.org", f'"{email}"'))
    assert org is None and any(": email: " in e for e in errors), errors


FOLDED = """\
description:
  fr: >-
    Un premier paragraphe, écrit
    sur deux lignes.

    Nous offrons :
    - repas chauds
    - vêtements
  en: |-
    A text wrapped
    in its file.

    A second paragraph.
"""


def test_a_folded_text_keeps_its_paragraphs_and_list_and_wrapped_lines_are_spaces(tmp_path, taxonomy):
    # The contract's own example writes descriptions as `>-` blocks: YAML folded a blank line
    # into one line break and a list into one line, and the page showed one paragraph
    # "Nous offrons : - repas chauds - vêtements" (contract probe, stop 69).
    record = VALID.replace(VALID[VALID.index("description:") : VALID.index("categories:")], FOLDED)
    org, errors = errors_of(tmp_path, taxonomy, record)
    assert errors == []
    assert org.data["description"] == {
        "fr": "Un premier paragraphe, écrit sur deux lignes.\n\nNous offrons :\n- repas chauds\n- vêtements",
        # Lists, open data and the browser get the text as the page shows it: no break mid-sentence.
        "en": "A text wrapped in its file.\n\nA second paragraph.",
    }
    # One paragraph whose line ends with a colon keeps its next line apart, as with `|`.
    one = record.replace(FOLDED, "description:\n  fr: >\n    Services :\n    repas chauds\n")
    org, errors = errors_of(tmp_path, taxonomy, one)
    assert errors == [] and org.data["description"]["fr"] == "Services :\nrepas chauds"


def test_a_file_with_old_mac_line_endings_names_the_right_line(tmp_path, taxonomy):
    # An HTML tag on a block's second line was said on the block's first (stop 69).
    block = "fr: |\n    Aide alimentaire.\n    Écoute <b>sans jugement</b>."
    record = VALID.replace("fr: Aide alimentaire & écoute « sans jugement ».", block)
    line = record.split("\n").index("    Écoute <b>sans jugement</b>.") + 1
    _, errors = errors_of(tmp_path, taxonomy, record.replace("\n", "\r"))
    assert any(f"sample-org.yaml:{line}: description.fr: " in e for e in errors), errors


def test_a_record_saved_under_any_other_name_is_said_not_read(tmp_path):
    # A hostile-input probe (stop 76): x.json and x.yaml.bak were said, but x.yaml-old,
    # x.yaml_bak, x.ymal, "x.yaml " and a subfolder's x.json were left out without a word.
    folder = tmp_path / "organizations"
    (folder / "sub").mkdir(parents=True)
    refused = ["a.yaml-old", "b.yaml_bak", "c.ymal", "d.yaml ", "e.json", "f.yaml.bak", "x.yaml.txt"]
    # ... but a note, an image, a system's file are no record (the reviewer's, stop 76).
    kept = ["h.yaml", "i.yml", "README.md", "LISEZMOI.fr.md", "notes.txt", ".gitkeep", ".j.yaml.swp", "logo.png"]
    kept += ["Thumbs.db", "g"]
    # ... but a bulletin put here is on no page (the build said so, scripts/validate did not: stop 83).
    bulletins = ["alerte.fr.md", "guide.en.markdown"]
    for name in refused + kept + bulletins:
        (folder / name).write_text("id: x\n", encoding="utf-8")
    for name in ("k.json", "l.yaml.bak", "m.yaml", "README.md", "n.md", ".DS_Store", "desktop.ini"):
        (folder / "sub" / name).write_text("id: x\n", encoding="utf-8")
    said = {Path(error.file).relative_to(folder).as_posix(): error.message for error in misplaced_records(folder)}
    not_here = "not read here: a bulletin goes in news/, a page in pages/"
    assert said == {
        **{name: "not read: a record is a .yaml file (<id>.yaml)" for name in refused},
        **{f"sub/{name}": f"not read: a record goes right in {folder}" for name in ("k.json", "l.yaml.bak", "m.yaml")},
        **{name: not_here for name in [*bulletins, "sub/n.md"]},
    }


def test_validate_and_the_build_agree_on_the_files_beside_the_records(tmp_path, capsys):
    # A hostile-input probe (stop 83): `validate` passed content/organizations/README.md, which
    # the build refused; a README there is the folder's notes, a bulletin there is on no page.
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    import validate

    content = make_content(tmp_path)
    (content / "organizations" / "README.md").write_text("# Records\n", encoding="utf-8")
    assert validate.main(["--content", str(content)]) == 0, capsys.readouterr()
    build_site(content, tmp_path / "output")
    assert (tmp_path / "output" / "fr" / "index.html").exists()
    (content / "organizations" / "alerte.fr.md").write_text("Title: Alerte\n", encoding="utf-8")
    assert validate.main(["--content", str(content)]) == 1
    said = f"{content / 'organizations' / 'alerte.fr.md'}:1: (file): not read here: a bulletin goes in news/"
    assert said in capsys.readouterr().out
    with pytest.raises(Exception, match="not read here: a bulletin goes in news/"):
        build_site(content, tmp_path / "output2")


@pytest.mark.parametrize(
    "before, after, line, field, said",
    [
        # A hostile-input probe's (stop 76): "Centre\rBcc: ..." went as it is into the subject of
        # the message scripts/review drafts; an e-mail with a line separator was linked.
        (
            "name: {fr: Organisme exemple, en: Sample organization}",
            'name: {fr: "Centre\\rBcc: victim@evil.example", en: Sample}',
            3,
            "name.fr",
            "holds a line break: a name is one line",
        ),
        (
            "  - name: {fr: Repas, en: Meals}",
            '  - name: {fr: "Repas\\u2028Soupe", en: Meals}',
            21,
            "services[0].name.fr",
            "a name is one line",
        ),
        (
            "email: info@example.org",
            'email: "a\\u2028b@example.org"',
            9,
            "email",
            "an e-mail is one address and nothing else",
        ),
        (
            "email: info@example.org",
            'email: "a\\u200fb@example.org"',
            9,
            "email",
            "an e-mail is one address and nothing else",
        ),
    ],
)
def test_a_name_or_an_e_mail_over_two_lines_is_refused(tmp_path, taxonomy, before, after, line, field, said):
    assert before in VALID
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, after))
    assert len(errors) == 1 and f"sample-org.yaml:{line}: {field}: " in errors[0] and said in errors[0], errors
    # A name written as a folded block ends with its line break: one line still.
    folded = VALID.replace(
        "name: {fr: Organisme exemple, en: Sample organization}",
        "name:\n  fr: >\n    Organisme\n    exemple\n  en: Sample",
    )
    assert errors_of(tmp_path, taxonomy, folded)[1] == []


def test_a_number_written_in_another_base_is_refused_as_the_formatter_refuses_it(tmp_path, taxonomy):
    # A hostile-input probe (stop 76): YAML 1.1 read "coordinates: [0x2d, -0x49]" and
    # "minimum_age: 0x12" as 45, -73 and 18; the validator took them, and the formatter (CI's
    # check) refused the record for "YAML tags (!!int)" it does not have.
    located = VALID.replace("coordinates: [45.52, -73.56]", "coordinates: [0x2d, -0x49]")
    _, errors = errors_of(tmp_path, taxonomy, located)
    assert [error.split(": ", 1)[1] for error in errors] == [
        "locations[0].coordinates[0]: expected a number, found text '0x2d'",
        "locations[0].coordinates[1]: expected a number, found text '-0x49'",
    ]
    aged = VALID.replace("    locations: [main]", "    locations: [main]\n    minimum_age: 0b10010")
    assert errors_of(tmp_path, taxonomy, aged)[1][0].endswith(
        "minimum_age: expected a whole number, found text '0b10010'"
    )


def test_a_raw_control_character_or_latin_1_byte_is_said_at_its_field(tmp_path, taxonomy):
    # A hostile-input probe (stop 76): "t.yaml:3: (record): character U+001B ..." named the line
    # and not the field written on it.
    raw = VALID.replace("  en: Food aid", "  en: Food \x1b[2J aid")
    said = errors_of(tmp_path, taxonomy, raw)[1][0].split(": ", 1)[1]
    assert said.startswith("description.en: character U+001B is not allowed"), said  # not "en" alone (the reviewer's)
    raw = VALID.replace("  - name: {fr: Repas, en: Meals}", "  - name: Repas \x1b[2J")
    said = errors_of(tmp_path, taxonomy, raw)[1][0].split(": ", 1)[1]
    assert said.startswith("services[0].name: character U+001B"), said
    write(tmp_path, VALID.replace("Organisme exemple", "Caf\xe9").encode("latin-1"))
    _, errors = read_record(tmp_path / "sample-org.yaml", taxonomy, TODAY)
    assert [str(error).split(": ", 1)[1] for error in errors] == ["name: the file is not UTF-8 text"]


def test_a_website_in_an_alphabet_that_writes_joiners_is_taken(tmp_path, taxonomy):
    # The reviewer's (stop 76): a Persian name holds the zero-width non-joiner IDNA allows there;
    # a Latin one holding it is refused (test_a_website_that_leads_elsewhere...).
    _, errors = errors_of(
        tmp_path, taxonomy, VALID.replace("https://example.org/sample", "'https://می\u200cخواهم.ir/'")
    )
    assert errors == []


@pytest.mark.parametrize("written", ["Province", "Saint-Jean"])
def test_a_name_close_to_no_one_slug_is_told_no_guess(tmp_path, taxonomy, written):
    # A reviewer's (stop 79): "Province" was told 'princeville', "Saint-Jean" 'saint-jerome'.
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("service_area: [montreal]", f"service_area: [{written}]"))
    assert len(errors) == 1 and "did you mean" not in errors[0], errors


def test_an_empty_text_is_said_once(tmp_path, taxonomy):
    # Stop 78's note: `fr: ""` was told "must not be blank" and "must not be empty", one slip.
    text = VALID.replace("name: {fr: Organisme exemple, en: Sample organization}", 'name: {fr: "", en: Sample}')
    _, errors = errors_of(tmp_path, taxonomy, text)
    assert len(errors) == 1 and errors[0].endswith("sample-org.yaml:3: name.fr: must not be empty"), errors
    blank = errors_of(tmp_path, taxonomy, text.replace('fr: ""', 'fr: "  "'))[1]
    assert len(blank) == 1 and "name.fr: must not be blank" in blank[0], blank


@pytest.mark.parametrize(
    "written, field, said",
    [
        ("9h00", "opens", 'write "09:00"'),
        ("9 h 30", "opens", 'write "09:30"'),
        ("9:30 PM", "opens", 'write "21:30"'),
        ("12am", "opens", 'write "00:00"'),
        ("900", "opens", 'write "09:00"'),  # read by YAML as a number
        ("'2400'", "opens", 'write "00:00"'),  # an opening at midnight
        ("5pm", "closes", 'write "17:00"'),
        ("1730", "closes", 'write "17:30"'),
        ("'2400'", "closes", 'write "24:00"'),
        ("12am", "closes", 'write "24:00"'),  # a reviewer's (stop 79): midnight at the day's end
    ],
)
def test_a_time_written_otherwise_is_told_as_the_field_wants_it(tmp_path, taxonomy, written, field, said):
    # Stop 78's note: "opens: 9h00" was told that "24:00" is accepted as a closing time, and
    # 900 to be quoted (as "900", no time either).
    before = 'opens: "09:00"' if field == "opens" else 'closes: "17:00"'
    assert before in VALID
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, f"{field}: {written}"))
    assert len(errors) == 1 and f"hours[0].{field}: expected a time" in errors[0] and said in errors[0], errors
    assert ("24:00" in errors[0].split("found")[0]) == (field == "closes"), errors
    # No time at all: no hint, and an opening is not told of closing times. Nor an hour of 1 to
    # 12 alone (a reviewer's: "closes: 5" was told "05:00", accepted, for five in the evening).
    for unsure in ("midi", "5", "'5'"):
        _, errors = errors_of(tmp_path, taxonomy, VALID.replace(before, f"{field}: {unsure}"))
        assert len(errors) == 1 and "write" not in errors[0].lower().split("found")[1], errors
        assert ("24:00" in errors[0]) == (field == "closes"), errors


def test_a_website_of_a_long_xn_name_is_refused_at_once(tmp_path, taxonomy):
    # A reviewer's (stop 84): Python's punycode decoder takes the square of a label's length; a
    # record of 400,000 digits after "xn--a-" took 40 s to read, a pull request of them minutes.
    website = "https://xn--a-" + "9" * 400_000 + ".org/"
    started = time.process_time()
    _, errors = errors_of(tmp_path, taxonomy, VALID.replace("https://example.org/sample", website))
    assert time.process_time() - started < 5 and any(":8: website: " in error for error in errors), errors
