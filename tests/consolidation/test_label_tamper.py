"""Tamper evidence covers the whole visible form (issue 12): a committee return whose
label, 乙 code, period, 填报单位, division code or 报出日期 was edited after export is
reported by ``commdesk consolidate`` as altered, naming the cell; an untouched copy of
the same committee is summed instead. Through the installed console script."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from script_helpers import PERIOD, committee_return, run, status_lines

CODE = "110105001007"


@pytest.fixture(scope="module")
def genuine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("label-tamper")
    return committee_return(root, CODE, 7, root / "genuine.xlsx")


@pytest.mark.parametrize(
    ("what", "find"),
    [
        ("row label", lambda v: v == "户数"),
        ("乙 code", lambda v: v == "101"),
        ("period", lambda v: isinstance(v, str) and v.startswith("2026年第3季度")),
        ("填报单位", lambda v: isinstance(v, str) and v.startswith("填报单位：")),
        ("division code", lambda v: isinstance(v, str) and v.startswith("统计用区划代码：")),
        ("报出日期", lambda v: isinstance(v, str) and "报出日期" in v),
    ],
)
def test_edited_text_cell_is_named_by_the_consolidation(
    genuine: Path, tmp_path: Path, what: str, find: Any
) -> None:
    from openpyxl import load_workbook

    folder = tmp_path / "in"
    folder.mkdir()
    book = load_workbook(genuine)
    ws = book["表1"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value is not None and find(c.value))
    cell.value = f"{cell.value}（改）"
    book.save(folder / "edited.xlsx")
    done = run("--data-dir", tmp_path / "township", "consolidate", folder,
               "--period", PERIOD, "--out", tmp_path / "T.xlsx")  # fmt: skip
    assert done.returncode == 2, done.stdout + done.stderr  # the only file is unusable
    status, reason = status_lines(done.stdout)["edited.xlsx"]
    assert status == "altered", (what, done.stdout)
    assert f"表1!{cell.coordinate}" in reason, (what, reason)
