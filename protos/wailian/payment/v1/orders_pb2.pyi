import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
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

class PaymentOrderStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_ORDER_STATUS_UNSPECIFIED: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_CREATED: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_PAYING: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_SUCCEEDED: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_FAILED: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_CLOSED: _ClassVar[PaymentOrderStatus]
    PAYMENT_ORDER_STATUS_REVERSED: _ClassVar[PaymentOrderStatus]

class RefundState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REFUND_STATE_UNSPECIFIED: _ClassVar[RefundState]
    REFUND_STATE_NONE: _ClassVar[RefundState]
    REFUND_STATE_PARTIAL: _ClassVar[RefundState]
    REFUND_STATE_FULL: _ClassVar[RefundState]

class FulfillmentStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    FULFILLMENT_STATUS_UNSPECIFIED: _ClassVar[FulfillmentStatus]
    FULFILLMENT_STATUS_PENDING: _ClassVar[FulfillmentStatus]
    FULFILLMENT_STATUS_FULFILLED: _ClassVar[FulfillmentStatus]
    FULFILLMENT_STATUS_FAILED: _ClassVar[FulfillmentStatus]

class RefundStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REFUND_STATUS_UNSPECIFIED: _ClassVar[RefundStatus]
    REFUND_STATUS_PENDING: _ClassVar[RefundStatus]
    REFUND_STATUS_PROCESSING: _ClassVar[RefundStatus]
    REFUND_STATUS_SUCCEEDED: _ClassVar[RefundStatus]
    REFUND_STATUS_FAILED: _ClassVar[RefundStatus]
    REFUND_STATUS_CLOSED: _ClassVar[RefundStatus]

class RefundInitiator(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REFUND_INITIATOR_UNSPECIFIED: _ClassVar[RefundInitiator]
    REFUND_INITIATOR_CHANNEL: _ClassVar[RefundInitiator]
    REFUND_INITIATOR_STAFF: _ClassVar[RefundInitiator]
    REFUND_INITIATOR_PLATFORM: _ClassVar[RefundInitiator]

class OrderNotificationKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_NOTIFICATION_KIND_UNSPECIFIED: _ClassVar[OrderNotificationKind]
    ORDER_NOTIFICATION_KIND_PAYMENT: _ClassVar[OrderNotificationKind]
    ORDER_NOTIFICATION_KIND_REFUND: _ClassVar[OrderNotificationKind]

class OrderNotificationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ORDER_NOTIFICATION_STATUS_UNSPECIFIED: _ClassVar[OrderNotificationStatus]
    ORDER_NOTIFICATION_STATUS_PENDING: _ClassVar[OrderNotificationStatus]
    ORDER_NOTIFICATION_STATUS_SUCCEEDED: _ClassVar[OrderNotificationStatus]
    ORDER_NOTIFICATION_STATUS_FAILED: _ClassVar[OrderNotificationStatus]

class PaymentDimension(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_DIMENSION_UNSPECIFIED: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_PROVIDER: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_PAY_METHOD: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_BUSINESS_TYPE: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_CHANNEL: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_MERCHANT: _ClassVar[PaymentDimension]
    PAYMENT_DIMENSION_DAY: _ClassVar[PaymentDimension]
PAYMENT_ORDER_STATUS_UNSPECIFIED: PaymentOrderStatus
PAYMENT_ORDER_STATUS_CREATED: PaymentOrderStatus
PAYMENT_ORDER_STATUS_PAYING: PaymentOrderStatus
PAYMENT_ORDER_STATUS_SUCCEEDED: PaymentOrderStatus
PAYMENT_ORDER_STATUS_FAILED: PaymentOrderStatus
PAYMENT_ORDER_STATUS_CLOSED: PaymentOrderStatus
PAYMENT_ORDER_STATUS_REVERSED: PaymentOrderStatus
REFUND_STATE_UNSPECIFIED: RefundState
REFUND_STATE_NONE: RefundState
REFUND_STATE_PARTIAL: RefundState
REFUND_STATE_FULL: RefundState
FULFILLMENT_STATUS_UNSPECIFIED: FulfillmentStatus
FULFILLMENT_STATUS_PENDING: FulfillmentStatus
FULFILLMENT_STATUS_FULFILLED: FulfillmentStatus
FULFILLMENT_STATUS_FAILED: FulfillmentStatus
REFUND_STATUS_UNSPECIFIED: RefundStatus
REFUND_STATUS_PENDING: RefundStatus
REFUND_STATUS_PROCESSING: RefundStatus
REFUND_STATUS_SUCCEEDED: RefundStatus
REFUND_STATUS_FAILED: RefundStatus
REFUND_STATUS_CLOSED: RefundStatus
REFUND_INITIATOR_UNSPECIFIED: RefundInitiator
REFUND_INITIATOR_CHANNEL: RefundInitiator
REFUND_INITIATOR_STAFF: RefundInitiator
REFUND_INITIATOR_PLATFORM: RefundInitiator
ORDER_NOTIFICATION_KIND_UNSPECIFIED: OrderNotificationKind
ORDER_NOTIFICATION_KIND_PAYMENT: OrderNotificationKind
ORDER_NOTIFICATION_KIND_REFUND: OrderNotificationKind
ORDER_NOTIFICATION_STATUS_UNSPECIFIED: OrderNotificationStatus
ORDER_NOTIFICATION_STATUS_PENDING: OrderNotificationStatus
ORDER_NOTIFICATION_STATUS_SUCCEEDED: OrderNotificationStatus
ORDER_NOTIFICATION_STATUS_FAILED: OrderNotificationStatus
PAYMENT_DIMENSION_UNSPECIFIED: PaymentDimension
PAYMENT_DIMENSION_PROVIDER: PaymentDimension
PAYMENT_DIMENSION_PAY_METHOD: PaymentDimension
PAYMENT_DIMENSION_BUSINESS_TYPE: PaymentDimension
PAYMENT_DIMENSION_CHANNEL: PaymentDimension
PAYMENT_DIMENSION_MERCHANT: PaymentDimension
PAYMENT_DIMENSION_DAY: PaymentDimension

class PaymentOrder(_message.Message):
    __slots__ = ("payment_order_id", "channel_id", "channel_code", "channel_order_no", "merchant_id", "provider", "pay_method", "business_type", "amount", "subject", "description", "status", "provider_transaction_id", "payer_id", "create_time", "pay_time", "expire_time", "close_time", "refunded_amount", "refund_state", "business_order_no", "patient_id", "notify_url", "client_ip", "fulfillment_status", "fulfillment_reference", "fulfillment_time", "failure_reason", "attach", "fee", "sandbox")
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAY_METHOD_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_TRANSACTION_ID_FIELD_NUMBER: _ClassVar[int]
    PAYER_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    PAY_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CLOSE_TIME_FIELD_NUMBER: _ClassVar[int]
    REFUNDED_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REFUND_STATE_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    PATIENT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_URL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_TIME_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    ATTACH_FIELD_NUMBER: _ClassVar[int]
    FEE_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_FIELD_NUMBER: _ClassVar[int]
    payment_order_id: str
    channel_id: str
    channel_code: str
    channel_order_no: str
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    pay_method: _merchants_pb2.PayMethod
    business_type: _merchants_pb2.BusinessType
    amount: _common_pb2.Money
    subject: str
    description: str
    status: PaymentOrderStatus
    provider_transaction_id: str
    payer_id: str
    create_time: _timestamp_pb2.Timestamp
    pay_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    close_time: _timestamp_pb2.Timestamp
    refunded_amount: _common_pb2.Money
    refund_state: RefundState
    business_order_no: str
    patient_id: str
    notify_url: str
    client_ip: str
    fulfillment_status: FulfillmentStatus
    fulfillment_reference: str
    fulfillment_time: _timestamp_pb2.Timestamp
    failure_reason: str
    attach: str
    fee: _common_pb2.Money
    sandbox: bool
    def __init__(self, payment_order_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., channel_order_no: _Optional[str] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., pay_method: _Optional[_Union[_merchants_pb2.PayMethod, str]] = ..., business_type: _Optional[_Union[_merchants_pb2.BusinessType, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[PaymentOrderStatus, str]] = ..., provider_transaction_id: _Optional[str] = ..., payer_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., pay_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., close_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., refunded_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., refund_state: _Optional[_Union[RefundState, str]] = ..., business_order_no: _Optional[str] = ..., patient_id: _Optional[str] = ..., notify_url: _Optional[str] = ..., client_ip: _Optional[str] = ..., fulfillment_status: _Optional[_Union[FulfillmentStatus, str]] = ..., fulfillment_reference: _Optional[str] = ..., fulfillment_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failure_reason: _Optional[str] = ..., attach: _Optional[str] = ..., fee: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., sandbox: _Optional[bool] = ...) -> None: ...

class PayParams(_message.Message):
    __slots__ = ("sdk_params", "code_url", "redirect_url", "form_html")
    class SdkParamsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SDK_PARAMS_FIELD_NUMBER: _ClassVar[int]
    CODE_URL_FIELD_NUMBER: _ClassVar[int]
    REDIRECT_URL_FIELD_NUMBER: _ClassVar[int]
    FORM_HTML_FIELD_NUMBER: _ClassVar[int]
    sdk_params: _containers.ScalarMap[str, str]
    code_url: str
    redirect_url: str
    form_html: str
    def __init__(self, sdk_params: _Optional[_Mapping[str, str]] = ..., code_url: _Optional[str] = ..., redirect_url: _Optional[str] = ..., form_html: _Optional[str] = ...) -> None: ...

class CreatePaymentOrderRequest(_message.Message):
    __slots__ = ("channel_order_no", "idempotency_key", "amount", "pay_method", "business_type", "subject", "description", "merchant_id", "payer_id", "auth_code", "client_ip", "expire_after", "notify_url", "business_order_no", "patient_id", "attach", "return_url", "channel_id")
    CHANNEL_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    PAY_METHOD_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PAYER_ID_FIELD_NUMBER: _ClassVar[int]
    AUTH_CODE_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_AFTER_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_URL_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    PATIENT_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACH_FIELD_NUMBER: _ClassVar[int]
    RETURN_URL_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_order_no: str
    idempotency_key: str
    amount: _common_pb2.Money
    pay_method: _merchants_pb2.PayMethod
    business_type: _merchants_pb2.BusinessType
    subject: str
    description: str
    merchant_id: str
    payer_id: str
    auth_code: str
    client_ip: str
    expire_after: _duration_pb2.Duration
    notify_url: str
    business_order_no: str
    patient_id: str
    attach: str
    return_url: str
    channel_id: str
    def __init__(self, channel_order_no: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., pay_method: _Optional[_Union[_merchants_pb2.PayMethod, str]] = ..., business_type: _Optional[_Union[_merchants_pb2.BusinessType, str]] = ..., subject: _Optional[str] = ..., description: _Optional[str] = ..., merchant_id: _Optional[str] = ..., payer_id: _Optional[str] = ..., auth_code: _Optional[str] = ..., client_ip: _Optional[str] = ..., expire_after: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., notify_url: _Optional[str] = ..., business_order_no: _Optional[str] = ..., patient_id: _Optional[str] = ..., attach: _Optional[str] = ..., return_url: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class CreatePaymentOrderResponse(_message.Message):
    __slots__ = ("payment_order", "pay_params")
    PAYMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    PAY_PARAMS_FIELD_NUMBER: _ClassVar[int]
    payment_order: PaymentOrder
    pay_params: PayParams
    def __init__(self, payment_order: _Optional[_Union[PaymentOrder, _Mapping]] = ..., pay_params: _Optional[_Union[PayParams, _Mapping]] = ...) -> None: ...

class QueryPaymentOrderRequest(_message.Message):
    __slots__ = ("payment_order_id", "channel_order_no", "sync_with_provider")
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    SYNC_WITH_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    payment_order_id: str
    channel_order_no: str
    sync_with_provider: bool
    def __init__(self, payment_order_id: _Optional[str] = ..., channel_order_no: _Optional[str] = ..., sync_with_provider: _Optional[bool] = ...) -> None: ...

class QueryPaymentOrderResponse(_message.Message):
    __slots__ = ("payment_order",)
    PAYMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    payment_order: PaymentOrder
    def __init__(self, payment_order: _Optional[_Union[PaymentOrder, _Mapping]] = ...) -> None: ...

class GetPaymentOrderRequest(_message.Message):
    __slots__ = ("payment_order_id",)
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    payment_order_id: str
    def __init__(self, payment_order_id: _Optional[str] = ...) -> None: ...

class GetPaymentOrderResponse(_message.Message):
    __slots__ = ("payment_order",)
    PAYMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    payment_order: PaymentOrder
    def __init__(self, payment_order: _Optional[_Union[PaymentOrder, _Mapping]] = ...) -> None: ...

class PaymentOrderFilter(_message.Message):
    __slots__ = ("create_time_range", "statuses", "merchant_id", "provider", "pay_method", "business_type", "channel_id", "order_no", "patient_id", "min_amount_fen", "max_amount_fen", "fulfillment_status", "refund_state")
    CREATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    PAY_METHOD_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TYPE_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    PATIENT_ID_FIELD_NUMBER: _ClassVar[int]
    MIN_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    MAX_AMOUNT_FEN_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_STATUS_FIELD_NUMBER: _ClassVar[int]
    REFUND_STATE_FIELD_NUMBER: _ClassVar[int]
    create_time_range: _common_pb2.TimeRange
    statuses: _containers.RepeatedScalarFieldContainer[PaymentOrderStatus]
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    pay_method: _merchants_pb2.PayMethod
    business_type: _merchants_pb2.BusinessType
    channel_id: str
    order_no: str
    patient_id: str
    min_amount_fen: int
    max_amount_fen: int
    fulfillment_status: FulfillmentStatus
    refund_state: RefundState
    def __init__(self, create_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., statuses: _Optional[_Iterable[_Union[PaymentOrderStatus, str]]] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., pay_method: _Optional[_Union[_merchants_pb2.PayMethod, str]] = ..., business_type: _Optional[_Union[_merchants_pb2.BusinessType, str]] = ..., channel_id: _Optional[str] = ..., order_no: _Optional[str] = ..., patient_id: _Optional[str] = ..., min_amount_fen: _Optional[int] = ..., max_amount_fen: _Optional[int] = ..., fulfillment_status: _Optional[_Union[FulfillmentStatus, str]] = ..., refund_state: _Optional[_Union[RefundState, str]] = ...) -> None: ...

class ListPaymentOrdersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: PaymentOrderFilter
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[PaymentOrderFilter, _Mapping]] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListPaymentOrdersResponse(_message.Message):
    __slots__ = ("payment_orders", "next_page_token", "total_size")
    PAYMENT_ORDERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    payment_orders: _containers.RepeatedCompositeFieldContainer[PaymentOrder]
    next_page_token: str
    total_size: int
    def __init__(self, payment_orders: _Optional[_Iterable[_Union[PaymentOrder, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ClosePaymentOrderRequest(_message.Message):
    __slots__ = ("payment_order_id", "reason", "idempotency_key")
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    payment_order_id: str
    reason: str
    idempotency_key: str
    def __init__(self, payment_order_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ClosePaymentOrderResponse(_message.Message):
    __slots__ = ("payment_order",)
    PAYMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    payment_order: PaymentOrder
    def __init__(self, payment_order: _Optional[_Union[PaymentOrder, _Mapping]] = ...) -> None: ...

class ConfirmPaymentFulfillmentRequest(_message.Message):
    __slots__ = ("payment_order_id", "fulfilled", "fulfillment_reference", "failure_reason", "refund_on_failure", "idempotency_key")
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    FULFILLED_FIELD_NUMBER: _ClassVar[int]
    FULFILLMENT_REFERENCE_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    REFUND_ON_FAILURE_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    payment_order_id: str
    fulfilled: bool
    fulfillment_reference: str
    failure_reason: str
    refund_on_failure: bool
    idempotency_key: str
    def __init__(self, payment_order_id: _Optional[str] = ..., fulfilled: _Optional[bool] = ..., fulfillment_reference: _Optional[str] = ..., failure_reason: _Optional[str] = ..., refund_on_failure: _Optional[bool] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ConfirmPaymentFulfillmentResponse(_message.Message):
    __slots__ = ("payment_order", "refund")
    PAYMENT_ORDER_FIELD_NUMBER: _ClassVar[int]
    REFUND_FIELD_NUMBER: _ClassVar[int]
    payment_order: PaymentOrder
    refund: Refund
    def __init__(self, payment_order: _Optional[_Union[PaymentOrder, _Mapping]] = ..., refund: _Optional[_Union[Refund, _Mapping]] = ...) -> None: ...

class Refund(_message.Message):
    __slots__ = ("refund_id", "payment_order_id", "channel_id", "channel_refund_no", "merchant_id", "provider", "amount", "order_amount", "reason", "status", "provider_refund_id", "create_time", "success_time", "failure_reason", "audit", "channel_order_no", "business_order_no", "initiator", "notify_url")
    REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_REFUND_NO_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    ORDER_AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_TIME_FIELD_NUMBER: _ClassVar[int]
    FAILURE_REASON_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_URL_FIELD_NUMBER: _ClassVar[int]
    refund_id: str
    payment_order_id: str
    channel_id: str
    channel_refund_no: str
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    amount: _common_pb2.Money
    order_amount: _common_pb2.Money
    reason: str
    status: RefundStatus
    provider_refund_id: str
    create_time: _timestamp_pb2.Timestamp
    success_time: _timestamp_pb2.Timestamp
    failure_reason: str
    audit: _common_pb2.AuditInfo
    channel_order_no: str
    business_order_no: str
    initiator: RefundInitiator
    notify_url: str
    def __init__(self, refund_id: _Optional[str] = ..., payment_order_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_refund_no: _Optional[str] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., order_amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ..., status: _Optional[_Union[RefundStatus, str]] = ..., provider_refund_id: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., success_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., failure_reason: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., channel_order_no: _Optional[str] = ..., business_order_no: _Optional[str] = ..., initiator: _Optional[_Union[RefundInitiator, str]] = ..., notify_url: _Optional[str] = ...) -> None: ...

class CreateRefundRequest(_message.Message):
    __slots__ = ("channel_refund_no", "idempotency_key", "payment_order_id", "channel_order_no", "amount", "reason", "notify_url", "channel_id")
    CHANNEL_REFUND_NO_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    NOTIFY_URL_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_refund_no: str
    idempotency_key: str
    payment_order_id: str
    channel_order_no: str
    amount: _common_pb2.Money
    reason: str
    notify_url: str
    channel_id: str
    def __init__(self, channel_refund_no: _Optional[str] = ..., idempotency_key: _Optional[str] = ..., payment_order_id: _Optional[str] = ..., channel_order_no: _Optional[str] = ..., amount: _Optional[_Union[_common_pb2.Money, _Mapping]] = ..., reason: _Optional[str] = ..., notify_url: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class CreateRefundResponse(_message.Message):
    __slots__ = ("refund",)
    REFUND_FIELD_NUMBER: _ClassVar[int]
    refund: Refund
    def __init__(self, refund: _Optional[_Union[Refund, _Mapping]] = ...) -> None: ...

class QueryRefundRequest(_message.Message):
    __slots__ = ("refund_id", "channel_refund_no", "sync_with_provider")
    REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_REFUND_NO_FIELD_NUMBER: _ClassVar[int]
    SYNC_WITH_PROVIDER_FIELD_NUMBER: _ClassVar[int]
    refund_id: str
    channel_refund_no: str
    sync_with_provider: bool
    def __init__(self, refund_id: _Optional[str] = ..., channel_refund_no: _Optional[str] = ..., sync_with_provider: _Optional[bool] = ...) -> None: ...

class QueryRefundResponse(_message.Message):
    __slots__ = ("refund",)
    REFUND_FIELD_NUMBER: _ClassVar[int]
    refund: Refund
    def __init__(self, refund: _Optional[_Union[Refund, _Mapping]] = ...) -> None: ...

class GetRefundRequest(_message.Message):
    __slots__ = ("refund_id",)
    REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    refund_id: str
    def __init__(self, refund_id: _Optional[str] = ...) -> None: ...

class GetRefundResponse(_message.Message):
    __slots__ = ("refund",)
    REFUND_FIELD_NUMBER: _ClassVar[int]
    refund: Refund
    def __init__(self, refund: _Optional[_Union[Refund, _Mapping]] = ...) -> None: ...

class RefundFilter(_message.Message):
    __slots__ = ("create_time_range", "statuses", "merchant_id", "provider", "channel_id", "order_no", "initiator")
    CREATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    STATUSES_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    ORDER_NO_FIELD_NUMBER: _ClassVar[int]
    INITIATOR_FIELD_NUMBER: _ClassVar[int]
    create_time_range: _common_pb2.TimeRange
    statuses: _containers.RepeatedScalarFieldContainer[RefundStatus]
    merchant_id: str
    provider: _merchants_pb2.PaymentProvider
    channel_id: str
    order_no: str
    initiator: RefundInitiator
    def __init__(self, create_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., statuses: _Optional[_Iterable[_Union[RefundStatus, str]]] = ..., merchant_id: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., channel_id: _Optional[str] = ..., order_no: _Optional[str] = ..., initiator: _Optional[_Union[RefundInitiator, str]] = ...) -> None: ...

class ListRefundsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "filter", "order_by")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    ORDER_BY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    filter: RefundFilter
    order_by: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., filter: _Optional[_Union[RefundFilter, _Mapping]] = ..., order_by: _Optional[str] = ...) -> None: ...

class ListRefundsResponse(_message.Message):
    __slots__ = ("refunds", "next_page_token", "total_size")
    REFUNDS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    refunds: _containers.RepeatedCompositeFieldContainer[Refund]
    next_page_token: str
    total_size: int
    def __init__(self, refunds: _Optional[_Iterable[_Union[Refund, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class OrderNotification(_message.Message):
    __slots__ = ("order_notification_id", "kind", "payment_order_id", "refund_id", "channel_id", "url", "status", "attempts", "create_time", "last_attempt_time", "next_attempt_time", "last_response_status", "last_response_body")
    ORDER_NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    REFUND_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_RESPONSE_BODY_FIELD_NUMBER: _ClassVar[int]
    order_notification_id: str
    kind: OrderNotificationKind
    payment_order_id: str
    refund_id: str
    channel_id: str
    url: str
    status: OrderNotificationStatus
    attempts: int
    create_time: _timestamp_pb2.Timestamp
    last_attempt_time: _timestamp_pb2.Timestamp
    next_attempt_time: _timestamp_pb2.Timestamp
    last_response_status: int
    last_response_body: str
    def __init__(self, order_notification_id: _Optional[str] = ..., kind: _Optional[_Union[OrderNotificationKind, str]] = ..., payment_order_id: _Optional[str] = ..., refund_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., url: _Optional[str] = ..., status: _Optional[_Union[OrderNotificationStatus, str]] = ..., attempts: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_response_status: _Optional[int] = ..., last_response_body: _Optional[str] = ...) -> None: ...

class ListOrderNotificationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "payment_order_id", "channel_id", "status", "create_time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PAYMENT_ORDER_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    payment_order_id: str
    channel_id: str
    status: OrderNotificationStatus
    create_time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., payment_order_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., status: _Optional[_Union[OrderNotificationStatus, str]] = ..., create_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListOrderNotificationsResponse(_message.Message):
    __slots__ = ("order_notifications", "next_page_token", "total_size")
    ORDER_NOTIFICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    order_notifications: _containers.RepeatedCompositeFieldContainer[OrderNotification]
    next_page_token: str
    total_size: int
    def __init__(self, order_notifications: _Optional[_Iterable[_Union[OrderNotification, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ResendOrderNotificationRequest(_message.Message):
    __slots__ = ("order_notification_id",)
    ORDER_NOTIFICATION_ID_FIELD_NUMBER: _ClassVar[int]
    order_notification_id: str
    def __init__(self, order_notification_id: _Optional[str] = ...) -> None: ...

class ResendOrderNotificationResponse(_message.Message):
    __slots__ = ("order_notification",)
    ORDER_NOTIFICATION_FIELD_NUMBER: _ClassVar[int]
    order_notification: OrderNotification
    def __init__(self, order_notification: _Optional[_Union[OrderNotification, _Mapping]] = ...) -> None: ...

class PaymentSummaryRow(_message.Message):
    __slots__ = ("key", "label", "paid_orders", "paid_fen", "refunds", "refunded_fen", "net_fen")
    KEY_FIELD_NUMBER: _ClassVar[int]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    PAID_ORDERS_FIELD_NUMBER: _ClassVar[int]
    PAID_FEN_FIELD_NUMBER: _ClassVar[int]
    REFUNDS_FIELD_NUMBER: _ClassVar[int]
    REFUNDED_FEN_FIELD_NUMBER: _ClassVar[int]
    NET_FEN_FIELD_NUMBER: _ClassVar[int]
    key: str
    label: str
    paid_orders: int
    paid_fen: int
    refunds: int
    refunded_fen: int
    net_fen: int
    def __init__(self, key: _Optional[str] = ..., label: _Optional[str] = ..., paid_orders: _Optional[int] = ..., paid_fen: _Optional[int] = ..., refunds: _Optional[int] = ..., refunded_fen: _Optional[int] = ..., net_fen: _Optional[int] = ...) -> None: ...

class SummarizePaymentsRequest(_message.Message):
    __slots__ = ("time_range", "group_by", "merchant_id", "channel_id")
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_BY_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    time_range: _common_pb2.TimeRange
    group_by: PaymentDimension
    merchant_id: str
    channel_id: str
    def __init__(self, time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., group_by: _Optional[_Union[PaymentDimension, str]] = ..., merchant_id: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class SummarizePaymentsResponse(_message.Message):
    __slots__ = ("rows", "totals")
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTALS_FIELD_NUMBER: _ClassVar[int]
    rows: _containers.RepeatedCompositeFieldContainer[PaymentSummaryRow]
    totals: PaymentSummaryRow
    def __init__(self, rows: _Optional[_Iterable[_Union[PaymentSummaryRow, _Mapping]]] = ..., totals: _Optional[_Union[PaymentSummaryRow, _Mapping]] = ...) -> None: ...
