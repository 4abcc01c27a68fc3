import datetime

from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ResourceChange(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = ()
    RESOURCE_CHANGE_UNSPECIFIED: _ClassVar[ResourceChange]
    RESOURCE_CHANGE_ADDED: _ClassVar[ResourceChange]
    RESOURCE_CHANGE_REMOVED: _ClassVar[ResourceChange]
    RESOURCE_CHANGE_MODIFIED: _ClassVar[ResourceChange]
RESOURCE_CHANGE_UNSPECIFIED: ResourceChange
RESOURCE_CHANGE_ADDED: ResourceChange
RESOURCE_CHANGE_REMOVED: ResourceChange
RESOURCE_CHANGE_MODIFIED: ResourceChange

class ResourceCounts(_message.Message):
    __slots__ = ("listeners", "routes", "clusters", "endpoints", "secrets")
    LISTENERS_FIELD_NUMBER: _ClassVar[int]
    ROUTES_FIELD_NUMBER: _ClassVar[int]
    CLUSTERS_FIELD_NUMBER: _ClassVar[int]
    ENDPOINTS_FIELD_NUMBER: _ClassVar[int]
    SECRETS_FIELD_NUMBER: _ClassVar[int]
    listeners: int
    routes: int
    clusters: int
    endpoints: int
    secrets: int
    def __init__(self, listeners: _Optional[int] = ..., routes: _Optional[int] = ..., clusters: _Optional[int] = ..., endpoints: _Optional[int] = ..., secrets: _Optional[int] = ...) -> None: ...

class EdgeResource(_message.Message):
    __slots__ = ("type_url", "name", "json")
    TYPE_URL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    JSON_FIELD_NUMBER: _ClassVar[int]
    type_url: str
    name: str
    json: str
    def __init__(self, type_url: _Optional[str] = ..., name: _Optional[str] = ..., json: _Optional[str] = ...) -> None: ...

class ConfigSnapshot(_message.Message):
    __slots__ = ("snapshot_id", "version", "create_time", "cause", "created_by", "resource_counts", "current", "restored_from_snapshot_id", "acked_nodes", "nacked_nodes", "connected_nodes", "resources", "node_answers")
    SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    CREATE_TIME_FIELD_NUMBER: _ClassVar[int]
    CAUSE_FIELD_NUMBER: _ClassVar[int]
    CREATED_BY_FIELD_NUMBER: _ClassVar[int]
    RESOURCE_COUNTS_FIELD_NUMBER: _ClassVar[int]
    CURRENT_FIELD_NUMBER: _ClassVar[int]
    RESTORED_FROM_SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    ACKED_NODES_FIELD_NUMBER: _ClassVar[int]
    NACKED_NODES_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_NODES_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_FIELD_NUMBER: _ClassVar[int]
    NODE_ANSWERS_FIELD_NUMBER: _ClassVar[int]
    snapshot_id: str
    version: int
    create_time: _timestamp_pb2.Timestamp
    cause: str
    created_by: str
    resource_counts: ResourceCounts
    current: bool
    restored_from_snapshot_id: str
    acked_nodes: int
    nacked_nodes: int
    connected_nodes: int
    resources: _containers.RepeatedCompositeFieldContainer[EdgeResource]
    node_answers: _containers.RepeatedCompositeFieldContainer[SnapshotNodeAnswer]
    def __init__(self, snapshot_id: _Optional[str] = ..., version: _Optional[int] = ..., create_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., cause: _Optional[str] = ..., created_by: _Optional[str] = ..., resource_counts: _Optional[_Union[ResourceCounts, _Mapping]] = ..., current: _Optional[bool] = ..., restored_from_snapshot_id: _Optional[str] = ..., acked_nodes: _Optional[int] = ..., nacked_nodes: _Optional[int] = ..., connected_nodes: _Optional[int] = ..., resources: _Optional[_Iterable[_Union[EdgeResource, _Mapping]]] = ..., node_answers: _Optional[_Iterable[_Union[SnapshotNodeAnswer, _Mapping]]] = ...) -> None: ...

class SnapshotNodeAnswer(_message.Message):
    __slots__ = ("node_id", "acked", "nack_message", "type_urls", "answer_time")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    ACKED_FIELD_NUMBER: _ClassVar[int]
    NACK_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    TYPE_URLS_FIELD_NUMBER: _ClassVar[int]
    ANSWER_TIME_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    acked: bool
    nack_message: str
    type_urls: _containers.RepeatedScalarFieldContainer[str]
    answer_time: _timestamp_pb2.Timestamp
    def __init__(self, node_id: _Optional[str] = ..., acked: _Optional[bool] = ..., nack_message: _Optional[str] = ..., type_urls: _Optional[_Iterable[str]] = ..., answer_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ListConfigSnapshotsRequest(_message.Message):
    __slots__ = ("page_size", "page_token")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListConfigSnapshotsResponse(_message.Message):
    __slots__ = ("snapshots", "next_page_token", "total_size")
    SNAPSHOTS_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    snapshots: _containers.RepeatedCompositeFieldContainer[ConfigSnapshot]
    next_page_token: str
    total_size: int
    def __init__(self, snapshots: _Optional[_Iterable[_Union[ConfigSnapshot, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ...) -> None: ...

class GetConfigSnapshotRequest(_message.Message):
    __slots__ = ("snapshot_id",)
    SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    snapshot_id: str
    def __init__(self, snapshot_id: _Optional[str] = ...) -> None: ...

class GetConfigSnapshotResponse(_message.Message):
    __slots__ = ("snapshot",)
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    snapshot: ConfigSnapshot
    def __init__(self, snapshot: _Optional[_Union[ConfigSnapshot, _Mapping]] = ...) -> None: ...

class ResourceDiff(_message.Message):
    __slots__ = ("type_url", "name", "change", "before_json", "after_json", "unified_diff")
    TYPE_URL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CHANGE_FIELD_NUMBER: _ClassVar[int]
    BEFORE_JSON_FIELD_NUMBER: _ClassVar[int]
    AFTER_JSON_FIELD_NUMBER: _ClassVar[int]
    UNIFIED_DIFF_FIELD_NUMBER: _ClassVar[int]
    type_url: str
    name: str
    change: ResourceChange
    before_json: str
    after_json: str
    unified_diff: str
    def __init__(self, type_url: _Optional[str] = ..., name: _Optional[str] = ..., change: _Optional[_Union[ResourceChange, str]] = ..., before_json: _Optional[str] = ..., after_json: _Optional[str] = ..., unified_diff: _Optional[str] = ...) -> None: ...

class DiffConfigSnapshotsRequest(_message.Message):
    __slots__ = ("snapshot_id", "base_snapshot_id")
    SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    snapshot_id: str
    base_snapshot_id: str
    def __init__(self, snapshot_id: _Optional[str] = ..., base_snapshot_id: _Optional[str] = ...) -> None: ...

class DiffConfigSnapshotsResponse(_message.Message):
    __slots__ = ("base_snapshot", "snapshot", "diffs")
    BASE_SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    DIFFS_FIELD_NUMBER: _ClassVar[int]
    base_snapshot: ConfigSnapshot
    snapshot: ConfigSnapshot
    diffs: _containers.RepeatedCompositeFieldContainer[ResourceDiff]
    def __init__(self, base_snapshot: _Optional[_Union[ConfigSnapshot, _Mapping]] = ..., snapshot: _Optional[_Union[ConfigSnapshot, _Mapping]] = ..., diffs: _Optional[_Iterable[_Union[ResourceDiff, _Mapping]]] = ...) -> None: ...

class RollbackConfigSnapshotRequest(_message.Message):
    __slots__ = ("snapshot_id", "reason", "idempotency_key")
    SNAPSHOT_ID_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    IDEMPOTENCY_KEY_FIELD_NUMBER: _ClassVar[int]
    snapshot_id: str
    reason: str
    idempotency_key: str
    def __init__(self, snapshot_id: _Optional[str] = ..., reason: _Optional[str] = ..., idempotency_key: _Optional[str] = ...) -> None: ...

class RollbackConfigSnapshotResponse(_message.Message):
    __slots__ = ("snapshot",)
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    snapshot: ConfigSnapshot
    def __init__(self, snapshot: _Optional[_Union[ConfigSnapshot, _Mapping]] = ...) -> None: ...

class RebuildConfigSnapshotRequest(_message.Message):
    __slots__ = ("reason",)
    REASON_FIELD_NUMBER: _ClassVar[int]
    reason: str
    def __init__(self, reason: _Optional[str] = ...) -> None: ...

class RebuildConfigSnapshotResponse(_message.Message):
    __slots__ = ("snapshot", "changed")
    SNAPSHOT_FIELD_NUMBER: _ClassVar[int]
    CHANGED_FIELD_NUMBER: _ClassVar[int]
    snapshot: ConfigSnapshot
    changed: bool
    def __init__(self, snapshot: _Optional[_Union[ConfigSnapshot, _Mapping]] = ..., changed: _Optional[bool] = ...) -> None: ...

class NodeResourceStatus(_message.Message):
    __slots__ = ("type_url", "acked_version", "ack_time", "nacked_version", "nack_message", "nack_time")
    TYPE_URL_FIELD_NUMBER: _ClassVar[int]
    ACKED_VERSION_FIELD_NUMBER: _ClassVar[int]
    ACK_TIME_FIELD_NUMBER: _ClassVar[int]
    NACKED_VERSION_FIELD_NUMBER: _ClassVar[int]
    NACK_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    NACK_TIME_FIELD_NUMBER: _ClassVar[int]
    type_url: str
    acked_version: int
    ack_time: _timestamp_pb2.Timestamp
    nacked_version: int
    nack_message: str
    nack_time: _timestamp_pb2.Timestamp
    def __init__(self, type_url: _Optional[str] = ..., acked_version: _Optional[int] = ..., ack_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., nacked_version: _Optional[int] = ..., nack_message: _Optional[str] = ..., nack_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class EdgeNode(_message.Message):
    __slots__ = ("node_id", "cluster", "envoy_version", "address", "connected", "connect_time", "last_seen_time", "resources", "in_sync", "acked_version")
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    CLUSTER_FIELD_NUMBER: _ClassVar[int]
    ENVOY_VERSION_FIELD_NUMBER: _ClassVar[int]
    ADDRESS_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_FIELD_NUMBER: _ClassVar[int]
    CONNECT_TIME_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_TIME_FIELD_NUMBER: _ClassVar[int]
    RESOURCES_FIELD_NUMBER: _ClassVar[int]
    IN_SYNC_FIELD_NUMBER: _ClassVar[int]
    ACKED_VERSION_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    cluster: str
    envoy_version: str
    address: str
    connected: bool
    connect_time: _timestamp_pb2.Timestamp
    last_seen_time: _timestamp_pb2.Timestamp
    resources: _containers.RepeatedCompositeFieldContainer[NodeResourceStatus]
    in_sync: bool
    acked_version: int
    def __init__(self, node_id: _Optional[str] = ..., cluster: _Optional[str] = ..., envoy_version: _Optional[str] = ..., address: _Optional[str] = ..., connected: _Optional[bool] = ..., connect_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., resources: _Optional[_Iterable[_Union[NodeResourceStatus, _Mapping]]] = ..., in_sync: _Optional[bool] = ..., acked_version: _Optional[int] = ...) -> None: ...

class ListEdgeNodesRequest(_message.Message):
    __slots__ = ("page_size", "page_token", "include_disconnected")
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_DISCONNECTED_FIELD_NUMBER: _ClassVar[int]
    page_size: int
    page_token: str
    include_disconnected: bool
    def __init__(self, page_size: _Optional[int] = ..., page_token: _Optional[str] = ..., include_disconnected: _Optional[bool] = ...) -> None: ...

class ListEdgeNodesResponse(_message.Message):
    __slots__ = ("nodes", "next_page_token", "total_size", "current_version")
    NODES_FIELD_NUMBER: _ClassVar[int]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedCompositeFieldContainer[EdgeNode]
    next_page_token: str
    total_size: int
    current_version: int
    def __init__(self, nodes: _Optional[_Iterable[_Union[EdgeNode, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_size: _Optional[int] = ..., current_version: _Optional[int] = ...) -> None: ...

class GetEdgeNodeRequest(_message.Message):
    __slots__ = ("node_id",)
    NODE_ID_FIELD_NUMBER: _ClassVar[int]
    node_id: str
    def __init__(self, node_id: _Optional[str] = ...) -> None: ...

class GetEdgeNodeResponse(_message.Message):
    __slots__ = ("node",)
    NODE_FIELD_NUMBER: _ClassVar[int]
    node: EdgeNode
    def __init__(self, node: _Optional[_Union[EdgeNode, _Mapping]] = ...) -> None: ...

class GetCatalogDirectoryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CatalogDirectoryEntry(_message.Message):
    __slots__ = ("api_service_id", "code", "version", "name", "category")
    API_SERVICE_ID_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    api_service_id: str
    code: str
    version: str
    name: str
    category: str
    def __init__(self, api_service_id: _Optional[str] = ..., code: _Optional[str] = ..., version: _Optional[str] = ..., name: _Optional[str] = ..., category: _Optional[str] = ...) -> None: ...

class GetCatalogDirectoryResponse(_message.Message):
    __slots__ = ("api_services",)
    API_SERVICES_FIELD_NUMBER: _ClassVar[int]
    api_services: _containers.RepeatedCompositeFieldContainer[CatalogDirectoryEntry]
    def __init__(self, api_services: _Optional[_Iterable[_Union[CatalogDirectoryEntry, _Mapping]]] = ...) -> None: ...

class GetEdgeNodeDirectoryRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class GetEdgeNodeDirectoryResponse(_message.Message):
    __slots__ = ("nodes", "current_version")
    NODES_FIELD_NUMBER: _ClassVar[int]
    CURRENT_VERSION_FIELD_NUMBER: _ClassVar[int]
    nodes: _containers.RepeatedCompositeFieldContainer[EdgeNode]
    current_version: int
    def __init__(self, nodes: _Optional[_Iterable[_Union[EdgeNode, _Mapping]]] = ..., current_version: _Optional[int] = ...) -> None: ...
