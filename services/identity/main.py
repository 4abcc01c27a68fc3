"""The identity service: staff sessions, channels and their credentials, signing keys."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Mapping, Sequence
from datetime import timedelta

import grpc
from envoy.service.auth.v3 import external_auth_pb2, external_auth_pb2_grpc
from sqlalchemy.orm import Session

from services.identity import accounts, domain, store, usage
from services.identity import keys as keys_module
from services.identity.downloads import IdentityDownloadServicer
from services.identity.edge_auth import EdgeAuthServicer, RevisionFeed
from services.identity.ext_authz import (
    AuthorizationServicer,
    SignatureSecrets,
    SignatureVerifier,
    check_route,
)
from services.identity.models import Base
from services.identity.oauth2 import ChannelTokens, token_route
from services.identity.permissions import declared_permissions
from services.identity.servicer import (
    ChannelServicer,
    ChannelTokenServicer,
    KeyRing,
    SessionServicer,
)
from services.identity.settings_servicer import SystemConfigServicer
from services.identity.staff_servicer import AuditServicer, RoleServicer, UserServicer
from services.runtime.clock import utcnow
from services.runtime.config import ConfigError, ServiceSettings
from services.runtime.crypto import SecretBox
from services.runtime.server import Registration, Runtime, ServiceModule
from wailian.identity.v1 import (
    audit_pb2,
    audit_pb2_grpc,
    downloads_pb2,
    downloads_pb2_grpc,
    edge_auth_pb2,
    edge_auth_pb2_grpc,
    identity_pb2,
    roles_pb2,
    roles_pb2_grpc,
    system_config_pb2,
    system_config_pb2_grpc,
    users_pb2,
    users_pb2_grpc,
)
from wailian.identity.v1 import identity_pb2_grpc as pb_grpc

log = logging.getLogger("wailian.identity")

SETTINGS_RELOAD_SECONDS = 5.0
KEY_CHECK_SECONDS = 60.0
# The most body the edge buffers for a signature check (its MAX_SIGNED_BODY_BYTES).
MAX_SIGNED_BODY_BYTES = 1024 * 1024


def signing_key_rotation(env: Mapping[str, str]) -> timedelta:
    """WAILIAN_SIGNING_KEY_ROTATION_DAYS (default 30): how long one key signs tokens."""
    raw = env.get("WAILIAN_SIGNING_KEY_ROTATION_DAYS", "").strip() or "30"
    try:
        days = int(raw)
    except ValueError:
        raise ConfigError(
            f"WAILIAN_SIGNING_KEY_ROTATION_DAYS must be a whole number, got {raw!r}"
        ) from None
    if not 1 <= days <= 365:
        raise ConfigError(f"WAILIAN_SIGNING_KEY_ROTATION_DAYS must be 1 to 365, got {days}")
    return timedelta(days=days)


def usage_flush_seconds(env: Mapping[str, str]) -> float:
    """WAILIAN_IDENTITY_USAGE_FLUSH_SECONDS (default 30): how often credentials' last use is
    written."""
    name = "WAILIAN_IDENTITY_USAGE_FLUSH_SECONDS"
    raw = env.get(name, "").strip() or str(usage.FLUSH_SECONDS)
    try:
        seconds = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds, got {raw!r}") from None
    if not 0.05 <= seconds <= 3600:
        raise ConfigError(f"{name} must be 0.05 to 3600 seconds, got {raw}")
    return seconds


DEMO_ADMIN_PASSWORD = "Wailian@2026"  # noqa: S105 - the demo login, refused in production


def admin_password(settings: ServiceSettings) -> str:
    """The first administrator's password: configured, or the demo one outside production."""
    if settings.admin_password:
        return settings.admin_password
    if settings.production:
        raise ConfigError("WAILIAN_ADMIN_PASSWORD is required for the first start in production")
    return DEMO_ADMIN_PASSWORD


_POLICY_VARIABLES = {
    "password_max_age_days": ("WAILIAN_PASSWORD_MAX_AGE_DAYS", 1, 3650),
    "max_failed_logins": ("WAILIAN_LOGIN_MAX_FAILURES", 1, 100),
    "lockout_minutes": ("WAILIAN_LOGIN_LOCKOUT_MINUTES", 1, 24 * 60),
    "session_idle_minutes": ("WAILIAN_SESSION_IDLE_MINUTES", 1, 24 * 60),
    "access_token_seconds": ("WAILIAN_ACCESS_TOKEN_SECONDS", 60, 3600),
}


def security_policy(env: Mapping[str, str]) -> domain.SecurityPolicy:
    """The login and password rules: 等保 defaults, each overridable by a variable."""
    values: dict[str, int] = {}
    for name, (variable, low, high) in _POLICY_VARIABLES.items():
        raw = env.get(variable, "").strip()
        if not raw:
            continue
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(f"{variable} must be a whole number, got {raw!r}") from None
        if not low <= value <= high:
            raise ConfigError(f"{variable} must be between {low} and {high}, got {value}")
        values[name] = value
    return domain.SecurityPolicy(**values)


def bootstrap(
    session: Session, settings: ServiceSettings, box: SecretBox
) -> list[store.SigningKey]:
    """Every start: the built-in roles follow the contracts. First start: a signing key and the
    first administrator (who must change the password at first login in production)."""
    keys = store.active_signing_keys(session, box)
    if not keys:
        keys = [store.add_signing_key(session, box)]
        store.bump_edge_revision(session, "signing key added", utcnow())
    if store.certificate_authority(session, box) is None:
        # The edge trusts it for channels' client certificates (mutual TLS).
        store.add_certificate_authority(session, box, "Wailian")
        store.bump_edge_revision(session, "channel certificate authority created", utcnow())
    store.sync_built_in_roles(session, domain.built_in_roles(declared_permissions()))
    if store.user_count(session) == 0:
        store.add_user(
            session,
            "admin",
            domain.UserSpec(display_name="系统管理员", roles=["system_admin"], kind=1),
            admin_password(settings),
            "system",
            # The demo login printed by `wailian up` must work as printed; production forces a
            # change of the configured first password.
            must_change_password=settings.production,
        )
        log.info("created the first administrator", extra={"user": "admin"})
    return keys


def verify_audit_chain(settings: ServiceSettings) -> store.ChainReport:
    """Recompute the audit chain straight from the database (`wailian audit verify`)."""
    from services.runtime.db import UnitOfWork, make_engine

    engine = make_engine(settings.database_url)
    try:
        return UnitOfWork(engine).run_sync(store.verify_audit_chain)
    finally:
        engine.dispose()


def register(server: grpc.aio.Server, runtime: Runtime) -> Registration:
    box = SecretBox(runtime.settings.master_key)
    policies = accounts.Policies(security_policy(os.environ))
    keys = KeyRing(runtime.uow.run_sync(lambda s: bootstrap(s, runtime.settings, box)))
    runtime.uow.run_sync(policies.load)
    pb_grpc.add_SessionServiceServicer_to_server(
        SessionServicer(runtime.uow, keys, box, policies, runtime.cache), server
    )
    users_pb2_grpc.add_UserServiceServicer_to_server(
        UserServicer(runtime.uow, policies, runtime.cache), server
    )
    system_config_pb2_grpc.add_SystemConfigServiceServicer_to_server(
        SystemConfigServicer(runtime.uow, policies), server
    )
    roles_pb2_grpc.add_RoleServiceServicer_to_server(RoleServicer(runtime.uow), server)
    audit_pb2_grpc.add_AuditServiceServicer_to_server(AuditServicer(runtime.uow), server)
    pb_grpc.add_ChannelServiceServicer_to_server(ChannelServicer(runtime.uow, box), server)
    used = usage.CredentialUsage(runtime.uow, usage_flush_seconds(os.environ))
    tokens = ChannelTokens(runtime.uow, box, keys, used)
    pb_grpc.add_ChannelTokenServiceServicer_to_server(ChannelTokenServicer(tokens), server)
    downloads_pb2_grpc.add_DownloadServiceServicer_to_server(
        IdentityDownloadServicer(runtime.uow, runtime.settings.timezone), server
    )
    feed = RevisionFeed(runtime.uow)
    edge_auth_pb2_grpc.add_EdgeAuthServiceServicer_to_server(
        EdgeAuthServicer(runtime.uow, keys, feed), server
    )
    # Envoy's own contract: no policy option, so the platform interceptor lets it through
    # unauthenticated. The gRPC port is internal; the edge calls it, never routes to it.
    verifier = SignatureVerifier(SignatureSecrets(runtime.uow, box, feed), runtime.cache, used)
    external_auth_pb2_grpc.add_AuthorizationServicer_to_server(
        AuthorizationServicer(verifier), server
    )

    async def own_keys() -> Sequence[Mapping[str, str]]:
        return keys.jwks()

    rotation = signing_key_rotation(os.environ)

    async def rotate_keys() -> None:
        """Rotate the signing keys on schedule and pick up other replicas' new keys."""
        while True:
            await asyncio.sleep(KEY_CHECK_SECONDS)
            try:

                def work(session: Session) -> list[store.SigningKey]:
                    for change in keys_module.rotate(session, box, utcnow(), rotation):
                        log.info(change)
                    return store.active_signing_keys(session, box)

                keys.keys = await runtime.uow.run(work)
            except Exception:
                log.exception("could not rotate or reload the signing keys; keeping the last ones")

    async def follow_settings() -> None:
        """Other replicas' setting changes reach this one within a few seconds."""
        while True:
            await asyncio.sleep(SETTINGS_RELOAD_SECONDS)
            try:
                await runtime.uow.run(policies.load)
            except Exception:
                log.exception("could not reload the settings; keeping the last ones")

    services = identity_pb2.DESCRIPTOR.services_by_name
    return Registration(
        services=[
            services["SessionService"],
            services["ChannelService"],
            services["ChannelTokenService"],
            users_pb2.DESCRIPTOR.services_by_name["UserService"],
            roles_pb2.DESCRIPTOR.services_by_name["RoleService"],
            audit_pb2.DESCRIPTOR.services_by_name["AuditService"],
            system_config_pb2.DESCRIPTOR.services_by_name["SystemConfigService"],
            edge_auth_pb2.DESCRIPTOR.services_by_name["EdgeAuthService"],
            downloads_pb2.DESCRIPTOR.services_by_name["DownloadService"],
            external_auth_pb2.DESCRIPTOR.services_by_name["Authorization"],
        ],
        keys_source=own_keys,
        background=[follow_settings, feed.follow, rotate_keys, used.follow],
        on_stop=[used.write_last],
        # The edge's token endpoint, and its questions about signed requests (ext_authz's
        # HTTP service), on the HTTP port.
        http_routes=(token_route(tokens), check_route(verifier, MAX_SIGNED_BODY_BYTES)),
    )


SERVICE = ServiceModule("identity", Base.metadata, register)
