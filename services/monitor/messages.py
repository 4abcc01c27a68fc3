"""What monitor's servicers share: enum translation and the audit record of a write."""

from __future__ import annotations

from typing import Any

from google.protobuf import json_format
from google.protobuf.message import Message
from sqlalchemy.orm import Session

from services.monitor import alerts
from services.monitor.models import AuditOutboxRow
from services.runtime.audit import RequestFacts, audit
from wailian.monitor.v1 import alerts_pb2 as pb


def enum_value(enum: Any, prefix: str, number: int) -> str:
    """ALERT_RULE_KIND_ERROR_RATE -> "error_rate"; "" for unspecified or unknown numbers."""
    try:
        name = str(enum.Name(number))
    except ValueError:
        return ""
    return "" if name.endswith("_UNSPECIFIED") else name.removeprefix(prefix).lower()


def severity_of(number: int) -> alerts.Severity | None:
    value = enum_value(pb.AlertSeverity, "ALERT_SEVERITY_", number)
    return alerts.Severity(value) if value else None


def severity_enum(level: alerts.Severity) -> int:
    return int(pb.AlertSeverity.Value("ALERT_SEVERITY_" + level.value.upper()))


def record_write(
    session: Session,
    facts: RequestFacts,
    resource_type: str,
    resource_id: str,
    summary: str,
    before: Message | None = None,
    after: Message | None = None,
) -> None:
    """One audit record of a write, in its transaction (shipped to identity's trail)."""
    audit(
        session,
        AuditOutboxRow,
        facts,
        resource_type,
        resource_id,
        summary,
        before=None if before is None else json_format.MessageToDict(before),
        after=None if after is None else json_format.MessageToDict(after),
    )
