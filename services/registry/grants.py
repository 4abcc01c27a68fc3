"""Registry's rules for access grants: a channel's right to call one API service."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from services.runtime.errors import Validator
from wailian.registry.v1 import access_pb2

# The proto's AccessGrantStatus numbers, stored as they are. Only ACTIVE, EXPIRED and REVOKED
# are stored: SCHEDULED and expiry are worked out from the times whenever a grant is read,
# so a grant lapses on time without anything rewriting it.
ACTIVE = access_pb2.ACCESS_GRANT_STATUS_ACTIVE
SCHEDULED = access_pb2.ACCESS_GRANT_STATUS_SCHEDULED
EXPIRED = access_pb2.ACCESS_GRANT_STATUS_EXPIRED
REVOKED = access_pb2.ACCESS_GRANT_STATUS_REVOKED
STATUSES = (ACTIVE, SCHEDULED, EXPIRED, REVOKED)

# Identity's rule for channel codes (registry does not own channels, so it checks the shape).
_CHANNEL_CODE = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
MAX_REASON = 500
MAX_IDEMPOTENCY_KEY = 128
TERMS = ("daily_quota", "rate_limit_per_second", "expire_time")


@dataclass(frozen=True)
class GrantTerms:
    """What a grant allows: calls per day and per second, and until when."""

    daily_quota: int
    rate_limit_per_second: int
    expire_time: datetime | None


@dataclass(frozen=True)
class GrantSpec:
    channel_id: str
    channel_code: str
    api_service_id: str
    terms: GrantTerms
    start_time: datetime | None


def check_terms(
    check: Validator, terms: GrantTerms, start_time: datetime | None, now: datetime
) -> None:
    check.require(terms.daily_quota >= 0, "access_grant.daily_quota", "must not be negative")
    check.require(
        terms.rate_limit_per_second >= 0,
        "access_grant.rate_limit_per_second",
        "must not be negative",
    )
    if terms.expire_time is not None:
        check.require(terms.expire_time > now, "access_grant.expire_time", "must be in the future")
        check.require(
            start_time is None or terms.expire_time > start_time,
            "access_grant.expire_time",
            "must be after start_time",
        )


def validate_grant(spec: GrantSpec, reason: str, idempotency_key: str, now: datetime) -> None:
    """All of a direct grant's field rules at once, so the caller can fix every field in one go."""
    check = Validator()
    check.require(
        0 < len(spec.channel_id) <= 64, "access_grant.channel_id", "required, at most 64 characters"
    )
    check.require(
        bool(_CHANNEL_CODE.match(spec.channel_code)),
        "access_grant.channel_code",
        "2-32 characters: a lower-case letter, then lower-case letters, digits or '-'",
    )
    check.require(
        0 < len(spec.api_service_id) <= 64, "access_grant.api_service_id", "choose an API service"
    )
    check_terms(check, spec.terms, spec.start_time, now)
    check_reason(check, reason)
    check_idempotency_key(check, idempotency_key)
    check.check()


def check_reason(check: Validator, reason: str) -> None:
    check.require(
        0 < len(reason.strip()) <= MAX_REASON,
        "reason",
        f"required, at most {MAX_REASON} characters",
    )


def check_idempotency_key(check: Validator, key: str) -> None:
    check.require(
        len(key) <= MAX_IDEMPOTENCY_KEY,
        "idempotency_key",
        f"at most {MAX_IDEMPOTENCY_KEY} characters",
    )


def status_at(
    stored: int, start_time: datetime, expire_time: datetime | None, now: datetime
) -> int:
    """How a grant stands at `now`: a stored ACTIVE grant may have lapsed or not begun yet."""
    if stored != ACTIVE:
        return stored
    if expire_time is not None and expire_time <= now:
        return EXPIRED
    if start_time > now:
        return SCHEDULED
    return ACTIVE
