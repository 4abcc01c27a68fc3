"""The standard catalogue of hospital business interfaces (module 32), shipped as templates.

Each template is an API service ready to import: public method and path, the path on the
hospital's HIS (the bundled simulator serves every one of them under /his), JSON Schemas and
examples in the style of Chinese hospitals' interfaces (amounts in fen, codes as strings).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from services.registry import domain


@dataclass(frozen=True)
class Template:
    code: str
    name: str
    category: str
    description: str
    method: str
    path: str
    upstream_path: str
    request_schema: dict[str, Any] | None = None
    response_schema: dict[str, Any] | None = None
    request_example: Any = None
    response_example: Any = None
    parameters: tuple[domain.ParameterSpec, ...] = ()
    error_codes: tuple[domain.ErrorCodeSpec, ...] = ()
    tags: tuple[str, ...] = field(default=())
    simulator_implemented: bool = True

    def spec(
        self, *, upstream_id: str, version: str, path_prefix: str, method_number: int
    ) -> domain.ApiServiceSpec:
        """The API service this template makes, pointed at the caller's upstream."""
        prefix = path_prefix.strip().rstrip("/")
        return domain.ApiServiceSpec(
            code=self.code,
            name=self.name,
            category=self.category,
            version=version,
            description=self.description,
            method=method_number,
            path=f"{prefix}{self.path}",
            upstream_id=upstream_id,
            upstream_path=self.upstream_path,
            owner="",
            request_schema=_json(self.request_schema),
            response_schema=_json(self.response_schema),
            request_example=_json(self.request_example),
            response_example=_json(self.response_example),
            parameters=list(self.parameters),
            error_codes=list(self.error_codes),
            tags=list(self.tags),
        )


def _json(value: Any) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, indent=2)


def _path(name: str, description: str, example: str) -> domain.ParameterSpec:
    return domain.ParameterSpec(name, "path", "string", True, description, example)


def _query(name: str, description: str, example: str, kind: str = "string") -> domain.ParameterSpec:
    return domain.ParameterSpec(name, "query", kind, False, description, example)


def _error(code: str, status: int, description: str) -> domain.ErrorCodeSpec:
    return domain.ErrorCodeSpec(code, status, description)


def _object(properties: dict[str, Any], required: tuple[str, ...] = ()) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def _string(title: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", "title": title, **more}


def _integer(title: str, **more: Any) -> dict[str, Any]:
    return {"type": "integer", "title": title, **more}


def _array(items: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": items}


_FEN = _integer("金额（分）", minimum=0)
_TIME = _string("时间", format="date-time")
_INVALID = _error("invalid_argument", 400, "参数不合法，field_violations 指出字段")
_PATIENT_NOT_FOUND = _error("patient_not_found", 404, "患者不存在（未建档或未绑卡）")

_DEPARTMENT = _object(
    {
        "dept_code": _string("科室代码"),
        "name": _string("科室名称"),
        "parent_code": {"type": ["string", "null"], "title": "上级科室代码"},
        "location": _string("就诊位置"),
        "intro": _string("科室简介"),
    },
    ("dept_code", "name"),
)
_DOCTOR = _object(
    {
        "doctor_code": _string("医生工号"),
        "name": _string("姓名"),
        "gender": _string("性别"),
        "title": _string("职称", enum=["主任医师", "副主任医师", "主治医师", "住院医师"]),
        "dept_code": _string("科室代码"),
        "dept_name": _string("科室名称"),
        "specialty": _string("擅长"),
        "intro": _string("简介"),
        "fee_fen": _FEN,
    },
    ("doctor_code", "name", "dept_code"),
)
_DOCTOR_EXAMPLE = {
    "doctor_code": "D100101",
    "name": "王建国",
    "gender": "男",
    "title": "主任医师",
    "dept_code": "1001",
    "dept_name": "心血管内科",
    "specialty": "冠心病、高血压",
    "intro": "从事心血管内科临床工作二十余年。",
    "fee_fen": 5000,
}
_SCHEDULE = _object(
    {
        "schedule_id": _string("排班号"),
        "dept_code": _string("科室代码"),
        "dept_name": _string("科室名称"),
        "doctor_code": _string("医生工号"),
        "doctor_name": _string("医生姓名"),
        "doctor_title": _string("职称"),
        "date": _string("出诊日期", format="date"),
        "session": _string("时段", enum=["morning", "afternoon"]),
        "start_time": _string("开始时间", pattern="^[0-9]{2}:[0-9]{2}$"),
        "end_time": _string("结束时间", pattern="^[0-9]{2}:[0-9]{2}$"),
        "total_slots": _integer("号源总数"),
        "remaining_slots": _integer("剩余号源"),
        "fee_fen": _FEN,
    },
    ("schedule_id", "date", "remaining_slots"),
)
_SCHEDULE_EXAMPLE = {
    "schedule_id": "D100101-20300107-AM",
    "dept_code": "1001",
    "dept_name": "心血管内科",
    "doctor_code": "D100101",
    "doctor_name": "王建国",
    "doctor_title": "主任医师",
    "date": "2030-01-07",
    "session": "morning",
    "start_time": "08:00",
    "end_time": "12:00",
    "total_slots": 10,
    "remaining_slots": 7,
    "fee_fen": 5000,
}
_APPOINTMENT = _object(
    {
        "appointment_id": _string("预约单号"),
        "status": _string("状态", enum=["booked", "cancelled"]),
        "queue_number": _integer("就诊序号"),
        "patient_id": _string("患者ID"),
        "patient_name": _string("患者姓名"),
        "phone": _string("手机号"),
        "created_at": _TIME,
        "cancelled_at": {"type": ["string", "null"], "format": "date-time"},
        "schedule": _SCHEDULE,
    },
    ("appointment_id", "status", "queue_number"),
)
_APPOINTMENT_EXAMPLE = {
    "appointment_id": "APT00000001",
    "status": "booked",
    "queue_number": 3,
    "patient_id": "P00000001",
    "patient_name": "张伟",
    "phone": "13800138000",
    "created_at": "2030-01-06T09:30:00+08:00",
    "cancelled_at": None,
    "schedule": _SCHEDULE_EXAMPLE,
}
_CARD = _object(
    {
        "card_no": _string("卡号"),
        "card_type": _string("卡类型", enum=["medical_card", "id_card", "insurance_card"]),
        "patient_id": _string("患者ID"),
        "patient_name": _string("患者姓名"),
        "phone": _string("手机号"),
        "bound_at": _TIME,
    },
    ("card_no", "patient_id"),
)
_CARD_EXAMPLE = {
    "card_no": "MC00000001",
    "card_type": "medical_card",
    "patient_id": "P00000001",
    "patient_name": "张伟",
    "phone": "13800138000",
    "bound_at": "2029-12-08T00:00:00+08:00",
}
_BILL = _object(
    {
        "bill_no": _string("处方/缴费单号"),
        "patient_id": _string("患者ID"),
        "dept_name": _string("开单科室"),
        "doctor_name": _string("开单医生"),
        "items": _array(
            _object(
                {
                    "item_name": _string("项目名称"),
                    "quantity": _integer("数量"),
                    "unit_price_fen": _FEN,
                    "amount_fen": _FEN,
                }
            )
        ),
        "total_fen": _FEN,
        "status": _string("状态", enum=["unpaid", "paid"]),
        "created_at": _TIME,
        "paid_at": {"type": ["string", "null"], "format": "date-time"},
        "pay_channel": {"type": ["string", "null"]},
        "trade_no": {"type": ["string", "null"]},
        "receipt_no": {"type": ["string", "null"], "title": "收据号"},
    },
    ("bill_no", "total_fen", "status"),
)
_BILL_EXAMPLE = {
    "bill_no": "MZ0000000101",
    "patient_id": "P00000001",
    "dept_name": "耳鼻喉科",
    "doctor_name": "李明",
    "items": [
        {"item_name": "胸部CT平扫", "quantity": 1, "unit_price_fen": 28000, "amount_fen": 28000},
        {"item_name": "静脉输液", "quantity": 1, "unit_price_fen": 1500, "amount_fen": 1500},
    ],
    "total_fen": 29500,
    "status": "unpaid",
    "created_at": "2030-01-06T09:00:00+08:00",
    "paid_at": None,
    "pay_channel": None,
    "trade_no": None,
    "receipt_no": None,
}
_PAYMENT = _object(
    {
        "amount_fen": _integer("支付金额（分）", minimum=1),
        "pay_channel": _string(
            "支付渠道", enum=["wechat", "alipay", "unionpay", "cash", "medical_insurance"]
        ),
        "trade_no": _string("支付平台交易号（幂等键）", maxLength=64),
    },
    ("amount_fen", "pay_channel", "trade_no"),
)
_LAB_REPORT = _object(
    {
        "report_no": _string("检验报告单号"),
        "patient_id": _string("患者ID"),
        "title": _string("检验项目"),
        "specimen": _string("标本"),
        "dept_name": _string("报告科室"),
        "reported_at": _TIME,
        "abnormal": {"type": "boolean", "title": "是否有异常结果"},
        "results": _array(
            _object(
                {
                    "item_code": _string("项目代码"),
                    "item_name": _string("项目名称"),
                    "result": _string("结果"),
                    "unit": _string("单位"),
                    "reference_range": _string("参考范围"),
                    "flag": _string("异常标志", enum=["", "H", "L"]),
                }
            )
        ),
    },
    ("report_no", "title"),
)
_LAB_EXAMPLE = {
    "report_no": "JY0000000101",
    "patient_id": "P00000001",
    "title": "血常规",
    "specimen": "静脉血",
    "dept_name": "检验科",
    "reported_at": "2030-01-06T11:00:00+08:00",
    "abnormal": True,
    "results": [
        {
            "item_code": "WBC",
            "item_name": "白细胞计数",
            "result": "8.9",
            "unit": "10^9/L",
            "reference_range": "3.5-9.5",
            "flag": "",
        },
        {
            "item_code": "HGB",
            "item_name": "血红蛋白",
            "result": "110",
            "unit": "g/L",
            "reference_range": "130-175",
            "flag": "L",
        },
    ],
}
_EXAM_REPORT = _object(
    {
        "report_no": _string("检查报告单号"),
        "patient_id": _string("患者ID"),
        "title": _string("检查项目"),
        "modality": _string("检查类型", examples=["CT", "MR", "US", "DX", "ECG"]),
        "body_part": _string("检查部位"),
        "reported_at": _TIME,
        "findings": _string("检查所见"),
        "impression": _string("诊断意见"),
    },
    ("report_no", "title"),
)
_EXAM_EXAMPLE = {
    "report_no": "JC0000000101",
    "patient_id": "P00000001",
    "title": "胸部CT平扫",
    "modality": "CT",
    "body_part": "胸部",
    "reported_at": "2030-01-06T14:00:00+08:00",
    "findings": "双肺纹理清晰，未见明确实质性病变。",
    "impression": "胸部CT平扫未见明显异常。",
}
_DEPOSIT = _object(
    {
        "deposit_no": _string("预交金单号"),
        "amount_fen": _FEN,
        "pay_channel": _string("支付渠道"),
        "trade_no": _string("支付平台交易号"),
        "paid_at": _TIME,
    },
    ("deposit_no", "amount_fen"),
)
_DEPOSIT_EXAMPLE = {
    "deposit_no": "YJ203000000101",
    "amount_fen": 300000,
    "pay_channel": "wechat",
    "trade_no": "4200001234202001061234567890",
    "paid_at": "2030-01-04T10:00:00+08:00",
}
_PATIENT_ID = _path("patient_id", "患者ID（绑卡时返回）", "P00000001")

TEMPLATES: tuple[Template, ...] = (
    Template(
        code="master.departments.list",
        name="科室列表",
        category="master_data",
        description="医院全部科室（含上级科室），用于挂号首页的科室导航。",
        method="GET",
        path="/v1/departments",
        upstream_path="/his/v1/departments",
        response_schema=_object({"departments": _array(_DEPARTMENT)}, ("departments",)),
        response_example={
            "departments": [
                {
                    "dept_code": "1000",
                    "name": "内科",
                    "parent_code": None,
                    "location": "门诊楼",
                    "intro": "",
                },
                {
                    "dept_code": "1001",
                    "name": "心血管内科",
                    "parent_code": "1000",
                    "location": "门诊楼3层B区",
                    "intro": "诊治冠心病、高血压、心律失常等心血管疾病。",
                },
            ]
        },
    ),
    Template(
        code="master.department.doctors",
        name="科室医生列表",
        category="master_data",
        description="某科室的出诊医生，含职称、擅长与挂号费。",
        method="GET",
        path="/v1/departments/{dept_code}/doctors",
        upstream_path="/his/v1/departments/{dept_code}/doctors",
        response_schema=_object({"dept_code": _string("科室代码"), "doctors": _array(_DOCTOR)}),
        response_example={"dept_code": "1001", "doctors": [_DOCTOR_EXAMPLE]},
        parameters=(_path("dept_code", "科室代码", "1001"),),
        error_codes=(_error("department_not_found", 404, "科室不存在"),),
    ),
    Template(
        code="master.doctor.get",
        name="医生详情",
        category="master_data",
        description="一位医生的介绍、职称与挂号费。",
        method="GET",
        path="/v1/doctors/{doctor_code}",
        upstream_path="/his/v1/doctors/{doctor_code}",
        response_schema=_DOCTOR,
        response_example=_DOCTOR_EXAMPLE,
        parameters=(_path("doctor_code", "医生工号", "D100101"),),
        error_codes=(_error("doctor_not_found", 404, "医生不存在"),),
    ),
    Template(
        code="appointment.schedules.list",
        name="排班号源查询",
        category="appointment",
        description="按科室、医生、日期查询未来七天的出诊排班和剩余号源。",
        method="GET",
        path="/v1/schedules",
        upstream_path="/his/v1/schedules",
        response_schema=_object({"schedules": _array(_SCHEDULE)}, ("schedules",)),
        response_example={"schedules": [_SCHEDULE_EXAMPLE]},
        parameters=(
            _query("dept_code", "科室代码", "1001"),
            _query("doctor_code", "医生工号", "D100101"),
            _query("date", "出诊日期 YYYY-MM-DD", "2030-01-07"),
        ),
        error_codes=(
            _INVALID,
            _error("department_not_found", 404, "科室不存在"),
            _error("doctor_not_found", 404, "医生不存在"),
        ),
    ),
    Template(
        code="appointment.slots.list",
        name="分时段号源",
        category="appointment",
        description="一个排班的分时段号源：每个就诊序号的时间段和是否已被预约。",
        method="GET",
        path="/v1/schedules/{schedule_id}/slots",
        upstream_path="/his/v1/schedules/{schedule_id}/slots",
        response_schema=_object(
            {
                "schedule_id": _string("排班号"),
                "date": _string("出诊日期", format="date"),
                "slots": _array(
                    _object(
                        {
                            "queue_number": _integer("就诊序号"),
                            "start_time": _string("开始时间"),
                            "end_time": _string("结束时间"),
                            "status": _string("状态", enum=["available", "booked"]),
                        }
                    )
                ),
            }
        ),
        response_example={
            "schedule_id": "D100101-20300107-AM",
            "date": "2030-01-07",
            "slots": [
                {
                    "queue_number": 1,
                    "start_time": "08:00",
                    "end_time": "08:24",
                    "status": "booked",
                },
                {
                    "queue_number": 2,
                    "start_time": "08:24",
                    "end_time": "08:48",
                    "status": "available",
                },
            ],
        },
        parameters=(_path("schedule_id", "排班号", "D100101-20300107-AM"),),
        error_codes=(_error("schedule_not_found", 404, "排班不存在"),),
    ),
    Template(
        code="appointment.book",
        name="预约挂号",
        category="appointment",
        description=(
            "占用一个号源并生成预约单。带 `idempotency_key`（或 Idempotency-Key 请求头）"
            "重试时返回同一预约单，不会重复占号。"
        ),
        method="POST",
        path="/v1/appointments",
        upstream_path="/his/v1/appointments",
        request_schema=_object(
            {
                "schedule_id": _string("排班号"),
                "patient_id": _string("患者ID"),
                "patient_name": _string("患者姓名", maxLength=64),
                "phone": _string("手机号", pattern="^1[3-9][0-9]{9}$"),
                "idempotency_key": _string("幂等键", maxLength=128),
            },
            ("schedule_id", "patient_id", "patient_name", "phone"),
        ),
        response_schema=_APPOINTMENT,
        request_example={
            "schedule_id": "D100101-20300107-AM",
            "patient_id": "P00000001",
            "patient_name": "张伟",
            "phone": "13800138000",
            "idempotency_key": "wx-20300106-000001",
        },
        response_example=_APPOINTMENT_EXAMPLE,
        error_codes=(
            _INVALID,
            _error("schedule_not_found", 404, "排班不存在"),
            _error("schedule_full", 409, "号源已约满"),
            _error("duplicate_booking", 409, "该患者已预约此排班"),
            _error("idempotency_key_reused", 422, "幂等键已用于另一笔预约"),
        ),
    ),
    Template(
        code="appointment.get",
        name="预约单查询",
        category="appointment",
        description="预约单的当前状态（已预约 / 已取消）。",
        method="GET",
        path="/v1/appointments/{appointment_id}",
        upstream_path="/his/v1/appointments/{appointment_id}",
        response_schema=_APPOINTMENT,
        response_example=_APPOINTMENT_EXAMPLE,
        parameters=(_path("appointment_id", "预约单号", "APT00000001"),),
        error_codes=(_error("appointment_not_found", 404, "预约单不存在"),),
    ),
    Template(
        code="appointment.cancel",
        name="取消预约",
        category="appointment",
        description="取消预约并释放号源；已取消的预约再次取消返回 409。",
        method="POST",
        path="/v1/appointments/{appointment_id}/cancel",
        upstream_path="/his/v1/appointments/{appointment_id}/cancel",
        response_schema=_APPOINTMENT,
        response_example={
            **_APPOINTMENT_EXAMPLE,
            "status": "cancelled",
            "cancelled_at": "2030-01-06T10:00:00+08:00",
        },
        parameters=(_path("appointment_id", "预约单号", "APT00000001"),),
        error_codes=(
            _error("appointment_not_found", 404, "预约单不存在"),
            _error("already_cancelled", 409, "预约已取消"),
        ),
    ),
    Template(
        code="patient.card.bind",
        name="就诊卡绑定",
        category="patient",
        description="用身份证号绑定就诊卡；未建档的患者自动建档。重复绑定返回同一张卡（200）。",
        method="POST",
        path="/v1/patient-cards",
        upstream_path="/his/v1/patient-cards",
        request_schema=_object(
            {
                "patient_name": _string("患者姓名", maxLength=64),
                "id_card_no": _string("身份证号", pattern="^[0-9]{17}[0-9Xx]$"),
                "phone": _string("手机号", pattern="^1[3-9][0-9]{9}$"),
                "card_type": _string("卡类型", enum=["medical_card", "id_card", "insurance_card"]),
            },
            ("patient_name", "id_card_no", "phone"),
        ),
        response_schema=_CARD,
        request_example={
            "patient_name": "张伟",
            "id_card_no": "110101199001011234",
            "phone": "13800138000",
            "card_type": "medical_card",
        },
        response_example=_CARD_EXAMPLE,
        error_codes=(_INVALID,),
    ),
    Template(
        code="patient.cards.list",
        name="已绑定就诊卡",
        category="patient",
        description="患者已绑定的就诊卡、身份证、医保卡。",
        method="GET",
        path="/v1/patients/{patient_id}/cards",
        upstream_path="/his/v1/patients/{patient_id}/cards",
        response_schema=_object({"patient_id": _string("患者ID"), "cards": _array(_CARD)}),
        response_example={"patient_id": "P00000001", "cards": [_CARD_EXAMPLE]},
        parameters=(_PATIENT_ID,),
        error_codes=(_PATIENT_NOT_FOUND,),
    ),
    Template(
        code="outpatient.bills.list",
        name="门诊待缴费查询",
        category="outpatient_payment",
        description="患者的门诊缴费单；`status=unpaid` 只列待缴费的。",
        method="GET",
        path="/v1/patients/{patient_id}/outpatient-bills",
        upstream_path="/his/v1/patients/{patient_id}/outpatient-bills",
        response_schema=_object({"patient_id": _string("患者ID"), "bills": _array(_BILL)}),
        response_example={"patient_id": "P00000001", "bills": [_BILL_EXAMPLE]},
        parameters=(_PATIENT_ID, _query("status", "unpaid 或 paid", "unpaid")),
        error_codes=(_INVALID, _PATIENT_NOT_FOUND),
    ),
    Template(
        code="outpatient.bill.get",
        name="门诊缴费单详情",
        category="outpatient_payment",
        description="一张门诊缴费单的明细与状态。",
        method="GET",
        path="/v1/outpatient-bills/{bill_no}",
        upstream_path="/his/v1/outpatient-bills/{bill_no}",
        response_schema=_BILL,
        response_example=_BILL_EXAMPLE,
        parameters=(_path("bill_no", "缴费单号", "MZ0000000101"),),
        error_codes=(_error("record_not_found", 404, "缴费单不存在"),),
    ),
    Template(
        code="outpatient.bill.pay",
        name="门诊缴费",
        category="outpatient_payment",
        description=(
            "支付成功后通知 HIS 销账。金额须与缴费单总额一致；同一 `trade_no` 重试返回同一结果。"
        ),
        method="POST",
        path="/v1/outpatient-bills/{bill_no}/pay",
        upstream_path="/his/v1/outpatient-bills/{bill_no}/pay",
        request_schema=_PAYMENT,
        response_schema=_BILL,
        request_example={
            "amount_fen": 29500,
            "pay_channel": "wechat",
            "trade_no": "4200001234203001061234567890",
        },
        response_example={
            **_BILL_EXAMPLE,
            "status": "paid",
            "paid_at": "2030-01-06T09:20:00+08:00",
            "pay_channel": "wechat",
            "trade_no": "4200001234203001061234567890",
            "receipt_no": "SJ0000000001",
        },
        parameters=(_path("bill_no", "缴费单号", "MZ0000000101"),),
        error_codes=(
            _INVALID,
            _error("record_not_found", 404, "缴费单不存在"),
            _error("already_paid", 409, "缴费单已支付"),
            _error("amount_mismatch", 409, "支付金额与缴费单总额不符"),
            _error("trade_no_reused", 422, "交易号已用于另一笔支付"),
        ),
    ),
    Template(
        code="report.lab.list",
        name="检验报告列表",
        category="report",
        description="患者的检验报告（不含结果明细），标出是否有异常结果。",
        method="GET",
        path="/v1/patients/{patient_id}/lab-reports",
        upstream_path="/his/v1/patients/{patient_id}/lab-reports",
        response_schema=_object({"patient_id": _string("患者ID"), "reports": _array(_LAB_REPORT)}),
        response_example={
            "patient_id": "P00000001",
            "reports": [{k: v for k, v in _LAB_EXAMPLE.items() if k != "results"}],
        },
        parameters=(_PATIENT_ID,),
        error_codes=(_PATIENT_NOT_FOUND,),
    ),
    Template(
        code="report.lab.get",
        name="检验报告详情",
        category="report",
        description="检验报告的结果明细、单位、参考范围与异常标志（H 偏高、L 偏低）。",
        method="GET",
        path="/v1/lab-reports/{report_no}",
        upstream_path="/his/v1/lab-reports/{report_no}",
        response_schema=_LAB_REPORT,
        response_example=_LAB_EXAMPLE,
        parameters=(_path("report_no", "检验报告单号", "JY0000000101"),),
        error_codes=(_error("record_not_found", 404, "报告不存在"),),
    ),
    Template(
        code="report.exam.list",
        name="检查报告列表",
        category="report",
        description="患者的影像、超声、心电等检查报告列表。",
        method="GET",
        path="/v1/patients/{patient_id}/exam-reports",
        upstream_path="/his/v1/patients/{patient_id}/exam-reports",
        response_schema=_object({"patient_id": _string("患者ID"), "reports": _array(_EXAM_REPORT)}),
        response_example={
            "patient_id": "P00000001",
            "reports": [
                {k: v for k, v in _EXAM_EXAMPLE.items() if k not in ("findings", "impression")}
            ],
        },
        parameters=(_PATIENT_ID,),
        error_codes=(_PATIENT_NOT_FOUND,),
    ),
    Template(
        code="report.exam.get",
        name="检查报告详情",
        category="report",
        description="检查所见与诊断意见。",
        method="GET",
        path="/v1/exam-reports/{report_no}",
        upstream_path="/his/v1/exam-reports/{report_no}",
        response_schema=_EXAM_REPORT,
        response_example=_EXAM_EXAMPLE,
        parameters=(_path("report_no", "检查报告单号", "JC0000000101"),),
        error_codes=(_error("record_not_found", 404, "报告不存在"),),
    ),
    Template(
        code="inpatient.deposit.get",
        name="住院预交金查询",
        category="inpatient",
        description="住院患者的病区床位、已交预交金、已发生费用与余额。",
        method="GET",
        path="/v1/inpatients/{inpatient_no}/deposit",
        upstream_path="/his/v1/inpatients/{inpatient_no}/deposit",
        response_schema=_object(
            {
                "inpatient_no": _string("住院号"),
                "patient_id": _string("患者ID"),
                "patient_name": _string("患者姓名"),
                "ward": _string("病区"),
                "bed_no": _string("床号"),
                "admitted_at": _TIME,
                "total_paid_fen": _FEN,
                "charged_fen": _FEN,
                "balance_fen": _integer("余额（分），可为负"),
                "deposits": _array(_DEPOSIT),
            },
            ("inpatient_no", "balance_fen"),
        ),
        response_example={
            "inpatient_no": "ZY2030000001",
            "patient_id": "P00000001",
            "patient_name": "张伟",
            "ward": "心内科一病区",
            "bed_no": "12",
            "admitted_at": "2030-01-04T00:00:00+08:00",
            "total_paid_fen": 300000,
            "charged_fen": 186000,
            "balance_fen": 114000,
            "deposits": [_DEPOSIT_EXAMPLE],
        },
        parameters=(_path("inpatient_no", "住院号", "ZY2030000001"),),
        error_codes=(_error("record_not_found", 404, "住院记录不存在"),),
    ),
    Template(
        code="inpatient.deposit.pay",
        name="住院预交金缴纳",
        category="inpatient",
        description="支付成功后向 HIS 登记一笔预交金；同一 `trade_no` 重试返回同一笔。",
        method="POST",
        path="/v1/inpatients/{inpatient_no}/deposits",
        upstream_path="/his/v1/inpatients/{inpatient_no}/deposits",
        request_schema=_PAYMENT,
        response_schema=_object(
            {
                **_DEPOSIT["properties"],
                "inpatient_no": _string("住院号"),
                "balance_fen": _integer("缴纳后余额（分）"),
            },
            ("deposit_no", "balance_fen"),
        ),
        request_example={
            "amount_fen": 100000,
            "pay_channel": "alipay",
            "trade_no": "2030010622001400001234567890",
        },
        response_example={
            "deposit_no": "YJ203000000102",
            "amount_fen": 100000,
            "pay_channel": "alipay",
            "trade_no": "2030010622001400001234567890",
            "paid_at": "2030-01-06T10:00:00+08:00",
            "inpatient_no": "ZY2030000001",
            "balance_fen": 214000,
        },
        parameters=(_path("inpatient_no", "住院号", "ZY2030000001"),),
        error_codes=(
            _INVALID,
            _error("record_not_found", 404, "住院记录不存在"),
            _error("trade_no_reused", 422, "交易号已用于另一笔支付"),
        ),
    ),
)

BY_CODE = {template.code: template for template in TEMPLATES}
