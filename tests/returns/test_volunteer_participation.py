"""表3 columns 8 and 11 and 表4 402, checked by hand through the exported workbook.

The records are entered through the store's services, the return is exported by the
installed console script, and the figures are read back from the xlsx: what the
township would receive. The expected sums are written out record by record below.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from console_script import commdesk

from commdesk.store.engine import open_store

PROFILE = {
    "name": "幸福社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "朝外街道",
    "households": 1000,
    "resident_population": 2600,
    "secretary_is_director": False,
}
PERIOD = "2026Q3"


def _volunteer(n: int, joined: str, left: str | None = None) -> dict[str, Any]:
    ids = ("11010519491231002X", "110105198001010016", "110105194501010014", "110105200001010016")
    return {
        "name": ("甲志愿者", "乙志愿者", "丙志愿者", "丁志愿者")[n],
        "id_number": ids[n],
        "joined_date": joined,
        "left_date": left,
        "status_code": "inactive" if left else "active",
    }


def _build(data_dir: Path) -> None:
    from commdesk.store.services.facilities import facilities
    from commdesk.store.services.profile import save_profile
    from commdesk.store.services.service_records import service_records
    from commdesk.store.services.volunteers import volunteers

    store = open_store(data_dir)
    try:
        save_profile(store, PROFILE)
        facilities.add(
            store,
            {"name": "党群服务中心", "type_code": "F01", "floor_area": 500, "year_opened": 2015},
        )
        a = volunteers.add(store, _volunteer(0, "2020-01-01"))
        b = volunteers.add(store, _volunteer(1, "2020-01-01"))
        # Joined and left inside the quarter: one of 402's new volunteers, not on 401's roster.
        volunteers.add(store, _volunteer(2, "2026-07-10", "2026-08-20"))
        volunteers.add(store, _volunteer(3, "2026-08-01"))
        base = {
            "category_code": "WM01",
            "target_group_code": "ELD",
            "people_served": 10,
            "hours": 2,
            "channel_code": "SITE",
        }
        records = [
            # a team, nobody named, six volunteers counted by the clerk
            {"provider_kind_code": "TEAM", "volunteer_count": 6},
            # individual volunteers: two named, five took part
            {"provider_kind_code": "VOL", "volunteers": [a, b], "volunteer_count": 5},
            # staff, with one named volunteer helping (the count is the named one)
            {"provider_kind_code": "STAFF", "volunteers": [a]},
            # staff alone
            {"provider_kind_code": "STAFF"},
            # individual volunteers, nobody named, count left empty: counted as 1
            {"provider_kind_code": "VOL"},
        ]
        for day, record in enumerate(records, start=1):
            service_records.add(store, {**base, "service_date": date(2026, 8, day), **record})
    finally:
        store.close()


def _key_columns(ws: Any) -> tuple[int, dict[str, int]]:
    """The key row (甲 乙 … 1 2 3) and the sheet column of each key."""
    for row in ws.iter_rows():
        texts = [str(c.value) if c.value is not None else "" for c in row]
        if "甲" in texts:
            return row[0].row, {t: i + 1 for i, t in enumerate(texts) if t}
    raise AssertionError(f"{ws.title}: no key row")


def _row_where(ws: Any, column: int, wanted: str, below: int) -> int:
    for r in range(below + 1, ws.max_row + 1):
        value = ws.cell(row=r, column=column).value
        if value is not None and str(value).strip() == wanted:
            return r
    raise AssertionError(f"{ws.title}: no row {wanted}")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Any:
    data_dir = tmp_path_factory.mktemp("participation")
    _build(data_dir)
    out = data_dir / "return.xlsx"
    result = commdesk("export", "--period", PERIOD, "--out", out, data_dir=data_dir)
    assert result.returncode == 0, (result.stdout, result.stderr)
    return openpyxl.load_workbook(out, data_only=True)


def test_table3_counts_records_and_people_with_volunteers(exported: Any) -> None:
    ws = exported["表3"]
    key_row, keys = _key_columns(ws)
    assert ws.cell(row=key_row - 2, column=keys["11"]).value == "志愿者参与人次"
    total = _row_where(ws, keys["甲"], "合计", key_row)
    # records with volunteers: the team (6), the volunteers with names (5), staff with
    # one named volunteer (1), the unnamed volunteers (1); staff alone has none.
    by_hand_records = 1 + 1 + 1 + 0 + 1
    by_hand_people = 6 + 5 + 1 + 0 + 1
    assert ws.cell(row=total, column=keys["1"]).value == 5
    assert ws.cell(row=total, column=keys["8"]).value == by_hand_records
    assert ws.cell(row=total, column=keys["11"]).value == by_hand_people
    category = _row_where(ws, keys["乙"], "WM01", key_row)
    assert ws.cell(row=category, column=keys["8"]).value == by_hand_records
    assert ws.cell(row=category, column=keys["11"]).value == by_hand_people


def test_table4_new_volunteers_include_those_who_left_within_the_period(exported: Any) -> None:
    ws = exported["表4"]
    key_row, keys = _key_columns(ws)
    on_roster = _row_where(ws, keys["乙"], "401", key_row)
    new = _row_where(ws, keys["乙"], "402", key_row)
    # 401: 甲, 乙 and 丁 on 30 September (丙 left on 20 August).
    assert ws.cell(row=on_roster, column=keys["1"]).value == 3
    # 402: 丙 (joined 10 July, left 20 August) and 丁 (joined 1 August).
    assert ws.cell(row=new, column=keys["1"]).value == 2
    assert ws.cell(row=new, column=keys["甲"]).value.strip() == "本期新增"
