"""The simulated API server: a threaded HTTPS server answering the reads the monitor makes
(pods of a namespace, their metrics) as a real API server does, 401/403/404 included."""

from __future__ import annotations

import copy
import ipaddress
import json
import re
import secrets
import ssl
import tempfile
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_PODS = re.compile(r"^/api/v1/namespaces/([a-z0-9-]+)/pods$")
_POD_METRICS = re.compile(r"^/apis/metrics\.k8s\.io/v1beta1/namespaces/([a-z0-9-]+)/pods$")


@dataclass(frozen=True)
class Request:
    """One request as it arrived: its path and whether its token was accepted."""

    method: str
    path: str
    authorized: bool


def _status(code: int, reason: str, message: str) -> dict[str, Any]:
    """The API's Status object for a failure."""
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Failure",
        "message": message,
        "reason": reason,
        "code": code,
    }


def _time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def container(
    name: str,
    *,
    image: str = "registry.local/wailian:0.1.0",
    requests: dict[str, str] | None = None,
    limits: dict[str, str] | None = None,
    ready: bool = True,
    restarts: int = 0,
    waiting: tuple[str, str] | None = None,
    last_terminated: tuple[str, int] | None = None,
) -> dict[str, Any]:
    """A container as `pod()` takes it: its spec and its status side by side.

    `waiting` is (reason, message), e.g. ("CrashLoopBackOff", "back-off 5m0s restarting ...");
    `last_terminated` is (reason, exit code), e.g. ("OOMKilled", 137)."""
    resources: dict[str, dict[str, str]] = {}
    if requests:
        resources["requests"] = dict(requests)
    if limits:
        resources["limits"] = dict(limits)
    return {
        "name": name,
        "image": image,
        "resources": resources,
        "ready": ready,
        "restarts": restarts,
        "waiting": waiting,
        "last_terminated": last_terminated,
    }


def pod(
    name: str,
    containers: list[dict[str, Any]],
    *,
    namespace: str = "wailian",
    phase: str = "Running",
    app: str = "",
    unschedulable: str = "",
    now: datetime | None = None,
) -> dict[str, Any]:
    """A core/v1 Pod as the API returns it (metadata, spec, status with containerStatuses)."""
    now = now or datetime.now(UTC)
    started = now - timedelta(hours=5)
    all_ready = phase == "Running" and all(c["ready"] for c in containers)
    statuses = []
    for spec in containers:
        state: dict[str, Any]
        if spec["waiting"] is not None:
            reason, message = spec["waiting"]
            state = {"waiting": {"reason": reason, "message": message}}
        elif phase == "Pending":
            state = {"waiting": {"reason": "ContainerCreating"}}
        else:
            state = {"running": {"startedAt": _time(now - timedelta(minutes=30))}}
        last: dict[str, Any] = {}
        if spec["last_terminated"] is not None:
            reason, code = spec["last_terminated"]
            last = {
                "terminated": {
                    "exitCode": code,
                    "reason": reason,
                    "startedAt": _time(now - timedelta(hours=1)),
                    "finishedAt": _time(now - timedelta(minutes=31)),
                    "containerID": f"containerd://{secrets.token_hex(32)}",
                }
            }
        statuses.append(
            {
                "name": spec["name"],
                "state": state,
                "lastState": last,
                "ready": bool(spec["ready"]) and phase == "Running",
                "restartCount": spec["restarts"],
                "image": spec["image"],
                "imageID": f"{spec['image'].split(':')[0]}@sha256:{secrets.token_hex(32)}",
                "containerID": f"containerd://{secrets.token_hex(32)}",
                "started": "running" in state,
            }
        )
    conditions = [
        {"type": "Initialized", "status": "True", "lastTransitionTime": _time(started)},
        {
            "type": "Ready",
            "status": "True" if all_ready else "False",
            "lastTransitionTime": _time(started),
            **(
                {}
                if all_ready
                else {
                    "reason": "ContainersNotReady",
                    "message": "containers with unready status: ["
                    + " ".join(c["name"] for c in containers if not c["ready"])
                    + "]",
                }
            ),
        },
        {
            "type": "ContainersReady",
            "status": "True" if all_ready else "False",
            "lastTransitionTime": _time(started),
        },
        {
            "type": "PodScheduled",
            "status": "False" if unschedulable else "True",
            "lastTransitionTime": _time(started),
            **({"reason": "Unschedulable", "message": unschedulable} if unschedulable else {}),
        },
    ]
    status: dict[str, Any] = {
        "phase": phase,
        "conditions": conditions,
        "qosClass": "Burstable",
        "startTime": _time(started),
    }
    if not unschedulable:
        status |= {"hostIP": "10.0.0.11", "podIP": "10.244.1.23", "containerStatuses": statuses}
    label = app or name.rsplit("-", 2)[0]
    return {
        "metadata": {
            "name": name,
            "generateName": f"{label}-",
            "namespace": namespace,
            "uid": str(uuid.uuid4()),
            "resourceVersion": str(secrets.randbelow(10**6)),
            "creationTimestamp": _time(started),
            "labels": {"app.kubernetes.io/name": label, "pod-template-hash": "7d9f8c6b5"},
            "ownerReferences": [
                {
                    "apiVersion": "apps/v1",
                    "kind": "ReplicaSet",
                    "name": f"{label}-7d9f8c6b5",
                    "uid": str(uuid.uuid4()),
                    "controller": True,
                    "blockOwnerDeletion": True,
                }
            ],
        },
        "spec": {
            "containers": [
                {
                    "name": c["name"],
                    "image": c["image"],
                    "resources": c["resources"],
                    "terminationMessagePath": "/dev/termination-log",
                    "imagePullPolicy": "IfNotPresent",
                }
                for c in containers
            ],
            "restartPolicy": "Always",
            "serviceAccountName": "default",
            "nodeName": "" if unschedulable else "node-1",
        },
        "status": status,
    }


def _certificates(directory: Path) -> tuple[Path, Path, Path]:
    """A CA, and a certificate for 127.0.0.1 / localhost signed by it: (ca, cert, key)."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kubernetes-simulator-ca")])
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kube-apiserver")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.DNSName("localhost"),
                    x509.DNSName("kubernetes.default.svc"),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = (directory / "ca.crt", directory / "apiserver.crt", directory / "apiserver.key")
    paths[0].write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


class KubernetesSimulator:
    """The API server: `pods` and `pod_metrics` (None answers 404, as a cluster without
    metrics-server does) are what it serves; `requests` what it was asked."""

    def __init__(self, namespace: str = "wailian") -> None:
        self.namespace = namespace
        self.token = secrets.token_urlsafe(32)
        self.pods: list[dict[str, Any]] = []
        self.pod_metrics: list[dict[str, Any]] | None = None
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._scratch = tempfile.TemporaryDirectory(prefix="k8s-sim-")
        self.ca_file, cert, key = _certificates(Path(self._scratch.name))
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = int(self._server.server_address[1])
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def start(self) -> KubernetesSimulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
        self._scratch.cleanup()

    def __enter__(self) -> KubernetesSimulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def write_service_account(self, directory: Path, token: str | None = None) -> Path:
        """What Kubernetes mounts in a pod: token, ca.crt and namespace."""
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "token").write_text(self.token if token is None else token, "utf-8")
        (directory / "ca.crt").write_bytes(self.ca_file.read_bytes())
        (directory / "namespace").write_text(self.namespace, "utf-8")
        return directory

    def env(self) -> dict[str, str]:
        """The variables Kubernetes sets in every pod for its API server."""
        return {"KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": str(self.port)}

    def _answer(self, path: str, authorization: str) -> tuple[int, dict[str, Any] | str]:
        authorized = authorization == f"Bearer {self.token}"
        with self._lock:
            self.requests.append(Request("GET", path, authorized))
            pods = copy.deepcopy(self.pods)
            metrics = copy.deepcopy(self.pod_metrics)
        if not authorized:
            return 401, _status(401, "Unauthorized", "Unauthorized")
        route = path.split("?", 1)[0]
        if match := _PODS.match(route):
            if match.group(1) != self.namespace:
                return 403, self._forbidden("pods", "", match.group(1))
            return 200, {
                "kind": "PodList",
                "apiVersion": "v1",
                "metadata": {"resourceVersion": str(secrets.randbelow(10**6))},
                "items": pods,
            }
        if match := _POD_METRICS.match(route):
            if metrics is None:
                return 404, "404 page not found\n"
            if match.group(1) != self.namespace:
                return 403, self._forbidden("pods", "metrics.k8s.io", match.group(1))
            return 200, {
                "kind": "PodMetricsList",
                "apiVersion": "metrics.k8s.io/v1beta1",
                "metadata": {},
                "items": metrics,
            }
        return 404, _status(404, "NotFound", "the server could not find the requested resource")

    def _forbidden(self, resource: str, group: str, namespace: str) -> dict[str, Any]:
        user = f"system:serviceaccount:{self.namespace}:wailian-monitor"
        return _status(
            403,
            "Forbidden",
            f'{resource} is forbidden: User "{user}" cannot list resource "{resource}" in API '
            f'group "{group}" in the namespace "{namespace}"',
        )

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        simulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                code, body = simulator._answer(self.path, self.headers.get("Authorization", ""))
                if isinstance(body, str):
                    data, kind = body.encode(), "text/plain; charset=utf-8"
                else:
                    data, kind = json.dumps(body).encode(), "application/json"
                self.send_response(code)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                return

        return Handler


def pod_metrics(name: str, usage: dict[str, str], namespace: str = "wailian") -> dict[str, Any]:
    """A metrics.k8s.io PodMetrics item: `usage` is {container: memory}, e.g. {"app": "900Mi"}."""
    return {
        "metadata": {
            "name": name,
            "namespace": namespace,
            "creationTimestamp": _time(datetime.now(UTC)),
        },
        "timestamp": _time(datetime.now(UTC)),
        "window": "15.05s",
        "containers": [
            {"name": c, "usage": {"cpu": "12345678n", "memory": memory}}
            for c, memory in usage.items()
        ],
    }
