"""What the service summaries kept on write (migration 0012) cost the writers.

    python bench/bench_summaries.py [--import-rows 50000] [--demo-records 1000000]

Times, each in a fresh temporary data folder:

1. importing a CSV of N service records (``plan_import`` + ``commit_import``: every
   row goes through the summary triggers);
2. ``commdesk.store.demo.generate()`` of M records (it drops the triggers, writes,
   sums the summaries once and puts the triggers back);
3. the overview's data at M records: ``overview()`` and ``dashboard()`` (worker side).

Run it on the code before 0012 (PYTHONPATH at an old checkout) and after, back to
back, for the ratio. Prints ``name=value`` lines and the load average.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TODAY = date(2026, 6, 30)


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def _csv(path: Path, rows: int) -> None:
    rng = random.Random(7)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        out = csv.writer(f)
        out.writerow(["服务日期", "服务类别", "服务对象姓名", "服务内容", "服务人次", "服务时长"])
        for _ in range(rows):
            day = TODAY - timedelta(days=rng.randrange(700))
            out.writerow(
                [day.isoformat(), rng.choice(("养老服务", "助残服务", "便民服务")), "",
                 "集中服务", rng.randrange(1, 30), rng.choice(("0.5", "1", "1.5", ""))]
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--import-rows", type=int, default=50_000)
    parser.add_argument("--demo-records", type=int, default=1_000_000)
    args = parser.parse_args()
    from commdesk.importing import commit_import, plan_import
    from commdesk.store.demo import generate
    from commdesk.store.engine import open_store

    _line("load_average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="commdesk-bench-summaries-") as tmp:
        source = Path(tmp) / "services.csv"
        _csv(source, args.import_rows)
        store = open_store(Path(tmp) / "import")
        t0 = time.perf_counter()
        plan = plan_import(store, "services", source, today=TODAY)
        t1 = time.perf_counter()
        commit_import(store, plan)
        t2 = time.perf_counter()
        store.close()
        _line("import_plan_seconds", f"{t1 - t0:.2f}")
        _line("import_commit_seconds", f"{t2 - t1:.2f}")
        store = open_store(Path(tmp) / "demo")
        t0 = time.perf_counter()
        generate(store, records=args.demo_records, seed=11, today=TODAY)
        _line("demo_seconds", f"{time.perf_counter() - t0:.2f}")
        from commdesk.domain.periods import quick_period
        from commdesk.returns.dashboard import dashboard
        from commdesk.store.services.overview import overview

        period = quick_period("this_year", TODAY)
        for name, run in (
            ("overview", lambda: overview(store, TODAY)),
            ("dashboard", lambda: dashboard(store, period)),
        ):
            run()  # warm
            t0 = time.perf_counter()
            run()
            _line(f"{name}_seconds", f"{time.perf_counter() - t0:.3f}")
        store.close()
    _line("load_average_after", " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
