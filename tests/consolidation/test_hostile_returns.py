"""Hostile inputs to ``commdesk consolidate``, through the installed console script: a
figure beyond the form's range, a symlink loop, a FIFO and ``--out`` naming an input
each cost one line for that file (or one refusal), never a traceback."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from cons_helpers import Town
from script_helpers import PERIOD, run, status_lines


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _first_figure(path: Path, out: Path, value: float) -> Path:
    """A copy of the return with its first figure on 表1 replaced by ``value`` (openpyxl)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["表1"]
    cell = next(c for row in ws.iter_rows() for c in row if isinstance(c.value, int) and c.row > 5)
    cell.value = value
    wb.save(out)
    return out


def test_figure_beyond_the_form_is_an_audit_error_for_that_file(town: Town, tmp_path: Path) -> None:
    good = shutil.copy(town.committees[0].path, tmp_path / "good.xlsx")
    huge = _first_figure(town.committees[1].path, tmp_path / "huge.xlsx", 1e300)
    done = run("consolidate", good, huge, "--period", PERIOD, "--out", tmp_path / "sum.xlsx",
               "--include-altered", huge)  # fmt: skip
    assert "Traceback" not in done.stderr and "InvalidOperation" not in done.stderr, done.stderr
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = status_lines(done.stdout)
    assert lines["huge.xlsx"][0] == "audit-errors", done.stdout
    assert "超出报表的取值范围" in lines["huge.xlsx"][1]
    assert lines["good.xlsx"][0] == "included"
    assert (tmp_path / "sum.xlsx").is_file()


@pytest.mark.skipif(os.name != "posix", reason="symlinks and FIFOs as a POSIX user makes them")
def test_symlink_loop_and_fifo_are_skipped_with_a_line(town: Town, tmp_path: Path) -> None:
    good = shutil.copy(town.committees[0].path, tmp_path / "good.xlsx")
    (tmp_path / "loop1.xlsx").symlink_to(tmp_path / "loop2.xlsx")
    (tmp_path / "loop2.xlsx").symlink_to(tmp_path / "loop1.xlsx")
    os.mkfifo(tmp_path / "pipe.xlsx")
    done = run("consolidate", good, tmp_path / "loop1.xlsx", tmp_path / "pipe.xlsx",
               "--period", PERIOD, "--out", tmp_path / "sum.xlsx")  # fmt: skip
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr, done.stderr
    assert done.returncode == 1, (done.stdout, done.stderr)
    lines = status_lines(done.stdout)
    assert lines["loop1.xlsx"][0] == "unreadable" and "符号链接循环" in lines["loop1.xlsx"][1]
    assert lines["pipe.xlsx"][0] == "unreadable" and "不是普通文件" in lines["pipe.xlsx"][1]
    assert lines["good.xlsx"][0] == "included"


def test_out_naming_an_input_is_refused_before_reading(town: Town, tmp_path: Path) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    for c in town.committees[:2]:
        shutil.copy(c.path, folder / c.path.name)
    victim = folder / town.committees[0].path.name
    before = _digest(victim)
    for inputs in ([folder], [victim, folder / town.committees[1].path.name]):
        done = run("consolidate", *inputs, "--period", PERIOD, "--out", victim)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 2, (done.stdout, done.stderr)
        assert len(lines) == 1 and "--out" in lines[0], done.stderr
        assert done.stdout == ""  # refused before any input was read
        assert _digest(victim) == before
