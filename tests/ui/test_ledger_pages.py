"""Ledger pages through the real UI: CRUD + undo/restore on every ledger, search, filters."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import YESTERDAY, answer_question, make_id, service_row, type_text

from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import volunteers
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.specs import (
    FACILITIES_SPEC,
    SERVICES_SPEC,
    TEAMS_SPEC,
    VOLUNTEERS_SPEC,
    WORKERS_SPEC,
)

CASES = {
    "services": (SERVICES_SPEC, service_row(), "description", "修改后的内容"),
    "facilities": (
        FACILITIES_SPEC,
        {"name": "文化活动室", "type_code": "F05"},
        "address",
        "一号楼",
    ),
    "volunteers": (VOLUNTEERS_SPEC, {"name": "王五", "id_number": make_id(7)}, "skills", "理发"),
    "teams": (TEAMS_SPEC, {"name": "邻里服务队"}, "leader", "赵六"),
    "workers": (
        WORKERS_SPEC,
        {"name": "钱七", "id_number": make_id(8), "position_codes": ("GRID",)},
        "notes",
        "新备注",
    ),
}


def make_page(qtbot: Any, ctx: Any, spec: Any) -> LedgerPage:
    page = LedgerPage(ctx, spec)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


@pytest.mark.parametrize("key", list(CASES))
def test_add_edit_delete_undo_restore(qtbot: Any, ctx: Any, key: str) -> None:
    spec, data, field, new_value = CASES[key]
    page = make_page(qtbot, ctx, spec)
    assert page.row_count() == 0
    # add through the dialog
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.form.set_values(data)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert page.row_count() == 1
    row_id = page.selected_ids()[0]
    # edit: Enter on the table opens the selected row
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    editor = page.dialog
    assert editor is not None and not editor.is_new
    editor.form.editors[field].set_value(new_value)
    editor.form._on_changed(field)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert spec.service.get(ctx.store, row_id)[field] == new_value
    # delete (soft) then undo it, then undo the edit
    page.select_id(row_id)
    answer_question(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.row_count() == 0
    assert spec.service.get(ctx.store, row_id)["deleted_at"] is not None
    page.undo_stack.undo()
    assert page.row_count() == 1
    page.undo_stack.undo()
    assert spec.service.get(ctx.store, row_id)[field] != new_value
    page.undo_stack.redo()
    assert spec.service.get(ctx.store, row_id)[field] == new_value
    # delete again and restore from the recycle view
    page.select_id(row_id)
    page.delete_selected(confirm=False)
    page.deleted_toggle.click()
    assert page.showing_deleted and page.restore_button.isVisible()
    assert page.row_count() == 1
    page.table.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert page.row_count() == 0  # gone from the recycle view
    page.deleted_toggle.click()
    assert page.row_count() == 1
    assert spec.service.get(ctx.store, row_id)["deleted_at"] is None


def test_undo_add_removes_the_row(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, FACILITIES_SPEC)
    dialog = page.new_record()
    assert dialog is not None
    dialog.form.set_values(CASES["facilities"][1])
    assert dialog.commit()
    assert page.row_count() == 1
    page.undo_stack.undo()
    assert page.row_count() == 0


def test_deleting_several_rows_asks_first(qtbot: Any, ctx: Any, monkeypatch: Any) -> None:
    for i in range(3):
        service_records.add(ctx.store, service_row(people_served=i + 1))
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    page.table.selectAll()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: answers.pop(0))
    assert page.delete_selected() == 0
    assert page.row_count() == 3
    assert page.delete_selected() == 3
    assert page.row_count() == 0


def search(qtbot: Any, page: LedgerPage, text: str) -> None:
    page.search.clear()
    type_text(page.search, text)
    qtbot.waitUntil(lambda: page.model.query.search == text, timeout=2000)


def test_search_by_chinese_initials_and_id_tail(qtbot: Any, ctx: Any) -> None:
    volunteers.add(ctx.store, {"name": "张三", "id_number": make_id(11)})
    volunteers.add(ctx.store, {"name": "欧阳旭", "id_number": make_id(12)})
    volunteers.add(ctx.store, {"name": "李四", "id_number": make_id(13)})
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    assert page.row_count() == 3
    search(qtbot, page, "欧阳")
    assert page.row_count() == 1 and page.model.index(0, 0).data() == "欧阳旭"
    search(qtbot, page, "zs")
    assert page.row_count() == 1 and page.model.index(0, 0).data() == "张三"
    search(qtbot, page, "oyx")
    assert page.model.index(0, 0).data() == "欧阳旭"
    search(qtbot, page, make_id(13)[-4:])
    assert page.row_count() == 1 and page.model.index(0, 0).data() == "李四"
    search(qtbot, page, "")
    assert page.row_count() == 3


def test_search_is_debounced(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    type_text(page.search, "张")
    assert page.model.query.search == ""  # not yet: waits for the pause
    qtbot.waitUntil(lambda: page.model.query.search == "张", timeout=2000)


def test_filters_and_totals(qtbot: Any, ctx: Any) -> None:
    service_records.add(ctx.store, service_row(service_date=date(2024, 1, 10), people_served=3))
    service_records.add(
        ctx.store,
        service_row(service_date=date(2024, 2, 10), people_served=5, hours=2.5,
                    category_code="BM01", target_group_code="GEN"),
    )  # fmt: skip
    service_records.add(ctx.store, service_row(service_date=YESTERDAY, people_served=7, hours=4))
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    assert page.row_count() == 3
    # the row count shows at once; the sums arrive from the worker thread
    assert "Rows: 3" in page.totals.text()
    qtbot.waitUntil(lambda: "15" in page.totals.text(), timeout=3000)
    combo = page.filter_combos["category_code"]
    combo.setCurrentIndex(combo.findData("BM01"))
    assert page.row_count() == 1
    assert page.wait_for_totals()
    assert "服务人次: 5" in page.totals.text() and "2.5" in page.totals.text()
    page.clear_filters()
    page.set_date_range(date(2024, 1, 1), date(2024, 1, 31))
    assert page.row_count() == 1
    assert page.wait_for_totals()
    assert "服务人次: 3" in page.totals.text()
    group = page.filter_combos["target_group_code"]
    group.setCurrentIndex(group.findData("GEN"))
    assert page.row_count() == 0
    page.clear_filters()
    assert page.row_count() == 3


def test_status_filter_on_people(qtbot: Any, ctx: Any) -> None:
    volunteers.add(ctx.store, {"name": "在册者", "id_number": make_id(21)})
    volunteers.add(
        ctx.store, {"name": "退出者", "id_number": make_id(22), "status_code": "inactive"}
    )
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    combo = page.filter_combos["status_code"]
    combo.setCurrentIndex(combo.findData("inactive"))
    assert page.row_count() == 1 and page.model.index(0, 0).data() == "退出者"


def test_volunteer_multiselect_links_volunteers(qtbot: Any, ctx: Any) -> None:
    a = volunteers.add(ctx.store, {"name": "张三", "id_number": make_id(31)})
    b = volunteers.add(ctx.store, {"name": "李四", "id_number": make_id(32)})
    volunteers.add(ctx.store, {"name": "王五", "id_number": make_id(33)})
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    dialog = page.new_record()
    assert dialog is not None
    dialog.form.set_values(service_row())
    picker = dialog.form.editors["volunteers"]
    type_text(picker.search, "zs")
    assert picker.proxy.rowCount() == 1
    index = picker.proxy.index(0, 0)
    assert index.data() == "张三"
    picker.proxy.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    picker.search.clear()
    picker.set_checked(b)
    assert sorted(picker.value()) == sorted([a, b])
    assert "2" in picker.summary.text()
    assert dialog.commit()
    row = service_records.query(ctx.store, Query())[0]
    assert sorted(row["volunteers"]) == sorted([a, b])


def test_column_visibility_and_header_state_persist(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, SERVICES_SPEC)
    header = page.table.horizontalHeader()
    place = page.model.column_of("place")
    assert not header.isSectionHidden(place)
    menu = page.column_menu()
    action = next(a for a in menu.actions() if a.text() == "服务地点")
    action.trigger()
    assert header.isSectionHidden(place)
    page.save_state()
    again = make_page(qtbot, ctx, SERVICES_SPEC)
    assert again.table.horizontalHeader().isSectionHidden(place)
    hidden_by_default = page.model.column_of("recipient_id_number")
    assert header.isSectionHidden(hidden_by_default)
