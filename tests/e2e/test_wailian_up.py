"""`make run` as a person uses it: `wailian up` prints a curl that works, Ctrl-C stops it all."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]


def test_the_printed_curl_goes_through_the_edge_and_ctrl_c_stops_everything(tmp_path: Path) -> None:
    env = {**os.environ, "WAILIAN_DATA_DIR": str(tmp_path / "var")}
    up = subprocess.Popen(
        [sys.executable, "-m", "services.runtime.cli", "up", "--ephemeral-ports"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert up.stdout is not None
        printed = []
        deadline = time.monotonic() + 120
        for line in up.stdout:
            printed.append(line)
            if "Press Ctrl-C to stop." in line or time.monotonic() > deadline:
                break
        banner = "".join(printed)
        assert "Press Ctrl-C to stop." in banner, banner
        assert re.search(r"Console \(管理控制台\)\s+http://127\.0\.0\.1:\d+/", banner)
        assert "Login: admin / " in banner

        # The ready-to-paste commands, exactly as printed.
        start = banner.index("TOKEN=$(curl")
        script = banner[start : banner.index("Press Ctrl-C")].strip()
        result = subprocess.run(
            ["bash", "-c", script], capture_output=True, text=True, timeout=60, check=False
        )
        assert result.returncode == 0, result.stderr
        assert "心血管内科" in result.stdout  # a department of the HIS, through the edge

        children = [
            int(p)
            for p in subprocess.run(
                ["pgrep", "-P", str(up.pid)], capture_output=True, text=True, check=False
            ).stdout.split()
        ]
        assert len(children) == 8  # five services, console server, HIS simulator, Envoy

        up.send_signal(signal.SIGINT)
        rest = up.communicate(timeout=60)[0]
        assert up.returncode == 0, rest
        assert "Stopped." in rest
        for pid in children:
            assert (
                not Path(f"/proc/{pid}").exists()
                or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
            )
    finally:
        if up.poll() is None:
            up.kill()
            up.wait(10)
