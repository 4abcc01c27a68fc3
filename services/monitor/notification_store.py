"""Persistence of notification endpoints and deliveries; the unit of work commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.orm import Session

from services.monitor import notifications
from services.monitor.alerts import Severity
from services.monitor.models import AlertRow, NotificationDeliveryRow, NotificationEndpointRow
from services.monitor.notifications import DeliveryStatus, EndpointKind, EndpointSpec
from services.runtime.audited import stamp
from services.runtime.clock import as_utc
from services.runtime.crypto import SecretBox


def secret_context(endpoint_id: str) -> str:
    return f"monitor.notification_endpoint:{endpoint_id}"


def spec_of(row: NotificationEndpointRow) -> EndpointSpec:
    return EndpointSpec(
        name=row.name,
        kind=EndpointKind(row.kind),
        url=row.url,
        email_recipients=tuple(row.email_recipients),
        mention_mobiles=tuple(row.mention_mobiles),
        enabled=row.enabled,
        min_severity=Severity(row.min_severity),
        max_messages_per_hour=row.max_messages_per_hour,
        send_resolved=row.send_resolved,
    )


def _values(spec: EndpointSpec) -> dict[str, Any]:
    return {
        "name": spec.name.strip(),
        "kind": spec.kind.value,
        "url": spec.url,
        "email_recipients": list(spec.email_recipients),
        "mention_mobiles": list(spec.mention_mobiles),
        "enabled": spec.enabled,
        "min_severity": spec.min_severity.value,
        "max_messages_per_hour": spec.max_messages_per_hour,
        "send_resolved": spec.send_resolved,
    }


def add_endpoint(
    session: Session, spec: EndpointSpec, secret: str, box: SecretBox, actor: str
) -> NotificationEndpointRow:
    endpoint_id = str(uuid.uuid4())
    row = NotificationEndpointRow(notification_endpoint_id=endpoint_id, **_values(spec))
    set_secret(row, secret, box)
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def set_endpoint(row: NotificationEndpointRow, spec: EndpointSpec, actor: str) -> None:
    for name, value in _values(spec).items():
        setattr(row, name, value)
    stamp(row, actor, created=False)


def set_secret(row: NotificationEndpointRow, secret: str, box: SecretBox) -> None:
    """An empty secret clears it."""
    context = secret_context(row.notification_endpoint_id)
    row.sealed_secret = box.seal(secret.encode(), context) if secret else None


def secret_of(row: NotificationEndpointRow, box: SecretBox) -> str:
    if row.sealed_secret is None:
        return ""
    return box.open(row.sealed_secret, secret_context(row.notification_endpoint_id)).decode()


def endpoint_row(session: Session, endpoint_id: str) -> NotificationEndpointRow | None:
    return session.get(NotificationEndpointRow, endpoint_id)


def list_endpoints(
    session: Session, kind: EndpointKind | None, offset: int, limit: int
) -> tuple[list[NotificationEndpointRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if kind is not None:
        conditions.append(NotificationEndpointRow.kind == kind.value)
    total = session.scalar(
        select(func.count()).select_from(NotificationEndpointRow).where(*conditions)
    )
    rows = session.scalars(
        select(NotificationEndpointRow)
        .where(*conditions)
        .order_by(
            NotificationEndpointRow.created_at, NotificationEndpointRow.notification_endpoint_id
        )
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)


def existing_endpoint_ids(session: Session, endpoint_ids: Sequence[str]) -> set[str]:
    rows = session.scalars(
        select(NotificationEndpointRow.notification_endpoint_id).where(
            NotificationEndpointRow.notification_endpoint_id.in_(list(endpoint_ids))
        )
    )
    return set(rows)


# Deliveries.


def alert_facts(session: Session, alert_id: str, fired: bool) -> notifications.AlertFacts | None:
    row = session.get(AlertRow, alert_id)
    if row is None:
        return None
    return notifications.AlertFacts(
        alert_id=row.alert_id,
        rule_name=row.alert_rule_name,
        severity=Severity(row.severity),
        fired=fired,
        summary=row.summary,
        labels=dict(row.labels),
        value=row.value,
        threshold=row.threshold,
        started_at=as_utc(row.started_at),
        resolved_at=None if row.resolved_at is None else as_utc(row.resolved_at),
    )


def recipients(
    session: Session, endpoint_ids: Sequence[str], severity: Severity, fired: bool
) -> list[NotificationEndpointRow]:
    """The rule's endpoints, or every enabled endpoint at the severity when the rule names none."""
    query = select(NotificationEndpointRow).where(NotificationEndpointRow.enabled)
    if endpoint_ids:
        query = query.where(
            NotificationEndpointRow.notification_endpoint_id.in_(list(endpoint_ids))
        )
    rows = session.scalars(query.order_by(NotificationEndpointRow.notification_endpoint_id))
    return [
        row
        for row in rows
        if notifications.severity_at_least(severity, Severity(row.min_severity))
        and (fired or row.send_resolved)
    ]


def sent_last_hour(session: Session, endpoint_id: str, now: datetime) -> int:
    """Deliveries counted against the endpoint's hourly limit: every one not held back."""
    total = session.scalar(
        select(func.count())
        .select_from(NotificationDeliveryRow)
        .where(
            NotificationDeliveryRow.notification_endpoint_id == endpoint_id,
            NotificationDeliveryRow.created_at > now - timedelta(hours=1),
            NotificationDeliveryRow.status != DeliveryStatus.SUPPRESSED.value,
        )
    )
    return int(total or 0)


def add_delivery(
    session: Session,
    endpoint: NotificationEndpointRow,
    message: notifications.Message,
    now: datetime,
) -> NotificationDeliveryRow:
    """A pending delivery, or a suppressed one past the endpoint's hourly limit."""
    limited = notifications.rate_limited(
        sent_last_hour(session, endpoint.notification_endpoint_id, now), spec_of(endpoint)
    )
    row = NotificationDeliveryRow(
        notification_delivery_id=str(uuid.uuid4()),
        notification_endpoint_id=endpoint.notification_endpoint_id,
        notification_endpoint_name=endpoint.name,
        alert_id=message.alert_id,
        subject=message.subject[:256],
        text=message.text[:4096],
        facts=dict(message.facts),
        status=(DeliveryStatus.SUPPRESSED if limited else DeliveryStatus.PENDING).value,
        attempts=0,
        created_at=now,
        next_attempt_at=None if limited else now,
        last_response_status=0,
        last_error="rate limit: at most "
        f"{notifications.hourly_limit(spec_of(endpoint))} messages an hour"
        if limited
        else "",
    )
    session.add(row)
    session.flush()
    return row


def due_delivery_ids(session: Session, now: datetime, limit: int = 50) -> list[str]:
    rows = session.scalars(
        select(NotificationDeliveryRow.notification_delivery_id)
        .where(
            NotificationDeliveryRow.status.in_([s.value for s in notifications.DUE_STATUSES]),
            NotificationDeliveryRow.next_attempt_at <= now,
            or_(
                NotificationDeliveryRow.claimed_until.is_(None),
                NotificationDeliveryRow.claimed_until < now,
            ),
        )
        .order_by(NotificationDeliveryRow.next_attempt_at)
        .limit(limit)
    )
    return list(rows)


def claim_delivery(session: Session, delivery_id: str, now: datetime, lease: timedelta) -> bool:
    """Take a due delivery for this replica; False when another replica has it."""
    result = session.execute(
        update(NotificationDeliveryRow)
        .where(
            NotificationDeliveryRow.notification_delivery_id == delivery_id,
            NotificationDeliveryRow.status.in_([s.value for s in notifications.DUE_STATUSES]),
            NotificationDeliveryRow.next_attempt_at <= now,
            or_(
                NotificationDeliveryRow.claimed_until.is_(None),
                NotificationDeliveryRow.claimed_until < now,
            ),
        )
        .values(claimed_until=now + lease)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Outcome:
    """What the receiver answered to one attempt."""

    succeeded: bool
    response_status: int = 0
    response_body: str = ""
    error: str = ""
    latency: timedelta = timedelta()


def record_attempt(
    session: Session,
    delivery_id: str,
    outcome: Outcome,
    policy: notifications.RetryPolicy,
    now: datetime,
) -> NotificationDeliveryRow | None:
    row = session.get(NotificationDeliveryRow, delivery_id)
    if row is None:
        return None
    row.attempts += 1
    row.last_attempt_at = now
    row.last_response_status = outcome.response_status
    row.last_error = outcome.error[:1024]
    row.claimed_until = None
    if outcome.succeeded:
        row.status = DeliveryStatus.SENT.value
        row.next_attempt_at = None
    else:
        retry_at = policy.next_attempt(row.attempts, now)
        row.status = (DeliveryStatus.RETRYING if retry_at else DeliveryStatus.FAILED).value
        row.next_attempt_at = retry_at
    endpoint = session.get(NotificationEndpointRow, row.notification_endpoint_id)
    if endpoint is not None:
        endpoint.last_delivery_at = now
        endpoint.last_delivery_succeeded = outcome.succeeded
    if outcome.succeeded and row.alert_id:
        alert = session.get(AlertRow, row.alert_id)
        if alert is not None:
            alert.notification_count += 1
    return row


def give_up(row: NotificationDeliveryRow, reason: str) -> None:
    row.status = DeliveryStatus.FAILED.value
    row.next_attempt_at = None
    row.claimed_until = None
    row.last_error = reason


def delivery_row(session: Session, delivery_id: str) -> NotificationDeliveryRow | None:
    return session.get(NotificationDeliveryRow, delivery_id)


def retry_now(row: NotificationDeliveryRow, now: datetime) -> None:
    """Back in the queue with one more round of attempts."""
    row.status = DeliveryStatus.PENDING.value
    row.attempts = 0
    row.next_attempt_at = now
    row.claimed_until = None


@dataclass(frozen=True)
class DeliveryQuery:
    alert_id: str = ""
    endpoint_id: str = ""
    status: DeliveryStatus | None = None
    start: datetime | None = None
    end: datetime | None = None


def list_deliveries(
    session: Session, query: DeliveryQuery, offset: int, limit: int
) -> tuple[list[NotificationDeliveryRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if query.alert_id:
        conditions.append(NotificationDeliveryRow.alert_id == query.alert_id)
    if query.endpoint_id:
        conditions.append(NotificationDeliveryRow.notification_endpoint_id == query.endpoint_id)
    if query.status is not None:
        conditions.append(NotificationDeliveryRow.status == query.status.value)
    if query.start is not None:
        conditions.append(NotificationDeliveryRow.created_at >= query.start)
    if query.end is not None:
        conditions.append(NotificationDeliveryRow.created_at < query.end)
    total = session.scalar(
        select(func.count()).select_from(NotificationDeliveryRow).where(*conditions)
    )
    rows = session.scalars(
        select(NotificationDeliveryRow)
        .where(*conditions)
        .order_by(
            NotificationDeliveryRow.created_at.desc(),
            NotificationDeliveryRow.notification_delivery_id,
        )
        .offset(offset)
        .limit(limit)
    )
    return list(rows), int(total or 0)
