"""Channels (module 13) after they are created: update, disable and enable, soft delete; their
credentials: token and signature kinds, rotation with an overlap, revocation."""

from __future__ import annotations

import json
import time
import uuid
from datetime import timedelta

import grpc
from google.api import httpbody_pb2
from google.protobuf import duration_pb2, field_mask_pb2
from sqlalchemy import select

from services.identity.models import CredentialRow
from services.runtime import jwt
from tests.integration.conftest import Platform
from tests.integration.identity_support import (
    admin,
    engine,
    identity_fixture,  # noqa: F401 - the fixture
    move_back,
    refused,
    violations,
)
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg


def channels(platform: Platform) -> idg.ChannelServiceStub:
    return idg.ChannelServiceStub(platform.channel("identity"))


def new_channel(platform: Platform, code: str = "", **fields) -> idp.Channel:
    return (
        channels(platform)
        .CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code=code or f"ch-{uuid.uuid4().hex[:8]}",
                    name=fields.pop("name", "微信公众号"),
                    type=fields.pop("type", idp.CHANNEL_TYPE_WECHAT_OFFICIAL_ACCOUNT),
                    **fields,
                )
            ),
            metadata=admin(platform),
        )
        .channel
    )


def issue(
    platform: Platform, channel_id: str, kind: int = idp.CREDENTIAL_KIND_TOKEN
) -> idp.CreateChannelCredentialResponse:
    return channels(platform).CreateChannelCredential(
        idp.CreateChannelCredentialRequest(channel_id=channel_id, kind=kind),
        metadata=admin(platform),
    )


def token_call(platform: Platform, client_id: str, secret: str) -> dict:
    """The claims of a channel token bought with these credentials (raises when refused)."""
    form = f"grant_type=client_credentials&client_id={client_id}&client_secret={secret}"
    body = idg.ChannelTokenServiceStub(platform.channel("identity")).IssueChannelToken(
        idp.IssueChannelTokenRequest(
            body=httpbody_pb2.HttpBody(
                content_type="application/x-www-form-urlencoded", data=form.encode()
            )
        )
    )
    token = json.loads(body.data)["access_token"]
    jwks = idg.SessionServiceStub(platform.channel("identity")).GetJwks(idp.GetJwksRequest())
    keys = {k.kid: jwt.jwk_public_key({"x": k.x, "y": k.y}) for k in jwks.keys}
    return jwt.verify(token, keys, audience="wailian-channel", issuer="wailian-identity")


def test_an_update_changes_the_named_fields_only_and_names_every_bad_one(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity, owner="信息科", contact_name="李工", rate_limit_per_second=50)
    updated = stub.UpdateChannel(
        idp.UpdateChannelRequest(
            channel_id=channel.channel_id,
            channel=idp.Channel(
                name="微信服务号",
                ip_allow_list=["10.1.0.0/16"],
                sandbox=True,
                owner="ignored: not in the mask",
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["name", "ip_allow_list", "sandbox"]),
        ),
        metadata=admin(identity),
    ).channel
    assert (updated.name, list(updated.ip_allow_list), updated.sandbox) == (
        "微信服务号",
        ["10.1.0.0/16"],
        True,
    )
    assert (updated.owner, updated.contact_name, updated.rate_limit_per_second) == (
        "信息科",
        "李工",
        50,
    )
    assert updated.audit.updated_by == "admin"
    assert updated.audit.update_time.ToDatetime() >= channel.audit.update_time.ToDatetime()
    fetched = stub.GetChannel(
        idp.GetChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
    ).channel
    assert fetched == updated

    code = refused(
        stub.UpdateChannel,
        idp.UpdateChannelRequest(
            channel_id=channel.channel_id,
            channel=idp.Channel(code="renamed"),
            update_mask=field_mask_pb2.FieldMask(paths=["code"]),
        ),
        metadata=admin(identity),
    )
    assert code.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert "cannot change code" in violations(code)["update_mask"]

    bad = refused(
        stub.UpdateChannel,
        idp.UpdateChannelRequest(
            channel_id=channel.channel_id,
            channel=idp.Channel(ip_allow_list=["10.1.0.300"], contact_email="not-mail"),
            update_mask=field_mask_pb2.FieldMask(paths=["ip_allow_list", "contact_email"]),
        ),
        metadata=admin(identity),
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {"channel.ip_allow_list[0]", "channel.contact_email"}
    unchanged = stub.GetChannel(
        idp.GetChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
    ).channel
    assert list(unchanged.ip_allow_list) == ["10.1.0.0/16"]

    missing = refused(
        stub.UpdateChannel,
        idp.UpdateChannelRequest(channel_id=str(uuid.uuid4()), channel=idp.Channel(name="x")),
        metadata=admin(identity),
    )
    assert missing.code() == grpc.StatusCode.NOT_FOUND
    no_id = refused(stub.UpdateChannel, idp.UpdateChannelRequest(), metadata=admin(identity))
    assert set(violations(no_id)) == {"channel_id"}


def test_a_disabled_channel_gets_no_token_until_enabled_again(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity)
    issued = issue(identity, channel.channel_id)
    client_id, secret = issued.credential.client_id, issued.client_secret
    token_call(identity, client_id, secret)

    too_long = refused(
        stub.DisableChannel,
        idp.DisableChannelRequest(channel_id=channel.channel_id, reason="x" * 257),
        metadata=admin(identity),
    )
    assert set(violations(too_long)) == {"reason"}
    disabled = stub.DisableChannel(
        idp.DisableChannelRequest(channel_id=channel.channel_id, reason="接口对账未通过"),
        metadata=admin(identity),
    ).channel
    assert disabled.status == idp.CHANNEL_STATUS_DISABLED
    assert disabled.disabled_reason == "接口对账未通过"
    denied = refused(token_call, identity, client_id, secret)
    assert denied.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "disabled" in denied.details()

    enabled = stub.EnableChannel(
        idp.EnableChannelRequest(channel_id=channel.channel_id), metadata=admin(identity)
    ).channel
    assert enabled.status == idp.CHANNEL_STATUS_ACTIVE
    assert enabled.disabled_reason == ""
    assert token_call(identity, client_id, secret)["sub"] == channel.channel_id


def test_a_deleted_channel_disappears_and_its_credentials_stop_working(identity) -> None:
    stub = channels(identity)
    kept = new_channel(identity)
    doomed = new_channel(identity)
    issued = issue(identity, doomed.channel_id)
    stub.DeleteChannel(
        idp.DeleteChannelRequest(channel_id=doomed.channel_id), metadata=admin(identity)
    )

    listed = stub.ListChannels(idp.ListChannelsRequest(), metadata=admin(identity))
    assert [c.channel_id for c in listed.channels] == [kept.channel_id]
    assert listed.total_size == 1
    for call, request in (
        (stub.GetChannel, idp.GetChannelRequest(channel_id=doomed.channel_id)),
        (stub.DeleteChannel, idp.DeleteChannelRequest(channel_id=doomed.channel_id)),
        (stub.EnableChannel, idp.EnableChannelRequest(channel_id=doomed.channel_id)),
        (
            stub.ListChannelCredentials,
            idp.ListChannelCredentialsRequest(channel_id=doomed.channel_id),
        ),
    ):
        assert refused(call, request, metadata=admin(identity)).code() == grpc.StatusCode.NOT_FOUND
    denied = refused(token_call, identity, issued.credential.client_id, issued.client_secret)
    assert denied.code() == grpc.StatusCode.UNAUTHENTICATED
    with engine(identity).connect() as connection:
        stored = connection.execute(
            select(CredentialRow.revoked, CredentialRow.revoke_reason).where(
                CredentialRow.credential_id == issued.credential.credential_id
            )
        ).one()
    assert tuple(stored) == (True, "channel deleted")

    reused = refused(
        stub.CreateChannel,
        idp.CreateChannelRequest(
            channel=idp.Channel(code=doomed.code, name="again", type=idp.CHANNEL_TYPE_HOSPITAL_APP)
        ),
        metadata=admin(identity),
    )
    assert reused.code() == grpc.StatusCode.ALREADY_EXISTS


def test_a_rotated_credential_keeps_working_for_the_overlap_only(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity)
    old = issue(identity, channel.channel_id)
    before = time.time()
    rotated = stub.RotateChannelCredential(
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=old.credential.credential_id,
            overlap=duration_pb2.Duration(seconds=3600),
            valid_days=30,
        ),
        metadata=admin(identity),
    )
    new = rotated.credential
    assert new.client_id == old.credential.client_id
    assert new.credential_id != old.credential.credential_id
    assert new.rotated_from_credential_id == old.credential.credential_id
    assert rotated.client_secret and rotated.client_secret != old.client_secret
    previous_expiry = rotated.previous_credential.expire_time.ToSeconds()
    assert before + 3600 - 5 <= previous_expiry <= time.time() + 3600 + 5
    assert abs(new.expire_time.ToSeconds() - (before + 30 * 86400)) < 60

    # Both secrets buy tokens during the overlap; each token names the credential that bought it.
    assert token_call(identity, new.client_id, old.client_secret)["cid"] == (
        old.credential.credential_id
    )
    assert token_call(identity, new.client_id, rotated.client_secret)["cid"] == new.credential_id
    listed = stub.ListChannelCredentials(
        idp.ListChannelCredentialsRequest(channel_id=channel.channel_id), metadata=admin(identity)
    )
    assert [c.credential_id for c in listed.credentials] == [
        old.credential.credential_id,
        new.credential_id,
    ]
    assert rotated.client_secret not in str(listed)

    again = refused(
        stub.RotateChannelCredential,
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id, credential_id=old.credential.credential_id
        ),
        metadata=admin(identity),
    )
    assert again.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert new.credential_id in again.details()

    # The overlap ends: the old secret stops working, the new one goes on.
    move_back(
        identity,
        "channel_credentials",
        "expire_at",
        "credential_id",
        old.credential.credential_id,
        timedelta(hours=2),
    )
    expired = refused(token_call, identity, new.client_id, old.client_secret)
    assert expired.code() == grpc.StatusCode.UNAUTHENTICATED
    assert token_call(identity, new.client_id, rotated.client_secret)["sub"] == channel.channel_id

    bad = refused(
        stub.RotateChannelCredential,
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id,
            overlap=duration_pb2.Duration(seconds=-1),
            valid_days=5000,
        ),
        metadata=admin(identity),
    )
    assert set(violations(bad)) == {"credential_id", "overlap", "valid_days"}


def test_a_revoked_credential_is_refused_and_never_comes_back(identity) -> None:
    stub = channels(identity)
    channel = new_channel(identity)
    issued = issue(identity, channel.channel_id)
    other = issue(identity, channel.channel_id)
    revoked = stub.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=issued.credential.credential_id,
            reason="secret leaked in a ticket",
        ),
        metadata=admin(identity),
    ).credential
    assert revoked.revoked
    assert revoked.revoke_reason == "secret leaked in a ticket"
    assert revoked.HasField("revoke_time")
    denied = refused(token_call, identity, issued.credential.client_id, issued.client_secret)
    assert denied.code() == grpc.StatusCode.UNAUTHENTICATED
    assert "revoked" in denied.details()
    assert token_call(identity, other.credential.client_id, other.client_secret)["cid"] == (
        other.credential.credential_id
    )

    again = stub.RevokeChannelCredential(
        idp.RevokeChannelCredentialRequest(
            channel_id=channel.channel_id,
            credential_id=issued.credential.credential_id,
            reason="a second time",
        ),
        metadata=admin(identity),
    ).credential
    assert (again.revoked, again.revoke_reason) == (True, "secret leaked in a ticket")
    rotate = refused(
        stub.RotateChannelCredential,
        idp.RotateChannelCredentialRequest(
            channel_id=channel.channel_id, credential_id=issued.credential.credential_id
        ),
        metadata=admin(identity),
    )
    assert rotate.code() == grpc.StatusCode.FAILED_PRECONDITION

    elsewhere = new_channel(identity)
    wrong_channel = refused(
        stub.RevokeChannelCredential,
        idp.RevokeChannelCredentialRequest(
            channel_id=elsewhere.channel_id, credential_id=other.credential.credential_id
        ),
        metadata=admin(identity),
    )
    assert wrong_channel.code() == grpc.StatusCode.NOT_FOUND


def test_signature_credentials_are_issued_once_and_sealed(identity) -> None:
    channel = new_channel(identity)
    issued = issue(identity, channel.channel_id, idp.CREDENTIAL_KIND_SIGNATURE)
    assert issued.credential.kind == idp.CREDENTIAL_KIND_SIGNATURE
    assert issued.credential.client_id.startswith("wl")
    assert len(issued.client_secret) >= 32
    with engine(identity).connect() as connection:
        sealed = connection.execute(
            select(CredentialRow.sealed_secret).where(
                CredentialRow.credential_id == issued.credential.credential_id
            )
        ).scalar_one()
    assert issued.client_secret.encode() not in sealed

    # A signature secret is not a token credential: the token endpoint does not know it.
    denied = refused(token_call, identity, issued.credential.client_id, issued.client_secret)
    assert denied.code() == grpc.StatusCode.UNAUTHENTICATED

    stub = channels(identity)
    bad = refused(
        stub.CreateChannelCredential,
        idp.CreateChannelCredentialRequest(valid_days=-1),
        metadata=admin(identity),
    )
    assert set(violations(bad)) == {"channel_id", "kind", "valid_days"}
