"""The profile's counted fields are kept with the date from which they hold."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from commdesk.domain.periods import Period
from commdesk.returns.compute import compute
from commdesk.returns.definition import default_definition_path, load_definition
from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import check_file
from commdesk.store.migrate import upgrade
from commdesk.store.services.profile import (
    SINCE_ALWAYS,
    get_profile,
    profile_history,
    save_profile,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_first_profile_holds_for_every_earlier_period(store_with_profile: Any) -> None:
    history = profile_history(store_with_profile)
    assert [v["valid_from"] for v in history] == [SINCE_ALWAYS]
    assert get_profile(store_with_profile, on=date(2001, 1, 1))["households"] == 1000


def test_change_holds_from_its_date_and_old_value_before(store_with_profile: Any) -> None:
    store = store_with_profile
    save_profile(store, {"households": 1200, "unit_head": "赵六"}, effective=date(2026, 7, 1))
    assert get_profile(store, on=date(2026, 6, 30))["households"] == 1000
    assert get_profile(store, on=date(2026, 6, 30))["unit_head"] == "王建国"
    assert get_profile(store, on=date(2026, 7, 1))["households"] == 1200
    assert get_profile(store, on=date(2026, 7, 1))["unit_head"] == "赵六"
    assert get_profile(store)["households"] == 1200  # the row shows the latest values
    # Saving a field that is not counted (the name) writes no new version.
    save_profile(store, {"name": "幸福社区"}, effective=date(2026, 9, 1))
    assert len(profile_history(store)) == 2
    assert get_profile(store, on=date(2026, 6, 30))["name"] == "幸福社区"


def test_back_dated_change_stops_at_the_fields_own_next_change(store_with_profile: Any) -> None:
    store = store_with_profile
    save_profile(store, {"households": 1200}, effective=date(2026, 7, 1))
    save_profile(store, {"committee_members": 9}, effective=date(2026, 10, 1))
    # Back-dated: committee members were 8 from March; the October change still holds.
    save_profile(
        store, {"committee_members": 8, "phone": "010-65009999"}, effective=date(2026, 3, 1)
    )
    on = {d: get_profile(store, on=d) for d in (date(2026, 2, 1), date(2026, 3, 1),
                                                 date(2026, 8, 1), date(2026, 11, 1))}  # fmt: skip
    assert [on[d]["committee_members"] for d in sorted(on)] == [7, 8, 8, 9]
    assert [on[d]["households"] for d in sorted(on)] == [1000, 1000, 1200, 1200]
    assert [on[d]["phone"] for d in sorted(on)] == [
        "010-65001234",
        "010-65009999",
        "010-65009999",
        "010-65009999",
    ]
    # Two saves on the same date replace that date's values instead of adding a version.
    save_profile(store, {"households": 1250}, effective=date(2026, 7, 1))
    assert get_profile(store, on=date(2026, 7, 1))["households"] == 1250
    assert len(profile_history(store)) == 4


def test_return_uses_values_in_force_on_the_periods_last_day(store_with_profile: Any) -> None:
    store = store_with_profile
    save_profile(store, {"households": 1200, "preparer": "钱七"}, effective=date(2026, 7, 1))
    definition = load_definition(default_definition_path())
    h1 = compute(store, definition, Period.parse("2026H1"))
    h2 = compute(store, definition, Period.parse("2026H2"))
    assert h1.value("T1", "101", "1") == 1000
    assert h2.value("T1", "101", "1") == 1200
    assert (h1.profile["preparer"], h2.profile["preparer"]) == ("张丽", "钱七")


def test_migration_carries_todays_values_since_the_earliest_record(data_dir: Path) -> None:
    target = db_path(data_dir)
    shutil.copy(FIXTURES / "schema_0003.sqlite", target)
    store = open_store(data_dir)
    try:
        history = profile_history(store)
        profile = get_profile(store)
    finally:
        store.close()
    # The fixture's earliest dated record: a worker employed since 2015-01-01.
    assert [v["valid_from"] for v in history] == [date(2015, 1, 1)]
    assert history[0]["households"] == profile["households"] == 1200
    assert history[0]["phone"] == "010-65001234"
    assert check_file(target).ok


def test_migration_of_empty_ledgers_uses_a_far_past_date(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    upgrade(path, "0003")
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO community (id, name, kind, division_code, township_name, households, "
            "resident_population, secretary_is_director, created_at, updated_at, created_by, "
            "updated_by) VALUES (1, '幸福社区', 'urban', '110105001001', '朝外街道', 300, 800, 0, "
            "'2026-01-01 08:00:00', '2026-01-01 08:00:00', 'clerk', 'clerk')"
        )
    con.close()
    upgrade(path)
    con = sqlite3.connect(path)
    rows = con.execute("SELECT community_id, valid_from, households FROM community_version")
    assert rows.fetchall() == [(1, "1900-01-01", 300)]
    con.close()


@pytest.mark.sqlite_only  # commdesk check reads the file
def test_check_reports_a_profile_without_versions(store_with_profile: Any) -> None:
    con = sqlite3.connect(store_with_profile.path)
    with con:
        con.execute("DELETE FROM community_version")
    con.close()
    report = check_file(store_with_profile.path)
    assert any("community_version" in p for p in report.findings)
