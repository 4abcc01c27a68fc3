from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.monitor.v1 import alerts_pb2 as _alerts_pb2
from wailian.monitor.v1 import logs_pb2 as _logs_pb2
from wailian.monitor.v1 import maintenance_pb2 as _maintenance_pb2
from wailian.monitor.v1 import reports_pb2 as _reports_pb2
from wailian.monitor.v1 import statistics_pb2 as _statistics_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportAccessLogsRequest(_message.Message):
    __slots__ = ("filter", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _logs_pb2.AccessLogFilter
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_logs_pb2.AccessLogFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportServiceUsageRequest(_message.Message):
    __slots__ = ("filter", "order_by", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _statistics_pb2.UsageFilter
    order_by: str
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_statistics_pb2.UsageFilter, _Mapping]] = ..., order_by: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportChannelAccessRequest(_message.Message):
    __slots__ = ("filter", "order_by", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _statistics_pb2.UsageFilter
    order_by: str
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_statistics_pb2.UsageFilter, _Mapping]] = ..., order_by: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportUsageQueryRequest(_message.Message):
    __slots__ = ("filter", "group_by", "granularity", "order_by", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    GRANULARITY_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _statistics_pb2.UsageFilter
    group_by: _containers.RepeatedScalarFieldContainer[_statistics_pb2.UsageDimension]
    granularity: _statistics_pb2.Granularity
    order_by: str
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_statistics_pb2.UsageFilter, _Mapping]] = ..., group_by: _Optional[_Iterable[_Union[_statistics_pb2.UsageDimension, str]]] = ..., granularity: _Optional[_Union[_statistics_pb2.Granularity, str]] = ..., order_by: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportAlertsRequest(_message.Message):
    __slots__ = ("status", "min_severity", "time_range", "format")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    status: _alerts_pb2.AlertStatus
    min_severity: _alerts_pb2.AlertSeverity
    time_range: _common_pb2.TimeRange
    format: _common_pb2.ExportFormat
    def __init__(self, status: _Optional[_Union[_alerts_pb2.AlertStatus, str]] = ..., min_severity: _Optional[_Union[_alerts_pb2.AlertSeverity, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class DownloadReportRequest(_message.Message):
    __slots__ = ("report_id", "format")
    REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    report_id: str
    format: _reports_pb2.ReportFormat
    def __init__(self, report_id: _Optional[str] = ..., format: _Optional[_Union[_reports_pb2.ReportFormat, str]] = ...) -> None: ...

class ExportMaintenanceRecordsRequest(_message.Message):
    __slots__ = ("filter", "format", "include_events")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_EVENTS_FIELD_NUMBER: _ClassVar[int]
    filter: _maintenance_pb2.MaintenanceRecordFilter
    format: _common_pb2.ExportFormat
    include_events: bool
    def __init__(self, filter: _Optional[_Union[_maintenance_pb2.MaintenanceRecordFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ..., include_events: _Optional[bool] = ...) -> None: ...

class DownloadMaintenanceRecordAttachmentRequest(_message.Message):
    __slots__ = ("maintenance_record_id", "attachment_id")
    MAINTENANCE_RECORD_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    maintenance_record_id: str
    attachment_id: str
    def __init__(self, maintenance_record_id: _Optional[str] = ..., attachment_id: _Optional[str] = ...) -> None: ...
