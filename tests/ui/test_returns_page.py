"""The 报表 page through real widgets on a real temp store.

Preview figures, audit issues (colours, double-click), the explain-warnings
dialog, export in a worker thread, history, submit, lock and unlock with a
reason, refusal on audit errors, template import. Modal message boxes and file
dialogs are patched; the page's own dialogs are opened non-modally and driven.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer, QTranslator
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QTreeWidgetItem
from sqlalchemy import select
from ui_helpers import key_text, service_row, type_text

from commdesk.domain.periods import Period
from commdesk.paths import resources_dir
from commdesk.store.models import AuditEntry
from commdesk.store.services import periods as period_log
from commdesk.store.services.periods import PeriodLocked
from commdesk.store.services.service_records import service_records
from commdesk.ui import returns_page as returns_page_module
from commdesk.ui.period_lock import UnlockDialog, ask_unlock
from commdesk.ui.returns_page import ReturnsPage
from commdesk.ui.returns_preview import LEVEL_COLOURS

TODAY = date(2026, 10, 15)  # the last completed quarter is 2026Q3
Q3 = Period.parse("2026Q3")
DEFAULT_NAME = "社区服务统计报表_2026年第3季度_幸福社区居民委员会.xlsx"
ZH = {
    ("ReturnsHistory", "Submitted"): "已上报",
    ("ReturnsHistory", "Modified, needs re-submitting"): "已修改，需重新上报",
}


class DictTranslator(QTranslator):
    """A few Chinese strings, without depending on the shipped catalogue's state."""

    def translate(self, context: str, source: str, _d: Any = None, _n: int = -1) -> Any:
        return ZH.get((context, source))

    def isEmpty(self) -> bool:
        return False


# ------------------------------------------------------------------ helpers
@pytest.fixture
def page(qtbot: Any, store_with_profile: Any, tmp_path: Path) -> Iterator[ReturnsPage]:
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    widget = ReturnsPage(
        store_with_profile, store_with_profile.data_dir, settings=settings, today=TODAY
    )
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    wait_ready(qtbot, widget)
    yield widget
    widget.wait_idle()


def wait_ready(qtbot: Any, page: ReturnsPage) -> None:
    qtbot.waitUntil(
        lambda: (
            not page.is_busy()
            and page.prepared is not None
            and page.prepared_period == page.period()
        ),
        timeout=10000,
    )


def recompute(qtbot: Any, page: ReturnsPage) -> None:
    page.refresh()
    wait_ready(qtbot, page)


def add_services(store: Any, *rows: dict[str, Any]) -> list[int]:
    return [service_records.add(store, service_row(**row)) for row in rows]


def issue_item(page: ReturnsPage, code: str) -> QTreeWidgetItem:
    item = page.issues.item_for(code)
    assert item is not None, [i.code for i in page.issues.issues()]
    return item


def double_click(qtbot: Any, page: ReturnsPage, item: QTreeWidgetItem) -> None:
    tree = page.issues
    tree.scrollToItem(item)
    rect = tree.visualItemRect(item)
    # A press first, as a real double-click has (the view tracks the pressed item).
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def patch_save_dialog(monkeypatch: Any, answer: Path | None) -> list[tuple[Any, ...]]:
    calls: list[tuple[Any, ...]] = []

    def fake(*args: Any, **_kw: Any) -> tuple[str, str]:
        calls.append(args)
        return (str(answer) if answer else "", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    return calls


def explain_all(qtbot: Any, page: ReturnsPage) -> dict[str, str]:
    """Type a Chinese note into every box; OK only enables after the last one."""
    qtbot.waitUntil(lambda: page.explain_dialog is not None and page.explain_dialog.isVisible())
    dialog = page.explain_dialog
    assert dialog is not None
    editors = list(dialog.editors.values())
    assert editors and not dialog.ok_button.isEnabled()
    for n, editor in enumerate(editors):
        assert not dialog.ok_button.isEnabled()
        if n % 2:
            editor.setFocus()
            key_text(editor, "说")  # one committed character through a key event
        else:
            type_text(editor, f"第{n + 1}条：本期开展了集中上门服务，数据属实。")
    assert dialog.ok_button.isEnabled()
    notes = dialog.notes()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return notes


def export_through_ui(qtbot: Any, page: ReturnsPage, monkeypatch: Any, out: Path) -> Any:
    """Click Export, explain warnings if asked, save to ``out``, wait for the worker."""
    calls = patch_save_dialog(monkeypatch, out)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: page.explain_dialog is not None or page.exported_message is not None,
        timeout=10000,
    )
    if page.explain_dialog is not None:
        explain_all(qtbot, page)
    qtbot.waitUntil(lambda: page.exported_message is not None, timeout=15000)
    assert page.progress is None and out.is_file()
    return calls


# ------------------------------------------------------------------ tests
def test_preview_shows_the_computed_return_like_the_form(
    qtbot: Any, store_with_profile: Any, tmp_path: Path
) -> None:
    add_services(
        store_with_profile,
        {"service_date": date(2026, 7, 1), "people_served": 2, "hours": 1.5},
        {"service_date": date(2026, 8, 15), "people_served": 3, "hours": 2},
        {"service_date": date(2026, 9, 30), "people_served": 4, "hours": 0.5,
         "category_code": "BM01", "target_group_code": "GEN"},
        {"service_date": date(2026, 10, 1), "people_served": 9},  # next quarter
    )  # fmt: skip
    settings = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    page = ReturnsPage(
        store_with_profile, store_with_profile.data_dir, settings=settings, today=TODAY
    )
    qtbot.addWidget(page)
    page.show()
    wait_ready(qtbot, page)
    assert page.period() == Q3  # the last completed quarter
    preview = page.preview
    assert preview.count() == 7 and preview.tabText(2) == "表3"
    assert preview.cell_text("T3", "TOTAL", "1") == "3"
    assert preview.cell_text("T3", "TOTAL", "2") == "9"
    assert preview.cell_text("T3", "TOTAL", "3") == "4.0"  # fixed one decimal
    assert preview.cell_text("T3", "WM01", "1") == "2"
    assert preview.cell_text("T3", "BM", "1") == "1"
    assert preview.cell_text("T1", "101", "1") == "1000"
    sheet = preview.sheets["T3"]
    assert sheet.title.text() == "表3　社区服务开展情况"
    assert sheet.period_label.text() == "2026年第3季度"
    grid = sheet.grid
    keys = [grid.item(0, j).text() for j in range(grid.columnCount())]
    assert keys == ["甲", "乙", *[str(n) for n in range(1, 12)]]
    row = sheet.row_index["WM01"]
    assert grid.item(row, 0).text() == "　　养老服务"  # indented under its group
    assert grid.item(row, 1).text() == "WM01"
    total = grid.item(sheet.row_index["TOTAL"], 2)
    assert total.textAlignment() & Qt.AlignmentFlag.AlignRight
    t1 = preview.sheets["T1"].grid
    assert [t1.item(0, j).text() for j in range(3)] == ["甲", "乙", "丙"]
    assert t1.item(preview.sheets["T1"].row_index["105"], 0).text().startswith("　其中")
    # Another period type: monthly defaults to the last completed month.
    page.picker.kind_combo.setCurrentIndex(page.picker.kind_combo.findData("month"))
    wait_ready(qtbot, page)
    assert page.period() == Period.parse("2026-09")
    assert preview.cell_text("T3", "TOTAL", "1") == "1"
    assert preview.sheets["T3"].period_label.text() == "2026年9月"
    page.picker.kind_combo.setCurrentIndex(page.picker.kind_combo.findData("year"))
    wait_ready(qtbot, page)
    assert page.period() == Period.parse("2025") and not page.picker.index_combo.isVisible()
    page.wait_idle()


def test_issues_are_coloured_and_double_click_follows_them(
    qtbot: Any, page: ReturnsPage, store_with_profile: Any
) -> None:
    ids = add_services(
        store_with_profile,
        {"service_date": date(2026, 8, 1)},
        {"service_date": date(2026, 8, 2), "hours": 30},
    )
    # The previous quarter's exported figures make a ±50 % change on 表3 合计.
    period_log.log_export(
        store_with_profile,
        period=Period.parse("2026Q2"),
        definition_id="community-service",
        definition_version="2026.1",
        file_name="q2.xlsx",
        values={"T3": {"TOTAL": {"1": 40}}},
        sha256="0" * 64,
        exported_at=datetime(2026, 7, 3, 9, 0),
    )
    recompute(qtbot, page)
    hours = issue_item(page, "W-SERVICE-HOURS")
    assert hours.foreground(2).color() == LEVEL_COLOURS["warning"]
    assert "24小时" in hours.text(2)
    assert hours.text(3) == "(explanation needed)"
    with qtbot.waitSignal(page.showRecords, timeout=3000) as signal:
        double_click(qtbot, page, hours)
    assert signal.args == ["service_record", [ids[1]]]
    change = issue_item(page, "W-T3-CHANGE")
    double_click(qtbot, page, change)
    sheet = page.preview.sheets["T3"]
    assert page.preview.currentWidget() is sheet
    assert sheet.grid.currentRow() == sheet.row_index["TOTAL"]
    assert sheet.grid.currentColumn() == sheet.column_index["1"]
    assert "本期2" in change.text(2)
    assert page.bottom.tabText(0) == "Audit: 0 errors, 3 warnings"
    # The current, unfinished quarter may be previewed; a grey notice says so.
    page.set_period(Period.parse("2026Q4"))
    wait_ready(qtbot, page)
    notice = issue_item(page, "N-PERIOD-OPEN")
    assert notice.text(0) == "Notice" and notice.text(3) == ""
    assert notice.foreground(2).color() == LEVEL_COLOURS["notice"]


def test_export_needs_explanations_then_writes_in_a_worker(
    qtbot: Any, page: ReturnsPage, store_with_profile: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    add_services(
        store_with_profile,
        {"service_date": date(2026, 8, 1)},
        {"service_date": date(2026, 8, 2), "hours": 30},
    )
    recompute(qtbot, page)
    assert {i.code for i in page.prepared.warnings} >= {"W-SERVICE-HOURS"}  # type: ignore[union-attr]
    # First attempt: explain, then cancel the save dialog — nothing is written.
    calls = patch_save_dialog(monkeypatch, None)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    notes = explain_all(qtbot, page)
    qtbot.waitUntil(lambda: len(calls) == 1)
    assert Path(calls[0][2]).name == DEFAULT_NAME
    assert period_log.history(store_with_profile) == []
    assert issue_item(page, "W-SERVICE-HOURS").text(3) == notes["W-SERVICE-HOURS"]
    # The notes are remembered for the period: the explain dialog comes prefilled.
    qtbot.mouseClick(page.explain_button, Qt.MouseButton.LeftButton)
    dialog = page.explain_dialog
    assert dialog is not None and dialog.ok_button.isEnabled()
    assert dialog.notes() == notes
    dialog.reject()
    # Second attempt: no dialog needed; the export runs off the GUI thread.
    threads: list[threading.Thread] = []
    real_export = returns_page_module.export

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return real_export(*args, **kwargs)

    monkeypatch.setattr(returns_page_module, "export", spy)
    out = tmp_path / "out" / DEFAULT_NAME
    out.parent.mkdir()
    export_through_ui(qtbot, page, monkeypatch, out)
    assert threads and threads[0] is not threading.main_thread()
    assert page.state_code == period_log.EXPORTED
    assert page.state_label.text() == "Exported"
    assert page.history.row_count() == 1
    entry = page.history.entries()[0]
    assert entry["file_name"] == str(out.resolve())
    assert page.history.table.item(0, 3).text() == "Exported"
    wb = openpyxl.load_workbook(out)
    notes_text = " ".join(
        str(c) for row in wb["审核说明"].iter_rows(values_only=True) for c in row if c
    )
    assert notes["W-SERVICE-HOURS"] in notes_text
    # The success box opens the folder (the desktop call is patched, nothing opens).
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url.toLocalFile()))
    )
    box = page.exported_message
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.open_folder_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out.parent)]
    qtbot.waitUntil(lambda: page.exported_message is None)
    # The next export starts in the folder used last time.
    again = export_through_ui(qtbot, page, monkeypatch, out.with_name("second.xlsx"))
    assert Path(again[0][2]) == out.parent / DEFAULT_NAME
    assert page.history.row_count() == 2
    page.exported_message.close()  # type: ignore[union-attr]


def test_submit_locks_the_period_and_unlock_needs_a_reason(
    qtbot: Any, page: ReturnsPage, store_with_profile: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    translator = DictTranslator(QCoreApplication.instance())
    (rid,) = add_services(store_with_profile, {"service_date": date(2026, 9, 1)})
    recompute(qtbot, page)
    export_through_ui(qtbot, page, monkeypatch, tmp_path / "q3.xlsx")
    page.exported_message.close()  # type: ignore[union-attr]
    # Mark submitted (confirmed).
    asked: list[str] = []

    def yes(*args: Any, **_kw: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    page.history.table.selectRow(0)
    assert page.history.submit_button.isEnabled()
    qtbot.mouseClick(page.history.submit_button, Qt.MouseButton.LeftButton)
    assert asked and "locked" in asked[0]
    assert page.state_code == period_log.SUBMITTED
    assert page.unlock_button.isVisibleTo(page)
    assert not page.history.submit_button.isEnabled()
    QCoreApplication.installTranslator(translator)
    try:
        page.refresh_state()
        assert page.state_label.text() == "已上报"
        # The record is locked at the service.
        with pytest.raises(PeriodLocked) as locked:
            service_records.update(store_with_profile, rid, {"people_served": 5})
        # The ledger pages call ask_unlock; drive its modal dialog from a timer.
        seen: dict[str, Any] = {}

        def interact() -> None:
            dialog = next(
                w for w in QApplication.topLevelWidgets()
                if isinstance(w, UnlockDialog) and w.isVisible()
            )  # fmt: skip
            try:
                seen["ok_at_start"] = dialog.ok_button.isEnabled()
                type_text(dialog.reason, "   ")
                seen["ok_blank"] = dialog.ok_button.isEnabled()
                type_text(dialog.reason, "补录九月漏登的上门服务")
                seen["ok_typed"] = dialog.ok_button.isEnabled()
                qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
            finally:
                if dialog.isVisible():
                    dialog.reject()

        QTimer.singleShot(0, interact)
        assert ask_unlock(page, store_with_profile, locked.value) is True
        assert seen == {"ok_at_start": False, "ok_blank": False, "ok_typed": True}
        service_records.update(store_with_profile, rid, {"people_served": 5})  # the retry
        page.refresh_state()
        assert page.state_code == period_log.MODIFIED
        assert page.state_label.text() == "已修改，需重新上报"
        assert page.history.table.item(0, 3).text() == "已修改，需重新上报"
    finally:
        QCoreApplication.removeTranslator(translator)
    with store_with_profile.read() as s:
        unlock = s.scalars(select(AuditEntry).where(AuditEntry.action == "unlock")).one()
    assert unlock.note == "补录九月漏登的上门服务"
    assert "2026Q3" in (unlock.after or "")
    # Exporting again clears "modified".
    recompute(qtbot, page)
    export_through_ui(qtbot, page, monkeypatch, tmp_path / "q3-again.xlsx")
    page.exported_message.close()  # type: ignore[union-attr]
    assert page.state_code == period_log.EXPORTED


def test_unlock_from_the_page_can_be_cancelled(
    qtbot: Any, page: ReturnsPage, store_with_profile: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    add_services(store_with_profile, {"service_date": date(2026, 9, 1)})
    recompute(qtbot, page)
    export_through_ui(qtbot, page, monkeypatch, tmp_path / "q3.xlsx")
    page.exported_message.close()  # type: ignore[union-attr]
    log_id = page.history.entries()[0]["id"]
    period_log.mark_submitted(store_with_profile, log_id)
    page.refresh_state()
    assert page.unlock_button.isVisibleTo(page)

    def cancel() -> None:
        for w in QApplication.topLevelWidgets():
            if isinstance(w, UnlockDialog) and w.isVisible():
                w.reject()

    QTimer.singleShot(0, cancel)
    assert page.unlock_current() is False
    assert page.state_code == period_log.SUBMITTED


def test_audit_errors_refuse_export_and_write_nothing(
    qtbot: Any, page: ReturnsPage, store_with_profile: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    add_services(store_with_profile, {"service_date": date(2026, 8, 1)})
    con = sqlite3.connect(store_with_profile.path)
    try:
        con.execute("UPDATE community SET households = 0")
        con.execute("UPDATE community_version SET households = 0")
        con.commit()
    finally:
        con.close()
    recompute(qtbot, page)
    error = issue_item(page, "E-PROFILE-HOUSEHOLDS")
    assert error.foreground(0).color() == LEVEL_COLOURS["error"]
    assert error.text(0) == "Error"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    calls = patch_save_dialog(monkeypatch, tmp_path / "never.xlsx")
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert "E-PROFILE-HOUSEHOLDS" in shown[0] and "户数必须大于0" in shown[0]
    assert calls == [] and page.explain_dialog is None
    assert not (tmp_path / "never.xlsx").exists()
    assert period_log.history(store_with_profile) == []
    assert page.bottom.currentWidget() is page.issues


def test_import_template_reports_bad_files_and_uses_newer_versions(
    qtbot: Any, page: ReturnsPage, tmp_path: Path, monkeypatch: Any
) -> None:
    bad = tmp_path / "county.toml"
    bad.write_text('id = "community-service"\nversion = "9"\n', encoding="utf-8")
    chosen = [bad]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(chosen[0]), ""))
    warned: list[str] = []
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: informed.append(a[2]))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 1 and "county.toml" in warned[0]
    assert "Traceback" not in warned[0]
    shipped = (resources_dir() / "returns" / "community_service.toml").read_text("utf-8")
    version = re.search(r'^version = "([^"]+)"', shipped, flags=re.MULTILINE).group(1)
    assert page.definition.version == version
    good = tmp_path / "county-2099.1.toml"
    good.write_text(shipped.replace(f'version = "{version}"', 'version = "2099.1"'), "utf-8")
    chosen[0] = good
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(informed) == 1 and "2099.1" in informed[0]
    assert page.definition.version == "2099.1"
    assert "2099.1" in page.definition_label.text()
    wait_ready(qtbot, page)
    # The same version again is refused with a message, not a traceback.
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert len(warned) == 2 and "already installed" in warned[1]
