"""Registry's snapshot build at hospital scale: 5,000 API services and 1,000 channels.

What a change costs registry before Envoy hears of it: building the channel listener, routes
(with each API's grants) and clusters, hashing them and checking that Envoy's protobuf takes
them. The baseline is the same catalogue without any channel rules, measured in the same run.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
import uuid
from pathlib import Path

from bench.results import Figure, ratio
from deploy.envoy import inputs
from services.registry import edge
from services.registry.xds import check_servable

SERVICES = 5_000
CHANNELS = 1_000
GRANTS_PER_SERVICE = 10
TARGET_SECONDS = 1.0
_JWKS = json.dumps({"keys": [{"kty": "EC", "crv": "P-256", "x": "x", "y": "y", "kid": "k1"}]})


def _build_seconds(state: edge.ChannelState, grants: dict[str, frozenset[str]]) -> float:
    settings = edge.load_edge_settings(
        Path(tempfile.gettempdir()), {"WAILIAN_EDGE_CHANNEL_LISTEN": "127.0.0.1:8080"}
    )
    routes = [
        inputs.ApiRoute(f"api.s{i}", "GET", f"/v1/s{i}/{{id}}", "his", f"/his/s{i}/{{id}}")
        for i in range(SERVICES)
    ]
    upstreams = [inputs.Upstream("his", (inputs.Endpoint("10.0.0.10", 9100),))]
    started = time.perf_counter()
    resources = edge.build_resources(edge.channel_edge(settings, state, upstreams, routes, grants))
    edge.content_hash(resources)
    check_servable(resources)
    return time.perf_counter() - started


def snapshot_build_figures(measured_at: str, machine: str) -> list[Figure]:
    rng = random.Random(2026)
    channels = tuple(
        inputs.ChannelPolicy(
            str(uuid.UUID(int=rng.getrandbits(128))),
            f"channel-{i}",
            rate_limit_per_second=50 if i % 3 == 0 else 0,
            ip_allow_list=("10.20.0.0/16",) if i % 5 == 0 else (),
        )
        for i in range(CHANNELS)
    )
    ids = [channel.channel_id for channel in channels]
    grants = {f"api.s{i}": frozenset(rng.sample(ids, GRANTS_PER_SERVICE)) for i in range(SERVICES)}
    full = edge.ChannelState(revision=1, jwks=_JWKS, channels=channels)
    bare = edge.ChannelState(revision=1, jwks=_JWKS)
    baseline = _build_seconds(bare, {})
    value = _build_seconds(full, grants)
    return [
        Figure(
            name="registry.snapshot_build_seconds",
            value=round(value, 3),
            unit="s",
            baseline=round(baseline, 3),
            ratio=ratio(value, baseline),
            target=None,
            measured_at=measured_at,
            machine=machine,
            ceiling=TARGET_SECONDS,
        )
    ]
