"""What the developer center and service testing ask identity, always with the caller's own
access token (identity's permissions and object-level rules hold): vendors' console accounts,
the channels a vendor manages, and a test channel's credentials (never their secrets).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import grpc

from services.registry.developers import DEVELOPER_ROLE
from services.runtime.errors import FailedPrecondition, NotFound, PermissionDenied, Unauthenticated
from wailian.identity.v1 import identity_pb2, identity_pb2_grpc, users_pb2, users_pb2_grpc

TIMEOUT_SECONDS = 5.0


def _metadata(authorization: str) -> tuple[tuple[str, str], ...]:
    return (("authorization", authorization),)


def _translated(error: grpc.aio.AioRpcError, what: str) -> Exception:
    code = error.code()
    if code == grpc.StatusCode.NOT_FOUND:
        return NotFound(f"no {what}")
    if code == grpc.StatusCode.PERMISSION_DENIED:
        return PermissionDenied(f"identity refused ({what}): {error.details()}")
    if code == grpc.StatusCode.UNAUTHENTICATED:
        return Unauthenticated(error.details() or "sign in first")
    if code in (grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.FAILED_PRECONDITION):
        return FailedPrecondition(f"identity refused {what}: {error.details()}")
    return error


@dataclass(frozen=True)
class Account:
    user_id: str
    username: str


@dataclass(frozen=True)
class ApplicantAccount:
    """The console account approval creates for a vendor."""

    username: str
    password: str
    display_name: str
    organization: str
    email: str
    phone: str


class DeveloperAccounts:
    """Vendors' accounts and channels over identity's gRPC API."""

    def __init__(self, identity: Callable[[], grpc.aio.Channel]) -> None:
        self._identity = identity

    def _users(self) -> users_pb2_grpc.UserServiceStub:
        return users_pb2_grpc.UserServiceStub(self._identity())

    def _channels(self) -> identity_pb2_grpc.ChannelServiceStub:
        return identity_pb2_grpc.ChannelServiceStub(self._identity())

    async def create(self, authorization: str, applicant: ApplicantAccount) -> Account:
        """A developer account with the built-in developer role and the password chosen at
        sign-up. A retry after an earlier attempt created it adopts that account."""
        user = identity_pb2.User(
            username=applicant.username,
            display_name=applicant.display_name,
            organization=applicant.organization,
            email=applicant.email,
            phone=applicant.phone,
            kind=identity_pb2.USER_KIND_DEVELOPER,
            roles=[DEVELOPER_ROLE],
        )
        try:
            created = await self._users().CreateUser(
                users_pb2.CreateUserRequest(user=user, initial_password=applicant.password),
                metadata=_metadata(authorization),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            if error.code() != grpc.StatusCode.ALREADY_EXISTS:
                raise _translated(error, "the developer account") from error
            existing = await self._find_developer(authorization, applicant.username)
            if existing is None:
                raise FailedPrecondition(
                    f"the username {applicant.username} is taken by another account",
                    subject="developer.username",
                ) from error
            return existing
        return Account(created.user.user_id, created.user.username)

    async def _find_developer(self, authorization: str, username: str) -> Account | None:
        try:
            found = await self._users().ListUsers(
                users_pb2.ListUsersRequest(
                    query=username, kind=identity_pb2.USER_KIND_DEVELOPER, page_size=50
                ),
                metadata=_metadata(authorization),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, "the developer accounts") from error
        for user in found.users:
            if user.username == username:
                return Account(user.user_id, user.username)
        return None

    async def set_enabled(
        self, authorization: str, user_id: str, enabled: bool, reason: str
    ) -> None:
        """Lets the account sign in again, or stops it (identity also ends its sessions)."""
        try:
            if enabled:
                await self._users().EnableUser(
                    users_pb2.EnableUserRequest(user_id=user_id),
                    metadata=_metadata(authorization),
                    timeout=TIMEOUT_SECONDS,
                )
            else:
                await self._users().DisableUser(
                    users_pb2.DisableUserRequest(user_id=user_id, reason=reason),
                    metadata=_metadata(authorization),
                    timeout=TIMEOUT_SECONDS,
                )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, f"the developer account {user_id}") from error

    async def vendor_channel_ids(self, authorization: str, user_id: str) -> list[str]:
        """The channels identity names this developer account on (the first 200)."""
        try:
            page = await self._channels().ListChannels(
                identity_pb2.ListChannelsRequest(page_size=200, vendor_user_id=user_id),
                metadata=_metadata(authorization),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, "the developer's channels") from error
        return [channel.channel_id for channel in page.channels]

    async def credentials(
        self, authorization: str, channel_id: str
    ) -> list[identity_pb2.ChannelCredential]:
        """The channel's credentials as identity lists them (no secrets)."""
        try:
            page = await self._channels().ListChannelCredentials(
                identity_pb2.ListChannelCredentialsRequest(channel_id=channel_id),
                metadata=_metadata(authorization),
                timeout=TIMEOUT_SECONDS,
            )
        except grpc.aio.AioRpcError as error:
            raise _translated(error, f"the credentials of channel {channel_id}") from error
        return list(page.credentials)
