"""House rules that keep the core usable without Qt (as napari's import-linter contracts
do): only secdesk/gui imports PySide6."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "secdesk"
QT = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            names.add(str(node.args[0].value))
    return names


def test_only_the_gui_package_imports_qt():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.relative_to(PACKAGE).parts[0] == "gui":
            continue
        qt = [name for name in imported_modules(path) if name.split(".")[0] in QT]
        if qt:
            offenders.append(f"{path.relative_to(PACKAGE.parent)} imports {', '.join(qt)}")
    assert offenders == []


def test_no_module_opts_in_to_a_pyside_feature():
    """secdesk.gui takes PySide6's feature hook off import (gui/import_hook.py), which is
    only sound while nothing asks for ``from __feature__ import snake_case`` and the like."""
    users = [
        str(path.relative_to(PACKAGE.parent))
        for path in sorted(PACKAGE.rglob("*.py"))
        if "__feature__" in imported_modules(path)
    ]
    assert users == []


def test_the_core_and_the_command_line_load_without_qt():
    """Importing every core module (and running the CLI's parser) pulls in no Qt at all."""
    core = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] not in ("gui", "__main__.py")
        and "migrations" not in path.parts
    )
    code = (
        "import importlib, sys\n"
        f"for name in {core!r}:\n"
        "    importlib.import_module(name.removesuffix('.__init__'))\n"
        "import secdesk.cli; secdesk.cli.build_parser()\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] in "
        f"{QT!r}]\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent
    )
    assert result.returncode == 0, result.stderr


def test_the_gui_calls_services_and_builds_no_sql():
    """The GUI may name a Session in a type, but queries belong to the services."""
    offenders = []
    for path in sorted((PACKAGE / "gui").rglob("*.py")):
        sql = [
            name
            for name in imported_modules(path)
            if name.split(".")[0] == "sqlalchemy" and name != "sqlalchemy.orm"
        ]
        text = path.read_text(encoding="utf-8")
        # SQLAlchemy's select() is called bare; a Qt selection model's .select() is not SQL.
        if sql or re.search(r"(?<![.\w])select\(", text) or ".execute(" in text:
            offenders.append(str(path.relative_to(PACKAGE.parent)))
    assert offenders == []


def _run_offscreen(tmp_path: Path, body: str) -> None:
    """Run a start-up script in a fresh interpreter, so sys.modules shows what it loaded."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        f"os.environ['SECDESK_HOME'] = {str(tmp_path)!r}\n"
        + body
        + "from PySide6.QtCore import QThreadPool; QThreadPool.globalInstance().waitForDone()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_the_main_window_paints_before_openpyxl_is_imported(tmp_path):
    """Heavy imports wait for first use: the Publish screen brings openpyxl."""
    _run_offscreen(
        tmp_path,
        "from secdesk.gui.app import application\n"
        "from secdesk.gui.main_window import MainWindow\n"
        "from secdesk.store import open_store\n"
        "app = application()\n"
        "window = MainWindow(open_store(None))\n"
        "window.show(); app.processEvents()\n"
        "assert 'openpyxl' not in sys.modules, 'openpyxl loaded before first paint'\n"
        "window.go_to('publish')\n"
        "assert 'openpyxl' in sys.modules\n",
    )


def test_the_window_paints_before_the_store_code_and_the_party_list_needs_no_editor(tmp_path):
    """Start-up as the user gets it: nothing of the store before the first paint, and the
    Parties list on screen without the editor, the field-rule libraries, the keyring or the
    mappings of the other registers."""
    # A store already current, as on every start but the first (a new store is migrated,
    # and the migrations compare every mapping).
    subprocess.run(
        [sys.executable, "-m", "secdesk", "db", "upgrade"],
        env={**os.environ, "SECDESK_HOME": str(tmp_path)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    _run_offscreen(
        tmp_path,
        "from secdesk.gui.app import application, start\n"
        "app = application()\n"
        "window = start(None)\n"
        "before = [m for m in ('sqlalchemy', 'secdesk.domain', 'openpyxl') if m in sys.modules]\n"
        "assert before == [], f'loaded before the first paint: {before}'\n"
        "while 'parties' not in window._built:\n"
        "    app.processEvents()\n"
        "while not window.parties.count.text():\n"
        "    app.processEvents()\n"
        "later = ('secdesk.gui.kit.editor', 'secdesk.gui.kit.history',\n"
        "         'secdesk.gui.screens.membership_event',\n"
        "         'phonenumbers', 'email_validator', 'stdnum', 'keyring', 'openpyxl',\n"
        "         'secdesk.domain.change', 'secdesk.domain.enquiry', 'secdesk.domain.contact',\n"
        "         'secdesk.domain.publication')\n"
        "loaded = [m for m in later if m in sys.modules]\n"
        "assert loaded == [], f'loaded for the party list: {loaded}'\n"
        "window.parties._edit(None)\n"
        "assert 'secdesk.gui.kit.editor' in sys.modules\n"
        "window.parties.editor.reject()\n",
    )


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("lint-imports")
    environment = os.environ | {"PYTHONPATH": str(root)}
    return subprocess.run(
        [str(script)], cwd=root, env=environment, capture_output=True, text=True, check=False
    )


def test_the_layers_hold():
    """pyproject.toml's import-linter contracts: one-way layers, no cycle among the reports,
    Qt only in the window."""
    result = _lint_imports(PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "bad_import", "broken"),
    [
        ("services/parties.py", "import secdesk.gui.app", "One-way layers"),
        ("store/engine.py", "import secdesk.services.parties", "One-way layers"),
        ("reports/workbook.py", "import secdesk.reports.catalogue", "reports without a cycle"),
        ("sheets/publish.py", "import PySide6.QtCore", "Qt only in the window"),
        ("gui/kit/editor.py", "import secdesk.gui.screens.parties", "above the kit"),
        ("gui/screens/parties.py", "import secdesk.gui.main_window", "above the kit"),
    ],
)
def test_the_contracts_catch_an_import_the_wrong_way(tmp_path, module, bad_import, broken):
    shutil.copytree(PACKAGE, tmp_path / "secdesk", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PACKAGE.parent / "pyproject.toml", tmp_path)
    target = tmp_path / "secdesk" / module
    target.write_text(target.read_text(encoding="utf-8") + f"\n{bad_import}\n", encoding="utf-8")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert broken in result.stdout and "BROKEN" in result.stdout
