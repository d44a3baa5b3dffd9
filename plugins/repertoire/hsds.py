"""Open Referral HSDS 3.0: our records as HSDS objects (one language), and HSDS objects as tables.

No Pelican here: the build writes the open-data packages with it, and scripts/import_hsds
reads packages back with the same tables (hsds_import.py).

What HSDS has no field for travels as attributes of the "repertoire" taxonomy (categories
in order, territories served, keywords, languages, status, clientele), so that an export
imports back into the same records; the usual HSDS fields (service areas, service status,
location languages) are filled too, for other readers.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Callable

from babel import Locale

from repertoire.catalogs import N_, PROJECT_TRANSLATIONS, load_catalog
from repertoire.conventions import Conventions
from repertoire.fields import Attribute, Child, Column, fields_of, hsds_value
from repertoire.hours import DAYS
from repertoire.phones import Numbering
from repertoire.records import text
from repertoire.spreadsheets import to_csv
from repertoire.taxonomy import Taxonomy

Gettext = Callable[[str], str]
SPEC_PATH = Path(__file__).with_name("hsds_spec") / "datapackage.json"
# Every HSDS id is a UUID: derived from our ids, so that they stay the same build after build.
NAMESPACE = uuid.UUID("6f1c1f5e-5d7a-4b8e-9a41-2b1d0c3e7a11")
_NAMESPACED = hashlib.sha1(NAMESPACE.bytes)  # copied for each id: the namespace is hashed once
_VARIANT = {digit: f"{int(digit, 16) & 0x3 | 0x8:x}" for digit in "0123456789abcdef"}
TAXONOMY = "repertoire"
ID_SCHEME = "repertoire"
LOCATION_ID_TYPE = "repertoire-location-id"
# HSDS phone types for ours (HSDS says "textphone" for a TTY); the others are the same word.
PHONE_TYPES = {"tty": "textphone"}
SERVICE_STATUS = {"active": "active", "inactive": "inactive", "temporarily_closed": "temporarily closed"}
ALWAYS_OPEN = ("00:00:00", "23:59:59")


def _hsds_time(hhmm: str) -> str:
    """A record's time as HSDS writes one: the end of a day ("24:00", as records write a whole
    day) is 23:59:59, as for round the clock: "24:00:00" is no time of day to a reader of HSDS."""
    return ALWAYS_OPEN[1] if hhmm == "24:00" else f"{hhmm}:00"


# What the packages say beyond the records' own text (catalog messages, in the package's
# language: the exports pass the site's catalog; without one, the project's).
WORDS = {
    "taxonomy": N_("Répertoire: categories, territories and record details"),
    "always": N_("Open 24 hours a day, 7 days a week"),
    "closed": N_("Closed"),
}
# A nested key of an HSDS object -> the table its objects are rows of.
CHILD_TABLES = {
    "phones": "phone",
    "locations": "location",
    "services": "service",
    "programs": "program",
    "organization_identifiers": "organization_identifier",
    "attributes": "attribute",
    "metadata": "metadata",
    "addresses": "address",
    "accessibility": "accessibility",
    "languages": "language",
    "schedules": "schedule",
    "service_areas": "service_area",
    "service_at_locations": "service_at_location",
    "contacts": "contact",
    "funding": "funding",
    "cost_options": "cost_option",
    "required_documents": "required_document",
}
# A nested object that is a row of another table, referred to by an id column.
REFERENCED = {
    "taxonomy_term": ("taxonomy_term", "taxonomy_term_id"),
    "taxonomy_detail": ("taxonomy", "taxonomy_id"),
    "location": ("location", "location_id"),
    "program": ("program", "program_id"),
    # What the HSDS API nests in its service and service-at-location responses.
    "organization": ("organization", "organization_id"),
    "service": ("service", "service_id"),
}


@lru_cache(maxsize=1)
def spec() -> dict:
    """The HSDS 3.0 tabular datapackage descriptor (tables, their columns and types)."""
    return json.loads(SPEC_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def table_columns() -> dict[str, list[str]]:
    """Table name (organization, service...) -> its CSV columns, in the specification's order."""
    return {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in spec()["resources"]}


@lru_cache(maxsize=1)
def table_files() -> dict[str, str]:
    """Table name -> its CSV file name in a datapackage (organizations.csv...)."""
    return {r["name"]: r["path"] for r in spec()["resources"]}


def hsds_id(*parts: str) -> str:
    """uuid.uuid5(NAMESPACE, "a/b"), written out directly: 3x faster, and a 10,000-record
    export makes about half a million of them."""
    hasher = _NAMESPACED.copy()
    hasher.update("/".join(parts).encode("utf-8"))
    h = hasher.hexdigest()
    # The version digit is 5; the variant's two high bits are 10 (RFC 4122), on the hex digits.
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{_VARIANT[h[16]]}{h[17:20]}-{h[20:32]}"


# --- our record -> one HSDS organization object -------------------------------------


def organization_object(
    data: dict, lang: str, taxonomy: Taxonomy, gettext: Gettext | None = None, terms: dict | None = None
) -> dict:
    """One record as an HSDS 3.0 organization (organization_full shape), texts in `lang`
    (`gettext`: its catalog's, for what the record does not say). `terms`: the taxonomy terms
    made for other records of the same language and taxonomy, shared rather than made again
    (a package's records name the same few terms ~90,000 times at 10,000 records)."""
    org_id = data["id"]
    oid = hsds_id(org_id)
    say = lambda value: text(value, lang)[0] or None  # noqa: E731
    terms = _Terms(lang, taxonomy, gettext or _project_gettext(lang), {} if terms is None else terms)
    attributes = [
        terms.attribute(oid, "organization", "category", slug, str(position))
        for position, slug in enumerate(data["categories"], start=1)
    ]
    attributes += [terms.attribute(oid, "organization", "territory", slug, slug) for slug in data["service_area"]]
    attributes += [
        terms.attribute(oid, "organization", "keyword", None, word, position)
        for position, word in enumerate((data.get("keywords") or {}).get(lang, []))
    ]
    attributes += [terms.attribute(oid, "organization", "language", None, code) for code in data.get("languages", [])]
    attributes.append(terms.attribute(oid, "organization", "status", None, data.get("status", "active")))
    locations = [
        _location(org_id, location, data.get("languages", []), terms, taxonomy.conventions)
        for location in data.get("locations", [])
    ]
    location_ids = {
        location["id"]: hsds_location["id"] for location, hsds_location in zip(data.get("locations", []), locations)
    }
    return _present(
        {
            "id": oid,
            "name": say(data["name"]),
            "alternate_name": "; ".join(say(name) for name in data.get("alternate_names", [])) or None,
            "description": say(data["description"]),
            "email": data.get("email"),
            "website": data.get("website"),
            "organization_identifiers": [
                {
                    "id": hsds_id(org_id, "identifier"),
                    "identifier_scheme": ID_SCHEME,
                    "identifier_type": "record id",
                    "identifier": org_id,
                }
            ],
            "phones": _phones(org_id, data.get("phones", []), lang, taxonomy.conventions.phones),
            "locations": locations,
            "services": [
                _service(org_id, data, i, service, location_ids, terms, taxonomy.conventions.phones)
                for i, service in enumerate(data.get("services", []))
            ],
            "attributes": attributes,
            "metadata": [
                {
                    "id": hsds_id(org_id, "verified"),
                    "last_action_date": data["last_verified"],
                    "last_action_type": "verified",
                    "field_name": "",
                    "previous_value": "",
                    "replacement_value": "",
                    "updated_by": "organization",
                }
            ],
        }
    )


def _phones(owner: str, phones: list[dict], lang: str, numbering: Numbering) -> list[dict]:
    """The phones of an organization, a location or a service (`owner`: what their ids derive from)."""
    return [_phone(hsds_id(owner, "phone", str(i)), phone, lang, numbering) for i, phone in enumerate(phones)]


def _present(fields: dict) -> dict:
    """Without the fields we have no value for: HSDS has them optional, never null. Each
    object that may lack one is made through here; walking every object afterwards to find
    them was a sixth of the HSDS files' cost."""
    return {key: value for key, value in fields.items() if value is not None}


def _phone(pid: str, phone: dict, lang: str, numbering: Numbering) -> dict:
    """A phone as pages write it, its extension in HSDS's own field."""
    parsed = numbering.parse(phone["number"], phone.get("type", "voice"))
    return _present(
        {
            "id": pid,
            "number": numbering.display(parsed, lang, extension=False),
            "extension": int(parsed.extension) if parsed.extension else None,
            "type": PHONE_TYPES.get(phone.get("type", "voice"), phone.get("type", "voice")),
            "description": text(phone.get("description"), lang)[0] or None,
        }
    )


def _facts(link_id: str, entity: str, part: dict, terms: "_Terms") -> tuple[dict, dict]:
    """The facts declared for a location or a service (repertoire/fields.py) as HSDS keys of
    its object (`link_id`: its HSDS id): its own columns, and its lists of linked rows and
    attributes (each declared list present, empty or not, as HSDS writes them)."""
    columns: dict = {}
    linked: dict = {}
    for field in fields_of(entity):
        where = field.hsds
        if not isinstance(where, Column):
            linked.setdefault(where.table if isinstance(where, Child) else "attributes", [])
        if field.name not in part:
            continue
        value = part[field.name] if field.kind == "yes_no" else text(part[field.name], terms.lang)[0] or None
        if value is None:
            continue
        value = hsds_value(field, value)
        if isinstance(where, Column):
            columns[where.name] = value
        elif isinstance(where, Child):
            linked[where.table].append({"id": hsds_id(link_id, field.name), where.column: value})
        elif isinstance(where, Attribute):
            linked["attributes"].append(terms.attribute(link_id, entity, where.code, None, value))
    return columns, linked


def _location(org_id: str, location: dict, languages: list[str], terms: "_Terms", conventions: Conventions) -> dict:
    lang = terms.lang
    say = lambda value: text(value, lang)[0] or None  # noqa: E731
    lid = hsds_id(org_id, "location", location["id"])
    columns, linked = _facts(lid, "location", location, terms)
    address = location.get("address")
    latitude, longitude = location.get("coordinates") or (None, None)
    schedules = []
    if location.get("open_24_7"):
        schedules.append(
            {
                "id": hsds_id(lid, "always"),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(d.upper() for d in DAYS),
                "opens_at": ALWAYS_OPEN[0],
                "closes_at": ALWAYS_OPEN[1],
                "description": terms.say(WORDS["always"]),
            }
        )
    for i, interval in enumerate(location.get("hours", [])):
        schedules.append(
            {
                "id": hsds_id(lid, "hours", str(i)),
                "freq": "WEEKLY",
                "wkst": "MO",
                "byday": ",".join(d.upper() for d in interval["days"]),
                "opens_at": f"{interval['opens']}:00",
                "closes_at": _hsds_time(interval["closes"]),
            }
        )
    dated: set[str] = set()
    for exception in location.get("exceptions", []):
        # A one-day schedule: special hours, or none at all for a closed day; a day's hours in
        # parts, one schedule each (the first keeps the id a day of one part has).
        closed = exception.get("closed", False)
        part = [exception.get("opens") or ""] if exception["date"] in dated else []
        dated.add(exception["date"])
        schedules.append(
            _present(
                {
                    "id": hsds_id(lid, "exception", exception["date"], *part),
                    "valid_from": exception["date"],
                    "valid_to": exception["date"],
                    "dtstart": exception["date"],
                    "opens_at": None if closed else f"{exception['opens']}:00",
                    "closes_at": None if closed else _hsds_time(exception["closes"]),
                    "description": say(exception.get("description")),
                    "notes": terms.say(WORDS["closed"]) if closed else None,
                }
            )
        )
    return _present(
        {
            "id": lid,
            "location_type": "physical" if address or latitude is not None else "virtual",
            "name": say(location.get("name")),
            "latitude": latitude,
            "longitude": longitude,
            "external_identifier": location["id"],
            "external_identifier_type": LOCATION_ID_TYPE,
            "addresses": [
                _present(
                    {
                        "id": hsds_id(lid, "address"),
                        "address_1": address.get("street") or "",
                        "address_2": address.get("unit"),
                        "city": address["city"],
                        "region": address.get("region"),
                        "state_province": conventions.subdivision,
                        "postal_code": address.get("postal_code") or "",
                        "country": conventions.country,
                        "address_type": "physical",
                    }
                )
            ]
            if address
            else [],
            **columns,
            **linked,
            "languages": [_language(hsds_id(lid, "language", code), code, lang) for code in languages],
            "phones": _phones(lid, location.get("phones", []), lang, conventions.phones),
            "schedules": schedules,
        }
    )


def _service(
    org_id: str, data: dict, index: int, service: dict, location_ids: dict, terms: "_Terms", numbering: Numbering
) -> dict:
    lang = terms.lang
    say = lambda value: text(value, lang)[0] or None  # noqa: E731
    sid = hsds_id(org_id, "service", str(index))
    columns, linked = _facts(sid, "service", service, terms)
    return _present(
        {
            "id": sid,
            "name": say(service["name"]),
            "description": say(service.get("description")),
            "status": SERVICE_STATUS[data.get("status", "active")],
            **columns,
            "minimum_age": service.get("minimum_age"),
            "maximum_age": service.get("maximum_age"),
            "assured_date": data["last_verified"],
            "languages": [
                _language(hsds_id(sid, "language", code), code, lang) for code in service.get("languages", [])
            ],
            "service_areas": [
                {"id": hsds_id(sid, "area", slug), "name": terms.territory_name(slug)} for slug in data["service_area"]
            ],
            "service_at_locations": [
                {"id": hsds_id(sid, "at", location), "location_id": location_ids[location]}
                for location in service.get("locations", [])
                if location in location_ids
            ],
            **linked,
            "phones": _phones(sid, service.get("phones", []), lang, numbering),
        }
    )


def _language(language_id: str, code: str, lang: str) -> dict:
    return {"id": language_id, "name": _language_names(lang).get(code, code), "code": code}


@lru_cache(maxsize=4)
def _language_names(lang: str) -> dict:
    return dict(Locale.parse(lang).languages)


@lru_cache(maxsize=8)
def _project_gettext(lang: str) -> Gettext:
    return load_catalog(str(PROJECT_TRANSLATIONS), lang).gettext


def taxonomy_object(lang: str, gettext: Gettext | None = None) -> dict:
    """The "repertoire" taxonomy that the attributes' terms belong to."""
    description = (gettext or _project_gettext(lang))(WORDS["taxonomy"])
    return {"id": _taxonomy_id(), "name": TAXONOMY, "description": description, "version": "1"}


@lru_cache(maxsize=4096)
def _taxonomy_id(*codes: str) -> str:
    """The id of the taxonomy, or of one of its terms: the same under every record."""
    return hsds_id(TAXONOMY, *codes)


class _Terms:
    """The attributes' taxonomy terms, named in one language: category and territory terms
    carry their slug as code; the others (keyword, language, status, clientele) a fixed code."""

    def __init__(self, lang: str, taxonomy: Taxonomy, gettext: Gettext, made: dict):
        self.lang, self.taxonomy, self.say, self.made = lang, taxonomy, gettext, made

    def territory_name(self, slug: str) -> str:
        whole = self.taxonomy.whole
        return text(whole.name if slug == whole.slug else self.taxonomy.territories[slug].name, self.lang)[0]

    def term(self, kind: str, slug: str | None) -> dict:
        made = self.made.get((kind, slug))
        if made is None:
            made = self.made[kind, slug] = self._term(kind, slug)
        return made

    def _term(self, kind: str, slug: str | None) -> dict:
        if kind == "category":
            name = text(self.taxonomy.categories[slug].name, self.lang)[0]
        elif kind == "territory":
            name = self.territory_name(slug)
        else:
            name = kind
        code = f"{kind}:{slug}" if slug else kind
        # The taxonomy itself is written once (taxonomy_object), not under every term.
        return {
            "id": _taxonomy_id(code),
            "code": code,
            "name": name,
            "description": name,
            "taxonomy": TAXONOMY,
            "language": self.lang,
            "taxonomy_id": _taxonomy_id(),
        }

    def attribute(self, owner: str, entity: str, kind: str, slug: str | None, value: str, position: int = 0) -> dict:
        return {
            "id": hsds_id(owner, kind, slug or value, str(position)),
            "link_type": kind,
            "link_entity": entity,
            "value": value,
            "taxonomy_term": self.term(kind, slug),
        }


# --- HSDS objects <-> tables ----------------------------------------------------------


def flatten(
    organizations: list[dict],
    where: str = "organizations",
    unknown: Counter | None = None,
    paths: list[str] | None = None,
    conflicts: list[tuple[str, str, str]] | None = None,
    misshapen: list[tuple[str, str]] | None = None,
) -> dict[str, list[dict]]:
    """Nested HSDS organizations -> table name -> rows (dicts of the table's columns). An
    object at the top may also be what the HSDS API serves at the top of its other responses
    (`top_table`): a service or a service at a location, with what it belongs to nested.

    Each row also has "_where": the JSON path of the object it came from (`paths` gives each
    organization's), for reports. An object without id gets its path as id, so that what is
    nested in it stays linked to it; `unknown` counts the keys of no table, by (table, key).
    An object met again (the same taxonomy term under many attributes) is read once, and
    linked from each place it is nested in; `conflicts` gets (id, its path, the first one's
    path) of each object given the id of an earlier one of its table that it contradicts,
    which is left out with all it holds; `misshapen` gets (path, key) of each list of objects
    given as something else ("phones": {...}), whose objects are not read."""
    tables: dict[str, dict[str, dict]] = {name: {} for name in table_columns()}
    # With `conflicts`: (table, key) -> the object first met; (table, key, parent table, parent
    # key) -> each place it is linked from; ("no id", table, its JSON) -> the path of the first
    # equal object without an id.
    first: dict[tuple, object] | None = {} if conflicts is not None else None
    for index, obj in enumerate(organizations):
        path = paths[index] if paths else f"{where}[{index}]"
        _add(tables, top_table(obj), obj, None, None, path, unknown, first, conflicts, misshapen)
    return {name: list(rows.values()) for name, rows in tables.items()}


def top_table(obj: dict) -> str:
    """The table of an object at the top of a JSON document: an organization, unless it is a
    service (its organization nested, or its places: the API's /services/{id}) or a service at
    a location (its service nested: /service_at_locations/{id}). Read as an organization, a
    service became an organization of its name, and a service at a location one of no name."""
    if isinstance(obj.get("service"), dict):
        return "service_at_location"
    if isinstance(obj.get("organization"), dict) or isinstance(obj.get("service_at_locations"), list):
        return "service"
    return "organization"


def _add(
    tables: dict,
    table: str,
    obj: dict,
    parent_table: str | None,
    parent_id: str | None,
    where: str,
    unknown: Counter | None,
    first: dict | None = None,
    conflicts: list | None = None,
    misshapen: list | None = None,
) -> str:
    """Add an object's row, and those of what it holds, to the tables; its row's key."""
    rows = tables[table]
    key = obj.get("id") or where
    if isinstance(key, (list, dict)):
        key = where  # not an id: the row keeps it, for hsds_read to say so
    if key in rows:  # a row met before (the same taxonomy term under many attributes)
        if first is None:
            return key
        if first[(table, key)] != obj and not _told_alike(first[(table, key)], obj):
            conflicts.append((key, where, rows[key]["_where"]))
        elif parent_id is not None and (table, key, parent_table, parent_id) not in first:
            # Nested under another object too (HSDS's examples give one phone to an
            # organization, its contact and its service): a row for each link, as a CSV
            # package gives them; one met first where it was only referred to (a service
            # at a location's location) takes this link. What it holds is linked to it once.
            first[(table, key, parent_table, parent_id)] = obj
            whole = {**obj, **{name: value for name, value in first[(table, key)].items() if value not in TOLD}}
            again, earlier = _row(table, whole, key, parent_table, parent_id, where), rows[key]
            for name, value in whole.items():  # what it refers to, as its first row says
                column = REFERENCED[name][1] if name in REFERENCED and isinstance(value, dict) else None
                if column in again and earlier[column] is not None:
                    again[column] = earlier[column]
            if first.pop((table, key, None, None), None) is not None:
                earlier.update(again)  # in place: the _add that made it may be filling it in still
            else:
                rows[(key, parent_table, parent_id)] = again
        return key
    if first is not None:
        first[(table, key)] = first[(table, key, parent_table, parent_id)] = obj
    row = rows[key] = _row(table, obj, key, parent_table, parent_id, where)
    for name, value in obj.items():  # only the keys the object has: most objects have few
        if name in REFERENCED and isinstance(value, dict):
            ref_table, column = REFERENCED[name]
            if column in row:
                path = f"{where}.{name}"
                if first is not None and not isinstance(value.get("id"), str):
                    # Without an id, the same organization nested in each of its services is
                    # one row: the first equal one's, known by its path.
                    path = first.setdefault(("no id", ref_table, json.dumps(value, sort_keys=True, default=str)), path)
                row[column] = _add(tables, ref_table, value, None, None, path, unknown, first, conflicts, misshapen)
        elif name in CHILD_TABLES and isinstance(value, list):
            for index, child in enumerate(value):
                if isinstance(child, dict):
                    _add(
                        tables,
                        CHILD_TABLES[name],
                        child,
                        table,
                        key,
                        f"{where}.{name}[{index}]",
                        unknown,
                        first,
                        conflicts,
                        misshapen,
                    )
                elif unknown is not None and child not in TOLD:  # "phones": ["514 555-0100"]: not an object
                    unknown[(table, f"{name} (an entry that is not an object)")] += 1
        elif name in CHILD_TABLES and misshapen is not None and value not in TOLD:
            misshapen.append((where, name))  # "phones": {...}: its phones would be dropped unsaid
        elif unknown is not None and name not in row and value not in (None, "", [], {}):
            unknown[(table, name)] += 1
    return key


TOLD = (None, "", [], {})  # what says nothing of an object


def _told_alike(earlier: dict, later: dict) -> bool:
    """Whether two objects of one id are one thing told in more or less detail (an API's
    service nests its organization, which may list its services in short): every key both
    give a value says the same."""
    return all(
        earlier[name] == value for name, value in later.items() if value not in TOLD and earlier.get(name) not in TOLD
    )


def _row(table: str, obj: dict, key: str, parent_table: str | None, parent_id: str | None, where: str) -> dict:
    """An object's row in its table, linked to the object it is nested in (`_add` links it to
    the objects it refers to)."""
    columns = table_columns()[table]
    row = {column: obj.get(column) for column in columns}
    row["id"] = obj.get("id") or key
    if parent_id is not None:
        if table == "attribute":
            row["link_id"], row["link_entity"] = parent_id, row.get("link_entity") or parent_table
        elif table == "metadata":
            row["resource_id"], row["resource_type"] = parent_id, parent_table
        elif f"{parent_table}_id" in columns:
            row[f"{parent_table}_id"] = parent_id
    row["_where"] = where
    return row


def own_table_rows(organization: dict, written: dict | None = None) -> dict[str, list[tuple[str, list]]]:
    """flatten([organization]) for an organization made by organization_object (every object
    has its id, every key is known), as the exports write it: each table's rows, in the
    same order, as (id, cells in column order, as table_cells gives them but "" for no value:
    the same CSV). Without the rows'
    dicts and JSON paths the exports never read: building them was a third of the HSDS files' cost.
    `written`: table -> the ids of its rows that are left out (written with an earlier organization,
    as a taxonomy term is), though what refers to them still does."""
    tables: dict[str, dict[str, list]] = {}
    _own_rows(tables, written or {}, "organization", organization, None, None)
    return {table: list(rows.items()) for table, rows in tables.items() if rows}


def _own_rows(
    tables: dict, written: dict, table: str, obj: dict, parent_table: str | None, parent_id: str | None
) -> None:
    rows = tables.setdefault(table, {})
    key = obj["id"]
    if key in rows or key in written.get(table, ()):  # a row met before (a term under many attributes)
        return
    width, at = _column_positions(table)
    cells = [""] * width  # what the CSV writes for no value: a row of texts is quicker to write
    rows[key] = cells
    # One pass over the object's keys (a few), not one lookup a column (up to 23).
    for name, value in obj.items():
        position = at.get(name)
        if position is not None:
            # A boolean as JSON writes it (the CSV writer would write True); other values as they are.
            cells[position] = _cell(value) if value.__class__ is bool else value
        elif name in REFERENCED and isinstance(value, dict):
            ref_table, column = REFERENCED[name]
            if column in at:
                _own_rows(tables, written, ref_table, value, None, None)
                cells[at[column]] = value.get("id")
        elif name in CHILD_TABLES and isinstance(value, list):
            for child in value:
                _own_rows(tables, written, CHILD_TABLES[name], child, table, key)
    if parent_id is not None:  # linked as _add links it
        if table == "attribute":
            cells[at["link_id"]], cells[at["link_entity"]] = parent_id, obj.get("link_entity") or parent_table
        elif table == "metadata":
            cells[at["resource_id"]], cells[at["resource_type"]] = parent_id, parent_table
        elif f"{parent_table}_id" in at:
            cells[at[f"{parent_table}_id"]] = parent_id


@lru_cache(maxsize=None)
def _column_positions(table: str) -> tuple[int, dict[str, int]]:
    columns = table_columns()[table]
    return len(columns), {column: index for index, column in enumerate(columns)}


def csv_bytes(table: str, rows: list[dict]) -> bytes:
    """One table as CSV, the specification's columns in order (no byte order mark: a
    datapackage is read by programs)."""
    return to_csv(table_columns()[table], table_cells(table, rows), bom=False)


def table_cells(table: str, rows: list[dict]) -> list[list[str]]:
    """The cells of a table's rows, in the specification's column order, as csv_bytes writes them."""
    columns = table_columns()[table]
    return [_cells(list(map(row.get, columns))) for row in rows]


def _cells(row: list) -> list:
    # The CSV writer writes None, numbers and texts as _cell() does (a cell at a time, it was
    # a sixth of the HSDS files' cost): only a row that may hold a boolean goes through it.
    return [_cell(value) for value in row] if True in row or False in row else row


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"  # as JSON writes them, and HSDS's examples
    return str(value)


def descriptor(lang: str, title: str, licence: dict, data_date: str) -> dict:
    """The datapackage.json of our CSV tables: the specification's, with our name and licence."""
    package = dict(spec())
    package.update(
        {
            "name": f"repertoire-hsds-{lang}",
            "title": title,
            "language": lang,
            "version": "3.0.0",
            "created": data_date,
            "licenses": [licence],
            "license": licence,
        }
    )
    return package
