"""`wailian up`: the whole platform on one machine — services, console, HIS simulator, Envoy."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import grpc

from deploy.envoy.command import envoy_command
from deploy.envoy.config import (
    CHANNEL_CHECKS_FILTER,
    CHANNEL_LISTENER,
    CHANNEL_MTLS_LISTENER,
    CONSOLE_LISTENER,
    build_xds_edge_bootstrap,
    dump_yaml,
)
from deploy.envoy.inputs import ControlPlane, Endpoint
from deploy.local import demo
from deploy.local.edge import platform_edge
from deploy.local.processes import Child, ChildFailed, child_env, python_command
from services.identity import ca
from services.runtime.config import DEFAULT_GRPC_PORTS, DEFAULT_HTTP_PORTS, SERVICES

# Each service starts after those it calls, so that it is given their (ephemeral) addresses:
# registry calls identity (channels, keys) and monitor (quota use).
START_ORDER = ("identity", "monitor", "registry", "payment", "publishing")
assert sorted(START_ORDER) == sorted(SERVICES)

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60.0


@dataclass
class LocalOptions:
    """Where and how to run; `ephemeral` picks free ports (tests run many platforms at once)."""

    data_dir: Path
    ephemeral: bool = False
    console_port: int = 8000
    channel_port: int = 8080
    # The channel listener for client certificates (mutual TLS).
    mtls_port: int = 8443
    admin_port: int = 9901
    web_port: int = 8090
    his_port: int = 9100
    database_urls: Mapping[str, str] = field(default_factory=dict)
    redis_url: str | None = None
    web_root: Path = ROOT / "web" / "dist"
    descriptor_set: Path = ROOT / "build" / "wailian.pb"
    seed_demo: bool = True


@dataclass(frozen=True)
class EdgeTls:
    """The edge's own TLS certificate for local runs, and the CA clients verify it with."""

    ca_certificate: Path
    certificate: Path
    private_key: Path


def edge_tls_files(directory: Path) -> EdgeTls:
    """Made once per data directory; a production edge is given the hospital's certificate."""
    files = EdgeTls(directory / "edge-ca.pem", directory / "edge.pem", directory / "edge.key")
    if all(path.exists() for path in (files.ca_certificate, files.certificate, files.private_key)):
        return files
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    authority = ca.new_authority("local edge", now)
    issued = ca.issue_server_certificate(authority, ["127.0.0.1", "localhost"], now)
    files.ca_certificate.write_text(authority.certificate_pem, encoding="ascii")
    files.certificate.write_text(issued.certificate_pem, encoding="ascii")
    files.private_key.touch(mode=0o600)
    files.private_key.write_text(issued.private_key_pem, encoding="ascii")
    return files


@dataclass(frozen=True)
class DemoChannel:
    code: str
    client_id: str
    client_secret: str
    channel_id: str = ""


class LocalPlatform:
    """Starts the children in dependency order, seeds demo data, stops them in reverse."""

    def __init__(self, options: LocalOptions) -> None:
        self.options = options
        self.children: dict[str, Child] = {}
        self.grpc_ports: dict[str, int] = {}
        self.http_ports: dict[str, int] = {}
        self.web_port = 0
        self.his_port = 0
        self.channel_port = 0
        self.mtls_port = 0
        self.console_port = 0
        self.admin_port = 0
        self.demo_channel: DemoChannel | None = None
        self.logs = options.data_dir / "logs"

    @property
    def _admin_address_path(self) -> Path:
        return self.options.data_dir / "envoy-admin-address"

    def _port(self, fixed: int) -> int:
        return 0 if self.options.ephemeral else fixed

    def _spawn(
        self, name: str, command: list[str], env: Mapping[str, str], marker: str = "started"
    ) -> dict:  # type: ignore[type-arg]
        child = Child(name, command, child_env(env), self.logs / f"{name}.log", marker)
        self.children[name] = child
        return child.wait_started(START_TIMEOUT)

    def start(self) -> None:
        """Everything: services, console, simulator, demo data (first run), then Envoy."""
        self.start_backends()
        if self.options.seed_demo:
            self.demo_channel = self._seed()
        self.start_edge()
        if self.demo_channel is not None and self.demo_channel.channel_id:
            # The printed example call must work at once.
            self.wait_until_edge_knows(self.demo_channel.channel_id)

    def start_backends(self) -> None:
        """The five services, the console's static server and the HIS simulator."""
        self.options.data_dir.mkdir(parents=True, exist_ok=True)
        for name in START_ORDER:
            self._start_service(name)
        started = self._spawn(
            "web",
            python_command(
                "-m",
                "services.runtime.cli",
                "serve-web",
                "--root",
                str(self.options.web_root),
                "--port",
                str(self._port(self.options.web_port)),
            ),
            {"WAILIAN_DATA_DIR": str(self.options.data_dir)},
        )
        self.web_port = int(started["port"])
        started = self._spawn(
            "his-simulator",
            python_command(
                "-m", "simulators.his", "--port", str(self._port(self.options.his_port))
            ),
            {},
            marker="his simulator listening",
        )
        self.his_port = int(started["port"])

    @property
    def _address_book(self) -> Path:
        return self.options.data_dir / "service-addresses.json"

    def _write_address_book(self) -> None:
        """Where each started service answers, for the services started before it, and the
        edge's channel listeners once Envoy has bound them (service testing calls them)."""
        book = {name: f"127.0.0.1:{port}" for name, port in self.grpc_ports.items()}
        book |= {f"{name}.http": f"127.0.0.1:{port}" for name, port in self.http_ports.items()}
        if self.channel_port:
            book["edge"] = f"127.0.0.1:{self.channel_port}"
        if self.mtls_port:
            book["edge_mtls"] = f"127.0.0.1:{self.mtls_port}"
        written = self._address_book.with_suffix(".tmp")
        written.write_text(json.dumps(book), encoding="utf-8")
        written.replace(self._address_book)

    def _service_env(self, name: str) -> dict[str, str]:
        env = {
            "WAILIAN_DATA_DIR": str(self.options.data_dir),
            # Services started earlier learn the later ones' ports from it.
            "WAILIAN_ADDRESS_BOOK": str(self._address_book.resolve()),
        }
        for other in SERVICES:
            if other in self.grpc_ports:
                env[f"WAILIAN_{other.upper()}_ADDR"] = f"127.0.0.1:{self.grpc_ports[other]}"
        env[f"WAILIAN_{name.upper()}_GRPC_PORT"] = str(self._port(DEFAULT_GRPC_PORTS[name]))
        env[f"WAILIAN_{name.upper()}_HTTP_PORT"] = str(self._port(DEFAULT_HTTP_PORTS[name]))
        if name in self.options.database_urls:
            env[f"WAILIAN_{name.upper()}_DATABASE_URL"] = self.options.database_urls[name]
        if self.options.redis_url:
            env["WAILIAN_REDIS_URL"] = self.options.redis_url
        if name == "monitor":
            # Envoy writes its admin address there when it starts (--admin-address-path).
            env["WAILIAN_MONITOR_ENVOY_ADMIN_ADDR_FILE"] = str(self._admin_address_path.resolve())
            if not self.options.ephemeral:
                # Links in alert notifications open the console.
                env["WAILIAN_CONSOLE_URL"] = f"http://127.0.0.1:{self.options.console_port}"
        if name == "registry":
            # Registry configures the channel side of the edge over xDS (paths on Envoy's host).
            env["WAILIAN_EDGE_CHANNEL_LISTEN"] = (
                f"127.0.0.1:{self._port(self.options.channel_port)}"
            )
            tls = edge_tls_files(self.options.data_dir / "tls")
            env["WAILIAN_EDGE_MTLS_LISTEN"] = f"127.0.0.1:{self._port(self.options.mtls_port)}"
            env["WAILIAN_EDGE_TLS_CERT_FILE"] = str(tls.certificate.resolve())
            env["WAILIAN_EDGE_TLS_KEY_FILE"] = str(tls.private_key.resolve())
            # Service testing calls the mutual-TLS listener and checks the edge's certificate.
            env["WAILIAN_REGISTRY_EDGE_CA_FILE"] = str(tls.ca_certificate.resolve())
            env["WAILIAN_EDGE_ACCESS_LOG"] = str((self.logs / "channel-access.log").resolve())
        return env

    def _start_service(self, name: str, *, same_ports: bool = False) -> None:
        env = self._service_env(name)
        if same_ports:
            env[f"WAILIAN_{name.upper()}_GRPC_PORT"] = str(self.grpc_ports[name])
            env[f"WAILIAN_{name.upper()}_HTTP_PORT"] = str(self.http_ports[name])
        if name in self.options.database_urls:
            # Production-style databases are migrated explicitly, as `wailian migrate` does.
            migrate = python_command("-m", "services.runtime.cli", "migrate", name)
            result = subprocess.run(  # noqa: S603 - our own command, no shell
                migrate, env=child_env(env), capture_output=True, text=True, check=False
            )
            if result.returncode != 0:
                raise ChildFailed(f"migrating {name} failed:\n{result.stderr[-2000:]}")
        started = self._spawn(
            name, python_command("-m", "services.runtime.cli", "serve", name), env
        )
        self.grpc_ports[name] = int(started["grpc_port"])
        self.http_ports[name] = int(started["http_port"])
        self._write_address_book()
        self._wait_ready(name)

    def _wait_ready(self, name: str) -> None:
        url = f"http://127.0.0.1:{self.http_ports[name]}/readyz"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            if not self.children[name].alive():
                break
            time.sleep(0.1)
        raise ChildFailed(f"{name} did not become ready; see {self.children[name].log_path}")

    def stop_service(self, name: str) -> None:
        """Stop one service (graceful), keeping its ports for `restart_service`."""
        self.children[name].stop()

    def restart_service(self, name: str) -> None:
        """Start a stopped service again on the ports it had, so Envoy and peers find it."""
        self._start_service(name, same_ports=True)

    def grpc_channel(self, service: str) -> grpc.Channel:
        return grpc.insecure_channel(f"127.0.0.1:{self.grpc_ports[service]}")

    def _seed(self) -> DemoChannel:
        saved = self.options.data_dir / "demo-channel.json"
        with self.grpc_channel("identity") as identity, self.grpc_channel("registry") as registry:
            admin = demo.admin_metadata(identity)
            if saved.exists():
                return DemoChannel(**json.loads(saved.read_text()))
            channel = demo.seed(identity, registry, admin, his_port=self.his_port)
        fd = os.open(saved, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(channel, handle)
        return DemoChannel(**channel)

    def write_edge_config(self) -> Path:
        """Envoy's bootstrap: admin, console listener, platform clusters, and registry's ADS."""
        platform = platform_edge(
            backends={name: ("127.0.0.1", port) for name, port in self.grpc_ports.items()},
            # Identity's HTTP port: the channel token endpoint and the signature checks.
            http_backends={"identity": ("127.0.0.1", self.http_ports["identity"])},
            web=("127.0.0.1", self.web_port),
            descriptor_set=self.options.descriptor_set,
            console_port=self.console_port,
            admin_port=self.admin_port,
        )
        control_plane = ControlPlane(Endpoint("127.0.0.1", self.grpc_ports["registry"]))
        path = self.options.data_dir / "envoy.yaml"
        path.write_text(dump_yaml(build_xds_edge_bootstrap(platform, control_plane)), "utf-8")
        return path

    def start_edge(self) -> None:
        """Envoy, configured by registry over xDS from the platform's current state.

        With ephemeral ports Envoy binds port 0 itself and the bound ports are read back from
        its admin API: no free-port guessing, which could let two Envoys share a port silently
        (listeners use SO_REUSEPORT).
        """
        ephemeral = self.options.ephemeral
        self.channel_port = 0 if ephemeral else self.options.channel_port
        self.console_port = 0 if ephemeral else self.options.console_port
        self.admin_port = 0 if ephemeral else self.options.admin_port
        config = self.write_edge_config()
        admin_path = self._admin_address_path
        admin_path.unlink(missing_ok=True)
        command = envoy_command(config, base_id=secrets.randbelow(2**31), concurrency=2)
        command += ["--admin-address-path", str(admin_path)]
        child = Child("envoy", command, child_env({}), self.logs / "envoy.log")
        self.children["envoy"] = child
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if not child.alive():
                raise ChildFailed(
                    f"envoy exited while starting; see {child.log_path}:\n{child.tail()}"
                )
            if admin_path.exists() and self._envoy_ready(admin_path.read_text().strip()):
                return
            time.sleep(0.1)
        raise ChildFailed(f"envoy did not become ready; see {child.log_path}")

    def _envoy_ready(self, admin_address: str) -> bool:
        """True once Envoy is ready; records the admin and listener ports it bound."""
        try:
            with urllib.request.urlopen(f"http://{admin_address}/ready", timeout=2) as response:
                if response.status != 200:
                    return False
            with urllib.request.urlopen(
                f"http://{admin_address}/listeners?format=json", timeout=2
            ) as response:
                listeners = json.load(response)["listener_statuses"]
        except (urllib.error.URLError, OSError, ValueError, KeyError):
            return False
        bound = {
            entry["name"]: int(entry["local_address"]["socket_address"]["port_value"])
            for entry in listeners
        }
        if CHANNEL_LISTENER not in bound or CONSOLE_LISTENER not in bound:
            return False  # the channel listener comes from registry: not served yet
        self.admin_port = int(admin_address.rsplit(":", 1)[1])
        self.channel_port = bound[CHANNEL_LISTENER]
        self.console_port = bound[CONSOLE_LISTENER]
        # Served once identity's channel CA is known (it makes one when it first starts).
        self.mtls_port = bound.get(CHANNEL_MTLS_LISTENER, 0)
        self._write_address_book()
        return True

    def wait_until_edge_knows(self, *channel_ids: str, timeout: float = 15.0) -> None:
        """Until Envoy's live routes let these channels in (identity → registry → xDS, ~1 s).

        A channel is usable at the edge once registry has put it among the enabled channels
        of Envoy's configuration; callers that create one and call at once would otherwise
        race that.
        """
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.admin_port}/config_dump?resource=dynamic_route_configs"
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    dump = json.load(response)
                enabled = json.dumps(
                    [
                        host.get("typed_per_filter_config", {}).get(CHANNEL_CHECKS_FILTER)
                        for config in dump["configs"]
                        for host in config["route_config"]["virtual_hosts"]
                    ]
                )
                if all(channel_id in enabled for channel_id in channel_ids):
                    return
            except (urllib.error.URLError, OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                raise ChildFailed(f"the edge did not learn of {channel_ids} in {timeout} s")
            time.sleep(0.1)

    def dead_children(self) -> list[Child]:
        return [child for child in self.children.values() if not child.alive()]

    def stop(self) -> None:
        for child in reversed(list(self.children.values())):
            child.stop()
