import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import struct_pb2 as _struct_pb2
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

class SettingType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    SETTING_TYPE_UNSPECIFIED: _ClassVar[SettingType]
    SETTING_TYPE_BOOL: _ClassVar[SettingType]
    SETTING_TYPE_INTEGER: _ClassVar[SettingType]
    SETTING_TYPE_NUMBER: _ClassVar[SettingType]
    SETTING_TYPE_STRING: _ClassVar[SettingType]
    SETTING_TYPE_STRING_LIST: _ClassVar[SettingType]
    SETTING_TYPE_DURATION: _ClassVar[SettingType]
    SETTING_TYPE_ENUM: _ClassVar[SettingType]
    SETTING_TYPE_JSON: _ClassVar[SettingType]
    SETTING_TYPE_SECRET: _ClassVar[SettingType]
    SETTING_TYPE_IMAGE: _ClassVar[SettingType]
SETTING_TYPE_UNSPECIFIED: SettingType
SETTING_TYPE_BOOL: SettingType
SETTING_TYPE_INTEGER: SettingType
SETTING_TYPE_NUMBER: SettingType
SETTING_TYPE_STRING: SettingType
SETTING_TYPE_STRING_LIST: SettingType
SETTING_TYPE_DURATION: SettingType
SETTING_TYPE_ENUM: SettingType
SETTING_TYPE_JSON: SettingType
SETTING_TYPE_SECRET: SettingType
SETTING_TYPE_IMAGE: SettingType

class SettingConstraints(_message.Message):
    __slots__ = ("min", "max", "allowed_values", "pattern", "max_length", "json_schema")
    MIN_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    ALLOWED_VALUES_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    MAX_LENGTH_FIELD_NUMBER: _ClassVar[int]
    JSON_SCHEMA_FIELD_NUMBER: _ClassVar[int]
    min: float
    max: float
    allowed_values: _containers.RepeatedScalarFieldContainer[str]
    pattern: str
    max_length: int
    json_schema: str
    def __init__(self, min: _Optional[float] = ..., max: _Optional[float] = ..., allowed_values: _Optional[_Iterable[str]] = ..., pattern: _Optional[str] = ..., max_length: _Optional[int] = ..., json_schema: _Optional[str] = ...) -> None: ...

class Setting(_message.Message):
    __slots__ = ("key", "group", "display_name", "description", "type", "value", "default_value", "constraints", "value_set", "unit", "revision", "audit")
    KEY_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    DISPLAY_NAME_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    CONSTRAINTS_FIELD_NUMBER: _ClassVar[int]
    VALUE_SET_FIELD_NUMBER: _ClassVar[int]
    UNIT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    key: str
    group: str
    display_name: str
    description: str
    type: SettingType
    value: _struct_pb2.Value
    default_value: _struct_pb2.Value
    constraints: SettingConstraints
    value_set: bool
    unit: str
    revision: int
    audit: _common_pb2.AuditInfo
    def __init__(self, key: _Optional[str] = ..., group: _Optional[str] = ..., display_name: _Optional[str] = ..., description: _Optional[str] = ..., type: _Optional[_Union[SettingType, str]] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., default_value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., constraints: _Optional[_Union[SettingConstraints, _Mapping]] = ..., value_set: _Optional[bool] = ..., unit: _Optional[str] = ..., revision: _Optional[int] = ..., audit: _Optional[_Union[_common_pb2.AuditInfo, _Mapping]] = ...) -> None: ...

class ListSettingsRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "group")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    GROUP_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    group: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., group: _Optional[str] = ...) -> None: ...

class ListSettingsResponse(_message.Message):
    __slots__ = ("settings", "next_page_token", "total_size")
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    settings: _containers.RepeatedCompositeFieldContainer[Setting]
    next_page_token: str
    total_size: int
    def __init__(self, settings: _Optional[_Iterable[_Union[Setting, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetSettingRequest(_message.Message):
    __slots__ = ("key",)
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class GetSettingResponse(_message.Message):
    __slots__ = ("setting",)
    SETTING_FIELD_NUMBER: _ClassVar[int]
    setting: Setting
    def __init__(self, setting: _Optional[_Union[Setting, _Mapping]] = ...) -> None: ...

class UpdateSettingRequest(_message.Message):
    __slots__ = ("key", "value", "expected_revision", "comment")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: _struct_pb2.Value
    expected_revision: int
    comment: str
    def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., expected_revision: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class UpdateSettingResponse(_message.Message):
    __slots__ = ("setting",)
    SETTING_FIELD_NUMBER: _ClassVar[int]
    setting: Setting
    def __init__(self, setting: _Optional[_Union[Setting, _Mapping]] = ...) -> None: ...

class SettingUpdate(_message.Message):
    __slots__ = ("key", "value", "expected_revision")
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: _struct_pb2.Value
    expected_revision: int
    def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., expected_revision: _Optional[int] = ...) -> None: ...

class BatchUpdateSettingsRequest(_message.Message):
    __slots__ = ("updates", "comment")
    UPDATES_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    updates: _containers.RepeatedCompositeFieldContainer[SettingUpdate]
    comment: str
    def __init__(self, updates: _Optional[_Iterable[_Union[SettingUpdate, _Mapping]]] = ..., comment: _Optional[str] = ...) -> None: ...

class BatchUpdateSettingsResponse(_message.Message):
    __slots__ = ("settings",)
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    settings: _containers.RepeatedCompositeFieldContainer[Setting]
    def __init__(self, settings: _Optional[_Iterable[_Union[Setting, _Mapping]]] = ...) -> None: ...

class ResetSettingRequest(_message.Message):
    __slots__ = ("key", "comment")
    KEY_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    key: str
    comment: str
    def __init__(self, key: _Optional[str] = ..., comment: _Optional[str] = ...) -> None: ...

class ResetSettingResponse(_message.Message):
    __slots__ = ("setting",)
    SETTING_FIELD_NUMBER: _ClassVar[int]
    setting: Setting
    def __init__(self, setting: _Optional[_Union[Setting, _Mapping]] = ...) -> None: ...

class SettingChange(_message.Message):
    __slots__ = ("setting_change_id", "key", "old_value", "new_value", "changed_by", "change_time", "comment", "revision")
    SETTING_CHANGE_ID_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    OLD_VALUE_FIELD_NUMBER: _ClassVar[int]
    NEW_VALUE_FIELD_NUMBER: _ClassVar[int]
    CHANGED_BY_FIELD_NUMBER: _ClassVar[int]
    CHANGE_TIME_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    setting_change_id: str
    key: str
    old_value: _struct_pb2.Value
    new_value: _struct_pb2.Value
    changed_by: str
    change_time: _timestamp_pb2.Timestamp
    comment: str
    revision: int
    def __init__(self, setting_change_id: _Optional[str] = ..., key: _Optional[str] = ..., old_value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., new_value: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., changed_by: _Optional[str] = ..., change_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., comment: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class ListSettingChangesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "key", "time_range")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    TIME_RANGE_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    key: str
    time_range: _common_pb2.TimeRange
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., key: _Optional[str] = ..., time_range: _Optional[_Union[_common_pb2.TimeRange, _Mapping]] = ...) -> None: ...

class ListSettingChangesResponse(_message.Message):
    __slots__ = ("changes", "next_page_token", "total_size")
    CHANGES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    changes: _containers.RepeatedCompositeFieldContainer[SettingChange]
    next_page_token: str
    total_size: int
    def __init__(self, changes: _Optional[_Iterable[_Union[SettingChange, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class WatchSettingsRequest(_message.Message):
    __slots__ = ("key_prefixes", "after_revision")
    KEY_PREFIXES_FIELD_NUMBER: _ClassVar[int]
    AFTER_REVISION_FIELD_NUMBER: _ClassVar[int]
    key_prefixes: _containers.RepeatedScalarFieldContainer[str]
    after_revision: int
    def __init__(self, key_prefixes: _Optional[_Iterable[str]] = ..., after_revision: _Optional[int] = ...) -> None: ...

class WatchSettingsResponse(_message.Message):
    __slots__ = ("settings", "revision", "secret_values")
    class SecretValuesEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    SETTINGS_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    SECRET_VALUES_FIELD_NUMBER: _ClassVar[int]
    settings: _containers.RepeatedCompositeFieldContainer[Setting]
    revision: int
    secret_values: _containers.ScalarMap[str, str]
    def __init__(self, settings: _Optional[_Iterable[_Union[Setting, _Mapping]]] = ..., revision: _Optional[int] = ..., secret_values: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetBrandingRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetBrandingResponse(_message.Message):
    __slots__ = ("hospital_name", "console_title", "logo_data_url", "default_locale", "login_notice")
    HOSPITAL_NAME_FIELD_NUMBER: _ClassVar[int]
    CONSOLE_TITLE_FIELD_NUMBER: _ClassVar[int]
    LOGO_DATA_URL_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_LOCALE_FIELD_NUMBER: _ClassVar[int]
    LOGIN_NOTICE_FIELD_NUMBER: _ClassVar[int]
    hospital_name: str
    console_title: str
    logo_data_url: str
    default_locale: str
    login_notice: str
    def __init__(self, hospital_name: _Optional[str] = ..., console_title: _Optional[str] = ..., logo_data_url: _Optional[str] = ..., default_locale: _Optional[str] = ..., login_notice: _Optional[str] = ...) -> None: ...
