"""A mailbox's address: ``imaps://user@host[:port]/FOLDER`` (TLS from the first byte) or
``imap://…`` (STARTTLS), and for Microsoft 365 ``…?auth=microsoft&tenant=T&client_id=ID``
(the organisation's registration of secdesk in Microsoft Entra ID)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from secdesk.errors import ValidationError

MICROSOFT = "microsoft"


@dataclass(frozen=True)
class Mailbox:
    """A mailbox's address, parsed: ``imaps://user@host[:port]/FOLDER``, and for Microsoft
    365 ``…?auth=microsoft&tenant=T&client_id=ID`` (the organisation's registration)."""

    tls: bool  # True: TLS from the first byte; False: STARTTLS
    user: str
    host: str
    port: int
    folder: str
    auth: str = "password"  # or MICROSOFT
    tenant: str = ""
    client_id: str = ""

    @property
    def microsoft(self) -> bool:
        return self.auth == MICROSOFT

    @classmethod
    def parse(cls, url: str) -> Mailbox:
        parts = urlsplit(url.strip())
        query = {k: v[-1].strip() for k, v in parse_qs(parts.query).items()}
        auth = query.pop("auth", "password").lower()
        tenant, client_id = query.pop("tenant", ""), query.pop("client_id", "")
        if auth not in ("password", MICROSOFT):
            raise ValidationError("URL", "auth= is password or microsoft")
        if query:
            raise ValidationError("URL", f"secdesk does not know {', '.join(sorted(query))}=")
        if auth == MICROSOFT and not client_id:
            raise ValidationError(
                "URL",
                "a Microsoft 365 mailbox needs the organisation's application id: "
                "…?auth=microsoft&tenant=TENANT&client_id=APPLICATION-ID",
            )
        if parts.scheme not in ("imaps", "imap"):
            raise ValidationError(
                "URL", "give imaps://user@host/FOLDER (TLS) or imap://user@host/FOLDER (STARTTLS)"
            )
        if not parts.hostname or not parts.username:
            raise ValidationError("URL", "name the user and the server: imaps://user@host/INBOX")
        if parts.password:
            raise ValidationError(
                "URL", "leave the password out of the URL: it goes to the OS keyring"
            )
        try:
            port = parts.port or (993 if parts.scheme == "imaps" else 143)
        except ValueError:
            raise ValidationError("URL", "the port is not a number") from None
        folder = unquote(parts.path.lstrip("/")) or "INBOX"
        user = unquote(parts.username)
        return cls(
            parts.scheme == "imaps",
            user,
            parts.hostname,
            port,
            folder,
            auth,
            tenant or "organizations",
            client_id,
        )

    @property
    def keyring_account(self) -> str:
        return f"mail:{self.user}@{self.host}:{self.port}"
