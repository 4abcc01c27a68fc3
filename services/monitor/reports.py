"""Reports (O8): periods, the figures of the operations analysis, recommendations, and the
self-contained Chinese HTML with inline SVG charts. No gRPC or SQL here."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from services.monitor.inspections import GRADE_NAMES, TARGET_NAMES, Finding, Grade


class Kind(Enum):
    INSPECTION = "inspection"
    OPERATIONS_ANALYSIS = "operations_analysis"
    MAINTENANCE_SUMMARY = "maintenance_summary"


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
    return problems[: limit * 2]


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
    if not advice:
        advice.append("各项指标平稳，保持现有巡检与告警配置。")
    return advice


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
    problems = top_problems(figures)
    body.append("<h2>五、主要问题</h2>")
    body.append(
        "<ol>" + "".join(f"<li>{_esc(p)}</li>" for p in problems) + "</ol>"
        if problems
        else "<p>本期未发现突出问题。</p>"
    )
    body.append("<h2>六、建议</h2>")
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
