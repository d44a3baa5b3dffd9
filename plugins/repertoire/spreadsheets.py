"""The one writer of every list people open in a spreadsheet program: CSV (the build's
lists, the HSDS datapackage, the statistics) and Excel. theme/static/js/csv.js writes the
browser's "my list" CSV by the same rule (tests/test_hostile.py runs one table through both).

Text from a record may look like a formula (`=HYPERLINK(...)`, `+cmd|...`, `@SUM(...)`): a
spreadsheet program would run it when the file is opened. Such a cell is written with a
leading apostrophe, the spreadsheet programs' own mark for "this is text"; plain numbers
(-73.58, +15145550100) are not formulas and stay as they are. Importing undoes the mark.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass

from .xlsx import LINK, PLAIN, QUOTED, row_pieces, workbook

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?")


def safe_cell(value):
    """A cell's value as written: formula-like text marked as text, anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def unmark_cell(text: str) -> str:
    """The text a safe_cell() wrote, read back (the HSDS import)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


def to_csv(header: list[str], rows, bom: bool = True) -> bytes:
    """RFC 4180 CSV in UTF-8; with a byte order mark (for people: spreadsheet programs then
    read the accents right) or without (a datapackage, read by programs)."""
    return _csv_file(header, csv_lines(rows), bom)


def _csv_file(header: list[str], lines: str, bom: bool) -> bytes:
    return (csv_lines([header]) + lines).encode("utf-8-sig" if bom else "utf-8")


def csv_lines(rows) -> str:
    """The CSV lines of some rows, as to_csv writes them: a file is its header's line and its
    rows' lines, whichever way they were cut."""
    return "".join(csv_row_lines(rows))


def csv_row_lines(rows) -> list[str]:
    """Each row's CSV line (the HSDS tables keep a record's rows line by line)."""
    # Rows read twice when marked: each is a list (a row given as a one-pass iterator came out empty).
    rows = [row if isinstance(row, list) else list(row) for row in rows]
    lines = _written(rows)
    # Marking cell by cell was a third of the cost (some 3 million cells a language): rows are
    # written as they are, and only those whose line has a cell that may start like a formula
    # are written again, marked. Most calls have none: their lines are looked at together first.
    if not _may_start_formula("".join(lines), lines):
        return lines
    # A cell starts the line, or follows a comma or the quote that opens it (the search stops
    # before the line's own end, "\r\n").
    marked = [
        number
        for number, line in enumerate(lines)
        if line.startswith(FORMULA_START) or _FORMULA_AFTER.search(line, 0, len(line) - 2)
    ]
    for number in marked:
        lines[number] = _written([[safe_cell(cell) for cell in rows[number]]])[0]
    return lines


_FORMULA_AFTER = re.compile('[,"][' + re.escape("".join(FORMULA_START)) + "]")
# In lines together: what may start a cell (after a comma, a quote or a line's end) and start a
# formula; a carriage return is looked for apart, as every line ends with one.
_MAYBE_FORMULA = re.compile('[,"\n][' + re.escape("".join(FORMULA_START).replace("\r", "")) + "]")
# A cell written without quotes that is a plain number, up to its end (after its sign).
_NUMBER_CELL = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?(,|\r\n)")


def _may_start_formula(text: str, lines: list[str]) -> bool:
    """Whether some cell of these lines (`text`, joined) may start like a formula: one search of
    them all, not one a line (each line's search was half the cost of the HSDS tables' lines).
    A negative number is no formula: a longitude made every place's line be written twice."""
    if text.startswith(FORMULA_START):
        return True
    for found in _MAYBE_FORMULA.finditer(text):
        before, first = found[0]
        if before == '"' or first not in "+-" or not _NUMBER_CELL.match(text, found.end()):
            return True
    # A quoted cell that starts with a line break, unless each is a line's end after a quoted cell.
    return '"\r' in text and text.count('"\r') != sum(line.endswith('"\r\n') for line in lines)


def _written(rows: list) -> list[str]:
    """Each row's line, as a csv.writer writes it. Most rows are texts that need no quotes
    (ids, codes, dates, names): joined with commas, a third of the writer's time; the writer
    writes the others (a number, a comma, a quote, a line break in a cell)."""
    lines: list = []
    others = []
    for number, row in enumerate(rows):
        try:
            line = ",".join(row)
        except TypeError:  # not all texts
            line = ""
        # A cell's comma makes one more; an empty line may be a lone empty cell (written '""').
        if not line or '"' in line or "\n" in line or "\r" in line or line.count(",") != len(row) - 1:
            others.append(number)
            lines.append(None)
        else:
            lines.append(line + "\r\n")
    if others:
        _LINES.clear()
        _WRITER.writerows(rows[number] for number in others)
        for number, line in zip(others, _LINES):
            lines[number] = line
    return lines


class _Lines(list):
    """What the writer writes into: a csv.writer writes each row's line in one call."""

    write = list.append


# One writer for every call: the HSDS tables are written record by record (some 340,000 rows
# at 10,000 records), and a new buffer and writer each time was half the cost.
_LINES = _Lines()
_WRITER = csv.writer(_LINES, lineterminator="\r\n")


@dataclass(frozen=True)
class ListRow:
    """One row of the lists as both their files write it, made once for however many lists
    hold it (an organization is in the whole list, its categories' and its regions')."""

    values: list  # as given: the Excel columns are as wide as the first rows' values
    line: str  # its CSV line
    pieces: list[str]  # its Excel row, cut where the row's number goes (xlsx.row_pieces)
    links: list[tuple[int, str]]  # (column, address) of each cell that opens one
    lengths: list[int]  # each value's length as text, for the Excel columns' widths


# What one cell of Excel holds (UTF-16 units): a longer text makes Excel repair the workbook or
# cut the cell where it likes, and a CSV opened in it is cut too.
CELL_LIMIT = 32_767


def within_a_cell(value):
    """A value as one cell of a list holds it: a text longer than Excel's limit cut, ending with
    "…" to say so. A record may have 200 places: their addresses joined in one cell made 37,000
    characters."""
    if not isinstance(value, str) or len(value) <= CELL_LIMIT // 2:  # at most 2 units a character
        return value
    units = value.encode("utf-16-le")
    if len(units) <= 2 * CELL_LIMIT:
        return value
    # A unit left for the apostrophe that marks a formula-like text (safe_cell), one for "…".
    return units[: 2 * (CELL_LIMIT - 2)].decode("utf-16-le", errors="ignore") + "…"


def list_row(values: list) -> ListRow:
    """A row of the lists: web addresses and e-mails link in Excel; formula-like text is marked
    in both files (an apostrophe before it in the CSV, the cell's quotePrefix in Excel); a text
    too long for a cell is cut (within_a_cell)."""
    values = [within_a_cell(value) for value in values]
    links = [
        (index, target)
        for index, value in enumerate(values)
        if isinstance(value, str) and ("@" in value or value.startswith("http")) and (target := link_of(value))
    ]
    linked = {index for index, _ in links}
    # In Excel, formula-like text is marked by its cell's format, not by an apostrophe in it.
    styles = [
        QUOTED if safe_cell(value) is not value else LINK if index in linked else PLAIN
        for index, value in enumerate(values)
    ]
    lengths = [len(str(value)) for value in values]
    return ListRow(values, csv_lines([values]), row_pieces(values, styles), links, lengths)


def list_csv(header: list[str], rows: list[ListRow]) -> bytes:
    """to_csv() of the rows' values, from their lines."""
    return _csv_file(header, "".join(row.line for row in rows), bom=True)


def to_xlsx(title: str, header: list[str], rows: list[ListRow], dated: dt.date | None = None) -> bytes:
    """An Excel workbook with one sheet, a bold frozen header row, readable column widths, and
    web addresses and e-mails as links (written by xlsx.py). Every text is a text cell, never
    a formula, and one that looks like a formula is formatted as Excel marks typed text
    (quotePrefix): shown as it is, it stays text when edited. The same rows give the same
    bytes (`dated` is the workbook's date)."""
    # A row's lengths are measured once for all its lists (a column at a time: 38 lists of 500 rows).
    longest = [max(lengths) for lengths in zip(*(row.lengths for row in rows[:500]))] or [0] * len(header)
    widths = [min(60, max(10, len(column) + 2, width + 2)) for column, width in zip(header, longest)]
    links = {(number, index): target for number, row in enumerate(rows) for index, target in row.links}
    return workbook(
        title,
        [safe_cell(value) for value in header],
        [row.pieces for row in rows],
        widths,
        links,
        dated or dt.date(1980, 1, 1),
    )


_WEB = re.compile(r"https?://[^\s\"<>]+")
_EMAIL = re.compile(r"[^\s@\"<>:]+@[^\s@\"<>]+\.[^\s@\"<>]+")


def link_of(text: str) -> str | None:
    """The address a cell links to: itself when it is a web address or an e-mail, never any
    other scheme (a spreadsheet would follow javascript: or file: too)."""
    if _WEB.fullmatch(text):
        return text
    if _EMAIL.fullmatch(text):
        return "mailto:" + text
    return None
