"""XML that points outside the file: nothing is fetched, whatever the DOCTYPE asks for.

A loopback HTTP server records every request; OPUS files whose DOCTYPE names an external DTD,
a parameter entity or an external entity on it are read (or refused) without one request.
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.test_hostile_markup import opus_text, opus_with, problems


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Records every request; answers with a DTD that would define an entity."""

    requests: list[str] = []  # noqa: RUF012 - one list per server, set by the fixture

    def do_GET(self) -> None:
        self.requests.append(self.path)
        body = b'<!ENTITY fetched "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A loopback HTTP server: its base URL and the paths requested from it."""
    handler: type[_Recorder] = type("Handler", (_Recorder,), {"requests": []})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE kmd SYSTEM "{url}/kmd.dtd">\n',
        '<!DOCTYPE kmd [<!ENTITY % remote SYSTEM "{url}/p.dtd"> %remote;]>\n',
        '<!DOCTYPE kmd [<!ENTITY remote SYSTEM "{url}/e.xml">]>\n',
    ],
    ids=["external-dtd", "parameter-entity", "external-entity"],
)
def test_nothing_is_fetched_over_the_network(
    tmp_path: Path, listener: tuple[str, list[str]], doctype: str
) -> None:
    url, requests = listener
    body = opus_text().replace('<?xml version="1.0" encoding="utf-8"?>\n', "")
    path, fmt = opus_with(tmp_path, '<?xml version="1.0"?>\n' + doctype.format(url=url) + body)
    found = problems(path, fmt)
    assert requests == []
    assert all(p.code != "reader-failed" for p in found), found
