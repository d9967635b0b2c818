"""The global audit trail: filters, pages, and restoring a past value as a new change."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

import secdesk
from secdesk.domain import AuditAction, AuditEntry, Party
from secdesk.errors import ValidationError
from secdesk.months import UK_TIME
from secdesk.services import audit_trail, parties
from secdesk.services.audit_trail import AuditFilter, restore, trail, trail_page


def edit(store, party_id, **changes):
    with store.unit_of_work() as session:
        party = session.get(Party, party_id)
        parties.update_party(session, party_id, changes, party.version)


def entry_for(store, party_id, field, new):
    with store.session() as session:
        return session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.owner_id == party_id,
                AuditEntry.field == field,
                AuditEntry.new_value == new,
            )
        )


def test_restoring_an_old_value_is_a_new_audited_change(store, make_party):
    party_id, _ = make_party(name="Acme Energy Ltd", invoice_email="one@acme.example")
    edit(store, party_id, invoice_email="two@acme.example")
    edit(store, party_id, invoice_email="three@acme.example")
    with store.session() as session:
        before = session.scalar(select(func.count()).select_from(AuditEntry))
    second = entry_for(store, party_id, "invoice_email", "two@acme.example")
    with store.unit_of_work() as session:
        done = restore(session, second)
    assert (done.field, done.value) == ("Invoice e-mail", "one@acme.example")
    with store.session() as session:
        assert session.get(Party, party_id).invoice_email == "one@acme.example"
        [newest] = trail_page(session, AuditFilter(table="party", record_id=party_id), limit=1)
        assert (newest.field, newest.old, newest.new) == (
            "Invoice e-mail",
            "three@acme.example",
            "one@acme.example",
        )
        assert newest.user == "tester" and newest.record == f"Party {party_id}: Acme Energy Ltd"
        # History is added to, never rewritten: the entries restored from are still there.
        assert session.scalar(select(func.count()).select_from(AuditEntry)) > before
        assert entry_for(store, party_id, "invoice_email", "two@acme.example") == second
    with pytest.raises(ValidationError, match="already holds"), store.unit_of_work() as session:
        restore(session, second)


def test_a_removed_mpid_is_restored_and_an_added_one_taken_away(store, make_party):
    party_id, _ = make_party(name="Acme Energy Ltd", mpids=["ACME", "ACMX"])
    edit(store, party_id, mpids=["ACME", "ACMZ"])
    with store.session() as session:
        removed = session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.table_name == "mpid", AuditEntry.action == AuditAction.DELETE
            )
        )
        added = session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.table_name == "mpid",
                AuditEntry.action == AuditAction.CREATE,
                AuditEntry.new_value == "ACMZ",
            )
        )
    with store.unit_of_work() as session:
        restore(session, removed)
    with store.unit_of_work() as session:
        restore(session, added)
    with store.session() as session:
        assert sorted(m.code for m in session.get(Party, party_id).mpids) == ["ACME", "ACMX"]


def test_what_cannot_be_restored_says_why(store, make_party):
    party_id, _ = make_party(name="Acme Energy Ltd")
    with store.session() as session:
        created = session.scalar(
            select(AuditEntry.id).where(
                AuditEntry.table_name == "party", AuditEntry.field == "name"
            )
        )
    with pytest.raises(ValidationError, match="no earlier value"), store.unit_of_work() as s:
        restore(s, created)
    with store.session() as session:
        [row] = trail_page(session, AuditFilter(table="party", record_id=party_id), limit=1)
        assert row.restore_problem is not None


def test_filters_by_user_dates_type_and_record(store, make_party, other_store):
    acme, _ = make_party(name="Acme Energy Ltd")
    other, _ = make_party(name="Other Power Ltd", mpids=["OTHR"])
    with other_store.unit_of_work() as session:
        party = session.get(Party, acme)
        parties.update_party(session, acme, {"invoice_email": "ap@acme.example"}, party.version)
    with store.session() as session:
        by_colleague = trail_page(session, AuditFilter(user="colleague"))
        assert {r.field for r in by_colleague} >= {"Invoice e-mail"}
        assert all(r.user == "colleague" for r in by_colleague)
        assert {r.owner_id for r in trail_page(session, AuditFilter(table="party"))} == {
            acme,
            other,
        }
        mine = trail_page(session, AuditFilter(table="party", record_id=other))
        assert {r.owner_id for r in mine} == {other}
        assert "MPID added" in {r.what for r in mine}  # its child rows belong to it
        today = datetime.now(UK_TIME).date()
        assert trail_page(session, AuditFilter(until=today - timedelta(days=1))) == []
        assert len(trail_page(session, AuditFilter(since=today, until=today))) == len(
            trail_page(session)
        )
        choices = audit_trail.filter_choices(session, count_of=audit_trail.AuditFilter())
        assert choices.users == ["colleague", "tester"]
        assert ("Party", "party") in choices.record_types
        assert choices.count == audit_trail.count_entries(session)


def test_pages_walk_the_whole_trail_newest_first_and_the_cli_reader_oldest_first(store, make_party):
    for i in range(7):
        make_party(name=f"Party {i} Ltd")
    with store.session() as session:
        everything = list(trail(session, batch=5))
        seen, after = [], None
        while page := trail_page(session, AuditFilter(), after, limit=4):
            seen.extend(page)
            after = page[-1].cursor
    assert [r.id for r in seen] == [r.id for r in reversed(everything)]
    assert len({r.id for r in everything}) == len(everything)


def test_no_code_edits_or_deletes_audit_entries():
    """The trail is written only by secdesk.audit as changes flush; nothing in secdesk
    updates or deletes an entry."""
    root = Path(secdesk.__file__).parent
    for path in root.rglob("*.py"):
        source = re.sub(r"\s+", "", path.read_text(encoding="utf-8"))
        for verb in (
            "update(AuditEntry",
            "delete(AuditEntry",
            "UPDATEaudit_entry",
            "DELETEFROMaudit_entry",
        ):
            assert verb not in source, f"{path.relative_to(root)} edits the audit trail"


def test_record_types_are_found_by_name():
    assert audit_trail.find_table("party") == "party"
    assert audit_trail.find_table("Operations contact") == "operations_contact"
    with pytest.raises(ValidationError):
        audit_trail.find_table("spaceship")


def test_history_reads_in_words_not_ids(store, make_party):
    """A field that points at a record shows that record's name; a VAT number reads as the
    editor shows it; every field has a label in words (issue: `Category 2 → 5`)."""
    from secdesk.services import enquiries
    from secdesk.services.audit_trail import record_history

    party_id, version = make_party(voting_group="Acme Group")
    with store.unit_of_work() as session:
        parties.update_party(
            session,
            party_id,
            {"vat_number": "GB980780684", "voting_group": "Acme Holdings"},
            version,
        )
        first, second = enquiries.list_categories(session)[:2]
        enquiry = enquiries.log_enquiry(
            session,
            {"channel": "Email", "category_id": first.id, "subject": "Hi", "party_id": party_id},
        )
    with store.unit_of_work() as session:
        enquiries.update_enquiry(session, enquiry.id, {"category_id": second.id}, enquiry.version)
    with store.session() as session:
        party_lines = {(r.field, r.old, r.new) for r in record_history(session, "party", party_id)}
        enquiry_lines = {
            (r.field, r.old, r.new) for r in record_history(session, "enquiry", enquiry.id)
        }
    assert ("Voting group", "Acme Group", "Acme Holdings") in party_lines
    assert ("VAT number", None, "GB 980 7806 84") in party_lines
    assert ("Status", None, "Applicant") in party_lines
    assert ("Category", first.name, second.name) in enquiry_lines
    assert ("Party", None, "Acme Energy Ltd") in enquiry_lines
    labels = {field for field, _old, _new in party_lines | enquiry_lines}
    assert all(label[:1].isupper() and "_" not in label for label in labels), labels


def test_a_requested_changes_field_reads_as_its_label(store, make_party):
    from secdesk.services.audit_trail import record_history
    from secdesk.services.change_requests import record_request

    party_id, _ = make_party()
    with store.unit_of_work() as session:
        request = record_request(
            session,
            {
                "party_id": party_id,
                "received_on": "01/11/2026",
                "requester_name": "Jo",
                "requester_email": "jo@acme.example",
            },
            {"notices_postcode": "EC2A 4NE"},
        )
    with store.session() as session:
        lines = {(r.field, r.new) for r in record_history(session, "change_request", request.id)}
    assert ("Field", "Notices postcode") in lines
