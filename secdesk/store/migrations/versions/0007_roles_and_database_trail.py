"""A shared store guards itself: the helpdesk, party engagement and admin group roles with
their grants, the audit trail written by a trigger under the authenticated login, and the
functions admins manage logins with (secdesk.store.guard). Nothing changes on SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30 11:40:00
"""

from __future__ import annotations

from alembic import op

from secdesk.store import guard

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    guard.install(op.get_bind())


def downgrade() -> None:
    guard.uninstall(op.get_bind())
