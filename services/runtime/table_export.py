"""Table downloads in the format the caller chose (CSV or Excel), streamed page by page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Protocol

from google.api import httpbody_pb2

from services.runtime import csv_export, xlsx_export
from services.runtime.errors import FieldViolation, InvalidArgument
from wailian.common.v1 import common_pb2


class TableWriter(Protocol):
    content_type: str

    def header(self, columns: Sequence[str]) -> bytes: ...

    def rows(self, rows: Iterable[Iterable[object]]) -> bytes: ...

    def finish(self) -> bytes: ...


class CsvWriter:
    content_type = csv_export.CONTENT_TYPE

    def header(self, columns: Sequence[str]) -> bytes:
        return csv_export.header(columns)

    def rows(self, rows: Iterable[Iterable[object]]) -> bytes:
        return csv_export.lines(rows)

    def finish(self) -> bytes:
        return b""


class XlsxWriter:
    content_type = xlsx_export.CONTENT_TYPE

    def __init__(self, sheet_name: str) -> None:
        self._stream = xlsx_export.XlsxStream(sheet_name)

    def header(self, columns: Sequence[str]) -> bytes:
        return self._stream.header(columns)

    def rows(self, rows: Iterable[Iterable[object]]) -> bytes:
        return self._stream.rows(rows)

    def finish(self) -> bytes:
        return self._stream.finish()


def writer(export_format: int, sheet_name: str, field: str = "format") -> TableWriter:
    """CSV when unspecified; an unknown format is the caller's mistake."""
    if export_format in (common_pb2.EXPORT_FORMAT_UNSPECIFIED, common_pb2.EXPORT_FORMAT_CSV):
        return CsvWriter()
    if export_format == common_pb2.EXPORT_FORMAT_XLSX:
        return XlsxWriter(sheet_name)
    raise InvalidArgument([FieldViolation(field, "unknown export format")])


async def stream(
    table: TableWriter,
    columns: Sequence[str],
    pages: AsyncIterator[Iterable[Iterable[object]]],
) -> AsyncIterator[httpbody_pb2.HttpBody]:
    """The download as HttpBody chunks: the header first (with the content type), then a chunk
    per page of rows, then whatever the format writes at the end."""
    yield httpbody_pb2.HttpBody(content_type=table.content_type, data=table.header(columns))
    async for page in pages:
        data = table.rows(page)
        if data:
            yield httpbody_pb2.HttpBody(data=data)
    tail = table.finish()
    if tail:
        yield httpbody_pb2.HttpBody(data=tail)
