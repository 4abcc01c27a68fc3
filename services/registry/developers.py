"""The developer center's rules: what a vendor's sign-up must hold and how its review moves.

No gRPC and no SQL here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from services.runtime.errors import FailedPrecondition, Validator

# wailian.registry.v1.DeveloperStatus
PENDING = 1
ACTIVE = 2
REJECTED = 3
DISABLED = 4
STATUSES = {PENDING: "PENDING", ACTIVE: "ACTIVE", REJECTED: "REJECTED", DISABLED: "DISABLED"}

# The built-in identity role of developer-center accounts (services/identity/domain.py).
DEVELOPER_ROLE = "developer"

_USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{2,31}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 -]{4,30}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# GB 32100-2015: 18 characters of this alphabet, the last one a check character.
_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def status_name(status: int) -> str:
    return STATUSES.get(status, "UNSPECIFIED")


def uscc_check_character(first17: str) -> str:
    """The check character of a unified social credit code's first 17 characters."""
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def is_unified_social_credit_code(code: str) -> bool:
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        return False
    return uscc_check_character(code[:17]) == code[17]


@dataclass(frozen=True)
class Contact:
    contact_name: str
    contact_phone: str
    contact_email: str
    description: str


@dataclass(frozen=True)
class Registration:
    organization_name: str
    unified_social_credit_code: str
    contact: Contact
    username: str
    password: str


def check_contact(check: Validator, contact: Contact, prefix: str = "") -> None:
    check.require(
        0 < len(contact.contact_name.strip()) <= 64, prefix + "contact_name", "1-64 characters"
    )
    check.require(
        bool(_PHONE.match(contact.contact_phone)), prefix + "contact_phone", "a telephone number"
    )
    check.require(
        len(contact.contact_email) <= 128 and bool(_EMAIL.match(contact.contact_email)),
        prefix + "contact_email",
        "an e-mail address",
    )
    check.require(
        len(contact.description) <= 2000, prefix + "description", "at most 2000 characters"
    )


def validate_registration(spec: Registration) -> None:
    """INVALID_ARGUMENT naming every field that is wrong. The password policy proper is
    identity's: it is checked again when approval creates the account."""
    check = Validator()
    check.require(
        0 < len(spec.organization_name.strip()) <= 128, "organization_name", "1-128 characters"
    )
    check.require(
        is_unified_social_credit_code(spec.unified_social_credit_code),
        "unified_social_credit_code",
        "18 characters (digits and capital letters) with a valid check character",
    )
    check_contact(check, spec.contact)
    check.require(
        bool(_USERNAME.match(spec.username)),
        "username",
        "3-32 characters: a letter, then letters, digits, '_', '.' or '-'",
    )
    check.require(8 <= len(spec.password) <= 128, "password", "8-128 characters")
    check.check()


def require_status(status: int, allowed: tuple[int, ...], action: str) -> None:
    """FAILED_PRECONDITION when a developer in `status` cannot take `action`."""
    if status not in allowed:
        raise FailedPrecondition(
            f"cannot {action} a developer that is {status_name(status).lower()}",
            subject="developer.status",
        )
