"""`govgraph import` of several files: a source is written while the next ones are still read."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli import app
from graph.driver import Graph
from soak.transactions import govgraph

OPUS = "ZLPE20261101120000_delta.xml"


def _runs(graph: Graph) -> list[str]:
    return [r["file"] for r in graph.query("MATCH (r:ImportRun) RETURN r.file_name AS file")]


def _import_before_a_pipe(examples: Path, tmp_path: Path) -> tuple[Path, subprocess.Popen[str]]:
    """`govgraph import` of the example OPUS file, then of a pipe that holds nothing yet."""
    later = tmp_path / "ZLPE20261201120000_delta.xml"
    os.mkfifo(later)
    return later, govgraph("import", str(examples / OPUS), str(later))


def _wait_for_first_run(graph: Graph, process: subprocess.Popen[str]) -> list[str]:
    deadline = time.monotonic() + 60
    while not _runs(graph) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return _runs(graph)


def _serve(fifo: Path, data: bytes, stop: threading.Event) -> None:
    """Give ``data`` to the first reader of ``fifo`` and an empty file to any later one."""
    while not stop.is_set():
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:  # no reader yet
            assert e.errno == errno.ENXIO
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        os.write(fd, data)
        os.close(fd)
        data = b""


def test_the_first_source_is_written_while_the_next_is_still_read(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    # The second file is a pipe that holds nothing until the test gives it the data: it cannot
    # be read before the first source is in the graph unless reading overlaps writing.
    later, process = _import_before_a_pipe(examples, tmp_path)
    stop = threading.Event()
    feeder = threading.Thread(target=_serve, args=(later, (examples / OPUS).read_bytes(), stop))
    try:
        written_first = _wait_for_first_run(model_graph, process)
        feeder.start()
        stdout, stderr = process.communicate(timeout=300)
    finally:
        stop.set()
        process.kill()
        if feeder.is_alive():
            feeder.join()
    assert written_first == [OPUS], stdout + stderr
    assert process.returncode == 0, stdout + stderr
    assert sorted(_runs(model_graph)) == [OPUS, later.name]


def test_a_file_with_errors_writes_nothing_and_the_others_are_written(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    broken = tmp_path / OPUS
    text = (examples / OPUS).read_text(encoding="utf-8")
    broken.write_text(text.replace("<parentOrgUnit>", "<parentOrgUnit>999", 1), encoding="utf-8")
    unreadable = tmp_path / "ZLPE20261201120000_delta.xml"
    unreadable.write_text("<kmd><orgUnit>", encoding="utf-8")
    paths = [unreadable, examples / "register.xlsx", examples / "kitos", broken]
    result = CliRunner().invoke(app, ["import", *map(str, paths)])
    output = result.output
    assert result.exit_code == 2, output
    assert "Traceback" not in output
    # The scopes' order (HR, KITOS, register), then the file that could not be read at all.
    order = [f"Problems in {OPUS}", "Problems in kitos", "register, written"]
    order.append(f"Problems in {unreadable.name}")
    assert [output.index(part) for part in order] == sorted(output.index(p) for p in order)
    assert f"{OPUS}: 1 error(s) — nothing written." in output
    assert "id='000100'>, line" in output  # where the error is
    assert "The XML is not well-formed" in output
    assert "Some files had errors; those files wrote nothing." in output
    assert sorted(_runs(model_graph)) == ["kitos", "register.xlsx"]


def test_a_killed_import_leaves_no_reader_behind(
    model_graph: Graph, examples: Path, tmp_path: Path
) -> None:
    # The reader of the pipe waits for data that never comes, while the first source is written.
    _, process = _import_before_a_pipe(examples, tmp_path)
    readers: list[int] = []
    try:
        _wait_for_first_run(model_graph, process)
        task = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        readers = [int(pid) for pid in task.read_text().split()]
        process.kill()
        process.wait(timeout=60)
        deadline = time.monotonic() + 10
        while _alive(readers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _alive(readers)
    finally:
        process.kill()
        for pid in _alive(readers):
            os.kill(pid, signal.SIGKILL)
    assert readers, "the import should read in a worker process"
    assert left == []


def _alive(pids: list[int]) -> list[int]:
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()]


def _open_for_writing(fifo: Path) -> int:
    """The write end of ``fifo``, once a reader opens it (within a minute)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as e:  # no reader yet
            assert e.errno == errno.ENXIO
            assert time.monotonic() < deadline, f"nobody opened {fifo}"
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        return fd


def _holders(path: Path, pids: list[int]) -> list[int]:
    """Those of ``pids`` that have ``path`` open."""
    holding = []
    for pid in pids:
        try:
            if any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir()):
                holding.append(pid)
        except FileNotFoundError:  # the process or the file descriptor ended meanwhile
            continue
    return holding


def _readers(fifo: Path, pid: int) -> list[int]:
    """Which of ``pid`` and its children hold ``fifo`` open, once one does (a writer's open
    returns as soon as a reader waits in its own open, before the reader holds the file)."""
    deadline = time.monotonic() + 10
    while True:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        holding = _holders(fifo, [pid, *map(int, children.split())])
        if holding or time.monotonic() > deadline:
            return holding
        time.sleep(0.02)


def test_the_first_file_is_read_by_the_import_itself(examples: Path, tmp_path: Path) -> None:
    # The first file, HR's, is written first: read in the import's own process it needs no
    # pickling to cross from a worker; the worker reads the files after it.
    first = tmp_path / OPUS
    os.mkfifo(first)
    process = govgraph("import", str(first), str(examples / "kitos"))
    try:
        fd = _open_for_writing(first)
        readers = _readers(first, process.pid)
        os.close(fd)
    finally:
        process.kill()
        process.wait(timeout=60)
    assert readers == [process.pid]
