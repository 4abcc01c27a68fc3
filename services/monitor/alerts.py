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


# What monitor can evaluate from its own rollups. The other kinds need figures monitor does not
# collect yet (endpoint health, Envoy overload, quotas, expiry dates, database and disk usage,
# NACKs, ingest lag, payment bills): they are stored, and evaluate as "not supported yet".
TRAFFIC_KINDS = frozenset(
    {
        RuleKind.ERROR_RATE,
        RuleKind.LATENCY_PERCENTILE,
        RuleKind.TRAFFIC_DROP,
        RuleKind.TRAFFIC_SPIKE,
    }
)
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


class NotSupportedYet(Exception):
    """The rule's kind needs figures monitor does not collect yet."""

    def __init__(self, kind: RuleKind) -> None:
        self.kind = kind
        super().__init__(
            f"{kind.value} rules are stored but not evaluated yet: monitor does not collect "
            "the figures they need"
        )


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
        case _:
            return f"{subject} {spec.kind.value} {value:g} (threshold {threshold:g})"


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
