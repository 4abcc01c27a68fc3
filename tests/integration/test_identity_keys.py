"""Signing-key rotation on identity's real database: new keys on schedule, old ones retired
only after every token they signed has expired."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path
from unittest import mock

from sqlalchemy import select

from services.identity import keys, store
from services.identity.models import EdgeAuthRevisionRow, SigningKeyRow
from services.runtime.clock import utcnow
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork, make_engine, migrate

PERIOD = timedelta(days=30)


def test_keys_rotate_on_schedule_and_retire_after_their_tokens_expire(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'identity.db'}")
    migrate("identity", engine)
    uow = UnitOfWork(engine)
    box = SecretBox(secrets.token_bytes(32))
    try:
        first = uow.run_sync(lambda s: store.add_signing_key(s, box).kid)
        start = utcnow()  # just after the first key was made

        def rotate_at(moment):  # type: ignore[no-untyped-def]
            with mock.patch("services.identity.store.utcnow", return_value=moment):
                return uow.run_sync(lambda s: keys.rotate(s, box, moment, PERIOD))

        def active() -> list[str]:
            return uow.run_sync(lambda s: [k.kid for k in store.active_signing_keys(s, box)])

        def revision() -> int:
            return uow.run_sync(lambda s: s.scalar(select(EdgeAuthRevisionRow.revision)) or 0)

        assert rotate_at(start + timedelta(days=29)) == []
        assert active() == [first]
        before = revision()
        changes = rotate_at(start + PERIOD)
        (second,) = [kid for kid in active() if kid != first]
        assert changes == [f"signing key {second} added"]
        assert active() == [first, second]  # the new one signs, both verify
        assert revision() > before  # registry republishes the JWKS
        # The old key outlives the longest token (2 h) it may have signed, then goes.
        assert rotate_at(start + PERIOD + timedelta(hours=1)) == []
        assert active() == [first, second]
        assert rotate_at(start + PERIOD + timedelta(hours=2)) == [f"signing key {first} retired"]
        assert active() == [second]
        rows = uow.run_sync(lambda s: list(s.scalars(select(SigningKeyRow.kid))))
        assert sorted(rows) == sorted([first, second])  # kept, inactive, for the record
    finally:
        engine.dispose()
