"""A send that a middleware can close: once it has answered in the app's place, the app's own
answer is dropped (the read deadline's 503, the body limit's 413)."""

from __future__ import annotations

from starlette.types import Message, Send


class Outbox:
    """Passes the app's messages on and notes that its answer began, until it is closed."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.began = False
        self.closed = False

    async def __call__(self, message: Message) -> None:
        """Send ``message`` unless the outbox is closed."""
        if self.closed:
            return
        self.began = True
        await self.send(message)
