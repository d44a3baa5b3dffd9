"""HSDS tables (read by hsds_read.py) -> our records, with what was repaired and left out.

No Pelican and no writing here: scripts/import_hsds reads packages with read_package(),
turns them into record dicts with records_from_tables() (one package per language, merged
by merge_languages()), validates them with the build's own reader and writes the valid
ones. Every record is built even when something in it is wrong, so that one pass finds
every problem; each names the table, the row and the field it comes from, and the record.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from zoneinfo import ZoneInfo

from repertoire import fields
from repertoire.fields import Child, Column, fields_of, from_hsds
from repertoire.ids import UniqueIds, is_record_id, make_id
from repertoire.records import LANGUAGES, SCHEMA_PATH, language_codes
from repertoire.taxonomy import Taxonomy, fold_name
from repertoire.yamlfile import RECORD_LIMITS

from . import repairs
from .hours import DAYS
from .hsds import ID_SCHEME, LOCATION_ID_TYPE, PHONE_TYPES, SERVICE_STATUS, TAXONOMY, table_columns, table_files
from .hsds_read import Notice, Package, Problem, read_package  # noqa: F401 (read_package: the script's entry)

OUR_PHONE_TYPES = {"voice", "text", "fax", "tty", "hotline"}
FROM_HSDS_PHONE = {**{v: k for k, v in PHONE_TYPES.items()}, "cell": "voice", "video": "voice", "pager": "voice"}
FROM_HSDS_STATUS = {**{v: k for k, v in SERVICE_STATUS.items()}, "defunct": "inactive"}
# The columns this import reads of its own, per table (mapped() adds the declared facts');
# any other filled column is reported as not mapped.
MAPPED = {
    "organization": {"id", "name", "alternate_name", "description", "email", "website"},
    "organization_identifier": {"id", "organization_id", "identifier_scheme", "identifier_type", "identifier"},
    "phone": {
        "id",
        "organization_id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "contact_id",
        "number",
        "extension",
        "type",
        "description",
    },
    "location": {
        "id",
        "organization_id",
        "location_type",
        "name",
        "latitude",
        "longitude",
        "external_identifier",
        "external_identifier_type",
    },
    "address": {
        "id",
        "location_id",
        "address_1",
        "address_2",
        "city",
        "region",
        "state_province",
        "postal_code",
        "country",
        "address_type",
    },
    "language": {"id", "service_id", "location_id", "name", "code"},
    "schedule": {
        "id",
        "service_id",
        "location_id",
        "service_at_location_id",
        "valid_from",
        "valid_to",
        "dtstart",
        "until",
        "count",
        "freq",
        "wkst",
        "interval",
        "byday",
        "byweekno",
        "bymonthday",
        "byyearday",
        "opens_at",
        "closes_at",
        "description",
        "notes",
    },
    "service": {
        "id",
        "organization_id",
        "name",
        "description",
        "status",
        "minimum_age",
        "maximum_age",
        "assured_date",
        "last_modified",
    },
    "service_area": {"id", "service_id", "name"},
    "service_at_location": {"id", "service_id", "location_id"},
    "attribute": {"id", "link_id", "link_entity", "link_type", "taxonomy_term_id", "value"},
    "taxonomy_term": {
        "id",
        "code",
        "name",
        "description",
        "taxonomy",
        "language",
        "taxonomy_id",
        "parent_id",
        "term_uri",
    },
    "taxonomy": {"id", "name", "description", "uri", "version"},
    "metadata": {
        "id",
        "resource_id",
        "resource_type",
        "last_action_date",
        "last_action_type",
        "field_name",
        "previous_value",
        "replacement_value",
        "updated_by",
    },
}


def mapped() -> dict[str, set[str]]:
    """MAPPED with the columns and linked tables of the facts declared now (repertoire/fields.py)."""
    found = {table: set(columns) for table, columns in MAPPED.items()}
    for fact in fields.FIELDS:
        if isinstance(fact.hsds, Column):
            found[fact.owner].add(fact.hsds.name)
        elif isinstance(fact.hsds, Child):
            found.setdefault(fact.hsds.table, {"id"}).update({f"{fact.owner}_id", fact.hsds.column})
    return found


# A record holds at most this many values (its file is refused past them): no more linked rows
# are built into one.
MAX_LINKED_ROWS = RECORD_LIMITS.max_values
_TIME = re.compile(r"^([01][0-9]|2[0-4]):([0-5][0-9])(:[0-5][0-9](\.[0-9]+)?)?([+-][0-9]{2}:?[0-9]{2}|Z)?$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}$")
_NTH_DAY = re.compile(r"^[+-]?[0-9]+(mo|tu|we|th|fr|sa|su)$")  # "1MO": the first Monday of the month
MAX_EXCEPTION_DAYS = 62  # a closure from one date to another, made an exception each date


class Text(str):
    """Text that people read, in the package's language: merged into {fr, en} with another language."""


@dataclass
class Imported:
    """Records built from one package, where each field came from, and what went wrong."""

    records: list[dict] = field(default_factory=list)
    origins: dict[str, dict[str, tuple[str, str, str]]] = field(default_factory=dict)  # id -> field -> place
    problems: list[Problem] = field(default_factory=list)  # each with the record it keeps out ("" for all)
    notices: list[Notice] = field(default_factory=list)
    reported: dict[str, set[str]] = field(default_factory=dict)  # record id -> fields already said wrong
    # record id -> the package's own id of its organization: one organization's packages in
    # two languages share it, while its name, and the record id made from it, differ.
    sources: dict[str, str] = field(default_factory=dict)


# --- tables -> records ------------------------------------------------------------------


DATE_COLUMNS = {
    "metadata": ("last_action_date",),
    "service": ("assured_date", "last_modified"),
    "schedule": ("valid_from", "valid_to", "dtstart", "until"),
}


class _Index:
    """The rows of a package, grouped by the columns that link them."""

    def __init__(self, package: Package):
        tables = package.tables
        self.tables, self.form, self.source = tables, package.form, package.source
        self.by_id = {table: {row["id"]: row for row in rows if row.get("id")} for table, rows in tables.items()}
        self.children = defaultdict(list)  # (table, link column, id) -> rows
        for table, rows in tables.items():
            links = [column for column in table_columns()[table] if column.endswith("_id")]
            for row in rows:
                for column in links:
                    if row.get(column):
                        self.children[(table, column, row[column])].append(row)
        # Rows read, by file and id: an older package's files merged into one table number
        # their ids each on its own (regular and holiday schedules).
        self.read_schedules: set[tuple] = set()
        self.read_phones: set[tuple] = set()
        # The owners each phone's rows name, over all its rows: nested in JSON under the
        # organization, a location and a service, one phone is a row under each, where a CSV
        # row names all three; either way it stays with the most precise (_Builder._phones).
        self.phone_owners: defaultdict[tuple, set[str]] = defaultdict(set)
        for row in tables.get("phone", []):
            self.phone_owners[_row_key(row)].update(column for column in PHONE_OWNERS if row.get(column))
        self.unused: Counter = Counter()  # (table, file, column) filled but not used by the rows that have it
        self.reached: set[int] = set()  # the rows (their id()) a record was built from: see PLACED_UNDER
        self.read: set[int] = set()  # the attribute and metadata rows (their id()) a value was read from
        self.unknown_languages: Counter = Counter()  # (file, name) of no ISO 639-1 code
        self.named_alike: dict[int, str] = {}  # organization row (its id()) -> its id, see _named_alike
        self.claimed: dict[str, dict] = {}  # record id -> the organization_identifier row that gave it first
        # 25/11/2025 or 11/25/2025: the package's dates tell which its locale writes.
        self.date_order = repairs.date_order(
            row.get(column)
            for table, columns in DATE_COLUMNS.items()
            for row in tables.get(table, [])
            for column in columns
        )

    def file(self, table: str, row: dict | None = None) -> str:
        """The file a row came from: its own (an older package's table), its table's, or the JSON file."""
        if self.form != "csv":
            return self.source
        return (row or {}).get("_file") or table_files()[table]

    def of(self, table: str, column: str, value) -> list[dict]:
        return self.children.get((table, column, value), [])

    def term(self, attribute: dict) -> dict:
        return self.by_id["taxonomy_term"].get(attribute.get("taxonomy_term_id")) or {}


def records_from_tables(package: Package, taxonomy: Taxonomy, defaults: dict | None = None) -> Imported:
    """Build a record per organization row, even a wrong one (its problems say why); texts are
    Text (the package's language).

    `defaults` fills what a package may lack: category, service_area, last_verified."""
    defaults = defaults or {}
    index = _Index(package)
    result = Imported(notices=list(package.notices), problems=list(package.row_problems))
    # An id a package gives an organization is its own: another, named alike, was made that id
    # first and the one given it renumbered without a word (a reviewer, stop 79).
    ids = UniqueIds(
        {
            row["identifier"]
            for row in package.tables.get("organization_identifier", [])
            if row.get("identifier_scheme") == ID_SCHEME and is_record_id(row.get("identifier"))
        }
    )
    index.named_alike = _named_alike(index, taxonomy)
    for row in package.tables.get("organization", []):
        builder = _Builder(index, row, taxonomy, defaults, result)
        record = builder.build(ids)
        result.records.append(record)
        result.origins[record["id"]] = builder.origins
        result.reported[record["id"]] = builder.reported
        if row.get("id") not in (None, ""):
            result.sources[record["id"]] = str(row["id"])
        result.problems += [Problem(*p[:4], record=record["id"]) for p in builder.problems]
    _report_unmapped(index, result)
    _report_unread(index, result)
    unplaced = [row for row in package.tables.get("phone", []) if _row_key(row) not in index.read_phones]
    _not_linked(result, index, "phone", unplaced, "an organization, a location or a service of one")
    for (file, name), count in sorted(index.unknown_languages.items()):
        result.notices.append(
            Notice("not imported", f"{file}: language '{name}' not imported: no ISO 639-1 code ({count} row(s))", count)
        )
    # Our hours belong to a location: a schedule of a service alone has nowhere to go.
    unplaced = [row for row in package.tables.get("schedule", []) if _row_key(row) not in index.read_schedules]
    _not_linked(result, index, "schedule", unplaced, "a location")
    # A link column missing or naming nothing: a services.csv without organization_id lost
    # every service without a word.
    for table, owner in PLACED_UNDER.items():
        unplaced = [row for row in package.tables.get(table, []) if id(row) not in index.reached]
        _not_linked(result, index, table, unplaced, owner)
    return result


# The tables whose rows are only read under what they link to, and what that is. (Not
# service areas: read only where an organization's attributes name no territory.)
PLACED_UNDER = {
    "service": "an organization (organization_id)",
    "location": "an organization (organization_id) or a service of one (service_at_location)",
    "service_at_location": "a service (service_id)",
    "address": "a location (location_id)",
    "organization_identifier": "an organization (organization_id)",
}


def _not_linked(result: Imported, index: "_Index", table: str, rows: list[dict], owner: str) -> None:
    """Rows of `table` linked to nothing a record holds (`owner` says what they must be linked to)."""
    if rows:
        more = ", ..." if len(rows) > 1 else ""
        result.notices.append(
            Notice(
                "not imported",
                f"{index.file(table, rows[0])}: {len(rows)} {table}(s) not imported: not linked to {owner} "
                f"(row {rows[0].get('_where')}{more})",
                len(rows),
            )
        )


def _report_unmapped(index: _Index, result: Imported) -> None:
    """Every filled column the import did not read, and every table it does not read, with counts."""
    read = mapped()
    for table, rows in index.tables.items():
        if table not in read:
            for file, count in sorted(Counter(index.file(table, row) for row in rows).items()):
                what = "row(s)" if index.form == "csv" else f"{table} object(s)"
                result.notices.append(
                    Notice("not imported", f"{file}: {count} {what} not imported (no such field in our records)", count)
                )
            continue
        counts = Counter(
            (index.file(table, row), column)
            for row in rows
            for column, value in row.items()
            if value not in (None, "") and column not in ("_where", "_file", "_range") and column not in read[table]
        )
        counts.update({(file, column): n for (of, file, column), n in index.unused.items() if of == table})
        for (file, column), count in sorted(counts.items()):
            what = "field" if index.form == "csv" else f"{table} field"
            result.notices.append(
                Notice("not imported", f"{file}: {what} {column} not imported ({count} row(s))", count)
            )


# Terms named in the report's line for the attributes not imported, the most used first.
UNREAD_TERMS_SHOWN = 10


def _report_unread(index: _Index, result: Imported) -> None:
    """The attribute and metadata rows no value was read from, with counts: an attribute of
    another publisher's term (a "wheelchair accessible" of their own taxonomy) and an
    update's history were left out without a word."""
    for table, rows in (
        ("attribute", index.tables.get("attribute", [])),
        ("metadata", index.tables.get("metadata", [])),
    ):
        unread = Counter()
        for row in rows:
            if id(row) not in index.read:
                term = index.term(row) if table == "attribute" else {}
                label = (term.get("name") or term.get("code") or row.get("taxonomy_term_id") or "?")[:80]
                unread[(index.file(table, row), label if table == "attribute" else "")] += 1
        for file in sorted({file for file, _ in unread}):
            counts = [(label, n) for (f, label), n in unread.most_common() if f == file]
            total = sum(n for _, n in counts)
            if table == "metadata":
                said = "only an organization's 'verified' action is read (its date of last verification)"
            else:
                shown = ", ".join(f"'{label}' ({n})" for label, n in counts[:UNREAD_TERMS_SHOWN])
                more = f" and {len(counts) - UNREAD_TERMS_SHOWN} more" if len(counts) > UNREAD_TERMS_SHOWN else ""
                said = f"no field of our records is read from their terms there: {shown}{more}"
            what = "row(s)" if index.form == "csv" else f"{table} object(s)"
            result.notices.append(Notice("not imported", f"{file}: {total} {what} not imported: {said}", total))


class _Builder:
    """One organization row and the rows linked to it -> one record dict."""

    def __init__(self, index: _Index, row: dict, taxonomy: Taxonomy, defaults: dict, result: Imported):
        self.index, self.row, self.taxonomy, self.defaults, self.result = index, row, taxonomy, defaults, result
        self.origins: dict[str, tuple[str, str, str]] = {}
        self.problems: list[tuple[str, str, str, str]] = []
        self.reported: set[str] = set()  # record fields a problem was said about (validation adds nothing there)
        self.record_id = ""
        self._noticed: set[str] = set()  # a row's number split in two notes its type once
        self.rows_linked = 0  # rows looked up for this record (linked())

    def linked(self, table: str, column: str, value) -> list[dict]:
        """The rows of `table` whose `column` is `value` (_Index.of), counted: past what a record
        may hold (RECORD_LIMITS.max_values), none more are built into it and a problem says
        so, however many rows a package links to one organization."""
        rows = self.index.of(table, column, value)
        self.index.reached.update(map(id, rows))
        before, self.rows_linked = self.rows_linked, self.rows_linked + len(rows)
        if self.rows_linked <= MAX_LINKED_ROWS:
            return rows
        if before <= MAX_LINKED_ROWS:
            self.problem(
                "organization",
                self.row,
                "id",
                f"over {MAX_LINKED_ROWS:,} rows linked to this organization: a record holds at most "
                f"{MAX_LINKED_ROWS:,} values",
            )
        return []

    def problem(self, table: str, row: dict, column: str, message: str, path: str = "") -> None:
        self.problems.append((self.index.file(table, row), row.get("_where", ""), column, message))
        if path:
            self.reported.add(path)

    def repaired(self, table: str, row: dict, column: str, before, after) -> None:
        """A value changed to what our records expect: reported, with what it was."""
        self._notice("repaired", table, row, column, f"{str(before)[:80]!r} read as {str(after)[:80]!r}")

    def left_out(self, table: str, row: dict, column: str, why: str) -> None:
        """A value that could not be kept (the rest of the record is): reported, with why."""
        self._notice("not imported", table, row, column, f"{str(row.get(column))[:80]!r}: {why}")

    def _notice(self, kind: str, table: str, row: dict, column: str, said: str) -> None:
        """A notice about one row's field, grouped with the same field's of other rows."""
        place = str(Problem(self.index.file(table, row), row.get("_where", ""), column, ""))[:-2]
        group = f"{self.index.file(table, row)} {'' if self.index.form == 'csv' else table + ' '}field {column}"
        if f"{kind} {place}: {said}" in self._noticed:
            return
        self._noticed.add(f"{kind} {place}: {said}")
        self.result.notices.append(Notice(kind, f"{place}: {said}", record=self.record_id, group=group))

    def take(self, path: str, table: str, row: dict, column: str, value):
        """A record field's value, remembering which table, row and column it came from."""
        self.origins[path] = (self.index.file(table, row), row.get("_where", ""), column)
        return value

    def text(self, path: str, table: str, row: dict, column: str, long: bool = False):
        """A text people read, its markup reduced to plain text (paragraphs kept in long texts)."""
        source = row.get(column)
        if source in (None, ""):
            return None
        value = repairs.plain_text(source)
        if not long:
            value = " ".join(value.split())
        if " ".join(value.split()) != " ".join(str(source).split()):
            self.repaired(table, row, column, source, value)
        return self.take(path, table, row, column, Text(value)) if value else None

    def build(self, ids: UniqueIds) -> dict:
        """The record, as complete as the rows allow: what is wrong is in self.problems."""
        row, index = self.row, self.index
        oid = row.get("id")
        attributes = [(a, index.term(a)) for a in self.linked("attribute", "link_id", oid)]
        services = self.linked("service", "organization_id", oid)
        locations = self._locations(oid, services)
        self.record_id = self._record_id(ids)
        record = {"id": self.take("id", "organization", row, "id", self.record_id)}
        record["name"] = self.text("name", "organization", row, "name")
        if not record["name"]:
            self.problem("organization", row, "name", "an organization needs a name", "name")
        alternate = [Text(n.strip()) for n in (_clean(row.get("alternate_name")) or "").split(";") if n.strip()]
        if alternate:
            record["alternate_names"] = self.take("alternate_names", "organization", row, "alternate_name", alternate)
        record["description"] = self.text("description", "organization", row, "description", long=True)
        if not record["description"]:
            self.problem("organization", row, "description", "an organization needs a description", "description")
        record["categories"] = self._categories(attributes, services)
        keywords = [Text(a["value"]) for a, term in self._read(attributes, "keyword") if a.get("value")]
        if keywords:
            record["keywords"] = keywords  # one language's list: merge_languages() keys it by language
        if self._given(row, "email"):
            record["email"] = self.take("email", "organization", row, "email", self._email(row))
        if self._given(row, "website"):
            record["website"] = self.take("website", "organization", row, "website", self._website(row))
        phones = self._phones(
            "phones",
            [
                p
                for p in self.linked("phone", "organization_id", oid)
                if not self.index.phone_owners[_row_key(p)] - {ORG}
            ],
        )
        if phones:
            record["phones"] = phones
        languages = self._languages(attributes, locations)
        if languages:
            record["languages"] = languages
        location_slugs, slugs = {}, UniqueIds()
        record_locations = []
        for i, location in enumerate(locations):
            built = self._location(f"locations[{i}]", location, slugs)
            location_slugs[location["id"]] = built["id"]
            record_locations.append({**built, SOURCE: location.get("id")})
        record["service_area"] = self._service_area(attributes, services, record_locations)
        record["status"] = self._status(attributes, services)
        record["last_verified"] = self._last_verified(services)
        if record_locations:
            record["locations"] = record_locations
        # A service no longer offered ("defunct") was listed as any other, with the place's hours
        # and phones: left out, and said (all of them: the organization is no longer active,
        # and keeps them as what it did).
        ended = {id(s) for s in services if FROM_HSDS_STATUS.get(str(s.get("status") or "").lower()) == "inactive"}
        for service in services:  # "bogus" was read as active without a word (a probe's)
            if str(service.get("status") or "").lower() not in ("", *FROM_HSDS_STATUS):
                self.repaired("service", service, "status", service["status"], "active")
        if len(ended) < len(services):
            for service in services:
                if id(service) in ended:
                    self.left_out("service", service, "status", "a service no longer offered")
            services = [s for s in services if id(s) not in ended]
        built_services = [self._service(f"services[{i}]", s, location_slugs) for i, s in enumerate(services)]
        if built_services:
            record["services"] = built_services
        record = {k: v for k, v in record.items() if v not in (None, [], "")}
        return record

    def _locations(self, oid: str, services: list[dict]) -> list[dict]:
        """The organization's locations, and those where its services are offered."""
        locations = {row["id"]: row for row in self.linked("location", "organization_id", oid)}
        for service in services:
            for link in self.linked("service_at_location", "service_id", service["id"]):
                location = self.index.by_id["location"].get(link.get("location_id"))
                if location is not None:
                    self.index.reached.add(id(location))
                    locations.setdefault(location["id"], location)
        return list(locations.values())

    def _record_id(self, ids: UniqueIds) -> str:
        identifiers = self.linked("organization_identifier", "organization_id", self.row.get("id"))
        ours = [i for i in identifiers if i.get("identifier_scheme") == ID_SCHEME and i.get("identifier")]
        for other in identifiers:  # a business number ("CA-NEQ") was dropped without a word (a probe's)
            if other.get("identifier_scheme") != ID_SCHEME and other.get("identifier"):
                self.left_out("organization_identifier", other, "identifier", "a record keeps its own id only")
        if ours and not is_record_id(ours[0]["identifier"]):
            # It would become a file name: anything but an id (../, /, spaces) is refused here.
            self.problem(
                "organization_identifier",
                ours[0],
                "identifier",
                f"{ours[0]['identifier']!r} is not a record id (lowercase letters, digits and hyphens)",
                "id",
            )
            ours = []
        if ours:
            given = ours[0]
            first = self.index.claimed.setdefault(given["identifier"], given)
            if first is not given:
                # Silently made "ok-id-2": a second organization took the other's place in the directory.
                place = str(Problem("", first["_where"], "", ""))[:-2]  # "row 4", "at [2].organization_identifiers[0]"
                self.problem(
                    "organization_identifier",
                    given,
                    "identifier",
                    f"{place} gives this id to another organization already ({given['identifier']!r}): "
                    "a record id names one organization",
                    "id",
                )
        if ours:
            return ids.make(ours[0]["identifier"], reserved=True)
        return ids.make(self.index.named_alike.get(id(self.row)) or _name_id(self.row) or "organisme")

    def _categories(self, attributes, services) -> list[str]:
        ours = sorted(
            (
                (int(a.get("value") or 0) if (a.get("value") or "").isdigit() else 99, _slug(term))
                for a, term in attributes
                if _code(term).startswith("category:")
            )
        )
        slugs = [slug for _, slug in ours if slug in self.taxonomy.categories]
        for attribute, term in self._read(attributes, "category:"):  # an unknown one is a problem, said
            if _slug(term) not in self.taxonomy.categories:
                self.problem(
                    "attribute", attribute, "taxonomy_term_id", f"unknown category '{_slug(term)}'", "categories"
                )
        if not slugs:
            # Another publisher's taxonomy: a term whose code or name is one of our categories.
            for owner in [self.row, *services]:
                for attribute in self.linked("attribute", "link_id", owner.get("id")):
                    slug = self._category_named(self.index.term(attribute))
                    if slug:
                        self.index.read.add(id(attribute))
                    if slug and slug not in slugs:
                        slugs.append(slug)
        return self._or_default(
            slugs,
            "categories",
            "category",
            "no category could be mapped (no attribute names one of content/categories.yaml): give one with --category",
        )

    def _read(self, attributes, code: str, keep=lambda term: True) -> list[tuple[dict, dict]]:
        """The attributes (with their terms) whose term's code is `code` (or starts with it,
        when it ends with ":") and that `keep` takes: noted as read (see _report_unread)."""
        named = [
            (a, t)
            for a, t in attributes
            if (_code(t).startswith(code) if code.endswith(":") else _code(t) == code) and keep(t)
        ]
        self.index.read.update(id(a) for a, _ in named)
        return named

    def _or_default(self, slugs: list[str], field: str, default: str, missing: str) -> list[str]:
        """What the package said, else the --category / --area given, else a problem; the
        field's origin is the organization's attributes."""
        if not slugs and self.defaults.get(default):
            slugs = [self.defaults[default]]
        if not slugs:
            self.problem("organization", self.row, "id", missing, field)
        self.origins[field] = (self.index.file("organization", self.row), self.row.get("_where", ""), "attributes")
        return slugs

    def _category_named(self, term: dict) -> str | None:
        wanted = {fold_name(term.get(k) or "") for k in ("code", "name")} - {""}
        for slug, category in self.taxonomy.categories.items():
            names = {fold_name(slug), *(fold_name(n) for n in category.name.values())}
            if wanted & names:
                return slug
        return None

    def _service_area(self, attributes, services, locations: list[dict]) -> list[str]:
        known = lambda slug: slug in self.taxonomy.territories or slug == self.taxonomy.whole.slug  # noqa: E731
        # An unknown one is not read: the report names its term among those not imported.
        slugs = [_slug(t) for _, t in self._read(attributes, "territory:", lambda t: known(_slug(t)))]
        # The towns of its locations: what an area's name shared by two areas is told by, and
        # what it serves when the package names nothing the directory knows.
        towns = [self.taxonomy.municipality(str((loc.get("address") or {}).get("city") or "")) for loc in locations]
        towns = list(dict.fromkeys(town.slug for town in towns if town is not None))
        named = False
        if not slugs:
            for service in services:
                for area in self.linked("service_area", "service_id", service["id"]):
                    named = named or bool(area.get("name"))
                    found = self._territories_named(area.get("name") or "", locations, towns)
                    if isinstance(found, str):
                        # Dropped without a word, and "none given" said of what was given.
                        self.left_out("service_area", area, "name", found)
                        continue
                    slugs += [slug for slug in found if slug not in slugs]
        if not slugs and towns:
            # Most packages say where an organization is, not what it serves: another 211's
            # whole province was refused without one --area for every record (and with one,
            # every record served that area). Its towns, said in the report; --area for the others.
            slugs = towns
            why = "none the directory knows" if named else "none given"
            self._notice(
                "repaired",
                "organization",
                self.row,
                "service_area",
                f"{why}: the towns of its locations taken ({', '.join(slugs)})",
            )
        return self._or_default(
            slugs,
            "service_area",
            "service_area",
            "no territory served could be mapped (no attribute, service area or location's town names "
            "one of content/territories.yaml): give one with --area",
        )

    def _territories_named(self, name: str, locations: list[dict], towns: list[str]) -> list[str] | str:
        """The slugs a service area's name stands for: the whole territory, a region, MRC or
        municipality, or an area of territories.yaml ("Rive-Sud", "West Island": its places);
        else why it stands for none."""
        folded = fold_name(name)
        whole = self.taxonomy.whole
        # Its slug, the territory's names, the whole territory's and the other words for it.
        if folded in {
            fold_name(n)
            for n in (whole.slug, *self.taxonomy.conventions.name.values(), *whole.name.values(), *whole.words)
        }:
            return [whole.slug]
        for slug, territory in self.taxonomy.territories.items():
            if folded in {fold_name(slug), *(fold_name(n) for n in territory.name.values())}:
                return [slug]
        areas = [area for area in self.taxonomy.areas if folded in {fold_name(n) for n in area.names()}]
        if len(areas) > 1:  # "Rive-Sud" of Montréal and of Québec: the one its locations are in
            near = self.taxonomy.areas_of({"locations": locations}, towns)
            areas = [area for area in areas if area in near] or areas
        if len(areas) == 1:
            return sorted(areas[0].territories)
        if areas:
            return "several areas of content/territories.yaml have this name and no location says which"
        return "no region, MRC, municipality or area of content/territories.yaml has this name"

    def _status(self, attributes, services) -> str:
        ours = [a.get("value") for a, t in attributes if _code(t) == "status"]
        if ours and ours[0] in SERVICE_STATUS:
            self._read(attributes, "status")
            return ours[0]
        statuses = {FROM_HSDS_STATUS.get((s.get("status") or "").lower()) for s in services} - {None}
        if statuses == {"inactive"} or statuses == {"temporarily_closed"}:
            return statuses.pop()
        return "active"

    def _last_verified(self, services) -> str | None:
        verified = [
            m
            for m in self.linked("metadata", "resource_id", self.row.get("id"))
            if m.get("last_action_type") == "verified" and m.get("last_action_date")
        ]
        self.index.read.update(map(id, verified))
        candidates = [(m, "metadata", "last_action_date") for m in verified]
        if not candidates:
            candidates = [(s, "service", c) for s in services for c in ("assured_date", "last_modified") if s.get(c)]
        dates = []
        for row, table, column in candidates:
            day = self.day(table, row, column)
            if day is None:
                self.problem(table, row, column, self._not_a_date(row[column]), "last_verified")
            else:
                dates.append((day, row, table, column))
        if dates:
            day, row, table, column = max(dates, key=lambda d: d[0])
            return self.take("last_verified", table, row, column, day)
        if self.defaults.get("last_verified"):
            return self.defaults["last_verified"]
        self.problem(
            "organization",
            self.row,
            "id",
            "no date of last verification (metadata 'verified', or a service's assured_date): give one with --verified",
            "last_verified",
        )
        return None

    def _phones(self, path: str, rows: list[dict]) -> list[dict]:
        """The phones of one owner (the organization, a location or a service): each phone stays
        with the most precise owner its row names, so that none is counted twice."""
        phones = []
        for phone in rows:
            if _row_key(phone) in self.index.read_phones:
                continue
            self.index.read_phones.add(_row_key(phone))
            for number, note, source in self._numbers_of(phone):
                phones.append({**self._phone(f"{path}[{len(phones)}]", phone, number, note), SOURCE: source})
        return phones

    def _numbers_of(self, phone: dict) -> list[tuple[str, str, object]]:
        """The numbers a phone row gives, each as (number, note, the id it is paired by in
        another language's package): one, or each of a cell that holds several ("514 555-0123 /
        1 800 555-0142"), said in the report. Notes written with a number ("Sans frais :
        1 800 555-0142", "514 555-0123 (ligne d'écoute)") go to its description."""
        raw = str(phone.get("number") or "").strip().strip('"')
        several = repairs.phones_in_one(raw, self._is_number)
        if several and len(several) > 1:
            if phone.get("extension"):  # whose extension? not guessed
                self.problem(
                    "phone",
                    phone,
                    "extension",
                    f"extension {str(phone['extension'])[:40]!r} given with {len(several)} numbers: "
                    "give each number a row of its own",
                )
                return []
            said = " + ".join(
                f"{number} ({self._kind_noted(phone, note) or note})" if note else number for number, note in several
            )
            self.repaired("phone", phone, "number", " ".join(raw.split()), said)
            return [(number, note, (phone.get("id"), order)) for order, (number, note) in enumerate(several)]
        number = _clean(raw) or ""
        noted = repairs.phone_with_note(number, self._is_number)
        if noted:
            self.repaired("phone", phone, "number", number, self._noted(phone, *noted))
            return [(*noted, phone.get("id"))]
        return [(number, "", phone.get("id"))]

    def _phone(self, where: str, phone: dict, number: str, note: str) -> dict:
        """One number of a phone row as our records write it: its extension, type, and
        description (the row's, with the note written with the number)."""
        extension = self._extension(phone)
        # HSDS keeps the extension in its own field; a number may already spell it out.
        if extension and not _spells_extension(number, extension):
            number = f"{number} poste {extension}"
        entry = {"number": self.take(f"{where}.number", "phone", phone, "number", number)}
        kind = (phone.get("type") or "voice").lower()
        kind = FROM_HSDS_PHONE.get(kind, kind)
        if kind not in OUR_PHONE_TYPES:
            self.repaired("phone", phone, "type", phone.get("type"), "voice")
            kind = "voice"
        if self._kind_noted(phone, note):  # "514 555-0124 (fax)": a fax, not a number to call
            kind, note = self._kind_noted(phone, note), ""
        entry["type"] = self.take(f"{where}.type", "phone", phone, "type", kind)
        description = self.text(f"{where}.description", "phone", phone, "description")
        if note:
            noted_text = Text(f"{description} ({note})" if description else note)
            description = self.take(f"{where}.description", "phone", phone, "number", noted_text)
        if description:
            entry["description"] = description
        return entry

    def _kind_noted(self, phone: dict, note: str) -> str | None:
        """The type a number's note says ("fax", "ATS", "texto": repairs.kind_of_note) when the
        row says none but voice; None otherwise (the note is then its description)."""
        given = (phone.get("type") or "voice").lower()
        return repairs.kind_of_note(note) if FROM_HSDS_PHONE.get(given, given) == "voice" else None

    def _noted(self, phone: dict, number: str, note: str) -> str:
        """A number with its note as the report says it was read."""
        kind = self._kind_noted(phone, note)
        return f"{number} + type: {kind}" if kind else " + description: ".join(filter(None, (number, note)))

    def _extension(self, phone: dict) -> str:
        """A phone row's extension: its digits, with or without the word for one ("ext. 7",
        "poste 7"); a spreadsheet's "22.0" is 22 (reported). Anything else ("22-23", "2 ou 3",
        "réception") is a problem: its digits run together dialled another extension."""
        given = " ".join(str(phone.get("extension") or "").split())
        if not given:
            return ""
        found = _EXTENSION_FIELD.fullmatch(given)
        if found is None:
            self.problem(
                "phone",
                phone,
                "extension",
                f"extension {given[:40]!r}: expected its digits (12, poste 12); "
                "write what else it says in the phone's description",
            )
            return ""
        if found.group(2):
            self.repaired("phone", phone, "extension", given, found.group(1))
        return found.group(1)

    def _is_number(self, text: str) -> bool:
        # A text short code too: its note ("Texto : 686868") then gives the phone its type.
        phones = self.taxonomy.conventions.phones
        return phones.parse(text) is not None or phones.parse(text, "text") is not None

    def day(self, table: str, row: dict, column: str) -> str | None:
        """A date column's day as YYYY-MM-DD (None if empty or unreadable); one written
        otherwise (25/11/2025, 2025/11/25) is said in the report."""
        given = str(row.get(column) or "").strip()
        day = repairs.iso_date(given, self.index.date_order)
        if day and day != given[:10]:
            self.repaired(table, row, column, given, day)
        return day

    def _not_a_date(self, value) -> str:
        found = repairs.DAY_MONTH_YEAR.fullmatch(str(value or "").strip())
        if found and self.index.date_order is None and repairs.iso_date(value, repairs.DAY_FIRST):
            return (
                f"{_said(value)}: day and month cannot be told apart (no date of the package has a day "
                "over 12, or some put the day first and others the month): write it YYYY-MM-DD"
            )
        return f"{_said(value)} is not a date (YYYY-MM-DD)"

    def _language_codes(self, rows: list[dict]) -> list[str]:
        """ISO 639-1 codes of language rows: their code, else their name read as one (reported)."""
        codes = []
        for row in rows:
            code = (row.get("code") or "").strip().lower()
            # "xx" was taken as a code, and the record refused at its organization's row.
            if not _LANGUAGE_CODE.match(code) or code not in language_codes():
                given = row.get("code") or row.get("name")
                code = repairs.language_code(given)
                if code is None:
                    if given:
                        self.index.unknown_languages[(self.index.file("language", row), str(given))] += 1
                    continue
                self.repaired("language", row, "code" if row.get("code") else "name", given, code)
            if code not in codes:
                codes.append(code)
        return codes

    def _languages(self, attributes, locations) -> list[str]:
        codes = [a.get("value") for a, t in self._read(attributes, "language")]
        if not attributes or not codes:
            return self._language_codes(
                [lang for location in locations for lang in self.linked("language", "location_id", location["id"])]
            )
        return list(dict.fromkeys(c for c in ((c or "").lower()[:2] for c in codes) if _LANGUAGE_CODE.match(c)))

    def _location(self, path: str, row: dict, slugs: UniqueIds) -> dict:
        slug = row.get("external_identifier") if row.get("external_identifier_type") == LOCATION_ID_TYPE else None
        slug = slugs.make(slug or make_id(row.get("name") or "site") or "site")
        location = {"id": self.take(f"{path}.id", "location", row, "external_identifier", slug)}
        name = self.text(f"{path}.name", "location", row, "name")
        if name:
            location["name"] = name
        addresses = self.linked("address", "location_id", row["id"])
        physical = [a for a in addresses if a.get("address_type") != "postal"] or addresses
        for other in [a for a in addresses if a is not (physical or [None])[0]]:
            # One address per location in our records: a mailing address or a second one is said.
            self.index.unused[
                ("address", self.index.file("address", other), f"{other.get('address_type') or 'second'} address")
            ] += 1
        if physical:
            address_row = physical[0]
            address = {}
            for ours, column in (
                ("street", "address_1"),
                ("unit", "address_2"),
                ("city", "city"),
                ("region", "region"),
                ("postal_code", "postal_code"),
            ):
                value = _clean(address_row.get(column))
                if value:
                    address[ours] = self.take(f"{path}.address.{ours}", "address", address_row, column, value)
            location["address"] = address
        # A blank cell is none given: " " and "" were "missing: the latitude is given" each.
        if any(str(row.get(column) or "").strip() for column in ("latitude", "longitude")):
            coordinates = []
            for column in ("latitude", "longitude"):
                number = _number(row.get(column))
                if number is None and _DECIMAL_COMMA.match(str(row.get(column))):  # "45,7000": French Excel's
                    number = _number(str(row.get(column)).replace(",", "."))
                    self.repaired("location", row, column, row.get(column), number)
                if number is None:
                    given, other = row.get(column), "longitude" if column == "latitude" else "latitude"
                    # An empty cell or a JSON null was "'None' is not a number".
                    said = (
                        f"missing: the {other} is given, give both or neither"
                        if given is None or not str(given).strip()
                        else f"{_said(given)} is not a number"
                    )
                    self.problem("location", row, column, said, f"{path}.coordinates")
                else:
                    coordinates.append(number)
            location["coordinates"] = self.take(f"{path}.coordinates", "location", row, "latitude", coordinates)
        self._facts(path, "location", row, location)
        self._schedules(path, location, self._hours_of(row))
        phones = self._phones(
            f"{path}.phones",
            [
                p
                for p in self.linked("phone", "location_id", row["id"])
                if not self.index.phone_owners[_row_key(p)] & {"service_id", "service_at_location_id"}
            ],
        )
        if phones:
            location["phones"] = phones
        return location

    def _hours_of(self, row: dict) -> list[dict]:
        """The schedules that are a location's hours: its own; or, where it offers one service
        only and has none of its own, that service's there. A service's evening hours were
        the whole centre's, open Monday evenings for all its services; those of a service at a
        location were dropped as "not linked to a location". The others are said."""
        at_location = self.linked("schedule", "location_id", row["id"])
        own = [s for s in at_location if not (s.get("service_id") or s.get("service_at_location_id"))]
        # Looked at, not taken: a service at a location is read under its service (not linked to
        # one, it is said so).
        links = self.index.of("service_at_location", "location_id", row["id"])
        by_link = [s for link in links for s in self.index.of("schedule", "service_at_location_id", link["id"])]
        seen = {id(s) for s in own}
        of_services = []
        for schedule in (*at_location, *by_link):
            if id(schedule) not in seen:
                seen.add(id(schedule))
                of_services.append(schedule)
        offered = {link.get("service_id") for link in links} | {
            s.get("service_id") for s in at_location if s.get("service_id")
        }
        if not of_services or (not own and len(offered) <= 1):
            return own + of_services
        # The location's own hours given again under its service (the specification's example
        # nests one schedule in three places): the same hours, nothing left out.
        hours = {_hours_key(s) for s in own}
        why = (
            "the hours of one service of a location that offers several: a record keeps the location's hours"
            if len(offered) > 1
            else "the hours of its service there, other than the location's own: a record keeps the location's"
        )
        for schedule in of_services:
            self.index.read_schedules.add(_row_key(schedule))
            if _hours_key(schedule) not in hours:
                field = "service_id" if schedule.get("service_id") else "service_at_location_id"
                self.left_out("schedule", schedule, field, why)
        return own

    def _schedules(self, path: str, location: dict, schedules: list[dict]) -> None:
        hours, exceptions = [], []
        # A date given alone wins over a range that holds it: "closed from December 24 to January
        # 2" and "open December 31, 10:00 to 14:00" refused the record (a day closed and open).
        own_days = {
            repairs.iso_date(str(s["valid_from"]).strip(), self.index.date_order)
            for s in schedules
            if s.get("valid_from") and s.get("valid_from") == s.get("valid_to") and not s.get("_range")
        }
        for schedule in schedules:
            self.index.read_schedules.add(_row_key(schedule))
            one_day = schedule.get("valid_from") and schedule.get("valid_from") == schedule.get("valid_to")
            if one_day and schedule.get("freq") and self._passed(schedule):
                continue  # weekly for one day that passed (the specification's example: 2005-01-01)
            if one_day and schedule.get("_range") and self._given_alone(schedule, schedule["_range"], own_days):
                continue
            if one_day:  # that day's hours (or a day closed), weekly or not: the exception it is
                exceptions.append(self._exception(f"{path}.exceptions[{len(exceptions)}]", schedule))
                continue
            if not schedule.get("freq") and not schedule.get("byday") and schedule.get("valid_to"):
                # Days closed or open otherwise from one date to another (holidays): each date.
                exceptions += self._exceptions_over(f"{path}.exceptions", len(exceptions), schedule, own_days)
                continue
            if not any(schedule.get(column) for column in ("opens_at", "closes_at")):
                # Hours said in words only ("Du lundi au jeudi, de 9 h à 16 h"), as HSDS allows,
                # the days given or not ("MO,TU,WE" and "9h à 17h" in words): the record kept, its
                # hours unknown, the words said (it was refused, "closes_at: expected a time").
                said = next((c for c in ("description", "notes") if schedule.get(c)), "byday")
                self.left_out("schedule", schedule, said, "hours in words only: a record's hours are days and times")
                continue
            if not self._in_force(schedule):
                continue
            if (schedule.get("freq") or "WEEKLY").upper() != "WEEKLY" or str(schedule.get("interval") or 1) != "1":
                self._said_of("not imported", schedule, "only weekly schedules are imported")
                continue
            # A rule that keeps some weeks or days only ("count=3", "byweekno=1,2", "bymonthday=15")
            # was dropped as any column not read: said of these hours, imported as every week's.
            # (Not refused: the specification's own example fills every column.)
            for rule in ("count", "byweekno", "bymonthday", "byyearday"):
                if schedule.get(rule) not in (None, ""):
                    self.left_out(
                        "schedule",
                        schedule,
                        rule,
                        "a rule of some weeks or days only: its hours are imported as every week's, check them",
                    )
            # "MO,TU" as the specification writes it; "MO TU WE" or "SA;SU" as spreadsheets do (the
            # last day of each was all that was kept: Monday to Friday became Friday).
            given = [d.lower() for d in re.split(r"[\s,;]+", str(schedule.get("byday") or "")) if d]
            if any(_NTH_DAY.match(d) for d in given):
                self.problem(
                    "schedule",
                    schedule,
                    "byday",
                    f"{_said(schedule.get('byday'))}: a day of the month (1MO, -1FR) is not a weekly day; "
                    "give the dates as one-day schedules",
                    f"{path}.hours",
                )
                continue
            days = given
            bad = [d for d in days if d not in DAYS]
            if bad or not days:
                self.problem(
                    "schedule",
                    schedule,
                    "byday",
                    f"expected days as MO,TU,...,SU, found '{schedule.get('byday') or ''}'",
                    f"{path}.hours",
                )
                continue
            said_closed = [
                c for c in ("opens_at", "closes_at") if fold_name(str(schedule.get(c) or "")) in CLOSED_WORDS
            ]
            if said_closed:  # "Fermé" on the weekend's row refused the record: a day not given is closed
                self.left_out("schedule", schedule, said_closed[0], "a day closed: the days no hours give are")
                continue
            opens = self._time(schedule, "opens_at")
            closes = self._time(schedule, "closes_at")
            if opens is None or closes is None:
                continue
            if len(days) == 7 and opens == "00:00" and closes in ("00:00", "23:59", "24:00"):
                location["open_24_7"] = True
                continue
            for column in ("description", "notes"):
                if schedule.get(column) not in (None, ""):  # a weekly interval of ours has no such field
                    self.index.unused[("schedule", self.index.file("schedule", schedule), column)] += 1
            interval = {"days": [d for d in DAYS if d in days], "opens": opens, "closes": closes}
            self.take(f"{path}.hours[{len(hours)}]", "schedule", schedule, "byday", None)
            hours.append(interval)
        if hours:
            location["hours"] = hours
        if exceptions:
            location["exceptions"] = [e for e in exceptions if e]

    def _passed(self, schedule: dict) -> bool:
        """Whether a weekly schedule of one day (valid_from = valid_to) is of a day that passed,
        and then said: it was imported as every week's hours."""
        day = self.day("schedule", schedule, "valid_from")
        if not day or day >= dt.date.today().isoformat():
            return False
        self._said_of("not imported", schedule, f"hours of one day that passed, {day}")
        return True

    def _in_force(self, schedule: dict) -> bool:
        """Whether a weekly schedule holds today: one that ended or is to come (summer hours, a
        schedule of 2020) is not imported, and said; one that ends is imported, and said (a
        record's hours have no dates)."""
        # HSDS 3.0's recurrence says it too: the first day (dtstart) and the last (until).
        first = "valid_from" if schedule.get("valid_from") else "dtstart"
        last = "valid_to" if schedule.get("valid_to") else "until"
        start, end = self.day("schedule", schedule, first), self.day("schedule", schedule, last)
        # A date given but none ("2020-13-01", "2020-02-30"): hours that ended were imported as
        # today's, unsaid (a hostile-input probe's, stop 81).
        for name, day in ((first, start), (last, end)):
            if day is None and str(schedule.get(name) or "").strip():
                self._said_of("not imported", schedule, f"weekly hours whose {name} {self._not_a_date(schedule[name])}")
                return False
        today = dt.date.today().isoformat()
        count = str(schedule.get("count") or "").strip()
        if not end and start and count.isdigit():
            # A weekly rule of `count` days from its start ends within as many weeks: three
            # Thursdays from 2020 were imported as every Thursday's hours.
            end = (dt.date.fromisoformat(start) + dt.timedelta(weeks=int(count))).isoformat()
        if (end and end < today) or (start and start > today):
            said = f"ended {end}" if end and end < today else f"starts {start}"
            self._said_of("not imported", schedule, f"weekly hours that {said}")
            return False
        if end:
            self._said_of("repaired", schedule, f"weekly hours until {end} imported as the hours (correct them then)")
        return True

    def _said_of(self, kind: str, schedule: dict, what: str) -> None:
        """A notice of this record's about a schedule as a whole: its file and row, then what."""
        where = f"{self.index.file('schedule', schedule)} row {schedule.get('_where')}"
        self.result.notices.append(Notice(kind, f"{where}: {what}", record=self.record_id))

    def _given_alone(self, schedule: dict, over: str, own_days: set) -> bool:
        """Whether a day of a range (`over`) has a schedule of its own, and then said."""
        day = repairs.iso_date(str(schedule.get("valid_from") or "").strip(), self.index.date_order)
        if day not in own_days:
            return False
        self._said_of("not imported", schedule, f"{day} of {over}: that day's own schedule is kept")
        return True

    def _exceptions_over(self, path: str, first: int, schedule: dict, own_days: set) -> list[dict]:
        """A schedule from one date to another without weekly days: an exception each date
        (those `own_days` give a schedule of their own left to it)."""
        start, end = self.day("schedule", schedule, "valid_from"), self.day("schedule", schedule, "valid_to")
        if start is None or end is None or end < start:
            said = f"{_said(schedule.get('valid_from') or '')} to {_said(schedule.get('valid_to') or '')}"
            unread = "valid_from" if start is None else "valid_to" if end is None else ""
            why = self._not_a_date(schedule.get(unread)) if unread else ""
            self.problem(
                "schedule",
                schedule,
                "valid_to",
                f"expected dates from valid_from to valid_to, found {said}" + (f" ({why})" if why else ""),
                path,
            )
            return []
        days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
        if days > MAX_EXCEPTION_DAYS:
            self.problem(
                "schedule",
                schedule,
                "valid_to",
                f"{start} to {end}: {days} days of special hours, at most {MAX_EXCEPTION_DAYS} are imported",
                path,
            )
            return []
        made = []
        for number in range(days):
            day = (dt.date.fromisoformat(start) + dt.timedelta(days=number)).isoformat()
            if self._given_alone({**schedule, "valid_from": day}, f"{start} to {end}", own_days):
                continue
            entry = self._exception(f"{path}[{first + len(made)}]", {**schedule, "valid_from": day})
            if entry is None:
                return made
            made.append(entry)
        return made

    def _exception(self, path: str, schedule: dict) -> dict | None:
        day = self.day("schedule", schedule, "valid_from")
        if day is None:
            self.problem("schedule", schedule, "valid_from", self._not_a_date(schedule["valid_from"]), path)
            return None
        entry = {"date": self.take(f"{path}.date", "schedule", schedule, "valid_from", day)}
        if schedule.get("opens_at") or schedule.get("closes_at"):
            opens, closes = self._time(schedule, "opens_at", day), self._time(schedule, "closes_at", day)
            if opens is None or closes is None:
                return None
            entry.update(opens=opens, closes=closes)
        else:
            entry["closed"] = True
        description = self.text(f"{path}.description", "schedule", schedule, "description")
        if description:
            entry["description"] = description
        return entry

    def _time(self, row: dict, column: str, on: str | None = None) -> str | None:
        """A time of a schedule as our records write it (local, HH:MM), or None (said). `on`:
        the date of a day's own hours, where a time given in UTC is one local time."""
        value = str(row.get(column) or "").strip()
        match = _TIME.match(value)
        if match:
            local = f"{match.group(1)}:{match.group(2)}"
            if column == "closes_at" and local == "23:59" and not match.group(5):  # the day's last second: its end
                local = "24:00"
            if match.group(5):
                return self._from_offset(row, column, value, local, match.group(5), on)
            return local
        repaired = repairs.time_24h(value)
        if repaired is None:
            self.problem(
                "schedule", row, column, f"expected a time such as 09:00 or 9:00am, found {_said(value)}", "hours"
            )
            return None
        self.repaired("schedule", row, column, value, repaired)
        return repaired

    def _from_offset(self, row: dict, column: str, value: str, time: str, offset: str, on: str | None) -> str | None:
        """A time written with its offset from UTC ("14:00Z", "09:00-05:00", as HSDS allows), as
        the site's local time. An offset the site's zone has is its local time, written so. On a
        date, any other offset is converted. Weekly hours in UTC are refused (said, the rest of
        the record kept): 14:00Z is 9:00 in winter and 10:00 in summer in Montréal, no one time
        of our records, and taken as local it published hours wrong by five hours."""
        zone = self.defaults.get("time_zone")
        minutes = 0 if offset == "Z" else int(offset[0] + "1") * (int(offset[1:3]) * 60 + int(offset[-2:]))
        if zone is not None and on is not None:  # a date as day() gives it: YYYY-MM-DD
            said = _local_on(dt.date.fromisoformat(on), time, minutes, ZoneInfo(zone))
            if said is not None:
                self.repaired("schedule", row, column, value, f"{said} (local time on {on})")
                return said
        elif zone is not None and minutes in _zone_offsets(zone):
            self.repaired("schedule", row, column, value, f"{time} (local time)")
            return time
        where = f" ({zone})" if zone else ""
        self.left_out(
            "schedule",
            row,
            column,
            f"a time in UTC or another zone: the hours are local times{where}, which one such time is not"
            " all year (daylight saving time); give them as local times",
        )
        return None

    def _given(self, row: dict, column: str) -> bool:
        """Whether a cell gives a value: "N/A", "aucun" or "-" say there is none (and refused the
        record as no email or website), said as not imported."""
        value = _clean(row.get(column))
        if value is not None and value.lower().strip(".") in NONE_GIVEN:
            self.left_out("organization", row, column, "says there is none")
            return False
        return value is not None

    def _email(self, row: dict) -> str:
        """An email address: the first word that is one whole (without a "mailto:" or the
        brackets of "Marie <marie@example.org>"), else the first once the spaces around its "@"
        are left out ("info @example.org"). Any other word ("ou", "ext.", a name, a handle) is
        said not imported, never joined to the address: "info@example.org ou direction@..."
        was kept as "info@example.orgou", "Instagram @centre info@..." as "Instagram@centre",
        valid-looking addresses of no one."""
        value = _clean(row["email"])
        words = [word for word in re.split(r"[;,\s]+", value) if word]
        addresses = [_bare_address(word) for word in words if _WHOLE_ADDRESS.fullmatch(_bare_address(word))]
        if not addresses:  # none whole as written: "info @example.org" is one with spaces
            words = [word for word in re.split(r"[;,\s]+", re.sub(r"\s*@\s*", "@", value)) if word]
            addresses = [_bare_address(word) for word in words if "@" in word]
        if not addresses:
            return value  # as written: the validator says what is wrong with it
        kept = addresses[0]
        if len(addresses) > 1:
            self.left_out("organization", row, "email", f"one email is kept: {kept}")
        elif len(words) > 1:
            self.left_out("organization", row, "email", f"only the address is kept: {kept}")
        elif kept != value:
            self.repaired("organization", row, "email", value, kept)
        return kept

    def _website(self, row: dict) -> str:
        value = _clean(row["website"])
        repaired = repairs.website(value)
        if repaired is None or repaired == value:
            return value  # as written: the validator says what is wrong with it
        self.repaired("organization", row, "website", value, repaired)
        return repaired

    def _facts(self, path: str, entity: str, row: dict, into: dict) -> None:
        """The facts declared for a location or a service (repertoire/fields.py), from where
        their `hsds` says: the row's own column, linked rows, or its attributes."""
        for fact in fields_of(entity):
            where, at = fact.hsds, f"{path}.{fact.name}"
            if isinstance(where, Column):
                source, table, column = row, entity, where.name
            elif isinstance(where, Child):
                rows = [r for r in self.linked(where.table, f"{entity}_id", row["id"]) if _clean(r.get(where.column))]
                if not rows:
                    continue
                source, table, column = rows[0], where.table, where.column
                if fact.kind != "yes_no":
                    # Several rows (a ramp, an elevator) make one text, as our record has one.
                    source = {**rows[0], where.column: "; ".join(_clean(r[where.column]) for r in rows)}
                elif len({from_hsds(fact, _clean(r[where.column])) for r in rows}) > 1:
                    self.problem(table, rows[1], column, "says otherwise than another row of this place", at)
                    continue
            else:
                found = [
                    a for a in self.linked("attribute", "link_id", row["id"]) if _code(self.index.term(a)) == where.code
                ]
                if not found:
                    continue
                source, table, column = found[0], "attribute", "value"
                self.index.read.add(id(source))
            if fact.kind == "yes_no":
                spelled = _clean(source.get(column))
                value = None if spelled is None else from_hsds(fact, spelled)
                if value is not None:
                    into[fact.name] = self.take(at, table, source, column, value)
                elif spelled is not None:
                    self.problem(table, source, column, f"'{spelled[:80]}' is not yes or no", at)
            else:
                value = self.text(at, table, source, column, long=fact.kind == "long_text")
                if value:
                    into[fact.name] = value

    def _service(self, path: str, row: dict, location_slugs: dict) -> dict:
        service = {"name": self.text(f"{path}.name", "service", row, "name")}
        if not service["name"]:
            self.problem("service", row, "name", "a service needs a name", f"{path}.name")
        description = self.text(f"{path}.description", "service", row, "description", long=True)
        if description:
            service["description"] = description
        self._facts(path, "service", row, service)
        for column in ("minimum_age", "maximum_age"):
            value = row.get(column)
            if value not in (None, ""):
                number = _number(value)
                aged = _AGE_SAID.fullmatch(str(value)) if number is None else None
                if aged:  # "12 ans", "65+": the number, said
                    number = float(aged.group(1))
                    self.repaired("service", row, column, value, int(number))
                if number is None:
                    self.problem("service", row, column, f"{_said(value)} is not a whole number", f"{path}.{column}")
                else:
                    if number != int(number):  # 17.9: whole years, said
                        self.repaired("service", row, column, value, int(number))
                    service[column] = self.take(f"{path}.{column}", "service", row, column, int(number))
        languages = self._language_codes(self.linked("language", "service_id", row["id"]))
        if languages:
            service["languages"] = languages
        links = self.linked("service_at_location", "service_id", row["id"])
        at = [location_slugs[a["location_id"]] for a in links if a.get("location_id") in location_slugs]
        for link in links:
            if link.get("location_id") not in location_slugs:  # a place of no location of the package
                self.left_out("service_at_location", link, "location_id", "no location of this organization has it")
        if at:
            service["locations"] = list(dict.fromkeys(at))
        phones = self._phones(
            f"{path}.phones",
            [
                *self.linked("phone", "service_id", row["id"]),
                *(
                    p
                    for link in self.linked("service_at_location", "service_id", row["id"])
                    for p in self.linked("phone", "service_at_location_id", link["id"])
                ),
            ],
        )
        if phones:
            service["phones"] = phones
        return {**service, SOURCE: row.get("id")}


_EXTENSION_WORD = re.compile(r"(?:poste|ext\.?|x|#|p\.|local)\Z", re.I)
# An extension field: its digits, perhaps after a word for one, or as a spreadsheet writes a
# whole number ("22.0": group 2).
_EXTENSION_FIELD = re.compile(r"(?:(?:poste|post|ext|extension|x|#|p|local)\.?\s*)?([0-9]{1,6})(\.0+)?", re.I)


def _local_on(day: dt.date, time: str, minutes: int, zone: ZoneInfo) -> str | None:
    """`time` at `minutes` from UTC as the local time of `day` in `zone` (24:00 for the midnight
    that ends it), or None when it is no time of that day. The written time is that of the UTC
    day before, of, or after `day` that falls in it: "01:00Z", the closing of an evening in
    Montréal, is 21:00 of the day before by its own UTC date."""
    hour, minute = int(time[:2]), int(time[3:])
    offset = dt.timezone(dt.timedelta(minutes=minutes))
    for shift in (0, 1, -1):
        given = day + dt.timedelta(days=shift)
        local = (
            dt.datetime(given.year, given.month, given.day, tzinfo=offset) + dt.timedelta(hours=hour, minutes=minute)
        ).astimezone(zone)
        if local.date() == day:
            return local.strftime("%H:%M")
        if local.date() == day + dt.timedelta(days=1) and local.time() == dt.time(0):
            return "24:00"
    return None


@lru_cache(maxsize=8)
def _zone_offsets(zone: str) -> frozenset[int]:
    """The offsets from UTC (minutes) a time zone has in the year: standard and daylight time."""
    year = dt.date.today().year
    return frozenset(
        int(dt.datetime(year, month, 1, 12, tzinfo=ZoneInfo(zone)).utcoffset().total_seconds()) // 60
        for month in range(1, 13)
    )


def _hours_key(schedule: dict) -> tuple:
    """What a schedule says of when (not whose it is): two rows alike say the same hours."""
    return tuple(
        str(schedule.get(column) or "").strip().lower()
        for column in (
            "freq",
            "interval",
            "byday",
            "bymonthday",
            "opens_at",
            "closes_at",
            "valid_from",
            "valid_to",
            "dtstart",
            "until",
            "count",
            "wkst",
            "byweekno",
            "byyearday",
            "description",
        )
    )


ORG = "organization_id"
PHONE_OWNERS = (ORG, "location_id", "service_id", "service_at_location_id")  # from the least precise


def _row_key(row: dict) -> tuple:
    """A row by its file and id (hsds_read's rows of one id are compared within each file)."""
    return row.get("_file"), row.get("id")


def _spells_extension(number: str, extension: str) -> bool:
    """Whether a number already ends with its extension after a word for it ("poste 12", "x12")."""
    head = number.rstrip()
    if not head.lower().endswith(extension.lower()):
        return False
    return bool(_EXTENSION_WORD.search(head[: len(head) - len(extension)].rstrip()))


def _code(term: dict) -> str:
    return (term.get("code") or "") if term.get("taxonomy") == TAXONOMY else ""


def _slug(term: dict) -> str:
    return _code(term).split(":", 1)[1]


def _name_id(row: dict) -> str:
    """The id an organization row's name gives (its package id, without one). From the name as
    the record will say it: its markup and entities (a "<b>", an "&amp;") made a permanent
    address of words nobody reads ("centre-amp-cie")."""
    name = repairs.plain_text(row["name"]) if row.get("name") not in (None, "") else ""
    return make_id(name or str(row.get("id") or "organisme"))


def _named_alike(index: _Index, taxonomy: Taxonomy) -> dict[int, str]:
    """The ids of organizations whose names give one id (the Banque alimentaire of each town):
    the name and town of their first location, else their package id. Numbered in the order of
    the package (-2, -3), a re-import in another order gave each the other's page."""
    rows = [
        row
        for row in index.tables.get("organization", [])
        if not index.of("organization_identifier", "organization_id", row.get("id"))
    ]
    by_name: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_name[_name_id(row)].append(row)
    ids = {}
    for base, alike in by_name.items():
        if len(alike) < 2:
            continue
        towns = [_town_of(index, row, taxonomy) for row in alike]
        for row, town in zip(alike, towns):
            told = town and towns.count(town) == 1
            ids[id(row)] = make_id(f"{base} {town if told else row.get('id') or ''}")
    return ids


def _town_of(index: _Index, row: dict, taxonomy: Taxonomy) -> str:
    """The town of an organization's first location: the municipality's name ("Laval, QC" is
    Laval), or the name the address gives (a borough, "Verdun", tells two of Montréal apart)."""
    for location in index.of("location", "organization_id", row.get("id")):
        for address in index.of("address", "location_id", location.get("id")):
            city = _clean(address.get("city")) or ""
            known = taxonomy.municipality(city)
            if known is not None and fold_name(city) not in {fold_name(name) for name in known.also}:
                return next(iter(known.name.values()), city) if isinstance(known.name, dict) else str(known.name)
            if city:
                return city
    return ""


# Something before the "@", a dot in what follows (a handle, "@centre.xyz", has nothing before).
_WHOLE_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def _bare_address(word: str) -> str:
    """An address as written among words: without "mailto:", brackets, quotes, or the
    punctuation that ends a sentence."""
    return re.sub(r"^mailto:", "", word.strip("<>()[]\"'"), flags=re.IGNORECASE).strip("<>()[]\"'.:")


def _clean(value) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


_AGE_SAID = re.compile(r"\s*([0-9]{1,3})\s*(?:ans?|years?|yrs?)?\s*\+?\s*", re.IGNORECASE)
# What a schedule's time says of a day closed, folded (fold_name).
CLOSED_WORDS = frozenset({"ferme", "fermee", "closed", "clos", "close", "ferme toute la journee"})
_DECIMAL_COMMA = re.compile(r"^\s*-?[0-9]{1,3},[0-9]+\s*$")
# What a cell says when there is no value, folded (lower case, no end dots).
NONE_GIVEN = frozenset({"n/a", "na", "n/d", "nd", "s/o", "aucun", "aucune", "none", "nil", "null", "-", "--", "?", "x"})


def _said(value, most: int = 60) -> str:
    """A cell as a message quotes it: a long one cut, said with its length (a cell of 4,000
    characters made a line of 4,000, as records say a value too long by its length)."""
    text = str(value)
    return f"'{text[:most]}…' ({len(text):,} characters)" if len(text) > most else f"'{text}'"


def _number(value) -> float | None:
    """A number, as HSDS JSON writes it or as text; None when it is none, or not finite ("inf",
    "nan": no age or coordinate is). Text with an underscore is none: Python reads "4_5.5" as
    45.5, a latitude no one wrote (a helper's probe, stop 77)."""
    if isinstance(value, str) and "_" in value:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


# --- languages ----------------------------------------------------------------------------


# The package's id of a record's phone, location or service, kept until merge_languages
# pairs each language's by it (then left out).
SOURCE = "_source"


def merge_languages(
    by_language: dict[str, Imported], notices: list[Notice] | None = None
) -> tuple[list[dict], list[Problem]]:
    """Records of the same organizations in several languages -> bilingual records.

    A text the same in every language stays a plain string; otherwise it becomes {fr: ..., en: ...}.
    From one language only, every text is {lang: text}: the other language is missing, and
    pages say so (a text under en only is shown in French pages marked lang="en", never as
    French). Keywords become {lang: [...]}."""
    languages = list(by_language)
    base_lang = "fr" if "fr" in by_language else languages[0]
    base = by_language[base_lang]
    others = {lang: {r["id"]: r for r in imported.records} for lang, imported in by_language.items()}
    # An organization's versions are matched by the package's own id when both packages give
    # it (a translated name makes another record id), else by record id.
    by_source = {
        lang: {source: others[lang][record_id] for record_id, source in imported.sources.items()}
        for lang, imported in by_language.items()
    }

    def version(lang: str, record: dict) -> dict | None:
        source = base.sources.get(record["id"])
        if source is not None and source in by_source[lang]:
            return by_source[lang][source]
        return others[lang].get(record["id"])

    records, problems, matched = [], [], {lang: set() for lang in languages}
    for record in base.records:
        versions = {lang: version(lang, record) for lang in languages}
        for lang, found in versions.items():
            if found is not None:
                matched[lang].add(id(found))
        missing = [lang for lang, version in versions.items() if version is None]
        if missing:
            # A partial translation: the record in the languages it has, as the contract allows
            # (pages say the missing text is missing); it was refused.
            versions = {lang: version for lang, version in versions.items() if version is not None}
            if notices is not None:
                notices.append(
                    Notice(
                        "note",
                        f"'{record['id']}' is not in the {', '.join(missing)} package: imported without "
                        f"its {', '.join(missing)} texts",
                        record=record["id"],
                    )
                )
        unpaired: list[tuple[str, object]] = []
        differs: list[tuple[str, str, object, object]] = []
        merged = _without_sources(_merge(versions, len(versions) == 1, unpaired, differs))
        if notices is not None:
            # The first language's is kept: which is right is the publisher's to say.
            notices += [
                Notice(
                    "not imported",
                    f"'{record['id']}' {where}: the {lang} package's {str(value)[:60]!r} differs from the "
                    f"{base_lang} package's {str(kept)[:60]!r}, which is kept",
                    record=record["id"],
                )
                for where, lang, value, kept in differs
                # A number written in each language's way ("514 555-0123", "514-555-0123") is one.
                if not (where.endswith(".number") and _digits(value) == _digits(kept))
            ]
        if unpaired:
            # Paired by the package's ids (phones, locations, services): by their order, the English
            # name of one service went to another and a third English service was dropped. Said
            # at the file and row the item came from (it named the item only).
            for lang, source, place in unpaired:
                table, row = _origin_of(by_language[lang], versions[lang], place)
                problems.append(
                    Problem(
                        table or "organizations",
                        row,
                        "id",
                        f"'{record['id']}': the {lang} package's item '{source}' (a service, location or phone) "
                        f"is not in the {base_lang} package: give each language the same ones, with the same ids",
                        record["id"],
                    )
                )
            continue
        keywords = {lang: [str(word) for word in v["keywords"]] for lang, v in versions.items() if v.get("keywords")}
        if keywords:
            merged["keywords"] = {lang: keywords[lang] for lang in LANGUAGES if lang in keywords}
        records.append(_order(merged))
    # One only in another language's package is named, not dropped without a word.
    for lang, imported in by_language.items():
        problems += [
            Problem(
                "organizations",
                "",
                "id",
                f"'{record['id']}' of the {lang} package is missing from the {base_lang} package",
                record["id"],
            )
            for record in imported.records
            if lang != base_lang and id(record) not in matched[lang]
        ]
    return records, problems


def _origin_of(imported: Imported, record: dict, place: str) -> tuple[str, str]:
    """The file and row an item of an imported record came from ("locations[1]": its table's
    row), or ("", "") when no field of it says."""
    fields = imported.origins.get(record["id"], {})
    return next(
        (
            (file, row)
            for path, (file, row, _) in fields.items()
            if path == place or path.startswith((f"{place}.", f"{place}["))
        ),
        ("", ""),
    )


def _merge(values: dict, single: bool, unpaired: list | None = None, differs: list | None = None, at: str = ""):
    """One value from each language's version of it: texts keyed by language, lists of the
    package's items paired by their ids (SOURCE), an item of another language that no item of
    the first has put in `unpaired` as (language, its id, its place in that language's record).
    Any other value is the first
    language's; where another language's differs (a phone number, an extra day of hours),
    `differs` gets (where, language, its value, the first's)."""
    first = next(iter(values.values()))
    if isinstance(first, list) and first and all(isinstance(item, dict) and SOURCE in item for item in first):
        paired: dict = {lang: {} for lang in values}
        places: dict = {lang: {} for lang in values}
        for lang, items in values.items():
            for number, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict):
                    paired[lang][item.get(SOURCE)] = item
                    places[lang][item.get(SOURCE)] = f"{at}[{number}]"
        if unpaired is not None:
            ours = {item[SOURCE] for item in first}
            unpaired += [
                (lang, key, places[lang][key]) for lang, items in paired.items() for key in items if key not in ours
            ]
        return [
            _merge({lang: paired[lang].get(item[SOURCE]) for lang in values}, single, unpaired, differs, f"{at}[{i}]")
            for i, item in enumerate(first)
        ]
    if isinstance(first, Text):
        texts = {lang: str(v) for lang, v in values.items() if v}
        # The same in every language is one text for both (a name), unless its words are one
        # language's: an exporter writes its French text where it has no English (our own
        # exports do), and the English pages called French descriptions English (a probe's).
        # Given in some languages only, it is theirs (a service of the French package only).
        if len(texts) == len(values) and len(set(texts.values())) == 1 and not single:
            said_in = text_language(str(first))
            return {said_in: str(first)} if said_in in texts else str(first)
        return {lang: texts[lang] for lang in LANGUAGES if lang in texts}
    if isinstance(first, dict):
        return {
            key: _merge(
                {lang: (v or {}).get(key) if isinstance(v, dict) else None for lang, v in values.items()},
                single,
                unpaired,
                # Not our ids, made of each language's names, nor the services' links to them.
                None if key == "id" or (key == "locations" and at.startswith("services")) else differs,
                f"{at}.{key}" if at else key,
            )
            for key in first
        }
    if isinstance(first, list):
        if differs is not None:
            differs += [
                (at, lang, f"{len(v)} items", f"{len(first)} items")
                for lang, v in values.items()
                if isinstance(v, list) and len(v) != len(first)
            ]
        return [
            _merge(
                {lang: v[i] if isinstance(v, list) and i < len(v) else item for lang, v in values.items()},
                single,
                unpaired,
                differs,
                f"{at}[{i}]",
            )
            for i, item in enumerate(first)
        ]
    if differs is not None:
        differs += [(at, lang, v, first) for lang, v in values.items() if v is not None and v != first]
    return first


def _digits(value) -> str:
    return "".join(c for c in str(value) if c.isdigit())


def _without_sources(value):
    """A merged record without the package ids its items were paired by."""
    if isinstance(value, dict):
        return {key: _without_sources(item) for key, item in value.items() if key != SOURCE}
    if isinstance(value, list):
        return [_without_sources(item) for item in value]
    return value


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
        if (
            value
            and set(value) <= set(LANGUAGES)
            and LANGUAGES[0] in value
            and all(isinstance(v, str) for v in value.values())
        ):
            texts = set(value.values())
            return value[LANGUAGES[0]] if len(texts) == 1 else dict(value)
        return {key: canonical(item) for key, item in value.items()}
    if isinstance(value, list):
        return [canonical(item) for item in value]
    return value


# --- the language of a package that does not say it -----------------------------------------

_WORDS = {
    "fr": {
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "et",
        "pour",
        "aux",
        "au",
        "une",
        "un",
        "est",
        "sur",
        "avec",
        "dans",
        "qui",
        "par",
        "en",
        "services",
        "aide",
        "centre",
    },
    "en": {
        "the",
        "and",
        "for",
        "of",
        "to",
        "with",
        "in",
        "is",
        "on",
        "by",
        "a",
        "an",
        "who",
        "services",
        "help",
        "center",
        "provides",
        "offers",
    },
}


def guess_language(package: Package, sample: int = 200) -> str | None:
    """fr or en, from the common words of the first organizations' and services' names and
    descriptions; None when neither clearly wins."""
    counts = Counter()
    for table in ("organization", "service"):
        for row in package.tables.get(table, [])[:sample]:
            for column in ("name", "description"):
                _count_common_words(str(row.get(column) or ""), counts)
    return _winner(counts, 3, 2)


def text_language(text: str) -> str | None:
    """fr or en for a text whose common words clearly are one language's ("Depuis 1990,
    l'association offre..."); None for a name or a text too short to tell ("Moisson Montréal")."""
    return _winner(_count_common_words(text, Counter()), 2, 3)


def _count_common_words(text: str, counts: Counter) -> Counter:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    for lang, common in _WORDS.items():
        other = _WORDS["en" if lang == "fr" else "fr"]
        counts[lang] += sum(1 for word in words if word in common and word not in other)
    return counts


def _winner(counts: Counter, least: int, times: int) -> str | None:
    """The language of the most common words, when they are `least` or more and `times` the other's."""
    (first, top), (_, second) = (counts.most_common() + [("", 0), ("", 0)])[:2]
    return first if top >= least and top >= times * second else None
