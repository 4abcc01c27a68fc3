"""The edge's configuration from the platform's state: registry's catalogue and identity's keys.

The registry issue replaces this one-shot generation with registry serving xDS.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

import grpc

from deploy.envoy import inputs
from deploy.envoy.descriptors import wailian_services
from wailian.identity.v1 import identity_pb2, identity_pb2_grpc
from wailian.registry.v1 import catalog_pb2, catalog_pb2_grpc

_METHODS = {
    catalog_pb2.HTTP_METHOD_GET: "GET",
    catalog_pb2.HTTP_METHOD_POST: "POST",
    catalog_pb2.HTTP_METHOD_PUT: "PUT",
    catalog_pb2.HTTP_METHOD_PATCH: "PATCH",
    catalog_pb2.HTTP_METHOD_DELETE: "DELETE",
}
_ROUTABLE = (catalog_pb2.API_SERVICE_STATUS_PUBLISHED, catalog_pb2.API_SERVICE_STATUS_DEPRECATED)


def _millis(duration: object) -> timedelta:
    return timedelta(
        seconds=getattr(duration, "seconds", 0), microseconds=getattr(duration, "nanos", 0) // 1000
    )


def _all_pages(fetch, field: str) -> list:  # type: ignore[no-untyped-def]
    items, token = [], ""
    while True:
        response = fetch(token)
        items.extend(getattr(response, field))
        token = response.next_page_token
        if not token:
            return items


def platform_state(
    identity: grpc.Channel, registry: grpc.Channel, metadata: tuple[tuple[str, str], ...]
) -> tuple[str, tuple[inputs.Upstream, ...], tuple[inputs.ApiRoute, ...]]:
    """The JWKS, the upstreams and the routable API services, read over gRPC."""
    jwks = identity_pb2_grpc.SessionServiceStub(identity).GetJwks(identity_pb2.GetJwksRequest())
    keys_json = json.dumps(
        {
            "keys": [
                {
                    "kty": k.kty,
                    "crv": k.crv,
                    "x": k.x,
                    "y": k.y,
                    "kid": k.kid,
                    "alg": k.alg,
                    "use": k.use,
                }
                for k in jwks.keys
            ]
        }
    )
    catalog = catalog_pb2_grpc.CatalogServiceStub(registry)
    upstream_messages = _all_pages(
        lambda token: catalog.ListUpstreams(
            catalog_pb2.ListUpstreamsRequest(page_size=200, page_token=token), metadata=metadata
        ),
        "upstreams",
    )
    services = _all_pages(
        lambda token: catalog.ListApiServices(
            catalog_pb2.ListApiServicesRequest(page_size=200, page_token=token), metadata=metadata
        ),
        "api_services",
    )
    timeouts = {u.upstream_id: _millis(u.request_timeout) for u in upstream_messages}
    upstreams = tuple(
        inputs.Upstream(
            name=u.name,
            endpoints=tuple(inputs.Endpoint(e.host, e.port, e.weight or 1) for e in u.endpoints),
            protocol=inputs.UpstreamProtocol.HTTP1
            if u.protocol
            in (catalog_pb2.UPSTREAM_PROTOCOL_HTTP1, catalog_pb2.UPSTREAM_PROTOCOL_UNSPECIFIED)
            else inputs.UpstreamProtocol.HTTP2,
            connect_timeout=_millis(u.connect_timeout) or timedelta(seconds=2),
        )
        for u in upstream_messages
    )
    routes = tuple(
        inputs.ApiRoute(
            name=s.code,
            method=_METHODS[s.method],
            path=s.path,
            upstream=s.upstream_name,
            upstream_path=s.upstream_path,
            timeout=timeouts.get(s.upstream_id) or timedelta(seconds=15),
        )
        for s in services
        if s.status in _ROUTABLE
    )
    return keys_json, upstreams, routes


def edge_config(
    *,
    jwks: str,
    upstreams: tuple[inputs.Upstream, ...],
    routes: tuple[inputs.ApiRoute, ...],
    backends: Mapping[str, tuple[str, int]],
    web: tuple[str, int],
    descriptor_set: Path,
    channel_port: int,
    console_port: int,
    admin_port: int,
    access_log_path: Path,
    bind_address: str = "127.0.0.1",
) -> inputs.EdgeConfig:
    return inputs.EdgeConfig(
        channel_listener=inputs.BindAddress(bind_address, channel_port),
        console_listener=inputs.BindAddress(bind_address, console_port),
        admin_port=admin_port,
        backends={name: inputs.Endpoint(host, port) for name, (host, port) in backends.items()},
        web=inputs.Endpoint(*web),
        descriptor_set=descriptor_set.resolve(),
        grpc_services=wailian_services(descriptor_set),
        jwt=inputs.ChannelJwt(jwks=jwks),
        api_routes=routes,
        upstreams=upstreams,
        access_log=inputs.AccessLog(path=access_log_path.resolve()),
    )
