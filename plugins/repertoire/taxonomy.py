"""The directory's fixed vocabularies: categories, and the territory's regions and conventions.

Both come from small YAML files in content/ and are checked when read, so that a
record's slugs can be checked against them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import Conventions, WholeTerritory, read_conventions
from .folding import ascii_words
from .languages import in_every_language as _bilingual
from .yamlfile import TAXONOMY_LIMITS, YAMLFileError, load


class TaxonomyError(Exception):
    """A categories or territories file that the records cannot rely on."""


@dataclass(frozen=True)
class Category:
    slug: str
    name: dict
    description: dict
    keywords: dict


@dataclass(frozen=True)
class Territory:
    """A region, an MRC or a municipality; `region` is the slug of the region it is in."""

    slug: str
    kind: str  # region | mrc | municipality
    name: dict
    region: str
    mrc: str | None = None
    coordinates: tuple | None = None


@dataclass
class Taxonomy:
    categories: dict[str, Category]
    territories: dict[str, Territory]
    regions: list[Territory]
    conventions: Conventions  # extent, postal codes, phones, the whole territory: the `territory:` block
    municipalities_by_name: dict[str, Territory] = field(default_factory=dict)

    @property
    def whole(self) -> WholeTerritory:
        """The whole territory (its slug, "quebec", and names), one place of a service_area."""
        return self.conventions.whole

    def municipality(self, city: str) -> Territory | None:
        """The municipality a free-text city name designates, if the directory knows it."""
        return self.municipalities_by_name.get(fold_name(city))

    def region_of(self, slug: str) -> str | None:
        """The region slug a territory slug belongs to (None for the whole territory)."""
        territory = self.territories.get(slug)
        return territory.region if territory else None

    def members(self, region_slug: str) -> list[Territory]:
        """Municipalities of a region, by name."""
        return sorted(
            (t for t in self.territories.values() if t.kind == "municipality" and t.region == region_slug),
            key=lambda t: fold_name(t.name["fr"]),
        )


@functools.lru_cache(maxsize=1 << 16)  # every name is folded for each list, in each language
def fold_name(name: str) -> str:
    """Compare place names the way people write them: no accents, case, dashes or 'St-'."""
    return re.sub(r"\b(st|ste)\b", lambda m: "saint" if m.group(1) == "st" else "sainte", ascii_words(name))


def load_taxonomy(content_dir: Path) -> Taxonomy:
    """Read content/categories.yaml and content/territories.yaml."""
    content_dir = Path(content_dir)
    categories = _load_categories(content_dir / "categories.yaml")
    path = content_dir / "territories.yaml"
    data = _read(path)
    try:
        conventions = read_conventions(data.get("territory") if isinstance(data, dict) else None)
    except ValueError as exc:
        raise TaxonomyError(f"{path}: {exc}") from None
    territories, regions = _load_territories(path, data, conventions.whole.slug)
    by_name = {}
    for territory in territories.values():
        if territory.kind == "municipality":
            for spelling in {territory.name["fr"], territory.name["en"]}:
                by_name.setdefault(fold_name(spelling), territory)
    return Taxonomy(categories, territories, regions, conventions, by_name)


def _read(path: Path):
    try:
        data, _ = load(path, TAXONOMY_LIMITS)
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: file missing") from None
    except YAMLFileError as exc:
        raise TaxonomyError(f"{path}:{exc.line}: {exc.message}") from None
    return data


def _load_categories(path: Path) -> dict[str, Category]:
    data = _read(path)
    if not isinstance(data, list) or not data:
        raise TaxonomyError(f"{path}: expected a list of categories")
    categories = {}
    for item in data:
        try:
            slug = item["slug"]
            category = Category(
                slug,
                _bilingual(item["name"]),
                _bilingual(item.get("description", "")),
                {lang: list(words) for lang, words in (item.get("keywords") or {}).items()},
            )
        except (KeyError, TypeError):
            raise TaxonomyError(f"{path}: each category needs a slug and a name: {item!r}") from None
        if slug in categories:
            raise TaxonomyError(f"{path}: duplicate category slug '{slug}'")
        categories[slug] = category
    return categories


def _load_territories(path: Path, data, whole: str) -> tuple[dict[str, Territory], list[Territory]]:
    if not isinstance(data, dict) or not isinstance(data.get("regions"), list):
        raise TaxonomyError(f"{path}: expected 'regions:' with a list of regions")
    territories: dict[str, Territory] = {}
    regions = []

    def add(territory: Territory):
        if territory.slug in territories or territory.slug == whole:
            raise TaxonomyError(
                f"{path}: territory slug '{territory.slug}' is used twice (or is the whole "
                "territory's, territory.whole.slug)"
            )
        territories[territory.slug] = territory

    for region in data["regions"]:
        try:
            slug = region["slug"]
            region_t = Territory(
                slug, "region", _bilingual(region["name"]), slug, None, tuple(region.get("coordinates") or ()) or None
            )
            add(region_t)
            regions.append(region_t)
            mrcs = set()
            for mrc in region.get("mrcs") or []:
                add(Territory(mrc["slug"], "mrc", _bilingual(mrc["name"]), slug))
                mrcs.add(mrc["slug"])
            for town in region.get("municipalities") or []:
                if town.get("mrc") and town["mrc"] not in mrcs:
                    raise TaxonomyError(f"{path}: municipality '{town['slug']}' names unknown MRC '{town['mrc']}'")
                add(
                    Territory(
                        town["slug"],
                        "municipality",
                        _bilingual(town["name"]),
                        slug,
                        town.get("mrc"),
                        tuple(town["coordinates"]),
                    )
                )
        except (KeyError, TypeError) as exc:
            raise TaxonomyError(f"{path}: incomplete territory entry ({exc}) in region {region!r:.80}") from None
    return territories, regions
