import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ServingStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVING_STATUS_UNSPECIFIED: _ClassVar[ServingStatus]
    SERVING_STATUS_SERVING: _ClassVar[ServingStatus]
    SERVING_STATUS_NOT_SERVING: _ClassVar[ServingStatus]
    SERVING_STATUS_UNREACHABLE: _ClassVar[ServingStatus]
SERVING_STATUS_UNSPECIFIED: ServingStatus
SERVING_STATUS_SERVING: ServingStatus
SERVING_STATUS_NOT_SERVING: ServingStatus
SERVING_STATUS_UNREACHABLE: ServingStatus

class EdgeInstanceStatus(_message.Message):
    __slots__ = ("node_id", "address", "envoy_version", "state", "start_time", "downstream_connections", "requests_per_second", "active_overload_actions", "memory_allocated_bytes", "reachable", "check_time")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    ENVOY_VERSION_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    DOWNSTREAM_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_OVERLOAD_ACTIONS_FIELD_NUMBER: _ClassVar[int]
    MEMORY_ALLOCATED_BYTES_FIELD_NUMBER: _ClassVar[int]
    REACHABLE_FIELD_NUMBER: _ClassVar[int]
    CHECK_TIME_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    address: str
    envoy_version: str
    state: str
    start_time: _timestamp_pb2.Timestamp
    downstream_connections: int
    requests_per_second: float
    active_overload_actions: _containers.RepeatedScalarFieldContainer[str]
    memory_allocated_bytes: int
    reachable: bool
    check_time: _timestamp_pb2.Timestamp
    def __init__(self, node_id: _Optional[str] = ..., address: _Optional[str] = ..., envoy_version: _Optional[str] = ..., state: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., downstream_connections: _Optional[int] = ..., requests_per_second: _Optional[float] = ..., active_overload_actions: _Optional[_Iterable[str]] = ..., memory_allocated_bytes: _Optional[int] = ..., reachable: _Optional[bool] = ..., check_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetEdgeStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetEdgeStatusResponse(_message.Message):
    __slots__ = ("instances",)
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    instances: _containers.RepeatedCompositeFieldContainer[EdgeInstanceStatus]
    def __init__(self, instances: _Optional[_Iterable[_Union[EdgeInstanceStatus, _Mapping]]] = ...) -> None: ...

class UpstreamStatus(_message.Message):
    __slots__ = ("upstream", "endpoints", "healthy_endpoints", "ejected_endpoints", "requests_per_second", "error_rate", "p95_latency_ms", "circuit_open", "check_time")
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    EJECTED_ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    P95_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    CIRCUIT_OPEN_FIELD_NUMBER: _ClassVar[int]
    CHECK_TIME_FIELD_NUMBER: _ClassVar[int]
    upstream: str
    endpoints: int
    healthy_endpoints: int
    ejected_endpoints: int
    requests_per_second: float
    error_rate: float
    p95_latency_ms: float
    circuit_open: bool
    check_time: _timestamp_pb2.Timestamp
    def __init__(self, upstream: _Optional[str] = ..., endpoints: _Optional[int] = ..., healthy_endpoints: _Optional[int] = ..., ejected_endpoints: _Optional[int] = ..., requests_per_second: _Optional[float] = ..., error_rate: _Optional[float] = ..., p95_latency_ms: _Optional[float] = ..., circuit_open: _Optional[bool] = ..., check_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListUpstreamStatusesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "unhealthy_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    UNHEALTHY_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    unhealthy_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., unhealthy_only: _Optional[bool] = ...) -> None: ...

class ListUpstreamStatusesResponse(_message.Message):
    __slots__ = ("upstreams", "next_page_token", "total_size")
    UPSTREAMS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    upstreams: _containers.RepeatedCompositeFieldContainer[UpstreamStatus]
    next_page_token: str
    total_size: int
    def __init__(self, upstreams: _Optional[_Iterable[_Union[UpstreamStatus, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ServiceInstanceStatus(_message.Message):
    __slots__ = ("service", "address", "serving_status", "ready", "version", "start_time", "restarts", "check_time", "error")
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    SERVING_STATUS_FIELD_NUMBER: _ClassVar[int]
    READY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    RESTARTS_FIELD_NUMBER: _ClassVar[int]
    CHECK_TIME_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    service: str
    address: str
    serving_status: ServingStatus
    ready: bool
    version: str
    start_time: _timestamp_pb2.Timestamp
    restarts: int
    check_time: _timestamp_pb2.Timestamp
    error: str
    def __init__(self, service: _Optional[str] = ..., address: _Optional[str] = ..., serving_status: _Optional[_Union[ServingStatus, str]] = ..., ready: _Optional[bool] = ..., version: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., restarts: _Optional[int] = ..., check_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[str] = ...) -> None: ...

class ListServiceStatusesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListServiceStatusesResponse(_message.Message):
    __slots__ = ("instances",)
    INSTANCES_FIELD_NUMBER: _ClassVar[int]
    instances: _containers.RepeatedCompositeFieldContainer[ServiceInstanceStatus]
    def __init__(self, instances: _Optional[_Iterable[_Union[ServiceInstanceStatus, _Mapping]]] = ...) -> None: ...

class GetIngestStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetIngestStatusResponse(_message.Message):
    __slots__ = ("received_entries", "stored_entries", "backfilled_entries", "pending_gap_entries", "lag_seconds", "queued_entries", "entries_per_second", "oldest_access_log_time", "oldest_rollup_time", "access_log_retention_days", "rollup_retention_days", "last_purge_time", "last_purge_deleted_entries")
    RECEIVED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    STORED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    BACKFILLED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PENDING_GAP_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    LAG_SECONDS_FIELD_NUMBER: _ClassVar[int]
    QUEUED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    OLDEST_ACCESS_LOG_TIME_FIELD_NUMBER: _ClassVar[int]
    OLDEST_ROLLUP_TIME_FIELD_NUMBER: _ClassVar[int]
    ACCESS_LOG_RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    ROLLUP_RETENTION_DAYS_FIELD_NUMBER: _ClassVar[int]
    LAST_PURGE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_PURGE_DELETED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    received_entries: int
    stored_entries: int
    backfilled_entries: int
    pending_gap_entries: int
    lag_seconds: float
    queued_entries: int
    entries_per_second: float
    oldest_access_log_time: _timestamp_pb2.Timestamp
    oldest_rollup_time: _timestamp_pb2.Timestamp
    access_log_retention_days: int
    rollup_retention_days: int
    last_purge_time: _timestamp_pb2.Timestamp
    last_purge_deleted_entries: int
    def __init__(self, received_entries: _Optional[int] = ..., stored_entries: _Optional[int] = ..., backfilled_entries: _Optional[int] = ..., pending_gap_entries: _Optional[int] = ..., lag_seconds: _Optional[float] = ..., queued_entries: _Optional[int] = ..., entries_per_second: _Optional[float] = ..., oldest_access_log_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., oldest_rollup_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., access_log_retention_days: _Optional[int] = ..., rollup_retention_days: _Optional[int] = ..., last_purge_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_purge_deleted_entries: _Optional[int] = ...) -> None: ...
