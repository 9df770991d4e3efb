"""The texts of campaigns: the personal task page, the mails, the progress page and report."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # -- answers ----------------------------------------------------------------------------
    "campaign.answer.confirm": ("Det passer", "That is right"),
    "campaign.answer.not_me": ("Ikke mig længere", "Not me any more"),
    "campaign.answer.should_be": ("Det burde være en anden", "It should be someone else"),
    "campaign.answer.handover": ("Jeg overdrager rollen", "I hand the role over"),
    "campaign.answer.none": ("Ikke besvaret", "Not answered"),
    "campaign.who": ("Hvem (navn eller e-mail)", "Who (name or e-mail)"),
    "campaign.from": ("Fra dato", "From date"),
    # -- the task page ----------------------------------------------------------------------
    "campaign.task.title": ("Dine roller: {campaign}", "Your roles: {campaign}"),
    "campaign.task.intro": (
        "Hej {name}. Sekretariatet beder dig bekræfte de roller, du har ifølge govgraph. "
        "Svar senest {deadline}.",
        "Hello {name}. The secretariat asks you to confirm the roles govgraph says you hold. "
        "Please answer by {deadline}.",
    ),
    "campaign.task.role": ("Rolle", "Role"),
    "campaign.task.on": ("På", "On"),
    "campaign.task.your_answer": ("Dit svar", "Your answer"),
    "campaign.task.submit": ("Send svar", "Send answers"),
    "campaign.task.thanks": (
        "Tak. Dine svar er registreret {when}.",
        "Thank you. Your answers were recorded {when}.",
    ),
    "campaign.task.pending": (
        "Ændringen venter på godkendelse.",
        "The change awaits approval.",
    ),
    "campaign.task.applied": ("Ændringen er registreret.", "The change is recorded."),
    "campaign.task.referred": (
        "Sekretariatet følger op: {note}",
        "The secretariat will follow up: {note}",
    ),
    "campaign.task.unknown_person": (
        "vi kunne ikke finde «{who}» entydigt",
        "we could not find «{who}» unambiguously",
    ),
    "campaign.task.missing_answer": (
        "Svar på alle roller, før du sender.",
        "Answer every role before you send.",
    ),
    "campaign.link.used": (
        "Denne opgave er allerede besvaret ({when}). Linket kan ikke bruges igen.",
        "This task has already been answered ({when}). The link cannot be used again.",
    ),
    "campaign.link.expired": (
        "Linket er udløbet ({when}). Kontakt sekretariatet, hvis du mangler at svare.",
        "The link has expired ({when}). Contact the secretariat if you still need to answer.",
    ),
    "campaign.link.invalid": (
        "Linket er ikke gyldigt. Brug linket fra din seneste e-mail, eller kontakt sekretariatet.",
        "The link is not valid. Use the link from your latest e-mail, or contact the secretariat.",
    ),
    "campaign.link.closed": (
        "Kampagnen er afsluttet. Kontakt sekretariatet, hvis noget er forkert.",
        "The campaign has closed. Contact the secretariat if something is wrong.",
    ),
    # -- mails ------------------------------------------------------------------------------
    "campaign.mail.task.subject": (
        "Bekræft dine roller: {campaign}",
        "Confirm your roles: {campaign}",
    ),
    "campaign.mail.task.body": (
        "Hej {name}\n\nSekretariatet har startet «{campaign}». Ifølge govgraph har du "
        "disse roller:\n\n{roles}\n\nBekræft eller ret dem senest {deadline} her (linket "
        "er personligt og gælder kun din opgave):\n\n{link}\n\nVenlig hilsen\n{secretariat}",
        "Hello {name}\n\nThe secretariat has started «{campaign}». govgraph says you hold "
        "these roles:\n\n{roles}\n\nPlease confirm or correct them by {deadline} here (the "
        "link is personal and opens only your task):\n\n{link}\n\nKind regards\n{secretariat}",
    ),
    "campaign.mail.task.reason": (
        "Du har roller i kampagnen «{campaign}».",
        "You hold roles in the campaign «{campaign}».",
    ),
    "campaign.mail.no_address.reason": (
        "{name} har ingen e-mailadresse i govgraph; giv linket videre.",
        "{name} has no e-mail address in govgraph; pass the link on.",
    ),
    "campaign.mail.reminder.subject": (
        "Påmindelse: bekræft dine roller senest {deadline}",
        "Reminder: confirm your roles by {deadline}",
    ),
    "campaign.mail.reminder.body": (
        "Hej {name}\n\nDu mangler at svare i «{campaign}». Fristen er {deadline}.\n\n{link}"
        "\n\nVenlig hilsen\n{secretariat}",
        "Hello {name}\n\nYou have not yet answered in «{campaign}». The deadline is "
        "{deadline}.\n\n{link}\n\nKind regards\n{secretariat}",
    ),
    "campaign.mail.reminder.reason": (
        "Din opgave i «{campaign}» er ikke besvaret, og fristen er {deadline}.",
        "Your task in «{campaign}» is not answered, and the deadline is {deadline}.",
    ),
    "campaign.mail.escalation.subject": (
        "{name} har ikke bekræftet sine roller ({campaign})",
        "{name} has not confirmed their roles ({campaign})",
    ),
    "campaign.mail.escalation.body": (
        "Hej {leader}\n\n{name} har ikke svaret i «{campaign}», og fristen {deadline} er "
        "overskredet. {name} har disse roller:\n\n{roles}\n\nFølg venligst op med {name}, "
        "eller giv sekretariatet besked om, hvem der har rollerne nu.\n\nVenlig hilsen\n"
        "{secretariat}",
        "Hello {leader}\n\n{name} has not answered in «{campaign}», and the deadline "
        "{deadline} has passed. {name} holds these roles:\n\n{roles}\n\nPlease follow up "
        "with {name}, or tell the secretariat who holds the roles now.\n\nKind regards\n"
        "{secretariat}",
    ),
    "campaign.mail.escalation.reason": (
        "Du er leder for {name}, som ikke har svaret inden fristen.",
        "You are the leader of {name}, who did not answer by the deadline.",
    ),
    "campaign.mail.escalation.no_leader": (
        "{name} har ingen leder i govgraph, så sekretariatet får besked.",
        "{name} has no leader in govgraph, so the secretariat is told.",
    ),
    "campaign.mail.signature": ("Sekretariatet for IT-governance", "The IT governance secretariat"),
    "campaign.decision.reason": (
        "Kampagne «{campaign}»: {name} svarede «{answer}».",
        "Campaign «{campaign}»: {name} answered «{answer}».",
    ),
    # -- progress page and report -------------------------------------------------------------
    "campaign.title": ("Kampagne: {campaign}", "Campaign: {campaign}"),
    "campaign.list.title": ("Kampagner", "Campaigns"),
    "campaign.deadline": ("Frist", "Deadline"),
    "campaign.status": ("Status", "Status"),
    "campaign.status.open": ("Åben", "Open"),
    "campaign.status.closed": ("Afsluttet", "Closed"),
    "campaign.tasks": ("Opgaver", "Tasks"),
    "campaign.answered": ("Besvaret", "Answered"),
    "campaign.unanswered": ("Ikke besvaret", "Not answered"),
    "campaign.share": ("Andel", "Share"),
    "campaign.per_unit": ("Fremdrift pr. enhed", "Progress per unit"),
    "campaign.per_system": ("Fremdrift pr. system", "Progress per system"),
    "campaign.unit": ("Enhed", "Unit"),
    "campaign.system": ("System", "System"),
    "campaign.roles_answered": ("Roller besvaret", "Roles answered"),
    "campaign.report.title": ("Kampagnerapport: {campaign}", "Campaign report: {campaign}"),
    "campaign.report.about": (
        "Startet {started} af {by}, frist {deadline}. {answered} af {tasks} har svaret.",
        "Started {started} by {by}, deadline {deadline}. {answered} of {tasks} answered.",
    ),
    "campaign.report.person": ("Person", "Person"),
    "campaign.report.answer": ("Svar", "Answer"),
    "campaign.report.answered_at": ("Besvaret", "Answered"),
    "campaign.report.change": ("Ændring", "Change"),
    "campaign.report.never": ("Har ikke svaret", "Never answered"),
    "campaign.report.changes": ("Ændringer", "Changes"),
    "campaign.report.confirmed": ("Bekræftet", "Confirmed"),
}

# Messages addressed to a role (graph.role_reminders).
TEXTS.update(
    {
        "notify.role.systemejer": ("systemejer", "system owner"),
        "notify.role.systemansvarlig": ("systemansvarlig", "system responsible"),
        "notify.review.subject.upcoming": (
            "{what} for {system} skal holdes senest {due}",
            "{what} for {system} is due by {due}",
        ),
        "notify.review.subject.overdue": (
            "{what} for {system} er overskredet",
            "{what} for {system} is overdue",
        ),
        "notify.review.reason.upcoming": (
            "Du er {role} for {system}, og {what} skal holdes senest {due}.",
            "You are {role} of {system}, and the {what} is due by {due}.",
        ),
        "notify.review.reason.overdue": (
            "Du er {role} for {system}, og {what} skulle være holdt senest {due}.",
            "You are {role} of {system}, and the {what} was due by {due}.",
        ),
        "notify.no_holder.reason": (
            "Ingen er {role} for {system}, så sekretariatet får besked: {what} (frist {due}).",
            "Nobody is {role} of {system}, so the secretariat is told: {what} (due {due}).",
        ),
        "notify.review.body": (
            "Hej {name}\n\n{reason}\n\nSe systemet og registrér den afholdte gennemgang:\n{link}"
            "\n\nVenlig hilsen\n{signature}",
            "Hello {name}\n\n{reason}\n\nSee the system and record the held review:\n{link}"
            "\n\nKind regards\n{signature}",
        ),
        "notify.leaver.subject": (
            "{name} fratræder {leaves}: roller skal overdrages",
            "{name} leaves on {leaves}: roles to hand over",
        ),
        "notify.leaver.reason.leader": (
            "Du er leder for {name}, som fratræder {leaves} og har roller, der skal overdrages.",
            "You are the leader of {name}, who leaves on {leaves} and holds roles to hand over.",
        ),
        "notify.leaver.reason.secretariat": (
            "{name} fratræder {leaves} og har roller, der skal overdrages.",
            "{name} leaves on {leaves} and holds roles to hand over.",
        ),
        "notify.leaver.body": (
            "{reason}\n\nOverdragelsesplanen:\n{link}\n\nVenlig hilsen\n{signature}",
            "{reason}\n\nThe handover plan:\n{link}\n\nKind regards\n{signature}",
        ),
    }
)

# The new-findings digest (graph.findings_digest) and its opt-out page.
TEXTS.update(
    {
        "notify.digest.subject": (
            "{count} nye fund om dine systemer",
            "{count} new findings about your systems",
        ),
        "notify.digest.reason": (
            "Du er systemejer eller systemansvarlig, og der er {count} nye fund om dine systemer.",
            "You are a system owner or system responsible, and there are {count} new findings "
            "about your systems.",
        ),
        "notify.digest.body": (
            "Hej {name}\n\n{reason}\n\n{findings}\n\nVil du ikke have disse oversigter, kan du "
            "framelde dem her (opgaver og påmindelser får du stadig):\n{opt_out}\n\n"
            "Venlig hilsen\n{signature}",
            "Hello {name}\n\n{reason}\n\n{findings}\n\nTo stop these digests (you will still "
            "get tasks and reminders):\n{opt_out}\n\nKind regards\n{signature}",
        ),
        "notify.opt_out.title": (
            "Frameld oversigter over nye fund",
            "Stop the new-findings digests",
        ),
        "notify.opt_out.lead": (
            "Du får så ikke længere oversigter over nye fund. Opgaver og påmindelser får du "
            "stadig.",
            "You will no longer get digests of new findings. You will still get tasks and "
            "reminders.",
        ),
        "notify.opt_out.submit": ("Frameld", "Stop the digests"),
        "notify.opt_out.done": (
            "Du er frameldt oversigterne over nye fund.",
            "You will get no more digests of new findings.",
        ),
    }
)
