"""What monitor's probes read of a running service: its gRPC health and its /readyz."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

from services.monitor import probes
from tests.integration.conftest import start_platform


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_running_service_is_serving_and_ready_and_a_gone_one_answers_nothing(
    tmp_path: Path,
) -> None:
    for platform in start_platform(
        tmp_path, lambda name: f"sqlite:///{tmp_path / name}.db", services=("identity",)
    ):
        identity = platform.running["identity"]
        assert probes.ready(f"127.0.0.1:{identity.http_port}", 2) is True
        answer = asyncio.run(probes.health(f"127.0.0.1:{identity.grpc_port}", 2))
        assert (answer.serving, answer.status) == (True, "SERVING")
    gone = f"127.0.0.1:{closed_port()}"
    assert probes.ready(gone, 1) is None
    assert asyncio.run(probes.health(gone, 1)).serving is None
