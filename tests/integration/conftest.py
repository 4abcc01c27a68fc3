"""In-process services on real databases, started on port 0 in a background event loop."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

import grpc
import pytest
import sqlalchemy as sa

from services.runtime.cli import service_module
from services.runtime.config import load_settings
from services.runtime.db import make_engine, migrate
from services.runtime.server import RunningService, start_service

T = TypeVar("T")


class EventLoopThread:
    """An asyncio loop in a thread, so synchronous tests can drive async servers."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T], timeout: float = 60) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class Platform:
    """Started services, their gRPC channels, and a signed-in administrator's metadata."""

    def __init__(self, runner: EventLoopThread, running: Mapping[str, RunningService]) -> None:
        self.runner = runner
        self.running = dict(running)
        self.channels = {
            name: grpc.insecure_channel(f"127.0.0.1:{service.grpc_port}")
            for name, service in running.items()
        }
        self._admin: tuple[tuple[str, str], ...] | None = None

    def channel(self, service: str) -> grpc.Channel:
        return self.channels[service]

    def admin(self) -> tuple[tuple[str, str], ...]:
        """Metadata carrying the demo administrator's access token."""
        if self._admin is None:
            from services.identity.main import DEMO_ADMIN_PASSWORD
            from wailian.identity.v1 import identity_pb2, identity_pb2_grpc

            stub = identity_pb2_grpc.SessionServiceStub(self.channel("identity"))
            response = stub.Login(
                identity_pb2.LoginRequest(username="admin", password=DEMO_ADMIN_PASSWORD)
            )
            self._admin = (("authorization", f"Bearer {response.access_token}"),)
        return self._admin


def start_platform(
    tmp_path: Path,
    database_urls: Callable[[str], str],
    redis_url: str | None = None,
    services: tuple[str, ...] = ("identity", "monitor", "registry", "payment", "publishing"),
) -> Iterator[Platform]:
    runner = EventLoopThread()
    running: dict[str, RunningService] = {}
    try:
        for name in services:
            env = {
                "WAILIAN_DATA_DIR": str(tmp_path),
                f"WAILIAN_{name.upper()}_GRPC_PORT": "0",
                f"WAILIAN_{name.upper()}_HTTP_PORT": "0",
                f"WAILIAN_{name.upper()}_DATABASE_URL": database_urls(name),
            }
            for other, started in running.items():
                env[f"WAILIAN_{other.upper()}_ADDR"] = f"127.0.0.1:{started.grpc_port}"
            if redis_url:
                env["WAILIAN_REDIS_URL"] = redis_url
            settings = load_settings(name, env)
            if not settings.embedded:
                from services.runtime.db import make_engine, migrate

                engine = make_engine(settings.database_url)
                migrate(name, engine)
                engine.dispose()
            running[name] = runner.run(start_service(service_module(name), settings))
        platform = Platform(runner, running)
        yield platform
        for channel in platform.channels.values():
            channel.close()
    finally:
        for service in reversed(list(running.values())):
            runner.run(service.stop(grace=1))
        runner.close()


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    """The services on SQLite, and again on PostgreSQL + Redis."""
    if request.param == "sqlite":
        yield from start_platform(tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db")
        return
    urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, request.getfixturevalue("redis_url"))


@pytest.fixture(params=["sqlite", "postgres"])
def monitor_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sa.Engine]:
    """Monitor's schema, migrated, on real SQLite and on PostgreSQL, for in-process tests."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'monitor.db'}"
    else:
        url = request.getfixturevalue("postgres_database")
    engine = make_engine(url)
    migrate("monitor", engine)
    yield engine
    engine.dispose()
