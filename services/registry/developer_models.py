"""Registry's tables for the developer center (vendors) and service testing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from services.registry.models import Base
from services.runtime.audited import Audited


class DeveloperRow(Audited, Base):
    """A vendor organisation that signed up in the developer center, and its review."""

    __tablename__ = "developers"
    __table_args__ = (
        # One live registration per username; rejected ones stay as history and the name can be
        # used again. 3 is DEVELOPER_STATUS_REJECTED.
        Index(
            "ix_developers_live_username",
            "username",
            unique=True,
            sqlite_where=text("status != 3"),
            postgresql_where=text("status != 3"),
        ),
    )

    developer_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_name: Mapped[str] = mapped_column(String(128))
    unified_social_credit_code: Mapped[str] = mapped_column(String(18), index=True)
    contact_name: Mapped[str] = mapped_column(String(64))
    contact_phone: Mapped[str] = mapped_column(String(32))
    contact_email: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    username: Mapped[str] = mapped_column(String(64))
    # The password chosen at sign-up, sealed under the master key until approval creates the
    # identity account with it; cleared on approval or rejection. Never in clear.
    password_sealed: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    # The identity account approval created ("" before).
    user_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    # The proto's DeveloperStatus numbers; see services.registry.developers.
    status: Mapped[int] = mapped_column(Integer, index=True)
    review_comment: Mapped[str] = mapped_column(String(500), default="")
    disabled_reason: Mapped[str] = mapped_column(String(500), default="")
    register_time: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    review_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # The idempotency key of the approval or rejection that decided it: a retry returns it.
    review_idempotency_key: Mapped[str] = mapped_column(String(128), default="")


class TestCaseRow(Audited, Base):
    """A saved request to one API service, with what its answer must satisfy."""

    __tablename__ = "test_cases"

    test_case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    api_service_id: Mapped[str] = mapped_column(
        ForeignKey("api_services.api_service_id"), index=True
    )
    # {"method": int, "path": str, "query": [[name, value]], "headers": [[name, value]],
    #  "body": str}
    request: Mapped[dict[str, object]] = mapped_column(JSON)
    # [{"kind": int, "target": str, "expected": str}]
    assertions: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    credential_kind: Mapped[int] = mapped_column(Integer)


class TestSuiteRow(Audited, Base):
    """Test cases run in order, e.g. a joint test with a third party."""

    __tablename__ = "test_suites"

    test_suite_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    test_case_ids: Mapped[list[str]] = mapped_column(JSON)
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    stop_on_failure: Mapped[bool] = mapped_column(Boolean, default=False)


class TestRunRow(Base):
    """One run (ad hoc, of a case or of a suite) and its results: the testing history."""

    __tablename__ = "test_runs"

    test_run_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[int] = mapped_column(Integer)
    test_suite_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    test_case_id: Mapped[str] = mapped_column(String(36), default="", index=True)
    channel_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[int] = mapped_column(Integer, index=True)
    # TestResult messages as proto JSON, credential values masked.
    results: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    passed_count: Mapped[int] = mapped_column(Integer, default=0)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    start_time: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    end_time: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    started_by: Mapped[str] = mapped_column(String(64))
    error: Mapped[str] = mapped_column(Text, default="")

    services: Mapped[list[TestRunServiceRow]] = relationship(
        order_by="TestRunServiceRow.position", cascade="all, delete-orphan", lazy="selectin"
    )


class TestRunServiceRow(Base):
    """An API service a run called: what the per-service history filters on."""

    __tablename__ = "test_run_services"

    test_run_id: Mapped[str] = mapped_column(
        ForeignKey("test_runs.test_run_id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    api_service_id: Mapped[str] = mapped_column(String(36), index=True)
