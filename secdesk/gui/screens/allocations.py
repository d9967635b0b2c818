"""The ID Allocation register: organisation numbers, EUI-64 ranges and signifiers of the
Parties, the DCC and the RDPs, and the allocation editor (a new one starts from the next
free number and block)."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy.orm import Session

from secdesk import validate as v
from secdesk.display import FORMATS
from secdesk.errors import ValidationError
from secdesk.gui.kit.editor_spec import EditorSpec, Loaded
from secdesk.gui.kit.filter_bar import Filter, Query
from secdesk.gui.kit.record_list import RecordList
from secdesk.gui.kit.table_model import TableColumn
from secdesk.gui.kit.values import CURRENT, FORMER, current_only
from secdesk.services import allocations
from secdesk.services.allocations import (
    ALLOCATION_FIELDS,
    AllocationSummary,
    OrganisationChoice,
)


def _load(session: Session, allocation_id: int) -> Loaded:
    allocation = allocations.get_allocation(session, allocation_id)
    return Loaded(
        ALLOCATION_FIELDS.snapshot(allocation),
        allocation.version,
        f"{allocation.organisation.display_name}, {allocation.signifier}",
    )


def _choices(session: Session) -> dict[str, list[tuple[str, Any]]]:
    choices = allocations.organisation_choices(session)
    return {"organisation_id": [(c.name, c) for c in choices]}


def _fresh(session: Session) -> dict[str, Any]:
    proposal = allocations.propose_allocation(session)
    return {
        "organisation_number": proposal.organisation_number,
        "range_start": proposal.range_start,
        "range_end": proposal.range_end,
        "is_current": True,
    }


def _holder(raw: Any) -> Any:
    if not isinstance(raw, OrganisationChoice):
        raise ValidationError("Organisation", "choose the Party, DCC or RDP that holds the IDs")
    return raw.organisation_id


def _with_holder(session: Session, data: dict[str, Any]) -> dict[str, Any]:
    if isinstance(data.get("organisation_id"), OrganisationChoice):
        data = data | {"organisation_id": allocations.holder_id(session, data["organisation_id"])}
    return data


ALLOCATION_EDITOR = EditorSpec(
    form="allocation_editor.ui",
    fields=ALLOCATION_FIELDS,
    noun="ID allocation",
    audit_table="id_allocation",
    load=_load,
    create=lambda session, data: allocations.allocate(session, _with_holder(session, data)).id,
    update=lambda session, allocation_id, changes, version: (
        allocations.update_allocation(
            session, allocation_id, _with_holder(session, changes), version
        ).id
    ),
    choices=_choices,
    fresh=_fresh,
    choice_keys={"organisation_id": lambda c: c.organisation_id if c else None},
    rules={"organisation_id": _holder},
    formats=FORMATS["id_allocation"],
)


class AllocationRegister(RecordList):
    # The tables it shows (secdesk.gui.kit.live): a change to one refreshes it.
    shows: ClassVar[frozenset[str]] = frozenset({"id_allocation", "organisation", "party"})
    title = "ID Allocation"
    singular = "allocation"
    plural = "allocations"
    search_hint = "Search organisation or signifier"
    settings_key = "allocation_list"
    editor_spec = ALLOCATION_EDITOR
    columns = (
        TableColumn[AllocationSummary](
            "Organisation", "organisation", lambda a: a.organisation_name
        ),
        TableColumn[AllocationSummary]("Type", "type", lambda a: a.organisation_type.value),
        TableColumn[AllocationSummary](
            "Organisation number", "organisation_number", lambda a: str(a.organisation_number)
        ),
        TableColumn[AllocationSummary](
            "Range start", "range_start", lambda a: v.format_eui64(a.range_start)
        ),
        TableColumn[AllocationSummary]("Range end", None, lambda a: v.format_eui64(a.range_end)),
        TableColumn[AllocationSummary]("Signifier", "signifier", lambda a: a.signifier),
        TableColumn[AllocationSummary](
            "Status", "current", lambda a: "Current" if a.is_current else "Former"
        ),
    )
    filters = (
        Filter(
            "current",
            "S&tatus",
            [("Current and former", None), ("Current", CURRENT), ("Former", FORMER)],
        ),
    )

    def query(self, session: Session, query: Query, after: Any = None) -> list[AllocationSummary]:
        return allocations.list_allocations(
            session,
            search=query.search,
            current=current_only(query.filters["current"]),
            sort=query.sort,
            descending=query.descending,
        )

    def dimmed(self, row: AllocationSummary) -> bool:
        return not row.is_current

    def describe(self, row: AllocationSummary) -> str:
        return f"{row.organisation_name}, {row.signifier}"
