"""The machine a run measures on, and the peak memory of a process (``VmHWM`` from ``/proc``)."""

from __future__ import annotations

import importlib.metadata
import os
import platform
from datetime import UTC, datetime
from pathlib import Path

import neo4j

from graph.driver import Graph


def describe(graph: Graph) -> dict[str, str]:
    """Cores, memory, CPU, load, and the Python, Neo4j and driver versions."""
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores": str(os.cpu_count()),
        "memory": f"{_meminfo_kib('MemTotal') / 1024 / 1024:.1f} GiB",
        "cpu": _cpu_model(),
        "load average at start": load_average(),
        "python": platform.python_version(),
        "neo4j": neo4j_version(graph),
        "neo4j python driver": neo4j.__version__,
        "driver rust extension": rust_extension(),
    }


def neo4j_version(graph: Graph) -> str:
    """The server's name, version and edition."""
    row = graph.query("CALL dbms.components() YIELD name, versions, edition RETURN *")[0]
    return f"{row['name']} {', '.join(row['versions'])} {row['edition']}"


def rust_extension() -> str:
    """The version of neo4j-rust-ext when installed, else "not installed"."""
    try:
        return importlib.metadata.version("neo4j-rust-ext")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def peak_rss_mib(pid: int) -> float | None:
    """The peak resident memory (VmHWM) of a process in MiB, None when it cannot be read."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def _meminfo_kib(field: str) -> int:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"
