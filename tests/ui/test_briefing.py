"""The briefing PDF holds every indicator and figure the overview shows for the period."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

from console_script import assert_refused, commdesk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from test_overview_dashboard import _fill, _open


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", out.stdout)


def shown(dash: Any) -> list[str]:
    """Every text of the indicators table and the period's figures, as on screen."""
    table = dash.panel.table
    cells = [
        table.item(r, c).data(Qt.ItemDataRole.ToolTipRole).split("\n")[0] if c == 0
        else table.item(r, c).text()
        for r in range(table.rowCount())
        for c in range(table.columnCount())
    ]  # fmt: skip
    return [*cells, dash.figures.text(), dash.panel.caption.toolTip()]


def test_briefing_from_the_overview_and_the_command_line(
    qtbot: Any, ctx: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    _fill(ctx.store)
    _, dash = _open(qtbot, ctx)
    texts = shown(dash)
    assert "25.0" in texts and "Not met" in texts  # 602 on screen

    out = tmp_path / "简报.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dash.briefing, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dash.written == out, timeout=30_000)
    text = pdf_text(out)
    missing = [t for t in texts if re.sub(r"\s+", "", t) not in text]
    assert missing == []
    assert "2026年Annualcommunityservicebriefing" in text

    cli_out = tmp_path / "cli.pdf"
    result = commdesk("briefing", "--period", "2026", "--out", cli_out, data_dir=ctx.store.data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no font or glyph warnings
    cli_text = pdf_text(cli_out)
    assert [t for t in texts if re.sub(r"\s+", "", t) not in cli_text] == []


def test_briefing_refuses_bad_input_with_exit_2(tmp_path: Path, store_with_profile: Any) -> None:
    data = store_with_profile.data_dir
    line = assert_refused(commdesk("briefing", "--period", "2026Q5", "--out", tmp_path / "a.pdf",
                                   data_dir=data))  # fmt: skip
    assert "--period" in line
    line = assert_refused(commdesk("briefing", "--period", "2026", "--out", tmp_path / "a.xlsx",
                                   data_dir=data))  # fmt: skip
    assert ".pdf" in line
    line = assert_refused(commdesk("briefing", "--period", "2026", "--out", tmp_path / "a.pdf",
                                   data_dir=tmp_path / "none"))  # fmt: skip
    assert not (tmp_path / "a.pdf").exists()
