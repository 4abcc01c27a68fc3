"""SQLAlchemy engines, the unit of work, and Alembic migrations for each service's database."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

T = TypeVar("T")


class Base(DeclarativeBase):
    """Base of declarative models; each service subclasses it to get its own metadata."""


def normalise_url(url: str) -> str:
    """Accept postgresql:// and postgres:// and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str) -> Engine:
    """An engine configured for durability: SQLite in WAL with synchronous=FULL."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def dispose_when_idle(engine: Engine, timeout: float = 10.0) -> None:
    """Close the engine's connections once the threads still using them have returned them.

    A cancelled `asyncio.to_thread` leaves its thread running with a checked-out connection;
    disposing under it would orphan that connection (it is never closed).
    """
    deadline = time.monotonic() + timeout
    checked_out = getattr(engine.pool, "checkedout", lambda: 0)
    while checked_out() and time.monotonic() < deadline:
        time.sleep(0.02)
    engine.dispose()


def ping(engine: Engine) -> bool:
    """True when the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


class UnitOfWork:
    """Runs one function in one transaction, off the event loop: commit on return, else roll back.

    Servicers own the transaction; domain and repository code never commit.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    def run_sync(self, work: Callable[[Session], T]) -> T:
        with self._sessions() as session, session.begin():
            return work(session)

    async def run(self, work: Callable[[Session], T]) -> T:
        return await asyncio.to_thread(self.run_sync, work)


def migrations_config(service: str, connection: Any) -> Config:
    script_location = Path(__file__).resolve().parent.parent / service / "migrations"
    config = Config()
    config.set_main_option("script_location", str(script_location))
    config.set_main_option("file_template", "%%(year)d%%(month).2d%%(day).2d_%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


def migrate(service: str, engine: Engine, revision: str = "head") -> None:
    """Apply the service's Alembic migrations up to `revision`."""
    with engine.begin() as connection:
        command.upgrade(migrations_config(service, connection), revision)
