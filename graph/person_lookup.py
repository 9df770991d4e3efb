"""Find the person a user means: by HR id, e-mail or an unambiguous name."""

from __future__ import annotations

from datetime import date
from typing import Any

from core.errors import InvalidInput, NotFound
from graph.driver import Graph

_CANDIDATE = (
    "RETURN p.key AS key, p.name AS name, p.email AS email, "
    "(p.valid_to IS NULL OR p.valid_to > $today) AS active, "
    "COLLECT { MATCH (p)-[m:MEMBER_OF|MANAGES]->(u:OrgUnit) "
    "WHERE m.valid_to IS NULL OR m.valid_to > $today RETURN DISTINCT u.name } AS units "
    "ORDER BY active DESC, name, key LIMIT 20"
)
_BY_KEY = "MATCH (p:Person {key: $text}) " + _CANDIDATE
_BY_EMAIL = "MATCH (p:Person {email: $email}) " + _CANDIDATE
_BY_NAME = "MATCH (p:Person) WHERE toLower(p.name) = $folded " + _CANDIDATE
_BY_WORDS = "MATCH (p:Person) WHERE all(w IN $words WHERE toLower(p.name) CONTAINS w) " + _CANDIDATE


def resolve_person(graph: Graph, text: str) -> str:
    """The key of the one person ``text`` names; NotFound, or InvalidInput listing candidates."""
    wanted = " ".join(text.split())
    if not wanted:
        raise InvalidInput("No person given.", hint="Give an HR id, an e-mail or a full name.")
    params: dict[str, Any] = {
        "text": wanted,
        "email": wanted.lower(),
        "folded": wanted.lower(),
        "words": wanted.lower().split(),
        "today": date.today(),
    }
    queries = [_BY_KEY, _BY_EMAIL] if "@" in wanted else [_BY_KEY, _BY_NAME, _BY_WORDS]
    for cypher in queries:
        rows = graph.query(cypher, **params)
        if not rows:
            continue
        active = [r for r in rows if r["active"]]
        if len(rows) == 1 or len(active) == 1:
            return str((active or rows)[0]["key"])
        raise InvalidInput(
            f"'{wanted}' matches {len(rows)} people.",
            hint="Give the HR id or the e-mail of the one you mean: "
            + "; ".join(_describe(r) for r in rows),
            details=[{k: r[k] for k in ("key", "name", "email", "active", "units")} for r in rows],
        )
    raise NotFound(
        f"No person matches '{wanted}'.",
        hint="Give the HR id, the e-mail or the full name (`govgraph` matches names by word).",
    )


def _describe(row: dict[str, Any]) -> str:
    units = ", ".join(row["units"]) or "no unit"
    left = "" if row["active"] else ", left"
    return f"{row['name']} <{row['email'] or '-'}> ({row['key']}; {units}{left})"


_LOGIN = (
    "MATCH (p:Person) WHERE p.email = $email OR toLower(p.email) = $email "
    "WITH p ORDER BY (p.valid_to IS NULL OR p.valid_to > $today) DESC, p.key "
    "RETURN p.key AS key, (p.valid_to IS NULL OR p.valid_to > $today) AS active"
)


def person_for_login(graph: Graph, email: str) -> str | None:
    """The key of the current person with this e-mail (or UPN); None if none or several."""
    rows = graph.query(_LOGIN, email=email.strip().lower(), today=date.today())
    active = [r for r in rows if r["active"]]
    return str(active[0]["key"]) if len(active) == 1 else None
