"""Registry's persistence: queries over its tables, no commits (the unit of work commits)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, text
from sqlalchemy.orm import Session, undefer

from services.registry import applications, grants
from services.registry.models import (
    AccessApplicationAttachmentRow,
    AccessApplicationItemRow,
    AccessApplicationRow,
    AccessGrantRow,
    ApiServiceRow,
    EdgeNodeResourceRow,
    EdgeNodeRow,
    EdgeSnapshotAnswerRow,
    EdgeSnapshotRow,
    ReviewPolicyRow,
    UpstreamRow,
)
from services.runtime.errors import NotFound

# Any fixed number: the advisory lock that orders snapshot versions on PostgreSQL.
_SNAPSHOT_LOCK = 0x5741494C


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
    session: Session,
    offset: int,
    limit: int,
    status: int,
    query: str,
    *,
    category: str = "",
    upstream_id: str = "",
    code: str = "",
) -> tuple[list[tuple[ApiServiceRow, str]], int]:
    """API services with their upstream's name, filtered as ListApiServices asks."""
    conditions = []
    if status:
        conditions.append(ApiServiceRow.status == status)
    if query:
        pattern = f"%{query.replace('%', '').replace('_', '')}%"
        conditions.append(or_(ApiServiceRow.code.ilike(pattern), ApiServiceRow.name.ilike(pattern)))
    if category:
        conditions.append(ApiServiceRow.category == category)
    if upstream_id:
        conditions.append(ApiServiceRow.upstream_id == upstream_id)
    if code:
        conditions.append(ApiServiceRow.code == code)
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


def api_service_counts(session: Session, upstream_ids: list[str]) -> dict[str, int]:
    """Upstream id → how many API services (any status) route to it."""
    if not upstream_ids:
        return {}
    rows = session.execute(
        select(ApiServiceRow.upstream_id, func.count())
        .where(ApiServiceRow.upstream_id.in_(upstream_ids))
        .group_by(ApiServiceRow.upstream_id)
    )
    found = {upstream_id: 0 for upstream_id in upstream_ids}
    found.update({upstream_id: count for upstream_id, count in rows})
    return found


def api_service_codes_using(session: Session, upstream_id: str) -> list[str]:
    """Code and version of the API services routing to the upstream, any status."""
    rows = session.execute(
        select(ApiServiceRow.code, ApiServiceRow.version)
        .where(ApiServiceRow.upstream_id == upstream_id)
        .order_by(ApiServiceRow.code, ApiServiceRow.version)
    )
    return [f"{code} {version}" for code, version in rows]


def granted_channel_counts(
    session: Session, api_service_ids: list[str], now: datetime
) -> dict[str, int]:
    """API service id → how many channels hold an active grant for it at `now`."""
    if not api_service_ids:
        return {}
    rows = session.execute(
        select(AccessGrantRow.api_service_id, func.count(AccessGrantRow.channel_id.distinct()))
        .where(
            AccessGrantRow.api_service_id.in_(api_service_ids),
            _grant_status_condition(grants.ACTIVE, now),
        )
        .group_by(AccessGrantRow.api_service_id)
    )
    return {api_service_id: count for api_service_id, count in rows}


def api_service_references(session: Session, api_service_id: str) -> int:
    """Grants and access application items naming the API service (they keep it from deletion)."""
    grants = (
        session.scalar(
            select(func.count())
            .select_from(AccessGrantRow)
            .where(AccessGrantRow.api_service_id == api_service_id)
        )
        or 0
    )
    items = (
        session.scalar(
            select(func.count())
            .select_from(AccessApplicationItemRow)
            .where(AccessApplicationItemRow.api_service_id == api_service_id)
        )
        or 0
    )
    return grants + items


def catalog_counts(session: Session) -> tuple[dict[int, int], dict[str, int], int]:
    """API services by status, by category, and the number of upstreams."""
    by_status = {
        status: count
        for status, count in session.execute(
            select(ApiServiceRow.status, func.count()).group_by(ApiServiceRow.status)
        )
    }
    by_category = {
        category: count
        for category, count in session.execute(
            select(ApiServiceRow.category, func.count())
            .group_by(ApiServiceRow.category)
            .order_by(ApiServiceRow.category)
        )
    }
    upstreams = session.scalar(select(func.count()).select_from(UpstreamRow)) or 0
    return by_status, by_category, upstreams


def api_service_codes(session: Session) -> set[str]:
    return set(session.scalars(select(ApiServiceRow.code).distinct()))


def exported_api_services(
    session: Session, api_service_ids: list[str], category: str, statuses: tuple[int, ...]
) -> list[ApiServiceRow]:
    """The services an OpenAPI export holds, in a stable order."""
    conditions: list[ColumnElement[bool]] = [ApiServiceRow.status.in_(statuses)]
    if api_service_ids:
        conditions.append(ApiServiceRow.api_service_id.in_(api_service_ids))
    if category:
        conditions.append(ApiServiceRow.category == category)
    return list(
        session.scalars(
            select(ApiServiceRow)
            .where(*conditions)
            .order_by(ApiServiceRow.category, ApiServiceRow.code, ApiServiceRow.version)
        )
    )


def all_upstreams(session: Session) -> list[UpstreamRow]:
    return list(session.scalars(select(UpstreamRow).order_by(UpstreamRow.name)))


def routable_api_services(
    session: Session, statuses: tuple[int, ...]
) -> list[tuple[ApiServiceRow, UpstreamRow]]:
    """The API services the edge routes, with their upstreams, in a stable order."""
    rows = session.execute(
        select(ApiServiceRow, UpstreamRow)
        .join(UpstreamRow, UpstreamRow.upstream_id == ApiServiceRow.upstream_id)
        .where(ApiServiceRow.status.in_(statuses))
        .order_by(ApiServiceRow.code, ApiServiceRow.version)
    )
    return [(service, upstream) for service, upstream in rows]


def latest_snapshot(session: Session) -> EdgeSnapshotRow | None:
    return session.scalar(select(EdgeSnapshotRow).order_by(EdgeSnapshotRow.version.desc()).limit(1))


def latest_version(session: Session) -> int:
    return session.scalar(select(func.max(EdgeSnapshotRow.version))) or 0


def lock_snapshot_versions(session: Session) -> None:
    """Serialise version allocation across registry replicas (PostgreSQL; SQLite has one writer)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SNAPSHOT_LOCK})


# Snapshots kept for diffs and rollbacks; older ones are deleted as new ones come (at hospital
# scale one holds megabytes, and every change makes one). The audit trail keeps the history.
SNAPSHOTS_KEPT = 50


def add_snapshot(session: Session, row: EdgeSnapshotRow) -> EdgeSnapshotRow:
    """Store a snapshot with the next version; the caller holds lock_snapshot_versions."""
    row.version = latest_version(session) + 1
    session.add(row)
    session.flush()
    session.execute(
        delete(EdgeSnapshotRow).where(EdgeSnapshotRow.version <= row.version - SNAPSHOTS_KEPT)
    )
    return row


def snapshot(session: Session, snapshot_id: str) -> EdgeSnapshotRow:
    row = session.get(EdgeSnapshotRow, snapshot_id) if snapshot_id else None
    if row is None:
        raise NotFound(f"no edge configuration snapshot {snapshot_id}")
    return row


def snapshot_by_idempotency_key(session: Session, key: str) -> EdgeSnapshotRow | None:
    return session.scalar(select(EdgeSnapshotRow).where(EdgeSnapshotRow.idempotency_key == key))


def snapshot_before(session: Session, version: int) -> EdgeSnapshotRow | None:
    return session.scalar(
        select(EdgeSnapshotRow)
        .where(EdgeSnapshotRow.version < version)
        .order_by(EdgeSnapshotRow.version.desc())
        .limit(1)
    )


def list_snapshots(session: Session, offset: int, limit: int) -> tuple[list[EdgeSnapshotRow], int]:
    total = session.scalar(select(func.count()).select_from(EdgeSnapshotRow)) or 0
    rows = session.scalars(
        select(EdgeSnapshotRow).order_by(EdgeSnapshotRow.version.desc()).offset(offset).limit(limit)
    )
    return list(rows), total


def node(session: Session, node_id: str) -> EdgeNodeRow:
    row = session.get(EdgeNodeRow, node_id) if node_id else None
    if row is None:
        raise NotFound(f"no edge node {node_id}")
    return row


def find_node(session: Session, node_id: str) -> EdgeNodeRow | None:
    return session.get(EdgeNodeRow, node_id)


def node_resources(session: Session, node_ids: list[str]) -> dict[str, list[EdgeNodeResourceRow]]:
    found: dict[str, list[EdgeNodeResourceRow]] = {node_id: [] for node_id in node_ids}
    if node_ids:
        for row in session.scalars(
            select(EdgeNodeResourceRow)
            .where(EdgeNodeResourceRow.node_id.in_(node_ids))
            .order_by(EdgeNodeResourceRow.type_url)
        ):
            found[row.node_id].append(row)
    return found


def node_resource(session: Session, node_id: str, type_url: str) -> EdgeNodeResourceRow:
    row = session.get(EdgeNodeResourceRow, (node_id, type_url))
    if row is None:
        row = EdgeNodeResourceRow(
            node_id=node_id, type_url=type_url, acked_version=0, nacked_version=0, nack_message=""
        )
        session.add(row)
    return row


def drop_node_resource(session: Session, node_id: str, type_url: str) -> None:
    row = session.get(EdgeNodeResourceRow, (node_id, type_url))
    if row is not None:
        session.delete(row)


def snapshot_answer(
    session: Session, version: int, node_id: str, type_url: str
) -> EdgeSnapshotAnswerRow:
    """A node's answer to one resource type of a snapshot version, made when first asked."""
    row = session.get(EdgeSnapshotAnswerRow, (version, node_id, type_url))
    if row is None:
        row = EdgeSnapshotAnswerRow(
            version=version, node_id=node_id, type_url=type_url, nack_message=""
        )
        session.add(row)
    return row


def snapshot_answers(
    session: Session, versions: list[int]
) -> dict[int, list[EdgeSnapshotAnswerRow]]:
    """The nodes' recorded answers to these snapshot versions, by version."""
    answers: dict[int, list[EdgeSnapshotAnswerRow]] = {version: [] for version in versions}
    if versions:
        rows = session.scalars(
            select(EdgeSnapshotAnswerRow)
            .where(EdgeSnapshotAnswerRow.version.in_(versions))
            .order_by(EdgeSnapshotAnswerRow.node_id, EdgeSnapshotAnswerRow.type_url)
        )
        for row in rows:
            answers[row.version].append(row)
    return answers


def list_nodes(
    session: Session, offset: int, limit: int, seen_since: datetime | None
) -> tuple[list[EdgeNodeRow], int]:
    """Connected nodes, and with seen_since also those seen since then."""
    condition = (
        EdgeNodeRow.connected.is_(True)
        if seen_since is None
        else or_(EdgeNodeRow.connected.is_(True), EdgeNodeRow.last_seen_time >= seen_since)
    )
    total = session.scalar(select(func.count()).select_from(EdgeNodeRow).where(condition)) or 0
    rows = session.scalars(
        select(EdgeNodeRow)
        .where(condition)
        .order_by(EdgeNodeRow.node_id)
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def all_node_resources(session: Session) -> list[tuple[EdgeNodeRow, EdgeNodeResourceRow]]:
    rows = session.execute(
        select(EdgeNodeRow, EdgeNodeResourceRow).join(
            EdgeNodeResourceRow, EdgeNodeResourceRow.node_id == EdgeNodeRow.node_id
        )
    )
    return [(n, r) for n, r in rows]


def access_grant(session: Session, access_grant_id: str) -> AccessGrantRow:
    row = session.get(AccessGrantRow, access_grant_id) if access_grant_id else None
    if row is None:
        raise NotFound(f"no access grant {access_grant_id}")
    return row


def access_grant_by_idempotency_key(session: Session, key: str) -> AccessGrantRow | None:
    return session.scalar(select(AccessGrantRow).where(AccessGrantRow.idempotency_key == key))


def live_access_grant(
    session: Session, channel_id: str, api_service_id: str
) -> AccessGrantRow | None:
    """The channel's unrevoked grant for the API service, if any (it may have lapsed)."""
    return session.scalar(
        select(AccessGrantRow).where(
            AccessGrantRow.channel_id == channel_id,
            AccessGrantRow.api_service_id == api_service_id,
            AccessGrantRow.status == grants.ACTIVE,
        )
    )


def _grant_status_condition(status: int, now: datetime) -> ColumnElement[bool]:
    """SQL for a grant's status as it stands at `now` (see grants.status_at)."""
    unexpired = or_(AccessGrantRow.expire_time.is_(None), AccessGrantRow.expire_time > now)
    stored_active = AccessGrantRow.status == grants.ACTIVE
    if status == grants.ACTIVE:
        return and_(stored_active, unexpired, AccessGrantRow.start_time <= now)
    if status == grants.SCHEDULED:
        return and_(stored_active, unexpired, AccessGrantRow.start_time > now)
    if status == grants.EXPIRED:
        return or_(
            AccessGrantRow.status == grants.EXPIRED,
            and_(stored_active, AccessGrantRow.expire_time <= now),
        )
    return AccessGrantRow.status == status


def list_access_grants(
    session: Session,
    offset: int,
    limit: int,
    *,
    channel_id: str,
    api_service_id: str,
    status: int,
    expire_before: datetime | None,
    now: datetime,
) -> tuple[list[tuple[AccessGrantRow, ApiServiceRow]], int]:
    """Grants with their API services, newest first, filtered as ListAccessGrants asks."""
    conditions = []
    if channel_id:
        conditions.append(AccessGrantRow.channel_id == channel_id)
    if api_service_id:
        conditions.append(AccessGrantRow.api_service_id == api_service_id)
    if status:
        conditions.append(_grant_status_condition(status, now))
    if expire_before is not None:
        conditions.append(AccessGrantRow.expire_time < expire_before)
    total = session.scalar(select(func.count()).select_from(AccessGrantRow).where(*conditions)) or 0
    rows = session.execute(
        select(AccessGrantRow, ApiServiceRow)
        .join(ApiServiceRow, ApiServiceRow.api_service_id == AccessGrantRow.api_service_id)
        .where(*conditions)
        .order_by(AccessGrantRow.created_at.desc(), AccessGrantRow.access_grant_id)
        .offset(offset)
        .limit(limit)
    )
    return [(grant, service) for grant, service in rows], total


def active_grants(session: Session, now: datetime) -> dict[str, frozenset[str]]:
    """API service code → the channels with an active grant at `now`: whom the edge lets through.

    Grants for any version of a code count for the code.
    """
    rows = session.execute(
        select(ApiServiceRow.code, AccessGrantRow.channel_id)
        .join(AccessGrantRow, AccessGrantRow.api_service_id == ApiServiceRow.api_service_id)
        .where(_grant_status_condition(grants.ACTIVE, now))
    )
    found: dict[str, set[str]] = {}
    for code, channel_id in rows:
        found.setdefault(code, set()).add(channel_id)
    return {code: frozenset(channels) for code, channels in found.items()}


def api_services(session: Session, api_service_ids: list[str]) -> dict[str, ApiServiceRow]:
    if not api_service_ids:
        return {}
    rows = session.scalars(
        select(ApiServiceRow).where(ApiServiceRow.api_service_id.in_(api_service_ids))
    )
    return {row.api_service_id: row for row in rows}


def review_policy(session: Session, category: str) -> ReviewPolicyRow | None:
    return session.get(ReviewPolicyRow, category)


def review_policies(session: Session, categories: set[str]) -> list[ReviewPolicyRow]:
    if not categories:
        return []
    return list(
        session.scalars(
            select(ReviewPolicyRow)
            .where(ReviewPolicyRow.category.in_(categories))
            .order_by(ReviewPolicyRow.category)
        )
    )


def list_review_policies(
    session: Session, offset: int, limit: int
) -> tuple[list[ReviewPolicyRow], int]:
    total = session.scalar(select(func.count()).select_from(ReviewPolicyRow)) or 0
    rows = session.scalars(
        select(ReviewPolicyRow).order_by(ReviewPolicyRow.category).offset(offset).limit(limit)
    )
    return list(rows), total


def access_application(session: Session, access_application_id: str) -> AccessApplicationRow:
    row = (
        session.get(AccessApplicationRow, access_application_id) if access_application_id else None
    )
    if row is None:
        raise NotFound(f"no access application {access_application_id}")
    return row


def next_application_number(session: Session, year: int) -> str:
    """The year's next number, e.g. JR-2026-000123; a racing replica fails on the unique index."""
    prefix = f"JR-{year}-"
    last = session.scalar(
        select(func.max(AccessApplicationRow.number)).where(
            AccessApplicationRow.number.like(f"{prefix}%")
        )
    )
    following = int(last.removeprefix(prefix)) + 1 if last else 1
    return f"{prefix}{following:06d}"


def list_access_applications(
    session: Session,
    offset: int,
    limit: int,
    *,
    visible_channel_ids: frozenset[str] | None,
    channel_id: str,
    status: int,
    api_service_id: str,
    applicant_user_id: str,
    reviewer: tuple[str, frozenset[str]] | None,
    submitted_from: datetime | None,
    submitted_before: datetime | None,
    query: str,
) -> tuple[list[AccessApplicationRow], int]:
    """Applications, newest first, filtered as ListAccessApplications asks.

    visible_channel_ids: a vendor's channels (None: every channel). reviewer: (user id, roles)
    for the inbox of pending applications that person may review.
    """
    conditions: list[ColumnElement[bool]] = []
    if visible_channel_ids is not None:
        conditions.append(AccessApplicationRow.channel_id.in_(visible_channel_ids))
    if channel_id:
        conditions.append(AccessApplicationRow.channel_id == channel_id)
    if status:
        conditions.append(AccessApplicationRow.status == status)
    if api_service_id:
        conditions.append(
            AccessApplicationRow.items.any(
                AccessApplicationItemRow.api_service_id == api_service_id
            )
        )
    if applicant_user_id:
        conditions.append(AccessApplicationRow.applicant_user_id == applicant_user_id)
    if reviewer is not None:
        user_id, roles = reviewer
        conditions.append(AccessApplicationRow.status == applications.PENDING)
        conditions.append(AccessApplicationRow.applicant_user_id != user_id)
        conditions.append(
            or_(
                AccessApplicationRow.current_reviewer_role == "",
                AccessApplicationRow.current_reviewer_role.in_(roles),
            )
        )
    if submitted_from is not None:
        conditions.append(AccessApplicationRow.submit_time >= submitted_from)
    if submitted_before is not None:
        conditions.append(AccessApplicationRow.submit_time < submitted_before)
    if query:
        pattern = f"%{query.replace('%', '').replace('_', '')}%"
        conditions.append(
            or_(
                AccessApplicationRow.number.ilike(pattern),
                AccessApplicationRow.channel_name.ilike(pattern),
                AccessApplicationRow.purpose.ilike(pattern),
            )
        )
    total = (
        session.scalar(select(func.count()).select_from(AccessApplicationRow).where(*conditions))
        or 0
    )
    rows = session.scalars(
        select(AccessApplicationRow)
        .where(*conditions)
        .order_by(AccessApplicationRow.created_at.desc(), AccessApplicationRow.number.desc())
        .offset(offset)
        .limit(limit)
    )
    return list(rows), total


def attachment_with_content(
    session: Session, access_application_id: str, attachment_id: str
) -> AccessApplicationAttachmentRow:
    row = session.scalar(
        select(AccessApplicationAttachmentRow)
        .where(
            AccessApplicationAttachmentRow.access_application_id == access_application_id,
            AccessApplicationAttachmentRow.attachment_id == attachment_id,
        )
        .options(undefer(AccessApplicationAttachmentRow.content))
    )
    if row is None:
        raise NotFound(
            f"no attachment {attachment_id} of access application {access_application_id}"
        )
    return row


def catalog_directory(session: Session) -> list[ApiServiceRow]:
    """Every API service (any status, every version), for the platform's own displays."""
    return list(
        session.scalars(select(ApiServiceRow).order_by(ApiServiceRow.code, ApiServiceRow.version))
    )
