"""End-to-end: the real processes and the real Envoy, as `wailian up` starts them."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from deploy.local.launcher import LocalOptions, LocalPlatform

T = TypeVar("T")


def start_local_platform(options: LocalOptions, *, edge: bool) -> Iterator[LocalPlatform]:
    platform = LocalPlatform(options)
    try:
        platform.start_backends()
        if edge:
            platform.start_edge()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def backends(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalPlatform]:
    """The five services, console server and HIS simulator as processes; Envoy not yet."""
    options = LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=False)
    if request.param == "postgres":
        options.database_urls = request.getfixturevalue("postgres_databases")
        options.redis_url = request.getfixturevalue("redis_url")
    yield from start_local_platform(options, edge=False)


def http(
    method: str, url: str, *, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP exchange; error statuses are returned, not raised."""
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return (
                response.status,
                {k.lower(): v for k, v in response.headers.items()},
                response.read(),
            )
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def http_json(method: str, url: str, **kwargs: Any) -> tuple[int, dict[str, str], Any]:
    status, headers, body = http(method, url, **kwargs)
    return status, headers, json.loads(body) if body else None


def eventually(probe: Callable[[], T | None], timeout: float = 20.0, what: str = "condition") -> T:
    """Poll until `probe` returns something other than None (bounded; no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while True:
        result = probe()
        if result is not None:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)
