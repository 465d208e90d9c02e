"""Submitted periods in the ledger pages: edit/delete/undo ask to unlock; audit drill-down."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from ui_helpers import service_row, type_text

from commdesk.domain.periods import Period
from commdesk.store.services import periods as period_log
from commdesk.store.services.service_records import service_records
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.main_window import MainWindow
from commdesk.ui.period_lock import UnlockDialog
from commdesk.ui.specs import SERVICES_SPEC


def submit(store: Any, code: str) -> None:
    log_id = period_log.log_export(
        store, period=Period.parse(code), definition_id="community-service",
        definition_version="2026.1", file_name=f"{code}.xlsx", values={}, sha256="0" * 64,
        exported_at=datetime(2026, 10, 3),
    )  # fmt: skip
    period_log.mark_submitted(store, log_id)


def answer_unlock(qtbot: Any, reason: str | None) -> dict[str, bool]:
    """Drive the next modal UnlockDialog: type ``reason`` and unlock, or cancel (None)."""
    seen: dict[str, bool] = {}

    def interact() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, UnlockDialog) and w.isVisible()]  # fmt: skip
        if not dialogs:
            QTimer.singleShot(20, interact)
            return
        dialog = dialogs[0]
        seen["shown"] = True
        if reason is None:
            dialog.reject()
            return
        type_text(dialog.reason, reason)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, interact)
    return seen


@pytest.fixture
def locked(ctx: Any) -> tuple[Any, int]:
    rid = service_records.add(ctx.store, service_row(service_date="2026-08-03"))
    submit(ctx.store, "2026Q3")
    return ctx, rid


def make_page(qtbot: Any, ctx: Any) -> LedgerPage:
    page = LedgerPage(ctx, SERVICES_SPEC)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def test_delete_in_submitted_period_cancelled_keeps_row(qtbot: Any, locked: Any) -> None:
    ctx, rid = locked
    page = make_page(qtbot, ctx)
    assert page.select_id(rid)
    seen = answer_unlock(qtbot, None)
    assert page.delete_selected(confirm=False) == 0
    assert seen == {"shown": True}
    assert service_records.get(ctx.store, rid)["deleted_at"] is None
    assert page.undo_stack.count() == 0
    assert period_log.state(ctx.store, Period.parse("2026Q3")).status == period_log.SUBMITTED


def test_delete_after_unlock_with_reason(qtbot: Any, locked: Any) -> None:
    ctx, rid = locked
    page = make_page(qtbot, ctx)
    assert page.select_id(rid)
    answer_unlock(qtbot, "重复录入，删除")
    assert page.delete_selected(confirm=False) == 1
    assert service_records.get(ctx.store, rid)["deleted_at"] is not None
    assert period_log.state(ctx.store, Period.parse("2026Q3")).status == period_log.MODIFIED


def test_edit_dialog_asks_to_unlock_and_stays_open_when_refused(qtbot: Any, locked: Any) -> None:
    ctx, rid = locked
    page = make_page(qtbot, ctx)
    assert page.select_id(rid)
    dialog = page.edit_current()
    assert dialog is not None
    dialog.form.editors["people_served"].set_value(7)
    answer_unlock(qtbot, None)
    assert dialog.commit() is False
    assert dialog.isVisible()
    assert service_records.get(ctx.store, rid)["people_served"] == 2
    answer_unlock(qtbot, "人次登记错误")
    assert dialog.commit() is True
    assert service_records.get(ctx.store, rid)["people_served"] == 7


def test_undo_into_a_locked_period_is_dropped_when_refused(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx)
    rid = page._add(service_row(service_date="2026-08-05"))  # an undoable add
    submit(ctx.store, "2026Q3")
    answer_unlock(qtbot, None)
    page.undo_stack.undo()
    qtbot.waitUntil(lambda: page.undo_stack.count() == 0, timeout=3000)
    assert service_records.get(ctx.store, rid)["deleted_at"] is None


def test_audit_warning_opens_the_records_behind_it(qtbot: Any, ctx: Any) -> None:
    ids = [service_records.add(ctx.store, service_row(hours=h)) for h in (1, 30, 2, 40)]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    window.show_records("service_record", [ids[1], ids[3]])
    page = window.ledger_pages["services"]
    assert window.current_ledger_page() is page
    assert sorted(page.model.row_id(r) for r in range(page.row_count())) == [ids[1], ids[3]]
    page.clear_filters()
    assert page.row_count() == 4
