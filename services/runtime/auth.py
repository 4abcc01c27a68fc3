"""The caller's identity: staff access tokens verified locally against identity's JWKS."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

from cryptography.hazmat.primitives.asymmetric import ec

from services.runtime import jwt
from services.runtime.context import Caller
from services.runtime.errors import Unauthenticated

ISSUER = "wailian-identity"
CONSOLE_AUDIENCE = "wailian-console"
CHANNEL_AUDIENCE = "wailian-channel"

KeysSource = Callable[[], Awaitable[Sequence[Mapping[str, str]]]]


class TokenVerifier:
    """Verifies console access tokens with cached public keys; refreshes on an unknown key id."""

    def __init__(self, source: KeysSource, refresh_after: float = 300.0) -> None:
        self._source = source
        self._refresh_after = refresh_after
        self._keys: dict[str, ec.EllipticCurvePublicKey] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def _load(self, force: bool) -> None:
        async with self._lock:
            fresh = time.monotonic() - self._fetched_at < (5.0 if force else self._refresh_after)
            if self._keys and fresh:
                return
            jwks = await self._source()
            self._keys = {key["kid"]: jwt.jwk_public_key(key) for key in jwks}
            self._fetched_at = time.monotonic()

    async def verify(self, token: str) -> Caller:
        try:
            kid = jwt.unverified_kid(token)
            await self._load(force=False)
            if kid not in self._keys:
                await self._load(force=True)
            claims = jwt.verify(token, self._keys, audience=CONSOLE_AUDIENCE, issuer=ISSUER)
        except jwt.TokenError as error:
            raise Unauthenticated(f"invalid access token: {error}") from error
        except Exception as error:
            raise Unauthenticated("cannot verify the access token right now") from error
        permissions = claims.get("perms", [])
        return Caller(
            subject=str(claims.get("sub", "")),
            username=str(claims.get("name", "")),
            permissions=frozenset(p for p in permissions if isinstance(p, str)),
            session_id=str(claims.get("sid", "")),
            kind=int(claims.get("kind", 0)) if isinstance(claims.get("kind"), int) else 0,
        )


def revoked_session_key(session_id: str) -> str:
    """The cache key identity sets when a session ends, so access tokens stop at every service."""
    return f"wailian:revoked-session:{session_id}"


def bearer_token(metadata: Mapping[str, str]) -> str | None:
    value = metadata.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()
