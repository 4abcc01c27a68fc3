"""Bringing a vendor online is configuration and review, not code: through the real Envoy.

A vendor applies for an API for its channel, staff approve, the channel calls it through the
edge; revoking the grant refuses the next call within 2 seconds; taking the API offline
answers 404.
"""

from __future__ import annotations

import time
import urllib.parse
import uuid

import pytest

from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalPlatform
from tests.support import eventually, http, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.identity.v1 import users_pb2, users_pb2_grpc
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

pytestmark = pytest.mark.e2e

VENDOR_PASSWORD = "Vendor-2026-ok"


def _vendor(identity, admin) -> tuple[str, tuple[tuple[str, str], ...]]:  # type: ignore[no-untyped-def]
    """A developer-center account, signed in with its own password."""
    created = users_pb2_grpc.UserServiceStub(identity).CreateUser(
        users_pb2.CreateUserRequest(
            user=idp.User(
                username=f"vendor{uuid.uuid4().hex[:6]}",
                display_name="某某科技",
                roles=["developer"],
                kind=idp.USER_KIND_DEVELOPER,
            )
        ),
        metadata=admin,
    )
    sessions = idg.SessionServiceStub(identity)
    first = sessions.Login(
        idp.LoginRequest(username=created.user.username, password=created.temporary_password)
    )
    changed = sessions.ChangePassword(
        idp.ChangePasswordRequest(
            current_password=created.temporary_password, new_password=VENDOR_PASSWORD
        ),
        metadata=(("authorization", f"Bearer {first.access_token}"),),
    )
    return created.user.user_id, (("authorization", f"Bearer {changed.access_token}"),)


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_apply_approve_call_revoke_and_take_offline(backends: LocalPlatform) -> None:
    platform = backends
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        vendor_id, vendor = _vendor(identity, admin)
        channels = idg.ChannelServiceStub(identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code="wechat-oa",
                    name="微信公众号",
                    type=idp.CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT,
                    vendor_user_ids=[vendor_id],
                )
            ),
            metadata=admin,
        ).channel
        # The vendor issues its own credential in the developer center.
        issued = channels.CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
            ),
            metadata=vendor,
        )
        catalog = rg.CatalogServiceStub(registry)
        upstream = catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="his", endpoints=[rp.Endpoint(host="127.0.0.1", port=platform.his_port)]
                )
            ),
            metadata=admin,
        ).upstream
        service = catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code="master.doctor.get",
                    name="医生详情",
                    category="master_data",
                    method=rp.HTTP_METHOD_GET,
                    path="/v1/doctors/{doctor_code}",
                    upstream_id=upstream.upstream_id,
                    upstream_path="/his/v1/doctors/{doctor_code}",
                )
            ),
            metadata=admin,
        ).api_service
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
        )

        platform.start_edge()
        platform.wait_until_edge_knows(channel.channel_id)
        edge = f"http://127.0.0.1:{platform.channel_port}"
        form = urllib.parse.urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": issued.credential.client_id,
                "client_secret": issued.client_secret,
            }
        )
        status, _, token = http_json(
            "POST",
            f"{edge}/oauth2/token",
            body=form.encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert status == 200, token
        bearer = {"authorization": f"Bearer {token['access_token']}"}

        def call() -> int:
            return http("GET", f"{edge}/v1/doctors/D100101", headers=bearer)[0]

        assert call() == 403  # published, but not granted to this channel

        # The vendor applies; staff approve; the channel is served.
        access = ag.AccessServiceStub(registry)
        draft = access.CreateAccessApplication(
            ap.CreateAccessApplicationRequest(
                access_application=ap.AccessApplication(
                    channel_id=channel.channel_id,
                    items=[ap.AccessApplicationItem(api_service_id=service.api_service_id)],
                    purpose="公众号查询医生介绍",
                    expected_daily_calls=5_000,
                    data_needed="无患者数据",
                    contact_name="王工",
                    contact_phone="13800000000",
                )
            ),
            metadata=vendor,
        ).access_application
        access.SubmitAccessApplication(
            ap.SubmitAccessApplicationRequest(access_application_id=draft.access_application_id),
            metadata=vendor,
        )
        approved = access.ApproveAccessApplication(
            ap.ApproveAccessApplicationRequest(
                access_application_id=draft.access_application_id,
                comment="同意",
                idempotency_key=str(uuid.uuid4()),
            ),
            metadata=admin,
        )
        (granted,) = approved.access_grants
        started = time.monotonic()
        eventually(lambda: True if call() == 200 else None, timeout=5, what="the granted call")
        assert time.monotonic() - started <= 2.0

        # Revoked: refused within 2 s.
        access.RevokeAccessGrant(
            ap.RevokeAccessGrantRequest(access_grant_id=granted.access_grant_id, reason="合同终止"),
            metadata=admin,
        )
        started = time.monotonic()
        eventually(lambda: True if call() == 403 else None, timeout=5, what="the revoked call")
        assert time.monotonic() - started <= 2.0

        # Offline: no API at that path any more.
        catalog.UnpublishApiService(
            rp.UnpublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
        )
        eventually(lambda: True if call() == 404 else None, timeout=5, what="the offline API")
