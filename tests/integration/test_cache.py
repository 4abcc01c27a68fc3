"""Short-lived shared state behaves the same on Redis and in-process."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from services.runtime.cache import Cache, LocalCache, RedisCache


@pytest.fixture(params=["redis", "local"])
def cache(request: pytest.FixtureRequest) -> Cache:
    if request.param == "redis":
        return RedisCache(request.getfixturevalue("redis_url"))
    return LocalCache()


def test_a_nonce_is_accepted_once_and_counters_count(cache: Cache) -> None:
    async def scenario() -> None:
        nonce = f"test:nonce:{uuid.uuid4().hex}"
        first, second = await asyncio.gather(cache.add(nonce, 60), cache.add(nonce, 60))
        assert sorted([first, second]) == [False, True]  # exactly one caller wins
        counter = f"test:counter:{uuid.uuid4().hex}"
        counts = await asyncio.gather(*(cache.incr(counter, 60) for _ in range(10)))
        assert sorted(counts) == list(range(1, 11))
        assert await cache.ping()
        await cache.close()

    asyncio.run(scenario())


def test_entries_expire(cache: Cache) -> None:
    async def scenario() -> None:
        nonce = f"test:expiring:{uuid.uuid4().hex}"
        assert await cache.add(nonce, 1)
        deadline = asyncio.get_running_loop().time() + 5
        while not await cache.add(nonce, 1):
            assert asyncio.get_running_loop().time() < deadline, "the entry never expired"
            await asyncio.sleep(0.1)
        await cache.close()

    asyncio.run(scenario())
