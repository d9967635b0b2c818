"""Save screenshots of secdesk's screens on demo data, for the README.

    python tools/screenshots.py            # writes resources/screenshots/*.png
    python tools/screenshots.py --review DIR   # and every screen at 1,024 x 700 and
                                               # 1,920 x 1,080 in DIR, to look at

Runs offscreen in a throwaway SECDESK_HOME, so it never touches your own store.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SECDESK_HOME"] = tempfile.mkdtemp(prefix="secdesk-screenshots-")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEventLoop, QThreadPool, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QTabWidget  # noqa: E402

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


def shoot(widget, name: str) -> None:
    QApplication.processEvents()
    QApplication.processEvents()  # the layout requests the first round posted
    widget.grab().save(str(OUT / f"{name}.png"))


def wait_until(condition) -> None:
    for _ in range(400):
        if condition():
            return
        QApplication.processEvents()
        time.sleep(0.05)
    raise TimeoutError("the screen did not finish loading")


REVIEW_SIZES = ((1024, 700), (1920, 1080))


def _mailboxes(window: MainWindow):
    """Inbox → Mailboxes… with the helpdesk's mailbox and the security team's (Microsoft
    365) in it; nobody has signed in on this throwaway computer."""
    from secdesk.domain import MailAccount
    from secdesk.gui.screens.mailboxes import MailboxesDialog

    with window.store.unit_of_work() as session:
        if not session.query(MailAccount).count():
            session.add(
                MailAccount(
                    name="helpdesk", url="imaps://helpdesk%40secas.co.uk@mail.secas.co.uk/INBOX"
                )
            )
            session.add(
                MailAccount(
                    name="security",
                    url="imaps://security%40secas.co.uk@outlook.office365.com/INBOX"
                    "?auth=microsoft&tenant=secas.co.uk&client_id=0d5f6e2a-1b3c-4d5e-8f90-123456789abc",
                )
            )
    dialog = MailboxesDialog(window.store, window)
    dialog.show()
    wait_until(lambda: dialog.table.rowCount() == 2)
    return dialog


def every_screen_at_both_sizes(window: MainWindow, folder: Path) -> None:
    """Each screen of the navigation at the smallest screen it must fit and at full HD."""
    from secdesk.gui.screen_list import SCREENS

    folder.mkdir(parents=True, exist_ok=True)
    for number, screen in enumerate(SCREENS):
        if window.navigation.item(number).isHidden():
            continue
        page = window.go_to(screen.key)
        loaded: list[bool] = []
        page.when_loaded(lambda done=loaded: done.append(True))
        page.refresh()
        wait_until(lambda done=loaded: bool(done) and _idle())
        for width, height in REVIEW_SIZES:
            window.resize(width, height)
            for _ in range(5):
                QApplication.processEvents()
                time.sleep(0.02)
            shoot_to(window, folder / f"{screen.key}-{width}x{height}.png")
    window.resize(1280, 760)


def _idle() -> bool:
    return QThreadPool.globalInstance().activeThreadCount() == 0


def shoot_to(widget, path: Path) -> None:
    QApplication.processEvents()
    QApplication.processEvents()
    widget.grab().save(str(path))


def main() -> None:
    review = Path(sys.argv[sys.argv.index("--review") + 1]) if "--review" in sys.argv else None
    OUT.mkdir(parents=True, exist_ok=True)
    application()
    store = open_store()
    load_demo(store)
    window = MainWindow(store)
    window.resize(1280, 760)
    window.show()
    parties = window.parties
    wait_for(parties.loaded, parties.refresh)
    shoot(window, "parties")
    wait_for(parties.loaded, lambda: parties.search.setText("energy"))
    shoot(window, "parties-search")

    # The Party editor, on a supplier with licences, MPIDs and DCC roles.
    wait_for(parties.loaded, lambda: parties.search.setText("Albion Power"))
    parties.table.selectRow(0)
    parties.open_selected()
    editor = parties.editor
    wait_until(lambda: not editor._loading)
    editor.resize(680, 560)
    shoot(editor, "party-editor")
    editor.bindings["vat_number"].widget.setText("GB 123 456")
    shoot(editor, "party-editor-invalid")
    tabs = editor.form.findChild(QTabWidget, "tabs")
    tabs.setCurrentIndex(2)
    shoot(editor, "party-editor-identifiers")
    editor.done(0)

    contacts = window.go_to("contacts")
    wait_until(lambda: contacts.model.rowCount() > 0)
    box = contacts.filter_boxes["confirmation"]
    wait_for(contacts.loaded, lambda: box.setCurrentIndex(1))
    shoot(window, "contacts-overdue")

    allocations = window.go_to("allocations")
    wait_until(lambda: allocations.model.rowCount() > 0)
    shoot(window, "allocations")

    helpdesk = window.go_to("helpdesk")
    wait_until(lambda: helpdesk.model.rowCount() > 0)
    shoot(window, "helpdesk")
    wait_for(helpdesk.loaded, lambda: helpdesk.search.setText("modification"))
    shoot(window, "helpdesk-search")
    wait_for(helpdesk.loaded, lambda: helpdesk.search.setText(""))
    helpdesk.new_record()
    log = helpdesk.editor
    wait_until(lambda: not log._loading)
    log.resize(620, log.sizeHint().height())
    log.bindings["category_id"].widget.setEditText("General Queries")
    log.bindings["party_id"].widget.setEditText("Albion Power Ltd")
    log.bindings["subject"].widget.setText("Where can I find the SEC?")
    shoot(log, "quick-log")
    log.done(0)

    mail = window.go_to("inbox")
    wait_until(lambda: mail.model.rowCount() > 0)
    shoot(window, "inbox")
    mailboxes = _mailboxes(window)
    shoot(mailboxes, "mailboxes")
    mailboxes.done(0)

    changes = window.go_to("changes")
    wait_until(lambda: changes.review is not None and changes.notices.unsent)
    shoot(window, "change-requests")
    changes.new_record()
    intake = changes.intake
    wait_until(lambda: intake.party_box.count() > 0)
    wait_for(intake.fields_loaded, lambda: intake.choose_party(intake.party_box.itemData(0)))
    intake.requester.setText("Alex Morgan")
    intake.email.setText("alex.morgan@albion.example")
    intake.notify_dcc.setChecked(True)
    first = intake.changes.cellWidget(0, 0)
    first.setCurrentIndex(first.findData("vat_number"))
    intake.changes.cellWidget(0, 1).setText("GB 980 7806 85")
    intake.add_row("notices_email", "notices@albion.example")
    shoot(intake, "change-intake")
    intake.done(0)

    assessed = window.go_to("assessments")
    wait_until(lambda: assessed.model.rowCount() > 0 and assessed.due.rowCount() > 0)
    shoot(window, "assessments")

    audit = window.go_to("audit")
    wait_until(lambda: audit.model.rowCount() > 0)
    shoot(window, "audit-trail")

    reports = window.go_to("reports")
    wait_for(reports.loaded, reports.refresh)
    shoot(window, "report-helpdesk")
    from secdesk.gui.screens.report_pack import PackDialog
    from secdesk.months import Month

    pack = PackDialog(window.store, reports, Month.current().plus(-1))
    pack.resize(760, 900)
    wait_for(pack.shown, pack.show)
    shoot(pack, "report-pack")
    pack.done(0)
    wait_for(reports.loaded, lambda: reports.choose("membership"))
    shoot(window, "report-membership")

    publish = window.go_to("publish")
    publish.set_folder(Path(os.environ["SECDESK_HOME"]) / "Published")
    wait_for(publish.published, publish.publish)
    shoot(window, "publish")
    if publish.result_box is not None:
        shoot(publish.result_box, "publish-result")
        publish.result_box.done(0)

    if review is not None:
        every_screen_at_both_sizes(window, review)
    QThreadPool.globalInstance().waitForDone()
    window.close()
    store.dispose()
    print(f"saved screenshots in {OUT}")


if __name__ == "__main__":
    main()
