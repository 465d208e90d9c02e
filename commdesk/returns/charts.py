"""The overview's and the briefing's charts: what each draws, and drawing it with matplotlib.

A :class:`ChartSpec` is the data a chart shows (its series, in numbers); the
window's canvas, its table toggle and the briefing's vector PDF are all drawn
from the same spec, so what a test checks is what the clerk sees. matplotlib is
imported only inside the functions that draw: never on the start-up path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from commdesk.domain.i18n import translate
from commdesk.returns.dashboard import Dashboard
from commdesk.store.services.trends import GROUPS

# CJK fonts in order of preference (Linux, Windows, macOS), then a Latin fallback.
CJK_FONTS = [
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "DejaVu Sans",
]
GROUP_COLOURS = {"WM": "#3b78b0", "BM": "#5aa469", "AM": "#d08c2c", "ZY": "#a05aa8"}
# Beyond this many bars (a township's committees) the bars touch.
MANY_BARS = 60
# The service chart's measures: records, people served (人次), hours.
MEASURES = ("records", "people", "hours")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: str = "#3b78b0"
    secondary: bool = False  # on the right-hand axis


@dataclass(frozen=True)
class ChartSpec:
    key: str
    title: str
    x_labels: tuple[str, ...]
    series: tuple[Series, ...]
    kind: str = "bars"  # bars (stacked) / line
    y_label: str = ""
    y2_label: str = ""
    line: float | None = None  # the plan's line, drawn across
    line_label: str = ""
    decimals: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def configure() -> Any:
    """matplotlib with a CJK font list and fonts embedded as TrueType in PDFs."""
    import matplotlib

    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": CJK_FONTS,
            "axes.unicode_minus": False,  # the CJK fonts lack U+2212
            "pdf.fonttype": 42,
            "ps.fonttype": 42,
            "svg.fonttype": "path",
            "font.size": 8,
        }
    )
    return matplotlib


def _month_label(key: str) -> str:
    return f"{key[2:4]}/{key[5:7]}"  # 2026-05 → 26/05: 24 of them fit under a chart


def service_spec(d: Dashboard, measure: str, group_labels: dict[str, str]) -> ChartSpec:
    series_by = {
        "records": d.services.records,
        "people": d.services.people,
        "hours": d.services.hours,
    }[measure]
    titles = {
        "records": translate("Charts", "Services per month"),
        "people": translate("Charts", "People served per month"),
        "hours": translate("Charts", "Service hours per month"),
    }
    units = {
        "records": translate("Charts", "services"),
        "people": translate("Charts", "people served"),
        "hours": translate("Charts", "hours"),
    }
    return ChartSpec(
        key=f"services_{measure}",
        title=titles[measure],
        x_labels=tuple(_month_label(m) for m in d.services.months),
        series=tuple(
            Series(group_labels.get(g, g), tuple(series_by[g]), GROUP_COLOURS[g]) for g in GROUPS
        ),
        y_label=units[measure],
        decimals=1 if measure == "hours" else 0,
    )


def volunteer_spec(d: Dashboard) -> ChartSpec:
    return ChartSpec(
        key="volunteers",
        title=translate("Charts", "Volunteers active per month"),
        x_labels=tuple(_month_label(m) for m in d.volunteers.months),
        series=(
            Series(translate("Charts", "Volunteers active"), tuple(d.volunteers.active)),
            Series(
                translate("Charts", "Volunteer hours"),
                tuple(d.volunteers.hours),
                "#d08c2c",
                secondary=True,
            ),
        ),
        y_label=translate("Charts", "volunteers"),
        y2_label=translate("Charts", "hours"),
        decimals=1,
    )


def area_spec(d: Dashboard) -> ChartSpec:
    return ChartSpec(
        key="area",
        title=translate("Charts", "Facility area per 100 households"),
        x_labels=tuple(p.code for p in d.area.periods),
        series=(Series(translate("Charts", "m² per 100 households"), d.area.values),),
        kind="line",
        y_label="m²",
        line=d.area.line,
        line_label=translate("Charts", "Plan target"),
        decimals=1,
    )


def dashboard_specs(d: Dashboard, group_labels: dict[str, str]) -> dict[str, ChartSpec]:
    specs = {f"services_{m}": service_spec(d, m, group_labels) for m in MEASURES}
    specs["volunteers"] = volunteer_spec(d)
    specs["area"] = area_spec(d)
    return specs


def draw(ax: Any, spec: ChartSpec, *, compact: bool = False) -> None:
    """Draw ``spec`` on a matplotlib Axes (the window's canvas or the briefing's page)."""
    configure()  # the CJK fonts, whoever made the Axes
    xs = list(range(len(spec.x_labels)))
    ax.set_title(spec.title, fontsize=9 if compact else 10)
    if spec.kind == "line":
        for s in spec.series:
            ys = [float("nan") if v is None else v for v in s.values]
            ax.plot(xs, ys, marker="o", color=s.colour, label=s.name)
    else:
        _stacked_bars(ax, xs, [s for s in spec.series if not s.secondary])
        secondary = [s for s in spec.series if s.secondary]
        if secondary:
            ax2 = ax.twinx()
            for s in secondary:
                ax2.plot(xs, [v or 0.0 for v in s.values], color=s.colour, marker=".", label=s.name)
            ax2.set_ylabel(spec.y2_label)
            handles, labels = ax.get_legend_handles_labels()
            h2, l2 = ax2.get_legend_handles_labels()
            ax.legend(handles + h2, labels + l2, fontsize=7, loc="upper left")
    if spec.line is not None:
        ax.axhline(spec.line, color="#c0392b", linestyle="--", linewidth=1, label=spec.line_label)
    if spec.kind == "line" or (len(spec.series) > 1 and not any(s.secondary for s in spec.series)):
        ax.legend(fontsize=7, loc="upper left", ncol=2 if len(spec.series) > 2 else 1)
    ax.set_ylabel(spec.y_label)
    if spec.key.startswith("committees_"):
        ax.set_xticks([])  # one bar per committee: the names are in the table beside it
        ax.set_xlabel(translate("Charts", "Committees, lowest to highest"))
    else:
        step = max(1, len(xs) // (8 if compact else 12))
        ax.set_xticks(xs[::step])
        ax.set_xticklabels(spec.x_labels[::step], fontsize=7, rotation=0)
    ax.grid(axis="y", linewidth=0.3)
    if spec.kind == "line":  # room above the points and the line for the legend
        tops = [v for s in spec.series for v in s.values if v is not None]
        top = max([*tops, spec.line or 0.0, 1.0])
        ax.set_ylim(0, top * 1.35)
    else:
        ax.set_ylim(bottom=0)


def _stacked_bars(ax: Any, xs: list[int], series: list[Series]) -> None:
    """Stacked bars, one collection per series: a patch per bar costs ~10 ms of layout
    and drawing each (96 bars for 24 months of four groups)."""
    from matplotlib.collections import PolyCollection

    half = 0.4 if len(xs) <= MANY_BARS else 0.5  # many bars (committees) touch
    bottom = [0.0] * len(xs)
    for s in series:
        top = [b + (v or 0.0) for b, v in zip(bottom, s.values, strict=True)]
        boxes = [
            [(x - half, b), (x - half, t), (x + half, t), (x + half, b)]
            for x, b, t in zip(xs, bottom, top, strict=True)
        ]
        ax.add_collection(PolyCollection(boxes, facecolors=s.colour, label=s.name, linewidths=0))
        bottom = top
    ax.set_xlim(-0.5, len(xs) - 0.5)
    ax.set_ylim(0, max([*bottom, 1.0]) * 1.05)


def table_rows(spec: ChartSpec) -> tuple[list[str], list[list[str]]]:
    """The chart's numbers as a table: one row per x label, one column per series."""
    header = [s.name for s in spec.series]
    rows = []
    for i, x in enumerate(spec.x_labels):
        cells = [x]
        for s in spec.series:
            v = s.values[i]
            cells.append("—" if v is None else f"{v:,.{spec.decimals}f}")
        rows.append(cells)
    if spec.line is not None:
        header.append(spec.line_label)
        for row in rows:
            row.append(f"{spec.line:g}")
    return header, rows


def committee_spec(ti: Any, code: str) -> ChartSpec:
    """Every committee's value of one indicator (ascending), met and not met apart, against
    the plan's line: the township view's chart."""
    from commdesk.domain.indicators import MET, NOT_MET

    i = next(n for n, col in enumerate(ti.columns) if col.code == code)
    column = ti.columns[i]
    rows = sorted(
        (c for c in ti.committees if c.cells[i].value is not None),
        key=lambda c: c.cells[i].value,
    )
    targets = {c.cells[i].target.value for c in rows if c.cells[i].target is not None}
    return ChartSpec(
        key=f"committees_{code}",
        title=column.label,
        x_labels=tuple(c.name for c in rows),
        series=(
            Series(
                translate("Charts", "Met"),
                tuple(c.cells[i].value if c.cells[i].state == MET else 0.0 for c in rows),
                "#5aa469",
            ),
            Series(
                translate("Charts", "Not met"),
                tuple(c.cells[i].value if c.cells[i].state == NOT_MET else 0.0 for c in rows),
                "#c0392b",
            ),
        ),
        y_label=column.unit,
        line=targets.pop() if len(targets) == 1 else None,
        line_label=translate("Charts", "Plan target"),
        decimals=column.decimals,
    )
