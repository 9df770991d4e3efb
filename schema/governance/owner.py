"""Track 2, the system organisation: the systemejer, who owns a system."""

from __future__ import annotations

from schema.governance.types import SYSTEMEJER, Cadence, Responsibility, Role, Track

SYSTEMEJER_ROLE = Role(
    key="systemejer",
    name_da="Systemejer",
    name_en="System owner",
    track=Track.SYSTEM,
    description_da=(
        "Systemejeren ejer et IT-system på forvaltningens vegne: underskriver kontrakter og "
        "aftaler med leverandøren, er risikoansvarlig og sikkerhedsansvarlig for systemet, er "
        "garant for at systemet er finansieret – anskaffelse, drift, vedligehold og udvikling – "
        "og tager løbende stilling til, om systemet fortsat er relevant. Systemejeren mødes "
        "halvårligt med en digitaliseringskonsulent fra JB-sekretariatet til en gennemgang af "
        "sine systemer. Rollen er en lederrolle og kan aldrig ligge på medarbejderniveau."
    ),
    description_en=(
        "The systemejer owns an IT system on behalf of the forvaltning: signs the contracts and "
        "agreements with the vendor, is the system's risk owner and security owner, guarantees "
        "that it is financed — acquisition, operation, maintenance and development — and keeps "
        "judging whether it is still the right system. Every half year the owner reviews their "
        "systems with a digitalisation consultant from JB-sekretariatet. Owning a system is a "
        "leader's role; an employee can never own one."
    ),
    who_may_hold_da=(
        "En kontorleder eller en chef – aldrig en medarbejder. En kontorleder kan kun eje et "
        "system, hvis kontoret er det eneste, der bruger det; bruger flere kontorer systemet, er "
        "chefen systemejer. Ejerskabet kan også ligge i den centrale IT-afdeling, hvis systemet "
        "anvendes af hele organisationen eller historisk er placeret der."
    ),
    who_may_hold_en=(
        "A kontorleder or a chef — never an employee. A kontorleder may own a system only when "
        "their office is its only user; when several offices use it, the chef owns it. "
        "Ownership may also sit in the central IT-afdeling when the whole organisation uses the "
        "system or it has historically been placed there."
    ),
    relationship="OWNS",
    section=SYSTEMEJER,
    critical=True,
    weight=1.0,
    aliases=("systemejere", "system owner", "system owners"),
    responsibilities=(
        Responsibility(
            key="systemejer.kontrakter-og-aftaler",
            title_da="Systemejer underskriver kontrakter og aftaler",
            title_en="Signs contracts and agreements",
            text_da="Systemejer underskriver kontrakter og aftaler med systemudbyderen.",
            text_en="The system owner signs the contracts and agreements with the vendor.",
            cadence=Cadence.ON_CHANGE,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.risiko-og-sikkerhed",
            title_da="Risikoansvarlig og sikkerhedsansvarlig",
            title_en="Risk owner and security owner",
            text_da="Systemejer er risikoansvarlig og sikkerhedsansvarlig for systemet.",
            text_en="The system owner is the system's risk owner and security owner.",
            cadence=Cadence.ONGOING,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.finansiering",
            title_da="Systemejer er ansvarlig for finansiering af systemet",
            title_en="Responsible for financing the system",
            text_da=(
                "Systemejer er garant for, at systemet er finansieret – ikke kun til anskaffelse – "
                "og afsætter midler til drift og vedligehold samt udvikling af systemet, uagtet om "
                "systemejer er på chef- eller lederniveau."
            ),
            text_en=(
                "The system owner guarantees that the system is financed — not only its "
                "acquisition — and sets money aside for its operation, maintenance and "
                "development, whether the owner is a chef or a kontorleder."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.kritisk-stillingtagen",
            title_da="Kritisk stillingtagen",
            title_en="Critical judgement",
            text_da=(
                "Systemejer tager løbende stilling til systemets bidrag til arbejdet i "
                "forvaltningen: Er systemet fortsat relevant? Er der noget smartere på markedet? "
                "Er der noget, der skal tilpasses eller udvikles?"
            ),
            text_en=(
                "The system owner keeps judging what the system adds to the forvaltning's work: "
                "is it still relevant, is there something smarter on the market, does anything "
                "need adapting or developing?"
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.deling-af-information",
            title_da="Ansvar for deling af information og viden",
            title_en="Sharing information and knowledge",
            text_da=(
                "Systemejer har ansvaret for, at vigtig information fra systemleverandør og den "
                "centrale IT-afdeling videreformidles til relevante funktioner i "
                "systemorganisationen."
            ),
            text_en=(
                "The system owner makes sure that important information from the vendor and the "
                "central IT-afdeling reaches the right people in the system organisation."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.digitale-kompetencer",
            title_da="Sikrer udvikling af digitale kompetencer",
            title_en="Develops digital competences",
            text_da=(
                "Systemejer sætter den digitale dagsorden og sikrer udviklingen af digitale "
                "kompetencer i samarbejde med kontorlederniveauet i linjeorganisationen jf. "
                "spor 1."
            ),
            text_en=(
                "The system owner sets the digital agenda and makes sure digital competences "
                "grow, together with the kontorleder level of the line organisation (track 1)."
            ),
            cadence=Cadence.ONGOING,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.anskaffelsesprocedure",
            title_da="Følger procedure for anskaffelse af IT-løsninger",
            title_en="Follows the procedure for acquiring IT solutions",
            text_da=(
                'Ved ønske om anskaffelse af et nyt system følger systemejer "Procedure for '
                'anskaffelse af IT-løsninger" og sørger for, at medarbejderne kender til '
                "proceduren."
            ),
            text_en=(
                "When a new system is wanted, the system owner follows the procedure for "
                'acquiring IT solutions ("Procedure for anskaffelse af IT-løsninger") and makes '
                "sure the employees know it."
            ),
            cadence=Cadence.ON_CHANGE,
            section=SYSTEMEJER,
        ),
        Responsibility(
            key="systemejer.halvaarlig-gennemgang",
            title_da="Halvårlig gennemgang af ejede IT-systemer",
            title_en="Half-yearly review of owned IT systems",
            text_da=(
                "Systemejer mødes halvårligt med en digitaliseringskonsulent fra JB-sekretariatet "
                "til en gennemgang af ejede IT-systemer, herunder løbende evaluering af systemet "
                "samt en drøftelse af drifts- og udviklingsmæssige ønsker og perspektiver."
            ),
            text_en=(
                "Every half year the system owner meets a digitalisation consultant from "
                "JB-sekretariatet to review the systems they own: an evaluation of each system "
                "and a discussion of wishes and prospects for its operation and development."
            ),
            cadence=Cadence.HALF_YEARLY,
            section=SYSTEMEJER,
        ),
    ),
)
