"""Legacy rosters list a 书记兼主任 as two rows with one ID: the import makes one person."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from import_helpers import ID_M_1980, ID_M_1990, run_cli, xlsx

from commdesk.store.engine import open_store
from commdesk.store.services.workers import workers

HEADER = ["姓名", "身份证号", "职务", "是否两委成员"]


def _workers(data_dir: Path) -> list[tuple[str, str, str]]:
    con = sqlite3.connect(data_dir / "commdesk.sqlite")
    try:
        rows = con.execute(
            "SELECT name, id_number, position_codes FROM worker WHERE deleted_at IS NULL "
            "ORDER BY id"
        )
        return [tuple(r) for r in rows]
    finally:
        con.close()


def test_secretary_row_and_director_row_become_one_person(data_dir: Path, tmp_path: Path) -> None:
    roster = xlsx(
        tmp_path / "社区工作者.xlsx",
        [
            HEADER,
            ["王建国", ID_M_1980, "书记", "是"],
            ["李明", ID_M_1990, "委员", "是"],
            ["王建国", ID_M_1980, "主任", "是"],
        ],
    )
    result = run_cli(data_dir, "workers", str(roster))
    assert result.returncode == 0, result.stdout + result.stderr
    assert _workers(data_dir) == [("王建国", ID_M_1980, "SEC,DIR"), ("李明", ID_M_1990, "MEM")]
    # The second row is named, pointing at the row it joined.
    assert "row 2" in result.stdout or "第2行" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("added=2 updated=0 skipped=1")


def test_another_post_for_a_person_already_in_the_ledger_is_added(
    data_dir: Path, tmp_path: Path
) -> None:
    store = open_store(data_dir)
    first = workers.add(store, {"name": "王建国", "id_number": ID_M_1980, "position_codes": "SEC"})
    store.close()
    roster = xlsx(tmp_path / "主任.xlsx", [HEADER, ["王建国", ID_M_1980, "主任", "是"]])
    result = run_cli(data_dir, "workers", str(roster))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].startswith("added=0 updated=1 skipped=0")
    assert _workers(data_dir) == [("王建国", ID_M_1980, "SEC,DIR")]
    again = run_cli(data_dir, "workers", str(roster))  # nothing new: skipped, pointing at it
    assert again.stdout.strip().splitlines()[-1].startswith("added=0 updated=0 skipped=1")
    assert f"record {first}" in again.stdout or f"记录 {first}" in again.stdout
