"""The Inbox: e-mails waiting to be logged, oldest first, each with the Party it is from
and the category it is most likely about. Enter logs the selected messages with those
suggestions and moves on to the next; Ctrl+Enter opens the quick-log form filled from the
message, to change anything first; Delete sets a message aside as not an enquiry. The
mailboxes are read every few minutes (and on F5) without changing them; .eml and .msg
files dropped on the screen go in too, as do messages dragged straight out of Outlook. A
reply to an enquiry already logged is shown as such and logged into it (Shift+Enter: as a
new enquiry)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.domain.roles import Action
from secdesk.gui.kit.button_row import button_row
from secdesk.gui.kit.mail_drop import DroppedMail, mail_in
from secdesk.gui.kit.operations import BackgroundOp, ReadOp, StoreOp, say, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.gui.kit.screen import Screen
from secdesk.gui.kit.table_model import RecordTableModel, fit_columns, select_ids
from secdesk.gui.screens.inbox_columns import COLUMNS, Row
from secdesk.services import assessment_links, inbox
from secdesk.store.engine import Store

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor

FETCH_EVERY_MS = 5 * 60 * 1000


class InboxScreen(Screen):
    shows: ClassVar[frozenset[str]] = frozenset(
        {"mail_message", "mail_account", "enquiry", "enquiry_category", "party"}
    )
    loaded = Signal(int)
    logged = Signal(list)  # the new enquiries' ids

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setAcceptDrops(True)
        self.rows: list[Row] = []
        self._pending = 0
        self._select_next: int | None = None  # after logging: the message to go on to
        self.editor: RecordEditor | None = None
        title = QLabel("<h2>Inbox</h2>", self)
        self.count = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.everything = QCheckBox("Show &logged and set aside", self)
        self.everything.toggled.connect(self.refresh)
        self.model: RecordTableModel[Row] = RecordTableModel(
            COLUMNS, lambda r: r.state.value != "new", self
        )
        self.table = QTableView(self)
        self.table.setObjectName("inboxTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAlternatingRowColors(True)
        self.table.setAccessibleName("E-mails waiting to be logged")
        self.log_button = QPushButton("&Log", self)
        self.log_button.setToolTip(
            "Log the selected e-mails with the suggestions (Enter); a reply goes into its "
            "enquiry (Shift+Enter: log it as a new enquiry instead)"
        )
        self.edit_button = QPushButton("Log &with changes…", self)
        self.edit_button.setToolTip("The enquiry form, filled from the e-mail (Ctrl+Enter)")
        self.dismiss_button = QPushButton("&Not an enquiry", self)
        self.dismiss_button.setToolTip("Set the selected e-mails aside (Delete)")
        self.restore_button = QPushButton("&Bring back", self)
        self.fetch_button = QPushButton("&Read the mailboxes", self)
        self.fetch_button.setToolTip("Read what is new in the mailboxes (F5)")
        self.mailboxes_button = QPushButton("Mailbo&xes…", self)
        self.mailboxes_button.setToolTip(
            "The mailboxes secdesk reads, signing in to them, and how long e-mails are kept"
        )
        self.mailboxes_button.clicked.connect(self.show_mailboxes)
        self.log_button.clicked.connect(self.log_selected)
        self.edit_button.clicked.connect(self.log_with_changes)
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        self.restore_button.clicked.connect(self.bring_back_selected)
        self.fetch_button.clicked.connect(self.fetch)
        for keys, slot in (
            (Qt.Key.Key_Return, self.log_selected),
            (Qt.Key.Key_Enter, self.log_selected),
            (QKeySequence("Ctrl+Return"), self.log_with_changes),
            (QKeySequence("Ctrl+Enter"), self.log_with_changes),
            (QKeySequence("Shift+Return"), self.log_as_new),
            (QKeySequence("Shift+Enter"), self.log_as_new),
            (Qt.Key.Key_Delete, self.dismiss_selected),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.may_log = gate(
            store,
            Action.LOG_ENQUIRY,
            self.log_button,
            self.edit_button,
            self.dismiss_button,
            self.restore_button,
            self.fetch_button,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(button_row([self.everything], [self.mailboxes_button, self.fetch_button]))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        layout.addLayout(
            button_row(
                [self.count],
                [self.restore_button, self.dismiss_button, self.edit_button, self.log_button],
            )
        )
        self.timer = QTimer(self)
        self.timer.setInterval(FETCH_EVERY_MS)
        self.timer.timeout.connect(self.fetch)
        self.timer.start()
        self._update_buttons()

    # ---- reading --------------------------------------------------------------------------

    def when_loaded(self, callback: Any) -> None:
        self.loaded.connect(lambda _n: callback(), Qt.ConnectionType.SingleShotConnection)

    def refresh(self) -> None:
        everything = self.everything.isChecked()
        self._pending += 1
        ticket = self._pending

        def read(session: Session) -> list[Row]:
            return inbox.inbox(session, everything=everything, categories=True)

        def show(rows: list[Row]) -> None:
            if ticket != self._pending:
                return
            chosen = [r.id for r in self.selected()]
            scrolled = self.table.verticalScrollBar().value()
            self.rows = rows
            self.model.set_rows(rows)
            self.table.verticalScrollBar().setValue(scrolled)
            fit_columns(self.table)
            self._choose(chosen or ([rows[0].id] if rows else []))
            waiting = sum(r.state.value == "new" for r in rows)
            self.count.setText(f"{waiting:,} waiting to be logged")
            self._update_buttons()
            self.loaded.emit(len(rows))

        ReadOp(self, self.store, read).success(show).run_in_background()

    def fetch(self) -> None:
        """Read what is new in the mailboxes (off the window's thread); quiet when there
        are none, and a problem is said in the status line, not in a box."""
        if not self.may_log:
            return
        from secdesk.mail.mailbox import fetch

        self.status.setText("Reading the mailboxes…")

        def done(results: list[Any]) -> None:
            added = sum(r.stored.added for r in results)
            self.status.setText(
                f"Read {len(results)} mailbox{'es' if len(results) != 1 else ''}: {added} new."
                if results
                else "No mailboxes to read: an admin adds them in Mailboxes…"
            )
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.status.setText(f"The mailboxes could not be read: {exc}")

        BackgroundOp(self, lambda: fetch(self.store)).success(done).failure(
            failed
        ).run_in_background()

    def show_mailboxes(self) -> None:
        from secdesk.gui.screens.mailboxes import MailboxesDialog

        dialog = MailboxesDialog(self.store, self)
        dialog.finished.connect(lambda _result: self.fetch())
        dialog.open()

    # ---- choosing -------------------------------------------------------------------------

    def selected(self) -> list[Row]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.row(r) for r in rows]

    def _choose(self, ids: list[int]) -> None:
        """Select these messages (those still listed); none of them: the first."""
        if not select_ids(self.table, self.model, ids) and self.rows:
            select_ids(self.table, self.model, [self.rows[0].id])

    def _update_buttons(self) -> None:
        chosen = self.selected()
        waiting = [r for r in chosen if r.state.value == "new"]
        for button in (self.log_button, self.dismiss_button):
            button.setEnabled(self.may_log and bool(waiting))
        self.edit_button.setEnabled(self.may_log and len(waiting) == 1)
        aside = [r for r in chosen if r.state.value == "not an enquiry"]
        self.restore_button.setEnabled(self.may_log and bool(aside))
        self.restore_button.setVisible(self.everything.isChecked())

    def _next_after(self, rows: list[Row]) -> None:
        """After logging or setting aside: the next message waiting, below the last done."""
        found = [self.model.find(r.id) for r in rows]
        last = max((f for f in found if f is not None), default=-1)
        done = {r.id for r in rows}
        following = [r for r in self.rows[last + 1 :] if r.id not in done]
        self._select_next = following[0].id if following else None

    # ---- acting ---------------------------------------------------------------------------

    def log_as_new(self) -> None:
        """Shift+Enter: as Enter, but a reply becomes an enquiry of its own."""
        self.log_selected(as_new=True)

    def log_selected(self, *, as_new: bool = False) -> None:
        """Enter: log each selected message with its suggestions (a reply into the enquiry
        it answers); one without a category suggestion opens the form instead."""
        chosen = [r for r in self.selected() if r.state.value == "new"]
        if not chosen or not self.may_log:
            return

        def joins(row: Row) -> bool:
            return row.thread is not None and not as_new

        if len(chosen) == 1 and not chosen[0].categories and not joins(chosen[0]):
            self.log_with_changes()
            return
        ready = [r for r in chosen if r.categories or joins(r)]
        self._next_after(ready)

        def work(session: Session) -> list[int]:
            logged = []
            for row in ready:
                best = row.categories[0].category_id if row.categories else None
                logged += inbox.log_messages(session, [row.id], category_id=best, as_new=as_new)
            return logged

        def done(logged: list[int]) -> None:
            skipped = len(chosen) - len(ready)
            say(
                self,
                f"Logged {len(logged)} e-mail{'s' if len(logged) != 1 else ''}"
                + (f"; {skipped} need a category (Ctrl+Enter)" if skipped else ""),
            )
            self.logged.emit(logged)
            self._after_change()

        StoreOp(self, self.store, work).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def log_with_changes(self) -> None:
        """Ctrl+Enter: the enquiry form, filled from the message; saving logs it."""
        chosen = [r for r in self.selected() if r.state.value == "new"]
        if len(chosen) != 1 or not self.may_log:
            return
        from secdesk.gui.kit.editor import RecordEditor
        from secdesk.gui.screens.helpdesk import ENQUIRY_EDITOR

        message_id = chosen[0].id
        spec = replace(
            ENQUIRY_EDITOR,
            fresh=lambda session: inbox.prefilled(session, message_id),
            create=lambda session, data: assessment_links.log_enquiry(
                session, data, lambda values: inbox.log_as(session, message_id, values)
            ),
            save_and_next=False,
        )
        self._next_after(chosen)
        self.editor = RecordEditor(spec, self.store, None, self)
        self.editor.saved.connect(lambda enquiry_id: self._logged_one(enquiry_id))
        self.editor.open()

    def _logged_one(self, enquiry_id: int) -> None:
        say(self, "Logged 1 e-mail")
        self.logged.emit([enquiry_id])
        self._after_change()

    def dismiss_selected(self) -> None:
        self._change(inbox.dismiss, "set aside as not an enquiry", "new")

    def bring_back_selected(self) -> None:
        self._change(inbox.bring_back, "brought back", "not an enquiry")

    def _change(self, action: Any, words: str, state: str) -> None:
        chosen = [r for r in self.selected() if r.state.value == state]
        if not chosen or not self.may_log:
            return
        self._next_after(chosen)
        ids = [r.id for r in chosen]

        def done(count: int) -> None:
            say(self, f"{count} e-mail{'s' if count != 1 else ''} {words}")
            self._after_change()

        StoreOp(self, self.store, lambda session: action(session, ids)).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    def _after_change(self) -> None:
        following = self._select_next

        def reselect(_rows: int) -> None:
            if following is not None:
                self._choose([following])

        self.loaded.connect(reselect, Qt.ConnectionType.SingleShotConnection)
        self.refresh()

    # ---- files dropped on it --------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if mail_in(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        dropped = mail_in(event.mimeData())
        if dropped is not None:
            event.acceptProposedAction()
            self.import_mail(dropped)

    def import_files(self, paths: list[Path]) -> None:
        self.import_mail(DroppedMail(paths=paths))

    def import_mail(self, dropped: DroppedMail) -> None:
        """Files (.eml, .msg) or messages handed over by Outlook, into the inbox."""
        from secdesk.mail.files import import_messages, read_bytes, read_files

        def work() -> inbox.Stored:
            messages = read_files(dropped.paths)
            messages += [read_bytes(name, data) for name, data in dropped.handed]
            names = [p.name for p in dropped.paths] + [name for name, _ in dropped.handed]
            source = "file " + (names[0] if len(names) == 1 else f"{len(names)} files")
            return import_messages(self.store, messages, source)

        def done(stored: inbox.Stored) -> None:
            words = f"{stored.added} added to the inbox; {stored.already} already there."
            left = len(dropped.left_in_outlook)
            if left:
                words += (
                    f" Outlook handed over the first message only: drag the other {left} "
                    "one at a time, or save them as files and drop those."
                )
            self.status.setText(words)
            self.refresh()

        BackgroundOp(self, work).success(done).failure(
            lambda exc: show_error(self, exc)
        ).run_in_background()

    # ---- layout ---------------------------------------------------------------------------

    def save_layout(self, settings: QSettings) -> None:
        settings.setValue("inbox/header", self.table.horizontalHeader().saveState())

    def restore_layout(self, settings: QSettings) -> None:
        state = settings.value("inbox/header")
        if isinstance(state, QByteArray):
            self.table.horizontalHeader().restoreState(state)
