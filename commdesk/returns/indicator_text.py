"""How an indicator and the period's figures read, on screen and in the briefing alike."""

from __future__ import annotations

from commdesk.domain.i18n import translate
from commdesk.domain.indicators import MET, NO_DATA, NO_TARGET, NOT_MET
from commdesk.domain.periods import Period
from commdesk.returns.dashboard import PeriodFigures
from commdesk.returns.indicators import Indicator


def number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}"


def state_text(state: str) -> str:
    return {
        MET: translate("Indicators", "Met"),
        NOT_MET: translate("Indicators", "Not met"),
        NO_DATA: translate("Indicators", "No data"),
        NO_TARGET: translate("Indicators", "No target"),
    }[state]


def value_text(ind: Indicator) -> str:
    if ind.value is None:
        return "—"
    if ind.flag:
        return translate("Indicators", "Yes") if ind.value else translate("Indicators", "No")
    return number(ind.value, ind.decimals)


def state_detail(ind: Indicator) -> str:
    """The state, with what is missing for 无数据."""
    text = state_text(ind.state)
    if ind.state == NO_DATA and ind.missing:
        text += translate("Indicators", " (enter: {items})").format(items="、".join(ind.missing))
    return text


def indicator_label(ind: Indicator) -> str:
    unit = "" if ind.flag or not ind.unit else f"（{ind.unit}）"
    return f"{ind.label}{unit}"


def figures_text(period: Period, f: PeriodFigures) -> str:
    return translate(
        "OverviewDashboard",
        "{period}: {records} services, {people} people served, {hours} hours; "
        "volunteers {volunteer_hours} hours",
    ).format(
        period=period.label(),
        records=number(f.records),
        people=number(f.people),
        hours=number(f.hours, 1 if f.hours % 1 else 0),
        volunteer_hours=number(f.volunteer_hours, 1 if f.volunteer_hours % 1 else 0),
    )
