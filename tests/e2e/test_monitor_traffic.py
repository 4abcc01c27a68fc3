"""Issue 5: mixed traffic through the real Envoy appears exactly in monitor, and none is lost."""

from __future__ import annotations

import http.client
import json
import signal
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

from deploy.local.demo import admin_metadata, grant
from deploy.local.launcher import LocalOptions, LocalPlatform
from tests.e2e.conftest import start_local_platform
from tests.support import eventually, http_json
from wailian.identity.v1 import identity_pb2 as idp
from wailian.identity.v1 import identity_pb2_grpc as idg
from wailian.monitor.v1 import logs_pb2, logs_pb2_grpc, statistics_pb2, statistics_pb2_grpc
from wailian.monitor.v1 import traffic_pb2 as tp
from wailian.monitor.v1 import traffic_pb2_grpc as tg
from wailian.registry.v1 import catalog_pb2 as rp
from wailian.registry.v1 import catalog_pb2_grpc as rg

pytestmark = pytest.mark.e2e

ID_CARD = "110101199003074518"


@pytest.fixture(params=["sqlite", "postgres"])
def platform(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LocalPlatform]:
    """The platform's processes with monitor reconciling the file log every half second."""
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_SECONDS", "0.5")
    monkeypatch.setenv("WAILIAN_MONITOR_RECONCILE_GRACE_SECONDS", "0")
    options = LocalOptions(data_dir=tmp_path / "var", ephemeral=True, seed_demo=False)
    if request.param == "postgres":
        options.database_urls = request.getfixturevalue("postgres_databases")
        options.redis_url = request.getfixturevalue("redis_url")
    yield from start_local_platform(options, edge=False)


@dataclass
class Channel:
    code: str
    channel_id: str
    token: str = ""


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def set_up(platform: LocalPlatform) -> tuple[list[Channel], dict[str, str]]:
    """Two channels with credentials; three published services, one on a dead upstream."""
    channels: list[Channel] = []
    secrets: dict[str, tuple[str, str]] = {}
    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("registry") as registry,
    ):
        admin = admin_metadata(identity)
        stub = idg.ChannelServiceStub(identity)
        for code, kind in (
            ("kiosk-1", idp.CHANNEL_TYPE_SELF_SERVICE_KIOSK),
            ("wechat-1", idp.CHANNEL_TYPE_WECHAT_MINI_PROGRAM),
        ):
            created = stub.CreateChannel(
                idp.CreateChannelRequest(channel=idp.Channel(code=code, name=code, type=kind)),
                metadata=admin,
            ).channel
            issued = stub.CreateChannelCredential(
                idp.CreateChannelCredentialRequest(
                    channel_id=created.channel_id, kind=idp.CREDENTIAL_KIND_TOKEN
                ),
                metadata=admin,
            )
            channels.append(Channel(code, created.channel_id))
            secrets[code] = (issued.credential.client_id, issued.client_secret)
        catalog = rg.CatalogServiceStub(registry)
        his = catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="his", endpoints=[rp.Endpoint(host="127.0.0.1", port=platform.his_port)]
                )
            ),
            metadata=admin,
        ).upstream
        dead = catalog.CreateUpstream(
            rp.CreateUpstreamRequest(
                upstream=rp.Upstream(
                    name="lis", endpoints=[rp.Endpoint(host="127.0.0.1", port=_closed_port())]
                )
            ),
            metadata=admin,
        ).upstream
        for code, path, upstream, upstream_path in (
            (
                "master.doctor.get",
                "/v1/doctors/{doctor_code}",
                his,
                "/his/v1/doctors/{doctor_code}",
            ),
            ("master.department.list", "/v1/departments", his, "/his/v1/departments"),
            ("lis.report.get", "/v1/reports/{report_id}", dead, "/lis/v1/reports/{report_id}"),
        ):
            service = catalog.CreateApiService(
                rp.CreateApiServiceRequest(
                    api_service=rp.ApiService(
                        code=code,
                        name=code,
                        category="other",
                        method=rp.HTTP_METHOD_GET,
                        path=path,
                        upstream_id=upstream.upstream_id,
                        upstream_path=upstream_path,
                    )
                ),
                metadata=admin,
            ).api_service
            catalog.PublishApiService(
                rp.PublishApiServiceRequest(api_service_id=service.api_service_id), metadata=admin
            )
            for channel in channels:
                grant(registry, admin, channel.channel_id, channel.code, service.api_service_id)
    platform.start_edge()
    platform.wait_until_edge_knows(*(channel.channel_id for channel in channels))
    edge = f"http://127.0.0.1:{platform.channel_port}"
    for channel in channels:
        client_id, secret = secrets[channel.code]
        status, _, token = http_json(
            "POST",
            f"{edge}/oauth2/token",
            body=f"grant_type=client_credentials&client_id={client_id}&client_secret={secret}".encode(),
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert status == 200, token
        channel.token = token["access_token"]
    return channels, {"edge": edge}


@dataclass(frozen=True)
class Sent:
    api: str
    channel_id: str
    status: int
    request_id: str


def call(edge: str, channel: Channel | None, path: str, api: str) -> Sent:
    headers = {"authorization": f"Bearer {channel.token}"} if channel else {}
    status, response_headers, _ = http_json("GET", f"{edge}{path}", headers=headers)
    return Sent(
        api, channel.channel_id if channel else "", status, response_headers["x-request-id"]
    )


def mixed_traffic(edge: str, kiosk: Channel, wechat: Channel) -> list[Sent]:
    sent = [call(edge, kiosk, "/v1/doctors/D100101", "master.doctor.get") for _ in range(6)]
    sent += [call(edge, kiosk, "/v1/doctors/NOBODY", "master.doctor.get") for _ in range(2)]
    sent += [call(edge, wechat, "/v1/departments", "master.department.list") for _ in range(4)]
    sent += [call(edge, wechat, f"/v1/reports/{ID_CARD}", "lis.report.get") for _ in range(3)]
    sent += [call(edge, None, "/v1/departments", "master.department.list")]
    return sent


def test_mixed_traffic_through_the_edge_appears_exactly_in_monitor(platform) -> None:
    (kiosk, wechat), urls = set_up(platform)
    sent = mixed_traffic(urls["edge"], kiosk, wechat)
    assert Counter(s.status for s in sent) == {200: 10, 404: 2, 503: 3, 401: 1}
    # Two token calls went through the channel listener too.
    total = len(sent) + 2

    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("monitor") as monitor,
    ):
        admin = admin_metadata(identity)
        traffic = tg.TrafficServiceStub(monitor)

        def counted() -> tp.GetTrafficOverviewResponse | None:
            found = traffic.GetTrafficOverview(tp.GetTrafficOverviewRequest(), metadata=admin)
            return found if found.today_calls >= total else None

        overview = eventually(counted, what=f"monitor to count {total} calls")
        assert overview.today_calls == total == overview.cumulative_calls
        assert overview.today_success_calls == 12
        assert overview.today_client_error_calls == 3
        assert overview.today_server_error_calls == 3
        assert overview.today_success_share == pytest.approx(12 / total)
        assert overview.today_failure_share == pytest.approx(6 / total)
        assert [(r.api_service_code, r.calls) for r in overview.top_call_services][:3] == [
            ("master.doctor.get", 8),
            ("master.department.list", 5),
            ("lis.report.get", 3),
        ]
        assert [(r.api_service_code, r.failed_calls) for r in overview.top_failure_services] == [
            ("lis.report.get", 3),
            ("master.doctor.get", 2),
            ("master.department.list", 1),
        ]

        logs = logs_pb2_grpc.AccessLogServiceStub(monitor)
        for one in sent:
            found = logs.GetAccessLog(
                logs_pb2.GetAccessLogRequest(request_id=one.request_id), metadata=admin
            ).entry
            assert (found.api_service_code, found.channel_id, found.status_code) == (
                one.api,
                one.channel_id,
                one.status,
            )
        failed_report = logs.ListAccessLogs(
            logs_pb2.ListAccessLogsRequest(
                filter=logs_pb2.AccessLogFilter(
                    api_service_codes=["lis.report.get"], status_classes=[5]
                )
            ),
            metadata=admin,
        ).entries
        assert len(failed_report) == 3
        assert {e.outcome for e in failed_report} == {logs_pb2.CALL_OUTCOME_SERVER_ERROR}
        # The patient's ID card number in the path was masked before storage (the gRPC log
        # reports the path as rewritten for the upstream).
        assert {e.path.removeprefix("/lis") for e in failed_report} == {
            "/v1/reports/110101********4518"
        }

        statistics = statistics_pb2_grpc.StatisticsServiceStub(monitor)
        channels = statistics.ListChannelAccess(
            statistics_pb2.ListChannelAccessRequest(
                filter=statistics_pb2.UsageFilter(channel_ids=[kiosk.channel_id, wechat.channel_id])
            ),
            metadata=admin,
        )
        assert [
            (r.channel_code, r.metrics.calls, r.metrics.success_calls) for r in channels.rows
        ] == [("kiosk-1", 8, 6), ("wechat-1", 7, 4)]

    # The console reads the same overview through the console listener.
    console = f"http://127.0.0.1:{platform.console_port}"
    status, _, login = http_json(
        "POST",
        f"{console}/api/identity/v1/sessions:login",
        body=json.dumps({"username": "admin", "password": "Wailian@2026"}).encode(),
        headers={"content-type": "application/json"},
    )
    assert status == 200, login
    status, _, body = http_json(
        "GET",
        f"{console}/api/monitor/v1/traffic/overview",
        headers={"authorization": f"Bearer {login['accessToken']}"},
    )
    assert status == 200, body
    assert body["todayCalls"] == str(total)
    assert body["topCallServices"][0]["apiServiceCode"] == "master.doctor.get"


def test_calls_made_while_monitor_is_down_are_recovered_from_the_file_log(platform) -> None:
    (kiosk, wechat), urls = set_up(platform)
    edge = urls["edge"]
    before = [call(edge, kiosk, "/v1/departments", "master.department.list") for _ in range(5)]
    platform.children["monitor"].stop()
    during = [call(edge, wechat, "/v1/doctors/D100101", "master.doctor.get") for _ in range(7)]
    assert {s.status for s in before + during} == {200}
    # Restarted (on a new port, so Envoy's stream keeps failing): only the file log has them.
    platform._start_service("monitor")  # restart one child, as an operator would
    completed = len(before) + len(during) + 2  # and the two token calls

    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("monitor") as monitor,
    ):
        admin = admin_metadata(identity)
        traffic = tg.TrafficServiceStub(monitor)

        def recovered() -> tp.GetTrafficOverviewResponse | None:
            try:
                found = traffic.GetTrafficOverview(tp.GetTrafficOverviewRequest(), metadata=admin)
            except grpc.RpcError:
                return None
            return found if found.cumulative_calls >= completed else None

        overview = eventually(recovered, timeout=30, what="monitor to back-fill the lost calls")
        assert overview.cumulative_calls == completed
        assert overview.today_calls == completed
        logs = logs_pb2_grpc.AccessLogServiceStub(monitor)
        backfilled = [
            logs.GetAccessLog(
                logs_pb2.GetAccessLogRequest(request_id=s.request_id), metadata=admin
            ).entry.backfilled
            for s in during
        ]
        assert all(backfilled)


class Load:
    """A load generator: keep-alive connections calling one API until told to stop; counts
    every answer it got (what the edge completed and logged)."""

    def __init__(self, edge: str, channel: Channel, path: str, connections: int = 4) -> None:
        self.host, self.port = edge.removeprefix("http://").split(":")
        self.headers = {"authorization": f"Bearer {channel.token}"}
        self.path = path
        self.answered: Counter[int] = Counter()
        self._stop = threading.Event()
        self._lock = threading.Condition()
        self._threads = [threading.Thread(target=self._run) for _ in range(connections)]

    def _run(self) -> None:
        connection = http.client.HTTPConnection(self.host, int(self.port), timeout=10)
        while not self._stop.is_set():
            connection.request("GET", self.path, headers=self.headers)
            response = connection.getresponse()
            response.read()
            with self._lock:
                self.answered[response.status] += 1
                self._lock.notify_all()
        connection.close()

    def run_for(self, calls: int, timeout: float = 60.0) -> None:
        """Until the edge has answered `calls` more calls (a phase of the run)."""
        with self._lock:
            target = sum(self.answered.values()) + calls
            reached = self._lock.wait_for(
                lambda: sum(self.answered.values()) >= target, timeout=timeout
            )
        assert reached, f"the edge answered fewer than {calls} calls in {timeout:g} s"

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join()


def test_a_slowed_then_stopped_monitor_loses_nothing_under_load(platform) -> None:
    (kiosk, _), urls = set_up(platform)
    monitor = platform.children["monitor"]
    # Each phase lasts for a number of calls the edge answered, not for a time.
    with Load(urls["edge"], kiosk, "/v1/departments") as load:
        load.run_for(200)
        # Slowed: the process is frozen, so Envoy's gRPC log stream backs up and drops.
        monitor.process.send_signal(signal.SIGSTOP)
        load.run_for(300)
        monitor.process.send_signal(signal.SIGCONT)
        load.run_for(200)
        # Stopped: nothing receives the stream at all.
        monitor.stop()
        load.run_for(300)
        platform._start_service("monitor")  # an operator restarts it
        load.run_for(200)
    completed = sum(load.answered.values())
    assert load.answered[200] == completed >= 1200, load.answered

    with (
        platform.grpc_channel("identity") as identity,
        platform.grpc_channel("monitor") as channel,
    ):
        admin = admin_metadata(identity)
        statistics = statistics_pb2_grpc.StatisticsServiceStub(channel)

        def stored() -> int | None:
            try:
                usage = statistics.ListServiceUsage(
                    statistics_pb2.ListServiceUsageRequest(
                        filter=statistics_pb2.UsageFilter(
                            api_service_codes=["master.department.list"]
                        )
                    ),
                    metadata=admin,
                )
            except grpc.RpcError:
                return None
            calls = usage.totals.calls
            return calls if calls >= completed else None

        # Every call the load generator completed is stored once: the file log filled the gaps.
        assert eventually(stored, timeout=60, what="monitor to store every completed call") == (
            completed
        )
