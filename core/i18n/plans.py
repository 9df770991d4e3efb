"""Texts of handover plans, the KITOS change list and the register export."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # -- handover plans ----------------------------------------------------------------------
    "plan.reason": (
        "Overdragelsesplan {plan}: {name} fratræder; gælder fra {date}.",
        "Handover plan {plan}: {name} leaves; effective from {date}.",
    ),
    "plan.title": ("Overdragelsesplan", "Handover plan"),
    "plan.lead": (
        "Vælg en efterfølger for hver rolle (som standard den højest rangerede kandidat). Gem "
        "planen, og gennemfør den: hver rolle bliver en beslutning, der gælder fra datoen.",
        "Choose a successor for each role (by default the top-ranked candidate). Save the plan, "
        "then apply it: each role becomes a decision, effective from the date.",
    ),
    "plan.effective": ("Gælder fra", "Effective from"),
    "plan.successor": ("Efterfølger", "Successor"),
    "plan.end_only": ("Ingen efterfølger: rollen ophører", "No successor: the role ends"),
    "plan.shared": ("Delt med andre", "Shared with others"),
    "plan.note": ("Bemærkning", "Note"),
    "plan.save": ("Gem planen", "Save the plan"),
    "plan.apply": ("Gennemfør planen", "Apply the plan"),
    "plan.print": ("Udskriv", "Print"),
    "plan.xlsx": ("Hent som Excel", "Download as Excel"),
    "plan.status": ("Status", "Status"),
    "plan.status.proposed": ("Forslag, ikke gemt", "Proposal, not saved"),
    "plan.status.draft": ("Kladde", "Draft"),
    "plan.status.applied": ("Gennemført", "Applied"),
    "plan.saved": ("Planen er gemt.", "The plan is saved."),
    "plan.applied": (
        "Planen er gennemført: {count} beslutninger.",
        "The plan is applied: {count} decisions.",
    ),
    "plan.decision": ("Beslutning", "Decision"),
    "plan.decision.applied": ("gennemført", "applied"),
    "plan.decision.pending": ("afventer godkendelse", "awaiting approval"),
    "plan.decision.rejected": ("afvist", "rejected"),
    "plan.not_covered": (
        "Følger HR (indgår ikke i planen)",
        "Follows HR (not part of the plan)",
    ),
    "plan.none": ("Ingen roller at overdrage.", "No roles to hand over."),
    "plan.leaver": ("Fratrædende", "Leaver"),
    "plan.leaves": ("Fratræder", "Leaves"),
    "plan.created": ("Oprettet af {who} {date}", "Drawn up by {who} on {date}"),
    "plan.applied_by": ("Gennemført af {who} {date}", "Applied by {who} on {date}"),
    "plan.for": (
        "Til den fratrædende, dennes leder og efterfølgerne.",
        "For the leaver, their manager and the successors.",
    ),
    "plan.managers": ("Leder", "Manager"),
    "plan.signature": ("Underskrift og dato", "Signature and date"),
}
TEXTS |= {
    # -- the KITOS change list ---------------------------------------------------------------
    "kitos_changes.title": ("KITOS-rettelser", "KITOS changes"),
    "kitos_changes.link": (
        "KITOS-rettelsesliste (Excel): hvad der skal ændres i KITOS, så det stemmer med registret",
        "KITOS change list (Excel): what to change in KITOS so that it agrees with the register",
    ),
    "kitos_changes.system": ("System", "System"),
    "kitos_changes.action": ("Handling", "Action"),
    "kitos_changes.add": ("Tilføj", "Add"),
    "kitos_changes.remove": ("Fjern", "Remove"),
    "kitos_changes.role": ("Rolle", "Role"),
    "kitos_changes.person": ("Person", "Person"),
    "kitos_changes.email": ("E-mail", "E-mail"),
    "kitos_changes.since": ("Siden", "Since"),
    "kitos_changes.decision": ("Beslutning", "Decision"),
}
