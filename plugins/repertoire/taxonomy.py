"""The directory's fixed vocabularies: categories, and the territory's regions and conventions.

Both come from small YAML files in content/ and are checked when read, so that a
record's slugs can be checked against them.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from .conventions import Conventions, WholeTerritory, read_conventions
from .folding import ascii_words
from .ids import is_record_id
from .problems import FileProblem, unknown_fields
from .shapes import BadValue, bilingual, coordinates, expect, texts
from .yamlfile import TAXONOMY_LIMITS, YAMLFileError, dotted, line_of, load


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
    # Other names an address gives it: a former municipality merged into it, a borough
    # ("Chicoutimi" is Saguenay, "Verdun" Montréal).
    also: tuple = ()

    def above(self) -> tuple[str, ...]:
        """The slugs of the MRC and the region it is in (a region is in none)."""
        return tuple(slug for slug in (self.mrc, self.region) if slug and slug != self.slug)


@dataclass(frozen=True)
class Area:
    """What people call a group of places that no region, MRC or municipality is ("Rive-Sud",
    "West Island", "Beauce"): search finds an organization by it. Two areas may share a name
    ("Rive-Sud" of Montréal and of Québec): the name is both."""

    name: dict
    also: tuple  # its other names, as people say them
    territories: frozenset  # slugs of its regions, MRCs and municipalities
    towns: frozenset  # other names an address gives its places (a borough), folded (fold_name)

    def names(self) -> tuple[str, ...]:
        return (*dict.fromkeys(self.name.values()), *self.also)


@dataclass
class Taxonomy:
    categories: dict[str, Category]
    territories: dict[str, Territory]
    regions: list[Territory]
    conventions: Conventions  # extent, postal codes, phones, the whole territory: the `territory:` block
    municipalities_by_name: dict[str, Territory] = field(default_factory=dict)
    areas: list[Area] = field(default_factory=list)

    @property
    def whole(self) -> WholeTerritory:
        """The whole territory (its slug, "quebec", and names), one place of a service_area."""
        return self.conventions.whole

    def municipality(self, city: str) -> Territory | None:
        """The municipality a free-text city name designates, if the directory knows it: by its
        name or another (`also`), or by either part of "Saint-Laurent (Montréal)"."""
        known = self.municipalities_by_name
        found = known.get(fold_name(city))
        # "Saint-Fabien (Québec)" is Canada Post's way of naming the province, not the city.
        province = {fold_name(name) for name in self.conventions.name.values()}
        province.add(fold_name(self.conventions.subdivision))
        if found is None:
            # "Laval, QC", "Montreal QC", "Ville de Québec": as addresses and packages write them.
            bare = _TOWN_TITLE.sub("", fold_name(city))
            words = bare.split()
            if len(words) > 1 and words[-1] in province:
                bare = " ".join(words[:-1])
            found = known.get(bare) if bare else None
        if found is None and "(" in city:
            outside, _, rest = city.partition("(")
            inside = fold_name(rest.split(")", 1)[0])
            found = known.get(fold_name(outside)) or (known.get(inside) if inside not in province else None)
        return found

    def region_of(self, slug: str) -> str | None:
        """The region slug a territory slug belongs to (None for the whole territory)."""
        territory = self.territories.get(slug)
        return territory.region if territory else None

    def areas_of(self, data: dict, municipalities: list[str]) -> list[Area]:
        """The areas an organization is in: by a location's municipality (`municipalities`, its
        slugs) or that municipality's MRC or region, by a place its service area names, or by the
        city an address writes ("Pierrefonds" is Montréal, and of the West Island)."""
        slugs = {*municipalities, *(data.get("service_area") or [])}
        # A municipality's MRC and region: an area may be a region's other name ("Eastern Townships").
        slugs |= {above for slug in slugs if slug in self.territories for above in self.territories[slug].above()}
        cities = {
            fold_name(city) for loc in data.get("locations") or [] if (city := (loc.get("address") or {}).get("city"))
        }
        return [area for area in self.areas if area.territories & slugs or area.towns & cities]

    def region_of_area(self, area: Area) -> str | None:
        """The region an area lies in, None when it spans several or none is known."""
        regions = {self.region_of(slug) for slug in area.territories}
        regions |= {town.region for name in area.towns if (town := self.municipality(name))}
        return regions.pop() if len(regions) == 1 else None

    def members(self, region_slug: str) -> list[Territory]:
        """Municipalities of a region, by name."""
        return sorted(
            (t for t in self.territories.values() if t.kind == "municipality" and t.region == region_slug),
            key=lambda t: fold_name(t.name["fr"]),
        )


# A title before a town's name, in a folded name (fold_name): "ville de", "city of".
_TOWN_TITLE = re.compile(r"^(?:ville|city|town|municipalite|municipality)(?: de| d| of)? (?=\S)")


@functools.lru_cache(maxsize=1 << 16)  # every name is folded for each list, in each language
def fold_name(name: str) -> str:
    """Compare place names the way people write them: no accents, case, dashes or 'St-'."""
    return re.sub(r"\b(st|ste)\b", lambda m: "saint" if m.group(1) == "st" else "sainte", ascii_words(name))


def load_taxonomy(content_dir: Path) -> Taxonomy:
    """Read content/categories.yaml and content/territories.yaml."""
    content_dir = Path(content_dir)
    categories = _load_categories(content_dir / "categories.yaml")
    path = content_dir / "territories.yaml"
    data, lines = _read(path)
    with _named(path, lines):
        try:
            conventions = read_conventions(data.get("territory") if isinstance(data, dict) else None)
        except ValueError as exc:
            raise TaxonomyError(f"{path}:{_line_of_said(lines, str(exc))}: {exc}") from None
        territories, regions = _load_territories(path, data, conventions.whole.slug)
        areas = _load_areas(data.get("areas"), territories)
    by_name = {}
    towns = [territory for territory in territories.values() if territory.kind == "municipality"]
    for territory in towns:
        for spelling in {territory.name["fr"], territory.name["en"]}:
            by_name.setdefault(fold_name(spelling), territory)
    for territory in towns:  # after every municipality's own names, which another name never hides
        for spelling in territory.also:
            by_name.setdefault(fold_name(spelling), territory)
    return Taxonomy(categories, territories, regions, conventions, by_name, areas)


def _known(item: dict, fields: tuple[str, ...], at: tuple) -> None:
    """BadValue for a field this entry does not have: "descripton" was read as nothing, and the
    category's page lost its description without a word. (A territory's official `code` is
    the file's own reference, read by no page.)"""
    for key, message in unknown_fields(item, fields)[:1]:
        raise BadValue(at + (key,), message)


def _slug(value, at: tuple) -> str:
    """A category's or a place's slug: it names pages, folders and files of the site, so it is
    what a record id may be (lowercase ASCII letters, digits, hyphens), never "../x"."""
    slug = expect(value, str, at)
    if not is_record_id(slug):
        shown = slug if len(slug) <= 60 else f"{slug[:60]}... ({len(slug)} characters)"
        raise BadValue(
            at, f"expected a slug of lowercase letters, digits and hyphens (it names pages and files), found {shown!r}"
        )
    return slug


def _read(path: Path) -> tuple[object, dict]:
    try:
        return load(path, TAXONOMY_LIMITS)
    except FileNotFoundError:
        raise TaxonomyError(f"{path}: file missing") from None
    except YAMLFileError as exc:
        raise TaxonomyError(f"{path}:{exc.line}: {exc.message}") from None


def _line_of_said(lines: dict, message: str) -> int:
    """The line of the field a problem of the `territory:` block names ("territory:
    phones.formats[1].display: ..."): it named no line (a helper's probe, stop 77)."""
    said = message.split(": ")
    field = said[1] if len(said) > 2 and said[0] == "territory" else ""
    path = [int(index) if index else name for index, name in re.findall(r"\[(\d+)\]|([^.\[\]\s]+)", field)]
    return line_of(lines, ("territory", *path))


@contextlib.contextmanager
def _named(path: Path, lines: dict):
    """Turn a BadValue of the file into a TaxonomyError that names its line and field."""
    try:
        yield
    except BadValue as exc:
        problem = FileProblem(str(path), line_of(lines, exc.at), dotted(exc.at), exc.message)
        raise TaxonomyError(str(problem)) from None


def _load_categories(path: Path) -> dict[str, Category]:
    data, lines = _read(path)
    if not isinstance(data, list) or not data:
        raise TaxonomyError(f"{path}: expected a list of categories")
    categories = {}
    with _named(path, lines):
        for i, item in enumerate(data):
            at = (i,)
            expect(item, dict, at, "a category (slug, name, description, keywords)")
            _known(item, ("slug", "name", "description", "keywords"), at)
            slug = _slug(item.get("slug"), at + ("slug",))
            keywords = expect(item.get("keywords") or {}, dict, at + ("keywords",), "{fr: [...], en: [...]}")
            category = Category(
                slug,
                bilingual(item.get("name"), at + ("name",)),
                bilingual(item.get("description", ""), at + ("description",)),
                {lang: texts(words, at + ("keywords", lang)) for lang, words in keywords.items()},
            )
            if slug in categories:
                raise BadValue(at + ("slug",), f"duplicate category slug '{slug}'")
            categories[slug] = category
    return categories


def _load_territories(path: Path, data, whole: str) -> tuple[dict[str, Territory], list[Territory]]:
    """The regions, MRCs and municipalities; BadValue names the first entry that cannot be used."""
    expect(data.get("regions") if isinstance(data, dict) else None, list, ("regions",), "a list of regions")
    territories: dict[str, Territory] = {}
    regions = []

    def add(territory: Territory, at: tuple):
        if territory.slug in territories or territory.slug == whole:
            raise BadValue(
                at + ("slug",),
                f"territory slug '{territory.slug}' is used twice (or is the whole territory's, territory.whole.slug)",
            )
        territories[territory.slug] = territory

    def entry(value, at: tuple) -> tuple[str, dict]:
        expect(value, dict, at, "a mapping (slug, name, ...)")
        return _slug(value.get("slug"), at + ("slug",)), bilingual(value.get("name"), at + ("name",))

    for r, region in enumerate(data["regions"]):
        at = ("regions", r)
        slug, name = entry(region, at)
        place = region.get("coordinates")
        region_t = Territory(
            slug, "region", name, slug, None, coordinates(place, at + ("coordinates",)) if place else None
        )
        add(region_t, at)
        regions.append(region_t)
        mrcs = set()
        for m, mrc in enumerate(expect(region.get("mrcs") or [], list, at + ("mrcs",))):
            mrc_slug, mrc_name = entry(mrc, at + ("mrcs", m))
            _known(mrc, ("slug", "code", "name"), at + ("mrcs", m))
            add(Territory(mrc_slug, "mrc", mrc_name, slug), at + ("mrcs", m))
            mrcs.add(mrc_slug)
        for t, town in enumerate(expect(region.get("municipalities") or [], list, at + ("municipalities",))):
            town_at = at + ("municipalities", t)
            town_slug, town_name = entry(town, town_at)
            _known(town, ("slug", "code", "name", "mrc", "coordinates", "also"), town_at)
            mrc = town.get("mrc")
            if mrc is not None and expect(mrc, str, town_at + ("mrc",)) not in mrcs:
                raise BadValue(town_at + ("mrc",), f"municipality '{town_slug}' names unknown MRC '{mrc}'")
            where = coordinates(town.get("coordinates"), town_at + ("coordinates",))
            also = tuple(texts(town.get("also") or [], town_at + ("also",)))
            add(Territory(town_slug, "municipality", town_name, slug, mrc or None, where, also), town_at)
        _known(region, ("slug", "code", "name", "coordinates", "mrcs", "municipalities"), at)
    return territories, regions


def _load_areas(data, territories: dict[str, Territory]) -> list[Area]:
    """The `areas:` of territories.yaml; BadValue names the first entry that cannot be used."""
    areas = []
    for a, item in enumerate(expect(data or [], list, ("areas",), "a list of areas")):
        at = ("areas", a)
        expect(item, dict, at, "a mapping (name, also, territories, towns)")
        _known(item, ("name", "also", "territories", "towns"), at)
        slugs = texts(item.get("territories") or [], at + ("territories",))
        for n, slug in enumerate(slugs):
            if slug not in territories:
                raise BadValue(at + ("territories", n), f"'{slug}' is no region, MRC or municipality of this file")
        towns = frozenset(fold_name(town) for town in texts(item.get("towns") or [], at + ("towns",)))
        if not slugs and not towns:
            raise BadValue(at, "an area needs its places: territories (slugs), towns (names), or both")
        also = tuple(texts(item.get("also") or [], at + ("also",)))
        area = Area(bilingual(item.get("name"), at + ("name",)), also, frozenset(slugs), towns)
        for name in area.names():
            held = _place_held(name, territories)
            if held:
                raise BadValue(
                    at + ("name" if name in area.name.values() else "also",),
                    f"'{name}' holds the name of {held}: search would take the area's organizations for its",
                )
        areas.append(area)
    return areas


def _place_held(name: str, territories: dict[str, Territory]) -> str | None:
    """The region or municipality whose name is words of `name` ("Rive-Sud de Montréal"), if any."""
    words = f" {fold_name(name)} "
    for territory in territories.values():
        if territory.kind != "mrc" and any(f" {fold_name(own)} " in words for own in territory.name.values()):
            return territory.name["fr"]
    return None
