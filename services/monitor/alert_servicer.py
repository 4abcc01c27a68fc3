"""AlertService: alert rules, the alert inbox and silences; it translates messages only."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import grpc
from google.protobuf import duration_pb2
from sqlalchemy.orm import Session

from services.monitor import alert_evaluator, alert_store, alerts
from services.monitor.condition_probes import ConditionProbes, ProbeFailed
from services.monitor.messages import enum_value, record_write, severity_enum, severity_of
from services.monitor.models import AlertRow, AlertRuleRow, SilenceRow
from services.runtime.audit import request_facts
from services.runtime.audited import audit_info
from services.runtime.clock import as_utc, to_timestamp, utcnow
from services.runtime.context import actor_name, current_caller
from services.runtime.db import UnitOfWork
from services.runtime.errors import (
    FailedPrecondition,
    FieldViolation,
    InvalidArgument,
    NotFound,
    Unauthenticated,
    Unimplemented,
    Validator,
)
from services.runtime.paging import next_token, page_window
from services.runtime.requests import mask_paths, required_id
from wailian.monitor.v1 import alerts_pb2 as pb
from wailian.monitor.v1 import alerts_pb2_grpc as pb_grpc

RULE_FIELDS: tuple[str, ...] = (
    "name",
    "description",
    "severity",
    "threshold",
    "window",
    "percentile",
    "api_service_codes",
    "channel_ids",
    "upstreams",
    "enabled",
    "notification_endpoint_ids",
    "pending_duration",
    "renotify_interval",
    "open_maintenance_record",
    "min_calls",
)
SILENCE_FIELDS: tuple[str, ...] = (
    "comment",
    "start_time",
    "end_time",
    "alert_rule_ids",
    "api_service_codes",
    "channel_ids",
    "upstreams",
    "maintenance_record_id",
)


def _kind(number: int) -> alerts.RuleKind | None:
    value = enum_value(pb.AlertRuleKind, "ALERT_RULE_KIND_", number)
    return alerts.RuleKind(value) if value else None


def _kind_enum(kind: alerts.RuleKind) -> int:
    return int(pb.AlertRuleKind.Value("ALERT_RULE_KIND_" + kind.value.upper()))


def _duration(length: timedelta) -> duration_pb2.Duration:
    message = duration_pb2.Duration()
    message.FromTimedelta(length)
    return message


def _reader() -> str:
    """Whose read marks: the signed-in caller."""
    caller = current_caller()
    if caller is None:
        raise Unauthenticated("sign in to read alerts")
    return caller.subject


# Rules.

_RULE_SPEC_FIELDS: Mapping[str, str] = {
    "api_service_codes": "api_codes",
    "pending_duration": "pending",
    "renotify_interval": "renotify",
}


def _rule_changes(message: pb.AlertRule, paths: Sequence[str], check: Validator) -> dict[str, Any]:
    """Spec values of the named proto fields (enum and duration fields converted)."""
    changes: dict[str, Any] = {}
    for path in paths:
        attribute = _RULE_SPEC_FIELDS.get(path, path)
        value: Any = getattr(message, path)
        if path == "severity":
            value = severity_of(message.severity)
            check.require(value is not None, "alert_rule.severity", "info, warning or critical")
        elif path in ("window", "pending_duration", "renotify_interval"):
            value = value.ToTimedelta()
        elif path in ("api_service_codes", "channel_ids", "upstreams", "notification_endpoint_ids"):
            value = tuple(value)
        changes[attribute] = value
    return changes


def _new_rule_spec(message: pb.AlertRule) -> alerts.RuleSpec:
    check = Validator()
    kind = _kind(message.kind)
    check.require(kind is not None, "alert_rule.kind", "choose what the rule checks")
    changes = _rule_changes(message, RULE_FIELDS, check)
    if check.violations:
        # The fields every rule has, reported together with a missing kind or severity.
        alerts.check_rule_text(check, message.name, message.description, "alert_rule")
    check.check()
    assert kind is not None
    spec = alerts.RuleSpec(kind=kind, **changes)
    alerts.validate_rule(spec)
    return spec


def _rule_message(row: AlertRuleRow) -> pb.AlertRule:
    rule = alert_store.rule_of(row)
    spec = rule.spec
    return pb.AlertRule(
        alert_rule_id=rule.rule_id,
        name=spec.name,
        description=spec.description,
        kind=_kind_enum(spec.kind),
        severity=severity_enum(spec.severity),
        threshold=spec.threshold,
        window=_duration(spec.window),
        percentile=spec.percentile,
        api_service_codes=spec.api_codes,
        channel_ids=spec.channel_ids,
        upstreams=spec.upstreams,
        enabled=spec.enabled,
        built_in=rule.built_in,
        notification_endpoint_ids=spec.notification_endpoint_ids,
        audit=audit_info(row),
        pending_duration=_duration(spec.pending),
        renotify_interval=_duration(spec.renotify),
        open_maintenance_record=spec.open_maintenance_record,
        min_calls=spec.min_calls,
    )


def _alert_message(row: AlertRow, read: bool) -> pb.Alert:
    state = alerts.AlertState(row.state)
    return pb.Alert(
        alert_id=row.alert_id,
        alert_rule_id=row.alert_rule_id,
        alert_rule_name=row.alert_rule_name,
        kind=_kind_enum(alerts.RuleKind(row.kind)),
        severity=severity_enum(alerts.Severity(row.severity)),
        status=pb.ALERT_STATUS_FIRING
        if state is alerts.AlertState.FIRING
        else pb.ALERT_STATUS_RESOLVED,
        summary=row.summary,
        description=row.description,
        labels=row.labels,
        value=row.value,
        threshold=row.threshold,
        start_time=to_timestamp(row.started_at),
        last_evaluation_time=to_timestamp(row.last_evaluated_at),
        resolve_time=to_timestamp(row.resolved_at),
        acknowledged=row.acknowledged_at is not None,
        acknowledged_by=row.acknowledged_by,
        acknowledge_time=to_timestamp(row.acknowledged_at),
        acknowledge_comment=row.acknowledge_comment,
        silenced=bool(row.silence_id),
        silence_id=row.silence_id,
        maintenance_record_id=row.maintenance_record_id,
        fingerprint=row.fingerprint,
        read=read,
        notification_count=row.notification_count,
    )


# Silences.


def _moment(message: Any, name: str) -> datetime | None:
    return as_utc(getattr(message, name).ToDatetime()) if message.HasField(name) else None


def _silence_changes(message: pb.Silence, paths: Sequence[str], now: datetime) -> dict[str, Any]:
    names = {
        "start_time": "start",
        "end_time": "end",
        "alert_rule_ids": "rule_ids",
        "api_service_codes": "api_codes",
    }
    changes: dict[str, Any] = {}
    for path in paths:
        value: Any = getattr(message, path)
        if path == "start_time":
            value = _moment(message, path) or now
        elif path == "end_time":
            value = _moment(message, path)
            if value is None:
                raise InvalidArgument([FieldViolation("silence.end_time", "required")])
        elif path in ("alert_rule_ids", "api_service_codes", "channel_ids", "upstreams"):
            value = tuple(value)
        changes[names.get(path, path)] = value
    return changes


def _silence_message(row: SilenceRow, now: datetime) -> pb.Silence:
    silence = alert_store.silence_of(row)
    spec = silence.spec
    return pb.Silence(
        silence_id=silence.silence_id,
        comment=spec.comment,
        start_time=to_timestamp(spec.start),
        end_time=to_timestamp(spec.end),
        alert_rule_ids=spec.rule_ids,
        api_service_codes=spec.api_codes,
        channel_ids=spec.channel_ids,
        upstreams=spec.upstreams,
        active=silence.active(now),
        maintenance_record_id=spec.maintenance_record_id,
        audit=audit_info(row),
    )


def _known_rules(session: Session, spec: alerts.SilenceSpec) -> None:
    unknown = sorted(set(spec.rule_ids) - alert_store.existing_rule_ids(session, spec.rule_ids))
    if unknown:
        raise InvalidArgument(
            [FieldViolation("silence.alert_rule_ids", f"no such rule: {', '.join(unknown)}")]
        )


_SERVICE = pb.DESCRIPTOR.services_by_name["AlertService"]


class AlertServicer(pb_grpc.AlertServiceServicer):
    """Alert rules, the inbox and silences (module 24, O4)."""

    def __init__(self, uow: UnitOfWork, conditions: ConditionProbes | None = None) -> None:
        self.uow = uow
        self.conditions = conditions

    @staticmethod
    def _rule(session: Session, rule_id: str) -> AlertRuleRow:
        row = alert_store.rule_row(session, rule_id)
        if row is None:
            raise NotFound(f"no alert rule {rule_id}")
        return row

    async def CreateAlertRule(
        self, request: pb.CreateAlertRuleRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateAlertRuleResponse:
        spec = _new_rule_spec(request.alert_rule)
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "CreateAlertRule")

        def work(session: Session) -> pb.AlertRule:
            rule = _rule_message(alert_store.add_rule(session, spec, actor))
            record_write(
                session,
                facts,
                "alert_rule",
                rule.alert_rule_id,
                f"created alert rule {rule.name}",
                after=rule,
            )
            return rule

        return pb.CreateAlertRuleResponse(alert_rule=await self.uow.run(work))

    async def GetAlertRule(
        self, request: pb.GetAlertRuleRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetAlertRuleResponse:
        required_id(request.alert_rule_id, "alert_rule_id")
        row = await self.uow.run(lambda s: self._rule(s, request.alert_rule_id))
        return pb.GetAlertRuleResponse(alert_rule=_rule_message(row))

    async def ListAlertRules(
        self, request: pb.ListAlertRulesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListAlertRulesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        check = Validator()
        kind = _kind(request.kind)
        check.require(
            request.kind == pb.ALERT_RULE_KIND_UNSPECIFIED or kind is not None,
            "kind",
            "is not a known rule kind",
        )
        check.require(len(request.query) <= 128, "query", "at most 128 characters")
        check.check()

        def work(session: Session) -> tuple[list[pb.AlertRule], int]:
            rows, total = alert_store.list_rules(
                session, kind, request.query.strip(), offset, limit
            )
            return [_rule_message(row) for row in rows], total

        rules, total = await self.uow.run(work)
        return pb.ListAlertRulesResponse(
            alert_rules=rules, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UpdateAlertRule(
        self, request: pb.UpdateAlertRuleRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateAlertRuleResponse:
        required_id(request.alert_rule_id, "alert_rule_id")
        paths = mask_paths(request.update_mask, RULE_FIELDS)
        check = Validator()
        changes = _rule_changes(request.alert_rule, paths, check)
        check.check()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateAlertRule")

        def work(session: Session) -> pb.AlertRule:
            row = self._rule(session, request.alert_rule_id)
            before = _rule_message(row)
            spec = dataclasses.replace(alert_store.rule_of(row).spec, **changes)
            alerts.validate_rule(spec)
            alert_store.set_rule(row, spec, actor)
            if not spec.enabled:
                # A disabled rule is no longer evaluated: its alerts would never resolve.
                alert_store.close_rule_alerts(session, row.alert_rule_id, utcnow())
            after = _rule_message(row)
            record_write(
                session,
                facts,
                "alert_rule",
                row.alert_rule_id,
                f"changed alert rule {after.name}",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateAlertRuleResponse(alert_rule=await self.uow.run(work))

    async def DeleteAlertRule(
        self, request: pb.DeleteAlertRuleRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteAlertRuleResponse:
        required_id(request.alert_rule_id, "alert_rule_id")
        facts = request_facts(context, _SERVICE, "DeleteAlertRule")

        def work(session: Session) -> None:
            row = self._rule(session, request.alert_rule_id)
            before = _rule_message(row)
            record_write(
                session,
                facts,
                "alert_rule",
                row.alert_rule_id,
                f"deleted alert rule {before.name}",
                before=before,
            )
            if row.built_in:
                raise FailedPrecondition(
                    "a built-in rule cannot be deleted; disable it instead",
                    subject=row.alert_rule_id,
                )
            # Its alerts stay in the inbox as history, resolved.
            alert_store.close_rule_alerts(session, row.alert_rule_id, utcnow())
            session.delete(row)

        await self.uow.run(work)
        return pb.DeleteAlertRuleResponse()

    async def EvaluateAlertRule(
        self, request: pb.EvaluateAlertRuleRequest, context: grpc.aio.ServicerContext
    ) -> pb.EvaluateAlertRuleResponse:
        required_id(request.alert_rule_id, "alert_rule_id")
        now = utcnow()

        def read(session: Session) -> alerts.Rule:
            return alert_store.rule_of(self._rule(session, request.alert_rule_id))

        rule = await self.uow.run(read)
        conditions = self.conditions.round() if self.conditions is not None else None
        try:
            evaluations = await alert_evaluator.current_evaluations(self.uow, conditions, rule, now)
        except alerts.NotSupportedYet as error:
            raise Unimplemented(str(error)) from None
        except ProbeFailed as error:
            await context.abort(grpc.StatusCode.UNAVAILABLE, f"cannot evaluate now: {error}")
        finally:
            if conditions is not None:
                conditions.close()
        return pb.EvaluateAlertRuleResponse(
            evaluations=[
                pb.RuleEvaluation(
                    labels=evaluation.label_map,
                    value=evaluation.value,
                    breached=evaluation.breached,
                )
                for evaluation in evaluations
            ],
            evaluation_time=to_timestamp(now),
        )

    # The inbox.

    async def ListAlerts(
        self, request: pb.ListAlertsRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListAlertsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        reader = _reader()
        check = Validator()
        states = {
            pb.ALERT_STATUS_FIRING: alerts.AlertState.FIRING,
            pb.ALERT_STATUS_RESOLVED: alerts.AlertState.RESOLVED,
        }
        check.require(
            request.status == pb.ALERT_STATUS_UNSPECIFIED or request.status in states,
            "status",
            "firing or resolved",
        )
        severity = severity_of(request.min_severity)
        check.require(
            request.min_severity == pb.ALERT_SEVERITY_UNSPECIFIED or severity is not None,
            "min_severity",
            "info, warning or critical",
        )
        kind = _kind(request.kind)
        check.require(
            request.kind == pb.ALERT_RULE_KIND_UNSPECIFIED or kind is not None,
            "kind",
            "is not a known rule kind",
        )
        check.require(len(request.alert_rule_id) <= 64, "alert_rule_id", "at most 64 characters")
        check.require(
            len(request.api_service_code) <= 128, "api_service_code", "at most 128 characters"
        )
        check.require(len(request.channel_id) <= 64, "channel_id", "at most 64 characters")
        time_range = request.time_range
        started_from = _moment(time_range, "start_time")
        started_before = _moment(time_range, "end_time")
        check.require(
            started_from is None or started_before is None or started_from < started_before,
            "time_range",
            "start_time must be before end_time",
        )
        check.check()
        query = alert_store.AlertQuery(
            state=states.get(request.status),
            min_severity=severity,
            rule_id=request.alert_rule_id,
            kind=kind,
            started_from=started_from,
            started_before=started_before,
            unread_only=request.unread_only,
            unacknowledged_only=request.unacknowledged_only,
            api_code=request.api_service_code,
            channel_id=request.channel_id,
        )

        def work(session: Session) -> tuple[list[pb.Alert], int]:
            rows, total = alert_store.list_alerts(session, query, reader, offset, limit)
            return [_alert_message(row, read) for row, read in rows], total

        found, total = await self.uow.run(work)
        return pb.ListAlertsResponse(
            alerts=found, next_page_token=next_token(offset, limit, total), total_size=total
        )

    @staticmethod
    def _alert(session: Session, alert_id: str) -> AlertRow:
        row = alert_store.alert_row(session, alert_id)
        if row is None:
            raise NotFound(f"no alert {alert_id}")
        return row

    async def GetAlert(
        self, request: pb.GetAlertRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetAlertResponse:
        required_id(request.alert_id, "alert_id")
        reader = _reader()

        def work(session: Session) -> pb.Alert:
            row = self._alert(session, request.alert_id)
            return _alert_message(row, alert_store.is_read(session, row.alert_id, reader))

        return pb.GetAlertResponse(alert=await self.uow.run(work))

    async def AcknowledgeAlert(
        self, request: pb.AcknowledgeAlertRequest, context: grpc.aio.ServicerContext
    ) -> pb.AcknowledgeAlertResponse:
        required_id(request.alert_id, "alert_id")
        check = Validator()
        check.require(len(request.comment) <= 1024, "comment", "at most 1024 characters")
        check.check()
        reader = _reader()
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "AcknowledgeAlert")

        def work(session: Session) -> pb.Alert:
            row = self._alert(session, request.alert_id)
            if row.acknowledged_at is not None:
                raise FailedPrecondition(
                    f"already acknowledged by {row.acknowledged_by}", subject=row.alert_id
                )
            row.acknowledged_by = actor
            row.acknowledged_at = utcnow()
            row.acknowledge_comment = request.comment.strip()
            acknowledged = _alert_message(row, alert_store.is_read(session, row.alert_id, reader))
            record_write(
                session,
                facts,
                "alert",
                row.alert_id,
                f"acknowledged alert {acknowledged.summary}"[:256],
                after=acknowledged,
            )
            return acknowledged

        return pb.AcknowledgeAlertResponse(alert=await self.uow.run(work))

    async def MarkAlertsRead(
        self, request: pb.MarkAlertsReadRequest, context: grpc.aio.ServicerContext
    ) -> pb.MarkAlertsReadResponse:
        check = Validator()
        check.require(
            request.all or bool(request.alert_ids), "alert_ids", "name alerts, or set all"
        )
        check.require(len(request.alert_ids) <= 1000, "alert_ids", "at most 1000 at once")
        check.require(
            all(0 < len(a) <= 64 for a in request.alert_ids), "alert_ids", "1-64 characters each"
        )
        check.check()
        reader = _reader()

        def work(session: Session) -> int:
            now = utcnow()
            if request.all:
                alert_store.mark_all_read(session, reader, now)
            else:
                alert_store.mark_read(session, list(request.alert_ids), reader, now)
            return alert_store.unread_count(session, reader)

        return pb.MarkAlertsReadResponse(unread_count=await self.uow.run(work))

    async def GetAlertSummary(
        self, request: pb.GetAlertSummaryRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetAlertSummaryResponse:
        reader = _reader()

        def work(session: Session) -> tuple[int, alert_store.FiringCounts]:
            return alert_store.unread_count(session, reader), alert_store.firing_counts(session)

        unread, firing = await self.uow.run(work)
        return pb.GetAlertSummaryResponse(
            unread_count=unread,
            firing_critical=firing.by_severity.get(alerts.Severity.CRITICAL, 0),
            firing_warning=firing.by_severity.get(alerts.Severity.WARNING, 0),
            firing_info=firing.by_severity.get(alerts.Severity.INFO, 0),
            unacknowledged=firing.unacknowledged,
        )

    # Silences.

    @staticmethod
    def _silence(session: Session, silence_id: str) -> SilenceRow:
        row = alert_store.silence_row(session, silence_id)
        if row is None:
            raise NotFound(f"no silence {silence_id}")
        return row

    async def CreateSilence(
        self, request: pb.CreateSilenceRequest, context: grpc.aio.ServicerContext
    ) -> pb.CreateSilenceResponse:
        now = utcnow()
        spec = alerts.SilenceSpec(**_silence_changes(request.silence, SILENCE_FIELDS, now))
        alerts.validate_silence(spec, now)
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "CreateSilence")

        def work(session: Session) -> pb.Silence:
            _known_rules(session, spec)
            silence = _silence_message(alert_store.add_silence(session, spec, actor), now)
            record_write(
                session, facts, "silence", silence.silence_id, "created a silence", after=silence
            )
            return silence

        return pb.CreateSilenceResponse(silence=await self.uow.run(work))

    async def GetSilence(
        self, request: pb.GetSilenceRequest, context: grpc.aio.ServicerContext
    ) -> pb.GetSilenceResponse:
        required_id(request.silence_id, "silence_id")
        row = await self.uow.run(lambda s: self._silence(s, request.silence_id))
        return pb.GetSilenceResponse(silence=_silence_message(row, utcnow()))

    async def ListSilences(
        self, request: pb.ListSilencesRequest, context: grpc.aio.ServicerContext
    ) -> pb.ListSilencesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        now = utcnow()

        def work(session: Session) -> tuple[list[pb.Silence], int]:
            rows, total = alert_store.list_silences(
                session, request.current_only, now, offset, limit
            )
            return [_silence_message(row, now) for row in rows], total

        silences, total = await self.uow.run(work)
        return pb.ListSilencesResponse(
            silences=silences, next_page_token=next_token(offset, limit, total), total_size=total
        )

    async def UpdateSilence(
        self, request: pb.UpdateSilenceRequest, context: grpc.aio.ServicerContext
    ) -> pb.UpdateSilenceResponse:
        required_id(request.silence_id, "silence_id")
        paths = mask_paths(request.update_mask, SILENCE_FIELDS)
        now = utcnow()
        changes = _silence_changes(request.silence, paths, now)
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "UpdateSilence")

        def work(session: Session) -> pb.Silence:
            row = self._silence(session, request.silence_id)
            before = _silence_message(row, now)
            spec = dataclasses.replace(alert_store.silence_of(row).spec, **changes)
            alerts.validate_silence(spec, now)
            _known_rules(session, spec)
            alert_store.set_silence(row, spec, actor)
            after = _silence_message(row, now)
            record_write(
                session,
                facts,
                "silence",
                row.silence_id,
                "changed a silence",
                before=before,
                after=after,
            )
            return after

        return pb.UpdateSilenceResponse(silence=await self.uow.run(work))

    async def DeleteSilence(
        self, request: pb.DeleteSilenceRequest, context: grpc.aio.ServicerContext
    ) -> pb.DeleteSilenceResponse:
        required_id(request.silence_id, "silence_id")
        actor = actor_name()
        facts = request_facts(context, _SERVICE, "DeleteSilence")

        def work(session: Session) -> None:
            row = self._silence(session, request.silence_id)
            record_write(
                session,
                facts,
                "silence",
                row.silence_id,
                "ended a silence",
                before=_silence_message(row, utcnow()),
            )
            alert_store.delete_silence(session, row, actor, utcnow())

        await self.uow.run(work)
        return pb.DeleteSilenceResponse()
