"""Clean edges, through the installed console script: half-written ``.part`` copies are
removed on the next start, device nodes are never "written" to, an empty or wrong
``--data-dir`` is an error, a full disk ends in one line without a traceback, and each
message says what actually happened."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import time
from pathlib import Path

import pytest
from console_script import REPO, assert_refused, clean_env, commdesk, commdesk_exe, demo_folder

PERIOD = "2026Q3"
posix_only = pytest.mark.skipif(os.name != "posix", reason="POSIX file kinds and limits")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("edges") / "data"
    return demo_folder(folder, 200, "--division-code", "110101001001")


def test_leftover_part_files_are_removed_on_the_next_start(data_dir: Path) -> None:
    backups = data_dir / "backups"
    backups.mkdir(exist_ok=True)
    killed = [data_dir / ".commdesk.sqlite.part", backups / ".commdesk-20261204.sqlite.part"]
    hour_ago = time.time() - 3600
    for part in killed:
        part.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4096)
        os.utime(part, (hour_ago, hour_ago))
    writing_now = backups / ".commdesk-being-written.sqlite.part"  # another process's backup
    writing_now.write_bytes(b"x")
    done = commdesk("check", data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    assert not any(p.exists() for p in killed)
    assert writing_now.exists()
    writing_now.unlink()


def test_privacy_table_lists_part_files() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    privacy = readme[readme.index("## Privacy") :]
    assert ".part" in privacy[: privacy.index("\n- ")]


@pytest.mark.skipif(
    os.name != "posix"
    or os.geteuid() != 0
    or not Path("/dev/null").exists()
    or not stat.S_ISCHR(os.stat("/dev/null").st_mode),
    reason="only root makes device nodes (and could replace /dev/null)",
)
def test_backup_to_dev_null_is_refused_and_the_device_untouched(
    data_dir: Path, tmp_path: Path
) -> None:
    """On a private twin of /dev/null (same device numbers): code that got this wrong
    would otherwise replace the machine's /dev/null with a database copy."""
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    before = os.stat(null)
    line = assert_refused(commdesk("backup", "--out", null, data_dir=data_dir))
    assert str(null) in line and "device" in line
    after = os.stat(null)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev
    assert after.st_ino == before.st_ino


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() != 0 or not Path("/dev/full").exists(),
    reason="only root makes device nodes",
)
def test_report_to_a_device_is_refused_before_any_work(data_dir: Path, tmp_path: Path) -> None:
    full = tmp_path / "full"  # a private twin of /dev/full
    os.mknod(full, stat.S_IFCHR | 0o666, os.stat("/dev/full").st_rdev)
    source = tmp_path / "v.csv"
    source.write_text("姓名,身份证号,手机号码\n张三,123,1\n", encoding="utf-8")
    line = assert_refused(
        commdesk("import", "volunteers", source, "--report", full, data_dir=data_dir)
    )
    assert str(full) in line and "device" in line
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_empty_data_dir_is_an_error(tmp_path: Path) -> None:
    env = clean_env(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "xdg"))
    done = subprocess.run(
        [commdesk_exe(), "--data-dir", "", "demo", "--records", "0"],
        capture_output=True, text=True, env=env, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "--data-dir" in assert_refused(done)
    assert not (tmp_path / "xdg").exists()  # the default folder was not used


def test_data_dir_that_is_a_file_says_so(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("x", encoding="utf-8")
    line = assert_refused(commdesk("demo", "--records", "0", data_dir=not_a_folder))
    assert "is a file, not a folder" in line and "File exists" not in line


def test_missing_database_is_missing_not_damaged(tmp_path: Path) -> None:
    line = assert_refused(commdesk("check", data_dir=tmp_path / "nothing"))
    assert "no database" in line and "damaged" not in line


@pytest.mark.parametrize(
    "args",
    [
        ("import", "volunteers", ""),
        ("restore", ""),
        ("backup", "--out", ""),
        ("consolidate", "", "--period", PERIOD, "--out", "sum.xlsx"),
    ],
)
def test_empty_file_arguments_say_so(data_dir: Path, tmp_path: Path, args: tuple[str, ...]) -> None:
    done = subprocess.run(
        [commdesk_exe(), "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, env=clean_env(), timeout=120, cwd=tmp_path,
        stdin=subprocess.DEVNULL,
    )  # fmt: skip
    line = assert_refused(done)
    assert "empty" in line and "is a folder" not in line
    assert not (tmp_path / "sum.xlsx").exists()


def _with_file_size_limit(limit: int) -> None:
    """A full disk, as far as this process can tell: writes past ``limit`` fail EFBIG."""
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@posix_only
def test_full_disk_ends_in_one_line_without_a_traceback(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "r.xlsx"
    assert (
        commdesk("export", "--period", PERIOD, "--out", source, data_dir=data_dir).returncode == 0
    )
    out = tmp_path / "out.xlsx"
    done = subprocess.run(
        [commdesk_exe(), "--data-dir", str(tmp_path / "township"),
         "consolidate", str(source), "--period", PERIOD, "--out", str(out)],
        capture_output=True, text=True, env=clean_env(), timeout=300,
        stdin=subprocess.DEVNULL, preexec_fn=lambda: _with_file_size_limit(8000),
    )  # fmt: skip
    line = assert_refused(done)
    assert "Exception ignored" not in done.stderr
    assert "disk is full" in line and line.count("out.xlsx") <= 1, line
    assert not out.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="only root makes device nodes")
def test_every_workbook_writer_refuses_a_device(tmp_path: Path) -> None:
    """Roster, audit-log, return and report exports all save through save_workbook."""
    from openpyxl import Workbook

    from commdesk.store.maintenance import save_workbook

    node = tmp_path / "null.xlsx"
    os.mknod(node, stat.S_IFCHR | 0o666, os.stat("/dev/null").st_rdev)
    with pytest.raises(OSError, match="device"):
        save_workbook(Workbook(), node)
    assert stat.S_ISCHR(os.stat(node).st_mode)
    assert not (tmp_path / ".null.xlsx.part").exists()


@posix_only
def test_demo_on_a_full_disk_says_so_not_cannot_rollback(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert commdesk("demo", "--records", "0", data_dir=folder).returncode == 0
    room = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) + 256 * 1024
    done = subprocess.run(
        [commdesk_exe(), "--data-dir", str(folder), "demo", "--records", "50000", "--replace"],
        capture_output=True, text=True, env=clean_env(), timeout=300,
        stdin=subprocess.DEVNULL, preexec_fn=lambda: _with_file_size_limit(room),
    )  # fmt: skip
    line = assert_refused(done)
    assert "rollback" not in line and "unexpected" not in line, line
    assert "nothing was written" in line, line
    check = commdesk("check", data_dir=folder)
    assert check.returncode == 0 and "service_record=0" in check.stdout, check.stderr
