"""One settings object, read from a TOML file and from GOVGRAPH_* / NEO4J_* environment variables.

Precedence, highest first: environment variables, the TOML file (``--config PATH`` or
``GOVGRAPH_CONFIG``), the defaults below. Errors name the bad key.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from core.errors import ConfigError


class OrganisationSettings(BaseModel):
    """Which units the governance model is about."""

    forvaltning: str | None = "Jobcenter og Borgerservice"
    secretariat: str | None = "JB-sekretariatet"
    central_it: list[str] = Field(default_factory=lambda: ["IT-afdelingen"])
    unit_type_levels: dict[str, Literal["direktoer", "chef", "kontorleder"]] = Field(
        default_factory=dict
    )


class LocalDatabaseSettings(BaseModel):
    """The local Neo4j that govgraph runs itself when NEO4J_URI is not set."""

    port: int = Field(default=7687, ge=1024, le=65535)
    heap: str = Field(default="1g", pattern=r"^\d+[kKmMgG]$")
    pagecache: str = Field(default="256m", pattern=r"^\d+[kKmMgG]$")
    start_timeout: float = Field(default=180.0, gt=0)
    import_dir: Path | None = None  # LOAD CSV root; only the benchmark sets it


class RuleSettings(BaseModel):
    """Thresholds and periods of the gap rules (each named like the rule parameter it sets)."""

    users_per_superuser: int = Field(default=50, ge=1)
    overload_threshold: float = Field(default=8.0, gt=0)
    # Role key -> overload weight, over the defaults in schema.governance (GM-14).
    role_weights: dict[str, float] = Field(default_factory=dict)
    sole_holder_threshold: int = Field(default=5, ge=1)
    owner_review_months: int = Field(default=6, ge=1)
    vendor_dialog_months: int = Field(default=12, ge=1)
    risk_assessment_months: int = Field(default=24, ge=1)
    # Failed live syncs in a row after which the source is a finding (DQ-05).
    sync_failures: int = Field(default=3, ge=1)
    # Rules of the plain catalogue run at once, each in its own read transaction (1: all in one).
    concurrent_rules: int = Field(default=3, ge=1)

    @field_validator("role_weights")
    @classmethod
    def _known_roles(cls, value: dict[str, float]) -> dict[str, float]:
        from schema.governance import roles

        known = {r.key for r in roles()}
        unknown = sorted(set(value) - known)
        if unknown:
            raise ValueError(f"unknown role(s) {', '.join(unknown)}; known: {', '.join(known)}")
        if any(w < 0 for w in value.values()):
            raise ValueError("weights must not be negative")
        return value


class DecisionSettings(BaseModel):
    """Decisions: which need a second person's approval (four eyes), and whose."""

    # Role key (systemejer, ...) or decision type (review, facts, accept-risk) -> who approves.
    # Phase 1 asks any other principal with the secretariat scope; the value names the office
    # (afdelingschef) that single sign-on will map to a person.
    approval: dict[str, str] = Field(default_factory=lambda: {"systemejer": "afdelingschef"})

    @field_validator("approval")
    @classmethod
    def _known_keys(cls, value: dict[str, str]) -> dict[str, str]:
        from schema.decisions import approval_keys

        unknown = sorted(set(value) - set(approval_keys()))
        if unknown:
            raise ValueError(
                f"unknown key(s) {', '.join(unknown)}; known: {', '.join(approval_keys())}"
            )
        return value


class SmtpSettings(BaseModel):
    """The mail server the worker sends through; no host means no mail is sent (it waits)."""

    host: str | None = None
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    user: str | None = None
    # A file holding the password (mounted secret); the password itself is never a setting.
    password_file: Path | None = None
    sender: str = "govgraph@localhost"
    timeout: float = Field(default=10.0, gt=0)
    # Connections the worker sends over at once (a big batch is shared between them).
    connections: int = Field(default=4, ge=1, le=32)


class WorkerSettings(BaseModel):
    """The worker that sends the outbox and runs scheduled jobs (in `serve` and `worker`)."""

    # Run the worker inside `govgraph serve`; off when a separate `govgraph worker` runs.
    in_serve: bool = True
    # Seconds between looks at the outbox, and messages sent per look.
    poll_seconds: float = Field(default=2.0, gt=0)
    batch_size: int = Field(default=50, ge=1, le=1000)
    # A job's lease: another process takes over this many seconds after the holder stops.
    lease_seconds: float = Field(default=30.0, gt=0)
    # Retry backoff: first wait, doubled per attempt, capped; a claimed message that was never
    # recorded (the process stopped mid-send) is tried again after claim_seconds.
    retry_first_seconds: float = Field(default=30.0, gt=0)
    retry_max_seconds: float = Field(default=3600.0, gt=0)
    claim_seconds: float = Field(default=300.0, gt=0)


class NotificationSettings(BaseModel):
    """What the messages say and where their links point; campaigns' reminders."""

    # The address people open the app at: personal links in mails start with it.
    base_url: str = "http://127.0.0.1:8000"
    # Who is told when a role has no holder, or a holder has no e-mail address.
    secretariat_email: str | None = None
    # The language of a message when the recipient's is not known.
    default_language: Literal["da", "en"] = "da"
    # Reminders this many days before a campaign's deadline (each sent once).
    reminder_days: list[int] = Field(default_factory=lambda: [7, 2])
    # A personal link stays valid this many days after its campaign's deadline.
    link_days_after_deadline: int = Field(default=14, ge=0)
    # Minutes between looks for reminders and escalations that are due.
    check_minutes: float = Field(default=15.0, gt=0)
    # A review or vendor dialog is announced this many days before it is due.
    review_notice_days: int = Field(default=14, ge=0)
    # A leaver's leader and the secretariat hear of the handover this many days before.
    leaver_notice_days: int = Field(default=14, ge=0)
    # New findings about one's systems: a daily or weekly digest, or none.
    digest: Literal["daily", "weekly", "off"] = "weekly"


class ApiSettings(BaseModel):
    """The web app."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    cors_origins: list[str] = Field(default_factory=list)
    max_page_size: int = Field(default=500, ge=1)
    # Request bodies: POST /api/imports may send max_upload_mb, every other request max_body_kb.
    max_upload_mb: int = Field(default=50, ge=1)
    max_body_kb: int = Field(default=1024, ge=1)
    # Reverse proxies (addresses or networks) whose X-Forwarded-For/-Proto are believed.
    trusted_proxies: list[str] = Field(default_factory=list)
    # Wrong token secrets per token id, and per client address, before it must wait.
    auth_failures: int = Field(default=10, ge=1)
    auth_failure_window: float = Field(default=300.0, gt=0)
    cypher_timeout: float = Field(default=10.0, gt=0)
    # Seconds a read (API, /health, pages) waits for Neo4j before it is answered 503.
    database_timeout: float = Field(default=15.0, gt=0)
    cypher_row_cap: int = Field(default=5000, ge=1)
    # Bytes of JSON rows one ad-hoc query may return; rows beyond it are cut off and flagged.
    cypher_max_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    # Ad-hoc queries one token may have running at once (in one app process).
    cypher_concurrency_per_token: int = Field(default=2, ge=1)
    audit_retention_days: int = Field(default=365, ge=1)
    session_hours: float = Field(default=12.0, gt=0)
    # How long a verified bearer token is trusted without reading Neo4j again (per process):
    # a revocation made elsewhere holds within this bound; 0 reads it at every request.
    token_cache_seconds: float = Field(default=2.0, ge=0, le=60)
    graph_node_cap: int = Field(default=500, ge=1)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"{entry!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)"
                ) from None
        return value


class LiveSourceSettings(BaseModel):
    """How patiently a live source is read, and how much of it is believed."""

    timeout: float = Field(default=60.0, gt=0)  # seconds per request
    retries: int = Field(default=4, ge=0)  # after a 429, 500, 502, 503 or 504
    backoff: float = Field(default=2.0, ge=0)  # seconds before the first retry, doubled after
    max_retry_after: float = Field(default=300.0, ge=0)  # longest Retry-After waited for
    max_pages: int = Field(default=2000, ge=1)  # per list: a list longer than this is refused
    max_response_mb: float = Field(default=50.0, gt=0)  # per response


class KitosSettings(LiveSourceSettings):
    """KITOS's API v2, read as the municipality's API user (see README, 'Live sync')."""

    base_url: str | None = None  # https://kitos.dk
    organization_uuid: str | None = None
    user: str | None = None  # the API user's e-mail
    password_file: Path | None = None  # a file holding only the password
    page_size: int = Field(default=250, ge=1, le=250)
    # A delta asks for changes since the last good sync's start less this overlap (clock skew).
    overlap_minutes: float = Field(default=5.0, ge=0)


class Os2moSettings(LiveSourceSettings):
    """OS2mo's GraphQL API, read with a Keycloak client (see README, 'Live sync')."""

    base_url: str | None = None  # https://os2mo.example.dk
    auth_url: str | None = None  # https://keycloak.example.dk/auth
    client_id: str | None = None
    client_secret_file: Path | None = None
    root_unit: str | None = None  # uuid of the unit whose subtree is read; all when unset
    graphql_path: str = "graphql"  # OS2mo serves versions as graphql/vNN; pin one here
    page_size: int = Field(default=500, ge=1, le=1000)


class SyncSettings(BaseModel):
    """The app's schedule: minutes between syncs per source; 0 never syncs on its own."""

    kitos_minutes: float = Field(default=0, ge=0)
    os2mo_minutes: float = Field(default=0, ge=0)
    # Every n-th scheduled KITOS sync is full; the others ask only for what changed.
    kitos_full_every: int = Field(default=24, ge=1)


ScopeName = Literal["reader", "analyst", "secretariat", "admin"]


class OidcSettings(BaseModel):
    """Single sign-on through the municipality's OpenID Connect provider; off without an issuer.

    Any standard provider: Keycloak (brokering ADFS or Entra ID, as OS2mo does), Entra ID, ADFS,
    OS2faktor. Its endpoints and keys come from ``<issuer>/.well-known/openid-configuration``.
    """

    issuer: str | None = None
    client_id: str = ""
    # A file holding the confidential client's secret (a mounted secret, never the settings).
    client_secret_file: Path | None = None
    scopes: list[str] = Field(default_factory=lambda: ["openid", "email", "profile"])
    # The claim that holds the user's e-mail or UPN (Entra ID: "upn" or "preferred_username").
    email_claim: str = "email"
    groups_claim: str = "groups"
    # Provider group -> govgraph scope; a user gets the largest scope of their groups, and a
    # user whose groups grant none is refused.
    group_scopes: dict[str, ScopeName] = Field(default_factory=dict)
    # The audience the provider's access tokens must name to be accepted by the API (machine
    # clients with client credentials). Unset: the API accepts none (an ID token, whose
    # audience is the client_id, is never taken for an access token).
    api_audience: str | None = None
    # Clock skew allowed when checking a token's expiry.
    leeway_seconds: int = Field(default=30, ge=0, le=300)

    @property
    def enabled(self) -> bool:
        """True when an issuer is configured."""
        return bool(self.issuer)

    def client_secret(self) -> str | None:
        """The client secret from its file; None for a public client."""
        if self.client_secret_file is None:
            return None
        try:
            return self.client_secret_file.read_text(encoding="utf-8").strip()
        except OSError as e:
            raise ConfigError(
                f"oidc.client_secret_file {self.client_secret_file} cannot be read ({e.strerror})."
            ) from e


class Settings(BaseSettings):
    """All of govgraph's configuration."""

    model_config = SettingsConfigDict(
        env_prefix="GOVGRAPH_", env_nested_delimiter="__", extra="forbid"
    )

    # Unset means production: only an explicit "development" prints a local admin token.
    env: Literal["development", "test", "production"] = "production"
    home: Path = Field(default_factory=lambda: Path.home() / ".govgraph")
    neo4j_uri: str | None = Field(default=None, validation_alias="NEO4J_URI")
    neo4j_user: str = Field(default="neo4j", validation_alias="NEO4J_USER")
    neo4j_password: str | None = Field(default=None, validation_alias="NEO4J_PASSWORD", repr=False)
    neo4j_database: str = Field(default="neo4j", validation_alias="NEO4J_DATABASE")
    organisation: OrganisationSettings = Field(default_factory=OrganisationSettings)
    local: LocalDatabaseSettings = Field(default_factory=LocalDatabaseSettings)
    rules: RuleSettings = Field(default_factory=RuleSettings)
    api: ApiSettings = Field(default_factory=ApiSettings)
    decisions: DecisionSettings = Field(default_factory=DecisionSettings)
    kitos: KitosSettings = Field(default_factory=KitosSettings)
    os2mo: Os2moSettings = Field(default_factory=Os2moSettings)
    sync: SyncSettings = Field(default_factory=SyncSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    worker: WorkerSettings = Field(default_factory=WorkerSettings)
    notifications: NotificationSettings = Field(default_factory=NotificationSettings)
    oidc: OidcSettings = Field(default_factory=OidcSettings)
    # Signs the browser's session cookies; generated into $GOVGRAPH_HOME when not given.
    session_secret: SecretStr | None = None
    # Local KITOS role names or role UUIDs -> the model's roles (systemejer, superbruger, ...).
    kitos_role_map: dict[str, str] = Field(default_factory=dict)

    @field_validator("home", mode="before")
    @classmethod
    def _expand_home(cls, value: Any) -> Any:
        return Path(value).expanduser() if isinstance(value, str | Path) else value

    @property
    def uses_local_database(self) -> bool:
        """True when govgraph runs its own Neo4j (no NEO4J_URI given)."""
        return not self.neo4j_uri

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # Environment wins over the TOML file, which arrives as init arguments.
        return env_settings, init_settings


def load_settings(config: Path | None = None) -> Settings:
    """Read the settings, raising ConfigError with the bad key and what to do."""
    path = config or (
        Path(os.environ["GOVGRAPH_CONFIG"]) if os.environ.get("GOVGRAPH_CONFIG") else None
    )
    data: dict[str, Any] = {}
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as e:
            raise ConfigError(
                f"The configuration file {path} does not exist.",
                hint="Check --config or GOVGRAPH_CONFIG.",
            ) from e
        except tomllib.TOMLDecodeError as e:
            raise ConfigError(
                f"The configuration file {path} is not valid TOML: {e}.",
                hint="Fix the line it names.",
            ) from e
    try:
        return Settings(**data)
    except ValidationError as e:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in e.errors()
        )
        where = f" in {path}" if path else ""
        raise ConfigError(
            f"Invalid configuration{where}: {problems}.",
            hint="Correct the named key (see README, 'Configuration').",
        ) from e
