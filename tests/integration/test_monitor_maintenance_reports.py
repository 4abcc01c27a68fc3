"""The maintenance summary report and the maintenance section of the operations analysis, on
real SQLite and PostgreSQL: records made through the API (met and breached, reported in working
hours and at night), the numbers checked in the HTML and in the PDF's text, a page rendered."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2
import pytest
from google.protobuf import field_mask_pb2, timestamp_pb2

from tests.integration.conftest import Platform, start_platform
from tests.integration.test_monitor_reports import download, first_page_png, ready, report_stub
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import maintenance_pb2 as mp
from wailian.monitor.v1 import maintenance_pb2_grpc as mg
from wailian.monitor.v1 import reports_pb2 as rp

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor"))


def stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    message = timestamp_pb2.Timestamp()
    message.FromDatetime(moment.astimezone(UTC))
    return message


def moment(message: timestamp_pb2.Timestamp) -> datetime:
    return message.ToDatetime(tzinfo=UTC)


def local(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHANGHAI)


def zone_where_now_is(hour: int) -> str:
    """A fixed-offset time zone in which it is now `hour` o'clock (give or take the minutes)."""
    offset = (hour - datetime.now(UTC).hour) % 24
    if offset > 14:
        offset -= 24
    if offset == 0:
        return "Etc/GMT"
    # The Etc zones' signs are POSIX's: Etc/GMT-8 is eight hours ahead of UTC.
    return f"Etc/GMT{'-' if offset > 0 else '+'}{abs(offset)}"


def duration_text(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [f"{days} 天"] if days else []
    if hours:
        parts.append(f"{hours} 小时")
    if minutes or not parts:
        parts.append(f"{minutes} 分钟")
    return " ".join(parts)


def pdf_text(pdf: bytes) -> str:
    """The text of every page."""
    document = pypdfium2.PdfDocument(pdf)
    texts = []
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    # Table cells wrap: read the text without its line breaks.
    return "".join(texts).replace("\r", "").replace("\n", "")


class Records:
    def __init__(self, platform: Platform) -> None:
        self.stub = mg.MaintenanceServiceStub(platform.channel("monitor"))
        self.admin = platform.admin()

    def create(self, **fields: object) -> mp.MaintenanceRecord:
        values: dict[str, object] = {
            "kind": mp.MAINTENANCE_KIND_FAULT,
            "severity": mp.MAINTENANCE_SEVERITY_HIGH,
            "reporter_name": "门诊部 张医生",
            "assignee_name": "李工程师",
            **fields,
        }
        return self.stub.CreateMaintenanceRecord(
            mp.CreateMaintenanceRecordRequest(maintenance_record=mp.MaintenanceRecord(**values)),  # type: ignore[arg-type]
            metadata=self.admin,
        ).maintenance_record

    def acknowledge(self, record: mp.MaintenanceRecord) -> mp.MaintenanceRecord:
        return self.stub.AcknowledgeMaintenanceRecord(
            mp.AcknowledgeMaintenanceRecordRequest(
                maintenance_record_id=record.maintenance_record_id
            ),
            metadata=self.admin,
        ).maintenance_record

    def resolve(self, record: mp.MaintenanceRecord, resolution: str) -> mp.MaintenanceRecord:
        return self.stub.ResolveMaintenanceRecord(
            mp.ResolveMaintenanceRecordRequest(
                maintenance_record_id=record.maintenance_record_id, resolution=resolution
            ),
            metadata=self.admin,
        ).maintenance_record

    def calendar(self, time_zone: str, every_day: bool) -> None:
        """Working hours 08:00-18:00 in `time_zone`, every day or Monday to Friday."""
        self.stub.UpdateWorkingCalendar(
            mp.UpdateWorkingCalendarRequest(
                working_calendar=mp.WorkingCalendar(
                    time_zone=time_zone,
                    working_weekdays=list(range(1, 8)) if every_day else list(range(1, 6)),
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["time_zone", "working_weekdays"]),
            ),
            metadata=self.admin,
        )


def generate(platform: Platform, kind: int, start: datetime, end: datetime) -> rp.Report:
    started = (
        report_stub(platform)
        .GenerateReport(
            rp.GenerateReportRequest(
                kind=kind,  # type: ignore[arg-type]
                period=rp.REPORT_PERIOD_CUSTOM,
                time_range=common_pb2.TimeRange(start_time=stamp(start), end_time=stamp(end)),
                idempotency_key=uuid.uuid4().hex,
            ),
            metadata=platform.admin(),
        )
        .report
    )
    report = ready(platform, started.report_id)
    assert report.status == rp.REPORT_STATUS_READY, report.error
    assert report.html_size_bytes > 0 and report.pdf_size_bytes > 0
    return report


def cells(*values: object) -> str:
    return "".join(f'<td class="n">{v}</td>' for v in values)


def test_the_maintenance_summary_and_the_operations_report_count_the_records_and_their_timers(
    monitor: Platform,
) -> None:
    platform, records = monitor, Records(monitor)
    now = datetime.now(UTC)

    # On the contract's calendar in Shanghai (Tuesday 16 September 2025 is a working day).
    # A fault reported at 10:00, answered and repaired only now: both timers breached.
    day_fault = records.create(
        title="收费接口报错", report_time=stamp(local("2025-09-16", "10:00"))
    )
    assert day_fault.reported_in_working_hours
    assert day_fault.response_sla.target == "30 分钟"
    # A critical fault reported at 22:00 that nobody answered: one hour, running past due.
    night_fault = records.create(
        title="夜间自助机无法缴费",
        severity=mp.MAINTENANCE_SEVERITY_CRITICAL,
        report_time=stamp(local("2025-09-16", "22:00")),
    )
    assert not night_fault.reported_in_working_hours
    assert night_fault.response_sla.target == "1 小时"
    # A bug due the next working day at 15:00, fixed only now.
    bug = records.create(
        kind=mp.MAINTENANCE_KIND_BUG,
        severity=mp.MAINTENANCE_SEVERITY_MEDIUM,
        title="退款单状态不同步",
        report_time=stamp(local("2025-09-18", "15:00")),
    )
    # A data correction and a requirement of the last hours, done now: met.
    correction = records.create(
        kind=mp.MAINTENANCE_KIND_DATA_CORRECTION,
        severity=mp.MAINTENANCE_SEVERITY_LOW,
        title="修正重复挂号记录",
        report_time=stamp(now - timedelta(hours=2)),
    )
    wish = records.create(
        kind=mp.MAINTENANCE_KIND_REQUIREMENT,
        severity=mp.MAINTENANCE_SEVERITY_LOW,
        title="增加科室排班导出",
        report_time=stamp(now - timedelta(hours=1)),
    )
    # A change has no timer.
    change = records.create(
        kind=mp.MAINTENANCE_KIND_CHANGE,
        severity=mp.MAINTENANCE_SEVERITY_MEDIUM,
        title="升级检验接口版本",
        report_time=stamp(now - timedelta(minutes=30)),
    )
    # Two faults reported 50 minutes ago and answered now: late when reported in working hours
    # (30 minutes allowed), in time when reported at night (one hour allowed). The calendar's
    # time zone decides which it is now.
    records.calendar(zone_where_now_is(12), every_day=True)
    day_late = records.create(title="预约挂号超时", report_time=stamp(now - timedelta(minutes=50)))
    assert day_late.reported_in_working_hours
    records.calendar(zone_where_now_is(3), every_day=True)
    night_ok = records.create(title="报告查询慢", report_time=stamp(now - timedelta(minutes=50)))
    assert not night_ok.reported_in_working_hours
    records.calendar("Asia/Shanghai", every_day=False)

    answered = {}
    for record in (day_fault, day_late, night_ok):
        answered[record.number] = records.acknowledge(record)
        records.resolve(record, "已重启前置机并恢复服务")
    for record in (bug, correction, wish):
        records.resolve(record, "已处理")
    day_fault = answered[day_fault.number]
    day_late = answered[day_late.number]
    assert day_late.response_sla.breached and not answered[night_ok.number].response_sla.breached

    start, end = local("2025-09-01", "00:00"), now + timedelta(hours=1)
    report = generate(platform, rp.REPORT_KIND_MAINTENANCE_SUMMARY, start, end)
    assert report.kind == rp.REPORT_KIND_MAINTENANCE_SUMMARY
    assert "运维记录汇总" in report.title
    assert report.summary.maintenance_records == 8
    # Seven records have a timer met or breached; three met all of theirs.
    assert report.summary.service_level_compliance == pytest.approx(3 / 7)

    content_type, html = download(platform, report.report_id, rp.REPORT_FORMAT_HTML)
    assert content_type.startswith("text/html")
    page = html.decode()
    assert "<b>8</b>" in page  # records
    assert "<b>2</b>" in page  # unfinished: the night fault and the change
    assert "<b>4</b>" in page  # records breached
    assert "<b>42.9%</b>" in page
    assert "（3 ÷ 7）" in page
    # Per kind: records, open, resolved, closed, cancelled, response met / breached,
    # resolution met / breached.
    assert "<td>故障</td>" + cells(4, 1, 3, 0, 0, 1, 3, 2, 2) in page
    assert "<td>BUG 修复</td>" + cells(1, 0, 1, 0, 0, 0, 0, 0, 1) in page
    assert "<td>数据修正</td>" + cells(1, 0, 1, 0, 0, 0, 0, 1, 0) in page
    assert "<td>需求调整</td>" + cells(1, 0, 1, 0, 0, 0, 0, 1, 0) in page
    assert "<td>变更</td>" + cells(1, 1, 0, 0, 0, 0, 0, 0, 0) in page
    # Each timer: met, breached, running, cancelled, compliance.
    assert "<td>故障响应（工作时间内报告，30 分钟）</td>" + cells(0, 2, 0, 0, "0.0%") in page
    assert "<td>故障响应（非工作时间报告，1 小时）</td>" + cells(1, 1, 0, 0, "50.0%") in page
    assert "<td>故障修复（2 个工作日）</td>" + cells(2, 2, 0, 0, "50.0%") in page
    assert "<td>BUG 修复（1 个工作日）</td>" + cells(0, 1, 0, 0, "0.0%") in page
    assert "<td>数据修正（1 个工作日）</td>" + cells(1, 0, 0, 0, "100.0%") in page
    assert "<td>需求调整交付（5 天）</td>" + cells(1, 0, 0, 0, "100.0%") in page
    # Per severity: records and those breached.
    assert "<td>紧急</td>" + cells(1, 1) in page
    assert "<td>高</td>" + cells(3, 2) in page
    assert "<td>中</td>" + cells(2, 1) in page
    assert "<td>低</td>" + cells(2, 0) in page
    # The breaches, with how late: the day fault answered now, 30 minutes after 10:00.
    day_fault_late = moment(day_fault.acknowledge_time) - local("2025-09-16", "10:30")
    assert (
        f"<td>{day_fault.number}</td><td>收费接口报错</td><td>故障响应（30 分钟）</td>"
        f"<td>2025-09-16 10:30</td>"
    ) in page
    assert f'<td class="n">{duration_text(day_fault_late)}</td>' in page
    day_late_late = moment(day_late.acknowledge_time) - moment(day_late.response_sla.due_time)
    assert f'<td class="n">{duration_text(day_late_late)}</td>' in page
    assert f"<td>{night_fault.number}</td><td>夜间自助机无法缴费</td>" in page
    assert "<td>2025-09-16 23:00</td><td>未完成</td>" in page
    assert f"<td>{bug.number}</td><td>退款单状态不同步</td><td>BUG 修复（1 个工作日）</td>" in page
    for met in (night_ok, correction, wish, change):
        assert (
            f"<td>{met.number}</td><td>" not in page.split("超出服务时限的记录")[1].split("<h2>")[0]
        )
    # Every record with its reporter, time, assignee (whoever acknowledged it), status and
    # resolution.
    assert (
        f"<td>{day_fault.number}</td><td>故障</td><td>高</td><td>收费接口报错</td>"
        "<td>门诊部 张医生</td><td>2025-09-16 10:00</td><td>admin</td><td>已解决</td>"
        "<td>已重启前置机并恢复服务</td><td>响应超时，解决超时</td>"
    ) in page
    assert f"<td>{change.number}</td><td>变更</td><td>中</td>" in page
    assert "<td>李工程师</td><td>待响应</td><td></td><td>无计时</td>" in page
    assert (
        "本期有 4 条运维记录超出服务时限（响应超时 3 次，解决超时 3 次），服务时限达标率 42.9%"
    ) in page
    assert "尚有 2 条运维记录未完成" in page
    assert "<script" not in page

    content_type, pdf = download(platform, report.report_id, rp.REPORT_FORMAT_PDF)
    assert content_type == "application/pdf"
    png, inked, first = first_page_png(pdf)
    assert png.startswith(b"\x89PNG") and inked > 0.01
    assert "运维记录汇总" in first
    text = pdf_text(pdf)
    assert "42.9%" in text and "（3 ÷ 7）" in text
    for number in (day_fault.number, night_fault.number, bug.number, day_late.number):
        assert number in text
    assert duration_text(day_fault_late) in text
    assert "本期有 4 条运维记录超出服务时限" in text
    assert "运维服务方（签字）" in text

    # The operations analysis of the same period carries the same figures and advice.
    operations = generate(platform, rp.REPORT_KIND_OPERATIONS_ANALYSIS, start, end)
    assert operations.summary.maintenance_records == 8
    assert operations.summary.service_level_compliance == pytest.approx(3 / 7)
    _, html = download(platform, operations.report_id, rp.REPORT_FORMAT_HTML)
    page = html.decode()
    assert "<h2>五、运维记录与服务时限</h2>" in page
    assert "<b>42.9%</b>" in page
    assert "<td>故障</td>" + cells(4, 1, 3, 0, 0, 1, 3, 2, 2) in page
    assert f"运维记录 {day_fault.number}「收费接口报错」故障响应（30 分钟）超时" in page
    assert (
        "本期有 4 条运维记录超出服务时限（响应超时 3 次，解决超时 3 次），服务时限达标率 42.9%"
    ) in page
    _, pdf = download(platform, operations.report_id, rp.REPORT_FORMAT_PDF)
    _, inked, _ = first_page_png(pdf)
    assert inked > 0.01
    text = pdf_text(pdf)
    assert "运维记录与服务时限" in text and "42.9%" in text
    assert "本期有 4 条运维记录超出服务时限" in text

    # A month without records: nothing breached, nothing advised about the timers.
    quiet = generate(
        platform,
        rp.REPORT_KIND_MAINTENANCE_SUMMARY,
        local("2025-08-01", "00:00"),
        local("2025-09-01", "00:00"),
    )
    assert quiet.summary.maintenance_records == 0
    assert quiet.summary.service_level_compliance == 0
    _, html = download(platform, quiet.report_id, rp.REPORT_FORMAT_HTML)
    page = html.decode()
    assert "本期没有运维记录。" in page and "超出服务时限" not in page
    assert "无已到期或已完成的计时" in page


def test_a_maintenance_summary_covers_a_whole_month(monitor: Platform) -> None:
    platform, records = monitor, Records(monitor)
    inside = records.create(title="九月的故障", report_time=stamp(local("2025-09-30", "23:30")))
    records.create(title="十月的故障", report_time=stamp(local("2025-10-01", "00:30")))
    started = (
        report_stub(platform)
        .GenerateReport(
            rp.GenerateReportRequest(
                kind=rp.REPORT_KIND_MAINTENANCE_SUMMARY,
                period=rp.REPORT_PERIOD_MONTH,
                time_range=common_pb2.TimeRange(start_time=stamp(local("2025-09-15", "12:00"))),
            ),
            metadata=platform.admin(),
        )
        .report
    )
    assert started.title == "外联平台2025 年 9 月运维记录汇总"
    assert moment(started.time_range.start_time) == local("2025-09-01", "00:00")
    assert moment(started.time_range.end_time) == local("2025-10-01", "00:00")
    report = ready(platform, started.report_id)
    assert report.summary.maintenance_records == 1
    _, html = download(platform, report.report_id, rp.REPORT_FORMAT_HTML)
    page = html.decode()
    assert inside.number in page and "十月的故障" not in page
    assert "统计周期：2025-09-01 至 2025-09-30（2025 年 9 月）" in page
    listed = report_stub(platform).ListReports(
        rp.ListReportsRequest(kind=rp.REPORT_KIND_MAINTENANCE_SUMMARY), metadata=platform.admin()
    )
    assert [r.report_id for r in listed.reports] == [report.report_id]
    assert download(platform, report.report_id, rp.REPORT_FORMAT_PDF)[1].startswith(b"%PDF")
