"""What the identity tests share: a platform of identity and registry, sign-in helpers, and a
way to move a stored moment into the past (instead of sleeping through a timeout)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from sqlalchemy import Engine, update

from services.identity.models import Base
from tests.integration.conftest import Platform, start_platform
from wailian.identity.v1 import audit_pb2_grpc, roles_pb2_grpc, users_pb2, users_pb2_grpc
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg

Metadata = tuple[tuple[str, str], ...]
GOOD_PASSWORD = "Ward-7-Night"


@pytest.fixture(name="identity", params=["sqlite", "postgres"])
def identity_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    """Identity and registry on SQLite (in-process cache), and on PostgreSQL + Redis."""
    services = ("identity", "registry")
    if request.param == "sqlite":
        yield from start_platform(
            tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=services
        )
        return
    urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(
        tmp_path, urls.__getitem__, request.getfixturevalue("redis_url"), services=services
    )


def uses_redis(platform: Platform) -> bool:
    return platform.running["identity"]._runtime.settings.redis_url is not None


def engine(platform: Platform) -> Engine:
    return platform.running["identity"]._runtime.engine


def move_back(
    platform: Platform, table: str, column: str, key: str, value: str, by: timedelta
) -> None:
    """Pretend time passed: shift a stored moment of one row into the past."""
    model = Base.metadata.tables[table]
    with engine(platform).begin() as connection:
        row = connection.execute(model.select().where(model.c[key] == value)).one()
        connection.execute(
            update(model).where(model.c[key] == value).values({column: row._mapping[column] - by})
        )


def bearer(token: str) -> Metadata:
    return (("authorization", f"Bearer {token}"),)


def sessions(platform: Platform) -> idg.SessionServiceStub:
    return idg.SessionServiceStub(platform.channel("identity"))


def users(platform: Platform) -> users_pb2_grpc.UserServiceStub:
    return users_pb2_grpc.UserServiceStub(platform.channel("identity"))


def roles(platform: Platform) -> roles_pb2_grpc.RoleServiceStub:
    return roles_pb2_grpc.RoleServiceStub(platform.channel("identity"))


def audit(platform: Platform) -> audit_pb2_grpc.AuditServiceStub:
    return audit_pb2_grpc.AuditServiceStub(platform.channel("identity"))


def login(
    platform: Platform, username: str, password: str, totp: str = "", **kw: Any
) -> idp.LoginResponse:
    return sessions(platform).Login(
        idp.LoginRequest(username=username, password=password, totp_code=totp), **kw
    )


def admin(platform: Platform) -> Metadata:
    """The demo administrator's access token, signed in once per platform."""
    return platform.admin()


def create_user(
    platform: Platform, username: str, role_codes: list[str], **fields: Any
) -> tuple[idp.User, str]:
    """A new account and the temporary password shown once."""
    created = users(platform).CreateUser(
        users_pb2.CreateUserRequest(
            user=idp.User(
                username=username,
                display_name=fields.pop("display_name", username.title()),
                roles=role_codes,
                **fields,
            )
        ),
        metadata=admin(platform),
    )
    return created.user, created.temporary_password


def signed_up(platform: Platform, username: str, role_codes: list[str]) -> Metadata:
    """Create an account, sign in with the temporary password and set a real one."""
    _, temporary = create_user(platform, username, role_codes)
    first = login(platform, username, temporary)
    changed = sessions(platform).ChangePassword(
        idp.ChangePasswordRequest(current_password=temporary, new_password=GOOD_PASSWORD),
        metadata=bearer(first.access_token),
    )
    return bearer(changed.access_token)


def refused(call: Any, *args: Any, **kwargs: Any) -> grpc.RpcError:
    """The error of a call that must fail."""
    with pytest.raises(grpc.RpcError) as failure:
        call(*args, **kwargs)
    return failure.value


def violations(error: grpc.RpcError) -> dict[str, str]:
    status = rpc_status.from_call(error)  # type: ignore[arg-type]
    assert status is not None
    found: dict[str, str] = {}
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            found.update({v.field: v.description for v in bad.field_violations})
    return found
