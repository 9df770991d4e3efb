"""Every text of the pages, in Danish (the default) and English, in one place.

``TEXTS`` holds the interface's own words; ``VALUES`` names the values the data carries
(life cycles, yes/no answers, line levels, ...). Labels and relationship types are named by
``schema.model``, roles, forums and rules by their own declarations, all in both languages.
"""

from __future__ import annotations

from datetime import date

from schema.model import LABELS, RELATIONSHIPS

LANGUAGES: tuple[str, ...] = ("da", "en")
DEFAULT_LANGUAGE = "da"

TEXTS: dict[str, tuple[str, str]] = {
    # -- frame -------------------------------------------------------------------------------
    "app.name": ("govgraph", "govgraph"),
    "app.tagline": (
        "IT-governance i Jobcenter og Borgerservice",
        "IT governance, Jobcenter og Borgerservice",
    ),
    "nav.home": ("Forside", "Home"),
    "nav.overview": ("Overblik", "Overview"),
    "nav.gaps": ("Mangler", "Gaps"),
    "nav.handover": ("Overdragelse", "Handover"),
    "nav.my_role": ("Min rolle", "My role"),
    "nav.logout": ("Log ud", "Log out"),
    "nav.skip": ("Gå til indhold", "Skip to content"),
    "lang.switch": ("English", "Dansk"),
    "lang.switch_title": ("Switch to English", "Skift til dansk"),
    "asof.label": ("Data pr.", "Data as of"),
    "asof.show": ("Vis", "Show"),
    "asof.today": ("i dag", "today"),
    "footer.text": (
        "govgraph viser forvaltningens governancemodel og hvor virkeligheden afviger fra den. "
        "Opslag i personoplysninger logges.",
        "govgraph shows the forvaltning's governance model and where reality departs from it. "
        "Reads of personal data are logged.",
    ),
    "common.none": ("Ingen", "None"),
    "common.unknown": ("Ukendt", "Unknown"),
    "common.yes": ("Ja", "Yes"),
    "common.no": ("Nej", "No"),
    "common.name": ("Navn", "Name"),
    "common.email": ("E-mail", "E-mail"),
    "common.unit": ("Enhed", "Unit"),
    "common.units": ("Enheder", "Units"),
    "common.position": ("Stilling", "Position"),
    "common.since": ("Siden", "Since"),
    "common.key": ("Nøgle", "Key"),
    "common.search": ("Søg", "Search"),
    "common.filter": ("Filtrér", "Filter"),
    "common.reset": ("Nulstil", "Reset"),
    "common.all": ("Alle", "All"),
    "common.departed": ("fratrådt", "left"),
    "common.ended": ("ophørt", "ended"),
    "common.print": ("Udskriv", "Print"),
    "common.show_more": ("Vis {count} mere", "Show {count} more"),
    "common.role": ("Rolle", "Role"),
    "common.system": ("System", "System"),
    "common.systems": ("Systemer", "Systems"),
    "common.people": ("Personer", "People"),
    "common.forums": ("Fora", "Forums"),
    "common.vendor": ("Leverandør", "Vendor"),
    "common.count": ("Antal", "Count"),
    "common.in_your_unit": ("i din enhed", "in your unit"),
    "common.in_this_unit": ("i enheden", "in this unit"),
    # -- findings ----------------------------------------------------------------------------
    "findings.title": ("Fund", "Findings"),
    "findings.none": ("Ingen åbne fund.", "No open findings."),
    "findings.rule": ("Regel", "Rule"),
    "findings.severity": ("Alvor", "Severity"),
    "findings.subject": ("Vedrører", "About"),
    "findings.message": ("Hvad er der galt", "What is wrong"),
    "findings.related": ("Involverede", "Involved"),
    "findings.unknown": ("ukendt: data mangler", "unknown: data missing"),
    "findings.marked": ("Har åbne fund", "Has open findings"),
    # -- graph -------------------------------------------------------------------------------
    "graph.title": ("Rollegraf", "Role graph"),
    "graph.depth": ("Dybde", "Depth"),
    "graph.depth_1": ("Nærmeste", "Nearest"),
    "graph.depth_2": ("To led", "Two steps"),
    "graph.depth_3": ("Tre led", "Three steps"),
    "graph.legend": ("Signaturforklaring", "Legend"),
    "graph.fit": ("Vis hele grafen", "Fit the graph to the view"),
    "graph.show_labels": ("Vis", "Show"),
    "graph.show_types": ("Relationer", "Relationships"),
    "graph.hint": (
        "Klik på et punkt for at åbne dets side. Træk for at flytte, rul for at zoome.",
        "Click a node to open its page. Drag to move, scroll to zoom.",
    ),
    "graph.truncated": (
        "Grafen er beskåret til {count} punkter og {edges} forbindelser; de vigtigste "
        "relationer er vist først.",
        "The graph is cut to {count} nodes and {edges} edges; the most telling relationships "
        "are shown first.",
    ),
    "graph.loading": ("Grafen tegnes …", "Drawing the graph …"),
    "graph.empty": ("Intet at tegne med de valgte filtre.", "Nothing to draw with these filters."),
    "graph.noscript": ("Grafen kræver JavaScript.", "The graph needs JavaScript."),
    "graph.nodes_edges": (
        "{nodes} punkter, {edges} relationer",
        "{nodes} nodes, {edges} relationships",
    ),
    # -- home --------------------------------------------------------------------------------
    "home.title": ("Forside", "Home"),
    "home.lead": (
        "Find en person, et system, en enhed eller et forum og se, hvem der har hvilken rolle, "
        "og hvor governancemodellen ikke er opfyldt.",
        "Find a person, a system, a unit or a forum and see who holds which role, and where "
        "the governance model is not met.",
    ),
    "home.search_label": (
        "Søg efter person, system, enhed eller forum",
        "Search for a person, system, unit or forum",
    ),
    "home.search_placeholder": (
        "Fx Acadre, Jobcenter Unge eller et navn",
        "E.g. Acadre, Jobcenter Unge or a name",
    ),
    "home.results": ("Søgeresultater for “{q}”", "Results for “{q}”"),
    "home.no_results": ("Intet fundet.", "Nothing found."),
    "home.counts": ("I grafen", "In the graph"),
    "home.gaps": ("Åbne mangler efter alvor", "Open gaps by severity"),
    "home.gaps_by_rule": ("Flest fund", "Most findings"),
    "home.all_gaps": ("Se alle mangler", "See all gaps"),
    "home.tools": ("Værktøjer", "Tools"),
    "home.tool_overview": ("Hele rollegrafen med filtre", "The whole role graph, with filters"),
    "home.tool_handover": (
        "Hvad sker der, når nogen stopper?",
        "What happens when someone leaves?",
    ),
    "home.tool_my_role": ("Dine roller, opgaver og kontakter", "Your roles, duties and contacts"),
    # -- person ------------------------------------------------------------------------------
    "person.title": ("Person", "Person"),
    "person.line": ("Linjeposition", "Line position"),
    "person.line_level": ("Niveau", "Level"),
    "person.works_in": ("Ansat i", "Works in"),
    "person.leads": ("Leder af", "Leads"),
    "person.left": ("Fratrådt {date}", "Left on {date}"),
    "person.only_inventory": (
        "Kendes kun fra IT-porteføljen, ikke fra HR-data.",
        "Known only from the IT inventory, not from the HR data.",
    ),
    "person.roles": ("Roller", "Roles"),
    "person.roles_none": (
        "Ingen system- eller organisationsroller.",
        "No system or organisational roles.",
    ),
    "person.on": ("På", "On"),
    "person.asks": ("Hvad modellen forventer", "What the model asks"),
    "person.forums": ("Forumpladser", "Forum seats"),
    "person.forums_none": ("Ingen forumpladser.", "No forum seats."),
    "person.contacts": ("Kontakter", "Contacts"),
    "person.contacts_lead": (
        "Systemansvarlige, administratorer og superbrugere for de systemer, din enhed bruger.",
        "The system responsible, administrators and super-users of the systems your unit uses.",
    ),
    "person.contacts_none": (
        "Enheden bruger ingen registrerede systemer.",
        "The unit uses no recorded systems.",
    ),
    "person.leader": ("Din leder", "Your leader"),
    # -- system ------------------------------------------------------------------------------
    "system.title": ("IT-system", "IT system"),
    "system.facts": ("Stamdata", "Facts"),
    "system.lifecycle": ("Livscyklus", "Life cycle"),
    "system.in_use": ("I brug", "In use"),
    "system.not_in_use": (
        "Systemet er ikke i brug og holdes ikke op mod governancemodellen.",
        "The system is not in use and is not held to the governance model.",
    ),
    "system.business_critical": ("Forretningskritisk", "Business critical"),
    "system.expected_users": ("Forventede brugere", "Expected users"),
    "system.hosted_at": ("Drift", "Hosting"),
    "system.local_id": ("Lokalt id", "Local id"),
    "system.organisation": ("Systemorganisation", "System organisation"),
    "system.owner": ("Systemejer", "System owner"),
    "system.responsible": ("Systemansvarlig", "System responsible"),
    "system.administrators": ("Systemadministratorer", "System administrators"),
    "system.superusers": ("Superbrugere", "Super-users"),
    "system.other_roles": ("Andre roller", "Other roles"),
    "system.missing": ("mangler", "missing"),
    "system.units": ("Brugende enheder", "Using units"),
    "system.responsible_units": ("Ansvarlig enhed", "Responsible unit"),
    "system.risk": ("Risiko og databehandling", "Risk and data processing"),
    "system.risk_assessment": ("Risikovurdering", "Risk assessment"),
    "system.risk_assessment_date": ("Seneste risikovurdering", "Last risk assessment"),
    "system.planned_risk_assessment_date": ("Planlagt risikovurdering", "Planned risk assessment"),
    "system.risk_level": ("Risikoniveau", "Risk level"),
    "system.personal_data": ("Behandler personoplysninger", "Handles personal data"),
    "system.dpa_status": ("Databehandleraftale", "Data processing agreement"),
    "system.financing": ("Finansiering", "Financing"),
    "system.appointed_by": ("udpeget af {who}", "appointed by {who}"),
    # -- unit --------------------------------------------------------------------------------
    "unit.title": ("Enhed", "Unit"),
    "unit.part_of": ("Del af", "Part of"),
    "unit.children": ("Underenheder", "Sub-units"),
    "unit.leaders": ("Leder", "Leader"),
    "unit.no_leader": ("Enheden har ingen leder.", "The unit has no leader."),
    "unit.members": ("Medarbejdere ({count})", "Staff ({count})"),
    "unit.systems": (
        "Systemer i brug og deres superbrugere",
        "Systems in use and their super-users",
    ),
    "unit.no_superuser_here": ("ingen superbruger i enheden", "no super-user in the unit"),
    "unit.unit_id": ("Enheds-id", "Unit id"),
    "unit.type": ("Type", "Type"),
    # -- forum -------------------------------------------------------------------------------
    "forum.title": ("Forum", "Forum"),
    "forum.members": ("Medlemmer", "Members"),
    "forum.no_members": ("Ingen registrerede medlemmer.", "No recorded members."),
    "forum.required": ("Krævet repræsentation", "Required representation"),
    "forum.required_none": (
        "Modellen kræver ingen bestemt repræsentation.",
        "The model requires no particular representation.",
    ),
    "forum.from_secretariat": ("fra JB-sekretariatet", "from JB-sekretariatet"),
    "forum.holds": ("Repræsentationen er i orden.", "The representation holds."),
    "forum.broken": ("Repræsentationen er ikke i orden:", "The representation does not hold:"),
    "forum.central": ("Del af den centrale IT-organisation", "Part of the central IT organisation"),
    "forum.cadence": ("IT på dagsordenen", "IT on the agenda"),
    # -- gaps --------------------------------------------------------------------------------
    "gaps.title": ("Mangler", "Gaps"),
    "gaps.lead": (
        "Hvor forvaltningen afviger fra sin egen governancemodel. Hvert fund henviser til den "
        "regel i modellen, det bryder.",
        "Where the forvaltning departs from its own governance model. Each finding cites the rule "
        "of the model it breaks.",
    ),
    "gaps.rule": ("Regel", "Rule"),
    "gaps.severity": ("Alvor", "Severity"),
    "gaps.unit": ("Enhed", "Unit"),
    "gaps.export": ("Hent som Excel", "Download as Excel"),
    "gaps.shown": ("{shown} af {total} fund", "{shown} of {total} findings"),
    "gaps.rules_table": ("Reglerne", "The rules"),
    "gaps.rule_title": ("Regel (titel)", "Rule title"),
    "gaps.subject_type": ("Type", "Type"),
    "gaps.source": ("Kilde i modellen", "Source in the model"),
    # -- handover ----------------------------------------------------------------------------
    "handover.title": ("Overdragelse", "Handover"),
    "handover.lead": (
        "Vælg en eller flere personer og se, hvilke roller der bliver ledige, hvilke mangler der "
        "opstår eller forsvinder, og hvem der kan tage over.",
        "Pick one or more people and see which roles fall vacant, which gaps appear or disappear, "
        "and who could take over.",
    ),
    "handover.find": ("Find person", "Find a person"),
    "handover.add": ("Tilføj", "Add"),
    "handover.remove": ("Fjern", "Remove"),
    "handover.chosen": ("Valgte personer", "Chosen people"),
    "handover.none_chosen": ("Ingen valgt endnu.", "Nobody chosen yet."),
    "handover.vacant": ("Roller der bliver ledige", "Roles that fall vacant"),
    "handover.vacant_none": ("Ingen roller bliver ledige.", "No role falls vacant."),
    "handover.new": ("Nye mangler", "New gaps"),
    "handover.new_none": ("Ingen nye mangler.", "No new gaps."),
    "handover.resolved": ("Mangler der forsvinder", "Gaps that disappear"),
    "handover.sole": ("Eneste indehaver", "Sole holder"),
    "handover.successors": ("Mulige efterfølgere", "Possible successors"),
    "handover.successors_none": ("Ingen oplagte kandidater.", "No obvious candidates."),
    "handover.reasons": ("Begrundelse", "Reasons"),
    "handover.score": ("Point", "Score"),
    "handover.unavailable": (
        "Overdragelsesberegningen er ikke tilgængelig i denne installation.",
        "The handover calculation is not available in this installation.",
    ),
    "handover.holder": ("Indehaver", "Holder"),
    "handover.departures": ("Kommende fratrædelser", "Upcoming departures"),
    "handover.leaves": ("fratræder {date}", "leaves {date}"),
    "handover.departure_summary": (
        "{vacated} roller bliver ledige, {new} nye mangler",
        "{vacated} roles fall vacant, {new} new gaps",
    ),
    "handover.shared_note": (
        "En rolle, som kun de valgte deler, vises her under hver af dem, men ikke som ledig; "
        "de nye mangler nedenfor regner med, at de alle stopper.",
        "A role shared only among the chosen people is listed under none of them as vacant; the "
        "new gaps below count all of them as gone.",
    ),
    # -- overview ----------------------------------------------------------------------------
    "overview.title": ("Overblik", "Overview"),
    "overview.lead": (
        "Forvaltningens rollegraf: hvem ejer, administrerer og støtter hvilke systemer, og hvem "
        "sidder i hvilke fora.",
        "The forvaltning's role graph: who owns, administers and supports which systems, and who "
        "sits in which forums.",
    ),
    "overview.unit": ("Afgræns til enhed", "Limit to unit"),
    "overview.labels": ("Punkttyper", "Node types"),
    "overview.types": ("Relationer", "Relationships"),
    "overview.limit": ("Højst punkter", "At most nodes"),
    # -- my role -----------------------------------------------------------------------------
    "my_role.title": ("Min rolle", "My role"),
    "my_role.lead": (
        "Dine roller i governancemodellen, hvad de indebærer, og hvem du kan spørge.",
        "Your roles in the governance model, what they involve, and whom you can ask.",
    ),
    "my_role.choose": ("Hvem er du?", "Who are you?"),
    "my_role.choose_hint": (
        "Søg på dit navn eller din e-mail og vælg dig selv.",
        "Search for your name or e-mail and choose yourself.",
    ),
    "my_role.choose_me": ("Det er mig", "That's me"),
    "my_role.other": ("Vælg en anden person", "Choose someone else"),
    "my_role.who_may_hold": ("Hvem kan have rollen", "Who may hold it"),
    "my_role.duties": ("Dine opgaver", "Your duties"),
    "my_role.page": ("Se personsiden", "See the person page"),
    # -- what is due -------------------------------------------------------------------------
    "due.title": ("Det skal du huske", "What is due"),
    "due.title_person": (
        "Gennemgange og vurderinger, der forfalder",
        "Reviews and assessments due",
    ),
    "due.what": ("Hvad", "What"),
    "due.when": ("Senest", "Due"),
    "due.last": ("Sidst", "Last"),
    "due.none": (
        "Intet forfalder de næste fire måneder.",
        "Nothing falls due in the next four months.",
    ),
    # -- errors and login --------------------------------------------------------------------
    "error.title": ("Noget gik galt", "Something went wrong"),
    "error.not_found": ("Siden findes ikke", "Page not found"),
    "error.forbidden": ("Ingen adgang", "No access"),
    "error.invalid": ("Ugyldig forespørgsel", "Invalid request"),
    "error.unavailable": ("Databasen svarer ikke", "The database does not answer"),
    "error.back": ("Til forsiden", "Back to the home page"),
    "login.title": ("Log ind", "Log in"),
    "login.lead": (
        "Log ind med dit govgraph-token. Du får det af en administrator.",
        "Log in with your govgraph token. An administrator gives it to you.",
    ),
    "login.token": ("Token", "Token"),
    "login.submit": ("Log ind", "Log in"),
    "login.invalid": ("Tokenet er ikke gyldigt.", "The token is not valid."),
    "login.too_many": (
        "For mange forkerte forsøg. Prøv igen om {seconds} sekunder.",
        "Too many failed attempts. Try again in {seconds} seconds.",
    ),
}

# Names of the values the data carries, per kind of value.
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
}

_MONTHS: dict[str, tuple[str, ...]] = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
           "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}  # fmt: skip


def language(value: str | None) -> str:
    """A supported language code: ``value`` if it is one, else Danish."""
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def text(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang``, with ``{name}`` placeholders filled; KeyError if unknown."""
    da, en = TEXTS[key]
    chosen = en if lang == "en" else da
    return chosen.format(**values) if values else chosen


def value_name(kind: str, value: str | None, lang: str) -> str:
    """The name of a data value (``VALUES[kind]``); the value itself when it has no name."""
    if value is None or value == "":
        return text("common.unknown", lang)
    names = VALUES[kind].get(value)
    return (names[1] if lang == "en" else names[0]) if names else value


def label_name(label: str, lang: str) -> str:
    """A node label's name, from ``schema.model.LABELS``."""
    declared = LABELS[label]
    return (declared.legend_en if lang == "en" else declared.legend_da) or label


def relationship_name(rel_type: str, lang: str) -> str:
    """A relationship type's name, from ``schema.model.RELATIONSHIPS``."""
    declared = RELATIONSHIPS[rel_type]
    return declared.label_en if lang == "en" else declared.label_da


def format_date(value: date | None, lang: str) -> str:
    """``29. nov. 2026`` in Danish, ``29 Nov 2026`` in English; "Unknown" for none."""
    if value is None:
        return text("common.unknown", lang)
    month = _MONTHS[language(lang)][value.month - 1]
    return (
        f"{value.day}. {month} {value.year}"
        if lang != "en"
        else f"{value.day} {month} {value.year}"
    )
