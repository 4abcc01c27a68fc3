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


def test_the_in_process_cache_keeps_what_expires_last_when_full(caplog) -> None:
    async def scenario() -> None:
        cache = LocalCache(max_entries=3)
        for key, ttl in (("a", 60), ("b", 1), ("c", 30), ("d", 45)):
            assert await cache.add(key, ttl)
        # Over capacity: "b", the nearest to expiring, went first; the others are still there.
        assert [await cache.contains(key) for key in "abcd"] == [True, False, True, True]
        assert not await cache.add("a", 60)
        assert "configure WAILIAN_REDIS_URL" in caplog.text
        # A counter keeps its first expiry however often it is incremented.
        assert [await cache.incr("n", 60) for _ in range(3)] == [1, 2, 3]
        assert not await cache.contains("c")  # made room for "n"
        await cache.close()

    asyncio.run(scenario())


def test_the_in_process_cache_expires_entries_of_mixed_lifetimes() -> None:
    async def scenario() -> None:
        cache = LocalCache()
        assert await cache.add("long", 60)
        assert await cache.add("short", 1)
        assert await cache.incr("counter", 1) == 1
        await asyncio.sleep(1.1)
        assert not await cache.contains("short")
        assert await cache.incr("counter", 1) == 1  # expired, counted afresh
        assert await cache.add("short", 1)  # a nonce may be used again once it expired
        assert not await cache.add("long", 60)

    asyncio.run(scenario())
