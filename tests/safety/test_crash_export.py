"""SIGKILL an export at random moments: the file under the final name is always whole."""

from __future__ import annotations

import hashlib
import sys
from datetime import date
from pathlib import Path

import pytest
from safety_helpers import Zygote, integrity, rng

from commdesk.domain.periods import Period
from commdesk.returns import library
from commdesk.returns.export import export, prepare
from commdesk.returns.xlsx_reader import read_return
from commdesk.store.demo import generate
from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import health

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork are POSIX")
KILLS = 6


def test_killed_export_leaves_previous_or_complete_file(zygote: Zygote, tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = open_store(data)
    generate(store, records=400, seed=3)
    period = Period.parse(str(date.today().year - 1))
    definition = library.current(data)
    prepared = prepare(store, definition, period)
    notes = {w.code: "说明" for w in prepared.warnings}
    out = tmp_path / "return.xlsx"
    export(store, definition, period, out, notes=notes, prepared=prepared)
    store.close()
    first = read_return(out)
    versions = {hashlib.sha256(out.read_bytes()).hexdigest()}
    random = rng()
    mid_export = 0
    for round_no in range(KILLS):
        child = zygote.spawn("child_export:run", [data, out, period.code])
        # Exports run back to back from "ready"; every other round lets one complete
        # first, so the kills land both in a first write and in a replacement.
        wanted = "ready" if round_no % 2 == 0 else "written"
        assert child.wait_for(lambda lines, w=wanted: w in lines), child.error()
        child.pause(random.uniform(0.0, 1.0))
        was_running = child.kill()
        assert child.error() is None, child.error()
        if was_running:
            mid_export += 1
        assert out.exists(), f"round {round_no}: the export file vanished"
        again = read_return(out)  # raises on a truncated or half-written workbook
        assert again.values == first.values and not again.altered, f"round {round_no}"
        versions.add(hashlib.sha256(out.read_bytes()).hexdigest())
        assert integrity(db_path(data)) == "ok"
        assert health(db_path(data)).state == "ok"
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith("return.xlsx")]
        assert leftovers == ["return.xlsx"], leftovers
    assert mid_export >= KILLS - 1, f"only {mid_export} kills hit a running export"
    assert len(versions) >= 2, "the file was never replaced: the kills proved nothing"
