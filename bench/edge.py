"""The edge benchmark: one fast upstream measured directly, behind bare Envoy and behind the edge.

All three targets run side by side for the whole benchmark, so each figure has its baseline from
the same run on the same machine state. The upstream is an Envoy answering a fixed JSON body by
itself, so that no Python on the upstream side caps the figures.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bench.results import Figure, ratio
from bench.wrk import LoadSettings, WrkResult, run_wrk
from deploy.envoy.command import envoy_command
from deploy.envoy.config import (
    CHANNEL_LISTENER,
    JWT_FILTER,
    ROUTER_FILTER,
    STRIP_FILTER,
    XDS_CLUSTER,
    build_bare_proxy_bootstrap,
    build_direct_response_bootstrap,
    dump_yaml,
)
from deploy.envoy.inputs import BindAddress, Endpoint, Upstream
from deploy.local.demo import admin_metadata, grant
from deploy.local.launcher import LocalOptions, LocalPlatform
from deploy.local.processes import Child, child_env
from services.identity.signature import authorization_header
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.monitor.v1 import traffic_pb2, traffic_pb2_grpc
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

LOOPBACK = "127.0.0.1"
READY_TIMEOUT = 30.0

# What the fast upstream answers: a doctor record, as a HIS would for the API below.
UPSTREAM_BODY = json.dumps(
    {"doctor_code": "D100101", "name": "张医生", "dept_code": "0101", "title": "主任医师"},
    ensure_ascii=False,
    separators=(",", ":"),
)
# The channel API the edge serves, and the request each target gets: the edge gets the public
# path, the upstream and bare Envoy the path the edge forwards to the upstream.
API_CODE = "master.doctor.get"
API_PATH = "/v1/doctors/{doctor_code}"
UPSTREAM_PATH = "/his/v1/doctors/{doctor_code}"
EDGE_REQUEST_PATH = "/v1/doctors/D100101"
UPSTREAM_REQUEST_PATH = "/his/v1/doctors/D100101"

# The identity issue's targets, as a share of bare Envoy's requests per second: access tokens
# are verified natively by Envoy, signed requests by identity (Python) on every request.
TOKEN_TARGET = 0.8
SIGNATURE_TARGET = 0.3
# The registry issue's: a published API is served by every Envoy within this time.
PUBLISH_CEILING_SECONDS = 2.0

# Monitor's count has settled when it has not moved for this long (Envoy flushes its gRPC
# access log every second); it gets at most ACCESS_LOG_SETTLE_TIMEOUT to catch up.
ACCESS_LOG_QUIET_SECONDS = 3.0
ACCESS_LOG_SETTLE_TIMEOUT = 90.0


# The targets whose proxy CPU is measured: requests per CPU-second of the processes that
# enforce the edge, the throughput one core gives when the proxy has it to itself. The
# shared-machine requests/s above also pays for wrk, the upstream and monitor's ingest on the
# same two cores.
CPU_MEASURED = (
    "bare",
    "bare_routes",
    "edge_token_only",
    "edge_token_logged",
    "edge_policy_only",
    "edge_signature_policy_only",
    "edge",
    "edge_signature",
)


class BenchFailed(RuntimeError):
    """The benchmark could not produce figures worth reporting; the message says why."""


@dataclass(frozen=True)
class Target:
    """What wrk loads: a name for the figures and a loopback URL."""

    name: str
    url: str


@dataclass(frozen=True)
class EdgeMeasurement:
    """The three measured runs, and what monitor stored of the edge's access log."""

    upstream: WrkResult
    bare: WrkResult
    edge: WrkResult
    edge_signature: WrkResult
    edge_policy_only: WrkResult
    # Bare Envoy with the edge's routes (templates, rewrites) and no filter but the router.
    bare_routes: WrkResult
    # The edge's token check alone, then with its access logs: the floor under the edge.
    edge_token_only: WrkResult
    edge_token_logged: WrkResult
    # Signed requests through every check of the edge, without its access logs.
    edge_signature_policy_only: WrkResult
    edge_answered: int
    access_log_rows_stored: int
    access_log_settled: bool
    # CPU seconds each process under test used during a target's measured run, by target
    # name and then process ("envoy", "identity").
    cpu_seconds: Mapping[str, Mapping[str, float]] = field(default_factory=dict)
    # Publish → first 200 at the edge, one per probe.
    publish_seconds: tuple[float, ...] = ()


@dataclass(frozen=True)
class RunningEnvoy:
    """An Envoy of the benchmark and the port its one listener bound."""

    child: Child
    admin_address: str
    port: int


def _listener_port(admin_address: str) -> int | None:
    """The port of the Envoy's only listener, once the Envoy is ready."""
    try:
        with urllib.request.urlopen(f"http://{admin_address}/ready", timeout=2) as response:
            if response.status != 200:
                return None
        with urllib.request.urlopen(
            f"http://{admin_address}/listeners?format=json", timeout=2
        ) as response:
            (listener,) = json.load(response)["listener_statuses"]
    except (urllib.error.URLError, OSError, ValueError, KeyError):
        return None
    return int(listener["local_address"]["socket_address"]["port_value"])


@contextmanager
def running_envoy(
    name: str, bootstrap: Mapping[str, Any], concurrency: int, workdir: Path
) -> Iterator[RunningEnvoy]:
    """An Envoy on a bootstrap whose listener and admin bind port 0; stopped when the block ends.

    Envoy picks the free ports itself and they are read back from its admin API, so no other
    process can take a port between choosing and binding it.
    """
    config = workdir / f"{name}.yaml"
    config.write_text(dump_yaml(bootstrap), encoding="utf-8")
    admin_path = workdir / f"{name}-admin-address"
    command = envoy_command(config, base_id=secrets.randbelow(2**31), concurrency=concurrency)
    command += ["--admin-address-path", str(admin_path)]
    child = Child(name, command, child_env({}), workdir / f"{name}.log")
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            if not child.alive():
                raise BenchFailed(f"{name} exited while starting:\n{child.tail()}")
            if admin_path.exists():
                admin_address = admin_path.read_text(encoding="utf-8").strip()
                port = _listener_port(admin_address)
                if port is not None:
                    break
            if time.monotonic() > deadline:
                raise BenchFailed(f"{name} was not ready within {READY_TIMEOUT:.0f} s")
            time.sleep(0.1)
        yield RunningEnvoy(child, admin_address, port)
    finally:
        child.stop()


# The edge's channel listener taken apart, each variant measured beside bare Envoy in the same
# run: what the edge's routes, the token check alone, the token check with the access logs, and
# every check without the logs cost. The first three are the floor under the edge: whatever the
# channel checks cost, the edge cannot be faster than its token check and its logs.
VARIANT_FILTERS: Mapping[str, frozenset[str] | None] = {
    "routes": frozenset({ROUTER_FILTER}),
    "token": frozenset({STRIP_FILTER, JWT_FILTER, ROUTER_FILTER}),
    "token_logged": frozenset({STRIP_FILTER, JWT_FILTER, ROUTER_FILTER}),
    "checks": None,
}
LOGGED_VARIANTS = frozenset({"token_logged"})
# Each variant's target name in the figures.
VARIANT_TARGETS = {
    "routes": "bare_routes",
    "token": "edge_token_only",
    "token_logged": "edge_token_logged",
    "checks": "edge_policy_only",
}
# The targets of the edge taken apart, signed requests through every check included, and the
# identity issue's target each carries: every check the edge enforces, without the access logs
# (which monitor's issue asks for, not this one), against the same share of bare Envoy.
TAKEN_APART: Mapping[str, float | None] = {
    "bare_routes": None,
    "edge_token_only": None,
    "edge_token_logged": None,
    "edge_policy_only": TOKEN_TARGET,
    "edge_signature_policy_only": SIGNATURE_TARGET,
}


def variant_bootstrap(edge_admin_port: int, variant: str, workdir: Path) -> dict[str, Any]:
    """The running edge's channel listener, routes and clusters, with some of its parts left out.

    Taken from the edge's own /config_dump, so what is kept is exactly what the edge runs.
    `VARIANT_FILTERS` names the HTTP filters each variant keeps (None: all of them); only the
    variants in `LOGGED_VARIANTS` keep the access logs, their file log written in `workdir`
    and their gRPC log streamed to the same monitor.
    """
    url = f"http://{LOOPBACK}:{edge_admin_port}/config_dump"
    with urllib.request.urlopen(url, timeout=10) as response:
        dump = json.load(response)
    by_type = {config["@type"].rsplit(".", 1)[-1]: config for config in dump["configs"]}
    (listener,) = [
        entry["active_state"]["listener"]
        for entry in by_type["ListenersConfigDump"].get("dynamic_listeners", [])
        if entry["name"] == CHANNEL_LISTENER
    ]
    (routes,) = [
        entry["route_config"]
        for entry in by_type["RoutesConfigDump"].get("dynamic_route_configs", [])
        if entry["route_config"]["name"] == CHANNEL_LISTENER
    ]
    clusters = [
        entry["cluster"]
        for key in ("static_clusters", "dynamic_active_clusters")
        for entry in by_type["ClustersConfigDump"].get(key, [])
        if entry["cluster"]["name"] != XDS_CLUSTER
    ]
    # The dump names each resource's type; a bootstrap knows it from the position.
    listener, routes, clusters = (
        _untyped(listener),
        _untyped(routes),
        [_untyped(cluster) for cluster in clusters],
    )
    listener["name"] = variant
    listener["address"]["socket_address"]["port_value"] = 0
    manager = listener["filter_chains"][0]["filters"][0]["typed_config"]
    manager.pop("rds", None)
    manager["route_config"] = routes
    if variant in LOGGED_VARIANTS:
        for logger in manager["access_log"]:
            if "path" in logger["typed_config"]:
                logger["typed_config"]["path"] = str(workdir / f"{variant}-access.log")
    else:
        manager.pop("access_log", None)
    kept = VARIANT_FILTERS[variant]
    if kept is not None:
        manager["http_filters"] = [f for f in manager["http_filters"] if f["name"] in kept]
        if kept == {ROUTER_FILTER}:
            manager.pop("local_reply_config", None)
        for host in routes["virtual_hosts"]:
            for scope in (host, *host["routes"]):
                per_filter = scope.pop("typed_per_filter_config", {})
                per_filter = {name: c for name, c in per_filter.items() if name in kept}
                if per_filter:
                    scope["typed_per_filter_config"] = per_filter
    return {
        "admin": {"address": {"socket_address": {"address": LOOPBACK, "port_value": 0}}},
        "static_resources": {"listeners": [listener], "clusters": clusters},
    }


def _untyped(resource: Mapping[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(resource))
    copied.pop("@type", None)
    return copied


@contextmanager
def running_platform(data_dir: Path) -> Iterator[LocalPlatform]:
    """The five services, console server and HIS simulator; stopped when the block ends."""
    platform = LocalPlatform(LocalOptions(data_dir=data_dir, ephemeral=True, seed_demo=False))
    try:
        platform.start_backends()
        yield platform
    finally:
        platform.stop()


def register_channel_api(platform: LocalPlatform, upstream_port: int) -> Credentials:
    """A channel with a token and a signature credential, and the API on the fast upstream."""
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        channels = idg.ChannelServiceStub(identity)
        channel = channels.CreateChannel(
            idp.CreateChannelRequest(
                channel=idp.Channel(
                    code="bench-app", name="压测渠道", type=idp.CHANNEL_TYPE_HOSPITAL_APP
                )
            ),
            metadata=admin,
            timeout=10,
        ).channel
        issued = {
            kind: channels.CreateChannelCredential(
                idp.CreateChannelCredentialRequest(channel_id=channel.channel_id, kind=kind),
                metadata=admin,
                timeout=10,
            )
            for kind in (idp.CREDENTIAL_KIND_TOKEN, idp.CREDENTIAL_KIND_SIGNATURE)
        }
        catalog = rg.CatalogServiceStub(registry)
        upstream = catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="bench-his",
                    endpoints=[rp.Endpoint(host=LOOPBACK, port=upstream_port)],
                    protocol=rp.UPSTREAM_PROTOCOL_HTTP1,
                )
            ),
            metadata=admin,
            timeout=10,
        ).upstream
        service = catalog.CreateApiService(
            rp.CreateApiServiceRequest(
                api_service=rp.ApiService(
                    code=API_CODE,
                    name="医生详情",
                    category="master_data",
                    method=rp.HTTP_METHOD_GET,
                    path=API_PATH,
                    upstream_id=upstream.upstream_id,
                    upstream_path=UPSTREAM_PATH,
                )
            ),
            metadata=admin,
            timeout=10,
        ).api_service
        grant(registry, admin, channel.channel_id, channel.code, service.api_service_id)
        catalog.PublishApiService(
            rp.PublishApiServiceRequest(api_service_id=service.api_service_id),
            metadata=admin,
            timeout=10,
        )
    token, signature = issued[idp.CREDENTIAL_KIND_TOKEN], issued[idp.CREDENTIAL_KIND_SIGNATURE]
    return Credentials(
        channel_id=channel.channel_id,
        token=(token.credential.client_id, token.client_secret),
        signature=(signature.credential.client_id, signature.client_secret),
    )


@dataclass(frozen=True)
class Credentials:
    """The bench channel, and client id and secret of its two credentials."""

    channel_id: str
    token: tuple[str, str]
    signature: tuple[str, str]


# wrk sends each signed request once: a signature is good for one nonce. Each wrk thread takes
# every n-th line of the file, so no two threads send the same one.
_SIGNED_REQUESTS_LUA = """
local threads = 0
function setup(thread)
  thread:set("offset", threads)
  threads = threads + 1
end
function init(args)
  signed = {}
  for line in io.lines("%(headers)s") do signed[#signed + 1] = line end
  index = offset + 1
  step = %(threads)d
end
function request()
  local authorization = signed[index] or "exhausted: generate more signed requests"
  index = index + step
  return wrk.format("GET", "%(path)s", {["Authorization"] = authorization})
end
"""
# More signed requests per second of load than any target here serves.
SIGNED_REQUESTS_PER_SECOND = 12_000


def signed_requests_script(
    directory: Path, label: str, client: tuple[str, str], seconds: int, threads: int
) -> Path:
    """A wrk script sending freshly signed requests, one nonce each, for `seconds` of load."""
    client_id, secret = client
    headers = directory / f"signed-{label}.txt"
    count = (seconds + 2) * SIGNED_REQUESTS_PER_SECOND
    with headers.open("w", encoding="ascii") as out:
        for _ in range(count):
            out.write(authorization_header(client_id, secret, "GET", EDGE_REQUEST_PATH) + "\n")
    script = directory / f"signed-{label}.lua"
    script.write_text(
        _SIGNED_REQUESTS_LUA % {"headers": headers, "threads": threads, "path": EDGE_REQUEST_PATH},
        encoding="utf-8",
    )
    return script


def _http(
    method: str, url: str, headers: Mapping[str, str], body: bytes | None = None
) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers))
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def channel_token(edge_url: str, client_id: str, client_secret: str) -> str:
    """An access token from the edge's OAuth2 endpoint (client credentials grant)."""
    form = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        }
    )
    status, body = _http(
        "POST",
        f"{edge_url}/oauth2/token",
        {"content-type": "application/x-www-form-urlencoded"},
        form.encode(),
    )
    if status != 200:
        raise BenchFailed(f"the edge refused the channel's credential: {status} {body[:300]!r}")
    return str(json.loads(body)["access_token"])


PUBLISH_PROBES = 5


def publish_to_effective_seconds(
    platform: LocalPlatform, credentials: Credentials, token: str, edge_url: str
) -> list[float]:
    """Seconds from PublishApiService returning to the edge answering the new API, per probe.

    Each probe is a new API service granted to the bench channel; the clock starts when the
    publish call returns and stops at the first 200 through the edge (polled every 20 ms).
    """
    timings = []
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        catalog = rg.CatalogServiceStub(registry)
        (upstream,) = [
            u
            for u in catalog.ListUpstreams(rp.ListUpstreamsRequest(), metadata=admin).upstreams
            if u.name == "bench-his"
        ]
        for probe in range(PUBLISH_PROBES):
            service = catalog.CreateApiService(
                rp.CreateApiServiceRequest(
                    api_service=rp.ApiService(
                        code=f"bench.probe{probe}",
                        name=f"发布探针 {probe}",
                        category="master_data",
                        method=rp.HTTP_METHOD_GET,
                        path=f"/v1/probe{probe}/{{doctor_code}}",
                        upstream_id=upstream.upstream_id,
                        upstream_path=UPSTREAM_PATH,
                    )
                ),
                metadata=admin,
                timeout=10,
            ).api_service
            grant(registry, admin, credentials.channel_id, "bench-app", service.api_service_id)
            url = f"{edge_url}/v1/probe{probe}/D100101"
            headers = {"Authorization": f"Bearer {token}"}
            catalog.PublishApiService(
                rp.PublishApiServiceRequest(api_service_id=service.api_service_id),
                metadata=admin,
                timeout=10,
            )
            started = time.monotonic()
            while _http("GET", url, headers)[0] != 200:
                if time.monotonic() - started > 30:
                    raise BenchFailed(f"the published API {url} was not served within 30 s")
                time.sleep(0.02)
            timings.append(time.monotonic() - started)
    return timings


def check_answers_with_upstream_body(target: Target, headers: Mapping[str, str]) -> None:
    """One request: the target must answer 200 with the upstream's body, or nothing is measured."""
    status, body = _http("GET", target.url, headers)
    if status != 200 or body.decode("utf-8", "replace") != UPSTREAM_BODY:
        raise BenchFailed(
            f"{target.name} ({target.url}) answered {status} {body[:300]!r}, not the upstream's "
            "200: a benchmark of error responses is worthless"
        )


def successful_call_count(platform: LocalPlatform) -> Callable[[], int]:
    """Reads how many successful calls monitor has stored, through its gRPC API as an admin.

    Successes only, to compare with the edge's own count of its 2xx answers: the requests wrk
    cuts off when it stops are logged too, with status 0.
    """
    with platform.grpc_channel("identity") as identity:
        admin = admin_metadata(identity)
    first_day: int | None = None

    def count() -> int:
        nonlocal first_day
        with platform.grpc_channel("monitor") as monitor:
            overview = traffic_pb2_grpc.TrafficServiceStub(monitor).GetTrafficOverview(
                traffic_pb2.GetTrafficOverviewRequest(), metadata=admin, timeout=10
            )
        day = overview.day_start_time.seconds
        if first_day is None:
            first_day = day
        elif day != first_day:
            raise BenchFailed("the day changed while measuring (monitor counts per day): run again")
        return int(overview.today_success_calls)

    return count


def edge_success_count(admin_port: int) -> int:
    """How many 2xx responses the edge's channel listener has sent, from Envoy's own counter."""
    stat = "http.channel.downstream_rq_2xx"
    query = urllib.parse.urlencode({"filter": f"^{re.escape(stat)}$", "format": "json"})
    with urllib.request.urlopen(
        f"http://{LOOPBACK}:{admin_port}/stats?{query}", timeout=5
    ) as response:
        stats = json.load(response)["stats"]
    values = [entry["value"] for entry in stats if entry.get("name") == stat]
    if not values:
        raise BenchFailed(f"the edge has no {stat} counter: did its stat prefix change?")
    return int(values[0])


def settled(count: Callable[[], int]) -> tuple[int, bool]:
    """The count once it has stopped moving, and whether it did within the time allowed."""
    deadline = time.monotonic() + ACCESS_LOG_SETTLE_TIMEOUT
    last, last_change = count(), time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(0.25)
        current = count()
        if current != last:
            last, last_change = current, time.monotonic()
        elif time.monotonic() - last_change >= ACCESS_LOG_QUIET_SECONDS:
            return last, True
    return last, False


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_checked(
    target: Target,
    label: str,
    seconds: int,
    settings: LoadSettings,
    headers: Mapping[str, str],
    raw_dir: Path,
    script: Path | None = None,
) -> WrkResult:
    """One wrk run, which must be free of error responses and socket errors."""
    _log(f"  {target.name}: {label} run, {seconds} s")
    result = run_wrk(
        target.url,
        settings,
        seconds=seconds,
        headers=headers,
        raw_output=raw_dir / f"{target.name}-{label}.txt",
        script=script,
    )
    problems = result.problems()
    if problems:
        raise BenchFailed(
            f"{target.name} ({target.url}), {label} run: {'; '.join(problems)} "
            f"(wrk's report is in {raw_dir})"
        )
    return result


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (Linux /proc)."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    # The fields after the command name (which may hold spaces) start at the third, the state;
    # utime and stime are the 14th and 15th.
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def cpu_used(processes: Mapping[str, Child], into: dict[str, float]) -> Iterator[None]:
    """Records in `into` the CPU seconds each process used while the block ran."""
    before = {name: cpu_seconds(child.process.pid) for name, child in processes.items()}
    yield
    for name, child in processes.items():
        into[name] = cpu_seconds(child.process.pid) - before[name]


@dataclass(frozen=True)
class Measured:
    """A target as the rounds measure it: the processes whose CPU counts, a warm-up, a run."""

    name: str
    processes: Mapping[str, Child]
    warm_up: Callable[[], object]
    run_once: Callable[[], WrkResult]


def measure_rounds(
    settings: LoadSettings,
    targets: Sequence[Measured],
    cpu: Mapping[str, dict[str, float]],
) -> dict[str, WrkResult]:
    """Each target warmed up once, then `settings.repeats` rounds measuring every target in
    turn; for each target the run with the median requests/s, and in `cpu[name]` the CPU its
    processes used during that run.

    On a shared two-core machine a burst of other work (a timer in a service, the kernel) can
    land in any one run, and the machine itself drifts by a tenth over minutes: rounds put each
    target's runs beside its baseline's, and the median does not move with one burst.
    """
    for target in targets:
        target.warm_up()
    runs: dict[str, list[tuple[WrkResult, dict[str, float]]]] = {t.name: [] for t in targets}
    for _ in range(settings.repeats):
        for target in targets:
            used: dict[str, float] = {}
            with cpu_used(target.processes, used):
                result = target.run_once()
            runs[target.name].append((result, used))
    medians: dict[str, WrkResult] = {}
    for name, measured in runs.items():
        measured.sort(key=lambda run: run[0].requests_per_second)
        medians[name], used = measured[len(measured) // 2]
        if name in cpu:
            cpu[name].update(used)
    return medians


def warm_up(
    target: Target, settings: LoadSettings, headers: Mapping[str, str], raw_dir: Path
) -> None:
    """Loads the target briefly before it is measured."""
    if settings.warmup_seconds:
        run_checked(target, "warm-up", settings.warmup_seconds, settings, headers, raw_dir)


def measure_edge(settings: LoadSettings, raw_dir: Path, workdir: Path) -> EdgeMeasurement:
    """Starts the upstream, bare Envoy and the whole platform, measures, and stops them all."""
    with ExitStack() as running:
        _log("starting the fast upstream, bare Envoy and the platform")
        upstream_envoy = running.enter_context(
            running_envoy(
                "upstream",
                build_direct_response_bootstrap(
                    BindAddress(LOOPBACK, 0),
                    0,
                    body=UPSTREAM_BODY,
                    content_type="application/json",
                ),
                concurrency=1,
                workdir=workdir,
            )
        )
        upstream_port = upstream_envoy.port
        bare_envoy = running.enter_context(
            running_envoy(
                "bare",
                build_bare_proxy_bootstrap(
                    BindAddress(LOOPBACK, 0),
                    0,
                    Upstream("bench-his", (Endpoint(LOOPBACK, upstream_port),)),
                ),
                concurrency=2,
                workdir=workdir,
            )
        )
        platform = running.enter_context(running_platform(workdir / "platform"))
        credentials = register_channel_api(platform, upstream_port)
        platform.start_edge()
        platform.wait_until_edge_knows(credentials.channel_id)
        edge_url = f"http://{LOOPBACK}:{platform.channel_port}"
        token = channel_token(edge_url, *credentials.token)
        # Every target gets the same request headers, the channel's token included.
        headers = {"Authorization": f"Bearer {token}"}
        upstream = Target("upstream", f"http://{LOOPBACK}:{upstream_port}{UPSTREAM_REQUEST_PATH}")
        bare = Target("bare", f"http://{LOOPBACK}:{bare_envoy.port}{UPSTREAM_REQUEST_PATH}")
        edge = Target("edge", f"{edge_url}{EDGE_REQUEST_PATH}")

        # Nothing is measured unless every target answers with the upstream's body.
        for target in (upstream, bare, edge):
            check_answers_with_upstream_body(target, headers)
        cpu: dict[str, dict[str, float]] = {name: {} for name in CPU_MEASURED}
        edge_processes = {"envoy": platform.children["envoy"]}
        identity = platform.children["identity"]

        def plain(target: Target, processes: Mapping[str, Child]) -> Measured:
            """A target sent the same request with the channel's token each time."""
            return Measured(
                target.name,
                processes,
                functools.partial(warm_up, target, settings, headers, raw_dir),
                functools.partial(
                    run_checked, target, "measured", settings.seconds, settings, headers, raw_dir
                ),
            )

        def signed(target: Target, processes: Mapping[str, Child]) -> Measured:
            """A target sent signed requests, each signed afresh (a nonce is good once)."""
            check_answers_with_upstream_body(
                target,
                {
                    "Authorization": authorization_header(
                        *credentials.signature, "GET", EDGE_REQUEST_PATH
                    )
                },
            )

            def script(label: str, seconds: int) -> Path:
                return signed_requests_script(
                    workdir,
                    f"{target.name}-{label}",
                    credentials.signature,
                    seconds,
                    settings.threads,
                )

            def warm() -> None:
                if settings.warmup_seconds:
                    warm_script = script("warm-up", settings.warmup_seconds)
                    run_checked(
                        target,
                        "warm-up",
                        settings.warmup_seconds,
                        settings,
                        {},
                        raw_dir,
                        warm_script,
                    )

            def run() -> WrkResult:
                measured_script = script("measured", settings.seconds)
                return run_checked(
                    target, "measured", settings.seconds, settings, {}, raw_dir, measured_script
                )

            return Measured(target.name, processes, warm, run)

        def variant_envoy(variant: str) -> tuple[Target, Child]:
            """A variant of the edge (VARIANT_FILTERS) in an Envoy of its own."""
            name = VARIANT_TARGETS[variant]
            envoy = running.enter_context(
                running_envoy(
                    name,
                    variant_bootstrap(platform.admin_port, variant, workdir),
                    concurrency=2,
                    workdir=workdir,
                )
            )
            target = Target(name, f"http://{LOOPBACK}:{envoy.port}{EDGE_REQUEST_PATH}")
            check_answers_with_upstream_body(target, headers)
            return target, envoy.child

        # Rounds of what logs nothing: the upstream, bare Envoy, and the edge taken apart, every
        # check included, tokens and signatures. They go first, while monitor has nothing to
        # store (storing a run's access log costs monitor CPU for a while after it, which
        # belongs to the runs that log).
        rounds = [plain(upstream, {}), plain(bare, {"envoy": bare_envoy.child})]
        for variant in VARIANT_TARGETS:
            if variant in LOGGED_VARIANTS:
                continue
            target, envoy_child = variant_envoy(variant)
            rounds.append(plain(target, {"envoy": envoy_child}))
            if variant == "checks":
                # Signed requests through every check, without the access logs.
                rounds.append(
                    signed(
                        Target("edge_signature_policy_only", target.url),
                        {"envoy": envoy_child, "identity": identity},
                    )
                )
        measured = measure_rounds(settings, rounds, cpu)

        # Monitor counts every call of the day: the token request and the warm-up too.
        warm_up(edge, settings, headers, raw_dir)
        count = successful_call_count(platform)
        stored_before, _ = settled(count)
        answered_before = edge_success_count(platform.admin_port)
        whole_edge = plain(edge, edge_processes)
        measured |= measure_rounds(settings, [replace(whole_edge, warm_up=lambda: None)], cpu)
        edge_result = measured["edge"]
        _log("  waiting for monitor to store the edge's access log")
        stored_after, caught_up = settled(count)
        # Read once the log has settled: requests in flight when wrk stopped finish after it.
        # wrk does not count their responses, so the edge's own count of what it answered is
        # the number of access-log entries to expect.
        answered = edge_success_count(platform.admin_port) - answered_before
        if answered <= 0:
            raise BenchFailed("the edge's counter shows no 2xx answer during the measured runs")
        _log(f"  edge: the edge answered {answered} requests in its measured runs")

        _log("  registry: publish → effective at the edge")
        publish_seconds = publish_to_effective_seconds(platform, credentials, token, edge_url)

        for variant in VARIANT_TARGETS:
            if variant in LOGGED_VARIANTS:
                target, envoy_child = variant_envoy(variant)
                measured |= measure_rounds(settings, [plain(target, {"envoy": envoy_child})], cpu)
        # The same API called with signed requests: identity verifies each (ext_authz), so
        # its CPU counts too.
        measured |= measure_rounds(
            settings,
            [signed(Target("edge_signature", edge.url), {**edge_processes, "identity": identity})],
            cpu,
        )
        return EdgeMeasurement(
            upstream=measured["upstream"],
            bare=measured["bare"],
            edge=edge_result,
            edge_signature=measured["edge_signature"],
            edge_policy_only=measured["edge_policy_only"],
            bare_routes=measured["bare_routes"],
            edge_token_only=measured["edge_token_only"],
            edge_token_logged=measured["edge_token_logged"],
            edge_signature_policy_only=measured["edge_signature_policy_only"],
            publish_seconds=tuple(publish_seconds),
            edge_answered=answered,
            access_log_rows_stored=stored_after - stored_before,
            access_log_settled=caught_up,
            cpu_seconds=cpu,
        )


def edge_figures(result: EdgeMeasurement, measured_at: str, machine: str) -> list[Figure]:
    """The figures of one edge measurement, each beside its baseline from the same run."""

    def figure(
        name: str,
        value: float,
        unit: str,
        baseline: float | None,
        digits: int | None,
        target: float | None = None,
        ceiling: float | None = None,
    ) -> Figure:
        return Figure(
            name=name,
            value=round(value, digits),
            unit=unit,
            baseline=None if baseline is None else round(baseline, digits),
            ratio=None if baseline is None else ratio(value, baseline),
            target=target,
            measured_at=measured_at,
            machine=machine,
            ceiling=ceiling,
        )

    upstream, bare, edge = result.upstream, result.bare, result.edge
    signed = result.edge_signature
    stored, sent = result.access_log_rows_stored, result.edge_answered
    return [
        figure("upstream.requests_per_second", upstream.requests_per_second, "requests/s", None, 1),
        figure("upstream.p99_latency_ms", upstream.p99_latency_ms, "ms", None, 3),
        figure(
            "bare.requests_per_second",
            bare.requests_per_second,
            "requests/s",
            upstream.requests_per_second,
            1,
        ),
        figure("bare.p99_latency_ms", bare.p99_latency_ms, "ms", upstream.p99_latency_ms, 3),
        figure(
            "edge.requests_per_second",
            edge.requests_per_second,
            "requests/s",
            bare.requests_per_second,
            1,
            TOKEN_TARGET,
        ),
        figure("edge.p99_latency_ms", edge.p99_latency_ms, "ms", bare.p99_latency_ms, 3),
        figure(
            "edge_signature.requests_per_second",
            signed.requests_per_second,
            "requests/s",
            bare.requests_per_second,
            1,
            SIGNATURE_TARGET,
        ),
        figure(
            "edge_signature.p99_latency_ms", signed.p99_latency_ms, "ms", bare.p99_latency_ms, 3
        ),
        *(
            figure(
                f"{name}.{measure}",
                getattr(getattr(result, name), attribute),
                unit,
                getattr(bare, attribute),
                digits,
                goal,
            )
            for name, target in TAKEN_APART.items()
            for measure, attribute, unit, digits, goal in (
                ("requests_per_second", "requests_per_second", "requests/s", 1, target),
                ("p99_latency_ms", "p99_latency_ms", "ms", 3, None),
            )
        ),
        figure(
            "edge_vs_bare_routes.requests_per_second",
            edge.requests_per_second,
            "requests/s",
            result.bare_routes.requests_per_second,
            1,
            TOKEN_TARGET,
        ),
        figure(
            "edge_signature_vs_bare_routes.requests_per_second",
            signed.requests_per_second,
            "requests/s",
            result.bare_routes.requests_per_second,
            1,
            SIGNATURE_TARGET,
        ),
        *(
            [
                figure(
                    "registry.publish_to_edge_seconds_max",
                    max(result.publish_seconds),
                    "s",
                    None,
                    3,
                    ceiling=PUBLISH_CEILING_SECONDS,
                )
            ]
            if result.publish_seconds
            else []
        ),
        *cpu_figures(result, figure),
        figure("edge.access_log_rows_stored", stored, "requests", sent, None),
        figure("edge.access_log_completeness", stored / sent, "ratio", None, 4),
    ]


def requests_per_cpu_second(result: EdgeMeasurement, target: str) -> float:
    """A target's completed requests per second of CPU its enforcing processes used."""
    run: WrkResult = getattr(result, target)
    used = sum(result.cpu_seconds[target].values())
    if used <= 0:
        raise BenchFailed(f"{target}: no CPU time recorded for its processes")
    return run.requests / used


def cpu_figures(result: EdgeMeasurement, figure: Callable[..., Figure]) -> list[Figure]:
    """Each target's requests per CPU-second beside bare Envoy's: what the edge's work costs
    the proxy.

    For reading, not judged: the targets are the requests/s ratios the identity issue names.
    On a machine's shared virtual CPUs the CPU time a process is charged grows with what runs
    beside it (a sibling hyperthread, the cache), so these move by more than the work done: in
    one run the token check with both access logs measured 0.85 of bare Envoy per CPU-second,
    the same check without them 0.78.
    """
    bare = requests_per_cpu_second(result, "bare")
    return [
        figure("bare.requests_per_cpu_second", bare, "requests/CPU-s", None, 1),
        *(
            figure(
                f"{name}.requests_per_cpu_second",
                requests_per_cpu_second(result, name),
                "requests/CPU-s",
                bare,
                1,
            )
            for name in ("edge", "edge_signature", *TAKEN_APART)
        ),
    ]


# What each figure's baseline is, for the printed table.
BASELINE_NAMES = {
    "bare.requests_per_second": "upstream",
    "bare.p99_latency_ms": "upstream",
    "edge.requests_per_second": "bare Envoy",
    "edge.p99_latency_ms": "bare Envoy",
    "edge_signature.requests_per_second": "bare Envoy",
    "edge_signature.p99_latency_ms": "bare Envoy",
    **{
        f"{name}.{measure}": "bare Envoy"
        for name in TAKEN_APART
        for measure in ("requests_per_second", "p99_latency_ms", "requests_per_cpu_second")
    },
    "edge_vs_bare_routes.requests_per_second": "bare Envoy, edge's routes",
    "edge_signature_vs_bare_routes.requests_per_second": "bare Envoy, edge's routes",
    "edge.requests_per_cpu_second": "bare Envoy",
    "edge_signature.requests_per_cpu_second": "bare Envoy (edge Envoy + identity)",
    "edge.access_log_rows_stored": "2xx sent by the edge",
    "registry.snapshot_build_seconds": "no channel rules",
    "console.api_service_list_p95_ms": "50 API services",
}


def run_edge_benchmark(
    settings: LoadSettings, raw_dir: Path, measured_at: str, machine: str
) -> tuple[list[Figure], EdgeMeasurement]:
    """The edge benchmark in a scratch directory, kept when something failed."""
    workdir = Path(tempfile.mkdtemp(prefix="wailian-bench-"))
    keep = False
    try:
        result = measure_edge(settings, raw_dir, workdir)
    except Exception:
        keep = True
        _log(f"the processes' logs and configuration are kept in {workdir}")
        raise
    finally:
        if not keep:
            shutil.rmtree(workdir, ignore_errors=True)
    return edge_figures(result, measured_at, machine), result
