"""Developer center and service testing (modules 15, 17) in Chromium: a vendor signs up on the
public page and staff approve it; the vendor sets its password at first sign-in, reads an API's
documentation with a signing code sample and applies for that API for the channel staff made
for it; staff approve the application, then call the API from service testing with the
channel's credential, see 200 and the edge's request id, and find the call in log query.
"""

from __future__ import annotations

import json
import urllib.parse
import uuid

import pytest

from deploy.local.demo import admin_metadata
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, console_of, sign_in, sign_out
from tests.support import eventually, http, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

DEMO_API_CODE = "master.departments.list"
DEMO_API_NAME = "科室列表"
SIGN_UP_PASSWORD = "Vendor-Sign-2026"
VENDOR_PASSWORD = "Vendor-Own-2026"
# A valid unified social credit code (its check character is right).
CREDIT_CODE = "91350100M000100Y43"


def api(console: str, method: str, path: str, body: object, token: str = "") -> dict:  # type: ignore[type-arg]
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    payload = None if method == "GET" else json.dumps(body).encode()
    status, _, answer = http_json(method, f"{console}{path}", body=payload, headers=headers)
    assert status == 200, answer
    return answer  # type: ignore[no-any-return]


def login(console: str, username: str, password: str) -> str:
    body = {"username": username, "password": password}
    return str(api(console, "POST", "/api/identity/v1/sessions:login", body)["accessToken"])


def edge_answers(edge: str, client_id: str, secret: str, path: str) -> int | None:
    """200 once the edge serves the channel the API (grants reach Envoy within seconds)."""
    form = urllib.parse.urlencode(
        {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    )
    status, _, token = http_json(
        "POST",
        f"{edge}/oauth2/token",
        body=form.encode(),
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    if status != 200:
        return None
    bearer = {"authorization": f"Bearer {token['access_token']}"}
    return 200 if http("GET", f"{edge}{path}", headers=bearer)[0] == 200 else None


def test_a_vendor_signs_up_applies_and_staff_test_its_api_through_the_edge(
    demo_platform, page
) -> None:
    platform = demo_platform
    # Registry learns where Envoy bound the channel listener from the launcher's address book.
    edge = f"http://127.0.0.1:{platform.channel_port}"

    console = console_of(platform)
    suffix = uuid.uuid4().hex[:6]
    username = f"vendor_{suffix}"
    organization = f"健康科技有限公司 {suffix}"

    # The vendor signs up from the login page, without an account.
    page.goto(f"{console}/login")
    page.get_by_test_id("login-developer-sign-up").click()
    page.get_by_test_id("sign-up-organization").fill(organization)
    page.get_by_test_id("sign-up-credit-code").fill(CREDIT_CODE)
    page.get_by_test_id("sign-up-contact-name").fill("李工")
    page.get_by_test_id("sign-up-contact-phone").fill("13900000000")
    page.get_by_test_id("sign-up-contact-email").fill("li@vendor.example")
    page.get_by_test_id("sign-up-username").fill(username)
    page.get_by_test_id("sign-up-password").fill(SIGN_UP_PASSWORD)
    page.get_by_test_id("sign-up-repeat-password").fill(SIGN_UP_PASSWORD)
    page.get_by_test_id("sign-up-submit").click()
    pending = page.get_by_test_id("sign-up-pending")
    pending.wait_for()
    assert "pending approval" in pending.inner_text()

    # It cannot sign in before staff approve it.
    status, _, _ = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=json.dumps({"username": username, "password": SIGN_UP_PASSWORD}).encode(),
        headers={"content-type": "application/json"},
    )
    assert status != 200

    # Staff approve it in the developer center.
    sign_in(page, console, "/access/developer-center", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("developer-center-tab-developers").click()
    row = page.locator(f"[data-testid=developer-row][data-username='{username}']")
    row.get_by_test_id("developer-status").get_by_text("待审核").wait_for()
    row.get_by_test_id("developer-approve").click()
    page.get_by_test_id("developer-action-text").fill("资料齐全")
    page.get_by_test_id("developer-action-send").click()
    row.get_by_test_id("developer-status").get_by_text("已通过").wait_for()
    assert row.get_by_test_id("developer-disable").count() == 1
    sign_out(page)

    # Staff make a channel for the vendor, as the hospital does after approval.
    admin = login(console, "admin", DEMO_ADMIN_PASSWORD)
    found = api(console, "GET", f"/api/registry/v1/developers?query={username}", None, admin)
    (developer,) = found["developers"]
    code = f"vendor-{suffix}"
    channel = api(
        console,
        "POST",
        "/api/identity/v1/channels",
        {
            "code": code,
            "name": f"健康科技小程序 {suffix}",
            "type": "CHANNEL_TYPE_THIRD_PARTY_VENDOR",
            "vendorUserIds": [developer["userId"]],
        },
        admin,
    )["channel"]

    # The vendor signs in, must set its own password first, and lands in the developer center.
    sign_in(page, console, "/access/developer-center", username, SIGN_UP_PASSWORD)
    page.get_by_test_id("password-change-required").wait_for()
    page.get_by_test_id("password-current").fill(SIGN_UP_PASSWORD)
    page.get_by_test_id("password-new").fill(VENDOR_PASSWORD)
    page.get_by_test_id("password-repeat").fill(VENDOR_PASSWORD)
    page.get_by_test_id("password-submit").click()
    page.get_by_test_id("portal-organization").get_by_text(organization).wait_for()
    # A vendor reviews no one, and reads no statistics.
    assert page.get_by_test_id("developer-center-tab-developers").count() == 0
    assert page.get_by_test_id("portal-usage").count() == 0

    # It reads the API's documentation and its signed code sample.
    page.locator(f"[data-testid=doc-item][data-code='{DEMO_API_CODE}']").click()
    page.get_by_test_id("doc-title").get_by_text(DEMO_API_NAME).wait_for()
    assert "/v1/departments" in page.get_by_test_id("doc-endpoint").inner_text()
    assert "dept_code" in page.get_by_test_id("doc-response-example").inner_text()
    # The platform's own error answers come with the full documentation.
    page.get_by_test_id("doc-error-codes").get_by_text("401", exact=True).first.wait_for()
    page.get_by_test_id("doc-sample-kind-CREDENTIAL_KIND_SIGNATURE").click()
    page.locator("#tab-python").click()
    sample = page.get_by_test_id("doc-sample-python")
    sample.wait_for()
    assert "WAILIAN-HMAC-SHA256" in sample.inner_text()
    assert "hmac.new" in sample.inner_text()
    with page.expect_download() as download:
        page.get_by_test_id("doc-openapi").click()
    openapi = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert "/v1/departments" in openapi["paths"]

    # It applies for that API for its channel.
    page.get_by_test_id("portal-apply").click()
    page.get_by_test_id("application-create").click()
    choose(page, "application-form-channel", f"application-form-channel-{code}")
    choose(page, "application-form-apis", f"application-form-api-{DEMO_API_CODE}")
    page.get_by_test_id("application-dialog").locator(".el-dialog__title").click()
    page.get_by_test_id("application-form-purpose").fill("小程序挂号前查询科室")
    page.get_by_test_id("application-form-data-needed").fill("仅科室名称")
    page.get_by_test_id("application-form-contact-name").fill("李工")
    page.get_by_test_id("application-form-contact-phone").fill("13900000000")
    page.get_by_test_id("application-form-submit").click()
    number = page.get_by_test_id("application-facts-number").inner_text().strip()
    assert number
    page.get_by_test_id("application-submit").click()
    page.get_by_test_id("application-facts-status").get_by_text("审核中", exact=True).wait_for()

    # Its portal shows the application waiting for review.
    page.keyboard.press("Escape")
    page.get_by_test_id("application-drawer").wait_for(state="hidden")
    page.get_by_test_id("menu-module-15").click()
    mine = page.locator(f"[data-testid=portal-application][data-number='{number}']")
    mine.get_by_test_id("portal-application-status").get_by_text("审核中").wait_for()
    sign_out(page)

    # Staff approve the application.
    sign_in(page, console, "/access/reviews", "admin", DEMO_ADMIN_PASSWORD)
    row = page.locator(f"[data-testid=application-row][data-number='{number}']")
    row.get_by_test_id("application-open").click()
    page.get_by_test_id("application-approve").click()
    page.get_by_test_id("review-comment").fill("同意接入")
    page.get_by_test_id("review-send").click()
    page.get_by_test_id("application-facts-status").get_by_text("已通过", exact=True).wait_for()
    page.keyboard.press("Escape")

    # The channel's token credential, issued by staff; the edge serves the grant.
    with platform.grpc_channel("identity") as identity:
        issued = idg.ChannelServiceStub(identity).CreateChannelCredential(
            idp.CreateChannelCredentialRequest(
                channel_id=channel["channelId"], kind=idp.CREDENTIAL_KIND_TOKEN
            ),
            metadata=admin_metadata(identity),
        )
    client_id, secret = issued.credential.client_id, issued.client_secret
    eventually(
        lambda: edge_answers(edge, client_id, secret, "/v1/departments"),
        what="the edge to serve the approved grant",
    )

    # Staff call the API from service testing with that credential.
    page.get_by_test_id("menu-group-services").click()
    page.get_by_test_id("menu-module-17").click()
    choose(page, "test-api", f"test-api-{DEMO_API_CODE}")
    assert page.get_by_test_id("test-path").input_value() == "/v1/departments"
    choose(page, "test-channel", f"test-channel-{code}")
    page.get_by_test_id("test-kind-CREDENTIAL_KIND_TOKEN").click()
    page.get_by_test_id("test-client-id").fill(client_id)
    page.get_by_test_id("test-client-secret").fill(secret)
    page.get_by_test_id("test-expected-status").fill("200")
    page.get_by_test_id("test-send").click()
    response = page.get_by_test_id("test-response")
    response.get_by_test_id("test-status").get_by_text("200").wait_for()
    assert response.locator("[data-testid=test-run][data-status=TEST_RUN_STATUS_PASSED]").count()
    assert "departments" in response.get_by_test_id("test-body").inner_text()
    request_id = response.get_by_test_id("test-request-id").inner_text().strip()
    assert request_id
    # The secret is not shown back.
    assert secret not in response.inner_text()

    # Saved as a test case, put in a suite, and the suite run in the background until it passed.
    page.get_by_test_id("test-save-case").click()
    page.get_by_test_id("test-case-name").fill(f"科室列表冒烟 {suffix}")
    page.get_by_test_id("test-case-save").click()
    page.get_by_test_id("test-case-dialog").wait_for(state="hidden")
    case = page.locator(f"[data-testid=test-case-row][data-name='科室列表冒烟 {suffix}']")
    case.get_by_test_id("test-case-select").click()
    page.get_by_test_id("test-suite-create").click()
    page.get_by_test_id("test-suite-name").fill(f"联调套件 {suffix}")
    page.get_by_test_id("test-suite-save").click()
    page.get_by_test_id("test-suite-dialog").wait_for(state="hidden")
    suite = page.locator(f"[data-testid=test-suite-row][data-name='联调套件 {suffix}']")
    suite.get_by_test_id("test-suite-run").click()
    response.locator("[data-testid=test-run][data-status=TEST_RUN_STATUS_PASSED]").get_by_text(
        "通过 1 · 失败 0"
    ).wait_for()
    assert case.count() == 1

    # Both runs are kept in the service's history; the single call opens with its request id.
    page.locator("#tab-history").click()
    history = "[data-testid=test-history-row][data-status=TEST_RUN_STATUS_PASSED]"
    page.locator(f"{history}[data-kind=TEST_RUN_KIND_SUITE]").wait_for()
    page.locator(f"{history}[data-kind=TEST_RUN_KIND_AD_HOC]").get_by_test_id(
        "test-history-open"
    ).click()
    drawer = page.get_by_test_id("test-run-drawer")
    drawer.get_by_test_id("test-request-id").get_by_text(request_id).wait_for()

    # The request id opens log query, which finds the call once monitor has it.
    drawer.get_by_test_id("test-log-link").click()
    page.wait_for_url(lambda url: "/operations/logs" in url and request_id in url)
    assert page.get_by_test_id("log-request-id").input_value() == request_id
    logged = page.locator(f"[data-testid=log-row][data-request-id='{request_id}']")

    def found_in_log() -> bool | None:
        if logged.count():
            return True
        page.get_by_test_id("log-search").click()
        page.wait_for_load_state("networkidle")
        return True if logged.count() else None

    eventually(found_in_log, what="the test call in log query")
    assert DEMO_API_CODE in logged.inner_text()
    assert code in logged.inner_text()
