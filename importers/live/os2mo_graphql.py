"""Read OS2mo's GraphQL live, into the same ImportBatch a saved GraphQL answer gives.

A Keycloak client-credentials token (``{auth}/realms/mo/protocol/openid-connect/token``) is sent
as a bearer token to ``{base}/graphql``; ``org_units``, ``employees`` and ``managers`` are read
with cursor paging (``limit``, ``cursor`` -> ``page_info { next_cursor }``) until the cursor is
null. Only the ``current`` state is asked for; CPR numbers are never asked for. Nothing here
touches the database.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import httpx

from core.errors import SyncFailed
from core.records import ImportBatch
from core.settings import Os2moSettings
from importers.base import ImportOptions
from importers.common import SourceError
from importers.json_pages import json_kind
from importers.live.http import LiveHttp, Refused, read_secret, require
from importers.os2mo import os2mo_batch

TOKEN_PATH = "realms/mo/protocol/openid-connect/token"
WRONG_CLIENT = "OS2mo's Keycloak refused the client; check `[os2mo] client_id` and the secret file."
# The fields the reader uses, as OS2mo's GraphQL (v20 and later) names them. ``parent``,
# ``org_unit`` and ``person`` are lists of references in recent versions, single ones before;
# the reader takes either.
FIELDS = {
    "org_units": "uuid name user_key parent { uuid } unit_type { name } validity { from to }",
    "employees": (
        "uuid given_name surname name "
        "addresses { value address_type { scope user_key } } "
        "itusers { user_key itsystem { name } } "
        "engagements { uuid user_key org_unit { uuid } job_function { name } "
        "validity { from to } }"
    ),
    "managers": (
        "uuid person { uuid } org_unit { uuid } manager_level { name } manager_type { name } "
        "responsibilities { name } validity { from to }"
    ),
}
QUERY = (
    "query Page($limit: int, $cursor: Cursor) {{ {name}(limit: $limit, cursor: $cursor) "
    "{{ page_info {{ next_cursor }} objects {{ uuid current {{ {fields} }} }} }} }}"
)


def read_os2mo_live(
    settings: Os2moSettings, options: ImportOptions, *, transport: httpx.BaseTransport | None = None
) -> tuple[ImportBatch, dict[str, int], int]:
    """Fetch the organisation from OS2mo as a batch; also the counts read and requests made."""
    with Os2moClient(settings, transport=transport) as mo:
        root = {name: {"objects": mo.collection(name)} for name in FIELDS}
        requests = mo.http.requests
    if settings.root_unit:
        root = _subtree(root, settings.root_unit)
    counts = {name: len(value["objects"]) for name, value in root.items()}
    digest = hashlib.sha256(json.dumps(root, sort_keys=True).encode()).hexdigest()
    try:
        batch = os2mo_batch(root, options, path=Path("OS2mo GraphQL"), sha256=digest)
    except SourceError as e:
        raise SyncFailed(
            f"OS2mo's answer cannot be read: {e.problem.message}", hint=e.problem.hint
        ) from e
    return batch, counts, requests


class Os2moClient:
    """A Keycloak client's session with OS2mo: a token, renewed once when OS2mo says 401."""

    def __init__(
        self, settings: Os2moSettings, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        names = ("base_url", "auth_url", "client_id", "client_secret_file")
        given = require(settings, "os2mo", names)
        self.settings = settings
        self._secret = read_secret(
            given["client_secret_file"], setting="[os2mo] client_secret_file"
        )
        self.http = LiveHttp(
            "OS2mo", given["base_url"], settings, secrets=[self._secret], transport=transport
        )
        self.auth = LiveHttp(
            "OS2mo's Keycloak",
            given["auth_url"],
            settings,
            secrets=self.http.secrets,
            transport=transport,
        )
        self._token: str | None = None

    def __enter__(self) -> Os2moClient:
        self.http.__enter__()
        self.auth.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.auth.__exit__(*exc)
        self.http.__exit__(*exc)

    def collection(self, name: str) -> list[dict[str, Any]]:
        """Every object of one collection, page by page until the cursor runs out."""
        query = QUERY.format(name=name, fields=FIELDS[name])
        objects: list[dict[str, Any]] = []
        cursor: Any = None
        seen: set[str] = set()
        for page in range(self.settings.max_pages):
            variables = {"limit": self.settings.page_size, "cursor": cursor}
            data = self._graphql(query, variables)
            answer = data.get(name) if isinstance(data, dict) else None
            if not isinstance(answer, dict) or not isinstance(answer.get("objects"), list):
                raise self.http.failed(
                    f"OS2mo's answer for {name} (page {page}) holds no list of objects.",
                    hint="OS2mo's GraphQL may have changed; tell govgraph's maintainers.",
                )
            objects.extend(o for o in answer["objects"] if isinstance(o, dict))
            cursor = (answer.get("page_info") or {}).get("next_cursor")
            if cursor is None:
                return objects
            if str(cursor) in seen:
                raise self.http.failed(
                    f"OS2mo gave the same cursor twice while paging {name}.",
                    hint="OS2mo's paging is not moving on; run the sync again later.",
                )
            seen.add(str(cursor))
        raise self.http.failed(
            f"OS2mo's {name} did not end within {self.settings.max_pages} pages.",
            hint="Raise [os2mo] max_pages if the organisation really is this large.",
        )

    def _graphql(self, query: str, variables: dict[str, Any]) -> Any:
        body = {"query": query, "variables": variables}
        for attempt in (1, 2):
            token = self._token or self._new_token()
            try:
                answer = self.http.call(
                    "POST",
                    self.settings.graphql_path,
                    json_body=body,
                    headers={"Authorization": f"Bearer {token}"},
                )
            except Refused as e:
                if e.status == 401 and attempt == 1:
                    self._token = None
                    continue
                raise self._refused(e) from e
            if not isinstance(answer, dict):
                raise self.http.failed(
                    f"OS2mo answered GraphQL with a JSON {json_kind(answer)}, not an object.",
                    hint="Check [os2mo] base_url and graphql_path.",
                )
            if answer.get("errors"):
                first = answer["errors"][0] if isinstance(answer["errors"], list) else {}
                said = first.get("message") if isinstance(first, dict) else None
                raise self.http.failed(
                    f"OS2mo's GraphQL refused the query: {said or 'no message'}.",
                    hint="Check [os2mo] graphql_path (its version) and the client's read rights.",
                )
            return answer.get("data")
        raise AssertionError("unreachable")

    def _new_token(self) -> str:
        form = {
            "grant_type": "client_credentials",
            "client_id": self.settings.client_id or "",
            "client_secret": self._secret,
        }
        try:
            answer = self.auth.call("POST", TOKEN_PATH, form=form)
        except Refused as e:
            if e.status in (400, 401, 403):
                raise self.auth.failed(WRONG_CLIENT) from e
            raise self.auth.failed(
                f"OS2mo's Keycloak answered {e.status} to the token request.",
                hint="Check [os2mo] auth_url (it ends before /realms/mo).",
            ) from e
        token = answer.get("access_token") if isinstance(answer, dict) else None
        if not isinstance(token, str) or not token:
            raise self.auth.failed(
                "Keycloak's token answer holds no access_token.",
                hint="Check [os2mo] auth_url: it must be OS2mo's Keycloak.",
            )
        self.http.secrets.append(token)
        self._token = token
        return token

    def _refused(self, e: Refused) -> SyncFailed:
        if e.status in (401, 403):
            return self.http.failed(
                f"OS2mo refused the client's token ({e.status}).",
                hint="Give the Keycloak client OS2mo's read role (see README, 'Live sync').",
            )
        return self.http.failed(
            f"OS2mo answered {e.status} to {e.path}.",
            hint="Check [os2mo] base_url and graphql_path.",
        )


def _subtree(root: dict[str, Any], top: str) -> dict[str, Any]:
    """Only the units under ``top`` (itself included), and the people and posts in them."""
    parents: dict[str, str | None] = {}
    for obj in root["org_units"]["objects"]:
        current = obj.get("current") or {}
        parent = current.get("parent")
        parent = parent[0] if isinstance(parent, list) and parent else parent
        parents[str(obj.get("uuid"))] = parent.get("uuid") if isinstance(parent, dict) else None

    def inside(unit: str | None) -> bool:
        seen = set()
        while unit and unit not in seen:
            if unit == top:
                return True
            seen.add(unit)
            unit = parents.get(unit)
        return False

    def unit_of(item: dict[str, Any]) -> str | None:
        ref = item.get("org_unit")
        ref = ref[0] if isinstance(ref, list) and ref else ref
        return ref.get("uuid") if isinstance(ref, dict) else None

    units = [o for o in root["org_units"]["objects"] if inside(str(o.get("uuid")))]
    people = [
        o
        for o in root["employees"]["objects"]
        if any(inside(unit_of(e)) for e in (o.get("current") or {}).get("engagements") or [])
    ]
    posts = [o for o in root["managers"]["objects"] if inside(unit_of(o.get("current") or {}))]
    return {
        "org_units": {"objects": units},
        "employees": {"objects": people},
        "managers": {"objects": posts},
    }
