"""The local Neo4j 5.26 Community that govgraph runs itself when NEO4J_URI is not set.

Maven resolves ``org.neo4j:neo4j`` from Maven Central (``embedded/pom.xml``); a single-file Java
program (``embedded/Launcher.java``) runs it in its own JVM with Bolt on 127.0.0.1. Data, logs,
the pid and a generated password live under ``$GOVGRAPH_HOME``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from core.errors import LocalDatabaseError
from core.settings import Settings
from graph.local_home import LocalHome, LocalStatus, process_alive

EMBEDDED = Path(__file__).parent / "embedded"
POM = EMBEDDED / "pom.xml"
LAUNCHER = EMBEDDED / "Launcher.java"
READY_MARK = "GOVGRAPH-READY"
MIN_JAVA = 17
_OFFLINE_SIGNS = (
    "Could not transfer",
    "UnknownHost",
    "Connection refused",
    "Network is unreachable",
    "Connect timed out",
    "Could not resolve host",
    "No route to host",
)


class LocalNeo4j(LocalHome):
    """Resolves, starts, stops and reports on one home's local Neo4j."""

    def __init__(
        self,
        *,
        home: Path,
        port: int = 7687,
        heap: str = "1g",
        pagecache: str = "256m",
        start_timeout: float = 180.0,
        import_dir: Path | None = None,
        http_port: int | None = None,
    ) -> None:
        super().__init__(home)
        self.port = port
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout = start_timeout
        self.import_dir = import_dir
        self.http_port = http_port  # the benchmark's: Neo4j's own Query API, to compare with

    # -- start ---------------------------------------------------------------------------
    def start(self) -> tuple[LocalStatus, bool]:
        """Start Neo4j and wait until Bolt answers; return (status, started_now)."""
        current = self.status()
        if current.running:
            return current, False
        java = check_java()
        classpath = self.classpath()
        _check_port_free(self.port)
        self.home.mkdir(parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        command = [
            java,
            f"-Xmx{self.heap}",
            f"-Xms{min_size(self.heap, '256m')}",
            "-XX:+UseG1GC",
            "-Dfile.encoding=UTF-8",
            "-cp",
            classpath,
            str(LAUNCHER),
            "--home",
            str(self.dbms_home),
            "--port",
            str(self.port),
            "--pagecache",
            self.pagecache,
            "--password-file",
            str(self.password_file),
        ]
        if self.import_dir:
            command += ["--import-dir", str(self.import_dir)]
        if self.http_port is not None:
            _check_port_free(self.http_port)
            command += ["--http-port", str(self.http_port)]
        self.password()
        log = self.log_file.open("ab")
        log.write(f"\n--- start {datetime.now(UTC).isoformat()} ---\n".encode())
        log.flush()
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        self.state_file.write_text(
            json.dumps({"pid": process.pid, "port": self.port, "started_at": started_at})
        )
        self._wait_until_ready(process)
        return self.status(), True

    def _wait_until_ready(self, process: subprocess.Popen[bytes]) -> None:
        deadline = time.monotonic() + self.start_timeout
        offset = self.log_file.stat().st_size
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise self._start_failure(offset)
            if READY_MARK in self._log_since(offset) and _bolt_answers(self.port):
                return
            time.sleep(0.25)
        self._terminate(process.pid)
        self.state_file.unlink(missing_ok=True)
        raise LocalDatabaseError(
            f"Neo4j did not answer on port {self.port} within {self.start_timeout:.0f} s.",
            hint=f"See {self.log_file}; raise local.start_timeout if this machine is slow.",
        )

    def _log_since(self, offset: int) -> str:
        with self.log_file.open("rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", "replace")

    def _start_failure(self, offset: int) -> LocalDatabaseError:
        text = self._log_since(offset)
        relevant = relevant_log_lines(text)
        if (
            "FileLockException" in text
            or "Lock file has been locked" in text
            or "already locked" in text
        ):
            return LocalDatabaseError(
                f"The data directory {self.dbms_home} is locked by another process.",
                hint="Another Neo4j uses this GOVGRAPH_HOME: stop it, or set GOVGRAPH_HOME to "
                "another folder.",
                details=relevant,
            )
        if "Address already in use" in text or "BindException" in text:
            return _port_taken(self.port)
        return LocalDatabaseError(
            "Neo4j failed to start. The relevant lines of its log:\n" + "\n".join(relevant),
            hint=f"The whole log is {self.log_file}.",
            details=relevant,
        )

    # -- stop ----------------------------------------------------------------------------
    def stop(self, timeout: float = 60.0) -> bool:
        """Shut Neo4j down cleanly; return False when it was not running."""
        current = self.status()
        if not current.running or current.pid is None:
            return False
        self._terminate(current.pid, timeout)
        self.state_file.unlink(missing_ok=True)
        return True

    def _terminate(self, pid: int, timeout: float = 60.0) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not process_alive(pid):
                return
            time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        while process_alive(pid):
            time.sleep(0.1)

    # -- Maven ---------------------------------------------------------------------------
    def classpath(self) -> str:
        """Neo4j's classpath, resolved by Maven once and cached per pom."""
        digest = hashlib.sha256(POM.read_bytes()).hexdigest()[:16]
        cache = self.home / f"classpath-{digest}.txt"
        if cache.exists():
            classpath = cache.read_text().strip()
            if all(Path(p).exists() for p in classpath.split(os.pathsep)):
                return classpath
        return resolve_classpath(cache)


def resolve_classpath(output: Path) -> str:
    """Run Maven to resolve Neo4j and write its classpath to ``output``."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise LocalDatabaseError(
            "Maven (mvn) was not found on PATH; it is needed to fetch Neo4j from Maven Central.",
            hint="Install Maven 3.8 or later (Debian: apt-get install maven), or set NEO4J_URI "
            "to use a Neo4j server you already run.",
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [
            mvn,
            "-B",
            "-q",
            "-f",
            str(POM),
            "dependency:build-classpath",
            f"-Dmdep.outputFile={output}",
        ],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        text = result.stdout + result.stderr
        if any(sign in text for sign in _OFFLINE_SIGNS):
            raise LocalDatabaseError(
                "Maven could not reach Maven Central to fetch Neo4j.",
                hint="Check the network or proxy (~/.m2/settings.xml); once fetched, Neo4j is "
                "cached in ~/.m2 and no network is needed.",
                details=relevant_log_lines(text),
            )
        raise LocalDatabaseError(
            "Maven failed to resolve Neo4j:\n" + "\n".join(relevant_log_lines(text)),
            hint="Run the same with `mvn -f govgraph/embedded/pom.xml dependency:build-classpath` "
            "to see the whole output.",
        )
    return output.read_text().strip()


def check_java() -> str:
    """Return the java executable, or raise when it is missing or older than 17."""
    java_home = os.environ.get("JAVA_HOME")
    java = shutil.which("java", path=f"{java_home}/bin") if java_home else None
    java = java or shutil.which("java")
    if java is None:
        raise LocalDatabaseError(
            "Java was not found on PATH; the local Neo4j needs Java 17 or later.",
            hint="Install a JDK 17+ (Debian: apt-get install openjdk-17-jdk-headless) or set "
            "JAVA_HOME; or set NEO4J_URI to use a Neo4j server you already run.",
        )
    out = subprocess.run([java, "-version"], capture_output=True, text=True, check=False)
    version = java_major_version(out.stderr + out.stdout)
    if version is None or version < MIN_JAVA:
        raise LocalDatabaseError(
            f"{java} is Java {version or 'of an unknown version'}; the local Neo4j needs "
            f"Java {MIN_JAVA} or later.",
            hint="Install a JDK 17+ and put it first on PATH or in JAVA_HOME.",
        )
    return java


def java_major_version(text: str) -> int | None:
    """Parse the major version from the output of ``java -version``."""
    match = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if not match:
        return None
    major = int(match.group(1))
    return int(match.group(2) or 0) if major == 1 else major


def relevant_log_lines(text: str, limit: int = 15) -> list[str]:
    """The lines of a log that say what went wrong, else its tail."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    picked = [line for line in lines if re.search(r"ERROR|Exception|Caused by|FATAL|error:", line)]
    return (picked or lines)[-limit:]


def min_size(a: str, b: str) -> str:
    """The smaller of two JVM sizes like '1g' and '256m'."""
    return a if _bytes(a) <= _bytes(b) else b


def _bytes(size: str) -> int:
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    return int(size[:-1]) * units[size[-1].lower()]


def _check_port_free(port: int) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As Neo4j itself binds: connections a crashed Neo4j left in TIME_WAIT do not count.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError as e:
            raise _port_taken(port) from e


def _port_taken(port: int) -> LocalDatabaseError:
    return LocalDatabaseError(
        f"Port {port} on 127.0.0.1 is already taken by another program.",
        hint="Stop that program, or choose another port with GOVGRAPH_LOCAL__PORT=7690 "
        "(or [local] port in the configuration file).",
    )


def _bolt_answers(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        return s.connect_ex(("127.0.0.1", port)) == 0


def local_database(settings: Settings) -> LocalNeo4j:
    """The local Neo4j that these settings describe."""
    local = settings.local
    return LocalNeo4j(
        home=settings.home,
        port=local.port,
        heap=local.heap,
        pagecache=local.pagecache,
        start_timeout=local.start_timeout,
        import_dir=local.import_dir,
    )
