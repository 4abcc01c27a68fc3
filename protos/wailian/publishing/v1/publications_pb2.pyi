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

class EntityType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    ENTITY_TYPE_UNSPECIFIED: _ClassVar[EntityType]
    ENTITY_TYPE_CAMPUS: _ClassVar[EntityType]
    ENTITY_TYPE_DEPARTMENT: _ClassVar[EntityType]
    ENTITY_TYPE_DOCTOR: _ClassVar[EntityType]

class ChangeAction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANGE_ACTION_UNSPECIFIED: _ClassVar[ChangeAction]
    CHANGE_ACTION_CREATED: _ClassVar[ChangeAction]
    CHANGE_ACTION_UPDATED: _ClassVar[ChangeAction]
    CHANGE_ACTION_DEACTIVATED: _ClassVar[ChangeAction]
    CHANGE_ACTION_DELETED: _ClassVar[ChangeAction]

class PublicationStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    PUBLICATION_STATUS_UNSPECIFIED: _ClassVar[PublicationStatus]
    PUBLICATION_STATUS_CURRENT: _ClassVar[PublicationStatus]
    PUBLICATION_STATUS_SUPERSEDED: _ClassVar[PublicationStatus]
    PUBLICATION_STATUS_ROLLED_BACK: _ClassVar[PublicationStatus]

class DeliveryStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_STATUS_UNSPECIFIED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_PENDING: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_SUCCEEDED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_RETRYING: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_FAILED: _ClassVar[DeliveryStatus]
ENTITY_TYPE_UNSPECIFIED: EntityType
ENTITY_TYPE_CAMPUS: EntityType
ENTITY_TYPE_DEPARTMENT: EntityType
ENTITY_TYPE_DOCTOR: EntityType
CHANGE_ACTION_UNSPECIFIED: ChangeAction
CHANGE_ACTION_CREATED: ChangeAction
CHANGE_ACTION_UPDATED: ChangeAction
CHANGE_ACTION_DEACTIVATED: ChangeAction
CHANGE_ACTION_DELETED: ChangeAction
PUBLICATION_STATUS_UNSPECIFIED: PublicationStatus
PUBLICATION_STATUS_CURRENT: PublicationStatus
PUBLICATION_STATUS_SUPERSEDED: PublicationStatus
PUBLICATION_STATUS_ROLLED_BACK: PublicationStatus
DELIVERY_STATUS_UNSPECIFIED: DeliveryStatus
DELIVERY_STATUS_PENDING: DeliveryStatus
DELIVERY_STATUS_SUCCEEDED: DeliveryStatus
DELIVERY_STATUS_RETRYING: DeliveryStatus
DELIVERY_STATUS_FAILED: DeliveryStatus

class MasterDataChange(_message.Message):
    __slots__ = ("entity_type", "entity_id", "code", "name", "action", "before_json", "after_json", "changed_fields", "change_time", "changed_by", "version")
    ENTITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    ENTITY_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ACTION_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELDS_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    entity_type: EntityType
    entity_id: str
    code: str
    name: str
    action: ChangeAction
    before_json: str
    after_json: str
    changed_fields: _containers.RepeatedScalarFieldContainer[str]
    change_time: _timestamp_pb2.Timestamp
    changed_by: str
    version: int
    def __init__(self, entity_type: _Optional[_Union[EntityType, str]] = ..., entity_id: _Optional[str] = ..., code: _Optional[str] = ..., name: _Optional[str] = ..., action: _Optional[_Union[ChangeAction, str]] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ..., changed_fields: _Optional[_Iterable[str]] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., changed_by: _Optional[str] = ..., version: _Optional[int] = ...) -> None: ...

class Publication(_message.Message):
    __slots__ = ("publication_id", "version", "comment", "entity_types", "status", "created_count", "updated_count", "deactivated_count", "deleted_count", "publish_time", "rolled_back_publication_id", "delivered_subscriptions", "failed_subscriptions", "audit")
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    CREATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DEACTIVATED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_TIME_FIELD_NUMBER: _ClassVar[int]
    ROLLED_BACK_PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    FAILED_SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    publication_id: str
    version: int
    comment: str
    entity_types: _containers.RepeatedScalarFieldContainer[EntityType]
    status: PublicationStatus
    created_count: int
    updated_count: int
    deactivated_count: int
    deleted_count: int
    publish_time: _timestamp_pb2.Timestamp
    rolled_back_publication_id: str
    delivered_subscriptions: int
    failed_subscriptions: int
    audit: _common_pb2.AuditInfo
    def __init__(self, publication_id: _Optional[str] = ..., version: _Optional[int] = ..., comment: _Optional[str] = ..., entity_types: _Optional[_Iterable[_Union[EntityType, str]]] = ..., status: _Optional[_Union[PublicationStatus, str]] = ..., created_count: _Optional[int] = ..., updated_count: _Optional[int] = ..., deactivated_count: _Optional[int] = ..., deleted_count: _Optional[int] = ..., publish_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., rolled_back_publication_id: _Optional[str] = ..., delivered_subscriptions: _Optional[int] = ..., failed_subscriptions: _Optional[int] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class ListPendingChangesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "entity_type")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    entity_type: EntityType
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., entity_type: _Optional[_Union[EntityType, str]] = ...) -> None: ...

class ListPendingChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token", "total_size")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[MasterDataChange]
    next_page_token: str
    total_size: int
    def __init__(self, changes: _Optional[_Iterable[_Union[MasterDataChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class CreatePublicationRequest(_message.Message):
    __slots__ = ("comment", "entity_types", "idempotency_key")
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    comment: str
    entity_types: _containers.RepeatedScalarFieldContainer[EntityType]
    idempotency_key: str
    def __init__(self, comment: _Optional[str] = ..., entity_types: _Optional[_Iterable[_Union[EntityType, str]]] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class CreatePublicationResponse(_message.Message):
    __slots__ = ("publication",)
    PUBLICATION_FIELD_NUMBER: _ClassVar[int]
    publication: Publication
    def __init__(self, publication: _Optional[_Union[Publication, _Mapping]] = ...) -> None: ...

class GetPublicationRequest(_message.Message):
    __slots__ = ("publication_id",)
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    publication_id: str
    def __init__(self, publication_id: _Optional[str] = ...) -> None: ...

class GetPublicationResponse(_message.Message):
    __slots__ = ("publication",)
    PUBLICATION_FIELD_NUMBER: _ClassVar[int]
    publication: Publication
    def __init__(self, publication: _Optional[_Union[Publication, _Mapping]] = ...) -> None: ...

class ListPublicationsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "publish_time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    publish_time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., publish_time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListPublicationsResponse(_message.Message):
    __slots__ = ("publications", "next_page_token", "total_size")
    PUBLICATIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    publications: _containers.RepeatedCompositeFieldContainer[Publication]
    next_page_token: str
    total_size: int
    def __init__(self, publications: _Optional[_Iterable[_Union[Publication, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class ListPublicationChangesRequest(_message.Message):
    __slots__ = ("publication_id", "page_size", "page_token", "entity_type")
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPE_FIELD_NUMBER: _ClassVar[int]
    publication_id: str
    page_size: int
    page_token: str
    entity_type: EntityType
    def __init__(self, publication_id: _Optional[str] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., entity_type: _Optional[_Union[EntityType, str]] = ...) -> None: ...

class ListPublicationChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token", "total_size")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[MasterDataChange]
    next_page_token: str
    total_size: int
    def __init__(self, changes: _Optional[_Iterable[_Union[MasterDataChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RollbackPublicationRequest(_message.Message):
    __slots__ = ("publication_id", "reason", "idempotency_key")
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    publication_id: str
    reason: str
    idempotency_key: str
    def __init__(self, publication_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RollbackPublicationResponse(_message.Message):
    __slots__ = ("publication",)
    PUBLICATION_FIELD_NUMBER: _ClassVar[int]
    publication: Publication
    def __init__(self, publication: _Optional[_Union[Publication, _Mapping]] = ...) -> None: ...

class Subscription(_message.Message):
    __slots__ = ("subscription_id", "channel_id", "channel_code", "callback_url", "entity_types", "enabled", "secret", "secret_set", "delivered_version", "last_delivery_time", "last_delivery_succeeded", "audit")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    CALLBACK_URL_FIELD_NUMBER: _ClassVar[int]
    ENTITY_TYPES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    SECRET_SET_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_VERSION_FIELD_NUMBER: _ClassVar[int]
    LAST_DELIVERY_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_DELIVERY_SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    channel_id: str
    channel_code: str
    callback_url: str
    entity_types: _containers.RepeatedScalarFieldContainer[EntityType]
    enabled: bool
    secret: str
    secret_set: bool
    delivered_version: int
    last_delivery_time: _timestamp_pb2.Timestamp
    last_delivery_succeeded: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, subscription_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., callback_url: _Optional[str] = ..., entity_types: _Optional[_Iterable[_Union[EntityType, str]]] = ..., enabled: _Optional[bool] = ..., secret: _Optional[str] = ..., secret_set: _Optional[bool] = ..., delivered_version: _Optional[int] = ..., last_delivery_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_delivery_succeeded: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateSubscriptionRequest(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: Subscription
    def __init__(self, subscription: _Optional[_Union[Subscription, _Mapping]] = ...) -> None: ...

class CreateSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: Subscription
    def __init__(self, subscription: _Optional[_Union[Subscription, _Mapping]] = ...) -> None: ...

class GetSubscriptionRequest(_message.Message):
    __slots__ = ("subscription_id",)
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class GetSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: Subscription
    def __init__(self, subscription: _Optional[_Union[Subscription, _Mapping]] = ...) -> None: ...

class ListSubscriptionsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "channel_id")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    channel_id: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., channel_id: _Optional[str] = ...) -> None: ...

class ListSubscriptionsResponse(_message.Message):
    __slots__ = ("subscriptions", "next_page_token", "total_size")
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    subscriptions: _containers.RepeatedCompositeFieldContainer[Subscription]
    next_page_token: str
    total_size: int
    def __init__(self, subscriptions: _Optional[_Iterable[_Union[Subscription, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateSubscriptionRequest(_message.Message):
    __slots__ = ("subscription_id", "subscription", "update_mask")
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    subscription: Subscription
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, subscription_id: _Optional[str] = ..., subscription: _Optional[_Union[Subscription, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateSubscriptionResponse(_message.Message):
    __slots__ = ("subscription",)
    SUBSCRIPTION_FIELD_NUMBER: _ClassVar[int]
    subscription: Subscription
    def __init__(self, subscription: _Optional[_Union[Subscription, _Mapping]] = ...) -> None: ...

class DeleteSubscriptionRequest(_message.Message):
    __slots__ = ("subscription_id",)
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class DeleteSubscriptionResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Delivery(_message.Message):
    __slots__ = ("delivery_id", "subscription_id", "publication_id", "version", "status", "attempts", "last_attempt_time", "next_attempt_time", "last_response_status", "last_error")
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    subscription_id: str
    publication_id: str
    version: int
    status: DeliveryStatus
    attempts: int
    last_attempt_time: _timestamp_pb2.Timestamp
    next_attempt_time: _timestamp_pb2.Timestamp
    last_response_status: int
    last_error: str
    def __init__(self, delivery_id: _Optional[str] = ..., subscription_id: _Optional[str] = ..., publication_id: _Optional[str] = ..., version: _Optional[int] = ..., status: _Optional[_Union[DeliveryStatus, str]] = ..., attempts: _Optional[int] = ..., last_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_response_status: _Optional[int] = ..., last_error: _Optional[str] = ...) -> None: ...

class ListDeliveriesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "subscription_id", "publication_id", "status")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLICATION_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    subscription_id: str
    publication_id: str
    status: DeliveryStatus
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., subscription_id: _Optional[str] = ..., publication_id: _Optional[str] = ..., status: _Optional[_Union[DeliveryStatus, str]] = ...) -> None: ...

class ListDeliveriesResponse(_message.Message):
    __slots__ = ("deliveries", "next_page_token", "total_size")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[Delivery]
    next_page_token: str
    total_size: int
    def __init__(self, deliveries: _Optional[_Iterable[_Union[Delivery, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RetryDeliveryRequest(_message.Message):
    __slots__ = ("delivery_id",)
    DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    delivery_id: str
    def __init__(self, delivery_id: _Optional[str] = ...) -> None: ...

class RetryDeliveryResponse(_message.Message):
    __slots__ = ("delivery",)
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    delivery: Delivery
    def __init__(self, delivery: _Optional[_Union[Delivery, _Mapping]] = ...) -> None: ...
