"""The organisational roles around the system organisation: digitaliseringskonsulent and
systemkoordinator, both held in JB-sekretariatet (a Person HOLDS_ROLE the Role node).
"""

from __future__ import annotations

from schema.governance.types import (
    JB_SEKRETARIATET,
    OEVRIG_UNDERSTOETTELSE,
    SYSTEMEJER,
    SYSTEMKOORDINATORER,
    Cadence,
    Responsibility,
    Role,
    Track,
)

DIGITALISERINGSKONSULENT = Role(
    key="digitaliseringskonsulent",
    name_da="Digitaliseringskonsulent",
    name_en="Digitalisation consultant",
    track=Track.SYSTEM,
    description_da=(
        "En digitaliseringskonsulent i JB-sekretariatet arbejder med procesoptimering, "
        "systemudvikling og -overblik. Digitaliseringskonsulenterne repræsenterer forvaltningen "
        "i den centrale IT-organisations tværgående fora – Systemkoordinatorforum, "
        "Webredaktørudvalget, Acadreforum og Superbrugerorganisation – holder de halvårlige "
        "gennemgange med systemejerne og har typisk rollen som systemkoordinator."
    ),
    description_en=(
        "A digitaliseringskonsulent (digitalisation consultant) in JB-sekretariatet works on "
        "process optimisation, system development and the overview of the systems. The "
        "consultants represent the forvaltning in the central IT organisation's cross-cutting "
        "forums — Systemkoordinatorforum, Webredaktørudvalget, Acadreforum and the "
        "Superbrugerorganisation — hold the half-yearly reviews with the system owners, and "
        "usually hold the systemkoordinator role."
    ),
    who_may_hold_da="Medarbejdere i JB-sekretariatet, der er ansat som digitaliseringskonsulenter.",
    who_may_hold_en="Staff of JB-sekretariatet employed as digitalisation consultants.",
    relationship="HOLDS_ROLE",
    section=JB_SEKRETARIATET,
    aliases=("digitaliseringskonsulenter", "digitalisation consultant", "digital consultant"),
    responsibilities=(
        Responsibility(
            key="digitaliseringskonsulent.procesoptimering-og-systemudvikling",
            title_da="Procesoptimering, systemudvikling og -overblik",
            title_en="Process optimisation, system development and overview",
            text_da=(
                "Digitaliseringskonsulenterne har opgaver i retning af procesoptimering, "
                "systemudvikling og -overblik m.v."
            ),
            text_en=(
                "The consultants work on process optimisation, system development and the "
                "overview of the systems."
            ),
            cadence=Cadence.ONGOING,
            section=JB_SEKRETARIATET,
        ),
        Responsibility(
            key="digitaliseringskonsulent.tvaergaaende-fora",
            title_da="Repræsenterer forvaltningen i tværgående fora",
            title_en="Represents the forvaltning in cross-cutting forums",
            text_da=(
                "Digitaliseringskonsulenterne repræsenterer forvaltningen i tværgående fora i den "
                "centrale IT-organisation og deltager blandt andet i Systemkoordinatorforum, "
                "Webredaktørudvalget, Acadreforum og Superbrugerorganisation."
            ),
            text_en=(
                "The consultants represent the forvaltning in the central IT organisation's "
                "cross-cutting forums, among them Systemkoordinatorforum, Webredaktørudvalget, "
                "Acadreforum and the Superbrugerorganisation."
            ),
            cadence=Cadence.ONGOING,
            section=JB_SEKRETARIATET,
        ),
        Responsibility(
            key="digitaliseringskonsulent.halvaarlig-gennemgang-med-systemejer",
            title_da="Halvårlig gennemgang af ejede IT-systemer med systemejerne",
            title_en="Half-yearly review of the owned IT systems with their owners",
            text_da=(
                "En digitaliseringskonsulent fra JB-sekretariatet mødes halvårligt med hver "
                "systemejer til en gennemgang af ejede IT-systemer, herunder løbende evaluering af "
                "systemet samt en drøftelse af drifts- og udviklingsmæssige ønsker og "
                "perspektiver."
            ),
            text_en=(
                "Every half year a consultant from JB-sekretariatet meets each system owner to "
                "review the systems they own: an evaluation of each system and a discussion of "
                "wishes and prospects for its operation and development."
            ),
            cadence=Cadence.HALF_YEARLY,
            section=SYSTEMEJER,
        ),
        # "Øvrig understøttelse" speaks of JB-sekretariatet's staff in general; the model has no
        # role for the secretariat's support staff, so its recurring tasks sit with the
        # consultants, who hold the owner reviews the overview for chefgruppen draws on.
        Responsibility(
            key="digitaliseringskonsulent.tilbagevendende-processer",
            title_da="IT-visitation og oversigter til chefgruppen",
            title_en="IT-visitationen and the overviews for chefgruppen",
            text_da=(
                "JB-sekretariatet hjælper med tilbagevendende processer, fx IT-visitation og "
                "oversigter til chefgruppen (jf. spor 1)."
            ),
            text_en=(
                "JB-sekretariatet helps with recurring processes such as the IT-visitation (the "
                "intake of IT requests) and the overviews for chefgruppen's quarterly "
                "discussions (track 1)."
            ),
            cadence=Cadence.QUARTERLY,
            section=OEVRIG_UNDERSTOETTELSE,
        ),
        Responsibility(
            key="digitaliseringskonsulent.udviklingsprojekter",
            title_da="Udviklingsprocesser og -projekter",
            title_en="Development processes and projects",
            text_da=(
                "Medarbejdere fra JB-sekretariatet indgår ad hoc i udviklingsprocesser og "
                "-projekter, der har til formål at efterleve de fem digitaliseringsprincipper, fx "
                "udarbejdelsen af standard IT-pakker og implementering af M365."
            ),
            text_en=(
                "Staff from JB-sekretariatet join development processes and projects, as needed, "
                "that serve the five digitalisation principles, such as standard IT packages or "
                "the roll-out of Microsoft 365."
            ),
            cadence=Cadence.ON_CHANGE,
            section=OEVRIG_UNDERSTOETTELSE,
        ),
    ),
)

SYSTEMKOORDINATOR = Role(
    key="systemkoordinator",
    name_da="Systemkoordinator",
    name_en="System coordinator",
    track=Track.SYSTEM,
    description_da=(
        "Systemkoordinatoren medvirker til, at IT-løsninger anskaffes og anvendes, så de "
        "effektivt understøtter kommunens opgaveløsning, ved at koordinere "
        "digitaliseringsinitiativer – fx ved at skabe sammenhæng mellem informationssikkerhed, "
        "IT-arkitektur og forretningsprocesser – i tæt dialog med IT-afdelingen. "
        "Systemkoordinatoren skaber "
        "overblik over forvaltningens IT-systemer, sikrer ensartede sagsfremstillinger til "
        "IT-visitationen og Den Digitale Styregruppe, understøtter superbrugerne og oversætter "
        "mellem forretningens behov og IT's muligheder."
    ),
    description_en=(
        "The systemkoordinator (system coordinator) helps IT solutions be acquired and used so "
        "that they support the municipality's work, by coordinating digitalisation initiatives "
        "— linking information security, IT architecture and business processes — in close "
        "dialog with the central IT-afdeling. The coordinator keeps the overview of the "
        "forvaltning's IT systems, prepares uniform case papers for IT-visitationen and the "
        "digital steering group (DDS), supports the super-users, and translates between "
        "business needs and what IT can do."
    ),
    who_may_hold_da=(
        "En digitaliseringskonsulent fra JB-sekretariatet. Opgaver, mandat og ressourcer "
        "fastlægges i den enkelte forvaltning."
    ),
    who_may_hold_en=(
        "A digitalisation consultant from JB-sekretariatet. Each forvaltning sets the role's "
        "tasks, mandate and resources."
    ),
    relationship="HOLDS_ROLE",
    section=SYSTEMKOORDINATORER,
    weight=1.0,
    aliases=("systemkoordinatorer", "system coordinator", "system coordinators"),
    responsibilities=(
        Responsibility(
            key="systemkoordinator.overblik-over-it-systemer",
            title_da="Overblik over forvaltningens IT-systemer",
            title_en="Overview of the forvaltning's IT systems",
            text_da="At skabe overblik over forvaltningens IT-systemer.",
            text_en="Keep an overview of the forvaltning's IT systems.",
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.ensartede-sagsfremstillinger",
            title_da="Ensartede sagsfremstillinger",
            title_en="Uniform case papers",
            text_da=(
                "At sikre ensartede sagsfremstillinger til IT-visitationen og Den Digitale "
                "Styregruppe."
            ),
            text_en=(
                "Make sure the case papers for IT-visitationen and the digital steering group "
                "(DDS) are uniform."
            ),
            cadence=Cadence.ON_CHANGE,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.viden-om-initiativer",
            title_da="Viden om digitaliseringsinitiativer",
            title_en="Knowledge of digitalisation initiatives",
            text_da="At indsamle og dele viden om digitaliseringsinitiativer i forvaltningen.",
            text_en=(
                "Gather and share knowledge about the forvaltning's digitalisation initiatives."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.koordinere-initiativer",
            title_da="Koordinere tværgående digitaliseringsinitiativer",
            title_en="Coordinate cross-cutting digitalisation initiatives",
            text_da="At koordinere tværgående digitaliseringsinitiativer.",
            text_en="Coordinate cross-cutting digitalisation initiatives.",
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.sparringspartner",
            title_da="Sparringspartner om digitalisering",
            title_en="Sparring partner on digitalisation",
            text_da=(
                "At være sparringspartner for ledelse og medarbejdere i relation til "
                "digitalisering."
            ),
            text_en="Be a sparring partner on digitalisation for managers and employees.",
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.understoette-superbrugere",
            title_da="Understøtte superbrugerne",
            title_en="Support the super-users",
            text_da="At understøtte superbrugerne i deres aktiviteter.",
            text_en="Support the super-users in their activities.",
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.oversaette-behov",
            title_da="Oversætte mellem forretning og IT",
            title_en="Translate between the business and IT",
            text_da="At oversætte forretningens behov og IT's muligheder/begrænsninger.",
            text_en="Translate between the business's needs and IT's possibilities and limits.",
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
        Responsibility(
            key="systemkoordinator.dialog-med-it-afdelingen",
            title_da="Koordinering i tæt dialog med IT-afdelingen",
            title_en="Coordination in close dialog with the IT-afdeling",
            text_da=(
                "Systemkoordinatoren koordinerer det arbejde, der skal igangsættes i forbindelse "
                "med digitaliseringsinitiativer, fx ved at skabe sammenhæng mellem "
                "informationssikkerhed, IT-arkitektur og forretningsprocesser, indgår i tæt "
                "dialog med IT-afdelingen og bidrager til kompetenceopbygning og vidensdeling i "
                "forvaltningen."
            ),
            text_en=(
                "The systemkoordinator coordinates the work that digitalisation initiatives "
                "start — linking information security, IT architecture and business processes — "
                "in close dialog with the IT-afdeling, and contributes to competence building and "
                "knowledge sharing in the forvaltning."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMKOORDINATORER,
        ),
    ),
)

ORGANISATION_ROLES: tuple[Role, ...] = (DIGITALISERINGSKONSULENT, SYSTEMKOORDINATOR)
