"""What every importer shares: its options and its signature."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from core.records import ImportBatch
from schema.model import ImportScope


@dataclass(frozen=True, slots=True)
class ImportOptions:
    """Settings that change how a source is read; built from the configuration."""

    # Name or id of the unit the governance model governs (the forvaltning).
    forvaltning: str | None = None
    # Name or id of JB-sekretariatet, the secretariat that serves the departments.
    secretariat: str | None = None
    # Names or ids of the units that count as the central IT-afdeling.
    central_it: tuple[str, ...] = ()
    # Unit type name (OPUS orgTypeTxt, OS2mo unit_type) -> line level, overriding depth.
    unit_type_levels: Mapping[str, str] = field(default_factory=dict)
    # Local KITOS role name or role UUID -> model role (systemejer, superbruger, ...).
    role_map: Mapping[str, str] = field(default_factory=dict)
    # Source column -> field, for the generic CSV/XLSX reader.
    column_map: Mapping[str, str] = field(default_factory=dict)
    # "Today" for deciding whether a leave date is past or future.
    today: date = field(default_factory=date.today)


Reader = Callable[[Path, ImportOptions], ImportBatch]


def start_batch(
    scope: ImportScope, *, source: str, path: Path, sha256: str, snapshot_date: date
) -> ImportBatch:
    """An empty batch of ``source`` read from ``path`` that replaces what ``scope`` owns."""
    return ImportBatch(
        source=source,
        scope=scope.name,
        file_name=path.name,
        sha256=sha256,
        snapshot_date=snapshot_date,
        replaces_labels=scope.replaces_labels,
        replaces_types=scope.replaces_types,
    )
