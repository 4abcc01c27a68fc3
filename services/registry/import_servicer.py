"""Bringing interfaces into the catalogue without code: OpenAPI documents and the templates.

Everything imported arrives as drafts, in one transaction: an import goes in whole or not at all.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

import grpc
from sqlalchemy.orm import Session

from services.registry import domain, grpc_import, openapi, store, templates
from services.registry.models import ApiServiceRow, AuditOutboxRow
from services.registry.servicer import (
    KNOWN_METHODS,
    api_service_snapshot,
    apply_api_service,
    new_api_service_row,
)
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import stamp
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import FieldViolation, InvalidArgument, Validator
from wailian.registry.v1 import catalog_import_pb2 as ipb
from wailian.registry.v1 import catalog_import_pb2_grpc as ipb_grpc
from wailian.registry.v1 import catalog_pb2 as pb

log = logging.getLogger("wailian.registry")

SERVICE = ipb.DESCRIPTOR.services_by_name["CatalogImportService"]
METHOD_NUMBERS = {
    pb.HttpMethod.Name(number).removeprefix("HTTP_METHOD_"): number for number in KNOWN_METHODS
}


@dataclass(frozen=True)
class _Planned:
    """One service an import brings: what it is and, once decided, what happens to it."""

    spec: domain.ApiServiceSpec
    action: int = ipb.IMPORT_ACTION_UNSPECIFIED
    message: str = ""
    api_service_id: str = ""


class CatalogImportServicer(ipb_grpc.CatalogImportServiceServicer):
    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    async def ImportOpenApi(
        self, request: ipb.ImportOpenApiRequest, context: grpc.aio.ServicerContext
    ) -> ipb.ImportOpenApiResponse:
        """Every operation of the document as a draft; any problem and nothing is imported."""
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "choose an upstream")
        _check_common(check, request.category, request.owner, request.path_prefix)
        check.check()
        try:
            document = openapi.load_document(request.document)
        except openapi.OpenApiError as error:
            raise InvalidArgument([FieldViolation("document", str(error))]) from None
        operations = openapi.read_operations(
            document,
            openapi.ImportDefaults(
                upstream_id=request.upstream_id,
                category=request.category,
                owner=request.owner.strip(),
                path_prefix=request.path_prefix,
                method_numbers=METHOD_NUMBERS,
            ),
        )
        failed = [operation for operation in operations if operation.problems]
        if failed and not request.dry_run:
            raise InvalidArgument(
                FieldViolation(
                    f"document.paths[{operation.path}].{operation.method.lower()}",
                    "; ".join(operation.problems),
                )
                for operation in failed
            )
        planned = [_Planned(op.spec) for op in operations if op.spec is not None]
        done = await self._import(
            planned,
            upstream_id=request.upstream_id,
            overwrite_drafts=request.overwrite_drafts,
            dry_run=request.dry_run or bool(failed),
            facts=self._facts(context, "ImportOpenApi"),
            source="OpenAPI",
        )
        by_key = {(p.spec.code, p.spec.version, p.spec.method, p.spec.path): p for p in done}
        items = []
        for operation in operations:
            if operation.spec is None:
                items.append(
                    ipb.ImportItem(
                        action=ipb.IMPORT_ACTION_ERROR,
                        code=operation.code,
                        version=operation.version,
                        method=METHOD_NUMBERS.get(operation.method, 0),  # type: ignore[arg-type]
                        path=operation.path,
                        message="; ".join(operation.problems),
                    )
                )
            else:
                spec = operation.spec
                items.append(_item(by_key[(spec.code, spec.version, spec.method, spec.path)]))
        return ipb.ImportOpenApiResponse(items=items, summary=_summary(items))

    async def ImportGrpcServices(
        self, request: ipb.ImportGrpcServicesRequest, context: grpc.aio.ServicerContext
    ) -> ipb.ImportGrpcServicesResponse:
        """One draft per method of the chosen services (every business service when none)."""
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "choose an upstream")
        _check_common(check, request.category, "", request.path_prefix)
        check.check()

        def target(session: Session) -> tuple[str, grpc.ChannelCredentials | None]:
            row = store.upstream(session, request.upstream_id)
            if row.protocol not in (pb.UPSTREAM_PROTOCOL_GRPC, pb.UPSTREAM_PROTOCOL_HTTP2):
                raise InvalidArgument(
                    [FieldViolation("upstream_id", "a gRPC upstream (protocol gRPC or HTTP/2)")]
                )
            endpoint = row.endpoints[0]
            credentials = (
                grpc.ssl_channel_credentials(
                    row.tls_ca_certificate_pem.encode() if row.tls_ca_certificate_pem else None
                )
                if row.tls
                else None
            )
            return f"{endpoint['host']}:{endpoint['port']}", credentials

        address, credentials = await self.uow.run(target)
        field = "file_descriptor_set" if request.file_descriptor_set else "upstream_id"
        try:
            if request.file_descriptor_set:
                pool = grpc_import.pool_from_descriptor_set(request.file_descriptor_set)
                names = grpc_import.service_names_in_set(request.file_descriptor_set)
            else:
                pool, names = await asyncio.to_thread(
                    grpc_import.reflect, address, credentials, list(request.services)
                )
            found = grpc_import.methods(pool, names, request.services)
        except grpc_import.GrpcImportError as error:
            raise InvalidArgument([FieldViolation(field, str(error))]) from None
        if not found:
            raise InvalidArgument([FieldViolation("services", "no methods to import")])
        specs = [
            grpc_import.spec(
                method,
                upstream_id=request.upstream_id,
                category=request.category,
                path_prefix=request.path_prefix.strip(),
                method_number=METHOD_NUMBERS["POST"],
            )
            for method in found
        ]
        violations: list[FieldViolation] = []
        for spec in specs:
            try:
                domain.validate_api_service(spec, KNOWN_METHODS)
            except InvalidArgument as error:
                violations += [
                    FieldViolation(f"services ({spec.code})", v.description)
                    for v in error.violations
                ]
        if violations:
            raise InvalidArgument(violations)
        done = await self._import(
            [_Planned(spec) for spec in specs],
            upstream_id=request.upstream_id,
            overwrite_drafts=request.overwrite_drafts,
            dry_run=request.dry_run,
            facts=self._facts(context, "ImportGrpcServices"),
            source="gRPC descriptors",
        )
        items = [_item(planned) for planned in done]
        return ipb.ImportGrpcServicesResponse(items=items, summary=_summary(items))

    async def ListCatalogTemplates(
        self, request: ipb.ListCatalogTemplatesRequest, context: grpc.aio.ServicerContext
    ) -> ipb.ListCatalogTemplatesResponse:
        category = request.category.strip()
        imported = await self.uow.run(store.api_service_codes)
        return ipb.ListCatalogTemplatesResponse(
            templates=[
                _template_message(template, template.code in imported)
                for template in templates.TEMPLATES
                if not category or template.category == category
            ]
        )

    async def ImportCatalogTemplates(
        self, request: ipb.ImportCatalogTemplatesRequest, context: grpc.aio.ServicerContext
    ) -> ipb.ImportCatalogTemplatesResponse:
        """The chosen templates (all when none) as drafts routing to the caller's upstream."""
        version = request.version.strip() or "v1"
        check = Validator()
        check.require(bool(request.upstream_id), "upstream_id", "choose an upstream")
        check.require(bool(domain.VERSION.match(version)), "version", "like v1 or 1.2.0")
        for index, code in enumerate(request.template_codes):
            check.require(
                code in templates.BY_CODE, f"template_codes[{index}]", "not a shipped template"
            )
        _check_common(check, "", "", request.path_prefix)
        check.check()
        chosen = (
            [templates.BY_CODE[code] for code in dict.fromkeys(request.template_codes)]
            if request.template_codes
            else list(templates.TEMPLATES)
        )
        specs = [
            template.spec(
                upstream_id=request.upstream_id,
                version=version,
                path_prefix=request.path_prefix,
                method_number=METHOD_NUMBERS[template.method],
            )
            for template in chosen
        ]
        violations: list[FieldViolation] = []
        for spec in specs:
            try:
                domain.validate_api_service(spec, KNOWN_METHODS)
            except InvalidArgument as error:
                violations.extend(
                    FieldViolation(f"path_prefix ({spec.code})", v.description)
                    for v in error.violations
                )
        if violations:
            raise InvalidArgument(violations)
        done = await self._import(
            [_Planned(spec) for spec in specs],
            upstream_id=request.upstream_id,
            overwrite_drafts=False,
            dry_run=request.dry_run,
            facts=self._facts(context, "ImportCatalogTemplates"),
            source="the standard catalogue",
        )
        items = [_item(planned) for planned in done]
        return ipb.ImportCatalogTemplatesResponse(items=items, summary=_summary(items))

    async def _import(
        self,
        planned: list[_Planned],
        *,
        upstream_id: str,
        overwrite_drafts: bool,
        dry_run: bool,
        facts: RequestFacts,
        source: str,
    ) -> list[_Planned]:
        actor = actor_name()

        def work(session: Session) -> list[_Planned]:
            upstream = store.upstream(session, upstream_id)
            done = []
            for item in planned:
                spec = item.spec
                existing = store.api_service_by_code(session, spec.code, spec.version)
                if existing is None:
                    row = None if dry_run else new_api_service_row(spec, upstream.upstream_id)
                    if row is not None:
                        stamp(row, actor, created=True)
                        session.add(row)
                        session.flush()
                        _audit(session, facts, row, f"imported API service from {source}")
                    done.append(
                        _Planned(
                            spec, ipb.IMPORT_ACTION_CREATE, "", row.api_service_id if row else ""
                        )
                    )
                elif existing.status != pb.API_SERVICE_STATUS_DRAFT:
                    status = pb.ApiServiceStatus.Name(existing.status)  # type: ignore[arg-type]
                    done.append(
                        _Planned(
                            spec,
                            ipb.IMPORT_ACTION_SKIP,
                            f"{spec.code} {spec.version} exists and is "
                            f"{status.removeprefix('API_SERVICE_STATUS_').lower()}: "
                            "an import never changes a service past its draft",
                            existing.api_service_id,
                        )
                    )
                elif not overwrite_drafts:
                    done.append(
                        _Planned(
                            spec,
                            ipb.IMPORT_ACTION_SKIP,
                            f"a draft {spec.code} {spec.version} exists (overwrite drafts to "
                            "replace it)",
                            existing.api_service_id,
                        )
                    )
                else:
                    if not dry_run:
                        before = api_service_snapshot(existing)
                        apply_api_service(existing, spec)
                        existing.upstream_id = upstream.upstream_id
                        stamp(existing, actor, created=False)
                        _audit(
                            session,
                            facts,
                            existing,
                            f"replaced draft API service from {source}",
                            before=before,
                        )
                    done.append(
                        _Planned(
                            spec,
                            ipb.IMPORT_ACTION_UPDATE,
                            "",
                            "" if dry_run else existing.api_service_id,
                        )
                    )
            return done

        done = await self.uow.run(work)
        if not dry_run:
            log.info(
                "API services imported",
                extra={
                    "source": source,
                    "created_services": sum(p.action == ipb.IMPORT_ACTION_CREATE for p in done),
                    "updated_services": sum(p.action == ipb.IMPORT_ACTION_UPDATE for p in done),
                },
            )
        return done


def _check_common(check: Validator, category: str, owner: str, path_prefix: str) -> None:
    check.require(
        not category or category in domain.CATEGORIES,
        "category",
        f"one of {', '.join(domain.CATEGORIES)}",
    )
    check.require(len(owner) <= 64, "owner", "at most 64 characters")
    prefix = path_prefix.strip().rstrip("/")
    if prefix:
        problem = domain.path_problem(prefix)
        check.require(problem is None, "path_prefix", problem or "")
        check.require(
            not domain.path_variables(prefix), "path_prefix", "no {variables} in a prefix"
        )


def _audit(
    session: Session,
    facts: RequestFacts,
    row: ApiServiceRow,
    what: str,
    *,
    before: dict[str, object] | None = None,
) -> None:
    audit(
        session,
        AuditOutboxRow,
        facts,
        "api_service",
        row.api_service_id,
        f"{what}: {row.code} {row.version}",
        before=before,
        after=api_service_snapshot(row),
    )


def _item(planned: _Planned) -> ipb.ImportItem:
    spec = planned.spec
    return ipb.ImportItem(
        action=planned.action,  # type: ignore[arg-type]
        code=spec.code,
        version=spec.version,
        method=spec.method,  # type: ignore[arg-type]
        path=spec.path,
        api_service_id=planned.api_service_id,
        message=planned.message,
    )


def _summary(items: list[ipb.ImportItem]) -> ipb.ImportSummary:
    return ipb.ImportSummary(
        created=sum(item.action == ipb.IMPORT_ACTION_CREATE for item in items),
        updated=sum(item.action == ipb.IMPORT_ACTION_UPDATE for item in items),
        skipped=sum(item.action == ipb.IMPORT_ACTION_SKIP for item in items),
        failed=sum(item.action == ipb.IMPORT_ACTION_ERROR for item in items),
    )


def _template_message(template: templates.Template, imported: bool) -> ipb.CatalogTemplate:
    spec = template.spec(
        upstream_id="",
        version="v1",
        path_prefix="",
        method_number=METHOD_NUMBERS[template.method],
    )
    return ipb.CatalogTemplate(
        code=template.code,
        name=template.name,
        category=template.category,
        description=template.description,
        method=spec.method,  # type: ignore[arg-type]
        path=template.path,
        request_schema=spec.request_schema,
        response_schema=spec.response_schema,
        request_example=spec.request_example,
        response_example=spec.response_example,
        parameters=[
            pb.ApiParameter(
                name=p.name,
                location=_LOCATIONS[p.location],
                type=p.type,
                required=p.required,
                description=p.description,
                example=p.example,
            )
            for p in template.parameters
        ],
        error_codes=[
            pb.ApiErrorCode(code=e.code, http_status=e.http_status, description=e.description)
            for e in template.error_codes
        ],
        simulator_implemented=template.simulator_implemented,
        imported=imported,
    )


_LOCATIONS = {
    "path": pb.PARAMETER_LOCATION_PATH,
    "query": pb.PARAMETER_LOCATION_QUERY,
    "header": pb.PARAMETER_LOCATION_HEADER,
}
