"""The `wailian` command line: serve, migrate, make migrations, start the whole platform."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from services.runtime.config import SERVICES, ConfigError, load_settings


def service_module(name: str):  # type: ignore[no-untyped-def]
    """The ServiceModule of a service, imported on demand."""
    return importlib.import_module(f"services.{name}.main").SERVICE


def _serve(args: argparse.Namespace) -> int:
    from services.runtime.logs import configure_logging
    from services.runtime.server import run_until_signalled
    from services.runtime.telemetry import configure_tracing

    settings = load_settings(args.service)
    configure_logging(args.service, settings.log_level)
    configure_tracing(args.service, settings.otlp_endpoint)
    asyncio.run(run_until_signalled(service_module(args.service), settings))
    return 0


def _serve_web(args: argparse.Namespace) -> int:
    from services.runtime.http import start_http, static_handler
    from services.runtime.logs import configure_logging

    configure_logging("web")
    root = Path(args.root)
    if not (root / "index.html").is_file():
        raise ConfigError(f"{root}/index.html is missing: build the console with `make web`")

    async def main() -> None:
        server = await start_http(args.host, args.port, static_handler(root))
        port = server.sockets[0].getsockname()[1]
        logging.getLogger("wailian.web").info("started", extra={"port": port, "root": str(root)})
        async with server:
            await server.serve_forever()

    asyncio.run(main())
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from services.runtime.db import make_engine, migrate

    unknown = set(args.services) - set(SERVICES)
    if unknown:
        raise ConfigError(f"unknown service {sorted(unknown)}; one of {', '.join(SERVICES)}")
    for name in args.services or SERVICES:
        settings = load_settings(name)
        engine = make_engine(settings.database_url)
        migrate(name, engine)
        engine.dispose()
        print(f"{name}: migrated ({engine.url.get_backend_name()})")
    return 0


def _revision(args: argparse.Namespace) -> int:
    """Autogenerate a migration from the difference between the models and a migrated database."""
    import tempfile

    from alembic import command

    from services.runtime.db import make_engine, migrate, migrations_config

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(f"sqlite:///{scratch}/scratch.db")
        migrate(args.service, engine)
        with engine.begin() as connection:
            config = migrations_config(args.service, connection)
            command.revision(config, message=args.message, autogenerate=True)
        engine.dispose()
    return 0


def _audit_verify(args: argparse.Namespace) -> int:
    """Recompute identity's audit hash chain from its database; exit 1 when it is broken."""
    settings = load_settings("identity")
    report = importlib.import_module("services.identity.main").verify_audit_chain(settings)
    if report.intact:
        print(f"audit chain intact: {report.verified} records verified")
        return 0
    print(
        f"audit chain BROKEN at sequence {report.broken_sequence} "
        f"(record {report.broken_record_id or '-'}): {report.message}; "
        f"{report.verified} records before it verified",
        file=sys.stderr,
    )
    return 1


def _up(args: argparse.Namespace) -> int:
    from deploy.local.up import up

    return up(args)


def _edge_bootstrap(args: argparse.Namespace) -> int:
    from deploy.kubernetes.edge_bootstrap import run

    bootstrap = run(args)
    if args.output is None:
        sys.stdout.write(bootstrap)
    else:
        args.output.write_text(bootstrap, encoding="utf-8")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wailian", description="Wailian (外联平台)")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run one service")
    serve.add_argument("service", choices=SERVICES)
    serve.set_defaults(handler=_serve)

    web = commands.add_parser("serve-web", help="serve the built console's static files")
    web.add_argument("--root", default="web/dist")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=8090)
    web.set_defaults(handler=_serve_web)

    migrate = commands.add_parser("migrate", help="apply database migrations")
    migrate.add_argument("services", nargs="*", metavar="SERVICE", help="all when none given")
    migrate.set_defaults(handler=_migrate)

    revision = commands.add_parser("revision", help="autogenerate a migration for a service")
    revision.add_argument("service", choices=SERVICES)
    revision.add_argument("-m", "--message", required=True)
    revision.set_defaults(handler=_revision)

    audit = commands.add_parser("audit", help="the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="check the audit hash chain")
    verify.set_defaults(handler=_audit_verify)

    edge = commands.add_parser(
        "edge-bootstrap",
        help="print the edge Envoy's bootstrap for Kubernetes (deploy/kubernetes/README.md)",
    )
    from deploy.kubernetes.edge_bootstrap import add_arguments

    add_arguments(edge)
    edge.set_defaults(handler=_edge_bootstrap)

    up = commands.add_parser("up", help="start the whole platform with demo data")
    up.add_argument("--fresh", action="store_true", help="start from empty databases")
    up.add_argument(
        "--ephemeral-ports",
        action="store_true",
        help="let the system pick free ports (a second copy beside `make run`, tests)",
    )
    up.set_defaults(handler=_up)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except ConfigError as error:
        print(f"wailian: configuration error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
