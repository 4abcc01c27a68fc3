"""Inspection grading, the shipped checks, the schedule's cron and report periods."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.monitor import inspections, reports
from services.monitor.inspections import (
    CHECKS_BY_CODE,
    CheckOverride,
    Grade,
    Observation,
    ServiceInstance,
    assess,
    assess_all,
    grade,
    next_run,
    restart_observation,
    tally,
    version_observations,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0, Grade.OK), (79.9, Grade.OK), (80, Grade.WARNING), (89.9, Grade.WARNING), (90, Grade.RISK)],
)
def test_disk_use_is_graded_at_its_thresholds(value: float, expected: Grade) -> None:
    assert grade(CHECKS_BY_CODE["host.disk"], value) is expected


def test_lower_is_worse_grades_downwards() -> None:
    listeners = CHECKS_BY_CODE["edge.listeners"]
    assert grade(listeners, 0) is Grade.RISK
    assert grade(listeners, 1) is Grade.OK


def test_integrity_problems_are_a_risk_and_ok_needs_no_advice() -> None:
    check = CHECKS_BY_CODE["database.integrity"]
    broken = assess(Observation(check.code, "monitor", 2, "2 处问题"), check)
    healthy = assess(Observation(check.code, "monitor", 0, "ok"), check)
    assert broken.grade is Grade.RISK
    assert "备份" in broken.recommendation
    assert healthy.grade is Grade.OK
    assert healthy.recommendation == ""


def test_finding_names_the_threshold_that_graded_it() -> None:
    check = CHECKS_BY_CODE["host.memory"]
    finding = assess(Observation(check.code, "本机", 85, "已用 85%"), check)
    assert finding.grade is Grade.WARNING
    assert finding.threshold == "警告 ≥ 80%，风险 ≥ 90%"
    assert finding.recommendation == check.recommendation


def test_unobservable_is_unknown_and_not_counted_in_the_overall_grade() -> None:
    check = CHECKS_BY_CODE["services.health"]
    unknown = assess(Observation(check.code, "payment", None, "未知：无法连接"), check)
    ok = assess(Observation(check.code, "identity", 0, "SERVING"), check)
    assert unknown.grade is Grade.UNKNOWN
    counted = tally([unknown, ok])
    assert counted.overall is Grade.OK
    assert (counted.ok, counted.warning, counted.risk) == (1, 0, 0)


def test_findings_are_sorted_worst_first_and_disabled_checks_skipped() -> None:
    overrides = {"host.cpu_load": CheckOverride(False, 70, 90, "")}
    checks = inspections.effective_checks(overrides)
    findings = assess_all(
        [
            Observation("host.memory", "本机", 10, "10%"),
            Observation("host.disk", "数据目录", 95, "95%"),
            Observation("host.cpu_load", "本机", 99, "99%"),
        ],
        checks,
    )
    assert [(f.check_code, f.grade) for f in findings] == [
        ("host.disk", Grade.RISK),
        ("host.memory", Grade.OK),
    ]
    assert tally(findings).overall is Grade.RISK


def test_changed_thresholds_grade_differently() -> None:
    overrides = {"host.disk": CheckOverride(True, 50, 60, "扩容")}
    check = next(c for c in inspections.effective_checks(overrides) if c.code == "host.disk")
    finding = assess(Observation("host.disk", "数据目录", 55, "55%"), check)
    assert finding.grade is Grade.WARNING
    assert finding.recommendation == "扩容"
    assert finding.threshold == "警告 ≥ 50%，风险 ≥ 60%"


def test_thresholds_in_the_wrong_order_are_refused() -> None:
    check = CHECKS_BY_CODE["host.disk"]
    wrong = inspections.dataclasses.replace(check, warning_threshold=95, risk_threshold=90)
    assert inspections.threshold_problems(wrong) == [
        ("risk_threshold", "must not be below warning_threshold")
    ]
    assert inspections.threshold_problems(check) == []


def test_default_schedule_is_quarterly_at_two_in_the_morning_shanghai_time() -> None:
    after = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    first = next_run(inspections.DEFAULT_CRON, SHANGHAI, after)
    second = next_run(inspections.DEFAULT_CRON, SHANGHAI, first)
    assert first.astimezone(SHANGHAI) == datetime(2027, 1, 1, 2, 0, tzinfo=SHANGHAI)
    assert second.astimezone(SHANGHAI) == datetime(2027, 4, 1, 2, 0, tzinfo=SHANGHAI)


def test_cron_weekdays_steps_and_errors() -> None:
    after = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)  # a Sunday, 20:00 in Shanghai
    monday = next_run("30 8 * * 1", SHANGHAI, after)
    assert monday.astimezone(SHANGHAI) == datetime(2026, 11, 30, 8, 30, tzinfo=SHANGHAI)
    quarter_hour = next_run("*/15 * * * *", SHANGHAI, after)
    assert quarter_hour == datetime(2026, 11, 29, 12, 15, tzinfo=UTC)
    for bad in ("0 2 1 13 *", "0 2 *", "x * * * *", "0 2 31 2 *"):
        with pytest.raises(inspections.CronError):
            next_run(bad, SHANGHAI, after)


def test_inspections_are_numbered_within_their_local_quarter() -> None:
    # 2026-03-31 17:00 UTC is already April 1st in Shanghai: the second quarter.
    prefix = inspections.number_prefix(datetime(2026, 3, 31, 17, 0, tzinfo=UTC), SHANGHAI)
    assert inspections.number(prefix, 0) == "XJ-2026Q2-01"


@pytest.mark.parametrize(
    ("period", "start", "end", "label"),
    [
        (reports.Period.MONTH, datetime(2026, 10, 1), datetime(2026, 11, 1), "2026 年 10 月"),
        (reports.Period.QUARTER, datetime(2026, 7, 1), datetime(2026, 10, 1), "2026 年第 3 季度"),
        (reports.Period.YEAR, datetime(2025, 1, 1), datetime(2026, 1, 1), "2025 年度"),
    ],
)
def test_report_periods_are_the_last_complete_ones_at_local_midnight(
    period: reports.Period, start: datetime, end: datetime, label: str
) -> None:
    now = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    first, last = reports.period_bounds(period, now, SHANGHAI)
    assert first == start.replace(tzinfo=SHANGHAI)
    assert last == end.replace(tzinfo=SHANGHAI)
    assert reports.period_label(period, first, last, SHANGHAI) == label


# Services: restarts and versions.


def _instance(service: str, version: str = "0.1.0", host: str = "node-a") -> ServiceInstance:
    return ServiceInstance(service, host, datetime(2026, 11, 29, 1, 0, tzinfo=UTC), version)


@pytest.mark.parametrize(
    ("restarts", "expected"),
    [(0, Grade.OK), (1, Grade.WARNING), (2, Grade.WARNING), (3, Grade.RISK)],
)
def test_restarts_since_the_last_inspection_are_graded(restarts: int, expected: Grade) -> None:
    check = CHECKS_BY_CODE["services.restarts"]
    since = datetime(2026, 11, 28, 16, 0, tzinfo=UTC)
    observation = restart_observation("registry", restarts, _instance("registry"), since, SHANGHAI)
    finding = assess(observation, check)
    assert finding.grade is expected
    assert finding.threshold == "警告 ≥ 1 次，风险 ≥ 3 次"
    assert f"自上次巡检（2026-11-29 00:00）以来重启 {restarts} 次" in finding.observed
    assert "2026-11-29 09:00:00" in finding.observed  # the current process's start, local time
    assert bool(finding.recommendation) is (expected is not Grade.OK)


def test_a_service_whose_metrics_cannot_be_read_is_unknown_unless_restarts_were_seen() -> None:
    unread = restart_observation("payment", 0, "无法连接 10.0.0.5:8103", None, SHANGHAI)
    assert unread.value is None and "无法连接" in unread.observed
    counted = restart_observation("payment", 2, "无法连接 10.0.0.5:8103", None, SHANGHAI)
    assert counted.value == 2 and counted.observed.startswith("自开始记录以来重启 2 次")


def test_a_service_on_another_version_than_the_platform_is_a_warning() -> None:
    instances = [
        _instance("identity"),
        _instance("monitor"),
        _instance("registry"),
        _instance("payment", "0.2.0"),
        # Two replicas of publishing, one of them left on the old build.
        _instance("publishing", host="pod-1"),
        _instance("publishing", "0.0.9", host="pod-2"),
    ]
    findings = {
        f.subject: f
        for f in assess_all(version_observations(instances), inspections.DEFAULT_CHECKS)
    }
    assert findings["identity"].grade is Grade.OK
    assert findings["identity"].observed == "0.1.0"
    assert findings["payment"].grade is Grade.WARNING
    assert findings["payment"].observed == "运行 0.2.0，平台多数为 0.1.0"
    assert findings["publishing"].grade is Grade.WARNING
    assert findings["publishing"].observed == "运行 0.0.9、0.1.0（2 个实例），平台多数为 0.1.0"
    assert "升级" in findings["payment"].recommendation


def test_process_facts_come_from_a_real_metrics_page() -> None:
    from prometheus_client import generate_latest

    from services.monitor import probes
    from services.runtime.build_info import publish_build_info, version

    publish_build_info("registry")
    facts = probes.parse_process_facts("registry", generate_latest().decode())
    assert facts is not None
    assert facts.version == version() != ""
    assert facts.host
    # The same process reads the same start time every time (restarts compare it).
    again = probes.parse_process_facts("registry", generate_latest().decode())
    assert again == facts
    assert probes.parse_process_facts("registry", "# nothing\n") is None
