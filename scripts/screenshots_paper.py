"""Screenshots of the print preview (报表 and 花名册) on the clerk's 1366×768 screen.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots_paper.py
Writes docs/screenshots/zh-print-preview.png and zh-roster-preview.png from a
temporary demo data folder.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QDialog

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def settle(app: QApplication, rounds: int = 20) -> None:
    for _ in range(rounds):
        app.processEvents()


def wait_for(app: QApplication, kind: type) -> QDialog:
    for _ in range(2000):
        settle(app, 1)
        found = [w for w in app.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
        if found:
            return found[0]
    raise RuntimeError(f"no {kind.__name__} opened")


def grab_preview(app: QApplication, name: str) -> None:
    preview = wait_for(app, QPrintPreviewDialog)
    preview.resize(1366, 728)
    preview.move(0, 0)
    widget = preview.findChild(QPrintPreviewWidget)
    widget.fitInView()
    settle(app, 40)
    path = OUT / f"{name}.png"
    preview.grab().save(str(path))
    print("wrote", path)
    preview.close()
    settle(app)


def main() -> int:
    app = QApplication(sys.argv[:1])
    from commdesk.domain.periods import Period
    from commdesk.store.demo import generate
    from commdesk.store.engine import open_store
    from commdesk.ui.roster_export_dialog import RosterExportOptions
    from commdesk.ui.shell import Shell
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "data")
        generate(store, records=300, seed=7, today=date(2026, 11, 20))
        translators = Translators()
        translators.apply("zh_CN")
        apply_style(app, 100)
        shell = Shell(store, translators)
        window = shell.open_main_window()
        window.show_page("reports")
        page = window.returns_page
        page.set_period(Period.parse("2026-10"))
        page.wait_idle()
        settle(app)
        window.paper("preview")
        for _ in range(500):  # explain any warning the way the clerk would, then preview
            settle(app, 1)
            if page.explain_dialog is not None and page.explain_dialog.isVisible():
                for editor in page.explain_dialog.editors.values():
                    editor.setPlainText("本期集中开展上门服务，数据属实。")
                page.explain_dialog.ok_button.click()
                break
            if any(isinstance(w, QPrintPreviewDialog) for w in app.topLevelWidgets()):
                break
        grab_preview(app, "zh-print-preview")

        window.show_page("volunteers")
        settle(app)

        def accept_options() -> None:
            found = [w for w in app.topLevelWidgets() if isinstance(w, RosterExportOptions)]
            if found and found[0].isVisible():
                found[0].accept()
            else:
                QTimer.singleShot(20, accept_options)

        QTimer.singleShot(0, accept_options)
        window.paper("preview")
        grab_preview(app, "zh-roster-preview")
        shell.dispose()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
