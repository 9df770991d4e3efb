"""Personal links: a task's key and expiry, signed with a key every app process reads from Neo4j.

A link is ``<task key>.<expiry yyyymmdd>.<HMAC-SHA256>``: it opens that one task until the
expiry and nothing else. The signing key is created once, in the graph, so any process can make
and check links, and a new key (``rotate_link_key``) voids every link at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from neo4j import ManagedTransaction

from graph.driver import Graph

_KEY = (
    "MERGE (k:LinkKey {key: 'personal-links'}) ON CREATE SET k.secret = $fresh "
    "RETURN k.secret AS secret"
)
_ROTATE = "MERGE (k:LinkKey {key: 'personal-links'}) SET k.secret = $fresh"
_OPT_OUT = re.compile(r"^(optout-[A-Za-z0-9_-]{1,400})\.([0-9a-f]{64})$")
_TOKEN = re.compile(r"^(task-[0-9a-f-]{20,60})\.(\d{8})\.([0-9a-f]{64})$")


@dataclass(frozen=True, slots=True)
class LinkClaim:
    """What a well-signed link says: which task, and until when."""

    task: str
    expires: date


def link_key(tx: ManagedTransaction) -> str:
    """The signing key (created on first use), in the caller's transaction."""
    record = tx.run(_KEY, fresh=secrets.token_hex(32)).single(strict=True)
    return str(record["secret"])


def rotate_link_key(graph: Graph) -> None:
    """A new signing key: every link made so far stops working."""
    graph.write(lambda tx: tx.run(_ROTATE, fresh=secrets.token_hex(32)).consume())


def sign(key: str, task: str, expires: date) -> str:
    """The link token of ``task``, valid until the end of ``expires``."""
    payload = f"{task}.{expires:%Y%m%d}"
    return f"{payload}.{_mac(key, payload)}"


def verify(key: str, token: str) -> LinkClaim | None:
    """The claim of a well-formed, well-signed token (expired or not); None otherwise."""
    match = _TOKEN.match(token)
    if match is None:
        return None
    task, expires, mac = match.groups()
    if not hmac.compare_digest(mac, _mac(key, f"{task}.{expires}")):
        return None
    try:
        return LinkClaim(task, datetime.strptime(expires, "%Y%m%d").date())
    except ValueError:
        return None


def sign_opt_out(key: str, person: str) -> str:
    """The token of a person's link that turns their digests off (it does nothing else)."""
    subject = base64.urlsafe_b64encode(person.encode()).decode().rstrip("=")
    payload = f"optout-{subject}"
    return f"{payload}.{_mac(key, payload)}"


def verify_opt_out(key: str, token: str) -> str | None:
    """The person of a well-signed opt-out token; None otherwise."""
    match = _OPT_OUT.match(token)
    if match is None or not hmac.compare_digest(match.group(2), _mac(key, match.group(1))):
        return None
    subject = match.group(1).removeprefix("optout-")
    try:
        return base64.urlsafe_b64decode(subject + "=" * (-len(subject) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def _mac(key: str, payload: str) -> str:
    return hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()
