"""Once: bring the tokens and audit log of the files an older govgraph kept in $GOVGRAPH_HOME
into Neo4j, and rename the files so that it happens only once.

``tokens.json`` keeps its hashes, names, scopes and dates; the ``audit/audit-*.jsonl`` entries
are appended to the hash chain in their order. ``sessions.json`` is not carried over (a browser
logs in again) and ``session-secret`` is left unused. Each imported file is renamed
``<name>.imported``; nothing is deleted.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from api.audit import AuditEntry, AuditLog
from api.token_store import TokenStore
from core.errors import GovgraphError

log = logging.getLogger("govgraph.api")
DONE = ".imported"


def import_legacy_files(home: Path, *, tokens: TokenStore, audit: AuditLog) -> list[Path]:
    """Import what the old files hold; the files it imported (now renamed)."""
    done: list[Path] = []
    token_file = home / "tokens.json"
    if token_file.is_file():
        try:
            records = json.loads(token_file.read_text(encoding="utf-8")).get("tokens", [])
        except ValueError as e:
            raise GovgraphError(
                f"{token_file} is not valid JSON, so its tokens cannot be moved to Neo4j.",
                hint="Restore it from a backup, or move it away and create new tokens.",
            ) from e
        for record in records:
            tokens.import_record(record)
        done.append(_mark_done(token_file))
    for month in sorted((home / "audit").glob("audit-*.jsonl")):
        with month.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    audit.record(AuditEntry.model_validate_json(line))
        done.append(_mark_done(month))
    sessions = home / "sessions.json"
    if sessions.is_file():
        done.append(_mark_done(sessions))
    for path in done:
        log.warning("moved %s into Neo4j; the file is kept as %s", path.with_suffix(""), path)
    return done


def _mark_done(path: Path) -> Path:
    target = path.with_name(path.name + DONE)
    path.rename(target)
    return target
