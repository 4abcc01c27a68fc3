"""Maintenance records (O10, O11): status flow, working calendar and service-level timers.

Pure domain code: no gRPC, no SQL. Every moment is an aware datetime; the calendar says in
which time zone working hours and working days are read.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from services.runtime.errors import FailedPrecondition, Validator


class Kind(enum.StrEnum):
    FAULT = "fault"
    BUG = "bug"
    REQUIREMENT = "requirement"
    CHANGE = "change"
    DATA_CORRECTION = "data_correction"
    SUPPORT = "support"


class Severity(enum.IntEnum):
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


class Status(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"
    CANCELLED = "cancelled"


class Action(enum.StrEnum):
    ACKNOWLEDGE = "acknowledge"
    RESOLVE = "resolve"
    CLOSE = "close"
    REOPEN = "reopen"
    CANCEL = "cancel"


# Which status each action may start from, and where it leads.
_FLOW: Mapping[Action, tuple[frozenset[Status], Status]] = {
    Action.ACKNOWLEDGE: (frozenset({Status.OPEN}), Status.IN_PROGRESS),
    Action.RESOLVE: (frozenset({Status.OPEN, Status.IN_PROGRESS}), Status.RESOLVED),
    Action.CLOSE: (frozenset({Status.RESOLVED}), Status.CLOSED),
    Action.REOPEN: (frozenset({Status.RESOLVED, Status.CLOSED}), Status.IN_PROGRESS),
    Action.CANCEL: (
        frozenset({Status.OPEN, Status.IN_PROGRESS, Status.RESOLVED}),
        Status.CANCELLED,
    ),
}


def next_status(current: Status, action: Action, subject: str = "") -> Status:
    """Where `action` takes a record in `current`; FAILED_PRECONDITION when it cannot."""
    sources, target = _FLOW[action]
    if current not in sources:
        allowed = " or ".join(sorted(s.value for s in sources))
        raise FailedPrecondition(
            f"cannot {action.value} a record that is {current.value}; it must be {allowed}",
            subject=subject,
        )
    return target


# The working calendar.

DEFAULT_WORK_START = time(8, 0)
DEFAULT_WORK_END = time(18, 0)
DEFAULT_WORKING_WEEKDAYS = frozenset({1, 2, 3, 4, 5})


@dataclass(frozen=True)
class WorkingCalendar:
    """Working hours on working days; holidays and make-up working days (调休) by date."""

    time_zone: str
    work_start: time = DEFAULT_WORK_START
    work_end: time = DEFAULT_WORK_END
    working_weekdays: frozenset[int] = DEFAULT_WORKING_WEEKDAYS
    holidays: Mapping[date, str] = field(default_factory=dict)
    extra_working_days: Mapping[date, str] = field(default_factory=dict)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return False
        if day in self.extra_working_days:
            return True
        return day.isoweekday() in self.working_weekdays

    def _hours(self, day: date) -> tuple[datetime, datetime]:
        zone = self.zone
        return (
            datetime.combine(day, self.work_start, zone),
            datetime.combine(day, self.work_end, zone),
        )

    def in_working_hours(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone)
        if not self.is_working_day(local.date()):
            return False
        start, end = self._hours(local.date())
        return start <= local < end

    def working_day_length(self) -> timedelta:
        return datetime.combine(date.min, self.work_end) - datetime.combine(
            date.min, self.work_start
        )

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end`; negative when `end` comes first."""
        if end < start:
            return -self.working_time_between(end, start)
        total = timedelta()
        day = start.astimezone(self.zone).date()
        last = end.astimezone(self.zone).date()
        while day <= last:
            if self.is_working_day(day):
                open_at, close_at = self._hours(day)
                begin, finish = max(open_at, start), min(close_at, end)
                if finish > begin:
                    total += finish - begin
            day += timedelta(days=1)
        return total

    def add_working_time(self, start: datetime, amount: timedelta) -> datetime:
        """The moment when `amount` of working time has passed since `start` (in UTC)."""
        remaining = amount
        day = start.astimezone(self.zone).date()
        # A calendar without working days would never get there: give up after ten years.
        for _ in range(3700):
            if self.is_working_day(day):
                open_at, close_at = self._hours(day)
                begin = max(open_at, start)
                if close_at > begin:
                    if begin + remaining <= close_at:
                        return (begin + remaining).astimezone(start.tzinfo)
                    remaining -= close_at - begin
            day += timedelta(days=1)
        raise FailedPrecondition("the working calendar has no working days")


def check_calendar(calendar: WorkingCalendar, check: Validator, prefix: str) -> None:
    """Field violations of a calendar (time zone, hours, weekdays, overlapping dates)."""
    try:
        ZoneInfo(calendar.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        check.require(False, f"{prefix}.time_zone", "an IANA time zone such as Asia/Shanghai")
    check.require(
        calendar.work_start < calendar.work_end,
        f"{prefix}.work_end",
        "working hours must end after they start",
    )
    check.require(
        bool(calendar.working_weekdays) and calendar.working_weekdays <= set(range(1, 8)),
        f"{prefix}.working_weekdays",
        "ISO weekdays 1 (Monday) to 7 (Sunday), at least one",
    )
    both = set(calendar.holidays) & set(calendar.extra_working_days)
    check.require(
        not both,
        f"{prefix}.extra_working_days",
        "a date cannot be a holiday and a working day: "
        + ", ".join(sorted(d.isoformat() for d in both)),
    )
    names = [*calendar.holidays.values(), *calendar.extra_working_days.values()]
    check.require(all(len(n) <= 64 for n in names), f"{prefix}.holidays", "names of 64 at most")
    check.require(
        len(calendar.holidays) + len(calendar.extra_working_days) <= 2000,
        f"{prefix}.holidays",
        "at most 2000 dates",
    )


# Service-level policies.


@dataclass(frozen=True)
class Policy:
    """The contract's time allowed for one kind of record (from a severity up)."""

    policy_id: str
    kind: Kind
    name: str
    min_severity: Severity | None = None
    response_in_working_hours: timedelta | None = None
    response_outside_working_hours: timedelta | None = None
    resolution_working_days: int = 0
    resolution_calendar_days: int = 0


DEFAULT_POLICIES: tuple[Policy, ...] = (
    Policy(
        "slp-fault",
        Kind.FAULT,
        "故障：工作时间0.5小时、非工作时间1小时响应，2个工作日内修复",
        response_in_working_hours=timedelta(minutes=30),
        response_outside_working_hours=timedelta(hours=1),
        resolution_working_days=2,
    ),
    Policy("slp-bug", Kind.BUG, "BUG修复：1个工作日内", resolution_working_days=1),
    Policy(
        "slp-data-correction",
        Kind.DATA_CORRECTION,
        "异常数据调整：1个工作日内",
        resolution_working_days=1,
    ),
    Policy("slp-requirement", Kind.REQUIREMENT, "修改调整：5天内交付", resolution_calendar_days=5),
    Policy("slp-change", Kind.CHANGE, "计划变更：按计划，无计时"),
    Policy("slp-support", Kind.SUPPORT, "操作指导与支持：无计时"),
)


def check_policy(policy: Policy, check: Validator, prefix: str) -> None:
    check.require(0 < len(policy.name.strip()) <= 128, f"{prefix}.name", "1-128 characters")
    for name in ("response_in_working_hours", "response_outside_working_hours"):
        value: timedelta | None = getattr(policy, name)
        check.require(
            value is None or timedelta() < value <= timedelta(days=30),
            f"{prefix}.{name}",
            "more than zero, at most 30 days (unset for no response timer)",
        )
    check.require(
        (policy.response_in_working_hours is None)
        == (policy.response_outside_working_hours is None),
        f"{prefix}.response_outside_working_hours",
        "set both response times, or neither",
    )
    check.require(
        0 <= policy.resolution_working_days <= 365,
        f"{prefix}.resolution_working_days",
        "0 to 365",
    )
    check.require(
        0 <= policy.resolution_calendar_days <= 365,
        f"{prefix}.resolution_calendar_days",
        "0 to 365",
    )
    check.require(
        not (policy.resolution_working_days and policy.resolution_calendar_days),
        f"{prefix}.resolution_calendar_days",
        "working days or calendar days, not both",
    )


def policy_for(policies: Iterable[Policy], kind: Kind, severity: Severity) -> Policy | None:
    """The most specific policy of `kind` that applies to `severity`."""
    matching = [
        p
        for p in policies
        if p.kind is kind and (p.min_severity is None or p.min_severity <= severity)
    ]
    if not matching:
        return None
    return max(matching, key=lambda p: (p.min_severity or 0, p.policy_id))


# Timers.


@dataclass(frozen=True)
class Deadlines:
    """The timers a record starts with: what is allowed and by when."""

    in_working_hours: bool
    response_target: str = ""
    response_due: datetime | None = None
    resolution_target: str = ""
    resolution_due: datetime | None = None
    # How the resolution time is measured: on the working calendar, or in clock time.
    resolution_in_working_time: bool = False


def _hours_text(length: timedelta) -> str:
    seconds = length.total_seconds()
    if seconds >= 3600:
        return f"{seconds / 3600:g} 小时"
    return f"{seconds / 60:g} 分钟" if seconds >= 60 else f"{seconds:g} 秒"


def deadlines(calendar: WorkingCalendar, policy: Policy | None, reported: datetime) -> Deadlines:
    """The due times of a record reported at `reported` under `policy`.

    Response: clock time from the report (0.5 h when reported in working hours, 1 h otherwise
    for faults: the maintainer answers at night too). Resolution in working days: that much
    working time (a working day is one day's working hours) counted from the report, so that
    a fault reported on Friday evening is due at the end of Tuesday's working hours.
    Resolution in calendar days: clock time.
    """
    in_hours = calendar.in_working_hours(reported)
    if policy is None:
        return Deadlines(in_working_hours=in_hours)
    response_target, response_due = "", None
    allowed = (
        policy.response_in_working_hours if in_hours else policy.response_outside_working_hours
    )
    if allowed is not None:
        response_target = _hours_text(allowed)
        response_due = reported + allowed
    resolution_target, resolution_due, working = "", None, False
    if policy.resolution_working_days:
        resolution_target = f"{policy.resolution_working_days} 个工作日"
        resolution_due = calendar.add_working_time(
            reported, calendar.working_day_length() * policy.resolution_working_days
        )
        working = True
    elif policy.resolution_calendar_days:
        resolution_target = f"{policy.resolution_calendar_days} 天"
        resolution_due = reported + timedelta(days=policy.resolution_calendar_days)
    return Deadlines(
        in_working_hours=in_hours,
        response_target=response_target,
        response_due=response_due,
        resolution_target=resolution_target,
        resolution_due=resolution_due,
        resolution_in_working_time=working,
    )


@dataclass(frozen=True)
class Timer:
    """One timer as of a moment."""

    target: str
    due: datetime
    met: datetime | None
    breached: bool
    remaining: timedelta


def timer(
    calendar: WorkingCalendar,
    target: str,
    due: datetime | None,
    met: datetime | None,
    stopped: datetime | None,
    now: datetime,
    *,
    working_time: bool,
) -> Timer | None:
    """The state of a timer: met at `met`, stopped (record cancelled) at `stopped`, or running.

    Breached when met after the due time, or still running (or stopped) past it.
    """
    if due is None:
        return None
    end = met or stopped or now
    remaining = calendar.working_time_between(end, due) if working_time else due - end
    return Timer(target=target, due=due, met=met, breached=end > due, remaining=remaining)


# The period summary.


@dataclass(frozen=True)
class RecordFacts:
    """What the summary needs of one record."""

    kind: Kind
    status: Status
    reported: datetime
    acknowledged: datetime | None
    resolved: datetime | None
    response: Timer | None
    resolution: Timer | None
    severity: Severity = Severity.MEDIUM


@dataclass
class SeveritySummary:
    severity: Severity
    total: int = 0
    breached: int = 0


@dataclass
class KindSummary:
    kind: Kind
    total: int = 0
    open: int = 0
    resolved: int = 0
    closed: int = 0
    response_met: int = 0
    response_breached: int = 0
    resolution_met: int = 0
    resolution_breached: int = 0
    response_times: list[timedelta] = field(default_factory=list)
    resolution_times: list[timedelta] = field(default_factory=list)

    @staticmethod
    def _average(times: Sequence[timedelta]) -> timedelta:
        if not times:
            return timedelta()
        return sum(times, timedelta()) / len(times)

    @property
    def average_response_time(self) -> timedelta:
        return self._average(self.response_times)

    @property
    def average_resolution_time(self) -> timedelta:
        return self._average(self.resolution_times)


@dataclass(frozen=True)
class Summary:
    kinds: list[KindSummary]
    total: int
    compliance: float
    # Highest severity first.
    severities: list[SeveritySummary] = field(default_factory=list)


def summarize(calendar: WorkingCalendar, records: Iterable[RecordFacts]) -> Summary:
    """Counts per kind, timers met and breached, average response and resolution times.

    Response time is clock time from report to response (the response timer runs in clock
    time); resolution time is working time from report to resolution. Compliance: records
    whose timers were all met, over records with a timer met or breached.
    """
    by_kind: dict[Kind, KindSummary] = {}
    by_severity: dict[Severity, SeveritySummary] = {}
    total = finished = compliant = 0
    for record in records:
        total += 1
        level = by_severity.setdefault(record.severity, SeveritySummary(record.severity))
        level.total += 1
        summary = by_kind.setdefault(record.kind, KindSummary(record.kind))
        summary.total += 1
        if record.status in (Status.OPEN, Status.IN_PROGRESS):
            summary.open += 1
        elif record.status is Status.RESOLVED:
            summary.resolved += 1
        elif record.status is Status.CLOSED:
            summary.closed += 1
        if record.acknowledged is not None:
            summary.response_times.append(record.acknowledged - record.reported)
        if record.resolved is not None:
            summary.resolution_times.append(
                calendar.working_time_between(record.reported, record.resolved)
            )
        counted = False
        breached = False
        for one, is_response in ((record.response, True), (record.resolution, False)):
            if one is None:
                continue
            if one.breached:
                breached = counted = True
                if is_response:
                    summary.response_breached += 1
                else:
                    summary.resolution_breached += 1
            elif one.met is not None:
                counted = True
                if is_response:
                    summary.response_met += 1
                else:
                    summary.resolution_met += 1
        level.breached += breached
        if counted:
            finished += 1
            compliant += not breached
    return Summary(
        kinds=[by_kind[k] for k in Kind if k in by_kind],
        total=total,
        compliance=compliant / finished if finished else 0.0,
        severities=[by_severity[s] for s in sorted(by_severity, reverse=True)],
    )


def quarter_of(moment: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The calendar quarter holding `moment`, as local midnights."""
    local = moment.astimezone(zone)
    first_month = (local.month - 1) // 3 * 3 + 1
    start = datetime(local.year, first_month, 1, tzinfo=zone)
    end_month = first_month + 3
    end = (
        datetime(local.year + 1, 1, 1, tzinfo=zone)
        if end_month > 12
        else datetime(local.year, end_month, 1, tzinfo=zone)
    )
    return start, end


# Record text.

TEXT_LIMITS: Mapping[str, int] = {
    "title": 256,
    "description": 8192,
    "reporter_name": 64,
    "reporter_contact": 128,
    "affected_module": 128,
    "resolution": 8192,
    "root_cause": 4096,
    "assignee_user_id": 64,
    "assignee_name": 64,
    "confirmed_by": 64,
}
MAX_ATTACHMENT_BYTES = 3 * 1024 * 1024


def check_text(check: Validator, prefix: str, values: Mapping[str, str]) -> None:
    for name, value in values.items():
        limit = TEXT_LIMITS[name]
        check.require(len(value) <= limit, f"{prefix}{name}", f"at most {limit} characters")


def record_number(year: int, sequence: int) -> str:
    """The human-readable number, e.g. WH-2026-000123."""
    return f"WH-{year}-{sequence:06d}"
