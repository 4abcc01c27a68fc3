"""Queries for the developer center and service testing; the caller's unit of work commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from services.registry.developer_models import (
    DeveloperRow,
    TestCaseRow,
    TestRunRow,
    TestRunServiceRow,
    TestSuiteRow,
)
from services.registry.developers import REJECTED
from services.registry.models import ApiServiceRow
from services.runtime.errors import NotFound


def _page(
    session: Session, query: Select[tuple[object]], offset: int, limit: int
) -> tuple[list[object], int]:
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    return list(session.scalars(query.offset(offset).limit(limit))), total


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# --- developers --------------------------------------------------------------------------------


def developer(session: Session, developer_id: str) -> DeveloperRow:
    row = session.get(DeveloperRow, developer_id)
    if row is None:
        raise NotFound(f"no developer {developer_id}")
    return row


def live_developer_by_username(session: Session, username: str) -> DeveloperRow | None:
    return session.scalar(
        select(DeveloperRow).where(
            DeveloperRow.username == username, DeveloperRow.status != REJECTED
        )
    )


def developer_by_user(session: Session, user_id: str) -> DeveloperRow | None:
    return session.scalar(
        select(DeveloperRow)
        .where(DeveloperRow.user_id == user_id, DeveloperRow.status != REJECTED)
        .order_by(DeveloperRow.register_time.desc())
        .limit(1)
    )


def list_developers(
    session: Session, offset: int, limit: int, status: int, text: str
) -> tuple[list[DeveloperRow], int]:
    query = select(DeveloperRow).order_by(
        DeveloperRow.register_time.desc(), DeveloperRow.developer_id
    )
    if status:
        query = query.where(DeveloperRow.status == status)
    if text:
        pattern = _like(text)
        query = query.where(
            or_(
                DeveloperRow.organization_name.like(pattern, escape="\\"),
                DeveloperRow.contact_name.like(pattern, escape="\\"),
                DeveloperRow.username.like(pattern, escape="\\"),
            )
        )
    rows, total = _page(session, query, offset, limit)  # type: ignore[arg-type]
    return rows, total  # type: ignore[return-value]


# --- test cases and suites ---------------------------------------------------------------------


def test_case(session: Session, test_case_id: str) -> TestCaseRow:
    row = session.get(TestCaseRow, test_case_id)
    if row is None:
        raise NotFound(f"no test case {test_case_id}")
    return row


def test_cases(session: Session, test_case_ids: Sequence[str]) -> dict[str, TestCaseRow]:
    if not test_case_ids:
        return {}
    rows = session.scalars(select(TestCaseRow).where(TestCaseRow.test_case_id.in_(test_case_ids)))
    return {row.test_case_id: row for row in rows}


def list_test_cases(
    session: Session, offset: int, limit: int, api_service_id: str, text: str
) -> tuple[list[TestCaseRow], int]:
    query = select(TestCaseRow).order_by(TestCaseRow.created_at.desc(), TestCaseRow.test_case_id)
    if api_service_id:
        query = query.where(TestCaseRow.api_service_id == api_service_id)
    if text:
        pattern = _like(text)
        query = query.where(
            or_(
                TestCaseRow.name.like(pattern, escape="\\"),
                TestCaseRow.description.like(pattern, escape="\\"),
            )
        )
    rows, total = _page(session, query, offset, limit)  # type: ignore[arg-type]
    return rows, total  # type: ignore[return-value]


def test_suite(session: Session, test_suite_id: str) -> TestSuiteRow:
    row = session.get(TestSuiteRow, test_suite_id)
    if row is None:
        raise NotFound(f"no test suite {test_suite_id}")
    return row


def list_test_suites(
    session: Session, offset: int, limit: int, text: str
) -> tuple[list[TestSuiteRow], int]:
    query = select(TestSuiteRow).order_by(
        TestSuiteRow.created_at.desc(), TestSuiteRow.test_suite_id
    )
    if text:
        pattern = _like(text)
        query = query.where(
            or_(
                TestSuiteRow.name.like(pattern, escape="\\"),
                TestSuiteRow.description.like(pattern, escape="\\"),
            )
        )
    rows, total = _page(session, query, offset, limit)  # type: ignore[arg-type]
    return rows, total  # type: ignore[return-value]


def suites_with_case(session: Session, test_case_id: str) -> list[TestSuiteRow]:
    """Suites naming the case (JSON lists: filtered here, suites are few)."""
    return [
        row for row in session.scalars(select(TestSuiteRow)) if test_case_id in row.test_case_ids
    ]


# --- test runs ---------------------------------------------------------------------------------


def test_run(session: Session, test_run_id: str) -> TestRunRow:
    row = session.get(TestRunRow, test_run_id)
    if row is None:
        raise NotFound(f"no test run {test_run_id}")
    return row


def list_test_runs(
    session: Session,
    offset: int,
    limit: int,
    *,
    api_service_id: str,
    test_case_id: str,
    test_suite_id: str,
    status: int,
    start: datetime | None,
    end: datetime | None,
    channel_ids: frozenset[str] | None,
) -> tuple[list[TestRunRow], int]:
    query = select(TestRunRow).order_by(TestRunRow.start_time.desc(), TestRunRow.test_run_id)
    if api_service_id:
        query = query.where(
            TestRunRow.test_run_id.in_(
                select(TestRunServiceRow.test_run_id).where(
                    TestRunServiceRow.api_service_id == api_service_id
                )
            )
        )
    if test_case_id:
        query = query.where(TestRunRow.test_case_id == test_case_id)
    if test_suite_id:
        query = query.where(TestRunRow.test_suite_id == test_suite_id)
    if status:
        query = query.where(TestRunRow.status == status)
    if start is not None:
        query = query.where(TestRunRow.start_time >= start)
    if end is not None:
        query = query.where(TestRunRow.start_time < end)
    if channel_ids is not None:
        query = query.where(TestRunRow.channel_id.in_(sorted(channel_ids)))
    rows, total = _page(session, query, offset, limit)  # type: ignore[arg-type]
    return rows, total  # type: ignore[return-value]


# --- API documentation -------------------------------------------------------------------------


def documented_services(
    session: Session, offset: int, limit: int, statuses: tuple[int, ...], category: str, text: str
) -> tuple[list[ApiServiceRow], int]:
    """Published and deprecated API services, by code then version."""
    query = (
        select(ApiServiceRow)
        .where(ApiServiceRow.status.in_(statuses))
        .order_by(ApiServiceRow.code, ApiServiceRow.version)
    )
    if category:
        query = query.where(ApiServiceRow.category == category)
    if text:
        pattern = _like(text)
        query = query.where(
            or_(
                ApiServiceRow.code.like(pattern, escape="\\"),
                ApiServiceRow.name.like(pattern, escape="\\"),
                ApiServiceRow.description.like(pattern, escape="\\"),
            )
        )
    rows, total = _page(session, query, offset, limit)  # type: ignore[arg-type]
    return rows, total  # type: ignore[return-value]
