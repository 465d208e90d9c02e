"""Due dates on the 概览 page and the notice at start, in Chinese, with a fixed clock
(issue 13, due dates): every state as the clerk reads it, never a dialog."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from test_main_window import make_window
from zh_catalogue import build_qm, build_ts

from commdesk.domain import i18n
from commdesk.domain.periods import Period
from commdesk.store.services import periods
from commdesk.ui import due_returns

TODAY = date(2027, 1, 12)  # after the flash report's 10 January, before the 15th


@pytest.fixture(scope="module")
def qm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_qm(build_ts(tmp_path_factory.mktemp("ts")))


@pytest.fixture
def chinese(qapp: Any, qm: Path) -> None:
    translator = QTranslator(qapp)  # removed by the ui conftest after the test
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    i18n.install(QCoreApplication.translate, "zh_CN")


def export(store: Any, code: str) -> int:
    return periods.log_export(
        store, period=Period.parse(code), definition_id="community-service",
        definition_version="2026.2", file_name=f"{code}.xlsx", values={},
        sha256="0" * 64, exported_at=datetime(2027, 1, 8, 9, 0),
    )  # fmt: skip


def rows(panel: Any) -> dict[str, list[str]]:
    table = panel.table
    return {
        table.item(r, 0).text(): [table.item(r, c).text() for c in range(1, 4)]
        for r in range(table.rowCount())
    }


def test_overview_lists_due_returns_with_every_state_in_chinese(
    qtbot: Any, ctx: Any, chinese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(due_returns, "clock", lambda: TODAY)
    store = ctx.store
    export(store, "2026-12")  # exported, not handed in
    periods.mark_submitted(store, export(store, "2026Q4"))  # 已上报
    window = make_window(qtbot, ctx)
    window.show_page("overview")
    page = window.overview_page
    page.refresh(TODAY)
    assert page.wait()
    header = [page.due.table.horizontalHeaderItem(c).text() for c in range(4)]  # + the action
    assert header == ["报表", "报告期", "截止日期", "状态"]
    assert rows(page.due) == {
        "年报快报": ["2026年", "2027-01-10（已逾期2天）", "逾期"],
        "月报": ["2026年12月", "2027-01-15（还有3天）", "已导出"],
        "季报": ["2026年第4季度", "2027-01-15", "已上报"],
        "年报": ["2026年", "2027-02-28（还有47天）", "未开始"],
    }
    # Unlocking the submitted quarter to correct it: it must be sent again.
    periods.unlock_period(store, Period.parse("2026Q4"), "更正服务记录")
    page.refresh(TODAY)
    assert rows(page.due)["季报"] == ["2026年第4季度", "2027-01-15（还有3天）", "已修改需重新上报"]
    assert page.due.isVisible() and page.due.table.height() >= page.due.table.rowCount() * 10


def test_notice_at_start_in_the_status_bar_once_and_never_a_dialog(
    qtbot: Any, ctx: Any, chinese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(due_returns, "clock", lambda: TODAY)
    export(ctx.store, "2026-12")
    window = make_window(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=3000)
    bar = window.statusBar()
    if bar.width() < 1000:  # a small window names them by count: see it at laptop width
        window.resize(1366, 728)
        ctx.page_state.pop(due_returns.NOTICE_SHOWN)
        due_returns.show_notice_once(window, ctx)
    text = bar.currentMessage()
    assert text == "报表提醒：年报快报已逾期；月报、季报5天内到期。详见“概览”页。"
    # The full list, each with its period, date and state, one point away.
    details = bar.toolTip()
    assert details.startswith("报表即将到期或已逾期：")
    assert "年报快报（2026年）2027-01-10截止（已逾期2天，逾期）" in details
    assert "月报（2026年12月）2027-01-15截止（还有3天，已导出）" in details
    assert "年报（" not in details  # 47 days ahead: not yet
    assert QApplication.activeModalWidget() is None
    # A rebuilt window (language or font switch) does not announce it again.
    window.statusBar().clearMessage()
    assert bar.toolTip() == ""  # the list goes with its message
    again = make_window(qtbot, ctx)
    qtbot.wait(50)
    assert again.statusBar().currentMessage() == ""


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_notice_fits_the_status_bar_at_1366(
    qtbot: Any, ctx: Any, qm: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn up to the permanent widgets in one line: at 1366 px none of it is cut off,
    even with every return late and a long data-folder path beside it."""
    from screen_fit_driver import status_message_cut

    if language == "zh_CN":
        translator = QTranslator(QApplication.instance())
        assert translator.load(str(qm))
        QCoreApplication.installTranslator(translator)
        i18n.install(QCoreApplication.translate, "zh_CN")
    monkeypatch.setattr(due_returns, "clock", lambda: TODAY)
    window = make_window(qtbot, ctx)
    window.resize(1366, 728)
    window.folder_label.setText("C:/Users/居委会办公室/Documents/CommDesk/幸福社区居民委员会/数据")
    qtbot.waitUntil(lambda: bool(window.statusBar().currentMessage()), timeout=3000)
    ctx.page_state.pop(due_returns.NOTICE_SHOWN, None)
    window.statusBar().clearMessage()
    due_returns.show_notice_once(window, ctx, date(2027, 1, 14))  # three due tomorrow, one late
    QApplication.processEvents()
    assert window.statusBar().currentMessage()
    assert status_message_cut(window, "main window") == []


def test_nothing_due_soon_means_no_notice(qtbot: Any, ctx: Any, chinese: None) -> None:
    """Everything handed in on 3 January: the new periods are 7 to 12 days away."""
    store = ctx.store
    for code in ("2026-11", "2026Q3", "2025"):
        periods.mark_submitted(store, export(store, code))
    window = make_window(qtbot, ctx)
    ctx.page_state.pop(due_returns.NOTICE_SHOWN, None)
    assert due_returns.show_notice_once(window, ctx, date(2027, 1, 3)) == ""
    assert due_returns.show_notice_once(window, ctx, date(2027, 1, 5)) == ""  # once only
    ctx.page_state.pop(due_returns.NOTICE_SHOWN, None)
    assert "年报快报" in due_returns.show_notice_once(window, ctx, date(2027, 1, 5))


def test_an_unreadable_calendar_still_lists_the_returns_to_send(
    qtbot: Any, ctx: Any, chinese: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The county's calendar.toml broken: the error is said, and the list keeps the
    periods just ended with their state and button (no deadline to show)."""
    (Path(ctx.data_dir) / "calendar.toml").write_text("[[returns]]\nname = \n", encoding="utf-8")
    periods.mark_submitted(ctx.store, export(ctx.store, "2026Q4"))
    window = make_window(qtbot, ctx)
    window.show_page("overview")
    page = window.overview_page
    page.refresh(TODAY)
    assert page.wait()
    assert page.due.error.isVisible() and "calendar.toml" in page.due.error.text()
    table = page.due.table
    shown = {
        table.item(r, 1).text(): (table.item(r, 2).text(), table.item(r, 3).text(),
                                  table.cellWidget(r, 4).text())
        for r in range(table.rowCount())
    }  # fmt: skip
    assert shown == {
        "2026年12月": ("—", "未导出", "编制…"),
        "2026年第4季度": ("—", "已上报", "打开…"),
        "2026年": ("—", "未导出", "编制…"),
    }
