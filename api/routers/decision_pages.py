"""The decision pages: a finding's Fix form (preview, then save) and the decisions to approve.

They need the secretariat scope to decide, approve and reject, like the API's decision routes;
the list of decisions is read like ``GET /api/decisions``. A form is posted back to its own
address, so it works without scripts; a saved decision, approval or rejection redirects
(POST, then GET), so reloading the page does not post it again.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import RedirectResponse

from api.deps import Audit, GraphDep, Secretariat, SettingsDep
from api.routers.decisions import record_decision, record_preview
from api.routers.pages import Page, PageRoute
from core.errors import Forbidden, GovgraphError, InvalidInput
from core.i18n import text
from graph import decision_preview, decisions
from visualise.decision_pages import decision_form, decisions_page, proposal_from_form
from visualise.render import render_page

router = APIRouter(route_class=PageRoute, include_in_schema=False)
# Query parameters of the pages themselves, not of the form.
_PAGE_PARAMS = ("as_of", "lang")


async def form_values(request: Request) -> dict[str, str]:
    """A posted form's text fields."""
    form = await request.form()
    return {k: v for k, v in form.multi_items() if isinstance(v, str)}


Form = Annotated[dict[str, str], Depends(form_values)]


@router.get("/decide")
def decide(
    request: Request,
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Secretariat,
    page: Page,
    audit: Audit,
) -> Response:
    """The form of a decision that fixes a finding, filled in from the Fix link."""
    values = {k: v for k, v in request.query_params.items() if k not in _PAGE_PARAMS}
    found = decision_form(graph, page, values, settings=settings)
    audit.record("page.decide", person_keys=found.people, subject=values.get("subject"))
    return render_page(page, "decide.html", **found.data)


@router.post("/decide")
def decide_post(
    graph: GraphDep,
    settings: SettingsDep,
    principal: Secretariat,
    page: Page,
    audit: Audit,
    values: Form,
) -> Response:
    """Preview the decision (the form again, with the findings it changes), or save it."""
    try:
        proposal = proposal_from_form(graph, values)
        if values.get("action") == "save":
            decision = decisions.propose(
                graph, proposal, who=principal.name, settings=settings, person=principal.person
            )
            record_decision(audit, "decision.propose", decision)
            return RedirectResponse(page.url("/decisions", saved=decision.key), status_code=303)
        preview = decision_preview.preview(graph, proposal, settings=settings, as_of=page.as_of)
    except GovgraphError as e:
        failed = decision_form(graph, page, values, settings=settings, error=e)
        audit.record("page.decide", person_keys=failed.people, subject=values.get("subject"))
        return render_page(page, "decide.html", status=e.status, **failed.data)
    found = decision_form(graph, page, values, settings=settings, preview=preview)
    record_preview(audit, proposal, preview, found.people)
    return render_page(page, "decide.html", **found.data)


@router.get("/decisions")
def decisions_list(
    graph: GraphDep,
    page: Page,
    audit: Audit,
    saved: Annotated[str | None, Query(max_length=100)] = None,
    done: Annotated[str | None, Query(pattern="^(approved|rejected)$")] = None,
    decision: Annotated[str | None, Query(max_length=100)] = None,
) -> Response:
    """Pending decisions with who proposed them and who must approve; the latest decisions."""
    notice = _notice(graph, page.lang, saved=saved, done=done, decision=decision)
    found = decisions_page(graph, page, notice=notice)
    audit.record("page.decisions", person_keys=found.people)
    return render_page(page, "decisions.html", **found.data)


@router.post("/decisions")
def decisions_act(
    graph: GraphDep,
    settings: SettingsDep,
    principal: Secretariat,
    page: Page,
    audit: Audit,
    values: Form,
) -> Response:
    """Approve or reject a pending decision (not one's own); a rejection needs a reason."""
    key, action = values.get("decision", ""), values.get("action")
    try:
        if action == "approve":
            done = decisions.approve(
                graph, key, who=principal.name, settings=settings, person=principal.person
            )
        elif action == "reject":
            reason = (values.get("reason") or "").strip()
            if not reason:
                raise InvalidInput(
                    text("decisions.reject_reason", page.lang), hint="A rejection has a reason."
                )
            done = decisions.reject(
                graph, key, who=principal.name, reason=reason, person=principal.person
            )
        else:
            raise InvalidInput("Choose approve or reject.", hint="Use the page's buttons.")
    except GovgraphError as e:
        message = text("decisions.own", page.lang) if isinstance(e, Forbidden) else e.message
        found = decisions_page(graph, page, notice=None)
        audit.record("page.decisions", person_keys=found.people)
        return render_page(
            page, "decisions.html", status=e.status, failure=message, failed=key, **found.data
        )
    record_decision(audit, f"decision.{action}", done)
    return RedirectResponse(
        page.url("/decisions", done=f"{action}d", decision=done.key), status_code=303
    )


def _notice(
    graph: GraphDep, lang: str, *, saved: str | None, done: str | None, decision: str | None
) -> str | None:
    """What the page says after a decision was saved, approved or rejected."""
    key = saved or decision
    if not key or (decision and not done):
        return None
    try:
        found = decisions.get_decision(graph, key)
    except GovgraphError:
        return None
    when = found.effective_date.isoformat()
    if done == "rejected":
        return text("decisions.rejected", lang)
    if done == "approved":
        return text("decisions.approved", lang, date=when)
    if found.status.value == "pending":
        return text("decisions.saved_pending", lang)
    return text("decisions.saved_applied", lang, date=when)
