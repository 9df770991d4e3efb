"""The quarterly overview as an HTML page that prints cleanly to PDF (A4 landscape).

``visualise/templates/quarterly.html`` holds the page; it extends ``layout``: the app's base page
in the browser, ``report_standalone.html`` for a file written by the CLI. Its words come from the
text catalogue, in the language asked for.
"""

from __future__ import annotations

from typing import Any

from core.i18n import Lang, numeric_date, text, value_name
from graph.quarterly import QuarterlyOverview
from reporting.quarterly_rows import department_name, financing_name, owner_units
from visualise.render import environment

TEMPLATE = "quarterly.html"
STANDALONE_LAYOUT = "report_standalone.html"


def template_context(
    overview: QuarterlyOverview, *, lang: Lang, chooser: dict[str, str] | None = None
) -> dict[str, Any]:
    """What ``quarterly.html`` needs besides ``layout`` and ``t``: the overview, totals, helpers."""
    in_use = [s for s in overview.systems if s.in_use]
    return {
        "o": overview,
        "lang": lang,
        "label": overview.label(lang),
        "totals": {
            "systems": len(overview.systems),
            "in_use": len(in_use),
            "without_owner": sum(not s.owners for s in in_use),
            "without_financing": sum(s.financing_source is None for s in in_use),
        },
        "chooser": chooser,
        "ddate": lambda day: numeric_date(day, lang),
        "lifecycle": lambda value: value_name("lifecycle", value, lang),
        "owner_units": owner_units,
        "change_label": lambda kind: value_name("change", kind, lang),
        "department": lambda name: department_name(name, lang),
        "financing": lambda source: financing_name(source, lang),
    }


def render_quarterly_html(overview: QuarterlyOverview, *, lang: Lang) -> str:
    """The overview as one self-contained HTML file, in ``lang``."""
    template = environment().get_template(TEMPLATE)
    return template.render(
        layout=STANDALONE_LAYOUT,
        t=lambda key, **values: text(key, lang, **values),
        **template_context(overview, lang=lang),
    )
