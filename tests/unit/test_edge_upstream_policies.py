"""What the edge enforces for an upstream: verified TLS, retries of idempotent calls only,
circuit breakers, outlier detection, active health checks and load balancing."""

from __future__ import annotations

import base64
import json
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from deploy.envoy.command import envoy_binary
from deploy.envoy.config import (
    SYSTEM_CA_BUNDLE,
    ApiRoute,
    BindAddress,
    ChannelEdge,
    ChannelJwt,
    CircuitBreakers,
    ClientCertificate,
    Deprecation,
    EdgeConfig,
    Endpoint,
    HealthCheck,
    LoadBalancing,
    OutlierDetection,
    RetryPolicy,
    Upstream,
    UpstreamProtocol,
    UpstreamTls,
    build_channel_resources,
    build_edge_bootstrap,
    dump_yaml,
)
from services.identity import ca

REPO = Path(__file__).resolve().parents[2]
DESCRIPTOR_SET = REPO / "build" / "wailian.pb"
HCM = "envoy.filters.network.http_connection_manager"

Config = dict[str, Any]


@pytest.fixture(scope="module")
def jwks() -> str:
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    coordinates = {
        name: base64.urlsafe_b64encode(value.to_bytes(32, "big")).rstrip(b"=").decode()
        for name, value in (("x", numbers.x), ("y", numbers.y))
    }
    key = {"kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": "k1", **coordinates}
    return json.dumps({"keys": [key]})


@pytest.fixture(scope="module")
def ca_pem() -> str:
    return ca.new_authority("测试医院", datetime.now(UTC)).certificate_pem


def plain() -> Upstream:
    return Upstream("plain", (Endpoint("10.0.0.9", 8080),))


def guarded(ca_pem: str) -> Upstream:
    """An HTTPS upstream with every policy on."""
    return Upstream(
        "his",
        (Endpoint("his.hospital.internal", 8443), Endpoint("his.hospital.internal", 9443)),
        tls=UpstreamTls(ca_pem=ca_pem),
        retry=RetryPolicy(3, ("connect-failure", "5xx"), timedelta(milliseconds=1500)),
        circuit_breakers=CircuitBreakers(max_connections=64, max_requests=32),
        outlier_detection=OutlierDetection(5, timedelta(seconds=20), 50),
        health_check=HealthCheck(
            "/healthz",
            interval=timedelta(seconds=5),
            timeout=timedelta(seconds=1),
            expected_statuses=(204, 200, 200),
        ),
        load_balancing=LoadBalancing.RING_HASH,
    )


def grpc_upstream() -> Upstream:
    """A gRPC upstream on an IP address, trusting the system's roots."""
    return Upstream(
        "lis",
        (Endpoint("10.0.0.5", 50051),),
        protocol=UpstreamProtocol.HTTP2,
        tls=UpstreamTls(),
        retry=RetryPolicy(1),
        health_check=HealthCheck(grpc=True, grpc_service_name="lis.v1.Reports"),
        load_balancing=LoadBalancing.LEAST_REQUEST,
    )


def mutual(ca_pem: str) -> Upstream:
    """An upstream that requires the edge's client certificate (mutual TLS)."""
    authority = ca.new_authority("测试医院", datetime.now(UTC))
    now = datetime.now(UTC)
    issued = ca.issue_client_certificate(
        authority,
        channel_id="0b7f4b8e-6a59-4a3c-9b57-7d0c8c6f1e21",
        channel_code="wailian-edge",
        credential_id="edge",
        not_after=now + timedelta(days=30),
        now=now,
    )
    return Upstream(
        "mutual",
        (Endpoint("pacs.hospital.internal", 8443),),
        tls=UpstreamTls(
            ca_pem=ca_pem,
            client_certificate=ClientCertificate(issued.certificate_pem, issued.private_key_pem),
        ),
    )


SINCE = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)
SUNSET = datetime(2027, 3, 31, 16, 0, tzinfo=UTC)
ROUTES = (
    ApiRoute("his.doctors.get", "GET", "/his/doctors/{code}", "his"),
    ApiRoute("his.bookings.create", "POST", "/his/bookings", "his"),
    ApiRoute("his.bookings.cancel", "DELETE", "/his/bookings/{id}", "his"),
    ApiRoute("his.bookings.update", "PATCH", "/his/bookings/{id}", "his"),
    ApiRoute("his.bookings.replace", "PUT", "/his/bookings/{id}", "his"),
    ApiRoute("lis.reports.list", "GET", "/lis/reports", "lis"),
    ApiRoute("plain.list", "GET", "/plain", "plain"),
    ApiRoute(
        "mutual.images",
        "GET",
        "/pacs/images",
        "mutual",
        deprecation=Deprecation(SINCE, SUNSET, "https://docs.example.org/pacs/v2?from=v1%2F"),
    ),
    ApiRoute("mutual.studies", "GET", "/pacs/studies", "mutual", deprecation=Deprecation(SINCE)),
)


def edge(jwks: str, ca_pem: str, tmp_path: Path) -> EdgeConfig:
    return EdgeConfig(
        channel_listener=BindAddress("127.0.0.1", 8080),
        console_listener=BindAddress("127.0.0.1", 8081),
        admin_port=9901,
        backends={"identity": Endpoint("127.0.0.1", 50051)},
        http_backends={"identity": Endpoint("127.0.0.1", 8101)},
        web=Endpoint("127.0.0.1", 5173),
        descriptor_set=DESCRIPTOR_SET,
        grpc_services=(),
        jwt=ChannelJwt(jwks=jwks),
        api_routes=ROUTES,
        upstreams=(guarded(ca_pem), grpc_upstream(), plain(), mutual(ca_pem)),
    )


def clusters(bootstrap: Config) -> dict[str, Config]:
    return {cluster["name"]: cluster for cluster in bootstrap["static_resources"]["clusters"]}


def routes(bootstrap: Config) -> dict[str, Config]:
    listener = bootstrap["static_resources"]["listeners"][0]
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    return {route["name"]: route for route in manager["route_config"]["virtual_hosts"][0]["routes"]}


def test_envoy_accepts_every_policy(jwks: str, ca_pem: str, tmp_path: Path) -> None:
    path = tmp_path / "envoy.yaml"
    path.write_text(dump_yaml(build_edge_bootstrap(edge(jwks, ca_pem, tmp_path))))
    result = subprocess.run(
        [str(envoy_binary()), "--mode", "validate", "--disable-hot-restart", "-c", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_tls_verifies_the_upstreams_ca_and_name(jwks: str, ca_pem: str, tmp_path: Path) -> None:
    found = clusters(build_edge_bootstrap(edge(jwks, ca_pem, tmp_path)))
    his = found["his"]["transport_socket"]["typed_config"]
    assert his["sni"] == "his.hospital.internal"  # the endpoints' host
    validation = his["common_tls_context"]["validation_context"]
    assert validation["trusted_ca"] == {"inline_string": ca_pem}
    assert validation["match_typed_subject_alt_names"] == [
        {"san_type": "DNS", "matcher": {"exact": "his.hospital.internal"}}
    ]
    assert his["common_tls_context"]["alpn_protocols"] == ["http/1.1"]
    # No CA of its own: the system's roots, still verified; an IP is checked as an IP SAN
    # and not sent as SNI.
    lis = found["lis"]["transport_socket"]["typed_config"]
    assert lis["common_tls_context"]["validation_context"] == {
        "trusted_ca": {"filename": str(SYSTEM_CA_BUNDLE)},
        "match_typed_subject_alt_names": [
            {"san_type": "IP_ADDRESS", "matcher": {"exact": "10.0.0.5"}}
        ],
    }
    assert "sni" not in lis
    assert lis["common_tls_context"]["alpn_protocols"] == ["h2"]


def test_an_explicit_server_name_is_what_is_sent_and_checked() -> None:
    upstream = Upstream(
        "his",
        (Endpoint("10.0.0.1", 443), Endpoint("10.0.0.2", 443)),
        tls=UpstreamTls(server_name="his.example.org"),
    )
    assert upstream.tls_server_name == "his.example.org"
    with pytest.raises(ValueError, match="need a TLS server name"):
        Upstream("his", upstream.endpoints, tls=UpstreamTls())


def test_only_idempotent_methods_are_retried(jwks: str, ca_pem: str, tmp_path: Path) -> None:
    found = routes(build_edge_bootstrap(edge(jwks, ca_pem, tmp_path)))
    expected = {"retry_on": "connect-failure,5xx", "num_retries": 3, "per_try_timeout": "1.5s"}
    for name in ("his.doctors.get", "his.bookings.cancel", "his.bookings.replace"):
        assert found[name]["route"]["retry_policy"] == expected, name
    for name in ("his.bookings.create", "his.bookings.update", "plain.list"):
        assert "retry_policy" not in found[name]["route"], name
    assert found["lis.reports.list"]["route"]["retry_policy"] == {
        "retry_on": "connect-failure,refused-stream,reset",
        "num_retries": 1,
    }


def test_circuit_breakers_outlier_detection_and_health_checks(
    jwks: str, ca_pem: str, tmp_path: Path
) -> None:
    found = clusters(build_edge_bootstrap(edge(jwks, ca_pem, tmp_path)))
    his = found["his"]
    # Only the limits set: the others keep Envoy's defaults.
    assert his["circuit_breakers"] == {
        "thresholds": [{"priority": "DEFAULT", "max_connections": 64, "max_requests": 32}]
    }
    assert his["outlier_detection"] == {
        "consecutive_5xx": 5,
        "base_ejection_time": "20s",
        "max_ejection_percent": 50,
    }
    assert his["health_checks"] == [
        {
            "timeout": "1s",
            "interval": "5s",
            "healthy_threshold": 2,
            "unhealthy_threshold": 3,
            "http_health_check": {
                "path": "/healthz",
                "expected_statuses": [{"start": 200, "end": 201}, {"start": 204, "end": 205}],
            },
        }
    ]
    lis_check = found["lis"]["health_checks"][0]
    assert lis_check["grpc_health_check"] == {"service_name": "lis.v1.Reports"}
    assert "http_health_check" not in lis_check


def test_load_balancing_and_ring_hash_on_the_client_ip(
    jwks: str, ca_pem: str, tmp_path: Path
) -> None:
    bootstrap = build_edge_bootstrap(edge(jwks, ca_pem, tmp_path))
    found = clusters(bootstrap)
    assert found["his"]["lb_policy"] == "RING_HASH"
    assert found["lis"]["lb_policy"] == "LEAST_REQUEST"
    by_route = routes(bootstrap)
    for name in ("his.doctors.get", "his.bookings.create"):
        assert by_route[name]["route"]["hash_policy"] == [
            {"connection_properties": {"source_ip": True}}
        ]
    assert "hash_policy" not in by_route["lis.reports.list"]["route"]


def test_an_upstream_without_policies_adds_nothing(jwks: str, ca_pem: str, tmp_path: Path) -> None:
    bootstrap = build_edge_bootstrap(edge(jwks, ca_pem, tmp_path))
    cluster = clusters(bootstrap)["plain"]
    for key in (
        "transport_socket",
        "circuit_breakers",
        "outlier_detection",
        "health_checks",
        "lb_policy",
    ):
        assert key not in cluster
    assert set(routes(bootstrap)["plain.list"]["route"]) == {"cluster", "timeout", "idle_timeout"}


def test_a_client_certificate_is_inline_in_a_bootstrap_and_a_secret_over_ads(
    jwks: str, ca_pem: str, tmp_path: Path
) -> None:
    config = edge(jwks, ca_pem, tmp_path)
    certificate = config.upstreams[3].tls.client_certificate  # type: ignore[union-attr]
    assert certificate is not None
    assert certificate.private_key not in repr(certificate)
    inline = clusters(build_edge_bootstrap(config))["mutual"]["transport_socket"]["typed_config"]
    assert inline["common_tls_context"]["tls_certificates"] == [
        {
            "certificate_chain": {"inline_string": certificate.certificate_chain_pem},
            "private_key": {"inline_string": certificate.private_key},
        }
    ]
    # From a control plane: the cluster names the secret, served beside it (SDS over ADS).
    source = {"ads": {}, "resource_api_version": "V3"}
    built = build_channel_resources(config.channel, route_source=source)
    (cluster,) = [c for c in built.clusters if c["name"] == "mutual"]
    context = cluster["transport_socket"]["typed_config"]["common_tls_context"]
    assert "tls_certificates" not in context
    assert context["tls_certificate_sds_secret_configs"] == [
        {"name": "upstream-client/mutual", "sds_config": source}
    ]
    assert built.secrets == [
        {
            "name": "upstream-client/mutual",
            "tls_certificate": {
                "certificate_chain": {"inline_string": certificate.certificate_chain_pem},
                "private_key": {"inline_string": certificate.private_key},
            },
        }
    ]
    # Upstreams without one have neither.
    assert isinstance(config.channel, ChannelEdge) and len(built.secrets) == 1
    (his,) = [c for c in built.clusters if c["name"] == "his"]
    assert "tls_certificate_sds_secret_configs" not in json.dumps(his)


def test_a_deprecated_api_announces_it_in_its_responses(
    jwks: str, ca_pem: str, tmp_path: Path
) -> None:
    found = routes(build_edge_bootstrap(edge(jwks, ca_pem, tmp_path)))
    overwrite = "OVERWRITE_IF_EXISTS_OR_ADD"
    assert found["mutual.images"]["response_headers_to_add"] == [
        {"header": {"key": "deprecation", "value": "@1793520000"}, "append_action": overwrite},
        {
            "header": {"key": "sunset", "value": "Wed, 31 Mar 2027 16:00:00 GMT"},
            "append_action": overwrite,
        },
        {
            "header": {
                "key": "link",
                # A literal % is doubled: Envoy reads %...% as a command.
                "value": '<https://docs.example.org/pacs/v2?from=v1%%2F>; rel="deprecation"; '
                'type="text/html"',
            },
            "append_action": overwrite,
        },
    ]
    assert [h["header"]["key"] for h in found["mutual.studies"]["response_headers_to_add"]] == [
        "deprecation"
    ]
    for name in ("his.doctors.get", "plain.list"):
        assert "response_headers_to_add" not in found[name]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ClientCertificate("not a certificate", "key"), "not a PEM certificate"),
        (lambda: Deprecation(datetime(2026, 1, 1)), "time zone"),
        (lambda: Deprecation(SINCE, link='https://x.org/"a"'), "plain http"),
        (lambda: RetryPolicy(0), "1 to 10"),
        (lambda: RetryPolicy(2, ("sometimes",)), "unknown retry conditions"),
        (lambda: RetryPolicy(2, per_try_timeout=timedelta(0)), "positive"),
        (lambda: CircuitBreakers(max_requests=-1), "negative"),
        (lambda: OutlierDetection(0), "at least one"),
        (lambda: OutlierDetection(3, max_ejection_percent=101), "0-100"),
        (lambda: HealthCheck("healthz"), "must start with '/'"),
        (lambda: HealthCheck(healthy_threshold=0), "at least 1"),
        (lambda: HealthCheck(expected_statuses=(99,)), "100-599"),
        (lambda: UpstreamTls(ca_pem="not a certificate"), "not a PEM"),
        (
            lambda: Upstream("x", (Endpoint("10.0.0.1", 80),), health_check=HealthCheck(grpc=True)),
            "need HTTP/2",
        ),
    ],
)
def test_invalid_policies_fail_fast(make: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()
