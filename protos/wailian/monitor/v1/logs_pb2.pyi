import datetime

from google.api import annotations_pb2 as _annotations_pb2
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

class CallOutcome(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CALL_OUTCOME_UNSPECIFIED: _ClassVar[CallOutcome]
    CALL_OUTCOME_SUCCESS: _ClassVar[CallOutcome]
    CALL_OUTCOME_CLIENT_ERROR: _ClassVar[CallOutcome]
    CALL_OUTCOME_SERVER_ERROR: _ClassVar[CallOutcome]
CALL_OUTCOME_UNSPECIFIED: CallOutcome
CALL_OUTCOME_SUCCESS: CallOutcome
CALL_OUTCOME_CLIENT_ERROR: CallOutcome
CALL_OUTCOME_SERVER_ERROR: CallOutcome

class AccessLogEntry(_message.Message):
    __slots__ = ("request_id", "trace_id", "start_time", "channel_id", "channel_code", "api_service_id", "api_service_code", "method", "path", "query", "upstream", "upstream_host", "status_code", "response_flags", "outcome", "duration_ms", "upstream_duration_ms", "request_bytes", "response_bytes", "client_ip", "user_agent", "edge_node_id", "response_code_details", "credential_id", "backfilled")
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_HOST_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FLAGS_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_BYTES_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    EDGE_NODE_ID_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_CODE_DETAILS_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    BACKFILLED_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    trace_id: str
    start_time: _timestamp_pb2.Timestamp
    channel_id: str
    channel_code: str
    api_service_id: str
    api_service_code: str
    method: str
    path: str
    query: str
    upstream: str
    upstream_host: str
    status_code: int
    response_flags: str
    outcome: CallOutcome
    duration_ms: float
    upstream_duration_ms: float
    request_bytes: int
    response_bytes: int
    client_ip: str
    user_agent: str
    edge_node_id: str
    response_code_details: str
    credential_id: str
    backfilled: bool
    def __init__(self, request_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., method: _Optional[str] = ..., path: _Optional[str] = ..., query: _Optional[str] = ..., upstream: _Optional[str] = ..., upstream_host: _Optional[str] = ..., status_code: _Optional[int] = ..., response_flags: _Optional[str] = ..., outcome: _Optional[_Union[CallOutcome, str]] = ..., duration_ms: _Optional[float] = ..., upstream_duration_ms: _Optional[float] = ..., request_bytes: _Optional[int] = ..., response_bytes: _Optional[int] = ..., client_ip: _Optional[str] = ..., user_agent: _Optional[str] = ..., edge_node_id: _Optional[str] = ..., response_code_details: _Optional[str] = ..., credential_id: _Optional[str] = ..., backfilled: _Optional[bool] = ...) -> None: ...

class AccessLogFilter(_message.Message):
    __slots__ = ("time_range", "api_service_codes", "channel_ids", "status_codes", "status_classes", "outcome", "min_duration_ms", "client_ip", "request_id", "trace_id", "path_prefix", "method", "upstream", "response_flag")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODES_FIELD_NUMBER: _ClassVar[int]
    STATUS_CLASSES_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    MIN_DURATION_MS_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    PATH_PREFIX_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_FLAG_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    api_service_codes: _containers.RepeatedScalarFieldContainer[str]
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    status_codes: _containers.RepeatedScalarFieldContainer[int]
    status_classes: _containers.RepeatedScalarFieldContainer[int]
    outcome: CallOutcome
    min_duration_ms: float
    client_ip: str
    request_id: str
    trace_id: str
    path_prefix: str
    method: str
    upstream: str
    response_flag: str
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., api_service_codes: _Optional[_Iterable[str]] = ..., channel_ids: _Optional[_Iterable[str]] = ..., status_codes: _Optional[_Iterable[int]] = ..., status_classes: _Optional[_Iterable[int]] = ..., outcome: _Optional[_Union[CallOutcome, str]] = ..., min_duration_ms: _Optional[float] = ..., client_ip: _Optional[str] = ..., request_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., path_prefix: _Optional[str] = ..., method: _Optional[str] = ..., upstream: _Optional[str] = ..., response_flag: _Optional[str] = ...) -> None: ...

class ListAccessLogsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "include_total_size")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: AccessLogFilter
    include_total_size: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[AccessLogFilter, _Mapping]] = ..., include_total_size: _Optional[bool] = ...) -> None: ...

class ListAccessLogsResponse(_message.Message):
    __slots__ = ("entries", "next_page_token", "total_size")
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[AccessLogEntry]
    next_page_token: str
    total_size: int
    def __init__(self, entries: _Optional[_Iterable[_Union[AccessLogEntry, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetAccessLogRequest(_message.Message):
    __slots__ = ("request_id",)
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    request_id: str
    def __init__(self, request_id: _Optional[str] = ...) -> None: ...

class GetAccessLogResponse(_message.Message):
    __slots__ = ("entry", "trace_url")
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    TRACE_URL_FIELD_NUMBER: _ClassVar[int]
    entry: AccessLogEntry
    trace_url: str
    def __init__(self, entry: _Optional[_Union[AccessLogEntry, _Mapping]] = ..., trace_url: _Optional[str] = ...) -> None: ...

class PurgeAccessLogsRequest(_message.Message):
    __slots__ = ("before", "dry_run")
    BEFORE_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    before: _timestamp_pb2.Timestamp
    dry_run: bool
    def __init__(self, before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class PurgeAccessLogsResponse(_message.Message):
    __slots__ = ("deleted_entries", "oldest_remaining_time")
    DELETED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    OLDEST_REMAINING_TIME_FIELD_NUMBER: _ClassVar[int]
    deleted_entries: int
    oldest_remaining_time: _timestamp_pb2.Timestamp
    def __init__(self, deleted_entries: _Optional[int] = ..., oldest_remaining_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
