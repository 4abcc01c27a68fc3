"""Registry as Envoy's control plane: the live snapshot, and the ADS server that serves it.

State of the world over one ADS stream per Envoy. Versions are snapshot versions from the
database, so they only move forward, across restarts and replicas alike: an Envoy that comes
back to a restarted registry gets the current version, never an older one.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import logging
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import grpc
from envoy.config.cluster.v3 import cluster_pb2
from envoy.config.listener.v3 import listener_pb2
from envoy.config.rbac.v3 import rbac_pb2 as rbac_config_pb2  # noqa: F401
from envoy.config.route.v3 import route_pb2

# Imported for their side effect: the typed_config messages the resources name by @type.
from envoy.extensions.access_loggers.file.v3 import file_pb2  # noqa: F401
from envoy.extensions.access_loggers.filters.cel.v3 import cel_pb2  # noqa: F401
from envoy.extensions.access_loggers.grpc.v3 import als_pb2  # noqa: F401
from envoy.extensions.common.matching.v3 import extension_matcher_pb2  # noqa: F401
from envoy.extensions.filters.common.matcher.action.v3 import skip_action_pb2  # noqa: F401
from envoy.extensions.filters.http.ext_authz.v3 import ext_authz_pb2  # noqa: F401
from envoy.extensions.filters.http.grpc_json_transcoder.v3 import transcoder_pb2  # noqa: F401
from envoy.extensions.filters.http.header_mutation.v3 import header_mutation_pb2  # noqa: F401
from envoy.extensions.filters.http.jwt_authn.v3 import config_pb2  # noqa: F401
from envoy.extensions.filters.http.local_ratelimit.v3 import local_rate_limit_pb2  # noqa: F401
from envoy.extensions.filters.http.rbac.v3 import rbac_pb2  # noqa: F401
from envoy.extensions.filters.http.router.v3 import router_pb2  # noqa: F401
from envoy.extensions.filters.network.http_connection_manager.v3 import (  # noqa: F401
    http_connection_manager_pb2,
)
from envoy.extensions.matching.common_inputs.network.v3 import (  # noqa: F401
    network_inputs_pb2,
)
from envoy.extensions.path.match.uri_template.v3 import uri_template_match_pb2  # noqa: F401
from envoy.extensions.path.rewrite.uri_template.v3 import uri_template_rewrite_pb2  # noqa: F401
from envoy.extensions.transport_sockets.tls.v3 import secret_pb2, tls_pb2  # noqa: F401
from envoy.extensions.upstreams.http.v3 import http_protocol_options_pb2  # noqa: F401
from envoy.service.discovery.v3 import ads_pb2_grpc, discovery_pb2
from envoy.type.matcher.v3 import http_inputs_pb2  # noqa: F401
from google.protobuf import any_pb2
from google.protobuf.message import Message
from sqlalchemy.orm import Session
from xds.type.matcher.v3 import ip_pb2  # noqa: F401

from deploy.envoy import inputs
from services.registry import domain, edge, proto_dict, snapshots, store
from services.runtime.clock import utcnow
from services.runtime.collector import collection_paused
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.errors import FailedPrecondition
from wailian.identity.v1 import edge_auth_pb2, edge_auth_pb2_grpc, identity_pb2
from wailian.monitor.v1 import statistics_pb2, statistics_pb2_grpc

log = logging.getLogger("wailian.registry.xds")

T = TypeVar("T")

_MESSAGES: dict[str, Callable[[], Message]] = {
    edge.LISTENER: listener_pb2.Listener,
    edge.ROUTE: route_pb2.RouteConfiguration,
    edge.CLUSTER: cluster_pb2.Cluster,
    edge.SECRET: secret_pb2.Secret,
}
# Envoy names the resources it wants of these types; of the others it takes all (wildcard).
_NAMED_TYPES = (edge.ROUTE, edge.ENDPOINT, edge.SECRET)
# Always asked for by name: a request naming none means the node wants none (SDS).
_NAMED_ONLY = (edge.SECRET,)
# Opens a sealed upstream client key: (sealed blob, its certificate chain) -> the PEM key.
OpenSealed = Callable[[bytes, str], str]


def key_opener(box: SecretBox) -> OpenSealed:
    """Opens the client keys snapshots hold sealed under the master key."""
    return lambda sealed, chain: box.open(sealed, domain.client_key_context(chain)).decode("ascii")


def to_any(resource: edge.Resource, open_sealed: OpenSealed | None = None) -> any_pb2.Any:
    """The resource as Envoy's protobuf; ValueError when it is not a valid message.

    With `open_sealed`, a secret's sealed private key is opened into the message (after the
    parse, so that no error message can quote it); without, it stays sealed (for checks).
    """
    factory = _MESSAGES.get(resource.type_url)
    if factory is None:
        raise ValueError(f"registry does not serve {resource.type_url}")
    try:
        message = proto_dict.parse(resource.body, factory())
    except ValueError as error:
        raise ValueError(f"{resource.name}: {error}") from None
    if open_sealed is not None:
        try:
            key = edge.opened_key(resource, open_sealed)
        except Exception:  # the wrong master key, or a tampered value: say which, not why
            raise ValueError(
                f"{resource.name}: the sealed private key does not open with the configured "
                "master key (WAILIAN_MASTER_KEY)"
            ) from None
        if key is not None:
            assert isinstance(message, secret_pb2.Secret)
            message.tls_certificate.private_key.inline_string = key
    packed = any_pb2.Any()
    packed.Pack(message)
    return packed


def check_servable(
    resources: Sequence[edge.Resource], open_sealed: OpenSealed | None = None
) -> None:
    """FAILED_PRECONDITION unless every resource converts to Envoy's protobuf."""
    _Served(snapshots.Snapshot("", 0, tuple(resources)), strict=True, open_sealed=open_sealed)


def jwks_json(jwks: Iterable[identity_pb2.Jwk]) -> str:
    keys = sorted(jwks, key=lambda key: key.kid)
    return json.dumps(
        {
            "keys": [
                {
                    "kty": k.kty,
                    "crv": k.crv,
                    "x": k.x,
                    "y": k.y,
                    "kid": k.kid,
                    "alg": k.alg,
                    "use": k.use,
                }
                for k in keys
            ]
        },
        sort_keys=True,
    )


def channel_state(response: edge_auth_pb2.GetEdgeAuthSnapshotResponse) -> edge.ChannelState:
    """Identity's edge material as the edge generator's inputs; a bad channel is shut out."""
    now = time.time()
    channels = []
    revoked = set()
    for channel in sorted(response.channels, key=lambda c: c.channel_id):
        try:
            policy = inputs.ChannelPolicy(
                channel_id=channel.channel_id,
                code=channel.code,
                enabled=channel.status == identity_pb2.CHANNEL_STATUS_ACTIVE,
                ip_allow_list=tuple(channel.ip_allow_list),
                rate_limit_per_second=max(0, channel.rate_limit_per_second),
                daily_quota=max(0, channel.daily_quota),
            )
        except ValueError as error:
            # Identity validates channels, so this is a bug or a hand edit: fail closed.
            log.error("channel %s left out of the edge (calls refused): %s", channel.code, error)
            continue
        channels.append(policy)
        for credential in channel.credentials:
            expired = credential.HasField("expire_time") and credential.expire_time.seconds <= now
            if credential.revoked or expired:
                # A client certificate is known at the edge by its fingerprint.
                mutual = credential.kind == identity_pb2.CREDENTIAL_KIND_MUTUAL_TLS
                revoked.add(
                    credential.certificate_fingerprint if mutual else credential.credential_id
                )
    return edge.ChannelState(
        revision=response.revision,
        jwks=jwks_json(response.keys),
        channels=tuple(channels),
        revoked_credentials=frozenset(revoked - {""}),
        client_ca_pem=response.ca_certificate_pem,
    )


class _Served:
    """A snapshot with its resources converted once for every stream (off the event loop)."""

    def __init__(
        self, snapshot: snapshots.Snapshot, *, strict: bool, open_sealed: OpenSealed | None
    ) -> None:
        self.snapshot = snapshot
        self._by_type: dict[str, list[tuple[str, any_pb2.Any]]] = {}
        with collection_paused():
            for resource in snapshot.resources:
                try:
                    packed = to_any(resource, open_sealed)
                except ValueError as error:
                    if strict:
                        raise FailedPrecondition(
                            f"the edge configuration would be invalid: {error}", kind="EDGE_CONFIG"
                        ) from None
                    # Stored by something other than this code (an older release, a hand edit):
                    # serve the rest, say what was left out.
                    log.error("snapshot %s: %s", snapshot.version, error)
                    continue
                self._by_type.setdefault(resource.type_url, []).append((resource.name, packed))

    @property
    def version(self) -> int:
        return self.snapshot.version

    def response(self, type_url: str, names: Sequence[str]) -> discovery_pb2.DiscoveryResponse:
        wanted = set(names) if type_url in _NAMED_TYPES and names else None
        resources = [
            packed
            for name, packed in self._by_type.get(type_url, [])
            if wanted is None or name in wanted
        ]
        return discovery_pb2.DiscoveryResponse(
            version_info=str(self.version),
            resources=resources,
            type_url=type_url,
            nonce=uuid.uuid4().hex,
        )


class EdgeControl:
    """The live edge configuration of this registry process.

    Catalogue writes go through `write`, which makes the new snapshot in the same transaction;
    background tasks refresh identity's keys and pick up snapshots other replicas stored.
    """

    def __init__(
        self,
        uow: UnitOfWork,
        settings: edge.EdgeSettings,
        identity: Callable[[], grpc.aio.Channel],
        monitor: Callable[[], grpc.aio.Channel] | None = None,
        *,
        box: SecretBox,
    ) -> None:
        self.uow = uow
        self.settings = settings
        # Seals upstreams' client keys (the catalogue) and opens them as they are served.
        self.box = box
        self._open_sealed = key_opener(box)
        self._identity = identity
        self._monitor = monitor
        self.identity: edge.ChannelState | None = None
        self._identity_lock = asyncio.Lock()
        self.over_quota: frozenset[str] = frozenset()
        self._grants: dict[str, frozenset[str]] | None = None
        self.served: _Served | None = None
        self._writing = asyncio.Lock()
        self._streams: set[asyncio.Queue[object]] = set()
        self._node_streams: Counter[str] = Counter()
        self._in_flight: set[asyncio.Future[Any]] = set()
        # A catalogue change made before identity's keys were known: build once they are.
        self._pending = False

    async def _run(self, work: Callable[[Session], T]) -> T:
        """The unit of work, finished even if the caller is cancelled (see `close`)."""
        task = asyncio.ensure_future(self.uow.run(work))
        self._in_flight.add(task)
        task.add_done_callback(self._in_flight.discard)
        return await asyncio.shield(task)

    async def close(self) -> None:
        """Let database work of cancelled callers finish before the engine is disposed."""
        if self._in_flight:
            await asyncio.wait(set(self._in_flight), timeout=10)

    @property
    def state(self) -> edge.ChannelState | None:
        """The next snapshot's inputs besides the database; None until identity answers."""
        if self.identity is None:
            return None
        return dataclasses.replace(self.identity, over_quota=self.over_quota)

    # --- snapshots ---

    async def write(
        self, work: Callable[[Session], T], *, cause: str | Callable[[T], str], actor: str
    ) -> T:
        """Run a catalogue write and the snapshot it calls for in one transaction; `cause` may
        be worded from the write's result (a service's code and version, once read)."""
        async with self._writing:
            identity = self.state

            def unit(session: Session) -> tuple[T, _Served | None]:
                result = work(session)
                if identity is None:
                    self._pending = True
                    return result, None
                said = cause(result) if callable(cause) else cause
                row = snapshots.rebuild(session, self.settings, identity, cause=said, actor=actor)
                self._note_grants(session)
                if row is None:
                    return result, None
                return result, _Served(
                    snapshots.as_snapshot(row), strict=True, open_sealed=self._open_sealed
                )

            result, made = await self._run(unit)
        if made is not None:
            self.offer(made)
        return result

    async def rebuild(self, *, cause: str, actor: str, only_if_inputs_changed: bool) -> bool:
        """Build a snapshot from the current state; True when a new one was stored."""
        async with self._writing:
            identity = self.state
            if identity is None:
                raise FailedPrecondition(
                    "identity's signing keys are not known yet; try again shortly",
                    kind="EDGE_KEYS",
                )
            pending = self._pending

            def unit(session: Session) -> _Served | None:
                if (
                    only_if_inputs_changed
                    and not pending
                    and not snapshots.needs_rebuild(session, self.settings, identity)
                ):
                    return None
                row = snapshots.rebuild(session, self.settings, identity, cause=cause, actor=actor)
                self._note_grants(session)
                if row is None:
                    return None
                return _Served(
                    snapshots.as_snapshot(row), strict=True, open_sealed=self._open_sealed
                )

            made = await self._run(unit)
            self._pending = False
        if made is not None:
            self.offer(made)
        return made is not None

    async def rollback(
        self, snapshot_id: str, *, reason: str, idempotency_key: str, actor: str
    ) -> str:
        async with self._writing:
            made = await self._run(
                lambda session: _Served(
                    snapshots.as_snapshot(
                        snapshots.rollback(
                            session,
                            snapshot_id,
                            reason=reason,
                            idempotency_key=idempotency_key,
                            actor=actor,
                        )
                    ),
                    strict=True,
                    open_sealed=self._open_sealed,
                )
            )
        self.offer(made)
        return made.snapshot.snapshot_id

    def offer(self, served: _Served) -> None:
        """Serve the snapshot if it is newer than the one served; wake every stream."""
        if self.served is not None and served.version <= self.served.version:
            return
        self.served = served
        log.info("serving edge configuration", extra={"version": served.version})
        for queue in self._streams:
            queue.put_nowait(_CHANGED)

    async def load_latest(self) -> None:
        def latest(session: Session) -> _Served | None:
            current = self.served.version if self.served is not None else 0
            if store.latest_version(session) <= current:
                return None
            row = store.latest_snapshot(session)
            return (
                _Served(snapshots.as_snapshot(row), strict=False, open_sealed=self._open_sealed)
                if row is not None
                else None
            )

        made = await self._run(latest)
        if made is not None:
            self.offer(made)

    # --- background work ---

    async def follow_identity(self) -> None:
        """Follow identity's edge material; a change makes a new snapshot within about a second.

        Identity announces each change on a watch stream; a slower poll stands in when the
        stream is down. Disabling a channel or revoking a credential reaches every Envoy this
        way, with no restart.
        """
        stub = edge_auth_pb2_grpc.EdgeAuthServiceStub(self._identity())
        poll = asyncio.create_task(self._poll_identity(stub))
        try:
            while True:
                try:
                    await self._refresh_identity(stub, cause="")
                    known = self.identity.revision if self.identity is not None else 0
                    async for change in stub.WatchEdgeAuth(
                        edge_auth_pb2.WatchEdgeAuthRequest(after_revision=known)
                    ):
                        await self._refresh_identity(stub, cause=change.cause)
                except asyncio.CancelledError:
                    raise
                except Exception as error:  # identity away: keep what is served, retry
                    log.debug("identity's edge material watch ended: %s", error)
                await asyncio.sleep(0.5)
        finally:
            poll.cancel()
            await asyncio.gather(poll, return_exceptions=True)

    async def _poll_identity(self, stub: edge_auth_pb2_grpc.EdgeAuthServiceStub) -> None:
        failing = False
        while True:
            try:
                await self._refresh_identity(stub, cause="")
                if failing:
                    log.info("identity's edge material is readable again")
                failing = False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # identity or the database away: keep what is served
                if not failing:
                    log.warning("reading identity's edge material failed: %s", error)
                failing = True
            delay = self.settings.jwks_refresh.total_seconds() if self.identity else 0.5
            await asyncio.sleep(delay)

    async def _refresh_identity(
        self, stub: edge_auth_pb2_grpc.EdgeAuthServiceStub, *, cause: str
    ) -> None:
        async with self._identity_lock:
            response = await stub.GetEdgeAuthSnapshot(
                edge_auth_pb2.GetEdgeAuthSnapshotRequest(), timeout=5
            )
            # No keys yet (identity still starting): no token could be verified, so keep what
            # is served and ask again.
            if not response.keys:
                return
            material = channel_state(response)
            current = self.identity
            if (
                current is not None
                and current.fingerprint() == material.fingerprint()
                and not self._pending
            ):
                self.identity = material
                return
            self.identity = material
            await self.rebuild(
                cause=cause or ("registry started" if current is None else "identity changed"),
                actor="registry",
                only_if_inputs_changed=True,
            )

    async def follow_usage(self) -> None:
        """Enforce daily quotas and grants' start and expiry times as the day goes by.

        Every few seconds: which channels used up today's quota (monitor's counts), and whether
        the active grants changed with the time alone; either makes a new snapshot.
        """
        failing = False
        while True:
            try:
                changed = await self._check_quotas()
                changed = await self._check_grant_times() or changed
                if changed:
                    await self.rebuild(
                        cause="daily quotas or grant times",
                        actor="registry",
                        only_if_inputs_changed=False,
                    )
                failing = False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # monitor or the database away: keep what is served
                if not failing:
                    log.warning("checking quotas and grant times failed: %s", error)
                failing = True
            await asyncio.sleep(self.settings.quota_poll.total_seconds())

    async def _check_quotas(self) -> bool:
        identity = self.identity
        quotas = {
            channel.channel_id: channel.daily_quota
            for channel in (identity.channels if identity is not None else ())
            if channel.daily_quota
        }
        over: frozenset[str] = frozenset()
        if quotas and self._monitor is not None:
            stub = statistics_pb2_grpc.StatisticsServiceStub(self._monitor())
            usage = await stub.GetChannelQuotaUsage(
                statistics_pb2.GetChannelQuotaUsageRequest(), timeout=5
            )
            over = frozenset(
                used.channel_id
                for used in usage.channels
                if used.channel_id in quotas and used.calls >= quotas[used.channel_id]
            )
        if over == self.over_quota:
            return False
        log.info("channels over their daily quota: %s", sorted(over))
        self.over_quota = over
        return True

    def _note_grants(self, session: Session) -> None:
        """The active grants a build just used: only time may change them before the next."""
        self._grants = store.active_grants(session, utcnow())

    async def _check_grant_times(self) -> bool:
        """Whether grants started or expired since the last build (writes rebuild at once)."""
        grants = await self._run(lambda session: store.active_grants(session, utcnow()))
        return self._grants is not None and self._grants != grants

    async def follow_database(self) -> None:
        """Serve snapshots stored by other replicas (or before this process started).

        Cancelled when the service stops: then the ADS streams end at once, so the server's
        graceful stop does not wait on them and each Envoy reconnects to another replica.
        """
        try:
            while True:
                try:
                    await self.load_latest()
                except asyncio.CancelledError:
                    raise
                except Exception as error:
                    log.warning("reading the latest edge snapshot failed: %s", error)
                await asyncio.sleep(self.settings.snapshot_poll.total_seconds())
        finally:
            for queue in self._streams:
                queue.put_nowait(_CLOSED)

    # --- streams ---

    def subscribe(self) -> asyncio.Queue[object]:
        queue: asyncio.Queue[object] = asyncio.Queue()
        self._streams.add(queue)
        return queue

    def unsubscribe(self, queue: asyncio.Queue[object]) -> None:
        self._streams.discard(queue)

    async def record(self, work: Callable[[Session], None]) -> None:
        """Write what a node reported; a database hiccup must not cut the node's stream."""
        try:
            await self._run(work)
        except Exception as error:
            log.warning("recording an edge node's status failed: %s", error)

    def node_opened(self, node_id: str) -> None:
        self._node_streams[node_id] += 1

    def node_closed(self, node_id: str) -> bool:
        """True when this was the node's last stream."""
        self._node_streams[node_id] -= 1
        if self._node_streams[node_id] <= 0:
            del self._node_streams[node_id]
            return True
        return False


_CHANGED = object()
_CLOSED = object()


@dataclass
class _Sent:
    version: int
    nonce: str
    names: tuple[str, ...]


@dataclass
class _Stream:
    control: EdgeControl
    peer: str
    node_id: str = ""
    sent: dict[str, _Sent] = field(default_factory=dict)
    subscribed: dict[str, tuple[str, ...]] = field(default_factory=dict)

    async def handle(self, request: discovery_pb2.DiscoveryRequest) -> list[Any]:
        """Responses to one request: ACK/NACK bookkeeping, then what is newer or newly asked."""
        if not self.node_id:
            await self._open(request)
        type_url = request.type_url
        if type_url not in _MESSAGES:
            return []  # a type registry does not serve
        names = tuple(sorted(request.resource_names))
        last = self.sent.get(type_url)
        answered = last is not None and request.response_nonce == last.nonce
        if answered and last is not None:
            if request.HasField("error_detail"):
                message = request.error_detail.message
                log.warning(
                    "edge node rejected configuration",
                    extra={"node": self.node_id, "type_url": type_url, "version": last.version},
                )
                await self.control.record(
                    lambda s: snapshots.node_nacked(
                        s, self.node_id, type_url, last.version, message
                    )
                )
            else:
                version = _version(request.version_info)
                await self.control.record(
                    lambda s: snapshots.node_acked(s, self.node_id, type_url, version)
                )
        if type_url in _NAMED_ONLY and not names:
            # Envoy needs none of them any more (the last client certificate was removed). It
            # will not acknowledge responses of this type, so neither send nor expect them;
            # this holds even when it answers an older response, as it is not asked again.
            self.subscribed.pop(type_url, None)
            self.sent.pop(type_url, None)
            await self.control.record(
                lambda s: snapshots.node_unsubscribed(s, self.node_id, type_url)
            )
            return []
        if request.response_nonce and not answered:
            return []  # answers an older response; a newer one is on its way
        self.subscribed[type_url] = names
        return self._due([type_url])

    def changed(self) -> list[Any]:
        return self._due(list(self.subscribed))

    def _due(self, type_urls: list[str]) -> list[Any]:
        served = self.control.served
        if served is None:
            return []
        responses = []
        for type_url in type_urls:
            names = self.subscribed.get(type_url, ())
            last = self.sent.get(type_url)
            if last is not None and last.version >= served.version and last.names == names:
                continue  # after a NACK too: the node keeps its previous resources
            response = served.response(type_url, names)
            self.sent[type_url] = _Sent(served.version, response.nonce, names)
            responses.append(response)
        return responses

    async def _open(self, request: discovery_pb2.DiscoveryRequest) -> None:
        node = request.node
        self.node_id = node.id or f"unnamed@{self.peer}"
        build = node.user_agent_build_version.version
        envoy_version = (
            f"{build.major_number}.{build.minor_number}.{build.patch}"
            if node.HasField("user_agent_build_version")
            else node.user_agent_version
        )
        info = snapshots.NodeInfo(self.node_id, node.cluster, envoy_version, self.peer)
        self.control.node_opened(self.node_id)
        log.info("edge node connected", extra={"node": self.node_id, "peer": self.peer})
        await self.control.record(lambda s: snapshots.node_connected(s, info, _NAMED_ONLY))

    async def close(self) -> None:
        if not self.node_id:
            return
        log.info("edge node disconnected", extra={"node": self.node_id})
        if self.control.node_closed(self.node_id):
            await self.control.record(lambda s: snapshots.node_disconnected(s, self.node_id))


def _version(version_info: str) -> int:
    try:
        return int(version_info)
    except ValueError:
        return 0


class AggregatedDiscoveryServicer(ads_pb2_grpc.AggregatedDiscoveryServiceServicer):
    """Envoy's ADS, state of the world; delta xDS is not offered."""

    def __init__(self, control: EdgeControl) -> None:
        self.control = control

    async def StreamAggregatedResources(  # type: ignore[override]
        self,
        request_iterator: AsyncIterator[discovery_pb2.DiscoveryRequest],
        context: grpc.aio.ServicerContext,
    ) -> AsyncIterator[discovery_pb2.DiscoveryResponse]:
        stream = _Stream(self.control, context.peer())
        queue = self.control.subscribe()

        async def read() -> None:
            try:
                async for request in request_iterator:
                    queue.put_nowait(request)
            finally:
                queue.put_nowait(_CLOSED)

        reader = asyncio.create_task(read())
        try:
            while True:
                item = await queue.get()
                if item is _CLOSED:
                    return
                if item is _CHANGED:
                    responses = stream.changed()
                else:
                    assert isinstance(item, discovery_pb2.DiscoveryRequest)
                    responses = await stream.handle(item)
                for response in responses:
                    yield response
        finally:
            self.control.unsubscribe(queue)
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await reader
            await stream.close()

    async def DeltaAggregatedResources(  # type: ignore[override]
        self, request_iterator: AsyncIterator[Any], context: grpc.aio.ServicerContext
    ) -> AsyncIterator[Any]:
        await context.abort(grpc.StatusCode.UNIMPLEMENTED, "registry serves state-of-the-world ADS")
        yield  # pragma: no cover - makes this an async generator like its sibling
