from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.payment.v1 import merchants_pb2 as _merchants_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListMerchantsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "provider", "status", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    provider: _merchants_pb2.PaymentProvider
    status: _merchants_pb2.MerchantStatus
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., provider: _Optional[_Union[_merchants_pb2.PaymentProvider, str]] = ..., status: _Optional[_Union[_merchants_pb2.MerchantStatus, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListMerchantsResponse(_message.Message):
    __slots__ = ("next_page_token", "merchants", "total_size")
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    MERCHANTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    merchants: _containers.RepeatedCompositeFieldContainer[_merchants_pb2.Merchant]
    total_size: int
    def __init__(self, next_page_token: _Optional[str] = ..., merchants: _Optional[_Iterable[_Union[_merchants_pb2.Merchant, _Mapping]]] = ..., total_size: _Optional[int] = ...) -> None: ...

class CreateMerchantRequest(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class CreateMerchantResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class GetMerchantRequest(_message.Message):
    __slots__ = ("merchant_id",)
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    def __init__(self, merchant_id: _Optional[str] = ...) -> None: ...

class GetMerchantResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class UpdateMerchantRequest(_message.Message):
    __slots__ = ("merchant_id", "merchant", "update_mask")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    merchant: _merchants_pb2.Merchant
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, merchant_id: _Optional[str] = ..., merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateMerchantResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class DeleteMerchantRequest(_message.Message):
    __slots__ = ("merchant_id",)
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    def __init__(self, merchant_id: _Optional[str] = ...) -> None: ...

class DeleteMerchantResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EnableMerchantRequest(_message.Message):
    __slots__ = ("merchant_id",)
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    def __init__(self, merchant_id: _Optional[str] = ...) -> None: ...

class EnableMerchantResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class DisableMerchantRequest(_message.Message):
    __slots__ = ("merchant_id", "reason")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    reason: str
    def __init__(self, merchant_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DisableMerchantResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class SetMerchantCredentialsRequest(_message.Message):
    __slots__ = ("merchant_id", "wechat_pay", "alipay", "union_pay")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    WECHAT_PAY_FIELD_NUMBER: _ClassVar[int]
    ALIPAY_FIELD_NUMBER: _ClassVar[int]
    UNION_PAY_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    wechat_pay: _merchants_pb2.WechatPayCredentials
    alipay: _merchants_pb2.AlipayCredentials
    union_pay: _merchants_pb2.UnionPayCredentials
    def __init__(self, merchant_id: _Optional[str] = ..., wechat_pay: _Optional[_Union[_merchants_pb2.WechatPayCredentials, _Mapping]] = ..., alipay: _Optional[_Union[_merchants_pb2.AlipayCredentials, _Mapping]] = ..., union_pay: _Optional[_Union[_merchants_pb2.UnionPayCredentials, _Mapping]] = ...) -> None: ...

class SetMerchantCredentialsResponse(_message.Message):
    __slots__ = ("merchant",)
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    merchant: _merchants_pb2.Merchant
    def __init__(self, merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...

class VerifyMerchantRequest(_message.Message):
    __slots__ = ("merchant_id",)
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    def __init__(self, merchant_id: _Optional[str] = ...) -> None: ...

class VerifyMerchantResponse(_message.Message):
    __slots__ = ("succeeded", "error", "merchant")
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_FIELD_NUMBER: _ClassVar[int]
    succeeded: bool
    error: str
    merchant: _merchants_pb2.Merchant
    def __init__(self, succeeded: _Optional[bool] = ..., error: _Optional[str] = ..., merchant: _Optional[_Union[_merchants_pb2.Merchant, _Mapping]] = ...) -> None: ...
