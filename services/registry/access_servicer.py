"""Registry's AccessService: direct access grants, which the edge enforces.

Access applications, their attachments, their review and the review policies are in
review_servicer, which extends this servicer.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

import grpc
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.registry import grants, store
from services.registry.models import AccessGrantRow, ApiServiceRow, AuditOutboxRow
from services.registry.xds import EdgeControl
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    AlreadyExists,
    FailedPrecondition,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths
from wailian.registry.v1 import access_pb2 as pb
from wailian.registry.v1 import access_pb2_grpc as pb_grpc
from wailian.registry.v1 import catalog_pb2

log = logging.getLogger("wailian.registry")

Granted = tuple[AccessGrantRow, ApiServiceRow]
SERVICE = pb.DESCRIPTOR.services_by_name["AccessService"]


def _time(message: pb.AccessGrant, field: str) -> datetime | None:
    if not message.HasField(field):
        return None
    moment: datetime = getattr(message, field).ToDatetime(tzinfo=UTC)
    return moment


def _maybe_utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def access_grant_snapshot(row: AccessGrantRow) -> dict[str, Any]:
    """The grant as the audit trail keeps it, before and after a change (reasons included)."""
    return {
        "channel_id": row.channel_id,
        "channel_code": row.channel_code,
        "api_service_id": row.api_service_id,
        "access_application_id": row.access_application_id,
        "daily_quota": row.daily_quota,
        "rate_limit_per_second": row.rate_limit_per_second,
        "start_time": as_utc(row.start_time),
        "expire_time": _maybe_utc(row.expire_time),
        "status": pb.AccessGrantStatus.Name(row.status),  # type: ignore[arg-type]
        "grant_reason": row.grant_reason,
        "revoke_reason": row.revoke_reason,
        "revoke_time": _maybe_utc(row.revoke_time),
    }


def access_grant_message(
    row: AccessGrantRow, service: ApiServiceRow, now: datetime
) -> pb.AccessGrant:
    """The grant as callers see it: its status as it stands at `now`."""
    start_time, expire_time = as_utc(row.start_time), _maybe_utc(row.expire_time)
    return pb.AccessGrant(
        access_grant_id=row.access_grant_id,
        channel_id=row.channel_id,
        channel_code=row.channel_code,
        api_service_id=row.api_service_id,
        api_service_code=service.code,
        api_service_version=service.version,
        access_application_id=row.access_application_id,
        daily_quota=row.daily_quota,
        rate_limit_per_second=row.rate_limit_per_second,
        start_time=to_timestamp(start_time),
        expire_time=to_timestamp(expire_time),
        status=grants.status_at(row.status, start_time, expire_time, now),
        revoke_reason=row.revoke_reason,
        revoke_time=to_timestamp(row.revoke_time),
        audit=audit_info(row),
    )


def make_grant(
    session: Session,
    spec: grants.GrantSpec,
    *,
    reason: str,
    key: str,
    actor: str,
    facts: RequestFacts,
    access_application_id: str = "",
) -> Granted:
    """Grant a channel one API service, in the caller's transaction, with its audit record.

    A direct grant (CreateAccessGrant) and the final approval of an access application both make
    their grants here. A retry with the same idempotency key finds the first grant.
    """
    if key:
        done = store.access_grant_by_idempotency_key(session, key)
        if done is not None:
            if (done.channel_id, done.api_service_id) != (spec.channel_id, spec.api_service_id):
                raise FailedPrecondition(
                    "this idempotency_key was used for a grant to another channel or API",
                    subject=key,
                    kind="IDEMPOTENCY_KEY_REUSED",
                )
            return done, store.api_service(session, done.api_service_id)
    service = store.api_service(session, spec.api_service_id)
    if service.status == catalog_pb2.API_SERVICE_STATUS_OFFLINE:
        raise FailedPrecondition(
            f"{service.code} {service.version} is offline: it cannot be granted",
            subject=service.code,
            kind="API_SERVICE_OFFLINE",
        )
    now = utcnow()
    live = store.live_access_grant(session, spec.channel_id, service.api_service_id)
    if live is not None:
        standing = grants.status_at(
            live.status, as_utc(live.start_time), _maybe_utc(live.expire_time), now
        )
        if standing != grants.EXPIRED:
            raise AlreadyExists(
                f"channel {spec.channel_code} already has grant {live.access_grant_id} "
                f"for {service.code} {service.version}: update or revoke it"
            )
        before = access_grant_snapshot(live)
        live.status = grants.EXPIRED  # superseded: kept as history
        stamp(live, actor, created=False)
        session.flush()
        audit(
            session,
            AuditOutboxRow,
            facts,
            "access_grant",
            live.access_grant_id,
            f"superseded the lapsed grant of {live.channel_code} to "
            f"{service.code} {service.version}",
            before=before,
            after=access_grant_snapshot(live),
        )
    row = AccessGrantRow(
        access_grant_id=str(uuid.uuid4()),
        channel_id=spec.channel_id,
        channel_code=spec.channel_code,
        api_service_id=service.api_service_id,
        access_application_id=access_application_id,
        daily_quota=spec.terms.daily_quota,
        rate_limit_per_second=spec.terms.rate_limit_per_second,
        start_time=spec.start_time or now,
        expire_time=spec.terms.expire_time,
        status=grants.ACTIVE,
        grant_reason=reason.strip(),
        revoke_reason="",
        revoke_time=None,
        idempotency_key=key or None,
    )
    stamp(row, actor, created=True)
    session.add(row)
    session.flush()
    audit(
        session,
        AuditOutboxRow,
        facts,
        "access_grant",
        row.access_grant_id,
        f"granted {row.channel_code} access to {service.code} {service.version}",
        after=access_grant_snapshot(row),
    )
    return row, service


class AccessServicer(pb_grpc.AccessServiceServicer):
    def __init__(self, uow: UnitOfWork, edge: EdgeControl) -> None:
        self.uow = uow
        # Grants decide whom the edge lets through, so their writes go through it: one
        # transaction makes the change and the edge snapshot it calls for.
        self.edge = edge

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    async def CreateAccessGrant(
        self, request: pb.CreateAccessGrantRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateAccessGrantResponse:
        given = request.access_grant
        spec = grants.GrantSpec(
            channel_id=given.channel_id,
            channel_code=given.channel_code,
            api_service_id=given.api_service_id,
            terms=grants.GrantTerms(
                daily_quota=given.daily_quota,
                rate_limit_per_second=given.rate_limit_per_second,
                expire_time=_time(given, "expire_time"),
            ),
            start_time=_time(given, "start_time"),
        )
        grants.validate_grant(spec, request.reason, request.idempotency_key, utcnow())
        key = request.idempotency_key
        actor = actor_name()
        facts = self._facts(context, "CreateAccessGrant")

        def work(session: Session) -> Granted:
            return make_grant(
                session, spec, reason=request.reason, key=key, actor=actor, facts=facts
            )

        cause = f"access_grant.create {spec.channel_code} {spec.api_service_id}"
        try:
            row, service = await self.edge.write(work, cause=cause, actor=actor)
        except IntegrityError:
            # Another replica made this grant, or used this key, first: a second run finds it
            # and answers as it answers any retry.
            row, service = await self.edge.write(work, cause=cause, actor=actor)
        log.info(
            "access grant created",
            extra={"access_grant": row.access_grant_id, "channel": row.channel_code},
        )
        return pb.CreateAccessGrantResponse(
            access_grant=access_grant_message(row, service, utcnow())
        )

    async def GetAccessGrant(
        self, request: pb.GetAccessGrantRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetAccessGrantResponse:
        def work(session: Session) -> Granted:
            row = store.access_grant(session, request.access_grant_id)
            return row, store.api_service(session, row.api_service_id)

        row, service = await self.uow.run(work)
        return pb.GetAccessGrantResponse(access_grant=access_grant_message(row, service, utcnow()))

    async def ListAccessGrants(
        self, request: pb.ListAccessGrantsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListAccessGrantsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(
            request.status == pb.ACCESS_GRANT_STATUS_UNSPECIFIED
            or request.status in grants.STATUSES,
            "status",
            "an access grant status",
        )
        check.check()
        expire_before = (
            request.expire_before.ToDatetime(tzinfo=UTC)
            if request.HasField("expire_before")
            else None
        )
        now = utcnow()
        rows, total = await self.uow.run(
            lambda s: store.list_access_grants(
                s,
                offset,
                limit,
                channel_id=request.channel_id,
                api_service_id=request.api_service_id,
                status=request.status,
                expire_before=expire_before,
                now=now,
            )
        )
        return pb.ListAccessGrantsResponse(
            access_grants=[access_grant_message(row, service, now) for row, service in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateAccessGrant(
        self, request: pb.UpdateAccessGrantRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateAccessGrantResponse:
        paths = mask_paths(request.update_mask, grants.TERMS)
        check = Validator()
        check.require(bool(request.access_grant_id), "access_grant_id", "required")
        grants.check_idempotency_key(check, request.idempotency_key)
        check.check()
        given = request.access_grant
        actor = actor_name()
        facts = self._facts(context, "UpdateAccessGrant")

        def work(session: Session) -> Granted:
            row = store.access_grant(session, request.access_grant_id)
            before = access_grant_snapshot(row)
            now = utcnow()
            start_time, expire_time = as_utc(row.start_time), _maybe_utc(row.expire_time)
            standing = grants.status_at(row.status, start_time, expire_time, now)
            if standing in (grants.REVOKED, grants.EXPIRED):
                word = "revoked" if standing == grants.REVOKED else "expired"
                raise FailedPrecondition(
                    f"grant {row.access_grant_id} has {word}: make a new grant instead",
                    subject=row.access_grant_id,
                    kind=f"GRANT_{word.upper()}",
                )
            # Setting the terms again gives the same grant, so a retried update is harmless.
            terms = grants.GrantTerms(
                daily_quota=given.daily_quota if "daily_quota" in paths else row.daily_quota,
                rate_limit_per_second=(
                    given.rate_limit_per_second
                    if "rate_limit_per_second" in paths
                    else row.rate_limit_per_second
                ),
                expire_time=_time(given, "expire_time") if "expire_time" in paths else expire_time,
            )
            check = Validator()
            grants.check_terms(check, terms, start_time, now)
            check.check()
            row.daily_quota = terms.daily_quota
            row.rate_limit_per_second = terms.rate_limit_per_second
            row.expire_time = terms.expire_time
            stamp(row, actor, created=False)
            session.flush()
            service = store.api_service(session, row.api_service_id)
            after = access_grant_snapshot(row)
            if after != before:  # a retried update changes nothing and records nothing
                audit(
                    session,
                    AuditOutboxRow,
                    facts,
                    "access_grant",
                    row.access_grant_id,
                    f"changed the terms of {row.channel_code}'s access to "
                    f"{service.code} {service.version}",
                    before=before,
                    after=after,
                )
            return row, service

        row, service = await self.edge.write(
            work, cause=f"access_grant.update {request.access_grant_id}", actor=actor
        )
        log.info("access grant updated", extra={"access_grant": row.access_grant_id})
        return pb.UpdateAccessGrantResponse(
            access_grant=access_grant_message(row, service, utcnow())
        )

    async def RevokeAccessGrant(
        self, request: pb.RevokeAccessGrantRequest, context: grpc.aio.ServicerContext
    ) -> pb.RevokeAccessGrantResponse:
        check = Validator()
        check.require(bool(request.access_grant_id), "access_grant_id", "required")
        grants.check_reason(check, request.reason)
        grants.check_idempotency_key(check, request.idempotency_key)
        check.check()
        actor = actor_name()
        facts = self._facts(context, "RevokeAccessGrant")

        def work(session: Session) -> Granted:
            row = store.access_grant(session, request.access_grant_id)
            service = store.api_service(session, row.api_service_id)
            if row.status == grants.REVOKED:
                return row, service  # a retry finds it revoked already, with the first reason
            before = access_grant_snapshot(row)
            row.status = grants.REVOKED
            row.revoke_reason = request.reason.strip()
            row.revoke_time = utcnow()
            stamp(row, actor, created=False)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "access_grant",
                row.access_grant_id,
                f"revoked {row.channel_code}'s access to {service.code} {service.version}: "
                f"{row.revoke_reason}",
                before=before,
                after=access_grant_snapshot(row),
            )
            return row, service

        row, service = await self.edge.write(
            work, cause=f"access_grant.revoke {request.access_grant_id}", actor=actor
        )
        log.info("access grant revoked", extra={"access_grant": row.access_grant_id})
        return pb.RevokeAccessGrantResponse(
            access_grant=access_grant_message(row, service, utcnow())
        )
