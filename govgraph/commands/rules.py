"""`govgraph gaps`, `handover`, `departures` and `risk`: the governance model as checks."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from core.errors import InvalidInput
from govgraph.context import (
    Language,
    app_context,
    console,
    error_console,
    option_date,
    report_language,
)
from graph.departures import upcoming_departures
from graph.handover import handover
from graph.person_lookup import resolve_person
from graph.risk import concentration
from graph.rules import evaluate
from reporting.gaps import gaps_csv, gaps_table, write_gaps_xlsx
from reporting.handover import handover_markdown, handover_table, write_handover_xlsx
from reporting.risk import departures_table, risk_tables


class GapsFormat(StrEnum):
    """Output formats of `gaps`."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    XLSX = "xlsx"


class HandoverFormat(StrEnum):
    """Output formats of `handover`."""

    TABLE = "table"
    JSON = "json"
    MD = "md"
    XLSX = "xlsx"


class ListFormat(StrEnum):
    """Output formats of `departures` and `risk`."""

    TABLE = "table"
    JSON = "json"


Output = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file instead of the screen.")
]
AsOf = Annotated[
    str | None, typer.Option("--as-of", help="Read the graph as on this date (yyyy-mm-dd).")
]


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        console.print(text, markup=False, highlight=False, soft_wrap=True, end="")
    else:
        output.write_text(text, encoding="utf-8")
        error_console.print(f"Wrote {output}.")


def _needs_output(output: Path | None, fmt: str) -> Path:
    if output is None:
        raise InvalidInput(f"--format {fmt} writes a file.", hint=f"Add --output FILE.{fmt}.")
    if not output.parent.is_dir():
        raise InvalidInput(f"The folder {output.parent} does not exist.", hint="Create it first.")
    return output


def _print_rich(renderable: object, output: Path | None) -> None:
    if output is None:
        console.print(renderable)
        return
    with output.open("w", encoding="utf-8") as handle:
        Console(file=handle, width=80, color_system=None).print(renderable)
    error_console.print(f"Wrote {output}.")


def gaps(
    ctx: typer.Context,
    fmt: Annotated[GapsFormat, typer.Option("--format", help="Output format.")] = GapsFormat.TABLE,
    output: Output = None,
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="Only this rule (repeat for several).")
    ] = None,
    as_of: AsOf = None,
    without: Annotated[
        list[str] | None,
        typer.Option("--without", help="Treat this person as gone (HR id, e-mail or name)."),
    ] = None,
    lang: Language = "da",
) -> None:
    """Find where the organisation departs from its governance model (exit 0 with findings)."""
    app = app_context(ctx)
    language = report_language(lang)
    excluded = [resolve_person(app.graph, p) for p in without or []]
    began = time.perf_counter()
    report = evaluate(
        app.graph,
        as_of=option_date(as_of, "--as-of"),
        excluded=excluded,
        rule_ids=rule,
        params=app.settings.rules,
    )
    elapsed = time.perf_counter() - began
    if fmt is GapsFormat.JSON:
        _emit(report.model_dump_json(indent=2) + "\n", output)
    elif fmt is GapsFormat.CSV:
        _emit(gaps_csv(report), output)
    elif fmt is GapsFormat.XLSX:
        path = _needs_output(output, "xlsx")
        write_gaps_xlsx(report, path, lang=language)
        error_console.print(f"Wrote {len(report.findings)} findings to {path}.")
    else:
        _print_rich(gaps_table(report, lang=language), output)
        console.file.flush()  # the timing on stderr goes after the table, not inside it
        error_console.print(f"{len(report.rules)} rules evaluated in {elapsed:.2f} s.")


def handover_command(
    ctx: typer.Context,
    person: Annotated[str, typer.Argument(help="HR id, e-mail or an unambiguous name.")],
    fmt: Annotated[
        HandoverFormat, typer.Option("--format", help="Output format.")
    ] = HandoverFormat.TABLE,
    on: Annotated[
        str | None, typer.Option("--on", help="The day of leaving (yyyy-mm-dd; default today).")
    ] = None,
    output: Output = None,
    lang: Language = "da",
) -> None:
    """What falls vacant and which rules break if PERSON leaves, and who could take over."""
    app = app_context(ctx)
    language = report_language(lang)
    key = resolve_person(app.graph, person)
    with console.status("Running the rules with and without the person..."):
        impact = handover(
            app.graph, key, as_of=option_date(on, "--on"), settings=app.settings.rules
        )
    if fmt is HandoverFormat.JSON:
        _emit(impact.model_dump_json(indent=2) + "\n", output)
    elif fmt is HandoverFormat.MD:
        _emit(handover_markdown(impact, lang=language), output)
    elif fmt is HandoverFormat.XLSX:
        path = _needs_output(output, "xlsx")
        write_handover_xlsx(impact, path, lang=language)
        error_console.print(f"Wrote the handover checklist to {path}.")
    else:
        _print_rich(handover_table(impact, lang=language), output)


def departures(
    ctx: typer.Context,
    within: Annotated[
        int, typer.Option("--within", min=1, help="Days ahead to look for leave dates.")
    ] = 90,
    as_of: AsOf = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.TABLE,
    lang: Language = "da",
) -> None:
    """People with a leave date ahead and their handover impact, most critical first."""
    app = app_context(ctx)
    language = report_language(lang)
    with console.status("Checking each departure against the rules..."):
        found = upcoming_departures(
            app.graph,
            as_of=option_date(as_of, "--as-of"),
            within=within,
            settings=app.settings.rules,
        )
    if fmt is ListFormat.JSON:
        _emit(json.dumps([d.model_dump(mode="json") for d in found], indent=2) + "\n", None)
    elif not found:
        console.print(f"No leave dates within {within} days.")
    else:
        console.print(departures_table(found, lang=language))


def risk(
    ctx: typer.Context,
    top: Annotated[
        int, typer.Option("--top", min=1, help="People to check exactly (slowest part).")
    ] = 10,
    as_of: AsOf = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="Output format.")] = ListFormat.TABLE,
    lang: Language = "da",
) -> None:
    """The bus factor of each system and the people whose leaving breaks most rules."""
    app = app_context(ctx)
    language = report_language(lang)
    with console.status("Projecting the role holdings and checking the riskiest people..."):
        report = concentration(
            app.graph, as_of=option_date(as_of, "--as-of"), settings=app.settings.rules, top=top
        )
    if fmt is ListFormat.JSON:
        _emit(report.model_dump_json(indent=2) + "\n", None)
    else:
        console.print(risk_tables(report, lang=language))
