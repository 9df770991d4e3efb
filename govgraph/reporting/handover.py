"""The handover impact as a terminal table, a Markdown checklist and an Excel checklist."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from govgraph.reporting.gaps import MARK, Lang, fill_sheet
from govgraph.reporting.xlsx_cells import sheet_title
from graph.handover import HandoverImpact, HeldRole, role_name
from graph.rules import Finding
from graph.successors import Succession

_WORDS = {
    "handover": ("Overdragelse: {name}", "Handover: {name}"),
    "about": (
        "Pr. {as_of}. Fratræder: {leaves}. Enheder: {units}.",
        "As of {as_of}. Leaves: {leaves}. Units: {units}.",
    ),
    "roles": ("Roller", "Roles"),
    "kind": ("Slags", "Kind"),
    "role": ("Rolle", "Role"),
    "target": ("For", "Of"),
    "sole": ("Eneste", "Only holder"),
    "yes": ("ja", "yes"),
    "no": ("nej", "no"),
    "new": ("Nye mangler, hvis {name} fratræder", "New gaps if {name} leaves"),
    "resolved": ("Mangler, der forsvinder", "Gaps that disappear"),
    "sole_of": ("Eneste indehaver på", "Only holder on"),
    "successors": ("Mulige efterfølgere", "Possible successors"),
    "none": ("ingen", "none"),
    "no_candidates": ("ingen oplagte kandidater", "no obvious candidates"),
    "checklist": ("Tjekliste", "Checklist"),
    "hand_over": ("Roller, der skal overdrages", "Roles to hand over"),
    "shared": ("Roller, som andre også har", "Roles others also hold"),
    "asks": ("Det beder modellen om", "What the model asks"),
    "suggested": ("Forslag", "Suggested"),
    "done": ("Udført", "Done"),
    "notes": ("Noter", "Notes"),
    "score": ("Point", "Score"),
    "reasons": ("Begrundelse", "Reasons"),
    "candidate": ("Kandidat", "Candidate"),
    "rank": ("Nr.", "Rank"),
    "person": ("Person", "Person"),
    "leaves": ("Fratræder", "Leaves"),
    "days": ("Dage", "Days"),
    "impact": ("Nye mangler (høj)", "New gaps (high)"),
    "rules": ("Regler", "Rules"),
    "system": ("System", "System"),
    "bus": ("Busfaktor", "Bus factor"),
    "holders": ("Personer", "People"),
    "vacant": ("Ubesat", "Vacant"),
    "single": ("Kun én", "Only one"),
    "finding": ("Fund", "Finding"),
    "critical": ("Hvis fratræden bryder flest regler", "Whose leaving breaks most rules"),
}
_CADENCE = {
    "quarterly": ("kvartalsvis", "quarterly"),
    "half-yearly": ("halvårligt", "half-yearly"),
    "annual": ("årligt", "annual"),
    "ongoing": ("løbende", "ongoing"),
    "on-change": ("ved ændringer", "on change"),
}
TABLE_CANDIDATES = 3  # the JSON, Markdown and Excel outputs carry all five
_KIND = {
    "line": ("linje", "line"),
    "system": ("system", "system"),
    "forum": ("forum", "forum"),
    "organisation": ("organisation", "organisation"),
}


def w(key: str, lang: Lang, /, **values: object) -> str:
    """One interface text, in the language asked for."""
    da, en = _WORDS[key]
    return (da if lang == "da" else en).format(**values)


def _t(text: object, lang: Lang) -> str:
    return str(getattr(text, lang))


def _candidates(succession: Succession | None, lang: Lang, *, top: int = 3) -> str:
    if succession is None or not succession.candidates:
        return w("no_candidates", lang)
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
    leaves = person.valid_to.isoformat() if person.valid_to else "-"
    units = ", ".join(u.name or u.key for u in person.units) or "-"
    parts: list[RenderableType] = [
        RichText(w("handover", lang, name=f"{name} <{person.email or '-'}>"), style="bold"),
        RichText(w("about", lang, as_of=impact.as_of.isoformat(), leaves=leaves, units=units)),
    ]
    roles = Table(
        w("kind", lang),
        w("role", lang),
        w("target", lang),
        w("sole", lang),
        title=w("roles", lang),
        title_justify="left",
        expand=True,
    )
    for r in impact.roles:
        roles.add_row(
            _KIND[r.kind][0 if lang == "da" else 1],
            _t(r.role_name, lang),
            r.target.name or r.target.key,
            w("yes", lang) if r.sole else w("no", lang),
        )
    parts.append(roles)
    parts.append(_findings_table(impact.new_findings, w("new", lang, name=name), lang))
    parts.append(_findings_table(impact.resolved_findings, w("resolved", lang), lang))
    successors = Table(
        w("role", lang),
        w("successors", lang),
        title=w("successors", lang),
        title_justify="left",
        expand=True,
    )
    for s in impact.successors:
        label = f"{_role_label(s.role, lang)} · {s.target.name or s.target.key}"
        lines = [
            f"{c.person.name or c.person.key} ({c.score}): "
            + "; ".join(_t(x, lang) for x in c.reasons)
            for c in s.candidates[:TABLE_CANDIDATES]
        ] or [w("no_candidates", lang)]
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
        table.add_row("", w("none", lang))
    return table


def _cadence(cadence: str, lang: Lang) -> str:
    da, en = _CADENCE.get(cadence, (cadence, cadence))
    return da if lang == "da" else en


def _role_label(role: str, lang: Lang) -> str:
    return _t(role_name(role), lang)


def handover_markdown(impact: HandoverImpact, *, lang: Lang) -> str:
    """A handover checklist a person can work through, in Markdown."""
    person = impact.person
    name = person.name or person.key
    leaves = person.valid_to.isoformat() if person.valid_to else "-"
    units = ", ".join(u.name or u.key for u in person.units) or "-"
    lines = [
        f"# {w('handover', lang, name=name)}",
        "",
        w("about", lang, as_of=impact.as_of.isoformat(), leaves=leaves, units=units),
        "",
        f"## {w('hand_over', lang)}",
        "",
    ]
    sole = [r for r in impact.roles if r.sole]
    for r in sole or []:
        lines.append(
            f"- [ ] **{_t(r.role_name, lang)}** · {r.target.name or r.target.key} — "
            f"{w('suggested', lang)}: {_candidates(_succession_of(impact, r), lang)}"
        )
        if r.asks:
            lines.append(f"  - {w('asks', lang)}:")
            lines.extend(f"    - {_t(a.title, lang)} ({_cadence(a.cadence, lang)})" for a in r.asks)
    if not sole:
        lines.append(f"- {w('none', lang)}")
    shared = [r for r in impact.roles if not r.sole]
    lines += ["", f"## {w('shared', lang)}", ""]
    lines += [
        f"- [ ] **{_t(r.role_name, lang)}** · {r.target.name or r.target.key}" for r in shared
    ] or [f"- {w('none', lang)}"]
    lines += ["", f"## {w('new', lang, name=name)}", ""]
    lines += [
        f"- [ ] {f.rule} ({f.severity}{', ' + f.status if f.status != 'violated' else ''}): "
        f"{_t(f.message, lang)}"
        for f in impact.new_findings
    ] or [f"- {w('none', lang)}"]
    lines += ["", f"## {w('resolved', lang)}", ""]
    lines += [f"- {f.rule}: {_t(f.message, lang)}" for f in impact.resolved_findings] or [
        f"- {w('none', lang)}"
    ]
    return "\n".join(lines) + "\n"


def handover_workbook(impact: HandoverImpact, *, lang: Lang) -> Workbook:
    """The checklist, the new and resolved findings and the successors as sheets."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = w("checklist", lang)
    fill_sheet(
        sheet,
        [
            w(k, lang)
            for k in ("done", "kind", "role", "target", "sole", "suggested", "asks", "notes")
        ],
        [
            [
                "",
                _KIND[r.kind][0 if lang == "da" else 1],
                _t(r.role_name, lang),
                r.target.name or r.target.key,
                w("yes", lang) if r.sole else w("no", lang),
                _candidates(_succession_of(impact, r), lang) if r.sole else "",
                "\n".join(_t(a.title, lang) for a in r.asks),
                "",
            ]
            for r in impact.roles
        ],
    )
    for title, findings in (
        (w("new", lang, name=impact.person.name or impact.person.key), impact.new_findings),
        (w("resolved", lang), impact.resolved_findings),
    ):
        fill_sheet(
            book.create_sheet(sheet_title(title)),  # the person's name is in it
            [w("done", lang), w("rules", lang), "Status", w("finding", lang)],
            [["", f.rule, f.status, _t(f.message, lang)] for f in findings],
        )
    fill_sheet(
        book.create_sheet(sheet_title(w("successors", lang))),
        [w(k, lang) for k in ("role", "target", "rank", "candidate", "score", "reasons")],
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
