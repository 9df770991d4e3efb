"""The example data: generated deterministically, read back without errors, gaps in place."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.kitos_api import read_kitos_api
from importers.kitos_export import read_kitos_export
from importers.register import read_register
from importers.registry import detect_format, read_source
from tests.support import generate_examples

OPTIONS = ImportOptions(
    forvaltning="Jobcenter og Borgerservice",
    secretariat="JB-sekretariatet",
    central_it=("IT-afdelingen",),
    today=date(2026, 11, 1),
)
OPUS = "ZLPE20261101120000_delta.xml"
PREVIOUS_OPUS = "ZLPE20261001120000_delta.xml"


@pytest.fixture(scope="module")
def kitos(examples: Path) -> ImportBatch:
    return read_kitos_api(examples / "kitos", OPTIONS)


@pytest.fixture(scope="module")
def register(examples: Path) -> ImportBatch:
    return read_register(examples / "register.xlsx", OPTIONS)


@pytest.fixture(scope="module")
def hr(examples: Path) -> ImportBatch:
    return read_source(examples / OPUS, "opus", OPTIONS)


def owners_by_system(batch: ImportBatch, rel_type: str) -> Counter[str]:
    names = {n.key: str(n.props["name"]) for n in batch.nodes if n.label == "System"}
    return Counter(names[r.to_key] for r in batch.rels if r.type == rel_type)


def test_generator_writes_every_source(examples: Path) -> None:
    names = sorted(p.name for p in examples.iterdir())
    assert names == sorted(
        [
            PREVIOUS_OPUS,
            OPUS,
            "kitos",
            "kitos-export.xlsx",
            "register.xlsx",
            "os2mo.json",
            "os2mo-rapporter",
        ]
    )


def test_each_example_is_recognised_as_its_format(examples: Path) -> None:
    formats = {
        name: detect_format(examples / name)
        for name in (OPUS, "kitos", "kitos-export.xlsx", "register.xlsx", "os2mo-rapporter")
    }
    assert formats == {
        OPUS: "opus",
        "os2mo-rapporter": "os2mo-reports",
        "kitos": "kitos",
        "kitos-export.xlsx": "kitos-export",
        "register.xlsx": "register",
    }


@pytest.mark.parametrize(
    "name",
    [PREVIOUS_OPUS, OPUS, "kitos", "kitos-export.xlsx", "register.xlsx", "os2mo-rapporter"],
)
def test_example_reads_without_errors(examples: Path, name: str) -> None:
    batch = read_source(examples / name, None, OPTIONS)
    assert not batch.errors, batch.errors
    assert batch.nodes


def test_generator_is_deterministic(examples: Path, tmp_path: Path) -> None:
    again = generate_examples(tmp_path / "again")
    kitos = (f"kitos/{p.name}" for p in (examples / "kitos").iterdir())
    for name in (OPUS, PREVIOUS_OPUS, "os2mo.json", *kitos):
        assert (again / name).read_bytes() == (examples / name).read_bytes(), name
    for name in ("kitos-export.xlsx", "register.xlsx"):
        assert repr(read_source(again / name, None, OPTIONS).nodes) == repr(
            read_source(examples / name, None, OPTIONS).nodes
        )


def test_the_forvaltning_has_250_people_12_offices_and_39_systems(
    examples: Path, hr: ImportBatch, kitos: ImportBatch
) -> None:
    people = [n for n in hr.nodes if n.label == "Person"]
    offices = [n for n in hr.nodes if n.label == "OrgUnit" and n.props.get("unit_type") == "Kontor"]
    systems = [n for n in kitos.nodes if n.label == "System"]
    assert (len(people), len(offices), len(systems)) == (250, 12, 39)


def test_opus_holds_cpr_numbers_that_no_batch_keeps(examples: Path) -> None:
    cprs = set(re.findall(r"<cpr[^>]*>(\d{10})</cpr>", (examples / OPUS).read_text("utf-8")))
    assert len(cprs) > 200
    for name in (OPUS, "kitos", "kitos-export.xlsx", "register.xlsx"):
        text = repr(read_source(examples / name, None, OPTIONS))
        assert not any(cpr in text for cpr in cprs), name


def test_kitos_units_use_the_hr_unit_ids_except_the_planted_unknown_one(
    examples: Path, hr: ImportBatch
) -> None:
    hr_ids = {n.props["unit_id"] for n in hr.nodes if n.label == "OrgUnit"}
    units = json.loads((examples / "kitos" / "organization-units.json").read_text("utf-8"))
    unknown = [u["name"] for u in units if u["unitId"] and u["unitId"] not in hr_ids]
    assert unknown == ["Jobcenter Projektenheden"]


def test_kitos_emails_match_hr_case_insensitively_except_the_consultant(
    examples: Path, hr: ImportBatch
) -> None:
    previous = read_source(examples / PREVIOUS_OPUS, "opus", OPTIONS)
    hr_emails = {n.props.get("email") for b in (hr, previous) for n in b.nodes}
    users = json.loads((examples / "kitos" / "users.json").read_text("utf-8"))
    assert [u["email"] for u in users if u["email"].lower() not in hr_emails] == [
        "jens.kjaer@netcompany-konsulent.dk"
    ]
    assert sum(u["email"] != u["email"].lower() for u in users) == 4


def test_the_leaver_marked_action_leave_was_in_the_previous_dump_only(
    examples: Path, hr: ImportBatch
) -> None:
    previous = read_source(examples / PREVIOUS_OPUS, "opus", OPTIONS)
    gone = {n.key for n in previous.nodes} - {n.key for n in hr.nodes}
    assert [p.code for p in hr.problems if p.code == "unknown-leaver"] == ["unknown-leaver"]
    assert [n.props["name"] for n in previous.nodes if n.key in gone] == ["Brian Lund"]


def test_planted_system_role_gaps_are_in_the_kitos_data(kitos: ImportBatch) -> None:
    owners = owners_by_system(kitos, "OWNS")
    responsible = owners_by_system(kitos, "RESPONSIBLE_FOR")
    admins = owners_by_system(kitos, "ADMINISTERS")
    superusers = owners_by_system(kitos, "SUPERUSER_OF")
    assert owners["Doc2Mail"] == 0 and owners["Fasit"] == 2
    assert responsible["NemRefusion"] == 0 and responsible["VITAS"] == 2
    assert admins["Borgerservice-kø"] == 0
    assert superusers["Tolkebestilling"] == 0 and superusers["Momentum"] == 1


def test_planted_unused_system_has_no_using_unit(kitos: ImportBatch) -> None:
    assert owners_by_system(kitos, "USES")["SAPA"] == 0


def test_planted_register_gaps_are_in_the_register(register: ImportBatch) -> None:
    systems = {n.key: n.props for n in register.nodes if n.label == "System"}
    assert "financing_source" not in systems["register-system:frontdesk"]
    assert systems["register-system:puzzel"]["dpa_status"] == "missing"
    kinds = Counter(
        n.key.split("|")[0]
        for n in register.nodes
        if n.label == "Review" and n.props["kind"] == "owner_review"
    )
    assert kinds["register-system:kmd opera"] == 0


def test_register_names_some_systems_by_kitos_uuid(register: ImportBatch) -> None:
    uuid_refs = [n for n in register.nodes if n.label == "System" and "name" not in n.props]
    assert len(uuid_refs) == 2


def test_only_the_planted_person_holds_more_than_eight_roles(
    kitos: ImportBatch, register: ImportBatch
) -> None:
    emails = {n.key: n.props.get("email") for n in kitos.nodes if n.label == "Person"}
    held: Counter[str] = Counter()
    for rel in kitos.rels:
        if rel.from_label == "Person":
            held[str(emails[rel.from_key])] += 1
    for rel in register.rels:
        if rel.type in ("HOLDS_ROLE", "SITS_IN"):
            held[rel.from_key.removeprefix("register:")] += 1
    assert [email for email, count in held.items() if count > 8] == ["morten.krogh@oestby.dk"]


def test_the_export_describes_the_same_systems_as_the_api(
    kitos: ImportBatch, examples: Path
) -> None:
    export = read_kitos_export(examples / "kitos-export.xlsx", OPTIONS)
    assert Counter(r.type for r in export.rels) == Counter(r.type for r in kitos.rels)
