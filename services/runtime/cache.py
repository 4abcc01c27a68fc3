"""Short-lived shared state (nonces, counters): Redis when configured, in-process otherwise.

The in-process stand-in exists only for the single-machine embedded default; with more than one
replica WAILIAN_REDIS_URL is required, or replay and rate checks would be per process.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol

import redis.asyncio as aioredis


class Cache(Protocol):
    async def add(self, key: str, ttl_seconds: int) -> bool:
        """Store `key` if absent; True when this call stored it (first use of a nonce)."""
        ...

    async def incr(self, key: str, ttl_seconds: int) -> int:
        """Increment a counter that expires `ttl_seconds` after its first increment."""
        ...

    async def contains(self, key: str) -> bool:
        """True while `key` is stored and not expired."""
        ...

    async def ping(self) -> bool: ...

    async def close(self) -> None: ...


class RedisCache:
    def __init__(self, url: str) -> None:
        self._redis = aioredis.from_url(url)

    async def add(self, key: str, ttl_seconds: int) -> bool:
        return bool(await self._redis.set(key, b"1", nx=True, ex=ttl_seconds))

    async def incr(self, key: str, ttl_seconds: int) -> int:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, ttl_seconds, nx=True)
            value, _ = await pipe.execute()
        return int(value)

    async def contains(self, key: str) -> bool:
        return bool(await self._redis.exists(key))

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:
            return False

    async def close(self) -> None:
        await self._redis.aclose()


class LocalCache:
    """One process's dictionary with expiry."""

    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, int]] = {}
        self._lock = asyncio.Lock()

    def _live(self, key: str, now: float) -> tuple[float, int] | None:
        entry = self._entries.get(key)
        if entry is not None and entry[0] <= now:
            del self._entries[key]
            return None
        return entry

    async def add(self, key: str, ttl_seconds: int) -> bool:
        async with self._lock:
            now = time.monotonic()
            if self._live(key, now) is not None:
                return False
            self._entries[key] = (now + ttl_seconds, 1)
            if len(self._entries) > 100_000:
                self._entries = {k: v for k, v in self._entries.items() if v[0] > now}
            return True

    async def incr(self, key: str, ttl_seconds: int) -> int:
        async with self._lock:
            now = time.monotonic()
            entry = self._live(key, now)
            expires, value = entry if entry is not None else (now + ttl_seconds, 0)
            self._entries[key] = (expires, value + 1)
            return value + 1

    async def contains(self, key: str) -> bool:
        async with self._lock:
            return self._live(key, time.monotonic()) is not None

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._entries.clear()


def make_cache(redis_url: str | None) -> Cache:
    return RedisCache(redis_url) if redis_url else LocalCache()
