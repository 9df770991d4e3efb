"""The local Neo4j launcher: its lifecycle and the errors a person meets, in plain words."""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from govgraph.local_neo4j import LocalNeo4j, java_major_version, relevant_log_lines
from soak.neo4j import free_port

GOVGRAPH = [sys.executable, "-m", "govgraph"]


def _run(
    args: list[str], *, home: Path, port: int, path: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "GOVGRAPH_"))}
    env.update(GOVGRAPH_HOME=str(home), GOVGRAPH_LOCAL__PORT=str(port))
    if path is not None:
        env["PATH"] = path
        env.pop("JAVA_HOME", None)
    return subprocess.run(
        [*GOVGRAPH, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def _fake_bin(tmp_path: Path, programs: dict[str, str]) -> str:
    """A PATH holding only the given shell scripts (plus nothing else)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, script in programs.items():
        exe = bin_dir / name
        exe.write_text(f"#!/bin/sh\n{script}\n")
        exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    return str(bin_dir)


def test_missing_java_says_what_to_install(tmp_path: Path) -> None:
    result = _run(
        ["db", "start"], home=tmp_path / "home", port=free_port(), path=_fake_bin(tmp_path, {})
    )
    assert result.returncode == 1
    assert "Java was not found" in result.stderr and "JDK 17" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_old_java_is_refused(tmp_path: Path) -> None:
    old_java = "echo 'openjdk version \"11.0.22\" 2024-01-16' >&2"
    result = _run(
        ["db", "start"],
        home=tmp_path / "home",
        port=free_port(),
        path=_fake_bin(tmp_path, {"java": old_java}),
    )
    assert result.returncode == 1
    assert "Java 11" in result.stderr and "17 or later" in result.stderr


def test_missing_maven_says_what_to_install(tmp_path: Path) -> None:
    real_java = subprocess.run(
        ["sh", "-c", "command -v java"], capture_output=True, text=True, check=True
    ).stdout.strip()
    path = _fake_bin(tmp_path, {"java": f'exec {real_java} "$@"'})
    result = _run(["db", "start"], home=tmp_path / "home", port=free_port(), path=path)
    assert result.returncode == 1
    assert "Maven (mvn) was not found" in result.stderr


def test_taken_port_names_the_setting_to_change(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = _run(["db", "start"], home=tmp_path / "home", port=port)
    assert result.returncode == 1
    assert f"Port {port}" in result.stderr and "already taken" in result.stderr
    assert "GOVGRAPH_LOCAL__PORT" in result.stderr


def test_java_versions_are_parsed() -> None:
    assert java_major_version('openjdk version "17.0.15" 2025-04-15') == 17
    assert java_major_version('java version "1.8.0_402"') == 8
    assert java_major_version('openjdk version "25" 2025-09-16') == 25
    assert java_major_version("no java here") is None


def test_relevant_log_lines_pick_the_errors() -> None:
    log = "starting\nall fine\nERROR Failed to bind\nCaused by: java.net.BindException\nbye"
    assert relevant_log_lines(log) == ["ERROR Failed to bind", "Caused by: java.net.BindException"]


@pytest.mark.slow
def test_start_twice_runs_one_neo4j_and_stop_leaves_no_jvm(spare_neo4j: LocalNeo4j) -> None:
    first, started = spare_neo4j.start()
    again, started_again = spare_neo4j.start()
    assert started and not started_again and first.pid == again.pid
    assert first.pid is not None
    assert spare_neo4j.stop()
    assert not Path(f"/proc/{first.pid}").exists()
    assert not spare_neo4j.status().running


@pytest.mark.slow
def test_second_neo4j_on_a_locked_home_is_refused(spare_neo4j: LocalNeo4j) -> None:
    spare_neo4j.start()
    intruder = LocalNeo4j(home=spare_neo4j.home, port=free_port(), heap="512m", pagecache="64m")
    intruder.state_file.rename(spare_neo4j.home / "moved.json")  # hide the running one
    try:
        with pytest.raises(Exception, match="locked by another process"):
            intruder.start()
    finally:
        (spare_neo4j.home / "moved.json").rename(spare_neo4j.state_file)


@pytest.mark.slow
def test_an_http_port_serves_neo4js_query_api_on_loopback(spare_neo4j: LocalNeo4j) -> None:
    # The benchmark compares the app with Neo4j's own HTTP API on the same server.
    with_http = LocalNeo4j(
        home=spare_neo4j.home,
        port=spare_neo4j.port,
        heap="512m",
        pagecache="64m",
        http_port=free_port(),
    )
    with_http.start()
    answer = httpx.post(
        f"http://127.0.0.1:{with_http.http_port}/db/neo4j/query/v2",
        json={"statement": "RETURN 1 AS one"},
        auth=("neo4j", with_http.password()),
        timeout=30.0,
    )
    answer.raise_for_status()
    assert answer.json()["data"]["values"] == [[1]]
