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
from simulators.his.logs import mask_identifiers
from simulators.his.wire import Request, Response, encode_json, error_response, json_response

Handler = Callable[[Request, dict[str, str]], Response]

_MOBILE = re.compile(r"1[3-9][0-9]{9}")
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

    def __init__(self, catalog: Catalog, book: AppointmentBook) -> None:
        self._catalog = catalog
        self._book = book
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
