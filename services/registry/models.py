"""Registry's tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from services.runtime.audit import AuditOutbox
from services.runtime.audited import Audited


class Base(DeclarativeBase):
    pass


class UpstreamRow(Audited, Base):
    __tablename__ = "upstreams"

    upstream_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(48), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    # [{"host": ..., "port": ..., "weight": ...}]
    endpoints: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    protocol: Mapped[int] = mapped_column(Integer)
    tls: Mapped[bool] = mapped_column(Boolean, default=False)
    connect_timeout_ms: Mapped[int] = mapped_column(Integer)
    request_timeout_ms: Mapped[int] = mapped_column(Integer)


class ApiServiceRow(Audited, Base):
    __tablename__ = "api_services"
    __table_args__ = (UniqueConstraint("code", "version"),)

    api_service_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    version: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[int] = mapped_column(Integer, index=True)
    method: Mapped[int] = mapped_column(Integer)
    path: Mapped[str] = mapped_column(String(256))
    upstream_id: Mapped[str] = mapped_column(ForeignKey("upstreams.upstream_id"), index=True)
    upstream_path: Mapped[str] = mapped_column(String(256), default="")
    owner: Mapped[str] = mapped_column(String(64), default="")


class EdgeSnapshotRow(Base):
    """One version of the edge's live configuration; versions only move forward."""

    __tablename__ = "edge_snapshots"

    snapshot_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger, unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(64))
    cause: Mapped[str] = mapped_column(String(256))
    # sha256 of the resources: a rebuild that changes nothing makes no snapshot.
    content_hash: Mapped[str] = mapped_column(String(64))
    # sha256 of what besides the catalogue went in (the JWKS, the edge settings).
    inputs_hash: Mapped[str] = mapped_column(String(64))
    # [{"type_url": ..., "name": ..., "body": {...}}], the resources as Envoy's JSON.
    resources: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    restored_from_snapshot_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)


class EdgeNodeRow(Base):
    """An Envoy that opened an ADS stream."""

    __tablename__ = "edge_nodes"

    node_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    cluster: Mapped[str] = mapped_column(String(128), default="")
    envoy_version: Mapped[str] = mapped_column(String(64), default="")
    address: Mapped[str] = mapped_column(String(128), default="")
    connected: Mapped[bool] = mapped_column(Boolean, default=False)
    connect_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EdgeNodeResourceRow(Base):
    """Where one Envoy stands for one resource type: its last ACK and last NACK."""

    __tablename__ = "edge_node_resources"

    node_id: Mapped[str] = mapped_column(
        ForeignKey("edge_nodes.node_id", ondelete="CASCADE"), primary_key=True
    )
    type_url: Mapped[str] = mapped_column(String(128), primary_key=True)
    acked_version: Mapped[int] = mapped_column(BigInteger, default=0)
    ack_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    nacked_version: Mapped[int] = mapped_column(BigInteger, default=0)
    nack_message: Mapped[str] = mapped_column(Text, default="")
    nack_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AccessGrantRow(Audited, Base):
    """A channel's right to call one API service: what the edge enforces."""

    __tablename__ = "access_grants"
    __table_args__ = (
        # One live grant per channel and API service, even when two registry replicas race;
        # revoked and superseded expired grants stay as history. 1 is ACCESS_GRANT_STATUS_ACTIVE.
        Index(
            "ix_access_grants_live_pair",
            "channel_id",
            "api_service_id",
            unique=True,
            sqlite_where=text("status = 1"),
            postgresql_where=text("status = 1"),
        ),
    )

    access_grant_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    # Identity owns channels: their id and code are kept as given.
    channel_id: Mapped[str] = mapped_column(String(64), index=True)
    channel_code: Mapped[str] = mapped_column(String(32))
    api_service_id: Mapped[str] = mapped_column(
        ForeignKey("api_services.api_service_id"), index=True
    )
    # The application that produced it; empty for a direct grant.
    access_application_id: Mapped[str] = mapped_column(String(36), default="")
    daily_quota: Mapped[int] = mapped_column(BigInteger, default=0)
    rate_limit_per_second: Mapped[int] = mapped_column(Integer, default=0)
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expire_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # ACTIVE, EXPIRED (once a newer grant replaced it) or REVOKED; see services.registry.grants.
    status: Mapped[int] = mapped_column(Integer, index=True)
    # Why it was granted without an application.
    grant_reason: Mapped[str] = mapped_column(String(500), default="")
    revoke_reason: Mapped[str] = mapped_column(String(500), default="")
    revoke_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)


class AuditOutboxRow(AuditOutbox, Base):
    """Audit records of registry's writes, until identity has them in its trail."""
