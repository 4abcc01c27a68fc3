"""A small asyncio HTTP/1.1 endpoint: probes and metrics, and the console's static files."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

log = logging.getLogger("wailian.http")

MAX_HEAD_BYTES = 16 * 1024


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


Handler = Callable[[str, str], Awaitable[Response]]

_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}
_REASONS |= {503: "Service Unavailable", 500: "Internal Server Error"}


async def _serve_connection(
    handler: Handler, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
) -> None:
    send_body = True
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=10)
        request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
        method, target, _version = request_line.split(" ", 2)
        path = target.split("?", 1)[0]
        send_body = method != "HEAD"
        if method not in ("GET", "HEAD"):
            response = Response(405, b'{"error":"method not allowed"}')
        else:
            response = await handler(method, path)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError):
        response = Response(400, b'{"error":"bad request"}')
    except Exception:
        log.exception("http handler failed")
        response = Response(500, b'{"error":"internal error"}')
    head_lines = [
        f"HTTP/1.1 {response.status} {_REASONS.get(response.status, 'Status')}",
        f"Content-Type: {response.content_type}",
        f"Content-Length: {len(response.body)}",
        "Connection: close",
        *(f"{name}: {value}" for name, value in response.headers),
    ]
    try:
        writer.write(("\r\n".join(head_lines) + "\r\n\r\n").encode("latin-1"))
        if send_body:
            writer.write(response.body)
        await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


async def start_http(host: str, port: int, handler: Handler) -> asyncio.Server:
    """Serve `handler` on host:port (port 0 picks a free one: see server.sockets)."""
    return await asyncio.start_server(
        lambda r, w: _serve_connection(handler, r, w), host, port, limit=MAX_HEAD_BYTES
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
