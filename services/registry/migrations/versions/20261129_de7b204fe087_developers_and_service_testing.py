"""developers and service testing

Revision ID: de7b204fe087
Revises: 0e480e1c8603
Create Date: 2026-11-29 21:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "de7b204fe087"
down_revision: str | None = "5c7d2e9a41b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _audited() -> list[sa.Column[object]]:
    return [
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    # Vendors who signed up in the developer center. The password waits sealed under the master
    # key until approval creates the identity account; a rejected username may sign up again,
    # hence a partial unique index (3 is DEVELOPER_STATUS_REJECTED).
    op.create_table(
        "developers",
        sa.Column("developer_id", sa.String(length=36), nullable=False),
        sa.Column("organization_name", sa.String(length=128), nullable=False),
        sa.Column("unified_social_credit_code", sa.String(length=18), nullable=False),
        sa.Column("contact_name", sa.String(length=64), nullable=False),
        sa.Column("contact_phone", sa.String(length=32), nullable=False),
        sa.Column("contact_email", sa.String(length=128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_sealed", sa.LargeBinary(), nullable=True),
        sa.Column("user_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("review_comment", sa.String(length=500), nullable=False),
        sa.Column("disabled_reason", sa.String(length=500), nullable=False),
        sa.Column("register_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("review_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_idempotency_key", sa.String(length=128), nullable=False),
        *_audited(),
        sa.PrimaryKeyConstraint("developer_id"),
    )
    with op.batch_alter_table("developers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_developers_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_developers_unified_social_credit_code"),
            ["unified_social_credit_code"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_developers_user_id"), ["user_id"], unique=False)
        batch_op.create_index(
            "ix_developers_live_username",
            ["username"],
            unique=True,
            sqlite_where=sa.text("status != 3"),
            postgresql_where=sa.text("status != 3"),
        )

    op.create_table(
        "test_cases",
        sa.Column("test_case_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("api_service_id", sa.String(length=36), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("assertions", sa.JSON(), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("credential_kind", sa.Integer(), nullable=False),
        *_audited(),
        sa.ForeignKeyConstraint(["api_service_id"], ["api_services.api_service_id"]),
        sa.PrimaryKeyConstraint("test_case_id"),
    )
    with op.batch_alter_table("test_cases", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_test_cases_api_service_id"), ["api_service_id"], unique=False
        )

    op.create_table(
        "test_suites",
        sa.Column("test_suite_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("test_case_ids", sa.JSON(), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("stop_on_failure", sa.Boolean(), nullable=False),
        *_audited(),
        sa.PrimaryKeyConstraint("test_suite_id"),
    )

    # The testing history; which API services a run called lives in its own table so that the
    # history per service is an indexed lookup on both databases.
    op.create_table(
        "test_runs",
        sa.Column("test_run_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.Integer(), nullable=False),
        sa.Column("test_suite_id", sa.String(length=36), nullable=False),
        sa.Column("test_case_id", sa.String(length=36), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("passed_count", sa.Integer(), nullable=False),
        sa.Column("failed_count", sa.Integer(), nullable=False),
        sa.Column("start_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_by", sa.String(length=64), nullable=False),
        sa.Column("error", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("test_run_id"),
    )
    with op.batch_alter_table("test_runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_test_runs_start_time"), ["start_time"], unique=False)
        batch_op.create_index(batch_op.f("ix_test_runs_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_test_runs_test_case_id"), ["test_case_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_test_runs_test_suite_id"), ["test_suite_id"], unique=False
        )

    op.create_table(
        "test_run_services",
        sa.Column("test_run_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("api_service_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["test_run_id"], ["test_runs.test_run_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("test_run_id", "position"),
    )
    with op.batch_alter_table("test_run_services", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_test_run_services_api_service_id"), ["api_service_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("test_run_services", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_run_services_api_service_id"))
    op.drop_table("test_run_services")
    with op.batch_alter_table("test_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_runs_test_suite_id"))
        batch_op.drop_index(batch_op.f("ix_test_runs_test_case_id"))
        batch_op.drop_index(batch_op.f("ix_test_runs_status"))
        batch_op.drop_index(batch_op.f("ix_test_runs_start_time"))
    op.drop_table("test_runs")
    op.drop_table("test_suites")
    with op.batch_alter_table("test_cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_test_cases_api_service_id"))
    op.drop_table("test_cases")
    with op.batch_alter_table("developers", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_developers_live_username",
            sqlite_where=sa.text("status != 3"),
            postgresql_where=sa.text("status != 3"),
        )
        batch_op.drop_index(batch_op.f("ix_developers_user_id"))
        batch_op.drop_index(batch_op.f("ix_developers_unified_social_credit_code"))
        batch_op.drop_index(batch_op.f("ix_developers_status"))
    op.drop_table("developers")
