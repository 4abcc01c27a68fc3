from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.identity.v1 import audit_pb2 as _audit_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportAuditRecordsRequest(_message.Message):
    __slots__ = ("filter", "format")
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    filter: _audit_pb2.AuditRecordFilter
    format: _common_pb2.ExportFormat
    def __init__(self, filter: _Optional[_Union[_audit_pb2.AuditRecordFilter, _Mapping]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class DownloadChannelCertificateRequest(_message.Message):
    __slots__ = ("channel_id", "credential_id")
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_id: str
    credential_id: str
    def __init__(self, channel_id: _Optional[str] = ..., credential_id: _Optional[str] = ...) -> None: ...
