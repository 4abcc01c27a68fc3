"""What the ingest status reads from monitor's database: the newest entry, the oldest rollup,
and what reconciliation back-filled."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.monitor.models import (
    AccessLogRow,
    ReconcileCursorRow,
    TrafficHourRow,
    TrafficMinuteRow,
)
from services.runtime.clock import as_utc


def newest_log_time(session: Session) -> datetime | None:
    newest = session.scalar(select(func.max(AccessLogRow.started_at)))
    return as_utc(newest) if newest is not None else None


def oldest_rollup_time(session: Session) -> datetime | None:
    """The oldest bucket kept, hour or minute (hours outlive minutes under retention)."""
    found = [
        session.scalar(select(func.min(table.bucket_start)))
        for table in (TrafficHourRow, TrafficMinuteRow)
    ]
    kept = [as_utc(moment) for moment in found if moment is not None]
    return min(kept) if kept else None


def backfilled_entries(session: Session) -> int:
    """Entries reconciliation recovered from the file log, over every file it has read."""
    return int(session.scalar(select(func.sum(ReconcileCursorRow.backfilled_entries))) or 0)
