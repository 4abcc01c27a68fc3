"""A hospital system's gRPC service brought into the catalogue from its server reflection, then
called by a channel with gRPC through the real edge."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent import futures
from typing import Any

import grpc
import pytest
from google.protobuf import descriptor_pb2, descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection

from deploy.local.demo import grant
from deploy.local.launcher import LocalPlatform
from tests.e2e.test_upstream_policies import Staff
from wailian.registry.v1 import catalog_import_pb2 as ip
from wailian.registry.v1 import catalog_import_pb2_grpc as ig
from wailian.registry.v1 import catalog_pb2 as rp

pytestmark = pytest.mark.e2e

SERVICE = "his.v1.LabService"
METHOD = f"/{SERVICE}/GetLabReport"


def lab_protos() -> descriptor_pb2.FileDescriptorProto:
    """his/v1/lab.proto, as a laboratory information system would publish it."""
    string = descriptor_pb2.FieldDescriptorProto.TYPE_STRING
    double = descriptor_pb2.FieldDescriptorProto.TYPE_DOUBLE
    optional = descriptor_pb2.FieldDescriptorProto.LABEL_OPTIONAL
    file = descriptor_pb2.FileDescriptorProto(name="his/v1/lab.proto", package="his.v1")
    file.syntax = "proto3"
    request = file.message_type.add(name="GetLabReportRequest")
    request.field.add(name="report_no", number=1, type=string, label=optional)
    report = file.message_type.add(name="LabReport")
    for number, name in enumerate(("report_no", "patient_name", "item"), start=1):
        report.field.add(name=name, number=number, type=string, label=optional)
    report.field.add(name="value", number=4, type=double, label=optional)
    service = file.service.add(name="LabService")
    service.method.add(
        name="GetLabReport",
        input_type=".his.v1.GetLabReportRequest",
        output_type=".his.v1.LabReport",
    )
    return file


class LabServer:
    """The LIS: answers GetLabReport and describes itself through server reflection."""

    def __init__(self) -> None:
        pool = descriptor_pool.DescriptorPool()
        pool.Add(lab_protos())
        self.request_type = message_factory.GetMessageClass(
            pool.FindMessageTypeByName("his.v1.GetLabReportRequest")
        )
        self.report_type = message_factory.GetMessageClass(
            pool.FindMessageTypeByName("his.v1.LabReport")
        )
        self.seen: list[dict[str, str]] = []

        def get(request: Any, context: grpc.ServicerContext) -> Any:
            self.seen.append(dict(context.invocation_metadata()))
            return self.report_type(
                report_no=request.report_no, patient_name="张三", item="血红蛋白", value=135.0
            )

        handler = grpc.method_handlers_generic_handler(
            SERVICE,
            {
                "GetLabReport": grpc.unary_unary_rpc_method_handler(
                    get,
                    request_deserializer=self.request_type.FromString,
                    response_serializer=self.report_type.SerializeToString,
                )
            },
        )
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        self.server.add_generic_rpc_handlers((handler,))
        reflection.enable_server_reflection(
            (SERVICE, reflection.SERVICE_NAME), self.server, pool=pool
        )
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.server.start()

    def close(self) -> None:
        self.server.stop(grace=None)


@pytest.fixture
def lab() -> Iterator[LabServer]:
    server = LabServer()
    yield server
    server.close()


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_grpc_service_is_imported_by_reflection_and_called_through_the_edge(
    backends: LocalPlatform, lab: LabServer
) -> None:
    staff = Staff(backends)
    upstream = staff.upstream("lis-grpc", lab.port, protocol=rp.UPSTREAM_PROTOCOL_GRPC)
    importer = ig.CatalogImportServiceStub(staff.registry)
    dry = importer.ImportGrpcServices(
        ip.ImportGrpcServicesRequest(
            upstream_id=upstream.upstream_id, category="report", dry_run=True
        ),
        metadata=staff.admin,
    )
    # Reflection and health are left out: only the business service is offered.
    assert [(i.action, i.code, i.path) for i in dry.items] == [
        (ip.IMPORT_ACTION_CREATE, "his.v1.labservice.getlabreport", METHOD)
    ]
    done = importer.ImportGrpcServices(
        ip.ImportGrpcServicesRequest(upstream_id=upstream.upstream_id, category="report"),
        metadata=staff.admin,
    )
    (item,) = done.items
    service = staff.catalog.GetApiService(
        rp.GetApiServiceRequest(api_service_id=item.api_service_id), metadata=staff.admin
    ).api_service
    assert service.status == rp.API_SERVICE_STATUS_DRAFT and service.method == rp.HTTP_METHOD_POST
    assert '"reportNo"' in service.request_schema and "his.v1.LabReport" in service.response_schema
    grant(staff.registry, staff.admin, *staff.channel, item.api_service_id)
    staff.catalog.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=item.api_service_id), metadata=staff.admin
    )
    backends.start_edge()
    backends.wait_until_edge_knows(staff.channel[0])
    staff.sign_in()

    with grpc.insecure_channel(f"127.0.0.1:{backends.channel_port}") as edge:
        call = edge.unary_unary(
            METHOD,
            request_serializer=lab.request_type.SerializeToString,
            response_deserializer=lab.report_type.FromString,
        )
        report = call(
            lab.request_type(report_no="LR20261129001"),
            metadata=(("authorization", f"Bearer {staff.token}"),),
            timeout=10,
        )
        assert (report.report_no, report.patient_name, report.value) == (
            "LR20261129001",
            "张三",
            135.0,
        )
        # The channel's identity reached the LIS as the edge vouches for it, not the token.
        assert lab.seen[-1]["x-wailian-channel-code"] == staff.channel[1]
        assert "authorization" not in lab.seen[-1]

        # Without a token the edge answers in gRPC terms.
        with pytest.raises(grpc.RpcError) as refused:
            call(lab.request_type(report_no="LR1"), timeout=10)
        assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED

    # A descriptor set that is not one is refused with the field named.
    with pytest.raises(grpc.RpcError) as bad:
        importer.ImportGrpcServices(
            ip.ImportGrpcServicesRequest(
                upstream_id=upstream.upstream_id, file_descriptor_set=b"\x0a\x03garbage"
            ),
            metadata=staff.admin,
        )
    assert bad.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "file_descriptor_set" in (bad.value.details() or "")
