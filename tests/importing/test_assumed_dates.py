"""No silent assumptions: dates a roster lacks are named, chosen, counted — never today.

Acceptance through the installed console script: a roster without 加入时间 is
imported, then the 2024 and 2025 returns are exported and 表1 108 (volunteers on
the roster) is read back from the workbook.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from import_helpers import (
    ID_F_1949,
    ID_F_1985,
    ID_M_1980,
    ID_M_1990,
    xlsx,
)

from commdesk.domain.periods import Period
from commdesk.importing import commit_import, plan_import
from commdesk.importing.assumptions import choose_dates
from commdesk.returns.compute import compute
from commdesk.returns.definition import default_definition_path, load_definition
from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile

LAST_LINE = re.compile(r"added=\d+ updated=\d+ skipped=\d+ rejected=\d+ warnings=\d+")
PROFILE = {
    "name": "测试社区居民委员会", "kind": "urban", "division_code": "110105001001",
    "township_name": "朝外街道", "households": 500, "resident_population": 1300,
}  # fmt: skip
# No 加入时间 column; 赵敏 is marked 退出 without 退出时间.
ROSTER = [
    ["姓名", "身份证号", "性别", "状态"],
    ["欧阳旭", ID_F_1949, "女", "在册"],
    ["曾小明", ID_M_1980, "男", "在册"],
    ["李强", ID_M_1990, "男", "在册"],
    ["赵敏", ID_F_1985, "女", "退出"],
]


def commdesk(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = shutil.which("commdesk", path=str(Path(sys.executable).parent))
    assert script, "the commdesk console script is not installed next to this Python"
    return subprocess.run(
        [script, "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


def volunteers_on_roster(data: Path, period: str, out: Path) -> object:
    """Export ``period`` and read 表1 row 108 (志愿者（在册）) back."""
    done = commdesk(data, "export", "--period", period, "--out", str(out))
    assert done.returncode == 0, done.stdout + done.stderr
    for row in openpyxl.load_workbook(out)["表1"].iter_rows(values_only=True):
        if len(row) > 3 and row[1] == "108":
            return row[3]
    raise AssertionError("row 108 not on 表1")


def import_roster(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``commdesk import volunteers …`` through the console script."""
    return commdesk(data, "import", "volunteers", *args)


@pytest.fixture
def community(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = open_store(data)
    save_profile(store, PROFILE)
    facilities.add(store, {"name": "中心", "type_code": "F01", "floor_area": 400,
                           "activity_area": 300})  # fmt: skip
    store.close()
    return data


def test_default_counts_undated_volunteers_in_every_past_return(
    community: Path, tmp_path: Path
) -> None:
    # The 2024 return was made before the roster came in.
    assert volunteers_on_roster(community, "2024", tmp_path / "before.xlsx") == 0
    roster = xlsx(tmp_path / "花名册.xlsx", ROSTER)
    done = import_roster(community, str(roster))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    assert LAST_LINE.fullmatch(lines[-1]) and lines[-1].startswith("added=4 ")
    assert lines[-2] == "assumed_join_date=4 assumed_left_date=1"
    # Named in the plan (whatever the output language): the column, the rule, the rows.
    assert "加入日期" in done.stdout and "--assume-join-date" in done.stdout
    assert "2024" in done.stdout  # the exit rule names the latest exported return
    listed = [x for x in lines if x.startswith("  ") and ("加入日期" in x or "退出日期" in x)]
    assert len(listed) == 5  # four joining dates, one exit date
    assert any("5" in x and "退出日期" in x for x in listed)
    # Joined before every period: in 2024 and 2025. The one who left is still
    # counted up to the return already exported (2024), not after.
    assert volunteers_on_roster(community, "2024", tmp_path / "2024.xlsx") == 4
    assert volunteers_on_roster(community, "2025", tmp_path / "2025.xlsx") == 3


def test_a_given_join_date_keeps_them_out_of_earlier_returns(
    community: Path, tmp_path: Path
) -> None:
    roster = xlsx(tmp_path / "花名册.xlsx", ROSTER)
    done = import_roster(community, str(roster), "--assume-join-date", "2026-01-01")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2026-01-01" in done.stdout
    assert volunteers_on_roster(community, "2025", tmp_path / "2025.xlsx") == 0
    assert volunteers_on_roster(community, "2026H1", tmp_path / "2026H1.xlsx") == 3


def test_a_bad_assumed_date_is_one_clear_line(community: Path, tmp_path: Path) -> None:
    roster = xlsx(tmp_path / "花名册.xlsx", ROSTER)
    done = import_roster(community, str(roster), "--assume-join-date", "去年")
    assert done.returncode == 2
    assert "去年" in done.stderr and "YYYY-MM-DD" in done.stderr
    assert "Traceback" not in done.stderr


def _count_108(store: Any, period: str) -> object:
    definition = load_definition(default_definition_path())
    return compute(store, definition, Period.parse(period)).value("T1", "108", "1")


def test_exit_date_given_counts_them_up_to_it(store: Any, tmp_path: Path) -> None:
    roster = xlsx(tmp_path / "花名册.xlsx", ROSTER)
    plan = plan_import(store, "volunteers", roster, assume_left=date(2025, 7, 1))
    assert plan.dates is not None and plan.dates.counts() == {"join": 4, "left": 1}
    assert any("2025-07-01" in note for note in plan.notes)
    commit_import(store, plan)
    assert _count_108(store, "2025H1") == 4
    assert _count_108(store, "2025H2") == 3


def test_no_export_yet_and_choices_can_change(store: Any, tmp_path: Path) -> None:
    roster = xlsx(tmp_path / "花名册.xlsx", ROSTER)
    plan = plan_import(store, "volunteers", roster)
    assert any("No return has been exported yet" in note for note in plan.notes)
    choose_dates(plan, join=date(2025, 3, 1), left=date(2025, 2, 1))
    by_name = {r.values["name"]: r.values for r in plan.to_add}
    assert by_name["李强"]["joined_date"] == date(2025, 3, 1)
    # An exit before the assumed joining date would contradict it: the joining date stays unknown.
    assert by_name["赵敏"]["joined_date"] is None
    assert by_name["赵敏"]["left_date"] == date(2025, 2, 1)
    assert sum("2025-03-01" in note for note in plan.notes) == 1
    choose_dates(plan)  # back to the defaults: the earlier notes are replaced, not added to
    assert by_name["李强"]["joined_date"] is None and by_name["赵敏"]["left_date"] is None
    assert not any("2025-03-01" in note for note in plan.notes)


def test_a_roster_with_its_dates_needs_no_assumption(store: Any, tmp_path: Path) -> None:
    rows = [[*ROSTER[0], "加入时间", "退出时间"], [*ROSTER[1], "2021-03-05", None],
            [*ROSTER[4], "2020-01-01", "2023-05-01"]]  # fmt: skip
    plan = plan_import(store, "volunteers", xlsx(tmp_path / "r.xlsx", rows))
    assert plan.dates is not None and plan.dates.counts() == {"join": 0, "left": 0}
    assert plan.dates.notes == []


def test_a_team_the_import_creates_counts_in_past_returns(store: Any, tmp_path: Path) -> None:
    rows = [[*ROSTER[0], "志愿服务队"], [*ROSTER[1], "银龄志愿队"], [*ROSTER[2], "银龄志愿队"]]
    plan = plan_import(store, "volunteers", xlsx(tmp_path / "r.xlsx", rows))
    assert plan.new_teams == ["银龄志愿队"]
    commit_import(store, plan)
    definition = load_definition(default_definition_path())
    result = compute(store, definition, Period.parse("2024"))
    # The team has no founding date: like its members, it is there before every period.
    assert result.value("T1", "110", "1") == 1
    assert result.value("T1", "108", "1") == 2


def test_workers_without_dates_are_named_and_counted(store: Any, tmp_path: Path) -> None:
    rows = [["姓名", "身份证号", "职务", "状态"], ["王建国", ID_M_1980, "书记", "在册"],
            ["李丽", ID_F_1985, "网格员", "退出"]]  # fmt: skip
    plan = plan_import(store, "workers", xlsx(tmp_path / "w.xlsx", rows))
    assert plan.dates is not None and plan.dates.counts() == {"join": 2, "left": 1}
    assert plan.dates.column_missing and any("任职日期" in note for note in plan.notes)
    choose_dates(plan, left=date(2025, 1, 1))
    commit_import(store, plan)
    definition = load_definition(default_definition_path())
    counts = [compute(store, definition, Period.parse(p)).value("T1", "106", "1")
              for p in ("2024", "2025")]  # fmt: skip
    assert counts == [2, 1]
