"""Hostile XML and JSON sources: refused or reported with a located problem, never obeyed.

Adds to the malformed-input corpus of ``tests/importers`` what an attacker or a broken export
sends: truncated and mis-encoded files, entity expansion and external entities (refused by
defusedxml, never fetched), duplicate ids, cycles and dates out of range.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from core.records import Severity
from importers.common import SourceError
from importers.registry import read_source
from tests.importers.batches import Case, assert_reported_where_it_is, problems
from tests.importers.hr_factories import (
    OPTIONS,
    mo_standard_units,
    mo_unit,
    opus_employee,
    opus_standard_units,
    opus_unit,
    write_opus,
    write_os2mo,
)
from tests.importers.kitos_factories import usage, write_kitos

ERROR, WARNING = Severity.ERROR, Severity.WARNING
NAME = "ZLPE20240115093000_delta.xml"
LAUGHS = "".join(
    f'<!ENTITY l{n + 1} "{f"&l{n};" * 10}">\n' for n in range(9)
)  # l9 is 10^9 times "ha"


def opus_text() -> str:
    """A small, valid OPUS dump (the standard units and one employee)."""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<kmd>\n'
        + "".join(opus_standard_units())
        + opus_employee("1", "30")
        + "</kmd>\n"
    )


def opus_with(tmp: Path, content: str | bytes) -> tuple[Path, str]:
    path = tmp / NAME
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    return path, "opus"


def with_doctype(doctype: str, body: str = "<kmd>&l9;</kmd>") -> str:
    return f'<?xml version="1.0"?>\n<!DOCTYPE kmd [\n{doctype}]>\n{body}\n'


# --- the inputs ---------------------------------------------------------------------------


def opus_truncated(tmp: Path) -> tuple[Path, str]:
    text = opus_text()
    return opus_with(tmp, text[: len(text) // 2])


def opus_empty(tmp: Path) -> tuple[Path, str]:
    return opus_with(tmp, b"")


def opus_billion_laughs(tmp: Path) -> tuple[Path, str]:
    return opus_with(tmp, with_doctype('<!ENTITY l0 "ha">\n' + LAUGHS))


def opus_external_entity(tmp: Path) -> tuple[Path, str]:
    doctype = '<!ENTITY passwd SYSTEM "file:///etc/passwd">\n'
    return opus_with(tmp, with_doctype(doctype, '<kmd><orgUnit id="1">&passwd;</orgUnit></kmd>'))


def opus_latin1_declared_utf8(tmp: Path) -> tuple[Path, str]:
    return opus_with(
        tmp, opus_text().replace("Kontor for ydelser", "Kontor for æøå").encode("latin-1")
    )


def opus_utf16_without_bom(tmp: Path) -> tuple[Path, str]:
    return opus_with(tmp, opus_text().encode("utf-16-le"))


def opus_duplicate_unit(tmp: Path) -> tuple[Path, str]:
    return write_opus(tmp, *opus_standard_units(), opus_unit("30", "Kontor igen", "20")), "opus"


def opus_unit_is_its_own_parent(tmp: Path) -> tuple[Path, str]:
    return write_opus(tmp, *opus_standard_units(), opus_unit("60", "Selv", "60")), "opus"


def opus_date_before_1900(tmp: Path) -> tuple[Path, str]:
    employee = opus_employee("1", "30", entryDate="0001-01-01")
    return write_opus(tmp, *opus_standard_units(), employee), "opus"


def opus_date_after_9999(tmp: Path) -> tuple[Path, str]:
    employee = opus_employee("1", "30", leaveDate="10000-01-01")
    return write_opus(tmp, *opus_standard_units(), employee), "opus"


def os2mo_cycle(tmp: Path) -> tuple[Path, str]:
    units = [*mo_standard_units(), mo_unit("60", "A", "61"), mo_unit("61", "B", "60")]
    return write_os2mo(tmp, units=units), "os2mo"


def os2mo_utf16_without_bom(tmp: Path) -> tuple[Path, str]:
    path = write_os2mo(tmp)
    path.write_bytes(path.read_text("utf-8").encode("utf-16-le"))
    return path, "os2mo"


def os2mo_date_before_1900(tmp: Path) -> tuple[Path, str]:
    validity = {"from": "0001-01-01T00:00:00+00:00", "to": None}
    units = [*mo_standard_units(), mo_unit("55", "Gammel", "10", validity=validity)]
    return write_os2mo(tmp, units=units), "os2mo"


def os2mo_truncated(tmp: Path) -> tuple[Path, str]:
    path = write_os2mo(tmp)
    text = path.read_text("utf-8")
    path.write_text(text[: len(text) // 2], "utf-8")
    return path, "os2mo"


def kitos_date_before_1900(tmp: Path) -> tuple[Path, str]:
    gdpr = {"riskAssessmentConductedDate": "1066-10-14"}
    return write_kitos(tmp / "kitos", usages=[usage(gdpr=gdpr)]), "kitos"


def kitos_deeply_nested(tmp: Path) -> tuple[Path, str]:
    folder = write_kitos(tmp / "kitos")
    (folder / "users.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    return folder, "kitos"


CASES: dict[str, Case] = {
    "opus-truncated": (opus_truncated, ERROR, "malformed-xml", "line "),
    "opus-empty": (opus_empty, ERROR, "malformed-xml", "line 1"),
    "opus-billion-laughs": (opus_billion_laughs, ERROR, "unsafe-xml", "whole file"),
    "opus-external-entity": (opus_external_entity, ERROR, "unsafe-xml", "whole file"),
    "opus-latin1-declared-utf8": (opus_latin1_declared_utf8, ERROR, "malformed-xml", "line "),
    "opus-utf16-without-bom": (opus_utf16_without_bom, ERROR, "malformed-xml", "line 1"),
    "opus-duplicate-unit": (opus_duplicate_unit, ERROR, "duplicate-key", "<orgUnit id='30'>"),
    "opus-own-parent": (opus_unit_is_its_own_parent, ERROR, "unit-cycle", "<orgUnit id='60'>"),
    "opus-date-before-1900": (
        opus_date_before_1900,
        ERROR,
        "bad-date",
        "<employee id='1'> <entryDate>",
    ),
    "opus-date-after-9999": (
        opus_date_after_9999,
        ERROR,
        "bad-date",
        "<employee id='1'> <leaveDate>",
    ),
    "os2mo-cycle": (os2mo_cycle, ERROR, "unit-cycle", "org_units[6] (uuid '60')"),
    "os2mo-date-before-1900": (
        os2mo_date_before_1900,
        ERROR,
        "bad-date",
        "org_units[6] (uuid '55'), field 'validity.from'",
    ),
    "os2mo-truncated": (os2mo_truncated, ERROR, "malformed-json", "line "),
    "kitos-date-before-1900": (
        kitos_date_before_1900,
        WARNING,
        "bad-date",
        "usage 1 'Acadre', riskAssessmentConductedDate",
    ),
    "kitos-deeply-nested": (kitos_deeply_nested, ERROR, "malformed-json", "whole file"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_source_gives_its_own_code_at_its_location(tmp_path: Path, case: str) -> None:
    assert_reported_where_it_is(CASES[case], tmp_path)


def test_entity_expansion_is_refused_by_defusedxml(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(*opus_billion_laughs(tmp_path), OPTIONS)
    assert type(caught.value.__cause__).__module__.startswith("defusedxml")
    assert "hahaha" not in str(caught.value.problem)


def test_external_entity_is_refused_without_reading_the_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as caught:
        read_source(*opus_external_entity(tmp_path), OPTIONS)
    assert type(caught.value.__cause__).__module__.startswith("defusedxml")
    assert "root:" not in str(caught.value.problem)


def test_os2mo_utf16_without_bom_reads_like_utf8(tmp_path: Path) -> None:
    utf8 = read_source(write_os2mo(tmp_path, name="utf8.json"), "os2mo", OPTIONS)
    utf16 = read_source(*os2mo_utf16_without_bom(tmp_path), OPTIONS)
    assert (utf16.problems, utf16.nodes) == (utf8.problems, utf8.nodes)
    assert utf16.nodes


def test_deeply_nested_os2mo_json_is_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "mo.json"
    path.write_text('{"org_units": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    found = problems(path, "os2mo")
    assert [(p.severity, p.code, p.location) for p in found] == [
        (ERROR, "malformed-json", "whole file")
    ]
    assert "nested too deeply" in found[0].message


def test_nested_list_of_sensitivity_levels_is_a_located_warning(tmp_path: Path) -> None:
    path = write_kitos(tmp_path / "kitos", usages=[usage(gdpr={"dataSensitivityLevels": [[]]})])
    found = problems(path, "kitos")
    assert [(p.severity, p.code, p.location) for p in found] == [
        (WARNING, "not-a-json-string", "usage 1 'Acadre', dataSensitivityLevels[1]")
    ]


HUGE = "x" * 40_000  # more than an Excel cell holds, which the table reader refuses


def huge_opus_text(tmp: Path) -> tuple[Path, str]:
    return write_opus(tmp, *opus_standard_units(), opus_unit("55", HUGE, "10")), "opus"


def huge_opus_attribute(tmp: Path) -> tuple[Path, str]:
    unit = opus_unit("55", "Stor", "10").replace('client="813"', f'client="{HUGE}"')
    return write_opus(tmp, *opus_standard_units(), unit), "opus"


def huge_os2mo_value(tmp: Path) -> tuple[Path, str]:
    return write_os2mo(tmp, units=[*mo_standard_units(), mo_unit("55", HUGE, "10")]), "os2mo"


def huge_kitos_value(tmp: Path) -> tuple[Path, str]:
    usages = [usage()]
    usages[0]["general"] = {**usages[0].get("general", {}), "localCallName": HUGE}
    return write_kitos(tmp / "kitos", usages=usages), "kitos"


HUGE_CASES: dict[str, tuple[Callable[[Path], tuple[Path, str]], str]] = {
    "opus-text": (huge_opus_text, "<orgUnit id='55'> <longName>, line "),
    "opus-attribute": (huge_opus_attribute, "<orgUnit id='55'> attribute 'client', line "),
    "os2mo": (huge_os2mo_value, "org_units[6].name"),
    "kitos": (huge_kitos_value, "[0].general.localCallName"),
}


@pytest.mark.parametrize("case", list(HUGE_CASES))
def test_huge_value_in_markup_is_refused_with_its_location(tmp_path: Path, case: str) -> None:
    build, location = HUGE_CASES[case]
    found = problems(*build(tmp_path))
    assert [(p.severity, p.code) for p in found] == [(ERROR, "value-too-large")], found
    assert found[0].location.startswith(location)
    assert found[0].message == "The value holds 40,000 characters; at most 32,767 are accepted."
    assert HUGE not in found[0].location


def test_duplicate_json_keys_keep_one_value_without_crashing(tmp_path: Path) -> None:
    path = tmp_path / "mo.json"
    units = json.dumps(mo_standard_units())[1:-1]
    path.write_text(f'{{"org_units": [{units}], "org_units": [{units}]}}', "utf-8")
    assert all(p.severity is not ERROR for p in problems(path, "os2mo"))
