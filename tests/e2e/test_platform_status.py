"""The monitoring center's live status of the running platform: services, Envoy, upstreams."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from deploy.local.demo import admin_metadata
from tests.support import eventually, http_json
from wailian.monitor.v1 import status_pb2 as sp
from wailian.monitor.v1 import status_pb2_grpc as sg

pytestmark = pytest.mark.e2e


def test_the_status_shows_every_service_the_edge_and_its_upstreams(demo_platform) -> None:
    console = f"http://127.0.0.1:{demo_platform.console_port}"
    with demo_platform.grpc_channel("identity") as identity:
        admin = admin_metadata(identity)
    headers = {"authorization": admin[0][1]}

    # Every platform service answers its gRPC health check ...
    status, _, services = http_json(
        "GET", f"{console}/api/monitor/v1/status/services", headers=headers
    )
    assert status == 200, services
    assert {(s["service"], s["servingStatus"]) for s in services["instances"]} == {
        (name, "SERVING_STATUS_SERVING")
        for name in ("identity", "registry", "monitor", "payment", "publishing")
    }
    # ... and its /readyz: ready to take calls.
    assert all(s["ready"] is True for s in services["instances"]), services

    # The edge, from Envoy's admin API: its version, live, since when, its connections.
    status, _, edge = http_json("GET", f"{console}/api/monitor/v1/status/edge", headers=headers)
    assert status == 200, edge
    (envoy,) = edge["instances"]
    assert envoy["reachable"] is True and envoy["state"] == "LIVE"
    assert envoy["envoyVersion"][0].isdigit()
    started = datetime.fromisoformat(envoy["startTime"].replace("Z", "+00:00"))
    assert started < datetime.now(UTC)
    assert int(envoy["downstreamConnections"]) >= 1  # this request's own connection

    # The HIS upstream the demo catalogue routes to: one endpoint, healthy.
    with demo_platform.grpc_channel("monitor") as monitor:
        stub = sg.PlatformStatusServiceStub(monitor)
        upstreams = stub.ListUpstreamStatuses(sp.ListUpstreamStatusesRequest(), metadata=admin)
        (his,) = [u for u in upstreams.upstreams if u.upstream == "his"]
        assert (his.endpoints, his.healthy_endpoints, his.ejected_endpoints) == (1, 1, 0)
        assert not any(u.upstream.startswith("wailian_") for u in upstreams.upstreams)
        unhealthy = stub.ListUpstreamStatuses(
            sp.ListUpstreamStatusesRequest(unhealthy_only=True), metadata=admin
        )
        assert "his" not in [u.upstream for u in unhealthy.upstreams]

        # A stopped service shows as unreachable within a probe.
        demo_platform.children["publishing"].stop()

        def publishing_down() -> sp.ServiceInstanceStatus | None:
            listed = stub.ListServiceStatuses(sp.ListServiceStatusesRequest(), metadata=admin)
            (found,) = [s for s in listed.instances if s.service == "publishing"]
            return found if found.serving_status == sp.SERVING_STATUS_UNREACHABLE else None

        down = eventually(publishing_down, what="publishing to show as unreachable")
        assert not down.ready and down.error


def test_the_console_gets_large_answers_whole(demo_platform) -> None:
    """A page of 100 API services with their schemas and examples is far over 32 KiB."""
    console = f"http://127.0.0.1:{demo_platform.console_port}"
    with demo_platform.grpc_channel("identity") as identity:
        headers = {"authorization": admin_metadata(identity)[0][1]}
    status, raw_headers, listed = http_json(
        "GET", f"{console}/api/registry/v1/api-services?pageSize=100", headers=headers
    )
    assert status == 200, listed
    assert len(listed["apiServices"]) >= 15
    assert all(service["responseSchema"] for service in listed["apiServices"])
    assert int(raw_headers["content-length"]) > 32 * 1024
