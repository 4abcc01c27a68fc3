"""Reading gRPC services from a descriptor set: methods, paths, codes and JSON Schemas."""

from __future__ import annotations

import json

import pytest
from google.protobuf import descriptor_pb2

from services.registry import grpc_import
from tests.e2e.test_grpc_api import lab_protos
from wailian.registry.v1 import catalog_pb2


def descriptor_set(*files: descriptor_pb2.FileDescriptorProto) -> bytes:
    return descriptor_pb2.FileDescriptorSet(file=list(files)).SerializeToString()


def test_each_method_becomes_a_post_on_its_grpc_path_with_schemas() -> None:
    raw = descriptor_set(lab_protos())
    pool = grpc_import.pool_from_descriptor_set(raw)
    names = grpc_import.service_names_in_set(raw)
    (method,) = grpc_import.methods(pool, names, [])
    assert (method.path, method.code) == (
        "/his.v1.LabService/GetLabReport",
        "his.v1.labservice.getlabreport",
    )
    spec = grpc_import.spec(
        method, upstream_id="u1", category="report", path_prefix="", method_number=2
    )
    assert (spec.path, spec.upstream_path, spec.category) == (method.path, "", "report")
    response = json.loads(spec.response_schema)
    assert response["title"] == "his.v1.LabReport"
    assert response["properties"]["patientName"] == {"type": "string"}
    assert response["properties"]["value"] == {"type": "number"}


def test_files_may_come_in_any_order_and_a_missing_import_is_named() -> None:
    # catalog.proto imports others: the whole set of its imports, listed backwards, still reads.
    files = []
    seen: set[str] = set()

    def add(file: object) -> None:
        if file.name in seen:  # type: ignore[attr-defined]
            return
        seen.add(file.name)  # type: ignore[attr-defined]
        for dependency in file.dependencies:  # type: ignore[attr-defined]
            add(dependency)
        proto = descriptor_pb2.FileDescriptorProto()
        file.CopyToProto(proto)  # type: ignore[attr-defined]
        files.append(proto)

    add(catalog_pb2.DESCRIPTOR)
    raw = descriptor_set(*reversed(files))
    pool = grpc_import.pool_from_descriptor_set(raw)
    found = grpc_import.methods(pool, grpc_import.service_names_in_set(raw), [])
    assert "/wailian.registry.v1.CatalogService/CreateUpstream" in {m.path for m in found}
    # An int64 is a string in proto3 JSON; a repeated message an array of objects.
    create = next(m for m in found if m.name == "ListApiServices")
    listed = grpc_import.schema(create.output_type)["properties"]
    assert listed["apiServices"]["type"] == "array"  # type: ignore[index]

    with pytest.raises(grpc_import.GrpcImportError, match="imports missing"):
        grpc_import.pool_from_descriptor_set(descriptor_set(files[-1]))
    with pytest.raises(grpc_import.GrpcImportError, match="no such service"):
        grpc_import.methods(pool, grpc_import.service_names_in_set(raw), ["his.v1.Nothing"])
    with pytest.raises(grpc_import.GrpcImportError, match="FileDescriptorSet"):
        grpc_import.pool_from_descriptor_set(b"\xff\xff\xff")
