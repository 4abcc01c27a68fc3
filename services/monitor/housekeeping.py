"""Background work: reconciling the durable file access log, and retention purges.

Each step is its own short transaction, so neither ever blocks ingestion for long.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TypeVar

from prometheus_client import Counter
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from services.monitor import store
from services.monitor.ingest import file_row_values
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork
from services.runtime.masking import mask_identifiers

log = logging.getLogger("wailian.monitor.housekeeping")
T = TypeVar("T")

BACKFILLED = Counter(
    "wailian_monitor_backfilled_entries_total",
    "Entries recovered from the file access log that the gRPC stream had lost",
)
PURGED = Counter("wailian_monitor_purged_rows_total", "Rows deleted by retention", ["table"])


class ShieldedUnitOfWork(UnitOfWork):
    """Transactions of background tasks: a cancelled caller does not abandon one half-way.

    A thread cannot be interrupted; `wait()` at shutdown lets running transactions end
    before the engine is disposed.
    """

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self._running: set[asyncio.Future[object]] = set()

    async def run(self, work: Callable[[Session], T]) -> T:
        future: asyncio.Future[T] = asyncio.ensure_future(asyncio.to_thread(self.run_sync, work))
        self._running.add(future)  # type: ignore[arg-type]
        future.add_done_callback(self._running.discard)  # type: ignore[arg-type]
        return await asyncio.shield(future)

    async def wait(self) -> None:
        if self._running:
            await asyncio.wait(set(self._running))


@dataclass(frozen=True)
class ReconcileResult:
    lines: int
    backfilled: int
    caught_up: bool


# What reconciliation reads of a line before it knows the line is missing: Envoy writes these
# fields plainly (no escapes in ids and times), so a search finds them without parsing the line.
_REQUEST_ID = re.compile(rb'"request_id"\s*:\s*"([^"\\]{1,64})"')
_TIME = re.compile(rb'"time"\s*:\s*"([^"\\]{1,40})"')
_DURATION = re.compile(rb'"duration_ms"\s*:\s*(\d{1,12})\s*[,}]')


def _line_end(line: bytes) -> tuple[str, datetime] | None:
    """A file-log line's request id and when its request ended; None when it is unusable.

    The fields are searched for; a line where they are not plainly there is parsed instead.
    """
    request_id, started = _REQUEST_ID.search(line), _TIME.search(line)
    if request_id is not None and started is not None:
        duration = _DURATION.search(line)
        found: tuple[object, object, object] = (
            request_id.group(1).decode("utf-8", "replace"),
            started.group(1).decode("utf-8", "replace"),
            int(duration.group(1)) if duration is not None else 0,
        )
    else:
        try:
            parsed = json.loads(line)
        except ValueError:
            return None
        if not isinstance(parsed, dict):
            return None
        found = (parsed.get("request_id"), parsed.get("time"), parsed.get("duration_ms"))
    identifier, time, milliseconds = found
    if not isinstance(identifier, str) or not isinstance(time, str) or identifier in ("", "-"):
        return None
    try:
        started_at = datetime.fromisoformat(time)
    except ValueError:
        return None
    if started_at.tzinfo is None:  # Envoy writes UTC with a Z; read a bare time as UTC too
        started_at = started_at.replace(tzinfo=UTC)
    if not isinstance(milliseconds, int) or milliseconds < 0:
        milliseconds = 0
    return identifier[:64], started_at + timedelta(milliseconds=milliseconds)


def reconcile_chunk(
    session: Session,
    path: Path,
    now: datetime,
    grace: timedelta,
    max_lines: int,
    hide_path: Callable[[str], str] = mask_identifiers,
) -> ReconcileResult:
    """Read the next lines of the file log and store the entries not stored yet.

    The cursor moves in the same transaction as the rows, so a crash repeats nothing and
    skips nothing. Lines younger than `grace` wait: their gRPC copy may still be on its way.
    Nearly every line was stored by the stream already: one query finds which, and only the
    others are converted and stored (every line of the log passes here once).
    """
    cursor = store.reconcile_cursor(session, str(path))
    try:
        stat = path.stat()
    except FileNotFoundError:
        return ReconcileResult(0, 0, True)
    file_id = f"{stat.st_dev}:{stat.st_ino}"
    if cursor.file_id != file_id or stat.st_size < cursor.offset:
        cursor.file_id, cursor.offset = file_id, 0
    offset = cursor.offset
    lines = 0
    candidates: dict[str, bytes] = {}
    caught_up = True
    young = now - grace
    with path.open("rb") as handle:
        handle.seek(offset)
        while True:
            if lines >= max_lines:
                caught_up = False
                break
            line = handle.readline()
            if not line.endswith(b"\n"):
                break  # end of file, or a line Envoy is still writing
            found = _line_end(line)
            if found is not None:
                request_id, ended = found
                if ended > young:
                    break
                candidates.setdefault(request_id, line)
            offset += len(line)
            lines += 1
    stored = store.stored_request_ids(session, list(candidates))
    rows = [
        values
        for request_id, line in candidates.items()
        if request_id not in stored and (values := _row_of(line, hide_path)) is not None
    ]
    backfilled = store.store_calls(session, rows, backfilled=True)
    cursor.offset = offset
    cursor.lines_read += lines
    cursor.backfilled_entries += backfilled
    cursor.updated_at = now
    return ReconcileResult(lines, backfilled, caught_up)


def _row_of(line: bytes, hide_path: Callable[[str], str]) -> dict[str, object] | None:
    try:
        parsed = json.loads(line)
    except ValueError:
        return None
    return file_row_values(parsed, hide_path) if isinstance(parsed, dict) else None


class Reconciler:
    """Reconciles the file access log with the stored rows, now and every `interval`."""

    def __init__(
        self,
        uow: UnitOfWork,
        path: Path,
        *,
        interval: timedelta,
        grace: timedelta,
        max_lines: int = 5_000,
        hide_path: Callable[[str], str] = mask_identifiers,
    ) -> None:
        self.uow = uow
        self.hide_path = hide_path
        self.path = path
        self.interval = interval
        self.grace = grace
        self.max_lines = max_lines

    def _chunk(self, session: Session) -> ReconcileResult:
        return reconcile_chunk(
            session, self.path, utcnow(), self.grace, self.max_lines, self.hide_path
        )

    async def reconcile(self) -> int:
        """Catch up with the file now; returns how many entries were back-filled."""
        backfilled = 0
        while True:
            result = await self.uow.run(self._chunk)
            backfilled += result.backfilled
            if result.caught_up:
                break
        if backfilled:
            BACKFILLED.inc(backfilled)
            log.warning(
                "back-filled entries the access-log stream had lost",
                extra={"backfilled": backfilled, "file": str(self.path)},
            )
        return backfilled

    async def run(self) -> None:
        while True:
            try:
                await self.reconcile()
            except Exception:
                log.exception("reconciling the file access log failed; will retry")
            await asyncio.sleep(self.interval.total_seconds())


@dataclass(frozen=True)
class Retention:
    """How long raw entries and rollups are kept."""

    raw: timedelta
    rollups: timedelta


async def purge_logs(uow: UnitOfWork, before: datetime, batch: int = 5_000) -> int:
    """Delete entries started before `before`, `batch` at a time, one transaction each."""
    deleted = 0
    while True:
        count = await uow.run(lambda s: store.purge_logs_batch(s, before, batch))
        deleted += count
        PURGED.labels("access_logs").inc(count)
        if count < batch:
            return deleted
        await asyncio.sleep(0)  # let the writer in between batches


async def purge_rollups(uow: UnitOfWork, table: str, before: datetime) -> int:
    deleted = 0
    while count := await uow.run(lambda s: store.purge_rollups_bucket(s, table, before)):
        deleted += count
        PURGED.labels(table).inc(count)
        await asyncio.sleep(0)
    return deleted


async def apply_retention(uow: UnitOfWork, retention: Retention, now: datetime) -> int:
    """Raw entries and minute rollups older than the raw period; hour rollups kept longer."""
    deleted = await purge_logs(uow, now - retention.raw)
    deleted += await purge_rollups(uow, "traffic_minutes", now - retention.raw)
    deleted += await purge_rollups(uow, "traffic_hours", now - retention.rollups)
    return deleted


async def run_retention(uow: UnitOfWork, retention: Retention, interval: timedelta) -> None:
    while True:
        try:
            await apply_retention(uow, retention, utcnow())
        except Exception:
            log.exception("retention purge failed; will retry")
        await asyncio.sleep(interval.total_seconds())
