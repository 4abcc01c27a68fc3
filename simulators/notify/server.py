"""The receiver: a tiny HTTP/1.1 server and a tiny SMTP server on asyncio streams.

Both record what they receive; the HTTP one can be told to fail the next N requests, and
answers robots' success body ({"errcode":0,"errmsg":"ok"}).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import urllib.parse
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType

_OK = b'{"errcode":0,"errmsg":"ok"}'
_MAX_BODY = 1024 * 1024


@dataclass(frozen=True)
class Received:
    """One HTTP request as it arrived."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class _Failing:
    remaining: int = 0
    status: int = 500


class _Server:
    def __init__(self) -> None:
        self._server: asyncio.Server | None = None
        self.port = 0

    async def _start(self, host: str, port: int) -> None:
        self._server = await asyncio.start_server(self._serve, host, port)
        self.port = int(self._server.sockets[0].getsockname()[1])

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def __aenter__(self) -> _Server:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        await self.stop()


class NotifyReceiver(_Server):
    """Webhook and robot receiver: every request recorded, the next `fail_next` ones failed."""

    def __init__(self) -> None:
        super().__init__()
        self.received: list[Received] = []
        self._failing = _Failing()

    @classmethod
    async def start(cls, host: str = "127.0.0.1", port: int = 0) -> NotifyReceiver:
        receiver = cls()
        await receiver._start(host, port)
        return receiver

    def url(self, path: str = "/hook") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fail_next(self, count: int, status: int = 500) -> None:
        self._failing = _Failing(count, status)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request_line = (await reader.readline()).decode("latin-1").strip()
            method, target, _ = request_line.split(" ", 2)
            headers: dict[str, str] = {}
            while line := (await reader.readline()).decode("latin-1").strip():
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            length = min(int(headers.get("content-length", "0")), _MAX_BODY)
            body = await reader.readexactly(length) if length else b""
            parts = urllib.parse.urlsplit(target)
            query = dict(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
            self.received.append(Received(method, parts.path, query, headers, body))
            if self._failing.remaining > 0:
                self._failing.remaining -= 1
                status, answer = self._failing.status, b'{"error":"told to fail"}'
            else:
                status, answer = 200, _OK
            writer.write(
                f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(answer)}\r\nConnection: close\r\n\r\n".encode()
                + answer
            )
            await writer.drain()
        except (ValueError, ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()


@dataclass
class _Envelope:
    sender: str = ""
    recipients: list[str] = field(default_factory=list)


class SmtpReceiver(_Server):
    """Enough SMTP for smtplib: EHLO/HELO, MAIL, RCPT, DATA, NOOP, RSET, QUIT (no TLS)."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, list[str], EmailMessage]] = []

    @classmethod
    async def start(cls, host: str = "127.0.0.1", port: int = 0) -> SmtpReceiver:
        receiver = cls()
        await receiver._start(host, port)
        return receiver

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        envelope = _Envelope()

        async def reply(line: str) -> None:
            writer.write(line.encode() + b"\r\n")
            await writer.drain()

        try:
            await reply("220 notify simulator")
            while raw := await reader.readline():
                command = raw.decode("utf-8", "replace").strip()
                verb = command[:4].upper()
                if verb in ("EHLO", "HELO"):
                    await reply("250 notify simulator")
                elif verb == "MAIL":
                    envelope = _Envelope(sender=command.partition(":")[2].strip(" <>"))
                    await reply("250 OK")
                elif verb == "RCPT":
                    envelope.recipients.append(command.partition(":")[2].strip(" <>"))
                    await reply("250 OK")
                elif verb == "DATA":
                    await reply("354 end with <CRLF>.<CRLF>")
                    lines: list[bytes] = []
                    while (line := await reader.readline()) not in (b".\r\n", b""):
                        lines.append(line[1:] if line.startswith(b"..") else line)
                    mail = message_from_bytes(b"".join(lines), policy=policy.default)
                    assert isinstance(mail, EmailMessage)
                    self.messages.append((envelope.sender, envelope.recipients, mail))
                    await reply("250 OK queued")
                elif verb in ("NOOP", "RSET"):
                    await reply("250 OK")
                elif verb == "QUIT":
                    await reply("221 bye")
                    break
                else:
                    await reply("502 not implemented")
        except ConnectionError:
            pass
        finally:
            writer.close()
