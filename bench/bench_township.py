"""How long the 汇总 page's 指标达标情况 tab takes for a township of N committees.

    python bench/bench_township.py [--returns 500] [--keep DIR] [--profile]

Builds N committee returns as bench_consolidate.py does (kept in DIR and reused),
consolidates them once (not timed here: bench_consolidate.py times it), then,
offscreen, times the township view from the consolidation handed to it to its
tables filled (sortable, 达标 highlighted) and its chart drawn: wall and CPU
seconds, twice (the first includes matplotlib's import). Prints ``name=value``
lines and the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=500)
    parser.add_argument("--keep", metavar="DIR")
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from bench_consolidate import PERIOD, build_returns

    from commdesk.returns import library
    from commdesk.returns.consolidate import consolidate

    folder = Path(args.keep or tempfile.mkdtemp(prefix="commdesk-bench-township-"))
    if len(list(folder.glob("*.xlsx"))) != args.returns:
        for old in folder.glob("*.xlsx"):
            old.unlink()
        _line("build_seconds", f"{build_returns(folder, args.returns, 4):.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        cons = consolidate(
            [folder], period=PERIOD, definition=library.current(None), out=Path(tmp) / "t.xlsx"
        )
    _line("committees", len(cons.included))

    from PySide6.QtWidgets import QApplication

    from commdesk.domain import i18n
    from commdesk.ui.township_view import TownshipIndicatorsView

    app = QApplication.instance() or QApplication([])
    i18n.install(None, "zh_CN")
    view = TownshipIndicatorsView()
    view.resize(1366, 700)
    view.show()
    view.wait()  # as while the 500 files are read and checked (bench_consolidate: ~30 s)
    app.processEvents()
    _line("load_average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    for name in ("township_view_first", "township_view"):
        profiler = cProfile.Profile() if args.profile and name == "township_view" else None
        t0, c0 = time.perf_counter(), time.process_time()
        if profiler:
            profiler.enable()
        view.show_consolidation(cons)  # the chart's drawing is scheduled, not yet done
        drawn: list[float] = []
        cid = view.canvas.mpl_connect("draw_event", lambda _e, d=drawn: d.append(0.0))
        app.processEvents()
        filled = time.perf_counter() - t0
        while not drawn:
            app.processEvents()
            time.sleep(0.002)
        view.canvas.mpl_disconnect(cid)
        app.processEvents()
        if profiler:
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        _line(f"{name}_tables_seconds", f"{filled:.3f}")
        _line(f"{name}_seconds", f"{time.perf_counter() - t0:.3f}")
        _line(f"{name}_cpu_seconds", f"{time.process_time() - c0:.3f}")
    _line("load_average_after", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
