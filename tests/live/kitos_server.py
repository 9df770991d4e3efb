"""A local stand-in for KITOS's API v2, over a real socket, with failures on demand.

It implements what govgraph's sync relies on, as read from KITOS's public source
(os2kitos/kitos; the facts are in ../shared/kitos-api-v2.md): ``POST api/authorize/gettoken``,
bearer tokens, the organisation and its users and units (lists, and one by its uuid),
``it-system-usages``, ``it-systems``, ``it-contracts`` (also by ``systemUsageUuid``) and
``api/v2/delta-feed/deleted-entities``, 0-based ``page``/``pageSize`` (1..250, else 400) over
bare JSON arrays, ``changedSinceGtEq`` (usages, systems, contracts, and units in KITOS's newest
version; never users) ordering by LastChanged first. Its data is the
example generator's saved KITOS folder (examples/generate.py), so a sync and an import of that
folder read the same content.

Shapes not confirmed by KITOS's source are marked **unconfirmed** below.
"""

from __future__ import annotations

import json
import uuid as uuidlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.live.local_server import Answer, Fault, LocalServer, Request, as_json

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
class KitosData:
    """The organisation the server holds, in KITOS's response shapes."""

    org_uuid: str
    org_name: str
    usages: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    users: list[dict[str, Any]]
    units: list[dict[str, Any]]
    contracts: list[dict[str, Any]] = field(default_factory=list)
    deleted: list[dict[str, Any]] = field(default_factory=list)
    # A unit's LastChanged: KITOS filters units on it but does not show it (no lastModified in
    # the unit's shape). A unit not here has not changed since the data was loaded.
    unit_changed: dict[str, datetime] = field(default_factory=dict)

    @classmethod
    def from_folder(cls, folder: Path) -> KitosData:
        """Read an API folder as examples/generate.py or the benchmark writes it."""

        def load(name: str) -> list[dict[str, Any]]:
            # A list saved in pages: name.json, then name-2.json, name-3.json, ...
            pages = sorted(folder.glob(f"{name}-*.json"), key=lambda p: (len(p.name), p.name))
            items: list[dict[str, Any]] = []
            for path in [folder / f"{name}.json", *pages]:
                if path.is_file():
                    items.extend(json.loads(path.read_text(encoding="utf-8")))
            return items

        usages = load("it-system-usages")
        org = usages[0]["organizationContext"]
        return cls(
            org_uuid=org["uuid"],
            org_name=org["name"],
            usages=usages,
            systems=load("it-systems"),
            users=load("users"),
            units=load("organization-units"),
            contracts=load("it-contracts"),
        )


class KitosServer(LocalServer):
    """KITOS over a real socket: ``with KitosServer(data) as kitos: kitos.url``."""

    def __init__(
        self, data: KitosData, *, email: str = "api@kommune.dk", password: str = ""
    ) -> None:
        super().__init__()
        self.data = data
        self.email = email
        self.password = password or f"pw-{uuidlib.uuid4().hex}"

    def change_usage(self, uuid: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Change a usage as a KITOS user would: its lastModified moves to now."""
        usage = next(u for u in self.data.usages if u["uuid"] == uuid)
        change(usage)
        usage["lastModified"] = stamp(datetime.now(UTC))

    def change_unit(self, uuid: str, change: Callable[[dict[str, Any]], None]) -> None:
        """Change a unit (or add one: ``change`` gets the new unit) as KITOS's local admin would."""
        unit = next((u for u in self.data.units if u["uuid"] == uuid), None)
        if unit is None:
            unit = {"uuid": uuid, "parentOrganizationUnit": None}
            self.data.units.append(unit)
        change(unit)
        self.data.unit_changed[uuid] = datetime.now(UTC)

    def sign_contract(self, usage: str, supplier: dict[str, str]) -> None:
        """A new contract for a usage with a supplier, as KITOS's v2 shape has it."""
        self.data.contracts.append(
            {
                "uuid": str(uuidlib.uuid4()),
                "name": f"Kontrakt {len(self.data.contracts) + 1}",
                "organizationContext": {"uuid": self.data.org_uuid, "name": self.data.org_name},
                "lastModified": stamp(datetime.now(UTC)),
                "supplier": {"organization": supplier, "signed": True},
                "systemUsages": [{"uuid": usage, "name": ""}],
            }
        )

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

    def respond(self, request: Request, fault: Fault | None) -> Answer:
        """What KITOS would answer (a fault the base class does not play itself included)."""
        method, path, query = request.method, request.path, request.query
        if method == "POST" and path.lower() == "/api/authorize/gettoken":
            return self._token(request.body)
        if not path.startswith("/api/v2/"):
            return 404, {}, b""
        if not self.authorised(request):
            return as_json(401, NO_TOKEN)
        if fault is not None and fault.kind == "repeat":
            query = {**query, "page": "0"}
        if fault is not None and fault.kind == "endless":
            page = int(query.get("page", "0"))
            return as_json(200, [{"uuid": f"endless-{page}-{i}"} for i in range(2)])
        return self._v2(path.removeprefix("/api/v2/"), query)

    def _token(self, body: bytes) -> Answer:
        try:
            creds = json.loads(body)
        except ValueError:
            return as_json(400, {"msg": "invalid body", "response": {}})
        if not creds.get("email") or not creds.get("password"):
            return as_json(400, {"msg": "Email and Password are required", "response": {}})
        if creds["email"] != self.email or creds["password"] != self.password:
            return as_json(401, {"msg": DENIED, "response": {}})
        token = self.new_token()
        # `expires`: its string format is **unconfirmed**; the client does not read it.
        answer = {
            "token": token,
            "email": self.email,
            "loginSuccessful": True,
            "expires": stamp(datetime.now(UTC)),
        }
        return as_json(200, {"msg": "", "response": answer})

    def _v2(self, path: str, query: dict[str, str]) -> Answer:
        parts = path.strip("/").split("/")
        data = self.data
        if parts[0] == "organizations" and len(parts) >= 2:
            if parts[1] != data.org_uuid:
                return as_json(404, {"message": "Organization not found"})  # body **unconfirmed**
            if len(parts) == 2:
                return as_json(
                    200,
                    {
                        "uuid": data.org_uuid,
                        "name": data.org_name,
                        "cvr": "29189900",
                        "organizationType": "Municipality",
                    },
                )
            lists = {"users": data.users, "organization-units": data.units}
            if parts[2] not in lists or len(parts) > 4:
                return as_json(404, {})
            if len(parts) == 4:  # one user or unit by its uuid; KITOS reads a Guid in any case
                found = [i for i in lists[parts[2]] if i["uuid"].lower() == parts[3].lower()]
                # The 404 body (KITOS's OperationError as JSON) is **unconfirmed**.
                return as_json(200, found[0]) if found else as_json(404, {"message": "Not found"})
            if parts[2] == "organization-units":
                return self._page(data.units, query, changed_at=self._unit_changed)
            return self._page(data.users, query, changed=False)  # users: no changedSinceGtEq
        if parts[0] == "it-system-usages" and len(parts) == 1:
            items = [
                u
                for u in data.usages
                if query.get("organizationUuid") in (None, u["organizationContext"]["uuid"])
                and query.get("systemUuid") in (None, u["systemContext"]["uuid"])
                and self._in_contract(u["uuid"], query.get("relatedToContractUuid"))
            ]
            return self._page(items, query)
        if parts[0] == "it-contracts" and len(parts) == 1:
            items = [
                c
                for c in data.contracts
                if query.get("organizationUuid") in (None, c["organizationContext"]["uuid"])
                and self._names_usage(c, query.get("systemUsageUuid"))
            ]
            return self._page(items, query)
        if parts[0] == "it-systems":
            if len(parts) == 2:
                found = [s for s in data.systems if s["uuid"] == parts[1]]
                return as_json(200, found[0]) if found else as_json(404, {})
            return self._page(data.systems, query)
        if parts[:2] == ["delta-feed", "deleted-entities"]:
            items = [d for d in data.deleted if query.get("entityType") in (None, d["entityType"])]
            if "deletedSinceUTC" in query:
                since = parse_stamp(query["deletedSinceUTC"])
                items = [d for d in items if parse_stamp(d["occurredAtUtc"]) >= since]
            return self._page(items, query, changed=False)
        return as_json(404, {})

    def _in_contract(self, usage: str, contract: str | None) -> bool:
        if contract is None:
            return True
        named = [c for c in self.data.contracts if c["uuid"] == contract]
        return any(ref["uuid"] == usage for c in named for ref in c.get("systemUsages") or [])

    @staticmethod
    def _names_usage(contract: dict[str, Any], usage: str | None) -> bool:
        if usage is None:
            return True
        refs = contract.get("systemUsages") or []
        return any(ref["uuid"].lower() == usage.lower() for ref in refs)

    def _unit_changed(self, unit: dict[str, Any]) -> datetime | None:
        return self.data.unit_changed.get(unit["uuid"])

    @staticmethod
    def _last_modified(item: dict[str, Any]) -> datetime | None:
        return parse_stamp(item["lastModified"]) if "lastModified" in item else None

    def _page(
        self,
        items: list[dict[str, Any]],
        query: dict[str, str],
        *,
        changed: bool = True,
        changed_at: Callable[[dict[str, Any]], datetime | None] | None = None,
    ) -> Answer:
        try:
            page, size = int(query.get("page", "0")), int(query.get("pageSize", "250"))
        except ValueError:
            return as_json(400, {"message": "The request is invalid."})
        if page < 0 or not 1 <= size <= 250:
            return as_json(400, {"message": "The request is invalid."})
        if changed and "changedSinceGtEq" in query:
            since = parse_stamp(query["changedSinceGtEq"])
            stamp_of = changed_at or self._last_modified
            found = [(at, i, item) for i, item in enumerate(items) if (at := stamp_of(item))]
            items = [item for at, _, item in sorted(found, key=lambda f: f[:2]) if at >= since]
        return as_json(200, items[page * size : (page + 1) * size])
