"""Service testing's judging of an answer: assertions, JSONPath, response schema, masking."""

from __future__ import annotations

import json

import pytest

from services.registry import api_tests as t
from services.runtime.errors import InvalidArgument, Validator

BODY = json.dumps(
    {"code": 0, "data": [{"deptCode": "0101", "beds": 12, "name x": "心内科"}], "ok": True},
    ensure_ascii=False,
)


def _answer(status: int = 200, body: str = BODY, error: str = "") -> t.Answer:
    return t.Answer(status, (("x-request-id", "req-1"),), body, False, 42.0, "req-1", error)


def _one(kind: int, target: str = "", expected: str = "", **answer: object) -> t.Judged:
    (judged,) = t.judge([t.Assertion(kind, target, expected)], _answer(**answer), SCHEMA)  # type: ignore[arg-type]
    return judged


SCHEMA = json.dumps(
    {
        "type": "object",
        "required": ["code", "data"],
        "properties": {
            "code": {"type": "integer", "enum": [0]},
            "data": {"type": "array", "items": {"type": "object", "required": ["deptCode"]}},
        },
    }
)


@pytest.mark.parametrize(
    ("target", "expected", "passed", "actual"),
    [
        ("$.data[0].deptCode", "0101", True, "0101"),
        ("$.data[0].beds", "12", True, "12"),
        ("$.ok", "true", True, "true"),
        ('$.data[0]["name x"]', "心内科", True, "心内科"),
        ("$.data[0].deptCode", "0102", False, "0101"),
        ("$.data[3].deptCode", "0101", False, "no such value"),
    ],
)
def test_json_path_equals(target: str, expected: str, passed: bool, actual: str) -> None:
    judged = _one(t.JSON_PATH_EQUALS, target, expected)
    assert (judged.passed, judged.actual) == (passed, actual)


def test_status_header_body_and_latency_assertions() -> None:
    assert _one(t.STATUS_EQUALS, expected="200").passed
    assert _one(t.STATUS_EQUALS, expected="201").actual == "200"
    assert _one(t.HEADER_EQUALS, "X-Request-Id", "req-1").passed
    assert not _one(t.HEADER_EQUALS, "Retry-After", "").passed
    assert _one(t.BODY_CONTAINS, expected="心内科").passed
    assert _one(t.LATENCY_BELOW, expected="100").passed
    assert not _one(t.LATENCY_BELOW, expected="10").passed
    assert _one(t.JSON_PATH_EXISTS, "$.data[0]").passed
    assert _one(t.JSON_PATH_EXISTS, "$.code", body="not json").actual == "the body is not JSON"


def test_the_response_schema_is_checked_where_it_breaks() -> None:
    assert _one(t.MATCHES_RESPONSE_SCHEMA).passed
    broken = _one(t.MATCHES_RESPONSE_SCHEMA, body=json.dumps({"code": 0, "data": [{}]}))
    assert (broken.passed, broken.actual) == (False, "$.data[0].deptCode is missing")
    wrong_type = _one(t.MATCHES_RESPONSE_SCHEMA, body=json.dumps({"code": "0", "data": []}))
    assert wrong_type.actual == "$.code is not integer"


def test_nothing_passes_without_an_answer_and_no_assertions_means_2xx() -> None:
    failed = _answer(status=0, body="", error="ConnectionRefusedError: refused")
    (judged,) = t.judge([t.Assertion(t.BODY_CONTAINS, "", "x")], failed, "")
    assert (judged.passed, judged.actual) == (False, "ConnectionRefusedError: refused")
    assert not t.passed(failed, [])
    assert t.passed(_answer(), [])
    assert not t.passed(_answer(status=403), [])


def test_a_bad_request_and_bad_assertions_are_named_field_by_field() -> None:
    check = Validator()
    request = t.OutgoingRequest("GET", "/v1/{id}", (("", "x"),), (("Authorization", "x"),), "")
    t.check_request(check, request, 1, "request.")
    t.check_assertions(
        check,
        [t.Assertion(t.STATUS_EQUALS, "", "ok"), t.Assertion(t.JSON_PATH_EXISTS, "data", "")],
        "assertions",
    )
    with pytest.raises(InvalidArgument) as invalid:
        check.check()
    assert {v.field for v in invalid.value.violations} == {
        "request.path",
        "request.query[0].name",
        "request.headers[0].name",
        "assertions[0].expected",
        "assertions[1].target",
    }


def test_the_kept_authorization_header_holds_no_secret() -> None:
    signed = 'WAILIAN-HMAC-SHA256 client_id="wl01",timestamp="1",nonce="n",signature="c2ln"'
    assert t.masked_authorization(signed) == 'WAILIAN-HMAC-SHA256 client_id="wl01",***'
    assert t.masked_authorization("Bearer eyJhbGciOi.secret") == "Bearer ***"
