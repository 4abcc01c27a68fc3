"""The gRPC server bootstrap shared by every service: health, reflection, probes, shutdown."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import json
import logging
import pkgutil
import signal
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import grpc
from google.protobuf import descriptor
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection
from sqlalchemy import Engine, MetaData

from services.runtime.audit import AuditOutbox, AuditShipper
from services.runtime.auth import KeysSource, TokenVerifier
from services.runtime.build_info import publish_build_info
from services.runtime.cache import Cache, make_cache
from services.runtime.config import ServiceSettings
from services.runtime.db import UnitOfWork, dispose_when_idle, make_engine, migrate, ping
from services.runtime.http import Route, probes_handler, start_http
from services.runtime.interceptors import (
    PlatformInterceptor,
    RequestIdClientInterceptor,
    method_policies,
)
from wailian.identity.v1 import identity_pb2, identity_pb2_grpc

log = logging.getLogger("wailian.server")

HEALTH_PROBE_SECONDS = 2.0
GRPC_OPTIONS = [
    ("grpc.max_receive_message_length", 8 * 1024 * 1024),
    ("grpc.keepalive_time_ms", 30_000),
    ("grpc.http2.max_pings_without_data", 0),
]


class LiveAddresses(Mapping[str, str]):
    """Service name → address, resolved when read (the address book may change)."""

    def __init__(self, resolve: Callable[[str], str], names: Sequence[str]) -> None:
        self._resolve = resolve
        self._names = list(names)

    def __getitem__(self, name: str) -> str:
        if name not in self._names:
            raise KeyError(name)
        return self._resolve(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


@dataclass
class Runtime:
    """What a service's servicers are built from: settings, database, cache, peers."""

    settings: ServiceSettings
    engine: Engine
    uow: UnitOfWork
    cache: Cache
    _channels: dict[str, grpc.aio.Channel] = field(default_factory=dict)
    _targets: dict[str, str] = field(default_factory=dict)
    _retired: list[grpc.aio.Channel] = field(default_factory=list)
    _book: dict[str, object] = field(default_factory=dict)
    _book_stamp: int = -1

    def channel(self, service: str) -> grpc.aio.Channel:
        """A shared channel to another service, propagating request id and trace context; a new
        one when the address book moved the service."""
        address = self.address_of(service)
        current = self._channels.get(service)
        if current is None or self._targets.get(service) != address:
            if current is not None:
                self._retired.append(current)
            current = self._channels[service] = grpc.aio.insecure_channel(
                address, interceptors=[RequestIdClientInterceptor()]
            )
            self._targets[service] = address
        return current

    def addresses(self, *, besides: str = "") -> Mapping[str, str]:
        """Every other service's address, looked up afresh each time it is read."""
        return LiveAddresses(
            self.address_of, [n for n in self.settings.service_addresses if n != besides]
        )

    def address_of(self, service: str) -> str:
        """The address book's entry when there is one, else the configured address."""
        return self.book_entry(service) or self.settings.service_addresses[service]

    def http_address_of(self, service: str) -> str:
        """Where a service's probes answer: the address book's "<service>.http" entry, else the
        configured address."""
        return self.book_entry(f"{service}.http") or self.settings.service_http_addresses.get(
            service, ""
        )

    def book_entry(self, name: str) -> str | None:
        """An address from the address book (a service, or the edge's "edge"/"edge_mtls")."""
        book = self.settings.address_book
        if book is None:
            return None
        try:
            stamp = book.stat().st_mtime_ns
            if stamp != self._book_stamp:
                self._book = json.loads(book.read_text(encoding="utf-8"))
                self._book_stamp = stamp
        except (OSError, ValueError):
            pass  # not written yet, or being replaced: the last reading stands
        found = self._book.get(name)
        return found if isinstance(found, str) and found else None

    async def close(self) -> None:
        for channel in [*self._channels.values(), *self._retired]:
            await channel.close()
        await self.cache.close()
        await asyncio.to_thread(dispose_when_idle, self.engine)


@dataclass(frozen=True)
class Registration:
    """What a service registered on the server: its descriptors and optional extras."""

    services: Sequence[descriptor.ServiceDescriptor]
    keys_source: KeysSource | None = None
    background: Sequence[Callable[[], Coroutine[Any, Any, None]]] = ()
    on_stop: Sequence[Callable[[], Awaitable[None]]] = ()
    # The service's audit outbox model: its records are shipped to identity in the background.
    audit_outbox: type[AuditOutbox] | None = None
    # Routes on the service's HTTP port beside the probes (internal callers only, like gRPC).
    http_routes: tuple[Route, ...] = ()


@dataclass(frozen=True)
class ServiceModule:
    """A runnable service: its name, its models' metadata, and how to register its servicers."""

    name: str
    metadata: MetaData
    register: Callable[[grpc.aio.Server, Runtime], Registration]


def register_unbuilt(
    server: grpc.aio.Server, service: str, built: Sequence[descriptor.ServiceDescriptor]
) -> list[descriptor.ServiceDescriptor]:
    """Serve every service the contract declares; those not built yet answer UNIMPLEMENTED."""
    package = importlib.import_module(f"wailian.{service}.v1")
    built_names = {s.full_name for s in built}
    declared = list(built)
    for info in pkgutil.iter_modules(package.__path__):
        if not info.name.endswith("_pb2"):
            continue
        messages = importlib.import_module(f"{package.__name__}.{info.name}")
        stubs = importlib.import_module(f"{package.__name__}.{info.name}_grpc")
        for name, service_descriptor in messages.DESCRIPTOR.services_by_name.items():
            if service_descriptor.full_name in built_names:
                continue
            servicer = getattr(stubs, f"{name}Servicer")()
            getattr(stubs, f"add_{name}Servicer_to_server")(servicer, server)
            declared.append(service_descriptor)
    return declared


def identity_keys_source(runtime: Runtime) -> KeysSource:
    """Fetch the token-signing public keys from identity over gRPC."""

    async def fetch() -> Sequence[Mapping[str, str]]:
        stub = identity_pb2_grpc.SessionServiceStub(runtime.channel("identity"))
        response = await stub.GetJwks(identity_pb2.GetJwksRequest(), timeout=5)
        return [
            {"kid": k.kid, "kty": k.kty, "crv": k.crv, "x": k.x, "y": k.y} for k in response.keys
        ]

    return fetch


@dataclass
class Readiness:
    """Whether the service can serve now; read by /readyz, set by the database watch."""

    ready: bool = False


@dataclass
class RunningService:
    """A started service; `stop()` drains it."""

    name: str
    grpc_port: int
    http_port: int
    _server: grpc.aio.Server
    _http: asyncio.Server
    _health: Any
    _runtime: Runtime
    _tasks: list[asyncio.Task[None]]
    _on_stop: Sequence[Callable[[], Awaitable[None]]]
    readiness: Readiness

    async def stop(self, grace: float = 5.0) -> None:
        """Graceful shutdown: report NOT_SERVING, drain in-flight calls, then stop."""
        log.info("stopping", extra={"grace_seconds": grace})
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self.readiness.ready = False
        await self._health.enter_graceful_shutdown()
        await self._server.stop(grace)
        for hook in self._on_stop:
            await hook()
        self._http.close()
        await self._http.wait_closed()
        await self._runtime.close()
        log.info("stopped")


async def start_service(module: ServiceModule, settings: ServiceSettings) -> RunningService:
    """Open the database (migrating it on the embedded default), start gRPC and HTTP."""
    engine = make_engine(settings.database_url)
    if settings.embedded:
        await asyncio.to_thread(migrate, module.name, engine)
    runtime = Runtime(settings, engine, UnitOfWork(engine), make_cache(settings.redis_url))
    interceptor = _LateInterceptor()
    server = grpc.aio.server(interceptors=[interceptor], options=GRPC_OPTIONS)
    registration = module.register(server, runtime)
    declared = register_unbuilt(server, module.name, registration.services)
    keys_source = registration.keys_source or identity_keys_source(runtime)
    interceptor.target = PlatformInterceptor(
        method_policies(declared), TokenVerifier(keys_source), runtime.cache
    )
    health_servicer = health.aio.HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, server)
    names = [service.full_name for service in declared]
    reflection.enable_server_reflection(
        [*names, health.SERVICE_NAME, reflection.SERVICE_NAME], server
    )
    grpc_port = server.add_insecure_port(f"{settings.grpc_host}:{settings.grpc_port}")
    await server.start()

    readiness = Readiness()
    http = await start_http(
        settings.grpc_host,
        settings.http_port,
        probes_handler(ready=lambda: readiness.ready, alive=lambda: True),
        registration.http_routes,
    )
    http_port = http.sockets[0].getsockname()[1]
    publish_build_info(module.name)
    background = list(registration.background)
    if registration.audit_outbox is not None:
        shipper = AuditShipper(
            runtime.uow, registration.audit_outbox, module.name, lambda: runtime.channel("identity")
        )
        background.append(shipper.run)
    tasks: list[asyncio.Task[None]] = [asyncio.create_task(task()) for task in background]
    running = RunningService(
        module.name,
        grpc_port,
        http_port,
        server,
        http,
        health_servicer,
        runtime,
        tasks,
        registration.on_stop,
        readiness,
    )
    tasks.append(asyncio.create_task(_watch_database(running, health_servicer, names, engine)))
    await _probe_once(running, health_servicer, names, engine)
    log.info(
        "started",
        extra={
            "grpc_port": grpc_port,
            "http_port": http_port,
            "database": engine.url.get_backend_name(),
        },
    )
    return running


class _LateInterceptor(grpc.aio.ServerInterceptor):
    """Delegates to an interceptor built after the servicers registered their descriptors."""

    target: grpc.aio.ServerInterceptor | None = None

    async def intercept_service(self, continuation: Any, handler_call_details: Any) -> Any:
        assert self.target is not None
        return await self.target.intercept_service(continuation, handler_call_details)


async def _probe_once(
    running: RunningService, servicer: Any, names: Sequence[str], engine: Engine
) -> None:
    ok = await asyncio.to_thread(ping, engine)
    if ok != running.readiness.ready:
        log.log(
            logging.INFO if ok else logging.ERROR, "database %s", "answers" if ok else "is down"
        )
    running.readiness.ready = ok
    status = (
        health_pb2.HealthCheckResponse.SERVING if ok else health_pb2.HealthCheckResponse.NOT_SERVING
    )
    for name in ("", *names):
        await servicer.set(name, status)


async def _watch_database(
    running: RunningService, servicer: Any, names: Sequence[str], engine: Engine
) -> None:
    """Health is SERVING only while the service's database answers."""
    while True:
        await asyncio.sleep(HEALTH_PROBE_SECONDS)
        await _probe_once(running, servicer, names, engine)


async def run_until_signalled(module: ServiceModule, settings: ServiceSettings) -> None:
    """Start the service and serve until SIGTERM or SIGINT, then shut down gracefully."""
    running = await start_service(module, settings)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await running.stop()
