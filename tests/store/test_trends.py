"""The series the overview's charts draw, against sums worked out by hand."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from stdnum.cn import ric

from commdesk.domain.periods import Period
from commdesk.store.catalogue_store import load_catalogues
from commdesk.store.engine import db_path, open_store
from commdesk.store.services.service_records import service_records
from commdesk.store.services.trends import month_window, service_trend, volunteer_trend
from commdesk.store.services.volunteers import volunteers

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _id(seq: int) -> str:
    body = f"11010519900101{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def service(store: Any, day: str, code: str, people: int, hours: float, vols=()) -> int:
    return service_records.add(
        store,
        {
            "service_date": date.fromisoformat(day),
            "category_code": code,
            "target_group_code": "GEN",
            "people_served": people,
            "hours": hours,
            "volunteers": list(vols),
        },
    )


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = open_store(tmp_path)
    v1 = volunteers.add(s, {"name": "甲", "id_number": _id(1), "joined_date": date(2024, 1, 1)})
    v2 = volunteers.add(s, {"name": "乙", "id_number": _id(2), "joined_date": date(2024, 1, 1)})
    service(s, "2024-06-30", "WM01", 9, 9.0)  # outside the window (Jul 2024 – Jun 2026)
    service(s, "2024-07-01", "WM01", 4, 1.5, [v1])  # first day of the window
    service(s, "2024-07-31", "WM02", 2, 0.5, [v1, v2])
    service(s, "2024-07-15", "BM01", 3, 1.0)
    service(s, "2026-06-30", "AM02", 5, 2.0, [v2])  # last day of the window
    service(s, "2026-06-01", "ZY01", 10, 3.0, [v1, v2])
    gone = service(s, "2026-06-02", "ZY01", 100, 100.0, [v1])
    service_records.delete(s, [gone])  # deleted: never counted
    return s


def test_window_is_24_months_ending_with_the_period() -> None:
    months = month_window(date(2026, 6, 30))
    assert len(months) == 24 and months[0] == "2024-07" and months[-1] == "2026-06"


def test_services_per_month_by_group(store: Any) -> None:
    trend = service_trend(store, load_catalogues(store), Period.parse("2026Q2").last_day)
    first, last = 0, 23
    assert trend.records["WM"][first] == 2  # 1 Jul and 31 Jul (the 30 Jun one is outside)
    assert trend.people["WM"][first] == 6.0  # 4 + 2
    assert trend.hours["WM"][first] == 2.0  # 1.5 + 0.5
    assert (trend.records["BM"][first], trend.people["BM"][first]) == (1, 3.0)
    assert (trend.records["AM"][last], trend.hours["AM"][last]) == (1, 2.0)
    assert (trend.records["ZY"][last], trend.people["ZY"][last]) == (1, 10.0)  # deleted one out
    assert sum(sum(v) for v in trend.records.values()) == 5


def test_volunteers_active_per_month_and_hours(store: Any) -> None:
    trend = volunteer_trend(store, date(2026, 6, 30))
    # Jul 2024: v1 on two services, v2 on one → 2 people; hours 1.5 + 0.5 + 0.5.
    assert (trend.active[0], trend.hours[0]) == (2, 2.5)
    # Jun 2026: v1, v2 on ZY01 (3 h each), v2 on AM02 (2 h); the deleted one is out.
    assert (trend.active[23], trend.hours[23]) == (2, 8.0)
    assert sum(trend.active[1:23]) == 0


def test_upgrade_adds_the_trend_index_the_query_reads(tmp_path: Path) -> None:
    """A database of an earlier schema gains the covering index on upgrade (0009)."""
    target = db_path(tmp_path)
    shutil.copy(FIXTURES / "schema_0005.sqlite", target)
    open_store(tmp_path).close()
    con = sqlite3.connect(target)
    plan = " ".join(
        str(r)
        for r in con.execute(
            "EXPLAIN QUERY PLAN SELECT service_date, category_code, count(*), "
            "sum(people_served), sum(hours) FROM service_record WHERE deleted_at IS NULL "
            "AND service_date BETWEEN '2024-07-01' AND '2026-06-30' "
            "GROUP BY service_date, category_code"
        )
    )
    con.close()
    assert "COVERING INDEX ix_service_record_trend" in plan
