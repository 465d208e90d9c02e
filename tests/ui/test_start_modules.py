"""Start: nothing is imported before the first page is painted that the first page
does not use (issue 16, "Start"): not the heavy readers and writers, and not the ORM
(the first page is read with plain sqlite3; SQLAlchemy loads after the paint). The
real start, through the console entry point, in a subprocess; the modules loaded at
the first paint are listed and checked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DRIVER = Path(__file__).with_name("first_paint_modules.py")
HEAVY = (
    "sqlalchemy",
    "commdesk.store.engine",
    "commdesk.store.models",
    "commdesk.ui.main_window",
    "commdesk.ui.ledger_page",
    "openpyxl",
    "pypinyin",
    "alembic",
    "python_calamine",
    "lxml",
    "matplotlib",
    "numpy",
    "PySide6.QtCharts",
    "PySide6.QtPdf",
    "PySide6.QtPrintSupport",
    "commdesk.returns.compute",
    "commdesk.returns.xlsx_writer",
    "commdesk.importing.readers",
    "commdesk.ui.returns_page",
    "commdesk.ui.consolidation_page",
    "commdesk.ui.overview_page",
    "commdesk.ui.audit_page",
    "commdesk.ui.import_wizard",
)


def test_first_paint_loads_no_heavy_module(tmp_path: Path) -> None:
    data = tmp_path / "data"
    script = Path(sys.executable).with_name("commdesk")
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "commdesk"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMDESK_DATA_DIR", None)
    made = subprocess.run(
        [*exe, "--data-dir", str(data), "demo", "--records", "200"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(data)],
        capture_output=True, text=True, timeout=180, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0 and "MODULES" in done.stdout, done.stdout + done.stderr[-3000:]
    loaded = set(done.stdout.split("MODULES", 1)[1].split("END", 1)[0].split())
    assert "commdesk.ui.first_window" in loaded  # the list is taken at the first paint
    heavy = sorted(
        name for name in loaded if any(name == h or name.startswith(h + ".") for h in HEAVY)
    )
    assert heavy == [], f"imported before the first page was painted: {heavy}"
