"""`govgraph register`: the secretariat's governance register workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.errors import InvalidInput
from govgraph.context import app_context, console, option_date, report_language
from graph.kitos_changes import kitos_changes
from graph.register_export import register_rows
from importers.register import write_register_template
from reporting.kitos_changes import changes_csv, changes_xlsx_bytes
from reporting.register_export import register_xlsx_bytes

app = typer.Typer(help="The governance register that the secretariat keeps.", no_args_is_help=True)


def _writable(output: Path, *, force: bool, suffix: str = "") -> None:
    """Refuse a file of the wrong kind, or one that exists unless ``force``."""
    if suffix and output.suffix.lower() != suffix:
        raise InvalidInput(
            f"{output} does not end in {suffix}.", hint=f"Give a name like register{suffix}."
        )
    if output.exists() and not force:
        raise InvalidInput(f"{output} already exists.", hint="Choose another name or add --force.")


@app.command()
def template(
    output: Annotated[Path, typer.Argument(help="Where to write the blank workbook (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a blank register workbook with Danish sheets, headers and drop-down lists."""
    _writable(output, force=force, suffix=".xlsx")
    write_register_template(output)
    console.print(
        f"Wrote a blank register to {output}. Fill it in and run `govgraph import {output}`."
    )


@app.command()
def export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Argument(help="Where to write the register (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write the register as the graph holds it; importing the file again changes nothing."""
    _writable(output, force=force, suffix=".xlsx")
    rows = register_rows(app_context(ctx).graph)
    output.write_bytes(register_xlsx_bytes(rows))
    counts = ", ".join(f"{name} {len(found)}" for name, found in rows.items())
    console.print(f"Wrote the register to {output}: {counts} rows.")


@app.command("kitos-changes")
def kitos_changes_command(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the list.")],
    format_: Annotated[
        str | None,
        typer.Option("--format", help="xlsx or csv (default: from the file name)."),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Treat this date (yyyy-mm-dd) as today.")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="da or en.")] = "da",
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write, per system, the role assignments to add and remove in KITOS to match the register."""
    chosen = (format_ or output.suffix.removeprefix(".")).lower()
    if chosen not in ("xlsx", "csv"):
        raise InvalidInput(
            f"Cannot tell the format of {output}.", hint="Give --format xlsx or --format csv."
        )
    _writable(output, force=force)
    language = report_language(lang)
    changes = kitos_changes(app_context(ctx).graph, as_of=option_date(as_of))
    write = changes_xlsx_bytes if chosen == "xlsx" else changes_csv
    output.write_bytes(write(changes, lang=language))
    added = sum(c.action == "add" for c in changes)
    console.print(
        f"Wrote the KITOS change list to {output}: {added} to add, {len(changes) - added} to "
        f"remove, on {len({c.system.key for c in changes})} systems."
    )
