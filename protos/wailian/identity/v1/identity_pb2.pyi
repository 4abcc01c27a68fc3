import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
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

class UserKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_KIND_UNSPECIFIED: _ClassVar[UserKind]
    USER_KIND_STAFF: _ClassVar[UserKind]
    USER_KIND_DEVELOPER: _ClassVar[UserKind]
    USER_KIND_SERVICE: _ClassVar[UserKind]
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
USER_KIND_UNSPECIFIED: UserKind
USER_KIND_STAFF: UserKind
USER_KIND_DEVELOPER: UserKind
USER_KIND_SERVICE: UserKind

class User(_message.Message):
    __slots__ = ("user_id", "username", "display_name", "roles", "permissions", "disabled", "audit", "email", "phone", "organization", "kind", "lock_expire_time", "totp_enabled", "last_login_time", "password_expire_time", "password_change_required")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    ROLES_FIELD_NUMBER: _ClassVar[int]
    PERMISSIONS_FIELD_NUMBER: _ClassVar[int]
    DISABLED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    LOCK_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    TOTP_ENABLED_FIELD_NUMBER: _ClassVar[int]
    LAST_LOGIN_TIME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_CHANGE_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    username: str
    display_name: str
    roles: _containers.RepeatedScalarFieldContainer[str]
    permissions: _containers.RepeatedScalarFieldContainer[str]
    disabled: bool
    audit: _common_pb2.AuditInfo
    email: str
    phone: str
    organization: str
    kind: UserKind
    lock_expire_time: _timestamp_pb2.Timestamp
    totp_enabled: bool
    last_login_time: _timestamp_pb2.Timestamp
    password_expire_time: _timestamp_pb2.Timestamp
    password_change_required: bool
    def __init__(self, user_id: _Optional[str] = ..., username: _Optional[str] = ..., display_name: _Optional[str] = ..., roles: _Optional[_Iterable[str]] = ..., permissions: _Optional[_Iterable[str]] = ..., disabled: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., email: _Optional[str] = ..., phone: _Optional[str] = ..., organization: _Optional[str] = ..., kind: _Optional[_Union[UserKind, str]] = ..., lock_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., totp_enabled: _Optional[bool] = ..., last_login_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., password_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., password_change_required: _Optional[bool] = ...) -> None: ...

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
    __slots__ = ("access_token", "token_type", "expires_in", "user", "refresh_token", "refresh_expires_in", "session_id", "password_change_required", "totp_enrollment_required")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REFRESH_EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_CHANGE_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    TOTP_ENROLLMENT_REQUIRED_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    token_type: str
    expires_in: int
    user: User
    refresh_token: str
    refresh_expires_in: int
    session_id: str
    password_change_required: bool
    totp_enrollment_required: bool
    def __init__(self, access_token: _Optional[str] = ..., token_type: _Optional[str] = ..., expires_in: _Optional[int] = ..., user: _Optional[_Union[User, _Mapping]] = ..., refresh_token: _Optional[str] = ..., refresh_expires_in: _Optional[int] = ..., session_id: _Optional[str] = ..., password_change_required: _Optional[bool] = ..., totp_enrollment_required: _Optional[bool] = ...) -> None: ...

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
    __slots__ = ("channel_id", "code", "name", "type", "status", "owner", "contact_name", "contact_phone", "ip_allow_list", "rate_limit_per_second", "daily_quota", "vendor_user_ids", "description", "contact_email", "audit", "sandbox", "disabled_reason")
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
    VENDOR_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_FIELD_NUMBER: _ClassVar[int]
    DISABLED_REASON_FIELD_NUMBER: _ClassVar[int]
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
    vendor_user_ids: _containers.RepeatedScalarFieldContainer[str]
    description: str
    contact_email: str
    audit: _common_pb2.AuditInfo
    sandbox: bool
    disabled_reason: str
    def __init__(self, channel_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[ChannelType, str]] = ..., status: _Optional[_Union[ChannelStatus, str]] = ..., owner: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., ip_allow_list: _Optional[_Iterable[str]] = ..., rate_limit_per_second: _Optional[int] = ..., daily_quota: _Optional[int] = ..., vendor_user_ids: _Optional[_Iterable[str]] = ..., description: _Optional[str] = ..., contact_email: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., sandbox: _Optional[bool] = ..., disabled_reason: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("page_size", "page_token", "query", "type", "status", "vendor_user_id")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VENDOR_USER_ID_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    type: ChannelType
    status: ChannelStatus
    vendor_user_id: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ..., type: _Optional[_Union[ChannelType, str]] = ..., status: _Optional[_Union[ChannelStatus, str]] = ..., vendor_user_id: _Optional[str] = ...) -> None: ...

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
    __slots__ = ("credential_id", "channel_id", "kind", "client_id", "expire_time", "revoked", "revoke_time", "revoke_reason", "certificate_fingerprint", "certificate_subject", "rotated_from_credential_id", "last_used_time", "description", "audit")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    REVOKE_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKE_REASON_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    ROTATED_FROM_CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    LAST_USED_TIME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    channel_id: str
    kind: CredentialKind
    client_id: str
    expire_time: _timestamp_pb2.Timestamp
    revoked: bool
    revoke_time: _timestamp_pb2.Timestamp
    revoke_reason: str
    certificate_fingerprint: str
    certificate_subject: str
    rotated_from_credential_id: str
    last_used_time: _timestamp_pb2.Timestamp
    description: str
    audit: _common_pb2.AuditInfo
    def __init__(self, credential_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., kind: _Optional[_Union[CredentialKind, str]] = ..., client_id: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoked: _Optional[bool] = ..., revoke_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoke_reason: _Optional[str] = ..., certificate_fingerprint: _Optional[str] = ..., certificate_subject: _Optional[str] = ..., rotated_from_credential_id: _Optional[str] = ..., last_used_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., description: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateChannelCredentialRequest(_message.Message):
    __slots__ = ("channel_id", "kind", "valid_days", "certificate_signing_request", "description")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    VALID_DAYS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SIGNING_REQUEST_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    kind: CredentialKind
    valid_days: int
    certificate_signing_request: str
    description: str
    def __init__(self, channel_id: _Optional[str] = ..., kind: _Optional[_Union[CredentialKind, str]] = ..., valid_days: _Optional[int] = ..., certificate_signing_request: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class CreateChannelCredentialResponse(_message.Message):
    __slots__ = ("credential", "client_secret", "client_certificate_pem", "private_key_pem", "ca_certificate_pem")
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    CLIENT_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    CA_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    credential: ChannelCredential
    client_secret: str
    client_certificate_pem: str
    private_key_pem: str
    ca_certificate_pem: str
    def __init__(self, credential: _Optional[_Union[ChannelCredential, _Mapping]] = ..., client_secret: _Optional[str] = ..., client_certificate_pem: _Optional[str] = ..., private_key_pem: _Optional[str] = ..., ca_certificate_pem: _Optional[str] = ...) -> None: ...

class ListChannelCredentialsRequest(_message.Message):
    __slots__ = ("channel_id", "page_size", "page_token")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    page_size: int
    page_token: str
    def __init__(self, channel_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListChannelCredentialsResponse(_message.Message):
    __slots__ = ("credentials", "next_page_token", "total_size")
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    credentials: _containers.RepeatedCompositeFieldContainer[ChannelCredential]
    next_page_token: str
    total_size: int
    def __init__(self, credentials: _Optional[_Iterable[_Union[ChannelCredential, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class IssueChannelTokenRequest(_message.Message):
    __slots__ = ("body",)
    BODY_FIELD_NUMBER: _ClassVar[int]
    body: _httpbody_pb2.HttpBody
    def __init__(self, body: _Optional[_Union[_httpbody_pb2.HttpBody, _Mapping]] = ...) -> None: ...

class LogoutRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class LogoutResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class RefreshSessionRequest(_message.Message):
    __slots__ = ("refresh_token",)
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    refresh_token: str
    def __init__(self, refresh_token: _Optional[str] = ...) -> None: ...

class RefreshSessionResponse(_message.Message):
    __slots__ = ("access_token", "token_type", "expires_in", "refresh_token", "refresh_expires_in")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOKEN_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    REFRESH_TOKEN_FIELD_NUMBER: _ClassVar[int]
    REFRESH_EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    token_type: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    def __init__(self, access_token: _Optional[str] = ..., token_type: _Optional[str] = ..., expires_in: _Optional[int] = ..., refresh_token: _Optional[str] = ..., refresh_expires_in: _Optional[int] = ...) -> None: ...

class UpdateCurrentUserRequest(_message.Message):
    __slots__ = ("display_name", "email", "phone")
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    EMAIL_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    display_name: str
    email: str
    phone: str
    def __init__(self, display_name: _Optional[str] = ..., email: _Optional[str] = ..., phone: _Optional[str] = ...) -> None: ...

class UpdateCurrentUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: User
    def __init__(self, user: _Optional[_Union[User, _Mapping]] = ...) -> None: ...

class ChangePasswordRequest(_message.Message):
    __slots__ = ("current_password", "new_password")
    CURRENT_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    NEW_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    current_password: str
    new_password: str
    def __init__(self, current_password: _Optional[str] = ..., new_password: _Optional[str] = ...) -> None: ...

class ChangePasswordResponse(_message.Message):
    __slots__ = ("access_token", "expires_in", "password_expire_time")
    ACCESS_TOKEN_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_IN_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    access_token: str
    expires_in: int
    password_expire_time: _timestamp_pb2.Timestamp
    def __init__(self, access_token: _Optional[str] = ..., expires_in: _Optional[int] = ..., password_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StartTotpEnrollmentRequest(_message.Message):
    __slots__ = ("current_password",)
    CURRENT_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    current_password: str
    def __init__(self, current_password: _Optional[str] = ...) -> None: ...

class StartTotpEnrollmentResponse(_message.Message):
    __slots__ = ("secret", "otpauth_uri")
    SECRET_FIELD_NUMBER: _ClassVar[int]
    OTPAUTH_URI_FIELD_NUMBER: _ClassVar[int]
    secret: str
    otpauth_uri: str
    def __init__(self, secret: _Optional[str] = ..., otpauth_uri: _Optional[str] = ...) -> None: ...

class ConfirmTotpEnrollmentRequest(_message.Message):
    __slots__ = ("totp_code",)
    TOTP_CODE_FIELD_NUMBER: _ClassVar[int]
    totp_code: str
    def __init__(self, totp_code: _Optional[str] = ...) -> None: ...

class ConfirmTotpEnrollmentResponse(_message.Message):
    __slots__ = ("recovery_codes",)
    RECOVERY_CODES_FIELD_NUMBER: _ClassVar[int]
    recovery_codes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, recovery_codes: _Optional[_Iterable[str]] = ...) -> None: ...

class DisableTotpRequest(_message.Message):
    __slots__ = ("current_password", "totp_code")
    CURRENT_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    TOTP_CODE_FIELD_NUMBER: _ClassVar[int]
    current_password: str
    totp_code: str
    def __init__(self, current_password: _Optional[str] = ..., totp_code: _Optional[str] = ...) -> None: ...

class DisableTotpResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Session(_message.Message):
    __slots__ = ("session_id", "user_id", "username", "client_ip", "user_agent", "create_time", "last_active_time", "idle_expire_time", "current")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    CLIENT_IP_FIELD_NUMBER: _ClassVar[int]
    USER_AGENT_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVE_TIME_FIELD_NUMBER: _ClassVar[int]
    IDLE_EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    user_id: str
    username: str
    client_ip: str
    user_agent: str
    create_time: _timestamp_pb2.Timestamp
    last_active_time: _timestamp_pb2.Timestamp
    idle_expire_time: _timestamp_pb2.Timestamp
    current: bool
    def __init__(self, session_id: _Optional[str] = ..., user_id: _Optional[str] = ..., username: _Optional[str] = ..., client_ip: _Optional[str] = ..., user_agent: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_active_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., idle_expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., current: _Optional[bool] = ...) -> None: ...

class ListSessionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "user_id")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    user_id: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., user_id: _Optional[str] = ...) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ("sessions", "next_page_token", "total_size")
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[Session]
    next_page_token: str
    total_size: int
    def __init__(self, sessions: _Optional[_Iterable[_Union[Session, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RevokeSessionRequest(_message.Message):
    __slots__ = ("session_id", "reason")
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    reason: str
    def __init__(self, session_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeSessionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpdateChannelRequest(_message.Message):
    __slots__ = ("channel_id", "channel", "update_mask")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    channel: Channel
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, channel_id: _Optional[str] = ..., channel: _Optional[_Union[Channel, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class DeleteChannelRequest(_message.Message):
    __slots__ = ("channel_id",)
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    def __init__(self, channel_id: _Optional[str] = ...) -> None: ...

class DeleteChannelResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EnableChannelRequest(_message.Message):
    __slots__ = ("channel_id",)
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    def __init__(self, channel_id: _Optional[str] = ...) -> None: ...

class EnableChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class DisableChannelRequest(_message.Message):
    __slots__ = ("channel_id", "reason")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    reason: str
    def __init__(self, channel_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DisableChannelResponse(_message.Message):
    __slots__ = ("channel",)
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    channel: Channel
    def __init__(self, channel: _Optional[_Union[Channel, _Mapping]] = ...) -> None: ...

class RotateChannelCredentialRequest(_message.Message):
    __slots__ = ("channel_id", "credential_id", "overlap", "valid_days", "certificate_signing_request")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    OVERLAP_FIELD_NUMBER: _ClassVar[int]
    VALID_DAYS_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_SIGNING_REQUEST_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    credential_id: str
    overlap: _duration_pb2.Duration
    valid_days: int
    certificate_signing_request: str
    def __init__(self, channel_id: _Optional[str] = ..., credential_id: _Optional[str] = ..., overlap: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., valid_days: _Optional[int] = ..., certificate_signing_request: _Optional[str] = ...) -> None: ...

class RotateChannelCredentialResponse(_message.Message):
    __slots__ = ("credential", "client_secret", "client_certificate_pem", "private_key_pem", "ca_certificate_pem", "previous_credential")
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    CLIENT_SECRET_FIELD_NUMBER: _ClassVar[int]
    CLIENT_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    PRIVATE_KEY_PEM_FIELD_NUMBER: _ClassVar[int]
    CA_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    PREVIOUS_CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: ChannelCredential
    client_secret: str
    client_certificate_pem: str
    private_key_pem: str
    ca_certificate_pem: str
    previous_credential: ChannelCredential
    def __init__(self, credential: _Optional[_Union[ChannelCredential, _Mapping]] = ..., client_secret: _Optional[str] = ..., client_certificate_pem: _Optional[str] = ..., private_key_pem: _Optional[str] = ..., ca_certificate_pem: _Optional[str] = ..., previous_credential: _Optional[_Union[ChannelCredential, _Mapping]] = ...) -> None: ...

class RevokeChannelCredentialRequest(_message.Message):
    __slots__ = ("channel_id", "credential_id", "reason")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    credential_id: str
    reason: str
    def __init__(self, channel_id: _Optional[str] = ..., credential_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeChannelCredentialResponse(_message.Message):
    __slots__ = ("credential",)
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    credential: ChannelCredential
    def __init__(self, credential: _Optional[_Union[ChannelCredential, _Mapping]] = ...) -> None: ...

class GetCertificateAuthorityRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetCertificateAuthorityResponse(_message.Message):
    __slots__ = ("ca_certificate_pem", "subject", "fingerprint", "expire_time")
    CA_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    ca_certificate_pem: str
    subject: str
    fingerprint: str
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, ca_certificate_pem: _Optional[str] = ..., subject: _Optional[str] = ..., fingerprint: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...
