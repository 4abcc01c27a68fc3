"""End-to-end: the real processes and the real Envoy, as `wailian up` starts them."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.local.launcher import LocalOptions, LocalPlatform
from tests.e2e.console import CHROMIUM, CHROMIUM_ARGS, page_at_failure, service_trouble


def start_local_platform(options: LocalOptions, *, edge: bool) -> Iterator[LocalPlatform]:
    platform = LocalPlatform(options)
    try:
        platform.start_backends()
        if edge:
            platform.start_edge()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def backends(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LocalPlatform]:
    """The five services, console server and HIS simulator as processes; Envoy not yet."""
    options = LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=False)
    if request.param == "postgres":
        options.database_urls = request.getfixturevalue("postgres_databases")
        options.redis_url = request.getfixturevalue("redis_url")
    yield from start_local_platform(options, edge=False)


@pytest.fixture(scope="module")
def demo_platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPlatform]:
    """The platform as `make run` starts it (demo data, Envoy in front), one per test module."""
    options = LocalOptions(
        data_dir=tmp_path_factory.mktemp("platform") / "var", ephemeral=True, seed_demo=True
    )
    platform = LocalPlatform(options)
    try:
        platform.start()
        yield platform
    finally:
        platform.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make test` installs Debian's chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    # Less motion, as a user may ask for: a drawer or dialog is where it will stay once it is
    # shown, so a click never lands on one still sliding in (the likely, unproven cause of one
    # failure on a loaded CI host).
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1400, "height": 900}, reduced_motion="reduce"
    )
    yield context.new_page()
    context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """A failed browser test reports what the page showed and what the services complained of.

    A console test that fails only on a loaded CI host otherwise says no more than which
    element never appeared; the error the page showed, or a service's warning, says why.
    """
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    funcargs = getattr(item, "funcargs", {})
    if "page" in funcargs:
        report.sections.append(("page at failure", page_at_failure(funcargs["page"])))
    for name in ("demo_platform", "backends"):
        if name in funcargs:
            report.sections.append(("service warnings", service_trouble(funcargs[name].logs)))
