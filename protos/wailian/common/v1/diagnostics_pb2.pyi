import datetime

from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from wailian.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetDiagnosticsRequest(_message.Message):
    __slots__ = ("include_slow_checks",)
    INCLUDE_SLOW_CHECKS_FIELD_NUMBER: _ClassVar[int]
    include_slow_checks: bool
    def __init__(self, include_slow_checks: _Optional[bool] = ...) -> None: ...

class GetDiagnosticsResponse(_message.Message):
    __slots__ = ("service_name", "version", "start_time", "process", "host", "database")
    SERVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    PROCESS_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    service_name: str
    version: str
    start_time: _timestamp_pb2.Timestamp
    process: ProcessDiagnostics
    host: HostDiagnostics
    database: DatabaseDiagnostics
    def __init__(self, service_name: _Optional[str] = ..., version: _Optional[str] = ..., start_time: _Optional[_Union[datetime.datetime, _timestamp_pb2.Timestamp, _Mapping]] = ..., process: _Optional[_Union[ProcessDiagnostics, _Mapping]] = ..., host: _Optional[_Union[HostDiagnostics, _Mapping]] = ..., database: _Optional[_Union[DatabaseDiagnostics, _Mapping]] = ...) -> None: ...

class ProcessDiagnostics(_message.Message):
    __slots__ = ("pid", "cpu_seconds", "resident_memory_bytes", "open_files", "max_open_files", "threads")
    PID_FIELD_NUMBER: _ClassVar[int]
    CPU_SECONDS_FIELD_NUMBER: _ClassVar[int]
    RESIDENT_MEMORY_BYTES_FIELD_NUMBER: _ClassVar[int]
    OPEN_FILES_FIELD_NUMBER: _ClassVar[int]
    MAX_OPEN_FILES_FIELD_NUMBER: _ClassVar[int]
    THREADS_FIELD_NUMBER: _ClassVar[int]
    pid: int
    cpu_seconds: float
    resident_memory_bytes: int
    open_files: int
    max_open_files: int
    threads: int
    def __init__(self, pid: _Optional[int] = ..., cpu_seconds: _Optional[float] = ..., resident_memory_bytes: _Optional[int] = ..., open_files: _Optional[int] = ..., max_open_files: _Optional[int] = ..., threads: _Optional[int] = ...) -> None: ...

class HostDiagnostics(_message.Message):
    __slots__ = ("hostname", "cpu_count", "load_average_1m", "memory_total_bytes", "memory_available_bytes", "disk_path", "disk_total_bytes", "disk_free_bytes", "pod_name", "pod_namespace", "node_name")
    HOSTNAME_FIELD_NUMBER: _ClassVar[int]
    CPU_COUNT_FIELD_NUMBER: _ClassVar[int]
    LOAD_AVERAGE_1M_FIELD_NUMBER: _ClassVar[int]
    MEMORY_TOTAL_BYTES_FIELD_NUMBER: _ClassVar[int]
    MEMORY_AVAILABLE_BYTES_FIELD_NUMBER: _ClassVar[int]
    DISK_PATH_FIELD_NUMBER: _ClassVar[int]
    DISK_TOTAL_BYTES_FIELD_NUMBER: _ClassVar[int]
    DISK_FREE_BYTES_FIELD_NUMBER: _ClassVar[int]
    POD_NAME_FIELD_NUMBER: _ClassVar[int]
    POD_NAMESPACE_FIELD_NUMBER: _ClassVar[int]
    NODE_NAME_FIELD_NUMBER: _ClassVar[int]
    hostname: str
    cpu_count: int
    load_average_1m: float
    memory_total_bytes: int
    memory_available_bytes: int
    disk_path: str
    disk_total_bytes: int
    disk_free_bytes: int
    pod_name: str
    pod_namespace: str
    node_name: str
    def __init__(self, hostname: _Optional[str] = ..., cpu_count: _Optional[int] = ..., load_average_1m: _Optional[float] = ..., memory_total_bytes: _Optional[int] = ..., memory_available_bytes: _Optional[int] = ..., disk_path: _Optional[str] = ..., disk_total_bytes: _Optional[int] = ..., disk_free_bytes: _Optional[int] = ..., pod_name: _Optional[str] = ..., pod_namespace: _Optional[str] = ..., node_name: _Optional[str] = ...) -> None: ...

class DatabaseDiagnostics(_message.Message):
    __slots__ = ("engine", "server_version", "size_bytes", "wal_size_bytes", "connections", "max_connections", "tables", "long_transactions", "slow_queries", "integrity_check", "migration_revision", "migration_current", "ping_latency")
    ENGINE_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    WAL_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    MAX_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    LONG_TRANSACTIONS_FIELD_NUMBER: _ClassVar[int]
    SLOW_QUERIES_FIELD_NUMBER: _ClassVar[int]
    INTEGRITY_CHECK_FIELD_NUMBER: _ClassVar[int]
    MIGRATION_REVISION_FIELD_NUMBER: _ClassVar[int]
    MIGRATION_CURRENT_FIELD_NUMBER: _ClassVar[int]
    PING_LATENCY_FIELD_NUMBER: _ClassVar[int]
    engine: str
    server_version: str
    size_bytes: int
    wal_size_bytes: int
    connections: int
    max_connections: int
    tables: _containers.RepeatedCompositeFieldContainer[TableDiagnostics]
    long_transactions: _containers.RepeatedCompositeFieldContainer[LongTransaction]
    slow_queries: _containers.RepeatedCompositeFieldContainer[SlowQuery]
    integrity_check: str
    migration_revision: str
    migration_current: bool
    ping_latency: _duration_pb2.Duration
    def __init__(self, engine: _Optional[str] = ..., server_version: _Optional[str] = ..., size_bytes: _Optional[int] = ..., wal_size_bytes: _Optional[int] = ..., connections: _Optional[int] = ..., max_connections: _Optional[int] = ..., tables: _Optional[_Iterable[_Union[TableDiagnostics, _Mapping]]] = ..., long_transactions: _Optional[_Iterable[_Union[LongTransaction, _Mapping]]] = ..., slow_queries: _Optional[_Iterable[_Union[SlowQuery, _Mapping]]] = ..., integrity_check: _Optional[str] = ..., migration_revision: _Optional[str] = ..., migration_current: _Optional[bool] = ..., ping_latency: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class TableDiagnostics(_message.Message):
    __slots__ = ("table_name", "row_count", "size_bytes", "index_size_bytes")
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    INDEX_SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    table_name: str
    row_count: int
    size_bytes: int
    index_size_bytes: int
    def __init__(self, table_name: _Optional[str] = ..., row_count: _Optional[int] = ..., size_bytes: _Optional[int] = ..., index_size_bytes: _Optional[int] = ...) -> None: ...

class LongTransaction(_message.Message):
    __slots__ = ("backend_pid", "age", "state", "query")
    BACKEND_PID_FIELD_NUMBER: _ClassVar[int]
    AGE_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    backend_pid: int
    age: _duration_pb2.Duration
    state: str
    query: str
    def __init__(self, backend_pid: _Optional[int] = ..., age: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., state: _Optional[str] = ..., query: _Optional[str] = ...) -> None: ...

class SlowQuery(_message.Message):
    __slots__ = ("query", "calls", "mean_time", "max_time")
    QUERY_FIELD_NUMBER: _ClassVar[int]
    CALLS_FIELD_NUMBER: _ClassVar[int]
    MEAN_TIME_FIELD_NUMBER: _ClassVar[int]
    MAX_TIME_FIELD_NUMBER: _ClassVar[int]
    query: str
    calls: int
    mean_time: _duration_pb2.Duration
    max_time: _duration_pb2.Duration
    def __init__(self, query: _Optional[str] = ..., calls: _Optional[int] = ..., mean_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ..., max_time: _Optional[_Union[datetime.timedelta, _duration_pb2.Duration, _Mapping]] = ...) -> None: ...
