"""One person, one count: a 书记兼主任 (一肩挑) counts once in 106, 表5 合计 and 605.

Thirteen people work in the community; one of them is both 书记 and 主任. The
figures below are worked out by hand from the rows this file creates and
compared with the return the installed ``commdesk`` script exports.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from console_script import commdesk
from stdnum.cn import ric

from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile
from commdesk.store.services.workers import workers

RESIDENTS = 4569
PROFILE = {
    "name": "测试社区居民委员会", "kind": "urban", "division_code": "110105001001",
    "township_name": "朝外街道", "households": 2000, "resident_population": RESIDENTS,
    "committee_members": 6, "secretary_is_director": True,
}  # fmt: skip
# (posts, 两委成员) — 13 people, 14 posts.
PEOPLE = [
    (("SEC", "DIR"), True),  # 一肩挑: one person, two posts
    *[(("MEM",), True)] * 5,
    *[(("PRO",), False)] * 4,
    *[(("GRID",), False)] * 3,
]


def make_id(seq: int) -> str:
    body = f"11010519800101{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


@pytest.fixture
def community(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = open_store(data)
    save_profile(store, PROFILE)
    facilities.add(store, {"name": "党群服务中心", "type_code": "F01", "floor_area": 600,
                           "activity_area": 400})  # fmt: skip
    for i, (posts, member) in enumerate(PEOPLE, start=1):
        person = {"name": f"工作者{i}", "id_number": make_id(i), "position_codes": posts}
        workers.add(store, person | {"is_committee_member": member, "employed_since": "2020-01-01"})
    store.close()
    return data


def by_code(ws: Any) -> dict[str, list[Any]]:
    """Rows of a printed table by their 乙 code (column B), values from column C on."""
    out: dict[str, list[Any]] = {}
    for row in ws.iter_rows(values_only=True):
        if row[0] and isinstance(row[1], str) and row[1].strip():
            out.setdefault(str(row[0]).strip(), list(row[2:]))
    return out


def figures(ws: Any, label: str) -> list[Any]:
    """The numbers of the row whose label (甲 column) is ``label``."""
    for row in ws.iter_rows(values_only=True):
        if isinstance(row[0], str) and row[0].strip() == label:
            return [v for v in row[1:] if isinstance(v, int | float)]
    raise AssertionError(f"no row {label!r} in {ws.title}")


def test_secretary_who_is_director_counts_once(community: Path, tmp_path: Path) -> None:
    out = tmp_path / "q3.xlsx"
    result = commdesk("export", "--period", "2026Q3", "--out", out, data_dir=community)
    assert result.returncode == 0, result.stdout + result.stderr
    wb = openpyxl.load_workbook(out)
    t1, t5, t6 = (wb[name] for name in wb.sheetnames[:6] if name.startswith(("表1", "表5", "表6")))

    # By hand: people, not rows. 1 (书记兼主任) + 5 委员 + 4 专职 + 3 网格员 = 13.
    people = 1 + 5 + 4 + 3
    assert people == 13
    # 两委: the 书记兼主任 and the 5 委员 = 6, as the profile's 104 says.
    committee = 1 + 5
    # Post rows: 书记 1, 主任 1, 委员 5, 专职 4, 网格员 3 = 14 > 合计 13 (the same person twice).
    post_rows = {"书记": 1, "主任": 1, "委员": 5, "专职社区工作者": 4, "网格员": 3}
    assert sum(post_rows.values()) == 14
    # 605 = 13 × 10000 / 4569 = 28.452… → 28.5 (one decimal); counting rows gave 30.6.
    per_10k = round(people * 10000 / RESIDENTS, 1)
    assert per_10k == 28.5 and round(14 * 10000 / RESIDENTS, 1) == 30.6

    assert figures(t1, "社区工作者")[0] == people  # 106
    assert figures(t1, "“两委”成员")[0] == committee  # 104
    total = figures(t5, "合计")
    assert total[0] == people and total[1] == committee
    for label, count in post_rows.items():
        assert figures(t5, label)[0] == count, label
    assert figures(t6, "每万常住人口拥有社区工作者数")[0] == per_10k
    notes = [c for row in t5.iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert any(text.startswith("注：") and "合计只计1人" in text for text in notes)


def test_committee_count_must_match_profile(community: Path, tmp_path: Path) -> None:
    """表1 104 = 表5 两委 column is an error rule: the export is refused while they differ."""
    store = open_store(community)
    save_profile(store, PROFILE | {"committee_members": 7}, effective=date(2026, 1, 1))
    store.close()
    out = tmp_path / "q3.xlsx"
    result = commdesk("export", "--period", "2026Q3", "--out", out, data_dir=community)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "E-T1-104-T5" in result.stdout
    assert not out.exists()
