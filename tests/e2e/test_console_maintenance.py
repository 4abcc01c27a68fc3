"""Maintenance records in the console in Chromium (O10, O11), on the real platform behind Envoy.

A failing service makes an alert fire; in the alert inbox it is acknowledged and a maintenance
record is opened from it (a second click finds the same record); the record shows its response
timer, is resolved and closed, and the records download as an Excel workbook that lists it;
an operations report is generated and downloaded from the reports page: issue 6's "acknowledge
an alert, open a maintenance record from it, download a report".
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from deploy.local.launcher import LocalOptions, LocalPlatform
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import console_of, sign_in
from tests.e2e.test_console_alerts import (
    FAILING_SERVICE,
    admin_headers,
    firing_alerts,
    send_failing_calls,
)
from tests.e2e.test_console_reports import BACKGROUND_WORK_MS, downloaded
from tests.support import eventually, http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

RESOLUTION = "HIS 医生库索引重建后恢复"
VENDOR = "zhangshang-vendor"
VENDOR_PASSWORD = "Ward-7-Night"
EVIDENCE = b"2026-11-29 HIS: doctor index unavailable\n"


@pytest.fixture(scope="module")
def alerting_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPlatform]:
    """The demo platform with alert rules evaluated every second instead of every 30, and
    channel notices checked every second instead of every 5 minutes."""
    options = LocalOptions(
        data_dir=tmp_path_factory.mktemp("platform") / "var", ephemeral=True, seed_demo=True
    )
    platform = LocalPlatform(options)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "1")
            # Channels read from identity, and checked for notices, every second.
            patch.setenv("WAILIAN_MONITOR_DIRECTORY_REFRESH_SECONDS", "1")
            patch.setenv("WAILIAN_MONITOR_CHANNEL_NOTICE_SECONDS", "1")
            platform.start()
        yield platform
    finally:
        platform.stop()


def error_rate_rule(console: str, headers: dict[str, str]) -> str:
    """More than 10% of the failing service's calls failed, from three calls on."""
    status, _, answer = http_json(
        "POST",
        f"{console}/api/monitor/v1/alert-rules",
        body=(
            '{"name": "医生查询失败", "kind": "ALERT_RULE_KIND_ERROR_RATE",'
            ' "severity": "ALERT_SEVERITY_CRITICAL", "threshold": 10, "minCalls": 3,'
            ' "window": "300s", "enabled": true,'
            f' "apiServiceCodes": ["{FAILING_SERVICE}"]}}'
        ).encode(),
        headers={**headers, "content-type": "application/json"},
    )
    assert status == 200, answer
    return str(answer["alertRule"]["alertRuleId"])


def records_of_alert(console: str, headers: dict[str, str], alert_id: str) -> list[dict[str, Any]]:
    status, _, answer = http_json(
        "GET",
        f"{console}/api/monitor/v1/maintenance-records?filter.alertId={alert_id}",
        headers=headers,
    )
    assert status == 200, answer
    return list(answer.get("maintenanceRecords", []))


def test_an_alert_becomes_a_maintenance_record_that_is_resolved_closed_and_exported(
    alerting_platform: LocalPlatform, page
) -> None:
    console = console_of(alerting_platform)
    headers = admin_headers(console)
    rule_id = error_rate_rule(console, headers)
    send_failing_calls(alerting_platform)
    fired = eventually(
        lambda: firing_alerts(console, headers, rule_id) or None,
        timeout=60,
        what="the error-rate rule to fire",
    )
    alert_id = fired[0]["alertId"]

    # Acknowledged in the inbox.
    sign_in(page, console, "/operations/alerts", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("alert-table").wait_for()
    # Staff have no vendor notices in the header.
    assert page.get_by_test_id("channel-notice-bell").count() == 0
    row = page.locator(f"[data-testid=alert-row][data-alert-id='{alert_id}']")
    row.get_by_test_id("alert-open").click()
    page.get_by_test_id("alert-detail-summary").wait_for()
    page.get_by_test_id("alert-detail-acknowledge").click()
    page.get_by_test_id("alert-acknowledge-comment").fill("值班人员处理中")
    page.get_by_test_id("alert-acknowledge-submit").click()
    page.get_by_test_id("alert-detail-acknowledged").wait_for()

    # A maintenance record opened from it: the maintenance page shows it with its timers.
    page.get_by_test_id("alert-detail-open-maintenance").click()
    page.wait_for_url("**/operations/maintenance?record=*")
    record_id = page.url.split("record=", 1)[1]
    status = page.get_by_test_id("maintenance-detail-status")
    status.wait_for()
    assert status.get_attribute("data-status") == "open"
    assert status.inner_text() == "待响应"
    assert FAILING_SERVICE in page.get_by_test_id("maintenance-detail-title").inner_text()
    number = page.get_by_test_id("maintenance-detail-number").inner_text()
    assert number
    assert alert_id in page.get_by_test_id("maintenance-detail-alerts").inner_text()
    response = page.get_by_test_id("maintenance-response-sla").get_by_test_id("sla-timer")
    assert response.get_attribute("data-state") == "running"
    assert response.get_by_test_id("sla-remaining").inner_text().startswith("剩余")
    assert response.get_by_test_id("sla-due").inner_text().startswith("截止")
    assert page.get_by_test_id("maintenance-event").count() >= 1

    # A second click on the alert finds the same record instead of opening another.
    page.go_back()
    row.get_by_test_id("alert-open").click()
    page.get_by_test_id("alert-detail-maintenance-record").wait_for()
    page.get_by_test_id("alert-detail-open-maintenance").click()
    page.wait_for_url(f"**/operations/maintenance?record={record_id}")
    page.get_by_test_id("maintenance-detail-status").wait_for()
    assert [r["maintenanceRecordId"] for r in records_of_alert(console, headers, alert_id)] == [
        record_id
    ]

    # Assigned to the administrator, picked by name.
    assert page.get_by_test_id("maintenance-detail-assignee").inner_text() == "未指派"
    page.get_by_test_id("maintenance-assign").click()
    page.get_by_test_id("maintenance-action-assignee").click()
    page.locator(".el-select-dropdown__item", has_text="admin").first.click()
    page.get_by_test_id("maintenance-action-submit").click()
    page.get_by_test_id("maintenance-action-dialog").wait_for(state="hidden")
    assert page.get_by_test_id("maintenance-detail-assignee").inner_text() == "admin"
    page.locator(
        "[data-testid=maintenance-event][data-kind=MAINTENANCE_EVENT_KIND_ASSIGNED]"
    ).wait_for()

    # A comment and an attachment join the history; the attachment downloads as uploaded.
    page.get_by_test_id("maintenance-comment").fill("已通知 HIS 厂商排查")
    page.get_by_test_id("maintenance-comment-submit").click()
    page.locator(
        "[data-testid=maintenance-event][data-kind=MAINTENANCE_EVENT_KIND_COMMENTED]"
    ).wait_for()
    page.get_by_test_id("maintenance-attachment-input").set_input_files(
        files=[{"name": "his-error.log", "mimeType": "text/plain", "buffer": EVIDENCE}]
    )
    attachment = page.locator("[data-testid=maintenance-attachment][data-name='his-error.log']")
    attachment.wait_for()
    name, content = downloaded(page, attachment.get_by_test_id("maintenance-attachment-download"))
    assert (name, content) == ("his-error.log", EVIDENCE)
    page.locator(
        "[data-testid=maintenance-event][data-kind=MAINTENANCE_EVENT_KIND_ATTACHMENT_ADDED]"
    ).wait_for()

    # Resolved with its resolution: the response timer is met.
    page.get_by_test_id("maintenance-resolve").click()
    page.get_by_test_id("maintenance-action-resolution").fill(RESOLUTION)
    page.get_by_test_id("maintenance-action-submit").click()
    page.locator("[data-testid=maintenance-detail-status][data-status=resolved]").wait_for()
    assert page.get_by_test_id("maintenance-detail-resolution").inner_text() == RESOLUTION
    resolution = page.get_by_test_id("maintenance-resolution-sla").get_by_test_id("sla-timer")
    assert resolution.get_attribute("data-state") == "met"

    # Closed: the hospital's confirmation, by the signed-in administrator.
    page.get_by_test_id("maintenance-close").click()
    page.get_by_test_id("maintenance-action-comment").fill("医院信息科已确认")
    page.get_by_test_id("maintenance-action-submit").click()
    page.locator("[data-testid=maintenance-detail-status][data-status=closed]").wait_for()
    assert page.get_by_test_id("maintenance-detail-status").inner_text() == "已关闭"
    assert page.get_by_test_id("maintenance-detail-confirmed-by").inner_text() == "admin"
    # The history is read again after the change (its own request): wait for the new step.
    page.get_by_test_id("maintenance-history").get_by_text("医院信息科已确认").wait_for()
    history = page.get_by_test_id("maintenance-history").inner_text()
    assert "已解决 → 已关闭" in history

    # The list shows it closed; the records download as Excel and the workbook lists it.
    page.keyboard.press("Escape")
    page.get_by_test_id("maintenance-detail").wait_for(state="hidden")
    listed = page.locator(f"[data-testid=maintenance-row][data-record-id='{record_id}']")
    page.locator(
        f"[data-testid=maintenance-row][data-record-id='{record_id}'][data-status=closed]"
    ).wait_for()
    assert listed.get_by_test_id("maintenance-number").inner_text() == number
    name, workbook_bytes = downloaded(page, page.get_by_test_id("maintenance-export-xlsx"))
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(workbook_bytes), read_only=True).active
    assert sheet is not None
    rows = [list(cells) for cells in sheet.iter_rows(values_only=True)]
    header = rows[0]
    ours = [r for r in rows[1:] if r[header.index("number")] == number]
    assert len(ours) == 1
    assert ours[0][header.index("status")] == "closed"
    assert ours[0][header.index("resolution")] == RESOLUTION
    assert ours[0][header.index("confirmed_by")] == "admin"

    # The period summary counts it.
    page.get_by_role("tab", name="期间汇总").click()
    summary = page.get_by_test_id("maintenance-summary-total")
    summary.wait_for()
    assert int(summary.inner_text()) >= 1
    fault = page.locator("[data-testid=maintenance-summary-kind][data-kind=MAINTENANCE_KIND_FAULT]")
    assert fault.count() == 1

    # A report generated on the reports page, downloaded as PDF.
    page.goto(f"{console}/operations/reports")
    page.get_by_test_id("report-generate").click()
    page.get_by_test_id("report-dialog").wait_for()
    page.get_by_test_id("report-form-submit").click()
    page.get_by_test_id("report-dialog").wait_for(state="hidden")
    page.locator(
        "[data-testid=report-row][data-kind=operationsAnalysis][data-status=ready]"
    ).wait_for(timeout=BACKGROUND_WORK_MS)
    report = page.locator("[data-testid=report-row][data-kind=operationsAnalysis]")
    name, pdf = downloaded(page, report.get_by_test_id("report-download-pdf"))
    assert name.endswith(".pdf")
    assert pdf.startswith(b"%PDF")
    assert Path(name).suffix == ".pdf"


def call(
    method: str, url: str, headers: dict[str, str], body: dict[str, Any] | None = None
) -> dict[str, Any]:
    status, _, answer = http_json(
        method,
        url,
        body=json.dumps(body).encode() if body is not None else None,
        headers={**headers, "content-type": "application/json"},
    )
    assert status == 200, answer
    return dict(answer or {})


def vendor_account(console: str, headers: dict[str, str]) -> str:
    """A developer-center account with its own password; answers its user id."""
    created = call(
        "POST",
        f"{console}/api/identity/v1/users",
        headers,
        {
            "user": {
                "username": VENDOR,
                "displayName": "掌上医院厂商",
                "roles": ["developer"],
                "kind": "USER_KIND_DEVELOPER",
            }
        },
    )
    first = call(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        {},
        {"username": VENDOR, "password": created["temporaryPassword"]},
    )
    call(
        "POST",
        f"{console}/api/identity/v1/sessions/current:changePassword",
        {"authorization": f"Bearer {first['accessToken']}"},
        {"currentPassword": created["temporaryPassword"], "newPassword": VENDOR_PASSWORD},
    )
    return str(created["user"]["userId"])


def test_a_vendor_sees_its_channels_expiring_credential_in_the_header(
    alerting_platform: LocalPlatform, page
) -> None:
    console = console_of(alerting_platform)
    headers = admin_headers(console)
    channel = alerting_platform.demo_channel
    assert channel is not None
    vendor_id = vendor_account(console, headers)
    call(
        "PATCH",
        f"{console}/api/identity/v1/channels/{channel.channel_id}?updateMask=vendor_user_ids",
        headers,
        {"vendorUserIds": [vendor_id]},
    )
    issued = call(
        "POST",
        f"{console}/api/identity/v1/channels/{channel.channel_id}/credentials",
        headers,
        {"kind": "CREDENTIAL_KIND_TOKEN", "validDays": 7},
    )
    client_id = issued["credential"]["clientId"]

    # The background check writes the notice; the vendor's own token finds it.
    vendor = call(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        {},
        {"username": VENDOR, "password": VENDOR_PASSWORD},
    )
    as_vendor = {"authorization": f"Bearer {vendor['accessToken']}"}
    eventually(
        lambda: call("GET", f"{console}/api/monitor/v1/channel-notices", as_vendor).get(
            "channelNotices"
        ),
        timeout=60,
        what="the vendor's notice of the expiring credential",
    )

    sign_in(page, console, "/home", VENDOR, VENDOR_PASSWORD)
    bell = page.locator("[data-testid=channel-notice-bell][data-unread='1']")
    bell.wait_for()
    bell.click()
    notice = page.locator(
        "[data-testid=channel-notice][data-kind=CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING]"
    )
    notice.wait_for()
    assert page.get_by_test_id("channel-notice").count() == 1
    assert "凭证即将过期" in notice.inner_text()
    assert "7 天内到期" in notice.inner_text()
    assert client_id in notice.inner_text()
    notice.get_by_test_id("channel-notice-mark-read").click()
    page.locator("[data-testid=channel-notice-bell][data-unread='0']").wait_for()
    # The notice stays in the list, now read: its mark-read button goes.
    notice.get_by_test_id("channel-notice-mark-read").wait_for(state="detached")
    assert page.get_by_test_id("channel-notice").count() == 1


def test_a_record_entered_by_hand_is_found_edited_and_the_calendar_gets_a_holiday(
    alerting_platform: LocalPlatform, page
) -> None:
    console = console_of(alerting_platform)
    sign_in(page, console, "/operations/maintenance", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("maintenance-table").wait_for()

    # A requirement reported by phone.
    page.get_by_test_id("maintenance-create").click()
    page.get_by_test_id("maintenance-form-kind").click()
    page.get_by_test_id("maintenance-form-kind-MAINTENANCE_KIND_REQUIREMENT").click()
    page.get_by_test_id("maintenance-form-title").fill("门诊缴费页增加电子发票下载")
    page.get_by_test_id("maintenance-form-reporter").fill("门诊部 王老师")
    page.get_by_test_id("maintenance-form-submit").click()
    page.get_by_test_id("maintenance-create-dialog").wait_for(state="hidden")
    title = page.get_by_test_id("maintenance-detail-title")
    title.wait_for()
    assert title.inner_text() == "门诊缴费页增加电子发票下载"
    # Requirements have a resolution timer in calendar days and none for the response.
    resolution = page.get_by_test_id("maintenance-resolution-sla").get_by_test_id("sla-timer")
    assert resolution.get_attribute("data-state") == "running"
    assert "5" in resolution.inner_text()
    assert page.get_by_test_id("maintenance-response-sla").inner_text() == "—"

    # Edited: the history says what changed.
    page.get_by_test_id("maintenance-edit").click()
    page.get_by_test_id("maintenance-edit-title").fill("门诊缴费页增加电子发票下载与打印")
    page.get_by_test_id("maintenance-edit-save").click()
    page.get_by_test_id("maintenance-edit-dialog").wait_for(state="hidden")
    page.locator(
        "[data-testid=maintenance-event][data-kind=MAINTENANCE_EVENT_KIND_FIELDS_CHANGED]"
    ).wait_for()
    assert title.inner_text() == "门诊缴费页增加电子发票下载与打印"
    assert (
        "标题: 门诊缴费页增加电子发票下载 → "
        in page.get_by_test_id("maintenance-history").inner_text()
    )
    page.keyboard.press("Escape")
    page.get_by_test_id("maintenance-detail").wait_for(state="hidden")

    # Found by its category and by words of its title.
    page.get_by_test_id("maintenance-kind-filter").click()
    page.get_by_test_id("maintenance-kind-filter-MAINTENANCE_KIND_REQUIREMENT").click()
    rows = page.get_by_test_id("maintenance-row")
    page.locator("[data-testid=maintenance-total]", has_text="共 1 条").wait_for()
    assert "电子发票" in rows.first.get_by_test_id("maintenance-title").inner_text()
    page.get_by_test_id("maintenance-kind-filter").click()
    page.get_by_test_id("maintenance-kind-filter-MAINTENANCE_KIND_SUPPORT").click()
    page.get_by_test_id("maintenance-empty").wait_for()
    page.get_by_test_id("maintenance-reset").click()
    page.get_by_test_id("maintenance-query").fill("电子发票")
    page.get_by_test_id("maintenance-search").click()
    page.locator("[data-testid=maintenance-total]", has_text="共 1 条").wait_for()

    # A public holiday on the working calendar, kept.
    page.get_by_role("tab", name="时效设置").click()
    page.get_by_test_id("calendar-holidays-add").click()
    page.get_by_test_id("calendar-holidays-date").last.fill("2027-01-01")
    page.get_by_test_id("calendar-holidays-name").last.fill("元旦")
    page.get_by_test_id("calendar-save").click()
    page.get_by_test_id("calendar-saved").wait_for()
    page.reload()
    page.get_by_role("tab", name="时效设置").click()
    page.get_by_test_id("calendar-holidays-row").first.wait_for()
    dates = page.get_by_test_id("calendar-holidays-date")
    names = page.get_by_test_id("calendar-holidays-name")
    holidays = {
        dates.nth(i).input_value(): names.nth(i).input_value() for i in range(dates.count())
    }
    assert holidays.get("2027-01-01") == "元旦"
