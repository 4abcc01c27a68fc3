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

class RankMetric(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RANK_METRIC_UNSPECIFIED: _ClassVar[RankMetric]
    RANK_METRIC_CALLS: _ClassVar[RankMetric]
    RANK_METRIC_FAILED_CALLS: _ClassVar[RankMetric]
    RANK_METRIC_AVERAGE_LATENCY: _ClassVar[RankMetric]
    RANK_METRIC_P95_LATENCY: _ClassVar[RankMetric]
    RANK_METRIC_FAILURE_SHARE: _ClassVar[RankMetric]

class SeriesStep(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERIES_STEP_UNSPECIFIED: _ClassVar[SeriesStep]
    SERIES_STEP_MINUTE: _ClassVar[SeriesStep]
    SERIES_STEP_FIVE_MINUTES: _ClassVar[SeriesStep]
    SERIES_STEP_HOUR: _ClassVar[SeriesStep]
    SERIES_STEP_DAY: _ClassVar[SeriesStep]
RANK_METRIC_UNSPECIFIED: RankMetric
RANK_METRIC_CALLS: RankMetric
RANK_METRIC_FAILED_CALLS: RankMetric
RANK_METRIC_AVERAGE_LATENCY: RankMetric
RANK_METRIC_P95_LATENCY: RankMetric
RANK_METRIC_FAILURE_SHARE: RankMetric
SERIES_STEP_UNSPECIFIED: SeriesStep
SERIES_STEP_MINUTE: SeriesStep
SERIES_STEP_FIVE_MINUTES: SeriesStep
SERIES_STEP_HOUR: SeriesStep
SERIES_STEP_DAY: SeriesStep

class GetTrafficOverviewRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTrafficOverviewResponse(_message.Message):
    __slots__ = ("cumulative_calls", "today_calls", "today_success_calls", "today_failed_calls", "today_client_error_calls", "today_server_error_calls", "day_start_time", "api_service_count", "top_latency_services", "top_call_services", "top_failure_services", "today_success_share", "today_failure_share", "as_of_time")
    CUMULATIVE_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_SUCCESS_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_CLIENT_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_SERVER_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    DAY_START_TIME_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOP_LATENCY_SERVICES_FIELD_NUMBER: _ClassVar[int]
    TOP_CALL_SERVICES_FIELD_NUMBER: _ClassVar[int]
    TOP_FAILURE_SERVICES_FIELD_NUMBER: _ClassVar[int]
    TODAY_SUCCESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    TODAY_FAILURE_SHARE_FIELD_NUMBER: _ClassVar[int]
    AS_OF_TIME_FIELD_NUMBER: _ClassVar[int]
    cumulative_calls: int
    today_calls: int
    today_success_calls: int
    today_failed_calls: int
    today_client_error_calls: int
    today_server_error_calls: int
    day_start_time: _timestamp_pb2.Timestamp
    api_service_count: int
    top_latency_services: _containers.RepeatedCompositeFieldContainer[ServiceRank]
    top_call_services: _containers.RepeatedCompositeFieldContainer[ServiceRank]
    top_failure_services: _containers.RepeatedCompositeFieldContainer[ServiceRank]
    today_success_share: float
    today_failure_share: float
    as_of_time: _timestamp_pb2.Timestamp
    def __init__(self, cumulative_calls: _Optional[int] = ..., today_calls: _Optional[int] = ..., today_success_calls: _Optional[int] = ..., today_failed_calls: _Optional[int] = ..., today_client_error_calls: _Optional[int] = ..., today_server_error_calls: _Optional[int] = ..., day_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., api_service_count: _Optional[int] = ..., top_latency_services: _Optional[_Iterable[_Union[ServiceRank, _Mapping]]] = ..., top_call_services: _Optional[_Iterable[_Union[ServiceRank, _Mapping]]] = ..., top_failure_services: _Optional[_Iterable[_Union[ServiceRank, _Mapping]]] = ..., today_success_share: _Optional[float] = ..., today_failure_share: _Optional[float] = ..., as_of_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ServiceRank(_message.Message):
    __slots__ = ("api_service_id", "api_service_code", "api_service_name", "calls", "failed_calls", "average_latency_ms", "p95_latency_ms", "success_share")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    P95_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    api_service_code: str
    api_service_name: str
    calls: int
    failed_calls: int
    average_latency_ms: float
    p95_latency_ms: float
    success_share: float
    def __init__(self, api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., api_service_name: _Optional[str] = ..., calls: _Optional[int] = ..., failed_calls: _Optional[int] = ..., average_latency_ms: _Optional[float] = ..., p95_latency_ms: _Optional[float] = ..., success_share: _Optional[float] = ...) -> None: ...

class ChannelRank(_message.Message):
    __slots__ = ("channel_id", "channel_code", "channel_name", "calls", "failed_calls", "average_latency_ms", "success_share")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel_code: str
    channel_name: str
    calls: int
    failed_calls: int
    average_latency_ms: float
    success_share: float
    def __init__(self, channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., channel_name: _Optional[str] = ..., calls: _Optional[int] = ..., failed_calls: _Optional[int] = ..., average_latency_ms: _Optional[float] = ..., success_share: _Optional[float] = ...) -> None: ...

class ListTopServicesRequest(_message.Message):
    __slots__ = ("metric", "time_range", "limit", "channel_id")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    metric: RankMetric
    time_range: _common_pb2.TimeRange
    limit: int
    channel_id: str
    def __init__(self, metric: _Optional[_Union[RankMetric, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., limit: _Optional[int] = ..., channel_id: _Optional[str] = ...) -> None: ...

class ListTopServicesResponse(_message.Message):
    __slots__ = ("services",)
    SERVICES_FIELD_NUMBER: _ClassVar[int]
    services: _containers.RepeatedCompositeFieldContainer[ServiceRank]
    def __init__(self, services: _Optional[_Iterable[_Union[ServiceRank, _Mapping]]] = ...) -> None: ...

class ListTopChannelsRequest(_message.Message):
    __slots__ = ("metric", "time_range", "limit", "api_service_code")
    METRIC_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    metric: RankMetric
    time_range: _common_pb2.TimeRange
    limit: int
    api_service_code: str
    def __init__(self, metric: _Optional[_Union[RankMetric, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., limit: _Optional[int] = ..., api_service_code: _Optional[str] = ...) -> None: ...

class ListTopChannelsResponse(_message.Message):
    __slots__ = ("channels",)
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedCompositeFieldContainer[ChannelRank]
    def __init__(self, channels: _Optional[_Iterable[_Union[ChannelRank, _Mapping]]] = ...) -> None: ...

class TrafficPoint(_message.Message):
    __slots__ = ("time", "calls", "failed_calls", "requests_per_second", "error_rate", "p50_latency_ms", "p95_latency_ms", "p99_latency_ms")
    TIME_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    REQUESTS_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    P50_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    P95_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    P99_LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    time: _timestamp_pb2.Timestamp
    calls: int
    failed_calls: int
    requests_per_second: float
    error_rate: float
    p50_latency_ms: float
    p95_latency_ms: float
    p99_latency_ms: float
    def __init__(self, time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., calls: _Optional[int] = ..., failed_calls: _Optional[int] = ..., requests_per_second: _Optional[float] = ..., error_rate: _Optional[float] = ..., p50_latency_ms: _Optional[float] = ..., p95_latency_ms: _Optional[float] = ..., p99_latency_ms: _Optional[float] = ...) -> None: ...

class GetTrafficSeriesRequest(_message.Message):
    __slots__ = ("time_range", "step", "api_service_code", "channel_id", "upstream")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    UPSTREAM_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    step: SeriesStep
    api_service_code: str
    channel_id: str
    upstream: str
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., step: _Optional[_Union[SeriesStep, str]] = ..., api_service_code: _Optional[str] = ..., channel_id: _Optional[str] = ..., upstream: _Optional[str] = ...) -> None: ...

class GetTrafficSeriesResponse(_message.Message):
    __slots__ = ("points", "step")
    POINTS_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    points: _containers.RepeatedCompositeFieldContainer[TrafficPoint]
    step: SeriesStep
    def __init__(self, points: _Optional[_Iterable[_Union[TrafficPoint, _Mapping]]] = ..., step: _Optional[_Union[SeriesStep, str]] = ...) -> None: ...
