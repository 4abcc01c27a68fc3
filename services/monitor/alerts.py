"""Alert rules without I/O: what a rule checks, when it fires, stays one alert, and resolves.

Rollup cells come in as plain values (domain.RollupCell); evaluations and plans go out.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum

from services.monitor import domain
from services.runtime.errors import Validator


class RuleKind(Enum):
    ERROR_RATE = "error_rate"
    LATENCY_PERCENTILE = "latency_percentile"
    TRAFFIC_DROP = "traffic_drop"
    TRAFFIC_SPIKE = "traffic_spike"
    UPSTREAM_DOWN = "upstream_down"
    SERVICE_DOWN = "service_down"
    EDGE_OVERLOAD = "edge_overload"
    CHANNEL_QUOTA = "channel_quota"
    CREDENTIAL_EXPIRY = "credential_expiry"
    CERTIFICATE_EXPIRY = "certificate_expiry"
    DATABASE_USAGE = "database_usage"
    DISK_USAGE = "disk_usage"
    EDGE_CONFIG_REJECTED = "edge_config_rejected"
    INGEST_LAG = "ingest_lag"
    RECONCILIATION_DISCREPANCY = "reconciliation_discrepancy"


# What monitor evaluates from its own rollups.
TRAFFIC_KINDS = frozenset(
    {
        RuleKind.ERROR_RATE,
        RuleKind.LATENCY_PERCENTILE,
        RuleKind.TRAFFIC_DROP,
        RuleKind.TRAFFIC_SPIKE,
    }
)
# What monitor evaluates from what it observes now (readings): the services' gRPC health,
# Envoy's admin API, identity's edge material (quotas, credentials, the channel CA), registry's
# edge nodes (what each acknowledged or rejected), the host's disk and the database, and its own
# access-log pipeline. Payment bills need figures nobody makes yet: those rules are stored, and
# evaluate as "not supported yet".
CONDITION_KINDS = frozenset(
    {
        RuleKind.EDGE_CONFIG_REJECTED,
        RuleKind.SERVICE_DOWN,
        RuleKind.UPSTREAM_DOWN,
        RuleKind.EDGE_OVERLOAD,
        RuleKind.CHANNEL_QUOTA,
        RuleKind.CREDENTIAL_EXPIRY,
        RuleKind.CERTIFICATE_EXPIRY,
        RuleKind.DISK_USAGE,
        RuleKind.DATABASE_USAGE,
        RuleKind.INGEST_LAG,
    }
)
SUPPORTED_KINDS = TRAFFIC_KINDS | CONDITION_KINDS
# Thresholds in days before an expiry; rules a channel list can scope.
EXPIRY_KINDS = frozenset({RuleKind.CREDENTIAL_EXPIRY, RuleKind.CERTIFICATE_EXPIRY})
CHANNEL_SCOPED_KINDS = EXPIRY_KINDS | {RuleKind.CHANNEL_QUOTA}
MAX_EXPIRY_DAYS = 365
# Compared with the same window one week earlier.
WEEK_OVER_WEEK_KINDS = frozenset({RuleKind.TRAFFIC_DROP, RuleKind.TRAFFIC_SPIKE})
WEEK = timedelta(days=7)


class Severity(Enum):
    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANKS[self]


_SEVERITY_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.CRITICAL: 3}


class AlertState(Enum):
    # The condition holds but not yet for the rule's pending duration: not shown.
    PENDING = "pending"
    FIRING = "firing"
    RESOLVED = "resolved"


LATENCY_PERCENTILES = (50.0, 95.0, 99.0)
MIN_WINDOW = timedelta(minutes=1)
MAX_WINDOW = timedelta(days=1)
MAX_DURATION = timedelta(days=1)
MAX_SCOPE_ENTRIES = 100
MAX_SILENCE = timedelta(days=90)


@dataclass(frozen=True)
class RuleSpec:
    """The writable part of an alert rule."""

    name: str
    kind: RuleKind
    severity: Severity
    threshold: float
    window: timedelta
    description: str = ""
    percentile: float = 0.0
    api_codes: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    upstreams: tuple[str, ...] = ()
    enabled: bool = True
    notification_endpoint_ids: tuple[str, ...] = ()
    pending: timedelta = timedelta(0)
    renotify: timedelta = timedelta(0)
    open_maintenance_record: bool = False
    min_calls: int = 0


@dataclass(frozen=True)
class Rule:
    rule_id: str
    spec: RuleSpec
    built_in: bool = False


def _strings(
    check: Validator, values: Sequence[str], field_name: str, max_length: int, what: str
) -> None:
    check.require(
        len(values) <= MAX_SCOPE_ENTRIES, field_name, f"at most {MAX_SCOPE_ENTRIES} entries"
    )
    check.require(
        all(0 < len(value) <= max_length and value == value.strip() for value in values),
        field_name,
        f"each {what} is 1-{max_length} characters without surrounding spaces",
    )


def check_rule_text(check: Validator, name: str, description: str, prefix: str) -> None:
    check.require(0 < len(name.strip()) <= 128, f"{prefix}.name", "1-128 characters")
    check.require(len(description) <= 1024, f"{prefix}.description", "at most 1024 characters")


def validate_rule(spec: RuleSpec, prefix: str = "alert_rule") -> None:
    """INVALID_ARGUMENT naming every bad field of a rule."""
    check = Validator()
    check_rule_text(check, spec.name, spec.description, prefix)
    threshold = spec.threshold
    finite = math.isfinite(threshold)
    match spec.kind:
        case RuleKind.ERROR_RATE:
            check.require(
                finite and 0 <= threshold < 100,
                f"{prefix}.threshold",
                "a failed share in percent, from 0 up to (not including) 100",
            )
        case RuleKind.TRAFFIC_DROP:
            check.require(
                finite and 0 < threshold <= 100,
                f"{prefix}.threshold",
                "percent below last week, above 0 and at most 100 (100: no traffic at all)",
            )
        case RuleKind.LATENCY_PERCENTILE | RuleKind.TRAFFIC_SPIKE:
            check.require(finite and threshold > 0, f"{prefix}.threshold", "must be above 0")
        case RuleKind.UPSTREAM_DOWN:
            check.require(
                finite and 0 <= threshold <= 100,
                f"{prefix}.threshold",
                "percent of an upstream's endpoints down, 0 to 100 (0: all of them)",
            )
        case RuleKind.DISK_USAGE | RuleKind.DATABASE_USAGE:
            check.require(
                finite and 0 < threshold <= 100,
                f"{prefix}.threshold",
                "percent used, above 0 and at most 100",
            )
        case RuleKind.CHANNEL_QUOTA:
            check.require(
                finite and 0 < threshold <= 1000,
                f"{prefix}.threshold",
                "percent of the daily quota used, above 0 and at most 1000",
            )
        case RuleKind.CREDENTIAL_EXPIRY | RuleKind.CERTIFICATE_EXPIRY:
            check.require(
                finite and 0 <= threshold <= MAX_EXPIRY_DAYS,
                f"{prefix}.threshold",
                f"days before the expiry, 0 to {MAX_EXPIRY_DAYS}",
            )
        case _:
            check.require(finite and threshold >= 0, f"{prefix}.threshold", "must not be negative")
    if spec.kind is RuleKind.LATENCY_PERCENTILE:
        check.require(
            spec.percentile in LATENCY_PERCENTILES, f"{prefix}.percentile", "50, 95 or 99"
        )
    if spec.kind in TRAFFIC_KINDS:
        check.require(
            MIN_WINDOW <= spec.window <= MAX_WINDOW
            and spec.window % timedelta(minutes=1) == timedelta(0),
            f"{prefix}.window",
            "whole minutes, from 1 minute to 24 hours (the rollups are per minute)",
        )
        check.require(
            not spec.upstreams,
            f"{prefix}.upstreams",
            "traffic rules cannot be scoped by upstream yet: the rollups keep no upstream",
        )
    else:
        check.require(
            timedelta(0) <= spec.window <= MAX_WINDOW, f"{prefix}.window", "0 to 24 hours"
        )
    if spec.kind in CONDITION_KINDS:
        check.require(
            not spec.api_codes,
            f"{prefix}.api_service_codes",
            f"{spec.kind.value} rules watch no API service",
        )
        check.require(
            not spec.upstreams or spec.kind is RuleKind.UPSTREAM_DOWN,
            f"{prefix}.upstreams",
            "only upstream-down rules are scoped by upstream",
        )
        check.require(
            not spec.channel_ids or spec.kind in CHANNEL_SCOPED_KINDS,
            f"{prefix}.channel_ids",
            "only quota and expiry rules are scoped by channel",
        )
    _strings(check, spec.api_codes, f"{prefix}.api_service_codes", 128, "service code")
    _strings(check, spec.channel_ids, f"{prefix}.channel_ids", 64, "channel id")
    _strings(check, spec.upstreams, f"{prefix}.upstreams", 128, "upstream")
    _strings(
        check,
        spec.notification_endpoint_ids,
        f"{prefix}.notification_endpoint_ids",
        64,
        "endpoint id",
    )
    check.require(
        timedelta(0) <= spec.pending <= MAX_DURATION,
        f"{prefix}.pending_duration",
        "0 to 24 hours",
    )
    check.require(
        timedelta(0) <= spec.renotify <= MAX_DURATION,
        f"{prefix}.renotify_interval",
        "0 (never) to 24 hours",
    )
    check.require(spec.min_calls >= 0, f"{prefix}.min_calls", "must not be negative")
    check.check()


# The rules shipped enabled. Fixed ids: a restart or a second replica inserts nothing twice.
DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "builtin-error-rate",
        RuleSpec(
            name="Error rate above 5%",
            description="A service fails more than 5% of its calls over 5 minutes.",
            kind=RuleKind.ERROR_RATE,
            severity=Severity.CRITICAL,
            threshold=5,
            window=timedelta(minutes=5),
            min_calls=20,
        ),
        built_in=True,
    ),
    Rule(
        "builtin-p95-latency",
        RuleSpec(
            name="p95 latency above 2 s",
            description="95% of a service's calls take longer than 2 seconds over 5 minutes.",
            kind=RuleKind.LATENCY_PERCENTILE,
            severity=Severity.WARNING,
            threshold=2000,
            percentile=95,
            window=timedelta(minutes=5),
            min_calls=20,
        ),
        built_in=True,
    ),
    Rule(
        "builtin-traffic-drop",
        RuleSpec(
            name="Traffic down 80% on last week",
            description="A service gets at least 80% fewer calls than the same 15 minutes "
            "one week earlier.",
            kind=RuleKind.TRAFFIC_DROP,
            severity=Severity.WARNING,
            threshold=80,
            window=timedelta(minutes=15),
            min_calls=50,
        ),
        built_in=True,
    ),
    Rule(
        "builtin-no-traffic",
        RuleSpec(
            name="No traffic",
            description="A service that had calls the same 15 minutes one week earlier has "
            "none now.",
            kind=RuleKind.TRAFFIC_DROP,
            severity=Severity.CRITICAL,
            threshold=100,
            window=timedelta(minutes=15),
            min_calls=20,
        ),
        built_in=True,
    ),
    Rule(
        "builtin-service-down",
        RuleSpec(
            name="Platform service down",
            description="A platform service does not answer its gRPC health check as serving "
            "for 30 seconds.",
            kind=RuleKind.SERVICE_DOWN,
            severity=Severity.CRITICAL,
            threshold=0,
            window=timedelta(0),
            pending=timedelta(seconds=30),
        ),
        built_in=True,
    ),
    Rule(
        "builtin-upstream-down",
        RuleSpec(
            name="Upstream down",
            description="None of an upstream's endpoints is healthy or accepts connections "
            "for 30 seconds.",
            kind=RuleKind.UPSTREAM_DOWN,
            severity=Severity.CRITICAL,
            threshold=0,
            window=timedelta(0),
            pending=timedelta(seconds=30),
        ),
        built_in=True,
    ),
    Rule(
        "builtin-channel-quota",
        RuleSpec(
            name="Channel quota 90% used",
            description="A channel has used 90% of its daily quota.",
            kind=RuleKind.CHANNEL_QUOTA,
            severity=Severity.WARNING,
            threshold=90,
            window=timedelta(0),
        ),
        built_in=True,
    ),
    Rule(
        "builtin-credential-expiry",
        RuleSpec(
            name="Credential expires within 14 days",
            description="A channel credential that is not revoked expires within 14 days.",
            kind=RuleKind.CREDENTIAL_EXPIRY,
            severity=Severity.WARNING,
            threshold=14,
            window=timedelta(0),
        ),
        built_in=True,
    ),
    Rule(
        "builtin-edge-config-rejected",
        RuleSpec(
            name="Edge rejected its configuration",
            description="An Envoy's last answer to the configuration registry served was a "
            "rejection (NACK): it keeps serving the previous configuration, so changes do not "
            "reach the edge.",
            kind=RuleKind.EDGE_CONFIG_REJECTED,
            severity=Severity.CRITICAL,
            threshold=0,
            window=timedelta(0),
        ),
        built_in=True,
    ),
    Rule(
        "builtin-disk-usage",
        RuleSpec(
            name="Disk 90% full",
            description="The disk holding the platform's data directory is 90% used.",
            kind=RuleKind.DISK_USAGE,
            severity=Severity.WARNING,
            threshold=90,
            window=timedelta(0),
        ),
        built_in=True,
    ),
)


# Evaluation.

API_SERVICE_LABEL = "api_service"
CHANNEL_LABEL = "channel"
_LABELS = {"api_code": API_SERVICE_LABEL, "channel_id": CHANNEL_LABEL}


def dimensions(spec: RuleSpec) -> tuple[str, ...]:
    """What one subject of the rule is: a service, a channel, or a service from a channel.

    A rule scoped to channels only watches each channel; otherwise each service.
    """
    if spec.channel_ids and not spec.api_codes:
        return ("channel_id",)
    if spec.channel_ids:
        return ("api_code", "channel_id")
    return ("api_code",)


@dataclass(frozen=True)
class Windows:
    current: domain.Window
    baseline: domain.Window | None


def windows(spec: RuleSpec, now: datetime) -> Windows:
    """The period a rule looks at, and for week-over-week rules the same one a week earlier.

    Rate and latency rules include the current minute (fresh); week-over-week rules use whole
    minutes only, since a minute still filling would look like a drop.
    """
    if spec.kind in WEEK_OVER_WEEK_KINDS:
        end = domain.minute_start(now)
        current = domain.Window(end - spec.window, end)
        return Windows(current, domain.Window(current.start - WEEK, current.end - WEEK))
    end = domain.minute_start(now) + timedelta(minutes=1)
    return Windows(domain.Window(end - spec.window, end), None)


@dataclass(frozen=True)
class Evaluation:
    """A rule's value for one subject of its scope."""

    labels: tuple[tuple[str, str], ...]
    value: float
    breached: bool
    calls: int
    baseline_calls: int = 0
    channel_code: str = ""
    # Condition rules: what was seen, in words ("payment: UNAVAILABLE, connection refused").
    detail: str = ""

    @property
    def label_map(self) -> dict[str, str]:
        return dict(self.labels)


def _grouped(
    cells: Iterable[domain.RollupCell], keys: tuple[str, ...]
) -> tuple[dict[tuple[str, ...], domain.Summary], dict[str, str]]:
    summaries: dict[tuple[str, ...], domain.Summary] = {}
    codes: dict[str, str] = {}
    for cell in cells:
        key = tuple(str(getattr(cell, name)) for name in keys)
        # Calls that matched no service, or came from no known channel, are nobody's subject.
        if not all(key):
            continue
        if cell.channel_id and cell.channel_code:
            codes[cell.channel_id] = cell.channel_code
        summaries.setdefault(key, domain.Summary()).add(cell.outcome, cell.tally)
    return summaries, codes


def _labels(keys: tuple[str, ...], values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((_LABELS[k], v) for k, v in zip(keys, values, strict=True)))


def evaluate(
    spec: RuleSpec,
    current: Iterable[domain.RollupCell],
    baseline: Iterable[domain.RollupCell] = (),
) -> list[Evaluation]:
    """Each subject's value and whether it breaches the threshold.

    Error rate: failed share in percent (the platform's one definition of failure); latency:
    the rule's percentile in ms; both ignore subjects with fewer than min_calls calls. Drop and
    spike: percent below / above the same window last week, for subjects that had at least
    min_calls (and at least one) call then. A drop breaches at the threshold (100: no traffic at
    all); the other kinds above it.
    """
    if spec.kind not in TRAFFIC_KINDS:
        raise NotSupportedYet(spec.kind)
    keys = dimensions(spec)
    now_summaries, codes = _grouped(current, keys)
    found: list[Evaluation] = []
    if spec.kind in WEEK_OVER_WEEK_KINDS:
        then_summaries, then_codes = _grouped(baseline, keys)
        codes = {**then_codes, **codes}
        for key, then in then_summaries.items():
            calls = now_summaries.get(key, domain.Summary()).calls
            if not then.calls:
                continue
            change = (calls - then.calls) / then.calls * 100
            enough = then.calls >= max(spec.min_calls, 1)
            if spec.kind is RuleKind.TRAFFIC_DROP:
                value = -change
                breached = enough and value >= spec.threshold
            else:
                value = change
                breached = enough and value > spec.threshold
            found.append(_evaluation(keys, key, value, breached, calls, then.calls, codes))
    else:
        for key, summary in now_summaries.items():
            if spec.kind is RuleKind.ERROR_RATE:
                value = summary.failure_share * 100
            else:
                value = summary.latency_percentile(spec.percentile / 100)
            breached = summary.calls >= spec.min_calls and value > spec.threshold
            found.append(_evaluation(keys, key, value, breached, summary.calls, 0, codes))
    found.sort(key=lambda e: e.labels)
    return found


def _evaluation(
    keys: tuple[str, ...],
    key: tuple[str, ...],
    value: float,
    breached: bool,
    calls: int,
    baseline_calls: int,
    codes: Mapping[str, str],
) -> Evaluation:
    channel = dict(zip(keys, key, strict=True)).get("channel_id", "")
    return Evaluation(
        labels=_labels(keys, key),
        value=value,
        breached=breached,
        calls=calls,
        baseline_calls=baseline_calls,
        channel_code=codes.get(channel, ""),
    )


# Conditions: rules on what monitor observes now rather than on the rollups.

SERVICE_LABEL = "service"
UPSTREAM_LABEL = "upstream"
NODE_LABEL = "node"
CREDENTIAL_LABEL = "credential"
CERTIFICATE_LABEL = "certificate"
DISK_LABEL = "disk"
DATABASE_LABEL = "database"
PIPELINE_LABEL = "pipeline"
ACCESS_LOG_PIPELINE = "access_log"
DAY = timedelta(days=1)


@dataclass(frozen=True)
class ServiceHealth:
    """A platform service's answer to its gRPC health check; serving None: no answer."""

    service: str
    serving: bool | None
    status: str
    error: str = ""


@dataclass(frozen=True)
class UpstreamHealth:
    """An upstream (Envoy cluster) and how many of its endpoints are usable."""

    upstream: str
    endpoints: int
    healthy: int


@dataclass(frozen=True)
class EdgeLoad:
    """One Envoy and the overload actions it has active (shedding load)."""

    node: str
    active_actions: tuple[str, ...]


@dataclass(frozen=True)
class ConfigRejection:
    """A resource type whose last configuration an Envoy rejected, with Envoy's message."""

    type_url: str
    version: int
    message: str


@dataclass(frozen=True)
class EdgeConfigState:
    """A connected Envoy and what it rejected (nothing when its last answers were ACKs)."""

    node: str
    acked_version: int
    rejections: tuple[ConfigRejection, ...] = ()


@dataclass(frozen=True)
class QuotaUse:
    channel_id: str
    channel_code: str
    daily_quota: int
    calls_today: int


@dataclass(frozen=True)
class Expiry:
    """Something that stops working at `expires_at`: a credential, a certificate.

    `subject` names it (a client id, "channel CA"); a channel's own carry its id and code.
    """

    subject: str
    expires_at: datetime
    channel_id: str = ""
    channel_code: str = ""


@dataclass(frozen=True)
class Usage:
    """A share in use: a disk, the database's connections."""

    subject: str
    used_percent: float
    detail: str = ""


@dataclass(frozen=True)
class IngestState:
    """Monitor's access-log pipeline: entries waiting to be written, and when the oldest of
    them started (None when none waits)."""

    queued: int
    oldest_waiting: datetime | None


def ingest_evaluations(spec: RuleSpec, state: IngestState, now: datetime) -> list[Evaluation]:
    """Seconds the stored access logs lag behind the edge: the age of the oldest entry still
    waiting (0 when none waits); breached above the threshold."""
    lag = 0.0
    if state.queued and state.oldest_waiting is not None:
        lag = max((now - state.oldest_waiting).total_seconds(), 0.0)
    return [
        Evaluation(
            labels=((PIPELINE_LABEL, ACCESS_LOG_PIPELINE),),
            value=lag,
            breached=lag > spec.threshold,
            calls=state.queued,
            detail=f"{state.queued} entries waiting to be written",
        )
    ]


def _within(values: Sequence[str], value: str) -> bool:
    return not values or value in values


def service_evaluations(spec: RuleSpec, healths: Iterable[ServiceHealth]) -> list[Evaluation]:
    """1 for a service that is not serving (or does not answer), 0 for one that is."""
    found = []
    for health in healths:
        down = health.serving is not True
        said = f"unreachable ({health.status})" if health.serving is None else health.status
        if health.error and down:
            said = f"{said}: {health.error}"
        found.append(
            Evaluation(
                labels=((SERVICE_LABEL, health.service),),
                value=1.0 if down else 0.0,
                breached=down,
                calls=0,
                detail=said[:200],
            )
        )
    return sorted(found, key=lambda e: e.labels)


def upstream_evaluations(spec: RuleSpec, upstreams: Iterable[UpstreamHealth]) -> list[Evaluation]:
    """The percent of each upstream's endpoints that are down; threshold 0 means all of them."""
    limit = spec.threshold if spec.threshold > 0 else 100.0
    found = []
    for upstream in upstreams:
        if upstream.endpoints <= 0 or not _within(spec.upstreams, upstream.upstream):
            continue
        down = upstream.endpoints - min(max(upstream.healthy, 0), upstream.endpoints)
        share = 100 * down / upstream.endpoints
        found.append(
            Evaluation(
                labels=((UPSTREAM_LABEL, upstream.upstream),),
                value=share,
                breached=down > 0 and share >= limit,
                calls=0,
                detail=f"{down} of {upstream.endpoints} endpoint(s) down",
            )
        )
    return sorted(found, key=lambda e: e.labels)


def overload_evaluations(spec: RuleSpec, edges: Iterable[EdgeLoad]) -> list[Evaluation]:
    """How many overload actions each Envoy has active; breached above the threshold."""
    found = [
        Evaluation(
            labels=((NODE_LABEL, edge.node),),
            value=float(len(edge.active_actions)),
            breached=len(edge.active_actions) > spec.threshold,
            calls=0,
            detail=", ".join(sorted(edge.active_actions)) or "no overload action active",
        )
        for edge in edges
    ]
    return sorted(found, key=lambda e: e.labels)


def config_rejection_evaluations(
    spec: RuleSpec, nodes: Iterable[EdgeConfigState]
) -> list[Evaluation]:
    """How many resource types each connected Envoy rejected in its last answer; breached above
    the threshold (0: any rejection). A later acknowledgement clears the rejection."""
    found = []
    for node in nodes:
        rejected = sorted(node.rejections, key=lambda r: r.type_url)
        said = "; ".join(
            f"{r.type_url.rsplit('.', 1)[-1]} version {r.version}: {r.message}" for r in rejected
        )
        found.append(
            Evaluation(
                labels=((NODE_LABEL, node.node),),
                value=float(len(rejected)),
                breached=len(rejected) > spec.threshold,
                calls=0,
                detail=said[:500] if said else f"acknowledged version {node.acked_version}",
            )
        )
    return sorted(found, key=lambda e: e.labels)


def quota_evaluations(spec: RuleSpec, uses: Iterable[QuotaUse]) -> list[Evaluation]:
    """Percent of each channel's daily quota used today; channels without a quota have none."""
    found = []
    for use in uses:
        if use.daily_quota <= 0 or not _within(spec.channel_ids, use.channel_id):
            continue
        share = 100 * use.calls_today / use.daily_quota
        found.append(
            Evaluation(
                labels=((CHANNEL_LABEL, use.channel_id),),
                value=share,
                breached=share >= spec.threshold,
                calls=use.calls_today,
                channel_code=use.channel_code,
                detail=f"{use.calls_today} of {use.daily_quota} calls today",
            )
        )
    return sorted(found, key=lambda e: e.labels)


def expiry_evaluations(
    spec: RuleSpec, expiries: Iterable[Expiry], now: datetime
) -> list[Evaluation]:
    """Days left before each expiry; breached at the threshold or fewer.

    What has expired already is left out: it no longer works, and would otherwise stay an
    alert for ever (the channel's page shows it as expired).
    """
    label = CREDENTIAL_LABEL if spec.kind is RuleKind.CREDENTIAL_EXPIRY else CERTIFICATE_LABEL
    found = []
    for expiry in expiries:
        if expiry.expires_at <= now:
            continue
        if expiry.channel_id and not _within(spec.channel_ids, expiry.channel_id):
            continue
        if spec.channel_ids and not expiry.channel_id:
            continue
        days = (expiry.expires_at - now) / DAY
        labels = [(label, expiry.subject)]
        if expiry.channel_id:
            labels.append((CHANNEL_LABEL, expiry.channel_id))
        found.append(
            Evaluation(
                labels=tuple(sorted(labels)),
                value=days,
                breached=days <= spec.threshold,
                calls=0,
                channel_code=expiry.channel_code,
                detail=f"expires {expiry.expires_at:%Y-%m-%d %H:%M} UTC",
            )
        )
    return sorted(found, key=lambda e: e.labels)


def usage_evaluations(spec: RuleSpec, usages: Iterable[Usage]) -> list[Evaluation]:
    """Percent used; breached at the threshold or above."""
    label = DISK_LABEL if spec.kind is RuleKind.DISK_USAGE else DATABASE_LABEL
    found = [
        Evaluation(
            labels=((label, usage.subject),),
            value=usage.used_percent,
            breached=usage.used_percent >= spec.threshold,
            calls=0,
            detail=usage.detail,
        )
        for usage in usages
    ]
    return sorted(found, key=lambda e: e.labels)


# Why a kind is not evaluated yet, when monitor knows.
_NOT_SUPPORTED_BECAUSE = {
    RuleKind.RECONCILIATION_DISCREPANCY: "payment's reconciliation with the providers' bills "
    "is not built yet, so there are no discrepancies to count",
}


class NotSupportedYet(Exception):
    """The rule's kind needs figures monitor does not collect yet."""

    def __init__(self, kind: RuleKind) -> None:
        self.kind = kind
        because = _NOT_SUPPORTED_BECAUSE.get(kind, "monitor does not collect the figures they need")
        super().__init__(f"{kind.value} rules are stored but not evaluated yet: {because}")


def fingerprint(rule_id: str, labels: Iterable[tuple[str, str]]) -> str:
    """Rule and labels: one open alert per fingerprint (de-duplication)."""
    canonical = json.dumps([rule_id, sorted(labels)], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _duration(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


def subject_name(evaluation: Evaluation) -> str:
    labels = evaluation.label_map
    channel = labels.get(CHANNEL_LABEL, "")
    if channel:
        channel = evaluation.channel_code or channel
    service = labels.get(API_SERVICE_LABEL, "")
    if service and channel:
        return f"{service} from channel {channel}"
    return service or f"channel {channel}"


def summary_line(spec: RuleSpec, evaluation: Evaluation) -> str:
    """One line, e.g. "booking.create error rate 23% over 5 min (threshold 5%)"."""
    subject = subject_name(evaluation)
    over = _duration(spec.window)
    value, threshold = evaluation.value, spec.threshold
    match spec.kind:
        case RuleKind.ERROR_RATE:
            return f"{subject} error rate {value:.1f}% over {over} (threshold {threshold:g}%)"
        case RuleKind.LATENCY_PERCENTILE:
            return (
                f"{subject} p{spec.percentile:g} latency {value:.0f} ms over {over} "
                f"(threshold {threshold:g} ms)"
            )
        case RuleKind.TRAFFIC_DROP if evaluation.calls == 0:
            return (
                f"{subject} has no traffic over {over} "
                f"({evaluation.baseline_calls} calls the same time last week)"
            )
        case RuleKind.TRAFFIC_DROP:
            return (
                f"{subject} traffic {value:.0f}% below the same {over} last week "
                f"({evaluation.calls} calls, {evaluation.baseline_calls} then; "
                f"threshold {threshold:g}%)"
            )
        case RuleKind.TRAFFIC_SPIKE:
            return (
                f"{subject} traffic {value:.0f}% above the same {over} last week "
                f"({evaluation.calls} calls, {evaluation.baseline_calls} then; "
                f"threshold {threshold:g}%)"
            )
        case _ if spec.kind in CONDITION_KINDS:
            return condition_line(spec, evaluation)
        case _:
            return f"{subject} {spec.kind.value} {value:g} (threshold {threshold:g})"


def condition_line(spec: RuleSpec, evaluation: Evaluation) -> str:
    labels = evaluation.label_map
    value, threshold, detail = evaluation.value, spec.threshold, evaluation.detail
    channel = evaluation.channel_code or labels.get(CHANNEL_LABEL, "")
    match spec.kind:
        case RuleKind.SERVICE_DOWN:
            return f"service {labels.get(SERVICE_LABEL, '')} is not serving: {detail}"
        case RuleKind.UPSTREAM_DOWN:
            limit = f"{threshold:g}%" if threshold > 0 else "all"
            return (
                f"upstream {labels.get(UPSTREAM_LABEL, '')}: {detail} "
                f"({value:.0f}%, threshold {limit})"
            )
        case RuleKind.EDGE_OVERLOAD:
            return f"edge {labels.get(NODE_LABEL, '')} is shedding load: {detail}"
        case RuleKind.EDGE_CONFIG_REJECTED:
            return f"edge {labels.get(NODE_LABEL, '')} rejected its configuration: {detail}"
        case RuleKind.CHANNEL_QUOTA:
            return (
                f"channel {channel} used {value:.0f}% of its daily quota "
                f"({detail}; threshold {threshold:g}%)"
            )
        case RuleKind.CREDENTIAL_EXPIRY | RuleKind.CERTIFICATE_EXPIRY:
            what = (
                f"credential {labels.get(CREDENTIAL_LABEL, '')}"
                if spec.kind is RuleKind.CREDENTIAL_EXPIRY
                else f"certificate {labels.get(CERTIFICATE_LABEL, '')}"
            )
            owner = f"channel {channel} " if channel else ""
            return (
                f"{owner}{what} expires in {value:.1f} days "
                f"({detail}; threshold {threshold:g} days)"
            )
        case RuleKind.INGEST_LAG:
            return (
                f"access logs {value:.0f} s behind the edge ({detail}; threshold {threshold:g} s)"
            )
        case _:
            subject = labels.get(DISK_LABEL) or labels.get(DATABASE_LABEL, "")
            what = "disk" if spec.kind is RuleKind.DISK_USAGE else "database"
            said = f"{detail}; " if detail else ""
            return f"{what} {subject} {value:.0f}% used ({said}threshold {threshold:g}%)"


# Turning evaluations into alerts.


@dataclass(frozen=True)
class OpenAlert:
    """An alert still open: pending or firing."""

    alert_id: str
    fingerprint: str
    state: AlertState
    pending_since: datetime


@dataclass
class Plan:
    """What one evaluation of a rule changes."""

    # New alerts: (fingerprint, evaluation, state) with state PENDING or FIRING.
    open: list[tuple[str, Evaluation, AlertState]] = field(default_factory=list)
    # Open alerts still breached; promote: pending ones whose pending duration has passed.
    keep: list[tuple[OpenAlert, Evaluation]] = field(default_factory=list)
    promote: list[tuple[OpenAlert, Evaluation]] = field(default_factory=list)
    # Firing alerts whose condition cleared, and pending ones that never fired.
    resolve: list[OpenAlert] = field(default_factory=list)
    forget: list[OpenAlert] = field(default_factory=list)


def plan(
    rule: Rule,
    evaluations: Sequence[Evaluation],
    open_alerts: Sequence[OpenAlert],
    now: datetime,
) -> Plan:
    """Fire, keep, promote or resolve: one open alert per fingerprint while it lasts."""
    result = Plan()
    by_fingerprint = {alert.fingerprint: alert for alert in open_alerts}
    breached: set[str] = set()
    for evaluation in evaluations:
        if not evaluation.breached:
            continue
        key = fingerprint(rule.rule_id, evaluation.labels)
        breached.add(key)
        existing = by_fingerprint.get(key)
        if existing is None:
            state = AlertState.PENDING if rule.spec.pending > timedelta(0) else AlertState.FIRING
            result.open.append((key, evaluation, state))
        elif existing.state is AlertState.PENDING and now - existing.pending_since >= (
            rule.spec.pending
        ):
            result.promote.append((existing, evaluation))
        else:
            result.keep.append((existing, evaluation))
    for alert in open_alerts:
        if alert.fingerprint in breached:
            continue
        if alert.state is AlertState.FIRING:
            result.resolve.append(alert)
        else:
            result.forget.append(alert)
    return result


# Silences.


@dataclass(frozen=True)
class SilenceSpec:
    comment: str
    start: datetime
    end: datetime
    rule_ids: tuple[str, ...] = ()
    api_codes: tuple[str, ...] = ()
    channel_ids: tuple[str, ...] = ()
    upstreams: tuple[str, ...] = ()
    maintenance_record_id: str = ""


@dataclass(frozen=True)
class Silence:
    silence_id: str
    spec: SilenceSpec

    def active(self, now: datetime) -> bool:
        return self.spec.start <= now < self.spec.end

    def matches(self, rule_id: str, labels: Mapping[str, str]) -> bool:
        """An alert is silenced when it matches every non-empty list."""
        spec = self.spec
        return (
            (not spec.rule_ids or rule_id in spec.rule_ids)
            and (not spec.api_codes or labels.get(API_SERVICE_LABEL, "") in spec.api_codes)
            and (not spec.channel_ids or labels.get(CHANNEL_LABEL, "") in spec.channel_ids)
            and (not spec.upstreams or labels.get("upstream", "") in spec.upstreams)
        )


def matching_silence(
    silences: Iterable[Silence], rule_id: str, labels: Mapping[str, str], now: datetime
) -> str:
    """The id of an active silence matching the alert (the one ending last), or ""."""
    found = [s for s in silences if s.active(now) and s.matches(rule_id, labels)]
    if not found:
        return ""
    return max(found, key=lambda s: (s.spec.end, s.silence_id)).silence_id


def validate_silence(spec: SilenceSpec, now: datetime, prefix: str = "silence") -> None:
    check = Validator()
    check.require(
        0 < len(spec.comment.strip()) <= 512, f"{prefix}.comment", "1-512 characters: say why"
    )
    check.require(spec.start < spec.end, f"{prefix}.end_time", "must be after start_time")
    check.require(spec.end > now, f"{prefix}.end_time", "must be in the future")
    check.require(
        spec.end - spec.start <= MAX_SILENCE,
        f"{prefix}.end_time",
        f"a silence lasts at most {MAX_SILENCE.days} days",
    )
    _strings(check, spec.rule_ids, f"{prefix}.alert_rule_ids", 64, "rule id")
    _strings(check, spec.api_codes, f"{prefix}.api_service_codes", 128, "service code")
    _strings(check, spec.channel_ids, f"{prefix}.channel_ids", 64, "channel id")
    _strings(check, spec.upstreams, f"{prefix}.upstreams", 128, "upstream")
    check.require(
        len(spec.maintenance_record_id) <= 64,
        f"{prefix}.maintenance_record_id",
        "at most 64 characters",
    )
    check.check()


# Notifications.


@dataclass(frozen=True)
class AlertChange:
    """An alert fired or resolved: what a notification would say."""

    alert_id: str
    rule_id: str
    fired: bool
    severity: Severity
    summary: str
    silenced: bool
    notification_endpoint_ids: tuple[str, ...]


def should_notify(change: AlertChange) -> bool:
    """A silenced alert is shown but notifies no one."""
    return not change.silenced
