"""The territory's own conventions: its extent, how its postal codes and phones are written,
what the whole territory is called, and the locale each language writes dates in.

They come from the `territory:` block of content/territories.yaml, never from the code, so
that another 211 (or a test) publishes its own territory. The build, scripts/validate and
the HSDS import all get them with the taxonomy (taxonomy.conventions).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from re import _constants as sre_constants  # the parsed form of a pattern: sre_parse's, not deprecated
from re import _parser as sre_parse
from string import Formatter

from babel import Locale, UnknownLocaleError

from .ids import is_record_id
from .phones import Numbering, Phone
from .shapes import bilingual, expect, scalar_text, texts

# A Babel locale: a language code, and a country's (fr_CA, en_GB).
_LOCALE = re.compile(r"[a-z]{2,3}(_[A-Z]{2})?")


@dataclass(frozen=True)
class Extent:
    """A bounding box in WGS84 degrees."""

    south: float
    west: float
    north: float
    east: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east

    def __str__(self) -> str:
        return f"latitude {self.south} to {self.north}, longitude {self.west} to {self.east}"


MAX_POSTAL = 20


@dataclass(frozen=True)
class PostalCode:
    """A postal code format: what is accepted, and how it is written back."""

    pattern: re.Pattern  # its groups are the display's {1}, {2}...
    display: str
    example: str

    def normalized(self, written: str) -> str | None:
        """The code in its display form ("h2x1y4" -> "H2X 1Y4"); None if it has not the form
        (nor over MAX_POSTAL characters: the longest postal codes have ten)."""
        if len(written) > MAX_POSTAL:
            return None
        match = self.pattern.fullmatch(" ".join(written.upper().split()))
        return self.display.format(match.group(0), *match.groups()) if match else None


@dataclass(frozen=True)
class WholeTerritory:
    """The whole territory as one place of a record's service_area."""

    slug: str  # what records write ("quebec"); no region, MRC or municipality takes it
    name: dict  # {fr, en}: how pages, lists and printed directories name it
    words: tuple = ()  # other names an imported package may give it ("province de Québec")


@dataclass(frozen=True)
class Conventions:
    name: dict  # {fr, en}: the territory as messages name it
    country: str  # ISO 3166-1 alpha-2 (open data's addresses)
    subdivision: str  # the state or province code of open data's addresses ("" if none)
    extent: Extent
    postal_code: PostalCode
    phones: Numbering
    whole: WholeTerritory
    locales: dict  # {lang: Babel locale}: dates, day and language names
    # Public holidays, "YYYY-MM-DD": a place not open every day that declares no special hours
    # for one on a day it opens is not said open nor closed that day (repertoire/hours.py)
    holidays: tuple = ()

    def locale(self, lang: str) -> str:
        """The Babel locale of a site language (the language alone when the file names none)."""
        return self.locales.get(lang, lang)


def read_conventions(block, at: tuple = ("territory",)) -> Conventions:
    """The `territory:` block of territories.yaml (at `at` in the file) -> Conventions;
    ValueError says what is wrong, shapes.BadValue where a value of the wrong type is."""
    if not isinstance(block, dict):
        raise ValueError(
            "expected a 'territory:' block (name, country, extent, postal_code, phones, whole): "
            "see the comments of the project's content/territories.yaml"
        )

    def get(dotted, default=_REQUIRED):
        return _field(block, dotted, default)

    def place(dotted) -> tuple:
        return at + tuple(dotted.split("."))

    def text(dotted, default=_REQUIRED) -> str:
        return scalar_text(get(dotted, default), place(dotted))

    def pattern(dotted, default=_REQUIRED) -> re.Pattern | None:
        value = get(dotted, default)
        return None if value is None else _regex(scalar_text(value, place(dotted), "a pattern"), dotted)

    def number(dotted) -> float:
        value = float(expect(get(dotted), (int, float), place(dotted), "a number"))
        if not math.isfinite(value):  # .nan: every record was refused as outside "latitude nan to ..."
            raise ValueError(f"{dotted}: {value} is not a number")
        return value

    def code(dotted, shape: re.Pattern, said: str, default=_REQUIRED) -> str:
        """An ISO code: open data's addresses write it as it is (HTML was published there)."""
        value = text(dotted, default)
        if not shape.fullmatch(value):
            raise ValueError(f"{dotted}: {value[:40]!r} is not {said}")
        return value

    def texts_of(dotted) -> dict:
        return bilingual(get(dotted), place(dotted))

    try:
        formats = expect(get("phones.formats"), list, place("phones.formats"), "a list of {pattern, display}")
        conventions = Conventions(
            name=texts_of("name"),
            country=code("country", _COUNTRY, "an ISO 3166-1 code of two capital letters (CA)"),
            subdivision=code("subdivision", _SUBDIVISION, "an ISO 3166-2 subdivision code (QC), or none", ""),
            extent=_extent(*(number(f"extent.{side}") for side in ("south", "west", "north", "east"))),
            postal_code=PostalCode(
                pattern("postal_code.pattern"), text("postal_code.display"), text("postal_code.example")
            ),
            phones=Numbering(
                country_code=text("phones.country_code"),
                trunk_prefix=text("phones.trunk_prefix", ""),
                national=pattern("phones.national_number"),
                short_codes=pattern("phones.short_codes", None),
                formats=tuple(_format(f, place("phones.formats") + (i,)) for i, f in enumerate(formats)),
                extension=texts_of("phones.extension"),
                examples=tuple(texts(get("phones.examples"), place("phones.examples"))),
                fictitious=pattern("phones.fictitious", None),
                text_short_codes=pattern("phones.text_short_codes", None),
                option=texts_of("phones.option") if get("phones.option", None) is not None else {},
            ),
            whole=WholeTerritory(_slug(get("whole.slug")), texts_of("whole.name"), _words(get("whole.words", []))),
            locales=_locales(get("locales", {})),
            holidays=_holidays(get("holidays", [])),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"territory: {exc}") from None
    _check_examples(conventions)
    return conventions


def _check_examples(conventions: Conventions) -> None:
    """The examples must be read and written back by the file's own patterns and displays."""
    postal, phones = conventions.postal_code, conventions.phones
    _placeholders_only(postal.display, "postal_code.display", postal.pattern.groups)
    for pattern, display in phones.formats:
        for template in display.values():
            _placeholders_only(template, "phones.formats.display", pattern.groups)
    for template in phones.extension.values():
        _placeholders_only(template, "phones.extension", names=("number", "extension"))
    for template in phones.option.values():
        _placeholders_only(template, "phones.option", names=("number", "option"))
    try:
        if postal.normalized(postal.example) != postal.example:
            raise ValueError(
                f"territory: postal_code.example {postal.example!r} does not match postal_code.pattern "
                "in its display form"
            )
        for example in phones.examples:
            phone = phones.parse(example)
            if phone is None:
                raise ValueError(f"territory: phones.examples: {example!r} is not a number of this numbering plan")
            for lang in phones.extension:
                phones.display(Phone(phone.digits, "1", phone.short, "2" if phones.option else None), lang)
    except (IndexError, KeyError) as exc:
        raise ValueError(
            f"territory: a display uses a group its pattern has not, or a name other than "
            f"{{number}}, {{extension}} and {{option}} ({exc})"
        ) from None


_REQUIRED = object()
_COUNTRY = re.compile("[A-Z]{2}")
_SUBDIVISION = re.compile("(?:[A-Z0-9]{1,3})?")


def _extent(south: float, west: float, north: float, east: float) -> Extent:
    if not (-90 <= south < north <= 90 and -180 <= west < east <= 180):
        raise ValueError(
            f"extent: south {south} to north {north}, west {west} to east {east}: latitudes from -90 to 90"
            " and longitudes from -180 to 180, each side's first the smaller"
        )
    return Extent(south, west, north, east)


def _placeholders_only(template: str, where: str, groups: int = 0, names: tuple = ()) -> None:
    """A display writes its pattern's groups as they are ("{1} {2}-{3}", {0} the whole match),
    or the extension's names ("{number}, poste {extension}"). A width or a format
    ("{3:>20000000}") made one number take gigabytes; a group the pattern has not, an error
    when the first number so written was shown."""
    try:
        fields = [
            (name, spec, conversion) for _, name, spec, conversion in Formatter().parse(template) if name is not None
        ]
    except ValueError as exc:
        raise ValueError(f"territory: {where}: {template!r} is not a display ({exc})") from None
    for name, spec, conversion in fields:
        known = name in names or (name.isascii() and name.isdecimal() and int(name) <= groups)
        if spec or conversion or not known:
            allowed = ", ".join(f"{{{n}}}" for n in names) if names else f"{{1}} to {{{groups}}}"
            raise ValueError(f"territory: {where}: {template[:60]!r}: only {allowed}, without width or format")


def _field(block: dict, dotted: str, default=_REQUIRED):
    """block["a"]["b"] for "a.b"; ValueError names the missing field."""
    value = block
    for key in dotted.split("."):
        value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            if default is _REQUIRED:
                raise ValueError(f"missing {dotted!r}")
            return default
    return value


def _format(value, at: tuple) -> tuple[re.Pattern, dict]:
    """One of phones.formats: {pattern, display}."""
    expect(value, dict, at, "{pattern: ..., display: ...}")
    return (
        _regex(scalar_text(value.get("pattern"), at + ("pattern",), "a pattern"), "phones.formats.pattern"),
        bilingual(value.get("display"), at + ("display",)),
    )


def _regex(value: str, where: str) -> re.Pattern:
    """A pattern of the file, compiled; refused when a failed match may take minutes on one
    value (`_backtracking`)."""
    try:
        compiled = re.compile(value)
        problem = _backtracking(sre_parse.parse(value))
    except re.error as exc:
        raise ValueError(f"{where}: not a regular expression ({exc})") from None
    if problem:
        raise ValueError(f"{where}: {value!r} {problem}")
    return compiled


VARYING_PARTS, VARYING_MANY = 4, 2  # parts of a pattern repeated a varying number of times; more than once
_ONE_CHARACTER = (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None))
_ATOMIC_GROUP = getattr(sre_constants, "ATOMIC_GROUP", None)
# What holds no part of its own: a part the walk below does not know is refused, not passed over
# (an atomic group "(?>...)" and a conditional "(?(1)...)" hid a nested repeat from it: a
# 20-character postal code took minutes to refuse, a build never ended; a helper's probe).
_SIMPLE = (
    *_ONE_CHARACTER,
    sre_constants.AT,
    sre_constants.GROUPREF,
    sre_constants.CATEGORY,
    sre_constants.RANGE,
    sre_constants.NEGATE,
)


def _backtracking(parsed) -> str | None:
    """What in a pattern makes a failed match try ways to split a value that grow
    exponentially with its length, or None:
    - a part repeated a varying number of times inside another repeated part
      ("(?:(?:[0-9]+)+)+": 9 s each 11-digit number, a build of the demonstration 275 s;
      "[0-9]{3}" repeated is one way only);
    - a group repeated a varying number of times: "((?:[A-Z0-9]|[A-Z0-9])*)" passed the check
      above, and a 20-character postal code took 184 s to refuse (one record may have 200
      locations);
    - too many varying parts in a row: "[0-9]*[0-9]*[0-9]*..." grows as the length to the
      power of their number; a part repeated a fixed number of times counts as many times:
      "(?:(?:[0-9]?){2}){14}" is 28 of them in a row (a helper's probe: it passed, and a build
      never ended);
    - a choice between alternatives inside a repeated part: "(?:[0-9]|[0-9]|...){10}" tries
      each alternative at each place, and a number it refuses took 44 s to check (stop 82's
      probe; a character class says the same: "[0-9]{10}")."""
    nested = group = choice = False
    varying = many = 0
    # A part; whether it is inside a part repeated more than once; how many times it is written
    # out (the fixed repeats around it).
    parts = [(parsed, False, 1)]
    while parts:
        part, inside, times = parts.pop()
        for op, argument in part:
            if op in _REPEATS:
                low, high, sub = argument
                more = high is sre_constants.MAXREPEAT or high > 1
                if low != high:
                    varying += times
                    many += more * times
                    nested = nested or (more and inside)
                    group = group or (more and not (len(sub) == 1 and sub[0][0] in _ONE_CHARACTER))
                    parts.append((sub, inside or more, times))
                else:
                    parts.append((sub, inside or more, times * max(low, 1)))
            elif op is sre_constants.SUBPATTERN:
                parts.append((argument[-1], inside, times))
            elif op is sre_constants.BRANCH:
                choice = choice or inside or times > 1
                parts.extend((branch, inside, times) for branch in argument[1])
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                parts.append((argument[1], inside, times))
            elif op is _ATOMIC_GROUP:
                parts.append((argument, inside, times))
            elif op is sre_constants.GROUPREF_EXISTS:  # (?(1)yes|no): a choice
                choice = choice or inside or times > 1
                parts.extend((branch, inside, times) for branch in argument[1:] if branch is not None)
            elif op not in _SIMPLE:
                return "has a construct the check does not read: write it with groups, classes and repeats"
    if nested:
        return "repeats a part that repeats itself: write it without the inner + or *"
    if group:
        return "repeats a group a varying number of times: repeat single characters ([A-Z0-9]*)"
    if choice:
        return "repeats a choice between alternatives (a|b): write one character class ([ab]) or each part once"
    if varying > VARYING_PARTS or many > VARYING_MANY:
        return (
            f"has {varying} parts repeated a varying number of times ({many} more than once): at most "
            f"{VARYING_PARTS} ({VARYING_MANY} more than once), or a value may take minutes to refuse"
        )
    return None


def _slug(value) -> str:
    if not is_record_id(value):
        raise ValueError(f"whole.slug: expected lowercase letters, digits and hyphens, found {value!r}")
    return value


def _words(value) -> tuple:
    if not isinstance(value, list):
        raise ValueError(f"whole.words: expected a list of names, found {value!r}")
    return tuple(str(word) for word in value)


def _holidays(value) -> tuple:
    """The public holidays' dates, as YAML reads them (2026-12-25 unquoted is a date)."""
    if not isinstance(value, list):
        raise ValueError(f"holidays: expected a list of dates (YYYY-MM-DD), found {value!r}")
    dates = set()
    for number, day in enumerate(value):
        try:
            dates.add(day.isoformat() if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)).isoformat())
        except ValueError:
            raise ValueError(f"holidays[{number}]: {day!r} is not a date written YYYY-MM-DD (2026-12-25)") from None
    return tuple(sorted(dates))


def _locales(value) -> dict:
    if not isinstance(value, dict) or not all(isinstance(v, str) and _LOCALE.fullmatch(v) for v in value.values()):
        raise ValueError(f"locales: expected {{fr: fr_CA, en: en_CA}} (a Babel locale per language), found {value!r}")
    for lang, locale in value.items():
        try:  # "xx_YY" has the shape of one: the pages' dates stopped the build with a traceback
            Locale.parse(locale)
        except (UnknownLocaleError, ValueError):
            raise ValueError(f"locales.{lang}: {locale!r} is no locale Babel knows (fr_CA, en_CA...)") from None
    return dict(value)
