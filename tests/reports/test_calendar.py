"""The review calendar read from a real graph: who has what due, when, and what is overdue."""

from __future__ import annotations

from datetime import date

import pytest

from core.errors import NotFound
from core.settings import RuleSettings
from graph.calendar import DueItem, due_items, find_person
from graph.driver import Graph
from tests.factories import rel
from tests.reports.org import holds, review, system, write_hr, write_kitos, write_register

AS_OF = date(2026, 11, 15)
YEAR = 365


def _due(graph: Graph, person: str, *, as_of: date = AS_OF, horizon: int = YEAR) -> list[DueItem]:
    return due_items(graph, person, as_of=as_of, horizon_days=horizon)


def _brief(items: list[DueItem]) -> list[tuple[str, str, date, str]]:
    return [(i.kind, i.system_key, i.due, i.status) for i in items]


def _of_kind(items: list[DueItem], kind: str) -> list[DueItem]:
    return [i for i in items if i.kind == kind]


@pytest.fixture
def org(model_graph: Graph) -> Graph:
    """s1 owned by the chef, a1 systemansvarlig, it1 administrator, kl-a super-user."""
    write_hr(model_graph)
    write_kitos(
        model_graph,
        [system("s1", risk_assessment_date=date(2025, 3, 1))],
        [
            holds("OWNS", "chef", "s1"),
            holds("RESPONSIBLE_FOR", "a1", "s1"),
            holds("ADMINISTERS", "it1", "s1"),
            holds("SUPERUSER_OF", "kl-a", "s1"),
        ],
    )
    return model_graph


def test_owner_review_is_due_six_months_after_the_last(org: Graph) -> None:
    write_register(org, review("s1", "owner_review", date(2026, 9, 12), "chef", "dk"))
    [item] = _of_kind(_due(org, "chef"), "owner_review")
    assert (item.due, item.status, item.last) == (date(2027, 3, 12), "due", date(2026, 9, 12))
    assert item.roles == ["systemejer"]


def test_owner_review_held_on_31_august_2027_is_due_on_leap_day(org: Graph) -> None:
    write_register(org, review("s1", "owner_review", date(2027, 8, 31)))
    [item] = _of_kind(_due(org, "chef", as_of=date(2027, 9, 1)), "owner_review")
    assert item.due == date(2028, 2, 29)


def test_owner_review_due_across_the_year_end(org: Graph) -> None:
    write_register(org, review("s1", "owner_review", date(2026, 6, 30)))
    [item] = _of_kind(_due(org, "chef"), "owner_review")
    assert (item.due, item.status) == (date(2026, 12, 30), "due")


def test_owner_review_older_than_six_months_is_overdue(org: Graph) -> None:
    write_register(org, review("s1", "owner_review", date(2026, 3, 1)))
    [item] = _of_kind(_due(org, "chef"), "owner_review")
    assert (item.due, item.status) == (date(2026, 9, 1), "overdue")


def test_review_never_held_is_due_at_once(org: Graph) -> None:
    [item] = _of_kind(_due(org, "chef"), "owner_review")
    assert (item.due, item.status, item.last) == (AS_OF, "never_held", None)


def test_configured_review_period_is_used(org: Graph) -> None:
    write_register(org, review("s1", "owner_review", date(2026, 9, 12)))
    items = due_items(
        org, "chef", as_of=AS_OF, horizon_days=YEAR, cadence=RuleSettings(owner_review_months=3)
    )
    assert _of_kind(items, "owner_review")[0].due == date(2026, 12, 12)


def test_vendor_dialogs_fall_to_the_systemansvarlig_and_participants(org: Graph) -> None:
    write_register(
        org,
        review("s1", "vendor_dialog_owner", date(2026, 4, 18))
        + review("s1", "vendor_dialog_users", date(2025, 10, 3)),
    )
    owner, responsible = _due(org, "chef"), _due(org, "a1")
    admin, superuser = _due(org, "it1"), _due(org, "kl-a")
    assert [i.due for i in _of_kind(owner, "vendor_dialog_owner")] == [date(2027, 4, 18)]
    assert _of_kind(owner, "vendor_dialog_users") == []
    assert {i.kind for i in responsible} == {"vendor_dialog_owner", "vendor_dialog_users"}
    [users] = _of_kind(admin, "vendor_dialog_users")
    assert (users.due, users.status) == (date(2026, 10, 3), "overdue")
    assert {i.kind for i in superuser} == {"vendor_dialog_users"}


def test_planned_risk_assessment_is_due_on_its_date(model_graph: Graph) -> None:
    write_hr(model_graph)
    planned = system(
        "s1", risk_assessment_date=date(2024, 3, 1), planned_risk_assessment_date=date(2027, 3, 1)
    )
    write_kitos(model_graph, [planned], [holds("OWNS", "chef", "s1")])
    [item] = _of_kind(_due(model_graph, "chef"), "risk_assessment")
    assert (item.due, item.status, item.last) == (date(2027, 3, 1), "due", date(2024, 3, 1))


def test_passed_planned_risk_assessment_not_done_is_overdue(model_graph: Graph) -> None:
    write_hr(model_graph)
    write_kitos(
        model_graph,
        [system("s1", planned_risk_assessment_date=date(2026, 3, 1))],
        [holds("ADMINISTERS", "it1", "s1")],
    )
    [item] = _of_kind(_due(model_graph, "it1"), "risk_assessment")
    assert (item.due, item.status, item.roles) == (
        date(2026, 3, 1),
        "overdue",
        ["systemadministrator"],
    )


def test_without_a_plan_the_next_risk_assessment_follows_the_last(org: Graph) -> None:
    [item] = _of_kind(_due(org, "chef", horizon=3 * YEAR), "risk_assessment")
    assert item.due == date(2027, 3, 1)  # 24 months after 2025-03-01


def test_dpa_oversight_date_is_listed_when_a_source_gives_it(model_graph: Graph) -> None:
    write_hr(model_graph)
    write_kitos(
        model_graph,
        [system("s1", dpa_oversight_date=date(2027, 1, 15))],
        [holds("OWNS", "chef", "s1")],
    )
    [item] = _of_kind(_due(model_graph, "chef"), "dpa_oversight")
    assert (item.due, item.status) == (date(2027, 1, 15), "due")


def test_no_dpa_oversight_without_a_date(org: Graph) -> None:
    assert _of_kind(_due(org, "chef"), "dpa_oversight") == []


def test_items_beyond_the_horizon_are_left_out_but_overdue_ones_stay(org: Graph) -> None:
    write_register(
        org,
        review("s1", "owner_review", date(2026, 3, 1))
        + review("s1", "vendor_dialog_owner", date(2026, 10, 1)),
    )
    items = _due(org, "chef", horizon=30)
    assert {i.kind for i in items} == {"owner_review"}


def test_systems_not_in_use_have_nothing_due(model_graph: Graph) -> None:
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1", lifecycle="PhasingOut")], [holds("OWNS", "chef", "s1")])
    assert _due(model_graph, "chef") == []


def test_ended_role_has_nothing_due(model_graph: Graph) -> None:
    write_hr(model_graph)
    write_kitos(model_graph, [system("s1")], [holds("OWNS", "chef", "s1")])
    write_kitos(model_graph, [system("s1")], [], snapshot=date(2026, 10, 1))
    assert _due(model_graph, "chef") == []


def test_digitaliseringskonsulent_holds_the_owner_reviews_of_owned_systems(org: Graph) -> None:
    write_register(
        org,
        [
            rel("HOLDS_ROLE", ("Person", "dk"), ("Role", "digitaliseringskonsulent")),
            *review("s1", "owner_review", date(2026, 9, 12)),
        ],
    )
    assert _brief(_due(org, "dk")) == [("owner_review", "s1", date(2027, 3, 12), "due")]
    assert _due(org, "dk")[0].roles == ["digitaliseringskonsulent"]


def test_one_item_per_kind_and_system_with_every_role(org: Graph) -> None:
    write_kitos(
        org,
        [system("s1")],
        [holds("OWNS", "chef", "s1"), holds("RESPONSIBLE_FOR", "chef", "s1")],
        snapshot=date(2026, 10, 1),
    )
    [item] = _of_kind(_due(org, "chef"), "vendor_dialog_owner")
    assert item.roles == ["systemansvarlig", "systemejer"]


def test_items_are_ordered_by_due_date(org: Graph) -> None:
    write_register(org, review("s1", "vendor_dialog_owner", date(2026, 4, 18)))
    dues = [i.due for i in _due(org, "chef", horizon=3 * YEAR)]
    assert dues == sorted(dues)


def test_person_is_found_by_key_or_email_in_any_case(org: Graph) -> None:
    assert find_person(org, "chef").key == "chef"
    assert find_person(org, "CHEF@example.dk").key == "chef"


def test_unknown_person_is_not_found(org: Graph) -> None:
    with pytest.raises(NotFound):
        find_person(org, "nobody@example.dk")
