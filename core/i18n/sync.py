"""The texts of the live syncs: the sync status page and the secretariat's mail when a source
stops syncing."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # -- the sync status page ----------------------------------------------------------------
    "nav.sync": ("Synkronisering", "Sync"),
    "sync.title": ("Synkronisering", "Live sync"),
    "sync.lead": (
        "Den seneste synkronisering af hver kilde: hvornår, hvordan den gik, og hvad den ændrede.",
        "Each source's last sync: when, how it went, and what it changed.",
    ),
    "sync.overdue": (
        "{source} er ikke synkroniseret siden {since}",
        "{source} has not synced since {since}",
    ),
    "sync.overdue_never": (
        "{source} er aldrig blevet synkroniseret",
        "{source} has never synced",
    ),
    "sync.overdue_text": (
        "{failures} forsøg i træk er fejlet, så data fra {source} bliver ældre for hver dag. "
        "Fundet står på mangelsiden.",
        "{failures} attempts in a row failed, so the data from {source} grows older by the "
        "day. The finding is on the gaps page.",
    ),
    "sync.overdue_mailed": (
        "Sekretariatet ({email}) får én mail om det.",
        "The secretariat ({email}) gets one mail about it.",
    ),
    "sync.overdue_no_mail": (
        "Ingen får en mail om det: [notifications] secretariat_email er ikke sat.",
        "Nobody is mailed about it: [notifications] secretariat_email is not set.",
    ),
    "sync.overdue_link": ("Se fundet (DQ-05)", "See the finding (DQ-05)"),
    "sync.configured": ("Sat op", "Configured"),
    "sync.not_configured": (
        "Nej: [{source}] base_url er ikke sat",
        "No: [{source}] base_url is not set",
    ),
    "sync.last": ("Seneste synkronisering", "Last sync"),
    "sync.never": ("Aldrig", "Never"),
    "sync.kind": ("Slags", "Kind"),
    "sync.kind.full": ("Fuld", "Full"),
    "sync.kind.delta": ("Delta (kun ændringer)", "Delta (changes only)"),
    "sync.outcome": ("Udfald", "Outcome"),
    "sync.outcome.ok": ("Lykkedes", "Succeeded"),
    "sync.outcome.failed": ("Fejlede", "Failed"),
    "sync.changes": ("Ændringer", "Changes"),
    "sync.counts": (
        "{added} tilføjet, {changed} ændret, {ended} afsluttet",
        "{added} added, {changed} changed, {ended} ended",
    ),
    "sync.failures": ("Fejl i træk", "Failures in a row"),
    "sync.error": ("Seneste fejl", "Last error"),
    "sync.last_ok": ("Seneste vellykkede", "Last success"),
    "sync.cursor": ("Ændringer hentes fra", "Changes fetched since"),
    "sync.cursor_none": (
        "Ingen: næste synkronisering læser alt",
        "None: the next sync reads everything",
    ),
    "sync.cursor_os2mo": (
        "OS2mo læses altid helt",
        "OS2mo is always read whole",
    ),
    "sync.next": ("Næste planlagte", "Next scheduled"),
    "sync.next_manual": (
        "Kun i hånden ([sync] {source}_minutes = 0)",
        "By hand only ([sync] {source}_minutes = 0)",
    ),
    "sync.next_now": ("Nu (ved arbejderens næste runde)", "Now (at the worker's next round)"),
    "sync.every": ("hvert {minutes}. minut", "every {minutes} minutes"),
    "sync.history_link": ("Importhistorik", "Import history"),
    "sync.history": ("Importhistorik: {source}", "Import history: {source}"),
    "sync.history_lead": (
        "De seneste importkørsler af {scope}, fra synkroniseringer og filimporter, nyeste først.",
        "The latest import runs of {scope}, from syncs and file imports, newest first.",
    ),
    "sync.history_none": ("Ingen importkørsler endnu.", "No import runs yet."),
    "sync.run.when": ("Tidspunkt", "When"),
    "sync.run.what": ("Kørsel", "Run"),
    "sync.run.sync": ("Synkronisering ({kind})", "Sync ({kind})"),
    "sync.run.added": ("Tilføjet", "Added"),
    "sync.run.changed": ("Ændret", "Changed"),
    "sync.run.ended": ("Afsluttet", "Ended"),
    "sync.scope.kitos": ("KITOS-data", "KITOS data"),
    "sync.scope.hr": ("personer og enheder (OS2mo og OPUS)", "people and units (OS2mo and OPUS)"),
    # -- the secretariat's mail when a source stops syncing (graph.sync_alert) ----------------
    "sync.mail.subject": (
        "{source} er ikke synkroniseret {since}",
        "{source} has not synced {since}",
    ),
    "sync.mail.since": ("siden {date}", "since {date}"),
    "sync.mail.never": ("endnu", "yet"),
    "sync.mail.reason": (
        "Du får denne mail, fordi du er sekretariatet for IT-governance, og synkroniseringen af "
        "{source} er fejlet {failures} gange i træk.",
        "You get this mail because you are the IT governance secretariat, and the sync of "
        "{source} has failed {failures} times in a row.",
    ),
    "sync.mail.body": (
        "{reason}\n\n{source} er ikke synkroniseret {since}. Den seneste fejl:\n{error}\n\n"
        "Hvad du kan gøre:\n"
        "- Tjek indstillingerne i {section} (adresse, organisation, bruger eller klient).\n"
        "- Tjek at filen i {secret} findes, kan læses af govgraph og holder den gældende "
        "adgangskode eller hemmelighed.\n"
        "- Tjek at {source}s server svarer, og at govgraph kan nå den.\n"
        "Prøv derefter `{command}` i hånden. Du får ikke flere mails om denne "
        "afbrydelse; næste gang synkroniseringen lykkes, er fundet væk.\n\n"
        "Synkroniseringens status:\n{link}\n\nVenlig hilsen\n{signature}",
        "{reason}\n\n{source} has not synced {since}. The last error:\n{error}\n\n"
        "What to do:\n"
        "- Check the settings in {section} (address, organisation, user or client).\n"
        "- Check that the file in {secret} exists, is readable by govgraph and holds the "
        "current password or secret.\n"
        "- Check that the {source} server answers and that govgraph can reach it.\n"
        "Then try `{command}` by hand. You get no more mails about this outage; once a "
        "sync succeeds, the finding is gone.\n\n"
        "The sync's status:\n{link}\n\nKind regards\n{signature}",
    ),
}
