"""End-to-end: the real processes and the real Envoy, as `wailian up` starts them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TypeVar

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
