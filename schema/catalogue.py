"""The gap rules as data: one TOML file per rule in ``schema/rules/``, loaded and validated here.

A rule file holds the rule's stable id, severity, title and explanation in Danish and English,
the heading of the original document it enforces (``source``), its parameters with defaults,
message templates and one Cypher query. Queries share a few predicates, written as macros and
expanded here so that every rule means the same by "current", "present" and "in use":

- ``@current(x)``, ``@current(x, d)``: node or relationship ``x`` is valid at ``$as_of`` (or ``d``).
- ``@present(p)``: person ``p`` is current at ``$as_of`` and not in ``$excluded``.
- ``@gone(p)``: person ``p`` has left by ``$as_of`` or is in ``$excluded``.
- ``@in_use(s)``: system ``s`` is current, valid in KITOS and not phased out or not in use.
- ``@focus(x)``: nothing in the rule's query; ``x.key IN $focus`` in its ``focused_query``,
  which a what-if (``graph.rules.what_if``) runs. The rule puts it on the variable that carries
  every finding a departure of the people in ``$focus`` could change, and anchors the query
  there, so that a focused run seeks those keys in the index instead of reading the whole graph.
- ``@role(r, x)``: the model's role key that relationship ``r`` to ``x`` stands for
  (``systemejer``, ``fag-superbruger``, ``systemkoordinator``, ``chef``, ... ``medlem`` for a seat).

A query returns ``subject`` (a map: label, key, name), and optionally ``related`` (a list of
maps: label, key, name, relation), ``status`` (``violated`` or ``unknown``), ``variant`` (which
message template to use), ``detail`` (tells apart findings on the same subject) and ``facts``
(the values the message template names).
"""

from __future__ import annotations

import re
import string
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

RULES_DIR = Path(__file__).resolve().parent / "rules"
RULE_ID = re.compile(r"^(GM|DQ)-\d{2}$")

# coalesce() rather than "IS NULL OR": one predicate, which the planner does not split into a
# union of two scans.
_CURRENT = (
    "(coalesce({x}.valid_from, date('0001-01-01')) <= {d} "
    "AND coalesce({x}.valid_to, date('9999-12-31')) > {d})"
)
_MACROS: dict[str, str] = {
    "current": _CURRENT,
    "present": "(" + _CURRENT + " AND NOT {x}.key IN $excluded)",
    "gone": "(coalesce({x}.valid_to, date('9999-12-31')) <= {d} OR {x}.key IN $excluded)",
    "role": (
        "CASE type({x}) WHEN 'OWNS' THEN 'systemejer' "
        "WHEN 'RESPONSIBLE_FOR' THEN 'systemansvarlig' "
        "WHEN 'ADMINISTERS' THEN 'systemadministrator' "
        "WHEN 'SUPERUSER_OF' THEN CASE {x}.kind WHEN 'it' THEN 'it-superbruger' "
        "WHEN 'fag' THEN 'fag-superbruger' WHEN 'teknisk' THEN 'teknisk-superbruger' "
        "ELSE 'superbruger' END "
        "WHEN 'HOLDS_ROLE' THEN {d}.key "
        "WHEN 'MANAGES' THEN coalesce({x}.level, 'kontorleder') "
        "WHEN 'HAS_SYSTEM_ROLE' THEN coalesce({x}.role, 'anden rolle') "
        "ELSE 'medlem' END"
    ),
    "in_use": (
        "(" + _CURRENT + " AND coalesce({x}.kitos_valid, true) "
        "AND NOT coalesce({x}.lifecycle, '') IN $not_in_use)"
    ),
}
_MACRO = re.compile(r"@(\w+)\(\s*([\w.]+)\s*(?:,\s*([\w.$]+)\s*)?\)")


class Text(BaseModel):
    """A text in Danish and English."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    da: str = Field(min_length=1)
    en: str = Field(min_length=1)


class Param(BaseModel):
    """A rule parameter; ``core.settings.RuleSettings`` overrides the default by name."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    default: int | float | str | bool | list[str]
    description: str = Field(min_length=1)


class Rule(BaseModel):
    """One gap rule: what it checks, where the model says so, and the query that finds gaps."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    severity: Literal["high", "medium", "low"]
    title: Text
    explanation: Text
    source: str = Field(min_length=1)
    params: dict[str, Param] = Field(default_factory=dict)
    message: Text
    variants: dict[str, Text] = Field(default_factory=dict)
    query: str = Field(min_length=1)
    focused_query: str = ""  # derived: the query with @focus(x) as x.key IN $focus

    @field_validator("id")
    @classmethod
    def _check_id(cls, value: str) -> str:
        if not RULE_ID.match(value):
            raise ValueError(f"rule id {value!r} is not GM-nn or DQ-nn")
        return value

    def template(self, variant: str | None) -> Text:
        """The message template of a variant (the default one when none or unknown)."""
        return self.variants.get(variant or "", self.message)


class CatalogueError(ValueError):
    """A rule file that cannot be used, named with what is wrong."""


def expand_macros(query: str, *, focused: bool = False) -> str:
    """Replace the ``@name(x)`` predicates of a query by their Cypher."""

    def replace(match: re.Match[str]) -> str:
        name, var, when = match.group(1), match.group(2), match.group(3) or "$as_of"
        if name == "focus":
            return f"{var}.key IN $focus" if focused else "true"
        if name not in _MACROS:
            raise CatalogueError(f"unknown macro @{name}; known: {', '.join(_MACROS)}")
        return _MACROS[name].format(x=var, d=when)

    return _MACRO.sub(replace, query)


def parse_rule(data: dict[str, Any], *, origin: str) -> Rule:
    """Validate one rule file's content and expand its query's macros."""
    data = dict(data)
    message = dict(data.pop("message", {}))
    variants = {k: message.pop(k) for k in list(message) if isinstance(message[k], dict)}
    try:
        rule = Rule.model_validate({**data, "message": message, "variants": variants})
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        raise CatalogueError(f"{origin}: {problems}") from e
    for name, text in [("message", rule.message), *rule.variants.items()]:
        for lang in ("da", "en"):
            _check_template(getattr(text, lang), origin=f"{origin}: {name}.{lang}")
    if "focused_query" in data:
        raise CatalogueError(f"{origin}: focused_query is derived from query; remove it")
    if "@focus(" not in rule.query:
        raise CatalogueError(f"{origin}: the query needs @focus(x) on what a departure changes")
    query = expand_macros(rule.query)
    if "@" in re.sub(r"'[^']*'", "", query):
        raise CatalogueError(f"{origin}: the query has an '@' that is no known macro")
    return rule.model_copy(
        update={"query": query, "focused_query": expand_macros(rule.query, focused=True)}
    )


def _check_template(template: str, *, origin: str) -> None:
    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f]
    except ValueError as e:
        raise CatalogueError(f"{origin}: {e}") from e
    for name in fields:
        if not name.isidentifier():
            raise CatalogueError(f"{origin}: placeholder {{{name}}} is not a plain name")


@lru_cache(maxsize=4)
def load_catalogue(folder: Path = RULES_DIR) -> tuple[Rule, ...]:
    """Every rule of ``folder``, sorted by id; raises CatalogueError on a bad or repeated rule."""
    rules: dict[str, Rule] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise CatalogueError(f"{path.name}: not valid TOML: {e}") from e
        rule = parse_rule(data, origin=path.name)
        if path.stem != rule.id:
            raise CatalogueError(f"{path.name}: the file must be named {rule.id}.toml")
        rules[rule.id] = rule
    return tuple(sorted(rules.values(), key=lambda r: (r.id[:2] != "GM", r.id)))


def rule_ids() -> list[str]:
    """The ids of every rule, in catalogue order."""
    return [r.id for r in load_catalogue()]
