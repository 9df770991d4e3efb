"""The mail that tells the secretariat a live source has stopped syncing (DQ-05 opened).

It is queued in the transaction that records the failure making the source overdue, keyed by
the source and the first failure of the outage: later failures of the same outage MERGE onto
the same message, and a new outage (after a good sync) gets a new key and a new mail.
"""

from __future__ import annotations

from datetime import datetime

from core.i18n import format_date, language, text
from core.settings import Settings
from graph.notifications import OutgoingMessage
from schema.outbox import Channel

NAMES = {"kitos": "KITOS", "os2mo": "OS2mo"}
# Where each source's secret is set, for the mail's "what to do".
SECRET_SETTING = {"kitos": "[kitos] password_file", "os2mo": "[os2mo] client_secret_file"}


def outage_key(source: str, failing_since: datetime) -> str:
    """The outbox key of an outage's mail: one per source and first failure."""
    return f"sync-outage:{source}:{failing_since.isoformat()}"


def outage_mail(
    settings: Settings,
    *,
    source: str,
    failures: int,
    failing_since: datetime,
    last_ok_at: datetime | None,
    error: str | None,
) -> OutgoingMessage:
    """The secretariat's mail about ``source`` failing ``failures`` times in a row."""
    notice = settings.notifications
    lang = language(notice.default_language)
    name = NAMES.get(source, source)
    since = (
        text("sync.mail.since", lang, date=format_date(last_ok_at.date(), lang))
        if last_ok_at
        else text("sync.mail.never", lang)
    )
    reason = text("sync.mail.reason", lang, source=name, failures=failures)
    return OutgoingMessage(
        key=outage_key(source, failing_since),
        channel=Channel.MAIL,
        to=notice.secretariat_email or "",
        subject=text("sync.mail.subject", lang, source=name, since=since),
        body=text(
            "sync.mail.body",
            lang,
            reason=reason,
            source=name,
            since=since,
            error=error or text("common.unknown", lang),
            section=f"[{source}]",
            command=f"govgraph sync {source}",
            secret=SECRET_SETTING.get(source, f"[{source}]"),
            link=f"{notice.base_url.rstrip('/')}/sync",
            signature=text("campaign.mail.signature", lang),
        ),
        reason=reason,
        lang=lang,
    )
