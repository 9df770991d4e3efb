"""A real Keycloak for the single sign-on tests: the distribution `make keycloak` fetched from
Maven Central into build/keycloak, started in development mode under Java 21+ with the realms
of tests/sso/realms imported, once per test session, and stopped by its own process id.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from soak.neo4j import free_port
from tests.support import ROOT, require

VERSION = "26.4.7"
HOME = ROOT / "build" / "keycloak" / f"keycloak-{VERSION}"
REALMS = Path(__file__).with_name("realms")
# Keycloak 26 needs Java 21 or newer; the machine's default is 17.
JAVA_HOMES = (
    os.environ.get("KEYCLOAK_JAVA_HOME", ""),
    "/usr/lib/jvm/temurin-25-jdk-amd64",
    "/usr/lib/jvm/java-21-openjdk-amd64",
)
START_TIMEOUT = 600.0  # a cold start on a busy two-core machine took 145 s


@dataclass(frozen=True, slots=True)
class Keycloak:
    """A running Keycloak: its base address and the issuer of a realm."""

    base: str
    log: Path

    def issuer(self, realm: str = "govgraph") -> str:
        """The issuer of ``realm``."""
        return f"{self.base}/realms/{realm}"

    def client_token(self, client_id: str, secret: str, *, realm: str = "govgraph") -> str:
        """An access token of a client, by the client credentials grant."""
        response = httpx.post(
            f"{self.issuer(realm)}/protocol/openid-connect/token",
            data={"grant_type": "client_credentials"},
            auth=(client_id, secret),
            timeout=30,
        )
        response.raise_for_status()
        return str(response.json()["access_token"])


def java_home() -> str | None:
    """A JDK of version 21 or newer, if the machine has one."""
    return next((j for j in JAVA_HOMES if j and Path(j, "bin", "java").exists()), None)


def _port(preferred: int) -> int:
    with socket.socket() as s:
        s.settimeout(0.5)
        busy = s.connect_ex(("127.0.0.1", preferred)) == 0
    return free_port() if busy else preferred


@contextmanager
def running_keycloak(work: Path) -> Iterator[Keycloak]:
    """Start Keycloak with the test realms on a fresh database; stop it afterwards.

    With KEYCLOAK_URL set, that Keycloak (started as this one is, with the same realms) is used.
    """
    if os.environ.get("KEYCLOAK_URL"):
        yield Keycloak(os.environ["KEYCLOAK_URL"].rstrip("/"), work / "keycloak.log")
        return
    require(
        (HOME / "bin" / "kc.sh").exists(),
        f"Keycloak {VERSION} is not in {HOME.relative_to(ROOT)}: run `make keycloak`.",
    )
    java = java_home()
    require(java is not None, "Keycloak needs Java 21 or newer (e.g. Temurin 25).")
    # A fresh copy of the distribution's data: the realms are imported anew every session.
    data = HOME / "data"
    shutil.rmtree(data / "h2", ignore_errors=True)
    shutil.rmtree(data / "import", ignore_errors=True)
    shutil.copytree(REALMS, data / "import")
    http, management = _port(int(os.environ.get("KEYCLOAK_PORT", "8181"))), _port(9001)
    log = work / "keycloak.log"
    env = {**os.environ, "JAVA_HOME": str(java), "KC_LOG_LEVEL": "warn"}
    command = [
        str(HOME / "bin" / "kc.sh"),
        "start-dev",
        "--import-realm",
        f"--http-port={http}",
        f"--http-management-port={management}",
        "--hostname-strict=false",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    server = Keycloak(f"http://127.0.0.1:{http}", log)
    try:
        _wait(process, server)
        yield server
    finally:
        _stop(process)


def _wait(process: subprocess.Popen[bytes], server: Keycloak) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    url = f"{server.issuer('elsewhere')}/.well-known/openid-configuration"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = server.log.read_text(errors="replace").splitlines()[-10:]
            raise RuntimeError("Keycloak stopped: " + " | ".join(tail))
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"Keycloak did not answer {url} within {START_TIMEOUT:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)  # kc.sh and the JVM it started: our own group
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
