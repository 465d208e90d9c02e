"""出具证明… and 证明登记簿 from the volunteers page: typed dates, preview, issue, void, 公示."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QPushButton

from commdesk.store.services import certificates as certs
from commdesk.ui.certificate_dialog import CertificateDialog
from commdesk.ui.certificate_register import RegisterDialog
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.specs import VOLUNTEERS_SPEC
from tests.certificate_fixture import ZHANG_ID, build
from tests.paper.pdf_checks import pdf_text


@pytest.fixture
def page(qtbot: Any, ctx: Any) -> LedgerPage:
    build(ctx.store)
    page = LedgerPage(ctx, VOLUNTEERS_SPEC)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


def _menu_action(page: LedgerPage, text: str) -> Any:
    button = page.findChild(QPushButton, "certificateButton")
    assert button is not None and button.isVisible()
    return next(a for a in button.menu().actions() if a.text().startswith(text))


def _open(kind: type, qtbot: Any) -> Any:
    qtbot.waitUntil(
        lambda: any(isinstance(w, kind) and w.isVisible() for w in QApplication.topLevelWidgets())
    )
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible())


def _type_date(editor: Any, text: str) -> None:
    editor.clear()
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)


def test_issue_from_the_selected_volunteer_with_typed_dates(
    qtbot: Any, page: LedgerPage, tmp_path: Path, monkeypatch: Any
) -> None:
    assert page.select_id(1)
    _menu_action(page, "Issue certificate").trigger()
    dialog = _open(CertificateDialog, qtbot)
    assert dialog.by_selection.isChecked() and dialog.clerk.text() == "张丽"
    _type_date(dialog.date_from, "2026.3.1")
    _type_date(dialog.date_to, "2026-12-02")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    assert "entered only up to 2026-11-30" in dialog.message.text()
    assert not dialog.issue_button.isEnabled()
    _type_date(dialog.date_to, "2026/6/30")
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    rows = [[dialog.table.item(r, c).text() for c in range(3)] for r in range(5)]
    assert rows == [
        ["张秀英 110105********002X", "4", "7"],
        ["    2026-03-05 志愿服务活动：陪老人聊天", "", "2.5"],
        ["    2026-04-10 志愿服务活动：社区清扫", "", "3"],
        ["    2026-05-01 志愿服务活动：未记时长", "", "0"],
        ["    2026-06-30 志愿服务活动：助餐送餐", "", "1.5"],
    ]
    assert dialog.issue_button.isEnabled()
    out = tmp_path / "证明.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.issue_button, Qt.MouseButton.LeftButton)
    assert "2026-0001" in dialog.message.text()
    text = pdf_text(out)
    assert "张秀英" in text and ZHANG_ID in text and "7 小时" in text
    assert [c["number"] for c in certs.register(page.ctx.store)] == ["2026-0001"]
    dialog.close()


def test_a_team_with_nobody_selected(qtbot: Any, page: LedgerPage) -> None:
    _menu_action(page, "Issue certificate").trigger()
    dialog = _open(CertificateDialog, qtbot)
    assert dialog.by_team.isChecked() and dialog.team.currentText() == "银发先锋队"
    _type_date(dialog.date_from, "2026-03-01")
    _type_date(dialog.date_to, "2026-06-30")
    assert dialog.preview()
    assert dialog.table.rowCount() == 2 + 4 + 2  # two volunteers and their records
    assert "2 certificate(s) to issue, 17.5 hours" in dialog.message.text()
    dialog.close()


def test_register_voids_with_a_reason_keeps_the_row_and_prints_the_publicity_list(
    qtbot: Any, page: LedgerPage, tmp_path: Path, monkeypatch: Any
) -> None:
    from commdesk.paper.certificate_files import issue_to_pdf

    issue_to_pdf(page.ctx.store, [1, 2], certs.date(2026, 3, 1), certs.date(2026, 6, 30),
                 tmp_path / "a.pdf")  # fmt: skip
    _menu_action(page, "Certificate register").trigger()
    dialog = _open(RegisterDialog, qtbot)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 2).text() == "110105********002X"
    dialog.table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("姓名写错", True))
    qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(0, 6).text() == "voided: 姓名写错"
    dialog.table.selectRow(0)
    assert not dialog.reprint_button.isEnabled()
    dialog.table.selectRow(1)
    again = tmp_path / "again.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(again), ""))
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    assert "2026-0002" in pdf_text(again)
    assert "reprinted 1×" in dialog.table.item(1, 6).text()
    today = certs.date.today().isoformat()
    _type_date(dialog.date_from, today)
    _type_date(dialog.date_to, today)
    posted = tmp_path / "公示.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(posted), ""))
    qtbot.mouseClick(dialog.publicity_button, Qt.MouseButton.LeftButton)
    text = pdf_text(posted)
    assert "2026-0002" in text and "2026-0001" not in text
    dialog.close()


def test_a_volunteers_service_record_as_excel(
    qtbot: Any, page: LedgerPage, tmp_path: Path, monkeypatch: Any
) -> None:
    assert page.select_id(1)
    out = tmp_path / "记录.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    _menu_action(page, "Service record").trigger()
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert ("总计", "6 次", 16.0) in rows


def test_the_file_menu_action_takes_the_volunteers_page_selection(qtbot: Any, ctx: Any) -> None:
    from commdesk.ui.main_window import MainWindow

    build(ctx.store)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    window.show_page("volunteers")
    page = window.ledger_pages["volunteers"]
    assert window.current_ledger_page() is page
    qtbot.waitUntil(lambda: page.row_count() == 2)
    assert page.select_id(2)
    assert window.act_certificate in window.menus["file"].actions()
    window.act_certificate.trigger()
    dialog = _open(CertificateDialog, qtbot)
    assert dialog.selected == [2] and dialog.by_selection.isChecked()
    dialog.close()
    window.show_page("services")
    window.act_certificate.trigger()
    dialog = _open(CertificateDialog, qtbot)
    assert dialog.selected == [] and dialog.by_team.isChecked()
    dialog.close()
