"""The Kubernetes inspection's grading of what the API says about pods (the JSON shapes come
from the simulator's builders, as the API server returns them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.monitor import cluster_probe, inspections
from services.monitor.inspections import Grade, assess_all
from simulators.kubernetes import container, pod, pod_metrics

SIZED = {"requests": {"cpu": "250m", "memory": "256Mi"}, "limits": {"memory": "512Mi"}}


def graded(
    observations: list[inspections.Observation],
) -> dict[tuple[str, str], inspections.Finding]:
    return {
        (f.check_code, f.subject): f for f in assess_all(observations, inspections.DEFAULT_CHECKS)
    }


def test_pods_are_graded_by_readiness_restarts_state_and_resources() -> None:
    pods = {
        "kind": "PodList",
        "items": [
            pod("registry-7d9f8c6b5-x2k4p", [container("registry", restarts=1, **SIZED)]),
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
            pod(
                "monitor-6b7c8d9e0-a1b2c",
                [container("monitor", restarts=4, last_terminated=("OOMKilled", 137), **SIZED)],
            ),
            pod(
                "identity-1a2b3c4d5-zzzzz",
                [container("identity", **SIZED)],
                phase="Pending",
                unschedulable="0/3 nodes are available: 3 Insufficient memory.",
            ),
            pod("migrate-once-abcde", [container("migrate", **SIZED)], phase="Succeeded"),
        ],
    }
    found = graded(cluster_probe.pod_observations(pods))

    assert found[("kubernetes.pod_ready", "pod registry-7d9f8c6b5-x2k4p")].grade is Grade.OK
    not_ready = found[("kubernetes.pod_ready", "pod payment-5c6d7f8b9-q8r7s")]
    assert not_ready.grade is Grade.RISK
    assert "ContainersNotReady" in not_ready.observed
    pending = found[("kubernetes.pod_ready", "pod identity-1a2b3c4d5-zzzzz")]
    assert pending.grade is Grade.RISK
    assert pending.observed.startswith("Pending，未就绪（Unschedulable：0/3 nodes")
    # A finished job is not a problem, nor reported.
    assert not [key for key in found if "migrate-once" in key[1]]

    payment = "pod payment-5c6d7f8b9-q8r7s / payment"
    assert found[("kubernetes.restarts", payment)].grade is Grade.RISK
    assert found[("kubernetes.restarts", payment)].threshold == "警告 ≥ 3 次，风险 ≥ 10 次"
    assert found[("kubernetes.container_state", payment)].grade is Grade.RISK
    assert found[("kubernetes.container_state", payment)].observed.startswith(
        "等待中：CrashLoopBackOff（back-off 5m0s"
    )
    assert found[("kubernetes.resources", payment)].grade is Grade.RISK
    assert (
        found[("kubernetes.resources", payment)].observed
        == "缺少 requests.cpu、requests.memory、limits.memory"
    )

    monitor = "pod monitor-6b7c8d9e0-a1b2c / monitor"
    assert found[("kubernetes.restarts", monitor)].grade is Grade.WARNING
    assert "OOMKilled（退出码 137" in found[("kubernetes.restarts", monitor)].observed
    assert found[("kubernetes.container_state", monitor)].grade is Grade.WARNING
    assert found[("kubernetes.resources", monitor)].grade is Grade.OK

    registry = "pod registry-7d9f8c6b5-x2k4p / registry"
    assert found[("kubernetes.restarts", registry)].grade is Grade.OK
    assert found[("kubernetes.container_state", registry)].observed == "运行中"


def test_image_pull_failures_block_the_container() -> None:
    pods = {
        "items": [
            pod(
                "web-1-2",
                [container("web", ready=False, waiting=("ImagePullBackOff", "Back-off pulling"))],
            )
        ]
    }
    found = graded(cluster_probe.pod_observations(pods))
    assert found[("kubernetes.container_state", "pod web-1-2 / web")].grade is Grade.RISK


def test_memory_use_is_graded_against_the_limit() -> None:
    pods = {
        "items": [
            pod("registry-1-2", [container("registry", **SIZED)]),
            pod("x-1-2", [container("x")]),
        ]
    }
    usage = {
        "items": [
            pod_metrics("registry-1-2", {"registry": "480Mi"}),
            # No limit: nothing to compare with (the resources check reports it).
            pod_metrics("x-1-2", {"x": "2Gi"}),
        ]
    }
    found = graded(cluster_probe.memory_observations(pods, usage))
    (only,) = found.values()
    assert only.subject == "pod registry-1-2 / registry"
    assert only.grade is Grade.RISK
    assert only.observed == "480 MiB / 512 MiB（94%）"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("250m", 0.25),
        ("2", 2),
        ("128Mi", 128 * 2**20),
        ("1.5Gi", 1.5 * 2**30),
        ("500M", 5e8),
        ("1e3", 1000),
        ("12345678n", 0.012345678),
    ],
)
def test_quantities(text: str, value: float) -> None:
    assert cluster_probe.parse_quantity(text) == pytest.approx(value)


def test_outside_a_cluster_the_section_says_so_and_is_not_graded(tmp_path: Path) -> None:
    settings = cluster_probe.load_cluster_settings({})
    assert not settings.in_cluster
    (only,) = assess_all(
        cluster_probe.cluster_observations(settings, 1), inspections.DEFAULT_CHECKS
    )
    assert only.grade is Grade.UNKNOWN
    assert "未在 Kubernetes 集群中运行" in only.observed
    assert only.recommendation == cluster_probe.NOT_IN_CLUSTER_NOTE
    assert inspections.tally([only]).overall is Grade.OK


def test_a_pod_without_its_service_account_files_names_them(tmp_path: Path) -> None:
    env = {
        "KUBERNETES_SERVICE_HOST": "10.96.0.1",
        "KUBERNETES_SERVICE_PORT": "443",
        "WAILIAN_MONITOR_KUBERNETES_ACCOUNT_DIR": str(tmp_path),
    }
    (only,) = cluster_probe.cluster_observations(cluster_probe.load_cluster_settings(env), 1)
    assert only.value is None
    assert str(tmp_path / "token") in only.observed
    assert "automountServiceAccountToken" in only.note
