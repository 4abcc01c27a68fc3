from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class MasterDataStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    MASTER_DATA_STATUS_UNSPECIFIED: _ClassVar[MasterDataStatus]
    MASTER_DATA_STATUS_ACTIVE: _ClassVar[MasterDataStatus]
    MASTER_DATA_STATUS_INACTIVE: _ClassVar[MasterDataStatus]

class DepartmentType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEPARTMENT_TYPE_UNSPECIFIED: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_CLINICAL: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_MEDICAL_TECHNOLOGY: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_NURSING: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_PHARMACY: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_ADMINISTRATIVE: _ClassVar[DepartmentType]
    DEPARTMENT_TYPE_OTHER: _ClassVar[DepartmentType]

class ServiceMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SERVICE_MODE_UNSPECIFIED: _ClassVar[ServiceMode]
    SERVICE_MODE_OUTPATIENT: _ClassVar[ServiceMode]
    SERVICE_MODE_INPATIENT: _ClassVar[ServiceMode]
    SERVICE_MODE_EMERGENCY: _ClassVar[ServiceMode]
    SERVICE_MODE_ONLINE: _ClassVar[ServiceMode]

class ImportMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_MODE_UNSPECIFIED: _ClassVar[ImportMode]
    IMPORT_MODE_UPSERT: _ClassVar[ImportMode]
    IMPORT_MODE_SYNC: _ClassVar[ImportMode]

class ImportSource(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_SOURCE_UNSPECIFIED: _ClassVar[ImportSource]
    IMPORT_SOURCE_FILE: _ClassVar[ImportSource]
    IMPORT_SOURCE_HIS: _ClassVar[ImportSource]

class ImportItemAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    IMPORT_ITEM_ACTION_UNSPECIFIED: _ClassVar[ImportItemAction]
    IMPORT_ITEM_ACTION_CREATE: _ClassVar[ImportItemAction]
    IMPORT_ITEM_ACTION_UPDATE: _ClassVar[ImportItemAction]
    IMPORT_ITEM_ACTION_DEACTIVATE: _ClassVar[ImportItemAction]
    IMPORT_ITEM_ACTION_UNCHANGED: _ClassVar[ImportItemAction]
    IMPORT_ITEM_ACTION_ERROR: _ClassVar[ImportItemAction]
MASTER_DATA_STATUS_UNSPECIFIED: MasterDataStatus
MASTER_DATA_STATUS_ACTIVE: MasterDataStatus
MASTER_DATA_STATUS_INACTIVE: MasterDataStatus
DEPARTMENT_TYPE_UNSPECIFIED: DepartmentType
DEPARTMENT_TYPE_CLINICAL: DepartmentType
DEPARTMENT_TYPE_MEDICAL_TECHNOLOGY: DepartmentType
DEPARTMENT_TYPE_NURSING: DepartmentType
DEPARTMENT_TYPE_PHARMACY: DepartmentType
DEPARTMENT_TYPE_ADMINISTRATIVE: DepartmentType
DEPARTMENT_TYPE_OTHER: DepartmentType
SERVICE_MODE_UNSPECIFIED: ServiceMode
SERVICE_MODE_OUTPATIENT: ServiceMode
SERVICE_MODE_INPATIENT: ServiceMode
SERVICE_MODE_EMERGENCY: ServiceMode
SERVICE_MODE_ONLINE: ServiceMode
IMPORT_MODE_UNSPECIFIED: ImportMode
IMPORT_MODE_UPSERT: ImportMode
IMPORT_MODE_SYNC: ImportMode
IMPORT_SOURCE_UNSPECIFIED: ImportSource
IMPORT_SOURCE_FILE: ImportSource
IMPORT_SOURCE_HIS: ImportSource
IMPORT_ITEM_ACTION_UNSPECIFIED: ImportItemAction
IMPORT_ITEM_ACTION_CREATE: ImportItemAction
IMPORT_ITEM_ACTION_UPDATE: ImportItemAction
IMPORT_ITEM_ACTION_DEACTIVATE: ImportItemAction
IMPORT_ITEM_ACTION_UNCHANGED: ImportItemAction
IMPORT_ITEM_ACTION_ERROR: ImportItemAction

class CodeMapping(_message.Message):
    __slots__ = ("system", "code", "name")
    SYSTEM_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    system: str
    code: str
    name: str
    def __init__(self, system: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class Campus(_message.Message):
    __slots__ = ("campus_id", "code", "name", "address", "phone", "latitude", "longitude", "introduction", "traffic_guide", "sort_order", "status", "has_unpublished_changes", "audit")
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    LATITUDE_FIELD_NUMBER: _ClassVar[int]
    LONGITUDE_FIELD_NUMBER: _ClassVar[int]
    INTRODUCTION_FIELD_NUMBER: _ClassVar[int]
    TRAFFIC_GUIDE_FIELD_NUMBER: _ClassVar[int]
    SORT_ORDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    HAS_UNPUBLISHED_CHANGES_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    code: str
    name: str
    address: str
    phone: str
    latitude: float
    longitude: float
    introduction: str
    traffic_guide: str
    sort_order: int
    status: MasterDataStatus
    has_unpublished_changes: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, campus_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., address: _Optional[str] = ..., phone: _Optional[str] = ..., latitude: _Optional[float] = ..., longitude: _Optional[float] = ..., introduction: _Optional[str] = ..., traffic_guide: _Optional[str] = ..., sort_order: _Optional[int] = ..., status: _Optional[_Union[MasterDataStatus, str]] = ..., has_unpublished_changes: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateCampusRequest(_message.Message):
    __slots__ = ("campus",)
    CAMPUS_FIELD_NUMBER: _ClassVar[int]
    campus: Campus
    def __init__(self, campus: _Optional[_Union[Campus, _Mapping]] = ...) -> None: ...

class CreateCampusResponse(_message.Message):
    __slots__ = ("campus",)
    CAMPUS_FIELD_NUMBER: _ClassVar[int]
    campus: Campus
    def __init__(self, campus: _Optional[_Union[Campus, _Mapping]] = ...) -> None: ...

class GetCampusRequest(_message.Message):
    __slots__ = ("campus_id",)
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    def __init__(self, campus_id: _Optional[str] = ...) -> None: ...

class GetCampusResponse(_message.Message):
    __slots__ = ("campus",)
    CAMPUS_FIELD_NUMBER: _ClassVar[int]
    campus: Campus
    def __init__(self, campus: _Optional[_Union[Campus, _Mapping]] = ...) -> None: ...

class ListCampusesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: MasterDataStatus
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[MasterDataStatus, str]] = ...) -> None: ...

class ListCampusesResponse(_message.Message):
    __slots__ = ("campuses", "next_page_token", "total_size")
    CAMPUSES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    campuses: _containers.RepeatedCompositeFieldContainer[Campus]
    next_page_token: str
    total_size: int
    def __init__(self, campuses: _Optional[_Iterable[_Union[Campus, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateCampusRequest(_message.Message):
    __slots__ = ("campus_id", "campus", "update_mask")
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    campus: Campus
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, campus_id: _Optional[str] = ..., campus: _Optional[_Union[Campus, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateCampusResponse(_message.Message):
    __slots__ = ("campus",)
    CAMPUS_FIELD_NUMBER: _ClassVar[int]
    campus: Campus
    def __init__(self, campus: _Optional[_Union[Campus, _Mapping]] = ...) -> None: ...

class DeleteCampusRequest(_message.Message):
    __slots__ = ("campus_id",)
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    campus_id: str
    def __init__(self, campus_id: _Optional[str] = ...) -> None: ...

class DeleteCampusResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Department(_message.Message):
    __slots__ = ("department_id", "code", "name", "parent_department_id", "campus_id", "type", "service_modes", "standard_code", "introduction", "location", "phone", "specialties", "sort_order", "status", "audit", "short_name", "pinyin", "his_code", "code_mappings", "registration_enabled", "doctor_count", "has_unpublished_changes", "published_version")
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARENT_DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_MODES_FIELD_NUMBER: _ClassVar[int]
    STANDARD_CODE_FIELD_NUMBER: _ClassVar[int]
    INTRODUCTION_FIELD_NUMBER: _ClassVar[int]
    LOCATION_FIELD_NUMBER: _ClassVar[int]
    PHONE_FIELD_NUMBER: _ClassVar[int]
    SPECIALTIES_FIELD_NUMBER: _ClassVar[int]
    SORT_ORDER_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    SHORT_NAME_FIELD_NUMBER: _ClassVar[int]
    PINYIN_FIELD_NUMBER: _ClassVar[int]
    HIS_CODE_FIELD_NUMBER: _ClassVar[int]
    CODE_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_ENABLED_FIELD_NUMBER: _ClassVar[int]
    DOCTOR_COUNT_FIELD_NUMBER: _ClassVar[int]
    HAS_UNPUBLISHED_CHANGES_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    department_id: str
    code: str
    name: str
    parent_department_id: str
    campus_id: str
    type: DepartmentType
    service_modes: _containers.RepeatedScalarFieldContainer[ServiceMode]
    standard_code: str
    introduction: str
    location: str
    phone: str
    specialties: _containers.RepeatedScalarFieldContainer[str]
    sort_order: int
    status: MasterDataStatus
    audit: _common_pb2.AuditInfo
    short_name: str
    pinyin: str
    his_code: str
    code_mappings: _containers.RepeatedCompositeFieldContainer[CodeMapping]
    registration_enabled: bool
    doctor_count: int
    has_unpublished_changes: bool
    published_version: int
    def __init__(self, department_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., parent_department_id: _Optional[str] = ..., campus_id: _Optional[str] = ..., type: _Optional[_Union[DepartmentType, str]] = ..., service_modes: _Optional[_Iterable[_Union[ServiceMode, str]]] = ..., standard_code: _Optional[str] = ..., introduction: _Optional[str] = ..., location: _Optional[str] = ..., phone: _Optional[str] = ..., specialties: _Optional[_Iterable[str]] = ..., sort_order: _Optional[int] = ..., status: _Optional[_Union[MasterDataStatus, str]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., short_name: _Optional[str] = ..., pinyin: _Optional[str] = ..., his_code: _Optional[str] = ..., code_mappings: _Optional[_Iterable[_Union[CodeMapping, _Mapping]]] = ..., registration_enabled: _Optional[bool] = ..., doctor_count: _Optional[int] = ..., has_unpublished_changes: _Optional[bool] = ..., published_version: _Optional[int] = ...) -> None: ...

class ImportItem(_message.Message):
    __slots__ = ("action", "code", "name", "id", "row", "message")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    ROW_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    action: ImportItemAction
    code: str
    name: str
    id: str
    row: int
    message: str
    def __init__(self, action: _Optional[_Union[ImportItemAction, str]] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., id: _Optional[str] = ..., row: _Optional[int] = ..., message: _Optional[str] = ...) -> None: ...

class ImportSummary(_message.Message):
    __slots__ = ("created", "updated", "deactivated", "unchanged", "failed")
    CREATED_FIELD_NUMBER: _ClassVar[int]
    UPDATED_FIELD_NUMBER: _ClassVar[int]
    DEACTIVATED_FIELD_NUMBER: _ClassVar[int]
    UNCHANGED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FIELD_NUMBER: _ClassVar[int]
    created: int
    updated: int
    deactivated: int
    unchanged: int
    failed: int
    def __init__(self, created: _Optional[int] = ..., updated: _Optional[int] = ..., deactivated: _Optional[int] = ..., unchanged: _Optional[int] = ..., failed: _Optional[int] = ...) -> None: ...
