"""The quarterly overview read from a real graph: systems, departments, financing and changes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from core.periods import Quarter
from core.records import NodeRecord, PropValue, RelRecord
from graph.driver import Graph
from graph.quarterly import NO_DEPARTMENT, QuarterlyOverview, SystemLine, quarterly_overview
from tests.factories import rel
from tests.reports.org import holds, system, vendor, write_hr, write_kitos

Q4 = Quarter(2026, 4)
TODAY = date(2026, 11, 15)
CHANGED = date(2026, 10, 20)  # a second KITOS import, inside the quarter


def _overview(graph: Graph, *, with_findings: bool = True) -> QuarterlyOverview:
    return quarterly_overview(graph, Q4, today=TODAY, with_findings=with_findings)


def _line(overview: QuarterlyOverview, key: str) -> SystemLine:
    return next(s for s in overview.systems if s.key == key)


def _baseline(graph: Graph, people: Mapping[str, Mapping[str, PropValue]] | None = None) -> None:
    """HR, and a KITOS import with s1 owned by the chef and s2 by the kontorleder."""
    write_hr(graph, people=people)
    write_kitos(graph, *_kitos())


def _kitos(owner_of_s2: str = "kl-a") -> tuple[list[NodeRecord], list[RelRecord]]:
    nodes = [
        system("s1", name="Fagsystem", expected_users_lower=100, expected_users_upper=None),
        system("s2", name="Kø", financing_source="Omkostningssted 11010"),
        system("s3", name="Uden ejer", financing_source=None, lifecycle="Operational"),
        system("s9", name="Udfaset", lifecycle="NotInUse"),
        vendor("12345678", "Leverandør A/S"),
    ]
    rels = [
        holds("OWNS", "chef", "s1"),
        holds("OWNS", owner_of_s2, "s2"),
        rel("SUPPLIED_BY", ("System", "s1"), ("Vendor", "12345678")),
        rel("RESPONSIBLE_UNIT_FOR", ("OrgUnit", "JC-A"), ("System", "s3")),
        rel("USES", ("OrgUnit", "JC-A"), ("System", "s1")),
    ]
    return nodes, rels


@pytest.fixture
def org(model_graph: Graph) -> Graph:
    """The organisation with its baseline HR and KITOS imports."""
    _baseline(model_graph)
    return model_graph


def test_system_line_shows_owner_unit_department_financing_vendor_and_users(org: Graph) -> None:
    line = _line(_overview(org, with_findings=False), "s1")
    assert [(o.key, o.unit, o.department, o.gone) for o in line.owners] == [
        ("chef", "Jobcenter", "Jobcenter", False)
    ]
    assert line.department == "Jobcenter"
    assert line.financing_source == "IT-konto JB"
    assert line.vendors == ["Leverandør A/S"]
    assert (line.lifecycle, line.in_use, line.expected_users) == ("Operational", True, "100+")


def test_kontorleder_owner_sits_in_the_office_they_lead(org: Graph) -> None:
    owner = _line(_overview(org, with_findings=False), "s2").owners[0]
    assert (owner.unit, owner.department) == ("Jobcenter Unge", "Jobcenter")


def test_system_without_owner_belongs_to_its_responsible_units_department(org: Graph) -> None:
    line = _line(_overview(org, with_findings=False), "s3")
    assert line.owners == []
    assert line.department == "Jobcenter"


def test_system_with_no_owner_and_no_unit_has_no_department(model_graph: Graph) -> None:
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1")])
    assert _line(_overview(model_graph, with_findings=False), "s1").department == NO_DEPARTMENT


def test_system_not_in_use_is_listed_but_marked(org: Graph) -> None:
    assert _line(_overview(org, with_findings=False), "s9").in_use is False


def test_owner_who_has_left_is_marked_gone(model_graph: Graph) -> None:
    _baseline(model_graph, {"chef": {"valid_to": date(2026, 10, 31)}})
    owner = _line(_overview(model_graph, with_findings=False), "s1").owners[0]
    assert owner.gone is True


def test_department_totals_count_systems_in_use_without_owner_and_financing(org: Graph) -> None:
    overview = _overview(org, with_findings=False)
    jobcenter = next(d for d in overview.departments if d.department == "Jobcenter")
    assert (jobcenter.systems, jobcenter.in_use) == (3, 3)
    assert (jobcenter.without_owner, jobcenter.without_financing) == (1, 1)
    assert jobcenter.open_findings is None


def test_financing_totals_group_systems_in_use_by_source(org: Graph) -> None:
    financing = {f.financing_source: f.systems for f in _overview(org).financing}
    assert financing == {
        "IT-konto JB": 1,
        "Omkostningssted 11010": 1,
        "Ingen finansiering registreret": 1,
    }


def test_open_findings_count_the_violated_rules_naming_each_system(org: Graph) -> None:
    overview = _overview(org)
    ownerless, owned = _line(overview, "s3"), _line(overview, "s1")
    assert ownerless.open_findings is not None and owned.open_findings is not None
    assert ownerless.open_findings > owned.open_findings
    assert overview.findings_evaluated
    # GM-01 on s3; GM-04, GM-05 and GM-06 on s1, s2 and s3; GM-15 on s1; GM-16 on s2 and s3.
    assert overview.open_findings == 13


def test_baseline_imports_are_not_changes(org: Graph) -> None:
    assert _overview(org, with_findings=False).changes == []


def test_second_import_in_the_quarter_shows_added_ended_and_new_owner(org: Graph) -> None:
    nodes, rels = _kitos(owner_of_s2="chef")
    nodes = [n for n in nodes if n.key != "s3"] + [system("s4", name="Nyt system")]
    write_kitos(org, nodes, rels[:3], snapshot=CHANGED)
    changes = {(c.kind, c.system_key, c.person_key) for c in _overview(org).changes}
    assert changes == {
        ("system_added", "s4", None),
        ("system_ended", "s3", None),
        ("owner_removed", "s2", "kl-a"),
        ("owner_added", "s2", "chef"),
    }


def test_changes_carry_the_import_date(org: Graph) -> None:
    nodes, rels = _kitos()
    write_kitos(org, [*nodes, system("s4")], rels, snapshot=CHANGED)
    assert [(c.kind, c.day) for c in _overview(org).changes] == [("system_added", CHANGED)]


def test_changes_before_the_quarter_are_left_out(org: Graph) -> None:
    nodes, rels = _kitos()
    write_kitos(org, [*nodes, system("s4")], rels, snapshot=date(2026, 9, 1))
    assert _overview(org, with_findings=False).changes == []


def test_system_valid_from_in_the_quarter_counts_as_added_from_the_baseline(
    model_graph: Graph,
) -> None:
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1", valid_from=date(2026, 10, 5))])
    added = _overview(model_graph, with_findings=False).changes
    assert [(c.kind, c.day) for c in added] == [("system_added", date(2026, 10, 5))]


def test_owner_leaving_before_next_quarter_ends_is_listed(model_graph: Graph) -> None:
    _baseline(model_graph, {"kl-a": {"valid_to": date(2027, 1, 31)}})
    leaving = _overview(model_graph, with_findings=False).changes
    assert [(c.kind, c.system_key, c.person_key, c.day) for c in leaving] == [
        ("owner_leaving", "s2", "kl-a", date(2027, 1, 31))
    ]


def test_owner_who_left_in_the_quarter_is_listed_as_left(model_graph: Graph) -> None:
    _baseline(model_graph, {"chef": {"valid_to": date(2026, 11, 1)}})
    kinds = [(c.kind, c.person_key) for c in _overview(model_graph, with_findings=False).changes]
    assert kinds == [("owner_left", "chef")]


def test_past_quarter_reads_the_graph_at_its_last_day(org: Graph) -> None:
    overview = quarterly_overview(org, Quarter(2026, 3), today=TODAY, with_findings=False)
    assert overview.as_of == date(2026, 9, 30)
    assert overview.history_since == date(2026, 7, 1)
