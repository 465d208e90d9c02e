"""Long forms on a small screen: a message takes only its own lines, and Save says where.

The services form is longer than the test screen, so it scrolls. Save is
enabled whatever the form holds; pressing it with a mistake scrolls to the
field, puts the cursor there and names it, instead of greying out for a reason
the clerk cannot see.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QMessageBox, QScrollArea
from ui_helpers import make_id, type_text

from commdesk.domain.ledgers import SERVICES, VOLUNTEERS_LEDGER
from commdesk.ui.profile import ProfilePage
from commdesk.ui.record_form import RecordDialog


@pytest.fixture(autouse=True)
def _discard(monkeypatch: Any) -> None:
    """Closing a form with typed data asks; the tests' windows are closed unasked."""
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *_a, **_k: QMessageBox.StandardButton.Discard)
    )


def open_dialog(qtbot: Any, ctx: Any, ledger: Any, saved: list[Any]) -> RecordDialog:
    dialog = RecordDialog(ctx, ledger, saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def visible_in(scroll: QScrollArea, widget: Any) -> bool:
    viewport = scroll.viewport()
    where = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
    return viewport.rect().contains(where)


def test_message_adds_only_its_own_height(qtbot: Any, ctx: Any) -> None:
    dialog = open_dialog(qtbot, ctx, VOLUNTEERS_LEDGER, [])
    form = dialog.form
    gender_top = form.editors["gender"].y()
    good = make_id(5)
    qtbot.keyClicks(form.editors["id_number"], good[:-1] + ("0" if good[-1] != "0" else "1"))
    qtbot.wait(10)
    message = form.messages["id_number"]
    assert "check digit" in form.message("id_number")
    needed = message.heightForWidth(message.width())
    assert message.height() <= needed + 2  # no blank band under the text
    spacing = form.layout().verticalSpacing()
    assert form.editors["gender"].y() - gender_top <= needed + 2 * spacing + 2


def test_save_goes_to_a_mistake_out_of_view(qtbot: Any, ctx: Any) -> None:
    saved: list[Any] = []
    dialog = open_dialog(qtbot, ctx, SERVICES, saved)
    dialog.resize(dialog.width(), 420)  # as on a laptop with the font size raised
    qtbot.wait(10)
    form = dialog.form
    scroll = dialog.findChild(QScrollArea)
    assert scroll.verticalScrollBar().maximum() > 0  # the form is taller than the dialog
    description = form.editors["description"]
    scroll.ensureWidgetVisible(description)
    type_text(description, "探访独居老人")  # the category at the top is still empty
    category = form.editors["category_code"]
    assert not visible_in(scroll, category)
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [] and dialog.isVisible()
    assert form.message("category_code") != ""
    assert dialog.focusWidget() in (category, category.lineEdit())
    assert visible_in(scroll, category) and visible_in(scroll, form.messages["category_code"])
    assert "服务类别" in dialog.status.text()


def test_profile_save_points_at_the_field(qtbot: Any, ctx: Any) -> None:
    page = ProfilePage(ctx)
    qtbot.addWidget(page)
    page.resize(800, 360)
    page.show()
    qtbot.waitExposed(page)
    page.form.editors["division_code"].clear()
    page.scroll.verticalScrollBar().setValue(page.scroll.verticalScrollBar().maximum())
    assert page.save_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.message("division_code") != ""
    assert page.focusWidget() is page.form.editors["division_code"]
    assert visible_in(page.scroll, page.form.editors["division_code"])
