"""Patients' records: bound cards, outpatient bills and their payment, lab and exam reports,
inpatient deposits. Generated from the seed per patient, held in memory, safe across threads.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TypeVar

from simulators.his.booking import CHINA_STANDARD_TIME
from simulators.his.catalog import Catalog

# Patients and inpatients present from the start, so that records can be tried at once.
DEMO_PATIENTS = (
    ("P00000001", "张伟", "110101199001011234", "13800138000"),
    ("P00000002", "王芳", "310101198505052345", "13900139000"),
    ("P00000003", "李娜", "440101197803033456", "13700137000"),
)
DEMO_INPATIENTS = (("ZY2030000001", "P00000001"), ("ZY2030000002", "P00000002"))
PAY_CHANNELS = ("wechat", "alipay", "unionpay", "cash", "medical_insurance")
CARD_TYPES = ("medical_card", "id_card", "insurance_card")

_LAB_PANELS = (
    (
        "血常规",
        "静脉血",
        (
            ("WBC", "白细胞计数", "10^9/L", 3.5, 9.5, 1),
            ("RBC", "红细胞计数", "10^12/L", 4.3, 5.8, 2),
            ("HGB", "血红蛋白", "g/L", 130.0, 175.0, 0),
            ("PLT", "血小板计数", "10^9/L", 125.0, 350.0, 0),
        ),
    ),
    (
        "肝功能",
        "血清",
        (
            ("ALT", "丙氨酸氨基转移酶", "U/L", 9.0, 50.0, 0),
            ("AST", "天门冬氨酸氨基转移酶", "U/L", 15.0, 40.0, 0),
            ("TBIL", "总胆红素", "μmol/L", 3.4, 20.5, 1),
        ),
    ),
    (
        "空腹血糖",
        "静脉血",
        (("GLU", "葡萄糖", "mmol/L", 3.9, 6.1, 2),),
    ),
)
_EXAMS = (
    ("胸部CT平扫", "CT", "胸部", "双肺纹理清晰，未见明确实质性病变。", "胸部CT平扫未见明显异常。"),
    ("腹部彩超", "US", "腹部", "肝脏大小形态正常，实质回声均匀。", "肝胆胰脾未见明显异常。"),
    ("心电图", "ECG", "心脏", "窦性心律，心率72次/分。", "正常心电图。"),
)
_BILL_ITEMS = (
    ("挂号费", 1, 2000),
    ("血常规检查", 1, 2500),
    ("胸部CT平扫", 1, 28000),
    ("阿莫西林胶囊 0.25g×24粒", 2, 1850),
    ("布洛芬缓释胶囊 0.3g×20粒", 1, 2380),
    ("静脉输液", 1, 1500),
)
_Record = TypeVar("_Record")
_WARDS = (("心内科一病区", "12"), ("普外科二病区", "07"), ("呼吸科病区", "21"))


class ClinicError(Exception):
    """A request the records cannot satisfy; code is the machine-readable reason."""

    code = "clinic_error"
    status = 409


class PatientNotFoundError(ClinicError):
    code = "patient_not_found"
    status = 404


class RecordNotFoundError(ClinicError):
    code = "record_not_found"
    status = 404


class AlreadyPaidError(ClinicError):
    code = "already_paid"


class AmountMismatchError(ClinicError):
    code = "amount_mismatch"


class TradeNumberReusedError(ClinicError):
    code = "trade_no_reused"
    status = 422


@dataclass(frozen=True, slots=True)
class Card:
    card_no: str
    card_type: str
    patient_id: str
    patient_name: str
    phone: str
    bound_at: datetime


@dataclass(frozen=True, slots=True)
class BillItem:
    item_name: str
    quantity: int
    unit_price_fen: int

    @property
    def amount_fen(self) -> int:
        return self.quantity * self.unit_price_fen


@dataclass(frozen=True, slots=True)
class Bill:
    bill_no: str
    patient_id: str
    dept_name: str
    doctor_name: str
    items: tuple[BillItem, ...]
    created_at: datetime
    status: str = "unpaid"
    paid_at: datetime | None = None
    pay_channel: str = ""
    trade_no: str = ""
    receipt_no: str = ""

    @property
    def total_fen(self) -> int:
        return sum(item.amount_fen for item in self.items)


@dataclass(frozen=True, slots=True)
class LabResult:
    item_code: str
    item_name: str
    result: str
    unit: str
    reference_range: str
    # "" normal, "H" above, "L" below the reference range.
    flag: str


@dataclass(frozen=True, slots=True)
class LabReport:
    report_no: str
    patient_id: str
    title: str
    specimen: str
    dept_name: str
    reported_at: datetime
    results: tuple[LabResult, ...]


@dataclass(frozen=True, slots=True)
class ExamReport:
    report_no: str
    patient_id: str
    title: str
    modality: str
    body_part: str
    findings: str
    impression: str
    reported_at: datetime


@dataclass(frozen=True, slots=True)
class Deposit:
    deposit_no: str
    amount_fen: int
    pay_channel: str
    trade_no: str
    paid_at: datetime


@dataclass(frozen=True, slots=True)
class Admission:
    inpatient_no: str
    patient_id: str
    patient_name: str
    ward: str
    bed_no: str
    admitted_at: datetime
    # What the stay has cost so far: the balance is what was paid in minus this.
    charged_fen: int
    deposits: tuple[Deposit, ...]

    @property
    def total_paid_fen(self) -> int:
        return sum(deposit.amount_fen for deposit in self.deposits)

    @property
    def balance_fen(self) -> int:
        return self.total_paid_fen - self.charged_fen


@dataclass
class _Patient:
    patient_id: str
    name: str
    # Record numbers, oldest first.
    bills: list[str]
    lab_reports: list[str]
    exam_reports: list[str]


class ClinicRecords:
    """Every patient's cards, bills, reports and admissions."""

    def __init__(
        self,
        catalog: Catalog,
        seed: int,
        clock: Callable[[], datetime] = lambda: datetime.now(CHINA_STANDARD_TIME),
    ) -> None:
        self._catalog = catalog
        self._seed = seed
        self._clock = clock
        # The records' own times are fixed relative to the catalogue's first day, so the same
        # seed and first day give the same bills and reports.
        first_day = min((s.day for s in catalog.schedules), default=clock().date())
        self._epoch = datetime.combine(first_day, datetime.min.time(), CHINA_STANDARD_TIME)
        self._lock = threading.Lock()
        self._patients: dict[str, _Patient] = {}
        self._cards: dict[str, Card] = {}
        self._patient_by_identity: dict[str, str] = {}
        self._bills: dict[str, Bill] = {}
        self._lab_reports: dict[str, LabReport] = {}
        self._exam_reports: dict[str, ExamReport] = {}
        self._admissions: dict[str, Admission] = {}
        self._payments: dict[str, tuple[str, int]] = {}
        self._sequence = 0
        for patient_id, name, id_card_no, phone in DEMO_PATIENTS:
            self._patient_by_identity[id_card_no] = patient_id
            self._add_patient(patient_id, name)
            self._add_card(
                Card(f"MC{patient_id[1:]}", "medical_card", patient_id, name, phone, self._epoch)
            )
        for number, (inpatient_no, patient_id) in enumerate(DEMO_INPATIENTS):
            ward, bed = _WARDS[number % len(_WARDS)]
            self._admissions[inpatient_no] = Admission(
                inpatient_no=inpatient_no,
                patient_id=patient_id,
                patient_name=self._patients[patient_id].name,
                ward=ward,
                bed_no=bed,
                admitted_at=self._epoch - timedelta(days=3 + number),
                charged_fen=186_000 + 42_500 * number,
                deposits=(
                    Deposit(
                        f"YJ{inpatient_no[2:]}01",
                        300_000,
                        "wechat",
                        f"DEMO{inpatient_no}",
                        self._epoch - timedelta(days=3 + number, hours=-2),
                    ),
                ),
            )

    # --- cards ---

    def bind_card(
        self, patient_name: str, id_card_no: str, phone: str, card_type: str
    ) -> tuple[Card, bool]:
        """Bind a card to the patient with this ID card (new patients are registered).

        Returns the card and whether it was bound now (False: bound before, same answer).
        """
        with self._lock:
            patient_id = self._patient_by_identity.get(id_card_no)
            if patient_id is None:
                patient_id = f"P{len(self._patients) + 1:08d}"
                self._patient_by_identity[id_card_no] = patient_id
                self._add_patient(patient_id, patient_name)
            for card in self._cards.values():
                if card.patient_id == patient_id and card.card_type == card_type:
                    return card, False
            prefix = {"medical_card": "MC", "id_card": "IC", "insurance_card": "SB"}[card_type]
            card = Card(
                f"{prefix}{patient_id[1:]}",
                card_type,
                patient_id,
                self._patients[patient_id].name,
                phone,
                self._clock(),
            )
            self._add_card(card)
            return card, True

    def cards_of(self, patient_id: str) -> list[Card]:
        with self._lock:
            self._patient(patient_id)
            return [card for card in self._cards.values() if card.patient_id == patient_id]

    # --- outpatient bills ---

    def bills_of(self, patient_id: str, status: str | None) -> list[Bill]:
        with self._lock:
            patient = self._patient(patient_id)
            return [
                self._bills[number]
                for number in patient.bills
                if status is None or self._bills[number].status == status
            ]

    def bill(self, bill_no: str) -> Bill:
        with self._lock:
            return self._found(self._bills, bill_no, "bill")

    def pay_bill(self, bill_no: str, amount_fen: int, pay_channel: str, trade_no: str) -> Bill:
        """Settle an unpaid bill in full; the same trade number again answers the same."""
        with self._lock:
            bill = self._found(self._bills, bill_no, "bill")
            earlier = self._payments.get(trade_no)
            if earlier is not None:
                if earlier != (bill_no, amount_fen):
                    raise TradeNumberReusedError("this trade number paid something else")
                return bill
            if bill.status == "paid":
                raise AlreadyPaidError(f"bill {bill_no} is paid already")
            if amount_fen != bill.total_fen:
                raise AmountMismatchError(
                    f"the bill is {bill.total_fen} fen, the payment {amount_fen} fen"
                )
            self._sequence += 1
            paid = replace(
                bill,
                status="paid",
                paid_at=self._clock(),
                pay_channel=pay_channel,
                trade_no=trade_no,
                receipt_no=f"SJ{self._sequence:010d}",
            )
            self._bills[bill_no] = paid
            self._payments[trade_no] = (bill_no, amount_fen)
            return paid

    # --- reports ---

    def lab_reports_of(self, patient_id: str) -> list[LabReport]:
        with self._lock:
            return [self._lab_reports[n] for n in self._patient(patient_id).lab_reports]

    def lab_report(self, report_no: str) -> LabReport:
        with self._lock:
            return self._found(self._lab_reports, report_no, "lab report")

    def exam_reports_of(self, patient_id: str) -> list[ExamReport]:
        with self._lock:
            return [self._exam_reports[n] for n in self._patient(patient_id).exam_reports]

    def exam_report(self, report_no: str) -> ExamReport:
        with self._lock:
            return self._found(self._exam_reports, report_no, "exam report")

    # --- inpatient deposits ---

    def admission(self, inpatient_no: str) -> Admission:
        with self._lock:
            return self._found(self._admissions, inpatient_no, "inpatient")

    def pay_deposit(
        self, inpatient_no: str, amount_fen: int, pay_channel: str, trade_no: str
    ) -> tuple[Admission, Deposit, bool]:
        """Add a deposit; returns the admission, the deposit and whether it was a replay."""
        with self._lock:
            admission = self._found(self._admissions, inpatient_no, "inpatient")
            for deposit in admission.deposits:
                if deposit.trade_no == trade_no:
                    if deposit.amount_fen != amount_fen:
                        raise TradeNumberReusedError("this trade number paid another amount")
                    return admission, deposit, True
            if trade_no in self._payments:
                raise TradeNumberReusedError("this trade number paid something else")
            deposit = Deposit(
                f"YJ{inpatient_no[2:]}{len(admission.deposits) + 1:02d}",
                amount_fen,
                pay_channel,
                trade_no,
                self._clock(),
            )
            admission = replace(admission, deposits=(*admission.deposits, deposit))
            self._admissions[inpatient_no] = admission
            self._payments[trade_no] = (deposit.deposit_no, amount_fen)
            return admission, deposit, False

    # --- inside the lock ---

    def _patient(self, patient_id: str) -> _Patient:
        patient = self._patients.get(patient_id)
        if patient is None:
            raise PatientNotFoundError(f"no patient {patient_id!r}")
        return patient

    def _found(self, records: dict[str, _Record], key: str, kind: str) -> _Record:
        record = records.get(key)
        if record is None:
            raise RecordNotFoundError(f"no {kind} {key!r}")
        return record

    def _add_card(self, card: Card) -> None:
        self._cards[card.card_no] = card

    def _add_patient(self, patient_id: str, name: str) -> None:
        """Register a patient with the records the seed gives them."""
        rng = random.Random(f"his:{self._seed}:patient:{patient_id}")  # noqa: S311 (seeded)
        patient = _Patient(patient_id, name, [], [], [])
        self._patients[patient_id] = patient
        doctors = self._catalog.doctors or ()
        for number in range(1, rng.randint(1, 3) + 1):
            doctor = rng.choice(doctors) if doctors else None
            department = self._catalog.department(doctor.dept_code) if doctor else None
            items = tuple(
                BillItem(name, quantity, price)
                for name, quantity, price in rng.sample(_BILL_ITEMS, rng.randint(1, 3))
            )
            bill = Bill(
                bill_no=f"MZ{patient_id[1:]}{number:02d}",
                patient_id=patient_id,
                dept_name=department.name if department else "门诊",
                doctor_name=doctor.name if doctor else "",
                items=items,
                created_at=self._epoch - timedelta(days=number, hours=rng.randint(0, 8)),
            )
            self._bills[bill.bill_no] = bill
            patient.bills.append(bill.bill_no)
        for number, (title, specimen, tests) in enumerate(
            rng.sample(_LAB_PANELS, rng.randint(1, len(_LAB_PANELS))), start=1
        ):
            results = []
            for code, test_name, unit, low, high, decimals in tests:
                value = rng.uniform(low * 0.8, high * 1.15)
                flag = "H" if value > high else "L" if value < low else ""
                results.append(
                    LabResult(
                        code,
                        test_name,
                        f"{value:.{decimals}f}",
                        unit,
                        f"{low:.{decimals}f}-{high:.{decimals}f}",
                        flag,
                    )
                )
            report = LabReport(
                report_no=f"JY{patient_id[1:]}{number:02d}",
                patient_id=patient_id,
                title=title,
                specimen=specimen,
                dept_name="检验科",
                reported_at=self._epoch - timedelta(days=number, hours=-3),
                results=tuple(results),
            )
            self._lab_reports[report.report_no] = report
            patient.lab_reports.append(report.report_no)
        for number, (title, modality, part, findings, impression) in enumerate(
            rng.sample(_EXAMS, rng.randint(1, 2)), start=1
        ):
            exam = ExamReport(
                report_no=f"JC{patient_id[1:]}{number:02d}",
                patient_id=patient_id,
                title=title,
                modality=modality,
                body_part=part,
                findings=findings,
                impression=impression,
                reported_at=self._epoch - timedelta(days=number, hours=-5),
            )
            self._exam_reports[exam.report_no] = exam
            patient.exam_reports.append(exam.report_no)
