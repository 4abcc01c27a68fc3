"""Registry's rules for upstreams and API services."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from ipaddress import ip_address

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from deploy.envoy.inputs import DEFAULT_RETRY_ON, RETRY_CONDITIONS
from services.runtime.errors import Validator

_NAME = re.compile(r"^[a-z][a-z0-9-]{1,47}$")
_CODE = re.compile(r"^[a-z][a-z0-9_.-]{1,63}$")
VERSION = re.compile(r"^v?[0-9]+(\.[0-9]+){0,2}$")
# A DNS name (RFC 1123 labels) or an IP address: anything else Envoy cannot resolve or
# rejects, so it is refused here, before it reaches the edge.
_HOST_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# A public path: segments of URL-safe characters or {name} variables. The limits (at most 5
# variables of at most 16 characters, 256 characters in all) are the edge generator's, so an API
# the registry accepts can always be routed.
_PATH_SEGMENT = re.compile(r"^([A-Za-z0-9._~-]+|\{[a-z][a-z0-9_]{0,15}\})$")
MAX_PATH_VARIABLES = 5
CATEGORIES = (
    "appointment",
    "outpatient_payment",
    "report",
    "inpatient",
    "patient",
    "master_data",
    "payment",
    "other",
)
MAX_TIMEOUT_MS = 300_000
MAX_RETRIES = 10
MAX_CIRCUIT_LIMIT = 1_000_000
MAX_CA_PEM_CHARS = 64 * 1024
MAX_CLIENT_PEM_CHARS = 64 * 1024
# A certificate whose validity starts this little after now is taken (clocks differ slightly).
CLOCK_SKEW = timedelta(minutes=5)
DEFAULT_EJECTION_MS = 30_000
DEFAULT_MAX_EJECTION_PERCENT = 10
DEFAULT_HEALTH_INTERVAL_MS = 10_000
DEFAULT_HEALTH_TIMEOUT_MS = 2_000
DEFAULT_HEALTHY_THRESHOLD = 2
DEFAULT_UNHEALTHY_THRESHOLD = 3


@dataclass(frozen=True)
class EndpointSpec:
    host: str
    port: int
    weight: int


@dataclass(frozen=True)
class RetrySpec:
    """Zero retries: none. The edge retries idempotent methods only."""

    max_retries: int = 0
    # 0: each attempt may take the route's whole timeout.
    per_try_timeout_ms: int = 0
    # Envoy retry conditions; the default set when empty.
    retry_on: tuple[str, ...] = ()

    def stored(self) -> dict[str, object]:
        if not self.max_retries:
            return {}
        return {
            "max_retries": self.max_retries,
            "per_try_timeout_ms": self.per_try_timeout_ms,
            "retry_on": list(self.retry_on or DEFAULT_RETRY_ON),
        }


@dataclass(frozen=True)
class CircuitBreakerSpec:
    """Zero limits keep Envoy's defaults; zero consecutive 5xx: no outlier detection."""

    max_connections: int = 0
    max_pending_requests: int = 0
    max_requests: int = 0
    max_retries: int = 0
    consecutive_5xx: int = 0
    base_ejection_time_ms: int = 0
    max_ejection_percent: int = 0

    def stored(self) -> dict[str, object]:
        stored: dict[str, object] = {
            name: value
            for name, value in (
                ("max_connections", self.max_connections),
                ("max_pending_requests", self.max_pending_requests),
                ("max_requests", self.max_requests),
                ("max_retries", self.max_retries),
            )
            if value
        }
        if self.consecutive_5xx:
            stored["consecutive_5xx"] = self.consecutive_5xx
            stored["base_ejection_time_ms"] = self.base_ejection_time_ms or DEFAULT_EJECTION_MS
            stored["max_ejection_percent"] = (
                self.max_ejection_percent or DEFAULT_MAX_EJECTION_PERCENT
            )
        return stored


@dataclass(frozen=True)
class HealthCheckSpec:
    """Active health checks from the edge (and what ProbeUpstream asks); zero values: defaults."""

    enabled: bool = False
    path: str = ""
    grpc_service_name: str = ""
    interval_ms: int = 0
    timeout_ms: int = 0
    healthy_threshold: int = 0
    unhealthy_threshold: int = 0
    expected_statuses: tuple[int, ...] = ()

    def stored(self, protocol_is_grpc: bool) -> dict[str, object]:
        if not self.enabled:
            return {}
        return {
            "path": "" if protocol_is_grpc else self.path,
            "grpc_service_name": self.grpc_service_name if protocol_is_grpc else "",
            "interval_ms": self.interval_ms or DEFAULT_HEALTH_INTERVAL_MS,
            "timeout_ms": self.timeout_ms or DEFAULT_HEALTH_TIMEOUT_MS,
            "healthy_threshold": self.healthy_threshold or DEFAULT_HEALTHY_THRESHOLD,
            "unhealthy_threshold": self.unhealthy_threshold or DEFAULT_UNHEALTHY_THRESHOLD,
            "expected_statuses": sorted(set(self.expected_statuses)),
        }


@dataclass(frozen=True)
class ClientCertificateSpec:
    """The certificate chain (PEM, the edge's own certificate first) and key the edge presents
    to an upstream that requires mutual TLS. The key never appears in a repr or a message."""

    certificate_pem: str
    # The key in effect: the one given, or the stored one when only the certificate changed.
    private_key_pem: str = field(repr=False)
    # Given in this request: checked for expiry (a stored one is not, on unrelated edits).
    new: bool = True


@dataclass(frozen=True)
class CertificateFacts:
    """What staff see of a client certificate: never its key."""

    subject: str
    issuer: str
    sha256_fingerprint: str
    not_before: datetime
    not_after: datetime


def certificate_facts(chain_pem: str) -> CertificateFacts:
    """The facts of the chain's first certificate; ValueError when it is not PEM."""
    first = x509.load_pem_x509_certificates(chain_pem.encode("ascii"))[0]
    return CertificateFacts(
        subject=first.subject.rfc4514_string(),
        issuer=first.issuer.rfc4514_string(),
        sha256_fingerprint=hashlib.sha256(
            first.public_bytes(serialization.Encoding.DER)
        ).hexdigest(),
        not_before=first.not_valid_before_utc,
        not_after=first.not_valid_after_utc,
    )


def client_key_context(chain_pem: str) -> str:
    """What a sealed client key is bound to: its certificate, so keys cannot be swapped."""
    return f"registry.upstream-client-key:{certificate_facts(chain_pem).sha256_fingerprint}"


@dataclass(frozen=True)
class UpstreamSpec:
    name: str
    description: str
    endpoints: list[EndpointSpec]
    protocol: int
    connect_timeout_ms: int
    request_timeout_ms: int
    tls_server_name: str = ""
    tls: bool = False
    tls_ca_certificate_pem: str = ""
    # None: the edge presents no client certificate.
    tls_client_certificate: ClientCertificateSpec | None = None
    retry: RetrySpec = field(default_factory=RetrySpec)
    circuit_breaker: CircuitBreakerSpec = field(default_factory=CircuitBreakerSpec)
    health_check: HealthCheckSpec = field(default_factory=HealthCheckSpec)
    load_balancing_policy: int = 0
    # Whether `protocol` is gRPC: its health check is gRPC's, not an HTTP path.
    grpc: bool = False


def validate_upstream(
    spec: UpstreamSpec,
    known_protocols: set[int],
    known_load_balancing: set[int],
    now: datetime | None = None,
) -> None:
    check = Validator()
    check.require(
        bool(_NAME.match(spec.name)),
        "upstream.name",
        "2-48 characters: a lower-case letter, then lower-case letters, digits or '-'",
    )
    check.require(len(spec.description) <= 2000, "upstream.description", "at most 2000 characters")
    check.require(bool(spec.endpoints), "upstream.endpoints", "add at least one endpoint")
    for index, endpoint in enumerate(spec.endpoints):
        field = f"upstream.endpoints[{index}]"
        check.require(is_host(endpoint.host), f"{field}.host", "a host name or an IP address")
        check.require(1 <= endpoint.port <= 65535, f"{field}.port", "1-65535")
        check.require(0 <= endpoint.weight <= 1000, f"{field}.weight", "0 (meaning 1) to 1000")
    check.require(spec.protocol in known_protocols, "upstream.protocol", "choose a protocol")
    check.require(
        0 < spec.connect_timeout_ms <= 60_000, "upstream.connect_timeout", "between 1 ms and 60 s"
    )
    check.require(
        0 < spec.request_timeout_ms <= MAX_TIMEOUT_MS,
        "upstream.request_timeout",
        "between 1 ms and 300 s",
    )
    check.require(
        not spec.tls_server_name or is_host(spec.tls_server_name),
        "upstream.tls_server_name",
        "a host name",
    )
    _check_tls(check, spec)
    if spec.tls_client_certificate is not None:
        _check_client_certificate(check, spec.tls_client_certificate, spec.tls, now)
    _check_retry(check, spec.retry, spec.request_timeout_ms)
    _check_circuit_breaker(check, spec.circuit_breaker)
    _check_health_check(check, spec.health_check, grpc=spec.grpc)
    check.require(
        spec.load_balancing_policy in known_load_balancing,
        "upstream.load_balancing_policy",
        "round robin, least request, random or ring hash",
    )
    check.check()


def _check_tls(check: Validator, spec: UpstreamSpec) -> None:
    if spec.tls_ca_certificate_pem:
        problem = ca_certificate_problem(spec.tls_ca_certificate_pem)
        check.require(problem is None, "upstream.tls_ca_certificate_pem", problem or "")
    if spec.tls and not spec.tls_server_name:
        # One name is sent as SNI and checked against every endpoint's certificate.
        check.require(
            len({endpoint.host for endpoint in spec.endpoints}) <= 1,
            "upstream.tls_server_name",
            "required with TLS when the endpoints are on different hosts",
        )


def ca_certificate_problem(pem: str) -> str | None:
    """Why `pem` is not one or more PEM certificates to trust, or None."""
    if len(pem) > MAX_CA_PEM_CHARS:
        return f"at most {MAX_CA_PEM_CHARS} characters"
    if "PRIVATE KEY" in pem:
        return "certificates only: this holds a private key, which must never be pasted here"
    try:
        certificates = x509.load_pem_x509_certificates(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        return "not PEM certificates (-----BEGIN CERTIFICATE----- ...)"
    return None if certificates else "no certificate in it"


_CERTIFICATE_FIELD = "upstream.tls_client_certificate_pem"
_KEY_FIELD = "upstream.tls_client_private_key_pem"


def _check_client_certificate(
    check: Validator, client: ClientCertificateSpec, tls: bool, now: datetime | None
) -> None:
    check.require(tls, "upstream.tls", "a client certificate is presented over TLS: turn TLS on")
    certificate = _client_certificate(check, client, now)
    key = _client_key(check, client.private_key_pem)
    if certificate is not None and key is not None:
        check.require(
            _public_der(key.public_key()) == _public_der(certificate.public_key()),
            _KEY_FIELD,
            "this private key does not belong to the certificate (the first in the chain)",
        )


def _client_certificate(
    check: Validator, client: ClientCertificateSpec, now: datetime | None
) -> x509.Certificate | None:
    pem = client.certificate_pem
    if not pem:
        check.require(False, _CERTIFICATE_FIELD, "required with a private key")
        return None
    if len(pem) > MAX_CLIENT_PEM_CHARS:
        check.require(False, _CERTIFICATE_FIELD, f"at most {MAX_CLIENT_PEM_CHARS} characters")
        return None
    if "PRIVATE KEY" in pem:
        check.require(
            False,
            _CERTIFICATE_FIELD,
            "certificates only: this holds a private key, which goes in the private key field",
        )
        return None
    try:
        chain = x509.load_pem_x509_certificates(pem.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        chain = []
    if not chain:
        check.require(
            False, _CERTIFICATE_FIELD, "not PEM certificates (-----BEGIN CERTIFICATE----- ...)"
        )
        return None
    first = chain[0]
    if client.new and now is not None:
        check.require(
            first.not_valid_after_utc > now,
            _CERTIFICATE_FIELD,
            f"expired on {first.not_valid_after_utc:%Y-%m-%d %H:%M} UTC",
        )
        check.require(
            first.not_valid_before_utc <= now + CLOCK_SKEW,
            _CERTIFICATE_FIELD,
            f"not valid before {first.not_valid_before_utc:%Y-%m-%d %H:%M} UTC",
        )
    return first


_KeyTypes = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def _client_key(check: Validator, pem: str) -> _KeyTypes | None:
    """The private key, or None with a violation; no message repeats any of its text."""
    if not pem:
        check.require(False, _KEY_FIELD, "required: the private key of the client certificate")
        return None
    if len(pem) > MAX_CLIENT_PEM_CHARS:
        check.require(False, _KEY_FIELD, f"at most {MAX_CLIENT_PEM_CHARS} characters")
        return None
    try:
        key = serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except TypeError:
        check.require(
            False,
            _KEY_FIELD,
            "an encrypted key: give it without a passphrase (registry stores it encrypted)",
        )
        return None
    except (ValueError, UnicodeEncodeError):
        check.require(False, _KEY_FIELD, "not a PEM private key (-----BEGIN PRIVATE KEY----- ...)")
        return None
    supported = (isinstance(key, rsa.RSAPrivateKey) and key.key_size >= 2048) or (
        isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name in ("secp256r1", "secp384r1")
    )
    check.require(
        supported, _KEY_FIELD, "an RSA key of at least 2048 bits or an ECDSA P-256 or P-384 key"
    )
    return key if supported else None  # type: ignore[return-value]


def _public_der(key: object) -> bytes:
    if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
        return b""  # a kind of certificate key no supported private key can match
    return key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _check_retry(check: Validator, retry: RetrySpec, request_timeout_ms: int) -> None:
    check.require(
        0 <= retry.max_retries <= MAX_RETRIES,
        "upstream.retry_policy.max_retries",
        f"0 (no retries) to {MAX_RETRIES}",
    )
    check.require(
        0 <= retry.per_try_timeout_ms <= request_timeout_ms,
        "upstream.retry_policy.per_try_timeout",
        "0 (the whole request timeout) up to the request timeout",
    )
    unknown = sorted(set(retry.retry_on) - RETRY_CONDITIONS)
    check.require(
        not unknown,
        "upstream.retry_policy.retry_on",
        f"unknown condition(s) {', '.join(unknown)}; "
        f"Envoy's are {', '.join(sorted(RETRY_CONDITIONS))}",
    )


def _check_circuit_breaker(check: Validator, breaker: CircuitBreakerSpec) -> None:
    at = "upstream.circuit_breaker"
    for name in ("max_connections", "max_pending_requests", "max_requests", "max_retries"):
        check.require(
            0 <= getattr(breaker, name) <= MAX_CIRCUIT_LIMIT,
            f"{at}.{name}",
            f"0 (Envoy's default) to {MAX_CIRCUIT_LIMIT}",
        )
    check.require(0 <= breaker.consecutive_5xx <= 1000, f"{at}.consecutive_5xx", "0 (off) to 1000")
    check.require(
        0 <= breaker.base_ejection_time_ms <= 3_600_000,
        f"{at}.base_ejection_time",
        "0 (30 s) to 1 hour",
    )
    check.require(
        0 <= breaker.max_ejection_percent <= 100,
        f"{at}.max_ejection_percent",
        "0 (10%) to 100",
    )


def _check_health_check(check: Validator, health: HealthCheckSpec, *, grpc: bool) -> None:
    if not health.enabled:
        return
    at = "upstream.health_check"
    if not grpc:
        check.require(
            health.path.startswith("/") and len(health.path) <= 256 and " " not in health.path,
            f"{at}.path",
            "starts with '/', at most 256 characters, no spaces",
        )
    check.require(
        len(health.grpc_service_name) <= 256, f"{at}.grpc_service_name", "at most 256 characters"
    )
    check.require(
        health.interval_ms == 0 or 1_000 <= health.interval_ms <= 300_000,
        f"{at}.interval",
        "1 s to 300 s",
    )
    interval = health.interval_ms or DEFAULT_HEALTH_INTERVAL_MS
    check.require(
        health.timeout_ms == 0 or 100 <= health.timeout_ms <= interval,
        f"{at}.timeout",
        "100 ms up to the interval",
    )
    for name in ("healthy_threshold", "unhealthy_threshold"):
        check.require(0 <= getattr(health, name) <= 10, f"{at}.{name}", "0 (default) to 10")
    check.require(
        all(100 <= status <= 599 for status in health.expected_statuses),
        f"{at}.expected_statuses",
        "HTTP statuses, 100-599",
    )


def is_host(host: str) -> bool:
    """An IP address, or a DNS name of letters, digits and inner hyphens in dot-separated labels."""
    try:
        ip_address(host.strip("[]") if host.startswith("[") else host)
        return True
    except ValueError:
        pass
    if not 0 < len(host) <= 253 or host.replace(".", "").isdigit():
        return False
    return all(_HOST_LABEL.match(label) for label in host.removesuffix(".").split("."))


def path_variables(path: str) -> list[str]:
    return re.findall(r"\{([a-z][a-z0-9_]{0,15})\}", path)


def path_problem(path: str) -> str | None:
    if not path.startswith("/") or len(path) > 256:
        return "starts with '/', at most 256 characters"
    segments = path[1:].split("/")
    if any(not _PATH_SEGMENT.match(segment) for segment in segments):
        return "segments of letters, digits, '.', '_', '~', '-' or a {variable} (≤16 characters)"
    if len(path_variables(path)) > MAX_PATH_VARIABLES:
        return f"at most {MAX_PATH_VARIABLES} {{variables}}"
    if len(set(path_variables(path))) != len(path_variables(path)):
        return "each {variable} at most once"
    return None


PARAMETER_LOCATIONS = ("path", "query", "header")
PARAMETER_TYPES = ("string", "integer", "number", "boolean")
_PARAMETER_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
_ERROR_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
MAX_DOCUMENT_CHARS = 100_000
MAX_RATE_LIMIT = 100_000


@dataclass(frozen=True)
class ParameterSpec:
    name: str
    location: str
    type: str
    required: bool
    description: str
    example: str

    def stored(self) -> dict[str, object]:
        return {
            "name": self.name,
            "location": self.location,
            "type": self.type,
            "required": self.required,
            "description": self.description,
            "example": self.example,
        }


@dataclass(frozen=True)
class ErrorCodeSpec:
    code: str
    http_status: int
    description: str

    def stored(self) -> dict[str, object]:
        return {"code": self.code, "http_status": self.http_status, "description": self.description}


@dataclass(frozen=True)
class ApiServiceSpec:
    code: str
    name: str
    category: str
    version: str
    description: str
    method: int
    path: str
    upstream_id: str
    upstream_path: str
    owner: str
    request_schema: str = ""
    response_schema: str = ""
    request_example: str = ""
    response_example: str = ""
    parameters: list[ParameterSpec] = field(default_factory=list)
    error_codes: list[ErrorCodeSpec] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    rate_limit_per_second: int = 0
    timeout_ms: int = 0


def versioned_path(path: str, old_version: str, new_version: str) -> str:
    """The public path of a new version: the old version's segment swapped, else a prefix.

    Versions of one API are live side by side, so each needs a path of its own.
    """
    segments = path.split("/")
    if old_version in segments:
        return "/".join(new_version if s == old_version else s for s in segments)
    return f"/{new_version}{path}"


_LINK = re.compile(r"^https?://[^\s<>\"\\]{1,500}$")


def deprecation_link_problem(link: str) -> str | None:
    """Why `link` cannot go in a Link header (RFC 8288), or None; empty is fine (no link)."""
    if not link:
        return None
    if len(link) > 512 or not _LINK.match(link):
        return "an http(s) URL without spaces, quotes or angle brackets, at most 512 characters"
    return None


RESERVED_PREFIXES = ("/oauth2/", "/api/", "/wailian.", "/healthz", "/readyz")


def validate_api_service(spec: ApiServiceSpec, known_methods: set[int]) -> None:
    check = Validator()
    check.require(
        bool(_CODE.match(spec.code)),
        "api_service.code",
        "2-64 characters: a lower-case letter, then lower-case letters, digits, '.', '_' or '-'",
    )
    check.require(0 < len(spec.name.strip()) <= 64, "api_service.name", "1-64 characters")
    check.require(
        spec.category in CATEGORIES, "api_service.category", f"one of {', '.join(CATEGORIES)}"
    )
    check.require(bool(VERSION.match(spec.version)), "api_service.version", "like v1 or 1.2.0")
    check.require(
        len(spec.description) <= 20_000, "api_service.description", "at most 20000 characters"
    )
    check.require(spec.method in known_methods, "api_service.method", "choose an HTTP method")
    problem = path_problem(spec.path)
    check.require(problem is None, "api_service.path", problem or "")
    check.require(
        not spec.path.startswith(RESERVED_PREFIXES),
        "api_service.path",
        f"must not start with a reserved prefix ({', '.join(RESERVED_PREFIXES)})",
    )
    if spec.upstream_path:
        problem = path_problem(spec.upstream_path)
        check.require(problem is None, "api_service.upstream_path", problem or "")
        check.require(
            set(path_variables(spec.upstream_path)) <= set(path_variables(spec.path)),
            "api_service.upstream_path",
            "may only use {variables} of the public path",
        )
    check.require(bool(spec.upstream_id), "api_service.upstream_id", "choose an upstream")
    check.require(len(spec.owner) <= 64, "api_service.owner", "at most 64 characters")
    _check_documentation(check, spec, "api_service")
    check.check()


def json_problem(text: str, *, schema: bool) -> str | None:
    """Why `text` is not acceptable JSON (a JSON object when it is a schema), or None."""
    if not text:
        return None
    if len(text) > MAX_DOCUMENT_CHARS:
        return f"at most {MAX_DOCUMENT_CHARS} characters"
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        return f"not valid JSON: {error}"
    if schema and not isinstance(value, dict):
        return "a JSON Schema: a JSON object"
    return None


def _check_documentation(check: Validator, spec: ApiServiceSpec, prefix: str) -> None:
    for name in ("request_schema", "response_schema", "request_example", "response_example"):
        problem = json_problem(getattr(spec, name), schema=name.endswith("schema"))
        check.require(problem is None, f"{prefix}.{name}", problem or "")
    names = set()
    variables = set(path_variables(spec.path))
    for index, parameter in enumerate(spec.parameters):
        at = f"{prefix}.parameters[{index}]"
        check.require(
            bool(_PARAMETER_NAME.match(parameter.name)),
            f"{at}.name",
            "1-64 characters: a letter, then letters, digits, '.', '_' or '-'",
        )
        check.require(
            (parameter.name, parameter.location) not in names, f"{at}.name", "listed twice"
        )
        names.add((parameter.name, parameter.location))
        check.require(
            parameter.location in PARAMETER_LOCATIONS,
            f"{at}.location",
            f"one of {', '.join(PARAMETER_LOCATIONS)}",
        )
        check.require(
            parameter.location != "path" or parameter.name in variables,
            f"{at}.name",
            "a path parameter must be a {variable} of the path",
        )
        check.require(
            parameter.type in PARAMETER_TYPES, f"{at}.type", f"one of {', '.join(PARAMETER_TYPES)}"
        )
        check.require(len(parameter.description) <= 500, f"{at}.description", "at most 500")
        check.require(len(parameter.example) <= 500, f"{at}.example", "at most 500 characters")
    for index, error_code in enumerate(spec.error_codes):
        at = f"{prefix}.error_codes[{index}]"
        check.require(
            bool(_ERROR_CODE.match(error_code.code)), f"{at}.code", "like SLOT_TAKEN (≤64)"
        )
        check.require(400 <= error_code.http_status <= 599, f"{at}.http_status", "400-599")
        check.require(len(error_code.description) <= 500, f"{at}.description", "at most 500")
    check.require(len(spec.tags) <= 20, f"{prefix}.tags", "at most 20 tags")
    for index, tag in enumerate(spec.tags):
        check.require(0 < len(tag) <= 32, f"{prefix}.tags[{index}]", "1-32 characters")
    check.require(
        0 <= spec.rate_limit_per_second <= MAX_RATE_LIMIT,
        f"{prefix}.rate_limit_per_second",
        f"0 (no limit of its own) to {MAX_RATE_LIMIT}",
    )
    check.require(
        0 <= spec.timeout_ms <= MAX_TIMEOUT_MS,
        f"{prefix}.timeout",
        "0 (the upstream's) to 300 s",
    )
