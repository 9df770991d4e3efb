"""Source files for the fault tests: an OPUS dump large enough that writing it takes seconds.

Built with the HR importer tests' factories, in the standard organisation of
``tests.importers.hr_factories``; each employee carries the fake CPR number.
"""

from __future__ import annotations

from pathlib import Path

from tests.importers.hr_factories import opus_employee, opus_standard_units, opus_unit, write_opus

PREVIOUS_NAME = "ZLPE20240115093000_delta.xml"
LARGE_NAME = "ZLPE20240215093000_delta.xml"


def write_previous_opus(folder: Path) -> Path:
    """A January dump the large February one changes (positions), extends and partly ends."""
    folder.mkdir(parents=True, exist_ok=True)
    offices = [opus_unit(str(2000 + i), f"Gammelt kontor {i}", "20") for i in range(20)]
    kept = [
        opus_employee(str(100_000 + n), str(2000 + n % 20), position="Konsulent")
        for n in range(200)
    ]
    leaving = [opus_employee(str(90_000 + n), str(2000 + n % 20)) for n in range(200)]
    return write_opus(folder, *opus_standard_units(), *offices, *kept, *leaving, name=PREVIOUS_NAME)


def write_large_opus(folder: Path, *, employees: int = 5000, offices: int = 100) -> Path:
    """A February dump of ``employees`` people in ``offices`` new offices (one in 200 a leader)."""
    folder.mkdir(parents=True, exist_ok=True)
    units = [opus_unit(str(1000 + i), f"Kontor {i}", "20") for i in range(offices)]
    people = [
        opus_employee(
            str(100_000 + n),
            str(1000 + n % offices),
            isManager="true" if n % 200 == 0 else "false",
        )
        for n in range(employees)
    ]
    return write_opus(folder, *opus_standard_units(), *units, *people, name=LARGE_NAME)


# Substitute-form CPR numbers (day + 60): they belong to nobody, and must show up nowhere.
CPRS = ("6101701234", "6202802345", "630390-3456")


def write_opus_with_cprs(folder: Path) -> Path:
    """A small dump whose employees carry the CPR numbers of ``CPRS`` in ``<cpr>``."""
    folder.mkdir(parents=True, exist_ok=True)
    people = [
        opus_employee(str(500 + n), "30", cpr=cpr, isManager="true" if n == 0 else "false")
        for n, cpr in enumerate(CPRS)
    ]
    return write_opus(folder, *opus_standard_units(), *people, name=PREVIOUS_NAME)
