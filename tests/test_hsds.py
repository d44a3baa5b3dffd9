"""Open data in Open Referral HSDS 3.0: the build's packages, and scripts/import_hsds back."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import jsonschema
import pytest
import referencing
import referencing.jsonschema
import yaml

from conftest import FIXTURES, ROOT, first_record
from repertoire.hsds import table_columns, table_files
from repertoire.hsds_import import canonical
from repertoire.records import load_directory, record_paths, text

HSDS = FIXTURES / "hsds-3.0"  # Open Referral's examples and schemas
IMPORT = [sys.executable, str(ROOT / "scripts" / "import_hsds.py")]


def import_hsds(*args) -> subprocess.CompletedProcess:
    return subprocess.run([*IMPORT, *map(str, args)], capture_output=True, text=True, timeout=300)


def package_tables(path: Path) -> dict[str, list[dict]]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"))))
            for name in archive.namelist()
            if name.endswith(".csv")
        }


@pytest.fixture(scope="module")
def temporarily_closed(demo_records):
    """A temporarily closed organization with weekly hours at its first place and a service:
    its status is carried to its services, its hours become the place's first schedule."""

    def wanted(org):
        first = (org.data.get("locations") or [{}])[0]
        return (
            org.status == "temporarily_closed"
            and first.get("hours")
            and not first.get("open_24_7")
            and org.data.get("services")
        )

    return first_record(demo_records, "temporarily closed with weekly hours and a service", wanted)


@pytest.fixture(scope="module")
def hsds_validator():
    """The HSDS 3.0 organization schema, its $refs resolved to the specification's other files."""
    base = "https://hsds.invalid/"
    resources = [
        (
            base + path.name,
            referencing.jsonschema.DRAFT202012.create_resource(
                {"$id": base + path.name, **json.loads(path.read_text(encoding="utf-8"))}
            ),
        )
        for path in (HSDS / "schema").glob("*.json")
        if path.name != "openapi.json"
    ]
    registry = referencing.Registry().with_resources(resources)
    schema = {"$ref": base + "organization.json"}
    return jsonschema.Draft202012Validator(schema, registry=registry)


def test_the_json_packages_follow_hsds_3_in_each_language(demo_site, hsds_validator, temporarily_closed):
    records = record_paths(ROOT / "content" / "organizations")
    for lang, folder in (("fr", "fr/telechargements"), ("en", "en/downloads")):
        document = json.loads((demo_site / folder / "hsds.json").read_text(encoding="utf-8"))
        assert document["language"] == lang and document["hsds_version"] == "3.0"
        assert document["license"]["name"] == "CC-BY-4.0" and document["license"]["path"].startswith("https://")
        organizations = document["organizations"]
        assert len(organizations) == len(records)
        for organization in organizations:
            errors = list(hsds_validator.iter_errors(organization))
            assert not errors, f"{organization['name']}: {errors[0].message} at {list(errors[0].absolute_path)}"
        # A field we have no value for is left out (HSDS fields are optional), never null.
        assert not list(_nulls(organizations, "organizations"))
        exported = next(
            o for o in organizations if o["organization_identifiers"][0]["identifier"] == temporarily_closed.id
        )
        assert exported["name"] == text(temporarily_closed.data["name"], lang)[0]
        hours = temporarily_closed.data["locations"][0]["hours"][0]
        assert {
            "freq": "WEEKLY",
            "byday": ",".join(day.upper() for day in hours["days"]),
            "opens_at": f"{hours['opens']}:00",
            "closes_at": f"{hours['closes']}:00",
        }.items() <= exported["locations"][0]["schedules"][0].items()
        assert exported["services"][0]["status"] == "temporarily closed"


def _nulls(value, where: str):
    """The JSON paths of the nulls in `value`."""
    if value is None:
        yield where
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _nulls(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nulls(item, f"{where}[{index}]")


def test_the_csv_datapackage_has_every_table_with_linked_rows(demo_site, demo_records):
    archive = demo_site / "en/downloads/hsds.zip"
    with zipfile.ZipFile(archive) as package:
        descriptor = json.loads(package.read("datapackage.json"))
    assert descriptor["license"]["name"] == "CC-BY-4.0" and descriptor["language"] == "en"
    assert {r["path"] for r in descriptor["resources"]} == set(table_files().values())
    tables = package_tables(archive)
    for table, file in table_files().items():
        with zipfile.ZipFile(archive) as package:
            header = next(csv.reader(io.StringIO(package.read(file).decode("utf-8"))))
        assert header == table_columns()[table], file
    organizations = {row["id"] for row in tables["organizations.csv"]}
    assert len(organizations) == len(record_paths(ROOT / "content" / "organizations"))
    services = {row["id"] for row in tables["services.csv"]}
    locations = {row["id"] for row in tables["locations.csv"]}
    assert services and locations
    assert {row["organization_id"] for row in tables["services.csv"]} <= organizations
    assert {row["location_id"] for row in tables["service_at_location.csv"]} <= locations
    assert {row["location_id"] for row in tables["schedules.csv"]} <= locations
    terms = {row["id"] for row in tables["taxonomy_terms.csv"]}
    assert {row["taxonomy_term_id"] for row in tables["attributes.csv"]} <= terms
    with_website = first_record(demo_records, "with a website", lambda org: org.data.get("website"))
    exported = next(
        row for row in tables["organizations.csv"] if row["name"] == text(with_website.data["name"], "en")[0]
    )
    assert exported["website"] == with_website.data["website"]


def test_export_then_import_gives_back_the_same_records(demo_site, tmp_path, taxonomy):
    into = tmp_path / "organizations"
    result = import_hsds(
        demo_site / "fr/telechargements/hsds.zip", demo_site / "en/downloads/hsds.json", "--into", into
    )
    assert result.returncode == 0, result.stderr
    original = {o.id: canonical(o.data) for o in load_directory(record_paths(ROOT / "content/organizations"), taxonomy)}
    imported = {o.id: canonical(o.data) for o in load_directory(record_paths(into), taxonomy)}
    assert imported == original
    # The written files are in the canonical layout: scripts/format has nothing to change.
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts/format_records.py"), "--check", *record_paths(into)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def _services_at_the_top(organizations: list[dict], shape: str) -> list[dict]:
    """The organizations' services as the HSDS API serves them: each service with its
    organization nested (/services/{id}), or each service at a location with its service and
    location nested (/service_at_locations/{id})."""
    tops = []
    for organization in organizations:
        alone = {key: value for key, value in organization.items() if key != "services"}
        places = {place["id"]: place for place in organization.get("locations") or []}
        for service in organization["services"]:
            if shape == "service":
                tops.append({**service, "organization": alone})
                continue
            bare = {key: value for key, value in service.items() if key != "service_at_locations"}
            for link in service["service_at_locations"]:
                tops.append(
                    {**link, "service": {**bare, "organization": alone}, "location": places[link["location_id"]]}
                )
    return tops


@pytest.mark.parametrize("shape", ["service", "service_at_location"])
def test_services_at_the_top_import_as_the_organizations_that_hold_them(demo_site, tmp_path, shape):
    # Read as organizations, a service became an organization of the service's name, and a
    # service at a location one of no name.
    document = json.loads((demo_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))
    organizations = [
        organization
        for organization in document["organizations"]
        if organization.get("services") and all(s.get("service_at_locations") for s in organization["services"])
    ]
    assert len(organizations) >= 3
    given = {"whole": {**document, "organizations": organizations}}
    tops = _services_at_the_top(organizations, shape)
    given["tops"] = {"total_items": len(tops), "page_number": 1, "contents": tops}  # an API page
    for name, content in given.items():
        (tmp_path / f"{name}.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    results = {
        name: import_hsds(tmp_path / f"{name}.json", "--language", "en", "--into", tmp_path / name) for name in given
    }
    for result in results.values():
        assert result.returncode == 0, result.stdout + result.stderr
    kind = "service(s)" if shape == "service" else "service(s) at a location"
    assert (
        f"tops.json: {len(tops)} {kind} at the top: read with the organization nested in each" in results["tops"].stdout
    )
    written = {
        name: {p.name: p.read_text(encoding="utf-8") for p in (tmp_path / name).glob("*.yaml")} for name in given
    }
    assert len(written["whole"]) == len(organizations)
    assert written["tops"] == written["whole"]


@pytest.mark.parametrize(
    "table, column, said",
    [
        ("services.csv", "organization_id", "service(s) not imported: not linked to an organization"),
        ("service_at_location.csv", "service_id", "service_at_location(s) not imported: not linked to a service"),
        ("addresses.csv", "location_id", "address(s) not imported: not linked to a location"),
    ],
)
def test_rows_a_missing_link_column_leaves_out_are_said(demo_site, tmp_path, table, column, said):
    """Another 211's package, a column lost on the way (a spreadsheet's edit): what it linked
    is not imported, and the import says so rather than give fewer services without a word."""
    folder = tmp_path / "package"
    with zipfile.ZipFile(demo_site / "fr/telechargements/hsds.zip") as archive:
        archive.extractall(folder)
    rows = list(csv.DictReader(io.StringIO((folder / table).read_text(encoding="utf-8"))))
    kept = [name for name in rows[0] if name != column]
    with open(folder / table, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    result = import_hsds(folder, "--language", "fr", "--dry-run", "--into", tmp_path / "organizations")
    notes = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if said in line]
    assert notes == [f"note: {table}: {len(rows)} {said} ({column}) (row 2, ...)"], result.stderr + result.stdout


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolons", "tabs"])
def test_tables_a_spreadsheet_saved_with_semicolons_or_tabs_import_as_with_commas(demo_site, tmp_path, delimiter):
    """French Excel writes CSV with semicolons (a comma is the decimal mark); a text export
    uses tabs. The same package so written imports into the same records."""
    folder = tmp_path / "package"
    with zipfile.ZipFile(demo_site / "fr/telechargements/hsds.zip") as archive:
        archive.extractall(folder)
    for table in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8"))))
        with open(table, "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle, delimiter=delimiter).writerows(rows)
    options = ["--language", "fr", "--skip-invalid", "--report", tmp_path / "report.csv"]
    assert import_hsds(folder, *options, "--into", tmp_path / "theirs").returncode == 0
    assert import_hsds(demo_site / "fr/telechargements/hsds.zip", *options, "--into", tmp_path / "ours").returncode == 0
    ours = {path.name: path.read_bytes() for path in (tmp_path / "ours").iterdir()}
    assert len(ours) > 100 and {path.name: path.read_bytes() for path in (tmp_path / "theirs").iterdir()} == ours


def test_a_wrong_place_for_the_records_or_the_report_is_said_before_anything_is_written(tmp_path):
    a_file = tmp_path / "a-file"
    a_file.write_text("")
    into = tmp_path / "organizations"
    for options, said in [
        (["--into", a_file], f"error: --into: {a_file} is a file; give a folder"),
        # Made in a file: a traceback, once the package was read.
        (["--into", a_file / "organizations"], f"error: --into: {a_file} is a file; give a folder"),
        (["--into", into, "--report", tmp_path / "missing" / "report.csv"], f"no folder {tmp_path / 'missing'}"),
        (["--into", into, "--report", tmp_path], "is a folder; give a file"),
    ]:
        result = import_hsds(HSDS / "csv", "--category", "alimentation", *options)
        assert result.returncode == 2 and said in result.stderr, result.stderr
        assert "Traceback" not in result.stderr and not into.exists()


WRONG_TYPES = [  # (an object's path in an organization, its key, a value of the wrong type, what is said)
    (("attributes", 0), "value", 1, "attributes[0] field value: expected text, found the number 1"),
    (("locations", 0, "schedules", 0), "freq", 1, "schedules[0] field freq: expected text, found the number 1"),
    (("locations", 0, "schedules", 0), "byday", ["MO", "TU"], "schedules[0] field byday: expected text, found a list"),
    ((), "id", ["x"], "] field id: expected text, found a list"),
    (("attributes", 0), "id", {"id": 1}, "attributes[0] field id: expected text, found an object"),
    ((), "name", {"fr": "Nom"}, "] field name: expected text, found an object"),
    (("services", 0), "minimum_age", float("inf"), "field minimum_age: expected text or a number, found a number out"),
    (("services", 0), "maximum_age", True, "field maximum_age: expected text or a number, found true"),
    (None, "language", ["en"], "hsds.json field language: expected a language code such as fr, found a list"),
]


@pytest.mark.parametrize(
    "path, key, value, message", WRONG_TYPES, ids=[f"{w[1]}-{type(w[2]).__name__}" for w in WRONG_TYPES]
)
def test_a_value_of_the_wrong_type_is_named_not_a_traceback(demo_site, tmp_path, path, key, value, message):
    document = json.loads((demo_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))
    target = document
    if path is not None:
        target = next(o for o in document["organizations"] if _at(o, path) is not None)
        target = _at(target, path)
    target[key] = value
    package = tmp_path / "hsds.json"
    package.write_text(json.dumps(document), encoding="utf-8")
    into = tmp_path / "organizations"
    result = import_hsds(package, "--into", into)
    assert result.returncode == 1 and message in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr and not into.exists()


def test_a_package_in_a_language_records_do_not_hold_is_refused_once(demo_site, tmp_path):
    document = json.loads((demo_site / "en/downloads/hsds.json").read_text(encoding="utf-8"))
    (tmp_path / "hsds.json").write_text(json.dumps({**document, "language": "de"}), encoding="utf-8")
    with zipfile.ZipFile(demo_site / "fr/telechargements/hsds.zip") as source:
        with zipfile.ZipFile(tmp_path / "hsds.zip", "w") as archive:
            for name in source.namelist():
                data = source.read(name)
                if name == "datapackage.json":
                    data = json.dumps({**json.loads(data), "language": "de-CH"}).encode()
                archive.writestr(name, data)
    for package, message in (
        ("hsds.json", "hsds.json field language: 'de': this import reads packages in fr, en"),
        ("hsds.zip", "hsds.zip: datapackage.json field language: 'de-CH': this import reads packages in fr, en"),
    ):
        result = import_hsds(tmp_path / package, "--into", tmp_path / "organizations")
        assert result.returncode == 1 and message in result.stderr, result.stderr[-2000:]
        assert result.stderr.count("error:") == 1 and not (tmp_path / "organizations").exists()


def _at(value, path: tuple):
    """The object at `path` (keys and indexes) in `value`, or None."""
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
    return value


def test_an_existing_record_is_kept_unless_overwrite_is_asked(demo_site, tmp_path, demo_records):
    into = tmp_path / "organizations"
    into.mkdir()
    existing = demo_records[0]  # any one: the package holds them all
    kept = into / f"{existing.id}.yaml"
    kept.write_text("# a contributor's own file\n", encoding="utf-8")
    package = demo_site / "fr/telechargements/hsds.zip"
    refused = import_hsds(package, "--into", into)
    assert refused.returncode == 1
    assert f"{existing.id}.yaml already exists; if it is this organization, --overwrite replaces it" in refused.stderr
    assert kept.read_text(encoding="utf-8") == "# a contributor's own file\n"
    assert [p.name for p in into.iterdir()] == [kept.name], "nothing else was written"
    replaced = import_hsds(package, "--into", into, "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    replacement = yaml.safe_load(kept.read_text(encoding="utf-8"))  # from the French package
    assert (replacement["id"], text(replacement["name"], "fr")) == (existing.id, text(existing.data["name"], "fr"))


def foreign_package(tmp_path: Path) -> Path:
    """The specification's example package, with a Quebec address, position and phone."""
    folder = tmp_path / "foreign"
    folder.mkdir(parents=True)
    for path in (HSDS / "csv").glob("*.csv"):
        shutil.copy(path, folder / path.name)
    replace = {
        "addresses.csv": [("ABC 1234", "H2L 1R4")],
        "locations.csv": [(",100,101,", ",45.52,-73.55,")],
        "phones.csv": [('"""+44 1234 234567"""', "514 555-0123")],
    }
    for name, pairs in replace.items():
        text = (folder / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_another_publishers_package_imports_and_says_what_it_left_out(tmp_path):
    into = tmp_path / "organizations"
    package = foreign_package(tmp_path)
    missing = import_hsds(package, "--language", "en", "--into", into)
    assert missing.returncode == 1
    assert "organizations.csv row 2 field id: no category could be mapped" in missing.stderr
    assert "give one with --area" in missing.stderr
    assert not into.exists()
    with (package / "schedules.csv").open("a", encoding="utf-8") as stream:  # a service's hours, no place
        stream.write(
            "5c7c0f3e-0000-4000-8000-000000000001,ac148810-d857-441c-9679-408f346de14b,,,,,,,,,,WEEKLY,1,MO,,,,,"
            "09:00,17:00,,,\n"
        )
    done = import_hsds(package, "--language", "en", "--into", into, "--category", "sante", "--area", "montreal")
    assert done.returncode == 0, done.stderr
    assert "schedules.csv: 1 schedule(s) not imported: not linked to a location (row 3)" in done.stdout
    assert "contacts.csv: 1 row(s) not imported" in done.stdout
    assert "organizations.csv: field tax_id not imported (1 row(s))" in done.stdout
    record = (into / "example-organization-inc.yaml").read_text(encoding="utf-8")
    assert "name: {en: Example Organization Inc.}" in record  # one language given: the other is missing
    assert "number: 514 555-0123 poste 100" in record
    # Its weekly hours are valid on 2005-01-01 alone: a day that passed, not every week's hours.
    assert "hours of one day that passed, 2005-01-01" in done.stdout
    assert 'opens: "10:00"' not in record and "days: [th, fr]" not in record


def test_the_specification_example_is_refused_with_table_row_and_field(tmp_path):
    into = tmp_path / "organizations"
    result = import_hsds(HSDS / "csv", "--language", "en", "--into", into, "--category", "sante", "--area", "montreal")
    assert result.returncode == 1
    assert (
        "addresses.csv row 2 field postal_code: example-organization-inc: locations[0].address.postal_code"
        in result.stderr
    )
    assert "locations.csv row 2 field latitude:" in result.stderr and "outside Quebec" in result.stderr
    assert "phones.csv row 2 field number:" in result.stderr
    assert "nothing was written" in result.stderr and not into.exists()
    nested = import_hsds(
        HSDS / "json/organization_full.json",
        "--language",
        "en",
        "--into",
        into,
        "--category",
        "sante",
        "--area",
        "montreal",
    )
    assert nested.returncode == 1
    assert "organization_full.json at [0].locations[0].addresses[0] field postal_code" in nested.stderr


def test_a_broken_package_names_the_file_and_row(tmp_path):
    into = tmp_path / "organizations"
    partial = foreign_package(tmp_path)
    (partial / "organizations.csv").unlink()
    result = import_hsds(partial, "--language", "en", "--into", into)
    assert result.returncode == 1 and "organizations.csv: missing" in result.stderr
    broken = foreign_package(tmp_path / "second")
    with (broken / "services.csv").open("a", encoding="utf-8") as stream:
        stream.write("x,y,z,too,many," + "," * 30 + "\n")
    result = import_hsds(broken, "--language", "en", "--into", into)
    assert result.returncode == 1 and "services.csv row 3: more cells than the header has columns" in result.stderr
    bad_day = foreign_package(tmp_path / "third")
    # (Its dates left out: a schedule of one day that passed is not read further.)
    text = (
        (bad_day / "schedules.csv").read_text(encoding="utf-8").replace('"TH,FR"', '"TH,XX"').replace("2005-01-01", "")
    )
    (bad_day / "schedules.csv").write_text(text, encoding="utf-8")
    result = import_hsds(bad_day, "--language", "en", "--into", into, "--category", "sante", "--area", "montreal")
    assert result.returncode == 1 and "schedules.csv row 2 field byday: expected days as MO,TU" in result.stderr
    assert not into.exists()


def test_a_days_special_hours_in_two_parts_are_two_schedules(taxonomy):
    # Christmas Eve from 9 to 12 and from 13 to 15: both parts had one id, and the schedules
    # table kept the first alone (a reviewer's finding).
    from repertoire import hsds

    data = {
        "id": "deux-temps",
        "name": {"fr": "Deux temps"},
        "description": {"fr": "Aide."},
        "categories": ["alimentation"],
        "service_area": ["montreal"],
        "last_verified": "2026-01-01",
        "locations": [
            {
                "id": "principal",
                "address": {"street": "1, rue Ontario", "city": "Montréal", "postal_code": "H2X 1Y4"},
                "exceptions": [
                    {"date": "2026-12-24", "opens": "09:00", "closes": "12:00"},
                    {"date": "2026-12-24", "opens": "13:00", "closes": "15:00"},
                    {"date": "2026-12-25", "closed": True},
                ],
            }
        ],
    }
    rows = hsds.flatten([hsds.organization_object(data, "fr", taxonomy)])["schedule"]
    said = sorted((row["valid_from"], row.get("opens_at") or "", row.get("closes_at") or "") for row in rows)
    assert said == [
        ("2026-12-24", "09:00:00", "12:00:00"),
        ("2026-12-24", "13:00:00", "15:00:00"),
        ("2026-12-25", "", ""),
    ]


def test_a_day_ending_at_midnight_is_exported_as_a_time_of_day(demo_records, taxonomy):
    # "24:00", as records write a whole day, was exported as "24:00:00": no time to a reader of
    # HSDS, where round the clock is 23:59:59 (contract probe, stop 69).
    import copy

    from repertoire.hsds import organization_object

    data = copy.deepcopy(next(org for org in demo_records if org.data.get("locations")).data)
    location = data["locations"][0]
    location.pop("open_24_7", None)
    location["hours"] = [{"days": ["sa"], "opens": "18:00", "closes": "24:00"}]
    location["exceptions"] = [{"date": "2026-12-31", "opens": "20:00", "closes": "24:00"}]
    schedules = organization_object(data, "en", taxonomy)["locations"][0]["schedules"]
    assert {s["closes_at"] for s in schedules if s.get("closes_at")} == {"23:59:59"}, schedules
