"""A committee's genuine return and an edited copy exported the same second: the genuine
one is summed, the edited one is left out as altered, both are named, exit 1.

Through the installed console script, as the clerk runs it (issue 11, item 7).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cons_helpers import visible_figures
from script_helpers import PERIOD, committee_return, run, status_lines

TOWNSHIP = "110105001"
C3 = f"{TOWNSHIP}003"
C4 = f"{TOWNSHIP}004"
DELTA = 100


def edit_figure(src: Path, dest: Path) -> None:
    """Copy and add DELTA to 户数 (表1 101) in Excel's way: the metadata, and so the
    export time, stay as they were."""
    from openpyxl import load_workbook

    wb = load_workbook(src)
    for row in wb["表1"].iter_rows():
        if row[1].value == "101":
            row[3].value += DELTA
            break
    else:  # pragma: no cover
        raise AssertionError("表1 101 not found")
    wb.save(dest)


@pytest.fixture(scope="module")
def township(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from commdesk.store.engine import open_store
    from commdesk.store.services import township as roster

    root = tmp_path_factory.mktemp("genuine")
    inbox = root / "收到的报表"
    inbox.mkdir()
    c3 = committee_return(root, C3, 3, inbox / "c3.xlsx")
    committee_return(root, C4, 4, inbox / "c4.xlsx", kind="village")
    tampered = inbox / "c3_tampered.xlsx"
    edit_figure(c3, tampered)
    data = root / "township"
    store = open_store(data)
    try:
        roster.save_township(store, "测试街道", TOWNSHIP)
        roster.add_committee(store, "第三社区居委会", C3, "urban")
        roster.add_committee(store, "第四村委会", C4, "village")
    finally:
        store.close()
    return {"root": root, "inbox": inbox, "c3": c3, "tampered": tampered, "data": data}


def test_genuine_file_beats_edited_copy_of_the_same_second(township: dict[str, Path]) -> None:
    from commdesk.returns.xlsx_reader import read_return

    c3, tampered = township["c3"], township["tampered"]
    assert read_return(c3).meta["exported_at"] == read_return(tampered).meta["exported_at"]
    assert tampered.stat().st_mtime >= c3.stat().st_mtime  # the edited copy is the newer file
    out = township["root"] / "T.xlsx"
    done = run("--data-dir", township["data"], "consolidate", township["inbox"],
               "--period", PERIOD, "--out", out)  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr
    statuses = status_lines(done.stdout)
    assert statuses["c3.xlsx"][0] == "included", done.stdout
    assert statuses["c4.xlsx"][0] == "included", done.stdout
    status, reason = statuses["c3_tampered.xlsx"]
    assert status == "altered", done.stdout
    assert "c3.xlsx" in reason and "未被修改" in reason
    assert "内容相同" not in done.stdout  # the figures differ, and it says so
    genuine = visible_figures(c3)[("表1", "101", "1")]
    assert (
        f"数字不同：表1 101 第1列：c3_tampered.xlsx 为 {genuine + DELTA}，c3.xlsx 为 {genuine}"
        in (reason)
    )
    assert "c3_tampered.xlsx" in statuses["c3.xlsx"][1]  # the kept file names the other
    assert not any(line.startswith("missing") for line in done.stdout.splitlines())

    assert visible_figures(tampered)[("表1", "101", "1")] == genuine + DELTA
    c4 = visible_figures(township["inbox"] / "c4.xlsx")[("表1", "101", "1")]
    assert visible_figures(out)[("表1", "101", "1")] == genuine + c4


def test_same_content_only_when_the_figures_are_the_same(township: dict[str, Path]) -> None:
    folder = township["root"] / "copies"
    folder.mkdir()
    shutil.copy2(township["c3"], folder / "c3.xlsx")
    shutil.copy2(township["c3"], folder / "c3_copy.xlsx")
    out = township["root"] / "T2.xlsx"
    done = run("--data-dir", township["data"], "consolidate", folder,
               "--period", PERIOD, "--out", out)  # fmt: skip
    assert done.returncode == 1  # a committee is missing and a copy is left out
    statuses = status_lines(done.stdout)
    kinds = sorted(s for s, _r in statuses.values())
    assert kinds == ["duplicate", "included"], done.stdout
    dup = next(r for s, r in statuses.values() if s == "duplicate")
    assert "内容相同" in dup


def test_among_altered_copies_the_one_chosen_to_include_wins(township: dict[str, Path]) -> None:
    """Without a genuine return, the clerk's explicit choice beats a newer altered copy."""
    import os

    from commdesk.domain.periods import Period
    from commdesk.returns import library
    from commdesk.returns.consolidate import consolidate

    folder = township["root"] / "altered-only"
    folder.mkdir()
    first, second = folder / "c3_a.xlsx", folder / "c3_b.xlsx"
    edit_figure(township["c3"], first)
    edit_figure(first, second)  # another DELTA: differs from the first copy too
    os.utime(first, (1, 1))  # the older file
    kwargs = {"period": Period.parse(PERIOD), "definition": library.current(None)}
    cons = consolidate([folder], **kwargs)  # type: ignore[arg-type]
    by_name = {f.path.name: f for f in cons.files}
    assert by_name["c3_b.xlsx"].status == "altered" and by_name["c3_a.xlsx"].status == "altered"
    assert "如已核实" in by_name["c3_a.xlsx"].reason and "数字不同" in by_name["c3_a.xlsx"].reason
    cons = consolidate([folder], include_altered=[first], **kwargs)  # type: ignore[arg-type]
    by_name = {f.path.name: f for f in cons.files}
    assert by_name["c3_a.xlsx"].status == "included-altered"
    assert by_name["c3_b.xlsx"].status == "altered"
    assert by_name["c3_b.xlsx"].duplicate_of == first
