"""What the DCC and the Alternative HAN Company must be told when a change request is
actioned: the e-mail text (kept as produced), the changed fields (old -> new) for the
workbook, and whether each has been sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from secdesk.display import as_text
from secdesk.domain import (
    ChangeDecision,
    ChangeRequest,
    ChangeRequestItem,
    Notification,
    NotificationRecipient,
    Party,
)
from secdesk.domain.base import utcnow
from secdesk.errors import ValidationError
from secdesk.services.change_fields import labels_of
from secdesk.services.records import FieldSet, load_for_update, save_checked

GREETING = {
    NotificationRecipient.DCC: "Dear DCC colleagues,",
    NotificationRecipient.ALT_HAN_CO: "Dear Alt HAN Co colleagues,",
}


def notification_text(
    recipient: NotificationRecipient,
    party: str,
    request_id: int,
    actioned_at: datetime,
    changes: list[tuple[str, str, str]] | tuple[tuple[str, str, str], ...],
) -> str:
    """The e-mail to send, ready to paste: a subject line, then each changed field."""
    when = as_text(actioned_at.date())
    lines = [
        f"Subject: SEC Party details changed: {party}",
        "",
        GREETING[recipient],
        "",
        f"{party} has changed the following details in the SEC register (change request "
        f"{request_id}, actioned {when}). The Party consented to this notification.",
        "",
    ]
    for label, old, new in changes:
        lines.append(f"- {label}: {old or '(blank)'} -> {new or '(blank)'}")
    lines += ["", "Kind regards,", "SECAS Helpdesk"]
    return "\n".join(lines)


@dataclass(frozen=True)
class NotificationLine:
    id: int
    version: int
    recipient: NotificationRecipient
    party: str
    request_id: int
    produced_at: datetime
    sent_at: datetime | None
    sent_by: str | None
    body: str
    changes: tuple[tuple[str, str, str], ...]


def notifications(session: Session, *, unsent_only: bool = True) -> list[NotificationLine]:
    """Notifications oldest first; by default only those not yet marked sent."""
    # Each notification with its request's approved changes, joined: one statement.
    approved = and_(
        ChangeRequestItem.request_id == Notification.request_id,
        ChangeRequestItem.decision == ChangeDecision.APPROVED,
    )
    query = (
        select(Notification, Party.name, Party.id, ChangeRequestItem)
        .join(ChangeRequest, ChangeRequest.id == Notification.request_id)
        .join(Party, Party.id == ChangeRequest.party_id)
        .outerjoin(ChangeRequestItem, approved)
        .order_by(Notification.produced_at, Notification.id, ChangeRequestItem.id)
    )
    if unsent_only:
        query = query.where(Notification.sent_at.is_(None))
    rows: list[tuple[Notification, str, int]] = []
    items: dict[int, list[ChangeRequestItem]] = {}
    for notification, party_name, party_id, item in session.execute(query):
        if not rows or rows[-1][0] is not notification:
            rows.append((notification, party_name, party_id))
        if item is not None and item not in items.get(notification.request_id, []):
            items.setdefault(notification.request_id, []).append(item)
    labels = labels_of(session, (i.field for found in items.values() for i in found))
    result = []
    for n, party_name, _party_id in rows:
        changes = tuple(
            (labels.get(i.field, i.field), i.old_value or "", i.new_value or "")
            for i in items.get(n.request_id, [])
            if (i.old_value or "") != (i.new_value or "")
        )
        result.append(
            NotificationLine(
                n.id,
                n.version,
                n.recipient,
                party_name,
                n.request_id,
                n.produced_at,
                n.sent_at,
                n.sent_by,
                n.body,
                changes,
            )
        )
    return result


NOTIFICATION_FIELDS = FieldSet("Notification")


def count_unsent(session: Session) -> int:
    query = select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None))
    return session.scalar(query) or 0


def mark_sent(session: Session, notification_id: int, expected_version: int) -> Notification:
    """Record that a notification went out (who and when); marking it again is refused."""
    notification = load_for_update(
        session, Notification, notification_id, expected_version, NOTIFICATION_FIELDS
    )
    if notification.sent_at is not None:
        raise ValidationError(
            "Notification",
            f"was already marked sent by {notification.sent_by} on {as_text(notification.sent_at)}",
        )
    notification.sent_at, notification.sent_by = utcnow(), session.info.get("user", "unknown")
    save_checked(session, notification, expected_version, NOTIFICATION_FIELDS)
    return notification
