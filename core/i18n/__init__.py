"""Every text shown to a person, in Danish (the default) and English, in one catalogue.

Pages, CLI reports and workbooks ask for texts by key with ``text(key, lang, **values)``; data
values (life cycles, yes/no answers, severities, ...) are named by ``value_name``. Entries are
declared one way, ``"area.name": (Danish, English)``, in a module per area: ``pages`` (and the
common words), ``reports`` (gaps, handover, risk, successors), ``quarterly``; ``values`` names
the data's values. Labels and relationship types are named by ``schema.model``, roles, forums
and rules by their own declarations, all in both languages. The CLI's own messages (progress,
errors and their hints) are English, like its ``--help``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Literal

from core.i18n import campaigns, decisions, pages, plans, quarterly, reports, sync
from core.i18n.values import VALUES
from schema.model import LABELS, RELATIONSHIPS

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "TEXTS",
    "VALUES",
    "Lang",
    "format_date",
    "label_name",
    "language",
    "numeric_date",
    "relationship_name",
    "text",
    "value_name",
]

Lang = Literal["da", "en"]
LANGUAGES: tuple[Lang, ...] = ("da", "en")
DEFAULT_LANGUAGE: Lang = "da"


def _one_catalogue(*areas: Mapping[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    """The areas' entries as one mapping; a key declared twice is an error, not an override."""
    merged: dict[str, tuple[str, str]] = {}
    for area in areas:
        twice = merged.keys() & area.keys()
        if twice:
            raise ValueError(f"Texts declared twice: {', '.join(sorted(twice))}")
        merged.update(area)
    return merged


TEXTS: dict[str, tuple[str, str]] = _one_catalogue(
    pages.TEXTS,
    reports.TEXTS,
    quarterly.TEXTS,
    plans.TEXTS,
    decisions.TEXTS,
    campaigns.TEXTS,
    sync.TEXTS,
)

_MONTHS: dict[str, tuple[str, ...]] = {
    "da": ("jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.",
           "nov.", "dec."),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}  # fmt: skip


def language(value: str | None) -> Lang:
    """A supported language code: ``value`` if it is one, else Danish."""
    return "en" if value == "en" else DEFAULT_LANGUAGE


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


def numeric_date(value: date | None, lang: str) -> str:
    """``01-11-2026`` in Danish, as Danish documents write dates, ISO ``2026-11-01`` in English.

    A datetime gets its time of day (``01-11-2026 08:00``); none is the empty text.
    """
    if value is None:
        return ""
    shown = value.strftime("%Y-%m-%d" if lang == "en" else "%d-%m-%Y")
    return shown + value.strftime(" %H:%M") if isinstance(value, datetime) else shown
