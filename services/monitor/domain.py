"""Monitor's rules: what a request's outcome is, what "today" means, how figures are summed.

Nothing here touches gRPC or SQL: tallies come in as plain values and figures go out.
"""

from __future__ import annotations

import base64
import bisect
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import NamedTuple
from zoneinfo import ZoneInfo

from services.runtime.errors import FieldViolation, InvalidArgument, Validator


class Outcome(Enum):
    """One definition of success, used by every figure the platform shows.

    Success: a response below 400 with no Envoy response flag (no local reset, timeout, ...).
    Client error: a 4xx (bad credential, unknown route, invalid input) — the channel's side.
    Server error: everything else — 5xx, or a failure Envoy flagged — the hospital's side.
    """

    SUCCESS = "success"
    CLIENT_ERROR = "client_error"
    SERVER_ERROR = "server_error"


def outcome(status: int, response_flags: str) -> Outcome:
    if 100 <= status < 400 and not response_flags:
        return Outcome.SUCCESS
    if 400 <= status < 500:
        return Outcome.CLIENT_ERROR
    return Outcome.SERVER_ERROR


# What counts against a channel's daily quota: calls the hospital side answered. Calls the edge
# refused (401, 403, 429) or the channel got wrong (4xx) do not use it up.
QUOTA_OUTCOMES = frozenset({Outcome.SUCCESS, Outcome.SERVER_ERROR})


# Upper bounds (inclusive, milliseconds) of the latency histogram kept in every rollup; the
# last bucket holds everything slower. Percentiles are read from these buckets.
LATENCY_BOUNDS_MS: tuple[int, ...] = (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000)
BUCKET_COLUMNS: tuple[str, ...] = (*(f"le_{b}" for b in LATENCY_BOUNDS_MS), "le_inf")


def latency_bucket(duration_ms: int) -> int:
    """Index of the histogram bucket holding `duration_ms` (bounds are inclusive)."""
    return bisect.bisect_left(LATENCY_BOUNDS_MS, duration_ms)


def percentile(buckets: Sequence[int], quantile: float) -> float:
    """The latency below which `quantile` of the calls fall, interpolated inside its bucket.

    Calls in the open last bucket are reported at the last bound (a lower bound of the truth).
    """
    total = sum(buckets)
    if total == 0:
        return 0.0
    rank = quantile * total
    seen = 0
    for index, count in enumerate(buckets):
        if count and seen + count >= rank:
            if index >= len(LATENCY_BOUNDS_MS):
                return float(LATENCY_BOUNDS_MS[-1])
            lower = LATENCY_BOUNDS_MS[index - 1] if index else 0
            upper = LATENCY_BOUNDS_MS[index]
            return lower + (upper - lower) * (rank - seen) / count
        seen += count
    return float(LATENCY_BOUNDS_MS[-1])


@dataclass
class Tally:
    """Calls summed over some set of requests: counts, latency and bytes."""

    calls: int = 0
    duration_ms_sum: int = 0
    bytes_received: int = 0
    bytes_sent: int = 0
    buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKET_COLUMNS))

    def add_call(self, duration_ms: int, bytes_received: int, bytes_sent: int) -> None:
        self.calls += 1
        self.duration_ms_sum += max(duration_ms, 0)
        self.bytes_received += bytes_received
        self.bytes_sent += bytes_sent
        self.buckets[latency_bucket(duration_ms)] += 1

    def merge(self, other: Tally) -> None:
        self.calls += other.calls
        self.duration_ms_sum += other.duration_ms_sum
        self.bytes_received += other.bytes_received
        self.bytes_sent += other.bytes_sent
        self.buckets = [a + b for a, b in zip(self.buckets, other.buckets, strict=True)]


@dataclass(frozen=True)
class RollupKey:
    """One cell of the per-minute (and per-hour) rollups."""

    bucket_start: datetime
    api_code: str
    channel_id: str
    outcome: Outcome


class Call(NamedTuple):
    """The fields of one stored request that the rollups need (a tuple: thousands a second)."""

    started_at: datetime
    api_code: str
    channel_id: str
    channel_code: str
    status: int
    response_flags: str
    duration_ms: int
    bytes_received: int
    bytes_sent: int


def minute_start(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def hour_start(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def roll_up(
    calls: Iterable[Call],
) -> tuple[dict[RollupKey, Tally], dict[RollupKey, Tally], dict[str, str]]:
    """Minute and hour tallies of `calls`, and each channel's code by id."""
    # Summed first under plain tuple keys: a batch has thousands of calls in a few cells, and
    # per-call key objects and tallies would cost more than the rest of the write.
    cells: dict[tuple[datetime, str, str, Outcome], list[int]] = {}
    codes: dict[str, str] = {}
    width = len(BUCKET_COLUMNS)
    for call in calls:
        codes.setdefault(call.channel_id, call.channel_code)
        key = (
            minute_start(call.started_at),
            call.api_code,
            call.channel_id,
            outcome(call.status, call.response_flags),
        )
        sums = cells.get(key)
        if sums is None:
            sums = cells[key] = [0] * (4 + width)
        sums[0] += 1
        sums[1] += max(call.duration_ms, 0)
        sums[2] += call.bytes_received
        sums[3] += call.bytes_sent
        sums[4 + latency_bucket(call.duration_ms)] += 1
    minutes: dict[RollupKey, Tally] = {}
    hours: dict[RollupKey, Tally] = {}
    for (minute, api_code, channel_id, result), sums in cells.items():
        tally = Tally(sums[0], sums[1], sums[2], sums[3], sums[4:])
        minutes[RollupKey(minute, api_code, channel_id, result)] = tally
        hour_key = RollupKey(minute.replace(minute=0), api_code, channel_id, result)
        hour = hours.get(hour_key)
        if hour is None:
            hours[hour_key] = Tally(
                tally.calls,
                tally.duration_ms_sum,
                tally.bytes_received,
                tally.bytes_sent,
                list(tally.buckets),
            )
        else:
            hour.merge(tally)
    return minutes, hours, codes


@dataclass(frozen=True)
class Day:
    start: datetime
    end: datetime


def local_day(now: datetime, timezone: str) -> Day:
    """The calendar day containing `now` in the platform's time zone, as a UTC range."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    start = datetime(local.year, local.month, local.day, tzinfo=zone)
    end = start + timedelta(days=1)
    return Day(start.astimezone(UTC), end.astimezone(UTC))


@dataclass(frozen=True)
class Window:
    """A UTC time range [start, end), resolved to whole minutes for the rollups."""

    start: datetime
    end: datetime

    def rollup_parts(self) -> tuple[Window | None, list[Window]]:
        """The whole hours inside (read from hour rollups) and the minute edges around them."""
        start = minute_start(self.start)
        end = minute_start(self.end)
        if end < self.end:
            end += timedelta(minutes=1)
        first_hour = hour_start(start)
        if first_hour < start:
            first_hour += timedelta(hours=1)
        last_hour = hour_start(end)
        if first_hour >= last_hour:
            return None, [Window(start, end)]
        edges = [w for w in (Window(start, first_hour), Window(last_hour, end)) if w.start < w.end]
        return Window(first_hour, last_hour), edges

    @property
    def length(self) -> timedelta:
        return self.end - self.start


def time_window(
    start: datetime | None,
    end: datetime | None,
    default: Window,
    field_name: str = "time_range",
    max_length: timedelta | None = None,
) -> Window:
    """A requested range, the default when unset; INVALID_ARGUMENT when reversed or too long."""
    window = Window(start or default.start, end or default.end)
    check = Validator()
    check.require(window.start < window.end, field_name, "start_time must be before end_time")
    if max_length is not None:
        check.require(
            window.length <= max_length,
            field_name,
            f"must not be longer than {max_length.days or max_length.seconds // 3600} "
            f"{'days' if max_length.days else 'hours'}",
        )
    check.check()
    return window


@dataclass
class Summary:
    """What a page shows for a set of calls: counts by outcome, shares, latency."""

    calls: int = 0
    success_calls: int = 0
    client_error_calls: int = 0
    server_error_calls: int = 0
    tally: Tally = field(default_factory=Tally)

    def add(self, result: Outcome, tally: Tally) -> None:
        self.calls += tally.calls
        if result is Outcome.SUCCESS:
            self.success_calls += tally.calls
        elif result is Outcome.CLIENT_ERROR:
            self.client_error_calls += tally.calls
        else:
            self.server_error_calls += tally.calls
        self.tally.merge(tally)

    def merge(self, other: Summary) -> None:
        self.calls += other.calls
        self.success_calls += other.success_calls
        self.client_error_calls += other.client_error_calls
        self.server_error_calls += other.server_error_calls
        self.tally.merge(other.tally)

    @property
    def failed_calls(self) -> int:
        return self.calls - self.success_calls

    @property
    def success_share(self) -> float:
        return self.success_calls / self.calls if self.calls else 0.0

    @property
    def failure_share(self) -> float:
        return self.failed_calls / self.calls if self.calls else 0.0

    @property
    def average_latency_ms(self) -> float:
        return self.tally.duration_ms_sum / self.calls if self.calls else 0.0

    def latency_percentile(self, quantile: float) -> float:
        return percentile(self.tally.buckets, quantile)


@dataclass(frozen=True)
class RollupCell:
    """One row read back from the rollups, grouped by some of its dimensions."""

    bucket_start: datetime | None
    api_code: str
    channel_id: str
    channel_code: str
    outcome: Outcome
    tally: Tally


def summarise(cells: Iterable[RollupCell], key: str | None = None) -> dict[str, Summary]:
    """Cells summed per `key` ("api_code" or "channel_id"), or all under "" when None."""
    summaries: dict[str, Summary] = {}
    for cell in cells:
        name = str(getattr(cell, key)) if key else ""
        summaries.setdefault(name, Summary()).add(cell.outcome, cell.tally)
    return summaries


# The edge's OAuth2 token endpoint (its route is named so by the edge configuration): its calls
# count in the totals, but it is not one of the hospital's API services, so the per-service
# figures leave it out. Unrouted calls (no route name) stay: a burst of them is worth seeing.
TOKEN_ENDPOINT_ROUTE = "oauth2.token"  # noqa: S105 - a route name, not a secret


def api_services_only(summaries: Mapping[str, Summary]) -> dict[str, Summary]:
    return {name: s for name, s in summaries.items() if name != TOKEN_ENDPOINT_ROUTE}


class RankMetric(Enum):
    CALLS = "calls"
    FAILED_CALLS = "failed_calls"
    AVERAGE_LATENCY = "average_latency"
    P95_LATENCY = "p95_latency"
    FAILURE_SHARE = "failure_share"


# A failure share over a handful of calls says little; rankings by share skip them.
MIN_CALLS_FOR_SHARE = 10


def rank(
    summaries: Mapping[str, Summary], metric: RankMetric, limit: int
) -> list[tuple[str, Summary]]:
    """The top `limit` entries by `metric`, largest first; ties broken by calls, then name."""

    def value(summary: Summary) -> float:
        match metric:
            case RankMetric.CALLS:
                return summary.calls
            case RankMetric.FAILED_CALLS:
                return summary.failed_calls
            case RankMetric.AVERAGE_LATENCY:
                return summary.average_latency_ms
            case RankMetric.P95_LATENCY:
                return summary.latency_percentile(0.95)
            case RankMetric.FAILURE_SHARE:
                return summary.failure_share

    entries = [
        (name, summary)
        for name, summary in summaries.items()
        if summary.calls
        and (metric is not RankMetric.FAILURE_SHARE or summary.calls >= MIN_CALLS_FOR_SHARE)
        and (metric is not RankMetric.FAILED_CALLS or summary.failed_calls)
    ]
    entries.sort(key=lambda item: (-value(item[1]), -item[1].calls, item[0]))
    return entries[:limit]


class Granularity(Enum):
    MINUTE = "minute"
    FIVE_MINUTES = "five_minutes"
    HOUR = "hour"
    DAY = "day"
    MONTH = "month"


def bucket_of(moment: datetime, granularity: Granularity, timezone: str) -> datetime:
    """Start of the bucket holding `moment`; days and months follow the platform's time zone."""
    moment = moment.astimezone(UTC)
    match granularity:
        case Granularity.MINUTE:
            return minute_start(moment)
        case Granularity.FIVE_MINUTES:
            start = minute_start(moment)
            return start.replace(minute=start.minute - start.minute % 5)
        case Granularity.HOUR:
            return hour_start(moment)
        case Granularity.DAY:
            return local_day(moment, timezone).start
        case Granularity.MONTH:
            local = moment.astimezone(ZoneInfo(timezone))
            first = datetime(local.year, local.month, 1, tzinfo=ZoneInfo(timezone))
            return first.astimezone(UTC)


def next_bucket(start: datetime, granularity: Granularity, timezone: str) -> datetime:
    match granularity:
        case Granularity.MINUTE:
            return start + timedelta(minutes=1)
        case Granularity.FIVE_MINUTES:
            return start + timedelta(minutes=5)
        case Granularity.HOUR:
            return start + timedelta(hours=1)
        case Granularity.DAY:
            return local_day(start + timedelta(hours=36), timezone).start
        case Granularity.MONTH:
            return bucket_of(start + timedelta(days=32), Granularity.MONTH, timezone)


def buckets_between(window: Window, granularity: Granularity, timezone: str) -> list[datetime]:
    """Every bucket start from the one holding window.start up to window.end."""
    starts = []
    start = bucket_of(window.start, granularity, timezone)
    while start < window.end:
        starts.append(start)
        start = next_bucket(start, granularity, timezone)
    return starts


def series_step(window: Window) -> Granularity:
    """About 60 to 300 points whatever the range."""
    minutes = window.length.total_seconds() / 60
    if minutes <= 300:
        return Granularity.MINUTE
    if minutes <= 1500:
        return Granularity.FIVE_MINUTES
    if minutes <= 300 * 60:
        return Granularity.HOUR
    return Granularity.DAY


def series(
    cells: Iterable[RollupCell], window: Window, granularity: Granularity, timezone: str
) -> list[tuple[datetime, Summary]]:
    """Cells summed per time bucket, every bucket of the window present (zero when empty)."""
    points = {start: Summary() for start in buckets_between(window, granularity, timezone)}
    for cell in cells:
        assert cell.bucket_start is not None
        start = bucket_of(cell.bucket_start, granularity, timezone)
        if start in points:
            points[start].add(cell.outcome, cell.tally)
    return sorted(points.items())


def bucket_seconds(start: datetime, granularity: Granularity, timezone: str) -> float:
    return (next_bucket(start, granularity, timezone) - start).total_seconds()


# Log query: keyset pagination, newest first.


@dataclass(frozen=True)
class LogCursor:
    """Where a page of the log ended: the last entry's start time and id."""

    started_at: datetime
    log_id: int

    def token(self) -> str:
        raw = json.dumps([self.started_at.astimezone(UTC).isoformat(), self.log_id])
        return base64.urlsafe_b64encode(raw.encode()).decode()

    @classmethod
    def parse(cls, token: str) -> LogCursor | None:
        if not token:
            return None
        try:
            started, log_id = json.loads(base64.urlsafe_b64decode(token.encode()))
            moment = datetime.fromisoformat(started)
            if moment.tzinfo is None or not isinstance(log_id, int):
                raise ValueError(token)
            return cls(moment, log_id)
        except (ValueError, TypeError):
            raise InvalidArgument(
                [FieldViolation("page_token", "is not a token we issued")]
            ) from None


def status_classes_valid(classes: Iterable[int]) -> bool:
    return all(1 <= value <= 5 for value in classes)


def finite(value: float) -> bool:
    return math.isfinite(value)


@dataclass(frozen=True)
class LogQuery:
    """Validated filters of the log query and its export."""

    window: Window
    api_codes: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    status_codes: tuple[int, ...] = ()
    status_classes: tuple[int, ...] = ()
    outcome: Outcome | None = None
    min_duration_ms: float = 0.0
    client_ip: str = ""
    request_id: str = ""
    trace_id: str = ""
    path_prefix: str = ""
    method: str = ""
    upstream: str = ""
    response_flag: str = ""


@dataclass(frozen=True)
class UsageQuery:
    """Validated filters of the statistics."""

    window: Window
    api_codes: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    outcome: Outcome | None = None
