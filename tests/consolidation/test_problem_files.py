"""Every kind of bad input is reported as such — in 汇总说明 and in the CLI output — and
left out of the sum: tampered, wrong period, foreign code, duplicate, missing committee,
not a CommDesk workbook, corrupt. Exit 1 when anything was left out, 2 when nothing fit."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from cons_helpers import (
    TODAY,
    TOWNSHIP,
    Town,
    corrupt,
    export_committee,
    not_a_return,
    roster_store,
    sheet_text,
    tamper,
    visible_figures,
)

from commdesk.cli import main

MISSING_CODE = f"{TOWNSHIP}099"
MISSING_NAME = "未报测试社区居民委员会"
DELTA = 100  # added to 户数 in the tampered workbook


def cli(argv: list[str], data_dir: Path) -> int:
    """``commdesk --data-dir D consolidate …`` in this process, through the real parser."""
    return main(["--data-dir", str(data_dir), "consolidate", *argv])


def status_lines(out: str) -> dict[str, str]:
    """file name -> status word, from the CLI's one-line-per-file output."""
    found = {}
    for line in out.splitlines():
        parts = line.split(None, 2)
        if len(parts) >= 2 and parts[1].endswith(".xlsx"):
            found[Path(parts[1]).name] = parts[0]
    return found


@pytest.fixture(scope="module")
def messy(town: Town, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A township folder with one of every problem, and a data folder with the roster."""
    from commdesk.store.demo import generate
    from commdesk.store.engine import open_store

    root = tmp_path_factory.mktemp("messy")
    cs = town.committees
    folder = town.folder("messy", [c for i, c in enumerate(cs) if i != 6])
    tampered = tamper(cs[6].path, folder / cs[6].path.name, "表1", "101", DELTA)
    # Committee 11 exports again later, with different figures: the newer one counts.
    again = root / "again"
    shutil.copytree(cs[11].data_dir, again)
    store = open_store(again, create=False)
    generate(store, records=350, seed=4242, division_code=cs[11].code, kind=cs[11].kind,
             today=TODAY, replace=True)  # fmt: skip
    store.close()
    older = folder / cs[11].path.name
    os.utime(older, (1, 1))
    newer = export_committee(
        again, town.definition, town.period, folder / f"{cs[11].code}-重报.xlsx"
    )
    # Committee 19 also sent last quarter's return.
    from commdesk.domain.periods import Period

    q2 = export_committee(
        cs[19].data_dir, town.definition, Period.parse("2026Q2"), folder / "上季度.xlsx"
    )
    foreign = shutil.copy2(town.foreign.path, folder / "外乡镇.xlsx")
    stranger = not_a_return(folder / "花名册.xlsx")
    broken = corrupt(cs[0].path, folder / "损坏.xlsx")
    (folder / "~$锁定.xlsx").write_bytes(b"lock")
    data_dir = root / "township-data"
    roster_store(data_dir, cs, [(MISSING_CODE, MISSING_NAME)]).close()
    return {
        "folder": folder,
        "data_dir": data_dir,
        "tampered": tampered,
        "older": older,
        "newer": Path(newer),
        "q2": Path(q2),
        "foreign": Path(foreign),
        "stranger": stranger,
        "broken": broken,
    }


def test_each_problem_reported_in_cli_and_summary_sheet(
    town: Town, messy: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "township.xlsx"
    code = cli([str(messy["folder"]), "--period", "2026Q3", "--out", str(out)], messy["data_dir"])
    printed = capsys.readouterr().out
    assert code == 1
    statuses = status_lines(printed)
    expected = {
        messy["tampered"].name: "altered",
        messy["older"].name: "duplicate",
        messy["newer"].name: "included",
        messy["q2"].name: "wrong-period",
        messy["foreign"].name: "foreign-code",
        messy["stranger"].name: "not-a-return",
        messy["broken"].name: "unreadable",
    }
    for name, status in expected.items():
        assert statuses[name] == status, (name, printed)
    assert "~$锁定.xlsx" not in printed
    good = [c for i, c in enumerate(town.committees) if i not in (6, 11)]
    assert all(statuses[c.path.name] == "included" for c in good)
    assert len(statuses) == len(town.committees) + 5  # every file once, lock file ignored
    missing = [line for line in printed.splitlines() if line.startswith("missing")]
    assert any(MISSING_CODE in line and "未收到报表" in line for line in missing)
    assert any(town.committees[6].code in line and "导出后被修改" in line for line in missing)
    assert f"written {out}" in printed

    text = sheet_text(out, "汇总说明")
    for name, zh in {
        messy["tampered"].name: "未汇总：导出后被修改",
        messy["older"].name: "未汇总：同一单位重复报送",
        messy["q2"].name: "未汇总：报告期不符",
        messy["foreign"].name: "未汇总：区划代码不属于本单位",
        messy["stranger"].name: "未汇总：不是 CommDesk 统计报表",
        messy["broken"].name: "未汇总：文件损坏或无法读取",
    }.items():
        line = next(row for row in text.splitlines() if name in row.split("\t"))
        assert zh in line, (name, line)
    assert MISSING_NAME in text and "未收到报表" in text
    assert "三、重复报送" in text and messy["newer"].name in text

    # Left out means left out: 户数 is the sum over the included returns only.
    used = [c.path for c in good] + [messy["newer"]]
    expected_households = sum(visible_figures(p)[("表1", "101", "1")] for p in used)
    assert visible_figures(out)[("表1", "101", "1")] == expected_households


def test_including_the_altered_file_uses_its_visible_cells(
    town: Town, messy: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "township.xlsx"
    argv = [str(messy["folder"]), "--period", "2026Q3", "--out", str(out)]
    argv += ["--include-altered", str(messy["tampered"])]
    assert cli(argv, messy["data_dir"]) == 1  # other files are still left out
    statuses = status_lines(capsys.readouterr().out)
    assert statuses[messy["tampered"].name] == "included-altered"
    tampered_households = visible_figures(messy["tampered"])[("表1", "101", "1")]
    original = visible_figures(town.committees[6].path)[("表1", "101", "1")]
    assert tampered_households == original + DELTA
    good = [c.path for i, c in enumerate(town.committees) if i not in (6, 11)]
    expected = sum(visible_figures(p)[("表1", "101", "1")] for p in good)
    expected += visible_figures(messy["newer"])[("表1", "101", "1")] + tampered_households
    assert visible_figures(out)[("表1", "101", "1")] == expected
    text = sheet_text(out, "汇总说明")
    assert "已汇总（导出后被修改，经确认按表面数据汇总）" in text
    assert "导出后被修改，经确认按表面数据汇总" in text


def test_all_good_with_roster_exits_0(town: Town, tmp_path: Path, capsys: Any) -> None:
    chosen = town.committees[:4]
    folder = town.folder("good4", chosen)
    data_dir = tmp_path / "data"
    roster_store(data_dir, chosen, []).close()
    out = tmp_path / "ok.xlsx"
    assert cli([str(folder), "--period", "2026Q3", "--out", str(out)], data_dir) == 0
    printed = capsys.readouterr().out
    assert set(status_lines(printed).values()) == {"included"}
    assert "朝阳测试街道" in printed and out.is_file()


def test_nothing_usable_exits_2_and_writes_nothing(
    town: Town, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "junk"
    folder.mkdir()
    not_a_return(folder / "a.xlsx")
    corrupt(town.committees[0].path, folder / "b.xlsx")
    out = tmp_path / "never.xlsx"
    assert cli([str(folder), "--period", "2026Q3", "--out", str(out)], tmp_path / "d") == 2
    captured = capsys.readouterr()
    assert len(captured.err.strip().splitlines()) == 1
    assert "nothing consolidated" in captured.err
    assert status_lines(captured.out) == {"a.xlsx": "not-a-return", "b.xlsx": "unreadable"}
    assert not out.exists()


@pytest.mark.parametrize(
    "extra",
    [["--period", "2026-13"], ["--period", "2026Q3", "--unit-code", "12345"]],
)
def test_bad_arguments_exit_2(
    town: Town, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    argv = [str(town.committees[0].path), "--out", str(tmp_path / "x.xlsx"), *extra]
    assert cli(argv, tmp_path / "d") == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert (
        cli([str(town.committees[0].path), "--period", "2026Q3", "--out", "x.csv"], tmp_path) == 2
    )


def test_wrong_definition_and_inactive_and_output_file(town: Town, tmp_path: Path) -> None:
    """Other statuses from the core: a different template version, a committee retired
    in the roster, and last run's output sitting in the input folder."""
    from dataclasses import replace

    from commdesk.returns.consolidate import consolidate
    from commdesk.store.services import township

    chosen = town.committees[:3]
    folder = town.folder("misc", chosen)
    data_dir = tmp_path / "data"
    store = roster_store(data_dir, chosen, [])
    entry = next(e for e in township.list_committees(store) if e.division_code == chosen[2].code)
    township.update_committee(store, entry.id, active=False)
    roster = township.load_roster(store)
    store.close()
    out = folder / "township.xlsx"
    first = consolidate([folder], period=town.period, definition=town.definition,
                        township=roster, out=out)  # fmt: skip
    assert [f.status for f in first.files][:3] == ["included", "included", "inactive"]
    assert first.missing == []  # retired committees are not expected
    again = consolidate([folder], period=town.period, definition=town.definition,
                        township=roster, out=out)  # fmt: skip
    assert {f.path.name: f.status for f in again.files}["township.xlsx"] == "output-file"
    newer = replace(town.definition, version="2027.1")
    other = consolidate([folder], period=town.period, definition=newer, township=roster)
    assert {f.status for f in other.files if f.path.name != "township.xlsx"} == {"wrong-definition"}
    assert other.result is None
    assert all("未收到" not in m.reason for m in other.missing)  # they sent one: wrong template
