"""Names of the values the data carries, per kind of value, in Danish and English.

``core.i18n.value_name`` looks them up; a value without a name is shown as it is.
"""

from __future__ import annotations

VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "lifecycle": {
        "Undecided": ("Uafklaret", "Undecided"),
        "Pilot": ("Pilot", "Pilot"),
        "PhasingIn": ("Under indfasning", "Phasing in"),
        "Operational": ("I drift", "Operational"),
        "PhasingOut": ("Under udfasning", "Phasing out"),
        "NotInUse": ("Ikke i drift", "Not in use"),
    },
    "answer": {
        "Yes": ("Ja", "Yes"),
        "No": ("Nej", "No"),
        "DontKnow": ("Ved ikke", "Don't know"),
        "Undecided": ("Uafklaret", "Undecided"),
    },
    "dpa_status": {
        "signed": ("Underskrevet", "Signed"),
        "missing": ("Mangler", "Missing"),
        "not-needed": ("Ikke nødvendig", "Not needed"),
        "unknown": ("Ukendt", "Unknown"),
    },
    "risk_level": {
        "Low": ("Lav", "Low"),
        "Medium": ("Middel", "Medium"),
        "High": ("Høj", "High"),
        "Undecided": ("Uafklaret", "Undecided"),
    },
    "hosted_at": {
        "OnPremise": ("Lokalt", "On premise"),
        "External": ("Eksternt", "External"),
        "Hybrid": ("Hybrid", "Hybrid"),
        "Undecided": ("Uafklaret", "Undecided"),
    },
    "line_level": {
        "direktoer": ("Direktør", "Director"),
        "chef": ("Chef", "Head of department"),
        "kontorleder": ("Kontorleder", "Office leader"),
        "medarbejder": ("Medarbejder", "Employee"),
    },
    "severity": {
        "high": ("Høj", "High"),
        "medium": ("Middel", "Medium"),
        "low": ("Lav", "Low"),
    },
    "superuser_kind": {
        "it": ("IT-superbrugere", "IT super-users"),
        "fag": ("Fag-superbrugere", "Business super-users"),
        "teknisk": ("Tekniske superbrugere", "Technical super-users"),
        "unspecified": ("Superbrugere (art ikke angivet)", "Super-users (kind not given)"),
    },
    "due_kind": {
        "owner_review": (
            "Halvårlig gennemgang med digitaliseringskonsulent",
            "Half-yearly review with a digitalisation consultant",
        ),
        "vendor_dialog_owner": (
            "Årlig leverandørdialog med systemejer",
            "Annual vendor dialog with the owner",
        ),
        "vendor_dialog_users": (
            "Årlig leverandørdialog med administratorer og superbrugere",
            "Annual vendor dialog with administrators and super-users",
        ),
        "risk_assessment": ("Risikovurdering", "Risk assessment"),
        "dpa_oversight": ("Tilsyn med databehandler", "Data processor oversight"),
    },
    "due_status": {
        "overdue": ("overskredet", "overdue"),
        "due": ("forfalder", "due"),
        "never_held": ("aldrig holdt", "never held"),
    },
    "cadence": {
        "quarterly": ("Hvert kvartal", "Every quarter"),
        "half-yearly": ("Hvert halve år", "Every half year"),
        "annual": ("Hvert år", "Every year"),
        "ongoing": ("Løbende", "Ongoing"),
        "on-change": ("Ved nyt system eller ændringer", "On a new system or a change"),
    },
    "finding_status": {
        "violated": ("brud", "violated"),
        "unknown": ("ukendt", "unknown"),
        "accepted": ("accepteret risiko", "accepted risk"),
    },
    # What a held role is on: a line position, a system, a forum or the organisation.
    "role_kind": {
        "line": ("linje", "line"),
        "system": ("system", "system"),
        "forum": ("forum", "forum"),
        "organisation": ("organisation", "organisation"),
    },
    # The critical system roles by short names, for tables that must fit 80 columns.
    "role_short": {
        "systemejer": ("ejer", "owner"),
        "systemansvarlig": ("ansvarlig", "responsible"),
        "systemadministrator": ("administrator", "administrator"),
    },
    # How an entity a finding involves relates to it, where that is not a role of the model.
    "relation": {
        "medlem": ("Medlem", "Member"),
        "bruger": ("Bruger", "User"),
        "ansvarlig enhed": ("Ansvarlig enhed", "Responsible unit"),
        "udpeget af": ("Udpeget af", "Appointed by"),
        "leder": ("Leder", "Leader"),
        "anden rolle": ("Anden rolle", "Other role"),
    },
    # The changes of a quarter (graph.quarterly.ChangeKind).
    "change": {
        "system_added": ("System tilføjet", "System added"),
        "system_ended": ("System ophørt", "System ended"),
        "owner_added": ("Ny systemejer", "New system owner"),
        "owner_removed": ("Systemejer ophørt", "System owner removed"),
        "owner_left": (
            "Systemejer fratrådt, stadig registreret som ejer",
            "System owner has left, still recorded as owner",
        ),
        "owner_leaving": ("Systemejer fratræder", "System owner leaving"),
    },
}
