"""Monitor's rules without I/O: outcomes, histograms, windows, rankings, buffer, file lines."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.monitor import domain
from services.monitor.ingest import file_row_values
from services.monitor.main import load_monitor_settings
from services.monitor.models import TrafficHourRow, TrafficMinuteRow
from services.monitor.pipeline import IngestPipeline, Row
from services.runtime.config import ConfigError
from services.runtime.errors import InvalidArgument


@pytest.mark.parametrize(
    ("status", "flags", "expected"),
    [
        (200, "", domain.Outcome.SUCCESS),
        (304, "", domain.Outcome.SUCCESS),
        (200, "DC", domain.Outcome.SERVER_ERROR),
        (401, "", domain.Outcome.CLIENT_ERROR),
        (404, "NR", domain.Outcome.CLIENT_ERROR),
        (503, "UF", domain.Outcome.SERVER_ERROR),
        (0, "DC", domain.Outcome.SERVER_ERROR),
    ],
)
def test_one_definition_of_success(status: int, flags: str, expected: domain.Outcome) -> None:
    assert domain.outcome(status, flags) is expected


def test_the_rollup_tables_hold_one_column_per_histogram_bucket() -> None:
    for model in (TrafficMinuteRow, TrafficHourRow):
        columns = [c.name for c in model.__table__.columns if c.name.startswith("le_")]
        assert columns == list(domain.BUCKET_COLUMNS)


def test_percentiles_come_from_the_histogram_buckets() -> None:
    tally = domain.Tally()
    for duration in [3] * 90 + [700] * 10:
        tally.add_call(duration, 0, 0)
    assert tally.buckets[domain.latency_bucket(3)] == 90
    assert domain.percentile(tally.buckets, 0.5) == pytest.approx(5 * 50 / 90)
    assert 500 < domain.percentile(tally.buckets, 0.95) <= 1000
    assert domain.percentile([0] * len(domain.BUCKET_COLUMNS), 0.95) == 0.0
    slow = domain.Tally()
    slow.add_call(60_000, 0, 0)
    assert domain.percentile(slow.buckets, 0.99) == domain.LATENCY_BOUNDS_MS[-1]


def test_roll_up_counts_each_call_in_its_minute_and_hour() -> None:
    at = datetime(2026, 3, 1, 9, 59, 30, tzinfo=UTC)
    calls = [
        domain.Call(at, "a", "c1", "kiosk", 200, "", 10, 1, 2),
        domain.Call(at + timedelta(seconds=40), "a", "c1", "kiosk", 200, "", 30, 1, 2),
        domain.Call(at, "a", "c1", "kiosk", 503, "UF", 5, 1, 2),
    ]
    minutes, hours, codes = domain.roll_up(calls)
    assert codes == {"c1": "kiosk"}
    success = domain.Outcome.SUCCESS
    assert minutes[domain.RollupKey(at.replace(second=0), "a", "c1", success)].calls == 1
    assert (
        minutes[domain.RollupKey(datetime(2026, 3, 1, 10, tzinfo=UTC), "a", "c1", success)].calls
        == 1
    )
    hour = hours[domain.RollupKey(datetime(2026, 3, 1, 9, tzinfo=UTC), "a", "c1", success)]
    assert (hour.calls, hour.duration_ms_sum) == (1, 10)
    assert sum(t.calls for t in hours.values()) == 3


def test_a_window_reads_whole_hours_and_minute_edges() -> None:
    start = datetime(2026, 3, 1, 8, 30, 15, tzinfo=UTC)
    end = datetime(2026, 3, 1, 11, 10, 0, tzinfo=UTC)
    hours, edges = domain.Window(start, end).rollup_parts()
    assert hours == domain.Window(
        datetime(2026, 3, 1, 9, tzinfo=UTC), datetime(2026, 3, 1, 11, tzinfo=UTC)
    )
    assert edges == [
        domain.Window(datetime(2026, 3, 1, 8, 30, tzinfo=UTC), datetime(2026, 3, 1, 9, tzinfo=UTC)),
        domain.Window(datetime(2026, 3, 1, 11, tzinfo=UTC), end),
    ]
    short = domain.Window(start, start + timedelta(minutes=5))
    assert short.rollup_parts() == (
        None,
        [domain.Window(start.replace(second=0), start.replace(second=0) + timedelta(minutes=6))],
    )


def test_today_and_days_follow_the_platform_time_zone() -> None:
    # 23:30 UTC on 1 March is 07:30 on 2 March in Shanghai.
    moment = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    day = domain.local_day(moment, "Asia/Shanghai")
    assert day.start == datetime(2026, 3, 1, 16, tzinfo=UTC)
    assert domain.bucket_of(moment, domain.Granularity.DAY, "Asia/Shanghai") == day.start
    month = domain.bucket_of(moment, domain.Granularity.MONTH, "Asia/Shanghai")
    assert month == datetime(2026, 2, 28, 16, tzinfo=UTC)
    week = domain.Window(day.start, day.start + timedelta(days=7))
    assert len(domain.buckets_between(week, domain.Granularity.DAY, "Asia/Shanghai")) == 7


def test_a_reversed_time_range_is_invalid() -> None:
    now = datetime.now(UTC)
    default = domain.Window(now - timedelta(hours=1), now)
    with pytest.raises(InvalidArgument) as error:
        domain.time_window(now, now - timedelta(minutes=1), default, "filter.time_range")
    assert [v.field for v in error.value.violations] == ["filter.time_range"]
    assert domain.time_window(None, None, default) == default


def test_rankings_put_the_largest_first_and_skip_thin_shares() -> None:
    def summary(calls: int, failed: int, latency: int) -> domain.Summary:
        result = domain.Summary()
        ok = domain.Tally()
        for _ in range(calls - failed):
            ok.add_call(latency, 0, 0)
        bad = domain.Tally()
        for _ in range(failed):
            bad.add_call(latency, 0, 0)
        result.add(domain.Outcome.SUCCESS, ok)
        result.add(domain.Outcome.SERVER_ERROR, bad)
        return result

    summaries = {"a": summary(100, 1, 10), "b": summary(20, 10, 300), "c": summary(3, 3, 50)}
    assert [n for n, _ in domain.rank(summaries, domain.RankMetric.CALLS, 5)] == ["a", "b", "c"]
    assert [n for n, _ in domain.rank(summaries, domain.RankMetric.FAILED_CALLS, 2)] == ["b", "c"]
    assert [n for n, _ in domain.rank(summaries, domain.RankMetric.AVERAGE_LATENCY, 5)] == [
        "b",
        "c",
        "a",
    ]
    # "c" failed every call, but three calls are too few to rank by share.
    assert [n for n, _ in domain.rank(summaries, domain.RankMetric.FAILURE_SHARE, 5)] == ["b", "a"]


def test_log_cursors_round_trip_and_reject_forgeries() -> None:
    cursor = domain.LogCursor(datetime(2026, 3, 1, 8, 0, 0, 123456, tzinfo=UTC), 42)
    assert domain.LogCursor.parse(cursor.token()) == cursor
    assert domain.LogCursor.parse("") is None
    for forged in ("garbage", "WzEsMl0=", "WyIyMDI2LTAzLTAxVDA4OjAwOjAwIiwgMV0="):
        with pytest.raises(InvalidArgument):
            domain.LogCursor.parse(forged)


def test_file_log_lines_are_masked_and_missing_values_read_as_empty() -> None:
    values = file_row_values(
        {
            "time": "2026-03-01T08:00:00.250Z",
            "request_id": "r1",
            "api": "report.get",
            "method": "GET",
            "path": "/v1/reports?phone=13812345678",
            "status": "503",
            "flags": "UF",
            "duration_ms": 12,
            "upstream_ms": "-",
            "client": "10.0.0.1",
            "user_agent": None,
        }
    )
    assert values is not None
    assert values["started_at"] == datetime(2026, 3, 1, 8, 0, 0, 250000, tzinfo=UTC)
    assert values["path"] == "/v1/reports?phone=138****5678"
    assert (values["status"], values["upstream_ms"], values["user_agent"]) == (503, -1, "")
    assert file_row_values({"time": "2026-03-01T08:00:00Z"}) is None


def test_monitor_settings_name_the_bad_variable(tmp_path: Path) -> None:
    settings = load_monitor_settings({}, tmp_path)
    assert settings.access_log_file == tmp_path / "logs" / "channel-access.log"
    assert settings.retention.raw == timedelta(days=180)
    with pytest.raises(ConfigError, match="WAILIAN_MONITOR_BATCH_ENTRIES"):
        load_monitor_settings({"WAILIAN_MONITOR_BATCH_ENTRIES": "many"}, tmp_path)
    with pytest.raises(ConfigError, match="ROLLUP_RETENTION_DAYS"):
        load_monitor_settings(
            {
                "WAILIAN_MONITOR_RETENTION_DAYS": "400",
                "WAILIAN_MONITOR_ROLLUP_RETENTION_DAYS": "30",
            },
            tmp_path,
        )


def test_a_full_buffer_drops_and_counts_instead_of_waiting() -> None:
    async def scenario() -> tuple[list[int], int, int]:
        release = asyncio.Event()
        batches: list[int] = []

        async def slow_write(rows: Sequence[Row]) -> int:
            await release.wait()
            batches.append(len(rows))
            return len(rows)

        pipeline = IngestPipeline(slow_write, capacity=10, batch_size=4, flush_seconds=60)
        writer = asyncio.create_task(pipeline.run())
        assert pipeline.offer([{"n": i} for i in range(6)]) == 0
        await asyncio.sleep(0)  # the writer takes a full batch and blocks on the database
        dropped = pipeline.offer([{"n": i} for i in range(12)])
        release.set()
        await pipeline.drain()
        writer.cancel()
        return batches, dropped, pipeline.stats.written

    batches, dropped, written = asyncio.run(scenario())
    assert dropped == 14 - 10
    assert all(size <= 4 for size in batches)
    assert sum(batches) == written == 14


def test_per_service_figures_leave_out_the_token_endpoint() -> None:
    from services.monitor.domain import Summary, api_services_only

    summaries = {"": Summary(), "oauth2.token": Summary(), "master.doctor.get": Summary()}
    # Unrouted calls stay (a burst of 404s is worth seeing); the token endpoint is no API.
    assert list(api_services_only(summaries)) == ["", "master.doctor.get"]
