"""Read KITOS's API v2 live, into the same ImportBatch the saved-folder reader makes.

The facts it relies on (../shared/kitos-api-v2.md, from os2kitos/kitos): a token from
``POST api/authorize/gettoken``, valid about a day; lists as bare JSON arrays, 0-based ``page``
and ``pageSize`` up to 250, read until an empty page; ``changedSinceGtEq`` for what changed;
deletions from ``api/v2/delta-feed/deleted-entities``. Nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Generator
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

import httpx

from core.errors import SyncFailed
from core.records import ImportBatch
from core.settings import KitosSettings
from importers.base import ImportOptions
from importers.json_pages import json_kind
from importers.kitos_api import KitosResponses, kitos_batch
from importers.live.http import LiveHttp, Refused, read_secret, require
from importers.live.kitos_refs import add_units, in_one_order, units_named, users_named, uuid_of

TOKEN_PATH = "api/authorize/gettoken"
USAGES = "api/v2/it-system-usages"
SYSTEMS = "api/v2/it-systems"
CONTRACTS = "api/v2/it-contracts"
DELETED = "api/v2/delta-feed/deleted-entities"
# A delta reads the users (units, contracts) its usages name one at a time, up to this many;
# past it, it reads the whole list, as a full sync does. Both go READS_AT_ONCE at a time, so
# past about as many names as the list has pages (a municipality's 3,000 units: 13 pages of
# 250; its users: tens of pages) the list is the cheaper.
SINGLE_READS = 40
T = TypeVar("T")
R = TypeVar("R")
# Single reads are answered in about the time of a page: a few at once, not one after another.
READS_AT_ONCE = 6
WRONG_USER = "KITOS refused the API user; check `[kitos] user` and the password file."


@dataclass(slots=True)
class KitosFetch:
    """What one sync read: the lists, and for a delta the usages it is the truth about."""

    responses: KitosResponses
    covers: set[str] | None = None  # None: a full snapshot
    requests: int = 0
    counts: dict[str, int] = field(default_factory=dict)


def read_kitos_live(
    settings: KitosSettings,
    options: ImportOptions,
    *,
    since: datetime | None,
    transport: httpx.BaseTransport | None = None,
) -> tuple[ImportBatch, KitosFetch]:
    """Fetch the organisation from KITOS (all of it, or what changed ``since``) as a batch."""
    with KitosClient(settings, transport=transport) as kitos:
        fetched = kitos.fetch_all() if since is None else kitos.fetch_changes(since)
        fetched.requests = kitos.http.requests
    mode = "full" if since is None else f"changes since {since.isoformat()}"
    batch = kitos_batch(
        fetched.responses,
        options,
        file_name=f"KITOS API ({mode})",
        sha256=_digest(fetched),
        covers=fetched.covers,
    )
    if fetched.covers is not None:
        add_units(batch, fetched.responses.units)
    return batch, fetched


class KitosClient:
    """The API user's session with KITOS: a token, renewed once when KITOS says 401."""

    def __init__(
        self, settings: KitosSettings, *, transport: httpx.BaseTransport | None = None
    ) -> None:
        given = require(
            settings, "kitos", ("base_url", "organization_uuid", "user", "password_file")
        )
        self.settings = settings
        self.org: str = given["organization_uuid"]
        self.user: str = given["user"]
        self._password = read_secret(given["password_file"], setting="[kitos] password_file")
        self.http = LiveHttp(
            "KITOS", given["base_url"], settings, secrets=[self._password], transport=transport
        )
        self._token: str | None = None

    def __enter__(self) -> KitosClient:
        self.http.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.http.__exit__(*exc)

    # -- what a sync reads -----------------------------------------------------------------

    def fetch_all(self) -> KitosFetch:
        """Every usage of the organisation, its systems, users, units and contracts."""
        self._check_organisation()
        usages = self.pages(USAGES, {"organizationUuid": self.org})
        systems = self.pages(SYSTEMS, self._systems_query())
        responses = KitosResponses(
            usages=usages,
            users=self.pages(f"{self._org_path}/users", {}),
            units=self.pages(f"{self._org_path}/organization-units", {}),
            systems=systems,
            contracts=self.pages(CONTRACTS, {"organizationUuid": self.org}),
        )
        return KitosFetch(responses, None, counts=_counts(responses, None))

    def fetch_changes(self, since: datetime) -> KitosFetch:
        """The usages changed or deleted since ``since``, and only what they need besides.

        What it reads grows with the change, not with the organisation: the users and units the
        changed usages name (each read by uuid), the units KITOS says changed, and the
        contracts that name a changed usage.
        """
        self._check_organisation()
        stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ")
        deleted = self.pages(
            DELETED, {"entityType": "ItSystemUsage", "deletedSinceUTC": stamp}, key="entityUuid"
        )
        changed = self.pages(USAGES, {"organizationUuid": self.org, "changedSinceGtEq": stamp})
        # A system's rights holder, or a contract's supplier, is the vendor of its usages.
        systems = self.pages(SYSTEMS, {**self._systems_query(), "changedSinceGtEq": stamp})
        contracts = self.pages(CONTRACTS, {"organizationUuid": self.org, "changedSinceGtEq": stamp})
        by_uuid = {uuid_of(u): u for u in changed}
        related = [("systemUuid", s.get("uuid")) for s in systems]
        related += [("relatedToContractUuid", c.get("uuid")) for c in contracts]
        for name, uuid in related:
            for usage in self.pages(USAGES, {"organizationUuid": self.org, name: uuid}):
                by_uuid.setdefault(uuid_of(usage), usage)
        usages = list(by_uuid.values())
        gone = {uuid_of(d, "entityUuid") for d in deleted} - set(by_uuid)
        responses = KitosResponses(
            usages=usages,
            users=self._named(f"{self._org_path}/users", users_named(usages)),
            units=self._units_for(usages, stamp),
            systems=self._systems_of(usages, systems),
            contracts=self._contracts_naming(usages),
        )
        return KitosFetch(responses, gone, counts=_counts(responses, gone))

    @property
    def _org_path(self) -> str:
        return f"api/v2/organizations/{self.org}"

    def _named(self, path: str, uuids: list[str]) -> list[dict[str, Any]]:
        """The items of the list at ``path`` with these uuids: each read by uuid, or the list.

        One a KITOS no longer has (404) is left out, as the list would leave it out. Past
        SINGLE_READS the change is no longer small, and the whole list costs no more.
        """
        if len(uuids) > SINGLE_READS:
            wanted = set(uuids)
            return [item for item in self.pages(path, {}) if uuid_of(item) in wanted]
        found = self._at_once(lambda uuid: self.get(f"{path}/{uuid}", {}, missing_ok=True), uuids)
        return [item for item in found if isinstance(item, dict)]

    def _at_once(self, read: Callable[[T], R], items: list[T]) -> list[R]:
        """``read`` of every item, READS_AT_ONCE at a time; in their order, or the first error."""
        if len(items) <= 1:
            return [read(item) for item in items]
        with ThreadPoolExecutor(max_workers=READS_AT_ONCE) as pool:
            futures = [pool.submit(read, item) for item in items]
            try:
                return [future.result() for future in futures]
            finally:
                for future in futures:
                    future.cancel()

    def _units_for(self, usages: list[dict[str, Any]], stamp: str) -> list[dict[str, Any]]:
        """The units KITOS says changed since ``stamp``, and the units the usages name."""
        path = f"{self._org_path}/organization-units"
        # An older KITOS without changedSinceGtEq on units ignores it and lists every unit:
        # more to read, the same result.
        changed = self.pages(path, {"changedSinceGtEq": stamp})
        known = {uuid_of(u) for u in changed}
        return changed + self._named(path, [u for u in units_named(usages) if u not in known])

    def _contracts_naming(self, usages: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The contracts that name one of the usages, in KITOS's order (the first is its vendor)."""
        if len(usages) > SINGLE_READS:
            return self.pages(CONTRACTS, {"organizationUuid": self.org})
        query = {"organizationUuid": self.org}
        return in_one_order(
            self._at_once(
                lambda usage: self.pages(
                    CONTRACTS, {**query, "systemUsageUuid": usage.get("uuid")}
                ),
                usages,
            )
        )

    def _systems_query(self) -> dict[str, Any]:
        # A deactivated system can still be in use; its rights holder is still its vendor.
        return {"usedInOrganizationUuid": self.org, "includeDeactivated": "true"}

    def _systems_of(
        self, usages: list[dict[str, Any]], known: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """The systems the changed usages are of, each read once."""
        found = {uuid_of(s): s for s in known}
        wanted = {uuid_of(u.get("systemContext")): None for u in usages}
        missing = [uuid for uuid in wanted if uuid and uuid not in found]
        for uuid, system in zip(
            missing,
            self._at_once(lambda uuid: self.get(f"{SYSTEMS}/{uuid}", {}), missing),
            strict=True,
        ):
            found[uuid] = system if isinstance(system, dict) else {}
        return list(found.values())

    def _check_organisation(self) -> None:
        """Read the organisation first: a wrong uuid or missing access is said before paging."""
        self.get(f"api/v2/organizations/{self.org}", {})

    # -- paging and tokens -----------------------------------------------------------------

    def pages(self, path: str, query: dict[str, Any], *, key: str = "uuid") -> list[dict[str, Any]]:
        """Every item of a paged list: pages 0, 1, ... until an empty one (or the page cap).

        Pages 0 and 1 are asked for one by one, as a short list needs no more; after them 2, 4,
        then READS_AT_ONCE pages at a time. They are read in order all the same: the first empty
        page ends the list, and an error is that of the first page that failed.
        """
        size, cap = self.settings.page_size, self.settings.max_pages
        items: list[dict[str, Any]] = []
        previous: list[Any] | None = None
        page, ahead = 0, 1
        while page < cap:
            numbers = list(range(page, min(page + ahead, cap)))
            with closing(self._pages_at_once(path, query, numbers, size)) as read:
                for number, data in zip(numbers, read, strict=False):
                    if not isinstance(data, list):
                        raise self.http.failed(
                            f"KITOS answered {path} (page {number}) with a JSON {json_kind(data)}, "
                            "not a list.",
                            hint="KITOS's API may have changed; tell govgraph's maintainers.",
                        )
                    if not data:
                        return items
                    ids = [item.get(key) if isinstance(item, dict) else item for item in data]
                    if ids == previous:
                        raise self.http.failed(
                            f"KITOS answered page {number} of {path} with the same items as page "
                            f"{number - 1}.",
                            hint="KITOS's paging is not moving on; run the sync again later.",
                        )
                    previous = ids
                    items.extend(item for item in data if isinstance(item, dict))
            page = numbers[-1] + 1
            ahead = ahead if page < 2 else min(ahead * 2, READS_AT_ONCE)
        raise self.http.failed(
            f"KITOS's list {path} did not end within {cap} pages of {size}.",
            hint="Raise [kitos] max_pages if the organisation really is this large.",
        )

    def _pages_at_once(
        self, path: str, query: dict[str, Any], numbers: list[int], size: int
    ) -> Generator[Any, None, None]:
        """The answers for these pages, asked for at once, in their order (lazily)."""
        if len(numbers) == 1:
            yield self.get(path, {**query, "page": numbers[0], "pageSize": size})
            return
        with ThreadPoolExecutor(max_workers=READS_AT_ONCE) as pool:
            futures = [
                pool.submit(self.get, path, {**query, "page": n, "pageSize": size}) for n in numbers
            ]
            try:
                for future in futures:
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()

    def get(self, path: str, query: dict[str, Any], *, missing_ok: bool = False) -> Any:
        """GET with the token; on 401 a new token and one more try; None on 404 if missing_ok."""
        for attempt in (1, 2):
            token = self._token or self._new_token()
            try:
                return self.http.call(
                    "GET", path, params=query, headers={"Authorization": f"Bearer {token}"}
                )
            except Refused as e:
                if e.status == 401 and attempt == 1:
                    self._token = None
                    continue
                if e.status == 404 and missing_ok:
                    return None
                raise self._refused(e) from e
        raise AssertionError("unreachable")

    def _new_token(self) -> str:
        try:
            answer = self.http.call(
                "POST", TOKEN_PATH, json_body={"email": self.user, "password": self._password}
            )
        except Refused as e:
            if e.status in (400, 401, 403):
                raise self.http.failed(WRONG_USER) from e
            raise self._refused(e) from e
        response = answer.get("response") if isinstance(answer, dict) else None
        token = response.get("token") if isinstance(response, dict) else None
        if not isinstance(token, str) or not token:
            raise self.http.failed(
                "KITOS's token answer holds no token.",
                hint="Check that [kitos] base_url is KITOS itself (https://kitos.dk).",
            )
        self.http.secrets.append(token)
        self._token = token
        return token

    def _refused(self, e: Refused) -> SyncFailed:
        if e.status == 401:
            return self.http.failed(
                f"KITOS refused a fresh token on {e.path}.",
                hint="Check that the user is an API user ('API-bruger') in KITOS.",
            )
        if e.status == 403:
            return self.http.failed(
                f"KITOS does not let the API user read {e.path} (403).",
                hint="Ask the organisation's local admin in KITOS to give the API user read "
                "access to the organisation.",
            )
        if e.status == 404 and e.path.startswith(f"api/v2/organizations/{self.org}"):
            return self.http.failed(
                f"KITOS has no organisation {self.org} (404).",
                hint="Check [kitos] organization_uuid (KITOS shows it under the organisation).",
            )
        return self.http.failed(
            f"KITOS answered {e.status} to {e.path}.",
            hint="Check [kitos] base_url; if it is right, KITOS's API may have changed.",
        )


def _counts(responses: KitosResponses, covers: set[str] | None) -> dict[str, int]:
    return {
        "usages": len(responses.usages),
        "systems": len(responses.systems),
        "users": len(responses.users),
        "units": len(responses.units),
        "contracts": len(responses.contracts),
        "deleted": len(covers or ()),
    }


def _digest(fetched: KitosFetch) -> str:
    """The SHA-256 of what was read, in KITOS's order, so that equal content gives equal runs."""
    data = fetched.responses
    read = [data.usages, data.users, data.units, data.systems, data.contracts]
    text = json.dumps(
        [*read, sorted(fetched.covers or ())],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()
