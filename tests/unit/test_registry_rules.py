"""Registry's rules for API services, and that whatever it accepts the edge can route."""

from __future__ import annotations

import pytest

from deploy.envoy.inputs import ApiRoute
from services.registry.domain import ApiServiceSpec, path_problem, validate_api_service
from services.runtime.errors import InvalidArgument

ACCEPTED = [
    "/v1/departments",
    "/v1/departments/{dept_code}/doctors",
    "/v1/a/{a}/b/{b}/c/{c}/d/{d}/e/{e}",
    "/v1/reports/{report_id}/pdf",
    "/v1/items.json",
    "/v1/{abcdefghijklmnop}",
]
REFUSED = [
    "v1/no-leading-slash",
    "/v1/{Upper}",
    "/v1/{_underscore}",
    "/v1/{abcdefghijklmnopq}",  # 17 characters
    "/v1/{a}/{b}/{c}/{d}/{e}/{f}",  # 6 variables
    "/v1/{id}/{id}",
    "/v1/a b",
    "/v1//double",
    "/v1/{id}:cancel",
]


@pytest.mark.parametrize("path", ACCEPTED)
def test_paths_the_registry_accepts_are_routable_at_the_edge(path: str) -> None:
    assert path_problem(path) is None
    ApiRoute(name="x.y", method="GET", path=path, upstream="his", upstream_path=path)


@pytest.mark.parametrize("path", REFUSED)
def test_paths_the_edge_could_not_route_are_refused(path: str) -> None:
    assert path_problem(path) is not None


def spec(**changes: object) -> ApiServiceSpec:
    values: dict[str, object] = {
        "code": "his.departments.list",
        "name": "科室列表",
        "category": "master_data",
        "version": "v1",
        "description": "",
        "method": 1,
        "path": "/v1/departments/{dept_code}",
        "upstream_id": "u1",
        "upstream_path": "/his/v1/departments/{dept_code}",
        "owner": "",
    }
    values.update(changes)
    return ApiServiceSpec(**values)  # type: ignore[arg-type]


def test_a_good_api_service_passes() -> None:
    validate_api_service(spec(), {1, 2})


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InvalidArgument) as refused:
        validate_api_service(
            spec(
                code="Bad", category="x", method=9, path="/api/v1/x", upstream_path="/his/{other}"
            ),
            {1, 2},
        )
    fields = {v.field for v in refused.value.violations}
    assert fields == {
        "api_service.code",
        "api_service.category",
        "api_service.method",
        "api_service.path",
        "api_service.upstream_path",
    }
