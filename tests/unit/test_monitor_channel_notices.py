"""Channel notices without I/O: when a vendor is told of its quota and expiring credentials."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from services.monitor import channel_notices
from services.monitor.channel_notices import NoticeKind
from services.monitor.directory import ChannelName, CredentialExpiry

SHANGHAI = ZoneInfo("Asia/Shanghai")
# 23:30 in Shanghai on 29 November: still the 29th there, the 29th in UTC too.
NOW = datetime(2026, 11, 29, 15, 30, tzinfo=UTC)


def channel(quota: int = 100, vendors: tuple[str, ...] = ("v-1",), **fields: object) -> ChannelName:
    values: dict[str, object] = {
        "code": "app",
        "name": "掌上医院",
        "type": "CHANNEL_TYPE_APP",
        "daily_quota": quota,
        "vendor_user_ids": frozenset(vendors),
        **fields,
    }
    return ChannelName(**values)  # type: ignore[arg-type]


def credential(
    days: float, kind: str = "CREDENTIAL_KIND_TOKEN", name: str = "c-1"
) -> CredentialExpiry:
    return CredentialExpiry(name, f"client-{name}", kind, NOW + timedelta(days=days))


def kinds(channels: dict[str, ChannelName], calls: dict[str, int]) -> list[NoticeKind]:
    return [n.kind for n in channel_notices.notices(channels, calls, NOW, SHANGHAI)]


def test_quota_notices_start_at_90_percent_and_say_when_it_is_used_up() -> None:
    channels = {"ch": channel(quota=100)}
    assert kinds(channels, {"ch": 89}) == []
    assert kinds(channels, {"ch": 90}) == [NoticeKind.QUOTA_NEARLY_USED]
    assert kinds(channels, {"ch": 100}) == [NoticeKind.QUOTA_EXHAUSTED]
    # Without a quota, a vendor, or while disabled: nothing to say.
    assert kinds({"ch": channel(quota=0)}, {"ch": 10_000}) == []
    assert kinds({"ch": channel(vendors=())}, {"ch": 100}) == []
    assert kinds({"ch": channel(active=False)}, {"ch": 100}) == []


def test_one_notice_per_channel_kind_and_local_day() -> None:
    channels = {"ch": channel(quota=10)}
    [first] = channel_notices.notices(channels, {"ch": 9}, NOW, SHANGHAI)
    [again] = channel_notices.notices(channels, {"ch": 9}, NOW + timedelta(minutes=20), SHANGHAI)
    # 00:00 in Shanghai is a new day there (still the 29th in UTC).
    [tomorrow] = channel_notices.notices(channels, {"ch": 9}, NOW + timedelta(hours=1), SHANGHAI)
    assert first.key == again.key == "ch:quota_nearly_used:2026-11-29"
    assert tomorrow.key == "ch:quota_nearly_used:2026-11-30"
    assert first.title == "渠道「掌上医院」今日配额已用 90%"


def test_credentials_ending_within_14_days_are_named_soonest_first() -> None:
    channels = {
        "ch": channel(
            credentials=(
                credential(20, name="later"),
                credential(10, name="second"),
                credential(2.5, name="first"),
                credential(5, kind="CREDENTIAL_KIND_MUTUAL_TLS", name="cert"),
                credential(-1, name="ended"),
            )
        )
    }
    found = {n.kind: n for n in channel_notices.notices(channels, {}, NOW, SHANGHAI)}
    assert set(found) == {NoticeKind.CREDENTIAL_EXPIRING, NoticeKind.CERTIFICATE_EXPIRING}
    token = found[NoticeKind.CREDENTIAL_EXPIRING]
    assert token.title == "渠道「掌上医院」的凭证将在 3 天内到期"
    assert token.message.index("client-first") < token.message.index("client-second")
    assert "client-later" not in token.message and "client-ended" not in token.message
    # Times as the hospital reads them.
    assert "client-first 于 2026-12-02 11:30 到期" in token.message
    assert "client-cert" in found[NoticeKind.CERTIFICATE_EXPIRING].message
