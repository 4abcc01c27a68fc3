"""Registry's fast dictionary → protobuf conversion gives exactly what protobuf's own parser gives."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from google.protobuf import json_format
from google.protobuf.message import Message

from deploy.envoy import inputs
from services.registry import edge, proto_dict
from services.registry.xds import _MESSAGES
from wailian.registry.v1 import catalog_pb2

CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
JWKS = json.dumps({"keys": [{"kty": "EC", "crv": "P-256", "x": "x", "y": "y", "kid": "k1"}]})


def every_feature(tmp_path: Path) -> list[edge.Resource]:
    """An edge with each thing the generator can produce: limits, quotas, allow-lists,
    revocations, grants, templates and literal paths, both listeners, and upstreams with TLS,
    retries, circuit breakers, outlier detection, health checks and each load balancing."""
    for name in ("cert.pem", "key.pem"):
        (tmp_path / name).write_text("-----BEGIN-----\n")
    settings = edge.load_edge_settings(
        tmp_path,
        {
            "WAILIAN_EDGE_CHANNEL_LISTEN": "127.0.0.1:0",
            "WAILIAN_EDGE_MTLS_LISTEN": "127.0.0.1:0",
            "WAILIAN_EDGE_TLS_CERT_FILE": str(tmp_path / "cert.pem"),
            "WAILIAN_EDGE_TLS_KEY_FILE": str(tmp_path / "key.pem"),
        },
    )
    channels = (
        inputs.ChannelPolicy("c-app", "app", rate_limit_per_second=20, daily_quota=1000),
        inputs.ChannelPolicy("c-kiosk", "kiosk", ip_allow_list=("10.1.0.0/16", "192.168.1.7/32")),
        inputs.ChannelPolicy("c-off", "off", enabled=False),
    )
    identity = edge.ChannelState(
        revision=7,
        jwks=JWKS,
        channels=channels,
        revoked_credentials=frozenset({"cred-1", "AB:CD"}),
        over_quota=frozenset({"c-app"}),
        client_ca_pem="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    )
    upstreams = [
        inputs.Upstream(
            "his",
            (inputs.Endpoint("127.0.0.1", 9100, 3), inputs.Endpoint("h2", 1)),
            tls=inputs.UpstreamTls(server_name="his.hospital.internal", ca_pem=CA_PEM),
            retry=inputs.RetryPolicy(2, ("connect-failure", "5xx"), timedelta(seconds=2)),
            circuit_breakers=inputs.CircuitBreakers(max_connections=100, max_requests=50),
            outlier_detection=inputs.OutlierDetection(5, timedelta(seconds=10), 50),
            health_check=inputs.HealthCheck("/healthz", expected_statuses=(200, 204)),
            load_balancing=inputs.LoadBalancing.RING_HASH,
        ),
        inputs.Upstream(
            "lis",
            (inputs.Endpoint("10.0.0.5", 50051),),
            protocol=inputs.UpstreamProtocol.HTTP2,
            tls=inputs.UpstreamTls(),
            health_check=inputs.HealthCheck(grpc=True, grpc_service_name="lis.v1.Reports"),
            load_balancing=inputs.LoadBalancing.LEAST_REQUEST,
        ),
        inputs.Upstream(
            "pacs",
            (inputs.Endpoint("pacs.hospital.internal", 8080),),
            health_check=inputs.HealthCheck("/status"),
            load_balancing=inputs.LoadBalancing.RANDOM,
        ),
    ]
    routes = [
        inputs.ApiRoute("doctor.get", "GET", "/v1/doctors/{code}", "his", "/his/doctors/{code}"),
        inputs.ApiRoute("booking.create", "POST", "/v1/bookings", "his", "/his/bookings"),
        inputs.ApiRoute("report.list", "GET", "/v1/reports", "lis"),
        inputs.ApiRoute("image.get", "GET", "/v1/images/{id}", "pacs"),
    ]
    grants = {
        "doctor.get": frozenset({"c-app", "c-kiosk"}),
        "booking.create": frozenset({"c-app"}),
    }
    return edge.build_resources(edge.channel_edge(settings, identity, upstreams, routes, grants))


def test_every_resource_converts_exactly_as_protobufs_parser_does(tmp_path: Path) -> None:
    converted = 0
    for resource in every_feature(tmp_path):
        factory = _MESSAGES.get(resource.type_url)
        if factory is None:
            continue
        expected = json_format.ParseDict(dict(resource.body), factory())
        fast = proto_dict.parse(resource.body, factory())
        assert fast == expected, resource.name
        assert fast.SerializeToString(deterministic=True) == expected.SerializeToString(
            deterministic=True
        )
        converted += 1
    assert converted >= 4  # two listeners, the route configuration, the clusters


def fill(value: dict[str, object]) -> Message:
    return proto_dict.parse(value, catalog_pb2.ApiService())


def test_nested_messages_enums_and_timestamps_are_filled() -> None:
    service = fill(
        {
            "code": "doctor.get",
            "status": "API_SERVICE_STATUS_PUBLISHED",
            "audit": {"create_time": "2026-11-29T08:00:00Z"},
            "parameters": [{"name": "code"}],
        }
    )
    assert service == json_format.ParseDict(
        {
            "code": "doctor.get",
            "status": "API_SERVICE_STATUS_PUBLISHED",
            "audit": {"createTime": "2026-11-29T08:00:00Z"},
            "parameters": [{"name": "code"}],
        },
        catalog_pb2.ApiService(),
    )


def test_a_name_the_message_does_not_have_is_refused_with_its_path() -> None:
    with pytest.raises(ValueError, match=r'^audit: .*AuditInfo has no field named "nonsense"'):
        fill({"code": "x", "audit": {"nonsense": 1}})


@pytest.mark.parametrize(
    "bad",
    [{"nonsense": 1}, {"status": "NO_SUCH_STATUS"}, {"audit": {"create_time": "yesterday"}}],
)
def test_bad_values_are_refused_as_protobufs_parser_refuses_them(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        fill(bad)
    with pytest.raises(json_format.ParseError):
        json_format.ParseDict(bad, catalog_pb2.ApiService())
