"""Roles and permissions (module 12): built-in separation of duties, the tree, custom roles."""

from __future__ import annotations

import grpc
from google.protobuf import field_mask_pb2

from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    bearer,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    refused,
    roles,
    signed_up,
    violations,
)
from wailian.identity.v1 import audit_pb2, audit_pb2_grpc
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.identity.v1 import roles_pb2 as rp

BUILT_IN = {"system_admin", "security_admin", "audit_admin", "operator", "read_only", "developer"}


def test_built_in_roles_separate_the_three_administrators(identity) -> None:
    listed = roles(identity).ListRoles(rp.ListRolesRequest(page_size=50), metadata=admin(identity))
    by_code = {role.code: role for role in listed.roles}
    assert set(by_code) == BUILT_IN
    assert all(role.built_in for role in by_code.values())
    assert by_code["system_admin"].user_count == 1
    system = set(by_code["system_admin"].permissions)
    assert "registry.api_service.write" in system and "identity.user.write" in system
    assert not any(p.startswith("identity.audit.") for p in system)
    assert set(by_code["audit_admin"].permissions) == {
        "identity.audit.read",
        "identity.audit.export",
        "identity.session.self",
    }
    security = set(by_code["security_admin"].permissions)
    assert "identity.role.write" in security and "registry.api_service.write" not in security
    assert all(p.endswith((".read", ".self")) for p in by_code["read_only"].permissions)

    me = login(identity, "admin", "Wailian@2026").user
    assert "identity.audit.read" not in me.permissions
    denied = refused(
        audit_pb2_grpc.AuditServiceStub(identity.channel("identity")).ListAuditRecords,
        audit_pb2.ListAuditRecordsRequest(),
        metadata=admin(identity),
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED


def test_the_permission_tree_lists_every_declared_permission_by_module(identity) -> None:
    tree = roles(identity).ListPermissions(rp.ListPermissionsRequest(), metadata=admin(identity))
    modules = [group.module for group in tree.groups]
    assert modules == ["identity", "registry", "monitor", "payment", "publishing"]
    identity_group = {p.name: p for p in tree.groups[0].permissions}
    create_user = identity_group["identity.user.write"]
    assert (create_user.resource, create_user.action) == ("user", "write")
    assert "/wailian.identity.v1.UserService/CreateUser" in create_user.methods
    total = sum(len(group.permissions) for group in tree.groups)
    assert total > 100


def test_a_custom_role_grants_exactly_its_permissions(identity) -> None:
    stub = roles(identity)
    bad = refused(
        stub.CreateRole,
        rp.CreateRoleRequest(
            role=rp.Role(code="Bad Code", permissions=["no.such.permission", "identity.audit.read"])
        ),
        metadata=admin(identity),
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {"role.code", "role.name", "role.permissions"}

    role = stub.CreateRole(
        rp.CreateRoleRequest(
            role=rp.Role(
                code="channel_viewer",
                name="渠道查看",
                permissions=["identity.channel.read", "identity.session.self"],
            )
        ),
        metadata=admin(identity),
    ).role
    assert not role.built_in
    duplicate = refused(stub.CreateRole, rp.CreateRoleRequest(role=role), metadata=admin(identity))
    assert duplicate.code() == grpc.StatusCode.ALREADY_EXISTS

    token = signed_up(identity, "lu.xin", ["channel_viewer"])
    channels = idg.ChannelServiceStub(identity.channel("identity"))
    channels.ListChannels(idp.ListChannelsRequest(), metadata=token)
    new_channel = idp.CreateChannelRequest(
        channel=idp.Channel(code="kiosk", name="自助机", type=idp.CHANNEL_TYPE_SELF_SERVICE_KIOSK)
    )
    assert refused(channels.CreateChannel, new_channel, metadata=token).code() == (
        grpc.StatusCode.PERMISSION_DENIED
    )

    stub.UpdateRole(
        rp.UpdateRoleRequest(
            role_id=role.role_id,
            role=rp.Role(
                permissions=[
                    "identity.channel.read",
                    "identity.channel.write",
                    "identity.session.self",
                ]
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["permissions"]),
        ),
        metadata=admin(identity),
    )
    # A new token (sign-in or refresh) carries the role's new permissions.
    fresh = bearer(login(identity, "lu.xin", GOOD_PASSWORD).access_token)
    assert channels.CreateChannel(new_channel, metadata=fresh).channel.code == "kiosk"

    held = refused(
        stub.DeleteRole, rp.DeleteRoleRequest(role_id=role.role_id), metadata=admin(identity)
    )
    assert held.code() == grpc.StatusCode.FAILED_PRECONDITION
    got = stub.GetRole(rp.GetRoleRequest(role_id=role.role_id), metadata=admin(identity)).role
    assert got.user_count == 1


def test_built_in_roles_cannot_be_deleted_or_have_their_permissions_edited(identity) -> None:
    stub = roles(identity)
    listed = stub.ListRoles(rp.ListRolesRequest(query="audit"), metadata=admin(identity))
    (audit_role,) = listed.roles
    assert refused(
        stub.DeleteRole, rp.DeleteRoleRequest(role_id=audit_role.role_id), metadata=admin(identity)
    ).code() == (grpc.StatusCode.FAILED_PRECONDITION)
    edit = refused(
        stub.UpdateRole,
        rp.UpdateRoleRequest(
            role_id=audit_role.role_id,
            role=rp.Role(permissions=["identity.session.self"]),
            update_mask=field_mask_pb2.FieldMask(paths=["permissions"]),
        ),
        metadata=admin(identity),
    )
    assert edit.code() == grpc.StatusCode.FAILED_PRECONDITION
    # Requiring two factors of a built-in role is the security administrator's call.
    updated = stub.UpdateRole(
        rp.UpdateRoleRequest(
            role_id=audit_role.role_id,
            role=rp.Role(require_totp=True),
            update_mask=field_mask_pb2.FieldMask(paths=["require_totp"]),
        ),
        metadata=admin(identity),
    ).role
    assert updated.require_totp and updated.permissions == audit_role.permissions
