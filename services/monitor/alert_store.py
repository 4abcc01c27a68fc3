"""Persistence of alert rules, alerts, read marks and silences; the unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    delete,
    exists,
    func,
    not_,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.orm import Session

from services.monitor import alerts
from services.monitor.models import (
    AlertReaderRow,
    AlertReadRow,
    AlertRow,
    AlertRuleRow,
    SilenceRow,
)
from services.monitor.store import dialect_insert
from services.runtime.audited import stamp
from services.runtime.clock import as_utc

# Rules.


def rule_of(row: AlertRuleRow) -> alerts.Rule:
    return alerts.Rule(
        rule_id=row.alert_rule_id,
        spec=alerts.RuleSpec(
            name=row.name,
            description=row.description,
            kind=alerts.RuleKind(row.kind),
            severity=alerts.Severity(row.severity),
            threshold=row.threshold,
            window=timedelta(seconds=row.window_seconds),
            percentile=row.percentile,
            api_codes=tuple(row.api_codes),
            channel_ids=tuple(row.channel_ids),
            upstreams=tuple(row.upstreams),
            enabled=row.enabled,
            notification_endpoint_ids=tuple(row.notification_endpoint_ids),
            pending=timedelta(seconds=row.pending_seconds),
            renotify=timedelta(seconds=row.renotify_seconds),
            open_maintenance_record=row.open_maintenance_record,
            min_calls=row.min_calls,
        ),
        built_in=row.built_in,
    )


def _rule_values(spec: alerts.RuleSpec) -> dict[str, Any]:
    return {
        "name": spec.name.strip(),
        "description": spec.description,
        "kind": spec.kind.value,
        "severity": spec.severity.value,
        "threshold": spec.threshold,
        "window_seconds": int(spec.window.total_seconds()),
        "percentile": spec.percentile,
        "api_codes": list(spec.api_codes),
        "channel_ids": list(spec.channel_ids),
        "upstreams": list(spec.upstreams),
        "enabled": spec.enabled,
        "notification_endpoint_ids": list(spec.notification_endpoint_ids),
        "pending_seconds": int(spec.pending.total_seconds()),
        "renotify_seconds": int(spec.renotify.total_seconds()),
        "open_maintenance_record": spec.open_maintenance_record,
        "min_calls": spec.min_calls,
    }


def ensure_default_rules(session: Session, rules: Sequence[alerts.Rule], now: datetime) -> int:
    """Insert the shipped rules not stored yet; returns how many were new.

    ON CONFLICT DO NOTHING on their fixed ids: a restart or a second replica starting at the
    same moment adds nothing, and an operator's changes to a shipped rule are kept.
    """
    values = [
        {
            "alert_rule_id": rule.rule_id,
            **_rule_values(rule.spec),
            "built_in": True,
            "evaluated_at": None,
            "created_by": "system",
            "created_at": now,
            "updated_by": "system",
            "updated_at": now,
        }
        for rule in rules
    ]
    table = AlertRuleRow.__table__
    result = session.execute(
        dialect_insert(session, table)  # type: ignore[arg-type]
        .on_conflict_do_nothing(index_elements=["alert_rule_id"])
        .returning(table.c.alert_rule_id),
        values,
    )
    return len(result.all())


def add_rule(session: Session, spec: alerts.RuleSpec, actor: str) -> AlertRuleRow:
    row = AlertRuleRow(alert_rule_id=str(uuid.uuid4()), built_in=False, **_rule_values(spec))
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def set_rule(row: AlertRuleRow, spec: alerts.RuleSpec, actor: str) -> None:
    for name, value in _rule_values(spec).items():
        setattr(row, name, value)
    stamp(row, actor, created=False)


def rule_row(session: Session, rule_id: str) -> AlertRuleRow | None:
    return session.get(AlertRuleRow, rule_id)


def list_rules(
    session: Session, kind: alerts.RuleKind | None, query: str, offset: int, limit: int
) -> tuple[list[AlertRuleRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if kind is not None:
        conditions.append(AlertRuleRow.kind == kind.value)
    if query:
        conditions.append(
            or_(
                AlertRuleRow.name.icontains(query, autoescape=True),
                AlertRuleRow.description.icontains(query, autoescape=True),
            )
        )
    total = session.scalar(select(func.count()).select_from(AlertRuleRow).where(*conditions))
    rows = session.scalars(
        select(AlertRuleRow)
        .where(*conditions)
        .order_by(AlertRuleRow.built_in.desc(), AlertRuleRow.created_at, AlertRuleRow.alert_rule_id)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def enabled_rules(session: Session) -> list[alerts.Rule]:
    rows = session.scalars(
        select(AlertRuleRow).where(AlertRuleRow.enabled).order_by(AlertRuleRow.alert_rule_id)
    )
    return [rule_of(row) for row in rows]


def existing_rule_ids(session: Session, rule_ids: Sequence[str]) -> set[str]:
    if not rule_ids:
        return set()
    found = session.scalars(
        select(AlertRuleRow.alert_rule_id).where(AlertRuleRow.alert_rule_id.in_(rule_ids))
    )
    return set(found)


def claim_evaluation(session: Session, rule_id: str, now: datetime, spacing: timedelta) -> bool:
    """Take this round of a rule's evaluation, unless another replica took it within `spacing`.

    A conditional UPDATE: PostgreSQL re-checks the condition after a concurrent one commits,
    SQLite serialises writers, so exactly one replica wins each round.
    """
    result = session.execute(
        update(AlertRuleRow)
        .where(
            AlertRuleRow.alert_rule_id == rule_id,
            AlertRuleRow.enabled,
            or_(AlertRuleRow.evaluated_at.is_(None), AlertRuleRow.evaluated_at <= now - spacing),
        )
        .values(evaluated_at=now)
    )
    return bool(getattr(result, "rowcount", 0))


def database_use(session: Session) -> list[tuple[str, float, str]]:
    """How much of what the database allows is used: (subject, percent, detail).

    PostgreSQL: connections of max_connections on the instance; SQLite: pages of the largest
    size it allows (max_page_count).
    """
    database = session.get_bind().engine.url.database or ""
    if session.get_bind().dialect.name == "sqlite":
        pages = int(session.scalar(text("PRAGMA page_count")) or 0)
        allowed = int(session.scalar(text("PRAGMA max_page_count")) or 0)
        share = 100 * pages / allowed if allowed else 0.0
        return [(f"{Path(database).name or 'sqlite'} size", share, f"{pages} of {allowed} pages")]
    used = int(session.scalar(text("SELECT count(*) FROM pg_stat_activity")) or 0)
    allowed = int(
        session.scalar(text("SELECT setting::int FROM pg_settings WHERE name = 'max_connections'"))
        or 0
    )
    share = 100 * used / allowed if allowed else 0.0
    return [(f"{database} connections", share, f"{used} of {allowed} connections")]


# Alerts.


def open_alerts(session: Session, rule_id: str) -> list[alerts.OpenAlert]:
    rows = session.scalars(
        select(AlertRow).where(AlertRow.alert_rule_id == rule_id, AlertRow.open_key.is_not(None))
    )
    return [
        alerts.OpenAlert(
            alert_id=row.alert_id,
            fingerprint=row.fingerprint,
            state=alerts.AlertState(row.state),
            pending_since=as_utc(row.pending_since),
        )
        for row in rows
    ]


@dataclass(frozen=True)
class NewAlert:
    rule: alerts.Rule
    fingerprint: str
    evaluation: alerts.Evaluation
    state: alerts.AlertState
    silence_id: str


def insert_alert(session: Session, new: NewAlert, now: datetime) -> str | None:
    """Open an alert unless one is open for its fingerprint already; its id, or None."""
    labels = new.evaluation.label_map
    alert_id = str(uuid.uuid4())
    spec = new.rule.spec
    table = AlertRow.__table__
    statement = (
        dialect_insert(session, table)  # type: ignore[arg-type]
        .values(
            alert_id=alert_id,
            alert_rule_id=new.rule.rule_id,
            alert_rule_name=spec.name,
            kind=spec.kind.value,
            severity=spec.severity.value,
            state=new.state.value,
            fingerprint=new.fingerprint,
            open_key=new.fingerprint,
            summary=alerts.summary_line(spec, new.evaluation)[:512],
            description=spec.description,
            labels=labels,
            api_code=labels.get(alerts.API_SERVICE_LABEL, ""),
            channel_id=labels.get(alerts.CHANNEL_LABEL, ""),
            value=new.evaluation.value,
            threshold=spec.threshold,
            pending_since=now,
            started_at=now,
            last_evaluated_at=now,
            resolved_at=None,
            evaluations=1,
            acknowledged_by="",
            acknowledged_at=None,
            acknowledge_comment="",
            silence_id=new.silence_id,
            maintenance_record_id="",
            notification_count=0,
        )
        .on_conflict_do_nothing(index_elements=["open_key"])
        .returning(table.c.alert_id)
    )
    return session.scalar(statement)


def refresh_alert(
    session: Session,
    alert_id: str,
    rule: alerts.Rule,
    evaluation: alerts.Evaluation,
    silence_id: str,
    now: datetime,
    *,
    fire: bool,
) -> bool:
    """The latest value of an open alert (firing it when `fire`); False when no longer open."""
    values: dict[str, Any] = {
        "value": evaluation.value,
        "summary": alerts.summary_line(rule.spec, evaluation)[:512],
        "last_evaluated_at": now,
        "evaluations": AlertRow.evaluations + 1,
        "silence_id": silence_id,
    }
    conditions = [AlertRow.alert_id == alert_id, AlertRow.open_key.is_not(None)]
    if fire:
        values.update(state=alerts.AlertState.FIRING.value, started_at=now)
        conditions.append(AlertRow.state == alerts.AlertState.PENDING.value)
    result = session.execute(update(AlertRow).where(*conditions).values(values))
    return bool(getattr(result, "rowcount", 0))


def resolve_alert(session: Session, alert_id: str, now: datetime) -> bool:
    """Resolve a firing alert; False when it was not firing (already resolved elsewhere)."""
    result = session.execute(
        update(AlertRow)
        .where(
            AlertRow.alert_id == alert_id,
            AlertRow.state == alerts.AlertState.FIRING.value,
        )
        .values(
            state=alerts.AlertState.RESOLVED.value,
            open_key=None,
            resolved_at=now,
            last_evaluated_at=now,
        )
    )
    return bool(getattr(result, "rowcount", 0))


def forget_pending(session: Session, alert_id: str) -> None:
    """A pending alert whose condition cleared before it fired was never an alert."""
    session.execute(
        delete(AlertRow).where(
            AlertRow.alert_id == alert_id, AlertRow.state == alerts.AlertState.PENDING.value
        )
    )


def close_rule_alerts(session: Session, rule_id: str, now: datetime) -> list[str]:
    """Resolve a rule's firing alerts and drop its pending ones (rule disabled or deleted)."""
    firing = list(
        session.scalars(
            select(AlertRow.alert_id).where(
                AlertRow.alert_rule_id == rule_id,
                AlertRow.state == alerts.AlertState.FIRING.value,
            )
        )
    )
    for alert_id in firing:
        resolve_alert(session, alert_id, now)
    session.execute(
        delete(AlertRow).where(
            AlertRow.alert_rule_id == rule_id, AlertRow.state == alerts.AlertState.PENDING.value
        )
    )
    return firing


def alert_row(session: Session, alert_id: str) -> AlertRow | None:
    row = session.get(AlertRow, alert_id)
    if row is None or row.state == alerts.AlertState.PENDING.value:
        return None
    return row


@dataclass(frozen=True)
class AlertQuery:
    """Validated filters of the alert inbox."""

    state: alerts.AlertState | None = None
    min_severity: alerts.Severity | None = None
    rule_id: str = ""
    kind: alerts.RuleKind | None = None
    started_from: datetime | None = None
    started_before: datetime | None = None
    unread_only: bool = False
    unacknowledged_only: bool = False
    api_code: str = ""
    channel_id: str = ""


def _read_by(reader: str) -> ColumnElement[bool]:
    """The alert was read by `reader`: one by one, or by "mark all read" after it started.

    Two EXISTS, never NULL, so that NOT(...) holds for unread alerts.
    """
    return or_(
        exists().where(AlertReadRow.alert_id == AlertRow.alert_id, AlertReadRow.reader == reader),
        exists().where(
            AlertReaderRow.reader == reader, AlertReaderRow.read_all_at >= AlertRow.started_at
        ),
    )


def _alert_conditions(query: AlertQuery, reader: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [AlertRow.state != alerts.AlertState.PENDING.value]
    if query.state is not None:
        conditions.append(AlertRow.state == query.state.value)
    if query.min_severity is not None:
        conditions.append(
            AlertRow.severity.in_(
                [s.value for s in alerts.Severity if s.rank >= query.min_severity.rank]
            )
        )
    if query.rule_id:
        conditions.append(AlertRow.alert_rule_id == query.rule_id)
    if query.kind is not None:
        conditions.append(AlertRow.kind == query.kind.value)
    if query.started_from is not None:
        conditions.append(AlertRow.started_at >= query.started_from)
    if query.started_before is not None:
        conditions.append(AlertRow.started_at < query.started_before)
    if query.unread_only:
        conditions.append(not_(_read_by(reader)))
    if query.unacknowledged_only:
        conditions.append(AlertRow.acknowledged_at.is_(None))
    if query.api_code:
        conditions.append(AlertRow.api_code == query.api_code)
    if query.channel_id:
        conditions.append(AlertRow.channel_id == query.channel_id)
    return conditions


def list_alerts(
    session: Session, query: AlertQuery, reader: str, offset: int, limit: int
) -> tuple[list[tuple[AlertRow, bool]], int]:
    """Newest first, each with whether `reader` has read it; and how many match."""
    conditions = _alert_conditions(query, reader)
    total = session.scalar(select(func.count()).select_from(AlertRow).where(*conditions))
    statement = (
        select(AlertRow, _read_by(reader).label("read"))
        .where(*conditions)
        .order_by(AlertRow.started_at.desc(), AlertRow.alert_id.desc())
        .offset(offset)
        .limit(limit)
    )
    rows = [(row, bool(read)) for row, read in session.execute(statement)]
    return rows, int(total or 0)


def is_read(session: Session, alert_id: str, reader: str) -> bool:
    statement = select(_read_by(reader)).select_from(AlertRow).where(AlertRow.alert_id == alert_id)
    return bool(session.scalar(statement))


def mark_read(session: Session, alert_ids: Sequence[str], reader: str, now: datetime) -> None:
    known = set(session.scalars(select(AlertRow.alert_id).where(AlertRow.alert_id.in_(alert_ids))))
    values = [{"alert_id": a, "reader": reader, "read_at": now} for a in sorted(known)]
    if values:
        session.execute(
            dialect_insert(session, AlertReadRow.__table__).on_conflict_do_nothing(  # type: ignore[arg-type]
                index_elements=["alert_id", "reader"]
            ),
            values,
        )


def mark_all_read(session: Session, reader: str, now: datetime) -> None:
    """One watermark instead of a row per alert; the single marks it covers are dropped."""
    upsert = dialect_insert(session, AlertReaderRow.__table__)  # type: ignore[arg-type]
    session.execute(
        upsert.on_conflict_do_update(
            index_elements=["reader"], set_={"read_all_at": upsert.excluded.read_all_at}
        ),
        [{"reader": reader, "read_all_at": now}],
    )
    started = select(AlertRow.alert_id).where(AlertRow.started_at <= now)
    session.execute(
        delete(AlertReadRow).where(
            AlertReadRow.reader == reader, AlertReadRow.alert_id.in_(started)
        )
    )


def unread_count(session: Session, reader: str) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(AlertRow)
            .where(*_alert_conditions(AlertQuery(unread_only=True), reader))
        )
        or 0
    )


@dataclass(frozen=True)
class FiringCounts:
    by_severity: dict[alerts.Severity, int]
    unacknowledged: int


def firing_counts(session: Session) -> FiringCounts:
    firing = AlertRow.state == alerts.AlertState.FIRING.value
    by_severity = {
        alerts.Severity(severity): int(count)
        for severity, count in session.execute(
            select(AlertRow.severity, func.count()).where(firing).group_by(AlertRow.severity)
        )
    }
    unacknowledged = session.scalar(
        select(func.count()).select_from(AlertRow).where(firing, AlertRow.acknowledged_at.is_(None))
    )
    return FiringCounts(by_severity, int(unacknowledged or 0))


# Silences.


def silence_of(row: SilenceRow) -> alerts.Silence:
    return alerts.Silence(
        silence_id=row.silence_id,
        spec=alerts.SilenceSpec(
            comment=row.comment,
            start=as_utc(row.start_at),
            end=as_utc(row.end_at),
            rule_ids=tuple(row.alert_rule_ids),
            api_codes=tuple(row.api_codes),
            channel_ids=tuple(row.channel_ids),
            upstreams=tuple(row.upstreams),
            maintenance_record_id=row.maintenance_record_id,
        ),
    )


def _silence_values(spec: alerts.SilenceSpec) -> dict[str, Any]:
    return {
        "comment": spec.comment.strip(),
        "start_at": spec.start,
        "end_at": spec.end,
        "alert_rule_ids": list(spec.rule_ids),
        "api_codes": list(spec.api_codes),
        "channel_ids": list(spec.channel_ids),
        "upstreams": list(spec.upstreams),
        "maintenance_record_id": spec.maintenance_record_id,
    }


def add_silence(session: Session, spec: alerts.SilenceSpec, actor: str) -> SilenceRow:
    row = SilenceRow(silence_id=str(uuid.uuid4()), **_silence_values(spec))
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def set_silence(row: SilenceRow, spec: alerts.SilenceSpec, actor: str) -> None:
    for name, value in _silence_values(spec).items():
        setattr(row, name, value)
    stamp(row, actor, created=False)


def silence_row(session: Session, silence_id: str) -> SilenceRow | None:
    return session.get(SilenceRow, silence_id)


def current_silences(session: Session, now: datetime) -> list[alerts.Silence]:
    rows = session.scalars(select(SilenceRow).where(SilenceRow.end_at > now))
    return [silence_of(row) for row in rows]


def list_silences(
    session: Session, current_only: bool, now: datetime, offset: int, limit: int
) -> tuple[list[SilenceRow], int]:
    conditions = [SilenceRow.end_at > now] if current_only else []
    total = session.scalar(select(func.count()).select_from(SilenceRow).where(*conditions))
    rows = session.scalars(
        select(SilenceRow)
        .where(*conditions)
        .order_by(SilenceRow.start_at.desc(), SilenceRow.silence_id)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def delete_silence(session: Session, row: SilenceRow, actor: str, now: datetime) -> None:
    """End a silence now: one not started yet goes; one in force ends, kept as history."""
    if as_utc(row.start_at) > now:
        session.delete(row)
        return
    if as_utc(row.end_at) > now:
        row.end_at = now
        stamp(row, actor, created=False)
