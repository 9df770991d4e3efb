"""What the routers share: documented error responses, parameters, pages, download names."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from api.deps import PageParams
from api.models import ErrorResponse, Page
from graph.entities import Slice

T = TypeVar("T")


def error_response_doc(description: str) -> dict[str, Any]:
    """An error answer as the OpenAPI ``responses`` of a route document it."""
    return {"model": ErrorResponse, "description": description}


# Every /api route may answer these.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: error_response_doc("No token, or not a valid one."),
    403: error_response_doc("The token's scope is too small."),
    422: error_response_doc("A parameter or the body is not valid."),
    503: error_response_doc("Neo4j does not answer; try again after Retry-After seconds."),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: error_response_doc("No entity has that key.")}

Key = Annotated[str, Path(min_length=1, max_length=300, description="The node's key.")]
Text = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="Text to search for (case-insensitive)."),
]
KeyFilter = Annotated[str | None, Query(min_length=1, max_length=300)]
# Some character that is no white space as graph.person_lookup reads a name (Python's str.split()),
# spelled out so that the schema's regex dialect (ECMA-262) reads it the same way.
_NOT_BLANK = r"[^\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
PersonText = Annotated[
    str,
    Path(
        min_length=1,
        max_length=300,
        pattern=_NOT_BLANK,
        description="The person's HR id, e-mail or full name.",
    ),
]


def json_of(model: BaseModel) -> Response:
    """A typed result as JSON, serialised once by pydantic.

    For the busiest reads: FastAPI would validate the returned model against the route's
    ``response_model`` again (in the thread pool, one more hop) before serialising it. The
    route keeps ``response_model`` for its documentation and schema.
    """
    return Response(model.model_dump_json(by_alias=True), media_type="application/json")


def page_of(found: Slice[T], page: PageParams) -> Page[T]:
    """A graph slice as an API page."""
    return Page[T](items=found.items, total=found.total, limit=page.limit, offset=page.offset)


# Characters no file name in a header may carry: controls, quotes, path separators.
_UNSAFE_IN_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f"\\/]')
_ASCII_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """A download's Content-Disposition per RFC 6266: an ASCII fallback and the UTF-8 name."""
    name = _UNSAFE_IN_NAME.sub("_", filename)
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_LETTERS))
    fallback = "".join(
        c if " " <= c <= "~" and c != "%" else "_"  # '%' would read as an escape to some clients
        for c in decomposed
        if not unicodedata.combining(c)
    )
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
