"""Monitor names what it counts: API services (from registry) and channels (from identity)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import Platform, start_platform
from tests.integration.test_identity_channel_lifecycle import new_channel
from tests.integration.test_monitor_ingest import entry, overview_with, send
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp
from wailian.monitor.v1 import statistics_pb2 as sp
from wailian.monitor.v1 import statistics_pb2_grpc as sg
from wailian.monitor.v1 import traffic_pb2 as tp
from wailian.monitor.v1 import traffic_pb2_grpc as tg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

SERVICES = ("identity", "registry", "monitor")


@pytest.fixture(params=["sqlite", "postgres"])
def platform(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_DIRECTORY_REFRESH_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in SERVICES}
    else:
        urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=SERVICES)


def api_service(platform: Platform, upstream_id: str, code: str, name: str, category: str) -> None:
    rg.CatalogServiceStub(platform.channel("registry")).CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code=code,
                name=name,
                category=category,
                method=rp.HTTP_METHOD_GET,
                path=f"/v1/{code.replace('.', '/')}",
                upstream_id=upstream_id,
            )
        ),
        metadata=platform.admin(),
    )


def test_rankings_and_statistics_name_services_and_channels(platform) -> None:
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
        platform,
        code="wechat-mp",
        name="微信公众号",
        type=idp.CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT,
        daily_quota=40,
    )

    def as_wechat(sent: object) -> object:
        sent.request.request_headers["x-wailian-channel-id"] = wechat.channel_id  # type: ignore[attr-defined]
        return sent

    sent = [
        as_wechat(entry(api="appointment.book", channel="wechat-mp", status=200, duration_ms=30))
        for _ in range(6)
    ] + [
        as_wechat(entry(api="report.get", channel="wechat-mp", status=200, duration_ms=80))
        for _ in range(4)
    ]
    send(platform, sent)  # type: ignore[arg-type]
    overview_with(platform, len(sent))
    traffic = tg.TrafficServiceStub(platform.channel("monitor"))
    statistics = sg.StatisticsServiceStub(platform.channel("monitor"))

    def named_top() -> tp.ListTopServicesResponse | None:
        top = traffic.ListTopServices(
            tp.ListTopServicesRequest(metric=tp.RANK_METRIC_CALLS), metadata=platform.admin()
        )
        return top if all(s.api_service_name for s in top.services) else None

    top = eventually(named_top, what="monitor to learn the API services' names")
    assert [(s.api_service_code, s.api_service_name, s.calls) for s in top.services] == [
        ("appointment.book", "预约挂号", 6),
        ("report.get", "检验报告查询", 4),
    ]
    channels = traffic.ListTopChannels(
        tp.ListTopChannelsRequest(metric=tp.RANK_METRIC_CALLS), metadata=platform.admin()
    )
    assert [(c.channel_code, c.channel_name) for c in channels.channels] == [
        ("wechat-mp", "微信公众号")
    ]

    usage = statistics.ListServiceUsage(sp.ListServiceUsageRequest(), metadata=platform.admin())
    assert {(r.api_service_name, r.category) for r in usage.rows} == {
        ("预约挂号", "appointment"),
        ("检验报告查询", "report"),
    }
    assert usage.rows[0].top_channels[0].channel_name == "微信公众号"

    # Filtering by category: the report category holds one of the two services.
    reports = statistics.ListServiceUsage(
        sp.ListServiceUsageRequest(filter=sp.UsageFilter(categories=["report"])),
        metadata=platform.admin(),
    )
    assert [(r.api_service_code, r.metrics.calls) for r in reports.rows] == [("report.get", 4)]
    assert reports.totals.calls == 4
    none = statistics.ListServiceUsage(
        sp.ListServiceUsageRequest(filter=sp.UsageFilter(categories=["inpatient"])),
        metadata=platform.admin(),
    )
    assert (list(none.rows), none.totals.calls) == ([], 0)

    # The channel's row: its name and type, its quota and how much of it today used.
    access = statistics.ListChannelAccess(sp.ListChannelAccessRequest(), metadata=platform.admin())
    (row,) = access.rows
    assert (row.channel_name, row.channel_type) == (
        "微信公众号",
        "CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT",
    )
    assert (row.daily_quota, row.today_calls, row.quota_used_share) == (40, 10, 0.25)
    assert {s.api_service_name for s in row.top_services} == {"预约挂号", "检验报告查询"}
