"""GUI responsiveness on a large ledger, against the plain sqlite3 query for the same page.

    python bench/bench_gui.py [--records 1000000] [--data-dir DIR]

Measures, offscreen (QT_QPA_PLATFORM=offscreen):

1. launch: ``python -m commdesk --data-dir DIR --measure-startup`` (the real start:
   folder lock, start-up check, the first page read with plain sqlite3 and painted,
   then the store and the full window) from process creation to the first page of
   service records painted, to the full window's page painted ("ready"), and the
   process's CPU seconds at the first paint (load affects it less than the clock);
   baseline: a bare PySide6 window with an empty QTableView shown the same way.
   Measured after a clean close (the usual start) and once more without one (after
   a crash: SQLite's full quick_check runs first);
   close: from the full window's paint (the window then closes) until the process has exited,
   with nothing changed since the last verified backup, and after one changed row
   (the close then takes a verified backup); ``BENCH_GUI_LAUNCH_ONLY=1`` stops there;
2. on the services page: jump to the last row, sort by date (ascending), search
   (Chinese text, pinyin initials, ID tail) and a filter change — each until the
   view's visible rows are fetched; baseline for each: the plain sqlite3 query
   that fetches the same page (same WHERE/ORDER/LIMIT/OFFSET plus its COUNT);
3. the overview (概览) with its indicators and charts: from the page shown to the
   figures and indicators on screen, and to the chart drawn (computed on worker
   threads; ``--overview-only`` measures this alone);
4. resident memory (VmRSS) after all of it.

Prints ``name=value`` lines and ratios; no assertions (load average printed).

``--database postgresql+psycopg://…`` runs 2.–4. against a committee database on a
server (fill it with ``commdesk server push``); the baselines are then the same
queries through psycopg. Launch and close (1.) are about the SQLite file and skipped.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_SCRIPT = r"""
import time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView
app = QApplication([])
w = QMainWindow(); table = QTableView(); w.setCentralWidget(table)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, lambda: (print(f"{time.time():.3f}"),
                                          print(f"cpu {time.process_time():.3f}"), app.quit()))
            obj.removeEventFilter(self)
        return False
watcher = FirstPaint()
table.viewport().installEventFilter(watcher)
w.resize(1200, 800); w.show()
app.exec()
"""


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


class Launch:
    """One start: seconds from process creation to the first paint and to the full
    window ("ready"; the first paint for the bare window), CPU seconds of the process
    at the first paint, and seconds from then (the window closes) until it has exited."""

    def __init__(self, data_dir: Path, bare: bool) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program has its .pyc files
        if bare:
            command = [sys.executable, "-c", BARE_SCRIPT]
        else:
            command = [sys.executable, "-m", "commdesk", "--data-dir", str(data_dir),
                       "--measure-startup"]  # fmt: skip
        t0 = time.time()
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        ended = time.time()
        lines = out.stdout.strip().splitlines()
        marks = dict(line.split(" ", 1) for line in lines[1:])
        self.first = float(lines[0]) - t0
        self.ready = float(marks.get("ready", lines[0])) - t0
        self.cpu = float(marks["cpu"].split()[0])
        self.close = ended - t0 - self.ready


def launch(data_dir: Path, bare: bool) -> float:
    return Launch(data_dir, bare).first


def change_one_row(data_dir: Path) -> None:
    """One field of one record, through the program's own service (as the clerk would)."""
    from commdesk.store.engine import open_store
    from commdesk.store.services.volunteers import teams

    store = open_store(data_dir)
    try:
        first = teams.query(store)[0]
        teams.update(store, first["id"], {"leader": f"{(first['leader'] or '')[:10]}·"})
    finally:
        store.close()


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--overview-only", action="store_true")
    parser.add_argument("--database", metavar="URL", help="a server's committee database")
    parser.add_argument(
        "--after-start",
        action="store_true",
        help="with --overview-only: matplotlib already loaded, as 2 s after the window's start",
    )
    args = parser.parse_args()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    _line("load_average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    data_dir = args.data_dir
    if args.database:
        pages(args.data_dir or Path(tempfile.mkdtemp(prefix="commdesk-bench-gui-")), args.database)
        return
    if data_dir is None:
        from commdesk.store.demo import generate
        from commdesk.store.engine import open_store

        data_dir = Path(tempfile.mkdtemp(prefix="commdesk-bench-gui-")) / "data"
        store = open_store(data_dir)
        generate(store, records=args.records, seed=11)
        store.close()
    if args.overview_only:
        overview_alone(data_dir, args.after_start)
        return

    from commdesk.store.maintenance import CLEAN_CLOSE_FILE

    subprocess.run([sys.executable, "-m", "compileall", "-q", str(Path(__file__).parents[1] /
                    "commdesk")], check=False, capture_output=True)  # fmt: skip
    bare_runs = [Launch(data_dir, True) for _ in range(3)]
    bare = min(r.first for r in bare_runs)
    bare_cpu, bare_close = min(r.cpu for r in bare_runs), min(r.close for r in bare_runs)
    launch(data_dir, False)  # leaves the clean-close mark and a verified backup
    runs = [Launch(data_dir, False) for _ in range(3)]  # nothing changed
    full, close_unchanged = min(r.first for r in runs), min(r.close for r in runs)
    ready, cpu = min(r.ready for r in runs), min(r.cpu for r in runs)
    change_one_row(data_dir)
    close_changed = Launch(data_dir, False).close  # one row changed: a backup
    (data_dir / CLEAN_CLOSE_FILE).unlink(missing_ok=True)
    after_crash = launch(data_dir, False)
    _line("launch_bare_seconds", f"{bare:.3f}")
    _line("launch_seconds", f"{full:.3f}")
    _line("launch_ratio", f"{full / bare:.1f}")
    _line("launch_ready_seconds", f"{ready:.3f}")
    _line("launch_bare_cpu_seconds", f"{bare_cpu:.3f}")
    _line("launch_cpu_seconds", f"{cpu:.3f}")
    _line("launch_cpu_ratio", f"{cpu / bare_cpu:.1f}")
    _line("launch_after_crash_seconds", f"{after_crash:.3f}")
    _line("close_bare_seconds", f"{bare_close:.3f}")
    _line("close_unchanged_seconds", f"{close_unchanged:.3f}")
    _line("close_changed_seconds", f"{close_changed:.3f}")
    _line("load_average_after", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    if os.environ.get("BENCH_GUI_LAUNCH_ONLY"):
        return
    pages(data_dir, None)


class _Baseline:
    """The plain query beside ours: sqlite3 on the file, or psycopg on the server."""

    def __init__(self, data_dir: Path, database: str | None) -> None:
        from commdesk.store.engine import db_path

        self.server = database is not None
        if database is not None:
            import psycopg

            from commdesk.store.server_admin import conninfo

            self.con = psycopg.connect(conninfo(database), autocommit=True)
        else:
            self.con = sqlite3.connect(db_path(data_dir))

    def execute(self, sql: str, params: tuple = ()):  # type: ignore[no-untyped-def,type-arg]
        return self.con.execute(sql.replace("?", "%s") if self.server else sql, params)


def pages(data_dir: Path, database: str | None) -> None:
    """2.–4.: the services page, the overview and memory, on the file or the server."""
    from PySide6.QtWidgets import QApplication

    from commdesk.domain import i18n
    from commdesk.store.engine import open_store
    from commdesk.ui.context import UiContext
    from commdesk.ui.ledger_page import LedgerPage
    from commdesk.ui.specs import SERVICES_SPEC

    app = QApplication.instance() or QApplication([])
    i18n.install(None, "zh_CN")
    store = open_store(data_dir, database=database)
    ctx = UiContext.create(store)
    page = LedgerPage(ctx, SERVICES_SPEC)
    page.resize(1200, 800)
    page.show()
    app.processEvents()
    con = _Baseline(data_dir, database)
    sample = con.execute(
        "SELECT description, recipient_name, recipient_id_number FROM service_record "
        "WHERE recipient_id_number IS NOT NULL LIMIT 1"
    ).fetchone()
    from commdesk.domain.initials import initials

    word = (sample[0] or "服务")[:2]
    tail = sample[2][-6:]

    def visible() -> None:
        app.processEvents()
        view = page.table
        first = view.rowAt(0)
        last = view.rowAt(view.viewport().height() - 1)
        for row in range(max(first, 0), (last if last >= 0 else first) + 1):
            page.model.row_data(row)

    def timed(name: str, action, sql: str, params: tuple = ()) -> None:  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        action()
        visible()
        ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        count = f"SELECT count(*) FROM ({sql.split(' ORDER BY ')[0]}) AS q"
        con.execute(count, params).fetchone()
        con.execute(sql if " LIMIT " in sql else sql + " LIMIT 200", params).fetchall()
        base = time.perf_counter() - t0
        _line(f"{name}_ms", f"{ours * 1000:.0f}")
        _line(f"{name}_baseline_ms", f"{base * 1000:.0f}")
        _line(f"{name}_ratio", f"{ours / base:.1f}" if base else "inf")

    live = "SELECT * FROM service_record WHERE deleted_at IS NULL"
    n = con.execute("SELECT count(*) FROM service_record").fetchone()[0]
    timed(
        "jump_to_last_row",
        page.table.scrollToBottom,
        live + f" ORDER BY service_date DESC, id DESC LIMIT 200 OFFSET {max(n - 200, 0)}",
    )
    timed(
        "sort_by_date",
        lambda: page.model.set_query(sort="service_date", descending=False),
        live + " ORDER BY service_date, id",
    )
    for label, text in (
        ("search_chinese", word),
        ("search_initials", initials(sample[1])),
        ("search_id_tail", tail),
    ):

        def run(text: str = text) -> None:
            page.search.setText(text)
            page.apply_filters()

        timed(
            label,
            run,
            live + " AND (search_text LIKE ? OR recipient_id_number LIKE ?) "
            "ORDER BY service_date, id",
            (f"%{text.lower()}%", f"%{text}"),
        )
    page.search.setText("")

    def filt() -> None:
        combo = page.filter_combos["category_code"]
        combo.setCurrentIndex(2)

    timed("filter_category", filt, live + " AND category_code = 'WM02' ORDER BY service_date, id")
    overview_fill(app, ctx)
    _line("rss_mb", f"{rss_mb():.0f}")


def overview_alone(data_dir: Path, after_start: bool) -> None:
    from PySide6.QtWidgets import QApplication

    from commdesk.domain import i18n
    from commdesk.store.engine import open_store
    from commdesk.ui.context import UiContext

    app = QApplication.instance() or QApplication([])
    i18n.install(None, "zh_CN")
    store = open_store(data_dir)
    if after_start:
        from commdesk.ui.chart_preload import _load

        _load()  # what the main window does on a worker 2 s after its first paint
    overview_fill(app, UiContext.create(store))
    _line("load_average_after", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    store.close()


def overview_fill(app: object, ctx: object) -> None:
    """Seconds from showing 概览 to its figures and indicators on screen (numbers), and to
    its chart drawn (the page filled): the first time, matplotlib included; then again,
    as when the period is changed. CPU seconds of every thread beside each."""
    from commdesk.ui.overview_page import OverviewPage

    page = OverviewPage(ctx)  # type: ignore[arg-type]
    page.resize(1366, 768)
    dash = page.dashboard
    for name in ("overview_fill_first", "overview_fill"):
        marks: dict[str, float] = {}
        cids: list[int] = []

        def shown(m: dict[str, float] = marks, cids: list[int] = cids) -> None:
            # Connected at once: the chart may be drawn in the same round of events.
            m.setdefault("shown", time.perf_counter())
            cids.append(dash.charts.canvas.mpl_connect("draw_event", lambda _e: drawn(m)))

        def drawn(m: dict[str, float]) -> None:
            m.setdefault("drawn", 0.0)

        dash.numbers_shown.connect(lambda m=marks: m.setdefault("numbers", time.perf_counter()))
        dash.shown.connect(shown)
        t0, c0 = time.perf_counter(), time.process_time()
        if page.isVisible():
            page.refresh()
        else:
            page.show()
        while "shown" not in marks:
            app.processEvents()  # type: ignore[attr-defined]
            time.sleep(0.002)
        cpu_numbers = time.process_time() - c0
        while "drawn" not in marks:  # the chart drawn by the canvas, not only scheduled
            app.processEvents()  # type: ignore[attr-defined]
            time.sleep(0.002)
        app.processEvents()  # type: ignore[attr-defined]
        filled = time.perf_counter() - t0
        dash.charts.canvas.mpl_disconnect(cids.pop())
        dash.numbers_shown.disconnect()
        dash.shown.disconnect()
        _line(f"{name}_numbers_seconds", f"{marks['numbers'] - t0:.3f}")
        _line(f"{name}_seconds", f"{filled:.3f}")
        # CPU seconds of every thread: what the fill costs on a machine not shared.
        _line(f"{name}_cpu_seconds", f"{time.process_time() - c0:.3f}")
        _line(f"{name}_numbers_cpu_seconds", f"{cpu_numbers:.3f}")
    page.close()


if __name__ == "__main__":
    main()
