"""A small community whose every return figure was worked out by hand.

The expected numbers below were counted from the rows this file creates, not
produced by the code under test. Dates sit on period boundaries on purpose.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any

import pytest
from stdnum.cn import ric

from commdesk.domain.periods import Period
from commdesk.returns.audit import audit, rule_issues, structural_issues
from commdesk.returns.compute import compute
from commdesk.returns.definition import default_definition_path, load_definition
from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.periods import log_export
from commdesk.store.services.profile import save_profile
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import teams, volunteers
from commdesk.store.services.workers import workers


def make_id(birth: str, male: bool, seq: int = 1) -> str:
    body = f"110105{birth.replace('-', '')}{seq:02d}{1 if male else 2}"
    return body + ric.calc_check_digit(body + "0")


PROFILE = {
    "name": "测试社区居民委员会",
    "kind": "urban",
    "division_code": "110105001001",
    "township_name": "朝外街道",
    "households": 500,
    "resident_population": 1300,
    "registered_population": 1200,
    "committee_members": 2,  # W1 and W2 on 30 Sept (W5 left in August): 表5 两委 column
    "secretary_is_director": False,
    "unit_head": "王建国",
    "statistics_head": "李明",
    "preparer": "张丽",
    "phone": "010-65001234",
}


def build(store: Any) -> dict[str, int]:
    save_profile(store, PROFILE)
    ids: dict[str, int] = {}
    w = [
        ("W1", "赵一", "1975-03-15", True, "SEC", True, "BA", "SW", "2015-01-01", None),
        ("W2", "钱二", "1992-10-01", False, "DIR", True, "COL", "ASSIST", "2018-01-01", None),
        ("W3", "孙三", "1980-01-01", True, "GRID", False, "SEN", "NONE", "2020-01-01", None),
        ("W4", "李四", "1999-05-05", True, "PRO", False, "BA", "SENIOR", "2026-10-15", None),
        ("W5", "周五", "1960-06-06", True, "MEM", True, "JUN", "NONE", "2010-01-01", "2026-08-31"),
        ("W6", "吴六", "1970-07-07", True, "OTH", False, "BA", "SW", "2010-01-01", None),
    ]
    for i, (key, name, birth, male, pos, member, edu, cert, since, left) in enumerate(w):
        ids[key] = workers.add(
            store,
            {
                "name": name,
                "id_number": make_id(birth, male, i),
                "position_codes": (pos,),
                "is_committee_member": member,
                "education_code": edu,
                "sw_cert_code": cert,
                "employed_since": since,
                "left_date": left,
                "status_code": "inactive" if left else "active",
            },
        )
    workers.delete(store, [ids["W6"]])
    ids["A"] = teams.add(store, {"name": "A队", "founded_date": "2019-01-01"})
    ids["B"] = teams.add(store, {"name": "B队", "founded_date": "2026-07-01"})
    ids["C"] = teams.add(store, {"name": "C队", "founded_date": "2019-01-01"})
    ids["D"] = teams.add(
        store, {"name": "D队", "founded_date": "2019-01-01", "dissolved_date": "2026-08-01"}
    )
    teams.delete(store, [ids["C"]])
    v = [
        ("V1", "郑一", "1950-01-01", False, True, "2020-01-01", None, "A"),
        ("V2", "冯二", "2000-02-02", True, False, "2026-08-10", None, "A"),
        ("V3", "陈三", "1980-03-03", True, True, "2026-07-01", None, "B"),
        ("V4", "褚四", "1990-04-04", False, True, "2019-05-05", "2026-09-30", None),
        ("V5", "卫五", "1985-05-05", True, True, "2019-05-05", None, None),
    ]
    for i, (key, name, birth, male, reg, joined, left, team) in enumerate(v):
        ids[key] = volunteers.add(
            store,
            {
                "name": name,
                "id_number": make_id(birth, male, 10 + i),
                "platform_registered": reg,
                "joined_date": joined,
                "left_date": left,
                "status_code": "inactive" if left else "active",
                "team_id": ids[team] if team else None,
            },
        )
    volunteers.delete(store, [ids["V5"]])
    f = [
        ("F1", "党群服务中心", "F01", 800, 560, "in_use", True, True, None),
        ("F2", "文化活动室", "F05", 120, 100, "in_use", True, False, None),
        ("F3", "日间照料中心", "F02", 300, None, "construction", False, False, None),
        ("F4", "健身广场", "F07", 500, 500, "closed", False, False, "2026-08-01"),
    ]
    for key, name, type_code, floor, activity, status, bf, term, closed in f:
        ids[key] = facilities.add(
            store,
            {
                "name": name,
                "type_code": type_code,
                "floor_area": floor,
                "activity_area": activity,
                "status_code": status,
                "barrier_free": bf,
                "self_service_terminal": term,
                "closed_on": closed,
            },
        )
    s = [
        ("S1", "2026-07-01", "WM01", "ELD", 10, 2, "HOME", "STAFF", ["V1", "V2"]),
        ("S2", "2026-08-15", "WM01", "DIS", 5, 1.5, "SITE", "STAFF", []),
        ("S3", "2026-09-30", "BM01", "GEN", 3, 0.5, "ONLINE", "STAFF", []),
        ("S4", "2026-09-10", "ZY01", "MIN", 20, 3, "SITE", "TEAM", ["V1", "V3"]),
        ("S5", "2026-08-01", "AM02", "DIF", 2, 1, "HOME", "STAFF", []),
        ("S6", "2026-06-30", "WM01", "ELD", 100, 1, "SITE", "STAFF", []),
        ("S7", "2026-10-01", "WM01", "ELD", 100, 1, "SITE", "STAFF", []),
        ("S8", "2026-08-20", "WM01", "ELD", 50, 1, "SITE", "STAFF", ["V3"]),
    ]
    for key, day, cat, tg, people, hours, channel, provider, vols in s:
        ids[key] = service_records.add(
            store,
            {
                "service_date": day,
                "category_code": cat,
                "target_group_code": tg,
                "people_served": people,
                "hours": hours,
                "channel_code": channel,
                "provider_kind_code": provider,
                "volunteers": [ids[x] for x in vols],
            },
        )
    service_records.delete(store, [ids["S8"]])
    return ids


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> Any:
    store = open_store(tmp_path_factory.mktemp("community"))
    build(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def definition() -> Any:
    return load_definition(default_definition_path())


def table(result: Any, code: str) -> dict[str, dict[str, Any]]:
    return result.table(code).values


def nonzero(values: dict[str, dict[str, Any]]) -> dict[str, list[Any]]:
    return {
        r: list(cols.values())
        for r, cols in values.items()
        if any(v not in (0, None) for v in cols.values())
    }


def test_quarter_every_table(community: Any, definition: Any) -> None:
    r = compute(community, definition, Period.parse("2026Q3"))
    assert {k: v["1"] for k, v in table(r, "T1").items()} == {
        "101": 500,
        "102": 1300,
        "103": 1200,
        "104": 2,
        "105": 0,
        "106": 3,
        "107": 2,
        "108": 3,
        "109": 2,
        "110": 2,
        "111": 2,
    }
    assert nonzero(table(r, "T2")) == {
        "TOTAL": [2, 920.0, 660.0, 2, 1, 1],
        "F01": [1, 800.0, 560.0, 1, 1, 0],
        "F02": [0, 0, 0, 0, 0, 1],
        "F05": [1, 120.0, 100.0, 1, 0, 0],
    }
    assert nonzero(table(r, "T3")) == {
        # Column 11 (志愿者参与人次): S1's two named volunteers, S4's team with two named.
        "TOTAL": [5, 40, 8.0, 10, 5, 20, 2, 2, 2, 1, 4],
        "WM": [2, 15, 3.5, 10, 5, 0, 0, 1, 1, 0, 2],
        "WM01": [2, 15, 3.5, 10, 5, 0, 0, 1, 1, 0, 2],
        "BM": [1, 3, 0.5, 0, 0, 0, 0, 0, 0, 1, 0],
        "BM01": [1, 3, 0.5, 0, 0, 0, 0, 0, 0, 1, 0],
        "AM": [1, 2, 1.0, 0, 0, 0, 2, 0, 1, 0, 0],
        "AM02": [1, 2, 1.0, 0, 0, 0, 2, 0, 1, 0, 0],
        "ZY": [1, 20, 3.0, 0, 0, 20, 0, 1, 0, 0, 2],
        "ZY01": [1, 20, 3.0, 0, 0, 20, 0, 1, 0, 0, 2],
    }
    assert {k: v["1"] for k, v in table(r, "T4").items()} == {
        "401": 3,
        "402": 2,
        "403": 3,
        "404": 10.0,
        "405": 3.33,
        "406": 1,
        "407": 1,
        "408": 1,
        "409": 2,
        "410": 1,
        "411": 2,
    }
    assert nonzero(table(r, "T5")) == {
        "TOTAL": [3, 2, 2, 2, 1, 1, 1, 1],
        "SEC": [1, 1, 1, 1, 1, 0, 0, 1],
        "DIR": [1, 1, 1, 1, 0, 1, 0, 0],
        "GRID": [1, 0, 0, 0, 0, 0, 1, 0],
    }
    assert {k: v["1"] for k, v in table(r, "T6").items()} == {
        "601": 1,
        "602": 160.0,
        "603": 70.0,
        "604": 1,
        "605": 23.1,
    }
    assert table(r, "T6")["602"]["2"] == "≥30"


def test_month_stock_and_flow(community: Any, definition: Any) -> None:
    r = compute(community, definition, Period.parse("2026-07"))
    assert table(r, "T3")["TOTAL"]["1"] == 1 and table(r, "T3")["TOTAL"]["2"] == 10
    t1 = {k: v["1"] for k, v in table(r, "T1").items()}
    assert t1["106"] == 4  # W5 still employed on 31 July; W4 not yet
    assert t1["108"] == 3  # V1, V3 (joined 1 July), V4 (leaves 30 Sept)
    assert table(r, "T4")["402"]["1"] == 1  # only V3 joined in July
    assert t1["110"] == 3  # A, B (founded 1 July), D (dissolved 1 Aug)
    assert t1["111"] == 3  # the sports ground closed on 1 Aug: in use on 31 July


def test_half_and_year(community: Any, definition: Any) -> None:
    h2 = compute(community, definition, Period.parse("2026H2"))
    assert table(h2, "T3")["TOTAL"]["1"] == 6 and table(h2, "T3")["TOTAL"]["2"] == 140
    assert table(h2, "T1")["106"]["1"] == 4  # W4 employed since 15 Oct
    year = compute(community, definition, Period.parse("2026"))
    assert table(year, "T3")["TOTAL"]["1"] == 7
    assert table(year, "T3")["TOTAL"]["2"] == 240
    q2 = compute(community, definition, Period.parse("2026Q2"))
    assert table(q2, "T3")["TOTAL"]["1"] == 1  # S6 on 30 June
    assert table(q2, "T4")["403"]["1"] == 0


def test_clean_quarter_has_no_errors(community: Any, definition: Any) -> None:
    r = compute(community, definition, Period.parse("2026Q3"))
    assert [i for i in audit(r, store=community) if i.is_error] == []


# ------------------------------------------------------------------ audit rules
@pytest.fixture
def small(tmp_path: Any) -> Any:
    store = open_store(tmp_path)
    save_profile(store, PROFILE | {"committee_members": 0})  # no workers
    facilities.add(
        store, {"name": "中心", "type_code": "F01", "floor_area": 400, "activity_area": 300}
    )
    service_records.add(
        store,
        {"service_date": "2026-08-01", "category_code": "WM01", "people_served": 4, "hours": 2},
    )
    yield store
    store.close()


def raw(store: Any, sql: str) -> None:
    con = sqlite3.connect(store.path)
    con.execute(sql)
    con.commit()
    con.close()


def codes(store: Any, definition: Any, period: str = "2026Q3", **kw: Any) -> dict[str, str]:
    r = compute(store, definition, Period.parse(period))
    return {i.code: i.message for i in audit(r, store=store, **kw)}


def test_no_issues_on_clean_small_store(small: Any, definition: Any) -> None:
    assert codes(small, definition) == {}


def test_activity_area_above_floor_area_is_an_error(small: Any, definition: Any) -> None:
    raw(small, "UPDATE facility SET activity_area = 500")
    found = codes(small, definition)
    assert "E-T2-C3-LE-C2" in found
    assert "居民活动区域面积" in found["E-T2-C3-LE-C2"]


def test_unknown_category_breaks_total_sum(small: Any, definition: Any) -> None:
    raw(small, "UPDATE service_record SET category_code = 'QQ99'")
    assert "E-T3-TOTAL-SUM" in codes(small, definition)


def test_profile_rules(small: Any, definition: Any) -> None:
    # Returns read the counted fields as dated in community_version.
    raw(small, "UPDATE community_version SET households = 0")
    raw(small, "UPDATE community SET division_code = '12345'")
    found = codes(small, definition)
    assert {"E-PROFILE-HOUSEHOLDS", "E-PROFILE-DIVISION-CODE"} <= set(found)
    raw(small, "UPDATE community_version SET households = 100, resident_population = 0")
    assert "E-PROFILE-POPULATION" in codes(small, definition)


def test_persons_per_household_warning(small: Any, definition: Any) -> None:
    raw(small, "UPDATE community_version SET resident_population = 9000")  # 18 per household
    assert "W-PERSONS-PER-HOUSEHOLD" in codes(small, definition)


def test_cross_table_rules(small: Any, definition: Any) -> None:
    r = compute(small, definition, Period.parse("2026Q3"))
    r.table("T5").values["TOTAL"]["1"] = 99
    r.table("T4").values["401"]["1"] = 99
    r.table("T4").values["411"]["1"] = 99
    found = {i.code for i in rule_issues(r)}
    assert {"E-T1-106-T5", "E-T1-108-T4", "E-T1-110-T4"} <= found


def test_of_which_row_above_parent(small: Any, definition: Any) -> None:
    r = compute(small, definition, Period.parse("2026Q3"))
    r.table("T1").values["107"]["1"] = 5  # certified workers > workers
    assert "E-T1-107-LE-106" in {i.code for i in structural_issues(r)}


def test_record_level_warnings_point_at_records(small: Any, definition: Any) -> None:
    big = service_records.add(
        small,
        {"service_date": "2026-08-02", "category_code": "WM01", "people_served": 600, "hours": 30},
    )
    r = compute(small, definition, Period.parse("2026Q3"))
    issues = {i.code: i for i in audit(r, store=small)}
    assert issues["W-SERVICE-HOURS"].drill["ids"] == [big]
    assert issues["W-SERVICE-PEOPLE"].message.startswith("有1条")


def test_missing_comprehensive_facility_warning(small: Any, definition: Any) -> None:
    raw(small, "UPDATE facility SET type_code = 'F05'")
    found = codes(small, definition)
    assert "W-NO-COMPREHENSIVE-FACILITY" in found


def test_change_against_previous_export(small: Any, definition: Any) -> None:
    from datetime import datetime

    prev = {"T3": {"TOTAL": {"1": 1, "2": 40, "3": 2.0}}}
    log_export(
        small,
        period=Period.parse("2026Q2"),
        definition_id=definition.id,
        definition_version=definition.version,
        file_name="q2.xlsx",
        values=prev,
        sha256="x",
        exported_at=datetime(2026, 7, 5),
    )
    from commdesk.returns.export import prepare

    prepared = prepare(small, definition, Period.parse("2026Q3"), today=date(2026, 11, 1))
    found = {i.code: i.message for i in prepared.issues}
    assert "W-T3-CHANGE" in found
    message = found["W-T3-CHANGE"]
    assert "服务人次" in message and "上期40" in message and "本期4" in message
    assert "服务次数" not in message  # 1 → 1 is no change
    assert "服务时长" not in message  # 2 → 2


def test_soft_deleted_rows_never_count(small: Any, definition: Any) -> None:
    before = compute(small, definition, Period.parse("2026Q3"))
    sid = service_records.add(
        small, {"service_date": "2026-09-01", "category_code": "BM01", "people_served": 9}
    )
    service_records.delete(small, [sid])
    after = compute(small, definition, Period.parse("2026Q3"))
    assert after.flat_values() == before.flat_values()


def test_today_is_not_used_for_past_periods(small: Any, definition: Any) -> None:
    r = compute(small, definition, Period.parse("2026Q3"))
    assert r.period.last_day == date(2026, 9, 30)


def test_rounding_is_half_up() -> None:
    from commdesk.returns.compute import _round

    assert _round(2.25, 1) == 2.3
    assert _round(320.25, 1) == 320.3
    assert _round(2.5, 0) == 3
    assert _round(10 / 3, 2) == 3.33
