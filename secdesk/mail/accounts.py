"""The mailboxes secdesk reads, and signing in to them on this computer: a password kept
in the OS keyring, or Microsoft 365's sign-in (secdesk.mail.microsoft). Which mailboxes
are read is the store's (shared, on a shared store) and an admin's to change; the sign-in
is each person's, on each computer they use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from secdesk.domain import MailAccount
from secdesk.domain.roles import Action
from secdesk.errors import ConfigurationError, ValidationError
from secdesk.mail import microsoft
from secdesk.mail.address import Mailbox
from secdesk.store import credentials
from secdesk.store.engine import Store


@dataclass(frozen=True)
class SignIn:
    """How to sign in to a mailbox on this computer: a password, or (Microsoft 365) the
    browser sign-in or a device code whose instructions go to ``show``."""

    password: str | None = None
    browser: bool = False
    show: Callable[[str], None] | None = None


def add_account(store: Store, name: str, url: str, sign_in: SignIn) -> None:
    """A mailbox to read: its address in the store (shared, on a shared store), its
    password or Microsoft sign-in in this computer's keyring. Nothing is added when the
    sign-in fails."""
    store.require(Action.MANAGE_MAILBOXES)
    mailbox = Mailbox.parse(url)
    name = name.strip()
    if not name or len(name) > 60:
        raise ValidationError("Name", "give the mailbox a short name (up to 60 characters)")
    with store.reading() as session:
        if session.scalar(select(MailAccount.id).where(MailAccount.name == name)) is not None:
            raise ValidationError("Name", f"there is already a mailbox called {name}")
    _sign_in(mailbox, sign_in)
    with store.unit_of_work() as session:
        session.add(MailAccount(name=name, url=url.strip()))


def sign_in(store: Store, name: str, how: SignIn) -> None:
    """Sign in to a mailbox already added, on this computer (each person who reads it
    signs in once on each computer they use)."""
    store.require(Action.LOG_ENQUIRY)
    with store.reading() as session:
        url = account_url(session, name)
    _sign_in(Mailbox.parse(url), how)


def remove_account(store: Store, name: str) -> None:
    """Stop reading a mailbox. The messages read from it stay in the inbox."""
    store.require(Action.MANAGE_MAILBOXES)
    with store.unit_of_work() as session:
        mailbox = Mailbox.parse(account_url(session, name))
        session.execute(delete(MailAccount).where(MailAccount.name == name))
    if mailbox.microsoft:
        microsoft.forget(mailbox)
    else:
        credentials.delete_secret(mailbox.keyring_account)


def account_url(session: Session, name: str) -> str:
    url = session.scalar(select(MailAccount.url).where(MailAccount.name == name))
    if url is None:
        raise ValidationError("Mailbox", f"there is no mailbox called {name}")
    return url


def _sign_in(mailbox: Mailbox, how: SignIn) -> None:
    if mailbox.microsoft:
        microsoft.sign_in(mailbox, show=how.show, browser=how.browser)
        return
    if not how.password:
        raise ValidationError("Password", "give the mailbox's password")
    credentials.set_secret(mailbox.keyring_account, how.password)


def secret_for(mailbox: Mailbox, name: str) -> str:
    if mailbox.microsoft:
        return microsoft.access_token(mailbox, name)
    password = credentials.get_secret(mailbox.keyring_account)
    if password is None:
        raise ConfigurationError(
            f"this computer's keyring has no password for the mailbox {name}: sign in with "
            f"secdesk mail signin {name} (or Inbox → Mailboxes… → Sign in)"
        )
    return password


@dataclass(frozen=True)
class AccountRow:
    name: str
    url: str
    microsoft: bool
    fetched_at: datetime | None
    signed_in: bool  # on this computer


def listing(session: Session) -> list[AccountRow]:
    """The mailboxes, by name, each saying whether this computer can sign in to it."""
    rows = []
    for account in session.scalars(select(MailAccount).order_by(MailAccount.name)):
        mailbox = Mailbox.parse(account.url)
        rows.append(
            AccountRow(
                account.name, account.url, mailbox.microsoft, account.fetched_at, signed_in(mailbox)
            )
        )
    return rows


def signed_in(mailbox: Mailbox) -> bool:
    if mailbox.microsoft:
        return microsoft.has_sign_in(mailbox)
    return credentials.get_secret(mailbox.keyring_account) is not None
