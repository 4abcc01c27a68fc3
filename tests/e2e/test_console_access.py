"""Access application and review (modules 18, 19) in Chromium: the hospital's IT staff apply
for an API on behalf of a new channel, a second member of staff holding a reviewer role
returns the application for changes and later approves it (the applicant may not review their
own), the grant appears in the grants page, and is revoked with a reason.
"""

from __future__ import annotations

import json
import uuid

import pytest

from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, console_of, sign_in, sign_out
from tests.support import http_json

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

DEMO_API_CODE = "master.departments.list"
DEMO_API_NAME = "科室列表"
REVIEWER_PASSWORD = "Access-Review-2026"
REVIEWER_PERMISSIONS = [
    "registry.access_application.read",
    "registry.access_application.approve",
    "registry.access_grant.read",
    "registry.api_service.read",
    "identity.channel.read",
    # Reviewing asks identity which roles the reviewer holds, on the reviewer's behalf.
    "identity.session.self",
]


def api(console: str, method: str, path: str, body: object, token: str = "") -> dict:  # type: ignore[type-arg]
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    status, _, answer = http_json(
        method, f"{console}{path}", body=json.dumps(body).encode(), headers=headers
    )
    assert status == 200, answer
    return answer  # type: ignore[no-any-return]


def login(console: str, username: str, password: str) -> str:
    body = {"username": username, "password": password}
    return str(api(console, "POST", "/api/identity/v1/sessions:login", body)["accessToken"])


def create_reviewer(console: str, admin: str, suffix: str) -> str:
    """A member of staff whose only role reviews access applications; answers the username."""
    role = f"access_reviewer_{suffix}"
    api(
        console,
        "POST",
        "/api/identity/v1/roles",
        {"code": role, "name": f"接入审核员 {suffix}", "permissions": REVIEWER_PERMISSIONS},
        admin,
    )
    username = f"reviewer_{suffix}"
    user = {"username": username, "displayName": f"审核员 {suffix}", "roles": [role]}
    temporary = api(console, "POST", "/api/identity/v1/users", {"user": user}, admin)[
        "temporaryPassword"
    ]
    first = login(console, username, temporary)
    change = {"currentPassword": temporary, "newPassword": REVIEWER_PASSWORD}
    api(console, "POST", "/api/identity/v1/sessions/current:changePassword", change, first)
    return username


def open_application(page, number: str) -> None:  # type: ignore[no-untyped-def]
    row = page.locator(f"[data-testid=application-row][data-number='{number}']")
    row.get_by_test_id("application-open").click()
    page.get_by_test_id("application-facts-number").get_by_text(number).wait_for()


def review(page, button: str, comment: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id(button).click()
    page.get_by_test_id("review-comment").fill(comment)
    page.get_by_test_id("review-send").click()


def close_detail(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("review-dialog").wait_for(state="hidden")
    page.keyboard.press("Escape")
    page.get_by_test_id("application-drawer").wait_for(state="hidden")


def facts_status(page, status: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("application-facts-status").get_by_text(status, exact=True).wait_for()


def test_an_application_is_returned_changed_approved_by_another_and_its_grant_revoked(
    demo_platform, page
) -> None:
    console = console_of(demo_platform)
    suffix = uuid.uuid4().hex[:8]
    admin = login(console, "admin", DEMO_ADMIN_PASSWORD)
    code = f"clinic-{suffix}"
    channel = {"code": code, "name": f"社区诊所 {suffix}", "type": "CHANNEL_TYPE_HOSPITAL_APP"}
    api(console, "POST", "/api/identity/v1/channels", channel, admin)
    reviewer = create_reviewer(console, admin, suffix)

    # The administrator applies for one published API on behalf of the new channel.
    sign_in(page, console, "/access/applications", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("application-table").wait_for()
    page.get_by_test_id("application-create").click()
    choose(page, "application-form-channel", f"application-form-channel-{code}")
    choose(page, "application-form-apis", f"application-form-api-{DEMO_API_CODE}")
    # Clicking the dialog's title closes the list of APIs.
    page.get_by_test_id("application-dialog").locator(".el-dialog__title").click()
    page.get_by_test_id("application-form-purpose").fill("诊所挂号前查询科室")
    page.get_by_test_id("application-form-data-needed").fill("仅科室名称，不含患者数据")
    page.get_by_test_id("application-form-contact-name").fill("李工")
    page.get_by_test_id("application-form-contact-phone").fill("13800138000")
    page.get_by_test_id("application-form-submit").click()

    # Saving opens the draft; it is then submitted to its review step.
    facts_status(page, "草稿")
    number = page.get_by_test_id("application-facts-number").inner_text().strip()
    assert number
    assert DEMO_API_NAME in page.get_by_test_id("application-items").inner_text()
    page.get_by_test_id("application-submit").click()
    facts_status(page, "审核中")

    # The applicant cannot review their own application: the server's reason is shown.
    review(page, "application-approve", "自己审批")
    error = page.get_by_test_id("review-error")
    error.wait_for()
    assert "another person must review it" in error.get_by_test_id("error-message").inner_text()
    page.get_by_test_id("review-dialog").get_by_text("取消").click()
    facts_status(page, "审核中")
    close_detail(page)
    sign_out(page)

    # The reviewer finds it in the inbox, and returns it with what must change.
    sign_in(page, console, "/access/reviews", reviewer, REVIEWER_PASSWORD)
    page.get_by_test_id("menu-module-19").wait_for()
    assert page.get_by_test_id("menu-item-reviewPolicies").count() == 0
    open_application(page, number)
    returned_because = "请写明每日预计调用高峰时段"
    review(page, "application-return", returned_because)
    facts_status(page, "已退回")
    close_detail(page)
    sign_out(page)

    # The applicant sees it returned, with the reviewer's comment in the history.
    sign_in(page, console, "/access/applications", "admin", DEMO_ADMIN_PASSWORD)
    row = page.locator(f"[data-testid=application-row][data-number='{number}']")
    row.get_by_test_id("application-status").get_by_text("已退回").wait_for()
    open_application(page, number)
    returned = page.locator("[data-testid=history-row][data-action=REVIEW_ACTION_RETURN]")
    returned.wait_for()
    assert returned_because in returned.get_by_test_id("history-comment").inner_text()
    assert "退回修改" in returned.get_by_test_id("history-action").inner_text()
    assert reviewer in returned.inner_text()

    # Changed and submitted again.
    page.get_by_test_id("application-edit").click()
    purpose = page.get_by_test_id("application-form-purpose")
    purpose.fill("诊所挂号前查询科室，高峰在每日 8-10 时")
    page.get_by_test_id("application-form-submit").click()
    page.get_by_test_id("application-dialog").wait_for(state="hidden")
    page.get_by_test_id("application-facts").get_by_text("高峰在每日 8-10 时").wait_for()
    page.get_by_test_id("application-submit").click()
    facts_status(page, "审核中")
    assert page.locator("[data-testid=history-row][data-action=REVIEW_ACTION_SUBMIT]").count() == 2
    close_detail(page)
    sign_out(page)

    # The reviewer approves it with a quota of their own.
    sign_in(page, console, "/access/reviews", reviewer, REVIEWER_PASSWORD)
    open_application(page, number)
    page.get_by_test_id("application-approve").click()
    page.get_by_test_id("review-comment").fill("同意接入")
    page.get_by_test_id("review-term-quota").locator("input").fill("5000")
    page.get_by_test_id("review-send").click()
    facts_status(page, "已通过")
    approved = page.locator("[data-testid=history-row][data-action=REVIEW_ACTION_APPROVE]")
    assert "同意接入" in approved.inner_text()
    close_detail(page)

    # The grant it made, in the grants page.
    page.get_by_test_id("menu-item-grants").click()
    grant = page.locator(
        f"[data-testid=grant-row][data-channel-code='{code}'][data-api-code='{DEMO_API_CODE}']"
    )
    grant.get_by_test_id("grant-status").get_by_text("生效中").wait_for()
    assert "5000" in grant.inner_text()
    assert grant.get_by_test_id("grant-revoke").count() == 0  # reviewing is not revoking
    sign_out(page)

    # The administrator revokes it, with the reason shown.
    sign_in(page, console, "/access/grants", "admin", DEMO_ADMIN_PASSWORD)
    grant.get_by_test_id("grant-revoke").click()
    page.get_by_test_id("grant-revoke-reason-input").fill("诊所停止合作")
    page.get_by_test_id("grant-revoke-submit").click()
    grant.get_by_test_id("grant-status").get_by_text("已撤销").wait_for()
    assert "诊所停止合作" in grant.get_by_test_id("grant-revoke-reason").inner_text()
    assert grant.get_by_test_id("grant-revoke").count() == 0


def test_a_category_gets_two_review_steps_with_a_reviewer_role(demo_platform, page) -> None:
    console = console_of(demo_platform)
    sign_in(page, console, "/access/review-policies", "admin", DEMO_ADMIN_PASSWORD)
    row = page.locator("[data-testid=policy-row][data-category=inpatient]")
    row.get_by_test_id("policy-edit").click()

    page.get_by_test_id("policy-step-name-0").fill("业务科室审核")
    page.get_by_test_id("policy-add-step").click()
    page.get_by_test_id("policy-step-name-1").fill("信息安全审核")
    choose(page, "policy-step-role-1", "policy-step-role-1-security_admin")
    page.get_by_test_id("policy-default-days").locator("input").fill("365")
    page.get_by_test_id("policy-save").click()
    page.get_by_test_id("policy-dialog").wait_for(state="hidden")

    steps = row.get_by_test_id("policy-steps")
    steps.get_by_text("2. 信息安全审核 — 安全管理员 (security_admin)").wait_for()
    assert "1. 业务科室审核 — 任一有审批权限的人员" in steps.inner_text()
    assert "365" in row.inner_text()

    # The same page in English.
    page.get_by_test_id("lang-switch").click()
    page.get_by_text("Review policies", exact=True).first.wait_for()
    assert "1. 业务科室审核 — Anyone allowed to approve" in steps.inner_text()
