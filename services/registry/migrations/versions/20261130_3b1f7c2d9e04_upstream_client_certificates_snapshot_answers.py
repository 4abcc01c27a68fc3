"""Upstream client certificates, deprecation links and each snapshot's node answers

Revision ID: 3b1f7c2d9e04
Revises: 95432374ac95
Create Date: 2026-11-30 00:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b1f7c2d9e04"
down_revision: str | None = "95432374ac95"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tls_client_certificate_pem",
                sa.Text(),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
        batch_op.add_column(
            sa.Column("tls_client_private_key_sealed", sa.LargeBinary(), nullable=True)
        )
    with op.batch_alter_table("api_services", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "deprecation_link",
                sa.String(length=512),
                nullable=False,
                server_default=sa.text("''"),
            )
        )
    op.create_table(
        "edge_snapshot_answers",
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=128), nullable=False),
        sa.Column("type_url", sa.String(length=128), nullable=False),
        sa.Column("acked", sa.Boolean(), nullable=False),
        sa.Column("nack_message", sa.Text(), nullable=False),
        sa.Column("answer_time", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", "node_id", "type_url"),
    )


def downgrade() -> None:
    op.drop_table("edge_snapshot_answers")
    with op.batch_alter_table("api_services", schema=None) as batch_op:
        batch_op.drop_column("deprecation_link")
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.drop_column("tls_client_private_key_sealed")
        batch_op.drop_column("tls_client_certificate_pem")
