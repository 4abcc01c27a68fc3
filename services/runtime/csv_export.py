"""CSV downloads that spreadsheets open safely: UTF-8 with a BOM, formula cells neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

CONTENT_TYPE = "text/csv; charset=utf-8"
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def header(columns: Sequence[str]) -> bytes:
    """The first chunk: the BOM (so that Excel reads UTF-8) and the column names."""
    return ("\ufeff" + ",".join(columns) + "\r\n").encode()


def lines(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows as CSV lines, every cell made safe to open."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(cell(value) for value in row)
    return buffer.getvalue().encode()
