"""The developer center on real SQLite and PostgreSQL: a vendor signs up, staff approve it (its
console account appears in identity with the developer role and the password it chose), reject,
disable and enable it; the vendor keeps its profile and reads the published API documentation."""

from __future__ import annotations

import uuid

import grpc

from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    GOOD_PASSWORD,
    audit,
    bearer,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    refused,
    sessions,
    signed_up,
    violations,
)
from tests.integration.test_identity_channel_lifecycle import new_channel
from tests.support import eventually
from wailian.identity.v1 import audit_pb2
from wailian.identity.v1 import identity_pb2 as idp
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import developer_pb2 as dp
from wailian.registry.v1 import developer_pb2_grpc as dg

Metadata = tuple[tuple[str, str], ...]
# A registration number with a valid GB 32100-2015 check character.
USCC = "91350100M000100Y43"
VENDOR_PASSWORD = "Vendor-2026-ok"


def _developers(platform: Platform) -> dg.DeveloperServiceStub:
    return dg.DeveloperServiceStub(platform.channel("registry"))


def _sign_up(platform: Platform, username: str = "", **fields: str) -> tuple[str, str]:
    """A vendor's sign-up, anonymous as on the public page; its id and username."""
    name = username or f"vendor{uuid.uuid4().hex[:6]}"
    values = {
        "organization_name": "健康科技有限公司",
        "unified_social_credit_code": USCC,
        "contact_name": "李工",
        "contact_phone": "13900000000",
        "contact_email": "li@vendor.example",
        "description": "互联网医院预约挂号",
        "username": name,
        "password": VENDOR_PASSWORD,
    }
    values.update(fields)
    answer = _developers(platform).RegisterDeveloper(dp.RegisterDeveloperRequest(**values))
    assert answer.status == dp.DEVELOPER_STATUS_PENDING
    return answer.developer_id, name


def _approve(platform: Platform, developer_id: str, key: str = "") -> dp.Developer:
    return (
        _developers(platform)
        .ApproveDeveloper(
            dp.ApproveDeveloperRequest(
                developer_id=developer_id, comment="资质齐全", idempotency_key=key
            ),
            metadata=platform.admin(),
        )
        .developer
    )


def _vendor_session(platform: Platform, username: str) -> Metadata:
    """The vendor's first sign-in. Identity asks every account created for someone to set a new
    password first (its CreateUser has no "chosen by the user" flag), so the vendor does."""
    first = login(platform, username, VENDOR_PASSWORD)
    assert first.password_change_required
    changed = sessions(platform).ChangePassword(
        idp.ChangePasswordRequest(current_password=VENDOR_PASSWORD, new_password=GOOD_PASSWORD),
        metadata=bearer(first.access_token),
    )
    return bearer(changed.access_token)


def test_an_approved_vendor_signs_in_with_the_password_it_chose(identity: Platform) -> None:
    developers = _developers(identity)
    admin = identity.admin()
    developer_id, username = _sign_up(identity)

    # Pending: no account yet, so the vendor cannot sign in; staff see it waiting.
    assert refused(login, identity, username, VENDOR_PASSWORD).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )
    pending = developers.ListDevelopers(
        dp.ListDevelopersRequest(status=dp.DEVELOPER_STATUS_PENDING, query=username),
        metadata=admin,
    )
    assert [d.developer_id for d in pending.developers] == [developer_id]
    assert pending.developers[0].user_id == ""

    key = str(uuid.uuid4())
    approved = _approve(identity, developer_id, key)
    assert approved.status == dp.DEVELOPER_STATUS_ACTIVE
    assert approved.user_id and approved.review_comment == "资质齐全"
    # A retry of the same approval (the answer was lost) returns it, no second account.
    assert _approve(identity, developer_id, key).user_id == approved.user_id
    again = refused(_approve, identity, developer_id, str(uuid.uuid4()))
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION

    signed_in = login(identity, username, VENDOR_PASSWORD)
    assert signed_in.user.user_id == approved.user_id
    assert signed_in.user.kind == idp.USER_KIND_DEVELOPER
    assert list(signed_in.user.roles) == ["developer"]
    assert signed_in.user.organization == "健康科技有限公司"
    vendor = _vendor_session(identity, username)

    # Its profile names the channels identity lets it manage; it edits its own contact.
    channel = new_channel(identity, vendor_user_ids=[approved.user_id])
    profile = developers.GetDeveloperProfile(dp.GetDeveloperProfileRequest(), metadata=vendor)
    assert profile.developer.developer_id == developer_id
    assert list(profile.developer.channel_ids) == [channel.channel_id]
    updated = developers.UpdateDeveloperProfile(
        dp.UpdateDeveloperProfileRequest(
            contact_name="赵工",
            contact_phone="13700000000",
            contact_email="zhao@vendor.example",
            description="新增检验报告查询",
        ),
        metadata=vendor,
    ).developer
    assert (updated.contact_name, updated.description) == ("赵工", "新增检验报告查询")
    staff_view = developers.GetDeveloper(
        dp.GetDeveloperRequest(developer_id=developer_id), metadata=admin
    ).developer
    assert staff_view.contact_email == "zhao@vendor.example"
    assert list(staff_view.channel_ids) == [channel.channel_id]

    # Reviewing is the hospital's: a vendor may not approve anyone, itself included.
    other_id, _ = _sign_up(identity)
    denied = refused(
        developers.ApproveDeveloper,
        dp.ApproveDeveloperRequest(developer_id=other_id),
        metadata=vendor,
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED

    # Sign-up and approval are in the audit trail, without the password.
    auditor = signed_up(identity, f"audit{uuid.uuid4().hex[:6]}", ["audit_admin"])

    def trail() -> list[audit_pb2.AuditRecord] | None:
        found = audit(identity).ListAuditRecords(
            audit_pb2.ListAuditRecordsRequest(
                page_size=200, filter=audit_pb2.AuditRecordFilter(service="registry")
            ),
            metadata=auditor,
        )
        mine = [r for r in found.audit_records if r.resource_id == developer_id]
        return mine if len(mine) >= 3 else None

    records = eventually(trail, what="the developer's audit records")
    assert {r.action for r in records} >= {
        "registry.developer.approve",
        "registry.developer.self",
    }
    assert all(VENDOR_PASSWORD not in r.after_json + r.before_json for r in records)
    (signed_up_record,) = [r for r in records if r.method.endswith("/RegisterDeveloper")]
    assert signed_up_record.actor_kind == audit_pb2.ACTOR_KIND_ANONYMOUS
    assert signed_up_record.actor_name == username


def test_sign_up_names_every_wrong_field_and_a_taken_username(identity: Platform) -> None:
    developers = _developers(identity)
    bad = refused(
        developers.RegisterDeveloper,
        dp.RegisterDeveloperRequest(
            organization_name="",
            unified_social_credit_code="91350100M000100Y44",  # wrong check character
            contact_name="李工",
            contact_phone="call me",
            contact_email="not-an-address",
            username="1x",
            password="short",
        ),
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {
        "organization_name",
        "unified_social_credit_code",
        "contact_phone",
        "contact_email",
        "username",
        "password",
    }

    _, username = _sign_up(identity)
    taken = refused(_sign_up, identity, username)
    assert taken.code() == grpc.StatusCode.ALREADY_EXISTS


def test_a_rejected_vendor_is_told_why_and_may_sign_up_again(identity: Platform) -> None:
    developers = _developers(identity)
    admin = identity.admin()
    developer_id, username = _sign_up(identity)

    without_reason = refused(
        developers.RejectDeveloper,
        dp.RejectDeveloperRequest(developer_id=developer_id, comment="  "),
        metadata=admin,
    )
    assert "comment" in violations(without_reason)
    key = str(uuid.uuid4())
    request = dp.RejectDeveloperRequest(
        developer_id=developer_id, comment="营业执照不清晰", idempotency_key=key
    )
    rejected = developers.RejectDeveloper(request, metadata=admin).developer
    assert rejected.status == dp.DEVELOPER_STATUS_REJECTED
    assert rejected.review_comment == "营业执照不清晰"
    assert developers.RejectDeveloper(request, metadata=admin).developer == rejected
    assert refused(_approve, identity, developer_id).code() == grpc.StatusCode.FAILED_PRECONDITION
    assert refused(login, identity, username, VENDOR_PASSWORD).code() == (
        grpc.StatusCode.UNAUTHENTICATED
    )

    # The username is free again; the new sign-up is approved as usual.
    second_id, _ = _sign_up(identity, username)
    assert second_id != developer_id
    assert _approve(identity, second_id).status == dp.DEVELOPER_STATUS_ACTIVE
    assert login(identity, username, VENDOR_PASSWORD).user.username == username


def test_a_disabled_vendor_cannot_sign_in_until_enabled(identity: Platform) -> None:
    developers = _developers(identity)
    admin = identity.admin()
    developer_id, username = _sign_up(identity)
    _approve(identity, developer_id)
    login(identity, username, VENDOR_PASSWORD)

    disabled = developers.DisableDeveloper(
        dp.DisableDeveloperRequest(developer_id=developer_id, reason="合同到期"), metadata=admin
    ).developer
    assert disabled.status == dp.DEVELOPER_STATUS_DISABLED
    assert refused(login, identity, username, VENDOR_PASSWORD).code() in (
        grpc.StatusCode.UNAUTHENTICATED,
        grpc.StatusCode.PERMISSION_DENIED,
    )
    # Disabling twice changes nothing; enabling lets it sign in again.
    assert (
        developers.DisableDeveloper(
            dp.DisableDeveloperRequest(developer_id=developer_id), metadata=admin
        ).developer.status
        == dp.DEVELOPER_STATUS_DISABLED
    )
    enabled = developers.EnableDeveloper(
        dp.EnableDeveloperRequest(developer_id=developer_id), metadata=admin
    ).developer
    assert enabled.status == dp.DEVELOPER_STATUS_ACTIVE
    assert login(identity, username, VENDOR_PASSWORD).user.username == username

    # Staff correct the organisation's record; a bad value is named.
    changed = developers.UpdateDeveloper(
        dp.UpdateDeveloperRequest(
            developer_id=developer_id,
            developer=dp.Developer(organization_name="健康科技（福建）有限公司"),
            update_mask={"paths": ["organization_name"]},
        ),
        metadata=admin,
    ).developer
    assert changed.organization_name == "健康科技（福建）有限公司"
    assert changed.contact_name == "李工"
    wrong = refused(
        developers.UpdateDeveloper,
        dp.UpdateDeveloperRequest(
            developer_id=developer_id,
            developer=dp.Developer(contact_email="nobody"),
            update_mask={"paths": ["contact_email"]},
        ),
        metadata=admin,
    )
    assert set(violations(wrong)) == {"developer.contact_email"}


def _api_service(platform: Platform, code: str, path: str, publish: bool) -> rp.ApiService:
    admin = platform.admin()
    catalog = rg.CatalogServiceStub(platform.channel("registry"))
    upstream = catalog.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(
                name=f"his-{uuid.uuid4().hex[:8]}",
                endpoints=[rp.Endpoint(host="his.internal", port=8090)],
            )
        ),
        metadata=admin,
    ).upstream
    service = catalog.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code=code,
                name="科室列表",
                category="master_data",
                description="医院**科室**列表",
                method=rp.HTTP_METHOD_GET,
                path=path,
                upstream_id=upstream.upstream_id,
                upstream_path="/internal/departments",
            )
        ),
        metadata=admin,
    ).api_service
    if publish:
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
        )
    return service


def test_vendors_read_published_api_docs_with_signing_samples(identity: Platform) -> None:
    developers = _developers(identity)
    admin = identity.admin()
    developer_id, username = _sign_up(identity)
    user_id = _approve(identity, developer_id).user_id
    vendor = _vendor_session(identity, username)
    channel = new_channel(identity, vendor_user_ids=[user_id])
    tag = uuid.uuid4().hex[:6]
    published = _api_service(identity, f"his.dept.{tag}", f"/v1/{tag}/departments", True)
    draft = _api_service(identity, f"his.draft.{tag}", f"/v1/{tag}/draft", False)

    listed = developers.ListApiDocs(dp.ListApiDocsRequest(query=tag), metadata=vendor)
    assert [d.code for d in listed.api_docs] == [published.code]
    assert not listed.api_docs[0].granted
    assert not listed.api_docs[0].code_samples

    # Once one of its channels is granted the API, the docs say so.
    ag.AccessServiceStub(identity.channel("registry")).CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=ap.AccessGrant(
                channel_id=channel.channel_id,
                channel_code=channel.code,
                api_service_id=published.api_service_id,
            ),
            reason="联调",
            idempotency_key=str(uuid.uuid4()),
        ),
        metadata=admin,
    )
    doc = developers.GetApiDoc(
        dp.GetApiDocRequest(api_service_id=published.api_service_id), metadata=vendor
    )
    assert doc.api_doc.granted
    assert doc.api_doc.path == f"/v1/{tag}/departments"
    assert doc.api_doc.base_url.startswith("http")
    assert {(s.language, s.credential_kind) for s in doc.api_doc.code_samples} == {
        (language, kind)
        for language in ("curl", "python", "java")
        for kind in (
            idp.CREDENTIAL_KIND_TOKEN,
            idp.CREDENTIAL_KIND_SIGNATURE,
            idp.CREDENTIAL_KIND_MUTUAL_TLS,
        )
    }
    assert "upstream" not in str(doc.api_doc).lower()
    assert "/internal/departments" not in str(doc.api_doc)
    assert {e.http_status for e in doc.platform_error_codes} >= {401, 403, 404, 429}

    hidden = refused(
        developers.GetApiDoc,
        dp.GetApiDocRequest(api_service_id=draft.api_service_id),
        metadata=vendor,
    )
    assert hidden.code() == grpc.StatusCode.NOT_FOUND
    staff_only = refused(developers.ListDevelopers, dp.ListDevelopersRequest(), metadata=vendor)
    assert staff_only.code() == grpc.StatusCode.PERMISSION_DENIED
