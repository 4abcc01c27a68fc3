"""The registry service: the API catalogue, upstreams, and (later) access review and xDS."""

from __future__ import annotations

import grpc

from services.registry.models import Base
from services.registry.servicer import CatalogServicer
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.registry.v1 import catalog_pb2
from wailian.registry.v1 import catalog_pb2_grpc as pb_grpc


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    pb_grpc.add_CatalogServiceServicer_to_server(CatalogServicer(runtime.uow), server)
    return Registration(services=[catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"]])


SERVICE = ServiceModule("registry", Base.metadata, register)
