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

class AlertRuleKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_RULE_KIND_UNSPECIFIED: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_ERROR_RATE: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_LATENCY_PERCENTILE: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_TRAFFIC_DROP: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_TRAFFIC_SPIKE: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_UPSTREAM_DOWN: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_SERVICE_DOWN: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_EDGE_OVERLOAD: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_CHANNEL_QUOTA: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_CREDENTIAL_EXPIRY: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_CERTIFICATE_EXPIRY: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_DATABASE_USAGE: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_DISK_USAGE: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_EDGE_CONFIG_REJECTED: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_INGEST_LAG: _ClassVar[AlertRuleKind]
    ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY: _ClassVar[AlertRuleKind]

class AlertSeverity(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_SEVERITY_UNSPECIFIED: _ClassVar[AlertSeverity]
    ALERT_SEVERITY_INFO: _ClassVar[AlertSeverity]
    ALERT_SEVERITY_WARNING: _ClassVar[AlertSeverity]
    ALERT_SEVERITY_CRITICAL: _ClassVar[AlertSeverity]

class AlertStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ALERT_STATUS_UNSPECIFIED: _ClassVar[AlertStatus]
    ALERT_STATUS_FIRING: _ClassVar[AlertStatus]
    ALERT_STATUS_RESOLVED: _ClassVar[AlertStatus]
ALERT_RULE_KIND_UNSPECIFIED: AlertRuleKind
ALERT_RULE_KIND_ERROR_RATE: AlertRuleKind
ALERT_RULE_KIND_LATENCY_PERCENTILE: AlertRuleKind
ALERT_RULE_KIND_TRAFFIC_DROP: AlertRuleKind
ALERT_RULE_KIND_TRAFFIC_SPIKE: AlertRuleKind
ALERT_RULE_KIND_UPSTREAM_DOWN: AlertRuleKind
ALERT_RULE_KIND_SERVICE_DOWN: AlertRuleKind
ALERT_RULE_KIND_EDGE_OVERLOAD: AlertRuleKind
ALERT_RULE_KIND_CHANNEL_QUOTA: AlertRuleKind
ALERT_RULE_KIND_CREDENTIAL_EXPIRY: AlertRuleKind
ALERT_RULE_KIND_CERTIFICATE_EXPIRY: AlertRuleKind
ALERT_RULE_KIND_DATABASE_USAGE: AlertRuleKind
ALERT_RULE_KIND_DISK_USAGE: AlertRuleKind
ALERT_RULE_KIND_EDGE_CONFIG_REJECTED: AlertRuleKind
ALERT_RULE_KIND_INGEST_LAG: AlertRuleKind
ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY: AlertRuleKind
ALERT_SEVERITY_UNSPECIFIED: AlertSeverity
ALERT_SEVERITY_INFO: AlertSeverity
ALERT_SEVERITY_WARNING: AlertSeverity
ALERT_SEVERITY_CRITICAL: AlertSeverity
ALERT_STATUS_UNSPECIFIED: AlertStatus
ALERT_STATUS_FIRING: AlertStatus
ALERT_STATUS_RESOLVED: AlertStatus

class AlertRule(_message.Message):
    __slots__ = ("alert_rule_id", "name", "description", "kind", "severity", "threshold", "window", "percentile", "api_service_codes", "channel_ids", "upstreams", "enabled", "built_in", "notification_endpoint_ids", "audit", "pending_duration", "renotify_interval", "open_maintenance_record", "min_calls")
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    WINDOW_FIELD_NUMBER: _ClassVar[int]
    PERCENTILE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    UPSTREAMS_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    BUILT_IN_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENDPOINT_IDS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    PENDING_DURATION_FIELD_NUMBER: _ClassVar[int]
    RENOTIFY_INTERVAL_FIELD_NUMBER: _ClassVar[int]
    OPEN_MAINTENANCE_RECORD_FIELD_NUMBER: _ClassVar[int]
    MIN_CALLS_FIELD_NUMBER: _ClassVar[int]
    alert_rule_id: str
    name: str
    description: str
    kind: AlertRuleKind
    severity: AlertSeverity
    threshold: float
    window: _duration_pb2.Duration
    percentile: float
    api_service_codes: _containers.RepeatedScalarFieldContainer[str]
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    upstreams: _containers.RepeatedScalarFieldContainer[str]
    enabled: bool
    built_in: bool
    notification_endpoint_ids: _containers.RepeatedScalarFieldContainer[str]
    audit: _common_pb2.AuditInfo
    pending_duration: _duration_pb2.Duration
    renotify_interval: _duration_pb2.Duration
    open_maintenance_record: bool
    min_calls: int
    def __init__(self, alert_rule_id: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., kind: _Optional[_Union[AlertRuleKind, str]] = ..., severity: _Optional[_Union[AlertSeverity, str]] = ..., threshold: _Optional[float] = ..., window: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., percentile: _Optional[float] = ..., api_service_codes: _Optional[_Iterable[str]] = ..., channel_ids: _Optional[_Iterable[str]] = ..., upstreams: _Optional[_Iterable[str]] = ..., enabled: _Optional[bool] = ..., built_in: _Optional[bool] = ..., notification_endpoint_ids: _Optional[_Iterable[str]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., pending_duration: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., renotify_interval: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., open_maintenance_record: _Optional[bool] = ..., min_calls: _Optional[int] = ...) -> None: ...

class Alert(_message.Message):
    __slots__ = ("alert_id", "alert_rule_id", "alert_rule_name", "kind", "severity", "status", "summary", "description", "labels", "value", "threshold", "start_time", "last_evaluation_time", "resolve_time", "acknowledged", "acknowledged_by", "acknowledge_time", "acknowledge_comment", "silenced", "silence_id", "maintenance_record_id", "fingerprint", "read", "notification_count")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_RULE_NAME_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEVERITY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_EVALUATION_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGED_BY_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGE_TIME_FIELD_NUMBER: _ClassVar[int]
    ACKNOWLEDGE_COMMENT_FIELD_NUMBER: _ClassVar[int]
    SILENCED_FIELD_NUMBER: _ClassVar[int]
    SILENCE_ID_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    READ_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_COUNT_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    alert_rule_id: str
    alert_rule_name: str
    kind: AlertRuleKind
    severity: AlertSeverity
    status: AlertStatus
    summary: str
    description: str
    labels: _containers.ScalarMap[str, str]
    value: float
    threshold: float
    start_time: _timestamp_pb2.Timestamp
    last_evaluation_time: _timestamp_pb2.Timestamp
    resolve_time: _timestamp_pb2.Timestamp
    acknowledged: bool
    acknowledged_by: str
    acknowledge_time: _timestamp_pb2.Timestamp
    acknowledge_comment: str
    silenced: bool
    silence_id: str
    maintenance_record_id: str
    fingerprint: str
    read: bool
    notification_count: int
    def __init__(self, alert_id: _Optional[str] = ..., alert_rule_id: _Optional[str] = ..., alert_rule_name: _Optional[str] = ..., kind: _Optional[_Union[AlertRuleKind, str]] = ..., severity: _Optional[_Union[AlertSeverity, str]] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., summary: _Optional[str] = ..., description: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., value: _Optional[float] = ..., threshold: _Optional[float] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_evaluation_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., acknowledged: _Optional[bool] = ..., acknowledged_by: _Optional[str] = ..., acknowledge_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., acknowledge_comment: _Optional[str] = ..., silenced: _Optional[bool] = ..., silence_id: _Optional[str] = ..., maintenance_record_id: _Optional[str] = ..., fingerprint: _Optional[str] = ..., read: _Optional[bool] = ..., notification_count: _Optional[int] = ...) -> None: ...

class CreateAlertRuleRequest(_message.Message):
    __slots__ = ("alert_rule",)
    ALERT_RULE_FIELD_NUMBER: _ClassVar[int]
    alert_rule: AlertRule
    def __init__(self, alert_rule: _Optional[_Union[AlertRule, _Mapping]] = ...) -> None: ...

class CreateAlertRuleResponse(_message.Message):
    __slots__ = ("alert_rule",)
    ALERT_RULE_FIELD_NUMBER: _ClassVar[int]
    alert_rule: AlertRule
    def __init__(self, alert_rule: _Optional[_Union[AlertRule, _Mapping]] = ...) -> None: ...

class GetAlertRuleRequest(_message.Message):
    __slots__ = ("alert_rule_id",)
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    alert_rule_id: str
    def __init__(self, alert_rule_id: _Optional[str] = ...) -> None: ...

class GetAlertRuleResponse(_message.Message):
    __slots__ = ("alert_rule",)
    ALERT_RULE_FIELD_NUMBER: _ClassVar[int]
    alert_rule: AlertRule
    def __init__(self, alert_rule: _Optional[_Union[AlertRule, _Mapping]] = ...) -> None: ...

class ListAlertRulesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "kind", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    kind: AlertRuleKind
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[AlertRuleKind, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListAlertRulesResponse(_message.Message):
    __slots__ = ("alert_rules", "next_page_token", "total_size")
    ALERT_RULES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    alert_rules: _containers.RepeatedCompositeFieldContainer[AlertRule]
    next_page_token: str
    total_size: int
    def __init__(self, alert_rules: _Optional[_Iterable[_Union[AlertRule, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateAlertRuleRequest(_message.Message):
    __slots__ = ("alert_rule_id", "alert_rule", "update_mask")
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    ALERT_RULE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    alert_rule_id: str
    alert_rule: AlertRule
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, alert_rule_id: _Optional[str] = ..., alert_rule: _Optional[_Union[AlertRule, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateAlertRuleResponse(_message.Message):
    __slots__ = ("alert_rule",)
    ALERT_RULE_FIELD_NUMBER: _ClassVar[int]
    alert_rule: AlertRule
    def __init__(self, alert_rule: _Optional[_Union[AlertRule, _Mapping]] = ...) -> None: ...

class DeleteAlertRuleRequest(_message.Message):
    __slots__ = ("alert_rule_id",)
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    alert_rule_id: str
    def __init__(self, alert_rule_id: _Optional[str] = ...) -> None: ...

class DeleteAlertRuleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EvaluateAlertRuleRequest(_message.Message):
    __slots__ = ("alert_rule_id",)
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    alert_rule_id: str
    def __init__(self, alert_rule_id: _Optional[str] = ...) -> None: ...

class RuleEvaluation(_message.Message):
    __slots__ = ("labels", "value", "breached")
    class LabelsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LABELS_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    BREACHED_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.ScalarMap[str, str]
    value: float
    breached: bool
    def __init__(self, labels: _Optional[_Mapping[str, str]] = ..., value: _Optional[float] = ..., breached: _Optional[bool] = ...) -> None: ...

class EvaluateAlertRuleResponse(_message.Message):
    __slots__ = ("evaluations", "evaluation_time")
    EVALUATIONS_FIELD_NUMBER: _ClassVar[int]
    EVALUATION_TIME_FIELD_NUMBER: _ClassVar[int]
    evaluations: _containers.RepeatedCompositeFieldContainer[RuleEvaluation]
    evaluation_time: _timestamp_pb2.Timestamp
    def __init__(self, evaluations: _Optional[_Iterable[_Union[RuleEvaluation, _Mapping]]] = ..., evaluation_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAlertsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status", "min_severity", "alert_rule_id", "kind", "time_range", "unread_only", "unacknowledged_only", "api_service_code", "channel_id")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    ALERT_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    UNACKNOWLEDGED_ONLY_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: AlertStatus
    min_severity: AlertSeverity
    alert_rule_id: str
    kind: AlertRuleKind
    time_range: _common_pb2.TimeRange
    unread_only: bool
    unacknowledged_only: bool
    api_service_code: str
    channel_id: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[AlertStatus, str]] = ..., min_severity: _Optional[_Union[AlertSeverity, str]] = ..., alert_rule_id: _Optional[str] = ..., kind: _Optional[_Union[AlertRuleKind, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., unread_only: _Optional[bool] = ..., unacknowledged_only: _Optional[bool] = ..., api_service_code: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class ListAlertsResponse(_message.Message):
    __slots__ = ("alerts", "next_page_token", "total_size")
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    alerts: _containers.RepeatedCompositeFieldContainer[Alert]
    next_page_token: str
    total_size: int
    def __init__(self, alerts: _Optional[_Iterable[_Union[Alert, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetAlertRequest(_message.Message):
    __slots__ = ("alert_id",)
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    def __init__(self, alert_id: _Optional[str] = ...) -> None: ...

class GetAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class AcknowledgeAlertRequest(_message.Message):
    __slots__ = ("alert_id", "comment")
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    alert_id: str
    comment: str
    def __init__(self, alert_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class AcknowledgeAlertResponse(_message.Message):
    __slots__ = ("alert",)
    ALERT_FIELD_NUMBER: _ClassVar[int]
    alert: Alert
    def __init__(self, alert: _Optional[_Union[Alert, _Mapping]] = ...) -> None: ...

class MarkAlertsReadRequest(_message.Message):
    __slots__ = ("alert_ids", "all")
    ALERT_IDS_FIELD_NUMBER: _ClassVar[int]
    ALL_FIELD_NUMBER: _ClassVar[int]
    alert_ids: _containers.RepeatedScalarFieldContainer[str]
    all: bool
    def __init__(self, alert_ids: _Optional[_Iterable[str]] = ..., all: _Optional[bool] = ...) -> None: ...

class MarkAlertsReadResponse(_message.Message):
    __slots__ = ("unread_count",)
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    unread_count: int
    def __init__(self, unread_count: _Optional[int] = ...) -> None: ...

class GetAlertSummaryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetAlertSummaryResponse(_message.Message):
    __slots__ = ("unread_count", "firing_critical", "firing_warning", "firing_info", "unacknowledged")
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRING_CRITICAL_FIELD_NUMBER: _ClassVar[int]
    FIRING_WARNING_FIELD_NUMBER: _ClassVar[int]
    FIRING_INFO_FIELD_NUMBER: _ClassVar[int]
    UNACKNOWLEDGED_FIELD_NUMBER: _ClassVar[int]
    unread_count: int
    firing_critical: int
    firing_warning: int
    firing_info: int
    unacknowledged: int
    def __init__(self, unread_count: _Optional[int] = ..., firing_critical: _Optional[int] = ..., firing_warning: _Optional[int] = ..., firing_info: _Optional[int] = ..., unacknowledged: _Optional[int] = ...) -> None: ...

class Silence(_message.Message):
    __slots__ = ("silence_id", "comment", "start_time", "end_time", "alert_rule_ids", "api_service_codes", "channel_ids", "upstreams", "active", "maintenance_record_id", "audit")
    SILENCE_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    ALERT_RULE_IDS_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    UPSTREAMS_FIELD_NUMBER: _ClassVar[int]
    ACTIVE_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    silence_id: str
    comment: str
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    alert_rule_ids: _containers.RepeatedScalarFieldContainer[str]
    api_service_codes: _containers.RepeatedScalarFieldContainer[str]
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    upstreams: _containers.RepeatedScalarFieldContainer[str]
    active: bool
    maintenance_record_id: str
    audit: _common_pb2.AuditInfo
    def __init__(self, silence_id: _Optional[str] = ..., comment: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., alert_rule_ids: _Optional[_Iterable[str]] = ..., api_service_codes: _Optional[_Iterable[str]] = ..., channel_ids: _Optional[_Iterable[str]] = ..., upstreams: _Optional[_Iterable[str]] = ..., active: _Optional[bool] = ..., maintenance_record_id: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateSilenceRequest(_message.Message):
    __slots__ = ("silence",)
    SILENCE_FIELD_NUMBER: _ClassVar[int]
    silence: Silence
    def __init__(self, silence: _Optional[_Union[Silence, _Mapping]] = ...) -> None: ...

class CreateSilenceResponse(_message.Message):
    __slots__ = ("silence",)
    SILENCE_FIELD_NUMBER: _ClassVar[int]
    silence: Silence
    def __init__(self, silence: _Optional[_Union[Silence, _Mapping]] = ...) -> None: ...

class GetSilenceRequest(_message.Message):
    __slots__ = ("silence_id",)
    SILENCE_ID_FIELD_NUMBER: _ClassVar[int]
    silence_id: str
    def __init__(self, silence_id: _Optional[str] = ...) -> None: ...

class GetSilenceResponse(_message.Message):
    __slots__ = ("silence",)
    SILENCE_FIELD_NUMBER: _ClassVar[int]
    silence: Silence
    def __init__(self, silence: _Optional[_Union[Silence, _Mapping]] = ...) -> None: ...

class ListSilencesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "current_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CURRENT_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    current_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., current_only: _Optional[bool] = ...) -> None: ...

class ListSilencesResponse(_message.Message):
    __slots__ = ("silences", "next_page_token", "total_size")
    SILENCES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    silences: _containers.RepeatedCompositeFieldContainer[Silence]
    next_page_token: str
    total_size: int
    def __init__(self, silences: _Optional[_Iterable[_Union[Silence, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateSilenceRequest(_message.Message):
    __slots__ = ("silence_id", "silence", "update_mask")
    SILENCE_ID_FIELD_NUMBER: _ClassVar[int]
    SILENCE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    silence_id: str
    silence: Silence
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, silence_id: _Optional[str] = ..., silence: _Optional[_Union[Silence, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateSilenceResponse(_message.Message):
    __slots__ = ("silence",)
    SILENCE_FIELD_NUMBER: _ClassVar[int]
    silence: Silence
    def __init__(self, silence: _Optional[_Union[Silence, _Mapping]] = ...) -> None: ...

class DeleteSilenceRequest(_message.Message):
    __slots__ = ("silence_id",)
    SILENCE_ID_FIELD_NUMBER: _ClassVar[int]
    silence_id: str
    def __init__(self, silence_id: _Optional[str] = ...) -> None: ...

class DeleteSilenceResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
