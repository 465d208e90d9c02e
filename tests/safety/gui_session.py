"""A clerk's GUI session through the console entry point, for the file-mode test.

``python gui_session.py DATA_DIR ROSTER OUT_DIR``: starts ``commdesk --data-dir
DATA_DIR`` (the window), imports ROSTER through the wizard (its rejected rows go
to the default report place), exports the volunteer roster into OUT_DIR, changes a
setting and closes the window (the backup on close).
Dialogs that would wait for a click are answered here; prints ``DONE`` at the end.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QDialog, QFileDialog
from window_driver import answer_messages, run_when_shown

DATA, ROSTER, OUT = (Path(a) for a in sys.argv[1:4])


answer_messages()
QFileDialog.getSaveFileName = staticmethod(  # type: ignore[method-assign]
    lambda *_a, **_k: (str(OUT / "volunteers.xlsx"), "*.xlsx")
)


def wait(condition: Callable[[], bool], seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the GUI session did not get there")
        QApplication.processEvents()
        time.sleep(0.01)


def drive() -> None:
    from commdesk.ui.import_wizard import DONE_PAGE, open_import_wizard
    from commdesk.ui.main_window import MainWindow
    from commdesk.ui.roster_export_dialog import RosterExportOptions

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    wizard = open_import_wizard(window.ctx, "volunteers", window)
    wizard.file_page.path_edit.setText(str(ROSTER))
    for _ in range(6):
        if wizard.currentId() == DONE_PAGE:
            break
        page = wizard.currentId()
        wait(lambda: wizard.currentPage().isComplete())
        wizard.next()
        wait(lambda page=page: wizard.currentId() != page)
    wait(lambda: wizard.currentId() == DONE_PAGE)
    print("REPORT:", wizard.done_page.report_label.text(), flush=True)
    wizard.accept()
    RosterExportOptions.exec = lambda _self: QDialog.DialogCode.Accepted  # type: ignore[method-assign]
    window.show_page("volunteers")
    print("EXPORT:", window.ledger_pages["volunteers"].export_view(), flush=True)
    window.ctx.settings.setValue("gui_session_test", 1)
    window.ctx.settings.sync()
    window.close()
    print("DONE", flush=True)


run_when_shown(drive, DATA)
