"""Roster export from a ledger page: the filtered view, masked IDs by default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_helpers import make_id

from commdesk.store.services.volunteers import volunteers
from commdesk.ui.ledger_page import LedgerPage
from commdesk.ui.roster_export_dialog import RosterExportOptions
from commdesk.ui.specs import VOLUNTEERS_SPEC


def _answer_options(full_ids: bool, seen: dict[str, Any]) -> None:
    def interact() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, RosterExportOptions) and w.isVisible()]  # fmt: skip
        if not dialogs:
            QTimer.singleShot(20, interact)
            return
        dialog = dialogs[0]
        seen["warning_before"] = dialog.warning.isVisible()
        dialog.full_ids.setChecked(full_ids)
        seen["warning_after"] = dialog.warning.isVisible()
        dialog.accept()

    QTimer.singleShot(0, interact)


@pytest.mark.parametrize("full_ids", [False, True])
def test_export_current_view(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: Any, full_ids: bool
) -> None:
    ids = [make_id(i) for i in range(3)]
    for i, name in enumerate(("张三", "李四", "王五")):
        volunteers.add(ctx.store, {"name": name, "id_number": ids[i]})
    page = LedgerPage(ctx, VOLUNTEERS_SPEC)
    qtbot.addWidget(page)
    page.show()
    page.search.setText("zs")
    page.apply_filters()
    assert page.row_count() == 1
    out = tmp_path / "roster.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    seen: dict[str, Any] = {}
    _answer_options(full_ids, seen)
    assert page.export_view() == out
    assert seen == {"warning_before": False, "warning_after": full_ids}
    rows = [[c.value for c in r] for r in load_workbook(out).active.iter_rows()]
    assert len(rows) == 2 and rows[1][0] == "张三"
    assert (rows[1][1] == ids[0]) is full_ids
    assert "****" in rows[1][1] or full_ids
