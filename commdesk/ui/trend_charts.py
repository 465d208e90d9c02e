"""The overview's trend charts: a matplotlib canvas, and the same numbers as a table.

matplotlib is imported when the overview is first shown (its modules are loaded
on a worker thread while the figures are read, see :func:`preload`), never when
the window starts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.returns.charts import ChartSpec, table_rows

translate = QCoreApplication.translate

# The charts offered, in order: each a key of returns.charts.dashboard_specs.
CHART_KEYS = ("services_records", "services_people", "services_hours", "volunteers", "area")


def chart_title(key: str) -> str:
    return {
        "services_records": translate("TrendCharts", "Services by group"),
        "services_people": translate("TrendCharts", "People served by group"),
        "services_hours": translate("TrendCharts", "Service hours by group"),
        "volunteers": translate("TrendCharts", "Volunteers and their hours"),
        "area": translate("TrendCharts", "Facility area per 100 households"),
    }[key]


def preload() -> None:
    """Import matplotlib and its Qt canvas (called on the worker thread)."""
    from commdesk.returns.charts import configure

    configure()
    import matplotlib.backends.backend_qtagg
    import matplotlib.figure  # noqa: F401


class TrendCharts(QWidget):
    """One chart at a time, chosen from a list, with a toggle to its numbers."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendCharts")
        self.specs: dict[str, ChartSpec] = {}
        self.canvas: Any = None
        self.chooser = QComboBox(self)
        self.chooser.setObjectName("chartChooser")
        for key in CHART_KEYS:
            self.chooser.addItem(chart_title(key), key)
        self.chooser.currentIndexChanged.connect(lambda _i: self._show_current())
        self.numbers = QPushButton(translate("TrendCharts", "Show numbers"), self)
        self.numbers.setObjectName("chartNumbers")
        self.numbers.setCheckable(True)
        self.numbers.toggled.connect(self._toggle_numbers)
        self.stack = QStackedWidget(self)
        self.placeholder = QLabel(translate("TrendCharts", "Drawing…"), self)
        self.stack.addWidget(self.placeholder)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("chartTable")
        self.table.setMinimumHeight(60)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.stack.addWidget(self.table)
        head = QHBoxLayout()
        head.addWidget(self.chooser, 1)
        head.addWidget(self.numbers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.stack, 1)

    def current_key(self) -> str:
        return str(self.chooser.currentData())

    def current_spec(self) -> ChartSpec | None:
        return self.specs.get(self.current_key())

    def set_specs(self, specs: dict[str, ChartSpec]) -> None:
        self.specs = specs
        self._show_current()

    def _ensure_canvas(self) -> Any:
        if self.canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            from commdesk.returns.charts import configure

            configure()
            self.canvas = FigureCanvasQTAgg(Figure(figsize=(5, 3), layout="constrained"))
            self.canvas.setObjectName("chartCanvas")
            self.canvas.setMinimumHeight(60)  # the page must fit a 1366×768 screen
            self.stack.insertWidget(0, self.canvas)
        return self.canvas

    def _toggle_numbers(self, on: bool) -> None:
        if on:
            self.numbers.setText(translate("TrendCharts", "Show chart"))
        else:
            self.numbers.setText(translate("TrendCharts", "Show numbers"))
        self._show_current()

    def _show_current(self) -> None:
        spec = self.current_spec()
        if spec is None:
            return
        if self.numbers.isChecked():
            self._fill_table(spec)
            self.stack.setCurrentWidget(self.table)
            return
        from commdesk.returns.charts import draw

        canvas = self._ensure_canvas()
        figure = canvas.figure
        figure.clear()
        draw(figure.add_subplot(), spec)
        canvas.draw_idle()
        self.stack.setCurrentWidget(canvas)

    def _fill_table(self, spec: ChartSpec) -> None:
        header, rows = table_rows(spec)
        self.table.clear()
        self.table.setColumnCount(len(header))
        self.table.setRowCount(len(rows))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setVerticalHeaderLabels([r[0] for r in rows])
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells[1:]):
                self.table.setItem(r, c, QTableWidgetItem(text))
