"""Format detection and the one entry point that reads any source."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from importers import registry
from importers.base import ImportOptions
from importers.common import SourceError
from importers.registry import FORMATS, detect_format, read_source
from tests.importers.hr_factories import (
    OPTIONS,
    opus_standard_units,
    write_csv,
    write_opus,
    write_os2mo,
    write_xlsx,
)
from tests.support import ROOT


def test_formats_are_the_documented_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert list(FORMATS) == re.findall(r"^\| `([a-z0-9-]+)` \|", readme, re.M)


def test_opus_is_detected_by_file_name(tmp_path: Path) -> None:
    assert detect_format(write_opus(tmp_path, *opus_standard_units())) == "opus"


def test_opus_is_detected_by_root_element(tmp_path: Path) -> None:
    assert detect_format(write_opus(tmp_path, name="dump.xml")) == "opus"


def test_other_xml_is_not_recognised(tmp_path: Path) -> None:
    path = tmp_path / "x.xml"
    path.write_text("<root/>")
    with pytest.raises(SourceError) as caught:
        detect_format(path)
    assert caught.value.problem.code == "unknown-format"
    assert "--format" in caught.value.problem.hint


def test_os2mo_json_is_detected(tmp_path: Path) -> None:
    assert detect_format(write_os2mo(tmp_path, wrap=True)) == "os2mo"


def test_kitos_folder_is_detected(tmp_path: Path) -> None:
    (tmp_path / "it-system-usages.json").write_text("[]")
    assert detect_format(tmp_path) == "kitos"


def test_folder_without_kitos_files_is_not_recognised(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        detect_format(tmp_path)
    assert caught.value.problem.code == "unknown-format"


def test_kitos_export_is_detected_by_headers(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, {"Ark1": [["Lokal System ID", "IT System"], ["1", "Acadre"]]})
    assert detect_format(path) == "kitos-export"


def test_register_is_detected_by_its_sheets(tmp_path: Path) -> None:
    from importers.register import REGISTER_SHEETS

    path = write_xlsx(tmp_path, {name: [["x"]] for name in REGISTER_SHEETS})
    assert detect_format(path) == "register"


def test_generic_csv_is_detected(tmp_path: Path) -> None:
    assert detect_format(write_csv(tmp_path, [["Navn", "Enhed"], ["A", "B"]])) == "csv"


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "people.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(SourceError) as caught:
        detect_format(path)
    assert caught.value.problem.code == "unknown-format"


def test_read_source_detects_the_format(tmp_path: Path) -> None:
    batch = read_source(write_opus(tmp_path, *opus_standard_units()), None, OPTIONS)
    assert batch.source == "opus"


def test_unknown_format_name_is_a_source_error(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(write_csv(tmp_path, [["a"], ["b"]]), "sd-loen", OPTIONS)
    assert caught.value.problem.code == "unknown-format"


def test_reader_crash_becomes_a_source_error_without_cpr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(path: Path, options: ImportOptions) -> None:
        raise ValueError("invalid literal for int(): '010170-1234'")

    monkeypatch.setattr(registry, "reader_for", lambda fmt, file="": crash)
    with pytest.raises(SourceError) as caught:
        read_source(write_csv(tmp_path, [["a"], ["b"]]), "csv", OPTIONS)
    assert caught.value.problem.code == "reader-failed"
    assert "1234" not in caught.value.problem.message


def test_reader_called_directly_turns_a_crash_into_a_source_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importers import opus

    def crash(path: Path) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(opus, "parse_opus", crash)
    with pytest.raises(SourceError) as caught:
        opus.read_opus(write_opus(tmp_path), OPTIONS)
    assert (caught.value.problem.code, caught.value.problem.file) == (
        "reader-failed",
        "ZLPE20240115093000_delta.xml",
    )
