"""The inputs of the edge's bootstrap on one machine.

Registry builds the channel side (listener, routes, upstreams) from its catalogue and
identity's keys and serves it over xDS; the bootstrap holds what the deployment fixes.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from deploy.envoy import inputs
from deploy.envoy.descriptors import wailian_services


def platform_edge(
    *,
    backends: Mapping[str, tuple[str, int]],
    http_backends: Mapping[str, tuple[str, int]],
    web: tuple[str, int],
    descriptor_set: Path,
    console_port: int,
    admin_port: int,
    bind_address: str = "127.0.0.1",
) -> inputs.PlatformEdge:
    """The edge's fixed part; the channel side comes from registry over xDS."""
    return inputs.PlatformEdge(
        console_listener=inputs.BindAddress(bind_address, console_port),
        admin_port=admin_port,
        backends={name: inputs.Endpoint(host, port) for name, (host, port) in backends.items()},
        http_backends={
            name: inputs.Endpoint(host, port) for name, (host, port) in http_backends.items()
        },
        web=inputs.Endpoint(*web),
        descriptor_set=descriptor_set.resolve(),
        grpc_services=wailian_services(descriptor_set),
    )
