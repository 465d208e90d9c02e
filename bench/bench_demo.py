"""How fast is the demo-data generator, compared with the plainest possible insert?

    python bench/bench_demo.py [--records 1000000] [--seed 1]

Times, each in a fresh temporary data folder:

1. ``commdesk.store.demo.generate()`` for N service records (store creation and
   migrations not included);
2. the whole ``commdesk demo`` command in a subprocess (interpreter start-up,
   imports, migrations and generation), if the CLI has that command;
3. the baseline: ``sqlite3.executemany`` of N rows with the same columns and the
   same kind of values (rows built beforehand, only insert + commit timed) into a
   fresh table, without indexes, in a fresh file with SQLite's default settings.

Prints plain ``name=value`` lines. No assertions: timings depend on the machine
and on whatever else it is doing, so the load average is printed too.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from commdesk.store.demo import generate
from commdesk.store.engine import db_path, open_store

TODAY = date(2026, 3, 15)
SAMPLE = 20_000


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def _rate(records: int, seconds: float) -> str:
    return f"{records / seconds:,.0f}" if seconds > 0 else "inf"


def time_generate(
    folder: Path, records: int, seed: int
) -> tuple[float, str, list[str], list[tuple[object, ...]]]:
    """Seconds for generate(); service_record's CREATE TABLE, columns and sample rows."""
    store = open_store(folder)
    try:
        start = time.perf_counter()
        summary = generate(store, records=records, seed=seed, today=TODAY)
        seconds = time.perf_counter() - start
    finally:
        store.close()
    _line("generate_summary", " ".join(f"{k}:{v}" for k, v in vars(summary).items()))
    con = sqlite3.connect(db_path(folder))
    try:
        create = con.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'service_record'"
        ).fetchone()[0]
        columns = [row[1] for row in con.execute("PRAGMA table_info(service_record)")]
        sample = con.execute(f"SELECT * FROM service_record ORDER BY id LIMIT {SAMPLE}").fetchall()
        _line("database_mib", f"{db_path(folder).stat().st_size / 2**20:.0f}")
    finally:
        con.close()
    return seconds, create, columns, sample


def _cli_command(folder: Path, records: int, seed: int) -> list[str] | None:
    """The ``commdesk demo`` command line, or None when this build has no such command."""
    try:
        from commdesk.cli import build_parser
    except ImportError:
        return None
    args = ["--data-dir", str(folder), "demo", "--records", str(records), "--seed", str(seed)]
    try:
        parsed = build_parser().parse_args(args)
    except SystemExit:
        return None
    if getattr(parsed, "command", None) != "demo":
        return None
    return [sys.executable, "-m", "commdesk", *args]


def time_cli(folder: Path, records: int, seed: int) -> float | None:
    command = _cli_command(folder, records, seed)
    if command is None:
        _line("cli", "skipped (no 'commdesk demo' command)")
        return None
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        _line("cli", f"failed with exit status {result.returncode}: {result.stderr.strip()}")
        return None
    return seconds


def time_baseline(
    folder: Path,
    records: int,
    create: str,
    columns: list[str],
    sample: Sequence[tuple[object, ...]],
) -> float:
    """executemany of ``records`` rows shaped like service_record into a bare table.

    Same CREATE TABLE as the real one (its foreign key is not enforced: plain sqlite3
    leaves foreign_keys off), no indexes, default journal and synchronous settings.
    """
    folder.mkdir()
    id_at = columns.index("id")
    rows = []
    for i in range(records):
        row = list(sample[i % len(sample)])
        row[id_at] = i + 1
        rows.append(tuple(row))
    con = sqlite3.connect(folder / "baseline.sqlite")
    try:
        con.execute(create)
        con.commit()
        sql = (
            f"INSERT INTO service_record ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' * len(columns))})"
        )
        start = time.perf_counter()
        con.executemany(sql, rows)
        con.commit()
        return time.perf_counter() - start
    finally:
        con.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    n = args.records
    _line("records", n)
    _line("cpus", os.cpu_count())
    _line("load_average_before", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    with tempfile.TemporaryDirectory(prefix="commdesk-bench-") as tmp:
        root = Path(tmp)
        generate_s, create, columns, sample = time_generate(root / "api", n, args.seed)
        shutil.rmtree(root / "api")
        _line("generate_seconds", f"{generate_s:.2f}")
        _line("generate_records_per_second", _rate(n, generate_s))
        cli_s = time_cli(root / "cli", n, args.seed)
        if cli_s is not None:
            shutil.rmtree(root / "cli", ignore_errors=True)
            _line("cli_seconds", f"{cli_s:.2f}")
            _line("cli_records_per_second", _rate(n, cli_s))
        baseline_s = time_baseline(root / "baseline", n, create, columns, sample)
        _line("baseline_seconds", f"{baseline_s:.2f}")
        _line("baseline_records_per_second", _rate(n, baseline_s))
        _line("ratio_generate_to_baseline", f"{generate_s / baseline_s:.2f}")
        if cli_s is not None:
            _line("ratio_cli_to_baseline", f"{cli_s / baseline_s:.2f}")
    _line("load_average_after", " ".join(f"{x:.2f}" for x in os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
