"""Command line: python -m simulators.his --host 127.0.0.1 --port 9100 --seed 1."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
from datetime import date

from simulators.his.server import serve_his


def main(argv: list[str] | None = None) -> None:
    """Run the HIS simulator until SIGINT or SIGTERM."""
    parser = argparse.ArgumentParser(
        prog="python -m simulators.his",
        description="HIS simulator: a stand-in hospital information system for Wailian.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=9100, help="port; 0 picks a free one")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated data")
    parser.add_argument(
        "--first-day",
        type=date.fromisoformat,
        default=None,
        help="first day of the seven days of schedules, YYYY-MM-DD (default: tomorrow)",
    )
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_run(args.host, args.port, args.seed, args.first_day))


async def _run(host: str, port: int, seed: int, first_day: date | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    server = await serve_his(host, port, seed, first_day=first_day)
    try:
        await stop.wait()
    finally:
        await server.close()


if __name__ == "__main__":
    main()
