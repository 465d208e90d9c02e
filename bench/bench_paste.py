"""How fast is pasting 2,000 roster rows, beside importing the same rows from a file?

    python bench/bench_paste.py [--rows 2000] [--seed 1]

The rows are bench_import's roster (header row included), as Excel puts them on
the clipboard: tab-separated text and an HTML table of the cells' display text.
Times, each in a fresh temporary store:

* ``paste_preview``: clipboard HTML → rows → plan (what happens between Ctrl+V
  and the preview), and the same from the TSV flavour;
* ``paste_commit``: writing the pasted plan (one transaction);
* ``file_plan`` / ``file_commit``: the importer's own figures for the same rows
  written to an xlsx file.

Prints ``name=value`` lines. No assertions: timings depend on the machine.
Issue 17's target: preview ≤ 1 s, commit ≤ 2 s for 2,000 rows.
"""

from __future__ import annotations

import argparse
import html
import os
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    from commdesk.importing.clipboard import pasted_sheet, plan_paste
    from commdesk.importing.commit import commit_import
    from commdesk.importing.plan import plan_import
    from commdesk.store.engine import open_store

    rows = roster_rows(args.rows, args.seed)
    tsv, markup = clipboard_flavours(rows)
    _line("rows", args.rows)
    _line("html_kb", len(markup.encode()) // 1024)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for flavour, text, htm in (("html", "", markup), ("tsv", tsv, "")):
            store = open_store(folder / f"paste-{flavour}")
            try:
                start = time.perf_counter()
                data = pasted_sheet(text, htm)
                plan = plan_paste(store, "volunteers", data, [], source=folder / "剪贴板.xlsx")
                preview = time.perf_counter() - start
                start = time.perf_counter()
                result = commit_import(store, plan, source_name="剪贴板")
                commit = time.perf_counter() - start
            finally:
                store.close()
            _line(f"paste_{flavour}_result", result.counts_line())
            _line(f"paste_{flavour}_preview_seconds", f"{preview:.2f}")
            _line(f"paste_{flavour}_commit_seconds", f"{commit:.2f}")
        source = folder / "志愿者花名册.xlsx"
        write_xlsx(source, "和平社区志愿者花名册", HEADERS, rows)
        store = open_store(folder / "file")
        try:
            start = time.perf_counter()
            plan = plan_import(store, "volunteers", source)
            planned = time.perf_counter() - start
            start = time.perf_counter()
            result = commit_import(store, plan, source_name=source.name)
            committed = time.perf_counter() - start
        finally:
            store.close()
        _line("file_result", result.counts_line())
        _line("file_plan_seconds", f"{planned:.2f}")
        _line("file_commit_seconds", f"{committed:.2f}")
    _line("loadavg", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
