"""Under CI a missing tool fails the run; only on a developer's machine does it skip."""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT, require

# Ways a test can end without running, other than through `require`.
SKIPS = re.compile(r"pytest\.(?:skip|importorskip)\(|mark\.(?:skip|skipif|xfail)\b|unittest\.skip")


def test_a_missing_tool_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no frobnicator"):
        require(False, "no frobnicator")


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no frobnicator"):
        require(False, "no frobnicator")


def test_a_present_tool_lets_the_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require(True, "no frobnicator")


def test_no_test_skips_but_through_require() -> None:
    support = ROOT / "tests" / "support.py"
    skipping = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "tests").rglob("*.py"))
        if path not in (support, ROOT / "tests" / "test_support.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if SKIPS.search(line)
    ]
    assert skipping == []
