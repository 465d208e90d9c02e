"""Two clerks, one record: the second save shows both versions and saves the choice.

The other clerk is a second process writing to the same data folder; the conflict
dialog is driven with keys.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel

from commdesk.store.services.volunteers import teams
from commdesk.ui.conflict_dialog import ConflictDialog
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.specs import TEAMS_SPEC


def other_clerk(data_dir: Path, code: str) -> None:
    """Another PC's CommDesk: a separate process writing through the store services."""
    script = textwrap.dedent(
        f"""
        from pathlib import Path
        from commdesk.store.engine import open_store
        from commdesk.store.services.volunteers import teams
        store = open_store(Path({str(data_dir)!r}))
        {code}
        store.close()
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)


def make_page(qtbot: Any, ctx: Any) -> LedgerPage:
    page = LedgerPage(ctx, TEAMS_SPEC)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    qtbot.waitExposed(page)
    return page


def drive_conflict(qtbot: Any, keys: list[tuple[Any, Any]], seen: dict[str, Any]) -> None:
    """Once the conflict dialog is up, note what it shows and press ``keys`` in it."""

    def attempt(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ConflictDialog):
            if left > 0:
                QTimer.singleShot(20, lambda: attempt(left - 1))
            return
        seen["differing"] = list(dialog.differing)
        seen["texts"] = [label.text() for label in dialog.findChildren(QLabel)]
        seen["defaults"] = {n: c.currentData() for n, c in dialog.keep.items()}
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        for key, modifier in keys:
            target = QApplication.focusWidget() or dialog
            QTest.keyClick(target, key, modifier)

    QTimer.singleShot(0, lambda: attempt(250))


ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        # Save merged as proposed: my name (both changed it), their leader (only they did).
        ([(Qt.Key.Key_S, ALT)], ("Team A", "Wang")),
        # Down on the first choice (name) takes their name too.
        ([(Qt.Key.Key_Down, NONE), (Qt.Key.Key_S, ALT)], ("Team B", "Wang")),
        ([(Qt.Key.Key_M, ALT)], ("Team A", None)),  # keep mine whole
        ([(Qt.Key.Key_T, ALT)], ("Team B", "Wang")),  # keep theirs: nothing written
    ],
    ids=["merged", "merged-theirs-name", "mine", "theirs"],
)
def test_second_save_shows_both_versions_and_saves_the_choice(
    qtbot: Any, ctx: Any, keys: list[tuple[Any, Any]], expected: tuple[str, str | None]
) -> None:
    row_id = teams.add(ctx.store, {"name": "Silver team"}, user="clerk-a")
    page = make_page(qtbot, ctx)
    assert page.select_id(row_id)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    name = dialog.form.editors["name"]
    name.setFocus()
    QTest.keyClick(name, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(name, "Team A")

    other_clerk(
        ctx.data_dir,
        f"teams.update(store, {row_id}, {{'name': 'Team B', 'leader': 'Wang'}}, "
        "user='clerk-b', expected_version=1)",
    )
    seen: dict[str, Any] = {}
    drive_conflict(qtbot, keys, seen)
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert seen["differing"] == ["name", "leader"]
    assert seen["defaults"] == {"name": "mine", "leader": "theirs"}
    texts = seen["texts"]
    assert {"Team A", "Team B", "Wang", "≠"} <= set(texts)
    assert any("clerk-b" in text for text in texts)  # who saved the other version
    row = teams.get(ctx.store, row_id)
    assert row is not None
    assert (row["name"], row["leader"] or None) == expected
    assert not dialog.isVisible()


def test_cancelling_the_comparison_keeps_the_form_and_the_stored_row(qtbot: Any, ctx: Any) -> None:
    row_id = teams.add(ctx.store, {"name": "Silver team"})
    page = make_page(qtbot, ctx)
    assert page.select_id(row_id)
    dialog = page.edit_current()
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.form.editors["leader"], "Li")
    other_clerk(ctx.data_dir, f"teams.update(store, {row_id}, {{'leader': 'Wang'}})")
    drive_conflict(qtbot, [(Qt.Key.Key_Escape, NONE)], {})
    QTest.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    assert "another clerk changed" in dialog.status.text()
    row = teams.get(ctx.store, row_id)
    assert row is not None and row["leader"] == "Wang"


def test_other_clerks_changes_appear_without_losing_scroll_or_selection(
    qtbot: Any, ctx: Any
) -> None:
    ids = [teams.add(ctx.store, {"name": f"Team {n:03d}"}) for n in range(120)]
    page = make_page(qtbot, ctx)
    page.watcher.timer.setInterval(200)
    column = page.model.column_of("leader")
    target_row = 80
    target = page.model.row_id(target_row)
    assert target in ids
    page.table.selectRow(target_row)
    page.table.scrollTo(page.model.index(target_row, 0))
    scroll = page.table.verticalScrollBar().value()
    assert scroll > 0

    other_clerk(ctx.data_dir, f"teams.update(store, {target}, {{'leader': 'Wang'}})")

    qtbot.waitUntil(lambda: page.model.index(target_row, column).data() == "Wang", timeout=15_000)
    assert page.table.verticalScrollBar().value() == scroll
    assert page.selected_ids() == [target]
    assert page.current_id() == target


def test_undo_does_not_overwrite_another_clerks_later_change(qtbot: Any, ctx: Any) -> None:
    from PySide6.QtWidgets import QMessageBox
    from ui_helpers import answer_question

    row_id = teams.add(ctx.store, {"name": "Silver team"})
    page = make_page(qtbot, ctx)
    assert page.select_id(row_id)
    dialog = page.edit_current()
    assert dialog is not None
    qtbot.keyClicks(dialog.form.editors["leader"], "Li")
    assert dialog.commit()
    other_clerk(ctx.data_dir, f"teams.update(store, {row_id}, {{'leader': 'Wang'}})")
    seen: list[str] = []
    answer_question(QMessageBox.StandardButton.Ok, seen)
    page.undo_stack.undo()
    assert seen and "overwrite" in seen[0]
    row = teams.get(ctx.store, row_id)
    assert row is not None and row["leader"] == "Wang"
