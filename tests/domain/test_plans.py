"""表6's targets come from data: the plan in force in the period's year, named with its
years — a 2026 return no longer reads "2025年目标" (issue 12), and a later plan is a
line in resources/plans.toml, not code."""

from __future__ import annotations

from pathlib import Path

import pytest

from commdesk.domain.plans import PlanError, load_plans, plan_for
from commdesk.paths import resources_dir

LATER = """
[[plans]]
id = "15th"
short = "“十五五”规划"
name = "“十五五”城乡社区服务体系建设规划"
from_year = 2026
to_year = 2030
[plans.targets]
"602" = "≥35"
"""


def test_shipped_plan_is_the_14th_for_2021_to_2025() -> None:
    plans = load_plans(resources_dir() / "plans.toml")
    plan = plan_for(plans, 2023)
    assert plan is not None and plan.document == "国办发〔2021〕56号"
    assert plan.heading() == "“十四五”规划目标（2021—2025年）"
    assert plan.targets["602"] == "≥30" and plan.targets["605"] == "18"


def test_after_the_last_plan_its_targets_are_named_with_their_years() -> None:
    plans = load_plans(resources_dir() / "plans.toml")
    plan = plan_for(plans, 2026)
    assert plan is not None and "2021—2025" in plan.heading()
    assert plan_for(plans, 2019) is None  # before any plan: no targets claimed


def test_a_later_plan_is_data(tmp_path: Path) -> None:
    path = tmp_path / "plans.toml"
    path.write_text((resources_dir() / "plans.toml").read_text("utf-8") + LATER, "utf-8")
    plans = load_plans(path)
    assert plan_for(plans, 2025).id == "14th-five-year"  # type: ignore[union-attr]
    later = plan_for(plans, 2026)
    assert later is not None and later.targets == {"602": "≥35"}
    assert later.heading() == "“十五五”规划目标（2026—2030年）"


def test_malformed_plans_file_names_the_problem(tmp_path: Path) -> None:
    path = tmp_path / "plans.toml"
    path.write_text('[[plans]]\nid = "x"\n', "utf-8")
    with pytest.raises(PlanError, match=r"plans\.toml"):
        load_plans(path)
