"""The services' HTTP port: probes, and routes such as identity's signature check, over kept-alive
connections (Envoy pools a few and sends thousands of checks a second through them)."""

from __future__ import annotations

import asyncio

from services.runtime.http import Request, Response, Route, start_http


async def _probe(_method: str, path: str) -> Response:
    return Response(200 if path == "/healthz" else 404, b'{"status":"ok"}')


async def _echo(request: Request) -> Response:
    answer = f"{request.method} {request.target} {request.headers.get('x-tag', '')} "
    return Response(200, answer.encode() + request.body, "text/plain", (("x-seen", "yes"),))


async def _exchange(port: int, raw: bytes, answers: int) -> list[bytes]:
    """Send raw bytes on one connection and read `answers` responses from it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    await writer.drain()
    responses = []
    for _ in range(answers):
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(
            int(line.split(b":", 1)[1])
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
        responses.append(head + await reader.readexactly(length))
    tail = await asyncio.wait_for(reader.read(), timeout=5) if b"close" in raw.lower() else b""
    writer.close()
    responses.extend([tail] if tail else [])
    return responses


def _run(raw: bytes, answers: int, max_body: int = 1024) -> list[bytes]:
    async def scenario() -> list[bytes]:
        server = await start_http("127.0.0.1", 0, _probe, (Route("/check", _echo, max_body),))
        try:
            return await _exchange(server.sockets[0].getsockname()[1], raw, answers)
        finally:
            server.close()
            await server.wait_closed()

    return asyncio.run(scenario())


def test_one_connection_carries_many_requests_to_routes_and_probes() -> None:
    raw = (
        b"POST /check/v1/bills?card=1 HTTP/1.1\r\nHost: x\r\nX-Tag: a\r\nContent-Length: 5\r\n\r\n"
        b"hello"
        b"GET /check/v1/doctors HTTP/1.1\r\nHost: x\r\nX-Tag: b\r\n\r\n"
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    first, second, third = _run(raw, 3)
    assert first.startswith(b"HTTP/1.1 200 OK\r\n")
    assert b"Connection: keep-alive" in first
    assert b"x-seen: yes" in first
    assert first.endswith(b"POST /check/v1/bills?card=1 a hello")
    assert second.endswith(b"GET /check/v1/doctors b ")
    assert third.startswith(b"HTTP/1.1 200 OK\r\n") and third.endswith(b'{"status":"ok"}')


def test_a_body_over_the_routes_limit_is_refused_and_the_connection_closed() -> None:
    raw = b"POST /check/x HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n" + b"a" * 2048
    (answer,) = _run(raw, 1)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in answer


def test_probes_take_no_body_and_no_other_method() -> None:
    (answer,) = _run(b"POST /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1)
    assert answer.startswith(b"HTTP/1.1 405 ")
    (answer,) = _run(b"GET /healthz HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc", 1)
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"Connection: close" in answer


def test_a_chunked_body_is_refused_and_a_garbled_head_is_a_bad_request() -> None:
    (answer,) = _run(b"POST /check/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 1)
    assert answer.startswith(b"HTTP/1.1 411 ")
    (answer,) = _run(b"GET /check/x HTTP/1.1\r\nno colon here\r\n\r\n", 1)
    assert answer.startswith(b"HTTP/1.1 400 ")


def test_connection_close_is_honoured() -> None:
    raw = b"GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n"
    answers = _run(raw, 1)
    assert b"Connection: close" in answers[0]
    # Nothing but the one answer: the server closed the connection after it.
    assert len(answers) == 1


async def _slow(request: Request) -> Response:
    # Waits as a file read or a database call does: answered from a task, not at once.
    await asyncio.sleep(0.01)
    await asyncio.sleep(0)
    return Response(200, b"slow " + request.body, "text/plain")


async def _broken(_request: Request) -> Response:
    raise RuntimeError("handler bug")


def _serve(raw_parts: list[bytes], answers: int) -> list[bytes]:
    """Like _run, with routes that wait or fail, the request sent in pieces."""

    async def scenario() -> list[bytes]:
        routes = (Route("/slow", _slow), Route("/broken", _broken), Route("/check", _echo))
        server = await start_http("127.0.0.1", 0, _probe, routes)
        port = server.sockets[0].getsockname()[1]
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            for part in raw_parts:
                writer.write(part)
                await writer.drain()
                await asyncio.sleep(0.02)
            responses = []
            for _ in range(answers):
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                responses.append(head + await reader.readexactly(length))
            # What follows the answers: nothing, once the server has closed the connection.
            responses.append(await asyncio.wait_for(reader.read(), timeout=5))
            writer.close()
            return responses
        finally:
            server.close()
            await server.wait_closed()

    return asyncio.run(scenario())


def test_a_handler_that_waits_answers_in_order_and_a_body_may_come_in_pieces() -> None:
    first, second, closed = _serve(
        [
            b"POST /slow HTTP/1.1\r\nContent-Le",
            b"ngth: 6\r\n\r\nwai",
            # The next request arrives while the slow one is still being answered.
            b"ted" + b"POST /check/x HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok",
        ],
        2,
    )
    assert first.startswith(b"HTTP/1.1 200 ") and first.endswith(b"slow waited")
    assert second.endswith(b"POST /check/x  ok") and b"Connection: close" in second
    assert closed == b""


def test_a_failing_handler_is_a_500_and_the_connection_closed() -> None:
    answer, closed = _serve([b"POST /broken HTTP/1.1\r\nContent-Length: 0\r\n\r\n"], 1)
    assert answer.startswith(b"HTTP/1.1 500 ") and b"Connection: close" in answer
    assert b"handler bug" not in answer
    assert closed == b""


def test_a_head_too_long_is_a_bad_request() -> None:
    endless = b"GET /healthz HTTP/1.1\r\nX-Long: " + b"a" * (17 * 1024)
    answer, closed = _serve([endless], 1)
    assert answer.startswith(b"HTTP/1.1 400 ") and b"Connection: close" in answer
    assert closed == b""


def test_a_head_that_never_ends_is_closed_without_an_answer(monkeypatch) -> None:
    from services.runtime import http

    monkeypatch.setattr(http, "HEAD_TIMEOUT_SECONDS", 0.2)
    (closed,) = _serve([b"GET /healthz HTTP/1.1\r\nHost: x\r\n"], 0)
    assert closed == b""
