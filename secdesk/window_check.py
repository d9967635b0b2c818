"""Whether this machine can show the window, asked before Qt is loaded: on Linux, Qt's xcb
platform aborts the process with a screenful of text when it cannot start. secdesk says what
is missing in one line instead."""

from __future__ import annotations

import ctypes
import os
import sys

# What Qt's xcb platform needs beyond what a desktop has anyway (Qt 6.5 and later).
XCB_LIBRARIES = {"libxcb-cursor.so.0": "libxcb-cursor0 (Fedora: xcb-util-cursor)"}


def window_problem() -> str | None:
    """Why the window cannot open here, in words, or None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None  # offscreen, wayland, vnc…: Qt's own choice, nothing to check
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return (
            "there is no desktop to show the window on (DISPLAY is not set): start secdesk "
            "from a desktop session, or use its commands (secdesk --help)"
        )
    for library, package in XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(library)
        except OSError:
            return (
                f"the window needs the system library {library.split('.so')[0]}: install "
                f"{package} (Debian/Ubuntu: sudo apt install {package.split()[0]})"
            )
    return None
