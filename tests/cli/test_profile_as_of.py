"""Acceptance: a return shows the profile's figures as they held on its last day.

The community's households went from 1000 to 1200 on 2026-07-01. Run through the
installed console script; the cell is read back from the workbook with openpyxl.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile

PROFILE = {
    "name": "测试社区居民委员会", "kind": "urban", "division_code": "110105001001",
    "township_name": "朝外街道", "households": 1000, "resident_population": 2600,
    "preparer": "张丽",
}  # fmt: skip


def commdesk() -> str:
    found = shutil.which("commdesk", path=str(Path(sys.executable).parent))
    assert found, "the commdesk console script is not installed next to this Python"
    return found


def export(data: Path, period: str, out: Path) -> None:
    result = subprocess.run(
        [commdesk(), "--data-dir", str(data), "export", "--period", period, "--out", str(out)],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def cell(path: Path, code: str) -> object:
    """The 数量 of row ``code`` on sheet 表1."""
    sheet = openpyxl.load_workbook(path)["表1"]
    for row in sheet.iter_rows(values_only=True):
        if len(row) > 3 and row[1] == code:
            return row[3]
    raise AssertionError(f"row {code} not on 表1")


def footer(path: Path) -> str:
    sheet = openpyxl.load_workbook(path)["表1"]
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


@pytest.fixture
def community(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = open_store(data)
    save_profile(store, PROFILE)
    facilities.add(store, {"name": "中心", "type_code": "F01", "floor_area": 400,
                           "activity_area": 300})  # fmt: skip
    save_profile(store, {"households": 1200, "preparer": "钱七"}, effective=date(2026, 7, 1))
    store.close()
    return data


def test_half_years_show_the_households_of_their_last_day(community: Path, tmp_path: Path) -> None:
    h1, h2 = tmp_path / "h1.xlsx", tmp_path / "h2.xlsx"
    export(community, "2026H1", h1)
    export(community, "2026H2", h2)
    assert (cell(h1, "101"), cell(h2, "101")) == (1000, 1200)
    assert "填表人：张丽" in footer(h1) and "填表人：钱七" in footer(h2)

    # A later edit of the profile does not change either return when re-exported.
    store = open_store(community)
    save_profile(store, {"households": 1500, "preparer": "孙八"}, effective=date(2027, 1, 1))
    store.close()
    again1, again2 = tmp_path / "h1-again.xlsx", tmp_path / "h2-again.xlsx"
    export(community, "2026H1", again1)
    export(community, "2026H2", again2)
    assert (cell(again1, "101"), cell(again2, "101")) == (1000, 1200)
    assert "填表人：张丽" in footer(again1) and "填表人：钱七" in footer(again2)
    export(community, "2027Q1", tmp_path / "q1.xlsx")
    assert cell(tmp_path / "q1.xlsx", "101") == 1500
