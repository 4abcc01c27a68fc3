"""Making reports in the background: figures from report_store, HTML from reports.py, PDF from
report_pdf.py, files kept with the report; and the schedule that makes them after each period."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from services.monitor import inspection_store, report_pdf, report_store, reports
from services.monitor.inspections import Grade
from services.monitor.models import ReportRow
from services.monitor.reports import Kind, Period
from services.runtime.clock import as_utc, utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor.reports")


class ReportGenerator:
    """Generates reports off the request path; one task per report."""

    def __init__(
        self,
        uow: UnitOfWork,
        timezone: str,
        env: Mapping[str, str] | None = None,
        schedule_poll: timedelta = timedelta(minutes=5),
    ) -> None:
        self.uow = uow
        self.timezone = timezone
        self.zone = ZoneInfo(timezone)
        self.env = dict(os.environ if env is None else env)
        self.schedule_poll = schedule_poll
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, report_id: str) -> None:
        task = asyncio.get_running_loop().create_task(self.generate(report_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait(self) -> None:
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=60)

    async def generate(self, report_id: str) -> None:
        """Makes the report's HTML and PDF and keeps them; READY or FAILED with the reason."""
        files: dict[str, bytes] = {}
        summary: dict[str, float] = {}
        error = ""
        try:
            files, summary, error = await self._render(report_id)
        except Exception as failure:
            log.exception("report generation failed", extra={"report_id": report_id})
            error = f"{type(failure).__name__}: {failure}"
        now = utcnow()
        await self.uow.run(
            lambda s: report_store.finish_report(s, report_id, files, summary, error, now)
        )

    async def _render(self, report_id: str) -> tuple[dict[str, bytes], dict[str, float], str]:
        generated = utcnow()

        def read(session: Session) -> tuple[ReportRow, object]:
            row = report_store.report_row(session, report_id)
            if row is None:
                raise LookupError(f"no report {report_id}")
            kind = Kind(row.kind)
            start, end = as_utc(row.start_at), as_utc(row.end_at)
            if kind is Kind.INSPECTION:
                inspection = inspection_store.inspection_row(session, row.inspection_id)
                if inspection is None:
                    raise LookupError(f"no inspection {row.inspection_id}")
                return row, reports.InspectionFacts(
                    number=inspection.number,
                    started=as_utc(inspection.started_at),
                    ended=as_utc(inspection.ended_at) if inspection.ended_at else None,
                    started_by=inspection.started_by,
                    overall=Grade(inspection.overall_grade or "ok"),
                    ok=inspection.ok_count,
                    warning=inspection.warning_count,
                    risk=inspection.risk_count,
                    findings=inspection_store.findings_of(session, inspection.inspection_id),
                )
            work = report_store.maintenance_figures(session, start, end, generated, self.timezone)
            if kind is Kind.MAINTENANCE_SUMMARY:
                return row, work
            label = reports.period_label(Period(row.period), start, end, self.zone)
            figures = report_store.operations_figures(
                session, row.title, label, start, end, self.zone
            )
            figures.maintenance = work
            latest = inspection_store.latest_completed(session)
            if latest is not None:
                figures.inspection_risks = latest.risk_count
                figures.inspection_warnings = latest.warning_count
            return row, figures

        row, content = await self.uow.run(read)
        pdf: Callable[[Path], bytes]
        if isinstance(content, reports.Figures):
            figures = content
            html = reports.operations_html(figures, generated, self.zone)
            summary = {
                "total_calls": figures.calls,
                "success_share": figures.success_share,
                "availability": figures.availability,
                "alerts": figures.alerts.total,
                "risk_findings": figures.inspection_risks,
                **_maintenance_summary(figures.maintenance),
            }

            def pdf(font: Path) -> bytes:
                return report_pdf.operations_pdf(figures, generated, self.zone, font)

        elif isinstance(content, reports.MaintenanceFigures):
            work = content
            label = reports.period_label(Period(row.period), work.start, work.end, self.zone)
            html = reports.maintenance_html(row.title, label, work, generated, self.zone)
            summary = _maintenance_summary(work)

            def pdf(font: Path) -> bytes:
                return report_pdf.maintenance_pdf(
                    row.title, label, work, generated, self.zone, font
                )

        else:
            assert isinstance(content, reports.InspectionFacts)
            facts = content
            html = reports.inspection_html(row.title, facts, generated, self.zone)
            summary = {"risk_findings": facts.risk}

            def pdf(font: Path) -> bytes:
                return report_pdf.inspection_pdf(row.title, facts, generated, self.zone, font)

        files = {"html": html}
        error = ""
        try:
            font = report_pdf.find_font(self.env)
            files["pdf"] = await asyncio.to_thread(pdf, font)
        except report_pdf.PdfUnavailable as missing:
            log.warning("report made without PDF: %s", missing, extra={"report_id": report_id})
            error = f"PDF not made: {missing}"
        return files, summary, error

    async def inspection_report(self, inspection_id: str) -> str:
        """Makes the inspection report of a finished inspection now; its report id."""

        def add(session: Session) -> str:
            inspection = inspection_store.inspection_row(session, inspection_id)
            if inspection is None:
                raise LookupError(f"no inspection {inspection_id}")
            started = as_utc(inspection.started_at)
            ended = as_utc(inspection.ended_at) if inspection.ended_at else utcnow()
            title = f"外联平台巡检报告（{inspection.number}）"
            new = report_store.NewReport(
                Kind.INSPECTION,
                Period.CUSTOM,
                title,
                started,
                max(ended, started + timedelta(seconds=1)),
                inspection_id=inspection_id,
                scheduled=inspection.trigger == "scheduled",
            )
            return report_store.add_report(
                session, new, inspection.started_by or "system"
            ).report_id

        report_id = await self.uow.run(add)
        await self.generate(report_id)
        return report_id

    # The schedule.

    async def run_due(self, now: datetime | None = None) -> list[str]:
        """Makes the scheduled reports whose period has ended and that were not made yet."""
        moment = now or utcnow()

        def claim(session: Session) -> list[str]:
            schedule = report_store.ensure_schedule(session, self.timezone, moment)
            zone = ZoneInfo(schedule.time_zone)
            made: list[str] = []
            for item in schedule.reports:
                if not item.get("enabled"):
                    continue
                kind, period = Kind(str(item["kind"])), Period(str(item["period"]))
                if kind not in reports.SCHEDULED_KINDS or period is Period.CUSTOM:
                    continue
                start, end = reports.period_bounds(period, moment, zone)
                key = f"{kind.value}/{period.value}"
                if not report_store.claim_period(session, key, start.isoformat()):
                    continue
                label = reports.period_label(period, start, end, zone)
                new = report_store.NewReport(
                    kind, period, reports.default_title(kind, label), start, end, scheduled=True
                )
                made.append(report_store.add_report(session, new, "system").report_id)
            return made

        made = await self.uow.run(claim)
        for report_id in made:
            await self.generate(report_id)
        return made

    async def run_schedule(self) -> None:
        """The service's background task: scheduled reports, and abandoned ones marked failed."""
        before = utcnow() - timedelta(hours=1)
        await self.uow.run(lambda s: report_store.fail_abandoned(s, before, utcnow()))
        while True:
            try:
                await self.run_due()
            except Exception:
                log.exception("scheduled reports failed; will retry")
            await asyncio.sleep(self.schedule_poll.total_seconds())


def _maintenance_summary(work: reports.MaintenanceFigures | None) -> dict[str, float]:
    """The maintenance figures a report lists: records, and the compliance rate when any
    timer was met or breached."""
    if work is None:
        return {}
    found: dict[str, float] = {"maintenance_records": work.total}
    if work.timed_records:
        found["service_level_compliance"] = work.compliance
    return found
