"""An upstream's TLS, retries, circuit breaking, health checks and load balancing, on real SQLite
and PostgreSQL: validated, stored, and carried into the edge snapshot (no Envoy here; the
end-to-end test `tests/e2e/test_upstream_policies.py` calls through a real one)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.protobuf import duration_pb2, field_mask_pb2

from services.identity import ca
from tests.integration.conftest import Platform, start_platform
from tests.integration.test_registry_catalog import CLUSTER, Catalog, refused
from tests.integration.test_services import field_violations
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import edge_pb2 as ep

SECRET = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret"


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    """Identity (registry's signing keys come from it) and registry."""
    services = ("identity", "registry")
    if request.param == "sqlite":
        yield from start_platform(
            tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=services
        )
        return
    urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=services)


def seconds(value: float) -> duration_pb2.Duration:
    duration = duration_pb2.Duration()
    duration.FromMilliseconds(round(value * 1000))
    return duration


def authority_pem() -> str:
    return ca.new_authority("测试医院", datetime.now(UTC)).certificate_pem


def cluster(c: Catalog, name: str) -> dict[str, Any]:
    return next(found for found in c.resources(CLUSTER) if found["name"] == name)


def test_policies_are_stored_and_reach_the_edge(platform: Platform) -> None:
    c = Catalog(platform)
    ca_pem = authority_pem()
    upstream = c.upstream(
        "his-tls",
        ("his.hospital.internal", 8443),
        tls=True,
        tls_ca_certificate_pem=ca_pem,
        request_timeout=seconds(10),
        retry_policy=rp.RetryPolicy(
            max_retries=2, per_try_timeout=seconds(3), retry_on=["connect-failure", "5xx", "5xx"]
        ),
        circuit_breaker=rp.CircuitBreaker(max_requests=40, consecutive_5xx=5),
        health_check=rp.HealthCheck(
            enabled=True, path="/healthz", interval=seconds(5), expected_statuses=[204, 200]
        ),
        load_balancing_policy=rp.LOAD_BALANCING_POLICY_RING_HASH,
    )
    read = c.catalog.GetUpstream(
        rp.GetUpstreamRequest(upstream_id=upstream.upstream_id), metadata=c.admin
    ).upstream
    assert read.tls and read.tls_ca_certificate_pem == ca_pem.strip()
    assert list(read.retry_policy.retry_on) == ["connect-failure", "5xx"]
    assert read.retry_policy.max_retries == 2
    assert read.retry_policy.per_try_timeout.ToMilliseconds() == 3000
    # Outlier detection takes Envoy's defaults for what was left at zero, and says so.
    assert read.circuit_breaker.max_requests == 40 and read.circuit_breaker.consecutive_5xx == 5
    assert read.circuit_breaker.base_ejection_time.ToMilliseconds() == 30_000
    assert read.circuit_breaker.max_ejection_percent == 10
    assert read.health_check.enabled and read.health_check.interval.ToMilliseconds() == 5000
    assert read.health_check.timeout.ToMilliseconds() == 2000
    assert list(read.health_check.expected_statuses) == [200, 204]
    assert read.load_balancing_policy == rp.LOAD_BALANCING_POLICY_RING_HASH

    edge = cluster(c, "his-tls")
    tls = edge["transport_socket"]["typed_config"]
    assert tls["sni"] == "his.hospital.internal"
    assert tls["common_tls_context"]["validation_context"]["trusted_ca"] == {
        "inline_string": ca_pem.strip()
    }
    assert edge["lb_policy"] == "RING_HASH"
    assert edge["circuit_breakers"]["thresholds"][0]["max_requests"] == 40
    assert edge["outlier_detection"]["consecutive_5xx"] == 5
    assert edge["health_checks"][0]["http_health_check"]["path"] == "/healthz"

    reading = c.service(upstream.upstream_id, "his.reports.get", "/v1/reports")
    booking = c.service(
        upstream.upstream_id, "his.bookings.create", "/v1/bookings", method=rp.HTTP_METHOD_POST
    )
    c.publish(reading.api_service_id)
    c.publish(booking.api_service_id)
    routes = c.routes()
    assert routes["his.reports.get"]["route"]["retry_policy"] == {
        "retry_on": "connect-failure,5xx",
        "num_retries": 2,
        "per_try_timeout": "3s",
    }
    assert "retry_policy" not in routes["his.bookings.create"]["route"]  # a POST: never again
    assert routes["his.bookings.create"]["route"]["hash_policy"] == [
        {"connection_properties": {"source_ip": True}}
    ]

    # Turned off again: the edge drops what it no longer needs.
    c.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=upstream.upstream_id,
            upstream=rp.Upstream(tls=False),
            update_mask=field_mask_pb2.FieldMask(
                paths=[
                    "tls",
                    "retry_policy",
                    "circuit_breaker",
                    "health_check",
                    "load_balancing_policy",
                ]
            ),
        ),
        metadata=c.admin,
    )
    plain = cluster(c, "his-tls")
    for key in ("transport_socket", "lb_policy", "circuit_breakers", "health_checks"):
        assert key not in plain
    assert "retry_policy" not in c.routes()["his.reports.get"]["route"]


def test_bad_policies_are_refused_before_they_reach_the_edge(platform: Platform) -> None:
    c = Catalog(platform)
    key_pem = ca.issue_server_certificate(
        ca.new_authority("测试医院", datetime.now(UTC)), ["his.local"], datetime.now(UTC)
    ).private_key_pem
    bad = refused(
        c.catalog.CreateUpstream,
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                name="his-bad",
                endpoints=[rp.Endpoint(host="10.0.0.1", port=443)],
                tls=True,
                tls_ca_certificate_pem="-----BEGIN CERTIFICATE-----\nnonsense\n",
                request_timeout=seconds(5),
                retry_policy=rp.RetryPolicy(
                    max_retries=11, per_try_timeout=seconds(6), retry_on=["sometimes"]
                ),
                circuit_breaker=rp.CircuitBreaker(max_connections=-1, max_ejection_percent=101),
                health_check=rp.HealthCheck(
                    enabled=True, path="healthz", interval=seconds(0.5), healthy_threshold=11
                ),
                load_balancing_policy=99,  # type: ignore[arg-type]
            )
        ),
        c.admin,
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(bad)) == {
        "upstream.tls_ca_certificate_pem",
        "upstream.retry_policy.max_retries",
        "upstream.retry_policy.per_try_timeout",
        "upstream.retry_policy.retry_on",
        "upstream.circuit_breaker.max_connections",
        "upstream.circuit_breaker.max_ejection_percent",
        "upstream.health_check.path",
        "upstream.health_check.interval",
        "upstream.health_check.healthy_threshold",
        "upstream.load_balancing_policy",
    }
    assert "his-bad" not in c.clusters()

    # A private key pasted as the CA is refused, not stored; endpoints on several hosts need
    # the one name their certificates carry.
    mixed = refused(
        c.catalog.CreateUpstream,
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                name="his-mixed",
                endpoints=[
                    rp.Endpoint(host="10.0.0.1", port=443),
                    rp.Endpoint(host="10.0.0.2", port=443),
                ],
                tls=True,
                tls_ca_certificate_pem=key_pem,
            )
        ),
        c.admin,
    )
    violations = field_violations(mixed)
    assert set(violations) == {"upstream.tls_ca_certificate_pem", "upstream.tls_server_name"}
    assert "private key" in violations["upstream.tls_ca_certificate_pem"]


def client_certificate(
    authority: ca.Authority, *, now: datetime | None = None, days: int = 30
) -> ca.IssuedCertificate:
    """A certificate and key for the edge to present to an upstream (any EC P-256 pair)."""
    issued_at = now or datetime.now(UTC)
    return ca.issue_client_certificate(
        authority,
        channel_id=str(uuid.uuid4()),
        channel_code="wailian-edge",
        credential_id=str(uuid.uuid4()),
        not_after=issued_at + timedelta(days=days),
        now=issued_at,
    )


def secrets(c: Catalog) -> dict[str, dict[str, Any]]:
    return {found["name"]: found for found in c.resources(SECRET)}


def test_a_client_certificate_is_served_to_the_edge_and_its_key_never_answered(
    platform: Platform, tmp_path: Path
) -> None:
    c = Catalog(platform)
    authority = ca.new_authority("测试医院", datetime.now(UTC))
    client = client_certificate(authority)
    created = c.upstream(
        "his-mtls",
        ("his.hospital.internal", 8443),
        tls=True,
        tls_ca_certificate_pem=authority.certificate_pem,
        tls_client_certificate_pem=client.certificate_pem,
        tls_client_private_key_pem=client.private_key_pem,
    )
    # Staff see the certificate and its facts, and that a key is set: never the key.
    assert created.tls_client_private_key_set and not created.tls_client_private_key_pem
    assert created.tls_client_certificate_pem == client.certificate_pem.strip()
    info = created.tls_client_certificate_info
    assert info.sha256_fingerprint == client.fingerprint
    assert "CN=wailian-edge" in info.subject and "Wailian channel CA" in info.issuer
    assert info.not_after.ToDatetime(UTC) == client.not_after.replace(microsecond=0)

    # The cluster names an SDS secret served over the same ADS stream; the snapshot as staff
    # read it shows the certificate and, for the key, only that it is sealed.
    transport = cluster(c, "his-mtls")["transport_socket"]["typed_config"]["common_tls_context"]
    assert "tls_certificates" not in transport
    assert transport["tls_certificate_sds_secret_configs"] == [
        {
            "name": "upstream-client/his-mtls",
            "sds_config": {"ads": {}, "resource_api_version": "V3"},
        }
    ]
    secret = secrets(c)["upstream-client/his-mtls"]["tls_certificate"]
    assert secret["certificate_chain"]["inline_string"] == client.certificate_pem.strip()
    assert secret["private_key"] == {"inline_string": "[sealed: never shown]"}

    key_body = client.private_key_pem.strip().splitlines()[1]
    listed = c.catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=c.admin)
    snapshots = c.config.ListConfigSnapshots(ep.ListConfigSnapshotsRequest(), metadata=c.admin)
    diff = c.config.DiffConfigSnapshots(
        ep.DiffConfigSnapshotsRequest(snapshot_id=snapshots.snapshots[0].snapshot_id),
        metadata=c.admin,
    )
    for answer in (listed, snapshots, diff):
        assert key_body not in str(answer) and "wailian-sealed:" not in str(answer)
    # At rest: sealed in the upstream's row, and only sealed in the stored snapshots.
    database = tmp_path / "registry.db"
    if database.exists():
        with sqlite3.connect(database) as raw:
            stored = "".join(
                str(row)
                for table in ("upstreams", "edge_snapshots", "audit_outbox")
                for row in raw.execute(f"SELECT * FROM {table}")
            )
        assert key_body not in stored and "PRIVATE KEY" not in stored
        assert "wailian-sealed:" in stored

    # Other edits keep the key; the cluster and the secret stay as they were.
    renamed = c.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=created.upstream_id,
            upstream=rp.Upstream(description="HIS over mutual TLS"),
            update_mask=field_mask_pb2.FieldMask(paths=["description"]),
        ),
        metadata=c.admin,
    ).upstream
    assert renamed.tls_client_private_key_set
    assert renamed.tls_client_certificate_info.sha256_fingerprint == client.fingerprint

    # Rotation: a new certificate and key change the secret, not the cluster.
    before = cluster(c, "his-mtls")
    rotated = client_certificate(authority)
    c.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=created.upstream_id,
            upstream=rp.Upstream(
                tls_client_certificate_pem=rotated.certificate_pem,
                tls_client_private_key_pem=rotated.private_key_pem,
            ),
            update_mask=field_mask_pb2.FieldMask(
                paths=["tls_client_certificate_pem", "tls_client_private_key_pem"]
            ),
        ),
        metadata=c.admin,
    )
    assert cluster(c, "his-mtls") == before
    served = secrets(c)["upstream-client/his-mtls"]["tls_certificate"]
    assert served["certificate_chain"]["inline_string"] == rotated.certificate_pem.strip()

    # A new certificate without its key is refused: the stored key belongs to the old one.
    other = client_certificate(authority)
    mismatch = refused(
        c.catalog.UpdateUpstream,
        rp.UpdateUpstreamRequest(
            upstream_id=created.upstream_id,
            upstream=rp.Upstream(tls_client_certificate_pem=other.certificate_pem),
            update_mask=field_mask_pb2.FieldMask(paths=["tls_client_certificate_pem"]),
        ),
        c.admin,
    )
    assert field_violations(mismatch) == {
        "upstream.tls_client_private_key_pem": (
            "this private key does not belong to the certificate (the first in the chain)"
        )
    }

    # Removing the certificate removes the key and the secret.
    removed = c.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=created.upstream_id,
            upstream=rp.Upstream(),
            update_mask=field_mask_pb2.FieldMask(paths=["tls_client_certificate_pem"]),
        ),
        metadata=c.admin,
    ).upstream
    assert not removed.tls_client_private_key_set and not removed.tls_client_certificate_pem
    assert not removed.HasField("tls_client_certificate_info")
    assert "upstream-client/his-mtls" not in secrets(c)
    context = cluster(c, "his-mtls")["transport_socket"]["typed_config"]["common_tls_context"]
    assert "tls_certificate_sds_secret_configs" not in context


def test_bad_client_certificates_are_refused_with_the_reason(platform: Platform) -> None:
    c = Catalog(platform)
    authority = ca.new_authority("测试医院", datetime.now(UTC))
    client = client_certificate(authority)
    expired = client_certificate(authority, now=datetime.now(UTC) - timedelta(days=40), days=10)
    stranger = client_certificate(authority)
    base = {
        "name": "his-mtls",
        "endpoints": [rp.Endpoint(host="his.hospital.internal", port=8443)],
        "tls": True,
    }
    cases = [
        (
            {"tls_client_certificate_pem": client.certificate_pem},
            {
                "upstream.tls_client_private_key_pem": "required: the private key of the client certificate"
            },
        ),
        (
            {"tls_client_private_key_pem": client.private_key_pem},
            {"upstream.tls_client_certificate_pem": "required with a private key"},
        ),
        (
            {
                "tls_client_certificate_pem": client.certificate_pem,
                "tls_client_private_key_pem": stranger.private_key_pem,
            },
            {
                "upstream.tls_client_private_key_pem": (
                    "this private key does not belong to the certificate (the first in the chain)"
                )
            },
        ),
        (
            {
                "tls_client_certificate_pem": client.private_key_pem,
                "tls_client_private_key_pem": client.private_key_pem,
            },
            {
                "upstream.tls_client_certificate_pem": (
                    "certificates only: this holds a private key, which goes in the private "
                    "key field"
                )
            },
        ),
        (
            {
                "tls_client_certificate_pem": client.certificate_pem,
                "tls_client_private_key_pem": "-----BEGIN PRIVATE KEY-----\nnot a key\n",
            },
            {
                "upstream.tls_client_private_key_pem": (
                    "not a PEM private key (-----BEGIN PRIVATE KEY----- ...)"
                )
            },
        ),
        (
            {
                "tls": False,
                "tls_client_certificate_pem": client.certificate_pem,
                "tls_client_private_key_pem": client.private_key_pem,
            },
            {"upstream.tls": "a client certificate is presented over TLS: turn TLS on"},
        ),
    ]
    for fields, expected in cases:
        refusal = refused(
            c.catalog.CreateUpstream,
            rp.CreateUpstreamRequest(upstream=rp.Upstream(**{**base, **fields})),
            c.admin,
        )
        assert refusal.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert field_violations(refusal) == expected, fields
        # The refusal never repeats the key it was given.
        assert client.private_key_pem.splitlines()[1] not in str(refusal.details())
    refusal = refused(
        c.catalog.CreateUpstream,
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                **base,
                tls_client_certificate_pem=expired.certificate_pem,
                tls_client_private_key_pem=expired.private_key_pem,
            )
        ),
        c.admin,
    )
    (message,) = field_violations(refusal).values()
    assert message.startswith("expired on ")
    listed = c.catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=c.admin).upstreams
    assert "his-mtls" not in {upstream.name for upstream in listed}
