"""The access bookkeeping kept beside the governance graph: API tokens, browser sessions and the
audit log. Every such node also carries the label ``Auth``, so that resets, counts and checksums
of the governance data leave it out, and a `db reset` keeps the audit log.
"""

from __future__ import annotations

AUTH_LABEL = "Auth"

# Label -> its unique key property.
AUTH_KEYS: dict[str, str] = {
    "AuthToken": "id",  # an API token: name, scope, argon2 hash, person, created/revoked
    "AuthSession": "id",  # a browser session: the SHA-256 of its id, expiry, whose it is
    "AuthLogin": "id",  # a single sign-on under way: PKCE verifier, nonce, where to go after
    "AuthSecret": "name",  # a secret generated once for all app processes (session cookies)
    "AuditEntry": "seq",  # one audit log entry, chained to the one before by its hash
    "AuditChain": "name",  # the audit chain's head: last sequence number and hash
}

# Indexes besides the keys: what the audit log and token lookups filter by.
AUTH_INDEXES: dict[str, tuple[str, ...]] = {
    "AuthToken": ("name",),
    "AuditEntry": ("at",),
}
