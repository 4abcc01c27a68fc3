"""Reports (O8): periods, the figures of the operations analysis, recommendations, and the
self-contained Chinese HTML with inline SVG charts. No gRPC or SQL here."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from services.monitor import maintenance
from services.monitor.inspections import GRADE_NAMES, TARGET_NAMES, Finding, Grade


class Kind(Enum):
    INSPECTION = "inspection"
    OPERATIONS_ANALYSIS = "operations_analysis"
    MAINTENANCE_SUMMARY = "maintenance_summary"


# The kinds the schedule makes after each period: an inspection report follows its inspection.
SCHEDULED_KINDS = frozenset({Kind.OPERATIONS_ANALYSIS, Kind.MAINTENANCE_SUMMARY})


class Period(Enum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CUSTOM = "custom"


class Status(Enum):
    GENERATING = "generating"
    READY = "ready"
    FAILED = "failed"


KIND_NAMES = {
    Kind.INSPECTION: "巡检报告",
    Kind.OPERATIONS_ANALYSIS: "运维服务分析报告",
    Kind.MAINTENANCE_SUMMARY: "运维记录汇总",
}

# An hour in which a service's server errors reach this share of its calls counts as an hour
# the service was unavailable.
UNAVAILABLE_HOUR_SHARE = 0.5


def _next_start(period: Period, start: date) -> date:
    match period:
        case Period.MONTH:
            return (start + timedelta(days=32)).replace(day=1)
        case Period.QUARTER:
            return (start + timedelta(days=95)).replace(day=1)
        case Period.YEAR:
            return date(start.year + 1, 1, 1)
        case Period.CUSTOM:
            raise ValueError("a custom period has no fixed length")


def period_containing(
    period: Period, moment: datetime, zone: ZoneInfo
) -> tuple[datetime, datetime]:
    """The month, quarter or year `moment` falls in, from local midnight to local midnight, in
    UTC."""
    today = moment.astimezone(zone).date()
    match period:
        case Period.MONTH:
            start = today.replace(day=1)
        case Period.QUARTER:
            start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        case Period.YEAR:
            start = date(today.year, 1, 1)
        case Period.CUSTOM:
            raise ValueError("a custom period has no default range")

    def midnight(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, tzinfo=zone).astimezone(moment.tzinfo)

    return midnight(start), midnight(_next_start(period, start))


def period_bounds(period: Period, moment: datetime, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The last complete month, quarter or year before `moment`."""
    current_start, _ = period_containing(period, moment, zone)
    return period_containing(period, current_start - timedelta(seconds=1), zone)


def period_label(period: Period, start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """ "2026 年 10 月", "2026 年第 3 季度", "2026 年度" or "2026-10-01 至 2026-10-15"."""
    local = start.astimezone(zone)
    match period:
        case Period.MONTH:
            return f"{local.year} 年 {local.month} 月"
        case Period.QUARTER:
            return f"{local.year} 年第 {(local.month - 1) // 3 + 1} 季度"
        case Period.YEAR:
            return f"{local.year} 年度"
        case Period.CUSTOM:
            last = (end - timedelta(seconds=1)).astimezone(zone)
            return f"{local:%Y-%m-%d} 至 {last:%Y-%m-%d}"


def default_title(kind: Kind, label: str) -> str:
    return f"外联平台{label}{KIND_NAMES[kind]}"


# The figures.


@dataclass
class ServiceFigures:
    api_code: str
    calls: int
    success_calls: int
    client_error_calls: int
    server_error_calls: int
    average_latency_ms: float
    p95_latency_ms: float
    unavailable_hours: int
    period_hours: int

    @property
    def success_share(self) -> float:
        return self.success_calls / self.calls if self.calls else 0.0

    @property
    def availability(self) -> float:
        if not self.period_hours:
            return 1.0
        return 1 - self.unavailable_hours / self.period_hours


@dataclass
class AlertFigures:
    total: int = 0
    critical: int = 0
    warning: int = 0
    info: int = 0
    # (rule name, times fired, total minutes open), most frequent first.
    top_rules: list[tuple[str, int, float]] = field(default_factory=list)
    # (summary, started, minutes open), longest first.
    longest: list[tuple[str, datetime, float]] = field(default_factory=list)


# Maintenance records and their service-level timers (O10, O11).

MAINTENANCE_KIND_NAMES = {
    maintenance.Kind.FAULT: "故障",
    maintenance.Kind.BUG: "BUG 修复",
    maintenance.Kind.REQUIREMENT: "需求调整",
    maintenance.Kind.CHANGE: "变更",
    maintenance.Kind.DATA_CORRECTION: "数据修正",
    maintenance.Kind.SUPPORT: "技术支持",
}
MAINTENANCE_SEVERITY_NAMES = {
    maintenance.Severity.CRITICAL: "紧急",
    maintenance.Severity.HIGH: "高",
    maintenance.Severity.MEDIUM: "中",
    maintenance.Severity.LOW: "低",
}
MAINTENANCE_STATUS_NAMES = {
    maintenance.Status.OPEN: "待响应",
    maintenance.Status.IN_PROGRESS: "处理中",
    maintenance.Status.RESOLVED: "已解决",
    maintenance.Status.CLOSED: "已关闭",
    maintenance.Status.CANCELLED: "已撤销",
}
RESPONSE, RESOLUTION = "response", "resolution"
TIMER_NAMES = {RESPONSE: "响应", RESOLUTION: "解决"}
# What meeting each kind's resolution timer means, in the contract's words.
RESOLUTION_NAMES = {
    maintenance.Kind.FAULT: "故障修复",
    maintenance.Kind.BUG: "BUG 修复",
    maintenance.Kind.REQUIREMENT: "需求调整交付",
    maintenance.Kind.CHANGE: "变更完成",
    maintenance.Kind.DATA_CORRECTION: "数据修正",
    maintenance.Kind.SUPPORT: "技术支持完成",
}


@dataclass(frozen=True)
class MaintenanceEntry:
    """One maintenance record as the reports show it, with its timers as of the report."""

    number: str
    title: str
    kind: maintenance.Kind
    severity: maintenance.Severity
    status: maintenance.Status
    reporter: str
    reported: datetime
    reported_in_working_hours: bool
    assignee: str
    resolution_text: str
    acknowledged: datetime | None
    resolved: datetime | None
    response: maintenance.Timer | None
    resolution: maintenance.Timer | None
    # Resolution measured on the working calendar (working days) rather than in clock time.
    resolution_in_working_time: bool = False

    @property
    def breached(self) -> bool:
        return any(t is not None and t.breached for t in (self.response, self.resolution))

    @property
    def facts(self) -> maintenance.RecordFacts:
        return maintenance.RecordFacts(
            kind=self.kind,
            status=self.status,
            reported=self.reported,
            acknowledged=self.acknowledged,
            resolved=self.resolved,
            response=self.response,
            resolution=self.resolution,
            severity=self.severity,
        )


@dataclass
class TimerTally:
    """How one service-level timer fared: e.g. fault response for faults reported in working
    hours (30 minutes)."""

    kind: maintenance.Kind
    timer: str
    target: str
    # Response timers depend on when the record was reported; None for resolution timers.
    in_working_hours: bool | None
    met: int = 0
    breached: int = 0
    running: int = 0
    # Records cancelled before the timer was met or due.
    stopped: int = 0

    @property
    def name(self) -> str:
        return timer_name(self.kind, self.timer, self.target, self.in_working_hours)

    @property
    def finished(self) -> int:
        return self.met + self.breached


def timer_name(
    kind: maintenance.Kind, timer: str, target: str, in_working_hours: bool | None = None
) -> str:
    """e.g. "故障响应（工作时间内报告，30 分钟）", "BUG 修复（1 个工作日）"."""
    if timer == RESOLUTION:
        return f"{RESOLUTION_NAMES[kind]}（{target}）"
    when = {True: "工作时间内报告，", False: "非工作时间报告，", None: ""}[in_working_hours]
    return f"{MAINTENANCE_KIND_NAMES[kind]}响应（{when}{target}）"


@dataclass(frozen=True)
class TimerBreach:
    """A timer met late, or still running (or stopped by a cancellation) past its due time."""

    entry: MaintenanceEntry
    timer: str
    target: str
    due: datetime
    # When it was met; None while it runs (lateness is then as of the report).
    met: datetime | None
    late: timedelta
    working_time: bool


@dataclass
class MaintenanceFigures:
    """The maintenance records reported in a period, summarised as acceptance evidence."""

    start: datetime
    end: datetime
    # The moment the timers of records still open were read.
    as_of: datetime
    entries: list[MaintenanceEntry]
    summary: maintenance.Summary
    timers: list[TimerTally]
    breaches: list[TimerBreach]

    @property
    def total(self) -> int:
        return len(self.entries)

    @property
    def breached_records(self) -> int:
        return sum(1 for e in self.entries if e.breached)

    @property
    def unfinished(self) -> int:
        active = (maintenance.Status.OPEN, maintenance.Status.IN_PROGRESS)
        return sum(1 for e in self.entries if e.status in active)

    @property
    def timed_records(self) -> int:
        """Records with a timer met or breached: those the compliance rate is taken over."""
        return sum(
            1
            for e in self.entries
            if any(t is not None and (t.breached or t.met) for t in (e.response, e.resolution))
        )

    @property
    def compliance(self) -> float:
        return self.summary.compliance

    @property
    def response_breaches(self) -> int:
        return sum(1 for b in self.breaches if b.timer == RESPONSE)

    @property
    def resolution_breaches(self) -> int:
        return sum(1 for b in self.breaches if b.timer == RESOLUTION)


def maintenance_figures(
    calendar: maintenance.WorkingCalendar,
    entries: Sequence[MaintenanceEntry],
    start: datetime,
    end: datetime,
    as_of: datetime,
) -> MaintenanceFigures:
    """Counts by kind and severity, each timer met or breached, and the breaches with how late
    they were: clock time for response and calendar-day timers, working time for working-day
    ones (as the timers themselves run)."""
    tallies: dict[tuple[maintenance.Kind, str, str, bool | None], TimerTally] = {}
    breaches: list[TimerBreach] = []
    for entry in entries:
        for name, one in ((RESPONSE, entry.response), (RESOLUTION, entry.resolution)):
            if one is None:
                continue
            hours = entry.reported_in_working_hours if name == RESPONSE else None
            key = (entry.kind, name, one.target, hours)
            tally = tallies.setdefault(key, TimerTally(entry.kind, name, one.target, hours))
            if one.breached:
                tally.breached += 1
                working = name == RESOLUTION and entry.resolution_in_working_time
                breaches.append(
                    TimerBreach(entry, name, one.target, one.due, one.met, -one.remaining, working)
                )
            elif one.met is not None:
                tally.met += 1
            elif entry.status is maintenance.Status.CANCELLED:
                tally.stopped += 1
            else:
                tally.running += 1
    kinds = list(maintenance.Kind)
    ordered = sorted(
        tallies.values(),
        key=lambda t: (kinds.index(t.kind), t.timer != RESPONSE, t.in_working_hours is False),
    )
    breaches.sort(key=lambda b: (b.entry.reported, b.entry.number, b.timer != RESPONSE))
    return MaintenanceFigures(
        start=start,
        end=end,
        as_of=as_of,
        entries=sorted(entries, key=lambda e: (e.reported, e.number)),
        summary=maintenance.summarize(calendar, [e.facts for e in entries]),
        timers=ordered,
        breaches=breaches,
    )


def duration_text(length: timedelta) -> str:
    """ "2 天 3 小时 5 分钟", "45 分钟" (whole minutes, rounded down)."""
    minutes = max(int(length.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} 天"] if days else []
    if hours:
        parts.append(f"{hours} 小时")
    if minutes or not parts:
        parts.append(f"{minutes} 分钟")
    return " ".join(parts)


def late_text(breach: TimerBreach) -> str:
    return duration_text(breach.late) + ("（工作时间）" if breach.working_time else "")


def compliance_text(figures: MaintenanceFigures) -> str:
    if not figures.timed_records:
        return "无已到期或已完成的计时"
    return f"{100 * figures.compliance:.1f}%"


@dataclass
class Figures:
    """Everything the operations analysis shows."""

    title: str
    label: str
    start: datetime
    end: datetime
    calls: int
    success_calls: int
    client_error_calls: int
    server_error_calls: int
    average_latency_ms: float
    p95_latency_ms: float
    previous_calls: int
    previous_success_share: float
    # (local day, calls, failed calls) for every day of the period.
    daily: list[tuple[date, int, int]]
    services: list[ServiceFigures]
    # Hours in which at least one service was unavailable.
    unavailable_hours: int
    period_hours: int
    alerts: AlertFigures
    inspection_risks: int = 0
    inspection_warnings: int = 0
    # Maintenance records reported in the period and their service-level timers.
    maintenance: MaintenanceFigures | None = None

    @property
    def success_share(self) -> float:
        return self.success_calls / self.calls if self.calls else 0.0

    @property
    def availability(self) -> float:
        if not self.period_hours:
            return 1.0
        return 1 - self.unavailable_hours / self.period_hours


def top_problems(figures: Figures, limit: int = 5) -> list[str]:
    """The services that failed most, and the alerts that fired most, in plain words."""
    problems: list[str] = []
    failing = sorted(
        (s for s in figures.services if s.server_error_calls),
        key=lambda s: (-s.server_error_calls, s.api_code),
    )
    for service in failing[:limit]:
        problems.append(
            f"服务 {service.api_code}：服务端错误 {service.server_error_calls:,} 次"
            f"（占 {100 * service.server_error_calls / service.calls:.1f}%），"
            f"不可用 {service.unavailable_hours} 小时"
        )
    for name, count, minutes in figures.alerts.top_rules[:limit]:
        problems.append(f"告警「{name}」触发 {count} 次，累计持续 {minutes:,.0f} 分钟")
    if figures.maintenance is not None:
        for breach in figures.maintenance.breaches[:limit]:
            problems.append(breach_line(breach))
    return problems[: limit * 3]


def breach_line(breach: TimerBreach) -> str:
    """e.g. "运维记录 WH-2026-000012「收费接口报错」故障响应超时 2 小时 5 分钟（时限 30 分钟）"."""
    entry = breach.entry
    state = "" if breach.met is not None else "，仍未完成"
    name = timer_name(entry.kind, breach.timer, breach.target)
    return f"运维记录 {entry.number}「{entry.title}」{name}超时 {late_text(breach)}{state}"


def maintenance_advice(work: MaintenanceFigures) -> list[str]:
    """What the maintenance records suggest doing next."""
    advice: list[str] = []
    if work.breaches:
        advice.append(
            f"本期有 {work.breached_records} 条运维记录超出服务时限（响应超时 "
            f"{work.response_breaches} 次，解决超时 {work.resolution_breaches} 次），服务时限"
            f"达标率 {compliance_text(work)}：建议逐条复盘超时原因，调整值班与响应安排。"
        )
    if work.unfinished:
        advice.append(f"尚有 {work.unfinished} 条运维记录未完成，请跟进处理并及时更新状态。")
    return advice


def recommendations(figures: Figures) -> list[str]:
    """What the figures suggest doing next."""
    advice: list[str] = []
    if figures.calls == 0:
        advice.append("本期没有调用记录：确认边缘网关的访问日志已接入监控服务。")
    for service in figures.services:
        if service.calls >= 10 and service.server_error_calls / service.calls >= 0.05:
            advice.append(
                f"服务 {service.api_code} 的服务端错误率为 "
                f"{100 * service.server_error_calls / service.calls:.1f}%，"
                "建议排查上游系统并开具故障工单。"
            )
        if service.p95_latency_ms >= 2000:
            advice.append(
                f"服务 {service.api_code} 的 P95 延迟为 {service.p95_latency_ms:,.0f} ms，"
                "建议排查上游性能或调整超时。"
            )
    if figures.calls and figures.client_error_calls / figures.calls >= 0.1:
        advice.append(
            f"客户端错误占 {100 * figures.client_error_calls / figures.calls:.1f}%，"
            "建议与相关渠道核对接入参数与凭证。"
        )
    if figures.previous_calls and figures.calls < figures.previous_calls * 0.7:
        advice.append("调用量较上期下降超过 30%，建议与渠道确认业务变化。")
    if figures.alerts.critical:
        advice.append(
            f"本期有 {figures.alerts.critical} 条严重告警，建议逐条复盘并在运维记录中留档。"
        )
    if figures.inspection_risks:
        advice.append(f"最近一次巡检有 {figures.inspection_risks} 项风险，请按巡检报告的建议处理。")
    if figures.maintenance is not None:
        advice.extend(maintenance_advice(figures.maintenance))
    if not advice:
        advice.append("各项指标平稳，保持现有巡检与告警配置。")
    return advice


def summary_advice(work: MaintenanceFigures) -> list[str]:
    """The maintenance summary's recommendations; something to say also when all went well."""
    if not work.entries:
        return ["本期没有运维记录。"]
    return maintenance_advice(work) or ["本期各项服务时限均已达标，保持现有运维安排。"]


# Charts: inline SVG, no script, no external resources.


def _esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def bar_chart_svg(
    points: Sequence[tuple[str, int, int]], width: int = 720, height: int = 220
) -> str:
    """Daily calls (blue) with failed calls (red) over them; labels every few bars."""
    if not points:
        return ""
    left, bottom, top = 48, 28, 12
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max(1, *(total for _, total, _ in points))
    step = plot_w / len(points)
    bar = max(step * 0.7, 1.0)
    every = max(1, len(points) // 10)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="每日调用量">',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" '
        'stroke="#999"/>',
        f'<text x="{left - 6}" y="{top + 8}" font-size="11" text-anchor="end">{peak:,}</text>',
        f'<text x="{left - 6}" y="{top + plot_h}" font-size="11" text-anchor="end">0</text>',
    ]
    for index, (label, total, failed) in enumerate(points):
        x = left + index * step + (step - bar) / 2
        h = plot_h * total / peak
        fh = plot_h * failed / peak
        parts.append(
            f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
            f'fill="#3b82f6"><title>{_esc(label)}：{total:,} 次</title></rect>'
        )
        if failed:
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - fh:.1f}" width="{bar:.1f}" '
                f'height="{fh:.1f}" fill="#ef4444"><title>失败 {failed:,} 次</title></rect>'
            )
        if index % every == 0:
            parts.append(
                f'<text x="{x + bar / 2:.1f}" y="{height - 10}" font-size="10" '
                f'text-anchor="middle">{_esc(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def share_bars_svg(rows: Sequence[tuple[str, float]], width: int = 720) -> str:
    """Horizontal bars of shares 0..1 (availability or success per service)."""
    if not rows:
        return ""
    row_h, label_w = 22, 200
    height = row_h * len(rows) + 8
    plot = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="各服务可用率">'
    ]
    for index, (label, share) in enumerate(rows):
        y = 4 + index * row_h
        colour = "#22c55e" if share >= 0.999 else "#f59e0b" if share >= 0.99 else "#ef4444"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"{_esc(label[:28])}</text>"
            f'<rect x="{label_w}" y="{y + 3}" width="{plot}" height="14" fill="#eee"/>'
            f'<rect x="{label_w}" y="{y + 3}" width="{plot * share:.1f}" height="14" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + plot + 6}" y="{y + 15}" font-size="12">{100 * share:.2f}%</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grade_bars_svg(ok: int, warning: int, risk: int, width: int = 720) -> str:
    total = max(ok + warning + risk, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="40" '
        f'viewBox="0 0 {width} 40" role="img" aria-label="巡检结果分布">'
    ]
    x = 0.0
    for count, colour, name in (
        (ok, "#22c55e", "正常"),
        (warning, "#f59e0b", "警告"),
        (risk, "#ef4444", "风险"),
    ):
        w = width * count / total
        if count:
            parts.append(
                f'<rect x="{x:.1f}" y="4" width="{w:.1f}" height="24" fill="{colour}">'
                f"<title>{name} {count}</title></rect>"
            )
            parts.append(
                f'<text x="{x + w / 2:.1f}" y="21" font-size="12" text-anchor="middle" '
                f'fill="#fff">{name} {count}</text>'
            )
        x += w
    parts.append("</svg>")
    return "".join(parts)


# HTML.

_STYLE = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",
sans-serif;color:#1f2937;max-width:960px;margin:24px auto;padding:0 16px;line-height:1.6}
h1{font-size:24px;border-bottom:2px solid #1d4ed8;padding-bottom:8px}
h2{font-size:18px;color:#1d4ed8;margin-top:28px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border:1px solid #d1d5db;padding:4px 8px;text-align:left}
th{background:#f3f4f6} td.n{text-align:right;font-variant-numeric:tabular-nums}
.kpi{display:flex;flex-wrap:wrap;gap:12px}
.kpi div{border:1px solid #d1d5db;border-radius:6px;padding:8px 14px;min-width:140px}
.kpi b{display:block;font-size:20px}
.g-ok{color:#15803d}.g-warning{color:#b45309}.g-risk{color:#b91c1c}.g-unknown{color:#6b7280}
.meta{color:#6b7280;font-size:12px}
h3{font-size:15px;margin-top:18px}
table.sign td{border:none;padding:24px 8px 8px;width:33%}
"""


def _page(title: str, body: str, generated: datetime, zone: ZoneInfo) -> bytes:
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{_esc(title)}</title><style>{_STYLE}</style></head><body>"
        f"<h1>{_esc(title)}</h1>"
        f'<p class="meta">生成时间：{generated.astimezone(zone):%Y-%m-%d %H:%M}'
        f"（{_esc(zone.key)}）· 数据来源：外联平台监控服务</p>"
        f"{body}</body></html>\n"
    ).encode()


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    head = "".join(f"<th>{_esc(h)}</th>" for h in headers)
    lines = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{cell}</td>' if index in numeric else f"<td>{cell}</td>"
            for index, cell in enumerate(row)
        )
        lines.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(lines)}</tbody></table>"


def _change(now: float, before: float) -> str:
    if not before:
        return "上期无数据"
    return f"{100 * (now - before) / before:+.1f}%"


def daily_labels(figures: Figures) -> list[tuple[str, int, int]]:
    return [(f"{day.month}/{day.day}", calls, failed) for day, calls, failed in figures.daily]


def operations_html(figures: Figures, generated: datetime, zone: ZoneInfo) -> bytes:
    """The operations analysis report as one self-contained page."""
    start = figures.start.astimezone(zone)
    last = (figures.end - timedelta(seconds=1)).astimezone(zone)
    kpis = (
        ("总调用量", f"{figures.calls:,}"),
        ("成功率", f"{100 * figures.success_share:.2f}%"),
        ("平台可用率", f"{100 * figures.availability:.2f}%"),
        ("平均延迟", f"{figures.average_latency_ms:,.0f} ms"),
        ("P95 延迟", f"{figures.p95_latency_ms:,.0f} ms"),
        ("告警", f"{figures.alerts.total:,}"),
    )
    body = [
        f"<p>统计周期：{start:%Y-%m-%d} 至 {last:%Y-%m-%d}（{_esc(figures.label)}）</p>",
        "<h2>一、总体情况</h2>",
        '<div class="kpi">'
        + "".join(f"<div>{_esc(name)}<b>{value}</b></div>" for name, value in kpis)
        + "</div>",
        _table(
            ("指标", "本期", "上期", "变化"),
            (
                (
                    "调用量",
                    f"{figures.calls:,}",
                    f"{figures.previous_calls:,}",
                    _change(figures.calls, figures.previous_calls),
                ),
                (
                    "成功率",
                    f"{100 * figures.success_share:.2f}%",
                    f"{100 * figures.previous_success_share:.2f}%",
                    f"{100 * (figures.success_share - figures.previous_success_share):+.2f}"
                    " 个百分点"
                    if figures.previous_calls
                    else "上期无数据",
                ),
                ("成功调用", f"{figures.success_calls:,}", "", ""),
                ("客户端错误（4xx）", f"{figures.client_error_calls:,}", "", ""),
                ("服务端错误（5xx 与网关故障）", f"{figures.server_error_calls:,}", "", ""),
            ),
            {1, 2, 3},
        ),
        "<h2>二、调用趋势</h2>",
        "<p>每日调用量（蓝色）与失败调用（红色）。</p>",
        bar_chart_svg(daily_labels(figures)),
        "<h2>三、各服务可用率</h2>",
        f"<p>可用率按小时计：某小时服务端错误占该服务调用 ≥ {100 * UNAVAILABLE_HOUR_SHARE:.0f}% "
        f"记为不可用。本期共 {figures.period_hours:,} 小时，平台有服务不可用的小时数 "
        f"{figures.unavailable_hours:,}。</p>",
        share_bars_svg([(s.api_code, s.availability) for s in figures.services[:30]]),
        _table(
            (
                "服务",
                "调用量",
                "成功率",
                "客户端错误",
                "服务端错误",
                "平均延迟 (ms)",
                "P95 (ms)",
                "不可用小时",
                "可用率",
            ),
            [
                (
                    _esc(s.api_code),
                    f"{s.calls:,}",
                    f"{100 * s.success_share:.2f}%",
                    f"{s.client_error_calls:,}",
                    f"{s.server_error_calls:,}",
                    f"{s.average_latency_ms:,.0f}",
                    f"{s.p95_latency_ms:,.0f}",
                    f"{s.unavailable_hours:,}",
                    f"{100 * s.availability:.2f}%",
                )
                for s in figures.services
            ],
            {1, 2, 3, 4, 5, 6, 7, 8},
        ),
        "<h2>四、告警情况</h2>",
        _table(
            ("合计", "严重", "警告", "提示"),
            (
                (
                    f"{figures.alerts.total:,}",
                    f"{figures.alerts.critical:,}",
                    f"{figures.alerts.warning:,}",
                    f"{figures.alerts.info:,}",
                ),
            ),
            {0, 1, 2, 3},
        ),
    ]
    if figures.alerts.top_rules:
        body.append(
            _table(
                ("告警规则", "触发次数", "累计持续（分钟）"),
                [(_esc(n), f"{c:,}", f"{m:,.0f}") for n, c, m in figures.alerts.top_rules],
                {1, 2},
            )
        )
    if figures.maintenance is not None:
        body.append("<h2>五、运维记录与服务时限</h2>")
        body.extend(maintenance_overview_html(figures.maintenance, zone))
    problems = top_problems(figures)
    body.append("<h2>六、主要问题</h2>")
    body.append(
        "<ol>" + "".join(f"<li>{_esc(p)}</li>" for p in problems) + "</ol>"
        if problems
        else "<p>本期未发现突出问题。</p>"
    )
    body.append("<h2>七、建议</h2>")
    body.append("<ol>" + "".join(f"<li>{_esc(a)}</li>" for a in recommendations(figures)) + "</ol>")
    return _page(figures.title, "".join(body), generated, zone)


@dataclass(frozen=True)
class InspectionFacts:
    number: str
    started: datetime
    ended: datetime | None
    started_by: str
    overall: Grade
    ok: int
    warning: int
    risk: int
    findings: Sequence[Finding]


def inspection_html(
    title: str, facts: InspectionFacts, generated: datetime, zone: ZoneInfo
) -> bytes:
    """The inspection report: the grades, then every finding by target."""
    body = [
        _table(
            ("巡检编号", "开始时间", "发起人", "总体评级", "正常", "警告", "风险"),
            (
                (
                    _esc(facts.number),
                    f"{facts.started.astimezone(zone):%Y-%m-%d %H:%M}",
                    _esc(facts.started_by),
                    f'<span class="g-{facts.overall.value}">{GRADE_NAMES[facts.overall]}</span>',
                    str(facts.ok),
                    str(facts.warning),
                    str(facts.risk),
                ),
            ),
            {4, 5, 6},
        ),
        grade_bars_svg(facts.ok, facts.warning, facts.risk),
    ]
    attention = [f for f in facts.findings if f.grade in (Grade.RISK, Grade.WARNING)]
    body.append("<h2>一、需要关注的项目</h2>")
    if attention:
        body.append(
            _table(
                ("评级", "检查项", "对象", "观测值", "阈值", "建议"),
                [
                    (
                        f'<span class="g-{f.grade.value}">{GRADE_NAMES[f.grade]}</span>',
                        _esc(f.check_name),
                        _esc(f.subject),
                        _esc(f.observed),
                        _esc(f.threshold),
                        _esc(f.recommendation),
                    )
                    for f in attention
                ],
                set(),
            )
        )
    else:
        body.append("<p>所有检查项均正常。</p>")
    section = 2
    numerals = "一二三四五六七八九十"
    for target, name in TARGET_NAMES.items():
        rows = [f for f in facts.findings if f.target is target]
        if not rows:
            continue
        body.append(f"<h2>{numerals[section - 1]}、{_esc(name)}</h2>")
        body.append(
            _table(
                ("检查项", "对象", "观测值", "阈值", "评级"),
                [
                    (
                        _esc(f.check_name),
                        _esc(f.subject),
                        _esc(f.observed),
                        _esc(f.threshold),
                        f'<span class="g-{f.grade.value}">{GRADE_NAMES[f.grade]}</span>',
                    )
                    for f in rows
                ],
                set(),
            )
        )
        section += 1
    return _page(title, "".join(body), generated, zone)


# The maintenance summary (运维记录汇总): acceptance evidence for a period.


def _moment_text(moment: datetime | None, zone: ZoneInfo) -> str:
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}" if moment is not None else ""


def maintenance_kpis(work: MaintenanceFigures) -> tuple[tuple[str, str], ...]:
    return (
        ("运维记录", f"{work.total:,}"),
        ("未完成", f"{work.unfinished:,}"),
        ("超出时限的记录", f"{work.breached_records:,}"),
        ("服务时限达标率", compliance_text(work)),
    )


def kind_rows(work: MaintenanceFigures) -> list[tuple[str, ...]]:
    """Per kind: records, open, resolved, closed, cancelled, timers met and breached, and the
    average response and resolution times."""
    rows: list[tuple[str, ...]] = []
    for k in work.summary.kinds:
        cancelled = k.total - k.open - k.resolved - k.closed
        rows.append(
            (
                MAINTENANCE_KIND_NAMES[k.kind],
                f"{k.total:,}",
                f"{k.open:,}",
                f"{k.resolved:,}",
                f"{k.closed:,}",
                f"{cancelled:,}",
                f"{k.response_met:,}",
                f"{k.response_breached:,}",
                f"{k.resolution_met:,}",
                f"{k.resolution_breached:,}",
                duration_text(k.average_response_time) if k.response_times else "—",
                duration_text(k.average_resolution_time) if k.resolution_times else "—",
            )
        )
    return rows


KIND_HEADERS = (
    "类别",
    "记录数",
    "未完成",
    "已解决",
    "已关闭",
    "已撤销",
    "响应达标",
    "响应超时",
    "解决达标",
    "解决超时",
    "平均响应时间",
    "平均解决时间（工作时间）",
)
TIMER_HEADERS = ("服务时限", "达标", "超时", "计时中", "已撤销", "达标率")
BREACH_HEADERS = ("记录编号", "标题", "时限", "到期时间", "完成时间", "超出")


def timer_rows(work: MaintenanceFigures) -> list[tuple[str, ...]]:
    return [
        (
            t.name,
            f"{t.met:,}",
            f"{t.breached:,}",
            f"{t.running:,}",
            f"{t.stopped:,}",
            f"{100 * t.met / t.finished:.1f}%" if t.finished else "—",
        )
        for t in work.timers
    ]


def breach_rows(work: MaintenanceFigures, zone: ZoneInfo) -> list[tuple[str, ...]]:
    return [
        (
            b.entry.number,
            b.entry.title,
            timer_name(b.entry.kind, b.timer, b.target),
            _moment_text(b.due, zone),
            _moment_text(b.met, zone) or "未完成",
            late_text(b),
        )
        for b in work.breaches
    ]


def maintenance_overview_html(work: MaintenanceFigures, zone: ZoneInfo) -> list[str]:
    """The records' counts, each timer met or breached, and the breaches: shared by the
    operations analysis and the maintenance summary."""
    body = [
        '<div class="kpi">'
        + "".join(
            f"<div>{_esc(name)}<b>{_esc(value)}</b></div>" for name, value in maintenance_kpis(work)
        )
        + "</div>",
        f"<p>服务时限达标率：所有计时均达标的记录数 ÷ 有计时已完成或已超时的记录数"
        f"（{work.timed_records - work.breached_records} ÷ {work.timed_records}）；"
        f"仍在计时的记录按 {_moment_text(work.as_of, zone)} 的状态计入。</p>",
    ]
    if not work.entries:
        body.append("<p>本期没有运维记录。</p>")
        return body
    body.append(
        _table(
            KIND_HEADERS,
            [tuple(_esc(cell) for cell in row) for row in kind_rows(work)],
            set(range(1, 12)),
        )
    )
    if work.timers:
        body.append("<h3>服务时限执行情况</h3>")
        body.append(
            _table(
                TIMER_HEADERS,
                [tuple(_esc(cell) for cell in row) for row in timer_rows(work)],
                {1, 2, 3, 4, 5},
            )
        )
    body.append("<h3>超出服务时限的记录</h3>")
    if work.breaches:
        body.append(
            _table(
                BREACH_HEADERS,
                [tuple(_esc(cell) for cell in row) for row in breach_rows(work, zone)],
                {5},
            )
        )
    else:
        body.append("<p>本期所有服务时限均已达标。</p>")
    return body


def record_rows(work: MaintenanceFigures, zone: ZoneInfo) -> list[tuple[str, ...]]:
    """Every record: who reported it when, who handled it, where it stands, how it ended."""

    def timers_text(entry: MaintenanceEntry) -> str:
        said = []
        for name, one in ((RESPONSE, entry.response), (RESOLUTION, entry.resolution)):
            if one is None:
                continue
            state = "超时" if one.breached else "达标" if one.met is not None else "计时中"
            if (
                one.met is None
                and not one.breached
                and entry.status is maintenance.Status.CANCELLED
            ):
                state = "已撤销"
            said.append(f"{TIMER_NAMES[name]}{state}")
        return "，".join(said) or "无计时"

    return [
        (
            e.number,
            MAINTENANCE_KIND_NAMES[e.kind],
            MAINTENANCE_SEVERITY_NAMES[e.severity],
            e.title,
            e.reporter,
            _moment_text(e.reported, zone),
            e.assignee,
            MAINTENANCE_STATUS_NAMES[e.status],
            e.resolution_text,
            timers_text(e),
        )
        for e in work.entries
    ]


RECORD_HEADERS = (
    "编号",
    "类别",
    "严重程度",
    "标题",
    "报告人",
    "报告时间",
    "负责人",
    "状态",
    "处理结果",
    "服务时限",
)
SIGNATURES = ("运维服务方（签字）：", "医院信息部门（签字）：", "日期：")


def maintenance_html(
    title: str, label: str, work: MaintenanceFigures, generated: datetime, zone: ZoneInfo
) -> bytes:
    """The maintenance summary: counts, timers, breaches, every record, and room to sign."""
    start = work.start.astimezone(zone)
    last = (work.end - timedelta(seconds=1)).astimezone(zone)
    body = [
        f"<p>统计周期：{start:%Y-%m-%d} 至 {last:%Y-%m-%d}（{_esc(label)}），按报告时间统计。</p>",
        "<h2>一、总体情况</h2>",
        *maintenance_overview_html(work, zone),
        "<h2>二、按严重程度统计</h2>",
        _table(
            ("严重程度", "记录数", "超出时限的记录"),
            [
                (
                    MAINTENANCE_SEVERITY_NAMES[level.severity],
                    f"{level.total:,}",
                    f"{level.breached:,}",
                )
                for level in work.summary.severities
            ],
            {1, 2},
        )
        if work.summary.severities
        else "<p>本期没有运维记录。</p>",
        "<h2>三、记录明细</h2>",
        _table(
            RECORD_HEADERS,
            [tuple(_esc(cell) for cell in row) for row in record_rows(work, zone)],
            set(),
        )
        if work.entries
        else "<p>本期没有运维记录。</p>",
        "<h2>四、建议</h2>",
        "<ol>" + "".join(f"<li>{_esc(a)}</li>" for a in summary_advice(work)) + "</ol>",
        "<h2>五、确认</h2>",
        '<table class="sign"><tbody><tr>'
        + "".join(f"<td>{_esc(s)}</td>" for s in SIGNATURES)
        + "</tr></tbody></table>",
    ]
    return _page(title, "".join(body), generated, zone)
