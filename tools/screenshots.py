"""Save screenshots of secdesk's screens on demo data, for the README.

    python tools/screenshots.py            # writes resources/screenshots/*.png

Runs offscreen in a throwaway SECDESK_HOME, so it never touches your own store.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SECDESK_HOME"] = tempfile.mkdtemp(prefix="secdesk-screenshots-")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer  # noqa: E402

from secdesk.demo import load_demo  # noqa: E402
from secdesk.gui.app import application  # noqa: E402
from secdesk.gui.main_window import MainWindow  # noqa: E402
from secdesk.store import open_store  # noqa: E402

OUT = ROOT / "resources" / "screenshots"


def wait_for(signal, action) -> None:
    loop = QEventLoop()
    signal.connect(lambda *_: loop.quit())
    QTimer.singleShot(20_000, loop.quit)
    action()
    loop.exec()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    app = application()
    store = open_store()
    load_demo(store, enquiries=0)
    window = MainWindow(store)
    window.resize(1280, 760)
    window.show()
    wait_for(window.parties.loaded, window.parties.refresh)
    app.processEvents()
    window.grab().save(str(OUT / "parties.png"))
    wait_for(window.parties.loaded, lambda: window.parties.search.setText("energy"))
    app.processEvents()
    window.grab().save(str(OUT / "parties-search.png"))
    QThreadPool.globalInstance().waitForDone()
    window.close()
    store.dispose()
    print(f"saved screenshots in {OUT}")


if __name__ == "__main__":
    main()
