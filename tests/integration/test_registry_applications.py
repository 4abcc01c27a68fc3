"""Access applications and their review on real SQLite and PostgreSQL: a vendor applies for
API services for its channel, staff review in one or two steps, and approval grants at the edge."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import timedelta

import grpc
from google.protobuf import field_mask_pb2

from services.runtime.clock import utcnow
from tests.integration.conftest import Platform
from tests.integration.identity_support import audit, refused, roles, signed_up, violations
from tests.integration.test_identity_channel_lifecycle import new_channel
from tests.integration.test_identity_vendor_scope import vendor
from tests.support import eventually
from wailian.common.v1 import common_pb2
from wailian.identity.v1 import audit_pb2, roles_pb2
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import downloads_pb2
from wailian.registry.v1 import downloads_pb2_grpc as dg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

Metadata = tuple[tuple[str, str], ...]
ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"


def _access(platform: Platform) -> ag.AccessServiceStub:
    return ag.AccessServiceStub(platform.channel("registry"))


def _published(platform: Platform, code: str, path: str, category: str = "appointment") -> str:
    """A published API service behind a fresh upstream; its id."""
    admin = platform.admin()
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
    service = catalog.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code=code,
                name="预约挂号",
                category=category,
                method=rp.HTTP_METHOD_GET,
                path=path,
                upstream_id=upstream.upstream_id,
            )
        ),
        metadata=admin,
    ).api_service
    catalog.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
    )
    return service.api_service_id


def _application(channel_id: str, *api_service_ids: str) -> ap.AccessApplication:
    return ap.AccessApplication(
        channel_id=channel_id,
        items=[
            ap.AccessApplicationItem(api_service_id=service_id, requested_daily_quota=20_000)
            for service_id in api_service_ids
        ],
        purpose="微信公众号预约挂号",
        expected_daily_calls=15_000,
        data_needed="患者姓名、就诊卡号：挂号时核对身份",
        contact_name="王工",
        contact_phone="13800000000",
        contact_email="wang@vendor.example",
    )


def _reviewer(platform: Platform, permissions: list[str]) -> tuple[str, Metadata]:
    """A staff member holding a new role with these permissions; the role code and token."""
    code = f"r_{uuid.uuid4().hex[:8]}"
    roles(platform).CreateRole(
        roles_pb2.CreateRoleRequest(
            role=roles_pb2.Role(
                code=code, name=code, permissions=[*permissions, "identity.session.self"]
            )
        ),
        metadata=platform.admin(),
    )
    return code, signed_up(platform, f"staff{uuid.uuid4().hex[:6]}", [code])


REVIEW = ["registry.access_application.read", "registry.access_application.approve"]


def _routes_carrying(platform: Platform, channel_id: str) -> set[str]:
    """The names of the routes whose configuration in the latest edge snapshot names the channel."""
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))
    admin = platform.admin()
    latest = config.ListConfigSnapshots(ep.ListConfigSnapshotsRequest(), metadata=admin)
    snapshot = config.GetConfigSnapshot(
        ep.GetConfigSnapshotRequest(snapshot_id=latest.snapshots[0].snapshot_id), metadata=admin
    ).snapshot
    (routes,) = [json.loads(r.json) for r in snapshot.resources if r.type_url == ROUTE]
    return {
        route["name"]
        for route in routes["virtual_hosts"][0]["routes"]
        if channel_id in json.dumps(route)
    }


def _first_snapshot(platform: Platform) -> None:
    """Registry grants at the edge once it knows identity's keys: wait for that."""
    config = eg.EdgeConfigServiceStub(platform.channel("registry"))

    def listed() -> bool | None:
        found = config.ListConfigSnapshots(
            ep.ListConfigSnapshotsRequest(), metadata=platform.admin()
        )
        return True if found.snapshots else None

    eventually(listed, timeout=10, what="the first edge snapshot")


def test_a_vendor_applies_staff_return_it_and_the_approval_grants_at_the_edge(
    platform: Platform,
) -> None:
    _first_snapshot(platform)
    admin = platform.admin()
    access = _access(platform)
    vendor_id, alpha = vendor(platform, "alpha")
    channel = new_channel(platform, vendor_user_ids=[vendor_id], name="掌上医院")
    booking = _published(platform, "his.appointments.create", "/v1/appointments")
    slots = _published(platform, "his.slots.list", "/v1/slots")

    draft = access.CreateAccessApplication(
        ap.CreateAccessApplicationRequest(
            access_application=_application(channel.channel_id, booking, slots)
        ),
        metadata=alpha,
    ).access_application
    assert draft.status == ap.ACCESS_APPLICATION_STATUS_DRAFT
    assert draft.number.startswith(f"JR-{utcnow().year}-")
    assert (draft.channel_id, draft.channel_name) == (channel.channel_id, "掌上医院")
    assert draft.applicant_user_id == vendor_id
    assert [i.api_service_code for i in draft.items] == [
        "his.appointments.create",
        "his.slots.list",
    ]
    assert list(draft.history) == []
    application_id = draft.access_application_id
    # A draft's list of APIs can shrink and grow again.
    for asked in ([slots], [booking, slots]):
        edited = access.UpdateAccessApplication(
            ap.UpdateAccessApplicationRequest(
                access_application_id=application_id,
                access_application=_application(channel.channel_id, *asked),
                update_mask=field_mask_pb2.FieldMask(paths=["items"]),
            ),
            metadata=alpha,
        ).access_application
        assert [i.api_service_id for i in edited.items] == asked

    submitted = access.SubmitAccessApplication(
        ap.SubmitAccessApplicationRequest(access_application_id=application_id), metadata=alpha
    ).access_application
    assert submitted.status == ap.ACCESS_APPLICATION_STATUS_PENDING
    assert [s.name for s in submitted.steps] == ["审核"]
    assert submitted.current_step_name == "审核" and submitted.HasField("submit_time")

    # Pending: the vendor cannot change it, nor review it.
    frozen = refused(
        access.UpdateAccessApplication,
        ap.UpdateAccessApplicationRequest(
            access_application_id=application_id,
            access_application=ap.AccessApplication(purpose="x"),
            update_mask=field_mask_pb2.FieldMask(paths=["purpose"]),
        ),
        metadata=alpha,
    )
    assert frozen.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "PENDING" in (frozen.details() or "")
    own = refused(
        access.ApproveAccessApplication,
        ap.ApproveAccessApplicationRequest(access_application_id=application_id),
        metadata=alpha,
    )
    assert own.code() == grpc.StatusCode.PERMISSION_DENIED

    # Returning needs a comment: the applicant must know what to change.
    silent = refused(
        access.ReturnAccessApplication,
        ap.ReturnAccessApplicationRequest(access_application_id=application_id),
        metadata=admin,
    )
    assert silent.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(silent)) == {"comment"}
    returned = access.ReturnAccessApplication(
        ap.ReturnAccessApplicationRequest(
            access_application_id=application_id, comment="请说明需要的数据范围"
        ),
        metadata=admin,
    ).access_application
    assert returned.status == ap.ACCESS_APPLICATION_STATUS_RETURNED

    changed = access.UpdateAccessApplication(
        ap.UpdateAccessApplicationRequest(
            access_application_id=application_id,
            access_application=ap.AccessApplication(data_needed="仅就诊卡号"),
            update_mask=field_mask_pb2.FieldMask(paths=["data_needed"]),
        ),
        metadata=alpha,
    ).access_application
    assert changed.data_needed == "仅就诊卡号" and changed.purpose == draft.purpose
    access.SubmitAccessApplication(
        ap.SubmitAccessApplicationRequest(access_application_id=application_id, comment="已修改"),
        metadata=alpha,
    )

    key = str(uuid.uuid4())
    approve = ap.ApproveAccessApplicationRequest(
        access_application_id=application_id,
        comment="同意",
        idempotency_key=key,
        grant_terms=[ap.GrantTerms(api_service_id=slots, daily_quota=500)],
    )
    approved = access.ApproveAccessApplication(approve, metadata=admin)
    application = approved.access_application
    assert application.status == ap.ACCESS_APPLICATION_STATUS_APPROVED
    assert application.HasField("decide_time")
    granted = {g.api_service_id: g for g in approved.access_grants}
    assert set(granted) == {booking, slots}
    assert granted[booking].daily_quota == 20_000  # as asked
    assert granted[slots].daily_quota == 500  # the reviewer's terms
    assert all(g.access_application_id == application_id for g in granted.values())
    assert all(g.channel_code == channel.code for g in granted.values())
    assert {i.access_grant_id for i in application.items} == {
        g.access_grant_id for g in granted.values()
    }
    assert [(r.action, r.actor_name, r.comment) for r in application.history] == [
        (ap.REVIEW_ACTION_SUBMIT, draft.applicant_name, ""),
        (ap.REVIEW_ACTION_RETURN, "admin", "请说明需要的数据范围"),
        (ap.REVIEW_ACTION_SUBMIT, draft.applicant_name, "已修改"),
        (ap.REVIEW_ACTION_APPROVE, "admin", "同意"),
    ]
    assert _routes_carrying(platform, channel.channel_id) == {
        "his.appointments.create",
        "his.slots.list",
    }

    # A retry answers as the first approval did; approving again is refused: one grant per API.
    again = access.ApproveAccessApplication(approve, metadata=admin)
    assert {g.access_grant_id for g in again.access_grants} == {
        g.access_grant_id for g in granted.values()
    }
    twice = refused(
        access.ApproveAccessApplication,
        ap.ApproveAccessApplicationRequest(access_application_id=application_id),
        metadata=admin,
    )
    assert twice.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "APPROVED" in (twice.details() or "")
    listed = access.ListAccessGrants(
        ap.ListAccessGrantsRequest(channel_id=channel.channel_id), metadata=admin
    )
    assert listed.total_size == 2

    seen = access.GetAccessApplication(
        ap.GetAccessApplicationRequest(access_application_id=application_id), metadata=alpha
    ).access_application
    assert seen == application

    # Every write is in the audit trail, the grants under the approval that made them.
    auditor = signed_up(platform, f"audit{uuid.uuid4().hex[:6]}", ["audit_admin"])

    def trail() -> list[tuple[str, str, str]] | None:
        found = audit(platform).ListAuditRecords(
            audit_pb2.ListAuditRecordsRequest(
                page_size=200, filter=audit_pb2.AuditRecordFilter(service="registry")
            ),
            metadata=auditor,
        )
        records = sorted(found.audit_records, key=lambda record: record.sequence)
        mine = [
            (r.action, r.resource_type, r.resource_id)
            for r in records
            if r.resource_id in {application_id, *(g.access_grant_id for g in granted.values())}
        ]
        return mine if len(mine) >= 10 else None

    write, approve_action = (
        "registry.access_application.write",
        "registry.access_application.approve",
    )
    assert eventually(trail, timeout=10, what="the application's audit records") == [
        (write, "access_application", application_id),  # drafted
        (write, "access_application", application_id),  # items shrunk
        (write, "access_application", application_id),  # items grown again
        (write, "access_application", application_id),  # submitted
        (approve_action, "access_application", application_id),  # returned
        (write, "access_application", application_id),  # changed
        (write, "access_application", application_id),  # resubmitted
        (approve_action, "access_grant", granted[booking].access_grant_id),
        (approve_action, "access_grant", granted[slots].access_grant_id),
        (approve_action, "access_application", application_id),  # approved
    ]


def test_a_two_step_policy_needs_two_approvals_by_different_people(platform: Platform) -> None:
    _first_snapshot(platform)
    admin = platform.admin()
    access = _access(platform)
    business, business_token = _reviewer(platform, REVIEW)
    security, security_token = _reviewer(platform, REVIEW)
    policy = access.UpdateReviewPolicy(
        ap.UpdateReviewPolicyRequest(
            category="report",
            review_policy=ap.ReviewPolicy(
                steps=[
                    ap.ReviewStep(name="业务负责人审核", reviewer_role=business),
                    ap.ReviewStep(name="信息安全审核", reviewer_role=security),
                ],
                default_grant_days=30,
            ),
        ),
        metadata=admin,
    ).review_policy
    assert [s.reviewer_role for s in policy.steps] == [business, security]
    policies = access.ListReviewPolicies(ap.ListReviewPoliciesRequest(), metadata=admin)
    by_category = {p.category: p for p in policies.review_policies}
    assert len(by_category["report"].steps) == 2
    assert [s.reviewer_role for s in by_category["appointment"].steps] == [""]

    vendor_id, alpha = vendor(platform, "alpha")
    channel = new_channel(platform, vendor_user_ids=[vendor_id])
    reports = _published(platform, "his.reports.list", "/v1/reports", category="report")
    draft = access.CreateAccessApplication(
        ap.CreateAccessApplicationRequest(
            access_application=_application(channel.channel_id, reports)
        ),
        metadata=alpha,
    ).access_application
    pending = access.SubmitAccessApplication(
        ap.SubmitAccessApplicationRequest(access_application_id=draft.access_application_id),
        metadata=alpha,
    ).access_application
    assert (pending.current_step, pending.current_step_name) == (0, "业务负责人审核")

    def inbox(token: Metadata) -> list[str]:
        found = access.ListAccessApplications(
            ap.ListAccessApplicationsRequest(awaiting_my_review=True), metadata=token
        )
        return [a.access_application_id for a in found.access_applications]

    assert inbox(business_token) == [draft.access_application_id]
    assert inbox(security_token) == []
    approve = ap.ApproveAccessApplicationRequest(access_application_id=draft.access_application_id)
    wrong_role = refused(access.ApproveAccessApplication, approve, metadata=security_token)
    assert wrong_role.code() == grpc.StatusCode.PERMISSION_DENIED

    first = access.ApproveAccessApplication(approve, metadata=business_token)
    assert first.access_application.status == ap.ACCESS_APPLICATION_STATUS_PENDING
    assert first.access_application.current_step_name == "信息安全审核"
    assert list(first.access_grants) == []
    assert (
        access.ListAccessGrants(
            ap.ListAccessGrantsRequest(channel_id=channel.channel_id), metadata=admin
        ).total_size
        == 0
    )
    assert inbox(security_token) == [draft.access_application_id]
    again = refused(access.ApproveAccessApplication, approve, metadata=business_token)
    assert again.code() == grpc.StatusCode.PERMISSION_DENIED

    last = access.ApproveAccessApplication(approve, metadata=security_token)
    assert last.access_application.status == ap.ACCESS_APPLICATION_STATUS_APPROVED
    (grant,) = last.access_grants
    expiry = grant.expire_time.ToDatetime() - utcnow().replace(tzinfo=None)
    assert timedelta(days=29) < expiry <= timedelta(days=30)  # the policy's default
    assert [r.step_name for r in last.access_application.history] == [
        "业务负责人审核",
        "业务负责人审核",
        "信息安全审核",
    ]


def test_reject_ends_an_application_and_nobody_reviews_their_own(platform: Platform) -> None:
    admin = platform.admin()
    access = _access(platform)
    channel = new_channel(platform)
    booking = _published(platform, "his.appointments.create", "/v1/appointments")

    def pending(token: Metadata) -> str:
        draft = access.CreateAccessApplication(
            ap.CreateAccessApplicationRequest(
                access_application=_application(channel.channel_id, booking)
            ),
            metadata=token,
        ).access_application
        access.SubmitAccessApplication(
            ap.SubmitAccessApplicationRequest(access_application_id=draft.access_application_id),
            metadata=token,
        )
        return draft.access_application_id

    # Staff apply on a channel's behalf, but another person reviews.
    mine = pending(admin)
    self_review = refused(
        access.ApproveAccessApplication,
        ap.ApproveAccessApplicationRequest(access_application_id=mine),
        metadata=admin,
    )
    assert self_review.code() == grpc.StatusCode.PERMISSION_DENIED

    _, reviewer = _reviewer(platform, REVIEW)
    unexplained = refused(
        access.RejectAccessApplication,
        ap.RejectAccessApplicationRequest(access_application_id=mine),
        metadata=reviewer,
    )
    assert set(violations(unexplained)) == {"comment"}
    rejected = access.RejectAccessApplication(
        ap.RejectAccessApplicationRequest(access_application_id=mine, comment="数据范围过大"),
        metadata=reviewer,
    ).access_application
    assert rejected.status == ap.ACCESS_APPLICATION_STATUS_REJECTED
    assert rejected.HasField("decide_time")
    for call, request in (
        (access.SubmitAccessApplication, ap.SubmitAccessApplicationRequest),
        (access.WithdrawAccessApplication, ap.WithdrawAccessApplicationRequest),
        (access.ApproveAccessApplication, ap.ApproveAccessApplicationRequest),
    ):
        ended = refused(call, request(access_application_id=mine), metadata=admin)
        assert ended.code() == grpc.StatusCode.FAILED_PRECONDITION, call
        assert "REJECTED" in (ended.details() or "")

    withdrawn = access.WithdrawAccessApplication(
        ap.WithdrawAccessApplicationRequest(
            access_application_id=pending(admin), comment="不需要了"
        ),
        metadata=admin,
    ).access_application
    assert withdrawn.status == ap.ACCESS_APPLICATION_STATUS_WITHDRAWN
    assert [r.action for r in withdrawn.history] == [
        ap.REVIEW_ACTION_SUBMIT,
        ap.REVIEW_ACTION_WITHDRAW,
    ]
    assert (
        access.ListAccessGrants(
            ap.ListAccessGrantsRequest(channel_id=channel.channel_id), metadata=admin
        ).total_size
        == 0
    )


def test_a_vendor_cannot_see_or_apply_for_another_vendors_channel(platform: Platform) -> None:
    admin = platform.admin()
    access = _access(platform)
    alpha_id, alpha = vendor(platform, "alpha")
    beta_id, beta = vendor(platform, "beta")
    mine = new_channel(platform, vendor_user_ids=[alpha_id])
    theirs = new_channel(platform, vendor_user_ids=[beta_id])
    booking = _published(platform, "his.appointments.create", "/v1/appointments")
    alphas = access.CreateAccessApplication(
        ap.CreateAccessApplicationRequest(
            access_application=_application(mine.channel_id, booking)
        ),
        metadata=alpha,
    ).access_application
    betas = access.CreateAccessApplication(
        ap.CreateAccessApplicationRequest(
            access_application=_application(theirs.channel_id, booking)
        ),
        metadata=beta,
    ).access_application

    foreign = refused(
        access.CreateAccessApplication,
        ap.CreateAccessApplicationRequest(
            access_application=_application(mine.channel_id, booking)
        ),
        metadata=beta,
    )
    assert foreign.code() == grpc.StatusCode.NOT_FOUND
    target = alphas.access_application_id
    for call, request in (
        (access.GetAccessApplication, ap.GetAccessApplicationRequest(access_application_id=target)),
        (
            access.UpdateAccessApplication,
            ap.UpdateAccessApplicationRequest(
                access_application_id=target,
                access_application=ap.AccessApplication(purpose="x"),
                update_mask=field_mask_pb2.FieldMask(paths=["purpose"]),
            ),
        ),
        (
            access.SubmitAccessApplication,
            ap.SubmitAccessApplicationRequest(access_application_id=target),
        ),
        (
            access.WithdrawAccessApplication,
            ap.WithdrawAccessApplicationRequest(access_application_id=target),
        ),
    ):
        error = refused(call, request, metadata=beta)
        assert error.code() == grpc.StatusCode.NOT_FOUND, call
        assert mine.code not in (error.details() or "")

    def listed(token: Metadata, **filters: object) -> set[str]:
        found = access.ListAccessApplications(
            ap.ListAccessApplicationsRequest(**filters),
            metadata=token,  # type: ignore[arg-type]
        )
        return {a.access_application_id for a in found.access_applications}

    assert listed(beta) == {betas.access_application_id}
    assert listed(beta, channel_id=mine.channel_id) == set()
    assert listed(alpha) == {alphas.access_application_id}
    assert listed(admin) >= {alphas.access_application_id, betas.access_application_id}
    assert listed(admin, channel_id=mine.channel_id) == {alphas.access_application_id}
    assert listed(admin, api_service_id=booking, query=alphas.number) == {
        alphas.access_application_id
    }


def test_invalid_input_names_the_fields(platform: Platform) -> None:
    admin = platform.admin()
    access = _access(platform)
    empty = refused(
        access.CreateAccessApplication,
        ap.CreateAccessApplicationRequest(
            access_application=ap.AccessApplication(
                items=[ap.AccessApplicationItem(api_service_id="a", requested_daily_quota=-1)],
                contact_email="nope",
            )
        ),
        metadata=admin,
    )
    assert empty.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(empty)) == {
        "access_application.channel_id",
        "access_application.items[0].requested_daily_quota",
        "access_application.purpose",
        "access_application.data_needed",
        "access_application.contact_name",
        "access_application.contact_phone",
        "access_application.contact_email",
    }
    channel = new_channel(platform)
    unknown = refused(
        access.CreateAccessApplication,
        ap.CreateAccessApplicationRequest(
            access_application=_application(channel.channel_id, str(uuid.uuid4()))
        ),
        metadata=admin,
    )
    assert unknown.code() == grpc.StatusCode.NOT_FOUND
    no_channel = refused(
        access.CreateAccessApplication,
        ap.CreateAccessApplicationRequest(access_application=_application(str(uuid.uuid4()), "x")),
        metadata=admin,
    )
    assert no_channel.code() == grpc.StatusCode.NOT_FOUND
    missing = refused(
        access.GetAccessApplication,
        ap.GetAccessApplicationRequest(access_application_id=str(uuid.uuid4())),
        metadata=admin,
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND

    bad_policy = refused(
        access.UpdateReviewPolicy,
        ap.UpdateReviewPolicyRequest(
            category="no-such",
            review_policy=ap.ReviewPolicy(
                steps=[ap.ReviewStep(name=""), ap.ReviewStep(name="a"), ap.ReviewStep(name="b")],
                default_grant_days=-1,
            ),
        ),
        metadata=admin,
    )
    assert set(violations(bad_policy)) == {
        "category",
        "review_policy.steps",
        "review_policy.steps[0].name",
        "review_policy.default_grant_days",
    }
    bad_mask = refused(
        access.UpdateAccessApplication,
        ap.UpdateAccessApplicationRequest(
            access_application_id="x", update_mask=field_mask_pb2.FieldMask(paths=["status"])
        ),
        metadata=admin,
    )
    assert set(violations(bad_mask)) == {"update_mask"}


def test_attachments_are_checked_kept_and_shown_only_to_the_channels_vendor(
    platform: Platform,
) -> None:
    access = _access(platform)
    downloads = dg.DownloadServiceStub(platform.channel("registry"))
    alpha_id, alpha = vendor(platform, "alpha")
    _, beta = vendor(platform, "beta")
    channel = new_channel(platform, vendor_user_ids=[alpha_id])
    booking = _published(platform, "his.appointments.create", "/v1/appointments")
    draft = access.CreateAccessApplication(
        ap.CreateAccessApplicationRequest(
            access_application=_application(channel.channel_id, booking)
        ),
        metadata=alpha,
    ).access_application
    application_id = draft.access_application_id

    def upload(file: common_pb2.FileUpload, token: Metadata = alpha) -> common_pb2.Attachment:
        return access.UploadAccessApplicationAttachment(
            ap.UploadAccessApplicationAttachmentRequest(
                access_application_id=application_id, file=file
            ),
            metadata=token,
        ).attachment

    licence = b"%PDF-1.7\n" + bytes(300_000)
    attached = upload(
        common_pb2.FileUpload(
            file_name="营业执照.pdf", content_type="application/pdf", content=licence
        )
    )
    assert (attached.file_name, attached.size_bytes) == ("营业执照.pdf", len(licence))
    assert attached.sha256 == hashlib.sha256(licence).hexdigest()
    shown = access.GetAccessApplication(
        ap.GetAccessApplicationRequest(access_application_id=application_id), metadata=alpha
    ).access_application
    assert list(shown.attachments) == [attached]

    fetch = downloads_pb2.DownloadAccessApplicationAttachmentRequest(
        access_application_id=application_id, attachment_id=attached.attachment_id
    )
    chunks = list(downloads.DownloadAccessApplicationAttachment(fetch, metadata=alpha))
    assert b"".join(c.data for c in chunks) == licence
    assert {c.content_type for c in chunks} == {"application/pdf"}
    other = refused(
        lambda: list(downloads.DownloadAccessApplicationAttachment(fetch, metadata=beta))
    )
    assert other.code() == grpc.StatusCode.NOT_FOUND
    intruder = common_pb2.FileUpload(
        file_name="x.pdf", content_type="application/pdf", content=b"%PDF-"
    )
    assert refused(upload, intruder, beta).code() == grpc.StatusCode.NOT_FOUND

    # Only the allowed kinds of file, really of that kind, and small ones.
    for file, field in (
        (
            common_pb2.FileUpload(
                file_name="run.exe", content_type="application/x-msdownload", content=b"MZ"
            ),
            "file.content_type",
        ),
        (
            common_pb2.FileUpload(file_name="a.pdf", content_type="application/pdf", content=b"MZ"),
            "file.content",
        ),
        (
            common_pb2.FileUpload(
                file_name="big.png",
                content_type="image/png",
                content=b"\x89PNG\r\n\x1a\n" + bytes(5 * 1024 * 1024),
            ),
            "file.content",
        ),
        (
            common_pb2.FileUpload(
                file_name="../x.pdf", content_type="application/pdf", content=b"%PDF-"
            ),
            "file.file_name",
        ),
    ):
        bad = refused(upload, file)
        assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(violations(bad)) == {field}

    access.DeleteAccessApplicationAttachment(
        ap.DeleteAccessApplicationAttachmentRequest(
            access_application_id=application_id, attachment_id=attached.attachment_id
        ),
        metadata=alpha,
    )
    gone = refused(
        lambda: list(downloads.DownloadAccessApplicationAttachment(fetch, metadata=alpha))
    )
    assert gone.code() == grpc.StatusCode.NOT_FOUND

    # Once submitted, the files are part of what is reviewed: they no longer change.
    access.SubmitAccessApplication(
        ap.SubmitAccessApplicationRequest(access_application_id=application_id), metadata=alpha
    )
    late = refused(
        upload,
        common_pb2.FileUpload(file_name="b.pdf", content_type="application/pdf", content=b"%PDF-"),
    )
    assert late.code() == grpc.StatusCode.FAILED_PRECONDITION
