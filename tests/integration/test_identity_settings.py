"""System configuration (module 14): typed settings, history, all-or-none, policy in force."""

from __future__ import annotations

import grpc
import pytest
from google.protobuf import struct_pb2

from tests.integration.identity_support import (
    GOOD_PASSWORD,
    admin,
    identity_fixture,  # noqa: F401 - the fixture
    login,
    refused,
    signed_up,
    violations,
)
from wailian.identity.v1 import system_config_pb2 as sp
from wailian.identity.v1 import system_config_pb2_grpc as sp_grpc


def _settings(platform) -> sp_grpc.SystemConfigServiceStub:
    return sp_grpc.SystemConfigServiceStub(platform.channel("identity"))


def _number(value: float) -> struct_pb2.Value:
    return struct_pb2.Value(number_value=value)


def _text(value: str) -> struct_pb2.Value:
    return struct_pb2.Value(string_value=value)


def test_settings_are_typed_checked_and_their_changes_kept(identity) -> None:
    stub = _settings(identity)
    listed = stub.ListSettings(sp.ListSettingsRequest(group="security"), metadata=admin(identity))
    keys = [s.key for s in listed.settings]
    assert "security.login.max_failures" in keys
    idle = stub.GetSetting(
        sp.GetSettingRequest(key="session.idle_minutes"), metadata=admin(identity)
    ).setting
    assert (idle.value.number_value, idle.unit, idle.value_set) == (30, "minutes", False)
    assert idle.constraints.min == 5

    bad = refused(
        stub.UpdateSetting,
        sp.UpdateSettingRequest(key="session.idle_minutes", value=_number(2.5)),
        metadata=admin(identity),
    )
    assert bad.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert set(violations(bad)) == {"value"}
    unknown = refused(
        stub.GetSetting, sp.GetSettingRequest(key="no.such"), metadata=admin(identity)
    )
    assert unknown.code() == grpc.StatusCode.NOT_FOUND

    updated = stub.UpdateSetting(
        sp.UpdateSettingRequest(
            key="session.idle_minutes", value=_number(20), comment="night shift policy"
        ),
        metadata=admin(identity),
    ).setting
    assert updated.value.number_value == 20 and updated.value_set and updated.revision > 0
    again = stub.UpdateSetting(
        sp.UpdateSettingRequest(
            key="session.idle_minutes", value=_number(25), expected_revision=updated.revision
        ),
        metadata=admin(identity),
    ).setting
    # Someone else's change came in between: a write based on the older read is refused.
    stale = refused(
        stub.UpdateSetting,
        sp.UpdateSettingRequest(
            key="session.idle_minutes", value=_number(40), expected_revision=updated.revision
        ),
        metadata=admin(identity),
    )
    assert stale.code() == grpc.StatusCode.ABORTED
    reset = stub.ResetSetting(
        sp.ResetSettingRequest(key="session.idle_minutes"), metadata=admin(identity)
    ).setting
    assert (reset.value.number_value, reset.value_set) == (30, False)
    assert reset.revision > again.revision

    history = stub.ListSettingChanges(
        sp.ListSettingChangesRequest(key="session.idle_minutes"), metadata=admin(identity)
    )
    assert [(c.old_value.number_value, c.new_value.number_value) for c in history.changes] == [
        (25, 0),  # reset: back to the default (no stored value)
        (20, 25),
        (30, 20),
    ]
    assert history.changes[2].comment == "night shift policy"
    assert history.changes[2].changed_by == "admin"


def test_a_batch_is_saved_all_or_none(identity) -> None:
    stub = _settings(identity)
    bad = refused(
        stub.BatchUpdateSettings,
        sp.BatchUpdateSettingsRequest(
            updates=[
                sp.SettingUpdate(key="branding.hospital_name", value=_text("第一人民医院")),
                sp.SettingUpdate(key="branding.default_locale", value=_text("fr")),
            ]
        ),
        metadata=admin(identity),
    )
    assert set(violations(bad)) == {"updates[1].value"}
    assert _settings(identity).GetBranding(sp.GetBrandingRequest()).hospital_name == ""
    saved = stub.BatchUpdateSettings(
        sp.BatchUpdateSettingsRequest(
            updates=[
                sp.SettingUpdate(key="branding.hospital_name", value=_text("第一人民医院")),
                sp.SettingUpdate(key="branding.default_locale", value=_text("en")),
            ]
        ),
        metadata=admin(identity),
    )
    assert len(saved.settings) == 2
    # The login page reads the branding before anyone signs in.
    branding = _settings(identity).GetBranding(sp.GetBrandingRequest())
    assert (branding.hospital_name, branding.default_locale) == ("第一人民医院", "en")
    assert branding.login_notice


def test_the_lockout_setting_takes_effect_without_a_restart(identity) -> None:
    signed_up(identity, "jin.hua", ["read_only"])
    _settings(identity).UpdateSetting(
        sp.UpdateSettingRequest(key="security.login.max_failures", value=_number(2)),
        metadata=admin(identity),
    )
    for _ in range(2):
        refused(login, identity, "jin.hua", "Wrong-pass-1")
    locked = refused(login, identity, "jin.hua", GOOD_PASSWORD)
    assert "locked" in (locked.details() or "")


def test_services_watch_settings_and_see_a_change_without_a_restart(identity) -> None:
    stub = _settings(identity)
    stream = stub.WatchSettings(sp.WatchSettingsRequest(key_prefixes=["session."]))
    first = next(stream)
    keys = {setting.key for setting in first.settings}
    assert "session.idle_minutes" in keys and all(key.startswith("session.") for key in keys)
    stub.UpdateSetting(
        sp.UpdateSettingRequest(key="session.idle_minutes", value=_number(45), comment="夜班"),
        metadata=admin(identity),
    )
    change = next(stream)
    assert [(s.key, s.value.number_value) for s in change.settings] == [
        ("session.idle_minutes", 45)
    ]
    assert change.revision > first.revision
    stream.cancel()
    # Internal: not through the edge.
    refused_stream = stub.WatchSettings(
        sp.WatchSettingsRequest(), metadata=(("x-forwarded-for", "203.0.113.9"),)
    )
    with pytest.raises(grpc.RpcError) as refused:
        next(refused_stream)
    assert refused.value.code() == grpc.StatusCode.PERMISSION_DENIED
