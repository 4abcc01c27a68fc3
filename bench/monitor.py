"""Monitor at hospital scale on PostgreSQL: access-log ingest, the home page, the log query.

Three figures, each beside a baseline from the same run:

- ingest: Envoy's access-log entries (the StreamAccessLogs messages Envoy sends) streamed to
  monitor from several concurrent streams for a fixed time, as fast as monitor stores them;
  the rate counts until every entry sent is stored, and a single lost or doubled entry fails
  the run. Baseline: the same rows COPYed straight into a table with access_logs' indexes —
  what PostgreSQL alone takes on this machine.
- home page: p95 of GetTrafficOverview, ListTopServices and ListTopChannels (the slowest of
  the three) with 10 million stored requests and their rollups; baseline: a nearly empty
  database.
- log query: p95 of ListAccessLogs for one hour and one API service, as the console asks for
  it, at 10 million rows; baseline: the same on a nearly empty database.

The stored requests are generated inside PostgreSQL (generate_series) and rolled up with
INSERT ... SELECT ... GROUP BY by the same rules as monitor's (domain.outcome, the latency
buckets); the benchmark checks that the rollups count every row.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import psycopg
from envoy.config.core.v3 import address_pb2, base_pb2
from envoy.data.accesslog.v3 import accesslog_pb2
from envoy.service.accesslog.v3 import als_pb2
from google.protobuf import timestamp_pb2
from sqlalchemy import Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateIndex

from bench.results import Figure, ratio
from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalOptions, LocalPlatform
from services.monitor import domain, store
from services.monitor.ingest import row_values
from services.monitor.models import AccessLogRow
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import logs_pb2, logs_pb2_grpc
from wailian.monitor.v1 import traffic_pb2 as tp
from wailian.monitor.v1 import traffic_pb2_grpc as tg

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DEFAULT_ROWS = 10_000_000
BASELINE_ROWS = 10_000
DAYS = 7
API_SERVICES = 100
CHANNELS = 30
CHANNELS_PER_SERVICE = 5
STREAMS = 4
ENTRIES_PER_MESSAGE = 50
INGEST_SECONDS = 10
# Entries sent but not yet stored; half of monitor's default buffer, so none is dropped.
IN_FLIGHT = 50_000
QUERIES_PER_RPC = 100
INGEST_FLOOR = 20_000.0
HOME_CEILING_MS = 50.0
LOG_QUERY_CEILING_MS = 300.0

BASELINE_NAMES = {
    "monitor.ingest_entries_per_second": "COPY into PostgreSQL",
    "monitor.ingest_vs_edge_requests_per_second": "the edge, full policy",
    "monitor.home_rpc_p95_ms": f"{BASELINE_ROWS:,} requests",
    "monitor.log_query_p95_ms": f"{BASELINE_ROWS:,} requests",
}

_ALS_METHOD = "/envoy.service.accesslog.v3.AccessLogService/StreamAccessLogs"
_PLACEHOLDER = b"@" * 16
_ID_CARD = "110101199003074518"
_PATIENT_PATH = f"/v1/patients/{_ID_CARD}/reports?mobile=13812345678"


def _log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def bench_rows(env: Mapping[str, str]) -> int:
    """How many stored requests (WAILIAN_BENCH_MONITOR_ROWS, default 10 million)."""
    raw = env.get("WAILIAN_BENCH_MONITOR_ROWS", "").strip().replace("_", "")
    if not raw:
        return DEFAULT_ROWS
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"WAILIAN_BENCH_MONITOR_ROWS={raw!r} is not a whole number") from None
    if not BASELINE_ROWS <= value <= 100_000_000:
        raise ValueError(f"WAILIAN_BENCH_MONITOR_ROWS={value} is outside {BASELINE_ROWS:,}-1e8")
    return value


def _p95(timings: list[float]) -> float:
    return statistics.quantiles(timings, n=100)[94]


# The database.


@contextmanager
def fresh_database() -> Iterator[str]:
    """A new PostgreSQL database for monitor (SQLAlchemy URL), dropped afterwards."""
    admin_url = os.environ.get("WAILIAN_BENCH_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"wl_bench_monitor_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        raise RuntimeError(
            f"monitor benchmark needs PostgreSQL (WAILIAN_BENCH_POSTGRES_URL): {error}"
        ) from None
    try:
        yield (
            admin_url.replace("postgresql://", "postgresql+psycopg://").rsplit("/", 1)[0]
            + f"/{name}"
        )
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _connect(url: str) -> psycopg.Connection[Any]:
    return psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)


def _generate_sql(rows: int, start: datetime, span: timedelta) -> str:
    """access_logs rows spread evenly over the span, services and channels hashed from g."""
    seconds = span.total_seconds()
    # Knuth's multiplicative hash of the row number: cheap, deterministic, well spread.
    h = "((g::bigint * 2654435761) % 4294967296)"
    api = f"({h} % {API_SERVICES})"
    channel = f"(({api} * 7 + ({h} / {API_SERVICES}) % {CHANNELS_PER_SERVICE}) % {CHANNELS})"
    roll = f"(({h} / 1000) % 1000)"
    return f"""
        INSERT INTO access_logs (
            request_id, trace_id, started_at, channel_id, channel_code, api_code, method, path,
            upstream_cluster, upstream_host, status, response_flags, response_code_details,
            duration_ms, upstream_ms, bytes_received, bytes_sent, client_ip, user_agent,
            edge_node_id, backfilled)
        SELECT
            md5('r' || g), md5('t' || g),
            TIMESTAMPTZ '{start.isoformat()}' + (g * {seconds / rows!r}) * INTERVAL '1 second',
            'bench-channel-' || {channel}, 'channel' || {channel},
            'bench.api' || lpad({api}::text, 3, '0'), 'GET',
            '/v1/bench/api' || lpad({api}::text, 3, '0') || '/P' || (g % 100000),
            'upstream_his', '10.0.0.10:9100',
            CASE WHEN {roll} < 900 THEN 200 WHEN {roll} < 940 THEN 404 WHEN {roll} < 960
                THEN 401 WHEN {roll} < 990 THEN 503 ELSE 200 END,
            CASE WHEN {roll} >= 990 THEN 'UF' ELSE '' END,
            CASE WHEN {roll} >= 990 THEN 'upstream_reset_before_response_started' ELSE
                'via_upstream' END,
            ({h} / 7) % 180 + CASE WHEN {roll} % 50 = 0 THEN 2000 ELSE 1 END,
            ({h} / 7) % 170,
            300 + g % 700, 500 + g % 3000,
            '10.20.' || (g % 250) || '.' || ({h} % 250), 'bench/1.0', 'edge-1', FALSE
        FROM generate_series(1, {rows}) AS g
    """


def _rollup_sql() -> list[str]:
    summed = "calls, duration_ms_sum, bytes_received, bytes_sent, " + ", ".join(
        domain.BUCKET_COLUMNS
    )
    columns = f"bucket_start, api_code, channel_id, outcome, channel_code, {summed}"
    buckets = ", ".join(store.latency_bucket_sql().values())
    return [
        f"""INSERT INTO traffic_minutes ({columns})
            SELECT date_trunc('minute', started_at), api_code, channel_id, {store.outcome_sql()},
                max(channel_code), count(*), sum(greatest(duration_ms, 0)),
                sum(bytes_received), sum(bytes_sent), {buckets}
            FROM access_logs GROUP BY 1, 2, 3, 4""",
        f"""INSERT INTO traffic_hours ({columns})
            SELECT date_trunc('hour', bucket_start), api_code, channel_id, outcome,
                max(channel_code), {", ".join(f"sum({name})" for name in summed.split(", "))}
            FROM traffic_minutes GROUP BY 1, 2, 3, 4""",
        """INSERT INTO traffic_totals (outcome, calls)
            SELECT outcome, sum(calls) FROM traffic_hours GROUP BY outcome""",
    ]


def generate_requests(url: str, rows: int, end: datetime) -> None:
    """Replace monitor's traffic with `rows` requests before `end`, rolled up.

    Every size has the same traffic per hour (DEFAULT_ROWS in DAYS): a smaller database covers
    a shorter time, so the same queries find as much in their window.

    The indexes are dropped and built again afterwards (what a bulk load does); they are the
    models' own definitions, the same the migrations create.
    """
    table: Table = AccessLogRow.__table__  # type: ignore[assignment]
    indexes = sorted(table.indexes, key=lambda index: str(index.name))
    ddl = {
        str(index.name): str(CreateIndex(index).compile(dialect=postgresql.dialect()))
        for index in indexes
    }
    span = timedelta(days=DAYS) * rows / DEFAULT_ROWS
    with _connect(url) as connection:
        connection.execute("SET TIME ZONE 'UTC'")
        connection.execute("SET maintenance_work_mem = '512MB'")
        connection.execute("SET synchronous_commit = off")
        connection.execute(
            "TRUNCATE access_logs, traffic_minutes, traffic_hours, traffic_totals RESTART IDENTITY"
        )
        for name in ddl:
            connection.execute(f"DROP INDEX IF EXISTS {name}")
        started = time.perf_counter()
        connection.execute(_generate_sql(rows, end - span, span))
        _log(f"{rows:,} requests generated in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        for statement in ddl.values():
            connection.execute(statement)
        _log(f"indexes built in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        for statement in _rollup_sql():
            connection.execute(statement)
        connection.execute("VACUUM ANALYZE access_logs")
        connection.execute("VACUUM ANALYZE traffic_minutes")
        connection.execute("VACUUM ANALYZE traffic_hours")
        counted = connection.execute("SELECT sum(calls) FROM traffic_totals").fetchone()
        _log(f"rolled up in {time.perf_counter() - started:.0f} s")
    if counted is None or counted[0] != rows:
        raise RuntimeError(f"the rollups count {counted} calls, not the {rows:,} generated")


# Ingest.


def _stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def _entry(number: int, started: datetime) -> accesslog_pb2.HTTPAccessLogEntry:
    """One entry shaped as the edge's Envoy sends it; its request id holds the placeholder."""
    api = f"bench.api{number % API_SERVICES:03d}"
    channel = (number * 7) % CHANNELS
    status = (200, 200, 200, 200, 200, 200, 200, 200, 404, 503)[number % 10]
    public_path = _PATIENT_PATH if number % 10 == 0 else f"/v1/doctors/D{number:06d}"
    common = accesslog_pb2.AccessLogCommon(
        start_time=_stamp(started),
        route_name=api,
        upstream_cluster="upstream_his",
        downstream_remote_address=address_pb2.Address(
            socket_address=address_pb2.SocketAddress(address=f"10.20.0.{number % 250}")
        ),
        upstream_remote_address=address_pb2.Address(
            socket_address=address_pb2.SocketAddress(address="10.0.0.10", port_value=9100)
        ),
    )
    common.time_to_last_downstream_tx_byte.FromMilliseconds(3 + number % 120)
    common.time_to_last_upstream_rx_byte.FromMilliseconds(2 + number % 110)
    request = accesslog_pb2.HTTPRequestProperties(
        request_method=base_pb2.GET,
        path=f"/his{public_path}",
        request_id=(_PLACEHOLDER + f"-{number:03d}".encode()).decode(),
        user_agent="hospital-app/3.2 (Android 14)",
        request_headers_bytes=420,
        request_headers={
            "x-wailian-channel-id": f"bench-channel-{channel}",
            "x-wailian-channel-code": f"channel{channel}",
            "x-wailian-public-path": public_path,
            "traceparent": f"00-{uuid.UUID(int=number).hex}-{number:016x}-01",
        },
    )
    response = accesslog_pb2.HTTPResponseProperties(
        response_headers_bytes=180, response_body_bytes=900, response_code_details="via_upstream"
    )
    response.response_code.value = status
    return accesslog_pb2.HTTPAccessLogEntry(
        common_properties=common, request=request, response=response
    )


@dataclass(frozen=True)
class IngestResult:
    sent: int
    stored: int
    seconds: float
    monitor_cpu_seconds: float | None


def _cpu_seconds(pid: int) -> float | None:
    """User and system CPU time of a process so far (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class _Progress:
    """How many entries monitor has written or lost, from its Prometheus metrics."""

    _LINE = re.compile(
        r'^wailian_monitor_access_log_entries_total\{result="(\w+)"\} ([0-9.e+]+)$', re.M
    )

    def __init__(self, metrics_url: str) -> None:
        self.url = metrics_url
        self.counts: dict[str, int] = {}
        self.read()

    def read(self) -> dict[str, int]:
        with urllib.request.urlopen(self.url, timeout=5) as response:  # loopback
            text = response.read().decode()
        self.counts = {result: int(float(value)) for result, value in self._LINE.findall(text)}
        return self.counts

    def get(self, result: str) -> int:
        return self.counts.get(result, 0)


def stream_entries(platform: LocalPlatform, seconds: float) -> IngestResult:
    """Stream entries from STREAMS streams for `seconds`; wait until monitor stored them all."""
    started_at = datetime.now(UTC) - timedelta(seconds=1)
    template = als_pb2.StreamAccessLogsMessage(
        http_logs=als_pb2.StreamAccessLogsMessage.HTTPAccessLogEntries(
            log_entry=[_entry(number, started_at) for number in range(ENTRIES_PER_MESSAGE)]
        )
    ).SerializeToString()
    assert template.count(_PLACEHOLDER) == ENTRIES_PER_MESSAGE
    run = uuid.uuid4().hex[:6]
    progress = _Progress(f"http://127.0.0.1:{platform.http_ports['monitor']}/metrics")
    before = dict(progress.counts)
    sent = [0] * STREAMS
    lock = threading.Lock()
    stop = threading.Event()
    deadline = time.monotonic() + seconds

    def in_flight() -> int:
        with lock:
            total = sum(sent)
        stored = sum(progress.get(k) - before.get(k, 0) for k in ("written", "duplicates"))
        return total - stored

    def messages(stream: int) -> Iterator[bytes]:
        identifier = als_pb2.StreamAccessLogsMessage(
            identifier=als_pb2.StreamAccessLogsMessage.Identifier(
                node=base_pb2.Node(id=f"bench-edge-{stream}"), log_name="channel"
            )
        ).SerializeToString()
        sequence = 0
        first = True
        while time.monotonic() < deadline:
            if in_flight() > IN_FLIGHT:
                time.sleep(0.005)
                continue
            message = template.replace(_PLACEHOLDER, f"{run}{stream:02d}{sequence:08d}".encode())
            sequence += 1
            with lock:
                sent[stream] += ENTRIES_PER_MESSAGE
            yield identifier + message if first else message
            first = False

    def watch() -> None:
        while not stop.wait(0.1):
            progress.read()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    monitor_pid = platform.children["monitor"].process.pid
    cpu_before = _cpu_seconds(monitor_pid)
    begun = time.perf_counter()
    try:
        with (
            platform.grpc_channel("monitor") as channel,
            ThreadPoolExecutor(max_workers=STREAMS) as pool,
        ):
            call = channel.stream_unary(
                _ALS_METHOD,
                request_serializer=None,
                response_deserializer=als_pb2.StreamAccessLogsResponse.FromString,
            )
            streams = [
                pool.submit(call, messages(stream), timeout=seconds + 60)
                for stream in range(STREAMS)
            ]
            for stream in streams:
                stream.result()  # a refused or broken stream fails the run
        total = sum(sent)
        wait_until = time.monotonic() + 120
        done = 0
        while done < total:
            if time.monotonic() > wait_until:
                raise RuntimeError(f"monitor took {done:,} of {total:,} entries in 120 s")
            time.sleep(0.02)
            counts = progress.read()
            done = sum(
                counts.get(k, 0) - before.get(k, 0)
                for k in ("written", "duplicates", "dropped", "failed")
            )
        elapsed = time.perf_counter() - begun
        cpu_after = _cpu_seconds(monitor_pid)
    finally:
        stop.set()
        watcher.join()
    lost = {k: progress.get(k) - before.get(k, 0) for k in ("duplicates", "dropped", "failed")}
    if any(lost.values()):
        raise RuntimeError(f"monitor lost access-log entries: {lost} of {total:,} sent")
    return IngestResult(
        sent=total,
        stored=progress.get("written") - before.get("written", 0),
        seconds=elapsed,
        monitor_cpu_seconds=(
            cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
        ),
    )


def copy_rate(url: str, entries: int) -> float:
    """Entries per second PostgreSQL takes by COPY into a table with access_logs' indexes."""
    started_at = datetime.now(UTC)
    templates = [row_values(_entry(number, started_at)) for number in range(ENTRIES_PER_MESSAGE)]
    columns = [c.name for c in AccessLogRow.__table__.columns if c.name != "log_id"]
    buffer = io.StringIO()
    for index in range(entries):
        row = dict(templates[index % ENTRIES_PER_MESSAGE])
        row["request_id"] = f"copy{index:012d}-{index % ENTRIES_PER_MESSAGE:03d}"
        row["backfilled"] = "f"
        buffer.write("\t".join(_copy_text(row[name]) for name in columns) + "\n")
    data = buffer.getvalue().encode()
    with _connect(url) as connection:
        connection.execute("CREATE TABLE bench_copy (LIKE access_logs INCLUDING ALL)")
        try:
            started = time.perf_counter()
            with (
                connection.cursor() as cursor,
                cursor.copy(f"COPY bench_copy ({', '.join(columns)}) FROM STDIN") as copy,
            ):
                for offset in range(0, len(data), 1 << 20):
                    copy.write(data[offset : offset + (1 << 20)])
            elapsed = time.perf_counter() - started
            stored = connection.execute("SELECT count(*) FROM bench_copy").fetchone()
        finally:
            connection.execute("DROP TABLE bench_copy")
    if stored is None or stored[0] != entries:
        raise RuntimeError(f"COPY stored {stored} rows, not {entries:,}")
    return entries / elapsed


def _copy_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    text = str(value)
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


# The home page and the log query.


def _time_rpcs(calls: Mapping[str, Callable[[], object]]) -> dict[str, float]:
    """p95 in milliseconds of each call, after a few warm-up calls."""
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for round_number in range(QUERIES_PER_RPC + 5):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            if round_number >= 5:
                timings[name].append((time.perf_counter() - started) * 1000)
    return {name: _p95(values) for name, values in timings.items()}


def home_page_p95(channel: grpc.Channel, admin: tuple[tuple[str, str], ...]) -> dict[str, float]:
    traffic = tg.TrafficServiceStub(channel)

    def overview() -> object:
        answer = traffic.GetTrafficOverview(
            tp.GetTrafficOverviewRequest(), metadata=admin, timeout=30
        )
        if not answer.cumulative_calls:
            raise RuntimeError("the home page shows no calls")
        return answer

    return _time_rpcs(
        {
            "GetTrafficOverview": overview,
            "ListTopServices": lambda: traffic.ListTopServices(
                tp.ListTopServicesRequest(metric=tp.RANK_METRIC_CALLS, limit=5),
                metadata=admin,
                timeout=30,
            ),
            "ListTopChannels": lambda: traffic.ListTopChannels(
                tp.ListTopChannelsRequest(metric=tp.RANK_METRIC_CALLS, limit=5),
                metadata=admin,
                timeout=30,
            ),
        }
    )


def log_query_p95(
    channel: grpc.Channel, admin: tuple[tuple[str, str], ...], end: datetime
) -> float:
    """ListAccessLogs for the hour before `end` and one API service, the console's page."""
    logs = logs_pb2_grpc.AccessLogServiceStub(channel)
    start_time, end_time = _stamp(end - timedelta(hours=1)), _stamp(end)
    request = logs_pb2.ListAccessLogsRequest(
        page_size=50,
        filter=logs_pb2.AccessLogFilter(
            time_range=common_pb2.TimeRange(start_time=start_time, end_time=end_time),
            api_service_codes=["bench.api042"],
        ),
    )

    def query() -> object:
        answer = logs.ListAccessLogs(request, metadata=admin, timeout=30)
        if not answer.entries:
            raise RuntimeError("the log query found no entries")
        return answer

    return _time_rpcs({"ListAccessLogs": query})["ListAccessLogs"]


# The benchmark.


def monitor_figures(measured_at: str, machine: str, rows: int) -> list[Figure]:
    workdir = Path(tempfile.mkdtemp(prefix="wailian-bench-monitor-"))
    try:
        with fresh_database() as url:
            platform = LocalPlatform(
                LocalOptions(
                    data_dir=workdir / "platform",
                    ephemeral=True,
                    seed_demo=False,
                    database_urls={"monitor": url},
                )
            )
            try:
                platform.start_backends()
                with platform.grpc_channel("identity") as identity:
                    admin = admin_metadata(identity)
                end = datetime.now(UTC)
                generate_requests(url, BASELINE_ROWS, end)
                with platform.grpc_channel("monitor") as channel:
                    home_small = home_page_p95(channel, admin)
                    log_small = log_query_p95(channel, admin, end)
                _log(
                    f"{BASELINE_ROWS:,} requests: home page p95 "
                    + ", ".join(f"{k} {v:.1f} ms" for k, v in home_small.items())
                    + f"; log query p95 {log_small:.1f} ms"
                )
                ingest = stream_entries(platform, INGEST_SECONDS)
                with _connect(url) as connection:
                    counted = connection.execute(
                        "SELECT count(*), count(*) FILTER (WHERE path LIKE %s) FROM access_logs "
                        "WHERE edge_node_id LIKE 'bench-edge-%%'",
                        [f"%{_ID_CARD}%"],
                    ).fetchone()
                stored, unmasked = counted if counted else (0, 0)
                if stored != ingest.sent:
                    raise RuntimeError(
                        f"monitor stored {stored:,} of the {ingest.sent:,} entries sent"
                    )
                if unmasked:
                    raise RuntimeError(f"{unmasked:,} stored paths hold an unmasked ID card")
                ingest_rate = ingest.sent / ingest.seconds
                cpu = (
                    f"; monitor's CPU: {ingest.monitor_cpu_seconds / ingest.sent * 1e6:.1f} µs "
                    "per entry"
                    if ingest.monitor_cpu_seconds is not None
                    else ""
                )
                _log(
                    f"ingest: {ingest.sent:,} entries sent, {stored:,} stored in "
                    f"{ingest.seconds:.1f} s: {ingest_rate:,.0f}/s{cpu}"
                )
                copy = copy_rate(url, ingest.sent)
                _log(f"COPY of the same rows: {copy:,.0f}/s")
                end = datetime.now(UTC)
                generate_requests(url, rows, end)
                with platform.grpc_channel("monitor") as channel:
                    home_large = home_page_p95(channel, admin)
                    log_large = log_query_p95(channel, admin, end)
                _log(
                    f"{rows:,} requests: home page p95 "
                    + ", ".join(f"{k} {v:.1f} ms" for k, v in home_large.items())
                    + f"; log query p95 {log_large:.1f} ms"
                )
            finally:
                platform.stop()
    except grpc.RpcError as error:
        raise RuntimeError(f"monitor benchmark: monitor refused: {error.details()}") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    home = max(home_large.values())
    home_baseline = max(home_small.values())
    return [
        Figure(
            name="monitor.ingest_entries_per_second",
            value=round(ingest_rate),
            unit="entries/s",
            baseline=round(copy),
            ratio=ratio(ingest_rate, copy),
            target=None,
            measured_at=measured_at,
            machine=machine,
            floor=INGEST_FLOOR,
        ),
        Figure(
            name="monitor.home_rpc_p95_ms",
            value=round(home, 2),
            unit="ms",
            baseline=round(home_baseline, 2),
            ratio=ratio(home, home_baseline),
            target=None,
            measured_at=measured_at,
            machine=machine,
            ceiling=HOME_CEILING_MS,
        ),
        Figure(
            name="monitor.log_query_p95_ms",
            value=round(log_large, 2),
            unit="ms",
            baseline=round(log_small, 2),
            ratio=ratio(log_large, log_small),
            target=None,
            measured_at=measured_at,
            machine=machine,
            ceiling=LOG_QUERY_CEILING_MS,
        ),
    ]
