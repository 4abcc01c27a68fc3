"""Where registry reaches the edge for service testing, and what the docs tell vendors."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.registry.edge import load_edge_settings
from services.registry.edge_caller import load_edge_target
from services.runtime.config import ConfigError

TLS = {
    "WAILIAN_EDGE_MTLS_LISTEN": "0.0.0.0:8443",
    "WAILIAN_EDGE_TLS_CERT_FILE": "/etc/wailian/edge.pem",
    "WAILIAN_EDGE_TLS_KEY_FILE": "/etc/wailian/edge.key",
}


def test_by_default_registry_calls_the_listeners_the_edge_binds() -> None:
    env = {"WAILIAN_EDGE_CHANNEL_LISTEN": "0.0.0.0:9080", **TLS}
    target = load_edge_target(load_edge_settings(Path("/var/wailian"), env), env)

    assert (target.url, target.mtls_url) == ("http://127.0.0.1:9080", "https://127.0.0.1:8443")
    assert (target.public.base_url, target.public.mtls_base_url) == (target.url, target.mtls_url)
    assert target.ca_file is None


def test_the_public_addresses_are_what_vendors_are_shown() -> None:
    env = {
        "WAILIAN_REGISTRY_EDGE_URL": "http://envoy.internal:8080/",
        "WAILIAN_REGISTRY_PUBLIC_EDGE_URL": "https://open.hospital.example",
    }
    target = load_edge_target(load_edge_settings(Path("/var/wailian"), env), env)

    assert target.url == "http://envoy.internal:8080"
    assert target.mtls_url == ""
    assert target.public.base_url == "https://open.hospital.example"
    # Without a mutual-TLS listener the docs point certificate samples at the public URL.
    assert target.public.mtls_base_url == "https://open.hospital.example"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("WAILIAN_REGISTRY_EDGE_URL", "ftp://edge:8080"),
        ("WAILIAN_REGISTRY_PUBLIC_EDGE_URL", "https://open.example/api"),
        ("WAILIAN_REGISTRY_EDGE_CA_FILE", "/no/such/ca.pem"),
    ],
)
def test_a_bad_setting_stops_the_process_naming_it(name: str, value: str) -> None:
    env = {name: value}
    with pytest.raises(ConfigError, match=name):
        load_edge_target(load_edge_settings(Path("/var/wailian"), env), env)
