"""The simulator's HTTP/1.1 server on asyncio streams: connections, keep-alive, access log."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from datetime import date, datetime, timedelta
from http import HTTPStatus
from types import TracebackType

from simulators.his.api import HisApi
from simulators.his.booking import CHINA_STANDARD_TIME, AppointmentBook
from simulators.his.catalog import Catalog, generate_catalog
from simulators.his.clinic import ClinicRecords
from simulators.his.logs import (
    ACCESS_LOGGER,
    SERVER_LOGGER,
    ensure_stderr_logging,
    mask_identifiers,
)
from simulators.his.wire import (
    HttpLimits,
    Request,
    RequestError,
    Response,
    encode_response,
    error_response,
    read_request,
)

_LINGER_SECONDS = 1.0
_LINGER_MAX_BYTES = 1024 * 1024
_access_log = logging.getLogger(ACCESS_LOGGER)
_server_log = logging.getLogger(SERVER_LOGGER)


class HisServer:
    """A running simulator; port is the one actually bound (useful after asking for port 0)."""

    def __init__(self, catalog: Catalog, seed: int, limits: HttpLimits) -> None:
        self.catalog = catalog
        self.seed = seed
        self.book = AppointmentBook(catalog)
        self.host = ""
        self.port = 0
        self.records = ClinicRecords(catalog, seed)
        self._api = HisApi(catalog, self.book, self.records)
        self._limits = limits
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        """Base URL of the simulator, such as http://127.0.0.1:9100."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self, host: str, port: int) -> None:
        """Bind and start accepting connections."""
        self._server = await asyncio.start_server(
            self._serve_connection, host, port, limit=self._limits.max_header_bytes
        )
        # With a host name that resolves to several addresses and port 0, each socket gets its
        # own port; the first one is reported, so pass a literal address in that case.
        self.host, self.port = self._server.sockets[0].getsockname()[:2]

    async def close(self) -> None:
        """Stop accepting, drop open connections and wait until everything is closed."""
        if self._server is None:
            return
        server, self._server = self._server, None
        server.close()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        await server.wait_closed()

    async def __aenter__(self) -> HisServer:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _serve_connection(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        task = asyncio.current_task()
        assert task is not None
        if self._server is None:
            # Accepted just before close(): drop it rather than leave it running afterwards.
            writer.close()
            return
        self._connections.add(task)
        peer = writer.get_extra_info("peername")
        try:
            while True:
                try:
                    request = await read_request(reader, writer, self._limits)
                except RequestError as error:
                    started = time.perf_counter()
                    response = error_response(error.status, error.code, error.message)
                    self._log(None, response, started, peer)
                    writer.write(encode_response(response, keep_alive=False))
                    await writer.drain()
                    await _linger(reader, writer)
                    break
                if request is None:
                    break
                started = time.perf_counter()
                response = self._respond(request)
                keep_alive = request.keep_alive
                # Logged before writing, so a client that has its answer can rely on the line.
                self._log(request, response, started, peer)
                writer.write(encode_response(response, keep_alive))
                await writer.drain()
                if not keep_alive:
                    break
        except ConnectionError:
            pass
        except Exception:
            _server_log.exception("connection failed", extra={"peer": peer[0] if peer else None})
        finally:
            self._connections.discard(task)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    def _respond(self, request: Request) -> Response:
        try:
            response = self._api.handle(request)
        except Exception:
            # The caller learns only that it failed; the traceback goes to our own log.
            _server_log.exception(
                "unhandled error",
                extra={
                    "request_id": request.header("x-request-id"),
                    "path": mask_identifiers(request.path),
                },
            )
            response = error_response(
                HTTPStatus.INTERNAL_SERVER_ERROR, "internal", "internal error in the simulator"
            )
        request_id = request.header("x-request-id")
        if request_id is not None:
            response.headers.append(("x-request-id", request_id))
        return response

    def _log(
        self,
        request: Request | None,
        response: Response,
        started: float,
        peer: tuple[str, int] | None,
    ) -> None:
        if not _access_log.isEnabledFor(logging.INFO):
            return
        fields = {
            "method": request.method if request else None,
            "path": mask_identifiers(request.path) if request else None,
            "query": mask_identifiers(request.query) if request and request.query else None,
            "status": response.status,
            "ms": round((time.perf_counter() - started) * 1000, 3),
            "request_id": request.header("x-request-id") if request else None,
            "peer": peer[0] if peer else None,
            **response.log_fields,
        }
        _access_log.info("request", extra=fields)


async def _linger(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    # Closing a socket with unread input makes the kernel send a reset, which can destroy the
    # error response before the client reads it; so signal the end and drain a little first.
    if writer.can_write_eof():
        writer.write_eof()
    drained = 0
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(_LINGER_SECONDS):
            while drained < _LINGER_MAX_BYTES and (chunk := await reader.read(65536)):
                drained += len(chunk)


async def serve_his(
    host: str,
    port: int,
    seed: int,
    *,
    first_day: date | None = None,
    limits: HttpLimits | None = None,
) -> HisServer:
    """Start the HIS simulator; schedules cover seven days from first_day (default: tomorrow)."""
    ensure_stderr_logging()
    if first_day is None:
        first_day = datetime.now(CHINA_STANDARD_TIME).date() + timedelta(days=1)
    server = HisServer(generate_catalog(seed, first_day), seed, limits or HttpLimits())
    await server.start(host, port)
    _server_log.info(
        "his simulator listening",
        extra={"host": server.host, "port": server.port, "seed": seed, "url": server.url},
    )
    return server
