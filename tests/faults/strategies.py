"""Hypothesis strategies for source files: the real shapes, filled with hostile values.

Each strategy draws a description of a file; ``write_*`` turns it into the file itself, so
that a failing example shrinks to a small, readable source.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import strategies as st

from importers.register_spec import SHEETS
from tests.importers.hr_factories import REPORT_HEADERS
from tests.importers.kitos_factories import export_headers, role, unit, usage, user

# Values that have broken importers elsewhere: dates in every form and out of range, booleans,
# numbers that look like dates or CPR numbers, control and bidi characters, formulas.
TRICKY = (
    "",
    " ",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9999-12-31",
    "10000-01-01",
    "0001-01-01",
    "1899-12-31",
    "1900-02-29",
    "2024-02-30",
    "31-12-9999",
    "31/13/2023",
    "2958466",
    "60",
    "99999999",
    "2024-01-01T25:61:00+99:00",
    "true",
    "nej",
    "måske",
    "010170-1234",
    "0101701234",
    "a@b.dk",
    "MAILTO:A@B.DK",
    "@",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "\x00",
    "\x1b[31m",
    "a\u202eb",
    "\ufeffbom",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Jobcenter og Borgerservice",
    "JB-sekretariatet",
    "Systemejer",
    "Superbruger",
    "I drift",
    "Operational",
)

texts = st.one_of(st.sampled_from(TRICKY), st.text(max_size=40))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    texts,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts, inner, max_size=4),
    max_leaves=12,
)


# --- XML (KMD OPUS) -----------------------------------------------------------------------

OPUS_CHILDREN = (
    "startDate",
    "endDate",
    "parentOrgUnit",
    "shortName",
    "longName",
    "orgTypeTxt",
    "costCenter",
    "entryDate",
    "leaveDate",
    "cpr",
    "firstName",
    "lastName",
    "email",
    "userId",
    "position",
    "isManager",
    "orgUnit",
)
ids = st.one_of(st.sampled_from(("1", "10", "20", "30", "")), texts)
opus_elements = st.tuples(
    st.sampled_from(("orgUnit", "employee", "orgUnit", "employee", "other")),
    st.dictionaries(st.sampled_from(("id", "client", "action")), ids, max_size=3),
    st.lists(st.tuples(st.sampled_from(OPUS_CHILDREN), texts), max_size=8),
)


def _xml_text(value: str) -> str:
    return "".join(ch for ch in value if ch.isprintable() or ch in "\t\n").translate(
        {ord("<"): "&lt;", ord("&"): "&amp;", ord(">"): "&gt;", ord('"'): "&quot;"}
    )


def opus_document(root: str, elements: list[tuple[str, dict[str, str], list]]) -> str:
    """An OPUS-shaped XML text (escaped, so that the XML itself is well-formed)."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<{root}>\n']
    for tag, attrs, children in elements:
        head = "".join(f' {k}="{_xml_text(v)}"' for k, v in attrs.items())
        body = "".join(f"<{c}>{_xml_text(v)}</{c}>" for c, v in children)
        parts.append(f" <{tag}{head}>{body}</{tag}>\n")
    parts.append(f"</{root}>\n")
    return "".join(parts)


opus_files = st.builds(
    opus_document,
    st.sampled_from(("kmd", "kmd", "kmd", "payroll")),
    st.lists(opus_elements, max_size=12),
)


# --- JSON (OS2mo, KITOS API) --------------------------------------------------------------

MO_FIELDS = (
    "uuid",
    "user_key",
    "name",
    "parent_uuid",
    "parent",
    "unit_type",
    "validity",
    "given_name",
    "surname",
    "engagements",
    "addresses",
    "org_unit_uuid",
    "employee_uuid",
    "manager_level",
    "current",
    "objects",
)
mo_objects = st.dictionaries(st.sampled_from(MO_FIELDS), json_values, max_size=6)
mo_documents = st.dictionaries(
    st.sampled_from(("org_units", "employees", "managers", "data", "other")),
    st.one_of(st.lists(mo_objects, max_size=6), json_values),
    max_size=4,
)

USAGE_PATHS = (
    ("uuid",),
    ("systemContext",),
    ("roles",),
    ("general",),
    ("general", "localSystemId"),
    ("general", "numberOfExpectedUsers"),
    ("general", "validity"),
    ("general", "validity", "lifeCycleStatus"),
    ("general", "validity", "validFrom"),
    ("gdpr",),
    ("gdpr", "riskAssessmentConductedDate"),
    ("gdpr", "dataSensitivityLevels"),
    ("organizationUsage",),
    ("organizationUsage", "usingOrganizationUnits"),
)


def changed(base: dict[str, Any], changes: dict[tuple[str, ...], Any]) -> Any:
    """``base`` with the value at each path replaced (where the path still leads to an object)."""
    for path, value in changes.items():
        target: Any = base
        for key in path[:-1]:
            target = target.get(key) if isinstance(target, dict) else None
        if isinstance(target, dict):
            target[path[-1]] = value
    return base


kitos_usages = st.builds(
    changed,
    st.builds(usage, roles=st.just([role("Systemejer"), role("Superbruger", "ghost")])),
    st.dictionaries(st.sampled_from(USAGE_PATHS), json_values, max_size=4),
)
kitos_folders = st.fixed_dictionaries(
    {
        "it-system-usages": st.one_of(st.lists(kitos_usages, max_size=4), json_values),
        "users": st.one_of(st.just([user()]), st.lists(mo_objects, max_size=3), json_values),
        "organization-units": st.one_of(st.just([unit()]), json_values),
    }
)


def write_json_folder(folder: Path, files: dict[str, Any]) -> Path:
    """Write each value as ``<name>.json`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / f"{name}.json").write_text(json.dumps(data), "utf-8")
    return folder


# --- tables (CSV, XLSX) -------------------------------------------------------------------

HR_HEADERS = (
    "Medarbejdernummer",
    "Navn",
    "Fornavn",
    "E-mail",
    "Enhed",
    "Enhed id",
    "Overordnet enhed",
    "Startdato",
    "Slutdato",
    "Leder af",
    "Stilling",
    "CPR-nr",
)


def tables(headers: tuple[str, ...] | list[str]) -> st.SearchStrategy[list[list[str]]]:
    """A header row drawn from ``headers`` (kept in order), then rows of tricky cells."""
    return st.lists(st.sampled_from(list(headers)), min_size=1, max_size=8, unique=True).flatmap(
        lambda head: st.lists(
            st.lists(texts, min_size=len(head), max_size=len(head)), max_size=6
        ).map(lambda rows: [head, *rows])
    )


def csv_bytes(rows: list[list[str]], *, encoding: str = "utf-8", delimiter: str = ";") -> bytes:
    """The rows as CSV in an encoding (unencodable characters replaced)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding, errors="replace")


def _cell(value: str) -> str:
    # openpyxl refuses control characters; the fuzzing is of our reader, not of openpyxl.
    return "".join(ch for ch in value if ch.isprintable() or ch in "\t\n")


def write_workbook(path: Path, sheets: dict[str, list[list[str]]]) -> Path:
    """Write the sheets, in order, to an XLSX file."""
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for title, rows in sheets.items():
        worksheet = workbook.create_sheet(title)
        for row in rows:
            worksheet.append([_cell(v) for v in row])
    workbook.save(path)
    return path


report_tables = tables(REPORT_HEADERS)
export_tables = tables(export_headers())
hr_tables = tables(HR_HEADERS)
register_workbooks = st.fixed_dictionaries(
    {sheet.name: tables([c.name for c in sheet.columns]) for sheet in SHEETS}
)
