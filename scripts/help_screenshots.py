"""Screenshots of the help window (F1), Chinese and English, on a 1366×768 screen.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/help_screenshots.py

Writes docs/screenshots/<lang>-help-<page>.png: the page for entering records
and the returns page scrolled to one audit rule, as its issue's link opens it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main() -> int:
    app = QApplication(sys.argv[:1])
    from commdesk.ui.help_window import open_help
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators

    OUT.mkdir(parents=True, exist_ok=True)
    translators = Translators()
    for lang, tag in (("zh_CN", "zh"), ("en", "en")):
        translators.apply(lang)
        apply_style(app, 100)
        for topic, anchor in (("entering", None), ("returns", "E-T1-106-T5")):
            window = open_help(topic, anchor)
            for _ in range(3):
                app.processEvents()
            window.show_topic(topic, anchor)  # scrolled once the window has its size
            app.processEvents()
            path = OUT / f"{tag}-help-{topic}.png"
            window.grab().save(str(path))
            print("wrote", path)
            window.close()
            app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
