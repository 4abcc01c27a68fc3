"""Reports as PDF with fpdf2 (pure Python): the same content as the HTML, in a Chinese font
that is embedded (subset) in the file, with the charts drawn as vector bars.

The font is a TrueType/OpenType file on the machine: WAILIAN_MONITOR_REPORT_FONT, else a
known Debian location (fonts-wqy-microhei, fonts-noto-cjk, ...), else what fontconfig knows
for Chinese. Without one the PDF cannot show Chinese and is not made (the HTML still is).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from services.monitor import reports
from services.monitor.inspections import GRADE_NAMES, TARGET_NAMES, Grade

FONT_VARIABLE = "WAILIAN_MONITOR_REPORT_FONT"
KNOWN_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


class PdfUnavailable(Exception):
    """No Chinese font on this machine."""


def find_font(env: Mapping[str, str]) -> Path:
    """The Chinese font to embed; PdfUnavailable naming what to install when there is none."""
    configured = env.get(FONT_VARIABLE, "").strip()
    if configured:
        if not Path(configured).is_file():
            raise PdfUnavailable(f"{FONT_VARIABLE} names no file: {configured}")
        return Path(configured)
    for candidate in KNOWN_FONTS:
        if Path(candidate).is_file():
            return Path(candidate)
    fc_list = shutil.which("fc-list")
    if fc_list:
        listed = subprocess.run(  # noqa: S603 - fixed arguments
            [fc_list, ":lang=zh", "file"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
        for line in sorted(listed.splitlines()):
            path = line.split(":", 1)[0].strip()
            if path.endswith((".ttf", ".ttc", ".otf")) and Path(path).is_file():
                return Path(path)
    raise PdfUnavailable(
        "no Chinese font for the PDF: install fonts-wqy-microhei (or fonts-noto-cjk), "
        f"or set {FONT_VARIABLE} to a TrueType/OpenType file"
    )


_BLUE = (29, 78, 216)
_GRADE_COLOURS = {
    Grade.OK: (21, 128, 61),
    Grade.WARNING: (180, 83, 9),
    Grade.RISK: (185, 28, 28),
    Grade.UNKNOWN: (107, 114, 128),
}


class _Document(FPDF):
    def __init__(self, font: Path, title: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.add_font("cjk", "", str(font))
        self.set_font("cjk", size=10)
        self.set_title(title)
        self.set_creator("Wailian monitor")
        self.set_auto_page_break(auto=True, margin=15)
        self.doc_title = title
        self.add_page()

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("cjk", size=8)
        self.set_text_color(107, 114, 128)
        self.cell(0, 6, f"{self.doc_title} · 第 {self.page_no()} 页", align="C")
        self.set_text_color(0, 0, 0)

    def heading(self, text: str, size: int = 13) -> None:
        self.ln(3)
        self.set_font("cjk", size=size)
        self.set_text_color(*_BLUE)
        self.multi_cell(0, 8, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(0, 0, 0)
        self.set_font("cjk", size=10)

    def paragraph(self, text: str) -> None:
        # Left-aligned: justified Chinese stretches the gaps around numbers.
        self.multi_cell(0, 6, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def grid(
        self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> None:
        self.set_font("cjk", size=8)
        self.set_fill_color(255, 255, 255)
        with super().table(
            col_widths=tuple(widths),
            text_align="LEFT",
            line_height=5,
            headings_style=FontFace(emphasis="", fill_color=(243, 244, 246)),
        ) as table:
            header = table.row()
            for text in headers:
                header.cell(text)
            for values in rows:
                row = table.row()
                for value in values:
                    row.cell(value)
        self.set_font("cjk", size=10)
        self.ln(2)

    def daily_bars(self, points: Sequence[tuple[str, int, int]]) -> None:
        if not points:
            return
        width, height = self.epw, 45.0
        if self.get_y() + height + 10 > self.page_break_trigger:
            self.add_page()
        x0, y0 = self.l_margin + 12, self.get_y() + 2
        plot_w = width - 12
        peak = max(1, *(total for _, total, _ in points))
        step = plot_w / len(points)
        bar = max(step * 0.7, 0.3)
        self.set_font("cjk", size=7)
        self.set_xy(self.l_margin, y0 - 1)
        self.cell(11, 4, f"{peak:,}", align="R")
        self.set_xy(self.l_margin, y0 + height - 3)
        self.cell(11, 4, "0", align="R")
        self.set_draw_color(150, 150, 150)
        self.line(x0, y0 + height, x0 + plot_w, y0 + height)
        every = max(1, len(points) // 10)
        for index, (label, total, failed) in enumerate(points):
            x = x0 + index * step + (step - bar) / 2
            h = height * total / peak
            self.set_fill_color(59, 130, 246)
            if h > 0:
                self.rect(x, y0 + height - h, bar, h, style="F")
            fh = height * failed / peak
            if fh > 0:
                self.set_fill_color(239, 68, 68)
                self.rect(x, y0 + height - fh, bar, fh, style="F")
            if index % every == 0:
                self.set_xy(x - 5, y0 + height + 0.5)
                self.cell(bar + 10, 4, label, align="C")
        self.set_font("cjk", size=10)
        self.set_xy(self.l_margin, y0 + height + 6)

    def share_bars(self, rows: Sequence[tuple[str, float]]) -> None:
        label_w, plot_w = 50.0, self.epw - 70
        self.set_font("cjk", size=8)
        for label, share in rows:
            if self.get_y() + 7 > self.page_break_trigger:
                self.add_page()
            y = self.get_y()
            self.set_x(self.l_margin)
            self.cell(label_w - 2, 5, label[:28], align="R")
            self.set_fill_color(238, 238, 238)
            self.rect(self.l_margin + label_w, y + 0.5, plot_w, 4, style="F")
            colour = (
                (34, 197, 94)
                if share >= 0.999
                else (245, 158, 11)
                if share >= 0.99
                else (239, 68, 68)
            )
            self.set_fill_color(*colour)
            if share > 0:
                self.rect(self.l_margin + label_w, y + 0.5, plot_w * share, 4, style="F")
            self.set_xy(self.l_margin + label_w + plot_w + 2, y)
            self.cell(18, 5, f"{100 * share:.2f}%")
            self.set_xy(self.l_margin, y + 6)
        self.set_font("cjk", size=10)
        self.ln(2)

    def grade_bar(self, ok: int, warning: int, risk: int) -> None:
        total = max(ok + warning + risk, 1)
        x, y = self.l_margin, self.get_y() + 2
        for count, grade in ((ok, Grade.OK), (warning, Grade.WARNING), (risk, Grade.RISK)):
            w = self.epw * count / total
            if count:
                self.set_fill_color(*_GRADE_COLOURS[grade])
                self.rect(x, y, w, 8, style="F")
                self.set_text_color(255, 255, 255)
                self.set_xy(x, y + 1)
                self.cell(w, 6, f"{GRADE_NAMES[grade]} {count}", align="C")
                self.set_text_color(0, 0, 0)
            x += w
        self.set_xy(self.l_margin, y + 11)

    def meta(self, generated: datetime, zone: ZoneInfo) -> None:
        self.set_font("cjk", size=18)
        self.multi_cell(0, 10, self.doc_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("cjk", size=8)
        self.set_text_color(107, 114, 128)
        self.paragraph(
            f"生成时间：{generated.astimezone(zone):%Y-%m-%d %H:%M}（{zone.key}）· "
            "数据来源：外联平台监控服务"
        )
        self.set_text_color(0, 0, 0)
        self.set_font("cjk", size=10)

    def finish(self) -> bytes:
        return bytes(self.output())


def operations_pdf(
    figures: reports.Figures, generated: datetime, zone: ZoneInfo, font: Path
) -> bytes:
    pdf = _Document(font, figures.title)
    pdf.meta(generated, zone)
    start = figures.start.astimezone(zone)
    last = (figures.end - timedelta(seconds=1)).astimezone(zone)
    pdf.paragraph(f"统计周期：{start:%Y-%m-%d} 至 {last:%Y-%m-%d}（{figures.label}）")
    pdf.heading("一、总体情况")
    pdf.grid(
        ("总调用量", "成功率", "平台可用率", "平均延迟", "P95 延迟", "告警"),
        (
            (
                f"{figures.calls:,}",
                f"{100 * figures.success_share:.2f}%",
                f"{100 * figures.availability:.2f}%",
                f"{figures.average_latency_ms:,.0f} ms",
                f"{figures.p95_latency_ms:,.0f} ms",
                f"{figures.alerts.total:,}",
            ),
        ),
        (1, 1, 1, 1, 1, 1),
    )
    pdf.grid(
        ("指标", "本期", "上期"),
        (
            ("调用量", f"{figures.calls:,}", f"{figures.previous_calls:,}"),
            (
                "成功率",
                f"{100 * figures.success_share:.2f}%",
                f"{100 * figures.previous_success_share:.2f}%",
            ),
            ("客户端错误（4xx）", f"{figures.client_error_calls:,}", ""),
            ("服务端错误（5xx 与网关故障）", f"{figures.server_error_calls:,}", ""),
        ),
        (2, 1, 1),
    )
    pdf.heading("二、调用趋势")
    pdf.paragraph("每日调用量（蓝色）与失败调用（红色）。")
    pdf.daily_bars(reports.daily_labels(figures))
    pdf.heading("三、各服务可用率")
    pdf.paragraph(
        f"可用率按小时计：某小时服务端错误占该服务调用 ≥ "
        f"{100 * reports.UNAVAILABLE_HOUR_SHARE:.0f}% 记为不可用。"
        f"本期共 {figures.period_hours:,} 小时，平台有服务不可用的小时数 "
        f"{figures.unavailable_hours:,}。"
    )
    pdf.share_bars([(s.api_code, s.availability) for s in figures.services[:30]])
    pdf.grid(
        ("服务", "调用量", "成功率", "服务端错误", "P95 (ms)", "不可用小时", "可用率"),
        [
            (
                s.api_code,
                f"{s.calls:,}",
                f"{100 * s.success_share:.2f}%",
                f"{s.server_error_calls:,}",
                f"{s.p95_latency_ms:,.0f}",
                f"{s.unavailable_hours:,}",
                f"{100 * s.availability:.2f}%",
            )
            for s in figures.services
        ],
        (3, 1.2, 1.2, 1.2, 1, 1, 1.2),
    )
    pdf.heading("四、告警情况")
    alerts = figures.alerts
    pdf.grid(
        ("合计", "严重", "警告", "提示"),
        ((f"{alerts.total:,}", f"{alerts.critical:,}", f"{alerts.warning:,}", f"{alerts.info:,}"),),
        (1, 1, 1, 1),
    )
    if alerts.top_rules:
        pdf.grid(
            ("告警规则", "触发次数", "累计持续（分钟）"),
            [(n, f"{c:,}", f"{m:,.0f}") for n, c, m in alerts.top_rules],
            (3, 1, 1),
        )
    if figures.maintenance is not None:
        pdf.heading("五、运维记录与服务时限")
        _maintenance_overview(pdf, figures.maintenance, zone)
    pdf.heading("六、主要问题")
    problems = reports.top_problems(figures)
    for index, problem in enumerate(problems or ["本期未发现突出问题。"], start=1):
        pdf.paragraph(f"{index}. {problem}" if problems else problem)
    pdf.heading("七、建议")
    for index, advice in enumerate(reports.recommendations(figures), start=1):
        pdf.paragraph(f"{index}. {advice}")
    return pdf.finish()


def _maintenance_overview(pdf: _Document, work: reports.MaintenanceFigures, zone: ZoneInfo) -> None:
    kpis = reports.maintenance_kpis(work)
    pdf.grid([name for name, _ in kpis], [[value for _, value in kpis]], (1, 1, 1, 1))
    pdf.paragraph(
        f"服务时限达标率：所有计时均达标的记录数 ÷ 有计时已完成或已超时的记录数"
        f"（{work.timed_records - work.breached_records} ÷ {work.timed_records}）；"
        f"仍在计时的记录按 {work.as_of.astimezone(zone):%Y-%m-%d %H:%M} 的状态计入。"
    )
    if not work.entries:
        pdf.paragraph("本期没有运维记录。")
        return
    pdf.grid(
        reports.KIND_HEADERS,
        reports.kind_rows(work),
        (1.3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 1.3, 1.5),
    )
    if work.timers:
        pdf.heading("服务时限执行情况", size=11)
        pdf.grid(reports.TIMER_HEADERS, reports.timer_rows(work), (4, 0.8, 0.8, 0.8, 0.8, 1))
    pdf.heading("超出服务时限的记录", size=11)
    if work.breaches:
        pdf.grid(
            reports.BREACH_HEADERS, reports.breach_rows(work, zone), (1.6, 2, 1.6, 1.4, 1.4, 1.6)
        )
    else:
        pdf.paragraph("本期所有服务时限均已达标。")


def maintenance_pdf(
    title: str,
    label: str,
    work: reports.MaintenanceFigures,
    generated: datetime,
    zone: ZoneInfo,
    font: Path,
) -> bytes:
    """The maintenance summary, as the HTML: counts, timers, breaches, records, signatures."""
    pdf = _Document(font, title)
    pdf.meta(generated, zone)
    start = work.start.astimezone(zone)
    last = (work.end - timedelta(seconds=1)).astimezone(zone)
    pdf.paragraph(f"统计周期：{start:%Y-%m-%d} 至 {last:%Y-%m-%d}（{label}），按报告时间统计。")
    pdf.heading("一、总体情况")
    _maintenance_overview(pdf, work, zone)
    pdf.heading("二、按严重程度统计")
    if work.summary.severities:
        pdf.grid(
            ("严重程度", "记录数", "超出时限的记录"),
            [
                (
                    reports.MAINTENANCE_SEVERITY_NAMES[level.severity],
                    f"{level.total:,}",
                    f"{level.breached:,}",
                )
                for level in work.summary.severities
            ],
            (1, 1, 1),
        )
    else:
        pdf.paragraph("本期没有运维记录。")
    pdf.heading("三、记录明细")
    if work.entries:
        pdf.grid(
            reports.RECORD_HEADERS,
            reports.record_rows(work, zone),
            (1.6, 0.8, 0.7, 1.8, 1, 1.3, 1, 0.8, 1.8, 1.2),
        )
    else:
        pdf.paragraph("本期没有运维记录。")
    pdf.heading("四、建议")
    for index, line in enumerate(reports.summary_advice(work), start=1):
        pdf.paragraph(f"{index}. {line}")
    pdf.heading("五、确认")
    pdf.ln(6)
    width = pdf.epw / len(reports.SIGNATURES)
    for text in reports.SIGNATURES:
        pdf.cell(width, 8, text)
    pdf.ln(10)
    return pdf.finish()


def inspection_pdf(
    title: str,
    facts: reports.InspectionFacts,
    generated: datetime,
    zone: ZoneInfo,
    font: Path,
) -> bytes:
    pdf = _Document(font, title)
    pdf.meta(generated, zone)
    pdf.grid(
        ("巡检编号", "开始时间", "发起人", "总体评级", "正常", "警告", "风险"),
        (
            (
                facts.number,
                f"{facts.started.astimezone(zone):%Y-%m-%d %H:%M}",
                facts.started_by,
                GRADE_NAMES[facts.overall],
                str(facts.ok),
                str(facts.warning),
                str(facts.risk),
            ),
        ),
        (1.6, 1.6, 1, 1, 0.7, 0.7, 0.7),
    )
    pdf.grade_bar(facts.ok, facts.warning, facts.risk)
    pdf.heading("一、需要关注的项目")
    attention = [f for f in facts.findings if f.grade in (Grade.RISK, Grade.WARNING)]
    if attention:
        pdf.grid(
            ("评级", "检查项", "对象", "观测值", "阈值", "建议"),
            [
                (
                    GRADE_NAMES[f.grade],
                    f.check_name,
                    f.subject,
                    f.observed,
                    f.threshold,
                    f.recommendation,
                )
                for f in attention
            ],
            (0.7, 1.2, 1.8, 1.6, 1.6, 2.6),
        )
    else:
        pdf.paragraph("所有检查项均正常。")
    numerals = "一二三四五六七八九十"
    section = 2
    for target, name in TARGET_NAMES.items():
        rows = [f for f in facts.findings if f.target is target]
        if not rows:
            continue
        pdf.heading(f"{numerals[section - 1]}、{name}")
        pdf.grid(
            ("检查项", "对象", "观测值", "阈值", "评级"),
            [
                (f.check_name, f.subject, f.observed, f.threshold, GRADE_NAMES[f.grade])
                for f in rows
            ],
            (1.2, 2.2, 2.0, 1.8, 0.7),
        )
        section += 1
    return pdf.finish()
