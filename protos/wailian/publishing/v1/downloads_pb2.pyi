from google.api import annotations_pb2 as _annotations_pb2
from google.api import httpbody_pb2 as _httpbody_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.publishing.v1 import departments_pb2 as _departments_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExportDepartmentsRequest(_message.Message):
    __slots__ = ("campus_id", "status", "format")
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    status: _departments_pb2.MasterDataStatus
    format: _common_pb2.ExportFormat
    def __init__(self, campus_id: _Optional[str] = ..., status: _Optional[_Union[_departments_pb2.MasterDataStatus, str]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class ExportDoctorsRequest(_message.Message):
    __slots__ = ("department_id", "status", "format")
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    status: _departments_pb2.MasterDataStatus
    format: _common_pb2.ExportFormat
    def __init__(self, department_id: _Optional[str] = ..., status: _Optional[_Union[_departments_pb2.MasterDataStatus, str]] = ..., format: _Optional[_Union[_common_pb2.ExportFormat, str]] = ...) -> None: ...

class DownloadDoctorPhotoRequest(_message.Message):
    __slots__ = ("doctor_id", "width")
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    width: int
    def __init__(self, doctor_id: _Optional[str] = ..., width: _Optional[int] = ...) -> None: ...
