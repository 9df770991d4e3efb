"""The forums the model names and the five digitalisation principles."""

from __future__ import annotations

from schema.governance.types import (
    CHEFER,
    JB_SEKRETARIATET,
    SYSTEMKOORDINATORER,
    Cadence,
    Forum,
    Principle,
)

_CONSULTANTS_DA = "JB-sekretariatets digitaliseringskonsulenter repræsenterer forvaltningen."
_CONSULTANTS_EN = "JB-sekretariatet's digitalisation consultants represent the forvaltning."

FORUMS: tuple[Forum, ...] = (
    Forum(
        key="dds",
        name="Den Digitale Styregruppe",
        short_name="DDS",
        name_en="The Digital Steering Group",
        description_da=(
            "Kommunens digitale styregruppe i den centrale IT-organisation. Chefen for "
            "JB-sekretariatet er forvaltningens repræsentant. I DDS nedsættes tværgående udvalg "
            "og fora, hvor medarbejdere eller ledere deltager, og systemkoordinatorerne sikrer "
            "ensartede sagsfremstillinger til styregruppen."
        ),
        description_en=(
            "The municipality's digital steering group in the central IT organisation. The head "
            "of JB-sekretariatet represents the forvaltning. DDS sets up cross-cutting committees "
            "and forums for employees and leaders, and the system coordinators send it uniform "
            "case papers."
        ),
        section=JB_SEKRETARIATET,
        required_representation=("chef",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="isu",
        name="Informationssikkerhedsudvalget",
        short_name="ISU",
        name_en="The Information Security Committee",
        description_da=(
            "Kommunens udvalg for informationssikkerhed i den centrale IT-organisation. Chefen "
            "for JB-sekretariatet er forvaltningens repræsentant."
        ),
        description_en=(
            "The municipality's information security committee in the central IT organisation. "
            "The head of JB-sekretariatet represents the forvaltning."
        ),
        section=JB_SEKRETARIATET,
        required_representation=("chef",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="systemkoordinatorforum",
        name="Systemkoordinatorforum",
        name_en="The System Coordinators' Forum",
        description_da=(
            "Tværgående forum i den centrale IT-organisation for forvaltningernes "
            "systemkoordinatorer. " + _CONSULTANTS_DA
        ),
        description_en=(
            "The central IT organisation's cross-cutting forum for the system coordinators of "
            "all forvaltninger. " + _CONSULTANTS_EN
        ),
        section=JB_SEKRETARIATET,
        required_representation=("digitaliseringskonsulent",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="webredaktoerudvalget",
        name="Webredaktørudvalget",
        name_en="The Web Editors' Committee",
        description_da=(
            "Tværgående udvalg for webredaktører i den centrale IT-organisation. " + _CONSULTANTS_DA
        ),
        description_en=(
            "The central IT organisation's cross-cutting committee of web editors. "
            + _CONSULTANTS_EN
        ),
        section=JB_SEKRETARIATET,
        required_representation=("digitaliseringskonsulent",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="acadreforum",
        name="Acadreforum",
        name_en="The Acadre Forum",
        description_da=(
            "Tværgående forum i den centrale IT-organisation om ESDH-systemet Acadre. "
            + _CONSULTANTS_DA
        ),
        description_en=(
            "The central IT organisation's cross-cutting forum on Acadre, the case and document "
            "management (ESDH) system. " + _CONSULTANTS_EN
        ),
        section=JB_SEKRETARIATET,
        required_representation=("digitaliseringskonsulent",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="superbrugerorganisation",
        name="Superbrugerorganisation",
        name_en="The Super-user Organisation",
        description_da=(
            "Den tværgående organisering af superbrugere i den centrale IT-organisation. "
            + _CONSULTANTS_DA
        ),
        description_en=(
            "The central IT organisation's cross-cutting organisation of super-users. "
            + _CONSULTANTS_EN
        ),
        section=JB_SEKRETARIATET,
        required_representation=("digitaliseringskonsulent",),
        from_secretariat=True,
        central=True,
    ),
    Forum(
        key="chefgruppen",
        name="Chefgruppen",
        name_en="The management group",
        description_da=(
            "Forvaltningens chefgruppe: direktøren og afdelingscheferne. Chefgruppen har "
            "beslutningskompetencen inden for IT og digitalisering og ansvaret for IT-kontoen, og "
            "drøfter kvartalsvist forvaltningens IT på grundlag af et overblik over "
            "systemejerskab og økonomi."
        ),
        description_en=(
            "The forvaltning's management group: the director and the heads of department. It "
            "holds the decision power on IT and digitalisation and the IT account, and every "
            "quarter discusses the forvaltning's IT with an overview of system ownership and "
            "economy."
        ),
        section=CHEFER,
        required_representation=("direktoer", "chef"),
        cadence=Cadence.QUARTERLY,
    ),
    Forum(
        key="it-visitationen",
        name="IT-visitationen",
        name_en="IT intake (IT-visitationen)",
        description_da=(
            "Den centrale IT-organisations visitation af ønsker om IT-løsninger. "
            "Systemkoordinatorerne sikrer ensartede sagsfremstillinger til IT-visitationen, og "
            "JB-sekretariatet hjælper med processen. Modellen nævner ikke, hvem der sidder i den."
        ),
        description_en=(
            "The central IT organisation's intake and assessment of requests for IT solutions. "
            "The system coordinators send it uniform case papers and JB-sekretariatet helps with "
            "the process; the model names no members."
        ),
        section=SYSTEMKOORDINATORER,
        central=True,
    ),
    Forum(
        key="ledermoeder",
        name="Ledermøder",
        name_en="Leader meetings",
        description_da=(
            "Forvaltningens ledermøder for chefer og kontorledere. Chefniveauet programsætter "
            "orientering, koordinering og drøftelser, og IT og digitalisering er tema hvert "
            "halve år."
        ),
        description_en=(
            "The forvaltning's meetings of chefs and kontorledere. The chefs set the agenda, and "
            "IT and digitalisation are the theme every half year."
        ),
        section=CHEFER,
        required_representation=("chef", "kontorleder"),
        cadence=Cadence.HALF_YEARLY,
    ),
)

PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        key="kerneopgaven",
        text_da="Digitalisering understøtter kerneopgaven og de faglige strategier",
        text_en="Digitalisation supports the core task and the professional strategies",
    ),
    Principle(
        key="sammen",
        text_da="Vi er sammen om den digitale udvikling",
        text_en="We develop digitally together",
    ),
    Principle(
        key="standardisering",
        text_da="Vi benytter os af standardisering hvor muligt",
        text_en="We standardise where possible",
    ),
    Principle(
        key="effektivisering",
        text_da="Vi anvender digitalisering som værktøj til effektivisering",
        text_en="We use digitalisation as a tool for efficiency",
    ),
    Principle(
        key="nysgerrighed",
        text_da="Vi er nysgerrige på den digitale udvikling",
        text_en="We are curious about digital development",
    ),
)
