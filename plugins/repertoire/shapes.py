"""Values of a YAML file taken with the type the code needs (the taxonomy, the territory's
conventions, the crisis lines). A contributor may write a list where a slug is expected, a
number where a list is, or null where a pattern is: that is a BadValue at the value's place
in the file, which the loader names by line and field, never a TypeError deep in the code
that uses the value."""

from __future__ import annotations

import re

from .languages import LANGUAGES

_KINDS = {str: "a text", list: "a list", dict: "a mapping", float: "a number", int: "a whole number"}


# A tag as browsers read one: refused in what contributors write as plain text (records,
# crisis lines, statistics, the taxonomy's names), which the pages escape but the downloads
# (CSV, HSDS, PDFs) carry as written.
HTML_TAG = re.compile(r"<(?:[/!?]|[A-Za-z][A-Za-z0-9:-]*(?<!:)(?=[\s/>]|\Z))")
HTML_TAG_MESSAGE = "HTML tags are not allowed: write plain text"


class BadValue(Exception):
    """A value that cannot be used: `at` is its place (keys and list indexes from the root)."""

    def __init__(self, at: tuple, message: str):
        super().__init__(message)
        self.at = tuple(at)
        self.message = message


def describe(value) -> str:
    """What a value is, for a message: 'a list', 'nothing (null)', 'a number (12)'."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true or false)"
    kind = next((name for kind, name in _KINDS.items() if isinstance(value, kind)), "a value")
    return f"{kind} ({value!r:.40})" if isinstance(value, (str, int, float)) else kind


def expect(value, kind: type, at: tuple, what: str = ""):
    """`value` if it is a `kind` (true and false are no numbers); BadValue otherwise."""
    if isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool):
        return value
    raise BadValue(at, f"expected {what or _KINDS[kind]}, found {describe(value)}")


def scalar_text(value, at: tuple, what: str = "a text") -> str:
    """A text, or a number written without quotes (country_code: 1) as its text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return expect(value, str, at, what)


def texts(value, at: tuple) -> list[str]:
    """A list of texts."""
    return [expect(item, str, at + (i,)) for i, item in enumerate(expect(value, list, at, "a list of texts"))]


def bilingual(value, at: tuple) -> dict:
    """A text the same in every language, or one text per language: {lang: text}."""
    if isinstance(value, str):
        return {lang: _plain(value, at) for lang in LANGUAGES}
    expected = "a text or {" + ", ".join(f"{lang}: ..." for lang in LANGUAGES) + "}"
    expect(value, dict, at, expected)
    return {lang: _plain(expect(value.get(lang), str, at + (lang,)), at + (lang,)) for lang in LANGUAGES}


def _plain(text: str, at: tuple) -> str:
    """A text without HTML tags: a category's name "<script>…" went as written into the HSDS
    files, the lists and the PDFs (stop 83's hostile probe)."""
    if HTML_TAG.search(text):
        raise BadValue(at, HTML_TAG_MESSAGE)
    return text


def coordinates(value, at: tuple) -> tuple[float, float]:
    """[latitude, longitude]."""
    expect(value, list, at, "[latitude, longitude]")
    if len(value) != 2:
        raise BadValue(at, f"expected [latitude, longitude], found {len(value)} values")
    place = tuple(expect(number, (int, float), at + (i,), "a number") for i, number in enumerate(value))
    # A latitude of 999 or .nan (YAML's not-a-number) put the town nowhere: "near me" sorted
    # it first or last, and the map's JSON said NaN, which no browser reads.
    for i, (number, (name, bound)) in enumerate(zip(place, (("latitude", 90), ("longitude", 180)))):
        if not -bound <= number <= bound:  # false for NaN too
            raise BadValue(at + (i,), f"expected a {name} from -{bound} to {bound}, found {number!r}")
    return place
