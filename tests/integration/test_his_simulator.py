"""The HIS simulator as a caller sees it: a real server on a free port, spoken to over HTTP."""

from __future__ import annotations

import asyncio
import http.client
import json
import logging
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

import pytest

from simulators.his import HisServer, serve_his
from simulators.his.catalog import Catalog
from simulators.his.logs import ACCESS_LOGGER, JsonLineFormatter
from simulators.his.wire import HttpLimits

FIRST_DAY = date(2030, 1, 7)
TITLES = {"主任医师", "副主任医师", "主治医师", "住院医师"}


class Reply:
    """Status, headers and decoded JSON body of one response."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status = response.status
        self.headers = response.headers
        raw = response.read()
        assert response.headers["content-type"].startswith("application/json")
        self.body: Any = json.loads(raw)


def call(
    server: HisServer,
    method: str,
    path: str,
    body: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """Send one request on a fresh connection; a bytes body is sent as is, others as JSON."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        payload = body if isinstance(body, bytes | None) else json.dumps(body).encode()
        connection.request(method, path, body=payload, headers=headers or {})
        return Reply(connection.getresponse())
    finally:
        connection.close()


def raw_exchange(server: HisServer, data: bytes) -> bytes:
    """Send raw bytes and return everything the server answers before it closes."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.fixture
def start_his() -> Iterator[Callable[..., HisServer]]:
    """Start simulators on port 0 in an event loop of their own thread; close them afterwards."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    servers: list[HisServer] = []

    def start(seed: int = 1, limits: HttpLimits | None = None) -> HisServer:
        coroutine = serve_his("127.0.0.1", 0, seed, first_day=FIRST_DAY, limits=limits)
        server = asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=10)
        servers.append(server)
        return server

    yield start
    for server in servers:
        asyncio.run_coroutine_threadsafe(server.close(), loop).result(timeout=10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    loop.close()


@pytest.fixture
def his(start_his: Callable[..., HisServer]) -> HisServer:
    """A fresh simulator with seed 1."""
    return start_his()


def booking(schedule_id: str, **overrides: str) -> dict[str, str]:
    """A valid booking request for a new patient."""
    return {
        "schedule_id": schedule_id,
        "patient_id": f"P{uuid.uuid4().hex[:12]}",
        "patient_name": "张三",
        "phone": "13800138000",
        **overrides,
    }


def some_schedule(server: HisServer, dept_code: str = "1001") -> dict[str, Any]:
    """The department's schedule with the fewest slots."""
    schedules = call(server, "GET", f"/his/v1/schedules?dept_code={dept_code}").body["schedules"]
    return min(schedules, key=lambda s: s["total_slots"])


def remaining(server: HisServer, schedule: dict[str, Any]) -> int:
    """Remaining slots of a schedule, as the schedules endpoint reports them now."""
    query = f"dept_code={schedule['dept_code']}&date={schedule['date']}"
    schedules = call(server, "GET", f"/his/v1/schedules?{query}").body["schedules"]
    (match,) = (s for s in schedules if s["schedule_id"] == schedule["schedule_id"])
    return int(match["remaining_slots"])


def test_health(his: HisServer) -> None:
    reply = call(his, "GET", "/healthz")
    assert (reply.status, reply.body) == (200, {"status": "ok"})


def test_departments_are_listed_with_their_hierarchy(his: HisServer) -> None:
    reply = call(his, "GET", "/his/v1/departments")

    assert reply.status == 200
    departments = reply.body["departments"]
    names = {d["name"] for d in departments}
    assert {"心血管内科", "呼吸内科", "消化内科", "儿科", "妇产科", "骨科", "眼科"} <= names
    assert {"耳鼻喉科", "皮肤科", "中医科"} <= names
    codes = {d["dept_code"] for d in departments}
    for department in departments:
        assert set(department) == {"dept_code", "name", "parent_code", "location", "intro"}
        assert department["parent_code"] is None or department["parent_code"] in codes
        assert department["location"] and department["intro"]


def test_doctors_of_a_department_and_one_doctor(his: HisServer) -> None:
    reply = call(his, "GET", "/his/v1/departments/1001/doctors")

    assert reply.status == 200
    doctors = reply.body["doctors"]
    assert doctors
    assert {d["dept_code"] for d in doctors} == {"1001"}
    assert {d["title"] for d in doctors} <= TITLES
    assert all(isinstance(d["fee_fen"], int) and d["fee_fen"] > 0 for d in doctors)
    one = call(his, "GET", f"/his/v1/doctors/{doctors[0]['doctor_code']}")
    assert (one.status, one.body) == (200, doctors[0])


def test_unknown_department_doctor_and_route_are_404_json(his: HisServer) -> None:
    for path in (
        "/his/v1/departments/9999/doctors",
        "/his/v1/doctors/D000000",
        "/his/v1/schedules?dept_code=9999",
        "/his/v1/nothing-here",
    ):
        reply = call(his, "GET", path)
        assert reply.status == 404, path
        assert reply.body["error"]["code"].endswith("not_found")


def test_wrong_method_on_a_known_path_is_405(his: HisServer) -> None:
    reply = call(his, "DELETE", "/his/v1/departments")

    assert reply.status == 405
    assert reply.headers["allow"] == "GET"


def test_schedules_cover_seven_days_with_sessions_and_fees(his: HisServer) -> None:
    schedules = call(his, "GET", "/his/v1/schedules").body["schedules"]

    days = {date.fromisoformat(s["date"]) for s in schedules}
    assert min(days) >= FIRST_DAY
    assert max(days) <= FIRST_DAY + timedelta(days=6)
    assert {s["session"] for s in schedules} == {"morning", "afternoon"}
    assert all(isinstance(s["fee_fen"], int) and s["fee_fen"] > 0 for s in schedules)
    assert all(s["remaining_slots"] == s["total_slots"] > 0 for s in schedules)

    one_day = call(his, "GET", f"/his/v1/schedules?dept_code=1002&date={FIRST_DAY}").body
    assert one_day["schedules"]
    assert {(s["dept_code"], s["date"]) for s in one_day["schedules"]} == {
        ("1002", FIRST_DAY.isoformat())
    }


def test_schedules_with_a_malformed_date_are_400_naming_the_field(his: HisServer) -> None:
    reply = call(his, "GET", "/his/v1/schedules?date=2030-13-45")

    assert reply.status == 400
    assert [v["field"] for v in reply.body["error"]["field_violations"]] == ["date"]


def test_booking_takes_one_slot(his: HisServer) -> None:
    schedule = some_schedule(his)

    reply = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"]))

    assert reply.status == 201
    assert reply.body["status"] == "booked"
    assert reply.body["appointment_id"]
    assert reply.body["queue_number"] == 1
    assert reply.body["schedule"]["schedule_id"] == schedule["schedule_id"]
    assert remaining(his, schedule) == schedule["total_slots"] - 1
    fetched = call(his, "GET", f"/his/v1/appointments/{reply.body['appointment_id']}")
    assert fetched.body["status"] == "booked"


def test_full_schedule_is_409(his: HisServer) -> None:
    schedule = some_schedule(his)
    for _ in range(schedule["total_slots"]):
        assert (
            call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"])).status
            == 201
        )

    reply = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"]))

    assert reply.status == 409
    assert reply.body["error"]["code"] == "schedule_full"
    assert remaining(his, schedule) == 0


def test_concurrent_bookings_never_overbook(his: HisServer) -> None:
    schedule = some_schedule(his, "2002")
    attempts = schedule["total_slots"] * 2

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(
            pool.map(
                lambda _: (
                    call(
                        his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"])
                    ).status
                ),
                range(attempts),
            )
        )

    assert statuses.count(201) == schedule["total_slots"]
    assert statuses.count(409) == attempts - schedule["total_slots"]


def test_same_patient_cannot_hold_two_slots_of_one_schedule(his: HisServer) -> None:
    schedule = some_schedule(his)
    request = booking(schedule["schedule_id"])
    assert call(his, "POST", "/his/v1/appointments", request).status == 201

    reply = call(his, "POST", "/his/v1/appointments", request)

    assert reply.status == 409
    assert reply.body["error"]["code"] == "duplicate_booking"


@pytest.mark.parametrize("where", ["body", "header"])
def test_idempotency_key_returns_the_same_appointment_and_books_once(
    his: HisServer, where: str
) -> None:
    schedule = some_schedule(his)
    key = str(uuid.uuid4())
    request = booking(schedule["schedule_id"])
    headers = {}
    if where == "body":
        request["idempotency_key"] = key
    else:
        headers["Idempotency-Key"] = key

    first = call(his, "POST", "/his/v1/appointments", request, headers)
    second = call(his, "POST", "/his/v1/appointments", request, headers)

    assert first.status == second.status == 201
    assert second.body == first.body
    assert second.headers["idempotent-replayed"] == "true"
    assert remaining(his, schedule) == schedule["total_slots"] - 1


def test_idempotency_key_reused_for_another_booking_is_refused(his: HisServer) -> None:
    schedule = some_schedule(his)
    headers = {"Idempotency-Key": str(uuid.uuid4())}
    first = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"]), headers)
    assert first.status == 201

    reply = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"]), headers)

    assert reply.status == 422
    assert reply.body["error"]["code"] == "idempotency_key_reused"
    assert remaining(his, schedule) == schedule["total_slots"] - 1


def test_cancel_frees_the_slot(his: HisServer) -> None:
    schedule = some_schedule(his)
    booked = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"])).body
    cancel_path = f"/his/v1/appointments/{booked['appointment_id']}:cancel"

    reply = call(his, "POST", cancel_path)

    assert reply.status == 200
    assert reply.body["status"] == "cancelled"
    assert reply.body["cancelled_at"]
    assert remaining(his, schedule) == schedule["total_slots"]
    again = call(his, "POST", cancel_path)
    assert (again.status, again.body["error"]["code"]) == (409, "already_cancelled")
    unknown = call(his, "POST", "/his/v1/appointments/APT99999999:cancel")
    assert unknown.status == 404


def test_malformed_json_is_400_with_field_info(his: HisServer) -> None:
    reply = call(his, "POST", "/his/v1/appointments", b'{"schedule_id": ')

    assert reply.status == 400
    assert reply.body["error"]["code"] == "invalid_argument"
    (violation,) = reply.body["error"]["field_violations"]
    assert violation["field"] == "body"
    assert "JSON" in violation["description"]


def test_invalid_fields_are_each_named(his: HisServer) -> None:
    schedule = some_schedule(his)

    reply = call(
        his,
        "POST",
        "/his/v1/appointments",
        {"schedule_id": schedule["schedule_id"], "patient_id": 42, "phone": "12345"},
    )

    assert reply.status == 400
    fields = [v["field"] for v in reply.body["error"]["field_violations"]]
    assert fields == ["patient_id", "patient_name", "phone"]
    assert remaining(his, schedule) == schedule["total_slots"]


def test_unknown_schedule_is_404(his: HisServer) -> None:
    reply = call(his, "POST", "/his/v1/appointments", booking("D000000-20300107-AM"))

    assert (reply.status, reply.body["error"]["code"]) == (404, "schedule_not_found")


def test_echo_reflects_what_reached_the_upstream(his: HisServer) -> None:
    reply = call(
        his,
        "GET",
        "/his/v1/echo?channel=wechat&x=1",
        headers={"X-Channel-Id": "wechat-mp", "X-Request-Id": "req-123"},
    )

    assert reply.status == 200
    assert reply.body["method"] == "GET"
    assert reply.body["path"] == "/his/v1/echo"
    assert reply.body["query"] == {"channel": "wechat", "x": "1"}
    assert reply.body["headers"]["x-channel-id"] == "wechat-mp"
    assert reply.body["headers"]["host"] == f"127.0.0.1:{his.port}"
    assert reply.headers["x-request-id"] == "req-123"


def test_request_id_comes_back_on_errors_too(his: HisServer) -> None:
    reply = call(his, "GET", "/his/v1/doctors/nobody", headers={"X-Request-Id": "req-404"})

    assert reply.status == 404
    assert reply.headers["x-request-id"] == "req-404"


def test_keep_alive_serves_two_requests_on_one_connection(his: HisServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", his.port, timeout=10)
    try:
        connection.request("GET", "/healthz")
        first = connection.getresponse()
        first.read()
        sock = connection.sock
        connection.request("GET", "/his/v1/departments")
        second = connection.getresponse()
        second.read()
        assert connection.sock is sock
    finally:
        connection.close()

    assert (first.status, second.status) == (200, 200)
    assert first.headers["connection"] == "keep-alive"


def test_same_seed_gives_the_same_data(start_his: Callable[..., HisServer]) -> None:
    def snapshot(server: HisServer) -> list[Any]:
        return [
            call(server, "GET", path).body
            for path in (
                "/his/v1/departments",
                "/his/v1/departments/1001/doctors",
                "/his/v1/departments/3002/doctors",
                "/his/v1/schedules",
            )
        ]

    first, again, other = start_his(seed=7), start_his(seed=7), start_his(seed=8)

    assert snapshot(first) == snapshot(again)
    assert snapshot(first) != snapshot(other)


def test_garbage_request_line_is_400_json_and_closes(his: HisServer) -> None:
    reply = raw_exchange(his, b"NOT A VALID REQUEST LINE\r\n\r\n")

    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ")
    assert b"connection: close" in head
    assert json.loads(body)["error"]["code"] == "bad_request"
    assert b"Traceback" not in reply


def test_an_internal_failure_is_500_json_without_details(
    his: HisServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(Catalog, "department", fail)

    reply = call(his, "GET", "/his/v1/departments/1001/doctors", headers={"X-Request-Id": "r-500"})

    assert reply.status == 500
    assert reply.body["error"]["code"] == "internal"
    assert "secret" not in json.dumps(reply.body)
    assert reply.headers["x-request-id"] == "r-500"
    assert call(his, "GET", "/healthz").status == 200


def test_chunked_body_is_refused_with_json(his: HisServer) -> None:
    reply = raw_exchange(
        his,
        b"POST /his/v1/appointments HTTP/1.1\r\nHost: his\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    )

    assert reply.startswith(b"HTTP/1.1 501 ")


def test_oversized_headers_and_body_are_refused(start_his: Callable[..., HisServer]) -> None:
    server = start_his(limits=HttpLimits(max_header_bytes=1024, max_body_bytes=512))

    big_header = raw_exchange(
        server, b"GET /healthz HTTP/1.1\r\nHost: his\r\nX-Big: " + b"a" * 4096 + b"\r\n\r\n"
    )
    big_body = call(server, "POST", "/his/v1/appointments", b"{" + b" " * 1024 + b"}")

    assert big_header.startswith(b"HTTP/1.1 431 ")
    assert big_body.status == 413
    assert big_body.body["error"]["code"] == "payload_too_large"


def test_log_lines_never_show_a_phone_or_id_card_in_full(
    his: HisServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger=ACCESS_LOGGER)
    id_card = "11010119900307123X"
    phone = "13912345678"
    schedule = some_schedule(his)

    call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"], patient_id=id_card))
    call(his, "GET", f"/his/v1/echo?phone={phone}&id_card={id_card}")

    records = [r for r in caplog.records if r.name == ACCESS_LOGGER]
    lines = [JsonLineFormatter().format(r) for r in records]
    assert len(lines) >= 3
    for record, line in zip(records, lines, strict=True):
        entry = json.loads(line)
        assert {"method", "path", "status", "ms"} <= set(entry)
        for text in (line, repr(record.__dict__)):
            assert phone not in text
            assert "13800138000" not in text
            assert id_card not in text
    assert any("139****5678" in line for line in lines)


def test_slots_show_which_queue_numbers_are_taken(his: HisServer) -> None:
    schedule = some_schedule(his)
    booked = call(his, "POST", "/his/v1/appointments", booking(schedule["schedule_id"])).body
    slots = call(his, "GET", f"/his/v1/schedules/{schedule['schedule_id']}/slots").body["slots"]
    assert len(slots) == schedule["total_slots"]
    assert slots[0]["start_time"] == schedule["start_time"]
    assert slots[-1]["end_time"] <= schedule["end_time"]
    taken = [s["queue_number"] for s in slots if s["status"] == "booked"]
    assert taken == [booked["queue_number"]]
    # Cancelling on the plain-segment path (for gateways without ':' in templates) frees it.
    cancel = call(his, "POST", f"/his/v1/appointments/{booked['appointment_id']}/cancel")
    assert cancel.body["status"] == "cancelled"
    slots = call(his, "GET", f"/his/v1/schedules/{schedule['schedule_id']}/slots").body["slots"]
    assert all(s["status"] == "available" for s in slots)
    assert call(his, "GET", "/his/v1/schedules/NOPE/slots").status == 404


def test_a_card_binds_once_and_registers_a_new_patient(his: HisServer) -> None:
    card = {"patient_name": "赵六", "id_card_no": "11010119900101999X", "phone": "13812345678"}
    first = call(his, "POST", "/his/v1/patient-cards", card)
    again = call(his, "POST", "/his/v1/patient-cards", card)
    assert (first.status, again.status) == (201, 200)
    assert again.body == first.body
    patient_id = first.body["patient_id"]
    cards = call(his, "GET", f"/his/v1/patients/{patient_id}/cards").body["cards"]
    assert [c["card_no"] for c in cards] == [first.body["card_no"]]
    bad = call(his, "POST", "/his/v1/patient-cards", {**card, "id_card_no": "123", "phone": "1"})
    assert bad.status == 400
    assert {v["field"] for v in bad.body["error"]["field_violations"]} == {"id_card_no", "phone"}
    assert call(his, "GET", "/his/v1/patients/NOBODY/cards").status == 404


def test_an_outpatient_bill_is_paid_once_for_its_exact_amount(his: HisServer) -> None:
    bills = call(his, "GET", "/his/v1/patients/P00000001/outpatient-bills?status=unpaid").body
    bill = bills["bills"][0]
    pay_path = f"/his/v1/outpatient-bills/{bill['bill_no']}/pay"
    payment = {"amount_fen": bill["total_fen"], "pay_channel": "wechat", "trade_no": "WX0001"}

    short = call(his, "POST", pay_path, {**payment, "amount_fen": bill["total_fen"] - 1})
    assert (short.status, short.body["error"]["code"]) == (409, "amount_mismatch")
    paid = call(his, "POST", pay_path, payment)
    assert paid.status == 200 and paid.body["status"] == "paid" and paid.body["receipt_no"]
    assert call(his, "POST", pay_path, payment).body == paid.body  # a retry: the same answer
    twice = call(his, "POST", pay_path, {**payment, "trade_no": "WX0002"})
    assert (twice.status, twice.body["error"]["code"]) == (409, "already_paid")
    unpaid = call(his, "GET", "/his/v1/patients/P00000001/outpatient-bills?status=unpaid").body
    assert bill["bill_no"] not in [b["bill_no"] for b in unpaid["bills"]]
    assert call(his, "GET", f"/his/v1/outpatient-bills/{bill['bill_no']}").body["status"] == "paid"


def test_lab_and_exam_reports_list_and_detail(his: HisServer) -> None:
    labs = call(his, "GET", "/his/v1/patients/P00000002/lab-reports").body["reports"]
    assert labs and all("results" not in report for report in labs)
    detail = call(his, "GET", f"/his/v1/lab-reports/{labs[0]['report_no']}").body
    assert detail["results"] and detail["abnormal"] == any(r["flag"] for r in detail["results"])
    exams = call(his, "GET", "/his/v1/patients/P00000002/exam-reports").body["reports"]
    exam = call(his, "GET", f"/his/v1/exam-reports/{exams[0]['report_no']}").body
    assert exam["findings"] and exam["impression"]
    assert call(his, "GET", "/his/v1/lab-reports/JY404").status == 404


def test_an_inpatient_deposit_raises_the_balance_and_retries_are_safe(his: HisServer) -> None:
    before = call(his, "GET", "/his/v1/inpatients/ZY2030000001/deposit").body
    payment = {"amount_fen": 50_000, "pay_channel": "alipay", "trade_no": "ALI0001"}
    paid = call(his, "POST", "/his/v1/inpatients/ZY2030000001/deposits", payment)
    retried = call(his, "POST", "/his/v1/inpatients/ZY2030000001/deposits", payment)
    assert (paid.status, retried.status) == (201, 200)
    assert retried.headers["idempotent-replayed"] == "true"
    assert paid.body["balance_fen"] == before["balance_fen"] + 50_000
    after = call(his, "GET", "/his/v1/inpatients/ZY2030000001/deposit").body
    assert after["balance_fen"] == paid.body["balance_fen"]
    assert len(after["deposits"]) == len(before["deposits"]) + 1
    reused = call(
        his, "POST", "/his/v1/inpatients/ZY2030000001/deposits", {**payment, "amount_fen": 1}
    )
    assert (reused.status, reused.body["error"]["code"]) == (422, "trade_no_reused")
    invalid = call(his, "POST", "/his/v1/inpatients/ZY2030000001/deposits", {"amount_fen": 0})
    assert {v["field"] for v in invalid.body["error"]["field_violations"]} == {
        "amount_fen",
        "pay_channel",
        "trade_no",
    }
    assert call(his, "GET", "/his/v1/inpatients/ZY0/deposit").status == 404
