"""`govgraph serve`: the web app and its API."""

from __future__ import annotations

import copy
import os
from typing import Annotated, Any

import typer

from govgraph.context import app_context, console


def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address to listen on (api.host).")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on (api.port).")] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=64,
            help="App processes (uvicorn workers); tokens, sessions and audit are in Neo4j.",
        ),
    ] = 1,
) -> None:
    """Serve the API (and the pages) with uvicorn until Ctrl-C."""
    import uvicorn

    from api.app import create_app
    from graph.driver import connection

    context = app_context(ctx)
    settings = context.settings
    connection(settings)  # a stopped local Neo4j is reported here, clearly, not as a traceback
    host = host or settings.api.host
    port = port or settings.api.port
    console.print(f"govgraph serves at http://{host}:{port} (API docs at /docs).")
    worker = _start_worker(ctx) if settings.worker.in_serve else None
    try:
        if workers > 1:
            if context.config is not None:  # each worker reads the same settings
                os.environ["GOVGRAPH_CONFIG"] = str(context.config.resolve())
            app: Any = f"{__name__}:{worker_app.__name__}"
        else:
            app = create_app(settings)
        _run(uvicorn, app, host, port, settings.env == "development", workers=workers)
    finally:
        if worker is not None:
            worker.stop()


def _start_worker(ctx: typer.Context) -> Any:
    """The outbox sender and scheduled jobs, in a background thread of this process."""
    from api.worker import Worker

    context = app_context(ctx)
    worker = Worker(context.graph, context.settings)
    worker.start()
    return worker


def worker_app() -> Any:
    """The app of one uvicorn worker process, from the settings the command was given."""
    from api.app import create_app
    from core.settings import load_settings

    return create_app(load_settings())


def _run(
    uvicorn: Any, app: Any, host: str, port: int, development: bool, *, workers: int = 1
) -> None:
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_config": log_config(development=development),
        # The app reads X-Forwarded-* itself, from [api] trusted_proxies only.
        "proxy_headers": False,
        "server_header": False,
    }
    if workers > 1:
        from api.listen import run_workers

        run_workers(app, workers=workers, **options)
    else:
        uvicorn.run(app, **options)


def log_config(*, development: bool = False) -> dict[str, Any]:
    """uvicorn's logging, with CPR numbers and token secrets blanked out of every line.

    In development the app's one-time admin token is the one secret let through.
    """
    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["filters"] = {
        "redact": {
            "()": "api.errors.RedactingFilter",
            "reveal_development_secret": development,
        }
    }
    for handler in config["handlers"].values():
        handler["filters"] = ["redact"]
    for name in ("govgraph", "neo4j"):
        config["loggers"][name] = {"handlers": ["default"], "level": "WARNING", "propagate": False}
    return config
