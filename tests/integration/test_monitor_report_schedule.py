"""The report schedule on real SQLite and PostgreSQL: each enabled report is made once after its
period ends, operations analyses and maintenance summaries alike; a report newly put on the
schedule is not made for the period that had already ended."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from services.monitor import report_store
from services.monitor.models import ReportRow
from services.monitor.report_generator import ReportGenerator
from services.runtime.db import UnitOfWork

SHANGHAI = ZoneInfo("Asia/Shanghai")


def made(engine: sa.Engine) -> list[tuple[str, str, str, bool, str]]:
    with Session(engine) as session:
        rows = session.scalars(sa.select(ReportRow).order_by(ReportRow.kind)).all()
        return [(r.kind, r.period, r.title, r.scheduled, r.status) for r in rows]


def test_the_schedule_makes_each_enabled_report_once_after_its_period(
    monitor_engine: sa.Engine,
) -> None:
    engine = monitor_engine
    uow = UnitOfWork(engine)
    generator = ReportGenerator(uow, "Asia/Shanghai")
    # Mid-October, staff put monthly analyses and summaries on the schedule, quarterly
    # summaries off.
    october = datetime(2026, 10, 15, 9, 0, tzinfo=SHANGHAI)
    with Session(engine) as session, session.begin():
        row = report_store.ensure_schedule(session, "Asia/Shanghai", october)
        report_store.set_scheduled_reports(
            row,
            [
                {"kind": "operations_analysis", "period": "month", "enabled": True},
                {"kind": "maintenance_summary", "period": "month", "enabled": True},
                {"kind": "maintenance_summary", "period": "quarter", "enabled": False},
            ],
            october,
        )

    # September had ended already: nothing is made for it, nor for October before it ends.
    assert asyncio.run(generator.run_due(october)) == []
    assert asyncio.run(generator.run_due(datetime(2026, 10, 31, 23, 59, tzinfo=SHANGHAI))) == []
    assert made(engine) == []

    # Just after local midnight on 1 November: October's two reports, made and ready.
    november = datetime(2026, 11, 1, 0, 5, tzinfo=SHANGHAI)
    assert len(asyncio.run(generator.run_due(november))) == 2
    assert made(engine) == [
        ("maintenance_summary", "month", "外联平台2026 年 10 月运维记录汇总", True, "ready"),
        ("operations_analysis", "month", "外联平台2026 年 10 月运维服务分析报告", True, "ready"),
    ]
    # Once only, however often the schedule is checked (or by how many replicas).
    assert asyncio.run(generator.run_due(november)) == []
    assert len(made(engine)) == 2
