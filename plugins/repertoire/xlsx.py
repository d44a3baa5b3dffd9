"""The Excel workbook of a list, written as its XML directly (Office Open XML, SpreadsheetML):
one sheet, a bold frozen header row, column widths, text cells written inline, links.

openpyxl wrote the same workbook at ~70 microseconds a cell (a cell object, its style and
an XML element each): 35 s for the 10,000 rows of one language's lists, on every build where
a record changed. The parts here are those openpyxl writes for such a sheet, without the
theme (fonts name their colour) or the printing set-up; every text is an inline string, so
no shared-strings table is built. Excel, LibreOffice and openpyxl read them
(tests/test_exports.py reads each list back with openpyxl). The same rows give the same
bytes: the zip's dates are the data's.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

from .downloads import zip_member

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# XML 1.0 has no place for these: a cell never holds them (openpyxl refused the whole file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

CONTENT_TYPES = HEAD + (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
PACKAGE_RELATIONSHIPS = HEAD + (
    f'<Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{RELATIONSHIPS}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
WORKBOOK_RELATIONSHIPS = HEAD + (
    f'<Relationships xmlns="{PACKAGE}">'
    f'<Relationship Id="rId1" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{RELATIONSHIPS}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
APP = HEAD + (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Répertoire</Application></Properties>"
)
# Cell formats: 0 plain, 1 bold (the header), 2 a link (Excel's "Hyperlink" cell style), 3 text
# that looks like a formula: Excel's own mark for a text typed after an apostrophe (quotePrefix),
# shown without it, and kept text when the cell is edited.
STYLES = HEAD + (
    f'<styleSheet xmlns="{MAIN}">'
    '<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>'
    '</fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="1" applyFont="1"/>'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/></cellXfs>'
    '<cellStyles count="2"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    '<cellStyle name="Hyperlink" xfId="1" builtinId="8"/></cellStyles>'
    "</styleSheet>"
)
PLAIN, BOLD, LINK, QUOTED = 0, 1, 2, 3


@functools.lru_cache(maxsize=None)
def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def row_pieces(values: list, styles: list[int]) -> list[str]:
    """A row's XML cut where its number goes: str(number).join(pieces) is the row, so that a
    row in many lists is made once (text inline, numbers and booleans as values; no cell
    for None or "")."""
    pieces, after = ['<row r="'], '">'
    for number, (value, style) in enumerate(zip(values, styles), 1):
        cell = _cell_after_reference(value, style)
        if cell:
            pieces.append(f'{after}<c r="{column_letter(number)}')
            after = cell
    pieces.append(f"{after}</row>")
    return pieces


def _cell_after_reference(value, style: int) -> str:
    """One cell's XML after its reference ("B12"), or nothing for None or ""."""
    styled = f' s="{style}"' if style else ""
    if isinstance(value, str):
        if not value:
            return ""
        text = escape(_NOT_XML.sub("", value))
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'"{styled} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'"{styled} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'"{styled} t="n"><v>{value!r}</v></c>'
    raise TypeError(f"a spreadsheet cell cannot hold {type(value).__name__}: {value!r}")


def workbook(
    title: str, header: list[str], rows: list[list[str]], widths: list[float], links: dict, dated: dt.date
) -> bytes:
    """The .xlsx of one sheet: `header` in bold and frozen, then `rows` (each as row_pieces()
    gives it); `links` maps (row, column) numbers, from 0 for the first row after the header,
    to the address that cell opens."""
    columns = [column_letter(number) for number in range(1, len(header) + 1)]
    last = f"{columns[-1] if columns else 'A'}{len(rows) + 1}"
    sheet = [
        HEAD,
        f'<worksheet xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}">',
        f'<dimension ref="A1:{last}"/>',
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" '
        'state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
        '<sheetFormatPr defaultRowHeight="15"/><cols>',
        *(f'<col min="{n}" max="{n}" width="{width:g}" customWidth="1"/>' for n, width in enumerate(widths, 1)),
        "</cols><sheetData>",
        "1".join(row_pieces(header, [BOLD] * len(header))),
        *(str(number).join(pieces) for number, pieces in enumerate(rows, 2)),
    ]
    sheet.append("</sheetData>")
    targets = []
    if links:
        sheet.append("<hyperlinks>")
        for (number, index), target in sorted(links.items()):
            targets.append(target)
            sheet.append(f'<hyperlink ref="{columns[index]}{number + 2}" r:id="rId{len(targets)}"/>')
        sheet.append("</hyperlinks>")
    sheet.append("</worksheet>")
    sheet_relationships = (
        HEAD
        + f'<Relationships xmlns="{PACKAGE}">'
        + "".join(
            f'<Relationship Id="rId{n}" Type="{RELATIONSHIPS}/hyperlink" Target={quoteattr(target)} '
            'TargetMode="External"/>'
            for n, target in enumerate(targets, 1)
        )
        + "</Relationships>"
    )
    stamp = f"{dated.isoformat()}T00:00:00Z"
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELATIONSHIPS,
        "docProps/app.xml": APP,
        "docProps/core.xml": HEAD
        + (
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified></cp:coreProperties>'
        ),
        "xl/workbook.xml": HEAD
        + (
            f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name={quoteattr(title[:31])} sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELATIONSHIPS,
        "xl/styles.xml": STYLES,
        "xl/worksheets/sheet1.xml": "".join(sheet),
        "xl/worksheets/_rels/sheet1.xml.rels": sheet_relationships,
    }
    buffer = io.BytesIO()
    date = (max(dated.year, 1980), dated.month, dated.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            member = zip_member(name)
            member.date_time = date
            archive.writestr(member, content.encode("utf-8"))
    return buffer.getvalue()
