"""Typed inputs of the Envoy edge configuration generator."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from ipaddress import ip_network
from pathlib import Path

# A path template has at most five variables of one to sixteen characters (the limits of
# Envoy's uri_template syntax), each a whole path segment; literal segments are RFC 3986 pchars
# without '*'. The edge compiles templates to RE2 patterns within Envoy's regex size limit it
# sets; checking here keeps one bad API path from making the whole configuration unloadable.
_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]*)\}")
_VARIABLE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,15}")
_PATH_SEGMENT = re.compile(r"[A-Za-z0-9\-._~%!$&'()+,;:@=]+|\{[A-Za-z][A-Za-z0-9_]{0,15}\}")
_MAX_TEMPLATE_VARIABLES = 5
_HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class UpstreamProtocol(StrEnum):
    """The HTTP version Envoy speaks to an upstream."""

    HTTP1 = "http/1.1"
    HTTP2 = "h2"


@dataclass(frozen=True)
class BindAddress:
    """Where a listener accepts connections."""

    address: str
    port: int

    def __post_init__(self) -> None:
        _check_port(self.port, "listener port", zero_picks_free=True)


@dataclass(frozen=True)
class Endpoint:
    """One host of a cluster; weight shares the load among the cluster's endpoints."""

    host: str
    port: int
    weight: int = 1

    def __post_init__(self) -> None:
        _check_port(self.port, f"port of {self.host}")
        if self.weight < 1:
            raise ValueError(f"endpoint {self.host}:{self.port} needs a weight of at least 1")


# The operating system's trusted roots (Debian's layout), for upstreams without a CA of their own.
SYSTEM_CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
# Envoy's retry conditions (x-envoy-retry-on and x-envoy-retry-grpc-on).
RETRY_CONDITIONS = frozenset(
    {
        "5xx",
        "gateway-error",
        "reset",
        "reset-before-request",
        "connect-failure",
        "envoy-ratelimited",
        "retriable-4xx",
        "refused-stream",
        "retriable-status-codes",
        "retriable-headers",
        "http3-post-connect-failure",
        "cancelled",
        "deadline-exceeded",
        "internal",
        "resource-exhausted",
        "unavailable",
    }
)
DEFAULT_RETRY_ON = ("connect-failure", "refused-stream", "reset")
# Safe to send twice: RFC 9110 §9.2.2 (TRACE is never routed).
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})


class LoadBalancing(StrEnum):
    """How Envoy picks an endpoint of an upstream (its cluster's lb_policy)."""

    ROUND_ROBIN = "ROUND_ROBIN"
    LEAST_REQUEST = "LEAST_REQUEST"
    RANDOM = "RANDOM"
    # Consistent hashing on the client IP: one caller keeps reaching the same endpoint.
    RING_HASH = "RING_HASH"


@dataclass(frozen=True)
class ClientCertificate:
    """The certificate chain and key the edge presents to an upstream requiring mutual TLS."""

    # PEM, the edge's own certificate first, then any intermediates.
    certificate_chain_pem: str
    # The private key, PEM; or what a control plane swaps for it when serving (registry gives
    # its sealed form, so that stored snapshots never hold the key). Never in a repr.
    private_key: str = field(repr=False)

    def __post_init__(self) -> None:
        if "-----BEGIN CERTIFICATE-----" not in self.certificate_chain_pem:
            raise ValueError("the upstream client certificate is not a PEM certificate")
        if not self.private_key:
            raise ValueError("the upstream client certificate has no private key")


@dataclass(frozen=True)
class UpstreamTls:
    """TLS to an upstream, always verified: its certificate must chain to the CA and name it."""

    # The name sent as SNI and checked against the certificate; the endpoints' host when empty.
    server_name: str = ""
    # The CA that signs the upstream's certificate, PEM; the system's roots when empty.
    ca_pem: str = ""
    # Presented when the upstream asks for a client certificate (mutual TLS); None: none.
    client_certificate: ClientCertificate | None = None

    def __post_init__(self) -> None:
        if self.ca_pem and "-----BEGIN CERTIFICATE-----" not in self.ca_pem:
            raise ValueError("the upstream CA is not a PEM certificate")


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of idempotent requests (the routes of other methods never retry)."""

    num_retries: int
    retry_on: tuple[str, ...] = DEFAULT_RETRY_ON
    # Each attempt's own timeout; None: the route's whole timeout.
    per_try_timeout: timedelta | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.num_retries <= 10:
            raise ValueError("retries: 1 to 10")
        unknown = set(self.retry_on) - RETRY_CONDITIONS
        if unknown or not self.retry_on:
            raise ValueError(f"unknown retry conditions {sorted(unknown)}")
        if self.per_try_timeout is not None and self.per_try_timeout <= timedelta(0):
            raise ValueError("the per-try timeout must be positive")


@dataclass(frozen=True)
class CircuitBreakers:
    """Limits of what Envoy sends to one upstream at once; zero keeps Envoy's default."""

    max_connections: int = 0
    max_pending_requests: int = 0
    max_requests: int = 0
    max_retries: int = 0

    def __post_init__(self) -> None:
        if min(self.limits.values(), default=0) < 0:
            raise ValueError("circuit breaker limits cannot be negative")

    @property
    def limits(self) -> dict[str, int]:
        """The limits that are set, by Envoy's field name."""
        values = {
            "max_connections": self.max_connections,
            "max_pending_requests": self.max_pending_requests,
            "max_requests": self.max_requests,
            "max_retries": self.max_retries,
        }
        return {name: value for name, value in values.items() if value}


@dataclass(frozen=True)
class OutlierDetection:
    """Passive health: an endpoint answering 5xx this many times in a row is ejected a while."""

    consecutive_5xx: int
    base_ejection_time: timedelta = timedelta(seconds=30)
    max_ejection_percent: int = 10

    def __post_init__(self) -> None:
        if self.consecutive_5xx < 1:
            raise ValueError("outlier detection needs at least one 5xx")
        if self.base_ejection_time <= timedelta(0):
            raise ValueError("the base ejection time must be positive")
        if not 0 <= self.max_ejection_percent <= 100:
            raise ValueError("the maximum ejection percent is 0-100")


@dataclass(frozen=True)
class HealthCheck:
    """Active health checks Envoy sends to each endpoint: HTTP GET of a path, or gRPC health."""

    path: str = "/"
    interval: timedelta = timedelta(seconds=10)
    timeout: timedelta = timedelta(seconds=2)
    healthy_threshold: int = 2
    unhealthy_threshold: int = 3
    # Statuses counted healthy; 200 when empty.
    expected_statuses: tuple[int, ...] = ()
    # grpc.health.v1 instead of HTTP (HTTP/2 gRPC upstreams); the service name it asks about.
    grpc: bool = False
    grpc_service_name: str = ""

    def __post_init__(self) -> None:
        if not self.grpc and not self.path.startswith("/"):
            raise ValueError(f"the health check path {self.path!r} must start with '/'")
        if self.interval <= timedelta(0) or self.timeout <= timedelta(0):
            raise ValueError("health check interval and timeout must be positive")
        if self.healthy_threshold < 1 or self.unhealthy_threshold < 1:
            raise ValueError("health check thresholds must be at least 1")
        if not all(100 <= status <= 599 for status in self.expected_statuses):
            raise ValueError("expected statuses are HTTP statuses, 100-599")


@dataclass(frozen=True)
class Upstream:
    """A hospital system the channel APIs are proxied to."""

    name: str
    endpoints: tuple[Endpoint, ...]
    protocol: UpstreamProtocol = UpstreamProtocol.HTTP1
    connect_timeout: timedelta = timedelta(seconds=5)
    # None: plaintext.
    tls: UpstreamTls | None = None
    retry: RetryPolicy | None = None
    circuit_breakers: CircuitBreakers | None = None
    outlier_detection: OutlierDetection | None = None
    health_check: HealthCheck | None = None
    load_balancing: LoadBalancing = LoadBalancing.ROUND_ROBIN

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("an upstream needs a name")
        if not self.endpoints:
            raise ValueError(f"upstream {self.name!r} has no endpoints")
        grpc_health = self.health_check is not None and self.health_check.grpc
        if grpc_health and self.protocol is not UpstreamProtocol.HTTP2:
            raise ValueError(f"upstream {self.name!r}: gRPC health checks need HTTP/2")
        if self.tls is not None and not self.tls.server_name:
            hosts = {endpoint.host for endpoint in self.endpoints}
            if len(hosts) > 1:
                raise ValueError(
                    f"upstream {self.name!r}: endpoints on several hosts need a TLS server name"
                )

    @property
    def tls_server_name(self) -> str:
        """The name the upstream's certificate must carry; "" without TLS."""
        if self.tls is None:
            return ""
        return self.tls.server_name or self.endpoints[0].host


@dataclass(frozen=True)
class Deprecation:
    """A deprecated API announces it in every response: Deprecation (RFC 9745), Sunset
    (RFC 8594) when it goes offline at a known time, and a Link to what documents it."""

    since: datetime
    sunset: datetime | None = None
    link: str = ""

    def __post_init__(self) -> None:
        for moment in (self.since, self.sunset):
            if moment is not None and moment.utcoffset() is None:
                raise ValueError("deprecation times need a time zone")
        if self.link and (
            not self.link.startswith(("https://", "http://"))
            or any(c in self.link for c in '<>"\r\n ')
        ):
            raise ValueError(f"the deprecation link {self.link!r} is not a plain http(s) URL")


@dataclass(frozen=True)
class ApiRoute:
    """A published channel API: method and public path, proxied to an upstream path."""

    name: str
    method: str
    path: str
    upstream: str
    upstream_path: str = ""
    timeout: timedelta = timedelta(seconds=15)
    # Set for a deprecated API: its responses carry the deprecation headers.
    deprecation: Deprecation | None = None

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("an API route needs a name (its API service code)")
        if self.method not in _HTTP_METHODS:
            raise ValueError(f"API {self.name!r}: unsupported HTTP method {self.method!r}")
        if self.timeout <= timedelta(0):
            raise ValueError(f"API {self.name!r}: the timeout must be positive")
        variables = template_variables(self.path)
        if len(variables) > _MAX_TEMPLATE_VARIABLES:
            raise ValueError(f"API {self.name!r}: at most {_MAX_TEMPLATE_VARIABLES} variables")
        if len(set(variables)) != len(variables):
            raise ValueError(f"API {self.name!r}: a path variable appears twice in {self.path!r}")
        for variable in variables:
            if not _VARIABLE_NAME.fullmatch(variable):
                raise ValueError(
                    f"API {self.name!r}: path variable {{{variable}}} must be a letter followed "
                    "by at most 15 letters, digits or underscores"
                )
        self._check_path("path", self.path)
        if self.upstream_path:
            self._check_path("upstream path", self.upstream_path)
        unknown = set(template_variables(self.upstream_path)) - set(variables)
        if unknown:
            raise ValueError(
                f"API {self.name!r}: the upstream path uses {sorted(unknown)} "
                f"not captured by {self.path!r}"
            )

    def _check_path(self, label: str, path: str) -> None:
        if not path.startswith("/"):
            raise ValueError(f"API {self.name!r}: the {label} {path!r} must start with '/'")
        segments = path[1:].split("/")
        for index, segment in enumerate(segments):
            trailing_slash = index == len(segments) - 1 and segment == ""
            if not (trailing_slash or _PATH_SEGMENT.fullmatch(segment)):
                raise ValueError(
                    f"API {self.name!r}: the {label} {path!r} has a segment {segment!r} Envoy "
                    "cannot match (use letters, digits, -._~%!$&'()+,;:@= or one {name})"
                )

    @property
    def is_template(self) -> bool:
        """Whether the public path has `{name}` segments."""
        return bool(template_variables(self.path))


@dataclass(frozen=True)
class ChannelJwt:
    """How the channel listener verifies the access tokens the identity service issues."""

    jwks: str
    issuer: str = "wailian-identity"
    audience: str = "wailian-channel"

    def __post_init__(self) -> None:
        try:
            keys = json.loads(self.jwks)["keys"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"the channel JWKS is not a JSON Web Key Set: {error}") from None
        if not keys:
            raise ValueError("the channel JWKS has no keys")


@dataclass(frozen=True)
class ChannelPolicy:
    """What the edge enforces for one channel after authenticating it."""

    channel_id: str
    code: str
    enabled: bool = True
    # CIDR ranges the channel may call from; empty: any address.
    ip_allow_list: tuple[str, ...] = ()
    # Requests per second at each Envoy; zero: no limit.
    rate_limit_per_second: int = 0
    # Calls per day (counted by monitor, enforced within seconds of reaching it); zero: none.
    daily_quota: int = 0

    def __post_init__(self) -> None:
        if not self.channel_id:
            raise ValueError("a channel policy needs the channel id")
        for cidr in self.ip_allow_list:
            try:
                ip_network(cidr, strict=False)
            except ValueError:
                raise ValueError(
                    f"channel {self.code!r}: {cidr!r} is not an IP address or CIDR range"
                ) from None
        if self.rate_limit_per_second < 0 or self.daily_quota < 0:
            raise ValueError(f"channel {self.code!r}: limits cannot be negative")


@dataclass(frozen=True)
class ChannelAccess:
    """Who may call what at the channel listener, checked in the order the platform promises.

    An unknown or invalid credential is 401 (tokens of revoked credentials included); a
    disabled or unknown channel 403; a caller address outside the channel's allow-list 403;
    an API not granted to the channel 403; over the channel's per-second limit 429; daily
    quota used up 429.
    """

    channels: tuple[ChannelPolicy, ...] = ()
    # Credential ids whose already-issued access tokens the edge refuses.
    revoked_credentials: frozenset[str] = frozenset()
    # API route name (the API service code) → the ids of the channels granted it.
    grants: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Channels that used up today's quota (monitor counts, registry decides).
    over_quota: frozenset[str] = frozenset()
    # The platform backend that verifies signed requests as Envoy's external authorization
    # service; None accepts access tokens only.
    signature_backend: str | None = "identity"

    def __post_init__(self) -> None:
        ids = [channel.channel_id for channel in self.channels]
        if len(set(ids)) != len(ids):
            raise ValueError("a channel appears twice in the edge's channel policies")


@dataclass(frozen=True)
class MutualTls:
    """A second channel listener where channels present client certificates instead of tokens.

    For internal systems and gRPC callers. The certificate names the channel (its DNS name is
    the channel id); the same checks and routes apply as on the token listener.
    """

    listener: BindAddress
    # The edge's own certificate chain and key, as files on Envoy's host.
    certificate_file: Path
    private_key_file: Path
    # The CA that signs the channels' client certificates (identity's), PEM.
    client_ca_pem: str

    def __post_init__(self) -> None:
        _check_absolute(self.certificate_file, "edge TLS certificate")
        _check_absolute(self.private_key_file, "edge TLS private key")
        if "-----BEGIN CERTIFICATE-----" not in self.client_ca_pem:
            raise ValueError("the client CA is not a PEM certificate")


@dataclass(frozen=True)
class AccessLog:
    """Where channel traffic is logged: a JSON-lines file and the monitor's gRPC log service."""

    path: Path
    # The backend whose access log service receives the entries; None for the file only.
    grpc_backend: str | None = "monitor"
    log_name: str = "wailian-channel"

    def __post_init__(self) -> None:
        _check_absolute(self.path, "access log")


@dataclass(frozen=True)
class EdgeLimits:
    """Timeouts and resource limits of the edge; the defaults follow Envoy's edge advice."""

    connection_buffer_bytes: int = 32 * 1024
    # The console's JSON answers are buffered whole by the gRPC-JSON transcoder: a page of API
    # services with their schemas runs to hundreds of KiB. Staff only, behind their sign-in.
    console_buffer_bytes: int = 4 * 1024 * 1024
    max_heap_bytes: int = 1024 * 1024 * 1024
    max_downstream_connections: int = 10_000
    request_headers_timeout: timedelta = timedelta(seconds=10)
    request_timeout: timedelta = timedelta(seconds=60)
    stream_idle_timeout: timedelta = timedelta(seconds=300)
    downstream_idle_timeout: timedelta = timedelta(hours=1)
    upstream_idle_timeout: timedelta = timedelta(seconds=30)
    route_idle_timeout: timedelta = timedelta(seconds=15)
    grpc_timeout: timedelta = timedelta(seconds=15)
    static_timeout: timedelta = timedelta(seconds=15)
    connect_timeout: timedelta = timedelta(seconds=5)


@dataclass(frozen=True)
class EdgeConfig:
    """Everything the edge Envoy of one Wailian installation needs."""

    channel_listener: BindAddress
    console_listener: BindAddress
    # The admin interface always binds 127.0.0.1; only its port is chosen.
    admin_port: int
    # The platform's gRPC services (plaintext HTTP/2) by name: identity serves the
    # wailian.identity.* services, registry wailian.registry.*, and so on.
    backends: Mapping[str, Endpoint]
    # The console's static web server (HTTP/1.1).
    web: Endpoint
    descriptor_set: Path
    # Services the console transcodes from JSON; the channel token service is served on the
    # channel listener only.
    grpc_services: tuple[str, ...]
    jwt: ChannelJwt
    api_routes: tuple[ApiRoute, ...] = ()
    upstreams: tuple[Upstream, ...] = ()
    access_log: AccessLog | None = None
    # None: any valid channel token may call any API (tests of the bare token path only).
    access: ChannelAccess | None = None
    mutual_tls: MutualTls | None = None
    # Peers whose requests Envoy treats as internal (it keeps their x-request-id, for one);
    # nothing but loopback by default.
    internal_cidrs: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    limits: EdgeLimits = field(default_factory=EdgeLimits)
    server_name: str = "wailian"
    # Services' HTTP ports (plaintext HTTP/1.1) by name, for what the edge asks over HTTP:
    # identity's signature check (ext_authz).
    http_backends: Mapping[str, Endpoint] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_port(self.admin_port, "admin port", zero_picks_free=True)
        _check_absolute(self.descriptor_set, "descriptor set")
        for cidr in self.internal_cidrs:
            ip_network(cidr)  # raises ValueError naming the bad range

    @property
    def platform(self) -> PlatformEdge:
        """The platform side: admin, console listener and the platform's own services."""
        return PlatformEdge(
            console_listener=self.console_listener,
            admin_port=self.admin_port,
            backends=self.backends,
            web=self.web,
            descriptor_set=self.descriptor_set,
            grpc_services=self.grpc_services,
            internal_cidrs=self.internal_cidrs,
            limits=self.limits,
            server_name=self.server_name,
            http_backends=self.http_backends,
        )

    @property
    def channel(self) -> ChannelEdge:
        """The channel side: what registry serves over xDS when it is the control plane."""
        return ChannelEdge(
            listener=self.channel_listener,
            jwt=self.jwt,
            api_routes=self.api_routes,
            upstreams=self.upstreams,
            access_log=self.access_log,
            access=self.access,
            mutual_tls=self.mutual_tls,
            internal_cidrs=self.internal_cidrs,
            limits=self.limits,
            server_name=self.server_name,
        )


@dataclass(frozen=True)
class PlatformEdge:
    """What a bootstrap fixes whatever the catalogue holds: admin, console, platform services."""

    console_listener: BindAddress
    admin_port: int
    backends: Mapping[str, Endpoint]
    web: Endpoint
    descriptor_set: Path
    grpc_services: tuple[str, ...]
    internal_cidrs: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    limits: EdgeLimits = field(default_factory=EdgeLimits)
    server_name: str = "wailian"
    # Services' HTTP ports (plaintext HTTP/1.1) by name, for what the edge asks over HTTP:
    # identity's signature check (ext_authz).
    http_backends: Mapping[str, Endpoint] = field(default_factory=dict)

    def __post_init__(self) -> None:
        _check_port(self.admin_port, "admin port", zero_picks_free=True)
        _check_absolute(self.descriptor_set, "descriptor set")
        for cidr in self.internal_cidrs:
            ip_network(cidr)


@dataclass(frozen=True)
class ChannelEdge:
    """The channel listener, its routes and the hospital upstreams: the platform's live state."""

    listener: BindAddress
    jwt: ChannelJwt
    api_routes: tuple[ApiRoute, ...] = ()
    upstreams: tuple[Upstream, ...] = ()
    access_log: AccessLog | None = None
    access: ChannelAccess | None = None
    mutual_tls: MutualTls | None = None
    internal_cidrs: tuple[str, ...] = ("127.0.0.0/8", "::1/128")
    limits: EdgeLimits = field(default_factory=EdgeLimits)
    server_name: str = "wailian"

    def __post_init__(self) -> None:
        for cidr in self.internal_cidrs:
            ip_network(cidr)
        if self.mutual_tls is not None and self.access is None:
            raise ValueError("the mutual-TLS listener needs the channel access rules")


@dataclass(frozen=True)
class ControlPlane:
    """Where Envoy fetches its live configuration (ADS over gRPC) and who it says it is."""

    endpoint: Endpoint
    node_id: str = "wailian-edge"
    node_cluster: str = "wailian-edge"


def template_variables(path: str) -> list[str]:
    """The names of the `{name}` segments of a path, in order."""
    return [match.split("=", 1)[0] for match in _TEMPLATE_VARIABLE.findall(path)]


def _check_absolute(path: Path, label: str) -> None:
    # Envoy resolves relative paths against its own working directory, not the caller's.
    if not path.is_absolute():
        raise ValueError(f"the {label} path {str(path)!r} must be absolute")


def _check_port(port: int, label: str, *, zero_picks_free: bool = False) -> None:
    """A TCP port; 0 only where Envoy binds it and picks a free one (read back from admin)."""
    lowest = 0 if zero_picks_free else 1
    if not lowest <= port < 65536:
        raise ValueError(f"{label} {port} is not a TCP port")
