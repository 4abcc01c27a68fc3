"""The real edge Envoy, as channels and the console see it, in front of local test upstreams."""

from __future__ import annotations

import base64
import http.client
import json
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent import futures
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import grpc
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from envoy.service.accesslog.v3 import als_pb2, als_pb2_grpc
from google.api import httpbody_pb2
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2
from grpc_status import rpc_status

from deploy.envoy.command import envoy_command
from deploy.envoy.config import (
    AccessLog,
    ApiRoute,
    BindAddress,
    ChannelJwt,
    EdgeConfig,
    Endpoint,
    Upstream,
    build_bare_proxy_bootstrap,
    build_direct_response_bootstrap,
    build_edge_bootstrap,
    dump_yaml,
)
from deploy.envoy.descriptors import wailian_services

REPO = Path(__file__).resolve().parents[2]
DESCRIPTOR_SET = REPO / "build" / "wailian.pb"
BACKENDS = ("identity", "registry", "payment", "publishing", "monitor")
CHANNEL_ID = "ch-3f2a"
CHANNEL_CODE = "alipay-health"
KEY_ID = "edge-test"


# --- a compact ES256 JWS signer, enough to mint the tokens the identity service would issue ---


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(key: ec.EllipticCurvePrivateKey) -> dict[str, str]:
    numbers = key.public_key().public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "alg": "ES256",
        "use": "sig",
        "kid": KEY_ID,
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
    }


def sign_es256(key: ec.EllipticCurvePrivateKey, claims: dict[str, Any]) -> str:
    header = b64url(json.dumps({"alg": "ES256", "typ": "JWT", "kid": KEY_ID}).encode())
    payload = b64url(json.dumps(claims).encode())
    signing_input = f"{header}.{payload}".encode()
    r, s = decode_dss_signature(key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    return f"{header}.{payload}.{b64url(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def channel_claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {
        "iss": "wailian-identity",
        "aud": "wailian-channel",
        "sub": CHANNEL_ID,
        "channel_code": CHANNEL_CODE,
        "iat": now,
        "exp": now + 600,
    }
    claims.update(changes)
    return claims


# --- test upstreams ---


class EchoHandler(BaseHTTPRequestHandler):
    """Answers with the request it received: method, path and headers (as a list of pairs)."""

    protocol_version = "HTTP/1.1"

    def _echo(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        if length:
            self.rfile.read(length)
        if "slow" in self.path:
            time.sleep(0.3)
        body = json.dumps(
            {
                "method": self.command,
                "path": self.path,
                "headers": [[name.lower(), value] for name, value in self.headers.items()],
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _echo

    def log_message(self, format: str, *args: Any) -> None:
        pass


class MonitorLogService(als_pb2_grpc.AccessLogServiceServicer):
    """Stores what Envoy streams to the monitor's gRPC access log service."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Any]] = []
        self._lock = threading.Lock()

    def StreamAccessLogs(
        self, request_iterator: Iterator[als_pb2.StreamAccessLogsMessage], context: Any
    ) -> als_pb2.StreamAccessLogsResponse:
        log_name = ""
        for message in request_iterator:
            if message.HasField("identifier"):
                log_name = message.identifier.log_name
            with self._lock:
                self.entries.extend((log_name, entry) for entry in message.http_logs.log_entry)
        return als_pb2.StreamAccessLogsResponse()


def issue_channel_token(request: bytes, context: grpc.ServicerContext) -> bytes:
    """Stands in for identity: answers with the metadata names the edge let through."""
    names = sorted(name for name, _ in context.invocation_metadata())
    body = json.dumps({"access_token": "opaque", "metadata": names}).encode()
    return httpbody_pb2.HttpBody(content_type="application/json", data=body).SerializeToString()


def list_merchants(request: bytes, context: grpc.ServicerContext) -> bytes:
    """Stands in for payment: refuses with INVALID_ARGUMENT and a BadRequest detail."""
    violation = error_details_pb2.BadRequest.FieldViolation(field="page_size", description="> 500")
    detail = any_pb2.Any()
    detail.Pack(error_details_pb2.BadRequest(field_violations=[violation]))
    status = status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT, message="page_size is too large", details=[detail]
    )
    context.abort_with_status(rpc_status.to_status(status))
    raise AssertionError("abort_with_status returns only by raising")


def create_upstream(request: bytes, context: grpc.ServicerContext) -> bytes:
    """Stands in for registry. Implemented, it waits for the request message as the real one
    does; an unknown method would be refused at once, racing the transcoder's own 400."""
    return b""


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def upstream_header(self, name: str) -> list[str]:
        """Values of a header the echo upstream received."""
        return [value for key, value in self.json()["headers"] if key == name]


@dataclass
class Edge:
    channel_port: int
    console_port: int
    access_log: Path
    monitor: MonitorLogService
    key: ec.EllipticCurvePrivateKey

    def channel(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Reply:
        return http_request(self.channel_port, method, path, headers or {}, body)

    def console(
        self, method: str, path: str, headers: dict[str, str] | None = None, body: bytes = b""
    ) -> Reply:
        return http_request(self.console_port, method, path, headers or {}, body)

    def bearer(self, **changes: Any) -> dict[str, str]:
        return {"authorization": f"Bearer {sign_es256(self.key, channel_claims(**changes))}"}


def http_request(port: int, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, path, skip_accept_encoding=True)
        for name, value in headers.items():
            connection.putheader(name, value)
        if body or method == "POST":
            connection.putheader("content-length", str(len(body)))
        connection.endheaders(body or None)
        response = connection.getresponse()
        return Reply(response.status, response.headers, response.read())
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_ready(process: subprocess.Popen[bytes], admin_port: int, log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"Envoy exited with {process.returncode}:\n{log.read_text()}")
        try:
            if http_request(admin_port, "GET", "/ready", {}, b"").status == 200:
                return
        except OSError:
            pass  # not listening yet
        time.sleep(0.05)
    pytest.fail(f"Envoy was not ready within 30 s:\n{log.read_text()}")


def poll(condition: Any, what: str, seconds: float = 15) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    pytest.fail(f"{what} did not happen within {seconds} s")


@contextmanager
def running_envoy(bootstrap: dict[str, Any], directory: Path, admin_port: int) -> Iterator[None]:
    config_path = directory / "envoy.yaml"
    config_path.write_text(dump_yaml(bootstrap))
    log = directory / "envoy.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            envoy_command(config_path, base_id=admin_port, concurrency=1),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_ready(process, admin_port, log)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def echo_server() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), EchoHandler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def grpc_backends(monitor: MonitorLogService) -> Iterator[int]:
    """One gRPC server standing in for every platform service the tests call."""
    executor = futures.ThreadPoolExecutor(max_workers=8)
    server = grpc.server(executor)
    server.add_generic_rpc_handlers(
        [
            grpc.method_handlers_generic_handler(
                "wailian.identity.v1.ChannelTokenService",
                {"IssueChannelToken": grpc.unary_unary_rpc_method_handler(issue_channel_token)},
            ),
            grpc.method_handlers_generic_handler(
                "wailian.registry.v1.CatalogService",
                {"CreateUpstream": grpc.unary_unary_rpc_method_handler(create_upstream)},
            ),
            grpc.method_handlers_generic_handler(
                "wailian.payment.v1.MerchantService",
                {"ListMerchants": grpc.unary_unary_rpc_method_handler(list_merchants)},
            ),
        ]
    )
    als_pb2_grpc.add_AccessLogServiceServicer_to_server(monitor, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        yield port
    finally:
        server.stop(grace=None).wait(timeout=10)
        executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def edge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Edge]:
    if not DESCRIPTOR_SET.is_file():
        pytest.fail(f"{DESCRIPTOR_SET} is missing: run `make build/wailian.pb`")
    directory = tmp_path_factory.mktemp("edge")
    key = ec.generate_private_key(ec.SECP256R1())
    monitor = MonitorLogService()
    channel_port, console_port, admin_port = free_port(), free_port(), free_port()
    access_log = directory / "channel-access.jsonl"
    services = wailian_services(DESCRIPTOR_SET)
    backends = set(BACKENDS) | {service.split(".")[1] for service in services}
    with echo_server() as echo_port, grpc_backends(monitor) as grpc_port:
        config = EdgeConfig(
            channel_listener=BindAddress("127.0.0.1", channel_port),
            console_listener=BindAddress("127.0.0.1", console_port),
            admin_port=admin_port,
            backends={name: Endpoint("127.0.0.1", grpc_port) for name in backends},
            http_backends={"identity": Endpoint("127.0.0.1", echo_port)},
            web=Endpoint("localhost", echo_port),
            descriptor_set=DESCRIPTOR_SET,
            grpc_services=services,
            jwt=ChannelJwt(jwks=json.dumps({"keys": [public_jwk(key)]})),
            api_routes=(
                ApiRoute("his.departments.list", "GET", "/his/departments", "his", "/api/depts"),
                ApiRoute(
                    "his.doctors.get",
                    "GET",
                    "/his/departments/{department_id}/doctors/{doctor_id}",
                    "his",
                    "/api/doctors/{doctor_id}/of/{department_id}",
                ),
                ApiRoute("his.slow", "GET", "/his/slow", "his"),
            ),
            upstreams=(Upstream("his", (Endpoint("127.0.0.1", echo_port),)),),
            access_log=AccessLog(access_log),
        )
        with running_envoy(build_edge_bootstrap(config), directory, admin_port):
            yield Edge(channel_port, console_port, access_log, monitor, key)


def assert_json_error(reply: Reply, status: int) -> dict[str, Any]:
    assert reply.status == status, reply.body
    assert reply.headers["content-type"] == "application/json"
    error = reply.json()["error"]
    assert error["status"] == status
    assert error["code"]
    request_id = reply.headers["x-request-id"]
    assert request_id
    assert error["request_id"] == request_id
    return error


# --- channel listener ---


def test_a_valid_token_reaches_the_upstream_as_the_channel_it_names(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments?page=2", edge.bearer())
    assert reply.status == 200, reply.body
    assert reply.upstream_header("x-wailian-channel-id") == [CHANNEL_ID]
    assert reply.upstream_header("x-wailian-channel-code") == [CHANNEL_CODE]
    assert reply.upstream_header("authorization") == [], "the token is not forwarded"
    assert reply.json()["path"] == "/api/depts?page=2"


def test_a_template_path_is_rewritten_with_its_variables(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments/cardio/doctors/d-17?full=1", edge.bearer())
    assert reply.status == 200, reply.body
    assert reply.json()["path"] == "/api/doctors/d-17/of/cardio?full=1"


@pytest.mark.parametrize("with_token", [True, False], ids=["with token", "without token"])
def test_client_sent_channel_identity_never_reaches_the_upstream(
    edge: Edge, with_token: bool
) -> None:
    forged = {
        "x-wailian-channel-id": "ch-victim",
        "x-wailian-channel-code": "victim",
        "X-Wailian-Caller": "console-admin",
    }
    if with_token:
        reply = edge.channel(
            "GET",
            "/his/departments",
            forged | {"x-wailian-public-path": "/forged"} | edge.bearer(),
        )
        assert reply.status == 200, reply.body
        assert reply.upstream_header("x-wailian-public-path") == ["/his/departments"]
        assert reply.upstream_header("x-wailian-channel-id") == [CHANNEL_ID]
        assert reply.upstream_header("x-wailian-channel-code") == [CHANNEL_CODE]
        assert reply.upstream_header("x-wailian-caller") == []
    else:
        refused = edge.channel("GET", "/his/departments", forged)
        assert_json_error(refused, 401)
        # The token endpoint is open to anonymous callers: the forged headers must not pass.
        # The echo server stands in for identity's HTTP port here.
        reply = edge.channel(
            "POST",
            "/oauth2/token",
            forged | {"content-type": "application/x-www-form-urlencoded"},
            b"grant_type=client_credentials",
        )
        assert reply.status == 200, reply.body
        assert reply.json()["path"] == "/edge/oauth2/token"
        names = [name for name, _ in reply.json()["headers"]]
        assert not [name for name in names if name in {k.lower() for k in forged}]
        # The only x-wailian- header identity sees is the one the edge itself sets.
        assert [name for name in names if name.startswith("x-wailian-")] == [
            "x-wailian-public-path"
        ]
        assert reply.upstream_header("x-wailian-public-path") == ["/oauth2/token"]


def test_a_token_without_a_channel_code_cannot_be_completed_by_the_client(edge: Edge) -> None:
    token = sign_es256(edge.key, {k: v for k, v in channel_claims().items() if k != "channel_code"})
    reply = edge.channel(
        "GET",
        "/his/departments",
        {"authorization": f"Bearer {token}", "x-wailian-channel-code": "forged"},
    )
    assert reply.status == 200, reply.body
    assert reply.upstream_header("x-wailian-channel-id") == [CHANNEL_ID]
    assert reply.upstream_header("x-wailian-channel-code") == []


@pytest.mark.parametrize(
    ("header", "value"),
    [
        ("x-envoy-upstream-rq-timeout-ms", "1"),
        ("x-envoy-retry-on", "5xx,reset"),
        ("x-envoy-max-retries", "10"),
        ("x-envoy-original-path", "/admin"),
        ("x-envoy-internal", "true"),
    ],
)
def test_client_sent_envoy_headers_are_neither_trusted_nor_forwarded(
    edge: Edge, header: str, value: str
) -> None:
    # /his/slow answers after 300 ms: a trusted 1 ms upstream timeout would turn it into 504.
    reply = edge.channel("GET", "/his/slow", {header: value} | edge.bearer())
    assert reply.status == 200, reply.body
    assert reply.upstream_header(header) == []


def test_responses_do_not_reveal_envoy(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments", edge.bearer())
    assert reply.status == 200
    assert reply.headers["server"] == "wailian"
    assert not [name for name in reply.headers if name.lower().startswith("x-envoy-")]


def test_a_header_with_an_underscore_is_rejected(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments", {"x_channel_id": "ch-victim"} | edge.bearer())
    assert reply.status == 400
    assert reply.headers["content-type"] == "application/json"
    assert reply.json()["error"]["status"] == 400


def test_an_encoded_slash_in_the_path_is_rejected(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments/a%2Fb/doctors/d-1", edge.bearer())
    assert reply.status == 400
    assert reply.json()["error"]["status"] == 400


def test_a_missing_token_gets_401_json_with_the_request_id(edge: Edge) -> None:
    error = assert_json_error(edge.channel("GET", "/his/departments"), 401)
    assert error["message"] == "Jwt is missing"


@pytest.mark.parametrize(
    "claims",
    [
        {"exp": int(time.time()) - 3600},
        {"aud": "wailian-console"},
        {"iss": "someone-else"},
    ],
    ids=["expired", "wrong audience", "wrong issuer"],
)
def test_an_invalid_token_gets_401(edge: Edge, claims: dict[str, Any]) -> None:
    assert_json_error(edge.channel("GET", "/his/departments", edge.bearer(**claims)), 401)


def test_a_token_signed_by_another_key_gets_401(edge: Edge) -> None:
    stranger = ec.generate_private_key(ec.SECP256R1())
    token = sign_es256(stranger, channel_claims())
    reply = edge.channel("GET", "/his/departments", {"authorization": f"Bearer {token}"})
    assert_json_error(reply, 401)


def test_a_token_with_a_changed_subject_gets_401(edge: Edge) -> None:
    header, _, signature = sign_es256(edge.key, channel_claims()).split(".")
    forged_payload = b64url(json.dumps(channel_claims(sub="ch-victim")).encode())
    reply = edge.channel(
        "GET",
        "/his/departments",
        {"authorization": f"Bearer {header}.{forged_payload}.{signature}"},
    )
    assert_json_error(reply, 401)


@pytest.mark.parametrize("with_token", [True, False], ids=["with token", "without token"])
def test_an_unknown_path_gets_404_json(edge: Edge, with_token: bool) -> None:
    headers = edge.bearer() if with_token else {}
    error = assert_json_error(edge.channel("GET", "/his/nothing-here", headers), 404)
    assert error["code"] == "route_not_found"


def test_a_known_path_with_another_method_gets_404(edge: Edge) -> None:
    assert_json_error(edge.channel("DELETE", "/his/departments", edge.bearer()), 404)


def test_the_raw_grpc_token_method_is_not_exposed_to_channels(edge: Edge) -> None:
    reply = edge.channel(
        "POST",
        "/wailian.identity.v1.ChannelTokenService/IssueChannelToken",
        {"content-type": "application/json"},
        b"{}",
    )
    assert_json_error(reply, 404)


def test_channel_traffic_is_logged_as_json_lines(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments/icu/doctors/d-2", edge.bearer())
    assert reply.status == 200
    request_id = reply.headers["x-request-id"]

    def logged() -> dict[str, Any] | None:
        if not edge.access_log.exists():
            return None
        lines = [json.loads(line) for line in edge.access_log.read_text().splitlines()]
        return next((line for line in lines if line["request_id"] == request_id), None)

    line = poll(logged, "the access log line")
    assert line["api"] == "his.doctors.get"
    assert line["channel_id"] == CHANNEL_ID
    assert line["channel_code"] == CHANNEL_CODE
    assert line["status"] == 200


def test_the_monitor_receives_the_access_log_with_the_channel(edge: Edge) -> None:
    reply = edge.channel("GET", "/his/departments", edge.bearer())
    assert reply.status == 200
    request_id = reply.headers["x-request-id"]

    def received() -> tuple[str, Any] | None:
        return next(
            (
                (name, entry)
                for name, entry in list(edge.monitor.entries)
                if entry.request.request_id == request_id
            ),
            None,
        )

    log_name, entry = poll(received, "the monitor's access log entry")
    assert log_name == "wailian-channel"
    assert entry.common_properties.route_name == "his.departments.list"
    assert entry.request.request_headers["x-wailian-channel-id"] == CHANNEL_ID
    assert entry.request.request_headers["x-wailian-channel-code"] == CHANNEL_CODE
    assert entry.response.response_code.value == 200


# --- console listener ---


def test_the_console_serves_the_web_application(edge: Edge) -> None:
    reply = edge.console(
        "GET", "/", {"x-wailian-caller": "console-admin", "x-envoy-retry-on": "5xx"}
    )
    assert reply.status == 200, reply.body
    assert reply.json()["path"] == "/"
    assert reply.upstream_header("x-wailian-caller") == []
    assert reply.upstream_header("x-envoy-retry-on") == []


def test_an_unknown_console_api_path_gets_404_json(edge: Edge) -> None:
    error = assert_json_error(edge.console("GET", "/api/registry/v1/nothing-here"), 404)
    assert error["message"] == "no API at this path"


def test_a_grpc_error_reaches_the_console_as_the_services_status(edge: Edge) -> None:
    reply = edge.console("GET", "/api/payment/v1/merchants")
    assert reply.status == 400, reply.body
    assert reply.headers["content-type"] == "application/json"
    status = reply.json()
    assert "error" not in status, "a service's error is not a local reply to rewrite"
    assert status["code"] == code_pb2.INVALID_ARGUMENT
    assert status["message"] == "page_size is too large"
    assert status["details"][0]["fieldViolations"] == [
        {"field": "page_size", "description": "> 500"}
    ]


def test_a_body_the_transcoder_cannot_read_gets_400_json(edge: Edge) -> None:
    reply = edge.console(
        "POST",
        "/api/registry/v1/upstreams",
        {"content-type": "application/json"},
        b"{not json",
    )
    error = assert_json_error(reply, 400)
    assert error["code"].startswith("grpc_json_transcode_failure")


@pytest.mark.parametrize("content_type", ["application/grpc", "application/json"])
def test_raw_grpc_calls_do_not_pass_the_console(edge: Edge, content_type: str) -> None:
    # Five zero bytes: an empty gRPC message frame. Forwarded, it would reach ListMerchants,
    # which answers INVALID_ARGUMENT (grpc-status 3).
    reply = edge.console(
        "POST",
        "/wailian.payment.v1.MerchantService/ListMerchants",
        {"content-type": content_type, "te": "trailers"},
        b"\x00\x00\x00\x00\x00",
    )
    if content_type == "application/grpc":
        # Envoy answers a gRPC caller in gRPC: its 404 becomes UNIMPLEMENTED.
        assert reply.headers["grpc-status"] == str(code_pb2.UNIMPLEMENTED)
    else:
        assert_json_error(reply, 404)


# --- the benchmark's reference Envoys ---


def test_the_bare_proxy_forwards_everything_to_its_upstream(tmp_path: Path) -> None:
    port, admin_port = free_port(), free_port()
    with echo_server() as echo_port:
        upstream = Upstream("echo", (Endpoint("127.0.0.1", echo_port),))
        bootstrap = build_bare_proxy_bootstrap(BindAddress("127.0.0.1", port), admin_port, upstream)
        with running_envoy(bootstrap, tmp_path, admin_port):
            reply = http_request(port, "GET", "/any/path?q=1", {}, b"")
    assert reply.status == 200, reply.body
    assert reply.json()["path"] == "/any/path?q=1"


def test_the_direct_response_envoy_answers_by_itself(tmp_path: Path) -> None:
    port, admin_port = free_port(), free_port()
    bootstrap = build_direct_response_bootstrap(BindAddress("127.0.0.1", port), admin_port)
    with running_envoy(bootstrap, tmp_path, admin_port):
        reply = http_request(port, "POST", "/whatever", {}, b"ignored")
    assert reply.status == 200
    assert reply.headers["content-type"] == "application/json"
    assert reply.json() == {"ok": True}
