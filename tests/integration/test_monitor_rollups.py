"""Monitor's rollups on real SQLite and PostgreSQL: every stored call counted once, as the rules say.

PostgreSQL rolls a batch up inside the database (one statement with the insert); SQLite in
Python. Both must give exactly the tallies of domain.roll_up for the calls that were new.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import cast

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from services.monitor import domain, store
from services.monitor.models import TrafficHourRow, TrafficMinuteRow, TrafficTotalRow
from services.runtime.clock import as_utc


@pytest.fixture
def engine(monitor_engine: sa.Engine) -> sa.Engine:
    return monitor_engine


def _row(
    started: datetime,
    status: int,
    duration_ms: int,
    *,
    flags: str = "",
    api: str = "his.report.get",
    channel: str = "c1",
    request_id: str | None = None,
) -> dict[str, object]:
    return {
        "request_id": request_id or uuid.uuid4().hex,
        "trace_id": "",
        "started_at": started,
        "channel_id": channel,
        "channel_code": f"code-{channel}",
        "api_code": api,
        "method": "GET",
        "path": "/v1/reports/R1",
        "upstream_cluster": "his",
        "upstream_host": "10.0.0.10:9100",
        "status": status,
        "response_flags": flags,
        "response_code_details": "via_upstream",
        "duration_ms": duration_ms,
        "upstream_ms": -1,
        "bytes_received": 120 + duration_ms % 7,
        "bytes_sent": 900 + duration_ms % 13,
        "client_ip": "10.20.0.1",
        "user_agent": "kiosk/1.0",
        "edge_node_id": "edge-1",
    }


def _stored(
    session: Session, model: type[TrafficMinuteRow | TrafficHourRow]
) -> dict[domain.RollupKey, tuple[str, domain.Tally]]:
    tallies = {}
    rows = cast(
        Sequence[TrafficMinuteRow | TrafficHourRow], session.scalars(sa.select(model)).all()
    )
    for row in rows:
        key = domain.RollupKey(
            as_utc(row.bucket_start), row.api_code, row.channel_id, domain.Outcome(row.outcome)
        )
        tallies[key] = (
            row.channel_code,
            domain.Tally(
                row.calls,
                row.duration_ms_sum,
                row.bytes_received,
                row.bytes_sent,
                [getattr(row, name) for name in domain.BUCKET_COLUMNS],
            ),
        )
    return tallies


def test_every_new_call_is_rolled_up_once_by_minute_hour_and_outcome(engine: sa.Engine) -> None:
    hour = datetime(2026, 3, 1, 9, tzinfo=UTC)
    durations = [-1, 0, 5, 6, 10, 11, 250, 251, 1000, 10_000, 10_001, 60_000]
    statuses = [(200, ""), (302, ""), (204, "DC"), (404, ""), (499, ""), (503, "UF"), (0, "")]
    rows = []
    for number in range(240):
        status, flags = statuses[number % len(statuses)]
        rows.append(
            _row(
                # Across 09:58-10:02: minutes on both sides of an hour boundary.
                hour + timedelta(minutes=58, seconds=number),
                status,
                durations[number % len(durations)],
                flags=flags,
                api=("his.report.get", "his.booking.create")[number % 2],
                channel=("c1", "c2", "c3")[number % 3],
            )
        )
    repeated = dict(rows[0])
    first = [*rows[:150], repeated]  # the same request twice in one batch
    second = [*rows[100:], dict(rows[120])]  # and again in a later batch

    with Session(engine) as session, session.begin():
        assert store.store_calls(session, first, backfilled=False) == 150
    with Session(engine) as session, session.begin():
        assert store.store_calls(session, second, backfilled=True) == 90

    calls = [
        domain.Call(
            r["started_at"],  # type: ignore[arg-type]
            r["api_code"],  # type: ignore[arg-type]
            r["channel_id"],  # type: ignore[arg-type]
            r["channel_code"],  # type: ignore[arg-type]
            r["status"],  # type: ignore[arg-type]
            r["response_flags"],  # type: ignore[arg-type]
            r["duration_ms"],  # type: ignore[arg-type]
            r["bytes_received"],  # type: ignore[arg-type]
            r["bytes_sent"],  # type: ignore[arg-type]
        )
        for r in rows
    ]
    minutes, hours, codes = domain.roll_up(calls)
    with Session(engine) as session:
        assert session.scalar(sa.text("SELECT count(*) FROM access_logs")) == 240
        stored_minutes = _stored(session, TrafficMinuteRow)
        stored_hours = _stored(session, TrafficHourRow)
        totals = {row.outcome: row.calls for row in session.scalars(sa.select(TrafficTotalRow))}
    assert {key: tally for key, (_, tally) in stored_minutes.items()} == minutes
    assert {key: tally for key, (_, tally) in stored_hours.items()} == hours
    assert {key.bucket_start.hour for key in hours} == {9, 10}
    assert all(code == codes[key.channel_id] for key, (code, _) in stored_minutes.items())
    expected_totals: dict[str, int] = {}
    for call in calls:
        outcome = domain.outcome(call.status, call.response_flags).value
        expected_totals[outcome] = expected_totals.get(outcome, 0) + 1
    assert totals == expected_totals
    assert sum(totals.values()) == 240
