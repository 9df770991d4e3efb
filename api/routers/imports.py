"""Uploads of one source file, read and written exactly as `govgraph import` does."""

from __future__ import annotations

import re
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, UploadFile

from api.deps import Admin, Audit, GraphDep, SettingsDep
from api.models import ImportProblem, ImportResult, ImportSummary
from core.errors import ImportFailed, TooLarge
from core.records import Problem
from graph.loading import import_options, read_batch, run_import
from importers.registry import FORMATS

router = APIRouter(tags=["imports"])
ImportFormat = Literal[FORMATS]  # type: ignore[valid-type]
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_ZIP_MEMBERS = 50
_CHUNK = 1 << 20


@router.post(
    "/api/imports",
    response_model=ImportResult,
    responses={413: {"description": "The upload is larger than the configured limit."}},
)
def upload_import(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Admin,
    audit: Audit,
    file: Annotated[UploadFile, File(description="One source file; a KITOS API folder as .zip.")],
    dry_run: Annotated[
        bool, Form(description="Report problems and changes; write nothing.")
    ] = False,
    format: Annotated[ImportFormat | None, Form(description="Detected when left out.")] = None,
) -> ImportResult:
    """Import one source file all-or-nothing; problems and the summary come back as JSON."""
    limit = settings.api.max_upload_mb * 1024 * 1024
    name = _safe_name(file.filename or "upload")
    with tempfile.TemporaryDirectory(prefix="govgraph-upload-") as folder:
        path = _save(file, Path(folder) / name, limit)
        if path.suffix.lower() == ".zip":
            path = _unzip(path, Path(folder) / path.stem, limit)
        batch = read_batch(path, format, import_options(settings))
        if isinstance(batch, Problem):
            audit.record("import", file=name, format=format, dry_run=dry_run, failed=True)
            raise _failed(name, [batch])
        if batch.errors:
            audit.record("import", file=name, format=batch.source, dry_run=dry_run, failed=True)
            raise _failed(name, batch.problems)
        outcome = run_import(graph, batch, path=path, dry_run=dry_run)
    assert outcome.summary is not None
    s = outcome.summary
    audit.record(
        "import",
        file=name,
        format=batch.source,
        dry_run=dry_run,
        added=s.added,
        changed=s.changed,
        ended=s.ended,
    )
    return ImportResult(
        file_name=name,
        format=batch.source,
        dry_run=dry_run,
        summary=ImportSummary(
            run_key=s.run_key,
            added=s.added,
            changed=s.changed,
            ended=s.ended,
            unchanged=s.unchanged,
            unmatched=s.unmatched,
            dry_run=s.dry_run,
        ),
        problems=[_problem(p) for p in outcome.problems],
    )


def _safe_name(name: str) -> str:
    """The upload's base name, reduced to safe characters (the format detection reads it)."""
    base = _SAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._")
    return base[:120] or "upload"


def _save(file: UploadFile, target: Path, limit: int) -> Path:
    size = 0
    with target.open("wb") as out:
        while chunk := file.file.read(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_large(limit)
            out.write(chunk)
    return target


def _unzip(archive: Path, folder: Path, limit: int) -> Path:
    """Extract a KITOS API folder; refuse zip bombs, odd paths and too many members."""
    try:
        with zipfile.ZipFile(archive) as zf:
            members = [m for m in zf.infolist() if not m.is_dir()]
            if len(members) > _MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > limit:
                raise _too_large(limit)
            folder.mkdir()
            written = 0
            for member in members:
                target = folder / _safe_name(member.filename)
                with zf.open(member) as src, target.open("wb") as out:
                    while chunk := src.read(_CHUNK):
                        written += len(chunk)
                        if written > limit:
                            raise _too_large(limit)
                        out.write(chunk)
    except zipfile.BadZipFile as e:
        raise ImportFailed(
            "The .zip file cannot be read.", hint="Upload a complete zip of the KITOS folder."
        ) from e
    return folder


def _too_large(limit: int) -> TooLarge:
    return TooLarge(
        f"The upload is larger than {limit // (1024 * 1024)} MB.",
        hint="Import it with `govgraph import` on the server, or raise api.max_upload_mb.",
    )


def _failed(name: str, problems: list[Problem]) -> ImportFailed:
    errors = [p for p in problems if p.severity == "error"]
    return ImportFailed(
        f"{name} has {len(errors)} error(s); nothing was written.",
        hint="Fix the problems listed in details and upload the file again.",
        details=[_problem(p).model_dump() for p in problems],
    )


def _problem(p: Problem) -> ImportProblem:
    return ImportProblem(
        severity=p.severity.value,
        code=p.code,
        file=p.file,
        location=p.location,
        message=p.message,
        hint=p.hint,
    )
