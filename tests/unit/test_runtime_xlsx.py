"""The streamed Excel writer, read back by an independent reader (openpyxl)."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl

from services.runtime import xlsx_export


def read_back(stream: xlsx_export.XlsxStream, *parts: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join([*parts, stream.finish()])))


def test_a_workbook_written_in_pages_reads_back_cell_for_cell() -> None:
    stream = xlsx_export.XlsxStream("access/logs:[2026]")  # characters Excel forbids in names
    columns = [f"c{n}" for n in range(28)]  # past Z: AA, AB
    first = stream.header(columns)
    pages = [
        stream.rows([[page * 1000 + row, *["x"] * 27] for row in range(500)]) for page in range(4)
    ]
    book = read_back(stream, first, *pages)
    sheet = book.active
    assert sheet.title == "access_logs__2026_"
    assert [cell.value for cell in sheet[1]] == columns
    assert sheet.max_row == 2001
    assert sheet["A2001"].value == 3499 and sheet["AB2001"].value == "x"


def test_cells_keep_text_as_text_and_drop_what_xml_cannot_carry() -> None:
    stream = xlsx_export.XlsxStream("sheet")
    head = stream.header(["text", "number", "when", "empty", "flag"])
    body = stream.rows(
        [
            ['=cmd|"/c calc"!A1', 3.5, datetime(2026, 11, 29, 8, 0), None, True],
            ["  张三\x07 <b>&amp;</b>  ", -2, "x" * 40_000, "", False],
        ]
    )
    sheet = read_back(stream, head, body).active
    assert sheet["A2"].value == '=cmd|"/c calc"!A1'  # never a formula
    assert sheet["B2"].value == 3.5 and sheet["B3"].value == -2
    assert sheet["C2"].value == "2026-11-29T08:00:00"
    assert sheet["D2"].value in (None, "") and sheet["E2"].value == "true"
    assert sheet["A3"].value == "  张三 <b>&amp;</b>  "  # spaces kept, the bell dropped
    assert len(sheet["C3"].value) == xlsx_export.MAX_CELL_CHARS
