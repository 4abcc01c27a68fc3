"""What an upstream's configuration makes the real Envoy do: verified TLS to the upstream,
retries of idempotent calls only, and a circuit breaker that sheds load.

The upstreams are small local servers; the platform and Envoy are the real processes, with
registry serving the configuration over xDS. The policies do not depend on the database, so
these run on SQLite only.
"""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import struct
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import timestamp_pb2

from deploy.local.demo import admin_metadata, grant
from deploy.local.launcher import LocalPlatform
from services.identity import ca
from tests.e2e.test_xds_live_config import until
from tests.support import http
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

pytestmark = pytest.mark.e2e


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class HttpsUpstream:
    """An HTTPS server whose certificate a CA of the test's own signs; it notes the SNI sent."""

    def __init__(self, directory: Path) -> None:
        now = datetime.now(UTC)
        self.authority = ca.new_authority("测试上游", now)
        issued = ca.issue_server_certificate(self.authority, ["localhost"], now)
        (directory / "upstream.pem").write_text(issued.certificate_pem)
        (directory / "upstream.key").write_text(issued.private_key_pem)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(directory / "upstream.pem", directory / "upstream.key")
        self.server_names: list[str | None] = []
        context.sni_callback = lambda _socket, name, _context: self.server_names.append(name)

        class Handler(_Quiet):
            def do_GET(self) -> None:
                body = json.dumps({"path": self.path, "tls": True}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class MutualTlsUpstream:
    """An HTTPS server that answers only clients presenting a certificate its client CA signs
    (ssl.CERT_REQUIRED); it answers with the common name of the certificate it was shown."""

    def __init__(self, directory: Path, client_ca_pem: str) -> None:
        now = datetime.now(UTC)
        self.authority = ca.new_authority("双向上游", now)
        issued = ca.issue_server_certificate(self.authority, ["localhost"], now)
        (directory / "mutual.pem").write_text(issued.certificate_pem)
        (directory / "mutual.key").write_text(issued.private_key_pem)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(directory / "mutual.pem", directory / "mutual.key")
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(cadata=client_ca_pem)

        class Handler(_Quiet):
            def do_GET(self) -> None:
                peer = self.connection.getpeercert()  # type: ignore[attr-defined]
                names = dict(pair[0] for pair in peer["subject"])
                body = json.dumps({"client": names["commonName"]}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def edge_certificate(authority: ca.Authority, name: str) -> ca.IssuedCertificate:
    """A client certificate (and its key) for the edge, named `name`."""
    now = datetime.now(UTC)
    return ca.issue_client_certificate(
        authority,
        channel_id=str(uuid.uuid4()),
        channel_code=name,
        credential_id=str(uuid.uuid4()),
        not_after=now + timedelta(days=30),
        now=now,
    )


@dataclass
class FlakyUpstream:
    """Resets the connection of each request's first attempt; answers the ones after it.

    An attempt is known by its x-request-id, which Envoy keeps across the retries of one call.
    """

    attempts: list[tuple[str, str]] = field(default_factory=list)
    listener: socket.socket = field(default_factory=socket.socket)

    def __post_init__(self) -> None:
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = int(self.listener.getsockname()[1])
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while True:
                connection, _ = self.listener.accept()
                threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = connection.recv(65536)
                if not chunk:
                    return
                data += chunk
            head = data.split(b"\r\n\r\n", 1)[0].decode("latin-1").split("\r\n")
            method = head[0].split(" ", 1)[0]
            headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
            request_id = headers.get("x-request-id", "")
            with self.lock:
                first = all(seen != request_id for _, seen in self.attempts)
                self.attempts.append((method, request_id))
            if first:
                # RST instead of FIN: the upstream dropped the request mid-way.
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                return
            connection.sendall(
                b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\n"
                b'connection: close\r\n\r\n{"ok":true}'
            )

    def methods(self) -> list[str]:
        with self.lock:
            return [method for method, _ in self.attempts]

    def close(self) -> None:
        self.listener.close()


class HeldUpstream:
    """Holds each request until released: a slow upstream whose slowness the test controls."""

    def __init__(self) -> None:
        self.entered = threading.Event()
        self.release = threading.Event()
        outer = self

        class Handler(_Quiet):
            def do_GET(self) -> None:
                outer.entered.set()
                outer.release.wait(timeout=20)
                self.send_response(200)
                self.send_header("content-length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = int(self.server.server_address[1])
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


class Staff:
    """A channel with a token, and the catalogue as the administrator sees it."""

    def __init__(self, platform: LocalPlatform) -> None:
        self.platform = platform
        self.identity = platform.grpc_channel("identity")
        self.registry = platform.grpc_channel("registry")
        self.admin = admin_metadata(self.identity)
        self.catalog = rg.CatalogServiceStub(self.registry)
        channels = idg.ChannelServiceStub(self.identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code="app-up", name="上游策略", type=idp.CHANNEL_TYPE_HOSPITAL_APP
                )
            ),
            metadata=self.admin,
        ).channel
        issued = channels.CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
            ),
            metadata=self.admin,
        )
        self.channel = (channel.channel_id, channel.code)
        self.credential = (issued.credential.client_id, issued.client_secret)
        self.token = ""

    def upstream(self, name: str, port: int, **fields: Any) -> rp.Upstream:
        return self.catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name=name, endpoints=[rp.Endpoint(host="127.0.0.1", port=port)], **fields
                )
            ),
            metadata=self.admin,
        ).upstream

    def api(
        self, upstream: rp.Upstream, code: str, method: int, path: str, target: str
    ) -> rp.ApiService:
        """Create, grant to the channel, and publish."""
        service = self.catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code=code,
                    name=code,
                    category="other",
                    method=method,  # type: ignore[arg-type]
                    path=path,
                    upstream_id=upstream.upstream_id,
                    upstream_path=target,
                )
            ),
            metadata=self.admin,
        ).api_service
        grant(self.registry, self.admin, *self.channel, service.api_service_id)
        return self.catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id),
            metadata=self.admin,
        ).api_service

    def sign_in(self) -> None:
        client_id, secret = self.credential
        status, _, body = http(
            "POST",
            f"{self.url}/oauth2/token",
            body=f"grant_type=client_credentials&client_id={client_id}&client_secret={secret}".encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert status == 200, body
        self.token = json.loads(body)["access_token"]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.platform.channel_port}"

    def call(self, method: str, path: str) -> tuple[int, bytes]:
        status, _, body = self.exchange(method, path)
        return status, body

    def exchange(self, method: str, path: str) -> tuple[int, dict[str, str], bytes]:
        return http(
            method,
            f"{self.url}{path}",
            body=b"{}" if method == "POST" else None,
            headers={"authorization": f"Bearer {self.token}", "content-type": "application/json"},
        )


@dataclass
class Upstreams:
    https: HttpsUpstream
    flaky: FlakyUpstream
    held: HeldUpstream
    tls_upstream_id: str
    secure_api_id: str


@pytest.fixture
def edge(backends: LocalPlatform, tmp_path: Path) -> Iterator[tuple[Staff, Upstreams]]:
    staff = Staff(backends)
    https, flaky, held = HttpsUpstream(tmp_path), FlakyUpstream(), HeldUpstream()
    try:
        secure = staff.upstream(
            "secure",
            https.port,
            tls=True,
            tls_server_name="localhost",
            tls_ca_certificate_pem=https.authority.certificate_pem,
        )
        ping = staff.api(secure, "secure.ping", rp.HTTP_METHOD_GET, "/v1/secure/ping", "/ping")
        flaky_upstream = staff.upstream(
            "flaky", flaky.port, retry_policy=rp.RetryPolicy(max_retries=2)
        )
        staff.api(flaky_upstream, "flaky.read", rp.HTTP_METHOD_GET, "/v1/flaky", "/read")
        staff.api(flaky_upstream, "flaky.write", rp.HTTP_METHOD_POST, "/v1/flaky", "/write")
        slow = staff.upstream("slow", held.port, circuit_breaker=rp.CircuitBreaker(max_requests=1))
        staff.api(slow, "slow.read", rp.HTTP_METHOD_GET, "/v1/slow", "/slow")
        backends.start_edge()
        backends.wait_until_edge_knows(staff.channel[0])
        staff.sign_in()
        yield staff, Upstreams(https, flaky, held, secure.upstream_id, ping.api_service_id)
    finally:
        for server in (https, flaky, held):
            server.close()
        staff.identity.close()
        staff.registry.close()


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_tls_upstream_is_called_over_verified_tls(edge: tuple[Staff, Upstreams]) -> None:
    staff, upstreams = edge
    status, body = staff.call("GET", "/v1/secure/ping")
    assert status == 200, body
    assert json.loads(body) == {"path": "/ping", "tls": True}
    assert "localhost" in upstreams.https.server_names  # the configured name went as SNI

    # Trusting another CA, the edge refuses the same server rather than call it unverified.
    other = ca.new_authority("别的CA", datetime.now(UTC)).certificate_pem
    staff.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=upstreams.tls_upstream_id,
            upstream=rp.Upstream(tls_ca_certificate_pem=other),
            update_mask={"paths": ["tls_ca_certificate_pem"]},
        ),
        metadata=staff.admin,
    )

    def refused() -> tuple[int, bytes] | None:
        answer = staff.call("GET", "/v1/secure/ping")
        return answer if answer[0] != 200 else None

    (status, body), _ = until(refused, timeout=15, what="the edge to take the other CA")
    assert status == 503, body


DEPRECATION_HEADERS = ("deprecation", "sunset", "link")


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_deprecated_api_announces_it_and_its_sunset(edge: tuple[Staff, Upstreams]) -> None:
    staff, upstreams = edge
    status, headers, _ = staff.exchange("GET", "/v1/secure/ping")
    assert status == 200
    assert not set(DEPRECATION_HEADERS) & set(headers)  # published: nothing announced

    sunset = datetime(2027, 6, 30, 16, 0, tzinfo=UTC)
    when = timestamp_pb2.Timestamp()
    when.FromDatetime(sunset)
    deprecated = staff.catalog.DeprecateApiService(
        rp.DeprecateApiServiceRequest(
            api_service_id=upstreams.secure_api_id,
            sunset_time=when,
            comment="use secure.ping v2",
            deprecation_link="https://developer.example-hospital.cn/apis/secure.ping/v2",
        ),
        metadata=staff.admin,
    ).api_service
    assert deprecated.deprecation_link.endswith("/v2")

    def announced() -> dict[str, str] | None:
        status, headers, body = staff.exchange("GET", "/v1/secure/ping")
        assert status == 200, body  # still routable
        return headers if "deprecation" in headers else None

    headers, _ = until(announced, timeout=15, what="the edge to announce the deprecation")
    since = int(deprecated.deprecate_time.ToDatetime(UTC).timestamp())
    assert headers["deprecation"] == f"@{since}"  # RFC 9745
    assert headers["sunset"] == "Wed, 30 Jun 2027 16:00:00 GMT"  # RFC 8594
    assert headers["link"] == (
        '<https://developer.example-hospital.cn/apis/secure.ping/v2>; rel="deprecation"; '
        'type="text/html"'
    )
    # Other APIs, published, announce nothing.
    status, headers, _ = staff.exchange("GET", "/v1/flaky")
    assert status == 200
    assert not set(DEPRECATION_HEADERS) & set(headers)


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_a_reset_get_is_retried_and_a_post_is_not(edge: tuple[Staff, Upstreams]) -> None:
    staff, upstreams = edge
    status, body = staff.call("GET", "/v1/flaky")
    assert (status, body) == (200, b'{"ok":true}')
    assert upstreams.flaky.methods() == ["GET", "GET"]  # reset once, answered on the retry

    status, body = staff.call("POST", "/v1/flaky")
    assert status == 503, body
    # Sent once: a booking must not be made twice because a connection dropped.
    assert upstreams.flaky.methods() == ["GET", "GET", "POST"]


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_the_circuit_breaker_sheds_calls_beyond_its_limit(edge: tuple[Staff, Upstreams]) -> None:
    staff, upstreams = edge
    held = upstreams.held
    with ThreadPoolExecutor(max_workers=4) as pool:
        first = pool.submit(staff.call, "GET", "/v1/slow")
        assert held.entered.wait(timeout=15), "the first call never reached the upstream"
        # One request is in flight and the limit is one: the others are answered by the edge.
        others = list(pool.map(lambda _: staff.call("GET", "/v1/slow"), range(3)))
        held.release.set()
        assert first.result(timeout=15) == (200, b"ok")
    assert [status for status, _ in others] == [503, 503, 503]
    for _, body in others:
        # Refused by the circuit breaker, not by an upstream failure.
        assert (
            json.loads(body)["error"]["code"] == "upstream_reset_before_response_started{overflow}"
        )
    # Once the slow call is done, calls go through again.
    assert staff.call("GET", "/v1/slow") == (200, b"ok")


@pytest.mark.parametrize("backends", ["sqlite"], indirect=True)
def test_an_upstream_requiring_a_client_certificate_gets_the_configured_one(
    backends: LocalPlatform, tmp_path: Path
) -> None:
    clients = ca.new_authority("上游信任的客户端CA", datetime.now(UTC))
    strangers = ca.new_authority("上游不认识的CA", datetime.now(UTC))
    upstream = MutualTlsUpstream(tmp_path, clients.certificate_pem)
    staff = Staff(backends)
    try:
        mutual = staff.upstream(
            "mutual",
            upstream.port,
            tls=True,
            tls_server_name="localhost",
            tls_ca_certificate_pem=upstream.authority.certificate_pem,
        )
        staff.api(mutual, "mutual.ping", rp.HTTP_METHOD_GET, "/v1/mutual/ping", "/ping")
        backends.start_edge()
        backends.wait_until_edge_knows(staff.channel[0])
        staff.sign_in()

        # Without a client certificate the upstream ends the handshake: the edge answers 503.
        status, body = staff.call("GET", "/v1/mutual/ping")
        assert status == 503, body

        keys: list[str] = []

        def present(issued: ca.IssuedCertificate) -> rp.Upstream:
            keys.append(issued.private_key_pem.strip().splitlines()[1])
            return staff.catalog.UpdateUpstream(
                rp.UpdateUpstreamRequest(
                    upstream_id=mutual.upstream_id,
                    upstream=rp.Upstream(
                        tls_client_certificate_pem=issued.certificate_pem,
                        tls_client_private_key_pem=issued.private_key_pem,
                    ),
                    update_mask={
                        "paths": ["tls_client_certificate_pem", "tls_client_private_key_pem"]
                    },
                ),
                metadata=staff.admin,
            ).upstream

        def answered(expected: int) -> Callable[[], tuple[int, bytes] | None]:
            def probe() -> tuple[int, bytes] | None:
                answer = staff.call("GET", "/v1/mutual/ping")
                return answer if answer[0] == expected else None

            return probe

        first = present(edge_certificate(clients, "wailian-edge-1"))
        assert first.tls_client_private_key_set
        assert first.tls_client_certificate_info.subject.startswith("CN=wailian-edge-1")
        (_, body), _ = until(answered(200), timeout=15, what="the edge to present it")
        assert json.loads(body) == {"client": "wailian-edge-1"}

        # Rotation, with Envoy running all along: a certificate the upstream does not trust
        # is refused by it, and the next trusted one is accepted.
        present(edge_certificate(strangers, "wailian-edge-stranger"))
        (status, body), _ = until(answered(503), timeout=15, what="the untrusted certificate")
        present(edge_certificate(clients, "wailian-edge-2"))
        (_, body), _ = until(answered(200), timeout=15, what="the rotated certificate")
        assert json.loads(body) == {"client": "wailian-edge-2"}

        # No key, in no answer nor in registry's log: the upstream, the snapshot as staff read
        # it, and the diff that rotated it.
        config = eg.EdgeConfigServiceStub(staff.registry)
        latest = config.ListConfigSnapshots(
            ep.ListConfigSnapshotsRequest(page_size=5), metadata=staff.admin
        ).snapshots[0]
        answers = [
            staff.catalog.GetUpstream(
                rp.GetUpstreamRequest(upstream_id=mutual.upstream_id), metadata=staff.admin
            ),
            staff.catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=staff.admin),
            config.GetConfigSnapshot(
                ep.GetConfigSnapshotRequest(snapshot_id=latest.snapshot_id), metadata=staff.admin
            ),
            config.DiffConfigSnapshots(
                ep.DiffConfigSnapshotsRequest(snapshot_id=latest.snapshot_id),
                metadata=staff.admin,
            ),
        ]
        log = (backends.logs / "registry.log").read_text()
        for key in keys:
            assert all(key not in str(answer) for answer in answers)
            assert key not in log
        assert "PRIVATE KEY" not in log

        # Removed: the upstream refuses the edge again, and the node stays in sync (it no
        # longer asks for the secret, and is not counted behind for it).
        staff.catalog.UpdateUpstream(
            rp.UpdateUpstreamRequest(
                upstream_id=mutual.upstream_id,
                upstream=rp.Upstream(),
                update_mask={"paths": ["tls_client_certificate_pem"]},
            ),
            metadata=staff.admin,
        )
        until(answered(503), timeout=15, what="the edge to drop the certificate")

        def in_sync() -> ep.EdgeNode | None:
            listing = config.ListEdgeNodes(ep.ListEdgeNodesRequest(), metadata=staff.admin)
            (node,) = listing.nodes
            return node if node.in_sync else None

        def current() -> int:
            listing = config.ListConfigSnapshots(
                ep.ListConfigSnapshotsRequest(page_size=1), metadata=staff.admin
            )
            return listing.snapshots[0].version

        node, _ = until(in_sync, timeout=15, what="the node to be in sync without the secret")
        assert node.acked_version == current()
        # And after a later change too.
        staff.catalog.UpdateUpstream(
            rp.UpdateUpstreamRequest(
                upstream_id=mutual.upstream_id,
                upstream=rp.Upstream(request_timeout={"seconds": 9}),
                update_mask={"paths": ["request_timeout"]},
            ),
            metadata=staff.admin,
        )
        later = current()

        def took_it() -> ep.EdgeNode | None:
            node = in_sync()
            return node if node is not None and node.acked_version == later else None

        until(took_it, timeout=15, what="the node to take the next change")
    finally:
        upstream.close()
        staff.identity.close()
        staff.registry.close()
