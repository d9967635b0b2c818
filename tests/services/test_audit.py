"""Every change writes who, when, table, record, field, old and new in the same
transaction; a change that fails writes nothing."""

from __future__ import annotations

import shutil
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import URL

from secdesk.domain import AuditEntry
from secdesk.errors import ValidationError
from secdesk.services import contacts, history, parties
from secdesk.store.engine import Store
from tests.conftest import as_login


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


def _same_edits(store) -> dict[str, list[tuple]]:
    """A working day's edits of every kind of value (text, enum, date, moment, yes/no, a
    child list), and the History lines they leave, without the moments they were made."""
    from secdesk.services import enquiries, enquiry_log, membership
    from secdesk.services.audit_trail import record_history

    with store.unit_of_work() as session:
        party = parties.create_party(
            session,
            {"name": "Acme Energy Ltd", "category": "Large Supplier", "mpids": ["ABCD", "EFGH"]},
            accession_date="01/02/2020",
        )
        contact = contacts.create_contact(
            session,
            {"party_id": party.id, "name": "Jo", "priority": "Main", "email": "jo@acme.example"},
        )
        category = enquiries.list_categories(session)[0].id
        enquiry = enquiries.log_enquiry(
            session,
            {
                "channel": "Email",
                "category_id": category,
                "subject": "Where is my ID?",
                "received_at": "03/11/2026 09:15",
                "party_id": party.id,
            },
        )
    with store.unit_of_work() as session:
        changes = {"notices_email": "n@acme.example", "category": "Small Supplier"}
        parties.update_party(session, party.id, changes | {"mpids": ["ABCD", "WXYZ"]}, 2)
        contacts.update_contact(session, contact.id, {"is_24x7": True}, contact.version)
        enquiry_log.resolve_enquiries(session, [enquiry.id])
    with store.unit_of_work() as session:
        version = parties.get_party(session, party.id).version
        membership.record_event(session, party.id, "Default", "04/11/2026", "Unpaid", version)
    with store.session() as session:
        return {
            table: [
                (r.user, r.record, r.what, r.field, r.old, r.new)
                for r in record_history(session, table, record_id)
                if r.field not in ("Resolved", "recorded at")  # moments, which differ
            ]
            for table, record_id in (("party", party.id), ("enquiry", enquiry.id))
        }


def test_the_same_edits_read_the_same_on_both_stores(
    request, sqlite_template, postgres, postgres_template, tmp_path
):
    """One format, one reader: the trail secdesk writes on SQLite and the trail PostgreSQL's
    trigger writes give the same History, line for line."""
    shutil.copyfile(sqlite_template, tmp_path / "store.sqlite3")
    name = f"secdesk_same_{uuid.uuid4().hex[:12]}"
    urls = {
        "sqlite": URL.create("sqlite", database=str(tmp_path / "store.sqlite3")),
        "postgresql": as_login(postgres.create(name, postgres_template), "tester", request),
    }
    lines = {}
    try:
        for backend, url in urls.items():
            store = Store(url, user="tester")
            try:
                lines[backend] = _same_edits(store)
            finally:
                store.dispose()
    finally:
        postgres.drop(name)
    assert lines["sqlite"]["party"], "nothing was recorded"
    assert lines["postgresql"] == lines["sqlite"]


def test_both_writers_name_a_field_alike():
    """secdesk.audit names a field by its attribute, PostgreSQL's trigger by its column:
    they must be the same name, or one store's History would read differently."""
    from secdesk.domain import Base, load_all
    from secdesk.domain.base import Audited

    load_all()
    different = [
        (mapper.class_.__name__, attr.key, attr.columns[0].name)
        for mapper in Base.registry.mappers
        if issubclass(mapper.class_, Audited)
        for attr in mapper.column_attrs
        if attr.key != attr.columns[0].name
    ]
    assert different == []
