"""Registry's downloads: the OpenAPI export of the catalogue, an access application's attachments.

The test run export is not built yet (UNIMPLEMENTED).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
from google.api import httpbody_pb2

from services.registry import openapi, store
from services.registry.channels import Directory
from services.registry.models import ApiServiceRow
from services.registry.review_servicer import visible_application
from services.registry.servicer import ROUTABLE, api_service_message, api_service_spec
from services.runtime.clock import as_utc
from services.runtime.context import current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import Validator
from wailian.registry.v1 import catalog_pb2, downloads_pb2, downloads_pb2_grpc

CHUNK_BYTES = 256 * 1024


class RegistryDownloadServicer(downloads_pb2_grpc.DownloadServiceServicer):
    def __init__(self, uow: UnitOfWork, directory: Directory) -> None:
        self.uow = uow
        self.directory = directory

    async def ExportOpenApi(
        self, request: downloads_pb2.ExportOpenApiRequest, context: grpc.aio.ServicerContext
    ) -> httpbody_pb2.HttpBody:
        """An OpenAPI 3.1 document of the chosen services; vendors get live services only."""
        caller = current_caller()
        vendor = caller is not None and caller.is_vendor
        check = Validator()
        check.require(len(request.api_service_ids) <= 1000, "api_service_ids", "at most 1000")
        check.require(
            not vendor or request.status in (0, *ROUTABLE),
            "status",
            "published or deprecated services only",
        )
        check.check()
        statuses = (request.status,) if request.status else ROUTABLE
        rows = await self.uow.run(
            lambda s: store.exported_api_services(
                s, list(request.api_service_ids), request.category.strip(), statuses
            )
        )
        document = openapi.export_document(
            (_exported(row) for row in rows), title="外联平台 API", version="1"
        )
        as_yaml = request.format == downloads_pb2.OPEN_API_FORMAT_YAML
        return httpbody_pb2.HttpBody(
            content_type="application/yaml" if as_yaml else "application/json",
            data=openapi.dump_document(document, as_yaml=as_yaml),
        )

    async def DownloadAccessApplicationAttachment(
        self,
        request: downloads_pb2.DownloadAccessApplicationAttachmentRequest,
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        """The file as uploaded, in chunks; a vendor gets only its own channels' files."""
        check = Validator()
        check.require(bool(request.access_application_id), "access_application_id", "required")
        check.require(bool(request.attachment_id), "attachment_id", "required")
        check.check()
        await visible_application(self.uow, self.directory, context, request.access_application_id)
        row = await self.uow.run(
            lambda s: store.attachment_with_content(
                s, request.access_application_id, request.attachment_id
            )
        )
        content = row.content
        for start in range(0, len(content), CHUNK_BYTES):
            yield httpbody_pb2.HttpBody(
                content_type=row.content_type, data=content[start : start + CHUNK_BYTES]
            )


def _exported(row: ApiServiceRow) -> openapi.ExportedService:
    spec = api_service_spec(api_service_message(row, ""))
    return openapi.ExportedService(
        code=row.code,
        version=row.version,
        name=row.name,
        category=row.category,
        description=row.description,
        method=catalog_pb2.HttpMethod.Name(row.method).removeprefix("HTTP_METHOD_"),  # type: ignore[arg-type]
        path=row.path,
        deprecated=row.status == catalog_pb2.API_SERVICE_STATUS_DEPRECATED,
        sunset=as_utc(row.sunset_time) if row.sunset_time else None,
        deprecation_link=row.deprecation_link
        if row.status == catalog_pb2.API_SERVICE_STATUS_DEPRECATED
        else "",
        request_schema=spec.request_schema,
        response_schema=spec.response_schema,
        request_example=spec.request_example,
        response_example=spec.response_example,
        parameters=spec.parameters,
        error_codes=spec.error_codes,
        tags=spec.tags,
        rate_limit_per_second=spec.rate_limit_per_second,
    )
