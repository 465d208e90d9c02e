"""The plan indicators of an urban and a rural committee, worked out by hand.

Every expected figure below was computed from the rows this file creates (see
the comments), at two period ends: 2025Q4 (31 Dec 2025) and 2026Q2 (30 Jun 2026).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import ric

from commdesk.domain.indicators import MET, NO_DATA, NO_TARGET, NOT_MET, parse_target
from commdesk.domain.periods import Period
from commdesk.returns.indicators import committee_indicators
from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile
from commdesk.store.services.workers import workers


def make_id(seq: int) -> str:
    body = f"11010519800101{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def add_worker(store: Any, seq: int, since: str, left: str | None = None) -> int:
    data: dict[str, Any] = {
        "name": f"工作者{seq}",
        "id_number": make_id(seq),
        "position_codes": ("GRID",),
        "employed_since": date.fromisoformat(since),
    }
    if left:
        data["left_date"] = date.fromisoformat(left)
    return workers.add(store, data)


def urban(folder: Path) -> tuple[Any, dict[str, int]]:
    """幸福社区 (urban): 1000 households, 2000 residents throughout."""
    store = open_store(folder)
    save_profile(
        store,
        {
            "name": "幸福社区居民委员会",
            "kind": "urban",
            "division_code": "110105001001",
            "township_name": "朝外街道",
            "households": 1000,
            "resident_population": 2000,
        },
    )
    ids = {
        # 综合服务设施 since 2018: 300 m², 200 m² for residents, no terminal.
        "centre": facilities.add(
            store,
            {
                "name": "党群服务中心",
                "type_code": "F01",
                "floor_area": 300,
                "activity_area": 200,
                "year_opened": 2018,
            },
        ),
        # A second 综合服务设施 opened in 2026: 100 m², 40 m², with a terminal.
        "station": facilities.add(
            store,
            {
                "name": "综合服务站",
                "type_code": "F01",
                "floor_area": 100,
                "activity_area": 40,
                "year_opened": 2026,
                "self_service_terminal": True,
            },
        ),
        # Another type: never in 601–603.
        "room": facilities.add(
            store, {"name": "文化活动室", "type_code": "F05", "floor_area": 80, "year_opened": 2015}
        ),
        "w1": add_worker(store, 1, "2015-01-01"),
        "w3": add_worker(store, 3, "2010-01-01", left="2026-05-31"),
        "w2": add_worker(store, 2, "2026-03-01"),
        "w4": add_worker(store, 4, "2026-01-10"),
        "w5": add_worker(store, 5, "2026-02-01"),
    }
    return store, ids


def rural(folder: Path) -> tuple[Any, dict[str, int]]:
    """杨庄村 (village): 600 households, 1500 residents; its centre opened in 2026."""
    store = open_store(folder)
    save_profile(
        store,
        {
            "name": "杨庄村民委员会",
            "kind": "village",
            "division_code": "110105201001",
            "township_name": "东坝乡",
            "households": 600,
            "resident_population": 1500,
        },
    )
    ids = {
        "centre": facilities.add(
            store,
            {
                "name": "村综合服务站",
                "type_code": "F01",
                "floor_area": 150,
                "activity_area": 100,
                "year_opened": 2026,
            },
        ),
        "w1": add_worker(store, 11, "2019-06-01"),
    }
    return store, ids


def by_code(store: Any, period: str) -> dict[str, Any]:
    report = committee_indicators(store, Period.parse(period))
    return {i.code: i for i in report.indicators}


def test_targets_are_read_per_kind() -> None:
    assert parse_target("城市100%／农村≥80%", "urban").value == 100  # type: ignore[union-attr]
    assert parse_target("城市100%／农村≥80%", "village").value == 80  # type: ignore[union-attr]
    assert parse_target("城市80%", "village") is None
    assert parse_target("≥30", "village").value == 30  # type: ignore[union-attr]
    assert parse_target("18", "urban").value == 18  # type: ignore[union-attr]


def test_urban_committee_at_two_period_ends(tmp_path: Path) -> None:
    store, ids = urban(tmp_path)

    report = committee_indicators(store, Period.parse("2025Q4"))
    assert report.kind == "urban" and report.as_of == date(2025, 12, 31)
    assert report.plan is not None and report.plan.document == "国办发〔2021〕56号"
    i = {x.code: x for x in report.indicators}
    # 31 Dec 2025: only the centre (the station opens in 2026).
    assert (i["601"].value, i["601"].state) == (1, MET)
    assert i["601"].records == {"facility": (ids["centre"],)}
    assert (i["602"].value, i["602"].state) == (30.0, MET)  # 300 × 100 / 1000
    assert (i["603"].value, i["603"].state) == (66.7, MET)  # 200 × 100 / 300
    assert (i["604"].value, i["604"].state) == (0, NOT_MET)  # no terminal; urban 80 %
    assert i["604"].target_text == "城市80%"
    # Workers on the roster: w1 and w3 (w3 leaves in May 2026) → 2 × 10000 / 2000.
    assert (i["605"].value, i["605"].state) == (10.0, NOT_MET)
    assert set(i["605"].records["worker"]) == {ids["w1"], ids["w3"]}

    i = by_code(store, "2026Q2")
    # 30 Jun 2026: centre + station.
    assert i["601"].records == {"facility": (ids["centre"], ids["station"])}
    assert (i["602"].value, i["602"].state) == (40.0, MET)  # 400 × 100 / 1000
    assert (i["603"].value, i["603"].state) == (60.0, MET)  # 240 × 100 / 400: on the line
    assert (i["604"].value, i["604"].state) == (1, MET)  # the station's terminal
    # w1, w2, w4, w5 (w3 left on 31 May) → 4 × 10000 / 2000 = 20 ≥ 18.
    assert (i["605"].value, i["605"].state) == (20.0, MET)
    assert set(i["605"].records["worker"]) == {ids["w1"], ids["w2"], ids["w4"], ids["w5"]}


def test_rural_committee_at_two_period_ends(tmp_path: Path) -> None:
    store, ids = rural(tmp_path)

    i = by_code(store, "2025Q4")
    # No 综合服务设施 yet: coverage 0 (rural target ≥80 % of villages), area 0 per 100
    # households, and the activity share has nothing to divide by: 无数据.
    assert (i["601"].value, i["601"].state) == (0, NOT_MET)
    assert i["601"].target.value == 80  # type: ignore[union-attr]
    assert (i["602"].value, i["602"].state) == (0.0, NOT_MET)
    assert i["603"].state == NO_DATA and i["603"].value is None
    assert i["603"].missing == ("综合服务设施/党群服务中心的建筑面积",)
    # The plan sets the terminal target for urban communities only.
    assert (i["604"].value, i["604"].state) == (0, NO_TARGET)
    assert (i["605"].value, i["605"].state) == (6.7, NOT_MET)  # 1 × 10000 / 1500
    assert i["605"].records == {"worker": (ids["w1"],)}

    i = by_code(store, "2026Q2")
    assert (i["601"].value, i["601"].state) == (1, MET)
    assert (i["602"].value, i["602"].state) == (25.0, NOT_MET)  # 150 × 100 / 600
    assert (i["603"].value, i["603"].state) == (66.7, MET)  # 100 × 100 / 150
    assert i["603"].records == {"facility": (ids["centre"],)}
    assert i["604"].state == NO_TARGET


def test_no_data_names_what_is_missing(tmp_path: Path) -> None:
    """No profile yet (户数, 常住人口 unknown) and a centre without its activity area."""
    store = open_store(tmp_path)
    facilities.add(store, {"name": "党群服务中心", "type_code": "F01", "floor_area": 120})
    i = by_code(store, "2026Q2")
    assert (i["601"].value, i["601"].state) == (1, MET)
    assert (i["602"].state, i["602"].missing) == (NO_DATA, ("户数",))
    assert i["603"].state == NO_DATA
    assert i["603"].missing == ("综合服务设施/党群服务中心的居民活动区域面积",)
    assert (i["605"].state, i["605"].missing) == (NO_DATA, ("常住人口",))


@pytest.mark.parametrize("period", ["2025Q4", "2026Q2"])
def test_indicators_equal_table_6_of_the_return(tmp_path: Path, period: str) -> None:
    """One computation: the panel's values are the return's own 表6 cells."""
    from commdesk.returns.compute import compute
    from commdesk.returns.definition import default_definition_path, load_definition

    store, _ = urban(tmp_path)
    result = compute(store, load_definition(default_definition_path()), Period.parse(period))
    for code, ind in by_code(store, period).items():
        assert ind.value == result.value("T6", code, "1")
        assert ind.target_text == result.value("T6", code, "2")
