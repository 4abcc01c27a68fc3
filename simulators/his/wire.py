"""The HTTP/1.1 wire format: reading one request from a stream, encoding one response."""

from __future__ import annotations

import asyncio
import functools
import json
import re
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any

_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_VERSION = re.compile(r"HTTP/(\d)\.(\d)")
_FORBIDDEN_IN_VALUE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class HttpLimits:
    """Bounds that keep a misbehaving client from holding memory or a connection for long."""

    max_header_bytes: int = 16 * 1024
    max_header_count: int = 100
    max_body_bytes: int = 64 * 1024
    head_timeout_seconds: float = 60.0
    body_timeout_seconds: float = 30.0


class RequestError(Exception):
    """The bytes on the connection are not a request we accept; the connection is then closed."""

    def __init__(self, status: HTTPStatus, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True, slots=True)
class Request:
    """A parsed request; header names are lower-cased, in the order received."""

    method: str
    target: str
    path: str
    query: str
    version: str
    headers: tuple[tuple[str, str], ...]
    body: bytes

    def header(self, name: str) -> str | None:
        """Return a header's value (repeated headers joined by comma), or None when absent."""
        values = [value for key, value in self.headers if key == name]
        return ", ".join(values) if values else None

    @property
    def keep_alive(self) -> bool:
        """Whether the client wants the connection kept open after the response."""
        tokens = {t.strip().lower() for t in (self.header("connection") or "").split(",")}
        if self.version == "HTTP/1.0":
            return "keep-alive" in tokens
        return "close" not in tokens


@dataclass(slots=True)
class Response:
    """A response to write; log_fields are added to the request's log line (already masked)."""

    status: int
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)
    log_fields: dict[str, Any] = field(default_factory=dict)


def json_response(
    status: int, payload: Any, headers: list[tuple[str, str]] | None = None
) -> Response:
    """Build a response whose body is the payload as UTF-8 JSON."""
    return Response(status, encode_json(payload), list(headers or ()))


def encode_json(payload: Any) -> bytes:
    """Encode a payload as compact UTF-8 JSON (Chinese text stays readable)."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def error_response(status: int, code: str, message: str, **details: Any) -> Response:
    """Build the JSON error body every failure shares: {"error": {"code", "message", ...}}."""
    return json_response(status, {"error": {"code": code, "message": message, **details}})


def encode_response(response: Response, keep_alive: bool) -> bytes:
    """Serialize a response with Content-Length framing and the connection decision."""
    try:
        reason = HTTPStatus(response.status).phrase
    except ValueError:
        reason = "Unknown"
    lines = [f"HTTP/1.1 {response.status} {reason}", f"date: {_http_date(int(time.time()))}"]
    lines.extend(f"{name}: {value}" for name, value in response.headers)
    if response.body:
        lines.append("content-type: application/json; charset=utf-8")
    lines.append(f"content-length: {len(response.body)}")
    lines.append("connection: keep-alive" if keep_alive else "connection: close")
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
    return head + response.body


# Formatting the Date header is costly and its value changes only once a second.
@functools.lru_cache(maxsize=1)
def _http_date(second: int) -> str:
    return formatdate(second, usegmt=True)


async def read_request(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, limits: HttpLimits
) -> Request | None:
    """Read one request; None when the client closed between requests or went idle."""
    try:
        async with asyncio.timeout(limits.head_timeout_seconds):
            head = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as error:
        if error.partial.strip():
            raise RequestError(
                HTTPStatus.BAD_REQUEST, "bad_request", "connection closed mid-request"
            ) from None
        return None
    except asyncio.LimitOverrunError:
        raise RequestError(
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            f"request line and headers exceed {limits.max_header_bytes} bytes",
        ) from None
    except TimeoutError:
        return None
    if len(head) > limits.max_header_bytes:
        raise RequestError(
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            f"request line and headers exceed {limits.max_header_bytes} bytes",
        )
    method, target, version, headers = _parse_head(head, limits)
    path, _, query = target.partition("?")
    length = _content_length(headers, limits)
    body = b""
    if length:
        if version == "HTTP/1.1" and any(
            name == "expect" and value.lower() == "100-continue" for name, value in headers
        ):
            writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        try:
            async with asyncio.timeout(limits.body_timeout_seconds):
                body = await reader.readexactly(length)
        except asyncio.IncompleteReadError:
            raise RequestError(
                HTTPStatus.BAD_REQUEST, "bad_request", "body shorter than content-length"
            ) from None
        except TimeoutError:
            raise RequestError(
                HTTPStatus.REQUEST_TIMEOUT, "request_timeout", "body not received in time"
            ) from None
    return Request(method, target, path, query, version, tuple(headers), body)


def _parse_head(head: bytes, limits: HttpLimits) -> tuple[str, str, str, list[tuple[str, str]]]:
    # Latin-1 maps every byte to one character, so nothing is lost before validation.
    lines = head[:-4].decode("latin-1").split("\r\n")
    # Tolerate the stray empty lines some clients send between keep-alive requests (RFC 9112).
    while lines and not lines[0]:
        lines.pop(0)
    if not lines:
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "empty request")
    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed request line")
    method, target, version = parts
    if not _TOKEN.fullmatch(method):
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed method")
    version_match = _VERSION.fullmatch(version)
    if not version_match:
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed HTTP version")
    if version not in ("HTTP/1.0", "HTTP/1.1"):
        raise RequestError(
            HTTPStatus.HTTP_VERSION_NOT_SUPPORTED, "version_not_supported", "only HTTP/1.x"
        )
    if not target.startswith("/") or _FORBIDDEN_IN_VALUE.search(target) or "\t" in target:
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed request target")
    if len(lines) - 1 > limits.max_header_count:
        raise RequestError(
            HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "headers_too_large",
            f"more than {limits.max_header_count} headers",
        )
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        name, colon, value = line.partition(":")
        # A header line without a colon, folded (obsolete) or with space before the colon is
        # a classic request-smuggling vector, so it is refused rather than guessed at.
        if not colon or not _TOKEN.fullmatch(name):
            raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed header line")
        value = value.strip(" \t")
        if _FORBIDDEN_IN_VALUE.search(value):
            raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", f"bad value for {name}")
        headers.append((name.lower(), value))
    if version == "HTTP/1.1" and not any(name == "host" for name, _ in headers):
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "missing host header")
    return method, target, version, headers


def _content_length(headers: list[tuple[str, str]], limits: HttpLimits) -> int:
    if any(name == "transfer-encoding" for name, _ in headers):
        raise RequestError(
            HTTPStatus.NOT_IMPLEMENTED,
            "not_implemented",
            "transfer-encoding is not supported; send content-length",
        )
    values = {
        item.strip()
        for name, value in headers
        if name == "content-length"
        for item in value.split(",")
    }
    if not values:
        return 0
    if len(values) != 1 or not (value := values.pop()).isdigit() or not value.isascii():
        raise RequestError(HTTPStatus.BAD_REQUEST, "bad_request", "malformed content-length")
    length = int(value)
    if length > limits.max_body_bytes:
        raise RequestError(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            "payload_too_large",
            f"body exceeds {limits.max_body_bytes} bytes",
        )
    return length
