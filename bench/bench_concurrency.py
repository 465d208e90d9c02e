"""Eight clerks at once on one committee's server database: nothing may be lost.

    python bench/bench_concurrency.py [--seconds 60] [--writers 8] [--url ADMIN_URL]

Without ``--url`` a throw-away PostgreSQL 15 is started the way the tests start
it (tests/pg_server.py). A committee is created with ``server init``'s code path;
then each writer process, through the store services as the window uses them:

* adds service records as fast as it can, noting the id of every committed one;
* every fifth step edits one record all writers share (people_served + 1) from the
  version it read — another writer saving first is an edit conflict, the one the
  clerk would be shown; the writer re-reads and saves again, as "merge" does.

At the end: committed rows, conflicts shown, rows lost (committed ids missing from
the table) and updates lost (the shared counter short of the successful edits).
Both losses must be 0. Prints plain ``name=value`` lines.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROW = {
    "service_date": date(2026, 11, 3),
    "category_code": "WM01",
    "target_group_code": "ELD",
    "people_served": 1,
    "hours": 1.0,
    "provider_kind_code": "STAFF",
    "channel_code": "SITE",
    "description": "探访独居老人",
}


def _writer(url: str, shared_id: int, seconds: float, number: int, out: Any) -> None:
    from commdesk.store.engine import open_store
    from commdesk.store.services.conflicts import EditConflict
    from commdesk.store.services.service_records import service_records

    folder = Path(tempfile.mkdtemp(prefix=f"commdesk-writer{number}-"))
    store = open_store(folder, database=url)
    committed: list[int] = []
    conflicts = edits = 0
    deadline = time.monotonic() + seconds
    step = 0
    try:
        while time.monotonic() < deadline:
            step += 1
            committed.append(
                service_records.add(store, ROW | {"description": f"writer {number} step {step}"})
            )
            if step % 5:
                continue
            while True:  # the clerk saves, sees the other version, merges, saves again
                row = service_records.get(store, shared_id)
                assert row is not None
                try:
                    service_records.update(
                        store,
                        shared_id,
                        {"people_served": row["people_served"] + 1},
                        user=f"writer{number}",
                        expected_version=row["version"],
                    )
                    edits += 1
                    break
                except EditConflict:
                    conflicts += 1
    finally:
        store.close()
        shutil.rmtree(folder, ignore_errors=True)
    out.put((committed, conflicts, edits))


def _server(url: str | None) -> tuple[str, Any]:
    if url:
        return url, None
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from pg_server import PgServer, pg_bin

    bin_dir = pg_bin()
    if bin_dir is None:
        raise SystemExit("PostgreSQL 15 is not installed (apt-get install postgresql)")
    server = PgServer.start(bin_dir)
    return server.admin_url, server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--url", help="administrator URL of a PostgreSQL server")
    args = parser.parse_args()

    from sqlalchemy import func, select

    from commdesk.store.engine import open_store
    from commdesk.store.models import ServiceRecord
    from commdesk.store.server_admin import committee_url, init_committee
    from commdesk.store.services.service_records import service_records

    admin_url, server = _server(args.url)
    folder = Path(tempfile.mkdtemp(prefix="commdesk-bench-"))
    try:
        committee = init_committee(admin_url, f"bench{os.getpid()}")
        url = committee_url(admin_url, committee)
        store = open_store(folder, database=url)
        shared_id = service_records.add(store, ROW | {"description": "shared"})
        context = multiprocessing.get_context("spawn")
        out = context.Queue()
        writers = [
            context.Process(target=_writer, args=(url, shared_id, args.seconds, n, out))
            for n in range(args.writers)
        ]
        started = time.monotonic()
        for w in writers:
            w.start()
        results = [out.get(timeout=args.seconds + 300) for _ in writers]
        for w in writers:
            w.join()
        elapsed = time.monotonic() - started
        committed = [i for ids, _, _ in results for i in ids]
        conflicts = sum(c for _, c, _ in results)
        edits = sum(e for _, _, e in results)
        with store.read() as s:
            present = set(
                s.scalars(select(ServiceRecord.id).where(ServiceRecord.id.in_(committed)))
            )
            total = s.execute(select(func.count()).select_from(ServiceRecord)).scalar_one()
        shared = service_records.get(store, shared_id)
        store.close()
        assert shared is not None
        print(f"writers={args.writers}")
        print(f"seconds={elapsed:.1f}")
        print(f"committed_rows={len(committed)}")
        print(f"rows_per_second={len(committed) / elapsed:.1f}")
        print(f"rows_in_table={total - 1}")
        print(f"shared_edits={edits}")
        print(f"conflicts_shown={conflicts}")
        print(f"rows_lost={len(set(committed) - present)}")
        print(f"updates_lost={1 + edits - shared['people_served']}")
        lost = len(set(committed) - present) + (1 + edits - shared["people_served"])
        return 0 if lost == 0 else 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if server is not None:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
