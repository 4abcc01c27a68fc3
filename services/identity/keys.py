"""Token-signing key rotation: a new key every period, the old one kept while its tokens live.

The newest active key signs; every active key verifies (JWKS). When the newest is older than
the rotation period a new one is made; a key is retired once a newer one has signed for
longer than any token lives, so no valid token ever loses its key. Each change moves the edge
revision, so registry republishes the JWKS to Envoy.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.identity import store
from services.identity.models import SigningKeyRow
from services.runtime.clock import as_utc
from services.runtime.crypto import SecretBox

# Longer than any token identity signs: console access tokens live at most an hour, channel
# tokens 15 minutes. A retired key's tokens have all expired.
RETIRE_AFTER = timedelta(hours=2)


def rotate(session: Session, box: SecretBox, now: datetime, period: timedelta) -> list[str]:
    """Make a new key and retire old ones as the period says; what was done, for the log."""
    rows = list(
        session.scalars(
            select(SigningKeyRow)
            .where(SigningKeyRow.active.is_(True))
            .order_by(SigningKeyRow.created_at)
            .with_for_update()
        )
    )
    done: list[str] = []
    created = [as_utc(row.created_at) for row in rows]
    if not rows or created[-1] + period <= now:
        key = store.add_signing_key(session, box)
        done.append(f"signing key {key.kid} added")
        created.append(now)
    # A key stopped signing when the next one was made; once every token it signed has
    # expired it is retired (other replicas pick up a new signer within a minute).
    for index, row in enumerate(rows):
        successor_since = created[index + 1] if index + 1 < len(created) else None
        if successor_since is not None and successor_since + RETIRE_AFTER <= now:
            row.active = False
            done.append(f"signing key {row.kid} retired")
    if done:
        store.bump_edge_revision(session, "; ".join(done)[:256], now)
    return done
