"""A local stand-in for OS2mo's GraphQL and its Keycloak token endpoint, over a real socket.

The token endpoint follows OAuth2's client-credentials grant as Keycloak answers it
(``{access_token, expires_in, token_type}``; a wrong client gets 401
``{"error": "unauthorized_client", ...}``). ``POST /graphql`` answers ``org_units``,
``employees`` and ``managers`` with cursor paging: ``limit`` and ``cursor`` in, ``page_info
{next_cursor}`` and ``objects`` out. The data is the example generator's os2mo.json, so a sync
and an import of that file read the same organisation.

**Unconfirmed**: whether OS2mo's last page carries ``next_cursor: null`` (as here) or a cursor
to one more, empty page; the client reads until the cursor is null either way. The query text
is not parsed beyond the collection's name: the double answers the fields it holds.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from tests.live.local_server import Answer, Fault, LocalServer, Request, as_json

TOKEN = "/auth/realms/mo/protocol/openid-connect/token"
GRAPHQL = "/graphql"
COLLECTION = re.compile(r"\{\s*(org_units|employees|managers)\s*\(")


def cursor_of(offset: int) -> str:
    """An opaque cursor, as OS2mo's are."""
    return base64.b64encode(json.dumps({"offset": offset}).encode()).decode()


class Os2moServer(LocalServer):
    """OS2mo and its Keycloak: ``with Os2moServer(folder) as mo: mo.url``."""

    def __init__(
        self, data: dict[str, list[dict[str, Any]]], *, client_id: str = "govgraph"
    ) -> None:
        super().__init__()
        self.data = data
        self.client_id = client_id
        self.client_secret = secrets.token_urlsafe(24)

    @classmethod
    def from_file(cls, path: Path) -> Os2moServer:
        """Serve a saved GraphQL answer (examples/generate.py's os2mo.json)."""
        root = json.loads(path.read_text(encoding="utf-8"))["data"]
        return cls({name: list(value["objects"]) for name, value in root.items()})

    @property
    def auth_url(self) -> str:
        """What [os2mo] auth_url takes: Keycloak's base, before /realms."""
        return f"{self.url}/auth"

    def respond(self, request: Request, fault: Fault | None) -> Answer:
        """What Keycloak or OS2mo would answer."""
        if request.method == "POST" and request.path == TOKEN:
            return self._token(request.body)
        if request.method != "POST" or request.path != GRAPHQL:
            return as_json(404, {"detail": "Not Found"})
        if not self.authorised(request):
            return as_json(401, {"detail": "Not authenticated"})  # body **unconfirmed**
        try:
            body = json.loads(request.body)
            name = COLLECTION.search(body["query"]).group(1)  # type: ignore[union-attr]
        except (ValueError, KeyError, AttributeError, TypeError):
            return as_json(200, {"data": None, "errors": [{"message": "Syntax Error"}]})
        variables = body.get("variables") or {}
        return as_json(200, {"data": {name: self._page(name, variables, fault)}})

    def _page(self, name: str, variables: dict[str, Any], fault: Fault | None) -> dict[str, Any]:
        items = self.data[name]
        limit = int(variables.get("limit") or len(items) or 1)
        cursor = variables.get("cursor")
        offset = json.loads(base64.b64decode(cursor))["offset"] if cursor else 0
        if fault is not None and fault.kind == "repeat":
            offset = 0
        if fault is not None and fault.kind == "endless":
            page = [{"uuid": f"endless-{offset}-{i}", "current": None} for i in range(2)]
            return {"page_info": {"next_cursor": cursor_of(offset + 2)}, "objects": page}
        page = items[offset : offset + limit]
        more = offset + limit < len(items)
        following = cursor_of(offset + limit) if more else None
        if fault is not None and fault.kind == "repeat":
            following = cursor_of(0)
        return {"page_info": {"next_cursor": following}, "objects": page}

    def _token(self, body: bytes) -> Answer:
        form = {k: v[-1] for k, v in parse_qs(body.decode()).items()}
        if form.get("grant_type") != "client_credentials":
            return as_json(400, {"error": "unsupported_grant_type"})
        if (
            form.get("client_id") != self.client_id
            or form.get("client_secret") != self.client_secret
        ):
            return as_json(
                401,
                {
                    "error": "unauthorized_client",
                    "error_description": "Invalid client or Invalid client credentials",
                },
            )
        answer = {
            "access_token": self.new_token(),
            "expires_in": 300,
            "refresh_expires_in": 0,
            "token_type": "Bearer",
            "not-before-policy": 0,
            "scope": "profile email",
        }
        return as_json(200, answer)
