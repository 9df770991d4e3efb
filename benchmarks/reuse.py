"""What the benchmark reuses from the example generator: name lists, vendors and format helpers.

``examples/`` is a folder of scripts, not a package (its modules import each other by bare
name), so its folder goes on ``sys.path`` once, here, and nowhere else.
"""

from __future__ import annotations

import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
if str(EXAMPLES) not in sys.path:
    sys.path.insert(0, str(EXAMPLES))

import catalogue  # noqa: E402
import generate as example_generate  # noqa: E402
import kitos_files  # noqa: E402

FIRST_NAMES: tuple[str, ...] = tuple(catalogue.FIRST_NAMES)
LAST_NAMES: tuple[str, ...] = tuple(catalogue.LAST_NAMES)
POSITIONS: dict[str, tuple[str, ...]] = dict(catalogue.POSITIONS)
VENDORS: dict[str, tuple[str, str | None]] = dict(catalogue.VENDORS)
SYSTEM_NAMES: tuple[str, ...] = tuple(spec.name for spec in catalogue.SYSTEMS)
CLIENT: str = catalogue.CLIENT
ORG_TYPES: dict[str, str] = dict(example_generate.ORG_TYPES)
REVIEW_LABELS: dict[str, str] = dict(example_generate.REVIEW_LABELS)
OWNER, RESP, ADMIN, SU = catalogue.OWNER, catalogue.RESP, catalogue.ADMIN, catalogue.SU
BANDS: tuple[tuple[int, int | None], ...] = (
    catalogue.SMALL,
    catalogue.MEDIUM,
    catalogue.LARGE,
    catalogue.HUGE,
)


def opus_file_name(day: object) -> str:
    """``ZLPE<yyyymmddHHMMSS>_delta.xml``, as the examples name their dumps."""
    return str(example_generate.opus_file_name(day))


def role_uuid(name: str) -> str:
    """KITOS's uuid of a system role, the same one the examples use."""
    return str(kitos_files.role_uuid(name))
