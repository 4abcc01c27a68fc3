"""notification endpoints and deliveries

Revision ID: e66e5c808103
Revises: 0e5e39e640e5
Create Date: 2026-11-29 20:00:36.940840
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e66e5c808103"
down_revision: str | None = "0e5e39e640e5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_deliveries",
        sa.Column("notification_delivery_id", sa.String(length=64), nullable=False),
        sa.Column("notification_endpoint_id", sa.String(length=64), nullable=False),
        sa.Column("notification_endpoint_name", sa.String(length=128), nullable=False),
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=256), nullable=False),
        sa.Column("text", sa.String(length=4096), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_response_status", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=1024), nullable=False),
        sa.PrimaryKeyConstraint("notification_delivery_id"),
    )
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_notification_deliveries_created",
            ["created_at", "notification_delivery_id"],
            unique=False,
        )
        batch_op.create_index(
            "ix_notification_deliveries_due", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            "ix_notification_deliveries_endpoint",
            ["notification_endpoint_id", "created_at"],
            unique=False,
        )

    op.create_table(
        "notification_endpoints",
        sa.Column("notification_endpoint_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("sealed_secret", sa.LargeBinary(), nullable=True),
        sa.Column("email_recipients", sa.JSON(), nullable=False),
        sa.Column("mention_mobiles", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("min_severity", sa.String(length=16), nullable=False),
        sa.Column("max_messages_per_hour", sa.Integer(), nullable=False),
        sa.Column("send_resolved", sa.Boolean(), nullable=False),
        sa.Column("last_delivery_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_delivery_succeeded", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("notification_endpoint_id"),
    )


def downgrade() -> None:
    op.drop_table("notification_endpoints")
    with op.batch_alter_table("notification_deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_deliveries_endpoint")
        batch_op.drop_index("ix_notification_deliveries_due")
        batch_op.drop_index("ix_notification_deliveries_created")

    op.drop_table("notification_deliveries")
