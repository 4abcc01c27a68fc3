import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.monitor.v1 import logs_pb2 as _logs_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Granularity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GRANULARITY_UNSPECIFIED: _ClassVar[Granularity]
    GRANULARITY_HOUR: _ClassVar[Granularity]
    GRANULARITY_DAY: _ClassVar[Granularity]
    GRANULARITY_MONTH: _ClassVar[Granularity]

class UsageDimension(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USAGE_DIMENSION_UNSPECIFIED: _ClassVar[UsageDimension]
    USAGE_DIMENSION_API_SERVICE: _ClassVar[UsageDimension]
    USAGE_DIMENSION_CHANNEL: _ClassVar[UsageDimension]
    USAGE_DIMENSION_CATEGORY: _ClassVar[UsageDimension]
    USAGE_DIMENSION_UPSTREAM: _ClassVar[UsageDimension]
    USAGE_DIMENSION_OUTCOME: _ClassVar[UsageDimension]
    USAGE_DIMENSION_STATUS_CODE: _ClassVar[UsageDimension]
    USAGE_DIMENSION_TIME: _ClassVar[UsageDimension]
GRANULARITY_UNSPECIFIED: Granularity
GRANULARITY_HOUR: Granularity
GRANULARITY_DAY: Granularity
GRANULARITY_MONTH: Granularity
USAGE_DIMENSION_UNSPECIFIED: UsageDimension
USAGE_DIMENSION_API_SERVICE: UsageDimension
USAGE_DIMENSION_CHANNEL: UsageDimension
USAGE_DIMENSION_CATEGORY: UsageDimension
USAGE_DIMENSION_UPSTREAM: UsageDimension
USAGE_DIMENSION_OUTCOME: UsageDimension
USAGE_DIMENSION_STATUS_CODE: UsageDimension
USAGE_DIMENSION_TIME: UsageDimension

class GetChannelQuotaUsageRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ChannelQuotaUsage(_message.Message):
    __slots__ = ("channel_id", "calls")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    calls: int
    def __init__(self, channel_id: _Optional[str] = ..., calls: _Optional[int] = ...) -> None: ...

class GetChannelQuotaUsageResponse(_message.Message):
    __slots__ = ("day_start_time", "day_end_time", "channels")
    DAY_START_TIME_FIELD_NUMBER: _ClassVar[int]
    DAY_END_TIME_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    day_start_time: _timestamp_pb2.Timestamp
    day_end_time: _timestamp_pb2.Timestamp
    channels: _containers.RepeatedCompositeFieldContainer[ChannelQuotaUsage]
    def __init__(self, day_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., day_end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., channels: _Optional[_Iterable[_Union[ChannelQuotaUsage, _Mapping]]] = ...) -> None: ...

class UsageMetrics(_message.Message):
    __slots__ = ("calls", "success_calls", "failed_calls", "client_error_calls", "server_error_calls", "success_share", "average_latency_ms", "p95_latency_ms", "p99_latency_ms", "request_bytes", "response_bytes")
    CALLS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_CALLS_FIELD_NUMBER: _ClassVar[int]
    FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    SERVER_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    P95_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    P99_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_BYTES_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_BYTES_FIELD_NUMBER: _ClassVar[int]
    calls: int
    success_calls: int
    failed_calls: int
    client_error_calls: int
    server_error_calls: int
    success_share: float
    average_latency_ms: float
    p95_latency_ms: float
    p99_latency_ms: float
    request_bytes: int
    response_bytes: int
    def __init__(self, calls: _Optional[int] = ..., success_calls: _Optional[int] = ..., failed_calls: _Optional[int] = ..., client_error_calls: _Optional[int] = ..., server_error_calls: _Optional[int] = ..., success_share: _Optional[float] = ..., average_latency_ms: _Optional[float] = ..., p95_latency_ms: _Optional[float] = ..., p99_latency_ms: _Optional[float] = ..., request_bytes: _Optional[int] = ..., response_bytes: _Optional[int] = ...) -> None: ...

class UsageFilter(_message.Message):
    __slots__ = ("time_range", "api_service_codes", "channel_ids", "categories", "outcome")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    CATEGORIES_FIELD_NUMBER: _ClassVar[int]
    OUTCOME_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    api_service_codes: _containers.RepeatedScalarFieldContainer[str]
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    categories: _containers.RepeatedScalarFieldContainer[str]
    outcome: _logs_pb2.CallOutcome
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., api_service_codes: _Optional[_Iterable[str]] = ..., channel_ids: _Optional[_Iterable[str]] = ..., categories: _Optional[_Iterable[str]] = ..., outcome: _Optional[_Union[_logs_pb2.CallOutcome, str]] = ...) -> None: ...

class ChannelShare(_message.Message):
    __slots__ = ("channel_id", "channel_code", "channel_name", "calls")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel_code: str
    channel_name: str
    calls: int
    def __init__(self, channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., channel_name: _Optional[str] = ..., calls: _Optional[int] = ...) -> None: ...

class ServiceShare(_message.Message):
    __slots__ = ("api_service_id", "api_service_code", "api_service_name", "calls")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    api_service_code: str
    api_service_name: str
    calls: int
    def __init__(self, api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., api_service_name: _Optional[str] = ..., calls: _Optional[int] = ...) -> None: ...

class ServiceUsageRow(_message.Message):
    __slots__ = ("api_service_id", "api_service_code", "api_service_name", "category", "metrics", "previous_metrics", "top_channels")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_METRICS_FIELD_NUMBER: _ClassVar[int]
    TOP_CHANNELS_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    api_service_code: str
    api_service_name: str
    category: str
    metrics: UsageMetrics
    previous_metrics: UsageMetrics
    top_channels: _containers.RepeatedCompositeFieldContainer[ChannelShare]
    def __init__(self, api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., api_service_name: _Optional[str] = ..., category: _Optional[str] = ..., metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ..., previous_metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ..., top_channels: _Optional[_Iterable[_Union[ChannelShare, _Mapping]]] = ...) -> None: ...

class ChannelAccessRow(_message.Message):
    __slots__ = ("channel_id", "channel_code", "channel_name", "channel_type", "metrics", "previous_metrics", "services_used", "top_services", "daily_quota", "today_calls", "quota_used_share")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_TYPE_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_METRICS_FIELD_NUMBER: _ClassVar[int]
    SERVICES_USED_FIELD_NUMBER: _ClassVar[int]
    TOP_SERVICES_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    TODAY_CALLS_FIELD_NUMBER: _ClassVar[int]
    QUOTA_USED_SHARE_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel_code: str
    channel_name: str
    channel_type: str
    metrics: UsageMetrics
    previous_metrics: UsageMetrics
    services_used: int
    top_services: _containers.RepeatedCompositeFieldContainer[ServiceShare]
    daily_quota: int
    today_calls: int
    quota_used_share: float
    def __init__(self, channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., channel_name: _Optional[str] = ..., channel_type: _Optional[str] = ..., metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ..., previous_metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ..., services_used: _Optional[int] = ..., top_services: _Optional[_Iterable[_Union[ServiceShare, _Mapping]]] = ..., daily_quota: _Optional[int] = ..., today_calls: _Optional[int] = ..., quota_used_share: _Optional[float] = ...) -> None: ...

class ListServiceUsageRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: UsageFilter
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[UsageFilter, _Mapping]] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListServiceUsageResponse(_message.Message):
    __slots__ = ("rows", "next_page_token", "total_size", "totals")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[ServiceUsageRow]
    next_page_token: str
    total_size: int
    totals: UsageMetrics
    def __init__(self, rows: _Optional[_Iterable[_Union[ServiceUsageRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., totals: _Optional[_Union[UsageMetrics, _Mapping]] = ...) -> None: ...

class ListChannelAccessRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: UsageFilter
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[UsageFilter, _Mapping]] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListChannelAccessResponse(_message.Message):
    __slots__ = ("rows", "next_page_token", "total_size", "totals")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[ChannelAccessRow]
    next_page_token: str
    total_size: int
    totals: UsageMetrics
    def __init__(self, rows: _Optional[_Iterable[_Union[ChannelAccessRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., totals: _Optional[_Union[UsageMetrics, _Mapping]] = ...) -> None: ...

class UsagePoint(_message.Message):
    __slots__ = ("time", "metrics")
    TIME_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    metrics: UsageMetrics
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ...) -> None: ...

class GetUsageTrendRequest(_message.Message):
    __slots__ = ("filter", "granularity", "compare_previous_period")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    COMPARE_PREVIOUS_PERIOD_FIELD_NUMBER: _ClassVar[int]
    filter: UsageFilter
    granularity: Granularity
    compare_previous_period: bool
    def __init__(self, filter: _Optional[_Union[UsageFilter, _Mapping]] = ..., granularity: _Optional[_Union[Granularity, str]] = ..., compare_previous_period: _Optional[bool] = ...) -> None: ...

class GetUsageTrendResponse(_message.Message):
    __slots__ = ("points", "previous_points")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_POINTS_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[UsagePoint]
    previous_points: _containers.RepeatedCompositeFieldContainer[UsagePoint]
    def __init__(self, points: _Optional[_Iterable[_Union[UsagePoint, _Mapping]]] = ..., previous_points: _Optional[_Iterable[_Union[UsagePoint, _Mapping]]] = ...) -> None: ...

class DimensionValue(_message.Message):
    __slots__ = ("dimension", "value", "label")
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    dimension: UsageDimension
    value: str
    label: str
    def __init__(self, dimension: _Optional[_Union[UsageDimension, str]] = ..., value: _Optional[str] = ..., label: _Optional[str] = ...) -> None: ...

class UsageRow(_message.Message):
    __slots__ = ("dimensions", "metrics")
    DIMENSIONS_FIELD_NUMBER: _ClassVar[int]
    METRICS_FIELD_NUMBER: _ClassVar[int]
    dimensions: _containers.RepeatedCompositeFieldContainer[DimensionValue]
    metrics: UsageMetrics
    def __init__(self, dimensions: _Optional[_Iterable[_Union[DimensionValue, _Mapping]]] = ..., metrics: _Optional[_Union[UsageMetrics, _Mapping]] = ...) -> None: ...

class QueryUsageRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "group_by", "granularity", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: UsageFilter
    group_by: _containers.RepeatedScalarFieldContainer[UsageDimension]
    granularity: Granularity
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[UsageFilter, _Mapping]] = ..., group_by: _Optional[_Iterable[_Union[UsageDimension, str]]] = ..., granularity: _Optional[_Union[Granularity, str]] = ..., order_by: _Optional[str] = ...) -> None: ...

class QueryUsageResponse(_message.Message):
    __slots__ = ("rows", "next_page_token", "total_size", "totals")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[UsageRow]
    next_page_token: str
    total_size: int
    totals: UsageMetrics
    def __init__(self, rows: _Optional[_Iterable[_Union[UsageRow, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., totals: _Optional[_Union[UsageMetrics, _Mapping]] = ...) -> None: ...
