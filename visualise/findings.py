"""The gap rules' findings as the pages need them: cached per data version, indexed by node.

Every page marks what the rules found about the nodes it shows. Running the whole catalogue
for each page view is wasteful, so one report per (as_of, excluded) is kept until the graph
changes (a new import run or new reference data changes ``graph.views.data_version``).
"""

from __future__ import annotations

import threading
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.finding_text import in_sentence, role_name
from core.i18n import Lang
from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import Finding, GapReport, evaluate
from graph.views import data_version
from schema import governance

SEVERITIES: tuple[str, ...] = ("high", "medium", "low")
_ROLE_ORDER = {role.key: i for i, role in enumerate(governance.roles())}


class ReportCache:
    """The last few gap reports, each valid while the graph's data version is unchanged."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._reports: OrderedDict[tuple[Any, ...], GapReport] = OrderedDict()

    def report(
        self,
        graph: Graph,
        *,
        as_of: date,
        rules: RuleSettings,
        excluded: Sequence[str] = (),
    ) -> GapReport:
        """The report for ``as_of`` and ``excluded``, evaluated now or taken from the cache."""
        key = (as_of, tuple(sorted(excluded)), data_version(graph), rules.model_dump_json())
        with self._lock:
            found = self._reports.get(key)
            if found is not None:
                self._reports.move_to_end(key)
                return found
        report = evaluate(graph, as_of=as_of, excluded=excluded, params=rules)
        with self._lock:
            self._reports[key] = report
            while len(self._reports) > self.size:
                self._reports.popitem(last=False)
        return report


def node_id(label: str, key: str) -> str:
    """The id a role graph gives a node."""
    return f"{label}:{key}"


class FindingIndex:
    """The findings of a report by the nodes they are about (as subject or as involved)."""

    def __init__(self, findings: Iterable[Finding]) -> None:
        self.findings = list(findings)
        self._about: dict[str, list[Finding]] = defaultdict(list)
        for finding in self.findings:
            ids = {node_id(finding.subject.label, finding.subject.key)}
            ids |= {node_id(r.label, r.key) for r in finding.related}
            for nid in ids:
                self._about[nid].append(finding)

    def about(self, label: str, key: str) -> list[Finding]:
        """Findings whose subject is this node or that involve it."""
        return list(self._about.get(node_id(label, key), ()))

    def about_any(self, ids: Iterable[str]) -> list[Finding]:
        """Findings about any of these node ids, each once, in report order."""
        wanted = set(ids)
        return [
            f
            for f in self.findings
            if node_id(f.subject.label, f.subject.key) in wanted
            or any(node_id(r.label, r.key) in wanted for r in f.related)
        ]

    def messages(self, lang: str) -> dict[str, list[str]]:
        """For each node id, the messages of its findings (for the graph's tooltips)."""
        return {
            nid: [f"{f.rule}: {f.message.en if lang == 'en' else f.message.da}" for f in found]
            for nid, found in self._about.items()
        }


@dataclass(frozen=True, slots=True)
class Involved:
    """An entity a finding involves, listed once, with every role it is involved in."""

    label: str
    key: str
    name: str | None
    roles: tuple[str, ...]


def involved(finding: Finding, lang: Lang) -> list[Involved]:
    """The finding's related entities, once each in first-seen order, with their roles.

    A rule may list an entity once per role it is involved in (GM-14: a system per role the
    person holds on it); a reader wants "System A (systemansvarlig, systemadministrator)". The
    roles are named in ``lang``, in the model's order of roles.
    """
    grouped: dict[tuple[str, str], tuple[str | None, list[str]]] = {}
    for related in finding.related:
        _, relations = grouped.setdefault((related.label, related.key), (related.name, []))
        if related.relation and related.relation not in relations:
            relations.append(related.relation)
    return [
        Involved(label=label, key=key, name=name, roles=_role_names(relations, lang))
        for (label, key), (name, relations) in grouped.items()
    ]


def _role_names(relations: list[str], lang: Lang) -> tuple[str, ...]:
    ordered = sorted(relations, key=lambda r: _ROLE_ORDER.get(r, len(_ROLE_ORDER)))
    return tuple(in_sentence(getattr(role_name(r), lang)) for r in ordered)


def by_severity(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each severity, high first (zeros included)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    return counts


def person_keys(findings: Iterable[Finding]) -> set[str]:
    """The keys of the people these findings name (for the audit log)."""
    keys: set[str] = set()
    for finding in findings:
        if finding.subject.label == "Person":
            keys.add(finding.subject.key)
        keys |= {r.key for r in finding.related if r.label == "Person"}
    return keys
