"""Alert rules without I/O: rollup tallies in, breaches, week-over-week figures and plans out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from services.monitor import alerts, domain
from services.monitor.main import load_monitor_settings
from services.runtime.config import ConfigError
from services.runtime.errors import InvalidArgument

NOW = datetime(2026, 11, 29, 10, 7, 30, tzinfo=UTC)


def cell(
    api: str,
    outcome: domain.Outcome,
    calls: int,
    *,
    channel: str = "",
    channel_code: str = "",
    duration_ms: int = 10,
) -> domain.RollupCell:
    tally = domain.Tally()
    for _ in range(calls):
        tally.add_call(duration_ms, 0, 0)
    return domain.RollupCell(None, api, channel, channel_code, outcome, tally)


def rule(kind: alerts.RuleKind, threshold: float, **fields: object) -> alerts.RuleSpec:
    values: dict[str, object] = {"window": timedelta(minutes=5), "min_calls": 10, **fields}
    return alerts.RuleSpec(
        name="test", kind=kind, severity=alerts.Severity.WARNING, threshold=threshold, **values
    )  # type: ignore[arg-type]


def by_service(found: list[alerts.Evaluation]) -> dict[str, alerts.Evaluation]:
    return {e.label_map[alerts.API_SERVICE_LABEL]: e for e in found}


ERROR_RATE = alerts.RuleKind.ERROR_RATE
SUCCESS, CLIENT, SERVER = domain.Outcome


def test_an_error_rate_above_the_threshold_breaches_per_service() -> None:
    found = by_service(
        alerts.evaluate(
            rule(ERROR_RATE, 5),
            [
                cell("booking.create", SUCCESS, 77),
                cell("booking.create", SERVER, 23),
                cell("doctor.get", SUCCESS, 96),
                cell("doctor.get", CLIENT, 4),
                cell("report.get", SERVER, 5),  # fewer calls than min_calls
                cell("", CLIENT, 50),  # matched no service: nobody's subject
            ],
        )
    )
    assert set(found) == {"booking.create", "doctor.get", "report.get"}
    assert found["booking.create"].value == pytest.approx(23.0)
    assert found["booking.create"].breached
    # 4% failed (client errors count: the platform's one definition of failure) is under 5%.
    assert found["doctor.get"].value == pytest.approx(4.0)
    assert not found["doctor.get"].breached
    assert found["report.get"].value == pytest.approx(100.0)
    assert not found["report.get"].breached


def test_exactly_the_threshold_does_not_breach_a_rate_rule() -> None:
    [only] = alerts.evaluate(rule(ERROR_RATE, 5), [cell("a", SUCCESS, 95), cell("a", SERVER, 5)])
    assert only.value == pytest.approx(5.0) and not only.breached


def test_a_latency_percentile_breaches_above_the_threshold_in_ms() -> None:
    spec = rule(alerts.RuleKind.LATENCY_PERCENTILE, 2000, percentile=95)
    slow = [cell("slow", SUCCESS, 80, duration_ms=100), cell("slow", SUCCESS, 20, duration_ms=4000)]
    fast = [cell("fast", SUCCESS, 100, duration_ms=40)]
    found = by_service(alerts.evaluate(spec, slow + fast))
    assert 2500 < found["slow"].value <= 5000 and found["slow"].breached
    assert found["fast"].value <= 50 and not found["fast"].breached


def test_a_channel_scoped_rule_watches_each_channel() -> None:
    spec = rule(ERROR_RATE, 10, channel_ids=("id-kiosk", "id-wechat"))
    assert alerts.dimensions(spec) == ("channel_id",)
    found = alerts.evaluate(
        spec,
        [
            cell("", SERVER, 30, channel="id-kiosk", channel_code="kiosk"),
            cell("", SUCCESS, 30, channel="id-wechat", channel_code="wechat"),
        ],
    )
    assert [(e.labels, e.breached) for e in found] == [
        ((("channel", "id-kiosk"),), True),
        ((("channel", "id-wechat"),), False),
    ]
    assert alerts.subject_name(found[0]) == "channel kiosk"
    both = rule(ERROR_RATE, 10, api_codes=("a",), channel_ids=("id-kiosk",))
    assert alerts.dimensions(both) == ("api_code", "channel_id")


def test_a_drop_is_measured_against_the_same_window_one_week_earlier() -> None:
    spec = rule(alerts.RuleKind.TRAFFIC_DROP, 80, window=timedelta(minutes=15), min_calls=50)
    windows = alerts.windows(spec, NOW)
    # Whole minutes only: the minute still filling would look like a drop.
    assert windows.current == domain.Window(
        datetime(2026, 11, 29, 9, 52, tzinfo=UTC), datetime(2026, 11, 29, 10, 7, tzinfo=UTC)
    )
    assert windows.baseline == domain.Window(
        windows.current.start - timedelta(days=7), windows.current.end - timedelta(days=7)
    )
    last_week = [
        cell("quiet", SUCCESS, 100),
        cell("gone", SUCCESS, 60),
        cell("steady", SUCCESS, 100),
        cell("rare", SUCCESS, 10),
    ]
    now = [cell("quiet", SUCCESS, 15), cell("steady", SUCCESS, 90), cell("new", SUCCESS, 40)]
    found = by_service(alerts.evaluate(spec, now, last_week))
    assert set(found) == {"quiet", "gone", "steady", "rare"}  # "new" has nothing to compare
    assert found["quiet"].value == pytest.approx(85.0) and found["quiet"].breached
    assert (found["quiet"].calls, found["quiet"].baseline_calls) == (15, 100)
    assert found["gone"].value == pytest.approx(100.0) and found["gone"].breached
    assert found["steady"].value == pytest.approx(10.0) and not found["steady"].breached
    # Ten calls last week are too few to call a 100% drop an outage.
    assert found["rare"].value == pytest.approx(100.0) and not found["rare"].breached


def test_no_traffic_is_a_drop_of_one_hundred_percent() -> None:
    spec = rule(alerts.RuleKind.TRAFFIC_DROP, 100, window=timedelta(minutes=15), min_calls=20)
    found = by_service(
        alerts.evaluate(spec, [cell("alive", SUCCESS, 1)], [cell("alive", SUCCESS, 30)])
    )
    assert not found["alive"].breached  # one call is not none
    found = by_service(alerts.evaluate(spec, [], [cell("dead", SUCCESS, 30)]))
    assert found["dead"].breached
    assert alerts.summary_line(spec, found["dead"]) == (
        "dead has no traffic over 15 min (30 calls the same time last week)"
    )


def test_a_spike_is_the_percent_above_last_week() -> None:
    spec = rule(alerts.RuleKind.TRAFFIC_SPIKE, 200, window=timedelta(minutes=15), min_calls=10)
    found = by_service(
        alerts.evaluate(
            spec,
            [cell("busy", SUCCESS, 400), cell("normal", SUCCESS, 30)],
            [cell("busy", SUCCESS, 100), cell("normal", SUCCESS, 20)],
        )
    )
    assert found["busy"].value == pytest.approx(300.0) and found["busy"].breached
    assert found["normal"].value == pytest.approx(50.0) and not found["normal"].breached


def test_rate_rules_include_the_minute_still_filling() -> None:
    windows = alerts.windows(rule(ERROR_RATE, 5), NOW)
    assert windows.current == domain.Window(
        datetime(2026, 11, 29, 10, 3, tzinfo=UTC), datetime(2026, 11, 29, 10, 8, tzinfo=UTC)
    )
    assert windows.baseline is None


def test_kinds_without_data_are_stored_but_not_evaluated() -> None:
    spec = rule(alerts.RuleKind.RECONCILIATION_DISCREPANCY, 1, window=timedelta(0))
    alerts.validate_rule(spec)
    assert spec.kind not in alerts.SUPPORTED_KINDS
    with pytest.raises(alerts.NotSupportedYet, match=r"reconciliation .* is not built yet"):
        alerts.evaluate(spec, [])


def test_an_edge_that_rejected_its_configuration_breaches_until_it_acknowledges() -> None:
    spec = rule(alerts.RuleKind.EDGE_CONFIG_REJECTED, 0, window=timedelta(0))
    alerts.validate_rule(spec)
    assert spec.kind in alerts.SUPPORTED_KINDS
    routes = "type.googleapis.com/envoy.config.route.v3.RouteConfiguration"
    rejected = alerts.EdgeConfigState(
        "edge-1", 41, (alerts.ConfigRejection(routes, 42, "invalid regex: missing ]"),)
    )
    fine = alerts.EdgeConfigState("edge-2", 42)
    bad, good = alerts.config_rejection_evaluations(spec, [fine, rejected])
    assert bad.label_map == {alerts.NODE_LABEL: "edge-1"} and bad.breached and bad.value == 1
    assert alerts.summary_line(spec, bad) == (
        "edge edge-1 rejected its configuration: "
        "RouteConfiguration version 42: invalid regex: missing ]"
    )
    assert good.label_map == {alerts.NODE_LABEL: "edge-2"} and not good.breached
    assert good.detail == "acknowledged version 42"


def breach(value: float, api: str = "a", breached: bool = True) -> alerts.Evaluation:
    return alerts.Evaluation(((alerts.API_SERVICE_LABEL, api),), value, breached, 100)


def test_an_alert_fires_stays_one_alert_and_resolves() -> None:
    subject = alerts.Rule("r1", rule(ERROR_RATE, 5))
    first = alerts.plan(subject, [breach(20), breach(1, "b", breached=False)], [], NOW)
    [(key, evaluation, state)] = first.open
    assert key == alerts.fingerprint("r1", [(alerts.API_SERVICE_LABEL, "a")])
    assert state is alerts.AlertState.FIRING and evaluation.value == 20
    firing = alerts.OpenAlert("alert-1", key, alerts.AlertState.FIRING, NOW)
    # While the condition lasts: the same alert, refreshed; nothing new.
    later = NOW + timedelta(seconds=30)
    again = alerts.plan(subject, [breach(30)], [firing], later)
    assert again.open == [] and again.resolve == []
    assert [(a.alert_id, e.value) for a, e in again.keep] == [("alert-1", 30)]
    # Cleared: resolved by itself.
    cleared = alerts.plan(subject, [breach(2, breached=False)], [firing], later)
    assert cleared.resolve == [firing] and cleared.keep == [] and cleared.open == []
    # Gone from the data altogether (no calls at all) resolves too.
    assert alerts.plan(subject, [], [firing], later).resolve == [firing]


def test_a_pending_duration_delays_firing_and_forgets_a_blip() -> None:
    subject = alerts.Rule("r1", rule(ERROR_RATE, 5, pending=timedelta(minutes=2)))
    [(key, _, state)] = alerts.plan(subject, [breach(20)], [], NOW).open
    assert state is alerts.AlertState.PENDING
    pending = alerts.OpenAlert("alert-1", key, alerts.AlertState.PENDING, NOW)
    soon = alerts.plan(subject, [breach(20)], [pending], NOW + timedelta(minutes=1))
    assert [a for a, _ in soon.keep] == [pending] and soon.promote == []
    due = alerts.plan(subject, [breach(20)], [pending], NOW + timedelta(minutes=2))
    assert [a for a, _ in due.promote] == [pending]
    blip = alerts.plan(subject, [], [pending], NOW + timedelta(minutes=1))
    assert blip.forget == [pending] and blip.resolve == []


def test_fingerprints_depend_on_rule_and_labels_not_their_order() -> None:
    labels = [("api_service", "a"), ("channel", "c")]
    assert alerts.fingerprint("r", labels) == alerts.fingerprint("r", list(reversed(labels)))
    assert alerts.fingerprint("r", labels) != alerts.fingerprint("other", labels)
    assert alerts.fingerprint("r", labels) != alerts.fingerprint("r", labels[:1])


def silence(start: datetime, end: datetime, **matchers: tuple[str, ...]) -> alerts.Silence:
    return alerts.Silence("s1", alerts.SilenceSpec("HIS upgrade", start, end, **matchers))


def test_a_silence_matches_every_non_empty_list_while_it_lasts() -> None:
    hour = timedelta(hours=1)
    labels = {alerts.API_SERVICE_LABEL: "booking.create"}
    everything = silence(NOW - hour, NOW + hour)
    assert alerts.matching_silence([everything], "r1", labels, NOW) == "s1"
    assert alerts.matching_silence([everything], "r1", labels, NOW + 2 * hour) == ""
    assert alerts.matching_silence([everything], "r1", labels, NOW - 2 * hour) == ""
    service = silence(NOW - hour, NOW + hour, api_codes=("booking.create",), rule_ids=("r1",))
    assert service.matches("r1", labels)
    assert not service.matches("r2", labels)
    assert not service.matches("r1", {alerts.API_SERVICE_LABEL: "doctor.get"})
    channel = silence(NOW - hour, NOW + hour, channel_ids=("id-kiosk",))
    assert not channel.matches("r1", labels)


def test_silence_validation_names_the_fields() -> None:
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_silence(
            alerts.SilenceSpec(" ", NOW, NOW - timedelta(hours=1), api_codes=("",)), NOW
        )
    assert {v.field for v in error.value.violations} == {
        "silence.comment",
        "silence.end_time",
        "silence.api_service_codes",
    }


def test_rule_validation_names_every_bad_field() -> None:
    bad = alerts.RuleSpec(
        name="",
        kind=alerts.RuleKind.LATENCY_PERCENTILE,
        severity=alerts.Severity.WARNING,
        threshold=-1,
        window=timedelta(seconds=90),
        percentile=90,
        upstreams=("his",),
        min_calls=-1,
        pending=timedelta(days=2),
    )
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_rule(bad)
    assert {v.field for v in error.value.violations} == {
        "alert_rule.name",
        "alert_rule.threshold",
        "alert_rule.window",
        "alert_rule.percentile",
        "alert_rule.upstreams",
        "alert_rule.min_calls",
        "alert_rule.pending_duration",
    }
    with pytest.raises(InvalidArgument) as error:
        alerts.validate_rule(rule(ERROR_RATE, 100))
    assert [v.field for v in error.value.violations] == ["alert_rule.threshold"]
    with pytest.raises(InvalidArgument):
        alerts.validate_rule(rule(alerts.RuleKind.TRAFFIC_DROP, 101))


def test_the_shipped_rules_are_valid_enabled_and_distinct() -> None:
    assert len({r.rule_id for r in alerts.DEFAULT_RULES}) == len(alerts.DEFAULT_RULES)
    for shipped in alerts.DEFAULT_RULES:
        alerts.validate_rule(shipped.spec)
        assert shipped.built_in and shipped.spec.enabled
        assert shipped.spec.kind in alerts.SUPPORTED_KINDS


def test_the_summary_line_reads_like_the_contract_example() -> None:
    found = alerts.evaluate(
        rule(ERROR_RATE, 5),
        [cell("his.appointments.book", SUCCESS, 77), cell("his.appointments.book", SERVER, 23)],
    )
    assert alerts.summary_line(rule(ERROR_RATE, 5), found[0]) == (
        "his.appointments.book error rate 23.0% over 5 min (threshold 5%)"
    )


def test_a_silenced_change_notifies_no_one() -> None:
    change = alerts.AlertChange("a", "r", True, alerts.Severity.CRITICAL, "x", False, ())
    assert alerts.should_notify(change)
    assert not alerts.should_notify(
        alerts.AlertChange("a", "r", True, alerts.Severity.CRITICAL, "x", True, ())
    )


def test_the_evaluation_interval_is_configurable_and_checked(tmp_path: Path) -> None:
    assert load_monitor_settings({}, tmp_path).alert_evaluation_interval == timedelta(seconds=30)
    quick = load_monitor_settings({"WAILIAN_MONITOR_ALERT_EVAL_SECONDS": "0.5"}, tmp_path)
    assert quick.alert_evaluation_interval == timedelta(seconds=0.5)
    for bad in ("often", "0"):
        with pytest.raises(ConfigError, match="WAILIAN_MONITOR_ALERT_EVAL_SECONDS"):
            load_monitor_settings({"WAILIAN_MONITOR_ALERT_EVAL_SECONDS": bad}, tmp_path)
