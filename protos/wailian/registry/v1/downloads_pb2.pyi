from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.registry.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class OpenApiFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    OPEN_API_FORMAT_UNSPECIFIED: _ClassVar[OpenApiFormat]
    OPEN_API_FORMAT_JSON: _ClassVar[OpenApiFormat]
    OPEN_API_FORMAT_YAML: _ClassVar[OpenApiFormat]
OPEN_API_FORMAT_UNSPECIFIED: OpenApiFormat
OPEN_API_FORMAT_JSON: OpenApiFormat
OPEN_API_FORMAT_YAML: OpenApiFormat

class ExportOpenApiRequest(_message.Message):
    __slots__ = ("api_service_ids", "category", "status", "format")
    API_SERVICE_IDS_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    api_service_ids: _containers.RepeatedScalarFieldContainer[str]
    category: str
    status: _catalog_pb2.ApiServiceStatus
    format: OpenApiFormat
    def __init__(self, api_service_ids: _Optional[_Iterable[str]] = ..., category: _Optional[str] = ..., status: _Optional[_Union[_catalog_pb2.ApiServiceStatus, str]] = ..., format: _Optional[_Union[OpenApiFormat, str]] = ...) -> None: ...

class DownloadAccessApplicationAttachmentRequest(_message.Message):
    __slots__ = ("access_application_id", "attachment_id")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    attachment_id: str
    def __init__(self, access_application_id: _Optional[str] = ..., attachment_id: _Optional[str] = ...) -> None: ...

class ExportTestRunRequest(_message.Message):
    __slots__ = ("test_run_id", "format")
    TEST_RUN_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    test_run_id: str
    format: _common_pb2.ExportFormat
    def __init__(self, test_run_id: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...
