"""A record as the browser needs it in one language: search results and offline pages.

Bilingual texts become the language's text; a text missing in that language stays as
{"fr": text} (or {"en": text}), so that the page marks its language as the static page does. Everything
else is the record as validated (the contract's own field names).
"""

from __future__ import annotations

import re

from .phones import Numbering
from .records import LANGUAGES, Organization, text

_LANGUAGES = frozenset(LANGUAGES)
_CONTAINERS = (dict, list)


def project(value, lang: str):
    """A record value with every bilingual text reduced to one language."""
    # Only containers are walked into: a record is mostly texts and numbers.
    if isinstance(value, dict):
        if value and value.keys() <= _LANGUAGES:  # a bilingual text
            if value.get(lang):
                return value[lang]
            words, actual = text(value, lang)
            return {actual: words}
        return {key: project(item, lang) if isinstance(item, _CONTAINERS) else item for key, item in value.items()}
    if isinstance(value, list):
        return [project(item, lang) if isinstance(item, _CONTAINERS) else item for item in value]
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
    for a closed one, the ids of the active organizations its page points to). Phones come
    written as the page writes them, with their tel: address: the browser formats none."""
    record = {key: project(value, lang) for key, value in org.data.items() if key not in UNSHOWN}
    record["status"] = org.status  # the contract's default made explicit
    record["regions"] = list(org.regions)  # derived from its places: the lists' Regions column
    owners = [record, *(record.get("locations") or []), *(record.get("services") or [])]
    for phone in (phone for owner in owners for phone in owner.get("phones") or []):
        phone.update(_phone(phone["number"], lang, numbering, phone.get("type", "voice")))
    if stale:
        record["stale"] = True
    if alternatives:  # by id: the search files number them (index.py)
        record["alternatives"] = [other.id for other in alternatives]
    return record


# The phones a person calls by voice: not a fax, nor a line for text messages or a TTY, which
# the list of phones shows with their kind.
VOICE_TYPES = ("voice", "hotline")


def every_phone(data: dict) -> list[dict]:
    """A record's phones (validated, or compact), the organization's first, then each place's
    and each service's, a line once (its digits however written, and its kind: a number may
    be a text line and a voice line): the contract lets a record give its numbers only at its
    places or services, and its lists, printed entry and call button had none."""
    found: dict[tuple[str, str], dict] = {}
    for owner in [data, *(data.get("locations") or []), *(data.get("services") or [])]:
        for phone in owner.get("phones") or []:
            digits = "".join(c for c in phone["number"] if c.isdigit())
            found.setdefault((digits, phone.get("type") or "voice"), phone)
    return list(found.values())


def first_call(data: dict) -> dict | None:
    """The first phone of a record (every_phone) a person can call by voice: what the call
    button, a result card and an alternative show (record.js firstCall)."""
    return next((p for p in every_phone(data) if p.get("type", "voice") in VOICE_TYPES), None)


def _phone(number: str, lang: str, numbering: Numbering, kind: str = "voice") -> dict:
    """A stored number of `kind` as the page shows it in `lang`, and what its link calls."""
    return {"number": numbering.text_of(number, lang, kind), "tel": numbering.tel_of(number, kind)}


# What the offline install keeps of the long texts (index.py): a phone that never opened an
# organization's page still reads what it does, and a directory of long descriptions still
# fits the install's budget. The whole text is on the page: online, or saved with "save
# everything". Limits in characters: two or three sentences, one for a service.
INSTALLED_TEXTS = {"organization": 400, "service": 150}
# Where a summary may end: after a sentence's last mark, or at a paragraph's end.
SENTENCE_END = re.compile(r"[.!?…](?=\s)|\n")


def summary(text: str, limit: int) -> str | None:
    """The start of a text longer than `limit` characters, cut after a whole sentence (a
    word, with "…", when its first sentence alone is too long); None when short enough."""
    if len(text) <= limit:
        return None
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    ends = [end for end in ends if text[:end].strip()]
    if ends and ends[-1] >= limit // 3:
        return text[: ends[-1]].rstrip()
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit].strip() else text[: limit - 1]
    return cut.rstrip(" ,;:-–—") + "…"


def _shortened(owner: dict, limit: int) -> dict:
    """An organization or a service with its description cut to a summary, marked as cut."""
    value = owner.get("description")
    if isinstance(value, dict):  # a text missing in the language: {"fr": text}
        actual, whole = next(iter(value.items()))
        cut = summary(whole, limit)
        shorter = {actual: cut} if cut is not None else None
    else:
        cut = summary(value, limit) if isinstance(value, str) else None
        shorter = cut
    return {**owner, "description": shorter, "description_cut": True} if cut is not None else owner


def installed_record(record: dict) -> dict:
    """A compact record as the offline install keeps it: long descriptions cut to a summary."""
    installed = _shortened(record, INSTALLED_TEXTS["organization"])
    if record.get("services"):
        limit = INSTALLED_TEXTS["service"]
        installed = {**installed, "services": [_shortened(service, limit) for service in record["services"]]}
    return installed
