"""The record's simple facts, each declared once: a location's or a service's "label: value".

A fact declared here is, with no other code:
- in the schema (`schema/organization.schema.json`, rewritten by `scripts/update_schema`
  from schema.py; tests/test_fields.py fails while the file is behind);
- on the organization page and the offline page (the loops of organization.html and
  offline-record.js), under its label from the catalogs;
- in the lists (CSV, Excel, "my list") when it has a column header;
- in the HSDS export and read back by the import, where `hsds` says.

Facts made of several values (ages, hours, phones, addresses) are written by hand where they
show. See CONTRIBUTING.md, "Adding a field".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from .catalogs import N_
from .records import text


@dataclass(frozen=True)
class Column:
    """A column of the owner's own HSDS table (service.eligibility_description)."""

    name: str


@dataclass(frozen=True)
class Child:
    """A table of rows linked to the owner (accessibility.description): the export writes
    one row; the import joins several with "; "."""

    table: str
    column: str


@dataclass(frozen=True)
class Attribute:
    """HSDS has no field for it: an attribute of the "repertoire" taxonomy with this code."""

    code: str


Hsds = Union[Column, Child, Attribute]

# A kind: how the value is written in the record, shown, and carried in HSDS.
KINDS = {
    "text": {"$ref": "#/$defs/shortText"},  # a line, bilingual
    "long_text": {"$ref": "#/$defs/longText"},  # paragraphs, bilingual
    "yes_no": {"type": "boolean"},  # shown as "Yes" or "No"
}
OWNERS = ("location", "service")
YES_NO = {True: N_("Yes"), False: N_("No")}


@dataclass(frozen=True)
class Field:
    name: str  # the record's key
    owner: str  # "location" or "service": the object of the record it belongs to
    kind: str  # a key of KINDS
    label: str  # what the page writes before the value (a catalog message)
    hsds: Hsds  # where the HSDS export writes it and the import reads it
    list_header: str | None = None  # its column's header in the lists (a catalog message), or none
    short: bool = False  # a location's fact also in the short entry (my list, printed directories)

    @property
    def schema(self) -> dict:
        return KINDS[self.kind]


FIELDS = (
    Field("accessibility", "location", "text", N_("Accessibility:"), Child("accessibility", "description")),
    Field("eligibility", "service", "long_text", N_("Eligibility"), Column("eligibility_description")),
    Field("clientele", "service", "long_text", N_("Clientele"), Attribute("clientele")),
    Field("fees", "service", "text", N_("Fees"), Column("fees_description")),
    Field("application_process", "service", "long_text", N_("How to apply"), Column("application_process")),
)


# Each reader below reads FIELDS when it is called, so that a test can declare one more.


def fields_of(owner: str) -> list[Field]:
    """The facts of a location or a service, in the order pages show them."""
    return [field for field in FIELDS if field.owner == owner]


def columns() -> list[Field]:
    """The facts that are list columns, after the lists' own columns."""
    return [field for field in FIELDS if field.list_header]


def short_facts(location: dict, lang: str, gettext) -> list[str]:
    """A location's facts that its short entry writes after its hours: "Label value", plain
    text in `lang` (entry.js and the printed directories write the same)."""
    return [
        f"{gettext(field.label)} {fact_text(field, location[field.name], lang, gettext)}"
        for field in fields_of("location")
        if field.short and field.name in location
    ]


def fact_text(field: Field, value, lang: str, gettext) -> str:
    """A fact's value as plain text in `lang`: its text (or the other language's), or the
    catalog's "Yes" or "No". Pages write it with its language marked (macros.html fact_value)."""
    return gettext(YES_NO[bool(value)]) if field.kind == "yes_no" else text(value, lang)[0]


def hsds_value(field: Field, value):
    """A record's value as HSDS carries it (texts already in one language): an HSDS column
    of its own takes a yes/no as a boolean, the text columns of attributes and linked
    tables as "true" or "false"."""
    if field.kind != "yes_no":
        return value
    if isinstance(field.hsds, Column):
        return bool(value)
    return "true" if value else "false"


def from_hsds(field: Field, value):
    """An HSDS value back as the record's; None when it cannot be read as one."""
    if field.kind != "yes_no":
        return value
    spelled = str(value).strip().lower()
    if spelled in ("true", "yes", "oui", "1"):
        return True
    if spelled in ("false", "no", "non", "0"):
        return False
    return None
