"""Signing in to a Microsoft 365 (Exchange Online) mailbox: Microsoft has retired passwords
for IMAP, so secdesk reads it with an OAuth 2.0 token (SASL XOAUTH2), got through MSAL —
in the window by the browser sign-in Microsoft shows, at a terminal by a device code. The
token cache (which lets the next fetch go without signing in again, for as long as the
organisation allows) is kept in the OS keyring, never in a file.

An organisation registers secdesk once in Microsoft Entra ID (a public client, with the
delegated permission IMAP.AccessAsUser.All and http://localhost as a redirect address) and
puts the application's id and its tenant in the mailbox's address (README: "Reading the
helpdesk mailbox").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from secdesk.errors import ConfigurationError
from secdesk.store import credentials

if TYPE_CHECKING:
    from secdesk.mail.address import Mailbox

SCOPES = ["https://outlook.office.com/IMAP.AccessAsUser.All"]
AUTHORITY_HOST = "https://login.microsoftonline.com"
SIGN_IN_SECONDS = 300  # how long the browser sign-in waits for the user

# How MSAL reaches Microsoft: its own HTTP client, unless one is given (tests give one that
# plays Microsoft's part).
http_client: Any = None


def _cache_account(mailbox: Mailbox) -> str:
    return f"mail-token:{mailbox.user}@{mailbox.host}:{mailbox.port}"


def _application(mailbox: Mailbox) -> tuple[Any, Any]:
    import msal  # only when a Microsoft mailbox is read

    cache = msal.SerializableTokenCache()
    kept = credentials.get_long_secret(_cache_account(mailbox))
    if kept:
        cache.deserialize(kept)
    options: dict[str, Any] = {"token_cache": cache}
    if http_client is not None:
        options["http_client"] = http_client
    try:
        app = msal.PublicClientApplication(
            mailbox.client_id, authority=f"{AUTHORITY_HOST}/{mailbox.tenant}", **options
        )
    except ValueError as exc:  # an unknown tenant, say
        raise ConfigurationError(
            f"Microsoft 365 did not accept the mailbox's tenant: {exc}"
        ) from exc
    return app, cache


def _unreachable() -> tuple[type[Exception], ...]:
    """What is raised when Microsoft cannot be reached (the network), or answers with an
    error page (an outage, say)."""
    from msal.exceptions import MsalError

    return (OSError, MsalError)


def _keep(mailbox: Mailbox, cache: Any) -> None:
    if cache.has_state_changed:
        credentials.set_long_secret(_cache_account(mailbox), cache.serialize())


def _checked(result: dict[str, Any] | None, what: str) -> None:
    if not result or "access_token" not in result:
        said = (result or {}).get("error_description") or (result or {}).get("error") or "no answer"
        first = str(said).strip().splitlines()[0]
        raise ConfigurationError(f"Microsoft 365 refused {what}: {first}")


def sign_in(
    mailbox: Mailbox, *, show: Callable[[str], None] | None = None, browser: bool = False
) -> None:
    """Sign in (with the browser, or with a device code whose instructions go to ``show``)
    and keep the token cache in the keyring."""
    app, cache = _application(mailbox)
    try:
        if browser:
            result = app.acquire_token_interactive(
                SCOPES, login_hint=mailbox.user, prompt="select_account", timeout=SIGN_IN_SECONDS
            )
        else:
            flow = app.initiate_device_flow(scopes=SCOPES)
            if "user_code" not in flow:
                _checked(flow, "the sign-in")
            (show or print)(str(flow["message"]))
            result = app.acquire_token_by_device_flow(flow)
    except _unreachable() as exc:
        raise ConfigurationError(
            f"Microsoft 365 could not be reached to sign in ({exc}); check the network and "
            "try again"
        ) from exc
    _checked(result, "the sign-in")
    _keep(mailbox, cache)


def access_token(mailbox: Mailbox, name: str) -> str:
    """A current token for reading the mailbox, renewed from the cache without asking the
    user; where that is no longer possible, the error says how to sign in again."""
    again = (
        f"sign in to the Microsoft 365 mailbox {name} on this computer: "
        f"secdesk mail signin {name} (or Inbox → Mailboxes… → Sign in)"
    )
    app, cache = _application(mailbox)
    accounts = app.get_accounts()
    if not accounts:
        raise ConfigurationError(again)
    try:
        result = app.acquire_token_silent(SCOPES, account=accounts[0])
    except _unreachable() as exc:
        raise ConfigurationError(
            f"Microsoft 365 could not be reached for the mailbox {name} ({exc}); check the "
            "network and try again"
        ) from exc
    if not result or "access_token" not in result:
        raise ConfigurationError(again)
    _keep(mailbox, cache)
    return str(result["access_token"])


def forget(mailbox: Mailbox) -> None:
    credentials.delete_secret(_cache_account(mailbox))


def has_sign_in(mailbox: Mailbox) -> bool:
    """Whether this computer keeps a sign-in for the mailbox (it may still have expired)."""
    return credentials.get_long_secret(_cache_account(mailbox)) is not None
