"""Envoy's external authorization for signature credentials (envoy.service.auth.v3).

Envoy asks identity about every request that carries a WAILIAN-HMAC-SHA256 signature. The
answer comes from memory: the signature secrets are loaded when the edge auth revision moves,
so the only round trip per request is the nonce check in the cache. Channel status, IP
allow-lists and grants are the edge's RBAC, applied after this authentication.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass

import grpc
from envoy.config.core.v3 import base_pb2
from envoy.service.auth.v3 import attribute_context_pb2
from envoy.service.auth.v3 import external_auth_pb2 as pb
from envoy.service.auth.v3 import external_auth_pb2_grpc as pb_grpc
from envoy.type.v3 import http_status_pb2
from google.rpc import code_pb2, status_pb2
from sqlalchemy.orm import Session

from services.identity import domain, signature, store
from services.identity.edge_auth import RevisionFeed
from services.identity.usage import CredentialUsage
from services.runtime.cache import Cache
from services.runtime.clock import as_utc
from services.runtime.context import request_id_var
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.http import Request, Response, Route
from wailian.identity.v1 import identity_pb2 as idp

log = logging.getLogger("wailian.identity.ext_authz")

MISSING_CREDENTIAL = "missing credential: send a Bearer token or a WAILIAN-HMAC-SHA256 signature"
UNKNOWN_CLIENT = "unknown client"
SIGNATURE_MISMATCH = "signature does not match"
STALE_TIMESTAMP = (
    f"timestamp outside the {signature.TIMESTAMP_WINDOW_SECONDS} s window: sign with the current "
    "time"
)
NONCE_REUSED = "nonce already used"
REVOKED_OR_EXPIRED = "credential revoked or expired"
CHANNEL_DELETED = "channel deleted"
PARTIAL_BODY = "request body too large to verify the signature"
CHECK_UNAVAILABLE = "the signature check is unavailable; retry shortly"


@dataclass(frozen=True)
class SigningSecret:
    """One signature credential as the verifier needs it; a client_id has one, or two while a
    rotation overlaps."""

    credential_id: str
    secret: str
    channel_id: str
    channel_code: str
    revoked: bool
    expire_at: float
    channel_deleted: bool


class SignatureSecrets:
    """client_id → its signing secrets, reloaded whenever the edge auth revision moves."""

    def __init__(self, uow: UnitOfWork, box: SecretBox, feed: RevisionFeed) -> None:
        self.uow = uow
        self.box = box
        self.feed = feed
        self._by_client: dict[str, tuple[SigningSecret, ...]] = {}
        self._revision = -1
        self._lock = asyncio.Lock()

    def _load(self, session: Session) -> tuple[int, dict[str, tuple[SigningSecret, ...]]]:
        revision, rows = store.signature_credentials(session, idp.CREDENTIAL_KIND_SIGNATURE)
        by_client: dict[str, list[SigningSecret]] = {}
        for credential, channel in rows:
            secret = self.box.open(
                credential.sealed_secret, domain.credential_seal_context(credential.credential_id)
            )
            by_client.setdefault(credential.client_id, []).append(
                SigningSecret(
                    credential_id=credential.credential_id,
                    secret=secret.decode(),
                    channel_id=channel.channel_id,
                    channel_code=channel.code,
                    revoked=credential.revoked,
                    expire_at=as_utc(credential.expire_at).timestamp(),
                    channel_deleted=channel.deleted,
                )
            )
        # Newest first: the current secret is the one most requests are signed with.
        return revision.revision, {
            client_id: tuple(reversed(secrets)) for client_id, secrets in by_client.items()
        }

    async def of(self, client_id: str) -> tuple[SigningSecret, ...]:
        latest = self.feed.latest or await self.feed.poll()
        if latest.revision > self._revision:
            async with self._lock:
                if latest.revision > self._revision:
                    self._revision, self._by_client = await self.uow.run(self._load)
                    log.info(
                        "signature secrets loaded",
                        extra={"revision": self._revision, "clients": len(self._by_client)},
                    )
        return self._by_client.get(client_id, ())


def _header(key: str, value: str) -> base_pb2.HeaderValueOption:
    return base_pb2.HeaderValueOption(
        header=base_pb2.HeaderValue(key=key, value=value),
        append_action=base_pb2.HeaderValueOption.OVERWRITE_IF_EXISTS_OR_ADD,
    )


def denied(problem: str) -> pb.CheckResponse:
    """401 with the scheme to use and the problem in plain text (Envoy wraps it in JSON)."""
    return pb.CheckResponse(
        status=status_pb2.Status(code=code_pb2.UNAUTHENTICATED, message=problem),
        denied_response=pb.DeniedHttpResponse(
            status=http_status_pb2.HttpStatus(code=http_status_pb2.Unauthorized),
            headers=[
                _header("www-authenticate", signature.SCHEME),
                _header("content-type", "text/plain; charset=utf-8"),
            ],
            body=problem,
        ),
    )


def allowed(secret: SigningSecret) -> pb.CheckResponse:
    """OK, naming the channel and credential for the edge's RBAC, logs and statistics; set
    here, they overwrite whatever the client sent under the same names."""
    return pb.CheckResponse(
        status=status_pb2.Status(code=code_pb2.OK),
        ok_response=pb.OkHttpResponse(
            headers=[
                _header("x-wailian-channel-id", secret.channel_id),
                _header("x-wailian-channel-code", secret.channel_code),
                _header("x-wailian-credential-id", secret.credential_id),
            ]
        ),
    )


def request_headers(http: attribute_context_pb2.AttributeContext.HttpRequest) -> dict[str, str]:
    """Lower-case header names to values, from `headers` or, when Envoy sends raw headers,
    from `header_map`."""
    headers: dict[str, str] = dict(http.headers)
    for entry in http.header_map.headers:
        headers.setdefault(entry.key.lower(), entry.value or entry.raw_value.decode("latin-1"))
    return {key.lower(): value for key, value in headers.items()}


def nonce_key(client_id: str, nonce: str) -> str:
    return f"wailian:signature-nonce:{client_id}:{nonce}"


@dataclass(frozen=True)
class SignedRequest:
    """What the check reads of one request, whichever protocol Envoy asked in."""

    method: str
    target: str  # path and query, as the channel sent them
    headers: Mapping[str, str]  # lower-case names
    body: bytes


class SignatureVerifier:
    """Verifies a request's signature; never logs the secret or the signature."""

    def __init__(self, secrets: SignatureSecrets, cache: Cache, used: CredentialUsage) -> None:
        self.secrets = secrets
        self.cache = cache
        self.used = used

    async def verify(self, request: SignedRequest) -> SigningSecret | str:
        """The credential that signed the request, or the problem to answer 401 with."""
        headers = request.headers
        if headers.get("x-request-id"):
            request_id_var.set(headers["x-request-id"])
        client_id = ""
        problem = ""
        try:
            authorization = headers.get("authorization", "").strip()
            if not authorization:
                problem = MISSING_CREDENTIAL
                return problem
            try:
                signed = signature.parse_authorization(authorization)
            except ValueError as error:
                problem = str(error)
                return problem
            client_id = signed.client_id
            secrets = await self.secrets.of(client_id)
            if not secrets:
                problem = UNKNOWN_CLIENT
                return problem
            now = time.time()
            if not signature.timestamp_in_window(signed.timestamp, now):
                problem = STALE_TIMESTAMP
                return problem
            if headers.get("x-envoy-auth-partial-body") == "true":
                problem = PARTIAL_BODY
                return problem
            path, _, query = request.target.partition("?")
            to_sign = signature.string_to_sign(
                request.method, path, query, signed.timestamp_text, signed.nonce, request.body
            )
            matched = next(
                (
                    s
                    for s in secrets
                    if signature.signature_matches(s.secret, signed.signature, to_sign)
                ),
                None,
            )
            if matched is None:
                problem = SIGNATURE_MISMATCH
                return problem
            if matched.channel_deleted:
                problem = CHANNEL_DELETED
                return problem
            if matched.revoked or matched.expire_at <= now:
                problem = REVOKED_OR_EXPIRED
                return problem
            # Recorded only once the signature holds, so nobody can spend a client's nonces.
            if not await self.cache.add(
                nonce_key(client_id, signed.nonce), signature.NONCE_TTL_SECONDS
            ):
                problem = NONCE_REUSED
                return problem
            self.used.note(matched.credential_id)
            return matched
        finally:
            if problem:
                log.info(
                    "signature refused",
                    extra={
                        "client_id": client_id,
                        "reason": problem,
                        "path": request.target.partition("?")[0],
                    },
                )


class AuthorizationServicer(pb_grpc.AuthorizationServicer):
    """Envoy's gRPC external authorization (envoy.service.auth.v3), for an edge configured to
    ask over gRPC; the platform's own edge asks over HTTP (CHECK_PATH), which costs identity a
    fraction of a gRPC call."""

    def __init__(self, verifier: SignatureVerifier) -> None:
        self.verifier = verifier

    async def Check(
        self, request: pb.CheckRequest, context: grpc.aio.ServicerContext
    ) -> pb.CheckResponse:
        http = request.attributes.request.http
        verdict = await self.verifier.verify(
            SignedRequest(
                http.method, http.path, request_headers(http), http.raw_body or http.body.encode()
            )
        )
        return denied(verdict) if isinstance(verdict, str) else allowed(verdict)


# Envoy's HTTP external authorization sends the channel's request here: the same method, this
# prefix before its path and query, its Authorization, X-Request-Id and body.
CHECK_PATH = "/edge/signature-check"
_DENIED_HEADERS = (("WWW-Authenticate", signature.SCHEME),)


def check_route(verifier: SignatureVerifier, max_body: int) -> Route:
    """The HTTP form of the check on identity's HTTP port: 200 with the channel's headers for
    the edge to pass upstream, or 401 with the problem (the edge wraps it in its JSON error)."""

    async def check(request: Request) -> Response:
        try:
            verdict = await verifier.verify(
                SignedRequest(
                    request.method,
                    request.target[len(CHECK_PATH) :] or "/",
                    request.headers,
                    request.body,
                )
            )
        except Exception:
            # Identity could not decide (its database away, say): not the caller's fault, so
            # 503 as when the edge cannot reach identity at all, never a 401 nor a 500.
            log.exception("signature check failed")
            return Response(503, CHECK_UNAVAILABLE.encode(), "text/plain; charset=utf-8")
        if isinstance(verdict, str):
            return Response(401, verdict.encode(), "text/plain; charset=utf-8", _DENIED_HEADERS)
        return Response(
            200,
            b"",
            "text/plain",
            (
                ("x-wailian-channel-id", verdict.channel_id),
                ("x-wailian-channel-code", verdict.channel_code),
                ("x-wailian-credential-id", verdict.credential_id),
            ),
        )

    return Route(CHECK_PATH, check, max_body)
