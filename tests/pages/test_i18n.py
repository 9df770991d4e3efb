"""Every text of the pages exists in Danish and English, and the templates ask only for those."""

from __future__ import annotations

import re
from datetime import date

import pytest

from core.i18n import TEXTS, VALUES, format_date, language, text, value_name
from visualise.render import TEMPLATES

_USED = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']\s*[,)]""")


def test_every_text_has_danish_and_english() -> None:
    missing = [key for key, (da, en) in TEXTS.items() if not da.strip() or not en.strip()]
    assert missing == []


def test_every_value_name_has_danish_and_english() -> None:
    missing = [
        (kind, value)
        for kind, names in VALUES.items()
        for value, (da, en) in names.items()
        if not da.strip() or not en.strip()
    ]
    assert missing == []


def test_every_text_a_template_asks_for_exists() -> None:
    used = {key for path in TEMPLATES.glob("*.html") for key in _USED.findall(path.read_text())}
    assert used, "the pattern finds the templates' texts"
    assert sorted(used - TEXTS.keys()) == []


@pytest.mark.parametrize("key", ["graph.truncated", "gaps.shown", "person.left"])
def test_placeholders_are_the_same_in_both_languages(key: str) -> None:
    da, en = TEXTS[key]
    assert set(re.findall(r"{(\w+)}", da)) == set(re.findall(r"{(\w+)}", en))


def test_danish_is_the_default_language() -> None:
    assert language(None) == "da"
    assert language("fr") == "da"
    assert text("nav.gaps", language("en")) == "Gaps"


def test_values_are_named_in_the_page_language() -> None:
    assert value_name("lifecycle", "Operational", "da") == "I drift"
    assert value_name("lifecycle", "Operational", "en") == "Operational"
    assert value_name("lifecycle", "SomethingNew", "da") == "SomethingNew"
    assert value_name("dpa_status", None, "da") == "Ukendt"


def test_dates_are_written_as_each_language_writes_them() -> None:
    assert format_date(date(2026, 11, 1), "da") == "1. nov. 2026"
    assert format_date(date(2026, 11, 1), "en") == "1 Nov 2026"


def test_texts_named_in_code_exist() -> None:
    named = [f"nav.{k}" for k in ("home", "overview", "gaps", "handover", "my_role")]
    named += [f"graph.depth_{d}" for d in (1, 2, 3)]
    named += ["error.not_found", "error.forbidden", "error.invalid", "error.unavailable"]
    assert [key for key in named if key not in TEXTS] == []
