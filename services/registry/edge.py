"""The edge's live configuration as data: snapshot content from the catalogue, hashes, diffs.

No gRPC and no SQL here: the ADS server (xds.py) and the store (store.py) do the talking.
"""

from __future__ import annotations

import base64
import copy
import dataclasses
import difflib
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import Enum
from pathlib import Path
from typing import Any

from deploy.envoy import inputs
from deploy.envoy.config import (
    ADS_SOURCE,
    GRANTS_FILTER,
    OAUTH2_ROUTE,
    build_channel_resources,
    grants_per_route,
)
from services.runtime.collector import collection_paused
from services.runtime.config import ConfigError

LISTENER = "type.googleapis.com/envoy.config.listener.v3.Listener"
ROUTE = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
CLUSTER = "type.googleapis.com/envoy.config.cluster.v3.Cluster"
ENDPOINT = "type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment"
SECRET = "type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret"  # noqa: S105
# The order Envoy wants them in: clusters before the listeners whose routes name them; the
# secrets clusters name come with them.
RESOURCE_TYPES = (CLUSTER, SECRET, LISTENER, ROUTE)
# Stored snapshots hold upstream client keys only sealed under the master key, in this form;
# the ADS server opens them as it serves, and answers to staff show REDACTED instead.
SEALED_PREFIX = "wailian-sealed:"
REDACTED = "[sealed: never shown]"


@dataclass(frozen=True)
class EdgeSettings:
    """What registry needs to know about the Envoys it configures (paths are on their host)."""

    channel_listener: inputs.BindAddress
    access_log: Path
    jwks_refresh: timedelta
    snapshot_poll: timedelta
    # How often daily quotas (monitor's counts) and grant start/expiry times are checked.
    quota_poll: timedelta = timedelta(seconds=2)
    # The mutual-TLS channel listener and the edge's certificate files on Envoy's host.
    mtls_listener: inputs.BindAddress | None = None
    tls_certificate_file: Path | None = None
    tls_private_key_file: Path | None = None

    def fingerprint(self) -> str:
        return json.dumps(
            [
                self.channel_listener.address,
                self.channel_listener.port,
                str(self.access_log),
                None
                if self.mtls_listener is None
                else [self.mtls_listener.address, self.mtls_listener.port],
                str(self.tls_certificate_file),
                str(self.tls_private_key_file),
            ]
        )


def load_edge_settings(data_dir: Path, env: Mapping[str, str] | None = None) -> EdgeSettings:
    """WAILIAN_EDGE_* settings; a bad value stops the process with a message naming it."""
    env = os.environ if env is None else env
    bind = _bind_address(env, "WAILIAN_EDGE_CHANNEL_LISTEN", "127.0.0.1:8080")
    assert bind is not None
    mtls = _bind_address(env, "WAILIAN_EDGE_MTLS_LISTEN", "")
    tls_files: dict[str, Path | None] = {}
    for name in ("WAILIAN_EDGE_TLS_CERT_FILE", "WAILIAN_EDGE_TLS_KEY_FILE"):
        raw = env.get(name, "").strip()
        tls_files[name] = Path(raw) if raw else None
        if mtls is not None and not raw:
            raise ConfigError(f"{name} is required with WAILIAN_EDGE_MTLS_LISTEN")
        if raw and not Path(raw).is_absolute():
            raise ConfigError(f"{name} must be an absolute path on Envoy's host, got {raw}")
    access_log = Path(
        env.get("WAILIAN_EDGE_ACCESS_LOG", "").strip() or data_dir / "logs" / "channel-access.log"
    )
    if not access_log.is_absolute():
        raise ConfigError(
            f"WAILIAN_EDGE_ACCESS_LOG must be an absolute path on Envoy's host, got {access_log}"
        )
    seconds = {}
    for name, default in (
        ("WAILIAN_EDGE_JWKS_REFRESH_SECONDS", 5.0),
        ("WAILIAN_EDGE_SNAPSHOT_POLL_SECONDS", 1.0),
        ("WAILIAN_EDGE_QUOTA_POLL_SECONDS", 2.0),
    ):
        raw = env.get(name, "").strip() or str(default)
        try:
            seconds[name] = float(raw)
        except ValueError:
            raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
        if seconds[name] <= 0:
            raise ConfigError(f"{name} must be positive, got {raw!r}")
    return EdgeSettings(
        channel_listener=bind,
        access_log=access_log,
        jwks_refresh=timedelta(seconds=seconds["WAILIAN_EDGE_JWKS_REFRESH_SECONDS"]),
        snapshot_poll=timedelta(seconds=seconds["WAILIAN_EDGE_SNAPSHOT_POLL_SECONDS"]),
        quota_poll=timedelta(seconds=seconds["WAILIAN_EDGE_QUOTA_POLL_SECONDS"]),
        mtls_listener=mtls,
        tls_certificate_file=tls_files["WAILIAN_EDGE_TLS_CERT_FILE"],
        tls_private_key_file=tls_files["WAILIAN_EDGE_TLS_KEY_FILE"],
    )


def _bind_address(env: Mapping[str, str], name: str, default: str) -> inputs.BindAddress | None:
    listen = env.get(name, "").strip() or default
    if not listen:
        return None
    host, _, port = listen.rpartition(":")
    try:
        if not host:
            raise ValueError(listen)
        return inputs.BindAddress(host.strip("[]"), int(port))
    except ValueError:
        raise ConfigError(f"{name} must be host:port, got {listen!r}") from None


@dataclass(frozen=True)
class Resource:
    """One Envoy resource as Envoy's JSON (the proto3 JSON mapping)."""

    type_url: str
    name: str
    body: Mapping[str, Any]

    def to_json(self) -> str:
        return json.dumps(self.body, indent=2, sort_keys=True, ensure_ascii=False)

    def stored(self) -> dict[str, Any]:
        return {"type_url": self.type_url, "name": self.name, "body": dict(self.body)}


def resources_from_stored(stored: Sequence[Mapping[str, Any]]) -> list[Resource]:
    return [Resource(item["type_url"], item["name"], item["body"]) for item in stored]


def sealed_reference(sealed: bytes) -> str:
    """A sealed private key as a snapshot stores it (in place of the PEM)."""
    return SEALED_PREFIX + base64.b64encode(sealed).decode("ascii")


def _private_key(body: Mapping[str, Any]) -> str:
    value = body.get("tls_certificate", {}).get("private_key", {}).get("inline_string", "")
    return value if isinstance(value, str) else ""


def opened_key(secret: Resource, open_sealed: Callable[[bytes, str], str]) -> str | None:
    """The PEM key of a secret stored sealed, via `open_sealed(blob, certificate chain)`;
    None when the secret holds no sealed key."""
    value = _private_key(secret.body)
    if secret.type_url != SECRET or not value.startswith(SEALED_PREFIX):
        return None
    chain = secret.body["tls_certificate"]["certificate_chain"]["inline_string"]
    return open_sealed(base64.b64decode(value.removeprefix(SEALED_PREFIX)), str(chain))


def redacted(resource: Resource) -> Resource:
    """The resource as staff may see it: a secret's private key replaced by REDACTED."""
    if resource.type_url != SECRET or not _private_key(resource.body):
        return resource
    body = copy.deepcopy(dict(resource.body))
    body["tls_certificate"]["private_key"] = {"inline_string": REDACTED}
    return Resource(resource.type_url, resource.name, body)


@dataclass(frozen=True)
class ChannelState:
    """What the edge needs about channels besides the catalogue and the grants.

    Identity's token keys and channel state, and which channels used up today's quota (from
    monitor's counts).
    """

    revision: int
    jwks: str
    channels: tuple[inputs.ChannelPolicy, ...] = ()
    # Credentials whose unexpired tokens the edge must refuse.
    revoked_credentials: frozenset[str] = frozenset()
    # Channels that used up today's quota, from monitor's counts.
    over_quota: frozenset[str] = frozenset()
    # The CA that signs channels' client certificates; empty: no mutual TLS yet.
    client_ca_pem: str = ""

    def fingerprint(self) -> str:
        return json.dumps(
            [
                self.jwks,
                [dataclasses.asdict(channel) for channel in self.channels],
                sorted(self.revoked_credentials),
                sorted(self.over_quota),
                self.client_ca_pem,
            ],
            sort_keys=True,
        )


def channel_edge(
    settings: EdgeSettings,
    identity: ChannelState,
    upstreams: Sequence[inputs.Upstream],
    routes: Sequence[inputs.ApiRoute],
    grants: Mapping[str, frozenset[str]],
) -> inputs.ChannelEdge:
    """The channel side of the edge from the catalogue, the grants and identity's material."""
    mutual_tls = None
    if (
        settings.mtls_listener is not None
        and settings.tls_certificate_file is not None
        and settings.tls_private_key_file is not None
        and identity.client_ca_pem
    ):
        mutual_tls = inputs.MutualTls(
            listener=settings.mtls_listener,
            certificate_file=settings.tls_certificate_file,
            private_key_file=settings.tls_private_key_file,
            client_ca_pem=identity.client_ca_pem,
        )
    return inputs.ChannelEdge(
        listener=settings.channel_listener,
        jwt=inputs.ChannelJwt(jwks=identity.jwks),
        api_routes=tuple(routes),
        upstreams=tuple(upstreams),
        access_log=inputs.AccessLog(path=settings.access_log),
        access=inputs.ChannelAccess(
            channels=identity.channels,
            revoked_credentials=identity.revoked_credentials,
            grants=grants,
            over_quota=identity.over_quota,
        ),
        mutual_tls=mutual_tls,
    )


def build_resources(channel: inputs.ChannelEdge) -> list[Resource]:
    """The xDS resources of one snapshot: the channel listener (RDS over ADS), routes, clusters."""
    with collection_paused():
        built = build_channel_resources(channel, route_source=ADS_SOURCE)
    resources = [
        *(Resource(CLUSTER, cluster["name"], cluster) for cluster in built.clusters),
        *(Resource(SECRET, secret["name"], secret) for secret in built.secrets),
        *(Resource(LISTENER, listener["name"], listener) for listener in built.listeners),
        *(Resource(ROUTE, route["name"], route) for route in built.route_configs),
    ]
    return sorted(resources, key=lambda r: (RESOURCE_TYPES.index(r.type_url), r.name))


def content_hash(resources: Sequence[Resource]) -> str:
    canonical = json.dumps(
        [resource.stored() for resource in resources], sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def inputs_hash(identity: ChannelState, settings: EdgeSettings) -> str:
    """What the snapshot was built from besides the catalogue (which triggers its own rebuilds)."""
    return hashlib.sha256(
        f"{identity.fingerprint()}\n{settings.fingerprint()}".encode()
    ).hexdigest()


def restored_content(
    earlier: Sequence[Resource],
    current: Sequence[Resource],
    grants: Mapping[str, frozenset[str]],
) -> list[Resource]:
    """A rollback's content: the earlier routes and clusters, the current listeners.

    Listeners carry identity's signing keys and the channels' state; bringing back an earlier
    key set would turn away every token signed since a key rotation, and an earlier channel
    state would let a disabled channel back in, which is never what a rollback is for. For the
    same reason the restored routes get the current channel rules and grants.
    """
    kept = [resource for resource in current if resource.type_url == LISTENER]
    current_routes = {r.name: r for r in current if r.type_url == ROUTE}
    restored = [
        with_grants(with_channel_rules(resource, current_routes.get(resource.name)), grants)
        if resource.type_url == ROUTE
        else resource
        for resource in earlier
        if resource.type_url != LISTENER
    ]
    return sorted([*kept, *restored], key=lambda r: (RESOURCE_TYPES.index(r.type_url), r.name))


def with_channel_rules(route_config: Resource, current: Resource | None) -> Resource:
    """The route configuration with the current channel rules on each virtual host.

    The rules (revoked credentials, channel state, IP allow-lists, rate limits, quotas) travel
    with the routes, so that a change reaches connections already open; an earlier snapshot's
    would let a disabled channel or a revoked credential back in.
    """
    rules = {
        host.get("name"): host.get("typed_per_filter_config")
        for host in (current.body.get("virtual_hosts", []) if current is not None else [])
    }
    body = copy.deepcopy(dict(route_config.body))
    for host in body.get("virtual_hosts", []):
        host.pop("typed_per_filter_config", None)
        if rules.get(host.get("name")):
            host["typed_per_filter_config"] = copy.deepcopy(rules[host.get("name")])
    return Resource(route_config.type_url, route_config.name, body)


def with_grants(route_config: Resource, grants: Mapping[str, frozenset[str]]) -> Resource:
    """The route configuration with each API route's grants replaced by `grants`."""
    body = copy.deepcopy(dict(route_config.body))
    for host in body.get("virtual_hosts", []):
        for route in host.get("routes", []):
            per_filter = route.get("typed_per_filter_config", {})
            if GRANTS_FILTER in per_filter and route.get("name") != OAUTH2_ROUTE:
                per_filter[GRANTS_FILTER] = grants_per_route(grants.get(route["name"], ()))
    return Resource(route_config.type_url, route_config.name, body)


class Change(Enum):
    ADDED = "added"
    REMOVED = "removed"
    MODIFIED = "modified"


@dataclass(frozen=True)
class ResourceChange:
    type_url: str
    name: str
    change: Change
    before: str
    after: str
    unified_diff: str


def diff(before: Sequence[Resource], after: Sequence[Resource]) -> list[ResourceChange]:
    """Resource by resource, what changed from `before` to `after`."""
    old = {(r.type_url, r.name): r.to_json() for r in before}
    new = {(r.type_url, r.name): r.to_json() for r in after}
    changes = []
    for key in sorted(old.keys() | new.keys(), key=lambda k: (RESOURCE_TYPES.index(k[0]), k[1])):
        was, now = old.get(key, ""), new.get(key, "")
        if was == now:
            continue
        change = Change.ADDED if not was else Change.REMOVED if not now else Change.MODIFIED
        label = f"{key[0].rsplit('.', 1)[-1]}/{key[1]}"
        unified = "".join(
            difflib.unified_diff(
                was.splitlines(keepends=True),
                now.splitlines(keepends=True),
                fromfile=f"a/{label}",
                tofile=f"b/{label}",
            )
        )
        changes.append(ResourceChange(key[0], key[1], change, was, now, unified))
    return changes


def counts(resources: Sequence[Resource]) -> dict[str, int]:
    by_type = {type_url: 0 for type_url in (LISTENER, ROUTE, CLUSTER, ENDPOINT, SECRET)}
    for resource in resources:
        by_type[resource.type_url] = by_type.get(resource.type_url, 0) + 1
    return by_type
