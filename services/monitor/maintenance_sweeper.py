"""Background sweep of maintenance records, safe with several replicas.

- A timer that passes its due time while nobody touches the record still gets its
  SLA_BREACHED step in the history, exactly once (maintenance_store.claim_breaches).
- An alert whose rule says so (open_maintenance_record) opens a fault record by itself; the
  unique alert link makes a race with a person's click, or with another replica, open one.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from prometheus_client import Counter
from sqlalchemy.orm import Session

from services.monitor import maintenance_records as records
from services.monitor import maintenance_store
from services.monitor.maintenance_servicer import record_message
from services.monitor.messages import record_write
from services.runtime.audit import RequestFacts
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork
from wailian.common.v1 import options_pb2
from wailian.identity.v1 import audit_pb2
from wailian.monitor.v1 import maintenance_pb2

log = logging.getLogger("wailian.monitor.maintenance")

BREACHES_NOTED = Counter(
    "wailian_monitor_maintenance_breaches_total", "Service-level timers found past due"
)
RECORDS_FROM_ALERTS = Counter(
    "wailian_monitor_maintenance_records_from_alerts_total",
    "Maintenance records opened by alert rules",
)
SYSTEM = records.Actor(user_id="", name="system")
_METHOD = "CreateMaintenanceRecordFromAlert"
_SERVICE = maintenance_pb2.DESCRIPTOR.services_by_name["MaintenanceService"]


def _system_facts() -> RequestFacts:
    options = _SERVICE.methods_by_name[_METHOD].GetOptions()
    return RequestFacts(
        method=f"/{_SERVICE.full_name}/{_METHOD}",
        action=options.Extensions[options_pb2.policy].permission,
        actor_kind=audit_pb2.ACTOR_KIND_SERVICE,
        actor_id="",
        actor_name=SYSTEM.name,
    )


class MaintenanceSweeper:
    def __init__(self, uow: UnitOfWork, timezone: str, interval: timedelta) -> None:
        self.uow = uow
        self.timezone = timezone
        self.interval = interval

    async def open_records_for_alerts(self) -> int:
        """Open a record for every firing alert whose rule asks for one; how many opened."""

        def work(session: Session) -> int:
            now = utcnow()
            opened = 0
            for alert_id in maintenance_store.alerts_awaiting_records(session):
                row, new = records.open_from_alert(session, alert_id, SYSTEM, now, self.timezone)
                if not new:
                    continue
                opened += 1
                calendar = records.working_calendar(session, self.timezone)
                record_write(
                    session,
                    _system_facts(),
                    "maintenance_record",
                    row.maintenance_record_id,
                    f"alert rule opened maintenance record {row.number}",
                    after=record_message(row, calendar, now, [alert_id]),
                )
            return opened

        opened = await self.uow.run(work)
        RECORDS_FROM_ALERTS.inc(opened)
        return opened

    async def note_breaches(self) -> int:
        """Note every timer newly past its due time; how many there were."""

        def work(session: Session) -> int:
            calendar = records.working_calendar(session, self.timezone)
            return maintenance_store.note_breaches(session, utcnow(), calendar.zone)

        noted = await self.uow.run(work)
        BREACHES_NOTED.inc(noted)
        return noted

    async def run(self) -> None:
        while True:
            try:
                await self.open_records_for_alerts()
                await self.note_breaches()
            except Exception:
                log.exception("maintenance sweep failed; will retry")
            await asyncio.sleep(self.interval.total_seconds())
