"""Trying an upstream's endpoints from registry: TCP connect, TLS handshake, the health path."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class ProbeTarget:
    host: str
    port: int
    weight: int


@dataclass(frozen=True)
class ProbeSettings:
    tls: bool
    tls_server_name: str
    # The CA that signs the upstream's certificate (PEM); "" trusts the system's roots.
    tls_ca_pem: str
    # GET this path over HTTP/1.1 after connecting; "" only connects.
    health_path: str
    expected_statuses: tuple[int, ...]
    timeout_seconds: float


@dataclass(frozen=True)
class ProbeResult:
    target: ProbeTarget
    reachable: bool
    # Time to connect (and finish the TLS handshake); 0 when unreachable.
    latency_ms: int
    health_status: int
    error: str


_MAX_STATUS_LINE = 1024


async def probe_all(targets: list[ProbeTarget], settings: ProbeSettings) -> list[ProbeResult]:
    """Every endpoint at once, in the order given."""
    return list(await asyncio.gather(*(probe(target, settings) for target in targets)))


async def probe(target: ProbeTarget, settings: ProbeSettings) -> ProbeResult:
    """Connect to one endpoint and, when asked, check its health path's status."""
    context = _tls_context(settings.tls_ca_pem) if settings.tls else None
    server_name = settings.tls_server_name or target.host if settings.tls else None
    started = time.perf_counter()
    try:
        async with asyncio.timeout(settings.timeout_seconds):
            reader, writer = await asyncio.open_connection(
                target.host, target.port, ssl=context, server_hostname=server_name
            )
    except TimeoutError:
        return _failed(target, f"no answer within {settings.timeout_seconds:g} s")
    except ssl.SSLCertVerificationError as error:
        return _failed(target, f"TLS: {error.verify_message or error.reason}")
    except ssl.SSLError as error:
        return _failed(target, f"TLS: {error.reason or error}")
    except socket.gaierror:
        return _failed(target, "host name not found")
    except ConnectionRefusedError:
        return _failed(target, "connection refused")
    except OSError as error:
        return _failed(target, error.strerror or str(error))
    latency_ms = max(1, round((time.perf_counter() - started) * 1000))
    try:
        if not settings.health_path:
            return ProbeResult(target, True, latency_ms, 0, "")
        try:
            async with asyncio.timeout(settings.timeout_seconds):
                status = await _health_status(reader, writer, target.host, settings.health_path)
        except (TimeoutError, OSError, ValueError) as error:
            message = "no answer" if isinstance(error, TimeoutError) else str(error)
            return ProbeResult(target, True, latency_ms, 0, f"health check: {message}")
        expected = settings.expected_statuses or (200,)
        problem = "" if status in expected else f"health check answered {status}"
        return ProbeResult(target, True, latency_ms, status, problem)
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError):
            await writer.wait_closed()


async def _health_status(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, path: str
) -> int:
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: wailian-registry-probe\r\n"
        "Connection: close\r\n\r\n".encode("ascii")
    )
    await writer.drain()
    line = await reader.readline()
    parts = line[:_MAX_STATUS_LINE].decode("latin-1").split()
    if len(parts) < 2 or not parts[0].startswith("HTTP/") or not parts[1].isdigit():
        raise ValueError("the answer is not HTTP")
    return int(parts[1])


def _tls_context(ca_pem: str) -> ssl.SSLContext:
    # The same trust the edge applies: the upstream's own CA when it has one.
    return ssl.create_default_context(cadata=ca_pem or None)


def _failed(target: ProbeTarget, error: str) -> ProbeResult:
    return ProbeResult(target, False, 0, 0, error)
