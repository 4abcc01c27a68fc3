"""rollups, reconciliation and log query indexes

Revision ID: 828b128cd368
Revises: 1ef7923f274f
Create Date: 2026-11-29 16:15:00.153781
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "828b128cd368"
down_revision: str | None = "1ef7923f274f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reconcile_cursors",
        sa.Column("source", sa.String(length=512), nullable=False),
        sa.Column("file_id", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), nullable=False),
        sa.Column("lines_read", sa.BigInteger(), nullable=False),
        sa.Column("backfilled_entries", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("source"),
    )
    op.create_table(
        "traffic_hours",
        sa.Column("bucket_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("api_code", sa.String(length=128), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("channel_code", sa.String(length=64), nullable=False),
        sa.Column("calls", sa.BigInteger(), nullable=False),
        sa.Column("duration_ms_sum", sa.BigInteger(), nullable=False),
        sa.Column("bytes_received", sa.BigInteger(), nullable=False),
        sa.Column("bytes_sent", sa.BigInteger(), nullable=False),
        sa.Column("le_5", sa.BigInteger(), nullable=False),
        sa.Column("le_10", sa.BigInteger(), nullable=False),
        sa.Column("le_25", sa.BigInteger(), nullable=False),
        sa.Column("le_50", sa.BigInteger(), nullable=False),
        sa.Column("le_100", sa.BigInteger(), nullable=False),
        sa.Column("le_250", sa.BigInteger(), nullable=False),
        sa.Column("le_500", sa.BigInteger(), nullable=False),
        sa.Column("le_1000", sa.BigInteger(), nullable=False),
        sa.Column("le_2500", sa.BigInteger(), nullable=False),
        sa.Column("le_5000", sa.BigInteger(), nullable=False),
        sa.Column("le_10000", sa.BigInteger(), nullable=False),
        sa.Column("le_inf", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_start", "api_code", "channel_id", "outcome"),
    )
    op.create_table(
        "traffic_minutes",
        sa.Column("bucket_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("api_code", sa.String(length=128), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("channel_code", sa.String(length=64), nullable=False),
        sa.Column("calls", sa.BigInteger(), nullable=False),
        sa.Column("duration_ms_sum", sa.BigInteger(), nullable=False),
        sa.Column("bytes_received", sa.BigInteger(), nullable=False),
        sa.Column("bytes_sent", sa.BigInteger(), nullable=False),
        sa.Column("le_5", sa.BigInteger(), nullable=False),
        sa.Column("le_10", sa.BigInteger(), nullable=False),
        sa.Column("le_25", sa.BigInteger(), nullable=False),
        sa.Column("le_50", sa.BigInteger(), nullable=False),
        sa.Column("le_100", sa.BigInteger(), nullable=False),
        sa.Column("le_250", sa.BigInteger(), nullable=False),
        sa.Column("le_500", sa.BigInteger(), nullable=False),
        sa.Column("le_1000", sa.BigInteger(), nullable=False),
        sa.Column("le_2500", sa.BigInteger(), nullable=False),
        sa.Column("le_5000", sa.BigInteger(), nullable=False),
        sa.Column("le_10000", sa.BigInteger(), nullable=False),
        sa.Column("le_inf", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("bucket_start", "api_code", "channel_id", "outcome"),
    )
    op.create_table(
        "traffic_totals",
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("calls", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("outcome"),
    )
    with op.batch_alter_table("access_logs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "trace_id", sa.String(length=64), nullable=False, server_default=sa.text("''")
            )
        )
        batch_op.add_column(
            sa.Column(
                "upstream_host", sa.String(length=128), nullable=False, server_default=sa.text("''")
            )
        )
        batch_op.add_column(
            sa.Column(
                "response_code_details",
                sa.String(length=128),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
        batch_op.add_column(
            sa.Column(
                "edge_node_id", sa.String(length=128), nullable=False, server_default=sa.text("''")
            )
        )
        batch_op.add_column(
            sa.Column("backfilled", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_index(batch_op.f("ix_access_logs_request_id"))
        batch_op.create_index(
            "ix_access_logs_api_time_id", ["api_code", "started_at", "log_id"], unique=False
        )
        batch_op.create_index(
            "ix_access_logs_channel_time_id", ["channel_id", "started_at", "log_id"], unique=False
        )
        batch_op.create_index("ix_access_logs_time_id", ["started_at", "log_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_access_logs_trace_id"), ["trace_id"], unique=False)
        batch_op.create_index("ux_access_logs_request_id", ["request_id"], unique=True)

    # Entries stored before the rollups existed still count in the cumulative total.
    op.execute(
        "INSERT INTO traffic_totals (outcome, calls) SELECT CASE"
        " WHEN status >= 100 AND status < 400 AND response_flags = '' THEN 'success'"
        " WHEN status >= 400 AND status < 500 THEN 'client_error'"
        " ELSE 'server_error' END, COUNT(*) FROM access_logs GROUP BY 1"
    )


def downgrade() -> None:
    with op.batch_alter_table("access_logs", schema=None) as batch_op:
        batch_op.drop_index("ux_access_logs_request_id")
        batch_op.drop_index(batch_op.f("ix_access_logs_trace_id"))
        batch_op.drop_index("ix_access_logs_time_id")
        batch_op.drop_index("ix_access_logs_channel_time_id")
        batch_op.drop_index("ix_access_logs_api_time_id")
        batch_op.create_index(batch_op.f("ix_access_logs_request_id"), ["request_id"], unique=False)
        batch_op.drop_column("backfilled")
        batch_op.drop_column("edge_node_id")
        batch_op.drop_column("response_code_details")
        batch_op.drop_column("upstream_host")
        batch_op.drop_column("trace_id")

    op.drop_table("traffic_totals")
    op.drop_table("traffic_minutes")
    op.drop_table("traffic_hours")
    op.drop_table("reconcile_cursors")
