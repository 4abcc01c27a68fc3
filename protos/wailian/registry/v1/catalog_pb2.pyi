import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UpstreamProtocol(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    UPSTREAM_PROTOCOL_UNSPECIFIED: _ClassVar[UpstreamProtocol]
    UPSTREAM_PROTOCOL_HTTP1: _ClassVar[UpstreamProtocol]
    UPSTREAM_PROTOCOL_HTTP2: _ClassVar[UpstreamProtocol]
    UPSTREAM_PROTOCOL_GRPC: _ClassVar[UpstreamProtocol]

class ApiServiceStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    API_SERVICE_STATUS_UNSPECIFIED: _ClassVar[ApiServiceStatus]
    API_SERVICE_STATUS_DRAFT: _ClassVar[ApiServiceStatus]
    API_SERVICE_STATUS_PUBLISHED: _ClassVar[ApiServiceStatus]
    API_SERVICE_STATUS_DEPRECATED: _ClassVar[ApiServiceStatus]
    API_SERVICE_STATUS_OFFLINE: _ClassVar[ApiServiceStatus]

class HttpMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    HTTP_METHOD_UNSPECIFIED: _ClassVar[HttpMethod]
    HTTP_METHOD_GET: _ClassVar[HttpMethod]
    HTTP_METHOD_POST: _ClassVar[HttpMethod]
    HTTP_METHOD_PUT: _ClassVar[HttpMethod]
    HTTP_METHOD_PATCH: _ClassVar[HttpMethod]
    HTTP_METHOD_DELETE: _ClassVar[HttpMethod]
UPSTREAM_PROTOCOL_UNSPECIFIED: UpstreamProtocol
UPSTREAM_PROTOCOL_HTTP1: UpstreamProtocol
UPSTREAM_PROTOCOL_HTTP2: UpstreamProtocol
UPSTREAM_PROTOCOL_GRPC: UpstreamProtocol
API_SERVICE_STATUS_UNSPECIFIED: ApiServiceStatus
API_SERVICE_STATUS_DRAFT: ApiServiceStatus
API_SERVICE_STATUS_PUBLISHED: ApiServiceStatus
API_SERVICE_STATUS_DEPRECATED: ApiServiceStatus
API_SERVICE_STATUS_OFFLINE: ApiServiceStatus
HTTP_METHOD_UNSPECIFIED: HttpMethod
HTTP_METHOD_GET: HttpMethod
HTTP_METHOD_POST: HttpMethod
HTTP_METHOD_PUT: HttpMethod
HTTP_METHOD_PATCH: HttpMethod
HTTP_METHOD_DELETE: HttpMethod

class Endpoint(_message.Message):
    __slots__ = ("host", "port", "weight")
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    host: str
    port: int
    weight: int
    def __init__(self, host: _Optional[str] = ..., port: _Optional[int] = ..., weight: _Optional[int] = ...) -> None: ...

class Upstream(_message.Message):
    __slots__ = ("upstream_id", "name", "description", "endpoints", "protocol", "tls", "connect_timeout", "request_timeout", "audit")
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    TLS_FIELD_NUMBER: _ClassVar[int]
    CONNECT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    name: str
    description: str
    endpoints: _containers.RepeatedCompositeFieldContainer[Endpoint]
    protocol: UpstreamProtocol
    tls: bool
    connect_timeout: _duration_pb2.Duration
    request_timeout: _duration_pb2.Duration
    audit: _common_pb2.AuditInfo
    def __init__(self, upstream_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., endpoints: _Optional[_Iterable[_Union[Endpoint, _Mapping]]] = ..., protocol: _Optional[_Union[UpstreamProtocol, str]] = ..., tls: _Optional[bool] = ..., connect_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., request_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateUpstreamRequest(_message.Message):
    __slots__ = ("upstream",)
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    upstream: Upstream
    def __init__(self, upstream: _Optional[_Union[Upstream, _Mapping]] = ...) -> None: ...

class CreateUpstreamResponse(_message.Message):
    __slots__ = ("upstream",)
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    upstream: Upstream
    def __init__(self, upstream: _Optional[_Union[Upstream, _Mapping]] = ...) -> None: ...

class GetUpstreamRequest(_message.Message):
    __slots__ = ("upstream_id",)
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    def __init__(self, upstream_id: _Optional[str] = ...) -> None: ...

class GetUpstreamResponse(_message.Message):
    __slots__ = ("upstream",)
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    upstream: Upstream
    def __init__(self, upstream: _Optional[_Union[Upstream, _Mapping]] = ...) -> None: ...

class ListUpstreamsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListUpstreamsResponse(_message.Message):
    __slots__ = ("upstreams", "next_page_token", "total_size")
    UPSTREAMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    upstreams: _containers.RepeatedCompositeFieldContainer[Upstream]
    next_page_token: str
    total_size: int
    def __init__(self, upstreams: _Optional[_Iterable[_Union[Upstream, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ApiService(_message.Message):
    __slots__ = ("api_service_id", "code", "name", "category", "version", "description", "status", "method", "path", "upstream_id", "upstream_path", "owner", "audit", "upstream_name")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_PATH_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    code: str
    name: str
    category: str
    version: str
    description: str
    status: ApiServiceStatus
    method: HttpMethod
    path: str
    upstream_id: str
    upstream_path: str
    owner: str
    audit: _common_pb2.AuditInfo
    upstream_name: str
    def __init__(self, api_service_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[ApiServiceStatus, str]] = ..., method: _Optional[_Union[HttpMethod, str]] = ..., path: _Optional[str] = ..., upstream_id: _Optional[str] = ..., upstream_path: _Optional[str] = ..., owner: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., upstream_name: _Optional[str] = ...) -> None: ...

class CreateApiServiceRequest(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class CreateApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class GetApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id",)
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    def __init__(self, api_service_id: _Optional[str] = ...) -> None: ...

class GetApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class ListApiServicesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: ApiServiceStatus
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[ApiServiceStatus, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListApiServicesResponse(_message.Message):
    __slots__ = ("api_services", "next_page_token", "total_size")
    API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    api_services: _containers.RepeatedCompositeFieldContainer[ApiService]
    next_page_token: str
    total_size: int
    def __init__(self, api_services: _Optional[_Iterable[_Union[ApiService, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class PublishApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id",)
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    def __init__(self, api_service_id: _Optional[str] = ...) -> None: ...

class PublishApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...
