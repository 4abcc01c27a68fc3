"""Registry's AccessService, application side: a channel applies for API services, staff review
the application in one or two steps, and the final approval grants the APIs at the edge.

A vendor (developer-center account) sees and writes only the applications of channels identity
names it on; staff see all.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

import grpc
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from services.registry import applications, domain, grants, store
from services.registry.access_servicer import AccessServicer, access_grant_message, make_grant
from services.registry.channels import Directory, authorization_of
from services.registry.models import (
    AccessApplicationAttachmentRow,
    AccessApplicationItemRow,
    AccessApplicationRow,
    ApiServiceRow,
    AuditOutboxRow,
    ReviewPolicyRow,
)
from services.registry.xds import EdgeControl
from services.runtime.audit import RequestFacts, audit
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import Caller, actor_name, current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    Aborted,
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Unauthenticated,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths
from wailian.common.v1 import common_pb2
from wailian.registry.v1 import access_pb2 as pb
from wailian.registry.v1 import catalog_pb2

log = logging.getLogger("wailian.registry")

APPLICABLE = (catalog_pb2.API_SERVICE_STATUS_PUBLISHED,)
APPROVE_PERMISSION = "registry.access_application.approve"
Reviewed = tuple[pb.AccessApplication, list[pb.AccessGrant]]
T = TypeVar("T")


def _moment(message: Any, field: str) -> datetime | None:
    if not message.HasField(field):
        return None
    moment: datetime = getattr(message, field).ToDatetime(tzinfo=UTC)
    return moment


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def _spec(given: pb.AccessApplication) -> applications.ApplicationSpec:
    return applications.ApplicationSpec(
        channel_id=given.channel_id,
        items=tuple(
            applications.ItemSpec(
                api_service_id=item.api_service_id,
                requested_daily_quota=item.requested_daily_quota,
                requested_rate_limit_per_second=item.requested_rate_limit_per_second,
            )
            for item in given.items
        ),
        purpose=given.purpose,
        expected_daily_calls=given.expected_daily_calls,
        data_needed=given.data_needed,
        validity_start=_moment(given.validity, "start_time"),
        validity_end=_moment(given.validity, "end_time"),
        contact_name=given.contact_name,
        contact_phone=given.contact_phone,
        contact_email=given.contact_email,
    )


def _stored_spec(row: AccessApplicationRow) -> applications.ApplicationSpec:
    return applications.ApplicationSpec(
        channel_id=row.channel_id,
        items=tuple(
            applications.ItemSpec(
                item.api_service_id,
                item.requested_daily_quota,
                item.requested_rate_limit_per_second,
            )
            for item in row.items
        ),
        purpose=row.purpose,
        expected_daily_calls=row.expected_daily_calls,
        data_needed=row.data_needed,
        validity_start=_maybe_utc(row.validity_start),
        validity_end=_maybe_utc(row.validity_end),
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
    )


def _merged(
    row: AccessApplicationRow, given: pb.AccessApplication, paths: Sequence[str]
) -> applications.ApplicationSpec:
    """The application with the masked fields taken from `given`."""
    asked = _spec(given)
    changes: dict[str, Any] = {}
    for path in paths:
        if path == "validity":
            changes["validity_start"] = asked.validity_start
            changes["validity_end"] = asked.validity_end
        else:
            changes[path] = getattr(asked, path)
    return dataclasses.replace(_stored_spec(row), **changes)


def _applicable_services(
    session: Session, spec: applications.ApplicationSpec
) -> dict[str, ApiServiceRow]:
    """The API services asked for; NOT_FOUND for one that is unknown or not published."""
    found = store.api_services(session, [item.api_service_id for item in spec.items])
    for item in spec.items:
        service = found.get(item.api_service_id)
        if service is None or service.status not in APPLICABLE:
            raise NotFound(f"no published API service {item.api_service_id}")
    return found


def _set_fields(row: AccessApplicationRow, spec: applications.ApplicationSpec) -> None:
    row.purpose = spec.purpose.strip()
    row.expected_daily_calls = spec.expected_daily_calls
    row.data_needed = spec.data_needed.strip()
    row.validity_start = spec.validity_start
    row.validity_end = spec.validity_end
    row.contact_name = spec.contact_name.strip()
    row.contact_phone = spec.contact_phone.strip()
    row.contact_email = spec.contact_email.strip()
    # Changed in place: rewriting the (application, position) keys in one flush would collide.
    for position, item in enumerate(spec.items):
        if position < len(row.items):
            kept = row.items[position]
            kept.api_service_id = item.api_service_id
            kept.requested_daily_quota = item.requested_daily_quota
            kept.requested_rate_limit_per_second = item.requested_rate_limit_per_second
            kept.access_grant_id = ""
        else:
            row.items.append(
                AccessApplicationItemRow(
                    position=position,
                    api_service_id=item.api_service_id,
                    requested_daily_quota=item.requested_daily_quota,
                    requested_rate_limit_per_second=item.requested_rate_limit_per_second,
                    access_grant_id="",
                )
            )
    del row.items[len(spec.items) :]


def access_application_snapshot(row: AccessApplicationRow) -> dict[str, Any]:
    """The application as the audit trail keeps it, before and after a change."""
    return {
        "number": row.number,
        "channel_id": row.channel_id,
        "channel_code": row.channel_code,
        "applicant_user_id": row.applicant_user_id,
        "items": [
            {
                "api_service_id": item.api_service_id,
                "requested_daily_quota": item.requested_daily_quota,
                "requested_rate_limit_per_second": item.requested_rate_limit_per_second,
                "access_grant_id": item.access_grant_id,
            }
            for item in row.items
        ],
        "purpose": row.purpose,
        "expected_daily_calls": row.expected_daily_calls,
        "data_needed": row.data_needed,
        "validity_start": _maybe_utc(row.validity_start),
        "validity_end": _maybe_utc(row.validity_end),
        "contact_name": row.contact_name,
        "contact_phone": row.contact_phone,
        "contact_email": row.contact_email,
        "status": applications.status_name(row.status),
        "current_step": row.current_step,
    }


def _record_message(entry: dict[str, Any]) -> pb.ReviewRecord:
    return pb.ReviewRecord(
        action=entry["action"],
        step=entry["step"],
        step_name=entry["step_name"],
        actor_user_id=entry["actor_user_id"],
        actor_name=entry["actor_name"],
        comment=entry["comment"],
        action_time=to_timestamp(datetime.fromisoformat(entry["time"])),
    )


def access_application_message(
    row: AccessApplicationRow, services: dict[str, ApiServiceRow]
) -> pb.AccessApplication:
    steps = [pb.ReviewStep(**step) for step in row.steps]
    pending = row.status == applications.PENDING and row.current_step < len(steps)
    validity = common_pb2.TimeRange(
        start_time=to_timestamp(_maybe_utc(row.validity_start)),
        end_time=to_timestamp(_maybe_utc(row.validity_end)),
    )
    items = []
    for item in row.items:
        service = services.get(item.api_service_id)
        items.append(
            pb.AccessApplicationItem(
                api_service_id=item.api_service_id,
                api_service_code=service.code if service else "",
                api_service_name=service.name if service else "",
                api_service_version=service.version if service else "",
                requested_daily_quota=item.requested_daily_quota,
                requested_rate_limit_per_second=item.requested_rate_limit_per_second,
                access_grant_id=item.access_grant_id,
            )
        )
    return pb.AccessApplication(
        access_application_id=row.access_application_id,
        number=row.number,
        channel_id=row.channel_id,
        channel_name=row.channel_name,
        applicant_user_id=row.applicant_user_id,
        applicant_name=row.applicant_name,
        items=items,
        purpose=row.purpose,
        expected_daily_calls=row.expected_daily_calls,
        data_needed=row.data_needed,
        validity=validity,
        contact_name=row.contact_name,
        contact_phone=row.contact_phone,
        contact_email=row.contact_email,
        audit=audit_info(row),
        status=row.status,  # type: ignore[arg-type]
        current_step=row.current_step if pending else 0,
        current_step_name=steps[row.current_step].name if pending else "",
        steps=steps,
        attachments=[attachment_message(attachment) for attachment in row.attachments],
        history=[_record_message(entry) for entry in row.history],
        submit_time=to_timestamp(_maybe_utc(row.submit_time)),
        decide_time=to_timestamp(_maybe_utc(row.decide_time)),
    )


def attachment_message(row: AccessApplicationAttachmentRow) -> common_pb2.Attachment:
    return common_pb2.Attachment(
        attachment_id=row.attachment_id,
        file_name=row.file_name,
        content_type=row.content_type,
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        uploaded_by=row.uploaded_by,
        upload_time=to_timestamp(as_utc(row.upload_time)),
    )


def _attachment_snapshot(row: AccessApplicationAttachmentRow) -> dict[str, Any]:
    return {
        "attachment_id": row.attachment_id,
        "file_name": row.file_name,
        "content_type": row.content_type,
        "size_bytes": row.size_bytes,
        "sha256": row.sha256,
    }


def _message(session: Session, row: AccessApplicationRow) -> pb.AccessApplication:
    services = store.api_services(session, [item.api_service_id for item in row.items])
    return access_application_message(row, services)


def review_policy_message(category: str, row: ReviewPolicyRow | None) -> pb.ReviewPolicy:
    if row is None:  # no policy: one step any approver takes, no default expiry
        return pb.ReviewPolicy(
            category=category, steps=[pb.ReviewStep(**applications.DEFAULT_STEP)]
        )
    return pb.ReviewPolicy(
        category=row.category,
        steps=[pb.ReviewStep(**step) for step in row.steps],
        default_grant_days=row.default_grant_days,
        audit=audit_info(row),
    )


def _history_entry(row: AccessApplicationRow, key: str, action: int) -> dict[str, Any] | None:
    """The entry of an earlier action taken with this idempotency key, if any."""
    if not key:
        return None
    for entry in row.history:
        if entry.get("idempotency_key") == key and entry["action"] == action:
            return entry
    return None


def _approvers_since_submit(row: AccessApplicationRow) -> list[str]:
    approvers: list[str] = []
    for entry in row.history:
        if entry["action"] == applications.SUBMIT:
            approvers = []
        elif entry["action"] == applications.APPROVE:
            approvers.append(str(entry["actor_user_id"]))
    return approvers


def _record(
    row: AccessApplicationRow,
    action: int,
    caller: Caller,
    comment: str,
    now: datetime,
    *,
    key: str = "",
    final: bool = False,
) -> None:
    """Add the action to the application's history and tell the applicant about it."""
    step_name = row.steps[row.current_step]["name"] if row.current_step < len(row.steps) else ""
    entry = applications.record(
        action,
        row.current_step,
        step_name,
        actor_user_id=caller.subject,
        actor_name=actor_name(),
        comment=comment.strip(),
        time=now,
        idempotency_key=key,
    )
    row.history = [*row.history, entry]  # a new list: the JSON column sees the change
    notify_applicant(row, applications.notice(action, step_name, comment.strip(), final), now)


def notify_applicant(row: AccessApplicationRow, message: str, now: datetime) -> None:
    """Keep what the applicant is to be told with the application (the developer center shows
    it); sending it by mail or SMS is monitor's notification channels' job."""
    notice: dict[str, object] = {
        "time": now.isoformat(),
        "user_id": row.applicant_user_id,
        "message": message,
    }
    row.notifications = [*row.notifications, notice]
    log.info(
        "access application notice",
        extra={"access_application": row.access_application_id, "notice": message},
    )


def _caller() -> Caller:
    caller = current_caller()
    if caller is None:
        raise Unauthenticated("sign in first: this call needs an access token")
    return caller


def _reviewer() -> Caller:
    caller = _caller()
    if caller.is_vendor:
        raise PermissionDenied("a vendor account cannot review access applications")
    return caller


async def visible_application(
    uow: UnitOfWork,
    directory: Directory,
    context: grpc.aio.ServicerContext,
    access_application_id: str,
) -> AccessApplicationRow:
    """The application, if the caller may see it: to a vendor, one of another vendor's channels
    does not exist (NOT_FOUND, as for a made-up id)."""
    row = await uow.run(lambda s: store.access_application(s, access_application_id))
    if _caller().is_vendor:
        try:
            await directory.channel(authorization_of(context), row.channel_id)
        except NotFound:
            raise NotFound(f"no access application {access_application_id}") from None
    return row


class AccessReviewServicer(AccessServicer):
    """AccessService with applications, their review and the review policies."""

    def __init__(self, uow: UnitOfWork, edge: EdgeControl, directory: Directory) -> None:
        super().__init__(uow, edge)
        # Identity, asked with the caller's own token: which channels and roles it has.
        self.directory = directory

    async def _visible(
        self, context: grpc.aio.ServicerContext, access_application_id: str
    ) -> AccessApplicationRow:
        return await visible_application(self.uow, self.directory, context, access_application_id)

    async def _roles_for(
        self, context: grpc.aio.ServicerContext, row: AccessApplicationRow
    ) -> frozenset[str]:
        """The reviewer's roles, asked of identity only when a step of the application needs one."""
        if not any(step.get("reviewer_role") for step in row.steps):
            return frozenset()
        return await self.directory.own_roles(authorization_of(context))

    async def _act(
        self,
        work: Callable[[Session], T],
        *,
        cause: str,
        actor: str,
        through_edge: bool = False,
    ) -> T:
        """Run a write; a reviewer acting on the same application at the same moment loses."""
        try:
            if through_edge:
                return await self.edge.write(work, cause=cause, actor=actor)
            return await self.uow.run(work)
        except StaleDataError:
            raise Aborted("the application changed meanwhile: read it again and retry") from None

    # --- the applicant ---------------------------------------------------------------------

    async def CreateAccessApplication(
        self, request: pb.CreateAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateAccessApplicationResponse:
        caller = _caller()
        spec = _spec(request.access_application)
        applications.validate_application(spec)
        channel = await self.directory.channel(authorization_of(context), spec.channel_id)
        actor = actor_name()
        facts = self._facts(context, "CreateAccessApplication")

        def work(session: Session) -> pb.AccessApplication:
            _applicable_services(session, spec)
            now = utcnow()
            row = AccessApplicationRow(
                access_application_id=str(uuid.uuid4()),
                number=store.next_application_number(session, now.year),
                channel_id=channel.channel_id,
                channel_code=channel.code,
                channel_name=channel.name,
                applicant_user_id=caller.subject,
                applicant_name=actor,
                status=applications.DRAFT,
                current_step=0,
                current_reviewer_role="",
                steps=[],
                history=[],
                notifications=[],
                submit_time=None,
                decide_time=None,
                items=[],
            )
            _set_fields(row, spec)
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"drafted access application {row.number} of {row.channel_code}",
                after=access_application_snapshot(row),
            )
            return _message(session, row)

        try:
            created = await self.uow.run(work)
        except IntegrityError:
            created = await self.uow.run(work)  # another replica took the number first
        log.info(
            "access application drafted",
            extra={"access_application": created.access_application_id},
        )
        return pb.CreateAccessApplicationResponse(access_application=created)

    async def GetAccessApplication(
        self, request: pb.GetAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetAccessApplicationResponse:
        await self._visible(context, request.access_application_id)

        def work(session: Session) -> pb.AccessApplication:
            return _message(
                session, store.access_application(session, request.access_application_id)
            )

        return pb.GetAccessApplicationResponse(access_application=await self.uow.run(work))

    async def ListAccessApplications(
        self, request: pb.ListAccessApplicationsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListAccessApplicationsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(
            request.status == pb.ACCESS_APPLICATION_STATUS_UNSPECIFIED
            or request.status in applications.STATUSES,
            "status",
            "an access application status",
        )
        check.check()
        caller = _caller()
        authorization = authorization_of(context)
        visible = await self.directory.own_channel_ids(authorization) if caller.is_vendor else None
        reviewer: tuple[str, frozenset[str]] | None = None
        if request.awaiting_my_review:
            if caller.is_vendor or not caller.may(APPROVE_PERMISSION):
                visible = frozenset()  # nothing waits for someone who cannot review
            else:
                reviewer = (caller.subject, await self.directory.own_roles(authorization))
        window = request.submit_time_range

        def work(session: Session) -> tuple[list[pb.AccessApplication], int]:
            rows, total = store.list_access_applications(
                session,
                offset,
                limit,
                visible_channel_ids=visible,
                channel_id=request.channel_id,
                status=request.status,
                api_service_id=request.api_service_id,
                applicant_user_id=request.applicant_user_id,
                reviewer=reviewer,
                submitted_from=_moment(window, "start_time"),
                submitted_before=_moment(window, "end_time"),
                query=request.query.strip(),
            )
            return [_message(session, row) for row in rows], total

        found, total = await self.uow.run(work)
        return pb.ListAccessApplicationsResponse(
            access_applications=found,
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateAccessApplication(
        self, request: pb.UpdateAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateAccessApplicationResponse:
        paths = mask_paths(request.update_mask, applications.WRITABLE)
        await self._visible(context, request.access_application_id)
        actor = actor_name()
        facts = self._facts(context, "UpdateAccessApplication")

        def work(session: Session) -> pb.AccessApplication:
            row = store.access_application(session, request.access_application_id)
            applications.require_status(row.number, row.status, applications.EDITABLE, "changed")
            spec = _merged(row, request.access_application, paths)
            applications.validate_application(spec)
            _applicable_services(session, spec)
            before = access_application_snapshot(row)
            _set_fields(row, spec)
            stamp(row, actor, created=False)
            session.flush()
            after = access_application_snapshot(row)
            if after != before:
                audit(
                    session,
                    AuditOutboxRow,
                    facts,
                    "access_application",
                    row.access_application_id,
                    f"changed access application {row.number}",
                    before=before,
                    after=after,
                )
            return _message(session, row)

        updated = await self._act(
            work, cause=f"access_application.update {request.access_application_id}", actor=actor
        )
        return pb.UpdateAccessApplicationResponse(access_application=updated)

    async def SubmitAccessApplication(
        self, request: pb.SubmitAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.SubmitAccessApplicationResponse:
        check = Validator()
        applications.check_comment(check, request.comment, required=False)
        check.check()
        caller = _caller()
        await self._visible(context, request.access_application_id)
        actor = actor_name()
        facts = self._facts(context, "SubmitAccessApplication")

        def work(session: Session) -> pb.AccessApplication:
            row = store.access_application(session, request.access_application_id)
            applications.require_status(row.number, row.status, applications.EDITABLE, "submitted")
            spec = _stored_spec(row)
            applications.validate_application(spec)
            services = _applicable_services(session, spec)
            policies = store.review_policies(
                session, {service.category for service in services.values()}
            )
            before = access_application_snapshot(row)
            now = utcnow()
            # The steps are fixed now: a policy changed later applies to later submissions.
            row.steps = applications.review_steps(policy.steps for policy in policies)
            row.current_step = 0
            row.current_reviewer_role = row.steps[0]["reviewer_role"]
            row.status = applications.PENDING
            row.submit_time = now
            row.decide_time = None
            _record(row, applications.SUBMIT, caller, request.comment, now)
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"submitted access application {row.number} for review",
                before=before,
                after=access_application_snapshot(row),
            )
            return _message(session, row)

        submitted = await self._act(
            work, cause=f"access_application.submit {request.access_application_id}", actor=actor
        )
        log.info(
            "access application submitted",
            extra={"access_application": submitted.access_application_id},
        )
        return pb.SubmitAccessApplicationResponse(access_application=submitted)

    async def WithdrawAccessApplication(
        self, request: pb.WithdrawAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.WithdrawAccessApplicationResponse:
        check = Validator()
        applications.check_comment(check, request.comment, required=False)
        check.check()
        caller = _caller()
        await self._visible(context, request.access_application_id)
        actor = actor_name()
        facts = self._facts(context, "WithdrawAccessApplication")

        def work(session: Session) -> pb.AccessApplication:
            row = store.access_application(session, request.access_application_id)
            if row.status == applications.WITHDRAWN:
                return _message(session, row)  # a retry finds it withdrawn already
            applications.require_status(
                row.number, row.status, applications.WITHDRAWABLE, "withdrawn"
            )
            before = access_application_snapshot(row)
            now = utcnow()
            _record(row, applications.WITHDRAW, caller, request.comment, now)
            row.status = applications.WITHDRAWN
            row.current_reviewer_role = ""
            row.decide_time = now
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"withdrew access application {row.number}",
                before=before,
                after=access_application_snapshot(row),
            )
            return _message(session, row)

        withdrawn = await self._act(
            work,
            cause=f"access_application.withdraw {request.access_application_id}",
            actor=actor,
        )
        return pb.WithdrawAccessApplicationResponse(access_application=withdrawn)

    async def UploadAccessApplicationAttachment(
        self,
        request: pb.UploadAccessApplicationAttachmentRequest,
        context: grpc.aio.ServicerContext,
    ) -> pb.UploadAccessApplicationAttachmentResponse:
        given = request.file
        applications.validate_attachment(given.file_name, given.content_type, given.content)
        await self._visible(context, request.access_application_id)
        actor = actor_name()
        facts = self._facts(context, "UploadAccessApplicationAttachment")

        def work(session: Session) -> common_pb2.Attachment:
            row = store.access_application(session, request.access_application_id)
            applications.require_status(
                row.number, row.status, applications.EDITABLE, "given attachments"
            )
            if len(row.attachments) >= applications.MAX_ATTACHMENTS:
                raise FailedPrecondition(
                    f"application {row.number} has {applications.MAX_ATTACHMENTS} attachments "
                    "already: delete one first",
                    subject=row.number,
                    kind="TOO_MANY_ATTACHMENTS",
                )
            attachment = AccessApplicationAttachmentRow(
                attachment_id=str(uuid.uuid4()),
                file_name=given.file_name.strip(),
                content_type=given.content_type,
                size_bytes=len(given.content),
                sha256=hashlib.sha256(given.content).hexdigest(),
                content=given.content,
                uploaded_by=actor,
                upload_time=utcnow(),
            )
            row.attachments.append(attachment)
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"attached {attachment.file_name} to access application {row.number}",
                after=_attachment_snapshot(attachment),
            )
            return attachment_message(attachment)

        attached = await self._act(
            work, cause=f"access_application.attach {request.access_application_id}", actor=actor
        )
        return pb.UploadAccessApplicationAttachmentResponse(attachment=attached)

    async def DeleteAccessApplicationAttachment(
        self,
        request: pb.DeleteAccessApplicationAttachmentRequest,
        context: grpc.aio.ServicerContext,
    ) -> pb.DeleteAccessApplicationAttachmentResponse:
        await self._visible(context, request.access_application_id)
        actor = actor_name()
        facts = self._facts(context, "DeleteAccessApplicationAttachment")

        def work(session: Session) -> None:
            row = store.access_application(session, request.access_application_id)
            applications.require_status(row.number, row.status, applications.EDITABLE, "changed")
            found = [a for a in row.attachments if a.attachment_id == request.attachment_id]
            if not found:
                raise NotFound(
                    f"no attachment {request.attachment_id} of access application {row.number}"
                )
            before = _attachment_snapshot(found[0])
            row.attachments.remove(found[0])
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"removed {before['file_name']} from access application {row.number}",
                before=before,
            )

        await self._act(
            work, cause=f"access_application.detach {request.access_application_id}", actor=actor
        )
        return pb.DeleteAccessApplicationAttachmentResponse()

    # --- the reviewers ---------------------------------------------------------------------

    def _check_review_request(
        self, access_application_id: str, comment: str, key: str, *, comment_required: bool
    ) -> Validator:
        check = Validator()
        check.require(bool(access_application_id), "access_application_id", "required")
        applications.check_comment(check, comment, required=comment_required)
        grants.check_idempotency_key(check, key)
        return check

    async def ApproveAccessApplication(
        self, request: pb.ApproveAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.ApproveAccessApplicationResponse:
        check = self._check_review_request(
            request.access_application_id,
            request.comment,
            request.idempotency_key,
            comment_required=False,
        )
        now = utcnow()
        overrides: dict[str, grants.GrantTerms] = {}
        for index, terms in enumerate(request.grant_terms):
            field = f"grant_terms[{index}]"
            check.require(bool(terms.api_service_id), f"{field}.api_service_id", "required")
            check.require(
                terms.api_service_id not in overrides,
                f"{field}.api_service_id",
                "listed more than once",
            )
            overrides[terms.api_service_id] = grants.GrantTerms(
                daily_quota=terms.daily_quota,
                rate_limit_per_second=terms.rate_limit_per_second,
                expire_time=_moment(terms, "expire_time"),
            )
            check.require(terms.daily_quota >= 0, f"{field}.daily_quota", "must not be negative")
            check.require(
                terms.rate_limit_per_second >= 0,
                f"{field}.rate_limit_per_second",
                "must not be negative",
            )
            expire = _moment(terms, "expire_time")
            check.require(
                expire is None or expire > now, f"{field}.expire_time", "must be in the future"
            )
        check.check()
        caller = _reviewer()
        seen = await self._visible(context, request.access_application_id)
        roles = await self._roles_for(context, seen)
        key = request.idempotency_key
        actor = actor_name()
        facts = self._facts(context, "ApproveAccessApplication")

        def work(session: Session) -> Reviewed:
            row = store.access_application(session, request.access_application_id)
            if _history_entry(row, key, applications.APPROVE) is not None:
                return _message(session, row), self._grants_of(session, row)  # a retry
            applications.require_status(row.number, row.status, (applications.PENDING,), "approved")
            step = row.steps[row.current_step]
            applications.check_reviewer(
                applicant_user_id=row.applicant_user_id,
                reviewer_user_id=caller.subject,
                reviewer_roles=roles,
                step=step,
                earlier_approvers=_approvers_since_submit(row),
            )
            unknown = set(overrides) - {item.api_service_id for item in row.items}
            if unknown:
                raise InvalidArgument(
                    [
                        FieldViolation(
                            "grant_terms",
                            f"not asked for in this application: {', '.join(unknown)}",
                        )
                    ]
                )
            before = access_application_snapshot(row)
            final = row.current_step == len(row.steps) - 1
            _record(row, applications.APPROVE, caller, request.comment, now, key=key, final=final)
            made: list[pb.AccessGrant] = []
            if final:
                made = self._grant(session, row, overrides, request.comment, actor, facts, now)
                row.status = applications.APPROVED
                row.current_reviewer_role = ""
                row.decide_time = now
            else:
                row.current_step += 1
                row.current_reviewer_role = row.steps[row.current_step]["reviewer_role"]
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                (
                    f"approved access application {row.number}: "
                    f"{len(made)} API(s) granted to {row.channel_code}"
                    if final
                    else f"approved step {step['name']} of access application {row.number}"
                ),
                before=before,
                after=access_application_snapshot(row),
            )
            return _message(session, row), made

        application, made = await self._act(
            work,
            cause=f"access_application.approve {request.access_application_id}",
            actor=actor,
            through_edge=True,
        )
        log.info(
            "access application approved",
            extra={"access_application": application.access_application_id, "grants": len(made)},
        )
        return pb.ApproveAccessApplicationResponse(
            access_application=application, access_grants=made
        )

    def _grant(
        self,
        session: Session,
        row: AccessApplicationRow,
        overrides: dict[str, grants.GrantTerms],
        comment: str,
        actor: str,
        facts: RequestFacts,
        now: datetime,
    ) -> list[pb.AccessGrant]:
        """One grant per API service asked for, through the direct grants' own code."""
        policies = {
            policy.category: policy
            for policy in store.review_policies(
                session,
                {store.api_service(session, item.api_service_id).category for item in row.items},
            )
        }
        start = _maybe_utc(row.validity_start)
        made = []
        for item in row.items:
            service = store.api_service(session, item.api_service_id)
            policy = policies.get(service.category)
            terms = overrides.get(item.api_service_id) or grants.GrantTerms(
                daily_quota=item.requested_daily_quota,
                rate_limit_per_second=item.requested_rate_limit_per_second,
                expire_time=applications.default_expiry(
                    _maybe_utc(row.validity_end),
                    policy.default_grant_days if policy else 0,
                    now,
                ),
            )
            check = Validator()
            grants.check_terms(check, terms, start, now)
            check.check()
            spec = grants.GrantSpec(
                channel_id=row.channel_id,
                channel_code=row.channel_code,
                api_service_id=item.api_service_id,
                terms=terms,
                start_time=start if start is not None and start > now else None,
            )
            grant, granted_service = make_grant(
                session,
                spec,
                reason=f"access application {row.number} {comment.strip()}"[: grants.MAX_REASON],
                key="",
                actor=actor,
                facts=facts,
                access_application_id=row.access_application_id,
            )
            item.access_grant_id = grant.access_grant_id
            made.append(access_grant_message(grant, granted_service, now))
        return made

    def _grants_of(self, session: Session, row: AccessApplicationRow) -> list[pb.AccessGrant]:
        now = utcnow()
        made = []
        for item in row.items:
            if item.access_grant_id:
                grant = store.access_grant(session, item.access_grant_id)
                service = store.api_service(session, grant.api_service_id)
                made.append(access_grant_message(grant, service, now))
        return made

    async def _decline(
        self,
        context: grpc.aio.ServicerContext,
        access_application_id: str,
        comment: str,
        key: str,
        *,
        action: int,
        method: str,
    ) -> pb.AccessApplication:
        """Reject (final) or return (for changes) a pending application at its current step."""
        self._check_review_request(
            access_application_id, comment, key, comment_required=True
        ).check()
        caller = _reviewer()
        seen = await self._visible(context, access_application_id)
        roles = await self._roles_for(context, seen)
        actor = actor_name()
        facts = self._facts(context, method)
        word = "rejected" if action == applications.REJECT else "returned"

        def work(session: Session) -> pb.AccessApplication:
            row = store.access_application(session, access_application_id)
            if _history_entry(row, key, action) is not None:
                return _message(session, row)  # a retry
            applications.require_status(row.number, row.status, (applications.PENDING,), word)
            step = row.steps[row.current_step]
            applications.check_reviewer(
                applicant_user_id=row.applicant_user_id,
                reviewer_user_id=caller.subject,
                reviewer_roles=roles,
                step=step,
                earlier_approvers=_approvers_since_submit(row),
            )
            before = access_application_snapshot(row)
            now = utcnow()
            _record(row, action, caller, comment, now, key=key)
            row.current_reviewer_role = ""
            if action == applications.REJECT:
                row.status = applications.REJECTED
                row.decide_time = now
            else:
                row.status = applications.RETURNED
                row.current_step = 0
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_application",
                row.access_application_id,
                f"{word} access application {row.number}: {comment.strip()}",
                before=before,
                after=access_application_snapshot(row),
            )
            return _message(session, row)

        decided: pb.AccessApplication = await self._act(
            work, cause=f"access_application.{word} {access_application_id}", actor=actor
        )
        log.info(f"access application {word}", extra={"access_application": access_application_id})
        return decided

    async def RejectAccessApplication(
        self, request: pb.RejectAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.RejectAccessApplicationResponse:
        decided = await self._decline(
            context,
            request.access_application_id,
            request.comment,
            request.idempotency_key,
            action=applications.REJECT,
            method="RejectAccessApplication",
        )
        return pb.RejectAccessApplicationResponse(access_application=decided)

    async def ReturnAccessApplication(
        self, request: pb.ReturnAccessApplicationRequest, context: grpc.aio.ServicerContext
    ) -> pb.ReturnAccessApplicationResponse:
        decided = await self._decline(
            context,
            request.access_application_id,
            request.comment,
            request.idempotency_key,
            action=applications.RETURN,
            method="ReturnAccessApplication",
        )
        return pb.ReturnAccessApplicationResponse(access_application=decided)

    # --- review policies -------------------------------------------------------------------

    async def ListReviewPolicies(
        self, request: pb.ListReviewPoliciesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListReviewPoliciesResponse:
        """Every API category's policy; a category without one shows the default single step."""
        offset, limit = page_window(request.page_size, request.page_token)
        categories = list(domain.CATEGORIES)
        stored = await self.uow.run(lambda s: store.review_policies(s, set(categories)))
        by_category = {row.category: row for row in stored}
        return pb.ListReviewPoliciesResponse(
            review_policies=[
                review_policy_message(category, by_category.get(category))
                for category in categories[offset : offset + limit]
            ],
            next_page_token=next_token(offset, limit, len(categories)),
            total_size=len(categories),
        )

    async def UpdateReviewPolicy(
        self, request: pb.UpdateReviewPolicyRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateReviewPolicyResponse:
        category = request.category or request.review_policy.category
        steps = [
            {"name": step.name.strip(), "reviewer_role": step.reviewer_role.strip()}
            for step in request.review_policy.steps
        ]
        days = request.review_policy.default_grant_days
        applications.validate_policy(category, steps, days)
        actor = actor_name()
        facts = self._facts(context, "UpdateReviewPolicy")

        def work(session: Session) -> pb.ReviewPolicy:
            row = store.review_policy(session, category)
            before = (
                None
                if row is None
                else {"steps": row.steps, "default_grant_days": row.default_grant_days}
            )
            if row is None:
                row = ReviewPolicyRow(category=category, steps=steps, default_grant_days=days)
                stamp(row, actor, created=True)
                session.add(row)
            else:
                row.steps = steps
                row.default_grant_days = days
                stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "review_policy",
                category,
                f"set the review policy of {category}: {len(steps)} step(s)",
                before=before,
                after={"steps": steps, "default_grant_days": days},
            )
            return review_policy_message(category, row)

        try:
            policy = await self.uow.run(work)
        except IntegrityError:
            policy = await self.uow.run(work)  # another replica created it first
        return pb.UpdateReviewPolicyResponse(review_policy=policy)
