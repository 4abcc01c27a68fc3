"""gRPC services as API services: one per method, read from a descriptor set or the upstream's
server reflection.

A channel calls such an API with gRPC through the edge, on the method's own path
(`/package.Service/Method`); the edge routes it to the upstream over HTTP/2. The request and
response messages become JSON Schemas (their proto3 JSON mapping) for the documentation.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool
from google.protobuf.descriptor import Descriptor, FieldDescriptor
from google.protobuf.message import DecodeError
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase,
)

from services.registry import domain

MAX_DESCRIPTOR_BYTES = 4 * 1024 * 1024
SCHEMA_DEPTH = 6
REFLECTION_SECONDS = 10.0
# Reflection and health are how a gRPC server describes and reports itself, not its business.
_INFRASTRUCTURE = ("grpc.reflection.", "grpc.health.")


class GrpcImportError(ValueError):
    """The descriptors could not be read; the message says why."""


@dataclass(frozen=True)
class GrpcMethod:
    service: str  # fully qualified, e.g. "his.v1.ReportService"
    name: str
    input_type: Descriptor
    output_type: Descriptor
    streaming: bool
    comment: str

    @property
    def path(self) -> str:
        return f"/{self.service}/{self.name}"

    @property
    def code(self) -> str:
        return f"{self.service}.{self.name}".lower()[:64]


def pool_from_descriptor_set(raw: bytes) -> descriptor_pool.DescriptorPool:
    if len(raw) > MAX_DESCRIPTOR_BYTES:
        raise GrpcImportError(f"at most {MAX_DESCRIPTOR_BYTES // (1024 * 1024)} MiB")
    try:
        files = descriptor_pb2.FileDescriptorSet.FromString(raw).file
    except DecodeError:
        raise GrpcImportError("not a serialized google.protobuf.FileDescriptorSet") from None
    if not files:
        raise GrpcImportError("the descriptor set holds no files")
    pool = descriptor_pool.DescriptorPool()
    pending = list(files)
    # Files must be added after the files they import; a set may list them in any order.
    while pending:
        known = {f.name for f in files if f not in pending}
        ready = [f for f in pending if all(d in known for d in f.dependency)]
        if not ready:
            missing = sorted({d for f in pending for d in f.dependency} - {f.name for f in files})
            raise GrpcImportError(
                "imports missing from the set: " + ", ".join(missing)
                if missing
                else "files import each other in a cycle"
            )
        for file in ready:
            try:
                pool.Add(file)
            except (TypeError, ValueError) as error:
                raise GrpcImportError(f"{file.name}: {error}") from None
            pending.remove(file)
    return pool


def service_names_in_set(raw: bytes) -> list[str]:
    names = []
    for file in descriptor_pb2.FileDescriptorSet.FromString(raw).file:
        prefix = f"{file.package}." if file.package else ""
        names += [prefix + service.name for service in file.service]
    return names


def reflect(
    target: str, credentials: grpc.ChannelCredentials | None, wanted: Sequence[str] = ()
) -> tuple[descriptor_pool.DescriptorPool, list[str]]:
    """The upstream's services through server reflection (blocking: run it in a thread)."""
    channel = (
        grpc.secure_channel(target, credentials)
        if credentials is not None
        else grpc.insecure_channel(target)
    )
    try:
        grpc.channel_ready_future(channel).result(timeout=REFLECTION_SECONDS)
        database = ProtoReflectionDescriptorDatabase(channel)
        names = list(database.get_services())
        pool = descriptor_pool.DescriptorPool(database)
        for name in _chosen(names, wanted):
            with contextlib.suppress(KeyError):  # an unknown name is reported by methods()
                pool.FindServiceByName(name)  # loads the service's files while connected
        return pool, names
    except grpc.FutureTimeoutError:
        raise GrpcImportError(f"{target} did not answer within {REFLECTION_SECONDS:g} s") from None
    except grpc.RpcError as error:
        raise GrpcImportError(
            f"{target} does not offer server reflection ({error.code().name}): send a "
            "descriptor set instead"
        ) from None
    finally:
        channel.close()


def methods(
    pool: descriptor_pool.DescriptorPool, names: Sequence[str], wanted: Sequence[str]
) -> list[GrpcMethod]:
    chosen = _chosen(names, wanted)
    unknown = [name for name in chosen if name not in names]
    if unknown:
        raise GrpcImportError("no such service: " + ", ".join(unknown))
    found = []
    for name in chosen:
        service = pool.FindServiceByName(name)
        comments = _comments(service)
        for method in service.methods:
            found.append(
                GrpcMethod(
                    service=name,
                    name=method.name,
                    input_type=method.input_type,
                    output_type=method.output_type,
                    streaming=method.client_streaming or method.server_streaming,
                    comment=comments.get(method.name, ""),
                )
            )
    return found


def _chosen(names: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The services asked for; else every one but reflection and health."""
    return list(wanted) if wanted else [n for n in names if not n.startswith(_INFRASTRUCTURE)]


def _comments(service: object) -> dict[str, str]:
    """Leading comments of each method, when the descriptor set kept source info."""
    try:
        file_proto = descriptor_pb2.FileDescriptorProto()
        service.file.CopyToProto(file_proto)  # type: ignore[attr-defined]
    except (AttributeError, TypeError):
        return {}
    index = [s.name for s in file_proto.service].index(service.name)  # type: ignore[attr-defined]
    found = {}
    for location in file_proto.source_code_info.location:
        path = list(location.path)
        # service = 6, its index, method = 2, the method's index
        if len(path) == 4 and path[:3] == [6, index, 2] and location.leading_comments:
            method = file_proto.service[index].method[path[3]].name
            found[method] = location.leading_comments.strip()
    return found


def spec(
    method: GrpcMethod,
    *,
    upstream_id: str,
    category: str,
    path_prefix: str,
    method_number: int,
) -> domain.ApiServiceSpec:
    kind = "流式 " if method.streaming else ""
    description = (method.comment + "\n\n" if method.comment else "") + (
        f"gRPC {kind}方法 `{method.path}`：渠道以 gRPC 调用，请求 `{method.input_type.full_name}`，"
        f"应答 `{method.output_type.full_name}`。"
    )
    return domain.ApiServiceSpec(
        code=method.code,
        name=method.name[:64],
        category=category or "other",
        version="v1",
        description=description,
        method=method_number,
        path=f"{path_prefix.rstrip('/')}{method.path}",
        upstream_id=upstream_id,
        # A gRPC server answers on the method's own path whatever the public prefix.
        upstream_path=method.path if path_prefix else "",
        owner="",
        request_schema=json.dumps(schema(method.input_type), ensure_ascii=False),
        response_schema=json.dumps(schema(method.output_type), ensure_ascii=False),
    )


_SCALARS: dict[int, dict[str, object]] = {
    FieldDescriptor.TYPE_DOUBLE: {"type": "number"},
    FieldDescriptor.TYPE_FLOAT: {"type": "number"},
    FieldDescriptor.TYPE_INT32: {"type": "integer"},
    FieldDescriptor.TYPE_SINT32: {"type": "integer"},
    FieldDescriptor.TYPE_SFIXED32: {"type": "integer"},
    FieldDescriptor.TYPE_UINT32: {"type": "integer", "minimum": 0},
    FieldDescriptor.TYPE_FIXED32: {"type": "integer", "minimum": 0},
    # proto3 JSON carries 64-bit integers as strings.
    FieldDescriptor.TYPE_INT64: {"type": "string", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_SINT64: {"type": "string", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_SFIXED64: {"type": "string", "pattern": "^-?[0-9]+$"},
    FieldDescriptor.TYPE_UINT64: {"type": "string", "pattern": "^[0-9]+$"},
    FieldDescriptor.TYPE_FIXED64: {"type": "string", "pattern": "^[0-9]+$"},
    FieldDescriptor.TYPE_BOOL: {"type": "boolean"},
    FieldDescriptor.TYPE_STRING: {"type": "string"},
    FieldDescriptor.TYPE_BYTES: {"type": "string", "contentEncoding": "base64"},
}


def schema(message: Descriptor, depth: int = 0) -> dict[str, object]:
    """The JSON Schema of a message's proto3 JSON form (nested messages to SCHEMA_DEPTH)."""
    if depth >= SCHEMA_DEPTH:
        return {"type": "object"}
    properties: dict[str, object] = {}
    for field in message.fields:
        properties[field.json_name] = _field_schema(field, depth)
    return {"type": "object", "title": message.full_name, "properties": properties}


def _field_schema(field: FieldDescriptor, depth: int) -> dict[str, object]:
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        entry = field.message_type
        assert entry is not None
        if entry.GetOptions().map_entry:
            return {
                "type": "object",
                "additionalProperties": _field_schema(entry.fields_by_name["value"], depth + 1),
            }
        single: dict[str, object] = schema(entry, depth + 1)
    elif field.type == FieldDescriptor.TYPE_ENUM:
        assert field.enum_type is not None
        single = {"type": "string", "enum": [value.name for value in field.enum_type.values]}
    else:
        single = dict(_SCALARS[field.type])
    return {"type": "array", "items": single} if field.is_repeated else single
