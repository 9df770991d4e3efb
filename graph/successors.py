"""Candidate successors for a vacated role, ranked, each with the reasons for the rank.

The pool: people who already hold a role on the same system, forum, role or unit; the leaver's
office; role holders in the leaver's department; the offices that use the system; and, where the
model asks for it, JB-sekretariatet. Each candidate earns points for what fits and loses them for
load; systemejer and forum seats also have hard requirements (GM-02, GM-10).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, Protocol

from pydantic import BaseModel

from core.finding_text import both, in_sentence, role_name
from core.settings import RuleSettings
from graph.driver import Graph
from graph.rules import NOBODY, Entity, role_weights
from schema import governance
from schema.catalogue import Text, expand_macros
from schema.model import NOT_IN_USE_LIFECYCLES

TOP = 5
Reason = tuple[str, dict[str, object]]  # a ``succession.*`` text key and its values
OWNER_LEVELS = ("direktoer", "chef", "kontorleder")
_OWNER_LEVELS = frozenset(OWNER_LEVELS)
_HOLDER_TYPES = {
    "System": ["OWNS", "RESPONSIBLE_FOR", "ADMINISTERS", "SUPERUSER_OF", "HAS_SYSTEM_ROLE"],
    "Forum": ["SITS_IN"],
    "Role": ["HOLDS_ROLE"],
    "OrgUnit": ["MANAGES"],
}
_IN_SECRETARIAT = (
    "EXISTS { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m) "
    "AND (coalesce(u.is_secretariat, false) "
    "OR EXISTS { MATCH (u)-[:PART_OF*1..4]->(t:OrgUnit) WHERE t.is_secretariat }) }"
)
# The leaver's offices and departments (none when nobody leaves).
_LEAVER = """
OPTIONAL MATCH (leaver:Person {key: $leaver})
WITH leaver, COLLECT {
  MATCH (leaver)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m) RETURN DISTINCT u
} AS offices
WITH leaver, offices, COLLECT {
  UNWIND offices AS o MATCH (o)-[:PART_OF*0..4]->(d:OrgUnit) WHERE d.depth = 1
  RETURN DISTINCT d
} AS depts
"""
# The pool of each vacated role. What does not depend on the role's target (the people near the
# leaver, the secretariat; a candidate's level, units, load and holdings) is read once, not once
# per role: the busiest leaver has over a hundred roles, and the same few dozen colleagues are
# in the pool of each.
_POOL = (
    _LEAVER
    + """
WITH leaver, offices, depts, COLLECT {
  UNWIND offices AS o MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(o) WHERE @current(m) RETURN c
  UNION
  UNWIND depts AS d
  MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(:OrgUnit)-[:PART_OF*0..3]->(d)
  WHERE @current(m)
    AND EXISTS { (c)-[:OWNS|RESPONSIBLE_FOR|ADMINISTERS|MANAGES]->() }
  RETURN c
} AS near, CASE WHEN any(item IN $items WHERE item.secretariat) THEN COLLECT {
  MATCH (c:Person)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit)
  WHERE u.is_secretariat AND @current(m) RETURN DISTINCT c
} ELSE [] END AS secretariat
// One statement for all of the leaver's vacated roles on targets of this label.
UNWIND $items AS item
MATCH (x:`LABEL` {key: item.target})
// Kept small on purpose: a large system has thousands of users and super-users.
CALL (x, near, secretariat, item) {
  MATCH (c:Person)-[r:POOL_TYPES]->(x) WHERE @current(r) RETURN c
  UNION
  UNWIND near AS c RETURN c
  UNION
  // The leaders of the units that use the system: for a systemejer, among the user leaders.
  MATCH (u:OrgUnit)-[y:USES]->(x) WHERE item.user_leaders = [] AND @current(y)
  MATCH (c:Person)-[m:MANAGES]->(u) WHERE @current(m) RETURN c
  UNION
  MATCH (x)-[:PART_OF]->(:OrgUnit)<-[m:MANAGES]-(c:Person) WHERE @current(m) RETURN c
  UNION
  UNWIND CASE WHEN item.secretariat THEN secretariat ELSE [] END AS c RETURN c
}
// One row per role: a few hundred candidate keys travel as lists, not as thousands of rows.
// Who is present is asked once per candidate, by the candidates' query, not once per role.
WITH DISTINCT x, item, c
WITH item, x, collect(c) AS pool
// The user leaders: the leaders of the units that use the system, and of those up to four
// levels above them.
RETURN item.index AS item, [c IN pool | c.key] + item.user_leaders AS keys,
  [c IN pool WHERE x:OrgUnit AND EXISTS {
    MATCH (c)-[m:MANAGES]->(:OrgUnit)<-[:PART_OF]-(x) WHERE @current(m) } | c.key] AS leading
"""
)
# The holders' types are written into the pattern: a system has thousands of users and
# super-users, and a typed expansion does not read their relationships.
_POOLS = {
    label: expand_macros(
        _POOL.replace("LABEL", label).replace(
            "POOL_TYPES", "|".join(t for t in types if t != "SUPERUSER_OF")
        )
    )
    for label, types in _HOLDER_TYPES.items()
}
# Each unit that uses one of the systems, which of them it uses, and, if one of them lost its
# systemejer, who leads the unit or a unit up to four levels above it: each unit walked once,
# however many of the systems it uses (a leader's units use most of a busy leaver's systems).
_USING_UNITS = expand_macros(
    "UNWIND $targets AS key MATCH (:System {key: key})<-[y:USES]-(u:OrgUnit) WHERE @current(y) "
    "WITH u, collect(DISTINCT key) AS targets "
    "RETURN u.key AS unit, targets, CASE WHEN any(key IN targets WHERE key IN $owned) "
    "THEN COLLECT { MATCH (u)-[:PART_OF*0..4]->(:OrgUnit)<-[m:MANAGES]-(c:Person) "
    "WHERE @current(m) RETURN DISTINCT c.key } ELSE [] END AS leaders"
)
# What the ranking needs of each candidate, read once: name, level, units, load, and what the
# candidate holds on, and which of the candidate's units use, the targets.
_CANDIDATES = expand_macros(
    _LEAVER
    + """
UNWIND $keys AS key MATCH (c:Person {key: key}) WHERE @present(c)
RETURN key, c.name AS name, c.line_level AS level,
  [o IN offices WHERE EXISTS {
    MATCH (c)-[m:MEMBER_OF|MANAGES]->(o) WHERE @current(m) } | o.name] AS same_office,
  [d IN depts WHERE EXISTS {
    MATCH (c)-[m:MEMBER_OF|MANAGES]->(:OrgUnit)-[:PART_OF*0..3]->(d) WHERE @current(m)
  } | d.name] AS same_department,
  COLLECT { MATCH (c)-[m:MANAGES]->(:OrgUnit) WHERE @current(m)
    RETURN DISTINCT coalesce(m.level, 'kontorleder') } AS leads,
  EXISTS { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m)
    AND (coalesce(u.is_central_it, false)
      OR EXISTS { MATCH (u)-[:PART_OF*1..6]->(t:OrgUnit) WHERE t.is_central_it }) } AS central_it,
  SECRETARIAT AS secretariat,
  COLLECT { MATCH (c)-[h:HOLDS_ROLE]->(r:Role) WHERE @current(h) RETURN DISTINCT r.key }
    AS org_roles,
  COLLECT { MATCH (c)-[r:OWNS|RESPONSIBLE_FOR|ADMINISTERS|SUPERUSER_OF]->(s:System)
    WHERE @current(r) AND @in_use(s) RETURN DISTINCT @role(r, s) + '|' + s.key }
  + COLLECT { MATCH (c)-[r:HOLDS_ROLE]->(x:Role) WHERE @current(r)
    RETURN DISTINCT x.key + '|' + x.key } AS held,
  COLLECT { MATCH (c)-[r:HOLDER_TYPES]->(x) WHERE type(r) IN $holder_types
    AND x.key IN $targets AND @current(r) RETURN DISTINCT {labels: labels(x), key: x.key,
    type: type(r), role: @role(r, x)} AS h } AS holds,
  COLLECT { MATCH (c)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) WHERE @current(m)
    RETURN [u.key, u.name] AS unit } AS units
""".replace("SECRETARIAT", _IN_SECRETARIAT).replace(
        # Typed: a leader's meetings attended and units are most of the relationships.
        "HOLDER_TYPES",
        "|".join(dict.fromkeys(t for ts in _HOLDER_TYPES.values() for t in ts)),
    )
)


class Candidate(BaseModel):
    """A possible successor, with a score and the reasons for it."""

    person: Entity
    score: int
    load: float
    reasons: list[Text]


class Succession(BaseModel):
    """A vacated role and its ranked candidate successors."""

    role: str
    target: Entity
    candidates: list[Candidate]


def find_successors(
    graph: Graph,
    leaver: str,
    vacated: Sequence[tuple[str, Entity]],
    *,
    as_of: date,
    settings: RuleSettings,
) -> list[Succession]:
    """Ranked candidates (at most five) for each vacated (role, target).

    One pool query per target label for all the roles, and one query for what the ranking needs
    of each candidate whatever the role (level, units, load): the busiest people hold over a
    hundred roles, and the same colleagues are candidates for most of them.
    """
    weights = role_weights(settings)
    items = [
        (i, role, target) for i, (role, target) in enumerate(vacated) if target.label in _POOLS
    ]
    leaders, used = _using_units(
        graph,
        sorted({t.key for _, _, t in items if t.label == "System"}),
        owned={t.key for _, role, t in items if role == "systemejer"},
        as_of=as_of,
    )
    pools: dict[int, list[dict[str, Any]]] = {i: [] for i, _, _ in items}
    for label in sorted({target.label for _, _, target in items}):
        rows = graph.read_values(
            _POOLS[label],
            leaver=leaver,
            items=[
                _pool_item(i, role, target, leaders)
                for i, role, target in items
                if target.label == label
            ],
            as_of=as_of,
            excluded=[leaver],
        )
        for row in rows:
            leading = set(row["leading"])
            pools[row["item"]] = [
                {"key": k, "leads_above": k in leading} for k in dict.fromkeys(row["keys"])
            ]
    keys = sorted({row["key"] for rows in pools.values() for row in rows})
    people = _candidates(graph, leaver, keys, [t for _, _, t in items], used, as_of=as_of)
    loads = {
        key: sum(weights.get(h.split("|", 1)[0], 0.0) for h in person["held"])
        for key, person in people.items()
    }
    texts: dict[Hashable, Text] = {}
    scores: dict[Hashable, tuple[int, list[Reason]] | None] = {}
    return [
        Succession(
            role=role,
            target=target,
            candidates=_ranked(
                role,
                target,
                [
                    _row(row, people[row["key"]], role, target, leaders)
                    for row in pools[i]
                    if row["key"] in people  # present, and not the leaver
                ],
                loads,
                weights,
                settings,
                texts,
                scores,
            ),
        )
        for i, role, target in items
    ]


def _row(
    pooled: dict[str, Any],
    person: dict[str, Any],
    role: str,
    target: Entity,
    leaders: dict[str, set[str]],
) -> dict[str, Any]:
    """What the ranking reads of one candidate for one role: the pool's row and the person's."""
    held = person["holds_by"].get(target.key)  # most candidates hold nothing on the target
    types = _HOLDER_TYPES[target.label]
    return {
        **person,
        **pooled,
        "holds": list(
            dict.fromkeys(
                h["role"] for h in held if target.label in h["labels"] and h["type"] in types
            )
        )
        if held
        else [],
        "using_units": person["uses_by"].get(target.key, []) if target.label == "System" else [],
        "leads_user": role == "systemejer" and person["key"] in leaders.get(target.key, set()),
    }


def rank_candidates(
    graph: Graph,
    role: str,
    target: Entity,
    *,
    as_of: date,
    settings: RuleSettings,
    replacing: str | None = None,
) -> list[Candidate]:
    """Ranked candidates for appointing ``role`` on ``target``, as the handover ranks successors
    (``replacing``: the holder the appointment replaces, if any, counts as the leaver)."""
    found = find_successors(graph, replacing or NOBODY, [(role, target)], as_of=as_of,
                            settings=settings)  # fmt: skip
    return found[0].candidates if found else []


def _pool_item(
    index: int, role: str, target: Entity, leaders: dict[str, set[str]]
) -> dict[str, Any]:
    forum = _forum(target)
    return {
        "index": index,
        "target": target.key,
        "user_leaders": sorted(leaders.get(target.key, ())) if role == "systemejer" else [],
        "secretariat": target.label == "Role" or bool(forum and forum.from_secretariat),
    }


def _ranked(
    role: str,
    target: Entity,
    rows: list[dict[str, Any]],
    loads: dict[str, float],
    weights: dict[str, float],
    settings: RuleSettings,
    texts: dict[Hashable, Text] | None = None,
    scores: dict[Hashable, tuple[int, list[Reason]] | None] | None = None,
) -> list[Candidate]:
    """The top candidates; only theirs of the reasons are written out (a role of the busiest
    leaver has dozens of candidates, and the texts cost more than the points). ``texts``: the
    reasons already written, by text key and values (the same colleagues come back for role
    after role with the same office, level and load); ``scores``: the points counted already,
    by what they depend on."""
    weight = weights.get(role, 0.0)
    threshold = settings.overload_threshold
    counted = {} if scores is None else scores
    # What a candidate's points depend on besides the candidate (level, units, load): the same
    # colleague is scored for dozens of the busiest leaver's systems, mostly to the same points.
    kind = (role, target.key if target.label == "Forum" else target.label)
    ranked = []
    for row in rows:
        load = loads.get(row["key"], 0.0)
        key = (
            *kind,
            row["key"],
            bool(row["holds"]),
            bool(row["using_units"]),
            row["leads_user"],
            row["leads_above"],
        )
        if key in counted:
            scored = counted[key]
        else:
            scored = counted[key] = score(
                role, target, row, load=load, weight=weight, threshold=threshold, write=False
            )
        if scored is not None and scored[0] > 0:
            ranked.append((scored[0], load, row))
    # The key last: candidates of the same score, load and name come in the same order each time.
    ranked.sort(key=lambda c: (-c[0], c[1], (c[2]["name"] or "").casefold(), c[2]["key"]))
    written = {} if texts is None else texts
    top = []
    for points, load, row in ranked[:TOP]:
        _, reasons = score(role, target, row, load=load, weight=weight, threshold=threshold) or (
            points,
            [],
        )
        top.append(
            Candidate(
                person=Entity(label="Person", key=row["key"], name=row["name"]),
                score=points,
                load=load,
                reasons=[_written(written, reason, values) for reason, values in reasons],
            )
        )
    return top


def _written(texts: dict[Hashable, Text], reason: str, values: dict[str, object]) -> Text:
    """The reason's text in both languages, written once for the same values."""
    key = (
        reason,
        # The type too: a load of 0 and of 0.0 read differently.
        *((n, type(v), (v.da, v.en) if isinstance(v, Text) else v) for n, v in values.items()),
    )
    found = texts.get(key)
    if found is None:
        found = texts[key] = both(f"succession.{reason}", **values)
    return found


def score(
    role: str,
    target: Entity,
    row: dict[str, Any],
    *,
    load: float,
    weight: float,
    threshold: float,
    write: bool = True,
) -> tuple[int, list[Reason]] | None:
    """Points and reasons (text key and values) for one candidate; None when the model rules
    the candidate out. ``write=False``: the points alone (no reasons), to rank by."""
    points, reasons = 0, []

    def add(value: int, reason: str, **values: object) -> None:
        nonlocal points
        points += value
        if write:
            reasons.append((reason, values))

    if row["holds"]:
        add(3, "holds", **(_holds(row["holds"], target) if write else {}))
    if row["same_office"]:
        add(3, "same_office", office=", ".join(row["same_office"]))
    elif row["same_department"]:
        add(1, "same_department", department=", ".join(row["same_department"]))
    if row["using_units"]:
        add(2, "works_in", units=", ".join(row["using_units"]))
    if not _fits(role, target, row, add):
        return None
    if load + weight <= threshold:
        add(1, "room", load=load, threshold=threshold)
    else:
        add(-3, "overload", load=load, weight=weight, threshold=threshold)
    return points, reasons


def _holds(holds: list[str], target: Entity) -> dict[str, object]:
    """The values of the reason "holds": the roles held on the target, named in a sentence."""
    held = [_named(r) for r in holds]
    return {
        "held": Text(da=", ".join(h.da for h in held), en=", ".join(h.en for h in held)),
        "name": target.name or target.key,
    }


class _Add(Protocol):
    def __call__(self, value: int, reason: str, **values: object) -> None: ...


def _fits(role: str, target: Entity, row: dict[str, Any], add: _Add) -> bool:
    """Role-specific requirements and points; False rules the candidate out."""
    levels = {row["level"], *row["leads"]} & _OWNER_LEVELS
    if role == "systemejer":
        if row["leads_user"]:
            add(3, "leads_user")
        if levels:
            add(2, "eligible_owner", level=_named(sorted(levels, key=OWNER_LEVELS.index)[0]))
        elif row["central_it"]:
            add(2, "eligible_owner_it")
        else:
            return False
    forum = _forum(target)
    if forum is not None and forum.required_representation:
        fitting = [
            need
            for need in forum.required_representation
            if need in levels or need in row["org_roles"] or need == row["level"]
        ]
        if not fitting or (forum.from_secretariat and not row["secretariat"]):
            return False
        add(3, "represents", need=fitting[0], forum=forum.name)
    if target.label == "Role":
        if role == "systemkoordinator" and "digitaliseringskonsulent" in row["org_roles"]:
            add(3, "consultant")
        if row["secretariat"]:
            add(2, "secretariat")
    if target.label == "OrgUnit":
        if row["leads_above"]:
            add(3, "leads_above")
        elif levels:
            add(2, "leader")
    return True


@lru_cache(maxsize=256)
def _named(role: str) -> Text:
    """A role's name inside a sentence: the same few roles for thousands of candidates."""
    name = role_name(role)
    return Text(da=in_sentence(name.da), en=in_sentence(name.en))


def _forum(target: Entity) -> governance.Forum | None:
    if target.label != "Forum":
        return None
    try:
        return governance.forum(target.key)
    except KeyError:
        return None


def _using_units(
    graph: Graph, systems: list[str], *, owned: set[str], as_of: date
) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Per owned system: who leads a unit that uses it, or a unit up to four levels above one;
    and per unit: which of the systems it uses."""
    leaders: dict[str, set[str]] = {key: set() for key in owned}
    used: dict[str, list[str]] = {}
    if systems:
        rows = graph.read_values(_USING_UNITS, targets=systems, owned=sorted(owned), as_of=as_of)
        for row in rows:
            used[row["unit"]] = row["targets"]
            for key in owned.intersection(row["targets"]):
                leaders[key].update(row["leaders"])
    return leaders, used


def plan_candidate_reads(graph: Graph, leaver: str, target: Entity, *, as_of: date) -> None:
    """Read candidates no one is, as many as a handover ranks (tens, hundreds): the app's warm-up.

    Neo4j plans the read once for each size of the list of keys rounded up to a power of ten.
    So also the units that use a handover's systems: as many systems, of which none, one, or
    as many are owned.
    """
    for size in (10, 100):
        keys = [f"{leaver}{i}" for i in range(size)]
        _candidates(graph, leaver, keys, [target], {}, as_of=as_of)
    for size in (1, 10, 100):
        systems = [f"{leaver}{i}" for i in range(size)]
        for owned in {0, 1, 10, size}:
            if owned <= size:
                _using_units(graph, systems, owned=set(systems[:owned]), as_of=as_of)


def _candidates(
    graph: Graph,
    leaver: str,
    keys: list[str],
    targets: list[Entity],
    used: dict[str, list[str]],
    *,
    as_of: date,
) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    rows = graph.read_values(
        _CANDIDATES,
        leaver=leaver,
        keys=keys,
        targets=sorted({t.key for t in targets}),
        holder_types=sorted(
            {t for label in {t.label for t in targets} for t in _HOLDER_TYPES[label]}
        ),
        as_of=as_of,
        excluded=[leaver],
        not_in_use=list(NOT_IN_USE_LIFECYCLES),
    )
    for row in rows:  # by target: a leader's units use most of the systems of a busy leaver
        holds: dict[str, list[dict[str, Any]]] = {}
        for h in row["holds"]:
            holds.setdefault(h["key"], []).append(h)
        uses: dict[str, list[str]] = {}  # each unit's name once (two units may share one)
        for unit, name in row["units"]:
            for key in used.get(unit, ()):
                names = uses.get(key)
                if names is None:
                    uses[key] = [name]
                elif name not in names:
                    names.append(name)
        row["holds_by"] = holds
        row["uses_by"] = uses
    return {row["key"]: row for row in rows}
