from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor
POLICY_FIELD_NUMBER: _ClassVar[int]
policy: _descriptor.FieldDescriptor

class MethodPolicy(_message.Message):
    __slots__ = ("permission", "anonymous", "channel_callable", "internal")
    PERMISSION_FIELD_NUMBER: _ClassVar[int]
    ANONYMOUS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CALLABLE_FIELD_NUMBER: _ClassVar[int]
    INTERNAL_FIELD_NUMBER: _ClassVar[int]
    permission: str
    anonymous: bool
    channel_callable: bool
    internal: bool
    def __init__(self, permission: _Optional[str] = ..., anonymous: _Optional[bool] = ..., channel_callable: _Optional[bool] = ..., internal: _Optional[bool] = ...) -> None: ...
