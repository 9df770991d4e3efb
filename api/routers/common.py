"""What the routers share: documented error responses, path and filter parameters, pages."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from fastapi import Path, Query

from api.deps import PageParams
from api.models import ErrorResponse, Page
from graph.entities import Slice

T = TypeVar("T")


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


# Every /api route may answer these.
ERRORS: dict[int | str, dict[str, Any]] = {
    401: _error("No token, or not a valid one."),
    403: _error("The token's scope is too small."),
    422: _error("A parameter or the body is not valid."),
    503: _error("Neo4j does not answer; try again after Retry-After seconds."),
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: _error("No entity has that key.")}

Key = Annotated[str, Path(min_length=1, max_length=300, description="The node's key.")]
Text = Annotated[
    str | None,
    Query(min_length=1, max_length=200, description="Text to search for (case-insensitive)."),
]
KeyFilter = Annotated[str | None, Query(min_length=1, max_length=300)]


def page_of(found: Slice[T], page: PageParams) -> Page[T]:
    """A graph slice as an API page."""
    return Page[T](items=found.items, total=found.total, limit=page.limit, offset=page.offset)
