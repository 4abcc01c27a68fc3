"""When each channel credential was last used, for staff deciding what to retire.

The signature check and the token endpoint note a use in memory (a dictionary write, nothing on
the request's path waits for the database); a background task writes the latest use of each
credential every FLUSH_SECONDS, and once more when the service stops. Replicas write their own
notes; a later time never gives way to an earlier one.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from services.identity.models import CredentialRow
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.identity.usage")

FLUSH_SECONDS = 30.0


class CredentialUsage:
    def __init__(self, uow: UnitOfWork, flush_seconds: float = FLUSH_SECONDS) -> None:
        self.uow = uow
        self.flush_seconds = flush_seconds
        self._latest: dict[str, datetime] = {}

    def note(self, credential_id: str) -> None:
        self._latest[credential_id] = utcnow()

    async def flush(self) -> int:
        """Write the noted uses; returns how many credentials were written."""
        noted, self._latest = self._latest, {}
        if not noted:
            return 0

        def write(session: Session) -> None:
            for credential_id, used_at in sorted(noted.items()):
                session.execute(
                    update(CredentialRow)
                    .where(
                        CredentialRow.credential_id == credential_id,
                        or_(
                            CredentialRow.last_used_at.is_(None),
                            CredentialRow.last_used_at < used_at,
                        ),
                    )
                    .values(last_used_at=used_at)
                )

        try:
            await self.uow.run(write)
        except Exception:
            # Keep the notes for the next flush, unless newer ones came meanwhile.
            for credential_id, used_at in noted.items():
                self._latest.setdefault(credential_id, used_at)
            raise
        return len(noted)

    async def write_last(self) -> None:
        """On stop: what was noted since the last flush, so that no use is forgotten."""
        try:
            await self.flush()
        except Exception:
            log.exception("could not record when credentials were last used before stopping")

    async def follow(self) -> None:
        while True:
            await asyncio.sleep(self.flush_seconds)
            try:
                await self.flush()
            except Exception:
                log.exception("could not record when credentials were last used; will retry")
