"""SIGKILL a writer at random moments: every committed record survives, the file stays sound."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from safety_helpers import Zygote, integrity, rng, scalar_set

from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import health

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
KILLS = 22


def test_killed_writer_loses_nothing_committed(zygote: Zygote, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data).close()
    db = db_path(data)
    random = rng()
    committed: set[int] = set()
    mid_write = 0
    for round_no in range(KILLS):
        child = zygote.spawn("child_writer:run", [data])
        assert child.wait_for(lambda lines: len(lines) >= 1), child.error()
        child.pause(random.uniform(0.0, 0.25))  # somewhere in the next commits
        was_running = child.kill()
        assert child.error() is None, child.error()
        ids = {int(line) for line in child.lines() if line.isdigit()}
        if was_running and ids:
            mid_write += 1
        committed |= ids
        # The start-up check must accept what a kill leaves (hot WAL and all).
        verdict = health(db)
        assert verdict.state == "ok", f"round {round_no}: {verdict.reason}"
        assert integrity(db) == "ok", f"round {round_no}"
        present = scalar_set(db, "SELECT id FROM service_record")
        missing = committed - present
        assert not missing, f"round {round_no}: committed ids lost: {sorted(missing)[:10]}"
        audited = scalar_set(
            db,
            "SELECT row_id FROM audit_log WHERE action = 'insert' "
            "AND table_name = 'service_record'",
        )
        assert audited == present, f"round {round_no}: a record and its audit row disagree"
    assert mid_write >= 20, f"only {mid_write} kills hit a running writer"
