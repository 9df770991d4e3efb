"""Rewrite the parts of a saved workbook, to build the hostile ones openpyxl will not write."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path


def rewrite_parts(path: Path, change: Callable[[str, bytes], bytes]) -> Path:
    """Pass every part of the zip through ``change(name, data)``; return the path."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            target.writestr(info, change(info.filename, data))
    return path


def prepend_to_sheet(path: Path, prefix: bytes) -> Path:
    """Put ``prefix`` (a DOCTYPE, say) before the first worksheet's XML."""
    sheet = "xl/worksheets/sheet1.xml"
    return rewrite_parts(path, lambda name, data: prefix + data if name == sheet else data)


def replace_in_cells(path: Path, old: bytes, new: bytes) -> Path:
    """Replace bytes in the worksheets and shared strings, where cell text is kept."""
    return rewrite_parts(
        path,
        lambda name, data: data.replace(old, new) if name.startswith("xl/") else data,
    )


def add_bomb(path: Path, *, megabytes: int = 20) -> Path:
    """Add a part of zeros that compresses about a thousand to one."""
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", b"\0" * (megabytes * 1024 * 1024))
    return path
