"""How fast is pasting 2,000 roster rows, beside importing the same rows from a file?

    python bench/bench_paste.py [--rows 2000] [--seed 1]

The rows are bench_import's roster (header row included), as Excel puts them on
the clipboard: tab-separated text and an HTML table of the cells' display text.
Times, each in a fresh temporary store, in rounds that run the HTML paste,
the TSV paste and the file import back to back (so all three see the same
load): a cold first round, which also pays the imports and caches as the
first paste of a session does, then ``--rounds`` warm ones (min–max):

* ``paste_*_read``: clipboard text → rows (the HTML flavour is parsed by lxml);
* ``paste_*_preview``: clipboard → rows → plan (what happens between Ctrl+V
  and the preview), HTML and TSV flavours;
* ``paste_*_commit``: writing the pasted plan (one transaction);
* ``file_plan`` / ``file_commit``: the importer's own figures for the same rows
  written to an xlsx file;
* with ``--gui``: ``gui_*_preview``, Ctrl+V on the volunteers page until the
  preview is shown (offscreen), a session's first paste and a second one.

Prints ``name=value`` lines with the load average before and after. No
assertions: timings depend on the machine.
Issue 17's target: preview ≤ 1 s, commit ≤ 2 s for 2,000 rows.
"""

from __future__ import annotations

import argparse
import html
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_import import HEADERS, roster_rows, write_xlsx


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def clipboard_flavours(rows: list[list[object]]) -> tuple[str, str]:
    """(TSV, HTML) of the header and rows, as Excel copies a range."""
    table = [HEADERS, *([_text(c) for c in row] for row in rows)]
    tsv = "".join("\t".join(r) + "\r\n" for r in table)
    body = "".join(
        "<tr>" + "".join(f"<td class=xl65>{html.escape(c)}</td>" for c in r) + "</tr>"
        for r in table
    )
    return tsv, f"<html><body><!--StartFragment--><table>{body}</table></body></html>"


def _paste(folder: Path, text: str, markup: str) -> tuple[float, float, float, str]:
    """(clipboard → rows, rows → plan, commit) seconds and the counts, in a fresh store."""
    from commdesk.importing.clipboard import pasted_sheet, plan_paste
    from commdesk.importing.commit import commit_import
    from commdesk.store.engine import open_store

    store = open_store(folder)
    try:
        start = time.perf_counter()
        data = pasted_sheet(text, markup)
        read = time.perf_counter() - start
        plan = plan_paste(store, "volunteers", data, [], source=folder / "剪贴板.xlsx")
        planned = time.perf_counter() - start - read
        start = time.perf_counter()
        result = commit_import(store, plan, source_name="剪贴板")
        return read, planned, time.perf_counter() - start, result.counts_line()
    finally:
        store.close()


def _file(folder: Path, source: Path) -> tuple[float, float, str]:
    from commdesk.importing.commit import commit_import
    from commdesk.importing.plan import plan_import
    from commdesk.store.engine import open_store

    store = open_store(folder)
    try:
        start = time.perf_counter()
        plan = plan_import(store, "volunteers", source)
        planned = time.perf_counter() - start
        start = time.perf_counter()
        result = commit_import(store, plan, source_name=source.name)
        return planned, time.perf_counter() - start, result.counts_line()
    finally:
        store.close()


def _gui_paste(flavour: str, rows: list[list[object]]) -> None:
    """Ctrl+V on the volunteers page until the preview is shown, twice (cold, warm)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QMimeData, Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from commdesk.domain import i18n
    from commdesk.store.engine import open_store
    from commdesk.ui.context import UiContext
    from commdesk.ui.ledger_page import LedgerPage
    from commdesk.ui.paste_rows import PasteWizard
    from commdesk.ui.specs import VOLUNTEERS_SPEC

    i18n.install(None, "zh_CN")
    tsv, markup = clipboard_flavours(rows)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "data")
        ctx = UiContext.create(store)
        page = LedgerPage(ctx, VOLUNTEERS_SPEC)
        page.resize(1366, 700)
        page.show()
        app.processEvents()
        for name in ("cold", "warm"):
            mime = QMimeData()
            mime.setText(tsv)
            if flavour == "html":
                mime.setHtml(markup)
            QGuiApplication.clipboard().setMimeData(mime)
            page.table.setFocus()
            start = time.perf_counter()
            QTest.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
            wizard = page.window().findChild(PasteWizard)
            while wizard is None or not wizard.isVisible():
                app.processEvents()
                wizard = page.window().findChild(PasteWizard)
            app.processEvents()
            _line(f"gui_{flavour}_preview_{name}_seconds", f"{time.perf_counter() - start:.2f}")
            wizard.done(0)
            wizard.deleteLater()
            app.processEvents()
        QGuiApplication.clipboard().clear()
        ctx.clear_undo()
        store.close()


def _span(values: list[float]) -> str:
    """min–max of the warm rounds (the first round also pays the imports and caches)."""
    return f"{min(values):.2f}-{max(values):.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3, help="warm rounds after the cold one")
    parser.add_argument(
        "--gui", action="store_true", help="also Ctrl+V → preview shown, offscreen, per flavour"
    )
    parser.add_argument("--gui-flavour", choices=("html", "tsv"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    rows = roster_rows(args.rows, args.seed)
    if args.gui_flavour:
        _gui_paste(args.gui_flavour, rows)
        return 0
    tsv, markup = clipboard_flavours(rows)
    _line("rows", args.rows)
    _line("html_kb", len(markup.encode()) // 1024)
    _line("loadavg_before", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    times: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "志愿者花名册.xlsx"
        write_xlsx(source, "和平社区志愿者花名册", HEADERS, rows)
        for round_ in range(args.rounds + 1):
            # One after another in each round: the flavours and the file see the same load.
            for flavour, text, htm in (("html", "", markup), ("tsv", tsv, "")):
                read, planned, commit, counts = _paste(folder / f"{flavour}-{round_}", text, htm)
                for name, value in (
                    ("read", read), ("preview", read + planned), ("commit", commit)
                ):  # fmt: skip
                    times.setdefault(f"paste_{flavour}_{name}", []).append(value)
                if round_ == 0:
                    _line(f"paste_{flavour}_result", counts)
            planned, commit, counts = _file(folder / f"file-{round_}", source)
            times.setdefault("file_plan", []).append(planned)
            times.setdefault("file_commit", []).append(commit)
            if round_ == 0:
                _line("file_result", counts)
    for name, values in times.items():
        _line(f"{name}_cold_seconds", f"{values[0]:.2f}")
        if len(values) > 1:
            _line(f"{name}_seconds", _span(values[1:]))
    if args.gui:  # a process per flavour: each one's first paste is a session's first
        for flavour in ("html", "tsv"):
            command = [sys.executable, __file__, "--rows", str(args.rows), "--seed", str(args.seed)]
            subprocess.run([*command, "--gui-flavour", flavour], check=True)
    _line("loadavg", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
