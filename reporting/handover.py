"""The handover impact as a terminal table, a Markdown checklist and an Excel checklist."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from core.i18n import Lang, text, value_name
from graph.handover import HandoverImpact, HeldRole, role_name
from graph.rules import Finding
from graph.successors import Succession
from reporting.gaps import MARK, fill_sheet
from reporting.xlsx_cells import sheet_title

TABLE_CANDIDATES = 3  # the JSON, Markdown and Excel outputs carry all five
# The checklist sheet's columns.
CHECKLIST_COLUMNS = (
    "handover_report.done",
    "handover_report.kind",
    "common.role",
    "person.on",
    "handover.sole",
    "handover_report.suggested",
    "person.asks",
    "handover_report.notes",
)
# The new and resolved findings' sheets.
FINDING_COLUMNS = ("handover_report.done", "findings.rule", "findings.status", "findings.message")
SUCCESSOR_COLUMNS = (
    "common.role",
    "person.on",
    "handover_report.rank",
    "handover_report.candidate",
    "handover.score",
    "handover.reasons",
)


def _t(pair: object, lang: Lang) -> str:
    """The Danish or English of a ``Text`` from the graph (a role's name, a finding's message)."""
    return str(getattr(pair, lang))


def _candidates(succession: Succession | None, lang: Lang, *, top: int = 3) -> str:
    if succession is None or not succession.candidates:
        return text("handover.successors_none", lang)
    return ", ".join(
        f"{c.person.name or c.person.key} ({c.score})" for c in succession.candidates[:top]
    )


def _successions(impact: HandoverImpact) -> dict[tuple[str, str, str], Succession]:
    return {(s.role, s.target.label, s.target.key): s for s in impact.successors}


def _succession_of(impact: HandoverImpact, role: HeldRole) -> Succession | None:
    return _successions(impact).get((role.role, role.target.label, role.target.key))


def handover_table(impact: HandoverImpact, *, lang: Lang) -> Group:
    """The handover impact for the terminal: roles, findings, successors."""
    person = impact.person
    name = person.name or person.key
    parts: list[RenderableType] = [
        RichText(
            text("handover_report.title", lang, name=f"{name} <{person.email or '-'}>"),
            style="bold",
        ),
        RichText(_about(impact, lang)),
    ]
    roles = Table(
        text("handover_report.kind", lang),
        text("common.role", lang),
        text("person.on", lang),
        text("handover.sole", lang),
        title=text("person.roles", lang),
        title_justify="left",
        expand=True,
    )
    for r in impact.roles:
        roles.add_row(
            value_name("role_kind", r.kind, lang),
            _t(r.role_name, lang),
            r.target.name or r.target.key,
            _yes_no(r.sole, lang),
        )
    parts.append(roles)
    parts.append(
        _findings_table(impact.new_findings, text("handover_report.new", lang, name=name), lang)
    )
    parts.append(_findings_table(impact.resolved_findings, text("handover.resolved", lang), lang))
    successors = Table(
        text("common.role", lang),
        text("handover.successors", lang),
        title=text("handover.successors", lang),
        title_justify="left",
        expand=True,
    )
    for s in impact.successors:
        label = f"{_role_label(s.role, lang)} · {s.target.name or s.target.key}"
        lines = [
            f"{c.person.name or c.person.key} ({c.score}): "
            + "; ".join(_t(x, lang) for x in c.reasons)
            for c in s.candidates[:TABLE_CANDIDATES]
        ] or [text("handover.successors_none", lang)]
        successors.add_row(label, "\n".join(lines))
    parts.append(successors)
    return Group(*parts)


def _findings_table(findings: Sequence[Finding], title: str, lang: Lang) -> Table:
    table = Table(show_header=False, title=title, title_justify="left", expand=True)
    table.add_column(min_width=7, no_wrap=True)
    table.add_column(ratio=1)
    for f in findings:
        table.add_row(f"{MARK[f.status]} {f.rule}", _t(f.message, lang))
    if not findings:
        table.add_row("", text("common.none", lang))
    return table


def _role_label(role: str, lang: Lang) -> str:
    return _t(role_name(role), lang)


def _about(impact: HandoverImpact, lang: Lang) -> str:
    person = impact.person
    return text(
        "handover_report.about",
        lang,
        as_of=impact.as_of.isoformat(),
        leaves=person.valid_to.isoformat() if person.valid_to else "-",
        units=", ".join(u.name or u.key for u in person.units) or "-",
    )


def _yes_no(value: bool, lang: Lang) -> str:
    return text("common.yes" if value else "common.no", lang)


def handover_markdown(impact: HandoverImpact, *, lang: Lang) -> str:
    """A handover checklist a person can work through, in Markdown."""
    name = impact.person.name or impact.person.key
    none = f"- {text('common.none', lang)}"
    lines = [
        f"# {text('handover_report.title', lang, name=name)}",
        "",
        _about(impact, lang),
        "",
        f"## {text('handover_report.hand_over', lang)}",
        "",
    ]
    sole = [r for r in impact.roles if r.sole]
    for r in sole:
        lines.append(
            f"- [ ] **{_t(r.role_name, lang)}** · {r.target.name or r.target.key} — "
            f"{text('handover_report.suggested', lang)}: "
            f"{_candidates(_succession_of(impact, r), lang)}"
        )
        if r.asks:
            lines.append(f"  - {text('person.asks', lang)}:")
            lines.extend(
                f"    - {_t(a.title, lang)} ({value_name('cadence', a.cadence, lang)})"
                for a in r.asks
            )
    if not sole:
        lines.append(none)
    shared = [r for r in impact.roles if not r.sole]
    lines += ["", f"## {text('handover_report.shared', lang)}", ""]
    lines += [
        f"- [ ] **{_t(r.role_name, lang)}** · {r.target.name or r.target.key}" for r in shared
    ] or [none]
    lines += ["", f"## {text('handover_report.new', lang, name=name)}", ""]
    lines += [
        f"- [ ] {f.rule} ({f.severity}{', ' + f.status if f.status != 'violated' else ''}): "
        f"{_t(f.message, lang)}"
        for f in impact.new_findings
    ] or [none]
    lines += ["", f"## {text('handover.resolved', lang)}", ""]
    lines += [f"- {f.rule}: {_t(f.message, lang)}" for f in impact.resolved_findings] or [none]
    return "\n".join(lines) + "\n"


def handover_workbook(impact: HandoverImpact, *, lang: Lang) -> Workbook:
    """The checklist, the new and resolved findings and the successors as sheets."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = text("handover_report.checklist", lang)
    fill_sheet(
        sheet,
        [text(key, lang) for key in CHECKLIST_COLUMNS],
        [
            [
                "",
                value_name("role_kind", r.kind, lang),
                _t(r.role_name, lang),
                r.target.name or r.target.key,
                _yes_no(r.sole, lang),
                _candidates(_succession_of(impact, r), lang) if r.sole else "",
                "\n".join(_t(a.title, lang) for a in r.asks),
                "",
            ]
            for r in impact.roles
        ],
    )
    name = impact.person.name or impact.person.key
    for title, findings in (
        (text("handover_report.new", lang, name=name), impact.new_findings),
        (text("handover.resolved", lang), impact.resolved_findings),
    ):
        fill_sheet(
            book.create_sheet(sheet_title(title)),  # the person's name is in it
            [text(key, lang) for key in FINDING_COLUMNS],
            [["", f.rule, f.status, _t(f.message, lang)] for f in findings],
        )
    fill_sheet(
        book.create_sheet(sheet_title(text("handover.successors", lang))),
        [text(key, lang) for key in SUCCESSOR_COLUMNS],
        [
            [
                _role_label(s.role, lang),
                s.target.name or s.target.key,
                i,
                c.person.name or c.person.key,
                c.score,
                "; ".join(_t(x, lang) for x in c.reasons),
            ]
            for s in impact.successors
            for i, c in enumerate(s.candidates, start=1)
        ],
    )
    return book


def write_handover_xlsx(impact: HandoverImpact, path: Path, *, lang: Lang) -> None:
    """Save the checklist workbook."""
    handover_workbook(impact, lang=lang).save(path)
