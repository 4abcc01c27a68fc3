"""API service documentation, lifecycle times and upstream health checks

Revision ID: 5c7d2e9a41b3
Revises: 0e480e1c8603
Create Date: 2026-11-29 21:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c7d2e9a41b3"
down_revision: str | None = "0e480e1c8603"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing rows get empty documentation and no health check: the server defaults fill
    # them in, so the columns can be NOT NULL from the start.
    with op.batch_alter_table("api_services", schema=None) as batch_op:
        for name in ("request_schema", "response_schema", "request_example", "response_example"):
            batch_op.add_column(
                sa.Column(name, sa.Text(), nullable=False, server_default=sa.text("''"))
            )
        for name in ("parameters", "error_codes", "tags"):
            batch_op.add_column(
                sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
            )
        for name in ("rate_limit_per_second", "timeout_ms"):
            batch_op.add_column(
                sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))
            )
        for name in ("publish_time", "deprecate_time", "sunset_time"):
            batch_op.add_column(sa.Column(name, sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("health_check", sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
        )
        batch_op.add_column(
            sa.Column(
                "tls_server_name",
                sa.String(length=253),
                nullable=False,
                server_default=sa.text("''"),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.drop_column("tls_server_name")
        batch_op.drop_column("health_check")
    with op.batch_alter_table("api_services", schema=None) as batch_op:
        for name in (
            "sunset_time",
            "deprecate_time",
            "publish_time",
            "timeout_ms",
            "rate_limit_per_second",
            "tags",
            "error_codes",
            "parameters",
            "response_example",
            "request_example",
            "response_schema",
            "request_schema",
        ):
            batch_op.drop_column(name)
