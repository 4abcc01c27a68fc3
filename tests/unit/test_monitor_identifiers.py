"""Patient identifiers without a fixed shape are keyed-hashed by where they stand."""

from __future__ import annotations

import re

from services.monitor.identifiers import IdentifierHasher

HASHER = IdentifierHasher(b"k" * 32)


def test_the_segment_after_a_patient_resource_is_hidden_the_same_way_each_time() -> None:
    hidden = HASHER.path("/v1/patients/P0012345/lab-reports")
    assert "P0012345" not in hidden
    token = HASHER.token("P0012345")
    assert hidden == f"/v1/patients/{token}/lab-reports"
    assert HASHER.path("/v1/patients/P0012345/cards") == f"/v1/patients/{token}/cards"
    assert HASHER.path("/v1/inpatients/ZY20261129/deposit").count("ZY20261129") == 0
    # Resource names and actions after them stay: they are not identifiers.
    assert HASHER.path("/v1/patients/search") == "/v1/patients/search"
    assert HASHER.path("/v1/patient-cards") == "/v1/patient-cards"
    assert HASHER.path("/v1/doctors/D100101") == "/v1/doctors/D100101"


def test_patient_query_parameters_are_hidden_and_the_rest_kept() -> None:
    hidden = HASHER.path("/v1/outpatient-bills?card_no=88001234&status=unpaid&Patient-Id=P9")
    assert "88001234" not in hidden and "P9&" not in hidden and not hidden.endswith("P9")
    assert f"card_no={HASHER.token('88001234')}" in hidden
    assert "status=unpaid" in hidden
    assert HASHER.path("/v1/schedules?dept_code=0101&date=2026-11-30") == (
        "/v1/schedules?dept_code=0101&date=2026-11-30"
    )
    # Chinese names in a query are hidden too; ID card and mobile numbers anywhere are masked.
    assert "张三" not in HASHER.path("/v1/patients?name=%E5%BC%A0%E4%B8%89")
    masked = HASHER.path("/v1/verify/110101199003074518?to=13812345678")
    assert "110101199003074518" not in masked and "13812345678" not in masked


def test_another_key_gives_other_tokens() -> None:
    other = IdentifierHasher(b"o" * 32)
    assert other.token("P0012345") != HASHER.token("P0012345")
    assert len(HASHER.token("P0012345")) == 13


def test_a_hash_that_reads_like_a_mobile_number_is_left_whole() -> None:
    # A few patients in ten thousand get a token whose hex digits start like a mobile number.
    patient = next(
        f"P{n}"
        for n in range(100_000)
        if re.fullmatch(r"~1[3-9][0-9]{9}[a-f]", HASHER.token(f"P{n}"))
    )
    token = HASHER.token(patient)
    assert HASHER.path(f"/v1/patients/{patient}") == f"/v1/patients/{token}"
    assert HASHER.path(f"/v1/outpatient-bills?card_no={patient}") == (
        f"/v1/outpatient-bills?card_no={token}"
    )
    # A mobile number elsewhere in the same path is still masked.
    assert HASHER.path(f"/v1/patients/{patient}/sms/13812345678") == (
        f"/v1/patients/{token}/sms/138****5678"
    )
