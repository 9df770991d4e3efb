"""Factories that write small HR source files in their real shapes, for the importer tests.

The standard organisation: Kommune (1) > Jobcenter og Borgerservice (10, the forvaltning) >
Jobcenter (20, an afdeling) > Kontor for ydelser (30); JB-sekretariatet (21) under 10;
IT-afdelingen (90) under the Kommune, outside the forvaltning.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import openpyxl

from importers.base import ImportOptions
from importers.os2mo_report import COLUMNS

FAKE_CPR = "0101701234"  # not a real person; must never reach a batch

OPTIONS = ImportOptions(
    forvaltning="Jobcenter og Borgerservice",
    secretariat="JB-sekretariatet",
    central_it=("IT-afdelingen",),
)

UNITS: list[tuple[str, str, str | None]] = [
    ("1", "Kommune", None),
    ("10", "Jobcenter og Borgerservice", "1"),
    ("20", "Jobcenter", "10"),
    ("21", "JB-sekretariatet", "10"),
    ("30", "Kontor for ydelser", "20"),
    ("90", "IT-afdelingen", "1"),
]


# --- KMD OPUS ------------------------------------------------------------------------------

OPUS_NAME = "ZLPE20240115093000_delta.xml"


def opus_unit(uid: str, name: str, parent: str | None = None, **fields: str) -> str:
    values = {
        "startDate": "2000-01-01",
        "endDate": "9999-12-31",
        "parentOrgUnit": parent or "",
        "shortName": name[:6],
        "longName": name,
        "orgType": "00001",
        "orgTypeTxt": "Enhed",
        **fields,
    }
    return _element("orgUnit", {"id": uid, "client": "813"}, values)


def opus_employee(eid: str, unit: str, **fields: str) -> str:
    values = {
        "entryDate": "2015-03-01",
        "leaveDate": "",
        "cpr": FAKE_CPR,
        "firstName": f"Fornavn{eid}",
        "lastName": f"Efternavn{eid}",
        "email": f"p{eid}@kommune.dk",
        "workPhone": "",
        "userId": f"U{eid}",
        "position": "Sagsbehandler",
        "isManager": "false",
        "superiorLevel": "0",
        "subordinateLevel": "00",
        "orgUnit": unit,
        **fields,
    }
    return _element("employee", {"id": eid, "client": "813"}, values)


def _element(tag: str, attrs: dict[str, str], children: dict[str, str]) -> str:
    head = " ".join(f'{k}="{v}"' for k, v in attrs.items())
    body = "".join(f"  <{k}>{v}</{k}>\n" if v != "" else f"  <{k}/>\n" for k, v in children.items())
    return f" <{tag} {head}>\n{body} </{tag}>\n"


def opus_standard_units() -> list[str]:
    return [opus_unit(uid, name, parent) for uid, name, parent in UNITS]


def write_opus(tmp_path: Path, *elements: str, name: str = OPUS_NAME) -> Path:
    path = tmp_path / name
    body = "".join(elements)
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n{body}</kmd>\n', "utf-8")
    return path


# --- OS2mo GraphQL -------------------------------------------------------------------------


def mo_unit(uuid: str, name: str, parent: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "user_key": f"uk-{uuid}",
        "name": name,
        "parent_uuid": parent,
        "unit_type": {"name": "Afdeling"},
        "validity": {"from": "2000-01-01T00:00:00+01:00", "to": None},
        **extra,
    }


def mo_engagement(unit: str, **extra: Any) -> dict[str, Any]:
    return {
        "uuid": f"eng-{unit}",
        "user_key": "12345",
        "org_unit_uuid": unit,
        "job_function": {"name": "Sagsbehandler"},
        "validity": {"from": "2015-03-01T00:00:00+01:00", "to": None},
        **extra,
    }


def mo_employee(uuid: str, unit: str | None = "30", **extra: Any) -> dict[str, Any]:
    return {
        "uuid": uuid,
        "given_name": f"Given{uuid}",
        "surname": f"Surname{uuid}",
        "cpr_number": FAKE_CPR,
        "engagements": [mo_engagement(unit)] if unit else [],
        "addresses": [
            {"address_type": {"scope": "PHONE", "user_key": "PhoneEmployee"}, "value": "12345678"},
            {
                "address_type": {"scope": "EMAIL", "user_key": "EmailEmployee"},
                "value": f"{uuid}@Kommune.dk",
            },
        ],
        **extra,
    }


def mo_manager(unit: str, person: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "org_unit_uuid": unit,
        "employee_uuid": person,
        "manager_level": {"name": "Niveau 2"},
        "validity": {"from": "2018-01-01", "to": None},
        **extra,
    }


def mo_standard_units() -> list[dict[str, Any]]:
    return [mo_unit(uid, name, parent) for uid, name, parent in UNITS]


def write_os2mo(
    tmp_path: Path,
    *,
    units: list[dict[str, Any]] | None = None,
    employees: list[dict[str, Any]] | None = None,
    managers: list[dict[str, Any]] | None = None,
    wrap: bool = False,
    name: str = "os2mo.json",
) -> Path:
    """Write a GraphQL response; ``wrap`` uses {data: {x: {objects: [{uuid, current}]}}}."""
    collections = {
        "org_units": mo_standard_units() if units is None else units,
        "employees": employees or [],
        "managers": managers or [],
    }
    if wrap:
        collections = {
            key: {"objects": [{"uuid": o.get("uuid"), "current": o} for o in objects]}
            for key, objects in collections.items()
        }
        document: Any = {"data": collections}
    else:
        document = collections
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


# --- OS2mo Stilling+email report -----------------------------------------------------------

REPORT_HEADERS = list(COLUMNS)


def report_row(n: int = 1, **overrides: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "CPR-Nummer": FAKE_CPR,
        "Ansættelse gyldig fra": "01-03-2015",
        "Ansættelse gyldig til": "",
        "Fornavn": f"Fornavn{n}",
        "Efternavn": f"Efternavn{n}",
        "Person UUID": f"person-{n}",
        "Brugernavn": f"user{n}",
        "Org-enhed": "Kontor for ydelser",
        "Org-enhed UUID": "unit-30",
        "E-mail": f"p{n}@kommune.dk",
        "Telefon": "12345678",
        "Stillingsbetegnelse": "Sagsbehandler",
        "Engagement UUID": f"eng-{n}",
    }
    row.update(overrides)
    return row


def write_report_csv(
    tmp_path: Path, rows: list[dict[str, Any]], *, headers: list[str] | None = None
) -> Path:
    """Write the report as OS2mo does: sep line, all fields quoted, UTF-8 with BOM."""
    headers = headers or REPORT_HEADERS
    buffer = io.StringIO()
    buffer.write('sep=";"\r\n')
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers])
    path = tmp_path / "stilling+email.csv"
    path.write_bytes(b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8"))
    return path


def write_xlsx(
    tmp_path: Path,
    sheets: dict[str, list[list[Any]]],
    *,
    name: str = "hr.xlsx",
) -> Path:
    workbook = openpyxl.Workbook()
    first = True
    for title, rows in sheets.items():
        worksheet = workbook.active if first else workbook.create_sheet(title)
        assert worksheet is not None
        worksheet.title = title
        first = False
        for row in rows:
            worksheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def write_report_xlsx(tmp_path: Path, rows: list[dict[str, Any]]) -> Path:
    table = [REPORT_HEADERS, *([row.get(h) for h in REPORT_HEADERS] for row in rows)]
    return write_xlsx(tmp_path, {"Ark1": table}, name="stilling+email.xlsx")


# --- generic CSV ---------------------------------------------------------------------------


def write_csv(
    tmp_path: Path,
    rows: list[list[Any]],
    *,
    delimiter: str = ";",
    encoding: str = "utf-8",
    name: str = "medarbejdere.csv",
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def batch_text(batch: Any) -> str:
    """Everything a batch holds, as text, for "this value never appears" checks."""
    return repr((batch.nodes, batch.rels, batch.problems, batch.extra))
