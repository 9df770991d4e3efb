"""The handover plan in a real browser: the example forvaltning and the app, as the page tests
have them, but in a package of their own, since applying a plan changes the graph."""

from __future__ import annotations

from tests.pages import conftest as pages

example_graph = pages.example_graph
live_app = pages.live_app
browser = pages.browser
keys = pages.keys
example_campaign = pages.example_campaign
watch = pages.watch
