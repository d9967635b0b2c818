"""The register as the spreadsheets read it: loaded once per export or publish, with a
handful of plain queries grouped by party, instead of tens of thousands of ORM objects.

The objects carry the same attribute names as the ORM classes (``party.mpids[0].code``,
``contact.party.name``, ``allocation.organisation.display_name``), so a column's getter is
written once and reads either. Read-only: nothing here is ever saved.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Executable, select
from sqlalchemy.orm import Session

from secdesk.domain import (
    Affiliate,
    EnergyLicence,
    GasIdentifier,
    IdAllocation,
    Mpid,
    OperationsContact,
    Organisation,
    Party,
    PartyDccRole,
    PartyName,
    VotingGroup,
)

_PARTY_COLUMNS = (
    "id",
    "name",
    "category",
    "status",
    "accession_date",
    "company_number",
    "vat_number",
    "registered_address",
    "registered_postcode",
    "invoice_address",
    "invoice_postcode",
    "notices_address",
    "notices_postcode",
    "notices_email",
    "last_updated",
)
_NO_GROUP = None


def _rows(session: Session, query: Executable) -> Iterable[Any]:
    return session.execute(query).mappings()


def _by_party(session: Session, query: Executable) -> dict[int, list[SimpleNamespace]]:
    grouped: dict[int, list[SimpleNamespace]] = defaultdict(list)
    for row in _rows(session, query):
        values = dict(row)
        grouped[values.pop("party_id")].append(SimpleNamespace(**values))
    return grouped


class RegisterSnapshot:
    def __init__(self, session: Session) -> None:
        self.session = session

    @cached_property
    def parties_by_id(self) -> dict[int, SimpleNamespace]:
        session = self.session
        query = select(
            *(getattr(Party, c) for c in _PARTY_COLUMNS), VotingGroup.name.label("group_name")
        ).outerjoin(VotingGroup, VotingGroup.id == Party.voting_group_id)
        children = {
            "dcc_roles": select(
                PartyDccRole.party_id, PartyDccRole.role, PartyDccRole.uep_completed_on
            ).order_by(PartyDccRole.role),
            "licences": select(
                EnergyLicence.party_id, EnergyLicence.licence_type, EnergyLicence.reference
            ).order_by(EnergyLicence.id),
            "affiliates": select(Affiliate.party_id, Affiliate.name).order_by(Affiliate.id),
            "mpids": select(Mpid.party_id, Mpid.code).order_by(Mpid.code),
            "gas_identifiers": select(GasIdentifier.party_id, GasIdentifier.code).order_by(
                GasIdentifier.code
            ),
            "previous_names": select(PartyName.party_id, PartyName.name).order_by(
                PartyName.changed_on, PartyName.id
            ),
        }
        grouped = {key: _by_party(session, q) for key, q in children.items()}
        parties = {}
        for row in _rows(session, query):
            values = dict(row)
            group = values.pop("group_name")
            party = SimpleNamespace(**values)
            party.voting_group = SimpleNamespace(name=group) if group is not None else _NO_GROUP
            for key in children:
                setattr(party, key, grouped[key].get(party.id, []))
            parties[party.id] = party
        return parties

    @cached_property
    def parties(self) -> list[SimpleNamespace]:
        return list(self.parties_by_id.values())

    @cached_property
    def contacts(self) -> list[SimpleNamespace]:
        query = select(
            OperationsContact.id,
            OperationsContact.party_id,
            OperationsContact.name,
            OperationsContact.job_title,
            OperationsContact.email,
            OperationsContact.office_phone,
            OperationsContact.out_of_hours_phone,
            OperationsContact.priority,
            OperationsContact.is_24x7,
            OperationsContact.last_confirmed,
        ).where(OperationsContact.retired_at.is_(None))
        parties = self.parties_by_id
        result = []
        for row in _rows(self.session, query):
            contact = SimpleNamespace(**row)
            contact.party = parties[contact.party_id]
            result.append(contact)
        return result

    @cached_property
    def allocations(self) -> list[SimpleNamespace]:
        query = select(
            IdAllocation.id,
            IdAllocation.organisation_number,
            IdAllocation.range_start,
            IdAllocation.range_end,
            IdAllocation.signifier,
            IdAllocation.is_current,
            Organisation.kind,
            Organisation.name.label("organisation_name"),
            Organisation.party_id,
        ).join(Organisation, Organisation.id == IdAllocation.organisation_id)
        parties = self.parties_by_id
        result = []
        for row in _rows(self.session, query):
            party = parties.get(row["party_id"]) if row["party_id"] is not None else None
            organisation = SimpleNamespace(
                kind=row["kind"],
                party=party,
                display_name=party.name if party else row["organisation_name"],
            )
            result.append(
                SimpleNamespace(
                    id=row["id"],
                    organisation_number=row["organisation_number"],
                    range_start=row["range_start"],
                    range_end=row["range_end"],
                    signifier=row["signifier"],
                    is_current=row["is_current"],
                    organisation=organisation,
                )
            )
        return result

    @cached_property
    def events(self) -> list[SimpleNamespace]:
        """Every Party's membership events; ``order`` is the order they take effect in."""
        from secdesk.domain import MembershipEvent
        from secdesk.services.membership import event_order

        query = select(
            MembershipEvent.id,
            MembershipEvent.party_id,
            MembershipEvent.kind,
            MembershipEvent.occurred_on,
            MembershipEvent.reason,
            MembershipEvent.recorded_at,
        )
        events = self._of_parties(query)
        for event in events:
            event.order = event_order(event)
        return events

    @cached_property
    def testing(self) -> list[SimpleNamespace]:
        """Every Party's entry-test completions (SREPT, UEPT by role)."""
        from secdesk.domain import TestingCompletion

        query = select(
            TestingCompletion.id,
            TestingCompletion.party_id,
            TestingCompletion.test,
            TestingCompletion.role,
            TestingCompletion.completed_on,
        )
        return self._of_parties(query)

    def _of_parties(self, query: Executable) -> list[SimpleNamespace]:
        """The rows of a query of the Parties' records, each with its Party."""
        parties = self.parties_by_id
        result = []
        for row in _rows(self.session, query):
            record = SimpleNamespace(**row)
            record.party = parties[record.party_id]
            result.append(record)
        return result
