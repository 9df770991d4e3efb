"""A campaign's completion report: who confirmed what and when, what changed, who never answered.

One row per task and role, as the holder was asked (the frozen snapshot): the answer, when, and
the decision it became (or why it became none). The rows feed the printable page and the
workbook alike.
"""

from __future__ import annotations

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font

from core.i18n import Lang, numeric_date, text
from graph.campaign_messages import role_line
from graph.campaign_model import Campaign, RoleAnswer, Task
from reporting.xlsx_cells import CellValue, put, sheet_title

REPORT_COLUMNS = (
    "campaign.report.person",
    "campaign.unit",
    "campaign.task.role",
    "campaign.report.answer",
    "campaign.report.answered_at",
    "campaign.report.change",
)


def report_rows(tasks: list[Task], *, lang: Lang) -> list[tuple[str, ...]]:
    """One row per task and role, answered tasks first, then those never answered."""
    rows: list[tuple[str, ...]] = []
    for task in sorted(tasks, key=lambda t: (t.answered_at is None, t.person_name, t.key)):
        answers = {a.id: a for a in task.answers}
        for role in task.roles:
            answer = answers.get(role.id)
            said = f"campaign.answer.{answer.answer.value}" if answer else "campaign.answer.none"
            rows.append(
                (
                    f"{task.person_name} ({task.person_key})",
                    task.unit_name or "",
                    role_line(role, lang),
                    text(said, lang),
                    numeric_date(task.answered_at, lang),
                    change_text(answer, lang),
                )
            )
    return rows


def change_text(answer: RoleAnswer | None, lang: Lang) -> str:
    """What an answer changed: the decision and where it stands, or why there is none."""
    if answer is None:
        return ""
    if answer.decision is None:
        return answer.note or ""
    state = (
        "campaign.task.pending" if answer.decision_status == "pending" else "campaign.task.applied"
    )
    return f"{answer.decision}: {text(state, lang)}"


def report_summary(campaign: Campaign, *, lang: Lang) -> str:
    """The report's first line: started when and by whom, the deadline, how many answered."""
    return text(
        "campaign.report.about",
        lang,
        started=numeric_date(campaign.started_at, lang),
        by=campaign.started_by,
        deadline=numeric_date(campaign.deadline, lang),
        answered=campaign.answered,
        tasks=campaign.tasks,
    )


def report_xlsx_bytes(campaign: Campaign, tasks: list[Task], *, lang: Lang) -> bytes:
    """The completion report as an Excel workbook: a title, the summary, one filterable table."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = sheet_title(campaign.name)
    put(sheet, 1, 1, text("campaign.report.title", lang, campaign=campaign.name)).font = Font(
        bold=True, size=14
    )
    put(sheet, 2, 1, report_summary(campaign, lang=lang))
    for column, key in enumerate(REPORT_COLUMNS, start=1):
        put(sheet, 4, column, text(key, lang)).font = Font(bold=True)
    rows = report_rows(tasks, lang=lang)
    for number, row in enumerate(rows, start=5):
        for column, value in enumerate(row, start=1):
            cell: CellValue = value
            put(sheet, number, column, cell)
    sheet.auto_filter.ref = f"A4:F{max(4, 4 + len(rows))}"
    sheet.freeze_panes = "A5"
    for letter, width in zip("ABCDEF", (34, 24, 34, 26, 14, 50), strict=True):
        sheet.column_dimensions[letter].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
