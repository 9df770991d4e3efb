"""A finding's Fix actions and a decision in a line, as the pages name them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from core.i18n import Lang, text
from graph.decision_model import Decision
from graph.remedies import Remedy, remedies
from graph.rules import Finding
from schema.decisions import DECIDABLE_ROLES, REVIEW_KINDS, DecisionType


class _Page(Protocol):
    lang: Lang

    def url(self, path: str, **params: Any) -> str: ...


@dataclass(frozen=True, slots=True)
class FixLink:
    """One Fix action of a finding: what it decides, and the form it opens."""

    label: str
    url: str


def fix_links(page: _Page, finding: Finding) -> list[FixLink]:
    """The Fix actions of a finding, each a link to its filled-in form."""
    names = {r.key: r.name or r.key for r in finding.related}
    return [
        FixLink(
            text("fix.link", page.lang, action=remedy_label(remedy, names, page.lang)),
            page.url("/decide", **remedy.form_fields()),
        )
        for remedy in remedies(finding)
    ]


def remedy_label(remedy: Remedy, names: Mapping[str, str], lang: Lang) -> str:
    """A remedy in a few words: "Udpeg systemejer", "Afslut systemejer: Lone Kristiansen"."""
    if remedy.type is DecisionType.ACCEPT_RISK:
        return text("decision.accept_risk", lang, rule=remedy.rule)
    if remedy.type is DecisionType.REVIEW:
        return text("decision.review", lang, kind=_review_name(remedy.review_kind, lang))
    if remedy.type is DecisionType.FACTS:
        return text("decision.facts", lang)
    role = _role_name(remedy.role, lang)
    if remedy.type is DecisionType.END:
        person = names.get(remedy.person or "", remedy.person)
        return text("decision.end", lang, role=role, person=person)
    label = text("decision.appoint_open", lang, role=role)
    if remedy.replaces:
        replaced = names.get(remedy.replaces, remedy.replaces)
        label += " " + text("decision.replacing", lang, person=replaced)
    return label


def describe(decision: Decision, names: Mapping[str, str], lang: Lang) -> str:
    """What a stored decision decides, in a line."""
    p = decision.payload
    if p.type is DecisionType.APPOINT:
        line = text("decision.appoint", lang, role=_role_name(p.role, lang),
                    person=names.get(p.person or "", p.person))  # fmt: skip
        if p.replaces:
            line += " " + text("decision.replacing", lang, person=names.get(p.replaces, p.replaces))
        return line
    if p.type is DecisionType.END:
        return text("decision.end", lang, role=_role_name(p.role, lang),
                    person=names.get(p.person or "", p.person))  # fmt: skip
    if p.type is DecisionType.REVIEW:
        return text("decision.review", lang, kind=_review_name(p.review_kind, lang))
    if p.type is DecisionType.FACTS:
        facts = ", ".join(f"{k}: {v}" for k, v in sorted(p.facts.items()))
        return f"{text('decision.facts', lang)} ({facts})"
    return text("decision.accept_risk", lang, rule=p.rule) + f" ({p.expires})"


def _role_name(role: str | None, lang: Lang) -> str:
    found = DECIDABLE_ROLES.get(role or "")
    if found is None:
        return role or ""
    return (found.name_en if lang == "en" else found.name_da).lower()


def _review_name(kind: str | None, lang: Lang) -> str:
    names = REVIEW_KINDS.get(kind or "")
    return (names[1] if lang == "en" else names[0]).lower() if names else kind or ""
