"""In an open editor on a shared store: who else has the same record open ("Also open by
alice since 10:02"), kept current while the editor is open (secdesk.store.presence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout

from secdesk.gui.kit.operations import BackgroundOp
from secdesk.months import UK_TIME
from secdesk.store.presence import Editing, Presence

if TYPE_CHECKING:
    from secdesk.gui.kit.editor import RecordEditor

LOOK_EVERY_MS = 5_000
LINE_STYLE = "QLabel#presence { background: #e8f1fb; border: 1px solid #9dc0e6; padding: 4px; }"


def in_words(others: list[Editing]) -> str:
    """ "Also open by alice (since 10:02) and bob (since 10:05)"; empty for nobody."""
    if not others:
        return ""
    names = [
        f"{'you, in another secdesk' if e.elsewhere_by_me else e.login}"
        + (f" (since {e.since.astimezone(UK_TIME):%H:%M})" if e.since else "")
        for e in others
    ]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Also open by {joined}: a save of theirs will show here."


class PresenceLine(QLabel):
    def __init__(self, editor: RecordEditor, presence: Presence) -> None:
        super().__init__(editor)
        self.editor, self.presence = editor, presence
        self.setObjectName("presence")
        self.setStyleSheet(LINE_STYLE)
        self.setWordWrap(True)
        self.hide()
        layout = editor.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self)
        table, record_id = editor.spec.audit_table, editor.record_id
        assert record_id is not None
        self.timer = QTimer(self)
        self.timer.setInterval(LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)
        BackgroundOp(editor, lambda: presence.editing(table, record_id)).success(
            lambda _none: self.look()
        ).failure(self._quiet).run_in_background()
        self.timer.start()
        editor.finished.connect(self._closed)

    def look(self) -> None:
        """Ask the server who has the record open now (off the window's thread)."""
        table, record_id = self.editor.spec.audit_table, self.editor.record_id
        if record_id is None or not self.editor.isVisible():
            self.timer.stop()  # its editor (or its window) is gone
            return
        BackgroundOp(self, lambda: self.presence.others(table, record_id)).success(
            self.show_others
        ).failure(self._quiet).run_in_background()

    def show_others(self, others: list[Editing]) -> None:
        self.setText(in_words(others))
        self.setVisible(bool(others))

    def _quiet(self, _exc: BaseException) -> None:
        """Only a hint: a server that cannot be asked shows nothing (saving says more)."""

    def _closed(self) -> None:
        self.timer.stop()
        presence = self.presence
        BackgroundOp(None, presence.done).failure(lambda _exc: None).run_in_background()
