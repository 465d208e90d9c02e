"""First-run wizard and the editable profile page."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWizard
from ui_helpers import type_text

from commdesk.store.services.profile import get_profile, has_valid_profile
from commdesk.ui.context import UiContext
from commdesk.ui.profile import ProfilePage, ProfileWizard


def test_wizard_blocks_until_valid_then_stores_profile(qtbot: Any, store: Any) -> None:
    ctx = UiContext.create(store)
    wizard = ProfileWizard(ctx)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.basics
    form = page.form
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert not page.isComplete() and not next_button.isEnabled()
    type_text(form.editors["name"], "幸福社区居民委员会")
    form.editors["kind"].set_value("urban")
    qtbot.keyClicks(form.editors["division_code"], "1101050010")  # too short
    assert "12 digits" in form.message("division_code")
    qtbot.keyClicks(form.editors["division_code"], "01")
    assert form.message("division_code") == ""
    type_text(form.editors["township_name"], "朝外街道")
    qtbot.keyClicks(form.editors["households"], "0")
    assert "greater than 0" in form.message("households")
    form.editors["households"].clear()
    qtbot.keyClicks(form.editors["households"], "1000")
    assert not page.isComplete()  # resident population still missing
    qtbot.keyClicks(form.editors["resident_population"], "2600")
    assert page.isComplete() and next_button.isEnabled()
    wizard.next()
    assert wizard.currentPage() is wizard.signatories
    qtbot.keyClicks(wizard.signatories.form.editors["phone"], "12")
    assert not wizard.signatories.isComplete()
    wizard.signatories.form.editors["phone"].clear()
    qtbot.keyClicks(wizard.signatories.form.editors["phone"], "010-65001234")
    assert wizard.signatories.isComplete()
    assert not has_valid_profile(store)
    wizard.accept()
    assert has_valid_profile(store)
    profile = get_profile(store)
    assert profile is not None and profile["households"] == 1000
    assert profile["phone"] == "010-65001234"


def test_profile_page_edits_and_saves(qtbot: Any, ctx: Any) -> None:
    page = ProfilePage(ctx)
    qtbot.addWidget(page)
    assert page.form.values()["name"] == "幸福社区居民委员会"
    assert not page.save_button.isEnabled()  # nothing changed yet
    page.form.editors["households"].clear()
    qtbot.keyClicks(page.form.editors["households"], "1200")
    assert page.save_button.isEnabled()
    assert page.save()
    assert get_profile(ctx.store)["households"] == 1200
    page.form.editors["division_code"].clear()
    assert not page.save()  # refused, with the message on the field
    assert page.form.message("division_code") != ""
    assert get_profile(ctx.store)["division_code"] == "110105001001"


def test_editing_a_counted_field_asks_from_which_date(qtbot: Any, ctx: Any) -> None:
    from datetime import date

    from PySide6.QtCore import QDate, Qt

    from commdesk.store.services.profile import profile_history

    page = ProfilePage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    assert not page.effective.isVisible()  # nothing counted edited: no question
    page.form.editors["households"].clear()
    qtbot.keyClicks(page.form.editors["households"], "1200")
    assert page.effective.isVisible()
    assert page.effective.value() == QDate.currentDate().toPython()  # default: today
    # The clerk selects the date and types another one.
    page.effective.setFocus()
    qtbot.keyClick(page.effective, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.effective, "2026-07-01")
    assert page.effective.value() == date(2026, 7, 1)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "2026-07-01" in page.status.text()
    history = profile_history(ctx.store)
    assert [(v["valid_from"], v["households"]) for v in history][-1] == (date(2026, 7, 1), 1200)
    assert get_profile(ctx.store, on=date(2026, 6, 30))["households"] == 1000
    assert not page.effective.isVisible()


def test_an_unreadable_from_date_is_refused_not_guessed(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtCore import Qt

    from commdesk.store.services.profile import profile_history

    page = ProfilePage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    before = len(profile_history(ctx.store))
    page.form.editors["households"].clear()
    qtbot.keyClicks(page.form.editors["households"], "1300")
    page.effective.setFocus()
    qtbot.keyClick(page.effective, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(page.effective, "2026-02-30")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "2026-07-01" in page.status.text()  # the message shows how to write it
    assert len(profile_history(ctx.store)) == before  # nothing saved
