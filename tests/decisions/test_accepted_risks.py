"""An accepted risk: the finding shows as accepted until the expiry date, then is open again."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from tests.decisions.helpers import findings, propose

ACCEPT = {
    "type": "accept-risk",
    "rule": "GM-01",
    "subject": "s3",
    "owner": "chef",
    "effective_date": "2026-11-01",
    "expires": "2027-01-01",
    "reason": "Jobnet udfases; ingen ny ejer før udfasningen.",
}


def test_an_accepted_finding_shows_as_accepted_until_the_expiry(
    client: TestClient, secretariat: dict
) -> None:
    decided = propose(client, secretariat, ACCEPT)
    [finding] = findings(client, secretariat, "GM-01", "s3", as_of=date(2026, 12, 31))
    assert finding["status"] == "accepted"
    assert finding["accepted_until"] == "2027-01-01"
    assert finding["accepted_by"] == decided["key"]


def test_after_the_expiry_the_finding_is_open_again(client: TestClient, secretariat: dict) -> None:
    propose(client, secretariat, ACCEPT)
    [finding] = findings(client, secretariat, "GM-01", "s3", as_of=date(2027, 1, 1))
    assert (finding["status"], finding["accepted_until"]) == ("violated", None)


def test_before_its_effective_date_the_finding_is_open(
    client: TestClient, secretariat: dict
) -> None:
    propose(client, secretariat, ACCEPT)
    [finding] = findings(client, secretariat, "GM-01", "s3", as_of=date(2026, 10, 31))
    assert finding["status"] == "violated"


def test_an_acceptance_covers_only_its_rule_and_subject(
    client: TestClient, secretariat: dict
) -> None:
    propose(client, secretariat, ACCEPT)
    others = findings(client, secretariat, "GM-06", "s3")
    assert others and {f["status"] for f in others} == {"violated"}


@pytest.mark.parametrize(
    ("lang", "says"),
    [("da", "accepteret indtil 1. jan. 2027"), ("en", "accepted until 1 Jan 2027")],
)
def test_the_gaps_page_says_accepted_until(
    client: TestClient, secretariat: dict, lang: str, says: str
) -> None:
    propose(client, secretariat, ACCEPT)
    page = client.get("/gaps", params={"as_of": "2026-12-01", "lang": lang}, headers=secretariat)
    assert says in page.text
