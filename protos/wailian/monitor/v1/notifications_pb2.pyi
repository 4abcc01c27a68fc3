import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import common_pb2 as _common_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from wailian.monitor.v1 import alerts_pb2 as _alerts_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NotificationEndpointType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    NOTIFICATION_ENDPOINT_TYPE_UNSPECIFIED: _ClassVar[NotificationEndpointType]
    NOTIFICATION_ENDPOINT_TYPE_WEBHOOK: _ClassVar[NotificationEndpointType]
    NOTIFICATION_ENDPOINT_TYPE_EMAIL: _ClassVar[NotificationEndpointType]
    NOTIFICATION_ENDPOINT_TYPE_WECOM_ROBOT: _ClassVar[NotificationEndpointType]
    NOTIFICATION_ENDPOINT_TYPE_DINGTALK_ROBOT: _ClassVar[NotificationEndpointType]

class DeliveryStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    DELIVERY_STATUS_UNSPECIFIED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_PENDING: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_SENT: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_RETRYING: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_FAILED: _ClassVar[DeliveryStatus]
    DELIVERY_STATUS_SUPPRESSED: _ClassVar[DeliveryStatus]

class ChannelNoticeKind(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    CHANNEL_NOTICE_KIND_UNSPECIFIED: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_QUOTA_NEARLY_USED: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_QUOTA_EXHAUSTED: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_CERTIFICATE_EXPIRING: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_ACCESS_GRANT_EXPIRING: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_API_DEPRECATED: _ClassVar[ChannelNoticeKind]
    CHANNEL_NOTICE_KIND_CHANNEL_DISABLED: _ClassVar[ChannelNoticeKind]
NOTIFICATION_ENDPOINT_TYPE_UNSPECIFIED: NotificationEndpointType
NOTIFICATION_ENDPOINT_TYPE_WEBHOOK: NotificationEndpointType
NOTIFICATION_ENDPOINT_TYPE_EMAIL: NotificationEndpointType
NOTIFICATION_ENDPOINT_TYPE_WECOM_ROBOT: NotificationEndpointType
NOTIFICATION_ENDPOINT_TYPE_DINGTALK_ROBOT: NotificationEndpointType
DELIVERY_STATUS_UNSPECIFIED: DeliveryStatus
DELIVERY_STATUS_PENDING: DeliveryStatus
DELIVERY_STATUS_SENT: DeliveryStatus
DELIVERY_STATUS_RETRYING: DeliveryStatus
DELIVERY_STATUS_FAILED: DeliveryStatus
DELIVERY_STATUS_SUPPRESSED: DeliveryStatus
CHANNEL_NOTICE_KIND_UNSPECIFIED: ChannelNoticeKind
CHANNEL_NOTICE_KIND_QUOTA_NEARLY_USED: ChannelNoticeKind
CHANNEL_NOTICE_KIND_QUOTA_EXHAUSTED: ChannelNoticeKind
CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING: ChannelNoticeKind
CHANNEL_NOTICE_KIND_CERTIFICATE_EXPIRING: ChannelNoticeKind
CHANNEL_NOTICE_KIND_ACCESS_GRANT_EXPIRING: ChannelNoticeKind
CHANNEL_NOTICE_KIND_API_DEPRECATED: ChannelNoticeKind
CHANNEL_NOTICE_KIND_CHANNEL_DISABLED: ChannelNoticeKind

class NotificationEndpoint(_message.Message):
    __slots__ = ("notification_endpoint_id", "name", "type", "url", "secret", "secret_set", "email_recipients", "mention_mobiles", "enabled", "min_severity", "max_messages_per_hour", "send_resolved", "last_delivery_time", "last_delivery_succeeded", "audit")
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    SECRET_FIELD_NUMBER: _ClassVar[int]
    SECRET_SET_FIELD_NUMBER: _ClassVar[int]
    EMAIL_RECIPIENTS_FIELD_NUMBER: _ClassVar[int]
    MENTION_MOBILES_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    MIN_SEVERITY_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGES_PER_HOUR_FIELD_NUMBER: _ClassVar[int]
    SEND_RESOLVED_FIELD_NUMBER: _ClassVar[int]
    LAST_DELIVERY_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_DELIVERY_SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint_id: str
    name: str
    type: NotificationEndpointType
    url: str
    secret: str
    secret_set: bool
    email_recipients: _containers.RepeatedScalarFieldContainer[str]
    mention_mobiles: _containers.RepeatedScalarFieldContainer[str]
    enabled: bool
    min_severity: _alerts_pb2.AlertSeverity
    max_messages_per_hour: int
    send_resolved: bool
    last_delivery_time: _timestamp_pb2.Timestamp
    last_delivery_succeeded: bool
    audit: _common_pb2.AuditInfo
    def __init__(self, notification_endpoint_id: _Optional[str] = ..., name: _Optional[str] = ..., type: _Optional[_Union[NotificationEndpointType, str]] = ..., url: _Optional[str] = ..., secret: _Optional[str] = ..., secret_set: _Optional[bool] = ..., email_recipients: _Optional[_Iterable[str]] = ..., mention_mobiles: _Optional[_Iterable[str]] = ..., enabled: _Optional[bool] = ..., min_severity: _Optional[_Union[_alerts_pb2.AlertSeverity, str]] = ..., max_messages_per_hour: _Optional[int] = ..., send_resolved: _Optional[bool] = ..., last_delivery_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_delivery_succeeded: _Optional[bool] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class CreateNotificationEndpointRequest(_message.Message):
    __slots__ = ("notification_endpoint",)
    NOTIFICATION_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint: NotificationEndpoint
    def __init__(self, notification_endpoint: _Optional[_Union[NotificationEndpoint, _Mapping]] = ...) -> None: ...

class CreateNotificationEndpointResponse(_message.Message):
    __slots__ = ("notification_endpoint",)
    NOTIFICATION_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint: NotificationEndpoint
    def __init__(self, notification_endpoint: _Optional[_Union[NotificationEndpoint, _Mapping]] = ...) -> None: ...

class GetNotificationEndpointRequest(_message.Message):
    __slots__ = ("notification_endpoint_id",)
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint_id: str
    def __init__(self, notification_endpoint_id: _Optional[str] = ...) -> None: ...

class GetNotificationEndpointResponse(_message.Message):
    __slots__ = ("notification_endpoint",)
    NOTIFICATION_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint: NotificationEndpoint
    def __init__(self, notification_endpoint: _Optional[_Union[NotificationEndpoint, _Mapping]] = ...) -> None: ...

class ListNotificationEndpointsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "type")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    type: NotificationEndpointType
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., type: _Optional[_Union[NotificationEndpointType, str]] = ...) -> None: ...

class ListNotificationEndpointsResponse(_message.Message):
    __slots__ = ("notification_endpoints", "next_page_token", "total_size")
    NOTIFICATION_ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    notification_endpoints: _containers.RepeatedCompositeFieldContainer[NotificationEndpoint]
    next_page_token: str
    total_size: int
    def __init__(self, notification_endpoints: _Optional[_Iterable[_Union[NotificationEndpoint, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class UpdateNotificationEndpointRequest(_message.Message):
    __slots__ = ("notification_endpoint_id", "notification_endpoint", "update_mask")
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint_id: str
    notification_endpoint: NotificationEndpoint
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, notification_endpoint_id: _Optional[str] = ..., notification_endpoint: _Optional[_Union[NotificationEndpoint, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class UpdateNotificationEndpointResponse(_message.Message):
    __slots__ = ("notification_endpoint",)
    NOTIFICATION_ENDPOINT_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint: NotificationEndpoint
    def __init__(self, notification_endpoint: _Optional[_Union[NotificationEndpoint, _Mapping]] = ...) -> None: ...

class DeleteNotificationEndpointRequest(_message.Message):
    __slots__ = ("notification_endpoint_id",)
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint_id: str
    def __init__(self, notification_endpoint_id: _Optional[str] = ...) -> None: ...

class DeleteNotificationEndpointResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class TestNotificationEndpointRequest(_message.Message):
    __slots__ = ("notification_endpoint_id",)
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    notification_endpoint_id: str
    def __init__(self, notification_endpoint_id: _Optional[str] = ...) -> None: ...

class TestNotificationEndpointResponse(_message.Message):
    __slots__ = ("succeeded", "response_status", "response_body", "error", "latency")
    SUCCEEDED_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    RESPONSE_BODY_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    LATENCY_FIELD_NUMBER: _ClassVar[int]
    succeeded: bool
    response_status: int
    response_body: str
    error: str
    latency: _duration_pb2.Duration
    def __init__(self, succeeded: _Optional[bool] = ..., response_status: _Optional[int] = ..., response_body: _Optional[str] = ..., error: _Optional[str] = ..., latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class NotificationDelivery(_message.Message):
    __slots__ = ("notification_delivery_id", "notification_endpoint_id", "notification_endpoint_name", "alert_id", "channel_notice_id", "subject", "status", "attempts", "create_time", "last_attempt_time", "next_attempt_time", "last_response_status", "last_error")
    NOTIFICATION_DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENDPOINT_NAME_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    NEXT_ATTEMPT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_RESPONSE_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    notification_delivery_id: str
    notification_endpoint_id: str
    notification_endpoint_name: str
    alert_id: str
    channel_notice_id: str
    subject: str
    status: DeliveryStatus
    attempts: int
    create_time: _timestamp_pb2.Timestamp
    last_attempt_time: _timestamp_pb2.Timestamp
    next_attempt_time: _timestamp_pb2.Timestamp
    last_response_status: int
    last_error: str
    def __init__(self, notification_delivery_id: _Optional[str] = ..., notification_endpoint_id: _Optional[str] = ..., notification_endpoint_name: _Optional[str] = ..., alert_id: _Optional[str] = ..., channel_notice_id: _Optional[str] = ..., subject: _Optional[str] = ..., status: _Optional[_Union[DeliveryStatus, str]] = ..., attempts: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., next_attempt_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_response_status: _Optional[int] = ..., last_error: _Optional[str] = ...) -> None: ...

class ListNotificationDeliveriesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "alert_id", "notification_endpoint_id", "status", "time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    ALERT_ID_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENDPOINT_ID_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    alert_id: str
    notification_endpoint_id: str
    status: DeliveryStatus
    time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., alert_id: _Optional[str] = ..., notification_endpoint_id: _Optional[str] = ..., status: _Optional[_Union[DeliveryStatus, str]] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListNotificationDeliveriesResponse(_message.Message):
    __slots__ = ("deliveries", "next_page_token", "total_size")
    DELIVERIES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    deliveries: _containers.RepeatedCompositeFieldContainer[NotificationDelivery]
    next_page_token: str
    total_size: int
    def __init__(self, deliveries: _Optional[_Iterable[_Union[NotificationDelivery, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class RetryNotificationDeliveryRequest(_message.Message):
    __slots__ = ("notification_delivery_id",)
    NOTIFICATION_DELIVERY_ID_FIELD_NUMBER: _ClassVar[int]
    notification_delivery_id: str
    def __init__(self, notification_delivery_id: _Optional[str] = ...) -> None: ...

class RetryNotificationDeliveryResponse(_message.Message):
    __slots__ = ("delivery",)
    DELIVERY_FIELD_NUMBER: _ClassVar[int]
    delivery: NotificationDelivery
    def __init__(self, delivery: _Optional[_Union[NotificationDelivery, _Mapping]] = ...) -> None: ...

class ChannelNotice(_message.Message):
    __slots__ = ("channel_notice_id", "channel_id", "channel_code", "kind", "title", "message", "create_time", "read", "sent_to")
    CHANNEL_NOTICE_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_CODE_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    READ_FIELD_NUMBER: _ClassVar[int]
    SENT_TO_FIELD_NUMBER: _ClassVar[int]
    channel_notice_id: str
    channel_id: str
    channel_code: str
    kind: ChannelNoticeKind
    title: str
    message: str
    create_time: _timestamp_pb2.Timestamp
    read: bool
    sent_to: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, channel_notice_id: _Optional[str] = ..., channel_id: _Optional[str] = ..., channel_code: _Optional[str] = ..., kind: _Optional[_Union[ChannelNoticeKind, str]] = ..., title: _Optional[str] = ..., message: _Optional[str] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., read: _Optional[bool] = ..., sent_to: _Optional[_Iterable[str]] = ...) -> None: ...

class ListChannelNoticesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "channel_id", "kind", "unread_only")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    UNREAD_ONLY_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    channel_id: str
    kind: ChannelNoticeKind
    unread_only: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., channel_id: _Optional[str] = ..., kind: _Optional[_Union[ChannelNoticeKind, str]] = ..., unread_only: _Optional[bool] = ...) -> None: ...

class ListChannelNoticesResponse(_message.Message):
    __slots__ = ("channel_notices", "next_page_token", "total_size")
    CHANNEL_NOTICES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    channel_notices: _containers.RepeatedCompositeFieldContainer[ChannelNotice]
    next_page_token: str
    total_size: int
    def __init__(self, channel_notices: _Optional[_Iterable[_Union[ChannelNotice, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class MarkChannelNoticesReadRequest(_message.Message):
    __slots__ = ("channel_notice_ids", "channel_id")
    CHANNEL_NOTICE_IDS_FIELD_NUMBER: _ClassVar[int]
    CHANNEL_ID_FIELD_NUMBER: _ClassVar[int]
    channel_notice_ids: _containers.RepeatedScalarFieldContainer[str]
    channel_id: str
    def __init__(self, channel_notice_ids: _Optional[_Iterable[str]] = ..., channel_id: _Optional[str] = ...) -> None: ...

class MarkChannelNoticesReadResponse(_message.Message):
    __slots__ = ("unread_count",)
    UNREAD_COUNT_FIELD_NUMBER: _ClassVar[int]
    unread_count: int
    def __init__(self, unread_count: _Optional[int] = ...) -> None: ...
