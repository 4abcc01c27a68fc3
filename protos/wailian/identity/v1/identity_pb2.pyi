import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
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

class ChannelType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_TYPE_UNSPECIFIED: _ClassVar[ChannelType]
    CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT: _ClassVar[ChannelType]
    CHANNEL_TYPE_WECHAT_MINI_PROGRAM: _ClassVar[ChannelType]
    CHANNEL_TYPE_ALIPAY: _ClassVar[ChannelType]
    CHANNEL_TYPE_HOSPITAL_APP: _ClassVar[ChannelType]
    CHANNEL_TYPE_SELF_SERVICE_KIOSK: _ClassVar[ChannelType]
    CHANNEL_TYPE_THIRD_PARTY_VENDOR: _ClassVar[ChannelType]
    CHANNEL_TYPE_INTERNAL_SYSTEM: _ClassVar[ChannelType]
    CHANNEL_TYPE_REGIONAL_PLATFORM: _ClassVar[ChannelType]

class ChannelStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_STATUS_UNSPECIFIED: _ClassVar[ChannelStatus]
    CHANNEL_STATUS_ACTIVE: _ClassVar[ChannelStatus]
    CHANNEL_STATUS_DISABLED: _ClassVar[ChannelStatus]

class CredentialKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CREDENTIAL_KIND_UNSPECIFIED: _ClassVar[CredentialKind]
    CREDENTIAL_KIND_TOKEN: _ClassVar[CredentialKind]
    CREDENTIAL_KIND_SIGNATURE: _ClassVar[CredentialKind]
    CREDENTIAL_KIND_MUTUAL_TLS: _ClassVar[CredentialKind]
CHANNEL_TYPE_UNSPECIFIED: ChannelType
CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT: ChannelType
CHANNEL_TYPE_WECHAT_MINI_PROGRAM: ChannelType
CHANNEL_TYPE_ALIPAY: ChannelType
CHANNEL_TYPE_HOSPITAL_APP: ChannelType
CHANNEL_TYPE_SELF_SERVICE_KIOSK: ChannelType
CHANNEL_TYPE_THIRD_PARTY_VENDOR: ChannelType
CHANNEL_TYPE_INTERNAL_SYSTEM: ChannelType
CHANNEL_TYPE_REGIONAL_PLATFORM: ChannelType
CHANNEL_STATUS_UNSPECIFIED: ChannelStatus
CHANNEL_STATUS_ACTIVE: ChannelStatus
CHANNEL_STATUS_DISABLED: ChannelStatus
CREDENTIAL_KIND_UNSPECIFIED: CredentialKind
CREDENTIAL_KIND_TOKEN: CredentialKind
CREDENTIAL_KIND_SIGNATURE: CredentialKind
CREDENTIAL_KIND_MUTUAL_TLS: CredentialKind

class User(_message.Message):
    __slots__ = ("user_id", "username", "display_name", "roles", "permissions", "disabled", "audit")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    username: str
    display_name: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    permissions: _containers.RepeatedScalarFieldContainer[str]
    disabled: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, user_id: _Optional[str] = ..., username: _Optional[str] = ..., display_name: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., permissions: _Optional[_Iterable[str]] = ..., disabled: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class LoginRequest(_message.Message):
    __slots__ = ("username", "password", "totp_code")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    TOTP_CODE_FIELD_NUMBER: _ClassVar[int]
    username: str
    password: str
    totp_code: str
    def __init__(self, username: _Optional[str] = ..., password: _Optional[str] = ..., totp_code: _Optional[str] = ...) -> None: ...

class LoginResponse(_message.Message):
    __slots__ = ("access_token", "token_type", "expires_in", "user")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    token_type: str
    expires_in: int
    user: User
    def __init__(self, access_token: _Optional[str] = ..., token_type: _Optional[str] = ..., expires_in: _Optional[int] = ..., user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class GetJwksRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Jwk(_message.Message):
    __slots__ = ("kty", "crv", "x", "y", "kid", "alg", "use")
    KTY_FIELD_NUMBER: _ClassVar[int]
    CRV_FIELD_NUMBER: _ClassVar[int]
    X_FIELD_NUMBER: _ClassVar[int]
    Y_FIELD_NUMBER: _ClassVar[int]
    KID_FIELD_NUMBER: _ClassVar[int]
    ALG_FIELD_NUMBER: _ClassVar[int]
    USE_FIELD_NUMBER: _ClassVar[int]
    kty: str
    crv: str
    x: str
    y: str
    kid: str
    alg: str
    use: str
    def __init__(self, kty: _Optional[str] = ..., crv: _Optional[str] = ..., x: _Optional[str] = ..., y: _Optional[str] = ..., kid: _Optional[str] = ..., alg: _Optional[str] = ..., use: _Optional[str] = ...) -> None: ...

class GetJwksResponse(_message.Message):
    __slots__ = ("keys",)
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedCompositeFieldContainer[Jwk]
    def __init__(self, keys: _Optional[_Iterable[_Union[Jwk, _Mapping]]] = ...) -> None: ...

class GetCurrentUserRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCurrentUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class Channel(_message.Message):
    __slots__ = ("channel_id", "code", "name", "type", "status", "owner", "contact_name", "contact_phone", "ip_allow_list", "rate_limit_per_second", "daily_quota", "audit")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    OWNER_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    IP_ALLOW_LIST_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    code: str
    name: str
    type: ChannelType
    status: ChannelStatus
    owner: str
    contact_name: str
    contact_phone: str
    ip_allow_list: _containers.RepeatedScalarFieldContainer[str]
    rate_limit_per_second: int
    daily_quota: int
    audit: _common_pb2.AuditInfo
    def __init__(self, channel_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[ChannelType, str]] = ..., status: _Optional[_Union[ChannelStatus, str]] = ..., owner: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., ip_allow_list: _Optional[_Iterable[str]] = ..., rate_limit_per_second: _Optional[int] = ..., daily_quota: _Optional[int] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateChannelRequest(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class CreateChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class GetChannelRequest(_message.Message):
    __slots__ = ("channel_id",)
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    def __init__(self, channel_id: _Optional[str] = ...) -> None: ...

class GetChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class ListChannelsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChannelsResponse(_message.Message):
    __slots__ = ("channels", "next_page_token", "total_size")
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedCompositeFieldContainer[Channel]
    next_page_token: str
    total_size: int
    def __init__(self, channels: _Optional[_Iterable[_Union[Channel, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ChannelCredential(_message.Message):
    __slots__ = ("credential_id", "channel_id", "kind", "client_id", "expire_time", "revoked", "audit")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    channel_id: str
    kind: CredentialKind
    client_id: str
    expire_time: _timestamp_pb2.Timestamp
    revoked: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, credential_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., kind: _Optional[_Union[CredentialKind, str]] = ..., client_id: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoked: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateChannelCredentialRequest(_message.Message):
    __slots__ = ("channel_id", "kind", "valid_days")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALID_DAYS_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    kind: CredentialKind
    valid_days: int
    def __init__(self, channel_id: _Optional[str] = ..., kind: _Optional[_Union[CredentialKind, str]] = ..., valid_days: _Optional[int] = ...) -> None: ...

class CreateChannelCredentialResponse(_message.Message):
    __slots__ = ("credential", "client_secret")
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    credential: ChannelCredential
    client_secret: str
    def __init__(self, credential: _Optional[_Union[ChannelCredential, _Mapping]] = ..., client_secret: _Optional[str] = ...) -> None: ...

class ListChannelCredentialsRequest(_message.Message):
    __slots__ = ("channel_id",)
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    def __init__(self, channel_id: _Optional[str] = ...) -> None: ...

class ListChannelCredentialsResponse(_message.Message):
    __slots__ = ("credentials",)
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    credentials: _containers.RepeatedCompositeFieldContainer[ChannelCredential]
    def __init__(self, credentials: _Optional[_Iterable[_Union[ChannelCredential, _Mapping]]] = ...) -> None: ...

class IssueChannelTokenRequest(_message.Message):
    __slots__ = ("body",)
    BODY_FIELD_NUMBER: _ClassVar[int]
    body: _httpbody_pb2.HttpBody
    def __init__(self, body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...
