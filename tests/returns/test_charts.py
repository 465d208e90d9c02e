"""The charts in Chinese: every glyph found, fonts embedded in the vector PDF."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from zh_catalogue import translated

from commdesk.domain import i18n
from commdesk.domain.periods import Period
from commdesk.returns.charts import dashboard_specs, draw, table_rows
from commdesk.returns.dashboard import dashboard
from commdesk.store.engine import open_store
from commdesk.store.services.facilities import facilities
from commdesk.store.services.profile import save_profile
from commdesk.store.services.service_records import service_records

GROUPS = {"WM": "为民服务", "BM": "便民服务", "AM": "安民服务", "ZY": "志愿服务"}


@pytest.fixture
def chinese() -> Iterator[None]:
    zh = translated()
    i18n.install(lambda _context, text: zh.get(text, text), "zh_CN")
    yield
    i18n.install(None, "zh_CN")


@pytest.fixture
def board(tmp_path: Path) -> Any:
    store = open_store(tmp_path)
    save_profile(
        store,
        {
            "name": "幸福社区居民委员会",
            "kind": "urban",
            "division_code": "110105001001",
            "township_name": "朝外街道",
            "households": 800,
            "resident_population": 2000,
        },
    )
    facilities.add(
        store, {"name": "中心", "type_code": "F01", "floor_area": 200, "activity_area": 150}
    )
    service_records.add(
        store,
        {
            "service_date": date(2026, 5, 3),
            "category_code": "ZY01",
            "target_group_code": "GEN",
            "people_served": 6,
            "hours": 2.0,
        },
    )
    return dashboard(store, Period.parse("2026Q2"))


def test_every_chart_draws_in_chinese_without_a_missing_glyph(
    chinese: None, board: Any, tmp_path: Path
) -> None:
    from matplotlib.figure import Figure

    specs = dashboard_specs(board, GROUPS)
    assert specs["services_records"].title == "每月服务次数"
    with warnings.catch_warnings():
        # matplotlib warns "Glyph … missing from font(s)": here that is a failure.
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        for key, spec in specs.items():
            figure = Figure(figsize=(5, 3), layout="constrained")
            draw(figure.add_subplot(), spec)
            figure.savefig(tmp_path / f"{key}.png")
            figure.savefig(tmp_path / f"{key}.pdf")
    pdf = (tmp_path / "area.pdf").read_bytes()
    assert b"/FontFile2" in pdf  # TrueType embedded (pdf.fonttype 42), not Type 3
    assert b"WenQuanYi" in pdf


def test_area_chart_series_and_table(board: Any) -> None:
    spec = dashboard_specs(board, GROUPS)["area"]
    # 2024Q3 … 2026Q2, each 200 × 100 / 800 = 25.0 against the plan's ≥30.
    assert spec.x_labels[0] == "2024Q3" and spec.x_labels[-1] == "2026Q2"
    assert spec.series[0].values == (25.0,) * 8 and spec.line == 30
    header, rows = table_rows(spec)
    assert header == ["m² per 100 households", "Plan target"]
    assert rows[-1] == ["2026Q2", "25.0", "30"]
    services = dashboard_specs(board, GROUPS)["services_people"]
    may = services.x_labels.index("26/05")
    assert [s.values[may] for s in services.series] == [0.0, 0.0, 0.0, 6.0]
    assert board.figures.records == 1 and board.figures.people == 6.0
