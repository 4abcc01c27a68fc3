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

class ActorKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACTOR_KIND_UNSPECIFIED: _ClassVar[ActorKind]
    ACTOR_KIND_USER: _ClassVar[ActorKind]
    ACTOR_KIND_CHANNEL: _ClassVar[ActorKind]
    ACTOR_KIND_SERVICE: _ClassVar[ActorKind]
    ACTOR_KIND_ANONYMOUS: _ClassVar[ActorKind]

class AuditResult(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    AUDIT_RESULT_UNSPECIFIED: _ClassVar[AuditResult]
    AUDIT_RESULT_SUCCESS: _ClassVar[AuditResult]
    AUDIT_RESULT_FAILURE: _ClassVar[AuditResult]
    AUDIT_RESULT_DENIED: _ClassVar[AuditResult]
ACTOR_KIND_UNSPECIFIED: ActorKind
ACTOR_KIND_USER: ActorKind
ACTOR_KIND_CHANNEL: ActorKind
ACTOR_KIND_SERVICE: ActorKind
ACTOR_KIND_ANONYMOUS: ActorKind
AUDIT_RESULT_UNSPECIFIED: AuditResult
AUDIT_RESULT_SUCCESS: AuditResult
AUDIT_RESULT_FAILURE: AuditResult
AUDIT_RESULT_DENIED: AuditResult

class AuditRecord(_message.Message):
    __slots__ = ("audit_record_id", "sequence", "event_time", "actor_kind", "actor_id", "actor_name", "client_ip", "user_agent", "service", "method", "action", "resource_type", "resource_id", "result", "before_json", "after_json", "status_code", "status_message", "request_id", "trace_id", "summary", "previous_hash", "hash")
    AUDIT_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_KIND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    TRACE_ID_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_HASH_FIELD_NUMBER: _ClassVar[int]
    HASH_FIELD_NUMBER: _ClassVar[int]
    audit_record_id: str
    sequence: int
    event_time: _timestamp_pb2.Timestamp
    actor_kind: ActorKind
    actor_id: str
    actor_name: str
    client_ip: str
    user_agent: str
    service: str
    method: str
    action: str
    resource_type: str
    resource_id: str
    result: AuditResult
    before_json: str
    after_json: str
    status_code: str
    status_message: str
    request_id: str
    trace_id: str
    summary: str
    previous_hash: str
    hash: str
    def __init__(self, audit_record_id: _Optional[str] = ..., sequence: _Optional[int] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., actor_kind: _Optional[_Union[ActorKind, str]] = ..., actor_id: _Optional[str] = ..., actor_name: _Optional[str] = ..., client_ip: _Optional[str] = ..., user_agent: _Optional[str] = ..., service: _Optional[str] = ..., method: _Optional[str] = ..., action: _Optional[str] = ..., resource_type: _Optional[str] = ..., resource_id: _Optional[str] = ..., result: _Optional[_Union[AuditResult, str]] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ..., status_code: _Optional[str] = ..., status_message: _Optional[str] = ..., request_id: _Optional[str] = ..., trace_id: _Optional[str] = ..., summary: _Optional[str] = ..., previous_hash: _Optional[str] = ..., hash: _Optional[str] = ...) -> None: ...

class AuditRecordFilter(_message.Message):
    __slots__ = ("time_range", "actor_id", "actor_name", "service", "action_prefix", "resource_type", "resource_id", "result", "client_ip", "request_id", "query")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    ACTOR_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    ACTION_PREFIX_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_ID_FIELD_NUMBER: _ClassVar[int]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    REQUEST_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    actor_id: str
    actor_name: str
    service: str
    action_prefix: str
    resource_type: str
    resource_id: str
    result: AuditResult
    client_ip: str
    request_id: str
    query: str
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., actor_id: _Optional[str] = ..., actor_name: _Optional[str] = ..., service: _Optional[str] = ..., action_prefix: _Optional[str] = ..., resource_type: _Optional[str] = ..., resource_id: _Optional[str] = ..., result: _Optional[_Union[AuditResult, str]] = ..., client_ip: _Optional[str] = ..., request_id: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class ListAuditRecordsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: AuditRecordFilter
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[AuditRecordFilter, _Mapping]] = ...) -> None: ...

class ListAuditRecordsResponse(_message.Message):
    __slots__ = ("audit_records", "next_page_token", "total_size")
    AUDIT_RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    audit_records: _containers.RepeatedCompositeFieldContainer[AuditRecord]
    next_page_token: str
    total_size: int
    def __init__(self, audit_records: _Optional[_Iterable[_Union[AuditRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetAuditRecordRequest(_message.Message):
    __slots__ = ("audit_record_id",)
    AUDIT_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    audit_record_id: str
    def __init__(self, audit_record_id: _Optional[str] = ...) -> None: ...

class GetAuditRecordResponse(_message.Message):
    __slots__ = ("audit_record",)
    AUDIT_RECORD_FIELD_NUMBER: _ClassVar[int]
    audit_record: AuditRecord
    def __init__(self, audit_record: _Optional[_Union[AuditRecord, _Mapping]] = ...) -> None: ...

class VerifyAuditChainRequest(_message.Message):
    __slots__ = ("time_range",)
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class VerifyAuditChainResponse(_message.Message):
    __slots__ = ("verified_records", "intact", "first_broken_sequence", "first_broken_record_id", "message")
    VERIFIED_RECORDS_FIELD_NUMBER: _ClassVar[int]
    INTACT_FIELD_NUMBER: _ClassVar[int]
    FIRST_BROKEN_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    FIRST_BROKEN_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    verified_records: int
    intact: bool
    first_broken_sequence: int
    first_broken_record_id: str
    message: str
    def __init__(self, verified_records: _Optional[int] = ..., intact: _Optional[bool] = ..., first_broken_sequence: _Optional[int] = ..., first_broken_record_id: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class AppendAuditRecordsRequest(_message.Message):
    __slots__ = ("audit_records",)
    AUDIT_RECORDS_FIELD_NUMBER: _ClassVar[int]
    audit_records: _containers.RepeatedCompositeFieldContainer[AuditRecord]
    def __init__(self, audit_records: _Optional[_Iterable[_Union[AuditRecord, _Mapping]]] = ...) -> None: ...

class AppendAuditRecordsResponse(_message.Message):
    __slots__ = ("appended", "duplicates")
    APPENDED_FIELD_NUMBER: _ClassVar[int]
    DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    appended: int
    duplicates: int
    def __init__(self, appended: _Optional[int] = ..., duplicates: _Optional[int] = ...) -> None: ...
