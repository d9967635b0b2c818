"""A Microsoft 365 mailbox, on both stores: signed in once by device code (at a terminal)
and read over IMAP with XOAUTH2 from a real IMAP server (Dovecot) that checks each token
with the sign-in service; the token cache kept in the keyring, in parts small enough for
Windows' Credential Manager, never in a file; renewed without asking; and a sign-in that
has been revoked said in words with what to do."""

from __future__ import annotations

import pytest

from secdesk.errors import ConfigurationError, ValidationError
from secdesk.mail import accounts, mailbox, microsoft
from secdesk.mail.address import Mailbox
from secdesk.services import inbox
from tests.mail.dovecot import USER
from tests.mail.microsoft_fake import CLIENT_ID, TENANT
from tests.mail.test_mailbox import _put


def _url(server, folder):
    return (
        f"imaps://{USER}@127.0.0.1:{server.imaps_port}/{folder}"
        f"?auth=microsoft&tenant={TENANT}&client_id={CLIENT_ID}"
    )


def test_signed_in_by_device_code_and_read_with_xoauth2(
    store, trusted, folder, microsoft, tmp_path, memory_keyring
):
    _put(trusted, folder, 5)
    shown: list[str] = []
    accounts.add_account(
        store, "security", _url(trusted, folder), accounts.SignIn(show=shown.append)
    )
    assert "https://microsoft.com/devicelogin" in shown[0] and "SECAS-CODE" in shown[0]
    [fetched] = mailbox.fetch(store, "security")
    assert fetched.stored.added == 5
    with store.session() as session:
        assert len(inbox.inbox(session)) == 5
        [row] = accounts.listing(session)
    assert row.microsoft and row.signed_in
    # The cache is in the keyring, in parts no bigger than Windows keeps, and nowhere else.
    kept = {k: v for k, v in memory_keyring.passwords.items() if "mail-token" in k[1]}
    assert len(kept) > 2 and all(len(v) <= 1000 for v in kept.values())
    assert not any(p.is_file() for p in tmp_path.rglob("*") if "token" in p.name.lower())


def test_the_token_is_renewed_without_asking(store, trusted, folder, microsoft):
    _put(trusted, folder, 2)
    microsoft.lifetime = 120  # MSAL renews a token with less than five minutes to run
    accounts.add_account(store, "security", _url(trusted, folder), accounts.SignIn(show=print))
    mailbox.fetch(store, "security")
    assert microsoft.token_requests[-1] == "refresh_token"
    _put(trusted, folder, 1, start=2)
    [fetched] = mailbox.fetch(store, "security")
    assert fetched.stored.added == 1


def test_a_revoked_sign_in_is_said_with_what_to_do(store, trusted, folder, microsoft):
    accounts.add_account(store, "security", _url(trusted, folder), accounts.SignIn(show=print))
    microsoft.revoke_everything()  # an administrator ended the user's sessions
    with pytest.raises(ConfigurationError, match=r"refused the sign-in.*secdesk mail signin"):
        mailbox.fetch(store, "security")
    microsoft.lifetime = 120
    accounts.sign_in(store, "security", accounts.SignIn(show=print))
    microsoft.revoke_everything()
    with pytest.raises(ConfigurationError, match="sign in to the Microsoft 365 mailbox security"):
        mailbox.fetch(store, "security")  # the refresh is refused: sign in again
    accounts.sign_in(store, "security", accounts.SignIn(show=print))
    assert mailbox.fetch(store, "security")[0].read >= 0


def test_a_refused_sign_in_adds_nothing(store, trusted, folder, microsoft, monkeypatch):
    def refuse(*args, **kwargs):
        return {"error": "access_denied", "error_description": "AADSTS65004: User declined"}

    monkeypatch.setattr("msal.PublicClientApplication.acquire_token_by_device_flow", refuse)
    with pytest.raises(ConfigurationError, match="Microsoft 365 refused the sign-in: AADSTS65004"):
        accounts.add_account(store, "security", _url(trusted, folder), accounts.SignIn(show=print))
    with store.session() as session:
        assert accounts.listing(session) == []


def test_a_microsoft_address_names_the_application():
    with pytest.raises(ValidationError, match="application id"):
        Mailbox.parse("imaps://a%40b.example@outlook.office365.com/INBOX?auth=microsoft")
    with pytest.raises(ValidationError, match="does not know colour="):
        Mailbox.parse("imaps://a@b.example/INBOX?colour=red")
    parsed = Mailbox.parse(
        "imaps://helpdesk%40secas.example@outlook.office365.com/INBOX?auth=microsoft"
        f"&client_id={CLIENT_ID}"
    )
    assert (
        parsed.microsoft
        and parsed.tenant == "organizations"
        and parsed.user == "helpdesk@secas.example"
    )
    assert microsoft.SCOPES == ["https://outlook.office.com/IMAP.AccessAsUser.All"]
