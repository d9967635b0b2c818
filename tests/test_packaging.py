"""PySide6 6.12.0 on CPython 3.11 aborts the interpreter ("Fatal Python error:
none_dealloc") after a few thousand Qt calls that return None. The dependency range makes
that pair impossible to install, and the loop that crashed it runs clean here."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def pyside_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [r for r in map(Requirement, project["dependencies"]) if r.name.lower() == "pyside6"]


def allowed(version: str, python: str) -> bool:
    environment = {"python_version": python, "python_full_version": f"{python}.0"}
    return any(
        (r.marker is None or r.marker.evaluate(environment)) and r.specifier.contains(version)
        for r in pyside_requirements()
    )


def test_pyside6_6_12_0_cannot_be_installed_on_python_3_11():
    assert not allowed("6.12.0", "3.11")
    assert allowed("6.11.3", "3.11")
    # Newer Pythons are not affected and keep getting new PySide6 releases.
    assert allowed("6.12.0", "3.12")


def test_every_python_we_support_has_a_pyside6_range():
    for python in ("3.11", "3.12", "3.13"):
        assert any(
            r.marker is None or r.marker.evaluate({"python_version": python})
            for r in pyside_requirements()
        )


@pytest.mark.gui
@pytest.mark.slow
def test_qt_calls_returning_none_do_not_abort_the_interpreter():
    """The reproduction: 200,000 QWidget.resize calls (each returns None)."""
    code = (
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "app = QApplication([])\n"
        "widget = QWidget()\n"
        "for _ in range(200_000):\n"
        "    widget.resize(100, 100)\n"
        "print('survived')\n"
    )
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "survived" in result.stdout
