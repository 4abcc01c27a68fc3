"""Service testing's rules: what a test request and its assertions must hold, how assertions are
judged against an answer, and how credentials are masked in what is kept.

No gRPC and no SQL here; services/registry/edge_caller.py sends the requests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.runtime.errors import Validator

# wailian.registry.v1.AssertionKind
STATUS_EQUALS = 1
HEADER_EQUALS = 2
BODY_CONTAINS = 3
JSON_PATH_EQUALS = 4
JSON_PATH_EXISTS = 5
LATENCY_BELOW = 6
MATCHES_RESPONSE_SCHEMA = 7
ASSERTION_KINDS = {
    STATUS_EQUALS,
    HEADER_EQUALS,
    BODY_CONTAINS,
    JSON_PATH_EQUALS,
    JSON_PATH_EXISTS,
    LATENCY_BELOW,
    MATCHES_RESPONSE_SCHEMA,
}
# wailian.registry.v1.TestRunStatus / TestRunKind
RUNNING, PASSED, FAILED, ERROR = 1, 2, 3, 4
AD_HOC, CASE, SUITE = 1, 2, 3
# wailian.identity.v1.CredentialKind
TOKEN, SIGNATURE, MUTUAL_TLS = 1, 2, 3
CREDENTIAL_KINDS = {TOKEN, SIGNATURE, MUTUAL_TLS}
# wailian.registry.v1.HttpMethod
METHODS = {1: "GET", 2: "POST", 3: "PUT", 4: "PATCH", 5: "DELETE"}

MAX_BODY_CHARS = 1024 * 1024
MAX_RESPONSE_BYTES = 1024 * 1024
MAX_HEADERS = 50
MAX_ASSERTIONS = 50
MAX_SUITE_CASES = 200
DEFAULT_TIMEOUT_SECONDS = 30.0
MAX_TIMEOUT_SECONDS = 120.0
# Headers the platform sets itself: a test cannot forge the credential or the edge's own ones.
RESERVED_HEADERS = {
    "authorization",
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "x-request-id",
}
_HEADER_NAME = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,64}$")


@dataclass(frozen=True)
class OutgoingRequest:
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    body: str


@dataclass(frozen=True)
class Assertion:
    kind: int
    target: str
    expected: str


@dataclass(frozen=True)
class Answer:
    """What came back through the edge (or why nothing did)."""

    status_code: int
    headers: tuple[tuple[str, str], ...]
    body: str
    body_truncated: bool
    latency_ms: float
    request_id: str
    error: str


@dataclass(frozen=True)
class Judged:
    assertion: Assertion
    passed: bool
    actual: str


def check_request(
    check: Validator, request: OutgoingRequest, method_number: int, prefix: str
) -> None:
    check.require(method_number in METHODS, prefix + "method", "GET, POST, PUT, PATCH or DELETE")
    check.require(
        request.path.startswith("/")
        and len(request.path) <= 1024
        and not any(ord(c) <= 32 or ord(c) == 127 for c in request.path),
        prefix + "path",
        "the public path, starting with '/', with its {name} segments filled in",
    )
    check.require("{" not in request.path, prefix + "path", "fill in the {name} segments")
    check.require("?" not in request.path, prefix + "path", "put the query in query, not in path")
    check.require(len(request.headers) <= MAX_HEADERS, prefix + "headers", f"at most {MAX_HEADERS}")
    for index, (name, value) in enumerate(request.headers):
        field = f"{prefix}headers[{index}]"
        check.require(bool(_HEADER_NAME.match(name)), field + ".name", "an HTTP header name")
        check.require(
            name.lower() not in RESERVED_HEADERS,
            field + ".name",
            "set by the platform (the credential and the edge's own headers)",
        )
        check.require(
            "\r" not in value and "\n" not in value and len(value) <= 4096,
            field + ".value",
            "one line of at most 4096 characters",
        )
    for index, (name, _) in enumerate(request.query):
        check.require(bool(name), f"{prefix}query[{index}].name", "required")
    check.require(
        len(request.body) <= MAX_BODY_CHARS, prefix + "body", "at most 1 MiB of characters"
    )


def check_assertions(check: Validator, assertions: Sequence[Assertion], prefix: str) -> None:
    check.require(len(assertions) <= MAX_ASSERTIONS, prefix, f"at most {MAX_ASSERTIONS}")
    for index, assertion in enumerate(assertions):
        field = f"{prefix}[{index}]"
        check.require(assertion.kind in ASSERTION_KINDS, field + ".kind", "an assertion kind")
        if assertion.kind == STATUS_EQUALS:
            check.require(
                assertion.expected.isdigit() and 100 <= int(assertion.expected) <= 599,
                field + ".expected",
                "an HTTP status, 100-599",
            )
        elif assertion.kind == HEADER_EQUALS:
            check.require(
                bool(_HEADER_NAME.match(assertion.target)), field + ".target", "a header name"
            )
        elif assertion.kind == BODY_CONTAINS:
            check.require(bool(assertion.expected), field + ".expected", "the text to find")
        elif assertion.kind in (JSON_PATH_EQUALS, JSON_PATH_EXISTS):
            check.require(
                json_path_steps(assertion.target) is not None,
                field + ".target",
                'a JSONPath such as $.data[0].deptCode or $["name"]',
            )
        elif assertion.kind == LATENCY_BELOW:
            check.require(
                assertion.expected.isdigit() and int(assertion.expected) > 0,
                field + ".expected",
                "milliseconds, a positive whole number",
            )


def timeout_seconds(seconds: float) -> float:
    return DEFAULT_TIMEOUT_SECONDS if seconds <= 0 else seconds


# --- JSONPath (the dotted and indexed subset the console writes) ------------------------------

_STEP = re.compile(r'\.([A-Za-z_$][\w$-]*)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|\[\'([^\']*)\'\]')


def json_path_steps(path: str) -> list[str | int] | None:
    """The keys and indexes of `$.a.b[0]["c d"]`; None when it is not such a path."""
    if not path.startswith("$"):
        return None
    steps: list[str | int] = []
    position = 1
    while position < len(path):
        match = _STEP.match(path, position)
        if match is None:
            return None
        name, index, quoted, single = match.groups()
        if index is not None:
            steps.append(int(index))
        elif quoted is not None:
            steps.append(json.loads(f'"{quoted}"'))
        else:
            steps.append(name if name is not None else single)
        position = match.end()
    return steps


_MISSING = object()


def json_path_value(document: Any, path: str) -> Any:
    steps = json_path_steps(path)
    if steps is None:
        return _MISSING
    value = document
    for step in steps:
        in_list = isinstance(step, int) and isinstance(value, list) and step < len(value)
        in_object = isinstance(step, str) and isinstance(value, dict) and step in value
        if in_list or in_object:
            value = value[step]
        else:
            return _MISSING
    return value


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _matches_expected(value: Any, expected: str) -> bool:
    """A string equals its text; any other value equals the JSON it is written as."""
    if isinstance(value, str):
        return value == expected
    try:
        return bool(value == json.loads(expected))
    except ValueError:
        return _as_text(value) == expected


# --- JSON Schema (the keywords API definitions use: type, properties, required, items, enum) --

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "null": (type(None),),
}


def _type_matches(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES.get(name, (object,)))


def schema_problem(value: Any, schema: Any, where: str = "$") -> str | None:
    """The first place `value` breaks `schema`, or None."""
    if not isinstance(schema, dict):
        return None
    expected = schema.get("type")
    names = expected if isinstance(expected, list) else [expected] if expected else []
    if names and not any(_type_matches(value, str(name)) for name in names):
        return f"{where} is not {' or '.join(map(str, names))}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where} is not one of {json.dumps(schema['enum'], ensure_ascii=False)}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key not in value:
                return f"{where}.{key} is missing"
        for key, sub in (schema.get("properties") or {}).items():
            if key in value:
                problem = schema_problem(value[key], sub, f"{where}.{key}")
                if problem:
                    return problem
    if isinstance(value, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(value):
            problem = schema_problem(item, schema["items"], f"{where}[{index}]")
            if problem:
                return problem
    return None


def judge(assertions: Sequence[Assertion], answer: Answer, response_schema: str) -> list[Judged]:
    """Each assertion against the answer; nothing passes when no answer came."""
    try:
        document: Any = json.loads(answer.body) if answer.body else _MISSING
    except ValueError:
        document = _MISSING
    headers = {name.lower(): value for name, value in answer.headers}
    judged = []
    for assertion in assertions:
        passed, actual = False, ""
        if answer.error and not answer.status_code:
            judged.append(Judged(assertion, False, answer.error))
            continue
        if assertion.kind == STATUS_EQUALS:
            actual = str(answer.status_code)
            passed = actual == assertion.expected.strip()
        elif assertion.kind == HEADER_EQUALS:
            actual = headers.get(assertion.target.lower(), "")
            passed = assertion.target.lower() in headers and actual == assertion.expected
        elif assertion.kind == BODY_CONTAINS:
            passed = assertion.expected in answer.body
            actual = "found" if passed else "not found"
        elif assertion.kind in (JSON_PATH_EQUALS, JSON_PATH_EXISTS):
            value = (
                _MISSING if document is _MISSING else json_path_value(document, assertion.target)
            )
            if value is _MISSING:
                actual = "no such value" if document is not _MISSING else "the body is not JSON"
            else:
                actual = _as_text(value)
                passed = assertion.kind == JSON_PATH_EXISTS or _matches_expected(
                    value, assertion.expected
                )
        elif assertion.kind == LATENCY_BELOW:
            actual = f"{answer.latency_ms:.0f}"
            passed = answer.latency_ms < int(assertion.expected)
        elif assertion.kind == MATCHES_RESPONSE_SCHEMA:
            passed, actual = _schema_verdict(document, response_schema)
        judged.append(Judged(assertion, passed, actual[:1000]))
    return judged


def _schema_verdict(document: Any, response_schema: str) -> tuple[bool, str]:
    if not response_schema:
        return False, "the API service has no response schema"
    if document is _MISSING:
        return False, "the body is not JSON"
    try:
        schema = json.loads(response_schema)
    except ValueError:
        return False, "the API service's response schema is not JSON"
    problem = schema_problem(document, schema)
    return problem is None, problem or "matches"


def passed(answer: Answer, judged: Sequence[Judged]) -> bool:
    """Every assertion held; without assertions, the edge answered 2xx."""
    if judged:
        return all(j.passed for j in judged)
    return not answer.error and 200 <= answer.status_code < 300


def masked_authorization(value: str) -> str:
    """The Authorization header as kept with a run: the scheme and client id, no secret."""
    scheme, _, rest = value.partition(" ")
    client = re.search(r'client_id="([^"]*)"', rest)
    if client:
        return f'{scheme} client_id="{client.group(1)}",***'
    return f"{scheme} ***"
