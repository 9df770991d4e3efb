"""The one text catalogue: every entry in Danish and English, with the same placeholders."""

from __future__ import annotations

import ast
import string
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from core.i18n import TEXTS, VALUES, _one_catalogue, numeric_date, text

_ENTRIES = [(key, da, en) for key, (da, en) in TEXTS.items()] + [
    (f"{kind}:{value}", da, en)
    for kind, names in VALUES.items()
    for value, (da, en) in names.items()
]


ROOT = Path(__file__).resolve().parents[1]
# How the code asks for a text by key: text(key, lang) (also i18n.text), both(key), and the
# successors' add(points, reason) for "succession.<reason>"; the argument holding the key.
_LOOKUPS = {"text": ("", 0), "both": ("", 0), "add": ("succession.", 1)}


def _strings(node: ast.AST) -> Iterator[str]:
    """The string constants of an expression (both keys of ``"a" if x else "b"``)."""
    for part in ast.walk(node):
        if isinstance(part, ast.Constant) and isinstance(part.value, str):
            yield part.value


def _keys_asked_by(node: ast.AST) -> Iterator[str]:
    """The text keys a call or a ``*_COLUMNS`` constant names; nothing for other nodes."""
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        if name not in _LOOKUPS or (isinstance(func, ast.Attribute) and name != "text"):
            return
        prefix, index = _LOOKUPS[name]
        if len(node.args) > index and not isinstance(node.args[index], ast.JoinedStr):
            yield from (prefix + s for s in _strings(node.args[index]))
    elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        if any(isinstance(t, ast.Name) and t.id.endswith("_COLUMNS") for t in targets):
            yield from _strings(node.value)


def _asked_for() -> Iterator[tuple[str, str]]:
    """(file, key) of every text key written in the code of the layers that show text."""
    for top in ("govgraph", "api", "visualise", "reporting", "graph", "core"):
        for path in sorted((ROOT / top).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                yield from ((path.name, key) for key in _keys_asked_by(node))


def _placeholders(template: str) -> list[tuple[str, str, str]]:
    """Each ``{name:spec!conversion}`` of a template, sorted: what ``str.format`` will fill."""
    return sorted(
        (name, spec or "", conversion or "")
        for _, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


def test_every_entry_has_danish_and_english() -> None:
    empty = [key for key, da, en in _ENTRIES if not da.strip() or not en.strip()]
    padded = [key for key, da, en in _ENTRIES if da != da.strip() or en != en.strip()]
    assert (empty, padded) == ([], [])


def test_placeholders_are_the_same_in_both_languages() -> None:
    differing = {
        key: (_placeholders(da), _placeholders(en))
        for key, da, en in _ENTRIES
        if _placeholders(da) != _placeholders(en)
    }
    assert differing == {}


def test_every_text_the_code_asks_for_exists() -> None:
    asked = list(_asked_for())
    assert len(asked) > 100, "the scan finds the code's texts"
    assert sorted({(f, key) for f, key in asked if key not in TEXTS}) == []


def test_value_names_have_no_placeholders() -> None:
    """``value_name`` does not fill placeholders, so a value's name must not have any."""
    assert [
        key for key, da, en in _ENTRIES if ":" in key and (_placeholders(da) or "{" in en)
    ] == []


def test_placeholders_are_found_with_their_format() -> None:
    assert _placeholders(TEXTS["succession.room"][0]) == [
        ("load", "g", ""),
        ("threshold", "g", ""),
    ]
    assert text("succession.room", "en", load=2.5, threshold=8.0) == (
        "Load 2.5 of 8: room for the role"
    )


def test_a_key_declared_in_two_areas_is_refused() -> None:
    with pytest.raises(ValueError, match=r"Texts declared twice: common\.none"):
        _one_catalogue({"common.none": ("Ingen", "None")}, {"common.none": ("Intet", "Nothing")})


def test_numeric_dates_are_written_as_each_language_writes_them() -> None:
    assert numeric_date(date(2026, 11, 1), "da") == "01-11-2026"
    assert numeric_date(date(2026, 11, 1), "en") == "2026-11-01"
    assert numeric_date(datetime(2026, 11, 1, 8, 5), "da") == "01-11-2026 08:05"
    assert numeric_date(None, "en") == ""
