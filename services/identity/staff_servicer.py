"""gRPC servicers for staff accounts, roles and the audit trail: translation only."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import grpc
from google.protobuf import timestamp_pb2
from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity import accounts, domain, store
from services.identity.accounts import RequestFacts
from services.identity.models import AuditRecordRow, RoleRow, UserRow
from services.identity.permissions import MODULE_NAMES, declared_permissions
from services.identity.servicer import (
    mark_ended,
    request_facts,
    signed_in_caller,
    user_message,
)
from services.runtime.audited import audit_info, stamp
from services.runtime.cache import Cache
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    FieldViolation,
    NotFound,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.common.v1 import common_pb2
from wailian.identity.v1 import audit_pb2, audit_pb2_grpc, roles_pb2, roles_pb2_grpc
from wailian.identity.v1 import identity_pb2 as pb
from wailian.identity.v1 import users_pb2 as upb
from wailian.identity.v1 import users_pb2_grpc as upb_grpc

log = logging.getLogger("wailian.identity")

USER_FIELDS = ("display_name", "roles", "kind", "email", "phone", "organization")
ROLE_FIELDS = ("name", "description", "permissions", "require_totp")
_KINDS = {pb.USER_KIND_STAFF, pb.USER_KIND_DEVELOPER, pb.USER_KIND_SERVICE}


@dataclass(frozen=True)
class _Change:
    user: UserRow
    roles: dict[str, RoleRow]
    ended: list[str]
    secret: str = ""


class UserServicer(upb_grpc.UserServiceServicer):
    def __init__(self, uow: UnitOfWork, policies: accounts.Policies, cache: Cache) -> None:
        self.uow = uow
        self.policies = policies
        self.cache = cache

    @property
    def policy(self) -> domain.SecurityPolicy:
        """The security policy in force now (settings can change it while running)."""
        return self.policies.current

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, "UserService", method)

    async def _change(
        self,
        context: grpc.aio.ServicerContext,
        method: str,
        user_id: str,
        summary: str,
        mutate: Callable[[Session, UserRow, datetime], tuple[list[str], str]],
    ) -> _Change:
        """Load a live account, apply one change, stamp it and record it, in one transaction."""
        required_id(user_id, "user_id")
        facts = self._facts(context, method)

        def work(session: Session) -> _Change:
            row = store.live_user(session, user_id)
            if row is None:
                raise NotFound(f"no user {user_id}")
            now = utcnow()
            before = accounts.user_snapshot(row)
            ended, secret = mutate(session, row, now)
            stamp(row, facts.actor_name, created=False)
            accounts.record(
                session,
                facts,
                f"identity.user.{'delete' if method == 'DeleteUser' else 'write'}",
                "user",
                row.user_id,
                f"{summary} {row.username}",
                before=before,
                after=accounts.user_snapshot(row),
                now=now,
            )
            return _Change(row, store.roles_by_code(session), ended, secret)

        change = await self.uow.run(work)
        await mark_ended(self.cache, change.ended, self.policy)
        return change

    def _message(self, change: _Change) -> pb.User:
        return user_message(change.user, change.roles, self.policy)

    async def CreateUser(
        self, request: upb.CreateUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.CreateUserResponse:
        given = request.user
        spec = domain.UserSpec(
            display_name=given.display_name,
            roles=list(given.roles),
            kind=given.kind or pb.USER_KIND_STAFF,
            email=given.email,
            phone=given.phone,
            organization=given.organization,
        )
        facts = self._facts(context, "CreateUser")
        generated = "" if request.initial_password else domain.temporary_password()

        def work(session: Session) -> tuple[UserRow, dict[str, RoleRow]]:
            roles = store.roles_by_code(session)
            check = domain.validate_user(spec, set(roles), _KINDS)
            username_check = domain.validate_username(given.username)
            check.violations.extend(
                FieldViolation("user." + v.field, v.description) for v in username_check.violations
            )
            check.require(bool(spec.roles), "user.roles", "choose at least one role")
            if request.initial_password:
                problems = domain.password_problems(request.initial_password)
                check.require(not problems, "initial_password", "; ".join(problems))
            check.check()
            if store.user_by_name(session, given.username) is not None:
                raise AlreadyExists(
                    f"the user name {given.username!r} is taken (names are never reused)"
                )
            now = utcnow()
            row = store.add_user(
                session,
                given.username,
                spec,
                request.initial_password or generated,
                facts.actor_name,
            )
            accounts.record(
                session,
                facts,
                "identity.user.write",
                "user",
                row.user_id,
                f"created user {row.username}",
                after=accounts.user_snapshot(row),
                now=now,
            )
            return row, roles

        row, roles = await self.uow.run(work)
        log.info("user created", extra={"user": row.username})
        return upb.CreateUserResponse(
            user=user_message(row, roles, self.policy), temporary_password=generated
        )

    async def GetUser(
        self, request: upb.GetUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.GetUserResponse:
        required_id(request.user_id, "user_id")

        def work(session: Session) -> pb.User:
            row = store.live_user(session, request.user_id)
            if row is None:
                raise NotFound(f"no user {request.user_id}")
            return user_message(row, store.roles_by_code(session), self.policy)

        return upb.GetUserResponse(user=await self.uow.run(work))

    async def ListUsers(
        self, request: upb.ListUsersRequest, context: grpc.aio.ServicerContext
    ) -> upb.ListUsersResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(len(request.query) <= 64, "query", "at most 64 characters")
        check.require(
            request.kind == pb.USER_KIND_UNSPECIFIED or request.kind in _KINDS, "kind", "unknown"
        )
        check.require(request.status in upb.UserStatusFilter.values(), "status", "unknown")
        check.check()
        chosen = store.UserFilter(request.query.strip(), request.role, request.kind, request.status)

        def work(session: Session) -> tuple[list[pb.User], int]:
            rows, total = store.list_users(session, chosen, self.policy, utcnow(), offset, limit)
            roles = store.roles_by_code(session)
            return [user_message(r, roles, self.policy) for r in rows], total

        users, total = await self.uow.run(work)
        return upb.ListUsersResponse(
            users=users, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UpdateUser(
        self, request: upb.UpdateUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.UpdateUserResponse:
        paths = mask_paths(request.update_mask, USER_FIELDS)
        given = request.user
        caller = signed_in_caller()
        if "roles" in paths:
            accounts.guard_not_self(caller.subject, request.user_id, "change the roles of")

        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            values = {name: getattr(row, name) for name in USER_FIELDS}
            for path in paths:
                values[path] = list(given.roles) if path == "roles" else getattr(given, path)
            spec = domain.UserSpec(**values)
            check = domain.validate_user(spec, set(store.roles_by_code(session)), _KINDS)
            check.require(bool(spec.roles), "user.roles", "choose at least one role")
            check.check()
            row.display_name = spec.display_name.strip()
            row.roles = list(spec.roles)
            row.kind = spec.kind
            row.email = spec.email
            row.phone = spec.phone
            row.organization = spec.organization
            return [], ""

        change = await self._change(context, "UpdateUser", request.user_id, "updated", mutate)
        return upb.UpdateUserResponse(user=self._message(change))

    async def DeleteUser(
        self, request: upb.DeleteUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.DeleteUserResponse:
        accounts.guard_not_self(signed_in_caller().subject, request.user_id, "delete")

        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            row.deleted = True
            row.disabled = True
            return accounts.end_user_sessions(session, row.user_id, "account deleted"), ""

        await self._change(context, "DeleteUser", request.user_id, "deleted", mutate)
        return upb.DeleteUserResponse()

    async def EnableUser(
        self, request: upb.EnableUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.EnableUserResponse:
        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            row.disabled = False
            return [], ""

        change = await self._change(context, "EnableUser", request.user_id, "enabled", mutate)
        return upb.EnableUserResponse(user=self._message(change))

    async def DisableUser(
        self, request: upb.DisableUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.DisableUserResponse:
        accounts.guard_not_self(signed_in_caller().subject, request.user_id, "disable")
        check = Validator()
        check.require(len(request.reason) <= 128, "reason", "at most 128 characters")
        check.check()

        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            row.disabled = True
            reason = "account disabled" + (f": {request.reason}" if request.reason else "")
            return accounts.end_user_sessions(session, row.user_id, reason), ""

        change = await self._change(context, "DisableUser", request.user_id, "disabled", mutate)
        return upb.DisableUserResponse(user=self._message(change))

    async def ResetUserPassword(
        self, request: upb.ResetUserPasswordRequest, context: grpc.aio.ServicerContext
    ) -> upb.ResetUserPasswordResponse:
        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            secret = domain.temporary_password()
            store.set_password(row, secret, self.policy.password_history, must_change=True, now=now)
            return accounts.end_user_sessions(session, row.user_id, "password reset"), secret

        change = await self._change(
            context, "ResetUserPassword", request.user_id, "reset the password of", mutate
        )
        return upb.ResetUserPasswordResponse(temporary_password=change.secret)

    async def UnlockUser(
        self, request: upb.UnlockUserRequest, context: grpc.aio.ServicerContext
    ) -> upb.UnlockUserResponse:
        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            row.failed_logins = 0
            row.locked_until = None
            return [], ""

        change = await self._change(context, "UnlockUser", request.user_id, "unlocked", mutate)
        return upb.UnlockUserResponse(user=self._message(change))

    async def ResetUserTotp(
        self, request: upb.ResetUserTotpRequest, context: grpc.aio.ServicerContext
    ) -> upb.ResetUserTotpResponse:
        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            row.totp_secret = None
            row.totp_pending_secret = None
            row.totp_recovery_hashes = []
            return [], ""

        change = await self._change(
            context, "ResetUserTotp", request.user_id, "reset two-factor sign-in of", mutate
        )
        return upb.ResetUserTotpResponse(user=self._message(change))

    async def RevokeUserSessions(
        self, request: upb.RevokeUserSessionsRequest, context: grpc.aio.ServicerContext
    ) -> upb.RevokeUserSessionsResponse:
        check = Validator()
        check.require(len(request.reason) <= 128, "reason", "at most 128 characters")
        check.check()

        def mutate(session: Session, row: UserRow, now: datetime) -> tuple[list[str], str]:
            reason = request.reason or "signed out by an administrator"
            return accounts.end_user_sessions(session, row.user_id, reason), ""

        change = await self._change(
            context, "RevokeUserSessions", request.user_id, "signed out everywhere:", mutate
        )
        return upb.RevokeUserSessionsResponse(revoked_sessions=len(change.ended))


def _role_message(row: RoleRow, counts: dict[str, int]) -> roles_pb2.Role:
    return roles_pb2.Role(
        role_id=row.role_id,
        code=row.code,
        name=row.name,
        description=row.description,
        permissions=row.permissions,
        built_in=row.built_in,
        require_totp=row.require_totp,
        user_count=counts.get(row.code, 0),
        audit=audit_info(row),
    )


class RoleServicer(roles_pb2_grpc.RoleServiceServicer):
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, "RoleService", method)

    @staticmethod
    def _role(session: Session, role_id: str) -> RoleRow:
        row = session.get(RoleRow, role_id)
        if row is None:
            raise NotFound(f"no role {role_id}")
        return row

    async def CreateRole(
        self, request: roles_pb2.CreateRoleRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.CreateRoleResponse:
        given = request.role
        permissions = sorted(set(given.permissions))
        domain.validate_role(
            given.code, given.name, given.description, permissions, set(declared_permissions())
        )
        facts = self._facts(context, "CreateRole")

        def work(session: Session) -> roles_pb2.Role:
            if given.code in store.roles_by_code(session):
                raise AlreadyExists(f"a role with code {given.code!r} exists already")
            row = RoleRow(
                role_id=store.new_id(),
                code=given.code,
                name=given.name.strip(),
                description=given.description,
                permissions=permissions,
                built_in=False,
                require_totp=given.require_totp,
            )
            stamp(row, facts.actor_name, created=True)
            session.add(row)
            session.flush()
            accounts.record(
                session,
                facts,
                "identity.role.write",
                "role",
                row.role_id,
                f"created role {row.code}",
                after=accounts.role_snapshot(row),
                now=utcnow(),
            )
            return _role_message(row, {})

        return roles_pb2.CreateRoleResponse(role=await self.uow.run(work))

    async def GetRole(
        self, request: roles_pb2.GetRoleRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.GetRoleResponse:
        required_id(request.role_id, "role_id")

        def work(session: Session) -> roles_pb2.Role:
            return _role_message(
                self._role(session, request.role_id), store.role_user_counts(session)
            )

        return roles_pb2.GetRoleResponse(role=await self.uow.run(work))

    async def ListRoles(
        self, request: roles_pb2.ListRolesRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.ListRolesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(len(request.query) <= 64, "query", "at most 64 characters")
        check.check()

        def work(session: Session) -> tuple[list[roles_pb2.Role], int]:
            rows, total = store.list_roles(session, request.query.strip(), offset, limit)
            counts = store.role_user_counts(session)
            return [_role_message(r, counts) for r in rows], total

        roles, total = await self.uow.run(work)
        return roles_pb2.ListRolesResponse(
            roles=roles, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UpdateRole(
        self, request: roles_pb2.UpdateRoleRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.UpdateRoleResponse:
        required_id(request.role_id, "role_id")
        paths = mask_paths(request.update_mask, ROLE_FIELDS)
        given = request.role
        facts = self._facts(context, "UpdateRole")

        def work(session: Session) -> roles_pb2.Role:
            row = self._role(session, request.role_id)
            before = accounts.role_snapshot(row)
            if row.built_in and "permissions" in paths and request.update_mask.paths:
                raise FailedPrecondition(
                    "the permissions of a built-in role follow the platform's contracts; "
                    "create a custom role instead",
                    subject=row.code,
                )
            values = accounts.role_snapshot(row)
            for path in paths:
                if path == "permissions" and row.built_in:
                    continue
                values[path] = (
                    sorted(set(given.permissions))
                    if path == "permissions"
                    else getattr(given, path)
                )
            domain.validate_role(
                row.code,
                values["name"],
                values["description"],
                values["permissions"] if not row.built_in else [],
                set(declared_permissions()),
            )
            row.name = values["name"].strip()
            row.description = values["description"]
            row.permissions = list(values["permissions"])
            row.require_totp = bool(values["require_totp"])
            stamp(row, facts.actor_name, created=False)
            accounts.record(
                session,
                facts,
                "identity.role.write",
                "role",
                row.role_id,
                f"updated role {row.code}",
                before=before,
                after=accounts.role_snapshot(row),
                now=utcnow(),
            )
            return _role_message(row, store.role_user_counts(session))

        return roles_pb2.UpdateRoleResponse(role=await self.uow.run(work))

    async def DeleteRole(
        self, request: roles_pb2.DeleteRoleRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.DeleteRoleResponse:
        required_id(request.role_id, "role_id")
        facts = self._facts(context, "DeleteRole")

        def work(session: Session) -> None:
            row = self._role(session, request.role_id)
            if row.built_in:
                raise FailedPrecondition("built-in roles cannot be deleted", subject=row.code)
            holders = store.role_user_counts(session).get(row.code, 0)
            if holders:
                raise FailedPrecondition(f"{holders} users still hold this role", subject=row.code)
            accounts.record(
                session,
                facts,
                "identity.role.delete",
                "role",
                row.role_id,
                f"deleted role {row.code}",
                before=accounts.role_snapshot(row),
                now=utcnow(),
            )
            session.delete(row)

        await self.uow.run(work)
        return roles_pb2.DeleteRoleResponse()

    async def ListPermissions(
        self, request: roles_pb2.ListPermissionsRequest, context: grpc.aio.ServicerContext
    ) -> roles_pb2.ListPermissionsResponse:
        groups: dict[str, roles_pb2.PermissionGroup] = {}
        for name, declared in sorted(declared_permissions().items()):
            group = groups.setdefault(
                declared.module,
                roles_pb2.PermissionGroup(
                    module=declared.module,
                    display_name=MODULE_NAMES.get(declared.module, declared.module),
                ),
            )
            group.permissions.append(
                roles_pb2.Permission(
                    name=name,
                    module=declared.module,
                    resource=declared.resource,
                    action=declared.action,
                    description=f"{declared.action} {declared.resource.replace('_', ' ')}",
                    methods=declared.methods,
                )
            )
        order = list(MODULE_NAMES)
        return roles_pb2.ListPermissionsResponse(
            groups=sorted(
                groups.values(),
                key=lambda g: order.index(g.module) if g.module in order else len(order),
            )
        )


def _record_message(row: AuditRecordRow) -> audit_pb2.AuditRecord:
    return audit_pb2.AuditRecord(
        audit_record_id=row.audit_record_id,
        sequence=row.sequence,
        event_time=to_timestamp(row.event_time),
        actor_kind=row.actor_kind,  # type: ignore[arg-type]
        actor_id=row.actor_id,
        actor_name=row.actor_name,
        client_ip=row.client_ip,
        user_agent=row.user_agent,
        service=row.service,
        method=row.method,
        action=row.action,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        result=row.result,  # type: ignore[arg-type]
        before_json=row.before_json,
        after_json=row.after_json,
        status_code=row.status_code,
        status_message=row.status_message,
        request_id=row.request_id,
        trace_id=row.trace_id,
        summary=row.summary,
        previous_hash=row.previous_hash,
        hash=row.hash,
    )


def _when(stamp: timestamp_pb2.Timestamp, present: bool) -> datetime | None:
    return as_utc(stamp.ToDatetime()) if present else None


def _time_range(
    window: common_pb2.TimeRange, has_window: bool, field_name: str
) -> tuple[datetime | None, datetime | None]:
    if not has_window:
        return None, None
    start = _when(window.start_time, window.HasField("start_time"))
    end = _when(window.end_time, window.HasField("end_time"))
    check = Validator()
    check.require(
        start is None or end is None or start < end, field_name, "start must be before end"
    )
    check.check()
    return start, end


def audit_filter(given: audit_pb2.AuditRecordFilter, present: bool) -> store.AuditFilter:
    """The audit records a filter selects; INVALID_ARGUMENT naming the field when it is bad."""
    if not present:
        return store.AuditFilter()
    start, end = _time_range(given.time_range, given.HasField("time_range"), "filter.time_range")
    check = Validator()
    check.require(given.result in audit_pb2.AuditResult.values(), "filter.result", "unknown")
    check.require(len(given.query) <= 64, "filter.query", "at most 64 characters")
    check.check()
    return store.AuditFilter(
        start=start,
        end=end,
        actor_id=given.actor_id,
        actor_name=given.actor_name,
        service=given.service,
        action_prefix=given.action_prefix,
        resource_type=given.resource_type,
        resource_id=given.resource_id,
        result=given.result,
        client_ip=given.client_ip,
        request_id=given.request_id,
        query=given.query,
    )


MAX_SHIPPED_RECORDS = 500
MAX_SNAPSHOT_JSON = 64 * 1024
# A shipped record's event time may run ahead of identity's clock by this much, not more.
SHIPPED_CLOCK_SKEW = timedelta(minutes=5)
# Optional text fields of a shipped record and their columns' sizes.
_SHIPPED_SIZES = {
    "actor_id": 64,
    "actor_name": 64,
    "client_ip": 64,
    "user_agent": 256,
    "method": 128,
    "resource_id": 64,
    "status_code": 32,
    "status_message": 512,
    "request_id": 64,
    "trace_id": 64,
    "summary": 256,
}


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _is_json(value: str) -> bool:
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def _check_shipped(check: Validator, at: str, record: audit_pb2.AuditRecord) -> None:
    check.require(
        _is_uuid(record.audit_record_id),
        f"{at}.audit_record_id",
        "a UUID in lower case with hyphens",
    )
    check.require(record.HasField("event_time"), f"{at}.event_time", "required")
    if record.HasField("event_time"):
        latest = utcnow() + SHIPPED_CLOCK_SKEW
        check.require(
            0 < record.event_time.seconds <= int(latest.timestamp()),
            f"{at}.event_time",
            "must not be in the future",
        )
    check.require(0 < len(record.service) <= 32, f"{at}.service", "required, at most 32 characters")
    check.require(record.service != "identity", f"{at}.service", "identity records its own writes")
    check.require(0 < len(record.action) <= 128, f"{at}.action", "required, at most 128 characters")
    check.require(
        0 < len(record.resource_type) <= 64,
        f"{at}.resource_type",
        "required, at most 64 characters",
    )
    for name, size in _SHIPPED_SIZES.items():
        check.require(
            len(getattr(record, name)) <= size, f"{at}.{name}", f"at most {size} characters"
        )
    check.require(
        record.actor_kind in audit_pb2.ActorKind.values()
        and record.actor_kind != audit_pb2.ACTOR_KIND_UNSPECIFIED,
        f"{at}.actor_kind",
        "an actor kind",
    )
    check.require(
        record.result in audit_pb2.AuditResult.values()
        and record.result != audit_pb2.AUDIT_RESULT_UNSPECIFIED,
        f"{at}.result",
        "an audit result",
    )
    for name in ("before_json", "after_json"):
        value = getattr(record, name)
        check.require(
            len(value) <= MAX_SNAPSHOT_JSON and (not value or _is_json(value)),
            f"{at}.{name}",
            f"empty, or JSON of at most {MAX_SNAPSHOT_JSON} characters",
        )
    for name in ("sequence", "previous_hash", "hash"):
        check.require(
            not getattr(record, name), f"{at}.{name}", "assigned by identity: leave unset"
        )
    # PostgreSQL refuses NUL in text; refuse it here, naming the record, not with INTERNAL.
    texts = (*_SHIPPED_SIZES, "service", "action", "resource_type", "before_json", "after_json")
    check.require(
        not any("\x00" in getattr(record, name) for name in texts),
        at,
        "text must not contain NUL characters",
    )


def shipped_records(records: Sequence[audit_pb2.AuditRecord]) -> list[dict[str, Any]]:
    """Other services' records as rows to link to the chain; INVALID_ARGUMENT naming every bad
    field (`audit_records[2].action`)."""
    check = Validator()
    check.require(
        len(records) <= MAX_SHIPPED_RECORDS,
        "audit_records",
        f"at most {MAX_SHIPPED_RECORDS} records a call",
    )
    seen: set[str] = set()
    for index, record in enumerate(records):
        at = f"audit_records[{index}]"
        _check_shipped(check, at, record)
        check.require(
            record.audit_record_id not in seen,
            f"{at}.audit_record_id",
            "appears twice in this call",
        )
        seen.add(record.audit_record_id)
    check.check()
    return [
        {
            "audit_record_id": record.audit_record_id,
            "event_time": as_utc(record.event_time.ToDatetime()),
            "actor_kind": record.actor_kind,
            "service": record.service,
            "action": record.action,
            "resource_type": record.resource_type,
            "result": record.result,
            "before_json": record.before_json,
            "after_json": record.after_json,
            **{name: getattr(record, name) for name in _SHIPPED_SIZES},
        }
        for record in records
    ]


class AuditServicer(audit_pb2_grpc.AuditServiceServicer):
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    async def ListAuditRecords(
        self, request: audit_pb2.ListAuditRecordsRequest, context: grpc.aio.ServicerContext
    ) -> audit_pb2.ListAuditRecordsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        chosen = audit_filter(request.filter, request.HasField("filter"))
        rows, total = await self.uow.run(lambda s: store.list_audit(s, chosen, offset, limit))
        return audit_pb2.ListAuditRecordsResponse(
            audit_records=[_record_message(r) for r in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def GetAuditRecord(
        self, request: audit_pb2.GetAuditRecordRequest, context: grpc.aio.ServicerContext
    ) -> audit_pb2.GetAuditRecordResponse:
        required_id(request.audit_record_id, "audit_record_id")

        def work(session: Session) -> AuditRecordRow:
            row = session.scalar(
                select(AuditRecordRow).where(
                    AuditRecordRow.audit_record_id == request.audit_record_id
                )
            )
            if row is None:
                raise NotFound(f"no audit record {request.audit_record_id}")
            return row

        return audit_pb2.GetAuditRecordResponse(
            audit_record=_record_message(await self.uow.run(work))
        )

    async def VerifyAuditChain(
        self, request: audit_pb2.VerifyAuditChainRequest, context: grpc.aio.ServicerContext
    ) -> audit_pb2.VerifyAuditChainResponse:
        start, end = _time_range(request.time_range, request.HasField("time_range"), "time_range")
        report = await self.uow.run(lambda s: store.verify_audit_chain(s, start, end))
        return audit_pb2.VerifyAuditChainResponse(
            verified_records=report.verified,
            intact=report.intact,
            first_broken_sequence=report.broken_sequence,
            first_broken_record_id=report.broken_record_id,
            message=report.message,
        )

    async def AppendAuditRecords(
        self, request: audit_pb2.AppendAuditRecordsRequest, context: grpc.aio.ServicerContext
    ) -> audit_pb2.AppendAuditRecordsResponse:
        records = shipped_records(request.audit_records)
        appended, duplicates = await self.uow.run(lambda s: store.append_audit_records(s, records))
        return audit_pb2.AppendAuditRecordsResponse(appended=appended, duplicates=duplicates)
