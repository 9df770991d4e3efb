"""Track 2, the system organisation around the owner: systemansvarlig and systemadministrator."""

from __future__ import annotations

from schema.governance.types import (
    SYSTEMADMINISTRATOR,
    SYSTEMANSVARLIG,
    Cadence,
    Responsibility,
    Role,
    Track,
)

SYSTEMANSVARLIG_ROLE = Role(
    key="systemansvarlig",
    name_da="Systemansvarlig",
    name_en="System responsible",
    track=Track.SYSTEM,
    description_da=(
        "Den systemansvarlige er systemets kontaktperson til leverandøren, holder øje med nye "
        "funktionaliteter og videreformidler dem, sikrer at leverandøren overholder aftalen om "
        "drift, svar- og responstider, og sørger for den årlige status/dialog mellem leverandør "
        "og systemejer og den årlige dialog mellem leverandør, systemadministratorer og "
        "superbrugere. Rollen er ofte sammenfaldende med systemadministrator, men hvor der kan "
        "være flere systemadministratorer, er der altid kun én systemansvarlig."
    ),
    description_en=(
        "The systemansvarlig is the system's one contact person towards its vendor: watches for "
        "new functionality and passes it on, makes sure the vendor keeps its agreement on "
        "operation and response times, and arranges two annual dialogs — vendor with owner, and "
        "vendor with administrators and super-users. Often the same person as a system "
        "administrator; but while a system may have several administrators, it always has "
        "exactly one systemansvarlig."
    ),
    who_may_hold_da=(
        "Ofte samme person som en systemadministrator. Der er altid præcis én systemansvarlig "
        "per system."
    ),
    who_may_hold_en=(
        "Often the same person as a system administrator. There is always exactly one "
        "systemansvarlig per system."
    ),
    relationship="RESPONSIBLE_FOR",
    section=SYSTEMANSVARLIG,
    critical=True,
    weight=1.0,
    aliases=("systemansvarlige", "system responsible", "system manager"),
    responsibilities=(
        Responsibility(
            key="systemansvarlig.kontaktperson-til-leverandoer",
            title_da="Kontaktperson til leverandør",
            title_en="Contact person for the vendor",
            text_da="Den systemansvarlige er kontaktperson til leverandøren.",
            text_en="The systemansvarlig is the vendor's contact person.",
            cadence=Cadence.ONGOING,
            section=SYSTEMANSVARLIG,
        ),
        Responsibility(
            key="systemansvarlig.forandringer-og-forbedringer",
            title_da="Fokus på forandringer og forbedringer",
            title_en="Watching for changes and improvements",
            text_da=(
                "Den systemansvarlige er opmærksom på eller eftersøger aktivt nye funktionaliteter "
                "i systemet og har ansvar for, at disse videreformidles til alle relevante i "
                "governancemodellens spor 2."
            ),
            text_en=(
                "The systemansvarlig watches, or actively looks, for new functionality in the "
                "system and makes sure it is passed on to everyone concerned in track 2."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMANSVARLIG,
        ),
        Responsibility(
            key="systemansvarlig.leverandoeraftale",
            title_da="Struktur for opfølgning på leverandøraftalen",
            title_en="Holding the vendor to the agreement",
            text_da=(
                "Den systemansvarlige laver en struktur for at sikre, at leverandøren overholder "
                "aftalen om drift, svar- og responstider."
            ),
            text_en=(
                "The systemansvarlig sets up a routine that makes sure the vendor keeps the "
                "agreement on operation and on answer and response times."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMANSVARLIG,
        ),
        Responsibility(
            key="systemansvarlig.aarlig-dialog-med-systemejer",
            title_da="Årlig status/dialog mellem leverandør og systemejer",
            title_en="Annual status dialog between vendor and owner",
            text_da=(
                "Den systemansvarlige sikrer en årlig status/dialog mellem leverandør og "
                "systemejer."
            ),
            text_en=(
                "The systemansvarlig makes sure the vendor and the system owner hold an annual "
                "status meeting."
            ),
            cadence=Cadence.ANNUAL,
            section=SYSTEMANSVARLIG,
        ),
        Responsibility(
            key="systemansvarlig.aarlig-dialog-med-brugere",
            title_da="Årlig dialog mellem leverandør, systemadministrator og superbrugere",
            title_en="Annual dialog between vendor, administrators and super-users",
            text_da=(
                "Den systemansvarlige sikrer en årlig dialog mellem leverandør og "
                "systemadministrator og superbrugere."
            ),
            text_en=(
                "The systemansvarlig makes sure the vendor meets the system administrators and "
                "super-users once a year."
            ),
            cadence=Cadence.ANNUAL,
            section=SYSTEMANSVARLIG,
        ),
        Responsibility(
            key="systemansvarlig.erfa-grupper",
            title_da="Erfa-grupper og leverandørens årsmøder",
            title_en="User groups and the vendor's annual meetings",
            text_da=(
                "Den systemansvarlige deltager i relevante erfa-grupper, leverandørens årsmøder og "
                "lignende."
            ),
            text_en=(
                "The systemansvarlig takes part in the relevant user groups (erfa-grupper), the "
                "vendor's annual meetings and the like."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMANSVARLIG,
        ),
    ),
)

SYSTEMADMINISTRATOR_ROLE = Role(
    key="systemadministrator",
    name_da="Systemadministrator",
    name_en="System administrator",
    track=Track.SYSTEM,
    description_da=(
        "En systemadministrator har den tekniske ekspertise til at installere, vedligeholde og "
        "sikkert drive et IT-system, sikrer at opsætningen overholder gældende lovgivning jf. "
        "risikovurderingen, tildeler rettigheder og tilladelser og hjælper systemejer med "
        "sikkerheden, herunder risikovurdering og databehandleraftaler. Systemadministratorerne "
        "aftaler med systemejer, hvordan opgaveløsningen foregår, etablerer møder med "
        "superbrugerne og er tilgængelige for medarbejderne."
    ),
    description_en=(
        "A system administrator has the technical expertise to install, maintain and securely "
        "run an IT system, keeps its setup lawful according to the risk assessment, grants "
        "rights and permissions, and helps the owner with security, including risk assessments "
        "and data processing agreements (databehandleraftaler). The administrators agree with "
        "the owner how the work is done, set up regular meetings with the super-users and are "
        "reachable by the employees."
    ),
    who_may_hold_da=(
        "Medarbejdere med teknisk ekspertise i systemet; der kan være flere "
        "systemadministratorer per system, og den systemansvarlige er ofte en af dem."
    ),
    who_may_hold_en=(
        "Employees with technical expertise in the system; a system may have several "
        "administrators, and the systemansvarlig is often one of them."
    ),
    relationship="ADMINISTERS",
    section=SYSTEMADMINISTRATOR,
    critical=True,
    weight=1.0,
    aliases=(
        "systemadministratorer",
        "systemadminstrator",
        "system administrator",
        "system administrators",
    ),
    responsibilities=(
        Responsibility(
            key="systemadministrator.opsaetning-vedligehold-og-drift",
            title_da="Ansvarlige for opsætning, vedligehold og drift",
            title_en="Setup, maintenance and operation",
            text_da=(
                "Systemadministratorerne har teknisk ekspertise og er ansvarlige for installation, "
                "vedligeholdelse og sikker drift af IT-systemerne. Deres arbejde er kritisk for at "
                "opretholde systemernes integritet og tilgængelighed."
            ),
            text_en=(
                "System administrators have the technical expertise and answer for installing, "
                "maintaining and securely running the IT systems; their work is critical to the "
                "systems' integrity and availability."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.lovlig-opsaetning",
            title_da="Opsætning efter risikovurderingen",
            title_en="A lawful setup, following the risk assessment",
            text_da=(
                "Jf. risikovurderingen sikrer systemadministratorerne, at opsætningen af systemet "
                "overholder gældende lovgivning."
            ),
            text_en=(
                "Following the risk assessment, system administrators make sure the system's "
                "setup complies with the law."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.understoetter-sikkerhed",
            title_da="Understøtter systemets sikkerhed",
            title_en="Supports the system's security",
            text_da=(
                "Systemadministratorerne hjælper systemejer med at leve op til ansvaret for "
                "systemets sikkerhed inklusive risikovurdering og databehandleraftaler m.v."
            ),
            text_en=(
                "System administrators help the system owner meet the responsibility for the "
                "system's security, including risk assessments and data processing agreements."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.rettigheder-og-tilladelser",
            title_da="Systemadministration",
            title_en="System administration",
            text_da=(
                "Systemadministratorerne er ansvarlige for systemadministration, opsætning og "
                "tilretning inklusive tildeling af rettigheder og tilladelser."
            ),
            text_en=(
                "System administrators answer for administering, setting up and adjusting the "
                "system, including granting rights and permissions."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.opgaveloesning-for-systemejer",
            title_da="Ansvar for at varetage opgaveløsning for systemejer",
            title_en="Carries out the work for the owner",
            text_da=(
                "Systemadministratorerne aftaler med systemejer, hvordan opgaveløsningen skal "
                "foregå, og har ansvaret for klare linjer for opgaveløsningen. De er med til, at "
                "systemejer lykkes med sine ansvarsområder, herunder løbende evaluering af "
                "systemets værdi for organisationens opgaveløsning."
            ),
            text_en=(
                "System administrators agree with the system owner how the work is to be done "
                "and answer for a clear division of it. They help the owner succeed, including in "
                "the ongoing evaluation of the system's value to the organisation's work."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.kontakt-med-superbrugere",
            title_da="Jævnlig kontakt og informationsudveksling med superbrugere",
            title_en="Regular contact with the super-users",
            text_da=(
                "Systemadministratorerne har møder eller anden etableret kommunikationsform med "
                "superbrugerne for at sikre optimal anvendelse af systemet samt driftsstabilitet "
                "og sikkerhed. Ansvaret for at etablere møderækker eller lignende "
                "informationsstruktur ligger hos systemadministratorerne."
            ),
            text_en=(
                "System administrators hold meetings, or keep another established channel, with "
                "the super-users to make the best use of the system and keep it stable and "
                "secure; setting up the meeting series is the administrators' job."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
        Responsibility(
            key="systemadministrator.tilgaengelig",
            title_da="Tilgængelig og kontaktbar",
            title_en="Available and reachable",
            text_da=(
                "Systemadministratoren er tilgængelig for medarbejdere og er opmærksom på tæt "
                "kontakt til medarbejdere."
            ),
            text_en=(
                "The system administrator is available to the employees and keeps in close "
                "contact with them."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMADMINISTRATOR,
        ),
    ),
)

SYSTEM_ROLES: tuple[Role, ...] = (SYSTEMANSVARLIG_ROLE, SYSTEMADMINISTRATOR_ROLE)
