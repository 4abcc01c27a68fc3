"""The monitoring center's platform status, the statistics pages' names and exports, and the
log query's export, in Chromium, on the platform as `make run` starts it, fed by calls this
module sends through the edge as the demo channel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from deploy.local.launcher import LocalPlatform
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import console_of, sign_in
from tests.e2e.test_console_monitor import admin_token
from tests.support import eventually, http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CALLS = 5
DEPARTMENTS = "master.departments.list"
PLATFORM_SERVICES = ("identity", "monitor", "payment", "publishing", "registry")


@pytest.fixture(scope="module")
def request_ids(demo_platform: LocalPlatform) -> list[str]:
    """Calls the department list CALLS times as the demo channel; waits until monitor counted
    them in the service usage statistics."""
    edge = f"http://127.0.0.1:{demo_platform.channel_port}"
    channel = demo_platform.demo_channel
    assert channel is not None
    status, _, token = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=(
            f"grant_type=client_credentials&client_id={channel.client_id}"
            f"&client_secret={channel.client_secret}"
        ).encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert status == 200, token
    bearer = {"authorization": f"Bearer {token['access_token']}"}
    sent = []
    for _ in range(CALLS):
        status, headers, _ = http_json("GET", f"{edge}/v1/departments", headers=bearer)
        assert status == 200
        sent.append(headers["x-request-id"])

    console = console_of(demo_platform)
    admin = {"authorization": f"Bearer {admin_token(console)}"}

    def counted_and_named() -> int | None:
        _, _, usage = http_json(
            "GET", f"{console}/api/monitor/v1/statistics/service-usage", headers=admin
        )
        rows = [r for r in usage.get("rows", []) if r.get("apiServiceCode") == DEPARTMENTS]
        calls = sum(int(r.get("metrics", {}).get("calls", "0")) for r in rows)
        # Monitor asks registry for the services' names now and then (every 30 s by default).
        named = all(r.get("apiServiceName") for r in rows)
        return calls if calls >= CALLS and named else None

    found = eventually(
        counted_and_named, timeout=60, what="monitor to count and name the department calls"
    )
    assert found == CALLS
    return sent


def downloaded(page, button) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    with page.expect_download() as started:
        button.click()
    download = started.value
    return download.suggested_filename, Path(download.path()).read_bytes()


def test_the_monitoring_center_shows_the_platform_status(demo_platform, page) -> None:
    sign_in(page, console_of(demo_platform), "/operations/monitoring", "admin", DEMO_ADMIN_PASSWORD)
    panel = page.get_by_test_id("platform-status")
    panel.wait_for()
    page.wait_for_function(
        "() => document.querySelectorAll("
        "'[data-testid=status-service-row][data-serving=SERVING_STATUS_SERVING]').length === 5"
    )
    rows = panel.get_by_test_id("status-service-row")
    assert sorted(rows.nth(i).get_attribute("data-service") for i in range(rows.count())) == list(
        PLATFORM_SERVICES
    )
    assert panel.get_by_test_id("status-services-healthy").inner_text() == "5 / 5"

    edge = panel.get_by_test_id("status-edge")
    assert edge.get_attribute("data-reachable") == "true"
    assert edge.get_by_test_id("status-edge-version").inner_text().startswith("1.")
    assert edge.get_by_test_id("status-edge-state").inner_text() == "LIVE"

    his = panel.locator("[data-testid=status-upstream-row][data-upstream=his]")
    his.wait_for()
    assert his.get_by_test_id("status-upstream-endpoints").inner_text().startswith("1 / 1")

    assert panel.get_by_test_id("status-ingest-retention").inner_text() != ""


def test_service_usage_names_the_api_and_exports_to_excel(
    demo_platform, request_ids: list[str], page
) -> None:
    sign_in(
        page, console_of(demo_platform), "/operations/service-usage", "admin", DEMO_ADMIN_PASSWORD
    )
    row = page.locator(f"[data-testid=usage-service-row][data-key='{DEPARTMENTS}']")
    row.wait_for()
    assert row.get_by_test_id("usage-subject").inner_text() == "科室列表"
    assert row.get_by_test_id("usage-code").inner_text() == DEPARTMENTS
    assert row.get_by_test_id("usage-calls").inner_text() == str(CALLS)

    name, data = downloaded(page, page.get_by_test_id("usage-service-export-xlsx"))
    assert name.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    by_code = {r[header.index("api_service_code")]: dict(zip(header, r, strict=True)) for r in rows}
    departments = by_code[DEPARTMENTS]
    assert (departments["api_service_name"], departments["calls"]) == ("科室列表", CALLS)
    assert departments["failed_calls"] == 0


def test_the_log_query_exports_the_found_entries_as_csv(
    demo_platform, request_ids: list[str], page
) -> None:
    sign_in(page, console_of(demo_platform), "/operations/logs", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("log-table").wait_for()
    wanted = request_ids[2]
    page.get_by_test_id("log-request-id").fill(wanted)
    page.get_by_test_id("log-search").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=log-row]').length === 1")

    name, data = downloaded(page, page.get_by_test_id("log-export-csv"))
    assert name.endswith(".csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8").removeprefix("\ufeff"))))
    assert [(r["request_id"], r["api_service"], r["status"]) for r in rows] == [
        (wanted, DEPARTMENTS, "200")
    ]
