"""Edge credential material for the registry: a snapshot, and a watch on its revision."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import grpc

from services.identity import store
from services.identity.models import CredentialRow
from services.identity.servicer import KeyRing
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.db import UnitOfWork
from services.runtime.errors import Validator
from wailian.identity.v1 import edge_auth_pb2 as pb
from wailian.identity.v1 import edge_auth_pb2_grpc as pb_grpc
from wailian.identity.v1 import identity_pb2 as idp

log = logging.getLogger("wailian.identity.edge_auth")

# How often each identity replica reads the revision: a change made on any replica reaches the
# watchers and the signature verifier of every replica well within the 5 seconds promised.
REVISION_POLL_SECONDS = 0.5


class RevisionFeed:
    """The edge auth revision as this replica last read it, and a wake-up for each move."""

    def __init__(self, uow: UnitOfWork, poll_seconds: float = REVISION_POLL_SECONDS) -> None:
        self.uow = uow
        self.poll_seconds = poll_seconds
        self._latest: store.EdgeRevision | None = None
        self._moved = asyncio.Event()

    @property
    def latest(self) -> store.EdgeRevision | None:
        """The newest revision seen by the last poll; None before the first one."""
        return self._latest

    async def poll(self) -> store.EdgeRevision:
        """Read the revision now; wake every waiter when it moved forward."""
        revision = await self.uow.run(store.edge_revision)
        if self._latest is None or revision.revision > self._latest.revision:
            self._latest = revision
            moved, self._moved = self._moved, asyncio.Event()
            moved.set()
        return revision

    async def after(self, revision: int) -> store.EdgeRevision:
        """Wait until the revision is past `revision`, and return the newest one."""
        while self._latest is None or self._latest.revision <= revision:
            await self._moved.wait()
        return self._latest

    async def follow(self) -> None:
        """Poll for as long as the service runs (a background task)."""
        while True:
            try:
                await self.poll()
            except Exception:
                log.exception("could not read the edge auth revision; trying again")
            await asyncio.sleep(self.poll_seconds)


def _revision_message(revision: store.EdgeRevision) -> pb.WatchEdgeAuthResponse:
    return pb.WatchEdgeAuthResponse(
        revision=revision.revision,
        change_time=to_timestamp(revision.changed_at),
        cause=revision.cause,
    )


# How long the edge keeps refusing a revoked or expired token or signature credential by name:
# longer than any token it could have been given (15 minutes). A client certificate is
# refused by name until the certificate itself expires.
REFUSED_FOR = timedelta(days=1)


def edge_relevant(credential: CredentialRow, now: datetime) -> bool:
    """Whether the edge needs to hear of this credential (so the material stays bounded)."""
    expire = as_utc(credential.expire_at)
    if credential.kind == idp.CREDENTIAL_KIND_MUTUAL_TLS:
        return expire > now
    ended = expire
    if credential.revoked and credential.revoked_at is not None:
        ended = min(ended, as_utc(credential.revoked_at))
    return ended + REFUSED_FOR > now


def snapshot_message(
    material: store.EdgeMaterial, keys: KeyRing, now: datetime | None = None
) -> pb.GetEdgeAuthSnapshotResponse:
    now = now or utcnow()
    return pb.GetEdgeAuthSnapshotResponse(
        revision=material.revision.revision,
        keys=[idp.Jwk(**key) for key in keys.jwks()],
        channels=[
            pb.EdgeChannel(
                channel_id=channel.channel_id,
                code=channel.code,
                status=channel.status,  # type: ignore[arg-type]
                ip_allow_list=channel.ip_allow_list,
                rate_limit_per_second=channel.rate_limit_per_second,
                daily_quota=channel.daily_quota,
                sandbox=channel.sandbox,
                name=channel.name,
                type=channel.type,  # type: ignore[arg-type]
                vendor_user_ids=channel.vendor_user_ids,
                credentials=[
                    pb.EdgeCredential(
                        credential_id=credential.credential_id,
                        kind=credential.kind,  # type: ignore[arg-type]
                        client_id=credential.client_id,
                        expire_time=to_timestamp(credential.expire_at),
                        revoked=credential.revoked,
                        certificate_fingerprint=credential.certificate_fingerprint,
                    )
                    for credential in credentials
                    if edge_relevant(credential, now)
                ],
            )
            for channel, credentials in material.channels
        ],
        ca_certificate_pem=material.ca_certificate_pem,
    )


class EdgeAuthServicer(pb_grpc.EdgeAuthServiceServicer):
    """Internal: the registry reads the material and follows its revision."""

    def __init__(self, uow: UnitOfWork, keys: KeyRing, feed: RevisionFeed) -> None:
        self.uow = uow
        self.keys = keys
        self.feed = feed

    async def GetEdgeAuthSnapshot(
        self, request: pb.GetEdgeAuthSnapshotRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetEdgeAuthSnapshotResponse:
        """Channels that are not deleted, their credentials (revoked ones too) and the keys."""
        material = await self.uow.run(store.edge_material)
        return snapshot_message(material, self.keys)

    async def WatchEdgeAuth(
        self, request: pb.WatchEdgeAuthRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[pb.WatchEdgeAuthResponse]:
        """One message per move of the revision past the last one announced, until cancelled."""
        check = Validator()
        check.require(request.after_revision >= 0, "after_revision", "0 or more")
        check.check()
        announced = request.after_revision
        if announced == 0:
            current = await self.feed.poll()
            yield _revision_message(current)
            announced = current.revision
        while True:
            latest = await self.feed.after(announced)
            yield _revision_message(latest)
            announced = latest.revision
