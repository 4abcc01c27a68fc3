"""The last retention purge (O2), remembered for the ingest status: when, and how much went.

This loop purges as housekeeping.apply_retention does (raw entries and minute rollups after the
raw period, hour rollups after theirs) and keeps how many access-log entries the last run
deleted. A restart forgets it until the next purge.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.monitor import housekeeping
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor")


@dataclass
class PurgeRecord:
    time: datetime | None = None
    deleted: int = 0

    def note(self, time: datetime, deleted: int) -> None:
        self.time, self.deleted = time, deleted


async def run_retention(
    uow: UnitOfWork,
    retention: housekeeping.Retention,
    interval: timedelta,
    record: PurgeRecord,
) -> None:
    while True:
        try:
            now = utcnow()
            deleted = await housekeeping.purge_logs(uow, now - retention.raw)
            await housekeeping.purge_rollups(uow, "traffic_minutes", now - retention.raw)
            await housekeeping.purge_rollups(uow, "traffic_hours", now - retention.rollups)
            record.note(now, deleted)
        except Exception:
            log.exception("retention purge failed; will retry")
        await asyncio.sleep(interval.total_seconds())
