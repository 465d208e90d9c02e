"""Whose name heads a township's return (issue 12, item 6): the roster's, else the name
the committees' returns give — said so — and never the division code dressed as a name;
committees whose returns name another township are flagged, naming the file and both
names. Everything through the installed ``commdesk`` console script."""

from __future__ import annotations

from pathlib import Path

import pytest
from cons_helpers import TOWNSHIP, sheet_rows
from script_helpers import PERIOD, committee_return, run, status_lines

COUNTY = TOWNSHIP[:6]


def unit_lines(path: Path) -> dict[str, str]:
    """Sheet -> its 填报单位 / 编制单位 / 汇总单位 line, as printed."""
    import openpyxl

    found = {}
    for name in openpyxl.load_workbook(path, read_only=True).sheetnames:
        for row in sheet_rows(path, name):
            for v in row:
                if isinstance(v, str) and v.startswith(("填报单位：", "编制单位：", "汇总单位：")):
                    found.setdefault(name, v.split("　")[0])
    return found


def township_of(path: Path) -> str:
    from commdesk.returns.xlsx_reader import read_return

    return str(read_return(path).meta["community"]["township_name"])


@pytest.fixture(scope="module")
def inbox(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Three demo committees of the township: seeds 1 and 2 name one township, 3 another."""
    root = tmp_path_factory.mktemp("names")
    box = root / "inbox"
    box.mkdir()
    for n in (1, 2, 3):
        committee_return(root, f"{TOWNSHIP}00{n}", n, box / f"c{n}.xlsx")
    return {"root": root, "inbox": box}


def test_code_only_township_is_named_from_the_returns_not_titled_with_its_code(
    inbox: dict[str, Path],
) -> None:
    majority = township_of(inbox["inbox"] / "c1.xlsx")
    assert township_of(inbox["inbox"] / "c2.xlsx") == majority  # the fixture's premise
    out = inbox["root"] / "code-only.xlsx"
    done = run("--data-dir", inbox["root"] / "empty", "consolidate", inbox["inbox"],
               "--period", PERIOD, "--unit-code", TOWNSHIP, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = unit_lines(out)
    assert lines["表1"] == f"填报单位：{majority}"
    assert lines["汇总说明"] == f"汇总单位：{majority}"
    assert not [s for s, line in lines.items() if "区划代码" in line], lines
    # It says where the name came from.
    assert f"名称“{majority}”取自多数报表所填的所属乡镇（街道）" in done.stdout
    assert f"{majority}（{TOWNSHIP}）" in done.stdout  # the closing line, in Chinese


def test_county_without_a_name_says_so_plainly(inbox: dict[str, Path]) -> None:
    """No name known at all (a county given only its code): the form says the name is not
    set, instead of printing 区划代码110105 where the name belongs."""
    township_out = inbox["root"] / "t.xlsx"
    done = run("--data-dir", inbox["root"] / "empty", "consolidate", inbox["inbox"],
               "--period", PERIOD, "--unit-code", TOWNSHIP, "--out", township_out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    box = inbox["root"] / "county-inbox"
    box.mkdir()
    (box / "t.xlsx").write_bytes(township_out.read_bytes())
    out = inbox["root"] / "county.xlsx"
    done = run("--data-dir", inbox["root"] / "empty", "consolidate", box,
               "--period", PERIOD, "--unit-code", COUNTY, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    lines = unit_lines(out)
    assert lines["表1"] == "填报单位：（名称未设置）"
    assert lines["JBZH0001"] == "编制单位：（名称未设置）"
    assert not [s for s, line in lines.items() if "区划代码" in line], lines
    assert "未设置汇总单位名称" in done.stdout


@pytest.fixture(scope="module")
def roster_dir(inbox: dict[str, Path]) -> Path:
    """A township data folder whose roster names the township as committees 1 and 2 do."""
    from commdesk.store.engine import open_store
    from commdesk.store.services import township

    data = inbox["root"] / "township"
    store = open_store(data)
    try:
        township.save_township(store, township_of(inbox["inbox"] / "c1.xlsx"), TOWNSHIP)
    finally:
        store.close()
    return data


def test_roster_name_heads_the_return_even_without_committees_listed(
    inbox: dict[str, Path], roster_dir: Path
) -> None:
    name = township_of(inbox["inbox"] / "c1.xlsx")
    for extra in ((), ("--unit-code", TOWNSHIP)):
        out = inbox["root"] / f"roster{len(extra)}.xlsx"
        done = run("--data-dir", roster_dir, "consolidate", inbox["inbox"],
                   "--period", PERIOD, "--out", out, *extra)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
        assert unit_lines(out)["表1"] == f"填报单位：{name}", extra


def test_committee_naming_another_township_is_flagged_with_file_and_both_names(
    inbox: dict[str, Path], roster_dir: Path
) -> None:
    ours = township_of(inbox["inbox"] / "c1.xlsx")
    theirs = township_of(inbox["inbox"] / "c3.xlsx")
    assert theirs != ours  # the fixture's premise: seed 3 draws another township
    out = inbox["root"] / "flagged.xlsx"
    done = run("--data-dir", roster_dir, "consolidate", inbox["inbox"],
               "--period", PERIOD, "--out", out)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    status = status_lines(done.stdout)
    assert status["c3.xlsx"][0] == "included"  # the code decides; the name is flagged
    assert "警告" in status["c3.xlsx"][1]
    assert f"“{theirs}”" in status["c3.xlsx"][1] and f"“{ours}”" in status["c3.xlsx"][1]
    assert status["c1.xlsx"][1] == "" and status["c2.xlsx"][1] == ""
    warning = [line for line in done.stdout.splitlines() if line.startswith("note: 警告")]
    assert len(warning) == 1, done.stdout
    assert "c3.xlsx" in warning[0] and theirs in warning[0] and ours in warning[0]
    # The printed 汇总说明 carries it too.
    summary = "\n".join(str(v) for row in sheet_rows(out, "汇总说明") for v in row if v)
    assert "c3.xlsx（" in summary and f"填“{theirs}”" in summary
    assert unit_lines(out)["表1"] == f"填报单位：{ours}"
