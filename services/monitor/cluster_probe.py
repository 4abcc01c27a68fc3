"""Kubernetes, when the platform runs in a cluster: the namespace's pods (and their memory use
when metrics.k8s.io answers) read through the Kubernetes API with the pod's service account,
turned into observations for the inspections. No client library: two GETs over verified TLS."""

from __future__ import annotations

import json
import re
import ssl
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from services.monitor.inspections import Observation

SERVICE_ACCOUNT_DIR = Path("/var/run/secrets/kubernetes.io/serviceaccount")
# What the inspection reads: list the namespace's pods and their metrics. Nothing else — the
# monitor's Role in deploy/kubernetes/rbac.yaml grants exactly these (a test checks it).
PODS_PATH = "/api/v1/namespaces/{namespace}/pods"
POD_METRICS_PATH = "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods"
# Waiting reasons that mean the container cannot run until someone acts.
BLOCKED_REASONS = frozenset(
    {
        "CrashLoopBackOff",
        "ImagePullBackOff",
        "ErrImagePull",
        "InvalidImageName",
        "CreateContainerConfigError",
        "CreateContainerError",
        "RunContainerError",
    }
)
NOT_IN_CLUSTER_NOTE = "不适用：平台未在 Kubernetes 集群中运行，本节无需处理。"


@dataclass(frozen=True)
class ClusterSettings:
    """Where the Kubernetes API answers and the service account's files: KUBERNETES_SERVICE_HOST
    and KUBERNETES_SERVICE_PORT (set by Kubernetes in every pod), the token, CA and namespace
    under `account_dir`; `namespace` overrides the namespace file."""

    host: str = ""
    port: str = ""
    account_dir: Path = SERVICE_ACCOUNT_DIR
    namespace: str = ""

    @property
    def in_cluster(self) -> bool:
        return bool(self.host and self.port)

    @property
    def base_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"https://{host}:{self.port}"


def load_cluster_settings(env: Mapping[str, str]) -> ClusterSettings:
    """KUBERNETES_SERVICE_HOST/PORT, WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR (default the mounted
    service account) and WAILIAN_MONITOR_KUBERNETES_NAMESPACE (default its namespace file)."""
    directory = env.get("WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR", "").strip()
    return ClusterSettings(
        host=env.get("KUBERNETES_SERVICE_HOST", "").strip(),
        port=env.get("KUBERNETES_SERVICE_PORT", "").strip(),
        account_dir=Path(directory) if directory else SERVICE_ACCOUNT_DIR,
        namespace=env.get("WAILIAN_MONITOR_KUBERNETES_NAMESPACE", "").strip(),
    )


class KubernetesApiError(Exception):
    """The API refused or could not be reached; `status` is the HTTP status when it answered."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def api_get(settings: ClusterSettings, path: str, timeout: float) -> dict[str, object]:
    """GET a Kubernetes API path with the service account's token (read afresh: Kubernetes
    rotates it), verifying the API server with the account's CA (blocking)."""
    token = (settings.account_dir / "token").read_text(encoding="utf-8").strip()
    context = ssl.create_default_context(cafile=str(settings.account_dir / "ca.crt"))
    request = urllib.request.Request(  # noqa: S310 - https only, the URL is ours
        settings.base_url + path,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout, context=context) as response:  # noqa: S310
            loaded = json.loads(response.read().decode())
    except urllib.error.HTTPError as error:
        raise KubernetesApiError(
            f"HTTP {error.code}：{_status_message(error)}", error.code
        ) from None
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise KubernetesApiError(f"无法连接 {settings.base_url}：{reason}") from None
    except ValueError as error:
        raise KubernetesApiError(f"应答不是 JSON：{error}") from None
    return loaded if isinstance(loaded, dict) else {}


def _status_message(error: urllib.error.HTTPError) -> str:
    """The message of the API's Status object, or the reason phrase."""
    try:
        body = json.loads(error.read().decode() or "{}")
    except (ValueError, OSError):
        body = {}
    message = body.get("message") if isinstance(body, dict) else None
    return str(message or error.reason)[:300]


def _namespace(settings: ClusterSettings) -> str:
    if settings.namespace:
        return settings.namespace
    return (settings.account_dir / "namespace").read_text(encoding="utf-8").strip()


def cluster_observations(settings: ClusterSettings, timeout: float) -> list[Observation]:
    """Pods, restarts, container states, resources and memory use of the namespace; one
    "not in a cluster" observation outside Kubernetes (blocking: run it in a thread)."""
    if not settings.in_cluster:
        return [
            Observation(
                "kubernetes.pod_ready",
                "Kubernetes",
                None,
                "未在 Kubernetes 集群中运行（没有 KUBERNETES_SERVICE_HOST）",
                NOT_IN_CLUSTER_NOTE,
            )
        ]
    missing = [name for name in ("token", "ca.crt") if not (settings.account_dir / name).is_file()]
    if not settings.namespace and not (settings.account_dir / "namespace").is_file():
        missing.append("namespace")
    if missing:
        return [
            Observation(
                "kubernetes.pod_ready",
                "Kubernetes",
                None,
                f"服务账号文件缺失：{'、'.join(str(settings.account_dir / m) for m in missing)}",
                "为 monitor 挂载服务账号令牌（automountServiceAccountToken: true），"
                "或设置 WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR。",
            )
        ]
    namespace = _namespace(settings)
    try:
        pods = api_get(settings, PODS_PATH.format(namespace=namespace), timeout)
    except KubernetesApiError as error:
        advice = {
            401: "Kubernetes 不接受 monitor 的服务账号令牌：检查令牌是否过期或被吊销。",
            403: "monitor 的服务账号无权列出 Pod：应用 deploy/kubernetes 中的 Role 与 "
            "RoleBinding（pods 的 get、list）。",
        }.get(error.status or 0, "检查 monitor 到 Kubernetes API 的网络与证书。")
        return [
            Observation(
                "kubernetes.pod_ready",
                f"命名空间 {namespace}",
                None,
                f"无法列出 Pod：{error}",
                advice,
            )
        ]
    observations = pod_observations(pods)
    try:
        usage = api_get(settings, POD_METRICS_PATH.format(namespace=namespace), timeout)
    except KubernetesApiError as error:
        return [
            *observations,
            Observation(
                "kubernetes.memory_usage",
                f"命名空间 {namespace}",
                None,
                f"资源指标不可用（metrics.k8s.io {error}）",
                "可选：在集群中安装 metrics-server 后即可检查容器内存使用。",
            ),
        ]
    return observations + memory_observations(pods, usage)


# What the pod list says (pure: the tests feed it the API's JSON).


def _dicts(value: object) -> list[dict[str, object]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _dict(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _name(item: Mapping[str, object]) -> str:
    return str(_dict(item.get("metadata")).get("name", ""))


def pod_observations(pod_list: Mapping[str, object]) -> list[Observation]:
    """Readiness of each pod, and each container's restarts, state and resource settings.
    Pods that completed (a finished job) are left out."""
    observations: list[Observation] = []
    for pod in _dicts(pod_list.get("items")):
        name = _name(pod)
        status = _dict(pod.get("status"))
        phase = str(status.get("phase", "Unknown"))
        if phase == "Succeeded":
            continue
        observations.append(_readiness(name, phase, status))
        statuses = {_name_of(c): c for c in _dicts(status.get("containerStatuses"))}
        for container in _dicts(_dict(pod.get("spec")).get("containers")):
            container_name = _name_of(container)
            subject = f"pod {name} / {container_name}"
            seen = statuses.get(container_name)
            if seen is not None:
                observations.append(_restarts(subject, seen))
                observations.append(_state(subject, seen))
            observations.append(_resources(subject, container))
    return observations


def _name_of(container: Mapping[str, object]) -> str:
    return str(container.get("name", ""))


def _readiness(name: str, phase: str, status: Mapping[str, object]) -> Observation:
    conditions = {str(c.get("type")): c for c in _dicts(status.get("conditions"))}
    ready = conditions.get("Ready", {})
    is_ready = phase == "Running" and ready.get("status") == "True"
    if is_ready:
        return Observation("kubernetes.pod_ready", f"pod {name}", 0, "Running，就绪")
    why = next(
        (
            f"{c.get('reason', '')}：{c.get('message', '')}".strip("：")
            for c in (conditions.get("PodScheduled", {}), ready)
            if c.get("status") == "False" and (c.get("reason") or c.get("message"))
        ),
        str(status.get("reason", "") or status.get("message", "")),
    )
    text = f"{phase}，未就绪" + (f"（{why}）" if why else "")
    return Observation("kubernetes.pod_ready", f"pod {name}", 1, text[:500])


def _terminated(state: object) -> dict[str, object]:
    return _dict(_dict(state).get("terminated"))


def _restarts(subject: str, seen: Mapping[str, object]) -> Observation:
    count = int(str(seen.get("restartCount", 0) or 0))
    last = _terminated(seen.get("lastState"))
    text = f"重启 {count} 次"
    if last:
        text += (
            f"；上次退出：{last.get('reason', '')}（退出码 {last.get('exitCode', '')}，"
            f"{last.get('finishedAt', '')}）"
        )
    return Observation("kubernetes.restarts", subject, count, text)


def _state(subject: str, seen: Mapping[str, object]) -> Observation:
    state = _dict(seen.get("state"))
    waiting = _dict(state.get("waiting"))
    reason = str(waiting.get("reason", ""))
    if reason in BLOCKED_REASONS:
        message = str(waiting.get("message", ""))
        text = f"等待中：{reason}" + (f"（{message[:300]}）" if message else "")
        return Observation("kubernetes.container_state", subject, 2, text)
    killed = [
        t
        for t in (_terminated(state), _terminated(seen.get("lastState")))
        if t.get("reason") == "OOMKilled"
    ]
    if killed:
        finished = killed[0].get("finishedAt", "")
        return Observation(
            "kubernetes.container_state",
            subject,
            1,
            f"上次因内存不足被终止（OOMKilled，{finished}）",
        )
    if waiting:
        return Observation("kubernetes.container_state", subject, 0, f"等待中：{reason or '—'}")
    if state.get("terminated"):
        return Observation(
            "kubernetes.container_state",
            subject,
            0,
            f"已终止：{_terminated(state).get('reason', '')}",
        )
    return Observation("kubernetes.container_state", subject, 0, "运行中")


RESOURCE_SETTINGS = (("requests", "cpu"), ("requests", "memory"), ("limits", "memory"))


def _resources(subject: str, container: Mapping[str, object]) -> Observation:
    resources = _dict(container.get("resources"))
    missing = [
        f"{kind}.{name}"
        for kind, name in RESOURCE_SETTINGS
        if not _dict(resources.get(kind)).get(name)
    ]
    if missing:
        text = f"缺少 {'、'.join(missing)}"
    else:
        requests, limits = _dict(resources.get("requests")), _dict(resources.get("limits"))
        text = (
            f"请求 CPU {requests.get('cpu')}、内存 {requests.get('memory')}；"
            f"内存限制 {limits.get('memory')}"
        )
    return Observation("kubernetes.resources", subject, len(missing), text)


def memory_observations(
    pod_list: Mapping[str, object], pod_metrics: Mapping[str, object]
) -> list[Observation]:
    """Each container's memory use against its limit (containers without a limit: none)."""
    limits: dict[tuple[str, str], float] = {}
    for pod in _dicts(pod_list.get("items")):
        for container in _dicts(_dict(pod.get("spec")).get("containers")):
            limit = _dict(_dict(container.get("resources")).get("limits")).get("memory")
            if limit:
                try:
                    limits[(_name(pod), _name_of(container))] = parse_quantity(str(limit))
                except ValueError:
                    continue
    observations: list[Observation] = []
    for item in _dicts(pod_metrics.get("items")):
        pod_name = _name(item)
        for container in _dicts(item.get("containers")):
            key = (pod_name, _name_of(container))
            used_text = _dict(container.get("usage")).get("memory")
            if key not in limits or not limits[key] or not used_text:
                continue
            try:
                used = parse_quantity(str(used_text))
            except ValueError:
                continue
            share = 100 * used / limits[key]
            observations.append(
                Observation(
                    "kubernetes.memory_usage",
                    f"pod {pod_name} / {key[1]}",
                    share,
                    f"{used / 2**20:,.0f} MiB / {limits[key] / 2**20:,.0f} MiB（{share:.0f}%）",
                )
            )
    return observations


_QUANTITY = re.compile(
    r"^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$"
)
_SUFFIXES = {
    None: 1.0,
    "n": 1e-9,
    "u": 1e-6,
    "m": 1e-3,
    "k": 1e3,
    "M": 1e6,
    "G": 1e9,
    "T": 1e12,
    "P": 1e15,
    "E": 1e18,
    "Ki": 2.0**10,
    "Mi": 2.0**20,
    "Gi": 2.0**30,
    "Ti": 2.0**40,
    "Pi": 2.0**50,
    "Ei": 2.0**60,
}


def parse_quantity(text: str) -> float:
    """A Kubernetes resource quantity ("250m", "128Mi", "1.5Gi", "2") as a number."""
    match = _QUANTITY.match(text.strip())
    if match is None:
        raise ValueError(f"not a quantity: {text!r}")
    return float(match.group(1)) * _SUFFIXES[match.group(2)]
