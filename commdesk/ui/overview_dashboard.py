"""The overview's lower half: where the committee stands against the plan, and what moved.

For a chosen period (the quick periods of the returns page): the plan indicators
as of its end, its main figures, and the trend charts of the 24 months up to it,
gathered in one task on the page's worker thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from commdesk.domain.periods import QUICK_PERIODS, Period, quick_period
from commdesk.returns.dashboard import Dashboard
from commdesk.returns.indicator_text import figures_text
from commdesk.ui.context import UiContext
from commdesk.ui.indicators_panel import IndicatorsPanel
from commdesk.ui.quick_periods import quick_label
from commdesk.ui.tasks import BackgroundTasks
from commdesk.ui.trend_charts import TrendCharts, preload

translate = QCoreApplication.translate
DEFAULT_PERIOD = "this_year"


def gather(store: Any, period: Period) -> tuple[Dashboard, dict[str, str]]:
    """Runs on the worker thread: the figures and the group names (summaries: ~0.1 s)."""
    from commdesk.returns.dashboard import dashboard
    from commdesk.store.catalogue_store import load_catalogues

    d = dashboard(store, period)
    groups = load_catalogues(store)["service_group"]
    labels = {item.code: groups.label(item.code) for item in groups}
    return d, labels


class OverviewDashboard(QWidget):
    open_records = Signal(str, object)  # ledger name, ids
    numbers_shown = Signal()  # the figures and indicators are on screen
    shown = Signal()  # ... and the chart: the whole period is on screen

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overviewDashboard")
        self.ctx = ctx
        # Its own worker thread: the indicators and trends are gathered alongside the
        # page's counts, not after them.
        self._tasks = BackgroundTasks(self)
        # matplotlib (~0.5 s to import) loads on a second thread while the figures are
        # read; the numbers go on screen first, the chart as soon as both are there.
        self._charts_loader = BackgroundTasks(self)
        self._charts_ready = False
        self._specs: dict[str, Any] | None = None
        self._today: date | None = None
        self.data: Dashboard | None = None
        self.labels: dict[str, str] = {}
        self.written: Path | None = None  # the last briefing saved
        self.period_box = QComboBox(self)
        self.period_box.setObjectName("dashboardPeriod")
        for key in QUICK_PERIODS:
            self.period_box.addItem(quick_label(key), key)
        self.period_box.setCurrentIndex(self.period_box.findData(DEFAULT_PERIOD))
        self.period_box.activated.connect(lambda _i: self.refresh(self._today))
        self.briefing = QPushButton(translate("OverviewDashboard", "Briefing…"), self)
        self.briefing.setObjectName("dashboardBriefing")
        self.briefing.setEnabled(False)
        self.briefing.clicked.connect(self._save_briefing)
        self.figures = QLabel(self)
        self.figures.setObjectName("dashboardFigures")
        self.panel = IndicatorsPanel(self)
        self.panel.open_records.connect(self.open_records)
        self.charts = TrendCharts(self)

        title = QLabel(translate("OverviewDashboard", "Plan indicators and trends"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.figures, 1)
        head.addWidget(QLabel(translate("OverviewDashboard", "Period:"), self))
        head.addWidget(self.period_box)
        head.addWidget(self.briefing)
        body = QHBoxLayout()
        body.addWidget(self.panel, 1)
        body.addWidget(self.charts, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addLayout(body, 1)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the indicators and charts are on the page (tests, self-test)."""
        return self._tasks.finish(msecs) and self._charts_loader.finish(msecs)

    def period(self) -> Period:
        key = str(self.period_box.currentData())
        return quick_period(key, self._today or date.today())

    def refresh(self, today: date | None = None) -> None:
        self._today = today
        store, period = self.ctx.store, self.period()
        self.figures.setText(translate("OverviewDashboard", "Counting…"))
        self._specs = None
        self._tasks.run("dashboard", lambda: gather(store, period), self._show, self._failed)

    def _failed(self, exc: Exception) -> None:
        self.figures.setText(
            translate("OverviewDashboard", "The indicators could not be read: {error}").format(
                error=exc
            )
        )

    def _show(self, result: tuple[Dashboard, dict[str, str]]) -> None:
        from commdesk.returns.charts import dashboard_specs

        d, labels = result
        self.data, self.labels = d, labels
        self.figures.setText(figures_text(d.period, d.figures))
        self.panel.set_report(d.indicators)
        self.briefing.setEnabled(True)
        self._specs = dashboard_specs(d, labels)
        self.numbers_shown.emit()
        if not self._charts_ready:
            # Only now: importing matplotlib beside the figures' queries would hold the
            # GIL they need (cold, the figures waited 0.9 s instead of 0.2 s).
            self._charts_loader.run("charts", preload, self._loaded, self._failed)
        self._draw_if_ready()

    def _loaded(self, _result: object) -> None:
        self._charts_ready = True
        self._draw_if_ready()

    def _draw_if_ready(self) -> None:
        if self._charts_ready and self._specs is not None:
            self.charts.set_specs(self._specs)
            self._specs = None
            self.shown.emit()

    def _save_briefing(self) -> None:
        from commdesk.ui.briefing_action import save_briefing

        if self.data is not None:
            save_briefing(
                self, self.ctx.settings, self._tasks, self.data, self.labels, self._written
            )

    def _written(self, path: Path) -> None:
        self.written = path
        self.briefing.setToolTip(
            translate("OverviewDashboard", "Briefing saved: {path}").format(path=path)
        )
        if self.data is not None:
            figures = figures_text(self.data.period, self.data.figures)
            saved = translate("OverviewDashboard", "briefing saved as {name}")
            self.figures.setText(f"{figures}; {saved.format(name=path.name)}")
