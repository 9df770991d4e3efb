"""Attestation campaigns: the secretariat starts and closes them; progress, tasks and the
completion report (page, print, workbook); a holder's task through their personal link.

The personal link (``/opgave/<token>``) is the one page served without a login: the signed
token is its authentication, it opens that person's task only, and every use is audited.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from api.audit import AuditEntry
from api.deps import Audit, Exporter, GraphDep, Reader, Secretariat, SettingsDep
from api.routers.common import NOT_FOUND, Key, content_disposition
from api.routers.pages import Page, PageRoute
from core.errors import InvalidInput
from core.i18n import language, text
from core.settings import Settings
from graph.campaign_model import Campaign, CampaignProgress, NewCampaign, RoleAnswer, Task
from graph.campaign_tasks import LinkProblem, answer_task, open_task
from graph.campaigns import (
    campaign_progress,
    campaign_tasks,
    close_campaign,
    list_campaigns,
    start_campaign,
)
from graph.driver import Graph
from graph.findings_digest import set_digests
from graph.personal_links import link_key, verify_opt_out
from reporting.campaign_report import REPORT_COLUMNS, report_rows, report_summary, report_xlsx_bytes
from schema.campaigns import Answer
from visualise.campaign_pages import link_problem_page, opt_out_page, task_page
from visualise.render import LANG_COOKIE, render_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Token = Annotated[str, Path(min_length=1, max_length=200, description="The personal link.")]

api_router = APIRouter(prefix="/api/campaigns", tags=["campaigns"])
page_router = APIRouter(route_class=PageRoute, include_in_schema=False)


@api_router.post("", response_model=Campaign, status_code=201)
def start(
    graph: GraphDep, settings: SettingsDep, principal: Secretariat, audit: Audit, body: NewCampaign
) -> Campaign:
    """Start a campaign: one task per role holder in scope, and their mails queued."""
    campaign = start_campaign(graph, body, who=principal.name, settings=settings.notifications)
    audit.record("campaign.start", campaign=campaign.key, tasks=campaign.tasks)
    return campaign


@api_router.get("", response_model=list[Campaign])
def campaigns(graph: GraphDep, _principal: Reader) -> list[Campaign]:
    """Every campaign, newest first, with how many tasks are answered."""
    return list_campaigns(graph)


@api_router.get("/{key}", response_model=CampaignProgress, responses=NOT_FOUND)
def progress(graph: GraphDep, _principal: Reader, key: Key) -> CampaignProgress:
    """A campaign's progress per unit and per system."""
    return campaign_progress(graph, key)


@api_router.get("/{key}/tasks", response_model=list[Task], responses=NOT_FOUND)
def tasks(graph: GraphDep, _principal: Reader, audit: Audit, key: Key) -> list[Task]:
    """Every task of a campaign: whom it asked about which roles, and their answers."""
    found = campaign_tasks(graph, key)
    audit.record("campaign.tasks", person_keys=[t.person_key for t in found], campaign=key)
    return found


@api_router.post("/{key}/close", response_model=Campaign, responses=NOT_FOUND)
def close(graph: GraphDep, principal: Secretariat, audit: Audit, key: Key) -> Campaign:
    """Close a campaign: its links take no more answers and no more reminders go out."""
    campaign = close_campaign(graph, key, who=principal.name)
    audit.record("campaign.close", campaign=key)
    return campaign


@page_router.get("/campaigns")
def campaigns_page(graph: GraphDep, page: Page) -> Response:
    """The campaigns, newest first."""
    return render_page(
        page,
        "campaigns.html",
        layout="base.html",
        active_page="campaigns",
        campaigns=list_campaigns(graph),
    )


@page_router.get("/campaigns/{key}")
def progress_page(graph: GraphDep, page: Page, key: Key) -> Response:
    """A campaign's progress per unit and per system."""
    found = campaign_progress(graph, key)
    return render_page(page, "campaign.html", layout="base.html", progress=found)


@page_router.get("/campaigns/{key}/report")
def report_page(graph: GraphDep, page: Page, audit: Audit, key: Key) -> Response:
    """The completion report, for print: who confirmed what and when, what changed."""
    found = campaign_progress(graph, key)
    all_tasks = campaign_tasks(graph, key)
    audit.record("page.campaign_report", person_keys=[t.person_key for t in all_tasks])
    return render_page(
        page,
        "campaign_report.html",
        layout="base.html",
        campaign=found.campaign,
        summary=report_summary(found.campaign, lang=page.lang),
        rows=report_rows(all_tasks, lang=page.lang),
        columns=REPORT_COLUMNS,
        xlsx=page.url(f"/campaigns/{key}/report.xlsx") if page.may("export") else "",
    )


@page_router.get("/campaigns/{key}/report.xlsx")
def report_workbook(
    graph: GraphDep, _principal: Exporter, page: Page, audit: Audit, key: Key
) -> Response:
    """The completion report as an Excel workbook."""
    found = campaign_progress(graph, key)
    all_tasks = campaign_tasks(graph, key)
    audit.record("export.campaign_report", person_keys=[t.person_key for t in all_tasks])
    return Response(
        report_xlsx_bytes(found.campaign, all_tasks, lang=page.lang),
        media_type=XLSX,
        headers={
            "Content-Disposition": content_disposition(f"kampagne-{key}.xlsx"),
            "Cache-Control": "no-store",
        },
    )


@page_router.get("/opgave/{token}")
def task_form(request: Request, graph: GraphDep, token: Token) -> Response:
    """A holder's task, opened from their personal link (no login)."""
    lang = _lang(request)
    try:
        opened = open_task(graph, token)
    except LinkProblem as e:
        _audit_link(request, "task.refused", None, reason=e.reason)
        return link_problem_page(e, lang=lang)
    _audit_link(request, "task.open", opened.task)
    return task_page(opened, token=token, lang=language(opened.task.lang or lang))


@page_router.post("/opgave/{token}")
async def task_answer(
    request: Request, graph: GraphDep, settings: SettingsDep, token: Token
) -> Response:
    """The holder's answers: recorded, and the changes proposed as decisions."""
    form = await request.form()
    # The graph's calls block: off the event loop, as FastAPI runs the other (sync) routes.
    return await run_in_threadpool(_answer, request, graph, settings, token, form)


def _answer(
    request: Request, graph: Graph, settings: Settings, token: str, form: FormData
) -> Response:
    lang = _lang(request)
    try:
        opened = open_task(graph, token)
    except LinkProblem as e:
        _audit_link(request, "task.refused", None, reason=e.reason)
        return link_problem_page(e, lang=lang)
    try:
        answered = answer_task(graph, token, _answers(form, opened.task), settings=settings)
    except LinkProblem as e:
        _audit_link(request, "task.refused", opened.task, reason=e.reason)
        return link_problem_page(e, lang=lang)
    except InvalidInput:
        error = text("campaign.task.missing_answer", lang)
        return task_page(opened, token=token, lang=lang, error=error, status=422)
    _audit_link(request, "task.answer", answered)
    return task_page(opened, token=token, lang=lang, answered=answered)


def _answers(form: FormData, task: Task) -> list[RoleAnswer]:
    def get(name: str) -> str:
        value = form.get(name)
        return value if isinstance(value, str) else ""

    answers = []
    for role in task.roles:
        choice = get(f"answer-{role.id}")
        if choice not in {a.value for a in Answer}:
            raise InvalidInput("Answer every role.", hint="Choose an answer for each role.")
        when = get(f"from-{role.id}")
        try:
            from_date = date.fromisoformat(when) if when else None
        except ValueError:
            from_date = None
        answers.append(
            RoleAnswer(
                id=role.id,
                answer=Answer(choice),
                who=(get(f"who-{role.id}") or "").strip()[:200] or None,
                from_date=from_date,
            )
        )
    return answers


def _lang(request: Request) -> str:
    return language(request.query_params.get("lang") or request.cookies.get(LANG_COOKIE))


def _audit_link(request: Request, action: str, task: Task | None, **details: object) -> None:
    """Every use of a personal link, as the person it was made for."""
    request.app.state.audit.record(
        AuditEntry(
            at=datetime.now(UTC),
            who=f"personal link: {task.person_key}" if task else "personal link",
            scope="personal-link",
            action=action,
            method=request.method,
            path="/opgave/…",  # the token is a secret: never in the log
            person_keys=[task.person_key] if task else [],
            details={k: v for k, v in details.items() if v} | ({"task": task.key} if task else {}),
        )
    )


@page_router.get("/afmeld/{token}")
def opt_out_form(request: Request, graph: GraphDep, token: Token) -> Response:
    """Turn one's new-findings digests off: the form (a GET changes nothing)."""
    person = verify_opt_out(graph.write(link_key), token)
    return opt_out_page(token=token, lang=_lang(request), valid=person is not None)


@page_router.post("/afmeld/{token}")
def opt_out(request: Request, graph: GraphDep, token: Token) -> Response:
    """Turn one's new-findings digests off (tasks and reminders still come)."""
    person = verify_opt_out(graph.write(link_key), token)
    if person is None:
        return opt_out_page(token=token, lang=_lang(request), valid=False)
    set_digests(graph, person, on=False)
    request.app.state.audit.record(
        AuditEntry(at=datetime.now(UTC), who=f"personal link: {person}", scope="personal-link",
                   action="digests.off", method="POST", path="/afmeld/…", person_keys=[person])
    )  # fmt: skip
    return opt_out_page(token=token, lang=_lang(request), done=True)


router = APIRouter()
router.include_router(api_router)
router.include_router(page_router)
