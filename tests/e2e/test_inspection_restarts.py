"""Inspections of the running services as processes: each one's start time and version from its
/metrics, and a service restarted between two inspections counted as a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalOptions, LocalPlatform
from services.runtime.build_info import version
from tests.e2e.conftest import start_local_platform
from tests.support import eventually
from wailian.monitor.v1 import inspections_pb2 as ip
from wailian.monitor.v1 import inspections_pb2_grpc as ig

pytestmark = pytest.mark.e2e

SERVICES = ("identity", "monitor", "payment", "publishing", "registry")


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[LocalPlatform]:
    options = LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=False)
    yield from start_local_platform(options, edge=False)


def inspect_services(platform: LocalPlatform) -> ip.Inspection:
    with platform.grpc_channel("identity") as identity:
        admin = admin_metadata(identity)
    with platform.grpc_channel("monitor") as channel:
        stub = ig.InspectionServiceStub(channel)
        started = stub.RunInspection(
            ip.RunInspectionRequest(targets=[ip.INSPECTION_TARGET_SERVICES]),
            metadata=admin,
            wait_for_ready=True,
            timeout=30,
        ).inspection

        def probe() -> ip.Inspection | None:
            found = stub.GetInspection(
                ip.GetInspectionRequest(inspection_id=started.inspection_id), metadata=admin
            ).inspection
            return None if found.status == ip.INSPECTION_STATUS_RUNNING else found

        inspection = eventually(probe, what="the inspection to complete")
    assert inspection.status == ip.INSPECTION_STATUS_COMPLETED, inspection.error
    return inspection


def findings(inspection: ip.Inspection, code: str) -> dict[str, ip.InspectionFinding]:
    return {f.subject: f for f in inspection.findings if f.check_code == code}


def test_a_restarted_service_is_counted_by_the_next_inspection(platform: LocalPlatform) -> None:
    first = inspect_services(platform)
    restarts = findings(first, "services.restarts")
    assert sorted(restarts) == list(SERVICES)
    for finding in restarts.values():
        assert finding.grade == ip.INSPECTION_GRADE_OK, finding.observed
        assert finding.observed.startswith("自开始记录以来重启 0 次；当前进程启动于 ")
        assert finding.threshold == "警告 ≥ 1 次，风险 ≥ 3 次"
    versions = findings(first, "services.version")
    assert {name: f.observed for name, f in versions.items()} == {
        name: version() for name in SERVICES
    }
    assert all(f.grade == ip.INSPECTION_GRADE_OK for f in versions.values())

    # payment stops and starts again: a new process, so a new start time on its /metrics.
    platform.stop_service("payment")
    platform.restart_service("payment")

    second = inspect_services(platform)
    restarts = findings(second, "services.restarts")
    payment = restarts["payment"]
    assert payment.observed_value == 1
    assert payment.grade == ip.INSPECTION_GRADE_WARNING
    assert payment.observed.startswith("自上次巡检（")
    assert "以来重启 1 次" in payment.observed
    assert payment.recommendation
    assert (
        restarts["payment"].observed.split("当前进程启动于 ")[1]
        != (findings(first, "services.restarts")["payment"].observed.split("当前进程启动于 ")[1])
    )
    others = {name: f.observed_value for name, f in restarts.items() if name != "payment"}
    assert others == dict.fromkeys(others, 0)
    assert second.overall_grade == ip.INSPECTION_GRADE_WARNING

    # The monitor itself restarts: what it saw is kept, and its own restart is counted; the
    # payment restart belongs to the previous period.
    platform.stop_service("monitor")
    platform.restart_service("monitor")
    third = findings(inspect_services(platform), "services.restarts")
    assert third["monitor"].observed_value == 1
    assert third["payment"].observed_value == 0
    assert third["payment"].grade == ip.INSPECTION_GRADE_OK
