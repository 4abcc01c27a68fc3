"""Ad-hoc statistics' grouping and ordering (services.monitor.usage_query), without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from services.monitor import domain
from services.monitor import usage_query as adhoc
from services.monitor.directory import ApiServiceName, ChannelName, Directory

D = adhoc.Dimension
DAY_START = datetime(2026, 3, 1, 16, tzinfo=UTC)  # 2026-03-02 00:00 in Shanghai


def names() -> Directory:
    directory = Directory(lambda: None, lambda: None)  # type: ignore[arg-type,return-value]
    directory.api_services = {
        "booking.create": ApiServiceName("预约挂号", "appointment"),
        "report.get": ApiServiceName("检验报告查询", "report"),
    }
    directory.versions = {"booking.create": (), "report.get": ()}
    directory.channels = {"ch-1": ChannelName("wechat", "微信公众号", "", 0)}
    return directory


def cell(
    api: str, channel: str, result: domain.Outcome, calls: int, hour: int
) -> domain.RollupCell:
    tally = domain.Tally()
    for _ in range(calls):
        tally.add_call(20, 0, 0)
    return domain.RollupCell(
        DAY_START + timedelta(hours=hour), api, channel, channel.removeprefix("id-"), result, tally
    )


CELLS = [
    cell("booking.create", "ch-1", domain.Outcome.SUCCESS, 5, 1),
    cell("booking.create", "ch-1", domain.Outcome.SERVER_ERROR, 1, 2),
    cell("report.get", "id-kiosk", domain.Outcome.SUCCESS, 3, 1),
    cell("report.get", "id-kiosk", domain.Outcome.CLIENT_ERROR, 4, 30),
]


def query(*group_by: adhoc.Dimension, order: str = "") -> adhoc.AdHocQuery:
    parsed = adhoc.parse_order(order, group_by)
    assert parsed is not None
    window = domain.Window(DAY_START, DAY_START + timedelta(days=3))
    return adhoc.AdHocQuery(domain.UsageQuery(window), group_by, domain.Granularity.DAY, parsed)


def test_groups_are_summed_named_and_ordered_by_calls() -> None:
    groups = adhoc.group(CELLS, query(D.CATEGORY, D.CHANNEL), names(), "Asia/Shanghai")
    assert [(tuple((v.value, v.label) for v in g.values), g.summary.calls) for g in groups] == [
        ((("report", "report"), ("id-kiosk", "kiosk")), 7),
        ((("appointment", "appointment"), ("ch-1", "微信公众号")), 6),
    ]
    assert adhoc.totals(groups).calls == 13


def test_time_groups_are_local_days_oldest_first_by_default() -> None:
    groups = adhoc.group(CELLS, query(D.TIME), names(), "Asia/Shanghai")
    assert [(g.values[0].value, g.summary.calls) for g in groups] == [
        ("2026-03-02T00:00:00+08:00", 9),
        ("2026-03-03T00:00:00+08:00", 4),
    ]
    newest = adhoc.group(CELLS, query(D.TIME, order="time desc"), names(), "Asia/Shanghai")
    assert newest[0].values[0].value == "2026-03-03T00:00:00+08:00"


def test_outcomes_have_chinese_labels_and_ties_keep_a_stable_order() -> None:
    groups = adhoc.group(CELLS, query(D.OUTCOME, order="failed_calls desc"), names(), "UTC")
    assert [(g.values[0].value, g.values[0].label, g.summary.failed_calls) for g in groups] == [
        ("client_error", "调用方错误", 4),
        ("server_error", "服务端错误", 1),
        ("success", "成功", 0),
    ]


def test_orders_that_name_nothing_are_refused() -> None:
    assert adhoc.parse_order("", (D.CHANNEL,)) == adhoc.Order("calls", True)
    assert adhoc.parse_order("p95_latency_ms asc", ()) == adhoc.Order("p95_latency_ms", False)
    assert adhoc.parse_order("time", (D.CHANNEL,)) is None
    assert adhoc.parse_order("calls sideways", ()) is None
    assert adhoc.parse_order("slowest", ()) is None
    assert adhoc.from_raw_log((D.CHANNEL, D.STATUS_CODE))
    assert not adhoc.from_raw_log((D.CHANNEL, D.TIME))
