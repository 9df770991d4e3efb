"""The import formats: which reader reads which format, and how a format is recognised."""

from __future__ import annotations

import importlib
import re
from pathlib import Path
from typing import Any, cast

from defusedxml.ElementTree import DefusedXMLParser

from core.records import ImportBatch
from importers.base import ImportOptions, Reader
from importers.common import SourceError, guarded, source_error
from importers.tables import header_key, read_table, sheet_names
from importers.textfiles import load_json

FORMATS: tuple[str, ...] = (
    "opus",
    "os2mo",
    "os2mo-report",
    "os2mo-reports",
    "csv",
    "kitos",
    "kitos-export",
    "register",
)

# Format -> (module, function); imported only when the format is used.
_READERS: dict[str, tuple[str, str]] = {
    "opus": ("importers.opus", "read_opus"),
    "os2mo": ("importers.os2mo", "read_os2mo"),
    "os2mo-report": ("importers.os2mo_report", "read_os2mo_report"),
    "os2mo-reports": ("importers.os2mo_reports", "read_os2mo_reports"),
    "csv": ("importers.tabular", "read_tabular"),
    "kitos": ("importers.kitos_api", "read_kitos_api"),
    "kitos-export": ("importers.kitos_export", "read_kitos_export"),
    "register": ("importers.register", "read_register"),
}

_TABLE_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
_OPUS_NAME = re.compile(r"^ZLPE.*\.xml$", re.IGNORECASE)
_HINT = f"Give the format with --format ({'|'.join(FORMATS)})."


def reader_for(fmt: str, *, file: str = "") -> Reader:
    """Return the reader function of a format; raise SourceError for an unknown one."""
    if fmt not in _READERS:
        raise source_error(
            file, "unknown-format", "--format", f"'{fmt}' is not an import format.", _HINT
        )
    module_name, function = _READERS[fmt]
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise source_error(
            file,
            "format-unavailable",
            "--format",
            f"The reader for '{fmt}' cannot be loaded: {exc}.",
            "This installation lacks that reader; use another format or update govgraph.",
        ) from exc
    return cast(Reader, getattr(module, function))


def read_source(path: Path, fmt: str | None, options: ImportOptions) -> ImportBatch:
    """Read one source in a format (detected when None); only ever raises SourceError."""

    def read(path: Path, options: ImportOptions) -> ImportBatch:
        return reader_for(fmt or detect_format(path), file=path.name)(path, options)

    return guarded(read)(path, options)


def detect_format(path: Path) -> str:
    """Recognise a source's format from its name and content; raise SourceError if unsure."""
    if path.is_dir():
        if (path / "it-system-usages.json").is_file():
            return "kitos"
        if _holds_os2mo_report(path):
            return "os2mo-reports"
        raise _unknown(
            path,
            "The folder holds no it-system-usages.json (a KITOS API folder) "
            "and no OS2mo Stilling+email report.",
        )
    if not path.exists():
        raise source_error(
            path.name,
            "unreadable-file",
            "whole file",
            "The file does not exist.",
            "Check the path.",
        )
    suffix = path.suffix.lower()
    if path.name.lower() == "it-system-usages.json":
        raise source_error(
            path.name,
            "unknown-format",
            "whole file",
            "This is one file of a KITOS API folder.",
            "Import the folder that holds it (with users.json and organization-units.json).",
        )
    if suffix == ".xml":
        if _OPUS_NAME.match(path.name) or _xml_root(path) == "kmd":
            return "opus"
        raise _unknown(path, "The XML file's root element is not <kmd> (a KMD OPUS file).")
    if suffix == ".json":
        return _json_format(path)
    if suffix in _TABLE_SUFFIXES:
        return _table_format(path)
    raise _unknown(path, f"Files ending in '{suffix}' are not recognised.")


def _holds_os2mo_report(folder: Path) -> bool:
    tables = (f for f in folder.iterdir() if f.is_file() and f.suffix.lower() in _TABLE_SUFFIXES)
    marks = {"person uuid", "engagement uuid"}
    return any(marks & {header_key(h) for h in read_table(f).headers} for f in tables)


def _unknown(path: Path, why: str) -> SourceError:
    return source_error(
        path.name, "unknown-format", "whole file", f"The format cannot be recognised. {why}", _HINT
    )


class _FirstTag:
    """A parser target that remembers the first element's tag."""

    def __init__(self) -> None:
        self.tag: str | None = None

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.tag is None:
            self.tag = tag

    def close(self) -> None:
        return None


def _xml_root(path: Path) -> str | None:
    target = _FirstTag()
    parser = DefusedXMLParser(target=target)
    try:
        with path.open("rb") as handle:
            while target.tag is None and (chunk := handle.read(1 << 16)):
                parser.feed(chunk)
    except Exception:  # malformed or unsafe XML is reported by the reader, if one is chosen
        return None
    return target.tag


def _json_format(path: Path) -> str:
    data: Any = load_json(path, hint="Save the complete GraphQL or API response again.")
    if isinstance(data, dict) and isinstance(data.get("data"), dict):
        data = data["data"]
    if isinstance(data, dict) and ({"org_units", "employees"} & data.keys()):
        return "os2mo"
    raise _unknown(path, "The JSON holds neither 'org_units' nor 'employees' (OS2mo).")


def _table_format(path: Path) -> str:
    if path.suffix.lower() in (".xlsx", ".xlsm") and _is_register(sheet_names(path)):
        return "register"
    headers = {header_key(h) for h in read_table(path).headers}
    if {"person uuid", "engagement uuid"} & headers:
        return "os2mo-report"
    if {"ansvar", "rodorganisation"} <= headers or "enhedstype titel" in headers:
        raise source_error(
            path.name,
            "unknown-format",
            "whole file",
            "This is OS2mo's manager or organisation report, which names no person id.",
            "Put it in one folder with the Stilling+email report (and the third report) and "
            "import the folder: govgraph import FOLDER.",
        )
    if {"it system", "lokal system id"} & headers:
        return "kitos-export"
    return "csv"


def _is_register(sheets: list[str]) -> bool:
    try:
        register = importlib.import_module("importers.register")
    except ImportError:
        return False
    wanted = {header_key(s) for s in getattr(register, "REGISTER_SHEETS", ())}
    found = wanted & {header_key(s) for s in sheets}
    return bool(wanted) and len(found) >= min(2, len(wanted))
