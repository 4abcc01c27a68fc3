"""Reconciling Envoy's file access log with the stored rows, on real SQLite and PostgreSQL.

Every line of the file log passes here once, nearly all of them stored by the gRPC stream
already; only the others may be stored, each once, and a line younger than the grace period
waits for its gRPC copy.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from services.monitor import store
from services.monitor.housekeeping import reconcile_chunk
from services.monitor.ingest import file_row_values
from services.monitor.models import AccessLogRow

GRACE = timedelta(seconds=10)


def envoy_line(request_id: str | None, started: datetime, *, status: int = 200) -> str:
    """A line as Envoy's JSON formatter writes it: keys sorted, no spaces, typed numbers."""
    fields = {
        "api": "his.report.get",
        "bytes_received": 0,
        "bytes_sent": 321,
        "channel_code": "kiosk",
        "channel_id": "id-kiosk",
        "client": "10.1.1.1",
        "details": "via_upstream",
        "duration_ms": 1200,
        "flags": "-",
        "method": "GET",
        "path": "/v1/reports/R1",
        "request_id": request_id,
        "status": status,
        "time": started.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
        "traceparent": None,
        "upstream_host": "127.0.0.1:9100",
        "upstream_ms": 1100,
        "user_agent": None,
    }
    return json.dumps(fields, separators=(",", ":"), ensure_ascii=False)


def reconcile(engine: sa.Engine, log: Path, now: datetime) -> tuple[int, int, bool]:
    with Session(engine) as session, session.begin():
        result = reconcile_chunk(session, log, now, GRACE, max_lines=4)
    return result.lines, result.backfilled, result.caught_up


def stored(engine: sa.Engine) -> dict[str, tuple[int, bool]]:
    with Session(engine) as session:
        rows = session.execute(
            sa.select(AccessLogRow.request_id, AccessLogRow.status, AccessLogRow.backfilled)
        )
        return {request_id: (status, backfilled) for request_id, status, backfilled in rows}


def test_only_the_lines_the_stream_lost_are_stored_once(monitor_engine: sa.Engine, tmp_path: Path):
    now = datetime.now(UTC)
    old = now - timedelta(minutes=2)
    streamed = [str(uuid.uuid4()) for _ in range(5)]
    lost = [str(uuid.uuid4()) for _ in range(3)]
    lines = [envoy_line(request_id, old) for request_id in streamed]
    with Session(monitor_engine) as session, session.begin():
        rows = [file_row_values(json.loads(line)) for line in lines]
        store.store_calls(session, [row for row in rows if row is not None], backfilled=False)
    lines[1:1] = [envoy_line(lost[0], old, status=502)]
    # A line whose id Envoy escaped is read by parsing it, not searching it.
    hidden = lost[1][:8] + "\\u002d" + lost[1][9:]
    escaped = envoy_line(lost[1], old, status=503).replace(lost[1], hidden)
    assert lost[1] in json.loads(escaped)["request_id"] and lost[1] not in escaped
    lines.append(escaped)
    # A line without a request id cannot be stored, and does not stop the others.
    lines.append(envoy_line(None, old))
    lines.append(envoy_line(lost[2], old, status=504))
    # This request started 10.5 s ago but ended 9.3 s ago (1.2 s long), within the grace
    # period: its gRPC copy may still come, so it waits, and so does everything after it.
    young = str(uuid.uuid4())
    lines.append(envoy_line(young, now - timedelta(seconds=10.5)))
    lines.append(envoy_line(str(uuid.uuid4()), old))
    log = tmp_path / "channel-access.log"
    # The last line is still being written.
    log.write_text("\n".join(lines) + "\n" + lines[0][:30], encoding="utf-8")

    # Four lines a chunk: a full chunk is not the end of what may be read.
    assert reconcile(monitor_engine, log, now) == (4, 1, False)
    assert reconcile(monitor_engine, log, now) == (4, 1, False)
    assert reconcile(monitor_engine, log, now) == (1, 1, True)
    rows = stored(monitor_engine)
    assert {request_id: rows[request_id] for request_id in lost} == {
        lost[0]: (502, True),
        lost[1]: (503, True),
        lost[2]: (504, True),
    }
    assert all(rows[request_id] == (200, False) for request_id in streamed)
    assert young not in rows and len(rows) == 8
    # Read again, as after a restart: the cursor kept its place, nothing is added.
    assert reconcile(monitor_engine, log, now) == (0, 0, True)
    # Once the young line is old enough, it and the line after it are stored.
    later = now + GRACE
    assert reconcile(monitor_engine, log, later) == (2, 2, True)
    assert stored(monitor_engine)[young] == (200, True)
