"""Identity's rules on their own: password policy, lockout, idle timeout, TOTP, roles, chain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.identity import domain
from services.identity.main import security_policy
from services.identity.permissions import declared_permissions
from services.runtime.config import ConfigError
from services.runtime.errors import InvalidArgument

NOW = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
POLICY = domain.SecurityPolicy()


@pytest.mark.parametrize(
    ("password", "problems"),
    [
        ("Ward-7-Night", 0),
        ("abcDEF12", 0),  # 8 characters, three kinds
        ("abc-def-12", 0),
        ("Abc-1", 1),  # too short
        ("alllowercase", 1),  # one kind
        ("lowercase123", 1),  # two kinds
        ("short", 2),
    ],
)
def test_passwords_need_eight_characters_of_three_kinds(password: str, problems: int) -> None:
    assert len(domain.password_problems(password)) == problems


def test_temporary_passwords_meet_the_policy() -> None:
    for _ in range(50):
        assert domain.password_problems(domain.temporary_password()) == []


def test_the_fifth_failure_locks_for_the_lockout_period() -> None:
    failures = 0
    for _ in range(4):
        lockout = domain.after_failed_login(failures, POLICY, NOW)
        assert lockout.locked_until is None
        failures = lockout.failed_logins
    lockout = domain.after_failed_login(failures, POLICY, NOW)
    assert lockout.locked_until == NOW + timedelta(minutes=15)
    assert domain.is_locked(lockout.locked_until, NOW + timedelta(minutes=14, seconds=59))
    assert not domain.is_locked(lockout.locked_until, NOW + timedelta(minutes=15))


def test_passwords_expire_and_sessions_idle_out_by_the_policy() -> None:
    assert not domain.password_change_required(False, NOW, POLICY, NOW + timedelta(days=89))
    assert domain.password_change_required(False, NOW, POLICY, NOW + timedelta(days=90))
    assert domain.password_change_required(True, NOW, POLICY, NOW)
    assert not domain.session_idle_expired(NOW, POLICY, NOW + timedelta(minutes=29))
    assert domain.session_idle_expired(NOW, POLICY, NOW + timedelta(minutes=30))


# RFC 6238 appendix B, SHA-1 seed "12345678901234567890", last 6 of the 8 digits.
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"


@pytest.mark.parametrize(
    ("unix_time", "code"),
    [
        (59, "287082"),
        (1111111109, "081804"),
        (1111111111, "050471"),
        (1234567890, "005924"),
        (2000000000, "279037"),
    ],
)
def test_totp_matches_the_rfc_6238_vectors(unix_time: int, code: str) -> None:
    assert domain.totp_code(RFC_SECRET, unix_time) == code


def test_totp_accepts_one_step_either_side_and_each_code_once() -> None:
    secret = domain.new_totp_secret()
    now = 1_800_000_000.0
    step = domain.totp_step(now)
    for offset in (-30, 0, 30):
        assert domain.verify_totp(secret, domain.totp_code(secret, now + offset), now, 0)
    assert domain.verify_totp(secret, domain.totp_code(secret, now - 60), now, 0) is None
    assert domain.verify_totp(secret, domain.totp_code(secret, now + 60), now, 0) is None
    used = domain.verify_totp(secret, domain.totp_code(secret, now), now, 0)
    assert used == step
    assert domain.verify_totp(secret, domain.totp_code(secret, now), now, step) is None
    assert domain.verify_totp(secret, "12345", now, 0) is None
    uri = domain.otpauth_uri(secret, "wang.fang")
    assert uri.startswith("otpauth://totp/Wailian%3Awang.fang?secret=" + secret)


def test_built_in_roles_use_only_declared_permissions_and_keep_audit_apart() -> None:
    declared = set(declared_permissions())
    assert "identity.user.write" in declared and "monitor.traffic.read" in declared
    roles = {role.code: set(role.permissions) for role in domain.built_in_roles(declared)}
    for permissions in roles.values():
        assert permissions <= declared
    audit = {p for p in declared if p.startswith("identity.audit.")}
    holders = [code for code, permissions in roles.items() if permissions & audit]
    assert holders == ["audit_admin"]
    assert roles["system_admin"] == declared - audit


def test_custom_roles_cannot_take_audit_permissions() -> None:
    declared = set(declared_permissions())
    with pytest.raises(InvalidArgument) as refused:
        domain.validate_role("auditor2", "x", "", ["identity.audit.read"], declared)
    assert [v.field for v in refused.value.violations] == ["role.permissions"]


def test_the_audit_hash_covers_the_previous_hash_and_every_field() -> None:
    content = {"sequence": 1, "summary": "created user a", "actor_name": "admin"}
    first = domain.audit_hash(domain.GENESIS_HASH, content)
    assert first == domain.audit_hash(domain.GENESIS_HASH, dict(reversed(content.items())))
    assert first != domain.audit_hash("1" * 64, content)
    assert first != domain.audit_hash(domain.GENESIS_HASH, {**content, "actor_name": "root"})


def test_audit_snapshots_mask_secrets() -> None:
    masked = domain.masked({"username": "a", "password": "x", "totp_secret": "y", "roles": []})
    assert masked == {"username": "a", "password": "***", "totp_secret": "***", "roles": []}


def test_the_security_policy_is_configurable_and_checked() -> None:
    assert security_policy({}) == domain.SecurityPolicy()
    tuned = security_policy(
        {"WAILIAN_LOGIN_MAX_FAILURES": "3", "WAILIAN_SESSION_IDLE_MINUTES": "10"}
    )
    assert (tuned.max_failed_logins, tuned.session_idle_minutes) == (3, 10)
    with pytest.raises(ConfigError, match="WAILIAN_LOGIN_LOCKOUT_MINUTES"):
        security_policy({"WAILIAN_LOGIN_LOCKOUT_MINUTES": "soon"})
    with pytest.raises(ConfigError, match="WAILIAN_PASSWORD_MAX_AGE_DAYS"):
        security_policy({"WAILIAN_PASSWORD_MAX_AGE_DAYS": "0"})


def test_the_edge_hears_of_ended_credentials_only_while_their_tokens_could_live() -> None:
    from datetime import UTC, datetime, timedelta

    from services.identity.edge_auth import edge_relevant
    from services.identity.models import CredentialRow
    from wailian.identity.v1 import identity_pb2 as idp

    now = datetime(2026, 11, 29, 12, tzinfo=UTC)

    def credential(kind: int, expire: timedelta, revoked: timedelta | None = None) -> CredentialRow:
        return CredentialRow(
            kind=kind,
            expire_at=now + expire,
            revoked=revoked is not None,
            revoked_at=None if revoked is None else now + revoked,
        )

    token, mutual = idp.CREDENTIAL_KIND_TOKEN, idp.CREDENTIAL_KIND_MUTUAL_TLS
    assert edge_relevant(credential(token, timedelta(days=30)), now)  # live
    assert edge_relevant(credential(token, timedelta(days=30), -timedelta(hours=3)), now)
    assert not edge_relevant(credential(token, timedelta(days=30), -timedelta(days=2)), now)
    assert edge_relevant(credential(token, -timedelta(hours=1)), now)  # just expired
    assert not edge_relevant(credential(token, -timedelta(days=2)), now)
    # A revoked certificate stays refused by name until it expires by itself.
    assert edge_relevant(credential(mutual, timedelta(days=300), -timedelta(days=90)), now)
    assert not edge_relevant(credential(mutual, -timedelta(minutes=1)), now)
