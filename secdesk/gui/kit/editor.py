"""The one record editor every register uses.

A register describes its editor with an EditorSpec: the Designer form, the FieldSet of its
service, and how to load, create and update a record. The editor binds each form widget
whose object name is a field key, validates that field with the service's own rule as the
user types (the problem shown under the field, in words), enables Save only when the whole
form is valid, asks before Esc discards unsaved changes, and on an edit conflict merges
changes to different fields and asks, field by field, about the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from secdesk.display import comparable, shown
from secdesk.errors import ConflictError, ReasonNeeded, ValidationError, ValidationErrors
from secdesk.gui.kit import editor_guide
from secdesk.gui.kit.asking import ask_lines
from secdesk.gui.kit.bindings import Binding, Unmatched
from secdesk.gui.kit.conflict import ConflictDialog, ConflictRow
from secdesk.gui.kit.editor_spec import Choices, EditorSpec, ListColumn, Loaded
from secdesk.gui.kit.forms import load_form
from secdesk.gui.kit.history import HistoryDialog
from secdesk.gui.kit.list_editor import ListEditor
from secdesk.gui.kit.new_names import new_names_agreed
from secdesk.gui.kit.operations import ReadOp, StoreOp, show_error
from secdesk.gui.kit.role_gate import gate
from secdesk.store.engine import Store

ERROR_STYLE = "color: #b22222;"


class RecordEditor(QDialog):
    reason: QLabel  # why Save waits, in words (secdesk.gui.kit.editor_guide)
    # The id of the record just saved.
    saved = Signal(int)
    # The form is filled and ready (tests and the register wait on it).
    ready = Signal()

    def __init__(
        self, spec: EditorSpec, store: Store, record_id: int | None, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.spec, self.store, self.record_id = spec, store, record_id
        self.version: int | None = None
        self.original: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        # Reasons given for changes the rules allow only with one (errors.ReasonNeeded).
        self.reasons: dict[str, str] = {}
        self.conflict_dialog: ConflictDialog | None = None
        self._touched: set[str] = set()
        self._saving = False
        self._loading = True
        self.saved_count = 0
        self.setWindowTitle(f"New {spec.noun}" if record_id is None else spec.noun.capitalize())
        self.form = load_form(spec.form, self)
        self.bindings: dict[str, Binding] = {}
        for f in spec.fields:
            widget = self.form.findChild(QWidget, f.key)
            if widget is not None:
                self._bind(f.key, widget)

        self.message = QLabel(self)  # errors that belong to no one field
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setToolTip("Save (Ctrl+S)")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.next_button: QPushButton | None = None
        self._next_after_save = False
        if spec.save_and_next and record_id is None:
            self.next_button = QPushButton("Save and &next", self)
            self.next_button.setToolTip("Save, then clear the form for the next one (Ctrl+Enter)")
            self.buttons.addButton(self.next_button, QDialogButtonBox.ButtonRole.ApplyRole)
            self.next_button.clicked.connect(self.save_and_next)
            for keys in ("Ctrl+Return", "Ctrl+Enter"):
                QShortcut(QKeySequence(keys), self, self.save_and_next)
        self.history_button = QPushButton("&History…", self)
        self.history_button.setEnabled(record_id is not None)
        self.buttons.addButton(self.history_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.history_button.clicked.connect(self.show_history)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.form.setEnabled(False)
        self.may_save = gate(
            store, spec.action, self.save_button, *filter(None, [self.next_button])
        )
        editor_guide.prepare(self)
        self._update_save()
        self._load()

    # ---- building -------------------------------------------------------------------------

    def _bind(self, key: str, widget: QWidget) -> None:
        binding = Binding(widget, lambda: self._changed(key))
        binding.key_of = self.spec.choice_keys.get(key, binding.key_of)
        binding.format = self.spec.formats.get(key, binding.format)
        binding.add_error_label(f"{key}Error", ERROR_STYLE)
        self.bindings[key] = binding
        if isinstance(widget, ListEditor):
            widget.set_columns(self.spec.lists.get(key, (ListColumn(self.spec.fields.label(key)),)))
        binding.set_choices(self.spec.static_choices.get(key, []))

    def _load(self) -> None:
        spec, record_id = self.spec, self.record_id

        def read(session: Session) -> tuple[Loaded | dict[str, Any], dict[str, Choices]]:
            choices = spec.choices(session) if spec.choices else {}
            if record_id is not None:
                return spec.load(session, record_id), choices
            return dict(spec.defaults) | (spec.fresh(session) if spec.fresh else {}), choices

        ReadOp(self, self.store, read).success(self._show_loaded).failure(
            self._load_failed
        ).run_in_background()

    def _show_loaded(self, result: tuple[Loaded | dict[str, Any], dict[str, Choices]]) -> None:
        loaded, choices = result
        for key, options in choices.items():
            if key in self.bindings:
                self.bindings[key].set_choices(options)
        values = loaded.values if isinstance(loaded, Loaded) else loaded
        for key, binding in self.bindings.items():
            binding.show(values.get(key))
        if isinstance(loaded, Loaded):
            self.original, self.version = dict(loaded.values), loaded.version
            read_only = "" if self.may_save else " (read only)"
            self.setWindowTitle(f"{self.spec.noun.capitalize()} — {loaded.title}{read_only}")
            for name, text in loaded.facts.items():
                fact = self.form.findChild(QLabel, name)
                if fact is not None:
                    fact.setText(text)
        self._loading = False
        self.form.setEnabled(True)
        for key in self.bindings:
            self._validate(key)
        self._update_save()
        first = self.bindings.get(self.spec.focus or "") or next(iter(self.bindings.values()), None)
        if first is not None:
            first.widget.setFocus()
        self.ready.emit()

    @property
    def saving(self) -> bool:
        return self._saving

    @property
    def loading(self) -> bool:
        return self._loading

    def take(self, loaded: Loaded) -> None:
        """Show ``loaded`` (a colleague's newer save) as the record, dropping edits."""
        self._touched.clear()
        self._show_loaded((loaded, {}))

    def _load_failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.done(QDialog.DialogCode.Rejected)

    # ---- validation -----------------------------------------------------------------------

    def _rule(self, key: str) -> Callable[[Any], Any]:
        rule = self.spec.rules.get(key) or self.spec.fields.fields[key].clean
        label = self.spec.fields.label(key)

        def clean(raw: Any) -> Any:
            if isinstance(raw, Unmatched):
                raise ValidationError(label, raw.problem())
            return rule(raw)

        return clean

    def _changed(self, key: str) -> None:
        if self._loading:
            return
        self._touched.add(key)
        self._validate(key)
        self._update_save()

    def _validate(self, key: str) -> None:
        try:
            self._rule(key)(self.bindings[key].raw())
        except ValidationError as exc:
            self.errors[key] = exc.message
        else:
            self.errors.pop(key, None)
        # A blank required field stays quiet until the user has been there.
        self.bindings[key].show_error(self.errors.get(key) if key in self._touched else None)

    def dirty(self) -> dict[str, Any]:
        """The fields whose input differs from what was loaded: their raw input."""
        changed = {}
        for key, binding in self.bindings.items():
            raw = binding.raw()
            try:
                same = comparable(self._rule(key)(raw)) == comparable(self.original.get(key))
            except ValidationError:
                same = False
            if not same:
                changed[key] = raw
        return changed

    def is_new(self) -> bool:
        return self.record_id is None

    def _update_save(self) -> None:
        ready = not self._loading and not self._saving and not self.errors
        self.save_button.setEnabled(ready and (self.is_new() or bool(self.dirty())))
        if self.next_button is not None:
            self.next_button.setEnabled(self.save_button.isEnabled())
        editor_guide.show_state(self)

    # ---- saving ---------------------------------------------------------------------------

    def save_and_next(self) -> None:
        if self.next_button is not None:
            self._next_after_save = True
            self.save()

    def save(self) -> None:
        if not self.may_save:
            return  # Ctrl+S where the role may not save: the Save button says why
        self._update_save()
        if not self.save_button.isEnabled():
            self._next_after_save = False
            return
        spec, record_id, version = self.spec, self.record_id, self.version
        if not new_names_agreed(self):
            self._next_after_save = False
            return
        if record_id is None:
            values = {k: b.raw() for k, b in self.bindings.items()} | self.reasons

            def work(session: Session) -> int:
                return spec.create(session, values)
        else:
            assert version is not None
            changes = self.dirty() | self.reasons

            def work(session: Session) -> int:
                return spec.update(session, record_id, changes, version)

        self._saving = True
        self.message.hide()
        self._update_save()
        StoreOp(self, self.store, work).success(self._saved).failure(
            self._save_failed
        ).run_in_background()

    def _saved(self, record_id: int) -> None:
        self._saving = False
        self.saved.emit(record_id)
        if self._next_after_save:
            # Cleared for the next one, with fresh defaults (the time now).
            self._next_after_save = False
            self.saved_count += 1
            self.setWindowTitle(f"New {self.spec.noun} — {self.saved_count} saved")
            self._touched.clear()
            self.errors.clear()
            self._loading = True
            self.form.setEnabled(False)
            self._load()
            return
        self.record_id = record_id
        self.done(QDialog.DialogCode.Accepted)

    def _save_failed(self, exc: BaseException) -> None:
        self._saving = False
        self._next_after_save = False
        if isinstance(exc, ConflictError):
            self._merge(exc)
        elif isinstance(exc, ReasonNeeded):  # allowed with a reason, which is kept
            reason = ask_lines(self, exc.field, f"{exc.message}\n\nGive the reason to record:")
            if reason and reason.strip():
                self.reasons[exc.key] = reason.strip()
                self.save()
                return
        elif isinstance(exc, ValidationError | ValidationErrors):
            errors = exc.errors if isinstance(exc, ValidationErrors) else [exc]
            for error in errors:
                self._point_out(error)
        else:
            show_error(self, exc)
        self._update_save()

    def _point_out(self, error: ValidationError) -> None:
        """Show a refused value under its field (a duplicate names the other Party)."""
        key = next((f.key for f in self.spec.fields if f.label == error.field), None)
        if key in self.bindings:
            self._touched.add(key)
            self.errors[key] = error.message
            self.bindings[key].show_error(error.message)
            self.bindings[key].widget.setFocus()
        else:
            self.message.setText(str(error))
            self.message.show()

    # ---- conflicts ------------------------------------------------------------------------

    def _merge(self, conflict: ConflictError) -> None:
        """Someone saved the record since it was opened. Their changes to fields this user
        did not touch are taken; this user's changes to fields they did not touch are kept;
        where both changed the same field differently, the user chooses."""
        theirs = dict(conflict.stored)
        mine = {k: self._rule(k)(raw) for k, raw in self.dirty().items()}
        rows: list[ConflictRow] = []
        for key in self.bindings:
            original, stored = comparable(self.original.get(key)), comparable(theirs.get(key))
            if key in mine and stored not in (original, comparable(mine[key])):
                rows.append(
                    ConflictRow(
                        key,
                        self.spec.fields.label(key),
                        self._shown(key, self.original.get(key)),
                        self._shown(key, mine[key]),
                        self._shown(key, theirs.get(key)),
                    )
                )

        def resolve(take_theirs: set[str]) -> None:
            for key, binding in self.bindings.items():
                if key not in mine or key in take_theirs:
                    binding.show(theirs.get(key))
            self.original, self.version = theirs, conflict.stored_version
            self.conflict_dialog = None
            for key in self.bindings:
                self._validate(key)
            self._update_save()
            if self.dirty():
                self.save()
            else:
                self.done(QDialog.DialogCode.Accepted)  # nothing of mine is left to save

        if not rows:
            resolve(set())
            return
        self.conflict_dialog = ConflictDialog(rows, self)
        self.conflict_dialog.accepted.connect(
            lambda: resolve(self.conflict_dialog.theirs() if self.conflict_dialog else set())
        )
        self.conflict_dialog.open()

    def _shown(self, key: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return shown(None)
        return self.bindings[key].format(value)

    # ---- leaving --------------------------------------------------------------------------

    def show_history(self) -> None:
        if self.record_id is not None:
            title = self.windowTitle()
            HistoryDialog(self.store, self.spec.audit_table, self.record_id, title, self).open()

    def reject(self) -> None:
        """Esc and Cancel: ask before throwing away what the user typed."""
        if not self._loading and (self.dirty() if not self.is_new() else self._touched):
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                "Discard your unsaved changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        event.ignore()
        self.reject()
