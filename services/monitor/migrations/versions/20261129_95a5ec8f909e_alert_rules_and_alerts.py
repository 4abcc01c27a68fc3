"""alert rules and alerts

Revision ID: 95a5ec8f909e
Revises: 828b128cd368
Create Date: 2026-11-29 19:21:46.338843
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "95a5ec8f909e"
down_revision: str | None = "828b128cd368"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "alert_readers",
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.Column("read_all_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("reader"),
    )
    op.create_table(
        "alert_reads",
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("alert_id", "reader"),
    )
    op.create_table(
        "alert_rules",
        sa.Column("alert_rule_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("description", sa.String(length=1024), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("window_seconds", sa.Integer(), nullable=False),
        sa.Column("percentile", sa.Float(), nullable=False),
        sa.Column("api_codes", sa.JSON(), nullable=False),
        sa.Column("channel_ids", sa.JSON(), nullable=False),
        sa.Column("upstreams", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("built_in", sa.Boolean(), nullable=False),
        sa.Column("notification_endpoint_ids", sa.JSON(), nullable=False),
        sa.Column("pending_seconds", sa.Integer(), nullable=False),
        sa.Column("renotify_seconds", sa.Integer(), nullable=False),
        sa.Column("open_maintenance_record", sa.Boolean(), nullable=False),
        sa.Column("min_calls", sa.BigInteger(), nullable=False),
        sa.Column("evaluated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("alert_rule_id"),
    )
    op.create_table(
        "alerts",
        sa.Column("alert_id", sa.String(length=64), nullable=False),
        sa.Column("alert_rule_id", sa.String(length=64), nullable=False),
        sa.Column("alert_rule_name", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("open_key", sa.String(length=64), nullable=True),
        sa.Column("summary", sa.String(length=512), nullable=False),
        sa.Column("description", sa.String(length=1024), nullable=False),
        sa.Column("labels", sa.JSON(), nullable=False),
        sa.Column("api_code", sa.String(length=128), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("pending_since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_evaluated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("evaluations", sa.Integer(), nullable=False),
        sa.Column("acknowledged_by", sa.String(length=64), nullable=False),
        sa.Column("acknowledged_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("acknowledge_comment", sa.String(length=1024), nullable=False),
        sa.Column("silence_id", sa.String(length=64), nullable=False),
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("notification_count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("alert_id"),
    )
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.create_index("ix_alerts_rule_state", ["alert_rule_id", "state"], unique=False)
        batch_op.create_index("ix_alerts_started", ["started_at", "alert_id"], unique=False)
        # The fingerprint while an alert is open, NULL once resolved (NULLs never collide):
        # two replicas evaluating together cannot open the same alert twice.
        batch_op.create_index("ux_alerts_open_key", ["open_key"], unique=True)

    op.create_table(
        "silences",
        sa.Column("silence_id", sa.String(length=64), nullable=False),
        sa.Column("comment", sa.String(length=512), nullable=False),
        sa.Column("start_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("end_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("alert_rule_ids", sa.JSON(), nullable=False),
        sa.Column("api_codes", sa.JSON(), nullable=False),
        sa.Column("channel_ids", sa.JSON(), nullable=False),
        sa.Column("upstreams", sa.JSON(), nullable=False),
        sa.Column("maintenance_record_id", sa.String(length=64), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("silence_id"),
    )
    with op.batch_alter_table("silences", schema=None) as batch_op:
        batch_op.create_index("ix_silences_end", ["end_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("silences", schema=None) as batch_op:
        batch_op.drop_index("ix_silences_end")

    op.drop_table("silences")
    with op.batch_alter_table("alerts", schema=None) as batch_op:
        batch_op.drop_index("ux_alerts_open_key")
        batch_op.drop_index("ix_alerts_started")
        batch_op.drop_index("ix_alerts_rule_state")

    op.drop_table("alerts")
    op.drop_table("alert_rules")
    op.drop_table("alert_reads")
    op.drop_table("alert_readers")
