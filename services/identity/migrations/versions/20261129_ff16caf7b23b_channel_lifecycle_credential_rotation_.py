"""channel lifecycle, credential rotation, edge auth revision

Revision ID: ff16caf7b23b
Revises: 682a1b474fd4
Create Date: 2026-11-29 18:14:40.126098
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "ff16caf7b23b"
down_revision: str | None = "682a1b474fd4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite cannot drop the first migration's inline, unnamed UNIQUE (client_id): the batch
# recreates the table from this copy of its columns, which leaves the constraint out.
_CREDENTIALS_BEFORE = sa.Table(
    "channel_credentials",
    sa.MetaData(),
    sa.Column("credential_id", sa.String(length=36), primary_key=True),
    sa.Column(
        "channel_id", sa.String(length=36), sa.ForeignKey("channels.channel_id"), nullable=False
    ),
    sa.Column("kind", sa.Integer(), nullable=False),
    sa.Column("client_id", sa.String(length=64), nullable=False),
    sa.Column("sealed_secret", sa.LargeBinary(), nullable=False),
    sa.Column("expire_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked", sa.Boolean(), nullable=False),
    sa.Column("created_by", sa.String(length=64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_by", sa.String(length=64), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_channel_credentials_channel_id", "channel_id"),
)


def _drop_client_id_unique() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table(
            "channel_credentials", copy_from=_CREDENTIALS_BEFORE, recreate="always"
        ):
            pass
    else:
        op.drop_constraint(
            "channel_credentials_client_id_key", "channel_credentials", type_="unique"
        )


def upgrade() -> None:
    op.create_table(
        "edge_auth_revision",
        sa.Column("revision_id", sa.String(length=16), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cause", sa.String(length=256), nullable=False),
        sa.PrimaryKeyConstraint("revision_id"),
    )
    # The counter starts at 1 so that a watcher's after_revision=0 always sees a revision.
    op.bulk_insert(
        sa.table(
            "edge_auth_revision",
            sa.column("revision_id"),
            sa.column("revision"),
            sa.column("changed_at", sa.DateTime(timezone=True)),
            sa.column("cause"),
        ),
        [
            {
                "revision_id": "main",
                "revision": 1,
                "changed_at": datetime.now(UTC),
                "cause": "edge auth revision started",
            }
        ],
    )
    # A rotation's successor keeps the client_id: it is no longer unique, only indexed.
    _drop_client_id_unique()
    with op.batch_alter_table("channel_credentials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("revoke_reason", sa.String(length=128), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column(
                "rotated_from_credential_id",
                sa.String(length=36),
                nullable=False,
                server_default="",
            )
        )
        batch_op.add_column(
            sa.Column("description", sa.String(length=256), nullable=False, server_default="")
        )
        batch_op.create_index(
            batch_op.f("ix_channel_credentials_client_id"), ["client_id"], unique=False
        )

    with op.batch_alter_table("channels", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contact_email", sa.String(length=128), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("description", sa.String(length=256), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("sandbox", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("disabled_reason", sa.String(length=256), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("deleted", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.create_index(batch_op.f("ix_channels_deleted"), ["deleted"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("channels", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channels_deleted"))
        batch_op.drop_column("deleted")
        batch_op.drop_column("disabled_reason")
        batch_op.drop_column("sandbox")
        batch_op.drop_column("description")
        batch_op.drop_column("contact_email")

    with op.batch_alter_table("channel_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_credentials_client_id"))
        batch_op.drop_column("description")
        batch_op.drop_column("rotated_from_credential_id")
        batch_op.drop_column("revoke_reason")
        batch_op.drop_column("revoked_at")
        # Fails while a rotation's successor shares its predecessor's client_id.
        batch_op.create_unique_constraint("channel_credentials_client_id_key", ["client_id"])

    op.drop_table("edge_auth_revision")
