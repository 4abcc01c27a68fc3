"""Migrations match the models on both databases; health follows the database."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import grpc
import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from grpc_health.v1 import health_pb2, health_pb2_grpc

from services.runtime.cli import service_module
from services.runtime.config import SERVICES, load_settings
from services.runtime.db import make_engine, migrate
from services.runtime.server import start_service
from tests.integration.conftest import EventLoopThread
from tests.support import eventually


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("database", ["sqlite", "postgres"])
def test_migrations_build_exactly_the_tables_the_models_declare(
    request: pytest.FixtureRequest, tmp_path: Path, service: str, database: str
) -> None:
    url = (
        f"sqlite:///{tmp_path}/{service}.db"
        if database == "sqlite"
        else request.getfixturevalue("postgres_database")
    )
    engine = make_engine(url)
    try:
        migrate(service, engine)
        migrate(service, engine)  # applying twice is harmless
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, service_module(service).metadata)
        assert differences == [], f"{service}: models and migrations differ: run `wailian revision`"
    finally:
        engine.dispose()


def _readyz(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_health_turns_not_serving_when_the_database_goes_away(
    tmp_path: Path, postgres_database: str
) -> None:
    engine = make_engine(postgres_database)
    migrate("registry", engine)
    engine.dispose()
    settings = load_settings(
        "registry",
        {
            "WAILIAN_DATA_DIR": str(tmp_path),
            "WAILIAN_REGISTRY_GRPC_PORT": "0",
            "WAILIAN_REGISTRY_HTTP_PORT": "0",
            "WAILIAN_REGISTRY_DATABASE_URL": postgres_database,
        },
    )
    runner = EventLoopThread()
    running = runner.run(start_service(service_module("registry"), settings))
    try:
        with grpc.insecure_channel(f"127.0.0.1:{running.grpc_port}") as channel:
            health = health_pb2_grpc.HealthStub(channel)

            def status() -> int:
                return health.Check(health_pb2.HealthCheckRequest()).status

            assert status() == health_pb2.HealthCheckResponse.SERVING
            assert _readyz(running.http_port) == 200
            name = postgres_database.rsplit("/", 1)[1]
            admin = postgres_database.rsplit("/", 1)[0].replace("+psycopg", "") + "/postgres"
            with psycopg.connect(admin, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            eventually(
                lambda: True if status() == health_pb2.HealthCheckResponse.NOT_SERVING else None,
                what="health to report NOT_SERVING",
            )
            assert _readyz(running.http_port) == 503
            with urllib.request.urlopen(f"http://127.0.0.1:{running.http_port}/healthz") as alive:
                assert json.load(alive) == {"status": "ok"}  # the process itself still works
    finally:
        runner.run(running.stop(grace=1))
        runner.close()
