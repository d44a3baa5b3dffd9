"""The statistics' CSV files, read and checked without Pelican.

Every problem is reported as `file:row: column: problem` (rows are the file's line
numbers, the header is row 1 unless comment lines come first), and all problems of all
files are gathered before the build stops, as for the records.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from repertoire.problems import FileProblem, ProblemsFound

# The published figures, copied as they are.
NEEDS_FILE = "needs_per_month.csv"
REFERRALS_FILE = "top_referred_organizations.csv"
# The demonstration breakdowns (scripts/generate_demo_stats.py).
CATEGORIES_FILE = "demo_needs_by_category.csv"
PROFILE_FILE = "demo_caller_profile.csv"

# Vocabularies of the caller profile. Labels live in the templates (UI strings).
LANGUAGES = ("fr", "en", "other")
GENDERS = ("women", "men", "other")
AGE_GROUPS = ("0-17", "18-34", "35-54", "55-64", "65+", "unknown")
OUTCOMES = ("met", "unmet")

_MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
_COUNT = re.compile(r"\d+")


# One problem in one statistics file (file:row: column: problem).
StatsError = FileProblem


class StatsInvalid(ProblemsFound):
    """The statistics cannot be published: every problem found, in file and row order."""

    what = "the statistics"


@dataclass
class StatsData:
    """The figures of the statistics pages: published series and demonstration cubes.

    `profile` is a dense cube of needs indexed (month, territory, language, gender,
    age group); `by_category` one indexed (month, territory, category, outcome), with
    outcome 0 for met and 1 for unmet. Both flatten in row-major order (see `index`).
    """

    months: list[str]
    needs: list[int]
    referrals: list[tuple[str, int]]
    territories: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    profile: list[int] = field(default_factory=list)
    by_category: list[int] = field(default_factory=list)
    sources: "Sources | None" = None

    @property
    def profile_shape(self) -> tuple[int, ...]:
        return (len(self.months), len(self.territories), len(LANGUAGES), len(GENDERS), len(AGE_GROUPS))

    @property
    def category_shape(self) -> tuple[int, ...]:
        return (len(self.months), len(self.territories), len(self.categories), len(OUTCOMES))

    @property
    def has_demo(self) -> bool:
        return bool(self.territories)


def index(shape: tuple[int, ...], coordinates: tuple[int, ...]) -> int:
    """The flat position of a cell in a row-major cube."""
    position = 0
    for size, coordinate in zip(shape, coordinates):
        position = position * size + coordinate
    return position


@dataclass(frozen=True)
class Column:
    """An expected column: its name and how to read a cell ("month", "count" or "text")."""

    name: str
    kind: str = "text"
    choices: tuple | None = None


class _Lines:
    """The lines of a file without its comment lines (#), remembering the last line number."""

    def __init__(self, handle):
        self.handle = handle
        self.number = 0

    def __iter__(self):
        for line in self.handle:
            self.number += 1
            if not line.lstrip().startswith("#"):
                yield line


def read_table(path: Path, columns: list[Column]):
    """Rows of a CSV file as (row number, {column: value}) and the problems found.

    Values are converted by kind: months stay "YYYY-MM" strings, counts become ints.
    A row with a problem is left out of the rows.
    """
    label = str(path)
    errors: list[StatsError] = []
    rows: list[tuple[int, dict]] = []
    if not path.is_file():
        return rows, [StatsError(label, 1, "(file)", "file is missing")]
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = _Lines(handle)
        reader = csv.reader(lines)
        header = next(reader, None)
        if header is None:
            return rows, [StatsError(label, max(lines.number, 1), "(header)", "the file has no header row")]
        header_row = lines.number
        header = [name.strip() for name in header]
        positions = {}
        for column in columns:
            if column.name not in header:
                errors.append(StatsError(label, header_row, column.name, "missing column"))
            else:
                positions[column.name] = header.index(column.name)
        expected = {column.name for column in columns}
        for name in header:
            if name not in expected:
                errors.append(
                    StatsError(
                        label,
                        header_row,
                        name or "(empty)",
                        f"unexpected column (expected: {', '.join(c.name for c in columns)})",
                    )
                )
        if errors:
            return rows, errors
        for cells in reader:
            number = lines.number
            if not any(cell.strip() for cell in cells):
                continue  # blank line
            if len(cells) != len(header):
                errors.append(StatsError(label, number, "(row)", f"{len(cells)} cells, the header has {len(header)}"))
                continue
            row, problems = _convert(cells, columns, positions)
            errors.extend(StatsError(label, number, name, problem) for name, problem in problems)
            if not problems:
                rows.append((number, row))
    return rows, errors


def _convert(cells: list[str], columns: list[Column], positions: dict):
    row, problems = {}, []
    for column in columns:
        raw = cells[positions[column.name]].strip()
        if raw == "":
            problems.append((column.name, "empty cell"))
        elif column.kind == "month":
            if not _MONTH.fullmatch(raw):
                problems.append((column.name, f"unknown month {raw!r} (expected YYYY-MM, e.g. 2019-04)"))
            else:
                row[column.name] = raw
        elif column.kind == "count":
            if not _COUNT.fullmatch(raw):
                problems.append((column.name, f"not a count: {raw!r} (expected a whole number, e.g. 1234)"))
            else:
                row[column.name] = int(raw)
        elif column.choices is not None and raw not in column.choices:
            problems.append((column.name, f"unknown value {raw!r} (expected one of: {', '.join(column.choices)})"))
        else:
            row[column.name] = raw
    return row, problems


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def read_needs(path: Path):
    """The published needs per month: consecutive months, each once."""
    rows, errors = read_table(path, [Column("month", "month"), Column("needs_expressed", "count")])
    label = str(path)
    months, needs, seen = [], [], {}
    for number, row in rows:
        month = row["month"]
        if month in seen:
            errors.append(StatsError(label, number, "month", f"{month} already given on row {seen[month]}"))
            continue
        if months and month != next_month(months[-1]):
            expected = next_month(months[-1])
            problem = (
                f"{month} comes before {months[-1]}: sort the rows by month"
                if month < months[-1]
                else f"months must follow each other: {expected} is missing before {month}"
            )
            errors.append(StatsError(label, number, "month", problem))
            continue
        seen[month] = number
        months.append(month)
        needs.append(row["needs_expressed"])
    if not rows and not errors:
        errors.append(StatsError(label, 2, "month", "no months: the file has only its header"))
    return months, needs, errors


def read_referrals(path: Path):
    """The published organizations most often referred, most referred first."""
    rows, errors = read_table(path, [Column("organization"), Column("referrals", "count")])
    label = str(path)
    seen: dict = {}
    referrals = []
    for number, row in rows:
        name = row["organization"]
        if name in seen:
            errors.append(StatsError(label, number, "organization", f"already given on row {seen[name]}"))
            continue
        seen[name] = number
        referrals.append((name, row["referrals"]))
    referrals.sort(key=lambda item: -item[1])  # stable: ties keep the file's order
    return referrals, errors


def load_stats(folder: Path, territories: list[str] | None = None, categories: list[str] | None = None) -> StatsData:
    """Read and check every statistics file of a folder; raise StatsInvalid listing every problem.

    `territories` and `categories` are the slugs the demonstration files may use, in
    display order (the directory's); the demonstration files are optional, but come together.
    """
    folder = Path(folder)
    months, needs, errors = read_needs(folder / NEEDS_FILE)
    referrals, problems = read_referrals(folder / REFERRALS_FILE)
    errors += problems
    data = StatsData(months, needs, referrals)
    demo = [(folder / name).is_file() for name in (CATEGORIES_FILE, PROFILE_FILE)]
    if any(demo) and not errors:  # a missing one of the two is reported as missing
        errors += _read_demo(folder, data, territories, categories)
    if (folder / SOURCES_FILE).is_file():
        data.sources, problems = read_sources(folder / SOURCES_FILE)
        errors += problems
    if errors:
        raise StatsInvalid(errors)
    return data


def _read_demo(folder: Path, data: StatsData, territories, categories) -> list[StatsError]:
    """Fill the demonstration cubes; their totals must equal the published ones."""
    month_index = {month: i for i, month in enumerate(data.months)}
    territory_choices = tuple(territories) if territories is not None else None
    category_choices = tuple(categories) if categories is not None else None
    cat_rows, errors = read_table(
        folder / CATEGORIES_FILE,
        [
            Column("month", "month"),
            Column("territory", choices=territory_choices),
            Column("category", choices=category_choices),
            Column("met", "count"),
            Column("unmet", "count"),
        ],
    )
    profile_rows, problems = read_table(
        folder / PROFILE_FILE,
        [
            Column("month", "month"),
            Column("territory", choices=territory_choices),
            Column("language", choices=LANGUAGES),
            Column("gender", choices=GENDERS),
            Column("age_group", choices=AGE_GROUPS),
            Column("needs", "count"),
        ],
    )
    errors += problems
    cat_file, profile_file = str(folder / CATEGORIES_FILE), str(folder / PROFILE_FILE)
    for name, rows in ((cat_file, cat_rows), (profile_file, profile_rows)):
        for number, row in rows:
            if row["month"] not in month_index:
                errors.append(StatsError(name, number, "month", f"unknown month {row['month']} (not in {NEEDS_FILE})"))
    if errors:
        return errors
    # Dimensions in a stable order: the directory's when known, else alphabetical.
    used_territories = {row["territory"] for _, row in [*cat_rows, *profile_rows]}
    data.territories = [t for t in (territories or sorted(used_territories)) if t in used_territories]
    used_categories = {row["category"] for _, row in cat_rows}
    data.categories = [c for c in (categories or sorted(used_categories)) if c in used_categories]
    t_index = {slug: i for i, slug in enumerate(data.territories)}
    c_index = {slug: i for i, slug in enumerate(data.categories)}
    data.by_category = [0] * _size(data.category_shape)
    data.profile = [0] * _size(data.profile_shape)
    firsts: dict = {}
    seen: dict = {}
    for number, row in cat_rows:
        key = (row["month"], row["territory"], row["category"])
        if key in seen:
            errors.append(
                StatsError(cat_file, number, "category", f"{', '.join(key)} already given on row {seen[key]}")
            )
            continue
        seen[key] = number
        m, t, c = month_index[row["month"]], t_index[row["territory"]], c_index[row["category"]]
        data.by_category[index(data.category_shape, (m, t, c, 0))] = row["met"]
        data.by_category[index(data.category_shape, (m, t, c, 1))] = row["unmet"]
        firsts.setdefault((cat_file, row["month"]), number)
    seen = {}
    for number, row in profile_rows:
        key = (row["month"], row["territory"], row["language"], row["gender"], row["age_group"])
        if key in seen:
            errors.append(
                StatsError(profile_file, number, "age_group", f"{', '.join(key)} already given on row {seen[key]}")
            )
            continue
        seen[key] = number
        cell = (
            month_index[row["month"]],
            t_index[row["territory"]],
            LANGUAGES.index(row["language"]),
            GENDERS.index(row["gender"]),
            AGE_GROUPS.index(row["age_group"]),
        )
        data.profile[index(data.profile_shape, cell)] = row["needs"]
        firsts.setdefault((profile_file, row["month"]), number)
    if errors:
        return errors
    # The breakdowns must add up to the published figures, month by month and territory by territory.
    cat_totals, prof_totals = category_totals(data), profile_totals(data)
    for m, month in enumerate(data.months):
        for name, totals, column in ((cat_file, cat_totals, "met"), (profile_file, prof_totals, "needs")):
            total = sum(totals[m])
            if total != data.needs[m]:
                row = firsts.get((name, month), 2)
                errors.append(
                    StatsError(
                        name, row, column, f"{month} adds up to {total}, but {NEEDS_FILE} publishes {data.needs[m]}"
                    )
                )
        for t, territory in enumerate(data.territories):
            if cat_totals[m][t] != prof_totals[m][t]:
                errors.append(
                    StatsError(
                        profile_file,
                        firsts.get((profile_file, month), 2),
                        "needs",
                        f"{month} in {territory} adds up to {prof_totals[m][t]}, "
                        f"but {CATEGORIES_FILE} has {cat_totals[m][t]}",
                    )
                )
    return errors


def _size(shape: tuple[int, ...]) -> int:
    size = 1
    for n in shape:
        size *= n
    return size


SOURCES_FILE = "sources.yaml"


@dataclass(frozen=True)
class Sources:
    """The citation of the published figures (sources.yaml)."""

    source: dict
    period_start: object
    period_end: object
    referrals_total: int | None = None
    organizations_total: int | None = None


def read_sources(path: Path) -> tuple[Sources | None, list[StatsError]]:
    """The source of the published figures: a bilingual name, the report's period and totals."""
    import datetime as dt

    from repertoire.yamlfile import YAMLFileError, load

    label = str(path)
    if not path.is_file():
        return None, [StatsError(label, 1, "(file)", "file is missing")]
    try:
        data, _ = load(path)  # the records' reader: the same limits for every YAML input
    except YAMLFileError as exc:
        return None, [StatsError(label, exc.line, exc.field or "(file)", f"not readable YAML: {exc.message}")]
    if isinstance(data, dict):  # the reader keeps dates as written (YYYY-MM-DD)
        for key in ("period_start", "period_end"):
            try:
                data[key] = dt.date.fromisoformat(data[key]) if isinstance(data.get(key), str) else data.get(key)
            except ValueError:
                pass  # left as text: refused below as not a date
    if not isinstance(data, dict):
        return None, [StatsError(label, 1, "(file)", "expected a mapping (source, period_start, ...)")]
    errors = []
    source = data.get("source")
    if not (isinstance(source, dict) and all(isinstance(source.get(k), str) and source[k] for k in ("fr", "en"))):
        errors.append(StatsError(label, 1, "source", "expected {fr: ..., en: ...}"))
    for key in ("period_start", "period_end"):
        if not isinstance(data.get(key), dt.date):
            errors.append(StatsError(label, 1, key, "expected a date (YYYY-MM-DD)"))
    for key in ("referrals_total", "organizations_total"):
        if data.get(key) is not None and (not isinstance(data[key], int) or data[key] < 0):
            errors.append(StatsError(label, 1, key, "expected a whole number"))
    if errors:
        return None, errors
    return Sources(
        source, data["period_start"], data["period_end"], data.get("referrals_total"), data.get("organizations_total")
    ), []


def category_totals(data: StatsData) -> list[list[int]]:
    """Needs (met + unmet) per month and territory in the category breakdown."""
    T, C = len(data.territories), len(data.categories)
    return [
        [sum(data.by_category[((m * T + t) * C + c) * 2 + k] for c in range(C) for k in (0, 1)) for t in range(T)]
        for m in range(len(data.months))
    ]


def profile_totals(data: StatsData) -> list[list[int]]:
    """Needs per month and territory in the caller-profile breakdown."""
    T = len(data.territories)
    block = len(LANGUAGES) * len(GENDERS) * len(AGE_GROUPS)
    return [
        [sum(data.profile[(m * T + t) * block : (m * T + t + 1) * block]) for t in range(T)]
        for m in range(len(data.months))
    ]
