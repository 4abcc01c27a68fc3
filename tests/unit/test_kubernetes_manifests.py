"""deploy/kubernetes, checked without a cluster: what would break silently there — a variable
no code reads, a probe on a path or port nothing serves, a Service selecting no pods, an
address pointing nowhere, the monitor's Role not granting what its inspection calls."""

from __future__ import annotations

import argparse
import ast
import asyncio
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from deploy.kubernetes import edge_bootstrap
from services.monitor import cluster_probe
from services.runtime.cli import build_parser
from services.runtime.config import DEFAULT_GRPC_PORTS, DEFAULT_HTTP_PORTS, SERVICES
from services.runtime.http import probes_handler, static_handler

ROOT = Path(__file__).resolve().parents[2]
MANIFESTS = ROOT / "deploy" / "kubernetes"
NAME = re.compile(r"^WAILIAN_[A-Z0-9_]+$")


# What the code reads: WAILIAN_* names in string constants, f-strings over the services'
# names and `prefix + "SUFFIX"` joins, found in the source (not in comments or docstrings).


def _rendered(node: ast.JoinedStr) -> set[str]:
    """An f-string with every placeholder replaced by each service's name (upper case)."""
    renderings = {""}
    for part in node.values:
        if isinstance(part, ast.Constant):
            renderings = {text + str(part.value) for text in renderings}
        else:
            renderings = {text + name.upper() for text in renderings for name in SERVICES}
    return renderings


def _names_in(source: str) -> set[str]:
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    texts: set[str] = set()
    suffixes: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                texts.add(node.value)
        elif (
            isinstance(node, ast.JoinedStr)
            and isinstance(node.values[0], ast.Constant)
            and str(node.values[0].value).startswith("WAILIAN_")
        ):
            texts |= _rendered(node)
        if (
            isinstance(node, ast.BinOp)
            and isinstance(node.op, ast.Add)
            and isinstance(node.right, ast.Constant)
            and isinstance(node.right.value, str)
        ):
            suffixes.add(node.right.value)
    starts = {text for text in texts if text.startswith("WAILIAN_")}
    joined = {start + suffix for start in starts for suffix in suffixes}
    return {name for name in starts | joined if NAME.match(name)}


def names_the_code_reads() -> set[str]:
    names: set[str] = set()
    for folder in ("services", "deploy"):
        for path in (ROOT / folder).rglob("*.py"):
            if "migrations" not in path.parts:
                names |= _names_in(path.read_text(encoding="utf-8"))
    return names


# The manifests.


@functools.cache
def documents() -> list[dict[str, Any]]:
    """Every manifest's documents (read once; the tests only read them)."""
    loaded: list[dict[str, Any]] = []
    for path in sorted(MANIFESTS.rglob("*.yaml")):
        if path.name in ("kustomization.yaml", "envoy.yaml"):
            continue
        loaded += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    return loaded


def of_kind(kind: str) -> dict[str, dict[str, Any]]:
    return {doc["metadata"]["name"]: doc for doc in documents() if doc["kind"] == kind}


def workloads() -> dict[str, dict[str, Any]]:
    """Deployments and the migration Job: name → pod spec."""
    specs = {name: d["spec"]["template"]["spec"] for name, d in of_kind("Deployment").items()}
    specs |= {name: j["spec"]["template"]["spec"] for name, j in of_kind("Job").items()}
    return specs


def containers() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, spec in workloads().items():
        for container in spec["containers"]:
            yield name, container


def env_of(container: dict[str, Any]) -> dict[str, str]:
    """The container's variables with plain values (the ConfigMap's first, then its own)."""
    values: dict[str, str] = {}
    config = of_kind("ConfigMap")
    for source in container.get("envFrom", []):
        if "configMapRef" in source:
            values |= config[source["configMapRef"]["name"]]["data"]
    for item in container.get("env", []):
        if "value" in item:
            values[item["name"]] = item["value"]
    return values


def port_number(container: dict[str, Any], port: int | str) -> int:
    if isinstance(port, int):
        return port
    (found,) = [p["containerPort"] for p in container["ports"] if p["name"] == port]
    return int(found)


@pytest.fixture(scope="module")
def bootstrap() -> dict[str, Any]:
    """The edge's bootstrap as README.md generates it (`wailian edge-bootstrap`)."""
    parser = argparse.ArgumentParser()
    edge_bootstrap.add_arguments(parser)
    return yaml.safe_load(edge_bootstrap.run(parser.parse_args([])))


def test_every_manifest_is_listed_in_the_kustomization() -> None:
    kustomization = yaml.safe_load((MANIFESTS / "kustomization.yaml").read_text())
    listed = set(kustomization["resources"])
    present = {
        str(path.relative_to(MANIFESTS))
        for path in MANIFESTS.rglob("*.yaml")
        if path.name not in ("kustomization.yaml", "envoy.yaml")
    }
    assert listed == present
    (generated,) = kustomization["configMapGenerator"]
    assert generated["files"] == ["envoy.yaml=edge/envoy.yaml"]
    volumes = workloads()["edge"]["volumes"]
    assert {"name": generated["name"]} in [v.get("configMap") for v in volumes]


def test_every_variable_in_the_manifests_is_one_the_code_reads() -> None:
    read = names_the_code_reads()
    # The grep finds the names built from a prefix, as config.py builds them.
    assert {"WAILIAN_REGISTRY_DATABASE_URL", "WAILIAN_MONITOR_HTTP_ADDR"} <= read
    named: set[str] = set()
    for document in documents():
        if document["kind"] == "ConfigMap":
            named |= set(document["data"])
        if document["kind"] == "Secret":
            named |= set(document["stringData"])
    for _, container in containers():
        named |= {item["name"] for item in container.get("env", [])}
    assert named
    assert sorted(named - read) == []


def test_secret_and_config_references_exist() -> None:
    secrets = {name: set(s["stringData"]) for name, s in of_kind("Secret").items()}
    for workload, container in containers():
        for item in container.get("env", []):
            ref = item.get("valueFrom", {}).get("secretKeyRef")
            if ref:
                assert ref["key"] in secrets[ref["name"]], (workload, ref)
        for source in container.get("envFrom", []):
            if "secretRef" in source:
                assert source["secretRef"]["name"] in secrets
            if "configMapRef" in source:
                assert source["configMapRef"]["name"] in of_kind("ConfigMap")


def test_each_service_runs_in_production_mode_on_its_own_ports() -> None:
    config = of_kind("ConfigMap")["wailian-config"]["data"]
    assert config["WAILIAN_ENV"] == "production"
    for service in SERVICES:
        (container,) = workloads()[service]["containers"]
        env = env_of(container)
        prefix = f"WAILIAN_{service.upper()}_"
        assert build_parser().parse_args(container["args"]).service == service
        assert env[prefix + "GRPC_HOST"] == "0.0.0.0"
        assert port_number(container, "grpc") == int(env[prefix + "GRPC_PORT"])
        assert port_number(container, "http") == int(env[prefix + "HTTP_PORT"])
        assert int(env[prefix + "GRPC_PORT"]) == DEFAULT_GRPC_PORTS[service]
        assert int(env[prefix + "HTTP_PORT"]) == DEFAULT_HTTP_PORTS[service]
        # Production refuses to start without these (services/runtime/config.py).
        given = {item["name"] for item in container["env"]}
        assert {prefix + "DATABASE_URL", "WAILIAN_MASTER_KEY", "WAILIAN_REDIS_URL"} <= given
    migrate = of_kind("Job")["wailian-migrate"]["spec"]["template"]["spec"]["containers"][0]
    assert build_parser().parse_args(migrate["args"]).services == []


def test_probes_ask_what_the_processes_serve() -> None:
    services = probes_handler(ready=lambda: True, alive=lambda: True)
    console = static_handler(ROOT / "web")
    for workload, container in containers():
        for kind in ("readinessProbe", "livenessProbe"):
            probe = container.get(kind)
            if probe is None:
                assert workload == "wailian-migrate"
                continue
            if "httpGet" in probe:
                handler = console if workload == "web" else services
                answer = asyncio.run(handler("GET", probe["httpGet"]["path"]))
                assert answer.status == 200, (workload, kind, probe)
                port = port_number(container, probe["httpGet"]["port"])
                if workload == "web":
                    args = container["args"]
                    assert port == int(args[args.index("--port") + 1])
                else:
                    env = env_of(container)
                    assert port == int(env[f"WAILIAN_{workload.upper()}_HTTP_PORT"])
            else:
                assert workload == "edge" and "tcpSocket" in probe


def test_the_edge_listens_where_its_probes_and_service_look(bootstrap: dict[str, Any]) -> None:
    (envoy,) = workloads()["edge"]["containers"]
    (console,) = bootstrap["static_resources"]["listeners"]
    assert port_number(envoy, "console") == console["address"]["socket_address"]["port_value"]
    assert console["address"]["socket_address"]["address"] == "0.0.0.0"
    # The channel listener comes from registry over xDS, where registry is told to put it.
    (registry,) = workloads()["registry"]["containers"]
    channel = env_of(registry)["WAILIAN_EDGE_CHANNEL_LISTEN"]
    assert port_number(envoy, "channel") == int(channel.rsplit(":", 1)[1])
    assert envoy["args"][envoy["args"].index("--config-path") + 1] == "/etc/envoy/envoy.yaml"
    assert env_of(registry)["WAILIAN_REGISTRY_EDGE_URL"] == f"http://edge:{channel.rsplit(':')[1]}"


def _service_port(address: str) -> tuple[str, int, str]:
    """host:port → (Service, port, the container port name it targets), or a failed test."""
    host, port = address.rsplit(":", 1)
    service = of_kind("Service")[host]
    (target,) = [p["targetPort"] for p in service["spec"]["ports"] if p["port"] == int(port)]
    return host, int(port), target


def test_addresses_point_at_services_that_reach_the_right_ports(
    bootstrap: dict[str, Any],
) -> None:
    config = of_kind("ConfigMap")["wailian-config"]["data"]
    for service in SERVICES:
        (container,) = workloads()[service]["containers"]
        for variable, port_name in (("ADDR", "grpc"), ("HTTP_ADDR", "http")):
            host, port, target = _service_port(config[f"WAILIAN_{service.upper()}_{variable}"])
            assert host == service and target == port_name
            assert port_number(container, target) == port
    # The edge's clusters (the platform's services, the console's files, registry's ADS).
    for cluster in bootstrap["static_resources"]["clusters"]:
        assert cluster["type"] == "STRICT_DNS"
        for group in cluster["load_assignment"]["endpoints"]:
            for endpoint in group["lb_endpoints"]:
                socket = endpoint["endpoint"]["address"]["socket_address"]
                host, port, target = _service_port(f"{socket['address']}:{socket['port_value']}")
                (container,) = workloads()[host]["containers"]
                assert port_number(container, target) == port


def test_every_service_selects_the_pods_of_one_deployment() -> None:
    deployments = of_kind("Deployment")
    for deployment in deployments.values():
        labels = deployment["spec"]["template"]["metadata"]["labels"]
        assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()
    for name, service in of_kind("Service").items():
        selector = service["spec"]["selector"].items()
        chosen = [
            deployment
            for deployment in deployments.values()
            if selector <= deployment["spec"]["template"]["metadata"]["labels"].items()
        ]
        assert len(chosen) == 1, name
        (container,) = chosen[0]["spec"]["template"]["spec"]["containers"]
        for port in service["spec"]["ports"]:
            port_number(container, port["targetPort"])


def _group_and_resource(path: str) -> tuple[str, str]:
    """ "/api/v1/namespaces/{namespace}/pods" → ("", "pods"); "/apis/<group>/<v>/..." → group."""
    parts = path.strip("/").split("/")
    return ("" if parts[0] == "api" else parts[1]), parts[-1]


def test_the_monitor_may_list_pods_and_nothing_more() -> None:
    calls = {
        _group_and_resource(path)
        for path in (cluster_probe.PODS_PATH, cluster_probe.POD_METRICS_PATH)
    }
    (role,) = of_kind("Role").values()
    granted = {
        (group, resource, verb)
        for rule in role["rules"]
        for group in rule["apiGroups"]
        for resource in rule["resources"]
        for verb in rule["verbs"]
    }
    # The inspection lists collections (GETs on a namespace's pods): "list", with "get".
    assert granted == {(g, r, verb) for g, r in calls for verb in ("get", "list")}
    (binding,) = of_kind("RoleBinding").values()
    assert binding["roleRef"] == {
        "apiGroup": "rbac.authorization.k8s.io",
        "kind": "Role",
        "name": role["metadata"]["name"],
    }
    (subject,) = binding["subjects"]
    (account,) = of_kind("ServiceAccount")
    assert subject["kind"] == "ServiceAccount" and subject["name"] == account
    for name, spec in workloads().items():
        if name == "monitor":
            assert spec["serviceAccountName"] == account
            assert spec["automountServiceAccountToken"] is True
        else:
            assert spec["automountServiceAccountToken"] is False, name


def test_every_container_is_sized_and_unprivileged() -> None:
    for workload, container in containers():
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), workload
        assert "memory" in resources["limits"], workload
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
    for spec in workloads().values():
        assert spec["securityContext"]["runAsNonRoot"] is True


def test_envoy_accepts_the_generated_bootstrap(tmp_path: Path) -> None:
    """Envoy's own validation (no listening): the descriptor set at its path on this machine."""
    import subprocess

    from deploy.envoy.command import envoy_binary

    parser = argparse.ArgumentParser()
    edge_bootstrap.add_arguments(parser)
    args = parser.parse_args(["--descriptor-set", str(edge_bootstrap.LOCAL_DESCRIPTOR_SET)])
    config = tmp_path / "envoy.yaml"
    config.write_text(edge_bootstrap.run(args), encoding="utf-8")
    result = subprocess.run(
        [str(envoy_binary()), "--mode", "validate", "--config-path", str(config)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr[-2000:]
