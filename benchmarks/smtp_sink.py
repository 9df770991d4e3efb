"""A local SMTP server for the drain benchmark, in a process of its own: aiosmtpd that accepts
and counts every mail; on SIGTERM it prints the count and exits.

Usage: ``python -m benchmarks.smtp_sink PORT``.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any

from aiosmtpd.controller import Controller


class Sink:
    """Counts what it accepts."""

    def __init__(self) -> None:
        self.count = 0

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1  # one event loop thread: no lock needed
        return "250 OK"


def main() -> None:
    """Serve until SIGTERM, then print how many mails were accepted."""
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=int(sys.argv[1]))
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print("ready", flush=True)
    stop.wait()
    controller.stop()
    print(sink.count, flush=True)


if __name__ == "__main__":
    main()
