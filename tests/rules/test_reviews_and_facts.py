"""GM-08, GM-09 and GM-11: reviews, vendor dialogs, financing, risk assessment and DPA."""

from __future__ import annotations

from datetime import date

import pytest

from core.records import PropValue
from graph.driver import Graph
from tests.rules.world import World, brief, run


def test_owner_review_within_six_months_satisfies_gm08(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-08") == []


def test_owner_review_older_than_six_months_is_reported(model_graph: Graph, world: World) -> None:
    world.drop_review("s1", "owner_review")
    world.review("s1", "owner_review", date(2026, 3, 2), "chef", "dk")
    world.write(model_graph)
    findings = run(model_graph, "GM-08")
    assert brief(findings) == [("s1", "violated", "overdue", [])]
    assert findings[0].message.en == (
        "S1 last had its half-yearly owner review on 2026-03-02, more than 6 months ago."
    )
    assert "02-03-2026" in findings[0].message.da


def test_owner_review_that_never_happened_is_reported(model_graph: Graph, world: World) -> None:
    world.drop_review("s1", "owner_review")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-08")) == [("s1", "violated", "", [])]


def test_owner_review_without_a_digitaliseringskonsulent_is_reported(
    model_graph: Graph, world: World
) -> None:
    world.drop_review("s1", "owner_review")
    world.review("s1", "owner_review", date(2026, 9, 1), "chef")
    world.write(model_graph)
    assert brief(run(model_graph, "GM-08")) == [("s1", "violated", "no_consultant", [])]


def test_owner_review_period_is_configurable(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert brief(run(model_graph, "GM-08", owner_review_months=1)) == [
        ("s1", "violated", "overdue", [])
    ]


def test_system_without_owner_is_not_held_to_gm08(model_graph: Graph, world: World) -> None:
    world.drop("OWNS", "chef", "s1")
    world.drop_review("s1", "owner_review")
    world.write(model_graph)
    assert run(model_graph, "GM-08") == []


@pytest.mark.parametrize("rule", ["GM-08", "GM-09"])
def test_reviews_are_unknown_without_a_register(
    model_graph: Graph, world: World, rule: str
) -> None:
    world.with_register = False
    world.write(model_graph)
    findings = run(model_graph, rule)
    assert findings and {(f.status, f.variant) for f in findings} == {("unknown", "unknown")}
    assert "no governance register was imported" in findings[0].message.en


def test_vendor_dialogs_within_a_year_satisfy_gm09(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-09") == []


def test_missing_and_overdue_vendor_dialogs_are_reported(model_graph: Graph, world: World) -> None:
    world.drop_review("s1", "vendor_dialog_owner")
    world.drop_review("s1", "vendor_dialog_users")
    world.review("s1", "vendor_dialog_owner", date(2025, 9, 1), "chef")
    world.write(model_graph)
    findings = run(model_graph, "GM-09")
    assert [(f.subject.key, f.variant, f.detail) for f in findings] == [
        ("s1", "", "vendor_dialog_users"),
        ("s1", "overdue", "vendor_dialog_owner"),
    ]
    assert findings[1].message.en == (
        "S1 last had its annual vendor dialog with the owner on 2025-09-01, "
        "more than 12 months ago."
    )


def test_financed_assessed_system_with_dpa_satisfies_gm11(model_graph: Graph, world: World) -> None:
    world.write(model_graph)
    assert run(model_graph, "GM-11") == []


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({"financing_source": None}, [("violated", "no_financing")]),
        (
            {"financing_source": None, "dpa_status": None},
            [("unknown", "dpa_unknown"), ("unknown", "financing_unknown")],
        ),
        ({"risk_assessment": "No"}, [("violated", "risk_missing")]),
        ({"risk_assessment": "DontKnow"}, [("unknown", "risk_unknown")]),
        ({"risk_assessment": None}, [("unknown", "risk_unknown")]),
        ({"planned_risk_assessment_date": date(2026, 10, 1)}, [("violated", "risk_overdue")]),
        (
            {"risk_assessment_date": date(2024, 1, 1), "planned_risk_assessment_date": None},
            [("violated", "risk_old")],
        ),
        (
            {"risk_assessment_date": None, "planned_risk_assessment_date": None},
            [("unknown", "risk_undated")],
        ),
        ({"dpa_status": "missing"}, [("violated", "dpa_missing")]),
        ({"dpa_status": "unknown"}, [("unknown", "dpa_unknown")]),
        ({"handles_personal_data": "No", "dpa_status": "missing"}, []),
        ({"dpa_status": "not-needed"}, []),
        (
            {"handles_personal_data": None, "dpa_status": "unknown"},
            [("unknown", "personal_data_unknown")],
        ),
    ],
    ids=[
        "no-financing",
        "not-in-register",
        "risk-no",
        "risk-dontknow",
        "risk-missing-field",
        "risk-overdue",
        "risk-old",
        "risk-undated",
        "dpa-missing",
        "dpa-unknown",
        "no-personal-data",
        "dpa-not-needed",
        "personal-data-unknown",
    ],
)
def test_gm11_reports_each_missing_fact(
    model_graph: Graph,
    world: World,
    props: dict[str, PropValue],
    expected: list[tuple[str, str]],
) -> None:
    world.system("s1", **props)
    world.write(model_graph)
    findings = run(model_graph, "GM-11")
    assert sorted((f.status, f.variant) for f in findings) == expected


def test_risk_assessment_done_after_the_planned_date_is_not_overdue(
    model_graph: Graph, world: World
) -> None:
    world.system(
        "s1",
        risk_assessment_date=date(2026, 10, 15),
        planned_risk_assessment_date=date(2026, 10, 1),
    )
    world.write(model_graph)
    assert run(model_graph, "GM-11") == []


def test_financing_is_unknown_without_a_register(model_graph: Graph, world: World) -> None:
    world.system("s1", financing_source=None)
    world.with_register = False
    world.write(model_graph)
    assert [(f.status, f.variant) for f in run(model_graph, "GM-11")] == [
        ("unknown", "financing_unknown")
    ]
