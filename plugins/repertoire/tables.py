"""Organization lists as rows for spreadsheets: one row per organization, in one language.

No Pelican here: the build writes these rows as CSV and XLSX, and tests read them back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from repertoire import fields
from repertoire.catalogs import N_
from repertoire.compact import every_phone
from repertoire.records import Organization, text
from repertoire.taxonomy import Taxonomy

# Column headers (catalog messages, translated in the reader's language). One column per
# kind of phone, so that a fax is never dialled as a phone.
HEADERS = [
    N_("Id"),
    N_("Name"),
    N_("Primary category"),
    N_("Other categories"),
    N_("Phone number"),  # "Phone" is already the singular of "Phones" in the catalogs
    N_("Other phones"),
    N_("Fax"),
    N_("TTY (text telephone)"),  # "TTY" is the phone kind's own message, shorter in French
    N_("Text message"),
    N_("Email"),
    N_("Website"),
    N_("Address"),
    N_("Municipality"),
    N_("Postal code"),
    N_("Regions"),
    N_("Hours"),
    N_("Languages spoken"),
    N_("Status"),
    N_("Verified on"),
    N_("Page"),
]
# A record's status as the Status column says it (catalog messages).
STATUS = {"active": N_("active"), "inactive": N_("inactive"), "temporarily_closed": N_("temporarily closed")}
CALLED = ("voice", "hotline")  # the kinds a person calls: the Phone columns


@dataclass(frozen=True)
class Wording:
    """What a list writes in its reader's language beyond the record's own text."""

    week: Callable[[dict], str]  # a location's week of hours: "lundi–vendredi : 9 h à 17 h"
    language: Callable[[str], str]  # a language's name: "anglais"
    gettext: Callable[[str], str]  # a catalog message: headers, status words, "oui"


def headers(gettext: Callable[[str], str]) -> list[str]:
    """The lists' column headers in the catalog's language: ours with the declared facts'
    (repertoire/fields.py) before the last, the page's address."""
    *ours, page = HEADERS
    return [gettext(header) for header in (*ours, *(field.list_header for field in fields.columns()), page)]


# Between the places of an organization in one cell: each place's address, town, postal code,
# hours and facts in the same order in their columns ("; " is within a week's hours).
PLACES_APART = " | "


def per_place(values: list[str]) -> str:
    """One cell of every place's value, in the places' order (empty where all are)."""
    return PLACES_APART.join(values) if any(values) else ""


def fact_cell(data: dict, field: fields.Field, lang: str, gettext: Callable[[str], str]) -> str:
    """A declared fact as a list cell: every place's (per_place), or every service's that says it."""
    if field.owner == "location":
        return per_place(
            [
                fields.fact_text(field, place[field.name], lang, gettext) if field.name in place else ""
                for place in data.get("locations") or []
            ]
        )
    return "; ".join(
        fields.fact_text(field, owner[field.name], lang, gettext)
        for owner in data.get("services") or []
        if field.name in owner
    )


def regions_cell(org: Organization, taxonomy: Taxonomy, lang: str) -> str:
    """The regions of an organization, and the whole territory when it serves all of it: one
    of the whole province had an empty cell where its page says "Tout le Québec"."""
    names = [text(taxonomy.territories[slug].name, lang)[0] for slug in org.regions]
    if taxonomy.whole.slug in (org.data.get("service_area") or []):
        names.append(text(taxonomy.whole.name, lang)[0])
    return "; ".join(names)


def organization_row(org: Organization, lang: str, taxonomy: Taxonomy, page_url: str, wording: Wording) -> list[str]:
    """One organization as the columns of headers(). An organization of several places has each
    one's address, town, postal code and hours in those columns, in the same order (per_place):
    with the first place's only, a list lost 611 of 1,937 organizations' other places, one of them
    open day and night."""
    data = org.data
    name = lambda value: text(value, lang)[0]  # noqa: E731
    numbering = taxonomy.conventions.phones
    kinds: dict[str, list[str]] = {}
    for phone in every_phone(data):
        kind = phone.get("type") or "voice"
        kinds.setdefault("voice" if kind in CALLED else kind, []).append(numbering.text_of(phone["number"], lang, kind))
    called = kinds.get("voice", [])
    places = data.get("locations") or []
    addresses = [place.get("address") or {} for place in places]
    return [
        org.id,
        name(data["name"]),
        name(taxonomy.categories[org.primary_category].name),
        "; ".join(name(taxonomy.categories[slug].name) for slug in org.categories[1:]),
        called[0] if called else "",
        "; ".join(called[1:]),
        "; ".join(kinds.get("fax", [])),
        "; ".join(kinds.get("tty", [])),
        "; ".join(kinds.get("text", [])),
        data.get("email", ""),
        data.get("website", ""),
        per_place([", ".join(part for part in (a.get("street"), a.get("unit")) if part) for a in addresses]),
        per_place([a.get("city", "") for a in addresses]),
        per_place([a.get("postal_code", "") for a in addresses]),
        regions_cell(org, taxonomy, lang),
        per_place([wording.week(place) for place in places]),
        ", ".join(wording.language(code) for code in data.get("languages", [])),
        wording.gettext(STATUS[org.status]),
        data["last_verified"],
        *(fact_cell(data, field, lang, wording.gettext) for field in fields.columns()),
        page_url,
    ]
