"""The register as a workbook, and the KITOS change list that brings KITOS in line with it."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import AsOf, Audit, Exporter, GraphDep
from api.routers.common import content_disposition
from graph.kitos_changes import KitosChange, kitos_changes
from graph.register_export import register_rows
from reporting.kitos_changes import changes_csv, changes_xlsx_bytes
from reporting.register_export import register_xlsx_bytes

router = APIRouter(tags=["register"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FILE: dict[int | str, dict[str, Any]] = {
    200: {"content": {XLSX: {}}, "description": "An Excel workbook."}
}
Lang = Annotated[Literal["da", "en"], Query(description="The language of the headings.")]


def _download(body: bytes, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={"Content-Disposition": content_disposition(name), "Cache-Control": "no-store"},
    )


@router.get("/api/register/export.xlsx", response_class=Response, responses=_FILE)
def export_register(graph: GraphDep, _principal: Exporter, audit: Audit) -> Response:
    """The governance register workbook as the graph holds it; importing it changes nothing."""
    rows = register_rows(graph)
    audit.record("register.export", rows={name: len(found) for name, found in rows.items()})
    return _download(register_xlsx_bytes(rows), XLSX, "governanceregister.xlsx")


def _changes(graph: GraphDep, audit: Audit, as_of: AsOf, action: str) -> list[KitosChange]:
    found = kitos_changes(graph, as_of=as_of)
    audit.record(action, person_keys={c.person.key for c in found}, as_of=as_of.isoformat())
    return found


@router.get("/api/kitos/changes", response_model=list[KitosChange])
def list_kitos_changes(
    graph: GraphDep, _principal: Exporter, audit: Audit, as_of: AsOf
) -> list[KitosChange]:
    """Per system, the role assignments to add and remove in KITOS to agree with the register."""
    return _changes(graph, audit, as_of, "kitos.changes")


@router.get("/api/kitos/changes.xlsx", response_class=Response, responses=_FILE)
def kitos_changes_workbook(
    graph: GraphDep, _principal: Exporter, audit: Audit, as_of: AsOf, lang: Lang = "da"
) -> Response:
    """The KITOS change list as an Excel workbook."""
    found = _changes(graph, audit, as_of, "kitos.changes.export")
    body = changes_xlsx_bytes(found, lang=lang)
    return _download(body, XLSX, f"kitos-rettelser-{as_of.isoformat()}.xlsx")


@router.get(
    "/api/kitos/changes.csv",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "CSV, ';'-separated."}},
)
def kitos_changes_csv(
    graph: GraphDep, _principal: Exporter, audit: Audit, as_of: AsOf, lang: Lang = "da"
) -> Response:
    """The KITOS change list as CSV (semicolons, UTF-8 with BOM)."""
    found = _changes(graph, audit, as_of, "kitos.changes.export")
    body = changes_csv(found, lang=lang)
    return _download(body, "text/csv; charset=utf-8", f"kitos-rettelser-{as_of.isoformat()}.csv")
