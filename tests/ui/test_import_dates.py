"""The import wizard asks for the dates a roster lacks, and writes the answers."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from test_import_wizard import WAIT_MS, next_page
from ui_helpers import make_id

from commdesk.store.services.volunteers import volunteers
from commdesk.ui.import_wizard import DONE_PAGE, MAPPING_PAGE, PREVIEW_PAGE, ImportWizard


@pytest.fixture
def undated_roster(tmp_path: Path) -> Path:
    """No 加入时间 column; the last person is marked 退出 without 退出时间."""
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "身份证号", "状态"])
    for i, (name, status) in enumerate([("张伟", "在册"), ("王芳", "在册"), ("李娜", "退出")]):
        ws.append([name, make_id(i + 1), status])
    path = tmp_path / "花名册.xlsx"
    wb.save(path)
    return path


def test_preview_asks_for_the_missing_dates_and_imports_the_answer(
    ctx: Any, qtbot: Any, undated_roster: Path
) -> None:
    wizard = ImportWizard(ctx, "volunteers")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(undated_roster))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    page = wizard.preview_page
    dates = page.dates
    assert dates.isVisible() and dates.join.choice.isVisible() and dates.left.choice.isVisible()
    assert dates.join.choice.currentText() == "Earlier than every period"  # the default
    assert "nothing exported yet" in dates.left.choice.currentText()
    assert "加入日期" in page.notes.text() and "earlier than every period" in page.notes.text()
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    assert commit.isEnabled()

    # The clerk picks "on this date" from the keyboard: no date yet, so no import.
    dates.join.choice.setFocus()
    qtbot.keyClick(dates.join.choice, Qt.Key.Key_Down)
    assert dates.join.choice.currentIndex() == 1 and dates.join.date.isEnabled()
    assert not commit.isEnabled()
    qtbot.keyClicks(dates.join.date, "2026-13-01")  # not a date: still no import
    assert not commit.isEnabled() and dates.join.date.toolTip()
    dates.join.date.clear()
    qtbot.keyClicks(dates.join.date, "2026/1/1")
    assert dates.join.answer() == date(2026, 1, 1)
    qtbot.waitUntil(commit.isEnabled, timeout=WAIT_MS)
    assert "2026-01-01" in page.notes.text()
    assert "earlier than every period" not in page.notes.text()

    next_page(qtbot, wizard, DONE_PAGE)
    rows = {r["name"]: r for r in volunteers.query(ctx.store)}
    assert {r["joined_date"] for r in rows.values()} == {date(2026, 1, 1)}
    assert rows["李娜"]["status_code"] == "inactive" and rows["李娜"]["left_date"] is None


def test_no_question_when_the_roster_has_its_dates(ctx: Any, qtbot: Any, tmp_path: Path) -> None:
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "加入时间"])
    wb.active.append(["张伟", make_id(1), "2021-03-05"])
    path = tmp_path / "r.xlsx"
    wb.save(path)
    wizard = ImportWizard(ctx, "volunteers")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.file_page.path_edit.setText(str(path))
    next_page(qtbot, wizard, MAPPING_PAGE)
    next_page(qtbot, wizard, PREVIEW_PAGE)
    assert not wizard.preview_page.dates.isVisible()
