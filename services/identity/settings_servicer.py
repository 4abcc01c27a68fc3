"""gRPC servicer for system configuration (module 14): translation only."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterable, Mapping
from typing import Any

import grpc
from google.protobuf import json_format, struct_pb2
from sqlalchemy.orm import Session

from services.identity import accounts, domain, store
from services.identity.models import SettingChangeRow, SettingRow
from services.identity.servicer import request_facts
from services.identity.staff_servicer import _time_range
from services.runtime.audited import audit_info
from services.runtime.clock import to_timestamp, utcnow
from services.runtime.context import actor_name
from services.runtime.db import UnitOfWork
from services.runtime.errors import Aborted, FieldViolation, InvalidArgument, NotFound, Validator
from services.runtime.paging import next_token, page_window
from wailian.identity.v1 import system_config_pb2 as sp
from wailian.identity.v1 import system_config_pb2_grpc as sp_grpc


def _value(python: Any) -> struct_pb2.Value:
    return json_format.ParseDict(python, struct_pb2.Value())


def _python(value: struct_pb2.Value) -> object:
    return json.loads(json_format.MessageToJson(value))


def _setting_message(
    definition: domain.SettingDefinition, row: SettingRow | None, revision: int
) -> sp.Setting:
    constraints = sp.SettingConstraints(
        allowed_values=definition.allowed_values, max_length=definition.max_length
    )
    if definition.minimum is not None:
        constraints.min = definition.minimum
    if definition.maximum is not None:
        constraints.max = definition.maximum
    current = json.loads(row.value_json) if row is not None else definition.default
    message = sp.Setting(
        key=definition.key,
        group=definition.group,
        display_name=definition.display_name,
        description=definition.description,
        type=definition.type,  # type: ignore[arg-type]
        value=_value(current),
        default_value=_value(definition.default),
        constraints=constraints,
        value_set=row is not None,
        unit=definition.unit,
        revision=revision,
    )
    if row is not None:
        message.audit.CopyFrom(audit_info(row))
    return message


def _change_message(row: SettingChangeRow) -> sp.SettingChange:
    return sp.SettingChange(
        setting_change_id=row.setting_change_id,
        key=row.key,
        old_value=_value(json.loads(row.old_json)),
        new_value=_value(json.loads(row.new_json)),
        changed_by=row.changed_by,
        change_time=to_timestamp(row.changed_at),
        comment=row.comment,
        revision=row.revision,
    )


class SystemConfigServicer(sp_grpc.SystemConfigServiceServicer):
    def __init__(self, uow: UnitOfWork, policies: accounts.Policies) -> None:
        self.uow = uow
        self.policies = policies

    @property
    def definitions(self) -> dict[str, domain.SettingDefinition]:
        return domain.setting_definitions(self.policies.base)

    def _definition(self, key: str) -> domain.SettingDefinition:
        check = Validator()
        check.require(0 < len(key) <= 128, "key", "required")
        check.check()
        definition = self.definitions.get(key)
        if definition is None:
            raise NotFound(f"no setting {key}")
        return definition

    def _messages(self, session: Session, keys: list[str]) -> list[sp.Setting]:
        rows = store.setting_rows(session)
        revisions = store.setting_revisions(session)
        return [
            _setting_message(self.definitions[key], rows.get(key), revisions.get(key, 0))
            for key in keys
        ]

    async def ListSettings(
        self, request: sp.ListSettingsRequest, context: grpc.aio.ServicerContext
    ) -> sp.ListSettingsResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        keys = [
            key
            for key, definition in self.definitions.items()
            if not request.group or definition.group == request.group
        ]
        settings = await self.uow.run(lambda s: self._messages(s, keys[offset : offset + limit]))
        return sp.ListSettingsResponse(
            settings=settings,
            next_page_token=next_token(offset, limit, len(keys)),
            total_size=len(keys),
        )

    async def GetSetting(
        self, request: sp.GetSettingRequest, context: grpc.aio.ServicerContext
    ) -> sp.GetSettingResponse:
        definition = self._definition(request.key)
        (setting,) = await self.uow.run(lambda s: self._messages(s, [definition.key]))
        return sp.GetSettingResponse(setting=setting)

    async def _apply(
        self,
        context: grpc.aio.ServicerContext,
        method: str,
        updates: list[tuple[str, object | None, int]],
        comment: str,
    ) -> list[sp.Setting]:
        """Check every update, then store them all in one transaction (all or none)."""
        facts = request_facts(context, "SystemConfigService", method)
        actor = actor_name()

        def work(session: Session) -> list[sp.Setting]:
            rows = store.setting_rows(session)
            revisions = store.setting_revisions(session)
            now = utcnow()
            for key, value, expected in updates:
                definition = self.definitions[key]
                if expected and expected != revisions.get(key, 0):
                    raise Aborted(f"{key} changed since it was read: reload and try again")
                row = rows.get(key)
                old = json.loads(row.value_json) if row is not None else definition.default
                change = store.change_setting(session, key, old, value, actor, comment, now)
                accounts.record(
                    session,
                    facts,
                    "identity.setting.write",
                    "setting",
                    key,
                    f"setting {key}: {old!r} → {definition.default if value is None else value!r}",
                    before={"value": old},
                    after={"value": definition.default if value is None else value},
                    now=now,
                )
                revisions[key] = change.revision
            self.policies.load(session)
            return self._messages(session, [key for key, _, _ in updates])

        return await self.uow.run(work)

    def _checked(self, key: str, value: struct_pb2.Value, field_name: str) -> object:
        definition = self._definition(key)
        return domain.setting_value(definition, _python(value), field_name)

    async def UpdateSetting(
        self, request: sp.UpdateSettingRequest, context: grpc.aio.ServicerContext
    ) -> sp.UpdateSettingResponse:
        _check_comment(request.comment)
        value = self._checked(request.key, request.value, "value")
        (setting,) = await self._apply(
            context,
            "UpdateSetting",
            [(request.key, value, request.expected_revision)],
            request.comment,
        )
        return sp.UpdateSettingResponse(setting=setting)

    async def BatchUpdateSettings(
        self, request: sp.BatchUpdateSettingsRequest, context: grpc.aio.ServicerContext
    ) -> sp.BatchUpdateSettingsResponse:
        _check_comment(request.comment)
        check = Validator()
        check.require(len(request.updates) > 0, "updates", "at least one setting")
        keys = [update.key for update in request.updates]
        check.require(len(set(keys)) == len(keys), "updates", "each setting only once")
        updates: list[tuple[str, object | None, int]] = []
        for index, update in enumerate(request.updates):
            where = f"updates[{index}]"
            definition = self.definitions.get(update.key)
            if definition is None:
                check.require(False, f"{where}.key", "no such setting")
                continue
            try:
                value = domain.setting_value(definition, _python(update.value), f"{where}.value")
            except InvalidArgument as error:
                check.violations.extend(error.violations)
                continue
            updates.append((update.key, value, update.expected_revision))
        check.check()
        settings = await self._apply(context, "BatchUpdateSettings", updates, request.comment)
        return sp.BatchUpdateSettingsResponse(settings=settings)

    async def ResetSetting(
        self, request: sp.ResetSettingRequest, context: grpc.aio.ServicerContext
    ) -> sp.ResetSettingResponse:
        _check_comment(request.comment)
        definition = self._definition(request.key)
        (setting,) = await self._apply(
            context, "ResetSetting", [(definition.key, None, 0)], request.comment
        )
        return sp.ResetSettingResponse(setting=setting)

    async def ListSettingChanges(
        self, request: sp.ListSettingChangesRequest, context: grpc.aio.ServicerContext
    ) -> sp.ListSettingChangesResponse:
        offset, limit = page_window(request.page_size, request.page_token)
        if request.key:
            self._definition(request.key)
        start, end = _time_range(request.time_range, request.HasField("time_range"), "time_range")
        rows, total = await self.uow.run(
            lambda s: store.list_setting_changes(s, request.key, start, end, offset, limit)
        )
        return sp.ListSettingChangesResponse(
            changes=[_change_message(r) for r in rows],
            next_page_token=next_token(offset, limit, total),
            total_size=total,
        )

    async def WatchSettings(
        self, request: sp.WatchSettingsRequest, context: grpc.aio.ServicerContext
    ) -> AsyncIterator[sp.WatchSettingsResponse]:
        """The matching settings' values, then each change within about half a second.

        Changes are read from the database, so a change made through any identity replica
        reaches every watcher; the revision lets a watcher resume where it left off.
        """
        prefixes = tuple(request.key_prefixes)
        check = Validator()
        check.require(len(prefixes) <= 50, "key_prefixes", "at most 50")
        for index, prefix in enumerate(prefixes):
            check.require(len(prefix) <= 128, f"key_prefixes[{index}]", "at most 128 characters")
        check.require(request.after_revision >= 0, "after_revision", "zero or more")
        check.check()

        def matching(keys: Iterable[str]) -> list[str]:
            return [
                key
                for key in keys
                if key in self.definitions and (not prefixes or key.startswith(prefixes))
            ]

        last = request.after_revision
        if last == 0:
            keys = matching(self.definitions)
            settings, revisions = await self.uow.run(
                lambda s: (self._messages(s, keys), store.setting_revisions(s))
            )
            last = max(revisions.values(), default=0)
            yield sp.WatchSettingsResponse(settings=settings, revision=last)
        while True:
            await asyncio.sleep(WATCH_POLL_SECONDS)
            revisions = await self.uow.run(store.setting_revisions)
            current = max(revisions.values(), default=0)
            if current <= last:
                continue
            changed = matching(key for key, revision in revisions.items() if revision > last)
            if changed:

                def read(session: Session, keys: list[str] = changed) -> list[sp.Setting]:
                    return self._messages(session, keys)

                settings = await self.uow.run(read)
                yield sp.WatchSettingsResponse(settings=settings, revision=current)
            last = current

    async def GetBranding(
        self, request: sp.GetBrandingRequest, context: grpc.aio.ServicerContext
    ) -> sp.GetBrandingResponse:
        stored: Mapping[str, object] = await self.uow.run(store.setting_values)

        def text(key: str) -> str:
            return str(stored.get(key, self.definitions[key].default))

        return sp.GetBrandingResponse(
            hospital_name=text("branding.hospital_name"),
            console_title=text("branding.console_title"),
            default_locale=text("branding.default_locale"),
            login_notice=text("branding.login_notice"),
        )


WATCH_POLL_SECONDS = 0.5


def _check_comment(comment: str) -> None:
    if len(comment) > 256:
        raise InvalidArgument([FieldViolation("comment", "at most 256 characters")])
