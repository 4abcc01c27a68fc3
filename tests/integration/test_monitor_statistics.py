"""Ad-hoc statistics, the statistics and alert exports, and the ingest status, on real SQLite
and PostgreSQL: the figures are the calls the test sent, named as registry and identity name
them."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import openpyxl
import pytest

from services.monitor import exports
from services.runtime import xlsx_export
from tests.integration.conftest import Platform, start_platform
from tests.integration.test_identity_channel_lifecycle import new_channel
from tests.integration.test_monitor_alerts import (
    disable_built_in_rules,
    error_rate_rule,
    firing_alert,
)
from tests.integration.test_monitor_ingest import _stamp, entry, file_line, send, violations
from tests.integration.test_monitor_names import api_service
from tests.support import eventually
from wailian.common.v1 import common_pb2
from wailian.identity.v1 import identity_pb2 as idp
from wailian.monitor.v1 import alerts_pb2 as ap
from wailian.monitor.v1 import downloads_pb2 as dp
from wailian.monitor.v1 import downloads_pb2_grpc as dg
from wailian.monitor.v1 import logs_pb2, logs_pb2_grpc
from wailian.monitor.v1 import statistics_pb2 as sp
from wailian.monitor.v1 import statistics_pb2_grpc as sg
from wailian.monitor.v1 import status_pb2 as stp
from wailian.monitor.v1 import status_pb2_grpc as stg
from wailian.monitor.v1 import traffic_pb2 as tp
from wailian.monitor.v1 import traffic_pb2_grpc as tg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

SERVICES = ("identity", "registry", "monitor")


@pytest.fixture(params=["sqlite", "postgres"])
def platform(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, Path]]:
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_GRACE_SECONDS", "0")
    monkeypatch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_DIRECTORY_REFRESH_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in SERVICES}
    else:
        urls = request.getfixturevalue("postgres_databases")
    for started in start_platform(tmp_path, urls.__getitem__, services=SERVICES):
        yield started, access_log


def statistics(platform: Platform) -> sg.StatisticsServiceStub:
    return sg.StatisticsServiceStub(platform.channel("monitor"))


def downloads(platform: Platform) -> dg.DownloadServiceStub:
    return dg.DownloadServiceStub(platform.channel("monitor"))


def csv_rows(chunks: list[object]) -> list[dict[str, str]]:
    assert chunks[0].content_type.startswith("text/csv")  # type: ignore[attr-defined]
    text = b"".join(chunk.data for chunk in chunks).decode("utf-8")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def sheet_rows(chunks: list[object]) -> list[dict[str, object]]:
    assert chunks[0].content_type == xlsx_export.CONTENT_TYPE  # type: ignore[attr-defined]
    data = b"".join(chunk.data for chunk in chunks)  # type: ignore[attr-defined]
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


def named_traffic(platform: Platform) -> str:
    """Two named services in two categories; a named channel and one identity does not know.

    appointment.book: 5 successes and 1 server error from the wechat channel;
    report.get: 4 successes from wechat, 2 client errors from a kiosk.
    Returns the wechat channel's id.
    """
    upstream = (
        rg.CatalogServiceStub(platform.channel("registry"))
        .CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="his", endpoints=[rp.Endpoint(host="127.0.0.1", port=9100)]
                )
            ),
            metadata=platform.admin(),
        )
        .upstream
    )
    api_service(platform, upstream.upstream_id, "appointment.book", "预约挂号", "appointment")
    api_service(platform, upstream.upstream_id, "report.get", "检验报告查询", "report")
    wechat = new_channel(
        platform, code="wechat-mp", name="微信公众号", type=idp.CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT
    )

    def from_wechat(api: str, status: int) -> object:
        sent = entry(api=api, channel="wechat-mp", status=status, duration_ms=30)
        sent.request.request_headers["x-wailian-channel-id"] = wechat.channel_id
        return sent

    sent = [from_wechat("appointment.book", 200) for _ in range(5)]
    sent += [from_wechat("appointment.book", 503)]
    sent += [from_wechat("report.get", 200) for _ in range(4)]
    sent += [entry(api="report.get", channel="kiosk", status=404, duration_ms=5) for _ in range(2)]
    send(platform, sent)  # type: ignore[arg-type]

    def named_and_counted() -> bool | None:
        top = tg.TrafficServiceStub(platform.channel("monitor")).ListTopServices(
            tp.ListTopServicesRequest(metric=tp.RANK_METRIC_CALLS), metadata=platform.admin()
        )
        counted = sum(s.calls for s in top.services) == 12
        named = all(s.api_service_name for s in top.services)
        known = statistics(platform).ListChannelAccess(
            sp.ListChannelAccessRequest(), metadata=platform.admin()
        )
        channel_named = any(r.channel_name == "微信公众号" for r in known.rows)
        return (counted and named and channel_named) or None

    eventually(named_and_counted, what="monitor to count and name the 12 calls")
    return wechat.channel_id


def query(platform: Platform, *group_by: int, **fields: object) -> sp.QueryUsageResponse:
    return statistics(platform).QueryUsage(
        sp.QueryUsageRequest(group_by=list(group_by), **fields),  # type: ignore[arg-type]
        metadata=platform.admin(),
    )


def test_ad_hoc_statistics_group_by_any_dimension_with_names(platform) -> None:
    platform, _ = platform
    wechat = named_traffic(platform)

    by_outcome = query(
        platform, sp.USAGE_DIMENSION_API_SERVICE, sp.USAGE_DIMENSION_OUTCOME, page_size=50
    )
    assert by_outcome.total_size == 4 and by_outcome.totals.calls == 12
    assert [
        (r.dimensions[0].value, r.dimensions[0].label, r.dimensions[1].value, r.metrics.calls)
        for r in by_outcome.rows
    ] == [
        ("appointment.book", "预约挂号", "success", 5),
        ("report.get", "检验报告查询", "success", 4),
        ("report.get", "检验报告查询", "client_error", 2),
        ("appointment.book", "预约挂号", "server_error", 1),
    ]
    assert by_outcome.rows[3].dimensions[1].label == "服务端错误"

    # By category, the report category alone; by channel, the unnamed one shows its code.
    categories = query(
        platform,
        sp.USAGE_DIMENSION_CATEGORY,
        filter=sp.UsageFilter(categories=["report"]),
    )
    assert [
        (r.dimensions[0].value, r.metrics.calls, r.metrics.failed_calls) for r in categories.rows
    ] == [("report", 6, 2)]
    channels = query(platform, sp.USAGE_DIMENSION_CHANNEL, order_by="calls asc")
    assert [
        (r.dimensions[0].value, r.dimensions[0].label, r.metrics.calls) for r in channels.rows
    ] == [
        ("id-kiosk", "kiosk", 2),
        (wechat, "微信公众号", 10),
    ]
    assert channels.rows[1].metrics.success_share == pytest.approx(0.9)

    # By hour: every call is in the current hour (or the one before, near an hour's turn).
    hours = query(platform, sp.USAGE_DIMENSION_TIME, granularity=sp.GRANULARITY_HOUR)
    assert sum(r.metrics.calls for r in hours.rows) == 12
    assert all(r.dimensions[0].value.endswith("+08:00") for r in hours.rows)
    # Filters apply: only failures, only wechat.
    failed = query(
        platform,
        filter=sp.UsageFilter(channel_ids=[wechat], outcome=logs_pb2.CALL_OUTCOME_SERVER_ERROR),
    )
    assert [(list(r.dimensions), r.metrics.calls) for r in failed.rows] == [([], 1)]

    # Pages of one.
    first = query(platform, sp.USAGE_DIMENSION_API_SERVICE, page_size=1)
    second = query(
        platform, sp.USAGE_DIMENSION_API_SERVICE, page_size=1, page_token=first.next_page_token
    )
    assert (first.total_size, first.rows[0].dimensions[0].value) == (2, "appointment.book")
    assert (second.rows[0].dimensions[0].value, second.next_page_token) == ("report.get", "")

    # Upstreams and status codes come from the raw log, with the same figures.
    by_status = query(
        platform, sp.USAGE_DIMENSION_UPSTREAM, sp.USAGE_DIMENSION_STATUS_CODE, page_size=50
    )
    assert [
        (r.dimensions[0].value, r.dimensions[1].value, r.metrics.calls) for r in by_status.rows
    ] == [
        ("upstream_appointment.book", "200", 5),
        ("upstream_report.get", "200", 4),
        ("upstream_report.get", "404", 2),
        ("upstream_appointment.book", "503", 1),
    ]
    assert by_status.totals.calls == 12 and by_status.totals.failed_calls == 3
    assert by_status.rows[0].metrics.average_latency_ms == pytest.approx(30)
    assert by_status.rows[0].metrics.p95_latency_ms == by_outcome.rows[0].metrics.p95_latency_ms
    days = query(
        platform,
        sp.USAGE_DIMENSION_TIME,
        sp.USAGE_DIMENSION_STATUS_CODE,
        granularity=sp.GRANULARITY_DAY,
        filter=sp.UsageFilter(outcome=logs_pb2.CALL_OUTCOME_CLIENT_ERROR),
    )
    assert [(r.dimensions[1].value, r.metrics.calls) for r in days.rows] == [("404", 2)]
    assert days.rows[0].dimensions[0].value.endswith("T00:00:00+08:00")
    now = datetime.now(UTC)
    with pytest.raises(grpc.RpcError) as error:
        query(
            platform,
            sp.USAGE_DIMENSION_UPSTREAM,
            filter=sp.UsageFilter(
                time_range=common_pb2.TimeRange(
                    start_time=_stamp(now - timedelta(days=40)), end_time=_stamp(now)
                )
            ),
        )
    assert violations(error.value) == {"filter.time_range"}

    # Mistakes are named.
    with pytest.raises(grpc.RpcError) as error:
        query(platform, 99, order_by="fastest", granularity=7)
    assert violations(error.value) == {"group_by", "order_by", "granularity"}
    with pytest.raises(grpc.RpcError) as error:
        query(platform, sp.USAGE_DIMENSION_CHANNEL, order_by="time")
    assert violations(error.value) == {"order_by"}


def test_statistics_export_as_excel_and_csv(platform) -> None:
    platform, _ = platform
    wechat = named_traffic(platform)
    admin = platform.admin()

    usage = sheet_rows(
        list(
            downloads(platform).ExportServiceUsage(
                dp.ExportServiceUsageRequest(format=common_pb2.EXPORT_FORMAT_XLSX), metadata=admin
            )
        )
    )
    assert [
        (r["api_service_code"], r["api_service_name"], r["category"], r["calls"], r["failed_calls"])
        for r in usage
    ] == [
        ("appointment.book", "预约挂号", "appointment", 6, 1),
        ("report.get", "检验报告查询", "report", 6, 2),
    ]
    assert usage[0]["top_channels"] == "微信公众号 (6)"
    assert list(usage[0]) == list(exports.SERVICE_USAGE_COLUMNS)

    access = csv_rows(
        list(
            downloads(platform).ExportChannelAccess(
                dp.ExportChannelAccessRequest(
                    filter=sp.UsageFilter(channel_ids=[wechat]), format=common_pb2.EXPORT_FORMAT_CSV
                ),
                metadata=admin,
            )
        )
    )
    assert [
        (r["channel_code"], r["channel_name"], r["calls"], r["success_calls"], r["services_used"])
        for r in access
    ] == [("wechat-mp", "微信公众号", "10", "9", "2")]

    grouped = csv_rows(
        list(
            downloads(platform).ExportUsageQuery(
                dp.ExportUsageQueryRequest(
                    group_by=[sp.USAGE_DIMENSION_CATEGORY, sp.USAGE_DIMENSION_OUTCOME],
                    order_by="calls desc",
                ),
                metadata=admin,
            )
        )
    )
    assert [(r["category"], r["outcome"], r["outcome_name"], r["calls"]) for r in grouped] == [
        ("appointment", "success", "成功", "5"),
        ("report", "success", "成功", "4"),
        ("report", "client_error", "调用方错误", "2"),
        ("appointment", "server_error", "服务端错误", "1"),
    ]

    # A statistics export needs the export permission, and a known format.
    with pytest.raises(grpc.RpcError) as error:
        list(downloads(platform).ExportServiceUsage(dp.ExportServiceUsageRequest()))
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as error:
        list(
            downloads(platform).ExportUsageQuery(
                dp.ExportUsageQueryRequest(format=42, order_by="slowest"),  # type: ignore[arg-type]
                metadata=admin,
            )
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_alerts_export(platform) -> None:
    platform, _ = platform
    disable_built_in_rules(platform)
    service = f"booking.{uuid.uuid4().hex[:8]}"
    rule = error_rate_rule(platform, service)
    send(
        platform,
        [entry(api=service, channel="kiosk", status=503, duration_ms=20) for _ in range(10)],
    )
    alert = firing_alert(platform, rule.alert_rule_id)
    admin = platform.admin()

    rows = sheet_rows(
        list(
            downloads(platform).ExportAlerts(
                dp.ExportAlertsRequest(
                    status=ap.ALERT_STATUS_FIRING, format=common_pb2.EXPORT_FORMAT_XLSX
                ),
                metadata=admin,
            )
        )
    )
    assert [
        (r["alert_id"], r["severity"], r["status"], r["api_service"], r["summary"]) for r in rows
    ] == [(alert.alert_id, "critical", "firing", service, alert.summary)]
    assert list(rows[0]) == list(exports.ALERT_COLUMNS)

    resolved = csv_rows(
        list(
            downloads(platform).ExportAlerts(
                dp.ExportAlertsRequest(status=ap.ALERT_STATUS_RESOLVED), metadata=admin
            )
        )
    )
    assert resolved == []
    with pytest.raises(grpc.RpcError) as error:
        list(
            downloads(platform).ExportAlerts(
                dp.ExportAlertsRequest(min_severity=9),
                metadata=admin,  # type: ignore[arg-type]
            )
        )
    assert violations(error.value) == {"min_severity"}


def test_ingest_status_counts_what_came_in_and_what_retention_removed(platform) -> None:
    platform, access_log = platform
    status = stg.PlatformStatusServiceStub(platform.channel("monitor"))
    admin = platform.admin()

    def ingest() -> stp.GetIngestStatusResponse:
        return status.GetIngestStatus(stp.GetIngestStatusRequest(), metadata=admin)

    # The first scheduled purge runs at start, with nothing to delete.
    def purged_once() -> stp.GetIngestStatusResponse | None:
        found = ingest()
        return found if found.HasField("last_purge_time") else None

    first = eventually(purged_once, what="the first retention run")
    assert (first.received_entries, first.stored_entries, first.backfilled_entries) == (0, 0, 0)
    assert (first.access_log_retention_days, first.rollup_retention_days) == (180, 1830)
    assert not first.HasField("oldest_access_log_time")

    long_ago = datetime.now(UTC) - timedelta(days=200)
    started = datetime.now(UTC) - timedelta(seconds=5)
    streamed = [
        entry(api="patient.get", channel="kiosk", status=200, duration_ms=5, started=started)
        for _ in range(5)
    ] + [
        entry(api="old.api", channel="kiosk", status=200, duration_ms=5, started=long_ago)
        for _ in range(3)
    ]
    send(platform, streamed)
    # The file log holds two entries the stream lost.
    lost = [
        file_line(uuid.uuid4().hex, api="patient.get", status=200, started=started)
        for _ in range(2)
    ]
    access_log.write_text("\n".join(lost) + "\n", encoding="utf-8")

    def caught_up() -> stp.GetIngestStatusResponse | None:
        found = ingest()
        return found if found.stored_entries == 8 and found.backfilled_entries == 2 else None

    now = eventually(caught_up, what="8 streamed and 2 back-filled entries")
    assert (now.received_entries, now.queued_entries, now.lag_seconds) == (8, 0, 0.0)
    assert now.oldest_access_log_time.ToDatetime(tzinfo=UTC) <= long_ago + timedelta(seconds=1)
    assert now.oldest_rollup_time.ToDatetime(tzinfo=UTC) <= long_ago

    logs = logs_pb2_grpc.AccessLogServiceStub(platform.channel("monitor"))
    purged = logs.PurgeAccessLogs(logs_pb2.PurgeAccessLogsRequest(), metadata=admin)
    assert purged.deleted_entries == 3
    after = ingest()
    assert after.last_purge_deleted_entries == 3
    assert after.last_purge_time.ToDatetime() > first.last_purge_time.ToDatetime()
    assert after.oldest_access_log_time.ToDatetime(tzinfo=UTC) > long_ago + timedelta(days=100)
