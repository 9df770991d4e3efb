"""Real sockets that show from outside Neo4j what a query did: a canary server and a cutting proxy.

``CanaryServer`` is a loopback HTTP server that answers a one-line CSV and records every path
asked for: a ``LOAD CSV`` that ran has called it, one that did not run has not. ``CuttingProxy``
stands between the driver and Neo4j and cuts every connection on which the client sends a
marker, counting how often the marker was sent: a driver that retries sends it again.
"""

from __future__ import annotations

import contextlib
import http.server
import selectors
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol, TypeVar


class _CanaryHandler(http.server.BaseHTTPRequestHandler):
    server: CanaryServer

    def do_GET(self) -> None:
        self.server.paths.append(self.path)
        body = b"canary,sang\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return None


class CanaryServer(http.server.ThreadingHTTPServer):
    """A loopback HTTP server that records the path of every request it gets."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _CanaryHandler)
        self.paths: list[str] = []

    @property
    def base_url(self) -> str:
        """Where the server answers; any path below it is a canary."""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def serve(self) -> None:
        """Answer requests until closed."""
        self.serve_forever()

    def close(self) -> None:
        """Stop answering and free the port."""
        self.shutdown()
        self.server_close()


class CuttingProxy:
    """A TCP proxy to ``target`` that cuts a connection when the client sends ``marker``."""

    def __init__(self, target: tuple[str, int], marker: str) -> None:
        self.target = target
        self.marker = marker.encode()
        self.cuts = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._lock = threading.Lock()

    @property
    def port(self) -> int:
        """Where the proxy listens on 127.0.0.1."""
        return int(self._listener.getsockname()[1])

    def serve(self) -> None:
        """Accept connections until the listener is closed, each pumped on a thread of its own."""
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def close(self) -> None:
        """Stop accepting connections."""
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() in serve
        self._listener.close()

    def _pump(self, client: socket.socket, upstream: socket.socket) -> None:
        seen = b""  # the client's last bytes, so that a marker split across reads is found
        with client, upstream, selectors.DefaultSelector() as sel:
            sel.register(client, selectors.EVENT_READ, upstream)
            sel.register(upstream, selectors.EVENT_READ, client)
            while True:
                for key, _ in sel.select():
                    source: socket.socket = key.fileobj  # type: ignore[assignment]
                    data = source.recv(65536)
                    if not data:
                        return
                    if source is client:
                        seen = seen[-len(self.marker) :] + data
                        if self.marker in seen:
                            with self._lock:
                                self.cuts += 1
                            return  # both sockets close: the driver sees the connection die
                    key.data.sendall(data)


class _Service(Protocol):
    def serve(self) -> None: ...
    def close(self) -> None: ...


S = TypeVar("S", bound=_Service)


@contextmanager
def running(service: S) -> Iterator[S]:
    """``service`` serving on a thread of its own while the block runs, closed afterwards."""
    threading.Thread(target=service.serve, daemon=True).start()
    try:
        yield service
    finally:
        service.close()
