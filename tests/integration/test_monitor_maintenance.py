"""Maintenance records on real SQLite and PostgreSQL: status flow, history, records from alerts,
service-level breaches, the period summary and the export."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import grpc
import openpyxl
import pytest
from google.protobuf import duration_pb2, field_mask_pb2, timestamp_pb2

from tests.integration.conftest import Platform, start_platform
from tests.integration.identity_support import signed_up
from tests.integration.test_monitor_alerts import calls, error_rate_rule, firing_alert
from tests.integration.test_monitor_ingest import send, violations
from tests.support import eventually
from wailian.common.v1 import common_pb2
from wailian.monitor.v1 import alerts_pb2, alerts_pb2_grpc, downloads_pb2, downloads_pb2_grpc
from wailian.monitor.v1 import maintenance_pb2 as pb
from wailian.monitor.v1 import maintenance_pb2_grpc as pb_grpc

SHANGHAI = ZoneInfo("Asia/Shanghai")
Metadata = tuple[tuple[str, str], ...]


@pytest.fixture(params=["sqlite", "postgres"])
def monitor(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Platform]:
    """Identity and monitor (alert rules evaluated and timers swept every 0.2 s)."""
    access_log = tmp_path / "channel-access.log"
    access_log.touch()
    monkeypatch.setenv("WAILIAN_MONITOR_ACCESS_LOG_FILE", str(access_log))
    monkeypatch.setenv("WAILIAN_MONITOR_FLUSH_SECONDS", "0.05")
    monkeypatch.setenv("WAILIAN_MONITOR_ALERT_EVAL_SECONDS", "0.2")
    monkeypatch.setenv("WAILIAN_MONITOR_MAINTENANCE_SWEEP_SECONDS", "0.2")
    if request.param == "sqlite":
        urls = {name: f"sqlite:///{tmp_path / name}.db" for name in ("identity", "monitor")}
    else:
        urls = request.getfixturevalue("postgres_databases")
    yield from start_platform(tmp_path, urls.__getitem__, services=("identity", "monitor"))


def api(platform: Platform) -> pb_grpc.MaintenanceServiceStub:
    return pb_grpc.MaintenanceServiceStub(platform.channel("monitor"))


def downloads(platform: Platform) -> downloads_pb2_grpc.DownloadServiceStub:
    return downloads_pb2_grpc.DownloadServiceStub(platform.channel("monitor"))


def local(day: str, clock: str) -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=SHANGHAI)


def stamp(moment: datetime) -> timestamp_pb2.Timestamp:
    message = timestamp_pb2.Timestamp()
    message.FromDatetime(moment.astimezone(UTC))
    return message


def shanghai(message: timestamp_pb2.Timestamp) -> datetime:
    return message.ToDatetime(tzinfo=UTC).astimezone(SHANGHAI)


def create(platform: Platform, **fields: object) -> pb.MaintenanceRecord:
    values: dict[str, object] = {
        "kind": pb.MAINTENANCE_KIND_FAULT,
        "severity": pb.MAINTENANCE_SEVERITY_HIGH,
        "title": "挂号接口超时",
        **fields,
    }
    return (
        api(platform)
        .CreateMaintenanceRecord(
            pb.CreateMaintenanceRecordRequest(maintenance_record=pb.MaintenanceRecord(**values)),  # type: ignore[arg-type]
            metadata=platform.admin(),
        )
        .maintenance_record
    )


def national_day_2025(platform: Platform) -> pb.WorkingCalendar:
    """China's 2025 National Day: 1-8 October off, 28 September and 11 October worked."""
    return (
        api(platform)
        .UpdateWorkingCalendar(
            pb.UpdateWorkingCalendarRequest(
                working_calendar=pb.WorkingCalendar(
                    holidays=[
                        pb.CalendarDay(date=f"2025-10-0{d}", name="国庆节") for d in range(1, 9)
                    ],
                    extra_working_days=[
                        pb.CalendarDay(date="2025-09-28", name="国庆节调休"),
                        pb.CalendarDay(date="2025-10-11", name="国庆节调休"),
                    ],
                ),
                update_mask=field_mask_pb2.FieldMask(paths=["holidays", "extra_working_days"]),
            ),
            metadata=platform.admin(),
        )
        .working_calendar
    )


def test_a_fault_goes_through_the_status_flow_and_keeps_its_full_history(
    monitor: Platform,
) -> None:
    platform, admin, records = monitor, monitor.admin(), api(monitor)
    calendar = national_day_2025(platform)
    assert (calendar.time_zone, calendar.work_start, calendar.work_end) == (
        "Asia/Shanghai",
        "08:00",
        "18:00",
    )
    assert list(calendar.working_weekdays) == [1, 2, 3, 4, 5]
    assert [d.date for d in calendar.extra_working_days] == ["2025-09-28", "2025-10-11"]
    assert calendar.audit.updated_by == "admin"

    # Reported on the eve of the holiday, in working hours.
    record = create(
        platform,
        report_time=stamp(local("2025-09-30", "16:00")),
        reporter_name="门诊部 李护士",
        reporter_contact="8123",
        affected_module="预约挂号",
        description="自助机挂号失败",
    )
    assert record.number == "WH-2025-000001"
    assert record.status == pb.MAINTENANCE_STATUS_OPEN
    assert record.source == pb.RECORD_SOURCE_MANUAL
    assert record.reported_in_working_hours
    assert record.service_level_policy_id == "slp-fault"
    assert record.response_sla.target == "30 分钟"
    assert shanghai(record.response_sla.due_time) == local("2025-09-30", "16:30")
    # Two working days: two hours that day, then the holiday, then 9 and 10 October.
    assert record.resolution_sla.target == "2 个工作日"
    assert shanghai(record.resolution_sla.due_time) == local("2025-10-10", "16:00")
    # Long overdue and nobody answered.
    assert record.response_sla.breached and record.resolution_sla.breached
    assert record.response_sla.remaining.ToTimedelta() < timedelta(0)
    record_id = record.maintenance_record_id

    changed = records.UpdateMaintenanceRecord(
        pb.UpdateMaintenanceRecordRequest(
            maintenance_record_id=record_id,
            maintenance_record=pb.MaintenanceRecord(title="自助机挂号接口超时"),
            update_mask=field_mask_pb2.FieldMask(paths=["title"]),
        ),
        metadata=admin,
    ).maintenance_record
    assert changed.title == "自助机挂号接口超时" and changed.description == "自助机挂号失败"

    # Closing needs a resolution first.
    with pytest.raises(grpc.RpcError) as refused:
        records.CloseMaintenanceRecord(
            pb.CloseMaintenanceRecordRequest(maintenance_record_id=record_id), metadata=admin
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    acknowledged = records.AcknowledgeMaintenanceRecord(
        pb.AcknowledgeMaintenanceRecordRequest(maintenance_record_id=record_id, comment="在查"),
        metadata=admin,
    ).maintenance_record
    assert acknowledged.status == pb.MAINTENANCE_STATUS_IN_PROGRESS
    assert acknowledged.response_sla.HasField("met_time") and acknowledged.response_sla.breached
    assert acknowledged.assignee_name == "admin"

    with pytest.raises(grpc.RpcError) as refused:
        records.ResolveMaintenanceRecord(
            pb.ResolveMaintenanceRecordRequest(maintenance_record_id=record_id), metadata=admin
        )
    assert violations(refused.value) == {"resolution"}
    resolved = records.ResolveMaintenanceRecord(
        pb.ResolveMaintenanceRecordRequest(
            maintenance_record_id=record_id, resolution="重启 HIS 接口", root_cause="连接池耗尽"
        ),
        metadata=admin,
    ).maintenance_record
    assert resolved.status == pb.MAINTENANCE_STATUS_RESOLVED
    assert resolved.resolution_sla.HasField("met_time")

    with pytest.raises(grpc.RpcError) as refused:
        records.ReopenMaintenanceRecord(
            pb.ReopenMaintenanceRecordRequest(maintenance_record_id=record_id), metadata=admin
        )
    assert violations(refused.value) == {"comment"}
    reopened = records.ReopenMaintenanceRecord(
        pb.ReopenMaintenanceRecordRequest(maintenance_record_id=record_id, comment="又超时了"),
        metadata=admin,
    ).maintenance_record
    assert reopened.status == pb.MAINTENANCE_STATUS_IN_PROGRESS
    assert not reopened.HasField("resolve_time")
    assert not reopened.resolution_sla.HasField("met_time")
    # The response stays answered.
    assert reopened.acknowledge_time == acknowledged.acknowledge_time

    records.ResolveMaintenanceRecord(
        pb.ResolveMaintenanceRecordRequest(maintenance_record_id=record_id, resolution="扩容"),
        metadata=admin,
    )
    closed = records.CloseMaintenanceRecord(
        pb.CloseMaintenanceRecordRequest(
            maintenance_record_id=record_id, confirmed_by="信息科 王老师", comment="电话确认"
        ),
        metadata=admin,
    ).maintenance_record
    assert closed.status == pb.MAINTENANCE_STATUS_CLOSED
    assert closed.confirmed_by == "信息科 王老师" and closed.HasField("close_time")
    assert closed.resolution == "扩容" and closed.root_cause == "连接池耗尽"

    # Acceptance evidence does not change once closed, and cannot be cancelled.
    with pytest.raises(grpc.RpcError) as refused:
        records.UpdateMaintenanceRecord(
            pb.UpdateMaintenanceRecordRequest(
                maintenance_record_id=record_id,
                maintenance_record=pb.MaintenanceRecord(title="x"),
                update_mask=field_mask_pb2.FieldMask(paths=["title"]),
            ),
            metadata=admin,
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    with pytest.raises(grpc.RpcError) as refused:
        records.CancelMaintenanceRecord(
            pb.CancelMaintenanceRecordRequest(maintenance_record_id=record_id), metadata=admin
        )
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION

    comment = records.AddMaintenanceRecordComment(
        pb.AddMaintenanceRecordCommentRequest(maintenance_record_id=record_id, comment="已归档"),
        metadata=admin,
    ).event
    assert comment.kind == pb.MAINTENANCE_EVENT_KIND_COMMENTED and comment.actor_name == "admin"
    content = b"%PDF-1.4 screenshot of the failing kiosk"
    attachment = records.UploadMaintenanceRecordAttachment(
        pb.UploadMaintenanceRecordAttachmentRequest(
            maintenance_record_id=record_id,
            file=common_pb2.FileUpload(
                file_name="故障截图.pdf", content_type="application/pdf", content=content
            ),
        ),
        metadata=admin,
    ).attachment
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size_bytes == len(content) and attachment.uploaded_by == "admin"
    chunks = list(
        downloads(platform).DownloadMaintenanceRecordAttachment(
            downloads_pb2.DownloadMaintenanceRecordAttachmentRequest(
                maintenance_record_id=record_id, attachment_id=attachment.attachment_id
            ),
            metadata=admin,
        )
    )
    assert chunks[0].content_type == "application/pdf"
    assert b"".join(c.data for c in chunks) == content
    got = records.GetMaintenanceRecord(
        pb.GetMaintenanceRecordRequest(maintenance_record_id=record_id), metadata=admin
    ).maintenance_record
    assert [a.file_name for a in got.attachments] == ["故障截图.pdf"]

    # The full history, oldest first, two pages.
    first = records.ListMaintenanceRecordEvents(
        pb.ListMaintenanceRecordEventsRequest(maintenance_record_id=record_id, page_size=6),
        metadata=admin,
    )
    assert first.total_size == 11 and first.next_page_token
    rest = records.ListMaintenanceRecordEvents(
        pb.ListMaintenanceRecordEventsRequest(
            maintenance_record_id=record_id, page_size=50, page_token=first.next_page_token
        ),
        metadata=admin,
    )
    events = [*first.events, *rest.events]
    k = pb.MaintenanceEventKind
    s = pb.MaintenanceStatus
    assert [(k.Name(e.kind)[23:], s.Name(e.to_status)[19:]) for e in events] == [
        ("CREATED", "OPEN"),
        # Reported long ago: both timers were past due when it was entered.
        ("SLA_BREACHED", "UNSPECIFIED"),
        ("SLA_BREACHED", "UNSPECIFIED"),
        ("FIELDS_CHANGED", "UNSPECIFIED"),
        ("STATUS_CHANGED", "IN_PROGRESS"),
        ("STATUS_CHANGED", "RESOLVED"),
        ("STATUS_CHANGED", "IN_PROGRESS"),
        ("STATUS_CHANGED", "RESOLVED"),
        ("STATUS_CHANGED", "CLOSED"),
        ("COMMENTED", "UNSPECIFIED"),
        ("ATTACHMENT_ADDED", "UNSPECIFIED"),
    ]
    assert events[1].comment == (
        "response timer (30 分钟) passed its due time 2025-09-30T16:30+08:00"
    )
    assert events[2].actor_name == "system" and "2025-10-10T16:00+08:00" in events[2].comment
    assert json.loads(events[3].changes_json) == {
        "title": {"before": "挂号接口超时", "after": "自助机挂号接口超时"}
    }
    assert events[6].comment == "又超时了" and events[6].from_status == s.Value(
        "MAINTENANCE_STATUS_RESOLVED"
    )
    assert events[-1].attachment_id == attachment.attachment_id


def test_an_alert_opens_one_fault_record_however_often_it_is_clicked(monitor: Platform) -> None:
    platform, admin, records = monitor, monitor.admin(), api(monitor)
    service = f"booking.{uuid.uuid4().hex[:8]}"
    rule = error_rate_rule(platform, service)
    send(platform, calls(service, 503, 10))
    alert = firing_alert(platform, rule.alert_rule_id)

    def open_from_alert(**fields: object) -> pb.MaintenanceRecord:
        return records.CreateMaintenanceRecordFromAlert(
            pb.CreateMaintenanceRecordFromAlertRequest(alert_id=alert.alert_id, **fields),  # type: ignore[arg-type]
            metadata=admin,
        ).maintenance_record

    record = open_from_alert(idempotency_key="click-1")
    assert record.kind == pb.MAINTENANCE_KIND_FAULT
    assert record.source == pb.RECORD_SOURCE_ALERT
    # A critical alert: patient-facing business stopped.
    assert record.severity == pb.MAINTENANCE_SEVERITY_CRITICAL
    assert list(record.alert_ids) == [alert.alert_id]
    assert alert.summary in record.title and record.affected_module == service
    # The timers start when the alert started.
    assert record.report_time == alert.start_time
    assert record.response_sla.target in ("30 分钟", "1 小时")

    # A second click, a retry with the same key, another key: the same record.
    assert open_from_alert().maintenance_record_id == record.maintenance_record_id
    assert open_from_alert(idempotency_key="click-1").number == record.number
    assert open_from_alert(idempotency_key="click-2").number == record.number
    listed = records.ListMaintenanceRecords(
        pb.ListMaintenanceRecordsRequest(), metadata=admin
    ).maintenance_records
    assert [r.maintenance_record_id for r in listed] == [record.maintenance_record_id]

    # The alert shows its record; the record's history shows the alert.
    linked = (
        alerts_pb2_grpc.AlertServiceStub(platform.channel("monitor"))
        .GetAlert(alerts_pb2.GetAlertRequest(alert_id=alert.alert_id), metadata=admin)
        .alert
    )
    assert linked.maintenance_record_id == record.maintenance_record_id
    by_alert = records.ListMaintenanceRecords(
        pb.ListMaintenanceRecordsRequest(
            filter=pb.MaintenanceRecordFilter(alert_id=alert.alert_id)
        ),
        metadata=admin,
    )
    assert by_alert.total_size == 1
    events = records.ListMaintenanceRecordEvents(
        pb.ListMaintenanceRecordEventsRequest(maintenance_record_id=record.maintenance_record_id),
        metadata=admin,
    ).events
    assert [e.kind for e in events] == [
        pb.MAINTENANCE_EVENT_KIND_CREATED,
        pb.MAINTENANCE_EVENT_KIND_ALERT_LINKED,
    ]
    assert events[1].comment == alert.alert_id

    # A rule that opens records by itself: its alert gets one without a click, exactly one.
    paying = f"payment.{uuid.uuid4().hex[:8]}"
    automatic = error_rate_rule(
        platform, paying, open_maintenance_record=True, severity=alerts_pb2.ALERT_SEVERITY_WARNING
    )
    send(platform, calls(paying, 500, 10))
    fired = firing_alert(platform, automatic.alert_rule_id)

    def opened_by_rule() -> list[pb.MaintenanceRecord] | None:
        found = records.ListMaintenanceRecords(
            pb.ListMaintenanceRecordsRequest(
                filter=pb.MaintenanceRecordFilter(alert_id=fired.alert_id)
            ),
            metadata=admin,
        ).maintenance_records
        return list(found) or None

    [auto] = eventually(opened_by_rule, what="the rule to open a maintenance record")
    assert auto.source == pb.RECORD_SOURCE_ALERT and auto.reporter_name == "system"
    assert auto.severity == pb.MAINTENANCE_SEVERITY_MEDIUM
    assert auto.affected_module == paying and auto.number != record.number
    # A click on it afterwards finds the same record.
    clicked = records.CreateMaintenanceRecordFromAlert(
        pb.CreateMaintenanceRecordFromAlertRequest(alert_id=fired.alert_id), metadata=admin
    ).maintenance_record
    assert clicked.maintenance_record_id == auto.maintenance_record_id
    everything = records.ListMaintenanceRecords(pb.ListMaintenanceRecordsRequest(), metadata=admin)
    assert everything.total_size == 2

    with pytest.raises(grpc.RpcError) as refused:
        records.CreateMaintenanceRecordFromAlert(
            pb.CreateMaintenanceRecordFromAlertRequest(alert_id="no-such-alert"), metadata=admin
        )
    assert refused.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as refused:
        records.CreateMaintenanceRecordFromAlert(
            pb.CreateMaintenanceRecordFromAlertRequest(alert_id="", kind=99, severity=9),  # type: ignore[arg-type]
            metadata=admin,
        )
    assert violations(refused.value) == {"alert_id"}
    with pytest.raises(grpc.RpcError) as refused:
        records.CreateMaintenanceRecordFromAlert(
            pb.CreateMaintenanceRecordFromAlertRequest(
                alert_id=alert.alert_id,
                kind=99,
                severity=9,  # type: ignore[arg-type]
            ),
            metadata=admin,
        )
    assert violations(refused.value) == {"kind", "severity"}


def test_breaches_are_counted_in_the_summary_the_search_and_the_export(
    monitor: Platform,
) -> None:
    platform, admin, records = monitor, monitor.admin(), api(monitor)
    now = datetime.now(UTC)

    # Reported long ago and answered only now: both timers breached.
    late = create(
        platform,
        title="收费接口报错",
        report_time=stamp(local("2025-09-16", "10:00")),
        description="患者 110101199003071234 缴费失败，电话 13812345678",
    )
    # Reported ten minutes ago, answered and repaired at once: both met.
    quick = create(platform, title="报告查询慢", report_time=stamp(now - timedelta(minutes=10)))
    for record in (late, quick):
        records.AcknowledgeMaintenanceRecord(
            pb.AcknowledgeMaintenanceRecordRequest(
                maintenance_record_id=record.maintenance_record_id
            ),
            metadata=admin,
        )
        records.ResolveMaintenanceRecord(
            pb.ResolveMaintenanceRecordRequest(
                maintenance_record_id=record.maintenance_record_id, resolution="已处理"
            ),
            metadata=admin,
        )
    # A bug never fixed: running past its due time.
    bug = create(
        platform,
        kind=pb.MAINTENANCE_KIND_BUG,
        severity=pb.MAINTENANCE_SEVERITY_MEDIUM,
        title="退款单状态不同步",
        report_time=stamp(local("2025-09-18", "15:00")),
    )
    assert shanghai(bug.resolution_sla.due_time) == local("2025-09-19", "15:00")
    assert not bug.HasField("response_sla")
    # A requirement of an hour ago: five days to go, nothing breached.
    wish = create(
        platform,
        kind=pb.MAINTENANCE_KIND_REQUIREMENT,
        severity=pb.MAINTENANCE_SEVERITY_LOW,
        title="增加科室排班导出",
        report_time=stamp(now - timedelta(hours=1)),
    )
    assert wish.resolution_sla.target == "5 天" and not wish.resolution_sla.breached

    def listed(**fields: object) -> pb.ListMaintenanceRecordsResponse:
        return records.ListMaintenanceRecords(
            pb.ListMaintenanceRecordsRequest(**fields),  # type: ignore[arg-type]
            metadata=admin,
        )

    def numbers(response: pb.ListMaintenanceRecordsResponse) -> list[str]:
        return [r.number for r in response.maintenance_records]

    breached = listed(filter=pb.MaintenanceRecordFilter(breached_only=True))
    assert sorted(numbers(breached)) == sorted([late.number, bug.number])
    assert numbers(listed(filter=pb.MaintenanceRecordFilter(kinds=[pb.MAINTENANCE_KIND_BUG]))) == [
        bug.number
    ]
    assert sorted(
        numbers(listed(filter=pb.MaintenanceRecordFilter(statuses=[pb.MAINTENANCE_STATUS_OPEN])))
    ) == sorted([bug.number, wish.number])
    assert numbers(listed(filter=pb.MaintenanceRecordFilter(query="排班"))) == [wish.number]
    high = listed(filter=pb.MaintenanceRecordFilter(min_severity=pb.MAINTENANCE_SEVERITY_HIGH))
    assert sorted(numbers(high)) == sorted([late.number, quick.number])
    # Newest report first by default, two per page.
    page = listed(page_size=2)
    assert page.total_size == 4 and numbers(page) == [quick.number, wish.number]
    rest = listed(page_size=2, page_token=page.next_page_token)
    assert numbers(rest) == [bug.number, late.number] and not rest.next_page_token
    assert numbers(listed(order_by="severity desc"))[-1] == wish.number

    summary = records.SummarizeMaintenanceRecords(
        pb.SummarizeMaintenanceRecordsRequest(
            time_range=common_pb2.TimeRange(
                start_time=stamp(local("2025-09-01", "00:00")),
                end_time=stamp(now + timedelta(days=1)),
            )
        ),
        metadata=admin,
    )
    assert summary.total == 4
    by_kind = {s.kind: s for s in summary.kinds}
    faults = by_kind[pb.MAINTENANCE_KIND_FAULT]
    assert (faults.total, faults.open, faults.resolved, faults.closed) == (2, 0, 2, 0)
    assert (faults.response_met, faults.response_breached) == (1, 1)
    assert (faults.resolution_met, faults.resolution_breached) == (1, 1)
    answered = {
        r.number: r
        for r in listed(
            filter=pb.MaintenanceRecordFilter(kinds=[pb.MAINTENANCE_KIND_FAULT])
        ).maintenance_records
    }
    response_times = [
        r.acknowledge_time.ToDatetime() - r.report_time.ToDatetime() for r in answered.values()
    ]
    average = sum(response_times, timedelta()) / 2
    assert abs(faults.average_response_time.ToTimedelta() - average) < timedelta(milliseconds=1)
    bugs = by_kind[pb.MAINTENANCE_KIND_BUG]
    assert (bugs.total, bugs.open, bugs.resolution_met, bugs.resolution_breached) == (1, 1, 0, 1)
    wishes = by_kind[pb.MAINTENANCE_KIND_REQUIREMENT]
    assert (wishes.total, wishes.resolution_met, wishes.resolution_breached) == (1, 0, 0)
    # Of the three records with a timer met or breached, one met them all.
    assert summary.service_level_compliance == pytest.approx(1 / 3)
    assert sorted(r.number for r in summary.breached_records) == sorted([late.number, bug.number])
    assert [(s.severity, s.total, s.breached) for s in summary.severities] == [
        (pb.MAINTENANCE_SEVERITY_HIGH, 2, 1),
        (pb.MAINTENANCE_SEVERITY_MEDIUM, 1, 1),
        (pb.MAINTENANCE_SEVERITY_LOW, 1, 0),
    ]

    # The export: one row per record, breaches marked, patient identifiers masked, history below.
    chunks = list(
        downloads(platform).ExportMaintenanceRecords(
            downloads_pb2.ExportMaintenanceRecordsRequest(include_events=True), metadata=admin
        )
    )
    assert chunks[0].content_type == "text/csv; charset=utf-8"
    text = b"".join(c.data for c in chunks).decode("utf-8-sig")
    table, history = text.split("\r\n\r\n")
    rows = list(csv.DictReader(io.StringIO(table)))
    assert [r["number"] for r in rows] == [quick.number, wish.number, bug.number, late.number]
    exported = {r["number"]: r for r in rows}
    assert exported[late.number]["response_breached"] == "yes"
    assert exported[late.number]["resolution_breached"] == "yes"
    assert exported[quick.number]["response_breached"] == "no"
    assert exported[wish.number]["response_breached"] == ""
    assert exported[late.number]["report_time"] == "2025-09-16T10:00:00+08:00"
    assert (
        exported[late.number]["description"] == "患者 110101********1234 缴费失败，电话 138****5678"
    )
    steps = list(csv.DictReader(io.StringIO(history)))
    assert {s["number"] for s in steps} == {quick.number, wish.number, bug.number, late.number}
    assert [s["event"] for s in steps if s["number"] == late.number] == [
        "created",
        "sla_breached",
        "sla_breached",
        "status_changed",
        "status_changed",
    ]
    # Excel too, filtered, with the history below the records.
    workbook = b"".join(
        c.data
        for c in downloads(platform).ExportMaintenanceRecords(
            downloads_pb2.ExportMaintenanceRecordsRequest(
                format=common_pb2.EXPORT_FORMAT_XLSX,
                filter=pb.MaintenanceRecordFilter(breached_only=True),
                include_events=True,
            ),
            metadata=admin,
        )
    )
    sheet = list(openpyxl.load_workbook(io.BytesIO(workbook)).active.iter_rows(values_only=True))
    gap = next(i for i, row in enumerate(sheet) if not any(row))
    header, *cells = sheet[:gap]
    assert header[0] == "number" and sorted(c[0] for c in cells) == sorted(
        [late.number, bug.number]
    )
    event_header, *event_rows = sheet[gap + 1 :]
    assert event_header[:3] == ("number", "event_time", "event")
    assert {row[0] for row in event_rows} == {late.number, bug.number}


def test_policies_and_the_calendar_are_edited_with_audit_and_bad_input_is_refused(
    monitor: Platform,
) -> None:
    platform, admin, records = monitor, monitor.admin(), api(monitor)
    policies = {
        p.service_level_policy_id: p
        for p in records.ListServiceLevelPolicies(
            pb.ListServiceLevelPoliciesRequest(), metadata=admin
        ).service_level_policies
    }
    assert set(policies) == {
        "slp-fault",
        "slp-bug",
        "slp-data-correction",
        "slp-requirement",
        "slp-change",
        "slp-support",
    }
    fault = policies["slp-fault"]
    assert fault.response_in_working_hours.ToTimedelta() == timedelta(minutes=30)
    assert fault.response_outside_working_hours.ToTimedelta() == timedelta(hours=1)
    assert fault.resolution_working_days == 2
    assert policies["slp-bug"].resolution_working_days == 1
    assert policies["slp-requirement"].resolution_calendar_days == 5

    before = create(platform, report_time=stamp(local("2025-09-16", "10:00")))
    changed = records.UpdateServiceLevelPolicy(
        pb.UpdateServiceLevelPolicyRequest(
            service_level_policy_id="slp-fault",
            service_level_policy=pb.ServiceLevelPolicy(
                response_in_working_hours=duration_pb2.Duration(seconds=15 * 60)
            ),
            update_mask=field_mask_pb2.FieldMask(paths=["response_in_working_hours"]),
        ),
        metadata=admin,
    ).service_level_policy
    assert changed.response_in_working_hours.ToTimedelta() == timedelta(minutes=15)
    assert changed.resolution_working_days == 2 and changed.audit.updated_by == "admin"
    after = create(platform, report_time=stamp(local("2025-09-16", "10:00")))
    assert shanghai(after.response_sla.due_time) == local("2025-09-16", "10:15")
    # Running timers keep the policy they started with.
    kept = records.GetMaintenanceRecord(
        pb.GetMaintenanceRecordRequest(maintenance_record_id=before.maintenance_record_id),
        metadata=admin,
    ).maintenance_record
    assert shanghai(kept.response_sla.due_time) == local("2025-09-16", "10:30")

    def refused(call: object, request: object) -> grpc.RpcError:
        with pytest.raises(grpc.RpcError) as error:
            call(request, metadata=admin)  # type: ignore[operator]
        return error.value

    error = refused(records.CreateMaintenanceRecord, pb.CreateMaintenanceRecordRequest())
    assert violations(error) == {
        "maintenance_record.kind",
        "maintenance_record.severity",
        "maintenance_record.title",
    }
    error = refused(
        records.CreateMaintenanceRecord,
        pb.CreateMaintenanceRecordRequest(
            maintenance_record=pb.MaintenanceRecord(
                kind=pb.MAINTENANCE_KIND_FAULT,
                severity=pb.MAINTENANCE_SEVERITY_LOW,
                title="x" * 300,
                report_time=stamp(datetime.now(UTC) + timedelta(days=1)),
            )
        ),
    )
    assert violations(error) == {"maintenance_record.title", "maintenance_record.report_time"}
    error = refused(
        records.ListMaintenanceRecords,
        pb.ListMaintenanceRecordsRequest(
            order_by="nonsense",
            filter=pb.MaintenanceRecordFilter(
                statuses=[42],  # type: ignore[list-item]
                report_time_range=common_pb2.TimeRange(
                    start_time=stamp(local("2025-10-02", "00:00")),
                    end_time=stamp(local("2025-10-01", "00:00")),
                ),
            ),
        ),
    )
    assert violations(error) == {"order_by", "filter.statuses", "filter.report_time_range"}
    error = refused(
        records.UpdateWorkingCalendar,
        pb.UpdateWorkingCalendarRequest(
            working_calendar=pb.WorkingCalendar(
                work_start="8am",
                holidays=[pb.CalendarDay(date="2025-10-11"), pb.CalendarDay(date="2025-13-01")],
                extra_working_days=[pb.CalendarDay(date="2025-10-11")],
            ),
            update_mask=field_mask_pb2.FieldMask(
                paths=["work_start", "holidays", "extra_working_days"]
            ),
        ),
    )
    assert violations(error) == {"working_calendar.work_start", "working_calendar.holidays"}
    error = refused(
        records.UpdateWorkingCalendar,
        pb.UpdateWorkingCalendarRequest(
            working_calendar=pb.WorkingCalendar(
                time_zone="Mars/Olympus",
                holidays=[pb.CalendarDay(date="2025-10-11")],
                extra_working_days=[pb.CalendarDay(date="2025-10-11")],
            ),
            update_mask=field_mask_pb2.FieldMask(
                paths=["time_zone", "holidays", "extra_working_days"]
            ),
        ),
    )
    assert violations(error) == {
        "working_calendar.time_zone",
        "working_calendar.extra_working_days",
    }
    error = refused(
        records.UpdateServiceLevelPolicy,
        pb.UpdateServiceLevelPolicyRequest(
            service_level_policy_id="slp-requirement",
            service_level_policy=pb.ServiceLevelPolicy(resolution_working_days=3),
            update_mask=field_mask_pb2.FieldMask(paths=["resolution_working_days"]),
        ),
    )
    assert violations(error) == {"service_level_policy.resolution_calendar_days"}
    error = refused(
        records.UpdateServiceLevelPolicy,
        pb.UpdateServiceLevelPolicyRequest(
            service_level_policy_id="slp-none",
            update_mask=field_mask_pb2.FieldMask(paths=["name"]),
            service_level_policy=pb.ServiceLevelPolicy(name="x"),
        ),
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND
    error = refused(
        records.UploadMaintenanceRecordAttachment,
        pb.UploadMaintenanceRecordAttachmentRequest(
            maintenance_record_id=before.maintenance_record_id,
            file=common_pb2.FileUpload(file_name="../etc/passwd"),
        ),
    )
    assert violations(error) == {"file.file_name", "file.content"}
    error = refused(
        records.GetMaintenanceRecord, pb.GetMaintenanceRecordRequest(maintenance_record_id="nope")
    )
    assert error.code() == grpc.StatusCode.NOT_FOUND

    # The writes reached identity's audit trail through the outbox.
    from wailian.identity.v1 import audit_pb2 as ap
    from wailian.identity.v1 import audit_pb2_grpc as ag

    auditor = signed_up(platform, "maintenance-auditor", ["audit_admin"])

    def recorded() -> list[ap.AuditRecord] | None:
        found = (
            ag.AuditServiceStub(platform.channel("identity"))
            .ListAuditRecords(
                ap.ListAuditRecordsRequest(
                    filter=ap.AuditRecordFilter(service="monitor", resource_id="slp-fault")
                ),
                metadata=auditor,
            )
            .audit_records
        )
        return list(found) if found else None

    [policy_change] = eventually(recorded, timeout=15, what="the policy change in the trail")
    assert policy_change.actor_name == "admin"
    assert '"responseInWorkingHours": "1800s"' in policy_change.before_json
    assert '"responseInWorkingHours": "900s"' in policy_change.after_json

    # A timer that passes its due time while nobody touches the record is noted by the sweep.
    records.UpdateServiceLevelPolicy(
        pb.UpdateServiceLevelPolicyRequest(
            service_level_policy_id="slp-fault",
            service_level_policy=pb.ServiceLevelPolicy(
                response_in_working_hours=duration_pb2.Duration(seconds=1),
                response_outside_working_hours=duration_pb2.Duration(seconds=1),
            ),
            update_mask=field_mask_pb2.FieldMask(
                paths=["response_in_working_hours", "response_outside_working_hours"]
            ),
        ),
        metadata=admin,
    )
    fresh = create(platform, title="刚报的故障")
    assert fresh.response_sla.target == "1 秒"

    def swept() -> list[pb.MaintenanceRecordEvent] | None:
        events = records.ListMaintenanceRecordEvents(
            pb.ListMaintenanceRecordEventsRequest(
                maintenance_record_id=fresh.maintenance_record_id
            ),
            metadata=admin,
        ).events
        return list(events) if len(events) > 1 else None

    created, breached = eventually(swept, what="the sweep to note the overdue response")
    assert created.kind == pb.MAINTENANCE_EVENT_KIND_CREATED
    assert breached.kind == pb.MAINTENANCE_EVENT_KIND_SLA_BREACHED
    assert breached.actor_name == "system" and breached.comment.startswith("response timer (1 秒)")
    overdue = records.ListMaintenanceRecords(
        pb.ListMaintenanceRecordsRequest(
            filter=pb.MaintenanceRecordFilter(breached_only=True, query="刚报")
        ),
        metadata=admin,
    ).maintenance_records
    assert [r.number for r in overdue] == [fresh.number]
    assert overdue[0].response_sla.breached
