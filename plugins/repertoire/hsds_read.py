"""Open Referral packages read within limits into HSDS 3.0 tables: a CSV datapackage
(folder or .zip) of HSDS 3.x, 2.x or 1.x, a JSON file of nested organizations (3.0's shape
or Ohana's), or JSON lines (one organization a line).

No records here: hsds_import.py builds them from the tables. Every problem names the file,
the row (or JSON path) and the field; what is read but not used is kept on the rows or
counted, so that the import can say what it left out.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import itertools
import json
import math
import os
import re
import stat
import struct
import sys
import zipfile
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from textwrap import shorten
from typing import Callable

from repertoire import fields
from repertoire.problems import one_line, shortened
from repertoire.records import LANGUAGES
from repertoire.spreadsheets import unmark_cell
from repertoire.untrusted import NOT_IN_RECORDS, SURROGATES, CappedStream, TooBig, leaves_folder, read_capped

from .hsds import flatten, spec, table_files, top_table
from .hsds_legacy import LEGACY_FILES, TABLES, is_nested_legacy, nested_rows, upgrade, version_of

READ_VERSIONS = ("1.x", "2.x", "3.x")


@dataclass(frozen=True, order=True)
class Problem:
    """What could not be read or mapped, at a table, a row and a field; `record` is the id of
    the record it keeps from being imported ("" for the whole package)."""

    table: str
    row: str
    field: str
    message: str
    record: str = ""

    def __str__(self) -> str:
        if self.row.startswith("line "):
            row = self.row
        else:
            row = f"at {self.row}" if self.row[:1] in ("[", ".") or "[" in self.row else f"row {self.row}"
        place = " ".join(
            part for part in (self.table, row if self.row else "", f"field {self.field}" if self.field else "") if part
        )
        # A key of the package can hold a line break; a cell, thousands of characters.
        return one_line(f"{place}: {shortened(self.message)}")


@dataclass(frozen=True)
class Notice:
    """What the import did without being asked: repaired, not imported, or a note; `count` rows."""

    kind: str  # repaired | not imported | note
    text: str
    count: int = 1
    record: str = ""
    group: str = ""  # what repairs of one kind share ("schedules.csv field opens_at"), to count them

    def __str__(self) -> str:
        return one_line(self.text)


@dataclass
class Package:
    """An HSDS package's tables (rows as dicts, each with "_where": its row number or JSON path,
    and "_file" when it came from another file than the table's own)."""

    source: str
    form: str  # csv | json
    tables: dict[str, list[dict]]
    language: str | None = None
    notices: list[Notice] = field(default_factory=list)
    version: str = "3.x"
    row_problems: list[Problem] = field(default_factory=list)  # rows left out, the rest is read


# What a package may hold. Tables are read row by row from their file or zip member and
# never past these limits, so that no package, however big or compressed, exhausts memory.
# A 10,000-organization package (scripts/bench_exports.py's) has 41 MiB of CSV tables, 282,000
# rows, 3.1 million cells; as JSON, 66 MiB of 2.5 million values, 580,000 of them objects and arrays.
MAX_TABLE_BYTES = 64 * 1024 * 1024  # one CSV table, uncompressed
MAX_PACKAGE_BYTES = 192 * 1024 * 1024  # all its tables together, uncompressed
MAX_ROWS = 200_000  # rows of one table (a 10,000-organization package has ~100,000 schedules at most)
MAX_COLUMNS = 100  # columns of one table (HSDS 3.0's widest has 23)
MAX_CELLS = 12_000_000  # cells of all its tables (rows x columns: each costs memory, empty or not)
MAX_JSON_BYTES = 64 * 1024 * 1024  # a JSON package is parsed whole
MAX_JSON_CONTAINERS = 1_000_000  # objects and arrays in it (60 MB of {} would be 20 million dicts)
MAX_JSON_VALUES = 5_000_000  # values in it, objects and arrays included (64 MiB of "ab" are 13 million)
MAX_CELL = 64 * 1024  # characters in one cell (our longest text is 10,000)
MAX_DESCRIPTOR_BYTES = 1024 * 1024  # datapackage.json
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")


def read_package(path: Path) -> tuple[Package | None, list[Problem]]:
    """A datapackage folder (datapackage.json and CSV files), a .zip of one, a JSON file of
    nested organizations (a list, one organization, or a page listing them under "organizations"
    or "contents"), or JSON lines (.jsonl, .ndjson, or a .json file of one object a line)."""
    package, problems = _read_any(Path(path))
    if package is not None:
        package.row_problems += _rows_of_an_id_taken(package)
    return package, problems


def _rows_of_an_id_taken(package: Package) -> list[Problem]:
    """Leave out each row whose id an earlier row of its file gives to something else: two
    organizations of one id became two records without a word, the rows linked to that id
    going to one of them; two locations of one id in older nested JSON pooled their addresses
    and hours. Checked within each file (an older package's files merged into one table,
    postal and physical addresses, number their ids each on its own); JSON in 3.0's shape is
    checked by flatten() as it is read. The same thing given again is not another: a row
    pasted twice is read once, and rows that differ only by their links (an object nested in
    several places, linked from each) are all kept, as before."""
    problems = []
    for table, rows in package.tables.items():
        if package.form != "csv" and package.version == "3.x":
            continue  # flatten() compared them as it read them
        first: dict = {}  # (file, id) -> its first row
        seen: dict = {}  # (file, id) met again -> (what its first row says of itself, the links met)
        kept = []
        for row in rows:
            key = row.get("id")
            if not isinstance(key, str):
                kept.append(row)
                continue
            place = (row.get("_file"), key)
            earlier = first.setdefault(place, row)
            if earlier is row:
                kept.append(row)
                continue
            if place not in seen:  # worked out only for an id met again: most are met once
                own, links = _own_and_links(table, earlier)
                seen[place] = (own, {links})
            own, links = _own_and_links(table, row)
            first_own, met = seen[place]
            if own != first_own:
                problems.append(_taken(package, table, row, earlier))
            elif links not in met:
                met.add(links)
                kept.append(row)
        rows[:] = kept
    return problems


def _own_and_links(table: str, row: dict) -> tuple[tuple, tuple]:
    """What a row says of its object, and the links (the *_id columns) that place it under
    another; an organization's links are its own (it is nested under nothing)."""
    own, links = [], []
    for column, value in sorted(row.items()):
        if column in ("_where", "_file"):
            continue
        is_link = table != "organization" and column.endswith("_id")
        (links if is_link else own).append((column, repr(value)))
    return tuple(own), tuple(links)


def _taken(package: Package, table: str, row: dict, earlier: dict) -> Problem:
    """The problem of a row whose id `earlier` has."""
    file = package.source if package.form != "csv" else row.get("_file") or table_files()[table]
    return _id_given_twice(file, row["_where"], row["id"], earlier["_where"])


def _id_given_twice(file: str, where: str, key: str, earlier_where: str) -> Problem:
    if earlier_where.startswith("line "):  # JSON lines
        place = earlier_where
    elif earlier_where[:1] in ("[", ".") or "[" in earlier_where:
        place = f"at {earlier_where}"
    else:
        place = f"row {earlier_where}"
    return Problem(
        file, where, "id", f"{place} has this id already ({key!r}): an id names one thing; this one is not read"
    )


def _read_any(path: Path) -> tuple[Package | None, list[Problem]]:
    if leaves_folder(path):
        return None, [Problem(str(path), "", "", "a link to a file elsewhere: not read")]
    descriptor = path.name.lower() == "datapackage.json"
    if path.is_file() and path.suffix.lower() in JSON_SUFFIXES and not descriptor:
        return _read_json(path)
    if path.is_file() and path.suffix.lower() == ".zip":
        return _read_zip(path)
    folder = path.parent if descriptor else path
    if not folder.is_dir():
        return None, [
            Problem(str(path), "", "", "no such package: give a datapackage folder, a .zip, a .json or a .jsonl file")
        ]
    named = [p for p in folder.iterdir() if p.suffix.lower() in (".csv", ".json")]
    # A pipe or a device would be read for ever (or said "missing"): named, never opened.
    # A folder named like a table ("services.csv/") was left out without a word (stop 77's probe).
    odd = [p.name for p in named if p.exists() and not p.is_file()]
    if odd:
        return None, [
            Problem(name, "", "", "not a regular file (a folder, a pipe, a device...): not read") for name in odd
        ]
    regular = [p for p in named if p.is_file()]
    outside = [p.name for p in regular if leaves_folder(p)]
    if outside:
        return None, [Problem(name, "", "", "a link to a file outside the package: not read") for name in outside]
    by_name: dict[str, list[str]] = defaultdict(list)
    for p in regular:
        by_name[p.name.lower()].append(p.name)
    twice = _names_twice(by_name, "in the folder")
    if twice:
        return None, twice
    files = {p.name.lower(): p for p in regular}
    return _read_csv_files(str(folder), {name: functools.partial(p.open, "rb") for name, p in files.items()})


# A package is a few tables: a zip listing more entries is not one. Its list (the central
# directory) is read whole by zipfile before anything else (3,000,000 empty entries took
# 1.5 GB), so it is measured first, from the end record (and its ZIP64 form) alone: by the
# count it gives, and by its size (zipfile reads that many bytes whatever the count says).
MAX_ZIP_ENTRIES = 1_000
MAX_ZIP_LIST_BYTES = 1 << 20  # a thousand entries with long names and notes
_END = struct.Struct("<4s4H2LH")  # signature, disks, entries here, entries, size, offset, comment
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64 = struct.Struct("<4sQ2H2L4Q")


def zip_entries(path: Path) -> tuple[int, int] | None:
    """How many entries a zip file lists and the size of that list, read from its end records;
    None if it has none."""
    with path.open("rb") as stream:
        stream.seek(0, os.SEEK_END)
        size = stream.tell()
        stream.seek(max(0, size - (_END.size + 65_535)))
        tail = stream.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < _END.size:
            return None
        entries, size_of_list = _END.unpack_from(tail, at)[4:6]
        if (entries != 0xFFFF and size_of_list != 0xFFFFFFFF) or at < _END64_LOCATOR.size:
            return entries, size_of_list
        locator = _END64_LOCATOR.unpack_from(tail, at - _END64_LOCATOR.size)
        if locator[0] != b"PK\x06\x07" or locator[2] + _END64.size > size:
            return None
        stream.seek(locator[2])
        record = stream.read(_END64.size)
        if record[:4] != b"PK\x06\x06":
            return None
        entries, size_of_list = _END64.unpack(record)[7:9]
        return entries, size_of_list


def _read_zip(path: Path):
    entries, size = zip_entries(path) or (0, 0)
    if entries > MAX_ZIP_ENTRIES:
        return None, [
            Problem(path.name, "", "", f"a zip of {entries:,} entries: a package has at most {MAX_ZIP_ENTRIES:,}")
        ]
    if size > MAX_ZIP_LIST_BYTES:
        return None, [
            Problem(path.name, "", "", f"a zip whose list of files is {size:,} bytes: at most {MAX_ZIP_LIST_BYTES:,}")
        ]
    try:
        with zipfile.ZipFile(path) as archive:
            members: dict[str, list[str]] = defaultdict(list)
            for member in archive.namelist():
                if not member.endswith("/"):
                    members[Path(member).name.lower()].append(member)
            twice = _names_twice(members, "in the zip")
            if twice:
                return None, twice
            # Python decompresses a bzip2 or LZMA member's every block whole: 5 KB of bzip2 grew
            # to 6 GB in memory before a byte could be counted. Deflate is read piece by piece.
            packed = sorted(
                info.filename
                for info in archive.infolist()
                if info.filename.lower().endswith((".csv", ".json"))
                and info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
            )
            # A symbolic link zipped on Linux is a member whose text is the path it points to.
            links = sorted(
                info.filename
                for info in archive.infolist()
                if info.filename.lower().endswith((".csv", ".json")) and stat.S_ISLNK(info.external_attr >> 16)
            )
            if links:
                return None, [
                    Problem(name, "", "", "a link to another file, not a table: zip the file itself") for name in links
                ]
            if packed:
                return None, [
                    Problem(
                        path.name,
                        "",
                        "",
                        f"{', '.join(packed[:5])}{' …' if len(packed) > 5 else ''}: compressed with bzip2 or LZMA; "
                        "zip the package again with the usual compression (deflate)",
                    )
                ]
            files = {
                name: functools.partial(archive.open, full[0])
                for name, full in members.items()
                if name.endswith((".csv", ".json"))
            }
            return _read_csv_files(str(path), files)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        RuntimeError,
        NotImplementedError,
        EOFError,
        zlib.error,
        OSError,  # a member's offset past the end of the file: seek() refuses it
        ValueError,
    ) as exc:
        return None, [Problem(path.name, "", "", f"not a readable zip file: {exc}")]


def _names_twice(files: dict[str, list[str]], where: str) -> list[Problem]:
    """Tables are known by their file name in lower case (Excel on Windows saves "Phones.CSV",
    where only the case is the same file): `files` maps each such name to the files that have
    it; two of one name would make one silently replace the other."""
    return [
        Problem(name, "", "", f"{len(full)} files of this name {where} ({', '.join(sorted(full))}): keep one")
        for name, full in sorted(files.items())
        if len(full) > 1 and (name.endswith(".csv") or name == "datapackage.json")
    ]


# --- JSON and JSON lines ------------------------------------------------------------------


def _one_value_a_key(pairs: list) -> dict:
    """A JSON object whose keys are each given once: of {"name": "A", "name": "B"}, json keeps
    the last without a word."""
    found = dict(pairs)
    if len(found) < len(pairs):
        seen: set = set()
        twice = next(key for key, _ in pairs if key in seen or seen.add(key))
        raise ValueError(f"the key {twice!r} is given twice in one object: keep one")
    return found


def _read_json(path: Path):
    try:
        with path.open("rb") as stream:
            text = read_capped(stream, MAX_JSON_BYTES).decode("utf-8-sig")
    except TooBig:
        return None, [
            Problem(
                path.name,
                "",
                "",
                f"over {MAX_JSON_BYTES // 2**20} MiB: split it, or give a CSV datapackage (read row by row)",
            )
        ]
    except UnicodeDecodeError as exc:
        return None, [Problem(path.name, "", "", f"not UTF-8 text (byte {exc.start}): save it as UTF-8")]
    over = _json_over_limits(text)
    if over:
        return None, [Problem(path.name, "", "", f"{over}: split it, or give a CSV datapackage")]
    lines = path.suffix.lower() in (".jsonl", ".ndjson")
    if not lines:
        try:
            data = json.loads(text, object_pairs_hook=_one_value_a_key)
        except RecursionError:
            return None, [Problem(path.name, "", "", "nested too deeply to be an HSDS package")]
        except ValueError as exc:  # json.JSONDecodeError, and numbers too long to read
            # "Extra data" after a first object on line 1: one object a line (JSON lines).
            if not (getattr(exc, "msg", "") == "Extra data" and getattr(exc, "lineno", 0) > 1):
                said = f"not JSON: {exc}"
                if "integer string conversion" in str(exc):  # Python's own words name its settings
                    said = f"a number of more than {sys.get_int_max_str_digits():,} digits: no value of a record is one"
                return None, [Problem(path.name, str(getattr(exc, "lineno", "")), "", said)]
            lines = True
    if lines:
        organizations, paths, problems = _json_lines(path.name, text)
        if problems:
            return None, problems
        return _nested_package(path.name, organizations, paths, None, text)
    key = _wrapper_key(data)
    organizations = data[key] if key else data if isinstance(data, list) else [data]
    where = key or ""
    bad = (
        [i for i, o in enumerate(organizations) if not isinstance(o, dict)] if isinstance(organizations, list) else [0]
    )
    if bad:
        return None, [Problem(path.name, f"{where}[{bad[0]}]", "", "expected an organization object")]
    language, problems = _language(data.get("language") if isinstance(data, dict) else None, path.name)
    if problems:
        return None, problems
    return _nested_package(
        path.name,
        organizations,
        [f"{where}[{i}]" for i in range(len(organizations))],
        language,
        text,
    )


# What only an organization says of itself: a wrapper (an export, an API's page) may have a
# name or an id, never these.
_ORGANIZATION_FIELDS = ("description", "services", "locations", "phones", "email", "website", "url", "alternate_name")


def _wrapper_key(data) -> str | None:
    """The key under which a JSON document lists its organizations (an API's page of
    "contents" or "items", an export's "organizations"), or None when it is a list or one
    object. An organization that nests child "organizations" is one itself: read as a wrapper,
    it was dropped without a word (while an export named "Export 211 Montérégie" is one)."""
    if not isinstance(data, dict):
        return None
    key = next((key for key in ("organizations", "contents", "items") if key in data), None)
    if key == "organizations" and any(data.get(field) for field in _ORGANIZATION_FIELDS):
        return None
    return key


def _json_over_limits(text: str) -> str | None:
    """What a JSON text holds too many of (MAX_JSON_CONTAINERS, MAX_JSON_VALUES), counted
    before it is parsed: each value costs memory however short its text ("{}," is a dict of
    64 bytes)."""
    counted = _json_counts(text)  # with the brackets and commas of strings: at once, and enough mostly
    if counted[0] > MAX_JSON_CONTAINERS or counted[1] > MAX_JSON_VALUES:
        counted = _json_counts(_JSON_STRING.sub("", text))
    containers, values = counted
    if containers > MAX_JSON_CONTAINERS:
        return f"over {MAX_JSON_CONTAINERS:,} objects and arrays"
    if values > MAX_JSON_VALUES:
        return f"over {MAX_JSON_VALUES:,} values"
    return None


def _json_counts(text: str) -> tuple[int, int]:
    """(objects and arrays, values) of a JSON text without its strings: every value but the
    first of an array or object follows a comma, so that the second counts them nearly."""
    containers = text.count("{") + text.count("[")
    return containers, containers + text.count(",")


_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def _json_lines(name: str, text: str) -> tuple[list[dict], list[str], list[Problem]]:
    """One organization object a line; every line that is not one is a problem (all of them)."""
    organizations, paths, problems = [], [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line, object_pairs_hook=_one_value_a_key)
        except RecursionError:
            problems.append(Problem(name, f"line {number}", "", "nested too deeply to be an organization"))
            continue
        except ValueError as exc:
            problems.append(Problem(name, f"line {number}", "", f"not JSON: {exc}"))
            continue
        if not isinstance(value, dict):
            problems.append(Problem(name, f"line {number}", "", "expected an organization object"))
            continue
        organizations.append(value)
        paths.append(f"line {number}")
    return organizations, paths, problems


def _may_hold_controls(text: str) -> bool:
    """Whether a JSON text may hold a character no record may (NOT_IN_RECORDS), as is or
    escaped (\\u001b, \\ufffe, \\ufdd0)."""
    return bool(NOT_IN_RECORDS.search(text) or _ESCAPED_CONTROL.search(text))


_ESCAPED_CONTROL = re.compile(r"\\u(?:00(?:[01]|7f|[89])|fff[ef]|fd[de])", re.I)
_ESCAPED_SURROGATE = re.compile(r"\\ud[89a-f]", re.I)


def _lone_surrogates(organizations: list[dict], paths: list[str], source: str) -> list[Problem]:
    """Every text (key or value) holding half of a UTF-16 pair ("\\ud800" alone): no character,
    and no file can be written with it. Walked without recursion: JSON is nested as deep as it
    could be parsed."""
    problems = []
    stack: list[tuple[object, str, str]] = [(o, where, "") for o, where in zip(organizations, paths)]
    while stack:
        value, where, key = stack.pop()
        if isinstance(value, str) and SURROGATES.search(value):
            problems.append(Problem(source, where, _printable(key), f"{_printable(value)[:80]!r}: {_HALF}"))
        elif isinstance(value, dict):
            for name, item in value.items():
                if SURROGATES.search(name):
                    problems.append(Problem(source, where, _printable(name), f"this key: {_HALF}"))
                stack.append((item, where, name) if isinstance(item, str) else (item, f"{where}.{name}", ""))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{i}]", "") for i, item in enumerate(value))
    return sorted(problems)


_HALF = "half of a UTF-16 surrogate pair (\\ud800-\\udfff) alone is not a character: correct the text"


def _printable(text: str) -> str:
    """A text as it can be printed and written, surrogates as \\ud800."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _nested_package(source: str, organizations: list[dict], paths: list[str], language: str | None, text: str):
    """Nested organizations as tables: 3.0's shape through the export's own flatten(), older
    shapes (Ohana, 1.x JSON) through hsds_legacy; every key not read is counted. `text`, the
    JSON they were read from, spares the searches of every text that cannot find anything."""
    if _ESCAPED_SURROGATE.search(text):
        halves = _lone_surrogates(organizations, paths, source)
        if halves:
            return None, halves
    notices, row_problems = [], []
    kinds = [top_table(o) for o in organizations]
    # A 3.0 service has a "url" and no "website", as an older organization does.
    if any(is_nested_legacy(o) for o, kind in zip(organizations, kinds) if kind == "organization"):
        raw = nested_rows(organizations, paths)
        tables, ignored, notes = upgrade(raw, files=False)
        notices.append(
            Notice("note", f"{source}: nested organizations in an older shape (Ohana, HSDS 1.x): read as HSDS 3.0")
        )
        notices += [Notice("note", note) for note in notes]
        notices += [
            Notice("not imported", f"{source}: {count} '{key}' object(s) not imported", count)
            for key, count in sorted(ignored.items())
        ]
        version = "1.x"
    else:
        unknown: Counter = Counter()
        conflicts: list[tuple[str, str, str]] = []
        misshapen: list[tuple[str, str]] = []
        tables = flatten(organizations, paths=paths, unknown=unknown, conflicts=conflicts, misshapen=misshapen)
        row_problems += [_id_given_twice(source, where, key, first) for key, where, first in conflicts]
        row_problems += [
            Problem(source, where, key, "expected a list of objects ([{...}, ...]): what it holds is not read")
            for where, key in misshapen
        ]
        notices += [
            Notice("not imported", f"{source}: {table} field {key} not imported ({count} object(s))", count)
            for (table, key), count in sorted(unknown.items())
        ]
        version = "3.x"
        notices += [
            Notice(
                "note", f"{source}: {count} {TOP_OBJECTS[table]} at the top: read with the organization nested in each"
            )
            for table, count in sorted(Counter(kinds).items())
            if table != "organization"
        ]
    crowded = [(table, len(rows)) for table, rows in tables.items() if len(rows) > MAX_ROWS]
    if crowded:
        return None, [
            Problem(source, "", "", f"over {MAX_ROWS:,} {table} objects ({count:,}): split it")
            for table, count in crowded
        ]
    wrong = _wrong_types(tables, source)
    if wrong:
        return None, wrong
    if _may_hold_controls(text):
        notices += _strip_controls(tables, source)
    return Package(source, "json", tables, language, notices, version, row_problems), []


# What the HSDS API serves at the top of a response besides organizations (hsds.top_table).
TOP_OBJECTS = {"service": "service(s)", "service_at_location": "service(s) at a location"}


def _wrong_types(tables: dict[str, list[dict]], source: str) -> list[Problem]:
    """Every cell of JSON that is not what the import reads: what a CSV file holds (text), or
    a number where HSDS has one, true or false where a yes/no is kept. Columns the
    specification does not have are only reported as not imported, whatever they hold."""
    allowed = _cell_types()
    problems = []
    said = set()  # (table, id, column): an object nested in several places is a row for each
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if value is None or type(value) is str:
                    continue  # nearly every cell, at once
                types = allowed.get((table, column))
                if types is None or (type(value) in types and math.isfinite(value)):
                    continue
                if (table, repr(row.get("id")), column) in said:
                    continue
                said.add((table, repr(row.get("id")), column))
                expected = " or ".join(_TYPE_NAMES[t] for t in types if t is not float)
                problems.append(
                    Problem(source, row.get("_where", ""), column, f"expected {expected}, found {_kind(value)}")
                )
    return problems


@functools.lru_cache(maxsize=1)
def _cell_types() -> dict[tuple[str, str], tuple[type, ...]]:
    """(table, column) -> the types of its cells besides text, from HSDS 3.0's specification
    and the yes/no facts declared (repertoire/fields.py)."""
    types = {
        (resource["name"], column["name"]): (str, int, float) if column["type"] == "number" else (str,)
        for resource in spec()["resources"]
        for column in resource["schema"]["fields"]
    }
    for fact in fields.FIELDS:
        if fact.kind == "yes_no" and isinstance(fact.hsds, fields.Column):
            types[(fact.owner, fact.hsds.name)] = (str, bool)
    return types


_TYPE_NAMES = {str: "text", int: "a number", bool: "true or false"}


def _kind(value) -> str:
    """What a JSON value is, as a message says it."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (int, float)):
        return f"the number {value}" if math.isfinite(value) else "a number out of range (1e999, Infinity or NaN)"
    return {list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


# --- CSV datapackages -----------------------------------------------------------------------


def _read_csv_files(source: str, files: dict[str, Callable]):
    """The tables of a CSV package; `files` opens each file by name (binary)."""
    problems, notices = [], []
    descriptor = {}
    if "datapackage.json" in files:
        # Only its language and HSDS version are read: the tables are known by their file names.
        try:
            with files["datapackage.json"]() as stream:
                descriptor = json.loads(read_capped(stream, MAX_DESCRIPTOR_BYTES).decode("utf-8-sig"))
            descriptor = descriptor if isinstance(descriptor, dict) else {}
        except (TooBig, UnicodeDecodeError, RecursionError, ValueError):
            notices.append(
                Notice("note", "datapackage.json: not a JSON descriptor, ignored (the CSV files are read by name)")
            )
    if "organizations.csv" not in files:
        problems.append(Problem("organizations.csv", "", "", "missing: an HSDS package has an organizations table"))
    raw, headers, row_problems, unread = {}, {}, [], []
    budget = _Budget()
    for file in sorted(name for name in files if name.endswith(".csv")):
        if file[:-4] not in _read_stems():
            unread.append(file)  # its name alone says the version (hsds_legacy.LEGACY_FILES)
            headers[file] = []
            continue
        rows: list[dict] = []
        with files[file]() as stream:
            header, read_problems = _read_table(file, stream, rows, budget)
        for problem in read_problems:
            (row_problems if problem.message == ROW_LEFT_OUT else problems).append(problem)
        raw[file[:-4]], headers[file] = rows, header
    declared = descriptor.get("hsds_version") if isinstance(descriptor.get("hsds_version"), str) else None
    version = version_of(headers, declared)
    if version not in READ_VERSIONS:
        return None, [
            Problem(
                Path(source).name,
                "",
                "",
                f"an HSDS {version} package (datapackage.json says "
                f"hsds_version {declared}): this import reads HSDS "
                f"{', '.join(READ_VERSIONS)}",
            )
        ]
    if version == "3.x":
        tables = {table: raw.pop(file[:-4], []) for table, file in table_files().items()}
        ignored = {f"{stem}.csv": len(rows) for stem, rows in raw.items() if rows}
    else:
        tables, ignored, notes = upgrade(raw)
        notices.append(
            Notice(
                "note",
                f"{Path(source).name}: an HSDS {version} package ({_older_files(headers)}): "
                "its tables are read as HSDS 3.0's",
            )
        )
        notices += [Notice("note", note) for note in notes]
    notices += [
        Notice("not imported", f"{file}: {count} row(s) not imported (not an HSDS table this import reads)", count)
        for file, count in sorted(ignored.items())
    ]
    notices += [Notice("not imported", f"{file}: not read (not an HSDS table this import reads)") for file in unread]
    notices += _strip_controls(tables, source)
    language, wrong = _language(descriptor.get("language"), "datapackage.json")
    problems += wrong
    package = Package(source, "csv", tables, language, notices, version, row_problems)
    return (package if not problems else None), problems


def _language(declared, file: str) -> tuple[str | None, list[Problem]]:
    """The language a package says it is in (its "language": fr, fr-CA...; None if it says
    none), or why it cannot be read: records hold only LANGUAGES' texts."""
    if declared in (None, ""):
        return None, []
    if not isinstance(declared, str):
        return None, [Problem(file, "", "language", f"expected a language code such as fr, found {_kind(declared)}")]
    code = declared.strip().lower().replace("_", "-").split("-")[0]
    if code not in LANGUAGES:
        return None, [
            Problem(file, "", "language", f"'{declared[:40]}': this import reads packages in {', '.join(LANGUAGES)}")
        ]
    return code, []


def _older_files(headers: dict) -> str:
    older = [name for name in LEGACY_FILES if name in headers]
    return ", ".join(older[:3]) + (", ..." if len(older) > 3 else "") if older else "organizations.csv has url"


@functools.lru_cache(maxsize=1)
def _read_stems() -> frozenset[str]:
    """The CSV files (by stem) whose rows may be imported: HSDS 3.0's tables and the older ones
    hsds_legacy upgrades. Any other file is not read: its rows could only be counted."""
    return frozenset({file[:-4] for file in table_files().values()} | set(TABLES) | {"eligibility"})


@dataclass
class _Budget:
    """What the tables of one package may still hold together, so that many tables, each
    within its own limits, cannot add up to more than memory holds."""

    bytes: int = MAX_PACKAGE_BYTES
    cells: int = MAX_CELLS


ROW_LEFT_OUT = "more cells than the header has columns"  # that row only: the rest of the table is read


def _read_table(file: str, stream, rows: list[dict], budget: _Budget) -> tuple[list[str], list[Problem]]:
    """Append a CSV table's rows (dicts, "_where": the row number), within what `budget` has
    left (then less); its header and the problems found."""
    capped = CappedStream(stream, min(MAX_TABLE_BYTES, budget.bytes))
    buffered = io.BufferedReader(capped)
    # Excel's "Unicode text" is UTF-16 with its byte order mark (and tabs): read as it is; so is
    # UTF-32, whose mark starts as UTF-16's (read as UTF-16, it had "no id column").
    start = buffered.peek(4)[:4]
    utf32 = start in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    utf16 = start[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    encoding = "utf-32" if utf32 else "utf-16" if utf16 else "utf-8-sig"
    text = io.TextIOWrapper(buffered, encoding=encoding, newline="")
    number = 1
    problems = []
    columns: list[str] = []
    limit = csv.field_size_limit(MAX_CELL)
    try:
        lines = _lines(text)
        first = next(lines, "")
        delimiter = _delimiter(first)
        # After the last line, a line of its own: read into a cell, a quote was never closed.
        reader = csv.reader(itertools.chain([first], lines, [_TABLE_END + "\n"]), delimiter=delimiter)
        columns = next(reader, None) or []
        if len(columns) > MAX_COLUMNS:
            return columns, [Problem(file, "1", "", f"{len(columns):,} columns: at most {MAX_COLUMNS} are read")]
        if "id" not in columns:
            return columns, [Problem(file, "1", "id", "no id column (the header row names the columns)")]
        twice = sorted({column for column in columns if column and columns.count(column) > 1})
        if twice:  # one would silently win over the other
            return columns, [Problem(file, "1", twice[0], "this column is given twice: keep one")]
        ended = reader.line_num  # the last line read so far: a row starts on the next
        short: list[tuple[int, int, int]] = []  # rows in a row with fewer cells: (index, cells, number)
        for number, cells in enumerate(reader, start=2):
            starts, ended = ended + 1, reader.line_num
            if not cells or cells == [_TABLE_END] or not any(cell.strip() for cell in cells):
                continue  # a blank line, the end, or a row of empty cells (a spreadsheet's ";;;;")
            open_quote = _quote_left_open(cells, columns, delimiter)
            if open_quote is not None:
                problems.append(Problem(file, str(number), open_quote[0], _open_quote_message(starts, *open_quote)))
                break
            if len(rows) >= MAX_ROWS:
                problems.append(Problem(file, str(number), "", f"over {MAX_ROWS:,} rows: split the package"))
                break
            budget.cells -= len(columns) + 1  # a row holds every column, and where it came from
            if budget.cells < 0:
                problems.append(
                    Problem(file, str(number), "", f"the package's tables are over {MAX_CELLS:,} cells: split it")
                )
                break
            if len(cells) > len(columns):
                problems.append(Problem(file, str(number), "", ROW_LEFT_OUT))
                continue
            row = {
                column: (unmark_cell(cells[i]) if i < len(cells) and cells[i] != "" else None)
                for i, column in enumerate(columns)
            }
            row["_where"] = str(number)
            if len(cells) < len(columns):
                short.append((len(rows), len(cells), number))
            elif short:
                problems += _cut_rows(file, short, rows, len(columns))
            rows.append(row)
        problems += _cut_rows(file, short, rows, len(columns))
    except csv.Error as exc:
        message = f"a cell is over {MAX_CELL:,} characters" if "field limit" in str(exc) else f"not CSV: {exc}"
        problems.append(Problem(file, str(number + 1), "", f"{message}: the table is not read further"))
    except _LineTooLong:
        problems.append(
            Problem(file, str(number + 1), "", f"a line is over {MAX_CELL:,} characters: the table is not read further")
        )
    except TooBig:
        over = (
            f"the table is over {MAX_TABLE_BYTES // 2**20} MiB"
            if capped.limit == MAX_TABLE_BYTES
            else f"the package's tables are over {MAX_PACKAGE_BYTES // 2**20} MiB in all"
        )
        problems.append(Problem(file, str(number + 1), "", f"{over}: split the package"))
    except UnicodeDecodeError as exc:
        # Text is decoded ahead of the rows read: the byte is in this row or one after it.
        problems.append(
            Problem(
                file,
                str(number + 1),
                "",
                f"not UTF-8 text ({exc.reason}), in this row or one after it: save the table as "
                "CSV UTF-8 (Excel's plain CSV is Windows-1252)",
            )
        )
    finally:
        csv.field_size_limit(limit)
        budget.bytes -= capped.count
    return columns, problems


CUT_LINES = 50  # the most lines one cut row is looked for in: each row is looked at that often at most


def _cut_rows(file: str, short: list[tuple[int, int, int]], rows: list[dict], width: int) -> list[Problem]:
    """Rows with fewer cells than the header, one after the other, whose cells make one row
    (`width` cells, less one for each cut): a line break in a cell that is not quoted, as an
    exporter writes a description of two lines. Read as they are, the first half was imported
    without the rest and the second as a row of its own. They are taken out of `rows` and are
    a problem; other short rows stay (a spreadsheet leaves out a row's empty last cells).
    Empties `short` (the rows after it are another run)."""
    problems, cut, at = [], [], 0
    while at < len(short):
        total = short[at][1]
        for end in range(at + 1, min(len(short), at + CUT_LINES)):
            if short[end][0] != short[end - 1][0] + 1:
                break  # not the next row
            total += short[end][1] - 1
            if total >= width:
                break
        else:
            end = at
        if end > at and total == width:
            first, last = short[at][2], short[end][2]
            problems.append(
                Problem(
                    file,
                    str(first),
                    "",
                    f"rows {first} to {last} are one row cut by a line break in a cell that is not quoted: "
                    "put that cell in double quotes",
                )
            )
            cut += [index for index, _, _ in short[at : end + 1]]
            at = end + 1
        else:
            at += 1
    for index in reversed(cut):
        del rows[index]
    short.clear()
    return problems


_TABLE_END = "\ue001end of the table\ue001"  # private use: no table holds it


def _quote_left_open(cells: list[str], columns: list[str], delimiter: str) -> tuple[str, str] | None:
    """(its column, the line that gives it away) when one of a row's cells is a quote left
    open, which the csv module reads on into the rows after it, without a word: up to the end
    of the table (a stray quote in row 5 of 10,000 kept 5 organizations), or up to the next
    quote. A multi-line cell is a quote left open when it reached the end, or when one of its
    lines reads as a row of its own: as many cells as the header, an id without spaces in the
    id column; a table narrower than five columns also needs the row's cells to be miscounted
    (there, a line of a long description could read so: "repas, vêtements, meubles")."""
    for number, cell in enumerate(cells):
        if "\n" not in cell and "\r" not in cell:
            continue
        column = columns[number] if number < len(columns) else ""  # a cell past the header's too
        if cell.endswith(_TABLE_END + "\n") or cell.endswith(_TABLE_END):
            return column, ""
        if len(columns) < 5 and len(cells) == len(columns):
            continue
        for line in cell.splitlines()[1:]:
            read = next(csv.reader([line], delimiter=delimiter), [])
            if len(read) == len(columns):
                identifier = read[columns.index("id")]
                if identifier and not any(character.isspace() for character in identifier):
                    return column, line
    return None


def _open_quote_message(line: int, column: str, row: str) -> str:
    """What a quote left open (_quote_left_open) did, and how to mend it."""
    mend = 'close it, or double it ("") where it is part of the text'
    if not row:
        return f"the quote that opens this cell (line {line}) is never closed: every line after it would be read into the cell; {mend}"
    row = shorten(row, 60, placeholder="…")
    return f"the quote that opens this cell (line {line}) runs on over a line that reads as a row of its own ({row}); {mend}"


class _LineTooLong(Exception):
    """A physical line longer than any cell may be."""


def _delimiter(header: str) -> str:
    """What separates a table's cells: a comma, or what a spreadsheet wrote instead (French
    Excel's semicolon, a tab) when only that gives the table its id column."""
    for delimiter in (",", ";", "\t"):
        if "id" in next(csv.reader([header], delimiter=delimiter), []):
            return delimiter
    return ","


def _lines(text):
    """The lines of a text stream, none held beyond MAX_CELL characters (a 1 GB line is refused
    after 64 KiB, not read into memory); the csv module joins quoted multi-line cells."""
    while True:
        line = text.readline(MAX_CELL + 2)
        if not line:
            return
        if len(line) > MAX_CELL + 1:
            raise _LineTooLong
        yield line


def _strip_controls(tables: dict[str, list[dict]], source: str) -> list[Notice]:
    """Remove control characters (NUL, BEL, escapes...) and U+FFFE, U+FFFF (NOT_IN_RECORDS)
    from every cell; a note says where."""
    count, first = 0, None
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if isinstance(value, str) and NOT_IN_RECORDS.search(value):
                    row[column] = NOT_IN_RECORDS.sub("", value)
                    count += 1
                    first = first or f"{table} {row.get('_where')} field {column}"
    if not count:
        return []
    return [
        Notice(
            "repaired",
            f"{source}: control characters (or U+FFFE, U+FFFF) removed from {count} cell(s) (first: {first})",
            count,
        )
    ]
