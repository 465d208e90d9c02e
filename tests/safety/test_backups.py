"""Automatic backups: rotation with a fake clock, verified copies, a second folder, damage."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from commdesk.store import backups
from commdesk.store.backups import auto_backup, is_due, prune, to_keep
from commdesk.store.engine import db_path, open_store
from commdesk.store.maintenance import health, move_aside, validate_backup_file
from commdesk.store.services.volunteers import teams
from commdesk.store.soundness import forget_lost

T0 = datetime(2025, 1, 1, 17, 30)


def test_rotation_keeps_7_daily_4_weekly_12_monthly_over_a_year() -> None:
    """A backup at every close (twice a day) for 400 days, pruned after each one."""
    kept: set[datetime] = set()
    now = T0
    for day in range(400):
        for hour in (9, 17):
            now = datetime(2025, 1, 1, hour) + timedelta(days=day)
            kept = to_keep(kept | {now}, now)
            assert now in kept  # the newest backup is never deleted
            assert len(kept) <= 7 + 4 + 12
    days = sorted({k.date() for k in kept}, reverse=True)
    assert days[:7] == [now.date() - timedelta(days=i) for i in range(7)]
    assert all(k.hour == 17 for k in kept)  # the newest of each day, week and month
    weeks = {k.isocalendar()[:2] for k in kept}
    assert len(weeks) >= 4
    months = sorted({(k.year, k.month) for k in kept}, reverse=True)
    assert len(months) == 12
    assert months[-1] == (2025, 3)  # 12 months back from 2026-02, nothing older
    # The same answer as pruning once at the end: rotation is stable day to day.
    everything = {datetime(2025, 1, 1, h) + timedelta(days=d) for d in range(400) for h in (9, 17)}
    assert to_keep(everything, now) == kept


def test_rotation_after_a_long_pause_keeps_the_old_backups() -> None:
    """A PC unused for 14 months: the newest copies survive, however old they are."""
    stamps = {T0 + timedelta(days=i) for i in range(10)}
    now = T0 + timedelta(days=430)
    kept = to_keep(stamps, now)
    assert max(stamps) in kept
    assert len(kept) == 7  # the 7 newest days (also the newest week and month)


def test_backups_from_a_wrong_clock_are_kept() -> None:
    future = {T0 + timedelta(days=30 + i) for i in range(20)}
    assert to_keep(future | {T0}, T0) == future | {T0}


def test_due_at_most_daily() -> None:
    assert is_due(None, T0)
    assert not is_due(T0, T0 + timedelta(hours=23))
    assert is_due(T0, T0 + timedelta(hours=24))
    assert is_due(T0 + timedelta(days=3), T0)  # clock went back: back up rather than never


def _fill(store: Any, n: int) -> None:
    for i in range(n):
        teams.add(store, {"name": f"服务队{i}"})


def test_auto_backup_is_verified_and_pruned(store: Any) -> None:
    _fill(store, 3)
    folder = store.data_dir / backups.BACKUP_DIR
    for day in range(12):
        outcome = auto_backup(store.data_dir, now=T0 + timedelta(days=day))
        assert validate_backup_file(outcome.path)["volunteer_team"] == 3
    names = sorted(p.name for p in folder.iterdir() if p.name != "last-verified.json")
    # Jan 6-12 (7 days) + Jan 5, the newest of the ISO week before; January is in both.
    assert names[0] == "commdesk-auto-20250105-173000.sqlite" and len(names) == 8
    assert not [n for n in names if n.endswith(".part")]
    manual = folder / "commdesk-20200101-000000.sqlite"
    shutil.copy(outcome.path, manual)
    prune(folder, T0 + timedelta(days=400))
    assert manual.exists()  # rotation never touches manual backups


def test_second_folder_absent_is_skipped_with_a_notice(store: Any, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    outcome = auto_backup(store.data_dir, now=T0, second_folder=usb)
    assert outcome.path.exists() and outcome.second_path is None
    assert len(outcome.notices) == 1 and str(usb) in outcome.notices[0]
    usb.mkdir()
    outcome = auto_backup(store.data_dir, now=T0 + timedelta(days=1), second_folder=usb)
    assert outcome.notices == []
    assert outcome.second_path is not None
    assert outcome.second_path.parent == usb / backups.SECOND_DIR
    assert validate_backup_file(outcome.second_path) == validate_backup_file(outcome.path)


def test_second_folder_failure_keeps_the_main_backup(store: Any, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    (usb / backups.SECOND_DIR).write_text("a file where the folder should be", "utf-8")
    outcome = auto_backup(store.data_dir, now=T0, second_folder=usb)
    assert outcome.path.exists()
    assert outcome.second_path is None and "second backup folder failed" in outcome.notices[0]


def test_list_backups_and_newest_good_one(store: Any, tmp_path: Path) -> None:
    _fill(store, 2)
    older = auto_backup(store.data_dir, now=T0).path
    _fill(store, 1)
    newer = auto_backup(store.data_dir, now=T0 + timedelta(days=1)).path
    infos = backups.list_backups(store.data_dir)
    assert [i.path for i in infos] == [newer, older]
    assert infos[0].counts is not None and infos[0].counts["volunteer_team"] == 3
    assert infos[0].kind == "auto" and infos[0].size == newer.stat().st_size
    data = bytearray(newer.read_bytes())
    data[4096:8192] = b"\xff" * 4096
    newer.write_bytes(bytes(data))
    good = backups.newest_good_backup(store.data_dir)
    assert good is not None and good.path == older


def _corrupt(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):
        data[offset + 16 : offset + 400] = b"\xde\xad\xbe\xef" * 96
    path.write_bytes(bytes(data))


def test_health_tells_damaged_from_newer_from_sound(store: Any, tmp_path: Path) -> None:
    _fill(store, 30)
    store.close()
    path = db_path(store.data_dir)
    assert health(path).state == "ok"
    assert health(tmp_path / "nothing.sqlite").state == "missing"
    newer = tmp_path / "newer.sqlite"
    shutil.copy(path, newer)
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert health(newer).state == "newer"
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    assert health(empty).state == "damaged"
    _corrupt(path)
    assert health(path).state == "damaged"


def test_move_aside_keeps_the_file_and_its_wal(store: Any) -> None:
    _fill(store, 2)
    store.close()
    path = db_path(store.data_dir)
    wal, shm = (path.with_name(path.name + suffix) for suffix in ("-wal", "-shm"))
    wal.write_bytes(b"frames of the damaged database")
    shm.write_bytes(b"index")
    content = path.read_bytes()
    moved = move_aside(store.data_dir, T0)
    assert moved.name == "commdesk.damaged-20250101-173000.sqlite"
    assert moved.read_bytes() == content
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"frames of the damaged database"
    assert not path.exists() and not wal.exists() and not shm.exists()
    forget_lost(store.data_dir)  # the clerk chose empty ledgers over a backup
    open_store(store.data_dir).close()  # a fresh database; the damaged one stays
    second = move_aside(store.data_dir, T0)
    assert second.name == "commdesk.damaged-20250101-173000-2.sqlite"
    assert moved.exists() and second.exists()
