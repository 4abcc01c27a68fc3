"""Registry's edge configuration snapshots on real SQLite and PostgreSQL (no Envoy here)."""

from __future__ import annotations

import json
import uuid

import grpc
import pytest

from tests.integration.test_services import field_violations
from tests.support import eventually
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster"


def _first_snapshot(config: eg.EdgeConfigServiceStub, admin) -> ep.ConfigSnapshot:  # type: ignore[no-untyped-def]
    """Registry makes the first snapshot once it has read identity's signing keys."""

    def listed() -> ep.ConfigSnapshot | None:
        snapshots = config.ListConfigSnapshots(ep.ListConfigSnapshotsRequest(), metadata=admin)
        return snapshots.snapshots[0] if snapshots.snapshots else None

    return eventually(listed, timeout=10, what="the first edge snapshot")


def _routes(config: eg.EdgeConfigServiceStub, admin, snapshot_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    snapshot = config.GetConfigSnapshot(
        ep.GetConfigSnapshotRequest(snapshot_id=snapshot_id), metadata=admin
    ).snapshot
    (routes,) = [json.loads(r.json) for r in snapshot.resources if r.type_url == ROUTE]
    return [route["name"] for route in routes["virtual_hosts"][0]["routes"]]


def test_each_catalogue_change_is_a_new_snapshot_with_a_higher_version(platform) -> None:
    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    first = _first_snapshot(config, admin)
    assert first.current and first.cause == "registry started"
    assert _routes(config, admin, first.snapshot_id) == ["oauth2.token"]

    upstream = catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(name="his", endpoints=[rp.Endpoint(host="his.local", port=80)])
        ),
        metadata=admin,
    ).upstream
    service = catalog.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code="his.departments.list",
                name="科室列表",
                category="master_data",
                method=rp.HTTP_METHOD_GET,
                path="/v1/departments",
                upstream_id=upstream.upstream_id,
            )
        ),
        metadata=admin,
    ).api_service
    catalog.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    snapshots = config.ListConfigSnapshots(
        ep.ListConfigSnapshotsRequest(), metadata=admin
    ).snapshots
    # The upstream added a cluster, the draft changed nothing, publishing added a route.
    assert [s.version for s in snapshots] == [first.version + 2, first.version + 1, first.version]
    assert [s.current for s in snapshots] == [True, False, False]
    # Staff read which service it was, not its id.
    assert snapshots[0].cause == f"api_service.publish {service.code} {service.version}"
    assert snapshots[0].resource_counts == ep.ResourceCounts(listeners=1, routes=1, clusters=1)
    assert _routes(config, admin, snapshots[0].snapshot_id) == [
        "oauth2.token",
        "his.departments.list",
    ]

    diff = config.DiffConfigSnapshots(
        ep.DiffConfigSnapshotsRequest(snapshot_id=snapshots[0].snapshot_id), metadata=admin
    )
    assert diff.base_snapshot.version == first.version + 1
    assert [(d.type_url, d.name, d.change) for d in diff.diffs] == [
        (ROUTE, "channel", ep.RESOURCE_CHANGE_MODIFIED)
    ]
    assert "+" in diff.diffs[0].unified_diff
    against_first = config.DiffConfigSnapshots(
        ep.DiffConfigSnapshotsRequest(
            snapshot_id=snapshots[0].snapshot_id, base_snapshot_id=first.snapshot_id
        ),
        metadata=admin,
    )
    assert {(d.type_url, d.change) for d in against_first.diffs} == {
        (CLUSTER, ep.RESOURCE_CHANGE_ADDED),
        (ROUTE, ep.RESOURCE_CHANGE_MODIFIED),
    }

    # Nothing changed: no new snapshot.
    rebuilt = config.RebuildConfigSnapshot(ep.RebuildConfigSnapshotRequest(), metadata=admin)
    assert not rebuilt.changed and rebuilt.snapshot.version == first.version + 2

    # Offline: the route goes, in a new snapshot.
    catalog.UnpublishApiService(
        rp.UnpublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    latest = _first_snapshot(config, admin)
    assert latest.version == first.version + 3
    assert _routes(config, admin, latest.snapshot_id) == ["oauth2.token"]


def test_a_rollback_is_a_new_version_with_the_earlier_content_and_retries_are_safe(
    platform,
) -> None:
    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    first = _first_snapshot(config, admin)
    catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(name="lis", endpoints=[rp.Endpoint(host="10.0.0.7", port=8080)])
        ),
        metadata=admin,
    )
    key = str(uuid.uuid4())
    request = ep.RollbackConfigSnapshotRequest(
        snapshot_id=first.snapshot_id, reason="undo", idempotency_key=key
    )
    rolled = config.RollbackConfigSnapshot(request, metadata=admin).snapshot
    again = config.RollbackConfigSnapshot(request, metadata=admin).snapshot
    assert rolled.version == first.version + 2 and rolled.current
    assert rolled.restored_from_snapshot_id == first.snapshot_id
    assert again.snapshot_id == rolled.snapshot_id
    assert rolled.resource_counts.clusters == 0
    assert rolled.cause == f"rollback to version {first.version}: undo"
    # The next change is built from the catalogue again.
    rebuilt = config.RebuildConfigSnapshot(
        ep.RebuildConfigSnapshotRequest(reason="after rollback"), metadata=admin
    )
    assert rebuilt.changed and rebuilt.snapshot.version == rolled.version + 1
    assert rebuilt.snapshot.resource_counts.clusters == 1


def test_edge_config_calls_check_their_input(platform) -> None:
    admin = platform.admin()
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    for call, request, fields in (
        (config.GetConfigSnapshot, ep.GetConfigSnapshotRequest(), {"snapshot_id"}),
        (config.DiffConfigSnapshots, ep.DiffConfigSnapshotsRequest(), {"snapshot_id"}),
        (
            config.RollbackConfigSnapshot,
            ep.RollbackConfigSnapshotRequest(reason="x" * 201, idempotency_key="k" * 129),
            {"snapshot_id", "reason", "idempotency_key"},
        ),
        (config.GetEdgeNode, ep.GetEdgeNodeRequest(), {"node_id"}),
        (config.ListConfigSnapshots, ep.ListConfigSnapshotsRequest(page_size=-1), {"page_size"}),
        (catalog.UnpublishApiService, rp.UnpublishApiServiceRequest(), {"api_service_id"}),
        (
            catalog.CreateUpstream,
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="bad",
                    endpoints=[
                        rp.Endpoint(host="-his..local", port=80),
                        rp.Endpoint(host="his_1.local", port=80),
                        rp.Endpoint(host="999.1.1.1", port=80),
                    ],
                )
            ),
            {
                "upstream.endpoints[0].host",
                "upstream.endpoints[1].host",
                "upstream.endpoints[2].host",
            },
        ),
    ):
        with pytest.raises(grpc.RpcError) as refused:
            call(request, metadata=admin)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, call
        assert set(field_violations(refused.value)) == fields
    with pytest.raises(grpc.RpcError) as missing:
        config.GetConfigSnapshot(
            ep.GetConfigSnapshotRequest(snapshot_id=str(uuid.uuid4())), metadata=admin
        )
    assert missing.value.code() == grpc.StatusCode.NOT_FOUND
    # No Envoy connected in this test: the node list is empty but names the current version.
    nodes = config.ListEdgeNodes(ep.ListEdgeNodesRequest(include_disconnected=True), metadata=admin)
    assert list(nodes.nodes) == [] and nodes.current_version >= 1
    with pytest.raises(grpc.RpcError) as unauthenticated:
        config.ListConfigSnapshots(ep.ListConfigSnapshotsRequest())
    assert unauthenticated.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_a_draft_cannot_be_taken_offline(platform) -> None:
    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    upstream = catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(name="pacs", endpoints=[rp.Endpoint(host="127.0.0.1", port=81)])
        ),
        metadata=admin,
    ).upstream
    draft = catalog.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code="report.exam.get",
                name="检查报告",
                category="report",
                method=rp.HTTP_METHOD_GET,
                path="/v1/exam-reports/{report_id}",
                upstream_id=upstream.upstream_id,
            )
        ),
        metadata=admin,
    ).api_service
    with pytest.raises(grpc.RpcError) as refused:
        catalog.UnpublishApiService(
            rp.UnpublishApiServiceRequest(api_service_id=draft.api_service_id), metadata=admin
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_old_snapshots_give_way_to_new_ones(platform) -> None:
    from services.registry.store import SNAPSHOTS_KEPT

    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    first = _first_snapshot(config, admin)
    # Each new upstream is a new cluster, so a new snapshot.
    for index in range(SNAPSHOTS_KEPT + 3):
        catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name=f"lis{index}", endpoints=[rp.Endpoint(host="lis.local", port=80)]
                )
            ),
            metadata=admin,
        )
    listed = config.ListConfigSnapshots(
        ep.ListConfigSnapshotsRequest(page_size=100), metadata=admin
    ).snapshots
    newest = first.version + SNAPSHOTS_KEPT + 3
    assert [s.version for s in listed] == list(range(newest, newest - SNAPSHOTS_KEPT, -1))
    with pytest.raises(grpc.RpcError) as gone:
        config.GetConfigSnapshot(
            ep.GetConfigSnapshotRequest(snapshot_id=first.snapshot_id), metadata=admin
        )
    assert gone.value.code() == grpc.StatusCode.NOT_FOUND
