"""The texts of chefgruppen's quarterly overview (page, printable HTML, workbook).

Column and figure names the pages already have (system owner, financing, life cycle, ...) are
the pages' entries in ``core.i18n.pages``; the change kinds are ``VALUES["change"]``.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "quarterly.quarter_name": ("{number}. kvartal {year}", "Q{number} {year}"),
    "quarterly.title": (
        "Overblik over systemejerskab og økonomi",
        "Overview of system ownership and finances",
    ),
    "quarterly.document_title": ("Kvartalsoverblik {quarter}", "Quarterly overview {quarter}"),
    "quarterly.lead": (
        "Til chefgruppen, {quarter} ({first} – {last}).",
        "For chefgruppen, {quarter} ({first} – {last}).",
    ),
    "quarterly.quarter": ("Kvartal", "Quarter"),
    "quarterly.period": ("Periode", "Period"),
    "quarterly.generated": ("Dannet", "Generated"),
    "quarterly.history_since": ("Importhistorik siden", "Import history since"),
    "quarterly.figures": ("Nøgletal", "Key figures"),
    "quarterly.systems_in_use": ("Systemer i brug", "Systems in use"),
    "quarterly.without_owner": ("I brug uden systemejer", "In use without a system owner"),
    "quarterly.without_financing": ("I brug uden finansiering", "In use without financing"),
    "quarterly.open_findings": ("Åbne mangler", "Open gaps"),
    "quarterly.open_findings_on_systems": (
        "Åbne mangler på systemerne",
        "Open gaps on the systems",
    ),
    "quarterly.not_evaluated": ("ikke beregnet", "not evaluated"),
    "quarterly.changes": ("Ændringer i kvartalet", "Changes in the quarter"),
    "quarterly.changes_sheet": ("Ændringer", "Changes"),
    "quarterly.department": ("Afdeling", "Department"),
    "quarterly.departments": ("Afdelinger", "Departments"),
    "quarterly.no_department": ("Uden afdeling", "No department"),
    "quarterly.owner_unit": ("Systemejers enhed", "Owner's unit"),
    "quarterly.financing_title": ("Finansiering af systemer i brug", "Financing of systems in use"),
    "quarterly.no_financing": ("Ingen finansiering registreret", "No financing recorded"),
    "quarterly.date": ("Dato", "Date"),
    "quarterly.change": ("Ændring", "Change"),
    "quarterly.no_changes": (
        "Ingen ændringer i systemer eller systemejerskab er registreret i kvartalet.",
        "No change to systems or system ownership is recorded in the quarter.",
    ),
    "quarterly.print_hint": (
        "Udskriv siden (Ctrl+P) for at gemme den som PDF.",
        "Print the page (Ctrl+P) to save it as a PDF.",
    ),
    "quarterly.note": (
        "Åbne mangler er de brudte regler i govgraphs regelsæt (GM-01–GM-16, DQ-01–DQ-03), som "
        "handler om systemet eller nævner det. Ændringer læses af importhistorikken: den første "
        "import af hver kilde er udgangspunktet. „{leaving}“ viser ejere, der fratræder inden "
        "udgangen af næste kvartal. Dannet {generated} UTC af govgraph.",
        "Open gaps are the violated rules of govgraph's rule set (GM-01–GM-16, DQ-01–DQ-03) that "
        "are about the system or name it. Changes are read from the import history: the first "
        "import of each source is the baseline. “{leaving}” lists owners who leave before the end "
        "of the next quarter. Generated {generated} UTC by govgraph.",
    ),
}
