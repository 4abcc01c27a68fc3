import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PaymentProvider(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAYMENT_PROVIDER_UNSPECIFIED: _ClassVar[PaymentProvider]
    PAYMENT_PROVIDER_WECHAT_PAY: _ClassVar[PaymentProvider]
    PAYMENT_PROVIDER_ALIPAY: _ClassVar[PaymentProvider]
    PAYMENT_PROVIDER_UNIONPAY: _ClassVar[PaymentProvider]
    PAYMENT_PROVIDER_SIMULATOR: _ClassVar[PaymentProvider]

class PayMethod(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PAY_METHOD_UNSPECIFIED: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_JSAPI: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_MINI_PROGRAM: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_NATIVE: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_H5: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_APP: _ClassVar[PayMethod]
    PAY_METHOD_WECHAT_MICROPAY: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_JSAPI: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_NATIVE: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_WAP: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_PC: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_APP: _ClassVar[PayMethod]
    PAY_METHOD_ALIPAY_MICROPAY: _ClassVar[PayMethod]
    PAY_METHOD_UNIONPAY_QR: _ClassVar[PayMethod]
    PAY_METHOD_UNIONPAY_MICROPAY: _ClassVar[PayMethod]
    PAY_METHOD_AGGREGATE_QR: _ClassVar[PayMethod]

class BusinessType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    BUSINESS_TYPE_UNSPECIFIED: _ClassVar[BusinessType]
    BUSINESS_TYPE_REGISTRATION: _ClassVar[BusinessType]
    BUSINESS_TYPE_OUTPATIENT: _ClassVar[BusinessType]
    BUSINESS_TYPE_INPATIENT_DEPOSIT: _ClassVar[BusinessType]
    BUSINESS_TYPE_INPATIENT_SETTLEMENT: _ClassVar[BusinessType]
    BUSINESS_TYPE_PHYSICAL_EXAMINATION: _ClassVar[BusinessType]
    BUSINESS_TYPE_ONLINE_CONSULTATION: _ClassVar[BusinessType]
    BUSINESS_TYPE_PRESCRIPTION_DELIVERY: _ClassVar[BusinessType]
    BUSINESS_TYPE_OTHER: _ClassVar[BusinessType]

class MerchantStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MERCHANT_STATUS_UNSPECIFIED: _ClassVar[MerchantStatus]
    MERCHANT_STATUS_ACTIVE: _ClassVar[MerchantStatus]
    MERCHANT_STATUS_DISABLED: _ClassVar[MerchantStatus]

class MerchantMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MERCHANT_MODE_UNSPECIFIED: _ClassVar[MerchantMode]
    MERCHANT_MODE_DIRECT: _ClassVar[MerchantMode]
    MERCHANT_MODE_SUB_MERCHANT: _ClassVar[MerchantMode]
PAYMENT_PROVIDER_UNSPECIFIED: PaymentProvider
PAYMENT_PROVIDER_WECHAT_PAY: PaymentProvider
PAYMENT_PROVIDER_ALIPAY: PaymentProvider
PAYMENT_PROVIDER_UNIONPAY: PaymentProvider
PAYMENT_PROVIDER_SIMULATOR: PaymentProvider
PAY_METHOD_UNSPECIFIED: PayMethod
PAY_METHOD_WECHAT_JSAPI: PayMethod
PAY_METHOD_WECHAT_MINI_PROGRAM: PayMethod
PAY_METHOD_WECHAT_NATIVE: PayMethod
PAY_METHOD_WECHAT_H5: PayMethod
PAY_METHOD_WECHAT_APP: PayMethod
PAY_METHOD_WECHAT_MICROPAY: PayMethod
PAY_METHOD_ALIPAY_JSAPI: PayMethod
PAY_METHOD_ALIPAY_NATIVE: PayMethod
PAY_METHOD_ALIPAY_WAP: PayMethod
PAY_METHOD_ALIPAY_PC: PayMethod
PAY_METHOD_ALIPAY_APP: PayMethod
PAY_METHOD_ALIPAY_MICROPAY: PayMethod
PAY_METHOD_UNIONPAY_QR: PayMethod
PAY_METHOD_UNIONPAY_MICROPAY: PayMethod
PAY_METHOD_AGGREGATE_QR: PayMethod
BUSINESS_TYPE_UNSPECIFIED: BusinessType
BUSINESS_TYPE_REGISTRATION: BusinessType
BUSINESS_TYPE_OUTPATIENT: BusinessType
BUSINESS_TYPE_INPATIENT_DEPOSIT: BusinessType
BUSINESS_TYPE_INPATIENT_SETTLEMENT: BusinessType
BUSINESS_TYPE_PHYSICAL_EXAMINATION: BusinessType
BUSINESS_TYPE_ONLINE_CONSULTATION: BusinessType
BUSINESS_TYPE_PRESCRIPTION_DELIVERY: BusinessType
BUSINESS_TYPE_OTHER: BusinessType
MERCHANT_STATUS_UNSPECIFIED: MerchantStatus
MERCHANT_STATUS_ACTIVE: MerchantStatus
MERCHANT_STATUS_DISABLED: MerchantStatus
MERCHANT_MODE_UNSPECIFIED: MerchantMode
MERCHANT_MODE_DIRECT: MerchantMode
MERCHANT_MODE_SUB_MERCHANT: MerchantMode

class MerchantCredentialStatus(_message.Message):
    __slots__ = ("name", "configured", "serial_no", "expire_time", "update_time")
    NAME_FIELD_NUMBER: _ClassVar[int]
    CONFIGURED_FIELD_NUMBER: _ClassVar[int]
    SERIAL_NO_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    UPDATE_TIME_FIELD_NUMBER: _ClassVar[int]
    name: str
    configured: bool
    serial_no: str
    expire_time: _timestamp_pb2.Timestamp
    update_time: _timestamp_pb2.Timestamp
    def __init__(self, name: _Optional[str] = ..., configured: _Optional[bool] = ..., serial_no: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., update_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class Merchant(_message.Message):
    __slots__ = ("merchant_id", "name", "provider", "mode", "merchant_no", "app_id", "sub_merchant_no", "sub_app_id", "pay_methods", "business_types", "channel_ids", "status", "fee_rate_basis_points", "sandbox", "audit", "credentials", "settlement_account", "priority", "description", "last_verify_time", "last_verify_error")
    MERCHANT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_NO_FIELD_NUMBER: _ClassVar[int]
    APP_ID_FIELD_NUMBER: _ClassVar[int]
    SUB_MERCHANT_NO_FIELD_NUMBER: _ClassVar[int]
    SUB_APP_ID_FIELD_NUMBER: _ClassVar[int]
    PAY_METHODS_FIELD_NUMBER: _ClassVar[int]
    BUSINESS_TYPES_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FEE_RATE_BASIS_POINTS_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    SETTLEMENT_ACCOUNT_FIELD_NUMBER: _ClassVar[int]
    PRIORITY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    LAST_VERIFY_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_VERIFY_ERROR_FIELD_NUMBER: _ClassVar[int]
    merchant_id: str
    name: str
    provider: PaymentProvider
    mode: MerchantMode
    merchant_no: str
    app_id: str
    sub_merchant_no: str
    sub_app_id: str
    pay_methods: _containers.RepeatedScalarFieldContainer[PayMethod]
    business_types: _containers.RepeatedScalarFieldContainer[BusinessType]
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    status: MerchantStatus
    fee_rate_basis_points: int
    sandbox: bool
    audit: _common_pb2.AuditInfo
    credentials: _containers.RepeatedCompositeFieldContainer[MerchantCredentialStatus]
    settlement_account: str
    priority: int
    description: str
    last_verify_time: _timestamp_pb2.Timestamp
    last_verify_error: str
    def __init__(self, merchant_id: _Optional[str] = ..., name: _Optional[str] = ..., provider: _Optional[_Union[PaymentProvider, str]] = ..., mode: _Optional[_Union[MerchantMode, str]] = ..., merchant_no: _Optional[str] = ..., app_id: _Optional[str] = ..., sub_merchant_no: _Optional[str] = ..., sub_app_id: _Optional[str] = ..., pay_methods: _Optional[_Iterable[_Union[PayMethod, str]]] = ..., business_types: _Optional[_Iterable[_Union[BusinessType, str]]] = ..., channel_ids: _Optional[_Iterable[str]] = ..., status: _Optional[_Union[MerchantStatus, str]] = ..., fee_rate_basis_points: _Optional[int] = ..., sandbox: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., credentials: _Optional[_Iterable[_Union[MerchantCredentialStatus, _Mapping]]] = ..., settlement_account: _Optional[str] = ..., priority: _Optional[int] = ..., description: _Optional[str] = ..., last_verify_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_verify_error: _Optional[str] = ...) -> None: ...

class WechatPayCredentials(_message.Message):
    __slots__ = ("api_v3_key", "merchant_serial_no", "merchant_private_key_pem", "wechatpay_public_key_id", "wechatpay_public_key_pem", "platform_certificate_pem", "api_v2_key", "merchant_certificate_p12")
    API_V3_KEY_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_SERIAL_NO_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    WECHATPAY_PUBLIC_KEY_ID_FIELD_NUMBER: _ClassVar[int]
    WECHATPAY_PUBLIC_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    API_V2_KEY_FIELD_NUMBER: _ClassVar[int]
    MERCHANT_CERTIFICATE_P12_FIELD_NUMBER: _ClassVar[int]
    api_v3_key: str
    merchant_serial_no: str
    merchant_private_key_pem: str
    wechatpay_public_key_id: str
    wechatpay_public_key_pem: str
    platform_certificate_pem: str
    api_v2_key: str
    merchant_certificate_p12: bytes
    def __init__(self, api_v3_key: _Optional[str] = ..., merchant_serial_no: _Optional[str] = ..., merchant_private_key_pem: _Optional[str] = ..., wechatpay_public_key_id: _Optional[str] = ..., wechatpay_public_key_pem: _Optional[str] = ..., platform_certificate_pem: _Optional[str] = ..., api_v2_key: _Optional[str] = ..., merchant_certificate_p12: _Optional[bytes] = ...) -> None: ...

class AlipayCredentials(_message.Message):
    __slots__ = ("app_private_key_pem", "alipay_public_key_pem", "app_certificate_pem", "alipay_certificate_pem", "alipay_root_certificate_pem", "aes_key")
    APP_PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    ALIPAY_PUBLIC_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    APP_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    ALIPAY_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    ALIPAY_ROOT_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    AES_KEY_FIELD_NUMBER: _ClassVar[int]
    app_private_key_pem: str
    alipay_public_key_pem: str
    app_certificate_pem: str
    alipay_certificate_pem: str
    alipay_root_certificate_pem: str
    aes_key: str
    def __init__(self, app_private_key_pem: _Optional[str] = ..., alipay_public_key_pem: _Optional[str] = ..., app_certificate_pem: _Optional[str] = ..., alipay_certificate_pem: _Optional[str] = ..., alipay_root_certificate_pem: _Optional[str] = ..., aes_key: _Optional[str] = ...) -> None: ...

class UnionPayCredentials(_message.Message):
    __slots__ = ("signing_certificate_pfx", "signing_certificate_password", "verify_middle_certificate_pem", "verify_root_certificate_pem", "encryption_certificate_pem")
    SIGNING_CERTIFICATE_PFX_FIELD_NUMBER: _ClassVar[int]
    SIGNING_CERTIFICATE_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    VERIFY_MIDDLE_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    VERIFY_ROOT_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    ENCRYPTION_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    signing_certificate_pfx: bytes
    signing_certificate_password: str
    verify_middle_certificate_pem: str
    verify_root_certificate_pem: str
    encryption_certificate_pem: str
    def __init__(self, signing_certificate_pfx: _Optional[bytes] = ..., signing_certificate_password: _Optional[str] = ..., verify_middle_certificate_pem: _Optional[str] = ..., verify_root_certificate_pem: _Optional[str] = ..., encryption_certificate_pem: _Optional[str] = ...) -> None: ...
