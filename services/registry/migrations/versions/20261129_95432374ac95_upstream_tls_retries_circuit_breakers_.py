"""upstream TLS CA, retries, circuit breakers and load balancing

Revision ID: 95432374ac95
Revises: de7b204fe087
Create Date: 2026-11-29 21:48:28.753424
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "95432374ac95"
down_revision: str | None = "de7b204fe087"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing upstreams keep what the edge did for them until now: no CA of their own, no
    # retries, Envoy's default limits, round robin (1).
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tls_ca_certificate_pem", sa.Text(), nullable=False, server_default=sa.text("''")
            )
        )
        for name in ("retry_policy", "circuit_breaker"):
            batch_op.add_column(
                sa.Column(name, sa.JSON(), nullable=False, server_default=sa.text("'{}'"))
            )
        batch_op.add_column(
            sa.Column(
                "load_balancing_policy",
                sa.Integer(),
                nullable=False,
                server_default=sa.text("1"),
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("upstreams", schema=None) as batch_op:
        batch_op.drop_column("load_balancing_policy")
        batch_op.drop_column("circuit_breaker")
        batch_op.drop_column("retry_policy")
        batch_op.drop_column("tls_ca_certificate_pem")
