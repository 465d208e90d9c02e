"""How fast is the township consolidation, compared with merely opening the files?

    python bench/bench_consolidate.py [--returns 500] [--stores 4] [--keep DIR]

1. Builds N committee return workbooks (default 500): a few demo communities are
   generated and computed once, then each return is a variation of one of them —
   its own 12-digit division code and name, its own households and population
   (indicators recomputed) — written with ``write_return``, so every file is a
   valid, untampered CommDesk return. With ``--keep DIR`` the files are kept and
   reused by the next run.
2. Times ``consolidate()`` over the folder: read and check every file, sum, and
   write the township's workbook with 汇总说明 and the breakdown sheet.
3. The baseline: ``openpyxl.load_workbook(read_only=True)`` + ``close()`` of the
   same N files — what merely opening them costs with the usual library.

Prints plain ``name=value`` lines; the target is under 30 s for 500 returns.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import shutil
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.compute import ReturnResult, _evaluate_expressions, compute
from commdesk.returns.consolidate import consolidate
from commdesk.returns.xlsx_writer import write_return
from commdesk.store.demo import generate
from commdesk.store.engine import db_path, open_store

TODAY = date(2026, 10, 5)
PERIOD = Period.parse("2026Q3")
TOWNSHIP = "110105001"
TARGET_SECONDS = 30.0


def _line(name: str, value: object) -> None:
    print(f"{name}={value}", flush=True)


def base_results(root: Path, stores: int, definition: object) -> list[ReturnResult]:
    """A few computed demo returns, urban and village, to vary from."""
    results = []
    template = root / "template"
    open_store(template).close()
    for i in range(stores):
        folder = root / f"store{i}"
        folder.mkdir()
        shutil.copy(db_path(template), db_path(folder))
        store = open_store(folder, create=False)
        try:
            kind = "village" if i % 2 else "urban"
            for seed in range(10 + i, 10_000, 1000):  # a few demo seeds fail; take the next
                try:
                    generate(store, records=300, seed=seed, kind=kind, today=TODAY)
                    break
                except ValueError:
                    continue
            results.append(compute(store, definition, PERIOD))  # type: ignore[arg-type]
        finally:
            store.close()
    return results


def variant(base: ReturnResult, n: int, rng: random.Random) -> ReturnResult:
    """Committee ``n``: own code and name, own households/population, indicators recomputed."""
    result = copy.copy(base)
    result.tables = [copy.copy(t) for t in base.tables]
    for t in result.tables:
        t.values = {row: dict(cells) for row, cells in t.values.items()}
    households = int(base.profile["households"] * rng.uniform(0.7, 1.3))
    residents = int(households * rng.uniform(2.2, 3.2))
    kind = base.profile["kind"]
    result.profile = {
        **base.profile,
        "name": f"第{n}{'村民委员会' if kind == 'village' else '社区居民委员会'}",
        "division_code": f"{TOWNSHIP}{n:03d}",
        "households": households,
        "resident_population": residents,
    }
    t1 = result.table("T1").values
    t1["101"]["1"], t1["102"]["1"] = households, residents
    _evaluate_expressions(result)
    return result


def build_returns(folder: Path, count: int, stores: int) -> float:
    """Write ``count`` returns into ``folder``; seconds taken."""
    start = time.perf_counter()
    definition = library.current(None)
    with tempfile.TemporaryDirectory(prefix="commdesk-bench-stores-") as tmp:
        bases = base_results(Path(tmp), stores, definition)
    rng = random.Random(7)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, count + 1):
        result = variant(bases[n % len(bases)], n, rng)
        write_return(
            result,
            folder / f"{TOWNSHIP}{n:03d}.xlsx",
            notes={},
            issues=[],
            report_date=TODAY,
            exported_at=datetime(2026, 10, 5, 9, 0, 0),
            program_version="bench",
        )
    return time.perf_counter() - start


def time_openpyxl(files: list[Path]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    for path in files:
        wb = load_workbook(path, read_only=True)
        wb.close()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--returns", type=int, default=500, help="committee returns (max 999)")
    parser.add_argument("--stores", type=int, default=4, help="demo communities to vary from")
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the returns in DIR")
    args = parser.parse_args()
    if not 1 <= args.returns <= 999:
        parser.error("--returns must be 1..999 (3-digit committee codes)")
    work = Path(tempfile.mkdtemp(prefix="commdesk-bench-consolidate-"))
    folder = Path(args.keep) if args.keep else work / "returns"
    try:
        existing = sorted(folder.glob("*.xlsx")) if folder.is_dir() else []
        if len(existing) != args.returns:
            if folder.is_dir():
                for old in existing:
                    old.unlink()
            _line("build_seconds", f"{build_returns(folder, args.returns, args.stores):.1f}")
        files = sorted(folder.glob("*.xlsx"))
        _line("returns", len(files))
        _line("load_average", " ".join(f"{x:.2f}" for x in os.getloadavg()))
        out = work / "township.xlsx"
        start = time.perf_counter()
        cons = consolidate([folder], period=PERIOD, definition=library.current(None), out=out)
        seconds = time.perf_counter() - start
        statuses = sorted({f.status for f in cons.files})
        _line("included", f"{len(cons.included)} of {len(cons.files)} ({', '.join(statuses)})")
        _line("consolidate_seconds", f"{seconds:.2f}")
        _line("per_return_ms", f"{1000 * seconds / max(len(files), 1):.1f}")
        baseline = time_openpyxl(files)
        _line("openpyxl_open_seconds", f"{baseline:.2f}")
        _line("ratio_consolidate_to_openpyxl_open", f"{seconds / baseline:.2f}")
        _line(
            "target", f"< {TARGET_SECONDS:.0f} s: {'met' if seconds < TARGET_SECONDS else 'MISSED'}"
        )
        return 0 if len(cons.included) == len(files) else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
