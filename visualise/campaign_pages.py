"""The personal task page: the roles to answer, the thanks after, or why the link is unusable."""

from __future__ import annotations

from fastapi.responses import HTMLResponse

from core.i18n import format_date, language, numeric_date, text
from graph.campaign_messages import role_line
from graph.campaign_model import Task
from graph.campaign_tasks import LinkProblem, OpenTask
from reporting.campaign_report import change_text
from schema.campaigns import Answer
from visualise.render import PageContext, render_page

# A link that cannot be used: how the page says so, and the answer's status.
_PROBLEMS = {
    "used": ("campaign.link.used", 410),
    "expired": ("campaign.link.expired", 410),
    "closed": ("campaign.link.closed", 410),
    "invalid": ("campaign.link.invalid", 404),
}


def task_page(
    opened: OpenTask,
    *,
    token: str,
    lang: str,
    error: str = "",
    answered: Task | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The task's form, or (once answered) what was recorded."""
    page = _page(lang)
    task = opened.task
    title = text("campaign.task.title", page.lang, campaign=opened.campaign)
    lines = {r.id: role_line(r, page.lang) for r in task.roles}
    done = None
    if answered is not None:
        done = [
            (lines[a.id], text(f"campaign.answer.{a.answer.value}", page.lang),
             change_text(a, page.lang))
            for a in answered.answers
        ]  # fmt: skip
    return render_page(
        page,
        "task.html",
        status=status,
        title=title,
        task=task,
        token=token,
        deadline=format_date(opened.deadline, page.lang),
        roles=[(r, lines[r.id]) for r in task.roles],
        answers=[a.value for a in Answer],
        error=error,
        answered=done,
        when=numeric_date(answered.answered_at, page.lang) if answered else "",
        problem=None,
    )


def link_problem_page(problem: LinkProblem, *, lang: str) -> HTMLResponse:
    """Why the link cannot be used, plainly, in the reader's language and then the other."""
    page = _page(lang)
    key, status = _PROBLEMS[problem.reason]
    other = "en" if page.lang == "da" else "da"
    messages = [
        text(key, page.lang, when=numeric_date(problem.when, page.lang)),
        text(key, other, when=numeric_date(problem.when, other)),
    ]
    return render_page(
        page, "task.html", status=status, title=text("app.name", page.lang), problem=messages
    )


def _page(lang: str) -> PageContext:
    return PageContext(path="/opgave", query={}, lang=language(lang))


def opt_out_page(*, token: str, lang: str, done: bool = False, valid: bool = True) -> HTMLResponse:
    """The digest opt-out: a button (a mail scanner's GET changes nothing), then the result."""
    page = _page(lang)
    problem = None
    if not valid:
        other = "en" if page.lang == "da" else "da"
        problem = [text("campaign.link.invalid", page.lang), text("campaign.link.invalid", other)]
    return render_page(
        page,
        "opt_out.html",
        status=200 if valid else 404,
        token=token,
        done=done,
        problem=problem,
    )
