"""What a printed directory holds and says: the organizations of a territory, by category,
written out in the reader's language as plain data for theme/templates/printed_region.typ.

No Pelican here. theme/static/js/printed.js applies the same rules in the browser for the
directory a counsellor composes (and entry.js writes an entry as entry() does); the build
prints one per region with them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from repertoire.compact import every_phone
from repertoire.fields import short_facts
from repertoire.records import Organization, sorted_by_name, text
from repertoire.taxonomy import Taxonomy
from repertoire.wording import address_line, phone_said

from .fonts import prints_nothing


def _(message: str) -> str:
    """Marks a UI string for the catalogs; translated by Wording.gettext where it is used."""
    return message


# What an entry says beyond the record's own text (as the macro status_badge, and the pages'
# phone kinds: repertoire/wording.PHONE_KINDS).
STATUS = {"temporarily_closed": _("Temporarily closed"), "inactive": _("No longer active")}


@dataclass
class Section:
    slug: str
    name: str
    organizations: list[Organization]


@dataclass(frozen=True)
class Wording:
    """How a printed directory speaks its reader's language."""

    lang: str
    gettext: Callable[[str], str]  # a UI string from the catalog
    ngettext: Callable[[str, str, int], str]  # the same, singular or plural
    date: Callable[[dt.date], str]  # "13 novembre 2026"
    language: Callable[[str], str]  # a language's name: "anglais"
    week: Callable[[dict], str]  # a location's week of hours: "lundi–vendredi : de 9 h à 17 h"
    phone: Callable[[str, str], str]  # a stored phone of a kind, as written: "514 555-0123, poste 12"
    page: Callable[[str], str]  # an organization's absolute address, "" when unknown
    # A location's special hours ahead of the day printed, in short ("24 décembre : fermé"), "" when none
    special: Callable[[dict], str] = lambda location: ""


@dataclass(frozen=True)
class Helpline:
    """The 211 as the last page gives it (HELPLINE_* settings)."""

    label: str
    hours: dict | str | None = None
    languages: tuple[str, ...] = ()
    interpreters: bool = False


def sections(
    organizations: list[Organization],
    taxonomy: Taxonomy,
    lang: str,
    categories: list[str] | None = None,
    by_name=sorted_by_name,
) -> list[Section]:
    """One section per chosen category (all by default), in the taxonomy's order.

    Each organization appears once: under its primary category if chosen, else under the
    first of its categories that is; sections are alphabetical, empty ones left out.
    `by_name`: records.sorted_by_name, or the directory's, which folds each name once for
    every list (its region's and the whole territory's directories, the list pages)."""
    chosen = [slug for slug in taxonomy.categories if not categories or slug in categories]
    members: dict[str, list[Organization]] = {slug: [] for slug in chosen}
    for org in organizations:
        home = next((slug for slug in org.categories if slug in members), None)
        if home:
            members[home].append(org)
    return [
        Section(slug, text(taxonomy.categories[slug].name, lang)[0], by_name(members[slug], lang))
        for slug in chosen
        if members[slug]
    ]


def shown(value, lang: str):
    """Bilingual text for the template: a string, or {text, lang} when shown in another language."""
    words, actual = text(value, lang)
    return words if actual == lang else {"text": words, "lang": actual}


def printed_name(org: Organization, lang: str):
    """An organization's name as a printed entry gives it (`shown`): where no font of the PDFs
    draws it (all in Chinese, or emoji), its name in another language, or its id, which its
    page's address holds: an entry began with its category, no name at all."""
    name = shown(org.data["name"], lang)
    if not prints_nothing(name if isinstance(name, str) else name["text"]):
        return name
    others = org.data["name"].items() if isinstance(org.data["name"], dict) else []
    return next(({"text": other, "lang": code} for code, other in others if not prints_nothing(other)), org.id)


def entry(org: Organization, taxonomy: Taxonomy, wording: Wording, stale: bool = False) -> dict:
    """One organization in short, line by line as entry.js writes it; `stale`: past its review
    date, which the entry says as the organization's page does (call before you go)."""
    data, lang, _ = org.data, wording.lang, wording.gettext
    locations = []
    for location in data.get("locations") or []:
        # Its address (a place online or on wheels: its name, or its hours said nowhere whose
        # they were), its hours in short, and on the same line its facts declared short (repertoire/fields.py).
        facts = "".join(f" · {fact}" for fact in short_facts(location, lang, wording.gettext))
        special = wording.special(location)
        locations.append(
            {
                "address": address_line(location, lang),
                "hours": wording.week(location),
                "facts": facts,
                # Holidays ahead, as its page lists them: a list handed over lasts for weeks.
                "special": [_("Special hours:"), special] if special else [],
            }
        )
    phones = []
    for phone in every_phone(data):
        said = phone_said(phone, lang, _)[0]
        phones.append(wording.phone(phone["number"], phone.get("type") or "voice") + (f" ({said})" if said else ""))
    item = {
        "name": printed_name(org, lang),
        "url": wording.page(org.id),
        "category": text(taxonomy.categories[org.primary_category].name, lang)[0],
        "status": _(STATUS[org.status]) if org.status in STATUS else "",
        "locations": locations,
        "phones": " · ".join(phones),
        "stale": [
            _("Information may be out of date."),
            _("Last confirmed on %(date)s: call before you go.") % {"date": wording.date(org.last_verified)},
        ]
        if stale
        else [],
        "services": [shown(service["name"], lang) for service in data.get("services") or []],
        "web": " · ".join(part for part in (data.get("website"), data.get("email")) if part),
    }
    item["whole"] = printed_lines(item) <= PAGE_LINES
    return item


# An entry is kept whole on its page when it surely fits on one (letter, 10.5 pt: some 44
# lines of 90 characters or more); a longer one, rare, breaks rather than running off a page.
PAGE_LINES, LINE_CHARACTERS = 36, 90


def printed_lines(item: dict) -> int:
    """About how many lines an entry takes on paper (generous: long lines wrap)."""

    def words(value) -> str:
        return value if isinstance(value, str) else value["text"]

    texts = [
        words(item["name"]),
        item["category"] + item["status"],
        item["phones"],
        " ".join(item["stale"]),
        item["web"],
        " ".join(words(service) for service in item["services"]),
    ]
    texts += [
        text
        for place in item["locations"]
        for text in (place["address"], place["hours"] + place["facts"], " ".join(place["special"]))
    ]
    return sum(1 + len(text) // LINE_CHARACTERS for text in texts if text)


def document(
    territory: str,
    found: list[Section],
    taxonomy: Taxonomy,
    wording: Wording,
    as_of: dt.date,
    helpline: Helpline,
    crisis_lines: list,
    entries: dict | None = None,
    stale: Callable[[Organization], bool] = lambda org: False,
) -> dict:
    """Everything one printed directory says, for theme/templates/printed_region.typ: its cover,
    contents, sections of entries and last page (the 211 and the crisis lines).

    `entries`: the entries written already in this wording, by organization id, and where
    this directory's are kept: an organization is in several directories of a language (the
    whole territory's, its regions'), and writing an entry is most of the work. `stale`: whether
    an organization is past its review date."""
    lang, _ = wording.lang, wording.gettext
    if entries is None:
        entries = {}

    def entry_of(org: Organization) -> dict:
        if org.id not in entries:
            entries[org.id] = entry(org, taxonomy, wording, stale(org))
        return entries[org.id]

    count = sum(len(section.organizations) for section in found)
    site, title = _("Répertoire 211"), _("Directory of community resources")
    about = [text(helpline.hours, lang)[0]] if helpline.hours else []
    if helpline.languages:
        about.append(
            ", ".join(wording.language(code) for code in helpline.languages)
            + (" " + _("and other languages through an interpreter") if helpline.interpreters else "")
        )
    return {
        "lang": lang,
        "title": f"{title} · {territory} · {site}",
        # At the foot of every page: a sheet handed over alone says what it is from.
        "running": f"{site} · {territory} · " + _("Data as of %(date)s.") % {"date": wording.date(as_of)},
        "author": site,
        "date": [as_of.year, as_of.month, as_of.day],
        "cover": {
            "site": site,
            "title": title,
            "territory": _("Territory:") + " " + territory,
            "categories": _("Categories:") + " " + _("All categories"),
            "date": _("Data as of %(date)s.") % {"date": wording.date(as_of)}
            + " "
            + wording.ngettext("%(num)d organization", "%(num)d organizations", count) % {"num": count},
            "help": _("Need help finding a resource? Call") + " " + helpline.label,
        },
        "contents": _("Contents"),
        "services": _("Services:"),
        "sections": [
            {
                "slug": section.slug,
                "name": section.name,
                "count": len(section.organizations),
                "entries": [entry_of(org) for org in section.organizations],
            }
            for section in found
        ],
        "help": {
            "title": _("Someone can help you find the right resource"),
            "number": helpline.label,
            "about": about,
            "crisis_title": _("Talk to someone now"),
            "crisis": [
                {"number": line.shown[lang], "name": shown(line.name, lang), "hours": shown(line.hours, lang)}
                for line in crisis_lines
            ],
        },
    }
