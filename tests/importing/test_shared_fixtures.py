"""The three real-looking files in ../shared/fixtures (copied): exact counts, values read back."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from import_helpers import SHARED
from sqlalchemy import select

from commdesk.importing import commit_import, plan_import
from commdesk.store.models import AuditEntry
from commdesk.store.services.base import Query
from commdesk.store.services.service_records import service_records
from commdesk.store.services.volunteers import team_choices, teams, volunteers
from commdesk.store.services.workers import workers

EXPECTED = json.loads((SHARED / "expected.json").read_text(encoding="utf-8"))
ALL = Query(limit=None)
LOST_DIGITS = "stored as a number in Excel and has lost its last digits"
CHECK_DIGIT = "check digit"


def _by_id(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id_number"]: r for r in rows}


def test_volunteer_roster(store: Any, fixture_copy: Any) -> None:
    path = fixture_copy("志愿者花名册_2024.xlsx")
    expected = EXPECTED["志愿者花名册_2024.xlsx"]
    plan = plan_import(store, "volunteers", path)
    assert plan.header_rows == (2,)
    assert len(plan.to_add) == expected["accepted"] == 35
    assert len(plan.rejected) == expected["rejected"] == 5
    reasons = {r.row_number: r.reason for r in plan.rejected}
    # 序号 7, 19, 33 (sheet rows 9, 21, 36: title + header above, a blank row after 序号 20)
    assert all(LOST_DIGITS in reasons[row] for row in (9, 21, 36))
    assert all(CHECK_DIGIT in reasons[row] for row in (14, 30))
    assert (44, "total row") in plan.ignored_rows
    assert any("序号" in c for c in plan.ignored_columns)

    result = commit_import(store, plan, source_name=path.name)
    assert (result.added, result.rejected) == (35, 5)

    stored = volunteers.query(store, ALL)
    assert len(stored) == 35
    by_id = _by_id(stored)
    # Row 序号 5 and 22: phones in full-width digits, stored as plain digits.
    assert by_id["320102196601113394"]["mobile"] == "15338075899"
    assert by_id["330106198506173440"]["mobile"] == "15366390096"
    # Birth dates in four spellings, all read.
    assert by_id["42010219540119386X"]["birth_date"] == date(1954, 1, 19)
    assert by_id["420102195007156681"]["birth_date"] == date(1950, 7, 15)  # 1950年7月15日
    assert by_id["510104197908292158"]["birth_date"] == date(1979, 8, 29)  # 1979.8.29
    assert by_id["510104196612294387"]["birth_date"] == date(1966, 12, 29)  # 1966/12/29
    # 是 / √ / 否 / blank
    assert by_id["42010219540119386X"]["platform_registered"] is True
    assert by_id["370202198812046746"]["platform_registered"] is True
    assert by_id["420102195007156681"]["platform_registered"] is False
    assert by_id["320102196601113394"]["platform_registered"] is False
    assert by_id["42010219540119386X"]["political_status_code"] == "CYL"
    assert {r["name"] for r in stored} >= {"张霞勇", "曾珍福"}
    # Teams named in the roster were created and linked.
    assert sorted(name for _, name in team_choices(store)) == [
        "党员先锋队",
        "巾帼志愿服务队",
        "银龄志愿队",
    ]
    team_of = {tid: name for tid, name in team_choices(store)}
    assert team_of[by_id["42010219540119386X"]["team_id"]] == "党员先锋队"
    assert teams.count(store) == 3
    # Precision-lost and bad-check-digit people are not in the ledger.
    names = {r["name"] for r in stored}
    assert not names & {"邵琴玉", "邓霞强", "韩燕", "段兰", "向英"}

    with store.read() as s:
        events = list(s.scalars(select(AuditEntry).where(AuditEntry.action == "import")))
    assert len(events) == 1
    after = json.loads(events[0].after)
    assert after["source"] == path.name
    assert (after["added"], after["rejected"], after["skipped"]) == (35, 5, 0)
    assert events[0].table_name == "volunteer"


def test_service_ledger_totals(store: Any, fixture_copy: Any) -> None:
    path = fixture_copy("服务台账_2025.xlsx")
    expected = EXPECTED["服务台账_2025.xlsx"]
    plan = plan_import(store, "services", path)
    assert len(plan.to_add) == expected["accepted"] == 200
    assert not plan.rejected and not plan.skipped
    commit_import(store, plan, source_name=path.name)
    totals = service_records.totals(store, ALL)
    assert totals["rows"] == 200
    assert totals["people_served"] == expected["people"] == 3382.0
    assert totals["hours"] == expected["hours"] == 421.0
    rows = service_records.query(store, ALL)
    days = {r["service_date"] for r in rows}
    assert date(2025, 8, 13) in days  # written as "2025.8.13"
    assert date(2025, 12, 16) in days  # a date cell
    assert {r["channel_code"] for r in rows} == {"SITE", "HOME", "ONLINE"}
    assert "ZY01" in {r["category_code"] for r in rows}  # "志愿服务" is a synonym


def test_workers_gbk_csv(store: Any, fixture_copy: Any) -> None:
    path = fixture_copy("社区工作者.csv")
    plan = plan_import(store, "workers", path)
    assert plan.encoding == "GBK/GB18030"
    assert len(plan.to_add) == EXPECTED["社区工作者.csv"]["accepted"] == 12
    commit_import(store, plan)
    stored = _by_id(workers.query(store, ALL))
    assert len(stored) == 12
    first = stored["440305197503156253"]
    assert first["name"] == "覃敏"
    assert first["position_codes"] == ("DIR",)  # 主任
    assert first["education_code"] == "SEN"  # 高中 (synonym)
    assert first["sw_cert_code"] == "SW"  # 社会工作师
    assert first["employed_since"] == date(2016, 8, 1)  # 入职时间 2016/8/1
    assert stored["42010219951120402X"]["sw_cert_code"] == "NONE"  # 无


def test_reimport_adds_nothing(store: Any, fixture_copy: Any) -> None:
    for kind, name in (
        ("volunteers", "志愿者花名册_2024.xlsx"),
        ("services", "服务台账_2025.xlsx"),
        ("workers", "社区工作者.csv"),
    ):
        path = fixture_copy(name)
        first = commit_import(store, plan_import(store, kind, path))
        again = plan_import(store, kind, path)
        assert again.to_add == [] and again.to_update == []
        assert len(again.skipped) == first.added
    assert volunteers.count(store) == 35
    assert service_records.count(store) == 200
    assert workers.count(store) == 12
