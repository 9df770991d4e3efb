"""Accepted risks: a finding whose rule and subject a decision accepted shows as accepted until
the expiry date, not gone; from the expiry date on it is open again.
"""

from __future__ import annotations

from datetime import date

from neo4j import ManagedTransaction

from graph.entities.common import native

# Applied accept-risk decisions in force at $as_of: from the effective date to the day
# before the expiry.
ACCEPTED_RISKS = (
    "MATCH (d:Decision {type: 'accept-risk', status: 'applied'}) "
    "WHERE d.effective_date <= $as_of AND d.expires > $as_of "
    "RETURN d.rule AS rule, d.subject_key AS subject, d.expires AS expires, d.key AS decision "
    "ORDER BY d.expires DESC"
)


def accepted_risks(tx: ManagedTransaction, as_of: date) -> dict[tuple[str, str], tuple[date, str]]:
    """(rule, subject key) -> (expiry, decision key) of the risks accepted at ``as_of``."""
    found: dict[tuple[str, str], tuple[date, str]] = {}
    for record in tx.run(ACCEPTED_RISKS, as_of=as_of):
        # The latest expiry wins when two decisions accept the same finding.
        found.setdefault(
            (record["rule"], record["subject"]), (native(record["expires"]), record["decision"])
        )
    return found
