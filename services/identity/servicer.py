"""Identity's gRPC servicers: translate messages and statuses; the unit of work owns each write."""

from __future__ import annotations

import base64
import hmac
import json
import logging
import time
import uuid
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import parse_qs

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.identity import accounts, domain, store
from services.identity.accounts import RequestFacts
from services.identity.models import ChannelRow, CredentialRow, RoleRow, UserRow
from services.runtime import jwt
from services.runtime.audited import audit_info, stamp
from services.runtime.auth import revoked_session_key
from services.runtime.cache import Cache
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import (
    Caller,
    actor_name,
    current_caller,
    request_id_var,
    trace_id_var,
)
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
from wailian.identity.v1 import identity_pb2 as pb
from wailian.identity.v1 import identity_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.identity")


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


def user_message(
    row: UserRow, roles: Mapping[str, RoleRow], policy: domain.SecurityPolicy
) -> pb.User:
    now = utcnow()
    changed = store.password_changed_at(row)
    locked = as_utc(row.locked_until) if row.locked_until is not None else None
    return pb.User(
        user_id=row.user_id,
        username=row.username,
        display_name=row.display_name,
        roles=row.roles,
        permissions=store.permissions_of(roles, row.roles),
        disabled=row.disabled,
        audit=audit_info(row),
        email=row.email,
        phone=row.phone,
        organization=row.organization,
        kind=row.kind,  # type: ignore[arg-type]
        lock_expire_time=to_timestamp(locked if domain.is_locked(locked, now) else None),
        totp_enabled=row.totp_secret is not None,
        last_login_time=to_timestamp(row.last_login_at),
        password_expire_time=to_timestamp(domain.password_expire_time(changed, policy)),
        password_change_required=domain.password_change_required(
            row.must_change_password, changed, policy, now
        ),
    )


def _peer_ip(peer: str) -> str:
    """The address of a gRPC peer string: "ipv4:10.0.0.1:5000" or "ipv6:[::1]:5000"."""
    kind, _, rest = peer.partition(":")
    if kind == "ipv6":
        return rest.rpartition("]")[0].lstrip("[")
    if kind == "ipv4":
        return rest.rpartition(":")[0]
    return ""


def request_facts(context: grpc.aio.ServicerContext, service: str, method: str) -> RequestFacts:
    """Who calls and from where, for the audit trail. Behind the edge, the last
    x-forwarded-for entry is the one Envoy added (earlier ones are the client's word)."""
    metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
    forwarded = [
        part.strip() for part in metadata.get("x-forwarded-for", "").split(",") if part.strip()
    ]
    caller = current_caller()
    return RequestFacts(
        method=f"/wailian.identity.v1.{service}/{method}",
        actor_id=caller.subject if caller else "",
        actor_name=(caller.username or caller.subject) if caller else "",
        actor_kind=domain.ACTOR_USER if caller else domain.ACTOR_ANONYMOUS,
        client_ip=forwarded[-1] if forwarded else _peer_ip(context.peer() or ""),
        user_agent=metadata.get("user-agent", ""),
        request_id=request_id_var.get(),
        trace_id=trace_id_var.get(),
    )


def signed_in_caller() -> Caller:
    caller = current_caller()
    assert caller is not None  # the interceptor admits only signed-in callers here
    return caller


async def mark_ended(cache: Cache, session_ids: list[str], policy: domain.SecurityPolicy) -> None:
    """Tell every service's interceptor that these sessions' access tokens are void."""
    for session_id in session_ids:
        try:
            await cache.add(revoked_session_key(session_id), policy.access_token_seconds + 60)
        except Exception:
            log.exception("could not mark a session as ended in the cache")


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
        audit=audit_info(row),
    )


def _credential_message(row: CredentialRow) -> pb.ChannelCredential:
    return pb.ChannelCredential(
        credential_id=row.credential_id,
        channel_id=row.channel_id,
        kind=row.kind,  # type: ignore[arg-type]
        client_id=row.client_id,
        expire_time=to_timestamp(row.expire_at),
        revoked=row.revoked,
        audit=audit_info(row),
    )


class SessionServicer(pb_grpc.SessionServiceServicer):
    def __init__(
        self,
        uow: UnitOfWork,
        keys: KeyRing,
        box: SecretBox,
        policies: accounts.Policies,
        cache: Cache,
    ) -> None:
        self.uow = uow
        self.keys = keys
        self.box = box
        self.policies = policies
        self.cache = cache

    @property
    def policy(self) -> domain.SecurityPolicy:
        """The security policy in force now (settings can change it while running)."""
        return self.policies.current

    def _access_token(self, signed: accounts.SignedIn) -> str:
        return self.keys.sign(
            domain.access_token_claims(
                signed.user.user_id,
                signed.user.username,
                signed.user.roles,
                signed.permissions,
                signed.session_id,
                int(time.time()),
                self.policy.access_token_seconds,
            )
        )

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, "SessionService", method)

    async def Login(
        self, request: pb.LoginRequest, context: grpc.aio.ServicerContext
    ) -> pb.LoginResponse:
        check = Validator()
        check.require(bool(request.username), "username", "enter the user name")
        check.require(bool(request.password), "password", "enter the password")
        check.require(len(request.username) <= 64, "username", "at most 64 characters")
        check.require(len(request.password) <= 256, "password", "at most 256 characters")
        check.check()
        facts = self._facts(context, "Login")
        outcome = await self.uow.run(
            lambda s: accounts.login(
                s,
                request.username,
                request.password,
                request.totp_code.strip(),
                facts,
                self.policy,
                self.box,
                utcnow(),
            )
        )
        if outcome.error is not None:
            raise outcome.error
        signed = outcome.signed_in
        assert signed is not None
        log.info("signed in", extra={"user": signed.user.username})
        return pb.LoginResponse(
            access_token=self._access_token(signed),
            token_type="Bearer",  # noqa: S106 - a scheme name, not a secret
            expires_in=self.policy.access_token_seconds,
            user=user_message(signed.user, signed.roles, self.policy),
            refresh_token=signed.refresh_token,
            refresh_expires_in=self.policy.session_idle_minutes * 60,
            session_id=signed.session_id,
            password_change_required=signed.password_change_required,
            totp_enrollment_required=signed.totp_enrollment_required,
        )

    async def RefreshSession(
        self, request: pb.RefreshSessionRequest, context: grpc.aio.ServicerContext
    ) -> pb.RefreshSessionResponse:
        check = Validator()
        check.require(
            0 < len(request.refresh_token) <= 256, "refresh_token", "the refresh token is required"
        )
        check.check()
        facts = self._facts(context, "RefreshSession")
        outcome = await self.uow.run(
            lambda s: accounts.refresh(s, request.refresh_token, facts, self.policy, utcnow())
        )
        await mark_ended(self.cache, outcome.ended_sessions, self.policy)
        if outcome.error is not None:
            raise outcome.error
        signed = outcome.signed_in
        assert signed is not None
        return pb.RefreshSessionResponse(
            access_token=self._access_token(signed),
            token_type="Bearer",  # noqa: S106 - a scheme name, not a secret
            expires_in=self.policy.access_token_seconds,
            refresh_token=signed.refresh_token,
            refresh_expires_in=self.policy.session_idle_minutes * 60,
        )

    async def Logout(
        self, request: pb.LogoutRequest, context: grpc.aio.ServicerContext
    ) -> pb.LogoutResponse:
        caller = signed_in_caller()
        if not caller.session_id:
            raise FailedPrecondition("this access token belongs to no session")
        facts = self._facts(context, "Logout")
        ended = await self.uow.run(
            lambda s: accounts.end_session(s, caller.session_id, "signed out", facts, utcnow())
        )
        await mark_ended(self.cache, ended, self.policy)
        log.info("signed out", extra={"user": caller.username})
        return pb.LogoutResponse()

    async def GetJwks(
        self, request: pb.GetJwksRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetJwksResponse:
        return pb.GetJwksResponse(keys=[pb.Jwk(**key) for key in self.keys.jwks()])

    async def GetCurrentUser(
        self, request: pb.GetCurrentUserRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCurrentUserResponse:
        caller = signed_in_caller()

        def work(session: Session) -> pb.User:
            row = accounts.own_account(session, caller.subject)
            return user_message(row, store.roles_by_code(session), self.policy)

        return pb.GetCurrentUserResponse(user=await self.uow.run(work))

    async def UpdateCurrentUser(
        self, request: pb.UpdateCurrentUserRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateCurrentUserResponse:
        caller = signed_in_caller()
        facts = self._facts(context, "UpdateCurrentUser")

        def work(session: Session) -> pb.User:
            row = accounts.own_account(session, caller.subject)
            spec = domain.UserSpec(
                display_name=request.display_name or row.display_name,
                roles=list(row.roles),
                kind=row.kind,
                email=request.email,
                phone=request.phone,
                organization=row.organization,
            )
            domain.validate_user(spec, set(row.roles), {row.kind}, prefix="").check()
            before = accounts.user_snapshot(row)
            row.display_name = spec.display_name.strip()
            row.email = spec.email
            row.phone = spec.phone
            stamp(row, row.username, created=False)
            accounts.record(
                session,
                facts,
                "identity.session.self",
                "user",
                row.user_id,
                "updated own contact details",
                before=before,
                after=accounts.user_snapshot(row),
                now=utcnow(),
                actor=row,
            )
            return user_message(row, store.roles_by_code(session), self.policy)

        return pb.UpdateCurrentUserResponse(user=await self.uow.run(work))

    async def ChangePassword(
        self, request: pb.ChangePasswordRequest, context: grpc.aio.ServicerContext
    ) -> pb.ChangePasswordResponse:
        check = Validator()
        check.require(bool(request.current_password), "current_password", "required")
        check.require(bool(request.new_password), "new_password", "required")
        check.require(len(request.new_password) <= 256, "new_password", "at most 256 characters")
        check.check()
        caller = signed_in_caller()
        facts = self._facts(context, "ChangePassword")
        signed = await self.uow.run(
            lambda s: accounts.change_password(
                s,
                caller.subject,
                caller.session_id,
                request.current_password,
                request.new_password,
                facts,
                self.policy,
                utcnow(),
            )
        )
        log.info("password changed", extra={"user": signed.user.username})
        return pb.ChangePasswordResponse(
            access_token=self._access_token(signed),
            expires_in=self.policy.access_token_seconds,
            password_expire_time=to_timestamp(
                domain.password_expire_time(store.password_changed_at(signed.user), self.policy)
            ),
        )

    async def StartTotpEnrollment(
        self, request: pb.StartTotpEnrollmentRequest, context: grpc.aio.ServicerContext
    ) -> pb.StartTotpEnrollmentResponse:
        check = Validator()
        check.require(bool(request.current_password), "current_password", "required")
        check.check()
        caller = signed_in_caller()
        facts = self._facts(context, "StartTotpEnrollment")
        secret, uri = await self.uow.run(
            lambda s: accounts.start_totp(
                s, caller.subject, request.current_password, self.box, facts, utcnow()
            )
        )
        return pb.StartTotpEnrollmentResponse(secret=secret, otpauth_uri=uri)

    async def ConfirmTotpEnrollment(
        self, request: pb.ConfirmTotpEnrollmentRequest, context: grpc.aio.ServicerContext
    ) -> pb.ConfirmTotpEnrollmentResponse:
        check = Validator()
        check.require(
            len(request.totp_code.strip()) == domain.TOTP_DIGITS
            and request.totp_code.strip().isdigit(),
            "totp_code",
            "the 6 digits the authenticator app shows",
        )
        check.check()
        caller = signed_in_caller()
        facts = self._facts(context, "ConfirmTotpEnrollment")
        codes = await self.uow.run(
            lambda s: accounts.confirm_totp(
                s, caller.subject, request.totp_code.strip(), self.box, facts, utcnow()
            )
        )
        return pb.ConfirmTotpEnrollmentResponse(recovery_codes=codes)

    async def DisableTotp(
        self, request: pb.DisableTotpRequest, context: grpc.aio.ServicerContext
    ) -> pb.DisableTotpResponse:
        check = Validator()
        check.require(bool(request.current_password), "current_password", "required")
        check.require(bool(request.totp_code.strip()), "totp_code", "required")
        check.check()
        caller = signed_in_caller()
        facts = self._facts(context, "DisableTotp")
        await self.uow.run(
            lambda s: accounts.disable_totp(
                s,
                caller.subject,
                request.current_password,
                request.totp_code.strip(),
                self.box,
                facts,
                utcnow(),
            )
        )
        return pb.DisableTotpResponse()

    async def ListSessions(
        self, request: pb.ListSessionsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListSessionsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        caller = signed_in_caller()

        def work(session: Session) -> tuple[list[pb.Session], int]:
            rows = store.live_sessions(session, request.user_id)
            now = utcnow()
            rows = [
                r
                for r in rows
                if not domain.session_idle_expired(as_utc(r.last_active_at), self.policy, now)
            ]
            names = store.usernames(session, {r.user_id for r in rows})
            return [
                pb.Session(
                    session_id=r.session_id,
                    user_id=r.user_id,
                    username=names.get(r.user_id, ""),
                    client_ip=r.client_ip,
                    user_agent=r.user_agent,
                    create_time=to_timestamp(r.created_at),
                    last_active_time=to_timestamp(r.last_active_at),
                    idle_expire_time=to_timestamp(
                        as_utc(r.last_active_at) + self.policy.idle_timeout
                    ),
                    current=r.session_id == caller.session_id,
                )
                for r in rows[offset : offset + limit]
            ], len(rows)

        sessions, total = await self.uow.run(work)
        return pb.ListSessionsResponse(
            sessions=sessions, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def RevokeSession(
        self, request: pb.RevokeSessionRequest, context: grpc.aio.ServicerContext
    ) -> pb.RevokeSessionResponse:
        check = Validator()
        check.require(bool(request.session_id), "session_id", "required")
        check.require(len(request.reason) <= 128, "reason", "at most 128 characters")
        check.check()
        facts = self._facts(context, "RevokeSession")
        ended = await self.uow.run(
            lambda s: accounts.end_session(
                s,
                request.session_id,
                request.reason or "revoked by an administrator",
                facts,
                utcnow(),
            )
        )
        await mark_ended(self.cache, ended, self.policy)
        return pb.RevokeSessionResponse()


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
            stamp(row, actor, created=True)
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
            stamp(row, actor, created=True)
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
