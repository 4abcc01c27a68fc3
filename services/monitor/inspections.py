"""Inspections (O1, O3, O4): the shipped checks, grading against thresholds, numbering and the
schedule's cron. No gRPC or SQL here: probes gather observations, this grades them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo


class Target(Enum):
    DATABASE = "database"
    HOST = "host"
    SERVICES = "services"
    EDGE = "edge"
    KUBERNETES = "kubernetes"


class Grade(Enum):
    # Could not be observed (a service that does not answer, an edge without admin address).
    UNKNOWN = "unknown"
    OK = "ok"
    WARNING = "warning"
    RISK = "risk"

    @property
    def rank(self) -> int:
        return {"unknown": 0, "ok": 1, "warning": 2, "risk": 3}[self.value]


class Status(Enum):
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"


class Trigger(Enum):
    MANUAL = "manual"
    SCHEDULED = "scheduled"


GRADE_NAMES = {
    Grade.UNKNOWN: "未知",
    Grade.OK: "正常",
    Grade.WARNING: "警告",
    Grade.RISK: "风险",
}
TARGET_NAMES = {
    Target.DATABASE: "数据库",
    Target.HOST: "主机",
    Target.SERVICES: "平台服务",
    Target.EDGE: "边缘网关 (Envoy)",
    Target.KUBERNETES: "Kubernetes",
}


@dataclass(frozen=True)
class Check:
    """What one check measures and where its grades start."""

    code: str
    name: str
    description: str
    target: Target
    warning_threshold: float
    risk_threshold: float
    unit: str
    recommendation: str
    lower_is_worse: bool = False
    enabled: bool = True

    def threshold_text(self) -> str:
        """e.g. "警告 ≥ 80%，风险 ≥ 90%"."""
        sign = "≤" if self.lower_is_worse else "≥"
        unit = self.unit
        return (
            f"警告 {sign} {_number(self.warning_threshold)}{unit}，"
            f"风险 {sign} {_number(self.risk_threshold)}{unit}"
        )


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


DEFAULT_CHECKS: tuple[Check, ...] = (
    Check(
        "database.integrity",
        "数据库完整性",
        "SQLite 数据文件的 PRAGMA integrity_check：报告的问题条数。",
        Target.DATABASE,
        1,
        1,
        "条",
        "立即停止写入，从最近的备份恢复数据文件，并用 integrity_check 复核。",
    ),
    Check(
        "database.size",
        "数据库容量",
        "整个数据库占用的空间（SQLite 数据文件，PostgreSQL pg_database_size）。",
        Target.DATABASE,
        10_240,
        51_200,
        " MB",
        "核对日志保留期（WAILIAN_MONITOR_RETENTION_DAYS），归档历史数据，评估扩容。",
    ),
    Check(
        "database.table_size",
        "数据表容量",
        "每张表（含索引）占用的空间。",
        Target.DATABASE,
        2_048,
        10_240,
        " MB",
        "检查该表的增长原因与保留策略，必要时清理或归档。",
    ),
    Check(
        "database.wal_size",
        "WAL 日志大小",
        "SQLite 预写日志（-wal 文件）的大小；过大说明检查点长期未完成。",
        Target.DATABASE,
        256,
        1_024,
        " MB",
        "查找长时间未结束的读事务，空闲时执行 PRAGMA wal_checkpoint(TRUNCATE)。",
    ),
    Check(
        "database.connections",
        "数据库连接数",
        "PostgreSQL 当前连接数占 max_connections 的比例。",
        Target.DATABASE,
        70,
        90,
        "%",
        "检查各服务连接池配置与空闲连接，必要时调高 max_connections 或引入连接池。",
    ),
    Check(
        "database.long_transactions",
        "长事务",
        "PostgreSQL 中最久未结束的事务已持续的时间（pg_stat_activity）。",
        Target.DATABASE,
        300,
        1_800,
        " 秒",
        "定位该会话（pg_stat_activity），确认业务后结束它；长事务会阻碍清理并导致膨胀。",
    ),
    Check(
        "host.cpu_load",
        "CPU 负载",
        "1 分钟平均负载占 CPU 核数的比例。",
        Target.HOST,
        70,
        90,
        "%",
        "查看占用 CPU 最多的进程与流量高峰，评估扩容或限流。",
    ),
    Check(
        "host.memory",
        "内存使用率",
        "已用内存（总量减可用）占总内存的比例。",
        Target.HOST,
        80,
        90,
        "%",
        "查看内存占用最多的进程，检查缓存配置，评估增加内存。",
    ),
    Check(
        "host.disk",
        "磁盘使用率",
        "数据目录所在文件系统的已用比例。",
        Target.HOST,
        80,
        90,
        "%",
        "清理或归档旧日志与备份，缩短保留期，或扩容磁盘。",
    ),
    Check(
        "host.open_files",
        "打开文件数",
        "本进程打开的文件描述符占上限（ulimit -n）的比例。",
        Target.HOST,
        70,
        90,
        "%",
        "检查连接是否泄漏，必要时提高文件描述符上限（LimitNOFILE）。",
    ),
    Check(
        "services.health",
        "服务健康",
        "各平台服务的 gRPC 健康检查；不健康的服务数。",
        Target.SERVICES,
        1,
        1,
        "",
        "查看该服务日志与依赖（数据库、缓存），必要时重启并开具故障工单。",
    ),
    Check(
        "services.restarts",
        "服务重启",
        "上次巡检以来各服务进程重新启动的次数：其 /metrics 的 process_start_time_seconds 变了"
        "（巡检时与每分钟的采样都会记下看到的启动时间）。",
        Target.SERVICES,
        1,
        3,
        " 次",
        "查看该服务重启前后的日志（内存不足、异常退出、被人重启或升级），确认原因；"
        "反复重启时开具故障工单并检查其依赖（数据库、Redis）。",
    ),
    Check(
        "services.version",
        "服务版本",
        "各服务运行的版本（/metrics 的 wailian_build_info）与平台多数服务的版本不同的个数；"
        "同一服务的副本版本不一也计入。",
        Target.SERVICES,
        1,
        2,
        " 个",
        "确认是否正在升级；升级已结束时按发布记录把该服务升级（或回退）到与其他服务相同的版本。",
    ),
    Check(
        "edge.listeners",
        "网关监听器",
        "Envoy 已生效的监听器数量。",
        Target.EDGE,
        0,
        0,
        " 个",
        "检查 Envoy 配置下发（publishing 服务）与启动日志。",
        lower_is_worse=True,
    ),
    Check(
        "edge.unhealthy_upstreams",
        "上游健康",
        "每个 Envoy 集群中不健康的上游主机占比。",
        Target.EDGE,
        1,
        50,
        "%",
        "检查该上游（医院内部系统）是否可达，联系其维护方；必要时在控制台下线该服务。",
    ),
    Check(
        "kubernetes.pod_ready",
        "Pod 就绪",
        "本命名空间中每个 Pod 是否在运行且就绪（phase Running、Ready 条件为 True）；1 表示未就绪。",
        Target.KUBERNETES,
        1,
        1,
        "",
        "kubectl describe pod 查看事件（调度失败、镜像拉取、就绪探针），并查看容器日志。",
    ),
    Check(
        "kubernetes.restarts",
        "容器重启次数",
        "每个容器自 Pod 创建以来被 Kubernetes 重启的次数（restartCount）。",
        Target.KUBERNETES,
        3,
        10,
        " 次",
        "kubectl logs --previous 查看上次退出前的日志与退出原因；内存不足时调高内存限制。",
    ),
    Check(
        "kubernetes.container_state",
        "容器状态",
        "0 正常；1 上次因内存不足被终止（OOMKilled）；2 正在等待且原因表明无法运行"
        "（CrashLoopBackOff、ImagePullBackOff、ErrImagePull、CreateContainerConfigError 等）。",
        Target.KUBERNETES,
        1,
        2,
        " 级",
        "按原因处理：镜像名或仓库凭据（ImagePullBackOff）、配置与密钥（CreateContainerConfigError）、"
        "启动日志（CrashLoopBackOff）、内存限制（OOMKilled）。",
    ),
    Check(
        "kubernetes.resources",
        "资源请求与限制",
        "每个容器缺少的资源设置个数：requests.cpu、requests.memory、limits.memory"
        "（不要求 CPU 限制，以免限流）。",
        Target.KUBERNETES,
        1,
        3,
        " 项",
        "在部署清单中为该容器设置 CPU 与内存请求和内存限制（参考 deploy/kubernetes）。",
    ),
    Check(
        "kubernetes.memory_usage",
        "容器内存使用",
        "容器当前内存用量占其内存限制的比例（metrics.k8s.io，需集群安装 metrics-server）。",
        Target.KUBERNETES,
        80,
        90,
        "%",
        "查看该容器的内存增长趋势，调高内存限制或增加副本；接近限制时会被 OOMKilled。",
    ),
)

CHECKS_BY_CODE = {check.code: check for check in DEFAULT_CHECKS}


@dataclass(frozen=True)
class CheckOverride:
    """A person's change to a shipped check."""

    enabled: bool
    warning_threshold: float
    risk_threshold: float
    recommendation: str


def effective_checks(overrides: dict[str, CheckOverride]) -> list[Check]:
    """The shipped checks with the stored changes applied."""
    checks: list[Check] = []
    for shipped in DEFAULT_CHECKS:
        override = overrides.get(shipped.code)
        check = shipped
        if override is not None:
            check = dataclasses.replace(
                shipped,
                enabled=override.enabled,
                warning_threshold=override.warning_threshold,
                risk_threshold=override.risk_threshold,
                recommendation=override.recommendation or check.recommendation,
            )
        checks.append(check)
    return checks


def threshold_problems(check: Check) -> list[tuple[str, str]]:
    """(field, description) for thresholds in the wrong order."""
    if check.lower_is_worse and check.risk_threshold > check.warning_threshold:
        return [("risk_threshold", "must not be above warning_threshold (lower is worse)")]
    if not check.lower_is_worse and check.risk_threshold < check.warning_threshold:
        return [("risk_threshold", "must not be below warning_threshold")]
    return []


def grade(check: Check, value: float) -> Grade:
    """RISK at or beyond risk_threshold, WARNING at or beyond warning_threshold, else OK."""
    if check.lower_is_worse:
        if value <= check.risk_threshold:
            return Grade.RISK
        return Grade.WARNING if value <= check.warning_threshold else Grade.OK
    if value >= check.risk_threshold:
        return Grade.RISK
    return Grade.WARNING if value >= check.warning_threshold else Grade.OK


@dataclass(frozen=True)
class Observation:
    """What a probe saw; `value` None when it could not see (graded UNKNOWN), with `note` in
    place of the usual advice when there is nothing to fix (not running in a cluster)."""

    check_code: str
    subject: str
    value: float | None
    observed: str
    note: str = ""


@dataclass(frozen=True)
class Finding:
    check_code: str
    check_name: str
    target: Target
    subject: str
    observed: str
    observed_value: float
    unit: str
    threshold: str
    grade: Grade
    recommendation: str


def assess(observation: Observation, check: Check) -> Finding:
    """An observation graded by its check; the recommendation only when something is wrong."""
    result = Grade.UNKNOWN if observation.value is None else grade(check, observation.value)
    if result in (Grade.WARNING, Grade.RISK):
        advice = check.recommendation
    elif result is Grade.UNKNOWN:
        advice = observation.note or "确认该项是否应当存在并可访问；无法观测的项目不计入评级。"
    else:
        advice = ""
    return Finding(
        check_code=check.code,
        check_name=check.name,
        target=check.target,
        subject=observation.subject,
        observed=observation.observed,
        observed_value=observation.value if observation.value is not None else 0.0,
        unit=check.unit.strip(),
        threshold=check.threshold_text(),
        grade=result,
        recommendation=advice,
    )


def assess_all(observations: Iterable[Observation], checks: Sequence[Check]) -> list[Finding]:
    """Findings of the enabled checks, worst first, then in the checks' order."""
    by_code = {check.code: check for check in checks}
    order = {check.code: index for index, check in enumerate(checks)}
    findings = [
        assess(observation, by_code[observation.check_code])
        for observation in observations
        if observation.check_code in by_code and by_code[observation.check_code].enabled
    ]
    return sorted(findings, key=lambda f: (-f.grade.rank, order[f.check_code], f.subject))


@dataclass(frozen=True)
class Tally:
    overall: Grade
    ok: int
    warning: int
    risk: int


def tally(findings: Sequence[Finding]) -> Tally:
    """Counts per grade and the worst grade (OK when nothing could be graded)."""
    counts = {grade: 0 for grade in Grade}
    for finding in findings:
        counts[finding.grade] += 1
    graded = [f.grade for f in findings if f.grade is not Grade.UNKNOWN]
    overall = max(graded, key=lambda g: g.rank) if graded else Grade.OK
    return Tally(overall, counts[Grade.OK], counts[Grade.WARNING], counts[Grade.RISK])


def number_prefix(moment: datetime, zone: ZoneInfo) -> str:
    """ "XJ-2026Q1-": inspections are numbered within their local quarter."""
    local = moment.astimezone(zone)
    return f"XJ-{local.year}Q{(local.month - 1) // 3 + 1}-"


def number(prefix: str, earlier_in_quarter: int) -> str:
    return f"{prefix}{earlier_in_quarter + 1:02d}"


# The schedule: a five-field cron expression in a time zone.

DEFAULT_CRON = "0 2 1 1,4,7,10 *"
DEFAULT_TIME_ZONE = "Asia/Shanghai"


class CronError(ValueError):
    pass


_FIELDS = (("minute", 0, 59), ("hour", 0, 23), ("day", 1, 31), ("month", 1, 12), ("weekday", 0, 7))


def _field(text: str, low: int, high: int) -> frozenset[int]:
    values: set[int] = set()
    for item in text.split(","):
        step = 1
        part = item
        if "/" in item:
            part, raw_step = item.split("/", 1)
            if not raw_step.isdigit() or int(raw_step) < 1:
                raise CronError(f"bad step {raw_step!r}")
            step = int(raw_step)
        if part == "*":
            start, end = low, high
        elif "-" in part:
            first, last = part.split("-", 1)
            if not (first.isdigit() and last.isdigit()):
                raise CronError(f"bad range {part!r}")
            start, end = int(first), int(last)
        elif part.isdigit():
            start = int(part)
            end = high if step > 1 else start
        else:
            raise CronError(f"bad value {part!r}")
        if not low <= start <= end <= high:
            raise CronError(f"{part!r} is outside {low}-{high}")
        values.update(range(start, end + 1, step))
    return frozenset(values)


@dataclass(frozen=True)
class Cron:
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int]
    months: frozenset[int]
    weekdays: frozenset[int]
    any_day: bool
    any_weekday: bool


def parse_cron(expression: str) -> Cron:
    """Minute, hour, day of month, month, day of week (0 or 7 is Sunday); CronError if bad."""
    parts = expression.split()
    if len(parts) != 5:
        raise CronError("five fields: minute hour day-of-month month day-of-week")
    fields = [_field(part, low, high) for part, (_, low, high) in zip(parts, _FIELDS, strict=True)]
    weekdays = frozenset(7 if day == 0 else day for day in fields[4])
    return Cron(
        fields[0], fields[1], fields[2], fields[3], weekdays, parts[2] == "*", parts[4] == "*"
    )


def _day_matches(cron: Cron, day: datetime) -> bool:
    if day.month not in cron.months:
        return False
    in_month = day.day in cron.days
    in_week = day.isoweekday() in cron.weekdays
    # Classic cron: when both are restricted, either matching is enough.
    if cron.any_day or cron.any_weekday:
        return in_month and in_week
    return in_month or in_week


def next_run(expression: str, zone: ZoneInfo, after: datetime) -> datetime:
    """The first moment strictly after `after` that the cron expression names, in UTC."""
    cron = parse_cron(expression)
    local = after.astimezone(zone)
    day = local.replace(hour=0, minute=0, second=0, microsecond=0)
    for _ in range(366 * 5):
        if _day_matches(cron, day):
            for hour in sorted(cron.hours):
                for minute in sorted(cron.minutes):
                    candidate = datetime(
                        day.year, day.month, day.day, hour, minute, tzinfo=zone
                    ).astimezone(after.tzinfo)
                    if candidate > after:
                        return candidate
        day = (day + timedelta(days=1, hours=2)).replace(hour=0)
    raise CronError("names no moment in the next five years")


# Platform services: restarts and versions, from what each process's /metrics said.


@dataclass(frozen=True)
class ServiceInstance:
    """One process of a service as last seen: its host (a pod's name in Kubernetes), when it
    started and the version it runs."""

    service: str
    host: str
    started_at: datetime
    version: str


def restart_observation(
    service: str,
    restarts: int,
    current: ServiceInstance | str,
    since: datetime | None,
    zone: ZoneInfo,
) -> Observation:
    """Restarts counted since `since` (the previous inspection; None: since monitor first saw
    the service); `current` is what this inspection saw, or why it saw nothing."""
    period = (
        f"自上次巡检（{since.astimezone(zone):%Y-%m-%d %H:%M}）以来"
        if since is not None
        else "自开始记录以来"
    )
    if isinstance(current, str):
        if restarts:
            return Observation(
                "services.restarts",
                service,
                restarts,
                f"{period}重启 {restarts} 次；本次：{current}",
            )
        return Observation("services.restarts", service, None, f"无法读取启动时间：{current}")
    started = current.started_at.astimezone(zone)
    return Observation(
        "services.restarts",
        service,
        restarts,
        f"{period}重启 {restarts} 次；当前进程启动于 {started:%Y-%m-%d %H:%M:%S}"
        + (f"（{current.host}）" if current.host else ""),
    )


def version_observations(instances: Sequence[ServiceInstance]) -> list[Observation]:
    """Per service: how many versions it runs that differ from the platform's (the version most
    processes run); each replica counts."""
    if not instances:
        return []
    counts: dict[str, int] = {}
    for instance in instances:
        counts[instance.version] = counts.get(instance.version, 0) + 1
    platform = max(sorted(counts), key=lambda v: counts[v])
    by_service: dict[str, list[ServiceInstance]] = {}
    for instance in instances:
        by_service.setdefault(instance.service, []).append(instance)
    observations: list[Observation] = []
    for service, running in sorted(by_service.items()):
        versions = sorted({instance.version for instance in running})
        differing = [v for v in versions if v != platform]
        replicas = f"（{len(running)} 个实例）" if len(running) > 1 else ""
        if differing:
            shown = "、".join(v or "未知版本" for v in versions)
            text = f"运行 {shown}{replicas}，平台多数为 {platform or '未知版本'}"
        else:
            text = f"{platform or '未知版本'}{replicas}"
        observations.append(Observation("services.version", service, len(differing), text))
    return observations
