"""Alerts on real SQLite and PostgreSQL: rules over monitor's rollups fire, last, resolve."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
import pytest
from google.protobuf import duration_pb2, field_mask_pb2, timestamp_pb2

from services.monitor import alert_evaluator, alert_store, alerts
from services.runtime.cli import service_module
from services.runtime.config import load_settings
from services.runtime.server import start_service
from tests.integration.conftest import Platform, start_platform
from tests.integration.identity_support import signed_up
from tests.integration.test_monitor_ingest import entry, send, violations
from tests.support import eventually
from wailian.monitor.v1 import alerts_pb2 as pb
from wailian.monitor.v1 import alerts_pb2_grpc as pb_grpc

Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Platform, dict[str, str]]]:
    """Identity and monitor, rules evaluated every 0.2 s; yields the platform and its URLs."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    for platform in start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor")):
        yield platform, urls


def stub(platform: Platform) -> pb_grpc.AlertServiceStub:
    return pb_grpc.AlertServiceStub(platform.channel("monitor"))


def minutes(count: int) -> duration_pb2.Duration:
    return duration_pb2.Duration(seconds=count * 60)


def stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    message = timestamp_pb2.Timestamp()
    message.FromDatetime(moment)
    return message


def error_rate_rule(platform: Platform, service: str, **fields: object) -> pb.AlertRule:
    values: dict[str, object] = {
        "name": f"{service} failing",
        "kind": pb.ALERT_RULE_KIND_ERROR_RATE,
        "severity": pb.ALERT_SEVERITY_CRITICAL,
        "threshold": 50,
        "window": minutes(5),
        "min_calls": 5,
        "api_service_codes": [service],
        "enabled": True,
        **fields,
    }
    created = stub(platform).CreateAlertRule(
        pb.CreateAlertRuleRequest(alert_rule=pb.AlertRule(**values)),  # type: ignore[arg-type]
        metadata=platform.admin(),
    )
    return created.alert_rule


def calls(service: str, status: int, count: int, **fields: object) -> list[object]:
    return [
        entry(api=service, channel="kiosk", status=status, duration_ms=20, **fields)  # type: ignore[arg-type]
        for _ in range(count)
    ]


def rule_alerts(
    platform: Platform, rule_id: str, metadata: Metadata | None = None, **filters: object
) -> pb.ListAlertsResponse:
    return stub(platform).ListAlerts(
        pb.ListAlertsRequest(alert_rule_id=rule_id, **filters),  # type: ignore[arg-type]
        metadata=metadata or platform.admin(),
    )


def firing_alert(platform: Platform, rule_id: str) -> pb.Alert:
    def probe() -> pb.Alert | None:
        found = rule_alerts(platform, rule_id, status=pb.ALERT_STATUS_FIRING).alerts
        return found[0] if found else None

    return eventually(probe, what="the rule to fire")


def summary(platform: Platform, metadata: Metadata | None = None) -> pb.GetAlertSummaryResponse:
    return stub(platform).GetAlertSummary(
        pb.GetAlertSummaryRequest(), metadata=metadata or platform.admin()
    )


def disable_built_in_rules(platform: Platform) -> None:
    """So that only the test's own rules raise alerts (exact counts)."""
    rules = stub(platform).ListAlertRules(pb.ListAlertRulesRequest(), metadata=platform.admin())
    for rule in rules.alert_rules:
        if rule.built_in:
            updated = (
                stub(platform)
                .UpdateAlertRule(
                    pb.UpdateAlertRuleRequest(
                        alert_rule_id=rule.alert_rule_id,
                        alert_rule=pb.AlertRule(enabled=False),
                        update_mask=field_mask_pb2.FieldMask(paths=["enabled"]),
                    ),
                    metadata=platform.admin(),
                )
                .alert_rule
            )
            # The mask changed "enabled" alone.
            assert not updated.enabled
            assert (updated.threshold, updated.window, updated.name) == (
                rule.threshold,
                rule.window,
                rule.name,
            )
            assert updated.audit.updated_by == "admin"


def test_an_alert_fires_lasts_as_one_is_acknowledged_silenced_read_and_resolves(
    monitor: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitor
    admin = platform.admin()
    alerts_api = stub(platform)
    disable_built_in_rules(platform)
    service = f"booking.{uuid.uuid4().hex[:8]}"
    rule = error_rate_rule(platform, service)
    assert rule.audit.created_by == "admin" and not rule.built_in

    send(platform, calls(service, 503, 10))

    # The dry run sees the breach, and records nothing.
    def breached() -> pb.EvaluateAlertRuleResponse | None:
        found = alerts_api.EvaluateAlertRule(
            pb.EvaluateAlertRuleRequest(alert_rule_id=rule.alert_rule_id), metadata=admin
        )
        return found if found.evaluations and found.evaluations[0].breached else None

    evaluated = eventually(breached, what="the rule to see the failures")
    [evaluation] = evaluated.evaluations
    assert dict(evaluation.labels) == {"api_service": service}
    assert evaluation.value == pytest.approx(100.0)

    alert = firing_alert(platform, rule.alert_rule_id)
    assert alert.severity == pb.ALERT_SEVERITY_CRITICAL
    assert alert.kind == pb.ALERT_RULE_KIND_ERROR_RATE
    assert dict(alert.labels) == {"api_service": service}
    assert alert.summary == f"{service} error rate 100.0% over 5 min (threshold 50%)"
    assert alert.threshold == 50 and alert.value == pytest.approx(100.0)
    assert not alert.acknowledged and not alert.silenced and not alert.read
    assert alert.notification_count == 0  # NotificationService is not built yet

    # While the condition lasts it stays one alert, evaluated again and again.
    first_seen = alert.last_evaluation_time.ToDatetime()

    def evaluated_again() -> pb.Alert | None:
        found = alerts_api.GetAlert(pb.GetAlertRequest(alert_id=alert.alert_id), metadata=admin)
        return found.alert if found.alert.last_evaluation_time.ToDatetime() > first_seen else None

    eventually(evaluated_again, what="another evaluation")
    assert rule_alerts(platform, rule.alert_rule_id).total_size == 1

    header = summary(platform)
    assert (header.firing_critical, header.firing_warning, header.firing_info) == (1, 0, 0)
    assert header.unacknowledged == 1 and header.unread_count == 1

    # Acknowledged: who, when, why.
    acknowledged = alerts_api.AcknowledgeAlert(
        pb.AcknowledgeAlertRequest(alert_id=alert.alert_id, comment="HIS team restarting"),
        metadata=admin,
    ).alert
    assert acknowledged.acknowledged and acknowledged.acknowledged_by == "admin"
    assert acknowledged.acknowledge_comment == "HIS team restarting"
    assert acknowledged.acknowledge_time.ToDatetime(tzinfo=UTC) > datetime.now(UTC) - timedelta(
        minutes=1
    )
    assert summary(platform).unacknowledged == 0
    with pytest.raises(grpc.RpcError) as again:
        alerts_api.AcknowledgeAlert(
            pb.AcknowledgeAlertRequest(alert_id=alert.alert_id), metadata=admin
        )
    assert again.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    # A silence over the service: still firing and shown, recorded as silenced.
    silence = alerts_api.CreateSilence(
        pb.CreateSilenceRequest(
            silence=pb.Silence(
                comment="HIS upgrade",
                end_time=stamp(datetime.now(UTC) + timedelta(hours=1)),
                api_service_codes=[service],
            )
        ),
        metadata=admin,
    ).silence
    assert silence.active and silence.audit.created_by == "admin"

    def silenced() -> pb.Alert | None:
        found = alerts_api.GetAlert(pb.GetAlertRequest(alert_id=alert.alert_id), metadata=admin)
        return found.alert if found.alert.silenced else None

    assert eventually(silenced, what="the silence to apply").silence_id == silence.silence_id
    listed = alerts_api.ListSilences(pb.ListSilencesRequest(current_only=True), metadata=admin)
    assert [s.silence_id for s in listed.silences] == [silence.silence_id]

    # Read marks are per user.
    operator = signed_up(platform, f"op{uuid.uuid4().hex[:6]}", ["operator"])
    assert summary(platform, operator).unread_count == 1
    marked = alerts_api.MarkAlertsRead(
        pb.MarkAlertsReadRequest(alert_ids=[alert.alert_id]), metadata=admin
    )
    assert marked.unread_count == 0
    assert summary(platform).unread_count == 0
    assert summary(platform, operator).unread_count == 1
    assert rule_alerts(platform, rule.alert_rule_id).alerts[0].read
    assert not rule_alerts(platform, rule.alert_rule_id, operator).alerts[0].read
    assert rule_alerts(platform, rule.alert_rule_id, unread_only=True).total_size == 0
    assert rule_alerts(platform, rule.alert_rule_id, operator, unread_only=True).total_size == 1
    everything = alerts_api.MarkAlertsRead(pb.MarkAlertsReadRequest(all=True), metadata=operator)
    assert everything.unread_count == 0

    # Good traffic brings the failed share to a third, under the threshold: it resolves.
    send(platform, calls(service, 200, 20))

    def resolved() -> pb.Alert | None:
        found = alerts_api.GetAlert(pb.GetAlertRequest(alert_id=alert.alert_id), metadata=admin)
        return found.alert if found.alert.status == pb.ALERT_STATUS_RESOLVED else None

    done = eventually(resolved, what="the alert to resolve")
    assert done.resolve_time.ToDatetime() >= done.start_time.ToDatetime()
    assert done.acknowledged_by == "admin"  # history keeps who was on it
    header = summary(platform)
    assert (header.firing_critical, header.unacknowledged) == (0, 0)

    # Failing again is a new alert, unread again for everyone.
    send(platform, calls(service, 503, 40))
    second = firing_alert(platform, rule.alert_rule_id)
    assert second.alert_id != alert.alert_id and second.fingerprint == alert.fingerprint
    assert rule_alerts(platform, rule.alert_rule_id).total_size == 2
    assert summary(platform).unread_count == 1
    assert summary(platform, operator).unread_count == 1
    newest_first = rule_alerts(platform, rule.alert_rule_id, page_size=1)
    assert [a.alert_id for a in newest_first.alerts] == [second.alert_id]
    older = rule_alerts(platform, rule.alert_rule_id, page_token=newest_first.next_page_token)
    assert [a.alert_id for a in older.alerts] == [alert.alert_id]
    assert [
        a.alert_id
        for a in rule_alerts(platform, rule.alert_rule_id, status=pb.ALERT_STATUS_RESOLVED).alerts
    ] == [alert.alert_id]

    # Disabling the rule resolves what it raised; deleting it keeps the history.
    alerts_api.UpdateAlertRule(
        pb.UpdateAlertRuleRequest(
            alert_rule_id=rule.alert_rule_id,
            alert_rule=pb.AlertRule(enabled=False),
            update_mask=field_mask_pb2.FieldMask(paths=["enabled"]),
        ),
        metadata=admin,
    )
    assert summary(platform).firing_critical == 0
    alerts_api.DeleteAlertRule(
        pb.DeleteAlertRuleRequest(alert_rule_id=rule.alert_rule_id), metadata=admin
    )
    assert rule_alerts(platform, rule.alert_rule_id).total_size == 2
    alerts_api.DeleteSilence(pb.DeleteSilenceRequest(silence_id=silence.silence_id), metadata=admin)
    ended = alerts_api.GetSilence(
        pb.GetSilenceRequest(silence_id=silence.silence_id), metadata=admin
    ).silence
    assert not ended.active


def test_a_drop_compares_with_the_same_window_last_week_as_a_dry_run(
    monitor: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitor
    admin = platform.admin()
    alerts_api = stub(platform)
    service = f"report.{uuid.uuid4().hex[:8]}"
    rule = alerts_api.CreateAlertRule(
        pb.CreateAlertRuleRequest(
            alert_rule=pb.AlertRule(
                name="no reports",
                kind=pb.ALERT_RULE_KIND_TRAFFIC_DROP,
                severity=pb.ALERT_SEVERITY_WARNING,
                threshold=100,
                window=minutes(15),
                min_calls=20,
                api_service_codes=[service],
                enabled=False,
            )
        ),
        metadata=admin,
    ).alert_rule
    last_week = datetime.now(UTC) - timedelta(days=7, minutes=3)
    send(platform, calls(service, 200, 30, started=last_week))

    def evaluation() -> pb.RuleEvaluation | None:
        found = alerts_api.EvaluateAlertRule(
            pb.EvaluateAlertRuleRequest(alert_rule_id=rule.alert_rule_id), metadata=admin
        )
        return found.evaluations[0] if found.evaluations else None

    silent = eventually(evaluation, what="last week's calls")
    assert silent.breached and silent.value == pytest.approx(100.0)
    assert dict(silent.labels) == {"api_service": service}
    # A dry run: nothing recorded.
    assert rule_alerts(platform, rule.alert_rule_id).total_size == 0

    send(platform, calls(service, 200, 30, started=datetime.now(UTC) - timedelta(minutes=2)))

    def recovered() -> pb.RuleEvaluation | None:
        found = evaluation()
        return found if found is not None and not found.breached else None

    assert eventually(recovered, what="this week's calls").value == pytest.approx(0.0)


def test_bad_input_is_refused_with_the_fields_named(
    monitor: tuple[Platform, dict[str, str]],
) -> None:
    platform, _ = monitor
    admin = platform.admin()
    alerts_api = stub(platform)
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.CreateAlertRule(
            pb.CreateAlertRuleRequest(alert_rule=pb.AlertRule(name=" ")), metadata=admin
        )
    assert error.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert violations(error.value) == {
        "alert_rule.name",
        "alert_rule.kind",
        "alert_rule.severity",
    }
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.CreateAlertRule(
            pb.CreateAlertRuleRequest(
                alert_rule=pb.AlertRule(
                    name="latency",
                    kind=pb.ALERT_RULE_KIND_LATENCY_PERCENTILE,
                    severity=pb.ALERT_SEVERITY_WARNING,
                    threshold=0,
                    percentile=90,
                    window=duration_pb2.Duration(seconds=30),
                    min_calls=-5,
                )
            ),
            metadata=admin,
        )
    assert violations(error.value) == {
        "alert_rule.threshold",
        "alert_rule.percentile",
        "alert_rule.window",
        "alert_rule.min_calls",
    }
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.UpdateAlertRule(
            pb.UpdateAlertRuleRequest(
                alert_rule_id="builtin-error-rate",
                alert_rule=pb.AlertRule(kind=pb.ALERT_RULE_KIND_TRAFFIC_SPIKE),
                update_mask=field_mask_pb2.FieldMask(paths=["kind"]),
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"update_mask"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.UpdateAlertRule(
            pb.UpdateAlertRuleRequest(
                alert_rule_id="builtin-error-rate",
                alert_rule=pb.AlertRule(threshold=250),
                update_mask=field_mask_pb2.FieldMask(paths=["threshold"]),
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"alert_rule.threshold"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.DeleteAlertRule(
            pb.DeleteAlertRuleRequest(alert_rule_id="builtin-error-rate"), metadata=admin
        )
    assert error.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.GetAlertRule(pb.GetAlertRuleRequest(alert_rule_id="nope"), metadata=admin)
    assert error.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.CreateSilence(
            pb.CreateSilenceRequest(
                silence=pb.Silence(
                    comment="",
                    end_time=stamp(datetime.now(UTC) + timedelta(hours=1)),
                    alert_rule_ids=["x"],
                )
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"silence.comment"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.CreateSilence(pb.CreateSilenceRequest(silence=pb.Silence()), metadata=admin)
    assert violations(error.value) == {"silence.end_time"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.CreateSilence(
            pb.CreateSilenceRequest(
                silence=pb.Silence(
                    comment="upgrade",
                    end_time=stamp(datetime.now(UTC) + timedelta(hours=1)),
                    alert_rule_ids=["no-such-rule"],
                )
            ),
            metadata=admin,
        )
    assert violations(error.value) == {"silence.alert_rule_ids"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.ListAlerts(pb.ListAlertsRequest(page_token="garbage"), metadata=admin)
    assert violations(error.value) == {"page_token"}
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.MarkAlertsRead(pb.MarkAlertsReadRequest(), metadata=admin)
    assert violations(error.value) == {"alert_ids"}

    # A kind monitor has no figures for is stored, and evaluating it says so.
    certificates = alerts_api.CreateAlertRule(
        pb.CreateAlertRuleRequest(
            alert_rule=pb.AlertRule(
                name="bills",
                kind=pb.ALERT_RULE_KIND_RECONCILIATION_DISCREPANCY,
                severity=pb.ALERT_SEVERITY_WARNING,
                threshold=1,
                enabled=True,
            )
        ),
        metadata=admin,
    ).alert_rule
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.EvaluateAlertRule(
            pb.EvaluateAlertRuleRequest(alert_rule_id=certificates.alert_rule_id), metadata=admin
        )
    assert error.value.code() == grpc.StatusCode.UNIMPLEMENTED
    # Without a token, nothing.
    with pytest.raises(grpc.RpcError) as error:
        alerts_api.GetAlertSummary(pb.GetAlertSummaryRequest())
    assert error.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_two_replicas_ship_the_default_rules_once_and_open_one_alert(
    monitor: tuple[Platform, dict[str, str]], tmp_path: Path
) -> None:
    platform, urls = monitor
    identity_port = platform.running["identity"].grpc_port
    settings = load_settings(
        "monitor",
        {
            "WAILIAN_DATA_DIR": str(tmp_path),
            "WAILIAN_MONITOR_GRPC_PORT": "0",
            "WAILIAN_MONITOR_HTTP_PORT": "0",
            "WAILIAN_MONITOR_DATABASE_URL": urls["monitor"],
            "WAILIAN_IDENTITY_ADDR": f"127.0.0.1:{identity_port}",
        },
    )
    replica = platform.runner.run(start_service(service_module("monitor"), settings))
    try:
        admin = platform.admin()
        rules = stub(platform).ListAlertRules(
            pb.ListAlertRulesRequest(page_size=100), metadata=admin
        )
        built_in = sorted(r.alert_rule_id for r in rules.alert_rules if r.built_in)
        assert built_in == sorted(r.rule_id for r in alerts.DEFAULT_RULES)
        assert rules.total_size == len(alerts.DEFAULT_RULES)
        assert all(r.enabled for r in rules.alert_rules)
        drops = stub(platform).ListAlertRules(
            pb.ListAlertRulesRequest(kind=pb.ALERT_RULE_KIND_TRAFFIC_DROP), metadata=admin
        )
        assert sorted(r.alert_rule_id for r in drops.alert_rules) == [
            "builtin-no-traffic",
            "builtin-traffic-drop",
        ]
        latency = stub(platform).ListAlertRules(
            pb.ListAlertRulesRequest(query="LATENCY"), metadata=admin
        )
        assert [r.alert_rule_id for r in latency.alert_rules] == ["builtin-p95-latency"]
        page = stub(platform).ListAlertRules(pb.ListAlertRulesRequest(page_size=3), metadata=admin)
        rest = stub(platform).ListAlertRules(
            pb.ListAlertRulesRequest(page_size=3, page_token=page.next_page_token), metadata=admin
        )
        assert len(page.alert_rules) == 3 and len(rest.alert_rules) == 3

        # Both replicas evaluate every 0.2 s; the failing service still has one open alert.
        service = f"pay.{uuid.uuid4().hex[:8]}"
        rule = error_rate_rule(platform, service)
        send(platform, calls(service, 500, 10))
        alert = firing_alert(platform, rule.alert_rule_id)
        first_seen = alert.last_evaluation_time.ToDatetime()

        def seen_for_a_while() -> pb.Alert | None:
            found = rule_alerts(platform, rule.alert_rule_id).alerts[0]
            later = found.last_evaluation_time.ToDatetime()
            return found if later - first_seen > timedelta(seconds=1) else None

        eventually(seen_for_a_while, what="a second of evaluations")
        assert rule_alerts(platform, rule.alert_rule_id).total_size == 1
        with grpc.insecure_channel(f"127.0.0.1:{replica.grpc_port}") as channel:
            other = pb_grpc.AlertServiceStub(channel).ListAlerts(
                pb.ListAlertsRequest(alert_rule_id=rule.alert_rule_id), metadata=admin
            )
        assert [a.alert_id for a in other.alerts] == [alert.alert_id]

        # What makes it safe, without relying on timing: one replica claims each round, and
        # the unique open key refuses a second open alert for the same rule and subject.
        uow = replica._runtime.uow
        row = uow.run_sync(lambda s: alert_store.rule_row(s, rule.alert_rule_id))
        assert row is not None
        stored = alert_store.rule_of(row)
        [evaluation] = uow.run_sync(
            lambda s: alert_evaluator.evaluate_rule(s, stored, datetime.now(UTC))
        )
        now = datetime.now(UTC) + timedelta(hours=1)
        spacing = timedelta(minutes=1)
        claims = [
            uow.run_sync(lambda s: alert_store.claim_evaluation(s, stored.rule_id, now, spacing))
            for _ in range(2)
        ]
        assert claims == [True, False]
        duplicate = alert_store.NewAlert(
            stored,
            alerts.fingerprint(stored.rule_id, evaluation.labels),
            evaluation,
            alerts.AlertState.FIRING,
            "",
        )
        assert uow.run_sync(lambda s: alert_store.insert_alert(s, duplicate, now)) is None
        assert rule_alerts(platform, rule.alert_rule_id).total_size == 1
    finally:
        platform.runner.run(replica.stop(grace=1))


def test_rule_and_silence_changes_reach_the_audit_trail(platform: Platform) -> None:
    from tests.integration.identity_support import signed_up
    from tests.support import eventually
    from wailian.identity.v1 import audit_pb2 as ap
    from wailian.identity.v1 import audit_pb2_grpc as ag

    rule = error_rate_rule(platform, "audit.probe")
    stub(platform).UpdateAlertRule(
        pb.UpdateAlertRuleRequest(
            alert_rule_id=rule.alert_rule_id,
            alert_rule=pb.AlertRule(threshold=60),
            update_mask=field_mask_pb2.FieldMask(paths=["threshold"]),
        ),
        metadata=platform.admin(),
    )
    auditor = signed_up(platform, "monitor-auditor", ["audit_admin"])

    def recorded() -> list[ap.AuditRecord] | None:
        records = (
            ag.AuditServiceStub(platform.channel("identity"))
            .ListAuditRecords(
                ap.ListAuditRecordsRequest(
                    filter=ap.AuditRecordFilter(service="monitor", resource_id=rule.alert_rule_id)
                ),
                metadata=auditor,
            )
            .audit_records
        )
        return list(records) if len(records) == 2 else None

    changed, created = eventually(recorded, timeout=15, what="monitor's records in the trail")
    assert created.summary == "created alert rule audit.probe failing"
    assert changed.actor_name == created.actor_name == "admin"
    assert '"threshold": 50' in changed.before_json and '"threshold": 60' in changed.after_json
