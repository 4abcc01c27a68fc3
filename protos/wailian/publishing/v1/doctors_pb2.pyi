from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.publishing.v1 import departments_pb2 as _departments_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Gender(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    GENDER_UNSPECIFIED: _ClassVar[Gender]
    GENDER_MALE: _ClassVar[Gender]
    GENDER_FEMALE: _ClassVar[Gender]

class DoctorTitle(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DOCTOR_TITLE_UNSPECIFIED: _ClassVar[DoctorTitle]
    DOCTOR_TITLE_CHIEF_PHYSICIAN: _ClassVar[DoctorTitle]
    DOCTOR_TITLE_ASSOCIATE_CHIEF_PHYSICIAN: _ClassVar[DoctorTitle]
    DOCTOR_TITLE_ATTENDING_PHYSICIAN: _ClassVar[DoctorTitle]
    DOCTOR_TITLE_RESIDENT_PHYSICIAN: _ClassVar[DoctorTitle]
    DOCTOR_TITLE_OTHER: _ClassVar[DoctorTitle]
GENDER_UNSPECIFIED: Gender
GENDER_MALE: Gender
GENDER_FEMALE: Gender
DOCTOR_TITLE_UNSPECIFIED: DoctorTitle
DOCTOR_TITLE_CHIEF_PHYSICIAN: DoctorTitle
DOCTOR_TITLE_ASSOCIATE_CHIEF_PHYSICIAN: DoctorTitle
DOCTOR_TITLE_ATTENDING_PHYSICIAN: DoctorTitle
DOCTOR_TITLE_RESIDENT_PHYSICIAN: DoctorTitle
DOCTOR_TITLE_OTHER: DoctorTitle

class Doctor(_message.Message):
    __slots__ = ("doctor_id", "code", "name", "gender", "title", "title_name", "department_ids", "academic_title", "specialty", "introduction", "photo_url", "practice_certificate_no", "service_modes", "status", "audit", "expert", "sort_order", "pinyin", "his_code", "code_mappings", "registration_fee_fen", "registration_enabled", "tags", "has_unpublished_changes", "published_version")
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    GENDER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TITLE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_IDS_FIELD_NUMBER: _ClassVar[int]
    ACADEMIC_TITLE_FIELD_NUMBER: _ClassVar[int]
    SPECIALTY_FIELD_NUMBER: _ClassVar[int]
    INTRODUCTION_FIELD_NUMBER: _ClassVar[int]
    PHOTO_URL_FIELD_NUMBER: _ClassVar[int]
    PRACTICE_CERTIFICATE_NO_FIELD_NUMBER: _ClassVar[int]
    SERVICE_MODES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    EXPERT_FIELD_NUMBER: _ClassVar[int]
    SORT_ORDER_FIELD_NUMBER: _ClassVar[int]
    PINYIN_FIELD_NUMBER: _ClassVar[int]
    HIS_CODE_FIELD_NUMBER: _ClassVar[int]
    CODE_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_FEE_FEN_FIELD_NUMBER: _ClassVar[int]
    REGISTRATION_ENABLED_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    HAS_UNPUBLISHED_CHANGES_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_VERSION_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    code: str
    name: str
    gender: Gender
    title: DoctorTitle
    title_name: str
    department_ids: _containers.RepeatedScalarFieldContainer[str]
    academic_title: str
    specialty: str
    introduction: str
    photo_url: str
    practice_certificate_no: str
    service_modes: _containers.RepeatedScalarFieldContainer[_departments_pb2.ServiceMode]
    status: _departments_pb2.MasterDataStatus
    audit: _common_pb2.AuditInfo
    expert: bool
    sort_order: int
    pinyin: str
    his_code: str
    code_mappings: _containers.RepeatedCompositeFieldContainer[_departments_pb2.CodeMapping]
    registration_fee_fen: int
    registration_enabled: bool
    tags: _containers.RepeatedScalarFieldContainer[str]
    has_unpublished_changes: bool
    published_version: int
    def __init__(self, doctor_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., gender: _Optional[_Union[Gender, str]] = ..., title: _Optional[_Union[DoctorTitle, str]] = ..., title_name: _Optional[str] = ..., department_ids: _Optional[_Iterable[str]] = ..., academic_title: _Optional[str] = ..., specialty: _Optional[str] = ..., introduction: _Optional[str] = ..., photo_url: _Optional[str] = ..., practice_certificate_no: _Optional[str] = ..., service_modes: _Optional[_Iterable[_Union[_departments_pb2.ServiceMode, str]]] = ..., status: _Optional[_Union[_departments_pb2.MasterDataStatus, str]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., expert: _Optional[bool] = ..., sort_order: _Optional[int] = ..., pinyin: _Optional[str] = ..., his_code: _Optional[str] = ..., code_mappings: _Optional[_Iterable[_Union[_departments_pb2.CodeMapping, _Mapping]]] = ..., registration_fee_fen: _Optional[int] = ..., registration_enabled: _Optional[bool] = ..., tags: _Optional[_Iterable[str]] = ..., has_unpublished_changes: _Optional[bool] = ..., published_version: _Optional[int] = ...) -> None: ...

class CreateDoctorRequest(_message.Message):
    __slots__ = ("doctor",)
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    doctor: Doctor
    def __init__(self, doctor: _Optional[_Union[Doctor, _Mapping]] = ...) -> None: ...

class CreateDoctorResponse(_message.Message):
    __slots__ = ("doctor",)
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    doctor: Doctor
    def __init__(self, doctor: _Optional[_Union[Doctor, _Mapping]] = ...) -> None: ...

class GetDoctorRequest(_message.Message):
    __slots__ = ("doctor_id",)
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    def __init__(self, doctor_id: _Optional[str] = ...) -> None: ...

class GetDoctorResponse(_message.Message):
    __slots__ = ("doctor",)
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    doctor: Doctor
    def __init__(self, doctor: _Optional[_Union[Doctor, _Mapping]] = ...) -> None: ...

class ListDoctorsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "query", "department_id", "campus_id", "title", "status", "expert_only", "unpublished_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    DEPARTMENT_ID_FIELD_NUMBER: _ClassVar[int]
    CAMPUS_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXPERT_ONLY_FIELD_NUMBER: _ClassVar[int]
    UNPUBLISHED_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    query: str
    department_id: str
    campus_id: str
    title: DoctorTitle
    status: _departments_pb2.MasterDataStatus
    expert_only: bool
    unpublished_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., query: _Optional[str] = ..., department_id: _Optional[str] = ..., campus_id: _Optional[str] = ..., title: _Optional[_Union[DoctorTitle, str]] = ..., status: _Optional[_Union[_departments_pb2.MasterDataStatus, str]] = ..., expert_only: _Optional[bool] = ..., unpublished_only: _Optional[bool] = ...) -> None: ...

class ListDoctorsResponse(_message.Message):
    __slots__ = ("doctors", "next_page_token", "total_size")
    DOCTORS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    doctors: _containers.RepeatedCompositeFieldContainer[Doctor]
    next_page_token: str
    total_size: int
    def __init__(self, doctors: _Optional[_Iterable[_Union[Doctor, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateDoctorRequest(_message.Message):
    __slots__ = ("doctor_id", "doctor", "update_mask")
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    doctor: Doctor
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, doctor_id: _Optional[str] = ..., doctor: _Optional[_Union[Doctor, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateDoctorResponse(_message.Message):
    __slots__ = ("doctor",)
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    doctor: Doctor
    def __init__(self, doctor: _Optional[_Union[Doctor, _Mapping]] = ...) -> None: ...

class DeleteDoctorRequest(_message.Message):
    __slots__ = ("doctor_id",)
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    def __init__(self, doctor_id: _Optional[str] = ...) -> None: ...

class DeleteDoctorResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ImportDoctorsRequest(_message.Message):
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

class ImportDoctorsResponse(_message.Message):
    __slots__ = ("items", "summary")
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    SUMMARY_FIELD_NUMBER: _ClassVar[int]
    items: _containers.RepeatedCompositeFieldContainer[_departments_pb2.ImportItem]
    summary: _departments_pb2.ImportSummary
    def __init__(self, items: _Optional[_Iterable[_Union[_departments_pb2.ImportItem, _Mapping]]] = ..., summary: _Optional[_Union[_departments_pb2.ImportSummary, _Mapping]] = ...) -> None: ...

class SetDoctorPhotoRequest(_message.Message):
    __slots__ = ("doctor_id", "photo")
    DOCTOR_ID_FIELD_NUMBER: _ClassVar[int]
    PHOTO_FIELD_NUMBER: _ClassVar[int]
    doctor_id: str
    photo: _common_pb2.FileUpload
    def __init__(self, doctor_id: _Optional[str] = ..., photo: _Optional[_Union[_common_pb2.FileUpload, _Mapping]] = ...) -> None: ...

class SetDoctorPhotoResponse(_message.Message):
    __slots__ = ("doctor",)
    DOCTOR_FIELD_NUMBER: _ClassVar[int]
    doctor: Doctor
    def __init__(self, doctor: _Optional[_Union[Doctor, _Mapping]] = ...) -> None: ...
