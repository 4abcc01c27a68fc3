"""What the DownloadService (exports.py) serves of maintenance records: the records (and their
history) as table rows, and attachments."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterable, Sequence
from datetime import datetime

from sqlalchemy.orm import Session

from services.monitor import maintenance
from services.monitor import maintenance_records as records
from services.monitor import maintenance_store as mstore
from services.monitor.maintenance_records import timers
from services.monitor.maintenance_servicer import record_query
from services.monitor.models import MaintenanceRecordRow
from services.runtime.clock import as_utc, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.errors import NotFound, Validator
from services.runtime.masking import mask_identifiers
from services.runtime.requests import required_id
from wailian.monitor.v1 import maintenance_pb2 as pb

# Served with their own type; anything else as a plain download (no HTML from an upload).
_INLINE_TYPES = frozenset(
    {"image/png", "image/jpeg", "image/gif", "application/pdf", "text/plain", "text/csv"}
)
_DOWNLOAD_CHUNK = 64 * 1024


EXPORT_PAGE_ROWS = 500
EXPORT_COLUMNS = (
    "number",
    "kind",
    "severity",
    "status",
    "title",
    "description",
    "reporter_name",
    "reporter_contact",
    "report_time",
    "reported_in_working_hours",
    "affected_module",
    "assignee",
    "acknowledge_time",
    "response_target",
    "response_due",
    "response_breached",
    "resolve_time",
    "resolution_target",
    "resolution_due",
    "resolution_breached",
    "close_time",
    "confirmed_by",
    "resolution",
    "root_cause",
    "source",
    "alert_ids",
)
EVENT_COLUMNS = (
    "number",
    "event_time",
    "event",
    "actor",
    "from_status",
    "to_status",
    "comment",
    "changes",
)


def _local(value: datetime | None, calendar: maintenance.WorkingCalendar) -> str:
    if value is None:
        return ""
    return as_utc(value).astimezone(calendar.zone).isoformat(timespec="seconds")


def _record_cells(
    row: MaintenanceRecordRow,
    calendar: maintenance.WorkingCalendar,
    now: datetime,
    alert_ids: Sequence[str],
) -> tuple[object, ...]:
    """One record as cells; free text masked (a file leaves the platform)."""
    running = timers(row, calendar, now)
    return (
        row.number,
        row.kind,
        maintenance.Severity(row.severity).name.lower(),
        row.status,
        row.title,
        mask_identifiers(row.description),
        row.reporter_name,
        row.reporter_contact,
        _local(row.report_at, calendar),
        "yes" if row.reported_in_working_hours else "no",
        row.affected_module,
        row.assignee_name or row.assignee_user_id,
        _local(row.acknowledged_at, calendar),
        row.response_target,
        _local(row.response_due_at, calendar),
        "" if running.response is None else ("yes" if running.response.breached else "no"),
        _local(row.resolved_at, calendar),
        row.resolution_target,
        _local(row.resolution_due_at, calendar),
        "" if running.resolution is None else ("yes" if running.resolution.breached else "no"),
        _local(row.closed_at, calendar),
        row.confirmed_by,
        mask_identifiers(row.resolution),
        mask_identifiers(row.root_cause),
        row.source,
        " ".join(alert_ids),
    )


def export_query(filter: pb.MaintenanceRecordFilter) -> mstore.RecordQuery:
    check = Validator()
    query = record_query(filter, check)
    check.check()
    return query


async def export_pages(
    uow: UnitOfWork, timezone: str, query: mstore.RecordQuery, include_events: bool
) -> AsyncIterator[Iterable[tuple[object, ...]]]:
    """The matching records as pages of cells, newest first; then, below an empty row, the
    history of every record exported when asked."""
    now = utcnow()
    numbers: dict[str, str] = {}
    offset = 0
    while True:

        def page(session: Session, offset: int = offset) -> list[tuple[object, ...]]:
            calendar = records.working_calendar(session, timezone)
            rows, _ = mstore.list_records(
                session, query, now, ("report_time", True), offset, EXPORT_PAGE_ROWS
            )
            links = mstore.alert_ids(session, [r.maintenance_record_id for r in rows])
            for row in rows:
                numbers[row.maintenance_record_id] = row.number
            return [
                _record_cells(row, calendar, now, links[row.maintenance_record_id]) for row in rows
            ]

        cells = await uow.run(page)
        if cells:
            yield cells
        if len(cells) < EXPORT_PAGE_ROWS:
            break
        offset += EXPORT_PAGE_ROWS
    if not include_events or not numbers:
        return
    yield [(), EVENT_COLUMNS]
    ids = list(numbers)
    for start in range(0, len(ids), EXPORT_PAGE_ROWS):
        chunk = ids[start : start + EXPORT_PAGE_ROWS]

        def events(session: Session, chunk: list[str] = chunk) -> list[tuple[object, ...]]:
            calendar = records.working_calendar(session, timezone)
            rows, _ = mstore.list_events(session, chunk, 0, None)
            return [
                (
                    numbers[e.maintenance_record_id],
                    _local(e.event_at, calendar),
                    e.kind,
                    e.actor_name,
                    e.from_status,
                    e.to_status,
                    mask_identifiers(e.comment),
                    json.dumps(e.changes, ensure_ascii=False) if e.changes else "",
                )
                for e in rows
            ]

        yield await uow.run(events)


async def attachment_chunks(
    uow: UnitOfWork, record_id: str, attachment_id: str
) -> tuple[str, list[bytes]]:
    """An attachment's content type (safe to serve) and its content in chunks."""
    required_id(record_id, "maintenance_record_id")
    required_id(attachment_id, "attachment_id")

    def work(session: Session) -> tuple[str, bytes]:
        row = mstore.attachment_row(session, record_id, attachment_id)
        if row is None:
            raise NotFound(f"no attachment {attachment_id} on maintenance record {record_id}")
        return row.content_type, row.content

    content_type, content = await uow.run(work)
    if content_type.split(";")[0].strip().lower() not in _INLINE_TYPES:
        content_type = "application/octet-stream"
    chunks = [
        content[i : i + _DOWNLOAD_CHUNK] for i in range(0, len(content), _DOWNLOAD_CHUNK)
    ] or [b""]
    return content_type, chunks
