"""`make soak`: import, gap rules and API load for N minutes, with Neo4j killed and bad files.

Usage: ``python -m soak.run [--minutes 10] [--home .govgraph-soak] [--output FILE]``. Runs its
own Neo4j (in ``--home``, on a free port) and the API (`govgraph serve`, production settings)
against it. Each cycle runs the gap rules, re-imports the example sources, imports a broken
file, and SIGKILLs Neo4j (every other time while an import writes) and starts it again, with
four API clients requesting all the while. After every fault the graph's content checksum must
equal the one before: "data lost" counts the checks that differed. The result is printed and
appended under "Soak" in ``benchmarks/results.md``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from benchmarks.server import api_server
from core.settings import load_settings
from graph import admin, rules
from graph.driver import Graph
from soak.load import Load
from soak.neo4j import KillableNeo4j, free_port
from soak.report import SoakResult, append_result, print_result
from soak.transactions import wait_for_write

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results.md"
AS_OF = date(2026, 11, 15)  # the examples describe November 2026
RECOVERY_LIMIT = 120.0


class Soak:
    """One soak run: its Neo4j, its sources, its deadline and what it counted."""

    def __init__(self, home: Path, *, minutes: float, command: str) -> None:
        self.home = home
        self.deadline = 0.0  # set when the set-up is done
        self.result = SoakResult(minutes=minutes, command=command)
        caches = [load_settings().home, ROOT / ".govgraph-test"]
        self.neo4j = KillableNeo4j(
            home / "neo4j",
            cache_from=next((c for c in caches if any(c.glob("classpath-*.txt"))), None),
        )
        self.sources = home / "examples"
        self.graph: Graph | None = None
        self.expected = ""

    # -- steps ---------------------------------------------------------------------------
    def prepare(self) -> None:
        """Start Neo4j, write the examples, import them; remember the checksum."""
        shutil.rmtree(self.sources, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(ROOT / "examples" / "generate.py"), str(self.sources)],
            check=True,
            capture_output=True,
        )
        self.neo4j.start()
        self.graph = self.neo4j.graph()
        admin.reset_database(self.graph)
        admin.init_database(self.graph)
        october = self.sources / "ZLPE20261001120000_delta.xml"
        if self.govgraph("import", str(october), *self.current()) != 0:
            raise SystemExit("the example sources did not import; see the output above")
        self.expected = admin.content_checksum(self.graph)

    def api_paths(self) -> tuple[str, ...]:
        """What the API clients ask for: lists, a person, a system's organisation, gaps."""
        assert self.graph is not None
        person = self.graph.query("MATCH (p:Person) RETURN p.key AS k ORDER BY k LIMIT 1")
        system = self.graph.query("MATCH (s:System) RETURN s.key AS k ORDER BY k LIMIT 1")
        return (
            "/api/people?limit=20",
            f"/api/people/{person[0]['k']}",
            f"/api/systems/{system[0]['k']}/organisation",
            "/api/units",
            "/api/gaps?rule=GM-01",
            "/health",
        )

    def current(self) -> list[str]:
        """The sources that hold the current state: re-importing them changes nothing."""
        names = ("ZLPE20261101120000_delta.xml", "kitos", "register.xlsx")
        return [str(self.sources / name) for name in names]

    def run_rules(self) -> None:
        """Evaluate every gap rule once."""
        assert self.graph is not None
        report = rules.evaluate(self.graph, as_of=AS_OF)
        self.result.rule_runs += 1
        self.result.findings = len(report.findings)

    def reimport(self) -> None:
        """Import the current sources again: written, and nothing changes."""
        code = self.govgraph("import", *self.current())
        if code != 0:
            self.result.failures.append(f"re-import exited {code}")
        self.result.imports_written += 3
        self.check("re-import")

    def broken_file(self) -> None:
        """Import a truncated copy of the OPUS dump: refused, nothing changes."""
        whole = (self.sources / "ZLPE20261101120000_delta.xml").read_bytes()
        broken = self.home / "broken" / "ZLPE20261201120000_delta.xml"
        broken.parent.mkdir(exist_ok=True)
        broken.write_bytes(whole[: len(whole) * 2 // 3])
        code = self.govgraph("import", str(broken))
        if code != 2:
            self.result.failures.append(f"a broken file's import exited {code}, not 2")
        self.result.imports_refused += 1
        self.check("broken file")

    def kill_neo4j(self, load: Load, *, during_import: bool) -> None:
        """SIGKILL Neo4j (while an import writes, if asked), start it again, await the API."""
        importing = None
        if during_import:
            # October's dump would end people November holds: written, it changes the graph.
            importing = self.popen("import", str(self.sources / "ZLPE20261001120000_delta.xml"))
            assert self.graph is not None
            try:
                wait_for_write(self.graph, importing, min_locks=1)
            except AssertionError as e:
                self.result.failures.append(f"the import was not caught mid-write: {e}")
                self.expected = admin.content_checksum(self.graph)
        self.neo4j.crash()
        self.result.restarts += 1
        if importing is not None:
            code = importing.wait(timeout=120)
            self.result.restarts_during_import += 1
            self.result.imports_cut_off += code != 0
        time.sleep(3)
        self.neo4j.start()
        restarted = load.elapsed
        recovered = wait_for_recovery(load, since=restarted)
        if recovered is None:
            self.result.failures.append("the API did not answer again after a restart")
        else:
            self.result.recoveries.append(recovered - restarted)
        self.check("Neo4j restart")

    def check(self, after: str) -> None:
        """Compare the content checksum with the expected one."""
        assert self.graph is not None
        self.result.checksum_checks += 1
        if admin.content_checksum(self.graph) != self.expected:
            self.result.data_lost += 1
            self.result.failures.append(f"the graph changed after: {after}")

    # -- processes -----------------------------------------------------------------------
    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        """Start a govgraph command against the soak's Neo4j, its output discarded."""
        return subprocess.Popen(
            [sys.executable, "-m", "govgraph", *args],
            env=self.neo4j.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def govgraph(self, *args: str) -> int:
        """Run a govgraph command against the soak's Neo4j; return its exit code."""
        return self.popen(*args).wait(timeout=600)

    @property
    def left(self) -> float:
        """Seconds until the deadline."""
        return self.deadline - time.monotonic()


def wait_for_recovery(load: Load, *, since: float) -> float | None:
    """Seconds into the load when every path answered 2xx after ``since``; None if never."""
    limit = time.monotonic() + RECOVERY_LIMIT
    while time.monotonic() < limit:
        if {a.path for a in load.since(since) if a.ok} >= set(load.paths):
            return load.elapsed
        time.sleep(0.2)
    return None


def soak(home: Path, *, minutes: float, command: str) -> SoakResult:
    """Run the soak until the deadline; return what it counted."""
    run = Soak(home, minutes=minutes, command=command)
    began = time.monotonic()
    try:
        run.prepare()
        with api_server(run.neo4j.connection, home=home / "api", port=free_port()) as server:
            headers = {"Authorization": f"Bearer {server.token}"}
            load = Load(server.base, run.api_paths(), headers=headers, clients=4).start()
            run.deadline = time.monotonic() + minutes * 60
            try:
                # A cycle starts only before the deadline; so the run ends at most one cycle
                # (a restart, the rules and three imports) after it, whatever N is.
                while run.left > 0 or run.result.cycles == 0:
                    run.result.cycles += 1
                    run.kill_neo4j(load, during_import=run.result.cycles % 2 == 1)
                    run.run_rules()
                    run.reimport()
                    run.broken_file()
            finally:
                run.result.answers = load.stop()
    finally:
        run.result.minutes = (time.monotonic() - began) / 60
        if run.graph is not None:
            run.graph.close()
        run.neo4j.stop()
    return run.result


def main(argv: list[str] | None = None) -> int:
    """Run the soak, print its result and append it to the results file."""
    parser = argparse.ArgumentParser(prog="python -m soak.run", description=__doc__)
    parser.add_argument("--minutes", type=float, default=10.0, help="how long (default 10)")
    parser.add_argument("--home", type=Path, default=ROOT / ".govgraph-soak")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results file to append to")
    args = parser.parse_args(argv)
    command = f"python -m soak.run --minutes {args.minutes:g}"
    result = soak(args.home.resolve(), minutes=args.minutes, command=command)
    print_result(result)
    append_result(result, args.output)
    print(f"Appended to {args.output}.")
    return 0 if result.passed else 1


if __name__ == "__main__":
    sys.exit(main())
