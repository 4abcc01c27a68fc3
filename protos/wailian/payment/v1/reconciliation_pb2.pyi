import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.payment.v1 import merchants_pb2 as _merchants_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class BillStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BILL_STATUS_UNSPECIFIED: _ClassVar[BillStatus]
    BILL_STATUS_PENDING: _ClassVar[BillStatus]
    BILL_STATUS_DOWNLOADED: _ClassVar[BillStatus]
    BILL_STATUS_EMPTY: _ClassVar[BillStatus]
    BILL_STATUS_FAILED: _ClassVar[BillStatus]

class ReconciliationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RECONCILIATION_STATUS_UNSPECIFIED: _ClassVar[ReconciliationStatus]
    RECONCILIATION_STATUS_RUNNING: _ClassVar[ReconciliationStatus]
    RECONCILIATION_STATUS_BALANCED: _ClassVar[ReconciliationStatus]
    RECONCILIATION_STATUS_UNBALANCED: _ClassVar[ReconciliationStatus]
    RECONCILIATION_STATUS_FAILED: _ClassVar[ReconciliationStatus]

class DiscrepancyKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCREPANCY_KIND_UNSPECIFIED: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_PROVIDER_ONLY: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_PLATFORM_ONLY: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_AMOUNT_MISMATCH: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_STATUS_MISMATCH: _ClassVar[DiscrepancyKind]
    DISCREPANCY_KIND_PAID_NOT_FULFILLED: _ClassVar[DiscrepancyKind]

class DiscrepancyStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCREPANCY_STATUS_UNSPECIFIED: _ClassVar[DiscrepancyStatus]
    DISCREPANCY_STATUS_OPEN: _ClassVar[DiscrepancyStatus]
    DISCREPANCY_STATUS_RESOLVED: _ClassVar[DiscrepancyStatus]

class DiscrepancyResolution(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DISCREPANCY_RESOLUTION_UNSPECIFIED: _ClassVar[DiscrepancyResolution]
    DISCREPANCY_RESOLUTION_SYNC_FROM_PROVIDER: _ClassVar[DiscrepancyResolution]
    DISCREPANCY_RESOLUTION_REFUND: _ClassVar[DiscrepancyResolution]
    DISCREPANCY_RESOLUTION_MANUAL_ADJUSTMENT: _ClassVar[DiscrepancyResolution]
    DISCREPANCY_RESOLUTION_ACCEPTED: _ClassVar[DiscrepancyResolution]

class SettlementPeriod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SETTLEMENT_PERIOD_UNSPECIFIED: _ClassVar[SettlementPeriod]
    SETTLEMENT_PERIOD_DAY: _ClassVar[SettlementPeriod]
    SETTLEMENT_PERIOD_MONTH: _ClassVar[SettlementPeriod]
    SETTLEMENT_PERIOD_CUSTOM: _ClassVar[SettlementPeriod]

class SettlementReportStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SETTLEMENT_REPORT_STATUS_UNSPECIFIED: _ClassVar[SettlementReportStatus]
    SETTLEMENT_REPORT_STATUS_GENERATING: _ClassVar[SettlementReportStatus]
    SETTLEMENT_REPORT_STATUS_READY: _ClassVar[SettlementReportStatus]
    SETTLEMENT_REPORT_STATUS_FAILED: _ClassVar[SettlementReportStatus]
BILL_STATUS_UNSPECIFIED: BillStatus
BILL_STATUS_PENDING: BillStatus
BILL_STATUS_DOWNLOADED: BillStatus
BILL_STATUS_EMPTY: BillStatus
BILL_STATUS_FAILED: BillStatus
RECONCILIATION_STATUS_UNSPECIFIED: ReconciliationStatus
RECONCILIATION_STATUS_RUNNING: ReconciliationStatus
RECONCILIATION_STATUS_BALANCED: ReconciliationStatus
RECONCILIATION_STATUS_UNBALANCED: ReconciliationStatus
RECONCILIATION_STATUS_FAILED: ReconciliationStatus
DISCREPANCY_KIND_UNSPECIFIED: DiscrepancyKind
DISCREPANCY_KIND_PROVIDER_ONLY: DiscrepancyKind
DISCREPANCY_KIND_PLATFORM_ONLY: DiscrepancyKind
DISCREPANCY_KIND_AMOUNT_MISMATCH: DiscrepancyKind
DISCREPANCY_KIND_STATUS_MISMATCH: DiscrepancyKind
DISCREPANCY_KIND_PAID_NOT_FULFILLED: DiscrepancyKind
DISCREPANCY_STATUS_UNSPECIFIED: DiscrepancyStatus
DISCREPANCY_STATUS_OPEN: DiscrepancyStatus
DISCREPANCY_STATUS_RESOLVED: DiscrepancyStatus
DISCREPANCY_RESOLUTION_UNSPECIFIED: DiscrepancyResolution
DISCREPANCY_RESOLUTION_SYNC_FROM_PROVIDER: DiscrepancyResolution
DISCREPANCY_RESOLUTION_REFUND: DiscrepancyResolution
DISCREPANCY_RESOLUTION_MANUAL_ADJUSTMENT: DiscrepancyResolution
DISCREPANCY_RESOLUTION_ACCEPTED: DiscrepancyResolution
SETTLEMENT_PERIOD_UNSPECIFIED: SettlementPeriod
SETTLEMENT_PERIOD_DAY: SettlementPeriod
SETTLEMENT_PERIOD_MONTH: SettlementPeriod
SETTLEMENT_PERIOD_CUSTOM: SettlementPeriod
SETTLEMENT_REPORT_STATUS_UNSPECIFIED: SettlementReportStatus
SETTLEMENT_REPORT_STATUS_GENERATING: SettlementReportStatus
SETTLEMENT_REPORT_STATUS_READY: SettlementReportStatus
SETTLEMENT_REPORT_STATUS_FAILED: SettlementReportStatus

class ProviderBill(_message.Message):
    __slots__ = ("bill_id", "merchant_id", "provider", "bill_date", "status", "payment_count", "payment_fen", "refund_count", "refund_fen", "fee_fen", "net_fen", "download_time", "error", "file_size_bytes", "sha256")
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_FEN_FIELD_NUMBER: _ClassVar[int]
    REFUND_COUNT_FIELD_NUMBER: _ClassVar[int]
    REFUND_FEN_FIELD_NUMBER: _ClassVar[int]
    FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    NET_FEN_FIELD_NUMBER: _ClassVar[int]
    DOWNLOAD_TIME_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    FILE_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    SHA256_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    bill_date: str
    status: BillStatus
    payment_count: int
    payment_fen: int
    refund_count: int
    refund_fen: int
    fee_fen: int
    net_fen: int
    download_time: _timestamp_pb2.Timestamp
    error: str
    file_size_bytes: int
    sha256: str
    def __init__(self, bill_id: _Optional[str] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., bill_date: _Optional[str] = ..., status: _Optional[_Union[BillStatus, str]] = ..., payment_count: _Optional[int] = ..., payment_fen: _Optional[int] = ..., refund_count: _Optional[int] = ..., refund_fen: _Optional[int] = ..., fee_fen: _Optional[int] = ..., net_fen: _Optional[int] = ..., download_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[str] = ..., file_size_bytes: _Optional[int] = ..., sha256: _Optional[str] = ...) -> None: ...

class FetchProviderBillRequest(_message.Message):
    __slots__ = ("merchant_id", "bill_date", "refetch")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FIELD_NUMBER: _ClassVar[int]
    REFETCH_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    bill_date: str
    refetch: bool
    def __init__(self, merchant_id: _Optional[str] = ..., bill_date: _Optional[str] = ..., refetch: _Optional[bool] = ...) -> None: ...

class FetchProviderBillResponse(_message.Message):
    __slots__ = ("bill",)
    BILL_FIELD_NUMBER: _ClassVar[int]
    bill: ProviderBill
    def __init__(self, bill: _Optional[_Union[ProviderBill, _Mapping]] = ...) -> None: ...

class GetProviderBillRequest(_message.Message):
    __slots__ = ("bill_id",)
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    bill_id: str
    def __init__(self, bill_id: _Optional[str] = ...) -> None: ...

class GetProviderBillResponse(_message.Message):
    __slots__ = ("bill",)
    BILL_FIELD_NUMBER: _ClassVar[int]
    bill: ProviderBill
    def __init__(self, bill: _Optional[_Union[ProviderBill, _Mapping]] = ...) -> None: ...

class ListProviderBillsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "merchant_id", "bill_date_from", "bill_date_to", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FROM_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_TO_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    merchant_id: str
    bill_date_from: str
    bill_date_to: str
    status: BillStatus
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., merchant_id: _Optional[str] = ..., bill_date_from: _Optional[str] = ..., bill_date_to: _Optional[str] = ..., status: _Optional[_Union[BillStatus, str]] = ...) -> None: ...

class ListProviderBillsResponse(_message.Message):
    __slots__ = ("bills", "next_page_token", "total_size")
    BILLS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    bills: _containers.RepeatedCompositeFieldContainer[ProviderBill]
    next_page_token: str
    total_size: int
    def __init__(self, bills: _Optional[_Iterable[_Union[ProviderBill, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class Reconciliation(_message.Message):
    __slots__ = ("reconciliation_id", "merchant_id", "provider", "bill_date", "bill_id", "status", "matched_count", "matched_fen", "discrepancy_count", "open_discrepancy_count", "platform_net_fen", "provider_net_fen", "start_time", "end_time", "started_by", "error")
    RECONCILIATION_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FIELD_NUMBER: _ClassVar[int]
    BILL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    MATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    MATCHED_FEN_FIELD_NUMBER: _ClassVar[int]
    DISCREPANCY_COUNT_FIELD_NUMBER: _ClassVar[int]
    OPEN_DISCREPANCY_COUNT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_NET_FEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_NET_FEN_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    STARTED_BY_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    reconciliation_id: str
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    bill_date: str
    bill_id: str
    status: ReconciliationStatus
    matched_count: int
    matched_fen: int
    discrepancy_count: int
    open_discrepancy_count: int
    platform_net_fen: int
    provider_net_fen: int
    start_time: _timestamp_pb2.Timestamp
    end_time: _timestamp_pb2.Timestamp
    started_by: str
    error: str
    def __init__(self, reconciliation_id: _Optional[str] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., bill_date: _Optional[str] = ..., bill_id: _Optional[str] = ..., status: _Optional[_Union[ReconciliationStatus, str]] = ..., matched_count: _Optional[int] = ..., matched_fen: _Optional[int] = ..., discrepancy_count: _Optional[int] = ..., open_discrepancy_count: _Optional[int] = ..., platform_net_fen: _Optional[int] = ..., provider_net_fen: _Optional[int] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., started_by: _Optional[str] = ..., error: _Optional[str] = ...) -> None: ...

class RunReconciliationRequest(_message.Message):
    __slots__ = ("merchant_ids", "bill_date", "idempotency_key")
    MERCHANT_IDS_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    merchant_ids: _containers.RepeatedScalarFieldContainer[str]
    bill_date: str
    idempotency_key: str
    def __init__(self, merchant_ids: _Optional[_Iterable[str]] = ..., bill_date: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RunReconciliationResponse(_message.Message):
    __slots__ = ("reconciliations",)
    RECONCILIATIONS_FIELD_NUMBER: _ClassVar[int]
    reconciliations: _containers.RepeatedCompositeFieldContainer[Reconciliation]
    def __init__(self, reconciliations: _Optional[_Iterable[_Union[Reconciliation, _Mapping]]] = ...) -> None: ...

class GetReconciliationRequest(_message.Message):
    __slots__ = ("reconciliation_id",)
    RECONCILIATION_ID_FIELD_NUMBER: _ClassVar[int]
    reconciliation_id: str
    def __init__(self, reconciliation_id: _Optional[str] = ...) -> None: ...

class GetReconciliationResponse(_message.Message):
    __slots__ = ("reconciliation",)
    RECONCILIATION_FIELD_NUMBER: _ClassVar[int]
    reconciliation: Reconciliation
    def __init__(self, reconciliation: _Optional[_Union[Reconciliation, _Mapping]] = ...) -> None: ...

class ListReconciliationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "merchant_id", "bill_date_from", "bill_date_to", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FROM_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_TO_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    merchant_id: str
    bill_date_from: str
    bill_date_to: str
    status: ReconciliationStatus
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., merchant_id: _Optional[str] = ..., bill_date_from: _Optional[str] = ..., bill_date_to: _Optional[str] = ..., status: _Optional[_Union[ReconciliationStatus, str]] = ...) -> None: ...

class ListReconciliationsResponse(_message.Message):
    __slots__ = ("reconciliations", "next_page_token", "total_size")
    RECONCILIATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    reconciliations: _containers.RepeatedCompositeFieldContainer[Reconciliation]
    next_page_token: str
    total_size: int
    def __init__(self, reconciliations: _Optional[_Iterable[_Union[Reconciliation, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class Discrepancy(_message.Message):
    __slots__ = ("discrepancy_id", "reconciliation_id", "merchant_id", "bill_date", "kind", "payment_order_id", "refund_id", "provider_transaction_id", "platform_amount", "provider_amount", "platform_status", "provider_status", "transaction_time", "status", "audit", "resolution", "resolution_comment", "resolution_refund_id", "resolve_time", "resolved_by")
    DISCREPANCY_ID_FIELD_NUMBER: _ClassVar[int]
    RECONCILIATION_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_STATUS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_STATUS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_TIME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_COMMENT_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLVE_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOLVED_BY_FIELD_NUMBER: _ClassVar[int]
    discrepancy_id: str
    reconciliation_id: str
    merchant_id: str
    bill_date: str
    kind: DiscrepancyKind
    payment_order_id: str
    refund_id: str
    provider_transaction_id: str
    platform_amount: _common_pb2.Money
    provider_amount: _common_pb2.Money
    platform_status: str
    provider_status: str
    transaction_time: _timestamp_pb2.Timestamp
    status: DiscrepancyStatus
    audit: _common_pb2.AuditInfo
    resolution: DiscrepancyResolution
    resolution_comment: str
    resolution_refund_id: str
    resolve_time: _timestamp_pb2.Timestamp
    resolved_by: str
    def __init__(self, discrepancy_id: _Optional[str] = ..., reconciliation_id: _Optional[str] = ..., merchant_id: _Optional[str] = ..., bill_date: _Optional[str] = ..., kind: _Optional[_Union[DiscrepancyKind, str]] = ..., payment_order_id: _Optional[str] = ..., refund_id: _Optional[str] = ..., provider_transaction_id: _Optional[str] = ..., platform_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., provider_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., platform_status: _Optional[str] = ..., provider_status: _Optional[str] = ..., transaction_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[DiscrepancyStatus, str]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., resolution: _Optional[_Union[DiscrepancyResolution, str]] = ..., resolution_comment: _Optional[str] = ..., resolution_refund_id: _Optional[str] = ..., resolve_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resolved_by: _Optional[str] = ...) -> None: ...

class DiscrepancyFilter(_message.Message):
    __slots__ = ("reconciliation_id", "merchant_id", "kind", "status", "bill_date_from", "bill_date_to")
    RECONCILIATION_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_FROM_FIELD_NUMBER: _ClassVar[int]
    BILL_DATE_TO_FIELD_NUMBER: _ClassVar[int]
    reconciliation_id: str
    merchant_id: str
    kind: DiscrepancyKind
    status: DiscrepancyStatus
    bill_date_from: str
    bill_date_to: str
    def __init__(self, reconciliation_id: _Optional[str] = ..., merchant_id: _Optional[str] = ..., kind: _Optional[_Union[DiscrepancyKind, str]] = ..., status: _Optional[_Union[DiscrepancyStatus, str]] = ..., bill_date_from: _Optional[str] = ..., bill_date_to: _Optional[str] = ...) -> None: ...

class ListDiscrepanciesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: DiscrepancyFilter
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[DiscrepancyFilter, _Mapping]] = ...) -> None: ...

class ListDiscrepanciesResponse(_message.Message):
    __slots__ = ("discrepancies", "next_page_token", "total_size")
    DISCREPANCIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    discrepancies: _containers.RepeatedCompositeFieldContainer[Discrepancy]
    next_page_token: str
    total_size: int
    def __init__(self, discrepancies: _Optional[_Iterable[_Union[Discrepancy, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ResolveDiscrepancyRequest(_message.Message):
    __slots__ = ("discrepancy_id", "resolution", "comment", "idempotency_key")
    DISCREPANCY_ID_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    discrepancy_id: str
    resolution: DiscrepancyResolution
    comment: str
    idempotency_key: str
    def __init__(self, discrepancy_id: _Optional[str] = ..., resolution: _Optional[_Union[DiscrepancyResolution, str]] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ResolveDiscrepancyResponse(_message.Message):
    __slots__ = ("discrepancy",)
    DISCREPANCY_FIELD_NUMBER: _ClassVar[int]
    discrepancy: Discrepancy
    def __init__(self, discrepancy: _Optional[_Union[Discrepancy, _Mapping]] = ...) -> None: ...

class SettlementLine(_message.Message):
    __slots__ = ("merchant_id", "merchant_name", "provider", "pay_method", "business_type", "payment_count", "payment_fen", "refund_count", "refund_fen", "fee_fen", "net_fen")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAY_METHOD_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_COUNT_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_FEN_FIELD_NUMBER: _ClassVar[int]
    REFUND_COUNT_FIELD_NUMBER: _ClassVar[int]
    REFUND_FEN_FIELD_NUMBER: _ClassVar[int]
    FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    NET_FEN_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    merchant_name: str
    provider: _merchants_pb2.PaymentProvider
    pay_method: _merchants_pb2.PayMethod
    business_type: _merchants_pb2.BusinessType
    payment_count: int
    payment_fen: int
    refund_count: int
    refund_fen: int
    fee_fen: int
    net_fen: int
    def __init__(self, merchant_id: _Optional[str] = ..., merchant_name: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., pay_method: _Optional[_Union[_merchants_pb2.PayMethod, str]] = ..., business_type: _Optional[_Union[_merchants_pb2.BusinessType, str]] = ..., payment_count: _Optional[int] = ..., payment_fen: _Optional[int] = ..., refund_count: _Optional[int] = ..., refund_fen: _Optional[int] = ..., fee_fen: _Optional[int] = ..., net_fen: _Optional[int] = ...) -> None: ...

class SettlementReport(_message.Message):
    __slots__ = ("settlement_report_id", "period", "time_range", "merchant_ids", "status", "lines", "totals", "generate_time", "error", "reconciled", "audit")
    SETTLEMENT_REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_IDS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    GENERATE_TIME_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    RECONCILED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    settlement_report_id: str
    period: SettlementPeriod
    time_range: _common_pb2.TimeRange
    merchant_ids: _containers.RepeatedScalarFieldContainer[str]
    status: SettlementReportStatus
    lines: _containers.RepeatedCompositeFieldContainer[SettlementLine]
    totals: SettlementLine
    generate_time: _timestamp_pb2.Timestamp
    error: str
    reconciled: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, settlement_report_id: _Optional[str] = ..., period: _Optional[_Union[SettlementPeriod, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., merchant_ids: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[SettlementReportStatus, str]] = ..., lines: _Optional[_Iterable[_Union[SettlementLine, _Mapping]]] = ..., totals: _Optional[_Union[SettlementLine, _Mapping]] = ..., generate_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., error: _Optional[str] = ..., reconciled: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class GenerateSettlementReportRequest(_message.Message):
    __slots__ = ("period", "time_range", "merchant_ids", "idempotency_key")
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_IDS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    period: SettlementPeriod
    time_range: _common_pb2.TimeRange
    merchant_ids: _containers.RepeatedScalarFieldContainer[str]
    idempotency_key: str
    def __init__(self, period: _Optional[_Union[SettlementPeriod, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., merchant_ids: _Optional[_Iterable[str]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class GenerateSettlementReportResponse(_message.Message):
    __slots__ = ("settlement_report",)
    SETTLEMENT_REPORT_FIELD_NUMBER: _ClassVar[int]
    settlement_report: SettlementReport
    def __init__(self, settlement_report: _Optional[_Union[SettlementReport, _Mapping]] = ...) -> None: ...

class GetSettlementReportRequest(_message.Message):
    __slots__ = ("settlement_report_id",)
    SETTLEMENT_REPORT_ID_FIELD_NUMBER: _ClassVar[int]
    settlement_report_id: str
    def __init__(self, settlement_report_id: _Optional[str] = ...) -> None: ...

class GetSettlementReportResponse(_message.Message):
    __slots__ = ("settlement_report",)
    SETTLEMENT_REPORT_FIELD_NUMBER: _ClassVar[int]
    settlement_report: SettlementReport
    def __init__(self, settlement_report: _Optional[_Union[SettlementReport, _Mapping]] = ...) -> None: ...

class ListSettlementReportsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "period", "time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PERIOD_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    period: SettlementPeriod
    time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., period: _Optional[_Union[SettlementPeriod, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListSettlementReportsResponse(_message.Message):
    __slots__ = ("settlement_reports", "next_page_token", "total_size")
    SETTLEMENT_REPORTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    settlement_reports: _containers.RepeatedCompositeFieldContainer[SettlementReport]
    next_page_token: str
    total_size: int
    def __init__(self, settlement_reports: _Optional[_Iterable[_Union[SettlementReport, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...
