"""Registry's ServiceTestingService (module 17, O9): call a published API through the real edge
as a test channel, save test cases and suites, and keep every run as the history per service.

The test channel's credential comes with each run request and lives in memory for that run only;
what is kept shows the client id, never a secret. A vendor runs tests only as its own channels
(identity answers NOT_FOUND for another's) and sees only their runs.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import grpc
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from google.protobuf import duration_pb2, json_format
from sqlalchemy.orm import Session

from services.registry import api_tests, developer_store, store
from services.registry.channels import Directory, authorization_of
from services.registry.developer_identity import DeveloperAccounts
from services.registry.developer_models import (
    TestCaseRow,
    TestRunRow,
    TestRunServiceRow,
    TestSuiteRow,
)
from services.registry.docs import example_request
from services.registry.edge_caller import Credential, EdgeCaller
from services.registry.models import ApiServiceRow, AuditOutboxRow
from services.registry.servicer import ROUTABLE, api_service_message
from services.runtime.audit import RequestFacts, audit, request_facts
from services.runtime.audited import audit_info, stamp
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import Caller, actor_name, current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import FailedPrecondition, NotFound, Unauthenticated, Validator
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths
from wailian.registry.v1 import testing_pb2 as pb
from wailian.registry.v1 import testing_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.registry")

SERVICE = pb.DESCRIPTOR.services_by_name["ServiceTestingService"]
CASE_FIELDS = (
    "name",
    "description",
    "api_service_id",
    "request",
    "assertions",
    "channel_id",
    "credential_kind",
)
SUITE_FIELDS = ("name", "description", "test_case_ids", "channel_id", "stop_on_failure")


def _caller() -> Caller:
    caller = current_caller()
    if caller is None:
        raise Unauthenticated("sign in first: this call needs an access token")
    return caller


# --- messages ↔ plain values ------------------------------------------------------------------


def _outgoing(request: pb.TestRequest) -> api_tests.OutgoingRequest:
    return api_tests.OutgoingRequest(
        method=api_tests.METHODS.get(request.method, ""),
        path=request.path,
        query=tuple((q.name, q.value) for q in request.query),
        headers=tuple((h.name, h.value) for h in request.headers),
        body=request.body,
    )


def _assertions(given: Sequence[pb.Assertion]) -> list[api_tests.Assertion]:
    return [api_tests.Assertion(a.kind, a.target.strip(), a.expected) for a in given]


def _request_json(request: pb.TestRequest) -> dict[str, object]:
    return {
        "method": request.method,
        "path": request.path,
        "query": [[q.name, q.value] for q in request.query],
        "headers": [[h.name, h.value] for h in request.headers],
        "body": request.body,
    }


def _request_message(stored: dict[str, Any]) -> pb.TestRequest:
    return pb.TestRequest(
        method=int(stored["method"]),  # type: ignore[arg-type]
        path=str(stored["path"]),
        query=[pb.QueryParameter(name=n, value=v) for n, v in stored["query"]],
        headers=[pb.HttpHeader(name=n, value=v) for n, v in stored["headers"]],
        body=str(stored["body"]),
    )


def _assertions_json(given: Sequence[pb.Assertion]) -> list[dict[str, object]]:
    return [{"kind": a.kind, "target": a.target.strip(), "expected": a.expected} for a in given]


def _assertion_messages(stored: Sequence[dict[str, Any]]) -> list[pb.Assertion]:
    return [
        pb.Assertion(kind=a["kind"], target=a["target"], expected=a["expected"]) for a in stored
    ]


def test_case_message(row: TestCaseRow, code: str = "") -> pb.TestCase:
    return pb.TestCase(
        test_case_id=row.test_case_id,
        name=row.name,
        api_service_id=row.api_service_id,
        api_service_code=code,
        request=_request_message(row.request),
        assertions=_assertion_messages(row.assertions),
        description=row.description,
        channel_id=row.channel_id,
        credential_kind=row.credential_kind,  # type: ignore[arg-type]
        audit=audit_info(row),
    )


def test_suite_message(row: TestSuiteRow) -> pb.TestSuite:
    return pb.TestSuite(
        test_suite_id=row.test_suite_id,
        name=row.name,
        description=row.description,
        test_case_ids=list(row.test_case_ids),
        channel_id=row.channel_id,
        stop_on_failure=row.stop_on_failure,
        audit=audit_info(row),
    )


def test_run_message(row: TestRunRow, *, with_results: bool = True) -> pb.TestRun:
    run = pb.TestRun(
        test_run_id=row.test_run_id,
        kind=row.kind,  # type: ignore[arg-type]
        test_suite_id=row.test_suite_id,
        test_case_id=row.test_case_id,
        channel_id=row.channel_id,
        status=row.status,  # type: ignore[arg-type]
        passed_count=row.passed_count,
        failed_count=row.failed_count,
        start_time=to_timestamp(as_utc(row.start_time)),
        end_time=to_timestamp(as_utc(row.end_time) if row.end_time else None),
        started_by=row.started_by,
        api_service_ids=[service.api_service_id for service in row.services],
        error=row.error,
    )
    if with_results:
        for result in row.results:
            json_format.ParseDict(result, run.results.add())
    return run


def _case_snapshot(row: TestCaseRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "api_service_id": row.api_service_id,
        "request": {k: v for k, v in row.request.items() if k != "body"},
        "assertions": row.assertions,
        "channel_id": row.channel_id,
        "credential_kind": row.credential_kind,
    }


def _suite_snapshot(row: TestSuiteRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "test_case_ids": row.test_case_ids,
        "channel_id": row.channel_id,
        "stop_on_failure": row.stop_on_failure,
    }


# --- validation -------------------------------------------------------------------------------


def _check_credential(
    check: Validator, kind: int, credential: pb.TestCredential, prefix: str
) -> None:
    if kind in (api_tests.TOKEN, api_tests.SIGNATURE):
        check.require(bool(credential.client_id), prefix + ".client_id", "required")
        check.require(bool(credential.client_secret), prefix + ".client_secret", "required")
    elif kind == api_tests.MUTUAL_TLS:
        check.require(
            "BEGIN CERTIFICATE" in credential.certificate_pem,
            prefix + ".certificate_pem",
            "the client certificate (PEM)",
        )
        check.require(
            "PRIVATE KEY" in credential.private_key_pem,
            prefix + ".private_key_pem",
            "its private key (PEM)",
        )


def _credential(kind: int, given: pb.TestCredential) -> Credential:
    return Credential(
        kind=kind,
        client_id=given.client_id,
        client_secret=given.client_secret,
        certificate_pem=given.certificate_pem,
        private_key_pem=given.private_key_pem,
    )


def _kind(kind: int) -> int:
    return kind or api_tests.TOKEN


def _check_case(check: Validator, case: pb.TestCase, prefix: str) -> None:
    check.require(0 < len(case.name.strip()) <= 128, prefix + "name", "1-128 characters")
    check.require(len(case.description) <= 2000, prefix + "description", "at most 2000 characters")
    check.require(bool(case.api_service_id), prefix + "api_service_id", "required")
    check.require(len(case.channel_id) <= 64, prefix + "channel_id", "at most 64 characters")
    check.require(
        case.credential_kind == 0 or case.credential_kind in api_tests.CREDENTIAL_KINDS,
        prefix + "credential_kind",
        "token, signature or mutual TLS",
    )
    api_tests.check_request(
        check, _outgoing(case.request), case.request.method, prefix + "request."
    )
    api_tests.check_assertions(check, _assertions(case.assertions), prefix + "assertions")


def _check_suite(check: Validator, suite: pb.TestSuite, prefix: str) -> None:
    check.require(0 < len(suite.name.strip()) <= 128, prefix + "name", "1-128 characters")
    check.require(len(suite.description) <= 2000, prefix + "description", "at most 2000 characters")
    check.require(
        0 < len(suite.test_case_ids) <= api_tests.MAX_SUITE_CASES,
        prefix + "test_case_ids",
        f"1-{api_tests.MAX_SUITE_CASES} test cases",
    )
    check.require(
        len(set(suite.test_case_ids)) == len(suite.test_case_ids),
        prefix + "test_case_ids",
        "each case once",
    )
    check.require(len(suite.channel_id) <= 64, prefix + "channel_id", "at most 64 characters")


def _certificate_fingerprint(pem: str) -> str:
    try:
        certificate = x509.load_pem_x509_certificate(pem.encode())
    except ValueError:
        return ""
    return hashlib.sha256(
        certificate.public_bytes(Encoding.DER)  # as identity's CA fingerprints it
    ).hexdigest()


# --- one planned call --------------------------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """One request of a run, with what the answer must satisfy."""

    test_case_id: str
    test_case_name: str
    api_service_id: str
    request: pb.TestRequest
    assertions: tuple[api_tests.Assertion, ...]
    credential_kind: int
    # Why it cannot be sent ("" when it can), e.g. the API is not published.
    problem: str = ""
    response_schema: str = ""


def _plan_problem(service: ApiServiceRow | None, api_service_id: str) -> str:
    if service is None:
        return f"no API service {api_service_id}"
    if service.status not in ROUTABLE:
        return f"API service {service.code} {service.version} is not published"
    return ""


def _result(
    planned: Planned, sent_headers: Sequence[tuple[str, str]], answer: api_tests.Answer
) -> pb.TestResult:
    judged = api_tests.judge(planned.assertions, answer, planned.response_schema)
    latency = duration_pb2.Duration()
    latency.FromNanoseconds(int(answer.latency_ms * 1_000_000))
    sent = pb.TestRequest()
    sent.CopyFrom(planned.request)
    del sent.headers[:]
    sent.headers.extend(pb.HttpHeader(name=n, value=v) for n, v in sent_headers)
    return pb.TestResult(
        test_case_id=planned.test_case_id,
        test_case_name=planned.test_case_name,
        api_service_id=planned.api_service_id,
        request=sent,
        response=pb.TestResponse(
            status_code=answer.status_code,
            headers=[pb.HttpHeader(name=n, value=v) for n, v in answer.headers],
            body=answer.body,
            body_truncated=answer.body_truncated,
            latency=latency,
            request_id=answer.request_id,
            error=answer.error,
        ),
        assertions=[
            pb.AssertionResult(
                assertion=pb.Assertion(
                    kind=j.assertion.kind,  # type: ignore[arg-type]
                    target=j.assertion.target,
                    expected=j.assertion.expected,
                ),
                passed=j.passed,
                actual=j.actual,
            )
            for j in judged
        ],
        passed=api_tests.passed(answer, judged),
    )


def _unsent(planned: Planned) -> pb.TestResult:
    return pb.TestResult(
        test_case_id=planned.test_case_id,
        test_case_name=planned.test_case_name,
        api_service_id=planned.api_service_id,
        request=planned.request,
        response=pb.TestResponse(error=planned.problem),
        passed=False,
    )


def _result_json(result: pb.TestResult) -> dict[str, object]:
    return json_format.MessageToDict(result, preserving_proto_field_name=True)


class ServiceTestingServicer(pb_grpc.ServiceTestingServiceServicer):
    def __init__(
        self,
        uow: UnitOfWork,
        directory: Directory,
        accounts: DeveloperAccounts,
        caller: EdgeCaller,
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.accounts = accounts
        self.edge = caller
        # Suites running in the background; kept so they are not collected mid-run.
        self._running: set[asyncio.Task[None]] = set()

    def _facts(self, context: grpc.aio.ServicerContext, method: str) -> RequestFacts:
        return request_facts(context, SERVICE, method)

    async def close(self) -> None:
        for task in list(self._running):
            task.cancel()
        await asyncio.gather(*self._running, return_exceptions=True)

    # --- who may run as which channel ------------------------------------------------------

    async def _credential_problem(
        self, context: grpc.aio.ServicerContext, channel_id: str, credential: Credential
    ) -> str:
        """Why the credential cannot stand for the channel ("" when it can): it must be one of
        the channel's own, of the kind asked for, not revoked or expired."""
        authorization = authorization_of(context)
        await self.directory.channel(authorization, channel_id)  # NOT_FOUND to other vendors
        known = await self.accounts.credentials(authorization, channel_id)
        now = utcnow()
        fingerprint = (
            _certificate_fingerprint(credential.certificate_pem)
            if credential.kind == api_tests.MUTUAL_TLS
            else ""
        )
        for held in known:
            if held.kind != credential.kind:
                continue
            if credential.kind == api_tests.MUTUAL_TLS:
                same = (
                    bool(fingerprint)
                    and held.certificate_fingerprint.replace(":", "").lower() == fingerprint
                )
            else:
                same = held.client_id == credential.client_id
            if not same:
                continue
            if held.revoked:
                return "the credential is revoked"
            if held.HasField("expire_time") and held.expire_time.ToDatetime(tzinfo=UTC) <= now:
                return "the credential has expired"
            return ""
        return f"the channel {channel_id} holds no such credential of this kind"

    # --- running ---------------------------------------------------------------------------

    async def _send(
        self, planned: Planned, credential: Credential, seconds: float
    ) -> pb.TestResult:
        if planned.problem:
            return _unsent(planned)
        sent = await self.edge.send(_outgoing(planned.request), credential, seconds)
        return _result(planned, sent.headers, sent.answer)

    def _plan_case(self, session: Session, row: TestCaseRow) -> Planned:
        service = store.api_services(session, [row.api_service_id]).get(row.api_service_id)
        return Planned(
            test_case_id=row.test_case_id,
            test_case_name=row.name,
            api_service_id=row.api_service_id,
            request=_request_message(row.request),
            assertions=tuple(_assertions(_assertion_messages(row.assertions))),
            credential_kind=_kind(row.credential_kind),
            problem=_plan_problem(service, row.api_service_id),
            response_schema=service.response_schema if service else "",
        )

    async def _record(
        self,
        context: grpc.aio.ServicerContext,
        method: str,
        *,
        kind: int,
        channel_id: str,
        results: Sequence[pb.TestResult],
        api_service_ids: Sequence[str],
        error: str = "",
        test_case_id: str = "",
        started: datetime,
    ) -> TestRunRow:
        """Keep a finished run (ad hoc or of one case) with its audit record."""
        facts = self._facts(context, method)
        actor = actor_name()

        def work(session: Session) -> TestRunRow:
            passed = sum(1 for r in results if r.passed)
            failed = len(results) - passed
            status = (
                api_tests.ERROR
                if error
                else api_tests.PASSED
                if results and not failed
                else api_tests.FAILED
            )
            row = TestRunRow(
                test_run_id=str(uuid.uuid4()),
                kind=kind,
                test_suite_id="",
                test_case_id=test_case_id,
                channel_id=channel_id,
                status=status,
                results=[_result_json(r) for r in results],
                passed_count=passed,
                failed_count=failed,
                start_time=started,
                end_time=utcnow(),
                started_by=actor,
                error=error,
                services=[
                    TestRunServiceRow(position=i, api_service_id=s)
                    for i, s in enumerate(dict.fromkeys(api_service_ids))
                ],
            )
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_run",
                row.test_run_id,
                f"tested {', '.join(dict.fromkeys(api_service_ids))} as channel {channel_id}",
                after={"status": status, "channel_id": channel_id, "test_case_id": test_case_id},
            )
            return row

        return await self.uow.run(work)

    async def RunApiTest(
        self, request: pb.RunApiTestRequest, context: grpc.aio.ServicerContext
    ) -> pb.RunApiTestResponse:
        kind = _kind(request.credential_kind)
        timeout = request.timeout.ToMilliseconds() / 1000 if request.HasField("timeout") else 0
        check = Validator()
        check.require(bool(request.api_service_id), "api_service_id", "required")
        check.require(bool(request.channel_id), "channel_id", "the test channel to call as")
        check.require(
            kind in api_tests.CREDENTIAL_KINDS, "credential_kind", "token, signature or mutual TLS"
        )
        check.require(
            0 <= timeout <= api_tests.MAX_TIMEOUT_SECONDS,
            "timeout",
            f"at most {api_tests.MAX_TIMEOUT_SECONDS:.0f} seconds",
        )
        api_tests.check_request(
            check, _outgoing(request.request), request.request.method, "request."
        )
        api_tests.check_assertions(check, _assertions(request.assertions), "assertions")
        _check_credential(check, kind, request.credential, "credential")
        check.check()
        _caller()
        started = utcnow()
        service = await self.uow.run(lambda s: store.api_service(s, request.api_service_id))
        credential = _credential(kind, request.credential)
        problem = await self._credential_problem(context, request.channel_id, credential)
        planned = Planned(
            test_case_id="",
            test_case_name="",
            api_service_id=service.api_service_id,
            request=request.request,
            assertions=tuple(_assertions(request.assertions)),
            credential_kind=kind,
            problem=_plan_problem(service, service.api_service_id),
            response_schema=service.response_schema,
        )
        error = problem or planned.problem
        results = (
            []
            if problem
            else [await self._send(planned, credential, api_tests.timeout_seconds(timeout))]
        )
        row = await self._record(
            context,
            "RunApiTest",
            kind=api_tests.AD_HOC,
            channel_id=request.channel_id,
            results=results,
            api_service_ids=[service.api_service_id],
            error=error,
            started=started,
        )
        return pb.RunApiTestResponse(test_run=test_run_message(row))

    async def RunTestCase(
        self, request: pb.RunTestCaseRequest, context: grpc.aio.ServicerContext
    ) -> pb.RunTestCaseResponse:
        check = Validator()
        check.require(bool(request.test_case_id), "test_case_id", "required")
        check.check()
        _caller()
        started = utcnow()

        def plan(session: Session) -> tuple[TestCaseRow, Planned]:
            row = developer_store.test_case(session, request.test_case_id)
            return row, self._plan_case(session, row)

        row, planned = await self.uow.run(plan)
        channel_id = request.channel_id or row.channel_id
        check = Validator()
        check.require(bool(channel_id), "channel_id", "the case names no channel: name one")
        _check_credential(check, planned.credential_kind, request.credential, "credential")
        check.check()
        credential = _credential(planned.credential_kind, request.credential)
        problem = await self._credential_problem(context, channel_id, credential)
        results = (
            []
            if problem
            else [await self._send(planned, credential, api_tests.DEFAULT_TIMEOUT_SECONDS)]
        )
        run = await self._record(
            context,
            "RunTestCase",
            kind=api_tests.CASE,
            channel_id=channel_id,
            results=results,
            api_service_ids=[row.api_service_id],
            error=problem or planned.problem,
            test_case_id=row.test_case_id,
            started=started,
        )
        return pb.RunTestCaseResponse(test_run=test_run_message(run))

    async def RunTestSuite(
        self, request: pb.RunTestSuiteRequest, context: grpc.aio.ServicerContext
    ) -> pb.RunTestSuiteResponse:
        """Checks the channel and credentials now, then runs the cases in the background."""
        check = Validator()
        check.require(bool(request.test_suite_id), "test_suite_id", "required")
        kinds: dict[int, Credential] = {}
        for index, given in enumerate(request.credentials):
            field = f"credentials[{index}]"
            kind = _kind(given.kind)
            check.require(kind in api_tests.CREDENTIAL_KINDS, field + ".kind", "a credential kind")
            check.require(kind not in kinds, field + ".kind", "one credential per kind")
            _check_credential(check, kind, given.credential, field + ".credential")
            kinds[kind] = _credential(kind, given.credential)
        check.check()
        _caller()

        def plan(session: Session) -> tuple[TestSuiteRow, list[Planned], list[str]]:
            suite = developer_store.test_suite(session, request.test_suite_id)
            cases = developer_store.test_cases(session, suite.test_case_ids)
            missing = [i for i in suite.test_case_ids if i not in cases]
            if missing:
                raise FailedPrecondition(
                    f"the suite names deleted test cases: {', '.join(missing)}",
                    subject="test_suite.test_case_ids",
                )
            ordered = [cases[i] for i in suite.test_case_ids]
            return (
                suite,
                [self._plan_case(session, c) for c in ordered],
                [c.channel_id for c in ordered],
            )

        suite, planned, case_channels = await self.uow.run(plan)
        channels = {c for c in case_channels if c}
        channel_id = (
            request.channel_id or suite.channel_id or (channels.pop() if len(channels) == 1 else "")
        )
        check = Validator()
        check.require(
            bool(channel_id), "channel_id", "the suite's cases name no single channel: name one"
        )
        for kind in sorted({p.credential_kind for p in planned}):
            check.require(
                kind in kinds,
                "credentials",
                f"a credential of kind {kind} for the cases that use it",
            )
        check.check()
        for credential in kinds.values():
            problem = await self._credential_problem(context, channel_id, credential)
            if problem:
                raise FailedPrecondition(problem, subject="credentials")
        facts = self._facts(context, "RunTestSuite")
        actor = actor_name()

        def start(session: Session) -> TestRunRow:
            row = TestRunRow(
                test_run_id=str(uuid.uuid4()),
                kind=api_tests.SUITE,
                test_suite_id=suite.test_suite_id,
                test_case_id="",
                channel_id=channel_id,
                status=api_tests.RUNNING,
                results=[],
                passed_count=0,
                failed_count=0,
                start_time=utcnow(),
                end_time=None,
                started_by=actor,
                error="",
                services=[
                    TestRunServiceRow(position=i, api_service_id=s)
                    for i, s in enumerate(dict.fromkeys(p.api_service_id for p in planned))
                ],
            )
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_run",
                row.test_run_id,
                f"started test suite {suite.name} as channel {channel_id}",
                after={"test_suite_id": suite.test_suite_id, "channel_id": channel_id},
            )
            return row

        row = await self.uow.run(start)
        task = asyncio.create_task(
            self._run_suite(row.test_run_id, planned, kinds, suite.stop_on_failure)
        )
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        return pb.RunTestSuiteResponse(test_run=test_run_message(row))

    async def _run_suite(
        self,
        test_run_id: str,
        planned: Sequence[Planned],
        credentials: dict[int, Credential],
        stop_on_failure: bool,
    ) -> None:
        """Each case in order; the run shows each result as it comes."""
        results: list[pb.TestResult] = []
        error = ""
        try:
            for case in planned:
                result = await self._send(
                    case, credentials[case.credential_kind], api_tests.DEFAULT_TIMEOUT_SECONDS
                )
                results.append(result)
                await self.uow.run(lambda s: self._progress(s, test_run_id, results, done=False))
                if stop_on_failure and not result.passed:
                    break
        except Exception as failure:  # recorded on the run: the console shows why it stopped
            log.exception("test suite run failed", extra={"test_run": test_run_id})
            error = f"{type(failure).__name__}: {failure}"
        await self.uow.run(
            lambda s: self._progress(s, test_run_id, results, done=True, error=error)
        )

    @staticmethod
    def _progress(
        session: Session,
        test_run_id: str,
        results: Sequence[pb.TestResult],
        *,
        done: bool,
        error: str = "",
    ) -> None:
        row = developer_store.test_run(session, test_run_id)
        row.results = [_result_json(r) for r in results]
        row.passed_count = sum(1 for r in results if r.passed)
        row.failed_count = len(results) - row.passed_count
        if done:
            row.end_time = utcnow()
            row.error = error
            row.status = (
                api_tests.ERROR
                if error
                else api_tests.PASSED
                if results and not row.failed_count
                else api_tests.FAILED
            )

    # --- history ---------------------------------------------------------------------------

    async def _visible_channels(self, context: grpc.aio.ServicerContext) -> frozenset[str] | None:
        """The channels whose runs the caller sees: all for staff, its own for a vendor."""
        if not _caller().is_vendor:
            return None
        return await self.directory.own_channel_ids(authorization_of(context))

    async def GetTestRun(
        self, request: pb.GetTestRunRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTestRunResponse:
        check = Validator()
        check.require(bool(request.test_run_id), "test_run_id", "required")
        check.check()
        visible = await self._visible_channels(context)
        row = await self.uow.run(lambda s: developer_store.test_run(s, request.test_run_id))
        if visible is not None and row.channel_id not in visible:
            raise NotFound(f"no test run {request.test_run_id}")
        return pb.GetTestRunResponse(test_run=test_run_message(row))

    async def ListTestRuns(
        self, request: pb.ListTestRunsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTestRunsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(
            request.status == 0
            or request.status
            in (api_tests.RUNNING, api_tests.PASSED, api_tests.FAILED, api_tests.ERROR),
            "status",
            "a test run status",
        )
        window = request.start_time_range
        start = window.start_time.ToDatetime(tzinfo=UTC) if window.HasField("start_time") else None
        end = window.end_time.ToDatetime(tzinfo=UTC) if window.HasField("end_time") else None
        check.require(
            start is None or end is None or start < end,
            "start_time_range",
            "the start comes before the end",
        )
        check.check()
        visible = await self._visible_channels(context)
        rows, total = await self.uow.run(
            lambda s: developer_store.list_test_runs(
                s,
                offset,
                limit,
                api_service_id=request.api_service_id,
                test_case_id=request.test_case_id,
                test_suite_id=request.test_suite_id,
                status=request.status,
                start=start,
                end=end,
                channel_ids=visible,
            )
        )
        return pb.ListTestRunsResponse(
            test_runs=[test_run_message(row, with_results=False) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    # --- test cases ------------------------------------------------------------------------

    async def CreateTestCase(
        self, request: pb.CreateTestCaseRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateTestCaseResponse:
        """A new case; an empty request is prefilled from the API's examples."""
        given = request.test_case
        check = Validator()
        check.require(bool(given.api_service_id), "test_case.api_service_id", "required")
        check.check()
        _caller()
        service = await self.uow.run(lambda s: store.api_service(s, given.api_service_id))
        case = pb.TestCase()
        case.CopyFrom(given)
        if not case.request.path:
            case.request.CopyFrom(prefilled_request(service))
        if not case.assertions:
            case.assertions.add(kind=api_tests.STATUS_EQUALS, expected="200")  # type: ignore[arg-type]
        check = Validator()
        _check_case(check, case, "test_case.")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "CreateTestCase")

        def work(session: Session) -> TestCaseRow:
            store.api_service(session, case.api_service_id)
            row = TestCaseRow(
                test_case_id=str(uuid.uuid4()),
                name=case.name.strip(),
                description=case.description,
                api_service_id=case.api_service_id,
                request=_request_json(case.request),
                assertions=_assertions_json(case.assertions),
                channel_id=case.channel_id,
                credential_kind=case.credential_kind,
            )
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_case",
                row.test_case_id,
                f"created test case {row.name}",
                after=_case_snapshot(row),
            )
            return row

        row = await self.uow.run(work)
        return pb.CreateTestCaseResponse(test_case=test_case_message(row, service.code))

    async def GetTestCase(
        self, request: pb.GetTestCaseRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTestCaseResponse:
        check = Validator()
        check.require(bool(request.test_case_id), "test_case_id", "required")
        check.check()

        def work(session: Session) -> pb.TestCase:
            row = developer_store.test_case(session, request.test_case_id)
            service = store.api_services(session, [row.api_service_id]).get(row.api_service_id)
            return test_case_message(row, service.code if service else "")

        return pb.GetTestCaseResponse(test_case=await self.uow.run(work))

    async def ListTestCases(
        self, request: pb.ListTestCasesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTestCasesResponse:
        offset, limit = page_window(request.page_size, request.page_token)

        def work(session: Session) -> tuple[list[pb.TestCase], int]:
            rows, total = developer_store.list_test_cases(
                session, offset, limit, request.api_service_id, request.query.strip()
            )
            services = store.api_services(session, list({r.api_service_id for r in rows}))
            return [
                test_case_message(
                    r, services[r.api_service_id].code if r.api_service_id in services else ""
                )
                for r in rows
            ], total

        cases, total = await self.uow.run(work)
        return pb.ListTestCasesResponse(
            test_cases=cases, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UpdateTestCase(
        self, request: pb.UpdateTestCaseRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateTestCaseResponse:
        check = Validator()
        check.require(bool(request.test_case_id), "test_case_id", "required")
        check.check()
        paths = mask_paths(request.update_mask, CASE_FIELDS) or list(CASE_FIELDS)
        actor = actor_name()
        facts = self._facts(context, "UpdateTestCase")

        def work(session: Session) -> pb.TestCase:
            row = developer_store.test_case(session, request.test_case_id)
            before = _case_snapshot(row)
            merged = test_case_message(row)
            for path in paths:
                if path in ("request",):
                    merged.request.CopyFrom(request.test_case.request)
                elif path == "assertions":
                    del merged.assertions[:]
                    merged.assertions.extend(request.test_case.assertions)
                else:
                    setattr(merged, path, getattr(request.test_case, path))
            check = Validator()
            _check_case(check, merged, "test_case.")
            check.check()
            service = store.api_service(session, merged.api_service_id)
            row.name = merged.name.strip()
            row.description = merged.description
            row.api_service_id = merged.api_service_id
            row.request = _request_json(merged.request)
            row.assertions = _assertions_json(merged.assertions)
            row.channel_id = merged.channel_id
            row.credential_kind = merged.credential_kind
            stamp(row, actor, created=False)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_case",
                row.test_case_id,
                f"updated test case {row.name}",
                before=before,
                after=_case_snapshot(row),
            )
            return test_case_message(row, service.code)

        return pb.UpdateTestCaseResponse(test_case=await self.uow.run(work))

    async def DeleteTestCase(
        self, request: pb.DeleteTestCaseRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteTestCaseResponse:
        """Deletes the case; a suite naming it must drop it first. Its runs stay in history."""
        check = Validator()
        check.require(bool(request.test_case_id), "test_case_id", "required")
        check.check()
        facts = self._facts(context, "DeleteTestCase")

        def work(session: Session) -> None:
            row = developer_store.test_case(session, request.test_case_id)
            using = developer_store.suites_with_case(session, row.test_case_id)
            if using:
                raise FailedPrecondition(
                    f"test suites use this case: {', '.join(s.name for s in using)}",
                    subject="test_case",
                )
            before = _case_snapshot(row)
            session.delete(row)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_case",
                request.test_case_id,
                f"deleted test case {before['name']}",
                before=before,
            )

        await self.uow.run(work)
        return pb.DeleteTestCaseResponse()

    # --- test suites -----------------------------------------------------------------------

    async def CreateTestSuite(
        self, request: pb.CreateTestSuiteRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateTestSuiteResponse:
        given = request.test_suite
        check = Validator()
        _check_suite(check, given, "test_suite.")
        check.check()
        actor = actor_name()
        facts = self._facts(context, "CreateTestSuite")

        def work(session: Session) -> TestSuiteRow:
            _require_cases(session, given.test_case_ids)
            row = TestSuiteRow(
                test_suite_id=str(uuid.uuid4()),
                name=given.name.strip(),
                description=given.description,
                test_case_ids=list(given.test_case_ids),
                channel_id=given.channel_id,
                stop_on_failure=given.stop_on_failure,
            )
            stamp(row, actor, created=True)
            session.add(row)
            session.flush()
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_suite",
                row.test_suite_id,
                f"created test suite {row.name}",
                after=_suite_snapshot(row),
            )
            return row

        row = await self.uow.run(work)
        return pb.CreateTestSuiteResponse(test_suite=test_suite_message(row))

    async def GetTestSuite(
        self, request: pb.GetTestSuiteRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetTestSuiteResponse:
        check = Validator()
        check.require(bool(request.test_suite_id), "test_suite_id", "required")
        check.check()
        row = await self.uow.run(lambda s: developer_store.test_suite(s, request.test_suite_id))
        return pb.GetTestSuiteResponse(test_suite=test_suite_message(row))

    async def ListTestSuites(
        self, request: pb.ListTestSuitesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListTestSuitesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        rows, total = await self.uow.run(
            lambda s: developer_store.list_test_suites(s, offset, limit, request.query.strip())
        )
        return pb.ListTestSuitesResponse(
            test_suites=[test_suite_message(row) for row in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateTestSuite(
        self, request: pb.UpdateTestSuiteRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateTestSuiteResponse:
        check = Validator()
        check.require(bool(request.test_suite_id), "test_suite_id", "required")
        check.check()
        paths = mask_paths(request.update_mask, SUITE_FIELDS) or list(SUITE_FIELDS)
        actor = actor_name()
        facts = self._facts(context, "UpdateTestSuite")

        def work(session: Session) -> TestSuiteRow:
            row = developer_store.test_suite(session, request.test_suite_id)
            before = _suite_snapshot(row)
            merged = test_suite_message(row)
            for path in paths:
                if path == "test_case_ids":
                    del merged.test_case_ids[:]
                    merged.test_case_ids.extend(request.test_suite.test_case_ids)
                else:
                    setattr(merged, path, getattr(request.test_suite, path))
            check = Validator()
            _check_suite(check, merged, "test_suite.")
            check.check()
            _require_cases(session, merged.test_case_ids)
            row.name = merged.name.strip()
            row.description = merged.description
            row.test_case_ids = list(merged.test_case_ids)
            row.channel_id = merged.channel_id
            row.stop_on_failure = merged.stop_on_failure
            stamp(row, actor, created=False)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_suite",
                row.test_suite_id,
                f"updated test suite {row.name}",
                before=before,
                after=_suite_snapshot(row),
            )
            return row

        row = await self.uow.run(work)
        return pb.UpdateTestSuiteResponse(test_suite=test_suite_message(row))

    async def DeleteTestSuite(
        self, request: pb.DeleteTestSuiteRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteTestSuiteResponse:
        check = Validator()
        check.require(bool(request.test_suite_id), "test_suite_id", "required")
        check.check()
        facts = self._facts(context, "DeleteTestSuite")

        def work(session: Session) -> None:
            row = developer_store.test_suite(session, request.test_suite_id)
            before = _suite_snapshot(row)
            session.delete(row)
            audit(
                session,
                AuditOutboxRow,
                facts,
                "test_suite",
                request.test_suite_id,
                f"deleted test suite {before['name']}",
                before=before,
            )

        await self.uow.run(work)
        return pb.DeleteTestSuiteResponse()


def _require_cases(session: Session, test_case_ids: Sequence[str]) -> None:
    found = developer_store.test_cases(session, test_case_ids)
    missing = [i for i in test_case_ids if i not in found]
    if missing:
        raise NotFound(f"no test cases {', '.join(missing)}")


def prefilled_request(service: ApiServiceRow) -> pb.TestRequest:
    """The API's own example: path segments and query from the parameters' examples, the
    request example as the body."""
    example = example_request(api_service_message(service, ""))
    return pb.TestRequest(
        method=service.method,  # type: ignore[arg-type]
        path=example.path,
        query=[pb.QueryParameter(name=n, value=v) for n, v in example.query_pairs],
        headers=[pb.HttpHeader(name=n, value=v) for n, v in example.headers],
        body=example.body,
    )
