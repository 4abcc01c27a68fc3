"""Security in the console, in Chromium: two-factor sign-in (set up in the personal center,
required by a role, signed in with a code or a recovery code, turned off), and an
administrator's work (role, user, channel, credential) as the audit administrator finds it in
the audit log.

The test computes authenticator codes itself (RFC 6238), as the phone app would.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import time
import uuid
from dataclasses import dataclass

import pytest

from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, console_of, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

TOTP_STEP_SECONDS = 30


def hotp(secret: str, counter: int) -> str:
    """RFC 4226 with SHA-1 and 6 digits, the parameters the otpauth URI announces."""
    key = base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**6:06d}"


@dataclass
class Authenticator:
    """A phone's authenticator app. The server takes each time step's code once and accepts
    one step ahead, so a second code within the same 30 s is the next step's, not a wait."""

    secret: str = ""
    last_step: int = 0

    def code(self) -> str:
        now = int(time.time()) // TOTP_STEP_SECONDS
        step = max(now, self.last_step + 1)
        assert step <= now + 1, "two codes were needed within one 30-second step"
        self.last_step = step
        return hotp(self.secret, step)

    def wrong_code(self) -> str:
        """Six digits that match no step the server would accept now."""
        now = int(time.time()) // TOTP_STEP_SECONDS
        valid = {hotp(self.secret, step) for step in range(now - 2, now + 3)}
        return next(f"{n:06d}" for n in range(10**6) if f"{n:06d}" not in valid)


def set_up_authenticator(page, phone: Authenticator, password: str) -> list[str]:  # type: ignore[no-untyped-def]
    """On the two-factor page: the key goes into the phone, a code proves it; answers the
    recovery codes, shown this once."""
    assert page.get_by_test_id("totp-status").inner_text() == "未开启"
    page.get_by_test_id("totp-start-password").fill(password)
    page.get_by_test_id("totp-start").click()

    # No QR library in the console: the key and the otpauth link are shown to type in.
    shown = page.get_by_test_id("totp-secret")
    shown.wait_for()
    phone.secret = shown.inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]{32}", phone.secret)
    uri = page.get_by_test_id("totp-uri").inner_text()
    assert uri.startswith("otpauth://totp/Wailian")
    assert f"secret={phone.secret}" in uri

    page.get_by_test_id("totp-confirm-code").fill(phone.code())
    page.get_by_test_id("totp-confirm").click()
    recovery = page.get_by_test_id("totp-recovery")
    recovery.wait_for()
    assert "两步验证已开启" in recovery.inner_text()
    assert "只显示这一次" in recovery.inner_text()
    codes = [code.inner_text() for code in page.get_by_test_id("totp-recovery-code").all()]
    assert len(set(codes)) == 8
    return codes


def sign_in_with_code(  # type: ignore[no-untyped-def]
    page, console: str, path: str, username: str, password: str, phone: Authenticator
) -> None:
    sign_in(page, console, path, username, password)
    page.get_by_test_id("login-totp-code").fill(phone.code())
    page.get_by_test_id("login-submit").click()


def tick_permission(page, permission: str) -> None:  # type: ignore[no-untyped-def]
    node = page.locator(
        ".el-tree-node__content", has=page.get_by_test_id(f"permission-{permission}")
    )
    node.locator(".el-checkbox").click()


def create_user(page, username: str, display_name: str, role_code: str) -> str:  # type: ignore[no-untyped-def]
    """Creates the user in the user list; answers the temporary password, shown once."""
    page.get_by_test_id("user-create").click()
    page.get_by_test_id("user-form-username").fill(username)
    page.get_by_test_id("user-form-display-name").fill(display_name)
    choose(page, "user-form-roles", f"user-form-role-{role_code}")
    page.get_by_test_id("user-form-display-name").click()  # closes the role list
    page.get_by_test_id("user-form-submit").click()
    shown = page.get_by_test_id("user-temporary-password")
    shown.wait_for()
    temporary_password = shown.inner_text().strip()
    page.get_by_test_id("user-password-done").click()
    shown.wait_for(state="detached")
    page.locator(f"[data-testid=user-row][data-username='{username}']").wait_for()
    return temporary_password


def search_audit_log(page, text: str, expected_rows: int) -> None:  # type: ignore[no-untyped-def]
    """Searches the summaries and waits until the list shows as many rows as expected."""
    page.get_by_test_id("audit-query").fill(text)
    page.get_by_test_id("audit-search").click()
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=audit-row]').length === n", arg=expected_rows
    )


def test_two_factor_sign_in_and_an_administrators_work_in_the_audit_log(
    demo_platform, page
) -> None:
    console = console_of(demo_platform)
    admin_phone = Authenticator()
    suffix = uuid.uuid4().hex[:8]
    role_code = f"clinic_{suffix}"
    username = f"zhang_{suffix}"
    auditor = f"auditor_{suffix}"
    channel_code = f"app-{suffix}"

    # The administrator turns two-factor sign-in on in the personal center.
    sign_in(page, console, "/home", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("two-factor").click()
    admin_recovery_codes = set_up_authenticator(page, admin_phone, DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("totp-codes-done").click()
    page.get_by_test_id("totp-status").get_by_text("已开启").wait_for()
    assert page.get_by_test_id("totp-recovery-code").count() == 0
    sign_out(page)

    # The password alone no longer signs in: a code is asked for, and a wrong one is refused.
    sign_in(page, console, "/system/roles", "admin", DEMO_ADMIN_PASSWORD)
    code = page.get_by_test_id("login-totp-code")
    code.wait_for()
    assert "admin" in page.get_by_test_id("login-totp-prompt").inner_text()
    assert page.get_by_test_id("login-error").count() == 0
    code.fill(admin_phone.wrong_code())
    page.get_by_test_id("login-submit").click()
    error = page.get_by_test_id("login-error")
    error.wait_for()
    assert "登录失败" in error.inner_text()
    assert code.input_value() == ""
    code.fill(admin_phone.code())
    page.get_by_test_id("login-submit").click()

    # A role made from the permission tree, whose holders must sign in with two factors.
    page.get_by_test_id("role-table").wait_for()
    page.get_by_test_id("role-create").click()
    page.get_by_test_id("role-form-code").fill(role_code)
    page.get_by_test_id("role-form-name").fill(f"门诊接口查看 {suffix}")
    page.get_by_test_id("role-form-require-totp").click()
    # Custom roles get no self-service by default: without it the doctor could not look after
    # their own password and two factors once signed in.
    for permission in (
        "registry.api_service.read",
        "monitor.traffic.read",
        "identity.session.self",
    ):
        tick_permission(page, permission)
    page.get_by_test_id("role-form-submit").click()
    role_row = page.locator(f"[data-testid=role-row][data-role-code={role_code}]")
    role_row.wait_for()
    assert "自定义" in role_row.inner_text()
    assert "需两步验证" in role_row.inner_text()
    assert role_row.locator("td").nth(3).inner_text() == "3"

    # A user holding it; the temporary password is shown once.
    page.get_by_test_id("menu-group-system").click()
    page.get_by_test_id("menu-module-11").click()
    page.get_by_test_id("user-table").wait_for()
    first_password = create_user(page, username, f"张医生 {suffix}", role_code)
    assert len(first_password) >= 8
    user_row = page.locator(f"[data-testid=user-row][data-username={username}]")
    assert f"门诊接口查看 {suffix}" in user_row.inner_text()

    # A channel and a token credential whose secret is shown once.
    page.get_by_test_id("menu-module-13").click()
    page.get_by_test_id("channel-table").wait_for()
    page.get_by_test_id("channel-create").click()
    page.get_by_test_id("channel-form-code").fill(channel_code)
    page.get_by_test_id("channel-form-name").fill(f"掌上医院 {suffix}")
    page.get_by_test_id("channel-form-owner").fill("信息科")
    page.get_by_test_id("channel-form-submit").click()
    drawer = page.get_by_test_id("channel-drawer")
    drawer.get_by_text(channel_code).first.wait_for()
    page.get_by_test_id("credential-issue").click()
    shown = page.get_by_test_id("credential-secret")
    shown.wait_for()
    client_secret = shown.inner_text().strip()
    client_id = page.get_by_test_id("credential-issued-client-id").inner_text().strip()
    assert len(client_secret) >= 20
    assert "只显示这一次" in page.get_by_test_id("credential-issued").inner_text()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    page.locator(f"[data-testid=channel-row][data-channel-code={channel_code}]").get_by_test_id(
        "channel-detail"
    ).click()
    page.locator(f"[data-testid=credential-row][data-client-id='{client_id}']").wait_for()
    assert page.get_by_test_id("credential-secret").count() == 0
    assert client_secret not in page.content()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")

    # The audit log is not the system administrator's to read: an audit administrator is made.
    page.get_by_test_id("menu-module-11").click()
    page.get_by_test_id("user-table").wait_for()
    temporary_password = create_user(page, auditor, f"审计员 {suffix}", "audit_admin")
    sign_out(page)

    # The auditor's first sign-in sets a password, then opens the audit log.
    sign_in(page, console, "/system/audit", auditor, temporary_password)
    page.get_by_test_id("password-change-required").wait_for()
    password = f"Audit-{suffix}-Aa1"
    page.get_by_test_id("password-current").fill(temporary_password)
    page.get_by_test_id("password-new").fill(password)
    page.get_by_test_id("password-repeat").fill(password)
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("audit-table").wait_for()

    # Everything the administrator made above, newest first, each a success done by "admin".
    rows = page.get_by_test_id("audit-row")
    expected = [
        f"created user {auditor}",
        f"issued credential {client_id} of channel {channel_code}",
        f"created channel {channel_code}",
        f"created user {username}",
        f"created role {role_code}",
    ]
    search_audit_log(page, suffix, len(expected))
    assert [row.locator("td").nth(6).inner_text() for row in rows.all()] == expected
    for row in rows.all():
        assert row.locator("td").nth(2).inner_text() == "admin"
        assert row.locator("td").nth(5).inner_text() == "成功"

    # So are the two sign-ins refused for the second factor: without a code, then a wrong one.
    search_audit_log(page, "second factor", 2)
    for row in rows.all():
        assert (
            row.locator("td").nth(6).inner_text()
            == "sign-in refused: second factor missing or wrong"
        )
        assert row.locator("td").nth(2).inner_text() == "admin"
        assert row.locator("td").nth(5).inner_text() == "失败"

    # The doctor's first sign-in: a new password, then two factors, which their role requires;
    # until then the console offers nothing else.
    sign_out(page)
    sign_in(page, console, "/home", username, first_password)
    page.get_by_test_id("password-change-required").wait_for()
    doctor_password = f"Clinic-{suffix}-Aa1"
    page.get_by_test_id("password-current").fill(first_password)
    page.get_by_test_id("password-new").fill(doctor_password)
    page.get_by_test_id("password-repeat").fill(doctor_password)
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("totp-required").wait_for()
    page.goto(f"{console}/system/channels")
    page.wait_for_url("**/account/two-factor")
    page.get_by_test_id("totp-required").wait_for()
    doctor_phone = Authenticator()
    doctor_recovery_codes = set_up_authenticator(page, doctor_phone, doctor_password)
    assert page.get_by_test_id("totp-codes-done").inner_text() == "我已保存恢复码，重新登录"
    page.get_by_test_id("totp-codes-done").click()
    page.get_by_test_id("login-two-factor-on").wait_for()
    sign_in_with_code(page, console, "/home", username, doctor_password, doctor_phone)
    page.get_by_test_id("overview-today-calls").wait_for()

    # Their role requires two factors, so they cannot turn them off.
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("two-factor").click()
    page.get_by_test_id("totp-status").get_by_text("已开启").wait_for()
    page.get_by_test_id("totp-disable-password").fill(doctor_password)
    page.get_by_test_id("totp-disable-code").fill(doctor_recovery_codes[0])
    page.get_by_test_id("totp-disable").click()
    page.get_by_test_id("totp-error").get_by_text("requires two-factor sign-in").wait_for()
    assert page.get_by_test_id("totp-status").inner_text() == "已开启"

    # The administrator, phone left at home, signs in with a recovery code and turns two
    # factors off with another; the used one no longer works.
    sign_out(page)
    sign_in(page, console, "/home", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("login-totp-code").fill(admin_recovery_codes[0])
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("two-factor").click()
    page.get_by_test_id("totp-disable-password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("totp-disable-code").fill(admin_recovery_codes[0])
    page.get_by_test_id("totp-disable").click()
    page.get_by_test_id("totp-error").wait_for()
    assert page.get_by_test_id("totp-status").inner_text() == "已开启"
    page.get_by_test_id("totp-disable-code").fill(admin_recovery_codes[1])
    page.get_by_test_id("totp-disable").click()
    page.get_by_test_id("totp-notice").get_by_text("两步验证已关闭").wait_for()
    assert page.get_by_test_id("totp-status").inner_text() == "未开启"
    sign_out(page)
    sign_in(page, console, "/home", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("overview-today-calls").wait_for()
