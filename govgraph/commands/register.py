"""`govgraph register`: the secretariat's governance register workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.errors import InvalidInput
from govgraph.context import console
from importers.register import write_register_template

app = typer.Typer(help="The governance register that the secretariat keeps.", no_args_is_help=True)


@app.command()
def template(
    output: Annotated[Path, typer.Argument(help="Where to write the blank workbook (.xlsx).")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a blank register workbook with Danish sheets, headers and drop-down lists."""
    if output.suffix.lower() != ".xlsx":
        raise InvalidInput(
            f"{output} does not end in .xlsx.", hint="Give a name like register.xlsx."
        )
    if output.exists() and not force:
        raise InvalidInput(f"{output} already exists.", hint="Choose another name or add --force.")
    write_register_template(output)
    console.print(
        f"Wrote a blank register to {output}. Fill it in and run `govgraph import {output}`."
    )
