"""Registry's DeveloperService (module 15): vendors sign up, staff review them (approval creates
the vendor's console account in identity, with the built-in developer role), vendors keep their
profile, and everyone with access reads the published API documentation.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import uuid
from typing import Any

import grpc
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.registry import developer_store, developers, docs, store
from services.registry.channels import Directory, authorization_of
from services.registry.developer_identity import ApplicantAccount, DeveloperAccounts
from services.registry.developer_models import DeveloperRow
from services.registry.models import AuditOutboxRow
from services.registry.servicer import ROUTABLE, api_service_message
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import to_timestamp, utcnow
from services.runtime.context import Caller, actor_name, current_caller
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths
from wailian.identity.v1 import audit_pb2
from wailian.registry.v1 import developer_pb2 as pb
from wailian.registry.v1 import developer_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.registry")

SERVICE = pb.DESCRIPTOR.services_by_name["DeveloperService"]
WRITABLE = (
    "organization_name",
    "unified_social_credit_code",
    "contact_name",
    "contact_phone",
    "contact_email",
    "description",
)


def _caller() -> Caller:
    caller = current_caller()
    if caller is None:
        raise Unauthenticated("sign in first: this call needs an access token")
    return caller


def _staff() -> Caller:
    caller = _caller()
    if caller.is_vendor:
        raise PermissionDenied("a vendor account cannot review or manage developers")
    return caller


def _password_context(developer_id: str) -> str:
    return f"developers:{developer_id}:password"


def developer_snapshot(row: DeveloperRow) -> dict[str, Any]:
    """The developer as the audit trail keeps it (never the password)."""
    return {
        "organization_name": row.organization_name,
        "unified_social_credit_code": row.unified_social_credit_code,
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "contact_email": row.contact_email,
        "description": row.description,
        "username": row.username,
        "user_id": row.user_id,
        "status": developers.status_name(row.status),
        "review_comment": row.review_comment,
        "disabled_reason": row.disabled_reason,
    }


def developer_message(row: DeveloperRow, channel_ids: list[str] | None = None) -> pb.Developer:
    return pb.Developer(
        developer_id=row.developer_id,
        organization_name=row.organization_name,
        unified_social_credit_code=row.unified_social_credit_code,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
        user_id=row.user_id,
        username=row.username,
        status=row.status,  # type: ignore[arg-type]
        review_comment=row.review_comment,
        channel_ids=channel_ids or [],
        description=row.description,
        register_time=to_timestamp(row.register_time),
        audit=audit_info(row),
    )


def _contact(given: Any) -> developers.Contact:
    return developers.Contact(
        contact_name=given.contact_name.strip(),
        contact_phone=given.contact_phone.strip(),
        contact_email=given.contact_email.strip(),
        description=given.description,
    )


class DeveloperServicer(pb_grpc.DeveloperServiceServicer):
    def __init__(
        self,
        uow: UnitOfWork,
        directory: Directory,
        accounts: DeveloperAccounts,
        box: SecretBox,
        edge: docs.EdgeAddresses,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.accounts = accounts
        # Seals the sign-up password until approval hands it to identity.
        self.box = box
        self.edge = edge

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    def _audit(
        self,
        session: Session,
        facts: RequestFacts,
        row: DeveloperRow,
        summary: str,
        before: dict[str, Any] | None,
    ) -> None:
        audit(
            session,
            AuditOutboxRow,
            facts,
            "developer",
            row.developer_id,
            summary,
            before=before,
            after=developer_snapshot(row),
        )

    # --- sign-up and review ----------------------------------------------------------------

    async def RegisterDeveloper(
        self, request: pb.RegisterDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.RegisterDeveloperResponse:
        """Public sign-up: recorded as pending; nothing in identity until staff approve."""
        spec = developers.Registration(
            organization_name=request.organization_name,
            unified_social_credit_code=request.unified_social_credit_code.strip().upper(),
            contact=_contact(request),
            username=request.username.strip(),
            password=request.password,
        )
        developers.validate_registration(spec)
        # Not signed in: the record names the sign-up's username, as an anonymous caller.
        facts = dataclasses.replace(
            self._facts(context, "RegisterDeveloper"),
            actor_kind=audit_pb2.ACTOR_KIND_ANONYMOUS,
            actor_name=spec.username,
        )
        developer_id = str(uuid.uuid4())
        sealed = self.box.seal(spec.password.encode("utf-8"), _password_context(developer_id))

        def work(session: Session) -> DeveloperRow:
            if developer_store.live_developer_by_username(session, spec.username) is not None:
                raise AlreadyExists(f"the username {spec.username} is taken: choose another")
            row = DeveloperRow(
                developer_id=developer_id,
                organization_name=spec.organization_name.strip(),
                unified_social_credit_code=spec.unified_social_credit_code,
                contact_name=spec.contact.contact_name,
                contact_phone=spec.contact.contact_phone,
                contact_email=spec.contact.contact_email,
                description=spec.contact.description,
                username=spec.username,
                password_sealed=sealed,
                user_id="",
                status=developers.PENDING,
                review_comment="",
                disabled_reason="",
                register_time=utcnow(),
                review_time=None,
                review_idempotency_key="",
            )
            stamp(row, spec.username, created=True)
            session.add(row)
            session.flush()
            self._audit(session, facts, row, f"developer {row.organization_name} signed up", None)
            return row

        try:
            row = await self.uow.run(work)
        except IntegrityError:
            raise AlreadyExists(f"the username {spec.username} is taken: choose another") from None
        log.info("developer signed up", extra={"developer": row.developer_id})
        return pb.RegisterDeveloperResponse(developer_id=row.developer_id, status=row.status)  # type: ignore[arg-type]

    async def ApproveDeveloper(
        self, request: pb.ApproveDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.ApproveDeveloperResponse:
        """Creates the vendor's developer account in identity, then records the approval. A
        retry with the same idempotency key returns the approval already made."""
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.require(len(request.comment) <= 500, "comment", "at most 500 characters")
        check.require(
            len(request.idempotency_key) <= 128, "idempotency_key", "at most 128 characters"
        )
        check.check()
        _staff()
        key = request.idempotency_key
        actor = actor_name()
        facts = self._facts(context, "ApproveDeveloper")
        row = await self.uow.run(lambda s: developer_store.developer(s, request.developer_id))
        if key and row.status == developers.ACTIVE and row.review_idempotency_key == key:
            return pb.ApproveDeveloperResponse(developer=developer_message(row))
        developers.require_status(row.status, (developers.PENDING,), "approve")
        if row.password_sealed is None:
            raise FailedPrecondition("the sign-up holds no password", subject="developer.password")
        password = self.box.open(row.password_sealed, _password_context(row.developer_id))
        account = await self.accounts.create(
            authorization_of(context),
            ApplicantAccount(
                username=row.username,
                password=password.decode("utf-8"),
                display_name=row.contact_name,
                organization=row.organization_name,
                email=row.contact_email,
                phone=row.contact_phone,
            ),
        )

        def work(session: Session) -> DeveloperRow:
            current = developer_store.developer(session, request.developer_id)
            if (
                key
                and current.status == developers.ACTIVE
                and current.review_idempotency_key == key
            ):
                return current
            developers.require_status(current.status, (developers.PENDING,), "approve")
            before = developer_snapshot(current)
            current.status = developers.ACTIVE
            current.user_id = account.user_id
            current.password_sealed = None
            current.review_comment = request.comment.strip()
            current.review_time = utcnow()
            current.review_idempotency_key = key
            stamp(current, actor, created=False)
            self._audit(
                session,
                facts,
                current,
                f"approved developer {current.organization_name} as {current.username}",
                before,
            )
            return current

        row = await self.uow.run(work)
        log.info("developer approved", extra={"developer": row.developer_id})
        return pb.ApproveDeveloperResponse(developer=developer_message(row))

    async def RejectDeveloper(
        self, request: pb.RejectDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.RejectDeveloperResponse:
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.require(
            0 < len(request.comment.strip()) <= 500,
            "comment",
            "required (the vendor is told why), at most 500 characters",
        )
        check.require(
            len(request.idempotency_key) <= 128, "idempotency_key", "at most 128 characters"
        )
        check.check()
        _staff()
        key = request.idempotency_key
        actor = actor_name()
        facts = self._facts(context, "RejectDeveloper")

        def work(session: Session) -> DeveloperRow:
            row = developer_store.developer(session, request.developer_id)
            if key and row.status == developers.REJECTED and row.review_idempotency_key == key:
                return row
            developers.require_status(row.status, (developers.PENDING,), "reject")
            before = developer_snapshot(row)
            row.status = developers.REJECTED
            row.password_sealed = None
            row.review_comment = request.comment.strip()
            row.review_time = utcnow()
            row.review_idempotency_key = key
            stamp(row, actor, created=False)
            self._audit(session, facts, row, f"rejected developer {row.organization_name}", before)
            return row

        row = await self.uow.run(work)
        return pb.RejectDeveloperResponse(developer=developer_message(row))

    async def _switch(
        self,
        context: grpc.aio.ServicerContext,
        developer_id: str,
        enable: bool,
        reason: str,
    ) -> DeveloperRow:
        """Enables or disables the account in identity, then records it; a repeat is a no-op."""
        _staff()
        wanted, source = (
            (developers.ACTIVE, developers.DISABLED)
            if enable
            else (developers.DISABLED, developers.ACTIVE)
        )
        method = "EnableDeveloper" if enable else "DisableDeveloper"
        actor = actor_name()
        facts = self._facts(context, method)
        row = await self.uow.run(lambda s: developer_store.developer(s, developer_id))
        if row.status == wanted:
            return row
        developers.require_status(row.status, (source,), "enable" if enable else "disable")
        await self.accounts.set_enabled(authorization_of(context), row.user_id, enable, reason)

        def work(session: Session) -> DeveloperRow:
            current = developer_store.developer(session, developer_id)
            if current.status == wanted:
                return current
            developers.require_status(current.status, (source,), "enable" if enable else "disable")
            before = developer_snapshot(current)
            current.status = wanted
            current.disabled_reason = "" if enable else reason.strip()
            stamp(current, actor, created=False)
            verb = "enabled" if enable else "disabled"
            self._audit(session, facts, current, f"{verb} developer {current.username}", before)
            return current

        return await self.uow.run(work)

    async def DisableDeveloper(
        self, request: pb.DisableDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.DisableDeveloperResponse:
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.require(len(request.reason) <= 500, "reason", "at most 500 characters")
        check.check()
        row = await self._switch(context, request.developer_id, False, request.reason)
        return pb.DisableDeveloperResponse(developer=developer_message(row))

    async def EnableDeveloper(
        self, request: pb.EnableDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.EnableDeveloperResponse:
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.check()
        row = await self._switch(context, request.developer_id, True, "")
        return pb.EnableDeveloperResponse(developer=developer_message(row))

    # --- staff's view ----------------------------------------------------------------------

    async def GetDeveloper(
        self, request: pb.GetDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetDeveloperResponse:
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.check()
        _staff()
        row = await self.uow.run(lambda s: developer_store.developer(s, request.developer_id))
        channel_ids: list[str] = []
        if row.user_id:
            # A reader who may not see channels gets the profile without them.
            with contextlib.suppress(PermissionDenied):
                channel_ids = await self.accounts.vendor_channel_ids(
                    authorization_of(context), row.user_id
                )
        return pb.GetDeveloperResponse(developer=developer_message(row, channel_ids))

    async def ListDevelopers(
        self, request: pb.ListDevelopersRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListDevelopersResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(
            request.status == 0 or request.status in developers.STATUSES, "status", "a status"
        )
        check.check()
        _staff()
        rows, total = await self.uow.run(
            lambda s: developer_store.list_developers(
                s, offset, limit, request.status, request.query.strip()
            )
        )
        return pb.ListDevelopersResponse(
            developers=[developer_message(row) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateDeveloper(
        self, request: pb.UpdateDeveloperRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateDeveloperResponse:
        check = Validator()
        check.require(bool(request.developer_id), "developer_id", "required")
        check.check()
        paths = mask_paths(request.update_mask, WRITABLE) or list(WRITABLE)
        _staff()
        given = request.developer
        actor = actor_name()
        facts = self._facts(context, "UpdateDeveloper")

        def work(session: Session) -> DeveloperRow:
            row = developer_store.developer(session, request.developer_id)
            before = developer_snapshot(row)
            values = {name: getattr(row, name) for name in WRITABLE}
            for path in paths:
                value = getattr(given, path)
                values[path] = value if path == "description" else value.strip()
            values["unified_social_credit_code"] = values["unified_social_credit_code"].upper()
            check = Validator()
            check.require(
                0 < len(values["organization_name"]) <= 128,
                "developer.organization_name",
                "1-128 characters",
            )
            check.require(
                developers.is_unified_social_credit_code(values["unified_social_credit_code"]),
                "developer.unified_social_credit_code",
                "18 characters (digits and capital letters) with a valid check character",
            )
            developers.check_contact(
                check,
                developers.Contact(
                    values["contact_name"],
                    values["contact_phone"],
                    values["contact_email"],
                    values["description"],
                ),
                "developer.",
            )
            check.check()
            for name, value in values.items():
                setattr(row, name, value)
            stamp(row, actor, created=False)
            self._audit(session, facts, row, f"updated developer {row.organization_name}", before)
            return row

        row = await self.uow.run(work)
        return pb.UpdateDeveloperResponse(developer=developer_message(row))

    # --- the vendor's own profile ----------------------------------------------------------

    async def _own(self) -> DeveloperRow:
        caller = _caller()
        row = await self.uow.run(lambda s: developer_store.developer_by_user(s, caller.subject))
        if row is None:
            raise NotFound("this account has no developer profile (it did not sign up as a vendor)")
        return row

    async def GetDeveloperProfile(
        self, request: pb.GetDeveloperProfileRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetDeveloperProfileResponse:
        row = await self._own()
        channel_ids = await self.directory.own_channel_ids(authorization_of(context))
        return pb.GetDeveloperProfileResponse(developer=developer_message(row, sorted(channel_ids)))

    async def UpdateDeveloperProfile(
        self, request: pb.UpdateDeveloperProfileRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateDeveloperProfileResponse:
        contact = _contact(request)
        check = Validator()
        developers.check_contact(check, contact)
        check.check()
        own = await self._own()
        actor = actor_name()
        facts = self._facts(context, "UpdateDeveloperProfile")

        def work(session: Session) -> DeveloperRow:
            row = developer_store.developer(session, own.developer_id)
            before = developer_snapshot(row)
            row.contact_name = contact.contact_name
            row.contact_phone = contact.contact_phone
            row.contact_email = contact.contact_email
            row.description = contact.description
            stamp(row, actor, created=False)
            self._audit(
                session, facts, row, f"developer {row.username} updated its profile", before
            )
            return row

        row = await self.uow.run(work)
        channel_ids = await self.directory.own_channel_ids(authorization_of(context))
        return pb.UpdateDeveloperProfileResponse(
            developer=developer_message(row, sorted(channel_ids))
        )

    # --- API documentation -----------------------------------------------------------------

    async def _granted_codes(self, context: grpc.aio.ServicerContext) -> frozenset[str]:
        """API service codes one of a vendor's channels holds an active grant for."""
        caller = _caller()
        if not caller.is_vendor:
            return frozenset()
        own = await self.directory.own_channel_ids(authorization_of(context))
        active = await self.uow.run(lambda s: store.active_grants(s, utcnow()))
        return frozenset(code for code, channels in active.items() if channels & own)

    async def ListApiDocs(
        self, request: pb.ListApiDocsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListApiDocsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(len(request.category) <= 32, "category", "at most 32 characters")
        check.require(len(request.query) <= 128, "query", "at most 128 characters")
        check.check()
        granted = await self._granted_codes(context)
        rows, total = await self.uow.run(
            lambda s: developer_store.documented_services(
                s, offset, limit, ROUTABLE, request.category.strip(), request.query.strip()
            )
        )
        return pb.ListApiDocsResponse(
            api_docs=[
                docs.api_doc(api_service_message(row, ""), self.edge, granted=row.code in granted)
                for row in rows
            ],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def GetApiDoc(
        self, request: pb.GetApiDocRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetApiDocResponse:
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.check()
        granted = await self._granted_codes(context)
        row = await self.uow.run(lambda s: store.api_service(s, request.api_service_id))
        if row.status not in ROUTABLE:
            # Drafts and offline services are not documented to vendors.
            raise NotFound(f"no published API service {request.api_service_id}")
        doc = docs.api_doc(
            api_service_message(row, ""), self.edge, granted=row.code in granted, with_samples=True
        )
        return pb.GetApiDocResponse(api_doc=doc, platform_error_codes=docs.platform_error_codes())
