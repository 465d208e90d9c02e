"""The command line as a user (or CI) runs it: real subprocesses, real files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from commdesk import __version__


def run(*args: str, data_dir: Path | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    cmd = [sys.executable, "-m", "commdesk"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [*cmd, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
        stdin=subprocess.DEVNULL,
    )


def assert_one_line_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 2, result
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_bad_arguments_exit_2_with_one_line() -> None:
    for args in (["no-such-command"], ["import", "people", "x.xlsx"], ["export"], ["--bogus"]):
        assert_one_line_failure(run(*args))


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("demo")
    result = run("demo", "--records", "20000", "--seed", "1", data_dir=d)
    assert result.returncode == 0, result.stderr
    return d


def test_demo_then_check_and_wal(demo_dir: Path) -> None:
    result = run("check", data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert "service_record=20000" in result.stdout
    con = sqlite3.connect(demo_dir / "commdesk.sqlite")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_data_dir_from_environment(demo_dir: Path) -> None:
    result = run("check", env={"COMMDESK_DATA_DIR": str(demo_dir)})
    assert result.returncode == 0, result.stderr
    assert "service_record=20000" in result.stdout


def test_demo_refuses_non_empty_database(demo_dir: Path) -> None:
    result = run("demo", "--records", "10", data_dir=demo_dir)
    assert_one_line_failure(result)


def test_demo_rejects_bad_division_code(tmp_path: Path) -> None:
    assert_one_line_failure(run("demo", "--division-code", "12345", data_dir=tmp_path))


def test_backup_and_restore_round_trip(demo_dir: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(demo_dir, work)
    out = tmp_path / "copy.sqlite"
    result = run("backup", "--out", str(out), data_dir=work)
    assert result.returncode == 0, result.stderr
    con = sqlite3.connect(out)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    counts = con.execute("SELECT count(*) FROM service_record").fetchone()[0]
    con.close()
    assert counts == 20000
    # Change the live database, then restore: the counts come back.
    live = sqlite3.connect(work / "commdesk.sqlite")
    live.execute("UPDATE service_record SET deleted_at = '2026-01-01' WHERE id <= 100")
    live.commit()
    live.close()
    assert "service_record=19900" in run("check", data_dir=work).stdout
    result = run("restore", str(out), data_dir=work)
    assert result.returncode == 0, result.stderr
    assert "service_record=20000" in result.stdout
    assert "service_record=20000" in run("check", data_dir=work).stdout


def test_check_on_corrupted_copy_exits_2(demo_dir: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(demo_dir, work)
    db = work / "commdesk.sqlite"
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(db.read_bytes())
    for offset in range(8192, len(data), 8192):
        data[offset + 20 : offset + 300] = b"\xff" * 280
    db.write_bytes(bytes(data))
    result = run("check", data_dir=work)
    assert_one_line_failure(result)
    assert "damaged" in result.stderr


def test_restore_of_non_database_is_refused_and_current_untouched(
    demo_dir: Path, tmp_path: Path
) -> None:
    work = tmp_path / "work"
    shutil.copytree(demo_dir, work)
    before = (work / "commdesk.sqlite").read_bytes()
    junk = tmp_path / "notes.txt"
    junk.write_text("这不是数据库", encoding="utf-8")
    result = run("restore", str(junk), data_dir=work)
    assert_one_line_failure(result)
    assert (work / "commdesk.sqlite").read_bytes() == before
    assert not (work / "backups").exists()


def test_check_without_database_exits_2(tmp_path: Path) -> None:
    assert_one_line_failure(run("check", data_dir=tmp_path / "empty"))
