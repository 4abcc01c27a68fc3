"""Identity's rules: passwords, lockout, sessions, TOTP, roles, audit chain, channels, tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import re
import secrets
import string
import struct
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote, urlencode

from services.runtime.auth import CHANNEL_AUDIENCE, CONSOLE_AUDIENCE, ISSUER
from services.runtime.errors import Validator

ACCESS_TOKEN_SECONDS = 900
# A token with a pending password change or TOTP enrolment may only look after its own account.
SELF_SERVICE_PERMISSION = "identity.session.self"
CHANNEL_TOKEN_SECONDS = 7200
DEFAULT_CREDENTIAL_DAYS = 365
MAX_CREDENTIAL_DAYS = 3 * 365

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
    contact_email: str = ""
    description: str = ""
    sandbox: bool = False
    vendor_user_ids: list[str] = field(default_factory=list)


MAX_CHANNEL_VENDORS = 20

# What UpdateChannel may change; the code is permanent (logs and statistics name it) and the
# status moves only through EnableChannel / DisableChannel.
CHANNEL_WRITABLE_FIELDS = (
    "name",
    "type",
    "owner",
    "contact_name",
    "contact_phone",
    "contact_email",
    "ip_allow_list",
    "rate_limit_per_second",
    "daily_quota",
    "description",
    "sandbox",
    "vendor_user_ids",
)


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
    check.require(
        not spec.contact_email
        or (len(spec.contact_email) <= 128 and bool(_EMAIL.match(spec.contact_email))),
        "channel.contact_email",
        "an e-mail address such as it@vendor.cn",
    )
    check.require(len(spec.description) <= 256, "channel.description", "at most 256 characters")
    check.require(
        len(spec.vendor_user_ids) <= MAX_CHANNEL_VENDORS
        and len(set(spec.vendor_user_ids)) == len(spec.vendor_user_ids)
        and all(0 < len(user_id) <= 36 for user_id in spec.vendor_user_ids),
        "channel.vendor_user_ids",
        f"at most {MAX_CHANNEL_VENDORS} different user ids",
    )
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


def new_client_id() -> str:
    return "wl" + secrets.token_hex(9)


def new_client_secret() -> str:
    return secrets.token_urlsafe(32)


DEFAULT_ROTATION_OVERLAP = timedelta(hours=24)
MAX_ROTATION_OVERLAP = timedelta(days=30)


def overlap_expiry(expire_at: datetime, now: datetime, overlap: timedelta) -> datetime:
    """When a rotated credential stops working: at the end of the overlap, or sooner when it
    would have expired anyway."""
    return min(expire_at, now + overlap)


def channel_token_claims(
    channel_id: str, channel_code: str, credential_id: str, now: int
) -> dict[str, object]:
    """The channel access token; "cid" lets the edge refuse tokens of a revoked credential."""
    return {
        "iss": ISSUER,
        "aud": CHANNEL_AUDIENCE,
        "sub": channel_id,
        "channel_code": channel_code,
        "cid": credential_id,
        "iat": now,
        "exp": now + CHANNEL_TOKEN_SECONDS,
        "jti": secrets.token_hex(8),
    }


@dataclass(frozen=True)
class SecurityPolicy:
    """The login and password rules (等保 2.0 baseline defaults); configurable at start."""

    password_max_age_days: int = 90
    password_history: int = 5
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    session_idle_minutes: int = 30
    access_token_seconds: int = ACCESS_TOKEN_SECONDS

    @property
    def idle_timeout(self) -> timedelta:
        return timedelta(minutes=self.session_idle_minutes)


# --- users and passwords ---------------------------------------------------------------------


@dataclass(frozen=True)
class UserSpec:
    """The writable profile of an account."""

    display_name: str
    roles: list[str]
    kind: int
    email: str = ""
    phone: str = ""
    organization: str = ""


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def validate_user(
    spec: UserSpec, known_roles: set[str], known_kinds: set[int], prefix: str = "user."
) -> Validator:
    """Every field rule of a profile; the caller adds its own and raises them together."""
    check = Validator()
    check.require(
        0 < len(spec.display_name.strip()) <= 64, prefix + "display_name", "1-64 characters"
    )
    check.require(spec.kind in known_kinds, prefix + "kind", "choose staff, developer or service")
    check.require(
        not spec.email or (len(spec.email) <= 128 and bool(_EMAIL.match(spec.email))),
        prefix + "email",
        "an e-mail address such as name@hospital.cn",
    )
    check.require(
        not spec.phone or bool(_PHONE.match(spec.phone)),
        prefix + "phone",
        "digits, spaces and + - ( ) only",
    )
    check.require(len(spec.organization) <= 64, prefix + "organization", "at most 64 characters")
    unknown = sorted(set(spec.roles) - known_roles)
    check.require(not unknown, prefix + "roles", f"unknown roles: {', '.join(unknown)}")
    check.require(len(set(spec.roles)) == len(spec.roles), prefix + "roles", "each role only once")
    check.require(
        not (EXCLUSIVE_ROLE in spec.roles and len(spec.roles) > 1),
        prefix + "roles",
        f"{EXCLUSIVE_ROLE} cannot be combined with other roles (separation of duties)",
    )
    return check


def temporary_password() -> str:
    """A random password that satisfies the policy; the user must change it at the next login."""
    alphabet = string.ascii_letters + string.digits
    body = "".join(secrets.choice(alphabet) for _ in range(12))
    return (
        body
        + secrets.choice(string.ascii_uppercase)
        + secrets.choice(string.ascii_lowercase)
        + secrets.choice(string.digits)
        + secrets.choice("@#%+=!")
    )


def password_expire_time(changed_at: datetime, policy: SecurityPolicy) -> datetime:
    return changed_at + timedelta(days=policy.password_max_age_days)


def password_change_required(
    must_change: bool, changed_at: datetime, policy: SecurityPolicy, now: datetime
) -> bool:
    """First login, after a reset, or once the password is older than the policy allows."""
    return must_change or password_expire_time(changed_at, policy) <= now


@dataclass(frozen=True)
class Lockout:
    failed_logins: int
    locked_until: datetime | None


def after_failed_login(failed_logins: int, policy: SecurityPolicy, now: datetime) -> Lockout:
    """Count a failure; the policy's limit locks the account for the lockout period."""
    failures = failed_logins + 1
    if failures >= policy.max_failed_logins:
        return Lockout(0, now + timedelta(minutes=policy.lockout_minutes))
    return Lockout(failures, None)


def is_locked(locked_until: datetime | None, now: datetime) -> bool:
    return locked_until is not None and locked_until > now


# --- sessions ----------------------------------------------------------------------------------


def new_refresh_token(session_id: str) -> str:
    return f"{session_id}.{secrets.token_urlsafe(32)}"


def refresh_token_session(token: str) -> str:
    """The session id a refresh token names (checked against its hash afterwards)."""
    return token.split(".", 1)[0] if "." in token else ""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def session_idle_expired(last_active_at: datetime, policy: SecurityPolicy, now: datetime) -> bool:
    return now - last_active_at >= policy.idle_timeout


def access_token_claims(
    user_id: str,
    username: str,
    roles: list[str],
    permissions: Iterable[str],
    session_id: str,
    now: int,
    lifetime: int = ACCESS_TOKEN_SECONDS,
    kind: int = 1,
) -> dict[str, object]:
    return {
        "iss": ISSUER,
        "aud": CONSOLE_AUDIENCE,
        "sub": user_id,
        "name": username,
        "roles": roles,
        "perms": sorted(set(permissions)),
        "sid": session_id,
        "kind": kind,
        "iat": now,
        "exp": now + lifetime,
        "jti": secrets.token_hex(8),
    }


# --- TOTP (RFC 6238 over RFC 4226 HOTP, SHA-1, 6 digits, 30 s steps) ---------------------------

TOTP_STEP_SECONDS = 30
TOTP_DIGITS = 6
TOTP_ISSUER = "Wailian"


def new_totp_secret() -> str:
    """160 random bits in base32 without padding, as authenticator apps expect."""
    return base64.b32encode(secrets.token_bytes(20)).decode().rstrip("=")


def _hotp(secret: str, counter: int) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**TOTP_DIGITS).zfill(TOTP_DIGITS)


def totp_step(unix_time: float) -> int:
    return int(unix_time // TOTP_STEP_SECONDS)


def totp_code(secret: str, unix_time: float) -> str:
    return _hotp(secret, totp_step(unix_time))


def verify_totp(secret: str, code: str, unix_time: float, last_used_step: int) -> int | None:
    """The step the code matches within ±1 step, or None; a step at or before the last used
    one is refused, so a code works once."""
    if not (len(code) == TOTP_DIGITS and code.isdigit()):
        return None
    current = totp_step(unix_time)
    for step in (current - 1, current, current + 1):
        if step > last_used_step and hmac.compare_digest(_hotp(secret, step), code):
            return step
    return None


def otpauth_uri(secret: str, username: str) -> str:
    label = quote(f"{TOTP_ISSUER}:{username}")
    query = urlencode(
        {
            "secret": secret,
            "issuer": TOTP_ISSUER,
            "algorithm": "SHA1",
            "digits": TOTP_DIGITS,
            "period": TOTP_STEP_SECONDS,
        }
    )
    return f"otpauth://totp/{label}?{query}"


def new_recovery_codes(count: int = 8) -> list[str]:
    return [f"{secrets.token_hex(4)}-{secrets.token_hex(4)}" for _ in range(count)]


# --- roles and permissions ---------------------------------------------------------------------

EXCLUSIVE_ROLE = "audit_admin"
AUDIT_PREFIX = "identity.audit."
SECURITY_PREFIXES = (
    "identity.user.",
    "identity.role.",
    "identity.session.",
    "identity.setting.",
    "identity.credential.",
    "identity.channel.read",
)
_ROLE_CODE = re.compile(r"^[a-z][a-z0-9_]{1,31}$")


@dataclass(frozen=True)
class BuiltInRole:
    code: str
    name: str
    description: str
    permissions: tuple[str, ...]


def built_in_roles(declared: Iterable[str]) -> list[BuiltInRole]:
    """The shipped roles, derived from the permissions the protos declare (等保 three admins)."""
    every = sorted(set(declared) | {SELF_SERVICE_PERMISSION})
    reads = [p for p in every if p.endswith(".read") and not p.startswith(AUDIT_PREFIX)]

    def having(*prefixes: str) -> tuple[str, ...]:
        return tuple(p for p in every if p.startswith(prefixes))

    return [
        BuiltInRole(
            "system_admin",
            "系统管理员",
            "Runs the platform: every permission except reading the audit trail.",
            tuple(p for p in every if not p.startswith(AUDIT_PREFIX)),
        ),
        BuiltInRole(
            "security_admin",
            "安全管理员",
            "Accounts, roles, sessions, security settings and channel credentials.",
            having(*SECURITY_PREFIXES),
        ),
        BuiltInRole(
            "audit_admin",
            "审计管理员",
            "Reads and exports the audit trail, and nothing else.",
            (*having("identity.audit.read", "identity.audit.export"), SELF_SERVICE_PERMISSION),
        ),
        BuiltInRole(
            "operator",
            "运维人员",
            "Watches and operates: reads everything but the audit trail, handles monitoring.",
            tuple(sorted({*reads, *having("monitor."), SELF_SERVICE_PERMISSION})),
        ),
        BuiltInRole(
            "read_only",
            "只读用户",
            "Reads everything but the audit trail.",
            tuple(sorted({*reads, SELF_SERVICE_PERMISSION})),
        ),
        BuiltInRole(
            "developer",
            "开发者",
            "An external vendor: its own channels, credentials and the API documentation.",
            having(
                SELF_SERVICE_PERMISSION,
                "identity.channel.read",
                "identity.credential.",
                "registry.api_doc.read",
                "registry.api_service.read",
                # Applying, not reviewing: approval is the hospital's.
                "registry.access_application.read",
                "registry.access_application.write",
                "registry.developer.self",
                "registry.api_test.run",
                # Notices about its own channels (quota nearly used, a credential expiring).
                "monitor.channel_notice.read",
            ),
        ),
    ]


def validate_role(
    code: str, name: str, description: str, permissions: list[str], declared: set[str]
) -> None:
    check = Validator()
    check.require(
        bool(_ROLE_CODE.match(code)),
        "role.code",
        "2-32 characters: a lower-case letter, then lower-case letters, digits or '_'",
    )
    check.require(0 < len(name.strip()) <= 64, "role.name", "1-64 characters")
    check.require(len(description) <= 256, "role.description", "at most 256 characters")
    unknown = sorted(set(permissions) - declared - {SELF_SERVICE_PERMISSION})
    check.require(
        not unknown, "role.permissions", f"not permissions of the platform: {', '.join(unknown)}"
    )
    check.require(
        not any(p.startswith(AUDIT_PREFIX) for p in permissions),
        "role.permissions",
        "the audit trail belongs to the built-in audit_admin role alone",
    )
    check.check()


# --- audit chain -------------------------------------------------------------------------------

GENESIS_HASH = "0" * 64


def audit_hash(previous_hash: str, content: Mapping[str, object]) -> str:
    """SHA-256 over the previous link's hash and this record's canonical JSON."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(previous_hash.encode() + b"\n" + canonical.encode()).hexdigest()


_SECRET_KEYS = ("password", "secret", "token", "totp", "recovery", "hash")


def masked(snapshot: Mapping[str, object]) -> dict[str, object]:
    """A resource snapshot for the audit trail with every secret-looking field masked."""
    return {
        key: "***" if any(word in key.lower() for word in _SECRET_KEYS) else value
        for key, value in snapshot.items()
    }


# AuditRecord enums (wailian.identity.v1.ActorKind / AuditResult numbers).
ACTOR_USER = 1
ACTOR_SERVICE = 3
ACTOR_ANONYMOUS = 4
RESULT_SUCCESS = 1
RESULT_FAILURE = 2
RESULT_DENIED = 3


# --- system configuration ------------------------------------------------------------------------

SETTING_BOOL = 1
SETTING_INTEGER = 2
SETTING_STRING = 4
SETTING_ENUM = 7


@dataclass(frozen=True)
class SettingDefinition:
    """One typed setting the platform ships: its default, bounds and where the console shows it."""

    key: str
    group: str
    display_name: str
    description: str
    type: int
    default: bool | int | str
    unit: str = ""
    minimum: int | None = None
    maximum: int | None = None
    allowed_values: tuple[str, ...] = ()
    max_length: int = 0


def setting_definitions(policy: SecurityPolicy) -> dict[str, SettingDefinition]:
    """The catalogue; security defaults come from the start-up policy (environment variables)."""
    definitions = (
        SettingDefinition(
            "security.password.max_age_days",
            "security",
            "密码有效期",
            "Days before a password must be changed.",
            SETTING_INTEGER,
            policy.password_max_age_days,
            "days",
            1,
            3650,
        ),
        SettingDefinition(
            "security.password.history",
            "security",
            "密码历史",
            "How many recent passwords cannot be used again.",
            SETTING_INTEGER,
            policy.password_history,
            "",
            1,
            24,
        ),
        SettingDefinition(
            "security.login.max_failures",
            "security",
            "登录失败锁定次数",
            "Failed sign-ins in a row that lock the account.",
            SETTING_INTEGER,
            policy.max_failed_logins,
            "",
            1,
            100,
        ),
        SettingDefinition(
            "security.login.lockout_minutes",
            "security",
            "锁定时长",
            "How long a locked account stays locked.",
            SETTING_INTEGER,
            policy.lockout_minutes,
            "minutes",
            1,
            24 * 60,
        ),
        SettingDefinition(
            "session.idle_minutes",
            "session",
            "会话空闲超时",
            "A session idle this long must sign in again.",
            SETTING_INTEGER,
            policy.session_idle_minutes,
            "minutes",
            5,
            24 * 60,
        ),
        SettingDefinition(
            "retention.audit_days",
            "retention",
            "审计记录保留",
            "Days the audit trail is kept (等保 asks for at least 180).",
            SETTING_INTEGER,
            180,
            "days",
            180,
            3650,
        ),
        SettingDefinition(
            "retention.access_log_days",
            "retention",
            "访问日志保留",
            "Days the edge's access log is kept.",
            SETTING_INTEGER,
            180,
            "days",
            1,
            3650,
        ),
        SettingDefinition(
            "branding.hospital_name",
            "branding",
            "医院名称",
            "Shown on the login page and in the console's title bar.",
            SETTING_STRING,
            "",
            max_length=64,
        ),
        SettingDefinition(
            "branding.console_title",
            "branding",
            "控制台标题",
            "The console's title.",
            SETTING_STRING,
            "外联平台",
            max_length=64,
        ),
        SettingDefinition(
            "branding.default_locale",
            "branding",
            "默认语言",
            "The console's language before a user picks one.",
            SETTING_ENUM,
            "zh-CN",
            allowed_values=("zh-CN", "en"),
        ),
        SettingDefinition(
            "branding.login_notice",
            "branding",
            "登录提示",
            "Notice on the login page, e.g. the acceptable-use warning.",
            SETTING_STRING,
            "本系统仅限授权人员使用，所有操作均被记录。",
            max_length=512,
        ),
    )
    return {definition.key: definition for definition in definitions}


def setting_value(definition: SettingDefinition, value: object, field_name: str) -> object:
    """The value checked against the setting's type and bounds (JSON numbers arrive as floats)."""
    check = Validator()
    if definition.type == SETTING_BOOL:
        check.require(isinstance(value, bool), field_name, "true or false")
    elif definition.type == SETTING_INTEGER:
        whole = isinstance(value, int | float) and not isinstance(value, bool)
        whole = whole and float(value).is_integer()  # type: ignore[arg-type]
        check.require(whole, field_name, "a whole number")
        if whole:
            number = int(value)  # type: ignore[call-overload]
            low, high = definition.minimum, definition.maximum
            check.require(
                (low is None or number >= low) and (high is None or number <= high),
                field_name,
                f"between {low} and {high}",
            )
            value = number
    elif definition.type == SETTING_STRING:
        check.require(isinstance(value, str), field_name, "text")
        if isinstance(value, str):
            value = value.strip()
            check.require(
                not definition.max_length or len(value) <= definition.max_length,
                field_name,
                f"at most {definition.max_length} characters",
            )
    elif definition.type == SETTING_ENUM:
        check.require(
            value in definition.allowed_values,
            field_name,
            f"one of {', '.join(definition.allowed_values)}",
        )
    check.check()
    return value


def policy_with_settings(base: SecurityPolicy, values: Mapping[str, object]) -> SecurityPolicy:
    """The security policy after the stored settings override the start-up defaults."""
    fields = {
        "password_max_age_days": "security.password.max_age_days",
        "password_history": "security.password.history",
        "max_failed_logins": "security.login.max_failures",
        "lockout_minutes": "security.login.lockout_minutes",
        "session_idle_minutes": "session.idle_minutes",
    }
    chosen = {name: values[key] for name, key in fields.items() if isinstance(values.get(key), int)}
    return SecurityPolicy(**{**base.__dict__, **chosen})


def credential_seal_context(credential_id: str) -> str:
    """The associated data a credential's secret is sealed with (binds it to its row)."""
    return f"channel_credentials:{credential_id}"
