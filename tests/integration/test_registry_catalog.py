"""Registry's catalogue on real SQLite and PostgreSQL: upstreams, versions, lifecycle, imports.

The HIS simulator is a real server on a free port; no Envoy here (the snapshots are checked).
"""

from __future__ import annotations

import json
import re
import socket
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import grpc
import pytest
import yaml
from google.protobuf import field_mask_pb2, timestamp_pb2

from services.registry import templates
from simulators.his import HisServer, serve_his
from tests.integration.conftest import Platform, start_platform
from tests.integration.test_services import field_violations
from tests.support import eventually, http
from wailian.registry.v1 import access_pb2 as ap
from wailian.registry.v1 import access_pb2_grpc as ag
from wailian.registry.v1 import catalog_import_pb2 as ip
from wailian.registry.v1 import catalog_import_pb2_grpc as ig
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg
from wailian.registry.v1 import downloads_pb2 as dp
from wailian.registry.v1 import downloads_pb2_grpc as dg
from wailian.registry.v1 import edge_pb2 as ep
from wailian.registry.v1 import edge_pb2_grpc as eg

ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster"
GRANTS = "wailian.grants"
Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(params=["sqlite", "postgres"])
def platform(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Platform]:
    """Identity (registry's signing keys and channels come from it) and registry."""
    services = ("identity", "registry")
    if request.param == "sqlite":
        yield from start_platform(
            tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=services
        )
        return
    urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=services)


@pytest.fixture
def his(platform: Platform) -> Iterator[HisServer]:
    server = platform.runner.run(serve_his("127.0.0.1", 0, seed=1))
    yield server
    platform.runner.run(server.close())


class Catalog:
    """The catalogue's stubs with the administrator's credentials."""

    def __init__(self, platform: Platform) -> None:
        channel = platform.channel("registry")
        self.admin: Metadata = platform.admin()
        self.catalog = rg.CatalogServiceStub(channel)
        self.imports = ig.CatalogImportServiceStub(channel)
        self.config = eg.EdgeConfigServiceStub(channel)
        self.downloads = dg.DownloadServiceStub(channel)
        eventually(self._snapshot, timeout=10, what="the first edge snapshot")

    def _snapshot(self) -> ep.ConfigSnapshot | None:
        listed = self.config.ListConfigSnapshots(
            ep.ListConfigSnapshotsRequest(), metadata=self.admin
        )
        return listed.snapshots[0] if listed.snapshots else None

    def resources(self, type_url: str) -> list[dict[str, Any]]:
        current = self._snapshot()
        assert current is not None
        snapshot = self.config.GetConfigSnapshot(
            ep.GetConfigSnapshotRequest(snapshot_id=current.snapshot_id), metadata=self.admin
        ).snapshot
        return [json.loads(r.json) for r in snapshot.resources if r.type_url == type_url]

    def routes(self) -> dict[str, dict[str, Any]]:
        """Route name → route, of the current snapshot's channel route configuration."""
        (config,) = self.resources(ROUTE)
        return {route["name"]: route for route in config["virtual_hosts"][0]["routes"]}

    def clusters(self) -> set[str]:
        return {cluster["name"] for cluster in self.resources(CLUSTER)}

    def upstream(self, name: str, *endpoints: tuple[str, int], **fields: Any) -> rp.Upstream:
        return self.catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name=name,
                    endpoints=[rp.Endpoint(host=host, port=port) for host, port in endpoints],
                    **fields,
                )
            ),
            metadata=self.admin,
        ).upstream

    def service(self, upstream_id: str, code: str, path: str, **fields: Any) -> rp.ApiService:
        return self.catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code=code,
                    name=fields.pop("name", "科室列表"),
                    category=fields.pop("category", "master_data"),
                    method=fields.pop("method", rp.HTTP_METHOD_GET),
                    path=path,
                    upstream_id=upstream_id,
                    **fields,
                )
            ),
            metadata=self.admin,
        ).api_service

    def publish(self, api_service_id: str) -> rp.ApiService:
        return self.catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=api_service_id), metadata=self.admin
        ).api_service


def refused(call: Any, request: Any, metadata: Metadata) -> grpc.RpcError:
    with pytest.raises(grpc.RpcError) as failure:
        call(request, metadata=metadata)
    return failure.value


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_upstreams_are_probed_updated_and_deleted_only_when_unused(
    platform: Platform, his: HisServer
) -> None:
    c = Catalog(platform)
    unused = closed_port()
    upstream = c.upstream(
        "his-sim",
        ("127.0.0.1", his.port),
        ("127.0.0.1", unused),
        health_check=rp.HealthCheck(enabled=True, path="/healthz"),
    )
    assert upstream.health_check.path == "/healthz"
    assert "his-sim" in c.clusters()

    probed = c.catalog.ProbeUpstream(
        rp.ProbeUpstreamRequest(upstream_id=upstream.upstream_id), metadata=c.admin
    ).endpoints
    assert [(p.endpoint.port, p.reachable) for p in probed] == [(his.port, True), (unused, False)]
    assert probed[0].health_status == 200 and probed[0].error == ""
    assert probed[0].latency.ToMilliseconds() >= 1
    assert probed[1].error == "connection refused"

    # A bad address never reaches the edge.
    bad = refused(
        c.catalog.UpdateUpstream,
        rp.UpdateUpstreamRequest(
            upstream_id=upstream.upstream_id,
            upstream=rp.Upstream(endpoints=[rp.Endpoint(host="his..local", port=70000)]),
            update_mask=field_mask_pb2.FieldMask(paths=["endpoints"]),
        ),
        c.admin,
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(field_violations(bad)) == {
        "upstream.endpoints[0].host",
        "upstream.endpoints[0].port",
    }
    assert "his-sim" in c.clusters()
    unknown_field = refused(
        c.catalog.UpdateUpstream,
        rp.UpdateUpstreamRequest(
            upstream_id=upstream.upstream_id,
            update_mask=field_mask_pb2.FieldMask(paths=["sandbox"]),
        ),
        c.admin,
    )
    assert set(field_violations(unknown_field)) == {"update_mask.sandbox"}

    # Renamed, with one endpoint left: the cluster follows in the same change.
    updated = c.catalog.UpdateUpstream(
        rp.UpdateUpstreamRequest(
            upstream_id=upstream.upstream_id,
            upstream=rp.Upstream(
                name="his-main", endpoints=[rp.Endpoint(host="127.0.0.1", port=his.port)]
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["name", "endpoints"]),
        ),
        metadata=c.admin,
    ).upstream
    assert updated.name == "his-main" and len(updated.endpoints) == 1
    assert updated.health_check.path == "/healthz"  # not in the mask: kept
    assert "his-main" in c.clusters() and "his-sim" not in c.clusters()

    service = c.service(upstream.upstream_id, "his.departments.list", "/v1/departments")
    in_use = refused(
        c.catalog.DeleteUpstream,
        rp.DeleteUpstreamRequest(upstream_id=upstream.upstream_id),
        c.admin,
    )
    assert in_use.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "his.departments.list v1" in (in_use.details() or "")
    listed = c.catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=c.admin).upstreams
    assert [(u.name, u.api_service_count) for u in listed] == [("his-main", 1)]

    c.catalog.DeleteApiService(
        rp.DeleteApiServiceRequest(api_service_id=service.api_service_id), metadata=c.admin
    )
    c.catalog.DeleteUpstream(
        rp.DeleteUpstreamRequest(upstream_id=upstream.upstream_id), metadata=c.admin
    )
    gone = refused(
        c.catalog.GetUpstream, rp.GetUpstreamRequest(upstream_id=upstream.upstream_id), c.admin
    )
    assert gone.code() == grpc.StatusCode.NOT_FOUND
    assert "his-main" not in c.clusters()


def test_versions_live_side_by_side_and_a_deprecated_one_stays_routable(
    platform: Platform,
) -> None:
    c = Catalog(platform)
    upstream = c.upstream("his", ("his.local", 80))
    code = f"master.departments.{uuid.uuid4().hex[:6]}"
    v1 = c.service(
        upstream.upstream_id,
        code,
        "/his/v1/departments",
        request_schema='{"type": "object"}',
        response_example='{"departments": []}',
        tags=["科室"],
    )
    c.publish(v1.api_service_id)

    v2 = c.catalog.CreateApiServiceVersion(
        rp.CreateApiServiceVersionRequest(api_service_id=v1.api_service_id, version="v2"),
        metadata=c.admin,
    ).api_service
    assert (v2.code, v2.version, v2.status) == (code, "v2", rp.API_SERVICE_STATUS_DRAFT)
    assert v2.path == "/his/v2/departments"
    assert v2.response_example == v1.response_example and list(v2.tags) == ["科室"]
    again = refused(
        c.catalog.CreateApiServiceVersion,
        rp.CreateApiServiceVersionRequest(api_service_id=v1.api_service_id, version="v2"),
        c.admin,
    )
    assert again.code() == grpc.StatusCode.ALREADY_EXISTS

    c.publish(v2.api_service_id)
    routes = c.routes()
    assert routes[code]["match"]["path"] == "/his/v1/departments"
    assert routes[f"{code}@v2"]["match"]["path"] == "/his/v2/departments"
    # A grant for one version lets the channel call every live version of the API.
    channel_id = str(uuid.uuid4())
    ag.AccessServiceStub(platform.channel("registry")).CreateAccessGrant(
        ap.CreateAccessGrantRequest(
            access_grant=ap.AccessGrant(
                channel_id=channel_id, channel_code="wechat-mp", api_service_id=v1.api_service_id
            ),
            reason="公众号挂号上线",
            idempotency_key=str(uuid.uuid4()),
        ),
        metadata=c.admin,
    )
    for name, route in c.routes().items():
        if name.startswith(code):
            assert channel_id in json.dumps(route["typed_per_filter_config"][GRANTS]), name
    granted = c.catalog.GetApiService(
        rp.GetApiServiceRequest(api_service_id=v1.api_service_id), metadata=c.admin
    ).api_service
    assert granted.granted_channel_count == 1
    versions = c.catalog.ListApiServices(
        rp.ListApiServicesRequest(code=code), metadata=c.admin
    ).api_services
    assert [(s.version, s.status) for s in versions] == [
        ("v1", rp.API_SERVICE_STATUS_PUBLISHED),
        ("v2", rp.API_SERVICE_STATUS_PUBLISHED),
    ]

    past = timestamp_pb2.Timestamp()
    past.FromDatetime(datetime.now(UTC) - timedelta(days=1))
    late = refused(
        c.catalog.DeprecateApiService,
        rp.DeprecateApiServiceRequest(api_service_id=v1.api_service_id, sunset_time=past),
        c.admin,
    )
    assert set(field_violations(late)) == {"sunset_time"}
    bad_link = refused(
        c.catalog.DeprecateApiService,
        rp.DeprecateApiServiceRequest(
            api_service_id=v1.api_service_id, deprecation_link='https://x.org/"><script>'
        ),
        c.admin,
    )
    assert set(field_violations(bad_link)) == {"deprecation_link"}
    assert "response_headers_to_add" not in c.routes()[code]  # published: nothing announced
    sunset = timestamp_pb2.Timestamp(seconds=int(datetime.now(UTC).timestamp()) + 30 * 86400)
    deprecated = c.catalog.DeprecateApiService(
        rp.DeprecateApiServiceRequest(
            api_service_id=v1.api_service_id,
            sunset_time=sunset,
            comment="请改用 v2",
            deprecation_link="https://developer.example.cn/apis/v2",
        ),
        metadata=c.admin,
    ).api_service
    assert deprecated.status == rp.API_SERVICE_STATUS_DEPRECATED
    assert deprecated.sunset_time == sunset and deprecated.deprecate_time.seconds > 0
    assert deprecated.deprecation_link == "https://developer.example.cn/apis/v2"
    routes = c.routes()
    assert {code, f"{code}@v2"} <= set(routes)
    # The deprecated version's responses announce it; the published v2's do not.
    announced = {
        added["header"]["key"]: added["header"]["value"]
        for added in routes[code]["response_headers_to_add"]
    }
    assert announced == {
        "deprecation": f"@{deprecated.deprecate_time.seconds}",
        "sunset": format_datetime(sunset.ToDatetime(UTC), usegmt=True),
        "link": '<https://developer.example.cn/apis/v2>; rel="deprecation"; type="text/html"',
    }
    assert "response_headers_to_add" not in routes[f"{code}@v2"]
    # Vendors read the same in the OpenAPI export: deprecated, offline when, and the guide.
    exported = c.downloads.ExportOpenApi(
        dp.ExportOpenApiRequest(
            api_service_ids=[v1.api_service_id, v2.api_service_id],
            format=dp.OPEN_API_FORMAT_YAML,
        ),
        metadata=c.admin,
    )
    operations = {
        operation["x-wailian-version"]: operation
        for methods in yaml.safe_load(exported.data)["paths"].values()
        for operation in methods.values()
    }
    assert operations["v1"]["deprecated"] is True
    assert operations["v1"]["x-wailian-sunset"] == sunset.ToDatetime(UTC).isoformat()
    assert operations["v1"]["externalDocs"]["url"] == "https://developer.example.cn/apis/v2"
    assert not {"deprecated", "x-wailian-sunset", "externalDocs"} & set(operations["v2"])

    v3 = c.catalog.CreateApiServiceVersion(
        rp.CreateApiServiceVersionRequest(api_service_id=v2.api_service_id, version="v3"),
        metadata=c.admin,
    ).api_service
    draft = refused(
        c.catalog.DeprecateApiService,
        rp.DeprecateApiServiceRequest(api_service_id=v3.api_service_id),
        c.admin,
    )
    assert draft.code() == grpc.StatusCode.FAILED_PRECONDITION

    summary = c.catalog.GetCatalogSummary(rp.GetCatalogSummaryRequest(), metadata=c.admin)
    assert (
        summary.total_api_services,
        summary.draft_api_services,
        summary.published_api_services,
        summary.deprecated_api_services,
        summary.offline_api_services,
        summary.upstreams,
    ) == (3, 1, 1, 1, 0, 1)
    assert [(x.category, x.api_services) for x in summary.categories] == [("master_data", 3)]


def test_updates_reach_the_edge_and_only_drafts_are_deleted(platform: Platform) -> None:
    c = Catalog(platform)
    upstream = c.upstream("his", ("his.local", 80))
    service = c.service(upstream.upstream_id, "his.doctor.get", "/v1/doctors/{doctor_code}")
    c.publish(service.api_service_id)
    assert re.fullmatch(
        c.routes()["his.doctor.get"]["match"]["safe_regex"]["regex"], "/v1/doctors/D100101"
    )

    changed = c.catalog.UpdateApiService(
        rp.UpdateApiServiceRequest(
            api_service_id=service.api_service_id,
            api_service=rp.ApiService(
                path="/v1/physicians/{doctor_code}",
                upstream_path="/his/v1/doctors/{doctor_code}",
                parameters=[
                    rp.ApiParameter(
                        name="doctor_code",
                        location=rp.PARAMETER_LOCATION_PATH,
                        type="string",
                        example="D100101",
                    )
                ],
                error_codes=[rp.ApiErrorCode(code="doctor_not_found", http_status=404)],
            ),
            update_mask=field_mask_pb2.FieldMask(
                paths=["path", "upstream_path", "parameters", "error_codes"]
            ),
        ),
        metadata=c.admin,
    ).api_service
    assert changed.status == rp.API_SERVICE_STATUS_PUBLISHED and changed.name == "科室列表"
    assert changed.parameters[0].required  # a path parameter always is
    route = c.routes()["his.doctor.get"]
    assert re.fullmatch(route["match"]["safe_regex"]["regex"], "/v1/physicians/D100101")
    assert not re.fullmatch(route["match"]["safe_regex"]["regex"], "/v1/doctors/D100101")

    for update, fields in (
        (rp.UpdateApiServiceRequest(update_mask=field_mask_pb2.FieldMask(paths=["code"])), None),
        (
            rp.UpdateApiServiceRequest(
                api_service=rp.ApiService(
                    request_schema="[1, 2]",
                    response_example="{not json",
                    parameters=[rp.ApiParameter(name="x", location=rp.PARAMETER_LOCATION_PATH)],
                ),
                update_mask=field_mask_pb2.FieldMask(
                    paths=["request_schema", "response_example", "parameters"]
                ),
            ),
            {
                "api_service.request_schema",
                "api_service.response_example",
                "api_service.parameters[0].name",
            },
        ),
    ):
        update.api_service_id = service.api_service_id
        error = refused(c.catalog.UpdateApiService, update, c.admin)
        assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
        assert set(field_violations(error)) == (fields or {"update_mask.code"})

    live = refused(
        c.catalog.DeleteApiService,
        rp.DeleteApiServiceRequest(api_service_id=service.api_service_id),
        c.admin,
    )
    assert live.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "his.doctor.get" in c.routes()


OPENAPI_YAML = """
openapi: 3.0.3
info: {title: 检验系统, version: 2.1.0}
servers: [{url: "http://lis.local/lis/api"}]
paths:
  /reports/{reportNo}:
    parameters:
      - {name: reportNo, in: path, required: true, schema: {type: string}, example: JY01}
    get:
      operationId: getLabReport
      summary: 检验报告详情
      tags: [report]
      parameters:
        - {name: X-Hospital, in: header, schema: {type: string}}
      responses:
        "200":
          description: 报告
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Report"}
              example: {report_no: JY01, title: 血常规}
        "404": {description: 报告不存在}
  /reports:
    post:
      operationId: createReport
      requestBody:
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Report"}
      responses:
        "201": {description: created}
components:
  schemas:
    Report:
      type: object
      required: [report_no]
      properties:
        report_no: {type: string}
        title: {type: string}
"""

BAD_OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "x", "version": "1"},
    "paths": {
        "/ok": {"get": {"operationId": "fine", "responses": {"200": {"description": "ok"}}}},
        "/anonymous": {"get": {"responses": {"200": {"description": "ok"}}}},
        "/cookies": {
            "get": {
                "operationId": "withCookie",
                "parameters": [{"name": "s", "in": "cookie", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "ok"}},
            }
        },
        "/api/reserved": {"get": {"operationId": "reserved", "responses": {}}},
        "/twice": {"get": {"operationId": "fine", "responses": {}}},
    },
}


def test_openapi_imports_whole_or_not_at_all_and_round_trips(platform: Platform) -> None:
    c = Catalog(platform)
    upstream = c.upstream("lis", ("lis.local", 80))

    bad = refused(
        c.imports.ImportOpenApi,
        ip.ImportOpenApiRequest(document=json.dumps(BAD_OPENAPI), upstream_id=upstream.upstream_id),
        c.admin,
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    problems = field_violations(bad)
    assert set(problems) == {
        "document.paths[/anonymous].get",
        "document.paths[/cookies].get",
        "document.paths[/api/reserved].get",
        "document.paths[/twice].get",
    }
    assert "operationId" in problems["document.paths[/anonymous].get"]
    assert "cookie" in problems["document.paths[/cookies].get"]
    assert "reserved prefix" in problems["document.paths[/api/reserved].get"]
    assert "repeats" in problems["document.paths[/twice].get"]
    # All or nothing: the good operation did not go in either.
    assert c.catalog.ListApiServices(rp.ListApiServicesRequest(), metadata=c.admin).total_size == 0
    preview = c.imports.ImportOpenApi(
        ip.ImportOpenApiRequest(
            document=json.dumps(BAD_OPENAPI), upstream_id=upstream.upstream_id, dry_run=True
        ),
        metadata=c.admin,
    )
    assert (preview.summary.created, preview.summary.failed) == (1, 4)
    assert preview.items[0].action == ip.IMPORT_ACTION_CREATE
    assert preview.items[0].api_service_id == ""
    not_openapi = refused(
        c.imports.ImportOpenApi,
        ip.ImportOpenApiRequest(document="swagger: '2.0'\n", upstream_id=upstream.upstream_id),
        c.admin,
    )
    assert set(field_violations(not_openapi)) == {"document"}

    imported = c.imports.ImportOpenApi(
        ip.ImportOpenApiRequest(
            document=OPENAPI_YAML,
            upstream_id=upstream.upstream_id,
            path_prefix="/lis",
            category="report",
            owner="检验科",
        ),
        metadata=c.admin,
    )
    assert (imported.summary.created, imported.summary.failed) == (2, 0)
    by_code = {
        s.code: s
        for s in c.catalog.ListApiServices(
            rp.ListApiServicesRequest(), metadata=c.admin
        ).api_services
    }
    report = by_code["get_lab_report"]
    assert (report.version, report.status, report.name) == (
        "2.1.0",
        rp.API_SERVICE_STATUS_DRAFT,
        "检验报告详情",
    )
    assert report.path == "/lis/reports/{report_no}"
    assert report.upstream_path == "/lis/api/reports/{report_no}"
    assert json.loads(report.response_schema)["required"] == ["report_no"]
    assert json.loads(report.response_example) == {"report_no": "JY01", "title": "血常规"}
    assert {(p.name, p.location) for p in report.parameters} == {
        ("report_no", rp.PARAMETER_LOCATION_PATH),
        ("X-Hospital", rp.PARAMETER_LOCATION_HEADER),
    }
    assert [(e.code, e.http_status) for e in report.error_codes] == [("HTTP_404", 404)]
    assert json.loads(by_code["create_report"].request_schema)["type"] == "object"
    assert by_code["create_report"].owner == "检验科"

    # Again: drafts are kept unless asked to overwrite them.
    again = c.imports.ImportOpenApi(
        ip.ImportOpenApiRequest(document=OPENAPI_YAML, upstream_id=upstream.upstream_id),
        metadata=c.admin,
    )
    assert again.summary.skipped == 2
    overwritten = c.imports.ImportOpenApi(
        ip.ImportOpenApiRequest(
            document=OPENAPI_YAML, upstream_id=upstream.upstream_id, overwrite_drafts=True
        ),
        metadata=c.admin,
    )
    assert overwritten.summary.updated == 2
    assert (
        c.catalog.GetApiService(
            rp.GetApiServiceRequest(api_service_id=report.api_service_id), metadata=c.admin
        ).api_service.path
        == "/reports/{report_no}"
    )

    # Export the published ones, import them into a fresh catalogue code space: the same APIs.
    c.publish(report.api_service_id)
    exported = c.downloads.ExportOpenApi(
        dp.ExportOpenApiRequest(format=dp.OPEN_API_FORMAT_YAML), metadata=c.admin
    )
    assert exported.content_type == "application/yaml"
    document = yaml.safe_load(exported.data)
    assert list(document["paths"]) == ["/reports/{report_no}"]
    assert "upstream" not in exported.data.decode()
    original = c.catalog.GetApiService(
        rp.GetApiServiceRequest(api_service_id=report.api_service_id), metadata=c.admin
    ).api_service
    c.catalog.UnpublishApiService(
        rp.UnpublishApiServiceRequest(api_service_id=report.api_service_id), metadata=c.admin
    )
    operation = document["paths"]["/reports/{report_no}"]["get"]
    operation["x-wailian-version"] = "3.0.0"
    round_trip = c.imports.ImportOpenApi(
        ip.ImportOpenApiRequest(
            document=yaml.safe_dump(document), upstream_id=upstream.upstream_id
        ),
        metadata=c.admin,
    )
    assert round_trip.summary.created == 1
    copy = c.catalog.GetApiService(
        rp.GetApiServiceRequest(api_service_id=round_trip.items[0].api_service_id),
        metadata=c.admin,
    ).api_service
    for name in ("code", "name", "category", "method", "path", "description"):
        assert getattr(copy, name) == getattr(original, name), name
    for name in ("response_schema", "response_example"):
        assert json.loads(getattr(copy, name)) == json.loads(getattr(original, name)), name
    assert list(copy.parameters) == list(original.parameters)
    assert list(copy.error_codes) == list(original.error_codes)


def _call_simulator(his: HisServer, template: templates.Template) -> tuple[int, Any]:
    """The template's HIS path called on the simulator with its documented examples."""
    path = template.upstream_path
    query = {}
    for parameter in template.parameters:
        if parameter.location == "path":
            path = path.replace("{" + parameter.name + "}", parameter.example)
        elif parameter.location == "query" and parameter.name == "status":
            query[parameter.name] = parameter.example
    body = json.dumps(template.request_example).encode() if template.request_example else None
    status, _, raw = http(
        template.method,
        f"{his.url}{path}" + (f"?{urlencode(query)}" if query else ""),
        body=body,
        headers={"content-type": "application/json"} if body else None,
    )
    return status, json.loads(raw)


def test_templates_import_as_working_services_the_simulator_answers(
    platform: Platform, his: HisServer
) -> None:
    c = Catalog(platform)
    listed = c.imports.ListCatalogTemplates(ip.ListCatalogTemplatesRequest(), metadata=c.admin)
    categories = {t.category for t in listed.templates}
    assert {"master_data", "appointment", "outpatient_payment", "report", "inpatient"} <= categories
    assert {"patient"} <= categories and len(listed.templates) == len(templates.TEMPLATES)
    assert all(t.simulator_implemented and not t.imported for t in listed.templates)
    assert all(t.response_example for t in listed.templates)

    # Every template's path is a route the simulator serves (not its 404/405 for unknown paths).
    for template in templates.TEMPLATES:
        status, body = _call_simulator(his, template)
        assert status < 300 or body["error"]["code"] not in ("not_found", "method_not_allowed"), (
            template.code
        )

    upstream = c.upstream("his", ("127.0.0.1", his.port))
    bad = refused(
        c.imports.ImportCatalogTemplates,
        ip.ImportCatalogTemplatesRequest(
            upstream_id=upstream.upstream_id, template_codes=["no.such"], path_prefix="/x/{y}"
        ),
        c.admin,
    )
    assert set(field_violations(bad)) == {"template_codes[0]", "path_prefix"}
    imported = c.imports.ImportCatalogTemplates(
        ip.ImportCatalogTemplatesRequest(upstream_id=upstream.upstream_id), metadata=c.admin
    )
    assert imported.summary.created == len(templates.TEMPLATES)
    repeated = c.imports.ImportCatalogTemplates(
        ip.ImportCatalogTemplatesRequest(upstream_id=upstream.upstream_id), metadata=c.admin
    )
    assert repeated.summary.skipped == len(templates.TEMPLATES)
    assert all(
        t.imported
        for t in c.imports.ListCatalogTemplates(
            ip.ListCatalogTemplatesRequest(category="report"), metadata=c.admin
        ).templates
    )

    bills = next(i for i in imported.items if i.code == "outpatient.bills.list")
    published = c.publish(bills.api_service_id)
    assert published.upstream_name == "his" and published.response_schema
    route = c.routes()["outpatient.bills.list"]
    assert route["route"]["cluster"] == "his"
    rewrite = route["route"]["regex_rewrite"]
    # The edge would call this path on the upstream: the simulator answers it.
    upstream_path = re.sub(
        rewrite["pattern"]["regex"],
        rewrite["substitution"],
        published.path.replace("{patient_id}", "P00000001"),
    )
    status, _, raw = http("GET", his.url + upstream_path + "?status=unpaid")
    answer = json.loads(raw)
    assert status == 200 and answer["patient_id"] == "P00000001"
    assert answer["bills"] and all(b["status"] == "unpaid" for b in answer["bills"])
