"""Sums over the demonstration cubes for a choice of filters (stats-data.js does the same in the browser)."""

from __future__ import annotations

from dataclasses import dataclass

from .tables import AGE_GROUPS, GENDERS, LANGUAGES, StatsData, index

# The caller-profile dimensions, in cube order after (month, territory).
PROFILE_DIMENSIONS = {"language": LANGUAGES, "gender": GENDERS, "age_group": AGE_GROUPS}


@dataclass(frozen=True)
class Filters:
    """What a reader chose; None means everything. `start`/`end` are months, inclusive."""

    territory: str | None = None
    start: str | None = None
    end: str | None = None
    language: str | None = None
    gender: str | None = None
    age_group: str | None = None

    @property
    def profile_filtered(self) -> bool:
        """True when the figures come from the demonstration breakdown rather than the published series."""
        return any((self.territory, self.language, self.gender, self.age_group))


def month_range(data: StatsData, filters: Filters) -> range:
    """The positions of the months inside the chosen period."""
    first = data.months.index(filters.start) if filters.start in data.months else 0
    last = data.months.index(filters.end) if filters.end in data.months else len(data.months) - 1
    return range(first, last + 1)


def _choice(values, chosen) -> list[int]:
    return list(range(len(values))) if chosen is None else [list(values).index(chosen)]


def profile_cells(data: StatsData, filters: Filters):
    """(month, territory, language, gender, age group) positions kept by the filters, with their needs."""
    shape = data.profile_shape
    for m in month_range(data, filters):
        for t in _choice(data.territories, filters.territory):
            for lang in _choice(LANGUAGES, filters.language):
                for g in _choice(GENDERS, filters.gender):
                    for a in _choice(AGE_GROUPS, filters.age_group):
                        yield (m, t, lang, g, a), data.profile[index(shape, (m, t, lang, g, a))]


def needs_per_month(data: StatsData, filters: Filters = Filters()) -> list[tuple[str, int]]:
    """(month, needs) over the period: the published series, or the breakdown's sums when filtered."""
    months = month_range(data, filters)
    if not filters.profile_filtered or not data.has_demo:
        return [(data.months[m], data.needs[m]) for m in months]
    sums = {m: 0 for m in months}
    for (m, *_), value in profile_cells(data, filters):
        sums[m] += value
    return [(data.months[m], sums[m]) for m in months]


def profile_by(data: StatsData, filters: Filters, dimension: str) -> list[tuple[str, int]]:
    """Needs per value of one profile dimension ("territory", "language", "gender", "age_group")."""
    codes = data.territories if dimension == "territory" else PROFILE_DIMENSIONS[dimension]
    position = 1 if dimension == "territory" else 2 + list(PROFILE_DIMENSIONS).index(dimension)
    sums = [0] * len(codes)
    for cell, value in profile_cells(data, filters):
        sums[cell[position]] += value
    return list(zip(codes, sums))


def by_category(data: StatsData, filters: Filters = Filters()) -> list[tuple[str, int, int]]:
    """(category, met, unmet) for the territory and period chosen, most needs first.

    The categories are not broken down by language, gender or age group: those filters do not apply.
    """
    shape = data.category_shape
    met = [0] * len(data.categories)
    unmet = [0] * len(data.categories)
    for m in month_range(data, filters):
        for t in _choice(data.territories, filters.territory):
            for c in range(len(data.categories)):
                met[c] += data.by_category[index(shape, (m, t, c, 0))]
                unmet[c] += data.by_category[index(shape, (m, t, c, 1))]
    rows = [(slug, met[c], unmet[c]) for c, slug in enumerate(data.categories)]
    return sorted(rows, key=lambda row: -(row[1] + row[2]))  # stable: ties keep the cube's order
