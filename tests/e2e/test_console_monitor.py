"""Console pages of the monitor service in Chromium: the home page's figures and top-5 lists
(modules 3-10) and the log query (module 21), fed by calls this module sends through the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from deploy.local.launcher import LocalPlatform
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import console_of, sign_in
from tests.support import eventually, http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

SUCCESSFUL_CALLS = 8
UNROUTED_CALLS = 3


@dataclass(frozen=True)
class Traffic:
    department_request_ids: list[str]
    unrouted_request_ids: list[str]
    today_calls: int  # including the token request


def admin_token(console: str) -> str:
    status, _, answer = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=f'{{"username": "admin", "password": "{DEMO_ADMIN_PASSWORD}"}}'.encode(),
        headers={"content-type": "application/json"},
    )
    assert status == 200, answer
    return str(answer["accessToken"])


def service_name(console: str, admin: dict[str, str], code: str) -> str | None:
    """The name monitor's service usage gives the API service, once it knows it."""
    status, _, answer = http_json(
        "GET", f"{console}/api/monitor/v1/statistics/service-usage", headers=admin
    )
    assert status == 200, answer
    for row in answer.get("rows", []):
        if row.get("apiServiceCode") == code and row.get("apiServiceName"):
            return str(row["apiServiceName"])
    return None


@pytest.fixture(scope="module")
def traffic(demo_platform: LocalPlatform) -> Traffic:
    """Sends calls as the demo channel and waits until monitor has counted all of them."""
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

    def send(path: str, expected: int) -> str:
        status, headers, _ = http_json("GET", f"{edge}{path}", headers=bearer)
        assert status == expected
        return headers["x-request-id"]

    departments = [send("/v1/departments", 200) for _ in range(SUCCESSFUL_CALLS)]
    unrouted = [send("/v1/no-such-service", 404) for _ in range(UNROUTED_CALLS)]
    expected_today = 1 + SUCCESSFUL_CALLS + UNROUTED_CALLS

    console = console_of(demo_platform)
    admin = {"authorization": f"Bearer {admin_token(console)}"}

    def counted() -> int | None:
        _, _, overview = http_json(
            "GET", f"{console}/api/monitor/v1/traffic/overview", headers=admin
        )
        today = int(overview.get("todayCalls", "0"))
        return today if today >= expected_today else None

    today = eventually(counted, what="monitor to count the calls sent through the edge")
    assert today == expected_today
    return Traffic(departments, unrouted, today)


def test_the_home_page_shows_the_calls_sent_and_their_top_five_lists(
    demo_platform,
    traffic: Traffic,
    page,
) -> None:
    sign_in(page, console_of(demo_platform), "/home", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("overview-today-calls").wait_for()
    assert page.get_by_test_id("overview-today-calls").inner_text() == str(traffic.today_calls)
    success = 1 + SUCCESSFUL_CALLS
    assert page.get_by_test_id("overview-today-success-calls").inner_text() == str(success)
    assert page.get_by_test_id("overview-today-failed-calls").inner_text() == str(UNROUTED_CALLS)
    assert page.get_by_test_id("overview-client-error-calls").inner_text() == str(UNROUTED_CALLS)

    # Modules 8-10 are real lists now, not "not built" notices.
    for module in (8, 9, 10):
        assert page.locator(f"[data-testid=not-built][data-module='{module}']").count() == 0
    by_calls = page.get_by_test_id("ranking-calls")
    department_row = by_calls.locator(
        "[data-testid=ranking-row][data-code='master.departments.list']"
    )
    assert (
        department_row.get_by_test_id("ranking-figure")
        .inner_text()
        .startswith(str(SUCCESSFUL_CALLS))
    )
    failures = page.get_by_test_id("ranking-failures").get_by_test_id("ranking-row")
    assert failures.count() == 1
    assert (
        failures.first.get_by_test_id("ranking-figure").inner_text().startswith(str(UNROUTED_CALLS))
    )
    latency = page.get_by_test_id("ranking-latency").get_by_test_id("ranking-row")
    assert latency.count() >= 2

    # Each figure opens what it counts: a service's row, that service's calls of today ...
    department_row.get_by_test_id("ranking-link").click()
    page.wait_for_url("**/operations/logs?**")
    assert "service=master.departments.list" in page.url and "from=" in page.url
    rows = page.get_by_test_id("log-row")
    rows.first.wait_for()
    assert all("master.departments.list" in rows.nth(i).inner_text() for i in range(rows.count()))
    # ... and the client errors, today's calls the channel got wrong.
    page.go_back()
    page.get_by_test_id("overview-client-error-calls").click()
    page.wait_for_url("**outcome=CALL_OUTCOME_CLIENT_ERROR**")
    page.get_by_test_id("log-row").first.wait_for()
    assert page.get_by_test_id("log-row").count() == UNROUTED_CALLS


def test_the_log_query_finds_a_call_by_its_request_id_and_pages_on(
    demo_platform,
    traffic: Traffic,
    page,
) -> None:
    sign_in(page, console_of(demo_platform), "/operations/logs", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("log-table").wait_for()
    rows = page.get_by_test_id("log-row")
    rows.first.wait_for()
    assert rows.count() == traffic.today_calls

    # Keyset paging: ten a page, then the rest on the next page, and back.
    page.get_by_test_id("log-page-size").click()
    page.get_by_test_id("log-page-size-10").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=log-row]').length === 10")
    first_page = page.get_by_test_id("log-table").inner_text()
    page.get_by_test_id("log-next").click()
    rest = traffic.today_calls - 10
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=log-row]').length === {rest}"
    )
    assert page.get_by_test_id("log-next").is_disabled()
    page.get_by_test_id("log-previous").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=log-row]').length === 10")
    assert page.get_by_test_id("log-table").inner_text() == first_page

    wanted = traffic.department_request_ids[1]
    page.get_by_test_id("log-request-id").fill(wanted)
    page.get_by_test_id("log-search").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=log-row]').length === 1")
    row = page.locator(f"[data-testid=log-row][data-request-id='{wanted}']")
    assert "master.departments.list" in row.inner_text()
    assert "200" in row.inner_text()

    row.click()
    page.get_by_test_id("log-detail-requestId").wait_for()
    assert page.get_by_test_id("log-detail-requestId").inner_text() == wanted
    assert page.get_by_test_id("log-detail-channel").inner_text() == "demo-app"
    page.keyboard.press("Escape")
    page.get_by_test_id("log-detail").wait_for(state="hidden")

    # The path filter keeps the unrouted calls; an unknown id finds nothing.
    page.get_by_test_id("log-request-id").fill("")
    page.get_by_test_id("log-path-prefix").fill("/v1/no-such-service")
    page.get_by_test_id("log-search").click()
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=log-row]').length === {UNROUTED_CALLS}"
    )
    page.get_by_test_id("log-path-prefix").fill("")
    page.get_by_test_id("log-request-id").fill("00000000-0000-0000-0000-000000000000")
    page.get_by_test_id("log-search").click()
    page.get_by_test_id("log-empty").wait_for()
    assert page.get_by_test_id("log-next").is_disabled()


def test_usage_statistics_count_the_calls_per_service_and_per_channel_with_a_trend(
    demo_platform,
    traffic: Traffic,
    page,
) -> None:
    console = console_of(demo_platform)
    # Monitor learns the services' names from registry every half minute; until then it shows
    # codes. Staff read the name once monitor has it.
    admin = {"authorization": f"Bearer {admin_token(console)}"}
    department_name = eventually(
        lambda: service_name(console, admin, "master.departments.list"),
        timeout=45,
        what="monitor to learn the departments service's name",
    )
    sign_in(page, console, "/operations/service-usage", "admin", DEMO_ADMIN_PASSWORD)
    departments = page.locator(
        "[data-testid=usage-service-row][data-key='master.departments.list']"
    )
    departments.wait_for()
    assert departments.get_by_test_id("usage-calls").inner_text() == str(SUCCESSFUL_CALLS)
    assert departments.get_by_test_id("usage-failed-calls").inner_text() == "0"
    totals = page.get_by_test_id("usage-service-totals")
    assert totals.get_by_test_id("usage-calls").inner_text() == str(traffic.today_calls)
    assert totals.get_by_test_id("usage-failed-calls").inner_text() == str(UNROUTED_CALLS)
    page.get_by_test_id("usage-trend-chart").locator("svg").wait_for()

    page.get_by_test_id("menu-group-operations").click()
    page.get_by_test_id("menu-module-23").click()
    channel = page.locator("[data-testid=usage-channel-row][data-key='demo-app']")
    channel.wait_for()
    assert int(channel.get_by_test_id("usage-calls").inner_text()) >= SUCCESSFUL_CALLS
    # The channel's most called services, by name, with their calls.
    assert f"{department_name} {SUCCESSFUL_CALLS}" in channel.inner_text()
    totals = page.get_by_test_id("usage-channel-totals")
    assert totals.get_by_test_id("usage-calls").inner_text() == str(traffic.today_calls)
    page.get_by_test_id("usage-trend-chart").locator("svg").wait_for()


def test_the_monitoring_center_charts_the_last_hour(
    demo_platform,
    traffic: Traffic,
    page,
) -> None:
    sign_in(page, console_of(demo_platform), "/operations/monitoring", "admin", DEMO_ADMIN_PASSWORD)
    calls = page.get_by_test_id("monitoring-calls")
    calls.wait_for()
    page.wait_for_function(
        "expected => document.querySelector('[data-testid=monitoring-calls]')"
        ".textContent.trim() === expected",
        arg=str(traffic.today_calls),
    )
    assert page.get_by_test_id("monitoring-failed-calls").inner_text() == str(UNROUTED_CALLS)
    page.get_by_test_id("monitoring-calls-chart").locator("svg").wait_for()
    page.get_by_test_id("monitoring-latency-chart").locator("svg").wait_for()
    demo_app = page.locator("[data-testid=monitoring-channel-row][data-key='demo-app']")
    assert int(demo_app.locator("td").nth(1).inner_text()) >= SUCCESSFUL_CALLS
