"""The console in a real browser (Debian's Chromium driven by Playwright), through the edge."""

from __future__ import annotations

import pytest

from deploy.local.demo import admin_metadata
from services.identity.main import DEMO_ADMIN_PASSWORD
from wailian.registry.v1 import catalog_import_pb2 as ip
from wailian.registry.v1 import catalog_import_pb2_grpc as ig

pytestmark = [pytest.mark.e2e, pytest.mark.browser]


def test_staff_sign_in_and_see_the_api_services_registry_serves(demo_platform, page) -> None:
    console = f"http://127.0.0.1:{demo_platform.console_port}"
    # The demo is the standard catalogue of hospital interfaces.
    with (
        demo_platform.grpc_channel("identity") as identity,
        demo_platform.grpc_channel("registry") as registry,
    ):
        catalogue = (
            ig.CatalogImportServiceStub(registry)
            .ListCatalogTemplates(
                ip.ListCatalogTemplatesRequest(), metadata=admin_metadata(identity)
            )
            .templates
        )
    assert len(catalogue) >= 15
    page.goto(f"{console}/services/api")
    # Not signed in: the console sends us to its login page, in Chinese first.
    page.get_by_test_id("login-username").wait_for()
    assert "登录" in page.content()

    page.get_by_test_id("login-username").fill("admin")
    page.get_by_test_id("login-password").fill("Wrong-password-1")
    page.get_by_test_id("login-submit").click()
    error = page.get_by_test_id("login-error")
    error.wait_for()
    assert error.inner_text().strip()

    page.get_by_test_id("login-password").fill(DEMO_ADMIN_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("api-service-table").wait_for()
    rows = page.get_by_test_id("api-service-row")
    rows.first.wait_for()
    table = page.get_by_test_id("api-service-table").inner_text()
    listed = [template for template in catalogue if template.code in table]
    assert rows.count() == len(listed) >= 15  # a page of them
    assert all(template.name in table for template in listed)
    assert "his" in table  # the upstream each one is served by

    # Searching asks registry again and narrows the list.
    page.locator(
        "input[data-testid=api-service-query], [data-testid=api-service-query] input"
    ).fill("appointment")
    page.get_by_test_id("api-service-search").click()
    appointments = sum("appointment" in t.code or "appointment" in t.name for t in catalogue)
    assert appointments >= 3
    page.wait_for_function(
        f"() => document.querySelectorAll('[data-testid=api-service-row]').length === {appointments}"
    )
    assert "master.departments.list" not in page.get_by_test_id("api-service-table").inner_text()

    # English is one click away, and the menu follows.
    assert "服务配置" in page.get_by_test_id("side-menu").inner_text()
    page.get_by_test_id("lang-switch").click()
    page.wait_for_function("() => document.documentElement.lang.startsWith('en')")
    assert "Service configuration" in page.get_by_test_id("side-menu").inner_text()
