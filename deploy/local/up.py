"""The `wailian up` command: start everything, print how to use it, stop it all on Ctrl-C."""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import sys
import time

from deploy.local.launcher import LocalOptions, LocalPlatform
from deploy.local.processes import ChildFailed
from services.identity.main import DEMO_ADMIN_PASSWORD
from services.runtime.config import data_dir


def banner(platform: LocalPlatform) -> str:
    console = f"http://127.0.0.1:{platform.console_port}"
    edge = f"http://127.0.0.1:{platform.channel_port}"
    lines = [
        "",
        "Wailian (外联平台) is up.",
        "",
        f"  Console (管理控制台)   {console}/",
        f"  Console API          {console}/api/...",
        f"  Channel edge         {edge}/  (tokens, signed requests)",
        f"  Channel edge, mTLS   https://127.0.0.1:{platform.mtls_port}/  (client certificates;"
        f" the edge's CA: {platform.options.data_dir / 'tls' / 'edge-ca.pem'})",
        f"  Envoy admin          http://127.0.0.1:{platform.admin_port}/ (loopback only)",
        f"  Logs                 {platform.logs}/",
        "",
        f"  Login: admin / {DEMO_ADMIN_PASSWORD}",
    ]
    channel = platform.demo_channel
    if channel is not None:
        lines += [
            "",
            f"  Try the edge as the demo channel '{channel.code}' (paste into a shell):",
            "",
            f"    TOKEN=$(curl -s {edge}/oauth2/token -d grant_type=client_credentials \\",
            f"      -d client_id={channel.client_id} -d client_secret={channel.client_secret} \\",
            "      | python3 -c 'import json,sys; print(json.load(sys.stdin)[\"access_token\"])')",
            f'    curl -s -H "Authorization: Bearer $TOKEN" {edge}/v1/departments',
        ]
    lines += ["", "Press Ctrl-C to stop.", ""]
    return "\n".join(lines)


def up(args: argparse.Namespace) -> int:
    directory = data_dir(os.environ)
    if args.fresh and directory.exists():
        shutil.rmtree(directory)
    platform = LocalPlatform(LocalOptions(data_dir=directory, ephemeral=args.ephemeral_ports))
    stopping = False

    def request_stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    try:
        print(
            "Starting Wailian: identity, registry, payment, publishing, monitor, console, "
            "HIS simulator, Envoy ...",
            flush=True,
        )
        platform.start()
        print(banner(platform), flush=True)
        while not stopping:
            dead = platform.dead_children()
            if dead:
                for child in dead:
                    print(
                        f"\n!!! {child.name} died (exit code {child.process.returncode}); "
                        f"its log is {child.log_path}:\n{child.tail()}\n",
                        file=sys.stderr,
                        flush=True,
                    )
                return 1
            time.sleep(0.5)
        return 0
    except ChildFailed as error:
        print(f"\n!!! {error}\n", file=sys.stderr, flush=True)
        return 1
    finally:
        print("Stopping Wailian ...", flush=True)
        platform.stop()
        print("Stopped.", flush=True)
