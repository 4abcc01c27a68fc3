"""Sending notifications: HTTP posts and SMTP in threads, and the delivery worker.

Deliveries are rows: an alert change adds them after its transaction committed, and the worker
of any replica claims due ones (a conditional UPDATE) before sending, so a restart loses none
and two replicas never send the same attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import smtplib
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from services.monitor import alerts, notification_store, notifications
from services.monitor.models import NotificationEndpointRow
from services.monitor.notification_store import Outcome
from services.monitor.notifications import EndpointKind
from services.runtime.clock import utcnow
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor.notifications")
_BODY_LIMIT = 512


@dataclass(frozen=True)
class SmtpSettings:
    """The system's SMTP server (WAILIAN_MONITOR_SMTP_*); host empty: e-mail is not set up."""

    host: str = ""
    port: int = 25
    username: str = ""
    password: str = ""
    sender: str = "wailian@localhost"
    starttls: bool = False


@dataclass(frozen=True)
class NotifySettings:
    retry: notifications.RetryPolicy
    timeout: timedelta
    poll_interval: timedelta
    smtp: SmtpSettings
    # The console's public URL, for links in messages; empty: links are console paths.
    console_url: str = ""


@dataclass(frozen=True)
class Target:
    """An endpoint as the sender needs it, secret opened."""

    kind: EndpointKind
    url: str
    secret: str
    email_recipients: tuple[str, ...]
    mention_mobiles: tuple[str, ...]


def target_of(row: NotificationEndpointRow, box: SecretBox) -> Target:
    return Target(
        kind=EndpointKind(row.kind),
        url=row.url,
        secret=notification_store.secret_of(row, box),
        email_recipients=tuple(row.email_recipients),
        mention_mobiles=tuple(row.mention_mobiles),
    )


def build_request(target: Target, message: notifications.Message) -> notifications.HttpRequest:
    now_ms = int(time.time() * 1000)
    if target.kind is EndpointKind.WECOM_ROBOT:
        return notifications.wecom_request(target.url, message, target.mention_mobiles)
    if target.kind is EndpointKind.DINGTALK_ROBOT:
        return notifications.dingtalk_request(
            target.url, message, target.mention_mobiles, target.secret, now_ms
        )
    return notifications.webhook_request(target.url, message, target.secret, now_ms // 1000)


def _post(request: notifications.HttpRequest, timeout: float) -> tuple[int, bytes]:
    # validate_endpoint admits http(s) URLs only.
    prepared = urllib.request.Request(  # noqa: S310
        request.url, data=request.body, headers=dict(request.headers), method="POST"
    )
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as response:  # noqa: S310
            return int(response.status), response.read(64 * 1024)
    except urllib.error.HTTPError as error:
        return int(error.code), error.read(64 * 1024)


def _mail(
    smtp: SmtpSettings, target: Target, message: notifications.Message, timeout: float
) -> int:
    mail = notifications.email_message(smtp.sender, target.email_recipients, message)
    with smtplib.SMTP(smtp.host, smtp.port, timeout=timeout) as client:
        if smtp.starttls:
            client.starttls()
        if smtp.username:
            client.login(smtp.username, smtp.password)
        client.send_message(mail)
        code, _ = client.noop()
        return int(code)


async def send(target: Target, message: notifications.Message, settings: NotifySettings) -> Outcome:
    """One attempt; never raises. Errors name the failure, never the URL's token or a secret."""
    started = time.monotonic()
    timeout = settings.timeout.total_seconds()

    def elapsed() -> timedelta:
        return timedelta(seconds=time.monotonic() - started)

    try:
        if target.kind is EndpointKind.EMAIL:
            if not settings.smtp.host:
                return Outcome(False, error="e-mail is not set up: WAILIAN_MONITOR_SMTP_HOST")
            code = await asyncio.to_thread(_mail, settings.smtp, target, message, timeout)
            return Outcome(True, code, latency=elapsed())
        status, body = await asyncio.to_thread(_post, build_request(target, message), timeout)
    except (OSError, smtplib.SMTPException) as error:
        return Outcome(False, error=f"{type(error).__name__}: {error}"[:512], latency=elapsed())
    text = body.decode("utf-8", "replace")[:_BODY_LIMIT]
    if not 200 <= status < 300:
        return Outcome(False, status, text, f"HTTP {status}", elapsed())
    failure = notifications.robot_failure(target.kind, body)
    return Outcome(not failure, status, text, failure, elapsed())


class NotificationDispatcher:
    """The alert evaluator's notifier, and the worker that sends due deliveries."""

    def __init__(
        self, uow: UnitOfWork, box: SecretBox, settings: NotifySettings, timezone: str
    ) -> None:
        self.uow = uow
        self.box = box
        self.settings = settings
        self.timezone = timezone
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def alert_changed(self, change: alerts.AlertChange) -> None:
        """Records a delivery per endpoint (sent by the worker)."""
        now = utcnow()

        def work(session: Session) -> int:
            facts = notification_store.alert_facts(session, change.alert_id, change.fired)
            if facts is None:
                return 0
            message = notifications.alert_message(facts, self.timezone, self.settings.console_url)
            endpoints = notification_store.recipients(
                session, change.notification_endpoint_ids, change.severity, change.fired
            )
            for endpoint in endpoints:
                notification_store.add_delivery(session, endpoint, message, now)
            return len(endpoints)

        count = await self.uow.run(work)
        log.info(
            "alert %s: %d notification(s) queued",
            "fired" if change.fired else "resolved",
            count,
            extra={"alert_id": change.alert_id, "alert_rule_id": change.rule_id},
        )
        if count:
            self.wake()

    async def deliver(self, delivery_id: str) -> bool:
        """Claims and attempts one due delivery; False when another replica had it."""
        lease = self.settings.timeout * 3
        now = utcnow()

        def claim(session: Session) -> tuple[Target, notifications.Message] | None:
            if not notification_store.claim_delivery(session, delivery_id, now, lease):
                return None
            row = notification_store.delivery_row(session, delivery_id)
            endpoint = (
                None
                if row is None
                else notification_store.endpoint_row(session, row.notification_endpoint_id)
            )
            if row is None:
                return None
            if endpoint is None:
                notification_store.give_up(row, "the notification endpoint was deleted")
                return None
            message = notifications.Message(row.subject, row.text, row.alert_id, dict(row.facts))
            return target_of(endpoint, self.box), message

        claimed = await self.uow.run(claim)
        if claimed is None:
            return False
        outcome = await send(*claimed, self.settings)
        if not outcome.succeeded:
            log.warning(
                "notification attempt failed",
                extra={
                    "notification_delivery_id": delivery_id,
                    "error": outcome.error,
                    "response_status": outcome.response_status,
                },
            )
        await self.uow.run(
            lambda s: notification_store.record_attempt(
                s, delivery_id, outcome, self.settings.retry, utcnow()
            )
        )
        return True

    async def deliver_due(self) -> int:
        due = await self.uow.run(lambda s: notification_store.due_delivery_ids(s, utcnow()))
        results = await asyncio.gather(*(self.deliver(d) for d in due))
        return sum(results)

    async def run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.deliver_due()
            except Exception:
                log.exception("sending notifications failed; will retry")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(
                    self._wake.wait(), self.settings.poll_interval.total_seconds()
                )
