"""The governance model's reference data against the model page and the Danish original (no DB)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from importers.governance_model import reference_records
from schema import governance
from schema.model import LABELS, RELATIONSHIPS, SuperuserKind

ROOT = Path(__file__).resolve().parent.parent
# Copies of the governance model and its Danish original, kept in the repository.
_DOC_DIRS = (ROOT / "docs",)
ORIGINAL = "seed/000_b790ce54fdb760ce.txt"
MODEL_PAGE = "governance-model.md"

ROLE_KEYS = [
    "direktoer",
    "chef",
    "kontorleder",
    "medarbejder",
    "systemejer",
    "systemansvarlig",
    "systemadministrator",
    "it-superbruger",
    "fag-superbruger",
    "teknisk-superbruger",
    "superbruger",
    "digitaliseringskonsulent",
    "systemkoordinator",
]
FORUM_KEYS = [
    "dds",
    "isu",
    "systemkoordinatorforum",
    "webredaktoerudvalget",
    "acadreforum",
    "superbrugerorganisation",
    "chefgruppen",
    "it-visitationen",
    "ledermoeder",
]
# Forums where the forvaltning's seat must be taken from JB-sekretariatet.
SECRETARIAT_SEATS = {
    "dds",
    "isu",
    "systemkoordinatorforum",
    "webredaktoerudvalget",
    "acadreforum",
    "superbrugerorganisation",
}
CADENCES = {"quarterly", "half-yearly", "annual", "ongoing", "on-change"}
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def _document(name: str) -> str:
    for folder in _DOC_DIRS:
        if (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    raise AssertionError(f"{name} not found in {', '.join(map(str, _DOC_DIRS))}")


def _fold(name: str) -> str:
    """Compare names as keys are spelt: lower case, Danish letters spelt out, hyphens for spaces."""
    return re.sub(r"[\s_]+", "-", name.strip().casefold().translate(_DANISH))


def _table_first_cells(markdown: str, heading_prefix: str) -> list[str]:
    """The first cell of each body row of the table under the '## <heading_prefix>...' heading."""
    section = re.search(
        rf"^## {re.escape(heading_prefix)}.*?$(.*?)(?=^## |\Z)", markdown, re.M | re.S
    )
    assert section, f"no '## {heading_prefix}' section in {MODEL_PAGE}"
    rows = [line for line in section.group(1).splitlines() if line.startswith("|")]
    return [row.strip("|").split("|")[0].strip() for row in rows[2:]]  # skip header, separator


def _names_in_cell(cell: str) -> list[str]:
    """Role or forum names in a table cell: bold terms if any, else the text and its brackets."""
    bold = re.findall(r"\*\*(.+?)\*\*", cell)
    if bold:
        return bold
    head, _, bracket = cell.partition("(")
    names = [head, *bracket.rstrip(")").split(",")] if bracket else [head]
    return [n.strip() for n in names]


def _model_page_names(heading_prefix: str) -> list[str]:
    page = _document(MODEL_PAGE)
    return [n for cell in _table_first_cells(page, heading_prefix) for n in _names_in_cell(cell)]


def _role_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for role in governance.roles():
        for name in (role.key, role.name_da, role.name_en, *role.aliases):
            names[_fold(name)] = role.key
    return names


def _forum_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for forum in governance.forums():
        for name in (forum.key, forum.name, forum.name_en, forum.short_name or forum.key):
            names[_fold(name)] = forum.key
    return names


def _original_headings() -> list[str]:
    """Short lines and table cells of the original, in order, without a trailing colon."""
    headings = []
    for line in _document(ORIGINAL).splitlines():
        for cell in line.split("\t"):
            cell = cell.strip().rstrip(":").strip()
            if cell and len(cell) <= 80 and not cell.startswith(("-", "<", "•")):
                headings.append(cell)
    return headings


def _cites_original(section: str, headings: list[str]) -> bool:
    """True when the section is a heading, or '<heading> — <sub-heading>' within that part."""
    top, *subs = section.split(" — ")
    if top not in headings:
        return False
    start = headings.index(top)
    other_tops = {s.split(" — ")[0] for s in _all_sections()} - {top}
    later = [i for i, h in enumerate(headings) if i > start and h in other_tops]
    part = headings[start : min(later, default=len(headings))]
    return all(sub in part for sub in subs)


def _all_sections() -> set[str]:
    return (
        {r.section for r in governance.roles()}
        | {r.section for r in governance.responsibilities()}
        | {f.section for f in governance.forums()}
        | {p.section for p in governance.principles()}
    )


@pytest.mark.parametrize("heading", ["Track 1", "Track 2", "Forums"])
def test_model_page_tables_are_found(heading: str) -> None:
    assert len(_model_page_names(heading)) >= 3


@pytest.mark.parametrize("name", _model_page_names("Track 1") + _model_page_names("Track 2"))
def test_every_role_of_the_model_page_is_declared(name: str) -> None:
    assert _fold(name) in _role_names(), f"role {name!r} of {MODEL_PAGE} has no Role"


@pytest.mark.parametrize("name", _model_page_names("Forums"))
def test_every_forum_of_the_model_page_is_declared(name: str) -> None:
    assert _fold(name) in _forum_names(), f"forum {name!r} of {MODEL_PAGE} has no Forum"


def test_role_keys_are_the_agreed_keys() -> None:
    assert sorted(r.key for r in governance.roles()) == sorted(ROLE_KEYS)


def test_forum_keys_are_the_agreed_keys() -> None:
    assert sorted(f.key for f in governance.forums()) == sorted(FORUM_KEYS)


def test_responsibility_keys_are_unique() -> None:
    keys = [r.key for r in governance.responsibilities()]
    assert len(keys) == len(set(keys))


def test_responsibility_keys_are_role_key_dot_slug() -> None:
    for role in governance.roles():
        for resp in role.responsibilities:
            assert re.fullmatch(rf"{re.escape(role.key)}\.[a-z0-9]+(-[a-z0-9]+)*", resp.key)


def test_every_section_is_a_heading_of_the_original() -> None:
    headings = _original_headings()
    missing = sorted(s for s in _all_sections() if not _cites_original(s, headings))
    assert not missing, f"sections not found in {ORIGINAL}: {missing}"


def test_a_level_cited_under_the_wrong_track_is_rejected() -> None:
    assert not _cites_original(
        "Governancemodellens spor 1: Linjeorganisationen — Systemejer", _original_headings()
    )


def test_principles_are_quoted_from_the_original() -> None:
    original = _document(ORIGINAL)
    assert len(governance.principles()) == 5
    for principle in governance.principles():
        assert f"- {principle.text_da}\n" in original
        assert principle.text_en


def test_every_role_has_a_responsibility_in_both_languages() -> None:
    for role in governance.roles():
        assert role.responsibilities, role.key
        for resp in role.responsibilities:
            assert resp.text_da.strip() and resp.text_en.strip(), resp.key
            assert resp.title_da.strip() and resp.title_en.strip(), resp.key


def test_every_role_is_described_in_both_languages() -> None:
    for role in governance.roles():
        texts = (role.description_da, role.description_en, role.who_may_hold_da)
        assert all(t.strip() for t in (*texts, role.who_may_hold_en)), role.key


def test_shared_responsibilities_are_declared_by_another_role() -> None:
    for role in governance.roles():
        for key in role.shares:
            assert governance.responsibility(key).role_key != role.key


def test_super_user_kinds_share_the_super_user_responsibilities() -> None:
    generic = set(governance.role("superbruger").responsibilities)
    for kind in ("it-superbruger", "fag-superbruger", "teknisk-superbruger"):
        assert generic <= set(governance.responsibilities_of(kind))


def test_cadences_are_the_known_values() -> None:
    assert {r.cadence.value for r in governance.responsibilities()} <= CADENCES


def test_chefgruppen_gets_a_quarterly_overview_of_ownership_and_economy() -> None:
    overview = governance.responsibility("chef.kvartalsvist-overblik")
    assert overview.cadence == "quarterly"
    assert "systemejerskab og økonomi" in overview.text_da
    assert governance.forum("chefgruppen").cadence == "quarterly"


def test_the_owner_review_with_a_consultant_is_half_yearly() -> None:
    for key in (
        "systemejer.halvaarlig-gennemgang",
        "digitaliseringskonsulent.halvaarlig-gennemgang-med-systemejer",
    ):
        review = governance.responsibility(key)
        assert review.cadence == "half-yearly"
        assert "digitaliseringskonsulent" in review.text_da


def test_both_vendor_dialogs_are_annual() -> None:
    owner = governance.responsibility("systemansvarlig.aarlig-dialog-med-systemejer")
    users = governance.responsibility("systemansvarlig.aarlig-dialog-med-brugere")
    assert owner.cadence == users.cadence == "annual"
    assert "superbrugere" in users.text_da


def test_leader_meetings_have_a_half_yearly_it_theme() -> None:
    assert governance.responsibility("chef.halvaarligt-it-tema").cadence == "half-yearly"
    assert governance.forum("ledermoeder").cadence == "half-yearly"


def test_critical_roles_are_owner_responsible_and_administrator() -> None:
    critical = {r.key for r in governance.roles() if r.critical}
    assert critical == {"systemejer", "systemansvarlig", "systemadministrator"}


def test_the_three_system_roles_weigh_one_and_super_users_half() -> None:
    weights = {r.key: r.weight for r in governance.roles()}
    assert weights["systemejer"] == weights["systemansvarlig"] == 1.0
    assert weights["systemadministrator"] == 1.0
    assert weights["superbruger"] == 0.5


def test_role_relationships_are_declared_in_the_model() -> None:
    for role in governance.roles():
        assert role.relationship in RELATIONSHIPS, role.key


def test_holding_a_role_uses_the_agreed_relationship() -> None:
    expected = {
        "systemejer": "OWNS",
        "systemansvarlig": "RESPONSIBLE_FOR",
        "systemadministrator": "ADMINISTERS",
        "digitaliseringskonsulent": "HOLDS_ROLE",
        "systemkoordinator": "HOLDS_ROLE",
        "direktoer": "MANAGES",
        "chef": "MANAGES",
        "kontorleder": "MANAGES",
        "medarbejder": "MEMBER_OF",
    }
    for key, rel in expected.items():
        assert governance.role(key).relationship == rel


def test_super_user_roles_carry_their_kind() -> None:
    kinds = {
        "superbruger": None,
        "it-superbruger": SuperuserKind.IT,
        "fag-superbruger": SuperuserKind.FAG,
        "teknisk-superbruger": SuperuserKind.TEKNISK,
    }
    for key, kind in kinds.items():
        assert governance.role(key).relationship == "SUPERUSER_OF"
        assert governance.role(key).kind == kind


def test_forum_representation_names_declared_roles() -> None:
    keys = {r.key for r in governance.roles()}
    for forum in governance.forums():
        assert set(forum.required_representation) <= keys, forum.key


def test_forum_representation_follows_the_original() -> None:
    expected = {
        "dds": ("chef",),
        "isu": ("chef",),
        "systemkoordinatorforum": ("digitaliseringskonsulent",),
        "webredaktoerudvalget": ("digitaliseringskonsulent",),
        "acadreforum": ("digitaliseringskonsulent",),
        "superbrugerorganisation": ("digitaliseringskonsulent",),
        "chefgruppen": ("direktoer", "chef"),
        "ledermoeder": ("chef", "kontorleder"),
        "it-visitationen": (),
    }
    for key, roles in expected.items():
        forum = governance.forum(key)
        assert forum.required_representation == roles, key
        assert forum.from_secretariat == (key in SECRETARIAT_SEATS), key


def test_unknown_role_raises_key_error_naming_the_known_ones() -> None:
    with pytest.raises(KeyError, match="systemejer"):
        governance.role("ejer")


def test_reference_records_use_only_declared_labels_and_types() -> None:
    nodes, rels = reference_records()
    assert {n.label for n in nodes} == {"Role", "Responsibility", "Forum"}
    assert {n.label for n in nodes} <= set(LABELS)
    assert {r.type for r in rels} == {"HAS_RESPONSIBILITY"}


def test_reference_nodes_carry_their_required_properties() -> None:
    nodes, _ = reference_records()
    for node in nodes:
        missing = set(LABELS[node.label].required) - {"key"} - set(node.props)
        assert not missing, f"{node.label} {node.key} lacks {missing}"


def test_reference_relationships_join_declared_endpoints_that_exist() -> None:
    nodes, rels = reference_records()
    present = {(n.label, n.key) for n in nodes}
    for rel in rels:
        spec = RELATIONSHIPS[rel.type]
        assert (rel.from_label, rel.to_label) == (spec.start, spec.end)
        assert (rel.from_label, rel.from_key) in present
        assert (rel.to_label, rel.to_key) in present


def test_reference_node_keys_are_unique_per_label() -> None:
    nodes, _ = reference_records()
    assert len({(n.label, n.key) for n in nodes}) == len(nodes)


def test_reference_properties_are_plain_values_or_string_lists() -> None:
    nodes, rels = reference_records()
    for record in (*nodes, *rels):
        for name, value in record.props.items():
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name)
            if isinstance(value, list):
                assert all(isinstance(v, str) for v in value), name
            else:
                assert value is None or isinstance(value, str | bool | int | float | date), name


def test_direktoer_is_linked_to_chefgruppens_shared_responsibilities() -> None:
    _, rels = reference_records()
    linked = {r.to_key for r in rels if r.from_key == "direktoer"}
    assert "chef.kvartalsvist-overblik" in linked
    assert "chef.beslutningskompetence" not in linked
