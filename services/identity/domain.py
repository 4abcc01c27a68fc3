"""Identity's rules: passwords, channels, credentials and the claims of the tokens it signs."""

from __future__ import annotations

import ipaddress
import re
import secrets
from dataclasses import dataclass, field

from services.runtime.auth import CHANNEL_AUDIENCE, CONSOLE_AUDIENCE, ISSUER
from services.runtime.errors import Validator

ACCESS_TOKEN_SECONDS = 900
CHANNEL_TOKEN_SECONDS = 7200
DEFAULT_CREDENTIAL_DAYS = 365
MAX_CREDENTIAL_DAYS = 3 * 365

# Built-in roles; the identity issue adds the 等保 separation of duties and the permission tree.
ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "system_admin": ("*",),
}

_CHANNEL_CODE = re.compile(r"^[a-z][a-z0-9-]{1,31}$")
_PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")
_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,31}$")


@dataclass(frozen=True)
class ChannelSpec:
    code: str
    name: str
    type: int
    owner: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    ip_allow_list: list[str] = field(default_factory=list)
    rate_limit_per_second: int = 0
    daily_quota: int = 0


def validate_channel(spec: ChannelSpec, known_types: set[int]) -> None:
    """All of a channel's field rules at once, so the caller can fix every field in one go."""
    check = Validator()
    check.require(
        bool(_CHANNEL_CODE.match(spec.code)),
        "channel.code",
        "2-32 characters: a lower-case letter, then lower-case letters, digits or '-'",
    )
    check.require(0 < len(spec.name.strip()) <= 64, "channel.name", "1-64 characters")
    check.require(spec.type in known_types, "channel.type", "choose a channel type")
    check.require(len(spec.owner) <= 64, "channel.owner", "at most 64 characters")
    check.require(len(spec.contact_name) <= 64, "channel.contact_name", "at most 64 characters")
    check.require(
        not spec.contact_phone or bool(_PHONE.match(spec.contact_phone)),
        "channel.contact_phone",
        "digits, spaces and + - ( ) only",
    )
    for index, entry in enumerate(spec.ip_allow_list):
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            check.require(
                False, f"channel.ip_allow_list[{index}]", "an IP address or CIDR, e.g. 10.1.0.0/16"
            )
    check.require(
        0 <= spec.rate_limit_per_second <= 1_000_000,
        "channel.rate_limit_per_second",
        "0 (no limit) to 1000000",
    )
    check.require(spec.daily_quota >= 0, "channel.daily_quota", "0 (no quota) or more")
    check.check()


def validate_username(username: str) -> Validator:
    check = Validator()
    check.require(
        bool(_USERNAME.match(username)),
        "username",
        "3-32 characters: a letter, then letters, digits, '_', '.' or '-'",
    )
    return check


def password_problems(password: str) -> list[str]:
    """What a password lacks: at least 8 characters from 3 of 4 classes (等保 baseline)."""
    problems = []
    if len(password) < 8:
        problems.append("at least 8 characters")
    classes = sum(
        (
            any(c.islower() for c in password),
            any(c.isupper() for c in password),
            any(c.isdigit() for c in password),
            any(not c.isalnum() for c in password),
        )
    )
    if classes < 3:
        problems.append("characters of at least 3 kinds: lower case, upper case, digits, symbols")
    return problems


def permissions_of(roles: list[str]) -> list[str]:
    granted: set[str] = set()
    for role in roles:
        granted.update(ROLE_PERMISSIONS.get(role, ()))
    return sorted(granted)


def new_client_id() -> str:
    return "wl" + secrets.token_hex(9)


def new_client_secret() -> str:
    return secrets.token_urlsafe(32)


def access_token_claims(
    user_id: str, username: str, roles: list[str], now: int
) -> dict[str, object]:
    return {
        "iss": ISSUER,
        "aud": CONSOLE_AUDIENCE,
        "sub": user_id,
        "name": username,
        "roles": roles,
        "perms": permissions_of(roles),
        "iat": now,
        "exp": now + ACCESS_TOKEN_SECONDS,
        "jti": secrets.token_hex(8),
    }


def channel_token_claims(channel_id: str, channel_code: str, now: int) -> dict[str, object]:
    return {
        "iss": ISSUER,
        "aud": CHANNEL_AUDIENCE,
        "sub": channel_id,
        "channel_code": channel_code,
        "iat": now,
        "exp": now + CHANNEL_TOKEN_SECONDS,
        "jti": secrets.token_hex(8),
    }
