"""Inputs are bounded, through the installed console script: a FIFO is refused at once
(and the folder lock is free again), a notes file has a size cap, numeric options have
ranges, a CSV mixing GBK and UTF-8 lines is reported instead of imported garbled."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from console_script import assert_refused, commdesk, demo_folder

PERIOD = "2026Q3"
posix_only = pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_folder(tmp_path_factory.mktemp("bounded") / "data", 200)


@posix_only
def test_fifo_import_is_refused_at_once_and_the_lock_released(
    data_dir: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "roster.csv"
    os.mkfifo(fifo)
    line = assert_refused(commdesk("import", "volunteers", fifo, data_dir=data_dir, timeout=60))
    assert "roster.csv" in line and "pipe" in line
    roster = tmp_path / "v.csv"
    roster.write_text("姓名,手机号码\n", encoding="utf-8")
    again = commdesk("import", "volunteers", roster, "--dry-run", data_dir=data_dir, timeout=60)
    assert "lock" not in again.stderr.lower() and "window" not in again.stderr.lower()


@posix_only
def test_fifo_as_backup_to_restore_is_refused_at_once(data_dir: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "old.sqlite"
    os.mkfifo(fifo)
    line = assert_refused(commdesk("restore", fifo, data_dir=data_dir, timeout=60))
    assert "FIFO" in line


def test_notes_file_over_the_cap_is_refused(data_dir: Path, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"# " + b"x" * (2 * 1024 * 1024) + b"\n")
    out = tmp_path / "r.xlsx"
    line = assert_refused(
        commdesk("export", "--period", PERIOD, "--out", out, "--notes", notes, data_dir=data_dir)
    )
    assert "--notes" in line and "1 MB" in line
    assert not out.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_notes_from_a_device_is_refused(data_dir: Path, tmp_path: Path) -> None:
    line = assert_refused(
        commdesk(
            "export",
            "--period",
            PERIOD,
            "--out",
            tmp_path / "r.xlsx",
            "--notes",
            "/dev/zero",
            data_dir=data_dir,
            timeout=60,
        )
    )
    assert "device" in line


@pytest.mark.parametrize(
    ("option", "value"),
    [("--records", "100000000000000000000"), ("--records", "-1"), ("--seed", "1" * 30)],
)
def test_numeric_options_have_ranges(tmp_path: Path, option: str, value: str) -> None:
    line = assert_refused(commdesk("demo", option, value, data_dir=tmp_path / "d", timeout=60))
    assert option in line and "out of range" in line
    assert not (tmp_path / "d" / "commdesk.sqlite").exists()


def test_csv_mixing_gbk_and_utf8_lines_is_reported(data_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    header = "姓名,手机号码,性别\n".encode("gbk")
    rows = "张三,13800138000,男\n李四,13900139000,女\n".encode()
    source.write_bytes(header + rows)
    line = assert_refused(commdesk("import", "volunteers", source, "--dry-run", data_dir=data_dir))
    assert "mixed.csv" in line and "UTF-8" in line and "GBK" in line
    assert "2, 3" in line and "1" in line


@posix_only
@pytest.mark.timeout(60)
def test_definition_and_lock_file_readers_refuse_a_fifo(tmp_path: Path) -> None:
    """The other text inputs: a return definition offered for import, the lock file."""
    from commdesk.returns.definition import DefinitionError, load_definition
    from commdesk.store.lock import LOCK_FILE, read_holder

    os.mkfifo(tmp_path / "definition.toml")
    with pytest.raises(DefinitionError, match="FIFO"):
        load_definition(tmp_path / "definition.toml")
    os.mkfifo(tmp_path / LOCK_FILE)
    assert read_holder(tmp_path) == {}
