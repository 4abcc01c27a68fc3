"""Identity's persistence: queries over its tables, no commits (the unit of work commits)."""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass

from argon2 import PasswordHasher
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from services.identity.models import ChannelRow, CredentialRow, SigningKeyRow, UserRow
from services.runtime.clock import utcnow
from services.runtime.crypto import SecretBox

hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def stamp(row: object, actor: str, *, created: bool) -> None:
    now = utcnow()
    if created:
        row.created_by = actor  # type: ignore[attr-defined]
        row.created_at = now  # type: ignore[attr-defined]
    row.updated_by = actor  # type: ignore[attr-defined]
    row.updated_at = now  # type: ignore[attr-defined]


def user_by_name(session: Session, username: str) -> UserRow | None:
    return session.scalar(select(UserRow).where(UserRow.username == username))


def user_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(UserRow)) or 0


def add_user(
    session: Session, username: str, display_name: str, password: str, roles: list[str], actor: str
) -> UserRow:
    row = UserRow(
        user_id=str(uuid.uuid4()),
        username=username,
        display_name=display_name,
        password_hash=hasher.hash(password),
        roles=roles,
        disabled=False,
        must_change_password=True,
    )
    stamp(row, actor, created=True)
    session.add(row)
    return row


def channel_by_code(session: Session, code: str) -> ChannelRow | None:
    return session.scalar(select(ChannelRow).where(ChannelRow.code == code))


def list_channels(session: Session, offset: int, limit: int) -> tuple[list[ChannelRow], int]:
    total = session.scalar(select(func.count()).select_from(ChannelRow)) or 0
    rows = session.scalars(
        select(ChannelRow)
        .order_by(ChannelRow.created_at, ChannelRow.code)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def credential_by_client_id(session: Session, client_id: str) -> CredentialRow | None:
    return session.scalar(select(CredentialRow).where(CredentialRow.client_id == client_id))


def credentials_of(session: Session, channel_id: str) -> list[CredentialRow]:
    return list(
        session.scalars(
            select(CredentialRow)
            .where(CredentialRow.channel_id == channel_id)
            .order_by(CredentialRow.created_at)
        )
    )


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
