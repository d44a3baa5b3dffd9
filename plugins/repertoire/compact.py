"""A record as the browser needs it in one language: search results and offline pages.

Bilingual texts become the language's text; a text missing in that language stays as
{"fr": text} (or {"en": text}), so that the page marks its language as the static page does. Everything
else is the record as validated (the contract's own field names).
"""

from __future__ import annotations

from .phones import Numbering
from .records import LANGUAGES, Organization, text


def _bilingual(value) -> bool:
    return isinstance(value, dict) and value.keys() <= set(LANGUAGES) and bool(value)


def project(value, lang: str):
    """A record value with every bilingual text reduced to one language."""
    if _bilingual(value):
        if value.get(lang):
            return value[lang]
        words, actual = text(value, lang)
        return {actual: words}
    if isinstance(value, dict):
        return {key: project(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [project(item, lang) for item in value]
    return value


# Not shown on a page (search has its own index of them): left out of the phone's copy.
UNSHOWN = ("keywords",)


def compact_record(
    org: Organization,
    lang: str,
    numbering: Numbering,
    stale: bool = False,
    alternatives: list[Organization] | None = None,
) -> dict:
    """The record in one language as pages show it, with what the build derives (stale, and
    for one no longer active, the active organizations its page points to). Phones come
    written as the page writes them, with their tel: address: the browser formats none."""
    record = {key: project(value, lang) for key, value in org.data.items() if key not in UNSHOWN}
    record["status"] = org.status  # the contract's default made explicit
    record["regions"] = list(org.regions)  # derived from its places: the lists' Regions column
    owners = [record, *(record.get("locations") or []), *(record.get("services") or [])]
    for phone in (phone for owner in owners for phone in owner.get("phones") or []):
        phone.update(_phone(phone["number"], lang, numbering))
    if stale:
        record["stale"] = True
    if alternatives:
        record["alternatives"] = [
            {
                "id": other.id,
                "name": project(other.data["name"], lang),
                **(_phone(phone["number"], lang, numbering) if (phone := first_call(other.data.get("phones"))) else {}),
            }
            for other in alternatives
        ]
    return record


def first_call(phones: list | None) -> dict | None:
    """The first phone a person can call (a fax is not one): what a result card and an
    alternative show."""
    return next((p for p in phones or [] if p.get("type") != "fax"), None)


def _phone(number: str, lang: str, numbering: Numbering) -> dict:
    """A stored number as the page shows it in `lang`, and what its link calls."""
    return {"number": numbering.text_of(number, lang), "tel": numbering.tel_of(number)}
