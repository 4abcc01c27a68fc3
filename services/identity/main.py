"""The identity service: staff sessions, channels and their credentials, signing keys."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import grpc
from sqlalchemy.orm import Session

from services.identity import store
from services.identity.models import Base
from services.identity.servicer import (
    ChannelServicer,
    ChannelTokenServicer,
    KeyRing,
    SessionServicer,
)
from services.runtime.config import ConfigError, ServiceSettings
from services.runtime.crypto import SecretBox
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.identity.v1 import identity_pb2
from wailian.identity.v1 import identity_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.identity")

DEMO_ADMIN_PASSWORD = "Wailian@2026"  # noqa: S105 - the demo login, refused in production


def admin_password(settings: ServiceSettings) -> str:
    """The first administrator's password: configured, or the demo one outside production."""
    if settings.admin_password:
        return settings.admin_password
    if settings.production:
        raise ConfigError("WAILIAN_ADMIN_PASSWORD is required for the first start in production")
    return DEMO_ADMIN_PASSWORD


def bootstrap(
    session: Session, settings: ServiceSettings, box: SecretBox
) -> list[store.SigningKey]:
    """First start: a signing key and the first administrator; later starts load the keys."""
    keys = store.active_signing_keys(session, box)
    if not keys:
        keys = [store.add_signing_key(session, box)]
    if store.user_count(session) == 0:
        store.add_user(
            session, "admin", "系统管理员", admin_password(settings), ["system_admin"], "system"
        )
        log.info("created the first administrator", extra={"user": "admin"})
    return keys


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    box = SecretBox(runtime.settings.master_key)
    keys = KeyRing(runtime.uow.run_sync(lambda s: bootstrap(s, runtime.settings, box)))
    pb_grpc.add_SessionServiceServicer_to_server(SessionServicer(runtime.uow, keys), server)
    pb_grpc.add_ChannelServiceServicer_to_server(ChannelServicer(runtime.uow, box), server)
    pb_grpc.add_ChannelTokenServiceServicer_to_server(
        ChannelTokenServicer(runtime.uow, box, keys), server
    )

    async def own_keys() -> Sequence[Mapping[str, str]]:
        return keys.jwks()

    services = identity_pb2.DESCRIPTOR.services_by_name
    return Registration(
        services=[
            services["SessionService"],
            services["ChannelService"],
            services["ChannelTokenService"],
        ],
        keys_source=own_keys,
    )


SERVICE = ServiceModule("identity", Base.metadata, register)
