"""Direct access grants on real SQLite and PostgreSQL: what a channel may call at the edge."""

from __future__ import annotations

import uuid
from datetime import timedelta

import grpc
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from services.registry import store
from services.runtime.clock import utcnow
from tests.integration.conftest import Platform
from tests.integration.test_services import field_violations
from tests.support import eventually
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

Metadata = tuple[tuple[str, str], ...]


def _timestamp(seconds_from_now: float) -> timestamp_pb2.Timestamp:
    stamp = timestamp_pb2.Timestamp()
    stamp.FromDatetime(utcnow() + timedelta(seconds=seconds_from_now))
    return stamp


def _api_service(platform: Platform, admin: Metadata, code: str, path: str) -> rp.ApiService:
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    upstream = catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                name=f"his-{uuid.uuid4().hex[:8]}",
                endpoints=[rp.Endpoint(host="his.local", port=80)],
            )
        ),
        metadata=admin,
    ).upstream
    return catalog.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code=code,
                name="科室列表",
                category="master_data",
                method=rp.HTTP_METHOD_GET,
                path=path,
                upstream_id=upstream.upstream_id,
            )
        ),
        metadata=admin,
    ).api_service


def _grant(
    api_service_id: str, channel_id: str = "", channel_code: str = "his-app", **terms: object
) -> ap.AccessGrant:
    return ap.AccessGrant(
        channel_id=channel_id or str(uuid.uuid4()),
        channel_code=channel_code,
        api_service_id=api_service_id,
        **terms,
    )


def _active_grants(platform: Platform) -> dict[str, frozenset[str]]:
    """What the edge snapshot builder reads: API code → channels with an active grant."""
    uow = platform.running["registry"]._runtime.uow
    return uow.run_sync(lambda session: store.active_grants(session, utcnow()))


def test_a_direct_grant_is_created_read_listed_updated_and_revoked(platform: Platform) -> None:
    admin = platform.admin()
    access = ag.AccessServiceStub(platform.channel("registry"))
    service = _api_service(platform, admin, "his.departments.list", "/v1/departments")
    channel_id = str(uuid.uuid4())
    assert _active_grants(platform) == {}

    created = access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=_grant(
                service.api_service_id,
                channel_id,
                "wechat-mp",
                daily_quota=10_000,
                rate_limit_per_second=20,
                expire_time=_timestamp(30 * 86400),
            ),
            reason="公众号挂号上线",
            idempotency_key=str(uuid.uuid4()),
        ),
        metadata=admin,
    ).access_grant
    assert created.access_grant_id
    assert (created.channel_id, created.channel_code) == (channel_id, "wechat-mp")
    assert (created.api_service_code, created.api_service_version) == (
        "his.departments.list",
        "v1",
    )
    assert created.status == ap.ACCESS_GRANT_STATUS_ACTIVE
    assert (created.daily_quota, created.rate_limit_per_second) == (10_000, 20)
    assert created.access_application_id == ""
    assert created.HasField("start_time") and created.HasField("expire_time")
    assert created.audit.created_by == "admin"
    assert _active_grants(platform) == {"his.departments.list": frozenset({channel_id})}

    got = access.GetAccessGrant(
        ap.GetAccessGrantRequest(access_grant_id=created.access_grant_id), metadata=admin
    ).access_grant
    assert got == created

    listed = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(channel_id=channel_id), metadata=admin
    )
    assert [g.access_grant_id for g in listed.access_grants] == [created.access_grant_id]
    assert listed.total_size == 1 and listed.next_page_token == ""
    soon = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(expire_before=_timestamp(86400)), metadata=admin
    )
    assert soon.total_size == 0

    # Only the fields in the mask change.
    updated = access.UpdateAccessGrant(
        ap.UpdateAccessGrantRequest(
            access_grant_id=created.access_grant_id,
            access_grant=ap.AccessGrant(daily_quota=500, rate_limit_per_second=99),
            update_mask=field_mask_pb2.FieldMask(paths=["daily_quota"]),
        ),
        metadata=admin,
    ).access_grant
    assert (updated.daily_quota, updated.rate_limit_per_second) == (500, 20)
    assert updated.expire_time == created.expire_time
    # An unset expire_time in the mask removes the expiry.
    no_expiry = access.UpdateAccessGrant(
        ap.UpdateAccessGrantRequest(
            access_grant_id=created.access_grant_id,
            access_grant=ap.AccessGrant(),
            update_mask=field_mask_pb2.FieldMask(paths=["expire_time"]),
        ),
        metadata=admin,
    ).access_grant
    assert not no_expiry.HasField("expire_time") and no_expiry.daily_quota == 500

    revoke = ap.RevokeAccessGrantRequest(access_grant_id=created.access_grant_id, reason="渠道停用")
    revoked = access.RevokeAccessGrant(revoke, metadata=admin).access_grant
    assert revoked.status == ap.ACCESS_GRANT_STATUS_REVOKED
    assert revoked.revoke_reason == "渠道停用" and revoked.HasField("revoke_time")
    assert _active_grants(platform) == {}
    # Revoking again is harmless and keeps the first revocation.
    again = access.RevokeAccessGrant(
        ap.RevokeAccessGrantRequest(access_grant_id=created.access_grant_id, reason="重试"),
        metadata=admin,
    ).access_grant
    assert again.revoke_reason == "渠道停用" and again.revoke_time == revoked.revoke_time

    by_status = {
        status: access.ListAccessGrants(
            ap.ListAccessGrantsRequest(channel_id=channel_id, status=status), metadata=admin
        ).total_size
        for status in (ap.ACCESS_GRANT_STATUS_ACTIVE, ap.ACCESS_GRANT_STATUS_REVOKED)
    }
    assert by_status == {ap.ACCESS_GRANT_STATUS_ACTIVE: 0, ap.ACCESS_GRANT_STATUS_REVOKED: 1}
    with pytest.raises(grpc.RpcError) as refused:
        access.UpdateAccessGrant(
            ap.UpdateAccessGrantRequest(
                access_grant_id=created.access_grant_id,
                access_grant=ap.AccessGrant(daily_quota=1),
                update_mask=field_mask_pb2.FieldMask(paths=["daily_quota"]),
            ),
            metadata=admin,
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION


def test_a_retried_create_returns_the_first_grant_and_a_second_live_grant_is_refused(
    platform: Platform,
) -> None:
    admin = platform.admin()
    access = ag.AccessServiceStub(platform.channel("registry"))
    service = _api_service(platform, admin, "his.doctors.list", "/v1/doctors")
    other = _api_service(platform, admin, "his.reports.get", "/v1/reports/{report_id}")
    channel_id = str(uuid.uuid4())
    request = ap.CreateAccessGrantRequest(
        access_grant=_grant(service.api_service_id, channel_id),
        reason="internal self-service kiosk",
        idempotency_key=str(uuid.uuid4()),
    )
    first = access.CreateAccessGrant(request, metadata=admin).access_grant
    retried = access.CreateAccessGrant(request, metadata=admin).access_grant
    assert retried == first
    listed = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(channel_id=channel_id), metadata=admin
    )
    assert listed.total_size == 1

    # The same key for a different grant is a client bug, not a retry.
    reused = ap.CreateAccessGrantRequest()
    reused.CopyFrom(request)
    reused.access_grant.api_service_id = other.api_service_id
    with pytest.raises(grpc.RpcError) as misused:
        access.CreateAccessGrant(reused, metadata=admin)
    assert misused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    with pytest.raises(grpc.RpcError) as duplicate:
        access.CreateAccessGrant(
            ap.CreateAccessGrantRequest(
                access_grant=_grant(service.api_service_id, channel_id), reason="again"
            ),
            metadata=admin,
        )
    assert duplicate.value.code() == grpc.StatusCode.ALREADY_EXISTS

    # Once revoked, the channel can be granted the API again.
    access.RevokeAccessGrant(
        ap.RevokeAccessGrantRequest(access_grant_id=first.access_grant_id, reason="replaced"),
        metadata=admin,
    )
    second = access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=_grant(service.api_service_id, channel_id), reason="again"
        ),
        metadata=admin,
    ).access_grant
    assert second.access_grant_id != first.access_grant_id
    assert _active_grants(platform) == {"his.doctors.list": frozenset({channel_id})}


def test_grants_list_in_pages_and_by_api_service(platform: Platform) -> None:
    admin = platform.admin()
    access = ag.AccessServiceStub(platform.channel("registry"))
    service = _api_service(platform, admin, "his.departments.list", "/v1/departments")
    other = _api_service(platform, admin, "his.doctors.list", "/v1/doctors")
    channels = [str(uuid.uuid4()) for _ in range(3)]
    for channel_id in channels:
        access.CreateAccessGrant(
            ap.CreateAccessGrantRequest(
                access_grant=_grant(service.api_service_id, channel_id), reason="batch"
            ),
            metadata=admin,
        )
    access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=_grant(other.api_service_id, channels[0]), reason="batch"
        ),
        metadata=admin,
    )
    first = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(page_size=2, api_service_id=service.api_service_id),
        metadata=admin,
    )
    assert first.total_size == 3 and len(first.access_grants) == 2 and first.next_page_token
    rest = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(
            page_size=2, api_service_id=service.api_service_id, page_token=first.next_page_token
        ),
        metadata=admin,
    )
    assert len(rest.access_grants) == 1 and rest.next_page_token == ""
    seen = {g.channel_id for g in [*first.access_grants, *rest.access_grants]}
    assert seen == set(channels)
    assert _active_grants(platform) == {
        "his.departments.list": frozenset(channels),
        "his.doctors.list": frozenset({channels[0]}),
    }


def test_a_grant_past_its_expiry_reads_as_expired_and_can_be_granted_anew(
    platform: Platform,
) -> None:
    admin = platform.admin()
    access = ag.AccessServiceStub(platform.channel("registry"))
    service = _api_service(platform, admin, "his.departments.list", "/v1/departments")
    channel_id = str(uuid.uuid4())
    short = access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=_grant(service.api_service_id, channel_id, expire_time=_timestamp(1.5)),
            reason="trial",
        ),
        metadata=admin,
    ).access_grant
    assert short.status == ap.ACCESS_GRANT_STATUS_ACTIVE

    def expired() -> ap.AccessGrant | None:
        listed = access.ListAccessGrants(
            ap.ListAccessGrantsRequest(
                channel_id=channel_id, status=ap.ACCESS_GRANT_STATUS_EXPIRED
            ),
            metadata=admin,
        )
        return listed.access_grants[0] if listed.access_grants else None

    lapsed = eventually(expired, timeout=10, what="the grant to lapse")
    assert lapsed.access_grant_id == short.access_grant_id
    assert lapsed.status == ap.ACCESS_GRANT_STATUS_EXPIRED
    assert (
        access.GetAccessGrant(
            ap.GetAccessGrantRequest(access_grant_id=short.access_grant_id), metadata=admin
        ).access_grant.status
        == ap.ACCESS_GRANT_STATUS_EXPIRED
    )
    assert _active_grants(platform) == {}

    renewed = access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=_grant(service.api_service_id, channel_id), reason="signed contract"
        ),
        metadata=admin,
    ).access_grant
    assert renewed.status == ap.ACCESS_GRANT_STATUS_ACTIVE
    statuses = {
        g.access_grant_id: g.status
        for g in access.ListAccessGrants(
            ap.ListAccessGrantsRequest(channel_id=channel_id), metadata=admin
        ).access_grants
    }
    assert statuses == {
        short.access_grant_id: ap.ACCESS_GRANT_STATUS_EXPIRED,
        renewed.access_grant_id: ap.ACCESS_GRANT_STATUS_ACTIVE,
    }
    assert _active_grants(platform) == {"his.departments.list": frozenset({channel_id})}


def test_grant_calls_check_their_input(platform: Platform) -> None:
    admin = platform.admin()
    access = ag.AccessServiceStub(platform.channel("registry"))
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    service = _api_service(platform, admin, "his.departments.list", "/v1/departments")
    for call, request, fields in (
        (
            access.CreateAccessGrant,
            ap.CreateAccessGrantRequest(
                access_grant=ap.AccessGrant(
                    channel_code="Bad_Code",
                    daily_quota=-1,
                    rate_limit_per_second=-1,
                    expire_time=_timestamp(-60),
                ),
                idempotency_key="k" * 129,
            ),
            {
                "access_grant.channel_id",
                "access_grant.channel_code",
                "access_grant.api_service_id",
                "access_grant.daily_quota",
                "access_grant.rate_limit_per_second",
                "access_grant.expire_time",
                "reason",
                "idempotency_key",
            },
        ),
        (
            access.UpdateAccessGrant,
            ap.UpdateAccessGrantRequest(
                access_grant_id=str(uuid.uuid4()),
                update_mask=field_mask_pb2.FieldMask(paths=["channel_id"]),
            ),
            {"update_mask"},
        ),
        (access.RevokeAccessGrant, ap.RevokeAccessGrantRequest(), {"access_grant_id", "reason"}),
        (access.ListAccessGrants, ap.ListAccessGrantsRequest(status=42), {"status"}),
        (access.ListAccessGrants, ap.ListAccessGrantsRequest(page_token="nope"), {"page_token"}),
    ):
        with pytest.raises(grpc.RpcError) as refused:
            call(request, metadata=admin)
        assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT, call
        assert set(field_violations(refused.value)) == fields

    # Update checks the new terms against the grant it changes.
    grant = access.CreateAccessGrant(
        ap.CreateAccessGrantRequest(access_grant=_grant(service.api_service_id), reason="x"),
        metadata=admin,
    ).access_grant
    with pytest.raises(grpc.RpcError) as refused:
        access.UpdateAccessGrant(
            ap.UpdateAccessGrantRequest(
                access_grant_id=grant.access_grant_id,
                access_grant=ap.AccessGrant(daily_quota=-5, expire_time=_timestamp(-1)),
            ),
            metadata=admin,
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(refused.value)) == {
        "access_grant.daily_quota",
        "access_grant.expire_time",
    }

    for missing in (
        lambda: access.CreateAccessGrant(
            ap.CreateAccessGrantRequest(access_grant=_grant(str(uuid.uuid4())), reason="x"),
            metadata=admin,
        ),
        lambda: access.GetAccessGrant(
            ap.GetAccessGrantRequest(access_grant_id=str(uuid.uuid4())), metadata=admin
        ),
        lambda: access.RevokeAccessGrant(
            ap.RevokeAccessGrantRequest(access_grant_id=str(uuid.uuid4()), reason="x"),
            metadata=admin,
        ),
    ):
        with pytest.raises(grpc.RpcError) as not_found:
            missing()
        assert not_found.value.code() == grpc.StatusCode.NOT_FOUND

    # An API taken offline cannot be granted.
    catalog.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    catalog.UnpublishApiService(
        rp.UnpublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    with pytest.raises(grpc.RpcError) as offline:
        access.CreateAccessGrant(
            ap.CreateAccessGrantRequest(access_grant=_grant(service.api_service_id), reason="x"),
            metadata=admin,
        )
    assert offline.value.code() == grpc.StatusCode.FAILED_PRECONDITION
