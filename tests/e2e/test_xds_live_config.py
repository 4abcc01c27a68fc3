"""Module 31 end to end: registry is the running Envoy's control plane over ADS.

Changes reach the edge without a restart, a configuration Envoy rejects is a NACK on the
node while the previous one keeps serving, and the edge outlives its control plane.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

import pytest

from deploy.envoy.config import CHANNEL_LISTENER
from deploy.local.demo import admin_metadata, grant
from deploy.local.launcher import LocalPlatform
from services.registry import edge, store
from services.registry.models import EdgeSnapshotRow
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork, make_engine
from tests.support import http, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

pytestmark = pytest.mark.e2e

T = TypeVar("T")
EFFECTIVE_WITHIN = 2.0


def until(probe: Callable[[], T | None], timeout: float, what: str) -> tuple[T, float]:
    """Poll quickly until probe gives something; the value and the seconds it took."""
    started = time.monotonic()
    while True:
        result = probe()
        elapsed = time.monotonic() - started
        if result is not None:
            return result, elapsed
        if elapsed > timeout:
            raise AssertionError(f"timed out after {timeout:.1f} s waiting for {what}")
        time.sleep(0.02)


class Edge:
    """The platform seen by a staff member and a channel: catalogue, snapshots, the edge."""

    def __init__(self, platform: LocalPlatform) -> None:
        self.platform = platform
        self.identity = platform.grpc_channel("identity")
        self.admin = admin_metadata(self.identity)
        self.upstream_id = ""
        self.token = ""
        self.channel = ("", "")

    def catalog(self) -> rg.CatalogServiceStub:
        return rg.CatalogServiceStub(self.platform.grpc_channel("registry"))

    def config(self) -> eg.EdgeConfigServiceStub:
        return eg.EdgeConfigServiceStub(self.platform.grpc_channel("registry"))

    def prepare(self) -> None:
        """A channel with a token credential and the HIS simulator as an upstream."""
        channels = idg.ChannelServiceStub(self.identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code="app-1", name="医院App", type=idp.CHANNEL_TYPE_HOSPITAL_APP
                )
            ),
            metadata=self.admin,
        ).channel
        issued = channels.CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
            ),
            metadata=self.admin,
        )
        self.upstream_id = (
            self.catalog()
            .CreateUpstream(
                rp.CreateUpstreamRequest(
                    upstream=rp.Upstream(
                        name="his",
                        endpoints=[rp.Endpoint(host="127.0.0.1", port=self.platform.his_port)],
                    )
                ),
                metadata=self.admin,
            )
            .upstream.upstream_id
        )
        self.credential = (issued.credential.client_id, issued.client_secret)
        self.channel = (channel.channel_id, channel.code)

    def draft(self, code: str, path: str, upstream_path: str) -> str:
        return (
            self.catalog()
            .CreateApiService(
                rp.CreateApiServiceRequest(
                    api_service=rp.ApiService(
                        code=code,
                        name=code,
                        category="master_data",
                        method=rp.HTTP_METHOD_GET,
                        path=path,
                        upstream_id=self.upstream_id,
                        upstream_path=upstream_path,
                    )
                ),
                metadata=self.admin,
            )
            .api_service.api_service_id
        )

    def publish(self, api_service_id: str) -> None:
        """Grant the channel the API (no new snapshot: nothing routes it yet), then publish."""
        grant(self.platform.grpc_channel("registry"), self.admin, *self.channel, api_service_id)
        self.catalog().PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=api_service_id), metadata=self.admin
        )

    def sign_in_channel(self) -> None:
        client_id, secret = self.credential
        status, _, token = http_json(
            "POST",
            f"{self.url}/oauth2/token",
            body=f"grant_type=client_credentials&client_id={client_id}&client_secret={secret}".encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert status == 200, token
        self.token = token["access_token"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.platform.channel_port}"

    def call(self, path: str) -> int:
        status, _, _ = http("GET", f"{self.url}{path}", headers=self.bearer)
        return status

    @property
    def bearer(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}

    def nodes(self) -> ep.ListEdgeNodesResponse:
        return self.config().ListEdgeNodes(ep.ListEdgeNodesRequest(), metadata=self.admin)

    def in_sync(self) -> ep.EdgeNode | None:
        """The one edge node, once it acknowledged the current snapshot for every type."""
        listing = self.nodes()
        if len(listing.nodes) == 1 and listing.nodes[0].in_sync:
            return listing.nodes[0]
        return None

    def served_route_version(self) -> int:
        """The version Envoy itself says its channel routes came at."""
        url = f"http://127.0.0.1:{self.platform.admin_port}/config_dump"
        with urllib.request.urlopen(url, timeout=5) as response:
            dump = json.load(response)
        (version,) = [
            int(entry["version_info"])
            for config in dump["configs"]
            for entry in config.get("dynamic_route_configs", [])
        ]
        return version


@pytest.fixture
def live_edge(backends: LocalPlatform) -> Iterator[Edge]:
    platform = backends
    view = Edge(platform)
    view.prepare()
    view.publish(view.draft("master.doctor.get", "/v1/doctors/{code}", "/his/v1/doctors/{code}"))
    platform.start_edge()
    platform.wait_until_edge_knows(view.channel[0])
    view.sign_in_channel()
    assert view.call("/v1/doctors/D100101") == 200
    yield view
    view.identity.close()


def test_publishing_reaches_the_running_edge_within_two_seconds_and_offline_is_404(
    live_edge: Edge,
) -> None:
    view = live_edge
    envoy = view.platform.children["envoy"]
    assert view.call("/v1/departments") == 404

    departments = view.draft("master.department.list", "/v1/departments", "/his/v1/departments")
    started = time.monotonic()
    view.publish(departments)
    until(
        lambda: True if view.call("/v1/departments") == 200 else None,
        timeout=5,
        what="the new API to answer through the edge",
    )
    effective = time.monotonic() - started
    print(f"publish → effective at the edge: {effective * 1000:.0f} ms")
    assert effective <= EFFECTIVE_WITHIN

    started = time.monotonic()
    view.catalog().UnpublishApiService(
        rp.UnpublishApiServiceRequest(api_service_id=departments), metadata=view.admin
    )
    until(
        lambda: True if view.call("/v1/departments") == 404 else None,
        timeout=5,
        what="the offline API to answer 404",
    )
    assert time.monotonic() - started <= EFFECTIVE_WITHIN
    # The other API never stopped, and Envoy was never restarted.
    assert view.call("/v1/doctors/D100101") == 200
    assert envoy.alive() and view.platform.children["envoy"] is envoy

    # Every change is a snapshot, newest first, and the node acknowledged the latest.
    snapshots = view.config().ListConfigSnapshots(
        ep.ListConfigSnapshotsRequest(), metadata=view.admin
    )
    versions = [s.version for s in snapshots.snapshots]
    assert versions == sorted(versions, reverse=True)
    assert snapshots.snapshots[0].current
    node, _ = until(view.in_sync, timeout=5, what="the node to acknowledge the latest snapshot")
    assert node.acked_version == versions[0]
    assert node.connected and node.envoy_version.startswith("1.")
    assert view.served_route_version() == versions[0]

    # The offline change, as a diff, and a rollback that brings the API back as a new version.
    diff = view.config().DiffConfigSnapshots(
        ep.DiffConfigSnapshotsRequest(snapshot_id=snapshots.snapshots[0].snapshot_id),
        metadata=view.admin,
    )
    assert [(d.name, d.change) for d in diff.diffs] == [("channel", ep.RESOURCE_CHANGE_MODIFIED)]
    assert (
        "-" in diff.diffs[0].unified_diff and "master.department.list" in diff.diffs[0].before_json
    )
    rolled = (
        view.config()
        .RollbackConfigSnapshot(
            ep.RollbackConfigSnapshotRequest(
                snapshot_id=snapshots.snapshots[1].snapshot_id,
                reason="offline by mistake",
                idempotency_key=str(uuid.uuid4()),
            ),
            metadata=view.admin,
        )
        .snapshot
    )
    assert rolled.version == versions[0] + 1
    assert rolled.restored_from_snapshot_id == snapshots.snapshots[1].snapshot_id
    until(
        lambda: True if view.call("/v1/departments") == 200 else None,
        timeout=EFFECTIVE_WITHIN,
        what="the rolled-back API to answer again",
    )


def _store_snapshot(platform: LocalPlatform, change: Callable[[list[dict]], None]) -> int:
    """Store a snapshot the way another registry replica would; returns its version."""
    url = platform.options.database_urls.get(
        "registry", f"sqlite:///{platform.options.data_dir / 'registry.db'}"
    )
    engine = make_engine(url)
    try:

        def work(session) -> int:  # type: ignore[no-untyped-def]
            store.lock_snapshot_versions(session)
            latest = store.latest_snapshot(session)
            assert latest is not None
            resources = json.loads(json.dumps(latest.resources))
            change(resources)
            row = store.add_snapshot(
                session,
                EdgeSnapshotRow(
                    snapshot_id=str(uuid.uuid4()),
                    created_at=utcnow(),
                    created_by="test",
                    cause="test: a configuration Envoy rejects",
                    content_hash=uuid.uuid4().hex,
                    inputs_hash=latest.inputs_hash,
                    resources=resources,
                ),
            )
            return row.version

        return UnitOfWork(engine).run_sync(work)
    finally:
        engine.dispose()


def _add_bad_regex_route(resources: list[dict]) -> None:
    (routes,) = [r for r in resources if r["type_url"] == edge.ROUTE]
    routes["body"]["virtual_hosts"][0]["routes"].insert(
        0,
        {
            "name": "broken",
            "match": {"safe_regex": {"regex": "["}},
            "direct_response": {"status": 200},
        },
    )


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_configuration_envoy_rejects_is_a_nack_and_the_previous_one_keeps_serving(
    live_edge: Edge,
) -> None:
    view = live_edge
    until(view.in_sync, timeout=5, what="the node to be in sync")
    bad_version = _store_snapshot(view.platform, _add_bad_regex_route)

    def nacked() -> ep.NodeResourceStatus | None:
        (node,) = view.nodes().nodes
        return next((r for r in node.resources if r.nacked_version == bad_version), None)

    status, _ = until(nacked, timeout=5, what="Envoy to reject the snapshot")
    assert status.type_url == edge.ROUTE
    assert "missing ]" in status.nack_message, status.nack_message
    (node,) = view.nodes().nodes
    assert not node.in_sync and node.acked_version < bad_version
    # The previous configuration keeps serving.
    assert view.call("/v1/doctors/D100101") == 200
    assert view.served_route_version() < bad_version

    # The next change is built from the catalogue again, and Envoy takes it.
    view.publish(view.draft("master.department.list", "/v1/departments", "/his/v1/departments"))
    node, _ = until(view.in_sync, timeout=5, what="the node to take the next snapshot")
    assert node.acked_version > bad_version
    assert all(not r.nack_message for r in node.resources)
    assert view.call("/v1/departments") == 200


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_past_snapshots_keep_the_answers_the_nodes_gave_them_across_restarts(
    live_edge: Edge,
) -> None:
    view = live_edge
    node, _ = until(view.in_sync, timeout=5, what="the node to be in sync")
    good_version = node.acked_version
    bad_version = _store_snapshot(view.platform, _add_bad_regex_route)

    def nacked() -> ep.NodeResourceStatus | None:
        (node,) = view.nodes().nodes
        return next((r for r in node.resources if r.nacked_version == bad_version), None)

    until(nacked, timeout=5, what="Envoy to reject the snapshot")
    view.publish(view.draft("master.department.list", "/v1/departments", "/his/v1/departments"))
    node, _ = until(view.in_sync, timeout=5, what="the node to take the next snapshot")
    latest_version = node.acked_version

    def answers() -> dict[int, ep.ConfigSnapshot]:
        listed = view.config().ListConfigSnapshots(
            ep.ListConfigSnapshotsRequest(page_size=50), metadata=view.admin
        )
        return {snapshot.version: snapshot for snapshot in listed.snapshots}

    def check(snapshots: dict[int, ep.ConfigSnapshot]) -> None:
        # Superseded, the good snapshot still shows who acknowledged it.
        good = snapshots[good_version]
        assert not good.current and (good.acked_nodes, good.nacked_nodes) == (1, 0)
        (answer,) = good.node_answers
        assert answer.node_id == node.node_id and answer.acked and not answer.nack_message
        assert answer.HasField("answer_time")
        # The rejected one shows the rejection with Envoy's message, for the type rejected.
        bad = snapshots[bad_version]
        assert (bad.acked_nodes, bad.nacked_nodes) == (0, 1)
        (answer,) = bad.node_answers
        assert not answer.acked and "missing ]" in answer.nack_message
        assert list(answer.type_urls) == ["envoy.config.route.v3.RouteConfiguration"]
        latest = snapshots[latest_version]
        assert latest.current and latest.acked_nodes == 1

    check(answers())
    # Kept in the database: a restarted registry shows the same.
    view.platform.stop_service("registry")
    view.platform.restart_service("registry")
    until(view.in_sync, timeout=10, what="the node to reconnect")
    check(answers())


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_bad_upstream_address_is_refused_before_it_reaches_envoy(live_edge: Edge) -> None:
    view = live_edge
    before = view.nodes().current_version
    with pytest.raises(Exception) as refused:
        view.catalog().CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(name="lis", endpoints=[rp.Endpoint(host="-lis..", port=80)])
            ),
            metadata=view.admin,
        )
    assert "upstream.endpoints[0].host" in str(refused.value)
    assert view.nodes().current_version == before


def _shorten_route_timeouts(resources: list[dict]) -> None:
    (routes,) = [r for r in resources if r["type_url"] == edge.ROUTE]
    for route in routes["body"]["virtual_hosts"][0]["routes"]:
        route["route"]["timeout"] = "14s"


@contextmanager
def steady_traffic(view: Edge, path: str) -> Iterator[dict[str, int]]:
    """Requests one after another in a thread until the block ends; counts by status."""
    counts: dict[str, int] = {}
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                key = str(view.call(path))
            except OSError as error:
                key = type(error).__name__
            counts[key] = counts.get(key, 0) + 1

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield counts
    finally:
        stop.set()
        thread.join(15)


def test_the_edge_keeps_serving_without_registry_and_catches_up_when_it_returns(
    live_edge: Edge,
) -> None:
    view = live_edge
    platform = view.platform
    node, _ = until(view.in_sync, timeout=5, what="the node to be in sync")
    version_before = node.acked_version

    with steady_traffic(view, "/v1/doctors/D100101") as counts:
        platform.stop_service("registry")
        # Registry is down: the edge goes on answering from its last configuration.
        until(
            lambda: True if sum(counts.values()) >= 200 else None,
            timeout=30,
            what="200 requests while registry is down",
        )
        assert counts == {"200": sum(counts.values())}, counts
        # Meanwhile another replica stores a newer snapshot (here: straight into the database).
        newer = _store_snapshot(platform, _shorten_route_timeouts)
        platform.restart_service("registry")

        def caught_up() -> ep.EdgeNode | None:
            node = view.in_sync()
            return node if node is not None and node.acked_version == newer else None

        node, took = until(
            caught_up,
            timeout=10,
            what="Envoy to reconnect and take the current snapshot",
        )
    assert newer > version_before
    assert counts == {"200": sum(counts.values())}, counts
    assert node.connected
    # Envoy took the database's current version, never an older one.
    assert view.served_route_version() == newer
    print(f"registry back → node in sync: {took * 1000:.0f} ms; {sum(counts.values())} requests")
    # And it is live again: a new API is routable without touching Envoy.
    view.publish(view.draft("master.department.list", "/v1/departments", "/his/v1/departments"))
    until(
        lambda: True if view.call("/v1/departments") == 200 else None,
        timeout=EFFECTIVE_WITHIN,
        what="an API published after the restart",
    )


def _grow_listener_buffers(resources: list[dict]) -> None:
    (listener,) = [
        r for r in resources if r["type_url"] == edge.LISTENER and r["name"] == CHANNEL_LISTENER
    ]
    listener["body"]["per_connection_buffer_limit_bytes"] = 64 * 1024


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_changed_channel_listener_keeps_its_port_and_its_traffic(live_edge: Edge) -> None:
    """Identity rotating its keys changes the listener; Envoy must not move or drop it."""
    view = live_edge
    until(view.in_sync, timeout=5, what="the node to be in sync")
    port = view.platform.channel_port
    with steady_traffic(view, "/v1/doctors/D100101") as counts:
        changed = _store_snapshot(view.platform, _grow_listener_buffers)

        def taken() -> ep.EdgeNode | None:
            node = view.in_sync()
            return node if node is not None and node.acked_version == changed else None

        until(taken, timeout=5, what="Envoy to take the changed listener")
        until(
            lambda: True if sum(counts.values()) >= 100 else None,
            timeout=30,
            what="traffic after the change",
        )
    assert counts == {"200": sum(counts.values())}, counts
    url = f"http://127.0.0.1:{view.platform.admin_port}/listeners?format=json"
    with urllib.request.urlopen(url, timeout=5) as response:
        listeners = json.load(response)["listener_statuses"]
    (channel,) = [entry for entry in listeners if entry["name"] == "channel"]
    assert int(channel["local_address"]["socket_address"]["port_value"]) == port
