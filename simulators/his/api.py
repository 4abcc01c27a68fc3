"""The HIS business interfaces: routes HTTP requests to the catalog and the appointment book."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, unquote

from simulators.his.booking import (
    AlreadyCancelledError,
    Appointment,
    AppointmentBook,
    AppointmentNotFoundError,
    BookingError,
    BookingRequest,
    DuplicateBookingError,
    IdempotencyKeyReusedError,
    ScheduleFullError,
    ScheduleNotFoundError,
)
from simulators.his.catalog import Catalog, Department, Doctor, Schedule
from simulators.his.clinic import (
    CARD_TYPES,
    PAY_CHANNELS,
    Admission,
    Bill,
    Card,
    ClinicError,
    ClinicRecords,
    Deposit,
    ExamReport,
    LabReport,
)
from simulators.his.logs import mask_identifiers
from simulators.his.wire import Request, Response, encode_json, error_response, json_response

Handler = Callable[[Request, dict[str, str]], Response]

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
_ID_CARD = re.compile(r"[0-9]{17}[0-9Xx]")
_MAX_TEXT = 64
_MAX_IDEMPOTENCY_KEY = 128
_BOOKING_ERROR_STATUS: dict[type[BookingError], HTTPStatus] = {
    ScheduleNotFoundError: HTTPStatus.NOT_FOUND,
    AppointmentNotFoundError: HTTPStatus.NOT_FOUND,
    ScheduleFullError: HTTPStatus.CONFLICT,
    DuplicateBookingError: HTTPStatus.CONFLICT,
    AlreadyCancelledError: HTTPStatus.CONFLICT,
    # As the IETF Idempotency-Key draft prescribes for a key reused with another payload.
    IdempotencyKeyReusedError: HTTPStatus.UNPROCESSABLE_ENTITY,
}


class _InvalidArgumentError(Exception):
    def __init__(self, violations: list[dict[str, str]]) -> None:
        super().__init__("invalid argument")
        self.violations = violations


class HisApi:
    """Maps each (method, path) to a handler; everything it returns is a JSON response."""

    def __init__(self, catalog: Catalog, book: AppointmentBook, records: ClinicRecords) -> None:
        self._catalog = catalog
        self._book = book
        self._records = records
        # The master data never changes, so its bodies are encoded once.
        self._departments_body = encode_json(
            {"departments": [_department_json(d) for d in catalog.departments]}
        )
        self._routes: list[tuple[str, re.Pattern[str], Handler]] = [
            ("GET", re.compile(r"/healthz"), self._health),
            ("GET", re.compile(r"/his/v1/departments"), self._list_departments),
            (
                "GET",
                re.compile(r"/his/v1/departments/(?P<dept_code>[^/]+)/doctors"),
                self._list_doctors,
            ),
            ("GET", re.compile(r"/his/v1/doctors/(?P<doctor_code>[^/]+)"), self._get_doctor),
            ("GET", re.compile(r"/his/v1/schedules"), self._list_schedules),
            (
                "GET",
                re.compile(r"/his/v1/schedules/(?P<schedule_id>[^/]+)/slots"),
                self._list_slots,
            ),
            ("POST", re.compile(r"/his/v1/appointments"), self._book_appointment),
            (
                "GET",
                re.compile(r"/his/v1/appointments/(?P<appointment_id>[^/:]+)"),
                self._get_appointment,
            ),
            (
                "POST",
                re.compile(r"/his/v1/appointments/(?P<appointment_id>[^/:]+):cancel"),
                self._cancel_appointment,
            ),
            # The same with a plain segment, for gateways whose path templates have no ':'.
            (
                "POST",
                re.compile(r"/his/v1/appointments/(?P<appointment_id>[^/:]+)/cancel"),
                self._cancel_appointment,
            ),
            ("POST", re.compile(r"/his/v1/patient-cards"), self._bind_card),
            ("GET", re.compile(r"/his/v1/patients/(?P<patient_id>[^/]+)/cards"), self._list_cards),
            (
                "GET",
                re.compile(r"/his/v1/patients/(?P<patient_id>[^/]+)/outpatient-bills"),
                self._list_bills,
            ),
            ("GET", re.compile(r"/his/v1/outpatient-bills/(?P<bill_no>[^/]+)"), self._get_bill),
            (
                "POST",
                re.compile(r"/his/v1/outpatient-bills/(?P<bill_no>[^/]+)/pay"),
                self._pay_bill,
            ),
            (
                "GET",
                re.compile(r"/his/v1/patients/(?P<patient_id>[^/]+)/lab-reports"),
                self._list_lab_reports,
            ),
            (
                "GET",
                re.compile(r"/his/v1/lab-reports/(?P<report_no>[^/]+)"),
                self._get_lab_report,
            ),
            (
                "GET",
                re.compile(r"/his/v1/patients/(?P<patient_id>[^/]+)/exam-reports"),
                self._list_exam_reports,
            ),
            (
                "GET",
                re.compile(r"/his/v1/exam-reports/(?P<report_no>[^/]+)"),
                self._get_exam_report,
            ),
            (
                "GET",
                re.compile(r"/his/v1/inpatients/(?P<inpatient_no>[^/]+)/deposit"),
                self._get_deposit,
            ),
            (
                "POST",
                re.compile(r"/his/v1/inpatients/(?P<inpatient_no>[^/]+)/deposits"),
                self._pay_deposit,
            ),
            ("*", re.compile(r"/his/v1/echo(?:/.*)?"), self._echo),
        ]

    def handle(self, request: Request) -> Response:
        """Answer one request; unknown paths give 404 and known paths with another method 405."""
        path = unquote(request.path)
        allowed: list[str] = []
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match is None:
                continue
            if method in ("*", request.method):
                try:
                    return handler(request, match.groupdict())
                except _InvalidArgumentError as error:
                    return error_response(
                        HTTPStatus.BAD_REQUEST,
                        "invalid_argument",
                        "; ".join(f"{v['field']}: {v['description']}" for v in error.violations),
                        field_violations=error.violations,
                    )
                except BookingError as error:
                    return error_response(
                        _BOOKING_ERROR_STATUS.get(type(error), HTTPStatus.CONFLICT),
                        error.code,
                        str(error),
                    )
                except ClinicError as error:
                    return error_response(error.status, error.code, str(error))
            allowed.append(method)
        if allowed:
            response = error_response(
                HTTPStatus.METHOD_NOT_ALLOWED,
                "method_not_allowed",
                f"{request.method} is not allowed here",
            )
            response.headers.append(("allow", ", ".join(allowed)))
            return response
        return error_response(HTTPStatus.NOT_FOUND, "not_found", f"no route for {path}")

    def _health(self, request: Request, params: dict[str, str]) -> Response:
        return json_response(HTTPStatus.OK, {"status": "ok"})

    def _list_departments(self, request: Request, params: dict[str, str]) -> Response:
        return Response(HTTPStatus.OK, self._departments_body)

    def _list_doctors(self, request: Request, params: dict[str, str]) -> Response:
        department = self._catalog.department(params["dept_code"])
        if department is None:
            return _not_found("department", params["dept_code"])
        doctors = self._catalog.doctors_of(department.dept_code)
        return json_response(
            HTTPStatus.OK,
            {
                "dept_code": department.dept_code,
                "doctors": [_doctor_json(d, department) for d in doctors],
            },
        )

    def _get_doctor(self, request: Request, params: dict[str, str]) -> Response:
        doctor = self._catalog.doctor(params["doctor_code"])
        if doctor is None:
            return _not_found("doctor", params["doctor_code"])
        department = self._catalog.department(doctor.dept_code)
        assert department is not None
        return json_response(HTTPStatus.OK, _doctor_json(doctor, department))

    def _list_schedules(self, request: Request, params: dict[str, str]) -> Response:
        query = dict(parse_qsl(request.query))
        dept_code = query.get("dept_code") or None
        doctor_code = query.get("doctor_code") or None
        day: date | None = None
        if query.get("date"):
            try:
                day = date.fromisoformat(query["date"])
            except ValueError:
                raise _InvalidArgumentError(
                    [{"field": "date", "description": "must be a date as YYYY-MM-DD"}]
                ) from None
        if dept_code is not None and self._catalog.department(dept_code) is None:
            return _not_found("department", dept_code)
        if doctor_code is not None and self._catalog.doctor(doctor_code) is None:
            return _not_found("doctor", doctor_code)
        schedules = self._catalog.find_schedules(dept_code, doctor_code, day)
        return json_response(
            HTTPStatus.OK, {"schedules": [self._schedule_json(s) for s in schedules]}
        )

    def _book_appointment(self, request: Request, params: dict[str, str]) -> Response:
        payload = _json_object(request.body)
        booking, key_in_body = _booking_request(payload)
        key_in_header = request.header("idempotency-key")
        if key_in_header is not None and key_in_body is not None and key_in_header != key_in_body:
            raise _InvalidArgumentError(
                [
                    {
                        "field": "idempotency_key",
                        "description": "differs from the Idempotency-Key header",
                    }
                ]
            )
        key = key_in_body if key_in_body is not None else key_in_header
        if key is not None and not 0 < len(key) <= _MAX_IDEMPOTENCY_KEY:
            raise _InvalidArgumentError(
                [
                    {
                        "field": "idempotency_key",
                        "description": f"must be 1 to {_MAX_IDEMPOTENCY_KEY} characters",
                    }
                ]
            )
        appointment, replayed = self._book.book(booking, key)
        response = json_response(HTTPStatus.CREATED, self._appointment_json(appointment))
        response.headers.append(("location", f"/his/v1/appointments/{appointment.appointment_id}"))
        if replayed:
            response.headers.append(("idempotent-replayed", "true"))
        response.log_fields = {
            "appointment_id": appointment.appointment_id,
            "patient_id": mask_identifiers(booking.patient_id),
            "replayed": replayed,
        }
        return response

    def _get_appointment(self, request: Request, params: dict[str, str]) -> Response:
        appointment = self._book.get(params["appointment_id"])
        return json_response(HTTPStatus.OK, self._appointment_json(appointment))

    def _cancel_appointment(self, request: Request, params: dict[str, str]) -> Response:
        if request.body.strip():
            _json_object(request.body)
        appointment = self._book.cancel(params["appointment_id"])
        response = json_response(HTTPStatus.OK, self._appointment_json(appointment))
        response.log_fields = {"appointment_id": appointment.appointment_id}
        return response

    def _list_slots(self, request: Request, params: dict[str, str]) -> Response:
        schedule = self._catalog.schedule(params["schedule_id"])
        if schedule is None:
            return _not_found("schedule", params["schedule_id"])
        taken = self._book.taken_numbers(schedule)
        start = _minutes(schedule.start_time)
        length = (_minutes(schedule.end_time) - start) // max(schedule.total_slots, 1)
        return json_response(
            HTTPStatus.OK,
            {
                "schedule_id": schedule.schedule_id,
                "date": schedule.day.isoformat(),
                "slots": [
                    {
                        "queue_number": number,
                        "start_time": _clock_time(start + (number - 1) * length),
                        "end_time": _clock_time(start + number * length),
                        "status": "booked" if number in taken else "available",
                    }
                    for number in range(1, schedule.total_slots + 1)
                ],
            },
        )

    def _bind_card(self, request: Request, params: dict[str, str]) -> Response:
        payload = _json_object(request.body)
        violations: list[dict[str, str]] = []
        name = _text_field(payload, "patient_name", violations)
        id_card_no = _text_field(payload, "id_card_no", violations)
        phone = _text_field(payload, "phone", violations)
        card_type = payload.get("card_type", "medical_card")
        if id_card_no and not _ID_CARD.fullmatch(id_card_no):
            violations.append(
                {"field": "id_card_no", "description": "must be an 18-character ID card number"}
            )
        if phone and not _MOBILE.fullmatch(phone):
            violations.append(
                {"field": "phone", "description": "must be an 11-digit mainland mobile number"}
            )
        if card_type not in CARD_TYPES:
            violations.append(
                {"field": "card_type", "description": f"one of {', '.join(CARD_TYPES)}"}
            )
        if violations:
            raise _InvalidArgumentError(violations)
        card, created = self._records.bind_card(name, id_card_no, phone, card_type)
        response = json_response(HTTPStatus.CREATED if created else HTTPStatus.OK, _card_json(card))
        response.log_fields = {"patient_id": card.patient_id, "newly_bound": created}
        return response

    def _list_cards(self, request: Request, params: dict[str, str]) -> Response:
        cards = self._records.cards_of(params["patient_id"])
        return json_response(
            HTTPStatus.OK,
            {"patient_id": params["patient_id"], "cards": [_card_json(c) for c in cards]},
        )

    def _list_bills(self, request: Request, params: dict[str, str]) -> Response:
        status = dict(parse_qsl(request.query)).get("status") or None
        if status not in (None, "unpaid", "paid"):
            raise _InvalidArgumentError(
                [{"field": "status", "description": "unpaid or paid (or leave it out)"}]
            )
        bills = self._records.bills_of(params["patient_id"], status)
        return json_response(
            HTTPStatus.OK,
            {"patient_id": params["patient_id"], "bills": [_bill_json(b) for b in bills]},
        )

    def _get_bill(self, request: Request, params: dict[str, str]) -> Response:
        return json_response(HTTPStatus.OK, _bill_json(self._records.bill(params["bill_no"])))

    def _pay_bill(self, request: Request, params: dict[str, str]) -> Response:
        amount, channel, trade_no = _payment(_json_object(request.body))
        bill = self._records.pay_bill(params["bill_no"], amount, channel, trade_no)
        response = json_response(HTTPStatus.OK, _bill_json(bill))
        response.log_fields = {"bill_no": bill.bill_no}
        return response

    def _list_lab_reports(self, request: Request, params: dict[str, str]) -> Response:
        reports = self._records.lab_reports_of(params["patient_id"])
        return json_response(
            HTTPStatus.OK,
            {
                "patient_id": params["patient_id"],
                "reports": [_lab_report_json(r, with_results=False) for r in reports],
            },
        )

    def _get_lab_report(self, request: Request, params: dict[str, str]) -> Response:
        report = self._records.lab_report(params["report_no"])
        return json_response(HTTPStatus.OK, _lab_report_json(report, with_results=True))

    def _list_exam_reports(self, request: Request, params: dict[str, str]) -> Response:
        reports = self._records.exam_reports_of(params["patient_id"])
        return json_response(
            HTTPStatus.OK,
            {
                "patient_id": params["patient_id"],
                "reports": [_exam_report_json(r, with_text=False) for r in reports],
            },
        )

    def _get_exam_report(self, request: Request, params: dict[str, str]) -> Response:
        report = self._records.exam_report(params["report_no"])
        return json_response(HTTPStatus.OK, _exam_report_json(report, with_text=True))

    def _get_deposit(self, request: Request, params: dict[str, str]) -> Response:
        admission = self._records.admission(params["inpatient_no"])
        return json_response(HTTPStatus.OK, _admission_json(admission))

    def _pay_deposit(self, request: Request, params: dict[str, str]) -> Response:
        amount, channel, trade_no = _payment(_json_object(request.body))
        admission, deposit, replayed = self._records.pay_deposit(
            params["inpatient_no"], amount, channel, trade_no
        )
        response = json_response(
            HTTPStatus.OK if replayed else HTTPStatus.CREATED,
            {
                **_deposit_json(deposit),
                "inpatient_no": admission.inpatient_no,
                "balance_fen": admission.balance_fen,
            },
        )
        if replayed:
            response.headers.append(("idempotent-replayed", "true"))
        response.log_fields = {"inpatient_no": admission.inpatient_no, "replayed": replayed}
        return response

    def _echo(self, request: Request, params: dict[str, str]) -> Response:
        headers: dict[str, str] = {}
        for name, value in request.headers:
            # Header bytes were kept as Latin-1; show UTF-8 text (such as Chinese) as sent.
            text = value.encode("latin-1").decode("utf-8", errors="replace")
            headers[name] = f"{headers[name]}, {text}" if name in headers else text
        return json_response(
            HTTPStatus.OK,
            {
                "method": request.method,
                "path": request.path,
                "query": dict(parse_qsl(request.query, keep_blank_values=True)),
                "raw_query": request.query,
                "headers": headers,
                "body": request.body.decode("utf-8", errors="replace"),
            },
        )

    def _schedule_json(self, schedule: Schedule) -> dict[str, Any]:
        doctor = self._catalog.doctor(schedule.doctor_code)
        department = self._catalog.department(schedule.dept_code)
        assert doctor is not None and department is not None
        return {
            "schedule_id": schedule.schedule_id,
            "dept_code": schedule.dept_code,
            "dept_name": department.name,
            "doctor_code": schedule.doctor_code,
            "doctor_name": doctor.name,
            "doctor_title": doctor.title.value,
            "date": schedule.day.isoformat(),
            "session": schedule.session.value,
            "start_time": schedule.start_time,
            "end_time": schedule.end_time,
            "total_slots": schedule.total_slots,
            "remaining_slots": self._book.remaining_slots(schedule),
            "fee_fen": schedule.fee_fen,
        }

    def _appointment_json(self, appointment: Appointment) -> dict[str, Any]:
        return {
            "appointment_id": appointment.appointment_id,
            "status": appointment.status.value,
            "queue_number": appointment.queue_number,
            "patient_id": appointment.patient_id,
            "patient_name": appointment.patient_name,
            "phone": appointment.phone,
            "created_at": appointment.created_at.isoformat(timespec="seconds"),
            "cancelled_at": (
                appointment.cancelled_at.isoformat(timespec="seconds")
                if appointment.cancelled_at
                else None
            ),
            "schedule": self._schedule_json(appointment.schedule),
        }


def _department_json(department: Department) -> dict[str, Any]:
    return {
        "dept_code": department.dept_code,
        "name": department.name,
        "parent_code": department.parent_code,
        "location": department.location,
        "intro": department.intro,
    }


def _doctor_json(doctor: Doctor, department: Department) -> dict[str, Any]:
    return {
        "doctor_code": doctor.doctor_code,
        "name": doctor.name,
        "gender": doctor.gender,
        "title": doctor.title.value,
        "dept_code": doctor.dept_code,
        "dept_name": department.name,
        "specialty": doctor.specialty,
        "intro": doctor.intro,
        "fee_fen": doctor.fee_fen,
    }


def _card_json(card: Card) -> dict[str, Any]:
    return {
        "card_no": card.card_no,
        "card_type": card.card_type,
        "patient_id": card.patient_id,
        "patient_name": card.patient_name,
        "phone": card.phone,
        "bound_at": card.bound_at.isoformat(timespec="seconds"),
    }


def _bill_json(bill: Bill) -> dict[str, Any]:
    return {
        "bill_no": bill.bill_no,
        "patient_id": bill.patient_id,
        "dept_name": bill.dept_name,
        "doctor_name": bill.doctor_name,
        "items": [
            {
                "item_name": item.item_name,
                "quantity": item.quantity,
                "unit_price_fen": item.unit_price_fen,
                "amount_fen": item.amount_fen,
            }
            for item in bill.items
        ],
        "total_fen": bill.total_fen,
        "status": bill.status,
        "created_at": bill.created_at.isoformat(timespec="seconds"),
        "paid_at": bill.paid_at.isoformat(timespec="seconds") if bill.paid_at else None,
        "pay_channel": bill.pay_channel or None,
        "trade_no": bill.trade_no or None,
        "receipt_no": bill.receipt_no or None,
    }


def _lab_report_json(report: LabReport, *, with_results: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "report_no": report.report_no,
        "patient_id": report.patient_id,
        "title": report.title,
        "specimen": report.specimen,
        "dept_name": report.dept_name,
        "reported_at": report.reported_at.isoformat(timespec="seconds"),
        "abnormal": any(result.flag for result in report.results),
    }
    if with_results:
        body["results"] = [
            {
                "item_code": r.item_code,
                "item_name": r.item_name,
                "result": r.result,
                "unit": r.unit,
                "reference_range": r.reference_range,
                "flag": r.flag,
            }
            for r in report.results
        ]
    return body


def _exam_report_json(report: ExamReport, *, with_text: bool) -> dict[str, Any]:
    body: dict[str, Any] = {
        "report_no": report.report_no,
        "patient_id": report.patient_id,
        "title": report.title,
        "modality": report.modality,
        "body_part": report.body_part,
        "reported_at": report.reported_at.isoformat(timespec="seconds"),
    }
    if with_text:
        body["findings"] = report.findings
        body["impression"] = report.impression
    return body


def _deposit_json(deposit: Deposit) -> dict[str, Any]:
    return {
        "deposit_no": deposit.deposit_no,
        "amount_fen": deposit.amount_fen,
        "pay_channel": deposit.pay_channel,
        "trade_no": deposit.trade_no,
        "paid_at": deposit.paid_at.isoformat(timespec="seconds"),
    }


def _admission_json(admission: Admission) -> dict[str, Any]:
    return {
        "inpatient_no": admission.inpatient_no,
        "patient_id": admission.patient_id,
        "patient_name": admission.patient_name,
        "ward": admission.ward,
        "bed_no": admission.bed_no,
        "admitted_at": admission.admitted_at.isoformat(timespec="seconds"),
        "total_paid_fen": admission.total_paid_fen,
        "charged_fen": admission.charged_fen,
        "balance_fen": admission.balance_fen,
        "deposits": [_deposit_json(d) for d in admission.deposits],
    }


def _minutes(clock_time: str) -> int:
    hours, minutes = clock_time.split(":")
    return int(hours) * 60 + int(minutes)


def _clock_time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _text_field(payload: dict[str, Any], name: str, violations: list[dict[str, str]]) -> str:
    value = payload.get(name)
    if not isinstance(value, str) or not value.strip():
        violations.append({"field": name, "description": "required, a non-empty string"})
        return ""
    if len(value) > _MAX_TEXT:
        violations.append({"field": name, "description": f"at most {_MAX_TEXT} characters"})
    return value.strip()


def _payment(payload: dict[str, Any]) -> tuple[int, str, str]:
    """Amount in fen, payment channel and the payer's trade number of a payment body."""
    violations: list[dict[str, str]] = []
    amount = payload.get("amount_fen")
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= 10**9:
        violations.append(
            {"field": "amount_fen", "description": "a whole number of fen, 1 to 1000000000"}
        )
    channel = payload.get("pay_channel")
    if channel not in PAY_CHANNELS:
        violations.append(
            {"field": "pay_channel", "description": f"one of {', '.join(PAY_CHANNELS)}"}
        )
    trade_no = _text_field(payload, "trade_no", violations)
    if violations:
        raise _InvalidArgumentError(violations)
    return int(str(amount)), str(channel), trade_no


def _not_found(kind: str, code: str) -> Response:
    return error_response(HTTPStatus.NOT_FOUND, f"{kind}_not_found", f"no {kind} {code!r}")


def _json_object(body: bytes) -> dict[str, Any]:
    try:
        payload = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError:
        raise _InvalidArgumentError([{"field": "body", "description": "not UTF-8"}]) from None
    except RecursionError:
        raise _InvalidArgumentError(
            [{"field": "body", "description": "nested too deeply"}]
        ) from None
    except json.JSONDecodeError as error:
        raise _InvalidArgumentError(
            [
                {
                    "field": "body",
                    "description": f"not valid JSON: {error.msg} at line {error.lineno} "
                    f"column {error.colno}",
                }
            ]
        ) from None
    if not isinstance(payload, dict):
        raise _InvalidArgumentError([{"field": "body", "description": "must be a JSON object"}])
    return payload


def _booking_request(payload: dict[str, Any]) -> tuple[BookingRequest, str | None]:
    violations: list[dict[str, str]] = []

    def text(field: str) -> str:
        value = payload.get(field)
        if not isinstance(value, str) or not value.strip():
            violations.append({"field": field, "description": "required, a non-empty string"})
            return ""
        if len(value) > _MAX_TEXT:
            violations.append({"field": field, "description": f"at most {_MAX_TEXT} characters"})
        return value.strip()

    schedule_id = text("schedule_id")
    patient_id = text("patient_id")
    patient_name = text("patient_name")
    phone = text("phone")
    if phone and not _MOBILE.fullmatch(phone):
        violations.append(
            {"field": "phone", "description": "must be an 11-digit mainland mobile number"}
        )
    key = payload.get("idempotency_key")
    if key is not None and not isinstance(key, str):
        violations.append({"field": "idempotency_key", "description": "must be a string"})
        key = None
    if violations:
        raise _InvalidArgumentError(violations)
    return BookingRequest(schedule_id, patient_id, patient_name, phone), key
