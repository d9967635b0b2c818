"""What the Inbox shows of each message: when it arrived, who sent it, its subject, the
category it is most likely about (or the enquiry it answers), the Party it is from, and
why it was set aside."""

from __future__ import annotations

from secdesk.display import as_text
from secdesk.gui.kit.table_model import TableColumn
from secdesk.services import inbox

Row = inbox.InboxRow  # a message as the Inbox lists it, with its suggestions


def _sender(row: Row) -> str:
    m = row
    return f"{m.from_name} <{m.from_address}>" if m.from_name else (m.from_address or "")


def _category(row: Row) -> str:
    if row.thread is not None:
        return f"Reply to enquiry {row.thread.enquiry_id}"
    if not row.categories:
        return "—"
    best = row.categories[0]
    return f"{best.name} ({best.probability:.0%})"


COLUMNS: tuple[TableColumn[Row], ...] = (
    TableColumn("Received", None, lambda r: as_text(r.received_at)),
    TableColumn("From", None, _sender),
    TableColumn("Subject", None, lambda r: r.subject),
    TableColumn("Category", None, _category),
    TableColumn("Party", None, lambda r: r.party[1] if r.party else ""),
    TableColumn(
        "State",
        None,
        lambda r: r.auto_reason or r.state.value,
    ),
)
