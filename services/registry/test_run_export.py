"""A test run as a table (CSV or Excel): each request, its answer and its assertions — evidence
of a joint test with a third party (O9). Credentials are already masked in what a run keeps."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable

import grpc
from google.api import httpbody_pb2

from services.registry import developer_store
from services.registry.channels import Directory, authorization_of
from services.registry.downloads import RegistryDownloadServicer
from services.registry.testing_servicer import test_run_message
from services.runtime import table_export
from services.runtime.context import current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import NotFound, Validator
from wailian.registry.v1 import catalog_pb2, downloads_pb2
from wailian.registry.v1 import testing_pb2 as tp

COLUMNS = (
    "测试记录 Run",
    "开始 Started",
    "渠道 Channel",
    "序号 #",
    "用例 Case",
    "API 服务 API service",
    "方法 Method",
    "路径 Path",
    "状态码 Status",
    "耗时(ms) Latency",
    "请求号 Request id",
    "结果 Result",
    "断言 Assertions",
    "错误 Error",
    "响应 Response body",
)
# A cell holds at most this much of a response body; the console shows the whole.
BODY_CELL_CHARS = 4000


def _assertions(result: tp.TestResult) -> str:
    return "; ".join(
        f"{'✓' if a.passed else '✗'} "
        f"{tp.AssertionKind.Name(a.assertion.kind).removeprefix('ASSERTION_KIND_')} "
        f"{a.assertion.target} {a.assertion.expected} → {a.actual}".replace("  ", " ")
        for a in result.assertions
    )


def test_run_rows(run: tp.TestRun) -> list[list[object]]:
    """One row per request of the run (one row for a run that could not run)."""
    started = run.start_time.ToDatetime().isoformat() + "Z" if run.HasField("start_time") else ""
    status = tp.TestRunStatus.Name(run.status).removeprefix("TEST_RUN_STATUS_")
    if not run.results:
        blank = [""] * 8
        return [[run.test_run_id, started, run.channel_id, *blank, status, "", run.error, ""]]
    rows: list[list[object]] = []
    for number, result in enumerate(run.results, start=1):
        query = "&".join(f"{q.name}={q.value}" for q in result.request.query)
        method = catalog_pb2.HttpMethod.Name(result.request.method).removeprefix("HTTP_METHOD_")
        response = result.response
        rows.append(
            [
                run.test_run_id,
                started,
                run.channel_id,
                number,
                result.test_case_name,
                result.api_service_id,
                method,
                result.request.path + (f"?{query}" if query else ""),
                response.status_code or "",
                round(response.latency.ToMilliseconds()) if response.status_code else "",
                response.request_id,
                "PASSED" if result.passed else "FAILED",
                _assertions(result),
                response.error,
                response.body[:BODY_CELL_CHARS],
            ]
        )
    return rows


class ExportingDownloadServicer(RegistryDownloadServicer):
    """Registry's downloads, with the test run export."""

    def __init__(self, uow: UnitOfWork, directory: Directory) -> None:
        super().__init__(uow, directory)

    async def ExportTestRun(
        self, request: downloads_pb2.ExportTestRunRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[httpbody_pb2.HttpBody]:
        """The run as CSV (default) or Excel; a vendor only its own channels' runs."""
        check = Validator()
        check.require(bool(request.test_run_id), "test_run_id", "required")
        check.check()
        table = table_export.writer(request.format, "测试记录")
        row = await self.uow.run(lambda s: developer_store.test_run(s, request.test_run_id))
        caller = current_caller()
        if caller is not None and caller.is_vendor:
            own = await self.directory.own_channel_ids(authorization_of(context))
            if row.channel_id not in own:
                raise NotFound(f"no test run {request.test_run_id}")
        rows = test_run_rows(test_run_message(row))

        async def pages() -> AsyncIterator[Iterable[Iterable[object]]]:
            yield rows

        async for chunk in table_export.stream(table, COLUMNS, pages()):
            yield chunk
