import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class AccessApplicationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCESS_APPLICATION_STATUS_UNSPECIFIED: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_DRAFT: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_PENDING: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_APPROVED: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_REJECTED: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_RETURNED: _ClassVar[AccessApplicationStatus]
    ACCESS_APPLICATION_STATUS_WITHDRAWN: _ClassVar[AccessApplicationStatus]

class ReviewAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    REVIEW_ACTION_UNSPECIFIED: _ClassVar[ReviewAction]
    REVIEW_ACTION_SUBMIT: _ClassVar[ReviewAction]
    REVIEW_ACTION_APPROVE: _ClassVar[ReviewAction]
    REVIEW_ACTION_REJECT: _ClassVar[ReviewAction]
    REVIEW_ACTION_RETURN: _ClassVar[ReviewAction]
    REVIEW_ACTION_WITHDRAW: _ClassVar[ReviewAction]

class AccessGrantStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ACCESS_GRANT_STATUS_UNSPECIFIED: _ClassVar[AccessGrantStatus]
    ACCESS_GRANT_STATUS_ACTIVE: _ClassVar[AccessGrantStatus]
    ACCESS_GRANT_STATUS_SCHEDULED: _ClassVar[AccessGrantStatus]
    ACCESS_GRANT_STATUS_EXPIRED: _ClassVar[AccessGrantStatus]
    ACCESS_GRANT_STATUS_REVOKED: _ClassVar[AccessGrantStatus]
ACCESS_APPLICATION_STATUS_UNSPECIFIED: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_DRAFT: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_PENDING: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_APPROVED: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_REJECTED: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_RETURNED: AccessApplicationStatus
ACCESS_APPLICATION_STATUS_WITHDRAWN: AccessApplicationStatus
REVIEW_ACTION_UNSPECIFIED: ReviewAction
REVIEW_ACTION_SUBMIT: ReviewAction
REVIEW_ACTION_APPROVE: ReviewAction
REVIEW_ACTION_REJECT: ReviewAction
REVIEW_ACTION_RETURN: ReviewAction
REVIEW_ACTION_WITHDRAW: ReviewAction
ACCESS_GRANT_STATUS_UNSPECIFIED: AccessGrantStatus
ACCESS_GRANT_STATUS_ACTIVE: AccessGrantStatus
ACCESS_GRANT_STATUS_SCHEDULED: AccessGrantStatus
ACCESS_GRANT_STATUS_EXPIRED: AccessGrantStatus
ACCESS_GRANT_STATUS_REVOKED: AccessGrantStatus

class AccessApplicationItem(_message.Message):
    __slots__ = ("api_service_id", "api_service_code", "api_service_name", "api_service_version", "requested_daily_quota", "requested_rate_limit_per_second", "access_grant_id")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_VERSION_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    REQUESTED_RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    ACCESS_GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    api_service_code: str
    api_service_name: str
    api_service_version: str
    requested_daily_quota: int
    requested_rate_limit_per_second: int
    access_grant_id: str
    def __init__(self, api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., api_service_name: _Optional[str] = ..., api_service_version: _Optional[str] = ..., requested_daily_quota: _Optional[int] = ..., requested_rate_limit_per_second: _Optional[int] = ..., access_grant_id: _Optional[str] = ...) -> None: ...

class ReviewRecord(_message.Message):
    __slots__ = ("action", "step", "step_name", "actor_user_id", "actor_name", "comment", "action_time")
    ACTION_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    STEP_NAME_FIELD_NUMBER: _ClassVar[int]
    ACTOR_USER_ID_FIELD_NUMBER: _ClassVar[int]
    ACTOR_NAME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ACTION_TIME_FIELD_NUMBER: _ClassVar[int]
    action: ReviewAction
    step: int
    step_name: str
    actor_user_id: str
    actor_name: str
    comment: str
    action_time: _timestamp_pb2.Timestamp
    def __init__(self, action: _Optional[_Union[ReviewAction, str]] = ..., step: _Optional[int] = ..., step_name: _Optional[str] = ..., actor_user_id: _Optional[str] = ..., actor_name: _Optional[str] = ..., comment: _Optional[str] = ..., action_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class AccessApplication(_message.Message):
    __slots__ = ("access_application_id", "number", "channel_id", "channel_name", "applicant_user_id", "applicant_name", "items", "purpose", "expected_daily_calls", "data_needed", "validity", "contact_name", "contact_phone", "contact_email", "audit", "attachments", "status", "current_step", "current_step_name", "steps", "history", "submit_time", "decide_time")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    NUMBER_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NAME_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_USER_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_NAME_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    PURPOSE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_DAILY_CALLS_FIELD_NUMBER: _ClassVar[int]
    DATA_NEEDED_FIELD_NUMBER: _ClassVar[int]
    VALIDITY_FIELD_NUMBER: _ClassVar[int]
    CONTACT_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTACT_PHONE_FIELD_NUMBER: _ClassVar[int]
    CONTACT_EMAIL_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_FIELD_NUMBER: _ClassVar[int]
    CURRENT_STEP_NAME_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_TIME_FIELD_NUMBER: _ClassVar[int]
    DECIDE_TIME_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    number: str
    channel_id: str
    channel_name: str
    applicant_user_id: str
    applicant_name: str
    items: _containers.RepeatedCompositeFieldContainer[AccessApplicationItem]
    purpose: str
    expected_daily_calls: int
    data_needed: str
    validity: _common_pb2.TimeRange
    contact_name: str
    contact_phone: str
    contact_email: str
    audit: _common_pb2.AuditInfo
    attachments: _containers.RepeatedCompositeFieldContainer[_common_pb2.Attachment]
    status: AccessApplicationStatus
    current_step: int
    current_step_name: str
    steps: _containers.RepeatedCompositeFieldContainer[ReviewStep]
    history: _containers.RepeatedCompositeFieldContainer[ReviewRecord]
    submit_time: _timestamp_pb2.Timestamp
    decide_time: _timestamp_pb2.Timestamp
    def __init__(self, access_application_id: _Optional[str] = ..., number: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_name: _Optional[str] = ..., applicant_user_id: _Optional[str] = ..., applicant_name: _Optional[str] = ..., items: _Optional[_Iterable[_Union[AccessApplicationItem, _Mapping]]] = ..., purpose: _Optional[str] = ..., expected_daily_calls: _Optional[int] = ..., data_needed: _Optional[str] = ..., validity: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., contact_name: _Optional[str] = ..., contact_phone: _Optional[str] = ..., contact_email: _Optional[str] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ..., attachments: _Optional[_Iterable[_Union[_common_pb2.Attachment, _Mapping]]] = ..., status: _Optional[_Union[AccessApplicationStatus, str]] = ..., current_step: _Optional[int] = ..., current_step_name: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[ReviewStep, _Mapping]]] = ..., history: _Optional[_Iterable[_Union[ReviewRecord, _Mapping]]] = ..., submit_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., decide_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class CreateAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class CreateAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class GetAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id",)
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    def __init__(self, access_application_id: _Optional[str] = ...) -> None: ...

class GetAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class ListAccessApplicationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "channel_id", "status", "api_service_id", "applicant_user_id", "awaiting_my_review", "submit_time_range", "query")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    APPLICANT_USER_ID_FIELD_NUMBER: _ClassVar[int]
    AWAITING_MY_REVIEW_FIELD_NUMBER: _ClassVar[int]
    SUBMIT_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    channel_id: str
    status: AccessApplicationStatus
    api_service_id: str
    applicant_user_id: str
    awaiting_my_review: bool
    submit_time_range: _common_pb2.TimeRange
    query: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., channel_id: _Optional[str] = ..., status: _Optional[_Union[AccessApplicationStatus, str]] = ..., api_service_id: _Optional[str] = ..., applicant_user_id: _Optional[str] = ..., awaiting_my_review: _Optional[bool] = ..., submit_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ..., query: _Optional[str] = ...) -> None: ...

class ListAccessApplicationsResponse(_message.Message):
    __slots__ = ("access_applications", "next_page_token", "total_size")
    ACCESS_APPLICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    access_applications: _containers.RepeatedCompositeFieldContainer[AccessApplication]
    next_page_token: str
    total_size: int
    def __init__(self, access_applications: _Optional[_Iterable[_Union[AccessApplication, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "access_application", "update_mask")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    access_application: AccessApplication
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, access_application_id: _Optional[str] = ..., access_application: _Optional[_Union[AccessApplication, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class SubmitAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "comment")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    comment: str
    def __init__(self, access_application_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class SubmitAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class WithdrawAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "comment")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    comment: str
    def __init__(self, access_application_id: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class WithdrawAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class UploadAccessApplicationAttachmentRequest(_message.Message):
    __slots__ = ("access_application_id", "file")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    file: _common_pb2.FileUpload
    def __init__(self, access_application_id: _Optional[str] = ..., file: _Optional[_Union[_common_pb2.FileUpload, _Mapping]] = ...) -> None: ...

class UploadAccessApplicationAttachmentResponse(_message.Message):
    __slots__ = ("attachment",)
    ATTACHMENT_FIELD_NUMBER: _ClassVar[int]
    attachment: _common_pb2.Attachment
    def __init__(self, attachment: _Optional[_Union[_common_pb2.Attachment, _Mapping]] = ...) -> None: ...

class DeleteAccessApplicationAttachmentRequest(_message.Message):
    __slots__ = ("access_application_id", "attachment_id")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    ATTACHMENT_ID_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    attachment_id: str
    def __init__(self, access_application_id: _Optional[str] = ..., attachment_id: _Optional[str] = ...) -> None: ...

class DeleteAccessApplicationAttachmentResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GrantTerms(_message.Message):
    __slots__ = ("api_service_id", "daily_quota", "rate_limit_per_second", "expire_time")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    daily_quota: int
    rate_limit_per_second: int
    expire_time: _timestamp_pb2.Timestamp
    def __init__(self, api_service_id: _Optional[str] = ..., daily_quota: _Optional[int] = ..., rate_limit_per_second: _Optional[int] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ApproveAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "comment", "grant_terms", "idempotency_key")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    GRANT_TERMS_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    comment: str
    grant_terms: _containers.RepeatedCompositeFieldContainer[GrantTerms]
    idempotency_key: str
    def __init__(self, access_application_id: _Optional[str] = ..., comment: _Optional[str] = ..., grant_terms: _Optional[_Iterable[_Union[GrantTerms, _Mapping]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ApproveAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application", "access_grants")
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    ACCESS_GRANTS_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    access_grants: _containers.RepeatedCompositeFieldContainer[AccessGrant]
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ..., access_grants: _Optional[_Iterable[_Union[AccessGrant, _Mapping]]] = ...) -> None: ...

class RejectAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "comment", "idempotency_key")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    comment: str
    idempotency_key: str
    def __init__(self, access_application_id: _Optional[str] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RejectAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class ReturnAccessApplicationRequest(_message.Message):
    __slots__ = ("access_application_id", "comment", "idempotency_key")
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_application_id: str
    comment: str
    idempotency_key: str
    def __init__(self, access_application_id: _Optional[str] = ..., comment: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class ReturnAccessApplicationResponse(_message.Message):
    __slots__ = ("access_application",)
    ACCESS_APPLICATION_FIELD_NUMBER: _ClassVar[int]
    access_application: AccessApplication
    def __init__(self, access_application: _Optional[_Union[AccessApplication, _Mapping]] = ...) -> None: ...

class AccessGrant(_message.Message):
    __slots__ = ("access_grant_id", "channel_id", "channel_code", "api_service_id", "api_service_code", "api_service_version", "access_application_id", "daily_quota", "rate_limit_per_second", "start_time", "expire_time", "status", "revoke_reason", "revoke_time", "audit")
    ACCESS_GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_CODE_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACCESS_APPLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    DAILY_QUOTA_FIELD_NUMBER: _ClassVar[int]
    RATE_LIMIT_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_TIME_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REVOKE_REASON_FIELD_NUMBER: _ClassVar[int]
    REVOKE_TIME_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    access_grant_id: str
    channel_id: str
    channel_code: str
    api_service_id: str
    api_service_code: str
    api_service_version: str
    access_application_id: str
    daily_quota: int
    rate_limit_per_second: int
    start_time: _timestamp_pb2.Timestamp
    expire_time: _timestamp_pb2.Timestamp
    status: AccessGrantStatus
    revoke_reason: str
    revoke_time: _timestamp_pb2.Timestamp
    audit: _common_pb2.AuditInfo
    def __init__(self, access_grant_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., api_service_id: _Optional[str] = ..., api_service_code: _Optional[str] = ..., api_service_version: _Optional[str] = ..., access_application_id: _Optional[str] = ..., daily_quota: _Optional[int] = ..., rate_limit_per_second: _Optional[int] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., expire_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., status: _Optional[_Union[AccessGrantStatus, str]] = ..., revoke_reason: _Optional[str] = ..., revoke_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateAccessGrantRequest(_message.Message):
    __slots__ = ("access_grant", "reason", "idempotency_key")
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_grant: AccessGrant
    reason: str
    idempotency_key: str
    def __init__(self, access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreateAccessGrantResponse(_message.Message):
    __slots__ = ("access_grant",)
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    access_grant: AccessGrant
    def __init__(self, access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ...) -> None: ...

class GetAccessGrantRequest(_message.Message):
    __slots__ = ("access_grant_id",)
    ACCESS_GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    access_grant_id: str
    def __init__(self, access_grant_id: _Optional[str] = ...) -> None: ...

class GetAccessGrantResponse(_message.Message):
    __slots__ = ("access_grant",)
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    access_grant: AccessGrant
    def __init__(self, access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ...) -> None: ...

class ListAccessGrantsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "channel_id", "api_service_id", "status", "expire_before")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_BEFORE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    channel_id: str
    api_service_id: str
    status: AccessGrantStatus
    expire_before: _timestamp_pb2.Timestamp
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., channel_id: _Optional[str] = ..., api_service_id: _Optional[str] = ..., status: _Optional[_Union[AccessGrantStatus, str]] = ..., expire_before: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListAccessGrantsResponse(_message.Message):
    __slots__ = ("access_grants", "next_page_token", "total_size")
    ACCESS_GRANTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    access_grants: _containers.RepeatedCompositeFieldContainer[AccessGrant]
    next_page_token: str
    total_size: int
    def __init__(self, access_grants: _Optional[_Iterable[_Union[AccessGrant, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateAccessGrantRequest(_message.Message):
    __slots__ = ("access_grant_id", "access_grant", "update_mask", "idempotency_key")
    ACCESS_GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_grant_id: str
    access_grant: AccessGrant
    update_mask: _field_mask_pb2.FieldMask
    idempotency_key: str
    def __init__(self, access_grant_id: _Optional[str] = ..., access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class UpdateAccessGrantResponse(_message.Message):
    __slots__ = ("access_grant",)
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    access_grant: AccessGrant
    def __init__(self, access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ...) -> None: ...

class RevokeAccessGrantRequest(_message.Message):
    __slots__ = ("access_grant_id", "reason", "idempotency_key")
    ACCESS_GRANT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    access_grant_id: str
    reason: str
    idempotency_key: str
    def __init__(self, access_grant_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RevokeAccessGrantResponse(_message.Message):
    __slots__ = ("access_grant",)
    ACCESS_GRANT_FIELD_NUMBER: _ClassVar[int]
    access_grant: AccessGrant
    def __init__(self, access_grant: _Optional[_Union[AccessGrant, _Mapping]] = ...) -> None: ...

class ReviewStep(_message.Message):
    __slots__ = ("name", "reviewer_role")
    NAME_FIELD_NUMBER: _ClassVar[int]
    REVIEWER_ROLE_FIELD_NUMBER: _ClassVar[int]
    name: str
    reviewer_role: str
    def __init__(self, name: _Optional[str] = ..., reviewer_role: _Optional[str] = ...) -> None: ...

class ReviewPolicy(_message.Message):
    __slots__ = ("category", "steps", "default_grant_days", "audit")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    STEPS_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_GRANT_DAYS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    category: str
    steps: _containers.RepeatedCompositeFieldContainer[ReviewStep]
    default_grant_days: int
    audit: _common_pb2.AuditInfo
    def __init__(self, category: _Optional[str] = ..., steps: _Optional[_Iterable[_Union[ReviewStep, _Mapping]]] = ..., default_grant_days: _Optional[int] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class ListReviewPoliciesRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListReviewPoliciesResponse(_message.Message):
    __slots__ = ("review_policies", "next_page_token", "total_size")
    REVIEW_POLICIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    review_policies: _containers.RepeatedCompositeFieldContainer[ReviewPolicy]
    next_page_token: str
    total_size: int
    def __init__(self, review_policies: _Optional[_Iterable[_Union[ReviewPolicy, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateReviewPolicyRequest(_message.Message):
    __slots__ = ("category", "review_policy")
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    REVIEW_POLICY_FIELD_NUMBER: _ClassVar[int]
    category: str
    review_policy: ReviewPolicy
    def __init__(self, category: _Optional[str] = ..., review_policy: _Optional[_Union[ReviewPolicy, _Mapping]] = ...) -> None: ...

class UpdateReviewPolicyResponse(_message.Message):
    __slots__ = ("review_policy",)
    REVIEW_POLICY_FIELD_NUMBER: _ClassVar[int]
    review_policy: ReviewPolicy
    def __init__(self, review_policy: _Optional[_Union[ReviewPolicy, _Mapping]] = ...) -> None: ...
