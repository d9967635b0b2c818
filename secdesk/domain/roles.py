"""Who may do what: the three roles of a shared store and the actions each may take.

One place for the rule. The database's grants (secdesk.store.guard.grants) are what really
stop a change; the window reads the same table to disable what a role may not do and to say
why. Each role holds every right of the one before it: helpdesk < party engagement < admin.
A local SQLite store has one user, who is its admin.
"""

from __future__ import annotations

import enum


class Role(enum.IntEnum):
    """Ordered: a role may do whatever a lower one may."""

    HELPDESK = 1
    ENGAGEMENT = 2
    ADMIN = 3

    @property
    def group(self) -> str:
        """The PostgreSQL group role (NOLOGIN) a person's login is a member of."""
        return GROUPS[self]

    @property
    def label(self) -> str:
        return LABELS[self]

    @property
    def word(self) -> str:
        """As typed on the command line: helpdesk, engagement, admin."""
        return self.name.lower()

    @classmethod
    def from_word(cls, word: str) -> Role:
        key = word.strip().lower().replace("party ", "").replace("-", "_")
        for role in cls:
            if key in (role.word, role.group):
                return role
        raise ValueError(word)


GROUPS = {
    Role.HELPDESK: "secdesk_helpdesk",
    Role.ENGAGEMENT: "secdesk_engagement",
    Role.ADMIN: "secdesk_admin",
}
LABELS = {
    Role.HELPDESK: "helpdesk",
    Role.ENGAGEMENT: "party engagement",
    Role.ADMIN: "admin",
}


class Action(enum.Enum):
    """Something a person does that not every role may. Value: (least role, what it is,
    as the refusal words it: "<what> needs the <role> role")."""

    LOG_ENQUIRY = (Role.HELPDESK, "Logging enquiries")
    EDIT_ENQUIRY = (Role.HELPDESK, "Changing enquiries")
    RECORD_CHANGE_REQUEST = (Role.HELPDESK, "Recording change requests")
    EDIT_REGISTER = (Role.ENGAGEMENT, "Changing the register")
    RECORD_MEMBERSHIP = (Role.ENGAGEMENT, "Recording membership events")
    REVIEW_CHANGE_REQUEST = (Role.ENGAGEMENT, "Reviewing and actioning change requests")
    SEND_NOTIFICATIONS = (Role.ENGAGEMENT, "Marking notifications sent")
    PUBLISH = (Role.ENGAGEMENT, "Publishing")
    IMPORT_REGISTER = (Role.ENGAGEMENT, "Importing register workbooks")
    RESTORE_VALUE = (Role.ENGAGEMENT, "Restoring a value from the trail")
    EDIT_CATEGORIES = (Role.ADMIN, "Changing enquiry categories")
    EDIT_CLASSIFICATIONS = (Role.ADMIN, "Changing classifications")
    MANAGE_USERS = (Role.ADMIN, "Managing users")
    MANAGE_MAILBOXES = (Role.ADMIN, "Adding or removing the mailboxes secdesk reads")
    KEEP_PANEL_MEETINGS = (Role.ADMIN, "Keeping the SEC Panel's meeting dates")
    UPGRADE_SCHEMA = (Role.ADMIN, "Upgrading the store")

    @property
    def least(self) -> Role:
        return self.value[0]

    @property
    def what(self) -> str:
        return self.value[1]


def may(role: Role | None, action: Action) -> bool:
    return role is not None and role >= action.least


def refusal(action: Action) -> str:
    """Why a role may not: "Publishing needs the party engagement role"."""
    return f"{action.what} needs the {action.least.label} role"
