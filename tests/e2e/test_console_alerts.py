"""Alert pages of the console in Chromium (module 24), on the real platform behind Envoy.

A webhook notification channel made in the browser gets the test message; an error-rate rule
made in the browser fires on failing calls sent through the edge; the header's badge counts the
alert unread, opening it reads it, acknowledging it shows who is on it, a maintenance window is
made from it, and the webhook is told about it once.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from deploy.local.launcher import LocalOptions, LocalPlatform
from services.identity.main import DEMO_ADMIN_PASSWORD
from simulators.notify.server import NotifyReceiver, Received
from tests.e2e.console import choose, console_of, sign_in
from tests.support import eventually, http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

FAILING_SERVICE = "master.doctor.get"
FAILING_CALLS = 5
RULE_NAME = "医生详情查询失败"
ENDPOINT_NAME = "值班室 webhook"


class BackgroundReceiver:
    """The notify simulator's webhook receiver, on its own event loop in a thread."""

    def __init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._thread.start()
        self._receiver = asyncio.run_coroutine_threadsafe(
            NotifyReceiver.start(), self._loop
        ).result(10)

    def url(self, path: str) -> str:
        return self._receiver.url(path)

    def received(self) -> list[Received]:
        return list(self._receiver.received)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self._receiver.stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.fixture
def receiver() -> Iterator[BackgroundReceiver]:
    started = BackgroundReceiver()
    try:
        yield started
    finally:
        started.close()


@pytest.fixture(params=["sqlite", "postgres"])
def alerting_platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalPlatform]:
    """The demo platform with rules evaluated every second instead of every 30."""
    options = LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=True)
    if request.param == "postgres":
        options.database_urls = request.getfixturevalue("postgres_databases")
        options.redis_url = request.getfixturevalue("redis_url")
    platform = LocalPlatform(options)
    try:
        # The children copy the environment when they start; this process keeps its own.
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "1")
            platform.start()
        yield platform
    finally:
        platform.stop()


def admin_headers(console: str) -> dict[str, str]:
    status, _, answer = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=f'{{"username": "admin", "password": "{DEMO_ADMIN_PASSWORD}"}}'.encode(),
        headers={"content-type": "application/json"},
    )
    assert status == 200, answer
    return {"authorization": f"Bearer {answer['accessToken']}"}


def send_failing_calls(platform: LocalPlatform) -> None:
    """Asks the edge, as the demo channel, for doctors the HIS does not know: 404 each time."""
    edge = f"http://127.0.0.1:{platform.channel_port}"
    channel = platform.demo_channel
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
    for number in range(FAILING_CALLS):
        status, _, _ = http_json(
            "GET", f"{edge}/v1/doctors/no-such-doctor-{number}", headers=bearer
        )
        assert status == 404


def firing_alerts(console: str, headers: dict[str, str], rule_id: str) -> list[dict[str, Any]]:
    status, _, answer = http_json(
        "GET",
        f"{console}/api/monitor/v1/alerts?alertRuleId={rule_id}&status=ALERT_STATUS_FIRING",
        headers=headers,
    )
    assert status == 200, answer
    return list(answer.get("alerts", []))


def fill_number(page, testid: str, value: str) -> None:  # type: ignore[no-untyped-def]
    field = page.get_by_test_id(testid).locator("input")
    field.fill(value)
    field.press("Tab")


def notices_about(receiver: BackgroundReceiver, alert_id: str) -> list[dict[str, Any]]:
    found = []
    for request in receiver.received():
        body = request.json()
        if isinstance(body, dict) and body.get("alert_id") == alert_id:
            found.append(body)
    return found


def test_a_rule_made_in_the_console_fires_is_acknowledged_and_notifies_the_webhook(
    alerting_platform: LocalPlatform, receiver: BackgroundReceiver, page
) -> None:
    console = console_of(alerting_platform)
    headers = admin_headers(console)

    # A webhook notification channel, and its test send reaching the receiver.
    sign_in(page, console, "/operations/notification-channels", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("endpoint-create").click()
    page.get_by_test_id("endpoint-name").fill(ENDPOINT_NAME)
    page.get_by_test_id("endpoint-url").fill(receiver.url("/duty-room"))
    page.get_by_test_id("endpoint-save").click()
    endpoint = page.locator(f"[data-testid=endpoint-row][data-name='{ENDPOINT_NAME}']")
    endpoint.wait_for()
    assert receiver.url("/duty-room") in endpoint.inner_text()
    assert page.get_by_test_id("menu-item-notificationChannels").count() == 1

    endpoint.get_by_test_id("endpoint-test").click()
    outcome = page.locator("[data-testid=endpoint-test-outcome][data-succeeded=true]")
    outcome.wait_for()
    assert page.get_by_test_id("endpoint-test-status").inner_text() == "200"
    tests = [r for r in receiver.received() if r.path == "/duty-room"]
    assert len(tests) == 1
    trial = tests[0].json()
    assert isinstance(trial, dict)
    assert trial["test"] is True
    assert "测试消息" in trial["subject"]
    assert ENDPOINT_NAME in trial["text"]
    page.get_by_test_id("endpoint-test-dialog").get_by_role(
        "button", name="关闭", exact=True
    ).click()

    # An error-rate rule on one service: more than 10% failed, from three calls on.
    page.goto(f"{console}/operations/alert-rules")
    page.get_by_test_id("rule-create").click()
    page.get_by_test_id("rule-name").fill(RULE_NAME)
    choose(page, "rule-severity", "rule-severity-ALERT_SEVERITY_CRITICAL")
    fill_number(page, "rule-threshold", "10")
    fill_number(page, "rule-min-calls", "3")
    page.get_by_test_id("rule-api-services").click()
    page.get_by_test_id("rule-api-services").locator("input").fill(FAILING_SERVICE)
    page.get_by_test_id(f"rule-api-service-{FAILING_SERVICE}").click()
    page.get_by_test_id("rule-name").click()  # closes the service list
    page.get_by_test_id("rule-save").click()
    rule = page.locator(f"[data-testid=rule-row][data-name='{RULE_NAME}']")
    rule.wait_for()
    rule_id = rule.get_attribute("data-rule-id")
    assert rule_id
    assert FAILING_SERVICE in rule.inner_text()
    assert "10%" in rule.inner_text()

    # Before any call there is nothing to judge.
    rule.get_by_test_id("rule-evaluate").click()
    page.get_by_test_id("rule-evaluation-empty").wait_for()
    page.get_by_test_id("rule-evaluation-dialog").get_by_role(
        "button", name="关闭", exact=True
    ).click()
    page.get_by_test_id("rule-evaluation-dialog").wait_for(state="hidden")

    send_failing_calls(alerting_platform)
    fired = eventually(
        lambda: firing_alerts(console, headers, rule_id) or None,
        timeout=60,
        what="the rule made in the console to fire",
    )
    assert len(fired) == 1
    alert_id = fired[0]["alertId"]

    # Evaluating now shows the service over its threshold.
    rule.get_by_test_id("rule-evaluate").click()
    breached = page.locator("[data-testid=rule-evaluation-row][data-breached=true]")
    breached.wait_for()
    assert FAILING_SERVICE in breached.inner_text()
    assert "100" in breached.inner_text()
    page.get_by_test_id("rule-evaluation-dialog").get_by_role(
        "button", name="关闭", exact=True
    ).click()

    # The header's badge counts the alert unread, by itself.
    page.locator("[data-testid=alert-bell][data-unread='1']").wait_for(timeout=30_000)
    assert page.get_by_test_id("alert-unread-badge").locator("sup").inner_text() == "1"

    page.get_by_test_id("alert-bell").click()
    row = page.locator(f"[data-testid=alert-row][data-alert-id='{alert_id}']")
    row.wait_for()
    assert row.get_attribute("data-read") == "false"
    assert row.get_by_test_id("alert-status").inner_text() == "告警中"

    # Opening it shows its details and timeline and reads it.
    row.get_by_test_id("alert-open").click()
    summary = page.get_by_test_id("alert-detail-summary")
    summary.wait_for()
    assert FAILING_SERVICE in summary.inner_text()
    assert page.get_by_test_id("alert-detail-status").inner_text() == "告警中"
    assert page.get_by_test_id("alert-detail-value").inner_text() == "100"
    assert page.locator("[data-testid=alert-timeline-event][data-event=started]").count() == 1
    page.locator("[data-testid=alert-bell][data-unread='0']").wait_for()
    page.locator(f"[data-testid=alert-row][data-alert-id='{alert_id}'][data-read=true]").wait_for()

    # Acknowledged, with a comment: the drawer and the list say who is on it.
    page.get_by_test_id("alert-detail-acknowledge").click()
    page.get_by_test_id("alert-acknowledge-comment").fill("已联系 HIS 厂商")
    page.get_by_test_id("alert-acknowledge-submit").click()
    acknowledged = page.get_by_test_id("alert-detail-acknowledged")
    acknowledged.wait_for()
    assert acknowledged.inner_text() == "admin 已确认"
    event = page.locator("[data-testid=alert-timeline-event][data-event=acknowledged]")
    assert "已联系 HIS 厂商" in event.inner_text()
    page.locator(
        f"[data-testid=alert-row][data-alert-id='{alert_id}'][data-acknowledged=true]"
    ).wait_for()
    assert "admin 已确认" in row.get_by_test_id("alert-handling").inner_text()
    _, _, stored = http_json("GET", f"{console}/api/monitor/v1/alerts/{alert_id}", headers=headers)
    assert stored["alert"]["acknowledged"] is True
    assert stored["alert"]["acknowledgedBy"] == "admin"

    # A maintenance window made from the alert.
    page.get_by_test_id("alert-detail-silence").click()
    page.get_by_test_id("silence-comment").fill("HIS 医生库升级")
    page.get_by_test_id("silence-submit").click()
    page.get_by_test_id("silence-created").wait_for()
    window = page.get_by_test_id("silence-row")
    window.first.wait_for()
    assert window.count() == 1
    assert "HIS 医生库升级" in window.inner_text()
    assert FAILING_SERVICE in window.inner_text()

    # The webhook (every enabled channel, as the rule names none) was told once that it fired.
    notices = eventually(
        lambda: notices_about(receiver, alert_id) or None, what="the alert's notification"
    )
    assert notices[0]["status"] == "firing"
    assert notices[0]["rule_name"] == RULE_NAME
    page.keyboard.press("Escape")
    page.get_by_test_id("alert-detail").wait_for(state="hidden")
    row.get_by_test_id("alert-open").click()
    page.locator("[data-testid=alert-timeline-event][data-event=notified]").wait_for()
    assert ENDPOINT_NAME in page.get_by_test_id("alert-timeline").inner_text()
    assert len(notices_about(receiver, alert_id)) == 1

    # Read now: the unread filter leaves nothing.
    page.keyboard.press("Escape")
    page.get_by_test_id("alert-detail").wait_for(state="hidden")
    page.get_by_test_id("alert-unread-filter").click()
    page.get_by_test_id("alert-empty").wait_for()
    assert page.get_by_test_id("alert-row").count() == 0
