"""Console pages of the identity service (modules 11-13 and the personal center) in Chromium.

One platform serves every test of this module; each test makes its own uniquely named
roles, users and channels, so the tests do not depend on each other's order.
"""

from __future__ import annotations

import uuid

import pytest

from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, console_of, sign_in
from tests.support import http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_a_new_role_and_a_user_holding_it_who_signs_in_and_sets_a_password(
    demo_platform, page
) -> None:
    console = console_of(demo_platform)
    suffix = uuid.uuid4().hex[:8]
    role_code = f"watcher_{suffix}"
    username = f"li_{suffix}"

    sign_in(page, console, "/system/roles", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("role-table").wait_for()
    # Built-in roles are shown read-only.
    page.locator("[data-testid=role-row][data-role-code=system_admin]").get_by_test_id(
        "role-view"
    ).click()
    page.get_by_test_id("role-read-only").wait_for()
    assert page.get_by_test_id("role-form-submit").count() == 0
    page.keyboard.press("Escape")
    page.get_by_test_id("role-read-only").wait_for(state="hidden")

    # A bad code is refused by the server, and the reason shows next to the field.
    page.get_by_test_id("role-create").click()
    page.get_by_test_id("role-form-code").fill("Bad Code")
    page.get_by_test_id("role-form-name").fill(f"值守 {suffix}")
    page.get_by_test_id("role-form-submit").click()
    page.get_by_test_id("role-form-error").wait_for()
    assert "role.code" in page.get_by_test_id("role-form-error").inner_text()

    page.get_by_test_id("role-form-code").fill(role_code)
    for permission in ("monitor.traffic.read", "registry.api_service.read"):
        node = page.locator(
            ".el-tree-node__content", has=page.get_by_test_id(f"permission-{permission}")
        )
        node.locator(".el-checkbox").click()
    page.get_by_test_id("role-form-submit").click()
    row = page.locator(f"[data-testid=role-row][data-role-code={role_code}]")
    row.wait_for()
    assert "自定义" in row.inner_text()
    assert "2" in row.inner_text()

    # A user with that role; the temporary password is shown once.
    page.get_by_test_id("menu-group-system").click()
    page.get_by_test_id("menu-module-11").click()
    page.get_by_test_id("user-table").wait_for()
    page.get_by_test_id("user-create").click()
    page.get_by_test_id("user-form-username").fill(username)
    page.get_by_test_id("user-form-display-name").fill(f"李医生 {suffix}")
    choose(page, "user-form-roles", f"user-form-role-{role_code}")
    page.get_by_test_id("user-form-display-name").click()  # closes the role list
    page.get_by_test_id("user-form-submit").click()
    secret = page.get_by_test_id("user-temporary-password")
    secret.wait_for()
    temporary_password = secret.inner_text().strip()
    assert len(temporary_password) >= 8
    assert "只显示这一次" in page.get_by_test_id("user-password-dialog").inner_text()
    page.get_by_test_id("user-password-done").click()
    secret.wait_for(state="detached")

    user_row = page.locator(f"[data-testid=user-row][data-username={username}]")
    user_row.wait_for()
    assert "待修改密码" in user_row.inner_text()

    # Search narrows the list to that user.
    page.get_by_test_id("user-query").fill(username)
    page.get_by_test_id("user-search").click()
    page.wait_for_function("() => document.querySelectorAll('[data-testid=user-row]').length === 1")

    # The new user signs in, must set a password first, then reaches the console.
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    sign_in(page, console, "/home", username, temporary_password)
    page.get_by_test_id("password-change-required").wait_for()
    page.get_by_test_id("password-current").fill(temporary_password)
    page.get_by_test_id("password-new").fill("short")
    page.get_by_test_id("password-repeat").fill("short")
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("password-error").wait_for()
    assert "new_password" in page.get_by_test_id("password-error").inner_text()

    new_password = f"Ward-{suffix}-Aa1"
    page.get_by_test_id("password-new").fill(new_password)
    page.get_by_test_id("password-repeat").fill(new_password)
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("overview-today-calls").wait_for()
    assert page.get_by_test_id("overview-error").count() == 0


def test_a_new_channel_gets_a_credential_whose_secret_is_shown_once(demo_platform, page) -> None:
    console = console_of(demo_platform)
    code = f"kiosk-{uuid.uuid4().hex[:8]}"

    sign_in(page, console, "/system/channels", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("channel-table").wait_for()
    page.locator("[data-testid=channel-row][data-channel-code=demo-app]").wait_for()

    page.get_by_test_id("channel-create").click()
    page.get_by_test_id("channel-form-code").fill(code)
    page.get_by_test_id("channel-form-name").fill("门诊自助机")
    page.get_by_test_id("channel-form-owner").fill("门诊部")
    page.get_by_test_id("channel-form-submit").click()

    # Creating opens the new channel's details, which has no credential yet.
    drawer = page.get_by_test_id("channel-drawer")
    drawer.get_by_text(code).first.wait_for()
    page.get_by_test_id("credential-table").wait_for()
    assert page.get_by_test_id("credential-row").count() == 0

    page.get_by_test_id("credential-issue").click()
    secret = page.get_by_test_id("credential-secret")
    secret.wait_for()
    client_secret = secret.inner_text().strip()
    client_id = page.get_by_test_id("credential-issued-client-id").inner_text().strip()
    assert len(client_secret) >= 20
    page.locator(f"[data-testid=credential-row][data-client-id='{client_id}']").wait_for()

    # Opening the channel again shows the credential but never its secret.
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")
    row = page.locator(f"[data-testid=channel-row][data-channel-code={code}]")
    assert "启用" in row.inner_text()
    row.get_by_test_id("channel-detail").click()
    page.locator(f"[data-testid=credential-row][data-client-id='{client_id}']").wait_for()
    assert client_secret not in page.content()


def api(console: str, method: str, path: str, body: str = "", token: str = "") -> dict:  # type: ignore[type-arg]
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    status, _, answer = http_json(
        method, f"{console}{path}", body=body.encode() if body else None, headers=headers
    )
    assert status == 200, answer
    return answer  # type: ignore[no-any-return]


def login(console: str, username: str, password: str) -> str:
    body = f'{{"username": "{username}", "password": "{password}"}}'
    return str(api(console, "POST", "/api/identity/v1/sessions:login", body)["accessToken"])


def test_administrators_disable_reset_and_delete_users(demo_platform, page) -> None:
    console = console_of(demo_platform)
    username = f"wang_{uuid.uuid4().hex[:8]}"
    admin = login(console, "admin", DEMO_ADMIN_PASSWORD)
    body = (
        f'{{"user": {{"username": "{username}", "displayName": "王护士", "roles": ["operator"]}}}}'
    )
    api(console, "POST", "/api/identity/v1/users", body, admin)

    sign_in(page, console, "/system/users", "admin", DEMO_ADMIN_PASSWORD)
    row = page.locator(f"[data-testid=user-row][data-username={username}]")
    row.wait_for()
    assert "运维人员" in row.inner_text()

    row.get_by_test_id("user-toggle").click()
    row.get_by_text("已停用").wait_for()
    row.get_by_test_id("user-toggle").click()
    row.get_by_text("正常").wait_for()

    row.get_by_test_id("user-reset-password").click()
    page.locator(".el-message-box__btns .el-button--primary").click()
    page.get_by_test_id("user-temporary-password").wait_for()
    temporary_password = page.get_by_test_id("user-temporary-password").inner_text().strip()
    page.get_by_test_id("user-password-done").click()
    assert login(console, username, temporary_password)

    row.get_by_test_id("user-edit").click()
    page.get_by_test_id("user-form-display-name").fill("")
    page.get_by_test_id("user-form-submit").click()
    violation = page.get_by_test_id("user-dialog").locator(".el-form-item__error")
    violation.first.wait_for()
    assert "1-64" in violation.first.inner_text()
    page.get_by_test_id("user-form-display-name").fill("王护士长")
    page.get_by_test_id("user-form-submit").click()
    row.get_by_text("王护士长").wait_for()

    row.get_by_test_id("user-delete").click()
    page.locator(".el-message-box__btns .el-button--primary").click()
    row.wait_for(state="detached")


def test_the_audit_log_is_for_the_audit_administrator_only(demo_platform, page) -> None:
    console = console_of(demo_platform)
    username = f"audit_{uuid.uuid4().hex[:8]}"
    admin = login(console, "admin", DEMO_ADMIN_PASSWORD)
    body = f'{{"user": {{"username": "{username}", "displayName": "审计员", "roles": ["audit_admin"]}}}}'
    temporary_password = api(console, "POST", "/api/identity/v1/users", body, admin)[
        "temporaryPassword"
    ]
    password = "Audit-Trail-2026"
    first = login(console, username, temporary_password)
    body = f'{{"currentPassword": "{temporary_password}", "newPassword": "{password}"}}'
    api(console, "POST", "/api/identity/v1/sessions/current:changePassword", body, first)

    # The system administrator is told plainly that the audit log is not theirs to read.
    sign_in(page, console, "/system/audit", "admin", DEMO_ADMIN_PASSWORD)
    denied = page.get_by_test_id("audit-no-permission")
    denied.wait_for()
    assert "audit_admin" in denied.inner_text()
    assert page.get_by_test_id("audit-table").count() == 0

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    sign_in(page, console, "/system/audit", username, password)
    rows = page.get_by_test_id("audit-row")
    rows.first.wait_for()
    assert username in page.get_by_test_id("audit-table").inner_text()
    page.get_by_test_id("audit-verify").click()
    verification = page.get_by_test_id("audit-verification")
    verification.wait_for()
    assert "完整" in verification.inner_text()


def test_system_settings_are_changed_and_reset_one_by_one(demo_platform, page) -> None:
    sign_in(page, console_of(demo_platform), "/system/config", "admin", DEMO_ADMIN_PASSWORD)
    row = page.locator("[data-testid=setting-row][data-key='branding.hospital_name']")
    row.wait_for()
    assert row.get_by_test_id("setting-reset").is_disabled()
    row.get_by_test_id("setting-input").fill("示范人民医院")
    row.get_by_test_id("setting-save").click()
    row.get_by_test_id("setting-saved").wait_for()
    assert "已修改" in row.inner_text()

    # What was saved is what the server answers after a reload.
    page.reload()
    row.get_by_test_id("setting-input").wait_for()
    assert row.get_by_test_id("setting-input").input_value() == "示范人民医院"

    row.get_by_test_id("setting-reset").click()
    row.get_by_test_id("setting-saved").wait_for()
    assert row.get_by_test_id("setting-input").input_value() == ""
    assert "已修改" not in row.inner_text()
