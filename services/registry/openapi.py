"""OpenAPI 3 documents in and out of the catalogue (no gRPC, no SQL).

Import reads every operation of a document into an ApiServiceSpec, with each problem named by
its operation, so that a document either goes in whole or not at all. Export writes the
services' public side only (never the upstream or its path), with `x-wailian-*` extensions that
carry what OpenAPI has no field for, so that an exported document imports back unchanged.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import yaml

from services.registry import domain
from services.runtime.errors import InvalidArgument

HTTP_METHODS = ("get", "post", "put", "patch", "delete")
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
MAX_OPERATIONS = 1000
# $ref chains deeper than this are cut (a recursive schema would never end).
MAX_REF_DEPTH = 16
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_CODE = re.compile(r"[^a-z0-9_.-]+")
_TEMPLATE_VARIABLE = re.compile(r"\{([^{}]+)\}")
_PRIMITIVES = ("string", "integer", "number", "boolean")


class OpenApiError(Exception):
    """The document as a whole cannot be read (not JSON/YAML, not OpenAPI 3, no paths)."""


@dataclass(frozen=True)
class ImportDefaults:
    """What the import request fixes for every operation."""

    upstream_id: str
    category: str
    owner: str
    path_prefix: str
    # "GET" → the proto's HttpMethod number.
    method_numbers: Mapping[str, int]


@dataclass
class ImportedOperation:
    """One operation of the document: its spec, or the problems that keep it out."""

    method: str
    path: str
    code: str = ""
    version: str = ""
    spec: domain.ApiServiceSpec | None = None
    problems: list[str] = field(default_factory=list)


def load_document(text: str) -> dict[str, Any]:
    """The document as a mapping; OpenApiError when it is not an OpenAPI 3 document."""
    if not text.strip():
        raise OpenApiError("the document is empty")
    if len(text.encode()) > MAX_DOCUMENT_BYTES:
        raise OpenApiError(f"the document is larger than {MAX_DOCUMENT_BYTES // 1024} KiB")
    try:
        document = json.loads(text) if text.lstrip().startswith("{") else yaml.safe_load(text)
    except (ValueError, yaml.YAMLError, RecursionError) as error:
        raise OpenApiError(f"neither JSON nor YAML: {_first_line(error)}") from None
    if not isinstance(document, dict):
        raise OpenApiError("the document must be an object")
    version = str(document.get("openapi", ""))
    if not re.fullmatch(r"3\.[01](\.[0-9]+)?", version):
        raise OpenApiError(
            "not an OpenAPI 3.0 or 3.1 document (the 'openapi' field)"
            + (" — Swagger 2.0 must be converted first" if "swagger" in document else "")
        )
    if not isinstance(document.get("paths"), dict) or not document["paths"]:
        raise OpenApiError("the document has no paths")
    return document


def read_operations(
    document: Mapping[str, Any], defaults: ImportDefaults
) -> list[ImportedOperation]:
    """Every operation, in document order, each with its spec or its problems."""
    base_path = _server_base_path(document)
    info = document.get("info")
    document_version = _version_label(
        str(info.get("version", "")) if isinstance(info, dict) else ""
    )
    operations: list[ImportedOperation] = []
    for path, raw_item in document["paths"].items():
        item = _resolve(document, raw_item)
        if not isinstance(item, dict):
            operations.append(ImportedOperation("", str(path), problems=["not an object"]))
            continue
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            imported = ImportedOperation(method.upper(), str(path))
            if not isinstance(operation, dict):
                imported.problems.append("not an object")
            else:
                _read_operation(
                    document, imported, operation, shared, defaults, base_path, document_version
                )
            operations.append(imported)
        for method in ("head", "options", "trace"):
            if method in item:
                operations.append(
                    ImportedOperation(
                        method.upper(),
                        str(path),
                        problems=[f"{method.upper()} is not a method the edge routes"],
                    )
                )
    if len(operations) > MAX_OPERATIONS:
        raise OpenApiError(f"more than {MAX_OPERATIONS} operations")
    _check_repeats(operations)
    return operations


def _read_operation(
    document: Mapping[str, Any],
    imported: ImportedOperation,
    operation: Mapping[str, Any],
    shared: Any,
    defaults: ImportDefaults,
    base_path: str,
    document_version: str,
) -> None:
    problems = imported.problems
    code = str(operation.get("x-wailian-code") or _code_from(operation.get("operationId")))
    if not code:
        problems.append("needs an operationId (or x-wailian-code) to name the API service")
    version = str(operation.get("x-wailian-version") or document_version)
    imported.code, imported.version = code, version
    tags = [str(tag) for tag in operation.get("tags", []) if isinstance(tag, str)]
    category = str(
        operation.get("x-wailian-category")
        or next((tag for tag in tags if tag in domain.CATEGORIES), "")
        or defaults.category
        or "other"
    )
    renames = {name: _variable_name(name) for name in _TEMPLATE_VARIABLE.findall(imported.path)}
    public_path = _join(defaults.path_prefix, _renamed(imported.path, renames))
    upstream_path = (
        _join(base_path, _renamed(imported.path, renames))
        if base_path or defaults.path_prefix
        else ""
    )
    parameters = _parameters(document, [*_as_list(shared), *_as_list(operation.get("parameters"))])
    for problem in parameters.problems:
        problems.append(problem)
    request_schema, request_example = _request_body(document, operation.get("requestBody"))
    response_schema, response_example, error_codes = _responses(
        document, operation.get("responses")
    )
    extension_codes = operation.get("x-wailian-error-codes")
    if isinstance(extension_codes, list):
        error_codes = [
            domain.ErrorCodeSpec(
                str(e.get("code", "")), _int(e.get("http_status")), str(e.get("description", ""))
            )
            for e in extension_codes
            if isinstance(e, dict)
        ]
    name = str(operation.get("summary") or operation.get("operationId") or code)
    spec = domain.ApiServiceSpec(
        code=code,
        name=name[:64].strip(),
        category=category,
        version=version,
        description=str(operation.get("description", "")),
        method=defaults.method_numbers.get(imported.method, 0),
        path=public_path,
        upstream_id=defaults.upstream_id,
        upstream_path=upstream_path if upstream_path != public_path else "",
        owner=str(operation.get("x-wailian-owner") or defaults.owner),
        request_schema=request_schema,
        response_schema=response_schema,
        request_example=request_example,
        response_example=response_example,
        parameters=[
            domain.ParameterSpec(
                name=renames.get(p.name, p.name) if p.location == "path" else p.name,
                location=p.location,
                type=p.type,
                required=p.required,
                description=p.description,
                example=p.example,
            )
            for p in parameters.found
        ],
        error_codes=error_codes,
        tags=[tag for tag in tags if tag != category][:20],
        rate_limit_per_second=_int(operation.get("x-wailian-rate-limit-per-second")),
    )
    try:
        domain.validate_api_service(spec, set(defaults.method_numbers.values()))
    except InvalidArgument as error:
        problems.extend(violations_of(error))
    if not problems:
        imported.spec = spec


@dataclass
class _Parameters:
    found: list[domain.ParameterSpec] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _parameters(document: Mapping[str, Any], given: list[Any]) -> _Parameters:
    result = _Parameters()
    by_key: dict[tuple[str, str], domain.ParameterSpec] = {}
    for raw in given:
        parameter = _resolve(document, raw)
        if not isinstance(parameter, dict):
            result.problems.append("a parameter is not an object")
            continue
        name, location = str(parameter.get("name", "")), str(parameter.get("in", ""))
        if location == "cookie":
            result.problems.append(f"parameter {name}: cookie parameters are not supported")
            continue
        schema = _resolve(document, parameter.get("schema") or {})
        kind = str(schema.get("type", "string")) if isinstance(schema, dict) else "string"
        if kind not in _PRIMITIVES:
            result.problems.append(
                f"parameter {name}: type {kind!r}; only {', '.join(_PRIMITIVES)} are supported"
            )
            continue
        example = parameter.get("example", schema.get("example", "") if schema else "")
        # Operation-level parameters override path-level ones of the same name and place.
        by_key[(name, location)] = domain.ParameterSpec(
            name=name,
            location=location,
            type=kind,
            required=bool(parameter.get("required", False)) or location == "path",
            description=str(parameter.get("description", ""))[:500],
            example="" if example is None else _text(example),
        )
    result.found = list(by_key.values())
    return result


def _request_body(document: Mapping[str, Any], body: Any) -> tuple[str, str]:
    body = _resolve(document, body) if body is not None else None
    if not isinstance(body, dict):
        return "", ""
    return _json_content(document, body.get("content"))


def _responses(
    document: Mapping[str, Any], responses: Any
) -> tuple[str, str, list[domain.ErrorCodeSpec]]:
    schema, example = "", ""
    error_codes: list[domain.ErrorCodeSpec] = []
    if not isinstance(responses, dict):
        return schema, example, error_codes
    for status, raw in sorted(responses.items(), key=lambda item: str(item[0])):
        response = _resolve(document, raw)
        if not isinstance(response, dict):
            continue
        status_text = str(status)
        if status_text.startswith("2") and not schema:
            schema, example = _json_content(document, response.get("content"))
        elif status_text[:1] in ("4", "5") and status_text.isdigit():
            error_codes.append(
                domain.ErrorCodeSpec(
                    f"HTTP_{status_text}",
                    int(status_text),
                    str(response.get("description", ""))[:500],
                )
            )
    return schema, example, error_codes


def _json_content(document: Mapping[str, Any], content: Any) -> tuple[str, str]:
    """The JSON schema (refs inlined) and example of a content map's JSON media type."""
    if not isinstance(content, dict):
        return "", ""
    media = next(
        (
            value
            for key, value in content.items()
            if str(key).split(";")[0].strip() in ("application/json", "*/*")
            or str(key).endswith("+json")
        ),
        None,
    )
    if not isinstance(media, dict):
        return "", ""
    schema = _inline(document, media.get("schema"), 0) if media.get("schema") else None
    example = media.get("example")
    if example is None and isinstance(media.get("examples"), dict) and media["examples"]:
        first = _resolve(document, next(iter(media["examples"].values())))
        example = first.get("value") if isinstance(first, dict) else None
    if example is None and isinstance(schema, dict):
        example = schema.get("example")
    return (
        _dump(schema) if isinstance(schema, dict) else "",
        _dump(example) if example is not None else "",
    )


def _inline(document: Mapping[str, Any], value: Any, depth: int) -> Any:
    """The value with every local $ref replaced by what it points at."""
    if isinstance(value, dict):
        if "$ref" in value and isinstance(value["$ref"], str):
            if depth >= MAX_REF_DEPTH:
                return {}
            return _inline(document, _follow(document, value["$ref"]), depth + 1)
        return {key: _inline(document, item, depth) for key, item in value.items()}
    if isinstance(value, list):
        return [_inline(document, item, depth) for item in value]
    return value


def _resolve(document: Mapping[str, Any], value: Any) -> Any:
    """A $ref followed (a few steps at most); anything else as it is."""
    for _ in range(MAX_REF_DEPTH):
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
            return value
        value = _follow(document, value["$ref"])
    return {}


def _follow(document: Mapping[str, Any], ref: str) -> Any:
    if not ref.startswith("#/"):
        return {}  # only references inside the document are read
    node: Any = document
    for escaped in ref[2:].split("/"):
        part = escaped.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return {}
        node = node[part]
    return node


def _check_repeats(operations: list[ImportedOperation]) -> None:
    seen_codes: dict[tuple[str, str], str] = {}
    seen_routes: dict[tuple[str, str], str] = {}
    for operation in operations:
        if operation.spec is None:
            continue
        label = f"{operation.method} {operation.path}"
        key = (operation.code, operation.version)
        if key in seen_codes:
            operation.problems.append(f"code {operation.code} repeats {seen_codes[key]}")
        seen_codes.setdefault(key, label)
        route = (operation.method, operation.spec.path)
        if route in seen_routes:
            operation.problems.append(f"the public path repeats {seen_routes[route]}")
        seen_routes.setdefault(route, label)
        if operation.problems:
            operation.spec = None


def violations_of(error: InvalidArgument) -> list[str]:
    """A domain validation failure as problems of one operation."""
    return [
        f"{violation.field.removeprefix('api_service.')}: {violation.description}"
        for violation in error.violations
    ]


def _server_base_path(document: Mapping[str, Any]) -> str:
    servers = document.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    path = urlsplit(str(servers[0].get("url", ""))).path.rstrip("/")
    return path if path.startswith("/") else ""


def _code_from(operation_id: Any) -> str:
    if not isinstance(operation_id, str) or not operation_id.strip():
        return ""
    code = _NOT_CODE.sub("_", _CAMEL_BOUNDARY.sub("_", operation_id.strip()).lower()).strip("_.-")
    return code[:64]


def _version_label(version: str) -> str:
    if domain.VERSION.match(version):
        return version
    major = re.match(r"v?([0-9]+)", version)
    return f"v{major.group(1)}" if major else "v1"


def _variable_name(name: str) -> str:
    snake = _CAMEL_BOUNDARY.sub("_", name).lower()
    return re.sub(r"[^a-z0-9_]", "_", snake)[:16]


def _renamed(path: str, renames: Mapping[str, str]) -> str:
    return _TEMPLATE_VARIABLE.sub(lambda m: "{" + renames.get(m.group(1), m.group(1)) + "}", path)


def _join(prefix: str, path: str) -> str:
    prefix = prefix.strip().rstrip("/")
    return f"{prefix}{path}" if prefix else path


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


# --- export ---


@dataclass(frozen=True)
class ExportedService:
    """An API service as a channel sees it."""

    code: str
    version: str
    name: str
    category: str
    description: str
    method: str
    path: str
    deprecated: bool
    request_schema: str
    response_schema: str
    request_example: str
    response_example: str
    parameters: list[domain.ParameterSpec]
    error_codes: list[domain.ErrorCodeSpec]
    tags: list[str]
    rate_limit_per_second: int
    # When a deprecated service goes offline, and where its migration is documented.
    sunset: datetime | None = None
    deprecation_link: str = ""


def export_document(
    services: Iterable[ExportedService], *, title: str, version: str
) -> dict[str, Any]:
    """An OpenAPI 3.1 document of the services (their public paths on the channel listener)."""
    paths: dict[str, dict[str, Any]] = {}
    categories: set[str] = set()
    for service in services:
        categories.add(service.category)
        paths.setdefault(service.path, {})[service.method.lower()] = _operation(service)
    return {
        "openapi": "3.1.0",
        "info": {"title": title, "version": version},
        "tags": [{"name": category} for category in sorted(categories)],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "channelToken": {
                    "type": "oauth2",
                    "flows": {"clientCredentials": {"tokenUrl": "/oauth2/token", "scopes": {}}},
                }
            }
        },
        "security": [{"channelToken": []}],
    }


def _operation(service: ExportedService) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "operationId": service.code,
        "summary": service.name,
        "tags": [service.category, *service.tags],
        "x-wailian-code": service.code,
        "x-wailian-version": service.version,
        "x-wailian-category": service.category,
    }
    if service.description:
        operation["description"] = service.description
    if service.deprecated:
        operation["deprecated"] = True
        if service.sunset is not None:
            # RFC 8594's Sunset, as the edge announces it in each response.
            operation["x-wailian-sunset"] = service.sunset.astimezone(UTC).isoformat()
        if service.deprecation_link:
            operation["externalDocs"] = {
                "description": "迁移说明 (deprecation and migration)",
                "url": service.deprecation_link,
            }
    if service.rate_limit_per_second:
        operation["x-wailian-rate-limit-per-second"] = service.rate_limit_per_second
    if service.parameters:
        operation["parameters"] = [_parameter(p) for p in service.parameters]
    if service.request_schema or service.request_example:
        operation["requestBody"] = {
            "required": True,
            "content": {
                "application/json": _media(service.request_schema, service.request_example)
            },
        }
    ok: dict[str, Any] = {"description": "OK"}
    if service.response_schema or service.response_example:
        ok["content"] = {
            "application/json": _media(service.response_schema, service.response_example)
        }
    responses: dict[str, Any] = {"200": ok}
    for error_code in service.error_codes:
        status = str(error_code.http_status)
        described = responses.setdefault(status, {"description": ""})
        described["description"] = "; ".join(
            text
            for text in (described["description"], f"{error_code.code}: {error_code.description}")
            if text
        )
    operation["responses"] = responses
    if service.error_codes:
        operation["x-wailian-error-codes"] = [e.stored() for e in service.error_codes]
    return operation


def _parameter(parameter: domain.ParameterSpec) -> dict[str, Any]:
    value: dict[str, Any] = {
        "name": parameter.name,
        "in": parameter.location,
        "required": parameter.required,
        "schema": {"type": parameter.type},
    }
    if parameter.description:
        value["description"] = parameter.description
    if parameter.example:
        value["example"] = parameter.example
    return value


def _media(schema: str, example: str) -> dict[str, Any]:
    media: dict[str, Any] = {}
    if schema:
        media["schema"] = json.loads(schema)
    if example:
        media["example"] = json.loads(example)
    return media


def dump_document(document: Mapping[str, Any], *, as_yaml: bool) -> bytes:
    if as_yaml:
        return yaml.safe_dump(dict(document), allow_unicode=True, sort_keys=False).encode()
    return json.dumps(document, ensure_ascii=False, indent=2).encode()
