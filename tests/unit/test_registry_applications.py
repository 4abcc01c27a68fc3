"""Registry's rules for access applications and their review, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.registry import applications
from services.runtime.errors import FailedPrecondition, InvalidArgument, PermissionDenied

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
BUSINESS = {"name": "业务负责人审核", "reviewer_role": "business_owner"}
SECURITY = {"name": "信息安全审核", "reviewer_role": "infosec"}


def _spec(**changes: object) -> applications.ApplicationSpec:
    values: dict[str, object] = {
        "channel_id": "c1",
        "items": (applications.ItemSpec("s1", 100, 5),),
        "purpose": "预约挂号",
        "expected_daily_calls": 1000,
        "data_needed": "就诊卡号",
        "validity_start": None,
        "validity_end": None,
        "contact_name": "王工",
        "contact_phone": "13800000000",
        "contact_email": "",
    }
    values.update(changes)
    return applications.ApplicationSpec(**values)  # type: ignore[arg-type]


def _fields(error: pytest.ExceptionInfo[InvalidArgument]) -> set[str]:
    return {v.field for v in error.value.violations}


def test_a_complete_application_passes_and_each_bad_field_is_named() -> None:
    applications.validate_application(_spec())
    with pytest.raises(InvalidArgument) as bad:
        applications.validate_application(
            _spec(
                items=(applications.ItemSpec("s1", 0, 0), applications.ItemSpec("s1", 0, -1)),
                purpose=" ",
                validity_start=NOW,
                validity_end=NOW - timedelta(days=1),
                contact_email="not-an-address",
            )
        )
    assert _fields(bad) == {
        "access_application.items[1].api_service_id",
        "access_application.items[1].requested_rate_limit_per_second",
        "access_application.purpose",
        "access_application.validity.end_time",
        "access_application.contact_email",
    }


def test_a_transition_from_the_wrong_status_names_the_status() -> None:
    applications.require_status("JR-2026-000001", applications.DRAFT, applications.EDITABLE, "x")
    with pytest.raises(FailedPrecondition) as refused:
        applications.require_status(
            "JR-2026-000001", applications.APPROVED, (applications.PENDING,), "approved"
        )
    assert "APPROVED" in str(refused.value) and "PENDING" in str(refused.value)
    assert refused.value.kind == "APPLICATION_APPROVED"


def test_an_application_goes_through_the_longest_policy_of_its_categories() -> None:
    assert applications.review_steps([]) == [applications.DEFAULT_STEP]
    assert applications.review_steps([[BUSINESS], [BUSINESS, SECURITY]]) == [BUSINESS, SECURITY]


def test_reviewers_are_separate_from_the_applicant_and_from_each_other() -> None:
    def review(reviewer: str, roles: set[str], step: dict[str, str], earlier: list[str]) -> None:
        applications.check_reviewer(
            applicant_user_id="vendor",
            reviewer_user_id=reviewer,
            reviewer_roles=frozenset(roles),
            step=step,
            earlier_approvers=earlier,
        )

    review("li", set(), applications.DEFAULT_STEP, [])
    review("li", {"business_owner"}, BUSINESS, [])
    with pytest.raises(PermissionDenied):
        review("vendor", {"business_owner"}, BUSINESS, [])
    with pytest.raises(PermissionDenied):
        review("zhang", {"operator"}, BUSINESS, [])
    with pytest.raises(PermissionDenied):
        review("li", {"business_owner", "infosec"}, SECURITY, ["li"])


def test_a_grant_without_terms_ends_with_the_period_asked_for_else_the_policy_default() -> None:
    end = NOW + timedelta(days=90)
    assert applications.default_expiry(end, 30, NOW) == end
    assert applications.default_expiry(None, 30, NOW) == NOW + timedelta(days=30)
    assert applications.default_expiry(None, 0, NOW) is None


def test_a_review_policy_has_one_or_two_named_steps() -> None:
    applications.validate_policy("report", [BUSINESS, SECURITY], 365)
    with pytest.raises(InvalidArgument) as bad:
        applications.validate_policy("report", [{"name": "a", "reviewer_role": "Not A Role"}], 5000)
    assert _fields(bad) == {
        "review_policy.steps[0].reviewer_role",
        "review_policy.default_grant_days",
    }


def test_the_applicant_is_told_each_decision() -> None:
    assert "补充材料" in applications.notice(applications.RETURN, "审核", "补充材料", final=False)
    assert applications.notice(applications.APPROVE, "审核", "", final=True) != applications.notice(
        applications.APPROVE, "审核", "", final=False
    )


def test_an_attachment_is_an_allowed_small_file_that_is_what_it_claims() -> None:
    applications.validate_attachment("licence.pdf", "application/pdf", b"%PDF-1.7 ...")
    with pytest.raises(InvalidArgument) as bad:
        applications.validate_attachment("a/b.png", "image/png", b"%PDF-1.7")
    assert _fields(bad) == {"file.file_name", "file.content"}
    with pytest.raises(InvalidArgument) as bad:
        applications.validate_attachment("x.html", "text/html", b"<html>")
    assert _fields(bad) == {"file.content_type"}
    too_big = b"\xff\xd8\xff" + bytes(applications.MAX_ATTACHMENT_BYTES)
    with pytest.raises(InvalidArgument) as bad:
        applications.validate_attachment("scan.jpg", "image/jpeg", too_big)
    assert _fields(bad) == {"file.content"}
