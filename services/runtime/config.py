"""Typed configuration from WAILIAN_* environment variables, read once in main()."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

SERVICES: tuple[str, ...] = ("identity", "registry", "payment", "publishing", "monitor")

DEFAULT_GRPC_PORTS: Mapping[str, int] = {
    "identity": 50051,
    "registry": 50052,
    "payment": 50053,
    "publishing": 50054,
    "monitor": 50055,
}
DEFAULT_HTTP_PORTS: Mapping[str, int] = {
    "identity": 8101,
    "registry": 8102,
    "payment": 8103,
    "publishing": 8104,
    "monitor": 8105,
}


class ConfigError(Exception):
    """A configuration variable is missing or malformed; the message names it."""


@dataclass(frozen=True)
class ServiceSettings:
    """Everything one service process needs to start."""

    service: str
    environment: str
    grpc_host: str
    grpc_port: int
    http_port: int
    database_url: str
    redis_url: str | None
    data_dir: Path
    master_key: bytes
    timezone: str
    otlp_endpoint: str | None
    log_level: str
    service_addresses: Mapping[str, str]
    admin_password: str | None
    # Where each service's /healthz and /readyz answer (the monitoring center reads them).
    service_http_addresses: Mapping[str, str] = field(default_factory=dict)
    # A JSON file {service: "host:port"} that overrides service_addresses and may change while
    # the service runs (a local launcher whose services bind ports the system picks).
    address_book: Path | None = None

    @property
    def embedded(self) -> bool:
        """True on the single-machine default (SQLite, in-process cache)."""
        return self.database_url.startswith("sqlite")

    @property
    def production(self) -> bool:
        return self.environment == "production"


def _get(env: Mapping[str, str], name: str, default: str | None = None) -> str | None:
    value = env.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip()


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = _get(env, name, str(default))
    assert raw is not None
    try:
        port = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a port number, got {raw!r}") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"{name} must be between 0 and 65535, got {port}")
    return port


def service_addresses(env: Mapping[str, str]) -> dict[str, str]:
    """Where each service's gRPC API answers: WAILIAN_<SERVICE>_ADDR or the default port."""
    return {
        name: _get(env, f"WAILIAN_{name.upper()}_ADDR", f"127.0.0.1:{DEFAULT_GRPC_PORTS[name]}")
        or ""
        for name in SERVICES
    }


def service_http_addresses(env: Mapping[str, str]) -> dict[str, str]:
    """Where each service's probes answer (/healthz, /readyz): WAILIAN_<SERVICE>_HTTP_ADDR or
    the default port."""
    return {
        name: _get(
            env, f"WAILIAN_{name.upper()}_HTTP_ADDR", f"127.0.0.1:{DEFAULT_HTTP_PORTS[name]}"
        )
        or ""
        for name in SERVICES
    }


def data_dir(env: Mapping[str, str]) -> Path:
    return Path(_get(env, "WAILIAN_DATA_DIR", ".var") or ".var").resolve()


def _master_key(env: Mapping[str, str], environment: str, directory: Path) -> bytes:
    raw = _get(env, "WAILIAN_MASTER_KEY")
    if raw is None:
        if environment == "production":
            raise ConfigError(
                "WAILIAN_MASTER_KEY is required in production: 32 random bytes, base64 "
                "(e.g. `openssl rand -base64 32`); it encrypts secrets at rest"
            )
        return _development_master_key(directory)
    try:
        key = base64.b64decode(raw, validate=True)
    except ValueError:
        raise ConfigError("WAILIAN_MASTER_KEY must be base64") from None
    if len(key) != 32:
        raise ConfigError(f"WAILIAN_MASTER_KEY must decode to 32 bytes, got {len(key)}")
    return key


def _development_master_key(directory: Path) -> bytes:
    """A per-installation key kept beside the embedded databases (0600), made on first use."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "master.key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(base64.b64encode(secrets.token_bytes(32)))
    return base64.b64decode(path.read_bytes())


def load_settings(service: str, env: Mapping[str, str] | None = None) -> ServiceSettings:
    """Read and check the configuration of one service; raise ConfigError naming the culprit."""
    env = os.environ if env is None else env
    if service not in SERVICES:
        raise ConfigError(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
    prefix = f"WAILIAN_{service.upper()}_"
    environment = _get(env, "WAILIAN_ENV", "development") or "development"
    if environment not in ("development", "production"):
        raise ConfigError(f"WAILIAN_ENV must be development or production, got {environment!r}")
    directory = data_dir(env)
    if environment == "production":
        missing = [
            name
            for name in (prefix + "DATABASE_URL", "WAILIAN_MASTER_KEY", "WAILIAN_REDIS_URL")
            if _get(env, name) is None
        ]
        if missing:
            raise ConfigError(
                f"required in production: {', '.join(missing)} "
                "(a PostgreSQL URL per service; 32 random bytes, base64, for the master key; "
                "Redis, shared by every replica)"
            )
    database_url = _get(env, prefix + "DATABASE_URL")
    if database_url is None:
        if environment == "production":
            raise ConfigError(f"{prefix}DATABASE_URL is required in production")
        database_url = f"sqlite:///{directory / (service + '.db')}"
    if not database_url.startswith(("sqlite", "postgresql")):
        raise ConfigError(f"{prefix}DATABASE_URL must be sqlite:/// or postgresql+psycopg://")
    log_level = (_get(env, "WAILIAN_LOG_LEVEL", "INFO") or "INFO").upper()
    if log_level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(
            f"WAILIAN_LOG_LEVEL must be DEBUG, INFO, WARNING or ERROR, got {log_level}"
        )
    return ServiceSettings(
        service=service,
        environment=environment,
        grpc_host=_get(env, prefix + "GRPC_HOST", "127.0.0.1") or "127.0.0.1",
        grpc_port=_port(env, prefix + "GRPC_PORT", DEFAULT_GRPC_PORTS[service]),
        http_port=_port(env, prefix + "HTTP_PORT", DEFAULT_HTTP_PORTS[service]),
        database_url=database_url,
        redis_url=_get(env, "WAILIAN_REDIS_URL"),
        data_dir=directory,
        master_key=_master_key(env, environment, directory),
        timezone=_get(env, "WAILIAN_TIMEZONE", "Asia/Shanghai") or "Asia/Shanghai",
        otlp_endpoint=_get(env, "WAILIAN_OTLP_ENDPOINT"),
        log_level=log_level,
        service_addresses=service_addresses(env),
        service_http_addresses=service_http_addresses(env),
        admin_password=_get(env, "WAILIAN_ADMIN_PASSWORD"),
        address_book=Path(book) if (book := _get(env, "WAILIAN_ADDRESS_BOOK")) else None,
    )
