import datetime

from google.api import annotations_pb2 as _annotations_pb2
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

class InspectionTarget(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_TARGET_UNSPECIFIED: _ClassVar[InspectionTarget]
    INSPECTION_TARGET_DATABASE: _ClassVar[InspectionTarget]
    INSPECTION_TARGET_HOST: _ClassVar[InspectionTarget]
    INSPECTION_TARGET_SERVICES: _ClassVar[InspectionTarget]
    INSPECTION_TARGET_EDGE: _ClassVar[InspectionTarget]
    INSPECTION_TARGET_KUBERNETES: _ClassVar[InspectionTarget]

class InspectionGrade(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_GRADE_UNSPECIFIED: _ClassVar[InspectionGrade]
    INSPECTION_GRADE_OK: _ClassVar[InspectionGrade]
    INSPECTION_GRADE_WARNING: _ClassVar[InspectionGrade]
    INSPECTION_GRADE_RISK: _ClassVar[InspectionGrade]

class InspectionStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_STATUS_UNSPECIFIED: _ClassVar[InspectionStatus]
    INSPECTION_STATUS_RUNNING: _ClassVar[InspectionStatus]
    INSPECTION_STATUS_COMPLETED: _ClassVar[InspectionStatus]
    INSPECTION_STATUS_FAILED: _ClassVar[InspectionStatus]

class InspectionTrigger(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    INSPECTION_TRIGGER_UNSPECIFIED: _ClassVar[InspectionTrigger]
    INSPECTION_TRIGGER_MANUAL: _ClassVar[InspectionTrigger]
    INSPECTION_TRIGGER_SCHEDULED: _ClassVar[InspectionTrigger]
INSPECTION_TARGET_UNSPECIFIED: InspectionTarget
INSPECTION_TARGET_DATABASE: InspectionTarget
INSPECTION_TARGET_HOST: InspectionTarget
INSPECTION_TARGET_SERVICES: InspectionTarget
INSPECTION_TARGET_EDGE: InspectionTarget
INSPECTION_TARGET_KUBERNETES: InspectionTarget
INSPECTION_GRADE_UNSPECIFIED: InspectionGrade
INSPECTION_GRADE_OK: InspectionGrade
INSPECTION_GRADE_WARNING: InspectionGrade
INSPECTION_GRADE_RISK: InspectionGrade
INSPECTION_STATUS_UNSPECIFIED: InspectionStatus
INSPECTION_STATUS_RUNNING: InspectionStatus
INSPECTION_STATUS_COMPLETED: InspectionStatus
INSPECTION_STATUS_FAILED: InspectionStatus
INSPECTION_TRIGGER_UNSPECIFIED: InspectionTrigger
INSPECTION_TRIGGER_MANUAL: InspectionTrigger
INSPECTION_TRIGGER_SCHEDULED: InspectionTrigger

class InspectionFinding(_message.Message):
    __slots__ = ("check_code", "check_name", "target", "subject", "observed", "observed_value", "unit", "threshold", "grade", "recommendation")
    CHECK_CODE_FIELD_NUMBER: _ClassVar[int]
    CHECK_NAME_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    OBSERVED_FIELD_NUMBER: _ClassVar[int]
    OBSERVED_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    GRADE_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    check_code: str
    check_name: str
    target: InspectionTarget
    subject: str
    observed: str
    observed_value: float
    unit: str
    threshold: str
    grade: InspectionGrade
    recommendation: str
    def __init__(self, check_code: _Optional[str] = ..., check_name: _Optional[str] = ..., target: _Optional[_Union[InspectionTarget, str]] = ..., subject: _Optional[str] = ..., observed: _Optional[str] = ..., observed_value: _Optional[float] = ..., unit: _Optional[str] = ..., threshold: _Optional[str] = ..., grade: _Optional[_Union[InspectionGrade, str]] = ..., recommendation: _Optional[str] = ...) -> None: ...

class Inspection(_message.Message):
    __slots__ = ("inspection_id", "number", "targets", "trigger", "status", "start_time", "end_time", "started_by", "overall_grade", "ok_count", "warning_count", "risk_count", "findings", "error", "report_id")
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    TRIGGER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    OVERALL_GRADE_FIELD_NUMBER: _ClassVar[int]
    OK_COUNT_FIELD_NUMBER: _ClassVar[int]
    WARNING_COUNT_FIELD_NUMBER: _ClassVar[int]
    RISK_COUNT_FIELD_NUMBER: _ClassVar[int]
    FINDINGS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    number: str
    targets: _containers.RepeatedScalarFieldContainer[InspectionTarget]
    trigger: InspectionTrigger
    status: InspectionStatus
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    started_by: str
    overall_grade: InspectionGrade
    ok_count: int
    warning_count: int
    risk_count: int
    findings: _containers.RepeatedCompositeFieldContainer[InspectionFinding]
    error: str
    report_id: str
    def __init__(self, inspection_id: _Optional[str] = ..., number: _Optional[str] = ..., targets: _Optional[_Iterable[_Union[InspectionTarget, str]]] = ..., trigger: _Optional[_Union[InspectionTrigger, str]] = ..., status: _Optional[_Union[InspectionStatus, str]] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_by: _Optional[str] = ..., overall_grade: _Optional[_Union[InspectionGrade, str]] = ..., ok_count: _Optional[int] = ..., warning_count: _Optional[int] = ..., risk_count: _Optional[int] = ..., findings: _Optional[_Iterable[_Union[InspectionFinding, _Mapping]]] = ..., error: _Optional[str] = ..., report_id: _Optional[str] = ...) -> None: ...

class RunInspectionRequest(_message.Message):
    __slots__ = ("targets", "generate_report", "idempotency_key")
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    GENERATE_REPORT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    targets: _containers.RepeatedScalarFieldContainer[InspectionTarget]
    generate_report: bool
    idempotency_key: str
    def __init__(self, targets: _Optional[_Iterable[_Union[InspectionTarget, str]]] = ..., generate_report: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RunInspectionResponse(_message.Message):
    __slots__ = ("inspection",)
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    inspection: Inspection
    def __init__(self, inspection: _Optional[_Union[Inspection, _Mapping]] = ...) -> None: ...

class GetInspectionRequest(_message.Message):
    __slots__ = ("inspection_id",)
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    inspection_id: str
    def __init__(self, inspection_id: _Optional[str] = ...) -> None: ...

class GetInspectionResponse(_message.Message):
    __slots__ = ("inspection",)
    INSPECTION_FIELD_NUMBER: _ClassVar[int]
    inspection: Inspection
    def __init__(self, inspection: _Optional[_Union[Inspection, _Mapping]] = ...) -> None: ...

class ListInspectionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "time_range", "min_grade")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    MIN_GRADE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    time_range: _common_pb2.TimeRange
    min_grade: InspectionGrade
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., min_grade: _Optional[_Union[InspectionGrade, str]] = ...) -> None: ...

class ListInspectionsResponse(_message.Message):
    __slots__ = ("inspections", "next_page_token", "total_size")
    INSPECTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    inspections: _containers.RepeatedCompositeFieldContainer[Inspection]
    next_page_token: str
    total_size: int
    def __init__(self, inspections: _Optional[_Iterable[_Union[Inspection, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class InspectionCheck(_message.Message):
    __slots__ = ("check_code", "name", "description", "target", "enabled", "warning_threshold", "risk_threshold", "unit", "lower_is_worse", "recommendation", "audit")
    CHECK_CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TARGET_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    WARNING_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    RISK_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    LOWER_IS_WORSE_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDATION_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    check_code: str
    name: str
    description: str
    target: InspectionTarget
    enabled: bool
    warning_threshold: float
    risk_threshold: float
    unit: str
    lower_is_worse: bool
    recommendation: str
    audit: _common_pb2.AuditInfo
    def __init__(self, check_code: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., target: _Optional[_Union[InspectionTarget, str]] = ..., enabled: _Optional[bool] = ..., warning_threshold: _Optional[float] = ..., risk_threshold: _Optional[float] = ..., unit: _Optional[str] = ..., lower_is_worse: _Optional[bool] = ..., recommendation: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class ListInspectionChecksRequest(_message.Message):
    __slots__ = ("target",)
    TARGET_FIELD_NUMBER: _ClassVar[int]
    target: InspectionTarget
    def __init__(self, target: _Optional[_Union[InspectionTarget, str]] = ...) -> None: ...

class ListInspectionChecksResponse(_message.Message):
    __slots__ = ("inspection_checks",)
    INSPECTION_CHECKS_FIELD_NUMBER: _ClassVar[int]
    inspection_checks: _containers.RepeatedCompositeFieldContainer[InspectionCheck]
    def __init__(self, inspection_checks: _Optional[_Iterable[_Union[InspectionCheck, _Mapping]]] = ...) -> None: ...

class UpdateInspectionCheckRequest(_message.Message):
    __slots__ = ("check_code", "inspection_check", "update_mask")
    CHECK_CODE_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_CHECK_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    check_code: str
    inspection_check: InspectionCheck
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, check_code: _Optional[str] = ..., inspection_check: _Optional[_Union[InspectionCheck, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateInspectionCheckResponse(_message.Message):
    __slots__ = ("inspection_check",)
    INSPECTION_CHECK_FIELD_NUMBER: _ClassVar[int]
    inspection_check: InspectionCheck
    def __init__(self, inspection_check: _Optional[_Union[InspectionCheck, _Mapping]] = ...) -> None: ...

class InspectionSchedule(_message.Message):
    __slots__ = ("enabled", "cron", "time_zone", "targets", "generate_report", "next_run_time", "last_run_time", "audit")
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    CRON_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    TARGETS_FIELD_NUMBER: _ClassVar[int]
    GENERATE_REPORT_FIELD_NUMBER: _ClassVar[int]
    NEXT_RUN_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_RUN_TIME_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    cron: str
    time_zone: str
    targets: _containers.RepeatedScalarFieldContainer[InspectionTarget]
    generate_report: bool
    next_run_time: _timestamp_pb2.Timestamp
    last_run_time: _timestamp_pb2.Timestamp
    audit: _common_pb2.AuditInfo
    def __init__(self, enabled: _Optional[bool] = ..., cron: _Optional[str] = ..., time_zone: _Optional[str] = ..., targets: _Optional[_Iterable[_Union[InspectionTarget, str]]] = ..., generate_report: _Optional[bool] = ..., next_run_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_run_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class GetInspectionScheduleRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetInspectionScheduleResponse(_message.Message):
    __slots__ = ("inspection_schedule",)
    INSPECTION_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    inspection_schedule: InspectionSchedule
    def __init__(self, inspection_schedule: _Optional[_Union[InspectionSchedule, _Mapping]] = ...) -> None: ...

class UpdateInspectionScheduleRequest(_message.Message):
    __slots__ = ("inspection_schedule", "update_mask")
    INSPECTION_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    inspection_schedule: InspectionSchedule
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, inspection_schedule: _Optional[_Union[InspectionSchedule, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateInspectionScheduleResponse(_message.Message):
    __slots__ = ("inspection_schedule",)
    INSPECTION_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    inspection_schedule: InspectionSchedule
    def __init__(self, inspection_schedule: _Optional[_Union[InspectionSchedule, _Mapping]] = ...) -> None: ...
