"""Nothing the program writes is readable by another account (issue 16, "private at
rest"): under the usual umask 022, every folder it makes is 0700 and every file 0600 —
the database and its -wal/-shm, backups, the log and settings of a GUI session, the
rejected-rows report, exported returns — and an existing loose folder is tightened."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "fixtures"
if not FIXTURES.is_dir():
    FIXTURES = Path("/work/shared/fixtures")


def commdesk(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """The installed console script, started under umask 022 as a login shell would."""
    script = Path(sys.executable).with_name("commdesk")
    exe = [str(script)] if script.exists() else [sys.executable, "-m", "commdesk"]
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("COMMDESK_DATA_DIR", None)
    return subprocess.run(
        [*exe, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        preexec_fn=lambda: os.umask(0o022),  # a login shell's usual umask
        check=False,
    )


def loose(root: Path) -> list[str]:
    """Everything under ``root`` (and root) that another account could read."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if mode & 0o077:
            found.append(f"{path.relative_to(root.parent)} {mode:o}")
    return found


def test_every_file_and_folder_written_is_private(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir(mode=0o755)
    os.chmod(out, 0o755)
    roster = out / "roster.xlsx"
    shutil.copy(FIXTURES / "志愿者花名册_2024.xlsx", roster)
    os.chmod(roster, 0o644)
    steps = [
        ("demo", "--records", "300"),
        ("import", "volunteers", str(roster), "--report", str(out / "rejected.xlsx")),
        ("import", "volunteers", str(roster)),  # the report goes to reports/
        ("export", "--period", "2025", "--out", str(out / "return.xlsx")),
        ("backup",),
        ("backup", "--out", str(out / "copy.sqlite")),
    ]
    for step in steps:
        done = commdesk("--data-dir", str(data), *step, home=home)
        assert done.returncode in (0, 1), (step, done.stderr)
    gui = commdesk("--data-dir", str(data), "--self-test", home=home)
    assert gui.returncode == 0, gui.stderr[-2000:]
    assert loose(data) == []
    written = [out / "rejected.xlsx", out / "return.xlsx", out / "copy.sqlite"]
    for path in written:
        assert path.is_file(), path
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert loose(home) == [] or all("home " in line for line in loose(home))


def test_existing_loose_folder_is_tightened_on_start(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    assert commdesk("--data-dir", str(data), "demo", "--records", "50", home=home).returncode == 0
    os.chmod(data, 0o755)
    for path in data.rglob("*"):
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
    assert loose(data)
    done = commdesk("--data-dir", str(data), "check", home=home)
    assert done.returncode == 0, done.stderr
    assert loose(data) == []


def test_a_gui_session_writes_only_private_files(tmp_path: Path) -> None:
    """The window under umask 022: settings ini, log, the wizard's report in reports/,
    a roster export, the backup on close — each 0600, each folder 0700."""
    home = tmp_path / "home"
    home.mkdir()
    data = tmp_path / "data"
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(out, 0o755)
    roster = out / "roster.xlsx"
    shutil.copy(FIXTURES / "志愿者花名册_2024.xlsx", roster)
    assert commdesk("--data-dir", str(data), "demo", "--records", "200", home=home).returncode == 0
    env = {**os.environ, "HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    session = Path(__file__).with_name("gui_session.py")
    done = subprocess.run(
        [sys.executable, str(session), str(data), str(roster), str(out)],
        capture_output=True,
        text=True,
        timeout=240,
        env=env,
        preexec_fn=lambda: os.umask(0o022),
        check=False,
    )
    assert done.returncode == 0 and "DONE" in done.stdout, done.stdout + done.stderr[-3000:]
    report = data / "reports" / "roster_未导入.xlsx"
    assert f"REPORT: {report}" in done.stdout
    assert f"EXPORT: {out / 'volunteers.xlsx'}" in done.stdout
    written = {p.relative_to(data).as_posix() for p in data.rglob("*")}
    assert {"commdesk-ui.ini", "commdesk.log", "reports/roster_未导入.xlsx"} <= written
    assert any(name.startswith("backups/") and name.endswith(".sqlite") for name in written)
    assert loose(data) == []
    assert stat.S_IMODE((out / "volunteers.xlsx").stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == ["roster.xlsx", "volunteers.xlsx"]
