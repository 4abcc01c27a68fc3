"""Object-level authorization: a vendor sees and manages only the channels it is named on.

Changing an id in a request must not reach another vendor's channel: to a vendor, a channel
it is not named on does not exist (NOT_FOUND, the same answer as for a made-up id).
"""

from __future__ import annotations

import uuid

import grpc

from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    bearer,
    create_user,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    refused,
    sessions,
    violations,
)
from tests.integration.test_identity_channel_lifecycle import channels, new_channel
from wailian.identity.v1 import downloads_pb2, downloads_pb2_grpc
from wailian.identity.v1 import identity_pb2 as idp

Metadata = tuple[tuple[str, str], ...]


def vendor(platform: Platform, name: str) -> tuple[str, Metadata]:
    """A developer-center account (role developer), signed in."""
    user, temporary = create_user(
        platform, f"{name}{uuid.uuid4().hex[:4]}", ["developer"], kind=idp.USER_KIND_DEVELOPER
    )
    first = login(platform, user.username, temporary)
    changed = sessions(platform).ChangePassword(
        idp.ChangePasswordRequest(current_password=temporary, new_password=GOOD_PASSWORD),
        metadata=bearer(first.access_token),
    )
    return user.user_id, bearer(changed.access_token)


def test_a_vendor_cannot_see_or_touch_another_vendors_channel(identity) -> None:
    alpha_id, alpha = vendor(identity, "alpha")
    beta_id, beta = vendor(identity, "beta")
    mine = new_channel(identity, code=f"alpha-{uuid.uuid4().hex[:4]}", vendor_user_ids=[alpha_id])
    theirs = new_channel(identity, code=f"beta-{uuid.uuid4().hex[:4]}", vendor_user_ids=[beta_id])
    stub = channels(identity)
    assert list(mine.vendor_user_ids) == [alpha_id]

    # Listing: its own channels only, even when it asks for another vendor's.
    for asked in ("", beta_id):
        listed = stub.ListChannels(idp.ListChannelsRequest(vendor_user_id=asked), metadata=alpha)
        assert [c.code for c in listed.channels] == [mine.code]
    # Staff see every channel, and can filter by vendor.
    everything = stub.ListChannels(idp.ListChannelsRequest(), metadata=admin(identity))
    assert {mine.code, theirs.code} <= {c.code for c in everything.channels}
    by_vendor = stub.ListChannels(
        idp.ListChannelsRequest(vendor_user_id=beta_id), metadata=admin(identity)
    )
    assert [c.code for c in by_vendor.channels] == [theirs.code]

    # Its own channel: read it, issue a credential for it.
    assert stub.GetChannel(idp.GetChannelRequest(channel_id=mine.channel_id), metadata=alpha)
    issued = stub.CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=mine.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
        ),
        metadata=alpha,
    )
    assert issued.client_secret

    # Another vendor's channel, by its real id: as if it did not exist.
    theirs_credential = stub.CreateChannelCredential(
        idp.CreateChannelCredentialRequest(
            channel_id=theirs.channel_id, kind=idp.CREDENTIAL_KIND_MUTUAL_TLS
        ),
        metadata=beta,
    ).credential
    for call, request in (
        (stub.GetChannel, idp.GetChannelRequest(channel_id=theirs.channel_id)),
        (
            stub.ListChannelCredentials,
            idp.ListChannelCredentialsRequest(channel_id=theirs.channel_id),
        ),
        (
            stub.CreateChannelCredential,
            idp.CreateChannelCredentialRequest(
                channel_id=theirs.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
            ),
        ),
        (
            stub.RevokeChannelCredential,
            idp.RevokeChannelCredentialRequest(
                channel_id=theirs.channel_id,
                credential_id=theirs_credential.credential_id,
                reason="x",
            ),
        ),
        (
            downloads_pb2_grpc.DownloadServiceStub(
                identity.channel("identity")
            ).DownloadChannelCertificate,
            downloads_pb2.DownloadChannelCertificateRequest(
                channel_id=theirs.channel_id, credential_id=theirs_credential.credential_id
            ),
        ),
    ):
        error = refused(call, request, metadata=alpha)
        assert error.code() == grpc.StatusCode.NOT_FOUND, (call, error.details())
        assert theirs.code not in (error.details() or "")
    # Nor by mixing its own channel id with the other's credential id.
    error = refused(
        stub.RevokeChannelCredential,
        idp.RevokeChannelCredentialRequest(
            channel_id=mine.channel_id, credential_id=theirs_credential.credential_id, reason="x"
        ),
        metadata=alpha,
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND
    still = stub.ListChannelCredentials(
        idp.ListChannelCredentialsRequest(channel_id=theirs.channel_id), metadata=beta
    )
    assert [c.revoked for c in still.credentials] == [False]

    # A vendor may not change channels at all (a staff decision), its own included.
    denied = refused(
        stub.DisableChannel,
        idp.DisableChannelRequest(channel_id=mine.channel_id, reason="x"),
        metadata=alpha,
    )
    assert denied.code() == grpc.StatusCode.PERMISSION_DENIED


def test_only_developer_accounts_can_be_named_as_vendors(identity) -> None:
    staff, _ = create_user(identity, f"staff{uuid.uuid4().hex[:4]}", ["operator"])
    error = refused(new_channel, identity, vendor_user_ids=[staff.user_id, "no-such-user"])
    assert error.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "channel.vendor_user_ids" in violations(error)
