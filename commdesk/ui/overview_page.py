"""The overview (概览): recent activity, the ledgers' size and the returns to send now.

The figures are gathered on a worker thread (the year's totals sum a few hundred
thousand records on a large ledger) each time the page is shown or, while it is
shown, when a ledger changes.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from commdesk.store.services.overview import Activity, Overview, overview
from commdesk.ui.context import UiContext
from commdesk.ui.display import format_number
from commdesk.ui.due_returns import DueReturnsPanel
from commdesk.ui.overview_dashboard import OverviewDashboard
from commdesk.ui.tasks import BackgroundTasks

translate = QCoreApplication.translate


def _range_text(a: Activity) -> str:
    return f"{a.first_day:%Y-%m-%d} – {a.last_day:%Y-%m-%d}"


class OverviewPage(QWidget):
    """Read-only figures with a way to the page each one comes from."""

    open_page = Signal(str)  # a sidebar key
    open_return = Signal(object)  # the Period to prepare on the returns page
    open_records = Signal(str, object)  # a ledger filtered to these ids (indicators)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page_overview")
        self._tasks = BackgroundTasks(self)
        self._build()
        ctx.events.changed.connect(self._on_data_changed)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        title = QLabel(translate("OverviewPage", "Overview"), self)
        title.setObjectName("pageTitle")
        self.status = QLabel(translate("OverviewPage", "Counting…"), self)
        self.status.setObjectName("hint")

        self.activity = QTableWidget(3, 3, self)
        self.activity.setObjectName("overviewActivity")
        self.activity.setHorizontalHeaderLabels(
            [
                translate("OverviewPage", "Service records"),
                translate("OverviewPage", "People served"),
                translate("OverviewPage", "Hours"),
            ]
        )
        self.activity.setVerticalHeaderLabels(
            [
                translate("OverviewPage", "This month"),
                translate("OverviewPage", "Last month"),
                translate("OverviewPage", "This year so far"),
            ]
        )
        self.activity.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activity.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.activity.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.activity.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.activity.setFixedHeight(
            self.activity.horizontalHeader().sizeHint().height()
            + 3 * self.activity.verticalHeader().defaultSectionSize()
            + 4
        )
        self.activity.cellDoubleClicked.connect(lambda *_: self.open_page.emit("services"))

        ledgers = QFrame(self)
        grid = QGridLayout(ledgers)
        grid.setContentsMargins(0, 0, 0, 0)
        self.counts: dict[str, QPushButton] = {}
        self._count_captions = {
            "volunteers": translate("OverviewPage", "Volunteers"),
            "teams": translate("OverviewPage", "Volunteer teams"),
            "workers": translate("OverviewPage", "Community workers"),
            "facilities": translate("OverviewPage", "Facilities"),
        }
        pages = {"teams": "volunteers"}  # the teams tab sits on the volunteers page
        for column, (key, caption) in enumerate(self._count_captions.items()):
            page = pages.get(key, key)
            button = QPushButton(caption, ledgers)
            button.setObjectName(f"overviewCount_{key}")
            button.setToolTip(translate("OverviewPage", "Open this ledger"))
            button.clicked.connect(lambda _=False, page=page: self.open_page.emit(page))
            grid.addWidget(button, 0, column)
            self.counts[key] = button

        # One list of the returns to send now: what, its period, deadline, state, action.
        self.due = DueReturnsPanel(self.ctx, self)
        self.due.open_return.connect(self.open_return)

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self.status)
        layout.addLayout(head)
        layout.addWidget(self._caption(translate("OverviewPage", "Services")))
        layout.addWidget(self.activity)
        layout.addWidget(self._caption(translate("OverviewPage", "Ledgers")))
        layout.addWidget(ledgers)
        layout.addWidget(self._caption(translate("OverviewPage", "Returns to send now")))
        layout.addWidget(self.due)
        # The dashboard scrolls on a small screen or large font instead of pushing the
        # window off it.
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        self.dashboard = OverviewDashboard(self.ctx, lower)
        self.dashboard.open_records.connect(self.open_records)
        self.dashboard.setMinimumHeight(230)
        lower_layout.addWidget(self.dashboard, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("overviewDashboardScroll")
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(lower)
        layout.addWidget(scroll, 1)

    def _caption(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # ------------------------------------------------------------ figures
    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def _on_data_changed(self, _name: str) -> None:
        if self.isVisible():
            self.refresh()

    def refresh(self, today: date | None = None) -> None:
        store = self.ctx.store
        self.due.refresh(today)
        self.status.setText(translate("OverviewPage", "Counting…"))
        self._tasks.run("overview", lambda: overview(store, today), self._show, self._failed)
        self.dashboard.refresh(today)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the figures are on the page (tests, self-test)."""
        return self._tasks.finish(msecs) and self.dashboard.wait(msecs)

    def _failed(self, exc: Exception) -> None:
        self.status.setText(
            translate("OverviewPage", "The figures could not be read: {error}").format(error=exc)
        )

    def _show(self, o: Overview) -> None:
        self.status.setText(
            translate("OverviewPage", "As of {date}").format(date=f"{o.today:%Y-%m-%d}")
        )
        for row, a in enumerate((o.this_month, o.last_month, o.year_to_date)):
            for column, value in enumerate((a.records, a.people_served, a.hours)):
                item = QTableWidgetItem(format_number(value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(_range_text(a))
                self.activity.setItem(row, column, item)
        for key, button in self.counts.items():
            button.setText(f"{self._count_captions[key]}  {getattr(o, key)}")
