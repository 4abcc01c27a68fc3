"""Registry's persistence: queries over its tables, no commits (the unit of work commits)."""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from services.registry.models import ApiServiceRow, UpstreamRow
from services.runtime.clock import utcnow
from services.runtime.errors import NotFound


def stamp(row: UpstreamRow | ApiServiceRow, actor: str, *, created: bool) -> None:
    now = utcnow()
    if created:
        row.created_by = actor
        row.created_at = now
    row.updated_by = actor
    row.updated_at = now


def upstream(session: Session, upstream_id: str) -> UpstreamRow:
    row = session.get(UpstreamRow, upstream_id) if upstream_id else None
    if row is None:
        raise NotFound(f"no upstream {upstream_id}")
    return row


def upstream_by_name(session: Session, name: str) -> UpstreamRow | None:
    return session.scalar(select(UpstreamRow).where(UpstreamRow.name == name))


def list_upstreams(session: Session, offset: int, limit: int) -> tuple[list[UpstreamRow], int]:
    total = session.scalar(select(func.count()).select_from(UpstreamRow)) or 0
    rows = session.scalars(
        select(UpstreamRow).order_by(UpstreamRow.name).offset(offset).limit(limit)
    )
    return list(rows), total


def api_service(session: Session, api_service_id: str) -> ApiServiceRow:
    row = session.get(ApiServiceRow, api_service_id) if api_service_id else None
    if row is None:
        raise NotFound(f"no API service {api_service_id}")
    return row


def api_service_by_code(session: Session, code: str, version: str) -> ApiServiceRow | None:
    return session.scalar(
        select(ApiServiceRow).where(ApiServiceRow.code == code, ApiServiceRow.version == version)
    )


def routable_with_route(
    session: Session, method: int, path: str, statuses: tuple[int, ...]
) -> ApiServiceRow | None:
    return session.scalar(
        select(ApiServiceRow).where(
            ApiServiceRow.method == method,
            ApiServiceRow.path == path,
            ApiServiceRow.status.in_(statuses),
        )
    )


def list_api_services(
    session: Session, offset: int, limit: int, status: int, query: str
) -> tuple[list[tuple[ApiServiceRow, str]], int]:
    """API services with their upstream's name, filtered by status and a code/name query."""
    conditions = []
    if status:
        conditions.append(ApiServiceRow.status == status)
    if query:
        pattern = f"%{query.replace('%', '').replace('_', '')}%"
        conditions.append(or_(ApiServiceRow.code.ilike(pattern), ApiServiceRow.name.ilike(pattern)))
    total = session.scalar(select(func.count()).select_from(ApiServiceRow).where(*conditions)) or 0
    rows = session.execute(
        select(ApiServiceRow, UpstreamRow.name)
        .join(UpstreamRow, UpstreamRow.upstream_id == ApiServiceRow.upstream_id)
        .where(*conditions)
        .order_by(ApiServiceRow.category, ApiServiceRow.code, ApiServiceRow.version)
        .offset(offset)
        .limit(limit)
    )
    return [(row, name) for row, name in rows], total
