"""Secrets at rest: AES-256-GCM under the master key, with the key's fingerprint for rotation."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = b"\x01"


def fingerprint(key: bytes) -> bytes:
    return hashlib.sha256(b"wailian-master-key:" + key).digest()[:4]


class SecretBox:
    """Encrypts with the current master key; decrypts with it or any previous one."""

    def __init__(self, current: bytes, previous: Sequence[bytes] = ()) -> None:
        self._current = current
        self._keys = {fingerprint(key): AESGCM(key) for key in (current, *previous)}

    def seal(self, plaintext: bytes, context: str) -> bytes:
        """Encrypt; `context` (e.g. the record's table and id) is bound as associated data."""
        nonce = secrets.token_bytes(12)
        sealed = self._keys[fingerprint(self._current)].encrypt(nonce, plaintext, context.encode())
        return _VERSION + fingerprint(self._current) + nonce + sealed

    def open(self, blob: bytes, context: str) -> bytes:
        if blob[:1] != _VERSION:
            raise ValueError("unknown secret format")
        aead = self._keys.get(blob[1:5])
        if aead is None:
            raise ValueError("secret sealed with a master key that is not configured")
        return aead.decrypt(blob[5:17], blob[17:], context.encode())
