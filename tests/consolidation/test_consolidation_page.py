"""The 汇总 page with pytest-qt: add a folder, see statuses, include an altered file
explicitly, edit the roster, export in the background."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cons_helpers import TOWNSHIP, Town, not_a_return, tamper, visible_figures
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from commdesk.domain.periods import Period

DELTA = 55


@pytest.fixture
def page(qtbot: Any, store: Any, data_dir: Path, tmp_path: Path) -> Any:
    from commdesk.ui.consolidation_page import ConsolidationPage

    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    widget = ConsolidationPage(store, data_dir, settings=settings)
    qtbot.addWidget(widget)
    widget.show()
    widget.set_period(Period.parse("2026Q3"))
    yield widget
    widget.wait_idle()


@pytest.fixture
def folder(town: Town) -> dict[str, Path]:
    chosen = town.committees[:5]
    f = town.folder("page", chosen)
    altered = tamper(town.committees[5].path, f / "改过的.xlsx", "表1", "101", DELTA)
    stranger = not_a_return(f / "花名册.xlsx")
    return {"folder": f, "altered": altered, "stranger": stranger}


def add_folder(qtbot: Any, page: Any, monkeypatch: Any, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(page.add_folder_button, Qt.MouseButton.LeftButton)


def test_add_folder_shows_one_row_per_file_with_status(
    qtbot: Any, page: Any, folder: dict[str, Path], town: Town, monkeypatch: Any
) -> None:
    assert not page.export_button.isEnabled()
    add_folder(qtbot, page, monkeypatch, folder["folder"])
    assert page.table.rowCount() == 7
    for c in town.committees[:5]:
        assert page.status_of(c.path.name) == "included"
    assert page.status_of("改过的.xlsx") == "altered"
    assert page.status_of("花名册.xlsx") == "not-a-return"
    row = page.row_of("改过的.xlsx")
    status = page.table.item(row, page.STATUS)
    assert status.text() == "Altered after export"
    assert status.background().color().name() == "#fdecea"
    assert "导出后被修改" in page.table.item(row, page.REASON).text()
    ok_row = page.row_of(town.committees[0].path.name)
    assert page.table.item(ok_row, page.STATUS).background().color().name() == "#e6f4ea"
    assert TOWNSHIP in page.summary.text() and "No roster" in page.summary.text()
    assert page.export_button.isEnabled()


def test_include_altered_then_export(
    qtbot: Any, page: Any, folder: dict[str, Path], town: Town, monkeypatch: Any, tmp_path: Path
) -> None:
    from commdesk.returns.xlsx_reader import read_return

    add_folder(qtbot, page, monkeypatch, folder["folder"])
    row = page.row_of("改过的.xlsx")
    include = page.table.item(row, page.INCLUDE)
    assert include.flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert not page.table.item(page.row_of("花名册.xlsx"), page.INCLUDE).flags() & (
        Qt.ItemFlag.ItemIsUserCheckable
    )
    with qtbot.waitSignal(page.checked, timeout=30000):
        page.set_included("改过的.xlsx", True)
    assert page.status_of("改过的.xlsx") == "included-altered"

    out = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(page.exportFinished, timeout=60000) as finished:
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert finished.args == [out]
    assert page.progress is None and page.result_message is not None
    assert "left out" in page.result_message.text()
    page.result_message.close()
    back = read_return(out)
    assert not back.altered and back.division_code == TOWNSHIP
    expected = sum(visible_figures(c.path)[("表1", "101", "1")] for c in town.committees[:6])
    assert visible_figures(out)[("表1", "101", "1")] == expected + DELTA


def test_roster_editing_reports_missing_committees(
    qtbot: Any, page: Any, folder: dict[str, Path], town: Town, monkeypatch: Any, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    add_folder(qtbot, page, monkeypatch, folder["folder"])
    roster = page.roster
    assert not roster.add_button.isEnabled()  # township first
    roster.name_edit.setText("朝阳测试街道")
    roster.code_edit.setText("12345")
    assert not roster.save_township()
    assert "digits" in roster.status.text()
    roster.code_edit.setText(TOWNSHIP)
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(roster.save_button, Qt.MouseButton.LeftButton)
    assert roster.add_button.isEnabled()
    # Import the five committees plus one that sent nothing.
    wb = Workbook()
    wb.active.append(["名称", "统计用区划代码", "类型"])
    for c in town.committees[:5]:
        wb.active.append([c.name, c.code, "村" if c.kind == "village" else "居"])
    wb.active.append(["未报测试村民委员会", f"{TOWNSHIP}098", "村"])
    wb.save(tmp_path / "名册.xlsx")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "名册.xlsx"), "")
    )
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(roster.import_button, Qt.MouseButton.LeftButton)
    assert roster.table.rowCount() == 6
    assert "6 added" in roster.status.text()
    assert page.status_of("—") == "missing"
    missing_row = page.row_of("—")
    assert page.table.item(missing_row, page.UNIT).text() == "未报测试村民委员会"
    assert "1 expected committees missing" in page.summary.text()
    # The altered committee is not in the roster: included explicitly, it is noted as such.
    with qtbot.waitSignal(page.checked, timeout=30000):
        page.set_included("改过的.xlsx", True)
    row = page.row_of("改过的.xlsx")
    assert "名册中没有此单位" in page.table.item(row, page.REASON).text()
    # Add by hand, then retire it: no longer expected.
    roster.new_name.setText("新建社区居民委员会")
    roster.new_code.setText(f"{TOWNSHIP}097")
    roster.new_kind.setCurrentIndex(1)
    with qtbot.waitSignal(page.checked, timeout=30000):
        qtbot.mouseClick(roster.add_button, Qt.MouseButton.LeftButton)
    assert "2 expected committees missing" in page.summary.text()
    r = next(
        i for i in range(roster.table.rowCount())
        if roster.table.item(i, roster.CODE).text() == f"{TOWNSHIP}097"
    )  # fmt: skip
    with qtbot.waitSignal(page.checked, timeout=30000):
        roster.table.item(r, roster.ACTIVE).setCheckState(Qt.CheckState.Unchecked)
    assert "1 expected committees missing" in page.summary.text()


def test_period_change_rechecks(
    qtbot: Any, page: Any, folder: dict[str, Path], town: Town, monkeypatch: Any
) -> None:
    add_folder(qtbot, page, monkeypatch, folder["folder"])
    with qtbot.waitSignal(page.checked, timeout=30000):
        page.set_period(Period.parse("2026Q2"))
    assert page.status_of(town.committees[0].path.name) == "wrong-period"
    assert not page.export_button.isEnabled()
    page.clear()
    assert page.table.rowCount() == 0 and "No files" in page.summary.text()


def test_saving_over_one_of_the_inputs_is_refused(
    qtbot: Any, page: Any, folder: dict[str, Path], town: Town, monkeypatch: Any
) -> None:
    """The clerk picks a committee's return in the save dialog: it is not overwritten."""
    from PySide6.QtWidgets import QMessageBox

    add_folder(qtbot, page, monkeypatch, folder["folder"])
    victim = folder["folder"] / town.committees[0].path.name
    before = victim.read_bytes()
    warnings: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(victim), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=60000)
    page.wait_idle()
    assert victim.name in warnings[0] and "another name" in warnings[0]
    assert victim.read_bytes() == before
