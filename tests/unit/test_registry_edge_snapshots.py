"""Registry's edge snapshot content: built from the catalogue, hashed, diffed, restored."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from deploy.envoy import inputs
from services.registry import edge
from services.registry.xds import check_servable, to_any
from services.runtime.config import ConfigError
from services.runtime.errors import FailedPrecondition

JWKS = json.dumps({"keys": [{"kty": "EC", "crv": "P-256", "x": "x", "y": "y", "kid": "k1"}]})
HIS = inputs.Upstream("his", (inputs.Endpoint("127.0.0.1", 9100),))


def settings(tmp_path: Path) -> edge.EdgeSettings:
    return edge.load_edge_settings(tmp_path, {"WAILIAN_EDGE_CHANNEL_LISTEN": "127.0.0.1:0"})


APP = inputs.ChannelPolicy("c-app", "app")


def resources(
    tmp_path: Path,
    *routes: inputs.ApiRoute,
    jwks: str = JWKS,
    grants: dict[str, frozenset[str]] | None = None,
    channels: tuple[inputs.ChannelPolicy, ...] = (APP,),
    revoked: frozenset[str] = frozenset(),
    over_quota: frozenset[str] = frozenset(),
) -> list[edge.Resource]:
    identity = edge.ChannelState(
        revision=1,
        jwks=jwks,
        channels=channels,
        revoked_credentials=revoked,
        over_quota=over_quota,
    )
    return edge.build_resources(
        edge.channel_edge(settings(tmp_path), identity, [HIS], routes, grants or {})
    )


def granted(route_config: edge.Resource) -> dict[str, list[str]]:
    """API route name → the channel ids its per-route RBAC lets through."""
    result = {}
    for route in route_config.body["virtual_hosts"][0]["routes"]:
        rbac = route["typed_per_filter_config"].get("wailian.grants", {}).get("rbac")
        if rbac is None:
            continue
        policy = rbac["rules"].get("policies", {}).get("api_granted")
        ids = policy["principals"][0]["or_ids"]["ids"] if policy else []
        result[route["name"]] = [p["header"]["string_match"]["exact"] for p in ids]
    return result


def route(code: str, path: str) -> inputs.ApiRoute:
    return inputs.ApiRoute(code, "GET", path, "his")


def test_a_snapshot_is_the_channel_listener_over_rds_its_routes_and_the_clusters(
    tmp_path: Path,
) -> None:
    built = resources(tmp_path, route("his.departments.list", "/v1/departments"))
    assert [(r.type_url, r.name) for r in built] == [
        (edge.CLUSTER, "his"),
        (edge.LISTENER, "channel"),
        (edge.ROUTE, "channel"),
    ]
    listener = built[1].body
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    assert "route_config" not in manager
    assert manager["rds"] == {
        "route_config_name": "channel",
        "config_source": {"ads": {}, "resource_api_version": "V3"},
    }
    # Every resource converts to Envoy's protobuf, typed filter configs included.
    for resource in built:
        assert to_any(resource).type_url == resource.type_url


def test_the_hash_follows_the_content_only(tmp_path: Path) -> None:
    one = resources(tmp_path, route("a.b", "/v1/a"))
    assert edge.content_hash(one) == edge.content_hash(resources(tmp_path, route("a.b", "/v1/a")))
    assert edge.content_hash(one) != edge.content_hash(resources(tmp_path, route("a.b", "/v1/b")))
    keys = edge.ChannelState(revision=1, jwks=JWKS)
    assert edge.inputs_hash(keys, settings(tmp_path)) != edge.inputs_hash(
        edge.ChannelState(revision=1, jwks="{}"), settings(tmp_path)
    )
    # A disabled channel is an input of its own: it must make a new snapshot.
    disabled = edge.ChannelState(
        revision=2, jwks=JWKS, channels=(inputs.ChannelPolicy("c-app", "app", enabled=False),)
    )
    enabled = edge.ChannelState(revision=3, jwks=JWKS, channels=(APP,))
    assert edge.inputs_hash(disabled, settings(tmp_path)) != edge.inputs_hash(
        enabled, settings(tmp_path)
    )


def test_a_diff_names_each_changed_resource(tmp_path: Path) -> None:
    before = resources(tmp_path, route("a.b", "/v1/a"))
    after = [r for r in resources(tmp_path, route("a.c", "/v1/c")) if r.type_url != edge.CLUSTER]
    changes = edge.diff(before, after)
    assert [(c.type_url, c.name, c.change) for c in changes] == [
        (edge.CLUSTER, "his", edge.Change.REMOVED),
        (edge.ROUTE, "channel", edge.Change.MODIFIED),
    ]
    removed = [line for line in changes[1].unified_diff.splitlines() if line.startswith("-")]
    added = [line for line in changes[1].unified_diff.splitlines() if line.startswith("+")]
    assert any('"name": "a.b"' in line for line in removed)
    assert any('"name": "a.c"' in line for line in added)
    assert edge.diff(before, before) == []


def test_a_rollback_restores_routes_and_clusters_but_keeps_the_current_keys_and_grants(
    tmp_path: Path,
) -> None:
    rotated = JWKS.replace('"k1"', '"k2"')
    earlier = resources(
        tmp_path,
        route("a.b", "/v1/a"),
        route("a.c", "/v1/c"),
        grants={"a.b": frozenset({"c-app", "c-old"}), "a.c": frozenset({"c-app"})},
    )
    # Since then: keys rotated, a.c taken offline, c-old's grant revoked.
    current = resources(
        tmp_path, route("a.b", "/v1/a"), jwks=rotated, grants={"a.b": frozenset({"c-app"})}
    )
    now_granted = {"a.b": frozenset({"c-app"}), "a.c": frozenset({"c-app"})}
    restored = edge.restored_content(earlier, current, now_granted)
    by_type = {r.type_url: r for r in restored}
    assert by_type[edge.LISTENER] == next(r for r in current if r.type_url == edge.LISTENER)
    # The routes come back, but the revoked grant does not.
    assert granted(by_type[edge.ROUTE]) == {"a.b": ["c-app"], "a.c": ["c-app"]}
    assert granted(next(r for r in earlier if r.type_url == edge.ROUTE))["a.b"] == [
        "c-app",
        "c-old",
    ]


def test_a_rollback_keeps_the_current_channel_rules(tmp_path: Path) -> None:
    old = inputs.ChannelPolicy("c-old", "old")
    earlier = resources(tmp_path, route("a.b", "/v1/a"), channels=(APP, old))
    # Since then: c-old disabled, c-app fenced to one network and over its quota, and one of
    # its credentials revoked.
    fenced = inputs.ChannelPolicy("c-app", "app", ip_allow_list=("10.1.0.0/16",), daily_quota=9)
    current = resources(
        tmp_path,
        route("a.b", "/v1/a"),
        channels=(fenced, inputs.ChannelPolicy("c-old", "old", enabled=False)),
        revoked=frozenset({"cred-1"}),
        over_quota=frozenset({"c-app"}),
    )

    def rules(content: list[edge.Resource]) -> object:
        (route_config,) = [r for r in content if r.type_url == edge.ROUTE]
        return route_config.body["virtual_hosts"][0]["typed_per_filter_config"]

    restored = edge.restored_content(earlier, current, {})
    assert rules(restored) == rules(current) != rules(earlier)
    assert "cred-1" in json.dumps(rules(restored)) and "10.1.0.0" in json.dumps(rules(restored))


def test_what_envoy_could_not_parse_never_becomes_a_snapshot() -> None:
    broken = edge.Resource(edge.CLUSTER, "his", {"name": "his", "connect_timeout": "soon"})
    with pytest.raises(FailedPrecondition, match="would be invalid"):
        check_servable([broken])


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAILIAN_EDGE_CHANNEL_LISTEN", "8080"),
        ("WAILIAN_EDGE_CHANNEL_LISTEN", "0.0.0.0:http"),
        ("WAILIAN_EDGE_ACCESS_LOG", "logs/access.log"),
        ("WAILIAN_EDGE_JWKS_REFRESH_SECONDS", "0"),
        ("WAILIAN_EDGE_SNAPSHOT_POLL_SECONDS", "often"),
    ],
)
def test_bad_edge_settings_stop_registry_naming_the_variable(
    tmp_path: Path, variable: str, value: str
) -> None:
    with pytest.raises(ConfigError, match=variable):
        edge.load_edge_settings(tmp_path, {variable: value})


def test_edge_settings_defaults(tmp_path: Path) -> None:
    loaded = edge.load_edge_settings(tmp_path, {})
    assert loaded.channel_listener == inputs.BindAddress("127.0.0.1", 8080)
    assert loaded.access_log == tmp_path / "logs" / "channel-access.log"
    assert loaded.jwks_refresh == timedelta(seconds=5)
