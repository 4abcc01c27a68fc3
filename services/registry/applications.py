"""Registry's rules for access applications and their review (modules 18, 19)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from services.registry import domain
from services.runtime.errors import FailedPrecondition, PermissionDenied, Validator
from wailian.registry.v1 import access_pb2

# The proto's AccessApplicationStatus numbers, stored as they are.
DRAFT = access_pb2.ACCESS_APPLICATION_STATUS_DRAFT
PENDING = access_pb2.ACCESS_APPLICATION_STATUS_PENDING
APPROVED = access_pb2.ACCESS_APPLICATION_STATUS_APPROVED
REJECTED = access_pb2.ACCESS_APPLICATION_STATUS_REJECTED
RETURNED = access_pb2.ACCESS_APPLICATION_STATUS_RETURNED
WITHDRAWN = access_pb2.ACCESS_APPLICATION_STATUS_WITHDRAWN
STATUSES = (DRAFT, PENDING, APPROVED, REJECTED, RETURNED, WITHDRAWN)
# The applicant may change and (re)submit these; a reviewer acts on PENDING ones only.
EDITABLE = (DRAFT, RETURNED)
WITHDRAWABLE = (PENDING, RETURNED)

SUBMIT = access_pb2.REVIEW_ACTION_SUBMIT
APPROVE = access_pb2.REVIEW_ACTION_APPROVE
REJECT = access_pb2.REVIEW_ACTION_REJECT
RETURN = access_pb2.REVIEW_ACTION_RETURN
WITHDRAW = access_pb2.REVIEW_ACTION_WITHDRAW

MAX_ITEMS = 50
MAX_TEXT = 2000
MAX_COMMENT = 1000
MAX_STEPS = 2
MAX_GRANT_DAYS = 3650
DEFAULT_STEP = {"name": "审核", "reviewer_role": ""}
# The fields UpdateAccessApplication can change (all of them when the mask is empty).
WRITABLE = (
    "items",
    "purpose",
    "expected_daily_calls",
    "data_needed",
    "validity",
    "contact_name",
    "contact_phone",
    "contact_email",
)
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Identity's rule for role codes.
_ROLE_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


@dataclass(frozen=True)
class ItemSpec:
    api_service_id: str
    requested_daily_quota: int
    requested_rate_limit_per_second: int


@dataclass(frozen=True)
class ApplicationSpec:
    """What the applicant writes; channel_id is fixed once the application exists."""

    channel_id: str
    items: tuple[ItemSpec, ...]
    purpose: str
    expected_daily_calls: int
    data_needed: str
    validity_start: datetime | None
    validity_end: datetime | None
    contact_name: str
    contact_phone: str
    contact_email: str


def validate_application(spec: ApplicationSpec) -> None:
    """All of an application's field rules at once, so the applicant fixes every field in one go."""
    check = Validator()
    prefix = "access_application."
    check.require(
        0 < len(spec.channel_id) <= 64, prefix + "channel_id", "choose one of your channels"
    )
    check.require(
        0 < len(spec.items) <= MAX_ITEMS,
        prefix + "items",
        f"ask for 1-{MAX_ITEMS} API services",
    )
    seen: set[str] = set()
    for index, item in enumerate(spec.items):
        field = f"{prefix}items[{index}]"
        check.require(
            0 < len(item.api_service_id) <= 64, f"{field}.api_service_id", "choose an API service"
        )
        check.require(
            item.api_service_id not in seen, f"{field}.api_service_id", "listed more than once"
        )
        seen.add(item.api_service_id)
        check.require(
            item.requested_daily_quota >= 0,
            f"{field}.requested_daily_quota",
            "must not be negative",
        )
        check.require(
            item.requested_rate_limit_per_second >= 0,
            f"{field}.requested_rate_limit_per_second",
            "must not be negative",
        )
    check.require(
        0 < len(spec.purpose.strip()) <= MAX_TEXT,
        prefix + "purpose",
        f"required: the business scenario, at most {MAX_TEXT} characters",
    )
    check.require(
        spec.expected_daily_calls >= 0, prefix + "expected_daily_calls", "must not be negative"
    )
    check.require(
        0 < len(spec.data_needed.strip()) <= MAX_TEXT,
        prefix + "data_needed",
        f"required: which patient data and why, at most {MAX_TEXT} characters",
    )
    if spec.validity_start is not None and spec.validity_end is not None:
        check.require(
            spec.validity_end > spec.validity_start,
            prefix + "validity.end_time",
            "must be after start_time",
        )
    check.require(
        0 < len(spec.contact_name.strip()) <= 64, prefix + "contact_name", "1-64 characters"
    )
    check.require(
        bool(_PHONE.match(spec.contact_phone)), prefix + "contact_phone", "a telephone number"
    )
    check.require(
        not spec.contact_email
        or (len(spec.contact_email) <= 128 and bool(_EMAIL.match(spec.contact_email))),
        prefix + "contact_email",
        "an e-mail address, or empty",
    )
    check.check()


def check_comment(check: Validator, comment: str, *, required: bool) -> None:
    check.require(
        (not required or bool(comment.strip())) and len(comment) <= MAX_COMMENT,
        "comment",
        f"{'required, ' if required else ''}at most {MAX_COMMENT} characters",
    )


def status_name(status: int) -> str:
    return access_pb2.AccessApplicationStatus.Name(status).removeprefix(  # type: ignore[arg-type]
        "ACCESS_APPLICATION_STATUS_"
    )


def require_status(number: str, status: int, allowed: Iterable[int], doing: str) -> None:
    """FAILED_PRECONDITION naming the status when `doing` is not allowed from it."""
    allowed = tuple(allowed)
    if status not in allowed:
        raise FailedPrecondition(
            f"application {number} is {status_name(status)}: it cannot be {doing} "
            f"(only when {' or '.join(status_name(s) for s in allowed)})",
            subject=number,
            kind=f"APPLICATION_{status_name(status)}",
        )


def review_steps(policies: Iterable[Sequence[dict[str, str]]]) -> list[dict[str, str]]:
    """The steps of an application: the longest of its categories' policies (the first of the
    longest when they tie); one step any approver may take when no category has a policy."""
    longest: list[dict[str, str]] = []
    for steps in policies:
        if len(steps) > len(longest):
            longest = [dict(step) for step in steps]
    return longest or [dict(DEFAULT_STEP)]


def check_reviewer(
    *,
    applicant_user_id: str,
    reviewer_user_id: str,
    reviewer_roles: frozenset[str],
    step: dict[str, str],
    earlier_approvers: Iterable[str],
) -> None:
    """Separation of duties: the applicant never reviews its own application, one person
    approves one step of it at most, and a step with a role is reviewed by that role."""
    if reviewer_user_id == applicant_user_id:
        raise PermissionDenied("you applied for this access: another person must review it")
    if reviewer_user_id in set(earlier_approvers):
        raise PermissionDenied("you approved an earlier step: another person reviews this one")
    role = step.get("reviewer_role", "")
    if role and role not in reviewer_roles:
        raise PermissionDenied(
            f"step {step.get('name', '')!r} is reviewed by holders of role {role}"
        )


def validate_policy(
    category: str, steps: Sequence[dict[str, str]], default_grant_days: int
) -> None:
    check = Validator()
    check.require(
        category in domain.CATEGORIES,
        "category",
        f"one of {', '.join(domain.CATEGORIES)}",
    )
    check.require(0 < len(steps) <= MAX_STEPS, "review_policy.steps", f"1-{MAX_STEPS} review steps")
    for index, step in enumerate(steps):
        field = f"review_policy.steps[{index}]"
        check.require(0 < len(step["name"].strip()) <= 64, f"{field}.name", "1-64 characters")
        check.require(
            not step["reviewer_role"] or bool(_ROLE_CODE.match(step["reviewer_role"])),
            f"{field}.reviewer_role",
            "a role code (lower-case letters, digits, '_'), or empty for any approver",
        )
    check.require(
        0 <= default_grant_days <= MAX_GRANT_DAYS,
        "review_policy.default_grant_days",
        f"0 (no expiry) to {MAX_GRANT_DAYS}",
    )
    check.check()


def default_expiry(
    validity_end: datetime | None, default_grant_days: int, now: datetime
) -> datetime | None:
    """When a grant ends if the reviewer sets no expiry: the end of the period asked for, else
    the policy's default days, else never."""
    if validity_end is not None:
        return validity_end
    if default_grant_days:
        return now + timedelta(days=default_grant_days)
    return None


def record(
    action: int,
    step: int,
    step_name: str,
    *,
    actor_user_id: str,
    actor_name: str,
    comment: str,
    time: datetime,
    idempotency_key: str = "",
) -> dict[str, object]:
    """One history entry, as stored (JSON)."""
    return {
        "action": action,
        "step": step,
        "step_name": step_name,
        "actor_user_id": actor_user_id,
        "actor_name": actor_name,
        "comment": comment,
        "time": time.isoformat(),
        "idempotency_key": idempotency_key,
    }


NOTICES = {
    SUBMIT: "已提交，等待{step}",
    APPROVE: "已通过{step}",
    REJECT: "未通过审核：{comment}",
    RETURN: "已退回修改：{comment}",
    WITHDRAW: "已撤回",
}


def notice(action: int, step_name: str, comment: str, final: bool) -> str:
    """What the applicant is told about an action on its application."""
    if action == APPROVE and final:
        return "审核通过，已开通接口权限"
    return NOTICES[action].format(step=step_name, comment=comment)


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENTS = 10
# What an application's supporting files may be, and how each kind of file begins: a file
# whose first bytes contradict its declared type is refused (a renamed executable, say).
ATTACHMENT_TYPES: dict[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (b"PK\x03\x04",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (b"PK\x03\x04",),
}
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f/\\]")


def validate_attachment(file_name: str, content_type: str, content: bytes) -> None:
    check = Validator()
    check.require(
        0 < len(file_name.strip()) <= 255 and not _UNSAFE_NAME.search(file_name),
        "file.file_name",
        "1-255 characters, without '/', '\\' or control characters",
    )
    magic = ATTACHMENT_TYPES.get(content_type)
    check.require(
        magic is not None,
        "file.content_type",
        f"one of {', '.join(ATTACHMENT_TYPES)}",
    )
    check.require(
        0 < len(content) <= MAX_ATTACHMENT_BYTES,
        "file.content",
        f"1 byte to {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MiB",
    )
    if magic is not None and content:
        check.require(content.startswith(magic), "file.content", f"is not a {content_type} file")
    check.check()
