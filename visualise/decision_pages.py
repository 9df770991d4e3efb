"""The decision pages: a finding's Fix form with its preview, the decisions list, history.

The form works without scripts: "Forhåndsvis"/"Preview" posts it and the page comes back with
the same values and the findings the decision would resolve and create; "Gem"/"Save" proposes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from core.errors import InvalidInput, NeedsAcknowledgement
from core.settings import Settings
from graph import decisions
from graph.decision_model import Decision, Proposal
from graph.decision_preview import Preview
from graph.driver import Graph
from graph.history import History, history
from graph.person_lookup import resolve_person
from graph.remedies import Remedy, candidates, names_of, subject_of
from graph.successors import Candidate
from schema.decisions import DECIDABLE_ROLES, FACT_VALUES, DecisionStatus, DecisionType
from visualise.entity_pages import PageData
from visualise.fixes import describe, remedy_label
from visualise.render import PageContext

# The form's fields that carry the remedy (hidden) and those a person fills in.
REMEDY_FIELDS = ("type", "role", "subject", "subject_label", "replaces", "kind", "review_kind",
                 "rule", "facts")  # fmt: skip
FACT_FIELDS = ("financing_source", "handles_personal_data", "dpa_status")
DECISIONS_SHOWN = 20


# -- the form ------------------------------------------------------------------------------------


@dataclass(slots=True)
class DecisionForm:
    """The form's values (as sent), and what it shows beside them."""

    values: dict[str, str]
    subject: Any = None
    names: dict[str, str] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)
    preview: Preview | None = None
    error: str | None = None
    hint: str | None = None
    heading: str = ""
    ask_acknowledgement: bool = False

    def value(self, name: str, default: str = "") -> str:
        """A field's value as the form shows it."""
        return self.values.get(name) or default

    @property
    def type(self) -> str:
        """The decision type the form is for."""
        return self.value("type")

    @property
    def facts(self) -> list[str]:
        """The register facts a facts decision sets."""
        return [f for f in self.value("facts").split(",") if f in FACT_FIELDS]

    @staticmethod
    def fact_choices(fact: str) -> list[tuple[str, str]]:
        """The values a register fact may take, and the kind of value that names them."""
        kind = "dpa_status" if fact == "dpa_status" else "answer"
        return [(value, kind) for value in FACT_VALUES.get(fact) or ()]

    def remedy_fields(self) -> list[tuple[str, str]]:
        """The hidden fields that carry the remedy from the link to the saved decision."""
        return [(name, self.values[name]) for name in REMEDY_FIELDS if self.values.get(name)]


def decision_form(
    graph: Graph,
    page: PageContext,
    values: Mapping[str, str],
    *,
    settings: Settings,
    preview: Preview | None = None,
    error: Exception | None = None,
) -> PageData:
    """The form of a decision, filled in with ``values``; its preview or error when given."""
    filled = {k: str(v) for k, v in values.items()}
    if filled.get("type") not in {t.value for t in DecisionType}:
        raise InvalidInput(
            "The decision form needs a type.", hint="Open it from a finding's Fix link."
        )
    filled.setdefault("effective_date", page.as_of.isoformat())
    form = DecisionForm(values=filled, preview=preview)
    label, key = _subject_ref(filled)
    form.subject = subject_of(graph, label, key)
    keys = [filled.get(k, "") for k in ("person", "replaces")]
    if filled["type"] == DecisionType.APPOINT and filled.get("role") in DECIDABLE_ROLES:
        form.candidates = candidates(
            graph,
            filled["role"],
            form.subject,
            kind=filled.get("kind") or None,
            replaces=filled.get("replaces") or None,
            as_of=page.as_of,
            settings=settings.rules,
        )
    form.names = names_of(graph, keys)
    form.heading = _heading(filled, form.names, page)
    if error is not None:
        form.error = getattr(error, "message", str(error))
        form.hint = getattr(error, "hint", None)
    form.ask_acknowledgement = (
        bool(preview and preview.needs_acknowledgement)
        or isinstance(error, NeedsAcknowledgement)
        or filled.get("acknowledge") == "on"
    )
    shown = [*(preview.resolved + preview.created + preview.accepted if preview else [])]
    people = {c.person.key for c in form.candidates} | {k for k in keys if k}
    people |= {r.key for f in shown for r in f.related if r.label == "Person"}
    return PageData(data={"form": form}, people=people)


def _heading(values: Mapping[str, str], names: Mapping[str, str], page: PageContext) -> str:
    fields = ("role", "person", "replaces", "review_kind", "rule")
    remedy = Remedy.model_validate(
        {
            "type": values["type"],
            "subject_label": values.get("subject_label") or "System",
            **{k: values.get(k) or None for k in fields},
        }
    )
    return remedy_label(remedy, names, page.lang)


def _subject_ref(values: Mapping[str, str]) -> tuple[str, str]:
    role = DECIDABLE_ROLES.get(values.get("role") or "")
    if values.get("type") in (DecisionType.APPOINT, DecisionType.END) and role is not None:
        return role.target, role.fixed_target or values.get("subject", "")
    return values.get("subject_label") or "System", values.get("subject", "")


def proposal_from_form(graph: Graph, values: Mapping[str, str]) -> Proposal:
    """The proposal a submitted form makes; names and e-mails are resolved to people's keys."""

    def person(name: str) -> str | None:
        given = (values.get(name) or "").strip()
        return resolve_person(graph, given) if given else None

    chosen = person("person_text") or values.get("person") or None
    participants = [
        resolve_person(graph, line.strip())
        for line in (values.get("participants_text") or "").splitlines()
        if line.strip()
    ]
    facts = {f: values[f"fact_{f}"].strip() for f in FACT_FIELDS if values.get(f"fact_{f}")}
    data: dict[str, Any] = {
        **{k: values.get(k) or None for k in ("type", "role", "subject", "replaces", "kind")},
        **{k: values.get(k) or None for k in ("review_kind", "rule", "until", "minute", "link")},
        "effective_date": values.get("effective_date") or None,
        "reason": (values.get("reason") or "").strip(),
        "person": chosen,
        "appointed_by": person("appointed_by_text"),
        "owner": person("owner_text"),
        "expires": values.get("expires") or None,
        "participants": participants,
        "facts": facts,
        "acknowledge_findings": values.get("acknowledge") == "on",
    }
    if data["type"] == DecisionType.ACCEPT_RISK:
        data["subject_label"] = values.get("subject_label") or None
    try:
        return Proposal.model_validate({k: v for k, v in data.items() if v is not None})
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'form'}: {err['msg']}" for err in e.errors()
        )
        raise InvalidInput(f"The form is not complete: {problems}.", hint="Correct it.") from e


# -- the decisions page --------------------------------------------------------------------------


def decisions_page(graph: Graph, page: PageContext, *, notice: str | None = None) -> PageData:
    """Pending decisions (with who must approve) and the latest ones."""
    pending = decisions.list_decisions(
        graph, status=DecisionStatus.PENDING, limit=100, offset=0
    ).items
    recent = decisions.list_decisions(graph, status=None, limit=DECISIONS_SHOWN, offset=0).items
    return decision_rows(graph, page, pending=pending, recent=recent, notice=notice)


def decision_rows(
    graph: Graph,
    page: PageContext,
    *,
    pending: list[Decision],
    recent: Iterable[Decision] = (),
    notice: str | None = None,
) -> PageData:
    """Decisions as the pages list them: each with its line and its subject's name."""
    shown = [*pending, *recent]
    names = names_of(graph, _named_keys(shown))
    lines = {d.key: describe(d, names, page.lang) for d in shown}
    people = {k for d in shown for k in (d.payload.person, d.payload.replaces) if k}
    return PageData(
        data={
            "pending": pending,
            "recent": list(recent),
            "lines": lines,
            "names": names,
            "notice": notice,
        },
        people=people,
    )


def _named_keys(shown: Iterable[Decision]) -> set[str]:
    keys: set[str] = set()
    for d in shown:
        keys |= {k for k in (d.subject_key, d.payload.person, d.payload.replaces) if k}
    return keys


# -- history on the entity pages -----------------------------------------------------------------


def history_data(graph: Graph, page: PageContext, label: str, key: str) -> PageData:
    """An entity's history section and its pending decisions, for its page."""
    found: History = history(graph, label, key)
    pending = [d for d in found.decisions if d.status is DecisionStatus.PENDING]
    if pending:
        pending = graph.read(lambda tx: decisions.with_approvers(tx, pending))
    rows = decision_rows(graph, page, pending=pending)
    return PageData(
        data={"history": found, "pending_here": rows.data},
        people=found.person_keys() | rows.people,
    )
