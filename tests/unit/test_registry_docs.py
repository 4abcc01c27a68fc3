"""The developer center's generated documentation: samples that sign the way identity checks."""

from __future__ import annotations

from typing import Any

import pytest

from services.identity.signature import (
    parse_authorization,
    signature_matches,
    string_to_sign,
    timestamp_in_window,
)
from services.registry import docs
from wailian.identity.v1 import identity_pb2
from wailian.registry.v1 import catalog_pb2 as cp

EDGE = docs.EdgeAddresses("https://open.hospital.example", "https://open.hospital.example:8443")
FIXED_TIME = 1_764_400_000
FIXED_NONCE = "n0nce-for-the-test_123"


def _service(**fields: Any) -> cp.ApiService:
    values: dict[str, Any] = {
        "api_service_id": "svc-1",
        "code": "his.appointments.book",
        "name": "预约挂号",
        "category": "appointment",
        "version": "v1",
        "status": cp.API_SERVICE_STATUS_PUBLISHED,
        "method": cp.HTTP_METHOD_POST,
        "path": "/v1/doctors/{doctorId}/appointments",
        "upstream_id": "up-1",
        "upstream_name": "his-internal",
        "upstream_path": "/internal/book",
        "request_example": '{"patientName": "张三", "slotId": "S 01"}',
        "parameters": [
            cp.ApiParameter(
                name="doctorId", location=cp.PARAMETER_LOCATION_PATH, type="string", example="D01"
            ),
            cp.ApiParameter(
                name="lang",
                location=cp.PARAMETER_LOCATION_QUERY,
                type="string",
                required=True,
                example="zh CN",
            ),
            cp.ApiParameter(
                name="date", location=cp.PARAMETER_LOCATION_QUERY, example="2026-12-01~am"
            ),
        ],
    }
    values.update(fields)
    return cp.ApiService(**values)


def _sample(service: cp.ApiService, language: str, kind: int) -> str:
    doc = docs.api_doc(service, EDGE, with_samples=True)
    (sample,) = [
        s for s in doc.code_samples if s.language == language and s.credential_kind == kind
    ]
    return sample.code


def _python_module(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {"__name__": "generated_sample"}
    exec(compile(code, "<sample>", "exec"), namespace)
    return namespace


def _accepted(header: str, secret: str, method: str, path_with_query: str, body: bytes) -> bool:
    """What identity's signature check decides for this request (services/identity/signature)."""
    signed = parse_authorization(header)
    path, _, query = path_with_query.partition("?")
    to_sign = string_to_sign(method, path, query, signed.timestamp_text, signed.nonce, body)
    return timestamp_in_window(signed.timestamp, FIXED_TIME + 10) and signature_matches(
        secret, signed.signature, to_sign
    )


@pytest.mark.parametrize(
    "service",
    [
        _service(),
        # A GET with an unsorted query needing percent-encoding and no body.
        _service(method=cp.HTTP_METHOD_GET, path="/v1/reports", request_example=""),
    ],
    ids=["post-with-body", "get-with-query"],
)
def test_python_signature_sample_signs_as_identity_verifies(service: cp.ApiService) -> None:
    sample = _python_module(_sample(service, "python", identity_pb2.CREDENTIAL_KIND_SIGNATURE))
    method, target, body = sample["METHOD"], sample["PATH_WITH_QUERY"], sample["BODY"]
    header = sample["authorization"](
        method, target, body, "wl0123456789abcdef01", "s3cret-of-channel", FIXED_TIME, FIXED_NONCE
    )

    assert _accepted(header, "s3cret-of-channel", method, target, body)
    assert not _accepted(header, "another-secret", method, target, body)
    assert not _accepted(header, "s3cret-of-channel", method, target, body + b" ")
    signed = parse_authorization(header)
    assert (signed.client_id, signed.timestamp, signed.nonce) == (
        "wl0123456789abcdef01",
        FIXED_TIME,
        FIXED_NONCE,
    )


def test_python_signature_sample_uses_the_clock_and_a_fresh_nonce_by_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sample = _python_module(_sample(_service(), "python", identity_pb2.CREDENTIAL_KIND_SIGNATURE))
    monkeypatch.setattr(sample["time"], "time", lambda: FIXED_TIME + 0.7)
    method, target, body = sample["METHOD"], sample["PATH_WITH_QUERY"], sample["BODY"]

    first = sample["authorization"](method, target, body, "wl01", "secret")
    second = sample["authorization"](method, target, body, "wl01", "secret")

    assert _accepted(first, "secret", method, target, body)
    assert parse_authorization(first).timestamp == FIXED_TIME
    assert parse_authorization(first).nonce != parse_authorization(second).nonce


def test_example_request_fills_the_path_and_query_from_the_parameters() -> None:
    sample = _python_module(_sample(_service(), "python", identity_pb2.CREDENTIAL_KIND_TOKEN))

    assert sample["PATH_WITH_QUERY"] == (
        "/v1/doctors/D01/appointments?lang=zh%20CN&date=2026-12-01~am"
    )
    assert sample["BODY"] == '{"patientName":"张三","slotId":"S 01"}'.encode()
    assert sample["BASE_URL"] == EDGE.base_url


def test_samples_cover_each_language_and_credential_kind_without_upstream_details() -> None:
    doc = docs.api_doc(_service(), EDGE, granted=True, with_samples=True)

    assert {(s.language, s.credential_kind) for s in doc.code_samples} == {
        (language, kind) for language in docs.LANGUAGES for kind in docs.CREDENTIAL_KINDS
    }
    text = str(doc)
    assert "his-internal" not in text and "/internal/book" not in text
    assert doc.granted and doc.base_url == EDGE.base_url
    by_kind = {(s.language, s.credential_kind): s.code for s in doc.code_samples}
    assert "/oauth2/token" in by_kind[("curl", identity_pb2.CREDENTIAL_KIND_TOKEN)]
    assert "Bearer" in by_kind[("java", identity_pb2.CREDENTIAL_KIND_TOKEN)]
    assert "HmacSHA256" in by_kind[("java", identity_pb2.CREDENTIAL_KIND_SIGNATURE)]
    mtls = by_kind[("curl", identity_pb2.CREDENTIAL_KIND_MUTUAL_TLS)]
    assert "--cert client.pem" in mtls and EDGE.mtls_base_url in mtls


def test_curl_signature_sample_states_the_canonical_query_identity_expects() -> None:
    code = _sample(
        _service(method=cp.HTTP_METHOD_GET), "curl", identity_pb2.CREDENTIAL_KIND_SIGNATURE
    )

    # Sorted by name, RFC 3986: the space as %20, "~" left as it is.
    assert "CANONICAL_QUERY=date=2026-12-01~am&lang=zh%20CN" in code.replace("'", "")
    assert "BODY=''" in code


def test_listing_leaves_samples_out_and_the_platform_errors_name_the_edges_answers() -> None:
    listed = docs.api_doc(_service(), EDGE)
    statuses = {(e.http_status, e.code) for e in docs.platform_error_codes()}

    assert not listed.code_samples
    assert (403, "rbac_access_denied_matched_policy[none]") in statuses
    assert (429, "local_rate_limited") in statuses
    assert (404, "route_not_found") in statuses
    assert {status for status, _ in statuses} >= {401, 403, 404, 429}
