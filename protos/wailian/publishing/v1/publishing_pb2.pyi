from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.publishing.v1 import departments_pb2 as _departments_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListDepartmentsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "query", "campus_id", "parent_department_id", "type", "status", "unpublished_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    PARENT_DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UNPUBLISHED_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    campus_id: str
    parent_department_id: str
    type: _departments_pb2.DepartmentType
    status: _departments_pb2.MasterDataStatus
    unpublished_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ..., campus_id: _Optional[str] = ..., parent_department_id: _Optional[str] = ..., type: _Optional[_Union[_departments_pb2.DepartmentType, str]] = ..., status: _Optional[_Union[_departments_pb2.MasterDataStatus, str]] = ..., unpublished_only: _Optional[bool] = ...) -> None: ...

class ListDepartmentsResponse(_message.Message):
    __slots__ = ("next_page_token", "departments", "total_size")
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    departments: _containers.RepeatedCompositeFieldContainer[_departments_pb2.Department]
    total_size: int
    def __init__(self, next_page_token: _Optional[str] = ..., departments: _Optional[_Iterable[_Union[_departments_pb2.Department, _Mapping]]] = ..., total_size: _Optional[int] = ...) -> None: ...

class CreateDepartmentRequest(_message.Message):
    __slots__ = ("department",)
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ...) -> None: ...

class CreateDepartmentResponse(_message.Message):
    __slots__ = ("department",)
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ...) -> None: ...

class GetDepartmentRequest(_message.Message):
    __slots__ = ("department_id",)
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    def __init__(self, department_id: _Optional[str] = ...) -> None: ...

class GetDepartmentResponse(_message.Message):
    __slots__ = ("department",)
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ...) -> None: ...

class UpdateDepartmentRequest(_message.Message):
    __slots__ = ("department_id", "department", "update_mask")
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    department: _departments_pb2.Department
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, department_id: _Optional[str] = ..., department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateDepartmentResponse(_message.Message):
    __slots__ = ("department",)
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ...) -> None: ...

class DeleteDepartmentRequest(_message.Message):
    __slots__ = ("department_id",)
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    def __init__(self, department_id: _Optional[str] = ...) -> None: ...

class DeleteDepartmentResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DepartmentTreeNode(_message.Message):
    __slots__ = ("department", "children")
    DEPARTMENT_FIELD_NUMBER: _ClassVar[int]
    CHILDREN_FIELD_NUMBER: _ClassVar[int]
    department: _departments_pb2.Department
    children: _containers.RepeatedCompositeFieldContainer[DepartmentTreeNode]
    def __init__(self, department: _Optional[_Union[_departments_pb2.Department, _Mapping]] = ..., children: _Optional[_Iterable[_Union[DepartmentTreeNode, _Mapping]]] = ...) -> None: ...

class GetDepartmentTreeRequest(_message.Message):
    __slots__ = ("campus_id", "include_inactive")
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_INACTIVE_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    include_inactive: bool
    def __init__(self, campus_id: _Optional[str] = ..., include_inactive: _Optional[bool] = ...) -> None: ...

class GetDepartmentTreeResponse(_message.Message):
    __slots__ = ("roots",)
    ROOTS_FIELD_NUMBER: _ClassVar[int]
    roots: _containers.RepeatedCompositeFieldContainer[DepartmentTreeNode]
    def __init__(self, roots: _Optional[_Iterable[_Union[DepartmentTreeNode, _Mapping]]] = ...) -> None: ...

class ImportDepartmentsRequest(_message.Message):
    __slots__ = ("source", "file", "api_service_code", "mode", "dry_run")
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    DRY_RUN_FIELD_NUMBER: _ClassVar[int]
    source: _departments_pb2.ImportSource
    file: _common_pb2.FileUpload
    api_service_code: str
    mode: _departments_pb2.ImportMode
    dry_run: bool
    def __init__(self, source: _Optional[_Union[_departments_pb2.ImportSource, str]] = ..., file: _Optional[_Union[_common_pb2.FileUpload, _Mapping]] = ..., api_service_code: _Optional[str] = ..., mode: _Optional[_Union[_departments_pb2.ImportMode, str]] = ..., dry_run: _Optional[bool] = ...) -> None: ...

class ImportDepartmentsResponse(_message.Message):
    __slots__ = ("items", "summary")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[_departments_pb2.ImportItem]
    summary: _departments_pb2.ImportSummary
    def __init__(self, items: _Optional[_Iterable[_Union[_departments_pb2.ImportItem, _Mapping]]] = ..., summary: _Optional[_Union[_departments_pb2.ImportSummary, _Mapping]] = ...) -> None: ...
