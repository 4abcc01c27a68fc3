"""Identity's use cases for staff accounts, sessions, roles and the audit trail.

Each function runs inside the caller's unit of work: it reads and writes through `store`,
applies the rules of `domain`, appends the audit record, and never commits. A refused login
still has effects to keep (the failure count, the audit record), so login and refresh return
their refusal instead of raising it; the servicer raises it after the commit.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from argon2.exceptions import VerificationError
from sqlalchemy.orm import Session

from services.identity import domain, store
from services.identity.models import ChannelRow, CredentialRow, RoleRow, SessionRow, UserRow
from services.runtime.audited import stamp
from services.runtime.clock import as_utc
from services.runtime.crypto import SecretBox
from services.runtime.errors import (
    DomainError,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
)

# A fixed hash to verify against when the user does not exist, so timing does not reveal names.
_DUMMY_HASH = store.hasher.hash("not-a-password-Aa1!")
LOGIN_ACTION = "identity.session.login"


@dataclass(frozen=True)
class RequestFacts:
    """Who asks and from where, for the audit trail."""

    method: str
    actor_id: str = ""
    actor_name: str = ""
    actor_kind: int = domain.ACTOR_ANONYMOUS
    client_ip: str = ""
    user_agent: str = ""
    request_id: str = ""
    trace_id: str = ""


def record(
    session: Session,
    facts: RequestFacts,
    action: str,
    resource_type: str,
    resource_id: str,
    summary: str,
    *,
    result: int = domain.RESULT_SUCCESS,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    error: DomainError | None = None,
    now: datetime,
    actor: UserRow | None = None,
) -> None:
    """Append one audit record in the current transaction."""
    store.append_audit(
        session,
        {
            "event_time": now,
            "actor_kind": domain.ACTOR_USER if actor is not None else facts.actor_kind,
            "actor_id": actor.user_id if actor is not None else facts.actor_id,
            "actor_name": (actor.username if actor is not None else facts.actor_name)[:64],
            "client_ip": facts.client_ip[:64],
            "user_agent": facts.user_agent[:256],
            "service": "identity",
            "method": facts.method,
            "action": action,
            "resource_type": resource_type,
            "resource_id": resource_id,
            "result": result,
            "before_json": _json(before),
            "after_json": _json(after),
            "status_code": "" if error is None else type(error).__name__,
            "status_message": "" if error is None else str(error)[:512],
            "request_id": facts.request_id[:64],
            "trace_id": facts.trace_id[:64],
            "summary": summary[:256],
        },
    )


def _json(snapshot: Mapping[str, Any] | None) -> str:
    if snapshot is None:
        return ""
    return json.dumps(domain.masked(snapshot), ensure_ascii=False, sort_keys=True, default=str)


def user_snapshot(row: UserRow) -> dict[str, Any]:
    return {
        "username": row.username,
        "display_name": row.display_name,
        "roles": list(row.roles),
        "kind": row.kind,
        "email": row.email,
        "phone": row.phone,
        "organization": row.organization,
        "disabled": row.disabled,
        "deleted": row.deleted,
        "locked_until": row.locked_until,
        "totp_enabled": row.totp_secret is not None,
    }


def channel_snapshot(row: ChannelRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "type": row.type,
        "status": row.status,
        "owner": row.owner,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "contact_email": row.contact_email,
        "ip_allow_list": list(row.ip_allow_list),
        "rate_limit_per_second": row.rate_limit_per_second,
        "daily_quota": row.daily_quota,
        "description": row.description,
        "sandbox": row.sandbox,
        "disabled_reason": row.disabled_reason,
        "deleted": row.deleted,
    }


def credential_snapshot(row: CredentialRow) -> dict[str, Any]:
    """What the audit trail keeps of a credential: never its secret, sealed or not."""
    return {
        "channel_id": row.channel_id,
        "kind": row.kind,
        "client_id": row.client_id,
        "expire_at": row.expire_at,
        "revoked": row.revoked,
        "revoke_reason": row.revoke_reason,
        "rotated_from_credential_id": row.rotated_from_credential_id,
        "description": row.description,
    }


def role_snapshot(row: RoleRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "description": row.description,
        "permissions": list(row.permissions),
        "require_totp": row.require_totp,
    }


class Policies:
    """The effective security policy: start-up defaults, overridden by stored settings."""

    def __init__(self, base: domain.SecurityPolicy) -> None:
        self.base = base
        self.current = base

    def load(self, session: Session) -> None:
        self.current = domain.policy_with_settings(self.base, store.setting_values(session))


# --- sign-in, refresh, sign-out -----------------------------------------------------------------


@dataclass
class SignedIn:
    """An opened or refreshed session: what the access token must say."""

    user: UserRow
    roles: dict[str, RoleRow]
    session_id: str
    refresh_token: str
    permissions: list[str]
    password_change_required: bool
    totp_enrollment_required: bool


@dataclass
class Outcome:
    signed_in: SignedIn | None = None
    error: DomainError | None = None
    # Sessions ended by this call, to be marked in the shared cache after the commit.
    ended_sessions: list[str] = field(default_factory=list)


def _session_permissions(
    user: UserRow, roles: dict[str, RoleRow], policy: domain.SecurityPolicy, now: datetime
) -> tuple[list[str], bool, bool]:
    change = domain.password_change_required(
        user.must_change_password, store.password_changed_at(user), policy, now
    )
    enrol = store.totp_required(roles, user.roles) and user.totp_secret is None
    if change or enrol:
        return [domain.SELF_SERVICE_PERMISSION], change, enrol
    return store.permissions_of(roles, user.roles), False, False


def _second_factor(user: UserRow, code: str, box: SecretBox, now: datetime) -> DomainError | None:
    """None when the TOTP code (or an unused recovery code) is right; the code is consumed."""
    if user.totp_secret is None:
        return None
    if not code:
        return InvalidArgument(
            [FieldViolation("totp_code", "enter the 6-digit code from your authenticator app")]
        )
    secret = box.open(user.totp_secret, f"users:{user.user_id}:totp").decode()
    step = domain.verify_totp(secret, code, now.timestamp(), user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        return None
    hashed = domain.token_hash(code.strip().lower())
    if hashed in user.totp_recovery_hashes:
        user.totp_recovery_hashes = [h for h in user.totp_recovery_hashes if h != hashed]
        return None
    return Unauthenticated("wrong or already used two-factor code")


def login(
    session: Session,
    username: str,
    password: str,
    totp_code: str,
    facts: RequestFacts,
    policy: domain.SecurityPolicy,
    box: SecretBox,
    now: datetime,
) -> Outcome:
    """Check the password, the lockout and the second factor; open a session."""
    facts = replace(facts, actor_name=username[:64])
    user = store.user_by_name(session, username)
    wrong = Unauthenticated("wrong user name or password")

    def refuse(error: DomainError, why: str, actor: UserRow | None = None) -> Outcome:
        record(
            session,
            facts,
            LOGIN_ACTION,
            "user",
            actor.user_id if actor else "",
            f"sign-in refused: {why}",
            result=domain.RESULT_FAILURE,
            error=error,
            now=now,
            actor=actor,
        )
        return Outcome(error=error)

    if user is None or user.deleted:
        with contextlib.suppress(VerificationError):
            store.hasher.verify(_DUMMY_HASH, password)
        return refuse(wrong, "unknown user")
    if domain.is_locked(user.locked_until and as_utc(user.locked_until), now):
        return refuse(
            Unauthenticated(
                "the account is locked after too many failed sign-ins: try again later "
                "or ask an administrator to unlock it"
            ),
            "account locked",
            user,
        )
    try:
        store.hasher.verify(user.password_hash, password)
    except VerificationError:
        lockout = domain.after_failed_login(user.failed_logins, policy, now)
        user.failed_logins = lockout.failed_logins
        if lockout.locked_until is not None:
            user.locked_until = lockout.locked_until
        why = "wrong password" + (", account locked" if lockout.locked_until else "")
        return refuse(wrong, why, user)
    if user.disabled:
        return refuse(Unauthenticated("the account is disabled"), "account disabled", user)
    second = _second_factor(user, totp_code, box, now)
    if second is not None:
        if isinstance(second, Unauthenticated):
            lockout = domain.after_failed_login(user.failed_logins, policy, now)
            user.failed_logins = lockout.failed_logins
            if lockout.locked_until is not None:
                user.locked_until = lockout.locked_until
        return refuse(second, "second factor missing or wrong", user)

    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    roles = store.roles_by_code(session)
    permissions, change, enrol = _session_permissions(user, roles, policy, now)
    row = SessionRow(
        session_id=store.new_id(),
        user_id=user.user_id,
        refresh_hash="",
        previous_refresh_hash="",
        client_ip=facts.client_ip[:64],
        user_agent=facts.user_agent[:256],
        restricted=change or enrol,
        created_at=now,
        last_active_at=now,
        revoked_at=None,
        revoke_reason="",
    )
    refresh_token = domain.new_refresh_token(row.session_id)
    row.refresh_hash = domain.token_hash(refresh_token)
    session.add(row)
    record(
        session, facts, LOGIN_ACTION, "session", row.session_id, "signed in", now=now, actor=user
    )
    return Outcome(SignedIn(user, roles, row.session_id, refresh_token, permissions, change, enrol))


def refresh(
    session: Session,
    refresh_token: str,
    facts: RequestFacts,
    policy: domain.SecurityPolicy,
    now: datetime,
) -> Outcome:
    """Rotate a refresh token. A used one ends the session (it was stolen or replayed)."""
    expired = Unauthenticated("the session has ended: sign in again")
    row = session.get(SessionRow, domain.refresh_token_session(refresh_token))
    if row is None or row.revoked_at is not None:
        return Outcome(error=expired)
    presented = domain.token_hash(refresh_token)
    user = session.get(UserRow, row.user_id)
    assert user is not None

    def end(reason: str) -> Outcome:
        store.revoke_sessions(session, [row], reason)
        record(
            session,
            facts,
            "identity.session.refresh",
            "session",
            row.session_id,
            f"session ended: {reason}",
            result=domain.RESULT_DENIED,
            error=expired,
            now=now,
            actor=user,
        )
        return Outcome(error=expired, ended_sessions=[row.session_id])

    if row.previous_refresh_hash and presented == row.previous_refresh_hash:
        return end("a used refresh token was presented again")
    if presented != row.refresh_hash:
        return Outcome(error=expired)
    if domain.session_idle_expired(as_utc(row.last_active_at), policy, now):
        return end("idle timeout")
    if user.disabled or user.deleted:
        return end("account disabled")
    roles = store.roles_by_code(session)
    permissions, change, enrol = _session_permissions(user, roles, policy, now)
    new_token = domain.new_refresh_token(row.session_id)
    row.previous_refresh_hash = row.refresh_hash
    row.refresh_hash = domain.token_hash(new_token)
    row.last_active_at = now
    row.restricted = change or enrol
    return Outcome(SignedIn(user, roles, row.session_id, new_token, permissions, change, enrol))


def end_session(
    session: Session, session_id: str, reason: str, facts: RequestFacts, now: datetime
) -> list[str]:
    row = session.get(SessionRow, session_id)
    if row is None:
        raise NotFound(f"no session {session_id}")
    if row.revoked_at is not None:
        return []
    store.revoke_sessions(session, [row], reason)
    record(
        session,
        facts,
        "identity.session.revoke" if reason != "signed out" else "identity.session.logout",
        "session",
        session_id,
        f"session ended: {reason}",
        now=now,
    )
    return [session_id]


def end_user_sessions(session: Session, user_id: str, reason: str) -> list[str]:
    return store.revoke_sessions(session, store.live_sessions(session, user_id), reason)


# --- one's own account --------------------------------------------------------------------------


def own_account(session: Session, user_id: str) -> UserRow:
    row = store.live_user(session, user_id)
    if row is None or row.disabled:
        raise Unauthenticated("this account no longer exists or is disabled")
    return row


def _check_password(row: UserRow, password: str, field_name: str) -> None:
    try:
        store.hasher.verify(row.password_hash, password)
    except VerificationError:
        raise InvalidArgument(
            [FieldViolation(field_name, "is not your current password")]
        ) from None


def validate_new_password(
    row: UserRow | None, password: str, policy: domain.SecurityPolicy, field_name: str
) -> None:
    problems = domain.password_problems(password)
    if (
        row is not None
        and not problems
        and store.password_reused(row, password, policy.password_history)
    ):
        problems.append(f"must differ from your last {policy.password_history} passwords")
    if problems:
        raise InvalidArgument([FieldViolation(field_name, "; ".join(problems))])


def change_password(
    session: Session,
    user_id: str,
    session_id: str,
    current: str,
    new: str,
    facts: RequestFacts,
    policy: domain.SecurityPolicy,
    now: datetime,
) -> SignedIn:
    row = own_account(session, user_id)
    _check_password(row, current, "current_password")
    validate_new_password(row, new, policy, "new_password")
    store.set_password(row, new, policy.password_history, must_change=False, now=now)
    stamp(row, row.username, created=False)
    roles = store.roles_by_code(session)
    permissions, change, enrol = _session_permissions(row, roles, policy, now)
    current_session = session.get(SessionRow, session_id) if session_id else None
    if current_session is not None:
        current_session.restricted = change or enrol
    record(
        session,
        facts,
        "identity.session.self",
        "user",
        row.user_id,
        "changed own password",
        now=now,
        actor=row,
    )
    return SignedIn(row, roles, session_id, "", permissions, change, enrol)


def start_totp(
    session: Session,
    user_id: str,
    password: str,
    box: SecretBox,
    facts: RequestFacts,
    now: datetime,
) -> tuple[str, str]:
    row = own_account(session, user_id)
    _check_password(row, password, "current_password")
    secret = domain.new_totp_secret()
    row.totp_pending_secret = box.seal(secret.encode(), f"users:{row.user_id}:totp-pending")
    record(
        session,
        facts,
        "identity.session.self",
        "user",
        row.user_id,
        "started two-factor enrolment",
        now=now,
        actor=row,
    )
    return secret, domain.otpauth_uri(secret, row.username)


def confirm_totp(
    session: Session, user_id: str, code: str, box: SecretBox, facts: RequestFacts, now: datetime
) -> list[str]:
    row = own_account(session, user_id)
    if row.totp_pending_secret is None:
        raise FailedPrecondition("start the enrolment first", subject=row.username)
    secret = box.open(row.totp_pending_secret, f"users:{row.user_id}:totp-pending").decode()
    step = domain.verify_totp(secret, code, now.timestamp(), 0)
    if step is None:
        raise InvalidArgument(
            [FieldViolation("totp_code", "does not match: check the device's clock")]
        )
    codes = domain.new_recovery_codes()
    row.totp_secret = box.seal(secret.encode(), f"users:{row.user_id}:totp")
    row.totp_pending_secret = None
    row.totp_last_step = step
    row.totp_recovery_hashes = [domain.token_hash(c) for c in codes]
    record(
        session,
        facts,
        "identity.session.self",
        "user",
        row.user_id,
        "turned two-factor sign-in on",
        now=now,
        actor=row,
    )
    return codes


def disable_totp(
    session: Session,
    user_id: str,
    password: str,
    code: str,
    box: SecretBox,
    facts: RequestFacts,
    now: datetime,
) -> None:
    row = own_account(session, user_id)
    _check_password(row, password, "current_password")
    if row.totp_secret is None:
        raise FailedPrecondition("two-factor sign-in is not on", subject=row.username)
    if store.totp_required(store.roles_by_code(session), row.roles):
        raise FailedPrecondition(
            "a role you hold requires two-factor sign-in", subject=row.username, kind="POLICY"
        )
    error = _second_factor(row, code, box, now)
    if error is not None:
        raise InvalidArgument([FieldViolation("totp_code", str(error))])
    row.totp_secret = None
    row.totp_recovery_hashes = []
    record(
        session,
        facts,
        "identity.session.self",
        "user",
        row.user_id,
        "turned two-factor sign-in off",
        now=now,
        actor=row,
    )


def guard_not_self(caller_id: str, user_id: str, what: str) -> None:
    if caller_id == user_id:
        raise PermissionDenied(f"you cannot {what} your own account")
