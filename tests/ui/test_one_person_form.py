"""One person, one row: the worker form ticks several posts; a second entry of an ID is refused."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from ui_helpers import make_id, type_text

from commdesk.domain.records import ValidationError
from commdesk.domain.validators import mask_id
from commdesk.store.services.base import Query
from commdesk.store.services.volunteers import volunteers
from commdesk.store.services.workers import workers
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.specs import VOLUNTEERS_SPEC, WORKERS_SPEC


def make_page(qtbot: Any, ctx: Any, spec: Any) -> LedgerPage:
    page = LedgerPage(ctx, spec)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def tick(qtbot: Any, box: Any) -> None:
    """Tick a check box with the keyboard: focus it, press Space."""
    box.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(box, Qt.Key.Key_Space)


def test_worker_form_ticks_two_posts_and_stores_one_person(qtbot: Any, ctx: Any) -> None:
    page = make_page(qtbot, ctx, WORKERS_SPEC)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    form = dialog.form
    type_text(form.editors["name"], "王建国")
    qtbot.keyClicks(form.editors["id_number"], make_id(3))
    posts = form.editors["position_codes"]
    tick(qtbot, posts.boxes["SEC"])
    # Tab walks from 书记 to 主任: the field is usable without a mouse.
    QTest.keyClick(posts.boxes["SEC"], Qt.Key.Key_Tab)
    assert dialog.focusWidget() is posts.boxes["DIR"]
    QTest.keyClick(posts.boxes["DIR"], Qt.Key.Key_Space)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    rows = workers.query(ctx.store, Query(limit=None))
    assert [(r["name"], r["position_codes"]) for r in rows] == [("王建国", ("SEC", "DIR"))]
    assert page.row_count() == 1


def test_same_id_twice_in_worker_form_is_refused_with_a_pointer(qtbot: Any, ctx: Any) -> None:
    same = make_id(5)
    first = workers.add(ctx.store, {"name": "王建国", "id_number": same, "position_codes": "书记"})
    page = make_page(qtbot, ctx, WORKERS_SPEC)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    form = dialog.form
    type_text(form.editors["name"], "王建国")
    qtbot.keyClicks(form.editors["id_number"], same)
    tick(qtbot, form.editors["position_codes"].boxes["DIR"])  # the legacy way: a second row
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    message = form.message("id_number")
    assert "王建国" in message and mask_id(same) in message and str(first) in message
    assert same not in message  # the pointer shows the ID masked
    assert dialog.status.text() != ""
    rows = workers.query(ctx.store, Query(limit=None))
    assert [(r["id"], r["position_codes"]) for r in rows] == [(first, ("SEC",))]


def test_same_id_twice_in_volunteer_form_is_refused(qtbot: Any, ctx: Any) -> None:
    same = make_id(7)
    first = volunteers.add(ctx.store, {"name": "欧阳旭", "id_number": same})
    page = make_page(qtbot, ctx, VOLUNTEERS_SPEC)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert dialog is not None
    type_text(dialog.form.editors["name"], "欧阳旭")
    qtbot.keyClicks(dialog.form.editors["id_number"], same)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    message = dialog.form.message("id_number")
    assert "欧阳旭" in message and mask_id(same) in message and str(first) in message
    assert volunteers.count(ctx.store, Query(limit=None)) == 1


def test_editing_a_person_keeps_their_own_id(qtbot: Any, ctx: Any) -> None:
    row_id = workers.add(
        ctx.store, {"name": "李明", "id_number": make_id(9), "position_codes": "MEM"}
    )
    workers.update(ctx.store, row_id, {"position_codes": ("MEM", "GRID")})
    assert workers.get(ctx.store, row_id)["position_codes"] == ("MEM", "GRID")


def test_restoring_a_deleted_copy_of_a_live_person_is_refused(ctx: Any) -> None:
    same = make_id(11)
    old = workers.add(ctx.store, {"name": "赵一", "id_number": same, "position_codes": "GRID"})
    workers.delete(ctx.store, [old])
    new = workers.add(ctx.store, {"name": "赵一", "id_number": same, "position_codes": "MEM"})
    with pytest.raises(ValidationError) as refused:
        workers.restore(ctx.store, [old])
    assert str(new) in str(refused.value) and "赵一" in str(refused.value)


def test_post_filter_finds_a_person_by_any_of_their_posts(qtbot: Any, ctx: Any) -> None:
    workers.add(
        ctx.store, {"name": "王建国", "id_number": make_id(12), "position_codes": "书记、主任"}
    )
    workers.add(ctx.store, {"name": "李明", "id_number": make_id(13), "position_codes": "委员"})
    page = make_page(qtbot, ctx, WORKERS_SPEC)
    combo = page.findChild(QComboBox, "filter_position_codes")
    assert combo is not None
    combo.setCurrentIndex(combo.findData("DIR"))
    page.apply_filters()
    assert page.row_count() == 1
    combo.setCurrentIndex(combo.findData("MEM"))
    page.apply_filters()
    assert page.row_count() == 1
    combo.setCurrentIndex(combo.findData("GRID"))
    page.apply_filters()
    assert page.row_count() == 0
