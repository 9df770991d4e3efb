"""What every command shares: the settings and one lazily opened graph connection."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from core.errors import InvalidInput
from core.i18n import LANGUAGES, Lang, language
from core.settings import Settings, load_settings
from graph.driver import Graph

console = Console()
error_console = Console(stderr=True, soft_wrap=True)
# The reports' language, as the pages' "lang" parameter; the CLI's own messages are English.
Language = Annotated[str, typer.Option("--lang", help="Language of the report: da or en.")]


def report_language(value: str) -> Lang:
    """The ``--lang`` option as a language of the text catalogue; InvalidInput if unsupported."""
    if value not in LANGUAGES:
        raise InvalidInput(f"--lang {value!r} is not supported.", hint="Use da or en.")
    return language(value)


class AppContext:
    """The settings of this invocation and its one driver, opened on first use."""

    def __init__(self, config: Path | None) -> None:
        self.config = config
        self._settings: Settings | None = None
        self._graph: Graph | None = None

    @property
    def settings(self) -> Settings:
        """The validated settings."""
        if self._settings is None:
            self._settings = load_settings(self.config)
        return self._settings

    @property
    def graph(self) -> Graph:
        """The connection to Neo4j, opened once."""
        if self._graph is None:
            self._graph = Graph.from_settings(self.settings)
        return self._graph

    def close(self) -> None:
        """Close the driver if one was opened."""
        if self._graph is not None:
            self._graph.close()
            self._graph = None


def app_context(ctx: typer.Context) -> AppContext:
    """The AppContext the top-level command put on this invocation."""
    obj = ctx.find_object(AppContext)
    assert obj is not None
    return obj


def option_date(value: str | None, option: str = "--as-of") -> date:
    """A command-line date (yyyy-mm-dd), today when not given."""
    try:
        return date.fromisoformat(value) if value else date.today()
    except ValueError:
        raise InvalidInput(f"{option} {value!r} is not a date.", hint="Use yyyy-mm-dd.") from None
