from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.identity.v1 import identity_pb2 as _identity_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UserStatusFilter(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    USER_STATUS_FILTER_UNSPECIFIED: _ClassVar[UserStatusFilter]
    USER_STATUS_FILTER_ACTIVE: _ClassVar[UserStatusFilter]
    USER_STATUS_FILTER_DISABLED: _ClassVar[UserStatusFilter]
    USER_STATUS_FILTER_LOCKED: _ClassVar[UserStatusFilter]
    USER_STATUS_FILTER_PASSWORD_EXPIRED: _ClassVar[UserStatusFilter]
USER_STATUS_FILTER_UNSPECIFIED: UserStatusFilter
USER_STATUS_FILTER_ACTIVE: UserStatusFilter
USER_STATUS_FILTER_DISABLED: UserStatusFilter
USER_STATUS_FILTER_LOCKED: UserStatusFilter
USER_STATUS_FILTER_PASSWORD_EXPIRED: UserStatusFilter

class CreateUserRequest(_message.Message):
    __slots__ = ("user", "initial_password")
    USER_FIELD_NUMBER: _ClassVar[int]
    INITIAL_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    initial_password: str
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ..., initial_password: _Optional[str] = ...) -> None: ...

class CreateUserResponse(_message.Message):
    __slots__ = ("user", "temporary_password")
    USER_FIELD_NUMBER: _ClassVar[int]
    TEMPORARY_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    temporary_password: str
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ..., temporary_password: _Optional[str] = ...) -> None: ...

class GetUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class GetUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class ListUsersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "query", "role", "kind", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    ROLE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    role: str
    kind: _identity_pb2.UserKind
    status: UserStatusFilter
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ..., role: _Optional[str] = ..., kind: _Optional[_Union[_identity_pb2.UserKind, str]] = ..., status: _Optional[_Union[UserStatusFilter, str]] = ...) -> None: ...

class ListUsersResponse(_message.Message):
    __slots__ = ("users", "next_page_token", "total_size")
    USERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    users: _containers.RepeatedCompositeFieldContainer[_identity_pb2.User]
    next_page_token: str
    total_size: int
    def __init__(self, users: _Optional[_Iterable[_Union[_identity_pb2.User, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateUserRequest(_message.Message):
    __slots__ = ("user_id", "user", "update_mask")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    user: _identity_pb2.User
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, user_id: _Optional[str] = ..., user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class DeleteUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class DeleteUserResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class EnableUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class EnableUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class DisableUserRequest(_message.Message):
    __slots__ = ("user_id", "reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    reason: str
    def __init__(self, user_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DisableUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class ResetUserPasswordRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class ResetUserPasswordResponse(_message.Message):
    __slots__ = ("temporary_password",)
    TEMPORARY_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    temporary_password: str
    def __init__(self, temporary_password: _Optional[str] = ...) -> None: ...

class UnlockUserRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class UnlockUserResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class ResetUserTotpRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    def __init__(self, user_id: _Optional[str] = ...) -> None: ...

class ResetUserTotpResponse(_message.Message):
    __slots__ = ("user",)
    USER_FIELD_NUMBER: _ClassVar[int]
    user: _identity_pb2.User
    def __init__(self, user: _Optional[_Union[_identity_pb2.User, _Mapping]] = ...) -> None: ...

class RevokeUserSessionsRequest(_message.Message):
    __slots__ = ("user_id", "reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: str
    reason: str
    def __init__(self, user_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class RevokeUserSessionsResponse(_message.Message):
    __slots__ = ("revoked_sessions",)
    REVOKED_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    revoked_sessions: int
    def __init__(self, revoked_sessions: _Optional[int] = ...) -> None: ...
