"""Service testing on real SQLite and PostgreSQL: registry calls a published API through the
edge as a test channel with the channel's real credentials, judges the answer, and keeps each run.

A local HTTP server stands in for the edge's channel listener here: it issues tokens for the
channel's client credentials and checks WAILIAN-HMAC-SHA256 signatures with identity's reference
code, as the real edge does (the through-Envoy path is the e2e suite's).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import secrets
import ssl
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import grpc
import pytest

from deploy.local.launcher import EdgeTls, edge_tls_files
from services.identity import signature
from tests.integration.conftest import Platform, start_platform
from tests.integration.identity_support import refused, violations
from tests.integration.test_identity_channel_lifecycle import issue, new_channel
from tests.integration.test_identity_vendor_scope import vendor
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import downloads_pb2
from wailian.registry.v1 import downloads_pb2_grpc as dg
from wailian.registry.v1 import testing_pb2 as tp
from wailian.registry.v1 import testing_pb2_grpc as tg

TOKEN = idp.CREDENTIAL_KIND_TOKEN
SIGNED = idp.CREDENTIAL_KIND_SIGNATURE


class StandInEdge:
    """The channel listener's behaviour that testing relies on, with the channels' secrets; and
    a mutual-TLS listener that maps client certificates to channels by their fingerprint."""

    def __init__(self, tls: EdgeTls) -> None:
        self.secrets: dict[str, str] = {}
        self.tokens: set[str] = set()
        self.fingerprints: set[str] = set()
        self.seen: list[dict[str, Any]] = []
        self.tls = tls
        edge = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _answer(self, status: int, body: dict[str, Any], request_id: str) -> None:
                raw = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("x-request-id", request_id)
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                request_id = f"req-{uuid.uuid4().hex[:12]}"
                target = urlsplit(self.path)
                if target.path == "/oauth2/token":
                    form = dict(parse_qsl(body.decode()))
                    client = form.get("client_id", "")
                    if edge.secrets.get(client) != form.get("client_secret"):
                        self._answer(401, {"error": "invalid_client"}, request_id)
                        return
                    token = secrets.token_urlsafe(16)
                    edge.tokens.add(token)
                    self._answer(200, {"access_token": token, "expires_in": 900}, request_id)
                    return
                if not edge._authorized(self.headers.get("Authorization", ""), self, body):
                    error = {"status": 401, "code": "ext_authz_denied", "request_id": request_id}
                    self._answer(401, {"error": error}, request_id)
                    return
                edge.seen.append(
                    {
                        "method": self.command,
                        "path": target.path,
                        "query": target.query,
                        "body": body.decode(),
                        "trace": self.headers.get("X-Trace", ""),
                    }
                )
                departments = [{"deptCode": "0101", "deptName": "心内科"}]
                self._answer(200, {"code": 0, "data": departments}, request_id)

            do_GET = do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # Client certificates are asked for once the channel CA is known (trust_channel_ca).
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(tls.certificate, tls.private_key)
        self.mtls_server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.mtls_server.socket = self.context.wrap_socket(
            self.mtls_server.socket, server_side=True
        )
        self.mtls_url = f"https://127.0.0.1:{self.mtls_server.server_address[1]}"
        for server in (self.server, self.mtls_server):
            threading.Thread(target=server.serve_forever, daemon=True).start()

    def trust_channel_ca(self, ca_certificate_pem: str) -> None:
        self.context.load_verify_locations(cadata=ca_certificate_pem)
        self.context.verify_mode = ssl.CERT_REQUIRED

    def _authorized(self, header: str, handler: BaseHTTPRequestHandler, body: bytes) -> bool:
        if isinstance(handler.connection, ssl.SSLSocket) and not header:
            presented = handler.connection.getpeercert(binary_form=True) or b""
            return hashlib.sha256(presented).hexdigest() in self.fingerprints
        if header.startswith("Bearer "):
            return header.removeprefix("Bearer ") in self.tokens
        try:
            signed = signature.parse_authorization(header)
        except ValueError:
            return False
        secret = self.secrets.get(signed.client_id)
        path, _, query = handler.path.partition("?")
        to_sign = signature.string_to_sign(
            handler.command, path, query, signed.timestamp_text, signed.nonce, body
        )
        return secret is not None and signature.signature_matches(secret, signed.signature, to_sign)

    def close(self) -> None:
        for server in (self.server, self.mtls_server):
            server.shutdown()
            server.server_close()


@pytest.fixture
def edge(tmp_path: Path) -> Iterator[StandInEdge]:
    stand_in = StandInEdge(edge_tls_files(tmp_path / "tls"))
    yield stand_in
    stand_in.close()


@pytest.fixture(params=["sqlite", "postgres"])
def platform(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    edge: StandInEdge,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Platform]:
    """Identity and registry, registry pointed at the stand-in edge."""
    monkeypatch.setenv("WAILIAN_REGISTRY_EDGE_URL", edge.url)
    monkeypatch.setenv("WAILIAN_REGISTRY_EDGE_MTLS_URL", edge.mtls_url)
    monkeypatch.setenv("WAILIAN_REGISTRY_EDGE_CA_FILE", str(edge.tls.ca_certificate))
    services = ("identity", "registry")
    if request.param == "sqlite":
        yield from start_platform(
            tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=services
        )
        return
    urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(
        tmp_path, urls.__getitem__, request.getfixturevalue("redis_url"), services=services
    )


def _testing(platform: Platform) -> tg.ServiceTestingServiceStub:
    return tg.ServiceTestingServiceStub(platform.channel("registry"))


def _published(platform: Platform, tag: str, publish: bool = True) -> rp.ApiService:
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
                code=f"his.slots.{tag}",
                name="号源查询",
                category="appointment",
                method=rp.HTTP_METHOD_POST,
                path=f"/v1/{tag}/doctors/{{doctor_id}}/slots",
                upstream_id=upstream.upstream_id,
                request_example='{"date": "2026-12-01"}',
                response_schema=json.dumps(
                    {
                        "type": "object",
                        "required": ["code", "data"],
                        "properties": {"code": {"type": "integer"}, "data": {"type": "array"}},
                    }
                ),
                parameters=[
                    rp.ApiParameter(
                        name="doctor_id",
                        location=rp.PARAMETER_LOCATION_PATH,
                        type="string",
                        required=True,
                        example="D01",
                    ),
                    rp.ApiParameter(
                        name="lang",
                        location=rp.PARAMETER_LOCATION_QUERY,
                        type="string",
                        example="zh CN",
                    ),
                ],
            )
        ),
        metadata=admin,
    ).api_service
    if publish:
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
        )
    return service


def _test_channel(
    platform: Platform, edge: StandInEdge, kind: int, **fields: Any
) -> tuple[idp.Channel, tp.TestCredential]:
    """A sandbox channel with one credential of `kind`, whose secret the stand-in edge knows."""
    channel = new_channel(platform, sandbox=True, **fields)
    issued = issue(platform, channel.channel_id, kind)
    edge.secrets[issued.credential.client_id] = issued.client_secret
    credential = tp.TestCredential(
        client_id=issued.credential.client_id, client_secret=issued.client_secret
    )
    return channel, credential


def _request(tag: str, **fields: Any) -> tp.TestRequest:
    values: dict[str, Any] = {
        "method": rp.HTTP_METHOD_POST,
        "path": f"/v1/{tag}/doctors/D01/slots",
        "query": [tp.QueryParameter(name="lang", value="zh CN")],
        "headers": [tp.HttpHeader(name="X-Trace", value="joint-test-1")],
        "body": '{"date": "2026-12-01"}',
    }
    values.update(fields)
    return tp.TestRequest(**values)


CHECKS = [
    tp.Assertion(kind=tp.ASSERTION_KIND_STATUS_EQUALS, expected="200"),
    tp.Assertion(
        kind=tp.ASSERTION_KIND_JSON_PATH_EQUALS, target="$.data[0].deptCode", expected="0101"
    ),
    tp.Assertion(kind=tp.ASSERTION_KIND_MATCHES_RESPONSE_SCHEMA),
]


@pytest.mark.parametrize("kind", [TOKEN, SIGNED], ids=["token", "signature"])
def test_an_api_is_called_through_the_edge_as_the_test_channel(
    platform: Platform, edge: StandInEdge, kind: int
) -> None:
    admin = platform.admin()
    tag = uuid.uuid4().hex[:6]
    service = _published(platform, tag)
    channel, credential = _test_channel(platform, edge, kind)

    run = (
        _testing(platform)
        .RunApiTest(
            tp.RunApiTestRequest(
                api_service_id=service.api_service_id,
                channel_id=channel.channel_id,
                credential_kind=kind,
                credential=credential,
                request=_request(tag),
                assertions=CHECKS,
            ),
            metadata=admin,
        )
        .test_run
    )

    assert run.status == tp.TEST_RUN_STATUS_PASSED, run
    assert (run.kind, run.channel_id) == (tp.TEST_RUN_KIND_AD_HOC, channel.channel_id)
    assert list(run.api_service_ids) == [service.api_service_id]
    (result,) = run.results
    assert result.passed and all(a.passed for a in result.assertions)
    assert result.response.status_code == 200
    assert json.loads(result.response.body)["data"][0]["deptName"] == "心内科"
    answered = {h.name: h.value for h in result.response.headers}
    assert result.response.request_id == answered["x-request-id"]
    assert result.response.request_id.startswith("req-")
    assert result.response.HasField("latency")
    # The edge got the request as written, signed or with the channel's token.
    assert edge.seen[-1] == {
        "method": "POST",
        "path": f"/v1/{tag}/doctors/D01/slots",
        "query": "lang=zh%20CN",
        "body": '{"date": "2026-12-01"}',
        "trace": "joint-test-1",
    }
    # What is kept names the credential but never holds its secret.
    sent = {h.name: h.value for h in result.request.headers}
    assert "***" in sent["Authorization"]
    assert credential.client_secret not in str(run)

    # The run is the service's history.
    stored = _testing(platform).GetTestRun(
        tp.GetTestRunRequest(test_run_id=run.test_run_id), metadata=admin
    )
    assert stored.test_run == run
    history = _testing(platform).ListTestRuns(
        tp.ListTestRunsRequest(api_service_id=service.api_service_id), metadata=admin
    )
    assert [r.test_run_id for r in history.test_runs] == [run.test_run_id]
    assert not history.test_runs[0].results


def test_a_client_certificate_is_presented_on_the_mutual_tls_listener(
    platform: Platform, edge: StandInEdge
) -> None:
    tag = uuid.uuid4().hex[:6]
    service = _published(platform, tag)
    channel = new_channel(platform, sandbox=True)
    issued = issue(platform, channel.channel_id, idp.CREDENTIAL_KIND_MUTUAL_TLS)
    edge.trust_channel_ca(issued.ca_certificate_pem)
    edge.fingerprints.add(issued.credential.certificate_fingerprint)
    credential = tp.TestCredential(
        certificate_pem=issued.client_certificate_pem, private_key_pem=issued.private_key_pem
    )

    run = (
        _testing(platform)
        .RunApiTest(
            tp.RunApiTestRequest(
                api_service_id=service.api_service_id,
                channel_id=channel.channel_id,
                credential_kind=idp.CREDENTIAL_KIND_MUTUAL_TLS,
                credential=credential,
                request=_request(tag),
                assertions=CHECKS,
            ),
            metadata=platform.admin(),
        )
        .test_run
    )

    assert run.status == tp.TEST_RUN_STATUS_PASSED, run
    assert run.results[0].response.status_code == 200
    assert "PRIVATE KEY" not in str(run)
    assert edge.seen[-1]["path"] == f"/v1/{tag}/doctors/D01/slots"


def test_failures_are_shown_and_a_wrong_credential_never_reaches_the_api(
    platform: Platform, edge: StandInEdge
) -> None:
    admin = platform.admin()
    testing = _testing(platform)
    tag = uuid.uuid4().hex[:6]
    service = _published(platform, tag)
    channel, credential = _test_channel(platform, edge, TOKEN)
    other, foreign = _test_channel(platform, edge, TOKEN)

    def run(**fields: Any) -> tp.TestRun:
        values: dict[str, Any] = {
            "api_service_id": service.api_service_id,
            "channel_id": channel.channel_id,
            "credential": credential,
            "request": _request(tag),
        }
        values.update(fields)
        return testing.RunApiTest(tp.RunApiTestRequest(**values), metadata=admin).test_run

    # An assertion that does not hold fails the run and says what was there.
    failed = run(
        assertions=[
            tp.Assertion(
                kind=tp.ASSERTION_KIND_JSON_PATH_EQUALS, target="$.data[0].deptCode", expected="02"
            )
        ]
    )
    assert failed.status == tp.TEST_RUN_STATUS_FAILED
    assert failed.results[0].assertions[0].actual == "0101"

    # Another channel's credential cannot stand for this channel: nothing is sent.
    calls = len(edge.seen)
    mismatched = run(credential=foreign)
    assert mismatched.status == tp.TEST_RUN_STATUS_ERROR
    assert "no such credential" in mismatched.error
    assert len(edge.seen) == calls and other.channel_id != channel.channel_id

    # A wrong secret: the edge's token endpoint refuses, and the run shows its answer.
    wrong = tp.TestCredential(client_id=credential.client_id, client_secret="not-the-secret")
    refused_run = run(credential=wrong)
    assert refused_run.status == tp.TEST_RUN_STATUS_FAILED
    assert refused_run.results[0].response.status_code == 401
    assert "no access token" in refused_run.results[0].response.error

    # An API that is not published is not called.
    draft = _published(platform, uuid.uuid4().hex[:6], publish=False)
    unpublished = run(api_service_id=draft.api_service_id)
    assert unpublished.status == tp.TEST_RUN_STATUS_ERROR
    assert "not published" in unpublished.error

    bad = refused(
        testing.RunApiTest,
        tp.RunApiTestRequest(
            api_service_id=service.api_service_id,
            channel_id=channel.channel_id,
            credential_kind=SIGNED,
            request=_request(
                tag,
                path="/v1/{doctor_id}",
                headers=[tp.HttpHeader(name="Authorization", value="Bearer forged")],
            ),
            assertions=[tp.Assertion(kind=tp.ASSERTION_KIND_JSON_PATH_EXISTS, target="data")],
        ),
        metadata=admin,
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {
        "request.path",
        "request.headers[0].name",
        "assertions[0].target",
        "credential.client_id",
        "credential.client_secret",
    }

    failures = testing.ListTestRuns(
        tp.ListTestRunsRequest(
            api_service_id=service.api_service_id, status=tp.TEST_RUN_STATUS_ERROR
        ),
        metadata=admin,
    )
    assert [r.test_run_id for r in failures.test_runs] == [mismatched.test_run_id]


def test_a_vendor_tests_only_as_its_own_channels(platform: Platform, edge: StandInEdge) -> None:
    tag = uuid.uuid4().hex[:6]
    service = _published(platform, tag)
    alpha_id, alpha = vendor(platform, "alpha")
    _, beta = vendor(platform, "beta")
    mine, credential = _test_channel(platform, edge, SIGNED, vendor_user_ids=[alpha_id])
    testing = _testing(platform)
    request = tp.RunApiTestRequest(
        api_service_id=service.api_service_id,
        channel_id=mine.channel_id,
        credential_kind=SIGNED,
        credential=credential,
        request=_request(tag),
    )

    assert testing.RunApiTest(request, metadata=alpha).test_run.status == (
        tp.TEST_RUN_STATUS_PASSED
    )
    assert refused(testing.RunApiTest, request, metadata=beta).code() == (grpc.StatusCode.NOT_FOUND)


def test_saved_cases_run_alone_and_in_a_suite_and_keep_their_history(
    platform: Platform, edge: StandInEdge
) -> None:
    admin = platform.admin()
    testing = _testing(platform)
    tag = uuid.uuid4().hex[:6]
    service = _published(platform, tag)
    channel, credential = _test_channel(platform, edge, TOKEN)

    # A new case starts from the API's own example.
    prefilled = testing.CreateTestCase(
        tp.CreateTestCaseRequest(
            test_case=tp.TestCase(
                name="号源查询-示例",
                api_service_id=service.api_service_id,
                channel_id=channel.channel_id,
            )
        ),
        metadata=admin,
    ).test_case
    assert prefilled.api_service_code == service.code
    assert prefilled.request.path == f"/v1/{tag}/doctors/D01/slots"
    assert [(q.name, q.value) for q in prefilled.request.query] == [("lang", "zh CN")]
    assert json.loads(prefilled.request.body) == {"date": "2026-12-01"}
    assert [(a.kind, a.expected) for a in prefilled.assertions] == [
        (tp.ASSERTION_KIND_STATUS_EQUALS, "200")
    ]
    failing = testing.CreateTestCase(
        tp.CreateTestCaseRequest(
            test_case=tp.TestCase(
                name="号源查询-期望空",
                api_service_id=service.api_service_id,
                channel_id=channel.channel_id,
                request=_request(tag),
                assertions=[tp.Assertion(kind=tp.ASSERTION_KIND_BODY_CONTAINS, expected="儿科")],
            )
        ),
        metadata=admin,
    ).test_case
    renamed = testing.UpdateTestCase(
        tp.UpdateTestCaseRequest(
            test_case_id=failing.test_case_id,
            test_case=tp.TestCase(name="号源查询-儿科"),
            update_mask={"paths": ["name"]},
        ),
        metadata=admin,
    ).test_case
    assert renamed.name == "号源查询-儿科" and renamed.request == failing.request
    listed = testing.ListTestCases(
        tp.ListTestCasesRequest(api_service_id=service.api_service_id), metadata=admin
    )
    assert {c.test_case_id for c in listed.test_cases} == {
        prefilled.test_case_id,
        failing.test_case_id,
    }

    alone = testing.RunTestCase(
        tp.RunTestCaseRequest(test_case_id=prefilled.test_case_id, credential=credential),
        metadata=admin,
    ).test_run
    assert alone.status == tp.TEST_RUN_STATUS_PASSED
    assert alone.results[0].test_case_name == "号源查询-示例"

    suite = testing.CreateTestSuite(
        tp.CreateTestSuiteRequest(
            test_suite=tp.TestSuite(
                name="第三方联调",
                test_case_ids=[prefilled.test_case_id, failing.test_case_id],
            )
        ),
        metadata=admin,
    ).test_suite
    started = testing.RunTestSuite(
        tp.RunTestSuiteRequest(
            test_suite_id=suite.test_suite_id,
            credentials=[tp.TestCredentialOfKind(kind=TOKEN, credential=credential)],
        ),
        metadata=admin,
    ).test_run
    assert started.status == tp.TEST_RUN_STATUS_RUNNING

    def finished() -> tp.TestRun | None:
        run = testing.GetTestRun(
            tp.GetTestRunRequest(test_run_id=started.test_run_id), metadata=admin
        ).test_run
        return None if run.status == tp.TEST_RUN_STATUS_RUNNING else run

    done = eventually(finished, what="the suite run to finish")
    assert done.status == tp.TEST_RUN_STATUS_FAILED
    assert (done.passed_count, done.failed_count) == (1, 1)
    assert [r.test_case_id for r in done.results] == [
        prefilled.test_case_id,
        failing.test_case_id,
    ]
    assert done.channel_id == channel.channel_id
    assert done.results[1].assertions[0].actual == "not found"

    # The run as a table: the evidence of the joint test, one row per request.
    chunks = list(
        dg.DownloadServiceStub(platform.channel("registry")).ExportTestRun(
            downloads_pb2.ExportTestRunRequest(test_run_id=done.test_run_id), metadata=admin
        )
    )
    assert chunks[0].content_type.startswith("text/csv")
    table = list(csv.reader(io.StringIO(b"".join(c.data for c in chunks).decode("utf-8-sig"))))
    assert [(row[4], row[8], row[11]) for row in table[1:]] == [
        ("号源查询-示例", "200", "PASSED"),
        ("号源查询-儿科", "200", "FAILED"),
    ]
    assert credential.client_secret not in str(table)

    # A suite's case cannot be deleted from under it; the suite can, then the case.
    in_use = refused(
        testing.DeleteTestCase,
        tp.DeleteTestCaseRequest(test_case_id=failing.test_case_id),
        metadata=admin,
    )
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION
    testing.DeleteTestSuite(
        tp.DeleteTestSuiteRequest(test_suite_id=suite.test_suite_id), metadata=admin
    )
    testing.DeleteTestCase(
        tp.DeleteTestCaseRequest(test_case_id=failing.test_case_id), metadata=admin
    )
    gone = refused(
        testing.GetTestCase,
        tp.GetTestCaseRequest(test_case_id=failing.test_case_id),
        metadata=admin,
    )
    assert gone.code() == grpc.StatusCode.NOT_FOUND

    # History per service: the case's run and the suite's, newest first; per case too.
    history = testing.ListTestRuns(
        tp.ListTestRunsRequest(api_service_id=service.api_service_id), metadata=admin
    )
    assert [r.test_run_id for r in history.test_runs] == [done.test_run_id, alone.test_run_id]
    per_case = testing.ListTestRuns(
        tp.ListTestRunsRequest(test_case_id=prefilled.test_case_id), metadata=admin
    )
    assert [r.test_run_id for r in per_case.test_runs] == [alone.test_run_id]
