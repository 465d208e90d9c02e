"""Annual return over N service records: our export vs the plain baseline.

    python bench/bench_export.py [--records 1000000] [--data-dir DIR]

Times, on one demo database (generated once into a temp folder unless
``--data-dir`` points at an existing one):

1. ``commdesk export`` of the annual return in a subprocess (start-up, compute,
   audit, xlsx write — what the clerk waits for);
2. the same in-process (compute + audit + write only);
3. the baseline: the same aggregates as hand-written SQL GROUP BY queries
   (services by category × target group × channel, volunteer participation,
   stock counts) plus openpyxl writing the same number of cells.

Prints ``name=value`` lines and the ratios; no assertions (timings depend on
the machine's load, which is printed too).

``--database postgresql+psycopg://…`` times the same against a committee database
on a server (``commdesk server push`` fills it); the baseline's queries then run
through psycopg.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.export import export
from commdesk.store.demo import generate
from commdesk.store.engine import db_path, open_store


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def _connect(data_dir: Path, database: str | None):  # type: ignore[no-untyped-def]
    """A plain connection whose execute takes ? placeholders on either database."""
    if database is None:
        return sqlite3.connect(db_path(data_dir))
    import psycopg

    from commdesk.store.server_admin import conninfo

    class Server(psycopg.Connection):  # type: ignore[type-arg]
        def execute(self, query, params=None, **kw):  # type: ignore[no-untyped-def,override]
            return super().execute(query.replace("?", "%s"), params, **kw)

    return Server.connect(conninfo(database), autocommit=True)


def baseline(data_dir: Path, database: str | None, period: Period, cells: int, out: Path) -> float:
    from openpyxl import Workbook

    start, end = period.first_day.isoformat(), period.last_day.isoformat()
    if database is not None:
        start, end = period.first_day, period.last_day  # type: ignore[assignment]
    t0 = time.perf_counter()
    con = _connect(data_dir, database)
    where = "deleted_at IS NULL AND service_date BETWEEN ? AND ?"
    con.execute(
        "SELECT category_code, target_group_code, channel_code, count(*), sum(people_served),"
        f" sum(hours) FROM service_record WHERE {where} GROUP BY 1, 2, 3",
        (start, end),
    ).fetchall()
    con.execute(
        "SELECT sv.volunteer_id, count(*), sum(sr.hours) FROM service_volunteer sv JOIN "
        "service_record sr ON sr.id = sv.service_id WHERE sr.deleted_at IS NULL AND "
        "sr.service_date BETWEEN ? AND ? GROUP BY 1",
        (start, end),
    ).fetchall()
    for table in ("volunteer", "worker", "facility", "volunteer_team", "community"):
        con.execute(f"SELECT * FROM {table} WHERE deleted_at IS NULL").fetchall()
    con.close()
    wb = Workbook()
    ws = wb.active
    for i in range(cells):
        ws.cell(row=i // 10 + 1, column=i % 10 + 1, value=i)
    wb.save(out)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--period", default=None, help="default: the demo's current year")
    parser.add_argument("--database", metavar="URL", help="a server's committee database")
    args = parser.parse_args()
    _line("load_average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    tmp = Path(tempfile.mkdtemp(prefix="commdesk-bench-export-"))
    data_dir = args.data_dir or tmp / "data"
    if args.data_dir is None and args.database is None:
        store = open_store(data_dir)
        t0 = time.perf_counter()
        generate(store, records=args.records, seed=7)
        _line("demo_seconds", f"{time.perf_counter() - t0:.2f}")
        store.close()
    period = Period.parse(args.period or str(date.today().year))
    _line("period", period.code)
    con = _connect(data_dir, args.database)
    n = con.execute(
        "SELECT count(*) FROM service_record WHERE service_date BETWEEN ? AND ?",
        (period.first_day, period.last_day)
        if args.database
        else (period.first_day.isoformat(), period.last_day.isoformat()),
    ).fetchone()[0]
    con.close()
    _line("records_in_period", n)

    out = tmp / "cli.xlsx"
    t0 = time.perf_counter()
    server = ["--database", args.database] if args.database else []
    proc = subprocess.run(
        [sys.executable, "-m", "commdesk", "--data-dir", str(data_dir), *server, "export",
         "--period", period.code, "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    cli_seconds = time.perf_counter() - t0
    _line("cli_export_exit", proc.returncode)
    _line("cli_export_seconds", f"{cli_seconds:.2f}")

    store = open_store(data_dir, database=args.database)
    definition = library.current(data_dir)
    t0 = time.perf_counter()
    done = export(store, definition, period, tmp / "inproc.xlsx")
    inproc = time.perf_counter() - t0
    cells = sum(len(t.rows) * len(t.table.columns) for t in done.prepared.result.tables)
    store.close()
    _line("inprocess_export_seconds", f"{inproc:.2f}")
    _line("cells", cells)

    base = baseline(data_dir, args.database, period, cells, tmp / "baseline.xlsx")
    _line("baseline_seconds", f"{base:.2f}")
    _line("ratio_cli_to_baseline", f"{cli_seconds / base:.2f}")
    _line("ratio_inprocess_to_baseline", f"{inproc / base:.2f}")


if __name__ == "__main__":
    main()
