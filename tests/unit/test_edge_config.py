"""The edge configuration generator: every configuration it emits is one Envoy accepts."""

from __future__ import annotations

import base64
import json
import re
import subprocess
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from cryptography.hazmat.primitives.asymmetric import ec
from google.api import annotations_pb2
from google.protobuf import descriptor_pb2

from deploy.envoy.command import envoy_binary
from deploy.envoy.config import (
    ADMIN_ADDRESS,
    ADS_SOURCE,
    CHANNEL_IDENTITY_CLAIMS,
    CHANNEL_LISTENER,
    CONSOLE_LISTENER,
    INTERNAL_REQUEST_HEADERS,
    OAUTH2_PATH,
    OAUTH2_SERVICE,
    STRIPPED_REQUEST_HEADER_PREFIXES,
    AccessLog,
    ApiRoute,
    BindAddress,
    ChannelAccess,
    ChannelJwt,
    ChannelPolicy,
    EdgeConfig,
    Endpoint,
    MutualTls,
    Upstream,
    UpstreamProtocol,
    build_bare_proxy_bootstrap,
    build_channel_resources,
    build_direct_response_bootstrap,
    build_edge_bootstrap,
    dump_yaml,
)
from deploy.envoy.descriptors import wailian_services
from services.identity import ca

REPO = Path(__file__).resolve().parents[2]
DESCRIPTOR_SET = REPO / "build" / "wailian.pb"
BACKENDS = ("identity", "registry", "payment", "publishing", "monitor")
HCM = "envoy.filters.network.http_connection_manager"

Bootstrap = dict[str, Any]


@pytest.fixture(scope="module")
def grpc_services() -> tuple[str, ...]:
    if not DESCRIPTOR_SET.is_file():
        pytest.fail(f"{DESCRIPTOR_SET} is missing: run `make build/wailian.pb`")
    return wailian_services(DESCRIPTOR_SET)


@pytest.fixture(scope="module")
def jwks() -> str:
    numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
    coordinates = {
        name: base64.urlsafe_b64encode(value.to_bytes(32, "big")).rstrip(b"=").decode()
        for name, value in (("x", numbers.x), ("y", numbers.y))
    }
    key = {"kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": "k1", **coordinates}
    return json.dumps({"keys": [key]})


def backends_for(services: tuple[str, ...]) -> set[str]:
    """The platform backends, and any other the descriptor set's services name."""
    return set(BACKENDS) | {service.split(".")[1] for service in services}


def api_routes() -> tuple[ApiRoute, ...]:
    return (
        ApiRoute("his.departments.list", "GET", "/his/departments", "his", "/api/departments"),
        ApiRoute("his.departments.create", "POST", "/his/departments", "his"),
        ApiRoute(
            "his.doctors.get",
            "GET",
            "/his/departments/{department_id}/doctors/{doctor_id}",
            "his",
            "/api/doctors/{doctor_id}/departments/{department_id}",
            timeout=timedelta(seconds=3),
        ),
        ApiRoute("his.schedules.list", "GET", "/his/schedules/{day}", "lis"),
    )


def longest_template_route() -> ApiRoute:
    """256 characters, five variables of sixteen, every pchar a literal segment may hold: the
    largest regex a registry-accepted API path becomes."""
    variables = [f"{{v{i}{'x' * 13}}}" for i in range(5)]
    literal = "a-._~%!$&'()+,;:@="
    path = "/" + "/".join(f"{literal}/{variable}" for variable in variables)
    path += "/" + "z" * (256 - len(path) - 1)
    assert len(path) == 256
    return ApiRoute("his.longest", "GET", path, "his", "/api/" + "/".join(reversed(variables)))


def upstreams() -> tuple[Upstream, ...]:
    return (
        Upstream("his", (Endpoint("10.1.2.3", 8080, weight=3), Endpoint("10.1.2.4", 8080))),
        Upstream(
            "lis",
            (Endpoint("lis.hospital.internal", 8443),),
            protocol=UpstreamProtocol.HTTP2,
            connect_timeout=timedelta(milliseconds=250),
        ),
    )


def channel_access() -> ChannelAccess:
    return ChannelAccess(
        channels=(
            ChannelPolicy("c-app", "app", rate_limit_per_second=50),
            ChannelPolicy("c-kiosk", "kiosk", ip_allow_list=("10.1.0.0/16", "192.168.3.7")),
            ChannelPolicy("c-old", "old", enabled=False, rate_limit_per_second=5),
        ),
        revoked_credentials=frozenset({"cred-1", "cred-2"}),
        grants={
            "his.departments.list": frozenset({"c-app", "c-kiosk"}),
            "his.doctors.get": frozenset({"c-app"}),
        },
        over_quota=frozenset({"c-kiosk"}),
    )


def mutual_tls(config: EdgeConfig) -> MutualTls:
    """The edge's certificate files beside its access log, and a client CA."""
    assert config.access_log is not None
    directory = config.access_log.path.parent
    now = datetime.now(UTC)
    authority = ca.new_authority("测试医院", now)
    server = ca.issue_server_certificate(authority, ["127.0.0.1", "localhost"], now)
    (directory / "edge.pem").write_text(server.certificate_pem)
    (directory / "edge.key").write_text(server.private_key_pem)
    return MutualTls(
        listener=BindAddress("0.0.0.0", 8443),
        certificate_file=directory / "edge.pem",
        private_key_file=directory / "edge.key",
        client_ca_pem=authority.certificate_pem,
    )


@pytest.fixture
def edge_config(grpc_services: tuple[str, ...], jwks: str, tmp_path: Path) -> EdgeConfig:
    return EdgeConfig(
        channel_listener=BindAddress("0.0.0.0", 8080),
        console_listener=BindAddress("0.0.0.0", 8081),
        admin_port=9901,
        backends={
            name: Endpoint("127.0.0.1", 50051 + i)
            for i, name in enumerate(sorted(backends_for(grpc_services)))
        },
        http_backends={"identity": Endpoint("127.0.0.1", 8101)},
        web=Endpoint("localhost", 5173),
        descriptor_set=DESCRIPTOR_SET,
        grpc_services=grpc_services,
        jwt=ChannelJwt(jwks=jwks),
        api_routes=api_routes(),
        upstreams=upstreams(),
        access_log=AccessLog(tmp_path / "channel-access.jsonl"),
    )


VARIANTS: dict[str, Callable[[EdgeConfig], Bootstrap]] = {
    "edge, API routes with templates and both log sinks": build_edge_bootstrap,
    "edge, no API routes and no access log": lambda config: build_edge_bootstrap(
        replace(config, api_routes=(), upstreams=(), access_log=None)
    ),
    "edge, exact API paths only": lambda config: build_edge_bootstrap(
        replace(config, api_routes=tuple(r for r in api_routes() if not r.is_template))
    ),
    "edge, template API paths only": lambda config: build_edge_bootstrap(
        replace(config, api_routes=tuple(r for r in api_routes() if r.is_template))
    ),
    "edge, the longest template path the registry accepts": lambda config: build_edge_bootstrap(
        replace(config, api_routes=(longest_template_route(),))
    ),
    "edge, file access log only": lambda config: build_edge_bootstrap(
        replace(config, access_log=replace(config.access_log, grpc_backend=None))
    ),
    "edge, console without gRPC services": lambda config: build_edge_bootstrap(
        replace(
            config,
            grpc_services=(),
            backends={name: config.backends[name] for name in ("identity", "monitor")},
        )
    ),
    "edge, channel access with signatures, IP fences, grants and rate limits": lambda config: (
        build_edge_bootstrap(replace(config, access=channel_access()))
    ),
    "edge, channel access and a mutual-TLS listener": lambda config: build_edge_bootstrap(
        replace(config, access=channel_access(), mutual_tls=mutual_tls(config))
    ),
    "edge, channel access, tokens only, nothing granted, no channels": lambda config: (
        build_edge_bootstrap(replace(config, access=ChannelAccess(signature_backend=None)))
    ),
    "bare proxy, HTTP/1.1 upstream": lambda config: build_bare_proxy_bootstrap(
        BindAddress("127.0.0.1", 10000), 9902, upstreams()[0]
    ),
    "bare proxy, HTTP/2 upstream by name": lambda config: build_bare_proxy_bootstrap(
        BindAddress("127.0.0.1", 10000), 9902, upstreams()[1]
    ),
    "direct response": lambda config: build_direct_response_bootstrap(
        BindAddress("127.0.0.1", 10001), 9903
    ),
}


def envoy_validate(bootstrap: Bootstrap, directory: Path) -> subprocess.CompletedProcess[str]:
    path = directory / "envoy.yaml"
    path.write_text(dump_yaml(bootstrap))
    return subprocess.run(
        [
            str(envoy_binary()),
            "--mode",
            "validate",
            "--disable-hot-restart",
            "-l",
            "error",
            "-c",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("variant", VARIANTS)
def test_envoy_accepts_the_configuration(
    variant: str, edge_config: EdgeConfig, tmp_path: Path
) -> None:
    result = envoy_validate(VARIANTS[variant](edge_config), tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


def test_envoy_rejects_a_broken_configuration(edge_config: EdgeConfig, tmp_path: Path) -> None:
    # Guards the test above: validation must be able to fail.
    bootstrap = build_edge_bootstrap(edge_config)
    bootstrap["static_resources"]["clusters"][0]["connect_timeout"] = "soon"
    assert envoy_validate(bootstrap, tmp_path).returncode != 0


@pytest.mark.parametrize("variant", VARIANTS)
def test_admin_listens_on_loopback_only(variant: str, edge_config: EdgeConfig) -> None:
    admin = VARIANTS[variant](edge_config)["admin"]
    assert admin["address"]["socket_address"]["address"] == ADMIN_ADDRESS == "127.0.0.1"


def test_channel_traffic_is_buffered_32k_and_console_answers_4m(edge_config: EdgeConfig) -> None:
    resources = build_edge_bootstrap(edge_config)["static_resources"]
    assert len(resources["listeners"]) == 2
    limits = {r["name"]: r["per_connection_buffer_limit_bytes"] for r in resources["listeners"]}
    # Channels (outsiders) get Envoy's edge advice; the console's transcoded JSON answers, from
    # the platform's own services, are buffered whole and may run to hundreds of KiB.
    assert limits == {CHANNEL_LISTENER: 32768, CONSOLE_LISTENER: 4 * 1024 * 1024}
    for cluster in resources["clusters"]:
        # The platform's gRPC services; not the console's static files, which stream.
        backend = cluster["name"].startswith("wailian_") and cluster["name"] not in (
            "wailian_web",
            "wailian_xds",
        )
        expected = 4 * 1024 * 1024 if backend else 32768
        assert cluster["per_connection_buffer_limit_bytes"] == expected, cluster["name"]


def test_both_listeners_harden_http(edge_config: EdgeConfig) -> None:
    for manager in connection_managers(build_edge_bootstrap(edge_config)):
        assert manager["common_http_protocol_options"]["headers_with_underscores_action"] == (
            "REJECT_REQUEST"
        )
        assert manager["use_remote_address"] is True
        assert manager["xff_num_trusted_hops"] == 0
        assert manager["internal_address_config"]["cidr_ranges"] == [
            {"address_prefix": "127.0.0.0", "prefix_len": 8},
            {"address_prefix": "::1", "prefix_len": 128},
        ]
        assert manager["normalize_path"] is manager["merge_slashes"] is True
        assert manager["path_with_escaped_slashes_action"] == "REJECT_REQUEST"
        assert manager["http2_protocol_options"] == {
            "max_concurrent_streams": 100,
            "initial_stream_window_size": 65536,
            "initial_connection_window_size": 1048576,
        }
        router = manager["http_filters"][-1]
        assert router["typed_config"]["suppress_envoy_headers"] is True


def test_internal_cidrs_are_an_input(edge_config: EdgeConfig) -> None:
    bootstrap = build_edge_bootstrap(replace(edge_config, internal_cidrs=("10.0.0.0/8",)))
    for manager in connection_managers(bootstrap):
        ranges = manager["internal_address_config"]["cidr_ranges"]
        assert ranges == [{"address_prefix": "10.0.0.0", "prefix_len": 8}]


def test_overload_manager_limits_heap_and_downstream_connections(
    edge_config: EdgeConfig,
) -> None:
    overload = build_edge_bootstrap(edge_config)["overload_manager"]
    monitors = {monitor["name"] for monitor in overload["resource_monitors"]}
    assert monitors == {
        "envoy.resource_monitors.fixed_heap",
        "envoy.resource_monitors.global_downstream_max_connections",
    }
    actions = {action["name"] for action in overload["actions"]}
    assert actions == {
        "envoy.overload_actions.shrink_heap",
        "envoy.overload_actions.stop_accepting_requests",
    }


def test_internal_headers_are_stripped_before_any_other_filter(edge_config: EdgeConfig) -> None:
    platform_headers = (*INTERNAL_REQUEST_HEADERS, *CHANNEL_IDENTITY_CLAIMS.values())
    assert all(header.startswith(STRIPPED_REQUEST_HEADER_PREFIXES) for header in platform_headers)
    for manager in connection_managers(build_edge_bootstrap(edge_config)):
        # Before it only filters that do nothing unless a route switches them on.
        filters = manager["http_filters"]
        position = [f["name"] for f in filters].index("wailian.strip_internal_headers")
        assert all(f.get("disabled") for f in filters[:position])
        first = filters[position]["typed_config"]
        removed = {
            mutation["remove_on_match"]["key_matcher"]["prefix"]
            for mutation in first["mutations"]["request_mutations"]
        }
        assert removed == {"x-wailian-", "x-envoy-"}


def test_every_api_route_requires_a_channel_token_but_the_token_endpoint(
    edge_config: EdgeConfig,
) -> None:
    channel = connection_managers(build_edge_bootstrap(edge_config))[0]
    routes = channel["route_config"]["virtual_hosts"][0]["routes"]
    jwt = {
        route["name"]: route["typed_per_filter_config"]["envoy.filters.http.jwt_authn"]
        for route in routes
    }
    token_route = next(route for route in routes if route["match"].get("path") == OAUTH2_PATH)
    assert jwt.pop(token_route["name"]) == {
        "@type": "type.googleapis.com/envoy.extensions.filters.http.jwt_authn.v3.PerRouteConfig",
        "disabled": True,
    }
    assert set(jwt) == {route.name for route in api_routes()}
    assert all(config["requirement_name"] == "channel" for config in jwt.values())
    assert not any("prefix" in route["match"] for route in routes), "no catch-all route"


def test_the_token_endpoint_and_signature_checks_go_to_identitys_http_port(
    edge_config: EdgeConfig,
) -> None:
    """RFC 6749 answers come from identity itself (no gRPC status to translate), and signed
    requests are checked over HTTP; both on identity's HTTP port, a cluster of its own."""
    config = replace(edge_config, access=channel_access())
    bootstrap = build_edge_bootstrap(config)
    (identity_http,) = [
        c for c in bootstrap["static_resources"]["clusters"] if c["name"] == "wailian_identity_http"
    ]
    endpoint = identity_http["load_assignment"]["endpoints"][0]["lb_endpoints"][0]["endpoint"]
    assert endpoint["address"]["socket_address"] == {"address": "127.0.0.1", "port_value": 8101}
    channel = connection_managers(bootstrap)[0]
    routes = channel["route_config"]["virtual_hosts"][0]["routes"]
    token_route = next(r for r in routes if r["name"] == "oauth2.token")
    assert token_route["route"]["cluster"] == "wailian_identity_http"
    assert token_route["route"]["prefix_rewrite"] == "/edge/oauth2/token"
    (signature,) = [f for f in channel["http_filters"] if f["name"] == "wailian.signature"]
    service = signature["typed_config"]["extension_config"]["typed_config"]["http_service"]
    assert service["server_uri"]["cluster"] == "wailian_identity_http"
    assert service["path_prefix"] == "/edge/signature-check"
    assert service["authorization_response"]["allowed_upstream_headers"]["patterns"] == [
        {"exact": "x-wailian-channel-id"},
        {"exact": "x-wailian-channel-code"},
        {"exact": "x-wailian-credential-id"},
    ]


def test_channel_checks_run_after_authentication_in_the_promised_order(
    edge_config: EdgeConfig,
) -> None:
    channel = connection_managers(
        build_edge_bootstrap(replace(edge_config, access=channel_access()))
    )[0]
    assert [f["name"] for f in channel["http_filters"]] == [
        "wailian.strip_internal_headers",
        "envoy.filters.http.jwt_authn",
        "wailian.signature",  # identity's check of signed requests; skipped with a Bearer token
        "wailian.channel_checks",  # 401 revoked; 403 disabled or unknown channel; 403 IP
        "wailian.grants",  # 403 not granted
        "wailian.rate_limit",  # 429
        "wailian.daily_quota",  # 429
        "envoy.filters.http.router",
    ]
    # A token is optional only because a signature may come instead; a bad one is refused.
    jwt = channel["http_filters"][1]["typed_config"]
    assert jwt["requirement_map"]["channel"]["requires_any"]["requirements"] == [
        {"provider_name": "wailian"},
        {"allow_missing": {}},
    ]
    tokens_only = connection_managers(
        build_edge_bootstrap(replace(edge_config, access=ChannelAccess(signature_backend=None)))
    )[0]
    assert "wailian.signature" not in [f["name"] for f in tokens_only["http_filters"]]
    assert tokens_only["http_filters"][1]["typed_config"]["requirement_map"]["channel"] == {
        "provider_name": "wailian"
    }


def test_channel_rules_travel_with_the_routes_not_the_listener(edge_config: EdgeConfig) -> None:
    """Routes (RDS) apply to open connections with the next request; a listener change would
    leave them on the old rules until they drain."""
    access = channel_access()
    built = build_channel_resources(
        replace(edge_config, access=access).channel, route_source=ADS_SOURCE
    )
    listener = json.dumps(built.listeners)
    routes = json.dumps(built.route_configs)
    for channel in access.channels:
        assert channel.channel_id not in listener
        # A disabled channel is refused for not being among the enabled ones.
        assert (channel.channel_id in routes) == channel.enabled
    for credential in access.revoked_credentials:
        assert credential not in listener
        assert credential in routes


def test_each_api_route_lets_through_only_its_granted_channels(edge_config: EdgeConfig) -> None:
    channel = connection_managers(
        build_edge_bootstrap(replace(edge_config, access=channel_access()))
    )[0]
    routes = channel["route_config"]["virtual_hosts"][0]["routes"]
    granted = {}
    for route in routes:
        per_route = route["typed_per_filter_config"]
        if route["match"].get("path") == OAUTH2_PATH:
            # Getting a token needs no grant and no signature.
            assert "rbac" not in per_route["wailian.grants"]
            assert per_route["wailian.signature"]["disabled"] is True
            continue
        policies = per_route["wailian.grants"]["rbac"]["rules"]["policies"]
        granted[route["name"]] = sorted(
            principal["header"]["string_match"]["exact"]
            for principal in (
                policies["api_granted"]["principals"][0]["or_ids"]["ids"] if policies else []
            )
        )
    assert granted["his.departments.list"] == ["c-app", "c-kiosk"]
    assert granted["his.doctors.get"] == ["c-app"]
    assert granted["his.departments.create"] == []  # granted to nobody: refused to all


def test_template_paths_match_whole_segments_and_rewrite_by_name(
    edge_config: EdgeConfig,
) -> None:
    channel = connection_managers(build_edge_bootstrap(edge_config))[0]
    routes = {
        route["name"]: route for route in channel["route_config"]["virtual_hosts"][0]["routes"]
    }
    listing = routes["his.departments.list"]
    assert listing["match"]["path"] == "/his/departments"
    assert listing["match"]["headers"] == [{"name": ":method", "string_match": {"exact": "GET"}}]
    assert listing["route"]["prefix_rewrite"] == "/api/departments"
    assert "prefix_rewrite" not in routes["his.departments.create"]["route"]
    doctor = routes["his.doctors.get"]
    assert doctor["route"]["timeout"] == "3s"
    # The RE2 patterns below use only syntax Python's re reads the same way.
    pattern = re.compile(doctor["match"]["safe_regex"]["regex"])
    assert pattern.fullmatch("/his/departments/0101/doctors/D100101")
    assert pattern.fullmatch("/his/departments/%E5%86%85/doctors/a.b~c")
    for other in (
        "/his/departments/0101/doctors/",  # an empty segment is no variable
        "/his/departments/0101/doctors/D1/schedule",  # nor are two segments
        "/his/departments/01*01/doctors/D1",  # '*' is no pchar of a variable
        "/his/departmentsX0101/doctors/D1",  # literal segments are literal
    ):
        assert not pattern.fullmatch(other), other
    rewrite = doctor["route"]["regex_rewrite"]
    assert rewrite["pattern"]["regex"] == pattern.pattern
    rewritten = pattern.sub(rewrite["substitution"], "/his/departments/0101/doctors/D100101")
    assert rewritten == "/api/doctors/D100101/departments/0101"
    assert "regex_rewrite" not in routes["his.schedules.list"]["route"]
    longest = longest_template_route()
    route = connection_managers(build_edge_bootstrap(replace(edge_config, api_routes=(longest,))))[
        0
    ]["route_config"]["virtual_hosts"][0]["routes"][-1]
    values = [f"value{i}" for i in range(5)]
    called = re.sub(r"\{[^{}]+\}", lambda _: values.pop(0), longest.path)
    assert re.fullmatch(route["match"]["safe_regex"]["regex"], called)
    assert (
        re.sub(
            route["route"]["regex_rewrite"]["pattern"]["regex"],
            route["route"]["regex_rewrite"]["substitution"],
            called,
        )
        == "/api/value4/value3/value2/value1/value0"
    )


def test_grpc_access_log_goes_to_the_monitor_with_channel_headers(
    edge_config: EdgeConfig,
) -> None:
    channel = connection_managers(build_edge_bootstrap(edge_config))[0]
    grpc_log = next(
        log["typed_config"]
        for log in channel["access_log"]
        if log["name"] == "envoy.access_loggers.http_grpc"
    )
    assert grpc_log["common_config"]["log_name"] == "wailian-channel"
    assert grpc_log["common_config"]["grpc_service"]["envoy_grpc"]["cluster_name"] == (
        "wailian_monitor"
    )
    # The request id and user agent are fields of the entry itself.
    assert set(grpc_log["additional_request_headers_to_log"]) == {
        "x-wailian-public-path",
        "x-wailian-channel-id",
        "x-wailian-channel-code",
        "traceparent",
    }


def test_console_routes_only_transcoded_calls_to_the_services(
    edge_config: EdgeConfig, grpc_services: tuple[str, ...]
) -> None:
    console = connection_managers(build_edge_bootstrap(edge_config))[1]
    routes = console["route_config"]["virtual_hosts"][0]["routes"]
    grpc_routes = {
        route["match"]["prefix"]: route
        for route in routes
        if route.get("route", {}).get("cluster", "").startswith("wailian_")
        and route["route"]["cluster"] != "wailian_web"
    }
    assert grpc_routes["/wailian.registry.v1.CatalogService/"]["route"]["cluster"] == (
        "wailian_registry"
    )
    assert grpc_routes["/wailian.identity.v1.SessionService/"]["route"]["cluster"] == (
        "wailian_identity"
    )
    assert "/wailian.identity.v1.ChannelTokenService/" not in grpc_routes
    for route in grpc_routes.values():
        assert route["match"]["headers"] == [
            {"name": "x-envoy-original-path", "present_match": True}
        ]
    assert routes[-1]["match"] == {"prefix": "/"}
    assert routes[-1]["route"]["cluster"] == "wailian_web"
    transcoder = console["http_filters"][1]["typed_config"]
    assert set(transcoder["services"]) == set(grpc_services) - {OAUTH2_SERVICE}
    assert transcoder["convert_grpc_status"] is True
    assert transcoder["match_incoming_request_route"] is False


def test_yaml_reads_back_as_the_same_bootstrap(edge_config: EdgeConfig) -> None:
    bootstrap = build_edge_bootstrap(edge_config)
    assert yaml.safe_load(dump_yaml(bootstrap)) == json.loads(json.dumps(bootstrap, default=str))


def test_descriptor_set_lists_the_platform_services_with_http_rules(
    grpc_services: tuple[str, ...],
) -> None:
    assert "wailian.identity.v1.ChannelTokenService" in grpc_services
    assert "wailian.registry.v1.CatalogService" in grpc_services
    assert all(service.startswith("wailian.") for service in grpc_services)


def test_services_without_http_rules_are_internal(tmp_path: Path) -> None:
    def service(name: str, http_get: str | None) -> descriptor_pb2.ServiceDescriptorProto:
        method = descriptor_pb2.MethodDescriptorProto(
            name="Get", input_type=".google.protobuf.Empty", output_type=".google.protobuf.Empty"
        )
        if http_get is not None:
            method.options.Extensions[annotations_pb2.http].get = http_get
        return descriptor_pb2.ServiceDescriptorProto(name=name, method=[method])

    files = descriptor_pb2.FileDescriptorSet(
        file=[
            descriptor_pb2.FileDescriptorProto(
                name="wailian/demo/v1/demo.proto",
                package="wailian.demo.v1",
                service=[service("PublicService", "/api/demo"), service("InternalService", None)],
            ),
            descriptor_pb2.FileDescriptorProto(
                name="other/v1/other.proto",
                package="other.v1",
                service=[service("OtherService", "/api/other")],
            ),
        ]
    )
    path = tmp_path / "demo.pb"
    path.write_bytes(files.SerializeToString())
    assert wailian_services(path) == ("wailian.demo.v1.PublicService",)
    assert wailian_services(path, http_only=False) == (
        "wailian.demo.v1.InternalService",
        "wailian.demo.v1.PublicService",
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"backends": {}}, "no backend address"),
        ({"api_routes": (ApiRoute("x.y", "GET", "/x", "nowhere"),)}, "unknown upstreams"),
        ({"upstreams": (Upstream("wailian_web", (Endpoint("10.0.0.1", 80),)),)}, "reserved"),
        ({"grpc_services": ("google.longrunning.Operations",)}, "not a fully-qualified"),
    ],
)
def test_inconsistent_configuration_is_refused(
    edge_config: EdgeConfig, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_edge_bootstrap(replace(edge_config, **change))


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: ApiRoute("a", "GET", "/d/{id}", "his", "/x/{other}"), "not captured"),
        (lambda: ApiRoute("a", "GET", "/d/{a_very_long_variable_name}", "his"), "at most 15"),
        (lambda: ApiRoute("a", "GET", "/d/{id}/e/{id}", "his"), "appears twice"),
        (lambda: ApiRoute("a", "FETCH", "/d", "his"), "unsupported HTTP method"),
        (lambda: ApiRoute("a", "GET", "d", "his"), "must start with '/'"),
        (lambda: ApiRoute("a", "GET", "/d/{id}", "his", "/x?id={id}"), "cannot match"),
        (lambda: ApiRoute("a", "GET", "/d/x y", "his"), "cannot match"),
        (lambda: ApiRoute("a", "GET", "/d/x{id}", "his"), "cannot match"),
        (lambda: ApiRoute("a", "GET", "/d/{id=**}", "his"), "cannot match"),
        (lambda: ApiRoute("a", "GET", "/d//e", "his"), "cannot match"),
        (lambda: ChannelJwt(jwks="not json"), "not a JSON Web Key Set"),
        (lambda: ChannelJwt(jwks='{"keys": []}'), "no keys"),
        (lambda: AccessLog(Path("relative.jsonl")), "must be absolute"),
        (lambda: Endpoint("10.0.0.1", 0), "not a TCP port"),
        (lambda: Upstream("his", ()), "no endpoints"),
        (lambda: ChannelPolicy("c1", "app", ip_allow_list=("10.0.0.300",)), "not an IP"),
        (lambda: ChannelPolicy("c1", "app", rate_limit_per_second=-1), "negative"),
        (
            lambda: ChannelAccess(channels=(ChannelPolicy("c1", "a"), ChannelPolicy("c1", "b"))),
            "appears twice",
        ),
    ],
)
def test_invalid_inputs_fail_fast(make: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        make()


def connection_managers(bootstrap: Bootstrap) -> list[dict[str, Any]]:
    return [
        listener["filter_chains"][0]["filters"][0]["typed_config"]
        for listener in bootstrap["static_resources"]["listeners"]
        if listener["filter_chains"][0]["filters"][0]["name"] == HCM
    ]
