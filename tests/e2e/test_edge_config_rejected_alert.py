"""The shipped "edge rejected its configuration" alert, end to end: registry serves the running
Envoy a configuration it rejects (a NACK), monitor's rule fires with Envoy's message, and rolling
back to the previous configuration — which Envoy acknowledges — resolves it by itself."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalOptions, LocalPlatform
from tests.e2e.test_alerts_real_conditions import FIRES_WITHIN, evaluate, firing, resolved
from tests.e2e.test_xds_live_config import _add_bad_regex_route, _store_snapshot
from tests.support import eventually
from wailian.monitor.v1 import alerts_pb2 as ap
from wailian.monitor.v1 import alerts_pb2_grpc as ag
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

pytestmark = pytest.mark.e2e

RULE = "builtin-edge-config-rejected"


@pytest.fixture
def watched_edge(tmp_path: Path) -> Iterator[LocalPlatform]:
    """The demo platform behind Envoy, alert rules evaluated every second."""
    platform = LocalPlatform(
        LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=True)
    )
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "1")
            platform.start()
        yield platform
    finally:
        platform.stop()


def test_a_rejected_configuration_fires_the_shipped_alert_and_a_rollback_resolves_it(
    watched_edge: LocalPlatform,
) -> None:
    platform = watched_edge
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("monitor") as monitor_channel,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        monitor = ag.AlertServiceStub(monitor_channel)
        edge = eg.EdgeConfigServiceStub(registry)
        rule = monitor.GetAlertRule(
            ap.GetAlertRuleRequest(alert_rule_id=RULE), metadata=admin
        ).alert_rule
        assert rule.enabled and rule.kind == ap.ALERT_RULE_KIND_EDGE_CONFIG_REJECTED
        assert rule.severity == ap.ALERT_SEVERITY_CRITICAL

        # The running Envoy, in sync: watched, nothing rejected.
        def in_sync() -> ep.EdgeNode | None:
            nodes = edge.ListEdgeNodes(ep.ListEdgeNodesRequest(), metadata=admin).nodes
            return nodes[0] if len(nodes) == 1 and nodes[0].in_sync else None

        node = eventually(in_sync, what="the edge to acknowledge its configuration")
        [calm] = evaluate(monitor, admin, RULE)
        assert calm.labels["node"] == node.node_id and not calm.breached

        # A configuration Envoy rejects: an invalid regular expression in a route.
        bad_version = _store_snapshot(platform, _add_bad_regex_route)
        alert = eventually(
            lambda: firing(monitor, admin, RULE, "node", node.node_id),
            timeout=FIRES_WITHIN,
            what="the configuration-rejected alert",
        )
        assert alert.severity == ap.ALERT_SEVERITY_CRITICAL
        assert alert.summary.startswith(f"edge {node.node_id} rejected its configuration: ")
        assert f"RouteConfiguration version {bad_version}: " in alert.summary
        assert "missing ]" in alert.summary, alert.summary
        # Still one alert however many rounds see the rejection.
        [breached] = evaluate(monitor, admin, RULE)
        assert breached.breached and breached.value == 1

        # The fix: roll back to the configuration before it, which Envoy takes.
        snapshots = edge.ListConfigSnapshots(
            ep.ListConfigSnapshotsRequest(), metadata=admin
        ).snapshots
        good = max((s for s in snapshots if s.version < bad_version), key=lambda s: s.version)
        rolled = edge.RollbackConfigSnapshot(
            ep.RollbackConfigSnapshotRequest(
                snapshot_id=good.snapshot_id,
                reason="the route Envoy rejected",
                idempotency_key=str(uuid.uuid4()),
            ),
            metadata=admin,
        ).snapshot
        assert rolled.version > bad_version
        eventually(
            lambda: True if resolved(monitor, admin, alert.alert_id) else None,
            timeout=FIRES_WITHIN,
            what="the configuration-rejected alert to resolve",
        )
        assert eventually(in_sync, what="the edge to take the rollback").acked_version >= (
            rolled.version
        )
        listed = monitor.ListAlerts(ap.ListAlertsRequest(alert_rule_id=RULE), metadata=admin)
        assert [a.alert_id for a in listed.alerts] == [alert.alert_id]
