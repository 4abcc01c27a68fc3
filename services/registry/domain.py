"""Registry's rules for upstreams and API services."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from ipaddress import ip_address

from services.runtime.errors import Validator

_NAME = re.compile(r"^[a-z][a-z0-9-]{1,47}$")
_CODE = re.compile(r"^[a-z][a-z0-9_.-]{1,63}$")
VERSION = re.compile(r"^v?[0-9]+(\.[0-9]+){0,2}$")
# A DNS name (RFC 1123 labels) or an IP address: anything else Envoy cannot resolve or
# rejects, so it is refused here, before it reaches the edge.
_HOST_LABEL = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")
# A public path: segments of URL-safe characters or {name} variables. The limits are Envoy's
# uri_template ones (at most 5 variables of at most 16 characters), so an API the registry
# accepts can always be routed.
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


@dataclass(frozen=True)
class EndpointSpec:
    host: str
    port: int
    weight: int


@dataclass(frozen=True)
class UpstreamSpec:
    name: str
    description: str
    endpoints: list[EndpointSpec]
    protocol: int
    connect_timeout_ms: int
    request_timeout_ms: int
    tls_server_name: str = ""
    # Probed with GET when set; "" when the upstream has no health check.
    health_check_path: str = ""
    expected_statuses: tuple[int, ...] = ()


def validate_upstream(spec: UpstreamSpec, known_protocols: set[int]) -> None:
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
    check.require(
        not spec.health_check_path
        or (spec.health_check_path.startswith("/") and len(spec.health_check_path) <= 256),
        "upstream.health_check.path",
        "starts with '/', at most 256 characters",
    )
    check.require(
        all(100 <= status <= 599 for status in spec.expected_statuses),
        "upstream.health_check.expected_statuses",
        "HTTP statuses, 100-599",
    )
    check.check()


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
