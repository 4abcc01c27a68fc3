from google.api import annotations_pb2 as _annotations_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.registry.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ImportAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_ACTION_UNSPECIFIED: _ClassVar[ImportAction]
    IMPORT_ACTION_CREATE: _ClassVar[ImportAction]
    IMPORT_ACTION_UPDATE: _ClassVar[ImportAction]
    IMPORT_ACTION_SKIP: _ClassVar[ImportAction]
    IMPORT_ACTION_ERROR: _ClassVar[ImportAction]
IMPORT_ACTION_UNSPECIFIED: ImportAction
IMPORT_ACTION_CREATE: ImportAction
IMPORT_ACTION_UPDATE: ImportAction
IMPORT_ACTION_SKIP: ImportAction
IMPORT_ACTION_ERROR: ImportAction

class ImportItem(_message.Message):
    __slots__ = ("action", "code", "version", "method", "path", "api_service_id", "message")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    action: ImportAction
    code: str
    version: str
    method: _catalog_pb2.HttpMethod
    path: str
    api_service_id: str
    message: str
    def __init__(self, action: _Optional[_Union[ImportAction, str]] = ..., code: _Optional[str] = ..., version: _Optional[str] = ..., method: _Optional[_Union[_catalog_pb2.HttpMethod, str]] = ..., path: _Optional[str] = ..., api_service_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class ImportSummary(_message.Message):
    __slots__ = ("created", "updated", "skipped", "failed")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    SKIPPED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    skipped: int
    failed: int
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ..., skipped: _Optional[int] = ..., failed: _Optional[int] = ...) -> None: ...

class ImportOpenApiRequest(_message.Message):
    __slots__ = ("document", "upstream_id", "category", "owner", "path_prefix", "dry_run", "overwrite_drafts")
    DOCUMENT_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    PATH_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    OVERWRITE_DRAFTS_FIELD_NUMBER: _ClassVar[int]
    document: str
    upstream_id: str
    category: str
    owner: str
    path_prefix: str
    dry_run: bool
    overwrite_drafts: bool
    def __init__(self, document: _Optional[str] = ..., upstream_id: _Optional[str] = ..., category: _Optional[str] = ..., owner: _Optional[str] = ..., path_prefix: _Optional[str] = ..., dry_run: _Optional[bool] = ..., overwrite_drafts: _Optional[bool] = ...) -> None: ...

class ImportOpenApiResponse(_message.Message):
    __slots__ = ("items", "summary")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ImportItem]
    summary: ImportSummary
    def __init__(self, items: _Optional[_Iterable[_Union[ImportItem, _Mapping]]] = ..., summary: _Optional[_Union[ImportSummary, _Mapping]] = ...) -> None: ...

class ImportGrpcServicesRequest(_message.Message):
    __slots__ = ("upstream_id", "file_descriptor_set", "services", "category", "path_prefix", "dry_run", "overwrite_drafts")
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_DESCRIPTOR_SET_FIELD_NUMBER: _ClassVar[int]
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    PATH_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    OVERWRITE_DRAFTS_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    file_descriptor_set: bytes
    services: _containers.RepeatedScalarFieldContainer[str]
    category: str
    path_prefix: str
    dry_run: bool
    overwrite_drafts: bool
    def __init__(self, upstream_id: _Optional[str] = ..., file_descriptor_set: _Optional[bytes] = ..., services: _Optional[_Iterable[str]] = ..., category: _Optional[str] = ..., path_prefix: _Optional[str] = ..., dry_run: _Optional[bool] = ..., overwrite_drafts: _Optional[bool] = ...) -> None: ...

class ImportGrpcServicesResponse(_message.Message):
    __slots__ = ("items", "summary")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ImportItem]
    summary: ImportSummary
    def __init__(self, items: _Optional[_Iterable[_Union[ImportItem, _Mapping]]] = ..., summary: _Optional[_Union[ImportSummary, _Mapping]] = ...) -> None: ...

class CatalogTemplate(_message.Message):
    __slots__ = ("code", "name", "category", "description", "method", "path", "request_schema", "response_schema", "request_example", "response_example", "parameters", "error_codes", "simulator_implemented", "imported")
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    REQUEST_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    REQUEST_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODES_FIELD_NUMBER: _ClassVar[int]
    SIMULATOR_IMPLEMENTED_FIELD_NUMBER: _ClassVar[int]
    IMPORTED_FIELD_NUMBER: _ClassVar[int]
    code: str
    name: str
    category: str
    description: str
    method: _catalog_pb2.HttpMethod
    path: str
    request_schema: str
    response_schema: str
    request_example: str
    response_example: str
    parameters: _containers.RepeatedCompositeFieldContainer[_catalog_pb2.ApiParameter]
    error_codes: _containers.RepeatedCompositeFieldContainer[_catalog_pb2.ApiErrorCode]
    simulator_implemented: bool
    imported: bool
    def __init__(self, code: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., description: _Optional[str] = ..., method: _Optional[_Union[_catalog_pb2.HttpMethod, str]] = ..., path: _Optional[str] = ..., request_schema: _Optional[str] = ..., response_schema: _Optional[str] = ..., request_example: _Optional[str] = ..., response_example: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_catalog_pb2.ApiParameter, _Mapping]]] = ..., error_codes: _Optional[_Iterable[_Union[_catalog_pb2.ApiErrorCode, _Mapping]]] = ..., simulator_implemented: _Optional[bool] = ..., imported: _Optional[bool] = ...) -> None: ...

class ListCatalogTemplatesRequest(_message.Message):
    __slots__ = ("category",)
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    category: str
    def __init__(self, category: _Optional[str] = ...) -> None: ...

class ListCatalogTemplatesResponse(_message.Message):
    __slots__ = ("templates",)
    TEMPLATES_FIELD_NUMBER: _ClassVar[int]
    templates: _containers.RepeatedCompositeFieldContainer[CatalogTemplate]
    def __init__(self, templates: _Optional[_Iterable[_Union[CatalogTemplate, _Mapping]]] = ...) -> None: ...

class ImportCatalogTemplatesRequest(_message.Message):
    __slots__ = ("template_codes", "upstream_id", "version", "path_prefix", "dry_run")
    TEMPLATE_CODES_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    PATH_PREFIX_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    template_codes: _containers.RepeatedScalarFieldContainer[str]
    upstream_id: str
    version: str
    path_prefix: str
    dry_run: bool
    def __init__(self, template_codes: _Optional[_Iterable[str]] = ..., upstream_id: _Optional[str] = ..., version: _Optional[str] = ..., path_prefix: _Optional[str] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class ImportCatalogTemplatesResponse(_message.Message):
    __slots__ = ("items", "summary")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[ImportItem]
    summary: ImportSummary
    def __init__(self, items: _Optional[_Iterable[_Union[ImportItem, _Mapping]]] = ..., summary: _Optional[_Union[ImportSummary, _Mapping]] = ...) -> None: ...
