"""Who created and last changed a record, and when: the columns, the stamp, the message."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from services.runtime.clock import to_timestamp, utcnow
from wailian.common.v1 import common_pb2


class Audited:
    """Mixin for tables people edit (the proto's `AuditInfo audit = 15`)."""

    created_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def stamp(row: Audited, actor: str, *, created: bool) -> None:
    """Record `actor` as the last editor now (and as the creator when `created`)."""
    now = utcnow()
    if created:
        row.created_by = actor
        row.created_at = now
    row.updated_by = actor
    row.updated_at = now


def audit_info(row: Audited) -> common_pb2.AuditInfo:
    return common_pb2.AuditInfo(
        created_by=row.created_by,
        create_time=to_timestamp(row.created_at),
        updated_by=row.updated_by,
        update_time=to_timestamp(row.updated_at),
    )
