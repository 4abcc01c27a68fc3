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

class MaintenanceKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MAINTENANCE_KIND_UNSPECIFIED: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_FAULT: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_BUG: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_REQUIREMENT: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_CHANGE: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_DATA_CORRECTION: _ClassVar[MaintenanceKind]
    MAINTENANCE_KIND_SUPPORT: _ClassVar[MaintenanceKind]

class MaintenanceSeverity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MAINTENANCE_SEVERITY_UNSPECIFIED: _ClassVar[MaintenanceSeverity]
    MAINTENANCE_SEVERITY_LOW: _ClassVar[MaintenanceSeverity]
    MAINTENANCE_SEVERITY_MEDIUM: _ClassVar[MaintenanceSeverity]
    MAINTENANCE_SEVERITY_HIGH: _ClassVar[MaintenanceSeverity]
    MAINTENANCE_SEVERITY_CRITICAL: _ClassVar[MaintenanceSeverity]

class MaintenanceStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MAINTENANCE_STATUS_UNSPECIFIED: _ClassVar[MaintenanceStatus]
    MAINTENANCE_STATUS_OPEN: _ClassVar[MaintenanceStatus]
    MAINTENANCE_STATUS_IN_PROGRESS: _ClassVar[MaintenanceStatus]
    MAINTENANCE_STATUS_RESOLVED: _ClassVar[MaintenanceStatus]
    MAINTENANCE_STATUS_CLOSED: _ClassVar[MaintenanceStatus]
    MAINTENANCE_STATUS_CANCELLED: _ClassVar[MaintenanceStatus]

class RecordSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECORD_SOURCE_UNSPECIFIED: _ClassVar[RecordSource]
    RECORD_SOURCE_MANUAL: _ClassVar[RecordSource]
    RECORD_SOURCE_ALERT: _ClassVar[RecordSource]
    RECORD_SOURCE_INSPECTION: _ClassVar[RecordSource]

class MaintenanceEventKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MAINTENANCE_EVENT_KIND_UNSPECIFIED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_CREATED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_STATUS_CHANGED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_ASSIGNED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_FIELDS_CHANGED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_COMMENTED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_ATTACHMENT_ADDED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_ALERT_LINKED: _ClassVar[MaintenanceEventKind]
    MAINTENANCE_EVENT_KIND_SLA_BREACHED: _ClassVar[MaintenanceEventKind]
MAINTENANCE_KIND_UNSPECIFIED: MaintenanceKind
MAINTENANCE_KIND_FAULT: MaintenanceKind
MAINTENANCE_KIND_BUG: MaintenanceKind
MAINTENANCE_KIND_REQUIREMENT: MaintenanceKind
MAINTENANCE_KIND_CHANGE: MaintenanceKind
MAINTENANCE_KIND_DATA_CORRECTION: MaintenanceKind
MAINTENANCE_KIND_SUPPORT: MaintenanceKind
MAINTENANCE_SEVERITY_UNSPECIFIED: MaintenanceSeverity
MAINTENANCE_SEVERITY_LOW: MaintenanceSeverity
MAINTENANCE_SEVERITY_MEDIUM: MaintenanceSeverity
MAINTENANCE_SEVERITY_HIGH: MaintenanceSeverity
MAINTENANCE_SEVERITY_CRITICAL: MaintenanceSeverity
MAINTENANCE_STATUS_UNSPECIFIED: MaintenanceStatus
MAINTENANCE_STATUS_OPEN: MaintenanceStatus
MAINTENANCE_STATUS_IN_PROGRESS: MaintenanceStatus
MAINTENANCE_STATUS_RESOLVED: MaintenanceStatus
MAINTENANCE_STATUS_CLOSED: MaintenanceStatus
MAINTENANCE_STATUS_CANCELLED: MaintenanceStatus
RECORD_SOURCE_UNSPECIFIED: RecordSource
RECORD_SOURCE_MANUAL: RecordSource
RECORD_SOURCE_ALERT: RecordSource
RECORD_SOURCE_INSPECTION: RecordSource
MAINTENANCE_EVENT_KIND_UNSPECIFIED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_CREATED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_STATUS_CHANGED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_ASSIGNED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_FIELDS_CHANGED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_COMMENTED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_ATTACHMENT_ADDED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_ALERT_LINKED: MaintenanceEventKind
MAINTENANCE_EVENT_KIND_SLA_BREACHED: MaintenanceEventKind

class SlaTimer(_message.Message):
    __slots__ = ("target", "due_time", "met_time", "breached", "remaining", "paused")
    TARGET_FIELD_NUMBER: _ClassVar[int]
    DUE_TIME_FIELD_NUMBER: _ClassVar[int]
    MET_TIME_FIELD_NUMBER: _ClassVar[int]
    BREACHED_FIELD_NUMBER: _ClassVar[int]
    REMAINING_FIELD_NUMBER: _ClassVar[int]
    PAUSED_FIELD_NUMBER: _ClassVar[int]
    target: str
    due_time: _timestamp_pb2.Timestamp
    met_time: _timestamp_pb2.Timestamp
    breached: bool
    remaining: _duration_pb2.Duration
    paused: bool
    def __init__(self, target: _Optional[str] = ..., due_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., met_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., breached: _Optional[bool] = ..., remaining: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., paused: _Optional[bool] = ...) -> None: ...

class MaintenanceRecord(_message.Message):
    __slots__ = ("maintenance_record_id", "number", "kind", "title", "description", "severity", "status", "reporter_name", "reporter_contact", "report_time", "affected_module", "assignee_user_id", "assignee_name", "resolution", "audit", "attachments", "alert_ids", "response_sla", "resolution_sla", "acknowledge_time", "resolve_time", "close_time", "root_cause", "reported_in_working_hours", "confirmed_by", "source", "service_level_policy_id")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REPORTER_NAME_FIELD_NUMBER: _ClassVar[int]
    REPORTER_CONTACT_FIELD_NUMBER: _ClassVar[int]
    REPORT_TIME_FIELD_NUMBER: _ClassVar[int]
    AFFECTED_MODULE_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_NAME_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    ALERT_IDS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_SLA_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_SLA_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    ROOT_CAUSE_FIELD_NUMBER: _ClassVar[int]
    REPORTED_IN_WORKING_HOURS_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    number: str
    kind: MaintenanceKind
    title: str
    description: str
    severity: MaintenanceSeverity
    status: MaintenanceStatus
    reporter_name: str
    reporter_contact: str
    report_time: _timestamp_pb2.Timestamp
    affected_module: str
    assignee_user_id: str
    assignee_name: str
    resolution: str
    audit: _common_pb2.AuditInfo
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    alert_ids: _containers.RepeatedScalarFieldContainer[str]
    response_sla: SlaTimer
    resolution_sla: SlaTimer
    acknowledge_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    root_cause: str
    reported_in_working_hours: bool
    confirmed_by: str
    source: RecordSource
    service_level_policy_id: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., number: _Optional[str] = ..., kind: _Optional[_Union[MaintenanceKind, str]] = ..., title: _Optional[str] = ..., description: _Optional[str] = ..., severity: _Optional[_Union[MaintenanceSeverity, str]] = ..., status: _Optional[_Union[MaintenanceStatus, str]] = ..., reporter_name: _Optional[str] = ..., reporter_contact: _Optional[str] = ..., report_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., affected_module: _Optional[str] = ..., assignee_user_id: _Optional[str] = ..., assignee_name: _Optional[str] = ..., resolution: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., alert_ids: _Optional[_Iterable[str]] = ..., response_sla: _Optional[_Union[SlaTimer, _Mapping]] = ..., resolution_sla: _Optional[_Union[SlaTimer, _Mapping]] = ..., acknowledge_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., root_cause: _Optional[str] = ..., reported_in_working_hours: _Optional[bool] = ..., confirmed_by: _Optional[str] = ..., source: _Optional[_Union[RecordSource, str]] = ..., service_level_policy_id: _Optional[str] = ...) -> None: ...

class CreateMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class CreateMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class CreateMaintenanceRecordFromAlertRequest(_message.Message):
    __slots__ = ("alert_id", "kind", "severity", "assignee_user_id", "idempotency_key")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_USER_ID_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    kind: MaintenanceKind
    severity: MaintenanceSeverity
    assignee_user_id: str
    idempotency_key: str
    def __init__(self, alert_id: _Optional[str] = ..., kind: _Optional[_Union[MaintenanceKind, str]] = ..., severity: _Optional[_Union[MaintenanceSeverity, str]] = ..., assignee_user_id: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreateMaintenanceRecordFromAlertResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class GetMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id",)
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    def __init__(self, maintenance_record_id: _Optional[str] = ...) -> None: ...

class GetMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class MaintenanceRecordFilter(_message.Message):
    __slots__ = ("report_time_range", "kinds", "statuses", "min_severity", "assignee_user_id", "breached_only", "alert_id", "query")
    REPORT_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    KINDS_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_USER_ID_FIELD_NUMBER: _ClassVar[int]
    BREACHED_ONLY_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    report_time_range: _common_pb2.TimeRange
    kinds: _containers.RepeatedScalarFieldContainer[MaintenanceKind]
    statuses: _containers.RepeatedScalarFieldContainer[MaintenanceStatus]
    min_severity: MaintenanceSeverity
    assignee_user_id: str
    breached_only: bool
    alert_id: str
    query: str
    def __init__(self, report_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., kinds: _Optional[_Iterable[_Union[MaintenanceKind, str]]] = ..., statuses: _Optional[_Iterable[_Union[MaintenanceStatus, str]]] = ..., min_severity: _Optional[_Union[MaintenanceSeverity, str]] = ..., assignee_user_id: _Optional[str] = ..., breached_only: _Optional[bool] = ..., alert_id: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class ListMaintenanceRecordsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: MaintenanceRecordFilter
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[MaintenanceRecordFilter, _Mapping]] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListMaintenanceRecordsResponse(_message.Message):
    __slots__ = ("maintenance_records", "next_page_token", "total_size")
    MAINTENANCE_RECORDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    maintenance_records: _containers.RepeatedCompositeFieldContainer[MaintenanceRecord]
    next_page_token: str
    total_size: int
    def __init__(self, maintenance_records: _Optional[_Iterable[_Union[MaintenanceRecord, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "maintenance_record", "update_mask")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    maintenance_record: MaintenanceRecord
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, maintenance_record_id: _Optional[str] = ..., maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class AssignMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "assignee_user_id", "comment")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    ASSIGNEE_USER_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    assignee_user_id: str
    comment: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., assignee_user_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class AssignMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class AcknowledgeMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "comment")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    comment: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class AcknowledgeMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class ResolveMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "resolution", "root_cause")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    ROOT_CAUSE_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    resolution: str
    root_cause: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., resolution: _Optional[str] = ..., root_cause: _Optional[str] = ...) -> None: ...

class ResolveMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class CloseMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "comment", "confirmed_by")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    CONFIRMED_BY_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    comment: str
    confirmed_by: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., comment: _Optional[str] = ..., confirmed_by: _Optional[str] = ...) -> None: ...

class CloseMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class ReopenMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "comment")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    comment: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class ReopenMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class CancelMaintenanceRecordRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "comment")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    comment: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class CancelMaintenanceRecordResponse(_message.Message):
    __slots__ = ("maintenance_record",)
    MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    maintenance_record: MaintenanceRecord
    def __init__(self, maintenance_record: _Optional[_Union[MaintenanceRecord, _Mapping]] = ...) -> None: ...

class MaintenanceRecordEvent(_message.Message):
    __slots__ = ("event_id", "maintenance_record_id", "kind", "actor_user_id", "actor_name", "event_time", "comment", "from_status", "to_status", "changes_json", "attachment_id")
    EVENT_ID_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    ACTOR_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    EVENT_TIME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    FROM_STATUS_FIELD_NUMBER: _ClassVar[int]
    TO_STATUS_FIELD_NUMBER: _ClassVar[int]
    CHANGES_JSON_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    event_id: str
    maintenance_record_id: str
    kind: MaintenanceEventKind
    actor_user_id: str
    actor_name: str
    event_time: _timestamp_pb2.Timestamp
    comment: str
    from_status: MaintenanceStatus
    to_status: MaintenanceStatus
    changes_json: str
    attachment_id: str
    def __init__(self, event_id: _Optional[str] = ..., maintenance_record_id: _Optional[str] = ..., kind: _Optional[_Union[MaintenanceEventKind, str]] = ..., actor_user_id: _Optional[str] = ..., actor_name: _Optional[str] = ..., event_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ..., from_status: _Optional[_Union[MaintenanceStatus, str]] = ..., to_status: _Optional[_Union[MaintenanceStatus, str]] = ..., changes_json: _Optional[str] = ..., attachment_id: _Optional[str] = ...) -> None: ...

class AddMaintenanceRecordCommentRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "comment")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    comment: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class AddMaintenanceRecordCommentResponse(_message.Message):
    __slots__ = ("event",)
    EVENT_FIELD_NUMBER: _ClassVar[int]
    event: MaintenanceRecordEvent
    def __init__(self, event: _Optional[_Union[MaintenanceRecordEvent, _Mapping]] = ...) -> None: ...

class ListMaintenanceRecordEventsRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "page_size", "page_token")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    page_size: int
    page_token: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListMaintenanceRecordEventsResponse(_message.Message):
    __slots__ = ("events", "next_page_token", "total_size")
    EVENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    events: _containers.RepeatedCompositeFieldContainer[MaintenanceRecordEvent]
    next_page_token: str
    total_size: int
    def __init__(self, events: _Optional[_Iterable[_Union[MaintenanceRecordEvent, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UploadMaintenanceRecordAttachmentRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "file")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    file: _common_pb2.FileUpload
    def __init__(self, maintenance_record_id: _Optional[str] = ..., file: _Optional[_Union[_common_pb2.FileUpload, _Mapping]] = ...) -> None: ...

class UploadMaintenanceRecordAttachmentResponse(_message.Message):
    __slots__ = ("attachment",)
    ATTACHMENT_FIELD_NUMBER: _ClassVar[int]
    attachment: _common_pb2.Attachment
    def __init__(self, attachment: _Optional[_Union[_common_pb2.Attachment, _Mapping]] = ...) -> None: ...

class MaintenanceKindSummary(_message.Message):
    __slots__ = ("kind", "total", "open", "resolved", "closed", "response_met", "response_breached", "resolution_met", "resolution_breached", "average_response_time", "average_resolution_time")
    KIND_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_FIELD_NUMBER: _ClassVar[int]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_MET_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_BREACHED_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_MET_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_BREACHED_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_RESPONSE_TIME_FIELD_NUMBER: _ClassVar[int]
    AVERAGE_RESOLUTION_TIME_FIELD_NUMBER: _ClassVar[int]
    kind: MaintenanceKind
    total: int
    open: int
    resolved: int
    closed: int
    response_met: int
    response_breached: int
    resolution_met: int
    resolution_breached: int
    average_response_time: _duration_pb2.Duration
    average_resolution_time: _duration_pb2.Duration
    def __init__(self, kind: _Optional[_Union[MaintenanceKind, str]] = ..., total: _Optional[int] = ..., open: _Optional[int] = ..., resolved: _Optional[int] = ..., closed: _Optional[int] = ..., response_met: _Optional[int] = ..., response_breached: _Optional[int] = ..., resolution_met: _Optional[int] = ..., resolution_breached: _Optional[int] = ..., average_response_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., average_resolution_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SummarizeMaintenanceRecordsRequest(_message.Message):
    __slots__ = ("time_range",)
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class SummarizeMaintenanceRecordsResponse(_message.Message):
    __slots__ = ("kinds", "total", "service_level_compliance", "breached_records", "severities")
    KINDS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    BREACHED_RECORDS_FIELD_NUMBER: _ClassVar[int]
    SEVERITIES_FIELD_NUMBER: _ClassVar[int]
    kinds: _containers.RepeatedCompositeFieldContainer[MaintenanceKindSummary]
    total: int
    service_level_compliance: float
    breached_records: _containers.RepeatedCompositeFieldContainer[MaintenanceRecord]
    severities: _containers.RepeatedCompositeFieldContainer[MaintenanceSeveritySummary]
    def __init__(self, kinds: _Optional[_Iterable[_Union[MaintenanceKindSummary, _Mapping]]] = ..., total: _Optional[int] = ..., service_level_compliance: _Optional[float] = ..., breached_records: _Optional[_Iterable[_Union[MaintenanceRecord, _Mapping]]] = ..., severities: _Optional[_Iterable[_Union[MaintenanceSeveritySummary, _Mapping]]] = ...) -> None: ...

class MaintenanceSeveritySummary(_message.Message):
    __slots__ = ("severity", "total", "breached")
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    BREACHED_FIELD_NUMBER: _ClassVar[int]
    severity: MaintenanceSeverity
    total: int
    breached: int
    def __init__(self, severity: _Optional[_Union[MaintenanceSeverity, str]] = ..., total: _Optional[int] = ..., breached: _Optional[int] = ...) -> None: ...

class CalendarDay(_message.Message):
    __slots__ = ("date", "name")
    DATE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    date: str
    name: str
    def __init__(self, date: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class WorkingCalendar(_message.Message):
    __slots__ = ("time_zone", "work_start", "work_end", "working_weekdays", "holidays", "extra_working_days", "audit")
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    WORK_START_FIELD_NUMBER: _ClassVar[int]
    WORK_END_FIELD_NUMBER: _ClassVar[int]
    WORKING_WEEKDAYS_FIELD_NUMBER: _ClassVar[int]
    HOLIDAYS_FIELD_NUMBER: _ClassVar[int]
    EXTRA_WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    time_zone: str
    work_start: str
    work_end: str
    working_weekdays: _containers.RepeatedScalarFieldContainer[int]
    holidays: _containers.RepeatedCompositeFieldContainer[CalendarDay]
    extra_working_days: _containers.RepeatedCompositeFieldContainer[CalendarDay]
    audit: _common_pb2.AuditInfo
    def __init__(self, time_zone: _Optional[str] = ..., work_start: _Optional[str] = ..., work_end: _Optional[str] = ..., working_weekdays: _Optional[_Iterable[int]] = ..., holidays: _Optional[_Iterable[_Union[CalendarDay, _Mapping]]] = ..., extra_working_days: _Optional[_Iterable[_Union[CalendarDay, _Mapping]]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class GetWorkingCalendarRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetWorkingCalendarResponse(_message.Message):
    __slots__ = ("working_calendar",)
    WORKING_CALENDAR_FIELD_NUMBER: _ClassVar[int]
    working_calendar: WorkingCalendar
    def __init__(self, working_calendar: _Optional[_Union[WorkingCalendar, _Mapping]] = ...) -> None: ...

class UpdateWorkingCalendarRequest(_message.Message):
    __slots__ = ("working_calendar", "update_mask")
    WORKING_CALENDAR_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    working_calendar: WorkingCalendar
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, working_calendar: _Optional[_Union[WorkingCalendar, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateWorkingCalendarResponse(_message.Message):
    __slots__ = ("working_calendar",)
    WORKING_CALENDAR_FIELD_NUMBER: _ClassVar[int]
    working_calendar: WorkingCalendar
    def __init__(self, working_calendar: _Optional[_Union[WorkingCalendar, _Mapping]] = ...) -> None: ...

class ServiceLevelPolicy(_message.Message):
    __slots__ = ("service_level_policy_id", "kind", "min_severity", "name", "response_in_working_hours", "response_outside_working_hours", "resolution_working_days", "resolution_calendar_days", "audit")
    SERVICE_LEVEL_POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_IN_WORKING_HOURS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_OUTSIDE_WORKING_HOURS_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_WORKING_DAYS_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_CALENDAR_DAYS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    service_level_policy_id: str
    kind: MaintenanceKind
    min_severity: MaintenanceSeverity
    name: str
    response_in_working_hours: _duration_pb2.Duration
    response_outside_working_hours: _duration_pb2.Duration
    resolution_working_days: int
    resolution_calendar_days: int
    audit: _common_pb2.AuditInfo
    def __init__(self, service_level_policy_id: _Optional[str] = ..., kind: _Optional[_Union[MaintenanceKind, str]] = ..., min_severity: _Optional[_Union[MaintenanceSeverity, str]] = ..., name: _Optional[str] = ..., response_in_working_hours: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., response_outside_working_hours: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., resolution_working_days: _Optional[int] = ..., resolution_calendar_days: _Optional[int] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class ListServiceLevelPoliciesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListServiceLevelPoliciesResponse(_message.Message):
    __slots__ = ("service_level_policies",)
    SERVICE_LEVEL_POLICIES_FIELD_NUMBER: _ClassVar[int]
    service_level_policies: _containers.RepeatedCompositeFieldContainer[ServiceLevelPolicy]
    def __init__(self, service_level_policies: _Optional[_Iterable[_Union[ServiceLevelPolicy, _Mapping]]] = ...) -> None: ...

class UpdateServiceLevelPolicyRequest(_message.Message):
    __slots__ = ("service_level_policy_id", "service_level_policy", "update_mask")
    SERVICE_LEVEL_POLICY_ID_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_POLICY_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    service_level_policy_id: str
    service_level_policy: ServiceLevelPolicy
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, service_level_policy_id: _Optional[str] = ..., service_level_policy: _Optional[_Union[ServiceLevelPolicy, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateServiceLevelPolicyResponse(_message.Message):
    __slots__ = ("service_level_policy",)
    SERVICE_LEVEL_POLICY_FIELD_NUMBER: _ClassVar[int]
    service_level_policy: ServiceLevelPolicy
    def __init__(self, service_level_policy: _Optional[_Union[ServiceLevelPolicy, _Mapping]] = ...) -> None: ...
