"""Ad-hoc statistics by what the rollups do not keep (upstream, status code), read from the
raw access log: grouped and summed in SQL, with the same latency histogram as the rollups."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import Session

from services.monitor import domain
from services.monitor.models import AccessLogRow
from services.runtime.clock import as_utc

# The raw-log columns a grouping may name, and the hour (the finest statistics bucket).
LOG_DIMENSIONS = ("api_code", "channel_id", "upstream", "status", "bucket_start")


@dataclass(frozen=True)
class LogCell(domain.RollupCell):
    """A group of raw entries, shaped as a rollup cell, with the upstream and status."""

    upstream: str = ""
    status: int = 0


def _outcome() -> ColumnElement[str]:
    """domain.outcome of a row, in SQL."""
    logs = AccessLogRow
    return case(
        (
            and_(logs.status >= 100, logs.status < 400, logs.response_flags == ""),
            domain.Outcome.SUCCESS.value,
        ),
        (and_(logs.status >= 400, logs.status < 500), domain.Outcome.CLIENT_ERROR.value),
        else_=domain.Outcome.SERVER_ERROR.value,
    )


def _bucket_counts() -> list[ColumnElement[Any]]:
    """Each histogram bucket's count (domain.latency_bucket: bounds inclusive)."""
    bounds = domain.LATENCY_BOUNDS_MS
    duration = AccessLogRow.duration_ms
    counts: list[ColumnElement[Any]] = []
    for index, column in enumerate(domain.BUCKET_COLUMNS):
        conditions = [duration > bounds[index - 1]] if index else []
        conditions += [duration <= bounds[index]] if index < len(bounds) else []
        counts.append(func.sum(case((and_(*conditions), 1), else_=0)).label(column))
    return counts


def _bucket(session: Session, minutes: bool) -> ColumnElement[Any]:
    """The UTC hour (or minute) an entry started in: a naive timestamp (PostgreSQL), or
    "YYYY-MM-DD HH" ("YYYY-MM-DD HH:MM") on SQLite."""
    if session.get_bind().dialect.name == "postgresql":
        unit = "minute" if minutes else "hour"
        return func.date_trunc(unit, func.timezone("UTC", AccessLogRow.started_at))
    return func.substr(AccessLogRow.started_at, 1, 16 if minutes else 13)


def _bucket_value(raw: object) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=UTC) if raw.tzinfo is None else as_utc(raw)
    text = str(raw)
    shape = "%Y-%m-%d %H:%M" if len(text) > 13 else "%Y-%m-%d %H"
    return datetime.strptime(text, shape).replace(tzinfo=UTC)


def log_cells(
    session: Session,
    query: domain.UsageQuery,
    group_by: Sequence[str],
    *,
    upstream: str = "",
    minutes: bool = False,
) -> list[LogCell]:
    """Entries in the query's window summed by `group_by` (of LOG_DIMENSIONS) and outcome;
    only those one upstream served when `upstream`; time buckets of a minute when `minutes`."""
    logs = AccessLogRow
    outcome = _outcome().label("outcome")
    columns: dict[str, Any] = {
        "api_code": logs.api_code,
        "channel_id": logs.channel_id,
        "upstream": logs.upstream_cluster,
        "status": logs.status,
        "bucket_start": _bucket(session, minutes),
    }
    dimensions = [columns[name].label(name) for name in LOG_DIMENSIONS if name in group_by]
    statement: Select[Any] = select(
        *dimensions,
        outcome,
        func.max(logs.channel_code).label("channel_code"),
        func.count().label("calls"),
        func.sum(case((logs.duration_ms > 0, logs.duration_ms), else_=0)).label("duration"),
        func.sum(logs.bytes_received).label("bytes_received"),
        func.sum(logs.bytes_sent).label("bytes_sent"),
        *_bucket_counts(),
    ).where(logs.started_at >= query.window.start, logs.started_at < query.window.end)
    if query.api_codes:
        statement = statement.where(logs.api_code.in_(query.api_codes))
    if query.channel_ids:
        statement = statement.where(logs.channel_id.in_(query.channel_ids))
    if query.outcome is not None:
        statement = statement.where(_outcome() == query.outcome.value)
    if upstream:
        statement = statement.where(logs.upstream_cluster == upstream)
    statement = statement.group_by(*dimensions, outcome)
    cells = []
    for row in session.execute(statement):
        found = row._mapping
        bucket = found.get("bucket_start")
        cells.append(
            LogCell(
                bucket_start=_bucket_value(bucket) if bucket is not None else None,
                api_code=found.get("api_code", ""),
                channel_id=found.get("channel_id", ""),
                channel_code=found["channel_code"] or "",
                outcome=domain.Outcome(found["outcome"]),
                tally=domain.Tally(
                    calls=int(found["calls"]),
                    duration_ms_sum=int(found["duration"] or 0),
                    bytes_received=int(found["bytes_received"] or 0),
                    bytes_sent=int(found["bytes_sent"] or 0),
                    buckets=[int(found[name] or 0) for name in domain.BUCKET_COLUMNS],
                ),
                upstream=found.get("upstream", ""),
                status=int(found.get("status", 0)),
            )
        )
    return cells
