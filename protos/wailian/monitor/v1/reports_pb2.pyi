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

class ReportKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_KIND_UNSPECIFIED: _ClassVar[ReportKind]
    REPORT_KIND_INSPECTION: _ClassVar[ReportKind]
    REPORT_KIND_OPERATIONS_ANALYSIS: _ClassVar[ReportKind]
    REPORT_KIND_MAINTENANCE_SUMMARY: _ClassVar[ReportKind]

class ReportPeriod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_PERIOD_UNSPECIFIED: _ClassVar[ReportPeriod]
    REPORT_PERIOD_MONTH: _ClassVar[ReportPeriod]
    REPORT_PERIOD_QUARTER: _ClassVar[ReportPeriod]
    REPORT_PERIOD_YEAR: _ClassVar[ReportPeriod]
    REPORT_PERIOD_CUSTOM: _ClassVar[ReportPeriod]

class ReportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_STATUS_UNSPECIFIED: _ClassVar[ReportStatus]
    REPORT_STATUS_GENERATING: _ClassVar[ReportStatus]
    REPORT_STATUS_READY: _ClassVar[ReportStatus]
    REPORT_STATUS_FAILED: _ClassVar[ReportStatus]

class ReportFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REPORT_FORMAT_UNSPECIFIED: _ClassVar[ReportFormat]
    REPORT_FORMAT_HTML: _ClassVar[ReportFormat]
    REPORT_FORMAT_PDF: _ClassVar[ReportFormat]
REPORT_KIND_UNSPECIFIED: ReportKind
REPORT_KIND_INSPECTION: ReportKind
REPORT_KIND_OPERATIONS_ANALYSIS: ReportKind
REPORT_KIND_MAINTENANCE_SUMMARY: ReportKind
REPORT_PERIOD_UNSPECIFIED: ReportPeriod
REPORT_PERIOD_MONTH: ReportPeriod
REPORT_PERIOD_QUARTER: ReportPeriod
REPORT_PERIOD_YEAR: ReportPeriod
REPORT_PERIOD_CUSTOM: ReportPeriod
REPORT_STATUS_UNSPECIFIED: ReportStatus
REPORT_STATUS_GENERATING: ReportStatus
REPORT_STATUS_READY: ReportStatus
REPORT_STATUS_FAILED: ReportStatus
REPORT_FORMAT_UNSPECIFIED: ReportFormat
REPORT_FORMAT_HTML: ReportFormat
REPORT_FORMAT_PDF: ReportFormat

class ReportSummary(_message.Message):
    __slots__ = ("total_calls", "success_share", "availability", "alerts", "maintenance_records", "service_level_compliance", "risk_findings")
    TOTAL_CALLS_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_SHARE_FIELD_NUMBER: _ClassVar[int]
    AVAILABILITY_FIELD_NUMBER: _ClassVar[int]
    ALERTS_FIELD_NUMBER: _ClassVar[int]
    MAINTENANCE_RECORDS_FIELD_NUMBER: _ClassVar[int]
    SERVICE_LEVEL_COMPLIANCE_FIELD_NUMBER: _ClassVar[int]
    RISK_FINDINGS_FIELD_NUMBER: _ClassVar[int]
    total_calls: int
    success_share: float
    availability: float
    alerts: int
    maintenance_records: int
    service_level_compliance: float
    risk_findings: int
    def __init__(self, total_calls: _Optional[int] = ..., success_share: _Optional[float] = ..., availability: _Optional[float] = ..., alerts: _Optional[int] = ..., maintenance_records: _Optional[int] = ..., service_level_compliance: _Optional[float] = ..., risk_findings: _Optional[int] = ...) -> None: ...

class Report(_message.Message):
    __slots__ = ("report_id", "kind", "title", "period", "time_range", "status", "error", "inspection_id", "generate_time", "html_size_bytes", "pdf_size_bytes", "summary", "scheduled", "audit")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    GENERATE_TIME_FIELD_NUMBER: _ClassVar[int]
    HTML_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    PDF_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    SCHEDULED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    kind: ReportKind
    title: str
    period: ReportPeriod
    time_range: _common_pb2.TimeRange
    status: ReportStatus
    error: str
    inspection_id: str
    generate_time: _timestamp_pb2.Timestamp
    html_size_bytes: int
    pdf_size_bytes: int
    summary: ReportSummary
    scheduled: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, report_id: _Optional[str] = ..., kind: _Optional[_Union[ReportKind, str]] = ..., title: _Optional[str] = ..., period: _Optional[_Union[ReportPeriod, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., status: _Optional[_Union[ReportStatus, str]] = ..., error: _Optional[str] = ..., inspection_id: _Optional[str] = ..., generate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., html_size_bytes: _Optional[int] = ..., pdf_size_bytes: _Optional[int] = ..., summary: _Optional[_Union[ReportSummary, _Mapping]] = ..., scheduled: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class GenerateReportRequest(_message.Message):
    __slots__ = ("kind", "period", "time_range", "inspection_id", "title", "idempotency_key")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    INSPECTION_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    kind: ReportKind
    period: ReportPeriod
    time_range: _common_pb2.TimeRange
    inspection_id: str
    title: str
    idempotency_key: str
    def __init__(self, kind: _Optional[_Union[ReportKind, str]] = ..., period: _Optional[_Union[ReportPeriod, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., inspection_id: _Optional[str] = ..., title: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GenerateReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: Report
    def __init__(self, report: _Optional[_Union[Report, _Mapping]] = ...) -> None: ...

class GetReportRequest(_message.Message):
    __slots__ = ("report_id",)
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    def __init__(self, report_id: _Optional[str] = ...) -> None: ...

class GetReportResponse(_message.Message):
    __slots__ = ("report",)
    REPORT_FIELD_NUMBER: _ClassVar[int]
    report: Report
    def __init__(self, report: _Optional[_Union[Report, _Mapping]] = ...) -> None: ...

class ListReportsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "kind", "time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    kind: ReportKind
    time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., kind: _Optional[_Union[ReportKind, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListReportsResponse(_message.Message):
    __slots__ = ("reports", "next_page_token", "total_size")
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    reports: _containers.RepeatedCompositeFieldContainer[Report]
    next_page_token: str
    total_size: int
    def __init__(self, reports: _Optional[_Iterable[_Union[Report, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class DeleteReportRequest(_message.Message):
    __slots__ = ("report_id",)
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    def __init__(self, report_id: _Optional[str] = ...) -> None: ...

class DeleteReportResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ScheduledReport(_message.Message):
    __slots__ = ("kind", "period", "enabled")
    KIND_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    kind: ReportKind
    period: ReportPeriod
    enabled: bool
    def __init__(self, kind: _Optional[_Union[ReportKind, str]] = ..., period: _Optional[_Union[ReportPeriod, str]] = ..., enabled: _Optional[bool] = ...) -> None: ...

class ReportSchedule(_message.Message):
    __slots__ = ("reports", "time_zone", "audit")
    REPORTS_FIELD_NUMBER: _ClassVar[int]
    TIME_ZONE_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    reports: _containers.RepeatedCompositeFieldContainer[ScheduledReport]
    time_zone: str
    audit: _common_pb2.AuditInfo
    def __init__(self, reports: _Optional[_Iterable[_Union[ScheduledReport, _Mapping]]] = ..., time_zone: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class GetReportScheduleRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetReportScheduleResponse(_message.Message):
    __slots__ = ("report_schedule",)
    REPORT_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    report_schedule: ReportSchedule
    def __init__(self, report_schedule: _Optional[_Union[ReportSchedule, _Mapping]] = ...) -> None: ...

class UpdateReportScheduleRequest(_message.Message):
    __slots__ = ("report_schedule", "update_mask")
    REPORT_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    report_schedule: ReportSchedule
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, report_schedule: _Optional[_Union[ReportSchedule, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateReportScheduleResponse(_message.Message):
    __slots__ = ("report_schedule",)
    REPORT_SCHEDULE_FIELD_NUMBER: _ClassVar[int]
    report_schedule: ReportSchedule
    def __init__(self, report_schedule: _Optional[_Union[ReportSchedule, _Mapping]] = ...) -> None: ...
