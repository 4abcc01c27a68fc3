"""Condition alerts on real SQLite and PostgreSQL: a stopped service, a channel near its quota,
a credential near expiry, the disk and the database — fired from what monitor observes, and
resolved when the condition clears."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import grpc
import pytest
from google.protobuf import duration_pb2, field_mask_pb2
from sqlalchemy import delete, select

from services.monitor import alert_store, alerts
from services.monitor.models import AlertRuleRow
from services.runtime.cli import service_module
from services.runtime.config import load_settings
from services.runtime.server import start_service
from tests.integration.conftest import Platform, start_platform
from tests.integration.test_monitor_alerts import rule_alerts, stub
from tests.integration.test_monitor_ingest import entry, send
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.monitor.v1 import alerts_pb2 as pb

NEW_DEFAULTS = (
    "builtin-service-down",
    "builtin-upstream-down",
    "builtin-channel-quota",
    "builtin-credential-expiry",
    "builtin-disk-usage",
    "builtin-edge-config-rejected",
)


@pytest.fixture(params=["sqlite", "postgres"])
def monitored(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, dict[str, str]]]:
    """Identity, payment, then monitor (which learns both addresses); rules every 0.2 s."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "0.2")
    services = ("identity", "payment", "monitor")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in services}
    else:
        urls = request.getfixturevalue("postgres_databases")
    for platform in start_platform(tmp_path, urls.__getitem__, services=services):
        yield platform, urls


def built_in(platform: Platform, rule_id: str, **changes: object) -> pb.AlertRule:
    """A shipped rule with some fields changed (pending 0: fires at the next round)."""
    return (
        stub(platform)
        .UpdateAlertRule(
            pb.UpdateAlertRuleRequest(
                alert_rule_id=rule_id,
                alert_rule=pb.AlertRule(**changes),  # type: ignore[arg-type]
                update_mask=field_mask_pb2.FieldMask(paths=list(changes)),
            ),
            metadata=platform.admin(),
        )
        .alert_rule
    )


def firing_for(platform: Platform, rule_id: str, label: str, value: str) -> pb.Alert | None:
    for alert in rule_alerts(platform, rule_id, status=pb.ALERT_STATUS_FIRING).alerts:
        if alert.labels.get(label) == value:
            return alert
    return None


def alert_status(platform: Platform, alert_id: str) -> int:
    return (
        stub(platform)
        .GetAlert(pb.GetAlertRequest(alert_id=alert_id), metadata=platform.admin())
        .alert.status
    )


def dry_run(platform: Platform, rule_id: str) -> list[pb.RuleEvaluation]:
    return list(
        stub(platform)
        .EvaluateAlertRule(
            pb.EvaluateAlertRuleRequest(alert_rule_id=rule_id), metadata=platform.admin()
        )
        .evaluations
    )


def test_a_stopped_service_fires_service_down_and_resolves_when_it_is_back(
    monitored: tuple[Platform, dict[str, str]], tmp_path: Path
) -> None:
    platform, urls = monitored
    rule = built_in(platform, "builtin-service-down", pending_duration=duration_pb2.Duration())
    serving = {e.labels["service"]: e.breached for e in dry_run(platform, rule.alert_rule_id)}
    assert serving["identity"] is False
    assert serving["payment"] is False
    assert "monitor" not in serving  # a monitor that is down evaluates nothing

    payment = platform.running["payment"]
    port = payment.grpc_port
    platform.runner.run(payment.stop(grace=1))
    alert = eventually(
        lambda: firing_for(platform, rule.alert_rule_id, "service", "payment"),
        what="payment to be reported down",
    )
    assert alert.severity == pb.ALERT_SEVERITY_CRITICAL
    assert alert.summary.startswith("service payment is not serving: unreachable")
    assert firing_for(platform, rule.alert_rule_id, "service", "identity") is None

    # Back on the same address (the platform's teardown stops the first one, already stopped).
    settings = load_settings(
        "payment",
        {
            "WAILIAN_DATA_DIR": str(tmp_path),
            "WAILIAN_PAYMENT_GRPC_PORT": str(port),
            "WAILIAN_PAYMENT_HTTP_PORT": "0",
            "WAILIAN_PAYMENT_DATABASE_URL": urls["payment"],
            "WAILIAN_IDENTITY_ADDR": f"127.0.0.1:{platform.running['identity'].grpc_port}",
        },
    )
    again = platform.runner.run(start_service(service_module("payment"), settings))
    try:
        eventually(
            lambda: (
                True if alert_status(platform, alert.alert_id) == pb.ALERT_STATUS_RESOLVED else None
            ),
            what="the service-down alert to resolve",
        )
        # One alert for the whole outage.
        down = [
            a
            for a in rule_alerts(platform, rule.alert_rule_id).alerts
            if a.labels.get("service") == "payment"
        ]
        assert [a.alert_id for a in down] == [alert.alert_id]
    finally:
        platform.runner.run(again.stop(grace=1))


def test_a_channel_near_its_quota_and_a_credential_near_expiry(
    monitored: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitored
    admin = platform.admin()
    channels = idg.ChannelServiceStub(platform.channel("identity"))
    channel = channels.CreateChannel(
        idp.CreateChannelRequest(
            channel=idp.Channel(
                code="kiosk-quota",
                name="自助机",
                type=idp.CHANNEL_TYPE_HOSPITAL_APP,
                daily_quota=10,
            )
        ),
        metadata=admin,
    ).channel
    issued = channels.CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN, valid_days=5
        ),
        metadata=admin,
    )
    client_id = issued.credential.client_id

    # The shipped credential rule (14 days) sees the 5-day credential, by itself.
    expiring = eventually(
        lambda: firing_for(platform, "builtin-credential-expiry", "credential", client_id),
        what="the credential to be reported near expiry",
    )
    assert expiring.labels["channel"] == channel.channel_id
    assert expiring.summary.startswith(f"channel kiosk-quota credential {client_id} expires in")
    assert 4.9 < expiring.value <= 5

    # Revoked: no longer a credential to renew, and the alert resolves.
    channels.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=issued.credential.credential_id,
            reason="replaced",
        ),
        metadata=admin,
    )
    eventually(
        lambda: (
            True if alert_status(platform, expiring.alert_id) == pb.ALERT_STATUS_RESOLVED else None
        ),
        what="the expiry alert to resolve after revocation",
    )

    # Eight calls of ten: under 90%; the ninth reaches it.
    def calls(count: int) -> list[object]:
        made = []
        for _ in range(count):
            one = entry(api="doctor.get", channel="kiosk-quota", status=200, duration_ms=5)
            one.request.request_headers["x-wailian-channel-id"] = channel.channel_id
            made.append(one)
        return made

    send(platform, calls(8))  # type: ignore[arg-type]
    used = eventually(
        lambda: next(
            (
                e
                for e in dry_run(platform, "builtin-channel-quota")
                if e.labels["channel"] == channel.channel_id and e.value >= 80
            ),
            None,
        ),
        what="eight calls counted against the quota",
    )
    assert not used.breached
    assert firing_for(platform, "builtin-channel-quota", "channel", channel.channel_id) is None
    send(platform, calls(1))  # type: ignore[arg-type]
    quota = eventually(
        lambda: firing_for(platform, "builtin-channel-quota", "channel", channel.channel_id),
        what="the channel to be reported near its quota",
    )
    assert quota.summary == (
        "channel kiosk-quota used 90% of its daily quota (9 of 10 calls today; threshold 90%)"
    )
    assert quota.value == pytest.approx(90)


def test_disk_and_database_usage_from_the_host_and_the_database(
    monitored: tuple[Platform, dict[str, str]], tmp_path: Path
) -> None:
    platform, urls = monitored
    usage = shutil.disk_usage(tmp_path)
    [disk] = dry_run(platform, "builtin-disk-usage")
    assert disk.labels["disk"] == str(tmp_path)
    assert disk.value == pytest.approx(100 * usage.used / usage.total, abs=2)
    assert disk.breached == (disk.value >= 90)

    # A threshold the disk is over fires; back above what it uses, it resolves.
    rule = built_in(platform, "builtin-disk-usage", threshold=max(disk.value / 2, 0.01))
    alert = eventually(
        lambda: firing_for(platform, rule.alert_rule_id, "disk", str(tmp_path)),
        what="the disk rule to fire",
    )
    assert alert.summary.startswith(f"disk {tmp_path} ")
    built_in(platform, "builtin-disk-usage", threshold=100)
    eventually(
        lambda: (
            True if alert_status(platform, alert.alert_id) == pb.ALERT_STATUS_RESOLVED else None
        ),
        what="the disk alert to resolve",
    )

    database = (
        stub(platform)
        .CreateAlertRule(
            pb.CreateAlertRuleRequest(
                alert_rule=pb.AlertRule(
                    name="数据库使用",
                    kind=pb.ALERT_RULE_KIND_DATABASE_USAGE,
                    severity=pb.ALERT_SEVERITY_WARNING,
                    threshold=80,
                    enabled=True,
                )
            ),
            metadata=platform.admin(),
        )
        .alert_rule
    )
    [used] = dry_run(platform, database.alert_rule_id)
    if urls["monitor"].startswith("sqlite"):
        assert used.labels["database"] == "monitor.db size"
    else:
        # Monitor's own connection counts: more than none of the instance's allowed ones.
        assert used.labels["database"].endswith(" connections")
        assert used.value > 0
    assert used.breached == (used.value >= 80)


def test_the_edge_kinds_without_an_edge_and_the_kinds_not_supported(
    monitored: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitored
    # No Envoy here: nothing to judge, and nothing fires.
    assert dry_run(platform, "builtin-upstream-down") == []
    # Monitor's own pipeline, with nothing waiting: no lag.
    lag = (
        stub(platform)
        .CreateAlertRule(
            pb.CreateAlertRuleRequest(
                alert_rule=pb.AlertRule(
                    name="日志入库延迟",
                    kind=pb.ALERT_RULE_KIND_INGEST_LAG,
                    severity=pb.ALERT_SEVERITY_WARNING,
                    threshold=60,
                    enabled=True,
                )
            ),
            metadata=platform.admin(),
        )
        .alert_rule
    )
    [caught_up] = dry_run(platform, lag.alert_rule_id)
    assert caught_up.labels["pipeline"] == "access_log"
    assert caught_up.value == 0 and not caught_up.breached
    rejected = (
        stub(platform)
        .CreateAlertRule(
            pb.CreateAlertRuleRequest(
                alert_rule=pb.AlertRule(
                    name="配置被拒绝",
                    kind=pb.ALERT_RULE_KIND_EDGE_CONFIG_REJECTED,
                    severity=pb.ALERT_SEVERITY_WARNING,
                    enabled=True,
                )
            ),
            metadata=platform.admin(),
        )
        .alert_rule
    )
    # Registry is not running here: what the edge nodes rejected cannot be known this round
    # (tests/e2e/test_edge_config_rejected_alert.py has the real edge reject a configuration).
    with pytest.raises(grpc.RpcError) as error:
        dry_run(platform, rejected.alert_rule_id)
    assert error.value.code() == grpc.StatusCode.UNAVAILABLE
    assert "registry" in (error.value.details() or "")
    # Validation names the field a condition rule cannot use.
    with pytest.raises(grpc.RpcError) as error:
        stub(platform).CreateAlertRule(
            pb.CreateAlertRuleRequest(
                alert_rule=pb.AlertRule(
                    name="服务宕机",
                    kind=pb.ALERT_RULE_KIND_SERVICE_DOWN,
                    severity=pb.ALERT_SEVERITY_CRITICAL,
                    api_service_codes=["doctor.get"],
                )
            ),
            metadata=platform.admin(),
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT


def test_new_shipped_rules_reach_an_existing_installation_once(
    monitored: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitored
    uow = platform.running["monitor"]._runtime.uow
    # An installation from before these rules: only the traffic rules, one disabled by staff.
    built_in(platform, "builtin-error-rate", enabled=False)

    def before(session) -> None:  # type: ignore[no-untyped-def]
        session.execute(delete(AlertRuleRow).where(AlertRuleRow.alert_rule_id.in_(NEW_DEFAULTS)))

    uow.run_sync(before)
    now = datetime.now(UTC)
    added = uow.run_sync(lambda s: alert_store.ensure_default_rules(s, alerts.DEFAULT_RULES, now))
    assert added == len(NEW_DEFAULTS)
    again = uow.run_sync(lambda s: alert_store.ensure_default_rules(s, alerts.DEFAULT_RULES, now))
    assert again == 0
    stored = uow.run_sync(
        lambda s: {
            row.alert_rule_id: row.enabled
            for row in s.scalars(select(AlertRuleRow).where(AlertRuleRow.built_in))
        }
    )
    assert set(stored) == {r.rule_id for r in alerts.DEFAULT_RULES}
    assert stored["builtin-error-rate"] is False
    assert all(stored[rule_id] for rule_id in NEW_DEFAULTS)
