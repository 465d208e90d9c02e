"""One program per data folder: the folder lock, its recovery after a kill, second launches."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from safety_helpers import HERE, Zygote, child_env

from commdesk.cli.registry import Folder, commands, folder_lock
from commdesk.store.lock import WINDOW, FolderLocked, acquire


def test_lock_is_exclusive_and_names_its_holder(tmp_path: Path) -> None:
    lock = acquire(tmp_path, WINDOW)
    with pytest.raises(FolderLocked) as info:
        acquire(tmp_path, "commdesk export")
    assert info.value.holder["pid"] == os.getpid()
    assert info.value.holder["purpose"] == WINDOW
    assert "in use by the CommDesk window" in str(info.value)
    lock.release()
    acquire(tmp_path, "commdesk export").release()


def test_writing_commands_refuse_while_the_window_holds_the_folder(tmp_path: Path) -> None:
    registered = commands()
    writers = [c for c in registered.values() if c.folder is not Folder.READS]
    writing = {"demo", "restore", "import", "export", "certificate"}
    assert {c.name for c in writers} == writing
    lock = acquire(tmp_path, WINDOW)
    try:
        for cmd in writers:
            with pytest.raises(FolderLocked), folder_lock(cmd, tmp_path):
                pass
        for name in ("check", "backup", "consolidate"):
            with folder_lock(registered[name], tmp_path) as held:
                assert held is None  # readers run alongside the window
    finally:
        lock.release()
    with folder_lock(registered["demo"], tmp_path) as held:
        assert held is not None and held.held
    with folder_lock(registered["export"], tmp_path / "missing") as held:
        assert held is None and not (tmp_path / "missing").exists()


def test_a_killed_holder_frees_the_folder(zygote: Zygote, tmp_path: Path) -> None:
    child = zygote.spawn("child_lock:run", [tmp_path, "commdesk demo"])
    assert child.wait_for(lambda lines: "locked" in lines), child.error()
    with pytest.raises(FolderLocked) as info:
        acquire(tmp_path, WINDOW)
    assert info.value.holder["purpose"] == "commdesk demo"
    assert info.value.holder["pid"] == child.pid
    assert child.kill()
    acquire(tmp_path, WINDOW).release()  # no stale lock after SIGKILL


def _gui(data: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(HERE / "launch_gui.py"), str(data), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env({"QT_QPA_PLATFORM": "offscreen"}),
    )


def _wait_for(predicate: Any, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


def test_second_launch_brings_the_first_forward(store_with_profile: Any) -> None:
    data = store_with_profile.data_dir
    store_with_profile.close()
    first = _gui(data)
    try:
        from commdesk.store.lock import read_holder

        assert _wait_for(lambda: read_holder(data).get("pid") == first.pid, 60), (
            first.stderr.read() if first.poll() is not None else "first window did not lock"  # type: ignore[union-attr]
        )
        second = _gui(data)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 0, out + err
        assert "MESSAGE" not in out
        log = data / "commdesk.log"
        assert _wait_for(
            lambda: "brought to front" in log.read_text(encoding="utf-8", errors="replace"), 10
        )
        assert first.poll() is None  # the first window runs on
    finally:
        first.kill()
        first.communicate(timeout=30)
    acquire(data, WINDOW).release()  # the killed window left no stale lock


def test_second_launch_while_a_command_holds_the_folder(zygote: Zygote, tmp_path: Path) -> None:
    child = zygote.spawn("child_lock:run", [tmp_path, "commdesk export"])
    assert child.wait_for(lambda lines: "locked" in lines), child.error()
    try:
        started = time.monotonic()
        gui = _gui(tmp_path)
        out, err = gui.communicate(timeout=60)
        assert gui.returncode == 2, out + err
        message = next(line for line in out.splitlines() if line.startswith("MESSAGE:"))
        assert str(tmp_path) in message and "commdesk export" in message, out
        assert time.monotonic() - started < 30
    finally:
        child.kill()


def test_the_window_never_starts_on_a_damaged_file(store_with_profile: Any) -> None:
    data = store_with_profile.data_dir
    store_with_profile.close()
    db = data / "commdesk.sqlite"
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 20_000)
    gui = _gui(data, "quit-on-damage")
    out, err = gui.communicate(timeout=60)
    assert gui.returncode == 2, out + err
    assert "DAMAGED: commdesk.damaged-" in out
    assert not db.exists()
    assert len(list(data.glob("commdesk.damaged-*.sqlite"))) == 1
