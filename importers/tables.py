"""Read a CSV or XLSX file into a table of rows a person can locate in Excel.

CPR columns are dropped here, on read, so that no importer ever sees them: by their header, and
by their values whatever the header says (with a warning, since the header did not say so).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.privacy import is_cpr_value
from core.records import Problem, Severity
from importers.common import (
    MAX_CELL_CHARS,
    SourceError,
    is_cpr_header,
    source_error,
    value_too_large,
)
from importers.textfiles import decode_text, read_bytes

# Zip-bomb guards, checked before an XLSX is opened.
MAX_XLSX_UNCOMPRESSED = 500 * 1024 * 1024
MAX_ENTRY_RATIO = 100
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# Stop reading a sheet after this many empty rows in a row (formatted but empty tails).
MAX_EMPTY_RUN = 10_000
# A column is a CPR column, whatever its header, when at least half of its non-empty cells hold
# a CPR number and nothing else. Ten-digit ids look like one only by chance (their first six
# digits must be a date: some 4-7 % of them), while a CPR column with blanks or typos in it is
# still far above half.
CPR_COLUMN_SHARE = 0.5

_DELIMITERS = (";", ",", "\t")
# Let the csv module read long fields so that _check_cells can refuse them with a location.
csv.field_size_limit(max(csv.field_size_limit(), 16 * 1024 * 1024))
# Excel's delimiter line, as `sep=;`, `"sep=;"` or OS2mo's `sep=";"`.
_SEP_LINE = re.compile(r'^"?sep=("?)([^"])\1"?$', re.IGNORECASE)


def header_key(name: Any) -> str:
    """Normalise a header for tolerant lookup: no BOM, case-folded, whitespace collapsed."""
    return " ".join(str(name or "").replace("\ufeff", "").split()).casefold()


@dataclass(frozen=True, slots=True)
class Row:
    """One data row; ``number`` is the row number a person sees (header row = 1)."""

    number: int
    values: dict[str, Any]  # header_key -> raw cell value
    names: dict[str, str]  # header_key -> header as written
    sheet: str | None = None

    def get(self, header: str, default: Any = None) -> Any:
        """Return the cell under a header (looked up tolerantly), or ``default``."""
        value = self.values.get(header_key(header))
        return default if value is None else value

    def location(self, column: str | None = None) -> str:
        """Return e.g. ``"sheet 'Ark1', row 7, column 'E-mail'"`` (no sheet for CSV)."""
        parts = [f"sheet '{self.sheet}'"] if self.sheet is not None else []
        parts.append(f"row {self.number}")
        if column is not None:
            parts.append(f"column '{self.names.get(header_key(column), column)}'")
        return ", ".join(parts)


@dataclass(slots=True)
class Table:
    """A read table: file name, sheet (None for CSV), headers and non-empty rows."""

    file: str
    sheet: str | None
    headers: list[str]
    rows: list[Row] = field(default_factory=list)
    header_row: int = 1
    dropped: list[str] = field(default_factory=list)  # CPR columns left unread
    problems: list[Problem] = field(default_factory=list)  # warnings found while reading

    def has(self, header: str) -> bool:
        """True when the table has this column (looked up tolerantly)."""
        return header_key(header) in {header_key(h) for h in self.headers}

    def is_dropped(self, header: str) -> bool:
        """True when this column was left unread because it holds CPR numbers."""
        return header_key(header) in {header_key(h) for h in self.dropped}

    def find(self, *candidates: str) -> str | None:
        """Return the first header present among candidates, as written in the file."""
        by_key = {header_key(h): h for h in self.headers}
        for candidate in candidates:
            if (found := by_key.get(header_key(candidate))) is not None:
                return found
        return None

    def location(self, column: str | None = None) -> str:
        """Return the location of the header row, or of one header cell."""
        parts = [f"sheet '{self.sheet}'"] if self.sheet is not None else []
        parts.append(f"row {self.header_row}")
        if column is not None:
            parts.append(f"column '{self.find(column) or column}'")
        return ", ".join(parts)


def read_table(path: Path, *, sheet: str | None = None, required: Sequence[str] = ()) -> Table:
    """Read a CSV or XLSX file; raise SourceError when it cannot be read or lacks columns."""
    _refuse_old_workbook(path)
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        table = _read_xlsx(path, sheet=sheet)
    else:
        table = _read_csv(data, file=path.name)
    _require(path, table, required)
    return table


def read_sheets(
    path: Path, sheets: Sequence[tuple[str, Sequence[str]]]
) -> dict[str, Table | SourceError]:
    """Read several sheets of one XLSX workbook, opening (and parsing) it once.

    Each sheet gives its table, or the SourceError that ``read_table`` would raise for it (a
    missing sheet or column, an empty table); a workbook that cannot be opened raises.
    """
    out: dict[str, Table | SourceError] = {}
    _refuse_old_workbook(path)
    if not read_bytes(path).startswith(b"PK\x03\x04"):
        # Not a workbook: read as read_table reads it, sheet by sheet.
        for name, required in sheets:
            try:
                out[name] = read_table(path, sheet=name, required=required)
            except SourceError as exc:
                out[name] = exc
        return out
    with _opened_workbook(path) as workbook:
        for name, required in sheets:
            try:
                worksheet = _sheet(workbook, name, path)
                rows = _numbered_xlsx(worksheet.iter_rows(values_only=True))
                table = _build(path.name, worksheet.title, rows)
                _require(path, table, required)
            except SourceError as exc:
                out[name] = exc
            else:
                out[name] = table
    return out


def _refuse_old_workbook(path: Path) -> None:
    if path.suffix.lower() in (".xls", ".ods", ".numbers"):
        raise source_error(
            path.name,
            "unsupported-format",
            "whole file",
            f"'{path.suffix}' workbooks cannot be read.",
            "Open the file in Excel and save it as .xlsx (or as CSV), then import that file.",
        )


def _require(path: Path, table: Table, required: Sequence[str]) -> None:
    missing = [name for name in required if not table.has(name)]
    if missing:
        found = ", ".join(f"'{h}'" for h in table.headers) or "none"
        unread = [f"'{m}'" for m in missing if table.is_dropped(m)]
        why = f" {', '.join(unread)} holds CPR numbers, which are never read." if unread else ""
        raise source_error(
            path.name,
            "missing-column",
            table.location(),
            f"Required column(s) missing: {', '.join(repr(m) for m in missing)}.{why}",
            f"Columns found: {found}. Add or rename the column, or give a mapping (--mapping).",
        )


def _build(file: str, sheet: str | None, rows: Iterable[tuple[int, Sequence[Any]]]) -> Table:
    """Turn numbered raw rows into a Table: first non-empty row is the header."""
    iterator = iter(rows)
    for number, cells in iterator:
        if not _is_empty(cells):
            header_number, header_cells = number, cells
            break
    else:
        raise source_error(
            file,
            "empty-table",
            f"sheet '{sheet}'" if sheet is not None else "whole file",
            "There is no header row: the table is empty.",
            "Check that this is the right file (and sheet) and that the first row holds headers.",
        )
    columns: list[tuple[int, str]] = []
    dropped: list[str] = []
    seen: set[str] = set()
    for index, cell in enumerate(header_cells):
        name = " ".join(str(cell or "").replace("\ufeff", "").split())
        if not name:
            continue
        if is_cpr_header(name):
            dropped.append(name)
            continue
        if header_key(name) in seen:
            name = f"{name} ({index + 1})"  # a repeated header stays readable by position
        seen.add(header_key(name))
        columns.append((index, name))
    names = {header_key(name): name for _, name in columns}
    table = Table(file, sheet, [name for _, name in columns], [], header_number, dropped)
    _check_cells(table, header_number, header_cells, dict(columns))
    for number, cells in iterator:
        _check_cells(table, number, cells, dict(columns))
        values = {
            header_key(name): cells[index] if index < len(cells) else None
            for index, name in columns
        }
        if any(_filled(v) for v in values.values()):
            table.rows.append(Row(number, values, names, sheet))
    _drop_cpr_valued_columns(table)
    return table


def _drop_cpr_valued_columns(table: Table) -> None:
    """Leave unread, with a warning, each column whose values are CPR numbers."""
    for name in list(table.headers):
        key = header_key(name)
        filled = [row.values[key] for row in table.rows if _filled(row.values[key])]
        cprs = sum(1 for value in filled if is_cpr_value(value))
        if not cprs or cprs < CPR_COLUMN_SHARE * len(filled):
            continue
        table.problems.append(_cpr_values_warning(table, name, cprs=cprs, filled=len(filled)))
        table.headers.remove(name)
        table.dropped.append(name)
        for row in table.rows:
            del row.values[key]
            row.names.pop(key, None)
    table.rows = [row for row in table.rows if any(map(_filled, row.values.values()))]


def _cpr_values_warning(table: Table, name: str, *, cprs: int, filled: int) -> Problem:
    return Problem(
        Severity.WARNING,
        "cpr-values",
        table.file,
        table.location(name),
        f"{cprs} of the {filled} values in the column '{name}' are CPR numbers, so the column "
        "was not read.",
        "CPR numbers are never imported: leave the column out of the export. If it is meant "
        "as the person id, export the HR system's employee number (or another id) instead.",
    )


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _is_empty(cells: Sequence[Any]) -> bool:
    return not any(_filled(c) for c in cells)


def _read_csv(data: bytes, *, file: str) -> Table:
    content = decode_text(data, file=file)
    lines = content.splitlines(keepends=True)
    delimiter = None
    if lines and (m := _SEP_LINE.match(lines[0].replace("\ufeff", "").rstrip("\r\n"))):
        delimiter, content = m[2], "".join(lines[1:])
    else:
        delimiter = _detect_delimiter(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)
    return _build(file, None, _numbered_csv(reader, file=file))


def _numbered_csv(reader: Iterator[list[str]], *, file: str) -> Iterator[tuple[int, list[Any]]]:
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise source_error(
                file,
                "unreadable-csv",
                f"row {number + 1}",
                f"The CSV cannot be parsed here: {exc}.",
                "Check the quoting of this row (an unclosed quote or a huge field).",
            ) from exc
        number += 1
        yield number, [cell if cell.strip() else None for cell in cells]


def _detect_delimiter(header_line: str) -> str:
    """Pick the delimiter that splits the header line most often, outside quotes."""
    unquoted = re.sub(r'"[^"]*"', "", header_line)
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ";"


def _check_cells(table: Table, number: int, cells: Sequence[Any], names: dict[int, str]) -> None:
    """Refuse a cell longer than Excel allows, located by sheet, row and column."""
    for index, value in enumerate(cells):
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            column = f"'{names[index]}'" if index in names else str(index + 1)
            sheet = [f"sheet '{table.sheet}'"] if table.sheet is not None else []
            where = ", ".join([*sheet, f"row {number}", f"column {column}"])
            raise value_too_large(table.file, where, size=len(value), cell=True)


def _check_zip(path: Path) -> None:
    """Refuse zip bombs: too much uncompressed data, or an entry compressed too well."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise source_error(
            path.name,
            "unreadable-file",
            "whole file",
            f"The workbook is not a valid .xlsx (zip) file: {exc}.",
            "Open it in Excel and save it again as .xlsx.",
        ) from exc
    total = sum(e.file_size for e in entries)
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _bomb(path, f"it unpacks to {total // (1024 * 1024)} MB")
    for entry in entries:
        ratio = entry.file_size / max(entry.compress_size, 1)
        if entry.file_size > RATIO_CHECK_MIN_BYTES and ratio > MAX_ENTRY_RATIO:
            raise _bomb(path, f"'{entry.filename}' is compressed {ratio:.0f} to 1")


def _bomb(path: Path, why: str) -> SourceError:
    return source_error(
        path.name,
        "zip-bomb",
        "whole file",
        f"The workbook was refused unopened: {why}, far beyond a real spreadsheet.",
        "Check where the file came from; export it again from the source system.",
    )


def _read_xlsx(path: Path, *, sheet: str | None) -> Table:
    with _opened_workbook(path) as workbook:
        worksheet = workbook.worksheets[0] if sheet is None else _sheet(workbook, sheet, path)
        title = worksheet.title
        return _build(path.name, title, _numbered_xlsx(worksheet.iter_rows(values_only=True)))


def sheet_names(path: Path) -> list[str]:
    """Return the sheet names of an XLSX workbook (zip-bomb checked first)."""
    with _opened_workbook(path) as workbook:
        return list(workbook.sheetnames)


@contextmanager
def _opened_workbook(path: Path) -> Iterator[Any]:
    """The workbook at ``path``, read-only with cached values; zip-bomb checked, then closed."""
    _check_zip(path)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise _unopenable(path, exc) from exc
    try:
        yield workbook
    finally:
        workbook.close()


def _unopenable(path: Path, exc: Exception) -> SourceError:
    return source_error(
        path.name,
        "unreadable-file",
        "whole file",
        f"The workbook cannot be opened: {exc}.",
        "Open it in Excel and save it again as .xlsx.",
    )


def _sheet(workbook: Any, wanted: str, path: Path) -> Any:
    for name in workbook.sheetnames:
        if header_key(name) == header_key(wanted):
            return workbook[name]
    raise source_error(
        path.name,
        "missing-sheet",
        "whole file",
        f"The workbook has no sheet '{wanted}'.",
        f"Sheets found: {', '.join(repr(n) for n in workbook.sheetnames)}. Add or rename it.",
    )


def _numbered_xlsx(rows: Iterable[Sequence[Any]]) -> Iterator[tuple[int, Sequence[Any]]]:
    empty_run = 0
    for number, cells in enumerate(rows, start=1):
        if _is_empty(cells):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                return
            continue
        empty_run = 0
        yield number, cells
