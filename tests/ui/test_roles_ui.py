"""A 填报员 signed in: the returns history's Submit is off, and the store refuses it anyway."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import answer_question

from commdesk.domain.periods import Period
from commdesk.domain.roles import ADMIN, ENTRY, REVIEWER
from commdesk.store.accounts import add_account, sign_in
from commdesk.store.services import periods
from commdesk.ui.returns_history import HistoryPanel


def _panel(qtbot: Any, ctx: Any, who: str, password: str) -> tuple[HistoryPanel, int]:
    store = ctx.store
    add_account(store, "admin", ADMIN, "admin-pass")
    sign_in(store, "admin", "admin-pass")
    add_account(store, "lina", ENTRY, "entry-pass")
    add_account(store, "wang", REVIEWER, "review-pass")
    sign_in(store, who, password)
    log_id = periods.log_export(
        store, period=Period.parse("2026Q3"), definition_id="community-service",
        definition_version="2026.1", file_name="2026Q3.xlsx", values={}, sha256="0" * 64,
        exported_at=datetime(2026, 10, 5, 9, 0),
    )  # fmt: skip
    panel = HistoryPanel(store)
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh()
    assert panel.select_log(log_id)
    return panel, log_id


def test_entry_clerk_is_told_that_only_a_reviewer_submits(qtbot: Any, ctx: Any) -> None:
    panel, _ = _panel(qtbot, ctx, "lina", "entry-pass")
    # The button stays off, whatever the selection, and says who may use it.
    assert not panel.submit_button.isEnabled()
    panel.refresh()
    assert not panel.submit_button.isEnabled()
    assert "Reviewer" in panel.submit_button.toolTip()
    # The store is the real guard: reached anyway, it refuses with a message.
    seen: list[str] = []

    def answer(left: int = 500) -> None:
        """Yes to the question, then note and close the refusal."""
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            yes = box.button(QMessageBox.StandardButton.Yes)
            if yes is not None:
                yes.click()
            else:
                seen.append(box.text())
                box.button(QMessageBox.StandardButton.Ok).click()
                return
        if left > 0:
            QTimer.singleShot(20, lambda: answer(left - 1))

    QTimer.singleShot(0, answer)
    panel.mark_submitted()
    assert seen and "lina" in seen[0] and "reviewer" in seen[0]
    assert periods.state(ctx.store, Period.parse("2026Q3")).status == periods.EXPORTED


def test_reviewer_submits(qtbot: Any, ctx: Any) -> None:
    panel, _ = _panel(qtbot, ctx, "wang", "review-pass")
    assert panel.submit_button.isEnabled()
    answer_question(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)
    assert periods.state(ctx.store, Period.parse("2026Q3")).status == periods.SUBMITTED
