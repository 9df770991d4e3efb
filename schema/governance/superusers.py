"""Track 2, the super-users: the generic superbruger and its three kinds.

The original lists the super-users' responsibilities once for all three kinds and adds that
which of them apply differs between the kinds. So the generic role declares them, and each kind
shares them and adds what the original says only of that kind.
"""

from __future__ import annotations

from schema.governance.types import SUPERBRUGERE, Cadence, Responsibility, Role, Track
from schema.model import SuperuserKind

_WHO_DA = "En medarbejder, udpeget af kontorlederen i sit eget kontor jf. spor 1."
_WHO_EN = "An employee, appointed by the kontorleder of their own office (track 1)."
_KIND_NOTE_DA = (
    " Derudover gælder superbrugerens ansvar og opgaver, i det omfang de er relevante for "
    "kategorien."
)
_KIND_NOTE_EN = (
    " Beyond that, the super-user's responsibilities apply as far as they are relevant to the kind."
)

SUPERBRUGER = Role(
    key="superbruger",
    name_da="Superbruger",
    name_en="Super-user",
    track=Track.SYSTEM,
    description_da=(
        "En superbruger er en medarbejder, der ved siden af sit arbejde er kollegernes første "
        "kontakt om et system: uddanner og støtter kolleger, udarbejder vejledninger, underviser "
        "når systemet implementeres eller ændres, og er leddet mellem brugerne og "
        "systemadministrationen. Kontorlederen udpeger kontorets superbrugere; der er mindst én "
        "per system, ofte flere. Modellen har tre kategorier – IT-, fag- og tekniske "
        "superbrugere; denne rolle bruges, når kategorien ikke kendes."
    ),
    description_en=(
        "A super-user is an employee who, besides their job, is the colleagues' first point of "
        "contact for a system: trains and supports them, writes guides, teaches when the system "
        "is introduced or changed, and carries ideas and problems between the users and the "
        "system administration. The kontorleder appoints the office's super-users; every system "
        "has at least one, often more. The model names three kinds — IT, line-of-business (fag) "
        "and technical super-users; this role stands for a super-user of unknown kind."
    ),
    who_may_hold_da=_WHO_DA,
    who_may_hold_en=_WHO_EN,
    relationship="SUPERUSER_OF",
    section=SUPERBRUGERE,
    weight=0.5,
    aliases=("superbrugere", "super-user", "super-users", "superuser", "superusers"),
    responsibilities=(
        Responsibility(
            key="superbruger.uddanner-og-stoetter",
            title_da="Uddanner og støtter i brugen af systemet",
            title_en="Trains and supports colleagues in using the system",
            text_da=(
                "Superbrugerne fungerer som brobyggere mellem teknologi og brugerne. De uddanner "
                "og støtter andre medarbejdere i brugen af IT-systemerne, sikrer at overgangen til "
                "nye teknologier eller systemopdateringer er glidende, og underviser nye og "
                "nuværende kolleger i systemfunktionaliteter."
            ),
            text_en=(
                "Super-users bridge technology and users: they train and support colleagues in "
                "using the IT systems, make the move to new technology or system updates smooth, "
                "and teach new and current colleagues the system's functions."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.primaer-kontaktperson",
            title_da="Medarbejdernes primære kontaktpersoner for spørgsmål og problemer",
            title_en="The employees' first contact for questions and problems",
            text_da=(
                "Superbrugerne er ofte de første, medarbejderne vender sig mod med spørgsmål eller "
                "problemer vedrørende systemet, og har til opgave at hjælpe og supportere kolleger "
                "i dagligdagen med systemrelaterede spørgsmål."
            ),
            text_en=(
                "Super-users are often the first people colleagues turn to with questions or "
                "problems about the system; they help and support colleagues with them day to day."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.vejledninger",
            title_da="Udarbejder vejledninger",
            title_en="Writes guides",
            text_da=(
                "Superbrugerne udarbejder vejledninger til kolleger om brug af systemet og nye "
                "funktioner."
            ),
            text_en=(
                "Super-users write guides for colleagues on using the system and its new functions."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.sparring-og-vidensdeling",
            title_da="Understøtter sparring og vidensdeling",
            title_en="Supports sparring and knowledge sharing",
            text_da=(
                "Superbrugerne spiller en central rolle i vidensdeling og kapacitetsopbygning og "
                "er ofte leddet mellem medarbejdere/brugere af systemet og systemadministrationen, "
                "som begge veje kan videregive informationer og gøre opmærksom på idéer og "
                "problemer."
            ),
            text_en=(
                "Super-users are central to knowledge sharing and capacity building, and are "
                "often the link between the system's users and its administration, passing "
                "information, ideas and problems both ways."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.indberetter-fejl",
            title_da="Indberetter fejl til leverandører",
            title_en="Reports faults to the vendor",
            text_da=(
                "Superbrugerne kan også indberette fejl til leverandører og følge op på "
                "problemløsning afhængigt af systemet."
            ),
            text_en=(
                "Depending on the system, super-users may also report faults to the vendor and "
                "follow up on their resolution."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.undervisning-ved-aendring",
            title_da="Ved ændring eller implementering af system",
            title_en="When a system is introduced or changed",
            text_da=(
                "Når et system skal implementeres eller ændres, deltager superbrugerne i at "
                "undervise kolleger, enten ved sidemandsoplæring eller mere struktureret. "
                "Superbrugeren vurderer også behovet for ekstra "
                "vejledninger/undervisningsmaterialer og får i så fald udarbejdet disse materialer."
            ),
            text_en=(
                "When a system is introduced or changed, super-users help teach their colleagues, "
                "side by side or more formally; they also judge whether extra guides or training "
                "material are needed and, if so, get them made."
            ),
            cadence=Cadence.ON_CHANGE,
            section=SUPERBRUGERE,
        ),
        Responsibility(
            key="superbruger.dialog-med-spor-2",
            title_da="Tilrettelægger tæt dialog med de øvrige roller i spor 2",
            title_en="Close dialog with the other roles of track 2",
            text_da=(
                "Superbrugeren sørger for at være i tæt dialog med systemadministrator og "
                "systemansvarlig for at kunne være i dialog med leverandør, og aftaler selv, "
                "hvordan dialogen tilrettelægges."
            ),
            text_en=(
                "The super-user keeps in close dialog with the system administrator and the "
                "systemansvarlig, so as to be in dialog with the vendor, and agrees how that "
                "dialog is arranged."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
    ),
)

_SHARED = tuple(r.key for r in SUPERBRUGER.responsibilities)

IT_SUPERBRUGER = Role(
    key="it-superbruger",
    name_da="IT-superbruger",
    name_en="IT super-user",
    track=Track.SYSTEM,
    description_da=(
        "En IT-superbruger assisterer kolleger ved de generelle kontorværktøjer: ESDH "
        "(elektronisk sags- og dokumenthåndtering), Office, internet og Diaform+." + _KIND_NOTE_DA
    ),
    description_en=(
        "An IT super-user helps colleagues with the general office tools: ESDH (electronic case "
        "and document management), Office, the internet and Diaform+." + _KIND_NOTE_EN
    ),
    who_may_hold_da=_WHO_DA,
    who_may_hold_en=_WHO_EN,
    relationship="SUPERUSER_OF",
    section=SUPERBRUGERE,
    kind=SuperuserKind.IT,
    weight=0.5,
    aliases=("it-superbrugere", "it super-user", "it super-users"),
    shares=_SHARED,
    responsibilities=(
        Responsibility(
            key="it-superbruger.kontorvaerktoejer",
            title_da="Assisterer ved ESDH, Office, internet og Diaform+",
            title_en="Helps with ESDH, Office, the internet and Diaform+",
            text_da="IT-superbrugere assisterer ved ESDH, Office, internet og Diaform+.",
            text_en=(
                "IT super-users help with ESDH (case and document management), Office, the "
                "internet and Diaform+."
            ),
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
    ),
)

FAG_SUPERBRUGER = Role(
    key="fag-superbruger",
    name_da="Fag-superbruger",
    name_en="Line-of-business super-user",
    track=Track.SYSTEM,
    description_da=(
        "En fag-superbruger hjælper kolleger med udfordringer i fagsystemerne, de systemer "
        "kontoret bruger til sin faglige opgaveløsning." + _KIND_NOTE_DA
    ),
    description_en=(
        "A fag-superbruger helps colleagues with problems in the line-of-business systems "
        "(fagsystemer), the systems an office uses for its own professional work." + _KIND_NOTE_EN
    ),
    who_may_hold_da=_WHO_DA,
    who_may_hold_en=_WHO_EN,
    relationship="SUPERUSER_OF",
    section=SUPERBRUGERE,
    kind=SuperuserKind.FAG,
    weight=0.5,
    aliases=("fag-superbrugere", "fagsuperbruger", "line-of-business super-user"),
    shares=_SHARED,
    responsibilities=(
        Responsibility(
            key="fag-superbruger.fagsystemer",
            title_da="Hjælper med udfordringer i fagsystemerne",
            title_en="Helps with the line-of-business systems",
            text_da="Fag-superbrugere hjælper med udfordringer i fagsystemerne.",
            text_en="Line-of-business super-users help with problems in the fagsystemer.",
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
    ),
)

TEKNISK_SUPERBRUGER = Role(
    key="teknisk-superbruger",
    name_da="Teknisk superbruger",
    name_en="Technical super-user",
    track=Track.SYSTEM,
    description_da=(
        "En teknisk superbruger låser brugere op og står for afhentning og opsætning af "
        "IT-udstyr." + _KIND_NOTE_DA
    ),
    description_en=(
        "A technical super-user unlocks user accounts and fetches and sets up IT equipment."
        + _KIND_NOTE_EN
    ),
    who_may_hold_da=_WHO_DA,
    who_may_hold_en=_WHO_EN,
    relationship="SUPERUSER_OF",
    section=SUPERBRUGERE,
    kind=SuperuserKind.TEKNISK,
    weight=0.5,
    aliases=("tekniske superbrugere", "teknisk-superbrugere", "technical super-user"),
    shares=_SHARED,
    responsibilities=(
        Responsibility(
            key="teknisk-superbruger.brugere-og-udstyr",
            title_da="Låser brugere op og sætter IT-udstyr op",
            title_en="Unlocks users and sets up IT equipment",
            text_da=(
                "Tekniske superbrugere låser brugere op og står for afhentning og opsætning af "
                "IT-udstyr."
            ),
            text_en="Technical super-users unlock users and fetch and set up IT equipment.",
            cadence=Cadence.ONGOING,
            section=SUPERBRUGERE,
        ),
    ),
)

SUPERUSER_ROLES: tuple[Role, ...] = (
    SUPERBRUGER,
    IT_SUPERBRUGER,
    FAG_SUPERBRUGER,
    TEKNISK_SUPERBRUGER,
)
