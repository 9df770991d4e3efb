"""Source files as text: read within a size limit, decode, parse JSON, refuse oversized values.

Every problem is a located SourceError: the file, and the byte, line and column or JSON path.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from importers.common import MAX_CELL_CHARS, SourceError, source_error, value_too_large

# A text source larger than this is refused rather than read into memory.
MAX_TEXT_BYTES = 200 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# UTF-16 without a BOM is recognised from this many first bytes, when at least this share of
# one byte position holds NUL and at most the rest of the other does.
_UTF16_SAMPLE_BYTES = 4096
_UTF16_NUL_SHARE = 0.9


def read_bytes(path: Path, *, limit: int = MAX_TEXT_BYTES) -> bytes:
    """Read a file's bytes, refusing missing, unreadable and oversized files with a SourceError."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise source_error(
                path.name,
                "file-too-large",
                "whole file",
                f"The file is {size // (1024 * 1024)} MB; at most {limit // (1024 * 1024)} MB "
                "is read.",
                "Check that this is the right file, or split it.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise unreadable_file(path, exc) from exc


def unreadable_file(path: Path, exc: OSError) -> SourceError:
    """The problem of a file that cannot be opened or read."""
    return source_error(
        path.name,
        "unreadable-file",
        "whole file",
        f"The file cannot be opened: {exc.strerror or exc}.",
        "Check the path and that the file is readable.",
    )


def decode_text(data: bytes, *, file: str) -> str:
    """Decode bytes as UTF-8 (BOM or not), UTF-16 (BOM or not), or Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], encoding, file=file)
    if (nul := data.find(b"\x00")) >= 0:
        if (utf16 := _utf16_without_bom(data)) is not None:
            return _decode(data, utf16, file=file)
        raise source_error(
            file,
            "unreadable-encoding",
            f"byte {nul}",
            "The file holds NUL bytes without the pattern of UTF-16 text: it is binary.",
            "Check that it is the right file; save it as UTF-8 (or UTF-16) and import it again.",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _decode(data, "windows-1252", file=file)


def _utf16_without_bom(data: bytes) -> str | None:
    """Name the UTF-16 byte order whose NUL pattern the start of the data shows, if any.

    Mostly-Latin text in UTF-16 has a NUL in (nearly) every high byte and (nearly) none in the
    low bytes: odd positions in little-endian, even ones in big-endian. Binary data has no
    such pattern.
    """
    sample = data[:_UTF16_SAMPLE_BYTES]
    sample = sample[: len(sample) - len(sample) % 2]
    pairs = len(sample) // 2
    if not pairs:
        return None
    even, odd = sample[0::2].count(0) / pairs, sample[1::2].count(0) / pairs
    if odd >= _UTF16_NUL_SHARE and even <= 1 - _UTF16_NUL_SHARE:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE and odd <= 1 - _UTF16_NUL_SHARE:
        return "utf-16-be"
    return None


def _decode(data: bytes, encoding: str, *, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _encoding_error(file, encoding, exc) from exc


def _encoding_error(file: str, encoding: str, exc: UnicodeDecodeError) -> SourceError:
    return source_error(
        file,
        "unreadable-encoding",
        f"byte {exc.start}",
        f"The file cannot be read as {encoding}: {exc.reason}.",
        "Save the file as UTF-8 and import it again.",
    )


def read_text(path: Path) -> str:
    """Read a text file whose encoding is detected; raise SourceError naming the file."""
    return decode_text(read_bytes(path), file=path.name)


def load_json(path: Path, *, hint: str) -> Any:
    """Read a JSON source; raise a located SourceError if malformed or a string is too long.

    ``hint`` says how to get the file again (one sentence); every malformed-json problem has it.
    """
    content = read_text(path)
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        raise source_error(
            path.name,
            "malformed-json",
            f"line {exc.lineno}, column {exc.colno}",
            f"The file is not valid JSON: {exc.msg}.",
            f"{hint.rstrip('.')}, or repair the JSON at that place.",
        ) from exc
    except RecursionError as exc:
        raise source_error(
            path.name,
            "malformed-json",
            "whole file",
            "The JSON is nested too deeply to be a saved response.",
            f"Check that this is the right file. {hint}",
        ) from exc
    except ValueError as exc:  # json refuses integers of more than 4,300 digits this way
        raise source_error(
            path.name,
            "malformed-json",
            "whole file",
            f"The JSON cannot be read: {str(exc).split(';')[0]}.",
            f"Check that this is the right file. {hint}",
        ) from exc
    check_json_values(data, file=path.name)
    return data


def check_json_values(data: Any, *, file: str) -> None:
    """Refuse a JSON string longer than an Excel cell, located by its path (``[3].general``)."""
    if isinstance(data, str) and len(data) > MAX_CELL_CHARS:
        raise value_too_large(file, "top level", size=len(data))
    pending = [("", data)] if isinstance(data, dict | list) else []
    while pending:  # a loop, not recursion: the depth is whatever the file holds
        where, container = pending.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for step, value in items:
            if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                raise value_too_large(file, _json_path(where, step), size=len(value))
            if isinstance(value, dict | list):
                pending.append((_json_path(where, step), value))


def _json_path(where: str, step: str | int) -> str:
    if isinstance(step, int):
        return f"{where}[{step}]"
    if step.isidentifier():
        return f"{where}.{step}" if where else step
    shown = step if len(step) <= 40 else f"{step[:40]}..."
    return f"{where}[{json.dumps(shown)}]"
