"""Identity's gRPC servicers: translate messages and statuses; the unit of work owns each write."""

from __future__ import annotations

import base64
import hmac
import json
import logging
import time
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qs

import grpc
from argon2.exceptions import VerificationError
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.identity import domain, store
from services.identity.models import ChannelRow, CredentialRow, UserRow
from services.runtime import jwt
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name, current_caller
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unauthenticated,
    Unimplemented,
    Validator,
)
from services.runtime.paging import next_token, page_window
from wailian.common.v1 import common_pb2
from wailian.identity.v1 import identity_pb2 as pb
from wailian.identity.v1 import identity_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.identity")

# A fixed hash to verify against when the user does not exist, so timing does not reveal names.
_DUMMY_HASH = store.hasher.hash("not-a-password-Aa1!")


class KeyRing:
    """The active signing keys, loaded once; the newest signs, all verify."""

    def __init__(self, keys: list[store.SigningKey]) -> None:
        self.keys = keys

    @property
    def signer(self) -> store.SigningKey:
        return self.keys[-1]

    def jwks(self) -> list[dict[str, str]]:
        return [jwt.public_jwk(key.private_key.public_key(), key.kid) for key in self.keys]

    def sign(self, claims: dict[str, object]) -> str:
        return jwt.sign(claims, self.signer.private_key, self.signer.kid)


def _audit(row: Any) -> common_pb2.AuditInfo:
    return common_pb2.AuditInfo(
        created_by=row.created_by,
        create_time=to_timestamp(row.created_at),
        updated_by=row.updated_by,
        update_time=to_timestamp(row.updated_at),
    )


def _user_message(row: UserRow) -> pb.User:
    return pb.User(
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        roles=row.roles,
        permissions=domain.permissions_of(row.roles),
        disabled=row.disabled,
        audit=_audit(row),
    )


def _channel_message(row: ChannelRow) -> pb.Channel:
    return pb.Channel(
        channel_id=row.channel_id,
        code=row.code,
        name=row.name,
        type=row.type,  # type: ignore[arg-type]
        status=row.status,  # type: ignore[arg-type]
        owner=row.owner,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        ip_allow_list=row.ip_allow_list,
        rate_limit_per_second=row.rate_limit_per_second,
        daily_quota=row.daily_quota,
        audit=_audit(row),
    )


def _credential_message(row: CredentialRow) -> pb.ChannelCredential:
    return pb.ChannelCredential(
        credential_id=row.credential_id,
        channel_id=row.channel_id,
        kind=row.kind,  # type: ignore[arg-type]
        client_id=row.client_id,
        expire_time=to_timestamp(row.expire_at),
        revoked=row.revoked,
        audit=_audit(row),
    )


class SessionServicer(pb_grpc.SessionServiceServicer):
    def __init__(self, uow: UnitOfWork, keys: KeyRing) -> None:
        self.uow = uow
        self.keys = keys

    async def Login(
        self, request: pb.LoginRequest, context: grpc.aio.ServicerContext
    ) -> pb.LoginResponse:
        check = Validator()
        check.require(bool(request.username), "username", "enter the user name")
        check.require(bool(request.password), "password", "enter the password")
        check.check()

        def work(session: Session) -> UserRow:
            row = store.user_by_name(session, request.username)
            try:
                store.hasher.verify(row.password_hash if row else _DUMMY_HASH, request.password)
            except VerificationError:
                row = None
            if row is None or row.disabled:
                raise Unauthenticated("wrong user name or password")
            return row

        user = await self.uow.run(work)
        token = self.keys.sign(
            domain.access_token_claims(user.user_id, user.username, user.roles, int(time.time()))
        )
        log.info("signed in", extra={"user": user.username})
        return pb.LoginResponse(
            access_token=token,
            token_type="Bearer",  # noqa: S106 - a scheme name, not a secret
            expires_in=domain.ACCESS_TOKEN_SECONDS,
            user=_user_message(user),
        )

    async def GetJwks(
        self, request: pb.GetJwksRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetJwksResponse:
        return pb.GetJwksResponse(keys=[pb.Jwk(**key) for key in self.keys.jwks()])

    async def GetCurrentUser(
        self, request: pb.GetCurrentUserRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCurrentUserResponse:
        caller = current_caller()
        assert caller is not None  # the interceptor admits only signed-in callers here

        def work(session: Session) -> UserRow:
            row = session.get(UserRow, caller.subject)
            if row is None:
                raise NotFound("this user no longer exists")
            return row

        return pb.GetCurrentUserResponse(user=_user_message(await self.uow.run(work)))


class ChannelServicer(pb_grpc.ChannelServiceServicer):
    def __init__(self, uow: UnitOfWork, box: SecretBox) -> None:
        self.uow = uow
        self.box = box

    async def CreateChannel(
        self, request: pb.CreateChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateChannelResponse:
        given = request.channel
        spec = domain.ChannelSpec(
            code=given.code,
            name=given.name,
            type=given.type,
            owner=given.owner,
            contact_name=given.contact_name,
            contact_phone=given.contact_phone,
            ip_allow_list=list(given.ip_allow_list),
            rate_limit_per_second=given.rate_limit_per_second,
            daily_quota=given.daily_quota,
        )
        known = {value for value in pb.ChannelType.values() if value != pb.CHANNEL_TYPE_UNSPECIFIED}
        domain.validate_channel(spec, known)
        actor = actor_name()

        def work(session: Session) -> ChannelRow:
            if store.channel_by_code(session, spec.code) is not None:
                raise AlreadyExists(f"a channel with code {spec.code!r} exists already")
            row = ChannelRow(
                channel_id=str(uuid.uuid4()),
                code=spec.code,
                name=spec.name.strip(),
                type=spec.type,
                status=pb.CHANNEL_STATUS_ACTIVE,
                owner=spec.owner,
                contact_name=spec.contact_name,
                contact_phone=spec.contact_phone,
                ip_allow_list=spec.ip_allow_list,
                rate_limit_per_second=spec.rate_limit_per_second,
                daily_quota=spec.daily_quota,
            )
            store.stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            return row

        row = await self.uow.run(work)
        log.info("channel created", extra={"channel": row.code})
        return pb.CreateChannelResponse(channel=_channel_message(row))

    async def GetChannel(
        self, request: pb.GetChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetChannelResponse:
        row = await self.uow.run(lambda session: _channel(session, request.channel_id))
        return pb.GetChannelResponse(channel=_channel_message(row))

    async def ListChannels(
        self, request: pb.ListChannelsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListChannelsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        rows, total = await self.uow.run(lambda s: store.list_channels(s, offset, limit))
        return pb.ListChannelsResponse(
            channels=[_channel_message(row) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def CreateChannelCredential(
        self, request: pb.CreateChannelCredentialRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateChannelCredentialResponse:
        check = Validator()
        check.require(bool(request.channel_id), "channel_id", "required")
        check.require(
            request.kind != pb.CREDENTIAL_KIND_UNSPECIFIED, "kind", "choose a credential kind"
        )
        check.require(
            0 <= request.valid_days <= domain.MAX_CREDENTIAL_DAYS,
            "valid_days",
            f"0 (meaning {domain.DEFAULT_CREDENTIAL_DAYS}) to {domain.MAX_CREDENTIAL_DAYS}",
        )
        check.check()
        if request.kind != pb.CREDENTIAL_KIND_TOKEN:
            raise Unimplemented(
                "only token credentials are issued so far (signature and mTLS follow)"
            )
        secret = domain.new_client_secret()
        actor = actor_name()
        days = request.valid_days or domain.DEFAULT_CREDENTIAL_DAYS

        def work(session: Session) -> CredentialRow:
            channel = _channel(session, request.channel_id)
            credential_id = str(uuid.uuid4())
            row = CredentialRow(
                credential_id=credential_id,
                channel_id=channel.channel_id,
                kind=request.kind,
                client_id=domain.new_client_id(),
                sealed_secret=self.box.seal(
                    secret.encode(), f"channel_credentials:{credential_id}"
                ),
                expire_at=utcnow() + timedelta(days=days),
                revoked=False,
            )
            store.stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            return row

        row = await self.uow.run(work)
        log.info("credential issued", extra={"client_id": row.client_id})
        return pb.CreateChannelCredentialResponse(
            credential=_credential_message(row), client_secret=secret
        )

    async def ListChannelCredentials(
        self, request: pb.ListChannelCredentialsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListChannelCredentialsResponse:
        def work(session: Session) -> list[CredentialRow]:
            _channel(session, request.channel_id)
            return store.credentials_of(session, request.channel_id)

        rows = await self.uow.run(work)
        return pb.ListChannelCredentialsResponse(credentials=[_credential_message(r) for r in rows])


def _channel(session: Session, channel_id: str) -> ChannelRow:
    if not channel_id:
        raise InvalidArgument([FieldViolation("channel_id", "required")])
    row = session.get(ChannelRow, channel_id)
    if row is None:
        raise NotFound(f"no channel {channel_id}")
    return row


def parse_token_request(body: httpbody_pb2.HttpBody, authorization: str) -> dict[str, str]:
    """The client_credentials parameters from a form or JSON body and HTTP Basic auth."""
    content_type = body.content_type.split(";", 1)[0].strip().lower()
    fields: dict[str, str] = {}
    try:
        if content_type == "application/json":
            parsed = json.loads(body.data or b"{}")
            if not isinstance(parsed, dict):
                raise ValueError("not an object")
            fields = {k: v for k, v in parsed.items() if isinstance(v, str)}
        elif content_type in ("application/x-www-form-urlencoded", ""):
            fields = {k: v[0] for k, v in parse_qs(body.data.decode("utf-8")).items()}
        else:
            raise InvalidArgument(
                [FieldViolation("content-type", "use application/x-www-form-urlencoded or JSON")]
            )
    except (ValueError, UnicodeDecodeError):
        raise InvalidArgument(
            [FieldViolation("body", "invalid_request: unreadable body")]
        ) from None
    scheme, _, encoded = authorization.partition(" ")
    if scheme.lower() == "basic":
        try:
            client_id, _, client_secret = base64.b64decode(encoded).decode().partition(":")
        except ValueError:
            raise Unauthenticated("invalid_client: malformed Basic credentials") from None
        fields.setdefault("client_id", client_id)
        fields.setdefault("client_secret", client_secret)
    return fields


class ChannelTokenServicer(pb_grpc.ChannelTokenServiceServicer):
    def __init__(self, uow: UnitOfWork, box: SecretBox, keys: KeyRing) -> None:
        self.uow = uow
        self.box = box
        self.keys = keys

    async def IssueChannelToken(
        self, request: pb.IssueChannelTokenRequest, context: grpc.aio.ServicerContext
    ) -> httpbody_pb2.HttpBody:
        metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
        fields = parse_token_request(request.body, metadata.get("authorization", ""))
        check = Validator()
        check.require(
            fields.get("grant_type") == "client_credentials",
            "grant_type",
            "unsupported_grant_type: only client_credentials",
        )
        check.require(bool(fields.get("client_id")), "client_id", "invalid_request: required")
        check.require(
            bool(fields.get("client_secret")), "client_secret", "invalid_request: required"
        )
        check.check()

        def work(session: Session) -> ChannelRow:
            row = store.credential_by_client_id(session, fields["client_id"])
            if row is None or row.kind != pb.CREDENTIAL_KIND_TOKEN:
                raise Unauthenticated("invalid_client: unknown client or wrong secret")
            secret = self.box.open(row.sealed_secret, f"channel_credentials:{row.credential_id}")
            if not hmac.compare_digest(secret, fields["client_secret"].encode()):
                raise Unauthenticated("invalid_client: unknown client or wrong secret")
            if row.revoked or as_utc(row.expire_at) <= utcnow():
                raise Unauthenticated("invalid_client: the credential is revoked or expired")
            channel = _channel(session, row.channel_id)
            if channel.status != pb.CHANNEL_STATUS_ACTIVE:
                raise FailedPrecondition("the channel is disabled", subject=channel.code)
            return channel

        channel = await self.uow.run(work)
        token = self.keys.sign(
            domain.channel_token_claims(channel.channel_id, channel.code, int(time.time()))
        )
        payload = {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": domain.CHANNEL_TOKEN_SECONDS,
        }
        return httpbody_pb2.HttpBody(
            content_type="application/json", data=json.dumps(payload).encode()
        )
