import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
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

class LoadBalancingPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    LOAD_BALANCING_POLICY_UNSPECIFIED: _ClassVar[LoadBalancingPolicy]
    LOAD_BALANCING_POLICY_ROUND_ROBIN: _ClassVar[LoadBalancingPolicy]
    LOAD_BALANCING_POLICY_LEAST_REQUEST: _ClassVar[LoadBalancingPolicy]
    LOAD_BALANCING_POLICY_RANDOM: _ClassVar[LoadBalancingPolicy]
    LOAD_BALANCING_POLICY_RING_HASH: _ClassVar[LoadBalancingPolicy]

class ParameterLocation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PARAMETER_LOCATION_UNSPECIFIED: _ClassVar[ParameterLocation]
    PARAMETER_LOCATION_PATH: _ClassVar[ParameterLocation]
    PARAMETER_LOCATION_QUERY: _ClassVar[ParameterLocation]
    PARAMETER_LOCATION_HEADER: _ClassVar[ParameterLocation]
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
LOAD_BALANCING_POLICY_UNSPECIFIED: LoadBalancingPolicy
LOAD_BALANCING_POLICY_ROUND_ROBIN: LoadBalancingPolicy
LOAD_BALANCING_POLICY_LEAST_REQUEST: LoadBalancingPolicy
LOAD_BALANCING_POLICY_RANDOM: LoadBalancingPolicy
LOAD_BALANCING_POLICY_RING_HASH: LoadBalancingPolicy
PARAMETER_LOCATION_UNSPECIFIED: ParameterLocation
PARAMETER_LOCATION_PATH: ParameterLocation
PARAMETER_LOCATION_QUERY: ParameterLocation
PARAMETER_LOCATION_HEADER: ParameterLocation

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
    __slots__ = ("upstream_id", "name", "description", "endpoints", "protocol", "tls", "connect_timeout", "request_timeout", "tls_ca_certificate_pem", "tls_server_name", "tls_client_certificate_pem", "tls_client_private_key_pem", "retry_policy", "circuit_breaker", "audit", "health_check", "load_balancing_policy", "sandbox", "api_service_count", "tls_client_certificate_info", "tls_client_private_key_set")
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    TLS_FIELD_NUMBER: _ClassVar[int]
    CONNECT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    REQUEST_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    TLS_CA_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    TLS_SERVER_NAME_FIELD_NUMBER: _ClassVar[int]
    TLS_CLIENT_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    TLS_CLIENT_PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    RETRY_POLICY_FIELD_NUMBER: _ClassVar[int]
    CIRCUIT_BREAKER_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    HEALTH_CHECK_FIELD_NUMBER: _ClassVar[int]
    LOAD_BALANCING_POLICY_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_COUNT_FIELD_NUMBER: _ClassVar[int]
    TLS_CLIENT_CERTIFICATE_INFO_FIELD_NUMBER: _ClassVar[int]
    TLS_CLIENT_PRIVATE_KEY_SET_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    name: str
    description: str
    endpoints: _containers.RepeatedCompositeFieldContainer[Endpoint]
    protocol: UpstreamProtocol
    tls: bool
    connect_timeout: _duration_pb2.Duration
    request_timeout: _duration_pb2.Duration
    tls_ca_certificate_pem: str
    tls_server_name: str
    tls_client_certificate_pem: str
    tls_client_private_key_pem: str
    retry_policy: RetryPolicy
    circuit_breaker: CircuitBreaker
    audit: _common_pb2.AuditInfo
    health_check: HealthCheck
    load_balancing_policy: LoadBalancingPolicy
    sandbox: bool
    api_service_count: int
    tls_client_certificate_info: ClientCertificateInfo
    tls_client_private_key_set: bool
    def __init__(self, upstream_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., endpoints: _Optional[_Iterable[_Union[Endpoint, _Mapping]]] = ..., protocol: _Optional[_Union[UpstreamProtocol, str]] = ..., tls: _Optional[bool] = ..., connect_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., request_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., tls_ca_certificate_pem: _Optional[str] = ..., tls_server_name: _Optional[str] = ..., tls_client_certificate_pem: _Optional[str] = ..., tls_client_private_key_pem: _Optional[str] = ..., retry_policy: _Optional[_Union[RetryPolicy, _Mapping]] = ..., circuit_breaker: _Optional[_Union[CircuitBreaker, _Mapping]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., health_check: _Optional[_Union[HealthCheck, _Mapping]] = ..., load_balancing_policy: _Optional[_Union[LoadBalancingPolicy, str]] = ..., sandbox: _Optional[bool] = ..., api_service_count: _Optional[int] = ..., tls_client_certificate_info: _Optional[_Union[ClientCertificateInfo, _Mapping]] = ..., tls_client_private_key_set: _Optional[bool] = ...) -> None: ...

class ClientCertificateInfo(_message.Message):
    __slots__ = ("subject", "issuer", "sha256_fingerprint", "not_before", "not_after")
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ISSUER_FIELD_NUMBER: _ClassVar[int]
    SHA256_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    NOT_BEFORE_FIELD_NUMBER: _ClassVar[int]
    NOT_AFTER_FIELD_NUMBER: _ClassVar[int]
    subject: str
    issuer: str
    sha256_fingerprint: str
    not_before: _timestamp_pb2.Timestamp
    not_after: _timestamp_pb2.Timestamp
    def __init__(self, subject: _Optional[str] = ..., issuer: _Optional[str] = ..., sha256_fingerprint: _Optional[str] = ..., not_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., not_after: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

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
    __slots__ = ("page_size", "page_token", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("api_service_id", "code", "name", "category", "version", "description", "status", "method", "path", "upstream_id", "upstream_path", "owner", "audit", "upstream_name", "request_schema", "response_schema", "request_example", "response_example", "parameters", "error_codes", "rate_limit_per_second", "grpc_method", "sandbox_upstream_id", "timeout", "publish_time", "deprecate_time", "sunset_time", "tags", "granted_channel_count", "deprecation_link")
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
    REQUEST_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    REQUEST_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODES_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    GRPC_METHOD_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_TIME_FIELD_NUMBER: _ClassVar[int]
    DEPRECATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SUNSET_TIME_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    GRANTED_CHANNEL_COUNT_FIELD_NUMBER: _ClassVar[int]
    DEPRECATION_LINK_FIELD_NUMBER: _ClassVar[int]
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
    request_schema: str
    response_schema: str
    request_example: str
    response_example: str
    parameters: _containers.RepeatedCompositeFieldContainer[ApiParameter]
    error_codes: _containers.RepeatedCompositeFieldContainer[ApiErrorCode]
    rate_limit_per_second: int
    grpc_method: str
    sandbox_upstream_id: str
    timeout: _duration_pb2.Duration
    publish_time: _timestamp_pb2.Timestamp
    deprecate_time: _timestamp_pb2.Timestamp
    sunset_time: _timestamp_pb2.Timestamp
    tags: _containers.RepeatedScalarFieldContainer[str]
    granted_channel_count: int
    deprecation_link: str
    def __init__(self, api_service_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[ApiServiceStatus, str]] = ..., method: _Optional[_Union[HttpMethod, str]] = ..., path: _Optional[str] = ..., upstream_id: _Optional[str] = ..., upstream_path: _Optional[str] = ..., owner: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., upstream_name: _Optional[str] = ..., request_schema: _Optional[str] = ..., response_schema: _Optional[str] = ..., request_example: _Optional[str] = ..., response_example: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[ApiParameter, _Mapping]]] = ..., error_codes: _Optional[_Iterable[_Union[ApiErrorCode, _Mapping]]] = ..., rate_limit_per_second: _Optional[int] = ..., grpc_method: _Optional[str] = ..., sandbox_upstream_id: _Optional[str] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., publish_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., deprecate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., sunset_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., tags: _Optional[_Iterable[str]] = ..., granted_channel_count: _Optional[int] = ..., deprecation_link: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("page_size", "page_token", "status", "query", "category", "upstream_id", "code", "tag")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    TAG_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: ApiServiceStatus
    query: str
    category: str
    upstream_id: str
    code: str
    tag: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[ApiServiceStatus, str]] = ..., query: _Optional[str] = ..., category: _Optional[str] = ..., upstream_id: _Optional[str] = ..., code: _Optional[str] = ..., tag: _Optional[str] = ...) -> None: ...

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

class RetryPolicy(_message.Message):
    __slots__ = ("max_retries", "per_try_timeout", "retry_on")
    MAX_RETRIES_FIELD_NUMBER: _ClassVar[int]
    PER_TRY_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    RETRY_ON_FIELD_NUMBER: _ClassVar[int]
    max_retries: int
    per_try_timeout: _duration_pb2.Duration
    retry_on: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, max_retries: _Optional[int] = ..., per_try_timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., retry_on: _Optional[_Iterable[str]] = ...) -> None: ...

class CircuitBreaker(_message.Message):
    __slots__ = ("max_connections", "max_pending_requests", "max_requests", "max_retries", "consecutive_5xx", "base_ejection_time", "max_ejection_percent")
    MAX_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    MAX_PENDING_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    MAX_REQUESTS_FIELD_NUMBER: _ClassVar[int]
    MAX_RETRIES_FIELD_NUMBER: _ClassVar[int]
    CONSECUTIVE_5XX_FIELD_NUMBER: _ClassVar[int]
    BASE_EJECTION_TIME_FIELD_NUMBER: _ClassVar[int]
    MAX_EJECTION_PERCENT_FIELD_NUMBER: _ClassVar[int]
    max_connections: int
    max_pending_requests: int
    max_requests: int
    max_retries: int
    consecutive_5xx: int
    base_ejection_time: _duration_pb2.Duration
    max_ejection_percent: int
    def __init__(self, max_connections: _Optional[int] = ..., max_pending_requests: _Optional[int] = ..., max_requests: _Optional[int] = ..., max_retries: _Optional[int] = ..., consecutive_5xx: _Optional[int] = ..., base_ejection_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_ejection_percent: _Optional[int] = ...) -> None: ...

class HealthCheck(_message.Message):
    __slots__ = ("enabled", "path", "grpc_service_name", "interval", "timeout", "healthy_threshold", "unhealthy_threshold", "expected_statuses")
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    GRPC_SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    UNHEALTHY_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_STATUSES_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    path: str
    grpc_service_name: str
    interval: _duration_pb2.Duration
    timeout: _duration_pb2.Duration
    healthy_threshold: int
    unhealthy_threshold: int
    expected_statuses: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, enabled: _Optional[bool] = ..., path: _Optional[str] = ..., grpc_service_name: _Optional[str] = ..., interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., timeout: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., healthy_threshold: _Optional[int] = ..., unhealthy_threshold: _Optional[int] = ..., expected_statuses: _Optional[_Iterable[int]] = ...) -> None: ...

class ApiParameter(_message.Message):
    __slots__ = ("name", "location", "type", "required", "description", "example")
    NAME_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    REQUIRED_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    location: ParameterLocation
    type: str
    required: bool
    description: str
    example: str
    def __init__(self, name: _Optional[str] = ..., location: _Optional[_Union[ParameterLocation, str]] = ..., type: _Optional[str] = ..., required: _Optional[bool] = ..., description: _Optional[str] = ..., example: _Optional[str] = ...) -> None: ...

class ApiErrorCode(_message.Message):
    __slots__ = ("code", "http_status", "description")
    CODE_FIELD_NUMBER: _ClassVar[int]
    HTTP_STATUS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    code: str
    http_status: int
    description: str
    def __init__(self, code: _Optional[str] = ..., http_status: _Optional[int] = ..., description: _Optional[str] = ...) -> None: ...

class UpdateUpstreamRequest(_message.Message):
    __slots__ = ("upstream_id", "upstream", "update_mask")
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    upstream: Upstream
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, upstream_id: _Optional[str] = ..., upstream: _Optional[_Union[Upstream, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateUpstreamResponse(_message.Message):
    __slots__ = ("upstream",)
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    upstream: Upstream
    def __init__(self, upstream: _Optional[_Union[Upstream, _Mapping]] = ...) -> None: ...

class DeleteUpstreamRequest(_message.Message):
    __slots__ = ("upstream_id",)
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    def __init__(self, upstream_id: _Optional[str] = ...) -> None: ...

class DeleteUpstreamResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ProbeUpstreamRequest(_message.Message):
    __slots__ = ("upstream_id",)
    UPSTREAM_ID_FIELD_NUMBER: _ClassVar[int]
    upstream_id: str
    def __init__(self, upstream_id: _Optional[str] = ...) -> None: ...

class EndpointProbe(_message.Message):
    __slots__ = ("endpoint", "reachable", "latency", "health_status", "error")
    ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    REACHABLE_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    HEALTH_STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    endpoint: Endpoint
    reachable: bool
    latency: _duration_pb2.Duration
    health_status: int
    error: str
    def __init__(self, endpoint: _Optional[_Union[Endpoint, _Mapping]] = ..., reachable: _Optional[bool] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., health_status: _Optional[int] = ..., error: _Optional[str] = ...) -> None: ...

class ProbeUpstreamResponse(_message.Message):
    __slots__ = ("endpoints",)
    ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    endpoints: _containers.RepeatedCompositeFieldContainer[EndpointProbe]
    def __init__(self, endpoints: _Optional[_Iterable[_Union[EndpointProbe, _Mapping]]] = ...) -> None: ...

class UpdateApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id", "api_service", "update_mask")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    api_service: ApiService
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, api_service_id: _Optional[str] = ..., api_service: _Optional[_Union[ApiService, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class DeleteApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id",)
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    def __init__(self, api_service_id: _Optional[str] = ...) -> None: ...

class DeleteApiServiceResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DeprecateApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id", "sunset_time", "comment", "deprecation_link")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    SUNSET_TIME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DEPRECATION_LINK_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    sunset_time: _timestamp_pb2.Timestamp
    comment: str
    deprecation_link: str
    def __init__(self, api_service_id: _Optional[str] = ..., sunset_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ..., deprecation_link: _Optional[str] = ...) -> None: ...

class DeprecateApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class UnpublishApiServiceRequest(_message.Message):
    __slots__ = ("api_service_id", "comment")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    comment: str
    def __init__(self, api_service_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class UnpublishApiServiceResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class CreateApiServiceVersionRequest(_message.Message):
    __slots__ = ("api_service_id", "version")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    version: str
    def __init__(self, api_service_id: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class CreateApiServiceVersionResponse(_message.Message):
    __slots__ = ("api_service",)
    API_SERVICE_FIELD_NUMBER: _ClassVar[int]
    api_service: ApiService
    def __init__(self, api_service: _Optional[_Union[ApiService, _Mapping]] = ...) -> None: ...

class GetCatalogSummaryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CategoryCount(_message.Message):
    __slots__ = ("category", "api_services")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    category: str
    api_services: int
    def __init__(self, category: _Optional[str] = ..., api_services: _Optional[int] = ...) -> None: ...

class GetCatalogSummaryResponse(_message.Message):
    __slots__ = ("total_api_services", "draft_api_services", "published_api_services", "deprecated_api_services", "offline_api_services", "upstreams", "categories")
    TOTAL_API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    DRAFT_API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    DEPRECATED_API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    OFFLINE_API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    UPSTREAMS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    total_api_services: int
    draft_api_services: int
    published_api_services: int
    deprecated_api_services: int
    offline_api_services: int
    upstreams: int
    categories: _containers.RepeatedCompositeFieldContainer[CategoryCount]
    def __init__(self, total_api_services: _Optional[int] = ..., draft_api_services: _Optional[int] = ..., published_api_services: _Optional[int] = ..., deprecated_api_services: _Optional[int] = ..., offline_api_services: _Optional[int] = ..., upstreams: _Optional[int] = ..., categories: _Optional[_Iterable[_Union[CategoryCount, _Mapping]]] = ...) -> None: ...
