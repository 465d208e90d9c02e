"""The ministry's 社会服务统计季报表 (JBZH0001) 社区服务 section in a consolidation.

Through the installed console script: demo committees (two village, two urban) are
generated and exported, the township consolidates them, and the JBZH0001 sheet read
back with openpyxl must equal counts made here from the committees' facility ledgers
(in-use facilities by the catalogue's ``jbzh_row``; 其中：农村 from the village ones).
A county sums its townships' sheets; ``--previous`` fills 上年数据 and 同比.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select

from tests.consolidation.script_helpers import PERIOD, committee_return, run

TOWNSHIP, OTHER = "110105001", "110105002"
URBAN = ("110105001001", "110105001002")
VILLAGE = ("110105001201", "110105001202")
OTHER_VILLAGE = "110105002201"
PERIOD_END = date(2026, 9, 30)
SHEET = "JBZH0001"
NAMED_ROWS = {"03": "社区服务指导中心", "05": "社区服务中心", "07": "社区服务站",
              "09": "社区养老机构和设施", "11": "社区互助型养老设施"}  # fmt: skip
OTHER_ROW = "13"
ROOT = Path(__file__).resolve().parents[2]


def _type_rows() -> dict[str, str]:
    """facility type → JBZH row, read from the shipped catalogue file itself."""
    with (ROOT / "resources" / "catalogues.toml").open("rb") as fh:
        items = tomllib.load(fh)["facility_type"]["items"]
    return {i["code"]: i["jbzh_row"] for i in items if "jbzh_row" in i}


def _in_use(f: Any, end: date) -> bool:
    """In use on ``end``: not closed by then, opened by then (a later closing counts)."""
    if f.closed_on is not None and f.closed_on <= end:
        return False
    if f.status_code == "closed":
        return f.closed_on is not None
    if f.status_code != "in_use":
        return False
    return f.year_opened is None or f.year_opened <= end.year


def facility_counts(data_dir: Path, end: date = PERIOD_END) -> dict[str, int]:
    """One committee's in-use facilities per JBZH row, from its ledger."""
    from commdesk.store.engine import open_store
    from commdesk.store.models import Facility

    rows = _type_rows()
    counts = dict.fromkeys([*NAMED_ROWS, OTHER_ROW], 0)
    store = open_store(data_dir, create=False)
    try:
        with store.read() as s:
            for f in s.scalars(select(Facility).where(Facility.deleted_at.is_(None))):
                if _in_use(f, end):
                    counts[rows.get(f.type_code, OTHER_ROW)] += 1
    finally:
        store.close()
    return counts


def jbzh_sheet(path: Path) -> dict[str, tuple[Any, ...]]:
    """代码 (丙) → (指标名称, 单位, 数量, 上年数据, 同比) as the sheet shows them."""
    ws = openpyxl.load_workbook(path, read_only=True)[SHEET]
    found = {}
    for row in ws.iter_rows(values_only=True):
        if len(row) >= 6 and isinstance(row[2], str) and re.fullmatch(r"\d\d", row[2]):
            found[row[2]] = (row[0], row[1], row[3], row[4], row[5])
    return found


def _export(data: Path, period: str, out: Path) -> Path:
    notes: list[str] = []
    for _attempt in range(2):
        done = run("--data-dir", data, "export", "--period", period, "--out", out, *notes)
        if done.returncode == 0:
            return out
        codes = re.findall(r"^warning (\S+):", done.stdout, flags=re.MULTILINE)
        notes = [a for c in codes for a in ("--note", f"{c}=已核实，数据无误。")]
    raise AssertionError(f"export failed: {done.stdout}\n{done.stderr}")


def _consolidate(
    root: Path, inputs: list[Path], unit: str, out: Path, *extra: str, period: str = PERIOD
) -> subprocess.CompletedProcess[str]:
    folder = root / f"in-{out.stem}"
    folder.mkdir()
    for p in inputs:
        shutil.copy2(p, folder / p.name)
    return run("--data-dir", root / "empty", "consolidate", folder, "--period", period,
               "--out", out, "--unit-code", unit, *extra)  # fmt: skip


@pytest.fixture(scope="module")
def town(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("jbzh")
    made: dict[str, Path] = {}
    (root / "returns").mkdir()
    for seed, code in enumerate([*URBAN, *VILLAGE, OTHER_VILLAGE], start=11):
        kind = "urban" if code in URBAN else "village"
        made[code] = committee_return(root, code, seed, root / "returns" / f"{code}.xlsx", kind)
    out = root / "township.xlsx"
    done = _consolidate(root, [made[c] for c in (*URBAN, *VILLAGE)], TOWNSHIP, out)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert "written" in done.stdout or "写入" in done.stdout, done.stdout
    return {"root": root, "returns": made, "township": out}


def _expected(root: Path, codes: tuple[str, ...]) -> dict[str, int]:
    """The section's 数量 by row, computed here from the ledgers and the kinds."""
    want: dict[str, int] = {}
    for code in codes:
        counts = facility_counts(root / f"data-{code}")
        rural = code[9:] >= "200"
        for row, n in counts.items():
            want[row] = want.get(row, 0) + n
            rural_row = f"{int(row) + 1:02d}"
            want[rural_row] = want.get(rural_row, 0) + (n if rural else 0)
    want["01"] = sum(want[r] for r in (*NAMED_ROWS, OTHER_ROW))
    want["02"] = sum(want[f"{int(r) + 1:02d}"] for r in (*NAMED_ROWS, OTHER_ROW))
    want["15"] = sum(1 for c in codes if c[9:] >= "200")
    want["16"] = sum(1 for c in codes if c[9:] < "200")
    return want


def _registered(paths: list[Path], row: str = "108") -> int:
    """Σ 表1 108 (志愿者（在册）; returns.md: 注册志愿者 = 表1 108 summed) as printed."""
    total = 0
    for p in paths:
        ws = openpyxl.load_workbook(p, read_only=True)["表1"]
        total += next(r[3] for r in ws.iter_rows(values_only=True) if r[1] == row)
    return total


def test_township_sheet_matches_hand_sums(town: dict[str, Any]) -> None:
    codes = (*URBAN, *VILLAGE)
    sheet = jbzh_sheet(town["township"])
    want = _expected(town["root"], codes)
    want["17"] = _registered([town["returns"][c] for c in codes])
    # Not the 其中 row 109 (registered in the national system): the data tell them apart.
    assert want["17"] != _registered([town["returns"][c] for c in codes], "109")
    assert sorted(sheet) == [f"{i:02d}" for i in range(1, 18)]
    assert {row: sheet[row][2] for row in want} == want
    assert want["07"] > 0 and want["13"] > 0 and want["08"] > 0  # the data exercise it
    assert want["08"] < want["07"] or want["14"] < want["13"]  # the urban part is left out
    # Labels, units and the form's header as the ministry prints them.
    assert sheet["01"][:2] == ("社区服务机构和设施总数", "个")
    assert all(sheet[f"{i:02d}"][0] == "其中：农村" for i in range(2, 15, 2))
    assert [sheet[r][0] for r in ("15", "16", "17")] == ["村委会", "居委会", "注册志愿者"]
    assert sheet["17"][1] == "人"
    for row in sheet.values():  # no --previous: 上年数据 and 同比 blank, never guessed
        assert row[3] is None and row[4] is None
    ws = openpyxl.load_workbook(town["township"])[SHEET]
    text = [str(c.value) for line in ws.iter_rows() for c in line if c.value is not None]
    for needed in ("表　　号：JBZH0001", "制定机关：民政部", "批准机关：国家统计局"):
        assert any(t.startswith(needed) for t in text), needed
    assert "统计用区划代码：110105001000" in text
    assert text[text.index("指标名称") : text.index("指标名称") + 6] == [
        "指标名称",
        "单位",
        "代码",
        "数量",
        "上年数据",
        "同比",
    ]
    label = next(c for line in ws.iter_rows() for c in line if c.value == "其中：农村")
    assert label.alignment.indent >= 1


def test_township_sheet_is_in_the_hashed_metadata(town: dict[str, Any], tmp_path: Path) -> None:
    from commdesk.returns.xlsx_reader import read_return

    ret = read_return(town["township"])
    assert not ret.altered, ret.problems
    assert ret.values[SHEET]["07"]["1"] == jbzh_sheet(town["township"])["07"][2]
    edited = tmp_path / "edited.xlsx"
    wb = openpyxl.load_workbook(town["township"])
    ws = wb[SHEET]
    cell = next(line[3] for line in ws.iter_rows() if line[2].value == "07")
    cell.value = (cell.value or 0) + 5
    wb.save(edited)
    assert read_return(edited).altered


def test_township_sheet_converts_in_libreoffice(town: dict[str, Any], tmp_path: Path) -> None:
    binary = shutil.which("soffice") or shutil.which("libreoffice")
    if binary is None:
        pytest.skip("LibreOffice (soffice) not installed")
    src = tmp_path / "township.xlsx"
    shutil.copy(town["township"], src)
    done = subprocess.run(
        [binary, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(src)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / "township.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout
        assert "JBZH0001" in text and "社区服务机构和设施总数" in text


def test_county_sums_the_townships_sheets(town: dict[str, Any]) -> None:
    root = town["root"]
    other = root / "other-township.xlsx"
    done = _consolidate(root, [town["returns"][OTHER_VILLAGE]], OTHER, other)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    county = root / "county.xlsx"
    done = _consolidate(root, [town["township"], other], "110105", county)
    assert done.returncode in (0, 1), done.stdout + done.stderr
    assert county.exists(), done.stdout + done.stderr
    a, b, c = jbzh_sheet(town["township"]), jbzh_sheet(other), jbzh_sheet(county)
    assert {r: c[r][2] for r in c} == {r: a[r][2] + b[r][2] for r in a}
    want = _expected(root, (*URBAN, *VILLAGE, OTHER_VILLAGE))
    assert {r: c[r][2] for r in want} == want
    assert c["15"][2] == 3 and c["16"][2] == 2


def test_previous_year_fills_previous_and_change(town: dict[str, Any]) -> None:
    root = town["root"]
    codes = (*URBAN, *VILLAGE)
    (root / "last").mkdir()
    last = [_export(root / f"data-{c}", "2025Q3", root / "last" / f"{c}.xlsx") for c in codes]
    previous = root / "township-2025Q3.xlsx"
    done = _consolidate(root, last, TOWNSHIP, previous, period="2025Q3")
    assert previous.exists(), done.stdout + done.stderr
    out = root / "township-with-previous.xlsx"
    done = _consolidate(
        root, [town["returns"][c] for c in codes], TOWNSHIP, out, "--previous", str(previous)
    )
    assert done.returncode in (0, 1), done.stdout + done.stderr
    before, now = jbzh_sheet(previous), jbzh_sheet(out)
    some_change = False
    for row, (_label, _unit, qty, prev, change) in now.items():
        assert prev == before[row][2]
        if prev == 0:
            assert change is None
        else:
            expected = round((qty - prev) * 100 / prev + 1e-9, 1)
            assert change == pytest.approx(expected, abs=0.051)
            some_change = True
    assert some_change


def test_previous_of_the_wrong_period_is_refused(town: dict[str, Any]) -> None:
    root = town["root"]
    out = root / "refused.xlsx"
    done = _consolidate(
        root,
        [town["returns"][URBAN[0]]],
        TOWNSHIP,
        out,
        "--previous",
        str(town["township"]),  # the same period, not the year before
    )
    assert done.returncode == 2
    assert "--previous" in done.stderr and "2025Q3" in done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
