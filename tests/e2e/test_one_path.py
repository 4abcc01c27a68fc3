"""Item 6 of the spine: one real request crosses identity, registry, Envoy, the HIS and monitor."""

from __future__ import annotations

import base64
import json

import pytest

from deploy.local.demo import admin_metadata, grant
from tests.support import eventually, http, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

pytestmark = pytest.mark.e2e


def test_a_channel_call_goes_through_the_edge_and_is_counted(backends) -> None:
    platform = backends
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        # Identity registers a channel and issues it a credential.
        channels = idg.ChannelServiceStub(identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code="kiosk-1", name="自助机一号", type=idp.CHANNEL_TYPE_SELF_SERVICE_KIOSK
                )
            ),
            metadata=admin,
        ).channel
        issued = channels.CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
            ),
            metadata=admin,
        )
        # Registry registers an API service on an upstream (the HIS simulator) and publishes it.
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
        grant(registry, admin, channel.channel_id, channel.code, service.api_service_id)

    platform.start_edge()
    platform.wait_until_edge_knows(channel.channel_id)
    edge = f"http://127.0.0.1:{platform.channel_port}"
    console = f"http://127.0.0.1:{platform.console_port}"

    # The channel trades its credential for a token at the edge ...
    form = f"grant_type=client_credentials&client_id={issued.credential.client_id}&client_secret={issued.client_secret}"
    status, token_headers, token = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=form.encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert status == 200, token
    assert token["token_type"] == "Bearer" and token["expires_in"] == 7200
    # RFC 6749 §5.1: an answer with a token is never cached.
    assert token_headers.get("cache-control") == "no-store", token_headers
    assert not [name for name in token_headers if name.startswith("grpc-")], token_headers
    # Refusals in RFC 6749 §5.2's shape, which OAuth2 client libraries read.
    status, refused_headers, refused = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=form.replace("client_secret=", "client_secret=x").encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert status == 401, refused
    assert refused == {
        "error": "invalid_client",
        "error_description": "unknown client or wrong secret",
    }
    assert refused_headers.get("www-authenticate", "").startswith("Basic "), refused_headers
    status, _, refused = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=form.replace("client_credentials", "password").encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert (status, refused["error"]) == (400, "unsupported_grant_type"), refused
    basic = base64.b64encode(f"{issued.credential.client_id}:".encode()).decode()
    status, _, refused = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=b"grant_type=client_credentials",
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "authorization": f"Basic {basic}",
        },
    )
    assert (status, refused["error"]) == (400, "invalid_request"), refused
    assert "client_secret" in refused["error_description"]

    # ... and its call reaches the HIS through the channel listener, in the vendor's trace.
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    status, headers, doctors = http_json(
        "GET",
        f"{edge}/v1/doctors/D100101",
        headers={
            "authorization": f"Bearer {token['access_token']}",
            "traceparent": f"00-{trace_id}-00f067aa0ba902b7-01",
            "user-agent": "kiosk-1/2.3",
        },
    )
    assert status == 200, doctors
    assert doctors["doctor_code"] == "D100101"
    doctor_request_id = headers["x-request-id"]
    assert doctor_request_id
    # A query string is no part of the path the API's template matches.
    status, _, with_query = http_json(
        "GET",
        f"{edge}/v1/doctors/D100101?lang=zh-CN",
        headers={"authorization": f"Bearer {token['access_token']}"},
    )
    assert (status, with_query) == (200, doctors)

    # A missing or wrong credential is refused with 401, an unknown route with 404: JSON with a request id.
    for credentials in (
        {},
        {"authorization": "Bearer not-a-token"},
        {"authorization": f"Bearer {token['access_token'][:-4]}AAAA"},
    ):
        status, headers, body = http_json("GET", f"{edge}/v1/doctors/D100101", headers=credentials)
        assert status == 401, body
        assert body["error"]["request_id"] == headers["x-request-id"] != ""
    status, headers, body = http_json(
        "GET",
        f"{edge}/v1/no-such-api",
        headers={"authorization": f"Bearer {token['access_token']}"},
    )
    assert status == 404, body
    assert body["error"]["request_id"] == headers["x-request-id"] != ""

    # Monitor received Envoy's access log and counts today's calls: token, 3 refused token
    # requests, doctor twice, 3 refused, 1 unknown.
    status, login_headers, login = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=json.dumps({"username": "admin", "password": "Wailian@2026"}).encode(),
        headers={"content-type": "application/json"},
    )
    assert status == 200, login
    bearer = {"authorization": f"Bearer {login['accessToken']}"}

    def overview_when_all_counted() -> dict | None:
        status, _, body = http_json(
            "GET", f"{console}/api/monitor/v1/traffic/overview", headers=bearer
        )
        assert status == 200, body
        return body if int(body.get("todayCalls", "0")) >= 10 else None

    overview = eventually(overview_when_all_counted, what="monitor to count the ten calls")
    assert overview["todayCalls"] == "10"
    assert overview["todaySuccessCalls"] == "3"
    assert overview["todayFailedCalls"] == "7"
    assert overview["todayClientErrorCalls"] == "7"
    assert overview["cumulativeCalls"] == "10"

    # The edge's request id is the one the service logged the sign-in under.
    request_id = login_headers["x-request-id"]
    identity_log = (platform.logs / "identity.log").read_text(encoding="utf-8")
    signed_in = [
        json.loads(line)
        for line in identity_log.splitlines()
        if '"signed in"' in line and request_id in line
    ]
    assert signed_in and signed_in[0]["request_id"] == request_id
    assert signed_in[0]["trace_id"]

    # The log shows the call as the channel made it: the public path, not the HIS's.
    status, _, logged = http_json(
        "GET", f"{console}/api/monitor/v1/access-logs/{doctor_request_id}", headers=bearer
    )
    assert status == 200, logged
    entry = logged["entry"]
    assert (entry["path"], entry["apiServiceCode"], entry["channelCode"]) == (
        "/v1/doctors/D100101",
        "master.doctor.get",
        "kiosk-1",
    )
    # Staff find it by the trace id the vendor quotes; the log keeps the vendor's user agent.
    assert (entry["traceId"], entry["userAgent"]) == (trace_id, "kiosk-1/2.3")


# Nothing here touches a database beyond the sign-in: SQLite only (the suite's time).
@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_the_console_listener_serves_the_console_and_refuses_unknown_api_paths(backends) -> None:
    platform = backends
    platform.start_edge()
    console = f"http://127.0.0.1:{platform.console_port}"
    status, headers, page = http("GET", f"{console}/")
    assert status == 200
    assert b'<div id="app">' in page
    status, headers, body = http_json("GET", f"{console}/api/nothing/here")
    assert status == 404
    assert body["error"]["request_id"] == headers["x-request-id"]
    # Bad input comes back as HTTP 400 with the fields named, through the transcoder.
    status, _, login = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=b"{}",
        headers={"content-type": "application/json"},
    )
    assert status == 400
    fields = {v["field"] for d in login["details"] for v in d.get("fieldViolations", [])}
    assert fields == {"username", "password"}
