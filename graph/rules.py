"""Run the gap rules of ``schema/rules`` against the graph and report what they find.

Every rule takes the same two inputs: ``as_of`` (the date the graph is read at, using the history
the importers keep) and ``excluded`` (people to treat as gone). So one mechanism answers "now",
"on date D" and "if these people left".
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal

import neo4j
from neo4j import ManagedTransaction
from pydantic import BaseModel, Field

from core.errors import GovgraphError, InvalidInput
from core.finding_text import in_sentence, native, render
from core.settings import RuleSettings
from graph.accepted_risks import accepted_risks
from graph.driver import Graph, translate_errors
from graph.priority import FOREGROUND
from schema import governance
from schema.catalogue import Rule, Text, load_catalogue
from schema.model import IMPORT_SCOPES, NOT_IN_USE_LIFECYCLES

Status = Literal["violated", "unknown", "accepted"]
NOBODY = "\x00"  # a person key no import produces
# Each unit's chain up the tree (itself first) and its department (depth 1), passed to the rules
# as $above and $department: walking PART_OF once per unit instead of once per super-user is what
# keeps GM-07 and GM-15 fast on a large graph. Kept per process until the graph changes (see
# _unit_tree: concurrent requests share it, so it is built whole and then swapped in).
_UNIT_TREE = (
    "MATCH (w:OrgUnit) "
    "WITH w, COLLECT { MATCH (w)-[:PART_OF*0..8]->(c:OrgUnit) RETURN c } AS chain "
    "RETURN w.key AS key, [c IN chain | c.key] AS above, "
    "head([c IN chain WHERE c.depth = 1 | c.key]) AS department"
)
_STATE = (
    "CALL { MATCH (r:ImportRun) RETURN collect(DISTINCT r.scope) AS scopes, count(r) AS runs, "
    "max(r.started_at) AS last } "
    "CALL { MATCH (u:OrgUnit) RETURN count(u) AS units } "
    "CALL { MATCH ()-[p:PART_OF]->() RETURN count(p) AS links } "
    # Applied decisions are the register kept in the app: they count as a register source.
    "CALL { MATCH (d:Decision {status: 'applied'}) RETURN count(d) AS decided } "
    "RETURN scopes, runs, last, units, links, decided"
)
SCOPES = tuple(scope.name for scope in IMPORT_SCOPES)


@dataclass(frozen=True, slots=True)
class _UnitTree:
    """$above and $department as read in one state of the graph; never changed once built."""

    state: tuple[str, ...]
    params: Mapping[str, Mapping[str, Any]]


_tree: _UnitTree | None = None
_tree_lock = threading.Lock()


class Entity(BaseModel):
    """A node a finding is about: its label, key and name."""

    label: str
    key: str
    name: str | None = None


class RelatedEntity(Entity):
    """A node that takes part in a finding, and how."""

    relation: str


class RuleSummary(BaseModel):
    """A rule as a report lists it."""

    id: str
    severity: str
    title: Text
    source: str


class Finding(BaseModel):
    """One place where the graph departs from the governance model."""

    rule: str
    severity: str
    status: Status = "violated"
    subject: Entity
    related: list[RelatedEntity] = Field(default_factory=list)
    message: Text
    accepted_until: date | None = Field(
        default=None,
        description="Accepted as a known risk until this date (status accepted); open from it.",
    )
    accepted_by: str | None = Field(default=None, description="The decision that accepted it.")
    variant: str = Field(default="", exclude=True)
    detail: str = Field(default="", exclude=True)

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes two findings the same gap, whatever their counts and names say."""
        return (self.rule, self.subject.label, self.subject.key, self.variant, self.detail)


class GapReport(BaseModel):
    """Every finding of one evaluation, with the rules that were run."""

    evaluated_at: datetime
    as_of: date
    rules: list[RuleSummary]
    findings: list[Finding]
    seconds: dict[str, float] = Field(default_factory=dict, exclude=True)

    def by_rule(self) -> dict[str, list[Finding]]:
        """The findings grouped by rule id, in catalogue order (rules without any included)."""
        grouped: dict[str, list[Finding]] = {r.id: [] for r in self.rules}
        for finding in self.findings:
            grouped.setdefault(finding.rule, []).append(finding)
        return grouped


def select_rules(rule_ids: Iterable[str] | None = None) -> list[Rule]:
    """The catalogue's rules, or those named (case-insensitive); unknown ids are InvalidInput."""
    rules = list(load_catalogue())
    if not rule_ids:
        return rules
    wanted = [r.strip().upper() for r in rule_ids]
    known = {r.id for r in rules}
    unknown = [r for r in wanted if r not in known]
    if unknown:
        raise InvalidInput(
            f"Unknown rule id(s): {', '.join(unknown)}.",
            hint=f"Use one of {', '.join(sorted(known))}.",
        )
    return [r for r in rules if r.id in wanted]


def role_weights(settings: RuleSettings) -> dict[str, float]:
    """Overload weight per role: schema.governance's defaults, overridden by the settings."""
    weights = {r.key: r.weight for r in governance.roles()}
    weights.update(settings.role_weights)
    return weights


def shared_parameters(
    *,
    as_of: date,
    excluded: Sequence[str],
    settings: RuleSettings,
    focus: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The parameters every rule query receives."""
    return {
        "as_of": as_of,
        # Never empty: Neo4j caches a plan per parameter type, and [] is not a list of strings.
        # Never one key alone: it also plans a list of one apart from one of 2-10 (its size is
        # part of the plan's key, rounded up to a power of ten), and the two runs of a what-if,
        # nobody and one person excluded, should share their plans.
        "excluded": list(dict.fromkeys([*excluded, NOBODY, NOBODY * 2])),
        "focus": None if focus is None else list(dict.fromkeys(focus)),
        "not_in_use": list(NOT_IN_USE_LIFECYCLES),
        "roles": {
            r.key: {"da": in_sentence(r.name_da), "en": in_sentence(r.name_en)}
            for r in governance.roles()
        },
        "weights": role_weights(settings),
        "max_weight": max(role_weights(settings).values(), default=0.0),
        "required_roles": [r.key for r in governance.roles() if r.relationship == "HOLDS_ROLE"],
    }


def rule_parameters(rule: Rule, settings: RuleSettings) -> dict[str, Any]:
    """A rule's own parameters: the setting of the same name, else the rule's default."""
    return {name: getattr(settings, name, p.default) for name, p in rule.params.items()}


def evaluate(
    graph: Graph,
    *,
    as_of: date,
    excluded: Sequence[str] = (),
    rule_ids: Iterable[str] | None = None,
    params: RuleSettings | None = None,
    focus: Sequence[str] | None = None,
) -> GapReport:
    """Run the rules (all, or those named) and collect the findings.

    The plain catalogue runs several rules at once (``_run_concurrently``); with ``excluded`` or
    ``focus`` (a what-if) they run in one read transaction.

    ``focus`` (node keys) keeps only the findings about those subjects; see ``what_if``.

    Asked for by background work (the app's warm-up, the worker's jobs: not while answering a
    request), the plain catalogue gives way to requests before each rule (``graph.priority``).
    """
    rules = select_rules(rule_ids)
    if excluded or focus is not None:
        return _evaluate(graph, rules, as_of=as_of, excluded=excluded, params=params, focus=focus)
    # The catalogue as it is: asked for by several requests at once (or by one while the app's
    # warm-up runs it), it is run once and every asker gets that run's report.
    key = (
        graph.database,
        as_of,
        tuple(r.id for r in rules),
        params.model_dump_json() if params else None,
    )
    give_way = None if FOREGROUND.answering() else FOREGROUND.give_way
    return _CATALOGUE_RUNS.run(
        key, lambda: _evaluate(graph, rules, as_of=as_of, params=params, give_way=give_way)
    )


class SingleFlight:
    """Calls with the same key at the same time share one run: the first caller's."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Hashable, Future[Any]] = {}

    def run(self, key: Hashable, work: Callable[[], Any]) -> Any:
        """``work()``, or the result (or error) of the run of ``key`` under way."""
        with self._lock:
            running = self._running.get(key)
            if running is None:
                mine: Future[Any] = Future()
                self._running[key] = mine
        if running is not None:
            with FOREGROUND.waiting_for_background():
                return running.result()
        try:
            result = work()
        except BaseException as e:
            mine.set_exception(e)
            raise
        else:
            mine.set_result(result)
            return result
        finally:
            with self._lock:
                del self._running[key]


_CATALOGUE_RUNS = SingleFlight()


def _evaluate(
    graph: Graph,
    rules: list[Rule],
    *,
    as_of: date,
    excluded: Sequence[str] = (),
    params: RuleSettings | None = None,
    focus: Sequence[str] | None = None,
    give_way: Callable[[], object] | None = None,
) -> GapReport:
    evaluated_at = datetime.now(UTC)
    settings = params or RuleSettings()

    def work(tx: ManagedTransaction) -> tuple[list[Finding], dict[str, float]]:
        return run_rules(
            tx, graph.database, rules, as_of=as_of, excluded=excluded, params=params, focus=focus
        )

    with translate_errors():
        if excluded or focus is not None or settings.concurrent_rules == 1:
            with _session(graph) as session:
                findings, seconds = session.execute_read(work)
        else:
            findings, seconds = _run_concurrently(
                graph, rules, as_of=as_of, settings=settings, give_way=give_way
            )
    return GapReport(
        evaluated_at=evaluated_at,
        as_of=as_of,
        rules=[
            RuleSummary(id=r.id, severity=r.severity, title=r.title, source=r.source) for r in rules
        ],
        findings=findings,
        seconds=seconds,
    )


def _session(graph: Graph) -> neo4j.Session:
    # Rules name relationship types and properties a young graph may not have yet: no warnings.
    # A rule's findings are read whole, so they come in one stream (fetch_size -1): fetched 1,000
    # at a time, Neo4j would stop after each thousand until the client asked for more.
    return graph.driver.session(
        database=graph.database, notifications_min_severity="OFF", fetch_size=-1
    )


def _run_concurrently(
    graph: Graph,
    rules: list[Rule],
    *,
    as_of: date,
    settings: RuleSettings,
    give_way: Callable[[], object] | None = None,
) -> tuple[list[Finding], dict[str, float]]:
    """The plain catalogue: each rule in its own read transaction, ``concurrent_rules`` at once.

    One transaction for all rules would not read one snapshot either: Neo4j reads are
    read-committed, so a later rule sees what was committed while an earlier one ran
    (https://neo4j.com/docs/operations-manual/current/database-internals/: "The default isolation
    level is read-committed"; "Non-repeatable reads may occur"). A preview, whose rules must see
    its uncommitted writes, and a what-if call ``run_rules`` in their own transaction instead.
    The rules that took longest last time start first, so that none is left to run alone.
    """

    def prepare(
        tx: ManagedTransaction,
    ) -> tuple[dict[str, Any], dict[tuple[str, str], tuple[date, str]]]:
        base = _base_parameters(tx, graph.database, rules, as_of=as_of, settings=settings)
        return base, accepted_risks(tx, as_of)

    def run(rule: Rule) -> tuple[list[Finding], float]:
        if give_way is not None:
            give_way()
        with _session(graph) as session:
            return session.execute_read(_rule_findings, rule, base=base, settings=settings)

    with _session(graph) as session:
        base, accepted = session.execute_read(prepare)
    longest_first = sorted(rules, key=lambda r: -_LAST_SECONDS.get(r.id, 0.0))
    with ThreadPoolExecutor(max_workers=settings.concurrent_rules) as pool:
        running = {r.id: pool.submit(run, r) for r in longest_first}
        try:
            # In catalogue order: of two failing rules, the first one's error (as one transaction).
            done = [running[r.id].result() for r in rules]
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise
    seconds = {r.id: took for r, (_, took) in zip(rules, done, strict=True)}
    _LAST_SECONDS.update(seconds)
    findings = [f for found, _ in done for f in found]
    return _reported(findings, accepted=accepted, rules=rules), seconds


_LAST_SECONDS: dict[str, float] = {}  # each rule's time in this process's last catalogue


def report_order(rules: Sequence[Rule]) -> Callable[[Finding], tuple[Any, ...]]:
    """The sort key of a report's findings: by rule as listed, violated first, then by subject."""
    order = {r.id: i for i, r in enumerate(rules)}
    return lambda f: (
        order[f.rule],
        f.status != "violated",
        (f.subject.name or "").casefold(),
        f.subject.key,
        f.variant,
        f.detail,
    )


def run_rules(
    tx: ManagedTransaction,
    database: str,
    rules: Sequence[Rule],
    *,
    as_of: date,
    excluded: Sequence[str] = (),
    params: RuleSettings | None = None,
    focus: Sequence[str] | None = None,
    read: dict[str, Any] | None = None,
) -> tuple[list[Finding], dict[str, float]]:
    """Run ``rules`` in transaction ``tx`` (which may hold uncommitted writes: a preview).

    Returns the findings in report order, and the seconds each rule took. ``read``: for several
    runs in one transaction at one ``as_of`` (a what-if's six), what the first run read of the
    import state and the accepted risks, kept in it for the next.
    """
    settings = params or RuleSettings()
    read = {} if read is None else read
    if "state" not in read:
        read["state"] = tx.run(_STATE).single(strict=True).data()
    base = _base_parameters(
        tx,
        database,
        rules,
        as_of=as_of,
        excluded=excluded,
        settings=settings,
        focus=focus,
        state=read["state"],
    )
    findings: list[Finding] = []
    seconds: dict[str, float] = {}
    for rule in rules:
        found, seconds[rule.id] = _rule_findings(tx, rule, base=base, settings=settings)
        findings.extend(found)
    if "accepted" not in read:
        read["accepted"] = accepted_risks(tx, as_of)
    return _reported(findings, accepted=read["accepted"], rules=rules), seconds


def _base_parameters(
    tx: ManagedTransaction,
    database: str,
    rules: Sequence[Rule],
    *,
    as_of: date,
    settings: RuleSettings,
    excluded: Sequence[str] = (),
    focus: Sequence[str] | None = None,
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The parameters every rule may use: the shared ones, what is imported, the unit tree
    (``state``: what is imported, if read already in this transaction)."""
    shared = shared_parameters(as_of=as_of, excluded=excluded, settings=settings, focus=focus)
    if state is None:
        state = tx.run(_STATE).single(strict=True).data()
    imported = {s: s in state["scopes"] for s in SCOPES}
    imported["register"] = imported["register"] or state["decided"] > 0
    base = {**shared, "imported": imported}
    if any("$above" in r.query or "$department" in r.query for r in rules):
        # Decisions change no unit: their count is not part of the tree's state.
        tree_state = (database, *(str(v) for k, v in state.items() if k != "decided"))
        base.update(_unit_tree(tx, tree_state))
    return base


def _rule_findings(
    tx: ManagedTransaction, rule: Rule, *, base: dict[str, Any], settings: RuleSettings
) -> tuple[list[Finding], float]:
    """One rule's findings, and the seconds it took."""
    began = time.perf_counter()
    rows = _run_rule(tx, rule, {**base, **rule_parameters(rule, settings)})
    return [_finding(rule, row) for row in rows], time.perf_counter() - began


def _reported(
    findings: list[Finding],
    *,
    accepted: dict[tuple[str, str], tuple[date, str]],
    rules: Sequence[Rule],
) -> list[Finding]:
    """The findings with the accepted risks marked, in report order."""
    marked = _mark_accepted(findings, accepted)
    marked.sort(key=report_order(rules))
    return marked


def _run_rule(tx: ManagedTransaction, rule: Rule, params: dict[str, Any]) -> list[dict[str, Any]]:
    query = collected_query(rule.query if params.get("focus") is None else rule.focused_query)
    # Send only what the query names: the unit tree alone is thousands of entries.
    used = {name: params[name] for name in _parameter_names(query) if name in params}
    try:
        # Rules return maps, lists and values, never nodes: the rows are used as they come.
        return tx.run(query, used).single(strict=True)["rows"]
    except neo4j.exceptions.ClientError as e:
        raise GovgraphError(
            f"The query of rule {rule.id} failed: {e.message}",
            hint=f"Correct schema/rules/{rule.id}.toml.",
        ) from e


def _unit_tree(tx: ManagedTransaction, state: tuple[str, ...]) -> Mapping[str, Any]:
    """$above and $department, read again only when an import or the unit counts changed."""
    global _tree
    tree = _tree  # read once: a refresh replaces the whole tree and never changes one
    if tree is None or tree.state != state:
        with _tree_lock:  # one request reads the tree, those that need the same one wait for it
            tree = _tree
            if tree is None or tree.state != state:
                rows = [record.data() for record in tx.run(_UNIT_TREE)]
                tree = _UnitTree(
                    state,
                    {
                        "above": {row["key"]: row["above"] for row in rows},
                        "department": {row["key"]: row["department"] for row in rows},
                    },
                )
                _tree = tree
    return tree.params


# What a finding is built from: a rule returns ``subject`` and any of the others, each named
# with ``AS`` in its query.
FINDING_PARTS = ("subject", "related", "status", "variant", "detail", "facts")


@lru_cache(maxsize=128)
def collected_query(query: str) -> str:
    """The rule's query with its rows collected into one list, so that they come as one record.

    The driver handles every record in Python (about 20 us each); the values of one record are
    unpacked by its Rust extension. GM-07's 3,551 findings at scale 1.0 took 78 ms of the
    client's CPU as rows and 17 ms as one list, and the client shares two cores with Neo4j.
    """
    columns = [c for c in FINDING_PARTS if re.search(rf"\b[Aa][Ss]\s+{c}\b", query)]
    return (
        f"CALL () {{\n{query}\n}}\n"
        f"RETURN collect({{{', '.join(f'{c}: {c}' for c in columns)}}}) AS rows"
    )


@lru_cache(maxsize=64)
def _parameter_names(query: str) -> frozenset[str]:
    return frozenset(re.findall(r"\$(\w+)", query))


def diff(before: GapReport, after: GapReport) -> tuple[list[Finding], list[Finding]]:
    """The findings only ``after`` has (new) and those only ``before`` has (resolved)."""
    old = {f.identity for f in before.findings}
    new = {f.identity for f in after.findings}
    return (
        [f for f in after.findings if f.identity not in old],
        [f for f in before.findings if f.identity not in new],
    )


def _mark_accepted(
    findings: list[Finding], accepted: dict[tuple[str, str], tuple[date, str]]
) -> list[Finding]:
    """Findings a decision accepted as a known risk get status accepted, with the expiry."""
    marked = []
    for finding in findings:
        risk = accepted.get((finding.rule, finding.subject.key))
        if risk is not None:
            update = {"status": "accepted", "accepted_until": risk[0], "accepted_by": risk[1]}
            finding = finding.model_copy(update=update)
        marked.append(finding)
    return marked


def _finding(rule: Rule, row: dict[str, Any]) -> Finding:
    subject = Entity(**row["subject"])  # labels, keys and names: strings, nothing to convert
    facts = {k: native(v) for k, v in (row.get("facts") or {}).items()}
    variant = row.get("variant") or ""
    template = rule.template(variant)
    return Finding(
        rule=rule.id,
        severity=rule.severity,
        status=row.get("status") or "violated",
        subject=subject,
        related=[RelatedEntity(**r) for r in row.get("related") or []],
        message=Text(
            da=render(template.da, facts, subject=subject.name or subject.key, lang="da"),
            en=render(template.en, facts, subject=subject.name or subject.key, lang="en"),
        ),
        variant=variant,
        detail=str(row.get("detail") or ""),
    )
