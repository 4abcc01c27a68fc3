"""Channel tokens: OAuth2 client credentials (RFC 6749 §4.4).

The edge's `POST /oauth2/token` reaches identity's HTTP port at TOKEN_PATH. Vendors' OAuth2
libraries read the answer: the token as RFC 6749 §5.1 has it, never cached, and errors as
§5.2 has them (`{"error": "invalid_client", "error_description": ...}`, 401 with a Basic
challenge for a client that failed to authenticate). The gRPC `IssueChannelToken` issues the
same tokens for internal callers.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from sqlalchemy.orm import Session

from services.identity import domain, store
from services.identity.models import ChannelRow, CredentialRow
from services.identity.usage import CredentialUsage
from services.runtime.clock import as_utc, utcnow
from services.runtime.context import request_id_var
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork
from services.runtime.http import Request, Response, Route
from wailian.identity.v1 import identity_pb2 as pb

if TYPE_CHECKING:
    from services.identity.servicer import KeyRing

TOKEN_PATH = "/edge/oauth2/token"  # noqa: S105 - a path, not a secret
# RFC 6749 §5.1: responses carrying tokens must not be cached.
_NO_STORE = (("Cache-Control", "no-store"), ("Pragma", "no-cache"))
_CHALLENGE = ("WWW-Authenticate", 'Basic realm="wailian", error="invalid_client"')


@dataclass
class OAuthError(Exception):
    """An RFC 6749 §5.2 error; `field` names the parameter at fault, if one is (not frozen:
    raising sets attributes on an exception)."""

    status: int
    error: str
    description: str
    field: str = ""

    def __str__(self) -> str:
        return f"{self.error}: {self.description}"


def invalid_client(description: str) -> OAuthError:
    return OAuthError(401, "invalid_client", description, "client_id")


def token_parameters(content_type: str, body: bytes, authorization: str) -> dict[str, str]:
    """The request's parameters from a form (or JSON) body and HTTP Basic client credentials."""
    kind = content_type.split(";", 1)[0].strip().lower()
    try:
        if kind == "application/json":
            parsed = json.loads(body or b"{}")
            if not isinstance(parsed, dict):
                raise ValueError("not an object")
            fields = {k: v for k, v in parsed.items() if isinstance(v, str)}
        elif kind in ("application/x-www-form-urlencoded", ""):
            fields = {k: v[0] for k, v in parse_qs(body.decode("utf-8")).items()}
        else:
            raise OAuthError(
                400,
                "invalid_request",
                "send the parameters as application/x-www-form-urlencoded",
                "content-type",
            )
    except (ValueError, UnicodeDecodeError):
        raise OAuthError(400, "invalid_request", "the body cannot be read", "body") from None
    scheme, _, encoded = authorization.strip().partition(" ")
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(encoded.strip(), validate=True).decode()
        except (binascii.Error, ValueError):
            raise invalid_client("malformed Basic credentials") from None
        client_id, _, client_secret = decoded.partition(":")
        fields.setdefault("client_id", client_id)
        fields.setdefault("client_secret", client_secret)
    return fields


class ChannelTokens:
    """Checks a channel's client credentials and signs its token."""

    def __init__(
        self, uow: UnitOfWork, box: SecretBox, keys: KeyRing, used: CredentialUsage
    ) -> None:
        self.uow = uow
        self.box = box
        self.keys = keys
        self.used = used

    async def issue(self, fields: Mapping[str, str]) -> dict[str, object]:
        """RFC 6749 §5.1's answer for valid parameters; OAuthError otherwise."""
        if fields.get("grant_type") != "client_credentials":
            raise OAuthError(
                400,
                "unsupported_grant_type" if fields.get("grant_type") else "invalid_request",
                "grant_type must be client_credentials",
                "grant_type",
            )
        for name in ("client_id", "client_secret"):
            if not fields.get(name):
                raise OAuthError(400, "invalid_request", f"{name} is required", name)
        client_id, given = fields["client_id"], fields["client_secret"].encode()

        def work(session: Session) -> tuple[ChannelRow, CredentialRow]:
            # A client_id answers with its current secret and, during a rotation's overlap,
            # with its predecessor's; the one that matches is the credential used.
            row = next(
                (
                    candidate
                    for candidate in store.credentials_by_client_id(session, client_id)
                    if candidate.kind == pb.CREDENTIAL_KIND_TOKEN
                    and hmac.compare_digest(
                        self.box.open(
                            candidate.sealed_secret,
                            domain.credential_seal_context(candidate.credential_id),
                        ),
                        given,
                    )
                ),
                None,
            )
            if row is None:
                raise invalid_client("unknown client or wrong secret")
            if row.revoked or as_utc(row.expire_at) <= utcnow():
                raise invalid_client("the credential is revoked or expired")
            channel = store.live_channel(session, row.channel_id)
            if channel is None:
                raise invalid_client("the channel was deleted")
            if channel.status != pb.CHANNEL_STATUS_ACTIVE:
                raise OAuthError(400, "unauthorized_client", "the channel is disabled")
            return channel, row

        channel, credential = await self.uow.run(work)
        self.used.note(credential.credential_id)
        token = self.keys.sign(
            domain.channel_token_claims(
                channel.channel_id, channel.code, credential.credential_id, int(time.time())
            )
        )
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": domain.CHANNEL_TOKEN_SECONDS,
        }


def token_route(tokens: ChannelTokens) -> Route:
    """POST TOKEN_PATH: the edge's token endpoint."""

    async def handle(request: Request) -> Response:
        if request.headers.get("x-request-id"):
            request_id_var.set(request.headers["x-request-id"])
        if request.method != "POST":
            return _error(OAuthError(405, "invalid_request", "use POST"))
        try:
            fields = token_parameters(
                request.headers.get("content-type", ""),
                request.body,
                request.headers.get("authorization", ""),
            )
            answer = await tokens.issue(fields)
        except OAuthError as error:
            return _error(error)
        return Response(200, json.dumps(answer).encode(), "application/json", _NO_STORE)

    return Route(TOKEN_PATH, handle, max_body=16 * 1024)


def _error(error: OAuthError) -> Response:
    body = json.dumps({"error": error.error, "error_description": error.description})
    headers = (*_NO_STORE, _CHALLENGE) if error.status == 401 else _NO_STORE
    return Response(error.status, body.encode(), "application/json", headers)
