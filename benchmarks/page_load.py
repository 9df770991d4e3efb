"""The page figure: time until the 1,000-node overview graph is interactive in headless Chromium.

Debian's Chromium, driven by Playwright's Python API. "Interactive" is the moment the page's
graph script marks the canvas ``data-state="ready"`` (the layout has stabilised, physics is
off, clicks open pages), measured from the start of navigation with the page's own clock.
"""

from __future__ import annotations

import shutil
import statistics
import time
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from benchmarks.report import Figure, Results, not_measured
from benchmarks.server import ApiServer

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
GOAL = ("<", 3.0)
TIMEOUT_S = 600
NODES = 1000
NAME = f"overview graph of {NODES:,} nodes interactive"
# Record when the page's graph says it is ready, on the page's clock (0 = navigation start).
_READY_CLOCK = """
window.addEventListener("govgraph:graph-ready", () => {
  window.__benchReadyAt = window.__benchReadyAt || performance.now();
});
"""


def pages_unavailable() -> str | None:
    """Why the page cannot be measured here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed"
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        return f"{CHROMIUM} is not installed (make browser)"
    try:
        from api.routers import pages
    except ImportError as e:
        return f"the pages cannot be imported yet ({e})"
    if not hasattr(pages, "overview"):
        return "there is no overview page yet"
    return None


def measure_page(server: ApiServer, results: Results, *, as_of: str, repeat: int) -> None:
    """Load the overview with 1,000 nodes ``repeat`` times in a fresh context; median time."""
    from playwright.sync_api import Error, sync_playwright

    url = f"{server.base}/overview?limit={NODES}&as_of={as_of}"
    # The first request computes the gap report the page marks findings with; it is cached.
    began = time.perf_counter()
    headers = {"Authorization": f"Bearer {server.token}"}
    first = httpx.get(url, headers=headers, timeout=TIMEOUT_S)
    cold = time.perf_counter() - began
    if first.status_code != 200:
        why = f"GET /overview answered {first.status_code}"
        results.figures.append(not_measured("pages", NAME, why, goal=GOAL, unit="s"))
        return
    times: list[float] = []
    answered: list[float] = []
    nodes = 0
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
            try:
                for _ in range(max(1, repeat)):
                    seconds, html, nodes = _load_once(browser, url, server.token)
                    times.append(seconds)
                    answered.append(html)
            finally:
                browser.close()
    except Error as e:
        line = str(e).strip().splitlines()[0]
        why = f"Chromium failed: {line}"
        results.figures.append(not_measured("pages", NAME, why, goal=GOAL, unit="s"))
        return
    results.figures.append(
        Figure(
            "pages",
            NAME,
            statistics.median(times),
            "s",
            GOAL,
            note=f"median of {len(times)} loads with the server's report cache warm; "
            f"the first request (computing it) took {cold:.1f} s; {nodes} nodes drawn",
        )
    )
    results.detail(
        "pages",
        f"overview: the page's HTML had arrived after {statistics.median(answered):.2f} s "
        f"(median); the graph was interactive {statistics.median(times):.2f} s after navigation "
        f"start; the first request, which computed the gap report, took {cold:.1f} s",
    )


def _load_once(browser: Browser, url: str, token: str) -> tuple[float, float, int]:
    """Seconds until the graph is ready and until the HTML had arrived; the nodes drawn."""
    context = browser.new_context(
        extra_http_headers={"Authorization": f"Bearer {token}"},
        viewport={"width": 1400, "height": 900},
    )
    try:
        page = context.new_page()
        page.add_init_script(_READY_CLOCK)
        page.goto(url, wait_until="commit", timeout=TIMEOUT_S * 1000)
        page.wait_for_function(
            "() => window.__benchReadyAt !== undefined", timeout=TIMEOUT_S * 1000
        )
        ready_ms = page.evaluate("window.__benchReadyAt")
        answered_ms = page.evaluate("performance.getEntriesByType('navigation')[0].responseEnd")
        nodes = page.evaluate(
            "() => Object.values((window.govgraph || {}).networks || {})"
            ".reduce((n, g) => n + g.nodes.length, 0)"
        )
        return float(ready_ms) / 1000, float(answered_ms) / 1000, int(nodes)
    finally:
        context.close()


def pages_missing(results: Results, why: str) -> None:
    """Record the page figure as not measured."""
    results.figures.append(not_measured("pages", NAME, why, goal=GOAL, unit="s"))
