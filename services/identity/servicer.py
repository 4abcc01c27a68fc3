"""Identity's gRPC servicers: translate messages and statuses; the unit of work owns each write."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

import grpc
from google.api import httpbody_pb2
from sqlalchemy.orm import Session

from services.identity import accounts, ca, domain, store
from services.identity.accounts import RequestFacts
from services.identity.models import (
    ChannelRow,
    ChannelVendorRow,
    CredentialRow,
    RoleRow,
    UserRow,
)
from services.identity.oauth2 import ChannelTokens, OAuthError, token_parameters
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
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
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
        contact_email=row.contact_email,
        ip_allow_list=row.ip_allow_list,
        rate_limit_per_second=row.rate_limit_per_second,
        daily_quota=row.daily_quota,
        description=row.description,
        sandbox=row.sandbox,
        disabled_reason=row.disabled_reason,
        vendor_user_ids=row.vendor_user_ids,
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
        revoke_time=to_timestamp(row.revoked_at),
        revoke_reason=row.revoke_reason,
        rotated_from_credential_id=row.rotated_from_credential_id,
        description=row.description,
        certificate_fingerprint=row.certificate_fingerprint,
        certificate_subject=ca.subject(row.certificate_pem) if row.certificate_pem else "",
        audit=audit_info(row),
        last_used_time=to_timestamp(row.last_used_at),
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
                kind=signed.user.kind,
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


_CHANNEL_TYPES = {
    value for value in pb.ChannelType.values() if value != pb.CHANNEL_TYPE_UNSPECIFIED
}
# Kinds whose secret identity issues and keeps sealed; mutual TLS needs the certificate authority.


def _channel_spec(given: pb.Channel) -> domain.ChannelSpec:
    return domain.ChannelSpec(
        code=given.code,
        name=given.name,
        type=given.type,
        owner=given.owner,
        contact_name=given.contact_name,
        contact_phone=given.contact_phone,
        ip_allow_list=list(given.ip_allow_list),
        rate_limit_per_second=given.rate_limit_per_second,
        daily_quota=given.daily_quota,
        contact_email=given.contact_email,
        description=given.description,
        vendor_user_ids=list(given.vendor_user_ids),
        sandbox=given.sandbox,
    )


def _with_vendors(row: ChannelRow) -> ChannelRow:
    """The row with its vendors loaded while the session is open (the reply names them)."""
    row.vendor_user_ids  # noqa: B018 - loads the collection
    return row


def _check_vendors(session: Session, user_ids: list[str]) -> None:
    """A channel's vendors are developer-center accounts that exist."""
    known = store.developer_ids(session, user_ids)
    unknown = [user_id for user_id in user_ids if user_id not in known]
    if unknown:
        raise InvalidArgument(
            [
                FieldViolation(
                    "channel.vendor_user_ids", f"not developer accounts: {', '.join(unknown)}"
                )
            ]
        )


def _apply_channel_spec(row: ChannelRow, spec: domain.ChannelSpec) -> None:
    row.name = spec.name.strip()
    row.type = spec.type
    row.owner = spec.owner
    row.contact_name = spec.contact_name
    row.contact_phone = spec.contact_phone
    row.contact_email = spec.contact_email
    row.ip_allow_list = list(spec.ip_allow_list)
    row.rate_limit_per_second = spec.rate_limit_per_second
    row.daily_quota = spec.daily_quota
    row.description = spec.description
    row.sandbox = spec.sandbox
    if row.vendor_user_ids != sorted(set(spec.vendor_user_ids)):
        row.vendors = [
            ChannelVendorRow(user_id=user_id) for user_id in sorted(set(spec.vendor_user_ids))
        ]


def _validate_credential_request(channel_id: str, valid_days: int) -> Validator:
    check = Validator()
    check.require(0 < len(channel_id) <= 64, "channel_id", "required")
    check.require(
        0 <= valid_days <= domain.MAX_CREDENTIAL_DAYS,
        "valid_days",
        f"0 (meaning {domain.DEFAULT_CREDENTIAL_DAYS}) to {domain.MAX_CREDENTIAL_DAYS}",
    )
    return check


class ChannelServicer(pb_grpc.ChannelServiceServicer):
    """Channels and their credentials. Every write that changes what the edge enforces moves
    the edge auth revision forward in the same transaction."""

    def __init__(self, uow: UnitOfWork, box: SecretBox) -> None:
        self.uow = uow
        self.box = box

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, "ChannelService", method)

    def _sealed(self, secret: str, credential_id: str) -> bytes:
        return self.box.seal(secret.encode(), domain.credential_seal_context(credential_id))

    async def _change_channel(
        self,
        context: grpc.aio.ServicerContext,
        method: str,
        channel_id: str,
        action: str,
        summary: str,
        mutate: Callable[[Session, ChannelRow, datetime], None],
    ) -> ChannelRow:
        """Load a live channel and apply one change; when something changed, stamp it, record
        it and move the edge auth revision, all in one transaction."""
        required_id(channel_id, "channel_id")
        facts = self._facts(context, method)
        actor = actor_name()

        def work(session: Session) -> ChannelRow:
            row = visible_channel(session, channel_id)
            now = utcnow()
            before = accounts.channel_snapshot(row)
            mutate(session, row, now)
            after = accounts.channel_snapshot(row)
            if after != before:
                stamp(row, actor, created=False)
                store.bump_edge_revision(session, f"channel {row.code} {summary}", now)
                accounts.record(
                    session,
                    facts,
                    action,
                    "channel",
                    row.channel_id,
                    f"{summary} channel {row.code}",
                    before=before,
                    after=after,
                    now=now,
                )
            return _with_vendors(row)

        return await self.uow.run(work)

    async def CreateChannel(
        self, request: pb.CreateChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateChannelResponse:
        spec = _channel_spec(request.channel)
        domain.validate_channel(spec, _CHANNEL_TYPES)
        actor = actor_name()
        facts = self._facts(context, "CreateChannel")

        def work(session: Session) -> ChannelRow:
            existing = store.channel_by_code(session, spec.code)
            if existing is not None:
                raise AlreadyExists(
                    f"a channel with code {spec.code!r} exists already"
                    + (" (deleted: codes are never reused)" if existing.deleted else "")
                )
            _check_vendors(session, spec.vendor_user_ids)
            row = ChannelRow(
                channel_id=str(uuid.uuid4()),
                code=spec.code,
                status=pb.CHANNEL_STATUS_ACTIVE,
                disabled_reason="",
                deleted=False,
            )
            _apply_channel_spec(row, spec)
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            now = utcnow()
            store.bump_edge_revision(session, f"channel {row.code} created", now)
            accounts.record(
                session,
                facts,
                "identity.channel.write",
                "channel",
                row.channel_id,
                f"created channel {row.code}",
                after=accounts.channel_snapshot(row),
                now=now,
            )
            return _with_vendors(row)

        row = await self.uow.run(work)
        log.info("channel created", extra={"channel": row.code})
        return pb.CreateChannelResponse(channel=_channel_message(row))

    async def GetChannel(
        self, request: pb.GetChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetChannelResponse:
        required_id(request.channel_id, "channel_id")
        row = await self.uow.run(lambda session: visible_channel(session, request.channel_id))
        return pb.GetChannelResponse(channel=_channel_message(row))

    async def ListChannels(
        self, request: pb.ListChannelsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListChannelsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(len(request.query) <= 64, "query", "at most 64 characters")
        check.require(request.type in pb.ChannelType.values(), "type", "unknown channel type")
        check.require(request.status in pb.ChannelStatus.values(), "status", "unknown status")
        check.check()
        caller = current_caller()
        chosen = store.ChannelFilter(
            query=request.query.strip(),
            type=request.type,
            status=request.status,
            # A vendor lists its own channels, whatever it asks for.
            vendor_user_id=(
                caller.subject
                if caller is not None and caller.is_vendor
                else request.vendor_user_id
            ),
        )
        rows, total = await self.uow.run(lambda s: store.list_channels(s, chosen, offset, limit))
        return pb.ListChannelsResponse(
            channels=[_channel_message(row) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateChannel(
        self, request: pb.UpdateChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateChannelResponse:
        check = Validator()
        check.require(
            not request.channel.channel_id or request.channel.channel_id == request.channel_id,
            "channel.channel_id",
            "must match channel_id, or be left empty",
        )
        check.check()
        paths = mask_paths(request.update_mask, domain.CHANNEL_WRITABLE_FIELDS)
        given = _channel_spec(request.channel)

        def mutate(session: Session, row: ChannelRow, now: datetime) -> None:
            values = {name: getattr(row, name) for name in domain.CHANNEL_WRITABLE_FIELDS}
            values.update({path: getattr(given, path) for path in paths})
            spec = domain.ChannelSpec(code=row.code, **values)
            domain.validate_channel(spec, _CHANNEL_TYPES)
            if "vendor_user_ids" in paths:
                _check_vendors(session, spec.vendor_user_ids)
            _apply_channel_spec(row, spec)

        row = await self._change_channel(
            context,
            "UpdateChannel",
            request.channel_id,
            "identity.channel.write",
            "updated",
            mutate,
        )
        return pb.UpdateChannelResponse(channel=_channel_message(row))

    async def DeleteChannel(
        self, request: pb.DeleteChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteChannelResponse:
        def mutate(session: Session, row: ChannelRow, now: datetime) -> None:
            row.deleted = True
            for credential in store.credentials_of(session, row.channel_id):
                if not credential.revoked:
                    store.revoke_credential(credential, "channel deleted", now)
                    stamp(credential, actor_name(), created=False)

        row = await self._change_channel(
            context,
            "DeleteChannel",
            request.channel_id,
            "identity.channel.delete",
            "deleted",
            mutate,
        )
        log.info("channel deleted", extra={"channel": row.code})
        return pb.DeleteChannelResponse()

    async def EnableChannel(
        self, request: pb.EnableChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.EnableChannelResponse:
        def mutate(session: Session, row: ChannelRow, now: datetime) -> None:
            row.status = pb.CHANNEL_STATUS_ACTIVE
            row.disabled_reason = ""

        row = await self._change_channel(
            context,
            "EnableChannel",
            request.channel_id,
            "identity.channel.write",
            "enabled",
            mutate,
        )
        return pb.EnableChannelResponse(channel=_channel_message(row))

    async def DisableChannel(
        self, request: pb.DisableChannelRequest, context: grpc.aio.ServicerContext
    ) -> pb.DisableChannelResponse:
        reason = request.reason.strip()
        check = Validator()
        check.require(len(reason) <= 256, "reason", "at most 256 characters")
        check.check()

        def mutate(session: Session, row: ChannelRow, now: datetime) -> None:
            row.status = pb.CHANNEL_STATUS_DISABLED
            row.disabled_reason = reason

        row = await self._change_channel(
            context,
            "DisableChannel",
            request.channel_id,
            "identity.channel.write",
            "disabled",
            mutate,
        )
        log.info("channel disabled", extra={"channel": row.code})
        return pb.DisableChannelResponse(channel=_channel_message(row))

    async def CreateChannelCredential(
        self, request: pb.CreateChannelCredentialRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateChannelCredentialResponse:
        check = _validate_credential_request(request.channel_id, request.valid_days)
        check.require(
            request.kind in pb.CredentialKind.values()
            and request.kind != pb.CREDENTIAL_KIND_UNSPECIFIED,
            "kind",
            "choose a credential kind",
        )
        check.require(len(request.description) <= 256, "description", "at most 256 characters")
        check.check()
        mutual = request.kind == pb.CREDENTIAL_KIND_MUTUAL_TLS
        check = Validator()
        check.require(
            mutual or not request.certificate_signing_request,
            "certificate_signing_request",
            "only for mutual TLS credentials",
        )
        check.require(
            len(request.certificate_signing_request) <= 16_384,
            "certificate_signing_request",
            "at most 16 KiB",
        )
        check.check()
        secret = "" if mutual else domain.new_client_secret()
        actor = actor_name()
        facts = self._facts(context, "CreateChannelCredential")
        days = request.valid_days or domain.DEFAULT_CREDENTIAL_DAYS

        def work(session: Session) -> tuple[CredentialRow, ca.IssuedCertificate | None, str]:
            channel = visible_channel(session, request.channel_id)
            credential_id = str(uuid.uuid4())
            now = utcnow()
            row = CredentialRow(
                credential_id=credential_id,
                channel_id=channel.channel_id,
                kind=request.kind,
                client_id=domain.new_client_id(),
                sealed_secret=self._sealed(secret, credential_id),
                expire_at=now + timedelta(days=days),
                revoked=False,
                revoke_reason="",
                rotated_from_credential_id="",
                description=request.description,
            )
            issued, authority_pem = (
                self._certify(session, channel, row, request.certificate_signing_request, now)
                if mutual
                else (None, "")
            )
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            store.bump_edge_revision(session, f"credential {row.client_id} issued", now)
            accounts.record(
                session,
                facts,
                "identity.credential.write",
                "channel_credential",
                row.credential_id,
                f"issued credential {row.client_id} of channel {channel.code}",
                after=accounts.credential_snapshot(row),
                now=now,
            )
            return row, issued, authority_pem

        row, issued, authority_pem = await self.uow.run(work)
        log.info("credential issued", extra={"client_id": row.client_id})
        if issued is None:
            return pb.CreateChannelCredentialResponse(
                credential=_credential_message(row), client_secret=secret
            )
        return pb.CreateChannelCredentialResponse(
            credential=_credential_message(row),
            client_certificate_pem=issued.certificate_pem,
            private_key_pem=issued.private_key_pem,
            ca_certificate_pem=authority_pem,
        )

    def _certify(
        self,
        session: Session,
        channel: ChannelRow,
        row: CredentialRow,
        csr_pem: str,
        now: datetime,
    ) -> tuple[ca.IssuedCertificate, str]:
        """Sign a client certificate for the credential row (from the channel's CSR, or with a
        key pair made here); the row takes its fingerprint and its expiry. Returns it and the
        CA certificate."""
        authority = store.certificate_authority(session, self.box)
        if authority is None:
            raise FailedPrecondition("identity has no certificate authority yet")
        try:
            issued = ca.issue_client_certificate(
                authority,
                channel_id=channel.channel_id,
                channel_code=channel.code,
                credential_id=row.credential_id,
                not_after=row.expire_at,
                now=now,
                csr_pem=csr_pem,
            )
        except ValueError as error:
            raise InvalidArgument(
                [FieldViolation("certificate_signing_request", str(error))]
            ) from None
        row.certificate_pem = issued.certificate_pem
        row.certificate_fingerprint = issued.fingerprint
        row.expire_at = issued.not_after
        return issued, authority.certificate_pem

    async def GetCertificateAuthority(
        self, request: pb.GetCertificateAuthorityRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCertificateAuthorityResponse:
        pem = await self.uow.run(store.certificate_authority_pem)
        if not pem:
            raise NotFound("identity has no certificate authority yet")
        return pb.GetCertificateAuthorityResponse(
            ca_certificate_pem=pem,
            subject=ca.subject(pem),
            fingerprint=ca.fingerprint(pem),
            expire_time=to_timestamp(ca.expiry(pem)),
        )

    async def ListChannelCredentials(
        self, request: pb.ListChannelCredentialsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListChannelCredentialsResponse:
        required_id(request.channel_id, "channel_id")

        def work(session: Session) -> list[CredentialRow]:
            visible_channel(session, request.channel_id)
            return store.credentials_of(session, request.channel_id)

        rows = await self.uow.run(work)
        return pb.ListChannelCredentialsResponse(credentials=[_credential_message(r) for r in rows])

    async def RotateChannelCredential(
        self, request: pb.RotateChannelCredentialRequest, context: grpc.aio.ServicerContext
    ) -> pb.RotateChannelCredentialResponse:
        check = _validate_credential_request(request.channel_id, request.valid_days)
        check.require(0 < len(request.credential_id) <= 64, "credential_id", "required")
        overlap = (
            request.overlap.ToTimedelta()
            if request.HasField("overlap")
            else domain.DEFAULT_ROTATION_OVERLAP
        )
        check.require(
            timedelta(0) <= overlap <= domain.MAX_ROTATION_OVERLAP,
            "overlap",
            f"0 to {domain.MAX_ROTATION_OVERLAP.days} days (24 hours when unset)",
        )
        check.require(
            len(request.certificate_signing_request) <= 16_384,
            "certificate_signing_request",
            "at most 16 KiB",
        )
        check.check()
        actor = actor_name()
        facts = self._facts(context, "RotateChannelCredential")
        days = request.valid_days or domain.DEFAULT_CREDENTIAL_DAYS

        def work(
            session: Session,
        ) -> tuple[CredentialRow, CredentialRow, str, ca.IssuedCertificate | None, str]:
            channel = visible_channel(session, request.channel_id)
            old = _credential(session, channel, request.credential_id)
            now = utcnow()
            mutual = old.kind == pb.CREDENTIAL_KIND_MUTUAL_TLS
            if request.certificate_signing_request and not mutual:
                raise InvalidArgument(
                    [
                        FieldViolation(
                            "certificate_signing_request", "only for mutual TLS credentials"
                        )
                    ]
                )
            if old.revoked:
                raise FailedPrecondition(
                    "a revoked credential cannot be rotated: issue a new one",
                    subject=old.credential_id,
                )
            if as_utc(old.expire_at) <= now:
                raise FailedPrecondition(
                    "the credential has expired: issue a new one", subject=old.credential_id
                )
            successor = store.successor_of(session, old.credential_id)
            if successor is not None:
                raise FailedPrecondition(
                    f"already rotated: rotate its successor {successor.credential_id}",
                    subject=old.credential_id,
                )
            before = accounts.credential_snapshot(old)
            credential_id = str(uuid.uuid4())
            # A certificate is rotated by a new one for the same channel; a secret by a new one.
            secret = "" if mutual else domain.new_client_secret()
            new = CredentialRow(
                credential_id=credential_id,
                channel_id=channel.channel_id,
                kind=old.kind,
                client_id=old.client_id,
                sealed_secret=self._sealed(secret, credential_id),
                expire_at=now + timedelta(days=days),
                revoked=False,
                revoke_reason="",
                rotated_from_credential_id=old.credential_id,
                description=old.description,
            )
            issued, authority_pem = (
                self._certify(session, channel, new, request.certificate_signing_request, now)
                if mutual
                else (None, "")
            )
            stamp(new, actor, created=True)
            session.add(new)
            old.expire_at = domain.overlap_expiry(as_utc(old.expire_at), now, overlap)
            stamp(old, actor, created=False)
            session.flush()
            store.bump_edge_revision(session, f"credential {old.client_id} rotated", now)
            accounts.record(
                session,
                facts,
                "identity.credential.write",
                "channel_credential",
                old.credential_id,
                f"rotated credential {old.client_id} of channel {channel.code}",
                before=before,
                after=accounts.credential_snapshot(old),
                now=now,
            )
            return new, old, secret, issued, authority_pem

        new, old, secret, issued, authority_pem = await self.uow.run(work)
        log.info("credential rotated", extra={"client_id": new.client_id})
        return pb.RotateChannelCredentialResponse(
            credential=_credential_message(new),
            client_secret=secret,
            client_certificate_pem=issued.certificate_pem if issued else "",
            private_key_pem=issued.private_key_pem if issued else "",
            ca_certificate_pem=authority_pem,
            previous_credential=_credential_message(old),
        )

    async def RevokeChannelCredential(
        self, request: pb.RevokeChannelCredentialRequest, context: grpc.aio.ServicerContext
    ) -> pb.RevokeChannelCredentialResponse:
        reason = request.reason.strip()
        check = Validator()
        check.require(0 < len(request.channel_id) <= 64, "channel_id", "required")
        check.require(0 < len(request.credential_id) <= 64, "credential_id", "required")
        check.require(len(reason) <= 128, "reason", "at most 128 characters")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "RevokeChannelCredential")

        def work(session: Session) -> CredentialRow:
            channel = visible_channel(session, request.channel_id)
            row = _credential(session, channel, request.credential_id)
            if row.revoked:
                return row  # a revoked credential never comes back: revoking again changes nothing
            now = utcnow()
            before = accounts.credential_snapshot(row)
            store.revoke_credential(row, reason or "revoked by an administrator", now)
            stamp(row, actor, created=False)
            store.bump_edge_revision(session, f"credential {row.client_id} revoked", now)
            accounts.record(
                session,
                facts,
                "identity.credential.write",
                "channel_credential",
                row.credential_id,
                f"revoked credential {row.client_id} of channel {channel.code}",
                before=before,
                after=accounts.credential_snapshot(row),
                now=now,
            )
            return row

        row = await self.uow.run(work)
        log.info("credential revoked", extra={"client_id": row.client_id})
        return pb.RevokeChannelCredentialResponse(credential=_credential_message(row))


def visible_channel(session: Session, channel_id: str) -> ChannelRow:
    """A channel that is not deleted and that the caller may see.

    A deleted one is gone for every caller; a vendor sees only the channels it is named on,
    and another vendor's channel is "not found" to it, as if it did not exist.
    """
    if not channel_id:
        raise InvalidArgument([FieldViolation("channel_id", "required")])
    row = store.live_channel(session, channel_id)
    caller = current_caller()
    if row is None or (
        caller is not None
        and caller.is_vendor
        and caller.subject not in {vendor.user_id for vendor in row.vendors}
    ):
        raise NotFound(f"no channel {channel_id}")
    return row


def _credential(session: Session, channel: ChannelRow, credential_id: str) -> CredentialRow:
    row = session.get(CredentialRow, credential_id)
    if row is None or row.channel_id != channel.channel_id:
        raise NotFound(f"no credential {credential_id} in channel {channel.code}")
    return row


class ChannelTokenServicer(pb_grpc.ChannelTokenServiceServicer):
    """The gRPC form of the token endpoint (the edge's is identity's HTTP route, oauth2.py)."""

    def __init__(self, tokens: ChannelTokens) -> None:
        self.tokens = tokens

    async def IssueChannelToken(
        self, request: pb.IssueChannelTokenRequest, context: grpc.aio.ServicerContext
    ) -> httpbody_pb2.HttpBody:
        metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
        try:
            fields = token_parameters(
                request.body.content_type, request.body.data, metadata.get("authorization", "")
            )
            payload = await self.tokens.issue(fields)
        except OAuthError as error:
            if error.status == 401:
                raise Unauthenticated(str(error)) from None
            if error.field:
                raise InvalidArgument([FieldViolation(error.field, str(error))]) from None
            raise FailedPrecondition(error.description) from None
        return httpbody_pb2.HttpBody(
            content_type="application/json", data=json.dumps(payload).encode()
        )
