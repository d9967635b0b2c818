"""Where the Designer forms (ui/) and resources (resources/) are.

In a source checkout they sit beside the package; an installed wheel carries them inside it
(``secdesk/_ui``, ``secdesk/_resources``), and so does the PyInstaller build.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _folder(packaged: str, checkout: str) -> Path:
    inside = _PACKAGE / packaged
    return inside if inside.is_dir() else _PACKAGE.parent / checkout


def ui_file(name: str) -> Path:
    path = _folder("_ui", "ui") / name
    if not path.is_file():
        raise FileNotFoundError(f"the form {name} is missing from this secdesk installation")
    return path


def resource_file(name: str) -> Path:
    return _folder("_resources", "resources") / name
