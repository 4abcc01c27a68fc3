"""Inspections and reports on real SQLite and PostgreSQL: real findings, reports whose numbers
match the traffic the test sent, a PDF that renders."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pypdfium2
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from tests.integration.conftest import Platform, start_platform
from tests.integration.test_monitor_ingest import entry, overview, send, violations
from tests.support import eventually
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import downloads_pb2, downloads_pb2_grpc
from wailian.monitor.v1 import inspections_pb2 as ip
from wailian.monitor.v1 import inspections_pb2_grpc as ig
from wailian.monitor.v1 import reports_pb2 as rp
from wailian.monitor.v1 import reports_pb2_grpc as rg


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, str]]:
    """Identity and monitor; the schedule polled every 0.2 s. Yields the platform and backend."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_INSPECTION_POLL_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    for platform in start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor")):
        yield platform, str(request.param)


def inspections(platform: Platform) -> ig.InspectionServiceStub:
    return ig.InspectionServiceStub(platform.channel("monitor"))


def report_stub(platform: Platform) -> rg.ReportServiceStub:
    return rg.ReportServiceStub(platform.channel("monitor"))


def completed(platform: Platform, inspection_id: str) -> ip.Inspection:
    def probe() -> ip.Inspection | None:
        found = inspections(platform).GetInspection(
            ip.GetInspectionRequest(inspection_id=inspection_id), metadata=platform.admin()
        )
        running = found.inspection.status == ip.INSPECTION_STATUS_RUNNING
        return None if running else found.inspection

    return eventually(probe, what="the inspection to complete")


def ready(platform: Platform, report_id: str) -> rp.Report:
    def probe() -> rp.Report | None:
        found = report_stub(platform).GetReport(
            rp.GetReportRequest(report_id=report_id), metadata=platform.admin()
        )
        generating = found.report.status == rp.REPORT_STATUS_GENERATING
        return None if generating else found.report

    return eventually(probe, timeout=60, what="the report to be generated")


def download(platform: Platform, report_id: str, report_format: int) -> tuple[str, bytes]:
    stub = downloads_pb2_grpc.DownloadServiceStub(platform.channel("monitor"))
    chunks = list(
        stub.DownloadReport(
            downloads_pb2.DownloadReportRequest(report_id=report_id, format=report_format),  # type: ignore[arg-type]
            metadata=platform.admin(),
        )
    )
    return chunks[0].content_type, b"".join(chunk.data for chunk in chunks)


def first_page_png(pdf: bytes) -> tuple[bytes, float, str]:
    """Page 1 as PNG, the share of its pixels that are not white, and its text."""
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    textpage = page.get_textpage()
    try:
        image = page.render(scale=1).to_pil().convert("L")
        text = textpage.get_text_range()
    finally:
        textpage.close()
        page.close()
        document.close()
    histogram = image.histogram()
    inked = sum(histogram[:200]) / sum(histogram)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue(), inked, text


def findings_by(inspection: ip.Inspection, code: str) -> list[ip.InspectionFinding]:
    return [f for f in inspection.findings if f.check_code == code]


def test_inspection_reports_the_real_state_and_its_report(monitor: tuple[Platform, str]) -> None:
    platform, backend = monitor
    stub = inspections(platform)
    key = uuid.uuid4().hex
    request = ip.RunInspectionRequest(generate_report=True, idempotency_key=key)
    started = stub.RunInspection(request, metadata=platform.admin()).inspection
    again = stub.RunInspection(request, metadata=platform.admin()).inspection
    assert again.inspection_id == started.inspection_id
    assert started.number.startswith("XJ-") and started.number.endswith("-01")
    assert started.trigger == ip.INSPECTION_TRIGGER_MANUAL

    inspection = completed(platform, started.inspection_id)
    assert inspection.status == ip.INSPECTION_STATUS_COMPLETED, inspection.error
    assert inspection.started_by == "admin"

    tables = {
        f.subject.rsplit(" ", 1)[-1]: f for f in findings_by(inspection, "database.table_size")
    }
    assert "access_logs" in tables
    assert "inspections" in tables
    assert all(f.unit == "MB" and f.threshold for f in tables.values())
    if backend == "sqlite":
        integrity = {f.subject: f for f in findings_by(inspection, "database.integrity")}
        assert integrity["monitor 数据库（SQLite）"].observed == "ok"
        assert integrity["monitor 数据库（SQLite）"].grade == ip.INSPECTION_GRADE_OK
        # Identity's embedded database beside it, opened read only.
        assert integrity["identity 数据库（SQLite）"].grade == ip.INSPECTION_GRADE_OK
        assert findings_by(inspection, "database.wal_size")
    else:
        (connections,) = findings_by(inspection, "database.connections")
        assert 0 < connections.observed_value < 100
        assert connections.threshold == "警告 ≥ 70%，风险 ≥ 90%"
        assert findings_by(inspection, "database.long_transactions")

    (disk,) = findings_by(inspection, "host.disk")
    assert 0 < disk.observed_value < 100
    assert disk.threshold == "警告 ≥ 80%，风险 ≥ 90%"
    assert findings_by(inspection, "host.memory") and findings_by(inspection, "host.open_files")
    health = {f.subject.split("（")[0]: f for f in findings_by(inspection, "services.health")}
    assert health["identity"].grade == ip.INSPECTION_GRADE_OK
    assert health["identity"].observed == "SERVING"
    # No admin address configured: the edge is reported as not observed, not as fine.
    (edge,) = findings_by(inspection, "edge.listeners")
    assert edge.grade == ip.INSPECTION_GRADE_UNSPECIFIED
    assert "WAILIAN_MONITOR_ENVOY_ADMIN_ADDR" in edge.observed
    graded = [f for f in inspection.findings if f.grade != ip.INSPECTION_GRADE_UNSPECIFIED]
    assert inspection.ok_count + inspection.warning_count + inspection.risk_count == len(graded)

    def with_report() -> ip.Inspection | None:
        found = stub.GetInspection(
            ip.GetInspectionRequest(inspection_id=inspection.inspection_id),
            metadata=platform.admin(),
        ).inspection
        return found if found.report_id else None

    report = ready(platform, eventually(with_report, what="the inspection report").report_id)
    assert report.status == rp.REPORT_STATUS_READY, report.error
    assert report.kind == rp.REPORT_KIND_INSPECTION
    assert report.inspection_id == inspection.inspection_id
    content_type, html = download(platform, report.report_id, rp.REPORT_FORMAT_HTML)
    assert content_type.startswith("text/html")
    page = html.decode()
    assert inspection.number in page
    assert "数据库完整性" in page or "数据表容量" in page
    content_type, pdf = download(platform, report.report_id, rp.REPORT_FORMAT_UNSPECIFIED)
    assert content_type == "application/pdf"
    _, inked, text = first_page_png(pdf)
    assert inked > 0.01
    assert inspection.number in text

    listed = stub.ListInspections(ip.ListInspectionsRequest(), metadata=platform.admin())
    assert [i.inspection_id for i in listed.inspections] == [inspection.inspection_id]
    assert not listed.inspections[0].findings


def test_changed_thresholds_grade_the_next_inspection(monitor: tuple[Platform, str]) -> None:
    platform, _ = monitor
    stub = inspections(platform)
    changed = stub.UpdateInspectionCheck(
        ip.UpdateInspectionCheckRequest(
            check_code="host.disk",
            inspection_check=ip.InspectionCheck(warning_threshold=0, risk_threshold=100),
            update_mask=field_mask_pb2.FieldMask(paths=["warning_threshold", "risk_threshold"]),
        ),
        metadata=platform.admin(),
    ).inspection_check
    assert changed.warning_threshold == 0
    assert changed.audit.updated_by == "admin"
    listed = stub.ListInspectionChecks(
        ip.ListInspectionChecksRequest(target=ip.INSPECTION_TARGET_HOST), metadata=platform.admin()
    )
    assert {c.check_code for c in listed.inspection_checks} == {
        "host.cpu_load",
        "host.memory",
        "host.disk",
        "host.open_files",
    }
    started = stub.RunInspection(
        ip.RunInspectionRequest(targets=[ip.INSPECTION_TARGET_HOST]), metadata=platform.admin()
    ).inspection
    inspection = completed(platform, started.inspection_id)
    (disk,) = findings_by(inspection, "host.disk")
    assert disk.grade == ip.INSPECTION_GRADE_WARNING
    assert disk.threshold == "警告 ≥ 0%，风险 ≥ 100%"
    assert disk.recommendation
    assert not findings_by(inspection, "database.integrity")
    assert inspection.number.endswith("-01")

    with pytest.raises(grpc.RpcError) as refused:
        stub.UpdateInspectionCheck(
            ip.UpdateInspectionCheckRequest(
                check_code="host.disk",
                inspection_check=ip.InspectionCheck(warning_threshold=90, risk_threshold=80),
                update_mask=field_mask_pb2.FieldMask(paths=["warning_threshold", "risk_threshold"]),
            ),
            metadata=platform.admin(),
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(refused.value) == {"inspection_check.risk_threshold"}


def test_the_schedule_starts_inspections_by_itself(monitor: tuple[Platform, str]) -> None:
    platform, _ = monitor
    stub = inspections(platform)
    schedule = stub.GetInspectionSchedule(
        ip.GetInspectionScheduleRequest(), metadata=platform.admin()
    ).inspection_schedule
    assert schedule.cron == "0 2 1 1,4,7,10 *"
    assert schedule.time_zone == "Asia/Shanghai"
    assert schedule.next_run_time.ToDatetime(tzinfo=UTC) > datetime.now(UTC)

    with pytest.raises(grpc.RpcError) as refused:
        stub.UpdateInspectionSchedule(
            ip.UpdateInspectionScheduleRequest(
                inspection_schedule=ip.InspectionSchedule(cron="61 * * * *", time_zone="Mars/Base"),
                update_mask=field_mask_pb2.FieldMask(paths=["cron", "time_zone"]),
            ),
            metadata=platform.admin(),
        )
    assert violations(refused.value) == {
        "inspection_schedule.cron",
        "inspection_schedule.time_zone",
    }

    updated = stub.UpdateInspectionSchedule(
        ip.UpdateInspectionScheduleRequest(
            inspection_schedule=ip.InspectionSchedule(
                cron="* * * * *", targets=[ip.INSPECTION_TARGET_HOST], generate_report=False
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["cron", "targets", "generate_report"]),
        ),
        metadata=platform.admin(),
    ).inspection_schedule
    assert updated.next_run_time.ToDatetime(tzinfo=UTC) <= datetime.now(UTC) + timedelta(minutes=1)

    def scheduled() -> ip.Inspection | None:
        listed = stub.ListInspections(ip.ListInspectionsRequest(), metadata=platform.admin())
        done = [
            i
            for i in listed.inspections
            if i.trigger == ip.INSPECTION_TRIGGER_SCHEDULED
            and i.status == ip.INSPECTION_STATUS_COMPLETED
        ]
        return done[0] if done else None

    inspection = eventually(scheduled, timeout=90, what="a scheduled inspection")
    assert inspection.started_by == "system"
    assert list(inspection.targets) == [ip.INSPECTION_TARGET_HOST]
    assert inspection.ok_count + inspection.warning_count + inspection.risk_count >= 3


def _stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(moment)
    return stamp


def test_operations_report_counts_the_traffic_sent(monitor: tuple[Platform, str]) -> None:
    platform, _ = monitor
    start = datetime.now(UTC).replace(minute=0, second=0, microsecond=0) - timedelta(days=2)
    first, second = start + timedelta(minutes=10), start + timedelta(hours=1, minutes=10)
    booking, lab = "booking.create", "lab.report"
    entries = [
        *(
            entry(api=booking, channel="kiosk", status=200, duration_ms=40, started=first)
            for _ in range(8)
        ),
        *(
            entry(api=booking, channel="kiosk", status=503, duration_ms=90, started=first)
            for _ in range(2)
        ),
        *(
            entry(api=booking, channel="app", status=404, duration_ms=5, started=first)
            for _ in range(3)
        ),
        # Every call of lab.report in the second hour fails: an hour it was unavailable.
        *(
            entry(api=lab, channel="app", status=500, duration_ms=30, started=second)
            for _ in range(4)
        ),
    ]
    send(platform, entries)
    eventually(
        lambda: True if overview(platform).cumulative_calls == 17 else None,
        what="seventeen stored calls",
    )
    stub = report_stub(platform)
    window = common_pb2.TimeRange(
        start_time=_stamp(start), end_time=_stamp(start + timedelta(hours=4))
    )
    request = rp.GenerateReportRequest(
        kind=rp.REPORT_KIND_OPERATIONS_ANALYSIS,
        period=rp.REPORT_PERIOD_CUSTOM,
        time_range=window,
        idempotency_key=uuid.uuid4().hex,
    )
    started = stub.GenerateReport(request, metadata=platform.admin()).report
    assert stub.GenerateReport(request, metadata=platform.admin()).report.report_id == (
        started.report_id
    )
    assert "运维服务分析报告" in started.title
    report = ready(platform, started.report_id)
    assert report.status == rp.REPORT_STATUS_READY, report.error
    assert report.summary.total_calls == 17
    assert report.summary.success_share == pytest.approx(8 / 17)
    assert report.summary.availability == pytest.approx(3 / 4)
    assert report.html_size_bytes > 0 and report.pdf_size_bytes > 0

    content_type, html = download(platform, report.report_id, rp.REPORT_FORMAT_HTML)
    assert content_type == "text/html; charset=utf-8"
    page = html.decode()
    assert "<b>17</b>" in page  # total calls
    assert f"<b>{100 * 8 / 17:.2f}%</b>" in page  # success share
    assert "<b>75.00%</b>" in page  # one of four hours had a service down
    assert '<td>lab.report</td><td class="n">4</td><td class="n">0.00%</td>' in page
    assert '<td>booking.create</td><td class="n">13</td>' in page
    assert "<svg" in page and "<script" not in page
    assert "服务 lab.report 的服务端错误率为 100.0%" not in page  # fewer than 10 calls
    assert "服务 lab.report：服务端错误 4 次" in page

    content_type, pdf = download(platform, report.report_id, rp.REPORT_FORMAT_PDF)
    assert content_type == "application/pdf"
    assert pdf.startswith(b"%PDF")
    png, inked, text = first_page_png(pdf)
    assert png.startswith(b"\x89PNG")
    assert inked > 0.01
    assert "运维服务分析报告" in text
    assert "17" in text and f"{100 * 8 / 17:.2f}%" in text

    listed = stub.ListReports(
        rp.ListReportsRequest(kind=rp.REPORT_KIND_OPERATIONS_ANALYSIS), metadata=platform.admin()
    )
    assert [r.report_id for r in listed.reports] == [report.report_id]
    stub.DeleteReport(rp.DeleteReportRequest(report_id=report.report_id), metadata=platform.admin())
    with pytest.raises(grpc.RpcError) as gone:
        download(platform, report.report_id, rp.REPORT_FORMAT_PDF)
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND
    assert not stub.ListReports(rp.ListReportsRequest(), metadata=platform.admin()).reports


def test_requests_are_validated(monitor: tuple[Platform, str]) -> None:
    platform, _ = monitor
    admin = platform.admin()
    with pytest.raises(grpc.RpcError) as bad_target:
        inspections(platform).RunInspection(
            ip.RunInspectionRequest(targets=[ip.INSPECTION_TARGET_HOST, 42]),  # type: ignore[list-item]
            metadata=admin,
        )
    assert violations(bad_target.value) == {"targets[1]"}
    with pytest.raises(grpc.RpcError) as no_kind:
        report_stub(platform).GenerateReport(rp.GenerateReportRequest(), metadata=admin)
    assert violations(no_kind.value) == {"kind"}
    with pytest.raises(grpc.RpcError) as no_range:
        report_stub(platform).GenerateReport(
            rp.GenerateReportRequest(
                kind=rp.REPORT_KIND_OPERATIONS_ANALYSIS, period=rp.REPORT_PERIOD_CUSTOM
            ),
            metadata=admin,
        )
    assert violations(no_range.value) == {"time_range.start_time", "time_range.end_time"}
    with pytest.raises(grpc.RpcError) as nothing_inspected:
        report_stub(platform).GenerateReport(
            rp.GenerateReportRequest(kind=rp.REPORT_KIND_INSPECTION), metadata=admin
        )
    assert nothing_inspected.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.RpcError) as missing:
        report_stub(platform).GetReport(rp.GetReportRequest(report_id="nope"), metadata=admin)
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND

    schedule = (
        report_stub(platform)
        .GetReportSchedule(rp.GetReportScheduleRequest(), metadata=admin)
        .report_schedule
    )
    assert {(s.period, s.enabled) for s in schedule.reports} == {
        (rp.REPORT_PERIOD_MONTH, False),
        (rp.REPORT_PERIOD_QUARTER, True),
        (rp.REPORT_PERIOD_YEAR, True),
    }
    changed = (
        report_stub(platform)
        .UpdateReportSchedule(
            rp.UpdateReportScheduleRequest(
                report_schedule=rp.ReportSchedule(
                    reports=[
                        rp.ScheduledReport(
                            kind=rp.REPORT_KIND_OPERATIONS_ANALYSIS,
                            period=rp.REPORT_PERIOD_MONTH,
                            enabled=True,
                        )
                    ]
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["reports"]),
            ),
            metadata=admin,
        )
        .report_schedule
    )
    assert [(s.period, s.enabled) for s in changed.reports] == [(rp.REPORT_PERIOD_MONTH, True)]
    # Scheduled reports start with the next period to end: nothing is made now.
    assert not report_stub(platform).ListReports(rp.ListReportsRequest(), metadata=admin).reports
