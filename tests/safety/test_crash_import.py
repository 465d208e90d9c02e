"""SIGKILL a large commit (an import; a bulk ``store.write()``): all of it or none of it."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from safety_helpers import Forked, Zygote, integrity, rng, scalar

from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import health

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
BATCH = 250  # child_import sets the importer's batch size to this
ROWS = 3000


def write_csv(path: Path, round_no: int) -> None:
    """A legacy roster of service records; the text differs per round (no duplicates)."""
    day = date.today() - timedelta(days=2 + round_no)
    lines = ["服务日期,服务类别,服务对象,服务人次,服务时长,服务内容"]
    lines += [
        f"{day.isoformat()},养老服务,老年人,{1 + i % 5},1.5,第{round_no}批上门探访{i}"
        for i in range(ROWS)
    ]
    path.write_text("\n".join(lines), encoding="utf-8")


def kill_rounds(
    data: Path,
    rows: int,
    batch: int,
    rounds: int,
    start: Callable[[int], Forked],
) -> int:
    """Kill each run at a random batch inside its transaction (the last run completes).

    After every kill: the file is sound, and either the whole run is in the
    database (rows and its one audit entry) or none of it. Returns how many
    kills landed inside the transaction.
    """
    db = db_path(data)
    random = rng()
    inside = 0
    for round_no in range(rounds):
        before = scalar(db, "SELECT count(*) FROM service_record")
        audits = scalar(db, "SELECT count(*) FROM audit_log WHERE action='import'")
        child = start(round_no)
        last = round_no == rounds - 1
        target = random.randrange(0, rows, batch)
        if last:
            assert child.wait_for(lambda lines: "done" in lines), child.error()
        else:
            assert child.wait_for(lambda lines, t=target: f"progress {t}" in lines), child.error()
            child.pause(random.uniform(0.0, 0.02))
        was_running = child.kill()
        assert child.error() is None, child.error()
        finished = "done" in child.lines()
        inside += was_running and not finished
        assert health(db).state == "ok"
        assert integrity(db) == "ok", f"round {round_no}"
        state = (
            scalar(db, "SELECT count(*) FROM service_record") - before,
            scalar(db, "SELECT count(*) FROM audit_log WHERE action='import'") - audits,
        )
        if finished:
            assert state == (rows, 1)
        else:  # (rows, 1) only if the kill came right after COMMIT
            assert state in ((0, 0), (rows, 1)), f"round {round_no}: partial commit {state}"
    return inside


@pytest.mark.skipif(
    importlib.util.find_spec("commdesk.importing.commit") is None, reason="no importer yet"
)
def test_killed_import_is_all_or_nothing(zygote: Zygote, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data).close()

    def start(round_no: int) -> Forked:
        source = tmp_path / f"roster-{round_no}.csv"
        write_csv(source, round_no)
        child = zygote.spawn("child_import:run", [data, source])
        assert child.wait_for(lambda lines: bool(lines)), child.error()
        assert child.lines()[0] == f"plan {ROWS}", child.lines()[:3]
        return child

    inside = kill_rounds(data, ROWS, BATCH, 5, start)
    assert inside >= 3, f"only {inside} kills landed inside the import's transaction"


def test_killed_bulk_write_is_all_or_nothing(zygote: Zygote, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data).close()
    rows = 6000
    inside = kill_rounds(
        data, rows, 500, 3, lambda n: zygote.spawn("child_bulk:run", [data, rows, f"bulk-{n}"])
    )
    assert inside >= 1, "no kill landed inside the transaction"
