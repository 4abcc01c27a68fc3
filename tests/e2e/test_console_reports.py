"""Inspection and report pages of the console in Chromium (O1, O3, O4, O8), on the real
platform behind Envoy.

An inspection run from the page completes in the background and shows its findings by area,
graded against their thresholds; a check's threshold changed on the page is the one the next
inspection grades with, and its inspection report is generated from it; an operations analysis report for the current month is generated from
the page and downloaded as PDF and HTML, then deleted; so is a maintenance summary of the
current month, whose PDF renders and whose HTML lists the record the test made.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from google.protobuf import timestamp_pb2

from deploy.local.demo import admin_metadata
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import confirm_message_box, console_of, sign_in
from tests.integration.test_monitor_reports import first_page_png
from wailian.monitor.v1 import maintenance_pb2 as mp
from wailian.monitor.v1 import maintenance_pb2_grpc as mg

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

# Inspections and reports run in the background; the page follows them until they are done.
BACKGROUND_WORK_MS = 120_000
INTEGRITY_CHECK = "database.integrity"


def downloaded(page, button) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    """Clicks a download button; answers the file's suggested name and its bytes."""
    with page.expect_download() as started:
        button.click()
    download = started.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def run_inspection(page) -> None:  # type: ignore[no-untyped-def]
    """Runs an inspection from the page and waits in its drawer until it has completed."""
    page.get_by_test_id("inspection-run").click()
    page.locator("[data-testid=inspection-detail-status][data-status=completed]").wait_for(
        timeout=BACKGROUND_WORK_MS
    )


def test_an_inspection_run_from_the_page_shows_graded_findings_by_area(demo_platform, page) -> None:
    sign_in(
        page, console_of(demo_platform), "/operations/inspections", "admin", DEMO_ADMIN_PASSWORD
    )
    page.get_by_test_id("inspection-table").wait_for()
    assert page.get_by_test_id("inspection-row").count() == 0

    run_inspection(page)
    groups = page.get_by_test_id("finding-group")
    areas = [groups.nth(i).get_attribute("data-target") for i in range(groups.count())]
    assert {"database", "host", "services", "edge"} <= set(areas)
    database = page.locator("[data-testid=finding-group][data-target=database]")
    assert database.locator("h3").inner_text().startswith("数据库")

    # Every SQLite file of the freshly started platform passes its integrity check.
    integrity = database.locator(f"[data-testid=finding-row][data-check='{INTEGRITY_CHECK}']")
    assert integrity.count() >= 1
    for i in range(integrity.count()):
        row = integrity.nth(i)
        assert row.get_attribute("data-grade") == "ok"
        assert row.get_by_test_id("finding-grade").inner_text() == "正常"
        assert row.get_by_test_id("finding-threshold").inner_text() == "警告 ≥ 1条，风险 ≥ 1条"

    # The counts in the drawer are those of the findings listed, and the list shows the same.
    rows = page.get_by_test_id("finding-row")
    grades = [rows.nth(i).get_attribute("data-grade") for i in range(rows.count())]
    counts = page.get_by_test_id("inspection-detail-counts").inner_text()
    assert counts == (
        f"正常 {grades.count('ok')} 项，警告 {grades.count('warning')} 项，"
        f"风险 {grades.count('risk')} 项"
    )
    # A finding that is not ok says what to do about it.
    for i in range(rows.count()):
        if grades[i] in ("warning", "risk"):
            assert rows.nth(i).get_by_test_id("finding-recommendation").inner_text() != "—"
    # "Problems only" leaves out the ok findings, the integrity checks among them.
    page.get_by_test_id("inspection-problems-only").click()
    assert page.get_by_test_id("finding-row").count() == len(grades) - grades.count("ok")
    assert integrity.count() == 0
    page.get_by_test_id("inspection-problems-only").click()
    assert page.get_by_test_id("finding-row").count() == len(grades)

    number = page.get_by_test_id("inspection-detail-number").inner_text()
    page.keyboard.press("Escape")
    page.get_by_test_id("inspection-detail").wait_for(state="hidden")

    listed = page.locator("[data-testid=inspection-row][data-status=completed]")
    listed.wait_for()
    assert listed.count() == 1
    assert number in listed.inner_text()
    assert "手动" in listed.inner_text()
    assert listed.get_by_test_id("inspection-ok").inner_text() == str(grades.count("ok"))
    assert listed.get_by_test_id("inspection-risk").inner_text() == str(grades.count("risk"))

    # Raising the integrity check's risk threshold: the table shows it and the next inspection
    # grades with it.
    page.get_by_role("tab", name="检查项与阈值").click()
    check = page.locator(f"[data-testid=check-row][data-code='{INTEGRITY_CHECK}']")
    check.wait_for()
    check.get_by_test_id("check-edit").click()
    risk = page.get_by_test_id("check-form-risk").locator("input")
    risk.fill("3")
    page.get_by_test_id("check-save").click()
    page.get_by_test_id("check-dialog").wait_for(state="hidden")
    assert check.get_by_test_id("check-risk").inner_text() == "≥ 3 条"

    run_inspection(page)
    integrity = page.locator(f"[data-testid=finding-row][data-check='{INTEGRITY_CHECK}']")
    assert integrity.first.get_by_test_id("finding-threshold").inner_text() == (
        "警告 ≥ 1条，风险 ≥ 3条"
    )
    second = page.get_by_test_id("inspection-detail-number").inner_text()
    assert second != number

    # Its inspection report, generated from the drawer, is found on the reports page.
    page.get_by_test_id("inspection-make-report").click()
    page.wait_for_url("**/operations/reports?report=*")
    report = page.locator("[data-testid=report-row][data-kind=inspection]")
    report.wait_for()
    page.locator("[data-testid=report-row][data-kind=inspection][data-status=ready]").wait_for(
        timeout=BACKGROUND_WORK_MS
    )
    assert report.get_by_test_id("report-title").inner_text() == f"外联平台巡检报告（{second}）"
    _, html = downloaded(page, report.get_by_test_id("report-download-html"))
    assert second in html.decode("utf-8")

    page.go_back()
    page.get_by_test_id("inspection-table").wait_for()
    page.locator("[data-testid=inspection-row][data-status=completed]").nth(1).wait_for()
    assert page.get_by_test_id("inspection-row").count() == 2


def test_an_operations_report_for_this_month_is_generated_and_downloaded(
    demo_platform, page
) -> None:
    sign_in(page, console_of(demo_platform), "/operations/reports", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("report-table").wait_for()
    page.get_by_test_id("report-schedule").wait_for()

    # The dialog starts on an operations analysis report for the current month.
    page.get_by_test_id("report-generate").click()
    page.get_by_test_id("report-dialog").wait_for()
    page.get_by_test_id("report-form-submit").click()
    page.get_by_test_id("report-dialog").wait_for(state="hidden")

    report = page.locator("[data-testid=report-row][data-kind=operationsAnalysis]")
    report.wait_for()
    page.locator(
        "[data-testid=report-row][data-kind=operationsAnalysis][data-status=ready]"
    ).wait_for(timeout=BACKGROUND_WORK_MS)
    assert report.get_by_test_id("report-status").inner_text() == "已生成"
    # Named after the month chosen by default: this one, in the browser's time zone.
    today = date.today()
    title = report.get_by_test_id("report-title").inner_text()
    assert title == f"外联平台{today.year} 年 {today.month} 月运维服务分析报告"
    assert "月度" in report.inner_text()
    assert f"{today:%Y-%m}-01 – " in report.inner_text()

    name, pdf = downloaded(page, report.get_by_test_id("report-download-pdf"))
    assert name.endswith(".pdf")
    assert pdf.startswith(b"%PDF")

    name, html = downloaded(page, report.get_by_test_id("report-download-html"))
    assert name.endswith(".html")
    assert title in html.decode("utf-8")

    report.get_by_test_id("report-delete").click()
    confirm_message_box(page)
    report.wait_for(state="detached")


def test_a_maintenance_summary_is_generated_and_downloaded(demo_platform, page) -> None:
    # A fault of this month reported two hours ago and still unanswered: its response timer
    # (30 minutes or an hour) has run out.
    reported = timestamp_pb2.Timestamp()
    reported.FromDatetime(datetime.now(UTC) - timedelta(hours=2))
    with (
        demo_platform.grpc_channel("identity") as identity,
        demo_platform.grpc_channel("monitor") as monitor,
    ):
        record = (
            mg.MaintenanceServiceStub(monitor)
            .CreateMaintenanceRecord(
                mp.CreateMaintenanceRecordRequest(
                    maintenance_record=mp.MaintenanceRecord(
                        kind=mp.MAINTENANCE_KIND_FAULT,
                        severity=mp.MAINTENANCE_SEVERITY_HIGH,
                        title="自助机打印报告失败",
                        reporter_name="检验科",
                        report_time=reported,
                    )
                ),
                metadata=admin_metadata(identity),
            )
            .maintenance_record
        )

    sign_in(page, console_of(demo_platform), "/operations/reports", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("report-table").wait_for()
    page.get_by_test_id("report-generate").click()
    page.get_by_test_id("report-dialog").wait_for()
    page.get_by_test_id("report-form-kind-maintenanceSummary").click()
    # A maintenance summary covers a period too: the month chosen by default.
    page.get_by_test_id("report-form-period-month").wait_for()
    page.get_by_test_id("report-form-submit").click()
    page.get_by_test_id("report-dialog").wait_for(state="hidden")

    report = page.locator("[data-testid=report-row][data-kind=maintenanceSummary]")
    report.wait_for()
    page.locator(
        "[data-testid=report-row][data-kind=maintenanceSummary][data-status=ready]"
    ).wait_for(timeout=BACKGROUND_WORK_MS)
    today = date.today()
    title = report.get_by_test_id("report-title").inner_text()
    assert title == f"外联平台{today.year} 年 {today.month} 月运维记录汇总"
    assert "运维记录汇总" in report.inner_text() and "月度" in report.inner_text()

    name, html = downloaded(page, report.get_by_test_id("report-download-html"))
    assert name.endswith(".html")
    text = html.decode("utf-8")
    assert title in text
    assert f"<td>{record.number}</td><td>故障</td><td>高</td><td>自助机打印报告失败</td>" in text
    assert "<td>检验科</td>" in text
    assert "本期有 1 条运维记录超出服务时限（响应超时 1 次，解决超时 0 次）" in text

    name, pdf = downloaded(page, report.get_by_test_id("report-download-pdf"))
    assert name.endswith(".pdf")
    png, inked, first = first_page_png(pdf)
    assert png.startswith(b"\x89PNG") and inked > 0.01
    assert "运维记录汇总" in first and record.number in first

    report.get_by_test_id("report-delete").click()
    confirm_message_box(page)
    report.wait_for(state="detached")

    # Quarterly summaries can be made by the schedule too; the choice survives a reload.
    schedule = page.get_by_test_id("report-schedule")
    quarterly = schedule.get_by_test_id("report-schedule-maintenance-quarter")
    assert "运维记录汇总" in schedule.inner_text()
    if "is-checked" not in (quarterly.get_attribute("class") or ""):
        quarterly.click()
    schedule.get_by_test_id("report-schedule-save").click()
    schedule.get_by_test_id("report-schedule-saved").wait_for()
    page.reload()
    page.get_by_test_id("report-schedule-maintenance-quarter").wait_for()
    assert "is-checked" in (
        page.get_by_test_id("report-schedule-maintenance-quarter").get_attribute("class") or ""
    )
