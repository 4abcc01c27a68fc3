"""Child processes of a local platform: started, watched, their logs kept, stopped cleanly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any


class ChildFailed(RuntimeError):
    """A child exited or did not become ready; the message names it and its log."""


class Child:
    """One child process whose stderr (JSON log lines) is copied to a log file as it arrives."""

    def __init__(
        self,
        name: str,
        command: Sequence[str],
        env: Mapping[str, str],
        log_path: Path,
        started_message: str = "started",
    ) -> None:
        self.name = name
        self.started_message = started_message
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self._log: IO[str] = log_path.open("a", encoding="utf-8")
        self._started = threading.Event()
        self.started_fields: dict[str, Any] = {}
        self.process = subprocess.Popen(  # noqa: S603 - our own commands, no shell
            list(command),
            env=dict(env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,  # Ctrl-C reaches the launcher only; it stops children in order
        )
        self._reader = threading.Thread(target=self._copy_log, daemon=True)
        self._reader.start()

    def _copy_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._log.write(line)
            self._log.flush()
            if not self._started.is_set() and self.started_message in line:
                try:
                    entry = json.loads(line)
                except ValueError:
                    continue
                if entry.get("message") == self.started_message:
                    self.started_fields = entry
                    self._started.set()

    def wait_started(self, timeout: float) -> dict[str, Any]:
        """The fields of the child's "started" log line (its ports), or ChildFailed."""
        deadline = time.monotonic() + timeout
        while not self._started.wait(0.1):
            if self.process.poll() is not None:
                raise ChildFailed(
                    f"{self.name} exited with code {self.process.returncode} while starting; "
                    f"see {self.log_path}:\n{self.tail()}"
                )
            if time.monotonic() > deadline:
                raise ChildFailed(
                    f"{self.name} did not start within {timeout:.0f} s; see {self.log_path}"
                )
        return self.started_fields

    def tail(self, lines: int = 15) -> str:
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8").splitlines()[-lines:])
        except OSError:
            return ""

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM (graceful shutdown), then SIGKILL if it does not go."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self._reader.join(2)
        if self.process.stderr is not None:
            self.process.stderr.close()
        self._log.close()


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def child_env(extra: Mapping[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env
