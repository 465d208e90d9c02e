"""The township's indicator table: every committee judged by hand from its own workbook,
the counts of committees meeting each target, and the sheet 指标达标情况 read back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from cons_helpers import Town, visible_figures

STATE = {True: "达标", False: "未达标"}


@pytest.fixture(scope="module")
def consolidated(town: Town, tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    from commdesk.returns.consolidate import consolidate

    out = tmp_path_factory.mktemp("indicators") / "township.xlsx"
    cons = consolidate(
        [town.folder("indicators")], period=town.period, definition=town.definition, out=out
    )
    return cons, out


def by_hand(town: Town) -> dict[str, dict[str, tuple[float | None, str]]]:
    """{committee code: {indicator: (value, state)}} from the committees' visible cells."""
    out = {}
    for c in town.committees:
        f = visible_figures(c.path)
        v = {code: f[("表6", code, "1")] for code in ("601", "602", "603", "604", "605")}
        urban = c.kind == "urban"
        out[c.code] = {
            "601": (v["601"], STATE[v["601"] == 1]),  # urban 100 %, rural ≥ 80 %: has one
            "602": (v["602"], STATE[v["602"] >= 30])
            if f[("表1", "101", "1")]
            else (None, "无数据"),
            "603": (v["603"], STATE[v["603"] >= 60])
            if f[("表2", "F01", "2")]
            else (None, "无数据"),
            "604": (v["604"], STATE[v["604"] == 1] if urban else "无目标"),  # urban only
            "605": (v["605"], STATE[v["605"] >= 18])
            if f[("表1", "102", "1")]
            else (None, "无数据"),
        }
    return out


def test_each_committee_is_judged_against_its_kinds_target(
    town: Town, consolidated: tuple[Any, Path]
) -> None:
    from commdesk.returns.township_indicator_sheet import STATE_ZH
    from commdesk.returns.township_indicators import township_indicators

    cons, _out = consolidated
    ti = township_indicators(cons)
    assert [c.code for c in ti.columns] == ["601", "602", "603", "604", "605"]
    expected = by_hand(town)
    assert len(ti.committees) == len(town.committees)
    for row in ti.committees:
        got = {
            col.code: (cell.value, STATE_ZH[cell.state])
            for col, cell in zip(ti.columns, row.cells, strict=True)
        }
        assert got == expected[row.code], row.name
    states = {s for e in expected.values() for _v, s in e.values()}
    assert {"达标", "未达标", "无目标"} <= states  # the fixture shows each case

    # Committees meeting each target, overall and by kind, counted here.
    kinds = {c.code: c.kind for c in town.committees}
    for share in ti.shares:
        judged = [k for k, e in expected.items() if e[share.code][1] in ("达标", "未达标")]
        met = [k for k in judged if expected[k][share.code][1] == "达标"]
        assert share.judged["all"] == len(judged) and share.met["all"] == len(met)
        assert share.met["urban"] == sum(kinds[k] == "urban" for k in met)
        assert share.judged["village"] == sum(kinds[k] == "village" for k in judged)


def test_sheet_in_the_township_workbook(town: Town, consolidated: tuple[Any, Path]) -> None:
    from openpyxl import load_workbook

    _cons, out = consolidated
    total = visible_figures(out)
    ws = load_workbook(out, data_only=True)["指标达标情况"]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    expected = by_hand(town)

    # Section 1: the township's own table 6, with urban and rural shares.
    own: dict[str, list[Any]] = {}
    for r in rows:  # the first table with these codes (section 2 repeats 601 … 605)
        if r[0] in ("601", "601U", "601R", "602", "605"):
            own.setdefault(r[0], r)
    assert own["601U"][3] == total[("表6", "601U", "1")] and own["601U"][4] == "100%"
    assert own["601R"][3] == total[("表6", "601R", "1")]
    assert own["601U"][5] == ("达标" if total[("表6", "601U", "1")] >= 100 else "未达标")
    assert own["602"][3] == total[("表6", "602", "1")]
    assert own["602"][5] == ("达标" if total[("表6", "602", "1")] >= 30 else "未达标")

    # Section 2: committees meeting each target (first table with a 达标数 column).
    head = next(i for i, r in enumerate(rows) if r[3] == "合计达标数")
    counts = {r[0]: r for r in rows[head + 1 : head + 6]}
    for code in ("601", "602", "603", "604", "605"):
        judged = [k for k, e in expected.items() if e[code][1] in ("达标", "未达标")]
        met = sum(expected[k][code][1] == "达标" for k in judged)
        assert counts[code][3:5] == [met, len(judged)]
        assert counts[code][5] == (round(met * 100 / len(judged), 1) if judged else None)

    # Section 3: one row per committee, each value and state as judged by hand.
    committees = {r[2]: r for r in rows if r[2] in expected}
    assert len(committees) == len(town.committees)
    for code, e in expected.items():
        row = committees[code]
        for i, indicator in enumerate(("601", "602", "603", "604", "605")):
            assert (row[4 + 2 * i], row[5 + 2 * i]) == e[indicator], (code, indicator)
    green = [
        ws.cell(row=r + 1, column=c + 1).fill.fgColor.rgb
        for r, row in enumerate(rows)
        for c, value in enumerate(row)
        if value == "达标"
    ]
    assert green and all(str(rgb).endswith("E3F4E6") for rgb in green)
