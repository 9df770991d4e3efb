"""The rule catalogue as data: complete, valid, and citing the Danish original (no database)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.settings import RuleSettings
from schema import governance
from schema.catalogue import CatalogueError, Rule, expand_macros, load_catalogue, parse_rule

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = "seed/000_b790ce54fdb760ce.txt"
EXPECTED_IDS = [f"GM-{i:02d}" for i in range(1, 17)] + ["DQ-01", "DQ-02", "DQ-03", "DQ-04", "DQ-05"]
MINIMAL = {
    "id": "GM-99",
    "severity": "low",
    "source": "Baggrund",
    "query": (
        "MATCH (s:System) WHERE @in_use(s) AND @focus(s) "
        "RETURN {label: 'System', key: s.key} AS subject"
    ),
    "title": {"da": "t", "en": "t"},
    "explanation": {"da": "e", "en": "e"},
    "message": {"da": "{subject}", "en": "{subject}"},
}


def _original() -> str:
    for folder in (ROOT / "docs", ROOT.parent / "shared"):
        if (folder / ORIGINAL).is_file():
            return (folder / ORIGINAL).read_text(encoding="utf-8")
    raise AssertionError(f"{ORIGINAL} not found")


def test_catalogue_holds_every_rule_of_the_model_once() -> None:
    assert [r.id for r in load_catalogue()] == EXPECTED_IDS


@pytest.mark.parametrize("rule", load_catalogue(), ids=lambda r: r.id)
def test_rule_cites_a_heading_of_the_original_in_order(rule: Rule) -> None:
    original = _original()
    position = 0
    for part in rule.source.split(" — "):
        found = original.find(part, position)
        assert found >= 0, f"{part!r} is not in the original after position {position}"
        position = found


@pytest.mark.parametrize("rule", load_catalogue(), ids=lambda r: r.id)
def test_rule_parameters_default_to_the_settings_defaults(rule: Rule) -> None:
    defaults = RuleSettings()
    for name, param in rule.params.items():
        if name in RuleSettings.model_fields:
            assert getattr(defaults, name) == param.default, name


def test_every_rule_setting_is_a_rule_parameter() -> None:
    params = {name for rule in load_catalogue() for name in rule.params}
    # role_weights feeds $weights; concurrent_rules is how the runner runs them, no parameter.
    assert set(RuleSettings.model_fields) - {"role_weights", "concurrent_rules"} <= params


def test_queries_have_no_macros_left() -> None:
    for rule in load_catalogue():
        assert "@" not in rule.query + rule.focused_query, rule.id


def test_focus_is_nothing_in_the_query_and_a_key_filter_in_the_focused_one() -> None:
    rule = parse_rule(MINIMAL, origin="x.toml")
    assert "$focus" not in rule.query
    assert "AND s.key IN $focus RETURN" in rule.focused_query


def test_rule_without_focus_is_refused() -> None:
    query = "MATCH (s:System) RETURN {label: 'System', key: s.key} AS subject"
    with pytest.raises(CatalogueError, match="needs @focus"):
        parse_rule({**MINIMAL, "query": query}, origin="x.toml")


def test_critical_roles_are_the_ones_gm14_counts() -> None:
    critical = {r.relationship for r in governance.roles() if r.critical}
    assert critical == {"OWNS", "RESPONSIBLE_FOR", "ADMINISTERS"}


def test_current_macro_takes_an_optional_date() -> None:
    assert expand_macros("@current(r, x.day)") == (
        "(coalesce(r.valid_from, date('0001-01-01')) <= x.day "
        "AND coalesce(r.valid_to, date('9999-12-31')) > x.day)"
    )


def test_unknown_macro_is_refused() -> None:
    with pytest.raises(CatalogueError, match="unknown macro @nope"):
        query = "MATCH (n) WHERE @nope(n) AND @focus(n) RETURN n"
        parse_rule({**MINIMAL, "query": query}, origin="x.toml")


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"id": "XX-1"}, "is not GM-nn or DQ-nn"),
        ({"severity": "critical"}, "severity"),
        ({"title": {"da": "t"}}, "title.en"),
        ({"message": {"da": "{0}", "en": "x"}}, "is not a plain name"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_invalid_rule_is_refused_naming_the_problem(change: dict[str, object], error: str) -> None:
    with pytest.raises(CatalogueError, match=error):
        parse_rule({**MINIMAL, **change}, origin="x.toml")


def test_message_variants_are_read_from_the_message_table() -> None:
    data = {**MINIMAL, "message": {"da": "a", "en": "a", "few": {"da": "b", "en": "b"}}}
    rule = parse_rule(data, origin="x.toml")
    assert rule.template("few").en == "b"
    assert rule.template("other").en == "a"
