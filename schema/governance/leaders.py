"""Track 1, the line organisation's leaders: the director and the chefs (section "Chefer")."""

from __future__ import annotations

from schema.governance.types import CHEFER, Cadence, Responsibility, Role, Track
from schema.model import LineLevel

CHEF = Role(
    key="chef",
    name_da="Chef",
    name_en="Head of department",
    track=Track.LINJE,
    description_da=(
        "En chef leder en afdeling (afdelingschef) eller JB-sekretariatet. Sammen med direktøren "
        "udgør cheferne chefgruppen, som har beslutningskompetencen inden for IT og "
        "digitalisering i forvaltningen, ansvaret for forvaltningens IT-konto og for den "
        "strategiske udvikling af IT-systemerne. En chef er systemejer for de systemer, som "
        "flere kontorer bruger, og chefen for JB-sekretariatet repræsenterer forvaltningen i Den "
        "Digitale Styregruppe (DDS) og Informationssikkerhedsudvalget (ISU)."
    ),
    description_en=(
        "A chef heads a department (afdelingschef) or JB-sekretariatet, the secretariat that "
        "serves both departments. With the director the chefs form chefgruppen, the management "
        "group that holds the decision power on IT and digitalisation in the forvaltning, "
        "answers for its IT account and steers the strategic development of its IT systems. A "
        "chef owns the systems that several offices use (see systemejer), and the head of "
        "JB-sekretariatet represents the forvaltning in the central IT organisation's steering "
        "group (DDS) and information security committee (ISU)."
    ),
    who_may_hold_da="Afdelingscheferne og chefen for JB-sekretariatet.",
    who_may_hold_en="The heads of department and the head of JB-sekretariatet.",
    relationship="MANAGES",
    section=CHEFER,
    line_level=LineLevel.CHEF,
    aliases=("chefer", "afdelingschef", "afdelingschefer", "department head", "department heads"),
    responsibilities=(
        Responsibility(
            key="chef.beslutningskompetence",
            title_da="Overordnet beslutningskompetence",
            title_en="Decision power",
            text_da=(
                "Afdelingscheferne har beslutningskompetencen inden for IT- og "
                "digitaliseringsspørgsmål i forvaltningen."
            ),
            text_en=(
                "The heads of department hold the decision power on IT and digitalisation "
                "questions in the forvaltning."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.it-konto",
            title_da="Overordnet økonomisk ansvar",
            title_en="Overall financial responsibility",
            text_da=(
                "Chefgruppen har ansvar for forvaltningens IT-konto. Kontoen kan tilføres midler "
                "direkte fra chefgruppen eller fra systemejere, der ønsker tilføjelser til "
                "eksisterende systemer som fx moduler, kompetenceudvikling eller ekstern "
                "konsulentydelse."
            ),
            text_en=(
                "Chefgruppen answers for the forvaltning's IT account. Money can come to it "
                "directly from chefgruppen or from system owners who want additions to existing "
                "systems, such as modules, competence development or external consultancy."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.overskud-paa-it-kontoen",
            title_da="Disponering af overskud på IT-kontoen",
            title_en="Use of a surplus on the IT account",
            text_da=(
                "Ved evt. overskud på IT-kontoen disponerer chefgruppen over midlerne, herunder at "
                "tage stilling til eventuelt tilbageløb til den afdeling, der oprindeligt har "
                "finansieret systemet."
            ),
            text_en=(
                "Chefgruppen decides how any surplus on the IT account is spent, including "
                "whether it goes back to the department that originally financed the system."
            ),
            cadence=Cadence.ON_CHANGE,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.uforudsete-omkostninger",
            title_da="Fælles ansvar for uforudsete omkostninger",
            title_en="Shared responsibility for unforeseen costs",
            text_da=(
                "Chefgruppen har fælles ansvar for uforudsete omkostninger, fx pludselige "
                "prisstigninger."
            ),
            text_en=(
                "Chefgruppen shares the responsibility for unforeseen costs, such as sudden "
                "price rises."
            ),
            cadence=Cadence.ON_CHANGE,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.initiativer-paa-tvaers",
            title_da="Initiativer på tværs af chefgruppen",
            title_en="Initiatives across chefgruppen",
            text_da=(
                "Chefgruppen kan selv initiere nye initiativer på tværs af chefgruppen, fx indkøb "
                "og kompetenceudvikling, for midler på IT-kontoen."
            ),
            text_en=(
                "Chefgruppen may itself start new initiatives across the management group, such "
                "as purchases or competence development, paid from the IT account."
            ),
            cadence=Cadence.ON_CHANGE,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.strategisk-overblik",
            title_da="Strategisk overblik og efterlevelse af principper",
            title_en="Strategic overview and adherence to the principles",
            text_da=(
                "Chefgruppen har med det overordnede økonomiske ansvar ligeledes ansvar for den "
                "strategiske udvikling af IT-systemer i forvaltningen, herunder for at følge og "
                "anvende de vedtagne digitaliseringsprincipper."
            ),
            text_en=(
                "With the overall financial responsibility, chefgruppen also answers for the "
                "strategic development of the forvaltning's IT systems, including following and "
                "applying the adopted digitalisation principles."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.samarbejde-med-central-it",
            title_da="Samarbejder med den centrale IT-organisering",
            title_en="Works with the central IT organisation",
            text_da=(
                "En chef deltager aktivt i relevante fora i samarbejdet med den centrale "
                "IT-organisation (fx Den Digitale Styregruppe, DDS) og bidrager med gensidig "
                "videndeling, koordinering og med at løse projekter og samarbejder på tværs."
            ),
            text_en=(
                "A chef takes an active part in the relevant forums of the central IT "
                "organisation (for example the digital steering group, DDS) and contributes "
                "knowledge sharing, coordination and work on cross-cutting projects."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.kvartalsvis-it-droeftelse",
            title_da="Sager indføres i chefgruppens årshjul",
            title_en="IT on chefgruppen's yearly calendar",
            text_da=(
                "Kvartalsvist drøfter chefgruppen forvaltningens IT ud fra et strategisk "
                "perspektiv og økonomisk overblik, herunder ønsker til nyanskaffelser, drift, "
                "udvikling samt relevans."
            ),
            text_en=(
                "Every quarter chefgruppen discusses the forvaltning's IT from a strategic "
                "perspective and with an economic overview, including wishes for new "
                "acquisitions, operation, development and continued relevance."
            ),
            cadence=Cadence.QUARTERLY,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.kvartalsvist-overblik",
            title_da="Overblik over systemejerskab og økonomi",
            title_en="Overview of system ownership and economy",
            text_da=(
                "Chefgruppen er garant for sammenhængen med digitaliseringsprincipperne og "
                "udmøntningen af governancemodellen og modtager derfor til de kvartalsvise "
                "drøftelser et overblik over systemejerskab og økonomi."
            ),
            text_en=(
                "Chefgruppen guarantees that IT follows the digitalisation principles and the "
                "governance model, and so receives an overview of system ownership and economy "
                "for its quarterly discussions."
            ),
            cadence=Cadence.QUARTERLY,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.dds-og-isu",
            title_da="Deltagelse i den centrale IT-organisering",
            title_en="A seat in the central IT organisation",
            text_da=(
                "En chef fra forvaltningen deltager som hidtil i Den Digitale Styregruppe (DDS) "
                "og Informationssikkerhedsudvalget (ISU)."
            ),
            text_en=(
                "A chef from the forvaltning sits, as before, in the digital steering group (DDS) "
                "and the information security committee (ISU)."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
        Responsibility(
            key="chef.halvaarligt-it-tema",
            title_da="Halvårligt tema på ledermøder i forvaltningen",
            title_en="Half-yearly IT theme at the forvaltning's leader meetings",
            text_da=(
                "Chefniveauet sørger for at programsætte orientering, koordinering og drøftelser "
                "på ledermøder i forvaltningen efter behov. Det tematiske fokus på IT og "
                "digitalisering bibeholdes halvårligt på ledermøder."
            ),
            text_en=(
                "The chefs put information, coordination and discussion on the agenda of the "
                "forvaltning's leader meetings as needed, and keep IT and digitalisation as a "
                "theme of the leader meetings every half year."
            ),
            cadence=Cadence.HALF_YEARLY,
            section=CHEFER,
        ),
    ),
)

DIREKTOER = Role(
    key="direktoer",
    name_da="Direktør",
    name_en="Director",
    track=Track.LINJE,
    description_da=(
        "Direktøren er forvaltningens øverste leder. Direktøren har det overordnede "
        "beslutningsmandat og indgår i chefgruppen sammen med afdelingscheferne og deler derfor "
        "chefgruppens ansvar for IT-kontoen, den strategiske udvikling af IT-systemerne og de "
        "kvartalsvise drøftelser af forvaltningens IT. Modellen beskriver direktøren under "
        "chefniveauet i spor 1."
    ),
    description_en=(
        "The director heads the forvaltning. The director holds the overall decision mandate "
        "and sits in chefgruppen with the heads of department, and so shares chefgruppen's "
        "responsibility for the IT account, the strategic development of the IT systems and "
        "the quarterly discussions of the forvaltning's IT. The model describes the director "
        "under the chef level of track 1."
    ),
    who_may_hold_da="Forvaltningens direktør.",
    who_may_hold_en="The forvaltning's director.",
    relationship="MANAGES",
    section=CHEFER,
    line_level=LineLevel.DIREKTOER,
    aliases=("direktor", "director", "forvaltningsdirektør"),
    shares=(
        "chef.it-konto",
        "chef.overskud-paa-it-kontoen",
        "chef.uforudsete-omkostninger",
        "chef.initiativer-paa-tvaers",
        "chef.strategisk-overblik",
        "chef.kvartalsvis-it-droeftelse",
        "chef.kvartalsvist-overblik",
    ),
    responsibilities=(
        Responsibility(
            key="direktoer.overordnet-beslutningsmandat",
            title_da="Overordnet beslutningsmandat",
            title_en="Overall decision mandate",
            text_da=(
                "Direktøren har det overordnede beslutningsmandat og indgår i chefgruppen, som "
                "kvartalsvist drøfter forvaltningens IT."
            ),
            text_en=(
                "The director holds the overall decision mandate and sits in chefgruppen, which "
                "discusses the forvaltning's IT every quarter."
            ),
            cadence=Cadence.ONGOING,
            section=CHEFER,
        ),
    ),
)

LEADER_ROLES: tuple[Role, ...] = (DIREKTOER, CHEF)
