"""The gap rules' findings: where the graph departs from the governance model."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.deps import AsOf, Audit, GraphDep, Paging, Reader, SettingsDep
from api.models import RuleId
from api.routers.common import KeyFilter
from graph.remedies import Remedy, remedies
from graph.rules import Finding, RuleSummary, evaluate

router = APIRouter(tags=["gaps"])


class Severity(StrEnum):
    """How serious a rule's findings are."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FindingOut(Finding):
    """A finding, with the decisions that would resolve it (the pages' "Fix" action)."""

    remedies: list[Remedy] = Field(
        description="Decisions that resolve it, filled in from the finding; propose one with "
        "POST /api/decisions (preview it first with POST /api/decisions/preview)."
    )


class GapsPage(BaseModel):
    """One page of the findings, with the rules that were run."""

    evaluated_at: datetime
    as_of: date
    rules: list[RuleSummary]
    items: list[FindingOut]
    total: int = Field(description="How many findings match in all.")
    limit: int
    offset: int


@router.get("/api/gaps", response_model=GapsPage)
def list_gaps(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Reader,
    audit: Audit,
    page: Paging,
    as_of: AsOf,
    rule: Annotated[
        list[RuleId] | None,
        Query(description="Rule ids, e.g. GM-01 (repeat for several)."),
    ] = None,
    severity: Severity | None = None,
    subject: Annotated[KeyFilter, Query(description="Only findings about this node key.")] = None,
) -> GapsPage:
    """Run the gap rules at as_of and list their findings; filter by rule, severity, subject."""
    rule_ids = [r.value for r in rule] if rule else None
    report = evaluate(graph, as_of=as_of, rule_ids=rule_ids, params=settings.rules)
    findings = [
        f
        for f in report.findings
        if (severity is None or f.severity == severity.value)
        and (subject is None or f.subject.key == subject)
    ]
    items = findings[page.offset : page.offset + page.limit]
    people = {f.subject.key for f in items if f.subject.label == "Person"}
    people |= {r.key for f in items for r in f.related if r.label == "Person"}
    audit.record(
        "gaps.read",
        person_keys=people,
        rules=rule_ids,
        severity=severity,
        subject=subject,
        as_of=as_of.isoformat(),
    )
    return GapsPage(
        evaluated_at=report.evaluated_at,
        as_of=report.as_of,
        rules=report.rules,
        items=[FindingOut(**f.model_dump(), remedies=remedies(f)) for f in items],
        total=len(findings),
        limit=page.limit,
        offset=page.offset,
    )
