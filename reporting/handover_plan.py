"""A handover plan as an Excel workbook: who takes over which role from which date."""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from core.i18n import Lang, format_date, text
from graph.plan_model import HandoverPlan
from graph.rules import Entity
from reporting.xlsx_cells import CellValue, put, sheet_title

COLUMNS = (
    "common.role",
    "person.on",
    "plan.successor",
    "plan.effective",
    "plan.decision",
    "plan.status",
)


def _name(entity: Entity | None) -> str:
    return (entity.name or entity.key) if entity else ""


def plan_workbook(plan: HandoverPlan, *, managers: list[Entity], lang: Lang) -> Workbook:
    """The plan: a heading block (leaver, date, managers, status) and one row per role."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(text("plan.title", lang))
    heading: list[tuple[str, CellValue]] = [
        (text("plan.leaver", lang), _name(plan.person)),
        (text("plan.leaves", lang), format_date(plan.leaves, lang) if plan.leaves else "-"),
        (text("plan.effective", lang), plan.effective_date),
        (text("plan.managers", lang), ", ".join(_name(m) for m in managers) or "-"),
        (text("plan.status", lang), text(f"plan.status.{plan.status.value}", lang)),
        (text("plan.note", lang), plan.note or ""),
    ]
    for row, (label, value) in enumerate(heading, start=1):
        put(sheet, row, 1, label).font = Font(bold=True)
        put(sheet, row, 2, value)
    first = len(heading) + 2
    for column, key in enumerate(COLUMNS, start=1):
        put(sheet, first, column, text(key, lang)).font = Font(bold=True)
    end_only = text("plan.end_only", lang)
    for row, item in enumerate(plan.items, start=first + 1):
        put(sheet, row, 1, getattr(item.role_name, lang))
        put(sheet, row, 2, _name(item.target))
        put(sheet, row, 3, _name(item.successor) if item.successor else end_only)
        put(sheet, row, 4, plan.effective_date)
        put(sheet, row, 5, item.decision or "")
        status = item.decision_status
        put(sheet, row, 6, text(f"plan.decision.{status.value}", lang) if status else "")
    row = first + len(plan.items) + 2
    for uncovered in plan.not_covered:
        put(sheet, row, 1, getattr(uncovered.role_name, lang))
        put(sheet, row, 2, _name(uncovered.target))
        put(sheet, row, 3, text("plan.not_covered", lang))
        row += 1
    for column, width in enumerate((28, 36, 36, 14, 48, 12), start=1):
        sheet.column_dimensions[chr(64 + column)].width = width
    return book


def plan_xlsx_bytes(plan: HandoverPlan, *, managers: list[Entity], lang: Lang) -> bytes:
    """The plan's workbook as bytes, for a download."""
    body = BytesIO()
    plan_workbook(plan, managers=managers, lang=lang).save(body)
    return body.getvalue()
