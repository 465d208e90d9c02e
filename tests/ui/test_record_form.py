"""The generated entry form: inline messages, Save state, derived fields, keyboard."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from ui_helpers import make_id, type_text

from commdesk.domain.ledgers import FACILITIES, SERVICES, VOLUNTEERS_LEDGER, WORKERS
from commdesk.ui.record_form import RecordDialog


def dialog_for(qtbot: Any, ctx: Any, ledger: Any, saved: list[dict[str, Any]]) -> RecordDialog:
    dialog = RecordDialog(ctx, ledger, saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_bad_id_number_shows_inline_message_and_refuses_save(qtbot: Any, ctx: Any) -> None:
    saved: list[dict[str, Any]] = []
    dialog = dialog_for(qtbot, ctx, VOLUNTEERS_LEDGER, saved)
    form = dialog.form
    type_text(form.editors["name"], "张三")
    good = make_id(5)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    qtbot.keyClicks(form.editors["id_number"], bad)
    assert "check digit" in form.message("id_number")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved == [] and dialog.isVisible()
    assert dialog.focusWidget() is form.editors["id_number"]
    form.editors["id_number"].clear()
    qtbot.keyClicks(form.editors["id_number"], good)
    assert form.message("id_number") == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [row["id_number"] for row in saved] == [good]


def test_valid_id_fills_gender_and_birth_date(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, WORKERS, [])
    form = dialog.form
    qtbot.keyClicks(form.editors["id_number"], "11010519491231002X")
    assert form.editors["birth_date"].value() == date(1949, 12, 31)
    assert form.editors["gender"].value() == "F"


def test_bad_mobile_message(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, WORKERS, [])
    qtbot.keyClicks(dialog.form.editors["mobile"], "1234567")
    assert "11 digits" in dialog.form.message("mobile")
    dialog.form.editors["mobile"].clear()
    qtbot.keyClicks(dialog.form.editors["mobile"], "13912345678")
    assert dialog.form.message("mobile") == ""


def test_future_date_and_negative_number_messages(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, SERVICES, [])
    form = dialog.form
    form.editors["service_date"].set_value(date.today() + timedelta(days=3))
    form._on_changed("service_date")
    assert "in the future" in form.message("service_date")
    qtbot.keyClicks(form.editors["hours"], "-2")
    assert "negative" in form.message("hours")
    assert not dialog.commit()


def test_required_fields_quiet_until_touched(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, FACILITIES, [])
    assert dialog.form.message("name") == ""
    assert not dialog.commit()  # but still not saveable: now the message shows
    assert dialog.form.message("name") != ""
    assert dialog.form.labels["name"].text().endswith("*")


@pytest.mark.parametrize("typed", ["ylfw", "养老", "养老服务"])
def test_category_accepts_chinese_synonym_or_initials(qtbot: Any, ctx: Any, typed: str) -> None:
    dialog = dialog_for(qtbot, ctx, SERVICES, [])
    combo = dialog.form.editors["category_code"]
    combo.lineEdit().clear()
    type_text(combo.lineEdit(), typed)
    assert combo.value() in ("WM01", typed)
    combo.lineEdit().editingFinished.emit()
    assert combo.value() == "WM01"
    assert combo.currentText() == "养老服务"
    assert dialog.form.message("category_code") == ""


def test_unknown_category_is_an_error(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, SERVICES, [])
    type_text(dialog.form.editors["category_code"].lineEdit(), "不存在的类别")
    assert "not in the list" in dialog.form.message("category_code")


def test_enter_moves_to_next_field(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, FACILITIES, [])
    qtbot.waitExposed(dialog)
    name = dialog.form.editors["name"]
    name.setFocus()
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert not name.hasFocus()
    assert dialog.isVisible()  # Enter did not save or close


def test_save_passes_checked_values_and_save_and_new_keeps_fields(qtbot: Any, ctx: Any) -> None:
    saved: list[dict[str, Any]] = []
    dialog = dialog_for(qtbot, ctx, SERVICES, saved)
    form = dialog.form
    form.editors["service_date"].set_value(date(2024, 5, 6))
    type_text(form.editors["category_code"].lineEdit(), "zyfwhd")  # 志愿服务活动
    form.editors["category_code"].lineEdit().editingFinished.emit()
    form.editors["provider_kind_code"].set_value("VOL")
    form.editors["target_group_code"].set_value("ELD")
    type_text(form.editors["description"], "陪老人聊天")
    assert dialog.save_new_button is not None
    qtbot.mouseClick(dialog.save_new_button, Qt.MouseButton.LeftButton)
    assert saved[0]["category_code"] == "ZY01"
    assert saved[0]["description"] == "陪老人聊天"
    assert dialog.isVisible()
    values = form.values()
    assert values["service_date"] == date(2024, 5, 6)  # kept
    assert values["category_code"] == "ZY01"  # kept
    assert values["provider_kind_code"] == "VOL"  # kept
    assert values["target_group_code"] == "GEN"  # back to the default
    assert values["description"] is None  # cleared


def test_escape_asks_before_discarding(qtbot: Any, ctx: Any, monkeypatch: Any) -> None:
    asked: list[str] = []

    def answer(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[1])
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = dialog_for(qtbot, ctx, FACILITIES, [])
    type_text(dialog.form.editors["name"], "活动室")
    qtbot.keyClick(dialog.form.editors["name"], Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    dialog.reject()
    assert not dialog.isVisible()


def test_escape_on_untouched_form_closes_without_asking(qtbot: Any, ctx: Any) -> None:
    dialog = dialog_for(qtbot, ctx, FACILITIES, [])
    qtbot.keyClick(dialog.form.editors["name"], Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_volunteer_count_typed_is_saved_and_an_empty_one_is_named(
    qtbot: Any, ctx: Any, monkeypatch: Any
) -> None:
    """A team's record says how many took part; left empty, the form says what counts."""
    from commdesk.store.services.service_records import service_records

    # Never a modal question left open if an assertion fails with the form dirty.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    saved: list[Any] = []
    dialog = RecordDialog(ctx, SERVICES, lambda values: service_records.add(ctx.store, values))
    dialog.saved.connect(saved.append)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    form.editors["service_date"].set_value(date(2024, 5, 6))
    form.editors["category_code"].set_value("ZY01")
    form.editors["provider_kind_code"].set_value("TEAM")
    form._on_changed("provider_kind_code")
    count = form.editors["volunteer_count"]
    assert form.labels["volunteer_count"].text() == "参与志愿者人数"
    # Named to the clerk (a warning, not a silent guess): the empty count will be 1.
    assert "1" in form.message("volunteer_count")
    assert form.messages["volunteer_count"].property("level") == "warning"
    qtbot.keyClicks(count, "0")
    assert form.messages["volunteer_count"].property("level") == "error"
    assert not dialog.commit()
    count.clear()
    qtbot.keyClicks(count, "7")
    assert form.message("volunteer_count") == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(saved) == 1
    stored = service_records.get(ctx.store, saved[0])
    assert stored is not None and stored["volunteer_count"] == 7
    assert stored["provider_kind_code"] == "TEAM" and stored["volunteers"] == []
