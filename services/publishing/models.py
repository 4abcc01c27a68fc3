"""Publishing's tables (none yet: the publishing issue adds them with their migrations)."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass
