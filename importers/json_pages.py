"""Load saved JSON API responses: arrays of objects, possibly saved in pages, errors located."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from importers.common import Problems, SourceError, sha256_of, source_error
from importers.textfiles import load_json

# Keys under which a saved page wrapper may hold the list itself.
WRAPPER_KEYS = ("value", "data", "items", "objects")


def load_json_array(
    folder: Path, name: str, problems: Problems, *, required: bool, hint: str
) -> list[dict[str, Any]]:
    """Load ``name.json`` and its pages ``name-2.json``, ... as one list of objects.

    Problems go to ``problems``; ``hint`` (formatted with ``name``) says how to get the file.
    """
    pages = sorted(folder.glob(f"{name}-*.json"), key=lambda p: (len(p.name), p.name))
    files = [f for f in [folder / f"{name}.json", *pages] if f.is_file()]
    if not files:
        if required:
            problems.error(
                "missing-file",
                "whole folder",
                f"The folder has no {name}.json.",
                hint.format(name=name),
            )
        return []
    items: list[dict[str, Any]] = []
    for file in files:
        where = "" if file.name == f"{name}.json" else f"{file.name}, "
        items.extend(_load_file(file, where, problems))
    return items


def _load_file(file: Path, where: str, problems: Problems) -> list[dict[str, Any]]:
    try:
        data = load_json(file, hint="Save the API response again unchanged.")
    except SourceError as exc:  # located in this file: name the page, keep the folder's name
        found = exc.problem
        problems.items.append(replace(found, file=problems.file, location=where + found.location))
        return []
    if isinstance(data, dict):
        data = next((data[k] for k in WRAPPER_KEYS if k in data), data)
    if not isinstance(data, list):
        problems.error(
            "not-a-json-array",
            f"{where}top level",
            f"Expected a JSON array of objects, found a JSON {json_kind(data)}.",
            "Save the API's list response as it is: a JSON array.",
        )
        return []
    objects = []
    for number, item in enumerate(data, start=1):
        if isinstance(item, dict):
            objects.append(item)
        else:
            problems.error(
                "not-a-json-object",
                f"{where}item {number}",
                f"Expected an object, found a JSON {json_kind(item)}.",
                "Each element of the array must be one object of the API's response.",
            )
    return objects


def json_kind(value: Any) -> str:
    """The JSON name of a loaded value's type: object, array, string, number, boolean, null."""
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return kinds.get(type(value), "number")


def folder_sha256(folder: Path) -> str:
    """The SHA-256 of a folder of saved responses; an unreadable file is a SourceError."""
    try:
        return sha256_of(folder)
    except OSError as exc:
        raise source_error(
            folder.name,
            "unreadable-file",
            "whole folder",
            f"A file in the folder cannot be read: {exc.strerror or exc}.",
            "Check that every file in the folder is readable.",
        ) from exc


def as_object(value: Any) -> dict[str, Any]:
    """A JSON object, or an empty one for anything else (a field that moved or is null)."""
    return value if isinstance(value, dict) else {}


def as_int(value: Any) -> int | None:
    """A JSON integer, or None for anything else."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None
