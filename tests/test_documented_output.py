"""What README.md and examples/README.md show of the example data is what a real run gives.

The documents are read as they stand: their sample output, counts and names are parsed out of the
text and compared with a real run on the example forvaltning in the suite's Neo4j — imported as
`make demo` imports it (the Makefile's demo target) for README.md, and in the order
examples/README.md gives for its planted gaps. A figure that drifts fails here, not in a reader's
hands. Timings are not compared: they are measurements of a machine, not output of the data.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from core.records import ImportBatch
from core.settings import Settings
from govgraph.cli import app
from graph import admin, entities
from graph.driver import Graph
from graph.loading import import_options
from importers.registry import read_source
from tests.api.cypher_corpus import PLAN_REFUSED, REFUSED
from tests.support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES_README = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")
# Table borders and header rows; a body row starts with the light vertical bar.
BOX = set("┏┓┗┛┡┩┢┪┣┫┠┨┳┻╇╈╋━┃┌┐└┘├┤┬┴┼─╭╮╰╯")
HEADING = re.compile(r"^((?:GM|DQ)-\d{2}) \[")
FINDING = re.compile(r"^ [✗?✓] ")
SECONDS = re.compile(r"\d+(?:\.\d+)? s\b")
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True, slots=True)
class Sample:
    """A README block that shows a command (`$ govgraph ...`) and what it printed."""

    command: str
    output: str

    @property
    def args(self) -> list[str]:
        """The command's arguments after `govgraph`."""
        return shlex.split(self.command)[1:]


@dataclass(frozen=True, slots=True)
class Excerpt:
    """Output read back, wrapping undone: rule headings, findings and table rows; other lines."""

    items: list[str]
    lines: list[str]


def readme_samples() -> list[Sample]:
    """README.md's sample runs, in order."""
    blocks = re.findall(r"^```\n\$ (govgraph [^\n]*)\n(.*?)^```", README, re.M | re.S)
    return [Sample(command, output) for command, output in blocks]


def sample(name: str) -> Sample:
    """The README's sample run of the command ``name``."""
    return next(s for s in readme_samples() if s.args[0] == name)


def demo_sources() -> list[str]:
    """The example files `make demo` imports, in the order of the Makefile's demo target."""
    recipe = re.search(r"^demo:.*\n((?:\t.*\n)+)", MAKEFILE, re.M)
    assert recipe is not None, "the Makefile has no demo target"
    return re.findall(r"govgraph import \$\(EXAMPLES\)/(\S+)", recipe[1])


def documented_sources() -> list[str]:
    """The example files examples/README.md imports, in its order."""
    return re.findall(r"^govgraph import build/examples/(\S+)$", EXAMPLES_README, re.M)


def flat(text: str) -> str:
    """The text on one line, runs of white space as one space."""
    return " ".join(text.split())


def untimed(text: str) -> str:
    """The text with its timings (`0.12 s`) made equal."""
    return SECONDS.sub("… s", text)


def excerpt(text: str) -> Excerpt:
    """Read printed output back; a finding is prefixed with its rule's id."""
    items: list[list[str]] = []
    lines: list[str] = []
    kind, rule = "", ""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in BOX:
            kind = ""
        elif stripped.startswith("│"):
            cells = [c.strip() for c in stripped.strip("│").split("│")]
            if kind == "row" and not cells[0] and len(cells) == len(items[-1]):
                items[-1] = [f"{a} {b}".strip() for a, b in zip(items[-1], cells, strict=True)]
            else:
                items.append(cells)
            kind = "row"
        elif heading := HEADING.match(line):
            rule, kind = heading[1], "heading"
            items.append([stripped])
        elif FINDING.match(line):
            kind = "finding"
            items.append([f"{rule} {stripped}"])
        elif (kind == "finding" and line.startswith("    ")) or kind == "heading":
            items[-1] = [f"{items[-1][0]} {stripped}"]
        else:
            kind = ""
            lines.append(stripped)
    return Excerpt([flat(" │ ".join(cells)) for cells in items], lines)


def shown_in(documented: str, real: list[str]) -> bool:
    """True when a documented item is one of the real ones (ending in "..." where cut short)."""
    if documented.endswith("..."):
        return any(r.startswith(documented.removesuffix("...")) for r in real)
    return documented in real


def figures(line: str) -> list[int]:
    """The numbers in a line."""
    return [int(n) for n in re.findall(r"\d+", line)]


def cli(*args: str) -> str:
    """What `govgraph ARGS` prints on stdout; it must succeed."""
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    return result.stdout


def load(graph: Graph, examples: Path, names: list[str]) -> None:
    """An empty graph with the model's reference data and the example files imported by the CLI."""
    admin.reset_database(graph)
    admin.init_database(graph)
    assert names, "no example files to import"
    for name in names:
        cli("import", str(examples / name))


@pytest.fixture(scope="module")
def demo_runs(session_graph: Graph, examples: Path) -> dict[str, str]:
    """What each README sample command prints (stdout and stderr) after `make demo`'s imports."""
    load(session_graph, examples, demo_sources())
    runs = {}
    for s in readme_samples():
        result = CliRunner().invoke(app, s.args, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.output
        runs[s.command] = result.output
    return runs


@dataclass(frozen=True, slots=True)
class DocumentedRun:
    """The gap report and the systems not in use after examples/README.md's imports."""

    findings: list[dict]
    rules: list[str]
    systems: set[str]
    not_in_use: set[str]


@pytest.fixture(scope="module")
def documented_run(session_graph: Graph, examples: Path) -> DocumentedRun:
    """The examples imported in examples/README.md's order, read on the day they describe."""
    load(session_graph, examples, documented_sources())
    described = re.search(r"The files describe \*\*(\d+ \w+ \d{4})\*\*", EXAMPLES_README)
    assert described is not None
    as_of = datetime.strptime(described[1], "%d %B %Y").date()
    report = json.loads(cli("gaps", "--as-of", as_of.isoformat(), "--format", "json"))
    systems = {
        in_use: {
            s.name
            for s in entities.list_systems(
                session_graph, as_of=as_of, limit=100, offset=0, in_use=in_use, include_ended=True
            ).items
        }
        for in_use in (None, False)
    }
    return DocumentedRun(
        findings=report["findings"],
        rules=[r["id"] for r in report["rules"]],
        systems=systems[None],
        not_in_use=systems[False],
    )


@pytest.fixture(scope="module")
def batches(settings: Settings, examples: Path) -> dict[str, ImportBatch]:
    """Each example file as its importer reads it."""
    options = import_options(settings)
    return {p.name: read_source(p, None, options) for p in sorted(examples.iterdir())}


def nodes(batch: ImportBatch, label: str) -> list[dict]:
    """The properties of the batch's nodes of a label, with their key."""
    return [{"key": n.key, **n.props} for n in batch.nodes if n.label == label]


# --- README.md ---------------------------------------------------------------------------------


def test_the_readme_samples_are_the_gaps_and_handover_runs() -> None:
    assert [s.args[0] for s in readme_samples()] == ["gaps", "handover"]
    assert demo_sources() == ["ZLPE20261101120000_delta.xml", "kitos", "register.xlsx"]


@pytest.mark.parametrize("command", [s.command for s in readme_samples()])
def test_readme_sample_output_is_an_excerpt_of_a_real_run(
    demo_runs: dict[str, str], command: str
) -> None:
    documented = excerpt(untimed(next(s.output for s in readme_samples() if s.command == command)))
    run = untimed(demo_runs[command])
    real = excerpt(run)
    assert documented.items and documented.lines, "the README sample was not read"
    missing = [item for item in documented.items if not shown_in(item, real.items)]
    missing += [line for line in documented.lines if flat(line) not in flat(run)]
    assert missing == [], f"README.md shows what `{command}` does not print:\n{run}"


def test_readme_gap_counts_are_those_of_a_real_run(demo_runs: dict[str, str]) -> None:
    gaps = sample("gaps")
    documented = figures(gaps.output.splitlines()[1])  # findings (violated, unknown) from rules
    real = figures([line for line in demo_runs[gaps.command].splitlines() if line][1])
    assert documented == real
    prose = re.search(r"\(excerpt; (\d+) findings from (\d+) rules", flat(README))
    assert prose is not None
    assert figures(prose[0]) == [real[0], real[-1]]


def test_readme_size_of_the_example_forvaltning(batches: dict[str, ImportBatch]) -> None:
    said = re.search(r"has (\d+) people, (\d+) units and (\d+) systems", flat(README))
    assert said is not None
    opus = sorted(name for name in batches if name.startswith("ZLPE"))
    people = {p["key"] for name in opus for p in nodes(batches[name], "Person")}
    units = nodes(batches[opus[-1]], "OrgUnit")
    systems = nodes(batches["kitos"], "System")
    assert figures(said[0]) == [len(people), len(units), len(systems)]


def test_readme_counts_the_cypher_attempts_the_tests_make() -> None:
    said = re.findall(r"refuses? (\d+) attempts", flat(README))
    assert said and {int(n) for n in said} == {len(set(REFUSED + PLAN_REFUSED))}


# --- examples/README.md ------------------------------------------------------------------------


def test_examples_readme_file_table_counts(batches: dict[str, ImportBatch]) -> None:
    rows = {
        m[1]: m[2] for m in re.finditer(r"^\| `([^`]+)` \|[^|]*\| (.*) \|$", EXAMPLES_README, re.M)
    }
    november = batches["ZLPE20261101120000_delta.xml"]
    units, employees = figures(rows["ZLPE20261101120000_delta.xml"])[:2]
    assert (units, employees) == (len(nodes(november, "OrgUnit")), len(nodes(november, "Person")))
    assert figures(rows["kitos/"]) == [len(nodes(batches["kitos"], "System"))]
    export = batches["kitos-export.xlsx"]
    assert figures(rows["kitos-export.xlsx"])[:1] == [len(nodes(export, "System"))]


def test_examples_readme_office_count(batches: dict[str, ImportBatch]) -> None:
    said = re.search(r"(\d+) offices in all", flat(EXAMPLES_README))
    assert said is not None
    units = nodes(batches["ZLPE20261101120000_delta.xml"], "OrgUnit")
    assert int(said[1]) == len([u for u in units if u.get("unit_type") == "Kontor"])


def test_examples_readme_lists_the_systems(batches: dict[str, ImportBatch]) -> None:
    said = re.search(r"- Systems: (.*?)\. (\w+) are not in use", flat(EXAMPLES_README))
    assert said is not None
    listed = said[1].split(", ")
    assert sorted(listed) == sorted(s["name"] for s in nodes(batches["kitos"], "System"))


def test_examples_readme_names_the_systems_not_in_use(documented_run: DocumentedRun) -> None:
    text = flat(EXAMPLES_README)
    said = re.search(r"(\w+) are not in use and exempt from the rules: (.*?)\. ", text)
    assert said is not None
    named = {name for name in documented_run.systems if name in said[2]}
    assert named == documented_run.not_in_use
    assert NUMBERS[said[1].lower()] == len(documented_run.not_in_use)


# Rules the example files cannot break, so their tests plant them (as examples/README says): only a
# decision made in govgraph can break DQ-04 (tests/decisions/test_kitos_conflicts.py), only a
# failing live sync DQ-05 (tests/live/test_schedule.py).
NOT_FROM_FILES = ("DQ-04", "DQ-05")


def test_every_rule_has_a_finding_on_the_examples(documented_run: DocumentedRun) -> None:
    assert "Every rule of the governance model has at least one finding" in flat(EXAMPLES_README)
    found = {f["rule"] for f in documented_run.findings}
    missing = [rule for rule in documented_run.rules if rule not in found]
    assert missing == list(NOT_FROM_FILES)


def planted() -> list[tuple[str, list[str]]]:
    """examples/README.md's planted gaps: each rule and where it is planted."""
    rows = re.findall(r"^\| ((?:GM|DQ)-\d{2}) \| ([^|]+) \|", EXAMPLES_README, re.M)
    return [(rule, [p.strip() for p in where.split(";")]) for rule, where in rows]


@pytest.mark.parametrize(("rule", "where"), planted())
def test_each_planted_gap_is_found_where_examples_readme_says(
    documented_run: DocumentedRun, rule: str, where: list[str]
) -> None:
    about = set()
    for f in documented_run.findings:
        if f["rule"] == rule:
            for entity in (f["subject"], *f["related"]):
                about |= {str(entity.get("name", "")).lower(), str(entity.get("key", "")).lower()}
    assert [place for place in where if place.lower() not in about] == []


def test_examples_readme_plants_a_gap_for_every_rule(documented_run: DocumentedRun) -> None:
    assert all(rule in flat(EXAMPLES_README) for rule in NOT_FROM_FILES)
    from_sources = [rule for rule in documented_run.rules if rule not in NOT_FROM_FILES]
    assert [rule for rule, _ in planted()] == from_sources
