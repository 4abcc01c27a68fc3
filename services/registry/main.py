"""The registry service: the API catalogue, upstreams, Envoy's control plane (xDS)."""

from __future__ import annotations

import grpc
from envoy.service.discovery.v3 import ads_pb2, ads_pb2_grpc

from services.registry.channels import IdentityDirectory
from services.registry.developer_identity import DeveloperAccounts
from services.registry.developer_servicer import DeveloperServicer
from services.registry.edge import load_edge_settings
from services.registry.edge_caller import EdgeCaller, load_edge_target
from services.registry.edge_servicer import EdgeConfigServicer
from services.registry.import_servicer import CatalogImportServicer
from services.registry.models import AuditOutboxRow, Base
from services.registry.review_servicer import AccessReviewServicer
from services.registry.servicer import CatalogServicer
from services.registry.test_run_export import ExportingDownloadServicer
from services.registry.testing_servicer import ServiceTestingServicer
from services.registry.xds import AggregatedDiscoveryServicer, EdgeControl
from services.runtime.crypto import SecretBox
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.registry.v1 import (
    access_pb2,
    access_pb2_grpc,
    catalog_import_pb2,
    catalog_import_pb2_grpc,
    catalog_pb2,
    developer_pb2,
    developer_pb2_grpc,
    downloads_pb2,
    downloads_pb2_grpc,
    edge_pb2,
    edge_pb2_grpc,
    testing_pb2,
    testing_pb2_grpc,
)
from wailian.registry.v1 import catalog_pb2_grpc as pb_grpc


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    settings = load_edge_settings(runtime.settings.data_dir)
    box = SecretBox(runtime.settings.master_key)
    control = EdgeControl(
        runtime.uow,
        settings,
        lambda: runtime.channel("identity"),
        lambda: runtime.channel("monitor"),
        box=box,
    )
    pb_grpc.add_CatalogServiceServicer_to_server(CatalogServicer(runtime.uow, control), server)
    catalog_import_pb2_grpc.add_CatalogImportServiceServicer_to_server(
        CatalogImportServicer(runtime.uow), server
    )
    directory = IdentityDirectory(lambda: runtime.channel("identity"))
    access_pb2_grpc.add_AccessServiceServicer_to_server(
        AccessReviewServicer(runtime.uow, control, directory), server
    )
    downloads_pb2_grpc.add_DownloadServiceServicer_to_server(
        ExportingDownloadServicer(runtime.uow, directory), server
    )
    edge_pb2_grpc.add_EdgeConfigServiceServicer_to_server(EdgeConfigServicer(control), server)
    edge_target = load_edge_target(settings)
    accounts = DeveloperAccounts(lambda: runtime.channel("identity"))
    developer_pb2_grpc.add_DeveloperServiceServicer_to_server(
        DeveloperServicer(
            runtime.uow,
            directory,
            accounts,
            box,
            edge_target.public,
        ),
        server,
    )
    testing = ServiceTestingServicer(
        runtime.uow, directory, accounts, EdgeCaller(edge_target, runtime.book_entry)
    )
    testing_pb2_grpc.add_ServiceTestingServiceServicer_to_server(testing, server)
    # Envoy's own contract: no policy option, so the platform interceptor lets it through
    # unauthenticated. The gRPC port is internal; the edge never routes to this service.
    ads_pb2_grpc.add_AggregatedDiscoveryServiceServicer_to_server(
        AggregatedDiscoveryServicer(control), server
    )
    return Registration(
        services=[
            catalog_pb2.DESCRIPTOR.services_by_name["CatalogService"],
            catalog_import_pb2.DESCRIPTOR.services_by_name["CatalogImportService"],
            access_pb2.DESCRIPTOR.services_by_name["AccessService"],
            edge_pb2.DESCRIPTOR.services_by_name["EdgeConfigService"],
            downloads_pb2.DESCRIPTOR.services_by_name["DownloadService"],
            developer_pb2.DESCRIPTOR.services_by_name["DeveloperService"],
            testing_pb2.DESCRIPTOR.services_by_name["ServiceTestingService"],
            ads_pb2.DESCRIPTOR.services_by_name["AggregatedDiscoveryService"],
        ],
        background=[control.follow_database, control.follow_identity, control.follow_usage],
        on_stop=[control.close, testing.close],
        audit_outbox=AuditOutboxRow,
    )


SERVICE = ServiceModule("registry", Base.metadata, register)
