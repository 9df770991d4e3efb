"""Change events for other systems: a pageable feed to poll, and webhooks an admin registers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field

from api.deps import DEFAULT_PAGE_SIZE, Admin, Audit, GraphDep, Reader, SettingsDep
from api.routers.common import NOT_FOUND, Key
from core.errors import InvalidInput
from graph.changes import (
    ChangeEventOut,
    WebhookOut,
    changes_since,
    deactivate_webhook,
    list_webhooks,
    register_webhook,
)
from schema.outbox import EventKind

router = APIRouter(tags=["changes"])


class ChangesPage(BaseModel):
    """Events after a cursor; ask again with ``since=next`` for the following ones."""

    items: list[ChangeEventOut]
    next: int = Field(description="The cursor to ask from next time.")


class NewWebhook(BaseModel):
    """A receiver: its URL and the event kinds it wants."""

    url: str = Field(min_length=8, max_length=1000, examples=["https://esdh.kommune.dk/hooks"])
    events: list[EventKind] = Field(min_length=1)


@router.get("/api/changes", response_model=ChangesPage)
def changes(
    graph: GraphDep,
    settings: SettingsDep,
    _principal: Reader,
    audit: Audit,
    since: Annotated[
        int, Query(ge=0, le=2**53, description="The last cursor you have (0: the start).")
    ] = 0,
    limit: Annotated[int | None, Query(ge=1, description="How many, at most the maximum.")] = None,
) -> ChangesPage:
    """Changes after ``since``, oldest first: roles, findings, decisions, campaign answers."""
    largest = settings.api.max_page_size
    if limit is not None and limit > largest:
        raise InvalidInput(f"limit may be at most {largest}.", hint="Follow next instead.")
    items = changes_since(graph, since, limit=limit or min(DEFAULT_PAGE_SIZE, largest))
    people = {str(e.data["person"]) for e in items if e.data.get("person")}
    audit.record("changes.read", person_keys=people, since=since)
    return ChangesPage(items=items, next=items[-1].cursor if items else since)


@router.post("/api/webhooks", response_model=WebhookOut, status_code=201)
def add_webhook(graph: GraphDep, principal: Admin, audit: Audit, body: NewWebhook) -> WebhookOut:
    """Register a webhook; the answer holds its shared secret, shown only this once."""
    hook = register_webhook(graph, url=body.url, events=body.events, who=principal.name)
    audit.record("webhook.register", webhook=hook.key, url=hook.url)
    return hook


@router.get("/api/webhooks", response_model=list[WebhookOut])
def webhooks(graph: GraphDep, _principal: Admin) -> list[WebhookOut]:
    """The registered webhooks (without their secrets)."""
    return list_webhooks(graph)


@router.delete("/api/webhooks/{key}", status_code=204, responses=NOT_FOUND)
def remove_webhook(graph: GraphDep, _principal: Admin, audit: Audit, key: Key) -> Response:
    """Stop delivering to a webhook."""
    deactivate_webhook(graph, key)
    audit.record("webhook.remove", webhook=key)
    return Response(status_code=204)
