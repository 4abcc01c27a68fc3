"""The WAILIAN-HMAC-SHA256 request signature: how a channel signs a call and identity checks it.

Pure functions, no I/O: channels' SDKs, the tests and the benchmark import this module to sign.

    Authorization: WAILIAN-HMAC-SHA256 client_id="<id>",timestamp="<unix seconds>",
                   nonce="<16-64 of A-Za-z0-9_->",signature="<base64>"

    string_to_sign = METHOD \\n PATH \\n CANONICAL_QUERY \\n TIMESTAMP \\n NONCE \\n
                     hex(SHA-256(body)) \\n
    signature      = base64(HMAC-SHA256(client secret, string_to_sign))
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote

SCHEME = "WAILIAN-HMAC-SHA256"
# How far a request's timestamp may be from the verifier's clock, and how long a nonce is kept:
# twice the window, so that a replay is caught for as long as its timestamp would be accepted.
TIMESTAMP_WINDOW_SECONDS = 300
NONCE_TTL_SECONDS = 600

_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_TIMESTAMP = re.compile(r"^[0-9]{1,12}$")
_PARAMETER = re.compile(r'\s*([a-z_]+)="([^"]*)"\s*')
_FIELDS = ("client_id", "timestamp", "nonce", "signature")


def _encode(text: str) -> str:
    return quote(text, safe="-_.~")


def canonical_query(query: str) -> str:
    """Parameters percent-decoded (blank values kept), sorted by (key, value), re-encoded."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    return "&".join(f"{_encode(key)}={_encode(value)}" for key, value in sorted(pairs))


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def string_to_sign(
    method: str, path: str, query: str, timestamp: str, nonce: str, body: bytes
) -> str:
    """What the secret signs: the method, the path as sent, the canonical query, the timestamp,
    the nonce and the body's SHA-256, each followed by a newline."""
    return (
        f"{method.upper()}\n{path}\n{canonical_query(query)}\n"
        f"{timestamp}\n{nonce}\n{body_digest(body)}\n"
    )


def sign(secret: str, to_sign: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), to_sign.encode("utf-8"), hashlib.sha256).digest()
    return base64.b64encode(digest).decode("ascii")


def new_nonce() -> str:
    return secrets.token_urlsafe(24)


def authorization_header(
    client_id: str,
    secret: str,
    method: str,
    path_with_query: str,
    body: bytes = b"",
    timestamp: int | None = None,
    nonce: str | None = None,
) -> str:
    """The Authorization header value for one request (now, with a fresh nonce by default)."""
    path, _, query = path_with_query.partition("?")
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    once = nonce or new_nonce()
    signature = sign(secret, string_to_sign(method, path, query, stamp, once, body))
    return (
        f'{SCHEME} client_id="{client_id}",timestamp="{stamp}",'
        f'nonce="{once}",signature="{signature}"'
    )


@dataclass(frozen=True)
class SignedAuthorization:
    client_id: str
    timestamp: int
    # As sent: the string to sign uses the decimal digits the client signed.
    timestamp_text: str
    nonce: str
    signature: str


def parse_authorization(value: str) -> SignedAuthorization:
    """The fields of a WAILIAN-HMAC-SHA256 Authorization header; ValueError names what is wrong."""
    scheme, _, rest = value.strip().partition(" ")
    if scheme != SCHEME:
        raise ValueError(f"not a {SCHEME} authorization")
    fields: dict[str, str] = {}
    for part in rest.split(","):
        match = _PARAMETER.fullmatch(part)
        if match is None:
            raise ValueError('malformed authorization: expected name="value" pairs')
        name, text = match.groups()
        if name not in _FIELDS:
            raise ValueError(f"malformed authorization: unknown field {name}")
        if name in fields:
            raise ValueError(f"malformed authorization: {name} given twice")
        fields[name] = text
    missing = [name for name in _FIELDS if not fields.get(name)]
    if missing:
        raise ValueError(f"malformed authorization: missing {', '.join(missing)}")
    if not _TIMESTAMP.match(fields["timestamp"]):
        raise ValueError("malformed authorization: timestamp must be unix seconds")
    if not _NONCE.match(fields["nonce"]):
        raise ValueError("malformed authorization: nonce must be 16-64 characters of A-Za-z0-9_-")
    if len(fields["client_id"]) > 64:
        raise ValueError("malformed authorization: client_id too long")
    try:
        raw = base64.b64decode(fields["signature"], validate=True)
    except ValueError:
        raise ValueError("malformed authorization: signature must be base64") from None
    if len(raw) != hashlib.sha256().digest_size:
        raise ValueError("malformed authorization: signature must be a base64 HMAC-SHA256")
    return SignedAuthorization(
        client_id=fields["client_id"],
        timestamp=int(fields["timestamp"]),
        timestamp_text=fields["timestamp"],
        nonce=fields["nonce"],
        signature=fields["signature"],
    )


def signature_matches(secret: str, signature: str, to_sign: str) -> bool:
    """Constant-time comparison of a presented signature with the one `secret` makes."""
    return hmac.compare_digest(sign(secret, to_sign).encode(), signature.encode())


def timestamp_in_window(timestamp: int, now: float) -> bool:
    return abs(now - timestamp) <= TIMESTAMP_WINDOW_SECONDS
