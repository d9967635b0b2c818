"""An open editor learns at once that someone else saved its record (not only when it
saves): a bar above the form says who changed what. With nothing typed yet, the form simply
takes the new values; with edits of one's own, the bar offers to take theirs or keep
editing (and the merge on save is still there). News comes from secdesk.gui.kit.live.
On a shared store a line above says who else has the record open (kit.presence_line)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout
from sqlalchemy.orm import Session

from secdesk.display import comparable
from secdesk.gui.kit.live import live_for
from secdesk.gui.kit.operations import ReadOp
from secdesk.gui.kit.presence_line import PresenceLine
from secdesk.services.audit_trail import record_history

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor
    from secdesk.gui.kit.editor_spec import Loaded

BAR_STYLE = "QFrame#changedElsewhere { background: #fff4ce; border: 1px solid #e0c060; }"


def follow(editor: RecordEditor, shows: frozenset[str] | None) -> ChangedElsewhere | None:
    """Tell ``editor`` when its record is saved by someone else (``shows``: the tables its
    screen shows, which include the record's own)."""
    live = live_for(editor.store)
    if live is None or editor.record_id is None:
        return None
    bar = ChangedElsewhere(editor, shows)
    live.changed.connect(bar.store_changed)  # let go of when the editor is
    if live.presence.shared:
        PresenceLine(editor, live.presence)  # and who else has it open
    return bar


class ChangedElsewhere(QFrame):
    def __init__(self, editor: RecordEditor, shows: frozenset[str] | None) -> None:
        super().__init__(editor)
        self.editor, self.shows = editor, shows
        self.theirs: Loaded | None = None
        self.setObjectName("changedElsewhere")
        self.setStyleSheet(BAR_STYLE)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.take_button = QPushButton("&Take their values", self)
        self.keep_button = QPushButton("&Keep editing", self)
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.take_button)
        row.addWidget(self.keep_button)
        self.take_button.clicked.connect(self.take)
        self.keep_button.clicked.connect(self.hide)
        self.hide()
        layout = editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self)

    def store_changed(self, tables: frozenset[str]) -> None:
        """Something changed in the store: is it this editor's record?"""
        editor = self.editor
        if editor.record_id is None or editor.version is None or editor.saving:
            return
        if tables and self.shows is not None and not tables & self.shows:
            return
        spec, record_id, version = editor.spec, editor.record_id, editor.version

        def read(session: Session) -> tuple[Loaded, str] | None:
            loaded = spec.load(session, record_id)
            if loaded.version == version:
                return None
            newest = record_history(session, spec.audit_table, record_id)
            return loaded, newest[0].user if newest else "someone"

        ReadOp(editor, editor.store, read).success(self._arrived).failure(
            lambda _exc: None  # news only: the save still checks the version
        ).run_in_background()

    def _arrived(self, found: tuple[Loaded, str] | None) -> None:
        editor = self.editor
        if found is None or editor.saving:
            return
        theirs, who = found
        changed = _changed_fields(editor, editor.original, theirs.values)
        what = ", ".join(changed) if changed else "it (no field here differs)"
        if not editor.dirty():
            editor.take(theirs)
            self.text.setText(f"{who} changed {what}; the form shows their values.")
            self.take_button.hide()
            self.keep_button.setText("&OK")
        else:
            self.theirs = theirs
            self.text.setText(
                f"{who} changed {what} since you opened it. Take their values (your "
                "changes are dropped), or keep editing and choose field by field when you save."
            )
            self.take_button.show()
            self.keep_button.setText("&Keep editing")
        self.show()

    def take(self) -> None:
        if self.theirs is not None:
            self.editor.take(self.theirs)
            self.theirs = None
        self.hide()


def _changed_fields(
    editor: RecordEditor, before: dict[str, Any], after: dict[str, Any]
) -> list[str]:
    fields = editor.spec.fields
    return [
        fields.label(key)
        for key in after
        if key in fields.fields and comparable(before.get(key)) != comparable(after.get(key))
    ]
