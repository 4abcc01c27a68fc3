import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetTrafficOverviewRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetTrafficOverviewResponse(_message.Message):
    __slots__ = ("cumulative_calls", "today_calls", "today_success_calls", "today_failed_calls", "today_client_error_calls", "today_server_error_calls", "day_start_time")
    CUMULATIVE_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_SUCCESS_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_FAILED_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_CLIENT_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    TODAY_SERVER_ERROR_CALLS_FIELD_NUMBER: _ClassVar[int]
    DAY_START_TIME_FIELD_NUMBER: _ClassVar[int]
    cumulative_calls: int
    today_calls: int
    today_success_calls: int
    today_failed_calls: int
    today_client_error_calls: int
    today_server_error_calls: int
    day_start_time: _timestamp_pb2.Timestamp
    def __init__(self, cumulative_calls: _Optional[int] = ..., today_calls: _Optional[int] = ..., today_success_calls: _Optional[int] = ..., today_failed_calls: _Optional[int] = ..., today_client_error_calls: _Optional[int] = ..., today_server_error_calls: _Optional[int] = ..., day_start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
