"""Channel access at the real edge: every outcome, for access tokens and for signed requests.

Identity owns channels and credentials, registry owns the grants and turns both into Envoy's
configuration over xDS; Envoy enforces them natively (tokens) or with identity's signature
check (ext_authz). The order is the platform's promise: unknown or invalid credential 401,
channel disabled 403, caller address not allowed 403, API not granted 403, over the
per-second limit 429 with Retry-After. Disabling a channel or revoking a credential reaches
the running edge within 5 seconds, without a restart.
"""

from __future__ import annotations

import json
import ssl
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.client import HTTPConnection, HTTPSConnection
from pathlib import Path

import grpc
import pytest

from deploy.local.demo import admin_metadata, grant
from deploy.local.launcher import LocalPlatform
from services.identity import ca
from services.identity.signature import authorization_header
from tests.support import eventually, http, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.identity.v1 import users_pb2, users_pb2_grpc
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

pytestmark = pytest.mark.e2e

DOCTOR = "/v1/doctors/D100101"
DEPARTMENTS = "/v1/departments"
# Revocation and disabling must reach the edge within this many seconds.
PROPAGATION_SECONDS = 5.0


@dataclass
class Caller:
    """A channel with one token credential and one signature credential."""

    code: str
    channel_id: str = ""
    token_credential: str = ""
    token_client: tuple[str, str] = ("", "")
    signature_credential: str = ""
    signature_client: tuple[str, str] = ("", "")
    mutual_credential: str = ""
    # Client certificate and key files (mutual TLS).
    mutual_files: tuple[str, str] = ("", "")
    token: str = ""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def error(self) -> dict[str, str]:
        payload = json.loads(self.body)["error"]
        assert payload["request_id"] == self.headers["x-request-id"], payload
        return payload


class Edge:
    def __init__(self, platform: LocalPlatform) -> None:
        self.platform = platform
        self.identity = platform.grpc_channel("identity")
        self.registry = platform.grpc_channel("registry")
        self.admin = admin_metadata(self.identity)
        self.channels = idg.ChannelServiceStub(self.identity)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.platform.channel_port}"

    def add_channel(self, caller: Caller, **settings: object) -> Caller:
        created = self.channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code=caller.code,
                    name=caller.code,
                    type=idp.CHANNEL_TYPE_THIRD_PARTY_VENDOR,
                    **settings,  # type: ignore[arg-type]
                )
            ),
            metadata=self.admin,
        ).channel
        caller.channel_id = created.channel_id
        for kind in (
            idp.CREDENTIAL_KIND_TOKEN,
            idp.CREDENTIAL_KIND_SIGNATURE,
            idp.CREDENTIAL_KIND_MUTUAL_TLS,
        ):
            issued = self.channels.CreateChannelCredential(
                idp.CreateChannelCredentialRequest(channel_id=created.channel_id, kind=kind),
                metadata=self.admin,
            )
            pair = (issued.credential.client_id, issued.client_secret)
            if kind == idp.CREDENTIAL_KIND_TOKEN:
                caller.token_credential, caller.token_client = issued.credential.credential_id, pair
            elif kind == idp.CREDENTIAL_KIND_SIGNATURE:
                caller.signature_credential = issued.credential.credential_id
                caller.signature_client = pair
            else:
                caller.mutual_credential = issued.credential.credential_id
                directory = self.platform.options.data_dir / "clients" / caller.code
                directory.mkdir(parents=True)
                (directory / "client.pem").write_text(issued.client_certificate_pem)
                (directory / "client.key").write_text(issued.private_key_pem)
                caller.mutual_files = (
                    str(directory / "client.pem"),
                    str(directory / "client.key"),
                )
        return caller

    def publish(self, code: str, path: str, his_path: str, granted: list[Caller]) -> None:
        catalog = rg.CatalogServiceStub(self.registry)
        upstreams = catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=self.admin)
        if upstreams.upstreams:
            upstream_id = upstreams.upstreams[0].upstream_id
        else:
            upstream_id = catalog.CreateUpstream(
                rp.CreateUpstreamRequest(
                    upstream=rp.Upstream(
                        name="his",
                        endpoints=[rp.Endpoint(host="127.0.0.1", port=self.platform.his_port)],
                    )
                ),
                metadata=self.admin,
            ).upstream.upstream_id
        service = catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code=code,
                    name=code,
                    category="master_data",
                    method=rp.HTTP_METHOD_GET,
                    path=path,
                    upstream_id=upstream_id,
                    upstream_path=his_path,
                )
            ),
            metadata=self.admin,
        ).api_service
        for caller in granted:
            grant(self.registry, self.admin, caller.channel_id, caller.code, service.api_service_id)
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id),
            metadata=self.admin,
        )

    def sign_in(self, caller: Caller) -> None:
        client_id, secret = caller.token_client
        form = urllib.parse.urlencode(
            {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
        )
        status, _, token = http_json(
            "POST",
            f"{self.url}/oauth2/token",
            body=form.encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert status == 200, token
        caller.token = token["access_token"]

    def get(self, path: str, headers: dict[str, str] | None = None) -> Reply:
        return Reply(*http("GET", f"{self.url}{path}", headers=headers or {}))

    def with_token(self, caller: Caller, path: str) -> Reply:
        return self.get(path, {"authorization": f"Bearer {caller.token}"})

    def signed(self, caller: Caller, path: str, *, secret: str | None = None) -> Reply:
        client_id, real_secret = caller.signature_client
        header = authorization_header(client_id, secret or real_secret, "GET", path)
        return self.get(path, {"authorization": header})

    def mutual(self, caller: Caller | None, path: str) -> Reply:
        """A call on the mutual-TLS listener, with the caller's client certificate (or none)."""
        context = ssl.create_default_context(
            cafile=str(self.platform.options.data_dir / "tls" / "edge-ca.pem")
        )
        if caller is not None:
            context.load_cert_chain(*caller.mutual_files)
        connection = HTTPSConnection(
            "127.0.0.1", self.platform.mtls_port, context=context, timeout=10
        )
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            headers = {k.lower(): v for k, v in response.getheaders()}
            return Reply(response.status, headers, response.read())
        finally:
            connection.close()


Call = Callable[[Caller, str], Reply]


@pytest.fixture
def edge(backends: LocalPlatform) -> Iterator[Edge]:
    view = Edge(backends)
    yield view
    view.identity.close()
    view.registry.close()


def _until_status(call: Callable[[], Reply], status: int, what: str) -> float:
    """Seconds until `call` answers `status` (bounded by the propagation promise, plus slack)."""
    started = time.monotonic()
    eventually(
        lambda: True if call().status == status else None,
        timeout=PROPAGATION_SECONDS * 2,
        what=what,
    )
    return time.monotonic() - started


def test_each_edge_outcome_for_tokens_and_signatures(edge: Edge) -> None:
    app = edge.add_channel(Caller("app-a"))
    fenced = edge.add_channel(Caller("kiosk-b"), ip_allow_list=["10.9.9.0/24"])
    limited = edge.add_channel(Caller("vendor-c"), rate_limit_per_second=3)
    ungranted = edge.add_channel(Caller("vendor-d"))
    rationed = edge.add_channel(Caller("vendor-e"), daily_quota=3)
    edge.publish(
        "master.doctor.get",
        "/v1/doctors/{doctor_code}",
        "/his/v1/doctors/{doctor_code}",
        [app, fenced, limited, rationed],
    )
    edge.publish("master.department.list", DEPARTMENTS, "/his/v1/departments", [fenced])
    edge.platform.start_edge()
    edge.platform.wait_until_edge_knows(
        *(c.channel_id for c in (app, fenced, limited, ungranted, rationed))
    )
    for caller in (app, fenced, limited, ungranted, rationed):
        edge.sign_in(caller)

    # Unknown or invalid credential: 401.
    for reply in (
        edge.get(DOCTOR),
        edge.get(DOCTOR, {"authorization": "Bearer not-a-token"}),
        edge.signed(app, DOCTOR, secret="not-the-secret"),
        edge.get(DOCTOR, {"authorization": 'WAILIAN-HMAC-SHA256 client_id="nobody"'}),
    ):
        assert reply.status == 401, reply
        reply.error()

    # Without a client certificate the mutual-TLS listener says what is missing.
    assert edge.platform.mtls_port, "the mutual-TLS listener is served"
    reply = edge.mutual(None, DOCTOR)
    assert reply.status == 401
    assert reply.error()["message"] == "a client certificate is required on this listener"
    # A certificate naming a real channel but signed by another CA fails the TLS handshake.
    foreign = ca.new_authority("冒名", datetime.now(UTC))
    forged = ca.issue_client_certificate(
        foreign,
        channel_id=app.channel_id,
        channel_code=app.code,
        credential_id=app.mutual_credential,
        not_after=datetime.now(UTC) + timedelta(days=1),
        now=datetime.now(UTC),
    )
    forged_dir = edge.platform.options.data_dir / "clients" / "forged"
    forged_dir.mkdir(parents=True)
    (forged_dir / "client.pem").write_text(forged.certificate_pem)
    (forged_dir / "client.key").write_text(forged.private_key_pem)
    impostor = Caller(
        "forged", mutual_files=(str(forged_dir / "client.pem"), str(forged_dir / "client.key"))
    )
    with pytest.raises((ssl.SSLError, ConnectionError)):
        edge.mutual(impostor, DOCTOR)

    modes: dict[str, Call] = {
        "token": edge.with_token,
        "signature": edge.signed,
        "mutual_tls": edge.mutual,
    }
    for mode, call in modes.items():
        ok = call(app, DOCTOR)
        assert ok.status == 200, (mode, ok)
        assert json.loads(ok.body)["doctor_code"] == "D100101"

        refused = call(fenced, DOCTOR)
        assert refused.status == 403, (mode, refused)
        assert refused.error()["code"] == "rbac_access_denied_matched_policy[ip_not_allowed]"
        assert "IP" in refused.error()["message"]

        for caller, path in ((ungranted, DOCTOR), (app, DEPARTMENTS)):
            refused = call(caller, path)
            assert refused.status == 403, (mode, caller.code, path, refused)
            assert refused.error()["message"] == "the channel is not granted this API"

        replies = [call(limited, DOCTOR) for _ in range(12)]
        assert replies[0].status == 200, (mode, replies[0])
        limited_replies = [reply for reply in replies if reply.status == 429]
        assert limited_replies, (mode, [reply.status for reply in replies])
        assert limited_replies[0].headers["retry-after"] == "1"
        assert limited_replies[0].error()["code"] == "local_rate_limited"
        # The bucket refills over a second (Envoy refills it gradually): after one full second
        # the channel is served again, and the next kind starts with a full bucket. The wait
        # is the behaviour under test, not a guess at how long something takes.
        time.sleep(1.1)
        assert call(limited, DOCTOR).status == 200

    # The daily quota: monitor counts the calls, the edge refuses the channel once it is used
    # up (within seconds: a few calls more may get through meanwhile).
    assert [edge.with_token(rationed, DOCTOR).status for _ in range(3)] == [200, 200, 200]
    _until_status(lambda: edge.with_token(rationed, DOCTOR), 429, "the quota enforced")
    for reply in (
        edge.with_token(rationed, DOCTOR),
        edge.signed(rationed, DOCTOR),
        edge.mutual(rationed, DOCTOR),
    ):
        assert reply.status == 429
        assert reply.error()["code"] == "rbac_access_denied_matched_policy[daily_quota_exceeded]"
    assert edge.with_token(app, DOCTOR).status == 200

    # A signed request is good once: the same header again is a replay.
    client_id, secret = app.signature_client
    header = authorization_header(client_id, secret, "GET", DOCTOR)
    assert edge.get(DOCTOR, {"authorization": header}).status == 200
    replayed = edge.get(DOCTOR, {"authorization": header})
    assert replayed.status == 401
    assert "nonce" in replayed.error()["message"]
    # Signed for another path (or query) it does not verify here.
    moved = authorization_header(client_id, secret, "GET", "/v1/doctors/D100102")
    assert edge.get(DOCTOR, {"authorization": moved}).status == 401
    stale = authorization_header(client_id, secret, "GET", DOCTOR, timestamp=int(time.time()) - 600)
    assert edge.get(DOCTOR, {"authorization": stale}).status == 401

    # Disabling the channel reaches the running edge within 5 s, for both kinds, on new
    # connections and on one kept open from before; enabling too.
    kept_open = HTTPConnection("127.0.0.1", edge.platform.channel_port, timeout=10)
    bearer = {"authorization": f"Bearer {app.token}"}

    def on_kept_connection() -> Reply:
        kept_open.request("GET", DOCTOR, headers=bearer)
        response = kept_open.getresponse()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Reply(response.status, headers, response.read())

    assert on_kept_connection().status == 200
    edge.channels.DisableChannel(
        idp.DisableChannelRequest(channel_id=app.channel_id, reason="合同到期"),
        metadata=edge.admin,
    )
    took = _until_status(on_kept_connection, 403, "the disabled channel refused (kept open)")
    assert took <= PROPAGATION_SECONDS, took
    kept_open.close()
    assert edge.with_token(app, DOCTOR).status == 403
    assert edge.mutual(app, DOCTOR).status == 403
    refused = edge.signed(app, DOCTOR)
    assert refused.status == 403
    assert refused.error()["message"].startswith("the channel is disabled")
    assert edge.with_token(limited, DOCTOR).status == 200  # other channels carry on
    edge.channels.EnableChannel(
        idp.EnableChannelRequest(channel_id=app.channel_id), metadata=edge.admin
    )
    _until_status(lambda: edge.with_token(app, DOCTOR), 200, "the enabled channel served")

    # Revoking a credential: its already-issued token is refused within 5 s (401).
    edge.channels.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=app.channel_id, credential_id=app.token_credential, reason="泄露"
        ),
        metadata=edge.admin,
    )
    took = _until_status(lambda: edge.with_token(app, DOCTOR), 401, "the revoked token refused")
    assert took <= PROPAGATION_SECONDS, took
    assert edge.with_token(app, DOCTOR).error()["message"] == "the credential is revoked"
    assert edge.signed(app, DOCTOR).status == 200  # the channel's other credential still works
    edge.channels.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=app.channel_id, credential_id=app.signature_credential, reason="泄露"
        ),
        metadata=edge.admin,
    )
    took = _until_status(lambda: edge.signed(app, DOCTOR), 401, "the revoked signature refused")
    assert took <= PROPAGATION_SECONDS, took
    assert edge.mutual(app, DOCTOR).status == 200
    edge.channels.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=app.channel_id, credential_id=app.mutual_credential, reason="设备报废"
        ),
        metadata=edge.admin,
    )
    took = _until_status(lambda: edge.mutual(app, DOCTOR), 401, "the revoked certificate refused")
    assert took <= PROPAGATION_SECONDS, took
    assert edge.mutual(app, DOCTOR).error()["message"] == "the credential is revoked"

    # No secret reached any log: the services', Envoy's, the access logs.
    logged = "\n".join(
        path.read_text(errors="replace") for path in edge.platform.logs.rglob("*") if path.is_file()
    )
    assert DOCTOR in logged  # the logs are the ones that saw this traffic
    for caller in (app, fenced, limited, ungranted, rationed):
        key_file = caller.mutual_files[1]
        key_body = "".join(Path(key_file).read_text().splitlines()[1:-1])[:64]
        for secret in (
            caller.token_client[1],
            caller.signature_client[1],
            caller.token,
            key_body,
        ):
            assert secret not in logged, caller.code
    assert 'signature="' not in logged


# The refusal is the edge's and the interceptor's, whatever the database: SQLite only.
@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_channel_credential_cannot_call_admin_rpcs(edge: Edge) -> None:
    app = edge.add_channel(Caller("app-a"))
    edge.platform.start_edge()
    edge.sign_in(app)
    console = f"http://127.0.0.1:{edge.platform.console_port}"
    # The console listener's APIs want a staff session: a channel token is not one.
    status, _, body = http_json(
        "GET",
        f"{console}/api/identity/v1/users",
        headers={"authorization": f"Bearer {app.token}"},
    )
    assert status == 401, body
    # Nor do the gRPC services themselves take it (it is meant for the channel listener).
    with pytest.raises(grpc.RpcError) as refused:
        users_pb2_grpc.UserServiceStub(edge.identity).ListUsers(
            users_pb2.ListUsersRequest(), metadata=(("authorization", f"Bearer {app.token}"),)
        )
    assert refused.value.code() == grpc.StatusCode.UNAUTHENTICATED


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_signed_calls_wait_for_identity_and_tokens_do_not(edge: Edge) -> None:
    """Identity checks signed requests; tokens are verified by Envoy alone. With identity
    stopped, a signed call is 503 (not the caller's fault, so not 401) and a token call still
    passes; once identity is back, signed calls pass again."""
    app = edge.add_channel(Caller("app-a"))
    edge.publish(
        "master.doctor.get", "/v1/doctors/{doctor_code}", "/his/v1/doctors/{doctor_code}", [app]
    )
    edge.platform.start_edge()
    edge.platform.wait_until_edge_knows(app.channel_id)
    edge.sign_in(app)
    assert edge.signed(app, DOCTOR).status == 200

    edge.platform.stop_service("identity")
    refused = edge.signed(app, DOCTOR)
    assert refused.status == 503, refused
    assert refused.error()["code"] == "ext_authz_error"
    assert edge.with_token(app, DOCTOR).status == 200

    edge.platform.restart_service("identity")
    _until_status(lambda: edge.signed(app, DOCTOR), 200, "signed calls after identity returns")
