"""Reading primitives every importer shares: problems, values, dates and names.

Tables (CSV and XLSX) are read by :mod:`importers.tables`; ``read_table``, ``Table`` and ``Row``
are re-exported here so that importers need one import.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core.privacy import redact_cpr
from core.records import ImportBatch, Problem, Severity
from importers.base import ImportOptions, Reader

if TYPE_CHECKING:
    pass

# Excel itself stores at most this many characters in a cell; more means a broken or hostile
# file, and a value the graph's xlsx exports could not hold. Every reader refuses longer values.
MAX_CELL_CHARS = 32_767


class SourceError(Exception):
    """A source file that cannot be read at all; carries the problem to report."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class Problems:
    """Collects the problems found in one source file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.items: list[Problem] = []

    def error(self, code: str, location: str, message: str, hint: str) -> Problem:
        """Record a problem that stops the import."""
        return self._add(Severity.ERROR, code, location, message, hint)

    def warning(self, code: str, location: str, message: str, hint: str) -> Problem:
        """Record a problem that is reported while the import goes on."""
        return self._add(Severity.WARNING, code, location, message, hint)

    @property
    def has_errors(self) -> bool:
        """True when at least one error has been recorded."""
        return any(p.severity is Severity.ERROR for p in self.items)

    def _add(
        self, severity: Severity, code: str, location: str, message: str, hint: str
    ) -> Problem:
        problem = Problem(severity, code, self.file, location, message, hint)
        self.items.append(problem)
        return problem


def source_error(file: str, code: str, location: str, message: str, hint: str) -> SourceError:
    """Build a SourceError carrying one located error problem."""
    return SourceError(Problem(Severity.ERROR, code, file, location, message, hint))


def guarded(reader: Callable[[Path, ImportOptions], ImportBatch]) -> Reader:
    """Wrap a reader so that anything but a SourceError becomes one, naming the file."""

    @functools.wraps(reader)
    def read(path: Path, options: ImportOptions) -> ImportBatch:
        try:
            return reader(path, options)
        except SourceError:
            raise
        except Exception as exc:  # a reader's bug must reach the user as a problem
            raise source_error(
                path.name,
                "reader-failed",
                "whole file",
                redact_cpr(f"The file could not be read: {type(exc).__name__}: {exc}."),
                "Check that the file is in the format given; if it is, report this with the file.",
            ) from exc

    return read


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes (of every file, sorted, for a folder)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        if path.is_dir():
            digest.update(str(file.relative_to(path)).encode())
        with file.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


# --- values ---------------------------------------------------------------------------------


def value_too_large(file: str, location: str, *, size: int, cell: bool = False) -> SourceError:
    """The error for a value longer than MAX_CELL_CHARS (``cell-too-large`` in a table)."""
    noun = "cell" if cell else "value"
    return source_error(
        file,
        f"{noun}-too-large",
        location,
        f"The {noun} holds {size:,} characters; at most {MAX_CELL_CHARS:,} are accepted.",
        f"Check the {noun} at that place (a broken export or a pasted document?); "
        "shorten or remove it in the source, then export and import again.",
    )


def text(value: Any) -> str | None:
    """Return a cell as a clean string: whole numbers without ``.0``, empty as None."""
    if value is None:
        return None
    if type(value) is str:  # the common case first: a million calls per large file
        result = value.replace("\ufeff", "").strip()
        return result or None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    result = str(value).replace("\ufeff", "").strip()
    return result or None


_TRUE = {"true", "1", "ja", "yes", "j", "y", "x", "sand"}
_FALSE = {"false", "0", "nej", "no", "n", "falsk"}


def parse_bool(value: Any) -> bool | None:
    """Read true/false, ja/nej, yes/no, 1/0; empty gives None; raise ValueError otherwise."""
    if isinstance(value, bool):
        return value
    raw = text(value)
    if raw is None:
        return None
    folded = raw.casefold()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise ValueError(f"'{raw}' is not a yes/no value (use true/false, ja/nej or 1/0)")


def norm_name(s: str | None) -> str:
    """Normalise a name for matching: case-folded, whitespace collapsed."""
    return " ".join((s or "").split()).casefold()


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def norm_email(s: Any) -> str | None:
    """Return a lower-cased e-mail address, or None when empty or not an e-mail."""
    raw = text(s)
    if raw is None:
        return None
    raw = raw.removeprefix("mailto:").removeprefix("MAILTO:").strip().lower()
    return raw if _EMAIL.match(raw) else None


# A header names a CPR column wherever "cpr" or "personnummer" stands in it ("Medarbejder CPR",
# "Personnummer (CPR)", "Person-nummer"), or when it is one of the short names. Such columns are
# never read. "cpr" is looked for with the spaces kept: "Pc pr. medarbejder" is no CPR column.
_CPR_HEADERS = {"personnr", "ssn", "socialsecuritynumber"}


def is_cpr_header(name: Any) -> bool:
    """True for any column name that holds CPR numbers; such columns are never read."""
    if type(name) is str:
        # An OPUS file asks once per child element (half a million times); names repeat.
        return _is_cpr_name(name)
    return _is_cpr_name(text(name) or "")


@functools.lru_cache(maxsize=4096)
def _is_cpr_name(name: str) -> bool:
    folded = (text(name) or "").casefold()
    squeezed = re.sub(r"[^a-z0-9æøå]", "", folded)
    return "cpr" in folded or "personnummer" in squeezed or squeezed in _CPR_HEADERS


# --- dates ----------------------------------------------------------------------------------

_EXCEL_EPOCH = date(1899, 12, 30)  # serial 61 = 1900-03-01; Excel counts a false 1900-02-29
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY = re.compile(r"^(\d{1,2})([-./])(\d{1,2})\2(\d{4})(?: .*)?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# As text, a serial needs five digits (1927 on): "2024" is a year, not 1905-07-16.
_SERIAL = re.compile(r"^\d{5,7}(?:\.\d+)?$")
OPEN_YEAR = 9999


def parse_date(value: Any) -> date | None:
    """Read a date (ISO, dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, Excel serial); open/empty is None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, date):
        return _checked(value.year, value.month, value.day, value)
    if isinstance(value, bool):
        raise ValueError(f"'{value}' is not a date")
    if isinstance(value, int | float):
        return _from_serial(float(value), value)
    raw = str(value).replace("\ufeff", "").strip()
    if not raw:
        return None
    if m := _ISO.match(raw):
        return _checked(int(m[1]), int(m[2]), int(m[3]), raw)
    if m := _DMY.match(raw):
        return _checked(int(m[4]), int(m[3]), int(m[1]), raw)
    if m := _COMPACT.match(raw):
        return _checked(int(m[1]), int(m[2]), int(m[3]), raw)
    if _SERIAL.match(raw):
        return _from_serial(float(raw), raw)
    raise ValueError(
        f"'{raw}' is not a date (use yyyy-mm-dd, dd-mm-yyyy, dd.mm.yyyy or dd/mm/yyyy)"
    )


def _from_serial(serial: float, shown: Any) -> date | None:
    if serial < 1 or serial != serial:
        raise ValueError(f"'{shown}' is not an Excel date serial number")
    days = int(serial)
    if days == 60:
        raise ValueError(f"'{shown}' is Excel's 1900-02-29, a day that did not exist")
    base = _EXCEL_EPOCH if days > 60 else _EXCEL_EPOCH + timedelta(days=1)
    if days > (date(OPEN_YEAR, 1, 1) - base).days:
        return None
    return base + timedelta(days=days)


def _checked(year: int, month: int, day: int, shown: Any) -> date | None:
    if year >= OPEN_YEAR:
        return None
    if year < 1900:
        raise ValueError(f"'{shown}' is before 1900; no real date here is that old")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"'{shown}' is not a real calendar date") from None


__all__ = [
    "MAX_CELL_CHARS",
    "Problems",
    "SourceError",
    "guarded",
    "is_cpr_header",
    "norm_email",
    "norm_name",
    "parse_bool",
    "parse_date",
    "redact_cpr",
    "sha256_of",
    "source_error",
    "text",
    "value_too_large",
]
