"""A line or a few lines of text asked of the user: None when they cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget


def ask_line(parent: QWidget, title: str, label: str, value: str = "") -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=value)
    return text if ok else None


def ask_lines(parent: QWidget, title: str, label: str, value: str = "") -> str | None:
    text, ok = QInputDialog.getMultiLineText(parent, title, label, value)
    return text if ok else None
