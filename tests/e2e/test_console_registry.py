"""Service configuration (modules 16, 31) in Chromium: a member of staff registers the HIS
simulator as an upstream (a bad address is refused first) and probes it, uploads an OpenAPI
document in YAML (dry run, then the import), publishes the new draft, watches the edge take it
(a new snapshot acknowledged by the running Envoy, whose diff shows the new route), takes the
API offline again, rolls the edge back to the snapshot before the publication, and cannot
delete the upstream the service still names. A second test keeps two versions of one API live
side by side, deprecates the old one with a sunset time and deletes a draft version.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import yaml

from services.identity import ca
from services.identity.main import DEMO_ADMIN_PASSWORD
from tests.e2e.console import choose, confirm_message_box, console_of, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

# The edge takes a change within 2 s; the page polls every 3 s. Generous for a busy machine.
EDGE_WAIT_MS = 30_000


def openapi_document(code: str, path: str, name: str) -> str:
    operation = {
        "operationId": code,
        "summary": name,
        "x-wailian-category": "inpatient",
        "parameters": [
            {"name": "ward_code", "in": "query", "required": False, "schema": {"type": "string"}}
        ],
        "responses": {
            "200": {
                "description": "病区",
                "content": {
                    "application/json": {
                        "schema": {"type": "object", "properties": {"wards": {"type": "array"}}},
                        "example": {"wards": []},
                    }
                },
            }
        },
    }
    document = {
        "openapi": "3.0.3",
        "info": {"title": "住院病区", "version": "v1"},
        "paths": {path: {"get": operation}},
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def open_service(page, code: str, version: str = "v1") -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("api-service-query").fill(code)
    page.get_by_test_id("api-service-search").click()
    row = page.locator(
        f"[data-testid=api-service-row][data-code='{code}'][data-version='{version}']"
    )
    row.get_by_test_id("api-service-open").click()
    page.get_by_test_id("api-service-facts").wait_for()


def facts_status(page, status: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("api-service-facts-status").get_by_text(status, exact=True).wait_for()


def test_an_imported_api_is_published_reaches_the_edge_and_goes_offline(
    demo_platform, page
) -> None:
    console = console_of(demo_platform)
    suffix = uuid.uuid4().hex[:8]
    upstream = f"his-{suffix}"
    code = f"inpatient.wards.{suffix}"
    path = f"/e2e-{suffix}/wards"
    name = f"病区列表 {suffix}"

    # An upstream pointing at the HIS simulator, with its health path; probing reaches it.
    sign_in(page, console, "/services/upstreams", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("upstream-table").wait_for()
    page.get_by_test_id("upstream-create").click()
    page.get_by_test_id("upstream-form-name").fill(upstream)
    page.get_by_test_id("upstream-form-description").fill("HIS 模拟器")
    # A bad address is refused by the registry before it reaches the edge, next to its field.
    page.get_by_test_id("upstream-form-host").fill("his simulator")
    page.get_by_test_id("upstream-form-submit").click()
    endpoint = page.get_by_test_id("upstream-form-endpoint")
    endpoint.get_by_text("a host name or an IP address").wait_for()
    page.get_by_test_id("upstream-form-host").fill("127.0.0.1")
    page.get_by_test_id("upstream-form-port").locator("input").fill(str(demo_platform.his_port))
    page.get_by_test_id("upstream-form-health-check").click()
    page.get_by_test_id("upstream-form-health-path").fill("/healthz")
    page.get_by_test_id("upstream-form-submit").click()
    page.get_by_test_id("upstream-dialog").wait_for(state="hidden")
    row = page.locator(f"[data-testid=upstream-row][data-name='{upstream}']")
    assert (
        f"127.0.0.1:{demo_platform.his_port}"
        in row.get_by_test_id("upstream-endpoints").inner_text()
    )
    assert row.get_by_test_id("upstream-api-count").inner_text().strip() == "0"

    row.get_by_test_id("upstream-probe").click()
    probe = page.get_by_test_id("upstream-probe-dialog")
    result = probe.locator("[data-testid=upstream-probe-row]")
    result.get_by_test_id("upstream-probe-reachable").get_by_text("可达", exact=True).wait_for()
    assert re.fullmatch(r"\d+ ms", result.get_by_test_id("upstream-probe-latency").inner_text())
    assert result.get_attribute("data-reachable") == "true"
    probe.get_by_text("关闭", exact=True).click()
    probe.wait_for(state="hidden")

    # An OpenAPI document: the dry run comes first and changes nothing; then the import.
    page.goto(f"{console}/services/import")
    document = openapi_document(code, path, name)
    page.get_by_test_id("openapi-file").set_input_files(
        files=[{"name": "wards.yaml", "mimeType": "application/yaml", "buffer": document.encode()}]
    )
    page.get_by_test_id("openapi-file-name").get_by_text("wards.yaml").wait_for()
    assert page.get_by_test_id("openapi-document").input_value() == document
    choose(page, "openapi-upstream", f"openapi-upstream-{upstream}")
    assert page.get_by_test_id("openapi-import").is_disabled()
    page.get_by_test_id("openapi-dry-run").click()
    item = page.locator(f"[data-testid=openapi-item][data-code='{code}']")
    item.get_by_text("新建", exact=True).wait_for()
    assert path in item.inner_text()
    assert "试运行结果" in page.get_by_test_id("openapi-summary").inner_text()
    page.get_by_test_id("openapi-import").click()
    page.get_by_test_id("openapi-summary").get_by_text("已导入", exact=False).wait_for()
    assert "新建 1" in page.get_by_test_id("openapi-summary").inner_text()

    # The new draft is in the list; it is published after confirming.
    page.get_by_test_id("openapi-to-list").click()
    page.get_by_test_id("catalog-summary").wait_for()
    page.get_by_test_id("api-service-table").wait_for()
    open_service(page, code)
    facts_status(page, "草稿")
    row = page.locator(f"[data-testid=api-service-row][data-code='{code}']")
    assert name in row.inner_text()
    assert upstream in row.inner_text()
    page.get_by_test_id("api-service-publish").click()
    confirm_message_box(page)
    facts_status(page, "已发布")
    row.get_by_test_id("api-service-status-tag").get_by_text("已发布").wait_for()

    # The edge page: the newest snapshot was made by the publication, and the running Envoy
    # acknowledges it.
    page.goto(f"{console}/services/gateway")
    newest = page.locator("[data-testid=snapshot-row]").first
    newest.get_by_test_id("snapshot-cause").get_by_text("api_service.publish").wait_for()
    version = newest.get_attribute("data-version")
    assert version
    node = page.locator(f"[data-testid=edge-node-row][data-acked-version='{version}']")
    node.wait_for(timeout=EDGE_WAIT_MS)
    assert node.get_by_test_id("edge-node-acked-version").inner_text().strip() == version
    node.get_by_test_id("edge-node-sync").get_by_text("已同步").wait_for(timeout=EDGE_WAIT_MS)
    newest.get_by_test_id("snapshot-acks").get_by_text(re.compile(r"^[1-9]\d* / ")).wait_for(
        timeout=EDGE_WAIT_MS
    )

    # Its diff against the snapshot before shows the new route.
    page.locator(f"[data-testid=snapshot-row][data-version='{version}']").get_by_test_id(
        "snapshot-diff"
    ).click()
    drawer = page.get_by_test_id("diff-drawer")
    drawer.get_by_test_id("diff-resource").first.wait_for()
    added = drawer.locator("[data-testid=diff-text] .diff--added")
    assert any(path in line for line in added.all_inner_texts())
    assert "与版本" in drawer.get_by_test_id("diff-versions").inner_text()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")

    # Taken offline with a comment: the service says so, and the edge gets a new snapshot.
    page.goto(f"{console}/services/api")
    page.get_by_test_id("api-service-table").wait_for()
    open_service(page, code)
    facts_status(page, "已发布")
    page.get_by_test_id("api-service-unpublish").click()
    dialog = page.get_by_test_id("api-service-lifecycle-dialog")
    dialog.get_by_test_id("api-service-lifecycle-comment").fill("病区接口停用")
    dialog.get_by_test_id("api-service-lifecycle-confirm").click()
    dialog.wait_for(state="hidden")
    facts_status(page, "已下线")
    assert page.get_by_test_id("api-service-publish").is_visible()

    page.goto(f"{console}/services/gateway")
    newest = page.locator("[data-testid=snapshot-row]").first
    newest.get_by_test_id("snapshot-cause").get_by_text("api_service.unpublish").wait_for()
    offline_version = int(newest.get_attribute("data-version") or 0)
    assert offline_version > int(version)

    # Rolling back to the snapshot before the publication serves its content again as a new,
    # higher version, which the node acknowledges.
    before = page.locator("[data-testid=snapshot-row]").nth(2)
    before_version = before.get_attribute("data-version")
    assert before_version and int(before_version) < int(version)
    before.get_by_test_id("snapshot-rollback").click()
    rollback = page.get_by_test_id("rollback-dialog")
    rollback.get_by_test_id("rollback-reason").fill("复核病区接口下线")
    rollback.get_by_test_id("rollback-submit").click()
    rollback.wait_for(state="hidden")
    newest = page.locator("[data-testid=snapshot-row]").first
    newest.get_by_test_id("snapshot-cause").get_by_text("复核病区接口下线").wait_for()
    assert newest.get_by_test_id("snapshot-current").is_visible()
    assert f"恢复自快照 {before_version}" in newest.inner_text()
    rolled_back = newest.get_attribute("data-version") or ""
    assert int(rolled_back) > offline_version
    page.locator(f"[data-testid=edge-node-row][data-acked-version='{rolled_back}']").wait_for(
        timeout=EDGE_WAIT_MS
    )

    # The upstream cannot be deleted while the (offline) service still routes to it.
    page.goto(f"{console}/services/upstreams")
    row = page.locator(f"[data-testid=upstream-row][data-name='{upstream}']")
    assert row.get_by_test_id("upstream-api-count").inner_text().strip() == "1"
    row.get_by_test_id("upstream-delete").click()
    confirm_message_box(page)
    refused = page.get_by_test_id("upstream-action-error").get_by_test_id("error-message")
    refused.wait_for()
    assert f"upstream {upstream} is used by 1 API service(s): {code}" in refused.inner_text()
    assert row.is_visible()


def summary_count(page, key: str) -> int:  # type: ignore[no-untyped-def]
    text = page.get_by_test_id(f"catalog-summary-{key}").inner_text()
    return int(text.split()[0])


def version_row(page, version: str):  # type: ignore[no-untyped-def]
    return page.locator(f"[data-testid=api-service-version-row][data-version='{version}']")


def test_versions_of_one_api_live_side_by_side_and_the_old_one_is_deprecated(
    demo_platform, page
) -> None:
    console = console_of(demo_platform)
    code = "master.doctor.get"
    sign_in(page, console, "/services/api", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("api-service-table").wait_for()
    page.get_by_test_id("catalog-summary-published").get_by_text(re.compile(r"^[1-9]")).wait_for()
    drafts = summary_count(page, "draft")

    # A new version is a draft copied from the published one; both are listed side by side.
    open_service(page, code)
    facts_status(page, "已发布")
    page.get_by_test_id("api-service-new-version").click()
    page.get_by_test_id("api-service-version-label").fill("v2")
    page.get_by_test_id("api-service-version-create").click()
    page.get_by_test_id("api-service-drawer").get_by_text(f"{code} · v2").wait_for()
    facts_status(page, "草稿")
    page.get_by_test_id("catalog-summary-draft").get_by_text(str(drafts + 1), exact=True).wait_for()
    page.locator(".el-tabs__item", has_text="版本").click()
    version_row(page, "v1").get_by_text("已发布").wait_for()
    version_row(page, "v2").get_by_text("草稿").wait_for()
    assert "/v2/" in version_row(page, "v2").inner_text()

    # The draft is renamed and published; v1 stays live beside it.
    page.locator(".el-tabs__item", has_text="基本定义").click()
    page.get_by_test_id("api-service-form-name").fill("医生详情（第二版）")
    page.get_by_test_id("api-service-save").click()
    page.locator(
        f"[data-testid=api-service-row][data-code='{code}'][data-version='v2']"
    ).get_by_text("医生详情（第二版）").wait_for()
    page.get_by_test_id("api-service-publish").click()
    confirm_message_box(page)
    facts_status(page, "已发布")
    page.locator(".el-tabs__item", has_text="版本").click()
    version_row(page, "v2").get_by_text("已发布").wait_for()
    version_row(page, "v1").get_by_text("已发布").wait_for()

    # v1 is deprecated with a sunset time: still listed, announced as going offline.
    version_row(page, "v1").get_by_test_id("api-service-version-open").click()
    page.get_by_test_id("api-service-drawer").get_by_text(f"{code} · v1").wait_for()
    page.get_by_test_id("api-service-deprecate").click()
    dialog = page.get_by_test_id("api-service-lifecycle-dialog")
    sunset = dialog.get_by_test_id("api-service-lifecycle-sunset").locator("input")
    sunset.fill("2030-06-30 00:00:00")
    sunset.press("Enter")
    dialog.get_by_test_id("api-service-lifecycle-comment").fill("请改用 v2")
    dialog.get_by_test_id("api-service-lifecycle-link").fill(
        "https://developer.example-hospital.cn/docs/doctor-v2"
    )
    dialog.get_by_test_id("api-service-lifecycle-confirm").click()
    dialog.wait_for(state="hidden")
    facts_status(page, "已弃用")
    assert "2030-06-30" in page.get_by_test_id("api-service-facts-sunset").inner_text()
    link = page.get_by_test_id("api-service-facts-deprecation-link")
    assert link.get_attribute("href") == "https://developer.example-hospital.cn/docs/doctor-v2"
    page.locator(".el-tabs__item", has_text="版本").click()
    version_row(page, "v1").get_by_text("已弃用").wait_for()

    # A draft v3 can be deleted (after confirming); it leaves the versions.
    page.get_by_test_id("api-service-new-version").click()
    page.get_by_test_id("api-service-version-label").fill("v3")
    page.get_by_test_id("api-service-version-create").click()
    page.get_by_test_id("api-service-drawer").get_by_text(f"{code} · v3").wait_for()
    page.get_by_test_id("api-service-delete").click()
    confirm_message_box(page)
    page.get_by_test_id("api-service-drawer").wait_for(state="hidden")
    open_service(page, code, "v2")
    page.locator(".el-tabs__item", has_text="版本").click()
    version_row(page, "v2").wait_for()
    assert version_row(page, "v3").count() == 0
    assert page.locator("[data-testid=api-service-version-row]").count() == 2

    # The developer center's documentation tells vendors: offline when, and where to read on.
    page.goto(f"{console}/access/developer-center")
    page.locator(f"[data-testid=doc-item][data-code='{code}']", has_text="已弃用").click()
    notice = page.get_by_test_id("doc-deprecated")
    notice.wait_for()
    assert "2030-06-30" in notice.inner_text()
    guide = notice.get_by_test_id("doc-deprecation-link")
    assert guide.get_attribute("href") == "https://developer.example-hospital.cn/docs/doctor-v2"
    page.locator(f"[data-testid=doc-item][data-code='{code}']", has_text="第二版").click()
    page.get_by_test_id("doc-title").get_by_text("医生详情（第二版）").wait_for()
    assert page.get_by_test_id("doc-deprecated").count() == 0


def test_an_upstream_client_certificate_is_set_shown_and_removed(demo_platform, page) -> None:
    """The certificate is pasted, the key uploaded as a file; afterwards staff see its subject
    and expiry and that a key is stored, never the key; the edge took it (the snapshot shows a
    sealed secret, acknowledged by the running Envoy, and the snapshot before it keeps its
    acknowledgement); "remove" clears both."""
    console = console_of(demo_platform)
    name = f"pacs-{uuid.uuid4().hex[:8]}"
    now = datetime.now(UTC)
    issued = ca.issue_client_certificate(
        ca.new_authority("影像系统", now),
        channel_id=str(uuid.uuid4()),
        channel_code="wailian-edge-pacs",
        credential_id="edge",
        not_after=now + timedelta(days=90),
        now=now,
    )
    key_line = issued.private_key_pem.splitlines()[1]

    sign_in(page, console, "/services/upstreams", "admin", DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("upstream-table").wait_for()
    page.get_by_test_id("upstream-create").click()
    page.get_by_test_id("upstream-form-name").fill(name)
    page.get_by_test_id("upstream-form-host").fill("127.0.0.1")
    page.get_by_test_id("upstream-form-port").locator("input").fill("8443")
    page.get_by_test_id("upstream-form-tls").click()
    page.get_by_test_id("upstream-form-client-certificate").fill(issued.certificate_pem)
    page.get_by_test_id("upstream-form-client-key-file").set_input_files(
        files=[
            {
                "name": "edge.key",
                "mimeType": "application/x-pem-file",
                "buffer": issued.private_key_pem.encode(),
            }
        ]
    )
    page.get_by_test_id("upstream-form-submit").click()
    page.get_by_test_id("upstream-dialog").wait_for(state="hidden")
    row = page.locator(f"[data-testid=upstream-row][data-name='{name}']")
    row.get_by_test_id("upstream-client-certificate-tag").get_by_text("双向 TLS").wait_for()

    # Editing shows the facts and that a key is stored; the key field stays empty.
    row.get_by_test_id("upstream-edit").click()
    dialog = page.get_by_test_id("upstream-dialog")
    subject = dialog.get_by_test_id("upstream-form-client-certificate-subject")
    assert subject.inner_text().startswith("CN=wailian-edge-pacs")
    assert (
        str((now + timedelta(days=90)).year)
        in dialog.get_by_test_id("upstream-form-client-certificate-expiry").inner_text()
    )
    dialog.get_by_test_id("upstream-form-client-key-set").wait_for()
    assert dialog.get_by_test_id("upstream-form-client-key").input_value() == ""
    assert key_line not in page.content()
    dialog.get_by_text("取消", exact=True).click()
    dialog.wait_for(state="hidden")

    # The edge: the new snapshot holds the certificate as a secret whose key is sealed, and
    # the running Envoy acknowledged it; the snapshot before keeps the answer it got.
    page.goto(f"{console}/services/gateway")
    rows = page.locator("[data-testid=snapshot-row]")
    newest = rows.first
    newest.get_by_test_id("snapshot-cause").get_by_text(f"upstream.create {name}").wait_for()
    newest.locator("[data-testid=snapshot-node-answer][data-acked=true]").first.wait_for(
        timeout=EDGE_WAIT_MS
    )
    rows.nth(1).locator("[data-testid=snapshot-node-answer][data-acked=true]").first.wait_for(
        timeout=EDGE_WAIT_MS
    )
    newest.get_by_test_id("snapshot-view").click()
    drawer = page.get_by_test_id("snapshot-drawer")
    secret = drawer.locator("[data-testid=snapshot-resource]").filter(
        has=page.locator("summary", has_text=f"upstream-client/{name}")
    )
    secret.locator("summary").click()
    assert "[sealed: never shown]" in secret.inner_text()
    assert key_line not in page.content()
    page.keyboard.press("Escape")
    drawer.wait_for(state="hidden")

    # Removed: the certificate and its key go, and the list says so.
    page.goto(f"{console}/services/upstreams")
    row = page.locator(f"[data-testid=upstream-row][data-name='{name}']")
    row.get_by_test_id("upstream-edit").click()
    page.get_by_test_id("upstream-form-client-certificate-remove").click()
    page.get_by_test_id("upstream-form-submit").click()
    page.get_by_test_id("upstream-dialog").wait_for(state="hidden")
    row.get_by_test_id("upstream-client-certificate-tag").wait_for(state="detached")
