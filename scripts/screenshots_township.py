"""Screenshots of 汇总 → 指标达标情况 (Chinese and English) at the clerk's 1366×768.

    xvfb-run -a -s "-screen 0 1366x768x24" python scripts/screenshots_township.py

Builds a township of demo committees in a temporary folder, exports each one's
return, consolidates them on the page and writes <out>/<lang>-township-indicators.png
(default docs/screenshots). Also usable to time the table: --committees 500.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
TOWNSHIP = "110105001"
TODAY = date(2026, 10, 5)


def make_returns(root: Path, count: int) -> Path:
    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.export import export, prepare
    from commdesk.store.demo import generate
    from commdesk.store.engine import open_store

    definition, period = library.current(None), Period.parse("2026Q3")
    folder = root / "returns"
    folder.mkdir()
    for i in range(count):
        code = f"{TOWNSHIP}{i + 1:03d}"
        store = open_store(root / code)
        try:
            kind = "village" if i % 3 == 0 else "urban"
            generate(store, records=120, seed=7 + i, division_code=code, kind=kind, today=TODAY)
            prepared = prepare(store, definition, period, today=TODAY)
            notes = {issue.code: "已核实。" for issue in prepared.warnings}
            export(store, definition, period, folder / f"{code}.xlsx", notes=notes,
                   prepared=prepared, today=TODAY)  # fmt: skip
        except ValueError:  # a seed the demo cannot fill: skipped
            continue
        finally:
            store.close()
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--committees", type=int, default=14)
    args = parser.parse_args()
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from commdesk.domain.periods import Period
    from commdesk.store.engine import open_store
    from commdesk.ui.consolidation_page import ConsolidationPage
    from commdesk.ui.theme import apply_style
    from commdesk.ui.translations import Translators

    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = make_returns(root, args.committees)
        store = open_store(root / "township")
        translators = Translators()
        for lang in ("zh_CN", "en"):
            translators.apply(lang)
            apply_style(app, 100)
            settings = QSettings(str(root / "ui.ini"), QSettings.Format.IniFormat)
            page = ConsolidationPage(store, root / "township", settings=settings)
            page.resize(app.primaryScreen().availableGeometry().size())
            page.show()
            page.set_period(Period.parse("2026Q3"))
            t0 = time.perf_counter()
            page.add_paths([folder])
            while page.is_busy() or page.consolidation is None:
                app.processEvents()
                page.wait_idle(50)
            page.tabs.setCurrentWidget(page.indicators)
            for _ in range(5):
                app.processEvents()
            print(f"{lang}: read, checked and shown in {time.perf_counter() - t0:.2f} s")
            path = args.out / f"{lang.split('_')[0]}-township-indicators.png"
            page.grab().save(str(path))
            print("wrote", path)
            page.close()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
