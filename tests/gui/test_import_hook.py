"""PySide6's feature hook is off Python's import once the GUI package loads, so modules
imported after Qt (SQLAlchemy, the domain, the screens) are no longer read for the word
"PySide6" as they load."""

from __future__ import annotations

import builtins
import subprocess
import sys

import pytest

from secdesk.gui.import_hook import drop_feature_hook

AFTER_THE_GUI_LOADS = """
import builtins, sys
import secdesk.gui.app
import sqlalchemy.orm
assert builtins.__import__ is not builtins.__feature_import__, builtins.__import__
assert builtins.__import__ is builtins.__orig_import__, builtins.__import__
read = sys.modules["shibokensupport.feature"].pyside_feature_dict
looked_at = [m for m in ("secdesk.gui.app", "secdesk.gui.main_window", "sqlalchemy.orm")
             if m in read]
assert looked_at == [], f"read by the feature hook: {looked_at}"
"""


@pytest.mark.parametrize(
    "first",
    [
        pytest.param("", id="gui-before-qt"),  # the secdesk command: nothing of Qt before
        pytest.param("import PySide6.QtWidgets\n", id="qt-before-gui"),  # as under pytest-qt
    ],
)
def test_the_gui_package_takes_the_feature_hook_off_import(first):
    done = subprocess.run(
        [sys.executable, "-c", first + AFTER_THE_GUI_LOADS],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_the_hook_comes_off_once_and_only_the_hook(monkeypatch):
    assert builtins.__import__ is builtins.__orig_import__  # secdesk.gui already took it off
    monkeypatch.setattr(builtins, "__import__", builtins.__feature_import__)
    assert drop_feature_hook() is True
    assert builtins.__import__ is builtins.__orig_import__
    assert drop_feature_hook() is False


def test_another_replacement_of_import_is_left_alone(monkeypatch):
    underneath = builtins.__import__

    def profiler_import(*args, **kwargs):
        return underneath(*args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", profiler_import)
    assert drop_feature_hook() is False
    assert builtins.__import__ is profiler_import
