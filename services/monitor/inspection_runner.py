"""Running inspections: probes of the host (/proc), the platform's services (gRPC health, and
their /metrics for versions and restarts), Envoy's admin API, the databases and Kubernetes,
graded by inspections.py and kept by inspection_store.py; the schedule that starts them by
themselves, and the sampler that notes each service's start time between inspections."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import resource
import shutil
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from services.monitor import cluster_probe, inspection_store, inspections, probes
from services.monitor.inspections import Observation, ServiceInstance, Target, Trigger
from services.runtime.clock import as_utc, utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor.inspections")

ReportMaker = Callable[[str], Awaitable[str]]


@dataclass(frozen=True)
class InspectionSettings:
    """Where the probes look."""

    data_dir: Path
    service_addresses: Mapping[str, str]
    # Envoy's admin API, when configured.
    envoy_admin: probes.EnvoyAdmin
    timezone: str
    # Other services' database URLs this process knows (their embedded files are inspected).
    database_urls: Mapping[str, str]
    probe_timeout: timedelta = timedelta(seconds=3)
    schedule_poll: timedelta = timedelta(seconds=60)
    # Where the other services' /metrics answer (their start time and version).
    service_http_addresses: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # How often each service's start time is noted between inspections (restarts counted).
    service_sample: timedelta = timedelta(seconds=60)
    own_service: str = "monitor"
    kubernetes: cluster_probe.ClusterSettings = dataclasses.field(
        default_factory=cluster_probe.ClusterSettings
    )


# Host.


def _meminfo() -> dict[str, int]:
    values: dict[str, int] = {}
    for line in Path("/proc/meminfo").read_text(encoding="ascii").splitlines():
        name, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[0].isdigit():
            values[name] = int(parts[0]) * 1024
    return values


def host_observations(data_dir: Path) -> list[Observation]:
    """CPU load, memory, the data directory's disk and this process's open files."""
    observations: list[Observation] = []
    cpus = os.cpu_count() or 1
    try:
        load1 = float(Path("/proc/loadavg").read_text(encoding="ascii").split()[0])
        share = 100 * load1 / cpus
        observations.append(
            Observation(
                "host.cpu_load", "本机", share, f"负载 {load1:.2f} / {cpus} 核（{share:.0f}%）"
            )
        )
    except (OSError, ValueError, IndexError):
        observations.append(Observation("host.cpu_load", "本机", None, "无法读取 /proc/loadavg"))
    try:
        memory = _meminfo()
        total = memory["MemTotal"]
        used = total - memory.get("MemAvailable", memory.get("MemFree", 0))
        share = 100 * used / total
        observations.append(
            Observation(
                "host.memory",
                "本机",
                share,
                f"已用 {used / 2**30:.1f} GB / {total / 2**30:.1f} GB（{share:.0f}%）",
            )
        )
    except (OSError, KeyError, ZeroDivisionError):
        observations.append(Observation("host.memory", "本机", None, "无法读取 /proc/meminfo"))
    try:
        usage = shutil.disk_usage(data_dir)
        share = 100 * usage.used / usage.total
        observations.append(
            Observation(
                "host.disk",
                f"数据目录 {data_dir}",
                share,
                f"已用 {share:.0f}%，剩余 {usage.free / 2**30:.1f} GB",
            )
        )
    except OSError as error:
        observations.append(Observation("host.disk", f"数据目录 {data_dir}", None, str(error)))
    try:
        opened = len(os.listdir("/proc/self/fd"))
        soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
        share = 100 * opened / soft if soft > 0 else 0.0
        observations.append(
            Observation(
                "host.open_files", "monitor 进程", share, f"{opened} / {soft}（{share:.0f}%）"
            )
        )
    except OSError:
        observations.append(
            Observation("host.open_files", "monitor 进程", None, "无法读取 /proc/self/fd")
        )
    return observations


# Platform services.


async def service_observation(name: str, address: str, deadline_seconds: float) -> Observation:
    """One service's gRPC health: 0 serving, 1 not serving; unknown when it does not answer."""
    subject = f"{name}（{address}）"
    answer = await probes.health(address, deadline_seconds)
    if answer.serving is None:
        return Observation("services.health", subject, None, "未知：无法连接")
    if not answer.serving and answer.error:
        return Observation("services.health", subject, 1, f"健康检查失败：{answer.status}")
    return Observation("services.health", subject, 0 if answer.serving else 1, answer.status)


def instance_of(facts: probes.ProcessFacts) -> ServiceInstance:
    return ServiceInstance(facts.service, facts.host, facts.started_at, facts.version)


# Envoy.


def edge_observations(address: str, timeout: float) -> list[Observation]:
    """Listeners and the health of every cluster's upstream hosts, from Envoy's admin API."""
    if not address:
        return [
            Observation(
                "edge.listeners",
                "Envoy",
                None,
                "未配置 Envoy 管理地址（WAILIAN_MONITOR_ENVOY_ADMIN_ADDR）",
            )
        ]
    try:
        listeners = probes.admin_json(address, "/listeners?format=json", timeout)
        clusters = probes.admin_json(address, "/clusters?format=json", timeout)
    except (OSError, ValueError) as error:
        return [Observation("edge.listeners", f"Envoy（{address}）", None, f"无法访问：{error}")]
    names = [str(item.get("name", "")) for item in probes.dicts(listeners.get("listener_statuses"))]
    observations = [
        Observation(
            "edge.listeners",
            f"Envoy（{address}）",
            len(names),
            f"{len(names)} 个：{'、'.join(names)[:400]}" if names else "没有监听器",
        )
    ]
    for cluster in probes.dicts(clusters.get("cluster_statuses")):
        hosts = probes.dicts(cluster.get("host_statuses"))
        if not hosts:
            continue
        unhealthy = sum(1 for host in hosts if probes.unhealthy(host))
        share = 100 * unhealthy / len(hosts)
        observations.append(
            Observation(
                "edge.unhealthy_upstreams",
                f"集群 {cluster.get('name', '')}",
                share,
                f"{unhealthy} / {len(hosts)} 个上游不健康",
            )
        )
    return observations


# Databases of the other services: their embedded files, when this machine has them.


def sqlite_path(url: str) -> Path | None:
    if not url.startswith("sqlite") or "///" not in url:
        return None
    path = url.split("///", 1)[1]
    return Path(path) if path and path != ":memory:" else None


class InspectionRunner:
    """Runs inspections in the background and starts the scheduled ones."""

    def __init__(
        self,
        uow: UnitOfWork,
        settings: InspectionSettings,
        make_report: ReportMaker | None = None,
    ) -> None:
        self.uow = uow
        self.settings = settings
        self.zone = ZoneInfo(settings.timezone)
        self.make_report = make_report
        self._tasks: set[asyncio.Task[None]] = set()

    def start(self, inspection_id: str, targets: Sequence[Target], generate_report: bool) -> None:
        """Runs the inspection in the background (RunInspection returns at once)."""
        task = asyncio.get_running_loop().create_task(
            self.run(inspection_id, targets, generate_report)
        )
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def wait(self) -> None:
        """Lets running inspections finish (on stop)."""
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=30)

    async def observe(
        self, targets: Sequence[Target], inspection_id: str = ""
    ) -> list[Observation]:
        wanted = set(targets) or set(Target)
        timeout = self.settings.probe_timeout.total_seconds()
        observations: list[Observation] = []
        if Target.DATABASE in wanted:
            observations += await self.uow.run(
                lambda s: inspection_store.database_observations(s, "monitor 数据库")
            )
            for name, url in sorted(self.settings.database_urls.items()):
                path = sqlite_path(url)
                if path is not None and path.exists():
                    observations += await asyncio.to_thread(
                        inspection_store.sqlite_file_observations, path, f"{name} 数据库"
                    )
        if Target.HOST in wanted:
            observations += await asyncio.to_thread(host_observations, self.settings.data_dir)
        if Target.SERVICES in wanted:
            observations += await asyncio.gather(
                *(
                    service_observation(name, address, timeout)
                    for name, address in sorted(self.settings.service_addresses.items())
                )
            )
            observations += await self.process_observations(inspection_id)
        if Target.EDGE in wanted:
            observations += await asyncio.to_thread(
                edge_observations, self.settings.envoy_admin.current(), timeout
            )
        if Target.KUBERNETES in wanted:
            observations += await asyncio.to_thread(
                cluster_probe.cluster_observations, self.settings.kubernetes, timeout
            )
        return observations

    async def sample_processes(self) -> dict[str, ServiceInstance | str]:
        """Every service's process as its /metrics shows it now (this one's from itself), noted
        in the database; the reason instead when a service could not be read."""
        timeout = self.settings.probe_timeout.total_seconds()
        names = sorted({*self.settings.service_http_addresses, self.settings.own_service})

        def read(name: str) -> probes.ProcessFacts | str:
            if name == self.settings.own_service:
                return probes.own_process_facts(name)
            return probes.process_facts(
                name, self.settings.service_http_addresses.get(name, ""), timeout
            )

        answers = await asyncio.gather(*(asyncio.to_thread(read, name) for name in names))
        seen = {
            name: instance_of(answer) if isinstance(answer, probes.ProcessFacts) else answer
            for name, answer in zip(names, answers, strict=True)
        }
        now = utcnow()

        def record(session: Session) -> None:
            for instance in seen.values():
                if isinstance(instance, ServiceInstance):
                    inspection_store.record_service_start(session, instance, now)

        await self.uow.run(record)
        return seen

    async def process_observations(self, inspection_id: str) -> list[Observation]:
        """Restarts since the previous inspection and versions, per service."""
        seen = await self.sample_processes()
        recent_since = utcnow() - max(3 * self.settings.service_sample, timedelta(minutes=5))

        def counted(
            session: Session,
        ) -> tuple[datetime | None, dict[str, int], list[ServiceInstance]]:
            since = inspection_store.previous_services_inspection(session, inspection_id)
            restarts = {
                name: inspection_store.restarts_since(session, name, since) for name in seen
            }
            return since, restarts, inspection_store.recent_instances(session, recent_since)

        since, restarts, recent = await self.uow.run(counted)
        observations = [
            inspections.restart_observation(name, restarts[name], current, since, self.zone)
            for name, current in sorted(seen.items())
        ]
        return observations + inspections.version_observations(recent)

    async def run_sampler(self) -> None:
        """Notes each service's start time every sample interval (a background task), so that
        restarts between two inspections are counted, however many."""
        while True:
            await asyncio.sleep(self.settings.service_sample.total_seconds())
            try:
                await self.sample_processes()
            except Exception:
                log.exception("sampling the services' start times failed; will retry")

    async def run(
        self, inspection_id: str, targets: Sequence[Target], generate_report: bool
    ) -> None:
        error = ""
        findings: list[inspections.Finding] = []
        try:
            checks = await self.uow.run(inspection_store.checks)
            findings = inspections.assess_all(await self.observe(targets, inspection_id), checks)
        except Exception as failure:
            log.exception("inspection failed", extra={"inspection_id": inspection_id})
            error = f"{type(failure).__name__}: {failure}"[:1024]
        now = utcnow()
        await self.uow.run(
            lambda s: inspection_store.finish_inspection(s, inspection_id, findings, error, now)
        )
        if generate_report and not error and self.make_report is not None:
            try:
                report_id = await self.make_report(inspection_id)
                await self.uow.run(
                    lambda s: inspection_store.set_report(s, inspection_id, report_id)
                )
            except Exception:
                log.exception("inspection report failed", extra={"inspection_id": inspection_id})

    # The schedule.

    async def run_due(self) -> str | None:
        """Starts the scheduled inspection when it is due; its id, or None."""
        now = utcnow()

        def claim(session: Session) -> tuple[str, list[Target], bool] | None:
            schedule = inspection_store.ensure_schedule(session, now)
            if not schedule.enabled or schedule.next_run_at is None:
                return None
            due = as_utc(schedule.next_run_at)
            if due > now:
                return None
            following = inspections.next_run(schedule.cron, ZoneInfo(schedule.time_zone), now)
            if not inspection_store.claim_scheduled_run(
                session, schedule.next_run_at, following, now
            ):
                return None
            targets = [Target(value) for value in schedule.targets]
            row = inspection_store.add_inspection(
                session,
                targets,
                Trigger.SCHEDULED,
                "system",
                schedule.generate_report,
                "",
                now,
                self.zone,
            )
            return row.inspection_id, targets, schedule.generate_report

        claimed = await self.uow.run(claim)
        if claimed is None:
            return None
        inspection_id, targets, generate_report = claimed
        await self.run(inspection_id, targets, generate_report)
        return inspection_id

    async def run_schedule(self) -> None:
        """Checks the schedule every poll interval (a background task of the service)."""
        before = utcnow() - timedelta(hours=1)
        await self.uow.run(lambda s: inspection_store.fail_abandoned(s, before, utcnow()))
        while True:
            try:
                await self.run_due()
            except Exception:
                log.exception("scheduled inspection failed; will retry")
            await asyncio.sleep(self.settings.schedule_poll.total_seconds())


def _seconds(env: Mapping[str, str], name: str, default: float) -> float:
    from services.runtime.config import ConfigError

    raw = env.get(name, "").strip() or str(default)
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < 0.1:
        raise ConfigError(f"{name} must be at least 0.1, got {raw}")
    return value


def load_inspection_settings(
    env: Mapping[str, str],
    data_dir: Path,
    service_addresses: Mapping[str, str],
    timezone: str,
    own_service: str = "monitor",
    service_http_addresses: Mapping[str, str] | None = None,
) -> InspectionSettings:
    """WAILIAN_MONITOR_ENVOY_ADMIN_ADDR (host:port of Envoy's admin API, optional) or
    WAILIAN_MONITOR_ENVOY_ADMIN_ADDR_FILE (the file Envoy writes it to with
    --admin-address-path), WAILIAN_MONITOR_INSPECTION_POLL_SECONDS,
    WAILIAN_MONITOR_SERVICE_SAMPLE_SECONDS and the Kubernetes settings (cluster_probe);
    ConfigError naming the variable when malformed."""
    from services.runtime.config import SERVICES, ConfigError

    name = "WAILIAN_MONITOR_ENVOY_ADMIN_ADDR"
    admin = env.get(name, "").strip()
    if admin and (":" not in admin or not admin.rsplit(":", 1)[1].isdigit()):
        raise ConfigError(f"{name} must be host:port, got {admin!r}")
    admin_file = env.get(name + "_FILE", "").strip()
    poll = _seconds(env, "WAILIAN_MONITOR_INSPECTION_POLL_SECONDS", 60)
    sample = _seconds(env, "WAILIAN_MONITOR_SERVICE_SAMPLE_SECONDS", 60)
    urls = {
        service: env.get(f"WAILIAN_{service.upper()}_DATABASE_URL", "").strip()
        or f"sqlite:///{data_dir / (service + '.db')}"
        for service in SERVICES
        if service != own_service
    }
    return InspectionSettings(
        data_dir=data_dir,
        service_addresses=service_addresses,
        envoy_admin=probes.EnvoyAdmin(admin, Path(admin_file) if admin_file else None),
        timezone=timezone,
        database_urls=urls,
        schedule_poll=timedelta(seconds=poll),
        service_http_addresses=service_http_addresses or {},
        service_sample=timedelta(seconds=sample),
        own_service=own_service,
        kubernetes=cluster_probe.load_cluster_settings(env),
    )
