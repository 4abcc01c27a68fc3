"""Channel notices in the database, and the background check that writes them.

The check reads the channels, their quotas, vendors and credentials from identity (through the
directory, refreshed in the background) and today's calls from monitor's own rollups; the
unique notice key makes a second round, or a second replica, write nothing new the same day.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from prometheus_client import Counter
from sqlalchemy import ColumnElement, and_, exists, false, func, select
from sqlalchemy.orm import Session

from services.monitor import channel_notices, domain, store
from services.monitor.directory import Directory
from services.monitor.models import ChannelNoticeReadRow, ChannelNoticeRow
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor.channel_notices")

NOTICES_WRITTEN = Counter(
    "wailian_monitor_channel_notices_total", "Notices written for channels' vendors"
)


def add_notices(session: Session, notices: Iterable[channel_notices.Notice], now: datetime) -> int:
    """Writes the notices not written yet (by key); how many were new."""
    written = 0
    for notice in notices:
        statement = (
            store.dialect_insert(session, ChannelNoticeRow.__table__)  # type: ignore[arg-type]
            .values(
                channel_notice_id=str(uuid.uuid4()),
                notice_key=notice.key,
                channel_id=notice.channel_id,
                channel_code=notice.channel_code,
                kind=notice.kind.value,
                title=notice.title[:256],
                message=notice.message[:1024],
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["notice_key"])
            .returning(ChannelNoticeRow.channel_notice_id)
        )
        if session.scalar(statement) is not None:
            written += 1
    return written


def quota_calls(session: Session, day: domain.Day) -> dict[str, int]:
    """The calls each channel made in the day that count to its quota."""
    query = domain.UsageQuery(window=domain.Window(day.start, day.end))
    counted: dict[str, int] = {}
    for cell in store.rollup_cells(session, query, ("channel_id",)):
        if cell.channel_id and cell.outcome in domain.QUOTA_OUTCOMES:
            counted[cell.channel_id] = counted.get(cell.channel_id, 0) + cell.tally.calls
    return counted


@dataclass(frozen=True)
class NoticeQuery:
    # The channels the caller may see; None for every channel (staff).
    scope: frozenset[str] | None
    channel_id: str = ""
    # A NoticeKind value; empty for every kind.
    kind: str = ""
    unread_only: bool = False


def _read_by(reader: str) -> ColumnElement[bool]:
    return exists().where(
        ChannelNoticeReadRow.channel_notice_id == ChannelNoticeRow.channel_notice_id,
        ChannelNoticeReadRow.reader == reader,
    )


def _conditions(query: NoticeQuery, reader: str) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.scope is not None:
        conditions.append(
            ChannelNoticeRow.channel_id.in_(sorted(query.scope)) if query.scope else false()
        )
    if query.channel_id:
        conditions.append(ChannelNoticeRow.channel_id == query.channel_id)
    if query.kind:
        conditions.append(ChannelNoticeRow.kind == query.kind)
    if query.unread_only:
        conditions.append(~_read_by(reader))
    return conditions


def list_notices(
    session: Session, query: NoticeQuery, reader: str, offset: int, limit: int
) -> tuple[list[tuple[ChannelNoticeRow, bool]], int]:
    """Newest first, each with whether `reader` has read it; and how many there are."""
    conditions = _conditions(query, reader)
    total = session.scalar(
        select(func.count()).select_from(ChannelNoticeRow).where(and_(True, *conditions))
    )
    rows = session.execute(
        select(ChannelNoticeRow, _read_by(reader))
        .where(and_(True, *conditions))
        .order_by(ChannelNoticeRow.created_at.desc(), ChannelNoticeRow.channel_notice_id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    return [(row, bool(read)) for row, read in rows], int(total or 0)


def mark_read(
    session: Session,
    query: NoticeQuery,
    notice_ids: Sequence[str],
    reader: str,
    now: datetime,
) -> int:
    """Marks the named notices (or, with none named, every notice the query selects) read for
    `reader`, within its scope; answers how many it still has unread."""
    selected = select(ChannelNoticeRow.channel_notice_id).where(
        and_(True, *_conditions(query, reader))
    )
    if notice_ids:
        selected = selected.where(ChannelNoticeRow.channel_notice_id.in_(notice_ids))
    values = [
        {"channel_notice_id": notice_id, "reader": reader, "read_at": now}
        for notice_id in sorted(set(session.scalars(selected)))
    ]
    if values:
        session.execute(
            store.dialect_insert(session, ChannelNoticeReadRow.__table__).on_conflict_do_nothing(  # type: ignore[arg-type]
                index_elements=["channel_notice_id", "reader"]
            ),
            values,
        )
    unread = NoticeQuery(scope=query.scope, unread_only=True)
    return int(
        session.scalar(
            select(func.count())
            .select_from(ChannelNoticeRow)
            .where(and_(True, *_conditions(unread, reader)))
        )
        or 0
    )


class ChannelNoticeCheck:
    """Every `interval`: today's quota use and the credentials about to expire, as notices."""

    def __init__(
        self, uow: UnitOfWork, directory: Directory, timezone: str, interval: timedelta
    ) -> None:
        self.uow = uow
        self.directory = directory
        self.timezone = timezone
        self.interval = interval

    async def check_once(self, now: datetime | None = None) -> int:
        moment = now or utcnow()
        channels = dict(self.directory.channels)
        if not channels:
            return 0
        day = domain.local_day(moment, self.timezone)
        zone = ZoneInfo(self.timezone)

        def work(session: Session) -> int:
            calls = quota_calls(session, day)
            found = channel_notices.notices(channels, calls, moment, zone)
            return add_notices(session, found, moment)

        written = await self.uow.run(work)
        NOTICES_WRITTEN.inc(written)
        return written

    async def run(self) -> None:
        while True:
            try:
                await self.check_once()
            except Exception:
                log.exception("channel notice check failed; will retry")
            await asyncio.sleep(self.interval.total_seconds())
