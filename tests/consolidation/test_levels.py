"""Two levels: township returns consolidate into a county return the same way, and the
shape of a consolidated return (share rows, the 汇总单位情况 table, level labels)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cons_helpers import OTHER_TOWNSHIP, TOWNSHIP, Town, half_up, sheet_text, visible_figures

COUNTY = TOWNSHIP[:6]


@pytest.fixture(scope="module")
def townships(town: Town, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from commdesk.returns.consolidate import consolidate

    root = tmp_path_factory.mktemp("levels")
    a = root / "a.xlsx"
    b = root / "b.xlsx"
    half = town.committees[:12]
    ca = consolidate([town.folder("level-a", half)], period=town.period,
                     definition=town.definition, out=a)  # fmt: skip
    cb = consolidate([town.foreign.path], period=town.period, definition=town.definition, out=b)
    assert ca.unit_code == TOWNSHIP and cb.unit_code == OTHER_TOWNSHIP
    assert ca.complete and cb.complete
    return {"a": a, "b": b, "root": root}


def test_two_township_returns_consolidate_into_a_county(
    town: Town, townships: dict[str, Path]
) -> None:
    from commdesk.returns.consolidate import consolidate
    from commdesk.returns.xlsx_reader import read_return

    out = townships["root"] / "county.xlsx"
    cons = consolidate([townships["a"], townships["b"]], period=town.period,
                       definition=town.definition, out=out)  # fmt: skip
    assert [f.status for f in cons.files] == ["included", "included"]
    assert cons.unit_code == COUNTY
    a, b, county = (visible_figures(p) for p in (townships["a"], townships["b"], out))
    for key, value in a.items():
        sheet = key[0]
        if sheet == "表6" or key == ("表4", "405", "1") or not isinstance(value, int | float):
            continue
        assert county[key] == pytest.approx(value + b[key], abs=1e-6), key
    # Shares are recomputed from the counts, over all committees of the county.
    committees = [*town.committees[:12], town.foreign]
    assert county[("附表", "UNITS", "1")] == len(committees)
    has = [visible_figures(c.path)[("表6", "604", "1")] == 1 for c in committees]
    assert county[("表6", "604", "1")] == half_up(100 * sum(has) / len(has), 1)
    back = read_return(out)
    assert not back.altered and back.division_code == COUNTY
    assert back.meta["community"]["kind"] == "county"
    text = sheet_text(out, "表6")
    assert "本县（市、区）" in text
    breakdown = sheet_text(out, "分乡镇（街道）明细")
    assert TOWNSHIP in breakdown and OTHER_TOWNSHIP in breakdown


def test_county_cli_with_unit_name_and_a_stray_committee_return(
    town: Town, townships: dict[str, Path], tmp_path: Path, capsys: Any
) -> None:
    from commdesk.cli import main

    out = tmp_path / "county.xlsx"
    code = main([
        "--data-dir", str(tmp_path / "no-data"), "consolidate",
        str(townships["a"]), str(townships["b"]), str(town.committees[20].path),
        "--period", "2026Q3", "--out", str(out), "--unit-name", "朝阳区", "--unit-code", COUNTY,
    ])  # fmt: skip
    assert code == 1
    printed = capsys.readouterr().out
    stray = next(line for line in printed.splitlines() if town.committees[20].path.name in line)
    assert stray.startswith("wrong-level")
    assert "written" in printed and "朝阳区 (110105)" in printed


def test_level_definition_shape(town: Town) -> None:
    from commdesk.domain.catalogues import released
    from commdesk.returns.consolidate_structure import (
        coverage_label,
        level_definition,
        share_rows,
    )

    catalogues = released()
    base = town.definition
    assert level_definition(base, 12, catalogues) is base
    township = level_definition(base, 9, catalogues)
    assert (township.id, township.version) == (base.id, base.version)
    t6 = township.table("T6")
    rows = {r.code: r for r in t6.rows(catalogues)}
    assert {"601", "601U", "601R", "604", "604U", "604R"} <= set(rows)
    assert rows["601"].unit == "%" and rows["601"].consolidate == "recompute"
    assert "TC.UNITS.2" in (rows["601U"].expr or "")
    assert t6.column("1").label == "本乡镇（街道）"
    # Targets come from the plan (resources/plans.toml), each share against its own.
    from commdesk.domain.plans import load_plans, plan_for
    from commdesk.paths import resources_dir

    targets = plan_for(load_plans(resources_dir() / "plans.toml"), 2025).targets  # type: ignore[union-attr]
    assert (targets["601U"], targets["601R"], targets["604U"]) == ("100%", "≥80%", "80%")
    assert t6.column("2").plan_targets and not rows["601U"].cells
    tc = township.table("TC")
    assert [r.code for r in tc.rows(catalogues)] == ["UNITS", "601", "604"]
    assert [s.unit_row for s in share_rows(base, catalogues)] == ["601", "604"]
    assert level_definition(base, 6, catalogues).table("T6").column("1").label == "本县（市、区）"
    assert coverage_label("综合服务设施覆盖（有/无）") == "综合服务设施覆盖率"
    assert coverage_label("政务通用自助服务（有/无）") == "政务通用自助服务覆盖率"


def test_audit_errors_inside_a_committee_return_exclude_it(town: Town, tmp_path: Path) -> None:
    """A return whose own figures break a rule (written with a valid hash) is not summed."""
    from datetime import date, datetime

    from commdesk.returns.compute import compute
    from commdesk.returns.consolidate import consolidate
    from commdesk.returns.xlsx_writer import write_return
    from commdesk.store.engine import open_store

    c = town.committees[3]
    store = open_store(c.data_dir, create=False)
    try:
        result = compute(store, town.definition, town.period)
    finally:
        store.close()
    result.table("T3").values["TOTAL"]["1"] += 7  # 合计 no longer the sum of its rows
    bad = tmp_path / "bad.xlsx"
    write_return(result, bad, notes={}, issues=[], report_date=date(2026, 10, 5),
                 exported_at=datetime(2026, 10, 5, 9, 0), program_version="test")  # fmt: skip
    cons = consolidate([bad, town.committees[4].path], period=town.period,
                       definition=town.definition)  # fmt: skip
    first = cons.files[0]
    assert first.status == "audit-errors"
    assert "E-T3-TOTAL-SUM" in first.reason
    assert cons.files[1].status == "included"
    assert cons.result is not None


def test_same_file_twice_and_identical_copies(town: Town, tmp_path: Path) -> None:
    import shutil

    from commdesk.returns.consolidate import consolidate

    c = town.committees[5]
    copy = Path(shutil.copy2(c.path, tmp_path / "copy.xlsx"))
    cons = consolidate([c.path, c.path, copy], period=town.period, definition=town.definition)
    assert len(cons.files) == 2  # the same path listed twice is one input
    statuses = sorted(f.status for f in cons.files)
    assert statuses == ["duplicate", "included"]
    dup = next(f for f in cons.files if f.status == "duplicate")
    assert "内容相同" in dup.reason
    assert len(cons.included) == 1
