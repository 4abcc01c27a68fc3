"""Registry's gRPC servicers: translate messages and statuses; the unit of work owns each write."""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import grpc
from google.protobuf import duration_pb2, field_mask_pb2
from google.protobuf.message import Message
from sqlalchemy.orm import Session

from services.registry import domain, probe, store
from services.registry.models import ApiServiceRow, AuditOutboxRow, UpstreamRow
from services.registry.xds import EdgeControl
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.crypto import SecretBox
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
KNOWN_PROTOCOLS = {v for v in pb.UpstreamProtocol.values() if v != pb.UPSTREAM_PROTOCOL_UNSPECIFIED}
KNOWN_LOAD_BALANCING = {
    v for v in pb.LoadBalancingPolicy.values() if v != pb.LOAD_BALANCING_POLICY_UNSPECIFIED
}
KNOWN_METHODS = {v for v in pb.HttpMethod.values() if v != pb.HTTP_METHOD_UNSPECIFIED}
# A probe waits at most this long per endpoint, whatever the upstream's connect timeout.
PROBE_TIMEOUT_MS = 5_000
T_Message = TypeVar("T_Message", bound=Message)


def _millis(duration: duration_pb2.Duration, default: int) -> int:
    if duration.seconds == 0 and duration.nanos == 0:
        return default
    return duration.seconds * 1000 + duration.nanos // 1_000_000


def _duration(millis: int) -> duration_pb2.Duration:
    value = duration_pb2.Duration()
    value.FromMilliseconds(millis)
    return value


_LOCATIONS = {
    pb.PARAMETER_LOCATION_PATH: "path",
    pb.PARAMETER_LOCATION_QUERY: "query",
    pb.PARAMETER_LOCATION_HEADER: "header",
}
_LOCATION_NUMBERS = {name: number for number, name in _LOCATIONS.items()}
UPSTREAM_WRITABLE = (
    "name",
    "description",
    "endpoints",
    "protocol",
    "tls",
    "connect_timeout",
    "request_timeout",
    "tls_server_name",
    "health_check",
    "tls_ca_certificate_pem",
    "tls_client_certificate_pem",
    "tls_client_private_key_pem",
    "retry_policy",
    "circuit_breaker",
    "load_balancing_policy",
)
API_SERVICE_WRITABLE = (
    "name",
    "category",
    "description",
    "method",
    "path",
    "upstream_id",
    "upstream_path",
    "owner",
    "request_schema",
    "response_schema",
    "request_example",
    "response_example",
    "parameters",
    "error_codes",
    "rate_limit_per_second",
    "tags",
    "timeout",
)
# Fields that affect what the edge routes: changing them on a live service rebuilds the snapshot.
_ROUTING_FIELDS = frozenset({"method", "path", "upstream_id", "upstream_path", "timeout"})


def upstream_spec(
    given: pb.Upstream, *, stored_key: str = "", stored_certificate: str = ""
) -> domain.UpstreamSpec:
    """The upstream as the domain checks it; zero timeouts take the defaults.

    Without a private key in `given`, the stored one (`stored_key`, opened) stays in effect.
    """
    retry = given.retry_policy
    certificate = given.tls_client_certificate_pem.strip()
    key = given.tls_client_private_key_pem.strip()
    client = (
        domain.ClientCertificateSpec(
            certificate_pem=certificate,
            private_key_pem=key or stored_key,
            new=bool(key) or certificate != stored_certificate,
        )
        if certificate or key
        else None
    )
    breaker = given.circuit_breaker
    health = given.health_check
    return domain.UpstreamSpec(
        name=given.name,
        description=given.description,
        endpoints=[domain.EndpointSpec(e.host, e.port, e.weight or 1) for e in given.endpoints],
        protocol=given.protocol or pb.UPSTREAM_PROTOCOL_HTTP1,
        connect_timeout_ms=_millis(given.connect_timeout, DEFAULT_CONNECT_TIMEOUT_MS),
        request_timeout_ms=_millis(given.request_timeout, DEFAULT_REQUEST_TIMEOUT_MS),
        tls_server_name=given.tls_server_name.strip(),
        tls=given.tls,
        tls_ca_certificate_pem=given.tls_ca_certificate_pem.strip(),
        tls_client_certificate=client,
        retry=domain.RetrySpec(
            max_retries=retry.max_retries,
            per_try_timeout_ms=_millis(retry.per_try_timeout, 0),
            retry_on=tuple(dict.fromkeys(c.strip() for c in retry.retry_on if c.strip())),
        ),
        circuit_breaker=domain.CircuitBreakerSpec(
            max_connections=breaker.max_connections,
            max_pending_requests=breaker.max_pending_requests,
            max_requests=breaker.max_requests,
            max_retries=breaker.max_retries,
            consecutive_5xx=breaker.consecutive_5xx,
            base_ejection_time_ms=_millis(breaker.base_ejection_time, 0),
            max_ejection_percent=breaker.max_ejection_percent,
        ),
        health_check=domain.HealthCheckSpec(
            enabled=health.enabled,
            path=health.path.strip(),
            grpc_service_name=health.grpc_service_name.strip(),
            interval_ms=_millis(health.interval, 0),
            timeout_ms=_millis(health.timeout, 0),
            healthy_threshold=health.healthy_threshold,
            unhealthy_threshold=health.unhealthy_threshold,
            expected_statuses=tuple(health.expected_statuses),
        ),
        load_balancing_policy=given.load_balancing_policy or pb.LOAD_BALANCING_POLICY_ROUND_ROBIN,
        grpc=given.protocol == pb.UPSTREAM_PROTOCOL_GRPC,
    )


def apply_upstream(row: UpstreamRow, spec: domain.UpstreamSpec, box: SecretBox) -> None:
    client = spec.tls_client_certificate
    if client is None:
        row.tls_client_certificate_pem = ""
        row.tls_client_private_key_sealed = None
    elif (
        client.certificate_pem != row.tls_client_certificate_pem
        or row.tls_client_private_key_sealed is None
        or client.new
    ):
        # Sealed under the certificate it belongs to: a renewal with the same key reseals it.
        row.tls_client_certificate_pem = client.certificate_pem
        row.tls_client_private_key_sealed = box.seal(
            client.private_key_pem.encode("ascii"),
            domain.client_key_context(client.certificate_pem),
        )
    row.name = spec.name
    row.description = spec.description
    row.endpoints = [{"host": e.host, "port": e.port, "weight": e.weight} for e in spec.endpoints]
    row.protocol = spec.protocol
    row.tls = spec.tls
    row.connect_timeout_ms = spec.connect_timeout_ms
    row.request_timeout_ms = spec.request_timeout_ms
    row.tls_server_name = spec.tls_server_name
    row.tls_ca_certificate_pem = spec.tls_ca_certificate_pem
    row.health_check = spec.health_check.stored(spec.grpc)
    row.retry_policy = spec.retry.stored()
    row.circuit_breaker = spec.circuit_breaker.stored()
    row.load_balancing_policy = spec.load_balancing_policy


def _int(stored: dict[str, object], key: str) -> int:
    return int(str(stored.get(key) or 0))


def _ints(stored: dict[str, object], key: str) -> list[int]:
    values = stored.get(key) or []
    assert isinstance(values, list)
    return [int(str(value)) for value in values]


def upstream_message(row: UpstreamRow, api_service_count: int = 0) -> pb.Upstream:
    health = row.health_check or {}
    retry = row.retry_policy or {}
    breaker = row.circuit_breaker or {}
    retry_on = retry.get("retry_on") or []
    assert isinstance(retry_on, list)
    return pb.Upstream(
        upstream_id=row.upstream_id,
        name=row.name,
        description=row.description,
        endpoints=[pb.Endpoint(**endpoint) for endpoint in row.endpoints],  # type: ignore[arg-type]
        protocol=row.protocol,  # type: ignore[arg-type]
        tls=row.tls,
        connect_timeout=_duration(row.connect_timeout_ms),
        request_timeout=_duration(row.request_timeout_ms),
        tls_server_name=row.tls_server_name,
        tls_ca_certificate_pem=row.tls_ca_certificate_pem,
        health_check=pb.HealthCheck(
            enabled=bool(health),
            path=str(health.get("path", "")),
            grpc_service_name=str(health.get("grpc_service_name", "")),
            interval=_optional_duration(_int(health, "interval_ms")),
            timeout=_optional_duration(_int(health, "timeout_ms")),
            healthy_threshold=_int(health, "healthy_threshold"),
            unhealthy_threshold=_int(health, "unhealthy_threshold"),
            expected_statuses=_ints(health, "expected_statuses"),
        ),
        retry_policy=pb.RetryPolicy(
            max_retries=_int(retry, "max_retries"),
            per_try_timeout=_optional_duration(_int(retry, "per_try_timeout_ms")),
            retry_on=[str(condition) for condition in retry_on],
        ),
        circuit_breaker=pb.CircuitBreaker(
            max_connections=_int(breaker, "max_connections"),
            max_pending_requests=_int(breaker, "max_pending_requests"),
            max_requests=_int(breaker, "max_requests"),
            max_retries=_int(breaker, "max_retries"),
            consecutive_5xx=_int(breaker, "consecutive_5xx"),
            base_ejection_time=_optional_duration(_int(breaker, "base_ejection_time_ms")),
            max_ejection_percent=_int(breaker, "max_ejection_percent"),
        ),
        load_balancing_policy=row.load_balancing_policy,  # type: ignore[arg-type]
        audit=audit_info(row),
        api_service_count=api_service_count,
        tls_client_certificate_pem=row.tls_client_certificate_pem,
        tls_client_certificate_info=_certificate_info(row.tls_client_certificate_pem),
        tls_client_private_key_set=row.tls_client_private_key_sealed is not None,
    )


def _certificate_info(chain_pem: str) -> pb.ClientCertificateInfo | None:
    if not chain_pem:
        return None
    facts = domain.certificate_facts(chain_pem)
    return pb.ClientCertificateInfo(
        subject=facts.subject,
        issuer=facts.issuer,
        sha256_fingerprint=facts.sha256_fingerprint,
        not_before=to_timestamp(facts.not_before),
        not_after=to_timestamp(facts.not_after),
    )


def open_client_key(row: UpstreamRow, box: SecretBox) -> str:
    """The stored private key of the upstream's client certificate, "" without one."""
    if row.tls_client_private_key_sealed is None or not row.tls_client_certificate_pem:
        return ""
    try:
        return box.open(
            row.tls_client_private_key_sealed,
            domain.client_key_context(row.tls_client_certificate_pem),
        ).decode("ascii")
    except Exception:  # sealed under a master key no longer configured: ask for the key again
        log.warning(
            "the client key of an upstream does not open with the configured master key",
            extra={"upstream": row.name},
        )
        return ""


def _optional_duration(millis: int) -> duration_pb2.Duration | None:
    return _duration(millis) if millis else None


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
        "tls_server_name": row.tls_server_name,
        # The CA is public, but long: its fingerprint says whether it changed.
        "tls_ca_certificate_sha256": (
            hashlib.sha256(row.tls_ca_certificate_pem.encode()).hexdigest()
            if row.tls_ca_certificate_pem
            else ""
        ),
        # The client certificate by its fingerprint; of the key, only whether one is stored.
        "tls_client_certificate_sha256": (
            domain.certificate_facts(row.tls_client_certificate_pem).sha256_fingerprint
            if row.tls_client_certificate_pem
            else ""
        ),
        "tls_client_private_key_set": row.tls_client_private_key_sealed is not None,
        "health_check": dict(row.health_check or {}),
        "retry_policy": dict(row.retry_policy or {}),
        "circuit_breaker": dict(row.circuit_breaker or {}),
        "load_balancing_policy": pb.LoadBalancingPolicy.Name(row.load_balancing_policy),  # type: ignore[arg-type]
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
        "rate_limit_per_second": row.rate_limit_per_second,
        "timeout_ms": row.timeout_ms,
        "tags": list(row.tags or []),
        "sunset_time": row.sunset_time.isoformat() if row.sunset_time else None,
        "deprecation_link": row.deprecation_link,
    }


def api_service_spec(given: pb.ApiService) -> domain.ApiServiceSpec:
    """The API service as the domain checks it."""
    return domain.ApiServiceSpec(
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
        request_schema=given.request_schema.strip(),
        response_schema=given.response_schema.strip(),
        request_example=given.request_example.strip(),
        response_example=given.response_example.strip(),
        parameters=[
            domain.ParameterSpec(
                name=p.name,
                location=_LOCATIONS.get(p.location, ""),
                type=p.type or "string",
                required=p.required or p.location == pb.PARAMETER_LOCATION_PATH,
                description=p.description,
                example=p.example,
            )
            for p in given.parameters
        ],
        error_codes=[
            domain.ErrorCodeSpec(e.code, e.http_status, e.description) for e in given.error_codes
        ],
        tags=[tag.strip() for tag in given.tags],
        rate_limit_per_second=given.rate_limit_per_second,
        timeout_ms=_millis(given.timeout, 0),
    )


def apply_api_service(row: ApiServiceRow, spec: domain.ApiServiceSpec) -> None:
    """Copy the spec's editable fields onto the row (code and version are set at creation)."""
    row.name = spec.name.strip()
    row.category = spec.category
    row.description = spec.description
    row.method = spec.method
    row.path = spec.path
    row.upstream_id = spec.upstream_id
    row.upstream_path = spec.upstream_path
    row.owner = spec.owner
    row.request_schema = spec.request_schema
    row.response_schema = spec.response_schema
    row.request_example = spec.request_example
    row.response_example = spec.response_example
    row.parameters = [parameter.stored() for parameter in spec.parameters]
    row.error_codes = [error_code.stored() for error_code in spec.error_codes]
    row.tags = list(spec.tags)
    row.rate_limit_per_second = spec.rate_limit_per_second
    row.timeout_ms = spec.timeout_ms


def new_api_service_row(spec: domain.ApiServiceSpec, upstream_id: str) -> ApiServiceRow:
    """A draft API service from a checked spec; the caller stamps and adds it."""
    row = ApiServiceRow(
        api_service_id=str(uuid.uuid4()),
        code=spec.code,
        version=spec.version,
        status=pb.API_SERVICE_STATUS_DRAFT,
    )
    apply_api_service(row, spec)
    row.upstream_id = upstream_id
    return row


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
        request_schema=row.request_schema or "",
        response_schema=row.response_schema or "",
        request_example=row.request_example or "",
        response_example=row.response_example or "",
        parameters=[
            pb.ApiParameter(
                name=str(p["name"]),
                location=_LOCATION_NUMBERS.get(str(p["location"]), 0),  # type: ignore[arg-type]
                type=str(p["type"]),
                required=bool(p["required"]),
                description=str(p["description"]),
                example=str(p["example"]),
            )
            for p in row.parameters or []
        ],
        error_codes=[
            pb.ApiErrorCode(
                code=str(e["code"]),
                http_status=int(str(e["http_status"])),
                description=str(e["description"]),
            )
            for e in row.error_codes or []
        ],
        tags=list(row.tags or []),
        rate_limit_per_second=row.rate_limit_per_second or 0,
        timeout=_duration(row.timeout_ms) if row.timeout_ms else None,
        publish_time=to_timestamp(row.publish_time),
        deprecate_time=to_timestamp(row.deprecate_time),
        sunset_time=to_timestamp(row.sunset_time),
        deprecation_link=row.deprecation_link,
    )


def merged(
    current: T_Message, given: T_Message, mask: field_mask_pb2.FieldMask, writable: tuple[str, ...]
) -> tuple[T_Message, set[str]]:
    """`current` with the masked fields taken from `given` (all writable ones when no mask)."""
    paths = list(mask.paths) or list(writable)
    check = Validator()
    for path in paths:
        check.require(path in writable, f"update_mask.{path}", "not a field that can be changed")
    check.check()
    result = type(current)()
    result.CopyFrom(current)
    field_mask_pb2.FieldMask(paths=paths).MergeMessage(
        given, result, replace_message_field=True, replace_repeated_field=True
    )
    return result, set(paths)


def _api_service_cause(verb: str) -> Callable[[tuple[ApiServiceRow, str]], str]:
    """The snapshot's cause as staff read it: "api_service.publish his.departments.list v1"."""
    return lambda done: f"api_service.{verb} {done[0].code} {done[0].version}"


def _audit_api_service(
    session: Session,
    facts: RequestFacts,
    row: ApiServiceRow,
    summary: str,
    before: Mapping[str, object] | None = None,
    *,
    comment: str = "",
) -> None:
    """The audit record of a change to an API service; `summary` names it as {service}."""
    audit(
        session,
        AuditOutboxRow,
        facts,
        "api_service",
        row.api_service_id,
        summary.format(service=f"{row.code} {row.version}") + (f": {comment}" if comment else ""),
        before=before,
        after=api_service_snapshot(row),
    )


class CatalogServicer(pb_grpc.CatalogServiceServicer):
    def __init__(self, uow: UnitOfWork, edge: EdgeControl) -> None:
        self.uow = uow
        # Writes that change what the edge routes go through it: one transaction makes the
        # change and the edge snapshot it calls for.
        self.edge = edge
        # Seals upstreams' client keys under the master key.
        self.box = edge.box

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    async def CreateUpstream(
        self, request: pb.CreateUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateUpstreamResponse:
        given = request.upstream
        spec = upstream_spec(given)
        domain.validate_upstream(spec, KNOWN_PROTOCOLS, KNOWN_LOAD_BALANCING, utcnow())
        actor = actor_name()
        facts = self._facts(context, "CreateUpstream")

        def work(session: Session) -> UpstreamRow:
            if store.upstream_by_name(session, spec.name) is not None:
                raise AlreadyExists(f"an upstream named {spec.name!r} exists already")
            row = UpstreamRow(upstream_id=str(uuid.uuid4()), tls_client_certificate_pem="")
            apply_upstream(row, spec, self.box)
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
        def work(session: Session) -> tuple[UpstreamRow, int]:
            row = store.upstream(session, request.upstream_id)
            return row, store.api_service_counts(session, [row.upstream_id])[row.upstream_id]

        return pb.GetUpstreamResponse(upstream=upstream_message(*await self.uow.run(work)))

    async def ListUpstreams(
        self, request: pb.ListUpstreamsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListUpstreamsResponse:
        offset, limit = page_window(request.page_size, request.page_token)

        def work(session: Session) -> tuple[list[UpstreamRow], int, dict[str, int]]:
            rows, total = store.list_upstreams(session, offset, limit)
            counts = store.api_service_counts(session, [row.upstream_id for row in rows])
            return rows, total, counts

        rows, total, counts = await self.uow.run(work)
        return pb.ListUpstreamsResponse(
            upstreams=[upstream_message(row, counts[row.upstream_id]) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateUpstream(
        self, request: pb.UpdateUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateUpstreamResponse:
        """Change an upstream; its clusters at the edge change in the same transaction."""
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "required")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "UpdateUpstream")

        def work(session: Session) -> tuple[UpstreamRow, int]:
            row = store.upstream(session, request.upstream_id)
            changed, _ = merged(
                upstream_message(row), request.upstream, request.update_mask, UPSTREAM_WRITABLE
            )
            spec = upstream_spec(
                changed,
                stored_key=open_client_key(row, self.box),
                stored_certificate=row.tls_client_certificate_pem,
            )
            domain.validate_upstream(spec, KNOWN_PROTOCOLS, KNOWN_LOAD_BALANCING, utcnow())
            if spec.name != row.name and store.upstream_by_name(session, spec.name) is not None:
                raise AlreadyExists(f"an upstream named {spec.name!r} exists already")
            before = upstream_snapshot(row)
            apply_upstream(row, spec, self.box)
            stamp(row, actor, created=False)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "upstream",
                row.upstream_id,
                f"changed upstream {row.name}",
                before=before,
                after=upstream_snapshot(row),
            )
            return row, store.api_service_counts(session, [row.upstream_id])[row.upstream_id]

        row, count = await self.edge.write(
            work, cause=lambda done: f"upstream.update {done[0].name}", actor=actor
        )
        log.info("upstream changed", extra={"upstream": row.name})
        return pb.UpdateUpstreamResponse(upstream=upstream_message(row, count))

    async def DeleteUpstream(
        self, request: pb.DeleteUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteUpstreamResponse:
        """Delete an upstream no API service routes to (drafts and offline ones count too)."""
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "required")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "DeleteUpstream")

        def work(session: Session) -> str:
            row = store.upstream(session, request.upstream_id)
            users = store.api_service_codes_using(session, row.upstream_id)
            if users:
                shown = ", ".join(users[:5]) + (
                    f" and {len(users) - 5} more" if len(users) > 5 else ""
                )
                raise FailedPrecondition(
                    f"upstream {row.name} is used by {len(users)} API service(s): {shown}; "
                    "point them elsewhere or delete them first",
                    subject=row.name,
                    kind="UPSTREAM_IN_USE",
                )
            before = upstream_snapshot(row)
            session.delete(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "upstream",
                request.upstream_id,
                f"deleted upstream {before['name']}",
                before=before,
            )
            return str(before["name"])

        name = await self.edge.write(
            work, cause=lambda name: f"upstream.delete {name}", actor=actor
        )
        log.info("upstream deleted", extra={"upstream": name})
        return pb.DeleteUpstreamResponse()

    async def ProbeUpstream(
        self, request: pb.ProbeUpstreamRequest, context: grpc.aio.ServicerContext
    ) -> pb.ProbeUpstreamResponse:
        """Connect to every endpoint now; report reachability, latency and the health status."""
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "required")
        check.check()
        row = await self.uow.run(lambda s: store.upstream(s, request.upstream_id))
        health = row.health_check or {}
        http1 = row.protocol in (pb.UPSTREAM_PROTOCOL_HTTP1, pb.UPSTREAM_PROTOCOL_UNSPECIFIED)
        settings = probe.ProbeSettings(
            tls=row.tls,
            tls_server_name=row.tls_server_name,
            tls_ca_pem=row.tls_ca_certificate_pem,
            # The health path is asked over HTTP/1.1; HTTP/2 and gRPC upstreams are connected to.
            health_path=str(health.get("path", "")) if http1 else "",
            expected_statuses=tuple(int(str(s)) for s in health.get("expected_statuses", [])),  # type: ignore[attr-defined]
            timeout_seconds=min(row.connect_timeout_ms, PROBE_TIMEOUT_MS) / 1000,
            # The client certificate the edge presents, so a mutual-TLS upstream answers.
            client_certificate_pem=row.tls_client_certificate_pem,
            client_private_key_pem=open_client_key(row, self.box),
        )
        targets = [
            probe.ProbeTarget(str(e["host"]), int(str(e["port"])), int(str(e["weight"] or 1)))
            for e in row.endpoints
        ]
        results = await probe.probe_all(targets, settings)
        log.info(
            "upstream probed",
            extra={"upstream": row.name, "reachable": sum(r.reachable for r in results)},
        )
        return pb.ProbeUpstreamResponse(
            endpoints=[
                pb.EndpointProbe(
                    endpoint=pb.Endpoint(
                        host=r.target.host, port=r.target.port, weight=r.target.weight
                    ),
                    reachable=r.reachable,
                    latency=_duration(r.latency_ms),
                    health_status=r.health_status,
                    error=r.error,
                )
                for r in results
            ]
        )

    async def CreateApiService(
        self, request: pb.CreateApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateApiServiceResponse:
        spec = api_service_spec(request.api_service)
        domain.validate_api_service(spec, KNOWN_METHODS)
        actor = actor_name()
        facts = self._facts(context, "CreateApiService")

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            upstream = store.upstream(session, spec.upstream_id)
            if store.api_service_by_code(session, spec.code, spec.version) is not None:
                raise AlreadyExists(f"API service {spec.code} {spec.version} exists already")
            row = new_api_service_row(spec, upstream.upstream_id)
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            _audit_api_service(session, facts, row, "created API service {service}")
            return row, upstream.name

        row, upstream_name = await self.uow.run(work)
        log.info("API service created", extra={"api_service": row.code})
        return pb.CreateApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def GetApiService(
        self, request: pb.GetApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetApiServiceResponse:
        def work(session: Session) -> tuple[ApiServiceRow, str, int]:
            row = store.api_service(session, request.api_service_id)
            granted = store.granted_channel_counts(session, [row.api_service_id], utcnow())
            return (
                row,
                store.upstream(session, row.upstream_id).name,
                granted.get(row.api_service_id, 0),
            )

        row, upstream_name, granted = await self.uow.run(work)
        message = api_service_message(row, upstream_name)
        message.granted_channel_count = granted
        return pb.GetApiServiceResponse(api_service=message)

    async def ListApiServices(
        self, request: pb.ListApiServicesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListApiServicesResponse:
        offset, limit = page_window(request.page_size, request.page_token)

        def work(session: Session) -> tuple[list[tuple[ApiServiceRow, str]], int, dict[str, int]]:
            rows, total = store.list_api_services(
                session,
                offset,
                limit,
                request.status,
                request.query.strip(),
                category=request.category.strip(),
                upstream_id=request.upstream_id.strip(),
                code=request.code.strip(),
            )
            granted = store.granted_channel_counts(
                session, [row.api_service_id for row, _ in rows], utcnow()
            )
            return rows, total, granted

        rows, total, granted = await self.uow.run(work)
        messages = [api_service_message(row, name) for row, name in rows]
        for message in messages:
            message.granted_channel_count = granted.get(message.api_service_id, 0)
        return pb.ListApiServicesResponse(
            api_services=messages,
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
            _check_route_free(session, row, row.method, row.path)
            before = api_service_snapshot(row)
            row.status = pb.API_SERVICE_STATUS_PUBLISHED
            row.publish_time = row.publish_time or utcnow()
            row.deprecate_time = None
            row.sunset_time = None
            row.deprecation_link = ""
            stamp(row, actor, created=False)
            _audit_api_service(session, facts, row, "published API service {service}", before)
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=_api_service_cause("publish"), actor=actor
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
            _audit_api_service(
                session, facts, row, "took API service {service} offline", before, comment=comment
            )
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=_api_service_cause("unpublish"), actor=actor
        )
        log.info("API service taken offline", extra={"api_service": row.code})
        return pb.UnpublishApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def UpdateApiService(
        self, request: pb.UpdateApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateApiServiceResponse:
        """Change an API service; a live one takes routing changes to the edge at once."""
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "UpdateApiService")

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            row = store.api_service(session, request.api_service_id)
            current = api_service_message(row, "")
            changed, _ = merged(
                current, request.api_service, request.update_mask, API_SERVICE_WRITABLE
            )
            spec = api_service_spec(changed)
            domain.validate_api_service(spec, KNOWN_METHODS)
            upstream = store.upstream(session, spec.upstream_id)
            if row.status in ROUTABLE and (spec.method, spec.path) != (row.method, row.path):
                _check_route_free(session, row, spec.method, spec.path)
            before = api_service_snapshot(row)
            apply_api_service(row, spec)
            stamp(row, actor, created=False)
            _audit_api_service(session, facts, row, "changed API service {service}", before)
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=_api_service_cause("update"), actor=actor
        )
        log.info("API service changed", extra={"api_service": row.code})
        return pb.UpdateApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def DeleteApiService(
        self, request: pb.DeleteApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteApiServiceResponse:
        """Delete a draft; published services are taken offline instead, keeping their history."""
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.check()
        facts = self._facts(context, "DeleteApiService")

        def work(session: Session) -> str:
            row = store.api_service(session, request.api_service_id)
            if row.status != pb.API_SERVICE_STATUS_DRAFT:
                raise FailedPrecondition(
                    f"{row.code} {row.version} is not a draft: take it offline instead",
                    subject=row.code,
                    kind="NOT_DRAFT",
                )
            if store.api_service_references(session, row.api_service_id):
                raise FailedPrecondition(
                    f"{row.code} {row.version} is named by access applications or grants",
                    subject=row.code,
                    kind="API_SERVICE_IN_USE",
                )
            before = api_service_snapshot(row)
            session.delete(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "api_service",
                request.api_service_id,
                f"deleted draft API service {before['code']} {before['version']}",
                before=before,
            )
            return str(before["code"])

        code = await self.uow.run(work)
        log.info("API service deleted", extra={"api_service": code})
        return pb.DeleteApiServiceResponse()

    async def DeprecateApiService(
        self, request: pb.DeprecateApiServiceRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeprecateApiServiceResponse:
        """Still routable, announced as deprecated, with the time it is to go offline."""
        now = utcnow()
        sunset = (
            as_utc(request.sunset_time.ToDatetime()) if request.HasField("sunset_time") else None
        )
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.require(sunset is None or sunset > now, "sunset_time", "in the future")
        check.require(len(request.comment) <= 500, "comment", "at most 500 characters")
        link = request.deprecation_link.strip()
        problem = domain.deprecation_link_problem(link)
        check.require(problem is None, "deprecation_link", problem or "")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "DeprecateApiService")
        comment = request.comment.strip()

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            row = store.api_service(session, request.api_service_id)
            upstream = store.upstream(session, row.upstream_id)
            if row.status not in ROUTABLE:
                raise FailedPrecondition(
                    f"{row.code} {row.version} is not published: only a live service can be "
                    "deprecated",
                    subject=row.code,
                    kind="NOT_PUBLISHED",
                )
            current_sunset = as_utc(row.sunset_time) if row.sunset_time else None
            if (
                row.status == pb.API_SERVICE_STATUS_DEPRECATED
                and current_sunset == sunset
                and row.deprecation_link == link
            ):
                return row, upstream.name  # a retry: nothing changes
            before = api_service_snapshot(row)
            row.status = pb.API_SERVICE_STATUS_DEPRECATED
            row.deprecate_time = row.deprecate_time or now
            row.sunset_time = sunset
            row.deprecation_link = link
            stamp(row, actor, created=False)
            _audit_api_service(
                session, facts, row, "deprecated API service {service}", before, comment=comment
            )
            return row, upstream.name

        row, upstream_name = await self.edge.write(
            work, cause=_api_service_cause("deprecate"), actor=actor
        )
        log.info("API service deprecated", extra={"api_service": row.code})
        return pb.DeprecateApiServiceResponse(api_service=api_service_message(row, upstream_name))

    async def CreateApiServiceVersion(
        self, request: pb.CreateApiServiceVersionRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateApiServiceVersionResponse:
        """A draft copy under a new version label, on a path of its own."""
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.require(bool(domain.VERSION.match(request.version)), "version", "like v2 or 2.0.0")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "CreateApiServiceVersion")

        def work(session: Session) -> tuple[ApiServiceRow, str]:
            source = store.api_service(session, request.api_service_id)
            upstream = store.upstream(session, source.upstream_id)
            if store.api_service_by_code(session, source.code, request.version) is not None:
                raise AlreadyExists(f"API service {source.code} {request.version} exists already")
            spec = api_service_spec(api_service_message(source, upstream.name))
            path = domain.versioned_path(source.path, source.version, request.version)
            row = new_api_service_row(spec, upstream.upstream_id)
            row.version = request.version
            row.path = path
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "api_service",
                row.api_service_id,
                f"created version {row.version} of API service {row.code} from {source.version}",
                after=api_service_snapshot(row),
            )
            return row, upstream.name

        row, upstream_name = await self.uow.run(work)
        log.info("API service version created", extra={"api_service": row.code})
        return pb.CreateApiServiceVersionResponse(
            api_service=api_service_message(row, upstream_name)
        )

    async def GetCatalogSummary(
        self, request: pb.GetCatalogSummaryRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetCatalogSummaryResponse:
        by_status, by_category, upstreams = await self.uow.run(store.catalog_counts)
        return pb.GetCatalogSummaryResponse(
            total_api_services=sum(by_status.values()),
            draft_api_services=by_status.get(pb.API_SERVICE_STATUS_DRAFT, 0),
            published_api_services=by_status.get(pb.API_SERVICE_STATUS_PUBLISHED, 0),
            deprecated_api_services=by_status.get(pb.API_SERVICE_STATUS_DEPRECATED, 0),
            offline_api_services=by_status.get(pb.API_SERVICE_STATUS_OFFLINE, 0),
            upstreams=upstreams,
            categories=[
                pb.CategoryCount(category=category, api_services=count)
                for category, count in by_category.items()
            ],
        )


def _check_route_free(session: Session, row: ApiServiceRow, method: int, path: str) -> None:
    """FAILED_PRECONDITION when another live service answers the method and path."""
    clash = store.routable_with_route(session, method, path, ROUTABLE)
    if clash is not None and clash.api_service_id != row.api_service_id:
        raise FailedPrecondition(
            f"{clash.code} {clash.version} already answers this method and path",
            subject=clash.code,
            kind="ROUTE_CONFLICT",
        )
