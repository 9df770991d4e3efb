"""Rendering the pages: one Jinja environment, the page context, static files and the login form.

Every text comes from ``core.i18n``; the language is the ``lang`` query parameter when given
(and then remembered in a cookie), else the cookie, else Danish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import pyvis
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from core.errors import GovgraphError
from core.i18n import (
    DEFAULT_LANGUAGE,
    Lang,
    format_date,
    label_name,
    language,
    numeric_date,
    relationship_name,
    text,
    value_name,
)
from graph.rules import Finding
from visualise.findings import Involved, involved
from visualise.fixes import FixLink, fix_links

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
# vis-network as pyvis ships it: served from the installed package, never from a CDN.
VIS_NETWORK = Path(pyvis.__file__).resolve().parent / "lib" / "vis-9.1.2"
LANG_COOKIE = "govgraph_lang"
STATIC_FILES: dict[str, tuple[Path, str]] = {
    "app.css": (STATIC / "app.css", "text/css"),
    "graph.js": (STATIC / "graph.js", "text/javascript"),
    "vis-network.min.js": (VIS_NETWORK / "vis-network.min.js", "text/javascript"),
    "vis-network.css": (VIS_NETWORK / "vis-network.css", "text/css"),
}
# The page of each label that has one.
ENTITY_PATHS: dict[str, str] = {
    "Person": "/person/",
    "System": "/system/",
    "OrgUnit": "/unit/",
    "Forum": "/forum/",
}
# A live source's sync (the subject of DQ-05) is shown on the sync page, at the source's card.
SYNC_PAGE = "/sync"
# The municipality's clock: times stored in UTC are shown in it.
LOCAL_TIME = ZoneInfo("Europe/Copenhagen")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The pages' Jinja environment: autoescaped, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(("html",)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


@dataclass(slots=True)
class PageContext:
    """What every page knows about its request: language, date, who is asking, and links."""

    path: str
    query: Mapping[str, Any]
    lang: Lang = DEFAULT_LANGUAGE
    as_of: date = field(default_factory=date.today)
    pinned_as_of: bool = False
    who: str = ""
    # The logged-in reader's own Person key, when known (single sign-on, or a token's --person).
    person: str | None = None
    remember_lang: bool = False
    # What the reader's scope lets the pages offer beyond reading ("handover", "export").
    allowed: frozenset[str] = frozenset()

    @classmethod
    def from_request(
        cls,
        request: Request,
        *,
        as_of: date | None,
        who: str,
        person: str | None = None,
        allowed: frozenset[str] = frozenset(),
    ) -> PageContext:
        """The context of a page request."""
        asked = request.query_params.get("lang")
        lang = language(asked or request.cookies.get(LANG_COOKIE))
        return cls(
            path=request.url.path,
            query=dict(request.query_params.multi_items()),
            lang=lang,
            as_of=as_of or date.today(),
            pinned_as_of=as_of is not None,
            who=who,
            person=person,
            remember_lang=asked == lang,
            allowed=allowed,
        )

    def may(self, feature: str) -> bool:
        """True when the reader may use ``feature``: the pages show no link they would refuse."""
        return feature in self.allowed

    def t(self, key: str, **values: object) -> str:
        """The text ``key`` in the page's language."""
        return text(key, self.lang, **values)

    def url(self, path: str, **params: Any) -> str:
        """A link within the app that keeps a chosen date; None values are left out."""
        pairs: list[tuple[str, Any]] = []
        for name, value in params.items():
            if isinstance(value, list | tuple):
                pairs += [(name, v) for v in value if v not in (None, "")]
            elif value not in (None, ""):
                pairs.append((name, value))
        if self.pinned_as_of and "as_of" not in params:
            pairs.append(("as_of", self.as_of.isoformat()))
        return path + (f"?{urlencode(pairs)}" if pairs else "")

    def node_url(self, label: str, key: str | None) -> str | None:
        """The page of a node, or None for labels without one."""
        if label == "ImportRun" and key:
            return self.url(SYNC_PAGE) + f"#sync-{quote(key, safe='')}"
        prefix = ENTITY_PATHS.get(label)
        return self.url(prefix + quote(key, safe="")) if prefix and key else None

    def lang_url(self) -> str:
        """This page in the other language."""
        other = "en" if self.lang == "da" else "da"
        pairs = [(k, v) for k, v in self.query.items() if k != "lang"] + [("lang", other)]
        return f"{self.path}?{urlencode(pairs)}"

    def date(self, value: date | None) -> str:
        """A date as the page's language writes it."""
        return format_date(value, self.lang)

    def time(self, value: datetime | None) -> str:
        """A moment as the page's language writes it, on the municipality's clock."""
        return numeric_date(value.astimezone(LOCAL_TIME), self.lang) if value else ""

    def value(self, kind: str, value: str | None) -> str:
        """The name of a data value (life cycle, yes/no, ...)."""
        return value_name(kind, value, self.lang)

    def label(self, name: str) -> str:
        """The name of a node label."""
        return label_name(name, self.lang)

    def relationship(self, rel_type: str) -> str:
        """The name of a relationship type."""
        return relationship_name(rel_type, self.lang)

    def involved(self, finding: Finding) -> list[Involved]:
        """The entities a finding involves, each once with its roles, for the findings table."""
        return involved(finding, self.lang)

    def fixes(self, finding: Finding) -> list[FixLink]:
        """The finding's Fix actions, for a reader who may decide; none for anyone else."""
        return fix_links(self, finding) if self.may("decide") else []

    def pick(self, da: str | None, en: str | None) -> str:
        """The Danish or the English of a pair, whichever the page speaks (the other if empty)."""
        return (en or da or "") if self.lang == "en" else (da or en or "")


def render_page(
    page: PageContext, template: str, *, status: int = 200, **data: Any
) -> HTMLResponse:
    """Render a page template; personal data is never cached, the language is remembered."""
    body = environment().get_template(template).render(page=page, t=page.t, **data)
    response = HTMLResponse(body, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    response.headers["Content-Language"] = page.lang
    if page.remember_lang:
        response.set_cookie(
            LANG_COOKIE, page.lang, max_age=365 * 24 * 3600, samesite="lax", httponly=True, path="/"
        )
    return response


def render_login(
    next_path: str, error: str = "", *, sso: bool = False, lang: str = DEFAULT_LANGUAGE
) -> str:
    """The login form in the pages' style, with the single sign-on button when ``sso``."""
    page = PageContext(path="/login", query={}, lang=language(lang))
    return (
        environment()
        .get_template("login.html")
        .render(page=page, t=page.t, next_path=next_path, error=error, sso=sso)
    )


def render_no_access(name: str, logout_url: str, *, lang: str = DEFAULT_LANGUAGE) -> str:
    """The page for a user the identity provider knows but whose groups grant nothing here."""
    page = PageContext(path="/login/sso/callback", query={}, lang=language(lang))
    return (
        environment()
        .get_template("no_access.html")
        .render(page=page, t=page.t, name=name, logout_url=logout_url)
    )


def error_page(request: Request, error: GovgraphError) -> Response:
    """An error as a page in the reader's language."""
    page = PageContext.from_request(request, as_of=None, who="")
    title = {404: "error.not_found", 403: "error.forbidden", 422: "error.invalid"}.get(
        error.status, "error.unavailable" if error.status == 503 else "error.title"
    )
    response = render_page(page, "error.html", status=error.status, title=title, error=error)
    if error.status == 503:
        response.headers["Retry-After"] = "5"
    return response
