"""Monitor's tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AccessLogRow(Base):
    """One request on the channel listener, as Envoy reported it (patient identifiers masked)."""

    __tablename__ = "access_logs"
    __table_args__ = (Index("ix_access_logs_time_status", "started_at", "status"),)

    log_id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    request_id: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    api_code: Mapped[str] = mapped_column(String(128), default="")
    method: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(1024))
    upstream_cluster: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[int] = mapped_column(Integer)
    response_flags: Mapped[str] = mapped_column(String(128), default="")
    duration_ms: Mapped[int] = mapped_column(Integer)
    upstream_ms: Mapped[int] = mapped_column(Integer, default=-1)
    bytes_received: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(256), default="")
