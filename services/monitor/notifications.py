"""Notification endpoints and messages: validation, Chinese texts, robot and webhook formats.

Rules only, no I/O: the sender (notification_sender) posts what these functions build.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import json
import re
import urllib.parse
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from zoneinfo import ZoneInfo

from services.monitor.alerts import Severity
from services.runtime.errors import Validator

SIGNATURE_HEADER = "X-Wailian-Signature"
TIMESTAMP_HEADER = "X-Wailian-Timestamp"
DEFAULT_MESSAGES_PER_HOUR = 60
_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.CRITICAL: 2}
_SEVERITY_TEXT = {Severity.INFO: "提示", Severity.WARNING: "警告", Severity.CRITICAL: "严重"}
_MOBILE = re.compile(r"^1\d{10}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class EndpointKind(enum.StrEnum):
    WEBHOOK = "webhook"
    EMAIL = "email"
    WECOM_ROBOT = "wecom_robot"
    DINGTALK_ROBOT = "dingtalk_robot"


class DeliveryStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    RETRYING = "retrying"
    FAILED = "failed"
    SUPPRESSED = "suppressed"


DUE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


@dataclass(frozen=True)
class EndpointSpec:
    """What an administrator sets on an endpoint (the secret is kept apart: write-only)."""

    name: str = ""
    kind: EndpointKind = EndpointKind.WEBHOOK
    url: str = ""
    email_recipients: tuple[str, ...] = ()
    mention_mobiles: tuple[str, ...] = ()
    enabled: bool = True
    min_severity: Severity = Severity.INFO
    max_messages_per_hour: int = 0
    send_resolved: bool = True


def validate_endpoint(
    spec: EndpointSpec, secret: str, prefix: str = "notification_endpoint"
) -> None:
    """InvalidArgument naming every bad field."""
    check = Validator()
    check.require(
        0 < len(spec.name.strip()) <= 128, f"{prefix}.name", "required, at most 128 characters"
    )
    if spec.kind is EndpointKind.EMAIL:
        check.require(
            bool(spec.email_recipients), f"{prefix}.email_recipients", "at least one address"
        )
        check.require(len(spec.email_recipients) <= 50, f"{prefix}.email_recipients", "at most 50")
        bad = [a for a in spec.email_recipients if not _EMAIL.match(a)]
        check.require(
            not bad, f"{prefix}.email_recipients", "not an e-mail address: " + ", ".join(bad)
        )
    else:
        parsed = urllib.parse.urlsplit(spec.url)
        check.require(
            parsed.scheme in ("http", "https") and bool(parsed.hostname) and len(spec.url) <= 1024,
            f"{prefix}.url",
            "an http(s) URL, at most 1024 characters",
        )
    if spec.kind in (EndpointKind.WECOM_ROBOT, EndpointKind.DINGTALK_ROBOT):
        bad = [m for m in spec.mention_mobiles if not _MOBILE.match(m)]
        check.require(not bad, f"{prefix}.mention_mobiles", "11-digit mobile numbers only")
    else:
        check.require(not spec.mention_mobiles, f"{prefix}.mention_mobiles", "robots only")
    check.require(
        0 <= spec.max_messages_per_hour <= 10_000,
        f"{prefix}.max_messages_per_hour",
        "between 0 (meaning 60) and 10000",
    )
    check.require(len(secret) <= 256, f"{prefix}.secret", "at most 256 characters")
    check.require(
        not secret or spec.kind in (EndpointKind.WEBHOOK, EndpointKind.DINGTALK_ROBOT),
        f"{prefix}.secret",
        "only webhooks and DingTalk robots are signed",
    )
    check.check()


def masked_url(url: str) -> str:
    """Robot URLs carry their access token (access_token=, key=): shown masked."""
    parts = urllib.parse.urlsplit(url)
    if not parts.query:
        return url
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    hidden = [
        (k, (v[:4] + "****") if k in ("access_token", "key", "token") else v) for k, v in pairs
    ]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(hidden)))


def severity_at_least(severity: Severity, minimum: Severity) -> bool:
    return _SEVERITY_RANK[severity] >= _SEVERITY_RANK[minimum]


def hourly_limit(spec: EndpointSpec) -> int:
    return spec.max_messages_per_hour or DEFAULT_MESSAGES_PER_HOUR


def rate_limited(sent_last_hour: int, spec: EndpointSpec) -> bool:
    """True when the endpoint already had its messages for the past hour."""
    return sent_last_hour >= hourly_limit(spec)


@dataclass(frozen=True)
class RetryPolicy:
    """Waits after each failed attempt; one attempt more than there are waits."""

    delays: tuple[timedelta, ...] = (
        timedelta(seconds=1),
        timedelta(seconds=5),
        timedelta(seconds=30),
    )

    @property
    def max_attempts(self) -> int:
        return len(self.delays) + 1

    def next_attempt(self, attempts: int, now: datetime) -> datetime | None:
        """When to try again after `attempts` failed attempts; None once they are used up."""
        if attempts < 1 or attempts > len(self.delays):
            return None
        return now + self.delays[attempts - 1]


# Messages.


@dataclass(frozen=True)
class AlertFacts:
    """What a message about one alert says."""

    alert_id: str
    rule_name: str
    severity: Severity
    fired: bool
    summary: str
    labels: Mapping[str, str]
    value: float
    threshold: float
    started_at: datetime
    resolved_at: datetime | None = None


@dataclass(frozen=True)
class Message:
    subject: str
    text: str
    alert_id: str = ""
    facts: Mapping[str, object] = field(default_factory=dict)


def alert_link(alert_id: str, console_url: str = "") -> str:
    """The alert in the console's alert messages: a full address when the console's public URL
    is configured (WAILIAN_CONSOLE_URL), else the path within the console."""
    return f"{console_url.rstrip('/')}/operations/alerts?alert={alert_id}"


def _local(moment: datetime, timezone: str) -> str:
    return moment.astimezone(ZoneInfo(timezone)).strftime("%Y-%m-%d %H:%M:%S")


def alert_message(alert: AlertFacts, timezone: str, console_url: str = "") -> Message:
    """The Chinese message about an alert that fired or resolved."""
    state = "告警触发" if alert.fired else "告警恢复"
    level = _SEVERITY_TEXT[alert.severity]
    scope = "，".join(f"{k}={v}" for k, v in sorted(alert.labels.items())) or "全部"
    lines = [
        f"告警名称：{alert.rule_name}",
        f"级别：{level}",
        f"范围：{scope}",
        f"当前值：{alert.value:g}（阈值 {alert.threshold:g}）",
        f"开始时间：{_local(alert.started_at, timezone)}",
    ]
    if alert.resolved_at is not None:
        lines.append(f"恢复时间：{_local(alert.resolved_at, timezone)}")
    lines += [f"摘要：{alert.summary}", f"详情：{alert_link(alert.alert_id, console_url)}"]
    facts: dict[str, object] = {
        "alert_id": alert.alert_id,
        "rule_name": alert.rule_name,
        "severity": alert.severity.value,
        "status": "firing" if alert.fired else "resolved",
        "labels": dict(alert.labels),
        "value": alert.value,
        "threshold": alert.threshold,
        "start_time": alert.started_at.isoformat(),
        "link": alert_link(alert.alert_id, console_url),
    }
    return Message(
        f"【{state}】{level}：{alert.rule_name}", "\n".join(lines), alert.alert_id, facts
    )


def trial_message(endpoint_name: str, now: datetime, timezone: str) -> Message:
    return Message(
        "【测试消息】外联平台通知",
        f"这是一条测试消息，用于确认通知渠道“{endpoint_name}”可以收到告警。\n"
        f"发送时间：{_local(now, timezone)}",
        facts={"test": True},
    )


# Wire formats.


@dataclass(frozen=True)
class HttpRequest:
    url: str
    body: bytes
    headers: Mapping[str, str]


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def webhook_signature(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>.<body>", hex, as sent in X-Wailian-Signature."""
    signed = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's "加签": base64(HMAC-SHA256(secret, "<timestamp>\\n<secret>")), URL-encoded."""
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest).decode())


def _markdown(message: Message) -> str:
    return f"### {message.subject}\n" + "\n".join(f"> {line}" for line in message.text.split("\n"))


def webhook_request(url: str, message: Message, secret: str, timestamp: int) -> HttpRequest:
    body = _json({"subject": message.subject, "text": message.text, **message.facts})
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if secret:
        headers[TIMESTAMP_HEADER] = str(timestamp)
        headers[SIGNATURE_HEADER] = webhook_signature(secret, timestamp, body)
    return HttpRequest(url, body, headers)


def wecom_request(url: str, message: Message, mobiles: Sequence[str]) -> HttpRequest:
    """WeCom group robot: msgtype markdown; mentions need a text message, so they go alongside."""
    content = _markdown(message)
    if mobiles:
        content += "\n" + " ".join(f"@{m}" for m in mobiles)
    body = _json({"msgtype": "markdown", "markdown": {"content": content}})
    return HttpRequest(url, body, {"Content-Type": "application/json; charset=utf-8"})


def dingtalk_request(
    url: str, message: Message, mobiles: Sequence[str], secret: str, timestamp_ms: int
) -> HttpRequest:
    text = _markdown(message)
    if mobiles:
        text += "\n\n" + " ".join(f"@{m}" for m in mobiles)
    body = _json(
        {
            "msgtype": "markdown",
            "markdown": {"title": message.subject, "text": text},
            "at": {"atMobiles": list(mobiles), "isAtAll": False},
        }
    )
    if secret:
        separator = "&" if urllib.parse.urlsplit(url).query else "?"
        url = f"{url}{separator}timestamp={timestamp_ms}&sign={dingtalk_sign(secret, timestamp_ms)}"
    return HttpRequest(url, body, {"Content-Type": "application/json; charset=utf-8"})


def robot_failure(kind: EndpointKind, body: bytes) -> str:
    """Robots answer HTTP 200 with {"errcode": n, "errmsg": ...}; non-zero errcode is a failure."""
    if kind not in (EndpointKind.WECOM_ROBOT, EndpointKind.DINGTALK_ROBOT):
        return ""
    try:
        answer = json.loads(body)
    except ValueError:
        return "the robot's answer is not JSON"
    code = answer.get("errcode", 0) if isinstance(answer, dict) else 0
    return "" if code == 0 else f"errcode {code}: {answer.get('errmsg', '')}"


def email_message(sender: str, recipients: Sequence[str], message: Message) -> EmailMessage:
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = sender
    mail["To"] = ", ".join(recipients)
    mail.set_content(message.text)
    return mail
