"""How findings read: message templates filled in, role names inside sentences, plain values."""

from __future__ import annotations

from datetime import date
from typing import Any

import neo4j

from core.i18n import LANGUAGES, text, value_name
from schema import governance
from schema.catalogue import Text


def in_sentence(name: str) -> str:
    """A role name as it reads inside a sentence: lower-case, unless it opens with an acronym."""
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def role_name(role: str) -> Text:
    """A role key's name in both languages; other relations (a forum seat is 'medlem') by name."""
    try:
        found = governance.role(role)
    except KeyError:
        return Text(da=value_name("relation", role, "da"), en=value_name("relation", role, "en"))
    return Text(da=found.name_da, en=found.name_en)


def both(key: str, **values: object) -> Text:
    """The catalogue's text ``key`` in both languages; a ``Text`` value fills each with its own."""
    filled = {
        lang: text(
            key,
            lang,
            **{n: getattr(v, lang) if isinstance(v, Text) else v for n, v in values.items()},
        )
        for lang in LANGUAGES
    }
    return Text(da=filled["da"], en=filled["en"])


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "?"


def render(template: str, facts: dict[str, Any], *, subject: str, lang: str) -> str:
    """Fill a message template; ``x_da``/``x_en`` facts answer ``{x}`` in their language."""
    values = _Values(subject=subject)
    for name, value in facts.items():
        values[name] = _text(value, lang)
        if name.endswith(f"_{lang}"):
            values[name.removesuffix(f"_{lang}")] = _text(value, lang)
    return template.format_map(values)


def _text(value: Any, lang: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y") if lang == "da" else value.isoformat()
    if isinstance(value, float):
        shown = f"{value:g}"
        return shown.replace(".", ",") if lang == "da" else shown
    if isinstance(value, list):
        return ", ".join(_text(v, lang) for v in value) or "-"
    return str(value)


def native(value: Any) -> Any:
    """Neo4j's temporal values as Python's, recursively."""
    if isinstance(value, neo4j.time.Date | neo4j.time.DateTime):
        return value.to_native()
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v) for v in value]
    return value
