"""Batched ingest: a bounded buffer between Envoy's access-log stream and the database.

The stream handler only appends; one writer task flushes by size or time. When the buffer is
full, entries are dropped from the live path — never slowing Envoy — and counted; the
reconciliation with the durable file log brings them back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from prometheus_client import Counter

log = logging.getLogger("wailian.monitor.ingest")

ENTRIES = Counter(
    "wailian_monitor_access_log_entries_total",
    "Access-log entries through monitor's live path, by result",
    ["result"],
)

Row = Mapping[str, object]


@dataclass
class IngestStats:
    received: int = 0
    dropped: int = 0
    written: int = 0
    duplicates: int = 0
    failed: int = 0


class IngestPipeline:
    """A bounded buffer of rows and the single task that writes them in batches."""

    def __init__(
        self,
        write: Callable[[Sequence[Row]], Awaitable[int]],
        *,
        capacity: int = 100_000,
        batch_size: int = 2_000,
        flush_seconds: float = 0.2,
    ) -> None:
        self._write = write
        self.capacity = capacity
        self.batch_size = batch_size
        self.flush_seconds = flush_seconds
        self._pending: deque[Row] = deque()
        self._has_rows = asyncio.Event()
        self._full = asyncio.Event()
        self._lock = asyncio.Lock()
        self.stats = IngestStats()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def oldest_waiting(self) -> datetime | None:
        """When the oldest entry still waiting to be written started; None when none waits."""
        if not self._pending:
            return None
        started = self._pending[0].get("started_at")
        return started if isinstance(started, datetime) else None

    def offer(self, rows: Sequence[Row]) -> int:
        """Buffer what fits without waiting; returns how many rows were dropped."""
        room = max(self.capacity - len(self._pending), 0)
        accepted = rows[:room]
        dropped = len(rows) - len(accepted)
        self._pending.extend(accepted)
        self.stats.received += len(rows)
        ENTRIES.labels("received").inc(len(rows))
        if dropped:
            self.stats.dropped += dropped
            ENTRIES.labels("dropped").inc(dropped)
            log.warning(
                "ingest buffer full: dropped entries from the live path",
                extra={"dropped": dropped, "capacity": self.capacity},
            )
        if self._pending:
            self._has_rows.set()
            if len(self._pending) >= self.batch_size:
                self._full.set()
        return dropped

    async def run(self) -> None:
        """Flush forever: a full batch at once, a partial one after `flush_seconds`."""
        while True:
            await self._has_rows.wait()
            if len(self._pending) < self.batch_size:
                self._full.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._full.wait(), self.flush_seconds)
            await self.flush_once()

    async def flush_once(self) -> None:
        async with self._lock:
            count = min(len(self._pending), self.batch_size)
            batch = [self._pending.popleft() for _ in range(count)]
            if not self._pending:
                self._has_rows.clear()
            if not batch:
                return
            try:
                stored = await self._write(batch)
            except Exception:
                # Lost from the live path only: reconciliation recovers them from the file log.
                self.stats.failed += len(batch)
                ENTRIES.labels("failed").inc(len(batch))
                log.exception("writing access-log entries failed", extra={"entries": len(batch)})
                return
            self.stats.written += stored
            self.stats.duplicates += len(batch) - stored
            ENTRIES.labels("written").inc(stored)

    async def drain(self) -> None:
        """Write everything buffered (at shutdown)."""
        while self._pending:
            await self.flush_once()
