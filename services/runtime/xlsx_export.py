"""Excel (.xlsx) downloads written as a stream: one sheet, a bold header row, rows as they come.

An .xlsx file is a zip of SpreadsheetML parts (ECMA-376). The sheet part is written row by row
into a zip entry with a data descriptor, so an export of millions of rows never holds more
than one page of them in memory; each call returns the bytes the zip has produced so far.
Cells are inline strings or numbers, never formulas, so a cell that starts with "=" is text.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import datetime
from xml.sax.saxutils import escape

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel refuses a cell longer than this and sheet names longer than 31 characters.
MAX_CELL_CHARS = 32_767
MAX_SHEET_NAME = 31
# XML 1.0 cannot carry most control characters; a cell that had them keeps the rest.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def _relationships(*targets: tuple[str, str]) -> str:
    links = "".join(
        f'<Relationship Id="rId{number}" Type="{_OFFICE}/{kind}" Target="{target}"/>'
        for number, (kind, target) in enumerate(targets, start=1)
    )
    return f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">{links}</Relationships>'


_CONTENT_TYPES = (
    f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SPREADSHEET}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SPREADSHEET}.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_SPREADSHEET}.styles+xml"/>'
    "</Types>"
)
_ROOT_RELS = _relationships(("officeDocument", "xl/workbook.xml"))
_WORKBOOK_RELS = _relationships(("worksheet", "worksheets/sheet1.xml"), ("styles", "styles.xml"))
# Style 0 is the default; style 1 is the bold header.
_STYLES = (
    f'{_XML}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)
_SHEET_START = (
    f'{_XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" state="frozen"/>'
    "</sheetView></sheetViews><sheetData>"
)
_SHEET_END = "</sheetData></worksheet>"


def _column_letters(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _cell(reference: str, value: object, style: int) -> str:
    styled = f' s="{style}"' if style else ""
    if isinstance(value, bool) or value is None:
        value = "" if value is None else ("true" if value else "false")
    if isinstance(value, int | float):
        return f'<c r="{reference}"{styled}><v>{value!r}</v></c>'
    if isinstance(value, datetime):
        value = value.isoformat(timespec="seconds")
    text = _NOT_XML.sub("", str(value))[:MAX_CELL_CHARS]
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{reference}" t="inlineStr"{styled}><is><t{space}>{escape(text)}</t></is></c>'


class _Chunks:
    """The zip's output: bytes collect here until the stream takes them."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes, /) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


class XlsxStream:
    """A one-sheet workbook written as it goes: header(), rows() page by page, then finish()."""

    def __init__(self, sheet_name: str) -> None:
        self._out = _Chunks()
        self._zip = zipfile.ZipFile(self._out, "w", compression=zipfile.ZIP_DEFLATED)
        name = _NOT_IN_SHEET_NAME.sub("_", sheet_name)[:MAX_SHEET_NAME] or "Sheet1"
        for part, text in (
            ("[Content_Types].xml", _CONTENT_TYPES),
            ("_rels/.rels", _ROOT_RELS),
            ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
            ("xl/styles.xml", _STYLES),
            ("xl/workbook.xml", _workbook(name)),
        ):
            self._zip.writestr(part, text)
        self._sheet = self._zip.open("xl/worksheets/sheet1.xml", "w", force_zip64=True)
        self._sheet.write(_SHEET_START.encode())
        self._row = 0

    def header(self, columns: Sequence[str]) -> bytes:
        return self._write([columns], style=1)

    def rows(self, rows: Iterable[Iterable[object]]) -> bytes:
        return self._write(rows, style=0)

    def finish(self) -> bytes:
        self._sheet.write(_SHEET_END.encode())
        self._sheet.close()
        self._zip.close()
        return self._out.take()

    def _write(self, rows: Iterable[Iterable[object]], style: int) -> bytes:
        lines = []
        for row in rows:
            self._row += 1
            cells = "".join(
                _cell(f"{_column_letters(column)}{self._row}", value, style)
                for column, value in enumerate(row)
            )
            lines.append(f'<row r="{self._row}">{cells}</row>')
        self._sheet.write("".join(lines).encode())
        return self._out.take()


def _workbook(sheet_name: str) -> str:
    return (
        f'{_XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(sheet_name, {chr(34): "&quot;"})}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
