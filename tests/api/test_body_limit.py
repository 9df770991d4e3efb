"""Large bodies are refused as they arrive, over a real socket to `govgraph serve`.

A client streams a 2 GB chunked body (no Content-Length) slowly and without a token; the answer
must come once little more than the route's limit has been sent, and the server's memory must
not grow with what was sent. A declared Content-Length over the limit is refused before a byte.
"""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from benchmarks.server import ApiServer, api_server
from core.settings import Settings
from graph.driver import Graph, connection
from soak.neo4j import free_port

MB = 1024 * 1024
UPLOAD_MB = 2  # the served app's max_upload_mb; ordinary bodies keep the default 1024 KB
TWO_GB = 2 * 1024 * MB
CHUNK = 64 * 1024
GIVE_UP = 64 * MB  # a server still reading by then would have read all 2 GB


@dataclass(frozen=True, slots=True)
class Streamed:
    """What a slow chunked upload saw: the answer, and how much had been sent by then."""

    status: int
    head: str
    body: dict
    sent: int


@pytest.fixture(scope="module")
def served(
    settings: Settings, session_graph: Graph, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ApiServer]:
    """`govgraph serve` in a process of its own (its memory is its own), on a free port."""
    home = tmp_path_factory.mktemp("body-limit") / "home"
    environment = {"GOVGRAPH_API__MAX_UPLOAD_MB": str(UPLOAD_MB)}
    with api_server(
        connection(settings), home=home, port=free_port(), environment=environment
    ) as server:
        yield server


def memory_kb(pid: int) -> dict[str, int]:
    """The process's resident memory now (VmRSS) and at its peak (VmHWM), in kB."""
    fields = dict(
        line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
    )
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM")}


def stream(server: ApiServer, request_head: str, first: bytes = b"") -> Streamed:
    """Send ``request_head`` and then a 2 GB chunked body, slowly, until the server answers."""
    chunk = b"0" * CHUNK
    sent = 0
    with connect(server) as sock:
        sock.sendall(request_head.encode("latin-1"))
        pieces = ([first] if first else []) + [chunk] * (TWO_GB // CHUNK)
        for piece in pieces:
            if select.select([sock], [], [], 0)[0] or sent > GIVE_UP:
                break
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            except (BrokenPipeError, ConnectionResetError):
                break  # the server answered and closed: read what it said
            sent += len(piece)
            time.sleep(0.004)  # a slow client: at most 16 MB/s
        head, body = read_answer(sock)
    return Streamed(int(head.split()[1]), head, body, sent)


def connect(server: ApiServer) -> socket.socket:
    host, port = server.base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=10)


def read_answer(sock: socket.socket) -> tuple[str, dict]:
    """The status line and headers, and the JSON body, of the answer waiting on ``sock``."""
    answer = b""
    while b"\r\n\r\n" not in answer:
        data = sock.recv(65536)
        assert data, f"the server closed without an answer: {answer!r}"
        answer += data
    raw_head, _, body = answer.partition(b"\r\n\r\n")
    head = raw_head.decode("latin-1")
    length = next(
        int(line.split(":", 1)[1])
        for line in head.lower().splitlines()
        if line.startswith("content-length:")
    )
    while len(body) < length:
        data = sock.recv(65536)
        assert data, "the server closed in the middle of its answer"
        body += data
    return head, json.loads(body) if length else {}


def request_head(method: str, path: str, content_type: str) -> str:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )


MULTIPART = "multipart/form-data; boundary=govgraphboundary"
FILE_PART = (
    b'--govgraphboundary\r\nContent-Disposition: form-data; name="file"; '
    b'filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n'
)


@pytest.mark.parametrize(
    ("method", "path", "content_type", "first", "limit"),
    [
        ("POST", "/api/cypher", "application/json", b'{"query": "', MB),
        ("POST", "/login", "application/x-www-form-urlencoded", b"token=", 16 * 1024),
        ("POST", "/api/imports", MULTIPART, FILE_PART, UPLOAD_MB * MB),
    ],
    ids=["json", "login-form", "upload"],
)
def test_a_chunked_2_gb_body_is_refused_soon_after_its_limit_and_memory_stays_flat(
    served: ApiServer, method: str, path: str, content_type: str, first: bytes, limit: int
) -> None:
    before = memory_kb(served.pid)
    answer = stream(served, request_head(method, path, content_type), first)
    after = memory_kb(served.pid)
    assert answer.status == 413, answer.head
    assert answer.body["error"]["code"] == "too-large"
    assert limit <= answer.sent < limit + 4 * MB
    assert after["VmRSS"] - before["VmRSS"] < 20 * 1024
    assert after["VmHWM"] - before["VmHWM"] < 20 * 1024


def test_a_chunked_body_to_a_route_that_reads_none_gets_401_at_once(served: ApiServer) -> None:
    answer = stream(served, request_head("GET", "/api/people", "application/json"))
    assert answer.status == 401
    assert answer.sent < 4 * MB


def test_a_declared_length_over_the_limit_is_refused_before_any_byte_is_sent(
    served: ApiServer,
) -> None:
    with connect(served) as sock:
        sock.sendall(
            f"POST /api/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {MULTIPART}\r\n"
            f"Content-Length: {TWO_GB}\r\n\r\n".encode()
        )
        head, body = read_answer(sock)
    assert head.startswith("HTTP/1.1 413"), head
    assert "connection: close" in head.lower()
    assert body["error"]["code"] == "too-large"


def test_a_body_within_the_limit_still_reaches_the_route(
    client: TestClient, analyst: dict[str, str]
) -> None:
    body = {"query": "RETURN size($p) AS n", "parameters": {"p": "x" * (900 * 1024)}}
    response = client.post("/api/cypher", headers=analyst, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["rows"] == [{"n": 900 * 1024}]


def test_a_body_just_over_the_limit_is_413_in_the_error_shape(
    client: TestClient, analyst: dict[str, str]
) -> None:
    body = {"query": "RETURN size($p) AS n", "parameters": {"p": "x" * (1100 * 1024)}}
    response = client.post("/api/cypher", headers=analyst, json=body)
    assert response.status_code == 413
    assert response.json()["error"] == {
        "code": "too-large",
        "message": "The request body is larger than 1 MB. Send a smaller body.",
        "details": None,
    }
