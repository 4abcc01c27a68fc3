"""Demo data for a first run: a channel with a credential and API services on the HIS simulator."""

from __future__ import annotations

import os

import grpc

from services.identity.main import DEMO_ADMIN_PASSWORD
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_import_pb2 as ip
from wailian.registry.v1 import catalog_import_pb2_grpc as ig
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

DEMO_CHANNEL_CODE = "demo-app"


# (code, name, category, method, public path, HIS path)
def admin_metadata(identity: grpc.Channel) -> tuple[tuple[str, str], ...]:
    """Sign in as the first administrator (the configured password, or the demo one)."""
    password = os.environ.get("WAILIAN_ADMIN_PASSWORD") or DEMO_ADMIN_PASSWORD
    response = idg.SessionServiceStub(identity).Login(
        idp.LoginRequest(username="admin", password=password), timeout=10
    )
    return (("authorization", f"Bearer {response.access_token}"),)


def grant(
    registry: grpc.Channel,
    admin: tuple[tuple[str, str], ...],
    channel_id: str,
    channel_code: str,
    api_service_id: str,
    *,
    reason: str = "",
) -> ap.AccessGrant:
    """Grant a channel one API service directly (no application), as staff do in the console."""
    return (
        ag.AccessServiceStub(registry)
        .CreateAccessGrant(
            ap.CreateAccessGrantRequest(
                access_grant=ap.AccessGrant(
                    channel_id=channel_id,
                    channel_code=channel_code,
                    api_service_id=api_service_id,
                ),
                reason=reason or "direct grant",
                idempotency_key=f"grant-{channel_id}-{api_service_id}",
            ),
            metadata=admin,
            timeout=10,
        )
        .access_grant
    )


def seed(
    identity: grpc.Channel,
    registry: grpc.Channel,
    admin: tuple[tuple[str, str], ...],
    *,
    his_port: int,
) -> dict[str, str]:
    """Create the demo channel, its token credential, the HIS upstream and published APIs."""
    channels = idg.ChannelServiceStub(identity)
    channel = channels.CreateChannel(
        idp.CreateChannelRequest(
            channel=idp.Channel(
                code=DEMO_CHANNEL_CODE,
                name="演示渠道（医院App）",
                type=idp.CHANNEL_TYPE_HOSPITAL_APP,
                owner="信息科",
            )
        ),
        metadata=admin,
    ).channel
    issued = channels.CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
        ),
        metadata=admin,
    )
    catalog = rg.CatalogServiceStub(registry)
    upstream = catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                name="his",
                description="HIS 模拟器（演示用，不是真实的医院信息系统）",
                endpoints=[rp.Endpoint(host="127.0.0.1", port=his_port)],
                protocol=rp.UPSTREAM_PROTOCOL_HTTP1,
            )
        ),
        metadata=admin,
    ).upstream
    # The standard catalogue of hospital interfaces, served by the HIS simulator, published and
    # granted to the demo channel: a fresh install has every interface to try.
    imported = (
        ig.CatalogImportServiceStub(registry)
        .ImportCatalogTemplates(
            ip.ImportCatalogTemplatesRequest(upstream_id=upstream.upstream_id), metadata=admin
        )
        .items
    )
    for item in imported:
        if item.action != ip.IMPORT_ACTION_CREATE:
            continue
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=item.api_service_id), metadata=admin
        )
        grant(
            registry,
            admin,
            channel.channel_id,
            channel.code,
            item.api_service_id,
            reason="演示渠道可调用全部演示接口",
        )
    return {
        "channel_id": channel.channel_id,
        "code": channel.code,
        "client_id": issued.credential.client_id,
        "client_secret": issued.client_secret,
    }
