"""Assessments and the obligations computed from them, on both stores: the 12-week booking
rule (at 83 and 84 days, and across a clock change), the SSA due a year after the last
User CIO fieldwork, a G5.27 return overdue the day after it is due and not before, the
year-3 assessment that 250,000 premises changes, G3.17-G3.20, and the UEP gate for a
Supplier and for an Other SEC Party."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from secdesk.domain import AssessmentKind, PartyDccRole
from secdesk.errors import ReasonNeeded, ValidationError
from secdesk.services import assessments, obligations, parties, security_profiles, uep_gate
from tests.services.conftest import new_party


def _assess(store, party_id, kind="Full User Security Assessment", **values):
    data = {
        "party_id": party_id,
        "kind": kind,
        "application_received": "05/01/2026",
        "requested_for": "30/03/2026",
    } | values
    with store.unit_of_work() as session:
        return assessments.create_assessment(session, data).id


def test_an_assessment_is_booked_at_least_12_weeks_after_its_application(store):
    party_id, _ = new_party(store)
    application = date(2026, 1, 5)
    # 30 March 2026 is 84 days on, the day after the clocks go forward: allowed.
    assert (date(2026, 3, 30) - application).days == 84
    _assess(store, party_id, requested_for="30/03/2026")
    with pytest.raises(ValidationError) as refused:
        _assess(store, party_id, requested_for="29/03/2026")  # 83 days
    assert refused.value.field == "Requested assessment date"
    assert "fewer than 12 weeks (84 days)" in refused.value.message
    assert "the earliest date allowed is 30/03/2026" in refused.value.message
    # And on an edit of either date.
    assessment_id = _assess(store, party_id)
    with store.unit_of_work() as session, pytest.raises(ValidationError, match="30/03/2026"):
        held = assessments.get_assessment(session, assessment_id)
        assessments.update_assessment(
            session, assessment_id, {"application_received": "06/01/2026"}, held.version
        )


def test_the_ssa_is_due_a_year_after_the_last_user_cio_fieldwork(store):
    party_id, _ = new_party(store, name="Albion Power plc")
    _assess(store, party_id, fieldwork_start="01/04/2026", fieldwork_end="03/04/2026")
    _assess(
        store,
        party_id,
        "Verification User Security Assessment",
        application_received="01/02/2026",
        requested_for="10/06/2026",
        fieldwork_start="10/06/2026",
        fieldwork_end="12/06/2026",
    )
    with store.session() as session:
        [ssa] = [i for i in obligations.due(session, date(2026, 7, 1)) if "Self" in i.obligation]
    assert ssa.due_on == date(2027, 6, 12) and ssa.party == "Albion Power plc"
    assert "12/06/2026" in ssa.detail and ssa.status(date(2026, 7, 1)) == "due in 346 days"
    # Booked for a date within the year: met.
    _assess(
        store,
        party_id,
        "Security Self-Assessment",
        application_received="01/01/2027",
        requested_for="01/05/2027",
    )
    with store.session() as session:
        assert not [i for i in obligations.due(session, date(2026, 7, 1)) if "Self" in i.obligation]


def test_a_g527_return_is_overdue_the_day_after_it_is_due_and_not_before(store):
    party_id, _ = new_party(store, name="Bramble Energy Ltd")
    with store.unit_of_work() as session:
        security_profiles.set_profile(
            session,
            party_id,
            {"shared_resource_provider": "Meter Hub Ltd", "srp_since": "31/08/2025"},
        )

    def returns(today):
        with store.session() as session:
            return [i for i in obligations.due(session, today) if i.obligation == "G5.27 return"]

    due_on = date(2026, 2, 28)  # six months after 31 August: the month's last day
    on_the_day, next_one = returns(due_on)  # and the one after it, to come
    assert next_one.due_on == date(2026, 8, 31) and not next_one.overdue(due_on)
    assert on_the_day.due_on == due_on and not on_the_day.overdue(due_on)
    assert on_the_day.status(due_on) == "due today"
    the_day_after = returns(due_on + timedelta(days=1))[0]
    assert the_day_after.overdue(due_on + timedelta(days=1))
    assert the_day_after.status(due_on + timedelta(days=1)) == "overdue by 1 day"
    with store.unit_of_work() as session:
        made = security_profiles.record_return(session, party_id, due_on, "01/03/2026", "120,000")
        assert made.sms_count == 120_000
        assert obligations.overdue_count(session, date(2026, 3, 1)) == 0
    # The next falls due six months on.
    assert [i.due_on for i in returns(date(2026, 8, 31))] == [date(2026, 8, 31), date(2027, 2, 28)]
    with store.unit_of_work() as session, pytest.raises(ValidationError, match="already recorded"):
        security_profiles.record_return(session, party_id, due_on, "02/03/2026", 5)


def test_250000_premises_make_the_year_three_assessment_a_full_one(store):
    party_id, _ = new_party(store, name="Cedar Gas Ltd")
    _assess(store, party_id, outcome="Approved", outcome_on="15/04/2026")
    with store.session() as session:
        [year3] = [
            i for i in obligations.due(session, date(2026, 5, 1)) if "Year-3" in i.obligation
        ]
    assert year3.obligation == "Year-3 assessment: VUSA" and year3.due_on == date(2029, 4, 15)
    with store.unit_of_work() as session:
        security_profiles.set_profile(session, party_id, {"over_250k_since": "01/09/2027"})
    with store.session() as session:
        [year3] = [
            i for i in obligations.due(session, date(2026, 5, 1)) if "Year-3" in i.obligation
        ]
    assert year3.obligation == "Year-3 assessment: FUSA" and "250,000" in year3.detail


def test_g317_is_due_by_the_first_uep_completion(store):
    party_id, version = new_party(store, name="Damson Gas Ltd")
    with store.unit_of_work() as session:
        parties.update_party(session, party_id, {"dcc_roles": {"GS": "01/06/2026"}}, version)
    with store.session() as session:
        [item] = [i for i in obligations.due(session, date(2026, 7, 1)) if "G3.17" in i.obligation]
    assert item.due_on == date(2026, 6, 1) and item.overdue(date(2026, 7, 1))
    with store.unit_of_work() as session:
        security_profiles.set_profile(
            session,
            party_id,
            {"notify_agreement": "Letter of Intent", "notify_agreement_received": "20/05/2026"},
        )
    with store.session() as session:
        assert not [
            i for i in obligations.due(session, date(2026, 7, 1)) if "G3.17" in i.obligation
        ]


@pytest.mark.parametrize(
    ("category", "needed"),
    [
        ("Small Supplier", ["Full User Security Assessment"]),
        ("Other SEC Party", ["Full User Security Assessment", "Full User Privacy Assessment"]),
    ],
)
def test_the_uep_gate_asks_for_a_reason_without_an_approved_assessment(store, category, needed):
    party_id, version = new_party(store, name="Elder Energy Ltd", category=category)
    with store.unit_of_work() as session, pytest.raises(ReasonNeeded) as asked:
        uep_gate.update_party(session, party_id, {"dcc_roles": {"IS": "01/06/2026"}}, version)
    for kind in needed:
        assert kind in asked.value.message
    # With a reason: saved, and the reason kept beside the role.
    with store.unit_of_work() as session:
        uep_gate.update_party(
            session,
            party_id,
            {"dcc_roles": {"IS": "01/06/2026"}, uep_gate.REASON_KEY: "Assessment report due"},
            version,
        )
    with store.session() as session:
        role = session.scalar(select(PartyDccRole).where(PartyDccRole.party_id == party_id))
        assert role.gate_reason == "Assessment report due"
    # Approved (or approved subject to) assessments open the gate.
    other_id, other_version = new_party(store, name="Fir Energy Ltd", category=category)
    for kind in needed:
        _assess(store, other_id, kind, outcome="Approved, subject to", outcome_on="20/05/2026")
    with store.unit_of_work() as session:
        saved = uep_gate.update_party(
            session, other_id, {"dcc_roles": {"ES": "01/06/2026"}}, other_version
        )
        assert [r.gate_reason for r in saved.dcc_roles] == [None]
    assert AssessmentKind.FUSA in uep_gate.needed(parties.PartyCategory.SMALL_SUPPLIER)
