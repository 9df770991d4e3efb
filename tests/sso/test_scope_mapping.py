"""Provider groups map to govgraph scopes: the largest scope of a user's groups, or none."""

from __future__ import annotations

import pytest

from api.oidc import Provider
from api.token_store import Scope
from core.settings import OidcSettings

MAPPING = {"GG-Sekretariat": "secretariat", "GG-Analytikere": "analyst", "GG-Admin": "admin"}


@pytest.mark.parametrize(
    ("groups", "scope"),
    [
        (("GG-Analytikere",), Scope.ANALYST),
        (("GG-Analytikere", "GG-Sekretariat"), Scope.SECRETARIAT),
        (("Andre", "GG-Admin", "GG-Analytikere"), Scope.ADMIN),
        (("Andre",), None),
        ((), None),
    ],
)
def test_the_largest_scope_of_the_groups_is_granted(
    groups: tuple[str, ...], scope: Scope | None
) -> None:
    provider = Provider(OidcSettings(issuer="https://idp.example", group_scopes=MAPPING))
    assert provider.scope_for(groups) == scope


def test_a_scope_the_settings_do_not_know_is_refused() -> None:
    with pytest.raises(ValueError, match="group_scopes"):
        OidcSettings(issuer="https://idp.example", group_scopes={"G": "root"})  # type: ignore[dict-item]
