"""The spine's services, called over gRPC as internal hospital systems call them."""

from __future__ import annotations

import json
import urllib.request

import grpc
import pytest
from google.api import httpbody_pb2
from google.rpc import error_details_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_status import rpc_status

from services.runtime import jwt
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.payment.v1 import payment_pb2, payment_pb2_grpc
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg


def field_violations(error: grpc.RpcError) -> dict[str, str]:
    status = rpc_status.from_call(error)
    assert status is not None
    violations: dict[str, str] = {}
    for detail in status.details:
        if detail.Is(error_details_pb2.BadRequest.DESCRIPTOR):
            bad = error_details_pb2.BadRequest()
            detail.Unpack(bad)
            violations.update({v.field: v.description for v in bad.field_violations})
    return violations


def test_every_service_reports_serving_and_ready(platform) -> None:
    for name, service in platform.running.items():
        health = health_pb2_grpc.HealthStub(platform.channel(name))
        assert (
            health.Check(health_pb2.HealthCheckRequest()).status
            == health_pb2.HealthCheckResponse.SERVING
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{service.http_port}/readyz") as response:
            assert json.load(response) == {"status": "ready"}

    # Prometheus metrics count the calls each service handled, by method and status code.
    def logins() -> float:
        url = f"http://127.0.0.1:{platform.running['identity'].http_port}/metrics"
        with urllib.request.urlopen(url) as response:
            for line in response.read().decode().splitlines():
                if (
                    line.startswith("wailian_rpc_handled_total{")
                    and 'code="OK"' in line
                    and "/Login" in line
                ):
                    return float(line.rsplit(" ", 1)[1])
        return 0.0

    before = logins()
    platform._admin = None
    platform.admin()
    assert logins() == before + 1


def test_login_rejects_a_wrong_password_and_accepts_the_right_one(platform) -> None:
    stub = idg.SessionServiceStub(platform.channel("identity"))
    with pytest.raises(grpc.RpcError) as refused:
        stub.Login(idp.LoginRequest(username="admin", password="Wrong-password-1"))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    me = stub.GetCurrentUser(idp.GetCurrentUserRequest(), metadata=platform.admin())
    assert me.user.username == "admin"


def test_calls_without_a_token_are_unauthenticated(platform) -> None:
    stub = idg.ChannelServiceStub(platform.channel("identity"))
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListChannels(idp.ListChannelsRequest())
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    registry = rg.CatalogServiceStub(platform.channel("registry"))
    with pytest.raises(grpc.RpcError) as refused:
        registry.ListApiServices(
            rp.ListApiServicesRequest(), metadata=(("authorization", "Bearer x.y.z"),)
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_bad_channel_input_names_every_bad_field(platform) -> None:
    stub = idg.ChannelServiceStub(platform.channel("identity"))
    with pytest.raises(grpc.RpcError) as refused:
        stub.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(code="Bad Code", ip_allow_list=["300.1.1.1"])
            ),
            metadata=platform.admin(),
        )
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(refused.value)) == {
        "channel.code",
        "channel.name",
        "channel.type",
        "channel.ip_allow_list[0]",
    }
    listed = stub.ListChannels(idp.ListChannelsRequest(), metadata=platform.admin())
    assert listed.total_size == 0  # nothing was half-written


def test_a_channel_credential_buys_a_token_signed_for_that_channel(platform) -> None:
    channels = idg.ChannelServiceStub(platform.channel("identity"))
    channel = channels.CreateChannel(
        idp.CreateChannelRequest(
            channel=idp.Channel(
                code="wechat-oa", name="微信公众号", type=idp.CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT
            )
        ),
        metadata=platform.admin(),
    ).channel
    issued = channels.CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
        ),
        metadata=platform.admin(),
    )
    assert issued.client_secret
    listed = channels.ListChannelCredentials(
        idp.ListChannelCredentialsRequest(channel_id=channel.channel_id), metadata=platform.admin()
    )
    assert [c.client_id for c in listed.credentials] == [issued.credential.client_id]
    assert issued.client_secret not in str(listed)

    tokens = idg.ChannelTokenServiceStub(platform.channel("identity"))
    form = f"grant_type=client_credentials&client_id={issued.credential.client_id}&client_secret={issued.client_secret}"
    body = tokens.IssueChannelToken(
        idp.IssueChannelTokenRequest(
            body=httpbody_pb2.HttpBody(
                content_type="application/x-www-form-urlencoded", data=form.encode()
            )
        )
    )
    token = json.loads(body.data)["access_token"]
    jwks = idg.SessionServiceStub(platform.channel("identity")).GetJwks(idp.GetJwksRequest())
    keys = {k.kid: jwt.jwk_public_key({"x": k.x, "y": k.y}) for k in jwks.keys}
    claims = jwt.verify(token, keys, audience="wailian-channel", issuer="wailian-identity")
    assert claims["sub"] == channel.channel_id
    assert claims["channel_code"] == "wechat-oa"

    wrong = (
        f"grant_type=client_credentials&client_id={issued.credential.client_id}&client_secret=nope"
    )
    with pytest.raises(grpc.RpcError) as refused:
        tokens.IssueChannelToken(
            idp.IssueChannelTokenRequest(
                body=httpbody_pb2.HttpBody(
                    content_type="application/x-www-form-urlencoded", data=wrong.encode()
                )
            )
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_an_api_service_is_registered_published_and_listed(platform) -> None:
    stub = rg.CatalogServiceStub(platform.channel("registry"))
    upstream = stub.CreateUpstream(
        rp.CreateUpstreamRequest(
            upstream=rp.Upstream(name="his", endpoints=[rp.Endpoint(host="127.0.0.1", port=9100)])
        ),
        metadata=platform.admin(),
    ).upstream
    created = stub.CreateApiService(
        rp.CreateApiServiceRequest(
            api_service=rp.ApiService(
                code="his.departments.list",
                name="科室列表",
                category="master_data",
                method=rp.HTTP_METHOD_GET,
                path="/his/v1/departments",
                upstream_id=upstream.upstream_id,
            )
        ),
        metadata=platform.admin(),
    ).api_service
    assert created.status == rp.API_SERVICE_STATUS_DRAFT
    published = stub.PublishApiService(
        rp.PublishApiServiceRequest(api_service_id=created.api_service_id),
        metadata=platform.admin(),
    ).api_service
    assert published.status == rp.API_SERVICE_STATUS_PUBLISHED
    listed = stub.ListApiServices(
        rp.ListApiServicesRequest(status=rp.API_SERVICE_STATUS_PUBLISHED), metadata=platform.admin()
    )
    assert [(s.code, s.upstream_name) for s in listed.api_services] == [
        ("his.departments.list", "his")
    ]


def test_a_declared_rpc_not_built_yet_answers_unimplemented(platform) -> None:
    stub = payment_pb2_grpc.MerchantServiceStub(platform.channel("payment"))
    with pytest.raises(grpc.RpcError) as refused:
        stub.ListMerchants(payment_pb2.ListMerchantsRequest(), metadata=platform.admin())
    assert refused.value.code() == grpc.StatusCode.UNIMPLEMENTED


def test_streaming_rpcs_check_the_caller_too(platform) -> None:
    from wailian.payment.v1 import downloads_pb2, downloads_pb2_grpc

    stub = downloads_pb2_grpc.DownloadServiceStub(platform.channel("payment"))
    with pytest.raises(grpc.RpcError) as refused:
        list(stub.ExportPaymentOrders(downloads_pb2.ExportPaymentOrdersRequest()))
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED
    with pytest.raises(grpc.RpcError) as refused:
        list(
            stub.ExportPaymentOrders(
                downloads_pb2.ExportPaymentOrdersRequest(), metadata=platform.admin()
            )
        )
    assert refused.value.code() == grpc.StatusCode.UNIMPLEMENTED
