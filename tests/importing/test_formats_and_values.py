"""Every normalisation, through every reader: values are read back from the database."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from import_helpers import (
    ID_F_1938,
    ID_F_1949,
    ID_F_1975,
    ID_F_1985,
    ID_F_1995,
    ID_M_1945,
    ID_M_1968,
    ID_M_1972,
    ID_M_1980,
    ID_M_1990,
    csv_file,
    xlsx,
)

from commdesk.importing import commit_import, plan_import
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import team_choices, volunteers

ALL = Query(limit=None)

# What the roster fixture (roster.xlsx / .xls / .ods) must store, field by field.
ROSTER = {
    ID_M_1980: dict(
        name="张三", gender="M", birth_date=date(1980, 1, 1), mobile="13800138000",
        political_status_code="CPC", platform_registered=True, joined_date=date(2020, 5, 1),
        status_code="active", notes="ABC12，备注", team="银龄志愿队",
    ),  # date cells; full-width letters in a note (Chinese comma kept)
    ID_F_1949: dict(
        name="李四", gender="F", birth_date=date(1949, 12, 31), mobile="13900139000",
        political_status_code="CPC", platform_registered=False, joined_date=date(2019, 3, 8),
        status_code="active", notes=None, team=None,
    ),  # full-width ID with spaces; +86 and dashes; 2023/5/1; 2023.5.1; 党员 synonym; 否
    ID_M_1990: dict(
        name="王五", gender="M", birth_date=date(1990, 5, 6), mobile="15800158000",
        political_status_code="MASS", platform_registered=True, joined_date=date(2018, 1, 2),
        status_code="active", notes=None, team="党员先锋队",
    ),  # M; full-width phone; 1990年5月6日; pinyin initials qz; √; 20180102; 在岗 synonym
    ID_F_1985: dict(
        name="赵六", gender="F", birth_date=date(1985, 7, 9), mobile="13700137000",
        political_status_code="CYL", platform_registered=False, joined_date=date(2020, 1, 1),
        status_code="active", notes=None, team=None,
    ),  # F; phone as a number cell; compact 19850709; ×; Excel serial 43831
    ID_F_1975: dict(
        name="钱七", gender="F", birth_date=date(1975, 3, 4), mobile="13600136000",
        political_status_code="MASS", platform_registered=True, joined_date=date(2021, 6, 7),
        status_code="active", notes=None, team=None,
    ),  # datetime cells; 有
    ID_M_1968: dict(
        name="孙八", gender="M", birth_date=date(1968, 2, 29), mobile=None,
        political_status_code="CYL", platform_registered=False, joined_date=None,
        status_code="active", notes=None, team=None,
    ),  # 团员 synonym; 无
    ID_M_1972: dict(
        name="周九", gender="M", birth_date=date(1972, 11, 11), platform_registered=True
    ),
    ID_F_1995: dict(
        name="吴十", gender="F", birth_date=date(1995, 6, 20), platform_registered=False
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", ["roster.xlsx", "roster.xls", "roster.ods"])
def test_roster_in_every_format(store: Any, fixture_copy: Any, name: str) -> None:
    path = fixture_copy(name)
    plan = plan_import(store, "volunteers", path)
    assert plan.sheet == "花名册"  # the hidden 旧名单 sheet is skipped
    assert any("旧名单" in note for note in plan.notes)
    assert plan.header_rows == (2,)  # below the merged title row
    counts = plan.counts()
    assert (counts["added"], counts["skipped"], counts["rejected"]) == (8, 1, 2)
    reasons = {r.row_number: r.reason for r in plan.rejected}
    assert "lost its last digits" in reasons[12]
    assert "check digit" in reasons[13]
    assert "duplicate of row 3" in plan.skipped[0].reason
    assert (15, "total row") in plan.ignored_rows
    commit_import(store, plan, source_name=name)

    teams = {tid: team for tid, team in team_choices(store)}
    stored = {r["id_number"]: r for r in volunteers.query(store, ALL)}
    assert set(stored) == set(ROSTER)
    for id_number, expected in ROSTER.items():
        row = stored[id_number]
        for field, value in expected.items():
            if field == "team":
                assert teams.get(row["team_id"]) == value, (id_number, field)
            else:
                assert row[field] == value, (id_number, field, row[field])
    assert ID_F_1938 not in stored  # the hidden sheet's person


def test_hidden_sheet_by_name(store: Any, fixture_copy: Any) -> None:
    plan = plan_import(store, "volunteers", fixture_copy("roster.xlsx"), sheet="旧名单")
    assert [r.values["id_number"] for r in plan.to_add] == [ID_F_1938]


def test_unknown_sheet_lists_sheets(store: Any, fixture_copy: Any) -> None:
    from commdesk.importing import ImportFileError

    with pytest.raises(ImportFileError, match="旧名单"):
        plan_import(store, "volunteers", fixture_copy("roster.xlsx"), sheet="没有")


def test_two_row_header_services(store: Any, fixture_copy: Any) -> None:
    for name, id_number in (
        ("张三", ID_M_1980),
        ("李四", ID_F_1949),
        ("王五", ID_M_1990),
        ("重名", ID_F_1985),
        ("重名", ID_F_1975),
    ):
        volunteers.add(store, {"name": name, "id_number": id_number})
    ids = {r["name"]: r["id"] for r in volunteers.query(store, ALL) if r["name"] != "重名"}
    plan = plan_import(store, "services", fixture_copy("services_two_row.xlsx"))
    assert plan.header_rows == (3, 4)
    assert plan.mapping["服务对象姓名"] == "recipient_name"
    assert plan.mapping["服务对象身份证号"] == "recipient_id_number"
    assert plan.mapping["对象类别"] == "target_group_code"
    assert (8, "subtotal row") in plan.ignored_rows and (11, "total row") in plan.ignored_rows
    assert not plan.rejected
    warnings = [message for _, message in plan.warnings]
    assert any("不存在的人" in w and "not in the volunteer roster" in w for w in warnings)
    assert any("重名" in w and "2 volunteers" in w for w in warnings)
    commit_import(store, plan)

    rows = {r["service_date"]: r for r in service_records.query(store, ALL)}
    assert sorted(rows) == [date(2025, 3, d) for d in (1, 2, 3, 4, 5)]
    first = rows[date(2025, 3, 1)]
    assert first["recipient_name"] == "张大爷" and first["recipient_id_number"] == ID_M_1945
    assert (first["category_code"], first["target_group_code"]) == ("WM01", "ELD")
    assert (first["people_served"], first["hours"], first["channel_code"]) == (1, 2.0, "HOME")
    assert first["volunteers"] == sorted([ids["张三"], ids["李四"]])
    second = rows[date(2025, 3, 2)]
    assert second["category_code"] == "WM01"  # "ylfw": pinyin initials of 养老服务
    assert second["target_group_code"] == "ELD"  # 老人
    assert second["volunteers"] == sorted([ids["张三"], ids["王五"]])  # "张三,王五"
    assert rows[date(2025, 3, 3)]["category_code"] == "ZY01"  # 志愿服务
    assert rows[date(2025, 3, 3)]["volunteers"] == []  # unknown name: imported, not linked
    assert rows[date(2025, 3, 4)]["channel_code"] == "PROXY"  # 2025年3月4日
    fifth = rows[date(2025, 3, 5)]  # 20250305 typed into a number cell
    assert (fifth["target_group_code"], fifth["channel_code"]) == ("DIF", "SITE")
    assert fifth["volunteers"] == []  # ambiguous name: not linked
    assert service_records.totals(store, ALL)["people_served"] == 46


HEADER_SPELLINGS = {
    "volunteers": {
        "姓名": "name", "名字": "name", "身份证号": "id_number", "身份证号码": "id_number",
        "公民身份号码": "id_number", "证件号码": "id_number", "联系电话": "mobile",
        "手机": "mobile", "手机号": "mobile", "电话": "mobile", "性别": "gender",
        "出生日期": "birth_date", " 姓 名 ": "name", "身份证号\n(18位)": "id_number",
        "手机号码*": "mobile", "ＩＤ ｎｕｍｂｅｒ": "id_number", "Name": "name",
    },
    "services": {
        "服务日期": "service_date", "日期": "service_date", "时间": "service_date",
        "服务类别": "category_code", "服务项目": "category_code", "服务人次": "people_served",
        "人次": "people_served", "人数": "people_served", "服务时长": "hours",
        "时长(小时)": "hours", "时长（小时）": "hours", "小时": "hours",
        "服务时长（小时）": "hours", "服务对象": "target_group_code",
    },
    "workers": {"入职时间": "employed_since", "社工证": "sw_cert_code", "职务": "position_codes"},
    "facilities": {"建筑面积(㎡)": "floor_area", "其中：居民活动区域面积（m²）": "activity_area"},
}  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [(k, h, f) for k, spellings in HEADER_SPELLINGS.items() for h, f in spellings.items()],
)
def test_header_spellings(kind: str, header: str, field: str) -> None:
    from commdesk.importing.headers import HeaderMatcher
    from commdesk.importing.kinds import kind_for

    assert HeaderMatcher(kind_for(kind).ledger).match(header).field == field


def test_header_spellings_end_to_end(store: Any, tmp_path: Path) -> None:
    """One file per spelling set; stored values prove the columns were used."""
    path = xlsx(
        tmp_path / "a.xlsx",
        [
            ["证件号码", " 名 字 ", "手机\n号码", "出生\n年月", "备 注"],
            [ID_M_1980, "张三", "１３８ ００１３ ８０００", "1980-01-01", "+1 不是公式"],
        ],
    )
    commit_import(store, plan_import(store, "volunteers", path))
    row = volunteers.query(store, ALL)[0]
    assert (row["id_number"], row["name"], row["mobile"]) == (ID_M_1980, "张三", "13800138000")
    assert row["notes"] == "+1 不是公式"


def test_service_values_and_units(store: Any, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "s.xlsx",
        [
            ["日期", "服务项目", "人数", "小时", "服务对象", "方式"],
            ["2023-05-01", "养老", "3人", "3小时", "老人", "入户"],
            ["2023/5/2", "tyfw", "１２人次", "1.5h", "婴幼儿", "网上"],
            ["2023.5.3", "助残服务", 7, 2, "残障人士", "代办"],
            ["2023年5月4日", "就业服务", "2", "0.5", None, None],
            ["20230505", "AM02", "12人", "", "", ""],
            [45056, "家政服务", "1", None, "退役军人", "现场"],
        ],
    )
    plan = plan_import(store, "services", path)
    assert not plan.rejected, [r.reason for r in plan.rejected]
    commit_import(store, plan)
    rows = {r["service_date"]: r for r in service_records.query(store, ALL)}
    assert [rows[date(2023, 5, d)]["category_code"] for d in range(1, 6)] == [
        "WM01", "WM02", "WM03", "WM06", "AM02",
    ]  # fmt: skip
    assert [rows[date(2023, 5, d)]["people_served"] for d in range(1, 6)] == [3, 12, 7, 2, 12]
    assert [rows[date(2023, 5, d)]["hours"] for d in range(1, 6)] == [3.0, 1.5, 2.0, 0.5, None]
    assert [rows[date(2023, 5, d)]["target_group_code"] for d in range(1, 6)] == [
        "ELD",
        "INF",
        "DIS",
        "GEN",
        "GEN",
    ]  # fmt: skip  blank → the field's default, as in the entry form
    assert rows[date(2023, 5, 1)]["channel_code"] == "HOME"
    assert rows[date(2023, 5, 2)]["channel_code"] == "ONLINE"
    assert rows[date(2023, 5, 4)]["channel_code"] == "SITE"
    serial = rows[date(2023, 5, 10)]  # Excel serial 45056 in a number cell
    assert (serial["category_code"], serial["target_group_code"]) == ("BM03", "VET")


def test_ambiguous_and_unknown_categories_reject(store: Any, tmp_path: Path) -> None:
    path = xlsx(
        tmp_path / "s.xlsx",
        [["日期", "服务类别"], ["2023-05-01", "不存在的类别"], ["2023-05-02", "养老服务"]],
    )
    plan = plan_import(store, "services", path)
    assert [r.row_number for r in plan.rejected] == [2]
    assert "not in the list" in plan.rejected[0].reason


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("gbk", ","), ("gb18030", ","), ("utf-8", ","), ("utf-8-sig", ","), ("utf-16", "\t")],
)
def test_csv_encodings(store: Any, tmp_path: Path, encoding: str, sep: str) -> None:
    name = "䶮晓" if encoding in ("gb18030", "utf-8", "utf-8-sig", "utf-16") else "张晓"
    path = csv_file(
        tmp_path / "w.csv",
        [["姓名", "身份证号", "职务"], [name, ID_M_1980, "书记"], ["李四", ID_F_1949, "网格员"]],
        encoding,
        sep,
    )
    plan = plan_import(store, "workers", path)
    assert len(plan.to_add) == 2, [r.reason for r in plan.rejected]
    commit_import(store, plan)
    from commdesk.store.services.workers import workers

    stored = {r["id_number"]: r for r in workers.query(store, ALL)}
    assert stored[ID_M_1980]["name"] == name
    assert stored[ID_F_1949]["position_codes"] == ("GRID",)


def test_csv_precision_lost_text(store: Any, tmp_path: Path) -> None:
    """A CSV saved from Excel carries 4.20102E+17 or 420102196607230000 as text."""
    path = csv_file(
        tmp_path / "v.csv",
        [
            ["姓名", "身份证号"],
            ["甲", "4.20102E+17"],
            ["乙", "110105199001011000"],
            ["丙", ID_M_1972],
        ],
        "utf-8",
    )
    plan = plan_import(store, "volunteers", path)
    assert [r.values["id_number"] for r in plan.to_add] == [ID_M_1972]
    assert all("lost its last digits" in r.reason for r in plan.rejected)
    assert ID_F_1995  # (kept for symmetry with the roster constants)
