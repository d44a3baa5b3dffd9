"""HSDS 1.x and 2.x packages, and Ohana-style nested organizations, as HSDS 3.0 tables.

Real publishers still ship the older shapes: physical_addresses.csv, regular_schedules.csv
with a weekday, services_at_location.csv, `url` for a website; Ohana's API nests an
address object, phones and services inside each location. This module only renames and
reshapes rows into the 3.0 tables that hsds_import.py reads; every column it does not use
stays on the row (so the import reports it as not imported), and every row keeps the file
or JSON path it came from.
"""

from __future__ import annotations

import datetime as dt
import re

from .hsds import table_columns

# Files only the older versions have (HSDS 1.x; 2.x kept them and added attributes,
# taxonomy_terms...). One of them in a package, or an organizations.csv with a `url` column,
# says the package is older than 3.0.
LEGACY_FILES = (
    "physical_addresses.csv",
    "postal_addresses.csv",
    "regular_schedules.csv",
    "holiday_schedules.csv",
    "services_at_location.csv",
    "accessibility_for_disabilities.csv",
    "eligibility.csv",
    "payment_accepted.csv",
    "service_taxonomy.csv",
    "taxonomy.csv",
    "interpretation_services.csv",
)
SECOND_VERSION_FILES = ("attributes.csv", "taxonomy_terms.csv", "service_capacity.csv", "cost_options.csv")
# Older file (stem) -> the 3.0 table of its rows, and its columns under their 3.0 names.
TABLES = {
    "organizations": ("organization", {"url": "website"}),
    "services": (
        "service",
        {"fees": "fees_description", "eligibility": "eligibility_description", "how_to_apply": "application_process"},
    ),
    "locations": ("location", {}),
    "phones": ("phone", {"number_type": "type", "department": "description"}),
    "physical_addresses": ("address", {"address": "address_1", "zip": "postal_code", "state": "state_province"}),
    "postal_addresses": ("address", {"address": "address_1", "zip": "postal_code", "state": "state_province"}),
    "languages": ("language", {"language": "name"}),
    "accessibility_for_disabilities": ("accessibility", {"accessibility": "description"}),
    "service_areas": ("service_area", {"service_area": "name"}),
    "services_at_location": ("service_at_location", {}),
    "service_at_location": ("service_at_location", {}),
    "regular_schedules": ("schedule", {}),
    "holiday_schedules": ("schedule", {"start_date": "valid_from", "end_date": "valid_to"}),
    "contacts": ("contact", {}),
    "programs": ("program", {}),
    "funding": ("funding", {}),
    "required_documents": ("required_document", {}),
    "metadata": ("metadata", {}),
}
ADDRESS_TYPE = {"physical_addresses": "physical", "postal_addresses": "postal"}
# A holiday's "closed" as spreadsheets write it, in both languages ("oui" was read as open).
CLOSED_SAID = {"true", "t", "1", "yes", "y", "oui", "o", "vrai", "v"}
OPEN_SAID = {"", "false", "f", "0", "no", "n", "non", "faux"}
# A holiday over more days than this is a season, not a holiday: it is reported, not expanded.
MAX_HOLIDAY_DAYS = 31
_WEEKDAYS = {
    "mo": ("monday", "mon", "lundi", "lun", "1"),
    "tu": ("tuesday", "tue", "tues", "mardi", "mar", "2"),
    "we": ("wednesday", "wed", "mercredi", "mer", "3"),
    "th": ("thursday", "thu", "thur", "thurs", "jeudi", "jeu", "4"),
    "fr": ("friday", "fri", "vendredi", "ven", "5"),
    "sa": ("saturday", "sat", "samedi", "sam", "6"),
    "su": ("sunday", "sun", "dimanche", "dim", "7", "0"),
}
WEEKDAY = {name: code for code, names in _WEEKDAYS.items() for name in (code, *names)}


def version_of(files: dict[str, list[str]], declared: str | None) -> str:
    """ "1.x", "2.x" or "3.x" from the package's file names (-> header columns) and the version
    its descriptor declares, if any (which wins when it names a major version)."""
    major = re.match(r"\s*v?(\d+)", str(declared or ""))
    if major:
        return f"{major.group(1)}.x"
    older = any(name in files for name in LEGACY_FILES) or (
        "url" in files.get("organizations.csv", []) and "website" not in files.get("organizations.csv", [])
    )
    if not older:
        return "3.x"
    return "2.x" if any(name in files for name in SECOND_VERSION_FILES) else "1.x"


def upgrade(raw: dict[str, list[dict]], files: bool = True) -> tuple[dict[str, list[dict]], dict[str, int], list[str]]:
    """Rows of an older package, by file stem -> (3.0 tables, rows of tables not read, notes).
    Each row keeps "_where"; with `files` (a CSV package), it gets "_file", its file's name."""
    tables: dict[str, list[dict]] = {name: [] for name in table_columns()}
    ignored, notes = {}, []
    eligibility = {}
    for stem, rows in raw.items():
        file = f"{stem}.csv" if files else stem
        if stem == "eligibility":
            for row in rows:  # 1.x keeps a service's eligibility in a table of its own
                if row.get("service_id") and row.get("eligibility"):
                    eligibility.setdefault(row["service_id"], []).append(row["eligibility"])
            continue
        if stem not in TABLES:
            if rows:
                ignored[file] = len(rows)
            continue
        table, renamed = TABLES[stem]
        for row in rows:
            new = _renamed(row, renamed)
            if files:
                new["_file"] = file
            if stem in ADDRESS_TYPE:
                new.setdefault("address_type", ADDRESS_TYPE[stem])
            if stem == "accessibility_for_disabilities" and _texts(new.get("details"), new.get("description")):
                new["description"] = "; ".join(v for v in (new.get("description"), new.pop("details")) if v)
            if stem == "regular_schedules":
                new = _weekly(new)
            elif stem == "holiday_schedules":
                days, note = _holiday_days(new)
                if note:
                    notes.append(f"{file} {'row ' if files else 'at '}{new.get('_where')}: {note}")
                tables[table].extend(days)
                continue
            tables[table].append(new)
    for service in tables["service"]:
        if service.get("id") in eligibility and not service.get("eligibility_description"):
            service["eligibility_description"] = "\n\n".join(eligibility[service["id"]])
    return tables, ignored, notes


def _texts(first, *others) -> bool:
    """Whether `first` is a text and the others texts or nothing (of JSON, anything else can
    come: hsds_read says what is wrong with it)."""
    return isinstance(first, str) and bool(first) and all(isinstance(o, (str, type(None))) for o in others)


def _renamed(row: dict, renamed: dict[str, str]) -> dict:
    new = {}
    for column, value in row.items():
        target = renamed.get(column, column)
        if target != column and row.get(target) not in (None, ""):
            new[column] = value  # the 3.0 column is there too: keep both, the old one is reported
        elif value not in (None, "") or target not in new:
            new[target] = value
    return new


def _weekly(row: dict) -> dict:
    """A 1.x row (one weekday, opens_at, closes_at) as a 3.0 weekly schedule (byday)."""
    weekday = row.pop("weekday", None)
    if weekday not in (None, "") and not row.get("byday"):
        code = WEEKDAY.get(str(weekday).strip().lower().rstrip("."))
        row["byday"] = code.upper() if code else str(weekday)  # an unknown day is reported by byday
        row.setdefault("freq", "WEEKLY")
        row["freq"] = row.get("freq") or "WEEKLY"
    return row


def _holiday_days(row: dict) -> tuple[list[dict], str | None]:
    """A 1.x holiday (start_date..end_date, closed or opens_at/closes_at) as one-day 3.0
    schedules, the shape of an exception; a long range is reported instead."""
    given = str(row.pop("closed", "") or "").strip()
    if given.lower() in CLOSED_SAID:
        row["opens_at"] = row["closes_at"] = None
    elif all(str(row.get(time) or "").strip() == "" for time in ("opens_at", "closes_at")):
        # Open, but when? A day with no hours would be published as a day closed.
        if given.lower() not in OPEN_SAID:
            return [], f"closed: {given!r} is neither true nor false, and no hours are given: not imported"
        return [], (
            f"a holiday not closed (closed: {given or 'not given'}) with no hours: not imported; "
            "give its opens_at and closes_at"
        )
    start, end = _day(row.get("valid_from")), _day(row.get("valid_to") or row.get("valid_from"))
    if start is None or end is None or end < start:
        return [row], None  # the import reports the date it cannot read
    span = (end - start).days + 1
    if span > MAX_HOLIDAY_DAYS:
        return [], f"a holiday of {span} days ({start} to {end}) is not imported (at most {MAX_HOLIDAY_DAYS})"
    days = []
    for offset in range(span):
        day = (start + dt.timedelta(days=offset)).isoformat()
        days.append(
            {**row, "id": f"{row.get('id')}/{day}", "valid_from": day, "valid_to": day, "_range": f"{start} to {end}"}
            if span > 1
            else {**row, "valid_from": day, "valid_to": day}
        )
    return days, None


def _day(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return None


# --- nested objects (Ohana's API, 1.x JSON) -----------------------------------------------

# A nested key -> the older table its objects (or texts) are rows of, and the column a text goes in.
NESTED = {
    "locations": ("locations", None),
    "services": ("services", None),
    "phones": ("phones", None),
    "address": ("physical_addresses", None),
    "physical_address": ("physical_addresses", None),
    "physical_addresses": ("physical_addresses", None),
    "addresses": ("physical_addresses", None),
    "mail_address": ("postal_addresses", None),
    "postal_address": ("postal_addresses", None),
    "postal_addresses": ("postal_addresses", None),
    "regular_schedules": ("regular_schedules", None),
    "holiday_schedules": ("holiday_schedules", None),
    "languages": ("languages", "language"),
    "accessibility": ("accessibility_for_disabilities", "accessibility"),
    "accessibility_for_disabilities": ("accessibility_for_disabilities", "accessibility"),
    "service_areas": ("service_areas", "service_area"),
    "contacts": ("contacts", None),
    "programs": ("programs", None),
    "funding": ("funding", None),
}
# The link column a row gets from the object it is nested in.
LINK = {"organizations": "organization_id", "locations": "location_id", "services": "service_id"}
# Keys that only the older nested shapes have: one of them anywhere in an organization says
# "not 3.0" ("url" only on an organization without "website": 3.0's locations have one too).
NESTED_MARKERS = (
    "regular_schedules",
    "holiday_schedules",
    "physical_address",
    "physical_addresses",
    "address",
    "mail_address",
    "postal_address",
    "accessibility_for_disabilities",
    "url",
)


def is_nested_legacy(organization: dict) -> bool:
    """An organization object in an older nested shape (Ohana's API, 1.x JSON), not 3.0's."""
    if any(key in organization for key in NESTED_MARKERS if key != "url") or (
        "url" in organization and "website" not in organization
    ):
        return True
    for location in _list(organization.get("locations")):
        if isinstance(location, dict) and (
            any(k in location for k in NESTED_MARKERS if k != "url")
            or "services" in location
            or any(isinstance(v, str) for v in _list(location.get("languages")))
        ):
            return True
    return False


def _list(value) -> list:
    """A list as given, or none: a JSON package may hold anything where a list belongs."""
    return value if isinstance(value, list) else []


def nested_rows(organizations: list[dict], paths: list[str]) -> dict[str, list[dict]]:
    """Nested organizations (each at its JSON path) -> rows by older table (stem); an object
    without id gets its path as id, so that what is nested in it stays linked to it."""
    raw: dict[str, list[dict]] = {}
    for organization, path in zip(organizations, paths):
        _walk(raw, "organizations", organization, {}, path)
    return raw


def _walk(raw: dict, stem: str, obj: dict, links: dict, where: str) -> None:
    row = {"id": str(obj["id"]) if obj.get("id") not in (None, "") else where, "_where": where}
    row.update(links)
    raw.setdefault(stem, []).append(row)
    child_links = {LINK[stem]: str(row["id"])} if stem in LINK else {}
    if stem == "services" and "location_id" in links:
        # A service nested in a location is offered there, and belongs to the organization.
        raw.setdefault("services_at_location", []).append(
            {
                "id": f"{row['id']}@{links['location_id']}",
                "service_id": str(row["id"]),
                "location_id": links["location_id"],
                "_where": where,
            }
        )
        row.pop("location_id")
    for key, value in obj.items():
        if key == "id":
            continue
        target = NESTED.get(key)
        children = value if isinstance(value, list) else [value] if isinstance(value, dict) else None
        if target and children is not None:
            child_stem, text_column = target
            inherited = (
                {"organization_id": links.get("organization_id", child_links.get("organization_id"))}
                if child_stem == "services" and stem == "locations"
                else {}
            )
            for i, child in enumerate(children):
                path = f"{where}.{key}[{i}]" if isinstance(value, list) else f"{where}.{key}"
                if isinstance(child, dict):
                    _walk(raw, child_stem, child, {**inherited, **child_links}, path)
                elif child not in (None, "") and text_column:
                    raw.setdefault(child_stem, []).append(
                        {"id": path, text_column: child, **child_links, "_where": path}
                    )
        elif isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
            row[key] = "; ".join(str(v) for v in value) or None  # keywords: a column, reported if not used
        elif isinstance(value, (dict, list)):
            row[key] = value  # an object this import does not read: reported by its key
        else:
            row[key] = value
    if (
        stem == "locations"
        and isinstance(obj.get("coordinates"), list)
        and len(obj["coordinates"]) == 2
        and "latitude" not in obj
    ):
        # Ohana writes [longitude, latitude] (GeoJSON order).
        row["longitude"], row["latitude"] = obj["coordinates"]
        row.pop("coordinates")
