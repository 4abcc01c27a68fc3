"""Identity's persistence: queries over its tables, no commits (the unit of work commits)."""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import ColumnElement, Select, func, or_, select, update
from sqlalchemy.orm import Session

from services.identity import ca, domain
from services.identity.models import (
    AuditChainRow,
    AuditRecordRow,
    CertificateAuthorityRow,
    ChannelRow,
    ChannelVendorRow,
    CredentialRow,
    EdgeAuthRevisionRow,
    RoleRow,
    SessionRow,
    SettingChangeRow,
    SettingRow,
    SigningKeyRow,
    UserRow,
)
from services.runtime.audited import stamp
from services.runtime.clock import as_utc, utcnow
from services.runtime.crypto import SecretBox

hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def new_id() -> str:
    return str(uuid.uuid4())


def user_by_name(session: Session, username: str) -> UserRow | None:
    """Any account with this name, deleted ones included (names are never reused)."""
    return session.scalar(select(UserRow).where(UserRow.username == username))


def live_user(session: Session, user_id: str) -> UserRow | None:
    row = session.get(UserRow, user_id)
    return None if row is None or row.deleted else row


@dataclass(frozen=True)
class UserFilter:
    query: str = ""
    role: str = ""
    kind: int = 0
    # 0 any, 1 active, 2 disabled, 3 locked, 4 password expired (UserStatusFilter numbers)
    status: int = 0


def list_users(
    session: Session,
    chosen: UserFilter,
    policy: domain.SecurityPolicy,
    now: datetime,
    offset: int,
    limit: int,
) -> tuple[list[UserRow], int]:
    conditions: list[ColumnElement[bool]] = [UserRow.deleted.is_(False)]
    if chosen.query:
        like = f"%{chosen.query.lower()}%"
        conditions.append(
            or_(
                func.lower(UserRow.username).like(like),
                func.lower(UserRow.display_name).like(like),
                func.lower(UserRow.email).like(like),
                UserRow.phone.like(like),
            )
        )
    if chosen.kind:
        conditions.append(UserRow.kind == chosen.kind)
    if chosen.status == 1:
        conditions.append(UserRow.disabled.is_(False))
    elif chosen.status == 2:
        conditions.append(UserRow.disabled.is_(True))
    elif chosen.status == 3:
        conditions.append(UserRow.locked_until > now)
    elif chosen.status == 4:
        oldest = now - timedelta(days=policy.password_max_age_days)
        conditions.append(
            or_(
                UserRow.must_change_password.is_(True),
                UserRow.password_changed_at <= oldest,
            )
        )
    statement = select(UserRow).where(*conditions).order_by(UserRow.username)
    rows = list(session.scalars(statement))
    if chosen.role:
        # Roles are a JSON list; filtering in Python keeps one query for both databases.
        rows = [row for row in rows if chosen.role in row.roles]
    return rows[offset : offset + limit], len(rows)


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(UserRow)) or 0


def add_user(
    session: Session,
    username: str,
    spec: domain.UserSpec,
    password: str,
    actor: str,
    *,
    must_change_password: bool = True,
) -> UserRow:
    password_hash = hasher.hash(password)
    row = UserRow(
        user_id=str(uuid.uuid4()),
        username=username,
        display_name=spec.display_name.strip(),
        password_hash=password_hash,
        roles=list(spec.roles),
        disabled=False,
        must_change_password=must_change_password,
        kind=spec.kind,
        email=spec.email,
        phone=spec.phone,
        organization=spec.organization,
        password_history=[password_hash],
        password_changed_at=utcnow(),
        failed_logins=0,
        locked_until=None,
        deleted=False,
        totp_last_step=0,
        totp_recovery_hashes=[],
    )
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    return row


def usernames(session: Session, user_ids: set[str]) -> dict[str, str]:
    if not user_ids:
        return {}
    rows = session.execute(
        select(UserRow.user_id, UserRow.username).where(UserRow.user_id.in_(user_ids))
    )
    return {user_id: username for user_id, username in rows}


def password_reused(row: UserRow, password: str, history: int) -> bool:
    """True when `password` is one of the account's last `history` passwords."""
    for old in (row.password_history or [row.password_hash])[:history]:
        try:
            if hasher.verify(old, password):
                return True
        except Exception:  # noqa: S112 - a mismatch raises; keep looking
            continue
    return False


def set_password(
    row: UserRow, password: str, history: int, *, must_change: bool, now: datetime
) -> None:
    password_hash = hasher.hash(password)
    row.password_hash = password_hash
    row.password_history = [password_hash, *(row.password_history or [])][:history]
    row.password_changed_at = now
    row.must_change_password = must_change


def password_changed_at(row: UserRow) -> datetime:
    return as_utc(row.password_changed_at or row.created_at)


# --- roles ---------------------------------------------------------------------------------------


def roles_by_code(session: Session) -> dict[str, RoleRow]:
    return {row.code: row for row in session.scalars(select(RoleRow))}


def role_user_counts(session: Session) -> dict[str, int]:
    counts: dict[str, int] = {}
    for roles in session.scalars(select(UserRow.roles).where(UserRow.deleted.is_(False))):
        for code in roles:
            counts[code] = counts.get(code, 0) + 1
    return counts


def list_roles(session: Session, query: str, offset: int, limit: int) -> tuple[list[RoleRow], int]:
    statement = select(RoleRow).order_by(RoleRow.built_in.desc(), RoleRow.code)
    if query:
        like = f"%{query.lower()}%"
        statement = statement.where(
            or_(func.lower(RoleRow.code).like(like), func.lower(RoleRow.name).like(like))
        )
    rows = list(session.scalars(statement))
    return rows[offset : offset + limit], len(rows)


def sync_built_in_roles(session: Session, roles: Sequence[domain.BuiltInRole]) -> None:
    """Create the shipped roles, and keep their permissions in step with the contracts."""
    existing = roles_by_code(session)
    for role in roles:
        row = existing.get(role.code)
        if row is None:
            row = RoleRow(
                role_id=str(uuid.uuid4()),
                code=role.code,
                name=role.name,
                description=role.description,
                permissions=list(role.permissions),
                built_in=True,
                require_totp=False,
            )
            stamp(row, "system", created=True)
            session.add(row)
        elif row.permissions != list(role.permissions) or not row.built_in:
            row.permissions = list(role.permissions)
            row.built_in = True
            stamp(row, "system", created=False)
    session.flush()


def permissions_of(roles: Mapping[str, RoleRow], codes: Sequence[str]) -> list[str]:
    granted: set[str] = set()
    for code in codes:
        role = roles.get(code)
        if role is not None:
            granted.update(role.permissions)
    return sorted(granted)


def totp_required(roles: Mapping[str, RoleRow], codes: Sequence[str]) -> bool:
    return any(roles[code].require_totp for code in codes if code in roles)


# --- sessions ------------------------------------------------------------------------------------


def live_sessions(session: Session, user_id: str = "") -> list[SessionRow]:
    statement = select(SessionRow).where(SessionRow.revoked_at.is_(None))
    if user_id:
        statement = statement.where(SessionRow.user_id == user_id)
    return list(session.scalars(statement.order_by(SessionRow.created_at)))


def revoke_sessions(session: Session, rows: Sequence[SessionRow], reason: str) -> list[str]:
    now = utcnow()
    for row in rows:
        row.revoked_at = now
        row.revoke_reason = reason[:128]
    session.flush()
    return [row.session_id for row in rows]


# --- audit ---------------------------------------------------------------------------------------

AUDIT_FIELDS = (
    "sequence",
    "audit_record_id",
    "event_time",
    "actor_kind",
    "actor_id",
    "actor_name",
    "client_ip",
    "user_agent",
    "service",
    "method",
    "action",
    "resource_type",
    "resource_id",
    "result",
    "before_json",
    "after_json",
    "status_code",
    "status_message",
    "request_id",
    "trace_id",
    "summary",
)


def _audit_content(row: AuditRecordRow) -> dict[str, object]:
    content: dict[str, object] = {name: getattr(row, name) for name in AUDIT_FIELDS}
    content["event_time"] = as_utc(row.event_time).isoformat(timespec="microseconds")
    return content


def append_audit(session: Session, values: Mapping[str, Any]) -> AuditRecordRow:
    """Link one record to the chain. Updating the head first takes its lock (a row lock on
    PostgreSQL, the write lock on SQLite), so concurrent appends line up instead of forking."""
    session.execute(
        update(AuditChainRow)
        .where(AuditChainRow.chain_id == "main")
        .values(last_sequence=AuditChainRow.last_sequence + 1)
    )
    head = session.execute(
        select(AuditChainRow).where(AuditChainRow.chain_id == "main")
    ).scalar_one()
    session.refresh(head)  # the value the UPDATE wrote, not a cached one
    row = AuditRecordRow(sequence=head.last_sequence, previous_hash=head.last_hash, **values)
    row.audit_record_id = row.audit_record_id or str(uuid.uuid4())
    row.hash = domain.audit_hash(row.previous_hash, _audit_content(row))
    head.last_hash = row.hash
    session.add(row)
    session.flush()
    return row


def append_audit_records(session: Session, records: Sequence[Mapping[str, Any]]) -> tuple[int, int]:
    """Link another service's records to the chain, in order, skipping those already in it (a
    retried batch); (appended, duplicates). The head's lock is taken before looking, so two
    copies of one batch in flight line up and the second finds the first's records."""
    session.execute(
        update(AuditChainRow)
        .where(AuditChainRow.chain_id == "main")
        .values(last_sequence=AuditChainRow.last_sequence)
    )
    head = session.execute(
        select(AuditChainRow).where(AuditChainRow.chain_id == "main")
    ).scalar_one()
    session.refresh(head)
    present = set(
        session.scalars(
            select(AuditRecordRow.audit_record_id).where(
                AuditRecordRow.audit_record_id.in_([r["audit_record_id"] for r in records])
            )
        )
    )
    appended = 0
    for values in records:
        if values["audit_record_id"] in present:
            continue
        row = AuditRecordRow(
            sequence=head.last_sequence + 1, previous_hash=head.last_hash, **values
        )
        row.hash = domain.audit_hash(row.previous_hash, _audit_content(row))
        head.last_sequence = row.sequence
        head.last_hash = row.hash
        session.add(row)
        appended += 1
    session.flush()
    return appended, len(records) - appended


@dataclass(frozen=True)
class AuditFilter:
    start: datetime | None = None
    end: datetime | None = None
    actor_id: str = ""
    actor_name: str = ""
    service: str = ""
    action_prefix: str = ""
    resource_type: str = ""
    resource_id: str = ""
    result: int = 0
    client_ip: str = ""
    request_id: str = ""
    query: str = ""
    # Keyset for exports: only records older than this sequence (0: no bound).
    below_sequence: int = 0


def list_audit(
    session: Session, chosen: AuditFilter, offset: int, limit: int
) -> tuple[list[AuditRecordRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if chosen.start is not None:
        conditions.append(AuditRecordRow.event_time >= chosen.start)
    if chosen.end is not None:
        conditions.append(AuditRecordRow.event_time < chosen.end)
    for column, value in (
        (AuditRecordRow.actor_id, chosen.actor_id),
        (AuditRecordRow.service, chosen.service),
        (AuditRecordRow.resource_type, chosen.resource_type),
        (AuditRecordRow.resource_id, chosen.resource_id),
        (AuditRecordRow.client_ip, chosen.client_ip),
        (AuditRecordRow.request_id, chosen.request_id),
    ):
        if value:
            conditions.append(column == value)
    if chosen.result:
        conditions.append(AuditRecordRow.result == chosen.result)
    if chosen.actor_name:
        conditions.append(
            func.lower(AuditRecordRow.actor_name).like(f"%{chosen.actor_name.lower()}%")
        )
    if chosen.action_prefix:
        conditions.append(AuditRecordRow.action.startswith(chosen.action_prefix, autoescape=True))
    if chosen.query:
        conditions.append(func.lower(AuditRecordRow.summary).like(f"%{chosen.query.lower()}%"))
    if chosen.below_sequence:
        conditions.append(AuditRecordRow.sequence < chosen.below_sequence)
    total = session.scalar(select(func.count()).select_from(AuditRecordRow).where(*conditions)) or 0
    rows = session.scalars(
        select(AuditRecordRow)
        .where(*conditions)
        .order_by(AuditRecordRow.sequence.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


@dataclass(frozen=True)
class ChainReport:
    verified: int
    intact: bool
    broken_sequence: int = 0
    broken_record_id: str = ""
    message: str = ""


def _in_batches(
    session: Session, statement: Select[Any], size: int = 1000
) -> Iterator[AuditRecordRow]:
    """Rows in sequence order, a batch at a time (keyset paging: no cursor left open)."""
    last = 0
    while True:
        batch = list(session.scalars(statement.where(AuditRecordRow.sequence > last).limit(size)))
        yield from batch
        if len(batch) < size:
            return
        last = batch[-1].sequence
        session.expunge_all()


def verify_audit_chain(
    session: Session, start: datetime | None = None, end: datetime | None = None
) -> ChainReport:
    """Recompute every link (or those in [start, end)); name the first that does not match."""
    statement = select(AuditRecordRow).order_by(AuditRecordRow.sequence)
    if start is not None:
        statement = statement.where(AuditRecordRow.event_time >= start)
    if end is not None:
        statement = statement.where(AuditRecordRow.event_time < end)
    previous: AuditRecordRow | None = None
    count = 0
    for row in _in_batches(session, statement):
        if previous is None and start is None and row.sequence != 1:
            return ChainReport(
                count,
                False,
                row.sequence,
                row.audit_record_id,
                "records before this one are missing",
            )
        if previous is not None:
            if row.sequence != previous.sequence + 1:
                return ChainReport(
                    count,
                    False,
                    row.sequence,
                    row.audit_record_id,
                    f"records {previous.sequence + 1}-{row.sequence - 1} are missing",
                )
            if row.previous_hash != previous.hash:
                return ChainReport(
                    count,
                    False,
                    row.sequence,
                    row.audit_record_id,
                    "does not link to the record before it",
                )
        if domain.audit_hash(row.previous_hash, _audit_content(row)) != row.hash:
            return ChainReport(
                count,
                False,
                row.sequence,
                row.audit_record_id,
                "its content does not match its hash: the record was changed",
            )
        previous = row
        count += 1
    if end is None:
        head = session.get(AuditChainRow, "main")
        last_sequence = previous.sequence if previous is not None else 0
        if head is not None and (
            head.last_sequence != last_sequence
            or (previous is not None and head.last_hash != previous.hash)
        ):
            return ChainReport(
                count, False, last_sequence + 1, "", "the newest records are missing or changed"
            )
    return ChainReport(count, True, message=f"{count} records verified")


def channel_by_code(session: Session, code: str) -> ChannelRow | None:
    """Any channel with this code, deleted ones included (codes are never reused)."""
    return session.scalar(select(ChannelRow).where(ChannelRow.code == code))


def live_channel(session: Session, channel_id: str) -> ChannelRow | None:
    row = session.get(ChannelRow, channel_id)
    return None if row is None or row.deleted else row


# wailian.identity.v1.UserKind: a developer-center account (an external vendor).
DEVELOPER_KIND = 2


@dataclass(frozen=True)
class ChannelFilter:
    query: str = ""
    type: int = 0
    status: int = 0
    vendor_user_id: str = ""


def list_channels(
    session: Session, chosen: ChannelFilter, offset: int, limit: int
) -> tuple[list[ChannelRow], int]:
    conditions: list[ColumnElement[bool]] = [ChannelRow.deleted.is_(False)]
    if chosen.query:
        pattern = f"%{chosen.query.lower()}%"
        conditions.append(
            or_(
                func.lower(ChannelRow.code).like(pattern),
                func.lower(ChannelRow.name).like(pattern),
                func.lower(ChannelRow.owner).like(pattern),
            )
        )
    if chosen.type:
        conditions.append(ChannelRow.type == chosen.type)
    if chosen.status:
        conditions.append(ChannelRow.status == chosen.status)
    if chosen.vendor_user_id:
        conditions.append(ChannelRow.vendors.any(ChannelVendorRow.user_id == chosen.vendor_user_id))
    total = session.scalar(select(func.count()).select_from(ChannelRow).where(*conditions)) or 0
    rows = session.scalars(
        select(ChannelRow)
        .where(*conditions)
        .order_by(ChannelRow.created_at, ChannelRow.code)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def developer_ids(session: Session, user_ids: Sequence[str]) -> set[str]:
    """Which of these are developer-center accounts (not deleted)."""
    if not user_ids:
        return set()
    return set(
        session.scalars(
            select(UserRow.user_id).where(
                UserRow.user_id.in_(user_ids),
                UserRow.kind == DEVELOPER_KIND,
                UserRow.deleted.is_(False),
            )
        )
    )


def credentials_by_client_id(session: Session, client_id: str) -> list[CredentialRow]:
    """A client_id's credentials: one, or a rotation's successor and its predecessor."""
    return list(
        session.scalars(
            select(CredentialRow)
            .where(CredentialRow.client_id == client_id)
            .order_by(CredentialRow.created_at)
        )
    )


def credentials_of(session: Session, channel_id: str) -> list[CredentialRow]:
    return list(
        session.scalars(
            select(CredentialRow)
            .where(CredentialRow.channel_id == channel_id)
            .order_by(CredentialRow.created_at)
        )
    )


def successor_of(session: Session, credential_id: str) -> CredentialRow | None:
    return session.scalar(
        select(CredentialRow).where(CredentialRow.rotated_from_credential_id == credential_id)
    )


def revoke_credential(row: CredentialRow, reason: str, now: datetime) -> None:
    row.revoked = True
    row.revoked_at = now
    row.revoke_reason = reason[:128]


# --- edge auth material --------------------------------------------------------------------------


@dataclass(frozen=True)
class EdgeRevision:
    revision: int
    changed_at: datetime
    cause: str


def bump_edge_revision(session: Session, cause: str, now: datetime) -> int:
    """Move the edge auth revision forward in the caller's transaction. The UPDATE takes the
    row's lock first, so concurrent writers line up and every revision is used once."""
    session.execute(
        update(EdgeAuthRevisionRow)
        .where(EdgeAuthRevisionRow.revision_id == "main")
        .values(revision=EdgeAuthRevisionRow.revision + 1, changed_at=now, cause=cause[:256])
    )
    return edge_revision(session).revision


def edge_revision(session: Session) -> EdgeRevision:
    row = session.execute(
        select(
            EdgeAuthRevisionRow.revision, EdgeAuthRevisionRow.changed_at, EdgeAuthRevisionRow.cause
        ).where(EdgeAuthRevisionRow.revision_id == "main")
    ).one()
    return EdgeRevision(row.revision, as_utc(row.changed_at), row.cause)


@dataclass(frozen=True)
class EdgeMaterial:
    """Channels that are not deleted, each with all its credentials, at one revision."""

    revision: EdgeRevision
    channels: list[tuple[ChannelRow, list[CredentialRow]]]
    ca_certificate_pem: str = ""


def edge_material(session: Session) -> EdgeMaterial:
    revision = edge_revision(session)
    channels = list(
        session.scalars(
            select(ChannelRow).where(ChannelRow.deleted.is_(False)).order_by(ChannelRow.code)
        )
    )
    by_channel: dict[str, list[CredentialRow]] = {row.channel_id: [] for row in channels}
    for credential in session.scalars(
        select(CredentialRow)
        .where(CredentialRow.channel_id.in_(by_channel))
        .order_by(CredentialRow.created_at)
    ):
        by_channel[credential.channel_id].append(credential)
    return EdgeMaterial(
        revision,
        [(row, by_channel[row.channel_id]) for row in channels],
        certificate_authority_pem(session),
    )


def signature_credentials(
    session: Session, kind: int
) -> tuple[EdgeRevision, list[tuple[CredentialRow, ChannelRow]]]:
    """Every credential of one kind with its channel (deleted ones too, to name the refusal)."""
    revision = edge_revision(session)
    rows = session.execute(
        select(CredentialRow, ChannelRow)
        .join(ChannelRow, ChannelRow.channel_id == CredentialRow.channel_id)
        .where(CredentialRow.kind == kind)
        .order_by(CredentialRow.created_at)
    )
    return revision, [(credential, channel) for credential, channel in rows]


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: ec.EllipticCurvePrivateKey


def active_signing_keys(session: Session, box: SecretBox) -> list[SigningKey]:
    rows = session.scalars(
        select(SigningKeyRow)
        .where(SigningKeyRow.active.is_(True))
        .order_by(SigningKeyRow.created_at)
    )
    keys = []
    for row in rows:
        pem = box.open(row.sealed_private_key, f"signing_keys:{row.kid}")
        private_key = serialization.load_pem_private_key(pem, password=None)
        assert isinstance(private_key, ec.EllipticCurvePrivateKey)
        keys.append(SigningKey(row.kid, private_key))
    return keys


def add_signing_key(session: Session, box: SecretBox) -> SigningKey:
    kid = secrets.token_hex(8)
    private_key = ec.generate_private_key(ec.SECP256R1())
    pem = private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    session.add(
        SigningKeyRow(
            kid=kid,
            sealed_private_key=box.seal(pem, f"signing_keys:{kid}"),
            created_at=utcnow(),
            active=True,
        )
    )
    return SigningKey(kid, private_key)


# --- system configuration ------------------------------------------------------------------------


def setting_rows(session: Session) -> dict[str, SettingRow]:
    return {row.key: row for row in session.scalars(select(SettingRow))}


def setting_values(session: Session) -> dict[str, object]:
    return {key: json.loads(row.value_json) for key, row in setting_rows(session).items()}


def change_setting(
    session: Session,
    key: str,
    old: object,
    new: object | None,
    actor: str,
    comment: str,
    now: datetime,
) -> SettingChangeRow:
    """Store a new value (None: back to the default) and its history entry."""
    revision = (session.scalar(select(func.max(SettingChangeRow.revision))) or 0) + 1
    row = session.get(SettingRow, key)
    if new is None:
        if row is not None:
            session.delete(row)
    else:
        if row is None:
            row = SettingRow(key=key)
            stamp(row, actor, created=True)
            session.add(row)
        row.value_json = json.dumps(new, ensure_ascii=False)
        row.revision = revision
        stamp(row, actor, created=False)
    change = SettingChangeRow(
        setting_change_id=new_id(),
        key=key,
        old_json=json.dumps(old, ensure_ascii=False),
        new_json=json.dumps(new, ensure_ascii=False),
        changed_by=actor,
        changed_at=now,
        comment=comment[:256],
        revision=revision,
    )
    session.add(change)
    session.flush()
    return change


def setting_revisions(session: Session) -> dict[str, int]:
    """The revision of each setting's last change, resets included."""
    rows = session.execute(
        select(SettingChangeRow.key, func.max(SettingChangeRow.revision)).group_by(
            SettingChangeRow.key
        )
    )
    return {key: revision for key, revision in rows}


def list_setting_changes(
    session: Session,
    key: str,
    start: datetime | None,
    end: datetime | None,
    offset: int,
    limit: int,
) -> tuple[list[SettingChangeRow], int]:
    conditions: list[ColumnElement[bool]] = []
    if key:
        conditions.append(SettingChangeRow.key == key)
    if start is not None:
        conditions.append(SettingChangeRow.changed_at >= start)
    if end is not None:
        conditions.append(SettingChangeRow.changed_at < end)
    total = (
        session.scalar(select(func.count()).select_from(SettingChangeRow).where(*conditions)) or 0
    )
    rows = session.scalars(
        select(SettingChangeRow)
        .where(*conditions)
        .order_by(SettingChangeRow.revision.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


# --- the channels' certificate authority ---


def _authority_context(authority_id: str) -> str:
    return f"certificate_authorities:{authority_id}"


def certificate_authority(session: Session, box: SecretBox) -> ca.Authority | None:
    """The current CA (the newest), its private key opened."""
    row = session.scalars(
        select(CertificateAuthorityRow).order_by(CertificateAuthorityRow.created_at.desc())
    ).first()
    if row is None:
        return None
    key = box.open(row.sealed_private_key, _authority_context(row.authority_id))
    return ca.Authority(certificate_pem=row.certificate_pem, private_key_pem=key)


def certificate_authority_pem(session: Session) -> str:
    row = session.scalars(
        select(CertificateAuthorityRow).order_by(CertificateAuthorityRow.created_at.desc())
    ).first()
    return "" if row is None else row.certificate_pem


def add_certificate_authority(session: Session, box: SecretBox, hospital: str) -> ca.Authority:
    now = utcnow()
    authority = ca.new_authority(hospital, now)
    authority_id = str(uuid.uuid4())
    session.add(
        CertificateAuthorityRow(
            authority_id=authority_id,
            certificate_pem=authority.certificate_pem,
            sealed_private_key=box.seal(
                authority.private_key_pem, _authority_context(authority_id)
            ),
            created_at=now,
        )
    )
    session.flush()
    return authority
