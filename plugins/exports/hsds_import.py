"""HSDS 3.0 datapackages (CSV tables or nested JSON) -> our records, with a report.

No Pelican and no writing here: scripts/import_hsds reads packages with read_package(),
turns them into record dicts with records_from_tables() (one package per language, merged
by merge_languages()), validates them with the build's own reader and writes only if all
is well. Every problem names the table, the row and the field it comes from.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import re
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable

from directory.ids import is_record_id, make_id, unique_id
from directory.records import SCHEMA_PATH
from directory.spreadsheets import unmark_cell
from directory.taxonomy import WHOLE_PROVINCE, Taxonomy, fold_name
from directory.untrusted import CONTROL_CHARACTERS, CappedStream, TooBig, leaves_folder, read_capped

from .hsds import (DAYS, ID_SCHEME, LOCATION_ID_TYPE, PHONE_TYPES, SERVICE_STATUS, TAXONOMY, flatten,
                   table_columns, table_files)

OUR_PHONE_TYPES = {"voice", "text", "fax", "tty", "hotline"}
FROM_HSDS_PHONE = {**{v: k for k, v in PHONE_TYPES.items()}, "cell": "voice", "video": "voice", "pager": "voice"}
FROM_HSDS_STATUS = {**{v: k for k, v in SERVICE_STATUS.items()}, "defunct": "inactive"}
# The columns this import reads, per table; any other filled column is reported as not mapped.
MAPPED = {
    "organization": {"id", "name", "alternate_name", "description", "email", "website"},
    "organization_identifier": {"id", "organization_id", "identifier_scheme", "identifier_type", "identifier"},
    "phone": {"id", "organization_id", "service_id", "location_id", "service_at_location_id", "contact_id",
              "number", "extension", "type", "description"},
    "location": {"id", "organization_id", "location_type", "name", "latitude", "longitude", "external_identifier",
                 "external_identifier_type"},
    "address": {"id", "location_id", "address_1", "address_2", "city", "region", "state_province", "postal_code",
                "country", "address_type"},
    "accessibility": {"id", "location_id", "description"},
    "language": {"id", "service_id", "location_id", "name", "code"},
    "schedule": {"id", "service_id", "location_id", "service_at_location_id", "valid_from", "valid_to", "dtstart",
                 "freq", "wkst", "interval", "byday", "opens_at", "closes_at", "description", "notes"},
    "service": {"id", "organization_id", "name", "description", "status", "eligibility_description",
                "fees_description", "application_process", "minimum_age", "maximum_age", "assured_date",
                "last_modified"},
    "service_area": {"id", "service_id", "name"},
    "service_at_location": {"id", "service_id", "location_id"},
    "attribute": {"id", "link_id", "link_entity", "link_type", "taxonomy_term_id", "value"},
    "taxonomy_term": {"id", "code", "name", "description", "taxonomy", "language", "taxonomy_id", "parent_id",
                      "term_uri"},
    "taxonomy": {"id", "name", "description", "uri", "version"},
    "metadata": {"id", "resource_id", "resource_type", "last_action_date", "last_action_type", "field_name",
                 "previous_value", "replacement_value", "updated_by"},
}
_TIME = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?([+-][0-9]{2}:?[0-9]{2}|Z)?$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True, order=True)
class Problem:
    """What could not be read or mapped, at a table, a row and a field."""

    table: str
    row: str
    field: str
    message: str

    def __str__(self) -> str:
        row = f"at {self.row}" if self.row[:1] in ("[", ".") or "[" in self.row else f"row {self.row}"
        place = " ".join(part for part in (self.table, row if self.row else "",
                                           f"field {self.field}" if self.field else "") if part)
        return f"{place}: {self.message}"


class Text(str):
    """Text that people read, in the package's language: merged into {fr, en} with another language."""


@dataclass
class Package:
    """An HSDS package's tables (rows as dicts, each with "_where": its row number or JSON path)."""

    source: str
    form: str  # csv | json
    tables: dict[str, list[dict]]
    language: str | None = None
    notices: list[str] = field(default_factory=list)


@dataclass
class Imported:
    """Records built from one package, where each field came from, and what went wrong."""

    records: list[dict] = field(default_factory=list)
    origins: dict[str, dict[str, tuple[str, str, str]]] = field(default_factory=dict)  # id -> field -> place
    problems: list[Problem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


# --- reading a package ----------------------------------------------------------------

# What a package may hold. Tables are read row by row from their file or zip member and
# never past these limits, so that no package, however big or compressed, exhausts memory.
MAX_TABLE_BYTES = 64 * 1024 * 1024  # one CSV table, uncompressed
MAX_ROWS = 200_000  # rows of one table (a 10,000-organization package has ~100,000 schedules at most)
MAX_JSON_BYTES = 64 * 1024 * 1024  # a JSON package is parsed whole
MAX_CELL = 64 * 1024  # characters in one cell (our longest text is 10,000)
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # datapackage.json


def read_package(path: Path) -> tuple[Package | None, list[Problem]]:
    """A datapackage folder (datapackage.json and CSV files), a .zip of one, or a JSON file
    of nested organizations (a list, or an object with "organizations" or "contents")."""
    path = Path(path)
    if leaves_folder(path):
        return None, [Problem(str(path), "", "", "a link to a file elsewhere: not read")]
    if path.is_file() and path.suffix.lower() == ".json" and path.name != "datapackage.json":
        return _read_json(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return _read_zip(path)
    folder = path.parent if path.name == "datapackage.json" else path
    if not folder.is_dir():
        return None, [Problem(str(path), "", "", "no such package: give a datapackage folder, a .zip or a .json file")]
    files = {p.name: p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json") and p.is_file()}
    outside = [name for name, p in files.items() if leaves_folder(p)]
    if outside:
        return None, [Problem(name, "", "", "a link to a file outside the package: not read") for name in outside]
    return _read_csv_files(str(folder), {name: functools.partial(p.open, "rb") for name, p in files.items()})


def _read_zip(path: Path):
    try:
        with zipfile.ZipFile(path) as archive:
            members: dict[str, list[str]] = defaultdict(list)
            for member in archive.namelist():
                if not member.endswith("/"):
                    members[Path(member).name].append(member)
            # Tables are known by file name: two of one name would make one silently replace the other.
            twice = {name: full for name, full in members.items() if len(full) > 1 and name in {*table_files().values(), "datapackage.json"}}
            if twice:
                return None, [Problem(name, "", "", f"{len(full)} files of this name in the zip ({', '.join(full)}): "
                                                    "keep one") for name, full in sorted(twice.items())]
            files = {name: functools.partial(archive.open, full[0]) for name, full in members.items()}
            return _read_csv_files(str(path), files)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError, EOFError, zlib.error) as exc:
        return None, [Problem(path.name, "", "", f"not a readable zip file: {exc}")]


def _read_json(path: Path):
    try:
        with path.open("rb") as stream:
            data = json.loads(read_capped(stream, MAX_JSON_BYTES).decode("utf-8-sig"))
    except TooBig:
        return None, [Problem(path.name, "", "", f"over {MAX_JSON_BYTES // 2**20} MiB: split it, or give a CSV "
                                                  "datapackage (read row by row)")]
    except UnicodeDecodeError as exc:
        return None, [Problem(path.name, "", "", f"not UTF-8 text (byte {exc.start})")]
    except RecursionError:
        return None, [Problem(path.name, "", "", "nested too deeply to be an HSDS package")]
    except ValueError as exc:  # json.JSONDecodeError, and numbers too long to read
        line = getattr(exc, "lineno", "")
        return None, [Problem(path.name, str(line), "", f"not JSON: {exc}")]
    key = next((k for k in ("organizations", "contents", "items") if isinstance(data, dict) and k in data), None)
    organizations = data[key] if key else data if isinstance(data, list) else [data]
    where = key or ""
    bad = [i for i, o in enumerate(organizations) if not isinstance(o, dict)] if isinstance(organizations, list) else [0]
    if bad:
        return None, [Problem(path.name, f"{where}[{bad[0]}]", "", "expected an organization object")]
    language = data.get("language") if isinstance(data, dict) else None
    tables = flatten(organizations, where)
    return Package(path.name, "json", tables, language, _strip_controls(tables, path.name)), []


def _read_csv_files(source: str, files: dict[str, Callable]):
    """The tables of a CSV package; `files` opens each file by name (binary)."""
    problems, notices = [], []
    language = None
    if "datapackage.json" in files:
        # Only its language is read: the tables are known by their file names.
        try:
            with files["datapackage.json"]() as stream:
                language = json.loads(read_capped(stream, MAX_DESCRIPTOR_BYTES).decode("utf-8-sig")).get("language")
        except (TooBig, UnicodeDecodeError, RecursionError, ValueError, AttributeError):
            notices.append("datapackage.json: not a JSON descriptor, ignored (the CSV files are read by name)")
    tables = {name: [] for name in table_columns()}
    by_file = {file: table for table, file in table_files().items()}
    if "organizations.csv" not in files:
        problems.append(Problem("organizations.csv", "", "", "missing: an HSDS package has an organizations table"))
    for file, table in by_file.items():
        if file in files:
            with files[file]() as stream:
                problems += _read_table(file, table, stream, tables[table])
    notices += _strip_controls(tables, source)
    return (Package(source, "csv", tables, language, notices) if not problems else None), problems


def _read_table(file: str, table: str, stream, rows: list[dict]) -> list[Problem]:
    """Append a CSV table's rows (dicts, "_where": the row number); the problems found."""
    text = io.TextIOWrapper(io.BufferedReader(CappedStream(stream, MAX_TABLE_BYTES)), encoding="utf-8-sig",
                            newline="")
    reader = csv.reader(_lines(text))
    number = 1
    problems = []
    limit = csv.field_size_limit(MAX_CELL)
    try:
        columns = next(reader, None) or []
        if "id" not in columns:
            return [Problem(file, "1", "id", "no id column (the header row names the columns)")]
        unknown = [c for c in columns if c not in table_columns()[table]]
        if unknown:
            problems.append(Problem(file, "1", unknown[0], f"unknown column for the {table} table"))
        for number, cells in enumerate(reader, start=2):
            if not cells:
                continue  # a blank line
            if len(rows) >= MAX_ROWS:
                problems.append(Problem(file, str(number), "", f"over {MAX_ROWS:,} rows: split the package"))
                break
            if len(cells) > len(columns):
                problems.append(Problem(file, str(number), "", "more cells than the header has columns"))
                continue
            row = {column: (unmark_cell(cells[i]) if i < len(cells) and cells[i] != "" else None)
                   for i, column in enumerate(columns)}
            row["_where"] = str(number)
            rows.append(row)
    except csv.Error as exc:
        message = (f"a cell is over {MAX_CELL:,} characters" if "field limit" in str(exc) else f"not CSV: {exc}")
        problems.append(Problem(file, str(number + 1), "", f"{message}: the table is not read further"))
    except _LineTooLong:
        problems.append(Problem(file, str(number + 1), "", f"a line is over {MAX_CELL:,} characters: the table "
                                                           "is not read further"))
    except TooBig:
        problems.append(Problem(file, str(number + 1), "", f"the table is over {MAX_TABLE_BYTES // 2**20} MiB: "
                                                           "split the package"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, str(number + 1), "", f"not UTF-8 text ({exc.reason})"))
    finally:
        csv.field_size_limit(limit)
    return problems


class _LineTooLong(Exception):
    """A physical line longer than any cell may be."""


def _lines(text):
    """The lines of a text stream, none held beyond MAX_CELL characters (a 1 GB line is refused
    after 64 KiB, not read into memory); the csv module joins quoted multi-line cells."""
    while True:
        line = text.readline(MAX_CELL + 2)
        if not line:
            return
        if len(line) > MAX_CELL + 1:
            raise _LineTooLong
        yield line


def _strip_controls(tables: dict[str, list[dict]], source: str) -> list[str]:
    """Remove control characters (NUL, BEL, escapes...) from every cell; a note says where."""
    count, first = 0, None
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
                    row[column] = CONTROL_CHARACTERS.sub("", value)
                    count += 1
                    first = first or f"{table} {row.get('_where')} field {column}"
    if not count:
        return []
    return [f"{source}: control characters removed from {count} cell(s) (first: {first})"]


# --- tables -> records ------------------------------------------------------------------

class _Index:
    """The rows of a package, grouped by the columns that link them."""

    def __init__(self, package: Package):
        tables = package.tables
        self.tables, self.form, self.source = tables, package.form, package.source
        self.by_id = {table: {row["id"]: row for row in rows if row.get("id")} for table, rows in tables.items()}
        self.children = defaultdict(list)  # (table, link column, id) -> rows
        for table, rows in tables.items():
            for row in rows:
                for column in table_columns()[table]:
                    if column.endswith("_id") and row.get(column):
                        self.children[(table, column, row[column])].append(row)
        self.read_schedules: set[str] = set()
        self.attributes = defaultdict(list)
        for row in tables.get("attribute", []):
            self.attributes[row.get("link_id")].append(row)

    def file(self, table: str) -> str:
        return table_files()[table] if self.form == "csv" else self.source

    def of(self, table: str, column: str, value) -> list[dict]:
        return self.children.get((table, column, value), [])

    def term(self, attribute: dict) -> dict:
        return self.by_id["taxonomy_term"].get(attribute.get("taxonomy_term_id")) or {}


def records_from_tables(package: Package, taxonomy: Taxonomy, defaults: dict | None = None) -> Imported:
    """Build a record per organization row; texts are Text (the package's language).

    `defaults` fills what a package may lack: category, service_area, last_verified."""
    defaults = defaults or {}
    index = _Index(package)
    result = Imported(notices=list(package.notices))
    _report_unmapped(index, result)
    taken: set[str] = set()
    for row in package.tables.get("organization", []):
        builder = _Builder(index, row, taxonomy, defaults, result)
        record = builder.build(taken)
        if record is not None:
            taken.add(record["id"])
            result.records.append(record)
            result.origins[record["id"]] = builder.origins
    # Our hours belong to a location: a schedule of a service alone has nowhere to go.
    unplaced = [row for row in package.tables.get("schedule", []) if row.get("id") not in index.read_schedules]
    if unplaced:
        result.notices.append(f"{index.file('schedule')}: {len(unplaced)} schedule(s) not imported: not linked to a "
                              f"location (row {unplaced[0].get('_where')}{', ...' if len(unplaced) > 1 else ''})")
    return result


def _report_unmapped(index: _Index, result: Imported) -> None:
    for table, rows in index.tables.items():
        counts = Counter(column for row in rows for column, value in row.items()
                         if value not in (None, "") and column != "_where" and column not in MAPPED.get(table, ()))
        if table not in MAPPED and rows:
            result.notices.append(f"{index.file(table)}: {len(rows)} row(s) not imported (no such field in our records)")
        else:
            for column, count in sorted(counts.items()):
                result.notices.append(f"{index.file(table)}: field {column} not imported ({count} row(s))")


class _Builder:
    """One organization row and the rows linked to it -> one record dict."""

    def __init__(self, index: _Index, row: dict, taxonomy: Taxonomy, defaults: dict, result: Imported):
        self.index, self.row, self.taxonomy, self.defaults, self.result = index, row, taxonomy, defaults, result
        self.origins: dict[str, tuple[str, str, str]] = {}
        self.failed = False

    def problem(self, table: str, row: dict, column: str, message: str) -> None:
        self.result.problems.append(Problem(self.index.file(table), row.get("_where", ""), column, message))
        self.failed = True

    def take(self, path: str, table: str, row: dict, column: str, value):
        """A record field's value, remembering which table, row and column it came from."""
        self.origins[path] = (self.index.file(table), row.get("_where", ""), column)
        return value

    def text(self, path: str, table: str, row: dict, column: str):
        value = _clean(row.get(column))
        return self.take(path, table, row, column, Text(value)) if value else None

    def build(self, taken: set[str]) -> dict | None:
        row, index = self.row, self.index
        oid = row.get("id")
        attributes = [(a, index.term(a)) for a in index.attributes.get(oid, [])]
        services = index.of("service", "organization_id", oid)
        locations = self._locations(oid, services)
        record = {"id": self.take("id", "organization", row, "id", self._record_id(taken))}
        record["name"] = self.text("name", "organization", row, "name")
        if not record["name"]:
            self.problem("organization", row, "name", "an organization needs a name")
        alternate = [Text(n.strip()) for n in (_clean(row.get("alternate_name")) or "").split(";") if n.strip()]
        if alternate:
            record["alternate_names"] = self.take("alternate_names", "organization", row, "alternate_name", alternate)
        record["description"] = self.text("description", "organization", row, "description")
        if not record["description"]:
            self.problem("organization", row, "description", "an organization needs a description")
        record["categories"] = self._categories(attributes, services)
        keywords = [Text(a["value"]) for a, term in attributes if _code(term) == "keyword" and a.get("value")]
        if keywords:
            record["keywords"] = keywords  # one language's list: merge_languages() keys it by language
        for column in ("website", "email"):
            if _clean(row.get(column)):
                record[column] = self.take(column, "organization", row, column, _clean(row[column]))
        phones = self._phones(oid, services, locations)
        if phones:
            record["phones"] = phones
        languages = self._languages(attributes, locations)
        if languages:
            record["languages"] = languages
        record["service_area"] = self._service_area(attributes, services)
        record["status"] = self._status(attributes, services)
        record["last_verified"] = self._last_verified(services)
        location_slugs = {}
        record_locations = []
        for i, location in enumerate(locations):
            built = self._location(f"locations[{i}]", location, set(location_slugs.values()))
            location_slugs[location["id"]] = built["id"]
            record_locations.append(built)
        if record_locations:
            record["locations"] = record_locations
        built_services = [self._service(f"services[{i}]", s, location_slugs) for i, s in enumerate(services)]
        if built_services:
            record["services"] = built_services
        record = {k: v for k, v in record.items() if v not in (None, [], "")}
        return None if self.failed else record

    def _locations(self, oid: str, services: list[dict]) -> list[dict]:
        """The organization's locations, and those where its services are offered."""
        locations = {row["id"]: row for row in self.index.of("location", "organization_id", oid)}
        for service in services:
            for link in self.index.of("service_at_location", "service_id", service["id"]):
                location = self.index.by_id["location"].get(link.get("location_id"))
                if location is not None:
                    locations.setdefault(location["id"], location)
        return list(locations.values())

    def _record_id(self, taken: set[str]) -> str:
        identifiers = self.index.of("organization_identifier", "organization_id", self.row.get("id"))
        ours = [i for i in identifiers if i.get("identifier_scheme") == ID_SCHEME and i.get("identifier")]
        if ours and not is_record_id(ours[0]["identifier"]):
            # It would become a file name: anything but an id (../, /, spaces) is refused here.
            self.problem("organization_identifier", ours[0], "identifier",
                         f"{ours[0]['identifier']!r} is not a record id (lowercase letters, digits and hyphens)")
            ours = []
        base = ours[0]["identifier"] if ours else make_id(self.row.get("name") or self.row.get("id") or "organisme")
        return unique_id(base or "organisme", taken.__contains__)

    def _categories(self, attributes, services) -> list[str]:
        ours = sorted(((int(a.get("value") or 0) if (a.get("value") or "").isdigit() else 99, _slug(term))
                       for a, term in attributes if _code(term).startswith("category:")))
        slugs = [slug for _, slug in ours if slug in self.taxonomy.categories]
        for attribute, term in attributes:
            if _code(term).startswith("category:") and _slug(term) not in self.taxonomy.categories:
                self.problem("attribute", attribute, "taxonomy_term_id", f"unknown category '{_slug(term)}'")
        if not slugs:
            # Another publisher's taxonomy: a term whose code or name is one of our categories.
            for owner in [self.row, *services]:
                for attribute in self.index.attributes.get(owner.get("id"), []):
                    slug = self._category_named(self.index.term(attribute))
                    if slug and slug not in slugs:
                        slugs.append(slug)
        return self._or_default(slugs, "categories", "category", "no category could be mapped (no attribute names "
                                "one of content/categories.yaml): give one with --category")

    def _or_default(self, slugs: list[str], field: str, default: str, missing: str) -> list[str]:
        """What the package said, else the --category / --area given, else a problem; the
        field's origin is the organization's attributes."""
        if not slugs and self.defaults.get(default):
            slugs = [self.defaults[default]]
        if not slugs:
            self.problem("organization", self.row, "id", missing)
        self.origins[field] = (self.index.file("organization"), self.row.get("_where", ""), "attributes")
        return slugs

    def _category_named(self, term: dict) -> str | None:
        wanted = {fold_name(term.get(k) or "") for k in ("code", "name")} - {""}
        for slug, category in self.taxonomy.categories.items():
            names = {fold_name(slug), *(fold_name(n) for n in category.name.values())}
            if wanted & names:
                return slug
        return None

    def _service_area(self, attributes, services) -> list[str]:
        slugs = [_slug(t) for _, t in attributes if _code(t).startswith("territory:")]
        slugs = [s for s in slugs if s in self.taxonomy.territories or s == WHOLE_PROVINCE]
        if not slugs:
            for service in services:
                for area in self.index.of("service_area", "service_id", service["id"]):
                    slug = self._territory_named(area.get("name") or "")
                    if slug and slug not in slugs:
                        slugs.append(slug)
        return self._or_default(slugs, "service_area", "service_area", "no territory served could be mapped (no "
                                "attribute or service area names one of content/territories.yaml): give one with --area")

    def _territory_named(self, name: str) -> str | None:
        folded = fold_name(name)
        if folded in {"quebec", "tout le quebec", "all of quebec", "province de quebec"}:
            return WHOLE_PROVINCE
        for slug, territory in self.taxonomy.territories.items():
            if folded in {fold_name(slug), *(fold_name(n) for n in territory.name.values())}:
                return slug
        return None

    def _status(self, attributes, services) -> str:
        ours = [a.get("value") for a, t in attributes if _code(t) == "status"]
        if ours and ours[0] in SERVICE_STATUS:
            return ours[0]
        statuses = {FROM_HSDS_STATUS.get((s.get("status") or "").lower()) for s in services} - {None}
        if statuses == {"inactive"} or statuses == {"temporarily_closed"}:
            return statuses.pop()
        return "active"

    def _last_verified(self, services) -> str | None:
        verified = [m for m in self.index.of("metadata", "resource_id", self.row.get("id"))
                    if m.get("last_action_type") == "verified" and m.get("last_action_date")]
        candidates = [(m, "metadata", "last_action_date") for m in verified]
        if not candidates:
            candidates = [(s, "service", c) for s in services for c in ("assured_date", "last_modified") if s.get(c)]
        dates = []
        for row, table, column in candidates:
            day = _date(row[column])
            if day is None:
                self.problem(table, row, column, f"'{row[column]}' is not a date (YYYY-MM-DD)")
            else:
                dates.append((day, row, table, column))
        if dates:
            day, row, table, column = max(dates, key=lambda d: d[0])
            return self.take("last_verified", table, row, column, day)
        if self.defaults.get("last_verified"):
            return self.defaults["last_verified"]
        self.problem("organization", self.row, "id", "no date of last verification (metadata 'verified', or a "
                                                     "service's assured_date): give one with --verified")
        return None

    def _phones(self, oid, services, locations) -> list[dict]:
        rows, seen = [], set()
        owners = [("organization_id", oid), *(("service_id", s["id"]) for s in services),
                  *(("location_id", loc["id"]) for loc in locations)]
        for column, owner in owners:
            for phone in self.index.of("phone", column, owner):
                if phone["id"] not in seen:
                    seen.add(phone["id"])
                    rows.append(phone)
        phones = []
        for i, phone in enumerate(rows):
            path = f"phones[{i}]"
            number = _clean(phone.get("number")) or ""
            number = number.strip('"')
            if phone.get("extension") and str(phone["extension"]) not in number:
                number = f"{number} poste {phone['extension']}"
            entry = {"number": self.take(f"{path}.number", "phone", phone, "number", number)}
            kind = (phone.get("type") or "voice").lower()
            kind = FROM_HSDS_PHONE.get(kind, kind)
            if kind not in OUR_PHONE_TYPES:
                self.result.notices.append(f"{self.index.file('phone')} row {phone.get('_where')}: type '{kind}' "
                                           "read as voice")
                kind = "voice"
            entry["type"] = self.take(f"{path}.type", "phone", phone, "type", kind)
            description = self.text(f"{path}.description", "phone", phone, "description")
            if description:
                entry["description"] = description
            phones.append(entry)
        return phones

    def _languages(self, attributes, locations) -> list[str]:
        codes = [a.get("value") for a, t in attributes if _code(t) == "language"]
        if not attributes or not codes:
            codes = [lang.get("code") for location in locations
                     for lang in self.index.of("language", "location_id", location["id"])]
        result = []
        for code in codes:
            code = (code or "").lower()[:2]
            if _LANGUAGE_CODE.match(code) and code not in result:
                result.append(code)
        return result

    def _location(self, path: str, row: dict, used: set[str]) -> dict:
        slug = row.get("external_identifier") if row.get("external_identifier_type") == LOCATION_ID_TYPE else None
        slug = unique_id(slug or make_id(row.get("name") or "site") or "site", used.__contains__)
        location = {"id": self.take(f"{path}.id", "location", row, "external_identifier", slug)}
        name = self.text(f"{path}.name", "location", row, "name")
        if name:
            location["name"] = name
        addresses = self.index.of("address", "location_id", row["id"])
        physical = [a for a in addresses if a.get("address_type") != "postal"] or addresses
        if physical:
            address_row = physical[0]
            address = {}
            for ours, column in (("street", "address_1"), ("unit", "address_2"), ("city", "city"),
                                 ("region", "region"), ("postal_code", "postal_code")):
                value = _clean(address_row.get(column))
                if value:
                    address[ours] = self.take(f"{path}.address.{ours}", "address", address_row, column, value)
            location["address"] = address
        latitude, longitude = row.get("latitude"), row.get("longitude")
        if latitude not in (None, "") or longitude not in (None, ""):
            coordinates = []
            for column in ("latitude", "longitude"):
                try:
                    coordinates.append(float(row.get(column)))
                except (TypeError, ValueError):
                    self.problem("location", row, column, f"'{row.get(column)}' is not a number")
            location["coordinates"] = self.take(f"{path}.coordinates", "location", row, "latitude", coordinates)
        access = [a for a in self.index.of("accessibility", "location_id", row["id"]) if _clean(a.get("description"))]
        if access:
            location["accessibility"] = self.text(f"{path}.accessibility", "accessibility", access[0], "description")
        self._schedules(path, location, self.index.of("schedule", "location_id", row["id"]))
        return location

    def _schedules(self, path: str, location: dict, schedules: list[dict]) -> None:
        hours, exceptions = [], []
        for schedule in schedules:
            self.index.read_schedules.add(schedule.get("id"))
            one_day = schedule.get("valid_from") and schedule.get("valid_from") == schedule.get("valid_to") \
                and not schedule.get("freq")
            if one_day:
                exceptions.append(self._exception(f"{path}.exceptions[{len(exceptions)}]", schedule))
                continue
            if (schedule.get("freq") or "WEEKLY").upper() != "WEEKLY" or str(schedule.get("interval") or 1) != "1":
                self.result.notices.append(f"{self.index.file('schedule')} row {schedule.get('_where')}: "
                                           "only weekly schedules are imported")
                continue
            days = [d.strip().lower()[-2:] for d in (schedule.get("byday") or "").split(",") if d.strip()]
            bad = [d for d in days if d not in DAYS]
            if bad or not days:
                self.problem("schedule", schedule, "byday", f"expected days as MO,TU,...,SU, found "
                                                            f"'{schedule.get('byday') or ''}'")
                continue
            opens = self._time(schedule, "opens_at")
            closes = self._time(schedule, "closes_at")
            if opens is None or closes is None:
                continue
            if len(days) == 7 and opens == "00:00" and closes in ("00:00", "23:59", "24:00"):
                location["open_24_7"] = True
                continue
            interval = {"days": [d for d in DAYS if d in days], "opens": opens, "closes": closes}
            self.take(f"{path}.hours[{len(hours)}]", "schedule", schedule, "byday", None)
            hours.append(interval)
        if hours:
            location["hours"] = hours
        if exceptions:
            location["exceptions"] = [e for e in exceptions if e]

    def _exception(self, path: str, schedule: dict) -> dict | None:
        day = _date(schedule["valid_from"])
        if day is None:
            self.problem("schedule", schedule, "valid_from", f"'{schedule['valid_from']}' is not a date (YYYY-MM-DD)")
            return None
        entry = {"date": self.take(f"{path}.date", "schedule", schedule, "valid_from", day)}
        if schedule.get("opens_at") or schedule.get("closes_at"):
            opens, closes = self._time(schedule, "opens_at"), self._time(schedule, "closes_at")
            if opens is None or closes is None:
                return None
            entry.update(opens=opens, closes=closes)
        else:
            entry["closed"] = True
        description = self.text(f"{path}.description", "schedule", schedule, "description")
        if description:
            entry["description"] = description
        return entry

    def _time(self, row: dict, column: str) -> str | None:
        value = (row.get(column) or "").strip()
        match = _TIME.match(value)
        if not match:
            self.problem("schedule", row, column, f"expected a time such as 09:00, found '{value}'")
            return None
        return f"{match.group(1)}:{match.group(2)}"

    def _service(self, path: str, row: dict, location_slugs: dict) -> dict:
        service = {"name": self.text(f"{path}.name", "service", row, "name")}
        if not service["name"]:
            self.problem("service", row, "name", "a service needs a name")
        for ours, column in (("description", "description"), ("eligibility", "eligibility_description"),
                             ("fees", "fees_description"), ("application_process", "application_process")):
            value = self.text(f"{path}.{ours}", "service", row, column)
            if value:
                service[ours] = value
        clientele = [a for a in self.index.attributes.get(row["id"], []) if _code(self.index.term(a)) == "clientele"]
        if clientele and clientele[0].get("value"):
            service["clientele"] = self.take(f"{path}.clientele", "attribute", clientele[0], "value",
                                             Text(clientele[0]["value"]))
        for column in ("minimum_age", "maximum_age"):
            value = row.get(column)
            if value not in (None, ""):
                try:
                    service[column] = self.take(f"{path}.{column}", "service", row, column, int(float(value)))
                except (TypeError, ValueError):
                    self.problem("service", row, column, f"'{value}' is not a whole number")
        languages = []
        for language in self.index.of("language", "service_id", row["id"]):
            code = (language.get("code") or "").lower()[:2]
            if _LANGUAGE_CODE.match(code) and code not in languages:
                languages.append(code)
        if languages:
            service["languages"] = languages
        at = [location_slugs[a["location_id"]] for a in self.index.of("service_at_location", "service_id", row["id"])
              if a.get("location_id") in location_slugs]
        if at:
            service["locations"] = list(dict.fromkeys(at))
        return service


def _code(term: dict) -> str:
    return (term.get("code") or "") if term.get("taxonomy") == TAXONOMY else ""


def _slug(term: dict) -> str:
    return _code(term).split(":", 1)[1]


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _date(value) -> str | None:
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError:
        return None


# --- languages ----------------------------------------------------------------------------

def merge_languages(by_language: dict[str, Imported]) -> tuple[list[dict], list[Problem]]:
    """Records of the same organizations in several languages -> bilingual records.

    A text the same in every language (or given in one language only) stays a plain string;
    otherwise it becomes {fr: ..., en: ...}. Keywords become {lang: [...]}."""
    languages = list(by_language)
    base = by_language["fr"] if "fr" in by_language else by_language[languages[0]]
    others = {lang: {r["id"]: r for r in imported.records} for lang, imported in by_language.items()}
    records, problems = [], []
    for record in base.records:
        versions = {lang: records_by_id.get(record["id"]) for lang, records_by_id in others.items()}
        missing = [lang for lang, version in versions.items() if version is None]
        if missing:
            problems.append(Problem("organizations", "", "id", f"'{record['id']}' is missing from the "
                                                               f"{', '.join(missing)} package"))
            continue
        merged = _merge({lang: v for lang, v in versions.items()})
        keywords = {lang: [str(word) for word in v["keywords"]] for lang, v in versions.items() if v.get("keywords")}
        if keywords:
            merged["keywords"] = {lang: keywords[lang] for lang in ("fr", "en") if lang in keywords}
        records.append(_order(merged))
    return records, problems


def _merge(values: dict):
    first = next(iter(values.values()))
    if isinstance(first, Text):
        texts = {lang: str(v) for lang, v in values.items() if v}
        if len(set(texts.values())) <= 1:
            return str(first)
        return {lang: texts[lang] for lang in ("fr", "en") if lang in texts}
    if isinstance(first, dict):
        return {key: _merge({lang: (v or {}).get(key) if isinstance(v, dict) else None for lang, v in values.items()})
                for key in first}
    if isinstance(first, list):
        return [_merge({lang: v[i] if isinstance(v, list) and i < len(v) else item for lang, v in values.items()})
                for i, item in enumerate(first)]
    return first


def _order(record: dict) -> dict:
    """Fields in the contract's order, which is the schema's."""
    return {key: record[key] for key in _schema_order() if key in record}


@lru_cache(maxsize=1)
def _schema_order() -> list[str]:
    return list(json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))["properties"])


def canonical(value):
    """A record as its texts read: {fr: a, en: a} and {fr: a} are the plain text a (the same
    in both languages), so that two records saying the same thing compare equal."""
    if isinstance(value, dict):
        if value and set(value) <= {"fr", "en"} and "fr" in value and all(isinstance(v, str) for v in value.values()):
            texts = set(value.values())
            return value["fr"] if len(texts) == 1 else dict(value)
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value
