"""KITOS API v2 folder: systems, vendors, units, people and role relationships."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from core.records import ImportBatch
from importers.base import ImportOptions
from importers.common import SourceError
from importers.kitos_api import read_kitos_api
from tests.importers.batches import codes, node, rels
from tests.importers.kitos_factories import (
    UNIT_UUID,
    USAGE_UUID,
    USER_UUID,
    it_system,
    ref,
    role,
    unit,
    usage,
    user,
    write_kitos,
)

OPTIONS = ImportOptions(today=date(2026, 11, 1))


def read(folder: Path, options: ImportOptions = OPTIONS, **files: list[dict]) -> ImportBatch:
    return read_kitos_api(write_kitos(folder, **files), options)


def test_system_is_keyed_by_usage_uuid_with_its_name(tmp_path: Path) -> None:
    system = node(read(tmp_path), "System", USAGE_UUID)
    assert (system.props["name"], system.props["kitos_uuid"]) == ("Acadre", USAGE_UUID)


def test_system_carries_local_id_call_name_and_expected_users(tmp_path: Path) -> None:
    props = node(read(tmp_path), "System", USAGE_UUID).props
    wanted = {
        "local_id": "JB-001",
        "local_name": "ESDH",
        "expected_users_lower": 10,
        "expected_users_upper": 50,
    }
    assert {k: props[k] for k in wanted} == wanted


def test_open_ended_expected_users_have_no_upper_bound(tmp_path: Path) -> None:
    band = {"numberOfExpectedUsers": {"lowerBound": 100, "upperBound": None}}
    props = node(read(tmp_path, usages=[usage(general=band)]), "System", USAGE_UUID).props
    assert props["expected_users_lower"] == 100 and "expected_users_upper" not in props


def test_gdpr_fields_become_system_properties(tmp_path: Path) -> None:
    props = node(read(tmp_path), "System", USAGE_UUID).props
    assert (props["business_critical"], props["risk_assessment"], props["hosted_at"]) == (
        "Yes",
        "Yes",
        "OnPremise",
    )
    assert props["risk_assessment_date"] == date(2025, 5, 12)
    assert props["planned_risk_assessment_date"] == date(2027, 5, 1)


def test_fields_are_read_from_general_when_a_kitos_version_puts_them_there(
    tmp_path: Path,
) -> None:
    moved = usage(
        general={"businessCritical": "DontKnow", "hostedAt": "Hybrid"},
        gdpr={"businessCritical": None, "hostedAt": None},
    )
    props = node(read(tmp_path, usages=[moved]), "System", USAGE_UUID).props
    assert (props["business_critical"], props["hosted_at"]) == ("DontKnow", "Hybrid")


def test_lifecycle_is_read_from_general_when_validity_lacks_it(tmp_path: Path) -> None:
    older = usage(general={"validity": {"valid": True}, "lifeCycleStatus": "PhasingIn"})
    assert node(read(tmp_path, usages=[older]), "System", USAGE_UUID).props["lifecycle"] == (
        "PhasingIn"
    )


def test_system_not_in_use_is_kept_and_marked(tmp_path: Path) -> None:
    validity = {"valid": False, "validTo": "2024-12-31T00:00:00Z", "lifeCycleStatus": "NotInUse"}
    props = node(
        read(tmp_path, usages=[usage(general={"validity": validity})]), "System", USAGE_UUID
    ).props
    assert (props["lifecycle"], props["kitos_valid"]) == ("NotInUse", False)


def test_kitos_inclusive_valid_to_becomes_exclusive(tmp_path: Path) -> None:
    validity = {"valid": True, "validTo": "2027-06-30T00:00:00Z"}
    props = node(
        read(tmp_path, usages=[usage(general={"validity": validity})]), "System", USAGE_UUID
    ).props
    assert props["valid_to"] == date(2027, 7, 1)


@pytest.mark.parametrize(("levels", "handles"), [(["PersonData"], "Yes"), (["None"], "No")])
def test_data_sensitivity_tells_whether_personal_data_is_handled(
    tmp_path: Path, levels: list[str], handles: str
) -> None:
    batch = read(tmp_path, usages=[usage(gdpr={"dataSensitivityLevels": levels})])
    assert node(batch, "System", USAGE_UUID).props["handles_personal_data"] == handles


def test_only_named_sensitivity_levels_count(tmp_path: Path) -> None:
    levels = [["PersonData"], {"name": "None"}, "SensitiveData"]
    batch = read(tmp_path, usages=[usage(gdpr={"dataSensitivityLevels": levels})])
    assert node(batch, "System", USAGE_UUID).props["handles_personal_data"] == "Yes"
    assert codes(batch) == ["not-a-json-string", "not-a-json-string"]


def test_sensitivity_levels_without_a_name_leave_personal_data_unknown(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(gdpr={"dataSensitivityLevels": [1, None]})])
    assert "handles_personal_data" not in node(batch, "System", USAGE_UUID).props


def test_vendor_is_the_rights_holder_keyed_by_cvr(tmp_path: Path) -> None:
    batch = read(tmp_path, systems=[it_system()])
    assert node(batch, "Vendor", "90000101").props == {"name": "KMD A/S", "cvr": "90000101"}
    assert [(r.from_key, r.to_key) for r in rels(batch, "SUPPLIED_BY")] == [
        (USAGE_UUID, "90000101")
    ]


def test_vendor_without_cvr_is_keyed_by_its_uuid(tmp_path: Path) -> None:
    batch = read(tmp_path, systems=[it_system(cvr=None)])
    assert node(batch, "Vendor", "vendor-uuid").props["name"] == "KMD A/S"


def test_missing_it_systems_file_gives_no_vendor_and_no_problem(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert not rels(batch, "SUPPLIED_BY") and not batch.problems


def test_each_using_unit_uses_the_system(tmp_path: Path) -> None:
    other = "3c4d5e6f-3333-4c3d-8e9f-0000000000ff"
    units = [unit(), unit(other, "JB-sekretariatet", "21")]
    using = [ref(UNIT_UUID, "Kontor for ydelser"), ref(other, "JB-sekretariatet")]
    batch = read(tmp_path, usages=[usage(using=using)], units=units)
    assert sorted(r.from_key for r in rels(batch, "USES")) == sorted(
        [f"kitos-unit:{UNIT_UUID}", f"kitos-unit:{other}"]
    )


def test_responsible_unit_is_responsible_for_the_system(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(responsible=ref(UNIT_UUID, "Kontor for ydelser"))])
    assert [r.from_key for r in rels(batch, "RESPONSIBLE_UNIT_FOR")] == [f"kitos-unit:{UNIT_UUID}"]


def test_unit_matches_hr_by_uuid_then_unit_id_then_name(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(using=[ref(UNIT_UUID, "x")])])
    record = node(batch, "OrgUnit", f"kitos-unit:{UNIT_UUID}")
    assert record.match == (
        ("key", UNIT_UUID),
        ("unit_id", "30"),
        ("name_norm", "kontor for ydelser"),
    )


def test_unit_record_leaves_the_hr_units_id_and_normalised_name_alone(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(using=[ref(UNIT_UUID, "x")])])
    props = node(batch, "OrgUnit", f"kitos-unit:{UNIT_UUID}").props
    assert dict(props) == {
        "name": "Kontor for ydelser",
        "kitos_uuid": UNIT_UUID,
        "kitos_unit_id": "30",
    }


def test_unit_without_unit_id_matches_by_uuid_and_name_only(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(using=[ref(UNIT_UUID, "x")])], units=[unit(unit_id=None)])
    record = node(batch, "OrgUnit", f"kitos-unit:{UNIT_UUID}")
    assert [m[0] for m in record.match] == ["key", "name_norm"]


def test_role_holder_is_a_person_matched_by_lower_cased_email(tmp_path: Path) -> None:
    batch = read(
        tmp_path,
        usages=[usage(roles=[role("Systemejer")])],
        users=[user(email="Anne.Holm@Kommune.DK")],
    )
    person = node(batch, "Person", f"kitos:{USER_UUID}")
    assert person.match == (("email", "anne.holm@kommune.dk"),)
    assert (person.props["name"], person.props["kitos_uuid"]) == ("Anne Holm", USER_UUID)


@pytest.mark.parametrize(
    ("name", "rel_type"),
    [
        ("Systemejer", "OWNS"),
        ("Systemansvarlig", "RESPONSIBLE_FOR"),
        ("Systemadminstrator", "ADMINISTERS"),
        ("Superbruger", "SUPERUSER_OF"),
        ("Forretningsejer", "HAS_SYSTEM_ROLE"),
    ],
)
def test_role_assignment_becomes_its_relationship(tmp_path: Path, name: str, rel_type: str) -> None:
    batch = read(tmp_path, usages=[usage(roles=[role(name)])])
    assert [(r.from_key, r.to_key) for r in rels(batch, rel_type)] == [
        (f"kitos:{USER_UUID}", USAGE_UUID)
    ]


def test_unknown_role_is_kept_with_its_name_and_warned_about(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(roles=[role("Lokal tovholder")])])
    assert [dict(r.props) for r in rels(batch, "HAS_SYSTEM_ROLE")] == [{"role": "Lokal tovholder"}]
    assert codes(batch) == ["unknown-role"]


def test_role_map_by_role_uuid_decides_the_relationship(tmp_path: Path) -> None:
    options = ImportOptions(today=OPTIONS.today, role_map={"r-Lokal ejer": "systemejer"})
    batch = read(tmp_path, options, usages=[usage(roles=[role("Lokal ejer")])])
    assert len(rels(batch, "OWNS")) == 1 and not batch.problems


def test_role_holder_missing_from_users_is_kept_unmatched_with_a_warning(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(roles=[role("Systemejer", "unknown-user-uuid")])])
    assert node(batch, "Person", "kitos:unknown-user-uuid").match == ()
    assert codes(batch) == ["unknown-user"]


def test_user_without_email_is_warned_about(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(roles=[role("Systemejer")])], users=[user(email=None)])
    assert codes(batch) == ["user-without-email"]


def test_duplicate_usage_uuid_stops_the_import(tmp_path: Path) -> None:
    batch = read(tmp_path, usages=[usage(), usage()])
    assert codes(batch) == ["duplicate-usage"] and not batch.nodes and not batch.rels


def test_usages_saved_in_pages_are_read_together(tmp_path: Path) -> None:
    folder = write_kitos(tmp_path)
    second = usage("0f6c1c3e-1a2b-4c3d-8e9f-000000000099", "Momentum")
    (folder / "it-system-usages-2.json").write_text(json.dumps([second]), encoding="utf-8")
    batch = read_kitos_api(folder, OPTIONS)
    assert sorted(str(n.props["name"]) for n in batch.nodes if n.label == "System") == [
        "Acadre",
        "Momentum",
    ]


def test_json_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    folder = write_kitos(tmp_path)
    path = folder / "users.json"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert not read_kitos_api(folder, OPTIONS).problems


def test_malformed_page_is_located_in_its_page(tmp_path: Path) -> None:
    folder = write_kitos(tmp_path)
    (folder / "it-system-usages-2.json").write_text('[{"uuid": }]', encoding="utf-8")
    problem = read_kitos_api(folder, OPTIONS).problems[0]
    assert (problem.code, problem.file, problem.location) == (
        "malformed-json",
        f"{folder.name}/it-system-usages.json",
        "it-system-usages-2.json, line 1, column 11",
    )


def test_utf16_json_without_bom_is_read(tmp_path: Path) -> None:
    folder = write_kitos(tmp_path)
    path = folder / "users.json"
    path.write_bytes(path.read_text("utf-8").encode("utf-16-le"))
    assert not read_kitos_api(folder, OPTIONS).problems


def test_a_file_instead_of_a_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "it-system-usages.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        read_kitos_api(path, OPTIONS)
    assert caught.value.problem.code == "not-a-folder"


def test_batch_replaces_the_kitos_scope(tmp_path: Path) -> None:
    batch = read(tmp_path)
    assert (batch.source, batch.scope, batch.snapshot_date) == ("kitos", "kitos", OPTIONS.today)
    assert "System" in batch.replaces_labels and "OWNS" in batch.replaces_types


def test_a_unit_no_system_names_is_kept_and_matched_like_the_others(tmp_path: Path) -> None:
    spare = unit("00000000-0000-0000-0000-0000000000aa", "Projektenheden", unit_id="99")
    batch = read(tmp_path, units=[unit(), spare])
    record = node(batch, "OrgUnit", "kitos-unit:00000000-0000-0000-0000-0000000000aa")
    assert record.props["name"] == "Projektenheden"
    assert record.match[:2] == (
        ("key", "00000000-0000-0000-0000-0000000000aa"),
        ("unit_id", "99"),
    )


def test_a_contract_supplier_is_the_usage_s_vendor_before_the_rights_holder(
    tmp_path: Path,
) -> None:
    folder = write_kitos(tmp_path, systems=[it_system()])
    supplier = {"uuid": "s-1", "name": "Leverandøren A/S", "cvr": "12345678"}
    contract = {
        "uuid": "c-1",
        "supplier": {"organization": supplier},
        "systemUsages": [ref(USAGE_UUID, "Acadre")],
    }
    (folder / "it-contracts.json").write_text(json.dumps([contract]), encoding="utf-8")
    batch = read_kitos_api(folder, OPTIONS)
    vendors = [r.to_key for r in batch.rels if r.type == "SUPPLIED_BY"]
    assert vendors == ["12345678"]
    assert node(batch, "Vendor", "12345678").props["name"] == "Leverandøren A/S"
