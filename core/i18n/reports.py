"""The texts of the gap, handover and risk reports (terminal, Markdown, Excel).

Words the pages also show (rule, severity, role, the findings' columns) are the pages' entries
in ``core.i18n.pages``; only what the reports alone say is here.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # -- shared by the reports ---------------------------------------------------------------
    "report.summary": ("Oversigt", "Summary"),
    "report.rules": ("Regler", "Rules"),
    # -- gaps --------------------------------------------------------------------------------
    "gap_report.title": ("Mangler pr. {as_of}", "Gaps as of {as_of}"),
    "gap_report.totals": (
        "{total} fund ({violated} brud, {unknown} ukendte) fra {rules} regler",
        "{total} findings ({violated} violated, {unknown} unknown) from {rules} rules",
    ),
    "gap_report.clean": ("Ingen fund", "No findings"),
    # -- handover ----------------------------------------------------------------------------
    "handover_report.title": ("Overdragelse: {name}", "Handover: {name}"),
    "handover_report.about": (
        "Pr. {as_of}. Fratræder: {leaves}. Enheder: {units}.",
        "As of {as_of}. Leaves: {leaves}. Units: {units}.",
    ),
    "handover_report.kind": ("Slags", "Kind"),
    "handover_report.new": ("Nye mangler, hvis {name} fratræder", "New gaps if {name} leaves"),
    "handover_report.checklist": ("Tjekliste", "Checklist"),
    "handover_report.hand_over": ("Roller, der skal overdrages", "Roles to hand over"),
    "handover_report.shared": ("Roller, som andre også har", "Roles others also hold"),
    "handover_report.suggested": ("Forslag", "Suggested"),
    "handover_report.done": ("Udført", "Done"),
    "handover_report.notes": ("Noter", "Notes"),
    "handover_report.candidate": ("Kandidat", "Candidate"),
    "handover_report.rank": ("Nr.", "Rank"),
    # -- departures and risk -----------------------------------------------------------------
    "risk_report.leaves": ("Fratræder", "Leaves"),
    "risk_report.impact": ("Nye mangler (høj)", "New gaps (high)"),
    "risk_report.bus": ("Busfaktor", "Bus factor"),
    "risk_report.vacant": ("Ubesat", "Vacant"),
    "risk_report.single": ("Kun én", "Only one"),
    "risk_report.critical": (
        "Hvis fratræden bryder flest regler",
        "Whose leaving breaks most rules",
    ),
    # -- why a candidate could succeed to a vacated role (graph.successors) ------------------
    "succession.holds": ("Er allerede {held} for {name}", "Already {held} of {name}"),
    "succession.same_office": ("Samme kontor: {office}", "Same office: {office}"),
    "succession.same_department": ("Samme afdeling: {department}", "Same department: {department}"),
    "succession.works_in": (
        "Arbejder i {units}, som bruger systemet",
        "Works in {units}, which uses it",
    ),
    "succession.room": (
        "Belastning {load:g} af {threshold:g}: plads til rollen",
        "Load {load:g} of {threshold:g}: room for the role",
    ),
    "succession.overload": (
        "Ville overskride grænsen ({load:g} + {weight:g} > {threshold:g})",
        "Would exceed the load threshold ({load:g} + {weight:g} > {threshold:g})",
    ),
    "succession.leads_user": (
        "Leder en enhed, der bruger systemet",
        "Leads a unit that uses the system",
    ),
    "succession.eligible_owner": (
        "Kan være systemejer ({level})",
        "Eligible as systemejer ({level})",
    ),
    "succession.eligible_owner_it": (
        "Kan være systemejer (IT-afdelingen)",
        "Eligible as systemejer (central IT)",
    ),
    "succession.represents": ("Er {need}, som {forum} kræver", "Is {need}, as {forum} requires"),
    "succession.consultant": ("Er digitaliseringskonsulent", "Is a digitaliseringskonsulent"),
    "succession.secretariat": ("Arbejder i JB-sekretariatet", "Works in JB-sekretariatet"),
    "succession.leads_above": (
        "Leder enheden over (konstitueret)",
        "Leads the unit above (acting)",
    ),
    "succession.leader": ("Er allerede leder", "Already a leader"),
}
