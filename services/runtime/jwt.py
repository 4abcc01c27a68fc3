"""Compact ES256 JSON Web Tokens (RFC 7515/7519) on `cryptography`: sign and verify."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)


class TokenError(Exception):
    """The token is malformed, expired, not for us, or its signature does not verify."""


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def public_jwk(key: ec.EllipticCurvePublicKey, kid: str) -> dict[str, str]:
    """The public half of a P-256 key as a JWK."""
    numbers = key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url(numbers.x.to_bytes(32, "big")),
        "y": b64url(numbers.y.to_bytes(32, "big")),
        "kid": kid,
        "alg": "ES256",
        "use": "sig",
    }


def jwk_public_key(jwk: Mapping[str, str]) -> ec.EllipticCurvePublicKey:
    x = int.from_bytes(b64url_decode(jwk["x"]), "big")
    y = int.from_bytes(b64url_decode(jwk["y"]), "big")
    return ec.EllipticCurvePublicNumbers(x, y, ec.SECP256R1()).public_key()


def sign(claims: Mapping[str, Any], key: ec.EllipticCurvePrivateKey, kid: str) -> str:
    header = {"alg": "ES256", "typ": "JWT", "kid": kid}
    signing_input = (
        b64url(json.dumps(header, separators=(",", ":")).encode())
        + "."
        + b64url(json.dumps(dict(claims), separators=(",", ":")).encode())
    )
    r, s = decode_dss_signature(key.sign(signing_input.encode("ascii"), ec.ECDSA(hashes.SHA256())))
    return signing_input + "." + b64url(r.to_bytes(32, "big") + s.to_bytes(32, "big"))


def unverified_kid(token: str) -> str:
    try:
        header = json.loads(b64url_decode(token.split(".", 1)[0]))
    except (ValueError, IndexError) as error:
        raise TokenError("malformed token") from error
    kid = header.get("kid") if isinstance(header, dict) else None
    if not isinstance(kid, str):
        raise TokenError("token has no key id")
    return kid


def verify(
    token: str,
    keys: Mapping[str, ec.EllipticCurvePublicKey],
    *,
    audience: str,
    issuer: str,
    now: float | None = None,
) -> dict[str, Any]:
    """Check signature, issuer, audience and expiry; return the claims."""
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("malformed token")
    key = keys.get(unverified_kid(token))
    if key is None:
        raise TokenError("unknown signing key")
    raw_signature = b64url_decode(parts[2])
    if len(raw_signature) != 64:
        raise TokenError("malformed signature")
    signature = encode_dss_signature(
        int.from_bytes(raw_signature[:32], "big"), int.from_bytes(raw_signature[32:], "big")
    )
    try:
        key.verify(signature, f"{parts[0]}.{parts[1]}".encode("ascii"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as error:
        raise TokenError("bad signature") from error
    try:
        claims = json.loads(b64url_decode(parts[1]))
    except ValueError as error:
        raise TokenError("malformed claims") from error
    if not isinstance(claims, dict):
        raise TokenError("malformed claims")
    moment = time.time() if now is None else now
    if claims.get("iss") != issuer:
        raise TokenError("wrong issuer")
    audiences = claims.get("aud")
    if audience not in (audiences if isinstance(audiences, list) else [audiences]):
        raise TokenError("wrong audience")
    if not isinstance(claims.get("exp"), int | float) or claims["exp"] <= moment:
        raise TokenError("token expired")
    return claims
