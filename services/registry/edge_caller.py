"""Service testing's way out: requests sent through the real edge as a test channel.

Registry calls the channel listener exactly as a channel would: an access token from the edge's
OAuth2 endpoint then Bearer, a WAILIAN-HMAC-SHA256 signature, or a client certificate on the
mutual-TLS listener. The credential is the caller's, for one run: it is held in memory only.
"""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import ssl
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

from services.identity.signature import authorization_header
from services.registry import api_tests
from services.registry.docs import EdgeAddresses
from services.registry.edge import EdgeSettings
from services.runtime.config import ConfigError

TOKEN_TIMEOUT_SECONDS = 10.0


@dataclass(frozen=True)
class EdgeTarget:
    """Where registry reaches the edge, and what vendors are told in the docs."""

    url: str
    mtls_url: str
    # The CA that signed the edge's own certificate (mutual-TLS listener); system CAs when None.
    ca_file: Path | None
    public: EdgeAddresses


def _url(env: Mapping[str, str], name: str, default: str) -> str:
    raw = env.get(name, "").strip() or default
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        raise ConfigError(f"{name} must be an http(s) URL without a path, got {raw!r}")
    return raw.rstrip("/")


def _reachable(address: str) -> str:
    """A bind address as a client reaches it: a wildcard means this host."""
    return "127.0.0.1" if address in ("0.0.0.0", "::", "") else address


def load_edge_target(edge: EdgeSettings, env: Mapping[str, str] | None = None) -> EdgeTarget:
    """WAILIAN_REGISTRY_EDGE_* settings; a bad value stops the process with a message naming it.

    WAILIAN_REGISTRY_EDGE_URL / _EDGE_MTLS_URL: the channel listeners as registry reaches them
    (default: the WAILIAN_EDGE_CHANNEL_LISTEN / _MTLS_LISTEN addresses); _EDGE_CA_FILE: the CA of
    the edge's certificate; _PUBLIC_EDGE_URL / _PUBLIC_EDGE_MTLS_URL: the base URLs the API
    documentation shows vendors (default: the first two).
    """
    env = os.environ if env is None else env
    listen = edge.channel_listener
    url = _url(
        env, "WAILIAN_REGISTRY_EDGE_URL", f"http://{_reachable(listen.address)}:{listen.port}"
    )
    mtls = edge.mtls_listener
    mtls_default = "" if mtls is None else f"https://{_reachable(mtls.address)}:{mtls.port}"
    mtls_url = _url(env, "WAILIAN_REGISTRY_EDGE_MTLS_URL", mtls_default)
    raw_ca = env.get("WAILIAN_REGISTRY_EDGE_CA_FILE", "").strip()
    if raw_ca and not Path(raw_ca).is_file():
        raise ConfigError(f"WAILIAN_REGISTRY_EDGE_CA_FILE is not a readable file: {raw_ca}")
    public_url = _url(env, "WAILIAN_REGISTRY_PUBLIC_EDGE_URL", url)
    public_mtls = _url(env, "WAILIAN_REGISTRY_PUBLIC_EDGE_MTLS_URL", mtls_url)
    return EdgeTarget(
        url=url,
        mtls_url=mtls_url,
        ca_file=Path(raw_ca) if raw_ca else None,
        public=EdgeAddresses(public_url, public_mtls or public_url),
    )


@dataclass(frozen=True)
class Credential:
    kind: int
    client_id: str = ""
    client_secret: str = ""
    certificate_pem: str = ""
    private_key_pem: str = ""


@dataclass(frozen=True)
class Sent:
    """The request as it went out, its credential masked, and what came back."""

    headers: tuple[tuple[str, str], ...]
    answer: api_tests.Answer


def _target(request: api_tests.OutgoingRequest) -> str:
    path = quote(request.path, safe="/%:@!$&'()*+,;=-._~")
    query = urlencode(list(request.query), quote_via=quote)
    return f"{path}?{query}" if query else path


def _request_id(headers: tuple[tuple[str, str], ...], body: str) -> str:
    for name, value in headers:
        if name.lower() == "x-request-id":
            return value
    try:
        error = json.loads(body).get("error", {})
    except (ValueError, AttributeError):
        return ""
    return str(error.get("request_id", "")) if isinstance(error, dict) else ""


class EdgeCaller:
    """Sends test requests through the edge (a thread per request: http.client blocks)."""

    def __init__(
        self, target: EdgeTarget, book: Callable[[str], str | None] = lambda _name: None
    ) -> None:
        self.target = target
        # Where a local launcher wrote the edge's listeners once Envoy bound them.
        self.book = book

    @property
    def url(self) -> str:
        found = self.book("edge")
        return f"http://{found}" if found else self.target.url

    @property
    def mtls_url(self) -> str:
        found = self.book("edge_mtls")
        return f"https://{found}" if found else self.target.mtls_url

    async def send(
        self, request: api_tests.OutgoingRequest, credential: Credential, seconds: float
    ) -> Sent:
        """Sends the request; `seconds` bounds each exchange (token, then the call)."""
        return await asyncio.to_thread(self._send, request, credential, seconds)

    def _connection(
        self, base: str, timeout: float, credential: Credential
    ) -> http.client.HTTPConnection:
        parts = urlsplit(base)
        if parts.scheme == "http":
            return http.client.HTTPConnection(
                parts.hostname or "", parts.port or 80, timeout=timeout
            )
        context = ssl.create_default_context(
            cafile=str(self.target.ca_file) if self.target.ca_file else None
        )
        if credential.kind == api_tests.MUTUAL_TLS:
            _load_client_certificate(context, credential)
        return http.client.HTTPSConnection(
            parts.hostname or "", parts.port or 443, timeout=timeout, context=context
        )

    def _exchange(
        self,
        base: str,
        method: str,
        target: str,
        headers: dict[str, str],
        body: bytes,
        timeout: float,
        credential: Credential,
    ) -> api_tests.Answer:
        started = time.perf_counter()
        try:
            connection = self._connection(base, timeout, credential)
            try:
                connection.request(method, target, body=body or None, headers=headers)
                response = connection.getresponse()
                raw = response.read(api_tests.MAX_RESPONSE_BYTES + 1)
                answered = tuple((name.lower(), value) for name, value in response.getheaders())
                status = response.status
            finally:
                connection.close()
        except (OSError, http.client.HTTPException, ssl.SSLError, ValueError) as error:
            latency = (time.perf_counter() - started) * 1000
            reason = str(error) or type(error).__name__
            return api_tests.Answer(
                0, (), "", False, latency, "", f"{type(error).__name__}: {reason}"
            )
        latency = (time.perf_counter() - started) * 1000
        text = raw[: api_tests.MAX_RESPONSE_BYTES].decode("utf-8", errors="replace")
        return api_tests.Answer(
            status_code=status,
            headers=answered,
            body=text,
            body_truncated=len(raw) > api_tests.MAX_RESPONSE_BYTES,
            latency_ms=latency,
            request_id=_request_id(answered, text),
            error="",
        )

    def _send(
        self, request: api_tests.OutgoingRequest, credential: Credential, timeout: float
    ) -> Sent:
        target = _target(request)
        body = request.body.encode("utf-8")
        headers = {name: value for name, value in request.headers}
        if body and not any(name.lower() == "content-type" for name in headers):
            headers["Content-Type"] = "application/json"
        base = self.url
        if credential.kind == api_tests.MUTUAL_TLS:
            base = self.mtls_url
            if not base:
                return Sent(tuple(headers.items()), _failed("the edge has no mutual-TLS listener"))
        elif credential.kind == api_tests.SIGNATURE:
            headers["Authorization"] = authorization_header(
                credential.client_id, credential.client_secret, request.method, target, body
            )
        else:
            token = self._access_token(credential, min(timeout, TOKEN_TIMEOUT_SECONDS))
            if isinstance(token, api_tests.Answer):
                return Sent(tuple(headers.items()), token)
            headers["Authorization"] = f"Bearer {token}"
        answer = self._exchange(base, request.method, target, headers, body, timeout, credential)
        kept = tuple(
            (name, api_tests.masked_authorization(value) if name == "Authorization" else value)
            for name, value in headers.items()
        )
        return Sent(kept, answer)

    def _access_token(self, credential: Credential, timeout: float) -> str | api_tests.Answer:
        """The channel's access token from the edge's OAuth2 endpoint, or the refusal."""
        form = urlencode(
            {
                "grant_type": "client_credentials",
                "client_id": credential.client_id,
                "client_secret": credential.client_secret,
            }
        ).encode()
        answer = self._exchange(
            self.url,
            "POST",
            "/oauth2/token",
            {"Content-Type": "application/x-www-form-urlencoded"},
            form,
            timeout,
            credential,
        )
        if answer.status_code == 200:
            try:
                token = json.loads(answer.body)["access_token"]
            except (ValueError, KeyError, TypeError):
                token = None
            if isinstance(token, str) and token:
                return token
        reason = answer.error or f"the edge's token endpoint answered {answer.status_code}"
        return api_tests.Answer(
            answer.status_code,
            answer.headers,
            answer.body,
            answer.body_truncated,
            answer.latency_ms,
            answer.request_id,
            f"no access token: {reason}",
        )


def _failed(reason: str) -> api_tests.Answer:
    return api_tests.Answer(0, (), "", False, 0.0, "", reason)


def _load_client_certificate(context: ssl.SSLContext, credential: Credential) -> None:
    """ssl loads a key pair from files only: a private directory, removed once loaded."""
    with tempfile.TemporaryDirectory(prefix="wailian-test-") as directory:
        certificate = Path(directory) / "client.pem"
        key = Path(directory) / "client.key"
        for path, text in (
            (certificate, credential.certificate_pem),
            (key, credential.private_key_pem),
        ):
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as file:
                file.write(text)
        context.load_cert_chain(str(certificate), str(key))
