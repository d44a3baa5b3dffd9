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
import io
import re
import zipfile

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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig" if bom else "utf-8")


def to_xlsx(title: str, header: list[str], rows: list[list], dated: dt.date | None = None) -> bytes:
    """An Excel workbook with one sheet, a bold frozen header row, readable column widths, and
    web addresses and e-mails as links.

    Written in openpyxl's write-only mode: rows stream out (a 10,000-row sheet in about a
    second, where the normal mode slows down with every row appended). Every text is a text
    cell, never a formula; it carries the same mark as in the CSV, so both files read alike.
    The same rows give the same bytes (`dated` is the workbook's date): see `_reproducible`."""
    # Imported here: half a second, and the tools that use this module write CSV only.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(header, start=1):
        longest = max([len(column), *(len(str(row[index - 1])) for row in rows[:500])])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 2))
    bold = Font(bold=True)
    sheet.append([_cell(WriteOnlyCell, sheet, value, bold) for value in header])
    for row in rows:
        sheet.append([_cell(WriteOnlyCell, sheet, value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return _reproducible(buffer.getvalue(), dated or dt.date(1980, 1, 1))


_STAMPED = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _reproducible(xlsx: bytes, dated: dt.date) -> bytes:
    """openpyxl stamps the workbook and every part of its zip with the time of writing: a
    list that did not change would then differ at every build, and the offline copy would
    download it again. The date of the data replaces those stamps."""
    stamp = dated.isoformat().encode() + b"T00:00:00Z"
    source, result = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/core.xml":
                data = _STAMPED.sub(lambda m: m.group(1) + stamp + m.group(2), data)
            archive.writestr(zipfile.ZipInfo(item.filename, (max(dated.year, 1980), dated.month, dated.day, 0, 0, 0)),
                             data, zipfile.ZIP_DEFLATED)
    return result.getvalue()


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


def _cell(WriteOnlyCell, sheet, value, font=None):
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(sheet, safe_cell(value))
    cell.data_type = "s"  # text stays text, whatever it looks like
    if font is not None:
        cell.font = font
    elif (target := link_of(value)) is not None:
        cell.hyperlink = target  # a website, an e-mail or a page opens in one click
        cell.style = "Hyperlink"
    return cell
