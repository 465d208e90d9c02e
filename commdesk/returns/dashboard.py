"""Everything the overview's lower half and the briefing show, gathered in one call.

Run on a worker thread by the overview page and directly by ``commdesk briefing``,
so the screen and the PDF show the same figures for a period.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from commdesk.domain.periods import Period
from commdesk.returns.indicators import IndicatorReport, committee_indicators
from commdesk.store.services.trends import (
    ServiceTrend,
    VolunteerTrend,
    service_trend,
    volunteer_trend,
)

AREA_ROW = "602"  # 每百户居民拥有社区综合服务设施面积
AREA_QUARTERS = 8


@dataclass(frozen=True)
class AreaTrend:
    """Facility area per 100 households at each quarter's end, and the plan's line."""

    periods: tuple[Period, ...]
    values: tuple[float | None, ...]  # None: 无数据 at that quarter's end
    line: float | None


@dataclass(frozen=True)
class PeriodFigures:
    """The period's main figures: services, people served (人次), hours, volunteer hours."""

    records: int
    people: float
    hours: float
    volunteer_hours: float


@dataclass(frozen=True)
class Dashboard:
    period: Period
    indicators: IndicatorReport
    figures: PeriodFigures
    services: ServiceTrend
    volunteers: VolunteerTrend
    area: AreaTrend


def _quarters_ending(period: Period, count: int) -> tuple[Period, ...]:
    last = Period("quarter", period.year, (period.last_month - 1) // 3 + 1)
    out = [last]
    for _ in range(count - 1):
        out.append(out[-1].previous())
    return tuple(reversed(out))


def area_trend(store: Any, period: Period, catalogues: Any) -> AreaTrend:
    """表6 602 at each of the last quarters' ends, computed as the return computes it."""
    from commdesk.returns.definition import default_definition_path, load_definition

    definition = load_definition(default_definition_path())  # read once, not per quarter
    periods = _quarters_ending(period, AREA_QUARTERS)
    values: list[float | None] = []
    line = None
    for quarter in periods:
        report = committee_indicators(store, quarter, definition, catalogues=catalogues)
        ind = next(i for i in report.indicators if i.code == AREA_ROW)
        values.append(ind.value)
        line = ind.target.value if ind.target else line
    return AreaTrend(periods, tuple(values), line)


def period_figures(
    period: Period, services: ServiceTrend, volunteers: VolunteerTrend
) -> PeriodFigures:
    """The period's totals, summed from the months of the trends it covers."""
    months = {m.code for m in period.months()}
    inside = [i for i, key in enumerate(services.months) if key in months]

    def total(series: dict[str, list[Any]]) -> float:
        return float(sum(values[i] for values in series.values() for i in inside))

    return PeriodFigures(
        int(total(services.records)),
        total(services.people),
        total(services.hours),
        float(sum(volunteers.hours[i] for i in inside)),
    )


def dashboard(store: Any, period: Period) -> Dashboard:
    """The indicators as of ``period``'s end and the trends of the 24 months up to it."""
    from commdesk.store.catalogue_store import load_catalogues

    catalogues = load_catalogues(store)
    services = service_trend(store, catalogues, period.last_day)
    volunteers = volunteer_trend(store, period.last_day)
    return Dashboard(
        period=period,
        indicators=committee_indicators(store, period, catalogues=catalogues),
        figures=period_figures(period, services, volunteers),
        services=services,
        volunteers=volunteers,
        area=area_trend(store, period, catalogues),
    )
