"""maintenance records and service levels

Revision ID: ed3ad8a61e29
Revises: 024237ccbd52
Create Date: 2026-11-29 21:15:23.957747
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ed3ad8a61e29"
down_revision: str | None = "024237ccbd52"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "maintenance_attachments",
        sa.Column("attachment_id", sa.String(length=64), nullable=False),
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("uploaded_by", sa.String(length=64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("attachment_id"),
    )
    with op.batch_alter_table("maintenance_attachments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_maintenance_attachments_record",
            ["maintenance_record_id", "uploaded_at"],
            unique=False,
        )

    op.create_table(
        "maintenance_counters",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "maintenance_events",
        sa.Column(
            "event_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("actor_user_id", sa.String(length=64), nullable=False),
        sa.Column("actor_name", sa.String(length=64), nullable=False),
        sa.Column("event_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=False),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("attachment_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("event_id"),
    )
    with op.batch_alter_table("maintenance_events", schema=None) as batch_op:
        batch_op.create_index(
            "ix_maintenance_events_record", ["maintenance_record_id", "event_id"], unique=False
        )

    op.create_table(
        "maintenance_record_alerts",
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("maintenance_record_id", "alert_id"),
    )
    with op.batch_alter_table("maintenance_record_alerts", schema=None) as batch_op:
        batch_op.create_index("ux_maintenance_record_alerts_alert", ["alert_id"], unique=True)

    op.create_table(
        "maintenance_records",
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=256), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("reporter_name", sa.String(length=64), nullable=False),
        sa.Column("reporter_contact", sa.String(length=128), nullable=False),
        sa.Column("report_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("affected_module", sa.String(length=128), nullable=False),
        sa.Column("assignee_user_id", sa.String(length=64), nullable=False),
        sa.Column("assignee_name", sa.String(length=64), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("root_cause", sa.Text(), nullable=False),
        sa.Column("confirmed_by", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("service_level_policy_id", sa.String(length=64), nullable=False),
        sa.Column("reported_in_working_hours", sa.Boolean(), nullable=False),
        sa.Column("response_target", sa.String(length=64), nullable=False),
        sa.Column("response_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_target", sa.String(length=64), nullable=False),
        sa.Column("resolution_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution_in_working_time", sa.Boolean(), nullable=False),
        sa.Column("response_breach_noted", sa.Boolean(), nullable=False),
        sa.Column("resolution_breach_noted", sa.Boolean(), nullable=False),
        sa.Column("idempotency_key", sa.String(length=128), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("maintenance_record_id"),
    )
    with op.batch_alter_table("maintenance_records", schema=None) as batch_op:
        batch_op.create_index(
            "ix_maintenance_records_report", ["report_at", "maintenance_record_id"], unique=False
        )
        batch_op.create_index(
            "ix_maintenance_records_status", ["status", "report_at"], unique=False
        )
        batch_op.create_index(
            "ux_maintenance_records_idempotency", ["idempotency_key"], unique=True
        )
        batch_op.create_index("ux_maintenance_records_number", ["number"], unique=True)

    op.create_table(
        "service_level_policies",
        sa.Column("service_level_policy_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("min_severity", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("response_in_hours_seconds", sa.Integer(), nullable=True),
        sa.Column("response_outside_hours_seconds", sa.Integer(), nullable=True),
        sa.Column("resolution_working_days", sa.Integer(), nullable=False),
        sa.Column("resolution_calendar_days", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("service_level_policy_id"),
    )
    op.create_table(
        "working_calendars",
        sa.Column("calendar_id", sa.String(length=32), nullable=False),
        sa.Column("time_zone", sa.String(length=64), nullable=False),
        sa.Column("work_start", sa.String(length=5), nullable=False),
        sa.Column("work_end", sa.String(length=5), nullable=False),
        sa.Column("working_weekdays", sa.JSON(), nullable=False),
        sa.Column("holidays", sa.JSON(), nullable=False),
        sa.Column("extra_working_days", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("calendar_id"),
    )


def downgrade() -> None:
    op.drop_table("working_calendars")
    op.drop_table("service_level_policies")
    with op.batch_alter_table("maintenance_records", schema=None) as batch_op:
        batch_op.drop_index("ux_maintenance_records_number")
        batch_op.drop_index("ux_maintenance_records_idempotency")
        batch_op.drop_index("ix_maintenance_records_status")
        batch_op.drop_index("ix_maintenance_records_report")

    op.drop_table("maintenance_records")
    with op.batch_alter_table("maintenance_record_alerts", schema=None) as batch_op:
        batch_op.drop_index("ux_maintenance_record_alerts_alert")

    op.drop_table("maintenance_record_alerts")
    with op.batch_alter_table("maintenance_events", schema=None) as batch_op:
        batch_op.drop_index("ix_maintenance_events_record")

    op.drop_table("maintenance_events")
    op.drop_table("maintenance_counters")
    with op.batch_alter_table("maintenance_attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_maintenance_attachments_record")

    op.drop_table("maintenance_attachments")
