"""What registry asks identity about the caller: its channels and its roles.

Registry does not store channels. Each question is asked with the caller's own access token,
so identity's object-level rules hold here too: to a vendor, another vendor's channel does not
exist (NOT_FOUND).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import grpc

from services.runtime.errors import NotFound, PermissionDenied, Unauthenticated
from wailian.identity.v1 import identity_pb2, identity_pb2_grpc

TIMEOUT_SECONDS = 5.0
# Far more channels than one vendor manages; a vendor past it sees its first ones.
MAX_VENDOR_CHANNELS = 1000


@dataclass(frozen=True)
class ChannelFacts:
    channel_id: str
    code: str
    name: str


class Directory(Protocol):
    async def channel(self, authorization: str, channel_id: str) -> ChannelFacts: ...

    async def own_channel_ids(self, authorization: str) -> frozenset[str]: ...

    async def own_roles(self, authorization: str) -> frozenset[str]: ...


def authorization_of(context: grpc.aio.ServicerContext) -> str:
    """The caller's own `authorization` metadata, to ask identity on its behalf."""
    for key, value in context.invocation_metadata() or ():
        if key == "authorization" and isinstance(value, str):
            return value
    return ""


def _translated(error: grpc.aio.AioRpcError, what: str) -> Exception:
    code = error.code()
    if code == grpc.StatusCode.NOT_FOUND:
        return NotFound(f"no {what}")
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDenied(f"identity refused to show {what}: {error.details()}")
    if code == grpc.StatusCode.UNAUTHENTICATED:
        return Unauthenticated(error.details() or "sign in first")
    return error


class IdentityDirectory:
    """The directory over identity's gRPC API."""

    def __init__(self, identity: Callable[[], grpc.aio.Channel]) -> None:
        self._identity = identity

    def _channels(self) -> identity_pb2_grpc.ChannelServiceStub:
        return identity_pb2_grpc.ChannelServiceStub(self._identity())

    async def channel(self, authorization: str, channel_id: str) -> ChannelFacts:
        try:
            found = await self._channels().GetChannel(
                identity_pb2.GetChannelRequest(channel_id=channel_id),
                metadata=(("authorization", authorization),),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, f"channel {channel_id}") from error
        channel = found.channel
        return ChannelFacts(channel.channel_id, channel.code, channel.name)

    async def own_channel_ids(self, authorization: str) -> frozenset[str]:
        """The channels the caller (a vendor) manages: identity lists only those to a vendor."""
        found: set[str] = set()
        token = ""
        try:
            while len(found) < MAX_VENDOR_CHANNELS:
                page = await self._channels().ListChannels(
                    identity_pb2.ListChannelsRequest(page_size=200, page_token=token),
                    metadata=(("authorization", authorization),),
                    timeout=TIMEOUT_SECONDS,
                )
                found.update(channel.channel_id for channel in page.channels)
                token = page.next_page_token
                if not token:
                    break
        except grpc.aio.AioRpcError as error:
            raise _translated(error, "your channels") from error
        return frozenset(found)

    async def own_roles(self, authorization: str) -> frozenset[str]:
        """The role codes the caller holds now (tokens carry permissions, not roles)."""
        try:
            found = await identity_pb2_grpc.SessionServiceStub(self._identity()).GetCurrentUser(
                identity_pb2.GetCurrentUserRequest(),
                metadata=(("authorization", authorization),),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, "your roles") from error
        return frozenset(found.user.roles)
