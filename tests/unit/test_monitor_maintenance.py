"""Maintenance records' service-level timers on the working calendar (no I/O).

The calendar is China's 2025 National Day and Mid-Autumn holiday as the State Council set it:
1-8 October off, Sunday 28 September and Saturday 11 October worked instead (调休).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.monitor import maintenance
from services.monitor.maintenance import Kind, Severity, Status
from services.runtime.errors import FailedPrecondition, InvalidArgument, Validator

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALENDAR = maintenance.WorkingCalendar(
    time_zone="Asia/Shanghai",
    holidays={date(2025, 10, d): "国庆节、中秋节" for d in range(1, 9)},
    extra_working_days={date(2025, 9, 28): "国庆节调休", date(2025, 10, 11): "国庆节调休"},
)
POLICIES = {p.kind: p for p in maintenance.DEFAULT_POLICIES}


def at(day: str, clock: str) -> datetime:
    """A wall-clock moment in Shanghai."""
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), SHANGHAI)


def due(kind: Kind, reported: datetime) -> maintenance.Deadlines:
    return maintenance.deadlines(CALENDAR, POLICIES[kind], reported)


@pytest.mark.parametrize(
    ("case", "reported", "in_hours", "response_due", "repair_due"),
    [
        (
            "Tuesday morning",
            at("2025-09-16", "10:00"),
            True,
            "2025-09-16 10:30",
            "2025-09-18 10:00",
        ),
        ("Tuesday night", at("2025-09-16", "20:00"), False, "2025-09-16 21:00", "2025-09-18 18:00"),
        ("before work", at("2025-09-17", "07:30"), False, "2025-09-17 08:30", "2025-09-18 18:00"),
        ("work starts", at("2025-09-17", "08:00"), True, "2025-09-17 08:30", "2025-09-18 18:00"),
        ("work ended", at("2025-09-15", "18:00"), False, "2025-09-15 19:00", "2025-09-17 18:00"),
        ("Friday late", at("2025-09-19", "17:00"), True, "2025-09-19 17:30", "2025-09-23 17:00"),
        ("Saturday", at("2025-09-20", "11:00"), False, "2025-09-20 12:00", "2025-09-23 18:00"),
        ("make-up Sunday", at("2025-09-28", "10:00"), True, "2025-09-28 10:30", "2025-09-30 10:00"),
        ("eve of holiday", at("2025-09-30", "16:00"), True, "2025-09-30 16:30", "2025-10-10 16:00"),
        ("National Day", at("2025-10-01", "09:00"), False, "2025-10-01 10:00", "2025-10-10 18:00"),
        (
            "make-up Saturday",
            at("2025-10-10", "17:30"),
            True,
            "2025-10-10 18:00",
            "2025-10-13 17:30",
        ),
    ],
)
def test_a_fault_is_answered_in_half_an_hour_at_work_an_hour_otherwise_repaired_in_2_days(
    case: str,
    reported: datetime,
    in_hours: bool,
    response_due: str,
    repair_due: str,
) -> None:
    deadlines = due(Kind.FAULT, reported)
    assert deadlines.in_working_hours is in_hours, case
    assert deadlines.response_due == at(*response_due.split()), case
    assert deadlines.resolution_due == at(*repair_due.split()), case
    assert deadlines.response_target == ("30 分钟" if in_hours else "1 小时")
    assert deadlines.resolution_target == "2 个工作日"


def test_a_bug_is_fixed_within_one_working_day_and_has_no_response_timer() -> None:
    thursday = due(Kind.BUG, at("2025-09-18", "15:00"))
    assert thursday.response_due is None
    assert thursday.resolution_due == at("2025-09-19", "15:00")
    # Reported on the last working day before the holiday: due the first day back.
    before_holiday = due(Kind.BUG, at("2025-09-30", "12:00"))
    assert before_holiday.resolution_due == at("2025-10-09", "12:00")
    # Data corrections count the same way.
    assert due(Kind.DATA_CORRECTION, at("2025-09-20", "09:00")).resolution_due == at(
        "2025-09-22", "18:00"
    )


def test_a_requirement_is_delivered_within_five_calendar_days_holidays_included() -> None:
    deadlines = due(Kind.REQUIREMENT, at("2025-10-01", "09:00"))
    assert deadlines.response_due is None
    assert deadlines.resolution_due == at("2025-10-06", "09:00")
    assert deadlines.resolution_target == "5 天"
    assert not deadlines.resolution_in_working_time


def test_support_and_changes_run_no_timers_and_a_severity_policy_wins_over_the_general_one() -> (
    None
):
    assert due(Kind.SUPPORT, at("2025-09-16", "10:00")).response_due is None
    assert due(Kind.CHANGE, at("2025-09-16", "10:00")).resolution_due is None
    critical = maintenance.Policy(
        "slp-fault-critical",
        Kind.FAULT,
        "critical faults",
        min_severity=Severity.CRITICAL,
        response_in_working_hours=timedelta(minutes=15),
        response_outside_working_hours=timedelta(minutes=30),
        resolution_working_days=1,
    )
    policies = [*maintenance.DEFAULT_POLICIES, critical]
    assert maintenance.policy_for(policies, Kind.FAULT, Severity.CRITICAL) == critical
    assert maintenance.policy_for(policies, Kind.FAULT, Severity.HIGH) == POLICIES[Kind.FAULT]


def test_working_time_skips_nights_weekends_and_holidays_and_counts_make_up_days() -> None:
    # Friday 17:00 to Monday 09:00: one hour on Friday, one on Monday.
    assert CALENDAR.working_time_between(
        at("2025-09-19", "17:00"), at("2025-09-22", "09:00")
    ) == timedelta(hours=2)
    # Over the whole holiday, Saturday 11 October worked.
    assert CALENDAR.working_time_between(
        at("2025-09-30", "18:00"), at("2025-10-12", "12:00")
    ) == timedelta(hours=30)
    assert CALENDAR.working_time_between(
        at("2025-09-22", "09:00"), at("2025-09-19", "17:00")
    ) == timedelta(hours=-2)
    assert not CALENDAR.is_working_day(date(2025, 10, 8))
    assert CALENDAR.is_working_day(date(2025, 9, 28))
    assert CALENDAR.in_working_hours(at("2025-10-11", "09:00"))


def test_a_timer_is_breached_when_met_late_or_running_past_due_and_reports_working_time_left() -> (
    None
):
    due_at = at("2025-09-18", "10:00")
    on_time = maintenance.timer(
        CALENDAR, "2 个工作日", due_at, at("2025-09-17", "17:00"), None, due_at, working_time=True
    )
    assert on_time is not None and not on_time.breached
    # Met Wednesday 17:00: one hour that day and two on Thursday morning were left.
    assert on_time.remaining == timedelta(hours=3)
    running = maintenance.timer(
        CALENDAR, "", due_at, None, None, at("2025-09-18", "12:00"), working_time=True
    )
    assert running is not None and running.breached and running.remaining == timedelta(hours=-2)
    # Cancelled before it was due: it stopped there and was not breached.
    cancelled = maintenance.timer(
        CALENDAR,
        "",
        due_at,
        None,
        at("2025-09-17", "09:00"),
        at("2025-09-30", "09:00"),
        working_time=True,
    )
    assert cancelled is not None and not cancelled.breached
    response = maintenance.timer(
        CALENDAR,
        "30 分钟",
        at("2025-09-16", "10:30"),
        at("2025-09-16", "10:45"),
        None,
        at("2025-09-16", "11:00"),
        working_time=False,
    )
    assert response is not None and response.breached
    assert response.remaining == timedelta(minutes=-15)


def test_the_status_flow_allows_only_the_contract_steps() -> None:
    assert maintenance.next_status(Status.OPEN, maintenance.Action.ACKNOWLEDGE) is (
        Status.IN_PROGRESS
    )
    assert maintenance.next_status(Status.OPEN, maintenance.Action.RESOLVE) is Status.RESOLVED
    assert maintenance.next_status(Status.RESOLVED, maintenance.Action.CLOSE) is Status.CLOSED
    assert maintenance.next_status(Status.CLOSED, maintenance.Action.REOPEN) is (Status.IN_PROGRESS)
    assert maintenance.next_status(Status.RESOLVED, maintenance.Action.CANCEL) is (Status.CANCELLED)
    for status, action in [
        (Status.OPEN, maintenance.Action.CLOSE),
        (Status.IN_PROGRESS, maintenance.Action.REOPEN),
        (Status.CLOSED, maintenance.Action.CANCEL),
        (Status.CANCELLED, maintenance.Action.REOPEN),
        (Status.IN_PROGRESS, maintenance.Action.ACKNOWLEDGE),
    ]:
        with pytest.raises(FailedPrecondition):
            maintenance.next_status(status, action)


def test_the_summary_counts_met_and_breached_timers_and_averages_the_times() -> None:
    reported = at("2025-09-16", "10:00")
    deadlines = due(Kind.FAULT, reported)
    assert deadlines.response_due is not None and deadlines.resolution_due is not None
    now = at("2025-09-30", "12:00")

    def fault(
        acknowledged: datetime | None, resolved: datetime | None, severity: Severity = Severity.HIGH
    ) -> maintenance.RecordFacts:
        response = maintenance.timer(
            CALENDAR, "", deadlines.response_due, acknowledged, None, now, working_time=False
        )
        resolution = maintenance.timer(
            CALENDAR, "", deadlines.resolution_due, resolved, None, now, working_time=True
        )
        return maintenance.RecordFacts(
            Kind.FAULT,
            Status.RESOLVED if resolved else Status.IN_PROGRESS,
            reported,
            acknowledged,
            resolved,
            response,
            resolution,
            severity,
        )

    summary = maintenance.summarize(
        CALENDAR,
        [
            # Answered in 10 minutes, repaired in 4 working hours.
            fault(at("2025-09-16", "10:10"), at("2025-09-16", "14:00")),
            # Answered in 50 minutes (late), repaired Wednesday 14:00 (14 working hours).
            fault(at("2025-09-16", "10:50"), at("2025-09-17", "14:00")),
            # Answered in 30 minutes, never repaired: overdue.
            fault(at("2025-09-16", "10:30"), None, Severity.CRITICAL),
        ],
    )
    assert summary.total == 3
    (faults,) = summary.kinds
    assert (faults.total, faults.open, faults.resolved) == (3, 1, 2)
    assert (faults.response_met, faults.response_breached) == (2, 1)
    assert (faults.resolution_met, faults.resolution_breached) == (2, 1)
    assert faults.average_response_time == timedelta(minutes=30)
    assert faults.average_resolution_time == timedelta(hours=9)
    assert summary.compliance == pytest.approx(1 / 3)
    assert [(s.severity, s.total, s.breached) for s in summary.severities] == [
        (Severity.CRITICAL, 1, 1),
        (Severity.HIGH, 2, 1),
    ]


def test_a_calendar_with_a_date_both_off_and_worked_or_bad_hours_is_refused() -> None:
    bad = maintenance.WorkingCalendar(
        time_zone="Mars/Olympus",
        work_start=time(18, 0),
        work_end=time(8, 0),
        working_weekdays=frozenset({0, 8}),
        holidays={date(2025, 10, 11): "国庆节"},
        extra_working_days={date(2025, 10, 11): "国庆节调休"},
    )
    check = Validator()
    maintenance.check_calendar(bad, check, "working_calendar")
    with pytest.raises(InvalidArgument) as error:
        check.check()
    assert {v.field for v in error.value.violations} == {
        "working_calendar.time_zone",
        "working_calendar.work_end",
        "working_calendar.working_weekdays",
        "working_calendar.extra_working_days",
    }


def test_the_quarter_and_record_number_are_read_in_the_hospitals_time_zone() -> None:
    # 31 December 17:00 UTC is already 1 January in Shanghai.
    start, end = maintenance.quarter_of(
        datetime.fromisoformat("2025-12-31T17:00:00+00:00"), SHANGHAI
    )
    assert (start, end) == (at("2026-01-01", "00:00"), at("2026-04-01", "00:00"))
    assert maintenance.record_number(2026, 123) == "WH-2026-000123"
