import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.identity.v1 import identity_pb2 as _identity_pb2
from wailian.registry.v1 import catalog_pb2 as _catalog_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class DeveloperStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DEVELOPER_STATUS_UNSPECIFIED: _ClassVar[DeveloperStatus]
    DEVELOPER_STATUS_PENDING: _ClassVar[DeveloperStatus]
    DEVELOPER_STATUS_ACTIVE: _ClassVar[DeveloperStatus]
    DEVELOPER_STATUS_REJECTED: _ClassVar[DeveloperStatus]
    DEVELOPER_STATUS_DISABLED: _ClassVar[DeveloperStatus]
DEVELOPER_STATUS_UNSPECIFIED: DeveloperStatus
DEVELOPER_STATUS_PENDING: DeveloperStatus
DEVELOPER_STATUS_ACTIVE: DeveloperStatus
DEVELOPER_STATUS_REJECTED: DeveloperStatus
DEVELOPER_STATUS_DISABLED: DeveloperStatus

class Developer(_message.Message):
    __slots__ = ("developer_id", "organization_name", "unified_social_credit_code", "contact_name", "contact_phone", "contact_email", "user_id", "username", "status", "review_comment", "channel_ids", "description", "register_time", "audit")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_SOCIAL_CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REVIEW_COMMENT_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_IDS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REGISTER_TIME_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    organization_name: str
    unified_social_credit_code: str
    contact_name: str
    contact_phone: str
    contact_email: str
    user_id: str
    username: str
    status: DeveloperStatus
    review_comment: str
    channel_ids: _containers.RepeatedScalarFieldContainer[str]
    description: str
    register_time: _timestamp_pb2.Timestamp
    audit: _common_pb2.AuditInfo
    def __init__(self, developer_id: _Optional[str] = ..., organization_name: _Optional[str] = ..., unified_social_credit_code: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., user_id: _Optional[str] = ..., username: _Optional[str] = ..., status: _Optional[_Union[DeveloperStatus, str]] = ..., review_comment: _Optional[str] = ..., channel_ids: _Optional[_Iterable[str]] = ..., description: _Optional[str] = ..., register_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class RegisterDeveloperRequest(_message.Message):
    __slots__ = ("organization_name", "unified_social_credit_code", "contact_name", "contact_phone", "contact_email", "description", "username", "password")
    ORGANIZATION_NAME_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_SOCIAL_CREDIT_CODE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    organization_name: str
    unified_social_credit_code: str
    contact_name: str
    contact_phone: str
    contact_email: str
    description: str
    username: str
    password: str
    def __init__(self, organization_name: _Optional[str] = ..., unified_social_credit_code: _Optional[str] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., description: _Optional[str] = ..., username: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class RegisterDeveloperResponse(_message.Message):
    __slots__ = ("developer_id", "status")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    status: DeveloperStatus
    def __init__(self, developer_id: _Optional[str] = ..., status: _Optional[_Union[DeveloperStatus, str]] = ...) -> None: ...

class GetDeveloperRequest(_message.Message):
    __slots__ = ("developer_id",)
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    def __init__(self, developer_id: _Optional[str] = ...) -> None: ...

class GetDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class ListDevelopersRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "status", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    status: DeveloperStatus
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., status: _Optional[_Union[DeveloperStatus, str]] = ..., query: _Optional[str] = ...) -> None: ...

class ListDevelopersResponse(_message.Message):
    __slots__ = ("developers", "next_page_token", "total_size")
    DEVELOPERS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    developers: _containers.RepeatedCompositeFieldContainer[Developer]
    next_page_token: str
    total_size: int
    def __init__(self, developers: _Optional[_Iterable[_Union[Developer, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateDeveloperRequest(_message.Message):
    __slots__ = ("developer_id", "developer", "update_mask")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    developer: Developer
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, developer_id: _Optional[str] = ..., developer: _Optional[_Union[Developer, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class ApproveDeveloperRequest(_message.Message):
    __slots__ = ("developer_id", "comment", "idempotency_key")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    comment: str
    idempotency_key: str
    def __init__(self, developer_id: _Optional[str] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ApproveDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class RejectDeveloperRequest(_message.Message):
    __slots__ = ("developer_id", "comment", "idempotency_key")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    comment: str
    idempotency_key: str
    def __init__(self, developer_id: _Optional[str] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RejectDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class DisableDeveloperRequest(_message.Message):
    __slots__ = ("developer_id", "reason")
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    reason: str
    def __init__(self, developer_id: _Optional[str] = ..., reason: _Optional[str] = ...) -> None: ...

class DisableDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class EnableDeveloperRequest(_message.Message):
    __slots__ = ("developer_id",)
    DEVELOPER_ID_FIELD_NUMBER: _ClassVar[int]
    developer_id: str
    def __init__(self, developer_id: _Optional[str] = ...) -> None: ...

class EnableDeveloperResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class GetDeveloperProfileRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetDeveloperProfileResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class UpdateDeveloperProfileRequest(_message.Message):
    __slots__ = ("contact_name", "contact_phone", "contact_email", "description")
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    contact_name: str
    contact_phone: str
    contact_email: str
    description: str
    def __init__(self, contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., description: _Optional[str] = ...) -> None: ...

class UpdateDeveloperProfileResponse(_message.Message):
    __slots__ = ("developer",)
    DEVELOPER_FIELD_NUMBER: _ClassVar[int]
    developer: Developer
    def __init__(self, developer: _Optional[_Union[Developer, _Mapping]] = ...) -> None: ...

class CodeSample(_message.Message):
    __slots__ = ("language", "credential_kind", "code")
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_KIND_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    language: str
    credential_kind: _identity_pb2.CredentialKind
    code: str
    def __init__(self, language: _Optional[str] = ..., credential_kind: _Optional[_Union[_identity_pb2.CredentialKind, str]] = ..., code: _Optional[str] = ...) -> None: ...

class ApiDoc(_message.Message):
    __slots__ = ("api_service_id", "code", "name", "category", "version", "description", "status", "method", "path", "base_url", "parameters", "request_schema", "response_schema", "request_example", "response_example", "error_codes", "rate_limit_per_second", "sunset_time", "code_samples", "granted", "deprecation_link")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    METHOD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    REQUEST_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    REQUEST_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_EXAMPLE_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODES_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    SUNSET_TIME_FIELD_NUMBER: _ClassVar[int]
    CODE_SAMPLES_FIELD_NUMBER: _ClassVar[int]
    GRANTED_FIELD_NUMBER: _ClassVar[int]
    DEPRECATION_LINK_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    code: str
    name: str
    category: str
    version: str
    description: str
    status: _catalog_pb2.ApiServiceStatus
    method: _catalog_pb2.HttpMethod
    path: str
    base_url: str
    parameters: _containers.RepeatedCompositeFieldContainer[_catalog_pb2.ApiParameter]
    request_schema: str
    response_schema: str
    request_example: str
    response_example: str
    error_codes: _containers.RepeatedCompositeFieldContainer[_catalog_pb2.ApiErrorCode]
    rate_limit_per_second: int
    sunset_time: _timestamp_pb2.Timestamp
    code_samples: _containers.RepeatedCompositeFieldContainer[CodeSample]
    granted: bool
    deprecation_link: str
    def __init__(self, api_service_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., status: _Optional[_Union[_catalog_pb2.ApiServiceStatus, str]] = ..., method: _Optional[_Union[_catalog_pb2.HttpMethod, str]] = ..., path: _Optional[str] = ..., base_url: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[_catalog_pb2.ApiParameter, _Mapping]]] = ..., request_schema: _Optional[str] = ..., response_schema: _Optional[str] = ..., request_example: _Optional[str] = ..., response_example: _Optional[str] = ..., error_codes: _Optional[_Iterable[_Union[_catalog_pb2.ApiErrorCode, _Mapping]]] = ..., rate_limit_per_second: _Optional[int] = ..., sunset_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., code_samples: _Optional[_Iterable[_Union[CodeSample, _Mapping]]] = ..., granted: _Optional[bool] = ..., deprecation_link: _Optional[str] = ...) -> None: ...

class ListApiDocsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "category", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    category: str
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., category: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class ListApiDocsResponse(_message.Message):
    __slots__ = ("api_docs", "next_page_token", "total_size")
    API_DOCS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    api_docs: _containers.RepeatedCompositeFieldContainer[ApiDoc]
    next_page_token: str
    total_size: int
    def __init__(self, api_docs: _Optional[_Iterable[_Union[ApiDoc, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetApiDocRequest(_message.Message):
    __slots__ = ("api_service_id",)
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    def __init__(self, api_service_id: _Optional[str] = ...) -> None: ...

class GetApiDocResponse(_message.Message):
    __slots__ = ("api_doc", "platform_error_codes")
    API_DOC_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_ERROR_CODES_FIELD_NUMBER: _ClassVar[int]
    api_doc: ApiDoc
    platform_error_codes: _containers.RepeatedCompositeFieldContainer[_catalog_pb2.ApiErrorCode]
    def __init__(self, api_doc: _Optional[_Union[ApiDoc, _Mapping]] = ..., platform_error_codes: _Optional[_Iterable[_Union[_catalog_pb2.ApiErrorCode, _Mapping]]] = ...) -> None: ...
