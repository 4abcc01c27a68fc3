"""Monitor's rules: what a request's outcome is, and what "today" means."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo


class Outcome(Enum):
    """One definition of success, used by every figure the platform shows.

    Success: a response below 400 with no Envoy response flag (no local reset, timeout, ...).
    Client error: a 4xx (bad credential, unknown route, invalid input) — the channel's side.
    Server error: everything else — 5xx, or a failure Envoy flagged — the hospital's side.
    """

    SUCCESS = "success"
    CLIENT_ERROR = "client_error"
    SERVER_ERROR = "server_error"


def outcome(status: int, response_flags: str) -> Outcome:
    if 100 <= status < 400 and not response_flags:
        return Outcome.SUCCESS
    if 400 <= status < 500:
        return Outcome.CLIENT_ERROR
    return Outcome.SERVER_ERROR


@dataclass(frozen=True)
class Day:
    start: datetime
    end: datetime


def local_day(now: datetime, timezone: str) -> Day:
    """The calendar day containing `now` in the platform's time zone, as a UTC range."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    start = datetime(local.year, local.month, local.day, tzinfo=zone)
    end = start + timedelta(days=1)
    return Day(start.astimezone(UTC), end.astimezone(UTC))
