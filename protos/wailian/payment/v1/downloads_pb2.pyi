from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.payment.v1 import orders_pb2 as _orders_pb2
from wailian.payment.v1 import reconciliation_pb2 as _reconciliation_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportPaymentOrdersRequest(_message.Message):
    __slots__ = ("filter", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _orders_pb2.PaymentOrderFilter
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_orders_pb2.PaymentOrderFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportRefundsRequest(_message.Message):
    __slots__ = ("filter", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _orders_pb2.RefundFilter
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_orders_pb2.RefundFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class DownloadProviderBillRequest(_message.Message):
    __slots__ = ("bill_id",)
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    def __init__(self, bill_id: _Optional[str] = ...) -> None: ...

class ExportDiscrepanciesRequest(_message.Message):
    __slots__ = ("filter", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _reconciliation_pb2.DiscrepancyFilter
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_reconciliation_pb2.DiscrepancyFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class DownloadSettlementReportRequest(_message.Message):
    __slots__ = ("settlement_report_id", "format")
    SETTLEMENT_REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    settlement_report_id: str
    format: _common_pb2.ExportFormat
    def __init__(self, settlement_report_id: _Optional[str] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...
