"""Envoy v3 bootstrap configuration of Wailian's edge, built as plain dicts.

The edge has two listeners. The channel listener is what hospitals' external channels call:
the OAuth2 token endpoint and the published APIs, each API behind a verified channel token.
The console listener serves the web console: its gRPC APIs transcoded from JSON, and the
static files of the single-page application. Both follow Envoy's advice for edge proxies
(https://www.envoyproxy.io/docs/envoy/latest/configuration/best_practices/edge).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, timedelta
from email.utils import format_datetime
from ipaddress import ip_address, ip_network
from pathlib import Path
from typing import Any

import yaml

from deploy.envoy.inputs import (
    IDEMPOTENT_METHODS,
    SYSTEM_CA_BUNDLE,
    AccessLog,
    ApiRoute,
    BindAddress,
    ChannelAccess,
    ChannelEdge,
    ChannelJwt,
    ChannelPolicy,
    CircuitBreakers,
    ClientCertificate,
    ControlPlane,
    Deprecation,
    EdgeConfig,
    EdgeLimits,
    Endpoint,
    HealthCheck,
    LoadBalancing,
    MutualTls,
    OutlierDetection,
    PlatformEdge,
    RetryPolicy,
    Upstream,
    UpstreamProtocol,
    UpstreamTls,
)

__all__ = [
    "ADMIN_ADDRESS",
    "BACKEND_CLUSTER_PREFIX",
    "CHANNEL_CHECKS_FILTER",
    "CHANNEL_IDENTITY_CLAIMS",
    "CHANNEL_LISTENER",
    "CHANNEL_MTLS_LISTENER",
    "CONSOLE_LISTENER",
    "GRANTS_FILTER",
    "INTERNAL_REQUEST_HEADERS",
    "JWT_FILTER",
    "LOGGED_REQUEST_HEADERS",
    "OAUTH2_PATH",
    "OAUTH2_ROUTE",
    "OAUTH2_SERVICE",
    "ROUTER_FILTER",
    "STRIPPED_REQUEST_HEADER_PREFIXES",
    "STRIP_FILTER",
    "WEB_CLUSTER",
    "XDS_CLUSTER",
    "AccessLog",
    "ApiRoute",
    "BindAddress",
    "ChannelAccess",
    "ChannelEdge",
    "ChannelJwt",
    "ChannelPolicy",
    "CircuitBreakers",
    "ClientCertificate",
    "ControlPlane",
    "Deprecation",
    "EdgeConfig",
    "EdgeLimits",
    "EdgeResources",
    "Endpoint",
    "HealthCheck",
    "LoadBalancing",
    "MutualTls",
    "OutlierDetection",
    "PlatformEdge",
    "RetryPolicy",
    "Upstream",
    "UpstreamProtocol",
    "UpstreamTls",
    "backend_cluster",
    "build_bare_proxy_bootstrap",
    "build_channel_resources",
    "build_direct_response_bootstrap",
    "build_edge_bootstrap",
    "build_xds_edge_bootstrap",
    "dump_yaml",
    "grants_per_route",
]

Config = dict[str, Any]

ADMIN_ADDRESS = "127.0.0.1"
# Listener names; with port 0 the bound port is read back from admin /listeners by name.
CHANNEL_LISTENER = "channel"
CHANNEL_MTLS_LISTENER = "channel_mtls"
CONSOLE_LISTENER = "console"

# Headers the platform sets for its services after it has authenticated a caller. A client
# must never be able to send them, so the edge removes every header under these prefixes
# before any other filter runs. x-envoy-* goes too: Envoy only sanitises it for requests from
# outside internal_cidrs, and it steers timeouts and retries.
CHANNEL_ID_HEADER = "x-wailian-channel-id"
CHANNEL_CODE_HEADER = "x-wailian-channel-code"
CREDENTIAL_ID_HEADER = "x-wailian-credential-id"
INTERNAL_REQUEST_HEADERS = (
    CHANNEL_ID_HEADER,
    CHANNEL_CODE_HEADER,
    CREDENTIAL_ID_HEADER,
    "x-wailian-caller",
)
STRIPPED_REQUEST_HEADER_PREFIXES = ("x-wailian-", "x-envoy-")

# Access token claim → the header the upstream (and the edge's own checks) read it from.
CHANNEL_IDENTITY_CLAIMS = {
    "sub": CHANNEL_ID_HEADER,
    "channel_code": CHANNEL_CODE_HEADER,
    "cid": CREDENTIAL_ID_HEADER,
}
# The Authorization scheme of signed requests (identity verifies them for the edge).
SIGNATURE_SCHEME = "WAILIAN-HMAC-SHA256"
SIGNATURE_FILTER = "wailian.signature"
# The filters every channel chain has: the internal headers stripped, the token verified, and
# the router last.
STRIP_FILTER = "wailian.strip_internal_headers"
JWT_FILTER = "envoy.filters.http.jwt_authn"
ROUTER_FILTER = "envoy.filters.http.router"
# The channel checks after authentication, in the promised order: revoked credential, channel
# state and IP allow-list in one RBAC filter (a decision tree of exact-match maps), then the
# grants, the rate limit and the quota. An action's name is the error code the channel sees.
CHANNEL_CHECKS_FILTER = "wailian.channel_checks"
GRANTS_FILTER = "wailian.grants"
RATE_LIMIT_FILTER = "wailian.rate_limit"
QUOTA_FILTER = "wailian.daily_quota"
CREDENTIAL_REVOKED = "credential_revoked"
CHANNEL_DISABLED = "channel_disabled"
IP_NOT_ALLOWED = "ip_not_allowed"
CHANNEL_ALLOWED = "channel_allowed"
API_GRANTED = "api_granted"
# The code a channel gets for an API not granted to it: RBAC's own, from when no policy matched.
API_NOT_GRANTED = "none"
DAILY_QUOTA_EXCEEDED = "daily_quota_exceeded"
CLIENT_CERTIFICATE_FILTER = "wailian.client_certificate"
CREDENTIAL_MISSING = "credential_missing"
MAX_SIGNED_BODY_BYTES = 1024 * 1024
# Identity's signature check on its HTTP port (services/identity/ext_authz.py CHECK_PATH), and
# the headers its answer sets on a verified request.
SIGNATURE_CHECK_PATH = "/edge/signature-check"
SIGNATURE_IDENTITY_HEADERS = (
    "x-wailian-channel-id",
    "x-wailian-channel-code",
    "x-wailian-credential-id",
)
UNLIMITED_PER_SECOND = 10_000_000
_UNLIMITED_BUCKET = {
    "max_tokens": UNLIMITED_PER_SECOND,
    "tokens_per_fill": UNLIMITED_PER_SECOND,
    "fill_interval": "1s",
}
# The path the channel called, taken before any rewrite: logs show the public API path, not
# the upstream's (the router's suppress_envoy_headers also drops x-envoy-original-path).
PUBLIC_PATH_HEADER = "x-wailian-public-path"
# The headers the gRPC access log carries besides its own fields (which hold the request id
# and the user agent already): the channel, the public path, and the caller's W3C trace context
# so that staff can find a vendor's call by the trace id the vendor quotes.
LOGGED_REQUEST_HEADERS = (
    PUBLIC_PATH_HEADER,
    "x-wailian-channel-id",
    "x-wailian-channel-code",
    "traceparent",
)

OAUTH2_SERVICE = "wailian.identity.v1.ChannelTokenService"
OAUTH2_PATH = "/oauth2/token"
# Where identity serves it on its HTTP port (services/identity/oauth2.py TOKEN_PATH).
OAUTH2_BACKEND_PATH = "/edge/oauth2/token"
OAUTH2_ROUTE = "oauth2.token"
BACKEND_CLUSTER_PREFIX = "wailian_"
WEB_CLUSTER = "wailian_web"
# The control plane (registry's ADS); a platform cluster, so an upstream cannot take its name.
XDS_CLUSTER = "wailian_xds"
# Envoy fetches listeners, routes and clusters over the one ADS stream.
ADS_SOURCE: dict[str, Any] = {"ads": {}, "resource_api_version": "V3"}
JWT_PROVIDER = "wailian"
JWT_REQUIREMENT = "channel"
JWT_FAILURE_METADATA_KEY = "failure"

_TYPES = {
    "hcm": "envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
    "router": "envoy.extensions.filters.http.router.v3.Router",
    "header_mutation": "envoy.extensions.filters.http.header_mutation.v3.HeaderMutation",
    "jwt_authn": "envoy.extensions.filters.http.jwt_authn.v3.JwtAuthentication",
    "jwt_route": "envoy.extensions.filters.http.jwt_authn.v3.PerRouteConfig",
    "transcoder": "envoy.extensions.filters.http.grpc_json_transcoder.v3.GrpcJsonTranscoder",
    "http_options": "envoy.extensions.upstreams.http.v3.HttpProtocolOptions",
    "file_log": "envoy.extensions.access_loggers.file.v3.FileAccessLog",
    "grpc_log": "envoy.extensions.access_loggers.grpc.v3.HttpGrpcAccessLogConfig",
    "fixed_heap": "envoy.extensions.resource_monitors.fixed_heap.v3.FixedHeapConfig",
    "rbac": "envoy.extensions.filters.http.rbac.v3.RBAC",
    "rbac_route": "envoy.extensions.filters.http.rbac.v3.RBACPerRoute",
    "rbac_action": "envoy.config.rbac.v3.Action",
    "source_ip_input": "envoy.extensions.matching.common_inputs.network.v3.SourceIPInput",
    "ip_matcher": "xds.type.matcher.v3.IPMatcher",
    "ext_authz": "envoy.extensions.filters.http.ext_authz.v3.ExtAuthz",
    "ext_authz_route": "envoy.extensions.filters.http.ext_authz.v3.ExtAuthzPerRoute",
    "local_ratelimit": "envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
    "with_matcher": "envoy.extensions.common.matching.v3.ExtensionWithMatcher",
    "skip_filter": "envoy.extensions.filters.common.matcher.action.v3.SkipFilter",
    "header_input": "envoy.type.matcher.v3.HttpRequestHeaderMatchInput",
    "cel_filter": "envoy.extensions.access_loggers.filters.cel.v3.ExpressionFilter",
    "filter_config": "envoy.config.route.v3.FilterConfig",
    "downstream_tls": "envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext",
    "upstream_tls": "envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext",
    "connections": (
        "envoy.extensions.resource_monitors.downstream_connections.v3.DownstreamConnectionsConfig"
    ),
}

_ERROR_BODY = {
    "error": {
        "status": "%RESPONSE_CODE%",
        "code": "%RESPONSE_CODE_DETAILS%",
        "message": "%LOCAL_REPLY_BODY%",
        "request_id": "%REQ(X-REQUEST-ID)%",
    }
}

_ACCESS_LOG_LINE = {
    "time": "%START_TIME%",
    "request_id": "%REQ(X-REQUEST-ID)%",
    "api": "%ROUTE_NAME%",
    "method": "%REQ(:METHOD)%",
    "path": "%REQ(X-WAILIAN-PUBLIC-PATH?:PATH)%",
    "status": "%RESPONSE_CODE%",
    "details": "%RESPONSE_CODE_DETAILS%",
    "flags": "%RESPONSE_FLAGS%",
    "duration_ms": "%DURATION%",
    "upstream_ms": "%RESPONSE_DURATION%",
    "bytes_received": "%BYTES_RECEIVED%",
    "bytes_sent": "%BYTES_SENT%",
    "upstream_host": "%UPSTREAM_HOST%",
    "client": "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
    "channel_id": "%REQ(X-WAILIAN-CHANNEL-ID)%",
    "channel_code": "%REQ(X-WAILIAN-CHANNEL-CODE)%",
    "user_agent": "%REQ(USER-AGENT)%",
    "traceparent": "%REQ(TRACEPARENT)%",
}


@dataclass(frozen=True)
class EdgeResources:
    """The channel side's Envoy resources: its listener, route configuration and clusters."""

    listeners: list[Config]
    route_configs: list[Config]
    clusters: list[Config]
    # Upstream client certificates served over SDS (with a route source only; inline else).
    secrets: list[Config] = field(default_factory=list)


def build_edge_bootstrap(config: EdgeConfig) -> Config:
    """The edge Envoy's bootstrap: channel and console listeners, admin on loopback."""
    _check_references(config)
    channel = build_channel_resources(config.channel)
    return {
        **_platform_bootstrap(config.platform),
        "static_resources": {
            "listeners": [*channel.listeners, _console_listener(config.platform)],
            "clusters": [*_platform_clusters(config.platform), *channel.clusters],
        },
    }


def build_xds_edge_bootstrap(platform: PlatformEdge, control_plane: ControlPlane) -> Config:
    """The edge's bootstrap when registry is its control plane.

    The console listener and the platform's clusters are static (they change only with the
    deployment); the channel listener, its routes and the upstreams come over ADS.
    """
    _check_backends(platform, (*platform.grpc_services, OAUTH2_SERVICE))
    limits = platform.limits
    xds = _cluster(
        XDS_CLUSTER,
        (control_plane.endpoint,),
        UpstreamProtocol.HTTP2,
        limits.connect_timeout,
        limits,
        close_idle=False,  # the ADS stream lives as long as Envoy does
    )
    return {
        **_platform_bootstrap(platform),
        "node": {"id": control_plane.node_id, "cluster": control_plane.node_cluster},
        "static_resources": {
            "listeners": [_console_listener(platform)],
            "clusters": [*_platform_clusters(platform), xds],
        },
        "dynamic_resources": {
            "ads_config": {
                "api_type": "GRPC",
                "transport_api_version": "V3",
                "grpc_services": [
                    {
                        "envoy_grpc": {
                            "cluster_name": XDS_CLUSTER,
                            # Back soon after registry returns: Envoy's default backoff grows
                            # to 30 s, leaving the edge on an old configuration that long.
                            "retry_policy": {
                                "retry_back_off": {"base_interval": "0.25s", "max_interval": "2s"}
                            },
                        }
                    }
                ],
                "set_node_on_first_message_only": True,
            },
            "lds_config": copy.deepcopy(ADS_SOURCE),
            "cds_config": copy.deepcopy(ADS_SOURCE),
        },
    }


def build_channel_resources(
    channel: ChannelEdge, *, route_source: Mapping[str, Any] | None = None
) -> EdgeResources:
    """The channel listener, its routes and the upstream clusters.

    Without a route source the routes are inline in the listener (a static bootstrap); with
    one (e.g. `ADS_SOURCE`) the listener names its route configuration, served beside it.
    """
    _check_channel(channel)
    limits = channel.limits
    manager = _channel_connection_manager(channel)
    route_config = manager["route_config"]
    if route_source is not None:
        del manager["route_config"]
        manager["rds"] = {
            "route_config_name": route_config["name"],
            "config_source": copy.deepcopy(dict(route_source)),
        }
    listener = _listener(
        CHANNEL_LISTENER, channel.listener, manager, buffer_limit=limits.connection_buffer_bytes
    )
    listeners = [listener]
    if channel.mutual_tls is not None:
        mtls_manager = _mutual_tls_connection_manager(channel, route_config, route_source)
        mtls = _listener(
            CHANNEL_MTLS_LISTENER,
            channel.mutual_tls.listener,
            mtls_manager,
            buffer_limit=limits.connection_buffer_bytes,
        )
        mtls["filter_chains"][0]["transport_socket"] = _downstream_tls(channel.mutual_tls)
        listeners.append(mtls)
    clusters = [
        _upstream_cluster(upstream, limits, secret_source=route_source)
        for upstream in channel.upstreams
    ]
    secrets = [
        _client_secret(upstream.name, upstream.tls.client_certificate)
        for upstream in channel.upstreams
        if route_source is not None
        and upstream.tls is not None
        and upstream.tls.client_certificate is not None
    ]
    return EdgeResources(
        listeners=listeners, route_configs=[route_config], clusters=clusters, secrets=secrets
    )


def client_secret_name(upstream: str) -> str:
    """The SDS secret holding an upstream's client certificate and key."""
    return f"upstream-client/{upstream}"


def _client_secret(upstream: str, certificate: ClientCertificate) -> Config:
    return {"name": client_secret_name(upstream), **_tls_certificate(certificate)}


def _tls_certificate(certificate: ClientCertificate) -> Config:
    return {
        "tls_certificate": {
            "certificate_chain": {"inline_string": certificate.certificate_chain_pem},
            "private_key": {"inline_string": certificate.private_key},
        }
    }


# Envoy refuses a regex whose compiled RE2 program is larger than 100 instructions unless told
# otherwise; an API path template (up to 256 characters and 5 variables) compiles to more.
_MAX_REGEX_PROGRAM_SIZE = 2000


def _platform_bootstrap(platform: PlatformEdge) -> Config:
    return {
        "node": {"id": "wailian-edge", "cluster": "wailian-edge"},
        "admin": _admin(platform.admin_port),
        "overload_manager": _overload_manager(platform.limits),
        "layered_runtime": {
            "layers": [
                {
                    "name": "wailian",
                    "static_layer": {
                        "re2.max_program_size.error_level": _MAX_REGEX_PROGRAM_SIZE,
                        "re2.max_program_size.warn_level": _MAX_REGEX_PROGRAM_SIZE,
                    },
                },
                {"name": "admin", "admin_layer": {}},
            ]
        },
    }


def _platform_clusters(platform: PlatformEdge) -> list[Config]:
    limits = platform.limits
    clusters = [
        _cluster(
            backend_cluster(name),
            (endpoint,),
            UpstreamProtocol.HTTP2,
            limits.connect_timeout,
            limits,
            buffer_limit=limits.console_buffer_bytes,
        )
        for name, endpoint in sorted(platform.backends.items())
    ]
    clusters += [
        _cluster(
            http_backend_cluster(name),
            (endpoint,),
            UpstreamProtocol.HTTP1,
            limits.connect_timeout,
            limits,
            buffer_limit=limits.console_buffer_bytes,
        )
        for name, endpoint in sorted(platform.http_backends.items())
    ]
    clusters.append(
        _cluster(
            WEB_CLUSTER, (platform.web,), UpstreamProtocol.HTTP1, limits.connect_timeout, limits
        )
    )
    return clusters


def build_bare_proxy_bootstrap(
    listener: BindAddress, admin_port: int, upstream: Upstream
) -> Config:
    """A plain proxy to one upstream, router only: the baseline of the edge benchmarks."""
    manager = {
        "@type": _type_url("hcm"),
        "stat_prefix": "bare",
        "route_config": {
            "virtual_hosts": [
                {
                    "name": "bare",
                    "domains": ["*"],
                    "routes": [{"match": {"prefix": "/"}, "route": {"cluster": upstream.name}}],
                }
            ]
        },
        "http_filters": [_router_filter(suppress_envoy_headers=False)],
    }
    return {
        "admin": _admin(admin_port),
        "static_resources": {
            "listeners": [_listener("bare", listener, manager, buffer_limit=None)],
            "clusters": [
                {
                    "name": upstream.name,
                    "connect_timeout": _duration(upstream.connect_timeout),
                    **_discovery(upstream.endpoints),
                    "load_assignment": _load_assignment(upstream.name, upstream.endpoints),
                    **_protocol_options(upstream.protocol, idle_timeout=None),
                }
            ],
        },
    }


def build_direct_response_bootstrap(
    listener: BindAddress,
    admin_port: int,
    body: str = '{"ok":true}',
    content_type: str = "application/json",
) -> Config:
    """An Envoy answering every request itself with 200 and a fixed body: a fast upstream."""
    manager = {
        "@type": _type_url("hcm"),
        "stat_prefix": "direct",
        "route_config": {
            "virtual_hosts": [
                {
                    "name": "direct",
                    "domains": ["*"],
                    "routes": [
                        {
                            "match": {"prefix": "/"},
                            "direct_response": {"status": 200, "body": {"inline_string": body}},
                            "response_headers_to_add": [
                                {
                                    "header": {"key": "content-type", "value": content_type},
                                    "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
                                }
                            ],
                        }
                    ],
                }
            ]
        },
        "http_filters": [_router_filter(suppress_envoy_headers=False)],
    }
    return {
        "admin": _admin(admin_port),
        "static_resources": {
            "listeners": [_listener("direct", listener, manager, buffer_limit=None)],
        },
    }


def dump_yaml(bootstrap: Mapping[str, Any]) -> str:
    """The bootstrap as YAML for `envoy -c`."""
    return yaml.safe_dump(dict(bootstrap), sort_keys=False, allow_unicode=True)


def backend_cluster(backend: str) -> str:
    """The cluster name of a platform service (identity, registry, ...)."""
    return f"{BACKEND_CLUSTER_PREFIX}{backend}"


def http_backend_cluster(backend: str) -> str:
    """The cluster name of a platform service's HTTP port (probes and HTTP routes)."""
    return f"{BACKEND_CLUSTER_PREFIX}{backend}_http"


def _check_references(config: EdgeConfig) -> None:
    needed = list(config.grpc_services)
    if config.access_log is not None and config.access_log.grpc_backend is not None:
        needed.append(f"wailian.{config.access_log.grpc_backend}.v1.AccessLog")
    _check_backends(config.platform, needed)


def _check_backends(platform: PlatformEdge, services: Iterable[str]) -> None:
    missing = {_backend_of(service) for service in services} - set(platform.backends)
    if missing:
        raise ValueError(f"no backend address for {sorted(missing)}")
    # The channel listener's token endpoint and signature checks are on identity's HTTP port.
    if _backend_of(OAUTH2_SERVICE) not in platform.http_backends:
        raise ValueError("no HTTP address for identity (the token endpoint, signature checks)")


def _check_channel(channel: ChannelEdge) -> None:
    names = [upstream.name for upstream in channel.upstreams]
    if len(set(names)) != len(names):
        raise ValueError(f"upstream names repeat: {sorted(names)}")
    reserved = [name for name in names if name.startswith(BACKEND_CLUSTER_PREFIX)]
    if reserved:
        raise ValueError(
            f"upstream names {reserved} use the reserved prefix {BACKEND_CLUSTER_PREFIX}"
        )
    routes = [route.name for route in channel.api_routes]
    if len(set(routes)) != len(routes) or OAUTH2_ROUTE in routes:
        raise ValueError(f"API route names (API service codes) repeat or use {OAUTH2_ROUTE!r}")
    unknown = {route.upstream for route in channel.api_routes} - set(names)
    if unknown:
        raise ValueError(f"API routes name unknown upstreams {sorted(unknown)}")


def _backend_of(service: str) -> str:
    """`wailian.identity.v1.SessionService` is served by the `identity` backend."""
    parts = service.split(".")
    if len(parts) < 4 or parts[0] != "wailian":
        raise ValueError(
            f"{service!r} is not a fully-qualified wailian.<backend>.<version> service"
        )
    return parts[1]


def _admin(port: int) -> Config:
    return {"address": _socket_address(ADMIN_ADDRESS, port)}


def _overload_manager(limits: EdgeLimits) -> Config:
    heap = "envoy.resource_monitors.fixed_heap"
    return {
        "refresh_interval": "0.25s",
        "resource_monitors": [
            {
                "name": heap,
                "typed_config": {
                    "@type": _type_url("fixed_heap"),
                    "max_heap_size_bytes": limits.max_heap_bytes,
                },
            },
            {
                "name": "envoy.resource_monitors.global_downstream_max_connections",
                "typed_config": {
                    "@type": _type_url("connections"),
                    "max_active_downstream_connections": limits.max_downstream_connections,
                },
            },
        ],
        "actions": [
            {
                "name": "envoy.overload_actions.shrink_heap",
                "triggers": [{"name": heap, "threshold": {"value": 0.95}}],
            },
            {
                "name": "envoy.overload_actions.stop_accepting_requests",
                "triggers": [{"name": heap, "threshold": {"value": 0.98}}],
            },
        ],
    }


def _channel_connection_manager(channel: ChannelEdge) -> Config:
    limits = channel.limits
    access = channel.access
    token_route_filters: Config = {
        JWT_FILTER: {"@type": _type_url("jwt_route"), "disabled": True},
    }
    if access is not None:
        # The token endpoint is where a channel gets its credential checked: nothing to grant.
        token_route_filters[GRANTS_FILTER] = {"@type": _type_url("rbac_route")}
        if access.signature_backend is not None:
            token_route_filters[SIGNATURE_FILTER] = {
                "@type": _type_url("ext_authz_route"),
                "disabled": True,
            }
    token_route = {
        "name": OAUTH2_ROUTE,
        "match": {"path": OAUTH2_PATH, "headers": [_method_matcher("POST")]},
        # Identity answers on its HTTP port in RFC 6749's own terms (errors included); the
        # log keeps the public path.
        "request_headers_to_add": [_public_path_header(OAUTH2_PATH)],
        "route": {
            "cluster": http_backend_cluster(_backend_of(OAUTH2_SERVICE)),
            "prefix_rewrite": OAUTH2_BACKEND_PATH,
            "timeout": _duration(limits.grpc_timeout),
            "idle_timeout": _duration(limits.route_idle_timeout),
        },
        "typed_per_filter_config": token_route_filters,
    }
    upstreams = {upstream.name: upstream for upstream in channel.upstreams}
    routes = [
        token_route,
        *(
            _api_route(route, upstreams[route.upstream], limits, access)
            for route in channel.api_routes
        ),
    ]
    backend = access.signature_backend if access is not None else None
    filters = [
        _strip_internal_headers_filter(),
        # jwt_authn first (it clears the identity headers before it sets them from a token);
        # a request with a Bearer token then skips the signature check. Each API route drops
        # the credential before the upstream (a route's header removal costs no filter).
        _jwt_filter(channel.jwt, tokens_optional=backend is not None),
        *([_signature_filter(backend)] if backend is not None else []),
        *(_access_filters(access) if access is not None else []),
        _router_filter(suppress_envoy_headers=True),
    ]
    manager = _edge_connection_manager(
        "channel", channel, routes, filters, verifies_tokens=True, checks_access=access is not None
    )
    if access is not None:
        (host,) = manager["route_config"]["virtual_hosts"]
        host["typed_per_filter_config"] = _access_rules(access)
    if channel.access_log is not None:
        manager["access_log"] = _access_loggers(channel.access_log)
    return manager


def _mutual_tls_connection_manager(
    channel: ChannelEdge, route_config: Config, route_source: Mapping[str, Any] | None
) -> Config:
    """The mutual-TLS listener: the client certificate names the channel, then the same checks.

    It shares the token listener's routes (and so its rules and grants).
    """
    assert channel.access is not None and channel.mutual_tls is not None
    access = channel.access
    # A verified client certificate has a name (an empty `authenticated` matches any TLS).
    no_certificate: Config = {
        "not_id": {"authenticated": {"principal_name": {"safe_regex": {"regex": ".+"}}}}
    }
    filters = [
        _strip_internal_headers_filter(),
        _peer_certificate_identity_filter(),
        _rbac_filter(
            CLIENT_CERTIFICATE_FILTER,
            {
                "action": "DENY",
                "policies": {
                    CREDENTIAL_MISSING: {
                        "permissions": [{"any": True}],
                        "principals": [no_certificate],
                    }
                },
            },
        ),
        *_access_filters(access),
        _router_filter(suppress_envoy_headers=True),
    ]
    manager = _edge_connection_manager(
        "channel_mtls", channel, [], filters, verifies_tokens=False, checks_access=True
    )
    if route_source is not None:
        del manager["route_config"]
        manager["rds"] = {
            "route_config_name": route_config["name"],
            "config_source": copy.deepcopy(dict(route_source)),
        }
    else:
        manager["route_config"] = copy.deepcopy(route_config)
    if channel.access_log is not None:
        manager["access_log"] = _access_loggers(channel.access_log)
    return manager


def _peer_certificate_identity_filter() -> Config:
    """The channel and credential from the verified client certificate, as the checks read them.

    The certificate's DNS name is the channel id; its SHA-256 fingerprint stands for the
    credential (revoked certificates are listed by fingerprint).
    """
    values = {
        CHANNEL_ID_HEADER: "%DOWNSTREAM_PEER_DNS_SAN%",
        CREDENTIAL_ID_HEADER: "%DOWNSTREAM_PEER_FINGERPRINT_256%",
    }
    return {
        "name": "wailian.client_certificate_identity",
        "typed_config": {
            "@type": _type_url("header_mutation"),
            "mutations": {
                "request_mutations": [
                    {
                        "append": {
                            "header": {"key": header, "value": value},
                            "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
                        }
                    }
                    for header, value in values.items()
                ]
            },
        },
    }


def _downstream_tls(mutual_tls: MutualTls) -> Config:
    return {
        "name": "envoy.transport_sockets.tls",
        "typed_config": {
            "@type": _type_url("downstream_tls"),
            # Without a certificate the request goes on, to be refused with a JSON 401 that
            # says why; a certificate the CA did not sign fails the handshake.
            "require_client_certificate": False,
            "common_tls_context": {
                "tls_params": {"tls_minimum_protocol_version": "TLSv1_2"},
                "alpn_protocols": ["h2", "http/1.1"],
                "tls_certificates": [
                    {
                        "certificate_chain": {"filename": str(mutual_tls.certificate_file)},
                        "private_key": {"filename": str(mutual_tls.private_key_file)},
                    }
                ],
                "validation_context": {
                    "trusted_ca": {"inline_string": mutual_tls.client_ca_pem},
                },
            },
        },
    }


def _access_filters(access: ChannelAccess) -> list[Config]:
    """The channel checks after authentication, in the order the platform promises.

    The listener holds the filters only, each allowing everything; the rules come with the
    route configuration (`_access_rules`), so that a change reaches connections already open
    with the next request. A listener change would leave those on the old rules until they
    drain, which can take minutes.
    """
    return [
        _rbac_filter(CHANNEL_CHECKS_FILTER, {"action": "DENY"}),
        # Each API route carries the channels granted it (none: refused to all). Without a
        # route there is nothing to grant and the router answers 404.
        _rbac_filter(GRANTS_FILTER, {"action": "DENY"}),
        {
            "name": RATE_LIMIT_FILTER,
            "typed_config": {
                "@type": _type_url("local_ratelimit"),
                "stat_prefix": "channel_rate_limit",
                "token_bucket": _UNLIMITED_BUCKET,
            },
        },
        _rbac_filter(QUOTA_FILTER, {"action": "DENY"}),
    ]


def _access_rules(access: ChannelAccess) -> Config:
    """The channel rules as per-filter configuration of the channel listener's virtual host.

    The checks are one decision tree, each step a hash lookup however many channels there are:
    the credential among the revoked ones (401), then the channel among the enabled ones (403
    when it is not), then, for a channel with an IP allow-list, the caller's address among its
    ranges (403 when it is not). A request that names no channel passes: it has no credential
    the edge checks here.
    """
    decision = _channel_state_matcher(access)
    if access.revoked_credentials:
        decision = _refusing(
            CREDENTIAL_ID_HEADER,
            access.revoked_credentials,
            CREDENTIAL_REVOKED,
            otherwise={"matcher": decision},
        )
    rules: Config = {
        CHANNEL_CHECKS_FILTER: {"@type": _type_url("rbac_route"), "rbac": {"matcher": decision}}
    }
    limited = sorted(
        (c for c in access.channels if c.enabled and c.rate_limit_per_second),
        key=lambda c: c.channel_id,
    )
    if limited:
        rules[RATE_LIMIT_FILTER] = _rate_limits(limited)
    if access.over_quota:
        rules[QUOTA_FILTER] = _over_quota_rule(access.over_quota)
    return rules


def _channel_state_matcher(access: ChannelAccess) -> Config:
    """Enabled channels pass, those with an IP allow-list from their ranges only; a request
    naming any other channel (disabled, deleted, never known) is refused."""
    not_enabled: Config = {
        "matcher_list": {
            "matchers": [
                {
                    "predicate": {
                        "single_predicate": {
                            "input": _header_input(CHANNEL_ID_HEADER),
                            "value_match": {"safe_regex": {"google_re2": {}, "regex": ".*"}},
                        }
                    },
                    "on_match": _rbac_action(CHANNEL_DISABLED, "DENY"),
                }
            ]
        },
        "on_no_match": _rbac_action(CHANNEL_ALLOWED, "ALLOW"),
    }
    enabled = sorted(
        (channel for channel in access.channels if channel.enabled), key=lambda c: c.channel_id
    )
    if not enabled:
        return not_enabled
    return {
        "matcher_tree": {
            "input": _header_input(CHANNEL_ID_HEADER),
            "exact_match_map": {
                "map": {
                    channel.channel_id: (
                        {"matcher": _ip_allow_list_matcher(channel.ip_allow_list)}
                        if channel.ip_allow_list
                        else _rbac_action(CHANNEL_ALLOWED, "ALLOW")
                    )
                    for channel in enabled
                }
            },
        },
        "on_no_match": {"matcher": not_enabled},
    }


def _ip_allow_list_matcher(ranges: Iterable[str]) -> Config:
    return {
        "matcher_tree": {
            "input": {
                "name": "source_ip",
                "typed_config": {"@type": _type_url("source_ip_input")},
            },
            "custom_match": {
                "name": "ip",
                "typed_config": {
                    "@type": _type_url("ip_matcher"),
                    "range_matchers": [
                        {
                            "ranges": [_cidr_range(cidr, strict=False) for cidr in ranges],
                            "on_match": _rbac_action(CHANNEL_ALLOWED, "ALLOW"),
                        }
                    ],
                },
            },
        },
        "on_no_match": _rbac_action(IP_NOT_ALLOWED, "DENY"),
    }


def _over_quota_rule(channels: Iterable[str]) -> Config:
    """Refuses the channels that used up today's quota, looked up by the channel id."""
    matcher = _refusing(
        CHANNEL_ID_HEADER,
        channels,
        DAILY_QUOTA_EXCEEDED,
        otherwise=_rbac_action(CHANNEL_ALLOWED, "ALLOW"),
    )
    return {"@type": _type_url("rbac_route"), "rbac": {"matcher": matcher}}


def _refusing(header: str, values: Iterable[str], code: str, *, otherwise: Config) -> Config:
    """A matcher refusing under `code` the requests whose `header` is one of `values` (a hash
    lookup), and deciding the others by `otherwise`."""
    return {
        "matcher_tree": {
            "input": _header_input(header),
            "exact_match_map": {
                "map": {value: _rbac_action(code, "DENY") for value in sorted(values)}
            },
        },
        "on_no_match": otherwise,
    }


def _header_input(header: str) -> Config:
    return {
        "name": header,
        "typed_config": {"@type": _type_url("header_input"), "header_name": header},
    }


def _rbac_action(name: str, action: str) -> Config:
    return {
        "action": {
            "name": name,
            "typed_config": {"@type": _type_url("rbac_action"), "name": name, "action": action},
        }
    }


def _rbac_filter(name: str, rules: Config) -> Config:
    return {"name": name, "typed_config": {"@type": _type_url("rbac"), "rules": rules}}


def _signature_filter(backend: str) -> Config:
    """Identity verifies signed requests (Envoy's ext_authz); requests with a token skip it."""
    # Over HTTP, not gRPC: a check costs identity a fraction of a gRPC call (edge benchmark).
    ext_authz = {
        "@type": _type_url("ext_authz"),
        "transport_api_version": "V3",
        "http_service": {
            "server_uri": {
                "uri": f"http://{backend}{SIGNATURE_CHECK_PATH}",
                "cluster": http_backend_cluster(backend),
                "timeout": "1s",
            },
            "path_prefix": SIGNATURE_CHECK_PATH,
            "authorization_response": {
                # Identity names the channel; these overwrite anything the caller sent.
                "allowed_upstream_headers": {
                    "patterns": [{"exact": name} for name in SIGNATURE_IDENTITY_HEADERS]
                },
                "allowed_client_headers": {
                    "patterns": [{"exact": "www-authenticate"}, {"exact": "content-type"}]
                },
            },
        },
        "failure_mode_allow": False,
        # Identity unreachable is not the caller's fault: 503, not 403.
        "status_on_error": {"code": 503},
        "with_request_body": {
            "max_request_bytes": MAX_SIGNED_BODY_BYTES,
            "allow_partial_message": False,
            "pack_as_bytes": True,
        },
        "allowed_headers": {"patterns": [{"exact": "authorization"}, {"exact": "x-request-id"}]},
    }
    skip_if_bearer = {
        "predicate": {
            "single_predicate": {
                "input": {
                    "name": "authorization",
                    "typed_config": {
                        "@type": _type_url("header_input"),
                        "header_name": "authorization",
                    },
                },
                "value_match": {"prefix": "Bearer "},
            }
        },
        "on_match": {
            "action": {"name": "skip", "typed_config": {"@type": _type_url("skip_filter")}}
        },
    }
    return {
        "name": SIGNATURE_FILTER,
        "typed_config": {
            "@type": _type_url("with_matcher"),
            "extension_config": {"name": "envoy.filters.http.ext_authz", "typed_config": ext_authz},
            "xds_matcher": {"matcher_list": {"matchers": [skip_if_bearer]}},
        },
    }


def _rate_limits(channels: Iterable[ChannelPolicy]) -> Config:
    """A token bucket per channel at this Envoy, keyed by the authenticated channel id."""
    return {
        "@type": _type_url("local_ratelimit"),
        "stat_prefix": "channel_rate_limit",
        "filter_enabled": _all_requests("channel_rate_limit_enabled"),
        "filter_enforced": _all_requests("channel_rate_limit_enforced"),
        # One bucket per channel shared by the worker threads, not one per connection.
        "local_rate_limit_per_downstream_connection": False,
        # Envoy wants a default bucket here; channels without a limit share one no Envoy could
        # empty, and a limited channel takes from its own bucket only.
        "token_bucket": _UNLIMITED_BUCKET,
        "always_consume_default_token_bucket": False,
        "rate_limits": [
            {
                "actions": [
                    {
                        "request_headers": {
                            "header_name": CHANNEL_ID_HEADER,
                            "descriptor_key": "channel",
                            "skip_if_absent": True,
                        }
                    }
                ]
            }
        ],
        "descriptors": [
            {
                "entries": [{"key": "channel", "value": channel.channel_id}],
                "token_bucket": {
                    "max_tokens": channel.rate_limit_per_second,
                    "tokens_per_fill": channel.rate_limit_per_second,
                    "fill_interval": "1s",
                },
            }
            for channel in channels
        ],
        "response_headers_to_add": [
            {
                "header": {"key": "retry-after", "value": "1"},
                "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
            }
        ],
    }


def _all_requests(runtime_key: str) -> Config:
    return {
        "default_value": {"numerator": 100, "denominator": "HUNDRED"},
        "runtime_key": runtime_key,
    }


def grants_per_route(channel_ids: Iterable[str]) -> Config:
    """The per-route RBAC letting only the granted channels call an API route.

    A list of the granted channels, not a lookup: an API is granted to a few channels, and a
    snapshot of 5,000 routes builds a third faster so (the lookup's actions are typed messages
    each).
    Without a grant no policy matches, and RBAC refuses under its own code for that ("none").
    """
    ids = sorted(channel_ids)
    granted = [
        {"header": {"name": CHANNEL_ID_HEADER, "string_match": {"exact": channel_id}}}
        for channel_id in ids
    ]
    policies = (
        {
            API_GRANTED: {
                "permissions": [{"any": True}],
                "principals": [{"or_ids": {"ids": granted}}],
            }
        }
        if ids
        else {}
    )
    return {
        "@type": _type_url("rbac_route"),
        "rbac": {"rules": {"action": "ALLOW", "policies": policies}},
    }


def _console_listener(config: PlatformEdge) -> Config:
    limits = config.limits
    # Channels get their tokens on the channel listener only, where their traffic is logged.
    services = [service for service in config.grpc_services if service != OAUTH2_SERVICE]
    grpc_routes: list[Config] = [
        {
            "name": service,
            "match": {
                "prefix": f"/{service}/",
                # Only the transcoder sets this header (the first filter removes any a client
                # sent), so a browser's JSON call reaches the service and raw gRPC does not.
                "headers": [{"name": "x-envoy-original-path", "present_match": True}],
            },
            "route": {
                "cluster": backend_cluster(_backend_of(service)),
                "timeout": _duration(limits.grpc_timeout),
                "idle_timeout": _duration(limits.route_idle_timeout),
            },
        }
        for service in services
    ]
    not_found = {"status": 404, "body": {"inline_string": "no API at this path"}}
    routes = [
        *grpc_routes,
        {"name": "grpc.refused", "match": {"prefix": "/wailian."}, "direct_response": not_found},
        {
            # JSON API paths the transcoder did not recognise must not fall through to the
            # single-page application's index.html.
            "name": "api.unknown",
            "match": {"path_separated_prefix": "/api"},
            "direct_response": not_found,
        },
        {
            "name": "web",
            "match": {"prefix": "/"},
            "route": {
                "cluster": WEB_CLUSTER,
                "timeout": _duration(limits.static_timeout),
                "idle_timeout": _duration(limits.route_idle_timeout),
            },
        },
    ]
    filters = [_strip_internal_headers_filter()]
    if services:
        filters.append(_transcoder_filter(config.descriptor_set, services))
    filters.append(_router_filter(suppress_envoy_headers=True))
    manager = _edge_connection_manager("console", config, routes, filters, verifies_tokens=False)
    return _listener(
        CONSOLE_LISTENER,
        config.console_listener,
        manager,
        buffer_limit=limits.console_buffer_bytes,
    )


def _public_path_header(value: str) -> Config:
    return {
        "header": {"key": PUBLIC_PATH_HEADER, "value": value},
        "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
    }


def _api_route(
    route: ApiRoute, upstream: Upstream, limits: EdgeLimits, access: ChannelAccess | None
) -> Config:
    match: Config = {"headers": [_method_matcher(route.method)]}
    action: Config = {
        "cluster": route.upstream,
        "timeout": _duration(route.timeout),
        "idle_timeout": _duration(limits.route_idle_timeout),
    }
    # A request that may have reached the upstream is only sent again if doing so twice is
    # harmless (RFC 9110 §9.2.2): a retried POST could book an appointment twice.
    if upstream.retry is not None and route.method in IDEMPOTENT_METHODS:
        action["retry_policy"] = _retry_policy(upstream.retry)
    if upstream.load_balancing is LoadBalancing.RING_HASH:
        action["hash_policy"] = [{"connection_properties": {"source_ip": True}}]
    if route.is_template:
        # RE2 compiled once, when Envoy loads the routes. Envoy's uri_template rewrite compiles
        # its pattern again on every request it rewrites (about 35 µs of CPU each).
        pattern, groups = template_regex(route.path)
        match["safe_regex"] = {"regex": pattern}
        if route.upstream_path:
            action["regex_rewrite"] = {
                "pattern": {"regex": pattern},
                "substitution": template_substitution(route.upstream_path, groups),
            }
    else:
        match["path"] = route.path
        if route.upstream_path:
            action["prefix_rewrite"] = route.upstream_path
    announced: Config = (
        {"response_headers_to_add": _deprecation_headers(route.deprecation)}
        if route.deprecation is not None
        else {}
    )
    return {
        "name": route.name,
        "match": match,
        "route": action,
        **announced,
        # Evaluated before the rewrite below, so it holds the path (and query) the channel sent.
        "request_headers_to_add": [_public_path_header("%REQ(:PATH)%")],
        # The caller's credential (token or signature) is the edge's business, not the
        # upstream's. (The token endpoint's route keeps it: it reads HTTP Basic credentials.)
        "request_headers_to_remove": ["authorization"],
        "typed_per_filter_config": {
            JWT_FILTER: {
                "@type": _type_url("jwt_route"),
                "requirement_name": JWT_REQUIREMENT,
            },
            **(
                {GRANTS_FILTER: grants_per_route(access.grants.get(route.name, ()))}
                if access is not None
                else {}
            ),
        },
    }


# What one `{name}` variable matches: a whole, non-empty path segment of RFC 3986 pchars
# without '*', the characters Envoy's own uri_template matcher takes.
_VARIABLE_SEGMENT_REGEX = "([A-Za-z0-9._~%!$&'()+,;:@=-]+)"
_TEMPLATE_PIECES = re.compile(r"\{([^{}]*)\}")


def template_regex(template: str) -> tuple[str, dict[str, int]]:
    """An anchored RE2 pattern matching the paths of a `{name}` template (query excluded, as
    Envoy matches `safe_regex` routes), and the capture group of each variable."""
    pieces = _TEMPLATE_PIECES.split(template)
    groups: dict[str, int] = {}
    parts = []
    for index, piece in enumerate(pieces):
        if index % 2:
            groups[piece.split("=", 1)[0]] = len(groups) + 1
            parts.append(_VARIABLE_SEGMENT_REGEX)
        else:
            parts.append(re.escape(piece))
    return "^" + "".join(parts) + "$", groups


def template_substitution(upstream_template: str, groups: Mapping[str, int]) -> str:
    """The `regex_rewrite` substitution writing a template's captured variables into the
    upstream path (RE2 rewrite syntax: backslash and the group number)."""
    pieces = _TEMPLATE_PIECES.split(upstream_template)
    return "".join(
        f"\\{groups[piece.split('=', 1)[0]]}" if index % 2 else piece.replace("\\", "\\\\")
        for index, piece in enumerate(pieces)
    )


def _deprecation_headers(deprecation: Deprecation) -> list[Config]:
    """Deprecation (RFC 9745: @ Unix time), Sunset (RFC 8594: an HTTP-date) and the Link."""
    headers = [("deprecation", f"@{int(deprecation.since.timestamp())}")]
    if deprecation.sunset is not None:
        headers.append(("sunset", format_datetime(deprecation.sunset.astimezone(UTC), usegmt=True)))
    if deprecation.link:
        headers.append(("link", f'<{deprecation.link}>; rel="deprecation"; type="text/html"'))
    return [
        {
            "header": {"key": key, "value": value.replace("%", "%%")},
            "append_action": "OVERWRITE_IF_EXISTS_OR_ADD",
        }
        for key, value in headers
    ]


def _edge_connection_manager(
    name: str,
    config: PlatformEdge | ChannelEdge,
    routes: list[Config],
    http_filters: list[Config],
    *,
    verifies_tokens: bool,
    checks_access: bool = False,
) -> Config:
    limits = config.limits
    return {
        "@type": _type_url("hcm"),
        "stat_prefix": name,
        "codec_type": "AUTO",
        # Trust only the TCP peer address: the edge is the first hop, nothing in front of it
        # may vouch for a client address.
        "use_remote_address": True,
        "xff_num_trusted_hops": 0,
        "internal_address_config": {
            "cidr_ranges": [_cidr_range(cidr) for cidr in config.internal_cidrs],
        },
        "normalize_path": True,
        "merge_slashes": True,
        # An encoded slash in a path segment is a client bug or an attempt to slip past path
        # matching. A 400 tells a program so; a redirect would be retried as a GET by many
        # HTTP clients, losing a POST's body.
        "path_with_escaped_slashes_action": "REJECT_REQUEST",
        "common_http_protocol_options": {
            "idle_timeout": _duration(limits.downstream_idle_timeout),
            "headers_with_underscores_action": "REJECT_REQUEST",
        },
        "http2_protocol_options": _http2_options(max_concurrent_streams=100),
        "request_headers_timeout": _duration(limits.request_headers_timeout),
        "request_timeout": _duration(limits.request_timeout),
        "stream_idle_timeout": _duration(limits.stream_idle_timeout),
        "server_header_transformation": "OVERWRITE",
        "server_name": config.server_name,
        "always_set_request_id_in_response": True,
        "local_reply_config": _json_local_replies(
            verifies_tokens=verifies_tokens, checks_access=checks_access
        ),
        "route_config": {
            "name": name,
            "virtual_hosts": [{"name": name, "domains": ["*"], "routes": routes}],
        },
        "http_filters": http_filters,
    }


# What the channel reads when a check refuses it, by the reply's response code details.
_ACCESS_REPLIES: tuple[tuple[str, int, str], ...] = (
    (
        f"rbac_access_denied_matched_policy[{CREDENTIAL_MISSING}]",
        401,
        "a client certificate is required on this listener",
    ),
    (f"rbac_access_denied_matched_policy[{CREDENTIAL_REVOKED}]", 401, "the credential is revoked"),
    (
        f"rbac_access_denied_matched_policy[{CHANNEL_DISABLED}]",
        403,
        "the channel is disabled (or so new that the edge learns of it in a moment)",
    ),
    (
        f"rbac_access_denied_matched_policy[{IP_NOT_ALLOWED}]",
        403,
        "the channel may not call from this IP address",
    ),
    (
        f"rbac_access_denied_matched_policy[{API_NOT_GRANTED}]",
        403,
        "the channel is not granted this API",
    ),
    ("local_rate_limited", 429, "over the channel's rate limit; retry after a second"),
    (
        f"rbac_access_denied_matched_policy[{DAILY_QUOTA_EXCEEDED}]",
        429,
        "the channel's daily quota is used up; it renews at midnight",
    ),
    ("ext_authz_error", 503, "the credential check is unavailable; retry shortly"),
)


def _code_details_filter(details: str) -> Config:
    return {
        "extension_filter": {
            "name": "envoy.access_loggers.extension_filters.cel",
            "typed_config": {
                "@type": _type_url("cel_filter"),
                "expression": f"response.code_details == '{details}'",
            },
        }
    }


def _json_local_replies(*, verifies_tokens: bool, checks_access: bool = False) -> Config:
    mappers: list[Config] = [
        {
            "filter": {"response_flag_filter": {"flags": ["NR"]}},
            "body": {"inline_string": "no API at this path"},
        }
    ]
    # The channel checks first: a signed request also leaves jwt_authn's "missing" status.
    if checks_access:
        mappers.extend(
            {
                "filter": _code_details_filter(details),
                "status_code": status,
                "body": {"inline_string": message},
            }
            for details, status, message in _ACCESS_REPLIES
        )
    if verifies_tokens:
        # jwt_authn answers 403 for a token meant for another audience; to the client that is
        # an invalid token like any other (RFC 6750 §3.1): 401.
        mappers.append(
            {
                "filter": {
                    "metadata_filter": {
                        "matcher": {
                            "filter": JWT_FILTER,
                            "path": [{"key": JWT_FAILURE_METADATA_KEY}],
                            "value": {"present_match": True},
                        },
                        "match_if_key_not_found": False,
                    }
                },
                "status_code": 401,
            }
        )
    return {
        "mappers": mappers,
        "body_format": {
            "json_format": copy.deepcopy(_ERROR_BODY),
            "content_type": "application/json",
        },
    }


def _strip_internal_headers_filter() -> Config:
    """Removes the platform's own headers from requests (first filter of every chain)."""
    mutations: Config = {
        "request_mutations": [
            {"remove_on_match": {"key_matcher": {"prefix": prefix, "ignore_case": True}}}
            for prefix in STRIPPED_REQUEST_HEADER_PREFIXES
        ]
    }
    return {
        "name": STRIP_FILTER,
        "typed_config": {"@type": _type_url("header_mutation"), "mutations": mutations},
    }


def _jwt_filter(jwt: ChannelJwt, *, tokens_optional: bool = False) -> Config:
    """Native token verification; optional where a signed request may come instead.

    Optional means a request without a Bearer token passes on to the signature check; a
    Bearer token that does not verify is still refused here.
    """
    requirement: Config = {"provider_name": JWT_PROVIDER}
    if tokens_optional:
        requirement = {"requires_any": {"requirements": [requirement, {"allow_missing": {}}]}}
    return {
        "name": JWT_FILTER,
        "typed_config": {
            "@type": _type_url("jwt_authn"),
            "providers": {
                JWT_PROVIDER: {
                    "issuer": jwt.issuer,
                    "audiences": [jwt.audience],
                    "require_expiration": True,
                    "local_jwks": {"inline_string": jwt.jwks},
                    "from_headers": [{"name": "Authorization", "value_prefix": "Bearer "}],
                    # Kept for the signature filter's skip; removed before the upstream.
                    "forward": True,
                    "jwt_cache_config": {"jwt_cache_size": 4096},
                    "failed_status_in_metadata": JWT_FAILURE_METADATA_KEY,
                    "claim_to_headers": [
                        {"claim_name": claim, "header_name": header}
                        for claim, header in CHANNEL_IDENTITY_CLAIMS.items()
                    ],
                }
            },
            "requirement_map": {JWT_REQUIREMENT: requirement},
        },
    }


def _transcoder_filter(descriptor_set: Path, services: Iterable[str]) -> Config:
    return {
        "name": "envoy.filters.http.grpc_json_transcoder",
        "typed_config": {
            "@type": _type_url("transcoder"),
            "proto_descriptor": str(descriptor_set),
            "services": list(services),
            "print_options": {"always_print_primitive_fields": False},
            "match_incoming_request_route": False,
            "auto_mapping": False,
            "ignore_unknown_query_parameters": True,
            "convert_grpc_status": True,
        },
    }


def _router_filter(*, suppress_envoy_headers: bool) -> Config:
    config: Config = {"@type": _type_url("router")}
    if suppress_envoy_headers:
        config["suppress_envoy_headers"] = True
    return {"name": ROUTER_FILTER, "typed_config": config}


def _access_loggers(access_log: AccessLog) -> list[Config]:
    loggers: list[Config] = [
        {
            "name": "envoy.access_loggers.file",
            "typed_config": {
                "@type": _type_url("file_log"),
                "path": str(access_log.path),
                "log_format": {"json_format": dict(_ACCESS_LOG_LINE)},
            },
        }
    ]
    if access_log.grpc_backend is not None:
        loggers.append(
            {
                "name": "envoy.access_loggers.http_grpc",
                "typed_config": {
                    "@type": _type_url("grpc_log"),
                    "common_config": {
                        "log_name": access_log.log_name,
                        "transport_api_version": "V3",
                        "grpc_service": {
                            "envoy_grpc": {"cluster_name": backend_cluster(access_log.grpc_backend)}
                        },
                    },
                    "additional_request_headers_to_log": list(LOGGED_REQUEST_HEADERS),
                },
            }
        )
    return loggers


def _listener(name: str, bind: BindAddress, manager: Config, *, buffer_limit: int | None) -> Config:
    listener: Config = {
        "name": name,
        "address": _socket_address(bind.address, bind.port),
        "filter_chains": [
            {
                "filters": [
                    {
                        "name": "envoy.filters.network.http_connection_manager",
                        "typed_config": manager,
                    }
                ]
            }
        ],
    }
    if buffer_limit is not None:
        listener["per_connection_buffer_limit_bytes"] = buffer_limit
    return listener


def _cluster(
    name: str,
    endpoints: tuple[Endpoint, ...],
    protocol: UpstreamProtocol,
    connect_timeout: timedelta,
    limits: EdgeLimits,
    *,
    close_idle: bool = True,
    buffer_limit: int | None = None,
) -> Config:
    return {
        "name": name,
        "connect_timeout": _duration(connect_timeout),
        "per_connection_buffer_limit_bytes": buffer_limit or limits.connection_buffer_bytes,
        **_discovery(endpoints),
        "load_assignment": _load_assignment(name, endpoints),
        **_protocol_options(
            protocol,
            idle_timeout=limits.upstream_idle_timeout if close_idle else None,
        ),
    }


def _upstream_cluster(
    upstream: Upstream, limits: EdgeLimits, *, secret_source: Mapping[str, Any] | None = None
) -> Config:
    """A hospital upstream's cluster: only the policies it sets, so a plain one stays lean.

    With a secret source its client certificate is named, served over SDS (so a new one takes
    effect without touching the cluster, and the key is not in every cluster dump); else inline.
    """
    cluster = _cluster(
        upstream.name, upstream.endpoints, upstream.protocol, upstream.connect_timeout, limits
    )
    if upstream.load_balancing is not LoadBalancing.ROUND_ROBIN:
        cluster["lb_policy"] = upstream.load_balancing.value
    if upstream.tls is not None:
        cluster["transport_socket"] = _upstream_tls(upstream, secret_source)
    if upstream.circuit_breakers is not None and upstream.circuit_breakers.limits:
        cluster["circuit_breakers"] = {
            "thresholds": [{"priority": "DEFAULT", **upstream.circuit_breakers.limits}]
        }
    if upstream.outlier_detection is not None:
        outlier = upstream.outlier_detection
        cluster["outlier_detection"] = {
            "consecutive_5xx": outlier.consecutive_5xx,
            "base_ejection_time": _duration(outlier.base_ejection_time),
            "max_ejection_percent": outlier.max_ejection_percent,
        }
    if upstream.health_check is not None:
        cluster["health_checks"] = [_health_check(upstream.health_check, upstream.protocol)]
    return cluster


def _upstream_tls(upstream: Upstream, secret_source: Mapping[str, Any] | None = None) -> Config:
    """Verified TLS: the certificate must chain to the CA and carry the server name.

    Envoy checks the chain only when given a CA and the name only when given a matcher, so
    both are always set; there is no unverified mode.
    """
    assert upstream.tls is not None
    name = upstream.tls_server_name
    trusted_ca: Config = (
        {"inline_string": upstream.tls.ca_pem}
        if upstream.tls.ca_pem
        else {"filename": str(SYSTEM_CA_BUNDLE)}
    )
    context: Config = {
        "common_tls_context": {
            "tls_params": {"tls_minimum_protocol_version": "TLSv1_2"},
            "alpn_protocols": [upstream.protocol.value],
            "validation_context": {
                "trusted_ca": trusted_ca,
                "match_typed_subject_alt_names": [
                    {
                        "san_type": "IP_ADDRESS" if _is_ip(name) else "DNS",
                        "matcher": {"exact": name},
                    }
                ],
            },
        },
    }
    client = upstream.tls.client_certificate
    if client is not None and secret_source is not None:
        context["common_tls_context"]["tls_certificate_sds_secret_configs"] = [
            {
                "name": client_secret_name(upstream.name),
                "sds_config": copy.deepcopy(dict(secret_source)),
            }
        ]
    elif client is not None:
        context["common_tls_context"]["tls_certificates"] = [
            _tls_certificate(client)["tls_certificate"]
        ]
    if not _is_ip(name):  # SNI carries host names only (RFC 6066 §3)
        context["sni"] = name
    return {
        "name": "envoy.transport_sockets.tls",
        "typed_config": {"@type": _type_url("upstream_tls"), **context},
    }


def _retry_policy(retry: RetryPolicy) -> Config:
    policy: Config = {"retry_on": ",".join(retry.retry_on), "num_retries": retry.num_retries}
    if retry.per_try_timeout is not None:
        policy["per_try_timeout"] = _duration(retry.per_try_timeout)
    return policy


def _health_check(check: HealthCheck, protocol: UpstreamProtocol) -> Config:
    config: Config = {
        "timeout": _duration(check.timeout),
        "interval": _duration(check.interval),
        "healthy_threshold": check.healthy_threshold,
        "unhealthy_threshold": check.unhealthy_threshold,
    }
    if check.grpc:
        config["grpc_health_check"] = (
            {"service_name": check.grpc_service_name} if check.grpc_service_name else {}
        )
        return config
    http: Config = {"path": check.path}
    if check.expected_statuses:
        # Envoy's ranges are half-open: [start, end).
        http["expected_statuses"] = [
            {"start": status, "end": status + 1} for status in sorted(set(check.expected_statuses))
        ]
    if protocol is UpstreamProtocol.HTTP2:
        http["codec_client_type"] = "HTTP2"
    config["http_health_check"] = http
    return config


def _discovery(endpoints: tuple[Endpoint, ...]) -> Config:
    if all(_is_ip(endpoint.host) for endpoint in endpoints):
        return {"type": "STATIC"}
    return {"type": "STRICT_DNS", "dns_lookup_family": "V4_PREFERRED"}


def _load_assignment(name: str, endpoints: tuple[Endpoint, ...]) -> Config:
    return {
        "cluster_name": name,
        "endpoints": [
            {
                "lb_endpoints": [
                    {
                        "endpoint": {"address": _socket_address(endpoint.host, endpoint.port)},
                        "load_balancing_weight": endpoint.weight,
                    }
                    for endpoint in endpoints
                ]
            }
        ],
    }


def _protocol_options(protocol: UpstreamProtocol, *, idle_timeout: timedelta | None) -> Config:
    options: Config = {"@type": _type_url("http_options")}
    if idle_timeout is not None:
        # Close idle upstream connections before the upstream's own keep-alive does, so a
        # request is never sent on a connection the upstream is closing.
        options["common_http_protocol_options"] = {"idle_timeout": _duration(idle_timeout)}
    if protocol is UpstreamProtocol.HTTP2:
        options["explicit_http_config"] = {"http2_protocol_options": _http2_options()}
    else:
        options["explicit_http_config"] = {"http_protocol_options": {}}
    return {"typed_extension_protocol_options": {_TYPES["http_options"]: options}}


def _http2_options(max_concurrent_streams: int | None = None) -> Config:
    options: Config = {
        "initial_stream_window_size": 64 * 1024,
        "initial_connection_window_size": 1024 * 1024,
    }
    if max_concurrent_streams is not None:
        options["max_concurrent_streams"] = max_concurrent_streams
    return options


def _method_matcher(method: str) -> Config:
    return {"name": ":method", "string_match": {"exact": method}}


def _socket_address(address: str, port: int) -> Config:
    return {"socket_address": {"address": address, "port_value": port}}


def _cidr_range(cidr: str, *, strict: bool = True) -> Config:
    network = ip_network(cidr, strict=strict)
    return {"address_prefix": str(network.network_address), "prefix_len": network.prefixlen}


def _is_ip(host: str) -> bool:
    try:
        ip_address(host)
    except ValueError:
        return False
    return True


def _duration(value: timedelta) -> str:
    microseconds = round(value.total_seconds() * 1_000_000)
    seconds, fraction = divmod(microseconds, 1_000_000)
    return f"{seconds}s" if not fraction else f"{seconds}.{fraction:06d}".rstrip("0") + "s"


def _type_url(kind: str) -> str:
    return f"type.googleapis.com/{_TYPES[kind]}"
