"""The names behind the codes monitor counts by: API services from registry, channels from identity.

The access log knows an API service by its route name (its code) and a channel by its id. Staff
read names: "预约挂号" rather than "appointment.book", "微信公众号" rather than a UUID. Monitor
asks registry and identity for them every REFRESH_SECONDS (both are internal RPCs), keeps the
last answer when one of them is away, and falls back to codes for what it does not know yet.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

import grpc

from wailian.identity.v1 import edge_auth_pb2, edge_auth_pb2_grpc, identity_pb2
from wailian.registry.v1 import edge_pb2, edge_pb2_grpc

log = logging.getLogger("wailian.monitor.directory")

REFRESH_SECONDS = 30.0
# Registry names the routes of later live versions of one API "code@version".
VERSION_SEPARATOR = "@"


@dataclass(frozen=True)
class ApiServiceName:
    name: str
    category: str


@dataclass(frozen=True)
class CredentialExpiry:
    """A channel's credential that is in force, and when it ends."""

    credential_id: str
    client_id: str
    kind: str
    expires_at: datetime


@dataclass(frozen=True)
class ChannelName:
    code: str
    name: str
    type: str
    daily_quota: int
    # The vendor accounts named on the channel, as identity says (never as a request says).
    vendor_user_ids: frozenset[str] = frozenset()
    active: bool = True
    credentials: tuple[CredentialExpiry, ...] = ()


class Directory:
    def __init__(
        self,
        identity: Callable[[], grpc.aio.Channel],
        registry: Callable[[], grpc.aio.Channel],
        refresh_seconds: float = REFRESH_SECONDS,
    ) -> None:
        self._identity = identity
        self._registry = registry
        self.refresh_seconds = refresh_seconds
        self.api_services: dict[str, ApiServiceName] = {}
        self.versions: dict[str, tuple[str, ...]] = {}
        self.channels: dict[str, ChannelName] = {}

    def service(self, api_code: str) -> ApiServiceName | None:
        return self.api_services.get(api_code.split(VERSION_SEPARATOR, 1)[0])

    def service_name(self, api_code: str) -> str:
        known = self.service(api_code)
        return known.name if known else ""

    def category(self, api_code: str) -> str:
        known = self.service(api_code)
        return known.category if known else ""

    def channel(self, channel_id: str) -> ChannelName | None:
        return self.channels.get(channel_id)

    def channel_name(self, channel_id: str) -> str:
        known = self.channels.get(channel_id)
        return known.name if known else ""

    def vendor_channel_ids(self, user_id: str) -> frozenset[str]:
        """The channels this vendor account is named on."""
        return frozenset(
            channel_id
            for channel_id, known in self.channels.items()
            if user_id and user_id in known.vendor_user_ids
        )

    def route_names_in(self, categories: Iterable[str]) -> set[str]:
        """The route names (access-log codes) of every version of the API services in these
        categories: the code, and code@version for later versions."""
        wanted = set(categories)
        return {
            name
            for code, known in self.api_services.items()
            if known.category in wanted
            for name in (
                code,
                *(f"{code}{VERSION_SEPARATOR}{version}" for version in self.versions[code]),
            )
        }

    async def refresh(self) -> None:
        """Ask both; a source that does not answer keeps what it said last time."""
        try:
            catalog = await edge_pb2_grpc.EdgeConfigServiceStub(
                self._registry()
            ).GetCatalogDirectory(edge_pb2.GetCatalogDirectoryRequest(), timeout=10)
            self.api_services = _api_services(catalog)
            self.versions = _versions(catalog)
        except grpc.aio.AioRpcError as error:
            log.warning(
                "registry did not name the API services; keeping the last names",
                extra={"code": error.code().name},
            )
        try:
            material = await edge_auth_pb2_grpc.EdgeAuthServiceStub(
                self._identity()
            ).GetEdgeAuthSnapshot(edge_auth_pb2.GetEdgeAuthSnapshotRequest(), timeout=10)
            self.channels = _channels(material)
        except grpc.aio.AioRpcError as error:
            log.warning(
                "identity did not name the channels; keeping the last names",
                extra={"code": error.code().name},
            )

    async def follow(self) -> None:
        while True:
            await self.refresh()
            await asyncio.sleep(self.refresh_seconds)


def _api_services(response: edge_pb2.GetCatalogDirectoryResponse) -> dict[str, ApiServiceName]:
    # Versions of one API share its code; the name of the latest version stands for them all.
    named: dict[str, ApiServiceName] = {}
    for entry in sorted(response.api_services, key=lambda e: (e.code, _version_key(e.version))):
        named[entry.code] = ApiServiceName(entry.name, entry.category)
    return named


def _versions(response: edge_pb2.GetCatalogDirectoryResponse) -> dict[str, tuple[str, ...]]:
    versions: dict[str, list[str]] = {}
    for entry in response.api_services:
        versions.setdefault(entry.code, []).append(entry.version)
    return {code: tuple(sorted(found)) for code, found in versions.items()}


def _version_key(version: str) -> tuple[int, str]:
    digits = version.lstrip("vV")
    return (int(digits), version) if digits.isdigit() else (0, version)


def _channels(response: edge_auth_pb2.GetEdgeAuthSnapshotResponse) -> dict[str, ChannelName]:
    return {
        channel.channel_id: ChannelName(
            code=channel.code,
            name=channel.name,
            type=identity_pb2.ChannelType.Name(channel.type),
            daily_quota=channel.daily_quota,
            vendor_user_ids=frozenset(channel.vendor_user_ids),
            active=channel.status == identity_pb2.CHANNEL_STATUS_ACTIVE,
            credentials=tuple(
                CredentialExpiry(
                    credential_id=credential.credential_id,
                    client_id=credential.client_id,
                    kind=identity_pb2.CredentialKind.Name(credential.kind),
                    expires_at=credential.expire_time.ToDatetime(UTC),
                )
                for credential in channel.credentials
                if not credential.revoked and credential.HasField("expire_time")
            ),
        )
        for channel in response.channels
    }
