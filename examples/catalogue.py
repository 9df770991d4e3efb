"""The fictional forvaltning "Jobcenter og Borgerservice" as data: units, names, systems, roles.

Everything here is invented. Role holders are written as handles that ``organisation.py``
resolves to people: ``dir``, ``chef:JC``, ``kl:JC-SYG`` (the kontorleder of an office),
``dk1`` (a digitaliseringskonsulent), ``sup1`` (IT support in JB-sekretariatet), ``it:adm1``
(central IT), ``ext:kjaer`` (a consultant HR does not know), ``s:BS-PAS:2`` (the third
employee of an office), ``leaver:A``/``leaver:B``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

SEED = 20261101
SNAPSHOT = date(2026, 11, 1)  # the OPUS file's date; the previous dump is a month older
PREVIOUS = date(2026, 10, 1)
DOMAIN = "oestby.dk"
CLIENT = "751"

# code: (OPUS id, name, short name, parent code, orgTypeTxt, staff count)
UNITS: dict[str, tuple[str, str, str, str | None, str, int]] = {
    "K": ("000001", "Østby Kommune", "OK", None, "Kommune", 0),
    "BA": ("000100", "Borgmesterens Afdeling", "BA", "K", "Magistratsafdeling", 0),
    "IT": ("000110", "IT-afdelingen", "BA-IT", "BA", "Afdeling", 0),
    "JB": ("010000", "Jobcenter og Borgerservice", "JB", "K", "Magistratsafdeling", 0),
    "SEK": ("010100", "JB-sekretariatet", "JB-SEK", "JB", "Sekretariat", 0),
    "JC": ("011000", "Jobcenter", "JC", "JB", "Afdeling", 0),
    "BS": ("012000", "Borgerservice", "BS", "JB", "Afdeling", 0),
    "JC-UNG": ("011010", "Jobcenter Unge", "JC-UNG", "JC", "Kontor", 22),
    "JC-VIR": ("011020", "Jobcenter Virksomhedsservice", "JC-VIR", "JC", "Kontor", 16),
    "JC-SYG": ("011030", "Jobcenter Sygedagpenge", "JC-SYG", "JC", "Kontor", 20),
    "JC-FLX": ("011040", "Jobcenter Fleksjob og Ressourceforløb", "JC-FLX", "JC", "Kontor", 18),
    "JC-INT": ("011050", "Jobcenter Integration", "JC-INT", "JC", "Kontor", 16),
    "JC-JA": ("011060", "Jobcenter Job og Aktivering", "JC-JA", "JC", "Kontor", 24),
    "JC-REH": ("011070", "Jobcenter Rehabilitering", "JC-REH", "JC", "Kontor", 14),
    "BS-PAS": ("012010", "Borgerservice Pas og Kørekort", "BS-PAS", "BS", "Kontor", 14),
    "BS-YD": ("012020", "Borgerservice Ydelser", "BS-YD", "BS", "Kontor", 20),
    "BS-PEN": ("012030", "Borgerservice Pension og Boligstøtte", "BS-PEN", "BS", "Kontor", 16),
    "BS-KC": ("012040", "Borgerservice Kontaktcenter", "BS-KC", "BS", "Kontor", 22),
    "BS-FOLK": ("012050", "Borgerservice Folkeregister", "BS-FOLK", "BS", "Kontor", 12),
}
OFFICE_WITHOUT_LEADER = "BS-FOLK"
# A unit KITOS knows but HR does not (DQ-02); and one KITOS holds without unitId (name match).
KITOS_ONLY_UNIT = ("011090", "Jobcenter Projektenheden")
KITOS_UNIT_WITHOUT_ID = "BS-KC"

# fmt: off
POSITIONS = {
    "JC": ("Jobkonsulent", "Sagsbehandler", "Virksomhedskonsulent", "Socialrådgiver",
           "Administrativ medarbejder", "Mentor"),
    "BS": ("Borgerservicemedarbejder", "Sagsbehandler", "Ydelsesrådgiver", "Kontorfuldmægtig",
           "Administrativ medarbejder"),
}
# fmt: on

# handle: (first name, last name, unit code, position, is manager)
NAMED: dict[str, tuple[str, str, str, str, bool]] = {
    "dir": ("Birgitte", "Vestergaard", "JB", "Direktør", True),
    "chef:SEK": ("Henrik", "Damgaard", "SEK", "Sekretariatschef", True),
    "chef:JC": ("Lone", "Kristiansen", "JC", "Jobcenterchef", True),
    "chef:BS": ("Per", "Winther", "BS", "Borgerservicechef", True),
    "dk1": ("Signe", "Bech", "SEK", "Digitaliseringskonsulent", False),
    "dk2": ("Rasmus", "Friis", "SEK", "Digitaliseringskonsulent", False),
    "dk3": ("Maja", "Lauridsen", "SEK", "Digitaliseringskonsulent", False),
    "dk4": ("Ahmed", "Hussein", "SEK", "Digitaliseringskonsulent", False),
    "sup1": ("Morten", "Krogh", "SEK", "IT-supporter", False),
    "sup2": ("Tina", "Juhl", "SEK", "IT-supporter", False),
    "sup3": ("Kasper", "Nissen", "SEK", "IT-supporter", False),
    "sek1": ("Dorthe", "Bak", "SEK", "Økonomikonsulent", False),
    "sek2": ("Jonas", "Brandt", "SEK", "Administrativ medarbejder", False),
    "sek3": ("Heidi", "Mogensen", "SEK", "Administrativ medarbejder", False),
    "sek4": ("Claus", "Iversen", "SEK", "Specialkonsulent", False),
    "it:chef": ("Jørgen", "Dahl", "IT", "IT-chef", True),
    "it:adm1": ("Allan", "Jeppesen", "IT", "Systemadministrator", False),
    "it:adm2": ("Stine", "Simonsen", "IT", "Systemadministrator", False),
    "it:adm3": ("Sofie", "Kjeldsen", "IT", "Systemadministrator", False),
    "it:adm4": ("Thomas", "Overgaard", "IT", "Systemadministrator", False),
    "it:ark": ("Nikolaj", "Eriksen", "IT", "IT-arkitekt", False),
    "it:sik": ("Camilla", "Svendsen", "IT", "Informationssikkerhedskoordinator", False),
    "it:pl": ("Troels", "Andreasen", "IT", "Projektleder", False),
    # Left before the snapshot (past leaveDate), still holding roles: GM-13.
    "leaver:A": ("Karen", "Thomsen", "SEK", "Digitaliseringskonsulent", False),
    # In the previous dump; `action="leave"` in the snapshot: GM-13 (or DQ-01 alone).
    "leaver:B": ("Brian", "Lund", "BS-YD", "Ydelsesrådgiver", False),
    # Active, but engaged in a unit HR no longer holds (CLOSED_UNIT_ID): DQ-03.
    "nounit": ("Emil", "Yilmaz", "", "Vikar", False),
}
CLOSED_UNIT_ID = "011099"
LEAVER_A_LEFT = date(2026, 10, 15)
FUTURE_LEAVER = "kl:BS-PEN"  # resigned; leaves 31-01-2027
FUTURE_LEAVE_DATE = date(2027, 1, 31)
# KITOS users HR does not hold (DQ-01).
EXTERNAL = {"ext:kjaer": ("Jens", "Kjær", "jens.kjaer@netcompany-konsulent.dk")}
# KITOS spells these users' e-mails with other casing than HR.
CASED_EMAILS = ("chef:JC", "dk2", "kl:JC-UNG", "sup2")

# fmt: off
FIRST_NAMES = (
    "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne",
    "Pia", "Louise", "Charlotte", "Bente", "Inge", "Julie", "Sofie", "Ida", "Emma", "Line",
    "Trine", "Rikke", "Cecilie", "Nanna", "Jette", "Mia", "Sara", "Anja", "Katrine", "Malene",
    "Tanja", "Fatima", "Aisha", "Jens", "Peter", "Lars", "Michael", "Søren", "Thomas", "Jan",
    "Niels", "Jesper", "Anders", "Martin", "Christian", "Mads", "Kim", "Ole", "Hans", "Jakob",
    "Mikkel", "Simon", "Frederik", "Steffen", "Torben", "Bo", "Erik", "Kristian", "Kenneth",
    "Thor", "Ali", "Omar",
)
# fmt: on
# fmt: off
LAST_NAMES = (
    "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen",
    "Rasmussen", "Jørgensen", "Petersen", "Madsen", "Kristensen", "Olsen", "Christiansen",
    "Poulsen", "Johansen", "Møller", "Mortensen", "Knudsen", "Jakobsen", "Mikkelsen",
    "Frederiksen", "Laursen", "Østergaard", "Holm", "Schmidt", "Clausen", "Kjeldsen",
    "Overgaard", "Skov", "Bruun", "Lindberg", "Ali", "Nguyen", "Demir", "Khan",
)
# fmt: on

# key: (name, cvr or None). All CVR numbers here are invented.
VENDORS: dict[str, tuple[str, str | None]] = {
    "kmd": ("KMD A/S", "90000101"),
    "netcompany": ("Netcompany A/S", "90000102"),
    "systematic": ("Systematic A/S", "90000103"),
    "schultz": ("Schultz Information A/S", "90000104"),
    "formpipe": ("Formpipe Software A/S", "90000105"),
    "kombit": ("KOMBIT A/S", "90000106"),
    "star": ("Styrelsen for Arbejdsmarked og Rekruttering", "90000107"),
    "fujitsu": ("Fujitsu A/S", "90000108"),
    "qmatic": ("Qmatic Danmark ApS", None),
    "frontdesk": ("Frontdesk ApS", "90000110"),
    "puzzel": ("Puzzel A/S", None),
    "microsoft": ("Microsoft Danmark ApS", "90000112"),
    "unit4": ("Unit4 A/S", "90000113"),
    "digst": ("Digitaliseringsstyrelsen", "90000114"),
    "erst": ("Erhvervsstyrelsen", "90000115"),
    "udk": ("Udbetaling Danmark", "90000116"),
    "politi": ("Rigspolitiet", None),
    "fstyr": ("Færdselsstyrelsen", "90000118"),
    "tolk": ("Tolkdanmark ApS", None),
    "boost": ("boost.ai AS", None),
    "workbase": ("Workbase ApS", None),
    "novicell": ("Novicell A/S", "90000122"),
    "diaform": ("Diaform ApS", None),
}

# Expected-user bands as KITOS holds them: (lowerBound, upperBound or None).
SMALL, MEDIUM, LARGE, HUGE = (0, 10), (10, 50), (50, 100), (100, None)


@dataclass(frozen=True, slots=True)
class SystemSpec:
    """One system in use in KITOS, with its roles and what the register says about it."""

    local_id: str | None
    name: str
    vendor: str
    using: tuple[str, ...]
    responsible: str
    roles: dict[str, tuple[str, ...]]
    band: tuple[int, int | None] = MEDIUM
    kind: str = "Fag-superbruger"  # the register's Type for its super-users
    local_name: str | None = None
    lifecycle: str = "Operational"
    valid_from: date | None = None
    valid_to: date | None = None  # KITOS: the last valid day
    risk: tuple[str, date | None, date | None] = ("Yes", date(2025, 3, 12), date(2027, 3, 1))
    personal_data: bool = True
    dpa: str | None = "Ja"  # the register's Databehandleraftale; None: no row in Systemer
    financing: str | None = "default"
    hosted_at: str = "External"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def in_use(self) -> bool:
        """False for systems KITOS marks phasing out or not in use."""
        return self.lifecycle not in ("NotInUse", "PhasingOut")


JC_ALL = ("JC-UNG", "JC-VIR", "JC-SYG", "JC-FLX", "JC-INT", "JC-JA", "JC-REH")
BS_ALL = ("BS-PAS", "BS-YD", "BS-PEN", "BS-KC", "BS-FOLK")
ALL_OFFICES = ("SEK", *JC_ALL, *BS_ALL)
OWNER, RESP, ADMIN, SU = "Systemejer", "Systemansvarlig", "Systemadminstrator", "Superbruger"

# fmt: off
SYSTEMS: tuple[SystemSpec, ...] = (
    SystemSpec("JB-001", "Acadre", "formpipe", ALL_OFFICES, "SEK", {
        OWNER: ("chef:SEK",), RESP: ("dk1",), ADMIN: ("sup1", "sup2"),
        SU: ("s:JC-UNG:0", "s:JC-SYG:0", "s:JC-JA:0", "s:BS-YD:0", "s:BS-KC:0", "s:BS-PEN:0",
             "sek4", "leaver:B"),
        "Forretningsejer": ("dir",)}, HUGE, "IT-superbruger", "Acadre ESDH",
        hosted_at="OnPremise"),
    SystemSpec("JB-002", "Momentum", "netcompany", (*JC_ALL, "KITOS-ONLY"), "JC", {
        OWNER: ("chef:JC",), RESP: ("dk2",), ADMIN: ("sup1", "ext:kjaer"),
        SU: ("s:JC-JA:1",)}, HUGE),
    SystemSpec("JB-003", "KMD Opera", "kmd", ("BS-YD", "BS-PEN"), "BS", {
        OWNER: ("chef:BS",), RESP: ("s:BS-YD:2",), ADMIN: ("sup1", "sup3"),
        SU: ("s:BS-YD:3", "s:BS-PEN:1")}, local_name="Opera"),
    SystemSpec("JB-004", "Fasit", "schultz", ("JC-SYG", "JC-REH", "JC-FLX"), "JC", {
        OWNER: ("chef:JC", "kl:JC-SYG"), RESP: ("dk2",), ADMIN: ("sup1",),
        SU: ("s:JC-SYG:1", "s:JC-REH:0", "s:JC-FLX:1")}),
    SystemSpec("JB-005", "Workzone", "kmd", ("SEK",), "SEK", {}, lifecycle="PhasingOut",
               valid_to=date(2027, 6, 30), kind="IT-superbruger"),
    SystemSpec("JB-006", "SBSYS", "fujitsu", (), "SEK", {}, SMALL, lifecycle="NotInUse",
               valid_to=date(2024, 12, 31)),
    SystemSpec("JB-007", "Digital Post", "digst", ALL_OFFICES, "IT", {
        OWNER: ("it:chef",), RESP: ("it:adm1",), ADMIN: ("it:adm1", "it:adm2"),
        SU: ("dk3", "s:JC-INT:0", "s:JC-UNG:1", "s:BS-KC:1", "s:BS-PAS:0", "s:BS-FOLK:0")},
        HUGE, "IT-superbruger"),
    SystemSpec("JB-008", "Borgerservice-kø", "qmatic", ("BS-PAS", "BS-KC", "BS-FOLK"), "BS", {
        OWNER: ("chef:BS",), RESP: ("s:BS-PAS:1",), SU: ("s:BS-PAS:2", "s:BS-KC:2")},
        kind="Teknisk superbruger", local_name="Qmatic", hosted_at="OnPremise"),
    SystemSpec("JB-009", "Nexus", "systematic", ("JC-REH",), "JC-REH", {
        OWNER: ("kl:JC-REH",), RESP: ("s:JC-REH:1",), ADMIN: ("it:adm2",),
        SU: ("s:JC-REH:2",)}, SMALL),
    SystemSpec("JB-010", "KY", "netcompany", ("BS-YD", "JC-JA"), "BS", {
        OWNER: ("chef:BS",), RESP: ("dk3",), ADMIN: ("sup1", "sup2"),
        SU: ("s:BS-YD:4", "s:BS-YD:5", "s:JC-JA:2", "s:JC-JA:3"), "Dataejer": ("kl:BS-YD",)},
        LARGE, local_name="Kommunernes Ydelsessystem",
        risk=("Yes", date(2024, 3, 1), date(2026, 3, 1))),
    SystemSpec("JB-011", "DFDG", "star", ("JC-JA", "JC-UNG", "JC-SYG", "JC-FLX", "JC-INT"), "JC", {
        OWNER: ("chef:JC",), RESP: ("dk4",), ADMIN: ("sup2", "it:adm2"),
        SU: ("s:JC-UNG:2", "s:JC-SYG:2", "s:JC-FLX:2", "s:JC-INT:1")}, LARGE,
        local_name="Det Fælles Datagrundlag"),
    SystemSpec("JB-012", "Jobnet", "star", ("JC-JA", "JC-UNG"), "JC-JA", {
        OWNER: ("s:JC-JA:4",), RESP: ("s:JC-JA:5",), ADMIN: ("sup1",),
        SU: ("s:JC-JA:6", "s:JC-UNG:3")}),
    SystemSpec("JB-013", "Fleksjob", "kmd", ("JC-FLX", "JC-SYG"), "JC-FLX", {
        OWNER: ("kl:JC-FLX",), RESP: ("s:JC-FLX:3",), ADMIN: ("sup2",),
        SU: ("s:JC-FLX:4", "s:JC-SYG:3")}, local_name="Fleksjobportalen"),
    SystemSpec("JB-014", "Serviceplatformen", "kombit", ("SEK",), "IT", {
        OWNER: ("it:chef",), RESP: ("it:ark",), ADMIN: ("it:adm1",), SU: ("dk4",)}, SMALL,
        "IT-superbruger"),
    SystemSpec("JB-015", "NemRefusion", "erst", ("JC-SYG", "BS-YD"), "JC", {
        OWNER: ("chef:JC",), ADMIN: ("sup1",), SU: ("s:JC-SYG:4", "s:BS-YD:6")}),
    SystemSpec("JB-016", "Doc2Mail", "kmd", ("SEK", "BS-YD", "BS-PEN", "JC-JA"), "SEK", {
        RESP: ("dk1",), ADMIN: ("leaver:A", "sup3"),
        SU: ("s:BS-YD:7", "s:JC-JA:7", "sek2")}, LARGE, "IT-superbruger"),
    SystemSpec("JB-017", "Unit4 ERP", "unit4", ("SEK",), "IT", {
        OWNER: ("it:chef",), RESP: ("sek1",), ADMIN: ("it:adm2",), SU: ("sek3",)}, SMALL,
        local_name="Økonomisystem"),
    SystemSpec("JB-018", "SAPA", "kombit", (), "SEK", {
        OWNER: ("dir",), RESP: ("dk3",), ADMIN: ("sup2",), SU: ("dk3",)},
        local_name="Sammenhængende Partsoverblik"),
    SystemSpec("JB-019", "Fjernprint", "kombit", ("JC-INT", "BS-PEN"), "SEK", {
        OWNER: ("chef:SEK",), RESP: ("leaver:A",), ADMIN: ("sup1",), SU: ("s:BS-PEN:2",)},
        kind="IT-superbruger"),
    SystemSpec(None, "MitID Erhverv", "digst", ("SEK",), "IT", {
        OWNER: ("it:chef",), RESP: ("it:sik",), ADMIN: ("it:adm3",), SU: ("sup3",)},
        kind="IT-superbruger", personal_data=False, dpa="Ikke relevant"),
    SystemSpec("JB-021", "CPR Direkte", "kmd", ("BS-FOLK", "BS-PAS", "BS-YD"), "BS", {
        OWNER: ("chef:BS",), RESP: ("s:BS-FOLK:1",), ADMIN: ("sup3",),
        SU: ("s:BS-FOLK:2", "s:BS-PAS:3")}),
    SystemSpec("JB-022", "Pas- og kørekortsystemet", "politi", ("BS-PAS",), "BS-PAS", {
        OWNER: ("kl:BS-PAS",), RESP: ("s:BS-PAS:4",), ADMIN: ("it:adm3",),
        SU: ("s:BS-PAS:5", "s:BS-PAS:6")}, local_name="PAS"),
    SystemSpec("JB-023", "KMD Aktiv", "kmd", ("JC-JA",), "JC", {
        OWNER: ("chef:JC",), ADMIN: ("sup1",)}, lifecycle="PhasingOut",
        valid_to=date(2027, 3, 31)),
    SystemSpec("JB-024", "Ydelsesrefusion", "kombit", ("BS-YD",), "BS-YD", {
        OWNER: ("kl:BS-YD",), RESP: ("s:BS-YD:8",), ADMIN: ("sup3",), SU: ("s:BS-YD:9",)},
        SMALL),
    SystemSpec("JB-025", "Frontdesk", "frontdesk", ("BS-PAS", "BS-KC", "BS-FOLK"), "BS", {
        OWNER: ("chef:BS",), RESP: ("s:BS-KC:3",), ADMIN: ("sup2",),
        SU: ("s:BS-KC:4", "s:BS-PAS:7")}, local_name="Tidsbestilling", financing=None),
    SystemSpec("JB-026", "Puzzel", "puzzel", ("BS-KC",), "BS-KC", {
        OWNER: ("kl:BS-KC",), RESP: ("s:BS-KC:5",), ADMIN: ("it:adm3",),
        SU: ("s:BS-KC:6", "s:BS-KC:7")}, local_name="Telefoni", dpa="Nej"),
    SystemSpec("JB-027", "Microsoft 365", "microsoft", ALL_OFFICES, "IT", {
        OWNER: ("it:chef",), RESP: ("it:adm4",), ADMIN: ("it:adm1", "it:adm4"),
        SU: ("sup2", "sup3", "s:JC-VIR:0", "s:JC-REH:3", "s:BS-YD:10", "s:BS-FOLK:3")}, HUGE,
        "IT-superbruger", local_name="M365"),
    SystemSpec("JB-028", "Diaform+", "diaform", ("SEK", "JC-JA", "BS-YD"), "SEK", {
        OWNER: ("chef:SEK",), RESP: ("dk1",), ADMIN: ("sup1",),
        SU: ("s:JC-JA:8", "s:BS-YD:11", "sek3")}, kind="IT-superbruger", personal_data=False,
        dpa="Ikke relevant"),
    SystemSpec("JB-029", "Tolkebestilling", "tolk", ("JC-INT",), "JC-INT", {
        OWNER: ("kl:JC-INT",), RESP: ("s:JC-INT:2",), ADMIN: ("sup3",)}, SMALL,
        risk=("No", None, None)),
    SystemSpec("JB-030", "VITAS", "star", ("JC-VIR", "JC-JA"), "JC", {
        OWNER: ("chef:JC",), RESP: ("s:JC-VIR:1", "s:JC-VIR:2"), ADMIN: ("it:adm4",),
        SU: ("s:JC-VIR:3", "s:JC-JA:9")}, local_name="Virksomhedsportalen"),
    SystemSpec("JB-031", "Sygedagpengesystemet", "netcompany", ("JC-SYG",), "JC-SYG", {
        OWNER: ("kl:JC-SYG",), RESP: ("s:JC-SYG:5",), ADMIN: ("it:adm2",),
        SU: ("s:JC-SYG:6", "s:JC-SYG:7")}, local_name="KSD"),
    SystemSpec("JB-032", "Pensionssystemet", "udk", ("BS-PEN",), "BS-PEN", {
        OWNER: ("kl:BS-PEN",), RESP: ("s:BS-PEN:3",), ADMIN: ("it:adm3",),
        SU: ("s:BS-PEN:4", "s:BS-PEN:5")}),
    SystemSpec("JB-033", "Chatbot", "boost", ("BS-KC",), "BS-KC", {
        OWNER: ("kl:BS-KC",), RESP: ("dk4",), ADMIN: ("it:adm4",), SU: ("s:BS-KC:8",)}, SMALL,
        lifecycle="PhasingIn", valid_from=date(2026, 9, 1), risk=("DontKnow", None, None),
        dpa=None, financing=None),
    SystemSpec("JB-034", "Ungedatabasen", "kmd", ("JC-UNG",), "JC-UNG", {
        OWNER: ("kl:JC-UNG",), RESP: ("s:JC-UNG:4",), ADMIN: ("it:adm3",),
        SU: ("s:JC-UNG:5", "s:JC-UNG:6"), "Lokal tovholder": ("s:JC-UNG:7",)}),
    SystemSpec("JB-035", "Workbase", "workbase", (), "JC", {}, SMALL, lifecycle="NotInUse",
               valid_to=date(2023, 6, 30)),
    SystemSpec("JB-036", "Umbraco", "novicell", ("SEK", "BS-KC"), "SEK", {
        OWNER: ("chef:SEK",), RESP: ("dk3",), ADMIN: ("sup3",), SU: ("s:BS-KC:9", "sek4")},
        local_name="Hjemmeside og intranet", kind="IT-superbruger", personal_data=False,
        dpa="Ikke relevant"),
    SystemSpec("JB-037", "Prøvebooking", "fstyr", ("BS-PAS",), "BS-PAS", {
        OWNER: ("kl:BS-PAS",), RESP: ("s:BS-PAS:4",), ADMIN: ("it:adm4",),
        SU: ("s:BS-PAS:8",)}, SMALL, local_name="Teori- og køreprøver"),
    SystemSpec("JB-038", "KMD Boligstøtte", "kmd", ("BS-PEN",), "BS-PEN", {
        OWNER: ("kl:BS-PEN",), RESP: ("s:BS-PEN:6",), ADMIN: ("it:adm4",),
        SU: ("s:BS-PEN:7", "s:BS-PEN:8")}),
    SystemSpec("JB-039", "Serviceportal for arbejdsgivere", "netcompany", ("JC-VIR",), "JC-VIR",
               {OWNER: ("kl:JC-VIR",), RESP: ("s:JC-VIR:4",), ADMIN: ("it:adm1",),
                SU: ("s:JC-VIR:5",)}, SMALL, local_name="Arbejdsgiverportalen"),
)
# fmt: on

# Superbrugere: (system, holder) appointed by another office's leader (GM-07).
FOREIGN_APPOINTMENT = ("KY", "s:BS-YD:4", "kl:JC-JA")
# Gennemgange left out or dated too long ago (GM-08, GM-09).
REVIEW_OVERRIDES: dict[tuple[str, str], date | None] = {
    ("Fasit", "owner_review"): date(2025, 11, 20),
    ("KMD Opera", "owner_review"): None,
    ("KMD Opera", "vendor_dialog_owner"): date(2025, 6, 3),
    ("Momentum", "vendor_dialog_users"): None,
}
# Fora: (forum name as in the register, holder, role in forum). ISU without a chef and
# Webredaktørudvalget without anyone from JB-sekretariatet (GM-10).
FORUM_SEATS: tuple[tuple[str, str, str], ...] = (
    ("Den Digitale Styregruppe (DDS)", "chef:SEK", "Repræsentant"),
    ("ISU", "dk3", "Repræsentant"),
    ("Systemkoordinatorforum", "dk1", "Medlem"),
    ("Systemkoordinatorforum", "dk4", "Medlem"),
    ("Systemkoordinatorforum", "leaver:A", "Medlem"),
    ("Webredaktørudvalget", "s:BS-KC:9", "Medlem"),
    ("Acadreforum", "dk1", "Medlem"),
    ("Superbrugerorganisation", "dk2", "Tovholder"),
    ("Chefgruppen", "dir", "Formand"),
    ("Chefgruppen", "chef:SEK", "Medlem"),
    ("Chefgruppen", "chef:JC", "Medlem"),
    ("Chefgruppen", "chef:BS", "Medlem"),
)
# Roller: (holder, role, from, to or None).
ORG_ROLES: tuple[tuple[str, str, date, date | None], ...] = (
    ("dk1", "Digitaliseringskonsulent", date(2021, 2, 1), None),
    ("dk2", "Digitaliseringskonsulent", date(2022, 8, 15), None),
    ("dk3", "Digitaliseringskonsulent", date(2023, 1, 1), None),
    ("dk4", "Digitaliseringskonsulent", date(2024, 4, 1), None),
    ("leaver:A", "Digitaliseringskonsulent", date(2019, 9, 1), None),
    ("dk1", "Systemkoordinator", date(2024, 11, 1), None),
    ("dk4", "Systemkoordinator", date(2025, 1, 1), None),
    ("leaver:A", "Systemkoordinator", date(2024, 11, 1), None),
    ("dk2", "Systemkoordinator", date(2023, 1, 1), date(2024, 10, 31)),
)
