"""`commdesk export`: refusal lines, --note/--notes, exit statuses, the file it writes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from commdesk.returns.xlsx_reader import read_return
from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile
from commdesk.store.services.service_records import service_records

PROFILE = {
    "name": "测试社区居民委员会", "kind": "urban", "division_code": "110105001001",
    "township_name": "朝外街道", "households": 500, "resident_population": 1300,
}  # fmt: skip


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "commdesk", "--data-dir", str(data_dir), "export", *args],
        capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip


@pytest.fixture
def community(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    store = open_store(data)
    save_profile(store, PROFILE)
    facilities.add(store, {"name": "中心", "type_code": "F01", "floor_area": 400,
                           "activity_area": 300})  # fmt: skip
    service_records.add(store, {"service_date": "2026-08-01", "category_code": "WM01",
                                "people_served": 4, "hours": 30})  # fmt: skip
    store.close()
    return data


def test_unexplained_warning_refuses_with_rule_lines(community: Path, tmp_path: Path) -> None:
    out = tmp_path / "q3.xlsx"
    result = run(community, "--period", "2026Q3", "--out", str(out))
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("warning W-SERVICE-HOURS: ") for line in lines)
    assert not out.exists()
    assert "Traceback" not in result.stderr


def test_note_explains_warning_and_writes(community: Path, tmp_path: Path) -> None:
    out = tmp_path / "q3.xlsx"
    result = run(community, "--period", "2026Q3", "--out", str(out),
                 "--note", "W-SERVICE-HOURS=连续三天的应急值守，合并登记")  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.exists()
    ret = read_return(out)
    assert not ret.altered and ret.period_code == "2026Q3"
    assert ret.meta["notes"]["W-SERVICE-HOURS"].startswith("连续三天")


def test_notes_file(community: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("# 说明\nW-SERVICE-HOURS=应急值守\n", encoding="utf-8")
    out = tmp_path / "q3.xlsx"
    result = run(community, "--period", "2026Q3", "--out", str(out), "--notes", str(notes))
    assert result.returncode == 0, result.stdout + result.stderr


def test_errors_refuse_even_with_notes(community: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(community / "commdesk.sqlite")
    con.execute("UPDATE facility SET activity_area = 999")
    con.commit()
    con.close()
    out = tmp_path / "q3.xlsx"
    result = run(community, "--period", "2026Q3", "--out", str(out),
                 "--note", "W-SERVICE-HOURS=x")  # fmt: skip
    assert result.returncode == 1
    assert "error E-T2-C3-LE-C2: " in result.stdout
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--period", "2026Q5", "--out", "x.xlsx"],
        ["--period", "2026Q3", "--out", "x.csv"],
        ["--period", "2026Q3", "--out", "/no/such/folder/x.xlsx"],
        ["--period", "2026Q3", "--out", "x.xlsx", "--note", "no-equals-sign"],
    ],
)
def test_bad_arguments_exit_2(community: Path, args: list[str]) -> None:
    result = run(community, *args)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1


def test_current_period_is_allowed_with_a_notice(community: Path, tmp_path: Path) -> None:
    from datetime import date

    from commdesk.domain.periods import Period

    current = Period.containing("month", date.today())
    out = tmp_path / "now.xlsx"
    result = run(community, "--period", current.code, "--out", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "notice N-PERIOD-OPEN" in result.stdout


def test_incomplete_profile_exit_2(community: Path, tmp_path: Path) -> None:
    con = sqlite3.connect(community / "commdesk.sqlite")
    con.execute("UPDATE community SET households = 0")
    con.commit()
    con.close()
    result = run(community, "--period", "2026Q3", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2
    assert "profile" in result.stderr


def test_missing_database_exit_2(tmp_path: Path) -> None:
    result = run(tmp_path / "none", "--period", "2026Q3", "--out", str(tmp_path / "x.xlsx"))
    assert result.returncode == 2
