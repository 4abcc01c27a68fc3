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


def resources(tmp_path: Path, *routes: inputs.ApiRoute, jwks: str = JWKS) -> list[edge.Resource]:
    return edge.build_resources(edge.channel_edge(settings(tmp_path), jwks, [HIS], routes))


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
    assert edge.inputs_hash(JWKS, settings(tmp_path)) != edge.inputs_hash("{}", settings(tmp_path))


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


def test_a_rollback_restores_routes_and_clusters_but_keeps_the_current_keys(
    tmp_path: Path,
) -> None:
    rotated = JWKS.replace('"k1"', '"k2"')
    earlier = resources(tmp_path, route("a.b", "/v1/a"))
    current = resources(tmp_path, jwks=rotated)
    restored = edge.restored_content(earlier, current)
    by_type = {r.type_url: r for r in restored}
    assert by_type[edge.LISTENER] == next(r for r in current if r.type_url == edge.LISTENER)
    assert by_type[edge.ROUTE] == next(r for r in earlier if r.type_url == edge.ROUTE)


def test_what_envoy_could_not_parse_never_becomes_a_snapshot() -> None:
    broken = edge.Resource(edge.CLUSTER, "his", {"name": "his", "connect_timeout": "soon"})
    with pytest.raises(FailedPrecondition, match="would be invalid"):
        check_servable([broken])


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("WAILIAN_EDGE_CHANNEL_LISTEN", "8080"),
        ("WAILIAN_EDGE_CHANNEL_LISTEN", "0.0.0.0:http"),
        ("WAILIAN_EDGE_DESCRIPTOR_SET", "build/wailian.pb"),
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
