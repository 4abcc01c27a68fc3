"""What identity hands the edge: the credential material, a watch on its revision, and the
signature check Envoy asks identity for (envoy.service.auth.v3.Authorization)."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import replace

import grpc
import pytest
from envoy.config.core.v3 import base_pb2
from envoy.service.auth.v3 import attribute_context_pb2 as ac
from envoy.service.auth.v3 import external_auth_pb2 as xa
from envoy.service.auth.v3 import external_auth_pb2_grpc as xg
from envoy.type.v3 import http_status_pb2
from google.protobuf import duration_pb2

from services.identity import signature
from services.runtime.cli import service_module
from services.runtime.server import start_service
from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    admin,
    identity_fixture,  # noqa: F401 - the fixture
    refused,
    uses_redis,
)
from tests.integration.test_identity_channel_lifecycle import channels, issue, new_channel
from tests.support import eventually
from wailian.identity.v1 import edge_auth_pb2 as ep
from wailian.identity.v1 import edge_auth_pb2_grpc as eg
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg


def edge(platform: Platform) -> eg.EdgeAuthServiceStub:
    return eg.EdgeAuthServiceStub(platform.channel("identity"))


def snapshot(platform: Platform) -> ep.GetEdgeAuthSnapshotResponse:
    return edge(platform).GetEdgeAuthSnapshot(ep.GetEdgeAuthSnapshotRequest())


def test_the_snapshot_holds_live_channels_their_credentials_and_the_keys(identity) -> None:
    stub = channels(identity)
    first = snapshot(identity).revision
    app = new_channel(
        identity,
        code="hospital-app",
        type=idp.CHANNEL_TYPE_HOSPITAL_APP,
        ip_allow_list=["10.8.0.0/16", "192.168.1.7"],
        rate_limit_per_second=20,
        daily_quota=100_000,
        sandbox=True,
    )
    token = issue(identity, app.channel_id)
    signing = issue(identity, app.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    stub.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=app.channel_id, credential_id=token.credential.credential_id
        ),
        metadata=admin(identity),
    )
    kiosk = new_channel(identity, code="kiosk", type=idp.CHANNEL_TYPE_SELF_SERVICE_KIOSK)
    stub.DisableChannel(
        idp.DisableChannelRequest(channel_id=kiosk.channel_id, reason="maintenance"),
        metadata=admin(identity),
    )
    gone = new_channel(identity, code="old-vendor")
    stub.DeleteChannel(
        idp.DeleteChannelRequest(channel_id=gone.channel_id), metadata=admin(identity)
    )

    taken = snapshot(identity)
    # app created, 2 credentials, 1 revoke, kiosk created and disabled, gone created and deleted
    assert taken.revision == first + 8
    assert [c.code for c in taken.channels] == ["hospital-app", "kiosk"]
    app_edge, kiosk_edge = taken.channels
    assert (
        app_edge.channel_id,
        app_edge.status,
        list(app_edge.ip_allow_list),
        app_edge.rate_limit_per_second,
        app_edge.daily_quota,
        app_edge.sandbox,
    ) == (
        app.channel_id,
        idp.CHANNEL_STATUS_ACTIVE,
        ["10.8.0.0/16", "192.168.1.7"],
        20,
        100_000,
        True,
    )
    assert [
        (c.credential_id, c.kind, c.client_id, c.revoked, c.expire_time.ToSeconds())
        for c in app_edge.credentials
    ] == [
        (
            token.credential.credential_id,
            idp.CREDENTIAL_KIND_TOKEN,
            token.credential.client_id,
            True,
            token.credential.expire_time.ToSeconds(),
        ),
        (
            signing.credential.credential_id,
            idp.CREDENTIAL_KIND_SIGNATURE,
            signing.credential.client_id,
            False,
            signing.credential.expire_time.ToSeconds(),
        ),
    ]
    assert kiosk_edge.status == idp.CHANNEL_STATUS_DISABLED
    assert list(kiosk_edge.credentials) == []
    jwks = idg.SessionServiceStub(identity.channel("identity")).GetJwks(idp.GetJwksRequest())
    assert list(taken.keys) == list(jwks.keys) and len(taken.keys) >= 1
    # The CA that signs channels' client certificates, made at identity's first start.
    assert taken.ca_certificate_pem.startswith("-----BEGIN CERTIFICATE-----")
    assert token.client_secret not in str(taken) and signing.client_secret not in str(taken)


def test_an_internal_method_is_refused_through_the_edge_and_open_inside(identity) -> None:
    forwarded = refused(
        edge(identity).GetEdgeAuthSnapshot,
        ep.GetEdgeAuthSnapshotRequest(),
        metadata=(("x-forwarded-for", "203.0.113.9"),),
    )
    assert forwarded.code() == grpc.StatusCode.PERMISSION_DENIED
    watch = edge(identity).WatchEdgeAuth(
        ep.WatchEdgeAuthRequest(), metadata=(("x-forwarded-for", "203.0.113.9"),), timeout=10
    )
    with pytest.raises(grpc.RpcError) as stream_refused:
        next(watch)
    assert stream_refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
    # Without x-forwarded-for (a platform service on the internal network), no token needed.
    assert snapshot(identity).revision >= 1


def announced(stream) -> tuple[ep.WatchEdgeAuthResponse, float]:
    """The next message of a watch, and how long it took to come."""
    started = time.monotonic()
    message = next(stream)
    return message, time.monotonic() - started


def test_the_watch_announces_each_new_revision_within_a_second(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity, code="wechat-oa")
    issued = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    stream = edge(identity).WatchEdgeAuth(ep.WatchEdgeAuthRequest(after_revision=0), timeout=30)
    try:
        current = next(stream)
        assert current.revision == snapshot(identity).revision
        assert current.cause == f"credential {issued.credential.client_id} issued"

        stub.DisableChannel(
            idp.DisableChannelRequest(channel_id=channel.channel_id, reason="audit"),
            metadata=admin(identity),
        )
        disabled, waited = announced(stream)
        assert (disabled.revision, disabled.cause) == (
            current.revision + 1,
            "channel wechat-oa disabled",
        )
        assert waited < 1.5
        assert abs(disabled.change_time.ToSeconds() - time.time()) < 10

        stub.RevokeChannelCredential(
            idp.RevokeChannelCredentialRequest(
                channel_id=channel.channel_id, credential_id=issued.credential.credential_id
            ),
            metadata=admin(identity),
        )
        revoked, waited = announced(stream)
        assert revoked.revision == disabled.revision + 1
        assert revoked.cause == f"credential {issued.credential.client_id} revoked"
        assert waited < 1.5
        assert snapshot(identity).revision == revoked.revision
    finally:
        stream.cancel()
    assert stream.code() == grpc.StatusCode.CANCELLED

    # A watcher that already has a revision hears only of later ones.
    later = edge(identity).WatchEdgeAuth(
        ep.WatchEdgeAuthRequest(after_revision=revoked.revision), timeout=30
    )
    try:
        stub.EnableChannel(
            idp.EnableChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
        )
        enabled = next(later)
        assert (enabled.revision, enabled.cause) == (
            revoked.revision + 1,
            "channel wechat-oa enabled",
        )
    finally:
        later.cancel()

    # Nothing changed, nothing announced: enabling an enabled channel keeps the revision.
    stub.EnableChannel(
        idp.EnableChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
    )
    assert snapshot(identity).revision == enabled.revision
    bad = refused(edge(identity).WatchEdgeAuth(ep.WatchEdgeAuthRequest(after_revision=-1)).__next__)
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT


# --- signature credentials: Envoy's external authorization ---------------------------------


def check(
    platform: Platform,
    method: str,
    path: str,
    body: bytes = b"",
    authorization: str | None = None,
    *,
    as_text: bool = False,
    via: grpc.Channel | None = None,
    **extra: str,
) -> xa.CheckResponse:
    """Ask identity (or the replica `via`) about one request the way Envoy does: the body packed
    as raw bytes, or as text when `as_text`."""
    headers = {"x-request-id": uuid.uuid4().hex, "host": "api.hospital.cn", **extra}
    if authorization is not None:
        headers["authorization"] = authorization
    http = ac.AttributeContext.HttpRequest(method=method, path=path, headers=headers)
    if as_text:
        http.body = body.decode()
    else:
        http.raw_body = body
    request = xa.CheckRequest(
        attributes=ac.AttributeContext(request=ac.AttributeContext.Request(http=http))
    )
    return xg.AuthorizationStub(via or platform.channel("identity")).Check(request, timeout=10)


def added_headers(response: xa.CheckResponse) -> dict[str, str]:
    assert response.status.code == 0, response.denied_response.body
    for option in response.ok_response.headers:
        assert option.append_action == base_pb2.HeaderValueOption.OVERWRITE_IF_EXISTS_OR_ADD
    return {o.header.key: o.header.value for o in response.ok_response.headers}


def refusal(response: xa.CheckResponse) -> str:
    """The plain-text reason of a 401 answer with the scheme to use."""
    assert response.status.code == 16  # UNAUTHENTICATED
    assert response.denied_response.status.code == http_status_pb2.Unauthorized
    headers = {o.header.key: o.header.value for o in response.denied_response.headers}
    assert headers["www-authenticate"] == "WAILIAN-HMAC-SHA256"
    return response.denied_response.body


def refusal_or_none(response: xa.CheckResponse) -> str | None:
    """The reason of a refusal; None while the request still passes."""
    return refusal(response) if response.status.code else None


def signed(client_id: str, secret: str, method: str, path: str, body: bytes = b"", **kw) -> str:
    return signature.authorization_header(client_id, secret, method, path, body, **kw)


def test_a_signed_request_passes_naming_its_channel_and_every_forgery_is_refused(
    identity,
) -> None:
    channel = new_channel(identity, code="wechat-mp", type=idp.CHANNEL_TYPE_WECHAT_MINI_PROGRAM)
    issued = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    client_id, secret = issued.credential.client_id, issued.client_secret
    path = "/his/v1/appointments?date=2026-11-30&dept=0101"
    body = '{"patientId":"P001","name":"张三"}'.encode()

    header = signed(client_id, secret, "POST", path, body)
    ok = check(identity, "POST", path, body, header, **{"x-wailian-channel-id": "forged"})
    assert added_headers(ok) == {
        "x-wailian-channel-id": channel.channel_id,
        "x-wailian-channel-code": "wechat-mp",
        "x-wailian-credential-id": issued.credential.credential_id,
    }
    assert refusal(check(identity, "POST", path, body, header)) == "nonce already used"

    # Query parameters in another order are the same request; the body may come as text.
    reordered = "/his/v1/appointments?dept=0101&date=2026-11-30"
    assert added_headers(
        check(identity, "POST", reordered, body, signed(client_id, secret, "POST", path, body))
    )
    assert added_headers(
        check(
            identity,
            "POST",
            path,
            body,
            signed(client_id, secret, "POST", path, body),
            as_text=True,
        )
    )
    get = "/his/v1/departments"
    assert added_headers(check(identity, "GET", get, b"", signed(client_id, secret, "GET", get)))

    forged = {
        "wrong secret": check(
            identity, "POST", path, body, signed(client_id, secret + "x", "POST", path, body)
        ),
        "tampered body": check(
            identity,
            "POST",
            path,
            body.replace(b"P001", b"P002"),
            signed(client_id, secret, "POST", path, body),
        ),
        "tampered query": check(
            identity,
            "POST",
            path.replace("0101", "0102"),
            body,
            signed(client_id, secret, "POST", path, body),
        ),
        "other method": check(
            identity, "PUT", path, body, signed(client_id, secret, "POST", path, body)
        ),
    }
    assert {name: refusal(answer) for name, answer in forged.items()} == dict.fromkeys(
        forged, "signature does not match"
    )
    old = signed(client_id, secret, "POST", path, body, timestamp=int(time.time()) - 301)
    assert refusal(check(identity, "POST", path, body, old)).startswith(
        "timestamp outside the 300 s window"
    )
    future = signed(client_id, secret, "POST", path, body, timestamp=int(time.time()) + 301)
    assert refusal(check(identity, "POST", path, body, future)).startswith(
        "timestamp outside the 300 s window"
    )

    unknown = signed("wl" + "0" * 18, secret, "POST", path, body)
    assert refusal(check(identity, "POST", path, body, unknown)) == "unknown client"
    token = issue(identity, channel.channel_id)
    token_kind = signed(token.credential.client_id, token.client_secret, "POST", path, body)
    assert refusal(check(identity, "POST", path, body, token_kind)) == "unknown client"
    assert refusal(check(identity, "POST", path, body)) == (
        "missing credential: send a Bearer token or a WAILIAN-HMAC-SHA256 signature"
    )
    malformed = f'WAILIAN-HMAC-SHA256 client_id="{client_id}",timestamp="1"'
    assert "missing nonce, signature" in refusal(check(identity, "POST", path, body, malformed))

    # Channel status is the edge's RBAC, after authentication: a disabled channel still
    # authenticates (the edge answers 403), a deleted one does not.
    channels(identity).DisableChannel(
        idp.DisableChannelRequest(channel_id=channel.channel_id, reason="reconciliation"),
        metadata=admin(identity),
    )
    assert (
        added_headers(check(identity, "GET", get, b"", signed(client_id, secret, "GET", get)))[
            "x-wailian-channel-code"
        ]
        == "wechat-mp"
    )
    channels(identity).DeleteChannel(
        idp.DeleteChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
    )
    assert (
        eventually(
            lambda: refusal_or_none(
                check(identity, "GET", get, b"", signed(client_id, secret, "GET", get))
            ),
            timeout=5,
            what="the deleted channel's signature to be refused",
        )
        == "channel deleted"
    )


def test_a_revoked_signature_credential_is_refused_within_five_seconds(identity) -> None:
    channel = new_channel(identity)
    issued = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    client_id, secret = issued.credential.client_id, issued.client_secret
    path = "/his/v1/reports?patientId=P001"
    assert added_headers(check(identity, "GET", path, b"", signed(client_id, secret, "GET", path)))

    channels(identity).RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=channel.channel_id, credential_id=issued.credential.credential_id
        ),
        metadata=admin(identity),
    )
    revoked_at = time.monotonic()

    def refused_now() -> str | None:
        answer = check(identity, "GET", path, b"", signed(client_id, secret, "GET", path))
        return refusal_or_none(answer)

    assert eventually(refused_now, timeout=5, what="the revoke to reach the verifier") == (
        "credential revoked or expired"
    )
    assert time.monotonic() - revoked_at < 5


def test_a_rotated_signature_secret_works_until_its_overlap_ends(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity)
    first = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    client_id = first.credential.client_id
    second = stub.RotateChannelCredential(
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=first.credential.credential_id,
            overlap=duration_pb2.Duration(seconds=3600),
        ),
        metadata=admin(identity),
    )
    path = "/his/v1/departments"

    def credential_used(secret: str) -> str:
        answer = check(identity, "GET", path, b"", signed(client_id, secret, "GET", path))
        return added_headers(answer)["x-wailian-credential-id"]

    def outcome(secret: str) -> str:
        answer = check(identity, "GET", path, b"", signed(client_id, secret, "GET", path))
        if answer.status.code:
            return refusal(answer)
        return added_headers(answer)["x-wailian-credential-id"]

    # The verifier follows the revision: wait until it knows the successor.
    eventually(
        lambda: outcome(second.client_secret) == second.credential.credential_id or None,
        timeout=5,
        what="the successor's secret to be accepted",
    )
    assert credential_used(first.client_secret) == first.credential.credential_id

    # Rotating the successor with no overlap ends its secret at once; the first one still has
    # its hour, and the newest works.
    third = stub.RotateChannelCredential(
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=second.credential.credential_id,
            overlap=duration_pb2.Duration(seconds=0),
        ),
        metadata=admin(identity),
    )
    eventually(
        lambda: outcome(third.client_secret) == third.credential.credential_id or None,
        timeout=5,
        what="the third secret to be accepted",
    )
    assert outcome(second.client_secret) == "credential revoked or expired"
    assert outcome(first.client_secret) == first.credential.credential_id


@pytest.fixture
def second_replica(identity) -> Iterator[grpc.Channel]:
    """Another identity process on the same database (and the same Redis, when there is one)."""
    settings = replace(identity.running["identity"]._runtime.settings, grpc_port=0, http_port=0)
    running = identity.runner.run(start_service(service_module("identity"), settings))
    channel = grpc.insecure_channel(f"127.0.0.1:{running.grpc_port}")
    yield channel
    channel.close()
    identity.runner.run(running.stop(grace=1))


def test_a_change_on_one_replica_reaches_the_other_within_seconds(identity, second_replica) -> None:
    channel = new_channel(identity, code="alipay", type=idp.CHANNEL_TYPE_ALIPAY)
    issued = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    client_id, secret = issued.credential.client_id, issued.client_secret
    path = "/his/v1/bills?patientId=P001"
    other = eg.EdgeAuthServiceStub(second_replica)
    watch = other.WatchEdgeAuth(ep.WatchEdgeAuthRequest(), timeout=30)
    try:
        current = next(watch)
        header = signed(client_id, secret, "GET", path)
        assert added_headers(check(identity, "GET", path, b"", header, via=second_replica))
        # One nonce for the whole platform when replicas share Redis; the embedded default
        # runs a single replica and keeps nonces in its own memory.
        replayed = check(identity, "GET", path, b"", header)
        if uses_redis(identity):
            assert refusal(replayed) == "nonce already used"

        channels(identity).RevokeChannelCredential(
            idp.RevokeChannelCredentialRequest(
                channel_id=channel.channel_id, credential_id=issued.credential.credential_id
            ),
            metadata=admin(identity),
        )
        revoked_at = time.monotonic()
        heard = next(watch)
        assert heard.revision == current.revision + 1
        assert heard.cause == f"credential {client_id} revoked"
        assert time.monotonic() - revoked_at < 1.5

        def refused_there() -> str | None:
            answer = check(
                identity,
                "GET",
                path,
                b"",
                signed(client_id, secret, "GET", path),
                via=second_replica,
            )
            return refusal_or_none(answer)

        assert eventually(refused_there, timeout=5, what="the other replica to refuse") == (
            "credential revoked or expired"
        )
        assert time.monotonic() - revoked_at < 5
    finally:
        watch.cancel()
