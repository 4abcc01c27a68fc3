"""Sign-in security: lockout, refresh rotation, idle timeout, real logout, TOTP."""

from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import parse_qs, urlparse

import grpc

from services.identity import domain
from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    bearer,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    move_back,
    refused,
    roles,
    sessions,
    signed_up,
    users,
    uses_redis,
    violations,
)
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import roles_pb2 as rp
from wailian.identity.v1 import users_pb2 as up
from wailian.registry.v1 import catalog_pb2, catalog_pb2_grpc


def test_five_wrong_passwords_lock_the_account_for_fifteen_minutes(identity) -> None:
    signed_up(identity, "qian.bo", ["read_only"])
    for _ in range(5):
        wrong = refused(login, identity, "qian.bo", "Wrong-pass-1")
        assert wrong.details() == "wrong user name or password"
    locked = refused(login, identity, "qian.bo", GOOD_PASSWORD)
    assert locked.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "locked" in (locked.details() or "")
    listed = users(identity).ListUsers(
        up.ListUsersRequest(status=up.USER_STATUS_FILTER_LOCKED), metadata=admin(identity)
    )
    assert [u.username for u in listed.users] == ["qian.bo"]
    user = listed.users[0]
    assert user.lock_expire_time.seconds - time.time() > 14 * 60

    # Fifteen minutes later the lock has lapsed by itself.
    move_back(identity, "users", "locked_until", "user_id", user.user_id, timedelta(minutes=15))
    assert login(identity, "qian.bo", GOOD_PASSWORD).user.username == "qian.bo"

    # Locked again, an administrator lifts the lock at once.
    for _ in range(5):
        refused(login, identity, "qian.bo", "Wrong-pass-1")
    assert "locked" in (refused(login, identity, "qian.bo", GOOD_PASSWORD).details() or "")
    users(identity).UnlockUser(up.UnlockUserRequest(user_id=user.user_id), metadata=admin(identity))
    assert login(identity, "qian.bo", GOOD_PASSWORD).user.username == "qian.bo"


def test_refresh_tokens_rotate_and_a_replayed_one_ends_the_session(identity) -> None:
    first = login(identity, "admin", "Wailian@2026")
    refresh = sessions(identity).RefreshSession
    second = refresh(idp.RefreshSessionRequest(refresh_token=first.refresh_token))
    assert second.refresh_token != first.refresh_token
    assert second.expires_in == 900 and second.refresh_expires_in == 30 * 60
    me = sessions(identity).GetCurrentUser(
        idp.GetCurrentUserRequest(), metadata=bearer(second.access_token)
    )
    assert me.user.username == "admin"

    replayed = refused(refresh, idp.RefreshSessionRequest(refresh_token=first.refresh_token))
    assert replayed.code() == grpc.StatusCode.UNAUTHENTICATED
    # The replay means the token leaked: the whole session is over, the newest token too.
    newest = refused(refresh, idp.RefreshSessionRequest(refresh_token=second.refresh_token))
    assert newest.code() == grpc.StatusCode.UNAUTHENTICATED
    ended = refused(
        sessions(identity).GetCurrentUser,
        idp.GetCurrentUserRequest(),
        metadata=bearer(second.access_token),
    )
    assert ended.code() == grpc.StatusCode.UNAUTHENTICATED
    bad = refused(refresh, idp.RefreshSessionRequest())
    assert set(violations(bad)) == {"refresh_token"}


def test_a_session_idle_for_thirty_minutes_cannot_be_refreshed(identity) -> None:
    signed_in = login(identity, "admin", "Wailian@2026")
    refresh = sessions(identity).RefreshSession
    move_back(
        identity,
        "sessions",
        "last_active_at",
        "session_id",
        signed_in.session_id,
        timedelta(minutes=29),
    )
    kept = refresh(idp.RefreshSessionRequest(refresh_token=signed_in.refresh_token))
    move_back(
        identity,
        "sessions",
        "last_active_at",
        "session_id",
        signed_in.session_id,
        timedelta(minutes=30),
    )
    idle = refused(refresh, idp.RefreshSessionRequest(refresh_token=kept.refresh_token))
    assert idle.code() == grpc.StatusCode.UNAUTHENTICATED
    listed = sessions(identity).ListSessions(idp.ListSessionsRequest(), metadata=admin(identity))
    assert signed_in.session_id not in [s.session_id for s in listed.sessions]


def test_logout_ends_the_session_for_identity_and_with_redis_for_every_service(identity) -> None:
    signed_in = login(identity, "admin", "Wailian@2026")
    token = bearer(signed_in.access_token)
    catalog = catalog_pb2_grpc.CatalogServiceStub(identity.channel("registry"))
    catalog.ListApiServices(catalog_pb2.ListApiServicesRequest(), metadata=token)
    listed = sessions(identity).ListSessions(idp.ListSessionsRequest(), metadata=token)
    assert [s.current for s in listed.sessions if s.session_id == signed_in.session_id] == [True]

    sessions(identity).Logout(idp.LogoutRequest(), metadata=token)
    after = refused(sessions(identity).GetCurrentUser, idp.GetCurrentUserRequest(), metadata=token)
    assert after.code() == grpc.StatusCode.UNAUTHENTICATED
    refresh = refused(
        sessions(identity).RefreshSession,
        idp.RefreshSessionRequest(refresh_token=signed_in.refresh_token),
    )
    assert refresh.code() == grpc.StatusCode.UNAUTHENTICATED
    if uses_redis(identity):
        # The shared cache tells registry too, without registry asking identity.
        elsewhere = refused(
            catalog.ListApiServices, catalog_pb2.ListApiServicesRequest(), metadata=token
        )
        assert elsewhere.code() == grpc.StatusCode.UNAUTHENTICATED


def test_an_administrator_signs_a_user_out_everywhere(identity) -> None:
    mine = signed_up(identity, "feng.yu", ["read_only"])
    elsewhere = login(identity, "feng.yu", GOOD_PASSWORD)
    revoked = users(identity).RevokeUserSessions(
        up.RevokeUserSessionsRequest(user_id=elsewhere.user.user_id), metadata=admin(identity)
    )
    assert revoked.revoked_sessions == 2
    for token in (mine, bearer(elsewhere.access_token)):
        gone = refused(
            sessions(identity).GetCurrentUser, idp.GetCurrentUserRequest(), metadata=token
        )
        assert gone.code() == grpc.StatusCode.UNAUTHENTICATED


def _fresh_code(secret: str, offset: int = 0) -> str:
    return domain.totp_code(secret, time.time() + offset)


def test_two_factor_enrolment_sign_in_and_no_code_reuse(identity) -> None:
    token = signed_up(identity, "tang.wei", ["read_only"])
    stub = sessions(identity)
    wrong = refused(
        stub.StartTotpEnrollment,
        idp.StartTotpEnrollmentRequest(current_password="Not-my-pass-1"),
        metadata=token,
    )
    assert set(violations(wrong)) == {"current_password"}
    started = stub.StartTotpEnrollment(
        idp.StartTotpEnrollmentRequest(current_password=GOOD_PASSWORD), metadata=token
    )
    uri = urlparse(started.otpauth_uri)
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert parse_qs(uri.query)["secret"] == [started.secret]
    assert refused(
        stub.ConfirmTotpEnrollment, idp.ConfirmTotpEnrollmentRequest(totp_code="12"), metadata=token
    ).code() == (grpc.StatusCode.INVALID_ARGUMENT)
    confirmed = stub.ConfirmTotpEnrollment(
        idp.ConfirmTotpEnrollmentRequest(totp_code=_fresh_code(started.secret)), metadata=token
    )
    assert len(confirmed.recovery_codes) == 8

    needs = refused(login, identity, "tang.wei", GOOD_PASSWORD)
    assert needs.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(needs)) == {"totp_code"}
    # The enrolment used the current step; the next step's code signs in (±1 step window) ...
    code = _fresh_code(started.secret, 30)
    assert login(identity, "tang.wei", GOOD_PASSWORD, code).user.totp_enabled
    # ... once.
    again = refused(login, identity, "tang.wei", GOOD_PASSWORD, code)
    assert again.code() == grpc.StatusCode.UNAUTHENTICATED
    # A recovery code works exactly once.
    recovery = confirmed.recovery_codes[0]
    login(identity, "tang.wei", GOOD_PASSWORD, recovery)
    assert refused(login, identity, "tang.wei", GOOD_PASSWORD, recovery).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )


def test_a_role_that_requires_two_factors_forces_enrolment(identity) -> None:
    role = (
        roles(identity)
        .CreateRole(
            rp.CreateRoleRequest(
                role=rp.Role(
                    code="cashier",
                    name="收费员",
                    permissions=["payment.order.read", "identity.session.self"],
                    require_totp=True,
                )
            ),
            metadata=admin(identity),
        )
        .role
    )
    assert role.require_totp
    token = signed_up(identity, "xu.qing", ["cashier"])
    me = sessions(identity).GetCurrentUser(idp.GetCurrentUserRequest(), metadata=token).user
    assert not me.totp_enabled
    signed_in = login(identity, "xu.qing", GOOD_PASSWORD)
    assert signed_in.totp_enrollment_required
    assert not signed_in.password_change_required
    started = sessions(identity).StartTotpEnrollment(
        idp.StartTotpEnrollmentRequest(current_password=GOOD_PASSWORD),
        metadata=bearer(signed_in.access_token),
    )
    sessions(identity).ConfirmTotpEnrollment(
        idp.ConfirmTotpEnrollmentRequest(totp_code=_fresh_code(started.secret)),
        metadata=bearer(signed_in.access_token),
    )
    # Enrolled: the next refresh carries the role's permissions.
    refreshed = sessions(identity).RefreshSession(
        idp.RefreshSessionRequest(refresh_token=signed_in.refresh_token)
    )
    claims_user = sessions(identity).GetCurrentUser(
        idp.GetCurrentUserRequest(), metadata=bearer(refreshed.access_token)
    )
    assert claims_user.user.totp_enabled
    # The role requires it, so the user cannot turn it off.
    off = refused(
        sessions(identity).DisableTotp,
        idp.DisableTotpRequest(current_password=GOOD_PASSWORD, totp_code="000000"),
        metadata=bearer(refreshed.access_token),
    )
    assert off.code() == grpc.StatusCode.FAILED_PRECONDITION
