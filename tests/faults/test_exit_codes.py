"""The real entry point's exit codes, which a nightly job relies on to notice a bad file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.importers.hr_factories import opus_employee, opus_standard_units, write_opus


def test_an_import_with_errors_exits_2_from_the_installed_entry_point(tmp_path: Path) -> None:
    employee = opus_employee("1", "30", entryDate="31/13/2023")
    path = write_opus(tmp_path, *opus_standard_units(), employee)
    result = subprocess.run(
        [sys.executable, "-m", "govgraph", "import", "--dry-run", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "nothing written" in result.stdout
