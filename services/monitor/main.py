"""The monitor service: Envoy's access logs in, traffic figures out."""

from __future__ import annotations

import grpc
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc

from services.monitor.models import Base
from services.monitor.servicer import AccessLogSink, TrafficServicer
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.monitor.v1 import traffic_pb2
from wailian.monitor.v1 import traffic_pb2_grpc as pb_grpc


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    pb_grpc.add_TrafficServiceServicer_to_server(
        TrafficServicer(runtime.uow, runtime.settings.timezone), server
    )
    als_pb2_grpc.add_AccessLogServiceServicer_to_server(AccessLogSink(runtime.uow), server)
    return Registration(
        services=[
            traffic_pb2.DESCRIPTOR.services_by_name["TrafficService"],
            als_pb2.DESCRIPTOR.services_by_name["AccessLogService"],
        ]
    )


SERVICE = ServiceModule("monitor", Base.metadata, register)
