"""Monitor on real SQLite and PostgreSQL: Envoy's access-log stream in, figures and logs out."""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import openpyxl
import pytest
import sqlalchemy as sa
from envoy.config.core.v3 import address_pb2, base_pb2
from envoy.data.accesslog.v3 import accesslog_pb2
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc
from google.protobuf import timestamp_pb2
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from services.monitor import exports
from services.runtime import xlsx_export
from tests.integration.conftest import Platform, start_platform
from tests.support import eventually
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import (
    downloads_pb2,
    downloads_pb2_grpc,
    logs_pb2,
    logs_pb2_grpc,
    statistics_pb2,
    statistics_pb2_grpc,
)
from wailian.monitor.v1 import traffic_pb2 as tp
from wailian.monitor.v1 import traffic_pb2_grpc as tg

ID_CARD = "110101199003074518"
MOBILE = "13812345678"


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, str, Path]]:
    """Identity (for tokens) and monitor; yields the platform, monitor's database and file log."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_GRACE_SECONDS", "0")
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    for platform in start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor")):
        yield platform, urls["monitor"], access_log


def _stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def entry(
    *,
    api: str,
    channel: str,
    status: int,
    duration_ms: int,
    path: str = "/v1/doctors/D1",
    started: datetime | None = None,
    upstream_failure: bool = False,
    client: str = "10.0.0.1",
    request_id: str | None = None,
    user_agent: str = "kiosk/1.0",
) -> accesslog_pb2.HTTPAccessLogEntry:
    """One access-log entry shaped as the edge's Envoy sends it."""
    common = accesslog_pb2.AccessLogCommon(
        start_time=_stamp(started or datetime.now(UTC) - timedelta(seconds=1)),
        route_name=api,
        upstream_cluster=f"upstream_{api}",
        downstream_remote_address=address_pb2.Address(
            socket_address=address_pb2.SocketAddress(address=client, port_value=40000)
        ),
    )
    common.time_to_last_downstream_tx_byte.FromMilliseconds(duration_ms)
    common.response_flags.upstream_connection_failure = upstream_failure
    request = accesslog_pb2.HTTPRequestProperties(
        request_method=base_pb2.GET,
        path=path,
        request_id=request_id or uuid.uuid4().hex,
        user_agent=user_agent,
        request_headers={
            "x-wailian-channel-id": f"id-{channel}",
            "x-wailian-channel-code": channel,
        },
    )
    response = accesslog_pb2.HTTPResponseProperties(response_body_bytes=100)
    response.response_code.value = status
    return accesslog_pb2.HTTPAccessLogEntry(
        common_properties=common, request=request, response=response
    )


def send(platform: Platform, entries: list[accesslog_pb2.HTTPAccessLogEntry]) -> None:
    """Stream entries to monitor as Envoy does: an identifier first, then batches."""

    def messages() -> Iterator[als_pb2.StreamAccessLogsMessage]:
        for index in range(0, len(entries), 7):
            message = als_pb2.StreamAccessLogsMessage(
                http_logs=als_pb2.StreamAccessLogsMessage.HTTPAccessLogEntries(
                    log_entry=entries[index : index + 7]
                )
            )
            if index == 0:
                message.identifier.node.id = "edge-test"
                message.identifier.log_name = "channel"
            yield message

    als_pb2_grpc.AccessLogServiceStub(platform.channel("monitor")).StreamAccessLogs(messages())


def overview(platform: Platform) -> tp.GetTrafficOverviewResponse:
    stub = tg.TrafficServiceStub(platform.channel("monitor"))
    return stub.GetTrafficOverview(tp.GetTrafficOverviewRequest(), metadata=platform.admin())


def overview_with(platform: Platform, calls: int) -> tp.GetTrafficOverviewResponse:
    def probe() -> tp.GetTrafficOverviewResponse | None:
        found = overview(platform)
        return found if found.today_calls >= calls else None

    return eventually(probe, what=f"monitor to count {calls} calls")


def violations(error: grpc.RpcError) -> set[str]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    fields = set()
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            fields |= {v.field for v in bad.field_violations}
    return fields


def mixed_traffic() -> list[accesslog_pb2.HTTPAccessLogEntry]:
    """25 calls: three services, two channels, successes, 4xx, 5xx and an Envoy-flagged failure."""
    traffic = []
    traffic += [entry(api="doctor.get", channel="kiosk", status=200, duration_ms=8)] * 0
    traffic += [
        entry(api="doctor.get", channel="kiosk", status=200, duration_ms=8) for _ in range(8)
    ]
    traffic += [
        entry(api="doctor.get", channel="wechat", status=404, duration_ms=3) for _ in range(2)
    ]
    traffic += [
        entry(api="booking.create", channel="wechat", status=200, duration_ms=120) for _ in range(6)
    ]
    traffic += [
        entry(api="booking.create", channel="wechat", status=503, duration_ms=900) for _ in range(3)
    ]
    traffic += [
        entry(
            api="report.get",
            channel="kiosk",
            status=200,
            duration_ms=40,
            path=f"/v1/reports?id_card={ID_CARD}&phone={MOBILE}",
            user_agent=f"app {MOBILE}",
            client="10.9.9.9",
        )
    ]
    traffic += [
        entry(api="report.get", channel="kiosk", status=503, duration_ms=30, upstream_failure=True)
        for _ in range(5)
    ]
    return traffic


def test_stream_entries_become_home_page_figures_logs_and_statistics(monitor) -> None:
    platform, database_url, _ = monitor
    traffic = mixed_traffic()
    # One entry repeated (a retried stream message) is stored and counted once.
    send(platform, [*traffic, traffic[0]])

    found = overview_with(platform, len(traffic))
    assert found.today_calls == 25
    assert found.cumulative_calls == 25
    assert found.today_success_calls == 15
    assert found.today_failed_calls == 10
    assert found.today_client_error_calls == 2
    assert found.today_server_error_calls == 8
    assert found.today_success_share == pytest.approx(15 / 25)
    assert found.today_failure_share == pytest.approx(10 / 25)
    assert [r.api_service_code for r in found.top_call_services] == [
        "doctor.get",
        "booking.create",
        "report.get",
    ]
    assert [r.calls for r in found.top_call_services] == [10, 9, 6]
    assert [r.api_service_code for r in found.top_latency_services] == [
        "booking.create",
        "report.get",
        "doctor.get",
    ]
    assert found.top_latency_services[0].average_latency_ms == pytest.approx(
        (6 * 120 + 3 * 900) / 9
    )
    assert [(r.api_service_code, r.failed_calls) for r in found.top_failure_services] == [
        ("report.get", 5),
        ("booking.create", 3),
        ("doctor.get", 2),
    ]

    # Patient identifiers never reach the database.
    engine = sa.create_engine(database_url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                sa.text("SELECT path, user_agent FROM access_logs WHERE client_ip = '10.9.9.9'")
            ).one()
            everything = " ".join(
                " ".join(row)
                for row in connection.execute(sa.text("SELECT path, user_agent FROM access_logs"))
            )
    finally:
        engine.dispose()
    # Where a patient identifier stands (a query key, the segment after /patients/) it becomes a
    # keyed hash; an ID card or mobile number anywhere else is masked.
    assert re.fullmatch(r"/v1/reports\?id_card=~[0-9a-f]{12}&phone=~[0-9a-f]{12}", stored.path)
    assert stored.user_agent == "app 138****5678"
    assert ID_CARD not in everything and MOBILE not in everything

    logs = logs_pb2_grpc.AccessLogServiceStub(platform.channel("monitor"))
    admin = platform.admin()

    # Keyset pages cover every entry once, newest first.
    seen: list[logs_pb2.AccessLogEntry] = []
    token = ""
    while True:
        page = logs.ListAccessLogs(
            logs_pb2.ListAccessLogsRequest(page_size=4, page_token=token, include_total_size=True),
            metadata=admin,
        )
        assert page.total_size == 25
        seen += page.entries
        token = page.next_page_token
        if not token:
            break
    assert len({e.request_id for e in seen}) == 25
    times = [e.start_time.ToDatetime() for e in seen]
    assert times == sorted(times, reverse=True)

    def matching(**filters: object) -> list[logs_pb2.AccessLogEntry]:
        request = logs_pb2.ListAccessLogsRequest(
            page_size=100, filter=logs_pb2.AccessLogFilter(**filters)
        )
        return list(logs.ListAccessLogs(request, metadata=admin).entries)

    assert len(matching(status_classes=[5])) == 8
    assert len(matching(outcome=logs_pb2.CALL_OUTCOME_SERVER_ERROR)) == 8
    assert len(matching(outcome=logs_pb2.CALL_OUTCOME_CLIENT_ERROR)) == 2
    assert len(matching(api_service_codes=["booking.create"], min_duration_ms=500)) == 3
    assert len(matching(channel_ids=["id-wechat"], status_codes=[404])) == 2
    assert len(matching(response_flag="UF")) == 5
    [report] = matching(client_ip="10.9.9.9", path_prefix="/v1/reports")
    assert report.query == stored.path.partition("?")[2]
    one = logs.GetAccessLog(
        logs_pb2.GetAccessLogRequest(request_id=report.request_id), metadata=admin
    )
    assert one.entry.api_service_code == "report.get"
    assert one.entry.channel_code == "kiosk"
    assert one.entry.outcome == logs_pb2.CALL_OUTCOME_SUCCESS
    assert one.entry.edge_node_id == "edge-test"
    assert not one.entry.backfilled
    with pytest.raises(grpc.RpcError) as missing:
        logs.GetAccessLog(logs_pb2.GetAccessLogRequest(request_id="nope"), metadata=admin)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND

    # Statistics from the rollups agree with the raw rows.
    statistics = statistics_pb2_grpc.StatisticsServiceStub(platform.channel("monitor"))
    usage = statistics.ListServiceUsage(statistics_pb2.ListServiceUsageRequest(), metadata=admin)
    by_code = {row.api_service_code: row for row in usage.rows}
    assert [row.api_service_code for row in usage.rows] == [
        "doctor.get",
        "booking.create",
        "report.get",
    ]
    assert usage.totals.calls == 25
    booking = by_code["booking.create"].metrics
    assert (booking.calls, booking.success_calls, booking.server_error_calls) == (9, 6, 3)
    assert booking.success_share == pytest.approx(6 / 9)
    # p95 of six calls at 120 ms and three at 900 ms falls in the (500, 1000] bucket.
    assert 500 < booking.p95_latency_ms <= 1000
    assert [(c.channel_code, c.calls) for c in by_code["doctor.get"].top_channels] == [
        ("kiosk", 8),
        ("wechat", 2),
    ]
    channels = statistics.ListChannelAccess(
        statistics_pb2.ListChannelAccessRequest(order_by="calls asc"), metadata=admin
    )
    assert [(r.channel_code, r.metrics.calls, r.services_used) for r in channels.rows] == [
        ("wechat", 11, 2),
        ("kiosk", 14, 2),
    ]
    now = datetime.now(UTC)
    hourly = statistics.GetUsageTrend(
        statistics_pb2.GetUsageTrendRequest(
            filter=statistics_pb2.UsageFilter(
                time_range=common_pb2.TimeRange(
                    start_time=_stamp(now - timedelta(hours=6)), end_time=_stamp(now)
                )
            ),
            granularity=statistics_pb2.GRANULARITY_HOUR,
            compare_previous_period=True,
        ),
        metadata=admin,
    )
    assert sum(point.metrics.calls for point in hourly.points) == 25
    assert len(hourly.points) == len(hourly.previous_points) in (6, 7)
    assert sum(point.metrics.calls for point in hourly.previous_points) == 0

    top = tg.TrafficServiceStub(platform.channel("monitor"))
    ranked = top.ListTopChannels(
        tp.ListTopChannelsRequest(metric=tp.RANK_METRIC_FAILED_CALLS), metadata=admin
    )
    assert [(c.channel_code, c.failed_calls) for c in ranked.channels] == [
        ("kiosk", 5),
        ("wechat", 5),
    ]
    series = top.GetTrafficSeries(tp.GetTrafficSeriesRequest(), metadata=admin)
    assert series.step == tp.SERIES_STEP_MINUTE
    assert sum(point.calls for point in series.points) == 25
    # One upstream's series, from the raw log: report.get's six calls, five of them failed.
    by_upstream = top.GetTrafficSeries(
        tp.GetTrafficSeriesRequest(upstream="upstream_report.get"), metadata=admin
    )
    assert sum(point.calls for point in by_upstream.points) == 6
    assert sum(point.failed_calls for point in by_upstream.points) == 5
    week = common_pb2.TimeRange(
        start_time=_stamp(datetime.now(UTC) - timedelta(days=7)), end_time=_stamp(datetime.now(UTC))
    )
    with pytest.raises(grpc.RpcError) as too_long:
        top.GetTrafficSeries(
            tp.GetTrafficSeriesRequest(upstream="upstream_report.get", time_range=week),
            metadata=admin,
        )
    assert violations(too_long.value) == {"time_range"}


def test_bad_input_is_refused_with_the_fields_named(monitor) -> None:
    platform, _, _ = monitor
    admin = platform.admin()
    now = datetime.now(UTC)
    reversed_range = common_pb2.TimeRange(
        start_time=_stamp(now), end_time=_stamp(now - timedelta(hours=1))
    )
    logs = logs_pb2_grpc.AccessLogServiceStub(platform.channel("monitor"))
    with pytest.raises(grpc.RpcError) as error:
        logs.ListAccessLogs(
            logs_pb2.ListAccessLogsRequest(
                filter=logs_pb2.AccessLogFilter(time_range=reversed_range)
            ),
            metadata=admin,
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(error.value) == {"filter.time_range"}
    with pytest.raises(grpc.RpcError) as error:
        logs.ListAccessLogs(
            logs_pb2.ListAccessLogsRequest(
                filter=logs_pb2.AccessLogFilter(status_classes=[7], min_duration_ms=-1)
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"filter.status_classes", "filter.min_duration_ms"}
    with pytest.raises(grpc.RpcError) as error:
        logs.ListAccessLogs(logs_pb2.ListAccessLogsRequest(page_token="garbage"), metadata=admin)
    assert violations(error.value) == {"page_token"}
    statistics = statistics_pb2_grpc.StatisticsServiceStub(platform.channel("monitor"))
    with pytest.raises(grpc.RpcError) as error:
        statistics.ListServiceUsage(
            statistics_pb2.ListServiceUsageRequest(
                filter=statistics_pb2.UsageFilter(time_range=reversed_range), order_by="name"
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"filter.time_range"}
    with pytest.raises(grpc.RpcError) as error:
        statistics.ListServiceUsage(
            statistics_pb2.ListServiceUsageRequest(order_by="name"), metadata=admin
        )
    assert violations(error.value) == {"order_by"}
    traffic = tg.TrafficServiceStub(platform.channel("monitor"))
    with pytest.raises(grpc.RpcError) as error:
        traffic.ListTopServices(tp.ListTopServicesRequest(limit=1000), metadata=admin)
    assert violations(error.value) == {"limit"}
    with pytest.raises(grpc.RpcError) as error:
        traffic.GetTrafficSeries(
            tp.GetTrafficSeriesRequest(
                time_range=common_pb2.TimeRange(
                    start_time=_stamp(now - timedelta(days=30)), end_time=_stamp(now)
                ),
                step=tp.SERIES_STEP_MINUTE,
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"step"}
    with pytest.raises(grpc.RpcError) as error:
        logs.PurgeAccessLogs(
            logs_pb2.PurgeAccessLogsRequest(before=_stamp(now + timedelta(days=1))),
            metadata=admin,
        )
    assert violations(error.value) == {"before"}
    # Without a token, nothing.
    with pytest.raises(grpc.RpcError) as error:
        traffic.GetTrafficOverview(tp.GetTrafficOverviewRequest())
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def file_line(request_id: str, *, api: str, status: int, started: datetime) -> str:
    """One line of the edge's JSON file access log (deploy/envoy/config.py _ACCESS_LOG_LINE)."""
    return json.dumps(
        {
            "time": started.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z",
            "request_id": request_id,
            "api": api,
            "method": "GET",
            "path": f"/v1/patients/{ID_CARD}",
            "status": status,
            "details": "via_upstream",
            "flags": "-",
            "duration_ms": 12,
            "upstream_ms": 10,
            "bytes_received": 0,
            "bytes_sent": 321,
            "upstream_host": "127.0.0.1:9100",
            "client": "10.1.1.1",
            "channel_id": "id-kiosk",
            "channel_code": "kiosk",
            "user_agent": None,
        }
    )


def test_entries_the_stream_lost_are_backfilled_from_the_file_log_once(monitor) -> None:
    platform, _, access_log = monitor
    started = datetime.now(UTC) - timedelta(seconds=5)
    streamed = [
        entry(api="patient.get", channel="kiosk", status=200, duration_ms=12, started=started)
        for _ in range(4)
    ]
    send(platform, streamed)
    overview_with(platform, 4)
    # The file log holds those four and six more the stream never delivered; the last line is
    # still being written.
    lost = [uuid.uuid4().hex for _ in range(6)]
    lines = [
        file_line(e.request.request_id, api="patient.get", status=200, started=started)
        for e in streamed
    ]
    lines += [file_line(rid, api="patient.get", status=502, started=started) for rid in lost]
    access_log.write_text("\n".join(lines) + "\n" + lines[0][:20], encoding="utf-8")

    found = overview_with(platform, 10)
    assert found.today_calls == 10
    assert found.today_server_error_calls == 6
    logs = logs_pb2_grpc.AccessLogServiceStub(platform.channel("monitor"))
    one = logs.GetAccessLog(
        logs_pb2.GetAccessLogRequest(request_id=lost[0]), metadata=platform.admin()
    )
    assert one.entry.backfilled
    assert re.fullmatch(r"/v1/patients/~[0-9a-f]{12}", one.entry.path)
    assert one.entry.upstream_host == "127.0.0.1:9100"
    again = logs.GetAccessLog(
        logs_pb2.GetAccessLogRequest(request_id=streamed[0].request.request_id),
        metadata=platform.admin(),
    )
    assert not again.entry.backfilled
    # Reading the file again (e.g. after a restart) adds nothing.
    assert overview(platform).cumulative_calls == 10


def test_retention_purges_old_entries_and_keeps_the_counts(monitor) -> None:
    platform, _, _ = monitor
    long_ago = datetime.now(UTC) - timedelta(days=200)
    send(
        platform,
        [entry(api="old.api", channel="kiosk", status=200, duration_ms=5, started=long_ago)] * 0
        + [
            entry(api="old.api", channel="kiosk", status=200, duration_ms=5, started=long_ago)
            for _ in range(12)
        ]
        + [entry(api="new.api", channel="kiosk", status=200, duration_ms=5) for _ in range(3)],
    )

    def all_stored() -> tp.GetTrafficOverviewResponse | None:
        found = overview(platform)
        return found if found.cumulative_calls == 15 else None

    eventually(all_stored, what="fifteen stored calls")
    logs = logs_pb2_grpc.AccessLogServiceStub(platform.channel("monitor"))
    admin = platform.admin()
    dry = logs.PurgeAccessLogs(logs_pb2.PurgeAccessLogsRequest(dry_run=True), metadata=admin)
    assert dry.deleted_entries == 12
    purged = logs.PurgeAccessLogs(logs_pb2.PurgeAccessLogsRequest(), metadata=admin)
    assert purged.deleted_entries == 12
    assert purged.oldest_remaining_time.ToDatetime(tzinfo=UTC) > long_ago + timedelta(days=100)
    assert overview(platform).cumulative_calls == 15
    assert overview(platform).today_calls == 3


def export(platform, **filter_fields) -> tuple[list[str], list[dict[str, str]]]:  # type: ignore[no-untyped-def]
    stub = downloads_pb2_grpc.DownloadServiceStub(platform.channel("monitor"))
    chunks = list(
        stub.ExportAccessLogs(
            downloads_pb2.ExportAccessLogsRequest(filter=logs_pb2.AccessLogFilter(**filter_fields)),
            metadata=platform.admin(),
        )
    )
    assert chunks[0].content_type.startswith("text/csv")
    text = b"".join(chunk.data for chunk in chunks).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Chinese text as UTF-8
    reader = csv.DictReader(io.StringIO(text[1:]))
    return list(reader.fieldnames or []), list(reader)


def test_the_access_log_exports_as_csv(monitor, monkeypatch) -> None:
    platform, _, _ = monitor
    monkeypatch.setattr(exports, "EXPORT_PAGE_ROWS", 3)  # several pages in one export
    sent = [
        entry(api="master.doctor.get", channel="wechat", status=200, duration_ms=20 + i)
        for i in range(5)
    ] + [
        entry(
            api="report.get",
            channel="kiosk",
            status=503,
            duration_ms=900,
            path="/v1/patients/13812345678/reports",
            user_agent='=HYPERLINK("x")',
        ),
    ]
    send(platform, sent)
    overview_with(platform, len(sent))

    columns, rows = export(platform)
    assert columns == list(exports.CSV_COLUMNS)
    assert sorted(r["request_id"] for r in rows) == sorted(e.request.request_id for e in sent)
    report = next(r for r in rows if r["api_service"] == "report.get")
    assert report["status"] == "503" and report["outcome"] == "server_error"
    assert "13812345678" not in report["path"]  # masked before it was stored
    assert report["user_agent"].startswith("'=")  # not a formula when opened

    _, doctors = export(platform, api_service_codes=["master.doctor.get"])
    assert len(doctors) == 5 and {r["channel"] for r in doctors} == {"wechat"}


def test_the_access_log_exports_as_excel(monitor, monkeypatch) -> None:
    platform, _, _ = monitor
    monkeypatch.setattr(exports, "EXPORT_PAGE_ROWS", 2)  # several pages in one workbook
    sent = [
        entry(api="master.doctor.get", channel="wechat", status=200, duration_ms=9)
        for _ in range(3)
    ] + [
        entry(
            api="report.get",
            channel="kiosk",
            status=503,
            duration_ms=9,
            user_agent='=HYPERLINK("x")',
        )
    ]
    send(platform, sent)
    overview_with(platform, len(sent))
    stub = downloads_pb2_grpc.DownloadServiceStub(platform.channel("monitor"))
    chunks = list(
        stub.ExportAccessLogs(
            downloads_pb2.ExportAccessLogsRequest(format=common_pb2.EXPORT_FORMAT_XLSX),
            metadata=platform.admin(),
        )
    )
    assert chunks[0].content_type == xlsx_export.CONTENT_TYPE
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(c.data for c in chunks))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header == list(exports.CSV_COLUMNS)
    by_column = [dict(zip(header, row, strict=True)) for row in rows]
    assert sorted(r["request_id"] for r in by_column) == sorted(e.request.request_id for e in sent)
    report = next(r for r in by_column if r["api_service"] == "report.get")
    assert report["status"] == 503  # a number the spreadsheet can sum
    assert report["user_agent"] == '=HYPERLINK("x")'  # kept as text, never a formula
    assert sheet["J1"].font.b  # the header row is bold


def test_an_export_needs_permission_and_a_known_format(monitor) -> None:
    platform, _, _ = monitor
    stub = downloads_pb2_grpc.DownloadServiceStub(platform.channel("monitor"))
    with pytest.raises(grpc.RpcError) as refused:
        list(stub.ExportAccessLogs(downloads_pb2.ExportAccessLogsRequest()))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as refused:
        list(
            stub.ExportAccessLogs(
                downloads_pb2.ExportAccessLogsRequest(format=99),  # type: ignore[arg-type]
                metadata=platform.admin(),
            )
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(refused.value) == {"format"}
