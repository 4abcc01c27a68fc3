"""Trying an upstream's endpoints from registry: TCP connect, TLS handshake, the health path."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import ssl
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path


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
    # The client certificate chain and key the edge presents (mutual TLS); "" for none.
    client_certificate_pem: str = ""
    client_private_key_pem: str = field(default="", repr=False)


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
    context = _tls_context(settings) if settings.tls else None
    return list(await asyncio.gather(*(probe(target, settings, context) for target in targets)))


async def probe(
    target: ProbeTarget, settings: ProbeSettings, context: ssl.SSLContext | None = None
) -> ProbeResult:
    """Connect to one endpoint and, when asked, check its health path's status."""
    if settings.tls and context is None:
        context = _tls_context(settings)
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


def _tls_context(settings: ProbeSettings) -> ssl.SSLContext:
    # The same trust the edge applies: the upstream's own CA when it has one.
    context = ssl.create_default_context(cadata=settings.tls_ca_pem or None)
    if settings.client_certificate_pem and settings.client_private_key_pem:
        _load_client_certificate(
            context, settings.client_certificate_pem, settings.client_private_key_pem
        )
    return context


def _load_client_certificate(context: ssl.SSLContext, chain_pem: str, key_pem: str) -> None:
    """Python's ssl loads certificates from files only: the key is written, readable by this
    user alone, to a private directory removed as soon as it is loaded."""
    with tempfile.TemporaryDirectory(prefix="wailian-probe-") as directory:
        chain = Path(directory) / "chain.pem"
        key = Path(directory) / "key.pem"
        chain.write_text(chain_pem, encoding="ascii")
        descriptor = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as file:
            file.write(key_pem)
        context.load_cert_chain(chain, key)


def _failed(target: ProbeTarget, error: str) -> ProbeResult:
    return ProbeResult(target, False, 0, 0, error)
