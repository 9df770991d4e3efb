"""The quarterly overview as an HTML page that prints cleanly to PDF (A4 landscape).

``visualise/templates/quarterly.html`` holds the page; it extends ``layout``: the app's base page
in the browser, ``report_standalone.html`` for a file written by the CLI.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from govgraph.reporting.quarterly_rows import (
    CHANGE_LABELS_DA,
    danish_date,
    lifecycle_da,
    owner_units,
)
from graph.reports import QuarterlyOverview

TEMPLATES = Path(__file__).resolve().parents[2] / "visualise" / "templates"
TEMPLATE = "quarterly.html"
STANDALONE_LAYOUT = "report_standalone.html"

_environment: Environment | None = None


def environment() -> Environment:
    """The Jinja environment of the report templates (autoescaped)."""
    global _environment
    if _environment is None:
        _environment = Environment(
            loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"])
        )
    return _environment


def template_context(
    overview: QuarterlyOverview, *, chooser: dict[str, str] | None = None
) -> dict[str, Any]:
    """What ``quarterly.html`` needs besides ``layout``: the overview, totals and helpers."""
    in_use = [s for s in overview.systems if s.in_use]
    return {
        "o": overview,
        "totals": {
            "systems": len(overview.systems),
            "in_use": len(in_use),
            "without_owner": sum(not s.owners for s in in_use),
            "without_financing": sum(s.financing_source is None for s in in_use),
        },
        "chooser": chooser,
        "ddate": danish_date,
        "lifecycle": lifecycle_da,
        "owner_units": owner_units,
        "change_label": CHANGE_LABELS_DA.__getitem__,
    }


def render_quarterly_html(overview: QuarterlyOverview) -> str:
    """The overview as one self-contained HTML file."""
    template = environment().get_template(TEMPLATE)
    return template.render(layout=STANDALONE_LAYOUT, **template_context(overview))
