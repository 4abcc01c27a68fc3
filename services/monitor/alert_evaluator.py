"""Background alert evaluation: every enabled rule, every interval, safe with several replicas.

Each rule is read in one short transaction and written in another. The write first claims the
round (alert_store.claim_evaluation), so two replicas never both count an evaluation, and the
unique open key keeps one open alert per rule and subject whatever happens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from prometheus_client import Counter
from sqlalchemy.orm import Session

from services.monitor import alert_store, alerts, domain, store
from services.monitor.condition_probes import ConditionProbes, ConditionRound, ProbeFailed
from services.runtime.clock import utcnow
from services.runtime.db import UnitOfWork

log = logging.getLogger("wailian.monitor.alerts")

ALERT_CHANGES = Counter(
    "wailian_monitor_alert_changes_total", "Alerts fired and resolved", ["change", "severity"]
)
EVALUATION_FAILURES = Counter(
    "wailian_monitor_alert_evaluation_failures_total", "Rule evaluations that failed"
)


class Notifier(Protocol):
    """Where fired and resolved alerts go once the transaction that changed them committed."""

    async def alert_changed(self, change: alerts.AlertChange) -> None: ...


def evaluate_rule(session: Session, rule: alerts.Rule, now: datetime) -> list[alerts.Evaluation]:
    """A traffic rule's value per subject now, from the rollups; NotSupportedYet for others."""
    spec = rule.spec
    if spec.kind not in alerts.TRAFFIC_KINDS:
        raise alerts.NotSupportedYet(spec.kind)
    periods = alerts.windows(spec, now)
    group_by = alerts.dimensions(spec)

    def cells(window: domain.Window) -> list[domain.RollupCell]:
        query = domain.UsageQuery(window, api_codes=spec.api_codes, channel_ids=spec.channel_ids)
        return store.rollup_cells(session, query, group_by)

    baseline = cells(periods.baseline) if periods.baseline is not None else []
    return alerts.evaluate(spec, cells(periods.current), baseline)


async def current_evaluations(
    uow: UnitOfWork, conditions: ConditionRound | None, rule: alerts.Rule, now: datetime
) -> list[alerts.Evaluation]:
    """Any rule's value per subject now: traffic rules from the rollups (one short read),
    condition rules from the probes (outside any transaction).

    NotSupportedYet for kinds monitor cannot see; ProbeFailed when a source did not answer.
    """
    if rule.spec.kind in alerts.TRAFFIC_KINDS:
        return await uow.run(lambda s: evaluate_rule(s, rule, now))
    if conditions is None:
        raise alerts.NotSupportedYet(rule.spec.kind)
    return await conditions.evaluations(rule.spec, now)


def apply_evaluation(
    session: Session,
    rule: alerts.Rule,
    evaluations: Sequence[alerts.Evaluation],
    now: datetime,
    spacing: timedelta,
) -> list[alerts.AlertChange] | None:
    """Open, refresh, fire and resolve the rule's alerts; None when another replica had the round.

    Returns the changes that fired or resolved an alert, for the notifier.
    """
    if not alert_store.claim_evaluation(session, rule.rule_id, now, spacing):
        return None
    silences = alert_store.current_silences(session, now)
    plan = alerts.plan(rule, evaluations, alert_store.open_alerts(session, rule.rule_id), now)
    changes: list[alerts.AlertChange] = []

    def silence(evaluation: alerts.Evaluation) -> str:
        return alerts.matching_silence(silences, rule.rule_id, evaluation.label_map, now)

    def change(
        alert_id: str, evaluation: alerts.Evaluation | None, fired: bool, silenced: str
    ) -> None:
        summary = alerts.summary_line(rule.spec, evaluation) if evaluation else rule.spec.name
        changes.append(
            alerts.AlertChange(
                alert_id=alert_id,
                rule_id=rule.rule_id,
                fired=fired,
                severity=rule.spec.severity,
                summary=summary,
                silenced=bool(silenced),
                notification_endpoint_ids=rule.spec.notification_endpoint_ids,
            )
        )

    for key, evaluation, state in plan.open:
        silence_id = silence(evaluation)
        new = alert_store.NewAlert(rule, key, evaluation, state, silence_id)
        alert_id = alert_store.insert_alert(session, new, now)
        if alert_id is not None and state is alerts.AlertState.FIRING:
            change(alert_id, evaluation, True, silence_id)
    for open_alert, evaluation in plan.promote:
        silence_id = silence(evaluation)
        if alert_store.refresh_alert(
            session, open_alert.alert_id, rule, evaluation, silence_id, now, fire=True
        ):
            change(open_alert.alert_id, evaluation, True, silence_id)
    for open_alert, evaluation in plan.keep:
        alert_store.refresh_alert(
            session, open_alert.alert_id, rule, evaluation, silence(evaluation), now, fire=False
        )
    for open_alert in plan.resolve:
        row = alert_store.alert_row(session, open_alert.alert_id)
        if alert_store.resolve_alert(session, open_alert.alert_id, now):
            change(open_alert.alert_id, None, False, row.silence_id if row else "")
    for open_alert in plan.forget:
        alert_store.forget_pending(session, open_alert.alert_id)
    return changes


async def notify(notifier: Notifier, changes: Sequence[alerts.AlertChange]) -> None:
    for change in changes:
        ALERT_CHANGES.labels("fired" if change.fired else "resolved", change.severity.value).inc()
        if not alerts.should_notify(change):
            continue
        try:
            await notifier.alert_changed(change)
        except Exception:
            log.exception("notifying an alert change failed", extra={"alert_id": change.alert_id})


class AlertEvaluator:
    """Evaluates every enabled rule now and every `interval`."""

    def __init__(
        self,
        uow: UnitOfWork,
        interval: timedelta,
        notifier: Notifier,
        conditions: ConditionProbes | None = None,
    ) -> None:
        self.uow = uow
        self.interval = interval
        self.notifier = notifier
        self.conditions = conditions
        self._unsupported_logged: set[str] = set()

    def supported(self, kind: alerts.RuleKind) -> bool:
        return kind in alerts.TRAFFIC_KINDS or (
            kind in alerts.CONDITION_KINDS and self.conditions is not None
        )

    async def evaluate_once(
        self, rule: alerts.Rule, conditions: ConditionRound | None = None
    ) -> list[alerts.AlertChange] | None:
        now = utcnow()
        if conditions is None and self.conditions is not None:
            conditions = self.conditions.round()
        evaluations = await current_evaluations(self.uow, conditions, rule, now)
        # Half an interval: a replica whose timer runs a little early still skips a round
        # another replica has just done.
        spacing = self.interval / 2
        changes = await self.uow.run(lambda s: apply_evaluation(s, rule, evaluations, now, spacing))
        if changes:
            await notify(self.notifier, changes)
        return changes

    async def evaluate_all(self) -> None:
        rules = await self.uow.run(alert_store.enabled_rules)
        # One look at each source per round, shared by the rules that need it.
        conditions = self.conditions.round() if self.conditions is not None else None
        try:
            await self._evaluate_rules(rules, conditions)
        finally:
            if conditions is not None:
                conditions.close()

    async def _evaluate_rules(
        self, rules: Sequence[alerts.Rule], conditions: ConditionRound | None
    ) -> None:
        for rule in rules:
            if not self.supported(rule.spec.kind):
                if rule.rule_id not in self._unsupported_logged:
                    self._unsupported_logged.add(rule.rule_id)
                    log.warning(
                        "alert rule not evaluated: its kind is not supported yet",
                        extra={"alert_rule_id": rule.rule_id, "kind": rule.spec.kind.value},
                    )
                continue
            try:
                await self.evaluate_once(rule, conditions)
            except ProbeFailed as error:
                # Its alerts stay as they are: nothing resolves on figures not seen.
                log.warning(
                    "alert rule not evaluated this round: %s",
                    error,
                    extra={"alert_rule_id": rule.rule_id},
                )
            except Exception:
                EVALUATION_FAILURES.inc()
                log.exception(
                    "evaluating an alert rule failed; will retry",
                    extra={"alert_rule_id": rule.rule_id},
                )

    async def run(self) -> None:
        while True:
            try:
                await self.evaluate_all()
            except Exception:
                log.exception("alert evaluation failed; will retry")
            await asyncio.sleep(self.interval.total_seconds())
