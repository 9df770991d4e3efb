"""The texts of the decision pages: the Fix form and its preview, pending decisions, history."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # -- the Fix action on findings ------------------------------------------------------------
    "fix.column": ("Ret", "Fix"),
    "fix.link": ("Ret: {action}", "Fix: {action}"),
    # -- the decision form -----------------------------------------------------------------------
    "decide.title": ("Ret et fund med en beslutning", "Fix a finding with a decision"),
    "decide.lead": (
        "Beslutningen registreres i govgraph med hvem, hvornår og hvorfor. Se i "
        "forhåndsvisningen, hvilke fund den løser og skaber, før du gemmer.",
        "The decision is recorded in govgraph with who, when and why. The preview shows which "
        "findings it resolves and creates before you save it.",
    ),
    "decide.about": ("Vedrører", "About"),
    "decide.finding": ("Fund", "Finding"),
    "decide.candidates": (
        "Kandidater, rangeret som ved overdragelse",
        "Candidates, ranked as the handover ranks successors",
    ),
    "decide.no_candidates": (
        "Ingen oplagte kandidater; angiv en person herunder.",
        "No obvious candidates; name a person below.",
    ),
    "decide.points": ("{score} point", "{score} points"),
    "decide.other_person": (
        "Anden person (HR-id, e-mail eller fulde navn)",
        "Another person (HR id, e-mail or full name)",
    ),
    "decide.replaces": ("Erstatter", "Replaces"),
    "decide.ends_for": ("Rollen ophører for", "The role ends for"),
    "decide.kind": ("Slags superbruger", "Kind of super-user"),
    "decide.appointed_by": (
        "Udpeget af (lederen: HR-id, e-mail eller navn)",
        "Appointed by (the leader: HR id, e-mail or name)",
    ),
    "decide.effective_date": ("Gælder fra", "Takes effect on"),
    "decide.held_on": ("Afholdt den", "Held on"),
    "decide.until": ("Gælder til (valgfrit)", "Until (optional)"),
    "decide.reason": ("Begrundelse", "Reason"),
    "decide.participants": (
        "Deltagere (én pr. linje: HR-id, e-mail eller navn)",
        "Participants (one a line: HR id, e-mail or name)",
    ),
    "decide.minute": ("Kort referat", "Short minute"),
    "decide.link": ("Link (valgfrit)", "Link (optional)"),
    "decide.owner": (
        "Risikoejer (HR-id, e-mail eller navn)",
        "Risk owner (HR id, e-mail or name)",
    ),
    "decide.expires": ("Accepteret indtil", "Accepted until"),
    "decide.acknowledge": (
        "Jeg ved, at beslutningen bryder en regel, og gemmer den alligevel; fundet bliver stående.",
        "I know that the decision breaks a rule and save it anyway; the finding will stand.",
    ),
    "decide.preview": ("Forhåndsvis", "Preview"),
    "decide.save": ("Gem beslutningen", "Save the decision"),
    "decide.preview_title": ("Forhåndsvisning pr. {date}", "Preview as of {date}"),
    "decide.resolved": ("Løser", "Resolves"),
    "decide.created": ("Skaber", "Creates"),
    "decide.accepted": ("Accepterer som kendt risiko", "Accepts as a known risk"),
    "decide.nothing": ("Ingen fund.", "No findings."),
    "decide.breaks_rule": (
        "Beslutningen bryder en regel (se »Skaber«) og kan kun gemmes, hvis du bekræfter det.",
        "The decision breaks a rule (see “Creates”) and can be saved only if you confirm it.",
    ),
    "decide.needs_approval": (
        "Beslutningen skal godkendes af {who}, før den gælder.",
        "The decision must be approved by {who} before it takes effect.",
    ),
    "decide.applies_at_once": (
        "Beslutningen gælder, så snart den er gemt; den skal ikke godkendes.",
        "The decision takes effect once saved; it needs no approval.",
    ),
    "decide.error": ("Beslutningen kan ikke gemmes", "The decision cannot be saved"),
    "decide.financing_source": ("Finansiering", "Financing"),
    "decide.handles_personal_data": ("Behandler personoplysninger", "Handles personal data"),
    "decide.dpa_status": ("Databehandleraftale", "Data processing agreement"),
    # -- the decisions page ----------------------------------------------------------------------
    "nav.decisions": ("Beslutninger", "Decisions"),
    "decisions.title": ("Beslutninger", "Decisions"),
    "decisions.lead": (
        "Beslutninger, der venter på godkendelse, og de seneste beslutninger. Den, der har "
        "foreslået en beslutning, kan ikke selv godkende den.",
        "Decisions waiting for approval, and the latest decisions. Whoever proposed a decision "
        "cannot approve it.",
    ),
    "decisions.pending": ("Venter på godkendelse", "Waiting for approval"),
    "decisions.recent": ("Seneste beslutninger", "Latest decisions"),
    "decisions.none": ("Ingen beslutninger.", "No decisions."),
    "decisions.none_pending": ("Ingen beslutninger venter.", "No decisions are waiting."),
    "decisions.decision": ("Beslutning", "Decision"),
    "decisions.effective": ("Gælder fra", "Takes effect"),
    "decisions.proposed_by": ("Foreslået af", "Proposed by"),
    "decisions.must_approve": ("Skal godkendes af", "Must be approved by"),
    "decisions.approver": ("{name}, chef for {unit}", "{name}, head of {unit}"),
    "decisions.status": ("Status", "Status"),
    "decisions.status.pending": ("venter", "pending"),
    "decisions.status.applied": ("gælder", "applied"),
    "decisions.status.rejected": ("afvist", "rejected"),
    "decisions.reason": ("Begrundelse", "Reason"),
    "decisions.actions": ("Handling", "Action"),
    "decisions.approve": ("Godkend", "Approve"),
    "decisions.reject": ("Afvis", "Reject"),
    "decisions.reject_reason": ("Begrundelse for afvisningen", "Why it is rejected"),
    "decisions.saved_pending": (
        "Beslutningen er gemt og venter på godkendelse.",
        "The decision is saved and waits for approval.",
    ),
    "decisions.saved_applied": (
        "Beslutningen er gemt og gælder fra {date}.",
        "The decision is saved and takes effect on {date}.",
    ),
    "decisions.approved": (
        "Beslutningen er godkendt og gælder fra {date}.",
        "The decision is approved and takes effect on {date}.",
    ),
    "decisions.rejected": ("Beslutningen er afvist.", "The decision is rejected."),
    "decisions.own": (
        "Du har selv foreslået beslutningen og kan ikke også godkende eller afvise den. En anden "
        "fra sekretariatet skal gøre det.",
        "You proposed this decision and cannot also approve or reject it. Someone else from the "
        "secretariat must do it.",
    ),
    "decisions.failed": ("Det lykkedes ikke", "That did not work"),
    "decisions.rejected_because": ("afvist af {who}: {reason}", "rejected by {who}: {reason}"),
    "decisions.pending_here": ("Beslutninger, der venter", "Decisions waiting for approval"),
    # -- what a decision decides, in a line ------------------------------------------------------
    "decision.appoint": ("Udpeg {role}: {person}", "Appoint {role}: {person}"),
    "decision.appoint_open": ("Udpeg {role}", "Appoint {role}"),
    "decision.replacing": ("i stedet for {person}", "instead of {person}"),
    "decision.end": ("Afslut {role}: {person}", "End {role}: {person}"),
    "decision.review": ("Registrér afholdt {kind}", "Record a held {kind}"),
    "decision.facts": ("Registrér systemets fakta", "Set the system's register facts"),
    "decision.accept_risk": ("Acceptér {rule} som kendt risiko", "Accept {rule} as a known risk"),
    # -- history ---------------------------------------------------------------------------------
    "history.title": ("Historik", "History"),
    "history.lead": (
        "Hvem havde hvilken rolle hvornår, og efter hvis beslutning.",
        "Who held which role when, and by whose decision.",
    ),
    "history.relation": ("Rolle eller relation", "Role or relationship"),
    "history.other": ("Hvem eller hvad", "Who or what"),
    "history.from": ("Fra", "From"),
    "history.to": ("Til", "To"),
    "history.source": ("Kilde", "Source"),
    "history.decision": ("Beslutning", "Decision"),
    "history.proposed_by": ("foreslået af {who}", "proposed by {who}"),
    "history.approved_by": ("godkendt af {who}", "approved by {who}"),
    "history.ended": (
        "afsluttet efter beslutning foreslået af {who}",
        "ended by a decision of {who}",
    ),
    "history.none": ("Ingen historik.", "No history."),
    "history.source.hr": ("HR", "HR"),
    "history.source.kitos": ("KITOS", "KITOS"),
    "history.source.register": ("Registret", "The register"),
    "history.source.decision": ("Beslutning", "Decision"),
}
