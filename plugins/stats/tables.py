"""The statistics' CSV files, read and checked without Pelican.

Every problem is reported as `file:row: column: problem` (rows are the file's line
numbers, the header is row 1 unless comment lines come first), and all problems of all
files are gathered before the build stops, as for the records. The files come from pull
requests: each is a plain file of its folder of bounded size, and a message shows a cell
as a short escaped excerpt, never the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from repertoire.problems import FileProblem, ProblemsFound, unknown_fields
from repertoire.records import HTML_TAG, HTML_TAG_MESSAGE
from repertoire.untrusted import NOT_IN_RECORDS
from repertoire.yamlfile import RECORD_LIMITS, YAMLFileError, loads, read_bytes, read_text

# The published figures, copied as they are.
NEEDS_FILE = "needs_per_month.csv"
# The months a report may span: every figure is kept for each month, territory and kind, and
# 1,200 months of one short file took 2.3 GB and 157 s to build, 57 MB of data.json for phones.
MAX_MONTHS = 180
# The organizations most referred: a list to read, not every one (300,000 rows made a 95 MB
# statistics page and a 3 GB build: stop 83's hostile probe).
MAX_REFERRALS = 500
REFERRALS_FILE = "top_referred_organizations.csv"
# The demonstration breakdowns (scripts/generate_demo_stats.py).
CATEGORIES_FILE = "demo_needs_by_category.csv"
PROFILE_FILE = "demo_caller_profile.csv"

# Vocabularies of the caller profile. Labels live in the templates (UI strings).
LANGUAGES = ("fr", "en", "other")
GENDERS = ("women", "men", "other")
AGE_GROUPS = ("0-17", "18-34", "35-54", "55-64", "65+", "unknown")
OUTCOMES = ("met", "unmet")

# The years of the figures a 211 publishes: "0201-04" or "9019-04" (typed for 2019-04) put the
# series on a chart axis centuries away.
_MONTH = re.compile(r"(2[0-9]{3})-(0[1-9]|1[0-2])")
_COUNT = re.compile(r"[0-9]+")
# A count has at most this many digits: a trillion needs is already a typing error, and
# Python refuses to read a number of over 4,300 digits at all.
COUNT_DIGITS = 12
# The biggest file read: the demonstration caller profile is 270 KB.
MAX_BYTES = 16 * 1024 * 1024
# The csv module's own limit of one cell (csv.field_size_limit()): a longer cell stops the file.
CELL_LIMIT = csv.field_size_limit()
# Bytes that were not UTF-8, kept by the "surrogateescape" decoding as U+DC80..U+DCFF.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# Column names shown as they are; any other is shown as a short escaped excerpt.
_PLAIN_NAME = re.compile(r"[\w .()-]{1,40}")


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


def excerpt(text: str, length: int = 40) -> str:
    """A cell as a message may show it: quoted, escaped, and cut (a cell may be a whole file)."""
    return repr(text[:length]) + ("..." if len(text) > length else "")


def read_file(path: Path, text: bool = False):
    """A statistics file's bytes (or its UTF-8 text): a regular file of its folder and never a
    link, whose target could be anywhere (/proc/self/environ), of at most MAX_BYTES. Raises
    YAMLFileError (the records' reader's) or OSError."""
    if text:
        return read_text(path, MAX_BYTES, links=False)
    return read_bytes(path, MAX_BYTES, links=False)


def _unreadable(label: str, exc: Exception) -> StatsError:
    """Why a file could not be read, without its content."""
    if isinstance(exc, FileNotFoundError):
        return StatsError(label, 1, "(file)", "file is missing")
    if isinstance(exc, YAMLFileError):
        return StatsError(label, exc.line, exc.field or "(file)", exc.message)
    return StatsError(label, 1, "(file)", f"not readable: {exc.strerror or type(exc).__name__}")


class _Lines:
    """The lines of a text without its comment lines (#), remembering the last line number
    and the lines of the row being read (to say which cell the csv module stopped in)."""

    def __init__(self, text: str):
        self.handle = io.StringIO(text, newline="")
        self.number = 0
        self.row: list[str] = []
        self.header: list[str] | None = None  # once read

    def __iter__(self):
        for line in self.handle:
            self.number += 1
            if not line.lstrip().startswith("#"):
                self.row.append(line)
                yield line


class _OverLines(csv.Error):
    """A row read over several lines: named at the cell its first line leaves open."""


def _rows(lines: _Lines):
    """(line number, cells) of each row; csv.Error for a row the csv module cannot read, and
    for one over several lines: no cell of these files holds a line break, and a stray quote
    made one "organization" of four rows, their counts in its name (stop 83's hostile probe)."""
    reader = csv.reader(lines)
    while True:
        lines.row.clear()
        cells = next(reader, None)
        if cells is None:
            return
        if len(lines.row) > 1:
            raise _OverLines(f'a quote (") opened on this line is closed only on line {lines.number}, or never')
        yield lines.number, cells


def _cell_at_stop(row: str) -> int:
    """The cell (from 0) the csv module stopped in: the first longer than CELL_LIMIT, or the last."""
    cell, start, quoted = 0, 0, False
    for mark in re.finditer('[",]', row):
        if mark.group() == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted:
            if mark.start() - start > CELL_LIMIT:
                return cell
            cell, start = cell + 1, mark.end()
    return cell


def _stopped(label: str, lines: _Lines, exc: csv.Error) -> StatsError:
    """The problem of a row the csv module refused (a cell over its limit), at its cell."""
    first, header = lines.number - len(lines.row) + 1, lines.header
    if "field limit" in str(exc):
        message = f"a cell of over {CELL_LIMIT:,} characters: not read further"
    else:
        message = f"not readable as CSV: {exc}"
    if header is None:
        return StatsError(label, first, "(header)", message)
    cell = _cell_at_stop(lines.row[0] if isinstance(exc, _OverLines) else "".join(lines.row))
    return StatsError(label, first, header[cell] if cell < len(header) else "(row)", message)


def _not_utf8(label: str, number: int, cells: list[str], header: list[str] | None) -> StatsError | None:
    """The first cell of a row with bytes that are not UTF-8 (an Excel "CSV" file), if any."""
    for i, cell in enumerate(cells):
        bad = _NOT_UTF8.search(cell)
        if bad:
            name = "(header)" if header is None else header[i] if i < len(header) else "(row)"
            byte = ord(bad.group()) - 0xDC00
            return StatsError(label, number, name, f"byte 0x{byte:02X} is not UTF-8 text: save the file as CSV UTF-8")
    return None


def _column_name(name: str) -> str:
    return name if _PLAIN_NAME.fullmatch(name) else "(header)"


def read_table(path: Path, columns: list[Column]):
    """Rows of a CSV file as (row number, {column: value}) and the problems found.

    Values are converted by kind: months stay "YYYY-MM" strings, counts become ints.
    A row with a problem is left out of the rows.
    """
    label = str(path)
    try:
        raw = read_file(path)
    except (OSError, YAMLFileError) as exc:
        return [], [_unreadable(label, exc)]
    text = raw.decode("utf-8-sig", "surrogateescape")  # bytes not UTF-8 are named at their cell
    lines = _Lines(text)
    rows: list[tuple[int, dict]] = []
    try:
        return rows, _read_rows(label, lines, columns, _NOT_UTF8.search(text) is not None, rows)
    except csv.Error as exc:
        return rows, [_stopped(label, lines, exc)]


def _read_rows(label: str, lines: _Lines, columns: list[Column], check_bytes: bool, rows: list) -> list:
    """read_table() on the lines of a file's text: fills `rows`, returns the problems."""
    errors: list[StatsError] = []
    reader = _rows(lines)
    header_row, header = next(reader, (None, None))
    if header is None:
        return [StatsError(label, max(lines.number, 1), "(header)", "the file has no header row")]
    if check_bytes and (problem := _not_utf8(label, header_row, header, None)):
        return [problem]
    header = lines.header = [name.strip() for name in header]
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
                    _column_name(name) if name else "(empty)",
                    f"unexpected column {excerpt(name)} (expected: {', '.join(c.name for c in columns)})",
                )
            )
    if errors:
        return errors
    for number, cells in reader:
        if not any(cell.strip() for cell in cells):
            continue  # blank line
        if check_bytes and (problem := _not_utf8(label, number, cells, header)):
            return [*errors, problem]  # one is enough: every accent of the file would follow
        if len(cells) != len(header):
            errors.append(StatsError(label, number, "(row)", f"{len(cells)} cells, the header has {len(header)}"))
            continue
        row, problems = _convert(cells, columns, positions)
        errors.extend(StatsError(label, number, name, problem) for name, problem in problems)
        if not problems:
            rows.append((number, row))
    return errors


def _convert(cells: list[str], columns: list[Column], positions: dict):
    row, problems = {}, []
    for column in columns:
        raw = cells[positions[column.name]].strip()
        control = NOT_IN_RECORDS.search(raw)
        if raw == "":
            problems.append((column.name, "empty cell"))
        elif control:
            # Invisible, or no character at all (U+FFFE: an HTML parse error on the page).
            kind = "control character" if unicodedata.category(control.group()) == "Cc" else "character"
            problems.append((column.name, f"{kind} U+{ord(control.group()):04X} is not allowed: remove it"))
        elif column.kind == "text" and HTML_TAG.search(raw):
            # Escaped, a tag shows as typed on the page: "<img src=x ...>" as an organization's name.
            problems.append((column.name, HTML_TAG_MESSAGE))
        elif column.kind == "month":
            if not _MONTH.fullmatch(raw):
                problems.append(
                    (column.name, f"unknown month {excerpt(raw)} (expected YYYY-MM from 2000 to 2999, e.g. 2019-04)")
                )
            else:
                row[column.name] = raw
        elif column.kind == "count":
            if not _COUNT.fullmatch(raw):
                problems.append((column.name, f"not a count: {excerpt(raw)} (expected a whole number, e.g. 1234)"))
            elif len(raw) > COUNT_DIGITS:
                problems.append((column.name, f"a count of {len(raw):,} digits: at most {COUNT_DIGITS} are read"))
            else:
                row[column.name] = int(raw)
        elif column.choices is not None and raw not in column.choices:
            problems.append(
                (column.name, f"unknown value {excerpt(raw)} (expected one of: {', '.join(column.choices)})")
            )
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
    refused = {error.line for error in errors}  # rows read_table could not read, already said
    previous = 0  # the row of months[-1]
    for number, row in rows:
        month = row["month"]
        if month in seen:
            errors.append(StatsError(label, number, "month", f"{month} already given on row {seen[month]}"))
            continue
        if months and month < months[-1]:
            errors.append(
                StatsError(label, number, "month", f"{month} comes before {months[-1]}: sort the rows by month")
            )
            continue
        if months and month != next_month(months[-1]) and not refused & set(range(previous + 1, number)):
            expected = next_month(months[-1])
            problem = f"months must follow each other: {expected} is missing before {month}"
            errors.append(StatsError(label, number, "month", problem))
        # Read on from this month: one missing (or refused) month is one error, not one a row after it.
        previous = number
        if len(months) == MAX_MONTHS:
            errors.append(
                StatsError(
                    label, number, "month", f"over {MAX_MONTHS} months ({MAX_MONTHS // 12} years): keep the latest"
                )
            )
            break
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
        if len(seen) == MAX_REFERRALS:
            message = f"over {MAX_REFERRALS} organizations: keep the most referred"
            errors.append(StatsError(label, number, "organization", message))
            break
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
    demo = [_present(folder / name) for name in (CATEGORIES_FILE, PROFILE_FILE)]
    if any(demo) and not errors:  # a missing one of the two is reported as missing
        errors += _read_demo(folder, data, territories, categories)
    if _present(folder / SOURCES_FILE):
        data.sources, problems = read_sources(folder / SOURCES_FILE)
        errors += problems
    if errors:
        raise StatsInvalid(errors)
    return data


def _present(path: Path) -> bool:
    """Whether a folder holds a file of that name: a link too (then refused), even a broken one."""
    return path.is_symlink() or path.exists()


def file_digest(path: Path) -> str:
    """The SHA-256 of a statistics file as read_file() reads it ("unreadable": load_stats says why)."""
    try:
        return hashlib.sha256(read_file(path)).hexdigest()
    except (OSError, YAMLFileError):
        return "unreadable"


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


# A misspelled one ("organisations_totl") was read as nothing, and its figure left the page unsaid.
SOURCES_FIELDS = ("source", "period_start", "period_end", "referrals_total", "organizations_total")


def read_sources(path: Path) -> tuple[Sources | None, list[StatsError]]:
    """The source of the published figures: a bilingual name, the report's period and totals."""
    import datetime as dt

    label = str(path)
    try:
        text = read_file(path, text=True)
    except (OSError, YAMLFileError) as exc:
        return None, [_unreadable(label, exc)]
    try:
        data, lines = loads(text, RECORD_LIMITS)  # the records' reader: the same limits for every YAML input
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
    errors = [
        StatsError(label, lines.get((key,), 1), str(key), message)
        for key, message in unknown_fields(data, SOURCES_FIELDS)
    ]
    source = data.get("source")
    if not (isinstance(source, dict) and all(isinstance(source.get(k), str) and source[k] for k in ("fr", "en"))):
        errors.append(StatsError(label, 1, "source", "expected {fr: ..., en: ...}"))
    else:
        errors += [
            StatsError(label, lines.get(("source", lang), 1), f"source.{lang}", HTML_TAG_MESSAGE)
            for lang, text in source.items()
            if isinstance(text, str) and HTML_TAG.search(text)
        ]
    for key in ("period_start", "period_end"):
        if not isinstance(data.get(key), dt.date):
            errors.append(StatsError(label, 1, key, "expected a date (YYYY-MM-DD)"))
    for key in ("referrals_total", "organizations_total"):
        value, line = data.get(key), lines.get((key,), 1)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors.append(StatsError(label, line, key, "expected a whole number"))
        elif value is not None and len(str(value)) > COUNT_DIGITS:
            # As the tables' counts: 26 digits stopped the build in the page's number format.
            errors.append(
                StatsError(label, line, key, f"a count of {len(str(value)):,} digits: at most {COUNT_DIGITS}")
            )
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
