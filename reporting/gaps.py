"""The gap report as a terminal table, CSV and an Excel workbook (one sheet per rule).

Texts that Excel or a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-`` or
``@``) are written as text, and control characters Excel cannot store become U+FFFD
(:mod:`reporting.xlsx_cells`): names come from source files anyone may have typed into.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from rich.console import Group
from rich.table import Table
from rich.text import Text as RichText

from core.i18n import Lang, text, value_name
from graph.rules import Finding, GapReport
from reporting.xlsx_cells import FORMULA_START, CellValue, put

MARK = {"violated": "✗", "unknown": "?", "accepted": "~"}
# The columns of a rule's sheet: the findings table of the pages, with the subject's type and key.
FINDING_COLUMNS = (
    "findings.status",
    "gaps.subject_type",
    "common.key",
    "findings.subject",
    "findings.message",
    "findings.related",
)


def related_text(finding: Finding) -> str:
    """The related nodes as 'relation: name (key); ...'."""
    return "; ".join(f"{r.relation}: {r.name or r.key} ({r.key})" for r in finding.related)


def gaps_table(report: GapReport, *, lang: Lang) -> Group:
    """The findings grouped by rule, readable in an 80-column terminal."""
    counts = _counts(report.findings)
    parts: list[RichText | Table] = [
        RichText(text("gap_report.title", lang, as_of=report.as_of.isoformat()), style="bold"),
        RichText(
            text(
                "gap_report.totals",
                lang,
                total=len(report.findings),
                violated=counts["violated"],
                unknown=counts["unknown"],
                rules=len(report.rules),
            )
        ),
    ]
    clean = []
    titles = {r.id: r for r in report.rules}
    for rule_id, findings in report.by_rule().items():
        if not findings:
            clean.append(rule_id)
            continue
        rule = titles[rule_id]
        table = Table(show_header=False, box=None, padding=(0, 1), show_edge=False)
        table.add_column(width=1, no_wrap=True)
        table.add_column(ratio=1, overflow="fold")
        for finding in findings:
            style = "red" if finding.status == "violated" else "yellow"
            table.add_row(
                RichText(MARK[finding.status], style=style), getattr(finding.message, lang)
            )
        parts.append(RichText(""))
        parts.append(
            RichText.assemble(
                (f"{rule.id} ", "bold"),
                (f"[{_severity(rule.severity, lang)}] ", _severity_style(rule.severity)),
                (getattr(rule.title, lang), "bold"),
                f" ({len(findings)})",
            )
        )
        parts.append(table)
    if clean:
        parts.append(RichText(""))
        parts.append(
            RichText(f"{text('gap_report.clean', lang)}: {', '.join(clean)}", style="green")
        )
    return Group(*parts)


def gaps_csv(report: GapReport) -> str:
    """One row per finding, both languages; formula-like cells are prefixed with a quote."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "rule",
            "severity",
            "status",
            "subject_label",
            "subject_key",
            "subject_name",
            "message_da",
            "message_en",
            "related",
        ]
    )
    for f in report.findings:
        row = [
            f.rule,
            f.severity,
            f.status,
            f.subject.label,
            f.subject.key,
            f.subject.name or "",
            f.message.da,
            f.message.en,
            related_text(f),
        ]
        writer.writerow([f"'{v}" if v.startswith(FORMULA_START) else v for v in row])
    return out.getvalue()


def gaps_workbook(report: GapReport, *, lang: Lang) -> Workbook:
    """A summary sheet and one filterable sheet per rule."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = text("report.summary", lang)
    grouped = report.by_rule()
    headers = [
        text(key, lang) for key in ("findings.rule", "findings.severity", "gaps.rule_title")
    ] + [value_name("finding_status", status, lang) for status in ("violated", "unknown")]
    rows: list[Sequence[CellValue]] = []
    for rule in report.rules:
        counts = _counts(grouped[rule.id])
        title = getattr(rule.title, lang)
        rows.append(
            [rule.id, rule.severity, title, counts["violated"], counts["unknown"], rule.source]
        )
    fill_sheet(summary, [*headers, text("gaps.source", lang)], rows)
    for rule in report.rules:
        sheet = book.create_sheet(rule.id)
        fill_sheet(
            sheet,
            [text(key, lang) for key in FINDING_COLUMNS],
            [
                [
                    value_name("finding_status", f.status, lang),
                    f.subject.label,
                    f.subject.key,
                    f.subject.name or "",
                    getattr(f.message, lang),
                    related_text(f),
                ]
                for f in grouped[rule.id]
            ],
        )
    return book


def write_gaps_xlsx(report: GapReport, path: Path, *, lang: Lang) -> None:
    """Save the workbook."""
    gaps_workbook(report, lang=lang).save(path)


def fill_sheet(
    sheet: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[CellValue]]
) -> None:
    """Headers in bold, the rows, a filter over all of it, the header row frozen."""
    widths = [len(h) for h in headers]
    for column, header in enumerate(headers, start=1):
        put(sheet, 1, column, header).font = Font(bold=True)
    for r, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = put(sheet, r, column, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            widths[column - 1] = max(widths[column - 1], min(len(str(value)), 80))
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width + 2


def _counts(findings: Sequence[Finding]) -> dict[str, int]:
    return {
        "violated": sum(1 for f in findings if f.status == "violated"),
        "unknown": sum(1 for f in findings if f.status == "unknown"),
    }


def _severity_style(severity: str) -> str:
    return {"high": "bold red", "medium": "yellow", "low": "cyan"}.get(severity, "")


def _severity(severity: str, lang: Lang) -> str:
    """The severity as the terminal table tags a rule: ``høj``, ``middel``, ``lav``."""
    return value_name("severity", severity, lang).lower()
