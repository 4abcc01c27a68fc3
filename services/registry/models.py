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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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
    # {"path", "grpc_service_name", "interval_ms", "timeout_ms", "healthy_threshold",
    # "unhealthy_threshold", "expected_statuses": [...]}: the edge's active health check and
    # what ProbeUpstream asks for; {} for none.
    health_check: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    tls_server_name: Mapped[str] = mapped_column(String(253), default="")
    # The CA that signs the upstream's certificate (public); "" trusts the system's roots.
    tls_ca_certificate_pem: Mapped[str] = mapped_column(Text, default="")
    # The client certificate chain the edge presents to the upstream (public); "" for none.
    tls_client_certificate_pem: Mapped[str] = mapped_column(Text, default="")
    # Its private key, sealed under the master key (runtime.crypto); None without a certificate.
    tls_client_private_key_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # {"max_retries", "per_try_timeout_ms", "retry_on": [...]}; {} for no retries.
    retry_policy: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    # {"max_connections", "max_pending_requests", "max_requests", "max_retries",
    # "consecutive_5xx", "base_ejection_time_ms", "max_ejection_percent"}, set ones only.
    circuit_breaker: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    # A LoadBalancingPolicy number.
    load_balancing_policy: Mapped[int] = mapped_column(Integer, default=1)


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
    # JSON Schema and example bodies (JSON text, "" for none), for the docs and service testing.
    request_schema: Mapped[str] = mapped_column(Text, default="")
    response_schema: Mapped[str] = mapped_column(Text, default="")
    request_example: Mapped[str] = mapped_column(Text, default="")
    response_example: Mapped[str] = mapped_column(Text, default="")
    # [{"name", "location", "type", "required", "description", "example"}]
    parameters: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    # [{"code", "http_status", "description"}]
    error_codes: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    rate_limit_per_second: Mapped[int] = mapped_column(Integer, default=0)
    # Overrides the upstream's request timeout; 0 keeps it.
    timeout_ms: Mapped[int] = mapped_column(Integer, default=0)
    publish_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    deprecate_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sunset_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Documentation of the deprecation, sent in the Link header; "" for none.
    deprecation_link: Mapped[str] = mapped_column(String(512), default="")


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


class EdgeSnapshotAnswerRow(Base):
    """One node's ACK or NACK of one resource type of a snapshot, kept once it is superseded."""

    __tablename__ = "edge_snapshot_answers"

    version: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    node_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    type_url: Mapped[str] = mapped_column(String(128), primary_key=True)
    acked: Mapped[bool] = mapped_column(Boolean)
    nack_message: Mapped[str] = mapped_column(Text, default="")
    answer_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


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


class ReviewPolicyRow(Audited, Base):
    """The review steps applications for one API category go through."""

    __tablename__ = "review_policies"

    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    # [{"name": ..., "reviewer_role": ...}], one or two steps.
    steps: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    default_grant_days: Mapped[int] = mapped_column(Integer, default=0)


class AccessApplicationRow(Audited, Base):
    """A channel's application for API services, and its review."""

    __tablename__ = "access_applications"

    access_application_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    # Identity owns channels: their id, code and name are kept as identity gave them.
    channel_id: Mapped[str] = mapped_column(String(64), index=True)
    channel_code: Mapped[str] = mapped_column(String(32))
    channel_name: Mapped[str] = mapped_column(String(128))
    applicant_user_id: Mapped[str] = mapped_column(String(64), index=True)
    applicant_name: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(Text)
    expected_daily_calls: Mapped[int] = mapped_column(BigInteger, default=0)
    data_needed: Mapped[str] = mapped_column(Text)
    validity_start: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    validity_end: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    contact_name: Mapped[str] = mapped_column(String(64))
    contact_phone: Mapped[str] = mapped_column(String(32))
    contact_email: Mapped[str] = mapped_column(String(128))
    # The proto's AccessApplicationStatus numbers; see services.registry.applications.
    status: Mapped[int] = mapped_column(Integer, index=True)
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    # The role reviewing the current step while pending ("" for any approver): the inbox filter.
    current_reviewer_role: Mapped[str] = mapped_column(String(32), default="", index=True)
    # [{"name": ..., "reviewer_role": ...}], fixed when submitted from the policies then in force.
    steps: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    # [{"action": ..., "step": ..., "actor_user_id": ..., "comment": ..., "time": ..., ...}]
    history: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    # What the applicant is to be told: [{"time": ..., "user_id": ..., "message": ...}]. Kept
    # here for the developer center to show; delivery (mail, SMS) belongs to monitor.
    notifications: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    submit_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    decide_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Two reviewers acting at once: the second one's write fails instead of overwriting.
    revision: Mapped[int] = mapped_column(Integer)

    items: Mapped[list[AccessApplicationItemRow]] = relationship(
        order_by="AccessApplicationItemRow.position",
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    attachments: Mapped[list[AccessApplicationAttachmentRow]] = relationship(
        order_by="AccessApplicationAttachmentRow.upload_time",
        cascade="all, delete-orphan",
        lazy="selectin",
    )

    __mapper_args__ = {"version_id_col": revision}  # noqa: RUF012 - SQLAlchemy reads it


class AccessApplicationItemRow(Base):
    """One API service asked for in an application, and the grant made for it."""

    __tablename__ = "access_application_items"

    access_application_id: Mapped[str] = mapped_column(
        ForeignKey("access_applications.access_application_id", ondelete="CASCADE"),
        primary_key=True,
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    api_service_id: Mapped[str] = mapped_column(
        ForeignKey("api_services.api_service_id"), index=True
    )
    requested_daily_quota: Mapped[int] = mapped_column(BigInteger, default=0)
    requested_rate_limit_per_second: Mapped[int] = mapped_column(Integer, default=0)
    access_grant_id: Mapped[str] = mapped_column(String(36), default="")


class AccessApplicationAttachmentRow(Base):
    """A file supporting an application (a business licence, a security assessment)."""

    __tablename__ = "access_application_attachments"

    attachment_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    access_application_id: Mapped[str] = mapped_column(
        ForeignKey("access_applications.access_application_id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    # Small files only (see applications.MAX_ATTACHMENT_BYTES), kept with the application so
    # that one backup holds both; loaded only when downloaded.
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    uploaded_by: Mapped[str] = mapped_column(String(64))
    upload_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditOutboxRow(AuditOutbox, Base):
    """Audit records of registry's writes, until identity has them in its trail."""
