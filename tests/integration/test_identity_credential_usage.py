"""Staff see when each channel credential was last used: a token bought, a signed call passed."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    admin,
    identity_fixture,  # noqa: F401 - the fixture
)
from tests.integration.test_identity_channel_lifecycle import (
    channels,
    issue,
    new_channel,
    token_call,
)
from tests.integration.test_identity_edge_auth import added_headers, check, refusal, signed
from tests.support import eventually
from wailian.identity.v1 import identity_pb2 as idp


@pytest.fixture(autouse=True)
def quick_flush(monkeypatch: pytest.MonkeyPatch) -> None:
    """Identity writes the uses it noted every 0.1 s instead of every 30 s."""
    monkeypatch.setenv("WAILIAN_IDENTITY_USAGE_FLUSH_SECONDS", "0.1")


def last_used(platform: Platform, channel_id: str) -> dict[str, datetime | None]:
    listed = channels(platform).ListChannelCredentials(
        idp.ListChannelCredentialsRequest(channel_id=channel_id), metadata=admin(platform)
    )
    return {
        c.credential_id: c.last_used_time.ToDatetime(tzinfo=UTC)
        if c.HasField("last_used_time")
        else None
        for c in listed.credentials
    }


def test_a_credential_shows_when_it_last_got_a_token_or_signed_a_call(identity) -> None:
    channel = new_channel(identity)
    token = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_TOKEN)
    signing = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    unused = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_TOKEN)
    ids = (token.credential.credential_id, signing.credential.credential_id)
    assert set(last_used(identity, channel.channel_id).values()) == {None}

    before = datetime.now(UTC)
    token_call(identity, token.credential.client_id, token.client_secret)
    path = "/his/v1/departments"
    client_id, secret = signing.credential.client_id, signing.client_secret
    assert added_headers(check(identity, "GET", path, b"", signed(client_id, secret, "GET", path)))

    def both_used() -> dict[str, datetime | None] | None:
        seen = last_used(identity, channel.channel_id)
        return seen if all(seen[i] for i in ids) else None

    seen = eventually(both_used, what="the uses to be written")
    assert all(before <= seen[i] <= datetime.now(UTC) for i in ids)  # type: ignore[operator]
    assert seen[unused.credential.credential_id] is None

    # A refused signature is not a use.
    first = seen[signing.credential.credential_id]
    forged = signed(client_id, "not-the-secret", "GET", path)
    assert refusal(check(identity, "GET", path, b"", forged)) == "signature does not match"
    token_call(identity, token.credential.client_id, token.client_secret)
    eventually(
        lambda: last_used(identity, channel.channel_id)[ids[0]] > seen[ids[0]],  # type: ignore[operator]
        what="the second token to be noted",
    )
    assert last_used(identity, channel.channel_id)[ids[1]] == first
