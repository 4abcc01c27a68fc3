from google.api import annotations_pb2 as _annotations_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.publishing.v1 import departments_pb2 as _departments_pb2
from wailian.publishing.v1 import doctors_pb2 as _doctors_pb2
from wailian.publishing.v1 import publications_pb2 as _publications_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListPublishedCampusesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListPublishedCampusesResponse(_message.Message):
    __slots__ = ("campuses", "next_page_token", "total_size", "version")
    CAMPUSES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    campuses: _containers.RepeatedCompositeFieldContainer[_departments_pb2.Campus]
    next_page_token: str
    total_size: int
    version: int
    def __init__(self, campuses: _Optional[_Iterable[_Union[_departments_pb2.Campus, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class ListPublishedDepartmentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "campus_id", "parent_department_id", "query", "registration_enabled_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    campus_id: str
    parent_department_id: str
    query: str
    registration_enabled_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., campus_id: _Optional[str] = ..., parent_department_id: _Optional[str] = ..., query: _Optional[str] = ..., registration_enabled_only: _Optional[bool] = ...) -> None: ...

class ListPublishedDepartmentsResponse(_message.Message):
    __slots__ = ("departments", "next_page_token", "total_size", "version")
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    departments: _containers.RepeatedCompositeFieldContainer[_departments_pb2.Department]
    next_page_token: str
    total_size: int
    version: int
    def __init__(self, departments: _Optional[_Iterable[_Union[_departments_pb2.Department, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class GetPublishedDepartmentRequest(_message.Message):
    __slots__ = ("department_id",)
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    def __init__(self, department_id: _Optional[str] = ...) -> None: ...

class GetPublishedDepartmentResponse(_message.Message):
    __slots__ = ("department", "version")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    version: int
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class ListPublishedDoctorsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "department_id", "campus_id", "query", "expert_only", "registration_enabled_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    EXPERT_ONLY_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_ENABLED_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    department_id: str
    campus_id: str
    query: str
    expert_only: bool
    registration_enabled_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., department_id: _Optional[str] = ..., campus_id: _Optional[str] = ..., query: _Optional[str] = ..., expert_only: _Optional[bool] = ..., registration_enabled_only: _Optional[bool] = ...) -> None: ...

class ListPublishedDoctorsResponse(_message.Message):
    __slots__ = ("doctors", "next_page_token", "total_size", "version")
    DOCTORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    doctors: _containers.RepeatedCompositeFieldContainer[_doctors_pb2.Doctor]
    next_page_token: str
    total_size: int
    version: int
    def __init__(self, doctors: _Optional[_Iterable[_Union[_doctors_pb2.Doctor, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...

class GetPublishedDoctorRequest(_message.Message):
    __slots__ = ("doctor_id",)
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    def __init__(self, doctor_id: _Optional[str] = ...) -> None: ...

class GetPublishedDoctorResponse(_message.Message):
    __slots__ = ("doctor", "version")
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    doctor: _doctors_pb2.Doctor
    version: int
    def __init__(self, doctor: _Optional[_Union[_doctors_pb2.Doctor, _Mapping]] = ..., version: _Optional[int] = ...) -> None: ...

class ListPublishedChangesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "after_version", "entity_type")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    AFTER_VERSION_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    after_version: int
    entity_type: _publications_pb2.EntityType
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., after_version: _Optional[int] = ..., entity_type: _Optional[_Union[_publications_pb2.EntityType, str]] = ...) -> None: ...

class ListPublishedChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token", "total_size", "version")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[_publications_pb2.MasterDataChange]
    next_page_token: str
    total_size: int
    version: int
    def __init__(self, changes: _Optional[_Iterable[_Union[_publications_pb2.MasterDataChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., version: _Optional[int] = ...) -> None: ...
