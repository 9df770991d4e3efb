"""Sending the outbox's messages: e-mail over SMTP and webhook POSTs signed with HMAC-SHA256.

Each send either succeeds, fails for now (the server is down, answers 4xx for mail or 5xx for a
webhook: try again later) or fails for good (the address or the request is refused). A mail's
Message-ID and a webhook's ``Idempotency-Key`` header are the outbox key, so a receiver can
recognise a copy sent again after a crash between its acceptance and our record of it.
"""

from __future__ import annotations

import hashlib
import hmac
import smtplib
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from email.header import Header
from email.mime.text import MIMEText
from email.utils import formatdate
from urllib.parse import quote

from core.errors import ConfigError
from core.settings import SmtpSettings
from graph.notifications import OutboxMessage


class TryLater(Exception):
    """The receiver is unreachable or busy: the message stays queued."""


class Refused(Exception):
    """The receiver refused the message for good."""


# Headers every delivery carries: why it was sent, and its idempotency key.
REASON_HEADER = "X-Govgraph-Reason"
KEY_HEADER = "X-Govgraph-Key"
SIGNATURE_HEADER = "X-Govgraph-Signature"
TIMESTAMP_HEADER = "X-Govgraph-Timestamp"
# RFC 5322 atext that a Message-ID keeps as is; "/", "." and the rest are percent-encoded.
_ATEXT = "!#$&'*+-=?^_`{|}~"


def mail_of(message: OutboxMessage, *, sender: str) -> MIMEText:
    """The e-mail of a queued message: UTF-8 text, non-ASCII headers RFC 2047-encoded.

    Built with the compat32 classes: the modern ``EmailMessage`` API took ten times as long
    per mail, which a campaign's first send to thousands of holders notices.
    """
    mail = MIMEText(message.body, "plain", "utf-8")
    mail["From"] = sender
    mail["To"] = message.to
    mail["Subject"] = Header(message.subject, "utf-8", header_name="Subject").encode()
    mail["Date"] = formatdate(localtime=False)
    mail["Message-ID"] = message_id(message.key)
    mail["Content-Language"] = message.lang
    mail[REASON_HEADER] = Header(message.reason, "utf-8", header_name=REASON_HEADER).encode()
    mail[KEY_HEADER] = message.key
    return mail


def message_id(key: str) -> str:
    """The Message-ID of the mail for an outbox key: the key percent-encoded to RFC 5322's atext.

    Keys hold ``:`` (and may hold spaces or non-ASCII), which a msg-id may not; the encoding is
    one-to-one, so the same key is always the same Message-ID.
    """
    return f"<{quote(key, safe=_ATEXT)}@govgraph>"


@contextmanager
def smtp_connection(settings: SmtpSettings) -> Iterator[smtplib.SMTP]:
    """One connection to the mail server, logged in when a user is set; TryLater if down."""
    if not settings.host:
        raise ConfigError("No mail server is set.", hint="Set [smtp] host (and port, sender).")
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host,
                settings.port,
                timeout=settings.timeout,
                context=ssl.create_default_context(),
            )
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
        if settings.user:
            client.login(settings.user, _password(settings))
    except (OSError, smtplib.SMTPException) as e:
        raise TryLater(f"mail server {settings.host}:{settings.port}: {e}") from e
    try:
        yield client
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()


def send_mail(client: smtplib.SMTP, message: OutboxMessage, *, sender: str) -> None:
    """Send one mail over an open connection; TryLater or Refused if it was not accepted."""
    try:
        client.send_message(mail_of(message, sender=sender))
    except smtplib.SMTPRecipientsRefused as e:
        raise Refused(f"recipient refused: {e.recipients}") from e
    except smtplib.SMTPResponseException as e:
        if 500 <= e.smtp_code < 600:
            raise Refused(f"{e.smtp_code} {e.smtp_error!r}") from e
        raise TryLater(f"{e.smtp_code} {e.smtp_error!r}") from e
    except (OSError, smtplib.SMTPException) as e:
        raise TryLater(str(e) or type(e).__name__) from e


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """HMAC-SHA256 of ``timestamp.body`` with the webhook's secret, hex, as ``sha256=...``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def post_webhook(message: OutboxMessage, *, secret: str, timeout: float = 10.0) -> None:
    """POST one webhook delivery, signed; TryLater on 5xx, 408, 429 or no answer."""
    body = message.body.encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(
        message.to,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Idempotency-Key": message.key,
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: signature(secret, timestamp, body),
            "User-Agent": "govgraph-webhook",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout):
            return
    except urllib.error.HTTPError as e:
        if e.code >= 500 or e.code in (408, 429):
            raise TryLater(f"HTTP {e.code}") from e
        raise Refused(f"HTTP {e.code}") from e
    except (OSError, urllib.error.URLError) as e:
        raise TryLater(str(e)) from e


def _password(settings: SmtpSettings) -> str:
    if settings.password_file is None:
        raise ConfigError(
            "[smtp] user is set but password_file is not.",
            hint="Set [smtp] password_file to a file that holds the password.",
        )
    try:
        return settings.password_file.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ConfigError(
            f"The SMTP password file {settings.password_file} cannot be read.",
            hint="Check [smtp] password_file and the file's permissions.",
        ) from e
