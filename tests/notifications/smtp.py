"""A real SMTP server on the loopback (aiosmtpd) that keeps and parses what it receives."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """The handler: every accepted mail, parsed; ``on_message(n)`` may refuse the n-th offered."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.offered = 0  # mails offered (DATA received), accepted or not
        self.on_message: Callable[[int], str | None] = lambda _n: None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.offered += 1
            refusal = self.on_message(self.offered)
            if refusal:
                return refusal
            mail = message_from_bytes(envelope.content, policy=policy.default)
            assert isinstance(mail, EmailMessage)
            self.mails.append(mail)
        return "250 OK"

    def ids(self) -> list[str]:
        """The Message-IDs received, in order."""
        with self.lock:
            return [str(m["Message-ID"]) for m in self.mails]


class SmtpServer:
    """aiosmtpd on a fixed loopback port that can be stopped and started again."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.inbox = Inbox()
        self._controller: Controller | None = None

    def start(self) -> None:
        """Listen (again) on the port."""
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        """Stop listening; a connecting client is refused."""
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
