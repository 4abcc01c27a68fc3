"""Driving the console in Debian's Chromium: launch flags and small page helpers."""

from __future__ import annotations

from pathlib import Path

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


# What marks a log line as trouble: the services' JSON levels, Envoy's, and a traceback.
TROUBLE_MARKS = ('"WARNING"', '"ERROR"', '"CRITICAL"', "Traceback", "[error]", "[critical]")


def page_at_failure(page, limit: int = 2000) -> str:  # type: ignore[no-untyped-def]
    """The page's address, the errors it shows, and its visible text, for a failure report."""
    try:
        errors = page.locator(".el-alert--error, .el-message--error, .el-form-item__error")
        shown = [text.strip() for text in errors.all_inner_texts() if text.strip()]
        body = page.locator("body").inner_text(timeout=2000)
    except Exception as error:  # a page gone with its browser: say so, keep the real failure
        return f"the page could not be read: {error}"
    lines = [f"url: {page.url}"]
    lines += [f"error shown: {text}" for text in shown] or ["no error shown"]
    lines += ["visible text:", body[-limit:]]
    return "\n".join(lines)


def service_trouble(logs: Path, limit: int = 40) -> str:
    """The last WARNING-or-worse lines of every service's log, for a failure report."""
    lines: list[str] = []
    for log in sorted(logs.glob("*.log")):
        try:
            text = log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        trouble = [
            line for line in text.splitlines() if any(mark in line for mark in TROUBLE_MARKS)
        ]
        lines += [f"{log.name}: {line[:600]}" for line in trouble[-limit:]]
    return "\n".join(lines) or "no warnings in the services' logs"
