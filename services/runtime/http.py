"""A small asyncio HTTP/1.1 endpoint: probes and metrics, the console's static files, and
routes a service adds (identity checks the edge's signed requests here).

Connections are kept alive: Envoy's signature checks arrive thousands a second over a few
pooled connections. Envoy closes idle ones first (its upstream idle timeout is shorter than
IDLE_SECONDS), so a check never races a connection this side is closing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger("wailian.http")

MAX_HEAD_BYTES = 16 * 1024
HEAD_TIMEOUT_SECONDS = 10
IDLE_SECONDS = 600


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Request:
    """One request to a route: the target as sent (path and query), lower-case header names."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes


Handler = Callable[[str, str], Awaitable[Response]]
RequestHandler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Route:
    """Requests whose path starts with `prefix`, any method, with a body of up to `max_body`."""

    prefix: str
    handler: RequestHandler
    max_body: int = 1024 * 1024


_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}
_REASONS |= {404: "Not Found", 405: "Method Not Allowed", 411: "Length Required"}
_REASONS |= {413: "Content Too Large", 500: "Internal Server Error", 503: "Service Unavailable"}


class _BadRequest(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def _parse_head(head: bytes) -> tuple[str, str, str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    method, target, version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, separator, value = line.partition(":")
            if not separator:
                raise ValueError("header line without a colon")
            headers[name.strip().lower()] = value.strip()
    return method, target, version, headers


async def _respond(
    handler: Handler,
    routes: tuple[Route, ...],
    reader: asyncio.StreamReader,
    method: str,
    target: str,
    headers: Mapping[str, str],
) -> Response:
    path = target.split("?", 1)[0]
    route = next((r for r in routes if path.startswith(r.prefix)), None)
    if route is None:
        if "content-length" in headers or "transfer-encoding" in headers:
            # Probes and files take no body; one left unread would be read as the next request.
            raise _BadRequest(Response(400, b'{"error":"no body expected"}'))
        if method not in ("GET", "HEAD"):
            return Response(405, b'{"error":"method not allowed"}')
        return await handler(method, path)
    if "transfer-encoding" in headers:
        raise _BadRequest(Response(411, b'{"error":"send a content-length"}'))
    length = int(headers.get("content-length", "0") or "0")
    if length < 0:
        raise ValueError("negative content-length")
    if length > route.max_body:
        raise _BadRequest(Response(413, b'{"error":"body too large"}'))
    body = await reader.readexactly(length) if length else b""
    return await route.handler(Request(method, target, headers, body))


def _head_bytes(response: Response, keep_alive: bool) -> bytes:
    lines = [
        f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Status')}",
        f"Content-Type: {response.content_type}",
        f"Content-Length: {len(response.body)}",
        "Connection: keep-alive" if keep_alive else "Connection: close",
        *(f"{name}: {value}" for name, value in response.headers),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


async def _serve_connection(
    handler: Handler,
    routes: tuple[Route, ...],
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
) -> None:
    timeout = HEAD_TIMEOUT_SECONDS
    try:
        while True:
            keep_alive = False
            send_body = True
            try:
                # asyncio.timeout, not wait_for: no task made per request (the signature check
                # runs this once per signed call at the edge).
                async with asyncio.timeout(timeout):
                    head = await reader.readuntil(b"\r\n\r\n")
            except asyncio.IncompleteReadError as closed:
                if not closed.partial:
                    return  # the peer closed an idle connection
                raise
            try:
                method, target, version, headers = _parse_head(head)
                send_body = method != "HEAD"
                keep_alive = version == "HTTP/1.1" and headers.get("connection", "") != "close"
                response = await _respond(handler, routes, reader, method, target, headers)
            except _BadRequest as bad:
                response, keep_alive = bad.response, False
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
                response, keep_alive = Response(400, b'{"error":"bad request"}'), False
            except Exception:
                log.exception("http handler failed")
                response, keep_alive = Response(500, b'{"error":"internal error"}'), False
            # One write: the head and body leave in one send, not two.
            head_bytes = _head_bytes(response, keep_alive)
            writer.write(head_bytes + response.body if send_body else head_bytes)
            await writer.drain()
            if not keep_alive:
                return
            timeout = IDLE_SECONDS
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        # A head cut short or too long.
        refusal = Response(400, b'{"error":"bad request"}')
        with contextlib.suppress(ConnectionError):
            writer.write(_head_bytes(refusal, False) + refusal.body)
    except (TimeoutError, ConnectionError):
        pass  # a head that never came, or an idle connection: closed without an answer
    finally:
        writer.close()


async def start_http(
    host: str, port: int, handler: Handler, routes: tuple[Route, ...] = ()
) -> asyncio.Server:
    """Serve `handler` (GET and HEAD) and `routes` on host:port (port 0 picks a free one:
    see server.sockets)."""
    return await asyncio.start_server(
        lambda r, w: _serve_connection(handler, routes, r, w), host, port, limit=MAX_HEAD_BYTES
    )


def probes_handler(ready: Callable[[], bool], alive: Callable[[], bool]) -> Handler:
    """/healthz (the process works), /readyz (it can serve: database answers), /metrics."""

    async def handle(_method: str, path: str) -> Response:
        if path == "/healthz":
            ok = alive()
            return Response(200 if ok else 503, b'{"status":"ok"}' if ok else b'{"status":"down"}')
        if path == "/readyz":
            ok = ready()
            body = b'{"status":"ready"}' if ok else b'{"status":"not ready"}'
            return Response(200 if ok else 503, body)
        if path == "/metrics":
            return Response(200, generate_latest(), CONTENT_TYPE_LATEST)
        return Response(404, b'{"error":"not found"}')

    return handle


def static_handler(root: Path) -> Handler:
    """Files under `root`; unknown paths without an extension get index.html (client routing)."""
    root = root.resolve()

    async def handle(_method: str, path: str) -> Response:
        if path in ("/healthz", "/readyz"):
            return Response(200, b'{"status":"ok"}')
        candidate = (root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(root):
            return Response(404, b'{"error":"not found"}')
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_file():
            if "." in path.rsplit("/", 1)[-1]:
                return Response(404, b'{"error":"not found"}')
            candidate = root / "index.html"
        content_type = mimetypes.guess_type(candidate.name)[0] or "application/octet-stream"
        cache = "no-cache" if candidate.name == "index.html" else "public, max-age=31536000"
        body = await asyncio.to_thread(candidate.read_bytes)
        return Response(200, body, content_type, (("Cache-Control", cache),))

    return handle
