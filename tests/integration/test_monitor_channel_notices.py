"""Channel notices on real SQLite and PostgreSQL: a vendor is told when its channel has used
90% of today's quota, when it has used all of it, and when a credential ends within 14 days;
it sees its own channels' notices only, once per channel, kind and day, and reads them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tests.integration.conftest import Platform, start_platform
from tests.integration.test_identity_channel_lifecycle import channels, new_channel
from tests.integration.test_identity_vendor_scope import vendor
from tests.integration.test_monitor_ingest import entry, send, violations
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp
from wailian.monitor.v1 import notifications_pb2 as pb
from wailian.monitor.v1 import notifications_pb2_grpc as pb_grpc

Metadata = tuple[tuple[str, str], ...]

QUOTA = 10


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    """Identity and monitor, the channels read and checked every 0.2 s."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_DIRECTORY_REFRESH_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_CHANNEL_NOTICE_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor"))


def stub(platform: Platform) -> pb_grpc.NotificationServiceStub:
    return pb_grpc.NotificationServiceStub(platform.channel("monitor"))


def calls_of(channel: idp.Channel, count: int) -> list[object]:
    made = []
    for _ in range(count):
        call = entry(api="doctor.get", channel=channel.code, status=200, duration_ms=5)
        call.request.request_headers["x-wailian-channel-id"] = channel.channel_id
        made.append(call)
    return made


def notices(platform: Platform, who: Metadata, **fields: object) -> list[pb.ChannelNotice]:
    answer = stub(platform).ListChannelNotices(
        pb.ListChannelNoticesRequest(page_size=100, **fields),  # type: ignore[arg-type]
        metadata=who,
    )
    return list(answer.channel_notices)


def exactly(platform: Platform, who: Metadata, count: int) -> list[pb.ChannelNotice] | None:
    found = notices(platform, who)
    return found if len(found) == count else None


def kinds(found: list[pb.ChannelNotice]) -> list[str]:
    return sorted(pb.ChannelNoticeKind.Name(notice.kind) for notice in found)


def test_a_vendor_hears_of_its_own_channels_quota_and_expiring_credentials(monitor) -> None:
    alpha_id, alpha = vendor(monitor, "alpha")
    beta_id, beta = vendor(monitor, "beta")
    mine = new_channel(monitor, name="掌上医院", vendor_user_ids=[alpha_id], daily_quota=QUOTA)
    theirs = new_channel(monitor, name="自助机", vendor_user_ids=[beta_id], daily_quota=1000)
    expiring = channels(monitor).CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=mine.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN, valid_days=7
        ),
        metadata=monitor.admin(),
    )
    channels(monitor).CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=theirs.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN, valid_days=365
        ),
        metadata=monitor.admin(),
    )

    # 9 of 10 calls: 90% of today's quota, and a credential ending in 7 days.
    send(monitor, calls_of(mine, QUOTA - 1) + calls_of(theirs, 5))  # type: ignore[arg-type]
    found = eventually(
        lambda: exactly(monitor, alpha, 2),
        what="the quota and expiry notices",
    )
    assert kinds(found) == [
        "CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING",
        "CHANNEL_NOTICE_KIND_QUOTA_NEARLY_USED",
    ]
    assert {notice.channel_id for notice in found} == {mine.channel_id}
    assert all(not notice.read for notice in found)
    quota = next(n for n in found if n.kind == pb.CHANNEL_NOTICE_KIND_QUOTA_NEARLY_USED)
    assert "掌上医院" in quota.title
    assert "90%" in quota.title
    assert f"今日已调用 {QUOTA - 1} 次，日配额 {QUOTA} 次" in quota.message
    expiry = next(n for n in found if n.kind == pb.CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING)
    assert expiring.credential.client_id in expiry.message
    assert "7 天内到期" in expiry.title

    # The other vendor hears nothing of it, and cannot ask for it by the channel's id.
    assert notices(monitor, beta) == []
    with pytest.raises(grpc.RpcError) as refused:
        notices(monitor, beta, channel_id=mine.channel_id)
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    # Staff see every channel's notices.
    assert {n.channel_notice_id for n in found} <= {
        n.channel_notice_id for n in notices(monitor, monitor.admin())
    }

    # The tenth call uses the quota up: a notice of its own; later rounds (the check runs
    # every 0.2 s) wrote no second notice of the same kind for the same day.
    send(monitor, calls_of(mine, 1))  # type: ignore[arg-type]
    found = eventually(
        lambda: exactly(monitor, alpha, 3),
        what="the quota exhausted notice",
    )
    assert kinds(found) == [
        "CHANNEL_NOTICE_KIND_CREDENTIAL_EXPIRING",
        "CHANNEL_NOTICE_KIND_QUOTA_EXHAUSTED",
        "CHANNEL_NOTICE_KIND_QUOTA_NEARLY_USED",
    ]
    assert "已用尽" in found[0].title  # newest first

    # Read state is per reader: another vendor naming alpha's notices marks nothing.
    left = stub(monitor).MarkChannelNoticesRead(
        pb.MarkChannelNoticesReadRequest(channel_notice_ids=[found[0].channel_notice_id]),
        metadata=beta,
    )
    assert left.unread_count == 0
    assert len(notices(monitor, alpha, unread_only=True)) == 3
    left = stub(monitor).MarkChannelNoticesRead(
        pb.MarkChannelNoticesReadRequest(channel_notice_ids=[found[0].channel_notice_id]),
        metadata=alpha,
    )
    assert left.unread_count == 2
    unread = notices(monitor, alpha, unread_only=True)
    assert found[0].channel_notice_id not in {n.channel_notice_id for n in unread}
    assert [n.read for n in notices(monitor, alpha)] == [True, False, False]
    left = stub(monitor).MarkChannelNoticesRead(
        pb.MarkChannelNoticesReadRequest(channel_id=mine.channel_id), metadata=alpha
    )
    assert left.unread_count == 0
    assert notices(monitor, alpha, unread_only=True) == []
    # Staff read for themselves: still unread for them.
    assert len(notices(monitor, monitor.admin(), unread_only=True, channel_id=mine.channel_id)) == 3


def test_channel_notice_requests_are_validated(monitor) -> None:
    _, alpha = vendor(monitor, "alpha")
    with pytest.raises(grpc.RpcError) as refused:
        stub(monitor).MarkChannelNoticesRead(pb.MarkChannelNoticesReadRequest(), metadata=alpha)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "channel_notice_ids" in violations(refused.value)
    with pytest.raises(grpc.RpcError) as refused:
        notices(monitor, alpha, kind=99, channel_id="x" * 65)
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert {"kind", "channel_id"} <= violations(refused.value)
    # A vendor named on no channel sees nothing.
    assert notices(monitor, alpha) == []
