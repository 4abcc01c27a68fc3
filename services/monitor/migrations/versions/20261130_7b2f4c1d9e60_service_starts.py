"""service starts seen by inspections (restarts and versions)

Revision ID: 7b2f4c1d9e60
Revises: 5c3a9e7d1b42
Create Date: 2026-11-30 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7b2f4c1d9e60"
down_revision: str | None = "5c3a9e7d1b42"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "service_starts",
        sa.Column(
            "service_start_id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("service", sa.String(length=32), nullable=False),
        sa.Column("host", sa.String(length=253), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.String(length=64), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("service_start_id"),
    )
    with op.batch_alter_table("service_starts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_service_starts_first_seen", ["service", "first_seen_at"], unique=False
        )
        batch_op.create_index(
            "ux_service_starts_process", ["service", "host", "started_at"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("service_starts", schema=None) as batch_op:
        batch_op.drop_index("ux_service_starts_process")
        batch_op.drop_index("ix_service_starts_first_seen")
    op.drop_table("service_starts")
