"""Driving the console in Debian's Chromium: launch flags and small page helpers."""

from __future__ import annotations

from deploy.local.launcher import LocalPlatform

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def console_of(platform: LocalPlatform) -> str:
    return f"http://127.0.0.1:{platform.console_port}"


def sign_in(page, console: str, path: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{console}{path}")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def sign_out(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    page.get_by_test_id("login-username").wait_for()


def choose(page, select_testid: str, option_testid: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_test_id(select_testid).click()
    page.get_by_test_id(option_testid).click()


def confirm_message_box(page) -> None:  # type: ignore[no-untyped-def]
    """Answers "OK" to the console's confirmation box (ElMessageBox) and waits for it to close."""
    box = page.locator(".el-message-box")
    box.wait_for()
    box.locator(".el-message-box__btns .el-button--primary").click()
    box.wait_for(state="hidden")
