"""Inspections of Kubernetes through the monitor, against the local Kubernetes API simulator
(HTTPS with its own CA, bearer tokens, the core/v1 PodList shape): the production code path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulators.kubernetes import KubernetesSimulator, container, pod, pod_metrics
from tests.integration.conftest import Platform, start_platform
from tests.support import eventually
from wailian.monitor.v1 import inspections_pb2 as ip
from wailian.monitor.v1 import inspections_pb2_grpc as ig

SIZED = {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}}


@pytest.fixture
def cluster() -> Iterator[KubernetesSimulator]:
    with KubernetesSimulator(namespace="wailian-prod") as api:
        api.pods = [
            pod("registry-7d9f8c6b5-x2k4p", [container("registry", **SIZED)]),
            pod(
                "payment-5c6d7f8b9-q8r7s",
                [
                    container(
                        "payment",
                        ready=False,
                        restarts=12,
                        waiting=("CrashLoopBackOff", "back-off 5m0s restarting failed container"),
                        last_terminated=("Error", 1),
                    )
                ],
            ),
        ]
        yield api


def start_monitor(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, env: dict[str, str]
) -> Iterator[Platform]:
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    for name in ("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield from start_platform(
        tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=("identity", "monitor")
    )


def inspect_kubernetes(platform: Platform) -> ip.Inspection:
    stub = ig.InspectionServiceStub(platform.channel("monitor"))
    started = stub.RunInspection(
        ip.RunInspectionRequest(targets=[ip.INSPECTION_TARGET_KUBERNETES]),
        metadata=platform.admin(),
    ).inspection

    def probe() -> ip.Inspection | None:
        found = stub.GetInspection(
            ip.GetInspectionRequest(inspection_id=started.inspection_id),
            metadata=platform.admin(),
        ).inspection
        return None if found.status == ip.INSPECTION_STATUS_RUNNING else found

    inspection = eventually(probe, what="the inspection to complete")
    assert inspection.status == ip.INSPECTION_STATUS_COMPLETED, inspection.error
    return inspection


def by_subject(inspection: ip.Inspection, code: str) -> dict[str, ip.InspectionFinding]:
    return {f.subject: f for f in inspection.findings if f.check_code == code}


def test_the_namespace_pods_are_inspected_through_the_kubernetes_api(
    cluster: KubernetesSimulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    account = cluster.write_service_account(tmp_path / "serviceaccount")
    env = cluster.env() | {"WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR": str(account)}
    for platform in start_monitor(tmp_path, monkeypatch, env):
        inspection = inspect_kubernetes(platform)
        assert {f.target for f in inspection.findings} == {ip.INSPECTION_TARGET_KUBERNETES}
        ready = by_subject(inspection, "kubernetes.pod_ready")
        assert ready["pod registry-7d9f8c6b5-x2k4p"].grade == ip.INSPECTION_GRADE_OK
        assert ready["pod payment-5c6d7f8b9-q8r7s"].grade == ip.INSPECTION_GRADE_RISK
        payment = "pod payment-5c6d7f8b9-q8r7s / payment"
        restarts = by_subject(inspection, "kubernetes.restarts")[payment]
        assert restarts.observed_value == 12
        assert restarts.grade == ip.INSPECTION_GRADE_RISK
        assert restarts.recommendation
        state = by_subject(inspection, "kubernetes.container_state")[payment]
        assert state.grade == ip.INSPECTION_GRADE_RISK
        assert "CrashLoopBackOff" in state.observed
        resources = by_subject(inspection, "kubernetes.resources")
        assert resources[payment].grade == ip.INSPECTION_GRADE_RISK
        assert resources["pod registry-7d9f8c6b5-x2k4p / registry"].grade == ip.INSPECTION_GRADE_OK
        # No metrics-server in this cluster (404): said once, not graded, not a failure.
        (usage,) = by_subject(inspection, "kubernetes.memory_usage").values()
        assert usage.grade == ip.INSPECTION_GRADE_UNSPECIFIED
        assert "资源指标不可用" in usage.observed and "404" in usage.observed
        assert inspection.overall_grade == ip.INSPECTION_GRADE_RISK
        # Through the API with the service account's token, in its own namespace only.
        assert {(r.path, r.authorized) for r in cluster.requests} == {
            ("/api/v1/namespaces/wailian-prod/pods", True),
            ("/apis/metrics.k8s.io/v1beta1/namespaces/wailian-prod/pods", True),
        }

        # metrics-server installed: memory use against the limit.
        cluster.pod_metrics = [pod_metrics("registry-7d9f8c6b5-x2k4p", {"registry": "300Mi"})]
        usage = by_subject(inspect_kubernetes(platform), "kubernetes.memory_usage")
        assert (
            usage["pod registry-7d9f8c6b5-x2k4p / registry"].observed == "300 MiB / 512 MiB（59%）"
        )
        assert usage["pod registry-7d9f8c6b5-x2k4p / registry"].grade == ip.INSPECTION_GRADE_OK

        # A token the API server does not accept: 401, reported as not observed with advice.
        cluster.write_service_account(account, token="revoked")
        (refused,) = inspect_kubernetes(platform).findings
        assert refused.grade == ip.INSPECTION_GRADE_UNSPECIFIED
        assert refused.observed == "无法列出 Pod：HTTP 401：Unauthorized"
        assert "令牌" in refused.recommendation
        assert cluster.requests[-1].authorized is False


def test_outside_a_cluster_the_kubernetes_section_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for platform in start_monitor(tmp_path, monkeypatch, {}):
        inspection = inspect_kubernetes(platform)
        (only,) = inspection.findings
        assert only.target == ip.INSPECTION_TARGET_KUBERNETES
        assert only.grade == ip.INSPECTION_GRADE_UNSPECIFIED
        assert "未在 Kubernetes 集群中运行" in only.observed
        assert only.recommendation.startswith("不适用")
        assert inspection.overall_grade == ip.INSPECTION_GRADE_OK
        assert not inspection.error
