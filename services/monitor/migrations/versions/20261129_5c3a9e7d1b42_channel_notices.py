"""channel notices for vendors

Revision ID: 5c3a9e7d1b42
Revises: ed3ad8a61e29
Create Date: 2026-11-29 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c3a9e7d1b42"
down_revision: str | None = "ed3ad8a61e29"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "channel_notices",
        sa.Column("channel_notice_id", sa.String(length=64), nullable=False),
        sa.Column("notice_key", sa.String(length=255), nullable=False),
        sa.Column("channel_id", sa.String(length=64), nullable=False),
        sa.Column("channel_code", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=256), nullable=False),
        sa.Column("message", sa.String(length=1024), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel_notice_id"),
    )
    with op.batch_alter_table("channel_notices", schema=None) as batch_op:
        batch_op.create_index("ux_channel_notices_key", ["notice_key"], unique=True)
        batch_op.create_index(
            "ix_channel_notices_channel_created", ["channel_id", "created_at"], unique=False
        )
        batch_op.create_index(
            "ix_channel_notices_created", ["created_at", "channel_notice_id"], unique=False
        )

    op.create_table(
        "channel_notice_reads",
        sa.Column("channel_notice_id", sa.String(length=64), nullable=False),
        sa.Column("reader", sa.String(length=64), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel_notice_id", "reader"),
    )


def downgrade() -> None:
    op.drop_table("channel_notice_reads")
    with op.batch_alter_table("channel_notices", schema=None) as batch_op:
        batch_op.drop_index("ix_channel_notices_created")
        batch_op.drop_index("ix_channel_notices_channel_created")
        batch_op.drop_index("ux_channel_notices_key")
    op.drop_table("channel_notices")
