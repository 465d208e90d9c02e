"""The overview's indicators and trend charts, as the clerk uses them."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_main_window import make_window
from ui_helpers import service_row

from commdesk.store.services.facilities import facilities
from commdesk.store.services.service_records import service_records

TODAY = date(2026, 11, 20)


def _fill(store: Any) -> dict[str, int]:
    # Profile (tests/conftest.py): urban, 1000 households, 2600 residents.
    centre = facilities.add(
        store,
        {"name": "党群服务中心", "type_code": "F01", "floor_area": 250, "activity_area": 200},
    )
    facilities.add(store, {"name": "文化活动室", "type_code": "F05", "floor_area": 80})
    for day, code, people, hours in (
        ("2026-11-02", "WM01", 3, 1.0),
        ("2026-11-05", "BM01", 2, 0.5),
        ("2026-10-09", "WM02", 4, 2.5),
        ("2025-12-31", "AM01", 7, 3.0),  # in the window, not in the year
        ("2024-11-30", "WM01", 50, 50.0),  # before the 24 months
    ):
        service_records.add(
            store,
            service_row(
                service_date=date.fromisoformat(day),
                category_code=code,
                people_served=people,
                hours=hours,
            ),
        )
    return {"centre": centre}


def _open(qtbot: Any, ctx: Any) -> Any:
    window = make_window(qtbot, ctx)
    window.show_page("overview")
    page = window.overview_page
    page.refresh(TODAY)
    assert page.wait()
    return window, page.dashboard


def _row(table: Any, row: int) -> list[str]:
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_indicators_with_states_and_the_records_behind_them(qtbot: Any, ctx: Any) -> None:
    ids = _fill(ctx.store)
    window, dash = _open(qtbot, ctx)
    table = dash.panel.table
    assert table.rowCount() == 5
    # 601: has a centre; 602: 250 × 100 / 1000 = 25.0 < 30; 603: 200 / 250 = 80.0 %;
    # 604: no terminal; 605: no workers → 0 × 10000 / 2600 = 0.0.
    assert _row(table, 0)[1:] == ["Yes", "城市100%／农村≥80%", "Met"]
    assert _row(table, 1)[1:] == ["25.0", "≥30", "Not met"]
    assert _row(table, 2)[1:] == ["80.0", "≥60", "Met"]
    assert _row(table, 3)[1:] == ["No", "城市80%", "Not met"]
    assert _row(table, 4)[1:] == ["0.0", "18", "Not met"]
    assert table.item(0, 3).foreground().color().name() == "#1e7b34"
    assert table.item(1, 3).foreground().color().name() == "#b3261e"
    assert "2026-12-31" in dash.panel.caption.toolTip()  # this year, as of its end
    assert "国办发〔2021〕56号" in dash.panel.caption.toolTip()
    # 2026: 3 services, 9 people served, 4 hours.
    assert dash.figures.text().startswith("2026年: 3 services, 9 people served, 4 hours")

    # The keyboard way to the facilities counted: select 602, press Enter.
    table.setFocus()
    table.setCurrentCell(1, 0)
    QTest.keyClick(table, Qt.Key.Key_Return)
    page = window.ledger_pages["facilities"]
    assert window.stack.currentWidget() is window.pages["facilities"]
    assert page.only_ids == [ids["centre"]]


def test_period_chooser_recomputes_as_of_that_end(qtbot: Any, ctx: Any) -> None:
    _fill(ctx.store)
    _, dash = _open(qtbot, ctx)
    box = dash.period_box
    box.setFocus()
    # this_month … last_year: from 本年 down to 上年 with the keyboard.
    QTest.keyClick(box, Qt.Key.Key_Down)
    assert dash.period().code == "2025"
    assert dash.wait()
    assert "2025-12-31" in dash.panel.caption.toolTip()
    # 2025: the one service of 31 Dec 2025.
    assert dash.figures.text().startswith("2025年: 1 services, 7 people served, 3 hours")


def test_chart_numbers_are_the_hand_sums(qtbot: Any, ctx: Any) -> None:
    _fill(ctx.store)
    _, dash = _open(qtbot, ctx)
    charts = dash.charts
    spec = charts.current_spec()
    assert spec.key == "services_records" and len(spec.x_labels) == 24
    assert spec.x_labels[0] == "25/01" and spec.x_labels[-1] == "26/12"
    by_name = {s.name: s.values for s in spec.series}
    assert by_name["为民服务"][spec.x_labels.index("26/11")] == 1  # WM01 on 2 Nov
    assert by_name["为民服务"][spec.x_labels.index("26/10")] == 1
    assert by_name["便民服务"][spec.x_labels.index("26/11")] == 1
    assert by_name["安民服务"][spec.x_labels.index("25/12")] == 1
    assert sum(sum(v) for v in by_name.values()) == 4  # 2024-11 is before the window
    assert charts.canvas is not None and charts.stack.currentWidget() is charts.canvas

    # The same numbers as a table, a click away.
    qtbot.mouseClick(charts.numbers, Qt.MouseButton.LeftButton)
    assert charts.stack.currentWidget() is charts.table
    row = spec.x_labels.index("26/11")
    assert charts.table.verticalHeaderItem(row).text() == "26/11"
    assert [charts.table.item(row, c).text() for c in range(4)] == ["1", "1", "0", "0"]

    charts.chooser.setFocus()
    QTest.keyClick(charts.chooser, Qt.Key.Key_Down)  # people served
    QTest.keyClick(charts.chooser, Qt.Key.Key_Down)  # hours
    hours = charts.current_spec()
    assert hours.key == "services_hours"
    assert [charts.table.item(row, c).text() for c in range(4)] == ["1.0", "0.5", "0.0", "0.0"]
    area = dash.data.area
    assert area.line == 30 and area.values[-1] == 25.0  # 2026Q4: 250 × 100 / 1000


CODE = """
import sys
from pathlib import Path
from commdesk.app import run_gui
status = run_gui(Path(sys.argv[1]), measure_startup=True)
print("matplotlib loaded:", "matplotlib" in sys.modules)
sys.exit(status)
"""


def test_matplotlib_is_not_loaded_on_start(store_with_profile: Any) -> None:
    """The window's first paint and a CLI command run without importing matplotlib."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CODE, str(store_with_profile.data_dir)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert "matplotlib loaded: False" in result.stdout, result.stdout + result.stderr
    cli = subprocess.run(
        [sys.executable, "-c",
         "import sys; from commdesk.cli import main; status = main(sys.argv[1:]); "
         "print('matplotlib loaded:', 'matplotlib' in sys.modules)",
         "--data-dir", str(store_with_profile.data_dir), "check"],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert "matplotlib loaded: False" in cli.stdout, cli.stdout + cli.stderr
    assert Path(store_with_profile.data_dir).is_dir()


PRELOAD = """
import sys
from pathlib import Path
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication
from commdesk.store.engine import open_store
from commdesk.ui.context import UiContext
from commdesk.ui.main_window import MainWindow
app = QApplication([])
store = open_store(Path(sys.argv[1]))
window = MainWindow(UiContext.create(store))
window.show()
QTimer.singleShot(4000, app.quit)  # the clerk reads the services page for a few seconds
app.exec()
QThreadPool.globalInstance().waitForDone(60_000)
print("overview page built:", "commdesk.ui.overview_page" in sys.modules)
print("charts loaded:", "matplotlib.backends.backend_qtagg" in sys.modules)
window.close()
store.close()
"""


def _run_closed(code: str, store: Any) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh process on the (closed) store's data folder, offscreen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", code, str(store.data_dir)],
        capture_output=True, text=True, timeout=180, env=env,
    )  # fmt: skip


def test_matplotlib_loads_in_the_background_after_start(store_with_profile: Any) -> None:
    """Not at the first paint (test above), but before the clerk first opens 概览: its
    first chart then need not wait the import."""
    store_with_profile.close()
    result = _run_closed(PRELOAD, store_with_profile)
    assert "overview page built: False" in result.stdout, result.stdout + result.stderr
    assert "charts loaded: True" in result.stdout, result.stdout + result.stderr


COLD = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from commdesk.store.engine import open_store
from commdesk.ui.context import UiContext
from commdesk.ui.overview_page import OverviewPage
app = QApplication([])
store = open_store(Path(sys.argv[1]))
page = OverviewPage(UiContext.create(store))
dash = page.dashboard
dash.numbers_shown.connect(
    lambda: print("matplotlib at the figures:", "matplotlib" in sys.modules, flush=True)
)
page.show()
assert dash.wait(60_000)
print("chart drawn:", dash.charts.canvas is not None)
page.close()
store.close()
"""


def test_opened_cold_the_figures_do_not_wait_for_matplotlib(store_with_profile: Any) -> None:
    """概览 opened before the background load (a quick clerk): the figures' queries
    run first, and matplotlib is imported only after them (imported beside them it
    held the interpreter they needed: figures at 0.9 s instead of 0.2 s at 1M)."""
    service_records.add(store_with_profile, service_row(service_date=TODAY))
    store_with_profile.close()
    result = _run_closed(COLD, store_with_profile)
    assert "matplotlib at the figures: False" in result.stdout, result.stdout + result.stderr
    assert "chart drawn: True" in result.stdout, result.stdout + result.stderr
