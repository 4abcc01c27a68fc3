"""Monitor's tables: raw access logs, per-minute and per-hour rollups, reconciliation cursors."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

_ID = BigInteger().with_variant(Integer, "sqlite")


class Base(DeclarativeBase):
    pass


class AccessLogRow(Base):
    """One request on the channel listener, as Envoy reported it (patient identifiers masked)."""

    __tablename__ = "access_logs"
    __table_args__ = (
        # Unique: the gRPC stream and the durable file log are reconciled on it.
        Index("ux_access_logs_request_id", "request_id", unique=True),
        Index("ix_access_logs_time_status", "started_at", "status"),
        # Log query: newest first, keyset on (started_at, log_id), usually within one service.
        Index("ix_access_logs_time_id", "started_at", "log_id"),
        Index("ix_access_logs_api_time_id", "api_code", "started_at", "log_id"),
        Index("ix_access_logs_channel_time_id", "channel_id", "started_at", "log_id"),
    )

    log_id: Mapped[int] = mapped_column(_ID, primary_key=True, autoincrement=True)
    request_id: Mapped[str] = mapped_column(String(64))
    trace_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    api_code: Mapped[str] = mapped_column(String(128), default="")
    method: Mapped[str] = mapped_column(String(16))
    path: Mapped[str] = mapped_column(String(1024))
    upstream_cluster: Mapped[str] = mapped_column(String(128), default="")
    upstream_host: Mapped[str] = mapped_column(String(128), default="")
    status: Mapped[int] = mapped_column(Integer)
    response_flags: Mapped[str] = mapped_column(String(128), default="")
    response_code_details: Mapped[str] = mapped_column(String(128), default="")
    duration_ms: Mapped[int] = mapped_column(Integer)
    upstream_ms: Mapped[int] = mapped_column(Integer, default=-1)
    bytes_received: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(256), default="")
    edge_node_id: Mapped[str] = mapped_column(String(128), default="")
    # Recovered from the durable file log after the gRPC stream lost it.
    backfilled: Mapped[bool] = mapped_column(Boolean, default=False)


class _Rollup:
    """Calls of one service from one channel with one outcome in one time bucket.

    The le_* columns are the latency histogram (domain.LATENCY_BOUNDS_MS).
    """

    bucket_start: Mapped[datetime] = mapped_column(DateTime(timezone=True), primary_key=True)
    api_code: Mapped[str] = mapped_column(String(128), primary_key=True)
    channel_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    channel_code: Mapped[str] = mapped_column(String(64), default="")
    calls: Mapped[int] = mapped_column(BigInteger, default=0)
    duration_ms_sum: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_received: Mapped[int] = mapped_column(BigInteger, default=0)
    bytes_sent: Mapped[int] = mapped_column(BigInteger, default=0)
    le_5: Mapped[int] = mapped_column(BigInteger, default=0)
    le_10: Mapped[int] = mapped_column(BigInteger, default=0)
    le_25: Mapped[int] = mapped_column(BigInteger, default=0)
    le_50: Mapped[int] = mapped_column(BigInteger, default=0)
    le_100: Mapped[int] = mapped_column(BigInteger, default=0)
    le_250: Mapped[int] = mapped_column(BigInteger, default=0)
    le_500: Mapped[int] = mapped_column(BigInteger, default=0)
    le_1000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_2500: Mapped[int] = mapped_column(BigInteger, default=0)
    le_5000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_10000: Mapped[int] = mapped_column(BigInteger, default=0)
    le_inf: Mapped[int] = mapped_column(BigInteger, default=0)


class TrafficMinuteRow(_Rollup, Base):
    """Per-minute rollup, written in the same transaction as the raw rows it counts."""

    __tablename__ = "traffic_minutes"


class TrafficHourRow(_Rollup, Base):
    """Per-hour rollup: long ranges read these, and they outlive the raw logs."""

    __tablename__ = "traffic_hours"


class TrafficTotalRow(Base):
    """Every call counted since the platform started, per outcome (never purged)."""

    __tablename__ = "traffic_totals"

    outcome: Mapped[str] = mapped_column(String(16), primary_key=True)
    calls: Mapped[int] = mapped_column(BigInteger, default=0)


class ReconcileCursorRow(Base):
    """How far the durable file access log has been reconciled with the stored rows."""

    __tablename__ = "reconcile_cursors"

    source: Mapped[str] = mapped_column(String(512), primary_key=True)
    # device:inode of the file the offset belongs to (a rotated file starts again at 0).
    file_id: Mapped[str] = mapped_column(String(64), default="")
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    lines_read: Mapped[int] = mapped_column(BigInteger, default=0)
    backfilled_entries: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
