"""`govgraph token create|list|revoke`: the secret once, a hash in Neo4j, revocation at once."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from api.token_store import Scope, TokenStore
from core.errors import InvalidInput, NotFound
from core.settings import Settings
from govgraph.cli import app as cli
from tests.support import token_store

SECRET = re.compile(r"ggt_[0-9a-f]{12}_[A-Za-z0-9_-]{40,}")


@pytest.fixture
def store(cli_env: Settings) -> TokenStore:
    """The tokens the `govgraph` commands of this test see."""
    return token_store(cli_env)


def test_create_prints_a_working_secret_once(store: TokenStore) -> None:
    result = CliRunner().invoke(cli, ["token", "create", "intranet", "--scope", "analyst"])
    assert result.exit_code == 0, result.output
    secret = SECRET.search(result.output)
    assert secret is not None
    principal = store.verify(secret.group(0))
    assert principal is not None and principal.scope is Scope.ANALYST


def test_list_shows_names_and_scopes_never_secrets(store: TokenStore) -> None:
    store.create("intranet", "reader")
    result = CliRunner().invoke(cli, ["token", "list"])
    assert "intranet" in result.output and "reader" in result.output
    assert not SECRET.search(result.output) and "argon2" not in result.output


def test_revoke_stops_the_token(store: TokenStore) -> None:
    secret = store.create("intranet", "reader")
    result = CliRunner().invoke(cli, ["token", "revoke", "intranet"])
    assert result.exit_code == 0
    assert store.verify(secret) is None
    assert "revoked" in CliRunner().invoke(cli, ["token", "list"]).output


def test_revoking_an_unknown_token_is_an_error(store: TokenStore) -> None:
    result = CliRunner().invoke(cli, ["token", "revoke", "nobody"])
    assert isinstance(result.exception, NotFound)


@pytest.mark.parametrize("name", ["", "a b", "x" * 65, "../etc", "-flag"])
def test_unusable_names_are_refused(store: TokenStore, name: str) -> None:
    with pytest.raises(InvalidInput):
        store.create(name, "reader")


def test_an_unknown_scope_is_refused(store: TokenStore) -> None:
    result = CliRunner().invoke(cli, ["token", "create", "x", "--scope", "root"])
    assert result.exit_code != 0


def test_two_active_tokens_cannot_share_a_name(store: TokenStore) -> None:
    store.create("intranet", "reader")
    with pytest.raises(InvalidInput):
        store.create("intranet", "admin")


def test_a_revoked_name_can_be_used_again(store: TokenStore) -> None:
    store.create("intranet", "reader")
    store.revoke("intranet")
    assert store.verify(store.create("intranet", "reader")) is not None


def test_a_token_can_act_as_a_person(store: TokenStore) -> None:
    result = CliRunner().invoke(cli, ["token", "create", "anne", "--person", "AZ12345"])
    assert result.exit_code == 0, result.output
    secret = SECRET.search(result.output)
    assert secret is not None
    principal = store.verify(secret.group(0))
    assert principal is not None and principal.person == "AZ12345"
    assert "AZ12345" in CliRunner().invoke(cli, ["token", "list"]).output
