"""The municipality's OpenID Connect provider, as govgraph uses it: discovery, the authorization
code flow with PKCE (Authlib), and checks of its ID and access tokens against its JWKS (joserfc).

No JWT is parsed or checked by hand here: the libraries do the signatures and the standard
claims (issuer, audience, expiry, nonce). The discovery document and the keys are cached in the
process; an unknown key id fetches the keys again (the provider rotated them).
"""

from __future__ import annotations

import threading
import time
import warnings
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import authlib.deprecate  # noqa: F401  (its filter first, so that the one below wins)
import httpx

with warnings.catch_warnings():
    # Authlib 1.9 prefers the httpx2 package and says so when it finds httpx; httpx works.
    warnings.simplefilter("ignore")
    from authlib.integrations.httpx_client import OAuth2Client
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from api.token_store import Scope
from core.errors import GovgraphError, Unauthorized
from core.settings import OidcSettings

METADATA_SECONDS = 3600.0  # how long the discovery document is kept
KEYS_MIN_SECONDS = 30.0  # an unknown key id fetches the keys again, at most this often
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]


class ProviderUnavailable(GovgraphError):
    """The identity provider does not answer or answers nonsense."""

    status = 503
    code = "identity-provider-unavailable"


@dataclass(frozen=True, slots=True)
class Login:
    """Who the provider says logged in, and what govgraph grants them."""

    name: str  # the e-mail or UPN
    scope: Scope | None  # None: their groups grant nothing
    groups: tuple[str, ...]
    id_token: str


class Provider:
    """One configured provider; safe to share between threads."""

    def __init__(self, settings: OidcSettings, *, timeout: float = 10.0) -> None:
        self.settings = settings
        self.issuer = (settings.issuer or "").rstrip("/")
        self._timeout = timeout
        self._lock = threading.Lock()
        self._metadata: tuple[float, dict[str, Any]] | None = None
        self._keys: tuple[float, KeySet] | None = None

    # -- discovery -------------------------------------------------------------------------
    def metadata(self) -> dict[str, Any]:
        """The provider's discovery document (``.well-known/openid-configuration``)."""
        with self._lock:
            if self._metadata and time.monotonic() - self._metadata[0] < METADATA_SECONDS:
                return self._metadata[1]
        document = self._get_json(f"{self.issuer}/.well-known/openid-configuration")
        if document.get("issuer", "").rstrip("/") != self.issuer:
            raise ProviderUnavailable(
                f"The provider's discovery document names issuer {document.get('issuer')!r}, "
                f"not {self.issuer!r}.",
                hint="Set [oidc] issuer exactly as the provider spells it.",
            )
        with self._lock:
            self._metadata = (time.monotonic(), document)
        return document

    def _keyset(self, *, refresh: bool = False) -> KeySet:
        with self._lock:
            cached = self._keys
        if cached and (not refresh or time.monotonic() - cached[0] < KEYS_MIN_SECONDS):
            return cached[1]
        keys = KeySet.import_key_set(self._get_json(self.metadata()["jwks_uri"]))  # type: ignore[arg-type]
        with self._lock:
            self._keys = (time.monotonic(), keys)
        return keys

    def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = httpx.get(url, timeout=self._timeout)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as e:
            raise ProviderUnavailable(
                "The identity provider does not answer.",
                hint="Try again in a minute; if it persists, tell IT that single sign-on is down.",
            ) from e
        if not isinstance(body, dict):
            raise ProviderUnavailable(f"{url} did not answer a JSON object.")
        return body

    # -- the authorization code flow -------------------------------------------------------
    def _client(self, redirect_uri: str) -> OAuth2Client:
        return OAuth2Client(
            client_id=self.settings.client_id,
            client_secret=self.settings.client_secret(),
            scope=" ".join(self.settings.scopes),
            redirect_uri=redirect_uri,
            code_challenge_method="S256",
            timeout=self._timeout,
        )

    def authorization_url(self, *, redirect_uri: str, state: str, nonce: str, verifier: str) -> str:
        """Where to send the browser: the provider's login, with PKCE (S256) and a nonce."""
        with self._client(redirect_uri) as client:
            url, _ = client.create_authorization_url(
                self.metadata()["authorization_endpoint"],
                state=state,
                nonce=nonce,
                code_verifier=verifier,
            )
        return str(url)

    def finish(self, *, code: str, redirect_uri: str, verifier: str, nonce: str) -> Login:
        """Exchange the code for tokens, check the ID token, and map the user's groups."""
        try:
            with self._client(redirect_uri) as client:
                tokens = client.fetch_token(
                    self.metadata()["token_endpoint"],
                    grant_type="authorization_code",
                    code=code,
                    code_verifier=verifier,
                )
        except httpx.HTTPError as e:
            raise ProviderUnavailable(
                "The identity provider does not answer.", hint="Try to log in again."
            ) from e
        except Exception as e:  # Authlib's OAuth errors: a stale or replayed code
            raise Unauthorized(
                "The identity provider did not accept the login.", hint="Log in again."
            ) from e
        id_token = str(tokens.get("id_token") or "")
        claims = self._claims(id_token, audience=self.settings.client_id, nonce=nonce)
        name = str(claims.get(self.settings.email_claim) or "").lower()
        if not name:
            raise Unauthorized(
                f"The provider's ID token has no {self.settings.email_claim!r} claim.",
                hint="Ask IT to release the e-mail (or UPN) claim to govgraph, or set "
                "[oidc] email_claim.",
            )
        groups = _groups(claims.get(self.settings.groups_claim))
        return Login(name, self.scope_for(groups), groups, id_token)

    def scope_for(self, groups: tuple[str, ...]) -> Scope | None:
        """The largest scope the groups grant; None when they grant none."""
        granted = [
            Scope(self.settings.group_scopes[g]) for g in groups if g in self.settings.group_scopes
        ]
        return max(granted, key=lambda s: s.rank) if granted else None

    # -- access tokens of machine clients --------------------------------------------------
    def access_claims(self, token: str) -> tuple[dict[str, Any], Scope | None]:
        """The claims of a valid access token meant for the API, and the scope its groups grant.

        Raises Unauthorized for a token that is not signed by the provider, names another
        issuer or audience, or has expired.
        """
        audience = self.settings.api_audience
        if not audience:
            raise Unauthorized(
                "This API accepts no access tokens of the identity provider.",
                hint="Send a govgraph token, or ask IT to set [oidc] api_audience.",
            )
        claims = self._claims(token, audience=audience, nonce=None)
        return claims, self.scope_for(_groups(claims.get(self.settings.groups_claim)))

    def _claims(self, token: str, *, audience: str, nonce: str | None) -> dict[str, Any]:
        try:
            decoded = self._decode(token)
            checks: dict[str, Any] = {
                "iss": {"essential": True, "value": self.issuer},
                "aud": {"essential": True, "value": audience},
                "exp": {"essential": True},
            }
            if nonce is not None:
                checks["nonce"] = {"essential": True, "value": nonce}
            jwt.JWTClaimsRegistry(leeway=self.settings.leeway_seconds, **checks).validate(
                decoded.claims
            )
        except (JoseError, ValueError) as e:
            raise Unauthorized(
                f"The provider's token is not valid here ({type(e).__name__}).",
                hint="Get a new token from the identity provider, for this audience.",
            ) from e
        return dict(decoded.claims)

    def _decode(self, token: str) -> jwt.Token:
        try:
            return jwt.decode(token, self._keyset(), algorithms=ALGORITHMS)
        except JoseError:
            # A key id we do not know yet: the provider may have rotated its keys.
            return jwt.decode(token, self._keyset(refresh=True), algorithms=ALGORITHMS)

    # -- logout ----------------------------------------------------------------------------
    def logout_url(self, *, id_token: str | None, after: str) -> str | None:
        """The provider's end-session address (RP-initiated logout); None if it has none."""
        endpoint = self.metadata().get("end_session_endpoint")
        if not endpoint:
            return None
        params = {"client_id": self.settings.client_id, "post_logout_redirect_uri": after}
        if id_token:
            params["id_token_hint"] = id_token
        return f"{endpoint}?{urlencode(params)}"


def _groups(value: object) -> tuple[str, ...]:
    """The groups claim as names: Keycloak sends full paths ("/GG-Sekretariat")."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    return tuple(str(g).lstrip("/") for g in value if isinstance(g, str | int))
