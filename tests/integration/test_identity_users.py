"""Console accounts (module 11): lifecycle, password policy, history, expiry, forced change."""

from __future__ import annotations

import itertools
from datetime import timedelta

import grpc
from google.protobuf import field_mask_pb2

from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    bearer,
    create_user,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    move_back,
    refused,
    sessions,
    signed_up,
    users,
    violations,
)
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.identity.v1 import users_pb2 as up


def test_a_new_account_must_set_its_own_password_before_doing_anything(identity) -> None:
    user, temporary = create_user(identity, "wang.fang", ["operator"], email="wf@hospital.cn")
    assert temporary and user.password_change_required
    first = login(identity, "wang.fang", temporary)
    assert first.password_change_required
    restricted = bearer(first.access_token)
    channels = idg.ChannelServiceStub(identity.channel("identity"))
    denied = refused(channels.ListChannels, idp.ListChannelsRequest(), metadata=restricted)
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED

    change = sessions(identity).ChangePassword
    weak = refused(
        change,
        idp.ChangePasswordRequest(current_password=temporary, new_password="password"),
        metadata=restricted,
    )
    assert weak.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "3 kinds" in violations(weak)["new_password"]
    same = refused(
        change,
        idp.ChangePasswordRequest(current_password=temporary, new_password=temporary),
        metadata=restricted,
    )
    assert "last 5 passwords" in violations(same)["new_password"]
    wrong = refused(
        change,
        idp.ChangePasswordRequest(current_password="Not-it-123", new_password=GOOD_PASSWORD),
        metadata=restricted,
    )
    assert set(violations(wrong)) == {"current_password"}

    changed = change(
        idp.ChangePasswordRequest(current_password=temporary, new_password=GOOD_PASSWORD),
        metadata=restricted,
    )
    assert changed.password_expire_time.seconds > 0
    listed = channels.ListChannels(idp.ListChannelsRequest(), metadata=bearer(changed.access_token))
    assert listed.total_size == 0
    again = login(identity, "wang.fang", GOOD_PASSWORD)
    assert not again.password_change_required
    assert again.user.email == "wf@hospital.cn"
    assert "identity.channel.read" in again.user.permissions


def test_the_last_five_passwords_cannot_be_used_again(identity) -> None:
    _, temporary = create_user(identity, "li.na", ["read_only"])
    token = login(identity, "li.na", temporary).access_token
    passwords = [temporary] + [f"Clinic-{n}-Pass" for n in range(1, 6)]
    for current, new in itertools.pairwise(passwords):
        token = (
            sessions(identity)
            .ChangePassword(
                idp.ChangePasswordRequest(current_password=current, new_password=new),
                metadata=bearer(token),
            )
            .access_token
        )
    # history: Clinic-5 (current), 4, 3, 2, 1; the temporary one has dropped out.
    reuse = refused(
        sessions(identity).ChangePassword,
        idp.ChangePasswordRequest(current_password="Clinic-5-Pass", new_password="Clinic-1-Pass"),
        metadata=bearer(token),
    )
    assert "last 5 passwords" in violations(reuse)["new_password"]
    sessions(identity).ChangePassword(
        idp.ChangePasswordRequest(current_password="Clinic-5-Pass", new_password=temporary),
        metadata=bearer(token),
    )
    assert login(identity, "li.na", temporary).user.username == "li.na"


def test_a_password_older_than_the_policy_must_be_changed(identity) -> None:
    signed_up(identity, "zhao.lei", ["read_only"])
    user = login(identity, "zhao.lei", GOOD_PASSWORD).user
    assert not user.password_change_required
    move_back(identity, "users", "password_changed_at", "user_id", user.user_id, timedelta(days=91))
    expired = login(identity, "zhao.lei", GOOD_PASSWORD)
    assert expired.password_change_required
    assert expired.user.password_change_required
    listed = users(identity).ListUsers(
        up.ListUsersRequest(status=up.USER_STATUS_FILTER_PASSWORD_EXPIRED), metadata=admin(identity)
    )
    assert "zhao.lei" in [u.username for u in listed.users]


def test_users_are_searched_filtered_and_paged(identity) -> None:
    for name, role, org in (
        ("chen.jing", "operator", "信息科"),
        ("chen.hao", "read_only", "信息科"),
        ("sun.li", "operator", "药剂科"),
    ):
        create_user(identity, name, [role], organization=org)
    stub = users(identity)
    found = stub.ListUsers(up.ListUsersRequest(query="chen"), metadata=admin(identity))
    assert [u.username for u in found.users] == ["chen.hao", "chen.jing"]
    operators = stub.ListUsers(up.ListUsersRequest(role="operator"), metadata=admin(identity))
    assert {u.username for u in operators.users} == {"chen.jing", "sun.li"}
    seen: list[str] = []
    token = ""
    while True:
        page = stub.ListUsers(
            up.ListUsersRequest(page_size=2, page_token=token), metadata=admin(identity)
        )
        assert page.total_size == 4  # with the first administrator
        seen += [u.username for u in page.users]
        token = page.next_page_token
        if not token:
            break
    assert seen == ["admin", "chen.hao", "chen.jing", "sun.li"]
    bad = refused(stub.ListUsers, up.ListUsersRequest(page_size=-1), metadata=admin(identity))
    assert set(violations(bad)) == {"page_size"}


def test_update_disable_enable_and_soft_delete(identity) -> None:
    signed_up(identity, "zhou.min", ["read_only"])
    first = login(identity, "zhou.min", GOOD_PASSWORD)
    user_id = first.user.user_id
    stub = users(identity)
    updated = stub.UpdateUser(
        up.UpdateUserRequest(
            user_id=user_id,
            user=idp.User(display_name="周敏", roles=["operator"], phone="0571-8888"),
            update_mask=field_mask_pb2.FieldMask(paths=["display_name", "roles"]),
        ),
        metadata=admin(identity),
    ).user
    assert (updated.display_name, list(updated.roles), updated.phone) == ("周敏", ["operator"], "")
    assert "monitor.alert.write" in updated.permissions

    stub.DisableUser(
        up.DisableUserRequest(user_id=user_id, reason="left"), metadata=admin(identity)
    )
    assert refused(login, identity, "zhou.min", GOOD_PASSWORD).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )
    # Disabling ended the session that was open: its refresh token no longer works.
    gone = refused(
        sessions(identity).RefreshSession,
        idp.RefreshSessionRequest(refresh_token=first.refresh_token),
    )
    assert gone.code() == grpc.StatusCode.UNAUTHENTICATED
    stub.EnableUser(up.EnableUserRequest(user_id=user_id), metadata=admin(identity))
    assert login(identity, "zhou.min", GOOD_PASSWORD).user.user_id == user_id

    stub.DeleteUser(up.DeleteUserRequest(user_id=user_id), metadata=admin(identity))
    assert refused(
        stub.GetUser, up.GetUserRequest(user_id=user_id), metadata=admin(identity)
    ).code() == (grpc.StatusCode.NOT_FOUND)
    listed = stub.ListUsers(up.ListUsersRequest(query="zhou"), metadata=admin(identity))
    assert listed.total_size == 0
    assert refused(login, identity, "zhou.min", GOOD_PASSWORD).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )
    taken = refused(create_user, identity, "zhou.min", ["read_only"])
    assert taken.code() == grpc.StatusCode.ALREADY_EXISTS


def test_an_administrator_resets_a_forgotten_password(identity) -> None:
    signed_up(identity, "he.yun", ["read_only"])
    user_id = login(identity, "he.yun", GOOD_PASSWORD).user.user_id
    reset = users(identity).ResetUserPassword(
        up.ResetUserPasswordRequest(user_id=user_id), metadata=admin(identity)
    )
    assert reset.temporary_password
    assert refused(login, identity, "he.yun", GOOD_PASSWORD).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )
    assert login(identity, "he.yun", reset.temporary_password).password_change_required


def test_bad_account_input_names_every_bad_field(identity) -> None:
    stub = users(identity)
    bad = refused(
        stub.CreateUser,
        up.CreateUserRequest(
            user=idp.User(username="1x", roles=["no_such_role"], email="not-mail"),
            initial_password="short",
        ),
        metadata=admin(identity),
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {
        "user.username",
        "user.display_name",
        "user.roles",
        "user.email",
        "initial_password",
    }
    mixed = refused(
        stub.CreateUser,
        up.CreateUserRequest(
            user=idp.User(username="mixed", display_name="M", roles=["audit_admin", "operator"])
        ),
        metadata=admin(identity),
    )
    assert "separation of duties" in violations(mixed)["user.roles"]
    mask = refused(
        stub.UpdateUser,
        up.UpdateUserRequest(
            user_id="x", user=idp.User(), update_mask=field_mask_pb2.FieldMask(paths=["username"])
        ),
        metadata=admin(identity),
    )
    assert set(violations(mask)) == {"update_mask"}
    assert stub.ListUsers(up.ListUsersRequest(), metadata=admin(identity)).total_size == 1


def test_administrators_cannot_lock_themselves_out_or_raise_their_own_roles(identity) -> None:
    me = login(identity, "admin", "Wailian@2026").user
    stub = users(identity)
    for call, request in (
        (stub.DisableUser, up.DisableUserRequest(user_id=me.user_id)),
        (stub.DeleteUser, up.DeleteUserRequest(user_id=me.user_id)),
        (
            stub.UpdateUser,
            up.UpdateUserRequest(
                user_id=me.user_id,
                user=idp.User(roles=["system_admin", "security_admin"]),
                update_mask=field_mask_pb2.FieldMask(paths=["roles"]),
            ),
        ),
    ):
        assert refused(call, request, metadata=admin(identity)).code() == (
            grpc.StatusCode.PERMISSION_DENIED
        )
