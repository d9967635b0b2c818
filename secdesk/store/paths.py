"""Where secdesk keeps things on the user's machine (appdirs: %APPDATA% / %LOCALAPPDATA% on
Windows, the XDG folders elsewhere). ``SECDESK_HOME`` puts everything under one folder, for
tests and portable installs."""

from __future__ import annotations

import os
from pathlib import Path

import appdirs

APP_NAME = "secdesk"
APP_AUTHOR = "SECAS"


def _home() -> Path | None:
    home = os.environ.get("SECDESK_HOME")
    return Path(home) if home else None


def config_dir() -> Path:
    home = _home()
    # Roaming on Windows (%APPDATA%): settings follow the user; the store stays local.
    return (
        home / "config"
        if home
        else Path(appdirs.user_config_dir(APP_NAME, APP_AUTHOR, roaming=True))
    )


def data_dir() -> Path:
    home = _home()
    return home / "data" if home else Path(appdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def default_database_path() -> Path:
    return data_dir() / "secdesk.sqlite3"


def default_publish_folder() -> Path:
    home = _home()
    if home:
        return home / "Published"
    documents = Path.home() / "Documents"
    return (documents if documents.is_dir() else Path.home()) / "SEC Published"
