"""The territory's own conventions: its extent, how its postal codes and phones are written.

They come from the `territory:` block of content/territories.yaml, never from the code, so
that another 211 (or a test) publishes its own territory. The build, scripts/validate and
the HSDS import all get them with the taxonomy (taxonomy.conventions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .phones import Numbering


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
class Conventions:
    name: dict            # {fr, en}: the territory as messages name it
    country: str          # ISO 3166-1 alpha-2 (open data's addresses)
    subdivision: str      # the state or province code of open data's addresses ("" if none)
    extent: Extent
    postal_code: PostalCode
    phones: Numbering


def read_conventions(block) -> Conventions:
    """The `territory:` block of territories.yaml -> Conventions; ValueError says what is wrong."""
    if not isinstance(block, dict):
        raise ValueError("expected a 'territory:' block (name, country, extent, postal_code, phones): "
                         "see the comments of the project's content/territories.yaml")
    try:
        extent = block["extent"]
        postal, phones = block["postal_code"], block["phones"]
        conventions = Conventions(
            name=_bilingual(block["name"]),
            country=str(block["country"]),
            subdivision=str(block.get("subdivision") or ""),
            extent=Extent(*(float(extent[side]) for side in ("south", "west", "north", "east"))),
            postal_code=PostalCode(_regex(postal["pattern"], "postal_code.pattern"), str(postal["display"]),
                                   str(postal["example"])),
            phones=Numbering(
                country_code=str(phones["country_code"]),
                trunk_prefix=str(phones.get("trunk_prefix") or ""),
                national=_regex(phones["national_number"], "phones.national_number"),
                short_codes=_regex(phones["short_codes"], "phones.short_codes") if phones.get("short_codes") else None,
                formats=tuple((_regex(f["pattern"], "phones.formats.pattern"), _bilingual(f["display"]))
                              for f in phones["formats"]),
                extension=_bilingual(phones["extension"]),
                examples=tuple(str(e) for e in phones.get("examples") or ()),
                fictitious=_regex(phones["fictitious"], "phones.fictitious") if phones.get("fictitious") else None,
            ),
        )
    except KeyError as exc:
        raise ValueError(f"territory: missing {exc.args[0]!r}") from None
    except (TypeError, ValueError, AttributeError) as exc:
        raise ValueError(f"territory: {exc}") from None
    postal = conventions.postal_code
    if postal.normalized(postal.example) != postal.example:
        raise ValueError(f"territory: postal_code.example {conventions.postal_code.example!r} "
                         "does not match postal_code.pattern")
    for example in conventions.phones.examples:
        if conventions.phones.parse(example) is None:
            raise ValueError(f"territory: phones.examples: {example!r} is not a number of this numbering plan")
    return conventions


def _regex(value, where: str) -> re.Pattern:
    try:
        return re.compile(str(value))
    except re.error as exc:
        raise ValueError(f"{where}: not a regular expression ({exc})") from None


def _bilingual(value) -> dict:
    if isinstance(value, str):
        return {"fr": value, "en": value}
    if isinstance(value, dict) and isinstance(value.get("fr"), str):
        return {lang: str(text) for lang, text in value.items()}
    raise ValueError(f"expected a text or {{fr: ..., en: ...}}, found {value!r}")
