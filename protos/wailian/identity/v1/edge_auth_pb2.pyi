import datetime

from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.identity.v1 import identity_pb2 as _identity_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class EdgeCredential(_message.Message):
    __slots__ = ("credential_id", "kind", "client_id", "expire_time", "revoked", "certificate_fingerprint")
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    REVOKED_FIELD_NUMBER: _ClassVar[int]
    CERTIFICATE_FINGERPRINT_FIELD_NUMBER: _ClassVar[int]
    credential_id: str
    kind: _identity_pb2.CredentialKind
    client_id: str
    expire_time: _timestamp_pb2.Timestamp
    revoked: bool
    certificate_fingerprint: str
    def __init__(self, credential_id: _Optional[str] = ..., kind: _Optional[_Union[_identity_pb2.CredentialKind, str]] = ..., client_id: _Optional[str] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., revoked: _Optional[bool] = ..., certificate_fingerprint: _Optional[str] = ...) -> None: ...

class EdgeChannel(_message.Message):
    __slots__ = ("channel_id", "code", "status", "ip_allow_list", "rate_limit_per_second", "daily_quota", "sandbox", "credentials", "name", "type", "vendor_user_ids")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    IP_ALLOW_LIST_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    SANDBOX_FIELD_NUMBER: _ClassVar[int]
    CREDENTIALS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VENDOR_USER_IDS_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    code: str
    status: _identity_pb2.ChannelStatus
    ip_allow_list: _containers.RepeatedScalarFieldContainer[str]
    rate_limit_per_second: int
    daily_quota: int
    sandbox: bool
    credentials: _containers.RepeatedCompositeFieldContainer[EdgeCredential]
    name: str
    type: _identity_pb2.ChannelType
    vendor_user_ids: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, channel_id: _Optional[str] = ..., code: _Optional[str] = ..., status: _Optional[_Union[_identity_pb2.ChannelStatus, str]] = ..., ip_allow_list: _Optional[_Iterable[str]] = ..., rate_limit_per_second: _Optional[int] = ..., daily_quota: _Optional[int] = ..., sandbox: _Optional[bool] = ..., credentials: _Optional[_Iterable[_Union[EdgeCredential, _Mapping]]] = ..., name: _Optional[str] = ..., type: _Optional[_Union[_identity_pb2.ChannelType, str]] = ..., vendor_user_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class GetEdgeAuthSnapshotRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetEdgeAuthSnapshotResponse(_message.Message):
    __slots__ = ("revision", "keys", "channels", "ca_certificate_pem")
    REVISION_FIELD_NUMBER: _ClassVar[int]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    CA_CERTIFICATE_PEM_FIELD_NUMBER: _ClassVar[int]
    revision: int
    keys: _containers.RepeatedCompositeFieldContainer[_identity_pb2.Jwk]
    channels: _containers.RepeatedCompositeFieldContainer[EdgeChannel]
    ca_certificate_pem: str
    def __init__(self, revision: _Optional[int] = ..., keys: _Optional[_Iterable[_Union[_identity_pb2.Jwk, _Mapping]]] = ..., channels: _Optional[_Iterable[_Union[EdgeChannel, _Mapping]]] = ..., ca_certificate_pem: _Optional[str] = ...) -> None: ...

class WatchEdgeAuthRequest(_message.Message):
    __slots__ = ("after_revision",)
    AFTER_REVISION_FIELD_NUMBER: _ClassVar[int]
    after_revision: int
    def __init__(self, after_revision: _Optional[int] = ...) -> None: ...

class WatchEdgeAuthResponse(_message.Message):
    __slots__ = ("revision", "change_time", "cause")
    REVISION_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    revision: int
    change_time: _timestamp_pb2.Timestamp
    cause: str
    def __init__(self, revision: _Optional[int] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cause: _Optional[str] = ...) -> None: ...
