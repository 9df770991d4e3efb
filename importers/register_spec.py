"""The governance register's sheets, columns and allowed values, declared once.

The reader, the blank template and the example generator's tests all follow this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.governance.forums import FORUMS as MODEL_FORUMS
from schema.governance.organisation import ORGANISATION_ROLES


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a register sheet."""

    name: str
    width: int
    choices: tuple[str, ...] = ()  # a drop-down list in the template
    is_date: bool = False
    required: bool = False
    help_da: str = ""


@dataclass(frozen=True, slots=True)
class Sheet:
    """One sheet of the register and what it is for."""

    name: str
    columns: tuple[Column, ...]
    help_da: str

    @property
    def required(self) -> tuple[str, ...]:
        """The columns that must exist."""
        return tuple(c.name for c in self.columns if c.required)


# Column names, used by the row readers.
SYSTEM = "System"
SUPERUSER_EMAIL = "Superbruger e-mail"
KIND = "Type"
APPOINTED_BY = "Udpeget af (e-mail)"
FROM = "Fra"
TO = "Til"
FORUM = "Forum"
PERSON_EMAIL = "Person e-mail"
FORUM_ROLE = "Rolle i forum"
ROLE = "Rolle"
DATE = "Dato"
ATTENDEES = "Deltagere (e-mails, kommasepareret)"
FINANCING = "Finansiering (omkostningssted/IT-konto)"
PERSONAL_DATA = "Behandler personoplysninger"
DPA = "Databehandleraftale"

# Danish label -> graph value. Labels are matched after folding (see ``fold``).
SUPERUSER_KINDS = {
    "IT-superbruger": "it",
    "Fag-superbruger": "fag",
    "Teknisk superbruger": "teknisk",
}
SUPERUSER_KIND_ALIASES = {"it": "it", "fag": "fag", "teknisk": "teknisk", "tekniske": "teknisk"}
# The model's organisational roles and forums, as the register names them.
ORG_ROLES = {role.name_da: role.key for role in ORGANISATION_ROLES}
REVIEW_KINDS = {
    "Halvårlig gennemgang": "owner_review",
    "Leverandørdialog (ejer)": "vendor_dialog_owner",
    "Leverandørdialog (administratorer og superbrugere)": "vendor_dialog_users",
}
YES_NO = {"Ja": "Yes", "Nej": "No", "Ved ikke": "DontKnow"}
DPA_STATUS = {
    "Ja": "signed",
    "Nej": "missing",
    "Ikke relevant": "not-needed",
    "Ved ikke": "unknown",
}
FORUMS = {f.key: f"{f.name} ({f.short_name})" if f.short_name else f.name for f in MODEL_FORUMS}

_DA = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})


def fold(value: str) -> str:
    """Fold a label for tolerant comparison: lower case, Danish letters spelled out, no marks."""
    return re.sub(r"[^a-z0-9]", "", value.casefold().translate(_DA))


def lookup(value: str, labels: dict[str, str]) -> str | None:
    """Return the graph value of a Danish label (or of the value itself), or None."""
    folded = fold(value)
    for label, result in labels.items():
        if folded in (fold(label), fold(result)):
            return result
    return None


def forum_key(value: str) -> str | None:
    """Return the forum key for a forum's name, abbreviation, both, or key."""
    folded = fold(value)
    for forum in MODEL_FORUMS:
        names = (forum.key, forum.name, forum.short_name or "", FORUMS[forum.key])
        if folded in {fold(n) for n in names if n}:
            return forum.key
    return None


_WHEN = "dd-mm-åååå; tom = åben"
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Superbrugere",
        (
            Column(
                SYSTEM,
                28,
                required=True,
                help_da="Systemets navn som i KITOS, eller dets KITOS-uuid.",
            ),
            Column(SUPERUSER_EMAIL, 34, required=True, help_da="Superbrugerens arbejds-e-mail."),
            Column(
                KIND,
                22,
                tuple(SUPERUSER_KINDS),
                required=True,
                help_da="IT-superbruger, Fag-superbruger eller Teknisk superbruger.",
            ),
            Column(
                APPOINTED_BY, 34, help_da="E-mail på kontorlederen, der udpegede superbrugeren."
            ),
            Column(FROM, 13, is_date=True, help_da=f"Første dag i rollen ({_WHEN})."),
            Column(TO, 13, is_date=True, help_da=f"Sidste dag i rollen ({_WHEN})."),
        ),
        "Hvilken slags superbruger hver person er på hvert system, og hvilken leder der udpegede "
        "vedkommende. Hvem der er superbruger, står i KITOS; her tilføjes type og udpegning.",
    ),
    Sheet(
        "Fora",
        (
            Column(FORUM, 36, tuple(FORUMS.values()), required=True, help_da="Forummets navn."),
            Column(PERSON_EMAIL, 34, required=True, help_da="Deltagerens arbejds-e-mail."),
            Column(FORUM_ROLE, 22, help_da="Fx repræsentant, medlem, formand (fri tekst)."),
            Column(FROM, 13, is_date=True, help_da=f"Første dag ({_WHEN})."),
            Column(TO, 13, is_date=True, help_da=f"Sidste dag ({_WHEN})."),
        ),
        "Hvem der repræsenterer forvaltningen i governancemodellens fora (DDS, ISU, "
        "Systemkoordinatorforum, Webredaktørudvalget, Acadreforum, Superbrugerorganisation, ...).",
    ),
    Sheet(
        "Roller",
        (
            Column(PERSON_EMAIL, 34, required=True, help_da="Personens arbejds-e-mail."),
            Column(
                ROLE,
                26,
                tuple(ORG_ROLES),
                required=True,
                help_da="Digitaliseringskonsulent eller Systemkoordinator.",
            ),
            Column(FROM, 13, is_date=True, help_da=f"Første dag i rollen ({_WHEN})."),
            Column(TO, 13, is_date=True, help_da=f"Sidste dag i rollen ({_WHEN})."),
        ),
        "De organisatoriske roller, som hverken HR eller KITOS kender: digitaliseringskonsulenter "
        "og systemkoordinatorer i JB-sekretariatet.",
    ),
    Sheet(
        "Gennemgange",
        (
            Column(
                SYSTEM,
                28,
                required=True,
                help_da="Systemets navn som i KITOS, eller dets KITOS-uuid.",
            ),
            Column(KIND, 48, tuple(REVIEW_KINDS), required=True, help_da="Hvilken slags møde."),
            Column(DATE, 13, is_date=True, required=True, help_da="Mødets dato (dd-mm-åååå)."),
            Column(ATTENDEES, 60, help_da="Deltagernes e-mails, adskilt af komma."),
        ),
        "Afholdte møder: systemejerens halvårlige gennemgang med en digitaliseringskonsulent og de "
        "årlige leverandørdialoger (med ejeren; med administratorer og superbrugere).",
    ),
    Sheet(
        "Systemer",
        (
            Column(
                SYSTEM,
                28,
                required=True,
                help_da="Systemets navn som i KITOS, eller dets KITOS-uuid.",
            ),
            Column(
                FINANCING, 36, help_da="Omkostningssted eller IT-konto, der betaler for systemet."
            ),
            Column(PERSONAL_DATA, 26, tuple(YES_NO), help_da="Ja, Nej eller Ved ikke."),
            Column(DPA, 22, tuple(DPA_STATUS), help_da="Ja, Nej, Ikke relevant eller Ved ikke."),
        ),
        "Oplysninger om systemerne, som KITOS ikke har: finansiering og databehandleraftale.",
    ),
)
REGISTER_SHEETS: tuple[str, ...] = tuple(s.name for s in SHEETS)
