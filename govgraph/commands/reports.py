"""`govgraph report quarterly` and `govgraph calendar`: chefgruppen's overview, review calendars."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.errors import InvalidInput
from core.i18n import numeric_date
from core.periods import Quarter
from govgraph.context import (
    Language,
    app_context,
    console,
    option_date,
    report_language,
)
from graph.calendar import due_items, find_person
from graph.person_lookup import resolve_person
from graph.quarterly import quarterly_overview
from reporting.ical import calendar_ics
from reporting.quarterly_xlsx import write_quarterly_xlsx
from visualise.quarterly_report import render_quarterly_html

app = typer.Typer(help="Reports for chefgruppen.", no_args_is_help=True)

Output = Annotated[Path, typer.Option("--output", "-o", help="The file to write.")]
Force = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Treat this date (yyyy-mm-dd) as today.")]


def _check_output(output: Path, suffixes: tuple[str, ...], *, force: bool) -> str:
    suffix = output.suffix.lower()
    if suffix not in suffixes:
        raise InvalidInput(
            f"{output} does not end in {' or '.join(suffixes)}.",
            hint=f"Give a file name ending in {' or '.join(suffixes)}.",
        )
    if output.exists() and not force:
        raise InvalidInput(f"{output} already exists.", hint="Choose another name or add --force.")
    if not output.parent.is_dir():
        raise InvalidInput(f"The folder {output.parent} does not exist.", hint="Create it first.")
    return suffix


@app.command()
def quarterly(
    ctx: typer.Context,
    output: Output,
    quarter: Annotated[
        str | None,
        typer.Option("--quarter", help="The quarter, e.g. 2026Q4 (default: the current one)."),
    ] = None,
    as_of: AsOf = None,
    force: Force = False,
    lang: Language = "da",
) -> None:
    """Write chefgruppen's quarterly overview of system ownership and economy (.xlsx or .html)."""
    language = report_language(lang)
    suffix = _check_output(output, (".xlsx", ".html"), force=force)
    today = option_date(as_of)
    chosen = Quarter.parse(quarter) if quarter else Quarter.containing(today)
    app_ctx = app_context(ctx)
    with console.status(f"Gathering the overview of {chosen}..."):
        overview = quarterly_overview(
            app_ctx.graph, chosen, today=today, rules=app_ctx.settings.rules
        )
    if suffix == ".xlsx":
        write_quarterly_xlsx(overview, output, lang=language)
    else:
        output.write_text(render_quarterly_html(overview, lang=language), encoding="utf-8")
    console.print(
        f"Wrote the overview of {overview.label(language)} (data as of "
        f"{numeric_date(overview.as_of, language)}) to {output}: {len(overview.systems)} systems, "
        f"{len(overview.changes)} changes."
    )


def calendar_command(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="HR id, e-mail or full name.")],
    output: Output,
    horizon_days: Annotated[
        int, typer.Option("--horizon-days", min=0, max=3660, help="How far ahead to look.")
    ] = 365,
    as_of: AsOf = None,
    force: Force = False,
) -> None:
    """Write a person's review calendar (iCalendar .ics): what their roles have due, and overdue."""
    _check_output(output, (".ics",), force=force)
    app_ctx = app_context(ctx)
    graph = app_ctx.graph
    who = find_person(graph, resolve_person(graph, person))
    items = due_items(
        graph,
        who.key,
        as_of=option_date(as_of),
        horizon_days=horizon_days,
        cadence=app_ctx.settings.rules,
    )
    output.write_bytes(calendar_ics(who, items))
    overdue = sum(i.status != "due" for i in items)
    console.print(
        f"Wrote {len(items)} events for {who.name or who.key} to {output} ({overdue} overdue)."
    )
