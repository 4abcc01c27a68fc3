"""The console's API service list at hospital scale: 5,000 API services, read through the edge.

What staff wait for when they open the API services page, search it or filter it by category:
`GET /api/registry/v1/api-services` on the console listener (Envoy's gRPC-JSON transcoding to
registry). The same requests are measured first with 50 services — the baseline from the same
run — then with 5,000.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import grpc

from bench.edge import running_platform
from bench.results import Figure, ratio
from deploy.local.demo import admin_metadata
from deploy.local.launcher import LocalPlatform
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

SERVICES = 5_000
BASELINE_SERVICES = 50
REQUESTS_PER_KIND = 100
CEILING_MS = 100.0
CATEGORIES = ("appointment", "outpatient_payment", "report", "inpatient", "patient", "master_data")
# What the page asks for: the first page, a search by name or code, a category filter.
LIST_REQUESTS = (
    "/api/registry/v1/api-services?page_size=20",
    "/api/registry/v1/api-services?page_size=20&query=%E6%8E%A5%E5%8F%A3%2042",
    "/api/registry/v1/api-services?page_size=20&category=report",
)


def _log(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


def _create_services(
    platform: LocalPlatform,
    admin: Sequence[tuple[str, str]],
    upstream_id: str,
    numbers: range,
) -> None:
    with platform.grpc_channel("registry") as registry:
        catalog = rg.CatalogServiceStub(registry)

        def create(number: int) -> None:
            catalog.CreateApiService(
                rp.CreateApiServiceRequest(
                    api_service=rp.ApiService(
                        code=f"bench.api{number:05d}",
                        name=f"接口 {number}",
                        category=CATEGORIES[number % len(CATEGORIES)],
                        method=rp.HTTP_METHOD_GET,
                        path=f"/v1/bench/api{number:05d}/{{id}}",
                        upstream_id=upstream_id,
                    )
                ),
                metadata=admin,
                timeout=30,
            )

        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(create, numbers))


def _p95_ms(console_port: int, token: str) -> float:
    """p95 of the page's requests, one kept-alive connection as a browser tab has."""
    connection = http.client.HTTPConnection("127.0.0.1", console_port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    timings = []
    try:
        for round_number in range(REQUESTS_PER_KIND + 5):
            for path in LIST_REQUESTS:
                started = time.perf_counter()
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                if response.status != 200:
                    raise RuntimeError(f"GET {path} answered {response.status}: {body[:200]!r}")
                if not json.loads(body).get("apiServices"):
                    raise RuntimeError(f"GET {path} listed no API services")
                if round_number >= 5:  # the first rounds warm the connection and caches
                    timings.append(elapsed * 1000)
    finally:
        connection.close()
    return statistics.quantiles(timings, n=100)[94]


def console_list_figures(measured_at: str, machine: str) -> list[Figure]:
    workdir = Path(tempfile.mkdtemp(prefix="wailian-bench-console-"))
    try:
        with running_platform(workdir / "platform") as platform:
            platform.start_edge()
            with platform.grpc_channel("identity") as identity:
                admin = admin_metadata(identity)
            token = admin[0][1].removeprefix("Bearer ")
            with platform.grpc_channel("registry") as registry:
                upstream = (
                    rg.CatalogServiceStub(registry)
                    .CreateUpstream(
                        rp.CreateUpstreamRequest(
                            upstream=rp.Upstream(
                                name="bench-his",
                                endpoints=[rp.Endpoint(host="127.0.0.1", port=platform.his_port)],
                                protocol=rp.UPSTREAM_PROTOCOL_HTTP1,
                            )
                        ),
                        metadata=admin,
                        timeout=10,
                    )
                    .upstream
                )
            _create_services(platform, admin, upstream.upstream_id, range(BASELINE_SERVICES))
            baseline = _p95_ms(platform.console_port, token)
            _log(f"{BASELINE_SERVICES} services: p95 {baseline:.1f} ms; creating {SERVICES:,}")
            _create_services(
                platform, admin, upstream.upstream_id, range(BASELINE_SERVICES, SERVICES)
            )
            value = _p95_ms(platform.console_port, token)
    except grpc.RpcError as error:
        raise RuntimeError(f"console benchmark: registry refused: {error.details()}") from None
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return [
        Figure(
            name="console.api_service_list_p95_ms",
            value=round(value, 2),
            unit="ms",
            baseline=round(baseline, 2),
            ratio=ratio(value, baseline),
            target=None,
            measured_at=measured_at,
            machine=machine,
            ceiling=CEILING_MS,
        )
    ]
