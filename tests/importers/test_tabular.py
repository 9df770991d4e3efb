"""Generic HR CSV/XLSX: known header names, a mapping, a unit sheet, managers."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from importers.common import SourceError
from importers.registry import detect_format
from importers.tabular import read_column_map, read_tabular
from tests.importers.batches import node
from tests.importers.hr_factories import OPTIONS, UNITS, batch_text, write_csv, write_xlsx

DANISH = [
    "Medarbejdernummer",
    "Fornavn",
    "Efternavn",
    "E-mail",
    "Stilling",
    "Enhed id",
    "Enhed",
    "Overordnet enhed",
    "Leder",
    "Startdato",
    "Slutdato",
    "CPR",
]


def danish_rows() -> list[list[object]]:
    return [
        DANISH,
        [
            "0042",
            "Anne",
            "Hansen",
            "Anne@K.dk",
            "Direktør",
            "10",
            "Jobcenter og Borgerservice",
            "",
            "ja",
            "01-02-2010",
            "",
            "0101701234",
        ],
        [
            "0043",
            "Bo",
            "Berg",
            "bo@k.dk",
            "Chef",
            "20",
            "Jobcenter",
            "10",
            "ja",
            "2012-01-01",
            "",
            "0202702345",
        ],
        [
            "0044",
            "Cia",
            "Dahl",
            "cia@k.dk",
            "Sagsbehandler",
            "20",
            "Jobcenter",
            "10",
            "nej",
            "",
            "31.12.2023",
            "",
        ],
    ]


def test_danish_headers_are_recognised_without_mapping(tmp_path: Path) -> None:
    batch = read_tabular(write_csv(tmp_path, danish_rows()), OPTIONS)
    anne = node(batch, "Person", "0042")
    assert anne.props["name"] == "Anne Hansen"
    assert anne.props["email"] == "anne@k.dk"
    assert anne.props["valid_from"] == date(2010, 2, 1)
    assert not batch.errors


def test_units_and_tree_come_from_rows(tmp_path: Path) -> None:
    batch = read_tabular(write_csv(tmp_path, danish_rows()), OPTIONS)
    assert node(batch, "OrgUnit", "20").props["depth"] == 1
    assert [(r.from_key, r.to_key) for r in batch.rels if r.type == "PART_OF"] == [("20", "10")]


def test_leader_column_gives_line_levels(tmp_path: Path) -> None:
    batch = read_tabular(write_csv(tmp_path, danish_rows()), OPTIONS)
    levels = {n.key: n.props["line_level"] for n in batch.nodes if n.label == "Person"}
    assert levels == {"0042": "direktoer", "0043": "chef", "0044": "medarbejder"}


def test_cpr_column_never_reaches_the_batch(tmp_path: Path) -> None:
    batch = read_tabular(write_csv(tmp_path, danish_rows()), OPTIONS)
    assert "0101701234" not in batch_text(batch)
    assert "0202702345" not in batch_text(batch)


def test_leave_date_in_dotted_form_is_read(tmp_path: Path) -> None:
    batch = read_tabular(write_csv(tmp_path, danish_rows()), OPTIONS)
    assert node(batch, "Person", "0044").props["valid_to"] == date(2023, 12, 31)


@pytest.mark.parametrize(("delimiter", "encoding"), [(",", "cp1252"), ("\t", "utf-8-sig")])
def test_other_delimiters_and_encodings(tmp_path: Path, delimiter: str, encoding: str) -> None:
    path = write_csv(tmp_path, danish_rows(), delimiter=delimiter, encoding=encoding)
    assert node(read_tabular(path, OPTIONS), "Person", "0042").props["position"] == "Direktør"


def test_english_headers_are_recognised(tmp_path: Path) -> None:
    rows = [["Employee ID", "Full name", "Email", "Department"], ["7", "Eve Ek", "e@k.dk", "IT"]]
    batch = read_tabular(write_csv(tmp_path, rows), replace(OPTIONS, forvaltning="IT"))
    assert node(batch, "Person", "7").props["name"] == "Eve Ek"
    assert node(batch, "OrgUnit", "IT").props["name"] == "IT"


def test_mapping_names_unusual_columns(tmp_path: Path) -> None:
    rows = [["Løbenr", "Hele navnet", "Arbejdssted"], ["1", "Ida Ib", "Kontor A"]]
    options = replace(
        OPTIONS,
        forvaltning="Kontor A",
        column_map={"Løbenr": "person_id", "Hele navnet": "name", "Arbejdssted": "unit_name"},
    )
    batch = read_tabular(write_csv(tmp_path, rows), options)
    assert node(batch, "Person", "1").props["name"] == "Ida Ib"


def test_unit_sheet_gives_the_tree(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path,
        {
            "Medarbejdere": [
                ["Medarbejdernummer", "Navn", "E-mail", "Enhed id", "Leder af"],
                ["1", "Kim Kr", "kim@k.dk", "30", "30"],
            ],
            "Enheder": [["Id", "Navn", "Overordnet enhed"], *[[k, n, p] for k, n, p in UNITS]],
        },
    )
    batch = read_tabular(path, OPTIONS)
    assert node(batch, "OrgUnit", "30").props["depth"] == 2
    assert node(batch, "Person", "1").props["line_level"] == "kontorleder"
    assert not batch.errors


def test_generic_table_is_detected_as_csv(tmp_path: Path) -> None:
    assert detect_format(write_csv(tmp_path, danish_rows())) == "csv"


def test_mapping_file_as_json(tmp_path: Path) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(json.dumps({"Løbenr": "person_id"}))
    assert read_column_map(path) == {"Løbenr": "person_id"}


def test_mapping_file_as_two_column_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path, [["Kolonne", "Felt"], ["Løbenr", "person_id"]], name="map.csv")
    assert read_column_map(path) == {"Løbenr": "person_id"}


@pytest.mark.parametrize(
    ("content", "why"),
    [('{"Løbenr": ', "not valid JSON"), ("[" * 100_000 + "]" * 100_000, "nested too deeply")],
)
def test_a_broken_mapping_file_is_a_located_problem(tmp_path: Path, content: str, why: str) -> None:
    path = tmp_path / "mapping.json"
    path.write_text(content)
    with pytest.raises(SourceError) as caught:
        read_column_map(path)
    assert caught.value.problem.code == "unreadable-mapping"
    assert why in caught.value.problem.message
