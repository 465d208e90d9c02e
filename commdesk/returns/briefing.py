"""The one-page briefing (年度/季度社区服务简报) as a vector PDF, drawn with matplotlib.

The page shows what the overview shows for the period — the plan indicators as
of its end, its main figures and three of the trend charts — from the same
:class:`~commdesk.returns.dashboard.Dashboard` and the same texts, so the PDF
and the screen cannot disagree. Fonts are embedded (TrueType), text stays text.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.domain.indicators import MET, NOT_MET
from commdesk.returns.charts import configure, dashboard_specs, draw
from commdesk.returns.dashboard import Dashboard
from commdesk.returns.indicator_text import (
    figures_text,
    indicator_label,
    state_detail,
    value_text,
)

A4_INCHES = (8.27, 11.69)
STATE_COLOURS = {MET: "#1e7b34", NOT_MET: "#b3261e"}
CHARTS = ("services_records", "volunteers", "area")


def briefing_title(d: Dashboard) -> str:
    name = d.indicators.committee
    if d.period.kind == "year":
        kind = translate("Briefing", "Annual community service briefing")
    elif d.period.kind == "quarter":
        kind = translate("Briefing", "Quarterly community service briefing")
    else:
        kind = translate("Briefing", "Community service briefing")
    return f"{name} {d.period.label()} {kind}".strip()


def _indicator_table(ax: Any, d: Dashboard) -> None:
    ax.axis("off")
    header = [
        translate("Indicators", "Indicator"),
        translate("Indicators", "Value"),
        translate("Indicators", "Target"),
        translate("Indicators", "State"),
    ]
    rows = [
        [indicator_label(i), value_text(i), i.target_text or "—", state_detail(i)]
        for i in d.indicators.indicators
    ]
    table = ax.table(
        cellText=rows,
        colLabels=header,
        colWidths=[0.55, 0.1, 0.17, 0.18],
        loc="upper center",
        cellLoc="left",
    )
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1, 1.35)
    for (row, column), cell in table.get_celld().items():
        cell.set_linewidth(0.4)
        if row == 0:
            cell.set_facecolor("#eef2f6")
        elif column == 3:
            state = d.indicators.indicators[row - 1].state
            cell.get_text().set_color(STATE_COLOURS.get(state, "#555555"))


def draw_briefing(d: Dashboard, group_labels: dict[str, str], today: date | None = None) -> Any:
    """The briefing page as a matplotlib Figure (no canvas: saved as PDF or printed)."""
    configure()
    from matplotlib.figure import Figure

    figure = Figure(figsize=A4_INCHES)
    figure.text(0.5, 0.965, briefing_title(d), ha="center", fontsize=15)
    plan = d.indicators.plan
    plan_text = f"{plan.name}（{plan.document}）" if plan else ""
    figure.text(
        0.5,
        0.945,
        translate("Indicators", "As of {date}; targets: {plan}").format(
            date=f"{d.indicators.as_of:%Y-%m-%d}", plan=plan_text
        ),
        ha="center",
        fontsize=8,
        color="#444444",
    )
    figure.text(0.07, 0.915, translate("Briefing", "Main figures"), fontsize=11)
    figure.text(0.07, 0.895, figures_text(d.period, d.figures), fontsize=9)
    figure.text(0.07, 0.865, translate("Briefing", "Plan indicators"), fontsize=11)
    _indicator_table(figure.add_axes((0.07, 0.70, 0.86, 0.16)), d)
    specs = dashboard_specs(d, group_labels)
    boxes = ((0.09, 0.47, 0.84, 0.2), (0.09, 0.25, 0.78, 0.16), (0.09, 0.05, 0.84, 0.14))
    for key, box in zip(CHARTS, boxes, strict=True):
        draw(figure.add_axes(box), specs[key], compact=True)
    made = translate("Briefing", "Made by CommDesk on {date}").format(
        date=f"{(today or date.today()):%Y-%m-%d}"
    )
    figure.text(0.93, 0.012, made, ha="right", fontsize=6, color="#777777")
    return figure


def write_briefing(d: Dashboard, group_labels: dict[str, str], out: Path) -> Path:
    """Write the PDF next to ``out`` first, then move it in place (no half file)."""
    figure = draw_briefing(d, group_labels)
    part = out.with_name(f".{out.name}.part")
    try:
        figure.savefig(part, format="pdf", metadata={"Title": briefing_title(d)})
        os.replace(part, out)
    finally:
        part.unlink(missing_ok=True)
    return out


def briefing_for(store: Any, period: Any, out: Path) -> Path:
    """Gather the period's dashboard and write its briefing."""
    from commdesk.returns.dashboard import dashboard
    from commdesk.store.catalogue_store import load_catalogues

    groups = load_catalogues(store)["service_group"]
    labels = {item.code: groups.label(item.code) for item in groups}
    return write_briefing(dashboard(store, period), labels, out)
