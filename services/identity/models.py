"""Identity's tables."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from services.runtime.audited import Audited


class Base(DeclarativeBase):
    pass


class UserRow(Audited, Base):
    __tablename__ = "users"

    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    kind: Mapped[int] = mapped_column(Integer, default=1)
    email: Mapped[str] = mapped_column(String(128), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")
    organization: Mapped[str] = mapped_column(String(64), default="")
    # Argon2 hashes of the last passwords, newest first (the current one included).
    password_history: Mapped[list[str]] = mapped_column(JSON, default=list)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # TOTP secrets sealed with the master key; the pending one until enrolment is confirmed.
    totp_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_pending_secret: Mapped[bytes | None] = mapped_column(LargeBinary)
    totp_last_step: Mapped[int] = mapped_column(BigInteger, default=0)
    # SHA-256 of the unused recovery codes.
    totp_recovery_hashes: Mapped[list[str]] = mapped_column(JSON, default=list)


class RoleRow(Audited, Base):
    __tablename__ = "roles"

    role_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    description: Mapped[str] = mapped_column(String(256), default="")
    permissions: Mapped[list[str]] = mapped_column(JSON)
    built_in: Mapped[bool] = mapped_column(Boolean, default=False)
    require_totp: Mapped[bool] = mapped_column(Boolean, default=False)


class SessionRow(Base):
    """A console sign-in; refresh tokens rotate and only their SHA-256 is kept."""

    __tablename__ = "sessions"

    session_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.user_id"), index=True)
    refresh_hash: Mapped[str] = mapped_column(String(64))
    previous_refresh_hash: Mapped[str] = mapped_column(String(64), default="")
    client_ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(256), default="")
    # A restricted session (password change or TOTP enrolment pending) carries no permissions.
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_active_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    revoke_reason: Mapped[str] = mapped_column(String(128), default="")


class AuditRecordRow(Base):
    """One link of the append-only, hash-chained audit trail."""

    __tablename__ = "audit_records"

    sequence: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    audit_record_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor_kind: Mapped[int] = mapped_column(Integer)
    actor_id: Mapped[str] = mapped_column(String(64), index=True)
    actor_name: Mapped[str] = mapped_column(String(64))
    client_ip: Mapped[str] = mapped_column(String(64))
    user_agent: Mapped[str] = mapped_column(String(256))
    service: Mapped[str] = mapped_column(String(32))
    method: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(128), index=True)
    resource_type: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str] = mapped_column(String(64))
    result: Mapped[int] = mapped_column(Integer)
    before_json: Mapped[str] = mapped_column(Text)
    after_json: Mapped[str] = mapped_column(Text)
    status_code: Mapped[str] = mapped_column(String(32))
    status_message: Mapped[str] = mapped_column(String(512))
    request_id: Mapped[str] = mapped_column(String(64))
    trace_id: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(String(256))
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainRow(Base):
    """The head of the audit chain; updating it first serialises appends on both databases."""

    __tablename__ = "audit_chain"

    chain_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    last_sequence: Mapped[int] = mapped_column(BigInteger)
    last_hash: Mapped[str] = mapped_column(String(64))


class SigningKeyRow(Base):
    """Token-signing key pairs; the private half sealed with the master key."""

    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(32), primary_key=True)
    sealed_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChannelRow(Audited, Base):
    __tablename__ = "channels"

    channel_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64))
    type: Mapped[int] = mapped_column(Integer)
    status: Mapped[int] = mapped_column(Integer)
    owner: Mapped[str] = mapped_column(String(64), default="")
    contact_name: Mapped[str] = mapped_column(String(64), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    ip_allow_list: Mapped[list[str]] = mapped_column(JSON)
    rate_limit_per_second: Mapped[int] = mapped_column(Integer, default=0)
    daily_quota: Mapped[int] = mapped_column(Integer, default=0)
    contact_email: Mapped[str] = mapped_column(String(128), default="")
    description: Mapped[str] = mapped_column(String(256), default="")
    sandbox: Mapped[bool] = mapped_column(Boolean, default=False)
    disabled_reason: Mapped[str] = mapped_column(String(256), default="")
    # Soft delete: the row stays for the history (access logs, audit trail name it); the code
    # is never reused.
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # The developer-center accounts (vendors) that may see and manage this channel.
    vendors: Mapped[list[ChannelVendorRow]] = relationship(
        lazy="selectin", cascade="all, delete-orphan", order_by="ChannelVendorRow.user_id"
    )

    @property
    def vendor_user_ids(self) -> list[str]:
        return [vendor.user_id for vendor in self.vendors]


class ChannelVendorRow(Base):
    __tablename__ = "channel_vendors"

    channel_id: Mapped[str] = mapped_column(ForeignKey("channels.channel_id"), primary_key=True)
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True, index=True)


class CredentialRow(Audited, Base):
    __tablename__ = "channel_credentials"

    credential_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    channel_id: Mapped[str] = mapped_column(ForeignKey("channels.channel_id"), index=True)
    kind: Mapped[int] = mapped_column(Integer)
    # Not unique: a rotation's successor keeps the client_id (the channel only swaps the
    # secret), and both rows answer to it until the predecessor's overlap ends.
    client_id: Mapped[str] = mapped_column(String(64), index=True)
    sealed_secret: Mapped[bytes] = mapped_column(LargeBinary)
    expire_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoke_reason: Mapped[str] = mapped_column(String(128), default="")
    rotated_from_credential_id: Mapped[str] = mapped_column(String(36), default="")
    description: Mapped[str] = mapped_column(String(256), default="")
    # Mutual TLS: the issued client certificate (public) and its SHA-256 fingerprint.
    certificate_pem: Mapped[str] = mapped_column(Text, default="")
    certificate_fingerprint: Mapped[str] = mapped_column(String(64), default="", index=True)
    # When the credential last got a token or signed a call that passed; None: never. Written
    # in the background (services/identity/usage.py), so it may lag by a flush interval.
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class CertificateAuthorityRow(Base):
    """The CA that signs channels' client certificates; its private key sealed like a secret."""

    __tablename__ = "certificate_authorities"

    authority_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    certificate_pem: Mapped[str] = mapped_column(Text)
    sealed_private_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EdgeAuthRevisionRow(Base):
    """The one-row counter of edge credential material (channels, credentials, signing keys).

    Every write that changes the material bumps it in the same transaction, so a reader that
    sees revision N also sees every change up to N; replicas and the registry poll it.
    """

    __tablename__ = "edge_auth_revision"

    revision_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    revision: Mapped[int] = mapped_column(BigInteger)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    cause: Mapped[str] = mapped_column(String(256))


class SettingRow(Audited, Base):
    """A setting changed from its shipped default (JSON value); absent means the default."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    # The configuration-wide revision of the last change to this setting.
    revision: Mapped[int] = mapped_column(BigInteger)


class SettingChangeRow(Base):
    __tablename__ = "setting_changes"

    setting_change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), index=True)
    old_json: Mapped[str] = mapped_column(Text)
    new_json: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    comment: Mapped[str] = mapped_column(String(256))
    # Configuration-wide and unique: two concurrent changes cannot take the same number.
    revision: Mapped[int] = mapped_column(BigInteger, unique=True)
