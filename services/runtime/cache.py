"""Short-lived shared state (nonces, counters): Redis when configured, in-process otherwise.

The in-process stand-in exists only for the single-machine embedded default; with more than one
replica WAILIAN_REDIS_URL is required, or replay and rate checks would be per process.
"""

from __future__ import annotations

import heapq
import logging
import math
import time
from typing import Protocol

import redis.asyncio as aioredis

log = logging.getLogger("wailian.cache")

# Entries the in-process cache holds at most (about 170 MB): ten minutes of nonces at 800
# signed requests a second.
LOCAL_CACHE_MAX_ENTRIES = 500_000
WARNING_INTERVAL_SECONDS = 60.0


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
    """One process's dictionary with expiry.

    Expired entries leave in the order they expire (a heap of expiry times), so each call costs
    the same however many entries are live: a signed request's nonce stays for ten minutes,
    and at a few hundred signed calls a second hundreds of thousands are live at once. Past
    `max_entries` the entries nearest to expiring go first, with a warning: for nonces, those of
    the oldest requests, nearly out of the signature's time window. Beyond that rate the
    platform needs Redis (WAILIAN_REDIS_URL), as it does for more than one replica.
    """

    def __init__(self, max_entries: int = LOCAL_CACHE_MAX_ENTRIES) -> None:
        self.max_entries = max_entries
        self._entries: dict[str, tuple[float, int]] = {}
        # (expiry, key) of every entry stored; an entry stored again leaves a stale pair behind,
        # recognised by its expiry no longer matching the entry's.
        self._expiries: list[tuple[float, str]] = []
        self._warned_at = -math.inf

    # No await below: each call runs whole on the event loop, so none needs a lock.

    def _expire(self, now: float) -> None:
        expiries, entries = self._expiries, self._entries
        while expiries and expiries[0][0] <= now:
            expires, key = heapq.heappop(expiries)
            entry = entries.get(key)
            if entry is not None and entry[0] == expires:
                del entries[key]

    def _store(self, key: str, expires: float, value: int, now: float) -> None:
        self._entries[key] = (expires, value)
        heapq.heappush(self._expiries, (expires, key))
        evicted = 0
        while len(self._entries) > self.max_entries:
            soonest, soonest_key = heapq.heappop(self._expiries)
            entry = self._entries.get(soonest_key)
            if entry is not None and entry[0] == soonest:
                del self._entries[soonest_key]
                evicted += 1
        if evicted and now - self._warned_at >= WARNING_INTERVAL_SECONDS:
            self._warned_at = now
            log.warning(
                "in-process cache full: entries dropped before they expired; "
                "configure WAILIAN_REDIS_URL for this rate of signed requests",
                extra={"max_entries": self.max_entries, "evicted": evicted},
            )

    async def add(self, key: str, ttl_seconds: int) -> bool:
        now = time.monotonic()
        self._expire(now)
        if key in self._entries:
            return False
        self._store(key, now + ttl_seconds, 1, now)
        return True

    async def incr(self, key: str, ttl_seconds: int) -> int:
        now = time.monotonic()
        self._expire(now)
        entry = self._entries.get(key)
        if entry is not None:
            self._entries[key] = (entry[0], entry[1] + 1)
            return entry[1] + 1
        self._store(key, now + ttl_seconds, 1, now)
        return 1

    async def contains(self, key: str) -> bool:
        self._expire(time.monotonic())
        return key in self._entries

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._entries.clear()
        self._expiries.clear()


def make_cache(redis_url: str | None) -> Cache:
    return RedisCache(redis_url) if redis_url else LocalCache()
