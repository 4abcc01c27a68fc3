"""Registry's downloads: an access application's attachments.

The OpenAPI export and the test run export are not built yet (UNIMPLEMENTED).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import grpc
from google.api import httpbody_pb2

from services.registry import store
from services.registry.channels import Directory
from services.registry.review_servicer import visible_application
from services.runtime.db import UnitOfWork
from services.runtime.errors import Validator
from wailian.registry.v1 import downloads_pb2, downloads_pb2_grpc

CHUNK_BYTES = 256 * 1024


class RegistryDownloadServicer(downloads_pb2_grpc.DownloadServiceServicer):
    def __init__(self, uow: UnitOfWork, directory: Directory) -> None:
        self.uow = uow
        self.directory = directory

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
