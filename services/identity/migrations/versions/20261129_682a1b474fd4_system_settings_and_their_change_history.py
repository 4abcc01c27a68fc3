"""system settings and their change history

Revision ID: 682a1b474fd4
Revises: e91b04fed993
Create Date: 2026-11-29 16:31:47.830962
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "682a1b474fd4"
down_revision: str | None = "e91b04fed993"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "setting_changes",
        sa.Column("setting_change_id", sa.String(length=36), nullable=False),
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("old_json", sa.Text(), nullable=False),
        sa.Column("new_json", sa.Text(), nullable=False),
        sa.Column("changed_by", sa.String(length=64), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("comment", sa.String(length=256), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("setting_change_id"),
        sa.UniqueConstraint("revision"),
    )
    with op.batch_alter_table("setting_changes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_setting_changes_changed_at"), ["changed_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_setting_changes_key"), ["key"], unique=False)

    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=128), nullable=False),
        sa.Column("value_json", sa.Text(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("created_by", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )


def downgrade() -> None:
    op.drop_table("settings")
    with op.batch_alter_table("setting_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_setting_changes_key"))
        batch_op.drop_index(batch_op.f("ix_setting_changes_changed_at"))

    op.drop_table("setting_changes")
