"""The soak's result lands under "Soak" in results.md, after the runs before it."""

from __future__ import annotations

from pathlib import Path

from soak.load import Answer
from soak.report import SoakResult, append_result


def result(*, restarts: int = 0, data_lost: int = 0) -> SoakResult:
    answers = [
        Answer(0.0, "/api/people", 0.1, 200, "ok"),
        Answer(1.0, "/api/people", 6.0, 503, "503 database-unavailable", retry_after="5"),
    ]
    return SoakResult(
        minutes=1.0,
        command="python -m soak.run --minutes 1",
        answers=answers,
        restarts=restarts,
        data_lost=data_lost,
    )


def test_the_first_run_adds_the_soak_section_after_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "results.md"
    path.write_text("# govgraph benchmark results\n\n## Import\n\n- fast\n", "utf-8")
    append_result(result(), path)
    text = path.read_text("utf-8")
    assert text.index("## Import") < text.index("## Soak") < text.index("| data lost | 0 |")
    assert "- fast" in text


def test_a_later_run_goes_at_the_end_of_the_soak_section(tmp_path: Path) -> None:
    path = tmp_path / "results.md"
    path.write_text("# results\n\n## Soak\n\n### earlier run\n\n## Other\n\n- kept\n", "utf-8")
    append_result(result(restarts=3), path)
    text = path.read_text("utf-8")
    assert text.index("### earlier run") < text.index("| Neo4j killed") < text.index("## Other")
    assert text.endswith("## Other\n\n- kept\n")


def test_503s_pass_but_lost_data_and_hangs_fail() -> None:
    assert result().passed
    assert not result(data_lost=1).passed
    hung = result()
    hung.answers.append(Answer(2.0, "/api/people", 20.0, None, "timeout"))
    assert hung.problems == ["1 request(s): timeout"]
