"""NotificationService: endpoints, test sends and deliveries; it translates messages only."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import grpc
from google.protobuf import duration_pb2
from sqlalchemy.orm import Session

from services.monitor import (
    alerts,
    channel_notice_store,
    notification_sender,
    notification_store,
    notifications,
)
from services.monitor.directory import Directory
from services.monitor.messages import enum_value, record_write, severity_enum, severity_of
from services.monitor.models import (
    ChannelNoticeRow,
    NotificationDeliveryRow,
    NotificationEndpointRow,
)
from services.monitor.notifications import DeliveryStatus, EndpointKind, EndpointSpec
from services.runtime.audit import request_facts
from services.runtime.audited import audit_info
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name, current_caller
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.errors import FailedPrecondition, NotFound, Validator
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.monitor.v1 import notifications_pb2 as pb
from wailian.monitor.v1 import notifications_pb2_grpc as pb_grpc

ENDPOINT_FIELDS: tuple[str, ...] = (
    "name",
    "type",
    "url",
    "secret",
    "email_recipients",
    "mention_mobiles",
    "enabled",
    "min_severity",
    "max_messages_per_hour",
    "send_resolved",
)
_SPEC_FIELDS = {"type": "kind", "email_recipients": "email_recipients"}
_SERVICE = pb.DESCRIPTOR.services_by_name["NotificationService"]
_PREFIX = "notification_endpoint"


def _kind(number: int) -> EndpointKind | None:
    value = enum_value(pb.NotificationEndpointType, "NOTIFICATION_ENDPOINT_TYPE_", number)
    return EndpointKind(value) if value else None


def _kind_enum(kind: EndpointKind) -> int:
    return int(
        pb.NotificationEndpointType.Value("NOTIFICATION_ENDPOINT_TYPE_" + kind.value.upper())
    )


def _status(number: int) -> DeliveryStatus | None:
    value = enum_value(pb.DeliveryStatus, "DELIVERY_STATUS_", number)
    return DeliveryStatus(value) if value else None


def _status_enum(status: DeliveryStatus) -> int:
    return int(pb.DeliveryStatus.Value("DELIVERY_STATUS_" + status.value.upper()))


def _changes(
    message: pb.NotificationEndpoint, paths: Sequence[str], check: Validator
) -> dict[str, Any]:
    """Spec values of the named proto fields (the secret is not one: it is kept apart)."""
    changes: dict[str, Any] = {}
    for path in paths:
        if path == "secret":
            continue
        value: Any = getattr(message, path)
        if path == "type":
            value = _kind(message.type)
            check.require(
                value is not None, f"{_PREFIX}.type", "webhook, email, WeCom or DingTalk robot"
            )
        elif path == "min_severity":
            # Unspecified: every alert.
            value = severity_of(message.min_severity) or alerts.Severity.INFO
            check.require(
                message.min_severity == 0 or severity_of(message.min_severity) is not None,
                f"{_PREFIX}.min_severity",
                "info, warning or critical",
            )
        elif path in ("email_recipients", "mention_mobiles"):
            value = tuple(v.strip() for v in value)
        changes[_SPEC_FIELDS.get(path, path)] = value
    return changes


def _endpoint_message(row: NotificationEndpointRow) -> pb.NotificationEndpoint:
    """Never with the secret; robot URLs with their token masked."""
    spec = notification_store.spec_of(row)
    return pb.NotificationEndpoint(
        notification_endpoint_id=row.notification_endpoint_id,
        name=spec.name,
        type=_kind_enum(spec.kind),  # type: ignore[arg-type]
        url=notifications.masked_url(spec.url),
        secret_set=row.sealed_secret is not None,
        email_recipients=spec.email_recipients,
        mention_mobiles=spec.mention_mobiles,
        enabled=spec.enabled,
        min_severity=severity_enum(spec.min_severity),  # type: ignore[arg-type]
        max_messages_per_hour=spec.max_messages_per_hour,
        send_resolved=spec.send_resolved,
        last_delivery_time=to_timestamp(row.last_delivery_at),
        last_delivery_succeeded=row.last_delivery_succeeded,
        audit=audit_info(row),
    )


def _delivery_message(row: NotificationDeliveryRow) -> pb.NotificationDelivery:
    return pb.NotificationDelivery(
        notification_delivery_id=row.notification_delivery_id,
        notification_endpoint_id=row.notification_endpoint_id,
        notification_endpoint_name=row.notification_endpoint_name,
        alert_id=row.alert_id,
        subject=row.subject,
        status=_status_enum(DeliveryStatus(row.status)),  # type: ignore[arg-type]
        attempts=row.attempts,
        create_time=to_timestamp(row.created_at),
        last_attempt_time=to_timestamp(row.last_attempt_at),
        next_attempt_time=to_timestamp(row.next_attempt_at),
        last_response_status=row.last_response_status,
        last_error=row.last_error,
    )


def _moment(message: Any, name: str) -> datetime | None:
    return as_utc(getattr(message, name).ToDatetime()) if message.HasField(name) else None


class NotificationServicer(pb_grpc.NotificationServiceServicer):
    """Notification endpoints, test sends and deliveries (module 24, O4)."""

    def __init__(
        self,
        uow: UnitOfWork,
        box: SecretBox,
        dispatcher: notification_sender.NotificationDispatcher,
        directory: Directory | None = None,
    ) -> None:
        self.uow = uow
        self.box = box
        self.dispatcher = dispatcher
        self.directory = directory

    @staticmethod
    def _endpoint(session: Session, endpoint_id: str) -> NotificationEndpointRow:
        row = notification_store.endpoint_row(session, endpoint_id)
        if row is None:
            raise NotFound(f"no notification endpoint {endpoint_id}")
        return row

    async def CreateNotificationEndpoint(
        self, request: pb.CreateNotificationEndpointRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateNotificationEndpointResponse:
        message = request.notification_endpoint
        check = Validator()
        changes = _changes(message, ENDPOINT_FIELDS, check)
        check.check()
        spec = EndpointSpec(**changes)
        notifications.validate_endpoint(spec, message.secret)
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "CreateNotificationEndpoint")

        def work(session: Session) -> pb.NotificationEndpoint:
            row = notification_store.add_endpoint(session, spec, message.secret, self.box, actor)
            created = _endpoint_message(row)
            record_write(
                session,
                facts,
                "notification_endpoint",
                created.notification_endpoint_id,
                f"created notification endpoint {created.name}",
                after=created,
            )
            return created

        return pb.CreateNotificationEndpointResponse(notification_endpoint=await self.uow.run(work))

    async def GetNotificationEndpoint(
        self, request: pb.GetNotificationEndpointRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetNotificationEndpointResponse:
        required_id(request.notification_endpoint_id, "notification_endpoint_id")
        row = await self.uow.run(lambda s: self._endpoint(s, request.notification_endpoint_id))
        return pb.GetNotificationEndpointResponse(notification_endpoint=_endpoint_message(row))

    async def ListNotificationEndpoints(
        self, request: pb.ListNotificationEndpointsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListNotificationEndpointsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        kind = _kind(request.type)
        check.require(
            request.type == pb.NOTIFICATION_ENDPOINT_TYPE_UNSPECIFIED or kind is not None,
            "type",
            "is not a known endpoint type",
        )
        check.check()

        def work(session: Session) -> tuple[list[pb.NotificationEndpoint], int]:
            rows, total = notification_store.list_endpoints(session, kind, offset, limit)
            return [_endpoint_message(row) for row in rows], total

        endpoints, total = await self.uow.run(work)
        return pb.ListNotificationEndpointsResponse(
            notification_endpoints=endpoints,
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def UpdateNotificationEndpoint(
        self, request: pb.UpdateNotificationEndpointRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateNotificationEndpointResponse:
        required_id(request.notification_endpoint_id, "notification_endpoint_id")
        paths = mask_paths(request.update_mask, ENDPOINT_FIELDS)
        message = request.notification_endpoint
        check = Validator()
        changes = _changes(message, paths, check)
        check.check()
        # The secret is write-only, so the console never has it to send back: an empty mask
        # changes it only when one is given; naming it in the mask clears it when empty.
        new_secret = "secret" in request.update_mask.paths or (
            not request.update_mask.paths and bool(message.secret)
        )
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateNotificationEndpoint")

        def work(session: Session) -> pb.NotificationEndpoint:
            row = self._endpoint(session, request.notification_endpoint_id)
            before = _endpoint_message(row)
            spec = dataclasses.replace(notification_store.spec_of(row), **changes)
            # A robot URL comes back masked: sending the masked form back keeps the stored one.
            if "url" in changes and spec.url == before.url:
                spec = dataclasses.replace(spec, url=row.url)
            notifications.validate_endpoint(spec, message.secret if new_secret else "")
            notification_store.set_endpoint(row, spec, actor)
            if new_secret:
                notification_store.set_secret(row, message.secret, self.box)
            after = _endpoint_message(row)
            record_write(
                session,
                facts,
                "notification_endpoint",
                row.notification_endpoint_id,
                f"changed notification endpoint {after.name}",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateNotificationEndpointResponse(notification_endpoint=await self.uow.run(work))

    async def DeleteNotificationEndpoint(
        self, request: pb.DeleteNotificationEndpointRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteNotificationEndpointResponse:
        required_id(request.notification_endpoint_id, "notification_endpoint_id")
        facts = request_facts(context, _SERVICE, "DeleteNotificationEndpoint")

        def work(session: Session) -> None:
            row = self._endpoint(session, request.notification_endpoint_id)
            before = _endpoint_message(row)
            record_write(
                session,
                facts,
                "notification_endpoint",
                row.notification_endpoint_id,
                f"deleted notification endpoint {before.name}",
                before=before,
            )
            # Its deliveries stay as history.
            session.delete(row)

        await self.uow.run(work)
        return pb.DeleteNotificationEndpointResponse()

    async def TestNotificationEndpoint(
        self, request: pb.TestNotificationEndpointRequest, context: grpc.aio.ServicerContext
    ) -> pb.TestNotificationEndpointResponse:
        required_id(request.notification_endpoint_id, "notification_endpoint_id")

        def work(session: Session) -> tuple[notification_sender.Target, str]:
            row = self._endpoint(session, request.notification_endpoint_id)
            return notification_sender.target_of(row, self.box), row.name

        target, name = await self.uow.run(work)
        message = notifications.trial_message(name, utcnow(), self.dispatcher.timezone)
        outcome = await notification_sender.send(target, message, self.dispatcher.settings)
        latency = duration_pb2.Duration()
        latency.FromTimedelta(outcome.latency)
        return pb.TestNotificationEndpointResponse(
            succeeded=outcome.succeeded,
            response_status=outcome.response_status,
            response_body=outcome.response_body,
            error=outcome.error,
            latency=latency,
        )

    async def ListNotificationDeliveries(
        self, request: pb.ListNotificationDeliveriesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListNotificationDeliveriesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        status = _status(request.status)
        check.require(
            request.status == pb.DELIVERY_STATUS_UNSPECIFIED or status is not None,
            "status",
            "is not a known delivery status",
        )
        check.require(len(request.alert_id) <= 64, "alert_id", "at most 64 characters")
        check.require(
            len(request.notification_endpoint_id) <= 64,
            "notification_endpoint_id",
            "at most 64 characters",
        )
        check.check()
        query = notification_store.DeliveryQuery(
            alert_id=request.alert_id,
            endpoint_id=request.notification_endpoint_id,
            status=status,
            start=_moment(request.time_range, "start_time"),
            end=_moment(request.time_range, "end_time"),
        )

        def work(session: Session) -> tuple[list[pb.NotificationDelivery], int]:
            rows, total = notification_store.list_deliveries(session, query, offset, limit)
            return [_delivery_message(row) for row in rows], total

        deliveries, total = await self.uow.run(work)
        return pb.ListNotificationDeliveriesResponse(
            deliveries=deliveries,
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def RetryNotificationDelivery(
        self, request: pb.RetryNotificationDeliveryRequest, context: grpc.aio.ServicerContext
    ) -> pb.RetryNotificationDeliveryResponse:
        required_id(request.notification_delivery_id, "notification_delivery_id")
        facts = request_facts(context, _SERVICE, "RetryNotificationDelivery")

        def work(session: Session) -> pb.NotificationDelivery:
            row = notification_store.delivery_row(session, request.notification_delivery_id)
            if row is None:
                raise NotFound(f"no notification delivery {request.notification_delivery_id}")
            if row.status not in (DeliveryStatus.FAILED.value, DeliveryStatus.SUPPRESSED.value):
                raise FailedPrecondition(
                    "only a failed or suppressed delivery can be retried",
                    subject=row.notification_delivery_id,
                )
            notification_store.retry_now(row, utcnow())
            after = _delivery_message(row)
            record_write(
                session,
                facts,
                "notification_delivery",
                row.notification_delivery_id,
                f"retried notification {row.subject}",
                after=after,
            )
            return after

        delivery = await self.uow.run(work)
        self.dispatcher.wake()
        return pb.RetryNotificationDeliveryResponse(delivery=delivery)

    def _notice_scope(self, channel_id: str) -> tuple[channel_notice_store.NoticeQuery, str]:
        """Who reads, and the channels it may see: a vendor its own (as identity names them, never
        as the request says), staff every channel. A vendor naming another channel finds none."""
        caller = current_caller()
        reader = caller.subject if caller is not None else ""
        scope: frozenset[str] | None = None
        if caller is None or caller.is_vendor:
            known = self.directory.vendor_channel_ids(reader) if self.directory else frozenset()
            scope = known if reader else frozenset()
            if channel_id and channel_id not in scope:
                raise NotFound(f"no channel {channel_id}")
        return channel_notice_store.NoticeQuery(scope=scope, channel_id=channel_id), reader

    async def ListChannelNotices(
        self, request: pb.ListChannelNoticesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListChannelNoticesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        check.require(len(request.channel_id) <= 64, "channel_id", "at most 64 characters")
        kind = enum_value(pb.ChannelNoticeKind, "CHANNEL_NOTICE_KIND_", request.kind)
        check.require(
            request.kind == pb.CHANNEL_NOTICE_KIND_UNSPECIFIED or bool(kind),
            "kind",
            "is not a known kind of notice",
        )
        check.check()
        scoped, reader = self._notice_scope(request.channel_id)
        query = dataclasses.replace(scoped, kind=kind, unread_only=request.unread_only)

        def work(session: Session) -> tuple[list[pb.ChannelNotice], int]:
            rows, total = channel_notice_store.list_notices(session, query, reader, offset, limit)
            return [_notice_message(row, read) for row, read in rows], total

        found, total = await self.uow.run(work)
        return pb.ListChannelNoticesResponse(
            channel_notices=found,
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def MarkChannelNoticesRead(
        self, request: pb.MarkChannelNoticesReadRequest, context: grpc.aio.ServicerContext
    ) -> pb.MarkChannelNoticesReadResponse:
        check = Validator()
        ids = list(request.channel_notice_ids)
        check.require(len(ids) <= 500, "channel_notice_ids", "at most 500 at once")
        check.require(
            all(0 < len(notice_id) <= 64 for notice_id in ids),
            "channel_notice_ids",
            "each 1 to 64 characters",
        )
        check.require(len(request.channel_id) <= 64, "channel_id", "at most 64 characters")
        check.require(
            bool(ids) or bool(request.channel_id),
            "channel_notice_ids",
            "name the notices, or the channel whose notices are all read",
        )
        check.check()
        query, reader = self._notice_scope(request.channel_id)

        def work(session: Session) -> int:
            return channel_notice_store.mark_read(session, query, ids, reader, utcnow())

        return pb.MarkChannelNoticesReadResponse(unread_count=await self.uow.run(work))


def _notice_message(row: ChannelNoticeRow, read: bool) -> pb.ChannelNotice:
    return pb.ChannelNotice(
        channel_notice_id=row.channel_notice_id,
        channel_id=row.channel_id,
        channel_code=row.channel_code,
        kind=pb.ChannelNoticeKind.Value("CHANNEL_NOTICE_KIND_" + row.kind.upper()),  # type: ignore[arg-type]
        title=row.title,
        message=row.message,
        create_time=to_timestamp(as_utc(row.created_at)),
        read=read,
    )
