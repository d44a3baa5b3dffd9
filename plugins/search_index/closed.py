"""Organizations no longer active, found by their name only.

Search never ranks them (a closed food bank must not come first for "banque alimentaire"),
but a person told "call Le Quai" or a counsellor checking a name must learn that it closed,
and where its page points instead. The index writes each one's names as words (every
language's name and its other names); a query names one when each word typed is a word of
one of its names (the last one may be cut short, as typed), and they are the whole name or
one of them is in no active organization: "comptoir alimentaire le quai" names "Comptoir
alimentaire Le Quai", "comptoir alimentaire" (any food pantry) does not.
theme/static/js/search-engine.js (closedNamed) reads the same file by this rule.
"""

from __future__ import annotations

from repertoire.records import Organization, text
from repertoire.wording import address_line

from .analysis import LANGUAGES, fold, words

PREFIX_MIN = 3  # letters of a last word typed that may stand for the rest of it


def name_words(name: str, stop_words: frozenset[str]) -> list[str]:
    """A name's words as a query's are compared with them: folded, without stop words, once."""
    return list(dict.fromkeys(w for w in (fold(word) for word in words(name)) if w not in stop_words))


def closed_entries(organizations: list[Organization], lang: str, stop_words: frozenset[str]) -> list[list]:
    """[id, name in `lang`, [words of each of its names]] of each organization no longer active.
    A name an open organization has too is said with where the closed one was (`told_apart`)."""
    open_named: dict[tuple, list[Organization]] = {}  # (language, name's words) -> the open ones so named
    for org in organizations:
        if org.status != "inactive":
            for key in _name_keys(org, stop_words):
                open_named.setdefault(key, []).append(org)
    entries = []
    for org in organizations:
        if org.status != "inactive":
            continue
        data = org.data
        name = text(data.get("name"), lang)[0]
        names = [text(data.get("name"), code)[0] for code in (lang, *LANGUAGES)]
        names += [text(other, lang)[0] for other in data.get("alternate_names") or []]
        variants = list(dict.fromkeys(tuple(name_words(name, stop_words)) for name in names))
        namesakes = list({id(o): o for key in _name_keys(org, stop_words) for o in open_named.get(key, [])}.values())
        entries.append([org.id, told_apart(name, org, namesakes, lang), [list(v) for v in variants if v]])
    return entries


def _name_keys(org: Organization, stop_words: frozenset[str]) -> set[tuple]:
    """(language, words) of each name an organization has: a closed one's English name is
    compared with the open ones' English names, its French name with their French names."""
    name = org.data.get("name")
    said = {code: text(name, code) for code in LANGUAGES}
    return {(code, tuple(name_words(value, stop_words))) for code, (value, really) in said.items() if really == code}


def told_apart(name: str, org: Organization, namesakes: list[Organization], lang: str) -> str:
    """A closed organization's name as the search says it closed: with its town when an open
    one has the same name ("Refuge du Quartier (Laval)": the open one is listed just below,
    and a counsellor read that it had closed), its address when one is in the same town."""
    if not namesakes:
        return name
    where = _first_place(org)
    if where is None:
        return name
    if any((_first_place(other) or {}).get("city") == where.get("city") for other in namesakes):
        return f"{name} ({address_line({'address': where}, lang)})"
    return f"{name} ({where['city']})" if where.get("city") else name


def _first_place(org: Organization) -> dict | None:
    for location in org.data.get("locations") or []:
        if location.get("address"):
            return location["address"]
    return None


def names_it(typed: list[str], name: list[str], missing: set[str]) -> bool:
    """Whether a query's words (folded, without stop words) name an organization by one of
    its names' words; `missing`: those of them no active organization has. The last word may
    be cut short ("Tournes" being typed) after words typed whole, or alone when no active
    organization has it: "CAVAC", the name of open ones, is not the start of "CAVACLP"."""
    if not typed or (len(set(typed)) < len(name) and not missing.intersection(typed)):
        return False
    *whole, last = typed
    return all(word in name for word in whole) and (
        last in name
        or (
            (bool(whole) or last in missing) and len(last) >= PREFIX_MIN and any(word.startswith(last) for word in name)
        )
    )


def closed_named(
    query: str, entries: list[list], stop_words: frozenset[str], missing: list[str] = ()
) -> list[tuple[str, str]]:
    """(id, name) of the organizations no longer active that a query names; `missing`: the
    words of the query that no active organization has."""
    typed = [w for w in (fold(word) for word in words(query)) if w not in stop_words]
    absent = {fold(word) for word in missing}
    return [(org_id, name) for org_id, name, variants in entries if any(names_it(typed, v, absent) for v in variants)]
