"""The territory's own conventions: its extent, how its postal codes and phones are written,
what the whole territory is called, and the locale each language writes dates in.

They come from the `territory:` block of content/territories.yaml, never from the code, so
that another 211 (or a test) publishes its own territory. The build, scripts/validate and
the HSDS import all get them with the taxonomy (taxonomy.conventions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ids import is_record_id
from .languages import LANGUAGES, in_every_language
from .phones import Numbering, Phone

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


@dataclass(frozen=True)
class PostalCode:
    """A postal code format: what is accepted, and how it is written back."""

    pattern: re.Pattern  # its groups are the display's {1}, {2}...
    display: str
    example: str

    def normalized(self, written: str) -> str | None:
        """The code in its display form ("h2x1y4" -> "H2X 1Y4"); None if it has not the form."""
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

    def locale(self, lang: str) -> str:
        """The Babel locale of a site language (the language alone when the file names none)."""
        return self.locales.get(lang, lang)


def read_conventions(block) -> Conventions:
    """The `territory:` block of territories.yaml -> Conventions; ValueError says what is wrong."""
    if not isinstance(block, dict):
        raise ValueError(
            "expected a 'territory:' block (name, country, extent, postal_code, phones, whole): "
            "see the comments of the project's content/territories.yaml"
        )
    get = lambda dotted, default=_REQUIRED: _field(block, dotted, default)  # noqa: E731
    try:
        conventions = Conventions(
            name=_bilingual(get("name")),
            country=str(get("country")),
            subdivision=str(get("subdivision", "")),
            extent=Extent(*(float(get(f"extent.{side}")) for side in ("south", "west", "north", "east"))),
            postal_code=PostalCode(
                _regex(get("postal_code.pattern"), "postal_code.pattern"),
                str(get("postal_code.display")),
                str(get("postal_code.example")),
            ),
            phones=Numbering(
                country_code=str(get("phones.country_code")),
                trunk_prefix=str(get("phones.trunk_prefix", "")),
                national=_regex(get("phones.national_number"), "phones.national_number"),
                short_codes=_regex(get("phones.short_codes", None), "phones.short_codes"),
                formats=tuple(
                    (_regex(f["pattern"], "phones.formats.pattern"), _bilingual(f["display"]))
                    for f in get("phones.formats")
                ),
                extension=_bilingual(get("phones.extension")),
                examples=tuple(str(e) for e in get("phones.examples")),
                fictitious=_regex(get("phones.fictitious", None), "phones.fictitious"),
            ),
            whole=WholeTerritory(
                _slug(get("whole.slug")), _bilingual(get("whole.name")), _words(get("whole.words", []))
            ),
            locales=_locales(get("locales", {})),
        )
    except KeyError:
        raise ValueError("territory: phones.formats: each needs a pattern and a display") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"territory: {exc}") from None
    _check_examples(conventions)
    return conventions


def _check_examples(conventions: Conventions) -> None:
    """The examples must be read and written back by the file's own patterns and displays."""
    postal, phones = conventions.postal_code, conventions.phones
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
                phones.display(Phone(phone.digits, "1", phone.short), lang)
    except (IndexError, KeyError) as exc:
        raise ValueError(
            f"territory: a display uses a group its pattern has not, or a name other than "
            f"{{number}} and {{extension}} ({exc})"
        ) from None


_REQUIRED = object()


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


def _regex(value, where: str) -> re.Pattern | None:
    """A pattern of the file, compiled (None for an optional one left out)."""
    if value is None:
        return None
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise ValueError(f"{where}: not a regular expression ({exc})") from None


def _slug(value) -> str:
    if not is_record_id(value):
        raise ValueError(f"whole.slug: expected lowercase letters, digits and hyphens, found {value!r}")
    return value


def _words(value) -> tuple:
    if not isinstance(value, list):
        raise ValueError(f"whole.words: expected a list of names, found {value!r}")
    return tuple(str(word) for word in value)


def _locales(value) -> dict:
    if not isinstance(value, dict) or not all(isinstance(v, str) and _LOCALE.fullmatch(v) for v in value.values()):
        raise ValueError(f"locales: expected {{fr: fr_CA, en: en_CA}} (a Babel locale per language), found {value!r}")
    return dict(value)


def _bilingual(value) -> dict:
    if isinstance(value, str) or (isinstance(value, dict) and isinstance(value.get(LANGUAGES[0]), str)):
        return {lang: str(text) for lang, text in in_every_language(value).items()}
    raise ValueError(f"expected a text or {{fr: ..., en: ...}}, found {value!r}")
