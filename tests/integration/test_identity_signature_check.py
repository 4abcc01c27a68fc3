"""Identity's signature check on its HTTP port, when identity itself cannot decide."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path

from services.identity import signature
from services.identity.edge_auth import RevisionFeed
from services.identity.ext_authz import (
    CHECK_PATH,
    CHECK_UNAVAILABLE,
    SignatureSecrets,
    SignatureVerifier,
    check_route,
)
from services.identity.usage import CredentialUsage
from services.runtime.cache import LocalCache
from services.runtime.crypto import SecretBox
from services.runtime.db import UnitOfWork, make_engine
from services.runtime.http import Response, start_http


async def _no_probe(_method: str, _path: str) -> Response:
    return Response(404, b"")


def test_a_check_identity_cannot_make_is_503_not_401_nor_500(tmp_path: Path) -> None:
    """The database is away (a file in a folder that does not exist): the edge must answer
    the channel 503, as when identity is down, and the channel's request is not blamed."""
    engine = make_engine(f"sqlite:///{tmp_path / 'missing' / 'identity.db'}")
    uow = UnitOfWork(engine)
    verifier = SignatureVerifier(
        SignatureSecrets(uow, SecretBox(b"k" * 32), RevisionFeed(uow)),
        LocalCache(),
        CredentialUsage(uow),
    )
    path = "/v1/doctors/D100101"
    signed = signature.authorization_header("wlf0123456789abcdef", "secret", "GET", path)

    async def ask() -> tuple[int, bytes]:
        server = await start_http("127.0.0.1", 0, _no_probe, (check_route(verifier, 1024),))
        port = server.sockets[0].getsockname()[1]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{CHECK_PATH}{path}", headers={"Authorization": signed}
        )

        def call() -> tuple[int, bytes]:
            try:
                with urllib.request.urlopen(request, timeout=10) as answer:
                    return answer.status, answer.read()
            except urllib.error.HTTPError as refused:
                return refused.code, refused.read()

        try:
            return await asyncio.to_thread(call)
        finally:
            server.close()
            await server.wait_closed()

    try:
        status, body = asyncio.run(ask())
    finally:
        engine.dispose()
    assert (status, body.decode()) == (503, CHECK_UNAVAILABLE)
