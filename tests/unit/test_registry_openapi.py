"""Reading OpenAPI documents into API services and writing them back (no I/O)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from services.registry import domain, openapi, snapshots, templates

METHODS = {"GET": 1, "POST": 2, "PUT": 3, "PATCH": 4, "DELETE": 5}


def defaults(**overrides: Any) -> openapi.ImportDefaults:
    values: dict[str, Any] = {
        "upstream_id": "u-1",
        "category": "",
        "owner": "",
        "path_prefix": "",
        "method_numbers": METHODS,
    }
    values.update(overrides)
    return openapi.ImportDefaults(**values)


def document(paths: dict[str, Any], **more: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "v1"}, "paths": paths, **more}


def read(doc: dict[str, Any], **overrides: Any) -> list[openapi.ImportedOperation]:
    return openapi.read_operations(doc, defaults(**overrides))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("[1, 2]", "must be an object"),
        ("swagger: '2.0'\npaths: {}\n", "Swagger 2.0"),
        ('{"openapi": "3.0.0", "paths": {}}', "no paths"),
        ("openapi: [unclosed", "neither JSON nor YAML"),
    ],
)
def test_documents_that_are_not_openapi_3_are_refused_with_the_reason(
    text: str, message: str
) -> None:
    with pytest.raises(openapi.OpenApiError, match=message):
        openapi.load_document(text)


def test_yaml_and_json_documents_both_load() -> None:
    as_yaml = "openapi: 3.0.1\ninfo: {title: t, version: '1'}\npaths:\n  /a: {get: {}}\n"
    assert openapi.load_document(as_yaml)["paths"] == {"/a": {"get": {}}}
    assert openapi.load_document(json.dumps(document({"/a": {}})))["openapi"] == "3.1.0"


def test_an_operation_becomes_an_api_service_with_refs_inlined_and_variables_renamed() -> None:
    doc = document(
        {
            "/patients/{patientId}/bills": {
                "get": {
                    "operationId": "listOutpatientBills",
                    "summary": "门诊待缴费查询",
                    "tags": ["outpatient_payment", "门诊"],
                    "parameters": [
                        {"name": "patientId", "in": "path", "schema": {"type": "string"}},
                        {"$ref": "#/components/parameters/Status"},
                    ],
                    "responses": {
                        "200": {"$ref": "#/components/responses/Bills"},
                        "404": {"description": "患者不存在"},
                    },
                }
            }
        },
        servers=[{"url": "https://his.example/his/v1/"}],
        components={
            "parameters": {
                "Status": {"name": "status", "in": "query", "schema": {"type": "string"}}
            },
            "responses": {
                "Bills": {
                    "description": "ok",
                    "content": {
                        "application/json; charset=utf-8": {
                            "schema": {"$ref": "#/components/schemas/Bills"},
                            "examples": {"one": {"value": {"bills": []}}},
                        }
                    },
                }
            },
            "schemas": {"Bills": {"type": "object", "properties": {"bills": {"type": "array"}}}},
        },
    )
    (operation,) = read(doc, path_prefix="/his/")
    assert operation.problems == []
    spec = operation.spec
    assert spec is not None
    assert (spec.code, spec.version, spec.category, spec.method) == (
        "list_outpatient_bills",
        "v1",
        "outpatient_payment",
        1,
    )
    assert spec.path == "/his/patients/{patient_id}/bills"
    assert spec.upstream_path == "/his/v1/patients/{patient_id}/bills"
    assert [(p.name, p.location, p.required) for p in spec.parameters] == [
        ("patient_id", "path", True),
        ("status", "query", False),
    ]
    assert json.loads(spec.response_schema)["properties"] == {"bills": {"type": "array"}}
    assert json.loads(spec.response_example) == {"bills": []}
    assert [(e.code, e.http_status) for e in spec.error_codes] == [("HTTP_404", 404)]
    assert spec.tags == ["门诊"]


def test_each_operation_names_its_own_problems() -> None:
    doc = document(
        {
            "/a": {
                "get": {"operationId": "alpha"},
                "head": {"operationId": "a_head"},
                "post": {
                    "operationId": "a_post",
                    "parameters": [{"name": "ids", "in": "query", "schema": {"type": "array"}}],
                },
            },
            "/b/{x}": {"get": {"summary": "no id"}},
            "/c": {"get": {"operationId": "alpha"}},
            "/healthz": {"get": {"operationId": "health"}},
        }
    )
    problems = {f"{o.method} {o.path}": o.problems for o in read(doc)}
    assert problems["GET /a"] == []
    assert "not a method the edge routes" in problems["HEAD /a"][0]
    assert "type 'array'" in problems["POST /a"][0]
    assert "operationId" in problems["GET /b/{x}"][0]
    assert "repeats GET /a" in problems["GET /c"][0]
    assert any("reserved prefix" in p for p in problems["GET /healthz"])


def test_recursive_schemas_do_not_loop() -> None:
    doc = document(
        {
            "/tree": {
                "get": {
                    "operationId": "tree",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/N"}}
                            },
                        }
                    },
                }
            }
        },
        components={
            "schemas": {
                "N": {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/N"}}}
            }
        },
    )
    (operation,) = read(doc)
    assert operation.spec is not None and operation.spec.response_schema


def _service(**overrides: Any) -> openapi.ExportedService:
    values: dict[str, Any] = {
        "code": "report.lab.get",
        "version": "v1",
        "name": "检验报告详情",
        "category": "report",
        "description": "结果明细",
        "method": "GET",
        "path": "/v1/lab-reports/{report_no}",
        "deprecated": True,
        "request_schema": "",
        "response_schema": '{"type": "object"}',
        "request_example": "",
        "response_example": '{"report_no": "JY01"}',
        "parameters": [domain.ParameterSpec("report_no", "path", "string", True, "单号", "JY01")],
        "error_codes": [
            domain.ErrorCodeSpec("record_not_found", 404, "报告不存在"),
            domain.ErrorCodeSpec("gone", 404, "已删除"),
        ],
        "tags": ["检验"],
        "rate_limit_per_second": 20,
    }
    values.update(overrides)
    return openapi.ExportedService(**values)


def test_an_exported_document_reads_back_as_the_same_services() -> None:
    exported = openapi.export_document([_service()], title="外联", version="1")
    operation = exported["paths"]["/v1/lab-reports/{report_no}"]["get"]
    assert operation["deprecated"] is True
    assert "404" in operation["responses"]
    text = openapi.dump_document(exported, as_yaml=True).decode()
    (back,) = read(openapi.load_document(text))
    assert back.problems == []
    spec = back.spec
    assert spec is not None
    assert (spec.code, spec.version, spec.name, spec.category, spec.path) == (
        "report.lab.get",
        "v1",
        "检验报告详情",
        "report",
        "/v1/lab-reports/{report_no}",
    )
    assert spec.upstream_path == ""
    assert spec.parameters == _service().parameters
    assert spec.error_codes == _service().error_codes
    assert (spec.tags, spec.rate_limit_per_second) == (["检验"], 20)
    assert json.loads(spec.response_example) == {"report_no": "JY01"}


def test_a_deprecated_operation_names_its_sunset_and_migration_guide() -> None:
    sunset = datetime(2027, 3, 1, 0, 0, tzinfo=UTC)
    guide = "https://open.hospital.example/docs/lab-v2"
    exported = openapi.export_document(
        [_service(sunset=sunset, deprecation_link=guide)], title="外联", version="1"
    )
    operation = exported["paths"]["/v1/lab-reports/{report_no}"]["get"]
    assert operation["x-wailian-sunset"] == "2027-03-01T00:00:00+00:00"
    assert operation["externalDocs"]["url"] == guide
    # A live (not deprecated) operation announces neither.
    live = openapi.export_document(
        [_service(deprecated=False, sunset=sunset, deprecation_link=guide)],
        title="外联",
        version="1",
    )["paths"]["/v1/lab-reports/{report_no}"]["get"]
    assert not {"deprecated", "x-wailian-sunset", "externalDocs"} & set(live)


def test_a_new_version_gets_a_path_of_its_own() -> None:
    assert domain.versioned_path("/his/v1/departments", "v1", "v2") == "/his/v2/departments"
    assert domain.versioned_path("/departments", "v1", "v2") == "/v2/departments"


def test_only_the_first_published_live_version_keeps_the_bare_code_as_route_name() -> None:
    now = datetime.now(UTC)
    rows = [
        SimpleNamespace(
            api_service_id="b", code="x", version="v2", publish_time=now, created_at=now
        ),
        SimpleNamespace(
            api_service_id="a",
            code="x",
            version="v1",
            publish_time=now - timedelta(days=1),
            created_at=now,
        ),
        SimpleNamespace(
            api_service_id="c", code="y", version="v9", publish_time=None, created_at=now
        ),
    ]
    assert snapshots.route_names(rows) == {"a": "x", "b": "x@v2", "c": "y"}  # type: ignore[arg-type]
    grants = snapshots.RouteGrants({"x": frozenset({"ch-1"})})
    assert grants.get("x@v2") == frozenset({"ch-1"}) and grants.get("y") is None


def test_every_template_is_a_valid_api_service() -> None:
    codes = [template.code for template in templates.TEMPLATES]
    assert len(set(codes)) == len(codes)
    for template in templates.TEMPLATES:
        spec = template.spec(
            upstream_id="u", version="v1", path_prefix="/h", method_number=METHODS[template.method]
        )
        domain.validate_api_service(spec, set(METHODS.values()))
        assert spec.path.startswith("/h/") and spec.upstream_path.startswith("/his/v1/")
