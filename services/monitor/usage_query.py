"""Ad-hoc statistics (O7): cells grouped by any combination of dimensions.

The rollups are keyed by time, API service, channel and outcome; a category is an API
service's (named by registry), so it groups from them too. Upstreams and status codes are not
in the rollups: grouping by them reads the raw access log instead, over a bounded window.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from services.monitor import domain
from services.monitor.directory import Directory


class Dimension(Enum):
    API_SERVICE = "api_service"
    CHANNEL = "channel"
    CATEGORY = "category"
    UPSTREAM = "upstream"
    OUTCOME = "outcome"
    STATUS_CODE = "status_code"
    TIME = "time"


# Dimensions the rollups cannot answer: the raw access log does.
NOT_IN_ROLLUPS = frozenset({Dimension.UPSTREAM, Dimension.STATUS_CODE})
# How long a window the raw access log is grouped over (the rollups have no such bound).
MAX_RAW_WINDOW = timedelta(days=31)

# The columns (of the rollups or the raw log) each dimension needs read back.
_COLUMNS = {
    Dimension.API_SERVICE: "api_code",
    Dimension.CHANNEL: "channel_id",
    Dimension.CATEGORY: "api_code",
    Dimension.UPSTREAM: "upstream",
    Dimension.STATUS_CODE: "status",
    Dimension.TIME: "bucket_start",
}

OUTCOME_LABELS = {
    domain.Outcome.SUCCESS: "成功",
    domain.Outcome.CLIENT_ERROR: "调用方错误",
    domain.Outcome.SERVER_ERROR: "服务端错误",
}

# What a row may be ordered by: its figures, or (for "time") its time bucket.
METRICS: dict[str, Callable[[domain.Summary], float]] = {
    "calls": lambda s: s.calls,
    "failed_calls": lambda s: s.failed_calls,
    "success_share": lambda s: s.success_share,
    "average_latency_ms": lambda s: s.average_latency_ms,
    "p95_latency_ms": lambda s: s.latency_percentile(0.95),
}
TIME_ORDER = "time"


@dataclass(frozen=True)
class Order:
    key: str = "calls"
    descending: bool = True


@dataclass(frozen=True)
class AdHocQuery:
    usage: domain.UsageQuery
    group_by: tuple[Dimension, ...]
    granularity: domain.Granularity
    order: Order


@dataclass(frozen=True)
class Value:
    dimension: Dimension
    # A code or id, an outcome, or the bucket's start in the platform's time zone (ISO 8601).
    value: str
    label: str


@dataclass
class Group:
    values: tuple[Value, ...]
    summary: domain.Summary = field(default_factory=domain.Summary)
    # The bucket's start when grouped by time (for ordering by time).
    time: datetime | None = None


def parse_order(order_by: str, group_by: Sequence[Dimension]) -> Order | None:
    """ "calls desc"-style text; None when it names nothing we can order by. Empty: by time
    (oldest first) when grouped by time, else calls descending."""
    words = order_by.split()
    if not words:
        return Order(TIME_ORDER, False) if Dimension.TIME in group_by else Order()
    known = words[0] in METRICS or (words[0] == TIME_ORDER and Dimension.TIME in group_by)
    if len(words) > 2 or not known:
        return None
    if len(words) == 2 and words[1].lower() not in ("asc", "desc"):
        return None
    descending = words[1].lower() == "desc" if len(words) == 2 else words[0] != TIME_ORDER
    return Order(words[0], descending)


def from_raw_log(group_by: Iterable[Dimension]) -> bool:
    return any(d in NOT_IN_ROLLUPS for d in group_by)


def columns(group_by: Iterable[Dimension]) -> tuple[str, ...]:
    """The columns to group by for these dimensions."""
    return tuple(sorted({_COLUMNS[d] for d in group_by if d in _COLUMNS}))


def group(
    cells: Iterable[domain.RollupCell], query: AdHocQuery, names: Directory, timezone: str
) -> list[Group]:
    """Cells summed per combination of the query's dimensions, in the query's order."""
    zone = ZoneInfo(timezone)
    groups: dict[tuple[str, ...], Group] = {}
    for cell in cells:
        values: list[Value] = []
        time: datetime | None = None
        for dimension in query.group_by:
            if dimension is Dimension.TIME:
                assert cell.bucket_start is not None
                time = domain.bucket_of(cell.bucket_start, query.granularity, timezone)
            values.append(_value(dimension, cell, names, time, zone))
        key = tuple(v.value for v in values)
        found = groups.get(key)
        if found is None:
            found = groups[key] = Group(tuple(values), time=time)
        found.summary.add(cell.outcome, cell.tally)
    ordered = sorted(groups.values(), key=lambda g: tuple(v.value for v in g.values))
    if query.order.key == TIME_ORDER:
        ordered.sort(key=lambda g: g.time or datetime.min, reverse=query.order.descending)
    else:
        metric = METRICS[query.order.key]
        ordered.sort(key=lambda g: metric(g.summary), reverse=query.order.descending)
    return ordered


def _value(
    dimension: Dimension,
    cell: domain.RollupCell,
    names: Directory,
    time: datetime | None,
    zone: ZoneInfo,
) -> Value:
    match dimension:
        case Dimension.API_SERVICE:
            return Value(dimension, cell.api_code, names.service_name(cell.api_code))
        case Dimension.CHANNEL:
            known = names.channel(cell.channel_id)
            label = known.name if known else cell.channel_code
            return Value(dimension, cell.channel_id, label)
        case Dimension.CATEGORY:
            category = names.category(cell.api_code)
            return Value(dimension, category, category)
        case Dimension.OUTCOME:
            return Value(dimension, cell.outcome.value, OUTCOME_LABELS[cell.outcome])
        case Dimension.UPSTREAM:
            upstream = str(getattr(cell, "upstream", ""))
            return Value(dimension, upstream, upstream)
        case Dimension.STATUS_CODE:
            status = str(getattr(cell, "status", 0))
            return Value(dimension, status, status)
        case Dimension.TIME:
            assert time is not None
            local = time.astimezone(zone).isoformat()
            return Value(dimension, local, local)


def totals(groups: Iterable[Group]) -> domain.Summary:
    total = domain.Summary()
    for found in groups:
        total.merge(found.summary)
    return total
