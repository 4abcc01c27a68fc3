"""Notification rules without I/O: formats, signatures, backoff, rate limit, validation."""

from __future__ import annotations

import dataclasses
import json
import urllib.parse
from datetime import UTC, datetime, timedelta

import pytest

from services.monitor import notifications
from services.monitor.alerts import Severity
from services.monitor.main import load_notify_settings
from services.monitor.notifications import EndpointKind, EndpointSpec
from services.runtime.config import ConfigError
from services.runtime.errors import InvalidArgument

FACTS = notifications.AlertFacts(
    alert_id="a-1",
    rule_name="挂号服务错误率",
    severity=Severity.CRITICAL,
    fired=True,
    summary="error rate 80% > 50%",
    labels={"api_service": "booking"},
    value=80.0,
    threshold=50.0,
    started_at=datetime(2026, 11, 29, 1, 2, 3, tzinfo=UTC),
)


def test_the_alert_message_is_chinese_in_the_platform_time_zone_with_a_link() -> None:
    message = notifications.alert_message(FACTS, "Asia/Shanghai")
    assert message.subject == "【告警触发】严重：挂号服务错误率"
    assert "级别：严重" in message.text
    assert "范围：api_service=booking" in message.text
    assert "当前值：80（阈值 50）" in message.text
    # 01:02:03 UTC is 09:02:03 in China.
    assert "开始时间：2026-11-29 09:02:03" in message.text
    assert "详情：/operations/alerts?alert=a-1" in message.text
    # With the console's public address the link opens from a phone's chat app.
    linked = notifications.alert_message(FACTS, "UTC", "https://wailian.hospital.cn")
    assert "详情：https://wailian.hospital.cn/operations/alerts?alert=a-1" in linked.text
    assert linked.facts["link"] == "https://wailian.hospital.cn/operations/alerts?alert=a-1"
    resolved = notifications.alert_message(dataclasses.replace(FACTS, fired=False), "UTC")
    assert resolved.subject.startswith("【告警恢复】")
    assert "开始时间：2026-11-29 01:02:03" in resolved.text


def test_dingtalk_signature_matches_a_vector_computed_with_openssl() -> None:
    # printf '1700000000000\nSECtest' | openssl dgst -sha256 -hmac SECtest -binary | base64
    expected = "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g%3D"
    assert notifications.dingtalk_sign("SECtest", 1_700_000_000_000) == expected


def test_dingtalk_request_is_markdown_with_mentions_and_signed_query() -> None:
    message = notifications.alert_message(FACTS, "Asia/Shanghai")
    request = notifications.dingtalk_request(
        "https://oapi.dingtalk.com/robot/send?access_token=abc",
        message,
        ["13800000000"],
        "SECtest",
        1_700_000_000_000,
    )
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(request.url).query))
    assert query["access_token"] == "abc"
    assert query["timestamp"] == "1700000000000"
    assert query["sign"] == "aZLLrriXgn05YbwaGR7knYsLeJADjr9NwLaNNKpxh4g="
    body = json.loads(request.body)
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == message.subject
    assert "挂号服务错误率" in body["markdown"]["text"]
    assert body["at"] == {"atMobiles": ["13800000000"], "isAtAll": False}


def test_wecom_request_is_markdown() -> None:
    message = notifications.alert_message(FACTS, "Asia/Shanghai")
    request = notifications.wecom_request(
        "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", message, []
    )
    body = json.loads(request.body)
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["content"].startswith("### 【告警触发】")


def test_webhook_signature_matches_openssl_and_is_absent_without_secret() -> None:
    # printf '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec
    assert notifications.webhook_signature("whsec", 1_700_000_000, b'{"a":1}') == (
        "sha256=8ad37ba156048ae0e0a5533c75cdf26fee88b07f93cb57ee4c80adb053012032"
    )
    message = notifications.alert_message(FACTS, "UTC")
    unsigned = notifications.webhook_request("http://h/x", message, "", 1)
    assert notifications.SIGNATURE_HEADER not in unsigned.headers
    body = json.loads(unsigned.body)
    assert body["alert_id"] == "a-1" and body["status"] == "firing"


def test_backoff_schedule_then_gives_up() -> None:
    policy = notifications.RetryPolicy()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    waits = [policy.next_attempt(n, now) for n in (1, 2, 3, 4)]
    assert waits == [
        now + timedelta(seconds=1),
        now + timedelta(seconds=5),
        now + timedelta(seconds=30),
        None,
    ]
    assert policy.max_attempts == 4


def test_rate_limit_per_hour_defaults_to_sixty() -> None:
    assert not notifications.rate_limited(59, EndpointSpec())
    assert notifications.rate_limited(60, EndpointSpec())
    assert notifications.rate_limited(2, EndpointSpec(max_messages_per_hour=2))


def test_robot_answers_with_errcode_fail() -> None:
    assert notifications.robot_failure(EndpointKind.DINGTALK_ROBOT, b'{"errcode":0}') == ""
    failure = notifications.robot_failure(
        EndpointKind.DINGTALK_ROBOT, b'{"errcode":310000,"errmsg":"sign not match"}'
    )
    assert failure == "errcode 310000: sign not match"


def test_robot_urls_are_masked() -> None:
    masked = notifications.masked_url("https://oapi.dingtalk.com/robot/send?access_token=abcdef12")
    assert "abcdef12" not in masked and "abcd" in masked


def test_validation_names_every_bad_field() -> None:
    spec = EndpointSpec(name="", kind=EndpointKind.WEBHOOK, url="ftp://x", mention_mobiles=("1",))
    with pytest.raises(InvalidArgument) as raised:
        notifications.validate_endpoint(spec, "")
    fields = {v.field for v in raised.value.violations}
    assert fields == {
        "notification_endpoint.name",
        "notification_endpoint.url",
        "notification_endpoint.mention_mobiles",
    }
    with pytest.raises(InvalidArgument) as raised:
        notifications.validate_endpoint(EndpointSpec(name="m", kind=EndpointKind.EMAIL), "s")
    assert {v.field for v in raised.value.violations} == {
        "notification_endpoint.email_recipients",
        "notification_endpoint.secret",
    }


def test_notify_settings_fail_fast_naming_the_variable() -> None:
    settings = load_notify_settings({"WAILIAN_MONITOR_NOTIFY_RETRY_SECONDS": "0.1,0.2"})
    assert settings.retry.delays == (timedelta(seconds=0.1), timedelta(seconds=0.2))
    assert settings.timeout == timedelta(seconds=5)
    with pytest.raises(ConfigError, match="WAILIAN_MONITOR_NOTIFY_RETRY_SECONDS"):
        load_notify_settings({"WAILIAN_MONITOR_NOTIFY_RETRY_SECONDS": "1,x"})
    with pytest.raises(ConfigError, match="WAILIAN_MONITOR_NOTIFY_TIMEOUT_SECONDS"):
        load_notify_settings({"WAILIAN_MONITOR_NOTIFY_TIMEOUT_SECONDS": "soon"})
