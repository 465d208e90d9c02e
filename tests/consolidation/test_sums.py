"""The consolidated return adds up: every summable cell equals the committees' visible cells
summed here independently, indicators are recomputed from the sums, shares are shares of
committees (urban and rural separately), and the output is itself a valid return."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cons_helpers import TOWNSHIP, Town, half_up, sheet_rows, sheet_text, visible_figures

INDICATOR_SHEET = "表6"
RATIO_CELLS = {("表4", "405", "1")}  # 人均服务时长: a ratio, recomputed


@pytest.fixture(scope="module")
def consolidated(town: Town, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    from commdesk.returns.consolidate import consolidate

    out = tmp_path_factory.mktemp("sums") / "township.xlsx"
    cons = consolidate(
        [town.folder("sums")], period=town.period, definition=town.definition, out=out
    )
    return cons, out


def test_every_committee_is_included_once(town: Town, consolidated: tuple[Any, Path]) -> None:
    cons, out = consolidated
    assert [f.status for f in cons.files] == ["included"] * len(town.committees)
    assert sorted(f.code for f in cons.included) == sorted(c.code for c in town.committees)
    assert cons.unit_code == TOWNSHIP
    assert any("未设置名册" in n and TOWNSHIP in n for n in cons.notes)
    assert out.is_file() and cons.output == out


def test_summable_cells_equal_the_sum_of_visible_committee_cells(
    town: Town, consolidated: tuple[Any, Path]
) -> None:
    _cons, out = consolidated
    per_committee = [visible_figures(c.path) for c in town.committees]
    total = visible_figures(out)
    checked = 0
    for key in per_committee[0]:
        sheet, _row, _col = key
        if sheet == INDICATOR_SHEET or key in RATIO_CELLS:
            continue
        values = [fig[key] for fig in per_committee]
        if not all(isinstance(v, int | float) for v in values):
            continue
        assert total[key] == pytest.approx(sum(values), abs=1e-6), key
        checked += 1
    assert checked > 300  # every table's cells, not a sample


def test_indicators_are_recomputed_from_summed_parts(
    town: Town, consolidated: tuple[Any, Path]
) -> None:
    _cons, out = consolidated
    figs = [visible_figures(c.path) for c in town.committees]
    total = visible_figures(out)

    def s(sheet: str, row: str, col: str = "1") -> float:
        return sum(f[(sheet, row, col)] for f in figs)

    households, residents, workers = s("表1", "101"), s("表1", "102"), s("表1", "106")
    area, activity = s("表2", "F01", "2"), s("表2", "F01", "3")
    hours, volunteers = s("表4", "404"), s("表4", "403")
    assert total[("表6", "602", "1")] == half_up(area * 100 / households, 1)
    assert total[("表6", "603", "1")] == half_up(activity * 100 / area, 1)
    assert total[("表6", "605", "1")] == half_up(workers * 10000 / residents, 1)
    assert total[("表4", "405", "1")] == half_up(hours / volunteers, 2)
    # never the average of the committees' own indicators
    average = sum(f[("表6", "602", "1")] for f in figs) / len(figs)
    assert abs(total[("表6", "602", "1")] - average) > 0.05


def test_coverage_is_a_share_of_committees_urban_and_rural_separately(
    town: Town, consolidated: tuple[Any, Path]
) -> None:
    _cons, out = consolidated
    total = visible_figures(out)
    for row in ("601", "604"):
        has = {c.code: visible_figures(c.path)[("表6", row, "1")] == 1 for c in town.committees}
        urban = [c for c in town.committees if c.kind == "urban"]
        rural = [c for c in town.committees if c.kind == "village"]
        assert urban and rural
        assert total[("表6", row, "1")] == half_up(100 * sum(has.values()) / len(has), 1)
        assert total[("表6", f"{row}U", "1")] == half_up(
            100 * sum(has[c.code] for c in urban) / len(urban), 1
        )
        assert total[("表6", f"{row}R", "1")] == half_up(
            100 * sum(has[c.code] for c in rural) / len(rural), 1
        )
        # the counts behind the shares, so the next level can recompute them
        assert total[("附表", row, "1")] == sum(has.values())
    assert total[("附表", "UNITS", "1")] == len(town.committees)
    assert total[("附表", "UNITS", "2")] == sum(c.kind == "urban" for c in town.committees)
    assert total[("附表", "UNITS", "3")] == sum(c.kind == "village" for c in town.committees)
    text = sheet_text(out, INDICATOR_SHEET)
    assert "本乡镇（街道）" in text and "本社区" not in text
    assert "综合服务设施覆盖率" in text and "城市社区（居委会）" in text


def test_output_is_a_valid_township_return(consolidated: tuple[Any, Path]) -> None:
    from commdesk.returns.xlsx_reader import read_return

    cons, out = consolidated
    back = read_return(out)
    assert not back.altered, back.problems
    assert back.division_code == TOWNSHIP
    assert back.meta["community"]["kind"] == "township"
    assert back.meta["community"]["name"] == cons.unit_name
    assert back.period_code == "2026Q3"
    assert (back.definition_id, back.definition_version) == (
        cons.definition.id,
        cons.definition.version,
    )
    assert cons.issues == []  # the sum passes the same audit rules


def test_breakdown_sheet_has_one_row_per_committee_and_the_totals(
    town: Town, consolidated: tuple[Any, Path]
) -> None:
    _cons, out = consolidated
    rows = sheet_rows(out, "分村（居）委会明细")
    codes_row = next(r for r in rows if r and "T1.101.1" in r)
    households = codes_row.index("T1.101.1")
    body = [r for r in rows if r and isinstance(r[0], int)]
    assert sorted(r[2] for r in body) == sorted(c.code for c in town.committees)
    by_code = {r[2]: r for r in body}
    for c in town.committees:
        assert by_code[c.code][households] == visible_figures(c.path)[("表1", "101", "1")]
    total_row = next(r for r in rows if r and r[0] == "合计")
    assert total_row[households] == visible_figures(out)[("表1", "101", "1")]
    coverage = codes_row.index("T6.601.1")
    assert {r[coverage] for r in body} <= {"有", "无"}


def test_summary_sheet_lists_every_input(town: Town, consolidated: tuple[Any, Path]) -> None:
    _cons, out = consolidated
    text = sheet_text(out, "汇总说明")
    for c in town.committees:
        assert c.path.name in text
    assert text.count("已汇总") >= len(town.committees)
    assert "未检查缺报" in text
