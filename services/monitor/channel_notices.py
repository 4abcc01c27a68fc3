"""Notices for a channel's vendor (developer center): its quota nearly used today, or one of
its credentials about to expire. Pure: what to say, and the key that makes saying it once a day
idempotent; the background check (channel_notice_store.ChannelNoticeCheck) writes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from services.monitor.directory import ChannelName

# A notice when this share of the daily quota is used today.
QUOTA_NEARLY_USED_SHARE = 0.9
# A notice while a credential ends within this time.
EXPIRY_HORIZON = timedelta(days=14)
MUTUAL_TLS = "CREDENTIAL_KIND_MUTUAL_TLS"


class NoticeKind(StrEnum):
    QUOTA_NEARLY_USED = "quota_nearly_used"
    QUOTA_EXHAUSTED = "quota_exhausted"
    CREDENTIAL_EXPIRING = "credential_expiring"
    CERTIFICATE_EXPIRING = "certificate_expiring"


@dataclass(frozen=True)
class Notice:
    # One notice per channel, kind and local day.
    key: str
    channel_id: str
    channel_code: str
    kind: NoticeKind
    title: str
    message: str


def _key(channel_id: str, kind: NoticeKind, day: date) -> str:
    return f"{channel_id}:{kind.value}:{day.isoformat()}"


def quota_notices(
    channels: Mapping[str, ChannelName], calls_today: Mapping[str, int], day: date
) -> list[Notice]:
    """Active channels with a quota that used at least 90% of it today (all of it: exhausted)."""
    found = []
    for channel_id, channel in sorted(channels.items()):
        if not channel.active or channel.daily_quota <= 0 or not channel.vendor_user_ids:
            continue
        used = calls_today.get(channel_id, 0)
        if used < QUOTA_NEARLY_USED_SHARE * channel.daily_quota:
            continue
        share = 100 * used / channel.daily_quota
        label = channel.name or channel.code
        if used >= channel.daily_quota:
            kind = NoticeKind.QUOTA_EXHAUSTED
            title = f"渠道「{label}」今日配额已用尽"
        else:
            kind = NoticeKind.QUOTA_NEARLY_USED
            title = f"渠道「{label}」今日配额已用 {share:.0f}%"
        message = (
            f"今日已调用 {used} 次，日配额 {channel.daily_quota} 次（{share:.0f}%）。"
            "超出配额的调用将被拒绝，至次日零点恢复；如需提高配额请联系医院信息科。"
        )
        found.append(
            Notice(_key(channel_id, kind, day), channel_id, channel.code, kind, title, message)
        )
    return found


def expiry_notices(
    channels: Mapping[str, ChannelName], now: datetime, day: date, zone: ZoneInfo
) -> list[Notice]:
    """Channels with credentials in force that end within 14 days: one notice per channel and
    kind (client credentials, certificates) naming each, soonest first."""
    found = []
    for channel_id, channel in sorted(channels.items()):
        if not channel.active or not channel.vendor_user_ids:
            continue
        ending = sorted(
            (c for c in channel.credentials if now < c.expires_at <= now + EXPIRY_HORIZON),
            key=lambda c: c.expires_at,
        )
        label = channel.name or channel.code
        for kind, chosen in (
            (NoticeKind.CERTIFICATE_EXPIRING, [c for c in ending if c.kind == MUTUAL_TLS]),
            (NoticeKind.CREDENTIAL_EXPIRING, [c for c in ending if c.kind != MUTUAL_TLS]),
        ):
            if not chosen:
                continue
            what = "证书" if kind is NoticeKind.CERTIFICATE_EXPIRING else "凭证"
            days = _days_left(chosen[0].expires_at, now)
            title = f"渠道「{label}」的{what}将在 {days} 天内到期"
            lines = "；".join(
                f"{c.client_id or c.credential_id} 于 {_local(c.expires_at, zone)} 到期"
                for c in chosen
            )
            message = f"{lines}。请在到期前在开发者中心轮换{what}，到期后调用将被拒绝。"
            found.append(
                Notice(_key(channel_id, kind, day), channel_id, channel.code, kind, title, message)
            )
    return found


def _local(moment: datetime, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}"


def _days_left(moment: datetime, now: datetime) -> int:
    return max(1, -(-int((moment - now).total_seconds()) // 86400))


def notices(
    channels: Mapping[str, ChannelName],
    calls_today: Mapping[str, int],
    now: datetime,
    zone: ZoneInfo,
) -> Iterable[Notice]:
    """Today's notices (the day as `zone` counts it)."""
    day = now.astimezone(zone).date()
    return [*quota_notices(channels, calls_today, day), *expiry_notices(channels, now, day, zone)]
