"""A local stand-in for KITOS's API v2, over a real socket, with failures on demand.

It implements what govgraph's sync relies on, as read from KITOS's public source
(os2kitos/kitos; the facts are in ../shared/kitos-api-v2.md): ``POST api/authorize/gettoken``,
bearer tokens, the organisation and its users and units, ``it-system-usages``, ``it-systems``
and ``api/v2/delta-feed/deleted-entities``, 0-based ``page``/``pageSize`` (1..250, else 400)
over bare JSON arrays, ``changedSinceGtEq`` ordering by LastChanged first. Its data is the
example generator's saved KITOS folder (examples/generate.py), so a sync and an import of that
folder read the same content.

Shapes not confirmed by KITOS's source are marked **unconfirmed** below.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

DENIED = "Du har ikke adgang til denne funktion log ind med en bruger og prøv igen"
# Web API's default 401 body for an [Authorize] controller: **unconfirmed** for KITOS.
NO_TOKEN = {"message": "Authorization has been denied for this request."}


def stamp(moment: datetime) -> str:
    """KITOS's UTC timestamps, as its JSON serialiser writes them (ISO 8601 with Z)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_stamp(text: str) -> datetime:
    """A timestamp as a client sends it (``...Z`` or with an offset)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


@dataclass
class Fault:
    """One failure the server plays when a request's path starts with ``path``."""

    path: str
    kind: str  # status | slow | malformed | repeat | endless | huge | expire
    status: int = 500
    times: int = 1_000_000  # how many matching requests it answers
    retry_after: str | None = None
    after: int = 0  # let this many matching requests through first
    seen: int = 0


@dataclass
class KitosData:
    """The organisation the server holds, in KITOS's response shapes."""

    org_uuid: str
    org_name: str
    usages: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    users: list[dict[str, Any]]
    units: list[dict[str, Any]]
    deleted: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_folder(cls, folder: Path) -> KitosData:
        """Read an API folder as examples/generate.py or the benchmark writes it."""

        def load(name: str) -> list[dict[str, Any]]:
            path = folder / f"{name}.json"
            return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else []

        usages = load("it-system-usages")
        org = usages[0]["organizationContext"]
        return cls(
            org_uuid=org["uuid"],
            org_name=org["name"],
            usages=usages,
            systems=load("it-systems"),
            users=load("users"),
            units=load("organization-units"),
        )


class KitosServer:
    """The server, its data and its faults; ``with KitosServer(data) as kitos: kitos.url``."""

    def __init__(
        self, data: KitosData, *, email: str = "api@kommune.dk", password: str = ""
    ) -> None:
        self.data = data
        self.email = email
        self.password = password or f"pw-{uuidlib.uuid4().hex}"
        self.tokens: set[str] = set()
        self.issued: list[str] = []  # every token ever given, for the secrets test
        self.faults: list[Fault] = []
        self.requests: list[str] = []  # method and path with query, for the tests to read
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """The base URL, as [kitos] base_url takes it."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> KitosServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # -- what the tests change -------------------------------------------------------------

    def fail(self, path: str, kind: str = "status", **how: Any) -> Fault:
        """Play a failure on requests whose path starts with ``path``."""
        fault = Fault(path, kind, **how)
        self.faults.append(fault)
        return fault

    def expire_tokens(self) -> None:
        """Forget every token, as KITOS does after a day."""
        self.tokens.clear()

    def change_usage(self, uuid: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Change a usage as a KITOS user would: its lastModified moves to now."""
        usage = next(u for u in self.data.usages if u["uuid"] == uuid)
        change(usage)
        usage["lastModified"] = stamp(datetime.now(UTC))

    def delete_usage(self, uuid: str) -> None:
        """Delete a usage: it leaves the list and enters the deletion feed."""
        self.data.usages = [u for u in self.data.usages if u["uuid"] != uuid]
        self.data.deleted.append(
            {
                "occurredAtUtc": stamp(datetime.now(UTC)),
                "entityUuid": uuid,
                "entityType": "ItSystemUsage",
            }
        )

    # -- answering -------------------------------------------------------------------------

    def answer(
        self, method: str, path: str, query: dict[str, str], headers: Any, body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """The status, headers and body KITOS would give (or the fault on demand)."""
        with self.lock:
            asked = "&".join(f"{k}={v}" for k, v in query.items())
            self.requests.append(f"{method} {path}?{asked}")
            fault = self._fault(path)
        if fault is not None and fault.kind in ("status", "slow", "malformed", "huge"):
            return self._play(fault)
        if method == "POST" and path.lower() == "/api/authorize/gettoken":
            return self._token(body)
        if not path.startswith("/api/v2/"):
            return 404, {}, b""
        auth = headers.get("Authorization") or ""
        if not auth.startswith("Bearer ") or auth.removeprefix("Bearer ") not in self.tokens:
            return _json(401, NO_TOKEN)
        if fault is not None and fault.kind == "expire":
            self.expire_tokens()
        if fault is not None and fault.kind == "repeat":
            query = {**query, "page": "0"}
        if fault is not None and fault.kind == "endless":
            page = int(query.get("page", "0"))
            return _json(200, [{"uuid": f"endless-{page}-{i}"} for i in range(2)])
        return self._v2(path.removeprefix("/api/v2/"), query)

    def _fault(self, path: str) -> Fault | None:
        for fault in self.faults:
            if path.startswith(fault.path):
                fault.seen += 1
                if fault.after < fault.seen <= fault.after + fault.times:
                    return fault
        return None

    def _play(self, fault: Fault) -> tuple[int, dict[str, str], bytes]:
        if fault.kind == "slow":
            time.sleep(3)
            return _json(200, [])
        if fault.kind == "malformed":
            return 200, {"Content-Type": "application/json"}, b'[{"uuid": "a", '
        if fault.kind == "huge":
            return 200, {"Content-Type": "application/json"}, b"[" + b'"x",' * 600_000 + b'"x"]'
        headers = {"Retry-After": fault.retry_after} if fault.retry_after else {}
        status, hdrs, body = _json(fault.status, {"msg": "", "response": {}})
        return status, {**hdrs, **headers}, body

    def _token(self, body: bytes) -> tuple[int, dict[str, str], bytes]:
        try:
            creds = json.loads(body)
        except ValueError:
            return _json(400, {"msg": "invalid body", "response": {}})
        if not creds.get("email") or not creds.get("password"):
            return _json(400, {"msg": "Email and Password are required", "response": {}})
        if creds["email"] != self.email or creds["password"] != self.password:
            return _json(401, {"msg": DENIED, "response": {}})
        token = uuidlib.uuid4().hex + uuidlib.uuid4().hex
        self.tokens.add(token)
        self.issued.append(token)
        # `expires`: its string format is **unconfirmed**; the client does not read it.
        answer = {
            "token": token,
            "email": self.email,
            "loginSuccessful": True,
            "expires": stamp(datetime.now(UTC)),
        }
        return _json(200, {"msg": "", "response": answer})

    def _v2(self, path: str, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        parts = path.strip("/").split("/")
        data = self.data
        if parts[0] == "organizations" and len(parts) >= 2:
            if parts[1] != data.org_uuid:
                return _json(404, {"message": "Organization not found"})  # body **unconfirmed**
            if len(parts) == 2:
                return _json(
                    200,
                    {
                        "uuid": data.org_uuid,
                        "name": data.org_name,
                        "cvr": "29189900",
                        "organizationType": "Municipality",
                    },
                )
            lists = {"users": data.users, "organization-units": data.units}
            if parts[2] in lists and len(parts) == 3:
                return self._page(lists[parts[2]], query)
            return _json(404, {})
        if parts[0] == "it-system-usages" and len(parts) == 1:
            items = [
                u
                for u in data.usages
                if query.get("organizationUuid") in (None, u["organizationContext"]["uuid"])
                and query.get("systemUuid") in (None, u["systemContext"]["uuid"])
            ]
            return self._page(items, query)
        if parts[0] == "it-systems":
            if len(parts) == 2:
                found = [s for s in data.systems if s["uuid"] == parts[1]]
                return _json(200, found[0]) if found else _json(404, {})
            return self._page(data.systems, query)
        if parts[:2] == ["delta-feed", "deleted-entities"]:
            items = [d for d in data.deleted if query.get("entityType") in (None, d["entityType"])]
            if "deletedSinceUTC" in query:
                since = parse_stamp(query["deletedSinceUTC"])
                items = [d for d in items if parse_stamp(d["occurredAtUtc"]) >= since]
            return self._page(items, query, changed=False)
        return _json(404, {})

    def _page(
        self, items: list[dict[str, Any]], query: dict[str, str], *, changed: bool = True
    ) -> tuple[int, dict[str, str], bytes]:
        try:
            page, size = int(query.get("page", "0")), int(query.get("pageSize", "250"))
        except ValueError:
            return _json(400, {"message": "The request is invalid."})
        if page < 0 or not 1 <= size <= 250:
            return _json(400, {"message": "The request is invalid."})
        if changed and "changedSinceGtEq" in query:
            since = parse_stamp(query["changedSinceGtEq"])
            order = {id(item): i for i, item in enumerate(items)}
            items = sorted(
                (
                    i
                    for i in items
                    if "lastModified" in i and parse_stamp(i["lastModified"]) >= since
                ),
                key=lambda i: (parse_stamp(i["lastModified"]), order[id(i)]),
            )
        return _json(200, items[page * size : (page + 1) * size])


def _json(status: int, value: Any) -> tuple[int, dict[str, str], bytes]:
    body = json.dumps(value, ensure_ascii=False).encode()
    return status, {"Content-Type": "application/json; charset=utf-8"}, body


def _handler(server: KitosServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self, method: str) -> None:
            parts = urlsplit(self.path)
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            status, headers, payload = server.answer(method, parts.path, query, self.headers, body)
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            # The client may have given up (a timeout or a size cap): that is the test.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(payload)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read ``server.requests``."""

    return Handler
