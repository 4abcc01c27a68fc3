"""Every service's writes reach identity's hash-chained audit trail through its outbox: registry's
catalogue and grants, shipped within seconds, exactly once, and never for a write that failed."""

from __future__ import annotations

import json
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from services.registry.models import AuditOutboxRow
from services.runtime.audit import AuditShipper, RequestFacts, audit
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork, make_engine, migrate
from tests.integration.conftest import Platform, start_platform
from tests.integration.identity_support import refused, signed_up, violations
from tests.support import eventually
from wailian.identity.v1 import audit_pb2 as ap
from wailian.identity.v1 import audit_pb2_grpc as ag
from wailian.registry.v1 import access_pb2 as acp
from wailian.registry.v1 import access_pb2_grpc as acg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

Metadata = tuple[tuple[str, str], ...]


def _trail(platform: Platform) -> ag.AuditServiceStub:
    return ag.AuditServiceStub(platform.channel("identity"))


def _records(platform: Platform, auditor: Metadata, **filters: object) -> list[ap.AuditRecord]:
    """The trail's records (oldest first) that the filter selects."""
    response = _trail(platform).ListAuditRecords(
        ap.ListAuditRecordsRequest(page_size=200, filter=ap.AuditRecordFilter(**filters)),  # type: ignore[arg-type]
        metadata=auditor,
    )
    return sorted(response.audit_records, key=lambda record: record.sequence)


def _intact(platform: Platform, auditor: Metadata) -> ap.VerifyAuditChainResponse:
    report = _trail(platform).VerifyAuditChain(ap.VerifyAuditChainRequest(), metadata=auditor)
    assert report.intact, report.message
    return report


def _registry_engine(platform: Platform) -> Engine:
    return platform.running["registry"]._runtime.engine


def _waiting(engine: Engine) -> int:
    """Records in registry's outbox that identity does not have yet."""
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(AuditOutboxRow)) or 0


def _first_snapshot(platform: Platform, admin: Metadata) -> ep.ConfigSnapshot:
    """Registry makes its first edge snapshot once it has read identity's signing keys."""
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))

    def listed() -> ep.ConfigSnapshot | None:
        snapshots = config.ListConfigSnapshots(ep.ListConfigSnapshotsRequest(), metadata=admin)
        return snapshots.snapshots[0] if snapshots.snapshots else None

    return eventually(listed, timeout=10, what="the first edge snapshot")


def _upstream(platform: Platform, admin: Metadata, name: str) -> rp.Upstream:
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    return catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(name=name, endpoints=[rp.Endpoint(host="his.local", port=80)])
        ),
        metadata=admin,
    ).upstream


def test_registry_writes_reach_the_trail_with_who_what_before_and_after(
    platform: Platform,
) -> None:
    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    access = acg.AccessServiceStub(platform.channel("registry"))
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    first = _first_snapshot(platform, admin)

    upstream = _upstream(platform, admin, "his")
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
    # A retried publish changes nothing, and records nothing.
    catalog.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    grant = access.CreateAccessGrant(
        acp.CreateAccessGrantRequest(
            access_grant=acp.AccessGrant(
                channel_id=str(uuid.uuid4()),
                channel_code="his-app",
                api_service_id=service.api_service_id,
                daily_quota=1000,
            ),
            reason="the ward app's pilot",
        ),
        metadata=admin,
    ).access_grant
    raised = acp.UpdateAccessGrantRequest(
        access_grant=acp.AccessGrant(daily_quota=2000),
        access_grant_id=grant.access_grant_id,
        update_mask=field_mask_pb2.FieldMask(paths=["daily_quota"]),
    )
    access.UpdateAccessGrant(raised, metadata=admin)
    access.UpdateAccessGrant(raised, metadata=admin)  # the same terms again: nothing to record
    access.RevokeAccessGrant(
        acp.RevokeAccessGrantRequest(
            access_grant_id=grant.access_grant_id, reason="the pilot ended"
        ),
        metadata=admin,
    )
    catalog.UnpublishApiService(
        rp.UnpublishApiServiceRequest(api_service_id=service.api_service_id, comment="moved to v2"),
        metadata=admin,
    )
    rolled_back = config.RollbackConfigSnapshot(
        ep.RollbackConfigSnapshotRequest(snapshot_id=first.snapshot_id, reason="drill"),
        metadata=admin,
    ).snapshot

    auditor = signed_up(platform, "shen.audit", ["audit_admin"])

    def shipped() -> list[ap.AuditRecord] | None:
        found = _records(platform, auditor, service="registry")
        return found if len(found) >= 8 else None

    records = eventually(shipped, timeout=10, what="registry's records in the trail")
    assert [(r.action, r.resource_type, r.resource_id) for r in records] == [
        ("registry.upstream.write", "upstream", upstream.upstream_id),
        ("registry.api_service.write", "api_service", service.api_service_id),
        ("registry.api_service.publish", "api_service", service.api_service_id),
        ("registry.access_grant.write", "access_grant", grant.access_grant_id),
        ("registry.access_grant.write", "access_grant", grant.access_grant_id),
        ("registry.access_grant.write", "access_grant", grant.access_grant_id),
        ("registry.api_service.publish", "api_service", service.api_service_id),
        ("registry.edge_snapshot.rollback", "edge_snapshot", rolled_back.snapshot_id),
    ]
    assert [r.method.rsplit("/", 1)[1] for r in records] == [
        "CreateUpstream",
        "CreateApiService",
        "PublishApiService",
        "CreateAccessGrant",
        "UpdateAccessGrant",
        "RevokeAccessGrant",
        "UnpublishApiService",
        "RollbackConfigSnapshot",
    ]
    assert records[0].method == "/wailian.registry.v1.CatalogService/CreateUpstream"
    for record in records:
        assert record.actor_name == "admin"
        assert record.actor_kind == ap.ACTOR_KIND_USER and record.actor_id
        assert record.result == ap.AUDIT_RESULT_SUCCESS
        assert record.client_ip == "127.0.0.1"
        assert record.request_id and record.hash and record.previous_hash
    created, _, published, granted, updated, revoked, offline, rollback = records
    assert created.before_json == ""
    assert json.loads(created.after_json)["endpoints"] == [
        {"host": "his.local", "port": 80, "weight": 1}
    ]
    assert json.loads(published.before_json)["status"] == "API_SERVICE_STATUS_DRAFT"
    assert json.loads(published.after_json)["status"] == "API_SERVICE_STATUS_PUBLISHED"
    assert json.loads(granted.after_json)["grant_reason"] == "the ward app's pilot"
    assert json.loads(updated.before_json)["daily_quota"] == 1000
    assert json.loads(updated.after_json)["daily_quota"] == 2000
    assert json.loads(revoked.before_json)["status"] == "ACCESS_GRANT_STATUS_ACTIVE"
    after_revoke = json.loads(revoked.after_json)
    assert after_revoke["status"] == "ACCESS_GRANT_STATUS_REVOKED"
    assert after_revoke["revoke_reason"] == "the pilot ended"
    assert "the pilot ended" in revoked.summary
    assert json.loads(offline.after_json)["status"] == "API_SERVICE_STATUS_OFFLINE"
    assert offline.summary.endswith("offline: moved to v2")
    assert json.loads(rollback.after_json)["restored_from_snapshot_id"] == first.snapshot_id
    assert json.loads(rollback.before_json)["version"] == rolled_back.version - 1

    assert eventually(lambda: _waiting(_registry_engine(platform)) == 0 or None, timeout=5)
    _intact(platform, auditor)
    # The trail is the auditor's alone.
    assert (
        refused(
            _trail(platform).ListAuditRecords, ap.ListAuditRecordsRequest(), metadata=admin
        ).code()
        == grpc.StatusCode.PERMISSION_DENIED
    )


def _record(**fields: object) -> ap.AuditRecord:
    event_time = timestamp_pb2.Timestamp()
    event_time.FromDatetime(utcnow())
    values: dict[str, object] = {
        "audit_record_id": str(uuid.uuid4()),
        "event_time": event_time,
        "actor_kind": ap.ACTOR_KIND_USER,
        "actor_id": str(uuid.uuid4()),
        "actor_name": "cashier.li",
        "service": "payment",
        "method": "/wailian.payment.v1.RefundService/CreateRefund",
        "action": "payment.refund.write",
        "resource_type": "refund",
        "resource_id": str(uuid.uuid4()),
        "result": ap.AUDIT_RESULT_SUCCESS,
        "after_json": json.dumps({"amount": "12.50"}),
        "summary": "refunded 12.50",
    }
    values.update(fields)
    return ap.AuditRecord(**values)  # type: ignore[arg-type]


def test_appending_is_idempotent_checked_and_internal_only(platform: Platform) -> None:
    trail = _trail(platform)
    auditor = signed_up(platform, "shen.audit", ["audit_admin"])
    batch = [_record(), _record(result=ap.AUDIT_RESULT_FAILURE, status_code="NOT_FOUND")]
    request = ap.AppendAuditRecordsRequest(audit_records=batch)

    first = trail.AppendAuditRecords(request)
    assert (first.appended, first.duplicates) == (2, 0)
    again = trail.AppendAuditRecords(request)
    assert (again.appended, again.duplicates) == (0, 2)
    for record in batch:
        (kept,) = _records(platform, auditor, resource_id=record.resource_id)
        assert kept.audit_record_id == record.audit_record_id
        assert kept.service == "payment" and kept.actor_name == "cashier.li"
        assert kept.sequence > 0 and kept.hash

    # Copies of one batch racing each other are recorded once, in one unbroken chain.
    raced = ap.AppendAuditRecordsRequest(audit_records=[_record() for _ in range(20)])
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: trail.AppendAuditRecords(raced), range(4)))
    assert sum(a.appended for a in answers) == 20
    assert sum(a.duplicates for a in answers) == 60
    before = _intact(platform, auditor).verified_records

    bad = ap.AppendAuditRecordsRequest(
        audit_records=[
            _record(),
            _record(action=""),
            _record(audit_record_id="not-a-uuid", service="identity"),
            _record(resource_type="x" * 65),
        ]
    )
    bad.audit_records[3].ClearField("event_time")
    error = refused(trail.AppendAuditRecords, bad)
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(error)) == {
        "audit_records[1].action",
        "audit_records[2].audit_record_id",
        "audit_records[2].service",
        "audit_records[3].resource_type",
        "audit_records[3].event_time",
    }
    # A refused batch records nothing, not even its good records.
    assert _records(platform, auditor, resource_id=bad.audit_records[0].resource_id) == []

    through_edge = refused(
        trail.AppendAuditRecords,
        ap.AppendAuditRecordsRequest(audit_records=[_record()]),
        metadata=(("x-forwarded-for", "203.0.113.7"),),
    )
    assert through_edge.code() == grpc.StatusCode.PERMISSION_DENIED
    assert _intact(platform, auditor).verified_records == before


_REFUSE_SNAPSHOTS = {
    "sqlite": [
        "CREATE TRIGGER refuse_snapshots BEFORE INSERT ON edge_snapshots "
        "BEGIN SELECT RAISE(ABORT, 'snapshots refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_snapshots() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'snapshots refused by the test'; END $$",
        "CREATE TRIGGER refuse_snapshots BEFORE INSERT ON edge_snapshots "
        "FOR EACH ROW EXECUTE FUNCTION refuse_snapshots()",
    ],
}


def test_a_write_whose_transaction_fails_leaves_no_audit_record(platform: Platform) -> None:
    admin = platform.admin()
    auditor = signed_up(platform, "shen.audit", ["audit_admin"])
    _first_snapshot(platform, admin)
    engine = _registry_engine(platform)
    # The upstream and its record are written, then the edge snapshot the same transaction
    # makes fails: all of it rolls back.
    with engine.begin() as connection:
        for statement in _REFUSE_SNAPSHOTS[engine.url.get_backend_name()]:
            connection.execute(text(statement))
    failed = refused(_upstream, platform, admin, "doomed")
    assert failed.code() == grpc.StatusCode.INTERNAL
    with engine.begin() as connection:
        if engine.url.get_backend_name() == "postgresql":
            connection.execute(text("DROP TRIGGER refuse_snapshots ON edge_snapshots"))
            connection.execute(text("DROP FUNCTION refuse_snapshots()"))
        else:
            connection.execute(text("DROP TRIGGER refuse_snapshots"))

    kept = _upstream(platform, admin, "kept")
    # Records ship in order: once the later write's record is in, an earlier one would be too.
    eventually(
        lambda: _records(platform, auditor, resource_id=kept.upstream_id) or None,
        timeout=10,
        what="the record of the write that committed",
    )
    assert _records(platform, auditor, service="registry", query="doomed") == []
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    listed = catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=admin).upstreams
    assert [u.name for u in listed] == ["kept"]
    _intact(platform, auditor)


def test_records_wait_while_identity_is_down_and_ship_once_it_answers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'registry.db'}")
    migrate("registry", engine)
    uow = UnitOfWork(engine)
    facts = RequestFacts(
        method="/wailian.registry.v1.CatalogService/CreateUpstream",
        action="registry.upstream.write",
        actor_kind=ap.ACTOR_KIND_USER,
        actor_id=str(uuid.uuid4()),
        actor_name="zhao.ops",
    )
    written = [str(uuid.uuid4()) for _ in range(3)]

    def write(session: Session) -> None:
        for upstream_id in written:
            audit(session, AuditOutboxRow, facts, "upstream", upstream_id, "created upstream")

    uow.run_sync(write)
    platforms = start_platform(
        tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=("identity",)
    )
    platform = next(platforms)
    try:
        identity = platform.running["identity"]
        address = {"at": "127.0.0.1:1"}  # nothing answers there
        channels: dict[str, grpc.aio.Channel] = {}

        def channel() -> grpc.aio.Channel:
            if address["at"] not in channels:
                channels[address["at"]] = grpc.aio.insecure_channel(address["at"])
            return channels[address["at"]]

        shipper = AuditShipper(uow, AuditOutboxRow, "registry", channel, batch=2)

        async def attempts(count: int) -> list[int]:
            return [await shipper.attempt() for _ in range(count)]

        caplog.set_level(logging.INFO, logger="wailian.audit")
        assert platform.runner.run(attempts(3)) == [0, 0, 0]
        assert _waiting(engine) == 3
        warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "wait in the outbox" in warnings[0].getMessage()

        address["at"] = f"127.0.0.1:{identity.grpc_port}"
        assert platform.runner.run(attempts(3)) == [2, 1, 0]
        assert _waiting(engine) == 0
        assert any("ship again" in r.getMessage() for r in caplog.records)
        auditor = signed_up(platform, "shen.audit", ["audit_admin"])
        shipped = _records(platform, auditor, service="registry")
        assert sorted(r.resource_id for r in shipped) == sorted(written)
        assert [r.resource_id for r in shipped] == written  # in the order written
        for open_channel in channels.values():
            platform.runner.run(open_channel.close())
    finally:
        next(platforms, None)
        engine.dispose()
