"""Registry's gRPC servicers: translate messages and statuses; the unit of work owns each write."""

from __future__ import annotations

import logging
import uuid
from typing import Any

import grpc
from google.protobuf import duration_pb2
from sqlalchemy.orm import Session

from services.registry import domain, store
from services.registry.models import ApiServiceRow, AuditOutboxRow, UpstreamRow
from services.registry.xds import EdgeControl
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import AlreadyExists, FailedPrecondition, Validator
from services.runtime.paging import next_token, page_window
from wailian.registry.v1 import catalog_pb2 as pb
from wailian.registry.v1 import catalog_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.registry")

SERVICE = pb.DESCRIPTOR.services_by_name["CatalogService"]

DEFAULT_CONNECT_TIMEOUT_MS = 2_000
DEFAULT_REQUEST_TIMEOUT_MS = 15_000
ROUTABLE = (pb.API_SERVICE_STATUS_PUBLISHED, pb.API_SERVICE_STATUS_DEPRECATED)


def _millis(duration: duration_pb2.Duration, default: int) -> int:
    if duration.seconds == 0 and duration.nanos == 0:
        return default
    return duration.seconds * 1000 + duration.nanos // 1_000_000


def _duration(millis: int) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromMilliseconds(millis)
    return value


def upstream_message(row: UpstreamRow) -> pb.Upstream:
    return pb.Upstream(
        upstream_id=row.upstream_id,
        name=row.name,
        description=row.description,
        endpoints=[pb.Endpoint(**endpoint) for endpoint in row.endpoints],  # type: ignore[arg-type]
        protocol=row.protocol,  # type: ignore[arg-type]
        tls=row.tls,
        connect_timeout=_duration(row.connect_timeout_ms),
        request_timeout=_duration(row.request_timeout_ms),
        audit=audit_info(row),
    )


def upstream_snapshot(row: UpstreamRow) -> dict[str, Any]:
    """The upstream as the audit trail keeps it, before and after a change."""
    return {
        "name": row.name,
        "description": row.description,
        "endpoints": [dict(endpoint) for endpoint in row.endpoints],
        "protocol": pb.UpstreamProtocol.Name(row.protocol),  # type: ignore[arg-type]
        "tls": row.tls,
        "connect_timeout_ms": row.connect_timeout_ms,
        "request_timeout_ms": row.request_timeout_ms,
    }


def api_service_snapshot(row: ApiServiceRow) -> dict[str, Any]:
    """The API service as the audit trail keeps it, before and after a change."""
    return {
        "code": row.code,
        "version": row.version,
        "name": row.name,
        "category": row.category,
        "description": row.description,
        "status": pb.ApiServiceStatus.Name(row.status),  # type: ignore[arg-type]
        "method": pb.HttpMethod.Name(row.method),  # type: ignore[arg-type]
        "path": row.path,
        "upstream_id": row.upstream_id,
        "upstream_path": row.upstream_path,
        "owner": row.owner,
    }


def api_service_message(row: ApiServiceRow, upstream_name: str) -> pb.ApiService:
    return pb.ApiService(
        api_service_id=row.api_service_id,
        code=row.code,
        name=row.name,
        category=row.category,
        version=row.version,
        description=row.description,
        status=row.status,  # type: ignore[arg-type]
        method=row.method,  # type: ignore[arg-type]
        path=row.path,
        upstream_id=row.upstream_id,
        upstream_path=row.upstream_path,
        owner=row.owner,
        audit=audit_info(row),
        upstream_name=upstream_name,
    )


class CatalogServicer(pb_grpc.CatalogServiceServicer):
    def __init__(self, uow: UnitOfWork, edge: EdgeControl) -> None:
        self.uow = uow
        # Writes that change what the edge routes go through it: one transaction makes the
        # change and the edge snapshot it calls for.
        self.edge = edge

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    async def CreateUpstream(
        self, request: pb.CreateUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateUpstreamResponse:
        given = request.upstream
        spec = domain.UpstreamSpec(
            name=given.name,
            description=given.description,
            endpoints=[domain.EndpointSpec(e.host, e.port, e.weight or 1) for e in given.endpoints],
            protocol=given.protocol or pb.UPSTREAM_PROTOCOL_HTTP1,
            connect_timeout_ms=_millis(given.connect_timeout, DEFAULT_CONNECT_TIMEOUT_MS),
            request_timeout_ms=_millis(given.request_timeout, DEFAULT_REQUEST_TIMEOUT_MS),
        )
        known = {v for v in pb.UpstreamProtocol.values() if v != pb.UPSTREAM_PROTOCOL_UNSPECIFIED}
        domain.validate_upstream(spec, known)
        actor = actor_name()
        facts = self._facts(context, "CreateUpstream")

        def work(session: Session) -> UpstreamRow:
            if store.upstream_by_name(session, spec.name) is not None:
                raise AlreadyExists(f"an upstream named {spec.name!r} exists already")
            row = UpstreamRow(
                upstream_id=str(uuid.uuid4()),
                name=spec.name,
                description=spec.description,
                endpoints=[
                    {"host": e.host, "port": e.port, "weight": e.weight} for e in spec.endpoints
                ],
                protocol=spec.protocol,
                tls=given.tls,
                connect_timeout_ms=spec.connect_timeout_ms,
                request_timeout_ms=spec.request_timeout_ms,
            )
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "upstream",
                row.upstream_id,
                f"created upstream {row.name}",
                after=upstream_snapshot(row),
            )
            return row

        row = await self.edge.write(work, cause=f"upstream.create {spec.name}", actor=actor)
        log.info("upstream created", extra={"upstream": row.name})
        return pb.CreateUpstreamResponse(upstream=upstream_message(row))

    async def GetUpstream(
        self, request: pb.GetUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetUpstreamResponse:
        row = await self.uow.run(lambda s: store.upstream(s, request.upstream_id))
        return pb.GetUpstreamResponse(upstream=upstream_message(row))

    async def ListUpstreams(
        self, request: pb.ListUpstreamsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListUpstreamsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        rows, total = await self.uow.run(lambda s: store.list_upstreams(s, offset, limit))
        return pb.ListUpstreamsResponse(
            upstreams=[upstream_message(row) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def CreateApiService(
        self, request: pb.CreateApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateApiServiceResponse:
        given = request.api_service
        spec = domain.ApiServiceSpec(
            code=given.code,
            name=given.name,
            category=given.category,
            version=given.version or "v1",
            description=given.description,
            method=given.method,
            path=given.path,
            upstream_id=given.upstream_id,
            upstream_path=given.upstream_path,
            owner=given.owner,
        )
        known = {v for v in pb.HttpMethod.values() if v != pb.HTTP_METHOD_UNSPECIFIED}
        domain.validate_api_service(spec, known)
        actor = actor_name()
        facts = self._facts(context, "CreateApiService")

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            upstream = store.upstream(session, spec.upstream_id)
            if store.api_service_by_code(session, spec.code, spec.version) is not None:
                raise AlreadyExists(f"API service {spec.code} {spec.version} exists already")
            row = ApiServiceRow(
                api_service_id=str(uuid.uuid4()),
                code=spec.code,
                name=spec.name.strip(),
                category=spec.category,
                version=spec.version,
                description=spec.description,
                status=pb.API_SERVICE_STATUS_DRAFT,
                method=spec.method,
                path=spec.path,
                upstream_id=upstream.upstream_id,
                upstream_path=spec.upstream_path,
                owner=spec.owner,
            )
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "api_service",
                row.api_service_id,
                f"created API service {row.code} {row.version}",
                after=api_service_snapshot(row),
            )
            return row, upstream.name

        row, upstream_name = await self.uow.run(work)
        log.info("API service created", extra={"api_service": row.code})
        return pb.CreateApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def GetApiService(
        self, request: pb.GetApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetApiServiceResponse:
        def work(session: Session) -> tuple[ApiServiceRow, str]:
            row = store.api_service(session, request.api_service_id)
            return row, store.upstream(session, row.upstream_id).name

        return pb.GetApiServiceResponse(api_service=api_service_message(*await self.uow.run(work)))

    async def ListApiServices(
        self, request: pb.ListApiServicesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListApiServicesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        rows, total = await self.uow.run(
            lambda s: store.list_api_services(
                s, offset, limit, request.status, request.query.strip()
            )
        )
        return pb.ListApiServicesResponse(
            api_services=[api_service_message(row, name) for row, name in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def PublishApiService(
        self, request: pb.PublishApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.PublishApiServiceResponse:
        actor = actor_name()
        facts = self._facts(context, "PublishApiService")

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            row = store.api_service(session, request.api_service_id)
            upstream = store.upstream(session, row.upstream_id)
            if row.status == pb.API_SERVICE_STATUS_PUBLISHED:
                return row, upstream.name  # publishing twice is a no-op, so retries are safe
            clash = store.routable_with_route(session, row.method, row.path, ROUTABLE)
            if clash is not None and clash.api_service_id != row.api_service_id:
                raise FailedPrecondition(
                    f"{clash.code} {clash.version} already answers this method and path",
                    subject=clash.code,
                    kind="ROUTE_CONFLICT",
                )
            before = api_service_snapshot(row)
            row.status = pb.API_SERVICE_STATUS_PUBLISHED
            stamp(row, actor, created=False)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "api_service",
                row.api_service_id,
                f"published API service {row.code} {row.version}",
                before=before,
                after=api_service_snapshot(row),
            )
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=f"api_service.publish {request.api_service_id}", actor=actor
        )
        log.info("API service published", extra={"api_service": row.code})
        return pb.PublishApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def UnpublishApiService(
        self, request: pb.UnpublishApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.UnpublishApiServiceResponse:
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.require(len(request.comment) <= 500, "comment", "at most 500 characters")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "UnpublishApiService")
        comment = request.comment.strip()

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            row = store.api_service(session, request.api_service_id)
            upstream = store.upstream(session, row.upstream_id)
            if row.status == pb.API_SERVICE_STATUS_OFFLINE:
                return row, upstream.name  # a retry finds it offline already
            if row.status not in ROUTABLE:
                raise FailedPrecondition(
                    f"{row.code} {row.version} is a draft: only published or deprecated "
                    "services can be taken offline",
                    subject=row.code,
                    kind="NOT_PUBLISHED",
                )
            before = api_service_snapshot(row)
            row.status = pb.API_SERVICE_STATUS_OFFLINE
            stamp(row, actor, created=False)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "api_service",
                row.api_service_id,
                f"took API service {row.code} {row.version} offline"
                + (f": {comment}" if comment else ""),
                before=before,
                after=api_service_snapshot(row),
            )
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=f"api_service.unpublish {request.api_service_id}", actor=actor
        )
        log.info("API service taken offline", extra={"api_service": row.code})
        return pb.UnpublishApiServiceResponse(api_service=api_service_message(row, upstream_name))
