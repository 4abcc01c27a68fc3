"""Deterministic hospital master data: departments, doctors and the coming week's schedules."""

from __future__ import annotations

import enum
import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

SCHEDULE_DAYS = 7


class Session(enum.StrEnum):
    """Half-day clinic session."""

    MORNING = "morning"
    AFTERNOON = "afternoon"


class Title(enum.StrEnum):
    """Professional title of a doctor, from the most to the least senior."""

    CHIEF = "主任医师"
    ASSOCIATE_CHIEF = "副主任医师"
    ATTENDING = "主治医师"
    RESIDENT = "住院医师"


@dataclass(frozen=True, slots=True)
class Department:
    """A clinical department; top-level groups have no parent and no doctors of their own."""

    dept_code: str
    name: str
    parent_code: str | None
    location: str
    intro: str


@dataclass(frozen=True, slots=True)
class Doctor:
    """A doctor who sees outpatients in one department."""

    doctor_code: str
    name: str
    gender: str
    dept_code: str
    title: Title
    specialty: str
    intro: str
    fee_fen: int


@dataclass(frozen=True, slots=True)
class Schedule:
    """One doctor's outpatient session on one day, with its number of appointment slots."""

    schedule_id: str
    dept_code: str
    doctor_code: str
    day: date
    session: Session
    start_time: str
    end_time: str
    total_slots: int
    fee_fen: int


@dataclass(frozen=True, slots=True)
class _DepartmentSpec:
    code: str
    name: str
    parent_code: str | None
    specialties: tuple[str, ...]


_DEPARTMENTS: tuple[_DepartmentSpec, ...] = (
    _DepartmentSpec("1000", "内科", None, ()),
    _DepartmentSpec(
        "1001", "心血管内科", "1000", ("高血压", "冠心病", "心律失常", "心力衰竭", "血脂异常")
    ),
    _DepartmentSpec(
        "1002", "呼吸内科", "1000", ("慢性阻塞性肺疾病", "支气管哮喘", "肺部感染", "肺结节")
    ),
    _DepartmentSpec(
        "1003", "消化内科", "1000", ("胃食管反流病", "消化性溃疡", "炎症性肠病", "肝硬化")
    ),
    _DepartmentSpec("1004", "神经内科", "1000", ("脑血管病", "癫痫", "帕金森病", "头痛")),
    _DepartmentSpec("1005", "内分泌科", "1000", ("糖尿病", "甲状腺疾病", "骨质疏松", "肥胖症")),
    _DepartmentSpec("1006", "肾内科", "1000", ("慢性肾脏病", "肾小球肾炎", "高尿酸血症")),
    _DepartmentSpec("2000", "外科", None, ()),
    _DepartmentSpec("2001", "普通外科", "2000", ("甲状腺外科", "乳腺外科", "胃肠外科", "疝")),
    _DepartmentSpec("2002", "骨科", "2000", ("脊柱外科", "关节置换", "运动医学", "创伤骨科")),
    _DepartmentSpec("2003", "神经外科", "2000", ("脑肿瘤", "脑血管畸形", "颅脑创伤")),
    _DepartmentSpec("2004", "泌尿外科", "2000", ("泌尿系结石", "前列腺疾病", "泌尿系肿瘤")),
    _DepartmentSpec("3000", "妇儿中心", None, ()),
    _DepartmentSpec("3001", "妇产科", "3000", ("产前检查", "高危妊娠", "妇科肿瘤", "月经失调")),
    _DepartmentSpec("3002", "儿科", "3000", ("小儿呼吸", "小儿消化", "儿童保健", "新生儿疾病")),
    _DepartmentSpec("4000", "五官科", None, ()),
    _DepartmentSpec("4001", "眼科", "4000", ("白内障", "青光眼", "眼底病", "屈光不正")),
    _DepartmentSpec("4002", "耳鼻喉科", "4000", ("慢性鼻窦炎", "中耳炎", "听力障碍", "咽喉疾病")),
    _DepartmentSpec("4003", "口腔科", "4000", ("牙体牙髓", "牙周病", "口腔修复", "口腔正畸")),
    _DepartmentSpec("5000", "综合科室", None, ()),
    _DepartmentSpec("5001", "皮肤科", "5000", ("湿疹", "银屑病", "痤疮", "荨麻疹")),
    _DepartmentSpec("5002", "中医科", "5000", ("中医内科", "针灸", "推拿", "脾胃病")),
    _DepartmentSpec("5003", "康复医学科", "5000", ("脑卒中康复", "骨关节康复", "疼痛康复")),
)

_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚"
)
_GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华建国文辉"
    "力思雨晨欣宇浩然怡嘉佳俊鹏琳慧颖婷梅斌峰帆博"
)
_BUILDINGS = ("门诊楼", "门诊医技楼", "综合楼")

# Registration fees in fen by title; the seed picks one of each so hospitals differ.
_FEES_FEN: dict[Title, tuple[int, ...]] = {
    Title.CHIEF: (5000, 6000, 8000),
    Title.ASSOCIATE_CHIEF: (3000, 4000),
    Title.ATTENDING: (2000, 2500),
    Title.RESIDENT: (1000, 1500),
}
# Senior doctors see fewer patients per session.
_SLOTS: dict[Title, tuple[int, int]] = {
    Title.CHIEF: (6, 12),
    Title.ASSOCIATE_CHIEF: (10, 16),
    Title.ATTENDING: (14, 20),
    Title.RESIDENT: (16, 24),
}
_YEARS: dict[Title, tuple[int, int]] = {
    Title.CHIEF: (20, 35),
    Title.ASSOCIATE_CHIEF: (12, 22),
    Title.ATTENDING: (6, 14),
    Title.RESIDENT: (1, 6),
}
_SESSION_HOURS: dict[Session, tuple[str, str]] = {
    Session.MORNING: ("08:00", "12:00"),
    Session.AFTERNOON: ("13:30", "17:00"),
}
_SESSION_SUFFIX: dict[Session, str] = {Session.MORNING: "AM", Session.AFTERNOON: "PM"}


class Catalog:
    """Immutable master data of one simulated hospital, with lookups by code."""

    def __init__(
        self,
        departments: Iterable[Department],
        doctors: Iterable[Doctor],
        schedules: Iterable[Schedule],
    ) -> None:
        self.departments: tuple[Department, ...] = tuple(departments)
        self.doctors: tuple[Doctor, ...] = tuple(doctors)
        self.schedules: tuple[Schedule, ...] = tuple(schedules)
        self._departments = {d.dept_code: d for d in self.departments}
        self._doctors = {d.doctor_code: d for d in self.doctors}
        self._schedules = {s.schedule_id: s for s in self.schedules}
        self._doctors_by_dept: dict[str, list[Doctor]] = {d.dept_code: [] for d in self.departments}
        self._schedules_by_dept: dict[str, list[Schedule]] = {
            d.dept_code: [] for d in self.departments
        }
        for doctor in self.doctors:
            self._doctors_by_dept[doctor.dept_code].append(doctor)
        for schedule in self.schedules:
            self._schedules_by_dept[schedule.dept_code].append(schedule)

    def department(self, dept_code: str) -> Department | None:
        """Return the department with this code, if any."""
        return self._departments.get(dept_code)

    def doctor(self, doctor_code: str) -> Doctor | None:
        """Return the doctor with this code, if any."""
        return self._doctors.get(doctor_code)

    def schedule(self, schedule_id: str) -> Schedule | None:
        """Return the schedule with this id, if any."""
        return self._schedules.get(schedule_id)

    def doctors_of(self, dept_code: str) -> tuple[Doctor, ...]:
        """Return the doctors of one department (empty for top-level groups and unknown codes)."""
        return tuple(self._doctors_by_dept.get(dept_code, ()))

    def find_schedules(
        self, dept_code: str | None = None, doctor_code: str | None = None, day: date | None = None
    ) -> list[Schedule]:
        """Return the schedules matching every filter given, in day, session, doctor order."""
        candidates = (
            self.schedules if dept_code is None else self._schedules_by_dept.get(dept_code, ())
        )
        return [
            s
            for s in candidates
            if (doctor_code is None or s.doctor_code == doctor_code)
            and (day is None or s.day == day)
        ]


def generate_catalog(seed: int, first_day: date, days: int = SCHEDULE_DAYS) -> Catalog:
    """Generate the hospital's master data; the same seed and first day give the same data."""
    departments: list[Department] = []
    doctors: list[Doctor] = []
    used_names: set[str] = set()
    for spec in _DEPARTMENTS:
        # One generator per department (and per doctor-day below), so that the data of one
        # department does not shift when another one changes.
        rng = random.Random(f"his:{seed}:dept:{spec.code}")  # noqa: S311 (seeded on purpose)
        departments.append(_department(spec, rng))
        if spec.specialties:
            doctors.extend(_doctors(spec, rng, used_names))
    schedules = [
        schedule
        for offset in range(days)
        for session in Session
        for doctor in doctors
        if (schedule := _schedule(seed, doctor, first_day + timedelta(days=offset), session))
    ]
    return Catalog(departments, doctors, schedules)


def _department(spec: _DepartmentSpec, rng: random.Random) -> Department:
    building = rng.choice(_BUILDINGS)
    if spec.parent_code is None:
        children = [d.name for d in _DEPARTMENTS if d.parent_code == spec.code]
        return Department(
            dept_code=spec.code,
            name=spec.name,
            parent_code=None,
            location=building,
            intro=f"{spec.name}下设{'、'.join(children)}。",
        )
    floor = rng.randint(1, 6)
    zone = rng.choice("ABCD")
    focus = rng.sample(spec.specialties, k=min(3, len(spec.specialties)))
    return Department(
        dept_code=spec.code,
        name=spec.name,
        parent_code=spec.parent_code,
        location=f"{building}{floor}层{zone}区",
        intro=f"{spec.name}开展{'、'.join(focus)}等疾病的门诊诊疗。",
    )


def _doctors(spec: _DepartmentSpec, rng: random.Random, used_names: set[str]) -> list[Doctor]:
    count = rng.randint(3, 6)
    titles = [Title.CHIEF, *rng.choices(list(Title), weights=(1, 2, 3, 2), k=count - 1)]
    titles.sort(key=list(Title).index)
    result = []
    for index, title in enumerate(titles, start=1):
        name = _unique_name(rng, used_names)
        specialty = "、".join(rng.sample(spec.specialties, k=2))
        years = rng.randint(*_YEARS[title])
        result.append(
            Doctor(
                doctor_code=f"D{spec.code}{index:02d}",
                name=name,
                gender=rng.choice(("男", "女")),
                dept_code=spec.code,
                title=title,
                specialty=specialty,
                # Chinese prose takes the full-width comma.
                intro=f"{name}，{title}，从事{spec.name}临床工作{years}年，擅长{specialty}。",
                fee_fen=rng.choice(_FEES_FEN[title]),
            )
        )
    return result


def _unique_name(rng: random.Random, used_names: set[str]) -> str:
    while True:
        given = "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
        name = rng.choice(_SURNAMES) + given
        if name not in used_names:
            used_names.add(name)
            return name


def _schedule(seed: int, doctor: Doctor, day: date, session: Session) -> Schedule | None:
    key = f"his:{seed}:schedule:{doctor.doctor_code}:{day.isoformat()}:{session}"
    rng = random.Random(key)  # noqa: S311 (seeded on purpose)
    weekend = day.weekday() >= 5
    if rng.random() >= (0.15 if weekend else 0.45):
        return None
    start, end = _SESSION_HOURS[session]
    return Schedule(
        schedule_id=f"{doctor.doctor_code}-{day:%Y%m%d}-{_SESSION_SUFFIX[session]}",
        dept_code=doctor.dept_code,
        doctor_code=doctor.doctor_code,
        day=day,
        session=session,
        start_time=start,
        end_time=end,
        total_slots=rng.randint(*_SLOTS[doctor.title]),
        fee_fen=doctor.fee_fen,
    )
