"""Every change writes who, when, table, record, field, old and new in the same
transaction; a change that fails writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from secdesk.domain import AuditEntry
from secdesk.errors import ValidationError
from secdesk.services import contacts, history, parties


def entries(store, table="party", record_id=1):
    with store.session() as session:
        return [
            (e.action.value, e.table_name, e.field, e.old_value, e.new_value, e.user_name)
            for e in history.history(session, table, record_id)
        ]


def test_create_update_and_child_changes_are_audited(store, other_store, make_party):
    party_id, version = make_party(mpids=["ABCD", "EFGH"], notices_email="a@acme.example")
    with other_store.unit_of_work() as session:
        parties.update_party(
            session,
            party_id,
            {"notices_email": "b@acme.example", "mpids": ["ABCD", "WXYZ"]},
            version,
        )
    trail = entries(store, "party", party_id)
    assert ("create", "party", "name", None, "Acme Energy Ltd", "tester") in trail
    assert ("create", "mpid", "code", None, "EFGH", "tester") in trail
    assert (
        "update",
        "party",
        "notices_email",
        "a@acme.example",
        "b@acme.example",
        "colleague",
    ) in trail
    assert ("delete", "mpid", "code", "EFGH", None, "colleague") in trail
    assert ("create", "mpid", "code", None, "WXYZ", "colleague") in trail
    # Bookkeeping columns are not history.
    assert not [e for e in trail if e[2] in ("version", "updated_at", "created_at", "party_id")]


def test_contacts_appear_in_their_partys_history(store, make_party):
    party_id, _ = make_party()
    with store.unit_of_work() as session:
        contacts.create_contact(
            session,
            {"party_id": party_id, "name": "Jo", "priority": "Main", "email": "jo@acme.example"},
        )
    assert ("create", "operations_contact", "name", None, "Jo", "tester") in entries(
        store, "party", party_id
    )


def test_a_failed_change_leaves_no_audit_entries(store, make_party):
    party_id, version = make_party()
    with store.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(ValidationError), store.unit_of_work() as session:
        parties.update_party(session, party_id, {"notices_email": "ok@acme.example"}, version)
        raise ValidationError("Test", "abandon the change after it was flushed")
    with store.session() as session:
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == before
