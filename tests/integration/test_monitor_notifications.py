"""Notifications on real SQLite and PostgreSQL, sent to the in-process notify simulator."""

from __future__ import annotations

import logging
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from google.protobuf import field_mask_pb2

from services.monitor import notifications
from simulators.notify.server import NotifyReceiver, SmtpReceiver
from tests.integration.conftest import EventLoopThread, Platform, start_platform
from tests.integration.test_monitor_alerts import (
    calls,
    disable_built_in_rules,
    error_rate_rule,
    firing_alert,
)
from tests.integration.test_monitor_ingest import send, violations
from tests.support import eventually
from wailian.monitor.v1 import notifications_pb2 as pb
from wailian.monitor.v1 import notifications_pb2_grpc as pb_grpc

WEBHOOK_SECRET = "whsec-" + uuid.uuid4().hex
DINGTALK_SECRET = "SEC" + uuid.uuid4().hex
WECOM_KEY = "wecomkey" + uuid.uuid4().hex


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, SmtpReceiver]]:
    """Identity and monitor with short retries, rules evaluated every 0.2 s, an SMTP receiver."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_NOTIFY_RETRY_SECONDS", "0.1,0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_NOTIFY_POLL_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_NOTIFY_TIMEOUT_SECONDS", "2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    # The SMTP receiver runs on its own loop: its port must be known before monitor starts.
    smtp_loop = EventLoopThread()
    smtp = smtp_loop.run(SmtpReceiver.start())
    monkeypatch.setenv("WAILIAN_MONITOR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("WAILIAN_MONITOR_SMTP_PORT", str(smtp.port))
    try:
        for platform in start_platform(
            tmp_path, urls.__getitem__, services=("identity", "monitor")
        ):
            yield platform, smtp
    finally:
        smtp_loop.run(smtp.stop())
        smtp_loop.close()


def stub(platform: Platform) -> pb_grpc.NotificationServiceStub:
    return pb_grpc.NotificationServiceStub(platform.channel("monitor"))


def receiver(platform: Platform) -> NotifyReceiver:
    return platform.runner.run(NotifyReceiver.start())


def create(platform: Platform, **fields: object) -> pb.NotificationEndpoint:
    values: dict[str, object] = {"name": f"ops {uuid.uuid4().hex[:6]}", "enabled": True, **fields}
    return (
        stub(platform)
        .CreateNotificationEndpoint(
            pb.CreateNotificationEndpointRequest(
                notification_endpoint=pb.NotificationEndpoint(**values)  # type: ignore[arg-type]
            ),
            metadata=platform.admin(),
        )
        .notification_endpoint
    )


def test_endpoints_are_managed_test_sent_signed_and_keep_their_secrets(
    monitor: tuple[Platform, SmtpReceiver], caplog: pytest.LogCaptureFixture
) -> None:
    platform, smtp = monitor
    caplog.set_level(logging.DEBUG)
    api = stub(platform)
    admin = platform.admin()
    hook = receiver(platform)
    try:
        webhook = create(
            platform,
            type=pb.NOTIFICATION_ENDPOINT_TYPE_WEBHOOK,
            url=hook.url("/hook"),
            secret=WEBHOOK_SECRET,
        )
        wecom = create(
            platform,
            type=pb.NOTIFICATION_ENDPOINT_TYPE_WECOM_ROBOT,
            url=hook.url(f"/cgi-bin/webhook/send?key={WECOM_KEY}"),
        )
        dingtalk = create(
            platform,
            type=pb.NOTIFICATION_ENDPOINT_TYPE_DINGTALK_ROBOT,
            url=hook.url("/robot/send?access_token=dingtoken123"),
            secret=DINGTALK_SECRET,
            mention_mobiles=["13800000000"],
        )
        mail = create(
            platform,
            type=pb.NOTIFICATION_ENDPOINT_TYPE_EMAIL,
            email_recipients=["oncall@hospital.example"],
        )
        assert webhook.secret == "" and webhook.secret_set
        assert webhook.audit.created_by == "admin"
        assert WECOM_KEY not in wecom.url and "dingtoken123" not in dingtalk.url
        assert not wecom.secret_set

        def tested(endpoint: pb.NotificationEndpoint) -> pb.TestNotificationEndpointResponse:
            return api.TestNotificationEndpoint(
                pb.TestNotificationEndpointRequest(
                    notification_endpoint_id=endpoint.notification_endpoint_id
                ),
                metadata=admin,
            )

        for endpoint in (webhook, wecom, dingtalk):
            result = tested(endpoint)
            assert result.succeeded and result.response_status == 200, result
        assert tested(mail).succeeded
        [sent_hook, sent_wecom, sent_dingtalk] = hook.received

        body = sent_hook.json()
        assert isinstance(body, dict) and body["subject"] == "【测试消息】外联平台通知"
        timestamp = int(sent_hook.headers[notifications.TIMESTAMP_HEADER.lower()])
        assert sent_hook.headers[
            notifications.SIGNATURE_HEADER.lower()
        ] == notifications.webhook_signature(WEBHOOK_SECRET, timestamp, sent_hook.body)

        wecom_body = sent_wecom.json()
        assert isinstance(wecom_body, dict) and wecom_body["msgtype"] == "markdown"
        assert sent_wecom.query == {"key": WECOM_KEY}

        ding_body = sent_dingtalk.json()
        assert isinstance(ding_body, dict) and ding_body["msgtype"] == "markdown"
        assert ding_body["at"]["atMobiles"] == ["13800000000"]
        sign = urllib.parse.quote_plus(sent_dingtalk.query["sign"])
        assert sign == notifications.dingtalk_sign(
            DINGTALK_SECRET, int(sent_dingtalk.query["timestamp"])
        )
        assert sent_dingtalk.query["access_token"] == "dingtoken123"

        [(_, recipients, email)] = smtp.messages
        assert recipients == ["oncall@hospital.example"]
        assert email["Subject"] == "【测试消息】外联平台通知"

        # Updating without the secret in the mask keeps it; the masked URL sent back keeps the token.
        updated = api.UpdateNotificationEndpoint(
            pb.UpdateNotificationEndpointRequest(
                notification_endpoint_id=dingtalk.notification_endpoint_id,
                notification_endpoint=pb.NotificationEndpoint(name="钉钉值班群", url=dingtalk.url),
                update_mask=field_mask_pb2.FieldMask(paths=["name", "url"]),
            ),
            metadata=admin,
        ).notification_endpoint
        assert updated.name == "钉钉值班群" and updated.secret_set
        assert tested(updated).succeeded
        assert hook.received[-1].query["access_token"] == "dingtoken123"
        # An empty mask (every writable field) without a secret keeps the secret too.
        whole = api.UpdateNotificationEndpoint(
            pb.UpdateNotificationEndpointRequest(
                notification_endpoint_id=webhook.notification_endpoint_id,
                notification_endpoint=pb.NotificationEndpoint(
                    name=webhook.name,
                    type=webhook.type,
                    url=webhook.url,
                    enabled=True,
                    send_resolved=False,
                ),
            ),
            metadata=admin,
        ).notification_endpoint
        assert whole.secret_set and not whole.send_resolved
        assert whole.audit.updated_by == "admin"

        listed = api.ListNotificationEndpoints(
            pb.ListNotificationEndpointsRequest(type=pb.NOTIFICATION_ENDPOINT_TYPE_DINGTALK_ROBOT),
            metadata=admin,
        )
        assert [e.notification_endpoint_id for e in listed.notification_endpoints] == [
            dingtalk.notification_endpoint_id
        ]
        for everything in (
            listed,
            api.ListNotificationEndpoints(pb.ListNotificationEndpointsRequest(), metadata=admin),
        ):
            text = str(everything)
            assert WEBHOOK_SECRET not in text and DINGTALK_SECRET not in text

        api.DeleteNotificationEndpoint(
            pb.DeleteNotificationEndpointRequest(
                notification_endpoint_id=wecom.notification_endpoint_id
            ),
            metadata=admin,
        )
        with pytest.raises(grpc.RpcError) as missing:
            api.GetNotificationEndpoint(
                pb.GetNotificationEndpointRequest(
                    notification_endpoint_id=wecom.notification_endpoint_id
                ),
                metadata=admin,
            )
        assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    finally:
        platform.runner.run(hook.stop())
    for secret in (WEBHOOK_SECRET, DINGTALK_SECRET):
        assert secret not in caplog.text


def test_bad_input_names_the_fields(monitor: tuple[Platform, SmtpReceiver]) -> None:
    platform, _ = monitor
    with pytest.raises(grpc.RpcError) as raised:
        create(platform, name="", url="not a url", type=pb.NOTIFICATION_ENDPOINT_TYPE_WEBHOOK)
    assert raised.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(raised.value) == {"notification_endpoint.name", "notification_endpoint.url"}
    with pytest.raises(grpc.RpcError) as raised:
        create(platform, url="http://127.0.0.1/x")
    assert violations(raised.value) == {"notification_endpoint.type"}


def deliveries(platform: Platform, **filters: object) -> list[pb.NotificationDelivery]:
    return list(
        stub(platform)
        .ListNotificationDeliveries(
            pb.ListNotificationDeliveriesRequest(**filters),  # type: ignore[arg-type]
            metadata=platform.admin(),
        )
        .deliveries
    )


def settled(
    platform: Platform, endpoint: pb.NotificationEndpoint, status: int
) -> pb.NotificationDelivery:
    def probe() -> pb.NotificationDelivery | None:
        found = deliveries(platform, notification_endpoint_id=endpoint.notification_endpoint_id)
        return found[0] if found and found[0].status == status else None

    return eventually(probe, what=f"a delivery in status {pb.DeliveryStatus.Name(status)}")


def test_a_firing_alert_is_delivered_retried_and_a_failed_one_retried_by_hand(
    monitor: tuple[Platform, SmtpReceiver],
) -> None:
    platform, _ = monitor
    flaky = receiver(platform)
    down = receiver(platform)
    try:
        flaky.fail_next(2)
        down.fail_next(100)
        recovers = create(
            platform, type=pb.NOTIFICATION_ENDPOINT_TYPE_WEBHOOK, url=flaky.url("/recovers")
        )
        fails = create(platform, type=pb.NOTIFICATION_ENDPOINT_TYPE_WEBHOOK, url=down.url("/down"))
        disable_built_in_rules(platform)
        service = f"booking.{uuid.uuid4().hex[:8]}"
        rule = error_rate_rule(
            platform,
            service,
            notification_endpoint_ids=[
                recovers.notification_endpoint_id,
                fails.notification_endpoint_id,
            ],
        )
        send(platform, calls(service, 503, 10))
        alert = firing_alert(platform, rule.alert_rule_id)

        sent = settled(platform, recovers, pb.DELIVERY_STATUS_SENT)
        assert sent.alert_id == alert.alert_id and sent.attempts == 3
        assert sent.last_response_status == 200 and sent.subject.startswith("【告警触发】")
        assert len(flaky.received) == 3
        body = flaky.received[-1].json()
        assert isinstance(body, dict)
        assert body["alert_id"] == alert.alert_id
        assert f"/operations/alerts?alert={alert.alert_id}" in body["text"]

        failed = settled(platform, fails, pb.DELIVERY_STATUS_FAILED)
        assert failed.attempts == 3 and failed.last_response_status == 500
        assert failed.last_error == "HTTP 500"

        down.fail_next(0)
        retried = (
            stub(platform)
            .RetryNotificationDelivery(
                pb.RetryNotificationDeliveryRequest(
                    notification_delivery_id=failed.notification_delivery_id
                ),
                metadata=platform.admin(),
            )
            .delivery
        )
        assert retried.status == pb.DELIVERY_STATUS_PENDING
        assert settled(platform, fails, pb.DELIVERY_STATUS_SENT).last_response_status == 200
        endpoint = (
            stub(platform)
            .GetNotificationEndpoint(
                pb.GetNotificationEndpointRequest(
                    notification_endpoint_id=fails.notification_endpoint_id
                ),
                metadata=platform.admin(),
            )
            .notification_endpoint
        )
        assert endpoint.last_delivery_succeeded
    finally:
        platform.runner.run(flaky.stop())
        platform.runner.run(down.stop())


def test_deliveries_past_the_hourly_limit_are_suppressed(
    monitor: tuple[Platform, SmtpReceiver],
) -> None:
    platform, _ = monitor
    hook = receiver(platform)
    try:
        limited = create(
            platform,
            type=pb.NOTIFICATION_ENDPOINT_TYPE_WEBHOOK,
            url=hook.url("/limited"),
            max_messages_per_hour=1,
        )
        disable_built_in_rules(platform)
        ids = [limited.notification_endpoint_id]
        services = [f"booking.{uuid.uuid4().hex[:8]}" for _ in range(2)]
        for service in services:
            rule = error_rate_rule(platform, service, notification_endpoint_ids=ids)
            send(platform, calls(service, 503, 10))
            firing_alert(platform, rule.alert_rule_id)

        def both() -> list[pb.NotificationDelivery] | None:
            found = deliveries(platform, notification_endpoint_id=ids[0])
            return found if len(found) == 2 else None

        statuses = sorted(d.status for d in eventually(both, what="two deliveries"))
        assert pb.DELIVERY_STATUS_SUPPRESSED in statuses
    finally:
        platform.runner.run(hook.stop())
