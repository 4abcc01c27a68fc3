"""Monitor's persistence: inserts, rollup upserts and queries; the unit of work commits."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import psycopg
from sqlalchemy import (
    ColumnElement,
    Select,
    Table,
    TextClause,
    and_,
    delete,
    func,
    or_,
    select,
    text,
    tuple_,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from services.monitor import domain
from services.monitor.models import (
    AccessLogRow,
    ReconcileCursorRow,
    TrafficHourRow,
    TrafficMinuteRow,
    TrafficTotalRow,
)
from services.runtime.clock import as_utc, utcnow

_LOGS: Table = AccessLogRow.__table__  # type: ignore[assignment]
_MINUTES: Table = TrafficMinuteRow.__table__  # type: ignore[assignment]
_HOURS: Table = TrafficHourRow.__table__  # type: ignore[assignment]
_TOTALS: Table = TrafficTotalRow.__table__  # type: ignore[assignment]
_ROLLUP_KEY = ("bucket_start", "api_code", "channel_id", "outcome")
_SUMMED = ("calls", "duration_ms_sum", "bytes_received", "bytes_sent", *domain.BUCKET_COLUMNS)


def dialect_insert(session: Session, table: Table) -> Any:
    """INSERT with the dialect's ON CONFLICT support (SQLite and PostgreSQL share the syntax)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def store_calls(session: Session, rows: Sequence[Mapping[str, object]], *, backfilled: bool) -> int:
    """Insert access-log rows not stored yet (by request id) and count them in the rollups.

    Returns how many were new. Rows and rollups change in the caller's one transaction.
    """
    if not rows:
        return 0
    # One row per request id (a retried entry may come twice in one batch), sorted by it:
    # concurrent writers (stream and reconciliation) lock in one order.
    unique: dict[str, Mapping[str, object]] = {}
    for row in rows:
        unique.setdefault(str(row["request_id"]), row)
    values = [unique[request_id] for request_id in sorted(unique)]
    if session.get_bind().dialect.name == "postgresql":
        return _store_calls_postgresql(session, values, backfilled)
    return _store_calls_sqlite(session, values, backfilled)


def stored_request_ids(session: Session, request_ids: Sequence[str]) -> set[str]:
    """Which of these request ids have a stored row (the unique index answers each)."""
    stored: set[str] = set()
    for start in range(0, len(request_ids), _ID_QUERY_CHUNK):
        chunk = request_ids[start : start + _ID_QUERY_CHUNK]
        stored.update(
            session.scalars(select(_LOGS.c.request_id).where(_LOGS.c.request_id.in_(chunk)))
        )
    return stored


# Ids per query: well inside SQLite's limit on bound parameters.
_ID_QUERY_CHUNK = 900

_BATCH_TABLE = "access_log_batch"
_BATCH_COLUMNS = tuple(c.name for c in _LOGS.columns if c.name not in ("log_id", "backfilled"))
_STARTED_AT = _BATCH_COLUMNS.index("started_at")


def outcome_sql() -> str:
    """domain.outcome of an access_logs row, as an SQL expression."""
    success, client, server = (o.value for o in domain.Outcome)
    return (
        f"CASE WHEN status >= 100 AND status < 400 AND response_flags = '' THEN '{success}' "
        f"WHEN status >= 400 AND status < 500 THEN '{client}' ELSE '{server}' END"
    )


def latency_bucket_sql() -> dict[str, str]:
    """Each histogram column's count of access_logs rows (domain.latency_bucket), in SQL."""
    bounds = domain.LATENCY_BOUNDS_MS
    counts = {}
    for index, column in enumerate(domain.BUCKET_COLUMNS):
        within = [f"duration_ms > {bounds[index - 1]}"] if index else []
        within += [f"duration_ms <= {bounds[index]}"] if index < len(bounds) else []
        counts[column] = f"count(*) FILTER (WHERE {' AND '.join(within)})"
    return counts


@functools.cache
def _postgresql_store_statement() -> TextClause:
    """One statement: insert the new rows, roll them up by minute and hour, count them.

    The same rules as domain.roll_up (domain.outcome, domain.latency_bucket), in SQL, so that
    the rows never travel back to Python: at thousands of entries a second, building and
    summing them in Python cost more than the database's work.
    """
    names = ", ".join(_BATCH_COLUMNS)
    outcome = outcome_sql()
    buckets = [f"{count} AS {column}" for column, count in latency_bucket_sql().items()]
    summed = ", ".join(_SUMMED)
    key = ", ".join(_ROLLUP_KEY)

    def upsert(table: str, source: str) -> str:
        updates = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in _SUMMED)
        return (
            f"INSERT INTO {table} ({key}, channel_code, {summed}) {source} "
            f"ON CONFLICT ({key}) DO UPDATE SET {updates}, channel_code = excluded.channel_code"
        )

    # Rollup rows are upserted in key order, so that concurrent writers lock them in one order.
    by_minute = f"SELECT {key}, channel_code, {summed} FROM cells ORDER BY {key}"  # noqa: S608
    hour_sums = ", ".join(f"sum({name})" for name in _SUMMED)
    by_hour = (
        "SELECT date_trunc('hour', bucket_start, 'UTC'), api_code, channel_id, outcome, "  # noqa: S608
        f"max(channel_code), {hour_sums} FROM cells GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
    )
    minutes, hours = upsert("traffic_minutes", by_minute), upsert("traffic_hours", by_hour)
    return text(f"""
        WITH new AS (
            INSERT INTO access_logs ({names}, backfilled)
            SELECT {names}, :backfilled FROM {_BATCH_TABLE} ORDER BY request_id
            ON CONFLICT (request_id) DO NOTHING
            RETURNING started_at, api_code, channel_id, channel_code, status, response_flags,
                duration_ms, bytes_received, bytes_sent
        ), cells AS (
            SELECT date_trunc('minute', started_at, 'UTC') AS bucket_start, api_code,
                channel_id, {outcome} AS outcome, max(channel_code) AS channel_code,
                count(*) AS calls, sum(greatest(duration_ms, 0)) AS duration_ms_sum,
                sum(bytes_received) AS bytes_received, sum(bytes_sent) AS bytes_sent,
                {", ".join(buckets)}
            FROM new GROUP BY 1, 2, 3, 4
        ), minutes AS (
            {minutes}
        ), hours AS (
            {hours}
        ), totals AS (
            INSERT INTO traffic_totals (outcome, calls)
            SELECT outcome, sum(calls) FROM cells GROUP BY outcome ORDER BY outcome
            ON CONFLICT (outcome) DO UPDATE SET calls = traffic_totals.calls + excluded.calls
        )
        SELECT count(*) FROM new
    """)  # noqa: S608 - names from the models and the domain, no input


def _store_calls_postgresql(
    session: Session, values: Sequence[Mapping[str, object]], backfilled: bool
) -> int:
    # The batch goes in by COPY to a temporary table (emptied at commit), then one statement
    # moves the new rows and their rollups: COPY rows are formatted in C and parsed cheaply by
    # the server, where per-value parameters, arrays or JSON cost more than the insert itself.
    names = ", ".join(_BATCH_COLUMNS)
    session.execute(
        text(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {_BATCH_TABLE} ON COMMIT DELETE ROWS AS "  # noqa: S608
            f"SELECT {names} FROM access_logs WITH NO DATA"
        )
    )
    connection = session.connection().connection.dbapi_connection
    assert isinstance(connection, psycopg.Connection)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {_BATCH_TABLE} ({names}) FROM STDIN") as copy,
    ):
        for row in values:
            copy.write_row([row[name] for name in _BATCH_COLUMNS])
    stored = session.scalar(_postgresql_store_statement(), {"backfilled": backfilled})
    return int(stored or 0)


@functools.cache
def _sqlite_statements() -> tuple[str, tuple[str, ...]]:
    """The insert of one row, and the statements that roll up the rows just inserted.

    The rollup statements take the range of log ids the insert gave (`:first`, `:last`) and
    apply domain.roll_up's rules in SQL, as on PostgreSQL. Times are stored as SQLAlchemy's
    SQLite DATETIME stores them ("YYYY-MM-DD HH:MM:SS.ffffff", UTC), so a minute or an hour
    is a prefix of the text.
    """
    names = (*_BATCH_COLUMNS, "backfilled")
    insert = (
        f"INSERT INTO access_logs ({', '.join(names)}) "  # noqa: S608
        f"VALUES ({', '.join('?' * len(names))}) ON CONFLICT (request_id) DO NOTHING"
    )
    outcome = outcome_sql()
    buckets = ", ".join(latency_bucket_sql().values())
    summed = ", ".join(_SUMMED)
    key = ", ".join(_ROLLUP_KEY)
    updates = ", ".join(f"{name} = {{table}}.{name} + excluded.{name}" for name in _SUMMED)

    def upsert(table: str, start: str) -> str:
        # "WHERE true": SQLite's parser needs it between a SELECT and ON CONFLICT.
        return (
            f"INSERT INTO {table} ({key}, channel_code, {summed}) "  # noqa: S608
            f"SELECT {start}, api_code, channel_id, {outcome}, max(channel_code), count(*), "
            f"sum(max(duration_ms, 0)), sum(bytes_received), sum(bytes_sent), {buckets} "
            "FROM access_logs WHERE log_id BETWEEN :first AND :last "
            f"GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 "
            f"ON CONFLICT ({key}) DO UPDATE SET {updates.format(table=table)}, "
            "channel_code = excluded.channel_code"
        )

    totals = (
        f"INSERT INTO traffic_totals (outcome, calls) SELECT {outcome}, count(*) "  # noqa: S608
        "FROM access_logs WHERE log_id BETWEEN :first AND :last GROUP BY 1 ORDER BY 1 "
        "ON CONFLICT (outcome) DO UPDATE SET calls = traffic_totals.calls + excluded.calls"
    )
    return insert, (
        upsert("traffic_minutes", "substr(started_at, 1, 16) || ':00.000000'"),
        upsert("traffic_hours", "substr(started_at, 1, 13) || ':00:00.000000'"),
        totals,
    )


def _sqlite_time(moment: datetime) -> str:
    # As SQLAlchemy's SQLite DATETIME writes it, in UTC; isoformat is the fast way there.
    if moment.tzinfo is not UTC:
        moment = as_utc(moment)
    return moment.replace(tzinfo=None).isoformat(" ", "microseconds")


def _store_calls_sqlite(
    session: Session, values: Sequence[Mapping[str, object]], backfilled: bool
) -> int:
    # The driver's executemany formats the rows in C; SQLAlchemy's per-row parameter handling
    # cost several times the insert itself. The insert is the transaction's first statement on
    # the database, so it takes the write lock before anything is read (no stale snapshot), and
    # while the lock is held the rows it adds get consecutive log ids: the rollups are summed
    # from exactly those rows, in SQL.
    insert, rollups = _sqlite_statements()
    connection = session.connection().connection.dbapi_connection
    assert isinstance(connection, sqlite3.Connection)
    flag = 1 if backfilled else 0
    before = connection.total_changes
    cursor = connection.cursor()
    try:
        cursor.executemany(
            insert,
            (
                [
                    *(row[name] for name in _BATCH_COLUMNS[:_STARTED_AT]),
                    _sqlite_time(row["started_at"]),  # type: ignore[arg-type]
                    *(row[name] for name in _BATCH_COLUMNS[_STARTED_AT + 1 :]),
                    flag,
                ]
                for row in values
            ),
        )
        inserted = connection.total_changes - before
        if inserted:
            last = cursor.execute("SELECT last_insert_rowid()").fetchone()[0]
            bounds = {"first": last - inserted + 1, "last": last}
            for statement in rollups:
                cursor.execute(statement, bounds)
    finally:
        cursor.close()
    return inserted


def cumulative_calls(session: Session) -> int:
    return int(session.scalar(select(func.coalesce(func.sum(_TOTALS.c.calls), 0))) or 0)


# Rollup queries.

_DIMENSIONS = ("bucket_start", "api_code", "channel_id")


def rollup_cells(
    session: Session,
    query: domain.UsageQuery,
    group_by: Sequence[str],
    *,
    minutes_only: bool = False,
) -> list[domain.RollupCell]:
    """Rollup cells in the query's window, summed by `group_by` (of _DIMENSIONS) and outcome.

    Whole hours come from the hour table and the minute edges from the minute table, so a
    long range costs O(hours × services × channels); `minutes_only` for minute-fine series.
    """
    hours, edges = query.window.rollup_parts()
    if minutes_only:
        hours, edges = None, [domain.Window(query.window.start, query.window.end)]
    parts = [(_HOURS, hours)] if hours else []
    parts += [(_MINUTES, edge) for edge in edges]
    cells: list[domain.RollupCell] = []
    for table, window in parts:
        assert window is not None
        dimensions = [table.c[name] for name in group_by if name in _DIMENSIONS]
        statement: Select[Any] = select(
            *dimensions,
            table.c.outcome,
            func.max(table.c.channel_code).label("channel_code"),
            *(func.sum(table.c[name]).label(name) for name in _SUMMED),
        ).where(table.c.bucket_start >= window.start, table.c.bucket_start < window.end)
        if query.api_codes:
            statement = statement.where(table.c.api_code.in_(query.api_codes))
        if query.channel_ids:
            statement = statement.where(table.c.channel_id.in_(query.channel_ids))
        if query.outcome is not None:
            statement = statement.where(table.c.outcome == query.outcome.value)
        statement = statement.group_by(*dimensions, table.c.outcome)
        for row in session.execute(statement):
            mapping = row._mapping
            bucket = mapping.get("bucket_start")
            cells.append(
                domain.RollupCell(
                    bucket_start=as_utc(bucket) if bucket is not None else None,
                    api_code=mapping.get("api_code", ""),
                    channel_id=mapping.get("channel_id", ""),
                    channel_code=mapping["channel_code"] or "",
                    outcome=domain.Outcome(mapping["outcome"]),
                    tally=domain.Tally(
                        calls=int(mapping["calls"]),
                        duration_ms_sum=int(mapping["duration_ms_sum"]),
                        bytes_received=int(mapping["bytes_received"]),
                        bytes_sent=int(mapping["bytes_sent"]),
                        buckets=[int(mapping[name]) for name in domain.BUCKET_COLUMNS],
                    ),
                )
            )
    return cells


# Log query.


def _log_conditions(query: domain.LogQuery) -> list[ColumnElement[bool]]:
    logs = AccessLogRow
    conditions: list[ColumnElement[bool]] = [
        logs.started_at >= query.window.start,
        logs.started_at < query.window.end,
    ]
    if query.api_codes:
        conditions.append(logs.api_code.in_(query.api_codes))
    if query.channel_ids:
        conditions.append(logs.channel_id.in_(query.channel_ids))
    if query.status_codes:
        conditions.append(logs.status.in_(query.status_codes))
    if query.status_classes:
        conditions.append(
            or_(
                *(
                    and_(logs.status >= c * 100, logs.status < (c + 1) * 100)
                    for c in query.status_classes
                )
            )
        )
    if query.outcome is domain.Outcome.SUCCESS:
        conditions += [logs.status >= 100, logs.status < 400, logs.response_flags == ""]
    elif query.outcome is domain.Outcome.CLIENT_ERROR:
        conditions += [logs.status >= 400, logs.status < 500]
    elif query.outcome is domain.Outcome.SERVER_ERROR:
        conditions.append(
            or_(
                logs.status < 100,
                logs.status >= 500,
                and_(logs.status < 400, logs.response_flags != ""),
            )
        )
    if query.min_duration_ms:
        conditions.append(logs.duration_ms > query.min_duration_ms)
    for column, wanted in (
        (logs.client_ip, query.client_ip),
        (logs.request_id, query.request_id),
        (logs.trace_id, query.trace_id),
        (logs.method, query.method),
        (logs.upstream_cluster, query.upstream),
    ):
        if wanted:
            conditions.append(column == wanted)
    if query.path_prefix:
        conditions.append(logs.path.startswith(query.path_prefix, autoescape=True))
    if query.response_flag:
        conditions.append(logs.response_flags.contains(query.response_flag, autoescape=True))
    return conditions


def list_logs(
    session: Session, query: domain.LogQuery, after: domain.LogCursor | None, limit: int
) -> list[AccessLogRow]:
    """Newest first; after a cursor, the entries strictly older than it."""
    statement = select(AccessLogRow).where(*_log_conditions(query))
    if after is not None:
        statement = statement.where(
            tuple_(AccessLogRow.started_at, AccessLogRow.log_id) < (after.started_at, after.log_id)
        )
    statement = statement.order_by(
        AccessLogRow.started_at.desc(), AccessLogRow.log_id.desc()
    ).limit(limit)
    return list(session.scalars(statement))


def count_logs(session: Session, query: domain.LogQuery) -> int:
    statement = select(func.count()).select_from(AccessLogRow).where(*_log_conditions(query))
    return int(session.scalar(statement) or 0)


def log_by_request_id(session: Session, request_id: str) -> AccessLogRow | None:
    return session.scalar(select(AccessLogRow).where(AccessLogRow.request_id == request_id))


# Retention.


def purge_logs_batch(session: Session, before: datetime, batch: int) -> int:
    """Delete up to `batch` of the oldest entries started before `before`; how many went."""
    oldest = (
        select(AccessLogRow.log_id)
        .where(AccessLogRow.started_at < before)
        .order_by(AccessLogRow.started_at)
        .limit(batch)
        .scalar_subquery()
    )
    result = session.execute(delete(AccessLogRow).where(AccessLogRow.log_id.in_(oldest)))
    return int(getattr(result, "rowcount", 0) or 0)


def purge_rollups_bucket(session: Session, table_name: str, before: datetime) -> int:
    """Delete the oldest time bucket of a rollup table if it starts before `before`.

    One bucket holds O(services × channels) rows: a small batch.
    """
    table = {"traffic_minutes": _MINUTES, "traffic_hours": _HOURS}[table_name]
    oldest = session.scalar(select(func.min(table.c.bucket_start)))
    if oldest is None or as_utc(oldest) >= before:
        return 0
    result = session.execute(delete(table).where(table.c.bucket_start == oldest))
    return int(getattr(result, "rowcount", 0) or 0)


def count_logs_before(session: Session, before: datetime) -> int:
    statement = select(func.count()).select_from(AccessLogRow)
    return int(session.scalar(statement.where(AccessLogRow.started_at < before)) or 0)


def oldest_log_time(session: Session) -> datetime | None:
    oldest = session.scalar(select(func.min(AccessLogRow.started_at)))
    return as_utc(oldest) if oldest is not None else None


# Reconciliation cursor.


def reconcile_cursor(session: Session, source: str) -> ReconcileCursorRow:
    """The cursor row of a file, created at offset 0 and locked for this transaction."""
    statement = select(ReconcileCursorRow).where(ReconcileCursorRow.source == source)
    if session.get_bind().dialect.name == "postgresql":
        statement = statement.with_for_update()
    row = session.scalar(statement)
    if row is None:
        row = ReconcileCursorRow(
            source=source,
            file_id="",
            offset=0,
            lines_read=0,
            backfilled_entries=0,
            updated_at=utcnow(),
        )
        session.add(row)
        session.flush()
    return row
