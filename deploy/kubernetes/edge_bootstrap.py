"""The edge's bootstrap in Kubernetes: the platform's services by their Service names, the
console listener on every interface, registry's ADS for the channel side. `wailian
edge-bootstrap` prints it; deploy/kubernetes/README.md puts it in the edge's ConfigMap."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from pathlib import Path

from services.runtime.config import DEFAULT_GRPC_PORTS, DEFAULT_HTTP_PORTS, SERVICES, ConfigError

# Where the image keeps the descriptor set the gRPC-JSON transcoder reads (deploy/Dockerfile).
IMAGE_DESCRIPTOR_SET = Path("/app/build/wailian.pb")
LOCAL_DESCRIPTOR_SET = Path(__file__).resolve().parents[2] / "build" / "wailian.pb"


def _host_port(text: str, name: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"{name} must be host:port, got {text!r}")
    return host, int(port)


def kubernetes_edge_bootstrap(
    *,
    services_host: str,
    web: tuple[str, int],
    console_listen: tuple[str, int],
    admin_port: int,
    descriptor_set: Path,
    read_descriptor_set: Path,
    ports: Mapping[str, int] = DEFAULT_GRPC_PORTS,
    http_ports: Mapping[str, int] = DEFAULT_HTTP_PORTS,
) -> str:
    """The bootstrap YAML; `services_host` names each service's host, e.g. "{service}" (its
    Service in the same namespace) or "{service}.wailian.svc.cluster.local"."""
    # Imported here: `wailian serve` builds this command's parser too, and needs none of it.
    from deploy.envoy import inputs
    from deploy.envoy.config import build_xds_edge_bootstrap, dump_yaml
    from deploy.envoy.descriptors import wailian_services

    backends = {
        name: inputs.Endpoint(services_host.format(service=name), ports[name]) for name in SERVICES
    }
    # Identity's HTTP port: the channel token endpoint and the signature checks.
    identity_host = services_host.format(service="identity")
    http_backends = {"identity": inputs.Endpoint(identity_host, http_ports["identity"])}
    platform = inputs.PlatformEdge(
        console_listener=inputs.BindAddress(*console_listen),
        admin_port=admin_port,
        backends=backends,
        http_backends=http_backends,
        web=inputs.Endpoint(*web),
        descriptor_set=descriptor_set,
        grpc_services=wailian_services(read_descriptor_set),
    )
    control_plane = inputs.ControlPlane(backends["registry"])
    return dump_yaml(build_xds_edge_bootstrap(platform, control_plane))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--services-host",
        default="{service}",
        help="each service's host; {service} is its name (default: the Service of that name)",
    )
    parser.add_argument("--web", default="web:8090", help="the console's static server")
    parser.add_argument("--console-listen", default="0.0.0.0:8000")
    parser.add_argument("--admin-port", type=int, default=9901, help="binds 127.0.0.1 only")
    parser.add_argument(
        "--descriptor-set",
        type=Path,
        default=IMAGE_DESCRIPTOR_SET,
        help="the descriptor set's path in Envoy's container",
    )
    parser.add_argument(
        "--read-descriptor-set",
        type=Path,
        default=LOCAL_DESCRIPTOR_SET,
        help="the descriptor set read here for the services' names (`make proto` builds it)",
    )
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")


def run(args: argparse.Namespace) -> str:
    """The bootstrap the arguments describe (ConfigError for a bad one)."""
    if not args.read_descriptor_set.is_file():
        raise ConfigError(f"{args.read_descriptor_set} is missing: run `make proto`")
    return kubernetes_edge_bootstrap(
        services_host=args.services_host,
        web=_host_port(args.web, "--web"),
        console_listen=_host_port(args.console_listen, "--console-listen"),
        admin_port=args.admin_port,
        descriptor_set=args.descriptor_set,
        read_descriptor_set=args.read_descriptor_set,
    )
