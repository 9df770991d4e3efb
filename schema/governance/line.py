"""Track 1, the line organisation below the chefs: kontorledere and medarbejdere."""

from __future__ import annotations

from schema.governance.types import LEDERE, MEDARBEJDERE, Cadence, Responsibility, Role, Track
from schema.model import LineLevel

KONTORLEDER = Role(
    key="kontorleder",
    name_da="Kontorleder",
    name_en="Head of office",
    track=Track.LINJE,
    description_da=(
        "En kontorleder leder et kontor i en afdeling: medarbejdere, budget og – når kontoret er "
        "eneste bruger af et system – systemet som systemejer. I governancemodellen sørger "
        "kontorlederen for, at rollerne i systemorganisationen er besat og har ressourcer, "
        "herunder at der er mindst én superbruger per system, som kontorlederen udpeger, og har "
        "blik for de kompetencer, kontoret har brug for nu og fremover."
    ),
    description_en=(
        "A kontorleder leads an office (kontor) of a department: its staff, its budget and, "
        "when the office is a system's only user, that system as its owner (systemejer). In the "
        "governance model the kontorleder makes sure the roles of the system organisation are "
        "filled and given time — above all that every system has at least one super-user, whom "
        "the kontorleder appoints — and watches for the competences the office needs now and "
        "later."
    ),
    who_may_hold_da="Lederne af forvaltningens kontorer.",
    who_may_hold_en="The leaders of the forvaltning's offices (kontorer).",
    relationship="MANAGES",
    section=LEDERE,
    line_level=LineLevel.KONTORLEDER,
    aliases=("kontorledere", "leder", "ledere", "office leader", "office leaders"),
    responsibilities=(
        Responsibility(
            key="kontorleder.budgetadministration",
            title_da="Budgetadministration",
            title_en="Budget",
            text_da=(
                "Kontorlederen har ansvaret for kontorets ressourcer, herunder fordeling af "
                "budget, hvilket også gælder for de IT-systemer, hvor kontorlederen er systemejer "
                "jf. spor 2."
            ),
            text_en=(
                "The kontorleder answers for the office's resources, including the budget, which "
                "also covers the IT systems the kontorleder owns as systemejer (track 2)."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.roller-besat",
            title_da="Ansvarlig for medarbejderressourcer",
            title_en="Responsible for staff resources",
            text_da=(
                "Kontorlederen er ansvarlig for, at de organisatoriske roller er besat, og at der "
                "er afsat relevante ressourcer til de øvrige roller i systemorganisationen jf. "
                "spor 2."
            ),
            text_en=(
                "The kontorleder makes sure the organisational roles are filled and that time is "
                "set aside for the other roles of the system organisation (track 2)."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.ressourcer-til-central-it",
            title_da="Ressourcer til samarbejdet med den centrale IT-afdeling",
            title_en="Time for working with the central IT-afdeling",
            text_da=(
                "Kontorlederen skal også afsætte ressourcer til samarbejdet med den centrale "
                "IT-afdeling."
            ),
            text_en=(
                "The kontorleder also sets aside time for working with the central IT department "
                "(IT-afdelingen)."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.mindst-en-superbruger",
            title_da="Mindst én superbruger per system",
            title_en="At least one super-user per system",
            text_da=(
                "Der skal altid udpeges mindst én superbruger per system (ofte flere, afhængig af "
                "systemets størrelse). Superbrugerne udpeges af kontorlederne."
            ),
            text_en=(
                "At least one super-user must always be appointed for each system (often more, "
                "depending on the system's size); the kontorledere appoint the super-users."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.ledermoeder",
            title_da="Ledermøder med digitalisering på agendaen",
            title_en="Leader meetings with digitalisation on the agenda",
            text_da=(
                "Kontorlederne deltager på ledermøder, der halvårligt har tematisk fokus på IT og "
                "digitalisering i forvaltningen og over mod den centrale IT-organisation."
            ),
            text_en=(
                "The kontorledere take part in the leader meetings that every half year focus on "
                "IT and digitalisation in the forvaltning and towards the central IT "
                "organisation."
            ),
            cadence=Cadence.HALF_YEARLY,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.kompetencer",
            title_da="Blik for fornødne kompetencer",
            title_en="An eye for the competences needed",
            text_da=(
                "Kontorlederne er forpligtet til at have øje for de kompetencer, der skal til nu "
                "og fremadrettet for at løse de opgaver, der er og som kommer – både i "
                "medarbejderudviklingssamtaler (MUS) og i rekrutteringer."
            ),
            text_en=(
                "The kontorledere watch for the competences needed now and later for today's and "
                "tomorrow's tasks, both in appraisal talks (MUS) and when recruiting."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.nysgerrighed",
            title_da="Opsøgende og nysgerrige ledere",
            title_en="Outgoing and curious leaders",
            text_da=(
                "Lederne er lige som medarbejderne forpligtet på at udleve principperne, herunder "
                "princippet om nysgerrighed, fx på konferencer, messer og i ERFA-netværk, der kan "
                "understøtte ens eget udsyn og inspirere."
            ),
            text_en=(
                "Like the employees, leaders are committed to living the principles, curiosity "
                "among them, for example at conferences, fairs and in experience-exchange (ERFA) "
                "networks that widen their outlook and inspire."
            ),
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
        Responsibility(
            key="kontorleder.chefgruppens-beslutninger",
            title_da="Orienterer sig i chefgruppens beslutninger",
            title_en="Follows chefgruppen's decisions",
            text_da="Lederne orienterer sig i chefgruppens beslutninger.",
            text_en="Leaders keep themselves informed of chefgruppen's decisions.",
            cadence=Cadence.ONGOING,
            section=LEDERE,
        ),
    ),
)

MEDARBEJDER = Role(
    key="medarbejder",
    name_da="Medarbejder",
    name_en="Employee",
    track=Track.LINJE,
    description_da=(
        "Alle medarbejdere i forvaltningen. Medarbejderne anvender IT-systemerne korrekt i det "
        "daglige arbejde, indberetter fejl og idéer, er digitale ambassadører over for borgere "
        "og virksomheder og leder opad ved at gøre deres leder opmærksom på manglende "
        "ressourcer eller kompetencer. En medarbejder kan aldrig være systemejer, men kan have "
        "de øvrige roller i systemorganisationen: systemansvarlig, systemadministrator og "
        "superbruger."
    ),
    description_en=(
        "Every employee of the forvaltning. Employees use the IT systems correctly in their "
        "daily work, report faults and ideas, act as digital ambassadors towards citizens and "
        "businesses, and lead upwards by telling their leader when resources or competences are "
        "missing. An employee can never be a system owner (systemejer), but may hold the other "
        "roles of the system organisation besides the job: systemansvarlig, "
        "systemadministrator and super-user."
    ),
    who_may_hold_da="Alle medarbejdere i forvaltningen.",
    who_may_hold_en="Every employee of the forvaltning.",
    relationship="MEMBER_OF",
    section=MEDARBEJDERE,
    line_level=LineLevel.MEDARBEJDER,
    aliases=("medarbejdere", "employee", "employees"),
    responsibilities=(
        Responsibility(
            key="medarbejder.lede-opad",
            title_da="Lede opad",
            title_en="Lead upwards",
            text_da=(
                "Alle medarbejdere har et ansvar for at lede opad og være opmærksomme på mangler, "
                "fx i forhold til ressourcer og kompetencer."
            ),
            text_en=(
                "Every employee is responsible for leading upwards and pointing out what is "
                "missing, for example resources or competences."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.anvendelse-af-it-systemer",
            title_da="Anvendelse af IT-systemer i opgaveløsningen",
            title_en="Using the IT systems in the work",
            text_da=(
                "Alle medarbejdere har et grundlæggende ansvar for at forstå og anvende "
                "IT-systemerne korrekt i deres daglige arbejde. De er proaktive i at søge viden om "
                "systemerne, følger etablerede retningslinjer og rapporterer eventuelle fejl eller "
                "mangler."
            ),
            text_en=(
                "Every employee is responsible for understanding and using the IT systems "
                "correctly in their daily work: seeking knowledge about them, following the "
                "established guidelines and reporting faults or shortcomings."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.digitale-ambassadoerer",
            title_da="Digitale ambassadører",
            title_en="Digital ambassadors",
            text_da=(
                "Medarbejderne er digitale ambassadører, også over for borgere og virksomheder: de "
                "opfordrer aktivt borgere til at benytte relevante systemer, hjælper og vejleder i "
                "brugen af dem i det omfang, de kan, og er loyale over for forvaltningens "
                "beslutning om at indkøbe og anvende systemerne."
            ),
            text_en=(
                "Employees are digital ambassadors, internally and towards citizens and "
                "businesses: they encourage citizens to use the relevant systems, help and guide "
                "them as far as they can, and are loyal to the forvaltning's decision to buy and "
                "use the systems."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.opsoeger-information",
            title_da="Opsøger selv information",
            title_en="Looks for information",
            text_da=(
                "Medarbejderne ved, hvor de skal finde information om IT og digitale løsninger på "
                "medarbejderportalen, og opsøger aktivt informationen."
            ),
            text_en=(
                "Employees know where to find information about IT and digital solutions on the "
                "staff portal and actively look for it."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.tilretning-af-arbejdsgange",
            title_da="Tilretning af arbejdsgange",
            title_en="Adapting work routines",
            text_da=(
                "Medarbejderne tilretter arbejdsgange til systemet, så det passer til god praksis "
                "på fagområdet."
            ),
            text_en=(
                "Employees adapt their work routines to the system so that it fits good practice "
                "in their field."
            ),
            cadence=Cadence.ON_CHANGE,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.kontakt-til-systemroller",
            title_da="Tæt kontakt til systemroller",
            title_en="Close contact with the system roles",
            text_da=(
                "Medarbejderne ved, hvem der er systemadministratorer og superbrugere på de "
                "systemer, de anvender, og sørger for at have tæt kontakt til systemadministrator."
            ),
            text_en=(
                "Employees know who the system administrators and super-users of the systems they "
                "use are, and keep in close contact with the system administrator."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
        Responsibility(
            key="medarbejder.fejl-forslag-og-tests",
            title_da="Fejl, forslag og tests",
            title_en="Faults, suggestions and tests",
            text_da=(
                "Medarbejderne understøtter indberetning af fejl og input til videreudvikling og "
                "brugen af nye teknologiske muligheder og kvalitetssikrer systemer, fx ved at "
                "deltage i tests."
            ),
            text_en=(
                "Employees report faults, suggest further development and new technological "
                "possibilities, and help assure the systems' quality, for example by taking part "
                "in tests."
            ),
            cadence=Cadence.ONGOING,
            section=MEDARBEJDERE,
        ),
    ),
)

LINE_ROLES: tuple[Role, ...] = (KONTORLEDER, MEDARBEJDER)
