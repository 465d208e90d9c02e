"""打印预览 / 打印 / 导出PDF from the window: the return (报表) and a ledger's roster (花名册).

Through the window's actions and their keys (Ctrl+Shift+P preview, Ctrl+P print),
with the save dialog answered; the PDFs are read back with pdftotext.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication
from sqlalchemy import select
from test_main_window import make_window
from test_returns_page import explain_all, patch_save_dialog
from test_roster_export_ui import _answer_options
from ui_helpers import make_id, service_row

from commdesk.store.models import AuditEntry
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers
from tests.paper.pdf_checks import pdf_text

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _top(kind: type) -> Any:
    found = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    return found[0] if found else None


def _wait_paper(qtbot: Any, page: Any, kind: type) -> Any:
    """Wait for ``kind`` to open, explaining the return's warnings if the page asks first."""

    def ready() -> bool:
        dialog = getattr(page, "explain_dialog", None)
        if dialog is not None and dialog.isVisible():
            explain_all(qtbot, page)
        return _top(kind) is not None

    qtbot.waitUntil(ready, timeout=20000)
    return _top(kind)


def test_return_preview_print_and_pdf_through_the_window(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for day in ("2026-07-03", "2026-08-12", "2026-09-20"):
        service_records.add(ctx.store, service_row(service_date=day))
    window = make_window(qtbot, ctx)
    window.show_page("reports")
    page = window.returns_page
    assert window.act_print.isEnabled() and window.act_print_preview.isEnabled()

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    preview = _wait_paper(qtbot, page, QPrintPreviewDialog)
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 8, timeout=10000)  # 7 tables + 审核说明
    preview.close()

    window.windowHandle().requestActivate()  # back from the closed preview
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    dialog = _wait_paper(qtbot, page, QPrintDialog)
    dialog.reject()

    out = tmp_path / "return.pdf"
    patch_save_dialog(monkeypatch, out)
    window.act_export_pdf.trigger()
    qtbot.waitUntil(out.exists, timeout=20000)
    text = pdf_text(out)
    assert "社区服务开展情况" in text and "幸福社区居民委员会" in text
    assert "审核说明" in text


def test_pages_without_paper_disable_the_print_actions(qtbot: Any, ctx: Any) -> None:
    window = make_window(qtbot, ctx)
    window.show_page("profile")
    assert not window.act_print.isEnabled()
    window.show_page("services")
    assert window.act_print.isEnabled()


@pytest.mark.parametrize("full_ids", [False, True])
def test_roster_pdf_of_the_filtered_view(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, full_ids: bool
) -> None:
    ids = [make_id(i) for i in range(3)]
    for i, name in enumerate(("张三", "李四", "王五")):
        volunteers.add(ctx.store, {"name": name, "id_number": ids[i]})
    window = make_window(qtbot, ctx)
    window.show_page("volunteers")
    page = window.current_ledger_page()
    page.search.setFocus()
    qtbot.keyClicks(page.search, "zs")
    page.apply_filters()
    assert page.row_count() == 1
    out = tmp_path / "roster.pdf"
    patch_save_dialog(monkeypatch, out)
    seen: dict[str, Any] = {}
    _answer_options(full_ids, seen)
    window.act_export_pdf.trigger()
    qtbot.waitUntil(out.exists, timeout=10000)
    text = pdf_text(out)
    assert "志愿者花名册" in text and "打印日期" in text and "第1页/共1页" in text.replace(" ", "")
    assert "张三" in text and "李四" not in text and "王五" not in text
    assert (ids[0] in text) is full_ids
    assert ("注：身份证号码已部分隐藏" in text) is not full_ids
    with ctx.store.read() as s:
        reveals = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "reveal_id")))
    assert len(reveals) == (1 if full_ids else 0)
