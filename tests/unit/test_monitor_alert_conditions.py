"""Condition alert rules without I/O: what monitor observed in, breaches and summary lines out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.identity import ca
from services.monitor import alerts, condition_probes
from services.monitor.pipeline import IngestPipeline
from services.runtime.errors import InvalidArgument
from wailian.identity.v1 import edge_auth_pb2, identity_pb2

NOW = datetime(2026, 11, 29, 10, 7, 30, tzinfo=UTC)
Kind = alerts.RuleKind


def rule(kind: alerts.RuleKind, threshold: float, **fields: object) -> alerts.RuleSpec:
    return alerts.RuleSpec(
        name="test",
        kind=kind,
        severity=alerts.Severity.CRITICAL,
        threshold=threshold,
        window=timedelta(0),
        **fields,  # type: ignore[arg-type]
    )


def shipped(rule_id: str) -> alerts.Rule:
    return next(r for r in alerts.DEFAULT_RULES if r.rule_id == rule_id)


def test_a_service_that_does_not_serve_or_answer_is_down() -> None:
    spec = shipped("builtin-service-down").spec
    found = alerts.service_evaluations(
        spec,
        [
            alerts.ServiceHealth("registry", True, "SERVING"),
            alerts.ServiceHealth("payment", None, "UNAVAILABLE", "connection refused"),
            alerts.ServiceHealth("identity", False, "NOT_SERVING"),
        ],
    )
    down = {e.label_map["service"]: e.breached for e in found}
    assert down == {"registry": False, "payment": True, "identity": True}
    payment = next(e for e in found if e.label_map["service"] == "payment")
    assert alerts.summary_line(spec, payment) == (
        "service payment is not serving: unreachable (UNAVAILABLE): connection refused"
    )


def test_an_upstream_is_down_when_none_of_its_endpoints_is_healthy() -> None:
    spec = shipped("builtin-upstream-down").spec
    found = {
        e.label_map["upstream"]: e
        for e in alerts.upstream_evaluations(
            spec,
            [
                alerts.UpstreamHealth("his", 2, 0),
                alerts.UpstreamHealth("lis", 2, 1),
                alerts.UpstreamHealth("empty", 0, 0),  # nothing to judge
            ],
        )
    }
    assert set(found) == {"his", "lis"}
    assert found["his"].breached and found["his"].value == 100
    assert not found["lis"].breached
    assert alerts.summary_line(spec, found["his"]) == (
        "upstream his: 2 of 2 endpoint(s) down (100%, threshold all)"
    )
    # A threshold in percent: half of the endpoints down is enough; the scope limits upstreams.
    half = rule(Kind.UPSTREAM_DOWN, 50, upstreams=("lis",))
    [lis] = alerts.upstream_evaluations(
        half, [alerts.UpstreamHealth("his", 2, 0), alerts.UpstreamHealth("lis", 2, 1)]
    )
    assert lis.label_map == {"upstream": "lis"} and lis.breached


def test_an_edge_with_an_overload_action_active_is_shedding_load() -> None:
    spec = rule(Kind.EDGE_OVERLOAD, 0)
    [calm, busy] = alerts.overload_evaluations(
        spec,
        [
            alerts.EdgeLoad("edge-1", ()),
            alerts.EdgeLoad("edge-2", ("envoy.overload_actions.stop_accepting_requests",)),
        ],
    )
    assert not calm.breached and busy.breached
    assert "stop_accepting_requests" in alerts.summary_line(spec, busy)


def test_a_channel_near_its_daily_quota() -> None:
    spec = shipped("builtin-channel-quota").spec
    found = alerts.quota_evaluations(
        spec,
        [
            alerts.QuotaUse("c1", "wechat-oa", 10_000, 9_200),
            alerts.QuotaUse("c2", "app", 10_000, 100),
            alerts.QuotaUse("c3", "kiosk", 0, 5_000),  # no quota: nothing to use up
        ],
    )
    assert [(e.label_map["channel"], e.breached) for e in found] == [("c1", True), ("c2", False)]
    assert alerts.summary_line(spec, found[0]) == (
        "channel wechat-oa used 92% of its daily quota (9200 of 10000 calls today; threshold 90%)"
    )
    scoped = rule(Kind.CHANNEL_QUOTA, 50, channel_ids=("c2",))
    assert [
        e.label_map["channel"]
        for e in alerts.quota_evaluations(
            scoped,
            [
                alerts.QuotaUse("c1", "wechat-oa", 10_000, 9_200),
                alerts.QuotaUse("c2", "app", 10_000, 100),
            ],
        )
    ] == ["c2"]


def test_credentials_near_expiry_and_none_that_expired_already() -> None:
    spec = shipped("builtin-credential-expiry").spec
    found = alerts.expiry_evaluations(
        spec,
        [
            alerts.Expiry("soon", NOW + timedelta(days=3), "c1", "wechat-oa"),
            alerts.Expiry("later", NOW + timedelta(days=90), "c1", "wechat-oa"),
            alerts.Expiry("gone", NOW - timedelta(days=1), "c1", "wechat-oa"),
        ],
        NOW,
    )
    assert {e.label_map["credential"]: e.breached for e in found} == {
        "soon": True,
        "later": False,
    }
    soon = next(e for e in found if e.breached)
    assert soon.label_map == {"credential": "soon", "channel": "c1"}
    assert soon.value == pytest.approx(3)
    assert alerts.summary_line(spec, soon) == (
        "channel wechat-oa credential soon expires in 3.0 days "
        "(expires 2026-12-02 10:07 UTC; threshold 14 days)"
    )


def test_disk_and_database_usage_breach_at_the_threshold() -> None:
    disk = shipped("builtin-disk-usage").spec
    [full, roomy] = alerts.usage_evaluations(
        disk, [alerts.Usage("/data", 95, "5.0 GB free"), alerts.Usage("/tmp", 40)]
    )
    assert full.breached and not roomy.breached
    assert alerts.summary_line(disk, full) == "disk /data 95% used (5.0 GB free; threshold 90%)"
    database = rule(Kind.DATABASE_USAGE, 80)
    [connections] = alerts.usage_evaluations(
        database, [alerts.Usage("monitor connections", 80, "80 of 100 connections")]
    )
    assert connections.breached and connections.label_map == {"database": "monitor connections"}


def test_condition_rules_validate_their_threshold_and_scope() -> None:
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_rule(rule(Kind.DISK_USAGE, 120, api_codes=("a",), upstreams=("his",)))
    assert sorted(v.field for v in error.value.violations) == [
        "alert_rule.api_service_codes",
        "alert_rule.threshold",
        "alert_rule.upstreams",
    ]
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_rule(rule(Kind.CREDENTIAL_EXPIRY, 400))
    assert [v.field for v in error.value.violations] == ["alert_rule.threshold"]
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_rule(rule(Kind.SERVICE_DOWN, 0, channel_ids=("c1",)))
    assert [v.field for v in error.value.violations] == ["alert_rule.channel_ids"]
    alerts.validate_rule(rule(Kind.UPSTREAM_DOWN, 0, upstreams=("his",)))
    alerts.validate_rule(rule(Kind.CERTIFICATE_EXPIRY, 30, channel_ids=("c1",)))


def test_the_shipped_condition_rules() -> None:
    kinds = {r.spec.kind for r in alerts.DEFAULT_RULES}
    assert {
        Kind.SERVICE_DOWN,
        Kind.UPSTREAM_DOWN,
        Kind.CHANNEL_QUOTA,
        Kind.CREDENTIAL_EXPIRY,
        Kind.DISK_USAGE,
    } <= kinds
    assert shipped("builtin-channel-quota").spec.threshold == 90
    assert shipped("builtin-credential-expiry").spec.threshold == 14
    assert shipped("builtin-disk-usage").spec.threshold == 90


def test_identity_material_gives_credential_and_certificate_expiries() -> None:
    authority = ca.new_authority("test CA", NOW)
    material = edge_auth_pb2.GetEdgeAuthSnapshotResponse(
        channels=[
            edge_auth_pb2.EdgeChannel(
                channel_id="c1",
                code="wechat-oa",
                credentials=[
                    edge_auth_pb2.EdgeCredential(
                        client_id="token-1", kind=identity_pb2.CREDENTIAL_KIND_TOKEN
                    ),
                    edge_auth_pb2.EdgeCredential(
                        client_id="mtls-1", kind=identity_pb2.CREDENTIAL_KIND_MUTUAL_TLS
                    ),
                    edge_auth_pb2.EdgeCredential(
                        client_id="revoked", kind=identity_pb2.CREDENTIAL_KIND_TOKEN, revoked=True
                    ),
                    edge_auth_pb2.EdgeCredential(client_id="forever"),  # no expiry
                ],
            )
        ],
        ca_certificate_pem=authority.certificate_pem,
    )
    for credential in material.channels[0].credentials[:3]:
        credential.expire_time.FromDatetime(NOW + timedelta(days=5))
    credentials = condition_probes.credential_expiries(material, certificates=False)
    assert sorted(e.subject for e in credentials) == ["mtls-1", "token-1"]
    assert all(e.channel_code == "wechat-oa" for e in credentials)
    certificates = condition_probes.credential_expiries(material, certificates=True)
    assert sorted(e.subject for e in certificates) == ["channel CA", "mtls-1"]
    ca_expiry = next(e for e in certificates if e.subject == "channel CA")
    assert ca_expiry.channel_id == "" and ca_expiry.expires_at > NOW + timedelta(days=300)


def test_ingest_lag_is_the_age_of_the_oldest_entry_waiting() -> None:
    spec = rule(Kind.INGEST_LAG, 60)

    async def write(rows: object) -> int:
        return 0

    pipeline = IngestPipeline(write)
    idle = alerts.IngestState(pipeline.pending, pipeline.oldest_waiting())
    [caught_up] = alerts.ingest_evaluations(spec, idle, NOW)
    assert caught_up.value == 0 and not caught_up.breached
    pipeline.offer(
        [
            {"started_at": NOW - timedelta(seconds=90)},
            {"started_at": NOW - timedelta(seconds=5)},
        ]
    )
    waiting = alerts.IngestState(pipeline.pending, pipeline.oldest_waiting())
    [behind] = alerts.ingest_evaluations(spec, waiting, NOW)
    assert behind.value == pytest.approx(90) and behind.breached
    assert behind.label_map == {"pipeline": "access_log"}
    assert alerts.summary_line(spec, behind) == (
        "access logs 90 s behind the edge (2 entries waiting to be written; threshold 60 s)"
    )
