"""Appointment booking against the catalog's schedules, held in memory."""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from simulators.his.catalog import Catalog, Schedule

CHINA_STANDARD_TIME = timezone(timedelta(hours=8), "CST")


class AppointmentStatus(enum.StrEnum):
    """Lifecycle of an appointment."""

    BOOKED = "booked"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class BookingRequest:
    """What a patient asks for: a slot of one schedule."""

    schedule_id: str
    patient_id: str
    patient_name: str
    phone: str


@dataclass(frozen=True, slots=True)
class Appointment:
    """A booked (or since cancelled) slot; queue_number is the patient's place in the session."""

    appointment_id: str
    status: AppointmentStatus
    schedule: Schedule
    queue_number: int
    patient_id: str
    patient_name: str
    phone: str
    created_at: datetime
    cancelled_at: datetime | None = None


class BookingError(Exception):
    """A booking operation that the hospital refuses; code names the reason for callers."""

    code = "booking_error"


class ScheduleNotFoundError(BookingError):
    """No schedule has this id."""

    code = "schedule_not_found"


class ScheduleFullError(BookingError):
    """Every slot of the schedule is taken."""

    code = "schedule_full"


class DuplicateBookingError(BookingError):
    """The patient already holds a slot in this schedule."""

    code = "duplicate_booking"


class IdempotencyKeyReusedError(BookingError):
    """The idempotency key was used before for a different request."""

    code = "idempotency_key_reused"


class AppointmentNotFoundError(BookingError):
    """No appointment has this id."""

    code = "appointment_not_found"


class AlreadyCancelledError(BookingError):
    """The appointment was cancelled before."""

    code = "already_cancelled"


class AppointmentBook:
    """Appointments and remaining slots of every schedule; safe to share between threads."""

    def __init__(
        self,
        catalog: Catalog,
        clock: Callable[[], datetime] = lambda: datetime.now(CHINA_STANDARD_TIME),
    ) -> None:
        self._catalog = catalog
        self._clock = clock
        # Every read and write goes through this lock, so a booking is check-and-take at once
        # even when the book is used from several threads (asyncio alone would not need it).
        self._lock = threading.Lock()
        self._appointments: dict[str, Appointment] = {}
        self._taken_numbers: dict[str, set[int]] = {}
        self._holders: set[tuple[str, str]] = set()
        self._by_idempotency_key: dict[str, tuple[BookingRequest, str]] = {}
        self._sequence = 0

    def remaining_slots(self, schedule: Schedule) -> int:
        """Return how many slots of the schedule are still free."""
        with self._lock:
            return schedule.total_slots - len(self._taken_numbers.get(schedule.schedule_id, ()))

    def taken_numbers(self, schedule: Schedule) -> frozenset[int]:
        """Return the queue numbers of the schedule that are booked."""
        with self._lock:
            return frozenset(self._taken_numbers.get(schedule.schedule_id, ()))

    def book(
        self, request: BookingRequest, idempotency_key: str | None = None
    ) -> tuple[Appointment, bool]:
        """Take a slot; returns the appointment and whether it is a replay of an earlier key."""
        with self._lock:
            if idempotency_key is not None and idempotency_key in self._by_idempotency_key:
                earlier_request, appointment_id = self._by_idempotency_key[idempotency_key]
                if earlier_request != request:
                    raise IdempotencyKeyReusedError(
                        "this idempotency key was used for a different booking"
                    )
                return self._appointments[appointment_id], True
            schedule = self._catalog.schedule(request.schedule_id)
            if schedule is None:
                raise ScheduleNotFoundError(f"no schedule {request.schedule_id!r}")
            holder = (schedule.schedule_id, request.patient_id)
            if holder in self._holders:
                raise DuplicateBookingError("the patient already has a slot in this schedule")
            taken = self._taken_numbers.setdefault(schedule.schedule_id, set())
            if len(taken) >= schedule.total_slots:
                raise ScheduleFullError(f"schedule {schedule.schedule_id} is full")
            # The lowest free number, so a slot freed by a cancellation is offered again.
            queue_number = min(set(range(1, schedule.total_slots + 1)) - taken)
            taken.add(queue_number)
            self._holders.add(holder)
            self._sequence += 1
            appointment = Appointment(
                appointment_id=f"APT{self._sequence:08d}",
                status=AppointmentStatus.BOOKED,
                schedule=schedule,
                queue_number=queue_number,
                patient_id=request.patient_id,
                patient_name=request.patient_name,
                phone=request.phone,
                created_at=self._clock(),
            )
            self._appointments[appointment.appointment_id] = appointment
            if idempotency_key is not None:
                self._by_idempotency_key[idempotency_key] = (request, appointment.appointment_id)
            return appointment, False

    def cancel(self, appointment_id: str) -> Appointment:
        """Cancel a booked appointment and free its slot."""
        with self._lock:
            appointment = self._appointments.get(appointment_id)
            if appointment is None:
                raise AppointmentNotFoundError(f"no appointment {appointment_id!r}")
            if appointment.status is AppointmentStatus.CANCELLED:
                raise AlreadyCancelledError(f"appointment {appointment_id} is already cancelled")
            cancelled = replace(
                appointment, status=AppointmentStatus.CANCELLED, cancelled_at=self._clock()
            )
            self._appointments[appointment_id] = cancelled
            self._taken_numbers[appointment.schedule.schedule_id].discard(appointment.queue_number)
            self._holders.discard((appointment.schedule.schedule_id, appointment.patient_id))
            return cancelled

    def get(self, appointment_id: str) -> Appointment:
        """Return an appointment in its current state."""
        with self._lock:
            appointment = self._appointments.get(appointment_id)
        if appointment is None:
            raise AppointmentNotFoundError(f"no appointment {appointment_id!r}")
        return appointment
