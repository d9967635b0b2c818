"""A record list's filters: a label and a drop-down each, flowing onto a second line when
the window is narrow, their choices from the declaration and then from the store; and the
query they make with the search box and the sort."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QBoxLayout, QComboBox, QHBoxLayout, QLabel, QWidget

from secdesk.gui.kit.flow_layout import flow_widget


@dataclass(frozen=True)
class Filter:
    key: str
    label: str  # with its & mnemonic
    options: Sequence[tuple[str, Any]]  # the first is "everything"


@dataclass(frozen=True)
class Query:
    search: str
    filters: Mapping[str, Any]
    sort: str
    descending: bool


def filter_boxes(
    form: QWidget, bar: QBoxLayout, filters: Sequence[Filter], changed: Callable[[], None]
) -> dict[str, QComboBox]:
    """The filters' drop-downs, added to ``bar`` in a widget of their own where they flow
    onto a second line when the window is narrow (each label stays beside its box)."""
    boxes: dict[str, QComboBox] = {}
    holder, flow = flow_widget(form)
    for declared in filters:
        pair = QWidget(holder)
        pair_row = QHBoxLayout(pair)
        pair_row.setContentsMargins(0, 0, 0, 0)
        box = QComboBox(pair)
        box.setObjectName(f"{declared.key}Filter")
        for text, value in declared.options:
            box.addItem(text, value)
        label = QLabel(declared.label, pair)
        label.setBuddy(box)
        pair_row.addWidget(label)
        pair_row.addWidget(box)
        flow.addWidget(pair)
        box.currentIndexChanged.connect(changed)
        boxes[declared.key] = box
    bar.addWidget(holder, 1)
    return boxes


def set_choices(box: QComboBox, declared: int, options: Sequence[tuple[str, Any]]) -> None:
    """The choices from the store after the ``declared`` ones; the current choice stays
    chosen if it is still there, and no change is announced."""
    chosen = box.currentData()
    box.blockSignals(True)
    while box.count() > declared:
        box.removeItem(declared)
    for text, value in options:
        box.addItem(text, value)
    box.setCurrentIndex(max(box.findData(chosen), 0))
    box.blockSignals(False)
    # Choices from the store (Party names) could be long: the bar stays compact and the
    # drop-down list shows them whole.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
